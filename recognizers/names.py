"""(A) names of patients, relatives, clinicians and anyone else, without a statistical model.

Evidence, strongest first:

1. a title before (Mr., Mrs., Ms., Dr., Prof.) or a field label with a colon
   (``Patient:``, ``Name:``, ``Electronically signed by:``);
2. a relation or strong role cue before (``daughter Mary``, ``seen by jones``, ``RN Kelly``),
   a credential after (``Jane Roe, MD``), or a signature line (``-- hunter``);
3. a weak cue before (``per``, ``with``, ``called``): only dictionary names count;
4. dictionary shape: a single capitalized Census surname / SSA first name that is not an
   English or clinical word, or a first name followed by a capitalized word;
5. extension and propagation: words next to a found name that are themselves name-like
   (``MORGAN, GENE``, ``Wojciech Novak``) join it, and once a word is known to be a name in
   a text its other occurrences are names too.

The letter case of a line matters: in ALL-CAPS or all-lower-case notes capitalization carries
no signal, so without a cue only dictionary words that are not English or clinical vocabulary
are taken. English words that are also names (Hope, Will, Rose, Mark, May, Hunter, Walker...)
are names only after a cue. State names, languages, eponyms (Crohn's disease, Babinski sign)
and car makes are never names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import repeat
from operator import sub
from typing import ClassVar

from recognizers import lexicon
from recognizers.base import (
    APOSTROPHES,
    Doc,
    Hit,
    Recognizer,
    register_needles,
    word_set,
)
from recognizers.textscan import (
    bullet_lines,
    members,
    members_sized,
    sentence_breaks,
    signature_candidates,
    tokens_ending_at,
)

TITLES = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sister rev fr mister madam mme mlle".split()
)
CREDENTIALS = frozenset(
    "md m.d do d.o rn np pa pa-c phd dds dmd pharmd lpn lvn cnm crna fnp aprn dnp msn bsn mph "
    "facs facp lcsw msw psyd od dpt otr ccc-slp rd cna emt arnp acnp agnp anp ccrn rrt mba "
    "ms mbbs fnp-c np-c dc".split()
)
RELATIONS = frozenset(
    "daughter son wife husband mother mom mum father dad sister brother niece nephew grandson "
    "granddaughter grandmother grandfather grandma grandpa aunt uncle cousin spouse partner "
    "fiance fiancee fiancé boyfriend girlfriend friend neighbor neighbour caregiver guardian poa "
    "hcp proxy roommate stepson stepdaughter stepmother stepfather sibling grandchild twin "
    "widow widower companion sponsor".split()
)
#: role nouns that stand right before a person's name ("RN Kelly", "attending Smith")
STRONG_ROLES = frozenset(
    "rn nurse np pa md attending resident intern fellow surgeon physician provider pcp "
    "therapist pharmacist chaplain interpreter cm sw dietitian tech technician aide sitter "
    "cna hospitalist intensivist anesthesiologist radiologist cardiologist oncologist "
    "neurologist nephrologist psychiatrist psychologist counselor midwife doula paramedic".split()
)
#: verbs + preposition that stand before a name ("seen by", "spoke with")
STRONG_PAIRS = frozenset({
    ("seen", "by"), ("evaluated", "by"), ("examined", "by"), ("signed", "by"), ("given", "to"),
    ("spoke", "with"), ("discussed", "with"), ("talked", "with"), ("talked", "to"),
    ("spoke", "to"), ("reviewed", "with"), ("d/w", ""), ("per", "dr"), ("cosigned", "by"),
    ("dictated", "by"), ("transcribed", "by"), ("covered", "by"), ("updated", "by"),
    ("called", "by"), ("handed", "to"), ("report", "to"), ("accompanied", "by"),
    ("visited", "by"), ("care", "of"), ("c/o", ""), ("attn", ""), ("dear", ""), ("hi", ""),
    ("hello", ""), ("thanks", ""), ("thank", "you"), ("cc", ""), ("paged", ""), ("called", ""),
    ("notified", ""), ("contacted", ""), ("informed", ""), ("consulted", ""), ("fyi", ""),
})
WEAK_CUES = frozenset("patient pt by with to from and for per".split())
FIELD_LABELS = frozenset(
    "name patient pt attending provider pcp referring surgeon resident nurse rn author signed "
    "dictated transcribed cosigned co-signed contact kin nok guardian spouse mother father to "
    "from cc re caregiver interpreter ordering performed verified reviewed approved oncall "
    "on-call covering manager worker sw chaplain dietitian pharmacist therapist physician md "
    "np pa doctor dr by proxy poa hcp daughter son wife husband sister brother emergency "
    "informant source requested sender recipient attn attention member subscriber insured "
    "guarantor party primary backup consultant consult subject".split()
)
EPONYM_NEXT = lexicon.EPONYM_NEXT
FUNCTION_WORDS = frozenset(
    "a an the to at on in of for and or but nor with from by as is was are were be been has "
    "had have do does did not no yes if so then than that this these those there here it its "
    "he she they we you i me him her them his hers their our your my also very just only "
    "about into over under after before during while per via re".split()
)
#: nouns that follow "seen by", "discussed with"... and are never the name
NOT_NAMES = frozenset(
    "patient patients pt family team staff nursing nurse nurses doctor doctors physician "
    "provider providers attending resident residents fellow intern pharmacy pharmacist "
    "therapy therapist wife husband son daughter mother father sister brother parents "
    "caregiver friend friends case management social work worker hospice consult "
    "consultant service services surgery medicine cardiology neurology oncology radiology "
    "me him her them us everyone someone anyone all both each".split()
)
LANGUAGES = frozenset(
    "english spanish cantonese mandarin chinese vietnamese portuguese haitian creole french "
    "russian arabic korean japanese tagalog hindi urdu bengali punjabi polish italian german "
    "greek somali amharic swahili farsi persian dari pashto hmong khmer lao thai burmese nepali "
    "ukrainian armenian hebrew yiddish turkish albanian serbian croatian bosnian romanian "
    "tigrinya oromo yoruba igbo hausa asl sign".split()
)
CAR_MAKES = frozenset(
    "honda toyota chevrolet chevy nissan hyundai kia subaru mazda volkswagen vw bmw audi "
    "mercedes lexus acura infiniti jeep chrysler buick cadillac gmc tesla volvo "
    "mitsubishi ram porsche jaguar".split()
)
ABBREVIATED_DAYS = frozenset(
    "mon tue tues wed thu thur thurs fri sat sun feb apr jun jul aug sep sept oct nov dec "
    "fyi asap eod re fwd".split()
)
#: name particles that may stand in a hyphenated surname without being names themselves
PARTICLES = frozenset("al el abu bin ibn ben de da di du le la van von der den st".split())
_CUE_GAP = re.compile(r"^[ \t,(:-]{1,4}$")
_FIELD_GAP = re.compile(r"^[ \t]{0,2}:[ \t]{0,3}$|^[ \t]{0,2}[:-][ \t]{1,3}$")
_NAME_GAP = re.compile(r"^(?:[ \t]{1,2}|,[ \t]{1,2}|[ \t]?-[ \t]?)$")
_INITIAL_GAP = re.compile(r"^[ \t]{1,2}[A-Za-z]\.?[ \t]{1,2}$")
_NAME_WORDS = r"[^\W\d_][\w'’-]{0,30}+(?:\.?[ \t]{1,2}+[^\W\d_][\w'’-]{0,30}+){0,3}+"
_SIGNATURE_LINE = re.compile(
    r"[ \t]*(?P<dash>(?:--?|—|–|~)[ \t]{0,2})?(?P<name>" + _NAME_WORDS + r")"
    r"(?:,[ \t]{0,2}[A-Za-z.-]{1,8}+){0,3}+[ \t]*$"
)
"""A line (or a line's last sentence) that is only a name, optionally after '--'.

The quantifiers are possessive: on the many lines that are prose, not a name, the plain
pattern gave back every letter of up to four words before failing at the line end, about
half of the rule's time. Giving back can never succeed here (whatever follows a word, a
space run or a credential in a match is outside the class just repeated), so the matches
are the same; ``tests/test_scanning.py`` checks that against the plain pattern."""
_LIST_ITEM_RE = re.compile(
    r"[ \t]*[-•*][ \t]{1,2}(?P<name>[A-Z][\w'’-]{1,30}(?:,?[ \t][A-Z][\w'’-]{0,30}){0,3})"
    r"[ \t]*(?:\([ \t]?|,[ \t])[A-Z]{0,3}\d",
)
_TITLE_GAP = re.compile(r"^\.?[ \t]{1,2}$")
_CREDENTIAL_GAP = re.compile(r"^,?[ \t]{1,2}$")
_AFTER_INITIAL = re.compile(r"\.|[ \t]{2,}|[ \t]*(?:[|(,\n]|$)")
_SPAN_GAP = re.compile(r"^(?:[ \t]{1,2}|,[ \t]{1,2}|-|[ \t]?[A-Za-z]\.[ \t]|\.[ \t])$")
"""What may stand between two marked words of one name span."""
_CELL_RE = re.compile(
    r"(?P<name>[A-Z](?<![A-Za-z'’-][A-Z])[A-Za-z'’-]{1,30}+,[ \t][A-Z][A-Za-z'’-]{1,30}+"
    r"(?:[ \t][A-Z]\.?)?)[ \t]*(?=\||[ \t]{2}|$)",
    re.M,
)
"""A 'SMITH, JOHN' table cell, from its name on: what must stand before the name (the line's
start, "|" or two blanks, then any blanks) is checked by :func:`_cell_opens`. Written this
way the regex opens with a character class, so a search skips to capitals at C speed; with
the opening in the regex it was tried at every position of every window. The word
quantifiers are possessive: what follows each word (",", a blank, "|" or the line's end) is
never a letter, so giving letters back cannot make a match, and a search no longer tries
it at every capital of prose ("Hypertension, ..." gave back 11 letters)."""
_SIGNATURE_MAX = 4 * 32 + 3 * 11 + 8
_GAP_TESTS = (_NAME_GAP, _INITIAL_GAP, _CUE_GAP, _FIELD_GAP, _TITLE_GAP, _CREDENTIAL_GAP,
              _SPAN_GAP)
NAME_GAP, INITIAL_GAP, CUE_GAP, FIELD_GAP, TITLE_GAP, CREDENTIAL_GAP, SPAN_GAP = (
    1 << k for k in range(len(_GAP_TESTS)))
_GAP_SHAPES: dict[str, int] = {}
"""Which of :data:`_GAP_TESTS` each gap seen so far matches, as bits: a gap between two words
is nearly always one of a few strings (" ", ", ", ": ", "\\n"), and a dictionary lookup costs
a tenth of a regex call."""
_GAP_CHARS = " \t\n,.:;-()|/"
"""The characters of a gap that may be remembered: blanks and punctuation, never a letter or
digit, so no piece of a text's words or numbers is kept after its scan."""


_GAP_LONGEST = 6
"""No gap pattern matches more characters (``tests/test_textscan.py`` reads their widths)."""


def _gap_is(test: int, gap: str) -> bool:
    """Does ``gap`` match one of the gap patterns in ``test`` (``NAME_GAP | CUE_GAP``...)?"""
    if len(gap) > _GAP_LONGEST:  # a number or words between: no pattern can match
        return False
    shapes = _GAP_SHAPES  # a dict local: one C lookup in the compiled build (names.pxd)
    shape = shapes.get(gap)
    if shape is None:
        if gap.strip(_GAP_CHARS):  # not to be remembered: these tests alone
            for k in range(len(_GAP_TESTS)):
                if test >> k & 1 and _GAP_TESTS[k].match(gap):
                    return True
            return False
        shape = 0
        for k in range(len(_GAP_TESTS)):
            if _GAP_TESTS[k].match(gap):
                shape |= 1 << k
        if len(shapes) < 4096:
            shapes[gap] = shape
    return (shape & test) != 0
_BULLETS = frozenset("-•*")
_ODD_CHARS = "'’-"
"""Apostrophes and the hyphen: inside a word they stand between letters, as in "O'Brien" or
"Smith-Jones" (:meth:`Doc.tokens_with` looks up only the words holding one, so the dashes of
dates and phone numbers cost nothing)."""
_SENTENCE_BREAK = re.compile(r"[.!?] ")
"""Where a sentence ends inside a line (:func:`recognizers.textscan.sentence_breaks` finds
its matches)."""


def _cell_opens(text: str, start: int) -> bool:
    """Does a table cell open before ``start``: the line's start, "|" or two blanks, then any
    blanks (``(?:^|\\||[ \\t]{2})[ \\t]*`` with re.M)?"""
    blank = start
    while blank > 0 and text[blank - 1] in " \t":
        blank -= 1
    return blank == 0 or text[blank - 1] in "\n|" or start - blank >= 2


def _cell_char(c: str) -> bool:
    """Is ``c`` one of :data:`_CELL_WORD` (a C test of one character, compiled)?"""
    return "a" <= c <= "z" or "A" <= c <= "Z" or c == "'" or c == "’" or c == "-"


def _cell_matches(doc: Doc) -> list[re.Match[str]]:
    """The matches ``_CELL_RE.finditer(doc.text)`` gives, tried only where one can start.

    A match opens with a whole word of :data:`_CELL_WORD` characters (the look-behind: no
    such character before it) of 2 to 31 characters, starting with a capital, then a comma
    and a blank; the words are possessive. So each match starts at the first letter of the
    word before one of its ", " or ",\\t", and there is one place to try per comma, found by
    walking back over the word: a regex search over a window before every comma cost ten
    times as much. Matches cannot overlap a previous one, as with ``finditer``
    (``tests/test_scanning.py`` compares the two)."""
    text = doc.text
    n = len(text)
    out: list[re.Match[str]] = []
    last_end = 0
    for comma in doc.positions(_CELL_COMMAS):
        if comma + 2 >= n or not "A" <= text[comma + 2] <= "Z":
            continue  # the second word starts with a capital
        start = comma
        while start > 0 and comma - start < 32 and _cell_char(text[start - 1]):
            start -= 1
        if comma - start < 2 or comma - start > 31 or start < last_end or \
                not "A" <= text[start] <= "Z" or (start > 0 and _cell_char(text[start - 1])):
            continue  # too short, too long (the word goes on), or no capital first
        m = _CELL_RE.match(text, start)
        if m is not None:
            out.append(m)
            last_end = m.end()
    return out


_CELL_COMMAS = (", ", ",\t")
_COLON = (":",)
register_needles(_CELL_COMMAS + _COLON)  # found in the one automaton pass over the text
_CELL_WORD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’-"
"""The characters of a cell's words (``[A-Za-z'’-]`` in :data:`_CELL_RE`)."""
_POSSESSIVE = ("'s", "’s")
_SPECIAL = LANGUAGES | CAR_MAKES | {"pepper"}
_STATE_CODES = frozenset(lexicon.US_STATES)
_SPECIAL_OR_EPONYM_NEXT = _SPECIAL | EPONYM_NEXT
_CUE_WORDS = frozenset(
    TITLES | FIELD_LABELS | RELATIONS | STRONG_ROLES | WEAK_CUES | CREDENTIALS
    | {a for a, _ in STRONG_PAIRS} | {b for _, b in STRONG_PAIRS if b}
)
"""Every word that can start a cue; other words skip the cue logic entirely."""



@cache
def _rule_starts() -> frozenset[str]:
    """Words at which the per-token rules can do anything: cue words, credentials, and
    dictionary names that are not inert. One set test per token picks the candidates.

    A dictionary word is inert when it is no cue, no credential and no first name, and is
    ordinary or clinical vocabulary, never a name, or shorter than a strong name ("in",
    "date", "labs", "center", "well"): for such a word :meth:`_NameScan.run` would only
    reach :meth:`_NameScan._dictionary`, where ``strong`` is false and a first name is
    required for the rest. A fifth of all words, about 40% of the candidates, are inert.
    Other rules (extension, propagation, layout) find names without this list."""
    first = lexicon.first_names()
    english = lexicon.english_words()
    clinical = lexicon.clinical_terms()
    inert = {w for w in lexicon.name_words() - _CUE_WORDS - CREDENTIALS - first
             if len(w) <= NameRecognizer.MIN_LEN or w in english or w in clinical
             or w in _NEVER}
    return word_set((lexicon.name_words() | _CUE_WORDS | CREDENTIALS) - inert)


_NEVER = FUNCTION_WORDS | CREDENTIALS | ABBREVIATED_DAYS | NOT_NAMES
"""Words that are never names, whatever the cue."""


STRENGTH_FIELD = 3
STRENGTH_STRONG = 2
STRENGTH_WEAK = 1


class NameRecognizer(Recognizer):
    LETTER = "A"
    ENTITIES = ("NAME",)
    CONTEXT = tuple(sorted(RELATIONS | STRONG_ROLES))
    CONTEXT_SCORED = False  # the rules use these words themselves; find never scores with them
    MIN_LEN: ClassVar[int] = 2

    def find(self, doc: Doc) -> list[Hit]:
        return _NameScan(doc).run()


class _NameScan:
    """One pass of the name rules over one text (state kept per call)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        # the words as parallel lists (offsets, text, lower case), not Token tuples: one
        # tuple per word cost as much as finding the words
        self.starts = doc.token_starts
        self.ends = doc.token_ends
        self.texts = doc.texts
        self.lows = doc.lows
        self.n = len(self.starts)
        self.first = lexicon.first_names()
        self.last = lexicon.surnames()
        self.english = lexicon.english_words()
        self.clinical = lexicon.clinical_terms()
        self.cases = doc.token_case
        self.score: dict[int, float] = {}
        self.soft_blocked: set[int] = set()
        # every token's lower-case form without a possessive 's: only a token holding an
        # apostrophe can differ from its plain lower-case form
        bases = lows = self.lows
        apostrophes = doc.tokens_with(APOSTROPHES)
        if apostrophes:
            bases = lows.copy()
            for i in apostrophes:
                if lows[i].endswith(_POSSESSIVE):
                    bases[i] = lows[i][:-2]
        self.bases = bases
        self.blocked = self._blocked()

    # -- word classes ------------------------------------------------------------------
    def name_word(self, low: str) -> bool:
        if low in self.first or low in self.last:
            return True
        if "'" in low or "’" in low:  # O'Connor -> OCONNOR in the Census list
            return low.replace("'", "").replace("’", "") in self.last
        if "-" in low:
            # every part but particles a name, and one of them not also a word ("Smith-
            # Jones", not "Well-Known"); loops, not all()/any() over generators, which the
            # compiled build cannot have in a method it calls directly (names.pxd)
            core = [p for p in low.split("-") if p not in PARTICLES]
            if not core:
                return False
            for p in core:
                if p not in self.first and p not in self.last:
                    return False
            for p in core:
                if p not in self.english and p not in self.clinical:
                    return True
        return False

    def vocabulary(self, low: str) -> bool:
        """Ordinary or clinical vocabulary (not evidence of a name by itself)."""
        if low in self.english or low in self.clinical:
            return True
        if "-" in low:
            for p in low.split("-"):
                if p not in self.english and p not in self.clinical:
                    return False
            return True
        return False

    def strong(self, low: str, min_len: int = NameRecognizer.MIN_LEN + 1) -> bool:
        """A dictionary name that is not also ordinary or clinical vocabulary."""
        return len(low) >= min_len and self.name_word(low) and \
            not self.vocabulary(low) and low not in _NEVER

    def joinable(self, j: int) -> bool:
        """May token j join token j-1 in one name ('John Smith', 'SMITH, JOHN', 'P. Stark')?"""
        gap = self.gap(j)
        if gap == " " or _gap_is(NAME_GAP | INITIAL_GAP, gap):  # " ": most words
            return True
        return gap in (". ", ".  ") and len(self.texts[j - 1]) == 1

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        lo = self.ends[i - 1]  # read into C integers in the compiled build (names.pxd)
        hi = self.starts[i]
        return self.text[lo:hi]

    def _blocked(self) -> set[int]:
        """Tokens that are never names: state names, languages, eponyms, car makes, labels."""
        blocked = set(lexicon.state_tokens(self.doc))
        self.soft_blocked = set(blocked)
        lows, texts, ends = self.lows, self.texts, self.ends
        # candidates by C-level lookups: special words, words before an eponym word,
        # two-letter state codes, and words right before a colon
        idx = set()
        for i in members(lows, _SPECIAL_OR_EPONYM_NEXT):
            if lows[i] in _SPECIAL:
                idx.add(i)
            if i > 0 and lows[i] in EPONYM_NEXT:
                idx.add(i - 1)
        idx.update(members_sized(texts, _STATE_CODES, 2))
        colons = self.doc.positions(_COLON)
        if colons:
            idx.update(tokens_ending_at(ends, colons))
        bases = self.bases
        for i in sorted(idx):
            word = texts[i]
            low = bases[i]
            if low in LANGUAGES:
                blocked.add(i)
                self.soft_blocked.add(i)
            elif low in CAR_MAKES:
                blocked.add(i)
            elif i + 1 < self.n and lows[i + 1] in EPONYM_NEXT and \
                    self.gap(i + 1) in (" ", "'s ", "’s ", "' ", "’ ", " of "):
                blocked.add(i)
            elif low == "pepper" and i > 0 and lows[i - 1] == "dr":
                blocked.add(i)  # the soft drink
            elif i + 1 < self.n and lows[i + 1] in EPONYM_NEXT and \
                    lows[i].endswith(_POSSESSIVE):
                blocked.add(i)
            elif len(word) == 2 and word.isupper() and word in lexicon.US_STATES:
                blocked.add(i)
            elif self.text.startswith(":", ends[i]) and low not in self.first:
                blocked.add(i)  # a label ("Date:", "Unit:"), not a name
        return blocked

    # -- marking -----------------------------------------------------------------------
    def mark(self, i: int, s: float, soft_ok: bool = False) -> None:
        blocked = i in self.blocked and not (soft_ok and i in self.soft_blocked)
        if not blocked and s > self.score.get(i, 0.0):
            self.score[i] = s

    def acceptable(self, j: int, strength: int, first: bool, lenient: bool = False) -> bool:
        """May token j be (part of) a name after a cue of this strength?"""
        word = self.texts[j]
        low = self.bases[j]
        if j in self.blocked or low in _NEVER:
            return False
        mixed = self.cases[j] == "mixed"
        if strength == STRENGTH_FIELD:
            if mixed:
                return word[0].isupper() and (first or low not in self.clinical) or \
                    (first and self.name_word(low))
            return self.name_word(low) or not self.vocabulary(low)
        if strength == STRENGTH_STRONG:
            if mixed:
                if word.isupper() and len(word) > 1:
                    return low not in self.clinical and (self.name_word(low)
                                                         or not self.vocabulary(low))
                return word[0].isupper() or self.strong(low, 2 if not first else 3) or (
                    lenient and first and self.name_word(low) and low not in self.clinical)
            if low in self.clinical and not (first and low in self.first and len(low) > 2):
                return False
            return self.name_word(low) or not self.vocabulary(low)
        # weak cue
        if low in self.clinical:
            return False
        if mixed:
            if word.isupper() and len(word) > 1:  # "with NSR": an abbreviation
                return self.strong(low, 4)
            return not self.vocabulary(low) and (word[0].isupper() or
                                                 self.strong(low, 2 if not first else 3))
        return self.strong(low, 2 if not first else 3)

    def take_following(self, i: int, s: float, limit: int, strength: int,
                       lenient: bool = False) -> None:
        """Mark up to ``limit`` name tokens from i on, on the same line."""
        j, taken = i, 0
        ends, texts = self.ends, self.texts
        text, bases = self.text, self.bases
        while j < self.n and taken < limit:
            # joinable(j) is true when the gap is one space (most words)
            if j > i and self.gap(j) != " " and not self.joinable(j):
                break
            low = bases[j]
            if j == i and low in TITLES:
                j += 1
                continue
            if text.startswith(":", ends[j]):
                break  # "SMITH, JOHN  MRN: ..." stops at the next label
            word = texts[j]
            if len(word) == 1 and word.isupper() and taken > 0:
                self.mark(j, s)  # middle initial
                j += 1
                continue
            if not self.acceptable(j, strength, first=taken == 0, lenient=lenient):
                break
            self.mark(j, s)
            taken += 1
            j += 1

    # -- rules -------------------------------------------------------------------------
    def run(self) -> list[Hit]:
        if not self.n:
            return []
        texts, n, cases = self.texts, self.n, self.cases
        first, last, bases = self.first, self.last, self.bases
        for i in self._candidates():
            low = bases[i]
            is_cue = low in _CUE_WORDS
            # fast path: an ordinary lower-case word in a mixed-case line is never a name
            # and never a cue; most tokens of most notes stop here
            if not is_cue and cases[i] == "mixed" and not texts[i][0].isupper():
                continue
            if not is_cue and low not in first and low not in last and "-" not in low and \
                    "'" not in low and "’" not in low and low in self.english:
                continue
            nxt_gap = self.gap(i + 1) if i + 1 < n else ""
            if is_cue and i + 1 < n:
                self._cues(i, low, nxt_gap)
            if low in CREDENTIALS and i > 0:
                self._credential(i)
            if i in self.score or len(low) < NameRecognizer.MIN_LEN or i in self.blocked:
                continue
            self._dictionary(i, low, nxt_gap)
        self._signatures()
        if not self.score:
            return []
        self._extend()
        self._propagate()
        return self._spans()

    def _candidates(self) -> list[int]:
        """Tokens that can start a rule: cue words, dictionary names, and words with an
        apostrophe or hyphen (O'Brien's, Smith-Jones). Chosen with C-level set tests, so the
        Python loop runs over a fraction of the tokens."""
        picked = members(self.lows, _rule_starts())
        odd = self.doc.tokens_with(_ODD_CHARS)
        return sorted({*picked, *odd}) if odd else picked

    def _cues(self, i: int, low: str, nxt_gap: str) -> None:
        word = self.texts[i]
        if low in TITLES and _gap_is(TITLE_GAP, nxt_gap) and not (
                word.isupper() and len(word) > 1 and self.cases[i] == "mixed"
                and not self.texts[i + 1].isupper()):
            self.take_following(i + 1, 0.95, 3, STRENGTH_FIELD)
        elif low in FIELD_LABELS and _gap_is(FIELD_GAP, nxt_gap):
            self.take_following(i + 1, 0.95, 4, STRENGTH_FIELD)
        elif _gap_is(CUE_GAP, nxt_gap):
            prev = self.bases[i - 1] if i > 0 and self.gap(i) in (" ", "  ") else ""
            if low in RELATIONS:
                self.take_following(i + 1, 0.85, 3, STRENGTH_STRONG)
            elif (prev, low) in STRONG_PAIRS or (low, "") in STRONG_PAIRS:
                # "seen by brown": after these verbs even a lower-case word is a name
                self.take_following(i + 1, 0.85, 3, STRENGTH_STRONG, lenient=(prev, low) in STRONG_PAIRS)
            elif low in STRONG_ROLES:
                nlow = self.bases[i + 1]
                if self.cases[i + 1] == "mixed" and self.texts[i + 1][:1].isupper() and (
                        self.name_word(nlow) or not self.vocabulary(nlow)):
                    self.take_following(i + 1, 0.85, 3, STRENGTH_STRONG)
                elif self.strong(nlow) or (self.cases[i + 1] != "mixed" and nlow in self.first
                                           and nlow not in self.clinical):
                    self.take_following(i + 1, 0.85, 3, STRENGTH_STRONG)
            elif low in WEAK_CUES:
                self.take_following(i + 1, 0.8, 3, STRENGTH_WEAK)

    def _credential(self, i: int) -> None:
        """'Jane Roe, MD', 'J. Roe RN', 'ngozi gray, rn': names before a credential."""
        gap = self.gap(i)
        if not _gap_is(CREDENTIAL_GAP, gap):
            return
        word = self.texts[i]
        if self.cases[i] == "mixed" and not (word.isupper() or "." in word
                                               or self.text.startswith(".", self.ends[i])):
            return
        if "," not in gap and self.cases[i] != "mixed":
            return  # "WITH RN", "seen by rn": a role, not a credential
        j, taken = i - 1, 0
        while j >= 0 and taken < 3:
            prev = self.texts[j]
            plow = self.bases[j]
            if (j in self.blocked and j not in self.soft_blocked) or plow in _NEVER or \
                    plow in self.clinical or plow in FIELD_LABELS:
                break
            mixed = self.cases[j] == "mixed"
            ok = (prev[0].isupper() if mixed else (self.name_word(plow) or
                                              not self.vocabulary(plow)))
            if not ok and not (len(prev) == 1 and prev.isupper()):
                break
            self.mark(j, 0.9, soft_ok=True)
            taken += 1
            if j == 0 or not self.joinable(j):
                break
            j -= 1

    def _dictionary(self, i: int, low: str, nxt_gap: str) -> None:
        case = self.cases[i]
        if case == "mixed" and not self.texts[i][0].isupper():
            return
        if self.strong(low):
            self.mark(i, 0.7)
        if case != "mixed" or low not in self.first or i + 1 >= self.n:
            return
        # "John A. Smith", "Mary Miller": a first name then a capitalized surname-like word
        if not _gap_is(NAME_GAP | INITIAL_GAP, nxt_gap) or "-" in nxt_gap:
            return
        k = i + 2 if len(self.texts[i + 1]) == 1 and i + 2 < self.n else i + 1
        nxt = self.texts[k]
        nlow = self.bases[k]
        titled = nxt[:1].isupper() and not nxt.isupper()  # "Le", not "LE"
        if len(nxt) > 1 and nxt[0].isupper() and (nlow not in self.clinical or titled) \
                and nlow not in _NEVER and k not in self.blocked and \
                (nlow in self.last or not self.vocabulary(nlow)):
            self.mark(i, 0.8)
            self.mark(k, 0.8)

    def _signatures(self) -> None:
        """Names by layout: '-- hunter' or '. faith le, rn' ending a line, a line holding only a
        name, '- Brown (12-62-835)' in a patient list, and 'SMITH, JOHN' table cells.

        The signature regex is tried at the line starts and last-sentence starts where it can
        match (:func:`recognizers.textscan.signature_candidates`, one C loop over the lines);
        Python looks only at lines where it matched."""
        text = self.text
        starts = self.doc.line_starts
        nl = len(starts)
        ends = [*map(sub, starts[1:], repeat(1)), len(text)]
        # the pattern is tried only where it can match a whole line short enough to be used
        at_start: list[re.Match[str] | None] = [None] * nl
        lines = set(bullet_lines(text, starts, ends))
        for k in signature_candidates(text, starts, ends, _SIGNATURE_MAX):
            m = at_start[k] = _SIGNATURE_LINE.match(text, starts[k], ends[k])
            if m:
                lines.add(k)
        # a line's last sentence starts after its last ". ", "! " or "? "
        breaks = sentence_breaks(text)
        break_lines = [k - 1 for k in map(bisect_right, repeat(starts), breaks)]
        tails = starts.copy()
        for pos, k in zip(breaks, break_lines):
            tails[k] = pos  # breaks come in order: the last one of a line wins
        at_tail = {}  # the matches are kept: the loop below would only repeat them
        tail_lines = sorted(set(break_lines))
        for i in signature_candidates(text, [tails[k] for k in tail_lines],
                                      [ends[k] for k in tail_lines], _SIGNATURE_MAX):
            k = tail_lines[i]
            m = _SIGNATURE_LINE.match(text, tails[k], ends[k])
            if m:
                lines.add(k)
                at_tail[k] = m
        for k in sorted(lines):
            lo, hi, tail = starts[k], ends[k], tails[k]
            if hi - lo < 2:
                continue
            paragraph_end = k + 1 >= nl or text[hi + 1:hi + 2] in ("\n", "")
            # a tail is past its line's start only on a line with a sentence break
            for begin, m in ((lo, at_start[k]), (tail, at_tail.get(k) if tail > lo else None)):
                if hi - begin > _SIGNATURE_MAX:
                    continue  # longer than any name with credentials: not a signature
                if m and (m.group("dash") or (paragraph_end and begin == tail)):
                    self._mark_span(m.start("name"), m.end("name"), 0.8, STRENGTH_STRONG)
            if text[lo:lo + 8].lstrip(" \t")[:1] in _BULLETS:
                m = _LIST_ITEM_RE.match(text, lo, hi)
                if m:
                    self._mark_span(m.start("name"), m.end("name"), 0.8, STRENGTH_STRONG)
        for m in _cell_matches(self.doc):
            if _cell_opens(text, m.start("name")):
                self._mark_span(m.start("name"), m.end("name"), 0.85, STRENGTH_FIELD)

    def _mark_span(self, start: int, end: int, s: float, strength: int) -> None:
        first = self.doc.token_at(start)
        if first is None:
            return
        j = first
        while j < self.n and self.starts[j] < end:
            if not (len(self.texts[j]) == 1 or self.acceptable(j, strength, j == first)):
                return
            j += 1
        for k in range(first, j):
            self.mark(k, s)

    def _extend(self) -> None:
        """Join name-like neighbours: 'MORGAN, GENE', 'Wojciech Novak', 'Edward Brown'."""
        work = sorted(self.score)
        while work:
            i = work.pop()
            for j in (i - 1, i + 1):
                if 0 <= j < self.n and j not in self.score and self._joins(i, j):
                    self.score[j] = min(self.score[i], 0.8)
                    work.append(j)

    def _joins(self, i: int, j: int) -> bool:
        """Does unmarked token j, next to marked token i, belong to the same name?"""
        ends = self.ends
        word, mword = self.texts[j], self.texts[i]  # the unmarked word and the marked one
        gap = self.gap(max(i, j))
        if gap != " " and not self.joinable(max(i, j)):  # joinable when one space
            return False
        low, mlow = self.bases[j], self.bases[i]
        if j in self.blocked and j not in self.soft_blocked:
            return False
        if low in _NEVER or self.text.startswith(":", ends[j]) or low in RELATIONS or \
                low in STRONG_ROLES or low in TITLES or low in WEAK_CUES:
            return False
        if len(word) == 1 and (word.isupper() or self.cases[j] == "lower"):
            # a middle initial: "John A. Smith", "SMITH, JOHN A  1234567", "mendoza, kevin a"
            return j > i and _AFTER_INITIAL.match(self.text[ends[j]:ends[j] + 3]) is not None
        comma = "," in gap
        # "SMITH, JOHN": a first name after the comma, a surname before it
        comma_ok = comma and ((j > i and low in self.first) or (j < i and low in self.last))
        first_last = not comma and ((j < i and low in self.first) or
                                    (j > i and low in self.last and mlow in self.first))
        if j in self.soft_blocked:  # "Virginia Vaughan", "ENGLISH, JOSHUA", "Jamie French"
            return (comma_ok or first_last) and self.score[i] >= 0.7 and \
                self.strong(mlow, 2) and mword[0].isupper() and word[0].isupper()
        titled = word[:1].isupper() and not word.isupper()  # "Le", not "LE"
        if low in self.clinical and not comma_ok and not (first_last and titled):
            return False
        if self.cases[j] == "mixed":
            same_case = word[0].isupper() == mword[0].isupper()
            if word[0].isupper():
                return not self.vocabulary(low) or comma_ok or first_last
            return same_case and (self.strong(low, 2) or comma_ok or first_last)
        return (self.name_word(low) and not self.vocabulary(low)) or comma_ok or first_last

    def _propagate(self) -> None:
        """Other mentions of a word already found to be a name in this text."""
        bases = self.bases
        known = {bases[i] for i in self.score}
        known = {k for k in known if len(k) > NameRecognizer.MIN_LEN and k not in self.clinical
                 and k not in _NEVER}
        if not known:
            return
        lows = self.doc.lows
        possessives = [k + s for k in known for s in _POSSESSIVE]
        targets = known.union(possessives)
        for i in members(lows, targets):
            if i in self.score or i in self.blocked:
                continue
            low = bases[i]
            if low in known and (not self.vocabulary(low) or (
                    self.texts[i][0].isupper() and self.cases[i] == "mixed")):
                self.score[i] = 0.75

    def _spans(self) -> list[Hit]:
        """Join marked tokens (and initials between them) into name spans."""
        text, starts, ends, lows = self.text, self.starts, self.ends, self.lows
        hits: list[Hit] = []
        cur_start = cur_end = -1
        cur_score = 0.0
        prev_i = -10
        apostrophes = self.doc.tokens_with(APOSTROPHES)  # only these can end in "'s"
        for i in sorted(self.score):
            end = ends[i] - 2 if i in apostrophes and lows[i].endswith(_POSSESSIVE) \
                else ends[i]
            if cur_start >= 0 and (
                    (i == prev_i + 1 and _gap_is(SPAN_GAP, text[cur_end:starts[i]]))
                    or (i == prev_i + 2 and _gap_is(INITIAL_GAP, text[cur_end:starts[i]]))):
                cur_end = end
                cur_score = max(cur_score, self.score[i])
            else:
                if cur_start >= 0:
                    hits.append(Hit(cur_start, cur_end, "NAME", cur_score, "NameRecognizer"))
                cur_start, cur_end, cur_score = starts[i], end, self.score[i]
            prev_i = i
        if cur_start >= 0:
            hits.append(Hit(cur_start, cur_end, "NAME", cur_score, "NameRecognizer"))
        return hits
