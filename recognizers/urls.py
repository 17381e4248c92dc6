"""(N) web URLs: with a scheme, starting with www., or a bare host under a common TLD."""

from __future__ import annotations

import re

from recognizers.base import Doc, Hit, Pattern, Recognizer

_TLDS = ("com|org|net|edu|gov|mil|int|io|us|info|biz|health|care|clinic|hospital|med|app"
         "|co|me|ly|ai|uk|ca|de|fr|au|nl|ru|cn|jp|in|br")
_TRAIL = ".,;:!?)]}'\""


class UrlRecognizer(Recognizer):
    LETTER = "N"
    ENTITIES = ("URL",)
    TRIGGERS = ("http", "www", "ftp", ".")
    PATTERNS = (
        Pattern("scheme", r"\b(?:https?|ftp|sftp|file)://[^\s<>\"'`]{1,2048}", 0.95, flags=re.I,
                anchors=("http", "ftp", "sftp", "file")),
        Pattern("www", r"\bwww\d{0,3}\.[^\s<>\"'`]{1,2048}", 0.9, flags=re.I, anchors=("www",)),
        Pattern(
            "bare",
            r"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}(?:" + _TLDS + r")"
            r"(?:/[^\s<>\"'`]{0,2048})?(?![\w@-])",
            0.6,
            flags=re.I,
            tail=tuple(f".{t}" for t in _TLDS.split("|")),
            # a host before its TLD: [a-z0-9.-] under re.IGNORECASE, which also matches
            # "ſ", "ı", "İ" and the Kelvin sign to ASCII letters
            tail_chars=frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789.-ſıİ\u212a"),
        ),
    )

    def find(self, doc: Doc) -> list[Hit]:
        hits = []
        for hit in super().find(doc):
            end = hit.end
            while end > hit.start and doc.text[end - 1] in _TRAIL:
                end -= 1
            if end > hit.start:
                hits.append(hit._replace(end=end))
        return hits
