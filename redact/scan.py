"""``redact scan``: find PHI in files and directories without ever printing it.

Meant for the last line of defence before data leaves a team (a pre-commit hook, a CI job): it
reports *where* identifiers are, as ``path:line:col: ENTITY [letter] score preview``, where the
preview keeps only the first letter of each word and masks every digit (``J*** S****``,
``***-**-****``). The matched value itself is never printed, logged, written to a report or
put in an exception message.

Fail closed:

* an unreadable or undecodable file is an error (exit 2), never treated as clean;
* binary files (NUL bytes, or a known binary format) are skipped *and listed*;
* exit codes: 0 clean, 1 something found, 2 error (errors win over findings).

False positives are controlled three ways, none of which weakens the rest of the scan: the
policy's ``[allow] terms/patterns`` (applied by :class:`redact.Redactor`), an inline pragma
``redact: allow`` on a line, and a baseline of keyed fingerprints (:mod:`redact.baseline`).

CSV and TSV files are scanned as text, line by line, like every other text file, and the
cells of their identifier columns are reported as well (column roles of the CSV path, see
:mod:`redact.scan_tables`).
"""

from __future__ import annotations

import codecs
import fnmatch
import json
import os
import re
import stat
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from recognizers.base import Hit
from redact._version import __version__
from redact.baseline import Baseline, BaselineError, fingerprint
from redact.keys import KeyError_
from redact.letters import ENTITIES, ENTITY_LETTER, SAFE_HARBOR
from redact.policy import SAFE_HARBOR_OPERATORS, Policy
from redact.redactor import Redactor, merge
from redact.scan_tables import column_hits, delimiter_for
from redact.textio import InputError, read_text

FORMATS = ("text", "json", "sarif")
EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
REPORT_FORMAT_VERSION = 1

PRAGMA = re.compile(r"redact:\s*allow\b", re.IGNORECASE)
"""``redact: allow`` anywhere on a line (in any comment syntax) accepts that line's findings."""

SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs"})
"""Version-control metadata: never content anyone pushes onward."""

BINARY_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".ico", ".webp", ".heic",
    ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".jar",
    ".whl", ".egg", ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt", ".odt", ".ods", ".odp",
    ".mp3", ".mp4", ".m4a", ".wav", ".flac", ".ogg", ".avi", ".mov", ".mkv", ".webm",
    ".so", ".dll", ".dylib", ".exe", ".o", ".a", ".pyc", ".pyo", ".class", ".wasm",
    ".sqlite", ".sqlite3", ".db", ".parquet", ".feather", ".arrow", ".npy", ".npz", ".pkl",
    ".pickle", ".h5", ".hdf5", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".dcm",
})
"""Formats that are binary by construction: skipped (and listed) without being read."""

_UNICODE_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_KEEP_IN_PREVIEW = frozenset("-()./@,:;'_+#&[]")
PREVIEW_MAX = 64


class ScanError(Exception):
    """A problem with the scan as a whole (options, policy, baseline): exit 2, nothing scanned."""


@dataclass(frozen=True, slots=True)
class ScanFinding:
    """One identifier in one file: where it is, what it is, a masked preview; never the value.

    ``column`` and ``end_column`` count characters (Unicode code points) from 1; the end is
    exclusive. ``fingerprint`` is set only when a baseline is in use; it is never printed.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    entity: str
    letter: str
    score: float
    preview: str
    fingerprint: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column,
                "entity": self.entity, "letter": self.letter, "score": self.score,
                "preview": self.preview}


@dataclass(slots=True)
class FileResult:
    """What happened to one file: scanned (with findings), skipped (why) or error (why)."""

    path: str
    status: str = "scanned"  # "scanned" | "skipped" | "error"
    reason: str = ""  # for skipped / error: names the file and line, never the content
    findings: list[ScanFinding] = field(default_factory=list)
    pragma_allowed: int = 0
    chars: int = 0


@dataclass(frozen=True, slots=True)
class Target:
    """A file to scan: how to show it, and where to read it (``-`` for standard input)."""

    display: str
    path: str


# -- masking ---------------------------------------------------------------------------------
def mask_preview(value: str) -> str:
    """The first letter of each word, every other letter and every digit as ``*``.

    Whitespace becomes a space (one finding, one output line); a few separators (``-``,
    ``.``, ``@``, ``/``, ...) are kept so that the shape of the identifier shows; anything
    else is masked. Long values are cut at :data:`PREVIEW_MAX` characters.
    """
    out: list[str] = []
    prev_alnum = False
    for ch in value[:PREVIEW_MAX]:
        if ch.isspace():
            out.append(" ")
        elif ch.isalpha() and not prev_alnum:
            out.append(ch)
        elif ch in _KEEP_IN_PREVIEW:
            out.append(ch)
        else:
            out.append("*")
        prev_alnum = ch.isalnum()
    if len(value) > PREVIEW_MAX:
        out.append("…")
    return "".join(out)


def display_path(path: str) -> str:
    """A path safe to print on one line: control characters become ``?``."""
    return "".join("?" if (ord(c) < 32 or ord(c) == 127) else c for c in path)


# -- the scanner (runs in worker processes too) ----------------------------------------------
class _OnlyEntities(Redactor):
    """A Redactor restricted to some entity types *before* overlapping hits are merged, so a
    restricted type is not lost under a more confident hit of a type that was left out."""

    def __init__(self, policy: Policy, only: frozenset[str]) -> None:
        super().__init__(policy)
        self._only = only

    def hits(self, text: str) -> list[Any]:
        found = super().hits(text)  # not inside the comprehension: Cython compiles this
        return [h for h in found if h.entity in self._only]


class Scanner:
    """Scans one text or file at a time; built once per process.

    :param policy: min_score and ``[allow]`` lists are used; operators are not (scanning
        rewrites nothing, so it never needs a key)
    :param entities: report only these entity types (None: all)
    :param salt: a baseline's salt: findings then carry their keyed fingerprint
    :param encoding: of text files without a Unicode byte-order mark
    """

    def __init__(self, policy: Policy | None = None, *, entities: Iterable[str] | None = None,
                 salt: bytes | None = None, encoding: str = "utf-8") -> None:
        policy = replace(policy or Policy(), operators=dict(SAFE_HARBOR_OPERATORS))
        only = frozenset(entities) if entities is not None else None
        self.redactor = (_OnlyEntities(policy, only) if only is not None
                         and only != frozenset(ENTITIES) else Redactor(policy))
        self.salt = salt
        self.encoding = encoding
        self.policy = policy
        self.only = only
        # column roles of CSV files need redact.columns (the CSV path); without it, CSV files
        # are scanned as text only
        try:
            import redact.columns  # noqa: F401
            self.tables = True
        except ImportError:  # pragma: no cover - only before the CSV path is installed
            self.tables = False
        self._allow_terms = frozenset(t.casefold() for t in policy.allow_terms)
        self._allow_res = [re.compile(p) for p in policy.allow_patterns]

    def scan_file(self, target: Target) -> FileResult:
        """Read, classify and scan one file; never raises for a problem with the file."""
        name = target.display
        if target.path != "-" and Path(target.path).suffix.lower() in BINARY_SUFFIXES:
            return FileResult(name, "skipped", "binary file (by extension)")
        try:
            raw = sys.stdin.buffer.read() if target.path == "-" else \
                Path(target.path).read_bytes()
        except IsADirectoryError:
            return FileResult(name, "error", f"{name}: is a directory")
        except OSError as exc:
            return FileResult(name, "error", f"{name}: cannot read: {exc.strerror}")
        try:
            text = decode(name, raw, self.encoding)
        except InputError as exc:
            return FileResult(name, "error", str(exc))
        if text is None:
            return FileResult(name, "skipped", "binary file (NUL bytes)")
        suffix = Path(target.path).suffix.lower() if target.path != "-" else ""
        try:
            return self.scan_text(text, name, suffix=suffix)
        except Exception as exc:  # a bug must fail this file closed, quietly
            # the exception's message could quote the text: only its type is reported
            return FileResult(name, "error", f"{name}: internal error while scanning "
                              f"({type(exc).__name__}); the file was not checked")

    def scan_text(self, text: str, name: str, *, suffix: str = "") -> FileResult:
        """Findings in a decoded text, with lines, columns, previews and fingerprints.

        ``suffix`` ``.csv``/``.tsv``: cells of identifier columns are reported too
        (:mod:`redact.scan_tables`).
        """
        result = FileResult(name, chars=len(text))
        findings = self.redactor.analyze(text)
        delimiter = delimiter_for(suffix, text) if self.tables else None
        if delimiter is not None:
            cells = [h for h in column_hits(text, delimiter, self.policy,
                                            self.policy.today().year, self.only)
                     if h.score >= self.policy.min_score
                     and not self._allowed(text[h.start:h.end])]
            if cells:
                findings = merge([Hit(f.start, f.end, f.entity, f.score, f.recognizer)
                                  for f in findings] + cells)
        if not findings:
            return result
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        allowed_lines = {bisect_right(line_starts, m.start()) for m in PRAGMA.finditer(text)}
        for f in findings:
            line = bisect_right(line_starts, f.start)
            end_line = bisect_right(line_starts, max(f.start, f.end - 1))
            if allowed_lines and any(n in allowed_lines for n in range(line, end_line + 1)):
                result.pragma_allowed += 1
                continue
            value = text[f.start:f.end]
            result.findings.append(ScanFinding(
                path=name, line=line, column=f.start - line_starts[line - 1] + 1,
                end_line=end_line, end_column=f.end - line_starts[end_line - 1] + 1,
                entity=f.entity, letter=f.safe_harbor, score=round(f.score, 2),
                preview=mask_preview(value),
                fingerprint=("" if self.salt is None
                             else fingerprint(self.salt, f.entity, value))))
        return result

    def _allowed(self, value: str) -> bool:
        """The policy's ``[allow]`` lists, as :class:`Redactor` applies them to text hits."""
        if value.casefold() in self._allow_terms:
            return True
        return any(r.fullmatch(value) for r in self._allow_res)


def decode(name: str, raw: bytes, encoding: str = "utf-8") -> str | None:
    """Text of a file, or None if it is binary (contains NUL bytes).

    UTF-16 and UTF-32 files are recognised by their byte-order mark and decoded (their NUL
    bytes would otherwise make them look binary and be skipped: fail open). Undecodable
    text raises :class:`InputError` naming the line and column, never the content.
    """
    for bom, codec in _UNICODE_BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: byte {exc.start}: cannot decode as {codec}") \
                    from None
    if b"\x00" in raw:
        return None
    return read_text(name, raw, encoding)[0]


# -- collecting files ------------------------------------------------------------------------
def collect(paths: Sequence[str], exclude: Sequence[str] = (),
            ignore: Iterable[Path] = ()) -> list[Target | FileResult]:
    """Expand paths into files to scan, in a stable order (arguments in the order given,
    files within a folder sorted).

    Folders are walked with version-control folders and ``exclude`` globs pruned; symbolic
    links are not followed. What is known without reading a file is returned as a
    :class:`FileResult` in its place: missing paths and unlistable folders (errors), symlinks
    and special files (skipped). ``ignore``: files never scanned (the baseline itself).
    """
    items: list[Target | FileResult] = []
    seen: set[str] = set()
    ignored = {os.path.realpath(p) for p in ignore}

    def excluded(rel: str) -> bool:
        rel = os.path.normpath(rel).replace(os.sep, "/")
        base = rel.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(base, g)
                   for g in exclude)

    def add_file(path: str, st: os.stat_result | None) -> None:
        name = display_path(os.path.normpath(path))
        real = os.path.realpath(path)
        if real in ignored or real in seen:
            return
        seen.add(real)
        if st is None:
            try:
                st = os.lstat(path)
            except OSError as exc:
                items.append(FileResult(name, "error", f"{name}: cannot read: {exc.strerror}"))
                return
        if stat.S_ISLNK(st.st_mode):
            items.append(FileResult(name, "skipped", "symbolic link (not followed)"))
        elif not stat.S_ISREG(st.st_mode):
            items.append(FileResult(name, "skipped", "not a regular file"))
        else:
            items.append(Target(name, path))

    for path in paths:
        if path == "-":
            if "-" not in seen:
                seen.add("-")
                items.append(Target("<stdin>", "-"))
            continue
        if excluded(path):
            continue
        try:
            st = os.lstat(path)
        except OSError as exc:
            name = display_path(path)
            why = "no such file or directory" if isinstance(exc, FileNotFoundError) \
                else f"cannot read: {exc.strerror}"
            items.append(FileResult(name, "error", f"{name}: {why}"))
            continue
        if not stat.S_ISDIR(st.st_mode):
            add_file(path, st)
            continue
        errors: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=errors.append, followlinks=False):
            while errors:  # an unreadable folder is not clean: report it where it was met
                exc = errors.pop(0)
                name = display_path(os.path.normpath(str(exc.filename)))
                items.append(FileResult(name, "error",
                                        f"{name}: cannot list folder: {exc.strerror}"))
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                             and not excluded(os.path.join(root, d)))
            for fname in sorted(files):
                full = os.path.join(root, fname)
                if not excluded(full):
                    add_file(full, None)
        for exc in errors:
            name = display_path(os.path.normpath(str(exc.filename)))
            items.append(FileResult(name, "error", f"{name}: cannot list folder: {exc.strerror}"))
    return items


# -- running ---------------------------------------------------------------------------------
_WORKER: Scanner | None = None


def _init_worker(policy: Policy, entities: frozenset[str] | None, salt: bytes | None,
                 encoding: str) -> None:
    global _WORKER
    _WORKER = Scanner(policy, entities=entities, salt=salt, encoding=encoding)


def _scan_in_worker(target: Target) -> FileResult:
    assert _WORKER is not None
    return _WORKER.scan_file(target)


def scan_targets(targets: Sequence[Target], *, policy: Policy | None = None,
                 entities: Iterable[str] | None = None, salt: bytes | None = None,
                 encoding: str = "utf-8", jobs: int = 1) -> list[FileResult]:
    """Scan files, in order; with ``jobs`` > 1 in that many processes (one Scanner each,
    0 = one per CPU). Building the Scanner here first also surfaces a bad policy or key
    before any worker starts."""
    only = frozenset(entities) if entities is not None else None
    scanner = Scanner(policy, entities=only, salt=salt, encoding=encoding)
    jobs = jobs or (os.cpu_count() or 1)
    files = [t for t in targets if t.path != "-"]
    if jobs <= 1 or len(files) <= 1:
        return [scanner.scan_file(t) for t in targets]
    results: dict[Target, FileResult] = {}
    for t in targets:
        if t.path == "-":  # standard input belongs to this process
            results[t] = scanner.scan_file(t)
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=_init_worker,
                             initargs=(policy or Policy(), only, salt, encoding)) as pool:
        for target, result in zip(files, pool.map(_scan_in_worker, files, chunksize=1)):
            results[target] = result
    return [results[t] for t in targets]


@dataclass
class ScanReport:
    """Everything a scan found, after the baseline: what the output formats render."""

    results: list[FileResult]
    findings: list[ScanFinding]  # not accepted by the baseline
    baselined: int = 0
    baseline: Baseline | None = None
    policy: Policy | None = None

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "error"]

    @property
    def skipped(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "skipped"]

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_FOUND if self.findings else EXIT_CLEAN

    def summary(self) -> dict[str, Any]:
        scanned = [r for r in self.results if r.status == "scanned"]
        return {
            "files_scanned": len(scanned),
            "files_with_findings": len({f.path for f in self.findings}),
            "findings": len(self.findings),
            "by_entity": dict(sorted(Counter(f.entity for f in self.findings).items())),
            "by_letter": dict(sorted(Counter(f.letter for f in self.findings).items())),
            "baselined": self.baselined,
            "pragma_allowed": sum(r.pragma_allowed for r in self.results),
            "skipped": len(self.skipped),
            "errors": len(self.errors),
            "chars_scanned": sum(r.chars for r in scanned),
        }

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` document (schema: ``redact/data/scan-report.schema.json``)."""
        return {
            "tool": "redact",
            "version": __version__,
            "format_version": REPORT_FORMAT_VERSION,
            "exit_code": self.exit_code,
            "policy": _policy_summary(self.policy or Policy()),
            "baseline": None if self.baseline is None else {
                "path": str(self.baseline.path), "fingerprints": len(self.baseline)},
            "findings": [f.to_dict() for f in self.findings],
            "skipped": [{"path": r.path, "reason": r.reason} for r in self.skipped],
            "errors": [{"path": r.path, "message": r.reason} for r in self.errors],
            "summary": self.summary(),
        }


def _policy_summary(policy: Policy) -> dict[str, Any]:
    """The parts of a policy that matter to a scan (operators do not: nothing is rewritten)."""
    return {"source": policy.source, "min_score": policy.min_score,
            "allow_terms": len(policy.allow_terms), "allow_patterns": len(policy.allow_patterns)}


def apply_baseline(results: list[FileResult], baseline: Baseline | None,
                   policy: Policy | None = None) -> ScanReport:
    """Split findings into accepted (in the baseline) and reported."""
    findings: list[ScanFinding] = []
    baselined = 0
    for r in results:
        for f in r.findings:
            if baseline is not None and f.fingerprint in baseline:
                baselined += 1
            else:
                findings.append(f)
    return ScanReport(results, findings, baselined, baseline, policy)


# -- output ----------------------------------------------------------------------------------
def format_text(report: ScanReport) -> str:
    """One line per finding: ``path:line:col: ENTITY [letter] score preview``."""
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.entity} [{f.letter}] {f.score:.2f} "
                   f"{f.preview}\n" for f in report.findings)


def format_json(report: ScanReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render(report: ScanReport, fmt: str) -> str:
    if fmt == "text":
        return format_text(report)
    if fmt == "json":
        return format_json(report)
    if fmt == "sarif":
        from redact.sarif import to_sarif

        return json.dumps(to_sarif(report), indent=2, ensure_ascii=False) + "\n"
    raise ScanError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")


def notes(report: ScanReport, *, baseline_hint: str | None = None) -> list[str]:
    """The lines for standard error: skipped files, errors, a summary and what to do next."""
    lines = [f"redact: skipped {r.path}: {r.reason}" for r in report.skipped]
    lines += [f"redact: error: {r.reason}" for r in report.errors]
    s = report.summary()
    extra = []
    if s["baselined"]:
        extra.append(f"{s['baselined']} accepted by the baseline")
    if s["pragma_allowed"]:
        extra.append(f"{s['pragma_allowed']} allowed by 'redact: allow'")
    if s["skipped"]:
        extra.append(f"{s['skipped']} file{'s' if s['skipped'] != 1 else ''} skipped")
    if s["errors"]:
        extra.append(f"{s['errors']} error{'s' if s['errors'] != 1 else ''}")
    tail = f" ({'; '.join(extra)})" if extra else ""
    files = f"{s['files_scanned']} file{'s' if s['files_scanned'] != 1 else ''}"
    if s["findings"]:
        kinds = ", ".join(f"{e} {n}" for e, n in s["by_entity"].items())
        lines.append(f"redact: {s['findings']} finding{'s' if s['findings'] != 1 else ''} "
                     f"({kinds}) in {s['files_with_findings']} of {files}{tail}")
        hint = baseline_hint or ".redact-baseline.json"
        lines.append("redact: values are never shown. Remove them, mark a line with "
                     "'redact: allow', or accept them after review with: redact scan "
                     f"--baseline {hint} --update-baseline PATHS")
    else:
        lines.append(f"redact: no findings in {files}{tail}")
    if s["errors"]:
        lines.append("redact: files with errors were not scanned; they are not clean")
    return lines


# -- the command -----------------------------------------------------------------------------
def parse_entities(spec: str | None) -> frozenset[str] | None:
    """``NAME,SSN`` or Safe Harbor letters ``A,G`` (mixed, any case) -> entity types."""
    if spec is None:
        return None
    by_letter = {i.letter: i.entities for i in SAFE_HARBOR}
    out: set[str] = set()
    for item in (x.strip().upper() for x in spec.split(",")):
        if not item:
            continue
        if item in ENTITY_LETTER:
            out.add(item)
        elif item in by_letter:
            out.update(by_letter[item])
        else:
            raise ScanError(f"--entities: unknown entity type or letter {item!r}; allowed: "
                            f"A-R or {', '.join(ENTITIES)}")
    if not out:
        raise ScanError("--entities: no entity type given")
    return frozenset(out)


def run(paths: Sequence[str], *, policy: Policy, fmt: str = "text", output: str | None = None,
        baseline_path: str | None = None, update_baseline: bool = False, jobs: int = 1,
        min_score: float | None = None, entities: str | None = None,
        exclude: Sequence[str] = (), encoding: str = "utf-8",
        out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The ``redact scan`` command; returns the exit code. Raises :class:`ScanError` for a
    problem with the scan as a whole (nothing is scanned or written then)."""
    from redact.textio import atomic_outputs

    out = out or sys.stdout
    err = err or sys.stderr
    if fmt not in FORMATS:
        raise ScanError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if update_baseline and not baseline_path:
        raise ScanError("--update-baseline needs --baseline FILE")
    if min_score is not None:
        policy = replace(policy, min_score=min_score)
    only = parse_entities(entities)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ScanError(f"unknown encoding {encoding!r}") from None
    baseline = None
    if baseline_path:
        try:
            baseline = Baseline.load(baseline_path)
        except BaselineError as exc:
            raise ScanError(str(exc)) from None
    items = collect(paths or ["."], exclude,
                    ignore=[Path(baseline_path)] if baseline_path else [])
    targets = [t for t in items if isinstance(t, Target)]
    try:
        scanned = iter(scan_targets(targets, policy=policy, entities=only,
                                    salt=baseline.salt if baseline is not None else None,
                                    encoding=encoding, jobs=jobs))
    except KeyError_ as exc:  # a malformed $REDACT_KEY, although scanning needs no key
        raise ScanError(str(exc)) from None
    results = [next(scanned) if isinstance(t, Target) else t for t in items]
    report = apply_baseline(results, baseline, policy)

    if update_baseline:
        assert baseline is not None and baseline_path is not None
        for line in [f"redact: skipped {r.path}: {r.reason}" for r in report.skipped] + \
                [f"redact: error: {r.reason}" for r in report.errors]:
            print(line, file=err)
        if report.errors:
            print("redact: baseline not written: files with errors were not scanned",
                  file=err)
            return EXIT_ERROR
        added = sum(baseline.add(f.fingerprint, f.entity) for f in report.findings)
        try:
            with atomic_outputs() as writer:
                writer.add(Path(baseline_path), baseline.dumps())
        except OSError as exc:
            raise ScanError(f"{baseline_path}: cannot write baseline: {exc.strerror}") from None
        print(f"redact: {baseline_path}: {added} fingerprint{'s' if added != 1 else ''} added "
              f"({len(baseline)} in total; {report.summary()['files_scanned']} files scanned)",
              file=err)
        return EXIT_CLEAN

    document = render(report, fmt)
    if output:
        try:
            with atomic_outputs() as writer:
                writer.add(Path(output), document.encode("utf-8"))
        except OSError as exc:
            raise ScanError(f"{output}: cannot write: {exc.strerror}") from None
    else:
        out.write(document)
        out.flush()
    for line in notes(report, baseline_hint=baseline_path):
        print(line, file=err)
    return report.exit_code
