"""CSV as bytes in, bytes out: dialect sniffing, record-aligned chunks, an RFC 4180 tokenizer.

Why not the ``csv`` module? It returns values only: the original quoting of a cell is lost,
so an untouched cell could not be written back byte for byte. Here every record is split
into cells that keep their *raw* text (with quotes, if any) next to their value; a cell that
is not changed is re-emitted raw, a changed cell is quoted only when it must be (or when it
was quoted before). Line endings are kept per record (``\\r\\n``, ``\\n``, or ``\\r`` for files
that use bare carriage returns).

The reader works on bytes so that the parent process of a parallel run does almost nothing:
it reads blocks, cuts each at the last newline that lies outside quotes (an even number of
quote characters before it) and hands whole records to workers, which decode, tokenize,
transform and encode. This needs an ASCII-compatible encoding (UTF-8, Latin-1, cp1252, ...),
where the bytes of ``"`` and newlines never occur inside a multi-byte character.

Errors name the file, the row (the header is row 1, like a spreadsheet) and the line, never
the content.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

QUOTE = '"'
DELIMITERS = (",", "\t", ";", "|")
BLOCK_SIZE = 512 << 10
MAX_RECORD_BYTES = 64 << 20
UTF8_BOM = b"\xef\xbb\xbf"
_ASCII_PROBE = "\n\r\",;|\t azAZ09"


class CsvError(Exception):
    """Malformed or unreadable CSV; the message names file, row and column, never a value."""


class RowError(Exception):
    """A problem at a row *relative to a chunk*; the caller turns it into a :class:`CsvError`.

    ``row`` and ``line`` count from 0 at the chunk's first record and first line.
    """

    def __init__(self, row: int, line: int, message: str) -> None:
        super().__init__(row, line, message)
        self.row = row
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Dialect:
    """How a file is written: delimiter, record separator, encoding, byte-order mark."""

    delimiter: str = ","
    newline: str = "\n"  # "\n" (also covers "\r\n") or "\r" for bare-CR files
    encoding: str = "utf-8"
    bom: bool = False

    @property
    def special(self) -> tuple[str, ...]:
        """Characters that force a changed cell to be quoted."""
        return (self.delimiter, QUOTE, "\n", "\r")


def check_encoding(encoding: str) -> str:
    """Normalise an encoding name; refuse unknown and non-ASCII-compatible ones."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise CsvError(f"unknown encoding {encoding!r}") from None
    if name in ("utf-8-sig", "utf_8_sig"):
        name = "utf-8"
    try:
        compatible = _ASCII_PROBE.encode(name) == _ASCII_PROBE.encode("ascii")
    except UnicodeError:
        compatible = False
    if not compatible:
        raise CsvError(f"encoding {encoding} is not supported for CSV (it is not ASCII-"
                       "compatible); convert the file to UTF-8 first, e.g. with iconv")
    return name


# -- records -------------------------------------------------------------------------------
def split_records(text: str, newline: str = "\n") -> list[tuple[str, str]]:
    """Split text that starts at a record boundary into ``(body, line ending)`` pairs.

    A newline inside a quoted field belongs to the record. A trailing record without a line
    ending gets ``""``. An unterminated quote raises :class:`RowError` at the record's start.
    """
    if not text:
        return []
    if QUOTE not in text:
        lines = text.split(newline)
        last = lines.pop()
        out = [_ending(line, newline) for line in lines]
        if last:
            out.append((last, ""))
        return out
    out = []
    pos = 0
    size = len(text)
    line = 0
    while pos < size:
        end = text.find(newline, pos)
        quotes = text.count(QUOTE, pos, end if end >= 0 else size)
        while quotes % 2 and end >= 0:
            nxt = text.find(newline, end + 1)
            quotes += text.count(QUOTE, end + 1, nxt if nxt >= 0 else size)
            end = nxt
        if quotes % 2:
            raise RowError(len(out), line, "unterminated quoted field, or a quote inside an "
                           "unquoted cell")
        if end < 0:
            out.append((text[pos:], ""))
            break
        out.append(_ending(text[pos:end + 1], ""))
        line += text.count(newline, pos, end + 1)
        pos = end + 1
    return out


def _ending(line: str, newline: str) -> tuple[str, str]:
    """``line`` without, and with, its terminator (``newline`` is appended when given)."""
    if newline:
        if newline == "\n" and line.endswith("\r"):
            return line[:-1], "\r\n"
        return line, newline
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    return line[:-1], line[-1]


def record_lines(records: list[tuple[str, str]], upto: int, newline: str = "\n") -> int:
    """How many physical lines the first ``upto`` records span (for error messages)."""
    return sum(body.count(newline) + 1 for body, _ in records[:upto])


_QUOTED_CACHE: dict[str, re.Pattern[str]] = {}


def _cell_re(delimiter: str) -> re.Pattern[str]:
    found = _QUOTED_CACHE.get(delimiter)
    if found is None:
        d = re.escape(delimiter)
        found = re.compile(r'"([^"]*(?:""[^"]*)*)"|[^"' + d + r"]*")
        _QUOTED_CACHE[delimiter] = found
    return found


def split_quoted(body: str, delimiter: str) -> tuple[list[str], list[str]]:
    """Split a record that contains quotes: (values, raw texts).

    Raises ``ValueError(index)`` with the 0-based cell index when a quote stands inside an
    unquoted cell or text follows a closing quote (RFC 4180 allows neither).
    """
    values: list[str] = []
    raws: list[str] = []
    match = _cell_re(delimiter).match
    pos = 0
    size = len(body)
    while True:
        m = match(body, pos)
        raw = m.group()  # type: ignore[union-attr]
        inner = m.group(1)  # type: ignore[union-attr]
        values.append(raw if inner is None else inner.replace('""', '"'))
        raws.append(raw)
        pos = m.end()  # type: ignore[union-attr]
        if pos == size:
            return values, raws
        if body[pos] != delimiter:
            raise ValueError(len(values) - 1)
        pos += 1


def split_cells(body: str, delimiter: str) -> tuple[list[str], list[str] | None]:
    """(values, raw texts or None when every cell is unquoted, i.e. raw == value)."""
    if QUOTE not in body:
        return body.split(delimiter), None
    return split_quoted(body, delimiter)


# -- sniffing ------------------------------------------------------------------------------
def sniff(records: list[tuple[str, str]], name: str = "") -> str:
    """Guess the delimiter from the first records of a file.

    The delimiter is the candidate that splits the first records into the same number (> 1)
    of cells as the header, preferring agreement, then more columns; when none does, files
    named ``.tsv``/``.tab`` get tabs and everything else commas.
    """
    bodies = [body for body, _ in records[:50] if body]
    best: tuple[float, int] = (0.0, 0)
    chosen = "\t" if name.lower().endswith((".tsv", ".tab")) else ","
    for delim in DELIMITERS:
        counts = []
        for body in bodies:
            try:
                counts.append(len(split_cells(body, delim)[0]))
            except ValueError:
                counts.append(-1)
        if not counts or counts[0] < 2:
            continue
        agree = sum(1 for c in counts if c == counts[0]) / len(counts)
        if agree >= 0.5 and (agree, counts[0]) > best:
            best = (agree, counts[0])
            chosen = delim
    return chosen


# -- reading -------------------------------------------------------------------------------
@dataclass
class Table:
    """An opened CSV: its dialect, header, a sample of rows, and the rest as chunks."""

    name: str
    dialect: Dialect
    header_raw: bytes  # the header record exactly as read, line ending included
    header: list[str]
    sample: list[list[str]]  # values of the first data rows, to choose column roles
    reader: ChunkReader

    def chunks(self) -> Iterator[bytes]:
        """Record-aligned chunks of the data rows (the header excluded)."""
        nl = self.dialect.newline.encode("ascii")
        return self.reader.chunks(self.dialect.newline, self.header_raw.count(nl) + 1)


def open_table(stream: BinaryIO, name: str, encoding: str = "utf-8",
               delimiter: str | None = None, sample_rows: int = 1000) -> Table:
    """Read the header and a sample from ``stream``; the data rows follow as chunks.

    Refuses (with :class:`CsvError`) an empty file, an unparseable header, duplicate column
    names and, within the sample, ragged rows and bad quoting.
    """
    encoding = check_encoding(encoding)
    reader = ChunkReader(stream, name, encoding)
    head = reader.head
    if not head.strip(b"\r\n"):
        raise CsvError(f"{name}: empty file (no header row)")
    newline = "\r" if b"\r" in head and b"\n" not in head else "\n"
    cut = len(head) if reader.eof else record_cut(head, newline.encode("ascii"))
    if cut <= 0:
        raise CsvError(f"{name}: row 1: header row longer than {len(head) >> 20} MiB")
    text = decode_chunk(head[:cut], encoding, newline, name)
    records = _records(text, newline, name)
    dialect = Dialect(delimiter=delimiter or sniff(records, name), newline=newline,
                      encoding=encoding, bom=reader.bom)
    body, eol = records[0]
    if not body.strip():
        raise CsvError(f"{name}: row 1: the header row is empty")
    try:
        header = split_cells(body, dialect.delimiter)[0]
    except ValueError as exc:
        raise CsvError(f"{name}: row 1, column {exc.args[0] + 1}: quote inside an unquoted "
                       "header cell") from None
    _check_header(name, header)
    header_raw = reader.take((body + eol).encode(encoding))
    sample: list[list[str]] = []
    for i, (body, _) in enumerate(records[1:sample_rows + 1], 1):
        if not body:
            continue
        try:
            values = split_cells(body, dialect.delimiter)[0]
        except ValueError as exc:
            problem = f"column {column_name(header, exc.args[0])}: {QUOTE_PROBLEM}"
        else:
            if len(values) == len(header):
                sample.append(values)
                continue
            problem = ragged(len(values), len(header))
        line = record_lines(records, i, newline) + 1
        raise CsvError(located(name, i + 1, line, problem))
    return Table(name, dialect, header_raw, header, sample, reader)


QUOTE_PROBLEM = "quote inside an unquoted cell, or text after a closing quote"


def ragged(cells: int, expected: int) -> str:
    return f"{cells} cell{'s' if cells != 1 else ''} where the header has {expected} (ragged row)"


def where(name: str, row: int, line: int) -> str:
    """'file: row R (line L)', the line only when it differs from the row."""
    place = f"{name}: row {row}" if name else f"row {row}"
    return place if line == row else f"{place} (line {line})"


def located(name: str, row: int, line: int, message: str) -> str:
    """An error message: 'file: row R (line L), column C: ...' or 'file: row R: ...'."""
    sep = ", " if message.startswith(("column ", "byte ")) else ": "
    return f"{where(name, row, line)}{sep}{message}"


def column_name(header: list[str], index: int) -> str:
    """A column for messages: its header name, or its number if the name is empty."""
    if 0 <= index < len(header) and header[index].strip():
        return header[index].strip()
    return f"#{index + 1}"


def _records(text: str, newline: str, name: str) -> list[tuple[str, str]]:
    try:
        return split_records(text, newline)
    except RowError as exc:
        raise CsvError(located(name, exc.row + 1, exc.line + 1, exc.message)) from None


def _check_header(name: str, header: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, col in enumerate(header):
        key = col.strip()
        if key in seen:
            label = f"'{key}'" if key else "(empty)"
            raise CsvError(f"{name}: row 1: duplicate column name {label} (columns "
                           f"{seen[key] + 1} and {i + 1})")
        seen[key] = i


def decode_chunk(data: bytes, encoding: str, newline: str = "\n", name: str = "") -> str:
    """Decode record-aligned bytes; an undecodable byte raises :class:`RowError` (relative
    row and line) or, with ``name``, :class:`CsvError` (absolute, for the file's start)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        prefix = data[:exc.start]
        nl = newline.encode("ascii")
        line = prefix.count(nl)
        col = exc.start - (prefix.rfind(nl) + 1) + 1
        row = count_boundaries(prefix.decode(encoding), newline)
        message = (f"byte {col} of the line: cannot decode byte 0x{data[exc.start]:02x} as "
                   f"{encoding}; pass --encoding (e.g. --encoding latin-1)")
        if name:
            raise CsvError(located(name, row + 1, line + 1, message)) from None
        raise RowError(row, line, message) from None


def count_boundaries(text: str, newline: str = "\n") -> int:
    """How many records end in ``text`` (newlines outside quotes)."""
    if QUOTE not in text:
        return text.count(newline)
    count = 0
    quotes = 0
    pos = 0
    while True:
        nxt = text.find(newline, pos)
        if nxt < 0:
            return count
        quotes += text.count(QUOTE, pos, nxt)
        if quotes % 2 == 0:
            count += 1
        pos = nxt + 1


class ChunkReader:
    """Reads a binary stream as record-aligned chunks of bytes.

    ``head`` holds the first bytes (for sniffing and sampling), the BOM removed; after the
    header is taken off it, :meth:`chunks` yields the rest in chunks of whole records, each
    about ``block_size`` bytes unless one record is longer. ``bytes_read`` grows as the stream
    is consumed (for a progress bar).
    """

    def __init__(self, stream: BinaryIO, name: str, encoding: str,
                 block_size: int | None = None, head_size: int = 1 << 20) -> None:
        self.stream = stream
        self.name = name
        self.block_size = block_size or BLOCK_SIZE
        self.bytes_read = 0
        head = self._read(head_size)
        self.eof = len(head) < head_size
        self.bom = encoding == "utf-8" and head.startswith(UTF8_BOM)
        self.head = head[3:] if self.bom else head

    def _read(self, size: int) -> bytes:
        parts = []
        want = size
        while want > 0:
            data = self.stream.read(want)
            if not data:
                break
            parts.append(data)
            want -= len(data)
        out = b"".join(parts)
        self.bytes_read += len(out)
        return out

    def take(self, header: bytes) -> bytes:
        """Remove the header record from the head and return it."""
        assert self.head.startswith(header)
        self.head = self.head[len(header):]
        return header

    def chunks(self, newline: str, first_line: int = 2) -> Iterator[bytes]:
        """Record-aligned chunks of the rest of the stream, each about ``block_size`` bytes
        (``first_line``: the 1-based line the rest starts at, for the error raised here)."""
        nl = newline.encode("ascii")
        buf = self.head
        self.head = b""
        line = first_line
        want = self.block_size
        while True:
            while not self.eof and len(buf) < want:
                block = self._read(want)
                self.eof = len(block) < want
                buf += block
            if not buf:
                return
            if self.eof and len(buf) <= want:
                yield buf
                return
            cut = record_cut(buf[:want], nl)
            if cut <= 0:  # one record longer than ``want``: look further (doubling: linear)
                if want > MAX_RECORD_BYTES:
                    raise CsvError(f"{self.name}: line {line}: a record is longer than "
                                   f"{MAX_RECORD_BYTES >> 20} MiB (an unterminated quote?)")
                want *= 2
                continue
            want = self.block_size
            line += buf.count(nl, 0, cut)
            yield buf[:cut]
            buf = buf[cut:]


def record_cut(data: bytes, nl: bytes) -> int:
    """Offset just after the last newline of ``data`` that lies outside quotes; 0 if none.

    ``data`` must start at a record boundary: a newline ends a record when an even number of
    quote characters precede it.
    """
    pos = data.rfind(nl)
    if pos < 0:
        return 0
    if b'"' not in data:
        return pos + 1
    quotes = data.count(b'"', 0, pos)
    while quotes % 2:
        prev = data.rfind(nl, 0, pos)
        if prev < 0:
            return 0
        quotes -= data.count(b'"', prev, pos)
        pos = prev
    return pos + 1


# -- writing -------------------------------------------------------------------------------
@contextmanager
def atomic_file(dest: Path) -> Iterator[BinaryIO]:
    """A temporary file next to ``dest``, renamed onto it only if the block succeeds.

    On any exception, Ctrl-C included, the temporary file is removed and ``dest`` is not
    touched: an interrupted run leaves nothing behind.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".redact-tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        if dest.exists():
            os.chmod(tmp, dest.stat().st_mode & 0o777)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
