"""Column roles for tables: what each column of a CSV holds, and why we think so.

Every column gets one role, decided in this order:

1. **configuration**: ``[columns]`` of the policy (column -> entity type, ``text`` or
   ``keep``);
2. **header**: the vocabulary of :mod:`redact.headers` (DOB, SSN, MRN, Zip, First/Last
   Name, ...), checked against the sampled values;
3. **values**: where the header says nothing, the shape of the first rows' values (UUIDs,
   SSNs, emails, phones, URLs, IP addresses, dates);
4. otherwise **text**: the column is scanned as free text, and the plan says it is unsure.
   An unknown column is never kept as is (fail closed).

A role is an entity type of :mod:`redact.letters` (the whole cell is replaced by the policy's
operator for it, without NLP), ``text`` (the cell goes through the analyzer and only the PHI
inside it is replaced) or ``keep``. A ``keep`` that comes from a header (sex, race, state,
money, clinical codes) is *guarded*: a cell that is not a known category word, a number or a
code is scanned as text (and kept only if the scan finds nothing), and a column whose sampled
values do not fit the header is scanned as text altogether.

Nothing here reads or reports a cell value: reasons mention headers and value *shapes* only.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from recognizers.dates import parse_date
from redact.headers import match, words
from redact.letters import ENTITIES

SAMPLE_ROWS = 1000
"""Rows read before processing to check and choose roles."""

ROLES = (*ENTITIES, "text", "keep")
NULLS = frozenset({"", "na", "n/a", "null", "none", "nan", "nat", "-", "--", "?", "unknown",
                   "unk", "not available", "missing", "#n/a"})
"""Cells that say 'no value': left as they are in structured columns."""

_UUID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
                   r"[0-9a-fA-F]{12}")
_SSN = re.compile(r"\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,255}\.[A-Za-z]{2,24}")
_PHONE = re.compile(r"(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}"
                    r"(?:\s{0,2}(?:x|ext\.?)\s{0,2}\d{1,6})?", re.I)
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.I)
_ZIP = re.compile(r"\d{3,5}(?:-?\d{4})?")
_NUMBER = re.compile(r"\s*[-+]?\$?\s?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)%?\s*")
_FLOAT = re.compile(r"[-+]?\d{1,3}(?:\.\d+)?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_ISO_T = re.compile(r"(\d{4}-\d{2}-\d{2})T\d")
_CATEGORY = re.compile(r"[^\W\d_][\w .,'&()/+-]{0,39}")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,19}")


def is_date(value: str) -> bool:
    """A date in a shape the date recognizer reads (ISO timestamps with ``T`` included)."""
    v = value.strip()
    m = _ISO_T.match(v)
    return parse_date(m.group(1) if m else v) is not None


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return True


def _name_like(value: str) -> bool:
    letters = sum(ch.isalpha() for ch in value)
    return letters >= 2 and letters * 2 >= len(value.replace(" ", "")) and not _UUID.fullmatch(
        value.strip())


def _number(value: str) -> bool:
    return _NUMBER.fullmatch(value) is not None


def _category(value: str) -> bool:
    return _CATEGORY.fullmatch(value.strip()) is not None


def _code(value: str) -> bool:
    return _CODE.fullmatch(value.strip()) is not None


def _full(regex: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda v: regex.fullmatch(v.strip()) is not None


SHAPES: dict[str, tuple[Callable[[str], bool], str]] = {
    "OTHER_ID": (_full(_UUID), "UUIDs"),
    "SSN": (_full(_SSN), "SSNs"),
    "EMAIL": (_full(_EMAIL), "email addresses"),
    "PHONE": (_full(_PHONE), "phone numbers"),
    "URL": (_full(_URL), "URLs"),
    "IP_ADDRESS": (_is_ip, "IP addresses"),
    "BIRTH_DATE": (is_date, "dates"),
}
"""Value shapes that decide a role where the header says nothing, in this order."""

CHECKS: dict[str, Callable[[str], bool]] = {
    "BIRTH_DATE": lambda v: is_date(v) or _YEAR.fullmatch(v.strip()) is not None,
    "DATE": is_date,
    "ZIP": _full(_ZIP),
    "SSN": lambda v: _SSN.fullmatch(v.strip()) is not None or v.strip().isdigit(),
    "PHONE": _full(_PHONE),
    "FAX": _full(_PHONE),
    "EMAIL": _full(_EMAIL),
    "COORDINATES": _full(_FLOAT),
    "AGE": lambda v: any(ch.isdigit() for ch in v),
    "NAME": _name_like,
    "FACILITY": _name_like,
}
"""What the values of a header-chosen role look like (to confirm or doubt the header)."""

GUARDS: dict[str, Callable[[str], bool]] = {
    "category": _category,
    "number": _number,
    "code": _code,
}
"""Per-cell checks of header-chosen ``keep`` columns: a cell that fails is scanned as text."""

MAX_CATEGORIES = 100


@dataclass(frozen=True)
class Column:
    """The role of one column and the reason for it (never a value)."""

    index: int
    name: str
    role: str  # an entity type, "text" or "keep"
    source: str  # "config", "header", "values" or "default"
    why: str
    sure: bool = True
    guard: str = ""  # for a keep chosen by header: "category", "number" or "code"


@dataclass(frozen=True)
class Plan:
    """Roles for every column, the subject column, and what the decision was based on."""

    columns: tuple[Column, ...]
    subject: int | None = None
    subject_why: str = ""
    sampled: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def roles(self) -> dict[str, str]:
        """Column name -> role, for reports."""
        return {c.name: c.role for c in self.columns}


def plan_columns(header: Sequence[str], sample: Sequence[Sequence[str]],
                 config: dict[str, str] | None = None,
                 subject_column: str | None = None) -> Plan:
    """Decide the role of every column (see the module docstring for the order).

    :param header: column names, in order
    :param sample: the first rows' values (already split), to check and choose roles
    :param config: ``[columns]`` of the policy: column name -> entity type, text or keep
    :param subject_column: the column whose value identifies the subject (for date shifts);
        None picks one (an MRN, a patient id, an ``Id`` column) or none
    """
    config = dict(config or {})
    by_name = _config_lookup(header, config)
    columns = []
    for i, name in enumerate(header):
        values = [row[i] for row in sample if i < len(row) and row[i].strip().lower() not in NULLS]
        if i in by_name:
            role = by_name[i]
            columns.append(Column(i, name, role, "config", f"[columns] says {role}"))
        else:
            columns.append(_decide(i, name, values))
    notes = tuple(f"[columns] names {key!r}, which is not in the header" for key in config
                  if not any(_same(key, h) for h in header))
    subject, why = _subject(columns, subject_column)
    return Plan(tuple(columns), subject, why, len(sample), notes)


def _same(key: str, name: str) -> bool:
    return key == name or key.strip().casefold() == name.strip().casefold()


def _config_lookup(header: Sequence[str], config: dict[str, str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i, name in enumerate(header):
        if name in config:
            out[i] = config[name]
            continue
        hits = [role for key, role in config.items() if _same(key, name)]
        if hits:
            out[i] = hits[0]
    return out


def _agree(check: Callable[[str], bool], values: list[str]) -> tuple[int, int]:
    return sum(1 for v in values if check(v)), len(values)


def _decide(index: int, name: str, values: list[str]) -> Column:
    found = match(name)
    label = name.strip() or f"#{index + 1}"
    if found is not None:
        rule, phrase = found
        said = f"{label!r} names {rule.why}" + (
            "" if " ".join(words(label)) == phrase else f" (word {phrase!r})")
        if rule.role.startswith("keep:"):
            return _guarded_keep(index, name, rule.role[5:], said, values)
        check = CHECKS.get(rule.role)
        if check is None or not values:
            return Column(index, name, rule.role, "header", said)
        ok, n = _agree(check, values)
        if ok * 2 >= n:
            return Column(index, name, rule.role, "header", f"{said}; {ok}/{n} sampled values "
                          "fit")
        if rule.strong:
            return Column(index, name, rule.role, "header", f"{said}, but only {ok}/{n} sampled "
                          "values look like one; the header wins", sure=False)
        by_values = _by_values(index, name, values, f"{said}, but the values do not fit")
        if by_values is not None:
            return by_values
        return Column(index, name, "text", "default", f"{said}, but the values do not fit; "
                      "scanned as free text", sure=False)
    by_values = _by_values(index, name, values, f"{label!r} is not a known header")
    if by_values is not None:
        return by_values
    shape = "no values were sampled" if not values else "its values are not one kind of " \
        "identifier"
    return Column(index, name, "text", "default", f"{label!r} is not a known header and "
                  f"{shape}: scanned as free text (fail closed)", sure=False)


def _by_values(index: int, name: str, values: list[str], prefix: str) -> Column | None:
    if not values:
        return None
    for role, (check, what) in SHAPES.items():
        ok, n = _agree(check, values)
        if ok * 10 >= n * 9:
            why = f"{prefix}; {ok}/{n} sampled values are {what}"
            if role == "BIRTH_DATE":
                why += " (whose dates is unknown: treated as birth dates, fail closed)"
            return Column(index, name, role, "values", why, sure=ok == n)
    return None


def _guarded_keep(index: int, name: str, guard: str, said: str, values: list[str]) -> Column:
    check = GUARDS[guard]
    ok, n = _agree(check, values)
    distinct = len(set(values))
    if n and (ok * 5 < n * 4 or (guard == "category" and distinct > MAX_CATEGORIES)):
        reason = f"{distinct} distinct values" if ok * 5 >= n * 4 else \
            f"only {ok}/{n} sampled values look like one"
        return Column(index, name, "text", "default", f"{said}, but {reason}: scanned as free "
                      "text", sure=False)
    return Column(index, name, "keep", "header", f"{said}; a cell that is not a {guard} is "
                  "scanned as text", guard=guard)


_SUBJECT_WORDS = ("patient", "subject", "person", "member", "pt", "mrn", "beneficiary")
_ID_ROLES = ("MRN", "OTHER_ID", "HEALTH_PLAN")


def _subject(columns: list[Column], wanted: str | None) -> tuple[int | None, str]:
    if wanted is not None:
        for c in columns:
            if _same(wanted, c.name):
                return c.index, "chosen (--subject-column or policy.subject_column)"
        raise KeyError(wanted)
    for c in columns:
        if c.role == "MRN":
            return c.index, "the first medical record number column"
    for c in columns:
        words = c.name.lower().replace("_", " ").split()
        if c.role in _ID_ROLES and any(w in words for w in _SUBJECT_WORDS):
            return c.index, "an identifier column named for the patient"
    for c in columns:
        if c.role in _ID_ROLES and c.name.strip().lower() == "id":
            return c.index, "the 'Id' column"
    return None, "dates under 'shift' move by one offset for the whole file"


def describe(plan: Plan, operator_for: Callable[[str], str], title: str = "") -> str:
    """The plan as text: one line per column with role, operator, source and reason."""
    lines = []
    if title:
        lines.append(title)
    subject = plan.columns[plan.subject].name if plan.subject is not None else "none"
    lines.append(f"subject column: {subject} ({plan.subject_why})")
    lines.append(f"rows sampled: {plan.sampled}")
    width = max([len(c.name) for c in plan.columns] + [6])
    lines.append(f"{'#':>3}  {'column':<{width}}  {'role':<14}  {'action':<10}  {'from':<7}  why")
    for c in plan.columns:
        action = _action(c, operator_for)
        role = c.role + ("" if c.sure else " ?")
        lines.append(f"{c.index + 1:>3}  {c.name:<{width}}  {role:<14}  {action:<10}  "
                     f"{c.source if c.sure else 'UNSURE':<7}  {c.why}")
    for note in plan.notes:
        lines.append(f"note: {note}")
    unsure = [c.name for c in plan.columns if not c.sure]
    if unsure:
        lines.append(f"unsure ({len(unsure)}): {', '.join(unsure)}; set their roles under "
                     "[columns] in the policy")
    return "\n".join(lines) + "\n"


def _action(c: Column, operator_for: Callable[[str], str]) -> str:
    if c.role == "keep":
        return "keep*" if c.guard else "keep"
    if c.role == "text":
        return "scan"
    return operator_for(c.role)
