"""(K) certificate and licence numbers: DEA (checksum), NPI (Luhn), driver's licences,
nursing/medical/professional licences and passports (by their labels).
"""

from __future__ import annotations

import re

from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer, luhn_ok


def dea_ok(value: str) -> bool:
    """DEA registration: 2 letters + 7 digits; (d1+d3+d5) + 2(d2+d4+d6) ends in d7."""
    d = [int(c) for c in value[2:]]
    return len(d) == 7 and (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def npi_ok(digits: str) -> bool:
    """NPI: Luhn over the prefix 80840 plus the ten digits."""
    return len(digits) == 10 and digits[0] in "12" and luhn_ok("80840" + digits)


class DeaRecognizer(Recognizer):
    LETTER = "K"
    ENTITIES = ("DEA",)
    PATTERNS = (Pattern("dea", r"\b(?P<phi>[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7})\b", 0.5,
                        flags=re.I, digits=True, back=(2, 1), lengths=(7, 8), lead_alpha=True),)
    CONTEXT = ("dea",)

    def validate_result(self, value: str) -> bool | None:
        return dea_ok(value.upper())


class NpiRecognizer(Recognizer):
    LETTER = "K"
    ENTITIES = ("NPI",)
    PATTERNS = (Pattern("npi", r"(?<![\d-])(?P<phi>[12]\d{9})(?![\d]|-\d)", 0.6, digits=True,
                        lengths=(10,)),)
    CONTEXT = ("npi", "provider")

    def validate_result(self, value: str) -> bool | None:
        return True if npi_ok(value) else False


_DL_LABEL = (
    r"\b(?:driver'?s?\s*(?:licen[cs]e|lic\.?)|dl|d/l|dln|operator'?s?\s*licen[cs]e"
    r"|(?:state\s)?id\s*card)"
)
_PRO_LABEL = (
    r"\b(?:(?:rn|lpn|np|md|do|pa|nursing|medical|physician|professional|pharmacy|pharmacist|state"
    r"|board|cna|dental|dds|psychology|social\s?work|lcsw|aprn)\s*)?"
    r"(?:licen[cs]e|lic\b\.?|certificate|cert\b\.?|certification|registration)"
)
_PASSPORT = r"\bpassport"


class LicenseRecognizer(Recognizer):
    """Licence and certificate numbers after their labels (driver's, nursing, medical...)."""

    LETTER = "K"
    ENTITIES = ("LICENSE", "DRIVER_LICENSE", "PASSPORT")
    TRIGGERS = ("lic", "dl", "d/l", "cert", "registration", "passport", "id card")
    PATTERNS = (
        Pattern("driver", _DL_LABEL + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")", 0.9,
                entity="DRIVER_LICENSE", flags=re.I,
                anchors=("driver", "dl", "d/l", "operator", "state", "id")),
        Pattern("professional", _PRO_LABEL + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")", 0.85,
                flags=re.I, anchors=("rn", "lpn", "np", "md", "do", "pa", "nursing", "medical",
                                     "physician", "professional", "pharm", "state", "board",
                                     "cna", "dental", "dds", "psychology", "social", "lcsw",
                                     "aprn", "lic", "cert", "registration")),
        Pattern("passport", _PASSPORT + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")", 0.9,
                entity="PASSPORT", flags=re.I, anchors=("passport",)),
    )
