"""What the analyzer reports and what redaction returns.

A :class:`Finding` holds offsets, never the matched characters: it can be logged, printed,
put in a report or an exception without leaking the PHI it points at.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

try:  # the compiled build reads this as a constant; pure Python needs no Cython installed
    import cython

    _COMPILED: bool = bool(cython.compiled)
except ImportError:  # pragma: no cover - Cython is a build requirement, not a run-time one
    _COMPILED = False


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier in a text: its type, where it is, how sure we are, its Safe Harbor letter."""

    entity: str
    start: int
    end: int
    score: float
    safe_harbor: str
    recognizer: str = ""

    def __len__(self) -> int:
        return self.end - self.start


_NEW = object.__new__
_SETTERS = tuple(getattr(Finding, name).__set__ for name in
                 ("entity", "start", "end", "score", "safe_harbor", "recognizer"))


def _set(obj: Finding, name: str, value: object) -> None:
    """``object.__setattr__``, which a frozen dataclass's own ``__setattr__`` refuses. The
    compiled build calls ``PyObject_GenericSetAttr`` itself instead (``findings.pxd``): the
    same C function, without a Python call around it."""
    object.__setattr__(obj, name, value)


def new_finding(entity: str, start: int, end: int, score: float, safe_harbor: str,
                recognizer: str = "") -> Finding:
    """``Finding(...)`` without the frozen dataclass's ``__init__`` (which goes through
    ``object.__setattr__`` field by field): the analyzer makes tens of thousands per MB.
    Pure Python calls the slots' own setters, the fastest it has; compiled, each field is
    one C call (half the time again)."""
    f = _NEW(Finding)
    if _COMPILED:
        _set(f, "entity", entity)
        _set(f, "start", start)
        _set(f, "end", end)
        _set(f, "score", score)
        _set(f, "safe_harbor", safe_harbor)
        _set(f, "recognizer", recognizer)
        return f
    set_entity, set_start, set_end, set_score, set_letter, set_recognizer = _SETTERS
    set_entity(f, entity)
    set_start(f, start)
    set_end(f, end)
    set_score(f, score)
    set_letter(f, safe_harbor)
    set_recognizer(f, recognizer)
    return f


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and the findings that were replaced (offsets refer to the input)."""

    text: str
    findings: list[Finding] = field(default_factory=list)

    def __repr__(self) -> str:  # the redacted text is safe, but keep reprs short
        return f"Redaction(chars={len(self.text)}, findings={len(self.findings)})"

    def counts(self) -> dict[str, int]:
        """Findings per entity type."""
        return dict(Counter(f.entity for f in self.findings))

    def letters(self) -> dict[str, int]:
        """Findings per Safe Harbor letter."""
        return dict(Counter(f.safe_harbor for f in self.findings))
