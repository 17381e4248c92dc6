"""Policy: what to do with each identifier, as data (TOML), validated with clear errors.

A policy file (``--policy FILE``) or the ``[tool.redact]`` table of the nearest
``pyproject.toml`` looks like::

    [policy]
    min_score = 0.5            # findings below are ignored
    zip3_vintage = "all"       # "all" | "2010" | "2000": Census data for the ZIP rule
    reference_date = "2026-11-22"  # "today" by default: ages implied by birth dates
    shift_max_days = 365       # shift: dates move by 1..N days, same offset per subject
    tag_format = "[{entity}]"
    mask_char = "*"

    [operators]                # entity type (or "default") -> operator
    NAME = "hash"
    DATE = "shift"

    [allow]                    # never redact these (exact terms, or full-match regexes)
    terms = ["Hope Clinic"]
    patterns = ["Room \\d+"]

    [columns]                  # CSV: column -> entity type, "text" (scan) or "keep"
    MRN = "MRN"
    Comments = "text"

Unknown sections, keys, entities or operators, and wrong types, are rejected with a
:class:`PolicyError` naming the key and the allowed values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomllib

from redact.letters import ENTITIES

OPERATORS = ("tag", "mask", "remove", "generalize", "hash", "surrogate", "shift", "keep")
KEYED_OPERATORS = frozenset({"hash", "surrogate", "shift"})
GENERALIZABLE = frozenset({"DATE", "BIRTH_DATE", "AGE", "ZIP", "COORDINATES"})
SHIFTABLE = frozenset({"DATE", "BIRTH_DATE"})
COLUMN_ROLES = ("text", "keep")

SAFE_HARBOR_OPERATORS: dict[str, str] = {
    **{e: "tag" for e in ENTITIES},
    "DATE": "generalize",
    "BIRTH_DATE": "generalize",
    "AGE": "generalize",
    "ZIP": "generalize",
}
"""The default policy: tag everything, dates to the year, ages 90+, ZIP to ZIP3/000."""

_POLICY_KEYS: dict[str, type | tuple[type, ...]] = {
    "min_score": (int, float),
    "zip3_vintage": str,
    "reference_date": (str, dt.date),
    "shift_max_days": int,
    "tag_format": str,
    "mask_char": str,
    "hash_length": int,
    "subject_column": str,
}
_SECTIONS = ("policy", "operators", "allow", "columns")
_ALLOW_KEYS = ("terms", "patterns")


class PolicyError(ValueError):
    """A policy that cannot be used; the message names the key and the allowed values."""


@dataclass(frozen=True)
class Policy:
    """An immutable, validated policy. ``Policy()`` is the Safe Harbor default."""

    operators: dict[str, str] = field(default_factory=lambda: dict(SAFE_HARBOR_OPERATORS))
    min_score: float = 0.5
    zip3_vintage: str = "all"
    reference_date: dt.date | None = None
    shift_max_days: int = 365
    tag_format: str = "[{entity}]"
    mask_char: str = "*"
    hash_length: int = 10
    allow_terms: tuple[str, ...] = ()
    allow_patterns: tuple[str, ...] = ()
    source: str = "safe-harbor default"
    columns: dict[str, str] = field(default_factory=dict)
    """CSV column roles: column name -> entity type, ``text`` or ``keep`` (``[columns]``)."""
    subject_column: str | None = None
    """CSV column whose value identifies the subject (one date shift per subject)."""

    def __post_init__(self) -> None:
        _validate(self)

    # -- construction ------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "<dict>") -> Policy:
        """Build from the parsed TOML structure (``[policy]``, ``[operators]``, ``[allow]``)."""
        if not isinstance(data, dict):
            raise PolicyError(f"{source}: a policy must be a table")
        for section in data:
            if section not in _SECTIONS:
                raise PolicyError(
                    f"{source}: unknown section [{section}]; allowed: {', '.join(_SECTIONS)}")
        settings = _table(data, "policy", source)
        kwargs: dict[str, Any] = {}
        for key, value in settings.items():
            if key not in _POLICY_KEYS:
                raise PolicyError(f"{source}: unknown key policy.{key}; allowed: "
                                  f"{', '.join(_POLICY_KEYS)}")
            expected = _POLICY_KEYS[key]
            if isinstance(value, bool) or not isinstance(value, expected):
                raise PolicyError(f"{source}: policy.{key} must be {_type_name(expected)}, "
                                  f"got {type(value).__name__}")
            kwargs[key] = value
        if "reference_date" in kwargs:
            kwargs["reference_date"] = _date(kwargs["reference_date"], source)
        operators = dict(SAFE_HARBOR_OPERATORS)
        ops = _table(data, "operators", source)
        default = ops.get("default")
        if default is not None:
            _check_operator("default", default, source)
            operators = {e: default for e in ENTITIES}
            # generalize/shift as a default apply where they can; tag elsewhere
            for e in ENTITIES:
                if default == "generalize" and e not in GENERALIZABLE:
                    operators[e] = "tag"
                if default == "shift" and e not in SHIFTABLE:
                    operators[e] = SAFE_HARBOR_OPERATORS[e]
        for entity, op in ops.items():
            if entity == "default":
                continue
            if entity not in ENTITIES:
                raise PolicyError(f"{source}: unknown entity operators.{entity}; allowed: "
                                  f"default, {', '.join(ENTITIES)}")
            _check_operator(entity, op, source)
            operators[entity] = op
        allow = _table(data, "allow", source)
        for key, value in allow.items():
            if key not in _ALLOW_KEYS:
                raise PolicyError(f"{source}: unknown key allow.{key}; allowed: "
                                  f"{', '.join(_ALLOW_KEYS)}")
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise PolicyError(f"{source}: allow.{key} must be a list of strings")
        columns = _table(data, "columns", source)
        return cls(operators=operators, allow_terms=tuple(allow.get("terms", ())),
                   allow_patterns=tuple(allow.get("patterns", ())), source=source,
                   columns=dict(columns), **kwargs)

    @classmethod
    def from_toml(cls, path: str | Path) -> Policy:
        """Load a policy file; ``[tool.redact]`` is used if the file is a pyproject.toml."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise PolicyError(f"{path}: cannot read policy file: {exc.strerror}") from None
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise PolicyError(f"{path}: policy file is not UTF-8") from None
        except tomllib.TOMLDecodeError as exc:
            raise PolicyError(f"{path}: invalid TOML: {exc}") from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("redact", {})
        return cls.from_dict(data, source=str(path))

    @classmethod
    def discover(cls, start: str | Path = ".") -> Policy:
        """The ``[tool.redact]`` table of the nearest pyproject.toml above ``start``, if any."""
        here = Path(start).resolve()
        for folder in (here, *here.parents):
            candidate = folder / "pyproject.toml"
            if candidate.is_file():
                try:
                    data = tomllib.loads(candidate.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                    raise PolicyError(f"{candidate}: cannot read: {exc}") from None
                table = data.get("tool", {}).get("redact")
                if table is not None:
                    return cls.from_dict(table, source=f"{candidate} [tool.redact]")
                return cls()
        return cls()

    # -- use ---------------------------------------------------------------------------
    def operator_for(self, entity: str) -> str:
        return self.operators.get(entity, "tag")

    def needs_key(self) -> list[str]:
        """Entities whose operator needs a key (empty if none)."""
        return sorted(e for e, op in self.operators.items() if op in KEYED_OPERATORS)

    def today(self) -> dt.date:
        return self.reference_date or dt.date.today()

    def with_operators(self, **ops: str) -> Policy:
        """A copy with some operators changed (validated)."""
        return replace(self, operators={**self.operators, **ops})

    def to_dict(self) -> dict[str, Any]:
        """For reports: everything but nothing secret (policies hold no secrets)."""
        return {
            "source": self.source,
            "operators": dict(sorted(self.operators.items())),
            "min_score": self.min_score,
            "zip3_vintage": self.zip3_vintage,
            "reference_date": self.reference_date.isoformat() if self.reference_date else "today",
            "shift_max_days": self.shift_max_days,
            "tag_format": self.tag_format,
            "allow_terms": len(self.allow_terms),
            "allow_patterns": len(self.allow_patterns),
            "columns": dict(self.columns),
            "subject_column": self.subject_column,
        }


def _validate(p: Policy) -> None:
    from redact.zip3 import vintages

    src = p.source
    for entity, op in p.operators.items():
        if entity not in ENTITIES:
            raise PolicyError(f"{src}: unknown entity {entity}; allowed: {', '.join(ENTITIES)}")
        _check_operator(entity, op, src)
    if not 0 <= p.min_score <= 1:
        raise PolicyError(f"{src}: policy.min_score must be between 0 and 1")
    if p.zip3_vintage not in vintages():
        raise PolicyError(f"{src}: policy.zip3_vintage {p.zip3_vintage!r} unknown; allowed: "
                          f"{', '.join(vintages())}")
    if not 1 <= p.shift_max_days <= 3650:
        raise PolicyError(f"{src}: policy.shift_max_days must be between 1 and 3650")
    if len(p.mask_char) != 1:
        raise PolicyError(f"{src}: policy.mask_char must be a single character")
    if not 6 <= p.hash_length <= 64:
        raise PolicyError(f"{src}: policy.hash_length must be between 6 and 64")
    try:
        p.tag_format.format(entity="X", letter="A")
    except (KeyError, IndexError, ValueError):
        raise PolicyError(f"{src}: policy.tag_format may use only {{entity}} and {{letter}}") \
            from None
    for pattern in p.allow_patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise PolicyError(f"{src}: allow.patterns has an invalid regex: {exc}") from None
    for column, role in p.columns.items():
        if not isinstance(role, str) or role not in (*ENTITIES, *COLUMN_ROLES):
            raise PolicyError(f"{src}: columns.{column} = {role!r} is not a column role; "
                              f"allowed: {', '.join(COLUMN_ROLES)} or an entity type "
                              f"({', '.join(ENTITIES)})")


def _check_operator(entity: str, op: Any, source: str) -> None:
    if not isinstance(op, str) or op not in OPERATORS:
        raise PolicyError(f"{source}: operators.{entity} = {op!r} is not an operator; allowed: "
                          f"{', '.join(OPERATORS)}")
    if op == "generalize" and entity not in GENERALIZABLE and entity != "default":
        raise PolicyError(f"{source}: operators.{entity}: 'generalize' applies only to "
                          f"{', '.join(sorted(GENERALIZABLE))}")
    if op == "shift" and entity not in SHIFTABLE and entity != "default":
        raise PolicyError(f"{source}: operators.{entity}: 'shift' applies only to "
                          f"{', '.join(sorted(SHIFTABLE))}")


def _table(data: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise PolicyError(f"{source}: [{name}] must be a table")
    return value


def _date(value: str | dt.date, source: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if value == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PolicyError(f"{source}: policy.reference_date must be YYYY-MM-DD or \"today\"") \
            from None


def _type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return " or ".join(x.__name__ for x in t)
    return t.__name__
