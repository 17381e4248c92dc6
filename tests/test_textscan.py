"""The character loops of :mod:`recognizers.textscan` give what the regular expressions they
replace give, and a :class:`Doc` answers the same whether it uses them or not.

In a compiled install these loops are C code (``textscan.pxd``) and these tests check that
code; in pure Python they check the same source run by the interpreter."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers import base, textscan
from recognizers.base import _TOKEN_ASCII, Doc

_CHARS = list("aZqé İß-'’ \n\t.,:_1907٣２AbcDEF°—\u00a0²+(") + ["ǅ", "Σ", "\x00", "\U0001f600"]
_TEXT = st.text(alphabet=st.sampled_from(_CHARS), max_size=300)
# texts made of the characters that decide a word's edges, so that the edge cases are common
_EDGES = st.text(alphabet=st.sampled_from(list("ab-'9_ Z’")), max_size=60)

HOSTILE = [
    "", "a", "9", "-", "'", "a9", "ab9", "a-b9", "ab-cd9", "a'b'c9", "x-yz9", "a--b", "a-",
    "-a", "_ab", "ab_", "9ab", "E0859273", "O'Brien-Smith's", "a" * 5000 + "9",
    "a-" * 3000 + "9", "1" * 10000, "\n" * 100, "é" * 50 + "a1",
]


def _regex_words(text: str) -> tuple[list[int], list[int], list[str], list[str]]:
    matches = list(_TOKEN_ASCII.finditer(text))
    return ([m.start() for m in matches], [m.end() for m in matches], [m[0] for m in matches],
            [m[0].lower() for m in matches])


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, _EDGES))
def test_ascii_words_are_the_ascii_tokenizers_matches(text: str) -> None:
    assert textscan.ascii_words(text) == _regex_words(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_ascii_words_on_edge_cases(text: str) -> None:
    assert textscan.ascii_words(text) == _regex_words(text)


def test_a_word_before_a_digit_gives_back_its_last_letter() -> None:
    """What the regular expression's backtracking does, spelled out."""
    assert textscan.ascii_words("abc9 x-yz9 x-y9 a9 E0859273 ok")[2] == ["ab", "x-y", "x", "ok"]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_digit_runs_are_decimal_digit_runs(text: str) -> None:
    assert textscan.digit_runs(text) == [m.span() for m in re.finditer(r"\d+", text)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_line_letter_counts_count_cased_letters_per_line(text: str) -> None:
    lines = text.split("\n")
    assert textscan.line_letter_counts(text) == (
        [sum(map(str.isupper, line)) for line in lines],
        [sum(map(str.islower, line)) for line in lines],
    )


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sets(st.sampled_from(list(" \t-/.:")), max_size=3), st.booleans(),
       st.booleans(), st.booleans())
def test_runs_followed_by_keeps_the_runs_the_comprehension_kept(
        text: str, follow: set[str], alpha: bool, space: bool, nonword: bool) -> None:
    runs = [m.span() for m in re.finditer(r"\d+", text)]
    chars = "".join(sorted(follow))
    expected = [(s, e) for s, e in runs
                if (nxt := text[e:e + 1]) in chars or (alpha and nxt.isalpha())
                or (space and nxt.isspace()) or (nonword and not (nxt.isalnum() or nxt == "_"))]
    assert textscan.runs_followed_by(text, runs, chars, alpha, space, nonword) == expected


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_per_token_gives_each_token_its_lines_value(text: str) -> None:
    doc = Doc(text, 2026)
    lines = doc.line_starts
    values = list(range(len(lines)))
    assert textscan.per_token(values, doc.token_starts, lines) == [
        bisect_right(lines, s) - 1 for s in doc.token_starts]


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_a_doc_answers_the_same_with_and_without_the_loops(text: str) -> None:
    def answers() -> tuple:
        doc = Doc(text, 2026)
        return (doc.token_starts, doc.token_ends, doc.texts, doc.lows, doc.line_cases,
                doc.doc_case, doc.token_case, doc.digit_spans,
                doc.digit_candidates((), " -", True), doc.digit_candidates((4,), "/", False,
                                                                            nonword=True))

    saved = base._TYPED_SCANS
    try:
        base._TYPED_SCANS = True
        typed = answers()
        base._TYPED_SCANS = False
        plain = answers()
    finally:
        base._TYPED_SCANS = saved
    assert typed == plain


def test_a_long_text_decides_its_case_by_its_start() -> None:
    """Only the first 20,000 characters decide the case of a text, as before."""
    text = "Mixed Case Words here and there.\n" * 700 + "ALL CAPS " * 10000
    assert Doc(text, 2026).doc_case == "mixed"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "pt", "", "Smith", "smith", "x-y"]), max_size=40),
       st.sets(st.sampled_from(["a", "pt", "smith", "x-y", "zz"])))
def test_members_and_non_members_split_the_indexes(words: list[str], pool: set[str]) -> None:
    inside = textscan.members(words, frozenset(pool))
    assert inside == [i for i, w in enumerate(words) if w in pool]
    assert textscan.members(words, pool) == inside  # a plain set too
    assert textscan.non_members(words, frozenset(pool)) == [
        i for i, w in enumerate(words) if w not in pool]


@pytest.mark.parametrize(("regex", "flags", "may"), [
    (r"a\sb", 0, True), (r"[^x]", 0, True), (r"[ \t]+", 0, False), (r"(?s:.)", 0, True),
    (r".", 0, False), (r".", re.S, True), (r"(?s).", 0, True), (r"\W", 0, True),
    (r"[^\W\d_]+", 0, False), (r"(?i)x\n", 0, True), (r"(a)\1", 0, True),
    (r"(?<=\n)a", 0, False), (r"\d{2}(?:[ -]\d)?+", 0, False), (r"[^\S\n]", 0, False),
    (r"(?m:^)ab$", 0, False), (r"a|b|\n", 0, True), (r"(?>a\D)", 0, True), (r"[\s\S]", 0, True),
    (r"(?:x)(?(1)a|\n)", 0, True), (r"[", 0, True),
])
def test_may_hold_newline_reads_the_pattern(regex: str, flags: int, may: bool) -> None:
    assert base.may_hold_newline(regex, flags) is may


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", r"\w+[.,]?", r"[^\S\n]+\d", r"\D{1,3}",
                        r"(?s).{2}", r"[a-z\n]{2,}", r"(?i:[^q]x)"]),
       st.text(alphabet=st.sampled_from(list("aZq x\n\t.,1Éé\r\x0b")), max_size=40))
def test_a_pattern_said_to_hold_no_newline_never_matches_one(regex: str, text: str) -> None:
    """Checked against the matches themselves, over texts full of line breaks."""
    if not base.may_hold_newline(regex):
        assert all("\n" not in m[0] for m in re.finditer(regex, text))


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_runs_after_letter_keeps_the_runs_a_letter_precedes(text: str) -> None:
    runs = [m.span() for m in re.finditer(r"\d+", text)]
    assert textscan.runs_after_letter(text, runs) == [
        (s, e) for s, e in runs if s and text[s - 1].isalpha()]


def test_lead_alpha_needs_a_step_back() -> None:
    with pytest.raises(ValueError, match="lead_alpha"):
        base.Pattern("x", r"\d", 0.5, digits=True, lead_alpha=True)


def _every_occurrence(needles: set[str], text: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for needle in needles:
        starts = [i for i in range(len(text)) if text.startswith(needle, i)]
        if starts:
            out[needle] = starts
    return out


_NEEDLE_CHARS = st.sampled_from(list("ab, .:é’m\t"))


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(alphabet=_NEEDLE_CHARS, min_size=1, max_size=5), min_size=1, max_size=12),
       st.text(alphabet=st.sampled_from(list("ab, .:é’m\txZ\n")), max_size=80))
def test_the_table_automaton_finds_every_occurrence(needles: set[str], text: str) -> None:
    """Overlapping needles, needles inside needles, non-ASCII characters: every occurrence,
    as pyahocorasick (the pure-Python build's automaton) and plain ``str.startswith`` find."""
    expected = _every_occurrence(needles, text)
    assert base._TableAutomaton(needles).hits(text) == expected
    assert base._LibraryAutomaton(needles).hits(text) == expected


def test_the_registered_needles_automaton_on_a_note() -> None:
    from redact import Redactor

    Redactor()  # registers every recognizer's needles
    needles = frozenset(base._NEEDLES)
    text = ("pt: smith, anthony  mrn#: z6290109  dob 10/17/89, boston, ma 02115\n"
            "seen by dr. rn kelly at mercy hospital; p.o. box 12; lat 42.3 ’s").lower()
    expected = _every_occurrence(set(needles), text)
    assert base._TableAutomaton(needles).hits(text) == expected
    assert len(expected) > 10


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n,.:-(|/A1é'")), max_size=10),
       st.integers(min_value=1, max_value=(1 << 7) - 1))
def test_remembered_gap_shapes_answer_as_the_gap_patterns(gap: str, test: int) -> None:
    """Asked twice (the second answer may come from the memory), the gap tests of the name
    rules answer as their regular expressions; gaps holding a letter or digit are never
    remembered."""
    from recognizers import names

    expected = any(test >> k & 1 and regex.match(gap)
                   for k, regex in enumerate(names._GAP_TESTS))
    assert names._gap_is(test, gap) is expected
    assert names._gap_is(test, gap) is expected
    assert all(not key.strip(names._GAP_CHARS) for key in names._GAP_SHAPES)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_runs_valued_keeps_the_runs_in_range(text: str) -> None:
    runs = [m.span() for m in re.finditer(r"\d+", text)]
    ranges = ((2, 90, 99), (3, 100, 130), (1, 1, 1))
    assert textscan.runs_valued(text, runs, ranges, "+(") == [
        (s, e) for s, e in runs
        if not any(n == e - s for n, _, _ in ranges) or (s and text[s - 1] in "+(")
        or any(n == e - s and lo <= int(text[s:e]) <= hi for n, lo, hi in ranges)]


_RUN_PIECES = st.lists(st.sampled_from(
    ["9", "89", "90", "95", "099", "130", "131", "1000", "٩٥", " ", "  ", "-", "yo", "y/o", "F",
     "male", "years old", "yrs", "\n", "(", ")", "T ", "temp ", ".", "age", "x", "92yo", "101 F",
     "1", "2", "+", "+1", "617", "555", "0199", "6175550199", "16175550199", "ext", "+44",
     "20", "7946", "0958"]), max_size=30)


@settings(max_examples=400, deadline=None)
@given(_RUN_PIECES)
def test_runs_out_of_range_are_not_tried_and_nothing_is_lost(pieces: list[str]) -> None:
    """The age and phone patterns skip runs that ``Pattern.values`` rules out (ages outside
    90-130, one-digit runs other than a phone's "1"): their matches were always rejected, so
    what is found is what trying every run finds."""
    import dataclasses

    from recognizers.dates import AgeRecognizer
    from recognizers.phone import PhoneRecognizer

    text = "".join(pieces)
    for rec in (AgeRecognizer(), PhoneRecognizer()):
        assert any(p.values for p in rec.PATTERNS)
        found = rec.find(Doc(text, 2026))
        rec._plan = [(dataclasses.replace(p, values=()), *rest) for p, *rest in rec._plan]
        rec._compiled = [(dataclasses.replace(p, values=()), *rest) for p, *rest in rec._compiled]
        assert rec.find(Doc(text, 2026)) == found


def test_values_need_the_run_a_match_starts_with() -> None:
    with pytest.raises(ValueError, match="values"):
        base.Pattern("x", r"\d", 0.5, digits=True, back=(1,), values=((1, 1, 2),))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sets(st.integers(min_value=1, max_value=5), min_size=1, max_size=4),
       st.integers(min_value=0, max_value=20))
def test_run_filters_match_their_plain_forms(text: str, lengths: set[int], within: int) -> None:
    runs = [m.span() for m in re.finditer(r"\d+", text)]
    wanted = tuple(sorted(lengths))
    assert textscan.runs_of_lengths(runs, wanted) == [(s, e) for s, e in runs if e - s in wanted]
    starts = [m.start() for m in re.finditer(r"[a-zA-Z]+", text)]
    assert textscan.runs_before(runs, starts, within) == [
        (s, e) for s, e in runs
        if (k := bisect_right(starts, e)) < len(starts) and starts[k] - e <= within]


_LINE_PIECES = st.lists(st.sampled_from(
    ["Jane", "roe", "O'Neil", "Smith-Jones", "é", "Ngozi", "x2", "_a", "9", "1745", " ", "  ",
     "   ", "\t", ",", ", ", ".", "-", "--", "—", "–", "~", "’", ":", "/", "(", "MD", "rn",
     "m.d.", "\n", "•", "*", "²", "Ab" * 20]), max_size=16)


@settings(max_examples=500, deadline=None)
@given(_LINE_PIECES)
def test_signature_candidates_keep_every_line_the_pattern_matches(pieces: list[str]) -> None:
    """Every line (and piece of a line) that the signature pattern matches whole and that is
    short enough to be used is a candidate; bullets are found as the bullet pattern finds
    them."""
    from recognizers.names import _SIGNATURE_LINE, _SIGNATURE_MAX

    text = "".join(pieces)
    doc = Doc(text, 2026)
    starts = doc.line_starts
    ends = [*(s - 1 for s in starts[1:]), len(text)]
    starts2 = [min(s + 2, e) for s, e in zip(starts, ends)]  # pieces that start inside a line
    for lo_list in (starts, starts2):
        found = set(textscan.signature_candidates(text, lo_list, ends, _SIGNATURE_MAX))
        for k, (lo, hi) in enumerate(zip(lo_list, ends)):
            if hi - lo <= _SIGNATURE_MAX and _SIGNATURE_LINE.match(text, lo, hi):
                assert k in found, (text[lo:hi],)
    assert textscan.bullet_lines(text, starts, ends) == [
        k for k, (lo, hi) in enumerate(zip(starts, ends))
        if textscan.BULLET_START.match(text, lo, hi)]


def test_signature_candidates_on_plain_lines() -> None:
    lines = ["-- hunter", "  Jane Roe, MD, PhD  ", "Ngozi gray, rn", "0615: pt resting",
             "bp 171/97", "ambulated in hallway with pt, tolerated well.", "- Brown (12)",
             "a b c d e f g h i"]
    text = "\n".join(lines)
    doc = Doc(text, 2026)
    ends = [*(s - 1 for s in doc.line_starts[1:]), len(text)]
    # compiled, the C loop rules lines out; pure Python leaves every line to the pattern
    expected = [0, 1, 2, 5] if textscan.COMPILED else list(range(len(lines)))
    assert textscan.signature_candidates(text, doc.line_starts, ends, 200) == expected
    assert textscan.bullet_lines(text, doc.line_starts, ends) == [0, 6]


def test_lazy_properties_compute_once_and_keep_the_value() -> None:
    calls = []

    class Thing:
        @base.lazy
        def value(self) -> list[int]:
            """A list made once."""
            calls.append(1)
            return [1, 2]

    thing = Thing()
    assert thing.value is thing.value
    assert calls == [1]
    assert thing.__dict__["value"] == [1, 2]
    assert Thing.value.__doc__ == "A list made once."
    doc = Doc("Jane Roe 12", 2026)
    assert doc.token_starts is doc.token_starts and "token_starts" in doc.__dict__


def test_long_code_prefix_letters_are_those_whose_capitals_are_a_to_z() -> None:
    from recognizers.other_ids import _prefix_letter

    chars = [chr(i) for i in range(0x250)] + ["ﬁ", "ﬀ", "ǰ", "ŉ", "\u212a", "Σ", "Ω"]
    assert [_prefix_letter(c, 0) for c in chars] == ["A" <= c.upper() <= "Z" for c in chars]
    assert _prefix_letter("ß", 0) and not _prefix_letter("é", 0)


def test_no_gap_pattern_is_longer_than_the_declared_longest() -> None:
    from re import _parser

    from recognizers import names

    assert max(_parser.parse(r.pattern).getwidth()[1] for r in names._GAP_TESTS) \
        <= names._GAP_LONGEST


_OLD_CELL = re.compile(
    r"(?:^|\||[ \t]{2})[ \t]*(?P<name>[A-Z][A-Za-z'’-]{1,30},[ \t][A-Z][A-Za-z'’-]{1,30}"
    r"(?:[ \t][A-Z]\.?)?)[ \t]*(?=\||[ \t]{2}|$)", re.M)
_CELL_PIECES = st.lists(st.sampled_from(
    ["SMITH", "JOHN", "Doe", "Jane", "O'Neil", "x", "a", ",", ", ", " ", "  ", "\t", "|", "\n",
     "A", "A.", "-", "’", "12", "McKay"]), max_size=25)


@settings(max_examples=600, deadline=None)
@given(_CELL_PIECES)
def test_cells_found_from_the_name_on_are_the_cells_of_the_full_pattern(pieces: list[str]
                                                                       ) -> None:
    """The cell regex starts at the name and ``_cell_opens`` checks what stands before it:
    the same names as the pattern that held the opening itself."""
    from recognizers.names import _cell_matches, _cell_opens

    text = "".join(pieces)
    want = [m.span("name") for m in _OLD_CELL.finditer(text)]
    got = [m.span("name") for m in _cell_matches(Doc(text, 2026))
           if _cell_opens(text, m.start("name"))]
    assert got == want


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("phonetlcaw fx-.\n_1éCSsiuy")), max_size=60))
def test_context_words_found_by_the_automaton_are_what_the_alternation_finds(text: str
                                                                            ) -> None:
    """``has_context`` (the automaton's occurrences, whole words in the window) answers
    what a search of the words' alternation between the window's offsets answers."""
    from recognizers.phone import PhoneRecognizer
    from recognizers.ssn import SsnRecognizer

    for rec in (PhoneRecognizer(), SsnRecognizer()):
        flat = re.compile(r"\b(?:" + "|".join(map(re.escape, rec.CONTEXT)) + r")\b")
        doc = Doc(text, 2026)
        for start in range(len(text) + 1):
            expected = flat.search(doc.lower, max(0, start - rec.CONTEXT_CHARS), start) \
                is not None
            assert rec.has_context(doc, start) is expected, (rec.name, start)


def test_a_patterns_scan_plan_follows_its_fields() -> None:
    import dataclasses

    from recognizers.dates import AGE_PATTERNS

    pattern = AGE_PATTERNS[0]
    assert pattern.digit_plan[8] == pattern.values != ()
    changed = dataclasses.replace(pattern, values=(), lengths=(3,))
    assert changed.digit_plan[8] == () and changed.digit_plan[0] == (3,)
    assert changed.kinds == (None, (), True, ())
    assert "digit_plan" not in repr(pattern) and changed != pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=30), st.lists(st.integers(0, 60), max_size=30))
def test_tokens_ending_at_are_the_tokens_whose_end_is_listed(ends: list[int],
                                                             positions: list[int]) -> None:
    ends = sorted(set(ends))
    positions = sorted(set(positions))
    assert textscan.tokens_ending_at(ends, positions) == [
        k for k, end in enumerate(ends) if end in positions]


@pytest.mark.parametrize(("text", "want"), [
    ("", set()), ("- ' -", set()), ("a-b c d'e -", {0, 2}), ("x - y-z", {1}),
    ("ab-", set()), ("-ab", set())])
def test_tokens_holding_on_edge_cases(text: str, want: set[int]) -> None:
    """Marks outside every word (none at all, before the first, after the last) are no
    token's; the tokens here are the text's runs of letters and inner marks."""
    spans = [m.span() for m in re.finditer(r"[a-z](?:[-'][a-z]|[a-z])*", text)]
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    assert textscan.tokens_holding(text, starts, ends, "-'") == want


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["MA", "ma", "M", "MAS", "TX", "", "OK", "Tx", "X"]), max_size=20))
def test_members_sized_are_the_members_of_a_pool_of_one_length(words: list[str]) -> None:
    pool = frozenset({"MA", "TX", "OK"})
    assert textscan.members_sized(words, pool, 2) == textscan.members(words, pool)


def test_state_codes_are_two_letters() -> None:
    """The name rules look codes up with members_sized(..., 2): true of every code."""
    from recognizers.names import _STATE_CODES

    assert {len(code) for code in _STATE_CODES} == {2}


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_count_digits_counts_what_isdigit_accepts(text: str) -> None:
    assert textscan.count_digits(text) == sum(c.isdigit() for c in text)


@pytest.mark.parametrize(("text", "skip", "want"), [
    ("", 3, ""), ("abc", 0, "abc"), ("x abc", 3, "abc"), ("abc:  ", 3, "abc"),
    ("abc:   ", 3, ""), ("a_b9", 0, "a_b9"), ("...", 5, ""), ("d.o.b.", 1, "b"),
    ("é1 \n", 2, "é1")])
def test_trailing_word(text: str, skip: int, want: str) -> None:
    assert textscan.trailing_word(text, 0, len(text), skip) == want


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 6))
def test_trailing_word_is_the_word_a_regex_finds_at_the_end(text: str, skip: int) -> None:
    end = re.compile(r"(\w*)\W{0," + str(skip) + r"}\Z")
    m = end.search(text)
    word = m.group(1) if m is not None else ""
    lo = len(text) // 3
    assert textscan.trailing_word(text, 0, len(text), skip) == word
    if lo:  # a window: nothing before it counts
        m = end.search(text[lo:])
        assert textscan.trailing_word(text, lo, len(text), skip) == (m.group(1) if m else "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 80), max_size=25), st.lists(st.booleans(), max_size=25),
       st.lists(st.booleans(), max_size=25))
def test_merge_runs_is_the_sorted_union(starts: list[int], in_a: list[bool],
                                        in_b: list[bool]) -> None:
    runs = [(s, s + 1) for s in sorted(set(starts))]
    a = [r for r, keep in zip(runs, in_a) if keep]
    b = [r for r, keep in zip(runs, in_b) if keep]
    assert textscan.merge_runs(a, b) == sorted(set(a).union(b))


def test_runs_after_a_character() -> None:
    text = "+1 617 +44 x9 +"
    runs = [m.span() for m in re.finditer(r"\d+", text)]
    assert textscan.runs_after(text, runs, "+") == [(1, 2), (8, 10)]


def test_cell_char_is_membership_of_the_cell_word_characters() -> None:
    from recognizers.names import _CELL_WORD, _cell_char

    for c in [*_CELL_WORD, *"09 ,.|_\t\néßİıſ\u212a’‘`"]:
        assert _cell_char(c) is (c in _CELL_WORD), repr(c)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["12", " ", "Main", "St", ",", "\n", ".", "'", "-", "\t", "/",
                                 "é", "_", "4"]), max_size=20))
def test_runs_before_clear_needs_a_clear_way_to_the_word(pieces: list[str]) -> None:
    """The first word start after a run, near enough, with only letters, digits and the
    allowed characters between: what a plain search for such a word start finds."""
    text = "".join(pieces)
    runs = [m.span() for m in re.finditer(r"\d+", text)]
    starts = [m.start() for m in re.finditer(r"\bSt\b", text)]
    want = []
    for start, end in runs:
        after = [s for s in starts if s > end]
        if after and after[0] - end <= 12 and all(
                c.isalnum() or c in "_'.- \t" for c in text[end:after[0]]):
            want.append((start, end))
    assert textscan.runs_before(runs, starts, 12, text, "_'.- \t") == want
