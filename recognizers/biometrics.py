"""(P) biometric identifiers: references to and IDs of finger, voice, retina, iris, palm and
face templates. The biometric itself never appears in text; its template ID or file does.
"""

from __future__ import annotations

import re

from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer

_KIND = (
    r"(?:finger\s?print|thumb\s?print|voice\s?print|voice\s(?:sample|signature)|retina(?:l)?"
    r"(?:\sscan)?|iris|palm\s?print|palm\svein|face\s?print|facial\s(?:geometry|recognition|scan)"
    r"|hand\sgeometry|gait|dna\sprofile|biometric)"
)
_WHAT = (r"(?:\s(?:scan|template|image|record|sample|signature|enrol(?:l)?ment|hash|data"
         r"|profile|file|reference|capture))?")


_ANCHORS = ("finger", "thumb", "voice", "retina", "iris", "palm", "face", "facial", "hand",
            "gait", "dna", "biometric")


class BiometricRecognizer(Recognizer):
    LETTER = "P"
    ENTITIES = ("BIOMETRIC",)
    TRIGGERS = ("print", "voice", "retina", "iris", "palm", "face", "facial", "hand", "gait",
                "dna", "biometric")
    PATTERNS = (
        Pattern(
            "labelled",
            r"\b" + _KIND + _WHAT + r"(?:\s(?:id|identifier|no\.?|number|ref|reference))?"
            + r"(?:\s(?:on\sfile|stored|captured|enrolled|recorded))?(?:\sas)?"
            + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")",
            0.9,
            flags=re.I,
            anchors=_ANCHORS,
        ),
        Pattern("hex", r"\b" + _KIND + _WHAT + r"[^\n]{0,20}?\b(?P<phi>[0-9a-f]{16,128})\b", 0.9,
                flags=re.I, anchors=_ANCHORS),
    )
