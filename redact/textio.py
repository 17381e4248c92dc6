"""Reading inputs and writing outputs so that failures are clear and nothing is half-written.

* Errors name the file and the line, never the content: a decoding error reports the line
  number and the offending byte value, not the text around it.
* Outputs are written to a temporary file in the destination folder and renamed into place
  only when everything succeeded; on any error the temporary files are removed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

BOM = "\ufeff"


class InputError(Exception):
    """Unreadable or malformed input; the message names the file and line, not the data."""


def read_text(name: str, raw: bytes, encoding: str = "utf-8") -> tuple[str, bool]:
    """Decode bytes; return (text, had_bom). Binary and undecodable input raise InputError."""
    if b"\x00" in raw[:8192] or b"\x00" in raw:
        line = raw[:raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"{name}: line {line}: binary data (NUL byte); not a text file")
    bom = False
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
        encoding = "utf-8"
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
            bom = True
    try:
        return raw.decode(encoding), bom
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{name}: line {line}, column {col}: cannot decode byte 0x{raw[exc.start]:02x} as "
            f"{encoding}; pass --encoding (e.g. --encoding latin-1)") from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def read_input(path: str, encoding: str = "utf-8") -> tuple[str, bool]:
    """Read a file (or ``-`` for stdin) as text."""
    if path == "-":
        return read_text("<stdin>", sys.stdin.buffer.read(), encoding)
    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return read_text(path, raw, encoding)


class AtomicWriter:
    """Collects outputs as temporary files; ``commit`` renames them all, ``abort`` removes."""

    def __init__(self) -> None:
        self._pending: list[tuple[str, Path]] = []

    def add(self, dest: Path, data: bytes) -> None:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".redact-tmp",
                                   dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            if dest.exists():
                os.chmod(tmp, dest.stat().st_mode & 0o777)
        except BaseException:
            os.unlink(tmp)
            raise
        self._pending.append((tmp, dest))

    def commit(self) -> None:
        for tmp, dest in self._pending:
            os.replace(tmp, dest)
        self._pending.clear()

    def abort(self) -> None:
        for tmp, _ in self._pending:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        self._pending.clear()


@contextmanager
def atomic_outputs() -> Iterator[AtomicWriter]:
    """All-or-nothing output: on any exception (or Ctrl-C) nothing is left behind."""
    writer = AtomicWriter()
    try:
        yield writer
    except BaseException:
        writer.abort()
        raise
    writer.commit()


def encode_text(text: str, bom: bool, encoding: str = "utf-8") -> bytes:
    enc = "utf-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig") \
        else encoding
    return ((BOM if bom else "") + text).encode(enc, errors="strict")


def write_stdout(data: bytes, stream: BinaryIO | None = None) -> None:
    out = stream or sys.stdout.buffer
    out.write(data)
    out.flush()
