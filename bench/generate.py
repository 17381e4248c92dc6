#!/usr/bin/env python3
"""Synthetic clinical-text generator with gold PHI spans.

Every note is built from small pieces: plain text, or a PHI value tagged with
its HIPAA Safe Harbor letter (45 CFR 164.514(b)(2)(i), A..R) and a label.
Concatenating the pieces gives the note text and, at the same time, the exact
character offsets of every gold span, so gold spans never drift from the text.

All data is synthetic: Faker (en_US, seeded) plus the word lists in this file.
Identifiers that carry checksums (credit cards, ABA routing numbers, IBANs,
DEA, NPI, VIN, GS1 GTIN) are generated with *valid* check digits, so a
recognizer that validates checksums is not penalised.

Gold-span conventions (see bench/README.md, "Evaluation"):

* A span covers only the identifying characters: titles (``Dr.``, ``Mr.``),
  credentials (``MD``, ``RN``) and context labels (``MRN:``, ``fax``) are
  outside the span.
* Names: the whole name expression is one span (``John A. Smith``,
  ``SMITH, JOHN A``); ``Dr. Jones`` -> ``Jones``.
* Dates: the whole date expression (``July 22, 2019``, ``22nd of July``,
  ``Jul 2019``); a following time of day and a leading weekday are outside.
* Ages over 89: the number plus a *trailing* age unit (``92-year-old``,
  ``92 yo``, ``92 y/o``, ``ninety-two years old``); a *leading* word is outside
  (``age 92`` -> ``92``, ``aged 95`` -> ``95``).  Ages <= 89 are never gold.
* Birth years are gold (letter C) only when the year is <= 1936, i.e. when the
  person can be 90 or older on the reference date 2026-11-22.  Other bare years
  are never gold.
* Addresses: comma-separated parts are separate spans (street line, unit,
  city, ZIP); the state is never gold.  ``Worcester County`` includes
  ``County``.  GPS coordinates are one span.
* Phone/fax numbers include a ``+1`` prefix and an extension when present.
* URLs, e-mail addresses, file names and data URIs are one span each.

Usage::

    python bench/generate.py --seed 1 --n 500 --out notes.jsonl
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from string import Formatter
from typing import Any

from faker import Faker

REFERENCE_DATE = date(2026, 11, 22)
"""Reference date for ages: a birth year <= 1936 can mean age > 89 on it."""

MAX_PHI_BIRTH_YEAR = 1936
"""Birth years up to this one are PHI (letter C)."""

SAFE_HARBOR: dict[str, str] = {
    "A": "Names",
    "B": "Geographic subdivisions smaller than a state",
    "C": "Dates (except year); ages > 89",
    "D": "Telephone numbers",
    "E": "Fax numbers",
    "F": "E-mail addresses",
    "G": "Social Security numbers",
    "H": "Medical record numbers",
    "I": "Health plan beneficiary numbers",
    "J": "Account numbers",
    "K": "Certificate/licence numbers",
    "L": "Vehicle identifiers",
    "M": "Device identifiers and serial numbers",
    "N": "URLs",
    "O": "IP addresses",
    "P": "Biometric identifiers",
    "Q": "Full-face photographs",
    "R": "Other unique identifying numbers",
}

KINDS: tuple[str, ...] = (
    "discharge_summary",
    "progress_note",
    "nursing_caps",
    "nursing_lower",
    "secure_message",
    "clinic_schedule",
    "oncall_roster",
)
_KIND_WEIGHTS = (17, 18, 13, 13, 14, 13, 12)

# --------------------------------------------------------------------------
# Public data model
# --------------------------------------------------------------------------


@dataclass
class Span:
    """A gold PHI span: ``text[start:end]`` with its Safe Harbor letter."""

    start: int
    end: int
    letter: str
    label: str


@dataclass
class Note:
    """One synthetic clinical note and its gold PHI spans (sorted by start)."""

    kind: str
    text: str
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (spans carry their text too)."""
        d = asdict(self)
        for s, sd in zip(self.spans, d["spans"], strict=True):
            sd["text"] = self.text[s.start : s.end]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Note:
        """Inverse of :meth:`to_dict` (an extra ``text`` key per span is ignored)."""
        spans = [Span(s["start"], s["end"], s["letter"], s["label"]) for s in d["spans"]]
        return cls(kind=d["kind"], text=d["text"], spans=spans)


# --------------------------------------------------------------------------
# Pieces and documents
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _P:
    """A PHI piece: text that becomes one gold span."""

    text: str
    letter: str
    label: str


Frag = str | _P | list  # nested lists of str/_P are allowed


def _flatten(frag: Frag, out: list[str | _P]) -> None:
    """Append the pieces of ``frag`` to ``out`` in order."""
    if isinstance(frag, (str, _P)):
        out.append(frag)
    else:
        for f in frag:
            _flatten(f, out)


@lru_cache(maxsize=4096)
def _parse(template: str) -> tuple[tuple[str, str | None], ...]:
    """Split a ``{field}`` template into (literal, field-or-None) pairs."""
    return tuple((lit, name) for lit, name, _spec, _conv in Formatter().parse(template))


def _fill(template: str, **kw: Frag) -> list[str | _P]:
    """Render ``template`` whose ``{fields}`` are strings, PHI pieces or frags."""
    out: list[str | _P] = []
    for lit, name in _parse(template):
        if lit:
            out.append(lit)
        if name is not None:
            _flatten(kw[name], out)
    return out


def _frag_len(frag: Frag) -> int:
    """Number of characters ``frag`` renders to."""
    if isinstance(frag, str):
        return len(frag)
    if isinstance(frag, _P):
        return len(frag.text)
    return sum(_frag_len(f) for f in frag)


class _Doc:
    """Accumulates pieces; :meth:`note` turns them into a :class:`Note`."""

    def __init__(self) -> None:
        self.pieces: list[str | _P] = []
        self.length = 0

    def add(self, *frags: Frag) -> None:
        """Append fragments."""
        for frag in frags:
            start = len(self.pieces)
            _flatten(frag, self.pieces)
            self.length += sum(
                len(p) if isinstance(p, str) else len(p.text) for p in self.pieces[start:]
            )

    def add_if_fits(self, frag: Frag, limit: int) -> bool:
        """Append ``frag`` only if the document stays within ``limit`` chars."""
        if self.length + _frag_len(frag) > limit:
            return False
        self.add(frag)
        return True

    def note(self, kind: str, case: str | None = None) -> Note:
        """Build the note; ``case`` is ``"upper"``, ``"lower"`` or None."""
        parts: list[str] = []
        spans: list[Span] = []
        pos = 0
        for p in self.pieces:
            if isinstance(p, str):
                parts.append(p)
                pos += len(p)
            else:
                parts.append(p.text)
                spans.append(Span(pos, pos + len(p.text), p.letter, p.label))
                pos += len(p.text)
        text = "".join(parts)
        if case == "upper":
            text = _same_len_case(text, str.upper)
        elif case == "lower":
            text = _same_len_case(text, str.lower)
        return Note(kind=kind, text=text, spans=spans)


def _same_len_case(text: str, fn: Any) -> str:
    """Apply a case mapping without changing the text length (offsets stay valid)."""
    mapped = fn(text)
    if len(mapped) == len(text):
        return mapped
    return "".join(c2 if len(c2 := fn(c)) == 1 else c for c in text)


# --------------------------------------------------------------------------
# Word lists (own, synthetic)
# --------------------------------------------------------------------------

_EXTRA_SURNAMES = (
    "Kowalczyk",
    "Nguyen",
    "Okafor",
    "Abernathy",
    "Szymanski",
    "Oyelaran",
    "Papadopoulos",
    "Castellanos",
    "O'Brien",
    "McAllister",
    "Al-Sayed",
    "Nakamura",
    "Kaczmarek",
    "Adeyemi",
    "Chowdhury",
    "Iyer",
    "Gonzalez-Rivera",
    "Delacroix",
    "Rasmussen",
    "Haddad",
    "Yilmaz",
    "Bui",
    "Tran",
    "Pham",
    "Quispe",
    "Villanueva",
    "Zielinski",
    "Wojcik",
    "Bergstrom",
    "Lindqvist",
    "Kapoor",
    "Ramaswamy",
    "Osei",
    "Mensah",
    "Afolabi",
    "Achterberg",
    "DeLuca",
    "Fontaine",
    "Grabowski",
    "Hakimi",
    "Ishikawa",
    "Jablonski",
    "Kim",
    "Park",
    "Singh",
    "Patel",
    "Shah",
    "Cohen",
    "Levy",
    "O'Connor",
    "MacDonald",
    "Dubois",
    "Moreau",
    "Rossi",
    "Esposito",
    "Ferraro",
    "Oduya",
    "Nwosu",
    "Eze",
    "Mbatha",
    "Takahashi",
    "Watanabe",
    "Huang",
    "Zhou",
    "Xu",
    "Le",
    "Vo",
    "Dang",
    "Novak",
    "Horvath",
    "Kovacs",
    "Petrov",
    "Ivanova",
    "Sokolov",
    "Brennan",
    "Gallagher",
    "Fitzpatrick",
    "Mahoney",
    "Bland",
    "Hunter",
    "Brown",
    "White",
    "Church",
    "Rivers",
    "Goode",
    "Sterling",
    "Frost",
    "Moody",
)
_EXTRA_FIRST_F = (
    "Ngozi",
    "Priya",
    "Xiomara",
    "Siobhan",
    "Niamh",
    "Anastasia",
    "Ama",
    "Ximena",
    "Fatima",
    "Aaliyah",
    "Keisha",
    "Rosa",
    "Esperanza",
    "Guadalupe",
    "Hoa",
    "Seo-yeon",
    "Thanh",
    "Aigerim",
    "Yetunde",
    "Mei",
    "Ingrid",
    "Marisol",
    "Bernadette",
    "Dolores",
    "Agnes",
    "Hope",
    "Rose",
    "Grace",
    "Faith",
    "Joy",
    "June",
    "May",
)
_EXTRA_FIRST_M = (
    "Oluwaseun",
    "Wojciech",
    "Sanjay",
    "Dmitri",
    "Kwame",
    "Chidi",
    "Mateo",
    "Yusuf",
    "Jamal",
    "DeShawn",
    "Bao",
    "Minh",
    "Jae-won",
    "Tadeusz",
    "Ignacio",
    "Rashid",
    "Emeka",
    "Arjun",
    "Lars",
    "Giuseppe",
    "Casimir",
    "Thaddeus",
    "Will",
    "Mark",
    "Gene",
    "Hunter",
)

# (city, state abbreviation, county); real US places.
_CITIES: tuple[tuple[str, str, str], ...] = (
    ("Boston", "MA", "Suffolk County"),
    ("Worcester", "MA", "Worcester County"),
    ("Springfield", "MA", "Hampden County"),
    ("Framingham", "MA", "Middlesex County"),
    ("Lowell", "MA", "Middlesex County"),
    ("Quincy", "MA", "Norfolk County"),
    ("Brockton", "MA", "Plymouth County"),
    ("New Bedford", "MA", "Bristol County"),
    ("Pittsfield", "MA", "Berkshire County"),
    ("Salem", "MA", "Essex County"),
    ("Providence", "RI", "Providence County"),
    ("Hartford", "CT", "Hartford County"),
    ("New Haven", "CT", "New Haven County"),
    ("Manchester", "NH", "Hillsborough County"),
    ("Portland", "ME", "Cumberland County"),
    ("Burlington", "VT", "Chittenden County"),
    ("Albany", "NY", "Albany County"),
    ("Buffalo", "NY", "Erie County"),
    ("Rochester", "NY", "Monroe County"),
    ("Yonkers", "NY", "Westchester County"),
    ("Newark", "NJ", "Essex County"),
    ("Trenton", "NJ", "Mercer County"),
    ("Philadelphia", "PA", "Philadelphia County"),
    ("Pittsburgh", "PA", "Allegheny County"),
    ("Allentown", "PA", "Lehigh County"),
    ("Baltimore", "MD", "Baltimore County"),
    ("Richmond", "VA", "Henrico County"),
    ("Norfolk", "VA", "Norfolk County"),
    ("Raleigh", "NC", "Wake County"),
    ("Charlotte", "NC", "Mecklenburg County"),
    ("Columbia", "SC", "Richland County"),
    ("Atlanta", "GA", "Fulton County"),
    ("Savannah", "GA", "Chatham County"),
    ("Jacksonville", "FL", "Duval County"),
    ("Tampa", "FL", "Hillsborough County"),
    ("Orlando", "FL", "Orange County"),
    ("Miami", "FL", "Miami-Dade County"),
    ("Birmingham", "AL", "Jefferson County"),
    ("Nashville", "TN", "Davidson County"),
    ("Memphis", "TN", "Shelby County"),
    ("Louisville", "KY", "Jefferson County"),
    ("Columbus", "OH", "Franklin County"),
    ("Cleveland", "OH", "Cuyahoga County"),
    ("Dayton", "OH", "Montgomery County"),
    ("Detroit", "MI", "Wayne County"),
    ("Grand Rapids", "MI", "Kent County"),
    ("Indianapolis", "IN", "Marion County"),
    ("Chicago", "IL", "Cook County"),
    ("Peoria", "IL", "Peoria County"),
    ("Milwaukee", "WI", "Milwaukee County"),
    ("Madison", "WI", "Dane County"),
    ("Minneapolis", "MN", "Hennepin County"),
    ("Des Moines", "IA", "Polk County"),
    ("St. Louis", "MO", "St. Louis County"),
    ("Kansas City", "MO", "Jackson County"),
    ("Omaha", "NE", "Douglas County"),
    ("Tulsa", "OK", "Tulsa County"),
    ("Houston", "TX", "Harris County"),
    ("San Antonio", "TX", "Bexar County"),
    ("El Paso", "TX", "El Paso County"),
    ("Austin", "TX", "Travis County"),
    ("Albuquerque", "NM", "Bernalillo County"),
    ("Denver", "CO", "Denver County"),
    ("Salt Lake City", "UT", "Salt Lake County"),
    ("Phoenix", "AZ", "Maricopa County"),
    ("Tucson", "AZ", "Pima County"),
    ("Las Vegas", "NV", "Clark County"),
    ("Fresno", "CA", "Fresno County"),
    ("Sacramento", "CA", "Sacramento County"),
    ("Oakland", "CA", "Alameda County"),
    ("San Diego", "CA", "San Diego County"),
    ("Long Beach", "CA", "Los Angeles County"),
    ("Portland", "OR", "Multnomah County"),
    ("Spokane", "WA", "Spokane County"),
    ("Tacoma", "WA", "Pierce County"),
    ("Boise", "ID", "Ada County"),
    ("Anchorage", "AK", "Anchorage Borough"),
    ("Honolulu", "HI", "Honolulu County"),
    ("Chelsea", "MA", "Suffolk County"),
    ("Revere", "MA", "Suffolk County"),
    ("Fall River", "MA", "Bristol County"),
    ("Holyoke", "MA", "Hampden County"),
)
_STATE_NAMES = {
    "MA": "Massachusetts",
    "RI": "Rhode Island",
    "CT": "Connecticut",
    "NH": "New Hampshire",
    "ME": "Maine",
    "VT": "Vermont",
    "NY": "New York",
    "NJ": "New Jersey",
    "PA": "Pennsylvania",
    "MD": "Maryland",
    "VA": "Virginia",
    "NC": "North Carolina",
    "SC": "South Carolina",
    "GA": "Georgia",
    "FL": "Florida",
    "AL": "Alabama",
    "TN": "Tennessee",
    "KY": "Kentucky",
    "OH": "Ohio",
    "MI": "Michigan",
    "IN": "Indiana",
    "IL": "Illinois",
    "WI": "Wisconsin",
    "MN": "Minnesota",
    "IA": "Iowa",
    "MO": "Missouri",
    "NE": "Nebraska",
    "OK": "Oklahoma",
    "TX": "Texas",
    "NM": "New Mexico",
    "CO": "Colorado",
    "UT": "Utah",
    "AZ": "Arizona",
    "NV": "Nevada",
    "CA": "California",
    "OR": "Oregon",
    "WA": "Washington",
    "ID": "Idaho",
    "AK": "Alaska",
    "HI": "Hawaii",
}
# First three ZIP digits by state (inclusive ranges), so ZIPs match their state.
_ZIP3 = {
    "MA": (10, 27),
    "RI": (28, 29),
    "NH": (30, 38),
    "ME": (39, 49),
    "VT": (50, 59),
    "CT": (60, 69),
    "NJ": (70, 89),
    "NY": (100, 149),
    "PA": (150, 196),
    "MD": (206, 219),
    "VA": (220, 246),
    "NC": (270, 289),
    "SC": (290, 299),
    "GA": (300, 319),
    "FL": (320, 349),
    "AL": (350, 369),
    "TN": (370, 385),
    "KY": (400, 427),
    "OH": (430, 459),
    "IN": (460, 479),
    "MI": (480, 499),
    "IA": (500, 528),
    "WI": (530, 549),
    "MN": (550, 567),
    "IL": (600, 629),
    "MO": (630, 658),
    "NE": (680, 693),
    "OK": (730, 749),
    "TX": (750, 799),
    "CO": (800, 816),
    "NM": (870, 884),
    "AZ": (850, 865),
    "UT": (840, 847),
    "NV": (889, 898),
    "CA": (900, 961),
    "HI": (967, 968),
    "OR": (970, 979),
    "WA": (980, 994),
    "AK": (995, 999),
    "ID": (832, 838),
}
_STREETS = (
    "Main",
    "Oak",
    "Pine",
    "Maple",
    "Cedar",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
    "Walnut",
    "Spring",
    "Ridge",
    "Church",
    "Willow",
    "Mill",
    "Sunset",
    "Highland",
    "Jackson",
    "Cherry",
    "Center",
    "Lincoln",
    "Jefferson",
    "Franklin",
    "Madison",
    "Beacon",
    "Commonwealth",
    "Harrison",
    "Chestnut",
    "River",
    "Meadow",
    "Forest",
    "Prospect",
    "School",
    "Union",
    "Pleasant",
    "Adams",
    "Dogwood",
    "Sycamore",
    "Magnolia",
    "Hanover",
    "Summer",
    "Winter",
    "Boylston",
    "Tremont",
    "Dorchester",
    "Huntington",
    "Broadway",
    "Market",
    "Water",
    "Front",
    "Grove",
    "Orchard",
    "Belmont",
    "Fairview",
    "Greenwood",
)
_STREET_SUFFIX = (
    "St",
    "Street",
    "Ave",
    "Avenue",
    "Rd",
    "Road",
    "Blvd",
    "Dr",
    "Drive",
    "Ln",
    "Lane",
    "Ct",
    "Way",
    "Pl",
    "Terrace",
    "Circle",
    "Pkwy",
    "St.",
    "Ave.",
)
_FACILITY_FMT = (
    "{c} General Hospital",
    "{c} Medical Center",
    "{c} Memorial Hospital",
    "{c} Community Health Center",
    "{c} Regional Medical Center",
    "{c} Family Medicine",
    "{c} Rehabilitation Hospital",
    "{c} VA Medical Center",
    "{c} Urgent Care",
    "{c} Dialysis Center",
    "Greater {c} Hospital",
    "{c} Women's Health Center",
)
_STREET_FACILITY_FMT = (
    "{s} Street Clinic",
    "{s} Street Health Center",
    "{s} Avenue Pediatrics",
    "{s} Street Dialysis",
    "{s} Road Family Practice",
)
_AREA_CODES = (
    "617",
    "508",
    "781",
    "978",
    "413",
    "774",
    "857",
    "339",
    "401",
    "203",
    "860",
    "603",
    "207",
    "802",
    "212",
    "646",
    "718",
    "516",
    "914",
    "973",
    "215",
    "412",
    "410",
    "301",
    "202",
    "804",
    "919",
    "704",
    "404",
    "305",
    "813",
    "407",
    "615",
    "502",
    "614",
    "216",
    "313",
    "317",
    "312",
    "773",
    "414",
    "612",
    "515",
    "314",
    "402",
    "713",
    "210",
    "512",
    "505",
    "303",
    "801",
    "602",
    "702",
    "916",
    "510",
    "619",
    "503",
    "206",
    "208",
    "907",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ONES = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# (condition, ICD-10 code)
_PROBLEMS = (
    ("type 2 diabetes mellitus", "E11.9"),
    ("essential hypertension", "I10"),
    ("hyperlipidemia", "E78.5"),
    ("atrial fibrillation", "I48.91"),
    ("heart failure with reduced EF", "I50.22"),
    ("COPD", "J44.9"),
    ("CKD stage 3a", "N18.31"),
    ("community-acquired pneumonia", "J18.9"),
    ("acute kidney injury", "N17.9"),
    ("urinary tract infection", "N39.0"),
    ("cellulitis of left lower leg", "L03.116"),
    ("GERD", "K21.9"),
    ("major depressive disorder", "F32.9"),
    ("osteoarthritis of the knee", "M17.9"),
    ("hypothyroidism", "E03.9"),
    ("Parkinson's disease", "G20"),
    ("rheumatoid arthritis", "M06.9"),
    ("Crohn's disease", "K50.90"),
    ("Graves' disease", "E05.00"),
    ("Bell's palsy", "G51.0"),
    ("Lyme disease", "A69.20"),
    ("Hodgkin lymphoma", "C81.90"),
    ("sepsis", "A41.9"),
    ("NSTEMI", "I21.4"),
    ("DVT of the left leg", "I82.402"),
    ("pulmonary embolism", "I26.99"),
    ("asthma", "J45.909"),
    ("obstructive sleep apnea", "G47.33"),
    ("anemia", "D64.9"),
    ("hyponatremia", "E87.1"),
    ("delirium", "R41.0"),
    ("syncope", "R55"),
    ("chest pain", "R07.9"),
    ("dementia", "F03.90"),
    ("Addison's disease", "E27.1"),
    ("Alzheimer's disease", "G30.9"),
    ("gout", "M10.9"),
    ("BPH", "N40.0"),
    ("diverticulitis", "K57.92"),
    ("C. diff colitis", "A04.72"),
)
_COMPLAINTS = (
    "shortness of breath",
    "chest pain",
    "fever and productive cough",
    "right lower quadrant abdominal pain",
    "dysuria and flank pain",
    "dizziness",
    "a mechanical fall at home",
    "worsening bilateral leg swelling",
    "acute confusion",
    "melena",
    "palpitations",
    "left-sided weakness",
    "nausea and vomiting",
    "a COPD exacerbation",
    "hypoglycemia",
    "a painful, swollen right knee",
)
_MEDS = (
    "metoprolol tartrate 25 mg PO BID",
    "lisinopril 10 mg PO daily",
    "atorvastatin 40 mg PO qHS",
    "furosemide (Lasix) 40 mg PO daily",
    "apixaban (Eliquis) 5 mg PO BID",
    "warfarin (Coumadin) 5 mg PO daily, goal INR 2-3",
    "acetaminophen (Tylenol) 650 mg PO q6h prn pain",
    "heparin 5,000 units subcut q8h",
    "insulin glargine 20 units subcut qHS",
    "metformin 1000 mg PO BID",
    "levothyroxine 75 mcg PO daily",
    "pantoprazole 40 mg PO daily",
    "albuterol 2 puffs q4h prn wheeze",
    "ceftriaxone 1 g IV q24h",
    "vancomycin 1.25 g IV q12h",
    "oxycodone 5 mg PO q4h prn severe pain",
    "senna 8.6 mg 1 tab PO BID",
    "docusate 100 mg PO BID",
    "tamsulosin 0.4 mg PO qHS",
    "sertraline 50 mg PO daily",
    "prednisone 40 mg PO daily x 5 days",
    "amoxicillin-clavulanate 875 mg PO BID x 7 days",
    "ondansetron 4 mg IV q8h prn nausea",
    "potassium chloride 20 mEq PO x1",
    "aspirin 81 mg PO daily",
    "clopidogrel 75 mg PO daily",
    "gabapentin 300 mg PO TID",
    "carbidopa-levodopa 25/100 1 tab PO TID",
    "allopurinol 100 mg PO daily",
    "donepezil 5 mg PO qHS",
    "1 tab q6h prn",
    "enoxaparin 40 mg subcut daily",
    "Tylenol 1 g PO q8h",
    "magnesium oxide 400 mg PO daily",
)
_SERVICES = (
    "Medicine",
    "Cardiology",
    "Hospitalist",
    "Geriatrics",
    "Nephrology",
    "Pulmonary",
    "Orthopedics",
    "General Surgery",
    "Neurology",
    "Oncology",
    "Infectious Disease",
)
_CLINICS = (
    "Primary Care",
    "Cardiology",
    "Endocrine",
    "Geriatrics",
    "Wound Care",
    "Anticoagulation",
    "Pulmonary",
    "Rheumatology",
    "Neurology",
    "Podiatry",
    "Urology",
)
_CREDS_MD = ("MD", "DO", "MD", "MD", "MD, PhD")
_CREDS_OTHER = ("NP", "PA-C", "RN", "RN, BSN", "ANP-BC", "PharmD", "LICSW", "RN")
_RELATIONS = (
    "daughter",
    "son",
    "wife",
    "husband",
    "sister",
    "brother",
    "niece",
    "nephew",
    "granddaughter",
    "grandson",
    "partner",
    "neighbor",
    "friend",
)

# Non-PHI sentences and fragments that look PHI-ish (names that are words,
# eponyms, state names, abbreviations, numbers).
_DISTRACTOR_SENTENCES = (
    "Patient expresses hope that she can return home soon.",
    "Will follow up with cardiology as an outpatient.",
    "Living will on file; code status discussed.",
    "Faint rose-colored rash over the left shin, blanching.",
    "Gene panel sent; BRCA1 gene testing pending.",
    "Marked improvement in dyspnea since yesterday.",
    "Mark the surgical site prior to transfer to the OR.",
    "May resume regular diet as tolerated.",
    "Bland diet advised until nausea resolves.",
    "Adductor canal (Hunter's canal) block placed by anesthesia.",
    "Faith is important to the patient; chaplain visited this afternoon.",
    "Says grace before meals; no dietary restrictions for religious reasons.",
    "Reports that gardening brings her joy; mood otherwise low.",
    "Brown stool x1, guaiac negative.",
    "White count trending down, now 9.8.",
    "Murphy's sign negative. Babinski downgoing bilaterally.",
    "Glasgow Coma Scale 15 on arrival.",
    "Homan's sign negative; no calf tenderness.",
    "Foley catheter removed at 0600; voiding spontaneously.",
    "Valsalva maneuver terminated the SVT.",
    "PT/OT evaluated; recommends short-term rehab.",
    "NPO after midnight for CT abdomen/pelvis with contrast.",
    "CXR: no acute cardiopulmonary process.",
    "MRI L-spine: mild degenerative changes at L4-L5, no cord compression.",
    "ROS otherwise negative except as noted in HPI.",
    "Moved to Massachusetts from Texas in 2019.",
    "Insurance is out-of-state (New Hampshire Medicaid); case management aware.",
    "MA roomed the patient; vitals entered by MA.",
    "Holding Coumadin tonight; INR 3.4.",
    "Pain 7/10 this morning, 3/10 after oxycodone.",
    "Strength 4/5 in the left upper extremity, 5/5 elsewhere.",
    "Grip strength 4/5 on the right.",
    "Carbidopa-levodopa 25/100 given at 0800.",
    "Continue heparin drip per protocol, PTT goal 60-80.",
    "Echo in 2021 showed EF 55% with mild MR.",
    "Quit smoking in 2005, 30 pack-years.",
    "Colonoscopy in 2018 was normal.",
    "Has had diabetes since 2015, on insulin since 2020.",
    "Was in Florida over the winter; returned last week.",
    "Drinks 2 glasses of wine per week; no illicit drugs.",
    "Ambulating 150 feet with rolling walker and standby assist.",
    "Tolerating a cardiac diet; I/O 1200/850.",
    "Page 1 of 2",
    "Bed alarm on, call light within reach.",
    "Eliquis held for procedure; resume in 48 h.",
    "Tdap up to date; declined influenza vaccine this season.",
    "Hunter's canal and saphenous nerve intact per exam.",
    "Lasix 40 mg IV given with good diuresis (-1.2 L).",
    "DNR/DNI confirmed with patient and HCP.",
    "Dr. Pepper and crackers tolerated without nausea.",
    "RA: 94%; on 2 L NC: 97%.",
    "Head CT negative; neuro checks q4h x 24 hours.",
    "Tenderness over the right costovertebral angle.",
    "Cath: 70% stenosis of the proximal left anterior descending artery.",
    "Small laceration over the left zygoma, closed with Steri-Strips.",
    "Stage 2 pressure injury over the sacrum, 2 x 3 cm.",
    "Right femoral arterial line placed without complication.",
)


def _luhn_check_digit(payload: str) -> str:
    """Return the Luhn check digit for the digit string ``payload``."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    """True if the digits of ``number`` pass the Luhn check."""
    digits = [c for c in number if c.isdigit()]
    return _luhn_check_digit("".join(digits[:-1])) == digits[-1]


_VIN_MAP = {
    **{str(i): i for i in range(10)},
    "A": 1,
    "B": 2,
    "C": 3,
    "D": 4,
    "E": 5,
    "F": 6,
    "G": 7,
    "H": 8,
    "J": 1,
    "K": 2,
    "L": 3,
    "M": 4,
    "N": 5,
    "P": 7,
    "R": 9,
    "S": 2,
    "T": 3,
    "U": 4,
    "V": 5,
    "W": 6,
    "X": 7,
    "Y": 8,
    "Z": 9,
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vin_check_char(vin: str) -> str:
    """Return the check character (position 9) for a 17-character VIN."""
    total = sum(_VIN_MAP[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    r = total % 11
    return "X" if r == 10 else str(r)


def _gtin_check_digit(payload: str) -> str:
    """GS1 check digit for a GTIN payload (weights 3,1,... from the right)."""
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


def _iban_check(country: str, bban: str) -> str:
    """Return the two IBAN check digits for ``country`` + ``bban``."""
    rearranged = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearranged)
    return f"{98 - int(num) % 97:02d}"


def iban_ok(iban: str) -> bool:
    """True if ``iban`` (spaces allowed) passes the ISO 13616 mod-97 check."""
    s = iban.replace(" ", "")
    num = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(num) % 97 == 1


def aba_ok(number: str) -> bool:
    """True if a 9-digit ABA routing number has a valid checksum."""
    d = [int(c) for c in number]
    return (
        len(d) == 9
        and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0
    )


def dea_ok(dea: str) -> bool:
    """True if a DEA registration number has a valid check digit."""
    d = [int(c) for c in dea[2:]]
    return len(d) == 7 and ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def npi_ok(npi: str) -> bool:
    """True if a 10-digit NPI passes Luhn with the 80840 prefix."""
    return len(npi) == 10 and luhn_ok("80840" + npi)


def _num_words(n: int) -> str:
    """English words for 0 < n < 120 (``92`` -> ``ninety-two``)."""
    if n >= 100:
        rest = n - 100
        return "one hundred" + (f" and {_num_words(rest)}" if rest else "")
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + (f"-{_ONES[o]}" if o else "")


def _ordinal(n: int) -> str:
    """``1`` -> ``1st``, ``22`` -> ``22nd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --------------------------------------------------------------------------
# People and per-note context
# --------------------------------------------------------------------------


@dataclass
class _Person:
    first: str
    middle: str
    last: str
    sex: str
    cred: str = ""


_FAKER: Faker | None = None


def _faker() -> Faker:
    """Module-level Faker (created once; reseeded per note)."""
    global _FAKER
    if _FAKER is None:
        _FAKER = Faker("en_US")
    return _FAKER


class _Gen:
    """Per-note generator state: RNG, Faker and the note's cast of characters."""

    def __init__(self, seed: int, index: int) -> None:
        self.rng = random.Random(f"redact-bench:{seed}:{index}")
        self.fake = _faker()
        self.fake.seed_instance(seed * 1_000_003 + index)
        r = self.rng
        self.today = REFERENCE_DATE - timedelta(days=r.randint(0, 365 * 6))
        self.old = r.random() < 0.3
        self.age = r.randint(90, 104) if self.old else r.randint(19, 89)
        self.dob_date = self.today - timedelta(days=365 * self.age + r.randint(1, 360))
        self.patient = self.person()
        self.city, self.state, self.county_name = r.choice(_CITIES)
        self.facility_city = r.choice(_CITIES)
        self.facility = self.facility_name()
        self.attending = self.person(cred=r.choice(_CREDS_MD))
        self.mrn_value = self.mrn_number()
        self.admit = self.today - timedelta(days=r.randint(2, 12))
        self.relation = r.choice(_RELATIONS)
        if self.relation in ("wife", "husband"):
            self.relation = "wife" if self.patient.sex == "M" else "husband"
        rel_sex = (
            "F"
            if self.relation in ("daughter", "wife", "sister", "niece", "granddaughter")
            else (
                "M"
                if self.relation in ("son", "husband", "brother", "nephew", "grandson")
                else r.choice("MF")
            )
        )
        self.relative = self.person(
            sex=rel_sex, last=self.patient.last if r.random() < 0.6 else None
        )

    # ---- basic choices ----------------------------------------------------
    def pick(self, seq: Sequence[Any]) -> Any:
        """Random element."""
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        """``n`` random digits."""
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def letters(self, n: int, alphabet: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
        """``n`` random capital letters."""
        return "".join(self.pick(alphabet) for _ in range(n))

    # ---- names ------------------------------------------------------------
    def person(self, sex: str | None = None, cred: str = "", last: str | None = None) -> _Person:
        """A synthetic person; about a third of names come from the extra lists."""
        sex = sex or self.pick("MF")
        f = self.fake
        if self.chance(0.3):
            first = self.pick(_EXTRA_FIRST_F if sex == "F" else _EXTRA_FIRST_M)
        else:
            first = f.first_name_female() if sex == "F" else f.first_name_male()
        if last is None:
            last = self.pick(_EXTRA_SURNAMES) if self.chance(0.35) else f.last_name()
        middle = self.pick("ABCDEFGHJKLMNPRSTW")
        return _Person(first, middle, last, sex, cred)

    def name(self, p: _Person, label: str, style: str | None = None) -> Frag:
        """Render a person's name in one of many formats (only the name is gold)."""
        style = style or self.pick(
            (
                "full",
                "full",
                "full_mi",
                "LAST_FIRST",
                "Last_First",
                "title",
                "title",
                "last",
                "first",
            )
        )
        P = _P
        if style == "full":
            return P(f"{p.first} {p.last}", "A", label)
        if style == "full_mi":
            return P(f"{p.first} {p.middle}. {p.last}", "A", label)
        if style == "full_mi_nodot":
            return P(f"{p.first} {p.middle} {p.last}", "A", label)
        if style == "LAST_FIRST":
            mi = f" {p.middle}" if self.chance(0.4) else ""
            return P(f"{p.last.upper()}, {p.first.upper()}{mi}", "A", label)
        if style == "Last_First":
            return P(f"{p.last}, {p.first}", "A", label)
        if style == "title":
            if p.cred and p.cred.split(",")[0] in ("MD", "DO"):
                t = "Dr. "
            else:
                t = "Mr. " if p.sex == "M" else self.pick(("Ms. ", "Mrs. ", "Ms. "))
            return [t, P(p.last, "A", label)]
        if style == "dr":
            return [self.pick(("Dr. ", "Dr. ", "Dr ")), P(p.last, "A", label)]
        if style == "dr_full":
            return ["Dr. ", P(f"{p.first} {p.last}", "A", label)]
        if style == "last":
            return P(p.last, "A", label)
        if style == "first":
            return P(p.first, "A", label)
        if style == "lower_last":
            return P(p.last.lower(), "A", label)
        if style == "lower_full":
            return P(f"{p.first} {p.last}".lower(), "A", label)
        if style == "cred":
            cred = p.cred or "MD"
            return [P(f"{p.first} {p.last}", "A", label), f", {cred}"]
        if style == "cred_mi":
            cred = p.cred or "MD"
            return [P(f"{p.first} {p.middle}. {p.last}", "A", label), f", {cred}"]
        if style == "initial_last":
            return P(f"{p.first[0]}. {p.last}", "A", label)
        raise ValueError(style)

    def clinician(self, p: _Person) -> Frag:
        """A clinician reference: Dr. X, First Last, MD, etc."""
        if p.cred.split(",")[0] in ("MD", "DO"):
            return self.name(
                p, "CLINICIAN", self.pick(("dr", "dr", "cred", "dr_full", "cred_mi", "full"))
            )
        return self.name(p, "CLINICIAN", self.pick(("cred", "cred", "full", "title", "first")))

    def staff(self) -> _Person:
        """A nurse/NP/PA/pharmacist etc."""
        return self.person(cred=self.pick(_CREDS_OTHER))

    def doctor(self) -> _Person:
        """A physician."""
        return self.person(cred=self.pick(_CREDS_MD))

    def pt_name(self, style: str | None = None) -> Frag:
        """The patient's name."""
        return self.name(self.patient, "PATIENT", style)

    def rel_name(self) -> Frag:
        """``daughter Mary`` / ``son, Kevin Smith`` (relation word not gold)."""
        p = self.relative
        style = self.pick(("first", "first", "full", "first"))
        return [f"{self.relation} ", self.name(p, "RELATIVE", style)]

    # ---- dates and ages -----------------------------------------------------
    def date(
        self,
        d: date | None = None,
        style: str | None = None,
        label: str = "DATE",
        time_p: float = 0.0,
    ) -> Frag:
        """A date in one of many formats; an optional time of day is not gold."""
        d = d or self.today - timedelta(days=self.rng.randint(0, 40))
        style = style or self.pick(
            (
                "mdY",
                "mdY",
                "mdy",
                "md",
                "iso",
                "dMONY",
                "Mdy",
                "bdY",
                "dM",
                "ord",
                "MY",
                "Md",
                "dMY",
                "m-d-Y",
                "mdY_nopad",
                "bd",
            )
        )
        m, dd, y = d.month, d.day, d.year
        mon = _MONTHS[m - 1]
        ab = mon[:3]
        pre = ""
        if style == "mdY":
            s = f"{m:02d}/{dd:02d}/{y}"
        elif style == "mdy":
            s = f"{m}/{dd}/{y % 100:02d}"
        elif style == "md":
            s = f"{m}/{dd}"
        elif style == "iso":
            s = d.isoformat()
        elif style == "dMONY":
            s = f"{dd:02d}-{ab.upper()}-{y}"
        elif style == "Mdy":
            s = f"{mon} {dd}, {y}"
        elif style == "bdY":
            s = f"{ab} {dd}, {y}"
        elif style == "dM":
            s = f"{dd} {self.pick((ab, mon))}"
        elif style == "ord":
            pre, s = "the ", f"{_ordinal(dd)} of {mon}"
        elif style == "MY":
            s = f"{self.pick((ab, mon))} {y}"
        elif style == "Md":
            s = f"{mon} {dd}"
        elif style == "bd":
            s = f"{ab} {dd}"
        elif style == "dMY":
            s = f"{dd} {mon} {y}"
        elif style == "m-d-Y":
            s = f"{m}-{dd}-{y}"
        elif style == "mdY_nopad":
            s = f"{m}/{dd}/{y}"
        else:
            raise ValueError(style)
        out: list[Frag] = [pre, _P(s, "C", label)]
        if time_p and self.chance(time_p):
            out.append(self.time_str(lead=True))
        return out

    def time_str(self, lead: bool = False) -> str:
        """A time of day (never gold)."""
        h, mi = self.rng.randint(0, 23), self.pick((0, 5, 10, 15, 20, 30, 35, 40, 45, 50, 55))
        fmt = self.pick(("hm", "hhmm", "ampm", "at_hhmm"))
        if fmt == "hm":
            s = f"{h:02d}:{mi:02d}"
        elif fmt == "hhmm":
            s = f"{h:02d}{mi:02d}"
        elif fmt == "ampm":
            s = f"{(h % 12) or 12}:{mi:02d} {'AM' if h < 12 else 'PM'}"
        else:
            s = f"@ {h:02d}{mi:02d}"
        return f" {s}" if lead else s

    def dob(self) -> Frag:
        """Date of birth (always gold)."""
        return self.date(
            self.dob_date,
            self.pick(("mdY", "mdY", "mdY", "iso", "mdY_nopad", "Mdy", "dMONY", "mdy")),
            "DOB",
        )

    def age_adj(self, age: int | None = None) -> Frag:
        """Adjectival age (``92-year-old``, ``92 yo``); gold only if > 89."""
        age = self.age if age is None else age
        s = self.pick(
            (
                f"{age}-year-old",
                f"{age} yo",
                f"{age} y/o",
                f"{age}yo",
                f"{age} year old",
                f"{age}-yo",
                f"{_num_words(age)}-year-old",
                f"{age} YO",
            )
        )
        return _P(s, "C", "AGE") if age > 89 else s

    def age_pred(self, age: int | None = None) -> Frag:
        """Predicative age (``age 92`` -> gold ``92``; ``92 years old``)."""
        age = self.age if age is None else age
        gold = age > 89
        form = self.pick(("age", "aged", "years", "yo", "words"))
        if form in ("age", "aged"):
            return [f"{form} ", _P(str(age), "C", "AGE") if gold else str(age)]
        s = {
            "years": f"{age} years old",
            "yo": f"{age} yo",
            "words": f"{_num_words(age)} years old",
        }[form]
        return _P(s, "C", "AGE") if gold else s

    def birth_year(self, verbal: bool = False) -> Frag:
        """``born in 1931`` / ``YOB 1931``: the year is gold if <= 1936."""
        y = self.dob_date.year
        year: Frag = _P(str(y), "C", "BIRTH_YEAR") if y <= MAX_PHI_BIRTH_YEAR else str(y)
        forms = (
            ("born in ", "born ") if verbal else ("born in ", "b. ", "YOB ", "birth year ", "born ")
        )
        return [self.pick(forms), year]

    def young_age(self) -> str:
        """An age <= 89 in some format (distractor)."""
        a = self.rng.randint(18, 89)
        return self.pick((f"{a} yo", f"age {a}", f"{a} years old", f"{a} y/o", f"aged {a}"))

    # ---- geography ----------------------------------------------------------
    def street(self) -> Frag:
        """A street line, with the unit in the same span when no comma separates it."""
        r = self.rng
        if self.chance(0.25):
            base = self.fake.street_address()
            if " Apt." in base or " Suite" in base:
                return _P(base, "B", "STREET")
        else:
            num = (
                str(r.randint(1, 9999))
                if self.chance(0.9)
                else f"{r.randint(1, 999)}{self.pick('AB')}"
            )
            pre = self.pick(("", "", "", "", "N ", "S ", "West ", "East "))
            base = f"{num} {pre}{self.pick(_STREETS)} {self.pick(_STREET_SUFFIX)}"
        if self.chance(0.3):
            unit = self.pick(
                (
                    f"Apt {r.randint(1, 40)}{self.pick('ABCD')}",
                    f"Unit {r.randint(1, 300)}",
                    f"#{r.randint(1, 20)}",
                    f"Apt. {r.randint(100, 999)}",
                    f"Fl {r.randint(2, 5)}",
                )
            )
            if self.chance(0.5):
                return [_P(base, "B", "STREET"), ", ", _P(unit, "B", "UNIT")]
            return _P(f"{base} {unit}", "B", "STREET")
        return _P(base, "B", "STREET")

    def po_box(self) -> Frag:
        """A PO box."""
        return _P(
            self.pick(("PO Box ", "P.O. Box ", "POB ", "P O Box "))
            + str(self.rng.randint(1, 99999)),
            "B",
            "PO_BOX",
        )

    def zip(self, state: str | None = None) -> Frag:
        """ZIP or ZIP+4 consistent with ``state`` (default: the note's state)."""
        lo, hi = _ZIP3[state or self.state]
        z = f"{self.rng.randint(lo, hi):03d}{self.digits(2)}"
        if self.chance(0.3):
            z += f"-{self.digits(4)}"
        return _P(z, "B", "ZIP")

    def city_frag(self, city: str | None = None) -> Frag:
        """City name (gold)."""
        if city is None:
            city = self.city if self.chance(0.85) else self.fake.city()
        return _P(city, "B", "CITY")

    def address(self, multiline: bool = False) -> Frag:
        """Full address: street, city, state (not gold), ZIP."""
        first = self.street() if self.chance(0.85) else self.po_box()
        sep = "\n" if multiline else ", "
        return [first, sep, self.city_frag(), ", ", self.state, " ", self.zip()]

    def gps(self) -> Frag:
        """GPS coordinates (one span)."""
        lat = self.rng.uniform(25.0, 48.0)
        lon = self.rng.uniform(-122.0, -70.0)
        s = self.pick(
            (
                f"{lat:.4f}, {lon:.4f}",
                f"{lat:.5f},{lon:.5f}",
                f"{lat:.4f}° N, {abs(lon):.4f}° W",
                f"{lat:.6f} {lon:.6f}",
            )
        )
        return _P(s, "B", "GPS")

    def county(self) -> Frag:
        """County name including the word County."""
        return _P(self.county_name, "B", "COUNTY")

    def facility_name(self, city: str | None = None) -> Frag:
        """Hospital/clinic name containing a city or street (gold B)."""
        if self.chance(0.8):
            c = city or self.facility_city[0]
            return _P(self.pick(_FACILITY_FMT).format(c=c), "B", "FACILITY")
        return _P(self.pick(_STREET_FACILITY_FMT).format(s=self.pick(_STREETS)), "B", "FACILITY")

    # ---- contact ------------------------------------------------------------
    def phone_number(self, ext_p: float = 0.12) -> str:
        """A US phone number string in one of several formats."""
        a = self.pick(_AREA_CODES)
        ex = "555" if self.chance(0.3) else f"{self.rng.randint(2, 9)}{self.digits(2)}"
        ln = self.digits(4)
        s = self.pick(
            (
                f"({a}) {ex}-{ln}",
                f"{a}-{ex}-{ln}",
                f"{a}.{ex}.{ln}",
                f"+1 {a} {ex} {ln}",
                f"({a}) {ex}-{ln}",
                f"{a}-{ex}-{ln}",
                f"1-{a}-{ex}-{ln}",
                f"+1 ({a}) {ex}-{ln}",
                f"{a}{ex}{ln}",
                f"({a}){ex}-{ln}",
            )
        )
        if self.chance(ext_p):
            s += self.pick((" x", " ext. ", " ext ", " x.", " X")) + self.digits(
                self.pick((3, 4, 4, 5))
            )
        return s

    def phone(self, label: str = "PHONE") -> Frag:
        """Phone number (D)."""
        return _P(self.phone_number(), "D", label)

    def fax(self) -> Frag:
        """Fax number (E)."""
        return _P(self.phone_number(ext_p=0.0), "E", "FAX")

    def email(self, p: _Person | None = None, staff: bool = False) -> Frag:
        """E-mail address derived from a person's name."""
        p = p or self.patient
        first = p.first.lower().replace("'", "").replace("-", "")
        last = p.last.lower().replace("'", "").replace("-", "").replace(" ", "")
        local = self.pick(
            (
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{first}{last}{self.rng.randint(1, 99)}",
                f"{last}.{first[0]}",
                f"{first}_{last}",
                f"{first}{self.rng.randint(50, 2001)}",
            )
        )
        if staff:
            city = self.facility_city[0].lower().replace(" ", "").replace(".", "")
            domain = self.pick(
                (f"{city}health.org", f"{city}med.org", f"{city}-hospital.org", "partners.org")
            )
        else:
            domain = self.pick(
                (
                    "gmail.com",
                    "yahoo.com",
                    "outlook.com",
                    "comcast.net",
                    "aol.com",
                    "icloud.com",
                    "hotmail.com",
                    "verizon.net",
                    self.fake.free_email_domain(),
                )
            )
        return _P(f"{local}@{domain}", "F", "EMAIL")

    # ---- numbers --------------------------------------------------------------
    def ssn(self) -> Frag:
        """A well-formed SSN (area not 000/666/9xx)."""
        area = self.rng.randint(1, 899)
        while area == 666:
            area = self.rng.randint(1, 899)
        g, s = self.rng.randint(1, 99), self.rng.randint(1, 9999)
        sep = self.pick(("-", "-", "-", " ", ""))
        return _P(f"{area:03d}{sep}{g:02d}{sep}{s:04d}", "G", "SSN")

    def mrn_number(self) -> str:
        """Medical record number value."""
        r = self.rng
        return self.pick(
            (
                self.digits(7),
                self.digits(8),
                "00" + self.digits(7),
                f"{self.digits(2)}-{self.digits(2)}-{self.digits(3)}",
                f"{self.pick('AEMZ')}{self.digits(7)}",
                self.digits(6),
                f"{r.randint(1, 9)}{self.digits(9)}",
            )
        )

    def mrn(self, value: str | None = None) -> Frag:
        """MRN (H)."""
        return _P(value or self.mrn_value, "H", "MRN")

    def mrn_labelled(self) -> Frag:
        """``MRN: 1234567`` with a varying label."""
        lab = self.pick(
            (
                "MRN: ",
                "MRN ",
                "MRN#: ",
                "MR# ",
                "Med Rec #: ",
                "Medical Record No. ",
                "Unit No: ",
                "Hosp #: ",
                "MRN # ",
            )
        )
        return [lab, self.mrn()]

    def mbi(self) -> str:
        """Medicare Beneficiary Identifier (format 1EG4-TE5-MK73)."""
        alpha = "ACDEFGHJKMNPQRTUVWXY"
        alnum = alpha + "0123456789"
        r = self.rng
        c = [
            str(r.randint(1, 9)),
            self.pick(alpha),
            self.pick(alnum),
            str(r.randint(0, 9)),
            self.pick(alpha),
            self.pick(alnum),
            str(r.randint(0, 9)),
            self.pick(alpha),
            self.pick(alpha),
            str(r.randint(0, 9)),
            str(r.randint(0, 9)),
        ]
        s = "".join(c)
        return f"{s[:4]}-{s[4:7]}-{s[7:]}" if self.chance(0.5) else s

    def plan_id(self) -> tuple[str, Frag]:
        """(context label, health-plan identifier) for letter I."""
        k = self.pick(("mbi", "member", "subscriber", "policy", "group", "medicaid"))
        if k == "mbi":
            return self.pick(("Medicare MBI: ", "MBI ", "Medicare ID: ", "Medicare # ")), _P(
                self.mbi(), "I", "MBI"
            )
        if k == "member":
            v = self.pick(
                (
                    f"{self.letters(3)}{self.digits(9)}",
                    f"W{self.digits(9)}",
                    f"{self.letters(2)}{self.digits(8)}-01",
                )
            )
            return self.pick(
                ("Member ID: ", "BCBS member ID ", "Member #: ", "Tufts member ID ", "Aetna ID: ")
            ), _P(v, "I", "MEMBER_ID")
        if k == "subscriber":
            v = self.pick(
                (
                    f"{self.digits(9)}-0{self.rng.randint(1, 4)}",
                    f"{self.letters(1)}{self.digits(10)}",
                )
            )
            return self.pick(("Subscriber ID: ", "Subscriber #: ", "Subscriber no. ")), _P(
                v, "I", "SUBSCRIBER_ID"
            )
        if k == "policy":
            v = self.pick(
                (
                    f"{self.letters(3)}{self.digits(7)}",
                    f"{self.digits(3)}-{self.digits(6)}-{self.digits(2)}",
                )
            )
            return self.pick(("Policy #: ", "Policy no. ", "Policy number ")), _P(
                v, "I", "POLICY_ID"
            )
        if k == "group":
            v = self.pick(
                (self.digits(7), f"{self.digits(5)}-{self.letters(2)}", f"GRP{self.digits(6)}")
            )
            return self.pick(("Group #: ", "Group no. ", "Grp ")), _P(v, "I", "GROUP_ID")
        v = self.pick((f"{self.digits(12)}", f"{self.letters(2)}{self.digits(8)}"))
        return self.pick(("MassHealth ID ", "Medicaid ID: ", "Medicaid # ")), _P(
            v, "I", "MEDICAID_ID"
        )

    def credit_card(self) -> str:
        """Luhn-valid card number, grouped."""
        kind = self.pick(("visa", "mc", "amex", "disc"))
        if kind == "amex":
            payload = self.pick(("34", "37")) + self.digits(12)
            n = payload + _luhn_check_digit(payload)
            sep = self.pick((" ", "-", ""))
            return f"{n[:4]}{sep}{n[4:10]}{sep}{n[10:]}"
        prefix = {"visa": "4", "mc": str(self.rng.randint(51, 55)), "disc": "6011"}[kind]
        payload = prefix + self.digits(15 - len(prefix))
        n = payload + _luhn_check_digit(payload)
        sep = self.pick((" ", "-", "", " "))
        return sep.join(n[i : i + 4] for i in range(0, 16, 4))

    def aba(self) -> str:
        """ABA routing number with a valid checksum."""
        first = f"{self.pick((self.rng.randint(1, 12), self.rng.randint(21, 32), self.rng.randint(61, 72))):02d}"
        d = [int(c) for c in first + self.digits(6)]
        s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5]
        return "".join(map(str, d)) + str((10 - s % 10) % 10)

    def iban(self) -> str:
        """IBAN with valid check digits (sometimes grouped in fours)."""
        c = self.pick(("DE", "GB", "NL", "FR", "ES", "CH", "IE"))
        if c == "DE":
            bban = self.digits(18)
        elif c in ("GB", "IE"):
            bban = self.letters(4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + self.digits(14)
        elif c == "NL":
            bban = self.letters(4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + self.digits(10)
        elif c == "FR":
            bban = self.digits(23)
        elif c == "ES":
            bban = self.digits(20)
        else:
            bban = self.digits(17)
        s = c + _iban_check(c, bban) + bban
        if self.chance(0.5):
            s = " ".join(s[i : i + 4] for i in range(0, len(s), 4))
        return s

    def account(self) -> tuple[str, Frag]:
        """(context, account-type identifier) for letter J."""
        k = self.pick(("acct", "acct", "billing", "invoice", "cc", "aba", "iban"))
        if k == "acct":
            v = self.pick(
                (
                    self.digits(9),
                    f"{self.digits(4)}-{self.digits(6)}",
                    f"A{self.digits(8)}",
                    self.digits(12),
                )
            )
            return self.pick(
                (
                    "Account #: ",
                    "Acct # ",
                    "Acct: ",
                    "Account number ",
                    "Patient account no. ",
                    "HAR ",
                )
            ), _P(v, "J", "ACCOUNT")
        if k == "billing":
            v = self.pick(
                (f"{self.digits(4)}-{self.digits(4)}-{self.digits(2)}", f"B{self.digits(9)}")
            )
            return self.pick(("Billing No. ", "Billing #: ", "Guarantor acct ")), _P(
                v, "J", "BILLING"
            )
        if k == "invoice":
            v = self.pick(
                (
                    f"INV-{self.rng.randint(2019, 2026)}-{self.digits(6)}",
                    f"{self.digits(8)}",
                    f"IN{self.digits(7)}",
                )
            )
            return self.pick(("Invoice #: ", "Invoice no. ", "Statement # ")), _P(v, "J", "INVOICE")
        if k == "cc":
            return self.pick(
                ("Visa ending card ", "paid by card ", "Card #: ", "credit card ", "CC: ")
            ), _P(self.credit_card(), "J", "CREDIT_CARD")
        if k == "aba":
            return self.pick(("routing # ", "ABA ", "Routing number: ", "RTN ")), _P(
                self.aba(), "J", "ABA_ROUTING"
            )
        return self.pick(("IBAN ", "IBAN: ", "refund to IBAN ")), _P(self.iban(), "J", "IBAN")

    def dea(self, p: _Person | None = None) -> str:
        """DEA number with valid check digit."""
        p = p or self.attending
        d = [self.rng.randint(0, 9) for _ in range(6)]
        check = ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10
        second = p.last[0].upper() if p.last[0].isalpha() else "X"
        return self.pick("ABFGM") + second + "".join(map(str, d)) + str(check)

    def npi(self) -> str:
        """NPI with valid check digit (Luhn over 80840 + 9 digits)."""
        base = self.pick("12") + self.digits(8)
        return base + _luhn_check_digit("80840" + base)

    def licence(self) -> tuple[str, Frag]:
        """(context, licence/certificate identifier) for letter K."""
        k = self.pick(("dl", "dl", "dea", "npi", "npi", "rn", "md"))
        if k == "dl":
            st = self.pick(("MA", "NY", "CA", "TX", "FL", "NH", "RI", "IL"))
            v = {
                "MA": f"S{self.digits(8)}",
                "NY": f"{self.digits(3)} {self.digits(3)} {self.digits(3)}",
                "CA": f"{self.letters(1)}{self.digits(7)}",
                "TX": self.digits(8),
                "FL": f"{self.letters(1)}{self.digits(3)}-{self.digits(3)}-{self.digits(2)}-{self.digits(3)}-{self.digits(1)}",
                "NH": f"{self.digits(2)}{self.letters(3)}{self.digits(5)}",
                "RI": self.digits(7),
                "IL": f"{self.letters(1)}{self.digits(3)}-{self.digits(4)}-{self.digits(4)}",
            }[st]
            ctx = self.pick(
                (
                    f"{st} driver's license ",
                    "Driver's license #: ",
                    "DL# ",
                    f"{st} DL ",
                    "driver license no. ",
                    "Drivers Lic: ",
                )
            )
            return ctx, _P(v, "K", "DRIVERS_LICENSE")
        if k == "dea":
            return self.pick(("DEA: ", "DEA # ", "DEA number ", "DEA ")), _P(self.dea(), "K", "DEA")
        if k == "npi":
            return self.pick(("NPI: ", "NPI ", "NPI # ", "Prescriber NPI ")), _P(
                self.npi(), "K", "NPI"
            )
        if k == "rn":
            v = self.pick(
                (
                    f"RN{self.digits(7)}",
                    self.digits(6),
                    f"RN-{self.digits(6)}",
                    f"{self.digits(7)}-RN",
                )
            )
            return self.pick(
                ("RN license #: ", "Nursing license no. ", "RN Lic # ", "MA RN license ")
            ), _P(v, "K", "LICENSE")
        v = self.pick(
            (
                self.digits(6),
                f"{self.letters(1)}{self.digits(5)}",
                f"MD{self.digits(6)}",
                f"{self.digits(2)}-{self.digits(5)}",
            )
        )
        return self.pick(
            ("Medical license no. ", "MA license # ", "State license: ", "License #: ")
        ), _P(v, "K", "LICENSE")

    def vin(self) -> str:
        """17-character VIN with valid check digit."""
        wmi = self.pick(
            ("1HG", "1FA", "2T1", "3VW", "5YJ", "JTD", "WBA", "1G1", "KMH", "1FT", "4T1", "JHM")
        )
        body = "".join(self.pick(_VIN_CHARS) for _ in range(5))
        year = self.pick("GHJKLMNPRST")
        tail = self.pick(_VIN_CHARS) + self.digits(6)
        partial = wmi + body + "0" + year + tail
        check = vin_check_char(partial)
        return wmi + body + check + year + tail

    def plate(self) -> str:
        """Licence plate text."""
        return self.pick(
            (
                f"{self.digits(1)}{self.letters(2)}{self.digits(3)}",
                f"{self.letters(3)}-{self.digits(4)}",
                f"{self.digits(3)} {self.letters(3)}",
                f"{self.digits(1)}{self.letters(3)}{self.digits(2)}",
                f"{self.letters(2)}{self.digits(1)} {self.digits(3)}",
            )
        )

    def serial(self) -> str:
        """Device serial number."""
        return self.pick(
            (
                f"{self.letters(3)}{self.digits(6)}{self.letters(1)}",
                f"{self.digits(5)}-{self.digits(4)}",
                f"SN{self.digits(8)}",
                f"{self.letters(1)}{self.digits(1)}{self.letters(1)}{self.digits(1)}-{self.digits(5)}",
                f"{self.digits(10)}",
                f"{self.letters(2)}{self.digits(7)}",
            )
        )

    def udi(self) -> str:
        """GS1 UDI string with valid GTIN check digit."""
        payload = "0" + self.digits(12)
        gtin = payload + _gtin_check_digit(payload)
        exp = date(self.rng.randint(2025, 2031), self.rng.randint(1, 12), 1)
        lot = self.letters(1) + self.digits(self.rng.randint(3, 6))
        sn = self.pick(("SN", "", "")) + self.digits(self.rng.randint(5, 8))
        if self.chance(0.2):
            return f"01{gtin}17{exp:%y%m%d}10{lot}"
        return f"(01){gtin}(17){exp:%y%m%d}(10){lot}(21){sn}"

    def url(self) -> Frag:
        """A URL identifying the patient."""
        p = self.patient
        f, last = p.first.lower().replace("'", ""), p.last.lower().replace("'", "").replace(" ", "")
        city = self.facility_city[0].lower().replace(" ", "").replace(".", "")
        s = self.pick(
            (
                f"https://www.facebook.com/{f}.{last}.{self.digits(3)}",
                f"https://mychart.{city}health.org/MyChart/patient/{self.digits(7)}",
                f"www.{f}{last}photography.com",
                f"https://www.gofundme.com/f/help-{f}-{last}-recover",
                f"http://www.linkedin.com/in/{f[0]}{last}{self.digits(2)}",
                f"https://twitter.com/{f}_{last}{self.digits(2)}",
                f"https://portal.{city}med.org/records?pid={self.digits(8)}",
                f"https://caringbridge.org/visit/{f}{last}",
                f"{f}-{last}.blogspot.com",
            )
        )
        return _P(s, "N", "URL")

    def ip(self) -> Frag:
        """IPv4 or IPv6 address."""
        r = self.rng
        if self.chance(0.65):
            first = r.choice([x for x in range(11, 224) if x not in (127,)])
            s = f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
            if self.chance(0.15):
                s = f"192.168.{r.randint(0, 10)}.{r.randint(2, 254)}"
            return _P(s, "O", "IPV4")
        groups = [f"{r.randint(0, 0xFFFF):x}" for _ in range(8)]
        style = self.pick(("full", "compressed", "zeros"))
        if style == "full":
            s = ":".join(g.zfill(4) for g in groups)
        elif style == "compressed":
            s = f"{self.pick(('2601', '2600', '2603', '2001', '2a02', 'fe80'))}:{groups[1]}:{groups[2]}::{groups[6]}:{groups[7]}"
        else:
            s = f"2001:db8:{groups[2]}::{groups[7]}"
        return _P(s, "O", "IPV6")

    def biometric(self) -> tuple[str, Frag]:
        """(context, biometric template identifier)."""
        k = self.pick(("fp", "voice", "retina", "iris", "palm", "hand"))
        ctx, v = {
            "fp": (
                self.pick(
                    (
                        "fingerprint template ",
                        "fingerprint ID ",
                        "Fingerprint scan ID: ",
                        "thumbprint template ",
                    )
                ),
                self.pick(
                    (
                        f"FP-{self.digits(5)}-{self.letters(2)}",
                        f"FP{self.digits(7)}",
                        f"FPT-{self.digits(4)}-{self.letters(1)}{self.digits(2)}",
                    )
                ),
            ),
            "voice": (
                self.pick(("voiceprint ID ", "voiceprint ", "Voice biometric enrollment: ")),
                self.pick(
                    (
                        f"VP-{self.digits(4)}-{self.digits(2)}{self.letters(2)}",
                        f"VPR{self.digits(6)}",
                    )
                ),
            ),
            "retina": (
                self.pick(("retinal scan template ", "retina scan ID ")),
                self.pick((f"RET-{self.digits(7)}", f"RS{self.digits(6)}-{self.letters(1)}")),
            ),
            "iris": (
                self.pick(("iris template ", "iris scan ID ", "Iris biometric: ")),
                self.pick(
                    (
                        f"IRS-{self.digits(2)}-{self.digits(4)}-{self.letters(1)}",
                        f"IRIS{self.digits(6)}",
                    )
                ),
            ),
            "palm": (
                self.pick(("palm-vein enrollment ID ", "palm vein template ")),
                self.pick((f"PV{self.digits(7)}", f"PV-{self.letters(2)}{self.digits(5)}")),
            ),
            "hand": (
                self.pick(("hand geometry template ", "hand-geometry ID ")),
                f"HG-{self.digits(6)}",
            ),
        }[k]
        return ctx, _P(v, "P", "BIOMETRIC")

    def photo(self) -> Frag:
        """Full-face photograph file name, link or data URI."""
        r = self.rng
        last = self.patient.last.lower().replace("'", "").replace(" ", "")
        y, mo, d = r.randint(2019, 2026), r.randint(1, 12), r.randint(1, 28)
        city = self.facility_city[0].lower().replace(" ", "").replace(".", "")
        k = self.pick(("img", "img", "named", "url", "data", "pxl", "dsc"))
        if k == "img":
            s = f"IMG_{y}{mo:02d}{d:02d}_{r.randint(0, 23):02d}{r.randint(0, 59):02d}.{self.pick(('jpg', 'jpeg', 'JPG', 'png', 'HEIC'))}"
        elif k == "pxl":
            s = f"PXL_{y}{mo:02d}{d:02d}_{self.digits(9)}.jpg"
        elif k == "dsc":
            s = f"DSC_{self.digits(4)}.JPG"
        elif k == "named":
            s = self.pick(
                (
                    f"patient_face_photo.{self.pick(('png', 'jpg'))}",
                    f"{last}_face_front.jpg",
                    f"face_{self.mrn_value.replace('-', '')}.png",
                    f"id_photo_{last}.jpeg",
                    f"{last}_headshot_{y}.jpg",
                )
            )
        elif k == "url":
            s = self.pick(
                (
                    f"https://photos.{city}health.org/pt/{self.digits(6)}/face.jpg",
                    f"https://imaging.{city}med.org/id-photos/{last}_{self.digits(4)}.png",
                    f"http://intranet.{city}-hospital.org/pics/{self.digits(7)}.jpeg",
                )
            )
        else:
            raw = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes(
                r.randrange(256) for _ in range(r.randint(30, 60))
            )
            s = "data:image/jpeg;base64," + base64.b64encode(raw).decode()
        return _P(s, "Q", "PHOTO")

    def other_id(self) -> tuple[str, Frag]:
        """(context, other unique identifying number) for letter R."""
        k = self.pick(
            (
                "case",
                "claim",
                "order",
                "accession",
                "encounter",
                "specimen",
                "referral",
                "auth",
                "incident",
            )
        )
        y = self.today.year % 100
        ctx, v, lab = {
            "case": (
                self.pick(("Case #: ", "Case no. ", "CM case ", "APS case # ")),
                self.pick(
                    (
                        f"{self.today.year}-CS-{self.digits(6)}",
                        f"C{self.digits(8)}",
                        f"{self.digits(2)}-{self.digits(5)}",
                    )
                ),
                "CASE_ID",
            ),
            "claim": (
                self.pick(("Claim #: ", "Claim no. ", "claim number ", "Claim ID ")),
                self.pick(
                    (
                        f"CLM{self.digits(8)}",
                        f"{self.digits(11)}",
                        f"{self.digits(4)}-{self.digits(6)}-{self.digits(2)}",
                    )
                ),
                "CLAIM_ID",
            ),
            "order": (
                self.pick(("Order #: ", "Order no. ", "order ", "Rx order # ")),
                self.pick((f"ORD-{self.digits(7)}", f"{self.digits(9)}", f"O{self.digits(8)}")),
                "ORDER_ID",
            ),
            "accession": (
                self.pick(("Accession #: ", "Accession no. ", "Acc# ", "accession ")),
                self.pick(
                    (
                        f"S{y:02d}-{self.digits(5)}",
                        f"{self.letters(2)}{self.digits(8)}",
                        f"A{self.digits(9)}",
                    )
                ),
                "ACCESSION",
            ),
            "encounter": (
                self.pick(("Encounter #: ", "Enc # ", "Encounter ID ", "CSN: ", "Visit ID ")),
                self.pick((f"ENC{self.digits(7)}", self.digits(10), f"V{self.digits(9)}")),
                "ENCOUNTER_ID",
            ),
            "specimen": (
                self.pick(("Specimen ID: ", "Specimen # ", "specimen ")),
                self.pick(
                    (
                        f"SP-{y:02d}-{self.digits(6)}",
                        f"{self.digits(2)}{self.letters(1)}{self.digits(6)}",
                    )
                ),
                "SPECIMEN_ID",
            ),
            "referral": (
                self.pick(("Referral #: ", "Referral no. ")),
                f"REF{self.digits(8)}",
                "REFERRAL_ID",
            ),
            "auth": (
                self.pick(("Prior auth #: ", "Authorization no. ", "PA # ")),
                self.pick(
                    (f"PA{self.digits(9)}", f"{self.digits(3)}{self.letters(2)}{self.digits(5)}")
                ),
                "AUTH_ID",
            ),
            "incident": (
                self.pick(("Incident report #: ", "Safety report # ")),
                f"IR-{self.today.year}-{self.digits(5)}",
                "INCIDENT_ID",
            ),
        }[k]
        return ctx, _P(v, "R", lab)

    # ---- distractors ----------------------------------------------------------
    def vitals(self) -> str:
        """Vital signs (non-PHI)."""
        r = self.rng
        sbp, dbp = r.randint(92, 178), r.randint(50, 102)
        parts = [
            self.pick((f"BP {sbp}/{dbp}", f"BP: {sbp}/{dbp}", f"B/P {sbp}/{dbp}")),
            self.pick(
                (
                    f"HR {r.randint(52, 128)}",
                    f"P {r.randint(52, 128)}",
                    f"pulse {r.randint(52, 128)}",
                )
            ),
            self.pick(
                (
                    f"T {r.randint(970, 1019) / 10:.1f}",
                    f"Temp {r.randint(361, 389) / 10:.1f} C",
                    f"T {r.randint(970, 1019) / 10:.1f} F",
                )
            ),
            f"RR {r.randint(12, 28)}",
            self.pick(
                (
                    f"SpO2 {r.randint(88, 100)}%",
                    f"O2 sat {r.randint(88, 100)}% on RA",
                    f"SpO2 {r.randint(88, 99)}% 2L NC",
                )
            ),
        ]
        if self.chance(0.4):
            parts.append(
                self.pick(
                    (
                        f"Wt {r.randint(450, 1300) / 10:.1f} kg",
                        f"BMI {r.randint(180, 420) / 10:.1f}",
                        f"pain {r.randint(0, 10)}/10",
                    )
                )
            )
        return self.pick((", ", " ", "  ")).join(parts)

    def labs(self) -> str:
        """Lab values (non-PHI)."""
        r = self.rng
        bmp = f"Na {r.randint(128, 146)}, K {r.randint(31, 55) / 10:.1f}, Cl {r.randint(95, 110)}, HCO3 {r.randint(18, 30)}, BUN {r.randint(8, 60)}, Cr {r.randint(6, 35) / 10:.1f}, Glu {r.randint(70, 320)}"
        cbc = f"WBC {r.randint(35, 180) / 10:.1f}, Hgb {r.randint(72, 160) / 10:.1f}, Plt {r.randint(90, 450)}"
        extra = self.pick(
            (
                f"INR {r.randint(9, 40) / 10:.1f}",
                f"A1c {r.randint(55, 120) / 10:.1f}%",
                f"TSH {r.randint(3, 80) / 10:.1f}",
                f"BNP {r.randint(40, 2400)}",
                f"Troponin {r.randint(1, 90) / 100:.2f}",
                f"Lactate {r.randint(6, 45) / 10:.1f}",
                f"EF {self.pick((25, 35, 40, 45, 50, 55, 60, 65))}%",
                f"LDL {r.randint(50, 190)}",
                f"Mg {r.randint(14, 26) / 10:.1f}",
            )
        )
        return self.pick(
            (
                f"{bmp}. {cbc}. {extra}.",
                f"{cbc}; {bmp}; {extra}",
                f"Labs: {bmp}. {extra}.",
                f"{cbc}. {extra}.",
            )
        )

    def meds(self, n: int) -> list[str]:
        """``n`` medication lines."""
        return self.rng.sample(_MEDS, n)

    def problems(self, n: int) -> list[tuple[str, str]]:
        """``n`` (condition, ICD-10) pairs."""
        return self.rng.sample(_PROBLEMS, n)

    def distractor(self) -> str:
        """A random non-PHI sentence."""
        return self.pick(_DISTRACTOR_SENTENCES)

    def duration(self) -> str:
        """A duration (non-PHI)."""
        n = self.rng.randint(2, 10)
        return self.pick(
            (
                f"x {n} days",
                f"for {n} weeks",
                f"for the past {n} days",
                f"x{n}d",
                f"over {n} months",
            )
        )

    def cpt(self) -> str:
        """A CPT code (non-PHI)."""
        return self.pick(
            (
                "99213",
                "99214",
                "99215",
                "99203",
                "93000",
                "71046",
                "36415",
                "99232",
                "99223",
                "G0439",
            )
        )

    def state_mention(self) -> str:
        """A state name or abbreviation alone (non-PHI)."""
        ab = self.pick(tuple(_STATE_NAMES))
        return self.pick((_STATE_NAMES[ab], ab, _STATE_NAMES[ab]))

    # ---- extras: one sentence with one identifier of a given letter -------------
    def extra(self, letter: str, terse: bool = False) -> Frag:
        """A sentence carrying an identifier of Safe Harbor ``letter``."""
        t = terse
        if letter == "B":
            k = self.pick(("gps", "county", "pobox", "transfer", "home", "home", "gps"))
            if k == "gps":
                return _fill(
                    self.pick(
                        (
                            "EMS pickup location {g} (per dispatch).",
                            "ems loc {g}",
                            "Found down outdoors; EMS GPS {g}.",
                        )
                    )
                    if not t
                    else "ems pickup gps {g}.",
                    g=self.gps(),
                )
            if k == "county":
                return _fill(
                    self.pick(
                        (
                            "Lives in {c}; eligible for {c} elder services.",
                            "Referred to {c} Council on Aging.",
                            "resides {c}",
                        )
                    ),
                    c=self.county(),
                )
            if k == "pobox":
                return _fill(
                    "Mailing address: {b}, {c}, {s} {z}." if not t else "mail to {b} {c} {s} {z}",
                    b=self.po_box(),
                    c=self.city_frag(),
                    s=self.state,
                    z=self.zip(),
                )
            if k == "transfer":
                return _fill(
                    self.pick(
                        (
                            "Transferred from {f} for higher level of care.",
                            "Outside records from {f} reviewed.",
                            "tx from {f}",
                        )
                    ),
                    f=self.facility_name(
                        self.fake.city() if self.chance(0.2) else self.pick(_CITIES)[0]
                    ),
                )
            return _fill(
                self.pick(("Home address on file: {a}.", "Lives at {a} with {r}.", "home: {a}")),
                a=self.address(),
                r=self.relation,
            )
        if letter == "C":
            k = (
                self.pick(("event", "by", "dob"))
                if not self.old
                else self.pick(("event", "by", "by", "dob"))
            )
            if k == "by":
                return _fill(
                    self.pick(
                        ("Per family, patient was {b}.", "Pt {b} per ID.", "{b} per records.")
                    ),
                    b=self.birth_year(),
                )
            if k == "dob":
                return _fill("DOB {d}." if t else "Date of birth: {d}.", d=self.dob())
            ev = self.pick(
                (
                    "Last colonoscopy",
                    "Flu vaccine given",
                    "Last admission",
                    "Prior echo",
                    "Last seen in clinic",
                    "Fall at home on",
                )
            )
            return _fill(
                "{e} {d}.",
                e=ev,
                d=self.date(self.today - timedelta(days=self.rng.randint(30, 900))),
            )
        if letter == "D":
            who = self.rng.random()
            if who < 0.5:
                return _fill(
                    self.pick(
                        (
                            "{r} can be reached at {p}.",
                            "Call {r} at {p} with updates.",
                            "{r} cell {p}",
                            "HCP is {r}, {p}.",
                        )
                    ),
                    r=self.rel_name(),
                    p=self.phone(),
                )
            if who < 0.75:
                return _fill(
                    self.pick(
                        ("Patient's home phone: {p}.", "pt cell {p}", "Best call-back number {p}.")
                    ),
                    p=self.phone(),
                )
            return _fill(
                self.pick(
                    (
                        "Pharmacy phone {p}.",
                        "VNA intake line {p}.",
                        "Call the clinic at {p} for questions.",
                    )
                ),
                p=self.phone(),
            )
        if letter == "E":
            return _fill(
                self.pick(
                    (
                        "Records faxed to {f} ({n}).",
                        "Fax: {f}",
                        "F: {f}",
                        "Please fax signed orders to {f}.",
                        "PCP office fax {f}.",
                        "fax {f}",
                        "Fax # {f}",
                        "faxed to pcp at {f}",
                    )
                ),
                f=self.fax(),
                n=self.name(self.doctor(), "CLINICIAN", "dr"),
            )
        if letter == "F":
            if self.chance(0.6):
                return _fill(
                    self.pick(
                        (
                            "Patient prefers e-mail: {e}.",
                            "Sent AVS to {e}.",
                            "pt email {e}",
                            "{r} email: {e}.",
                        )
                    ),
                    e=self.email(self.patient if self.chance(0.6) else self.relative),
                    r=self.rel_name(),
                )
            p = self.staff()
            return _fill(
                self.pick(("Questions to {n} ({e}).", "Contact {n} at {e}.")),
                n=self.name(p, "CLINICIAN", "cred"),
                e=self.email(p, staff=True),
            )
        if letter == "G":
            return _fill(
                self.pick(
                    (
                        "SSN: {s}",
                        "Social Security #: {s}.",
                        "SS# {s}",
                        "ssn {s}",
                        "Social Security number {s} verified with ID.",
                    )
                ),
                s=self.ssn(),
            )
        if letter == "H":
            return _fill(
                self.pick(
                    ("Prior MRN {m} (merged record).", "Old chart # {m}.", "Outside MRN {m}.")
                ),
                m=self.mrn(self.mrn_number()),
            )
        if letter == "I":
            ctx, v = self.plan_id()
            ctx2, v2 = self.plan_id()
            return _fill(
                self.pick(
                    (
                        "Insurance: {c}{v}.",
                        "{c}{v}; {c2}{v2}.",
                        "ins {c}{v}",
                        "Coverage verified, {c}{v}.",
                    )
                ),
                c=ctx,
                v=v,
                c2=ctx2,
                v2=v2,
            )
        if letter == "J":
            ctx, v = self.account()
            return _fill(
                self.pick(
                    (
                        "{c}{v}.",
                        "Billing: {c}{v}.",
                        "{c}{v} (self-pay balance).",
                        "financial counseling, {c}{v}",
                    )
                ),
                c=ctx,
                v=v,
            )
        if letter == "K":
            ctx, v = self.licence()
            return _fill(
                self.pick(("{c}{v}.", "ID checked: {c}{v}.", "{c}{v} on file.")), c=ctx, v=v
            )
        if letter == "L":
            st = self.pick(tuple(_STATE_NAMES))
            if self.chance(0.5):
                return _fill(
                    self.pick(
                        (
                            "MVC; vehicle VIN {v}, {s} plate {p}.",
                            "Car towed, VIN {v}.",
                            "Vehicle: {yr} Honda Civic, VIN {v}.",
                        )
                    ),
                    v=_P(self.vin(), "L", "VIN"),
                    s=st,
                    p=_P(self.plate(), "L", "PLATE"),
                    yr=str(self.rng.randint(2008, 2024)),
                )
            return _fill(
                self.pick(
                    (
                        "Parking validated for {s} plate {p}.",
                        "Valet: plate {p}.",
                        "{r} parked in garage, plate {p}.",
                    )
                ),
                s=st,
                p=_P(self.plate(), "L", "PLATE"),
                r=self.relation,
            )
        if letter == "M":
            if self.chance(0.35):
                return _fill(
                    self.pick(("Implant UDI {u}.", "UDI: {u}", "Device UDI {u} scanned to chart.")),
                    u=_P(self.udi(), "M", "UDI"),
                )
            dev = self.pick(
                (
                    "Pacemaker",
                    "ICD",
                    "Insulin pump",
                    "CPAP",
                    "Infusion pump",
                    "Loop recorder",
                    "LVAD controller",
                    "Glucose monitor",
                )
            )
            return _fill(
                self.pick(
                    (
                        "{d} serial no. {s}.",
                        "{d} SN: {s}",
                        "{d} S/N {s}.",
                        "{d} serial {s} interrogated.",
                    )
                ),
                d=dev,
                s=_P(self.serial(), "M", "SERIAL"),
            )
        if letter == "N":
            return _fill(
                self.pick(
                    (
                        "Family set up a page: {u}.",
                        "Portal link: {u}",
                        "Pt blog {u}",
                        "See {u} for updates per daughter.",
                    )
                ),
                u=self.url(),
            )
        if letter == "O":
            return _fill(
                self.pick(
                    (
                        "Telehealth session from IP {i}.",
                        "Portal login from {i} flagged.",
                        "video visit ip {i}",
                        "Device upload from IP address {i}.",
                    )
                ),
                i=self.ip(),
            )
        if letter == "P":
            ctx, v = self.biometric()
            return _fill(
                self.pick(
                    (
                        "Biometric check-in: {c}{v} verified.",
                        "{c}{v} on file.",
                        "Med cabinet access via {c}{v}.",
                        "{c}{v} enrolled at registration.",
                    )
                ),
                c=ctx,
                v=v,
            )
        if letter == "Q":
            return _fill(
                self.pick(
                    (
                        "Full-face photo for ID uploaded: {p}.",
                        "ID photo on file ({p}).",
                        "Face photograph: {p}",
                        "pt photo {p} attached to chart.",
                    )
                ),
                p=self.photo(),
            )
        if letter == "R":
            ctx, v = self.other_id()
            return _fill(
                self.pick(("{c}{v}.", "Ref {c}{v}.", "{c}{v} (pending).", "{c}{v}")), c=ctx, v=v
            )
        raise ValueError(letter)

    def extras(self, k: int, terse: bool = False, pool: str = "BCDEFGHIJKLMNOPQR") -> list[Frag]:
        """``k`` extra identifier sentences with distinct letters."""
        letters = self.rng.sample(pool, k)
        return [self.extra(x, terse) for x in letters]


# --------------------------------------------------------------------------
# Note kinds
# --------------------------------------------------------------------------


def _join(parts: Sequence[Frag], sep: str = " ") -> list[Frag]:
    """Join fragments with a separator."""
    out: list[Frag] = []
    for i, p in enumerate(parts):
        if i:
            out.append(sep)
        out.append(p)
    return out


def _sexword(g: _Gen) -> str:
    """man/woman etc."""
    return (
        g.pick(("man", "male", "gentleman", "M"))
        if g.patient.sex == "M"
        else g.pick(("woman", "female", "lady", "F"))
    )


def _pron(g: _Gen) -> str:
    """he/she."""
    return "he" if g.patient.sex == "M" else "she"


def _discharge_summary(g: _Gen) -> Note:
    """Long structured discharge summary."""
    d = _Doc()
    pt, att = g.patient, g.attending
    limit = g.rng.randint(1800, 3000)
    disch = g.admit + timedelta(days=g.rng.randint(2, 9))
    d.add(
        g.pick(("DISCHARGE SUMMARY\n", "Discharge Summary\n", "HOSPITAL DISCHARGE SUMMARY\n")),
        g.facility,
        "\n\n",
    )
    if g.chance(0.5):
        d.add(
            _fill(
                "Patient: {n}    {m}    DOB: {b}\n",
                n=g.pt_name("LAST_FIRST"),
                m=g.mrn_labelled(),
                b=g.dob(),
            )
        )
    else:
        d.add(
            _fill(
                "Name: {n}\n{m}\nDOB: {b}   Sex: {s}\n",
                n=g.pt_name(g.pick(("full", "full_mi", "Last_First"))),
                m=g.mrn_labelled(),
                b=g.dob(),
                s=pt.sex,
            )
        )
    d.add(
        _fill(
            "Admission Date: {a}\nDischarge Date: {c}\n",
            a=g.date(g.admit, g.pick(("mdY", "iso", "dMONY", "Mdy"))),
            c=g.date(disch, g.pick(("mdY", "iso", "dMONY", "Mdy"))),
        )
    )
    d.add(
        _fill(
            "Attending: {a}\n", a=g.name(att, "CLINICIAN", g.pick(("cred", "dr_full", "cred_mi")))
        )
    )
    pcp = g.doctor()
    d.add(
        _fill(
            "Primary Care: {p}, {f}\n",
            p=g.name(pcp, "CLINICIAN", g.pick(("dr", "cred"))),
            f=g.facility_name(g.city),
        )
    )
    if g.chance(0.6):
        d.add(
            _fill(
                g.pick(
                    (
                        "Address: {a}\nPhone: {p}\n",
                        "Home: {a}   Tel: {p}\n",
                        "Address:\n{ml}\nPhone: {p}\n",
                    )
                ),
                a=g.address(),
                ml=g.address(multiline=True),
                p=g.phone(),
            )
        )
    probs = g.problems(g.rng.randint(3, 5))
    cc = g.pick(_COMPLAINTS)
    d.add(f"\nCHIEF COMPLAINT: {cc[0].upper() + cc[1:]}\n\n")
    d.add("HISTORY OF PRESENT ILLNESS:\n")
    d.add(
        _fill(
            g.pick(
                (
                    "{t} is a {age} {sex} with a history of {p1}, {p2}, and {p3} who presented to the ED on {ad} with {cc} {dur}. ",
                    "{t} is a {age} {sex} with {p1} and {p2} ({p3}) who was brought in by EMS from home on {ad} after {cc}. ",
                    "This is a {age} {sex} ({t}) with PMH of {p1}, {p2}, {p3}, admitted {ad} for {cc} {dur}. ",
                )
            ),
            t=g.pt_name(g.pick(("title", "title", "full", "first"))),
            age=g.age_adj(),
            sex=_sexword(g),
            p1=probs[0][0],
            p2=probs[1][0],
            p3=probs[2][0],
            ad=g.date(g.admit, time_p=0.3),
            cc=cc,
            dur=g.duration(),
        )
    )
    d.add(
        _fill(
            g.pick(
                (
                    "{pr} lives with {r} in {c} and is independent in ADLs at baseline. ",
                    "At baseline {pr} lives alone in {c}; {r} checks in daily. ",
                    "{pr} lives in an apartment in {c} with {r}. ",
                )
            ),
            pr=_pron(g).capitalize(),
            r=g.rel_name(),
            c=g.city_frag(),
        )
    )
    if g.old and g.chance(0.35):
        d.add(
            _fill(
                "Per {r}, {pr} was {b} and {x}. ",
                r=g.rel_name(),
                pr=_pron(g),
                b=g.birth_year(verbal=True),
                x=g.pick(
                    (
                        "served in the Army",
                        "grew up on a farm",
                        "still drives",
                        "worked at the mill for 40 years",
                    )
                ),
            )
        )
    d.add(
        g.distractor(),
        " ",
        g.pick(("In the ED, vitals were ", "Initial vitals: ")),
        g.vitals(),
        ". ",
        g.labs(),
        "\n\n",
    )
    d.add("PAST MEDICAL HISTORY:\n")
    d.add(_join([f"- {p} ({c})" for p, c in probs], "\n"), "\n")
    d.add(
        f"- s/p {g.pick(('appendectomy', 'cholecystectomy', 'CABG', 'TKA', 'hysterectomy'))} in {g.rng.randint(1975, 2023)}\n\n"
    )
    d.add(
        f"FAMILY HISTORY: Mother with {g.pick(('breast cancer', 'CHF', 'stroke', 'diabetes'))} at age {g.rng.randint(40, 89)}; "
        f"father died of MI at {g.rng.randint(50, 89)}. Brother, {g.young_age()}, with hypertension.\n\n"
    )
    d.add(
        _fill(
            "SOCIAL HISTORY: {sh} Originally from {st}. Former smoker, quit in {y}. {dist}\n\n",
            st=g.state_mention(),
            sh=g.pick(
                (
                    "Retired teacher.",
                    "Widowed, retired machinist.",
                    "Works part-time.",
                    "Lives with family.",
                )
            ),
            y=str(g.rng.randint(1985, 2022)),
            dist=g.pick(_DISTRACTOR_SENTENCES[25:29]),
        )
    )
    course: list[Frag] = [
        _fill("{t} was admitted to the {s} service. ", t=g.pt_name("title"), s=g.pick(_SERVICES)),
        g.distractor() + " ",
        _fill(
            "{c} was consulted on {d} and recommended {m}. ",
            c=g.name(g.doctor(), "CLINICIAN", g.pick(("dr", "dr", "cred"))),
            d=g.date(g.admit + timedelta(days=1)),
            m=g.pick(_MEDS),
        ),
        f"Repeat labs: {g.labs()} ",
        _fill(
            "Family meeting held with {r} on {d}; goals of care reviewed. ",
            r=g.rel_name(),
            d=g.date(disch - timedelta(days=1)),
        ),
        g.distractor() + " ",
    ]
    d.add("HOSPITAL COURSE:\n", course, "\n\n")
    d.add(
        "DISCHARGE MEDICATIONS:\n",
        _join([f"{i + 1}. {m}" for i, m in enumerate(g.meds(g.rng.randint(3, 7)))], "\n"),
        "\n\n",
    )
    d.add("DISCHARGE DIAGNOSES:\n", _join([f"- {p} ({c})" for p, c in probs[:2]], "\n"), "\n\n")
    follow = _fill(
        g.pick(
            (
                "FOLLOW-UP:\nFollow up with {p} at {f} on {d} at 10:30 AM. Call {ph} to confirm.\n",
                "FOLLOW-UP:\n{p} in 1-2 weeks ({f}, tel {ph}). Labs on {d}.\n",
            )
        ),
        p=g.name(pcp, "CLINICIAN", "dr"),
        f=g.facility_name(g.city),
        d=g.date(disch + timedelta(days=g.rng.randint(5, 20))),
        ph=g.phone(),
    )
    d.add_if_fits(follow, limit)
    extras = g.extras(g.rng.randint(2, 4))
    ex_frag: list[Frag] = ["\nADMINISTRATIVE:\n"]
    ex_frag += _join(extras, "\n")
    d.add(ex_frag, "\n")
    if g.chance(0.5):
        d.add_if_fits(
            [
                f"\nCondition at discharge: stable. Disposition: {g.pick(('home with VNA', 'SNF', 'home', 'acute rehab'))}.\n"
            ],
            limit,
        )
    d.add(
        _fill(
            "\nElectronically signed by: {n} {dt}\n",
            n=g.name(att, "CLINICIAN", "cred"),
            dt=g.date(disch, "mdY", time_p=1.0),
        )
    )
    return d.note("discharge_summary")


def _progress_note(g: _Gen) -> Note:
    """SOAP-style progress note."""
    d = _Doc()
    svc = g.pick(_SERVICES)
    author = g.person(cred=g.pick(("MD", "NP", "PA-C", "MD")))
    d.add(
        _fill(
            g.pick(
                (
                    "{s} Progress Note\nDate of service: {d}\n",
                    "PROGRESS NOTE - {s}\n{d}\n",
                    "Daily Progress Note ({s}) {d}\n",
                )
            ),
            s=svc,
            d=g.date(g.today, g.pick(("mdY", "Mdy", "iso", "dMONY", "mdy")), time_p=0.5),
        )
    )
    d.add(
        _fill(
            "Patient: {n}  {m}\n",
            n=g.pt_name(g.pick(("LAST_FIRST", "full", "full_mi"))),
            m=g.mrn_labelled(),
        )
    )
    if g.chance(0.5):
        d.add(_fill("Location: {f}\n", f=g.facility))
    hd = g.rng.randint(2, 9)
    d.add(
        _fill(
            g.pick(
                (
                    "\nS: {t} is a {age} {sex}, hospital day {hd}. Reports {sym}. Slept poorly. {r} visited yesterday. {dist}\n",
                    "\nSubjective: {age} {sex} seen and examined this AM. {sym}. Per {r}, more alert than on {prev}. {dist}\n",
                    "\nS: No acute events overnight. {t} reports {sym}. Pt is {agep}. {dist}\n",
                )
            ),
            t=g.pt_name(g.pick(("title", "first", "title"))),
            age=g.age_adj(),
            agep=g.age_pred(),
            sex=_sexword(g),
            hd=str(hd),
            sym=g.pick(
                (
                    "less dyspnea",
                    "mild nausea, no vomiting",
                    "ongoing knee pain, 6/10",
                    "improved appetite",
                    "feeling tired",
                )
            ),
            r=g.rel_name(),
            prev=g.date(g.today - timedelta(days=2), g.pick(("md", "Md", "bd", "dM"))),
            dist=g.distractor(),
        )
    )
    d.add(
        f"\nO: {g.vitals()}\n",
        "Gen: NAD, A&Ox3. CV: RRR, no m/r/g. Lungs: bibasilar crackles. Ext: 1+ edema.\n",
    )
    d.add(f"Labs: {g.labs()}\n")
    if g.chance(0.5):
        d.add(
            f"Imaging (compared with {g.rng.randint(2015, 2024)} study): {g.pick(('CXR with small bilateral effusions.', 'CT head negative for acute process.', 'TTE: EF 40%, moderate MR.', 'LE duplex negative for DVT.'))}\n"
        )
    probs = g.problems(g.rng.randint(2, 4))
    d.add("\nA/P:\n")
    plan_bits = (
        "Continue {m}.",
        "{dist}",
        "Discussed with {c}.",
        "Recheck BMP in AM.",
        "Diurese to euvolemia, strict I/O.",
        "Dispo planning with case management; {r} aware.",
        "Follow-up appointment {d} with {c}.",
    )
    for i, (p, code) in enumerate(probs):
        bit = _fill(
            g.pick(plan_bits),
            m=g.pick(_MEDS),
            dist=g.distractor(),
            c=g.name(g.doctor(), "CLINICIAN", g.pick(("dr", "dr", "cred", "lower_last"))),
            r=g.rel_name(),
            d=g.date(g.today + timedelta(days=g.rng.randint(7, 30))),
        )
        d.add(
            f"{i + 1}. {p[0].upper() + p[1:]} ({code}): ",
            bit,
            f" Reassess {g.duration()}." if g.chance(0.3) else "",
            "\n",
        )
    ex = g.extras(g.rng.randint(2, 4))
    d.add("\n", _join(ex, "\n"), "\n")
    if g.chance(0.4):
        d.add(f"Billing: {g.cpt()}. Time spent: {g.rng.randint(25, 55)} minutes.\n")
    d.add("\n", g.name(author, "CLINICIAN", g.pick(("cred", "cred_mi", "full"))))
    if g.chance(0.5):
        d.add(_fill(g.pick((" / pager {p}", " {p}", "  cell {p}")), p=g.phone("PAGER")))
    d.add("\n")
    return d.note("progress_note")


def _nursing_body(g: _Gen, terse: bool) -> _Doc:
    """Shared body for nursing notes (case is applied by the caller)."""
    d = _Doc()
    nurse = g.person(cred="RN")
    hdr = g.pick(("Nursing Note {s}\n", "RN Shift Note {s}\n", "Nursing Progress Note - {s}\n"))
    d.add(hdr.format(s=g.pick(("0700-1900", "1900-0700", "day shift", "night shift", "7a-7p"))))
    d.add(
        _fill(
            "Pt: {n}  {m}  DOB {b}\n",
            n=g.pt_name(g.pick(("LAST_FIRST", "full", "Last_First"))),
            m=g.mrn_labelled(),
            b=g.dob(),
        )
    )
    if g.chance(0.5):
        d.add(_fill("Date: {d}\n", d=g.date(g.today, g.pick(("mdY", "mdy", "md", "iso")))))
    times = sorted(g.rng.sample(range(24), g.rng.randint(4, 7)))
    ex = g.extras(g.rng.randint(2, 4), terse=True)
    ex_at = set(g.rng.sample(range(len(times)), min(len(ex), len(times))))
    ex_i = 0
    for i, h in enumerate(times):
        line: list[Frag] = [
            f"{h:02d}{g.pick(('00', '15', '30', '45'))}{g.pick((': ', ' ', ' - '))}"
        ]
        kind = g.rng.randrange(8)
        if kind == 0:
            line.append(
                _fill(
                    g.pick(
                        (
                            "pt alert and oriented x3, {v}. denies pain. ",
                            "Pt resting comfortably, {v}. ",
                            "VS: {v}. ",
                        )
                    ),
                    v=g.vitals(),
                )
            )
        elif kind == 1:
            line.append(
                _fill(
                    g.pick(
                        (
                            "{r} at bedside, updated on plan of care. ",
                            "{r} called, updated per pt permission. ",
                            "Spoke with {r} re: discharge. ",
                        )
                    ),
                    r=g.rel_name(),
                )
            )
        elif kind == 2:
            line.append(
                _fill(
                    g.pick(
                        (
                            "Seen by {c}, new orders received. ",
                            "{c} notified of BP {bp}, no new orders. ",
                            "seen by {lc}, plan to dc tomorrow. ",
                        )
                    ),
                    c=g.clinician(g.doctor()),
                    lc=g.name(g.doctor(), "CLINICIAN", "lower_last"),
                    bp=f"{g.rng.randint(160, 190)}/{g.rng.randint(90, 110)}",
                )
            )
        elif kind == 3:
            line.append(f"{g.pick(_MEDS)} given as ordered. {g.distractor()} ")
        elif kind == 4:
            line.append(
                _fill(
                    g.pick(
                        (
                            "Pt is {a}, hard of hearing, uses hearing aids. ",
                            "{a} pt, fall risk, bed alarm on. ",
                            "Pt states " + _pron(g) + " is {a}. ",
                        )
                    ),
                    a=g.age_pred() if g.chance(0.5) else g.age_adj(),
                )
            )
        elif kind == 5:
            line.append(f"{g.distractor()} {g.distractor()} ")
        elif kind == 6:
            line.append(
                _fill(
                    "Ambulated in hallway with {c}, tolerated well. ",
                    c=g.pick(("PT", "OT", "RN", "walker")),
                )
            )
            if g.chance(0.3):
                line.append(
                    _fill(
                        g.pick(("Dc plan: home to {a} with VNA. ", "Ride home arranged to {a}. ")),
                        a=g.address(),
                    )
                )
        else:
            line.append(f"Labs back: {g.labs()} ")
        if i in ex_at and ex_i < len(ex):
            line.append(ex[ex_i])
            line.append(" ")
            ex_i += 1
        d.add(line, "\n")
    d.add(
        _fill(
            g.pick(
                (
                    "Will continue to monitor. {n}\n",
                    "Report given to oncoming RN {o}. -- {n}\n",
                    "{n}\n",
                    "Handed off to RN {o}. {n}\n",
                )
            ),
            n=g.name(nurse, "CLINICIAN", g.pick(("cred", "full", "first"))),
            o=g.name(g.staff(), "CLINICIAN", "first"),
        )
    )
    return d


def _nursing_caps(g: _Gen) -> Note:
    """ALL-CAPS nursing note."""
    return _nursing_body(g, terse=False).note("nursing_caps", case="upper")


def _nursing_lower(g: _Gen) -> Note:
    """All-lower-case terse nursing note."""
    return _nursing_body(g, terse=True).note("nursing_lower", case="lower")


def _secure_message(g: _Gen) -> Note:
    """Thread of secure messages between staff."""
    d = _Doc()
    a, b = g.staff(), g.doctor()
    n_msgs = g.rng.randint(1, 3)
    ex = g.extras(g.rng.randint(2, 4))
    t = g.today
    people = [(a, b), (b, a)]
    for i in range(n_msgs):
        frm, to = people[i % 2]
        hdr = _fill(
            g.pick(
                (
                    "From: {f}\nTo: {t}\nSent: {d}\nSubject: {s}\n\n",
                    "From: {f} <{e}>\nTo: {t}\nDate: {d}\nSubject: {s}\n\n",
                    "[Secure Chat] {f} -> {t} | {d}\n",
                )
            ),
            f=g.name(frm, "CLINICIAN", g.pick(("cred", "full", "Last_First"))),
            e=g.email(frm, staff=True),
            t=g.name(to, "CLINICIAN", g.pick(("cred", "full", "dr_full"))),
            d=g.date(t, g.pick(("mdY", "Mdy", "iso", "mdy")), time_p=0.9),
            s=_fill(
                g.pick(
                    (
                        "re: {n}",
                        "{n} - labs",
                        "Pt {n} discharge?",
                        "question about {n}",
                        "RE: {n} ({m})",
                    )
                ),
                n=g.pt_name(g.pick(("last", "full", "LAST_FIRST"))),
                m=g.mrn(),
            ),
        )
        d.add(hdr)
        body = [
            _fill(
                g.pick(
                    (
                        "Hi {d}, pt {n} ({m}) is asking about {what}. ",
                        "hi - {n} ({m}) in the ED again, {age} {sex}, {cc}. ",
                        "Thanks. {n} {m} - {what}, ok to proceed? ",
                        "FYI {n} was seen by {lc} this am. ",
                    )
                ),
                d=g.name(to, "CLINICIAN", g.pick(("title", "first"))),
                n=g.pt_name(g.pick(("full", "title", "lower_full", "LAST_FIRST"))),
                m=g.mrn_labelled(),
                what=g.pick(
                    (
                        "her Eliquis dose",
                        "going home today",
                        "the CT results",
                        "restarting Lasix",
                        "PT eval",
                    )
                ),
                age=g.age_adj(),
                sex=_sexword(g),
                cc=g.pick(_COMPLAINTS),
                lc=g.name(g.doctor(), "CLINICIAN", "lower_last"),
            ),
            g.distractor() + " ",
        ]
        if g.chance(0.6):
            body.append(
                _fill(
                    g.pick(
                        (
                            "{r} called ({p}), wants an update. ",
                            "can you call {r} at {p}? thx ",
                            "{r} is HCP, cell {p}. ",
                        )
                    ),
                    r=g.rel_name(),
                    p=g.phone(),
                )
            )
        take = ex[i::n_msgs]
        body += _join(take, " ")
        sign = _fill(
            g.pick(("\n\nThanks,\n{n}\n", "\n-{n}\n", "\n\n{n} | {p}\n")),
            n=g.name(frm, "CLINICIAN", g.pick(("first", "cred", "full"))),
            p=g.phone("PAGER"),
        )
        d.add(body, sign)
        if i < n_msgs - 1:
            d.add(
                g.pick(
                    (
                        "\n-----Original Message-----\n",
                        "\n> ---\n",
                        "\n________________________________\n",
                    )
                )
            )
            t = t - timedelta(days=g.rng.randint(0, 1))
    if d.length < 300:
        d.add("\n", g.distractor(), " ", g.vitals(), ".\n")
    return d.note("secure_message")


def _clinic_schedule(g: _Gen) -> Note:
    """Tabular clinic schedule / appointment list."""
    d = _Doc()
    prov = g.doctor()
    clinic = g.pick(_CLINICS)
    day = g.today
    limit = g.rng.randint(1200, 3000)
    d.add(g.facility, "\n", f"{clinic} Clinic - Appointment Schedule\n")
    d.add(
        _fill(
            "Provider: {p}    Date: {w}, {d}\n",
            p=g.name(prov, "CLINICIAN", g.pick(("dr", "cred", "dr_full"))),
            w=_WEEKDAYS[day.weekday()],
            d=g.date(day, g.pick(("mdY", "Mdy", "bdY"))),
        )
    )
    d.add(
        _fill(
            "Printed {d} by {n}   Page 1 of {pg}\n\n",
            d=g.date(day - timedelta(days=1), "mdY", time_p=1.0),
            n=g.name(g.staff(), "CLINICIAN", "full"),
            pg=str(g.rng.randint(1, 3)),
        )
    )
    sep = g.pick(("  ", " | "))
    cols = [
        "Time ",
        "Patient".ljust(26),
        "MRN".ljust(10),
        "DOB/Age".ljust(11),
        "Phone".ljust(16),
        "Visit",
    ]
    d.add(sep.join(cols), "\n", "-" * 88, "\n")
    h, m = 8, 0
    rows = g.rng.randint(4, 12)
    ex_rows = {g.rng.randrange(rows) for _ in range(2)}
    for i in range(rows):
        p = g.person()
        age = g.rng.randint(90, 101) if g.chance(0.2) else g.rng.randint(20, 89)
        dob = day - timedelta(days=365 * age + g.rng.randint(1, 360))
        nm = g.name(p, "PATIENT", g.pick(("LAST_FIRST", "LAST_FIRST", "Last_First", "full")))
        nm_len = _frag_len(nm)
        mrn = g.mrn_number()
        if g.chance(0.7):
            dcell: Frag = [g.date(dob, "mdY", "DOB")]
            dlen = 10
        else:
            dcell = [g.age_adj(age) if g.chance(0.5) else g.age_pred(age)]
            dlen = _frag_len(dcell)
        ph = g.phone()
        row: list[Frag] = [
            f"{h:02d}:{m:02d}",
            sep,
            nm,
            " " * max(1, 26 - nm_len),
            sep,
            _P(mrn, "H", "MRN"),
            " " * max(1, 10 - len(mrn)),
            sep,
            dcell,
            " " * max(1, 11 - dlen),
            sep,
            ph,
            " " * max(1, 16 - len(ph.text)),
            sep,
            g.pick(
                (
                    f"F/U HTN (I10) {g.cpt()}",
                    "NEW PT",
                    f"Post-hosp f/u {g.cpt()}",
                    "INR check",
                    "DM f/u, A1c",
                    f"Annual wellness {g.cpt()}",
                    "Wound check",
                    "CANCELLED",
                    "NO SHOW",
                    f"{g.pick(_PROBLEMS)[1]} f/u",
                    "Telehealth",
                )
            ),
        ]
        if g.chance(0.2):
            row.append(
                f"  Interpreter: {g.pick(('Spanish', 'Portuguese', 'Haitian Creole', 'Vietnamese', 'Cantonese'))}"
            )
        if i in ex_rows or g.chance(0.1):
            ctx, v = g.plan_id()
            row += ["  Ins: ", ctx, v]
        row.append("\n")
        if not d.add_if_fits(row, limit - 350):
            break
        m += g.pick((15, 20, 30, 30, 40))
        h, m = h + m // 60, m % 60
    d.add("\nNotes:\n")
    for e in g.extras(g.rng.randint(2, 3)):
        d.add("- ", e, "\n")
    d.add(
        _fill(
            g.pick(("\nClinic phone {p}  Fax {f}\n", "\nFront desk: {p} / F: {f}\n")),
            p=g.phone(),
            f=g.fax(),
        )
    )
    return d.note("clinic_schedule")


def _oncall_roster(g: _Gen) -> Note:
    """On-call roster with handoff notes."""
    d = _Doc()
    dept = g.pick(_SERVICES + ("Anesthesia", "Obstetrics", "Pediatrics", "Psychiatry"))
    start = g.today - timedelta(days=g.today.weekday())
    d.add(
        _fill(
            g.pick(
                (
                    "{dept} On-Call Roster - {f}\nWeek of {d}\n",
                    "{f}\n{dept} Call Schedule, week of {d}\n",
                )
            ),
            dept=dept,
            f=g.facility,
            d=g.date(start, g.pick(("mdY", "Mdy", "bdY", "dMY"))),
        )
    )
    d.add(
        _fill(
            "Updated {d} by {n}\n\n",
            d=g.date(start - timedelta(days=2), g.pick(("mdY", "md", "mdy")), time_p=0.5),
            n=g.name(g.staff(), "CLINICIAN", g.pick(("full", "cred"))),
        )
    )
    d.add(
        g.pick(
            (
                "Date        Day  Primary                  Cell/Pager          Backup\n",
                "DATE | DAY | PRIMARY | CONTACT | BACKUP\n",
            )
        )
    )
    docs = [g.doctor() for _ in range(4)] + [g.staff() for _ in range(2)]
    ndays = g.rng.randint(4, 7)
    for i in range(ndays):
        day = start + timedelta(days=i)
        p, bkp = g.rng.sample(docs, 2)
        md = p.cred.split(",")[0] in ("MD", "DO")
        pn = g.name(
            p,
            "CLINICIAN",
            g.pick(
                ("dr", "dr_full", "cred", "Last_First") if md else ("cred", "full", "Last_First")
            ),
        )
        d.add(
            g.date(day, g.pick(("mdY", "md", "md", "iso"))),
            "  ",
            _WEEKDAYS[i][:3],
            "  ",
            pn,
            " " * max(1, 24 - _frag_len(pn)),
            g.phone(g.pick(("PHONE", "PAGER"))),
            "  ",
            g.clinician(bkp),
            "\n",
        )
    d.add("\n")
    chief = g.doctor()
    d.add(
        _fill(
            g.pick(
                ("Escalation: chief of service {n}, cell {p}, {e}\n", "Escalation: {n} ({e}) {p}\n")
            ),
            n=g.name(chief, "CLINICIAN", g.pick(("cred", "dr_full"))),
            p=g.phone(),
            e=g.email(chief, staff=True),
        )
    )
    d.add(_fill("Hospital operator {p}; answering service fax {f}\n", p=g.phone(), f=g.fax()))
    d.add("\nHandoff / watch list:\n")
    for _ in range(g.rng.randint(1, 3)):
        p = g.person()
        age = g.rng.randint(90, 100) if g.chance(0.25) else g.rng.randint(25, 89)
        d.add(
            _fill(
                g.pick(
                    (
                        "- {n} ({m}), {a}, {p}: {plan}\n",
                        "- {n}, {m} - {a} w/ {p}. {plan}\n",
                    )
                ),
                n=g.name(p, "PATIENT", g.pick(("LAST_FIRST", "full", "title", "last"))),
                m=_P(g.mrn_number(), "H", "MRN"),
                a=g.age_adj(age),
                p=g.pick(_PROBLEMS)[0],
                plan=g.pick(
                    (
                        "on heparin gtt, check PTT at 0200.",
                        "NPO for CT in AM.",
                        "f/u BCx.",
                        "K 3.1, repleting.",
                        "family meeting tomorrow.",
                        "watch for withdrawal, CIWA q4h.",
                    )
                ),
            )
        )
    pool = "BCDEFGHIJKLMNOPQR"
    for e in g.extras(g.rng.randint(2, 3), pool=pool):
        d.add("- ", e, "\n")
    d.add(
        g.pick(
            (
                "\nSwap requests to the chief resident at least 48 h in advance.\n",
                "\nPage 1 of 1\n",
                "\n",
            )
        )
    )
    return d.note("oncall_roster")


_BUILDERS = {
    "discharge_summary": _discharge_summary,
    "progress_note": _progress_note,
    "nursing_caps": _nursing_caps,
    "nursing_lower": _nursing_lower,
    "secure_message": _secure_message,
    "clinic_schedule": _clinic_schedule,
    "oncall_roster": _oncall_roster,
}


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def make_note(seed: int, index: int, kind: str | None = None) -> Note:
    """Build note number ``index`` of the corpus for ``seed`` (deterministic)."""
    g = _Gen(seed, index)
    if kind is None:
        kind = g.rng.choices(KINDS, weights=_KIND_WEIGHTS)[0]
    note = _BUILDERS[kind](g)
    note.spans.sort(key=lambda s: (s.start, s.end))
    return note


def iter_notes(seed: int) -> Iterator[Note]:
    """Endless deterministic stream of notes for ``seed``."""
    i = 0
    while True:
        yield make_note(seed, i)
        i += 1


def generate(seed: int, n: int) -> list[Note]:
    """Return ``n`` notes; note ``i`` depends only on (seed, i), so prefixes agree."""
    return [make_note(seed, i) for i in range(n)]


def corpus_text(seed: int, min_chars: int) -> str:
    """Concatenate notes (blank-line separated) until at least ``min_chars`` chars."""
    parts: list[str] = []
    total = 0
    for note in iter_notes(seed):
        if total >= min_chars:
            break
        parts.append(note.text)
        total += len(note.text) + 2
    return "\n\n".join(parts)


def validate(note: Note) -> list[str]:
    """Return problems with a note's gold spans (empty list if fine)."""
    problems: list[str] = []
    prev_end = -1
    for s in note.spans:
        t = note.text[s.start : s.end]
        if not (0 <= s.start < s.end <= len(note.text)):
            problems.append(f"out of bounds {s}")
        if s.letter not in SAFE_HARBOR:
            problems.append(f"bad letter {s}")
        if t != t.strip():
            problems.append(f"unstripped span {t!r}")
        if s.start < prev_end:
            problems.append(f"overlapping span {t!r}")
        prev_end = max(prev_end, s.end)
    return problems


def letter_counts(notes: Sequence[Note]) -> Counter[str]:
    """Gold span count per Safe Harbor letter."""
    return Counter(s.letter for n in notes for s in n.spans)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: write notes as JSON lines and print per-letter counts."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--out", help="output .jsonl path (default: none, only print statistics)")
    ap.add_argument(
        "--show", type=int, default=0, help="print the first N notes with gold spans marked"
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    notes = generate(args.seed, args.n)
    dt = time.perf_counter() - t0
    bad = [(i, p) for i, n in enumerate(notes) for p in validate(n)]
    for i, p in bad[:20]:
        print(f"note {i}: {p}", file=sys.stderr)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(n.to_dict(), ensure_ascii=False) + "\n" for n in notes)
    for n in notes[: args.show]:
        print(f"===== {n.kind} ({len(n.text)} chars)")
        out, pos = [], 0
        for s in n.spans:
            out.append(n.text[pos : s.start])
            out.append(f"[[{n.text[s.start : s.end]}|{s.letter}]]")
            pos = s.end
        out.append(n.text[pos:])
        print("".join(out))
    counts = letter_counts(notes)
    lengths = sorted(len(n.text) for n in notes)
    kinds = Counter(n.kind for n in notes)
    print(
        f"{len(notes)} notes, {sum(lengths)} chars, {sum(counts.values())} gold spans in {dt:.2f} s"
    )
    print(f"length min/median/max: {lengths[0]}/{lengths[len(lengths) // 2]}/{lengths[-1]}")
    print("kinds: " + ", ".join(f"{k}={kinds[k]}" for k in KINDS))
    print("letter  count  description")
    for letter, desc in SAFE_HARBOR.items():
        print(f"{letter:>6}  {counts[letter]:>5}  {desc}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
