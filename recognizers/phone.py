"""(D) telephone and (E) fax numbers.

Candidates come from one cheap regular expression; the ``phonenumbers`` library then checks
that a candidate is a possible number for the configured regions (US by default). Running
``phonenumbers.PhoneNumberMatcher`` over whole texts is far slower and finds nothing more for
North American formats. A number is a fax when a fax cue ("fax", "F:", "facsimile") stands
shortly before it; the two letters share one scanner.
"""

from __future__ import annotations

import re
from typing import ClassVar

import phonenumbers

from recognizers.base import Doc, Hit, Pattern, Recognizer, pattern_matches
from recognizers.textscan import count_digits

_PHONE = (
    r"(?<![\w/.-])(?P<phi>"
    r"(?:\+?1[\s.-]{0,2})?(?:\(\d{3}\)|\d{3})[\s.-]{0,2}\d{3}[\s.-]?\d{4}"
    r"|\+\d{1,3}[\s.-]{0,2}(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}"
    r")"
    r"(?:\s{0,2}(?:x\.?|ext\.?|extension)\s{0,2}(?P<ext>\d{1,6}))?(?![\w/]|\.\d|-\d)"
)
_FAX_CUE = re.compile(r"\b(?:fax(?:ed)?|facsimile|f)\b\s*(?:no\.?|number|#)?\s*[:#]?", re.I)
_PLUS_NANP = re.compile(r"\+1[ .-]{0,2}(?:\([0-9]{3}\)|[0-9]{3})[ .-]{0,2}[0-9]{3}[ .-]?[0-9]{4}")
"""A North American number written with its country code ("+1 (617) 555-0199"): ``phonenumbers``
reads the 10 digits after "+1" as the national number, and 10 digits are a possible number of
country code 1 whatever they are (``tests/test_scan_shortcuts.py`` holds it to the library)."""


class _PhoneScanner(Recognizer):
    """Shared scanning for phone and fax; subclasses keep one kind."""

    ENTITIES: ClassVar[tuple[str, ...]] = ("PHONE",)
    # after the first digit run: a separator, ")", an extension ("x", "ext") or the end of
    # the number, which any non-word character may follow ("call 4045551234? thx"). A match
    # opens with "1", 3 digits, 10 or 11, or "+" (which ``lead`` covers: runs after a "+" are
    # tried whatever their length); a run of 2 cannot open one (an opening "1" must be
    # followed by a separator, "(" or three more digits), so runs of 2 are not tried
    # a one-digit run opens a match only as the country code "1" (or after "+")
    PATTERNS = (Pattern("phone", _PHONE, 0.75, flags=re.I, digits=True, lengths=(1, 3, 10, 11),
                        follow="xXeE", follow_nonword=True, lead="+", values=((1, 1, 1),)),)
    CONTEXT = ("phone", "tel", "telephone", "cell", "mobile", "call", "contact", "pager",
               "ph", "home", "work", "fax", "callback", "reach")
    WANT_FAX: ClassVar[bool] = False
    REGIONS: ClassVar[tuple[str, ...]] = ("US",)

    def find(self, doc: Doc) -> list[Hit]:
        return [Hit(start, end, self.ENTITIES[0], score, self.name)
                for start, end, is_fax, score in self._candidates(doc) if is_fax == self.WANT_FAX]

    def _candidates(self, doc: Doc) -> list[tuple[int, int, bool, float]]:
        """Phone-shaped, possible numbers with their fax flag: computed once per text and
        shared by the phone and fax recognizers."""
        key = "_phone_candidates"
        cached = doc.__dict__.get(key)
        if cached is not None:
            return cached
        out = []
        pattern, regex, _ = self._compiled[0]
        for m in pattern_matches(doc, pattern, regex):
            start, end = m.span("phi")
            if m.group("ext"):
                end = m.end("ext")
            if not self._possible(m.group("phi")):
                continue
            is_fax = self._is_fax(doc, start)
            score = 0.85 if is_fax or self.has_context(doc, start) else 0.75
            out.append((start, end, is_fax, score))
        doc.__dict__[key] = out
        return out

    def _possible(self, raw: str) -> bool:
        digits = count_digits(raw)
        if digits < 10 or digits > 15:
            return False
        if not raw.lstrip().startswith("+") and (digits == 10 or (
                digits == 11 and raw.lstrip("( ")[0] == "1")):
            return True  # a North American number: the shape is the test, no parse needed
        if self.REGIONS and _PLUS_NANP.fullmatch(raw):
            return True  # "+1" and 10 digits: possible in any region, no parse needed
        for region in self.REGIONS:
            try:
                num = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(num):
                return True
        return False

    @staticmethod
    def _is_fax(doc: Doc, start: int) -> bool:
        window = doc.text[max(0, start - 24):start]
        # every cue starts with "f", and only "f" and "F" match it under re.IGNORECASE
        return ("f" in window or "F" in window) and _FAX_CUE.search(window) is not None


class PhoneRecognizer(_PhoneScanner):
    """Telephone numbers (US formats, +international), with extensions."""

    LETTER = "D"


class FaxRecognizer(_PhoneScanner):
    """Fax numbers: a phone-shaped number after a fax cue."""

    LETTER = "E"
    ENTITIES = ("FAX",)
    WANT_FAX = True
