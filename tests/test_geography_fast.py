"""The geography recognizers' shortcuts give the plain computations' answers.

Each fast helper of :mod:`recognizers.geography` is compared with the straightforward
Python it replaced, on hand-picked edge cases and on random strings built from the pieces
the shortcuts key on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers import geography as g

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
