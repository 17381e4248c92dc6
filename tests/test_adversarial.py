"""Hostile input: every recognizer on 1 MB strings built to trigger catastrophic backtracking
or quadratic behaviour. Not a speed target: the bound is that 10x the input costs at most
~25x the time (linear, with slack for noise), and a hard alarm stops a runaway pattern."""

from __future__ import annotations

import gc
import signal
import time

import pytest

from recognizers import ALL
from recognizers.base import Doc

MB = 1_000_000

ADVERSARIAL = {
    "digits": "1",
    "digit_dash": "1-",
    "digit_space": "1 ",
    "digit_slash": "1/",
    "digit_dot": "1.",
    "digit_colon": "1:",
    "hex_colon": "a:",
    "letters": "a",
    "caps_words": "AB ",
    "title_words": "Smith ",
    "dots": ".",
    "at_signs": "a@",
    "separators": "-_ ",
    "parens": "(01)",
    "mixed_id": "MRN: A1-",
    "street": "12 Main ",
    "names": "Dr. Mary ",
    "newlines": "\n",
    "unicode": "é ",
    "month_digits": "Jan 1 ",
}


def _run(rec, text: str) -> float:
    """Seconds for one scan, with the cyclic GC paused as ``Redactor.analyze`` pauses it: a
    1 MB hostile text makes ~10^6 tuples, and collections that walk the test session's whole
    heap would be timed too (they made the 10x input look 40x slower on a loaded machine)."""
    gc.disable()
    try:
        t = time.perf_counter()
        rec.find(Doc(text, 2026))
        return time.perf_counter() - t
    finally:
        gc.enable()


@pytest.fixture(autouse=True)
def alarm():
    def boom(signum, frame):  # noqa: ARG001
        raise TimeoutError("pattern ran away")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_recognizer_is_linear_on_hostile_input(cls):
    rec = cls()
    for name, unit in ADVERSARIAL.items():
        small = unit * (MB // 10 // len(unit))
        big = unit * (MB // len(unit))
        t_small = _run(rec, small)
        t_big = _run(rec, big)
        assert t_big <= 25 * t_small + 0.5, (cls.__name__, name, t_small, t_big)


def test_binary_garbage_and_long_lines(redactor):
    import random

    rng = random.Random(7)
    junk = "".join(chr(rng.randrange(32, 0x2FF)) for _ in range(200_000))
    redactor.redact(junk)  # no exception, bounded by the alarm
    line = "Pt Kowalczyk " + "x" * MB + " 617-555-0134"
    out = redactor.redact(line).text
    assert "Kowalczyk" not in out and "555-0134" not in out
