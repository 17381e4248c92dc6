# cython: boundscheck=False, wraparound=False
"""Loops over every character of a text (its words, digit runs, letters per line, literals)
and over its tokens and digit runs (filters, word-list membership).

Why a module of its own: every text is walked this way before any rule runs, and the regular
expressions that did it (``re.split`` for words, ``finditer`` for digit runs) cost some 300
machine instructions per character, a tenth of the whole scan (``bench/README.md``). Compiled,
with ``textscan.pxd`` typing the indexes as C integers and the characters as ``Py_UCS4``, each
function here is one C loop over the string's buffer that makes Python objects only for what
it returns. In pure Python a loop per character is slower than those regular expressions, so
:class:`recognizers.base.Doc` calls the per-character loops only when this module is compiled
(:data:`COMPILED`) and keeps the regular expressions (and pyahocorasick) otherwise; the loops
over tokens or digit runs serve both builds (some take a faster pure-Python form inside).
Both give the same results: ``tests/test_textscan.py`` compares them on generated and
hostile texts.

The first line compiles this module without bounds or negative-index checks on indexing
with C integers (about 1.5% of a scan's instructions, one check per character of every
loop). Every index here is kept in range by the loop that makes it (``i < n``, ``start > 0``
before ``text[start - 1]``...), or is an offset of the same text that ``Doc`` passes in; a
function added here must keep to that, since an index out of range would no longer raise.
"""

from __future__ import annotations

import re
from array import array
from itertools import compress, repeat
from operator import not_

try:  # the compiled build reads this as a constant; pure Python needs no Cython installed
    import cython

    COMPILED: bool = bool(cython.compiled)
except ImportError:  # pragma: no cover - Cython is a build requirement, not a run-time one
    COMPILED = False


BULLET_START = re.compile(r"[ \t]{0,7}[-•*]")
"""A list item's opening: a bullet after at most seven blanks."""


def ascii_words(text: str) -> tuple[list[int], list[int], list[str], list[str]]:
    """Starts, ends, texts and lower-case texts of the matches of
    ``recognizers.base._TOKEN_ASCII``. A word with no capital is its own lower-case form
    (the same string, none made for it).

    A word starts at an ASCII letter that does not follow a letter, digit or "_"; it runs
    over letters and over single apostrophes or hyphens between two letters. A word followed
    by a digit gives back its last letter (and a separator then left at its end), exactly as
    the regular expression backtracks to satisfy its ``(?![0-9])``: "abc9" is the word "ab",
    "x-yz9" is "x-y", and a lone letter before a digit is no word ("E0859273")."""
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    lows: list[str] = []
    start = -1  # where the current word starts (-1: outside a word)
    sep = -1  # a separator inside the word, not yet followed by a letter
    upper = False  # a capital in the word
    after_word_char = False  # the previous character is an ASCII letter, digit or "_"
    i = 0
    # compiled, a loop over the string's buffer (no index per character); the word in hand
    # ends at the first character that neither continues it nor is a separator to be seen
    for c in text:
        letter = "a" <= c <= "z" or "A" <= c <= "Z"
        if start >= 0:
            if letter:
                sep = -1  # a separator between two letters belongs to the word
                if c <= "Z":
                    upper = True
                i += 1
                after_word_char = True
                continue
            if (c == "'" or c == "-") and sep < 0:
                sep = i
                i += 1
                after_word_char = False
                continue
            end = i
            if sep >= 0:
                end = sep  # a separator not followed by a letter ends the word before it
            elif "0" <= c <= "9":
                end -= 1  # a digit after the word: its last letter goes, as the regex does
                if end > start and (text[end - 1] == "'" or text[end - 1] == "-"):
                    end -= 1
            if end > start:
                word = text[start:end]
                starts.append(start)
                ends.append(end)
                words.append(word)
                lows.append(word.lower() if upper else word)  # a capital given back too
            start = -1
            sep = -1
        if letter and not after_word_char:
            start = i
            upper = c <= "Z"
        after_word_char = letter or "0" <= c <= "9" or c == "_"
        i += 1
    if start >= 0:
        end = sep if sep >= 0 else i
        word = text[start:end]
        starts.append(start)
        ends.append(end)
        words.append(word)
        lows.append(word.lower() if upper else word)
    return starts, ends, words, lows


def digit_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of decimal digits (``str.isdecimal``, what ``\\d``
    matches in a ``str`` pattern). In a text without non-ASCII digits these are the runs of
    ``[0-9]+``."""
    out: list[tuple[int, int]] = []
    start = -1
    i = 0
    for c in text:  # compiled: a loop over the string's buffer, no index per character
        if "0" <= c <= "9" or (c > "\x7f" and c.isdecimal()):
            if start < 0:
                start = i
        elif start >= 0:
            out.append((start, i))
            start = -1
        i += 1
    if start >= 0:
        out.append((start, i))
    return out


def line_letter_counts(text: str) -> tuple[list[int], list[int]]:
    """Upper- and lower-case letters (``str.isupper``/``islower`` per character) in each line
    of ``text``."""
    uppers: list[int] = []
    lowers: list[int] = []
    upper = lower = 0
    for c in text:
        if c == "\n":
            uppers.append(upper)
            lowers.append(lower)
            upper = lower = 0
        elif "a" <= c <= "z":
            lower += 1
        elif "A" <= c <= "Z":
            upper += 1
        elif c > "\x7f":
            if c.isupper():
                upper += 1
            elif c.islower():
                lower += 1
    uppers.append(upper)
    lowers.append(lower)
    return uppers, lowers


def per_token(values: list, token_starts: list[int], line_starts: list[int]) -> list:
    """``values[k]`` for each token, k being the line its start is on (``line_starts``:
    where each line starts, in order, from 0)."""
    out: list = []
    nl = len(line_starts)
    k = 0
    nxt = line_starts[1] if nl > 1 else -1
    for s in token_starts:
        while nxt >= 0 and s >= nxt:
            k += 1
            nxt = line_starts[k + 1] if k + 1 < nl else -1
        out.append(values[k])
    return out


def runs_followed_by(text: str, runs: list[tuple[int, int]], follow: str, alpha: bool,
                     space: bool, nonword: bool) -> list[tuple[int, int]]:
    """The runs (start, end) of ``text`` that end the text or are followed by a character of
    ``follow``, a letter (``alpha``), whitespace (``space``) or anything but a letter, digit
    or "_" (``nonword``); the tests are those of ``str.isalpha``, ``isspace`` and
    ``isalnum``."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for run in runs:
        end = run[1]
        if end < n:
            c = text[end]
            if not (c in follow or (alpha and c.isalpha()) or (space and c.isspace())
                    or (nonword and not (c.isalnum() or c == "_"))):
                continue
        out.append(run)
    return out


def members(words: list[str], pool: frozenset[str] | set[str]) -> list[int]:
    """Indexes of the words that are in ``pool``, in order (in pure Python: ``compress``
    over ``map``, the fastest the interpreter has)."""
    if not COMPILED:
        return list(compress(range(len(words)), map(pool.__contains__, words)))
    out: list[int] = []
    for i in range(len(words)):
        if words[i] in pool:
            out.append(i)
    return out


def trailing_word(text: str, lo: int, hi: int, skip: int) -> str:
    """The run of word characters (``\\w``: alphanumerics and "_") that ends
    ``text[lo:hi]`` once at most ``skip`` other characters are taken off its end; "" when more
    would have to go, or none is left.

    A regular expression that must end a window (``...\\W{0,3}$``) can match only if this
    word is one its last alternatives end with: a set test that spares the search, which
    under re.IGNORECASE tries every alternative at every offset of the window."""
    end = hi
    while end > lo:
        c = text[end - 1]
        if c.isalnum() or c == "_":
            break
        if hi - end == skip:
            return ""
        end -= 1
    start = end
    while start > lo:
        c = text[start - 1]
        if not (c.isalnum() or c == "_"):
            break
        start -= 1
    return text[start:end]


def word_from(text: str, lo: int, hi: int) -> str:
    """The run of word characters (``\\w``: alphanumerics and "_") that starts at ``lo``,
    cut at ``hi``."""
    end = lo
    while end < hi:
        c = text[end]
        if not (c.isalnum() or c == "_"):
            break
        end += 1
    return text[lo:end]


def runs_after(text: str, runs: list[tuple[int, int]], chars: str) -> list[tuple[int, int]]:
    """The runs (start, end) right after one of ``chars`` ("+" before a phone number)."""
    out: list[tuple[int, int]] = []
    for run in runs:
        start = run[0]
        if start > 0 and text[start - 1] in chars:
            out.append(run)
    return out


def merge_runs(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of two lists of (start, end) in text order, each run once: one walk of both
    (runs of one text never overlap, so a start names a run)."""
    out: list[tuple[int, int]] = []
    i = j = 0
    na = len(a)
    nb = len(b)
    while i < na and j < nb:
        x = a[i]
        y = b[j]
        sx = x[0]
        sy = y[0]
        if sx < sy:
            out.append(x)
            i += 1
        elif sy < sx:
            out.append(y)
            j += 1
        else:
            out.append(x)
            i += 1
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def count_digits(value: str) -> int:
    """How many characters of ``value`` are digits (``str.isdigit``)."""
    if not COMPILED:
        return sum(map(str.isdigit, value))
    count = 0
    for c in value:
        if c.isdigit():
            count += 1
    return count


def members_sized(words: list[str], pool: frozenset[str] | set[str], size: int) -> list[int]:
    """:func:`members` for a pool whose words all have ``size`` characters (state codes):
    compiled, a word of another length is not looked up."""
    if not COMPILED:
        return members(words, pool)
    out: list[int] = []
    for i in range(len(words)):
        word = words[i]
        if len(word) == size and word in pool:
            out.append(i)
    return out


def non_members(words: list[str], pool: frozenset[str] | set[str]) -> list[int]:
    """Indexes of the words that are not in ``pool``, in order."""
    if not COMPILED:
        return list(compress(range(len(words)), map(not_, map(pool.__contains__, words))))
    out: list[int] = []
    for i in range(len(words)):
        if words[i] not in pool:
            out.append(i)
    return out


def runs_after_letter(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs (start, end) right after a letter (``str.isalpha``)."""
    if not COMPILED:
        return [run for run in runs if run[0] and text[run[0] - 1].isalpha()]
    out: list[tuple[int, int]] = []
    for run in runs:
        start = run[0]
        if start > 0:
            c = text[start - 1]
            if c.isalpha():
                out.append(run)
    return out


def complete_automaton(delta: array, width: int, fail: array) -> list[int]:
    """Turn a trie into an Aho-Corasick automaton, in place.

    ``delta[s * width + c]`` holds the child of state ``s`` by character class ``c``, or -1
    (state 0 is the root). Afterwards every entry is a state: the longest needle prefix that
    ends the text read so far, as the automaton's failure links would find it, so a scan
    takes one table lookup per character. ``fail`` receives each state's failure link; the
    states are returned in breadth-first order (shorter prefixes first)."""
    order: list[int] = [0]
    for c in range(width):
        t = delta[c]
        if t < 0:
            delta[c] = 0
        else:
            fail[t] = 0
            order.append(t)
    head = 1
    while head < len(order):
        s = order[head]
        head += 1
        f = fail[s]
        for c in range(width):
            t = delta[s * width + c]
            if t < 0:
                delta[s * width + c] = delta[f * width + c]
            else:
                fail[t] = delta[f * width + c]
                order.append(t)
    return order


def automaton_hits(text: str, delta: array, width: int, ascii_classes: array,
                   wide_classes: dict[int, int], out_start: array, out_ids: array,
                   names: list[str], out_lengths: array) -> dict[str, list[int]]:
    """needle -> the start offsets of its occurrences in ``text``, in order, for every needle
    of the automaton (:func:`complete_automaton`) that occurs. ``ascii_classes`` gives the
    class of each ASCII character, ``wide_classes`` of the other characters found in needles
    (every character no needle holds is class 0); the needles ending at state ``s`` are
    ``out_ids[out_start[s]:out_start[s + 1]]``, numbered as in ``names``."""
    hits: dict[str, list[int]] = {}
    state = 0
    i = 0
    for c in text:
        k = ord(c)
        cls = ascii_classes[k] if k < 128 else wide_classes.get(k, 0)
        state = delta[state * width + cls]
        lo = out_start[state]
        hi = out_start[state + 1]
        while lo < hi:
            needle = out_ids[lo]
            name = names[needle]
            listed = hits.get(name)
            if listed is None:
                hits[name] = [i - out_lengths[needle] + 1]
            else:
                listed.append(i - out_lengths[needle] + 1)
            lo += 1
        i += 1
    return hits


def runs_valued(text: str, runs: list[tuple[int, int]], values: tuple[tuple[int, int, int], ...],
                lead: str) -> list[tuple[int, int]]:
    """The digit runs (start, end) whose value (``int`` of their digits) lies in the range
    ``values`` gives for their length, as (length, lowest, highest); runs of other lengths,
    and runs right after a character of ``lead``, are all kept."""
    out: list[tuple[int, int]] = []
    for run in runs:
        start = run[0]
        end = run[1]
        size = end - start
        low = high = -1
        for length, lowest, highest in values:
            if length == size:
                low = lowest
                high = highest
        if low < 0 or (start > 0 and text[start - 1] in lead):
            out.append(run)
            continue
        value = 0
        for i in range(start, end):
            c = text[i]
            if not "0" <= c <= "9":  # another decimal digit: let int read the run
                value = int(text[start:end])
                break
            value = value * 10 + (ord(c) - 48)
        if low <= value <= high:
            out.append(run)
    return out


def runs_of_lengths(runs: list[tuple[int, int]], lengths: tuple[int, ...]
                    ) -> list[tuple[int, int]]:
    """The runs (start, end) whose length is one of ``lengths``, in order."""
    mask = 0  # lengths below 63 as bits: one shift per run instead of a tuple search
    for size in lengths:
        if not 0 <= size < 63:
            return [run for run in runs if run[1] - run[0] in lengths]
        mask |= 1 << size
    out: list[tuple[int, int]] = []
    for run in runs:
        size = run[1] - run[0]
        if size < 63 and (mask >> size) & 1:
            out.append(run)
    return out


def runs_before(runs: list[tuple[int, int]], starts: list[int], within: int, text: str = "",
                between: str = "") -> list[tuple[int, int]]:
    """The runs (start, end) with one of ``starts`` (sorted) after their end, at most
    ``within`` characters after it; ``runs`` are in text order. With ``between``: only runs
    with nothing but letters, digits (``str.isalnum``) and characters of ``between`` from
    their end to the first of ``starts`` after it (in ``text``)."""
    out: list[tuple[int, int]] = []
    n = len(starts)
    k = 0
    for run in runs:
        end = run[1]
        while k < n and starts[k] <= end:
            k += 1
        if k == n:
            break
        nxt = starts[k]
        if nxt - end > within:
            continue
        if between:
            clear = True
            for i in range(end, nxt):
                c = text[i]
                if not (c.isalnum() or c in between):
                    clear = False
                    break
            if not clear:
                continue
        out.append(run)
    return out


def signature_candidates(text: str, starts: list[int], ends: list[int], longest: int
                         ) -> list[int]:
    """Indexes k of the pieces ``text[starts[k]:ends[k]]`` (single lines) that may be
    wholly matched by the name rules' signature pattern (``recognizers.names._SIGNATURE_LINE``:
    blanks, an optional dash, one to four words, up to three credentials after commas,
    blanks) among the pieces of at most ``longest`` characters (the rules take no longer
    one): no character outside blanks, dashes, word characters, apostrophes, ".", "," and
    "~", a letter or a dash first, and at most seven runs of one or two blanks inside. No
    other piece can match, so the pattern need not be tried there. In pure Python, every
    piece short enough (the pattern decides)."""
    if not COMPILED:
        return [k for k in range(len(starts)) if ends[k] - starts[k] <= longest]
    out: list[int] = []
    for k in range(len(starts)):
        lo = starts[k]
        hi = ends[k]
        if hi - lo > longest:
            continue
        while lo < hi and (text[lo] == " " or text[lo] == "\t"):
            lo += 1
        while hi > lo and (text[hi - 1] == " " or text[hi - 1] == "\t"):
            hi -= 1
        if lo >= hi:
            continue
        c = text[lo]
        if not (c == "-" or c == "~" or c == "—" or c == "–"
                or (c.isalnum() and not c.isdecimal())):
            continue
        runs = 0
        blank = 0
        ok = True
        for i in range(lo, hi):
            c = text[i]
            if c == " " or c == "\t":
                blank += 1
                if blank == 1:
                    runs += 1
                if blank > 2 or runs > 7:
                    ok = False
                    break
                continue
            blank = 0
            if c < "\x80":
                if not ("a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9"
                        or c == "-" or c == "." or c == "," or c == "'" or c == "_"
                        or c == "~"):
                    ok = False
                    break
            elif not (c == "’" or c == "—" or c == "–" or c.isalnum()):
                ok = False
                break
        if ok:
            out.append(k)
    return out


def bullet_lines(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Indexes k of the lines ``text[starts[k]:ends[k]]`` that open with up to seven blanks
    and a bullet ("-", "•", "*"): where :data:`BULLET_START` matches."""
    if not COMPILED:
        return list(compress(range(len(starts)),
                             map(BULLET_START.match, repeat(text), starts, ends)))
    out: list[int] = []
    for k in range(len(starts)):
        lo = starts[k]
        hi = ends[k]
        limit = lo + 7
        while lo < hi and lo < limit and (text[lo] == " " or text[lo] == "\t"):
            lo += 1
        if lo < hi:
            c = text[lo]
            if c == "-" or c == "•" or c == "*":
                out.append(k)
    return out


def line_cases(uppers: list[int], lowers: list[int], short: str) -> list[str]:
    """Each line's case from its letters: "upper" (80% or more capitals), "lower" (3% or
    fewer), "mixed", or ``short`` for a line of fewer than 8 letters. The shares are
    compared in floating point, as Python compares them."""
    out: list[str] = []
    for k in range(len(uppers)):
        upper = uppers[k]
        letters = upper + lowers[k]
        if letters < 8:
            out.append(short)
        elif upper >= 0.8 * letters:
            out.append("upper")
        elif upper <= 0.03 * letters:
            out.append("lower")
        else:
            out.append("mixed")
    return out



def tokens_holding(text: str, starts: list[int], ends: list[int], chars: str) -> set[int]:
    """Indexes k of the tokens ``text[starts[k]:ends[k]]`` (sorted, not overlapping) that
    hold one of ``chars``. Each occurrence is found with ``str.find`` (memchr speed; a
    hyphen or apostrophe is rare enough), then its token by one walk of the sorted lists."""
    out: set[int] = set()
    hits: list[int] = []
    for c in chars:
        i = text.find(c)
        while i >= 0:
            hits.append(i)
            i = text.find(c, i + 1)
    n = len(ends)
    if not hits or not n:
        return out
    hits.sort()
    k = 0
    for pos in hits:
        end = ends[k]
        while end <= pos:
            k += 1
            if k == n:
                return out
            end = ends[k]
        start = starts[k]
        if start <= pos:
            out.add(k)
    return out


def tokens_ending_at(ends: list[int], positions: list[int]) -> list[int]:
    """Indexes k of the tokens whose end is one of ``positions`` (both sorted): one walk of
    the two lists."""
    out: list[int] = []
    n = len(ends)
    if not n:
        return out
    k = 0
    end = ends[0]
    for pos in positions:
        while end < pos:
            k += 1
            if k == n:
                return out
            end = ends[k]
        if end == pos:
            out.append(k)
    return out


def sentence_breaks(text: str) -> list[int]:
    """The offsets just after each ". ", "! " and "? " (the ends of ``[.!?] `` matches), in
    order. Such matches cannot overlap (each ends in a blank, which none starts with).
    Compiled, one loop over the characters; in pure Python, ``str.find`` per mark (memchr
    speed, where a regex search tests its character class at every offset) and a sort that
    merges the three sorted lists."""
    breaks: list[int] = []
    if COMPILED:  # one loop over the string's buffer
        i = 0
        after_mark = False
        for c in text:
            if after_mark and c == " ":
                breaks.append(i + 1)
            after_mark = c == "." or c == "!" or c == "?"
            i += 1
        return breaks
    for mark in (". ", "! ", "? "):
        i = text.find(mark)
        while i >= 0:
            breaks.append(i + 2)
            i = text.find(mark, i + 2)
    breaks.sort()  # three sorted runs: timsort merges them
    return breaks
