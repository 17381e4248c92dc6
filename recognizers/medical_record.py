"""(H) medical record numbers.

An MRN has no universal format (each EHR issues its own), so the label is what makes a code
an MRN: MRN, MR#, medical record (number), chart (number), patient ID, hospital number.
"""

from __future__ import annotations

import re

from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer

_LABEL = (
    r"\b(?:mrn|mr\s?#|mr\s?no\.?|med(?:ical)?\.?\s*rec(?:ord)?s?\.?(?:\s*(?:number|no\.?|#))?"
    r"|chart(?:\s*(?:number|no\.?|#|id))?|patient\s*(?:id|#|number|no\.?|identifier)"
    r"|pt\.?\s*(?:id|#|no\.?)|hosp(?:ital)?\.?\s*(?:number|no\.?|#|id)|unit\s*(?:number|no\.?)"
    r"|emr\s*(?:#|id|number)|ehr\s*(?:#|id|number)|epic\s*(?:#|id|mrn))"
)


class MedicalRecordRecognizer(Recognizer):
    LETTER = "H"
    ENTITIES = ("MRN",)
    TRIGGERS = ("mr", "med", "chart", "patient", "pt", "hosp", "unit", "emr", "ehr", "epic")
    PATTERNS = (
        Pattern("labelled", _LABEL + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")", 0.9, flags=re.I,
                anchors=("mr", "med", "chart", "patient", "pt", "hosp", "unit", "emr", "ehr",
                         "epic")),
        Pattern("prefixed", r"\b(?P<phi>MRN[-:]?\d{5,12})\b", 0.9, anchors=("mrn",)),
    )
