"""Word lists the dictionary-driven recognizers share, loaded once per process.

The lists are derived at build time from public-domain government sources (Census 2010
surnames, SSA first names, GeoNames/Census places and counties) and a general English
vocabulary; ``recognizers/data/README.md`` gives provenance and the command that rebuilds
them. ``clinical_terms.txt`` is hand-kept: clinical abbreviations, drugs and anatomy words
that are also surnames or place names (RA, EF, Hgb, Lasix...) and must never be taken for
one without a strong cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from recognizers.base import register_needles, trie_regex, word_set

if TYPE_CHECKING:  # pragma: no cover
    from recognizers.base import Doc


def _load(name: str) -> frozenset[str]:
    text = resources.files("recognizers").joinpath("data", name).read_text(encoding="utf-8")
    return word_set(w for w in (line.strip() for line in text.splitlines())
                    if w and not w.startswith("#"))


@cache
def first_names() -> frozenset[str]:
    return _load("first_names.txt")


@cache
def surnames() -> frozenset[str]:
    return _load("surnames.txt")


@cache
def name_words() -> frozenset[str]:
    """First names and surnames together (one set test instead of two)."""
    return word_set(first_names() | surnames())


@cache
def english_words() -> frozenset[str]:
    return word_set((_load("english_words.txt") | _load("english_extra.txt"))
                    - _load("names_over_words.txt"))


@cache
def clinical_terms() -> frozenset[str]:
    return _load("clinical_terms.txt")


@cache
def places() -> frozenset[str]:
    return _load("us_places.txt")


@cache
def counties() -> frozenset[str]:
    return _load("us_counties.txt")


US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
"""States may stay in Safe Harbor output; they anchor city and ZIP patterns."""

STATE_NAMES_LOWER = frozenset(n.lower() for n in US_STATES.values())

STATE_RE = re.compile(r"\b" + trie_regex(STATE_NAMES_LOWER) + r"\b", re.I)
"""Full state names, multi-word ones included ("New Hampshire"), in any case. A trie, not a
flat alternation: tried at every occurrence of a state name's letters ("maine" in
"remained"), 56 alternatives cost some 25,000 instructions a try under re.I, the trie a few
hundred. No name is a prefix of another, so the order of the alternatives cannot change a
match."""

EPONYM_NEXT = frozenset(
    "disease syndrome palsy sign signs cyst fracture esophagus lymphoma sarcoma tumor tumour "
    "phenomenon ulcer test maneuver manoeuvre criteria score scale coma reflex triad law "
    "classification node nodes procedure operation dementia chorea ataxia anomaly tube "
    "catheter drain needle forceps position stockings solution".split()
)
"""Words after an eponym: "Crohn's disease", "Glasgow coma scale", "Murphy's sign"."""


_STATE_NEEDLES = tuple(sorted(STATE_NAMES_LOWER))
register_needles(_STATE_NEEDLES)


def state_tokens(doc: Doc) -> set[int]:
    """Indexes of tokens that belong to a full state name (cached on the doc)."""
    cached = doc.__dict__.get("_state_tokens")
    if cached is not None:
        return cached
    out: set[int] = set()
    low = doc.lower
    starts = doc.token_starts
    text = doc.text
    for pos in doc.positions(_STATE_NEEDLES):
        if pos > 0 and low[pos - 1].isalnum():
            continue  # inside a word ("remained"): the cheap test first
        m = STATE_RE.match(text, pos)
        if m is None:
            continue
        out.update(range(bisect_left(starts, m.start()), bisect_left(starts, m.end())))
    doc.__dict__["_state_tokens"] = out
    return out


@cache
def place_first_words() -> frozenset[str]:
    """First words of multi-word places ('san' of 'san diego'): only these start an n-gram."""
    return word_set(p.split(" ", 1)[0] for p in places() if " " in p)
