"""`redact csv` and Redactor.redact_csv: the Synthea-shaped acceptance table, faithful output,
consistency under a key, parallel runs, and bad input (exit 2, nothing written, no values)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redact import Policy, Redactor
from redact.cli import main
from tests.conftest import TEST_KEY
from tests.tables import HEADER, IDENTIFYING, REFERENCE, UNTOUCHED, table

REF_POLICY = Policy(reference_date=REFERENCE)


@pytest.fixture(scope="module")
def synthea(tmp_path_factory):
    """200 rows: (path, input rows, truths, output rows, summary)."""
    folder = tmp_path_factory.mktemp("synthea")
    text, rows, truths = table(200, seed=11)
    src = folder / "patients.csv"
    src.write_text(text, encoding="utf-8", newline="")
    out = folder / "clean.csv"
    summary = Redactor(REF_POLICY).redact_csv(src, out)
    with out.open(encoding="utf-8", newline="") as fh:
        result = list(csv.reader(fh))
    return src, rows, truths, result, summary


def col(name: str) -> int:
    return HEADER.index(name)


def _age(born: str) -> int:
    b = dt.date.fromisoformat(born)
    return REFERENCE.year - b.year - ((REFERENCE.month, REFERENCE.day) < (b.month, b.day))


# -- acceptance: the Synthea-shaped patients table ---------------------------------------------
def test_header_and_shape_kept(synthea):
    _, rows, _, result, summary = synthea
    assert result[0] == HEADER
    assert len(result) == len(rows) + 1
    assert summary.rows == len(rows)


def test_no_identifying_value_survives(synthea):
    _, rows, truths, result, _ = synthea
    for truth, out in zip(truths, result[1:]):
        joined = "\x1f".join(out)
        for column, value in truth.cells.items():
            assert out[col(column)] != value, column
            if len(value) >= 4:
                assert value not in joined, column
        note = out[col("NOTES")]
        for value in truth.note_phi:
            assert value not in note


def test_zip_birthdate_coordinates_fips(synthea):
    _, rows, _, result, _ = synthea
    seen_zips = set()
    for row, out in zip(rows, result[1:]):
        zip_in, zip_out = row[col("ZIP")], out[col("ZIP")]
        seen_zips.add(zip_in)
        if zip_in == "03601":
            assert zip_out == "000"
        if zip_in == "68504":
            assert zip_out == "685"
        born = row[col("BIRTHDATE")]
        expected = "90+" if _age(born) > 89 else born[:4]
        assert out[col("BIRTHDATE")] == expected
        if row[col("DEATHDATE")]:
            assert out[col("DEATHDATE")] == row[col("DEATHDATE")][:4]
        for c in ("LAT", "LON"):  # not left at full precision
            assert out[col(c)] == "[COORDINATES]"
        if row[col("FIPS")]:
            assert out[col("FIPS")] == "[COUNTY]"  # county FIPS codes are geography
    assert {"03601", "68504"} <= seen_zips
    assert any(o[col("BIRTHDATE")] == "90+" for o in result[1:])


def test_untouched_columns_are_byte_identical(synthea):
    src, rows, _, result, _ = synthea
    for row, out in zip(rows, result[1:]):
        for column in UNTOUCHED:
            assert out[col(column)] == row[col(column)], column
    # and byte for byte: the raw text of these cells, read back with our tokenizer
    from redact.csvio import split_cells, split_records

    raw_in = split_records(src.read_bytes().decode("utf-8"))
    raw_out = split_records((src.parent / "clean.csv").read_bytes().decode("utf-8"))
    for (a, ea), (b, eb) in zip(raw_in, raw_out):
        cells_a = split_cells(a, ",")
        cells_b = split_cells(b, ",")
        ra = cells_a[1] or cells_a[0]
        rb = cells_b[1] or cells_b[0]
        assert ea == eb == "\r\n"
        for column in UNTOUCHED:
            assert ra[col(column)] == rb[col(column)]


def test_plan_for_synthea(synthea):
    src = synthea[0]
    res = CliRunner().invoke(main, ["csv", "--plan", str(src)])
    assert res.exit_code == 0, res.output
    roles = {}
    for line in res.output.splitlines():
        parts = line.split()
        if parts and parts[0].isdigit():
            roles[parts[1]] = parts[2]
    assert roles["BIRTHDATE"] == "BIRTH_DATE" and roles["ZIP"] == "ZIP"
    assert roles["FIPS"] == "COUNTY" and roles["LAT"] == roles["LON"] == "COORDINATES"
    assert roles["FIRST"] == roles["LAST"] == roles["MAIDEN"] == "NAME"
    assert roles["NOTES"] == "text"
    for column in UNTOUCHED:
        assert roles[column] == "keep", column
    for column in IDENTIFYING:
        assert roles[column] not in ("keep", "text"), column
    assert "subject column: Id" in res.output
    assert not (src.parent / "out.csv").exists()
    for value in synthea[1][0]:  # the plan never shows a value
        if len(value) >= 4:
            assert value not in res.output


def test_report_shape_and_no_values(synthea, tmp_path):
    src, rows, _, _, _ = synthea
    rep = tmp_path / "audit.json"
    res = CliRunner().invoke(main, ["csv", str(src), "-o", str(tmp_path / "o.csv"),
                                    "--report", str(rep)])
    assert res.exit_code == 0, res.output
    doc = json.loads(rep.read_text(encoding="utf-8"))
    assert doc["tool"] == "redact" and doc["version"]
    assert set(doc["totals"]["by_letter"]) == set("ABCDEFGHIJKLMNOPQR")
    entry = doc["inputs"][0]
    assert entry["rows"] == len(rows) and entry["path"] == str(src)
    assert entry["by_entity"]["NAME"] >= len(rows) * 2
    assert entry["by_letter"]["B"] > 0 and entry["by_letter"]["C"] > 0
    roles = {c["column"]: c["role"] for c in entry["columns"]}
    assert roles["ZIP"] == "ZIP" and roles["RACE"] == "keep"
    raw = rep.read_text(encoding="utf-8")
    for row in rows[:20]:
        for i, value in enumerate(row):
            if HEADER[i] in IDENTIFYING and len(value) >= 4:
                assert value not in raw


def test_example_file_redacts(tmp_path):
    src = Path(__file__).resolve().parent.parent / "examples" / "csv" / "patients.csv"
    res = CliRunner().invoke(main, ["csv", str(src)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split(",") == HEADER
    assert ",000," in lines[1] and ",685," in lines[2]


# -- faithful output -------------------------------------------------------------------------
def redact_bytes(data: bytes, policy: Policy | None = None, **kw) -> bytes:
    out = io.BytesIO()
    Redactor(policy or REF_POLICY).redact_csv(io.BytesIO(data), out, **kw)
    return out.getvalue()


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r"])
def test_line_endings_kept(eol):
    data = eol.join([b"Name,Sex,Zip", b"Kowalczyk,F,03601", b"Okafor,M,68504", b""])
    assert redact_bytes(data) == eol.join([b"Name,Sex,Zip", b"[NAME],F,000", b"[NAME],M,685",
                                           b""])


def test_last_line_without_newline_and_blank_lines():
    data = b"Name,Sex\n\nKowalczyk,F\n\nOkafor,M"
    assert redact_bytes(data) == b"Name,Sex\n\n[NAME],F\n\n[NAME],M"


def test_mixed_line_endings_kept():
    data = b"Name,Sex\r\nKowalczyk,F\nOkafor,M\r\n"
    assert redact_bytes(data) == b"Name,Sex\r\n[NAME],F\n[NAME],M\r\n"


@pytest.mark.parametrize("delim", [b";", b"\t", b"|"])
def test_delimiter_sniffed(delim):
    data = delim.join([b"Name", b"Sex", b"Notes"]) + b"\n" + \
        delim.join([b"Kowalczyk", b"F", b"call 617-555-0134, later"]) + b"\n"
    expected = delim.join([b"Name", b"Sex", b"Notes"]) + b"\n" + \
        delim.join([b"[NAME]", b"F", b"call [PHONE], later"]) + b"\n"
    assert redact_bytes(data) == expected


def test_delimiter_option_overrides():
    data = b"Name;Sex\nKowalczyk;F\n"
    # forced to ',' the file has one column 'Name;Sex', scanned as text
    assert redact_bytes(data, delimiter=";") == b"Name;Sex\n[NAME];F\n"
    res = CliRunner().invoke(main, ["csv", "-", "--delimiter", "tab"], input="a\tName\nx\tOkafor\n")
    assert res.output == "a\tName\nx\t[NAME]\n"


def test_quoting_kept_for_untouched_and_changed_cells():
    data = (b'"Name","Sex","Notes","Amount"\r\n'
            b'"Kowalczyk, Jan","F","said ""hi"", call 617-555-0134","1,200.50"\r\n')
    out = redact_bytes(data)
    assert out == (b'"Name","Sex","Notes","Amount"\r\n'
                   b'"[NAME]","F","said ""hi"", call [PHONE]","1,200.50"\r\n')


def test_changed_cell_is_quoted_when_needed():
    masked = REF_POLICY.with_operators(NAME="mask")
    out = redact_bytes(b"Name,Sex\n\"Kowalczyk, Jan\",F\nOkafor,M\n", masked)
    assert out == b'Name,Sex\n"********** ***",F\n******,M\n'
    tagged = Policy(tag_format="<{entity}, {letter}>")  # a replacement with the delimiter
    assert redact_bytes(b"Name,Sex\nOkafor,M\n", tagged) == b'Name,Sex\n"<NAME, A>",M\n'


def test_multiline_quoted_cell():
    data = b'Notes,Sex\r\n"Line one\r\nPt Kowalczyk\r\nthree",F\r\nplain,M\r\n'
    assert redact_bytes(data) == b'Notes,Sex\r\n"Line one\r\nPt [NAME]\r\nthree",F\r\nplain,M\r\n'


def test_bom_kept_and_encoding_option(tmp_path):
    assert redact_bytes(b"\xef\xbb\xbfName,Sex\nOkafor,M\n") == b"\xef\xbb\xbfName,Sex\n[NAME],M\n"
    latin = "Name,City,Sex\nM\u00fcller,Z\u00fcrich,M\n".encode("latin-1")
    assert redact_bytes(latin, encoding="latin-1") == b"Name,City,Sex\n[NAME],[CITY],M\n"
    keep = Policy(columns={"Note": "keep"})
    raw = "Note,Sex\nna\u00efve caf\u00e9,F\n".encode("cp1252")
    assert redact_bytes(raw, keep, encoding="cp1252") == raw


def test_keep_columns_still_catch_identifiers():
    data = (b"Gender,Race,State,Total Cost\n"
            b"F,White,Massachusetts,12.50\n"
            b"Kowalczyk,Black or African American,NY,617-555-0134\n"
            b"M,Asian,Call Okafor,1200\n")
    out = redact_bytes(data).split(b"\n")
    assert out[:3] == [b"Gender,Race,State,Total Cost", b"F,White,Massachusetts,12.50",
                       b"[NAME],Black or African American,NY,[PHONE]"]
    assert out[3].startswith(b"M,Asian,") and out[3].endswith(b",1200")
    assert b"Okafor" not in out[3]


def test_null_markers_and_blank_cells_stay():
    data = b"Name,DOB,Zip\nNULL,N/A,\n  ,,NA\n"
    assert redact_bytes(data) == data


def test_age_column():
    data = b"Age\n45\n92\n3 months\n85-94\nnewborn\n"
    assert redact_bytes(data) == b"Age\n45\n90+\n3 months\n90+\n[AGE]\n"


def test_iso_timestamps():
    data = b"Admit Date\n2019-02-17T05:07:38Z\n"
    assert redact_bytes(data) == b"Admit Date\n2019\n"
    pol = Policy(reference_date=REFERENCE).with_operators(DATE="shift")
    out = Redactor(pol, key=TEST_KEY)
    buf = io.BytesIO()
    out.redact_csv(io.BytesIO(data), buf)
    moved = buf.getvalue().split(b"\n")[1]
    assert moved.endswith(b"T05:07:38Z") and moved != b"2019-02-17T05:07:38Z"


def test_unknown_column_is_scanned_not_kept():
    data = b"Foo,Bar\ncall 617-555-0134,ok\n"
    assert redact_bytes(data) == b"Foo,Bar\ncall [PHONE],ok\n"
    res = CliRunner().invoke(main, ["csv", "--plan", "-"], input=data.decode())
    assert "UNSURE" in res.output and "Foo" in res.output.split("unsure")[-1]


def test_header_only_file_is_copied(tmp_path):
    src = tmp_path / "h.csv"
    src.write_bytes(b"Name,DOB\r\n")
    out = tmp_path / "o.csv"
    res = CliRunner().invoke(main, ["csv", str(src), "-o", str(out)])
    assert res.exit_code == 0 and out.read_bytes() == b"Name,DOB\r\n"


# -- policy [columns], subject column, consistency -------------------------------------------
def test_columns_config(tmp_path):
    pol = tmp_path / "p.toml"
    pol.write_text('[columns]\n"Patient Ref" = "MRN"\nnotes = "keep"\nSex = "text"\n'
                   'Absent = "NAME"\n', encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_text("Patient Ref,Notes,Sex\nA12345,Pt Kowalczyk,F\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["csv", str(src), "-p", str(pol)])
    assert res.exit_code == 0, res.output
    assert res.output == "Patient Ref,Notes,Sex\n[MRN],Pt Kowalczyk,F\n"
    plan = CliRunner().invoke(main, ["csv", "--plan", str(src), "-p", str(pol)]).output
    assert "[columns] says MRN" in plan and "'Absent', which is not in the header" in plan


def pseudonymize(tmp_path) -> Path:
    pol = tmp_path / "pseudo.toml"
    pol.write_text('[policy]\nreference_date = "2026-01-01"\nsubject_column = "MRN"\n'
                   '[operators]\nNAME = "hash"\nDATE = "shift"\nBIRTH_DATE = "shift"\n'
                   'MRN = "hash"\n', encoding="utf-8")
    return pol


def test_same_subject_same_pseudonym_and_shift_across_rows_and_files(tmp_path):
    pol = Policy.from_toml(pseudonymize(tmp_path))
    r = Redactor(pol, key=TEST_KEY)
    a = b"MRN,Last Name,Visit Date\n1001,Kowalczyk,2024-03-01\n1002,Okafor,2024-03-01\n" \
        b"1001,Kowalczyk,2024-03-15\n"
    b = b"Visit Date,MRN,Last Name\n2024-03-01,1001,Kowalczyk\n"
    out_a = list(csv.reader(io.StringIO(_run(r, a))))
    out_b = list(csv.reader(io.StringIO(_run(r, b))))
    assert out_a[1][0] == out_a[3][0] == out_b[1][1] != out_a[2][0]
    assert out_a[1][1] == out_b[1][2] and out_a[1][1].startswith("[NAME-")
    d1, d2 = (dt.date.fromisoformat(out_a[i][2]) for i in (1, 3))
    assert (d2 - d1).days == 14  # intervals of one subject kept
    assert out_a[1][2] == out_b[1][0]  # same subject, same date, same shift in another file
    assert out_a[1][2] != out_a[2][2] or out_a[2][0] == out_a[1][0]
    assert _run(Redactor(pol, key=TEST_KEY), a) == _run(r, a)  # deterministic


def _run(r: Redactor, data: bytes) -> str:
    out = io.BytesIO()
    r.redact_csv(io.BytesIO(data), out)
    return out.getvalue().decode()


def test_subject_column_option_and_missing_subject(tmp_path):
    src = tmp_path / "s.csv"
    src.write_text("Pt,Visit Date\n7,2024-03-01\n", encoding="utf-8")
    key = tmp_path / "key"
    key.write_text(TEST_KEY, encoding="utf-8")
    pol = pseudonymize(tmp_path)
    res = CliRunner().invoke(main, ["csv", str(src), "-p", str(pol), "--key-file", str(key)])
    _fails_cleanly(res, tmp_path, "subject column 'MRN' is not in the header")
    res = CliRunner().invoke(main, ["csv", str(src), "-p", str(pol), "--key-file", str(key),
                                    "--subject-column", "pt"])
    assert res.exit_code == 0 and "2024-03-01" not in res.output


def test_keyed_policy_without_key_fails(tmp_path):
    src = tmp_path / "s.csv"
    src.write_text("MRN,Last Name\n1,Okafor\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["csv", str(src), "-p", str(pseudonymize(tmp_path)),
                                    "-o", str(tmp_path / "out.csv")])
    _fails_cleanly(res, tmp_path, "needs a key")


# -- parallel --------------------------------------------------------------------------------
def test_jobs_keep_order_and_output(tmp_path, monkeypatch):
    import redact.csvio

    monkeypatch.setattr(redact.csvio, "BLOCK_SIZE", 4096)  # many chunks
    text, _, _ = table(600, seed=5)
    src = tmp_path / "p.csv"
    src.write_text(text, encoding="utf-8", newline="")
    r = Redactor(REF_POLICY)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    s1 = r.redact_csv(src, one, jobs=1)
    s2 = r.redact_csv(src, two, jobs=2)
    assert one.read_bytes() == two.read_bytes()
    assert s1.rows == s2.rows == 600 and s1.entities == s2.entities and s1.changed == s2.changed


def test_error_row_is_exact_in_a_late_chunk_with_jobs(tmp_path, monkeypatch):
    import redact.csvio

    monkeypatch.setattr(redact.csvio, "BLOCK_SIZE", 4096)
    lines = ["Name,Sex,Notes"] + [f"Okafor,M,\"two\nlines {i}\"" for i in range(1500)]
    lines[1200] = "Okafor,M"
    src = tmp_path / "bad.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for jobs in ("1", "2"):
        res = CliRunner().invoke(main, ["csv", str(src), "-o", str(tmp_path / "out.csv"),
                                        "--jobs", jobs])
        _fails_cleanly(res, tmp_path, "bad.csv: row 1201 (line 2400): 2 cells where the header "
                       "has 3 (ragged row)")


# -- bad input: exit 2, one line naming the row, nothing written, no values ------------------
SECRET = "Kowalczyk"


def _fails_cleanly(res, tmp_path, message):
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("redact: error: "), res.output
    assert message in lines[0], lines[0]
    assert SECRET not in res.output and "617-555" not in res.output
    assert not (tmp_path / "out.csv").exists()
    assert not [p for p in tmp_path.iterdir() if "redact-tmp" in p.name]


@pytest.mark.parametrize(("data", "message"), [
    (b"Name,Sex\nKowalczyk,F\nOkafor\n", "bad.csv: row 3: 1 cell where the header has 2"),
    (b"Name,Sex\nKowalczyk,F\n\"Okafor,M\nx,y\n", "bad.csv: row 3: unterminated quoted field"),
    (b"Name,Sex\nKow\"alczyk,F\n", "bad.csv: row 2: unterminated quoted field, or a quote "
     "inside an unquoted cell"),
    (b"Name,Sex\nKow\"alczyk,F\"\n", "bad.csv: row 2, column Name: quote inside an unquoted"),
    (b"Name,Sex\n\"Kowalczyk\" x,F\n", "row 2, column Name: quote inside an unquoted cell, or "
     "text after a closing quote"),
    (b"Name,Sex\nok,F\nM\xfcller Kowalczyk,F\n", "bad.csv: row 3, byte 2 of the line: cannot "
     "decode byte 0xfc as utf-8; pass --encoding"),
    (b"", "bad.csv: empty file (no header row)"),
    (b"\xef\xbb\xbf\r\n", "bad.csv: empty file (no header row)"),
    (b"Name,Sex,Name\nKowalczyk,F,x\n", "duplicate column name 'Name' (columns 1 and 3)"),
])
def test_bad_input(tmp_path, data, message):
    src = tmp_path / "bad.csv"
    src.write_bytes(data)
    res = CliRunner().invoke(main, ["csv", str(src), "-o", str(tmp_path / "out.csv")])
    _fails_cleanly(res, tmp_path, message)


def test_bad_input_late_in_a_big_file(tmp_path):
    rows = ["Name,Sex"] + ["Kowalczyk,F"] * 30000 + ["Kowalczyk,F,extra"]
    src = tmp_path / "bad.csv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["csv", str(src), "-o", str(tmp_path / "out.csv")])
    _fails_cleanly(res, tmp_path, "bad.csv: row 30002: 3 cells where the header has 2")
    bad = tmp_path / "bad2.csv"
    bad.write_bytes(b"Name,Sex\n" + b"Okafor,M\n" * 20000 + b"M\xfcller,F\n")
    res = CliRunner().invoke(main, ["csv", str(bad), "-o", str(tmp_path / "out.csv")])
    _fails_cleanly(res, tmp_path, "bad2.csv: row 20002, byte 2 of the line: cannot decode")


@pytest.mark.parametrize(("args", "message"), [
    (["--delimiter", ";;"], "--delimiter must be one character"),
    (["--encoding", "utf-16"], "encoding utf-16 is not supported for CSV"),
    (["--encoding", "klingon"], "unknown encoding 'klingon'"),
])
def test_bad_options(tmp_path, args, message):
    src = tmp_path / "in.csv"
    src.write_text("Name\nKowalczyk\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["csv", str(src), "-o", str(tmp_path / "out.csv"), *args])
    _fails_cleanly(res, tmp_path, message)


def test_missing_and_directory_input(tmp_path):
    res = CliRunner().invoke(main, ["csv", str(tmp_path / "nope.csv"), "-o",
                                    str(tmp_path / "out.csv")])
    _fails_cleanly(res, tmp_path, "nope.csv: cannot read")


def test_existing_output_untouched_on_error(tmp_path):
    out = tmp_path / "out.csv"
    src = tmp_path / "bad.csv"
    src.write_bytes(b"Name,Sex\nKowalczyk\n")
    out.write_bytes(b"previous")
    res = CliRunner().invoke(main, ["csv", str(src), "-o", str(out), "--report",
                                    str(tmp_path / "r.json")])
    assert res.exit_code == 2 and out.read_bytes() == b"previous"
    assert not (tmp_path / "r.json").exists()


def test_interrupted_run_leaves_nothing(tmp_path, monkeypatch):
    from redact import tabular

    calls = {"n": 0}
    original = tabular.ChunkTransformer.process

    def interrupted(self, chunk):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(self, chunk)

    import redact.csvio

    monkeypatch.setattr(redact.csvio, "BLOCK_SIZE", 4096)
    monkeypatch.setattr(tabular.ChunkTransformer, "process", interrupted)
    src = tmp_path / "in.csv"
    src.write_text(table(300, seed=2)[0], encoding="utf-8", newline="")
    with pytest.raises(KeyboardInterrupt):
        Redactor(REF_POLICY).redact_csv(src, tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_real_subprocess(tmp_path):
    """`python -m redact csv` in a new process: stdin to stdout, file to file, exit codes."""
    env = {k: v for k, v in os.environ.items() if k != "REDACT_KEY"}
    cmd = [sys.executable, "-m", "redact", "csv"]
    proc = subprocess.run([*cmd, "-"], input=b"Name,Zip,Sex\r\nKowalczyk,03601,F\r\n",
                          capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"Name,Zip,Sex\r\n[NAME],000,F\r\n" and proc.stderr == b""
    src = tmp_path / "in.csv"
    src.write_text(table(50, seed=3)[0], encoding="utf-8", newline="")
    ok = subprocess.run([*cmd, str(src), "-o", str(tmp_path / "o.csv"), "--jobs", "2"],
                        capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert ok.returncode == 0 and (tmp_path / "o.csv").exists() and ok.stderr == b""
    bad = subprocess.run([*cmd, "-", "-o", str(tmp_path / "out.csv")],
                         input=b"Name,Sex\nKowalczyk\n", capture_output=True, env=env,
                         cwd=tmp_path, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith(b"redact: error: <stdin>: row 2")
    assert b"Kowalczyk" not in bad.stderr and not (tmp_path / "out.csv").exists()


def test_terminated_run_leaves_nothing(tmp_path):
    """SIGTERM in the middle of a parallel run: exit, workers stopped, no output, no temp."""
    import signal
    import time

    from tests.tables import SYNTHEA, patients, to_csv

    src = tmp_path / "big.csv"
    rows = [r for r, _ in patients(20000, seed=8, notes=False)]
    text = to_csv(rows, SYNTHEA)
    with src.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        body = text.split("\r\n", 1)[1]
        for _ in range(30):  # 600,000 rows: long enough to be caught in the middle
            fh.write(body)
    env = {k: v for k, v in os.environ.items() if k != "REDACT_KEY"}
    proc = subprocess.Popen([sys.executable, "-m", "redact", "csv", str(src), "-o",
                             str(tmp_path / "out.csv"), "--jobs", "2"], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not any("redact-tmp" in p.name for p in tmp_path.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0 and b"Kowalczyk" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


def test_help_lists_options():
    res = CliRunner().invoke(main, ["csv", "--help"])
    for option in ("--plan", "--jobs", "--delimiter", "--encoding", "--subject-column",
                   "--report", "--key-file", "--policy"):
        assert option in res.output
