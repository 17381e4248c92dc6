"""(A) names of patients, relatives, clinicians and anyone else, without a statistical model.

Evidence, strongest first:

1. a title before (Mr., Mrs., Ms., Dr., Prof.) or a credential after (", MD", "RN");
2. a field label with a colon (``Patient:``, ``Name:``, ``Electronically signed by:``);
3. a relation or role cue before (``daughter Mary``, ``seen by jones``, ``spoke with``);
4. dictionary shape: a first name followed by a capitalized word (``John A. Smith``),
   ``SMITH, JOHN``, or a single capitalized Census surname / SSA first name that is not an
   English or clinical word;
5. propagation: once a word is known to be a name in a text, its other occurrences are too.

The case of a line matters: in ALL-CAPS or all-lower-case notes capitalization carries no
signal, so only dictionary words that are not English or clinical vocabulary are taken
without a cue. English words that are also names (Hope, Will, Rose, Mark, May, Hunter,
Walker, Brown...) are names only after a cue.
"""

from __future__ import annotations

import re
from typing import ClassVar

from recognizers import lexicon
from recognizers.base import Doc, Hit, Recognizer, Token

TITLES = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sr sister rev fr mister madam mme mlle".split()
)
CREDENTIALS = frozenset(
    "md m.d do d.o rn np pa pa-c phd dds dmd pharmd lpn lvn cnm crna fnp aprn dnp msn bsn mph "
    "facs facp lcsw msw psyd od dpt otr ccc-slp rd cna emt paramedic arnp acnp agnp anp".split()
)
RELATIONS = frozenset(
    "daughter son wife husband mother mom mum father dad sister brother niece nephew grandson "
    "granddaughter grandmother grandfather grandma grandpa aunt uncle cousin spouse partner "
    "fiance fiancee fiancé boyfriend girlfriend friend neighbor neighbour caregiver guardian poa "
    "hcp proxy roommate stepson stepdaughter stepmother stepfather sibling child baby infant "
    "grandchild twin widow widower companion sponsor".split()
)
ROLE_CUES = frozenset(
    "patient pt by with per called paged page spoke contacted notified informed told asked "
    "seen evaluated examined discussed d/w dw attending resident intern fellow nurse rn np pa "
    "pcp surgeon physician provider therapist pharmacist cc dear hi hello thanks thank "
    "named chaplain interpreter cm sw dietitian covering coverage oncall on-call tech "
    "technician aide sitter cna mr mrs ms dr".split()
)
FIELD_LABELS = frozenset(
    "name patient pt attending provider pcp referring surgeon resident nurse rn author signed "
    "dictated transcribed cosigned co-signed contact kin nok guardian spouse mother father to "
    "from cc re caregiver interpreter ordering performed verified reviewed approved oncall "
    "on-call covering manager worker sw chaplain dietitian pharmacist therapist physician md "
    "np pa doctor dr by proxy poa hcp daughter son wife husband sister brother emergency "
    "informant source requested sender recipient attn attention member subscriber insured "
    "guarantor responsible party".split()
)
_FIELD_COLON = re.compile(r"\s{0,2}[:]\s{0,3}$|\s{0,2}[:-]\s{0,3}$")
_GAP_OK = re.compile(r"^(?:\s{1,2}|,\s{1,2}|\s?-\s?|\s{0,2}\(\s{0,2})$")
_INITIAL = re.compile(r"^\s{1,2}[A-Za-z]\.?\s{1,2}$")
_POSSESSIVE = ("'s", "’s")


class NameRecognizer(Recognizer):
    LETTER = "A"
    ENTITIES = ("NAME",)
    CONTEXT = tuple(sorted(RELATIONS | ROLE_CUES))
    MIN_LEN: ClassVar[int] = 2

    def find(self, doc: Doc) -> list[Hit]:
        tokens = doc.tokens
        if not tokens:
            return []
        first = lexicon.first_names()
        last = lexicon.surnames()
        english = lexicon.english_words()
        clinical = lexicon.clinical_terms()
        text = doc.text
        n = len(tokens)
        score: dict[int, float] = {}

        def base(tok: Token) -> str:
            low = tok.lower
            return low[:-2] if low.endswith(_POSSESSIVE) else low

        def is_name_word(low: str) -> bool:
            if low in first or low in last:
                return True
            if "-" in low:
                return all(p in first or p in last for p in low.split("-"))
            return False

        def is_cap(tok: Token) -> bool:
            return tok.text[0].isupper()

        def strong(low: str) -> bool:
            """A dictionary name that is not also ordinary or clinical vocabulary."""
            return (len(low) > self.MIN_LEN and is_name_word(low) and low not in english
                    and low not in clinical)

        def gap(i: int) -> str:
            return text[tokens[i - 1].end:tokens[i].start]

        def mark(i: int, s: float) -> None:
            if s > score.get(i, 0.0):
                score[i] = s

        def take_following(i: int, s: float, limit: int, cap_only: bool) -> None:
            """Mark up to ``limit`` name-like tokens from i on, on the same line."""
            j = i
            taken = 0
            while j < n and taken < limit:
                tok = tokens[j]
                if j > i and not (_GAP_OK.match(gap(j)) or _INITIAL.match(gap(j))):
                    break
                low = base(tok)
                if low in TITLES and j == i:
                    j += 1
                    continue
                if low in CREDENTIALS and j > i and tok.text.isupper():
                    break
                if text.startswith(":", tok.end) or (
                        j + 1 < n and text[tok.end:tokens[j + 1].start].strip() == ":"):
                    break  # "SMITH, JOHN  MRN: ..." stops at the next label
                case = doc.line_case(tok.start)
                if low in clinical:
                    break
                if case == "mixed":
                    ok = is_cap(tok) or (j == i and is_name_word(low) and low not in english)
                elif j == i:
                    ok = is_name_word(low) and (not cap_only or low not in english)
                else:
                    ok = is_name_word(low) and low not in english
                if len(tok.text) == 1 and tok.text.isupper() and taken > 0:
                    ok = True
                if not ok:
                    break
                mark(j, s)
                taken += 1
                j += 1

        for i, tok in enumerate(tokens):
            low = base(tok)
            case = doc.line_case(tok.start)
            nxt_gap = text[tok.end:tokens[i + 1].start] if i + 1 < n else ""
            # 1. titles: "Dr. Jones", "MR SMITH", "dr hunter"
            if low in TITLES and i + 1 < n and re.match(r"^\.?\s{1,2}$", nxt_gap):
                take_following(i + 1, 0.95, 3, cap_only=False)
                continue
            # 2. field labels: "Patient: SMITH, JOHN", "Electronically signed by: Jane Roe"
            if low in FIELD_LABELS and i + 1 < n and _FIELD_COLON.match(nxt_gap):
                take_following(i + 1, 0.95, 4, cap_only=False)
                continue
            # 3. relation and role cues
            if i + 1 < n and re.match(r"^[\s,(]{1,3}$", nxt_gap):
                if low in RELATIONS:
                    take_following(i + 1, 0.85, 2, cap_only=False)
                elif low in ROLE_CUES:
                    take_following(i + 1, 0.85, 3, cap_only=True)
            # 4. credentials after: "Jane Roe, MD", "J. Roe RN"
            if low in CREDENTIALS and i > 0 and (tok.text.isupper() or "." in text[tok.end:tok.end + 1]) \
                    and re.match(r"^,?\s{1,2}$", gap(i)):
                j = i - 1
                taken = 0
                while j >= 0 and taken < 3:
                    prev = tokens[j]
                    plow = base(prev)
                    if not (is_cap(prev) or is_name_word(plow)) or plow in clinical \
                            or plow in CREDENTIALS or plow in FIELD_LABELS:
                        break
                    mark(j, 0.9)
                    taken += 1
                    if j == 0 or not (_GAP_OK.match(gap(j)) or _INITIAL.match(gap(j))):
                        break
                    j -= 1
            # 5. dictionary shape
            if len(low) < self.MIN_LEN or low in clinical:
                continue
            if case == "mixed":
                if not is_cap(tok):
                    continue
                if strong(low):
                    mark(i, 0.7)
                elif low in first and i + 1 < n and (_GAP_OK.match(nxt_gap) or _INITIAL.match(nxt_gap)):
                    nxt = tokens[i + 1]
                    nlow = base(nxt)
                    if is_cap(nxt) and nlow not in clinical and (
                            nlow in last or nlow not in english) and nxt_gap.strip() != "(":
                        if len(nxt.text) == 1 and i + 2 < n:  # John A. Smith
                            third = tokens[i + 2]
                            if is_cap(third) and base(third) not in clinical and \
                                    (base(third) in last or base(third) not in english):
                                mark(i, 0.8)
                                mark(i + 2, 0.8)
                        elif len(nxt.text) > 1:
                            mark(i, 0.8)
                            mark(i + 1, 0.8)
            elif strong(low):
                mark(i, 0.7)

        if not score:
            return []
        # 6. propagation: other mentions of a word already found to be a name
        known = {base(tokens[i]) for i in score}
        known = {k for k in known if len(k) > self.MIN_LEN and k not in clinical}
        for i, tok in enumerate(tokens):
            if i in score:
                continue
            low = base(tok)
            if low in known and (low not in english or (is_cap(tok) and doc.line_case(tok.start) == "mixed")):
                mark(i, 0.75)
        return self._spans(doc, tokens, score)

    def _spans(self, doc: Doc, tokens: list[Token], score: dict[int, float]) -> list[Hit]:
        """Join marked tokens (and initials between them) into name spans."""
        text = doc.text
        hits: list[Hit] = []
        order = sorted(score)
        cur_start = cur_end = -1
        cur_score = 0.0
        prev_i = -10
        for i in order:
            tok = tokens[i]
            end = tok.end - 2 if tok.lower.endswith(_POSSESSIVE) else tok.end
            joined = False
            if cur_start >= 0:
                between = text[cur_end:tok.start]
                if i == prev_i + 1 and re.match(r"^(?:\s{1,2}|,\s{1,2}|-|\s?[A-Za-z]\.\s|\.\s)$", between):
                    joined = True
                elif i == prev_i + 2 and _INITIAL.match(between):
                    joined = True
            if joined:
                cur_end = end
                cur_score = max(cur_score, score[i])
            else:
                if cur_start >= 0:
                    hits.append(Hit(cur_start, cur_end, "NAME", cur_score, self.name))
                cur_start, cur_end, cur_score = tok.start, end, score[i]
            prev_i = i
        if cur_start >= 0:
            hits.append(Hit(cur_start, cur_end, "NAME", cur_score, self.name))
        return hits
