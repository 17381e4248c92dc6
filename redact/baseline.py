"""The scan baseline: findings a team has reviewed and accepted, stored as keyed fingerprints.

detect-secrets keeps an unsalted SHA-1 of every accepted secret in its baseline; for PHI that
is no protection at all (a date of birth or a common name is one of a few million candidates,
hashed in seconds, and the same value gives the same hash in every repository). Here a
baseline holds, for each accepted finding, only

    HMAC-SHA256(salt, "redact-baseline-v1", entity namespace, normalized value)

with a random 32-byte salt made once per baseline file and kept in it. So:

* a moved or reformatted line does not re-alert: the fingerprint depends on the entity type
  and the normalized value (``redact.operators.normalize``: ``KOWALCZYK, Zbigniew`` and
  ``Zbigniew Kowalczyk`` agree; ``(617) 555-0134`` and ``617.555.0134`` agree), never on
  the file, line or column;
* precomputed tables are useless and fingerprints cannot be compared between repositories,
  since each baseline has its own salt;
* the file holds no value, no path, no line: only entity types and fingerprints.

What the salt cannot do: whoever holds the baseline also holds its salt and can test a guess
(is this person's birth date in the file?). Treat a baseline like the files it covers.

Loading fails closed: a baseline that is not exactly the documented shape is an error, never
an empty allow-list silently applied (nor a partly read one).
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact.keys import keyed_digest
from redact.letters import ENTITIES
from redact.operators import normalize

BASELINE_VERSION = 1
ALGORITHM = "HMAC-SHA256"
_DOMAIN = "redact-baseline-v1"
_SALT_BYTES = 32
_HEX64 = re.compile(r"[0-9a-f]{64}")
_KEYS = {"version", "about", "algorithm", "salt", "fingerprints"}
_ABOUT = ("redact scan baseline: findings accepted after review, as keyed fingerprints "
          "(HMAC-SHA256 with this file's salt) of entity type and normalized value. It holds "
          "no values, paths or line numbers. Update with: redact scan --baseline FILE "
          "--update-baseline PATHS")

NAMESPACE = {"FAX": "PHONE", "BIRTH_DATE": "DATE"}
"""Entity types that one value can be reported as, depending on its context, share a
fingerprint: a number accepted as a phone number stays accepted on a line that says "fax"."""


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message names the file, never a value."""


@dataclass
class Baseline:
    """Accepted findings: a salt and the fingerprints made with it."""

    salt: bytes
    entries: dict[str, str] = field(default_factory=dict)  # fingerprint -> entity type
    path: Path | None = None

    def __repr__(self) -> str:  # the salt is not secret, but keep reprs short
        return f"Baseline(path={str(self.path)!r}, fingerprints={len(self.entries)})"

    @classmethod
    def new(cls, path: Path | None = None) -> Baseline:
        """An empty baseline with a fresh random salt."""
        return cls(secrets.token_bytes(_SALT_BYTES), {}, path)

    @classmethod
    def load(cls, path: str | Path, *, missing_ok: bool = True) -> Baseline:
        """Read and validate a baseline file.

        A missing file is an empty baseline (it accepts nothing, so nothing slips through);
        anything unreadable or malformed raises :class:`BaselineError`.
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if missing_ok:
                return cls.new(path)
            raise BaselineError(f"{path}: baseline file not found") from None
        except IsADirectoryError:
            raise BaselineError(f"{path}: baseline is a directory") from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from None
        return cls.loads(raw, path)

    @classmethod
    def loads(cls, raw: bytes, path: Path | None = None) -> Baseline:
        """Parse and validate the bytes of a baseline file (fail closed)."""
        name = str(path) if path else "<baseline>"

        def bad(why: str) -> BaselineError:
            return BaselineError(f"{name}: invalid baseline: {why}; fix or delete it and "
                                 "re-create it with --update-baseline")

        try:
            doc = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise bad("not UTF-8") from None
        except json.JSONDecodeError as exc:
            raise bad(f"not JSON (line {exc.lineno}, column {exc.colno})") from None
        if not isinstance(doc, dict):
            raise bad("not a JSON object")
        unknown = sorted(set(doc) - _KEYS)
        if unknown:
            raise bad(f"unknown key {unknown[0]!r}")
        if doc.get("version") != BASELINE_VERSION:
            raise bad(f"version must be {BASELINE_VERSION}")
        if doc.get("algorithm") != ALGORITHM:
            raise bad(f"algorithm must be {ALGORITHM!r}")
        salt = doc.get("salt")
        if not isinstance(salt, str) or not _HEX64.fullmatch(salt):
            raise bad("salt must be 64 lower-case hex digits")
        items = doc.get("fingerprints")
        if not isinstance(items, list):
            raise bad("fingerprints must be a list")
        entries: dict[str, str] = {}
        for i, item in enumerate(items):
            if not isinstance(item, dict) or set(item) != {"entity", "fingerprint"}:
                raise bad(f"fingerprints[{i}] must be {{\"entity\", \"fingerprint\"}}")
            entity, fp = item["entity"], item["fingerprint"]
            if entity not in ENTITIES:
                raise bad(f"fingerprints[{i}].entity is not an entity type")
            if not isinstance(fp, str) or not _HEX64.fullmatch(fp):
                raise bad(f"fingerprints[{i}].fingerprint must be 64 lower-case hex digits")
            entries[fp] = entity
        return cls(bytes.fromhex(salt), entries, path)

    # -- use -----------------------------------------------------------------------------
    def fingerprint(self, entity: str, value: str) -> str:
        """The keyed fingerprint of one finding (see the module docstring)."""
        return fingerprint(self.salt, entity, value)

    def __contains__(self, fp: object) -> bool:
        return fp in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, fp: str, entity: str) -> bool:
        """Accept a fingerprint; True if it was new."""
        if fp in self.entries:
            return False
        self.entries[fp] = entity
        return True

    def dumps(self) -> bytes:
        """The file's bytes: stable (sorted, no timestamps) so that it diffs cleanly in git."""
        doc: dict[str, Any] = {
            "version": BASELINE_VERSION,
            "about": _ABOUT,
            "algorithm": ALGORITHM,
            "salt": self.salt.hex(),
            "fingerprints": [{"entity": e, "fingerprint": fp}
                             for fp, e in sorted(self.entries.items(), key=lambda x: (x[1], x[0]))],
        }
        return (json.dumps(doc, indent=2) + "\n").encode("utf-8")


def fingerprint(salt: bytes, entity: str, value: str) -> str:
    """HMAC-SHA256(salt, domain, entity namespace, normalized value), as hex.

    ``normalize`` drops one-letter words from names; a value that normalizes to nothing (a
    name of initials only) falls back to its case-folded text, so that accepting ``J. K.``
    does not accept every other name made of initials.
    """
    norm = normalize(entity, value) or " ".join(value.casefold().split())
    return keyed_digest(salt, _DOMAIN, NAMESPACE.get(entity, entity), norm).hex()
