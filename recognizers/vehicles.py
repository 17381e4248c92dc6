"""(L) vehicle identifiers: VINs (ISO 3779 check digit) and licence plates (by label)."""

from __future__ import annotations

import re

from recognizers.base import LABEL_SEP, Pattern, Recognizer

_TRANSLIT = {**{str(i): i for i in range(10)},
             **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))),
             "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_ok(vin: str) -> bool:
    """North American VIN check digit (position 9)."""
    vin = vin.upper()
    if len(vin) != 17 or any(c not in _TRANSLIT for c in vin):
        return False
    total = sum(_TRANSLIT[c] * w for c, w in zip(vin, _WEIGHTS))
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


_VIN_MAP = bytes(118 if chr(b) in "ABCDEFGHJKLMNPRSTUVWXYZ0123456789" else 32 for b in range(256))
_VIN_RUN = b"v" * 17


def may_hold_vin(text: str) -> bool:
    """Can the ``vin`` pattern match anywhere in ``text``? Each of its matches is a run of 17
    characters of ``[A-HJ-NPR-Z0-9]`` (ASCII, the pattern is case-sensitive). The text's ASCII
    bytes, VIN characters mapped to "v" and all others to " ", are searched for 17 "v"s: C-speed
    byte operations, several times cheaper than the regex's own scan. Dropping the non-ASCII
    characters may join two runs, never split one, so a False is always right."""
    return _VIN_RUN in text.encode("ascii", "ignore").translate(_VIN_MAP)


class VinRecognizer(Recognizer):
    LETTER = "L"
    ENTITIES = ("VIN",)
    PATTERNS = (
        # starts with a character class (not \b) so that re can skip to candidates at C
        # speed; the left boundary is checked right after the first character
        Pattern("vin", r"(?P<phi>[A-HJ-NPR-Z0-9](?<![A-Za-z0-9][A-HJ-NPR-Z0-9])"
                       r"[A-HJ-NPR-Z0-9]{16})(?![A-Za-z0-9])", 0.4, gate=may_hold_vin),
        Pattern("labelled", r"(?i:\bvin\b)" + LABEL_SEP + r"(?P<phi>[A-HJ-NPR-Za-hj-npr-z0-9]{11,17})\b",
                0.9, anchors=("vin",)),
    )
    CONTEXT = ("vin", "vehicle")

    def invalidate_result(self, value: str) -> bool:
        # a VIN mixes letters and digits; 17 digits or 17 letters are something else
        return value.isdigit() or value.isalpha()

    def validate_result(self, value: str) -> bool | None:
        return True if vin_ok(value) else None


class LicensePlateRecognizer(Recognizer):
    """Plates have no national format; the label makes them identifiers."""

    LETTER = "L"
    ENTITIES = ("LICENSE_PLATE",)
    TRIGGERS = ("plate", "tag", "registration", "reg")
    PATTERNS = (
        Pattern(
            "labelled",
            r"\b(?:(?:licen[cs]e\s)?plate|tag|vehicle\sregistration|reg\.?)"
            r"(?:\s*(?:number|no\.?|#))?\s{0,3}[:#]?\s{0,3}(?:(?:is|reads)\s)?"
            r"(?:[A-Z]{2}\s)?"
            r"(?P<phi>(?=[A-Z0-9 -]{0,9}\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,5})\b",
            0.85,
            flags=re.I,
            anchors=("licen", "plate", "tag", "vehicle", "reg"),
        ),
    )
