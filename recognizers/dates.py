"""(C) dates, birth dates, and ages over 89.

Safe Harbor removes every element of a date except the year, and every age over 89 (ages
90+ are aggregated into one category), including a birth year that implies such an age.
The date grammar here is also what the ``generalize`` and ``shift`` operators use to read a
date back (:func:`parse_date`), so the formats found and the formats rewritten cannot drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from recognizers.base import (
    _REGEX_FOLDS,
    WHITESPACE,
    Doc,
    Hit,
    Pattern,
    Recognizer,
    pattern_matches,
)
from recognizers.textscan import trailing_word

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y4 = r"(?P<y>1[89]\d\d|20\d\d)"
_YEAR = r"(?P<y>1[89]\d\d|20\d\d|'\d\d)"
_TIME = (r"(?:(?:\s{1,2}|T|\s{0,2}@\s{0,2}|,?\s{1,2}at\s{1,2})(?:[01]?\d|2[0-3]):[0-5]\d"
         r"(?::[0-5]\d(?:\.\d{1,6})?)?(?:\s?[ap]\.?m\.?)?(?:Z|[+-]\d\d:?\d\d)?(?!\d))?")
_END = r"(?![\w/]|[.-]\d)"
_MONTH_ANCHORS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec")

DATE_PATTERNS: tuple[Pattern, ...] = (
    Pattern("mdy", r"(?<![\w/.-])(?P<m>1[0-2]|0?[1-9])(?P<sep>[/.-])" + _DAY.replace("(?:st|nd|rd|th)?", "")
            + r"(?P=sep)(?P<y>\d{4}|\d{2})" + _END + _TIME, 0.9, flags=re.I, digits=True,
            lengths=(1, 2), follow="/.-"),
    Pattern("ymd", r"(?<![\w/.-])" + _Y4 + r"(?P<sep>[/.-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
            + r"(?P<d>[12]\d|3[01]|0?[1-9])(?:(?=T\d)|" + _END + ")" + _TIME, 0.95, flags=re.I,
            digits=True,
            lengths=(4,), follow="/.-"),
    Pattern("compact", r"(?<![\w.-])(?P<y>19\d\d|20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"
            + r"(?:T?(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?)?(?![\w.-])", 0.6, digits=True,
            lengths=(8, 12, 14)),
    Pattern("dmy_name", r"(?<![\w/.-])" + _DAY + r"(?:[\s/.-]{0,2}|\s?of\s)" + _MON
            + r"(?:[\s/.,-]{0,3}" + _YEAR + r")?\b" + _TIME, 0.9, flags=re.I, digits=True,
            lengths=(1, 2), follow="/.-", follow_alpha=True,
            follow_space=True),
    Pattern("mdy_name", r"\b" + _MON + r"[\s.-]{0,2}" + _DAY
            + r"(?![\d:])(?:(?:,\s{0,2}|[\s/.-]{1,2})" + _YEAR + r")?\b" + _TIME, 0.9, flags=re.I,
            anchors=_MONTH_ANCHORS),
    Pattern("my_name", r"\b" + _MON + r"(?:,?\s{1,2}|-|/|\s?of\s)" + _YEAR + r"\b", 0.85,
            flags=re.I, anchors=_MONTH_ANCHORS),
    Pattern("the_dth_of", r"\bthe\s{1,2}" + _DAY + r"\s{1,2}(?:day\s{1,2})?of\s{1,2}" + _MON
            + r"(?:,?\s{1,2}" + _YEAR + r")?\b", 0.95, flags=re.I, anchors=("the",)),
    Pattern("md", r"(?<![\w/.-])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])"
            r"(?![\w/]|\.\d|-\d)" + _TIME, 0.6, digits=True, lengths=(1, 2), follow="/"),
)
"""Every date shape redact finds; used both to find dates and to read them back."""

_COMPILED = [(p, re.compile(p.regex, p.flags)) for p in DATE_PATTERNS]

_DOB_CUE = re.compile(
    r"(?:\bdob|\bd\.o\.b\.?|date\s+of\s+birth|\bbirth\s*date|\bbirthdate|\bborn(?:\s+on)?"
    r"|\bb\.|\bbday|\bbirthday)\W{0,4}$",
    re.I,
)
_FRACTIONS = {(1, 2), (1, 3), (2, 3), (1, 4), (3, 4), (2, 2), (3, 3), (4, 4), (5, 5), (4, 5),
              (3, 5), (2, 5), (1, 5), (1, 8), (3, 8), (2, 4)}
_SCALE_CUE = re.compile(
    r"(?:pain|score|scale|rated|rating|strength|grade|ratio|bp|b/p|gcs|apgar|murmur|/|x)\W{0,3}$",
    re.I,
)
_WEEKDAY_AFTER = re.compile(r"[ \t]{1,3}\(?(?:mon|tue|wed|thu|fri|sat|sun)", re.I)
_DATE_CUE = re.compile(r"\b(?:on|since|dated?|from|until|till|by|seen|admitted|discharged|"
                       r"starting|thru|through|due|scheduled|appt|appointment|visit|f/u|updated|"
                       r"printed|signed|dictated|transcribed|reviewed|received|collected|drawn|"
                       r"given|done|performed|started|stopped|last|next|week\sof)\W{0,3}$",
                       re.I)


_DOB_ENDS = frozenset({"dob", "b", "birth", "date", "birthdate", "born", "on", "bday",
                       "birthday"})
"""The word each :data:`_DOB_CUE` alternative ends with ("d.o.b." and "b." end with "b")."""
_DATE_CUE_ENDS = frozenset(
    "on since date dated from until till by seen admitted discharged starting thru through "
    "due scheduled appt appointment visit u updated printed signed dictated transcribed "
    "reviewed received collected drawn given done performed started stopped last next "
    "of".split())
"""The word each :data:`_DATE_CUE` alternative ends with ("f/u" ends with "u", "week of"
with "of")."""


def _ends_with_cue(low: str, lo: int, hi: int, skip: int, ends: frozenset[str]) -> bool:
    """Can a regex that ends with one of ``ends`` then at most ``skip`` non-word characters
    (a final line break included) match at the end of ``low[lo:hi]`` (:attr:`Doc.lower`,
    where re.IGNORECASE finds those words)? The word before the blanks must be one of them.
    A set test, where each window search under re.IGNORECASE tries every alternative at
    every offset (up to 50,000 instructions)."""
    return trailing_word(low, lo, hi, skip) in ends


def _may_cue_birth(low: str) -> bool:
    """False when the lower-cased window (:attr:`Doc.lower`) cannot hold a match of
    :data:`_DOB_CUE`: each of its alternatives contains one of these literals (and "b"),
    and re.IGNORECASE matches them only where ``Doc.lower`` has them. A search costs ~5 us;
    two thirds of the windows before a date have no "b" at all."""
    return "b" in low and ("dob" in low or "d.o.b" in low or "birth" in low or "born" in low
                           or "b." in low or "bday" in low)


def _birth_cue(text: str, lo: int, start: int) -> bool:
    """``bool(_DOB_CUE.search(text, lo, start))``, trying the regex only where a match can
    start: every alternative of :data:`_DOB_CUE` starts with a "d" or a "b" (after
    ``\\b`` or not), which under re.IGNORECASE only "d", "D", "b" and "B" match
    (``tests/test_dates_fast.py`` checks every character). A search tries each offset of
    the window with the same end, the same string (so ``\\b`` and ``$`` read the same
    characters) and stops at the first that matches, as these ``match`` calls do; it cost
    some 28,000 instructions per window, as many as a dozen of these tries."""
    for pos in range(lo, start):
        ch = text[pos]
        if (ch == "b" or ch == "d" or ch == "B" or ch == "D") \
                and _DOB_CUE.match(text, pos, start) is not None:
            return True
    return False


_DATE_CUE_FIRSTS = "abcdfglnoprstuvwABCDFGLNOPRSTUVW\u017f"
"""What the first letter of a :data:`_DATE_CUE` alternative (on, since, date, from, until,
till, by, seen, admitted, ..., last, next, week of) matches under re.IGNORECASE ("ſ" is an
"s" there; ``tests/test_dates_fast.py`` checks every character)."""
_SCALE_CUE_FIRSTS = "abgmprsxABGMPRSX/\u017f"
"""The same for :data:`_SCALE_CUE` (pain, score, scale, rated, ..., bp, b/p, gcs, apgar,
murmur, "/", x)."""


def _cue_search(regex: re.Pattern[str], window: str, firsts: str) -> bool:
    """``bool(regex.search(window))`` for :data:`_DATE_CUE` or :data:`_SCALE_CUE`, trying
    the regex (``match``) only at the characters an alternative can start with
    (``firsts``). A search tries each offset of the same string in turn and stops at the
    first that matches, as these calls do; a search of the 16-character window tried
    every alternative at every offset."""
    for pos in range(len(window)):
        if window[pos] in firsts and regex.match(window, pos) is not None:
            return True
    return False


_RUN_SHAPES = ("mdy", "ymd", "dmy_name", "md")
"""Digit patterns whose candidate runs :func:`_date_runs` gathers and filters."""


def _date_runs(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """For each pattern of :data:`_RUN_SHAPES`, the runs of its ``Doc.digit_candidates``
    (same lengths and following characters, in text order) that can start a match, found in
    one pass over the runs of 1, 2 and 4 digits instead of one ``digit_candidates`` call (a
    sort and a filter) per pattern. Left out are runs that provably cannot:

    * each pattern starts with ``(?<![\\w/.-])`` and then a digit, so a run right after a
      word character or "/", "." or "-" is out (and the try one character earlier that
      ``pattern_matches`` makes after "(", "+" or "-" can never match: that is no digit);
    * the month, year or day group that starts the match must take the whole run (a digit
      may not follow it), so the separator is the character right after the run: in "mdy"
      "/", "." or "-" that comes again two or three characters later (after a 1-2 character
      day), in "md" a "/";
    * in "dmy_name" a month name starts 0-6 characters after the run (a 2-letter suffix,
      then up to 2 separators or " of "), where the month literals are (``doc.positions``,
      which finds them wherever re.IGNORECASE would);
    * a run at the very end of the text (each pattern needs a separator or a month after it);
    * in "md" a run whose "/" is followed by a day of one or two characters each of which
      is followed by "/" or a word character, which ``(?![\\w/]|...)`` after the day
      rejects (the "7" of "7/22/2019": "md" would fail on every full date).
    """
    text = doc.text
    n = len(text)
    by_length = doc.digit_spans_by_length
    months = doc.positions(_MONTH_ANCHORS)
    n_months = len(months)
    ymd: list[tuple[int, int]] = []
    for span in by_length.get(4, ()):
        end = span[1]
        if end < n:
            nxt = text[end]
            if (nxt == "/" or nxt == "." or nxt == "-") and _free_before(text, span[0]):
                ymd.append(span)
    mdy: list[tuple[int, int]] = []
    dmy: list[tuple[int, int]] = []
    md: list[tuple[int, int]] = []
    for width in (1, 2):
        # the first month literal at or after a run's end (what bisect_left gives): the
        # runs of one width come in text order, so it only moves forward
        k = 0
        for span in by_length.get(width, ()):
            end = span[1]  # a C integer in the compiled build (dates.pxd)
            if end >= n:  # nothing follows: no separator, no month name
                continue
            nxt = text[end]  # a C character in the compiled build
            while k < n_months and months[k] < end:
                k += 1
            if nxt == "/" or nxt == "." or nxt == "-":
                if not _free_before(text, span[0]):
                    continue
                if (end + 2 < n and text[end + 2] == nxt) or (end + 3 < n
                                                               and text[end + 3] == nxt):
                    mdy.append(span)
                if nxt == "/" and not (_blocks_md(text, end + 2, n)
                                       and _blocks_md(text, end + 3, n)):
                    md.append(span)
                if k < n_months and months[k] <= end + 6:
                    dmy.append(span)
            elif n_months:
                if k == n_months or months[k] > end + 6:
                    continue
                if not (nxt.isalpha() or nxt.isspace()):
                    continue
                if not _free_before(text, span[0]):
                    continue
                dmy.append(span)
    if 1 in by_length and 2 in by_length:  # each width in text order: merge them
        mdy.sort()
        dmy.sort()
        md.sort()
    return {"mdy": mdy, "ymd": ymd, "dmy_name": dmy, "md": md}


def _blocks_md(text: str, i: int, n: int) -> bool:
    """Does ``text[i]`` exist and fail the "md" pattern's ``(?![\\w/]`` after a day ending
    just before it ("/" or a word character: ``str.isalnum`` or "_")?"""
    if i >= n:
        return False
    ch = text[i]
    return ch == "/" or ch == "_" or ch.isalnum()


def _free_before(text: str, start: int) -> bool:
    """Does ``(?<![\\w/.-])`` hold at ``start``? (\\w: ``str.isalnum`` or "_".)"""
    if not start:
        return True
    before = text[start - 1]
    return not (before == "/" or before == "." or before == "-" or before == "_"
                or before.isalnum())


def _tried(text: str, regex: re.Pattern[str], starts: list[int]) -> list[re.Match[str]]:
    """The non-empty matches of ``regex`` at the sorted ``starts``, none overlapping the
    last one: what ``pattern_matches`` makes of the starts it tries."""
    out: list[re.Match[str]] = []
    last_end = -1
    for start in starts:
        if start < last_end:
            continue
        m = regex.match(text, start)
        if m is not None:
            lo, hi = m.span()
            if hi > lo:
                last_end = hi
                out.append(m)
    return out


def _run_matches(text: str, regex: re.Pattern[str], runs: list[tuple[int, int]]
                 ) -> list[re.Match[str]]:
    """``pattern_matches`` over the runs :func:`_date_runs` kept: a run left out never
    yields a match, so the matches, and the runs skipped for overlapping one, are the same
    (``tests/test_scanning.py``)."""
    return _tried(text, regex, [span[0] for span in runs])


def _anchor_matches(text: str, regex: re.Pattern[str], positions: list[int], the: bool
                    ) -> list[re.Match[str]]:
    """``pattern_matches`` of a date pattern with anchors ("mdy_name", "my_name",
    "the_dth_of"): the regex tried at each of its literals' ``positions`` (in order, none
    overlapping the last match), except where it provably cannot match:

    * each of these patterns starts with ``\\b`` and then a letter (a month name or "the",
      a word character whatever re.IGNORECASE matched it to), so a position right after a
      word character (``str.isalnum`` or "_", as ``re`` defines it) is no match;
    * "the_dth_of" (``the``) goes on ``the\\s{1,2}`` and a day whose first character is an
      ASCII digit (``[12]\\d|3[01]|0?[1-9]``; no character case-folds to one), so the three
      letters must be followed by whitespace and a digit, or two whitespaces and a digit.

    Most "the" in a note are followed by a word, and most month literals sit inside words
    ("summary", "primary"): a failed ``regex.match`` each (``tests/test_dates_fast.py``
    compares this with ``pattern_matches``)."""
    kept: list[int] = []
    n = len(text)
    for pos in positions:
        if pos:
            before = text[pos - 1]
            if before.isalnum() or before == "_":
                continue
        if the:
            if pos + 4 >= n or not text[pos + 3].isspace():
                continue
            ch = text[pos + 4]
            if not "0" <= ch <= "9":
                if not ch.isspace() or pos + 5 >= n:
                    continue
                ch = text[pos + 5]
                if not "0" <= ch <= "9":
                    continue
        kept.append(pos)
    return _tried(text, regex, kept)  # a start left out here never matches


@dataclass(frozen=True)
class DateParts:
    """A date read from text, with a template for writing a shifted date in the same style."""

    year: int | None
    month: int
    day: int | None
    template: str  # the original with {y} {m} {d} {mon} placeholders
    year_width: int  # 2 or 4 (0 when absent)
    month_style: str  # "num", "num2", "abbr", "full", with "upper"/"lower"/"title" suffix
    day_width: int


def _valid(month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= _DAYS_IN[month - 1])


def _month_style(raw: str) -> str:
    word = raw.rstrip(".")
    kind = "full" if len(word) > 3 and word.lower() not in ("sept",) else "abbr"
    case = "upper" if word.isupper() else "lower" if word.islower() else "title"
    return f"{kind}-{case}"


def _month(mon: str) -> int:
    """The number of a month name the patterns matched. Folded as ``Doc.lower`` folds: under
    re.IGNORECASE "ſep" and "aprİl" are month names too, but not keys of :data:`MONTHS`
    as they stand (they made ``KeyError`` escape from the analyzer)."""
    return MONTHS[mon.translate(_REGEX_FOLDS).lower().rstrip(".")]


def _num(digits: str) -> int:
    """``int(digits)`` for a date group (one to four of ``\\d``): an ASCII digit string is
    read in a C loop of the compiled build (dates.pxd), anything else (a non-ASCII decimal
    digit that ``\\d`` matched too) by ``int`` itself. The same number either way: ``int``
    reads ASCII digits, leading zeros included, as decimal."""
    n = 0
    for ch in digits:
        if "0" <= ch <= "9":
            n = n * 10 + (ord(ch) - 48)
        else:
            return int(digits)
    return n


def _slots(regex: re.Pattern[str]) -> tuple[int, int, int, int]:
    """The indexes of a date pattern's "mon", "m", "d" and "y" groups, 0 where it has none
    (group 0, the whole match, is never one of them)."""
    index = regex.groupindex
    return (index.get("mon", 0), index.get("m", 0), index.get("d", 0), index.get("y", 0))


def _read_ymd(m: re.Match[str], mon_i: int, m_i: int, d_i: int, y_i: int
              ) -> tuple[int | None, int, int | None] | None:
    """``_ymd(m.groupdict())``, reading the groups by their index (:func:`_slots`) instead
    of building a dict of every group per match. A group that took part is never empty
    (each needs a letter or a digit), so "present" and "truthy" agree as in :func:`_ymd`; a
    month name of ASCII letters is a key of :data:`MONTHS` once lower-cased
    (:data:`_REGEX_FOLDS` changes no ASCII character and the group holds no ".").
    ``tests/test_dates_fast.py`` compares it with :func:`_ymd` on every pattern."""
    mon = m[mon_i] if mon_i else None
    if mon is not None:
        month = MONTHS[mon.lower()] if mon.isascii() else _month(mon)
    else:
        raw = m[m_i] if m_i else None
        if raw is None:  # pragma: no cover - every pattern has a month
            return None
        month = _num(raw)
    day = None
    if d_i:
        raw = m[d_i]
        if raw is not None:
            day = _num(raw)
    if not 1 <= month <= 12 or day is not None and not 1 <= day <= _DAYS_IN[month - 1]:
        return None
    year = None
    if y_i:
        raw = m[y_i]
        if raw is not None:
            if raw[0] == "'":
                raw = raw.lstrip("'")
            year = _num(raw)
            if len(raw) == 2:
                year += 2000 if year <= 30 else 1900
    return year, month, day


def _month_day(gd: dict[str, str | None]) -> tuple[int, int | None] | None:
    """Month and day of a date match's groups; None when either is out of range."""
    mon = gd.get("mon")
    if mon:
        month = _month(mon)
    elif gd.get("m"):
        month = int(gd["m"])  # type: ignore[arg-type]
    else:  # pragma: no cover - every pattern has a month
        return None
    day = int(gd["d"]) if gd.get("d") else None  # type: ignore[arg-type]
    return (month, day) if _valid(month, day) else None


def _ymd(gd: dict[str, str | None]) -> tuple[int | None, int, int | None] | None:
    """Year (two digits widened: 00-30 -> 20xx, else 19xx), month and day of a date match's
    groups; None when the month or day is out of range."""
    month_day = _month_day(gd)
    if month_day is None:
        return None
    year_raw = gd.get("y")
    year: int | None = None
    if year_raw:
        digits = year_raw.lstrip("'")
        year = int(digits)
        if len(digits) == 2:
            year += 2000 if year <= 30 else 1900
    return year, *month_day


def _parts(m: re.Match[str], pattern: str) -> DateParts | None:
    gd = m.groupdict()
    ymd = _ymd(gd)
    if ymd is None:
        return None
    year, month, day = ymd
    year_raw = gd.get("y")
    base = m.start()
    text = m.group(0)
    pieces = []
    last = 0
    for name, ph in (("y", "{y}"), ("m", "{m}"), ("mon", "{mon}"), ("d", "{d}")):
        if gd.get(name):
            s, e = m.span(name)
            pieces.append((s - base, e - base, ph))
    pieces.sort()
    out = []
    for s, e, ph in pieces:
        out.append(text[last:s].replace("{", "{{").replace("}", "}}"))
        out.append(ph)
        last = e
    out.append(text[last:].replace("{", "{{").replace("}", "}}"))
    month_style = _month_style(gd["mon"]) if gd.get("mon") else (
        "num2" if gd["m"].startswith("0") or len(gd["m"]) == 2 and pattern != "md" else "num")
    return DateParts(
        year=year,
        month=month,
        day=day,
        template="".join(out),
        year_width=len(year_raw.lstrip("'")) + (1 if year_raw.startswith("'") else 0)
        if year_raw else 0,
        month_style=month_style,
        day_width=len(gd["d"]) if gd.get("d") else 0,
    )


def _by_first_char() -> dict[str, list[tuple[Pattern, re.Pattern[str]]]]:
    """The date patterns that can match a value starting with a given character, in their
    order: each consumes a digit or a letter first ("1"/"2" for a 4-digit year, "t" for
    "the", a month initial otherwise), so the others cannot match and need not be tried."""
    named = dict((p.name, (p, rx)) for p, rx in _COMPILED)
    table = {}
    for ch in "0123456789":
        names = ("mdy", "ymd", "compact", "dmy_name", "md") if ch in "12" else (
            "mdy", "dmy_name", "md")
        table[ch] = [named[n] for n in names]
    table["t"] = table["T"] = [named["the_dth_of"]]  # only t/T match "t" under re.I
    return table


_BY_FIRST = _by_first_char()
_BY_LETTER = [pr for pr in _COMPILED if pr[0].name in ("mdy_name", "my_name")]
"""Every other first character: only a month name can start there (the digit and "the"
patterns need an ASCII digit or a "t"); an empty value matches nothing."""


_SHAPE = {"mdy": 1, "ymd": 2, "compact": 3, "dmy_name": 4, "md": 5}
"""The patterns :func:`_may_fullmatch` has a test for (0: the others, always tried)."""


def _may_fullmatch(shape: int, value: str) -> bool:
    """False only where the pattern of ``shape`` (:data:`_SHAPE`) cannot match the whole of
    ``value`` (which starts with a digit, :data:`_BY_FIRST`), so ``fullmatch`` need not be
    tried. Each test reads what the pattern's start fixes (``\\d``-free classes of ASCII
    digits, which no other character case-folds to under re.IGNORECASE; its lookbehind
    holds at the value's start):

    * "mdy": a month of one or two digits, then "/", "." or "-";
    * "md": the same with "/";
    * "ymd": a year of four digits, then "/", "." or "-";
    * "compact": a year of four digits, then a month starting with "0" or "1", eight
      characters at least;
    * "dmy_name": a month name, whose letters only letters match (``str.isalpha``; checked
      for every character in ``tests/test_dates_fast.py``).

    A value read back at rewrite time was found by one pattern; without these tests each
    pattern before it in :data:`_BY_FIRST` was tried on it in vain."""
    n = len(value)
    if shape == 1 or shape == 5:
        if n < 3:
            return False
        a = value[1]
        b = value[2]
        if shape == 5:
            return a == "/" or b == "/"
        return a == "/" or a == "." or a == "-" or b == "/" or b == "." or b == "-"
    if shape == 2:
        if n < 6:
            return False
        a = value[4]
        return a == "/" or a == "." or a == "-"
    if shape == 3:
        return n >= 8 and (value[4] == "0" or value[4] == "1")
    if shape == 4:
        for a in value:
            if a.isalpha():
                return True
        return False
    return True


_YMD_FIRST = {ch: [(rx, _SHAPE.get(p.name, 0), *_slots(rx)) for p, rx in found]
              for ch, found in _BY_FIRST.items()}
_YMD_LETTER = [(rx, 0, *_slots(rx)) for _p, rx in _BY_LETTER]
""":data:`_BY_FIRST` and :data:`_BY_LETTER` for :func:`parse_ymd`: each regex with the test
that may spare its ``fullmatch`` and its groups' indexes."""


def _candidates(value: str) -> list[tuple[Pattern, re.Pattern[str]]]:
    if not value:
        return []
    found = _BY_FIRST.get(value[0])
    return _BY_LETTER if found is None else found


def parse_date(value: str) -> DateParts | None:
    """Read a date that :class:`DateRecognizer` found; None if it is not one of its shapes."""
    for pattern, regex in _candidates(value):
        m = regex.fullmatch(value)
        if m:
            parts = _parts(m, pattern.name)
            if parts:
                return parts
    return None


def _numeric_ymd(value: str) -> tuple[int | None, int, int | None] | None:
    """What :func:`parse_ymd` gives for the commonest dates, "7/22/2019", "07-22-19" and
    "2019-07-22" (ASCII digits in three groups, parted by one separator twice), read without
    a regex; None for any other value, or a date out of range (then the patterns are
    tried as usual). The same answer, because the first pattern ``parse_ymd`` would try
    that can match such a value matches it with these groups:

    * month (``1[0-2]|0?[1-9]``), day (``[12]\\d|3[01]|0?[1-9]``) and a year of 2 or 4
      digits: "mdy", the first pattern tried for a value starting with a digit, matches
      the whole value (its lookbehind holds at the start, its end guard and optional time
      at the end) and its groups are the digits between the separators, which no group
      and no separator share;
    * a year ``1[89]\\d\\d|20\\d\\d``, month and day: "mdy" cannot match (a digit
      follows the first one and the second, where its separator would be), and "ymd", next
      after it for a value starting "1" or "2", matches as above.

    ``tests/test_dates_fast.py`` compares it with the patterns."""
    n = len(value)
    if n < 6 or n > 10:
        return None
    i = 0
    while i < n and "0" <= value[i] <= "9":
        i += 1
    if i == n:
        return None
    sep = value[i]
    if not (sep == "/" or sep == "." or sep == "-"):
        return None
    j = i + 1
    while j < n and "0" <= value[j] <= "9":
        j += 1
    if j == n or value[j] != sep:
        return None
    k = j + 1
    while k < n and "0" <= value[k] <= "9":
        k += 1
    if k != n:
        return None
    a = _ascii_number(value, 0, i)
    b = _ascii_number(value, i + 1, j)
    c = _ascii_number(value, j + 1, n)
    if i <= 2:  # month, day, year
        if not (_form(value, 0, i, False) and _form(value, i + 1, j, True)
                and (n - j - 1 == 2 or n - j - 1 == 4)):
            return None
        month = a
        day = b
        year = c
        if n - j - 1 == 2:
            year += 2000 if year <= 30 else 1900
    elif i == 4:  # year, month, day
        first = value[0]
        second = value[1]
        if not ((first == "1" and (second == "8" or second == "9"))
                or (first == "2" and second == "0")):
            return None
        if not (_form(value, i + 1, j, False) and _form(value, j + 1, n, True)):
            return None
        year = a
        month = b
        day = c
    else:
        return None
    if day > _DAYS_IN[month - 1]:
        return None
    return year, month, day


def _ascii_number(value: str, lo: int, hi: int) -> int:
    """``int(value[lo:hi])`` for ASCII digits (0 when empty), without the slice."""
    n = 0
    for k in range(lo, hi):
        n = n * 10 + (ord(value[k]) - 48)
    return n


def _form(value: str, lo: int, hi: int, day: bool) -> bool:
    """Are the ASCII digits ``value[lo:hi]`` all of a month's ``1[0-2]|0?[1-9]`` (with
    ``day``, of a day's ``[12]\\d|3[01]|0?[1-9]``)?"""
    if hi - lo == 1:
        return value[lo] != "0"
    if hi - lo == 2:
        first = value[lo]
        second = value[lo + 1]
        if first == "0":
            return second != "0"
        if day:
            return first == "1" or first == "2" or (first == "3" and second <= "1")
        return first == "1" and "0" <= second <= "2"
    return False


def parse_ymd(value: str) -> tuple[int | None, int, int | None] | None:
    """``(parts.year, parts.month, parts.day)`` of :func:`parse_date`, None when it gives
    None: the same patterns in the same order, without building the template."""
    if not value:
        return None
    ymd = _numeric_ymd(value)
    if ymd is not None:
        return ymd
    found = _YMD_FIRST.get(value[0])
    for regex, shape, mon_i, m_i, d_i, y_i in _YMD_LETTER if found is None else found:
        if shape and not _may_fullmatch(shape, value):
            continue
        m = regex.fullmatch(value)
        if m is not None:
            ymd = _read_ymd(m, mon_i, m_i, d_i, y_i)
            if ymd is not None:
                return ymd
    return None


def render_date(parts: DateParts, year: int | None, month: int, day: int | None) -> str:
    """Write a date in the style ``parts`` was read in (used by the shift operator)."""
    style = parts.month_style
    if style.startswith(("full", "abbr")):
        name = MONTH_NAMES[month - 1]
        if style.startswith("abbr"):
            name = name[:3]
        if style.endswith("upper"):
            name = name.upper()
        elif style.endswith("lower"):
            name = name.lower()
        mon = name
    else:
        mon = ""
    m = f"{month:02d}" if style == "num2" else str(month)
    d = "" if day is None else (f"{day:02d}" if parts.day_width == 2 else str(day))
    if year is None:
        y = ""
    elif parts.year_width == 4:
        y = f"{year:04d}"
    elif parts.year_width == 3:  # '19
        y = f"'{year % 100:02d}"
    else:
        y = f"{year % 100:02d}"
    return parts.template.format(y=y, m=m, mon=mon, d=d)


_FIND_PLAN = [(p, rx, *_slots(rx)) for p, rx in _COMPILED]
""":data:`_COMPILED` with each regex's groups' indexes (:func:`_read_ymd`)."""


class DateRecognizer(Recognizer):
    """Dates in every common clinical format; a date after a DOB cue is a BIRTH_DATE."""

    LETTER = "C"
    ENTITIES = ("DATE", "BIRTH_DATE")
    PATTERNS = DATE_PATTERNS

    def find(self, doc: Doc) -> list[Hit]:
        hits: list[Hit] = []
        text = doc.text
        low = doc.lower
        runs = _date_runs(doc)
        rec_name = self.name  # a property: read once, not per hit
        for pattern, regex, mon_i, m_i, d_i, y_i in _FIND_PLAN:
            name = pattern.name
            score = pattern.score
            if name == "md" and "/" not in text:
                continue
            if name in runs:
                matches: Iterable[re.Match[str]] = _run_matches(text, regex, runs[name])
            elif pattern.anchors:
                matches = _anchor_matches(text, regex, doc.positions(pattern.anchors),
                                          name == "the_dth_of")
            else:
                matches = pattern_matches(doc, pattern, regex)
            for m in matches:
                start, end = m.span()
                ymd = _read_ymd(m, mon_i, m_i, d_i, y_i)
                if ymd is None:
                    continue
                if mon_i and ymd[0] is None and m[mon_i] in ("may", "mar", "jan", "dec"):
                    continue  # "may 2 tabs", "mar 5 times": lower-case words, not months
                if name == "md" and self._not_a_date(text, low, start, end, ymd[1], ymd[2]):
                    continue
                # trim a leading weekday's trailing comma/space issues: keep span as matched
                lo = start - 24 if start > 24 else 0
                entity = "BIRTH_DATE" if _ends_with_cue(low, lo, start, 5, _DOB_ENDS) \
                    and _may_cue_birth(low[lo:start]) and _birth_cue(text, lo, start) \
                    else "DATE"
                hits.append(Hit(start, end, entity, score, rec_name))
        return hits

    @staticmethod
    def _not_a_date(text: str, low: str, start: int, end: int, month: int,
                    day: int | None) -> bool:
        """Month/day without a year collides with fractions, scores and ratios."""
        lo = max(0, start - 16)
        before = text[lo:start]
        if (_ends_with_cue(low, lo, start, 4, _DATE_CUE_ENDS)
                and _cue_search(_DATE_CUE, before, _DATE_CUE_FIRSTS)) \
                or _WEEKDAY_AFTER.match(text, end):
            return False
        if _cue_search(_SCALE_CUE, before, _SCALE_CUE_FIRSTS):
            return True
        if (month, day) in _FRACTIONS or day == 10:
            return True
        after = text[start:start + 24].lower()
        return any(w in after for w in (" pain", " strength", " tab", " of ", " dose"))


_NUM_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_AGE_WORD = (r"(?:ninety|one\s(?:hundred|hundred\sand)(?:\s(?:one|two|three|four|five|six|seven"
             r"|eight|nine|ten|eleven|twelve))?)(?:[\s-](?:" + "|".join(_NUM_WORDS) + r"))?")
_AGE_UNIT = (r"\s{0,2}-?\s{0,2}(?:y/o|y\.o\.?|yo|yoa|yrs?\.?(?:\s?old)?|years?(?:[\s-]old)?"
             r"|year-old|yr-old|years-old|-y/o)(?![a-z])")
_FEMALE_MALE = r"\s{0,2}(?:yo\s?)?(?:[mf]|male|female|man|woman|gentleman|lady)\b"

AGE_MIN, AGE_MAX = 90, 130
"""The ages that are identifiers (over 89; above 130 a number is no age)."""
_AGE_RUNS = ((2, AGE_MIN, AGE_MAX), (3, AGE_MIN, AGE_MAX))
"""The number of an age is a whole run of 2 or 3 digits; other values are rejected anyway."""

# The number takes its whole digit run (a digit cannot start a unit or a sex), so the
# character after the run starts the unit (whitespace, "-" or "y": "yo", "yrs", "y/o") or
# the sex ("yo", "m", "f", "male", "female", "man", "woman", "gentleman", "lady"); under
# re.IGNORECASE no other character matches those letters.
AGE_PATTERNS: tuple[Pattern, ...] = (
    Pattern("num_unit", r"(?<![\w.])(?P<phi>\d{2,3}" + _AGE_UNIT + ")", 0.9, flags=re.I,
            digits=True, lengths=(2, 3), follow="-yY", follow_space=True, values=_AGE_RUNS),
    Pattern("age_num", r"\b(?:age[ds]?|aged)\s{0,2}[:=]?\s{0,2}(?:of\s)?(?P<phi>\d{2,3})\b",
            0.9, flags=re.I, anchors=("age",)),
    Pattern("num_sex", r"(?<![\w.])(?P<phi>\d{2,3})" + _FEMALE_MALE, 0.7, flags=re.I,
            digits=True, lengths=(2, 3), follow="yYmMfFwWgGlL", follow_space=True,
            values=_AGE_RUNS),
    Pattern("word_unit", r"\b(?P<phi>" + _AGE_WORD + _AGE_UNIT + ")", 0.9, flags=re.I,
            anchors=("ninet", "one")),
    Pattern("age_word", r"\b(?:age[ds]?|aged)\s{0,2}(?P<phi>" + _AGE_WORD + r")\b", 0.9,
            flags=re.I, anchors=("age",)),
    Pattern("decade", r"\b(?:in\s(?:his|her|their|the)\s(?:early\s|mid\s|mid-|late\s)?)"
            r"(?P<phi>(?:9\d|1[0-2]\d)'?s|nineties)\b", 0.9, flags=re.I,
            anchors=tuple("in" + c for c in WHITESPACE)),  # "in\nher 90s" too
    Pattern("noun", r"\b(?P<phi>nonagenarian|centenarian|supercentenarian)s?\b", 0.9, flags=re.I,
            anchors=("nonagen", "centen", "supercenten")),
)
_TEMP_CUE = re.compile(r"(?:\btemp\w*|\bt|°|\bfever|\btmax)\W{0,3}$", re.I)


_AGE_NUMBER = re.compile(r"\d{2,3}|" + _AGE_WORD, re.I)


def generalize_age(value: str) -> str:
    """'92-year-old' -> '90+-year-old', 'ninety-two yo' -> '90+ yo', '95' -> '90+'.

    The unit stays so that the sentence still reads; the number becomes the Safe Harbor
    category. Decades ('90s') and nouns ('nonagenarian') become plain '90+'.
    """
    m = _AGE_NUMBER.match(value)
    if m is None:
        return "90+"
    rest = value[m.end():]
    if rest[:1].isalpha() and rest[:1].lower() not in ("y",):
        return "90+"
    return "90+" + rest


def _age_value(raw: str) -> int:
    low = raw.lower()
    if low[0].isdigit():
        return int("".join(filter(str.isdigit, low)))
    if low.startswith(("nonagenarian", "ninet")):
        return 90
    return 100  # one hundred..., centenarian


class AgeRecognizer(Recognizer):
    """Ages over 89 in any phrasing; ages of 89 and under are not identifiers."""

    LETTER = "C"
    ENTITIES = ("AGE",)
    PATTERNS = AGE_PATTERNS

    def invalidate_result(self, value: str) -> bool:
        age = _age_value(value)
        return not AGE_MIN <= age <= AGE_MAX

    def accept(self, doc: Doc, pattern: str, start: int, end: int,
               match: re.Match[str] | None = None) -> bool:
        # "T 98 F" is a temperature, "92 F" in a schedule is an age
        return pattern != "num_sex" or not _TEMP_CUE.search(doc.text, max(0, start - 8), start)


class BirthYearRecognizer(Recognizer):
    """A birth year is PHI only when it implies an age over 89 (then it becomes 90+)."""

    LETTER = "C"
    ENTITIES = ("BIRTH_DATE",)
    TRIGGERS = ("born", "birth", "yob", "b.", "dob", "d.o.b")
    PATTERNS = (
        Pattern("year", r"(?:\bborn(?:\s(?:in|on))?|birth\s?year|year\sof\sbirth|\byob|\bb\.|\bdob"
                        r"|d\.o\.b\.?|date\sof\sbirth)\s{0,3}[:=]?\s{0,3}(?P<phi>1[89]\d\d|20\d\d)\b(?![/.-]\d)",
                0.9, flags=re.I, anchors=("born", "birth", "year", "yob", "b.", "dob", "d.o.b",
                                          "date")),
    )
    MIN_AGE: ClassVar[int] = 90

    def find(self, doc: Doc) -> list[Hit]:
        found = super().find(doc)  # not inside the comprehension: Cython compiles this
        return [h for h in found
                if doc.reference_year - int(doc.text[h.start:h.end]) >= self.MIN_AGE]
