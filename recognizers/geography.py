"""(B) geographic subdivisions smaller than a state.

Street addresses (number + street name + USPS suffix, PO boxes, units), cities (Census/
GeoNames places, "City, ST" lines, cues such as "lives in", and toponym shapes such as
"North X" or "Xville"), counties, ZIP and ZIP+4 (after a state or a ZIP label, or ZIP+4
anywhere), GPS coordinates, and facility names that carry a place. State names stay: Safe
Harbor allows them.
"""

from __future__ import annotations

import re
from functools import cache

from recognizers import lexicon
from recognizers.base import (
    WHITESPACE,
    Doc,
    Hit,
    Pattern,
    Recognizer,
    pattern_matches,
    register_needles,
    trie_regex,
    word_set,
)
from recognizers.textscan import trailing_word

# USPS Publication 28, Appendix C1: street suffixes and their common abbreviations.
_SUFFIXES = (
    "alley allee aly ally annex anx arcade arc avenue ave av bayou byu beach bch bend bnd bluff "
    "blf bluffs blfs bottom btm boulevard blvd branch br bridge brg brook brk brooks burg bg "
    "burgs bypass byp camp cp canyon cyn cape cpe causeway cswy center ctr centers circle cir "
    "circles cirs cliff clf cliffs clfs club clb common cmn commons corner cor corners cors "
    "course crse court ct courts cts cove cv coves creek crk crescent cres crest crst crossing "
    "xing crossroad xrd curve curv dale dl dam dm divide dv drive dr drives drs estate est "
    "estates ests expressway expy extension ext extensions exts falls fls ferry fry field fld "
    "fields flds flat flt flats flts ford frd fords forest frst forge frg forges fork frk forks "
    "frks fort ft freeway fwy garden gdn gardens gdns gateway gtwy glen gln glens green grn "
    "greens grove grv groves harbor hbr harbors haven hvn heights hts highway hwy hill hl hills "
    "hls hollow holw inlet inlt island islands isle junction jct junctions key ky keys "
    "knoll knl knolls knls lake lk lakes lks land landing lndg lane ln light lgt lights loaf "
    "lf lock lck locks lcks lodge ldg loop mall manor mnr manors meadow mdw meadows mdws mews "
    "mill ml mills mission msn motorway mtwy mount mt mountain mtn mountains neck nck orchard "
    "orch oval overpass opas park parks parkway pkwy parkways pass passage psge path pike pine "
    "pne pines pnes place pl plain pln plains plns plaza plz point points port prt "
    "ports prts prairie pr radial radl ramp ranch rnch rapid rpd rapids rpds rest rst ridge "
    "rdg ridges rdgs river riv road rd roads rds route rte row rue run shoal shl shoals shls "
    "shore shr shores shrs skyway skwy spring spg springs spgs spur spurs square sq squares sqs "
    "station sta stravenue stra stream strm street st streets sts summit smt terrace ter "
    "throughway trwy trace trce track trak trafficway trfy trail trl trailer trlr tunnel tunl "
    "turnpike tpke underpass upas union unions valley vly valleys vlys viaduct view "
    "vw views vws village vlg villages vlgs ville vl vista vis walk walks wall way wy ways well "
    "wl wells wls"
).split()
_SUFFIX_RE = trie_regex(set(_SUFFIXES)) + r"\.?"
_DIR = r"(?:[NSEW]\.?|north|south|east|west|n\.?[ew]\.?|s\.?[ew]\.?)"
_UNIT = (r"(?:apt|apartment|unit|suite|ste|#|bldg|building|fl|floor|rm|room|lot|space|trlr"
         r"|dept|box)\.?\s{0,2}#?\s{0,2}[A-Za-z0-9-]{1,8}\b")
_NOT_STREET_WORDS = frozenset(
    "with at and the of for to in on by mg mcg ml times x days weeks hours minutes min pm am "
    "tabs tab units unit doses dose was is are has had pt patient per via yo year years "
    "old yr yrs year-old kg lb lbs cm mm mmhg bpm hr hrs rr bp puffs".split()
)
"""Words of clinical prose that never stand between a house number and a street suffix ("2 pm
with Dr Smith", "5 times a day at St"). They are excluded inside the regex, not after it: a
rejected match would hide a real address that starts within it ("3/4/2020 at 12 Main St")."""
_STREET_WORD = (r"(?!" + trie_regex(_NOT_STREET_WORDS) + r"\.*[ \t])[A-Za-z0-9][\w'.-]{0,30}+[ \t]{1,2}+")
# Possessive quantifiers ("+") never give back what they took, and here giving back can never
# lead to a match: each is followed by something that cannot match what it would give back
# (a digit run by a letter, "-" or a blank; a word by a blank; blanks by a letter or digit).
# The prose-word test is a trie of the same words: a lookahead asks only whether one of them
# fits, so the order the alternatives are tried in does not matter (and a trie tries few).
_ADDRESS = (
    r"(?<![\w-])(?P<phi>\d{1,6}+[A-Za-z]?+(?:-\d{1,4}+)?+[ \t]{1,2}+(?:" + _DIR + r"[ \t]{1,2}+)?"
    r"(?P<words>(?:" + _STREET_WORD + r"){1,4})" + _SUFFIX_RE
    + r"(?![\w-])(?:[ \t]{1,2}" + _DIR + r"(?![\w-]))?(?:,?[ \t]{1,2}" + _UNIT + r")?)"
)
_STATE_ABBR = "|".join(lexicon.US_STATES)
_PO_ANCHORS = ("po", "p.o", *("p" + c + "o" for c in WHITESPACE),
               *("p." + c + "o" for c in WHITESPACE))
"""Where a PO box can start: ``p\\.?\\s?o`` ("post", "pob" start with "po"), with an anchor
for each blank ``\\s`` matches ("P. O. Box" and "P\\tO Box" were missed with "p o" alone)."""
_PO_BOX_LINE = (
    r"(?i:\b(?:p\.?[ ]?o\.?[ ]{0,2}box|pob|post[ ]office[ ]box)[ ]{0,2}#?[ ]{0,2}\d{1,8},?[ \t]{1,2}"
    r"(?P<city>[a-z][a-z.'-]{1,30}(?:[ ][a-z][a-z.'-]{1,30}){0,2}),?[ \t]{1,2}"
    r"(?:" + _STATE_ABBR + r")\.?,?[ \t]{1,2}(?P<zip>\d{5}(?:-\d{4})?))(?![\w-])"
)
_STATE_NAME = "|".join(sorted(lexicon.US_STATES.values(), key=len, reverse=True))
_STATE_BEFORE = re.compile(
    r"(?:\b(?:" + _STATE_ABBR + r")\.?|(?i:\b(?:" + _STATE_NAME + r"))),?[ \t]{1,3}$")
_STATE_ENDS = frozenset([code.lower() for code in lexicon.US_STATES]
                       + [name.lower().split()[-1] for name in lexicon.US_STATES.values()])
"""The word every match of :data:`_STATE_BEFORE` and :data:`_LOWER_STATE_BEFORE` ends with
(a code or a name's last word), as :attr:`Doc.lower` has it: a set test spares the two
window searches (some 11 us under re.IGNORECASE) before the many five-digit runs that
follow no state."""
_STATE_ENDS_LONGEST = {
    end: max([len(code) for code in lexicon.US_STATES if code.lower() == end]
             + [len(name) for name in lexicon.US_STATES.values()
                if name.lower().split()[-1] == end])
    for end in _STATE_ENDS}
"""Each word of :data:`_STATE_ENDS`, with the length of the longest code or name that ends
with it.

A match of :data:`_STATE_BEFORE` or :data:`_LOWER_STATE_BEFORE` ends the window once its
``\\.?,?[ \\t]{1,3}`` and a last line break (at most 6 characters, none a word character)
are taken off, and its state's last word follows a blank or a word boundary: that word is the
one :func:`recognizers.textscan.trailing_word` gives, and it ends where
:func:`_trailing_end` says. The state, no longer than this, starts that much before at the
earliest, and a lower-case line's comma at most 5 before (2 blanks and a code): a search from
there finds a match exactly where one from the window's start does, without trying some 110
alternatives at each offset before it."""
_LOWER_STATE_BEFORE = re.compile(r"(?i:,[ \t]{0,2}(?:" + _STATE_ABBR + r"))[ \t]{1,3}$")
_CAP = r"[A-Z][A-Za-z'.-]{1,30}"
_TOPONYM_ENDS = tuple(
    "ville burg burgh berg borough boro bury chester field ford haven land mouth port shire "
    "side stad ton town view wood dale furt polis mont ridge springs falls heights creek "
    "harbor fort bridge stead worth wick caster minster ham by".split()
)
"""Endings of place names made from a word ('Amandaside', 'Port Jeffersonville')."""
_TOPONYM_PREFIX = frozenset(
    "north south east west new lake port fort mount mt saint st san santa los las el glen "
    "spring point west".split()
)
_PLACE_CUE = re.compile(
    r"\b(?:lives?|living|resid(?:es|ing|ent|ence)|moved|relocated|from|home|visiting"
    r"|travel(?:l)?ed|vacation(?:ing)?|born|hometown|town|city|village|located|near|grew\sup"
    r"|stays?|staying|returned|returning|transferred|transfer|discharged|went|drove|flew)"
    r"(?:\s(?:alone|independently|together|with\s\w+|back|home|here|there|is)){0,2}"
    r"(?:\s(?:in|to|at|of|near|from))?[ \t]{1,2}",
    re.I,
)
_PLACE_CUE_PATTERN = Pattern(
    "place_cue", _PLACE_CUE.pattern, 1.0, flags=re.I,
    anchors=("live", "living", "resid", "moved", "relocated", "from", "home", "visiting",
             "travel", "vacation", "born", "hometown", "town", "city", "village", "located",
             "near", "grew", "stay", "returned", "returning", "transfer", "discharged", "went",
             "drove", "flew"),
)
register_needles(_PLACE_CUE_PATTERN.anchors)
_CAP_START = r"[A-Z](?<!\w[A-Z])[A-Za-z'.-]{1,30}+"
"""A capitalized word at a word start: ``\\b`` + :data:`_CAP`, written so that the regex opens
with a character class, which lets ``re`` skip to capitals at C speed in a search instead of
trying the whole pattern at every position (the lookbehind is the ``\\b``: the letter is a
word character, so the boundary is a non-word character before it). The possessive ``+``
gives nothing back: a word is always followed by a blank or punctuation it cannot match."""
_CAP_NEXT = r"[A-Z][A-Za-z'.-]{1,30}+"
_FACILITY = (
    r"(?P<phi>" + _CAP_START + r"[ \t]{1,2}+(?:" + _CAP_NEXT + r"[ \t]{1,2}+){0,3}"
    r"(?:Hospital|Medical[ ]Center|Med[ ]Ctr"
    r"|Health[ ]Center|Clinic|Infirmary|Health[ ]System|Healthcare|Nursing[ ]Home"
    r"|Rehabilitation(?:[ ]Center|[ ]Hospital)?|Rehab(?:[ ]Center)?|Urgent[ ]Care"
    r"|Surgery[ ]Center|Surgical[ ]Center|Hospice|Care[ ]Center|Skilled[ ]Nursing(?:[ ]Facility)?"
    r"|Assisted[ ]Living|Senior[ ]Living|Family[ ]Practice|Family[ ]Medicine|Internal[ ]Medicine"
    r"|Medical[ ]Group|Medical[ ]Associates|Physicians|Primary[ ]Care|Dialysis(?:[ ]Center)?"
    r"|Cancer[ ]Center|Pediatrics|Cardiology|Orthopedics|Pharmacy|Health)s?)\b"
)
_GENERIC_FACILITY_WORDS = frozenset(
    "general memorial regional community university children's childrens saint st st. mercy "
    "good samaritan medical county valley baptist methodist presbyterian lutheran catholic "
    "sacred heart veterans affairs va kaiser permanente state city the of and family "
    "women's womens health care home central mission holy cross trinity primary urgent "
    "anticoagulation podiatry rheumatology cardiology oncology dermatology neurology urology "
    "orthopedic orthopedics pediatric pediatrics wound sleep pain heart vascular vein eye "
    "dental behavioral psychiatric surgical specialty specialists multispecialty walk-in "
    "infusion dialysis endoscopy imaging diagnostic outpatient inpatient ambulatory day "
    "integrated united national american north south east west northern southern eastern "
    "western new main".split()
)
_STREET_WORDS = frozenset(_SUFFIXES) - {"park", "center", "centers", "view", "union"}


# compiled once: re.match(pattern, ...) looks its pattern up in re's cache with Python code
_CAPITALIZED_NEXT = re.compile(r"[ \t][A-Z][a-z]")
_DECIMAL = re.compile(r"[-+]?\d+\.\d+")
_NON_LETTERS = re.compile(r"[^A-Za-z]+")
_THEN_ZIP = re.compile(r",?\s{0,2}\w+\s{1,2}\d{5}")


class AddressRecognizer(Recognizer):
    """Street addresses and PO boxes, with units."""

    LETTER = "B"
    ENTITIES = ("ADDRESS",)
    PATTERNS = (
        # the suffix starts at most 1+5+2+7+4*33 = 147 characters after the number's first
        # digit run (letter, -unit, spaces, direction, four words)
        Pattern("street", _ADDRESS, 0.85, flags=re.I, digits=True,
                lengths=(1, 2, 3, 4, 5, 6), follow=" \t-", follow_alpha=True,
                then=frozenset(_SUFFIXES), then_within=150,
                # from the number to the suffix only word characters ("\w": letters,
                # digits, "_"), "'", ".", "-" and blanks or tabs, never "," or a line break
                then_between="_'.- \t"),
        Pattern("po_box", r"\b(?P<phi>(?:p\.?\s?o\.?\s{0,2}box|post\s+office\s+box|pob)\s{0,2}#?\s{0,2}"
                r"\d{1,8})\b", 0.9, flags=re.I, anchors=_PO_ANCHORS),
        Pattern("rural", r"\b(?P<phi>(?:rr|rural\s+route|hc|highway\s+contract)\s{0,2}\d{1,4}\s{1,2}box"
                r"\s{0,2}\d{1,6})\b", 0.9, flags=re.I, anchors=("rr", "rural", "hc", "highway")),
    )

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        if pattern != "street":
            return True
        words = doc.lower[start:end].split()
        street = (match.group("words") if match else " ".join(words[1:-1])).lower().split()
        # prose words ("2 pm with Dr Smith") are kept out by the regex (_NOT_STREET_WORDS)
        if not any(c.isalpha() for w in street for c in w):
            return False  # "1745 pt": a time and an abbreviation
        last = words[-1].rstrip(".")
        if last in ("dr", "st") and end < len(doc.text):
            after = doc.text[end:end + 3]
            if _CAPITALIZED_NEXT.match(after):  # "... Dr Smith", "... St Mary"
                return False
        return len(words) >= 2


class ZipRecognizer(Recognizer):
    """ZIP and ZIP+4 after a state or a ZIP label; ZIP+4 anywhere."""

    LETTER = "B"
    ENTITIES = ("ZIP",)
    PATTERNS = (
        # a ZIP after a state ("MA 02139", "Massachusetts 02139", "boston, ma 02139"): found
        # at digit runs, the state checked in ``accept`` (a state alternation at every
        # position of the text would cost more than all other ZIP work together)
        Pattern("after_state", r"(?<![\w-])(?P<phi>\d{5}(?:-\d{4})?)(?![\w-])", 0.9, digits=True,
                lengths=(5,)),
        Pattern("po_box_line", _PO_BOX_LINE.replace("(?P<city>", "(?:").replace("(?P<zip>", "(?P<phi>"),
                0.9, anchors=_PO_ANCHORS),
        Pattern("labelled", r"(?i:\b(?:zip|zip\s?code|zipcode|postal\s?code|postcode))"
                r"\s{0,2}[:#]?\s{0,2}(?P<phi>\d{5}(?:-\d{4})?)(?![\w-])", 0.95,
                anchors=("zip", "postal", "postcode")),
        Pattern("zip4", r"(?<![\w-])(?P<phi>\d{5}-\d{4})(?![\w-])", 0.7, digits=True,
                lengths=(5,), follow="-"),
    )

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        if pattern != "after_state":
            return True
        lo = max(0, start - 30)
        # a state ends the window, before ".", "," and blanks (6 at most with a line break)
        low = doc.lower
        longest = _STATE_ENDS_LONGEST.get(trailing_word(low, lo, start, 6))
        if longest is None:
            return False
        # the state's last word ends at ``end`` (see _STATE_ENDS_LONGEST): no match starts
        # before ``end - longest``, nor one of the lower-case line before ``end - 5``
        end = _trailing_end(low, lo, start) - lo
        before = doc.text[lo:start]
        return _STATE_BEFORE.search(before, max(0, end - longest)) is not None or \
            _LOWER_STATE_BEFORE.search(before, max(0, end - 5)) is not None


def _trailing_end(text: str, lo: int, hi: int) -> int:
    """Where the run of word characters that ends ``text[lo:hi]`` ends, once the other
    characters after it are taken off (the end of the word
    :func:`recognizers.textscan.trailing_word` gives); ``lo`` when there is none."""
    end = hi
    while end > lo:
        c = text[end - 1]
        if c.isalnum() or c == "_":
            break
        end -= 1
    return end


_COUNTY_WORDS = ("county", "parish", "borough", "census area")


class CountyRecognizer(Recognizer):
    LETTER = "B"
    ENTITIES = ("COUNTY",)
    TRIGGERS = ("county", "parish", "borough", "census area")
    PATTERNS = (
        # the word starts as in _FACILITY; the keyword starts at most 3 (or 2) words of 32
        # characters after the match does, and so does the literal found (its first word)
        Pattern("county", r"(?P<phi>" + _CAP_START + r"[ ](?:" + _CAP_NEXT + r"[ ]){0,2}"
                r"(?:County|Parish|Borough|Census Area))\b", 0.9, tail=_COUNTY_WORDS, window=96),
        Pattern("caps", r"(?P<phi>[A-Z](?<!\w[A-Z])[A-Z'.-]{1,30}+[ ](?:[A-Z][A-Z'.-]{1,30}+[ ]){0,2}"
                r"(?:COUNTY|PARISH|BOROUGH))\b", 0.9, tail=_COUNTY_WORDS, window=96),
        Pattern("lower", r"(?P<phi>[a-z](?<!\w[a-z])[a-z'.-]{1,30}+[ ](?:[a-z][a-z'.-]{1,30}+[ ])?"
                r"(?:county|parish))\b", 0.6, tail=_COUNTY_WORDS, window=64),
        Pattern("county_of", r"\b(?P<phi>(?:county|parish)\sof\s" + _CAP + r"(?:\s" + _CAP + r")?)",
                0.85, anchors=("county", "parish")),
    )

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        first = doc.lower[start:end].split()[0]
        return first not in ("the", "a", "this", "that", "our", "local", "in", "of")


_DECIMALS = re.compile(r"\.\d{3,8}\s?°?\s?[NS]?,?\s{0,2}[-+]?\d{1,3}\.\d{3}")
"""What every ``decimal_pair`` match holds: the pattern itself from the first number's dot to
the third decimal of the second number (the same items, so a match's own parse fits it),
without the first number's digits and sign, the lookarounds and what follows. Its search
opens with the literal ".", from which ``re`` skips at C speed, and it tells apart the many
texts with no such pair (a phone's "617.555.0199" or a "98.6" is none), where the pattern's
own scan would stop at every short digit run followed by a dot ("98.6", "1. Aspirin"). A
dot and three decimals alone, the gate before, let four times as many notes through."""


def _has_degree(text: str) -> bool:
    """Does the text hold a degree sign, which every ``dms`` match does (after its first
    digits)? A text without one is not scanned for its digit runs."""
    return "°" in text


class CoordinatesRecognizer(Recognizer):
    """Latitude/longitude pairs (decimal or degrees-minutes-seconds) and labelled values."""

    LETTER = "B"
    ENTITIES = ("COORDINATES",)
    PATTERNS = (
        Pattern("decimal_pair", r"(?<![\w.])(?P<phi>[-+]?\d{1,2}\.\d{3,8}\s?°?\s?[NS]?,?\s{0,2}"
                r"[-+]?\d{1,3}\.\d{3,8}(?:\s?°?\s?[EW]\b)?)(?!\w|\.\d)", 0.85, digits=True,
                lengths=(1, 2), follow=".", gate=_DECIMALS.search),
        Pattern("dms", r"(?P<phi>\d{1,3}°\s?\d{1,2}['′]\s?(?:\d{1,2}(?:\.\d{1,4})?[\"″]\s?)?[NSEW]"
                r"(?:,?\s{0,2}\d{1,3}°\s?\d{1,2}['′]\s?(?:\d{1,2}(?:\.\d{1,4})?[\"″]\s?)?[NSEW])?)", 0.9,
                digits=True, lengths=(1, 2, 3), follow="°", gate=_has_degree),
        Pattern("labelled", r"(?i:\b(?:lat(?:itude)?|lon(?:g(?:itude)?)?|gps|coordinates|coords|geo"
                r"|location))\s{0,2}[:=]?\s{0,2}(?P<phi>[-+]?\d{1,3}\.\d{2,8})\b", 0.85,
                anchors=("lat", "lon", "gps", "coord", "geo", "location")),
    )

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        if pattern != "decimal_pair":
            return True
        nums = _DECIMAL.findall(doc.text[start:end])
        return len(nums) == 2 and abs(float(nums[0])) <= 90 and abs(float(nums[1])) <= 180


_FACILITY_WORDS = ("hospital", "center", "ctr", "clinic", "infirmary", "health", "nursing",
                   "rehab", "urgent", "surgery", "surgical", "hospice", "care", "skilled",
                   "assisted", "senior", "practice", "medicine", "group", "associates",
                   "physicians", "dialysis", "pediatrics", "cardiology", "orthopedics",
                   "pharmacy")


class FacilityRecognizer(Recognizer):
    """Hospital and clinic names that carry a place ("Springfield General Hospital")."""

    LETTER = "B"
    ENTITIES = ("FACILITY",)
    TRIGGERS = ("hospital", "center", "ctr", "clinic", "infirmary", "health", "nursing", "care",
                "hospice", "living", "practice", "group", "medicine", "pediatrics", "cardiology",
                "orthopedics", "pharmacy", "physicians", "associates", "dialysis", "rehab")
    PATTERNS = (
        # the keyword starts at most 4 words of 33 characters after the match does, and the
        # literal found in it at most 9 characters later ("Internal Medicine")
        Pattern("facility", _FACILITY, 0.8, tail=_FACILITY_WORDS, tail_case="upper", window=141),
        # every keyword holds one of these literals, at most 8 characters into it ("medical
        # center"), after at most 4 words of 32 characters ("care", "health" and the other
        # literals of the capitalized pattern occur in prose and would only add windows)
        Pattern("lower", r"(?P<phi>[a-z](?<!\w[a-z])[a-z'.-]{1,30}+[ ](?:[a-z][a-z'.-]{1,30}+[ ]){0,3}"
                r"(?:hospital|medical[ ]center"
                r"|health[ ]center|clinic|family[ ]medicine|urgent[ ]care|nursing[ ]home"
                r"|rehab(?:ilitation)?[ ]center|dialysis[ ]center))\b", 0.7,
                tail=("hospital", "center", "clinic", "medicine", "urgent", "nursing", "rehab",
                      "dialysis"), tail_case="lower", window=136),
    )

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        """Keep a facility name that carries a place, a street or another specific word."""
        words = [w.lower().strip(".,") for w in doc.text[start:end].split()]
        if pattern == "lower":
            if doc.line_case(start) != "lower":
                return False
            while words and words[0] in ("from", "to", "at", "in", "the", "tx", "transfer"):
                words = words[1:]
        return _facility_specific(words)


def _facility_specific(words: list[str]) -> bool:
    """Does a facility name (its words in lower case, stripped of "." and ",") hold a street
    word, a place, a toponym or a word neither generic nor English?

    Two loops instead of two generators, the word lists looked up once. A word of a match
    starts with a letter, so it is never empty and holds no blank: ``_is_toponym(w)`` is
    ``_toponym_word(w)``."""
    places = lexicon.places()
    for w in words:
        if w in _STREET_WORDS or w in places or _toponym_word(w):
            return True
    english = lexicon.english_words()
    for w in words:
        if w not in _GENERIC_FACILITY_WORDS and w not in english:
            return True
    return False


_COMMA_STATES = tuple(sorted({f",{sp}{s}" for s in [*(a.lower() for a in lexicon.US_STATES),
                                                       *lexicon.STATE_NAMES_LOWER]
                              for sp in {a + b for a in ("", " ", "\t") for b in ("", " ", "\t")}}))
"""Every comma, spacing (the patterns' ``[ \t]{0,2}``) and state the two tail patterns end in."""


class CityRecognizer(Recognizer):
    """Cities and towns: 'City, ST', after residence cues, known places, toponym shapes."""

    LETTER = "B"
    ENTITIES = ("CITY",)
    PATTERNS = (
        # the comma the literal starts with is at most 31 + 3 * 32 characters in
        Pattern("city_state", r"(?P<phi>" + _CAP_START + r"(?:[ ]" + _CAP_NEXT + r"){0,3}),[ \t]{0,2}"
                r"(?:" + _STATE_ABBR + r"|" + _STATE_NAME + r")\b(?P<zip>[ \t]{1,2}\d{5})?", 0.85,
                tail=_COMMA_STATES, tail_bound=True, window=127),
        Pattern("po_box_line", _PO_BOX_LINE.replace("(?P<city>", "(?P<phi>").replace("(?P<zip>", "(?:"),
                0.85, anchors=_PO_ANCHORS),
        # the second comma (the literal) is at most 1 + 2 + 31 + 3 * 32 characters in
        Pattern("address_line", r"(?i:,[ \t]{1,2}+(?P<phi>[a-z][a-z.'-]{1,30}+(?:[ ][a-z][a-z.'-]{1,30}+){0,3}),"
                r"[ \t]{0,2}(?:" + _STATE_ABBR + r")[ \t]{1,2}\d{5})\b", 0.85, tail=_COMMA_STATES,
                tail_bound=True, window=130),
    )
    AMBIGUOUS_STATES = frozenset({"MD", "PA", "MA", "ME", "DO", "OR", "IN", "OK", "DE", "MS", "NP"})

    def find(self, doc: Doc) -> list[Hit]:
        hits = list(super().find(doc))
        hits.extend(self._dictionary_hits(doc))
        return hits

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        if pattern in ("address_line", "po_box_line"):
            return doc.lower[start:end] not in lexicon.STATE_NAMES_LOWER
        city = doc.lower[start:end]
        if city in lexicon.STATE_NAMES_LOWER:
            return False
        followed_by_zip = _THEN_ZIP.match(doc.text[end:end + 30]) is not None
        known = city in lexicon.places() or _is_toponym(city)
        # the state after the comma is read only when it matters
        if not (followed_by_zip or known) and \
                _NON_LETTERS.split(doc.text[end:end + 25].lstrip(", "))[0] in self.AMBIGUOUS_STATES:
            return False  # "Jane Roe, MD": a credential, not Maryland
        words = city.split()
        if not known and not followed_by_zip and all(w in lexicon.english_words() for w in words):
            return False
        return True

    def _dictionary_hits(self, doc: Doc) -> list[Hit]:
        """Known places and toponym shapes among capitalized tokens."""
        return _city_dictionary_hits(doc, self.name)


_PREPOSITIONS = (" in ", " at ", " near ", " from ", " to ", " of ", "\nin ", "\nat ")


def _city_dictionary_hits(doc: Doc, name: str) -> list[Hit]:
    """:meth:`CityRecognizer._dictionary_hits`, as a module function so that the compiled
    build can give its indexes C types (``geography.pxd``): list reads by index and the
    index arithmetic are then C operations, and the helpers are called directly."""
    starts, ends, texts, lows = doc.token_starts, doc.token_ends, doc.texts, doc.lows
    if not starts:
        return []
    places = lexicon.places()
    firsts = _place_firsts()
    seconds = _place_seconds()
    english = lexicon.english_words()
    clinical = lexicon.clinical_terms()
    states = lexicon.STATE_NAMES_LOWER
    eponym_next = lexicon.EPONYM_NEXT
    text = doc.text
    cases = doc.token_case
    blocked = lexicon.state_tokens(doc)
    # token starts that follow a residence cue ("lives alone in", "moved to"): one pass
    cued = {m.end() for m in pattern_matches(doc, _PLACE_CUE_PATTERN, _PLACE_CUE)}
    hits: list[Hit] = []
    n = len(starts)
    # only tokens that can start a place: known places and first words of multi-word
    # ones, words outside the vocabulary with a toponym's ending, and words right after
    # a residence cue (nothing else can pass the tests below)
    idx = set(_start_candidates(lows, _start_kinds()))
    for start in cued:
        at = doc.token_at(start)
        if at is not None:
            idx.add(at)
    candidates = sorted(idx)
    c = 0
    last_end_token = 0
    while c < len(candidates):
        i = candidates[c]
        c += 1
        if hits and i < last_end_token:
            continue
        word = texts[i]
        case = cases[i]
        if (case != "lower" and not word[0].isupper()) or (
                i + 1 < n and lows[i + 1] in eponym_next):
            continue
        low = lows[i]
        found = 0
        # a phrase is looked up only if its second word can follow a place's first one
        if low in firsts and i + 1 < n and (lows[i + 1] in seconds
                                             or low in _TOPONYM_PREFIX):
            for width in (4, 3, 2):
                if i + width > n:
                    continue
                # the cheap set test first; the layout tests only for a known phrase
                phrase = " ".join(lows[i:i + width])
                if phrase in states:
                    continue
                if not (phrase in places or (width == 2 and low in _TOPONYM_PREFIX
                                             and lows[i + 1] not in english
                                             and lows[i + 1] not in clinical)):
                    continue
                if _adjacent(text, starts, ends, i, i + width) and \
                        _capitalized(texts, i, i + width):
                    found = width
                    break
        if not found and (i in blocked or low in states or low in clinical):
            continue
        if not found and low in places and i not in blocked and low not in english \
                and len(low) > 2 and case == "mixed":
            found = 1
        elif not found and (low not in english or low in places):
            # a token holds no blank: _is_toponym(low) is _toponym_word(low)
            if case == "mixed" and len(low) > 2 and _toponym_word(low) and low not in english:
                found = 1
            elif (starts[i] in cued
                  and not (word.isupper() and word in lexicon.US_STATES)) or (
                    low in places and case == "mixed"
                    and text.endswith(_PREPOSITIONS, max(0, starts[i] - 6), starts[i])):
                found = 1
                # "lives in North Amandaside": take the following capitalized words too
                while i + found < n and found < 4 and (case == "lower"
                                                       or _capitalized(texts, i + found,
                                                                       i + found + 1)) \
                        and _adjacent(text, starts, ends, i + found - 1, i + found + 1) \
                        and lows[i + found] not in states:
                    found += 1
        if found:
            hits.append(Hit(starts[i], ends[i + found - 1], "CITY", 0.7, name))
            last_end_token = i + found
    return hits


@cache
def _place_firsts() -> frozenset[str]:
    """Words that can begin a multi-word place ('san', 'north')."""
    return word_set(lexicon.place_first_words() | _TOPONYM_PREFIX)


@cache
def _vocabulary_or_place_starts() -> frozenset[str]:
    """Words that are English or can begin a place: the rest can only be a place by a
    toponym's ending (one set test per token, then a look at the few left)."""
    return word_set(lexicon.english_words() | _place_starts())


@cache
def _start_kinds() -> dict[str, bool]:
    """Every word of :func:`_vocabulary_or_place_starts`, mapped to whether it is in
    :func:`_place_starts`: one lookup per token tells both (a dict of strings and booleans
    holds nothing the cyclic garbage collector tracks)."""
    kinds = dict.fromkeys(_vocabulary_or_place_starts(), False)
    kinds.update(dict.fromkeys(_place_starts(), True))
    return kinds


@cache
def _place_starts() -> frozenset[str]:
    """Words that can begin a place name found by dictionary."""
    return word_set(lexicon.places() | lexicon.place_first_words() | _TOPONYM_PREFIX)


@cache
def _place_seconds() -> frozenset[str]:
    """Second words of multi-word places ('diego' of 'san diego')."""
    return word_set(p.split(" ", 2)[1] for p in lexicon.places() if " " in p)


def _is_toponym(low: str) -> bool:
    return _toponym_word(low.split()[-1])


def _toponym_word(word: str) -> bool:
    """A word with a toponym's ending ("-ville", "-burg", ...), longer than the ending.

    ``word.endswith(_TOPONYM_ENDS)`` tried all 40 endings (some 2,300 machine instructions
    a word); an ending the word has ends with the word's last character, so only the
    endings ending with it are tried (:data:`_TOPONYM_ENDS_BY_LAST`): the same answer."""
    if len(word) <= 5:
        return False
    ends = _TOPONYM_ENDS_BY_LAST.get(word[len(word) - 1])
    return ends is not None and word.endswith(ends)


_TOPONYM_ENDS_BY_LAST = {last: tuple(e for e in _TOPONYM_ENDS if e[-1] == last)
                         for last in {e[-1] for e in _TOPONYM_ENDS}}
"""The endings of :data:`_TOPONYM_ENDS` by their last character."""


def _start_candidates(lows: list[str], kinds: dict[str, bool]) -> list[int]:
    """Indexes, in order, of the words that can begin a place (:func:`_place_starts`) and of
    those outside the vocabulary and the place starts with a toponym's ending: what
    ``members(lows, _place_starts())`` and the toponyms among
    ``non_members(lows, _vocabulary_or_place_starts())`` give together, with one lookup in
    :func:`_start_kinds` per word instead of one in each set."""
    out: list[int] = []
    for i in range(len(lows)):
        word = lows[i]
        kind = kinds.get(word)
        if kind is None:
            if _toponym_word(word):
                out.append(i)
        elif kind:
            out.append(i)
    return out


def _capitalized(texts: list[str], i: int, j: int) -> bool:
    """Words i to j - 1 all start with an upper-case letter (``str.isupper``)."""
    for k in range(i, j):
        word = texts[k]
        if not word[0].isupper():
            return False
    return True


def _adjacent(text: str, starts: list[int], ends: list[int], i: int, j: int) -> bool:
    """Words i to j - 1 separated only by single spaces (a place name does not cross
    punctuation)."""
    for k in range(i + 1, j):
        end = ends[k - 1]
        if end + 1 != starts[k] or text[end] != " ":
            return False
    return True
