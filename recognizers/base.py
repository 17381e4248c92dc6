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
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, chain, compress, repeat
from operator import not_
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from recognizers.textscan import COMPILED as _TYPED_SCANS
from recognizers.textscan import (
    ascii_words,
    automaton_hits,
    complete_automaton,
    digit_runs,
    line_cases,
    line_letter_counts,
    members,
    merge_runs,
    per_token,
    runs_after,
    runs_after_letter,
    runs_before,
    runs_followed_by,
    runs_of_lengths,
    runs_valued,
    tokens_holding,
    word_from,
)

if TYPE_CHECKING:  # pragma: no cover
    from presidio_analyzer import EntityRecognizer

_DIGIT_RUN = re.compile(r"[0-9]+")
_DIGIT_RUN_ANY = re.compile(r"\d+")
_NEEDLES: set[str] = set()
_AUTOMATON: list = [None, frozenset()]  # [automaton, the needles it was built from]


_NEEDLES_DIRTY = [False]


class _NeedleSet:
    """What a needle collection means for the automaton, worked out once per collection
    instead of once per text: a tuple of 784 ", MA"-style tails costs 13 us to hash and 30 us
    to turn into a set, more than the lookup it keys.

    Per-text caches are keyed by this object, whose hash is its identity."""

    __slots__ = ("needles", "known", "nset", "unregistered", "all_known")

    def __init__(self, needles: tuple[str, ...] | frozenset[str], known: frozenset[str]) -> None:
        self.needles = needles  # held, so no other object can take its id while registered
        self.known = known
        self.nset = frozenset(needles)
        self.unregistered = self.nset - known
        self.all_known = not self.unregistered


_NEEDLE_SETS: dict[int, _NeedleSet] = {}
_NEEDLE_SETS_MAX = 4096


def _needle_set(needles: tuple[str, ...] | frozenset[str], known: frozenset[str]) -> _NeedleSet:
    """The :class:`_NeedleSet` of ``needles`` relative to the automaton's ``known`` needles,
    found by identity (recognizers pass the same constant tuples for every text)."""
    entry = _NEEDLE_SETS.get(id(needles))
    if entry is None or entry.needles is not needles or entry.known is not known:
        if len(_NEEDLE_SETS) >= _NEEDLE_SETS_MAX:  # callers building tuples on the fly
            _NEEDLE_SETS.clear()
        entry = _NEEDLE_SETS[id(needles)] = _NeedleSet(needles, known)
    return entry


def register_needles(needles: tuple[str, ...] | list[str] | frozenset[str]) -> None:
    """Declare literals that recognizers look up, so one automaton finds them all."""
    new = {n for n in needles if n} - _NEEDLES
    if new:
        _NEEDLES.update(new)
        _NEEDLES_DIRTY[0] = True


def _automaton() -> _TableAutomaton | _LibraryAutomaton | None:
    """The automaton of every registered needle, rebuilt when needles were added."""
    if _NEEDLES_DIRTY[0] or _AUTOMATON[0] is None:
        _NEEDLES_DIRTY[0] = False
        needles = frozenset(_NEEDLES)
        if _TYPED_SCANS:
            automaton: _TableAutomaton | _LibraryAutomaton = _TableAutomaton(needles)
        else:
            try:
                automaton = _LibraryAutomaton(needles)
            except ImportError:  # pragma: no cover - the dependency is declared
                return None
        _AUTOMATON[0], _AUTOMATON[1] = automaton, needles
    return _AUTOMATON[0]


class _TableAutomaton:
    """The needles as one Aho-Corasick automaton in a transition table, for the compiled
    build: the scan (:func:`recognizers.textscan.automaton_hits`) is one C loop doing one
    table lookup per character. pyahocorasick's scan, which looks each character up among a
    node's children, cost some 170 machine instructions per character, 5% of the whole scan.

    Characters are numbered by class (1 for the first character any needle holds, 2 for the
    next, ...; 0 for every character no needle holds), and ``delta[state * width + class]``
    is the next state. With some 1,200 needles that is about 4,700 states of 48 entries."""

    __slots__ = ("needles", "width", "delta", "ascii", "wide", "out_start", "out_ids",
                 "out_lengths")

    def __init__(self, needles: Iterable[str]) -> None:
        names = sorted(needles)
        chars = sorted(set(chain.from_iterable(names)))
        classes = {ch: k + 1 for k, ch in enumerate(chars)}
        width = len(chars) + 1
        bound = sum(map(len, names)) + 1  # a trie has at most one state per character
        delta = array("i", [-1]) * (bound * width)
        own: list[list[int]] = [[]]  # the needles each state spells
        for idx, name in enumerate(names):
            state = 0
            for ch in name:
                at = state * width + classes[ch]
                nxt = delta[at]
                if nxt < 0:
                    nxt = len(own)
                    delta[at] = nxt
                    own.append([])
                state = nxt
            own[state].append(idx)
        count = len(own)
        delta = delta[:count * width]
        fail = array("i", [0]) * count
        outs: list[list[int]] = [[] for _ in range(count)]
        for state in complete_automaton(delta, width, fail)[1:]:  # shorter prefixes first
            outs[state] = own[state] + outs[fail[state]]  # and the needles ending it
        out_start = array("i", [0])
        out_ids = array("i")
        for found in outs:
            out_ids.extend(found)
            out_start.append(len(out_ids))
        self.ascii = array("i", [0]) * 128
        self.wide: dict[int, int] = {}
        for ch, k in classes.items():
            if ord(ch) < 128:
                self.ascii[ord(ch)] = k
            else:
                self.wide[ord(ch)] = k
        self.needles = names
        self.width = width
        self.delta = delta
        self.out_start = out_start
        self.out_ids = out_ids
        self.out_lengths = array("i", map(len, names))

    def hits(self, lower: str) -> dict[str, list[int]]:
        """needle -> start offsets of its occurrences in ``lower``, in order."""
        return automaton_hits(lower, self.delta, self.width, self.ascii, self.wide,
                              self.out_start, self.out_ids, self.needles, self.out_lengths)


class _LibraryAutomaton:
    """The needles in pyahocorasick's automaton, for pure Python (where a loop per
    character in Python would be slower than the library's C loop)."""

    __slots__ = ("automaton",)

    def __init__(self, needles: Iterable[str]) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for needle in needles:
            self.automaton.add_word(needle, needle)
        self.automaton.make_automaton()

    def hits(self, lower: str) -> dict[str, list[int]]:
        """needle -> start offsets of its occurrences in ``lower``, in order."""
        out: dict[str, list[int]] = {}
        get = out.get
        for end, needle in self.automaton.iter(lower):
            listed = get(needle)
            if listed is None:
                listed = out[needle] = []
            listed.append(end - len(needle) + 1)
        return out


def word_set(words: Iterable[str]) -> frozenset[str]:
    """A frozenset of strings that CPython's cyclic garbage collector does not walk.

    Every full collection visits each slot of each tracked set; the word lists (some 680,000
    names, places and words in a dozen sets) made full collections during a run cost about 4%
    of the scan. A set that holds only strings can never be part of a reference cycle, so
    untracking it is safe: reference counting still frees it. Elsewhere than CPython (no
    ``ctypes.pythonapi``) the set is returned as it is."""
    out = frozenset(words)
    if len(out) >= _UNTRACK_MIN and all(type(w) is str for w in out):  # noqa: E721 (exact str)
        untrack = _gc_untrack()
        if untrack is not None:
            untrack(out)
    return out


_UNTRACK_MIN = 1000
"""Smaller sets cost a collection too little to be worth a foreign call."""


@cache
def _gc_untrack() -> Callable[[object], None] | None:
    import ctypes
    import sys

    if sys.implementation.name != "cpython" or not hasattr(ctypes, "pythonapi"):
        return None
    # a prototype of our own: setting argtypes on ``ctypes.pythonapi``'s shared function
    # object would change it for everyone else in the process
    return ctypes.PYFUNCTYPE(None, ctypes.py_object)(("PyObject_GC_UnTrack", ctypes.pythonapi))


_WORD_AT = re.compile(r"\w")
_APOSTROPHES = re.compile(r"['’]")
APOSTROPHES = "'’"
"""The apostrophes a word (:data:`TOKEN_RE`) can hold, always between two letters."""
_NOT_UPPER_NL = bytes(b for b in range(256) if not (65 <= b <= 90 or b == 10))
_NOT_LOWER_NL = bytes(b for b in range(256) if not (97 <= b <= 122 or b == 10))

TOKEN_RE = re.compile(r"[^\W\d_](?<!\w[^\W\d_])[^\W\d_]*(?:['’\-][^\W\d_]+)*(?!\d)")
"""Words: letters with inner apostrophes/hyphens, not glued to digits (E0859273 is no word)."""


_TOKEN_ASCII = re.compile(r"[A-Za-z](?<![A-Za-z0-9_][A-Za-z])[A-Za-z]*(?:['\-][A-Za-z]+)*(?![0-9])")
""":data:`TOKEN_RE` for texts whose only non-ASCII characters are neither letters, digits nor
'’': there it finds exactly the same words, about 2.4 times faster (Unicode categories are
looked up per character; ASCII ranges are not)."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_REGEX_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""Non-ASCII letters that ``re.IGNORECASE`` matches to ASCII ones ('İ', 'ı', 'ſ', Kelvin 'K'):
folded the same way in :attr:`Doc.lower`, so a literal pre-filter finds every place the
case-insensitive regex would match ('İ' would also lower-case to two characters)."""


_SPLIT_WORDS = re.compile(f"({TOKEN_RE.pattern})")
_SPLIT_ASCII = re.compile(f"({_TOKEN_ASCII.pattern})")
"""The tokenizers as ``re.split`` patterns: the text cut into gap, word, gap, ..., word, gap
in one C-level pass, with no match object per word (the words are :data:`TOKEN_RE`'s
matches, which are never empty)."""


def _token_split(wide: frozenset[str]) -> re.Pattern[str]:
    """The fastest tokenizer that gives :data:`TOKEN_RE`'s words for a text whose non-ASCII
    characters are ``wide``."""
    if "’" in wide or any(c.isalnum() for c in wide):
        return _SPLIT_WORDS
    return _SPLIT_ASCII


def _letter_counts(text: str, limit: int = 1 << 62) -> tuple[list[int], list[int]]:
    """Upper- and lower-case letters (``str.isupper``/``islower`` per character) in each line
    of ``text[:limit]``.

    Compiled, one C loop (:func:`recognizers.textscan.line_letter_counts`). In pure Python,
    ASCII letters are counted by deleting every other byte but newlines from the whole text
    at once (``bytes.translate``, C speed) and splitting what is left into lines; only lines
    with non-ASCII characters are walked character by character, and only those characters."""
    if len(text) > limit:
        text = text[:limit]
    if _TYPED_SCANS:
        return line_letter_counts(text)
    raw = text.encode("ascii", "ignore")  # "\n" is ASCII: the lines stay where they were
    uppers = list(map(len, raw.translate(None, _NOT_UPPER_NL).split(b"\n")))
    lowers = list(map(len, raw.translate(None, _NOT_LOWER_NL).split(b"\n")))
    lines = [] if text.isascii() else text.split("\n")
    for k in compress(range(len(lines)), map(not_, map(str.isascii, lines))):
        wide = [c for c in lines[k] if c > "\x7f"]
        uppers[k] += sum(map(str.isupper, wide))
        lowers[k] += sum(map(str.islower, wide))
    return uppers, lowers


_DOC_CASE_CHARS = 20000
"""How much of a text decides its case (:attr:`Doc.doc_case`)."""


class lazy:  # noqa: N801 - used as a decorator, like functools.cached_property
    """``functools.cached_property`` without its lock: computed on first access and stored in
    the instance's ``__dict__``, which later reads find first (a non-data descriptor).

    Python 3.11's ``cached_property`` takes a re-entrant lock on every first access, in
    Python code: a dozen per text, about 1% of a scan. A :class:`Doc` belongs to one call
    and is never shared between threads, so it needs no lock."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


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


def _new_hit(cls: type[Hit], start: int, end: int, entity: str, score: float,
             recognizer: str) -> Hit:
    """``Hit.__new__``: the tuple made directly. The one ``namedtuple`` writes is Python
    code run by the interpreter (some 2,000 machine instructions a hit, with thousands of
    hits per MB); compiled, this is one C call."""
    return _tuple_new(cls, (start, end, entity, score, recognizer))


_tuple_new = tuple.__new__
Hit.__new__ = _new_hit  # type: ignore[method-assign, assignment]


class Doc:
    """A text plus what recognizers share about it, computed at most once per text.

    Lower-casing and tokenizing are done lazily so that a recognizer that needs neither costs
    nothing extra, and a text with no cue for a recognizer costs one substring test.
    """

    __slots__ = ("text", "reference_year", "_positions", "_bounded", "_needles",
                 "_needles_known", "_digit_cands", "__dict__")

    def __init__(self, text: str, reference_year: int) -> None:
        # a str subclass (numpy.str_, a pandas cell) becomes a plain str with the same
        # characters: the compiled name rules keep the text in a str-typed field
        self.text = text if type(text) is str else str.__str__(text)
        self.reference_year = reference_year
        self._positions: dict[object, list[int]] = {}
        self._bounded: dict[_NeedleSet, list[int]] = {}
        self._needles: dict[str, list[int]] | None = None
        self._needles_known: frozenset[str] = frozenset()
        self._digit_cands: dict[tuple, list[tuple[int, int]]] = {}

    @lazy
    def _wide(self) -> frozenset[str]:
        """The text's non-ASCII characters (none for nearly every note): they decide the
        tokenizer and whether digit runs include non-ASCII digits."""
        return frozenset() if self.text.isascii() else frozenset(_NON_ASCII.findall(self.text))

    @lazy
    def lower(self) -> str:
        """Lower-cased text with the same length, so offsets in it are offsets in ``text``."""
        text = self.text
        if text.isascii():
            return text.lower()
        folded = text.translate(_REGEX_FOLDS)
        low = folded.lower()
        if len(low) != len(text):  # another character that lower-cases to two
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
        return low

    @lazy
    def _words(self) -> tuple[list[int], list[int], list[str], list[str] | None]:
        """Starts, ends, texts and lower-case texts (None: not made yet) of the words
        (:data:`TOKEN_RE`'s matches), as parallel lists. Compiled, a text the ASCII
        tokenizer suits (nearly every note) is walked by one C loop
        (:func:`recognizers.textscan.ascii_words`). Otherwise the text is split
        into gap, word, gap, ..., word, gap: strings, not match objects, since a split makes
        no object per word beyond the word itself and a million live matches would keep the
        cyclic GC busy."""
        split = _token_split(self._wide)
        if _TYPED_SCANS and split is _SPLIT_ASCII:
            return ascii_words(self.text)
        parts = split.split(self.text)
        offsets = list(accumulate(map(len, parts)))  # word k spans offsets[2k]:offsets[2k+1]
        return offsets[0:-1:2], offsets[1::2], parts[1::2], None

    @lazy
    def token_starts(self) -> list[int]:
        return self._words[0]

    @lazy
    def token_ends(self) -> list[int]:
        return self._words[1]

    @lazy
    def texts(self) -> list[str]:
        return self._words[2]

    @lazy
    def lows(self) -> list[str]:
        """The lower-cased tokens, as a plain list (for C-speed set tests with ``map``)."""
        made = self._words[3]
        if made is not None:
            return made
        if not self._wide:  # ASCII: then lower-casing a word gives the slice of ``lower``
            return list(map(str.lower, self.texts))
        return list(map(self.lower.__getitem__, map(slice, self.token_starts, self.token_ends)))

    @lazy
    def tokens(self) -> list[Token]:
        """Every word as a :class:`Token`. Built with ``map`` over C functions only: a Python
        loop here costs more than all the dictionary lookups that follow."""
        return list(map(tuple.__new__, repeat(Token),
                        zip(self.token_starts, self.token_ends, self.texts, self.lows)))

    def tokens_with(self, chars: str) -> set[int]:
        """Indexes of the tokens holding one of ``chars``: apostrophes or hyphens, which a
        word holds only between two letters (:data:`TOKEN_RE`), so every occurrence inside a
        word is one between letters. Found by :func:`recognizers.textscan.tokens_holding`
        (a C loop over the words, or ``str.find`` in pure Python) rather than a regex search,
        which tests a character class at every offset; cached per ``chars``. The set is
        shared: callers must not change it."""
        key = ("\x00with", chars)
        found = self._positions.get(key)
        if found is None:
            found = self._positions[key] = tokens_holding(self.text, self.token_starts,
                                                          self.token_ends, chars)
        return found

    def token_at(self, offset: int) -> int | None:
        """The index of the token starting at ``offset``, if one does (bisection: cheaper
        than a dict of every token for the few lookups a text needs)."""
        starts = self.token_starts
        i = bisect_left(starts, offset)
        return i if i < len(starts) and starts[i] == offset else None

    def line_case(self, offset: int) -> str:
        """'upper', 'lower' or 'mixed': the letter case of the line holding ``offset``.

        In an ALL-CAPS nursing note capitals say nothing about names; in an all-lower-case
        one their absence says nothing either.
        """
        return self.line_cases[bisect_right(self.line_starts, offset) - 1]

    @lazy
    def line_cases(self) -> list[str]:
        """The case of every line (see :meth:`line_case`): lines with fewer than 8 letters
        take the case of the whole text."""
        uppers, lowers = self._line_letters
        return line_cases(uppers, lowers, self.doc_case)

    @lazy
    def _line_letters(self) -> tuple[list[int], list[int]]:
        """Upper- and lower-case letters in each line (:func:`_letter_counts`)."""
        return _letter_counts(self.text)

    @lazy
    def line_starts(self) -> list[int]:
        """Offsets where lines start (for line lookups by bisection), after each newline
        found with ``str.find`` (no match object per line)."""
        text = self.text
        out = [0]
        i = text.find("\n")
        while i >= 0:
            out.append(i + 1)
            i = text.find("\n", i + 1)
        return out

    @lazy
    def token_case(self) -> list[str]:
        """The line case of every token, in token order (one walk of tokens and lines)."""
        return per_token(self.line_cases, self.token_starts, self.line_starts)

    @lazy
    def doc_case(self) -> str:
        """The case of the whole text, for lines too short to tell on their own."""
        text = self.text
        uppers, lowers = self._line_letters if len(text) <= _DOC_CASE_CHARS else \
            _letter_counts(text, _DOC_CASE_CHARS)
        upper, lower = sum(uppers), sum(lowers)
        letters = upper + lower
        if letters >= 8 and upper >= 0.8 * letters:
            return "upper"
        if letters >= 8 and upper <= 0.03 * letters:
            return "lower"
        return "mixed"

    @lazy
    def digit_spans(self) -> list[tuple[int, int]]:
        """(start, end) of every run of digits (shared by all digit patterns).

        Runs are ASCII digits unless the text has other decimal digits ('１', '٣'), which the
        patterns' ``\\d`` matches too: then runs of any decimal digit."""
        if _TYPED_SCANS:  # one C loop (recognizers.textscan.digit_runs): the same runs
            return digit_runs(self.text)
        finder = _DIGIT_RUN_ANY if any(map(str.isdecimal, self._wide)) else _DIGIT_RUN
        return list(map(re.Match.span, finder.finditer(self.text)))

    @lazy
    def digit_spans_by_length(self) -> dict[int, list[tuple[int, int]]]:
        """Digit runs grouped by length, so a pattern visits only runs it can start with."""
        out: dict[int, list[tuple[int, int]]] = {}
        for span in self.digit_spans:  # in text order, so each group is too
            n = span[1] - span[0]
            group = out.get(n)
            if group is None:
                out[n] = [span]
            else:
                group.append(span)
        return out

    def has_digit_runs(self, lengths: tuple[int, ...]) -> bool:
        """Is there any digit run of one of these lengths (any length if empty)?"""
        if not lengths:
            return bool(self.digit_spans)
        return not self.digit_spans_by_length.keys().isdisjoint(lengths)

    def digit_candidates(self, lengths: tuple[int, ...], follow: str | None, alpha: bool,
                         space: bool = False, nonword: bool = False,
                         lead: str = "") -> list[tuple[int, int]]:
        """Digit runs a numeric pattern may start at: of one of ``lengths`` (any if empty),
        followed by a character of ``follow``, or a letter (``alpha``), whitespace
        (``space``), anything but a word character (``nonword``), or the end of the text;
        unfiltered when ``follow`` is None. Runs right after a character of ``lead`` are
        kept whatever their length and what follows ("+442071234567"). Cached per text:
        phone and fax, or two date patterns, ask for the same runs."""
        key = (lengths, follow, alpha, space, nonword, lead)
        found = self._digit_cands.get(key)
        if found is None:
            if lengths:
                by_length = self.digit_spans_by_length
                groups = [by_length[n] for n in lengths if n in by_length]
                if not groups:
                    found = []
                elif len(groups) == 1:
                    found = groups[0]
                else:  # the runs in text order, kept by length: no sort
                    found = runs_of_lengths(self.digit_spans, lengths)
            else:
                found = self.digit_spans
            if follow is not None and found:
                found = runs_followed_by(self.text, found, follow, alpha, space, nonword)
            text = self.text
            if lead and any(map(text.__contains__, lead)):
                led = runs_after(text, self.digit_spans, lead)
                if led:
                    found = merge_runs(found, led)
            self._digit_cands[key] = found
        return found

    def positions(self, needles: tuple[str, ...]) -> list[int]:
        """Sorted offsets of every occurrence of the lower-case needles (cached per set).

        Registered needles (see :func:`register_needles`) are found for all recognizers at
        once, in one Aho-Corasick pass over the text; others with ``str.find``.
        """
        hits = self._needle_hits()
        entry = _needle_set(needles, self._needles_known)
        cache = self._positions
        found = cache.get(entry)
        if found is None:
            nset = entry.nset
            if entry.all_known and hits.keys().isdisjoint(nset):
                found = cache[entry] = []
                return found
            if len(hits) < len(nset):
                lists = [listed for needle, listed in hits.items() if needle in nset]
            else:
                lists = [hits[needle] for needle in nset if needle in hits]
            for needle in entry.unregistered:  # not in the automaton: look it up directly
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
            cache[entry] = found
        return found

    def _needle_hits(self) -> dict[str, list[int]]:
        """needle -> start offsets, for every registered needle (empty dict without
        pyahocorasick: then every lookup falls back to ``str.find``)."""
        cached = self._needles
        if cached is not None:
            return cached
        automaton = _automaton()
        out: dict[str, list[int]] = {}
        if automaton is not None:
            out = automaton.hits(self.lower)
            self._needles_known = _AUTOMATON[1]
        self._needles = out
        return out

    def has_any(self, needles: tuple[str, ...]) -> bool:
        return any(map(self.lower.__contains__, needles))

    def bounded(self, needles: tuple[str, ...]) -> list[int]:
        """Like :meth:`positions`, keeping occurrences that end at a word boundary (needles
        missing from the automaton make it return every occurrence: a filter may only
        drop positions, never lose one)."""
        hits = self._needle_hits()
        entry = _needle_set(needles, self._needles_known)
        found = self._bounded.get(entry)
        if found is None:
            if not entry.all_known:
                found = self.positions(needles)
            else:
                text = self.text
                found = []
                for needle in entry.nset.intersection(hits):
                    n = len(needle)
                    found.extend(p for p in hits[needle] if not _WORD_AT.match(text, p + n))
                found = sorted(set(found))
            self._bounded[entry] = found
        return found

    def word_starts(self, words: frozenset[str]) -> list[int]:
        """Start offsets of the tokens that are one of ``words`` (lower case), also with a
        trailing apostrophe part ("St's")."""
        key = ("\x00words", id(words))
        found = self._positions.get(key)
        if found is None:
            lows = self.lows
            picked = set(members(lows, words))
            for i in self.tokens_with(APOSTROPHES):
                if _APOSTROPHES.split(lows[i], 1)[0] in words:
                    picked.add(i)
            starts = self.token_starts
            found = [starts[i] for i in sorted(picked)]
            self._positions[key] = found
        return found

    def followed_by_word(self, runs: list[tuple[int, int]], words: frozenset[str],
                         within: int, between: str = "") -> list[tuple[int, int]]:
        """The digit runs with one of ``words`` starting at most ``within`` characters after
        their end (with ``between``: the first such word, with only letters, digits and
        characters of ``between`` before it)."""
        starts = self.word_starts(words)
        if not starts:
            return []
        return runs_before(runs, starts, within, self.text, between)  # one walk of both lists

    def cased(self, positions: list[int], case: str) -> list[int]:
        """The offsets whose character in the text is an upper- (or lower-) case letter."""
        test = str.isupper if case == "upper" else str.islower
        return list(compress(positions, map(test, map(self.text.__getitem__, positions))))

    def has_needle(self, needles: frozenset[str]) -> bool:
        """Does any of these lower-case literals occur? Registered needles are answered from
        the automaton's pass; others with ``in``."""
        if not self._needle_hits().keys().isdisjoint(needles):
            return True
        unregistered = _needle_set(needles, self._needles_known).unregistered
        return bool(unregistered) and any(map(self.lower.__contains__, unregistered))


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
    #: with ``follow``: whitespace of any kind (what ``\s`` matches) may follow too
    follow_space: bool = False
    #: with ``follow``: any character but a letter, digit or "_" may follow too
    follow_nonword: bool = False
    #: with ``digits`` and ``back``: the characters skipped back must all be letters
    lead_alpha: bool = False
    #: with ``digits``: runs right after one of these characters are tried whatever their
    #: length and what follows them ("+" opens an international number of any grouping)
    lead: str = ""
    #: with ``digits``: (length, lowest, highest): a first digit run of that length is
    #: tried only if its value lies in the range, because the regex or the recognizer
    #: rejects every other (ages of 90 to 130; a phone's one-digit run is its "1"); runs of
    #: lengths not listed, and runs right after a ``lead`` character, are all tried
    values: tuple[tuple[int, int, int], ...] = ()
    #: with ``tail``: how far before the literal a match may start
    window: int = 160
    #: with ``tail``: "upper" or "lower" when every match's literal starts with a letter of
    #: that case in the text ("Hospital" for a case-sensitive facility pattern)
    tail_case: str = ""
    #: with ``tail``: the literal ends at a word boundary in every match (", MA" but not
    #: ", may"), so occurrences followed by a letter, digit or "_" are not looked at
    tail_bound: bool = False
    #: with ``tail`` (literals of one length): characters one of which follows the literal
    #: in every match ("SMITH, JOHN": an upper-case letter after ", ")
    tail_next: str = ""
    #: with ``tail``: characters one of which precedes the literal in every match
    #: ("Smith, John": a letter before ", ")
    tail_prev: str = ""
    #: with ``tail``: the characters every character of a match before its literal is one
    #: of (a host name's letters, digits, dots and hyphens): the search before an
    #: occurrence starts no earlier than the run of them that ends there
    tail_chars: frozenset[str] = frozenset()
    #: with ``digits``: lower-case words one of which every match has as a word starting
    #: at most ``then_within`` characters after the first digit run (a street suffix after
    #: a house number); runs with none are not tried
    then: frozenset[str] = frozenset()
    then_within: int = 0
    #: with ``then``: the characters besides letters and digits (``str.isalnum``) that may
    #: stand between the run and that word in a match (a street's words, blanks, "."):
    #: runs whose next such word comes after any other character are not tried
    then_between: str = ""
    #: for patterns with no literal or digit to start from: a cheap regex (opening with a
    #: character class of rare characters) every match contains, starting ``seek_back``
    #: characters after the match's start; the pattern is tried only there
    seek: str = ""
    seek_back: int = 0
    #: a cheap test of the whole text (C-speed byte or regex work) that is false only where
    #: the pattern cannot match anywhere: the pattern is not tried at all then (a full
    #: ``finditer`` or many candidate offsets that never match, as "98.6" for an IPv4)
    gate: Callable[[str], object] | None = None
    #: with ``tail``, worked out from ``regex``, not declared: no match can hold a line
    #: break, so the search before a literal starts no earlier than the literal's line
    one_line: bool = field(init=False, default=False)
    #: the fields ``pattern_matches`` reads, as tuples made once: a scan unpacks one tuple
    #: instead of reading a dozen attributes of the pattern for every text
    kinds: tuple = field(init=False, default=(), repr=False, compare=False)
    digit_plan: tuple = field(init=False, default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if sum((bool(self.anchors), bool(self.tail), self.digits, bool(self.seek))) > 1:
            raise ValueError(f"pattern {self.name}: choose one of anchors, tail, digits, seek")
        if self.tail_next and len({len(t) for t in self.tail}) != 1:
            raise ValueError(f"pattern {self.name}: tail_next needs literals of one length")
        if self.values and self.back != (0,):
            raise ValueError(f"pattern {self.name}: values reads the run a match starts with")
        if self.lead_alpha and min(self.back) < 1:
            raise ValueError(f"pattern {self.name}: lead_alpha needs letters to skip back over")
        if self.tail:  # only a tail search reads it; parsing every pattern slowed start-up
            object.__setattr__(self, "one_line", not may_hold_newline(self.regex, self.flags))
        object.__setattr__(self, "kinds", (self.gate, self.anchors, self.digits, self.tail))
        object.__setattr__(self, "digit_plan", (
            self.lengths, self.follow, self.follow_alpha, self.follow_space,
            self.follow_nonword, self.lead, self.then, self.then_within, self.values,
            self.back, self.lead_alpha, self.then_between))


def by_first_letter(regex: re.Pattern[str]) -> dict[str, re.Pattern[str]]:
    """For a pattern that opens (after zero-width items such as ``\\b``) with an
    alternation of words ("case|claim|order|..."), one regex per first letter holding only
    the alternatives that can start with it, keyed by that letter in lower case; empty when
    the pattern opens otherwise.

    At an anchor (a literal found in :attr:`Doc.lower`, whose character there is the key),
    an alternative opening with another ASCII letter cannot match, yet CPython's ``re``
    under IGNORECASE enters each in turn (its quick skip of a failing first literal works
    only for case-sensitive ones). Dropping those alternatives keeps the order of the
    others, so the same match and groups come out; alternatives opening with anything but
    an ASCII letter are always kept. Built from CPython's parsed pattern (``re._parser``,
    private: any failure gives no variants, and the full pattern is used)."""
    cached = _BY_FIRST_LETTER.get(id(regex))  # by identity: a pattern's hash reads its code
    if cached is not None and cached[0] is regex:
        return cached[1]
    out: dict[str, re.Pattern[str]] = {}
    try:
        from re import _compiler, _constants, _parser

        tree = _parser.parse(regex.pattern, regex.flags)
        letters = _opening_letters(tree, _constants)
        if len(letters) < _FEW_LETTERS:  # too few to be worth a lookup per start
            letters = set()
        for key in letters:
            narrowed = _narrowed(tree, key, _constants, _parser)
            if narrowed is not None:
                out[key] = _compiler.compile(narrowed, regex.flags)
    except Exception:  # noqa: BLE001 - a parser of another Python version: no variants
        out = {}
    _BY_FIRST_LETTER[id(regex)] = (regex, out)
    return out


_BY_FIRST_LETTER: dict[int, tuple[re.Pattern[str], dict[str, re.Pattern[str]]]] = {}
_FEW_LETTERS = 6
"""An alternation opening with fewer letters than this is tried whole (a month's name, a
few street words): dropping its few other alternatives saves less than the lookup costs."""


def _opening(tree, c):  # noqa: ANN001, ANN202 (re._parser.SubPattern, re._constants)
    """Index and item of the first item of ``tree`` that is not zero-width."""
    items = tree.data
    k = 0
    while k < len(items) and items[k][0] in (c.AT, c.ASSERT, c.ASSERT_NOT):
        k += 1
    return (k, items[k]) if k < len(items) else (k, None)


def _first_letter(alternative, c) -> str | None:  # noqa: ANN001
    """The lower-case ASCII letter an alternative opens with as a literal, else None."""
    if alternative.data and alternative.data[0][0] is c.LITERAL:
        ch = chr(alternative.data[0][1])
        if ch.isascii() and ch.isalpha():
            return ch.lower()
    return None


def _opening_letters(tree, c) -> set[str]:  # noqa: ANN001
    _, item = _opening(tree, c)
    if item is None:
        return set()
    op, av = item
    if op is c.BRANCH:
        return {_first_letter(a, c) for a in av[1]} - {None}
    if op is c.SUBPATTERN:
        return _opening_letters(av[3], c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[1] == 1:
        return _opening_letters(av[2], c)  # an optional opening ("(?:rn|md|...)?")
    return set()


def _narrowed(tree, key: str, c, parser):  # noqa: ANN001, ANN202
    """``tree`` without the opening alternatives that start with an ASCII letter other
    than ``key``; None when none would go."""
    k, item = _opening(tree, c)
    if item is None:
        return None
    op, av = item
    if op is c.BRANCH:
        kept = [a for a in av[1] if _first_letter(a, c) in (None, key)]
        if len(kept) == len(av[1]):
            return None
        new = (c.BRANCH, (None, kept))
    elif op is c.SUBPATTERN:
        inner = _narrowed(av[3], key, c, parser)
        if inner is None:
            return None
        new = (c.SUBPATTERN, (av[0], av[1], av[2], inner))
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[1] == 1:
        # at most once, so only its one try starts at the anchor (a repeat's later tries
        # start further on, where other words may stand)
        inner = _narrowed(av[2], key, c, parser)
        if inner is None:
            return None
        new = (op, (av[0], av[1], inner))
    else:
        return None
    return parser.SubPattern(tree.state, [*tree.data[:k], new, *tree.data[k + 1:]])


def may_hold_newline(regex: str, flags: int = 0) -> bool:
    """Can a match of ``regex`` contain a line break ("\\n")? Worked out from the parsed
    pattern: every item that consumes a character is asked whether it accepts one
    (lookarounds and anchors consume nothing). True whenever the answer is not certain: a
    pattern the parser of this Python version does not give, an item not known here, or a
    back-reference (whose group may sit in a lookahead)."""
    try:
        from re import _constants, _parser  # CPython's own parser; private, hence the guard

        tree = _parser.parse(regex, flags)
        dotall = bool(tree.state.flags & re.DOTALL)
        return _holds_newline(tree, dotall, _constants)
    except Exception:  # noqa: BLE001 - any doubt means "it may"
        return True


def _holds_newline(items: Iterable, dotall: bool, c) -> bool:  # noqa: ANN001 (re._constants)
    for op, av in items:
        if op is c.LITERAL:
            if av == 10:
                return True
        elif op is c.NOT_LITERAL:
            if av != 10:
                return True
        elif op is c.ANY:
            if dotall:
                return True
        elif op is c.IN:
            if _set_holds_newline(av, c):
                return True
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if _holds_newline(av[2], dotall, c):
                return True
        elif op is c.SUBPATTERN:
            _, add, remove, sub = av
            inner = (dotall or bool(add & re.DOTALL)) and not remove & re.DOTALL
            if _holds_newline(sub, inner, c):
                return True
        elif op is c.ATOMIC_GROUP:
            if _holds_newline(av, dotall, c):
                return True
        elif op is c.BRANCH:
            if any(_holds_newline(branch, dotall, c) for branch in av[1]):
                return True
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # lookarounds and anchors consume nothing
        else:  # back-references, conditionals, anything new: assume the worst
            return True
    return False


_NEWLINE_CATEGORIES = ("CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD",
                       "CATEGORY_LINEBREAK", "CATEGORY_NOT_SPACE", "CATEGORY_DIGIT",
                       "CATEGORY_WORD", "CATEGORY_NOT_LINEBREAK")
"""The parser's character categories: the first four hold "\\n", the last four do not."""


def _set_holds_newline(items: list, c) -> bool:  # noqa: ANN001 (re._constants)
    negate = hit = False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            hit = hit or av == 10
        elif op is c.RANGE:
            hit = hit or av[0] <= 10 <= av[1]
        elif op is c.CATEGORY and str(av) in _NEWLINE_CATEGORIES:
            hit = hit or _NEWLINE_CATEGORIES.index(str(av)) < 4
        else:
            return True
    return hit != negate


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
    #: does ``find`` score matches with :meth:`has_context` (the name rules do not): its
    #: context words are then found by the automaton with every other literal
    CONTEXT_SCORED: ClassVar[bool] = True
    #: lower-case substrings of which at least one must occur for any pattern to match;
    #: None means "always run"
    TRIGGERS: ClassVar[tuple[str, ...] | None] = None

    def __init__(self) -> None:
        for p in self.PATTERNS:
            register_needles(p.anchors + p.tail)
        # triggers of two or more characters come from the shared automaton; single
        # characters ("@", ".") would flood it with hits and are found with ``in`` instead
        triggers = self.TRIGGERS or ()
        self._trigger_words = frozenset(t for t in triggers if len(t) > 1)
        self._trigger_chars = tuple(t for t in triggers if len(t) == 1)
        register_needles(tuple(self._trigger_words))
        self._compiled = [
            (p, re.compile(p.regex, p.flags), p.entity or self.ENTITIES[0]) for p in self.PATTERNS
        ]
        #: per pattern: regex, entity, whether it has a ``phi`` group, and the literals one
        #: of which must be in a text for it to match at all
        self._plan = [
            (p, regex, entity, "phi" in regex.groupindex, p.anchors or p.tail or None)
            for p, regex, entity in self._compiled
        ]
        self._context = tuple(self.CONTEXT)
        self._context_words = frozenset(self.CONTEXT)
        if self.CONTEXT_SCORED:  # not "ss", "ip", "ph": inside too many words to be worth it
            register_needles([w for w in self._context if len(w) > 2])

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
        """True when a context word occurs as a whole word in the ``CONTEXT_CHARS`` before
        ``start`` (in :attr:`Doc.lower`): what ``\\b(?:word|...)\\b`` searched for between
        those offsets finds, the window's end counting as a word's end.

        The words' occurrences come from the automaton's pass over the text
        (:meth:`Doc.positions`); one is a whole word when no word character stands before
        it and the run of word characters it starts, cut at ``start``, is the word itself.
        A regex search of the window tried its words at every offset."""
        if not self._context:
            return False
        lo = max(0, start - self.CONTEXT_CHARS)
        found = doc.positions(self._context)
        k = bisect_left(found, lo)
        if k == len(found) or found[k] >= start:
            return False
        low = doc.lower
        words = self._context_words
        for pos in found[k:]:
            if pos >= start:
                break
            if pos and (low[pos - 1].isalnum() or low[pos - 1] == "_"):
                continue
            if word_from(low, pos, start) in words:
                return True
        return False

    def triggered(self, doc: Doc) -> bool:
        """Does any of ``TRIGGERS`` occur in the text (as a substring, any case)?"""
        if self._trigger_chars and doc.has_any(self._trigger_chars):
            return True
        return bool(self._trigger_words) and doc.has_needle(self._trigger_words)

    # -- scanning --------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Hit]:
        """Run every pattern over the text and return scored hits."""
        if self.TRIGGERS is not None and not self.triggered(doc):
            return []
        hits: list[Hit] = []
        text = doc.text
        for pattern, regex, entity, has_group, needles in self._plan:
            # nothing to start from: skip the generator altogether
            found = None
            if needles is not None:
                found = doc.positions(needles)
                if not found:
                    continue
            elif pattern.digits and not doc.has_digit_runs(pattern.lengths):
                continue
            for m in pattern_matches(doc, pattern, regex, found):
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
    return "".join(filter(str.isdigit, value))


WHITESPACE = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680"
              + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000")
"""Every character ``\\s`` matches in a ``str`` pattern (``tests/test_scan_shortcuts.py``
checks all of Unicode): a pattern whose literal holds ``\\s`` needs an anchor per character."""


ID_VALUE = (r"(?:\d{2,5}(?:[ ]\d{2,5}){1,4}(?![ ]?[\w/.:-]\d)\b"
            r"|(?=[A-Z0-9-]{0,30}\d)[A-Z0-9][A-Z0-9-]{2,30}[A-Z0-9]\b)")
"""A code after an ID label: 4-32 letters/digits/dashes with at least one digit."""

LABEL_SEP = r"\s{0,3}+(?:(?:#|no\.?|num(?:ber)?\.?|id)\s{0,2}+)?[:#=]?\s{0,3}+(?:is\s)?\s{0,2}+"
"""What may stand between an ID label and its value: 'MRN #: ', 'account no. ', 'ID='.

The blank runs are possessive: every pattern puts a value after this that cannot start
with a blank, and the pieces between the runs ("#", "no.", ":", "is ") cannot either, so a
run that takes all the blanks it may never keeps a match from being found; giving blanks
back only tried every split of a run among the quantifiers before failing (a tenth of the
label patterns' time)."""


def pattern_matches(doc: Doc, pattern: Pattern, regex: re.Pattern[str],
                    found: list[int] | None = None) -> Iterator[re.Match[str]]:
    """The matches of one pattern, found the cheapest way its declaration allows.

    A full ``finditer`` costs 30-80 ms per MB per pattern in CPython's ``re``; with some 75
    patterns that alone would be several seconds per MB. Label patterns therefore declare the
    literals they start with (found for all patterns in one Aho-Corasick pass), patterns that
    end in a keyword ("Middlesex County") declare it as a tail and are searched in a window
    before each occurrence, numeric patterns start at digit runs, and the rest may name a
    cheap ``seek`` regex of rare characters. Matches come out in text order and never
    overlap, as ``finditer`` would give them; the only difference allowed is a declared
    run length or value that leaves out runs which cannot make the identifier
    (``tests/test_scanning.py`` checks every pattern against ``finditer``). A pattern with a
    ``gate`` is not tried at all in a text its gate rejects. ``found``: the caller's
    ``doc.positions`` of the pattern's anchors or tail, when it has looked them up already.
    """
    text = doc.text
    gate, anchors, digits, tail = pattern.kinds
    if gate is not None and not gate(text):
        return
    if anchors:
        starts = found if found is not None else doc.positions(anchors)
        variants = by_first_letter(regex)
        if variants:
            yield from _matches_by_letter(text, doc.lower, regex, variants, starts)
        else:
            yield from _matches_at(text, regex, starts)
        return
    if digits:
        last_end = -1
        (lengths, follow, follow_alpha, follow_space, follow_nonword, lead, then, then_within,
         values, backs, lead_alpha, then_between) = pattern.digit_plan
        runs = doc.digit_candidates(lengths, follow, follow_alpha, follow_space, follow_nonword,
                                    lead)
        if then and runs:
            runs = doc.followed_by_word(runs, then, then_within, then_between)
        if values and runs:
            runs = runs_valued(text, runs, values, lead)
        if lead_alpha and runs:  # a run after no letter has no letters to skip back over
            runs = runs_after_letter(text, runs)
        for run, _ in runs:
            for back in backs:
                pos = run - back
                if pos < last_end or pos < 0:
                    continue
                if lead_alpha and not text[pos:run].isalpha():  # İ is [A-Z] under re.I
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
    if tail:
        last_end = -1
        seen_window = -1
        small = pattern.window <= 8
        positions = doc.bounded(tail) if pattern.tail_bound else \
            found if found is not None else doc.positions(tail)
        if pattern.tail_case:
            positions = doc.cased(positions, pattern.tail_case)
        if pattern.tail_next:
            skip = len(pattern.tail[0])
            allowed = pattern.tail_next
            positions = [p for p in positions
                         if p + skip < len(text) and text[p + skip] in allowed]
        if pattern.tail_prev:
            allowed = pattern.tail_prev
            positions = [p for p in positions if p and text[p - 1] in allowed]
        nexts = [*positions[1:], len(text) + pattern.window]
        one_line = pattern.one_line
        tail_chars = pattern.tail_chars
        for pos, next_pos in zip(positions, nexts):
            lo = max(last_end, pos - pattern.window, seen_window, 0)
            if one_line:  # a match holding no line break starts on the literal's line
                lo = max(lo, text.rfind("\n", lo, pos) + 1)
            if tail_chars:  # nor before the run of the characters its start may have
                run = pos
                while run > lo and text[run - 1] in tail_chars:
                    run -= 1
                lo = max(lo, run)  # (a literal inside the last match: lo is past it)
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
                    # nothing ends before hi; a longer match starting here ends near a
                    # later literal and is searched from there: lo is not moved past it
                    break
                # a match that starts earlier but ends past hi was invisible to that search;
                # its last literal would come after pos, within ``window`` of its start: if
                # one does, look again with room for the longest match (window + 40)
                if next_pos < m.start() + pattern.window:
                    wide = regex.search(text, lo, min(len(text), m.start() + pattern.window + 48))
                    if wide is not None and wide.start() < m.start():
                        m = wide
                full = regex.match(text, m.start())  # re-check without the window's end
                if full is not None and full.end() > full.start():
                    last_end = full.end()
                    yield full
                    lo = full.end()
                else:
                    lo = m.start() + 1
        return
    if pattern.seek:
        back = pattern.seek_back
        starts = (hit.start() - back for hit in _compiled_seek(pattern.seek).finditer(text))
        yield from _matches_at(text, regex, starts)
        return
    yield from regex.finditer(text)


def _matches_at(text: str, regex: re.Pattern[str], starts: Iterable[int]
                ) -> Iterator[re.Match[str]]:
    """Non-empty matches of ``regex`` at sorted start offsets, none overlapping the last."""
    last_end = 0
    for pos in starts:
        if pos < last_end:
            continue
        m = regex.match(text, pos)
        if m is not None and m.end() > m.start():
            last_end = m.end()
            yield m


def _matches_by_letter(text: str, low: str, regex: re.Pattern[str],
                       variants: dict[str, re.Pattern[str]], starts: Iterable[int]
                       ) -> Iterator[re.Match[str]]:
    """:func:`_matches_at`, each start tried with the variant of ``regex`` for its letter
    (:func:`by_first_letter`): the same matches."""
    last_end = 0
    for pos in starts:
        if pos < last_end:
            continue
        m = variants.get(low[pos], regex).match(text, pos)
        if m is not None and m.end() > m.start():
            last_end = m.end()
            yield m


@cache
def _compiled_seek(seek: str) -> re.Pattern[str]:
    return re.compile(seek)


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
