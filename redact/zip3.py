"""The three-digit ZIP rule of Safe Harbor (45 CFR 164.514(b)(2)(i)(B)).

The first three digits of a ZIP code may stay only where the geographic unit formed by all
ZIP codes with those three digits holds more than 20,000 people according to "the current
publicly available data from the Bureau of the Census"; otherwise they become ``000``.
The table (``redact/data/zip3.json``) ships populations per vintage; the default vintage
``all`` restricts a prefix that any shipped vintage restricts, and a prefix absent from a
vintage's data counts as population 0. Rebuild from a newer Census file with
``python scripts/build_zip3.py FILE --vintage 2020``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

RESTRICTED_OUTPUT = "000"


@cache
def _table() -> dict:
    raw = resources.files("redact").joinpath("data", "zip3.json").read_text(encoding="utf-8")
    return json.loads(raw)


def vintages() -> list[str]:
    """The Census vintages shipped, plus ``all``."""
    return ["all", *sorted(_table()["vintages"])]


@cache
def restricted(vintage: str = "all") -> frozenset[str]:
    """The prefixes that must become 000 under a vintage (see module docstring)."""
    table = _table()
    threshold = table["threshold"]
    chosen = table["vintages"] if vintage == "all" else {vintage: table["vintages"][vintage]}
    out: set[str] = set()
    for data in chosen.values():
        out.update(data["restricted"])
        pops = data.get("populations")
        if pops is not None:  # a prefix with no population data is restricted too
            out.update(f"{i:03d}" for i in range(1000) if pops.get(f"{i:03d}", 0) <= threshold)
    return frozenset(out)


def generalize_zip(value: str, vintage: str = "all") -> str:
    """ZIP or ZIP+4 -> its three-digit prefix, or 000 where the prefix is restricted."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) < 5:
        return RESTRICTED_OUTPUT
    prefix = digits[:3]
    return RESTRICTED_OUTPUT if prefix in restricted(vintage) else prefix
