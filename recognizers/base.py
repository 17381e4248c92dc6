"""The shape every redact recognizer shares.

A recognizer is a small class in the manner of Presidio's predefined recognizers: declarative
``PATTERNS`` (regular expressions with a named group ``phi`` marking the identifying part),
``CONTEXT`` words that raise a weak match's score, ``TRIGGERS`` that let the whole recognizer
be skipped when none of its cue substrings occur in the text, and ``validate_result`` /
``invalidate_result`` hooks for checksums.

Why not subclass Presidio's ``EntityRecognizer`` directly? Importing presidio-analyzer costs
about 1.5 s (it imports spaCy), which alone would break the CLI's start-up budget. The rules
therefore live here in plain Python, and :meth:`Recognizer.as_presidio` wraps any of them as a
genuine ``EntityRecognizer`` for use in anyone's ``AnalyzerEngine`` (see
:mod:`recognizers.presidio`). Both paths run the same ``find`` code, so they cannot drift.

All patterns must be linear-time: no nested quantifiers over overlapping classes, bounded
repetition everywhere. ``tests/test_adversarial.py`` runs every recognizer on 1 MB hostile
strings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from presidio_analyzer import EntityRecognizer

_DIGIT_RUN = re.compile(r"[0-9]+")
_NEEDLES: set[str] = set()
_AUTOMATON: list = [None, frozenset()]  # [automaton, the needles it was built from]


_NEEDLES_DIRTY = [False]
_NEEDLE_SETS: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def register_needles(needles: tuple[str, ...] | list[str] | frozenset[str]) -> None:
    """Declare literals that recognizers look up, so one automaton finds them all."""
    new = {n for n in needles if n} - _NEEDLES
    if new:
        _NEEDLES.update(new)
        _NEEDLES_DIRTY[0] = True


def _automaton():  # noqa: ANN202 - ahocorasick.Automaton, optional dependency
    if _NEEDLES_DIRTY[0] or _AUTOMATON[0] is None:
        _NEEDLES_DIRTY[0] = False
        try:
            import ahocorasick
        except ImportError:  # pragma: no cover - the dependency is declared
            return None
        automaton = ahocorasick.Automaton()
        for needle in _NEEDLES:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        _AUTOMATON[0], _AUTOMATON[1] = automaton, frozenset(_NEEDLES)
    return _AUTOMATON[0]
_NEWLINE = re.compile(r"\n")

TOKEN_RE = re.compile(r"[^\W\d_](?<!\w[^\W\d_])[^\W\d_]*(?:['’\-][^\W\d_]+)*(?!\d)")
"""Words: letters with inner apostrophes/hyphens, not glued to digits (E0859273 is no word)."""


class Token(NamedTuple):
    """A word of the text: letters with inner apostrophes or hyphens (O'Brien, Smith-Jones)."""

    start: int
    end: int
    text: str
    lower: str


class Hit(NamedTuple):
    """A raw detection: span, entity type, score. It holds offsets only, never the value."""

    start: int
    end: int
    entity: str
    score: float
    recognizer: str


class Doc:
    """A text plus what recognizers share about it, computed at most once per text.

    Lower-casing and tokenizing are done lazily so that a recognizer that needs neither costs
    nothing extra, and a text with no cue for a recognizer costs one substring test.
    """

    __slots__ = ("text", "__dict__")

    def __init__(self, text: str, reference_year: int) -> None:
        self.text = text
        self.reference_year = reference_year

    @cached_property
    def lower(self) -> str:
        """Lower-cased text with the same length, so offsets in it are offsets in ``text``."""
        low = self.text.lower()
        if len(low) != len(self.text):  # e.g. 'İ' lower-cases to two characters
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
        return low

    @cached_property
    def tokens(self) -> list[Token]:
        text = self.text
        low = self.lower
        out = []
        append = out.append
        for m in TOKEN_RE.finditer(text):
            s, e = m.span()
            append(Token(s, e, text[s:e], low[s:e]))
        return out

    @cached_property
    def lows(self) -> list[str]:
        """The lower-cased tokens, as a plain list (for C-speed set tests with ``map``)."""
        return list(map(attrgetter("lower"), self.tokens))

    @cached_property
    def texts(self) -> list[str]:
        return list(map(attrgetter("text"), self.tokens))

    @cached_property
    def token_starts(self) -> list[int]:
        return list(map(attrgetter("start"), self.tokens))

    @cached_property
    def token_index(self) -> dict[int, int]:
        """Map a token's start offset to its position in :attr:`tokens`."""
        return {t.start: i for i, t in enumerate(self.tokens)}

    def line_case(self, offset: int) -> str:
        """'upper', 'lower' or 'mixed': the letter case of the line holding ``offset``.

        In an ALL-CAPS nursing note capitals say nothing about names; in an all-lower-case
        one their absence says nothing either. Cached per line.
        """
        starts = self.line_starts
        k = bisect_right(starts, offset) - 1
        cache = self.__dict__.setdefault("_line_case", {})
        found = cache.get(k)
        if found is None:
            text = self.text
            lo = starts[k]
            hi = starts[k + 1] - 1 if k + 1 < len(starts) else len(text)
            line = text[lo:hi]
            upper = sum(map(str.isupper, line))
            lower = sum(map(str.islower, line))
            letters = upper + lower
            if letters < 8:
                found = self.doc_case
            elif upper >= 0.8 * letters:
                found = "upper"
            elif upper <= 0.03 * letters:
                found = "lower"
            else:
                found = "mixed"
            cache[k] = found
        return found

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets where lines start (for line lookups by bisection)."""
        return [0, *(m.end() for m in _NEWLINE.finditer(self.text))]

    @cached_property
    def token_case(self) -> list[str]:
        """The line case of every token, in token order (one walk, no bisection)."""
        starts = self.line_starts
        nl = len(starts)
        out: list[str] = []
        append = out.append
        k = 0
        current = self.line_case(0) if self.text else "mixed"
        for start in self.token_starts:
            if k + 1 < nl and starts[k + 1] <= start:
                while k + 1 < nl and starts[k + 1] <= start:
                    k += 1
                current = self.line_case(starts[k])
            append(current)
        return out

    @cached_property
    def doc_case(self) -> str:
        """The case of the whole text, for lines too short to tell on their own."""
        sample = self.text[:20000]
        upper = sum(map(str.isupper, sample))
        lower = sum(map(str.islower, sample))
        letters = upper + lower
        if letters >= 8 and upper >= 0.8 * letters:
            return "upper"
        if letters >= 8 and upper <= 0.03 * letters:
            return "lower"
        return "mixed"

    @cached_property
    def digit_spans(self) -> list[tuple[int, int]]:
        """(start, end) of every run of ASCII digits (shared by all digit patterns)."""
        return [m.span() for m in _DIGIT_RUN.finditer(self.text)]

    @cached_property
    def digit_spans_by_length(self) -> dict[int, list[tuple[int, int]]]:
        """Digit runs grouped by length, so a pattern visits only runs it can start with."""
        out: dict[int, list[tuple[int, int]]] = {}
        for span in self.digit_spans:
            out.setdefault(span[1] - span[0], []).append(span)
        return out

    def has_digit_runs(self, lengths: tuple[int, ...]) -> bool:
        """Is there any digit run of one of these lengths (any length if empty)?"""
        if not lengths:
            return bool(self.digit_spans)
        by_length = self.digit_spans_by_length
        return any(n in by_length for n in lengths)

    @cached_property
    def digit_runs(self) -> list[int]:
        """Start offsets of every run of ASCII digits."""
        return [s for s, _ in self.digit_spans]

    def positions(self, needles: tuple[str, ...]) -> list[int]:
        """Sorted offsets of every occurrence of the lower-case needles (cached per set).

        Registered needles (see :func:`register_needles`) are found for all recognizers at
        once, in one Aho-Corasick pass over the text; others with ``str.find``.
        """
        cache = self.__dict__.setdefault("_positions", {})
        found = cache.get(needles)
        if found is None:
            hits = self._needle_hits()
            known = self.__dict__.get("_needles_known", frozenset())
            entry = _NEEDLE_SETS.get(needles)
            if entry is None or entry[1] is not known:
                nset = frozenset(needles)
                entry = _NEEDLE_SETS[needles] = (nset, known, nset - known)
            nset, _, unregistered = entry
            if len(hits) < len(nset):
                lists = [listed for needle, listed in hits.items() if needle in nset]
            else:
                lists = [hits[needle] for needle in nset if needle in hits]
            for needle in unregistered:  # not in the automaton: look it up directly
                low = self.lower
                extra = []
                i = low.find(needle)
                while i >= 0:
                    extra.append(i)
                    i = low.find(needle, i + 1)
                if extra:
                    lists.append(extra)
            if not lists:
                found = []
            elif len(lists) == 1:
                found = lists[0]
            else:
                found = sorted(set().union(*lists))
            cache[needles] = found
        return found

    def _needle_hits(self) -> dict[str, list[int]]:
        """needle -> start offsets, for every registered needle (empty dict without
        pyahocorasick: then every lookup falls back to ``str.find``)."""
        cached = self.__dict__.get("_needles")
        if cached is not None:
            return cached
        automaton = _automaton()
        out: dict[str, list[int]] = {}
        if automaton is not None:
            get = out.get
            for end, needle in automaton.iter(self.lower):
                listed = get(needle)
                if listed is None:
                    listed = out[needle] = []
                listed.append(end - len(needle) + 1)
            self.__dict__["_needles_known"] = _AUTOMATON[1]
        self.__dict__["_needles"] = out
        return out

    def has_any(self, needles: tuple[str, ...]) -> bool:
        low = self.lower
        return any(n in low for n in needles)


@dataclass(frozen=True)
class Pattern:
    """One declarative pattern.

    ``regex`` may contain a named group ``phi``: only that group is reported (the label
    ``MRN:`` before a number is context, not PHI). ``entity`` defaults to the recognizer's
    first entity. ``score`` is the confidence without context; context words raise it.
    """

    name: str
    regex: str
    score: float
    entity: str | None = None
    flags: int = 0
    #: Where to try the pattern instead of scanning the whole text (speed, see ``find``):
    #: ``anchors``: lower-case literals at which every match starts ("mrn", "chart");
    #: ``tail``: lower-case literals that every match contains, near its end ("county");
    #: ``digits=True``: every match starts with a digit that starts a run of digits.
    anchors: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()
    digits: bool = False
    #: with ``digits``: also try starting this many characters before a digit run ("AB1234563")
    back: tuple[int, ...] = (0,)
    #: with ``digits``: the lengths the first digit run may have (empty: any), and the
    #: characters that may follow it ("/" for 7/22); cheap filters before the regex runs
    lengths: tuple[int, ...] = ()
    follow: str | None = None
    follow_alpha: bool = False
    #: with ``digits`` and ``back``: the characters skipped back must all be letters
    lead_alpha: bool = False
    #: with ``tail``: how far before the literal a match may start
    window: int = 160

    def __post_init__(self) -> None:
        if sum((bool(self.anchors), bool(self.tail), self.digits)) > 1:
            raise ValueError(f"pattern {self.name}: choose one of anchors, tail, digits")


class Recognizer:
    """Base class: declarative patterns, context boost, checksum hooks.

    Subclasses set the class attributes and, when needed, override :meth:`validate_result`
    (return True to accept at full confidence, False to reject, None for no opinion),
    :meth:`invalidate_result` (True rejects), :meth:`entity_for` (to refine the entity type
    from the surrounding text) or :meth:`find` itself (dictionary-driven recognizers).
    """

    #: Safe Harbor letter this recognizer covers ("A".."R")
    LETTER: ClassVar[str] = ""
    #: entity types it reports; the first is the default
    ENTITIES: ClassVar[tuple[str, ...]] = ()
    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()
    #: lower-case words that, within ``CONTEXT_CHARS`` before a match, raise its score
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    CONTEXT_CHARS: ClassVar[int] = 40
    CONTEXT_BOOST: ClassVar[float] = 0.35
    #: lower-case substrings of which at least one must occur for any pattern to match;
    #: None means "always run"
    TRIGGERS: ClassVar[tuple[str, ...] | None] = None

    def __init__(self) -> None:
        for p in self.PATTERNS:
            register_needles(p.anchors + p.tail)
        self._compiled = [
            (p, re.compile(p.regex, p.flags), p.entity or self.ENTITIES[0]) for p in self.PATTERNS
        ]
        self._context_re = (
            re.compile(r"\b(?:" + "|".join(re.escape(w) for w in self.CONTEXT) + r")\b")
            if self.CONTEXT
            else None
        )

    @property
    def name(self) -> str:
        return type(self).__name__

    # -- hooks -----------------------------------------------------------------------------
    def validate_result(self, value: str) -> bool | None:
        """Checksum or other positive proof. None means no opinion."""
        return None

    def invalidate_result(self, value: str) -> bool:
        """True rejects the match (e.g. an SSN with area 000)."""
        return False

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        """Last word on a match, with the whole text at hand (e.g. '98 F' after 'temp')."""
        return True

    def entity_for(self, doc: Doc, start: int, end: int, default: str) -> str:
        """Refine the entity type from the text around a match (e.g. fax vs phone)."""
        return default

    def has_context(self, doc: Doc, start: int) -> bool:
        """True when a context word occurs shortly before ``start``."""
        if self._context_re is None:
            return False
        return self._context_re.search(doc.lower, max(0, start - self.CONTEXT_CHARS), start) \
            is not None

    # -- scanning --------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Hit]:
        """Run every pattern over the text and return scored hits."""
        if self.TRIGGERS is not None and not doc.has_any(self.TRIGGERS):
            return []
        hits: list[Hit] = []
        text = doc.text
        for pattern, regex, entity in self._compiled:
            if (pattern.anchors and not doc.positions(pattern.anchors)) or (
                    pattern.tail and not doc.positions(pattern.tail)) or (
                    pattern.digits and not doc.has_digit_runs(pattern.lengths)):
                continue  # nothing to start from: skip the generator altogether
            has_group = "phi" in regex.groupindex
            for m in pattern_matches(doc, pattern, regex):
                start, end = m.span("phi") if has_group else m.span()
                if start < 0 or start == end:
                    continue
                value = text[start:end]
                if self.invalidate_result(value):
                    continue
                verdict = self.validate_result(value)
                if verdict is False or not self.accept(doc, pattern.name, start, end, m):
                    continue
                score = 1.0 if verdict else pattern.score
                if score < 1.0 and self.has_context(doc, start):
                    score = min(1.0, score + self.CONTEXT_BOOST)
                hits.append(
                    Hit(start, end, self.entity_for(doc, start, end, entity), score, self.name)
                )
        return hits

    def as_presidio(self) -> EntityRecognizer:
        """Wrap this recognizer as a genuine Presidio ``EntityRecognizer``."""
        from recognizers.presidio import PresidioRecognizer

        return PresidioRecognizer(self)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) checksum used by credit cards and NPIs."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def only_digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


ID_VALUE = (r"(?:\d{2,5}(?:[ ]\d{2,5}){1,4}(?![ ]?[\w/.:-]\d)\b"
            r"|(?=[A-Z0-9-]{0,30}\d)[A-Z0-9][A-Z0-9-]{2,30}[A-Z0-9]\b)")
"""A code after an ID label: 4-32 letters/digits/dashes with at least one digit."""

LABEL_SEP = r"\s{0,3}(?:(?:#|no\.?|num(?:ber)?\.?|id)\s{0,2})?[:#=]?\s{0,3}(?:is\s)?\s{0,2}"
"""What may stand between an ID label and its value: 'MRN #: ', 'account no. ', 'ID='."""


def pattern_matches(doc: Doc, pattern: Pattern, regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of one pattern, found the cheapest way its declaration allows.

    A full ``finditer`` costs 30-80 ms per MB per pattern in CPython's ``re``; with some 75
    patterns that alone would be several seconds per MB. Label patterns therefore declare the
    literals they start with (found with ``str.find`` at C speed), patterns that end in a
    keyword ("Middlesex County") declare it as a tail and are searched in a window before
    each occurrence, and numeric patterns start at digit runs. Matches come out in text
    order and never overlap, exactly as ``finditer`` would give them.
    """
    text = doc.text
    if pattern.anchors:
        last_end = -1
        for pos in doc.positions(pattern.anchors):
            if pos < last_end:
                continue
            m = regex.match(text, pos)
            if m is not None and m.end() > m.start():
                last_end = m.end()
                yield m
        return
    if pattern.digits:
        last_end = -1
        lengths = pattern.lengths
        follow = pattern.follow
        alpha = pattern.follow_alpha
        if lengths:
            by_length = doc.digit_spans_by_length
            groups = [by_length[n] for n in lengths if n in by_length]
            spans = groups[0] if len(groups) == 1 else sorted(s for g in groups for s in g)
        else:
            spans = doc.digit_spans
        for run, run_end in spans:
            if follow is not None:
                nxt = text[run_end:run_end + 1]
                if nxt not in follow and not (alpha and nxt.isalpha()):
                    continue
            for back in pattern.back:
                pos = run - back
                if pos < last_end or pos < 0:
                    continue
                if pattern.lead_alpha and not (text[pos:run].isalpha() and text[pos:run].isascii()):
                    continue
                m = None
                if back == 0 and pos - 1 >= max(last_end, 0) and text[pos - 1] in "(+-":
                    m = regex.match(text, pos - 1)
                if m is None:
                    m = regex.match(text, pos)
                if m is not None and m.end() > m.start():
                    last_end = m.end()
                    yield m
                    break
        return
    if pattern.tail:
        last_end = -1
        seen_window = -1
        small = pattern.window <= 8
        for pos in doc.positions(pattern.tail):
            lo = max(last_end, pos - pattern.window, seen_window, 0)
            if small:  # try each possible start: cheaper than a windowed search
                for start in range(lo, pos + 1):
                    m = regex.match(text, start)
                    if m is not None and m.end() > m.start():
                        last_end = m.end()
                        yield m
                        break
                seen_window = max(seen_window, pos + 1)
                continue
            hi = min(len(text), pos + 40)
            while lo < hi:
                m = regex.search(text, lo, hi)
                if m is None:
                    break
                full = regex.match(text, m.start())  # re-check without the window's end
                if full is not None and full.end() > full.start():
                    last_end = full.end()
                    yield full
                    lo = full.end()
                else:
                    lo = m.start() + 1
            seen_window = max(seen_window, hi - 40)
        return
    yield from regex.finditer(text)


def trie_regex(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of literal words, factored as a trie ('st|street|sta' ->
    's(?:t(?:reet|a)?)'). CPython's ``re`` tries alternatives one after the other, so a flat
    alternation of 300 street suffixes costs 300 tests per position; the trie costs a few."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"
