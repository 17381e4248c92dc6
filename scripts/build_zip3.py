#!/usr/bin/env python3
"""Build ``redact/data/zip3.json``: population per 3-digit ZIP prefix, per vintage.

Why: HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)(B)) lets the first three digits of a
ZIP code stay only if the area formed by all ZIP codes sharing them has more than
20,000 people "according to the current publicly available data from the Bureau of the
Census".  Which census is "current" changes over time, so the table is kept per
vintage, and a user with a newer ZCTA population file (e.g. 2020 DHC table P1) can add
it with one command::

    python scripts/build_zip3.py /work/shared/data/zcta2010_population.csv \
        --vintage 2010
    python scripts/build_zip3.py DECENNIALDHC2020.P1-Data.csv --vintage 2020 \
        --zip-column NAME --pop-column P1_001N

The script only uses the standard library.  Other vintages already in the JSON are
kept; the "2000" vintage (the 17 prefixes HHS lists from Census 2000) is always
(re)written because no population table for it is shipped.  The output is
deterministic (sorted keys, fixed indent).

Schema::

    {"threshold": 20000,
     "vintages": {"2010": {"source": "...", "populations": {"005": 12345, ...},
                           "restricted": ["036", ...]},
                  "2000": {"source": "...", "populations": null, "restricted": [...]}}}

``restricted`` lists prefixes present in the data with population <= threshold.
Prefixes absent from the data have no ZCTA and hence population 0; the runtime treats
them as restricted too, so they are not enumerated here.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "redact" / "data" / "zip3.json"

THRESHOLD = 20_000

HHS_2000_SOURCE = "HHS Safe Harbor guidance, Census 2000"
# 45 CFR 164.514(b)(2)(i)(B) guidance: the 17 prefixes restricted under Census 2000.
# fmt: off
HHS_2000_RESTRICTED: tuple[str, ...] = (
    "036", "059", "063", "102", "203", "556", "692", "790", "821",
    "823", "830", "831", "878", "879", "884", "890", "893",
)
# fmt: on

# The ZIP is taken from the trailing digits of the cell, which covers plain ZCTA codes
# with leading zeros dropped ("1001"), "ZCTA5 01001" (NAME in data.census.gov
# downloads) and "860Z200US01001" (GEO_ID).
ZIP_RE = re.compile(r"(?<!\d)(\d{1,5})\s*$")
# Population cells may carry thousands separators or a revision note: "1,234",
# "5678(r1234)".
POP_RE = re.compile(r"^\s*(\d[\d,]*)")


def parse_zip(cell: str) -> str | None:
    """Return the zero-padded 5-digit ZCTA in *cell*, or None for a non-data row."""
    match = ZIP_RE.search(cell)
    return match.group(1).zfill(5) if match else None


def parse_population(cell: str) -> int | None:
    """Return the population in *cell*, or None for a non-data row (e.g. a label)."""
    match = POP_RE.match(cell)
    return int(match.group(1).replace(",", "")) if match else None


def resolve_column(header: list[str], wanted: str | None, default_index: int) -> int:
    """Return the index of *wanted* (header name or 0-based index) or the default."""
    if wanted is None:
        if default_index >= len(header):
            raise SystemExit(f"the CSV has only {len(header)} column(s)")
        return default_index
    stripped = [name.strip() for name in header]
    if wanted.strip() in stripped:
        return stripped.index(wanted.strip())
    if wanted.isdigit() and int(wanted) < len(header):
        return int(wanted)
    raise SystemExit(f"column {wanted!r} not found; header is {header!r}")


def aggregate(
    path: Path, zip_column: str | None, pop_column: str | None
) -> tuple[dict[str, int], int, int]:
    """Sum population by 3-digit prefix.

    Returns (populations by prefix, distinct ZCTAs, rows skipped).  A ZCTA listed more
    than once is summed: tables by "ZCTA within state" list a ZCTA that crosses a state
    line once per state part (the 2010 file has 103 such ZCTAs), and the parts add up.
    """
    by_zcta: dict[str, int] = defaultdict(int)
    seen: set[str] = set()
    duplicates = 0
    skipped = 0
    # utf-8-sig drops the byte-order mark that Census and spreadsheet exports carry.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise SystemExit(f"{path} is empty") from None
        zip_index = resolve_column(header, zip_column, 0)
        pop_index = resolve_column(header, pop_column, 1)
        for row in reader:
            if len(row) <= max(zip_index, pop_index):
                skipped += 1
                continue
            zcta = parse_zip(row[zip_index])
            population = parse_population(row[pop_index])
            if zcta is None or population is None:
                skipped += 1  # e.g. the second, descriptive header row of DHC downloads
                continue
            if zcta in seen:
                duplicates += 1
            seen.add(zcta)
            by_zcta[zcta] += population
    if duplicates:
        print(
            f"note: {duplicates} ZCTAs appear in more than one row (state parts); "
            "their rows were summed"
        )
    if not by_zcta:
        raise SystemExit(
            f"no ZCTA rows found in {path}; check --zip-column/--pop-column"
        )
    prefixes: dict[str, int] = defaultdict(int)
    for zcta, population in by_zcta.items():
        prefixes[zcta[:3]] += population
    return dict(sorted(prefixes.items())), len(by_zcta), skipped


def load_existing(path: Path) -> dict[str, Any]:
    """Read the current table so that vintages built earlier are kept."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise SystemExit(f"{path} is not a JSON object")
    return data


def build_table(
    existing: dict[str, Any], vintage: str, source: str, populations: dict[str, int]
) -> dict[str, Any]:
    """Merge the new vintage into *existing* and return the complete table."""
    vintages: dict[str, Any] = dict(existing.get("vintages") or {})
    vintages[vintage] = {
        "source": source,
        "populations": populations,
        "restricted": sorted(p for p, n in populations.items() if n <= THRESHOLD),
    }
    vintages["2000"] = {
        "source": HHS_2000_SOURCE,
        "populations": None,
        "restricted": list(HHS_2000_RESTRICTED),
    }
    return {"threshold": THRESHOLD, "vintages": vintages}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        description="Aggregate a ZCTA population CSV to 3-digit ZIP prefixes and write "
        "them into zip3.json as one Census vintage."
    )
    parser.add_argument("csv", type=Path, help="ZCTA population CSV (header row first)")
    parser.add_argument(
        "--vintage", required=True, help="Census vintage label, e.g. 2010 or 2020"
    )
    parser.add_argument(
        "--zip-column",
        default=None,
        help="header name (or 0-based index) of the ZCTA column "
        "(default: first column)",
    )
    parser.add_argument(
        "--pop-column",
        default=None,
        help="header name (or 0-based index) of the population column "
        "(default: second column)",
    )
    parser.add_argument(
        "--source",
        default=None,
        help="provenance text stored in the JSON (default: derived from "
        "the vintage and file name)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"JSON file to create or update (default: {DEFAULT_OUTPUT})",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build or update the table and print a summary."""
    args = parse_args(argv)
    vintage = str(args.vintage).strip()
    if vintage == "2000":
        raise SystemExit("vintage 2000 is fixed to the HHS list; use another label")
    populations, zcta_count, skipped = aggregate(
        args.csv, args.zip_column, args.pop_column
    )
    source = args.source or (
        f"US Census Bureau, {vintage} Census population by ZCTA5 ({args.csv.name})"
    )
    table = build_table(load_existing(args.output), vintage, source, populations)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(table, indent=1, sort_keys=True, ensure_ascii=True) + "\n"
    args.output.write_text(text, encoding="utf-8", newline="\n")

    restricted = table["vintages"][vintage]["restricted"]
    print(
        f"{args.csv}: {zcta_count} ZCTAs, {skipped} rows skipped, "
        f"population {sum(populations.values()):,}"
    )
    print(
        f"vintage {vintage}: {len(populations)} prefixes, {len(restricted)} with "
        f"population <= {THRESHOLD:,}: {' '.join(restricted)}"
    )
    print(
        f"wrote {args.output} ({args.output.stat().st_size} bytes; vintages: "
        f"{', '.join(sorted(table['vintages']))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
