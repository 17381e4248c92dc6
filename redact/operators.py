"""Operators: what happens to each identifier the analyzer found.

``tag``        replace with a label such as ``[NAME]`` (the Safe Harbor default)
``mask``       replace every non-space character with ``*`` (keeps length and layout)
``remove``     delete
``generalize`` dates -> year; birth dates implying an age over 89, and ages over 89 -> ``90+``;
               ZIP -> three-digit prefix or ``000``; coordinates -> tag
``hash``       keyed HMAC-SHA256 pseudonym ``[NAME-1f3a...]``: same value + same key -> same
               token in every run and file; different key -> different token
``surrogate``  a realistic fake of the same kind, deterministic under a key
``shift``      dates moved by a keyed per-subject offset (intervals within a subject kept)
``keep``       leave as is

The Safe Harbor age rule wins over every operator that could reveal an age: a birth date or
birth year implying an age over 89 becomes ``90+`` under generalize, shift and surrogate.
"""

from __future__ import annotations

import datetime as dt
import re

from recognizers.dates import generalize_age, parse_date, parse_ymd, render_date
from redact.keys import keyed_digest
from redact.letters import ENTITY_LETTER
from redact.policy import KEYED_OPERATORS, Policy, PolicyError
from redact.surrogates import fake_value
from redact.zip3 import generalize_zip

AGE_90_PLUS = "90+"
_DIGITISH = frozenset({
    "PHONE", "FAX", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "CREDIT_CARD", "BANK_ROUTING", "IBAN",
    "LICENSE", "DRIVER_LICENSE", "DEA", "NPI", "PASSPORT", "VIN", "LICENSE_PLATE", "DEVICE",
    "OTHER_ID", "ZIP", "BIOMETRIC",
})
_NAMESPACE = {"FAX": "PHONE", "BIRTH_DATE": "DATE"}


class Operators:
    """Applies a policy's operators; built once per Redactor, holds the key privately."""

    def __init__(self, policy: Policy, key: bytes | None) -> None:
        self.policy = policy
        self._key = key
        missing = [e for e in policy.needs_key() if key is None]
        if missing:
            ops = sorted({policy.operator_for(e) for e in missing})
            raise PolicyError(
                f"operator {'/'.join(ops)} (for {', '.join(missing[:4])}"
                f"{'...' if len(missing) > 4 else ''}) needs a key: set REDACT_KEY or pass "
                "--key-file")
        self._today = policy.today()
        self._tags: dict[str, str] = {}

    def __repr__(self) -> str:  # never show the key
        return f"Operators(policy={self.policy.source!r}, keyed={self._key is not None})"

    def apply(self, entity: str, value: str, subject: str = "") -> str:
        tag = self._tags.get(entity)
        if tag is not None:  # the default: one formatted tag per entity type, made once
            return tag
        op = self.policy.operator_for(entity)
        if op == "keep":
            return value
        if op == "tag":
            tag = self._tags[entity] = self.tag(entity)
            return tag
        if op == "remove":
            return ""
        if op == "mask":
            ch = self.policy.mask_char
            return "".join(c if c.isspace() else ch for c in value)
        if op == "generalize":
            return self.generalize(entity, value)
        if op in KEYED_OPERATORS and self._key is None:  # pragma: no cover - checked in __init__
            raise PolicyError(f"operator {op} needs a key")
        if op == "hash":
            return self.hash(entity, value)
        if op == "shift":
            return self.shift(entity, value, subject)
        if op == "surrogate":
            return self.surrogate(entity, value, subject)
        raise PolicyError(f"unknown operator {op}")  # pragma: no cover - policy validated

    # -- operators ---------------------------------------------------------------------
    def tag(self, entity: str) -> str:
        return self.policy.tag_format.format(entity=entity, letter=ENTITY_LETTER.get(entity, "R"))

    def generalize(self, entity: str, value: str) -> str:
        if entity == "AGE":
            return generalize_age(value)
        if entity == "ZIP":
            return generalize_zip(value, self.policy.zip3_vintage)
        if entity in ("DATE", "BIRTH_DATE"):
            # the year, month and day parse_date would give, without its template
            ymd = parse_ymd(value.strip())
            if entity == "BIRTH_DATE":
                year = ymd[0] if ymd else _bare_year(value)
                if year is not None and self._over_89(
                        year, ymd[1] if ymd else 0, ymd[2] if ymd else None):
                    return AGE_90_PLUS
                return str(year) if year is not None else self.tag(entity)
            if ymd and ymd[0] is not None:
                return str(ymd[0])
            return self.tag(entity)
        return self.tag(entity)

    def hash(self, entity: str, value: str) -> str:
        space = _NAMESPACE.get(entity, entity)
        digest = keyed_digest(self._key, "hash", space, normalize(entity, value))  # type: ignore[arg-type]
        return self.tag(f"{entity}-{digest.hex()[:self.policy.hash_length]}")

    def shift(self, entity: str, value: str, subject: str) -> str:
        parts = parse_date(value.strip())
        if parts is None:
            if entity == "BIRTH_DATE":
                return self.generalize(entity, value)
            return self.tag(entity)
        if entity == "BIRTH_DATE" and parts.year is not None and self._over_89(parts.year, parts.month, parts.day):
            return AGE_90_PLUS
        offset = self.offset_days(subject)
        year = parts.year if parts.year is not None else 2000
        day = parts.day or 1
        moved = dt.date(year, parts.month, min(day, _month_len(year, parts.month))) + \
            dt.timedelta(days=offset)
        new_year = moved.year if parts.year is not None else None
        if entity == "BIRTH_DATE" and new_year is not None and self._over_89(new_year, parts.month, parts.day):
            return AGE_90_PLUS
        out = render_date(parts, new_year, moved.month, moved.day if parts.day else None)
        lead = value[:len(value) - len(value.lstrip())]
        trail = value[len(value.rstrip()):]
        return lead + out + trail

    def offset_days(self, subject: str) -> int:
        """The keyed per-subject offset: 1..N days, either direction, never 0."""
        digest = keyed_digest(self._key, "shift", subject)  # type: ignore[arg-type]
        n = int.from_bytes(digest[:8], "big")
        days = 1 + n % self.policy.shift_max_days
        return days if (n >> 63) & 1 else -days

    def surrogate(self, entity: str, value: str, subject: str) -> str:
        if entity in ("DATE", "BIRTH_DATE"):
            return self.shift(entity, value, subject)
        if entity == "AGE":
            return generalize_age(value)
        space = _NAMESPACE.get(entity, entity)
        digest = keyed_digest(self._key, "surrogate", space, normalize(entity, value))  # type: ignore[arg-type]
        return fake_value(entity, value, digest)

    # -- helpers -----------------------------------------------------------------------
    def _over_89(self, year: int, month: int, day: int | None) -> bool:
        """Is a person born on ``month``/``day`` of ``year`` over 89 today? With the day
        unknown, the earliest birthday is assumed (the larger age): fail closed."""
        today = self._today
        age = today.year - year
        if day is not None and (today.month, today.day) < (month, day):
            age -= 1
        return age > 89


# compiled once: re.sub(pattern, ...) looks its pattern up in re's cache with Python code
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_BARE_YEAR = re.compile(r"\s*(1[89]\d\d|20\d\d)\s*")


def normalize(entity: str, value: str) -> str:
    """The form two spellings of one identifier share, for hashing and surrogates."""
    if entity in _DIGITISH:
        out = _NOT_ALNUM.sub("", value).upper()
        if entity in ("PHONE", "FAX") and len(out) == 11 and out.startswith("1"):
            out = out[1:]
        return out
    if entity == "NAME":
        words = _WORD.findall(value.casefold())
        return " ".join(sorted(w for w in words if len(w) > 1))
    return " ".join(value.casefold().split())


def _bare_year(value: str) -> int | None:
    m = _BARE_YEAR.fullmatch(value)
    return int(m.group(1)) if m else None


def _month_len(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
