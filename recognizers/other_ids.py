"""(R) any other unique identifying number: codes after ID-like labels (case, claim, order,
accession, encounter, specimen, visit, confirmation, reference, badge...).
"""

from __future__ import annotations

import re

from recognizers.accounts import is_billing_code
from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer

_LABEL = (
    r"\b(?:case|claim|order|accession|acc|encounter|enc|visit|specimen|spec|requisition|req"
    r"|sample|ticket|reference|ref|confirmation|conf|tracking|episode|admission|adm|csn|fin"
    r"|study|trial\s?subject|subject|employee|badge|itin|tin|ein|voucher|authorization"
    r"|auth|prior\sauth|pa|referral|rx|prescription|lab|pathology|path|radiology|imaging"
    r"|barcode|wristband|armband|identifier|id|incident(?:\sreport)?|safety\sreport|event"
    r"|report|occurrence|complaint|grievance|member\sservices|transaction|tracking|inv)"
)


class OtherIdRecognizer(Recognizer):
    LETTER = "R"
    ENTITIES = ("OTHER_ID",)
    PATTERNS = (
        Pattern(
            "labelled",
            _LABEL + r"(?:\s(?:id|number|no\.?|#|code))?" + LABEL_SEP + r"(?P<phi>" + ID_VALUE + ")",
            0.8,
            flags=re.I,
        ),
    )

    def invalidate_result(self, value: str) -> bool:
        # "lab 12" or "visit 2": too short to identify anyone; "order 99213": a CPT code
        digits = sum(c.isdigit() for c in value)
        return len(value) < 4 or digits < 3 or is_billing_code(value)


class LongNumberRecognizer(Recognizer):
    """Any other long code: six or more digits (optionally with a letter prefix/suffix and
    dashes) standing alone. Clinical values are short or decimal; dates, phones and ZIPs are
    claimed by their own recognizers (overlaps merge), so what is left is an identifier."""

    LETTER = "R"
    ENTITIES = ("OTHER_ID",)
    PATTERNS = (
        Pattern(
            "long_code",
            r"(?<![\w.,/:-])(?P<phi>(?:[A-Z]{1,4}-?)?\d(?:[\d-]{0,20})\d(?:-?[A-Z]{1,3})?)"
            r"(?![\w/]|[.,:]\d|-\w)",
            0.6,
            flags=re.I,
        ),
    )

    def invalidate_result(self, value: str) -> bool:
        digits = sum(c.isdigit() for c in value)
        return digits < 6 or "--" in value or _TIME_RANGE.fullmatch(value) is not None


_TIME_RANGE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d-(?:[01]\d|2[0-3])[0-5]\d")
"""'0700-1900': a shift, not an identifier."""
