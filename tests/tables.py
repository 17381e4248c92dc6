"""Synthetic Synthea-shaped patient tables (seeded Faker pools; fast enough for a million rows).

``patients(n, seed)`` yields rows of :data:`HEADER` (Synthea's patients.csv columns plus a
free-text NOTES column); ``Truth`` records, per row, the identifying values that must not
survive redaction. Faker is only used to fill small pools of names, streets and cities, so a
million rows take seconds; every value is synthetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

SYNTHEA = ["Id", "BIRTHDATE", "DEATHDATE", "SSN", "DRIVERS", "PASSPORT", "PREFIX", "FIRST",
           "LAST", "SUFFIX", "MAIDEN", "MARITAL", "RACE", "ETHNICITY", "GENDER", "BIRTHPLACE",
           "ADDRESS", "CITY", "STATE", "COUNTY", "FIPS", "ZIP", "LAT", "LON",
           "HEALTHCARE_EXPENSES", "HEALTHCARE_COVERAGE", "INCOME"]
HEADER = [*SYNTHEA, "NOTES"]
IDENTIFYING = ["Id", "BIRTHDATE", "DEATHDATE", "SSN", "DRIVERS", "PASSPORT", "FIRST", "LAST",
               "MAIDEN", "BIRTHPLACE", "ADDRESS", "CITY", "COUNTY", "FIPS", "ZIP", "LAT", "LON"]
UNTOUCHED = ["PREFIX", "SUFFIX", "MARITAL", "RACE", "ETHNICITY", "GENDER", "STATE",
             "HEALTHCARE_EXPENSES", "HEALTHCARE_COVERAGE", "INCOME"]
STATES = {"Massachusetts": ["02138", "01002", "02601", "01810"],
          "New Hampshire": ["03601", "03101", "03766"],
          "Nebraska": ["68504", "68102", "69301"]}
RACES = ["white", "black", "asian", "hispanic", "native", "other"]
REFERENCE = dt.date(2026, 1, 1)


@dataclass
class Truth:
    """Identifying values of one row: column cells, and the PHI written into its note."""

    cells: dict[str, str]
    note_phi: list[str] = field(default_factory=list)


class Pools:
    """Small pools of Faker values, seeded, reused for every row."""

    def __init__(self, seed: int, size: int = 400) -> None:
        from faker import Faker

        fake = Faker("en_US")
        fake.seed_instance(seed)
        self.first = [fake.first_name() for _ in range(size)]
        self.last = [fake.last_name() for _ in range(size)]
        self.street = [fake.street_address() for _ in range(size)]
        self.city = [fake.city() for _ in range(size // 4)]


NOTE_TEMPLATES = [
    ("Pt {first} {last} seen {date}. Call {phone} re: labs, \"stable\".", ["last", "date",
                                                                              "phone"]),
    ("Spoke with daughter {first2} {last} at {phone}; MRN {mrn}. Plan: f/u in 2 weeks.",
     ["phone", "mrn"]),
    ("BP 128/82, HR 74. Discussed diet with Mr. {last}, DOB {dob}.\nNo acute distress.",
     ["last", "dob"]),
    ("No changes to medications, continue lisinopril 10 mg daily.", []),
    ("", []),
]


def _digits(rng: random.Random, n: int) -> str:
    return f"{rng.randrange(10 ** n):0{n}d}"


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days))


def patients(n: int, seed: int = 1, notes: bool = True,
             pools: Pools | None = None) -> Iterator[tuple[list[str], Truth]]:
    """``n`` rows of :data:`HEADER` (or :data:`SYNTHEA` without notes) with their truth."""
    rng = random.Random(seed)
    pools = pools or Pools(seed)
    for _ in range(n):
        gender = rng.choice("MF")
        born = _date(rng, dt.date(1920, 1, 1), dt.date(2024, 12, 31))
        dead = _date(rng, born, REFERENCE).isoformat() if rng.random() < 0.1 else ""
        adult = (REFERENCE - born).days > 18 * 365
        married = adult and rng.random() < 0.5
        first, last = rng.choice(pools.first), rng.choice(pools.last)
        state = rng.choice(list(STATES))
        county = f"{rng.choice(pools.last)} County"
        row = {
            "Id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "BIRTHDATE": born.isoformat(),
            "DEATHDATE": dead,
            "SSN": f"999-{_digits(rng, 2)}-{_digits(rng, 4)}",
            "DRIVERS": f"S999{_digits(rng, 5)}" if adult and rng.random() < 0.8 else "",
            "PASSPORT": f"X{_digits(rng, 8)}X" if adult and rng.random() < 0.7 else "",
            "PREFIX": (rng.choice(["Mrs.", "Ms."]) if gender == "F" else "Mr.") if adult else "",
            "FIRST": f"{first}{rng.randrange(10, 1000)}",
            "LAST": f"{last}{rng.randrange(10, 1000)}",
            "SUFFIX": rng.choice(["MD", "PhD", "JD"]) if rng.random() < 0.03 else "",
            "MAIDEN": f"{rng.choice(pools.last)}{rng.randrange(10, 1000)}"
            if married and gender == "F" else "",
            "MARITAL": ("M" if married else rng.choice(["S", "D", "W"])) if adult else "",
            "RACE": rng.choice(RACES),
            "ETHNICITY": rng.choice(["hispanic", "nonhispanic"]),
            "GENDER": gender,
            "BIRTHPLACE": f"{rng.choice(pools.city)}  {state}  US",
            "ADDRESS": rng.choice(pools.street),
            "CITY": rng.choice(pools.city),
            "STATE": state,
            "COUNTY": county,
            "FIPS": f"{rng.randrange(1, 57):02d}{rng.randrange(1, 200) * 2 - 1:03d}"
            if rng.random() < 0.9 else "",
            "ZIP": rng.choice(STATES[state]),
            "LAT": f"{rng.uniform(40.5, 43.0):.14f}",
            "LON": f"{-rng.uniform(70.0, 104.0):.14f}",
            "HEALTHCARE_EXPENSES": f"{rng.uniform(0, 2_000_000):.2f}",
            "HEALTHCARE_COVERAGE": f"{rng.uniform(0, 50_000):.2f}",
            "INCOME": str(rng.randrange(10_000, 250_000)),
        }
        truth = Truth({k: row[k] for k in IDENTIFYING if row[k]})
        values = [row[h] for h in SYNTHEA]
        if notes:
            template, phi = rng.choice(NOTE_TEMPLATES)
            fill = {"first": first, "last": last, "first2": rng.choice(pools.first),
                    "date": _date(rng, dt.date(2020, 1, 1), REFERENCE).strftime("%m/%d/%Y"),
                    "phone": f"(617) 555-{_digits(rng, 4)}", "mrn": _digits(rng, 8),
                    "dob": born.strftime("%m/%d/%Y")}
            values.append(template.format(**fill))
            truth.note_phi = [fill[k] for k in phi]
        yield values, truth


def to_csv(rows: list[list[str]], header: list[str] = HEADER, lineterminator: str = "\r\n",
           quoting: int = csv.QUOTE_MINIMAL, delimiter: str = ",") -> str:
    """Write rows the way most exporters do (``csv`` module, minimal quoting)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=lineterminator, quoting=quoting, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def table(n: int, seed: int = 1, notes: bool = True) -> tuple[str, list[list[str]], list[Truth]]:
    """(CSV text, rows, truths) for ``n`` rows."""
    pairs = list(patients(n, seed, notes))
    rows = [r for r, _ in pairs]
    return to_csv(rows, HEADER if notes else SYNTHEA), rows, [t for _, t in pairs]
