"""Overlapping findings are merged; no character of any finding may survive redaction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.base import Hit
from redact import Policy, Redactor
from redact.redactor import merge


def test_overlap_is_replaced_whole():
    # Presidio #1925: two overlapping results left characters of one of them behind
    hits = [Hit(0, 10, "NAME", 0.9, "a"), Hit(5, 20, "ADDRESS", 0.8, "b")]
    (f,) = merge(hits)
    assert (f.start, f.end, f.entity) == (0, 20, "NAME")


def test_adjacent_stay_separate():
    hits = [Hit(0, 5, "NAME", 0.9, "a"), Hit(5, 9, "ZIP", 0.9, "b")]
    assert [(f.start, f.end) for f in merge(hits)] == [(0, 5), (5, 9)]


def test_contained_and_chained():
    hits = [Hit(10, 12, "ZIP", 0.99, "z"), Hit(0, 30, "ADDRESS", 0.8, "a"),
            Hit(28, 40, "CITY", 0.7, "c")]
    (f,) = merge(hits)
    assert (f.start, f.end) == (0, 40)
    assert f.entity == "ZIP"  # most confident decides the type; the span is the union


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15), st.floats(0.5, 1.0)),
                max_size=12))
def test_no_character_of_any_finding_survives(spans):
    text = "".join(chr(0x4E00 + i) for i in range(80))  # every character unique
    hits = [Hit(s, min(s + n, 80), "NAME", sc, "t") for s, n, sc in spans]
    findings = merge(hits)
    covered = {i for h in hits for i in range(h.start, h.end)}
    assert {i for f in findings for i in range(f.start, f.end)} == covered
    r = Redactor(Policy().with_operators(NAME="mask"))
    out = r.apply(text, findings)
    assert len(out) == len(text)
    for i in covered:
        assert out[i] == "*"
    for i in set(range(80)) - covered:
        assert out[i] == text[i]


def test_real_overlap_in_text(redactor):
    # an email inside a URL, a name inside an email: one region each, nothing left over
    out = redactor.redact("see https://portal.example.org/u/john.smith@example.org now").text
    assert out == "see [URL] now"


def test_new_finding_is_the_dataclass_a_constructor_makes() -> None:
    """The fast constructor (slots filled by C calls when compiled) gives a Finding equal to
    ``Finding(...)``, with the same hash and repr, and still frozen."""
    import dataclasses

    from redact.findings import Finding, new_finding

    fast = new_finding("NAME", 3, 9, 0.85, "A", "NameRecognizer")
    slow = Finding("NAME", 3, 9, 0.85, "A", "NameRecognizer")
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert [getattr(fast, f.name) for f in dataclasses.fields(Finding)] == [
        "NAME", 3, 9, 0.85, "A", "NameRecognizer"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.start = 4  # type: ignore[misc]


def test_a_hit_is_the_named_tuple_it_always_was() -> None:
    """``Hit.__new__`` makes the tuple directly; a hit still behaves as the named tuple."""
    import pickle

    hit = Hit(3, 9, "NAME", 0.85, "NameRecognizer")
    assert type(hit) is Hit and hit == (3, 9, "NAME", 0.85, "NameRecognizer")
    assert (hit.start, hit.end, hit.entity, hit.score, hit.recognizer) == tuple(hit)
    assert Hit(start=3, end=9, entity="NAME", score=0.85, recognizer="NameRecognizer") == hit
    assert hit._replace(end=7).end == 7 and Hit._make(list(hit)) == hit
    assert pickle.loads(pickle.dumps(hit)) == hit
    with pytest.raises(TypeError):
        Hit(3, 9, "NAME")  # type: ignore[call-arg]
