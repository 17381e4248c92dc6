"""Properties of the CSV reader/writer (hypothesis) and hostile CSV input (bounded by an alarm).

* whatever csv.writer produces (quoting style, line ending, awkward cells), our tokenizer reads
  the same rows, and chunking never cuts inside a record;
* with every column kept, redact's output is the input, byte for byte;
* under the default policy, every cell of a kept column keeps its raw bytes, and the output is
  well-formed CSV with the same shape.
"""

from __future__ import annotations

import csv
import io
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redact import Policy, Redactor
from redact.csvio import CsvError, record_cut, split_cells, split_records
from redact.tabular import NULL_CELLS

CELL_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
cells = st.one_of(
    st.text(CELL_CHARS, max_size=12),
    st.sampled_from(["", " ", ",", '"', '""', "a,b", 'say "hi"', "line\nbreak", "cr\r", "\r\n",
                     "  padded ", "NULL", "Kowalczyk", "617-555-0134", "03601", "1931-03-14"]),
)


@st.composite
def tables(draw, min_cols=1):
    width = draw(st.integers(min_cols, 6))
    header = [f"col{i}" for i in range(width)]
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=12))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    eol = draw(st.sampled_from(["\r\n", "\n"]))
    if eol == "\n" and quoting == csv.QUOTE_MINIMAL:
        # csv.writer leaves a lone CR unquoted here; at the end of a row it would be read as
        # part of a CRLF line ending by any reader (the output bytes are the same either way)
        for row in rows:
            row[-1] = row[-1].rstrip("\r")
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=quoting, lineterminator=eol)
    writer.writerow(header)
    writer.writerows(rows)
    return header, rows, buf.getvalue()


def _parse(text: str) -> list[list[str]]:
    return [split_cells(body, ",")[0] for body, _ in split_records(text)]


@settings(max_examples=200, deadline=None)
@given(tables())
def test_tokenizer_reads_what_csv_writer_wrote(t):
    header, rows, text = t
    assert _parse(text) == [header, *rows]


@settings(max_examples=200, deadline=None)
@given(tables(), st.integers(1, 64))
def test_chunks_are_whole_records(t, size):
    data = t[2].encode("utf-8")
    pieces = []
    rest = data
    while rest:
        cut = record_cut(rest[:size], b"\n") or record_cut(rest, b"\n") or len(rest)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    assert b"".join(pieces) == data
    for piece in pieces:
        split_records(piece.decode("utf-8"))  # no record is cut in half


def _redact(data: bytes, policy: Policy) -> bytes:
    out = io.BytesIO()
    Redactor(policy).redact_csv(io.BytesIO(data), out, delimiter=",")
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.booleans())
def test_all_kept_is_byte_identical(t, bom):
    header, _, text = t
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    policy = Policy(columns={h: "keep" for h in header})
    assert _redact(data, policy) == data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(min_cols=2))
def test_untouched_cells_keep_their_bytes(t):
    header, rows, text = t
    # column 0 is scanned as text, 1 is a name column, the rest are kept
    header = ["Notes", "Last Name", *header[2:]]
    buf = io.StringIO()
    buf.write(text.split("\n", 1)[0].replace("col0", "Notes").replace("col1", "Last Name"))
    data = (buf.getvalue() + "\n" + (text.split("\n", 1)[1] if "\n" in text else "")).encode()
    policy = Policy(columns={h: "keep" for h in header[2:]})
    out = _redact(data, policy).decode("utf-8")
    raw_in = split_records(data.decode("utf-8"))
    raw_out = split_records(out)
    assert len(raw_in) == len(raw_out)
    assert raw_in[0] == raw_out[0]
    for (a, ea), (b, eb) in zip(raw_in[1:], raw_out[1:]):
        assert ea == eb
        va, ra = split_cells(a, ",")
        vb, rb = split_cells(b, ",")
        assert len(va) == len(vb) == len(header)
        for i in range(2, len(header)):
            assert (ra or va)[i] == (rb or vb)[i]
        if va[1] and va[1] not in NULL_CELLS and not va[1].isspace():
            assert vb[1] == "[NAME]"
        else:
            assert (rb or vb)[1] == (ra or va)[1]
    if "\r" not in out.replace("\r\n", ""):  # Python's reader ends a row at a lone CR
        assert list(csv.reader(io.StringIO(out, newline=""))) == _parse(out)


# -- hostile input ---------------------------------------------------------------------------
@pytest.fixture()
def alarm():
    def boom(signum, frame):  # noqa: ARG001
        raise TimeoutError("CSV parsing ran away")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


MB = 1 << 20


@pytest.mark.parametrize("data", [
    b"Notes\n\"" + b'""' * (2 * MB) + b'"\n',                     # a cell of escaped quotes
    b"Notes,Sex\n" + b"a," * MB + b"F\n",                          # a row with a million cells
    b"Notes\n" + b"x\n" * (2 * MB),                                # two million tiny rows
    b"Notes,Sex\n\"" + b"never closed, " * (MB // 2),              # unterminated, 7 MB
    b"Notes\n" + b'"a' * MB,                                       # a quote on every other byte
    b"Notes\n" + (b'"a""b",' * 3 + b"\n") * 20000,                 # ragged quoted rows
    b"\r" * MB,                                                    # only carriage returns
])
def test_hostile_csv_is_bounded(alarm, data):
    out = io.BytesIO()
    policy = Policy(columns={"Notes": "keep"})
    try:
        Redactor(policy).redact_csv(io.BytesIO(data), out)
    except CsvError as exc:
        assert "never closed" not in str(exc) and "a\"\"b" not in str(exc)
