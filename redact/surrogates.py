"""Realistic fakes for the ``surrogate`` operator, chosen deterministically from a keyed digest.

Same key + same value -> same fake, in every run and file; without the key the mapping
cannot be reproduced or inverted. Shapes are kept (ALL CAPS stays caps, "Last, First" stays
in that order, an ID keeps its separators and letter/digit positions) so downstream parsers
and readers see plausible data. Fakes come from small built-in lists, not from Faker, so
that the runtime stays light.
"""

from __future__ import annotations

import re

FIRST = (
    "Avery Blake Casey Dana Elliot Finley Gray Harper Jordan Kendall Logan Morgan Noel Parker "
    "Quinn Reese Rowan Sawyer Taylor Emery Alex Bailey Cameron Drew Emerson Frankie Hayden "
    "Jamie Kai Lane Marlow Nico Oakley Peyton Remy Sage Skyler Tatum Wren Arden Brook Carey "
    "Devon Eden Flynn Hollis Indigo Jules Kit Lennon Micah Nova Ollie Presley Rory Shay Teagan"
).split()
LAST = (
    "Ashdown Bellamy Calloway Dunmore Ellery Fairbank Galloway Hartwell Ingram Jessup Kimball "
    "Lockhart Merriweather Northcott Oakes Pemberton Quill Rutherford Stanhope Thorne Underhill "
    "Vance Whitlock Yardley Abernett Brightwater Colfax Delacroix Everly Fenwick Greywood "
    "Holloway Ivers Kingsley Larkspur Mayhew Norwood Osgood Prescott Radcliffe Sheffield "
    "Tillman Upton Vickery Winslow Ainsworth Blackwood Cresswell Dorsey Eastwood"
).split()
CITIES = [
    "Riverton", "Fairview", "Lakeside", "Milltown", "Cedar Grove", "Oak Ridge", "Pine Valley",
    "Maple Hill", "Brookfield", "Ashford", "Glenwood", "Hillcrest", "Stonebridge", "Willowbrook"]
STREETS = ["Maple", "Oak", "Cedar", "Elm", "Pine", "Birch", "Willow", "Chestnut", "Spruce",
           "Hawthorn", "Juniper", "Linden", "Sycamore", "Magnolia"]
STREET_TYPES = ["Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Place"]
COUNTIES = ["Fairmont", "Lakeland", "Riverside", "Hillsdale", "Brookhaven", "Glenmore"]
FACILITIES = ["Riverton General Hospital", "Fairview Medical Center", "Lakeside Clinic",
              "Cedar Grove Health Center"]


def _pick(seq: list[str] | tuple[str, ...], digest: bytes, offset: int = 0) -> str:
    return seq[int.from_bytes(digest[offset:offset + 4], "big") % len(seq)]


def _case_like(original: str, fake: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return fake.upper()
    if letters and all(c.islower() for c in letters):
        return fake.lower()
    return fake


def fake_name(original: str, digest: bytes) -> str:
    parts = re.findall(r"[^\W\d_]+\.?", original)
    words = [p for p in parts if len(p.rstrip(".")) > 1]
    first, last = _pick(FIRST, digest, 0), _pick(LAST, digest, 4)
    if "," in original and len(words) >= 2:
        fake = f"{last}, {first}"
    elif len(words) >= 2:
        fake = f"{first} {last}"
    else:
        fake = last if original[:1].isupper() and len(words) == 1 and digest[8] % 2 else first
    return _case_like(original, fake)


def shape_preserving(original: str, digest: bytes) -> str:
    """Replace each digit by a digit and each letter by a letter, keep everything else."""
    out = []
    stream = digest * (len(original) // len(digest) + 1)
    for ch, b in zip(original, stream):
        if ch.isdigit():
            out.append(str(b % 10))
        elif ch.isalpha() and ch.isascii():
            letter = chr(ord("A") + b % 26)
            out.append(letter if ch.isupper() else letter.lower())
        else:
            out.append(ch)
    return "".join(out)


def fake_phone(original: str, digest: bytes) -> str:
    """Digits replaced, exchange forced to 555-01xx (reserved for fiction)."""
    fake = list(shape_preserving(original, digest))
    digit_pos = [i for i, c in enumerate(fake) if c.isdigit()]
    if len(digit_pos) >= 10:
        tail = digit_pos[-10:]
        for pos, ch in zip(tail[3:7], "5550"):
            fake[pos] = ch
        fake[tail[7]] = "1"
    return "".join(fake)


def fake_value(entity: str, original: str, digest: bytes) -> str:
    """A realistic fake of the same kind as ``original``."""
    n = int.from_bytes(digest[:4], "big")
    if entity == "NAME":
        return fake_name(original, digest)
    if entity in ("PHONE", "FAX"):
        return fake_phone(original, digest)
    if entity == "EMAIL":
        return f"{_pick(FIRST, digest).lower()}.{_pick(LAST, digest, 4).lower()}@example.org"
    if entity == "URL":
        return f"https://example.org/{digest[:6].hex()}"
    if entity == "IP_ADDRESS":
        if ":" in original:
            return f"2001:db8::{digest[0]:x}:{digest[1]:x}"
        return f"192.0.2.{1 + n % 254}"
    if entity == "CITY":
        return _case_like(original, _pick(CITIES, digest))
    if entity == "COUNTY":
        return _case_like(original, f"{_pick(COUNTIES, digest)} County")
    if entity == "FACILITY":
        return _case_like(original, _pick(FACILITIES, digest))
    if entity == "ADDRESS":
        fake = f"{1 + n % 9899} {_pick(STREETS, digest, 4)} {_pick(STREET_TYPES, digest, 8)}"
        return _case_like(original, fake)
    if entity == "PHOTO":
        ext = original.rsplit(".", 1)[-1] if "." in original[-6:] else "jpg"
        return f"image_{digest[:4].hex()}.{ext}"
    return shape_preserving(original, digest)
