"""The date fast paths give what the plain ones they replace gave, for any text.

``DateRecognizer.find`` tries the digit patterns only at runs :func:`_date_runs` keeps and
searches for a birth or date cue only where :func:`_ends_with_cue` (and for a birth cue
:func:`_may_cue_birth`) allows; :func:`parse_date` and
:func:`parse_ymd` try only the patterns a value's first character allows. The reference
versions below are the plain ones, kept here to compare against.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from recognizers import dates
from recognizers.base import Doc, Hit, pattern_matches
from recognizers.dates import (
    _COMPILED,
    _DOB_CUE,
    DateRecognizer,
    _month_day,
    _parts,
    _read_ymd,
    _slots,
    _ymd,
    parse_date,
    parse_ymd,
)
from redact import Redactor

_PIECES = ["the ", "bathe", "The", "THE", "1", "2", "3", "7", "12", "22", "31", "07", "2019", "1925", "19", "20", "99", "00",
           "'19", "/", "-", ".", ",", " ", "  ", "\t", "\n", "\u00a0", "st", "nd", "th", "of",
           " of ", "the ", "day ", "Jan", "jan", "JAN", "June", "sept", "Sep", "ſep", "May",
           "may", "mar", "Dec", "dec", "oct", "Apr", "aprİl", "T", "T10:30", "10:30", " at ",
           "@", "am", "pm", "Z", "+05:00", "(", "+", "_", "a", "x", "dob", "DOB:", "d.o.b.",
           "born", "born on", "b.", "birth", "date of birth", "birthday", "bday", "on",
           "pain", "of", " tab", "\uff11\uff12", "\u0663", "\u00b2", "ı", "İ", "K"]

texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)

EDGE_CASES = [
    "seen 22\u00a0July 2019; 22\nJul 2019; 3/4 NBSP", "dob 12/3/45, 3rd of march, 12-3-2019",
    "07/22/2019 2019-07-22 2019.07.22T10:30 20190722 12 ſep 2019 3/4 1/2 pain 5/10",
    "1/2/3/4/5 12.12.12.12 1-2-3 (3/4) +3/4 -3/4 _3/4 a3/4 3/4x 3/4/ 12 of June, 2020",
    "DOB: 1 Jan 1920 born on 2 feb 1921 b. 3/4/1922 d.o.b. 5-6-1923 birth date 7/8/1924",
    "12jan 12 jan 12th of jan 12-jan-19 12/jan/2019 12.jan 12 of\njan 12\t\tjan 12   jan",
    # cues at the end of the window: every alternative, in any case, with up to the
    # non-word characters allowed (and one more), a final line break, and re.I's folds
    "DOB:  3/4/45 D.O.B.: 3/4/45 date of\tbirth 3/4/45 Birth Date:\n3/4/45 born on 3/4/45",
    "b. 3/4/45 bday - 3/4/45 BIRTHDAY:: 3/4/45 xdob 3/4/45 dob:::: 3/4/45 dob::::: 3/4/45",
    "SİNCE 3/4 f/u 3/4 week of 3/4 seen:\n3/4 dated... 3/4 next 3/4 seen.... 3/4 ſince 3/4",
    "pain 3/4 score: 3/4 x 3/4 updated_ 3/4 appt3/4 given\t\t3/4",
    # "the" and month literals inside words, after "_", digits, or at the text's ends
    "the 3rd of May; THE  12th day of june, 2019; the\u00a03 of jan; bathe 3 of jan; the",
    "_the 3 of jan the3rd of jan the  x the \n\n4 of feb 1the 4 of mar the 4",
    "summary jan 3; _jan 3; 3jan 3 2019; xmay 2019; (sept. 12, 2019) ſep 2 2020 jan",
    "the 1st-of-may the 22 of aprİl, 2019 the\t31 of dec 2019. jan",
    # month/day runs inside longer dates, before "/", "_", letters, non-ASCII digits, the end
    "7/22/2019 3/4/ 3/45 3/4_ 3/4x 3/4 3/22x 3/2\u0663 3/\u06633 12/1/ 12/31 1/2",
    "3/4/5 3/4-5 3/4.5 3/44/ 3/4a/ 3/",
]


class _Quick:
    """What ``find`` read from a match before :func:`_read_ymd`: month, day and year."""

    __slots__ = ("month", "day", "year")

    def __init__(self, month: int, day: int | None, year: int | None) -> None:
        self.month, self.day, self.year = month, day, year


def _quick_parts(m: re.Match[str]) -> _Quick | None:
    gd = m.groupdict()
    month_day = _month_day(gd)
    if month_day is None:
        return None
    return _Quick(*month_day, 1 if gd.get("y") else None)


def _old_find(rec: DateRecognizer, doc: Doc) -> list[Hit]:
    """DateRecognizer.find before the fast paths."""
    hits: list[Hit] = []
    text = doc.text
    for pattern, regex in _COMPILED:
        if pattern.name == "md" and "/" not in text:
            continue
        for m in pattern_matches(doc, pattern, regex):
            start, end = m.span()
            parts = _quick_parts(m)
            if parts is None:
                continue
            mon = m.groupdict().get("mon")
            if mon and mon in ("may", "mar", "jan", "dec") and parts.year is None:
                continue
            if pattern.name == "md" and _old_not_a_date(text, start, end, parts):
                continue
            entity = "BIRTH_DATE" if _DOB_CUE.search(text, max(0, start - 24), start) \
                else "DATE"
            hits.append(Hit(start, end, entity, pattern.score, rec.name))
    return hits


def _old_not_a_date(text: str, start: int, end: int, parts: _Quick) -> bool:
    """DateRecognizer._not_a_date before the cue search was spared (always searched)."""
    before = text[max(0, start - 16):start]
    if dates._DATE_CUE.search(before) or dates._WEEKDAY_AFTER.match(text, end):
        return False
    if dates._SCALE_CUE.search(before):
        return True
    if (parts.month, parts.day) in dates._FRACTIONS or parts.day == 10:
        return True
    after = text[start:start + 24].lower()
    return any(w in after for w in (" pain", " strength", " tab", " of ", " dose"))


def _old_parse_date(value: str) -> dates.DateParts | None:
    for pattern, regex in _COMPILED:
        m = regex.fullmatch(value)
        if m:
            parts = _parts(m, pattern.name)
            if parts:
                return parts
    return None


_REC: list[DateRecognizer] = []


def _recognizer() -> DateRecognizer:
    if not _REC:
        Redactor()  # registers every recognizer's literals
        _REC.append(DateRecognizer())
    return _REC[0]


def _spans(ms: list[re.Match[str]]) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in ms]


def _check_text(text: str) -> None:
    rec = _recognizer()
    doc = Doc(text, 2026)
    runs = dates._date_runs(doc)
    for pattern, regex in _COMPILED:
        if pattern.name in runs:
            want = _spans(list(pattern_matches(doc, pattern, regex)))
            got = _spans(dates._run_matches(text, regex, runs[pattern.name]))
            assert got == want, (pattern.name, text)
        elif pattern.anchors:
            want = _spans(list(pattern_matches(doc, pattern, regex)))
            got = _spans(dates._anchor_matches(text, regex, doc.positions(pattern.anchors),
                                               pattern.name == "the_dth_of"))
            assert got == want, (pattern.name, text)
    assert rec.find(Doc(text, 2026)) == _old_find(rec, Doc(text, 2026)), text
    low = doc.lower
    for start in range(len(text) + 1):
        lo = max(0, start - 24)
        assert dates._birth_cue(text, lo, start) == bool(_DOB_CUE.search(text, lo, start))
        if _DOB_CUE.search(text, lo, start):
            assert dates._ends_with_cue(low, lo, start, 5, dates._DOB_ENDS), (text, start)
            assert dates._may_cue_birth(low[lo:start]), (text, start)
        lo = max(0, start - 16)
        for regex, firsts in ((dates._DATE_CUE, dates._DATE_CUE_FIRSTS),
                              (dates._SCALE_CUE, dates._SCALE_CUE_FIRSTS)):
            window = text[lo:start]
            assert dates._cue_search(regex, window, firsts) == bool(regex.search(window))
        if dates._DATE_CUE.search(text[lo:start]):
            assert dates._ends_with_cue(low, lo, start, 4, dates._DATE_CUE_ENDS), (text, start)


def _check_value(value: str) -> None:
    for pattern, regex in _COMPILED:  # every pattern, not just those parse_ymd tries
        for m in (regex.fullmatch(value), regex.match(value), regex.search(value)):
            if m is not None:
                assert _read_ymd(m, *_slots(regex)) == _ymd(m.groupdict()), value
        shape = dates._SHAPE.get(pattern.name, 0)
        if shape and value[:1].isdigit() and regex.fullmatch(value):
            assert dates._may_fullmatch(shape, value), (pattern.name, value)
    want = _old_parse_date(value)
    assert parse_date(value) == want, value
    ymd = parse_ymd(value)
    assert ymd == (None if want is None else (want.year, want.month, want.day)), value


def test_edge_cases() -> None:
    for text in EDGE_CASES:
        _check_text(text)
        _check_text(text.upper())


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("3/4 of June")
def test_date_fast_paths_match_plain_ones(text: str) -> None:
    _check_text(text)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(texts, st.text(max_size=12), st.from_regex(
    r"[0-9tTjJmMsS' ]{0,2}[0-9a-z./ -]{0,14}", fullmatch=True)))
@example("")
@example("12 ſep 2019")
@example("The 3rd of May")
def test_parse_date_dispatch(value: str) -> None:
    _check_value(value)
    _check_value(value.strip())


@given(st.text(alphabet="0123456789\u0663\uff11\u00b2' ", min_size=1, max_size=5))
@example("07")
@example("\u0663")
def test_num_is_int(digits: str) -> None:
    try:
        want = int(digits)
    except ValueError:
        return  # never a date group: dates._num is only given what \\d matched
    assert dates._num(digits) == want


def test_only_d_and_b_match_d_and_b() -> None:
    """What :func:`dates._birth_cue` relies on: under re.IGNORECASE only "d", "D", "b" and
    "B" match a "d" or a "b"."""
    db = re.compile("[db]", re.I)
    assert {chr(c) for c in range(0x110000) if db.fullmatch(chr(c))} == set("dDbB")


@given(texts, st.integers(0, 40), st.integers(0, 40))
@example("born on ", 0, 8)
@example("xd.o.b. ", 1, 8)
def test_birth_cue_is_the_search(text: str, lo: int, start: int) -> None:
    start = min(start, len(text))  # find's windows lie within the text
    assert dates._birth_cue(text, lo, start) == bool(_DOB_CUE.search(text, lo, start))


def test_cue_firsts_are_what_the_first_letters_match() -> None:
    """What :func:`dates._cue_search` relies on: the characters that can start a match of
    each cue regex under re.IGNORECASE are all in its ``firsts``."""
    for regex, firsts in ((dates._DATE_CUE, dates._DATE_CUE_FIRSTS),
                          (dates._SCALE_CUE, dates._SCALE_CUE_FIRSTS)):
        body = regex.pattern.removeprefix("\\b").removeprefix("(?:")
        alternatives = body.split("|")
        heads = {a.removeprefix("\\b")[0] for a in alternatives}
        one = re.compile("[{}]".format(re.escape("".join(sorted(heads)))), re.I)
        matched = {chr(c) for c in range(0x110000) if one.fullmatch(chr(c))}
        assert matched == set(firsts), (regex.pattern, sorted(matched ^ set(firsts)))


@given(st.text(alphabet="onsaduptbſSxX/ :-\t\n", max_size=20))
@example("pain: ")
@example("f/u ")
def test_cue_search_is_the_search(window: str) -> None:
    for regex, firsts in ((dates._DATE_CUE, dates._DATE_CUE_FIRSTS),
                          (dates._SCALE_CUE, dates._SCALE_CUE_FIRSTS)):
        assert dates._cue_search(regex, window, firsts) == bool(regex.search(window))


def test_only_letters_match_a_month_names_letters() -> None:
    """What :func:`dates._may_fullmatch` relies on for "dmy_name": every character that a
    letter of a month name matches under re.IGNORECASE is a letter."""
    letters = re.compile("[{}]".format("".join(sorted(set("".join(dates.MONTHS))))), re.I)
    for code in range(0x110000):
        ch = chr(code)
        if letters.fullmatch(ch):
            assert ch.isalpha(), hex(code)


@given(st.text(alphabet="0123456789/.-a \u0663", max_size=12))
@example("1/2")
@example("2019-1-2")
@example("20190102")
def test_may_fullmatch_keeps_every_match(value: str) -> None:
    for pattern, regex in _COMPILED:
        shape = dates._SHAPE.get(pattern.name, 0)
        if shape and value[:1].isdigit() and regex.fullmatch(value):
            assert dates._may_fullmatch(shape, value), (pattern.name, value)


def _want_ymd(value: str) -> tuple | None:
    want = _old_parse_date(value)
    return None if want is None else (want.year, want.month, want.day)


def test_numeric_dates_read_as_the_patterns_read_them() -> None:
    pieces = ["", "0", "1", "2", "3", "4", "9", "00", "01", "02", "09", "10", "11", "12", "13",
              "19", "20", "28", "29", "30", "31", "32", "99", "123", "1799", "1800", "1899",
              "1900", "2000", "2019", "2099", "2100", "0000", "3000"]
    for sep in "/.-":
        for a in pieces:
            for b in pieces:
                for c in pieces:
                    value = a + sep + b + sep + c
                    got = dates._numeric_ymd(value)
                    if got is not None:
                        assert got == _want_ymd(value), value
                    assert parse_ymd(value) == _want_ymd(value), value
    assert dates._numeric_ymd("7/22/2019") == (2019, 7, 22)
    assert dates._numeric_ymd("2019-07-22") == (2019, 7, 22)
    assert dates._numeric_ymd("07.22.19") == (2019, 7, 22)


@given(st.text(alphabet="0123456789/.-a\u0663 ", max_size=12))
@example("2/29/1900")
@example("1/2-2019")
def test_numeric_ymd_is_parse_ymd(value: str) -> None:
    got = dates._numeric_ymd(value)
    if got is not None:
        assert got == _want_ymd(value), value
    assert parse_ymd(value) == _want_ymd(value), value


def test_parse_date_on_found_dates() -> None:
    rec = _recognizer()
    for text in EDGE_CASES:
        for hit in rec.find(Doc(text, 2026)):
            value = text[hit.start:hit.end]
            _check_value(value)
            assert parse_date(value) is not None


def test_month_names_the_regex_folds_are_read_not_crashed_on() -> None:
    """Under re.IGNORECASE "ſep" (long s) and "aprİl" (dotted capital I) are month names;
    reading them back used to raise KeyError out of the analyzer."""
    text = "seen 12 ſep 2019 and aprİl 3, 2020; DOB ſept 4 1931"
    found = Redactor().analyze(text)
    assert [(text[f.start:f.end], f.entity) for f in found] == [
        ("12 ſep 2019", "DATE"), ("aprİl 3, 2020", "DATE"), ("ſept 4 1931", "BIRTH_DATE")]
    assert parse_ymd("12 ſep 2019") == (2019, 9, 12)
    assert Redactor().redact(text).text == "seen 2019 and 2020; DOB 90+"
