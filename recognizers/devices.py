"""(M) device identifiers and serial numbers: labelled serials, UDIs, GS1 element strings."""

from __future__ import annotations

import re

from recognizers.base import ID_VALUE, LABEL_SEP, Pattern, Recognizer

_MAC_MAP = bytes(104 if chr(b) in "0123456789ABCDEFabcdef" else 58 if chr(b) in ":-" else 32
                 for b in range(256))
_MAC_SHAPE = b"hh:hh:hh:hh:hh:hh"


def may_hold_mac(text: str) -> bool:
    """Can the ``mac`` pattern match anywhere in ``text``? Each of its matches is six pairs of
    hex digits joined by ":" or "-" (all ASCII). The text's ASCII bytes, hex digits mapped to
    "h", separators to ":" and all others to " ", are searched for that shape: C-speed byte
    operations instead of a regex scan that stops at every ":" and "-". Dropping non-ASCII
    characters may join pieces, never split a match, so a False is always right."""
    return _MAC_SHAPE in text.encode("ascii", "ignore").translate(_MAC_MAP)


class DeviceRecognizer(Recognizer):
    LETTER = "M"
    ENTITIES = ("DEVICE",)
    PATTERNS = (
        Pattern("gs1", r"(?P<phi>\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9\-./]{1,30}){0,6})", 0.95,
                anchors=("(01)",)),
        Pattern("gs1_plain", r"(?<!\d)(?P<phi>01\d{14}(?:1[0-7]\d{6}|10[A-Z0-9]{1,20}|21[A-Z0-9]{1,20}){1,4})\b",
                0.6, digits=True, lengths=tuple(range(16, 61))),
        Pattern(
            "labelled",
            r"\b(?:serial|s/n|sn|ser\.?|udi|device\s*(?:id|identifier|serial)|lot|imei|meid"
            r"|mac\s*address|model\s*/\s*serial|generator\s*serial|implant\s*(?:id|serial))"
            + LABEL_SEP + r"(?P<phi>" + ID_VALUE + r")",
            0.85,
            flags=re.I,
            anchors=("serial", "s/n", "sn", "ser", "udi", "device", "lot", "imei", "meid", "mac",
                     "model", "generator", "implant"),
        ),
        # found from its first separator: two hex digits after it, then another separator
        Pattern("mac", r"(?P<phi>[0-9A-Fa-f](?<![\w:-][0-9A-Fa-f])[0-9A-Fa-f][:-]"
                       r"(?:[0-9A-Fa-f]{2}[:-]){4}[0-9A-Fa-f]{2})(?![\w:-])", 0.85,
                seek=r"[:-](?=[0-9A-Fa-f]{2}[:-])", seek_back=2, gate=may_hold_mac),
    )
