"""(J) account numbers: labelled accounts, credit cards (Luhn), ABA routing (checksum), IBAN.
"""

from __future__ import annotations

import re

from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer, luhn_ok, only_digits

_ACCOUNT_LABEL = (
    r"\b(?:(?:patient\s|billing\s|bank\s|checking\s|savings\s|guarantor\s|hospital\s)?"
    r"(?:account|acct|acc't|a/c)|billing|invoice|inv|statement|har|fin|guarantor)"
)


class AccountRecognizer(Recognizer):
    """Numbers after account, acct, billing, invoice, statement or guarantor labels."""

    LETTER = "J"
    ENTITIES = ("ACCOUNT",)
    TRIGGERS = ("acc", "a/c", "bill", "inv", "statement", "har", "fin", "guarantor")
    PATTERNS = (
        Pattern("labelled", _ACCOUNT_LABEL + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")", 0.85,
                flags=re.I, anchors=("patient", "billing", "bank", "checking", "savings",
                                     "guarantor", "hospital", "acc", "a/c", "inv", "statement",
                                     "har", "fin")),
    )

    def invalidate_result(self, value: str) -> bool:
        return is_billing_code(value)


_CODE = re.compile(r"\d{5}|[A-Z]\d{4}[A-Z]?|\d{4}[A-Z]|[A-Z]\d{2}(?:\.\w{1,4})?", re.I)


def is_billing_code(value: str) -> bool:
    """CPT (99213), HCPCS (G0439) and ICD-10 (E11.9) codes follow 'billing' labels too."""
    return _CODE.fullmatch(value) is not None


class CreditCardRecognizer(Recognizer):
    """13-19 digit card numbers (grouped or not) that pass Luhn and start like a card."""

    LETTER = "J"
    ENTITIES = ("CREDIT_CARD",)
    PATTERNS = (
        # a card opens with 3, 4, 5 or 6: its first run is worth 3000-6999 (4 digits) or
        # 3..-6.. (13 to 19): other runs ("2024", "0800") are not tried
        Pattern("card", r"(?<![\d-])(?P<phi>[3-6]\d{3}(?:[ -]?\d{2,4}){2,4}\d?)(?![\d])", 0.6,
                digits=True, lengths=(4, 13, 14, 15, 16, 17, 18, 19),
                values=tuple((n, 3 * 10 ** (n - 1), 7 * 10 ** (n - 1) - 1)
                             for n in (4, 13, 14, 15, 16, 17, 18, 19))),
    )
    CONTEXT = ("card", "visa", "mastercard", "amex", "discover", "credit", "cc")

    def validate_result(self, value: str) -> bool | None:
        digits = only_digits(value)
        return 13 <= len(digits) <= 19 and luhn_ok(digits)


def aba_ok(digits: str) -> bool:
    """ABA routing checksum: 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) = 0 mod 10."""
    if len(digits) != 9:
        return False
    d = [int(c) for c in digits]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    return total % 10 == 0 and digits[:2] in _ABA_PREFIXES


_ABA_PREFIXES = {f"{i:02d}" for i in (*range(0, 13), *range(21, 33), *range(61, 73), 80)}


class RoutingNumberRecognizer(Recognizer):
    """ABA routing transit numbers, after a routing/ABA/RTN label, checksum verified."""

    LETTER = "J"
    ENTITIES = ("BANK_ROUTING",)
    TRIGGERS = ("routing", "aba", "rtn", "transit")
    PATTERNS = (
        Pattern(
            "labelled",
            r"\b(?:routing|aba|rtn|transit)(?:\s*(?:transit|number|no\.?|#))?\s{0,3}[:#]?\s{0,3}"
            r"(?P<phi>\d{9})\b",
            0.9,
            flags=re.I,
            anchors=("routing", "aba", "rtn", "transit"),
        ),
    )

    def validate_result(self, value: str) -> bool | None:
        return aba_ok(value)


def iban_ok(value: str) -> bool:
    """ISO 13616 mod-97 check."""
    s = value.replace(" ", "").upper()
    if not (15 <= len(s) <= 34):
        return False
    moved = s[4:] + s[:4]
    num = "".join(str(int(ch, 36)) for ch in moved)
    return int(num) % 97 == 1


class IbanRecognizer(Recognizer):
    LETTER = "J"
    ENTITIES = ("IBAN",)
    PATTERNS = (
        Pattern("iban", r"\b(?P<phi>[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b",
                0.5, flags=re.I, digits=True, back=(2,), lead_alpha=True),
    )

    def validate_result(self, value: str) -> bool | None:
        return iban_ok(value)
