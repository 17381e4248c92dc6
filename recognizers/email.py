"""(F) email addresses."""

from __future__ import annotations

import re

from recognizers.base import Pattern, Recognizer


class EmailRecognizer(Recognizer):
    """RFC 5322-ish addresses; local part and domain bounded so matching stays linear."""

    LETTER = "F"
    ENTITIES = ("EMAIL",)
    TRIGGERS = ("@", "[at]", "(at)")
    PATTERNS = (
        Pattern(
            "email",
            r"(?<![\w.+-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}"
            r"(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}){0,8}"
            r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}\b",
            0.95,
            tail=("@",),
        ),
        Pattern(
            "obfuscated",
            r"\b[A-Za-z0-9._%+-]{1,64}\s?(?:\[at\]|\(at\))\s?[A-Za-z0-9-]{1,63}"
            r"(?:\s?(?:\.|\[dot\]|\(dot\))\s?[A-Za-z0-9-]{1,63}){1,6}",
            0.85,
            flags=re.I,
            tail=("[at]", "(at)"),
        ),
    )
