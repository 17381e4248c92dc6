"""The CLI, through click's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redact.cli import main
from tests.conftest import TEST_KEY

NOTE = "Pt Kowalczyk, DOB 03/14/1931, seen 07/22/2024. Call 617-555-0134. ZIP 03601.\n"
PHI = ["Kowalczyk", "03/14/1931", "07/22", "617-555-0134", "03601"]


@pytest.fixture()
def runner():
    return CliRunner()


def assert_no_phi(text: str) -> None:
    for value in PHI:
        assert value not in text


def test_stdin_to_stdout(runner):
    res = runner.invoke(main, ["text"], input=NOTE)
    assert res.exit_code == 0, res.output
    assert res.output == "Pt [NAME], DOB 90+, seen 2024. Call [PHONE]. ZIP 000.\n"


def test_dash_means_stdin(runner):
    res = runner.invoke(main, ["text", "-"], input="age 93\n")
    assert res.output == "age 90+\n"


def test_file_to_file_and_report(runner, tmp_path):
    src = tmp_path / "note.txt"
    src.write_text(NOTE, encoding="utf-8")
    out, rep = tmp_path / "clean.txt", tmp_path / "audit.json"
    res = runner.invoke(main, ["text", str(src), "-o", str(out), "--report", str(rep)])
    assert res.exit_code == 0, res.output
    assert_no_phi(out.read_text(encoding="utf-8"))
    report = json.loads(rep.read_text(encoding="utf-8"))
    assert report["totals"]["by_letter"]["A"] == 1
    assert report["totals"]["by_letter"]["C"] == 2
    assert report["totals"]["by_entity"] == {"BIRTH_DATE": 1, "DATE": 1, "NAME": 1, "PHONE": 1,
                                             "ZIP": 1}
    assert set(report["totals"]["by_letter"]) == set("ABCDEFGHIJKLMNOPQR")
    assert report["policy"]["operators"]["NAME"] == "tag"
    assert report["version"] and report["tool"] == "redact"
    assert_no_phi(rep.read_text(encoding="utf-8"))


def test_several_files_to_dir(runner, tmp_path):
    files = []
    for i in range(3):
        f = tmp_path / f"n{i}.txt"
        f.write_text(NOTE, encoding="utf-8")
        files.append(str(f))
    res = runner.invoke(main, ["text", *files, "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    outs = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in outs] == ["n0.txt", "n1.txt", "n2.txt"]
    for p in outs:
        assert_no_phi(p.read_text(encoding="utf-8"))


def test_several_files_need_dir(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    res = runner.invoke(main, ["text", str(f), str(f)])
    assert res.exit_code == 2 and "need -o DIR" in res.output


def test_bom_kept(runner, tmp_path):
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbfage 95\n")
    out = tmp_path / "o.txt"
    assert runner.invoke(main, ["text", str(src), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == b"\xef\xbb\xbfage 90+\n"


def _fails_cleanly(res, tmp_path, message):
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("redact: error: "), res.output
    assert message in lines[0]
    assert_no_phi(res.output)
    assert not (tmp_path / "out.txt").exists()
    assert not [p for p in tmp_path.iterdir() if "redact-tmp" in p.name]


def test_bad_policy(runner, tmp_path):
    src = tmp_path / "n.txt"
    src.write_text(NOTE, encoding="utf-8")
    pol = tmp_path / "p.toml"
    pol.write_text("[operators]\nNAME = 'scramble'\n", encoding="utf-8")
    res = runner.invoke(main, ["text", str(src), "-p", str(pol), "-o", str(tmp_path / "out.txt")])
    _fails_cleanly(res, tmp_path, "operators.NAME = 'scramble' is not an operator")


def test_hash_without_key(runner, tmp_path):
    src = tmp_path / "n.txt"
    src.write_text(NOTE, encoding="utf-8")
    pol = tmp_path / "p.toml"
    pol.write_text("[operators]\nNAME = 'hash'\n", encoding="utf-8")
    res = runner.invoke(main, ["text", str(src), "-p", str(pol), "-o", str(tmp_path / "out.txt")])
    _fails_cleanly(res, tmp_path, "needs a key")


def test_hash_with_key_file(runner, tmp_path):
    key = tmp_path / "key"
    key.write_text(TEST_KEY + "\n", encoding="utf-8")
    pol = tmp_path / "p.toml"
    pol.write_text("[operators]\nNAME = 'hash'\n", encoding="utf-8")
    res = runner.invoke(main, ["text", "-p", str(pol), "--key-file", str(key)], input=NOTE)
    assert res.exit_code == 0 and "[NAME-" in res.output
    assert TEST_KEY not in res.output


def test_unreadable_file(runner, tmp_path):
    res = runner.invoke(main, ["text", str(tmp_path / "missing.txt"), "-o",
                               str(tmp_path / "out.txt")])
    _fails_cleanly(res, tmp_path, "missing.txt: cannot read")


def test_undecodable_file(runner, tmp_path):
    src = tmp_path / "latin.txt"
    src.write_bytes("line one\nPt M\u00fcller Kowalczyk 617-555-0134\n".encode("latin-1"))
    res = runner.invoke(main, ["text", str(src), "-o", str(tmp_path / "out.txt")])
    _fails_cleanly(res, tmp_path, "latin.txt: line 2, column 5: cannot decode byte 0xfc")
    assert "ller" not in res.output
    ok = runner.invoke(main, ["text", str(src), "--encoding", "latin-1"])
    assert ok.exit_code == 0 and "Kowalczyk" not in ok.output


def test_binary_file(runner, tmp_path):
    src = tmp_path / "img.bin"
    src.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00Kowalczyk")
    res = runner.invoke(main, ["text", str(src), "-o", str(tmp_path / "out.txt")])
    _fails_cleanly(res, tmp_path, "binary data")


def test_error_in_second_file_writes_nothing(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(NOTE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe oops")
    outdir = tmp_path / "outdir"
    res = runner.invoke(main, ["text", str(good), str(bad), "-o", str(outdir), "--report",
                               str(tmp_path / "r.json")])
    assert res.exit_code == 2
    assert not outdir.exists() or not list(outdir.iterdir())
    assert not (tmp_path / "r.json").exists()


def _notes(tmp_path: Path, n: int) -> list[str]:
    files = []
    for i in range(n):
        f = tmp_path / f"n{i}.txt"
        f.write_text(NOTE.replace("07/22", f"07/{10 + i}"), encoding="utf-8")
        files.append(str(f))
    return files


def test_jobs_give_the_same_files_and_report(runner, tmp_path):
    files = _notes(tmp_path, 5)
    runs = {}
    for jobs in ("1", "2"):
        out, rep = tmp_path / f"out{jobs}", tmp_path / f"r{jobs}.json"
        res = runner.invoke(main, ["text", *files, "-o", str(out), "--report", str(rep),
                                   "--jobs", jobs])
        assert res.exit_code == 0, res.output
        report = json.loads(rep.read_text(encoding="utf-8"))
        report.pop("generated")
        runs[jobs] = ({p.name: p.read_bytes() for p in sorted(out.iterdir())}, report)
    assert runs["1"] == runs["2"]
    assert len(runs["2"][0]) == 5 and runs["2"][1]["totals"]["files"] == 5
    for data in runs["2"][0].values():
        assert_no_phi(data.decode("utf-8"))


def test_jobs_error_in_a_worker_writes_nothing(runner, tmp_path):
    files = _notes(tmp_path, 4)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Kowalczyk\n\xff\xfe oops")
    outdir = tmp_path / "outdir"
    res = runner.invoke(main, ["text", *files[:2], str(bad), *files[2:], "-o", str(outdir),
                               "--report", str(tmp_path / "r.json"), "--jobs", "2"])
    assert res.exit_code == 2
    assert "bad.txt: line 2, column 1: cannot decode" in res.output
    assert "Kowalczyk" not in res.output
    assert not outdir.exists() or not list(outdir.iterdir())
    assert not (tmp_path / "r.json").exists()


def test_redact_files_api_in_processes(tmp_path):
    from redact import Redactor

    files = _notes(tmp_path, 3)
    r = Redactor()
    serial = list(r.redact_files(files))
    parallel = list(r.redact_files(files, jobs=2))
    assert serial == parallel
    assert [f.path for f in parallel] == files
    assert all(f.findings == 5 and f.by_letter["C"] == 2 for f in parallel)


def test_version_and_help(runner):
    res = runner.invoke(main, ["--version"])
    assert res.exit_code == 0 and res.output.startswith("redact, version ")
    assert res.output.rstrip().endswith(("(compiled)", "(pure Python)"))
    res = runner.invoke(main, ["text", "--help"])
    assert res.exit_code == 0 and "Examples:" in res.output and "--policy" in res.output


def test_identifiers_lists_all_18(runner):
    res = runner.invoke(main, ["identifiers", "--format", "json"])
    rows = json.loads(res.output)
    assert [r["letter"] for r in rows] == list("ABCDEFGHIJKLMNOPQR")
    assert all(r["recognizers"] for r in rows)


def test_pyproject_policy_is_used(runner, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.redact.operators]\nPHONE = 'mask'\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(main, ["text"], input="call 617-555-0134\n")
    assert res.output == "call ************\n"


def test_real_subprocess(tmp_path):
    """The installed console script, in a new process, stdin to stdout and exit codes."""
    env = {k: v for k, v in os.environ.items() if k != "REDACT_KEY"}
    cmd = [sys.executable, "-m", "redact", "text"]
    proc = subprocess.run(cmd, input=NOTE, capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Pt [NAME], DOB 90+, seen 2024. Call [PHONE]. ZIP 000.\n"
    bad = subprocess.run([*cmd, str(tmp_path / "nope.txt")], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("redact: error: ")
    assert Path(tmp_path).exists()
