"""Redacting tables: each column by its role, row after row, with bounded memory.

A column's role (see :mod:`redact.columns`) picks one cell function:

* an entity type: the policy's operator for that entity replaces the whole cell, without NLP
  (names -> tag/hash/surrogate, dates -> year or keyed shift, birth dates implying an age
  over 89 and ages over 89 -> ``90+``, ZIP -> ZIP3 or ``000``, IDs -> tag/hash, ...);
* ``text``: the cell goes through the analyzer and only the PHI inside it is replaced;
* ``keep``: untouched (a ``keep`` chosen by header still scans cells that do not look like
  its kind of value).

Empty cells and cells that only say "no value" (``NULL``, ``N/A``, ...) stay as they are in
structured columns. Results of cell functions that do not depend on the subject are memoised
per column (bounded), which is what makes a million-row table take seconds: a ZIP column has a
few thousand distinct values, a RACE column a handful.

:class:`ChunkTransformer` turns a chunk of CSV bytes into redacted bytes; cells that are not
changed are copied raw, so they stay byte-identical. It is what every worker process runs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, islice
from typing import Any, NamedTuple

from redact.columns import GUARDS, NULLS, SAMPLE_ROWS, Column, Plan, plan_columns
from redact.csvio import (
    QUOTE,
    QUOTE_PROBLEM,
    Dialect,
    RowError,
    column_name,
    count_boundaries,
    decode_chunk,
    ragged,
    record_lines,
    split_quoted,
    split_records,
)
from redact.headers import CATEGORY_WORDS
from redact.letters import ENTITY_LETTER

CellFn = Callable[[str, str], str]
"""(cell value, subject) -> new cell value."""

CACHE_ENTRIES = 400_000
"""Memoised cell results per transformer, shared out between the columns that memoise."""
CACHE_MAX_CHARS = 200
TEXT_CACHE_ENTRIES = 50_000
"""At most this many scanned cells are remembered per text column (~25 MB at worst)."""
_ISO_T = re.compile(r"(\d{4}-\d{2}-\d{2})(T\d.*)", re.S)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AGE_NUMBER = re.compile(r"\d{1,3}(?:\.\d+)?")
_YOUNG_UNIT = re.compile(r"(?i)(?<![a-z])(?:mo|mos|months?|wks?|weeks?|d|days?|hrs?|hours?)"
                         r"(?![a-z])")
_SUBJECT_OPS = ("shift", "surrogate")


class ChunkResult(NamedTuple):
    """What a worker sends back: output bytes, records seen, and counts (never values)."""

    data: bytes
    records: int
    changed: list[int]  # cells changed, per column
    entities: dict[str, int]  # findings per entity type


class RowTransformer:
    """The cell functions of one plan, built once per process from a :class:`Redactor`.

    Three kinds, so that the per-row loop does as little as possible:

    * ``consts``: (column, replacement) where the operator ignores the value (tag, remove);
    * ``guards``: (column, values already cleared, check, text scan) for header-chosen keeps:
      a cell that passes the check (a known category word, a number, a code) stays, any
      other is scanned as text and stays only if the scan finds nothing;
    * ``fns``: (column, cell function) for everything else, memoised where the result does
      not depend on the subject.
    """

    def __init__(self, redactor: Any, plan: Plan) -> None:
        self.redactor = redactor
        self.plan = plan
        self.policy = redactor.policy
        self.entities: Counter[str] = Counter()
        self.subject_dependent = any(self.policy.operator_for(e) in _SUBJECT_OPS
                                     for e in ("DATE", "BIRTH_DATE"))
        self.subject = plan.subject if self.subject_dependent else None
        memo_columns = sum(1 for c in plan.columns if c.role not in ("keep", "text")
                           and self.policy.operator_for(c.role) not in ("tag", "remove"))
        memo_columns += sum(1 for c in plan.columns if c.role == "text" or c.guard)
        self._cache_size = max(5000, CACHE_ENTRIES // max(1, memo_columns))
        self.consts: list[tuple[int, str]] = []
        self.guards: list[tuple[int, set[str], Callable[[str], bool], CellFn]] = []
        self.fns: list[tuple[int, CellFn]] = []
        for col in plan.columns:
            self._add(col)

    def _add(self, col: Column) -> None:
        i = col.index
        if col.role == "keep":
            if col.guard:
                check = _known_category if col.guard == "category" else GUARDS[col.guard]
                self.guards.append((i, set(), check, self._text_fn()))
            return
        if col.role == "text":
            self.fns.append((i, self._text_fn()))
            return
        op = self.policy.operator_for(col.role)
        if op == "keep":
            return
        if op in ("tag", "remove") and col.role != "AGE":
            self.consts.append((i, self.redactor.replace(col.role, "x")))
            return
        self.fns.append((i, self._structured_fn(col.role, op)))

    # -- cell functions ----------------------------------------------------------------
    def _structured_fn(self, entity: str, op: str) -> CellFn:
        """The policy's operator on a whole cell, memoised unless it depends on the subject."""
        if entity == "AGE":
            return self._memo(self._age_fn(op))
        replace = self.redactor.replace
        if entity in ("DATE", "BIRTH_DATE"):
            keep_time = op in _SUBJECT_OPS

            def date(v: str, s: str) -> str:
                m = _ISO_T.fullmatch(v.strip())  # 2019-02-17T05:07:38Z: date part, then time
                if m is None:
                    return replace(entity, v, subject=s)
                out = replace(entity, m.group(1), subject=s)
                return out + m.group(2) if keep_time and _ISO_DATE.fullmatch(out) else out

            return date if keep_time else self._memo(date)

        def whole(v: str, s: str) -> str:
            return replace(entity, v, subject=s)

        return self._memo(whole)

    def _memo(self, fn: CellFn) -> CellFn:
        """Memoise a subject-independent cell function (bounded: cleared when full).
        Blank cells stay blank."""
        cache: dict[str, str] = {}
        limit = self._cache_size

        def memo(v: str, s: str) -> str:
            out = cache.get(v)
            if out is None:
                out = v if v.isspace() else fn(v, s)
                if len(v) <= CACHE_MAX_CHARS:
                    if len(cache) >= limit:
                        cache.clear()
                    cache[v] = out
            return out

        return memo

    def _text_fn(self) -> CellFn:
        """Scan a cell as free text; findings are counted even when served from the cache."""
        redact = self.redactor.redact
        entities = self.entities
        cache: dict[Any, tuple[str, tuple[tuple[str, int], ...]]] = {}
        limit = min(self._cache_size, TEXT_CACHE_ENTRIES)  # longer entries: a smaller cap
        by_subject = self.subject_dependent

        def text(v: str, s: str) -> str:
            key: Any = (s, v) if by_subject else v
            hit = cache.get(key)
            if hit is None:
                result = redact(v, subject=s)
                hit = (result.text, tuple(result.counts().items()))
                if len(v) <= CACHE_MAX_CHARS:
                    if len(cache) >= limit:
                        cache.clear()
                    cache[key] = hit
            for entity, n in hit[1]:
                entities[entity] += n
            return hit[0]

        return text

    def _age_fn(self, op: str) -> CellFn:
        """Ages of 89 and under (and ages in months, weeks, days) stay; others -> policy."""
        replace = self.redactor.replace
        tag = self.policy.tag_format.format(entity="AGE", letter=ENTITY_LETTER["AGE"])

        def age(v: str, s: str) -> str:
            numbers = _AGE_NUMBER.findall(v)
            if numbers and (_YOUNG_UNIT.search(v) or max(float(n) for n in numbers) <= 89):
                return v
            if op == "generalize":  # '90+' for any age over 89, even inside a range
                return "90+" if numbers else tag
            if op in ("tag", "remove"):
                return replace("AGE", v)
            return replace("AGE", v, subject=s)

        return age

    # -- rows --------------------------------------------------------------------------
    def subject_of(self, values: Sequence[str]) -> str:
        return values[self.subject].strip() if self.subject is not None else ""

    def apply(self, values: Sequence[str]) -> list[tuple[int, str]]:
        """The changed cells of a row of values: (column, new value) pairs, in column order
        within each kind. The general path (rows in memory, quoted CSV records)."""
        subject = self.subject_of(values)
        out: list[tuple[int, str]] = []
        for i, const in self.consts:
            v = values[i]
            if v and v not in NULL_CELLS and not v.isspace():
                out.append((i, const))
        for i, ok, check, fn in self.guards:
            v = values[i]
            if v and v not in ok:
                nv = v if check(v) else fn(v, subject)
                if nv != v:
                    out.append((i, nv))
                elif len(ok) < KNOWN_OK:  # known, or scanned and clean: skip it next time
                    ok.add(v)
        for i, fn in self.fns:
            v = values[i]
            if v and v not in NULL_CELLS:
                nv = fn(v, subject)
                if nv != v:
                    out.append((i, nv))
        return out

    def apply_columns(self, columns: Any) -> list[tuple[int, list[Any]]]:
        """The changed columns of a block of rows held column by column: ``columns[i]`` is the
        list of column *i*'s cells (``None``, a null, stays ``None``). Returns (column, new
        cells) for each column with a change.

        The same conditions and cell functions as :meth:`apply`, looped per column instead of
        per row (what :mod:`redact.spark` runs on Arrow batches), so both give the same cells.
        Raises :class:`RowError` (0-based row of the block) naming the column, never a value.
        """
        si = self.subject
        subjects = [("" if v is None else v.strip()) for v in columns[si]] \
            if si is not None else None
        out: list[tuple[int, list[Any]]] = []
        for i, const in self.consts:
            cells = columns[i]
            new = [const if v and v not in NULL_CELLS and not v.isspace() else v for v in cells]
            if new != cells:
                out.append((i, new))
        kinds: list[tuple[int, set[str] | None, Callable[[str], bool] | None, CellFn]] = [
            *self.guards, *((i, None, None, fn) for i, fn in self.fns)]
        for i, ok, check, fn in kinds:
            cells = columns[i]
            changed: list[Any] | None = None
            r = -1
            try:
                for r, v in enumerate(cells):
                    if not v:
                        continue
                    if ok is None:  # a structured or text column
                        if v in NULL_CELLS:
                            continue
                        nv = fn(v, subjects[r] if subjects is not None else "")
                    elif v in ok:
                        continue
                    else:  # a guarded keep: known values stay, others are scanned
                        nv = v if check(v) else fn(v,  # type: ignore[misc]
                                                   subjects[r] if subjects is not None else "")
                        if nv == v and len(ok) < KNOWN_OK:
                            ok.add(v)
                    if nv != v:
                        if changed is None:
                            changed = list(cells)
                        changed[r] = nv
            except Exception as exc:  # never let a value reach a message
                raise RowError(r, r, f"column {column_name(self.plan.header, i)}: cannot "
                               f"redact this cell ({type(exc).__name__})") from None
            if changed is not None:
                out.append((i, changed))
        return out


def _known_category(value: str) -> bool:
    """A value of a sex/race/state/... column that is kept without a scan."""
    return value.strip().lower() in CATEGORY_WORDS


NULL_CELLS = frozenset(chain.from_iterable((n, n.upper(), n.title(), n.capitalize())
                                           for n in NULLS))
"""'No value' cells in their usual spellings; they stay as they are."""
KNOWN_OK = 4096
"""How many values that passed a keep column's check are remembered (skips the check)."""


class ChunkTransformer:
    """CSV bytes of whole records in, redacted bytes out (what a worker process runs)."""

    def __init__(self, redactor: Any, plan: Plan, dialect: Dialect) -> None:
        self.rows = RowTransformer(redactor, plan)
        self.dialect = dialect
        self.header = plan.header
        self.width = len(plan.columns)
        needs = re.compile("[" + re.escape("".join(dialect.special)) + "]").search
        self._quote = lambda v, force=False: QUOTE + v.replace(QUOTE, QUOTE + QUOTE) + QUOTE \
            if force or needs(v) else v
        self._consts = [(i, self._quote(c)) for i, c in self.rows.consts]

    def process(self, chunk: bytes) -> ChunkResult:
        """Redact a chunk; raise :class:`RowError` (chunk-relative row/line, no values)."""
        d = self.dialect
        text = decode_chunk(chunk, d.encoding, d.newline)
        changed = [0] * self.width
        self.rows.entities.clear()
        if QUOTE not in text:  # the common case: one record per line, raw text == value
            lines = text.split(d.newline)
            last = lines.pop()
            if last:
                lines.append(last)
            out = self._plain(lines, changed)
            if not last:
                out.append("")
            data = _encode(d.newline.join(out), d)
            return ChunkResult(data, len(lines), changed, dict(self.rows.entities))
        records = split_records(text, d.newline)
        parts: list[str] = []
        n = 0
        try:
            for n, (body, eol) in enumerate(records):  # noqa: B007 - n is used in except
                if body:
                    parts.append(self._quoted(body, changed) if QUOTE in body
                                 else self._plain([body], changed)[0])
                parts.append(eol)
        except RowError as exc:
            raise RowError(n, record_lines(records, n, d.newline), exc.message) from None
        data = _encode("".join(parts), d)
        return ChunkResult(data, len(records), changed, dict(self.rows.entities))

    def _plain(self, lines: list[str], changed: list[int]) -> list[str]:
        """Records without quotes, one per line (a trailing CR kept): the fast path.

        Row errors are raised with the index in ``lines`` as row and line.
        """
        delim = self.dialect.delimiter
        width = self.width
        rows = self.rows
        si = rows.subject
        consts, guards, fns = self._consts, rows.guards, rows.fns
        quote = self._quote
        out = []
        append = out.append
        n = i = -1
        try:
            for n, line in enumerate(lines):  # noqa: B007 - n is used in except
                cr = line[-1:] == "\r"
                values = (line[:-1] if cr else line).split(delim)
                if len(values) != width:
                    if line in ("", "\r"):  # a blank line stays as it is
                        append(line)
                        continue
                    raise RowError(n, n, ragged(len(values), width))
                subject = values[si].strip() if si is not None else ""
                for i, const in consts:
                    v = values[i]
                    if v and v not in NULL_CELLS and not v.isspace():
                        values[i] = const
                        changed[i] += 1
                for i, ok, check, fn in guards:
                    v = values[i]
                    if v and v not in ok:
                        nv = v if check(v) else fn(v, subject)
                        if nv != v:
                            values[i] = quote(nv)
                            changed[i] += 1
                        elif len(ok) < KNOWN_OK:  # known, or scanned and clean
                            ok.add(v)
                for i, fn in fns:
                    v = values[i]
                    if v and v not in NULL_CELLS:
                        nv = fn(v, subject)
                        if nv != v:
                            values[i] = quote(nv)
                            changed[i] += 1
                i = -1
                append(delim.join(values) + "\r" if cr else delim.join(values))
        except RowError:
            raise
        except Exception as exc:  # never let a value reach a message
            raise RowError(n, n, f"column {column_name(self.header, i)}: cannot redact this "
                           f"cell ({type(exc).__name__})") from None
        return out

    def _quoted(self, body: str, changed: list[int]) -> str:
        """A record with quotes: cells keep their raw text unless changed."""
        try:
            values, raws = split_quoted(body, self.dialect.delimiter)
        except ValueError as exc:
            raise RowError(0, 0, f"column {column_name(self.header, exc.args[0])}: "
                           f"{QUOTE_PROBLEM}") from None
        if len(values) != self.width:
            raise RowError(0, 0, ragged(len(values), self.width))
        try:
            updates = self.rows.apply(values)
        except Exception as exc:  # never let a value reach a message
            raise RowError(0, 0, f"cannot redact a cell ({type(exc).__name__})") from None
        for i, nv in updates:
            raws[i] = self._quote(nv, raws[i][:1] == QUOTE)
            changed[i] += 1
        return self.dialect.delimiter.join(raws)


def _encode(text: str, d: Dialect) -> bytes:
    """Encode a chunk's output; a character the encoding lacks is an error at its row."""
    try:
        return text.encode(d.encoding)
    except UnicodeEncodeError as exc:
        row = count_boundaries(text[:exc.start], d.newline)
        line = text.count(d.newline, 0, exc.start)
        raise RowError(row, line, f"a replacement cannot be written as {d.encoding}; use "
                       "--encoding utf-8 or another operator") from None


# -- rows already in memory ----------------------------------------------------------------
def redact_rows(redactor: Any, rows: Iterable[Any], header: Sequence[str] | None = None, *,
                subject_column: str | None = None) -> Iterator[Any]:
    """Redact rows (lists of cells, or mappings such as ``csv.DictReader`` rows) lazily.

    Column roles come from ``header`` (or the first mapping's keys), the first rows (up to
    :data:`SAMPLE_ROWS`, buffered) and the policy's ``[columns]``. Cells that are not strings
    are converted with ``str`` when their column is redacted; ``None`` stays ``None``. Each
    row comes back as a new list (or dict); cells that are not changed are the same objects.
    """
    it = iter(rows)
    first = list(islice(it, SAMPLE_ROWS))
    mappings = bool(first) and isinstance(first[0], Mapping)
    if header is None:
        if not mappings:
            raise ValueError("header is required unless the rows are mappings")
        header = list(first[0].keys())
    header = list(header)
    sample = [_as_values(row, header, mappings, n) for n, row in enumerate(first, 1)]
    plan = plan_columns(header, sample, redactor.policy.columns,
                        subject_column or redactor.policy.subject_column)
    rt = RowTransformer(redactor, plan)
    for n, row in enumerate(chain(first, it), 1):
        cells = _cells(row, header, mappings, n)
        values = _as_str(cells)
        try:
            updates = rt.apply(values)
        except Exception as exc:  # never let a value reach a message
            raise ValueError(f"row {n}: cannot redact a cell ({type(exc).__name__})") from None
        for i, nv in updates:
            cells[i] = nv
        if mappings:
            out = dict(row)
            out.update((header[i], nv) for i, nv in updates)
            yield out
        else:
            yield cells


def _cells(row: Any, header: list[str], mappings: bool, n: int) -> list[Any]:
    cells = [row.get(h) for h in header] if mappings else list(row)
    if len(cells) != len(header):
        raise ValueError(f"row {n}: {ragged(len(cells), len(header))}")
    return cells


def _as_str(cells: list[Any]) -> list[str]:
    return ["" if c is None else c if isinstance(c, str) else str(c) for c in cells]


def _as_values(row: Any, header: list[str], mappings: bool, n: int) -> list[str]:
    return _as_str(_cells(row, header, mappings, n))
