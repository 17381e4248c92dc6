"""(O) IP addresses, v4 and v6; v6 candidates are confirmed by the ipaddress module."""

from __future__ import annotations

import ipaddress
import re

from recognizers.base import Pattern, Recognizer

#: every IPv6 match has, within its first five characters, a colon followed by a hex digit or
#: another colon; other colons ("MRN: 123", "Note:") are never looked at
_V6_COLONS = tuple(":" + c for c in "0123456789abcdef:")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_V4_GATE = re.compile(r"\.\d{1,3}\.\d")
"""What every ``v4`` match holds (".168.1" in 192.168.1.1): searched from each "." at C speed,
it tells the many texts with no dotted number apart, where the pattern's own scan would stop
at every short digit run followed by a dot ("98.6", "1. Aspirin")."""


class IpAddressRecognizer(Recognizer):
    LETTER = "O"
    ENTITIES = ("IP_ADDRESS",)
    PATTERNS = (
        Pattern("v4", rf"(?<![\d.])(?P<phi>{_OCTET}(?:\.{_OCTET}){{3}})(?:/\d{{1,2}})?(?![\d.]\d)",
                0.85, digits=True, lengths=(1, 2, 3), follow=".", gate=_V4_GATE.search),
        Pattern("v6", r"(?<![\w:])(?P<phi>(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)"
                      r"[0-9A-Fa-f:]{2,39}(?:\d{1,3}(?:\.\d{1,3}){3})?)(?![\w:]|\.\d)", 0.85,
                tail=_V6_COLONS, window=4),
    )
    CONTEXT = ("ip", "address", "host", "login", "server")

    def validate_result(self, value: str) -> bool | None:
        if ":" not in value:
            return None
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            return False
        return True
