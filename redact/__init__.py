"""redact: remove the eighteen HIPAA Safe Harbor identifiers from text, offline.

    >>> from redact import Redactor
    >>> Redactor().redact("Seen 07/22/2024, age 93.").text
    'Seen 2024, age 90+.'

The package imports lazily: ``import redact`` costs almost nothing, and presidio/spaCy are
imported only when the Presidio engine or an NLP model is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from redact import _fresh
from redact._version import __version__

_fresh.check()  # before any compiled module loads: never run one built from older source

if TYPE_CHECKING:  # pragma: no cover
    from redact.findings import Finding, Redaction
    from redact.policy import Policy, PolicyError
    from redact.redactor import Redactor

_LAZY = {
    "Redactor": "redact.redactor",
    "Policy": "redact.policy",
    "PolicyError": "redact.policy",
    "Finding": "redact.findings",
    "Redaction": "redact.findings",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'redact' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["Finding", "Policy", "PolicyError", "Redaction", "Redactor", "__version__"]
