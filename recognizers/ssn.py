"""(G) Social Security numbers, with the SSA's validity rules.

Never issued, hence rejected: area 000, 666 and 900-999; group 00; serial 0000; and the
famous advertising number 078-05-1120. Nine bare digits are an SSN only after an SSN cue,
since nine-digit runs are also routing, account and claim numbers.
"""

from __future__ import annotations

from recognizers.base import Pattern, Recognizer, only_digits

_CUE = r"(?:ssn|ss\s?#|soc(?:ial)?\.?\s*sec(?:urity)?\.?(?:\s*(?:no\.?|num\.?|number|#))?)"


class SsnRecognizer(Recognizer):
    LETTER = "G"
    ENTITIES = ("SSN",)
    PATTERNS = (
        Pattern("dashed", r"(?<![\w-])(?P<phi>\d{3}-\d{2}-\d{4})(?![\w]|-\d)", 0.85, digits=True,
                lengths=(3,), follow="-"),
        Pattern("spaced", r"(?<![\w-])(?P<phi>\d{3} \d{2} \d{4})(?![\w]| \d)", 0.5, digits=True,
                lengths=(3,), follow=" "),
        Pattern(
            "labelled",
            r"(?i:" + _CUE + r")\s{0,3}[:#]?\s{0,3}(?P<phi>\d{3}[ .-]?\d{2}[ .-]?\d{4}|\*{3}-?\*{2}-?\d{4}|x{3}-?x{2}-?\d{4})\b",
            0.95,
            anchors=("ssn", "ss", "soc"),
        ),
    )
    CONTEXT = ("ssn", "social", "security", "ss")

    def invalidate_result(self, value: str) -> bool:
        digits = only_digits(value)
        if len(digits) == 4:  # masked ***-**-1234: the last four still identify
            return False
        if len(digits) != 9:
            return True
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        return (
            area in ("000", "666")
            or area[0] == "9"
            or group == "00"
            or serial == "0000"
            or digits in ("078051120", "219099999", "123456789")
        )

