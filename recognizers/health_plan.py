"""(I) health plan beneficiary numbers.

Medicare Beneficiary Identifiers have a published format (11 characters, fixed positions of
digits and letters, no S L O I B Z), so they are found anywhere. Commercial member,
subscriber, policy and group IDs have no format and are found after their labels.
"""

from __future__ import annotations

import re

from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer

_A = "[AC-HJKMNP-RT-Y]"
_AN = "[AC-HJKMNP-RT-Y0-9]"
_MBI = rf"\b[1-9]{_A}{_AN}\d-?{_A}{_AN}\d-?{_A}{{2}}\d{{2}}\b"
_LABEL = (
    r"\b(?:member|subscriber|policy(?:holder)?|group|grp|beneficiary|benefit|insurance|ins\.?"
    r"|insured|plan|medicaid|medicare|mbi|hicn|hic|payer|payor|coverage|bcbs|cigna|aetna"
    r"|humana|united\s?health(?:care)?|kaiser|tricare|champva)"
    r"(?:\s*(?:member|subscriber|policy|group|plan|beneficiary|insurance))?"
)


class HealthPlanRecognizer(Recognizer):
    LETTER = "I"
    ENTITIES = ("HEALTH_PLAN",)
    PATTERNS = (
        Pattern("mbi", _MBI, 0.85, digits=True, lengths=(1,), follow="", follow_alpha=True),
        Pattern("labelled", _LABEL + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")", 0.85, flags=re.I,
                anchors=("member", "subscriber", "policy", "group", "grp", "benef", "ins",
                         "plan", "medicaid", "medicare", "mbi", "hic", "payer", "payor",
                         "coverage", "bcbs", "cigna", "aetna", "humana", "united", "kaiser",
                         "tricare", "champva")),
    )
    CONTEXT = ("medicare", "mbi", "beneficiary", "member", "insurance")
