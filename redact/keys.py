"""Where the secret key for keyed operators (hash, surrogate, shift) comes from.

The key is never logged, printed, written to a report or put in an exception message. It
comes from ``REDACT_KEY`` or a key file (``--key-file``); operators that need one refuse to
run without it rather than fall back to an unkeyed (brute-forceable) hash.
"""

from __future__ import annotations

import hmac
import os
from hashlib import sha256
from pathlib import Path

ENV_VAR = "REDACT_KEY"
MIN_KEY_BYTES = 16


class KeyError_(ValueError):
    """A key is missing, unreadable or too short (message never contains the key)."""


def load_key(key: bytes | str | None = None, key_file: str | os.PathLike[str] | None = None,
             *, use_env: bool = True) -> bytes | None:
    """Resolve the key: explicit value, then key file, then ``$REDACT_KEY``; None if none."""
    if key is not None:
        raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        source = "the key given"
    elif key_file is not None:
        try:
            raw = Path(key_file).read_bytes().strip()
        except OSError as exc:
            raise KeyError_(f"cannot read key file {key_file}: {exc.strerror}") from None
        source = f"key file {key_file}"
    elif use_env and os.environ.get(ENV_VAR):
        raw = os.environ[ENV_VAR].encode("utf-8")
        source = f"${ENV_VAR}"
    else:
        return None
    if len(raw) < MIN_KEY_BYTES:
        raise KeyError_(f"{source} is shorter than {MIN_KEY_BYTES} bytes; use a long random key "
                        "(e.g. `python -c \"import secrets; print(secrets.token_hex(32))\"`)")
    return raw


def keyed_digest(key: bytes, *parts: str) -> bytes:
    """HMAC-SHA256 over the parts, separated so that ('ab','c') != ('a','bc')."""
    msg = "\x1f".join(parts).encode("utf-8")
    return hmac.new(key, msg, sha256).digest()
