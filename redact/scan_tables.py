"""CSV/TSV files in ``redact scan``: whole cells of identifier columns, by column role.

A text scan of a CSV finds what looks like PHI in running text, but a bare surname (``Lee``),
a short number or a date in a column headed ``Last Name``, ``MRN`` or ``DOB`` has no cue in
the text itself. The column roles of the CSV path (:func:`redact.columns.plan_columns`:
policy ``[columns]``, then header vocabulary, then the shape of sampled values) say which
columns hold an identifier; every non-empty cell of such a column is then reported as that
entity type, at the cell's line and column. The text scan runs as well, so a ``text`` or
guarded ``keep`` column is still covered.

Cells are located with a small RFC 4180 tokenizer that keeps offsets (the csv module does not
give them); it never fails: a malformed row is still scanned as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from recognizers.base import Hit
from redact.letters import ENTITY_LETTER

TABLE_SUFFIXES = {".csv": None, ".tsv": "\t", ".tab": "\t"}
"""Suffix -> delimiter (None: the most frequent of , ; | in the header line)."""

_QUOTED = re.compile(r'"((?:[^"]|"")*)"')  # one way to match each character: linear
_YEAR = re.compile(r"\d{4}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SCORE = {"config": 1.0, "header": 0.95, "values": 0.9}
_UNSURE_SCORE = 0.75

Cell = tuple[int, int, str]
"""(start, end, value): offsets of the cell's content in the text, quotes excluded."""


def delimiter_for(suffix: str, text: str) -> str | None:
    """The delimiter of a table file, or None if the suffix is not a table's."""
    if suffix not in TABLE_SUFFIXES:
        return None
    fixed = TABLE_SUFFIXES[suffix]
    if fixed:
        return fixed
    first = text[:text.find("\n")] if "\n" in text else text
    return max(",;|", key=lambda d: (first.count(d), d == ","))


def records(text: str, delimiter: str) -> Iterator[list[Cell]]:
    """Rows of cells with offsets (RFC 4180 quoting; ``""`` inside quotes is one quote)."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\n]*")
    n = len(text)
    i = 0
    row: list[Cell] = []
    while i < n:
        if text[i] == '"':
            m = _QUOTED.match(text, i)
            if m is None:  # an unterminated quote: the rest of the text is one cell
                row.append((i + 1, n, text[i + 1:].replace('""', '"')))
                break
            row.append((m.start(1), m.end(1), m.group(1).replace('""', '"')))
            i = unquoted.match(text, m.end()).end()  # stray characters after the quote
        else:
            end = unquoted.match(text, i).end()
            stop = end - 1 if end > i and text[end - 1] == "\r" else end
            row.append((i, stop, text[i:stop]))
            i = end
        if i >= n:
            break
        if text[i] == delimiter:
            i += 1
            if i == n:
                row.append((n, n, ""))
            continue
        yield row  # a newline
        row = []
        i += 1
    if row:
        yield row


def column_hits(text: str, delimiter: str, policy: Any, reference_year: int,
                only: frozenset[str] | None = None) -> list[Hit]:
    """Hits for the cells of identifier columns (see the module docstring)."""
    from redact.columns import NULLS, SAMPLE_ROWS, plan_columns

    rows = records(text, delimiter)
    head = next(rows, None)
    if not head:
        return []
    sample = list(islice(rows, SAMPLE_ROWS))
    if not sample:
        return []
    plan = plan_columns([c[2] for c in head], [[c[2] for c in r] for r in sample],
                        config=dict(getattr(policy, "columns", {}) or {}) or None)
    roles = {c.index: c for c in plan.columns if c.role in ENTITY_LETTER
             and (only is None or c.role in only)}
    if not roles:
        return []
    hits: list[Hit] = []
    for row in (*sample, *rows):
        for index, col in roles.items():
            if index >= len(row):
                continue
            start, end, value = row[index]
            stripped = value.strip()
            if stripped.lower() in NULLS or not _is_phi(col.role, stripped, reference_year):
                continue
            raw = text[start:end]
            start += len(raw) - len(raw.lstrip())
            end -= len(raw) - len(raw.rstrip())
            score = _SCORE.get(col.source, _UNSURE_SCORE) if col.sure else _UNSURE_SCORE
            hits.append(Hit(start, end, col.role, score, f"column:{col.source}"))
    return hits


def _is_phi(entity: str, value: str, reference_year: int) -> bool:
    """Safe Harbor lets a year alone, and ages of 89 and under, stay."""
    if entity == "AGE":
        m = _NUMBER.match(value)
        return m is None or float(m.group()) > 89
    if entity in ("DATE", "BIRTH_DATE") and _YEAR.fullmatch(value):
        return entity == "BIRTH_DATE" and reference_year - int(value) > 89
    return True
