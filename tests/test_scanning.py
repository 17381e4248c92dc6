"""The speed-ups must not weaken any recognizer.

Patterns are not run over the whole text: they start at literals found by one automaton pass
(``anchors``), are searched in windows before a literal (``tail``, possibly only where the
literal ends a word, starts with a capital or is followed by a given character), or start at
digit runs of declared lengths followed by declared characters (``digits``, possibly only
where a street suffix follows). Every one of those filters is a claim that no match is lost.
These tests check the claim against a plain ``finditer`` over the whole text, on generated
notes, on hand-picked edge cases and on random strings built from the literals the filters
look at. They also pin the C-level ``Doc`` helpers to straightforward Python versions.
"""

from __future__ import annotations

import gc
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from recognizers.base import Doc, pattern_matches
from redact import Redactor

BENCH = Path(__file__).resolve().parent.parent / "bench"

_W, _w, _B = "A" + "b" * 30, "a" + "b" * 30, "A" + "B" * 30  # the longest words patterns take
EDGE_CASES = [
    "can you call daughter Mary at 7732785221? thx",  # a phone followed by '?'
    "call 404-555-1234!", "(617) 555-0199]", "617.555.0199…", "+1 617 555 0199\u00a0ok",
    "tel 6175550199ext. 12", "cell 6175550199x12",
    "seen 22\u00a0July 2019; 22\nJul 2019; 3/4 NBSP", "93\u00a0yo F, 93\nF, 92\tyear-old",
    "lives at 12 Main St's corner, 4 Elm Street Apt 2, 55 N. Oak Ave",
    "Boston, MA 02115; Austin, TX; Salem, Massachusetts; see, may; Springfield, il 62701",
    "SMITH, JOHN | DOE, JANE A |  seen, then",
    # a match longer than the window after its first literal, found from its last one
    "Internal MedicineInternal Medicine Internal Medicine",
    "  O'Neil, Ann  | 12, Bo |(Kim, Lee)| Le-Roy, Al\n|Abe, Lin",  # what may end a cell's surname
    # cells after a tab, and words of 31 and 32 letters (the longest a cell word may be)
    "SMITH,\tJOHN  |  " + "A" * 31 + ", Bo  |  " + "A" * 32 + ", Bo  |  Al, " + "B" * 31 + "  |",
    "Worcester Memorial Hospital, beacon street clinic, Hospital, healthcare",
    "fe80::1ff:fe23:4567:890a and 2001:db8::1, MRN: 123, 14:35, a:b:c",
    "VIN 1HGCM82633A004352 MAC 00:1A:2B:3C:4D:5E or 00-1a-2b-3c-4d-5e",
    # 'İ', 'ı', 'ſ' and the Kelvin sign are [A-Z] under re.IGNORECASE; '１' and '٣' are \d
    "İa112Massachusetts", "ıd: AB1234563 ſt. K9", "Main ſt, Boſton, MA",
    "Salem,\tMA 01970; Lowell, \tMassachusetts",  # tabs after the comma
    "intl +442071234567, +33 1 42 68 53 00, +1 6175550199",  # "+", runs of any length
    "call \uff16\uff11\uff17-555-0199 or \u0666\u0661\u0667\u0665\u0665\u0665\u0660\u0661\u0669\u0669",
    # matches that start as far before their tail literal as their patterns allow
    f"x {_W}  {_W}  {_W}  {_W}  Internal Medicine y", f"x {_w} {_w} {_w} {_w} medical center",
    f"{_W} {_W} {_W} Census Area, {_W} {_W} {_W} County", f"{_B} {_B} {_B} COUNTY",
    f"{_w} {_w} county", f"{_W} {_W} {_W} {_W},\t\tMassachusetts 02139",
    f",\t\t{_w} {_w} {_w} {_w},\t\tMA\t\t02139",
    # a street's number and suffix with only words, blanks and ".'-" between
    "12 Main St, 4 Elm, St 5 O'Neil-Park Ave. 7/12 Oak St 9 N. Main  St 3 Elm\nSt 22 a_b St",
    # cards open with 3-6: other first runs are ruled out by value (and "0800-1630" times)
    "4111 1111 1111 1111, 5500-0000-0000-0004 3782822463100051 2999 1111 1111 1111 "
    "7000 0000 0000 0000 3000111122223333 6999-1111-2222-3333 \u0664111 1111 1111 1111",
    # hosts: the search before a TLD starts at the run of host characters (tail_chars)
    "see foo.bar-baz.co.uk/x?y=1 x@mail.com ſite.com \u212a.org a_b.com (x.y.com) 1.in "
    "a..com -b.net .co www.e.g.in x.co.co.co.co.co.co.co.com",
    # line breaks inside a window: a match starts on its literal's line (Pattern.one_line)
    "Springfield General\nHospital; Mercy\nGeneral Hospital\n\nSMITH, JOHN\nDOE,\nJANE\n",
    "Boston\n, MA 02115\nSalem, MA\nLowell,\nMA 01850 Essex\nCounty  Worcester County\n",
]

# literals the filters key on, glued with separators, to provoke every path
_PIECES = ["St", "st's", "Street", "Main", "12", "4", "617", "555", "1234", "6175550199", ", ",
           ",", "MA", "Massachusetts", "may", "Hospital", "hospital", "Clinic", "SMITH", "JOHN",
           ":", "::", "fe80", "a1", "07", "22", "2019", "/", "-", ".", "?", "!", "x", "ext",
           " ", "  ", "\t", "\n", "\u00a0", "yo", "F", "year-old", "Jul", "(", ")", "+1",
           "MRN", "fax", "Dr.", "Mr", "born", "age", "|", "°", "é", "İ",
           # letters re.IGNORECASE matches to ASCII ones, and non-ASCII decimal digits
           "ı", "ſ", "\u212a", "\uff11\uff12", "\u0663", "\u00b2"]


def _reference(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text) if m.end() > m.start()]


def _scanned(doc: Doc, pattern, regex) -> list[tuple[int, int]]:  # noqa: ANN001
    return [m.span() for m in pattern_matches(doc, pattern, regex)]


@pytest.fixture(scope="module")
def patterns() -> list:
    from recognizers.geography import _PLACE_CUE, _PLACE_CUE_PATTERN

    r = Redactor()  # registers every recognizer's literals with the automaton
    return [(rec.name, p, rx) for rec in r._recognizers for p, rx, _ in rec._compiled
            if p.anchors or p.tail or p.digits or p.seek or p.gate] + [
        ("CityRecognizer", _PLACE_CUE_PATTERN, _PLACE_CUE)]  # a rule's own pattern


def _check(patterns: list, text: str) -> None:
    from recognizers.names import _CELL_RE, _cell_matches

    doc = Doc(text, 2026)
    # the name rules' table cells: exactly finditer's matches, nothing ruled out
    assert [m.span() for m in _cell_matches(doc)] == _reference(_CELL_RE, text)
    for name, pattern, regex in patterns:
        got = _scanned(doc, pattern, regex)
        want = _reference(regex, text)
        if got == want:
            continue
        lost = sorted(set(want) - set(got))
        assert set(got) <= set(want), (name, pattern.name, "matches finditer never gives")
        # a credit card's first digit run is 4 or 13-19 digits long by declaration
        # (shorter runs cannot make a card), and an age's is worth 90 to 130 (the recognizer
        # rejects every other): only these filters may leave matches out
        assert pattern.lengths and all(_ruled_out(pattern, text[s:e]) for s, e in lost), (
            name, pattern.name, f"{len(lost)} matches lost by the pre-filter")


def _ruled_out(pattern, match: str) -> bool:  # noqa: ANN001 - a Pattern
    """Is the first digit run of this match one its pattern declares it never needs?"""
    run = re.match(r"\d+", match).group()
    if len(run) not in pattern.lengths:
        return True
    return any(size == len(run) and not low <= int(run) <= high
               for size, low, high in pattern.values)


def test_scans_equal_finditer_on_generated_notes(patterns: list) -> None:
    pytest.importorskip("faker")
    sys.path.insert(0, str(BENCH))
    from generate import generate

    texts = [n.text for n in generate(11, 120)]
    for text in texts + [t.upper() for t in texts[:30]] + [t.lower() for t in texts[30:60]]:
        _check(patterns, text)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_scans_equal_finditer_on_edge_cases(patterns: list, text: str) -> None:
    _check(patterns, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_scans_equal_finditer_on_random_pieces(patterns: list, pieces: list[str]) -> None:
    _check(patterns, "".join(pieces))


def test_phone_followed_by_punctuation_is_a_phone() -> None:
    found = Redactor().analyze("can you call daughter Mary at 7732785221? thx")
    assert [f.entity for f in found if f.entity in ("PHONE", "OTHER_ID")] == ["PHONE"]


# -- the Doc helpers against plain Python ---------------------------------------------------
# non-ASCII symbols ("°", "—", no-break space) alone keep the ASCII tokenizer; letters
# ("é", "ǅ"), "’" and "²" (a word character) need the Unicode one: both paths are drawn
_TEXT = st.text(alphabet=st.sampled_from(list("aZé İß-'’ \n\t.,:1AbcDEF_°—\u00a0²")
                                         + ["ǅ", "Σ"]), max_size=200)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_tokens_match_a_python_loop(text: str) -> None:
    doc = Doc(text, 2026)
    from recognizers.base import TOKEN_RE

    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    assert [(t.start, t.end, t.text, t.lower) for t in doc.tokens] == [
        (s, e, text[s:e], doc.lower[s:e]) for s, e in spans]
    assert doc.lows == [doc.lower[s:e] for s, e in spans]


def _line_case(line: str, doc_case: str) -> str:
    upper = sum(map(str.isupper, line))
    lower = sum(map(str.islower, line))
    letters = upper + lower
    if letters < 8:
        return doc_case
    if upper >= 0.8 * letters:
        return "upper"
    if upper <= 0.03 * letters:
        return "lower"
    return "mixed"


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_line_cases_match_per_character_counts(text: str) -> None:
    doc = Doc(text, 2026)
    assert doc.doc_case == _line_case(text[:20000], "mixed")
    assert doc.line_cases == [_line_case(line, doc.doc_case) for line in text.split("\n")]
    starts = doc.line_starts
    assert starts == [0, *(m.end() for m in re.finditer("\n", text))]
    for i, start in enumerate(doc.token_starts):
        line = max(k for k, s in enumerate(starts) if s <= start)
        assert doc.token_case[i] == doc.line_cases[line]


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_letter_flanked_marks_find_every_word_holding_a_mark(text: str) -> None:
    """Words holding an apostrophe or hyphen, found with ``str.find``, are the words holding
    one between two letters (the regex the lookup used before, kept here as the reference),
    and the cached answer is the same on a second call."""
    from recognizers.base import APOSTROPHES
    from recognizers.names import _ODD_CHARS

    def reference(doc: Doc, chars: str) -> set[int]:
        flanked = re.compile(f"[{re.escape(chars)}](?<=[^\\W\\d_].)(?=[^\\W\\d_])")
        starts, ends = doc.token_starts, doc.token_ends
        return {k for m in flanked.finditer(doc.text) for k in range(len(starts))
                if starts[k] <= m.start() < ends[k]}

    doc = Doc(text, 2026)
    for chars in (APOSTROPHES, _ODD_CHARS):
        want = reference(doc, chars)
        assert doc.tokens_with(chars) == want
        assert doc.tokens_with(chars) == want  # from the cache


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["1", "22", "333", "4444", "-", "/", " ", "a", ".", "\n", "?",
                                 "\u0663", "\uff11", "\u00b2"]), max_size=30))
def test_digit_candidates_match_a_python_filter(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = Doc(text, 2026)
    runs = [m.span() for m in re.finditer(r"\d+", text)]  # what the patterns' \d can start at
    for lengths, follow, alpha, space, nonword in [
            ((), None, False, False, False), ((1, 2), "/", False, False, False),
            ((3,), "-", True, False, False), ((2, 3), "", True, True, False),
            ((1, 4), "x", False, False, True)]:
        def ok(nxt: str, follow: str = follow, alpha: bool = alpha, space: bool = space,
               nonword: bool = nonword) -> bool:
            return nxt in follow or (alpha and nxt.isalpha()) or (space and nxt.isspace()) or \
                (nonword and not (nxt.isalnum() or nxt == "_"))
        want = [(s, e) for s, e in runs if (not lengths or e - s in lengths)
                and (follow is None or ok(text[e:e + 1]))]
        assert doc.digit_candidates(lengths, follow, alpha, space, nonword) == want


# the signature-line pattern with plain (backtracking) quantifiers, as it was written first
_PLAIN_NAME_WORDS = r"[^\W\d_][\w'’-]{0,30}(?:\.?[ \t]{1,2}[^\W\d_][\w'’-]{0,30}){0,3}"
_PLAIN_SIGNATURE_LINE = re.compile(
    r"[ \t]*(?P<dash>(?:--?|—|–|~)[ \t]{0,2})?(?P<name>" + _PLAIN_NAME_WORDS + r")"
    r"(?:,[ \t]{0,2}[A-Za-z.-]{1,8}){0,3}[ \t]*$")


_SIG_WORDS = ["Jane", "Roe", "O'Brien", "Smith-Jones", "A", "x1", "é", "MD", "M.D.", "rn", "3",
              "abcdefghijklmnopqrstuvwxyz01234", "ABCDEFGH", "ABCDEFGHI", "_", "’s", ""]
_SIG_SEPS = [" ", "  ", "   ", "\t", ". ", ".", ",", ", ", ",  ", " ,", "-", "-- ", "—", "~", ""]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SIG_SEPS), st.sampled_from(_SIG_WORDS)), max_size=9),
       st.sampled_from(_SIG_SEPS), st.integers(0, 3))
@example([("", "Jane"), (" ", "Roe"), (", ", "MD"), (", ", "PhD"), (", ", "RN")], "", 0)
@example([("-- ", "Jane"), (" ", "A"), (". ", "Roe"), (" ", "Smith"), (",", "FACS")], "  ", 1)
def test_possessive_signature_pattern_matches_as_the_plain_one(
        pieces: list[tuple[str, str]], last: str, cut: int) -> None:
    from recognizers.names import _SIGNATURE_LINE

    text = "".join(sep + word for sep, word in pieces) + last
    for start in range(min(cut, len(text)) + 1):
        for end in (len(text), max(start, len(text) - cut)):
            a = _SIGNATURE_LINE.match(text, start, end)
            b = _PLAIN_SIGNATURE_LINE.match(text, start, end)
            assert (a and (a.span(), a.span("name"), a.span("dash"))) == \
                (b and (b.span(), b.span("name"), b.span("dash")))


def test_needle_lookups_are_cached_per_collection_not_per_equal_tuple() -> None:
    """Positions are keyed by the needle collection's identity; equal tuples built on the
    fly must still give the right answer, and a full registry must not lose one."""
    from recognizers import base

    doc = Doc("Boston, MA 02115 and Salem, ma; mrn 5", 2026)
    want = doc.positions((", ma",))
    assert want == [6, 26]
    for _ in range(base._NEEDLE_SETS_MAX + 10):  # fills and clears the registry
        assert doc.positions(tuple([", ma"])) == want
    assert doc.positions(("mrn", "zzz-not-registered")) == [32]
    assert doc.bounded((", ma",)) == [6, 26]
    assert doc.has_needle(frozenset({"zzz-not-registered", "salem"}))
    assert not doc.has_needle(frozenset({"zzz-not-registered"}))


def test_analyze_leaves_the_garbage_collector_as_it_found_it() -> None:
    r = Redactor()
    assert gc.isenabled()
    r.analyze("Mr. Smith seen 07/22/2019")
    assert gc.isenabled()
    gc.disable()
    try:
        r.analyze("Mr. Smith seen 07/22/2019")
        assert not gc.isenabled()
    finally:
        gc.enable()
