"""The geography recognizers' shortcuts give the plain computations' answers.

Each fast helper of :mod:`recognizers.geography` is compared with the straightforward
Python it replaced, on hand-picked edge cases and on random strings built from the pieces
the shortcuts key on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers import geography as g
from recognizers.base import Doc, pattern_matches

_ENDINGS = list(g._TOPONYM_ENDS)
_WORDS = st.lists(st.sampled_from([*_ENDINGS, "a", "x", "e", "h", "s", "ſ", "é", "İ", "-", "'",
                                   "spring", "ville", "ton", "by", ""]),
                  max_size=5).map("".join)


def _plain_toponym(word: str) -> bool:
    return len(word) > 5 and word.endswith(g._TOPONYM_ENDS)


@settings(max_examples=2000, deadline=None)
@given(_WORDS)
def test_toponym_word_is_endswith(word: str) -> None:
    assert g._toponym_word(word) == _plain_toponym(word)


def test_toponym_word_edges() -> None:
    for word in ["", "ville", "aville", "xville", "burgh", "aburgh", "abcdeby", "abcdby",
                 "amandaside", "springs", "falls", "abcdefg", "by", "ham", "ahamx",
                 *(("ab" + e) for e in _ENDINGS), *(("abcd" + e) for e in _ENDINGS),
                 *(("abcd" + e + "x") for e in _ENDINGS), *(e[1:] for e in _ENDINGS)]:
        assert g._toponym_word(word) == _plain_toponym(word), word


def _plain_starts(lows: list[str]) -> list[int]:
    from recognizers.textscan import members, non_members

    idx = set(members(lows, g._place_starts()))
    idx.update(i for i in non_members(lows, g._vocabulary_or_place_starts())
               if _plain_toponym(lows[i]))
    return sorted(idx)


_LOWS = st.lists(st.sampled_from(["san", "diego", "boston", "the", "patient", "lake", "north",
                                  "amandaside", "xyzville", "springfield", "qqqqqq", "by",
                                  "ham", "abcdeham", "new", "york", "mount", "st", "", "é"]),
                 max_size=12)


@settings(max_examples=500, deadline=None)
@given(_LOWS)
def test_start_candidates_are_the_two_set_passes(lows: list[str]) -> None:
    assert g._start_candidates(lows, g._start_kinds()) == _plain_starts(lows)


def test_start_kinds() -> None:
    kinds = g._start_kinds()
    assert kinds.keys() == g._vocabulary_or_place_starts()
    assert {w for w, k in kinds.items() if k} == g._place_starts()
    words = ["abcdeville", "x", "lowtown", "newtonx", "abcdefgham", "boston", "patient"]
    assert g._start_candidates(words, kinds) == _plain_starts(words)


_GAPS = st.sampled_from([" ", "  ", ", ", "\n", "-", "", "\t", ". "])
_TOKENS = st.sampled_from(["North", "north", "Ab", "É", "élan", "St", "X", "y"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_TOKENS, _GAPS), min_size=1, max_size=6), st.data())
def test_adjacent_and_capitalized(parts: list[tuple[str, str]], data: st.DataObject) -> None:
    text, starts, ends, texts = "", [], [], []
    for word, gap in parts:
        starts.append(len(text))
        text += word
        ends.append(len(text))
        texts.append(word)
        text += gap
    n = len(texts)
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(i, n))
    plain_adjacent = all(text[ends[k - 1]:starts[k]] == " " for k in range(i + 1, j))
    assert g._adjacent(text, starts, ends, i, j) == plain_adjacent
    assert g._capitalized(texts, i, j) == all(w[0].isupper() for w in texts[i:j])


_COORD_PIECES = st.lists(st.sampled_from(
    ["42", "3601", "1", "123", "12345678", "123456789", ".", "..", ",", ", ", " ", "  ", "\n",
     "-", "+", "°", "N", "S", "E", "W", "71", "0589", "617.555.0199", "98.6", "1. ", "\u0663",
     "\uff11", "a", "_", "′", "'", '"', "″", "\u00a0"]), max_size=16).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_COORD_PIECES)
def test_coordinate_gates_lose_no_match(text: str) -> None:
    """The gates of ``decimal_pair`` (its body from the first dot) and ``dms`` (a degree
    sign) reject only texts where the pattern's own ``finditer`` finds nothing."""
    rec = g.CoordinatesRecognizer()
    doc = Doc(text, 2026)
    for pattern, regex, _ in rec._compiled:
        if pattern.gate is None:
            continue
        plain = [m.span() for m in regex.finditer(text) if m.end() > m.start()]
        assert [m.span() for m in pattern_matches(doc, pattern, regex)] == plain
        if plain:
            assert pattern.gate(text)


def test_coordinate_gates_edges() -> None:
    rec = g.CoordinatesRecognizer()
    for text in ["42.3601, -71.0589", "42.3601N, 71.0589W", "42.3601 ° N 71.0589 ° W",
                 "1.123\n\n+1.123", "12.12345678,  123.123", "42.36011 71.058", "x42.3601,-71.0589",
                 "42°21′N 71°3′W", "42° 21' 36.5\" N", "98.6 F, 617.555.0199", "\u0664\u0662.123 1.123"]:
        doc = Doc(text, 2026)
        for pattern, regex, _ in rec._compiled:
            plain = [m.span() for m in regex.finditer(text) if m.end() > m.start()]
            assert [m.span() for m in pattern_matches(doc, pattern, regex)] == plain, text
            if plain and pattern.gate is not None:
                assert pattern.gate(text), text


_STATE_PIECES = st.lists(st.sampled_from(
    ["MA", "ma", "Ma", "Massachusetts", "massachusetts", "West Virginia", "Virginia", "VA",
     "North Carolina", "Carolina", "NC", "New York", "York", "District of Columbia", "Islands",
     "Northern Mariana Islands", "KS", "\u212aS", "ſC", "İN", "ıN", "IN", "in", ".", ",", ", ", " ",
     "  ", "\t", "\n", "x", "Boston", "_", "1", "é"]), max_size=10).map("".join)


def _plain_state_before(doc: Doc, start: int) -> bool:
    from recognizers.textscan import trailing_word

    lo = max(0, start - 30)
    if trailing_word(doc.lower, lo, start, 6) not in g._STATE_ENDS:
        return False
    before = doc.text[lo:start]
    return g._STATE_BEFORE.search(before) is not None or \
        g._LOWER_STATE_BEFORE.search(before) is not None


@settings(max_examples=3000, deadline=None)
@given(_STATE_PIECES, st.sampled_from(["", " ", "  ", "\t", ",", ", ", ".", "\n", " \n", ". \n"]))
def test_zip_after_state_is_the_two_searches(before: str, gap: str) -> None:
    """``ZipRecognizer.accept`` with the narrowed pattern of the state's last word answers
    as the two full state searches of the window do."""
    text = before + gap + "02139"
    doc = Doc(text, 2026)
    start = len(before + gap)
    rec = g.ZipRecognizer()
    assert rec.accept(doc, "after_state", start, start + 5) == _plain_state_before(doc, start)


def test_zip_after_state_edges() -> None:
    rec = g.ZipRecognizer()
    for before in ["Boston, MA ", "Boston, MA. ", "boston, ma ", "Charleston, West Virginia ",
                   "x Virginia,\t", "Raleigh, North Carolina \n", "Saipan, Northern Mariana Islands ",
                   "Washington, District of Columbia ", "a" * 40 + " NY ", "xMA ", "MA,   ",
                   "MA    ", "Topeka, \u212aS ", "Wichita, ks ", "in ", "IN ", "is in ", ""]:
        text = before + "02139"
        doc = Doc(text, 2026)
        start = len(before)
        assert rec.accept(doc, "after_state", start, start + 5) == \
            _plain_state_before(doc, start), before


def _plain_facility_specific(words: list[str]) -> bool:
    from recognizers import lexicon

    if any(w in g._STREET_WORDS or w in lexicon.places() or g._is_toponym(w) for w in words):
        return True
    english = lexicon.english_words()
    return any(w not in g._GENERIC_FACILITY_WORDS and w not in english for w in words)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["general", "hospital", "springfield", "boston", "main", "st",
                                 "memorial", "care", "xyzville", "qwerty", "health", "center",
                                 "the", "clinic", "o'neil", "st.", "walk-in", "by"]), max_size=6))
def test_facility_specific_is_the_two_generators(words: list[str]) -> None:
    assert g._facility_specific(words) == _plain_facility_specific(words)
