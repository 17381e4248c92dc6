"""Scanning texts together (``hits_many``, ``analyze_many``, ``redact_many``'s batches) gives
exactly what scanning them one by one gives, reads a stream at most one batch ahead, and
leaves the garbage collector as it found it."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redact import Redactor
from redact import redactor as redactor_module

BENCH = Path(__file__).resolve().parent.parent / "bench"

FRAGMENTS = [
    "Patient: SMITH, JOHN  MRN: 00123456  DOB: 03/14/1931\n",
    "Seen by Dr. Kowalczyk on 07/22/2019. ",
    "Daughter Mary called (617) 555-0134. ",
    "Lives at 42 Elm Street, Springfield, IL 62704. ",
    "Email jsmith@example.com, 92 yo F. ",
    "BP 120/80, HR 72, temp 98.6 F. ",
    "Plan: follow up in 2 weeks.\n",
    "",
    "no identifiers here at all",
    "SSN 123-45-6789; IP 10.0.0.7; https://example.org/chart/7",
]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture(scope="module")
def notes() -> list[str]:
    pytest.importorskip("faker")
    sys.path.insert(0, str(BENCH))
    from generate import generate

    return [n.text for n in generate(20261203, 120)]


def _one_by_one(r: Redactor, texts: list[str]) -> list[tuple[str, tuple]]:
    return [(x.text, tuple(x.findings)) for x in map(r.redact, texts)]


def test_generated_notes_batched_equal_one_by_one(redactor, notes):
    expected = _one_by_one(redactor, notes)
    assert sum(len(f) for _, f in expected) > 1000  # the notes do hold identifiers
    for batch_size in (1, 7, 64, 1000):
        got = [(x.text, tuple(x.findings)) for x in
               redactor.redact_many(notes, batch_size=batch_size)]
        assert got == expected, batch_size


def test_hits_many_and_analyze_many_equal_single_calls(redactor, notes):
    sample = notes[:40]
    assert redactor.hits_many(sample) == [redactor.hits(t) for t in sample]
    assert redactor.analyze_many(sample) == [redactor.analyze(t) for t in sample]
    assert redactor.hits_many([]) == []
    assert redactor.analyze_many([]) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join), max_size=12),
       st.integers(min_value=1, max_value=5))
def test_any_batching_equals_one_by_one(texts, batch_size):
    r = _SHARED
    got = [(x.text, tuple(x.findings)) for x in r.redact_many(texts, batch_size=batch_size)]
    assert got == _one_by_one(r, texts)


_SHARED = Redactor()


def test_policy_filters_apply_per_text_in_batches():
    from redact import Policy

    policy = Policy.from_dict({"allow": {"terms": ["Kowalczyk"]}, "policy": {"min_score": 0.8}})
    r = Redactor(policy)
    texts = [FRAGMENTS[1] * 2, FRAGMENTS[0], FRAGMENTS[2]]
    assert [x.text for x in r.redact_many(texts)] == [r.redact(t).text for t in texts]
    assert "Kowalczyk" in next(r.redact_many(texts)).text


def test_stream_is_read_at_most_one_batch_ahead(redactor):
    pulled: list[int] = []

    def stream():
        for i in range(10):
            pulled.append(i)
            yield f"Call 617-555-01{i:02d} today."

    results = redactor.redact_many(stream(), batch_size=3)
    first = next(results)
    assert "555" not in first.text
    assert len(pulled) == 3
    rest = list(results)
    assert len(rest) == 9 and len(pulled) == 10


def test_long_texts_end_a_batch_early(redactor, monkeypatch):
    monkeypatch.setattr(redactor_module, "BATCH_CHARS", 50)
    seen: list[int] = []
    original = redactor.analyze_many

    def spy(texts):
        seen.append(len(texts))
        return original(texts)

    monkeypatch.setattr(redactor, "analyze_many", spy)
    texts = ["." * 30, "-" * 30, " " * 10, "," * 10, ";" * 60, "!"]
    assert [x.text for x in redactor.redact_many(texts, batch_size=64)] == texts
    # 30+30 reaches 50; 10+10+60 does; "!" alone goes through redact(), not analyze_many
    assert seen == [2, 3]


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "4", None])
def test_batch_size_must_be_a_positive_integer(redactor, bad):
    with pytest.raises(ValueError, match="batch_size"):
        list(redactor.redact_many(["x"], batch_size=bad))


def test_gc_state_restored(redactor):
    assert gc.isenabled()
    redactor.analyze_many(["Seen 07/22/2019."])
    assert gc.isenabled()
    with pytest.raises((TypeError, AttributeError)):
        redactor.analyze_many(["fine", None])  # type: ignore[list-item]
    assert gc.isenabled()
    gc.disable()
    try:
        redactor.analyze_many(["Seen 07/22/2019."])
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


def test_presidio_engine_batches_text_by_text():
    pytest.importorskip("presidio_analyzer")
    r = Redactor(engine="presidio")
    texts = [FRAGMENTS[0], "", FRAGMENTS[9]]
    assert r.hits_many(texts) == [r.hits(t) for t in texts]
    assert [x.text for x in r.redact_many(texts)] == [r.redact(t).text for t in texts]


def test_text_files_batched_equal_one_by_one(redactor, tmp_path):
    from redact.textio import InputError
    from redact.textrun import redact_file

    paths = []
    for i in range(70):  # more than one batch
        path = tmp_path / f"note{i:02d}.txt"
        path.write_text(FRAGMENTS[i % len(FRAGMENTS)] + f" visit {i}", encoding="utf-8")
        paths.append(str(path))
    expected = [redact_file(redactor, p) for p in paths]
    assert list(redactor.redact_files(paths)) == expected

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Seen 07/22/2019\n\xff\xfe broken\n")
    results = redactor.redact_files([*paths[:3], str(bad), paths[3]])
    assert [next(results) for _ in range(3)] == expected[:3]  # the files before it come out
    with pytest.raises(InputError, match="bad.txt"):
        next(results)


def test_a_failing_stream_yields_what_it_gave_first(redactor):
    def stream():
        yield "Call 617-555-0134."
        yield "Seen 07/22/2019."
        raise OSError("disk gone")

    results = redactor.redact_many(stream())
    assert [next(results).text for _ in range(2)] == ["Call [PHONE].", "Seen 2019."]
    with pytest.raises(OSError, match="disk gone"):
        next(results)
