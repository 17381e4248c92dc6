"""The Python API: ``Redactor().analyze(text)``, ``.redact(text)``, ``.redact_many(texts)``.

Everything expensive (compiling patterns, loading word lists, resolving the key, checking the
policy) happens once in the constructor; a call does only the scan and the rewrite.

Two engines run the same recognizers:

* ``fast`` (default): the recognizers' own scanners, no spaCy, no Presidio import;
* ``presidio``: a Presidio ``AnalyzerEngine`` on a blank spaCy pipeline (see
  :mod:`redact.engine`), used automatically when ``nlp_model`` adds a spaCy pipeline's NER.

Overlapping findings are merged into one region that is replaced whole, so no character of
any finding can survive between two matches (the Presidio #1925 class of leak).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from recognizers import ALL as ALL_RECOGNIZERS
from recognizers.base import Doc, Hit, Recognizer
from redact.findings import Finding, Redaction, new_finding
from redact.keys import load_key
from redact.letters import ENTITY_LETTER
from redact.operators import Operators
from redact.policy import Policy

ENGINES = ("fast", "presidio")

BATCH_TEXTS = 64
"""Texts :meth:`Redactor.redact_many` scans together by default. Measured on 1-2 kB notes:
batches of 4 gain nothing, 16 about 5%, 64 and more about 10-15% (``bench/README.md``)."""
BATCH_CHARS = 1 << 20
"""A batch ends early once its texts hold this many characters, so that a stream of long
documents does not hold many of them (with their per-text indexes) in memory at once."""


class Redactor:
    """Finds and replaces Safe Harbor identifiers according to a :class:`Policy`.

    :param policy: what to do with each entity type; default: Safe Harbor
    :param key: secret for hash/surrogate/shift (bytes or str); default ``$REDACT_KEY``
    :param key_file: read the key from this file instead
    :param nlp_model: name or path of an *installed* spaCy pipeline whose NER is added on top
        (never downloaded)
    :param engine: ``fast`` or ``presidio``
    """

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        key: bytes | str | None = None,
        key_file: str | None = None,
        nlp_model: str | None = None,
        engine: str = "fast",
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
        self.policy = policy or Policy()
        secret = load_key(key, key_file)
        self._operators = Operators(self.policy, secret)
        #: what a worker process needs to build the same Redactor (see redact.textrun)
        self._spec = (self.policy, secret, nlp_model, engine)
        self._recognizers: list[Recognizer] = [cls() for cls in ALL_RECOGNIZERS]
        self._allow_terms = frozenset(t.casefold() for t in self.policy.allow_terms)
        self._allow_res = [re.compile(p) for p in self.policy.allow_patterns]
        self.nlp_model = nlp_model
        self.engine = "presidio" if nlp_model else engine
        self._analyzer: Any = None
        if self.engine == "presidio":
            from redact.engine import build_analyzer

            self._analyzer = build_analyzer(self._recognizers, nlp_model=nlp_model,
                                            reference_year=self._reference_year())

    def __repr__(self) -> str:
        return f"Redactor(policy={self.policy.source!r}, engine={self.engine!r})"

    def _reference_year(self) -> int:
        return self.policy.today().year

    # -- analysis ----------------------------------------------------------------------
    def hits(self, text: str) -> list[Hit]:
        """Raw, unmerged detections (for evaluation and debugging)."""
        return self.hits_many((text,))[0]

    def hits_many(self, texts: Sequence[str]) -> list[list[Hit]]:
        """:meth:`hits` of each text, found recognizer by recognizer across all of them.

        The same hits as one :meth:`hits` call per text (each text is its own ``Doc``; no
        recognizer keeps anything from one text to the next). The order of the loops is what
        differs: one recognizer's code, compiled patterns and word lists stay in the CPU's
        caches while it runs over every text, instead of some thirty recognizers taking turns
        on each short note. On clinical notes of 1-2 kB that is about 10% faster
        (``bench/README.md``); :meth:`redact_many` batches its input for it."""
        if self._analyzer is not None:
            return [self._presidio_hits(text) for text in texts]
        year = self._reference_year()
        docs = [Doc(text, year) for text in texts]
        outs: list[list[Hit]] = [[] for _ in docs]
        for rec in self._recognizers:
            find = rec.find
            for doc, out in zip(docs, outs):
                out.extend(find(doc))
        return outs

    def analyze(self, text: str) -> list[Finding]:
        """Findings in ``text``: merged, non-overlapping, sorted, above ``min_score``
        (the scan runs with the garbage collector paused: :func:`_without_gc`)."""
        return self._findings(text, _without_gc(self.hits, text))

    def analyze_many(self, texts: Sequence[str]) -> list[list[Finding]]:
        """:meth:`analyze` of each text, scanned together (see :meth:`hits_many`): the same
        findings, faster on many short texts. All texts are held in memory at once; for a
        stream use :meth:`redact_many`, which takes it in batches."""
        raws = _without_gc(self.hits_many, texts)
        return [self._findings(text, raw) for text, raw in zip(texts, raws)]

    def _findings(self, text: str, raw: list[Hit]) -> list[Finding]:
        """Hits above ``min_score``, outside the allow list, merged."""
        min_score = self.policy.min_score
        hits = [h for h in raw if h[3] >= min_score] if min_score > 0 else raw
        if self._allow_terms or self._allow_res:
            hits = [h for h in hits if not self._allowed(text[h.start:h.end])]
        return merge(hits)

    def _allowed(self, value: str) -> bool:
        if value.casefold() in self._allow_terms:
            return True
        return any(r.fullmatch(value) for r in self._allow_res)

    def _presidio_hits(self, text: str) -> list[Hit]:
        from redact.engine import to_hits

        results = self._analyzer.analyze(text=text, language="en")
        return to_hits(results)

    # -- redaction ---------------------------------------------------------------------
    def redact(self, text: str, *, subject: str = "") -> Redaction:
        """Replace every finding according to the policy.

        ``subject`` identifies whose record this is (e.g. an MRN): the ``shift`` operator
        moves all dates of one subject by the same keyed offset.
        """
        findings = self.analyze(text)
        return Redaction(self.apply(text, findings, subject=subject), findings)

    def apply(self, text: str, findings: list[Finding], *, subject: str = "") -> str:
        """Rewrite ``text`` given merged findings (from :meth:`analyze`)."""
        if not findings:
            return text
        out: list[str] = []
        last = 0
        apply = self._operators.apply
        for f in findings:
            out.append(text[last:f.start])
            out.append(apply(f.entity, text[f.start:f.end], subject))
            last = f.end
        out.append(text[last:])
        return "".join(out)

    def redact_many(self, texts: Iterable[str], *, subject: str = "",
                    batch_size: int = BATCH_TEXTS) -> Iterator[Redaction]:
        """Redact a stream of texts lazily, in input order; nothing is rebuilt per text.

        Texts are taken ``batch_size`` at a time (fewer once they reach
        :data:`BATCH_CHARS` characters together) and scanned together by
        :meth:`analyze_many`, which gives the same findings as :meth:`redact` text by text,
        about 10% faster on short notes. So the stream is read up to one batch ahead of
        what has been yielded; ``batch_size=1`` takes one text at a time."""
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError("batch_size must be a whole number of at least 1")
        batch: list[str] = []
        chars = 0
        stream = iter(texts)
        while True:
            try:
                text = next(stream, _END)
            except Exception:
                # the stream failed: the texts it gave before come out first, as they would
                # one text at a time (redact_files relies on it for a file it cannot read)
                yield from self._redact_batch(batch, subject)
                raise
            if text is _END:
                break
            batch.append(text)
            chars += len(text)
            if len(batch) >= batch_size or chars >= BATCH_CHARS:
                yield from self._redact_batch(batch, subject)
                batch, chars = [], 0
        yield from self._redact_batch(batch, subject)

    def _redact_batch(self, texts: list[str], subject: str) -> Iterator[Redaction]:
        if not texts:
            return
        if len(texts) == 1:
            yield self.redact(texts[0], subject=subject)
            return
        for text, findings in zip(texts, self.analyze_many(texts)):
            yield Redaction(self.apply(text, findings, subject=subject), findings)

    def redact_files(self, paths: Sequence[str], *, jobs: int = 1, encoding: str = "utf-8",
                     subject: str = "") -> Iterator[Any]:
        """Read and redact text files (``-`` is standard input), yielding one
        :class:`redact.textrun.FileResult` per path, in order; with ``jobs`` > 1 in that many
        processes (0 = one per CPU). A bad file raises :class:`redact.textio.InputError`."""
        from redact.textrun import redact_files

        return redact_files(self, paths, jobs=jobs, encoding=encoding, subject=subject)

    def replace(self, entity: str, value: str, *, subject: str = "") -> str:
        """Apply the policy's operator for ``entity`` to a whole value known to be one
        (a CSV cell whose column holds that identifier): no analysis."""
        return self._operators.apply(entity, value, subject)

    # -- tables (redact.tabular, redact.csvrun) ------------------------------------------
    def redact_csv(self, src: Any, dst: Any, *, jobs: int = 1, delimiter: str | None = None,
                   encoding: str = "utf-8", subject_column: str | None = None,
                   progress: bool = False) -> Any:
        """Redact a CSV file column by column (see :func:`redact.csvrun.redact_csv`).

        ``src``: path, ``"-"`` or binary stream; ``dst``: path, ``"-"``/None (standard
        output) or binary stream. Returns a :class:`redact.csvrun.CsvSummary` (counts only).
        """
        from redact.csvrun import redact_csv

        return redact_csv(self, src, dst, jobs=jobs, delimiter=delimiter, encoding=encoding,
                          subject_column=subject_column, progress=progress)

    def plan_csv(self, src: Any, *, delimiter: str | None = None, encoding: str = "utf-8",
                 subject_column: str | None = None) -> str:
        """The role chosen for each column of a CSV and why, as text; nothing is written."""
        from redact.csvrun import plan_csv

        return plan_csv(self, src, delimiter=delimiter, encoding=encoding,
                        subject_column=subject_column)

    def redact_rows(self, rows: Iterable[Any], header: Sequence[str] | None = None, *,
                    subject_column: str | None = None) -> Iterator[Any]:
        """Redact rows already in memory (lists, or mappings such as DictReader rows) by
        column role, lazily (see :func:`redact.tabular.redact_rows`)."""
        from redact.tabular import redact_rows

        return redact_rows(self, rows, header, subject_column=subject_column)


_END = object()
"""Marks the end of :meth:`Redactor.redact_many`'s input stream."""


def _without_gc(scan: Callable[[Any], Any], arg: Any) -> Any:
    """``scan(arg)`` with the cyclic garbage collector paused.

    A note makes some 10^5 short-lived tuples (tokens, matches) and no reference cycles, and
    collecting them generation by generation cost about 8% of the time. The collector is
    switched back on before returning, also after an error (unless the caller had it off)."""
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        return scan(arg)
    finally:
        if was_enabled:
            gc.enable()


def merge(hits: list[Hit]) -> list[Finding]:
    """Merge overlapping hits into non-overlapping findings.

    Hits that share at least one character form one region covering their union; the
    region takes the entity of its most confident (then longest) hit. Touching hits that do
    not overlap stay separate. The result is sorted by position.
    """
    if not hits:
        return []
    # by start, then longest first: two stable C-level sorts instead of a Python key
    hits = sorted(sorted(hits, key=itemgetter(1), reverse=True), key=itemgetter(0))
    out: list[Finding] = []
    best = hits[0]
    group_start, group_end = best.start, best.end
    best_rank = (best.score, group_end - group_start)  # most confident, then longest
    for h in hits[1:]:
        start, end, _, score, _ = h
        if start < group_end:
            if end > group_end:
                group_end = end
            rank = (score, end - start)
            if rank > best_rank:
                best, best_rank = h, rank
            continue
        out.append(_finding(best, group_start, group_end))
        group_start, group_end, best, best_rank = start, end, h, (score, end - start)
    out.append(_finding(best, group_start, group_end))
    return out


def _finding(best: Hit, start: int, end: int) -> Finding:
    score = _ROUNDED.get(best.score)
    if score is None:
        score = round(best.score, 3)
        if len(_ROUNDED) < 4096:
            _ROUNDED[best.score] = score
    return new_finding(best.entity, start, end, score, ENTITY_LETTER[best.entity],
                       best.recognizer)


_ROUNDED: dict[float, float] = {}
"""Scores already rounded to three places. ``round(x, 3)`` goes through a decimal
conversion, dearer than the rest of a finding together; recognizers give few distinct
scores (the patterns' own and their context boosts), so nearly every one is found here."""
