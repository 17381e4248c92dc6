"""(R) any other unique identifying number: codes after ID-like labels (case, claim, order,
accession, encounter, specimen, visit, confirmation, reference, badge...).
"""

from __future__ import annotations

import re

from recognizers.accounts import is_billing_code
from recognizers.base import ID_VALUE, LABEL_SEP, Doc, Hit, Pattern, Recognizer
from recognizers.textscan import count_digits

_LABEL = (
    r"\b(?:case|claim|order|accession|acc|encounter|enc|visit|specimen|spec|requisition|req"
    r"|sample|ticket|reference|ref|confirmation|conf|tracking|episode|admission|adm|csn|fin"
    r"|study|trial\s?subject|subject|employee|badge|itin|tin|ein|voucher|authorization"
    r"|auth|prior\sauth|pa|referral|rx|prescription|lab|pathology|path|radiology|imaging"
    r"|barcode|wristband|armband|identifier|id|incident(?:\sreport)?|safety\sreport|event"
    r"|report|occurrence|complaint|grievance|member\sservices|transaction|tracking|inv)"
)


class OtherIdRecognizer(Recognizer):
    LETTER = "R"
    ENTITIES = ("OTHER_ID",)
    PATTERNS = (
        Pattern(
            "labelled",
            _LABEL + r"(?:\s(?:id|number|no\.?|#|code))?" + LABEL_SEP + r"(?P<phi>" + ID_VALUE + ")",
            0.8,
            flags=re.I,
            anchors=("case", "claim", "order", "acc", "enc", "visit", "spec", "req", "sample",
                     "ticket", "ref", "conf", "tracking", "episode", "adm", "csn", "fin", "study",
                     "trial", "subject", "employee", "badge", "itin", "tin", "ein", "voucher",
                     "auth", "prior", "pa", "referral", "rx", "prescription", "lab", "path",
                     "radiology", "imaging", "barcode", "wristband", "armband", "identifier",
                     "id", "incident", "safety", "event", "report", "occurrence", "complaint",
                     "grievance", "member", "transaction", "inv"),
        ),
    )

    def invalidate_result(self, value: str) -> bool:
        # "lab 12" or "visit 2": too short to identify anyone; "order 99213": a CPT code
        digits = count_digits(value)
        return len(value) < 4 or digits < 3 or is_billing_code(value)


class LongNumberRecognizer(Recognizer):
    """Any other long code: six or more digits (optionally with a letter prefix/suffix and
    dashes) standing alone. Clinical values are short or decimal; dates, phones and ZIPs are
    claimed by their own recognizers (overlaps merge), so what is left is an identifier."""

    LETTER = "R"
    ENTITIES = ("OTHER_ID",)
    PATTERNS = (
        Pattern(
            "long_code",
            r"(?<![\w.,/:-])(?P<phi>(?:[A-Z]{1,4}-?)?\d(?:[\d-]{0,20})\d(?:-?[A-Z]{1,3})?)"
            r"(?![\w/]|[.,:]\d|-\w)",
            0.6,
            flags=re.I,
        ),
    )

    def find(self, doc: Doc) -> list[Hit]:
        """Start at each digit run, or up to five characters before it for a letter prefix."""
        text = doc.text
        regex = self._compiled[0][1]
        hits: list[Hit] = []
        last_end = -1
        for start, run in _code_starts(text, doc.digit_spans):
            if run < last_end:
                continue
            m = regex.match(text, start)
            if m is None and start != run:
                m = regex.match(text, run)
            if m is None:
                continue
            last_end = m.end()
            value = m.group("phi")
            if self.invalidate_result(value):
                continue
            hits.append(Hit(m.start("phi"), m.end("phi"), "OTHER_ID", 0.6, self.name))
        return hits

    def invalidate_result(self, value: str) -> bool:
        digits = count_digits(value)
        return digits < 6 or "--" in value or (  # "0800-1630": a time range, 9 characters
            len(value) == 9 and value[4] == "-" and _TIME_RANGE.fullmatch(value) is not None)


def _code_starts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, run start) for each digit run that can open a long code: six digits or more,
    or followed by "-" to continue. ``start`` is where a prefix of up to four letters begins
    (before an optional "-"), when one stands after no word character, "_", ".", ",", "/",
    ":" or "-"; else the run's own start."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for span in spans:
        run = span[0]
        run_end = span[1]
        if run_end - run < 6 and not (run_end < n and text[run_end] == "-"):
            continue  # too short to reach six digits without a dash to continue
        start = run
        k = run - 1 if run > 0 and text[run - 1] == "-" else run
        j = k
        while j > 0 and k - j < 4 and _prefix_letter(text, j - 1):
            j -= 1
        if j < k and (j == 0 or not (text[j - 1].isalnum() or text[j - 1] in "_.,/:-")):
            start = j
        out.append((start, run))
    return out


def _prefix_letter(text: str, i: int) -> bool:
    """Is ``text[i]`` upper-cased to a string between "A" and "Z" (an ASCII letter, or
    "ß", "ﬁ", ... whose capitals are)?"""
    c = text[i]
    if c < "\x80":
        return "a" <= c <= "z" or "A" <= c <= "Z"
    return "A" <= text[i:i + 1].upper() <= "Z"


_TIME_RANGE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d-(?:[01]\d|2[0-3])[0-5]\d")
"""'0700-1900': a shift, not an identifier."""
