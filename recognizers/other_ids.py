"""(R) any other unique identifying number: codes after ID-like labels (case, claim, order,
accession, encounter, specimen, visit, confirmation, reference, badge...).
"""

from __future__ import annotations

import re

from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer

_LABEL = (
    r"\b(?:case|claim|order|accession|acc|encounter|enc|visit|specimen|spec|requisition|req"
    r"|sample|ticket|reference|ref|confirmation|conf|tracking|episode|admission|adm|csn|fin"
    r"|study|trial\s?subject|subject|employee|badge|itin|tin|ein|voucher|authorization"
    r"|auth|prior\sauth|pa|referral|rx|prescription|lab|pathology|path|radiology|imaging"
    r"|barcode|wristband|armband|identifier|id)"
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
        # "lab 12" or "visit 2": too short to identify anyone
        digits = sum(c.isdigit() for c in value)
        return len(value) < 4 or digits < 3
