"""SARIF 2.1.0 output for ``redact scan --format sarif``.

SARIF is what code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers) read,
so a PHI scan can sit in the same dashboards as a linter. The log has one rule per entity
type (id ``SSN``, ``NAME``, ...; tagged with its Safe Harbor letter), one result per finding
with its region (lines and columns counted in Unicode code points, as ``columnKind`` says),
and the skipped and unreadable files as tool execution notifications.

What it never has: the value. There is no ``snippet``, no ``contextRegion`` text, no
fingerprint of the value; the message carries the same masked preview as the text output.
Tested against the OASIS SARIF 2.1.0 JSON schema (``tests/data/sarif-schema-2.1.0.json``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from redact._version import __version__
from redact.letters import ENTITIES, ENTITY_LETTER, title_of

if TYPE_CHECKING:  # pragma: no cover
    from redact.scan import ScanReport

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path becomes a URI reference against %SRCROOT%; an absolute one a file URI."""
    if path == "<stdin>":
        return {"uri": "stdin"}
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def rules() -> list[dict[str, Any]]:
    """One reporting descriptor per entity type, in Safe Harbor order (stable ruleIndex)."""
    out = []
    for entity in ENTITIES:
        letter = ENTITY_LETTER[entity]
        title = title_of(letter)
        out.append({
            "id": entity,
            "name": "".join(w.capitalize() for w in entity.split("_")),
            "shortDescription": {"text": f"{entity}: HIPAA Safe Harbor identifier ({letter})"},
            "fullDescription": {"text": f"45 CFR 164.514(b)(2)(i)({letter}): {title}."},
            "help": {"text": "Remove the value, or after review accept it: add 'redact: allow' "
                             "to the line, or add it to the baseline with `redact scan "
                             "--baseline FILE --update-baseline PATHS`."},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["PHI", "HIPAA", f"safe-harbor-{letter}"],
                           "security-severity": "8.0"},
        })
    return out


def to_sarif(report: ScanReport) -> dict[str, Any]:
    """The SARIF log (a dict ready for ``json.dumps``) of one scan."""
    index = {e: i for i, e in enumerate(ENTITIES)}
    results = []
    for f in report.findings:
        results.append({
            "ruleId": f.entity,
            "ruleIndex": index[f.entity],
            "level": "error",
            "message": {"text": f"{f.entity} (Safe Harbor {f.letter}), score {f.score:.2f}: "
                                f"{f.preview}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(f.path),
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column},
            }}],
            "properties": {"score": f.score, "safeHarborLetter": f.letter},
        })
    notifications = []
    for r in report.skipped:
        notifications.append({
            "level": "note",
            "message": {"text": f"skipped: {r.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}],
        })
    for r in report.errors:
        notifications.append({
            "level": "error",
            "message": {"text": r.reason},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}],
        })
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.errors,
        "exitCode": report.exit_code,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    summary = report.summary()
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "redact",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules(),
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"summary": summary},
        }],
    }
