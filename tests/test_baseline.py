"""The scan baseline: keyed fingerprints that survive moved lines and reveal no value."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from redact.baseline import Baseline, BaselineError, fingerprint
from redact.cli import main
from tests.test_scan import LINE_RE, NOTE, VALUES, assert_no_values, without_hex_digests

SALT = bytes(range(32))


@pytest.fixture()
def runner():
    return CliRunner()


def scan(runner, *args):
    return runner.invoke(main, ["scan", *map(str, args)])


def entities(res) -> list[str]:
    return [LINE_RE.match(ln)["entity"] for ln in res.stdout.splitlines()]


# -- fingerprints ---------------------------------------------------------------------------
def test_fingerprint_follows_the_normalized_value():
    fp = fingerprint(SALT, "NAME", "Zbigniew Kowalczyk")
    assert fp == fingerprint(SALT, "NAME", "KOWALCZYK, Zbigniew")
    assert fp == fingerprint(SALT, "NAME", "zbigniew  kowalczyk")
    assert fp != fingerprint(SALT, "NAME", "Zbigniew Kowalski")
    phone = fingerprint(SALT, "PHONE", "(617) 555-0134")
    assert phone == fingerprint(SALT, "PHONE", "617.555.0134")
    assert phone == fingerprint(SALT, "PHONE", "+1 617 555 0134")
    assert phone == fingerprint(SALT, "FAX", "617-555-0134")  # one number, either label
    assert fingerprint(SALT, "SSN", "536-89-4712") == fingerprint(SALT, "SSN", "536894712")


def test_fingerprint_is_keyed_and_typed():
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint(SALT, "SSN", "536-89-4712"))
    other_salt = bytes(32)
    assert fingerprint(SALT, "SSN", "536-89-4712") != fingerprint(other_salt, "SSN",
                                                                  "536-89-4712")
    assert fingerprint(SALT, "SSN", "536894712") != fingerprint(SALT, "MRN", "536894712")
    # not a plain hash of the value
    import hashlib

    for algo in ("sha1", "sha256"):
        assert fingerprint(SALT, "SSN", "536894712") != hashlib.new(
            algo, b"536894712").hexdigest()


def test_initials_only_names_do_not_collapse():
    assert fingerprint(SALT, "NAME", "J. K.") != fingerprint(SALT, "NAME", "A. B.")


def test_new_baselines_get_their_own_salt():
    a, b = Baseline.new(), Baseline.new()
    assert a.salt != b.salt and len(a.salt) == 32


# -- the file -------------------------------------------------------------------------------
def test_dumps_is_stable_and_round_trips():
    bl = Baseline(SALT)
    bl.add(fingerprint(SALT, "SSN", "536-89-4712"), "SSN")
    bl.add(fingerprint(SALT, "NAME", "Zbigniew Kowalczyk"), "NAME")
    assert not bl.add(fingerprint(SALT, "NAME", "Kowalczyk, Zbigniew"), "NAME")
    data = bl.dumps()
    again = Baseline.loads(data)
    assert again.salt == SALT and again.entries == bl.entries
    assert again.dumps() == data
    doc = json.loads(data)
    assert [e["entity"] for e in doc["fingerprints"]] == ["NAME", "SSN"]
    assert set(doc) == {"version", "about", "algorithm", "salt", "fingerprints"}


GOOD = {"version": 1, "about": "x", "algorithm": "HMAC-SHA256", "salt": "ab" * 32,
        "fingerprints": [{"entity": "SSN", "fingerprint": "cd" * 32}]}


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(version=2), "version must be 1"),
    (lambda d: d.update(algorithm="SHA1"), "algorithm"),
    (lambda d: d.update(salt="ab" * 8), "salt must be 64"),
    (lambda d: d.pop("salt"), "salt must be 64"),
    (lambda d: d.update(fingerprints={}), "fingerprints must be a list"),
    (lambda d: d["fingerprints"].append({"entity": "SSN"}), "fingerprints[1]"),
    (lambda d: d["fingerprints"].append({"entity": "BLOOD", "fingerprint": "ab" * 32}),
     "not an entity type"),
    (lambda d: d["fingerprints"].append({"entity": "SSN", "fingerprint": "536894712"}),
     "64 lower-case hex"),
    (lambda d: d.update(extra=1), "unknown key 'extra'"),
])
def test_corrupt_baseline_is_refused(change, message):
    doc = json.loads(json.dumps(GOOD))
    Baseline.loads(json.dumps(doc).encode())  # the unchanged document is fine
    change(doc)
    with pytest.raises(BaselineError, match=re.escape(message)):
        Baseline.loads(json.dumps(doc).encode())


@pytest.mark.parametrize("raw", [b"", b"{", b"[]", b"\xff\xfe", b"null"])
def test_unparseable_baseline_is_refused(raw):
    with pytest.raises(BaselineError, match="invalid baseline"):
        Baseline.loads(raw)


def test_corrupt_baseline_fails_the_scan_closed(runner, tmp_path):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    bl = tmp_path / "bl.json"
    bl.write_text('{"version": 1, "salt": "536-89-4712"', encoding="utf-8")
    res = scan(runner, note, "--baseline", bl)
    assert res.exit_code == 2
    assert res.output.startswith("redact: error: ") and "invalid baseline" in res.output
    assert res.stdout == "" or "redact: error" in res.stdout
    assert_no_values(res.output)
    res = scan(runner, note, "--baseline", bl, "--update-baseline")
    assert res.exit_code == 2
    assert bl.read_text(encoding="utf-8").startswith('{"version": 1, "salt": "536')  # untouched


def test_missing_baseline_accepts_nothing(runner, tmp_path):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    res = scan(runner, note, "--baseline", tmp_path / "none.json")
    assert res.exit_code == 1 and entities(res) == ["NAME", "SSN", "PHONE"]
    assert not (tmp_path / "none.json").exists()


# -- the workflow ---------------------------------------------------------------------------
def test_update_then_move_then_new_value(runner, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    note = repo / "fixture.txt"
    note.write_text(NOTE, encoding="utf-8")
    bl = repo / ".redact-baseline.json"

    res = scan(runner, repo, "--baseline", bl, "--update-baseline")
    assert res.exit_code == 0, res.output
    assert "3 fingerprints added (3 in total" in res.stderr
    text = bl.read_text(encoding="utf-8")
    assert_no_values(without_hex_digests(text), min_digits=3)
    assert "fixture" not in text

    res = scan(runner, repo, "--baseline", bl)
    assert res.exit_code == 0, res.output
    assert "3 accepted by the baseline" in res.stderr

    # the same values, moved, re-ordered and re-formatted: still accepted
    note.write_text("Visit summary\n\n\nPhone 617.555.0134\nSSN 536894712\n"
                    "Patient: KOWALCZYK, Zbigniew\n", encoding="utf-8")
    (repo / "copy.md").write_text(NOTE, encoding="utf-8")
    res = scan(runner, repo, "--baseline", bl)
    assert res.exit_code == 0, res.output

    # a new value is reported, and only it
    with note.open("a", encoding="utf-8") as fh:
        fh.write("Second SSN: 219-09-9998\n")
    res = scan(runner, repo, "--baseline", bl)
    assert res.exit_code == 1 and entities(res) == ["SSN"]
    assert LINE_RE.match(res.stdout.strip())["line"] == "7"
    assert_no_values(res.output, VALUES + ["219-09-9998"])

    # updating keeps the salt and the old fingerprints
    salt = json.loads(text)["salt"]
    res = scan(runner, note, "--baseline", bl, "--update-baseline")
    assert res.exit_code == 0 and "1 fingerprint added (4 in total" in res.stderr
    assert json.loads(bl.read_text(encoding="utf-8"))["salt"] == salt


def test_update_with_an_error_writes_nothing(runner, tmp_path):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    bl = tmp_path / "bl.json"
    res = scan(runner, note, tmp_path / "missing.txt", "--baseline", bl, "--update-baseline")
    assert res.exit_code == 2
    assert "baseline not written" in res.stderr
    assert not bl.exists()


def test_the_baseline_file_is_not_scanned(runner, tmp_path):
    bl = tmp_path / ".redact-baseline.json"
    (tmp_path / "n.txt").write_text(NOTE, encoding="utf-8")
    assert scan(runner, tmp_path, "--baseline", bl, "--update-baseline").exit_code == 0
    res = scan(runner, tmp_path, bl, "--baseline", bl, "--format", "json")
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert doc["summary"]["files_scanned"] == 1
    assert doc["baseline"] == {"path": str(bl), "fingerprints": 3}


def test_baseline_does_not_hide_other_entity_types(runner, tmp_path):
    """An accepted value is accepted as that type (namespace), not as any type."""
    bl = tmp_path / "bl.json"
    salt = bytes(32)
    b = Baseline(salt)
    b.add(fingerprint(salt, "MRN", "536-89-4712"), "MRN")
    bl.write_bytes(b.dumps())
    note = tmp_path / "n.txt"
    note.write_text("SSN: 536-89-4712\n", encoding="utf-8")
    res = scan(runner, note, "--baseline", bl)
    assert res.exit_code == 1 and entities(res) == ["SSN"]
