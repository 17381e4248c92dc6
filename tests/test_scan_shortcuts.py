"""Faster forms of geography, phone, VIN, MAC, IPv4 and coordinate scans against the plain
forms they replace.

The regexes below are the patterns as first written (backtracking quantifiers, ``\\b`` before
a word, a flat alternation of prose words); the recognizers now use possessive quantifiers,
a leading character class and a trie, which must find exactly the same matches. Recognizers
also skip a pattern when a cheap test says it cannot match: those tests may say yes wrongly,
never no. Windows before a tail literal are as small as the patterns allow: the edge cases
in ``tests/test_scanning.py`` reach their limits exactly.
"""

from __future__ import annotations

import dataclasses
import random
import re

import phonenumbers
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from recognizers import devices, geography, ip, phone, vehicles
from recognizers.base import Doc, pattern_matches
from redact import Redactor

_G = geography
_CAP = r"[A-Z][A-Za-z'.-]{1,30}"
_KEYWORDS = _G._FACILITY.split("){0,3}", 1)[1]  # the facility keywords, unchanged
_PLAIN = {
    ("AddressRecognizer", "street"): (
        r"(?<![\w-])(?P<phi>\d{1,6}[A-Za-z]?(?:-\d{1,4})?[ \t]{1,2}(?:" + _G._DIR + r"[ \t]{1,2})?"
        r"(?P<words>(?:(?!(?:" + "|".join(sorted(map(re.escape, _G._NOT_STREET_WORDS), key=len,
                                                reverse=True))
        + r")\.*[ \t])[A-Za-z0-9][\w'.-]{0,30}[ \t]{1,2}){1,4})" + _G._SUFFIX_RE
        + r"(?![\w-])(?:[ \t]{1,2}" + _G._DIR + r"(?![\w-]))?(?:,?[ \t]{1,2}" + _G._UNIT + r")?)"),
    ("FacilityRecognizer", "facility"): r"\b(?P<phi>(?:" + _CAP + r"[ \t]{1,2}){1,4}" + _KEYWORDS,
    ("FacilityRecognizer", "lower"): (
        r"\b(?P<phi>(?:[a-z][a-z'.-]{1,30}[ ]){1,4}(?:hospital|medical[ ]center"
        r"|health[ ]center|clinic|family[ ]medicine|urgent[ ]care|nursing[ ]home"
        r"|rehab(?:ilitation)?[ ]center|dialysis[ ]center))\b"),
    ("CountyRecognizer", "county"):
        r"\b(?P<phi>(?:" + _CAP + r"[ ]){1,3}(?:County|Parish|Borough|Census Area))\b",
    ("CountyRecognizer", "caps"): r"\b(?P<phi>(?:[A-Z][A-Z'.-]{1,30}[ ]){1,3}(?:COUNTY|PARISH|BOROUGH))\b",
    ("CountyRecognizer", "lower"): r"\b(?P<phi>(?:[a-z][a-z'.-]{1,30}[ ]){1,2}(?:county|parish))\b",
    ("CityRecognizer", "city_state"): (
        r"\b(?P<phi>" + _CAP + r"(?:[ ]" + _CAP + r"){0,3}),[ \t]{0,2}"
        r"(?:" + _G._STATE_ABBR + r"|" + _G._STATE_NAME + r")\b(?P<zip>[ \t]{1,2}\d{5})?"),
    ("CityRecognizer", "address_line"): (
        r"(?i:,[ \t]{1,2}(?P<phi>[a-z][a-z.'-]{1,30}(?:[ ][a-z][a-z.'-]{1,30}){0,3}),"
        r"[ \t]{0,2}(?:" + _G._STATE_ABBR + r")[ \t]{1,2}\d{5})\b"),
}

_PIECES = ["12", "4", "1001", "12B", "-3", " ", "  ", "   ", "\t", "\n", ",", ", ", ".", "-", "'",
           "N", "N.", "North", "ne", "Main", "main", "MAIN", "St", "st.", "Street", "Ave", "Sta",
           "with", "mg", "at", "PM", "year-old", "Apt", "#", "Unit 4", "Dr", "Smith",
           "General", "Hospital", "hospital", "Medical Center", "medical center", "Health",
           "Healthcare", "Internal Medicine", "Family Practice", "family medicine", "Care",
           "County", "COUNTY", "county", "Census Area", "Parish", "SALEM", "salem", "Salem",
           "MA", "ma", "Massachusetts", "02139", "A" + "b" * 30, "a" + "b" * 30, "B" * 31,
           "O'Neil", "St.-Louis", "_", "x1", "é", "İ", "ı", "ſ", "\u212a", "\u0663"]


@pytest.fixture(scope="module")
def compiled() -> dict:
    r = Redactor()
    return {(rec.name, p.name): (p, rx) for rec in r._recognizers for p, rx, _ in rec._compiled}


def _spans(matches: object) -> list[tuple]:
    return [(m.span(), *(m.span(g) for g in range(1, m.re.groups + 1))) for m in matches]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
@example(["12", " ", "Main", " ", "St", ".", "x"])
@example(["ne", "Salem", ", ", "MA", " ", "02139"])
@example(["x ", *[f"{'A' + 'b' * 30}  "] * 4, "Internal Medicine"])  # the longest reach
def test_fast_regexes_match_as_the_plain_ones(compiled: dict, pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = Doc(text, 2026)
    for key, plain in _PLAIN.items():
        pattern, fast = compiled[key]
        slow = re.compile(plain, pattern.flags)
        assert _spans(fast.finditer(text)) == _spans(slow.finditer(text)), key
        for pos in range(len(text)):  # anchored matches, as the digit scan makes them
            assert _spans(filter(None, [fast.match(text, pos)])) == \
                _spans(filter(None, [slow.match(text, pos)])), (key, pos)
        assert _spans(pattern_matches(doc, pattern, fast)) == _spans(slow.finditer(text)), key


_PHONE_PIECES = ["1", "12", "22", "617", "555", "0199", "6175550199", "16175550199", "+", "+1",
                 "+44", "(", ")", " ", "-", ".", "/", "x", "ext", "\n", "a", "?", "1234"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PHONE_PIECES), max_size=25))
@example(["+44", " ", "20", " ", "7123", " ", "4567"])
@example(["1", "-", "617", "-", "555", "-", "0199", " ", "(", "22", ")", "617", "-", "555"])
def test_phone_runs_of_two_open_no_match(compiled: dict, pieces: list[str]) -> None:
    """Runs of two digits are no longer tried: they never opened a match."""
    text = "".join(pieces)
    pattern, regex = compiled[("PhoneRecognizer", "phone")]
    before = dataclasses.replace(pattern, lengths=(1, 2, 3, 10, 11))
    assert _spans(pattern_matches(Doc(text, 2026), pattern, regex)) == \
        _spans(pattern_matches(Doc(text, 2026), before, regex))


def test_plus_one_numbers_are_possible_as_phonenumbers_says() -> None:
    rng = random.Random(7)
    seps, sep = ["", " ", ".", "-", "  ", ". ", "-."], ["", " ", ".", "-"]
    for _ in range(3000):
        digits = "".join(rng.choice("0123456789") for _ in range(10))
        area = f"({digits[:3]})" if rng.random() < 0.5 else digits[:3]
        raw = f"+1{rng.choice(seps)}{area}{rng.choice(seps)}{digits[3:6]}{rng.choice(sep)}{digits[6:]}"
        assert phone._PLUS_NANP.fullmatch(raw)
        assert phonenumbers.is_possible_number(phonenumbers.parse(raw, "US")), raw
        assert phone.PhoneRecognizer()._possible(raw)


def test_fax_cue_needs_an_f() -> None:
    folds = [chr(c) for c in range(0x110000) if re.match("(?i)f", chr(c))]
    assert folds == ["F", "f"]


_GATE_PIECES = ["1HGCM82633A004352", "1HGCM8263", "3A004352", "ABCDEFGH", "12345678", "I", "O",
                "a", "00:1A:2B", ":3C:4D:5E", "00-1a-2b-3c-4d-5e", "1A", ":", "-", "192.168",
                ".1.1", "10.0.0.1", "42.3601", ", -71.0589", ".123", "98.6", "é", "\u0663", " ",
                "°", "21′N", "42°"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_GATE_PIECES), max_size=20))
@example(["1HGCM82633A004352"])
@example(["00:1A:2B", ":3C:4D:5E"])
def test_skip_tests_never_skip_a_match(compiled: dict, pieces: list[str]) -> None:
    text = "".join(pieces)
    gated = [(key, pattern, regex) for key, (pattern, regex) in compiled.items() if pattern.gate]
    assert {key for key, _, _ in gated} == {
        ("VinRecognizer", "vin"), ("DeviceRecognizer", "mac"), ("IpAddressRecognizer", "v4"),
        ("CoordinatesRecognizer", "decimal_pair"), ("CoordinatesRecognizer", "dms")}
    for key, pattern, regex in gated:
        if not pattern.gate(text):
            assert not list(pattern_matches(Doc(text, 2026), pattern, regex)), key
            assert regex.search(text) is None, key


@pytest.mark.parametrize(("recognizer", "text"), [
    (vehicles.VinRecognizer, "VIN 1HGCM82633A004352."), (devices.DeviceRecognizer, "mac 00:1A:2B:3C:4D:5E"),
    (ip.IpAddressRecognizer, "ip 10.0.0.1/24"), (geography.CoordinatesRecognizer, "at 42.3601, -71.0589")])
def test_recognizers_with_skip_tests_still_find(recognizer: type, text: str) -> None:
    rec = recognizer()
    assert rec.find(Doc(text, 2026)) == [h for h in rec.find(Doc(text + " " * 3, 2026))]
    assert rec.find(Doc(text, 2026))
    assert not rec.find(Doc("nothing here 98.6 F, 1. aspirin 12-3", 2026))


def test_word_lists_are_not_walked_by_the_cyclic_gc() -> None:
    """The big word lists are untracked (a full collection would walk every slot), still
    answer lookups, and a full collection leaves them intact; small sets are left alone."""
    import gc
    import sys

    from recognizers import lexicon
    from recognizers.base import word_set
    from recognizers.geography import _vocabulary_or_place_starts
    from recognizers.names import _rule_starts

    big = [lexicon.first_names(), lexicon.surnames(), lexicon.name_words(),
           lexicon.english_words(), lexicon.places(), _rule_starts(),
           _vocabulary_or_place_starts()]
    if sys.implementation.name == "cpython":
        assert not any(map(gc.is_tracked, big))
    gc.collect()
    assert "john" in lexicon.first_names() and "smith" in lexicon.surnames()
    assert "boston" in lexicon.places() and "the" in lexicon.english_words()
    small = word_set(["a", "b"])
    assert gc.is_tracked(small) and small == frozenset("ab")
    many = word_set(str(i) for i in range(5000))
    assert len(many) == 5000 and "4999" in many
    assert not gc.is_tracked(many) or sys.implementation.name != "cpython"
    mixed = word_set([*map(str, range(2000)), 5])  # not only strings: never untracked
    assert gc.is_tracked(mixed)


def test_a_str_subclass_is_scanned_like_a_str() -> None:
    """numpy.str_ and other str subclasses (pandas cells) give the findings of the same
    characters as a plain str (the compiled name rules keep a str-typed field)."""
    from redact import Redactor

    class Cell(str):
        def __str__(self) -> str:  # an override must not change what is scanned
            return "nothing"

    text = "Seen John Smith at Boston General Hospital on 3/4/2020, MRN 12345678."
    r = Redactor()
    assert r.analyze(Cell(text)) == r.analyze(text) != []
    assert r.redact(Cell(text)).text == r.redact(text).text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(".!? a\n\t?.")), max_size=60))
def test_sentence_breaks_are_the_regex_matches(text: str) -> None:
    """The str.find scan for sentence ends gives the regex's match ends, in order."""
    from recognizers.names import _SENTENCE_BREAK
    from recognizers.textscan import sentence_breaks

    assert sentence_breaks(text) == [m.end() for m in _SENTENCE_BREAK.finditer(text)]


_OLD_LABEL_SEP = r"\s{0,3}(?:(?:#|no\.?|num(?:ber)?\.?|id)\s{0,2})?[:#=]?\s{0,3}(?:is\s)?\s{0,2}"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "#", "no", "no.", "num", "number",
                                 "id", ":", "=", "is", "is ", "12", "3456", "A1B2", "-", "x"]),
                max_size=12))
def test_possessive_label_separator_matches_as_the_plain_one(pieces: list[str]) -> None:
    """LABEL_SEP's blank runs are possessive; before a value (which never starts with a
    blank) the label patterns match exactly as with the plain quantifiers."""
    from recognizers.base import ID_VALUE, LABEL_SEP

    text = "mrn" + "".join(pieces)
    for flags in (0, re.I):
        new = re.compile(r"mrn" + LABEL_SEP + r"(?P<phi>" + ID_VALUE + ")", flags)
        old = re.compile(r"mrn" + _OLD_LABEL_SEP + r"(?P<phi>" + ID_VALUE + ")", flags)
        a, b = new.match(text), old.match(text)
        assert (a and (a.span(), a.span("phi"))) == (b and (b.span(), b.span("phi")))


def test_label_alternations_are_split_by_first_letter() -> None:
    """A pattern opening with a long alternation of words gets one variant per first
    letter, without the words of other letters; a variant finds what the whole pattern
    finds at a word of its letter (tests/test_scanning.py compares every scan)."""
    from recognizers.base import by_first_letter
    from recognizers.other_ids import OtherIdRecognizer

    rec = OtherIdRecognizer()
    regex = rec._compiled[0][1]
    variants = by_first_letter(regex)
    assert {"c", "o", "p", "r"} <= set(variants)
    assert by_first_letter(regex) is variants  # made once
    text = "case # 12345678, order: AB-1234, pa 99-1234 ref no. 55512"
    for word in ("case", "order", "pa ", "ref"):
        pos = text.index(word)
        want, got = regex.match(text, pos), variants[text[pos]].match(text, pos)
        assert want is not None and got is not None
        assert (got.span(), got.groupdict()) == (want.span(), want.groupdict())
    # an optional group of words opening the pattern ("RN license ..."): split too, the
    # words after it (tried when the group is skipped) kept whole
    from recognizers.licenses import LicenseRecognizer

    pro = [rx for p, rx, _ in LicenseRecognizer()._compiled if p.name == "professional"][0]
    split = by_first_letter(pro)
    text = "RN license 12345678; md lic: A1234567; lic # 99887766; cert 12345678; rn 5"
    for word in ("RN", "md", "lic #", "cert", "rn 5"):
        pos = text.index(word)
        want, got = pro.match(text, pos), split.get(text[pos].lower(), pro).match(text, pos)
        assert (want and (want.span(), want.groupdict())) == (got and (got.span(),
                                                                      got.groupdict()))
    assert by_first_letter(re.compile(r"\b(?:ab|cd)\d")) == {}  # too few letters to split
    assert by_first_letter(re.compile(r"\d+")) == {}


def test_whitespace_is_every_character_backslash_s_matches() -> None:
    from recognizers.base import WHITESPACE

    assert set(WHITESPACE) == {chr(i) for i in range(0x110000) if re.match(r"\s", chr(i))}


@pytest.mark.parametrize("text", [
    "Mail to P. O. Box 4567 today", "Mail to P\tO Box 4567 today", "send to p.\no box 12",
    "Mail to P.O. Box 4567 today", "Mail to PO Box 4567 today", "pob 77 here"])
def test_po_boxes_with_any_blank_inside_are_found(text: str) -> None:
    """The PO box patterns allow a blank (``\\s``) inside "P. O."; every spelling is found."""
    found = Redactor().analyze(text)
    number = re.search(r"\d+", text)
    assert any(f.entity == "ADDRESS" and f.start < number.start() and f.end >= number.end()
               for f in found), [(f.entity, f.start, f.end) for f in found]


@pytest.mark.parametrize("sep", ["\n", "\t", "\u00a0", "\u2003", " "])
def test_decade_ages_after_any_blank_are_found(sep: str) -> None:
    """The decade pattern allows any blank (``in\\s``) after "in": "in\\nher 90s" too."""
    text = f"patient in{sep}her late 90s now"
    assert any(f.entity == "AGE" for f in Redactor().analyze(text))
