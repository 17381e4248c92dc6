"""The eighteen HIPAA Safe Harbor identifiers and the entity types that stand for them.

45 CFR 164.514(b)(2)(i) lists identifiers (A) to (R). Every entity type redact can report
belongs to exactly one letter, so an audit report can say which part of the rule each
redaction satisfied. This module is the single place where that mapping lives.
"""

from __future__ import annotations

from typing import NamedTuple


class Identifier(NamedTuple):
    """One Safe Harbor identifier: its letter, the rule's wording, and redact's entity types."""

    letter: str
    title: str
    entities: tuple[str, ...]


SAFE_HARBOR: tuple[Identifier, ...] = (
    Identifier("A", "Names", ("NAME",)),
    Identifier(
        "B",
        "Geographic subdivisions smaller than a state (street, city, county, precinct, ZIP, "
        "geocodes)",
        ("ADDRESS", "CITY", "COUNTY", "ZIP", "COORDINATES", "FACILITY"),
    ),
    Identifier(
        "C",
        "All elements of dates (except year) related to an individual; ages over 89",
        ("DATE", "BIRTH_DATE", "AGE"),
    ),
    Identifier("D", "Telephone numbers", ("PHONE",)),
    Identifier("E", "Fax numbers", ("FAX",)),
    Identifier("F", "Email addresses", ("EMAIL",)),
    Identifier("G", "Social Security numbers", ("SSN",)),
    Identifier("H", "Medical record numbers", ("MRN",)),
    Identifier("I", "Health plan beneficiary numbers", ("HEALTH_PLAN",)),
    Identifier("J", "Account numbers", ("ACCOUNT", "CREDIT_CARD", "BANK_ROUTING", "IBAN")),
    Identifier(
        "K",
        "Certificate/license numbers",
        ("LICENSE", "DRIVER_LICENSE", "DEA", "NPI", "PASSPORT"),
    ),
    Identifier("L", "Vehicle identifiers and serial numbers, including license plates",
               ("VIN", "LICENSE_PLATE")),
    Identifier("M", "Device identifiers and serial numbers", ("DEVICE",)),
    Identifier("N", "Web Universal Resource Locators (URLs)", ("URL",)),
    Identifier("O", "Internet Protocol (IP) addresses", ("IP_ADDRESS",)),
    Identifier("P", "Biometric identifiers, including finger and voice prints", ("BIOMETRIC",)),
    Identifier("Q", "Full-face photographs and any comparable images", ("PHOTO",)),
    Identifier("R", "Any other unique identifying number, characteristic, or code", ("OTHER_ID",)),
)

LETTERS: tuple[str, ...] = tuple(i.letter for i in SAFE_HARBOR)

#: entity type -> Safe Harbor letter
ENTITY_LETTER: dict[str, str] = {e: i.letter for i in SAFE_HARBOR for e in i.entities}

#: every entity type redact knows, in Safe Harbor order
ENTITIES: tuple[str, ...] = tuple(ENTITY_LETTER)


def letter_of(entity: str) -> str:
    """Return the Safe Harbor letter of an entity type (KeyError if unknown)."""
    return ENTITY_LETTER[entity]


def title_of(letter: str) -> str:
    """Return the rule's wording for a letter."""
    for ident in SAFE_HARBOR:
        if ident.letter == letter:
            return ident.title
    raise KeyError(letter)
