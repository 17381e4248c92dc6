"""(Q) full-face photographs and comparable images, as they show up in text: image file
names, links to images, and inline data: URIs.
"""

from __future__ import annotations

import re

from recognizers.base import Pattern, Recognizer

_EXT = r"(?:jpe?g|png|gif|bmp|tiff?|heic|heif|webp|dcm|raw|cr2|nef)"


_EXTENSIONS = (".jp", ".png", ".gif", ".bmp", ".tif", ".hei", ".webp", ".dcm", ".raw", ".cr2",
               ".nef")


class PhotoRecognizer(Recognizer):
    LETTER = "Q"
    ENTITIES = ("PHOTO",)
    TRIGGERS = (*_EXTENSIONS, "data:image")
    PATTERNS = (
        Pattern("data_uri", r"data:image/[a-z0-9.+-]{1,20};base64,[A-Za-z0-9+/=\s]{1,10000000}",
                0.95, flags=re.I, anchors=("data:image",)),
        Pattern("file", r"(?<![\w./-])(?:[\w~.-]{0,200}/){0,20}[\w~+-][\w~.+-]{0,200}\." + _EXT
                + r"\b", 0.9, flags=re.I, tail=_EXTENSIONS),
    )
