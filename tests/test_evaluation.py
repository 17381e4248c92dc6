"""The recall/precision acceptance bar, measured on 500 synthetic notes of the reporting seed
(never used for tuning; the tuning seed is 1). See bench/README.md for the method."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("faker")
BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from evaluate import run_engine  # noqa: E402
from generate import generate  # noqa: E402

REPORT_SEED = 20261122


@pytest.fixture(scope="module")
def result():
    return run_engine("redact", generate(REPORT_SEED, 500))


def test_overall_recall_and_precision(result):
    overall = result["overall"]
    assert overall["gold"] > 10_000
    assert overall["recall"] >= 0.995
    assert overall["precision"] >= 0.95


def test_every_letter_recall_and_full_coverage(result):
    per_letter = result["per_letter"]
    assert set("ABCDEFGHIJKLMNOPQR") <= set(per_letter)
    for letter in "ABCDEFGHIJKLMNOPQR":
        row = per_letter[letter]
        assert row["gold"] >= 50, letter
        assert row["recall"] >= 0.99, (letter, row["recall"])
        assert row["full_coverage"] >= 0.99, (letter, row["full_coverage"])
