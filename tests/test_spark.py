"""redact on Apache Spark (local mode): the same cells as `redact csv` from redact_dataframe,
the same bytes from `redact spark`, the key kept out of plans, bad input failing by row."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redact import Policy, Redactor
from redact.cli import main
from tests.conftest import TEST_KEY
from tests.tables import HEADER, REFERENCE, table

pytest.importorskip("pyspark", reason="pip install -e '.[test]' (pyspark)")
pytest.importorskip("pyarrow")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    if os.environ.get("CI"):  # CI installs Java (.ci/run): a missing one is a failure there
        pytest.fail("java is not installed", pytrace=False)
    pytest.skip("Spark needs Java (apt-get install openjdk-17-jre-headless)",
                allow_module_level=True)

from redact.csvio import CsvError  # noqa: E402
from redact.spark import (  # noqa: E402
    SparkRedactError,
    redact_csv_file,
    redact_dataframe,
    run_cli,
    spark_errors,
)

PSEUDO_TOML = ('[policy]\nreference_date = "2026-01-01"\nsubject_column = "Id"\n'
               '[operators]\nNAME = "hash"\nDATE = "shift"\nBIRTH_DATE = "shift"\n'
               'SSN = "hash"\nADDRESS = "surrogate"\n')
PSEUDO = Policy.from_dict({"policy": {"reference_date": "2026-01-01", "subject_column": "Id"},
                           "operators": {"NAME": "hash", "DATE": "shift",
                                         "BIRTH_DATE": "shift", "SSN": "hash",
                                         "ADDRESS": "surrogate"}})


@pytest.fixture(scope="module")
def spark():
    """One local[2] session for the module: small shuffles, no UI, quiet logs."""
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("redact-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def synthea(tmp_path_factory):
    """200 Synthea-shaped rows with NOTES (quoted, multi-line), plus 60 rows repeating earlier
    subjects so that one subject lands in several partitions; CRLF, as exporters write."""
    folder = tmp_path_factory.mktemp("spark")
    _, rows, _ = table(200, seed=11)
    rows = rows + [list(r) for r in rows[:60]]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    src = folder / "patients.csv"
    src.write_text(buf.getvalue(), encoding="utf-8", newline="")
    expected = io.BytesIO()
    Redactor(PSEUDO, key=TEST_KEY).redact_csv(src, expected)
    return src, rows, expected.getvalue()


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


# -- redact_dataframe ---------------------------------------------------------------------------
def test_dataframe_equals_redact_csv_cell_for_cell(spark, synthea):
    src, rows, expected = synthea
    want = _cells(expected)[1:]
    df = spark.sparkContext.parallelize(rows, 5).toDF(HEADER)  # order kept, 5 partitions
    assert df.rdd.getNumPartitions() >= 4
    out = redact_dataframe(df, PSEUDO, key=TEST_KEY)
    assert out.schema == df.schema
    got = [list(r) for r in out.collect()]
    assert got == want
    # the same subject in other partitions: the same pseudonyms and date shifts
    assert got[200:] == got[:60]
    assert got[0][HEADER.index("LAST")].startswith("[NAME-")
    assert got[0][HEADER.index("BIRTHDATE")] != rows[0][HEADER.index("BIRTHDATE")]
    # shuffled into 4 partitions, rows in another order: still the same rows
    shuffled = redact_dataframe(df.repartition(4), PSEUDO, key=TEST_KEY).collect()
    assert sorted(map(list, shuffled)) == sorted(want)


def test_dataframe_nulls_non_strings_and_columns(spark):
    df = spark.createDataFrame(
        [("Kowalczyk", None, 93, "call 617-555-0134"), (None, "1985-06-02", 40, None)],
        "Name string, DOB string, Age int, Notes string")
    with pytest.raises(SparkRedactError, match=r"Age \(int, role AGE\).*cast_to_string"):
        redact_dataframe(df)
    kept = redact_dataframe(df, columns={"Age": "keep"}).collect()
    assert [tuple(r) for r in kept] == [("[NAME]", None, 93, "call [PHONE]"),
                                        (None, "1985", 40, None)]
    cast = redact_dataframe(df, cast_to_string=True)
    assert cast.schema["Age"].dataType.simpleString() == "string"
    assert [r.Age for r in cast.collect()] == ["90+", "40"]
    with pytest.raises(SparkRedactError, match="subject column 'MRN' is not in the DataFrame"):
        redact_dataframe(df, columns={"Age": "keep"}, subject_column="MRN")
    with pytest.raises(ValueError, match="needs a key"):
        redact_dataframe(df, PSEUDO, columns={"Age": "keep"})


def _plan_text(df) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        df.explain(True)
    return out.getvalue() + df._jdf.queryExecution().toString()


def test_key_not_in_plan_or_conf(spark, synthea, tmp_path):
    _, rows, _ = synthea
    df = spark.sparkContext.parallelize(rows[:20], 4).toDF(HEADER)
    out = redact_dataframe(df, PSEUDO, key=TEST_KEY)
    text = _plan_text(out)
    assert "MapInArrow redact(" in text
    secret_forms = [TEST_KEY, TEST_KEY.encode().hex(), repr(TEST_KEY.encode())]
    for form in secret_forms:
        assert form not in text
        assert form not in repr(out) and form not in str(spark.sparkContext.getConf().getAll())
    from redact.spark import _BatchRedactor, _make_spec

    fn = _BatchRedactor(_make_spec(PSEUDO, _plan(), TEST_KEY.encode()), HEADER)
    assert TEST_KEY not in repr(fn) and TEST_KEY not in repr(fn.spec)
    key_file = tmp_path / "key"
    key_file.write_text(TEST_KEY, encoding="utf-8")
    from_file = redact_dataframe(df, PSEUDO, key_file=str(key_file))
    assert TEST_KEY not in _plan_text(from_file)
    assert from_file.collect() == out.collect()


def _plan():
    from redact.columns import plan_columns

    return plan_columns(HEADER, [])


def test_worker_builds_the_transformer_once(monkeypatch):
    """In one Python worker, every batch and task of a job reuses one transformer."""
    import pyarrow as pa

    from redact import spark as rs
    from redact import tabular

    built = []
    original = tabular.RowTransformer.__init__

    def counting(self, *args, **kw):
        built.append(1)
        original(self, *args, **kw)

    monkeypatch.setattr(tabular.RowTransformer, "__init__", counting)
    monkeypatch.setattr(rs, "_TRANSFORMERS", {})
    from redact.columns import plan_columns

    plan = plan_columns(["Name", "Notes"], [])
    fn = rs._BatchRedactor(rs._make_spec(Policy(reference_date=REFERENCE), plan, None),
                           ["Name", "Notes"])
    batch = pa.RecordBatch.from_pydict({"Name": ["Okafor", None], "Notes": ["x", "Dr. Lee"]})
    for _ in range(3):  # three tasks of the same job in this worker
        out = list(fn(iter([batch, batch])))
    assert len(built) == 1
    assert out[1].column(0).to_pylist() == ["[NAME]", None]


def test_executor_errors_name_the_row_and_column_not_the_value(monkeypatch):
    import pyarrow as pa

    from redact import spark as rs
    from redact.columns import plan_columns

    plan = plan_columns(["Name", "Notes"], [])
    spec = rs._make_spec(Policy(reference_date=REFERENCE), plan, None)
    rt = rs._cached(spec, "rows")

    def broken(v, s):
        raise ValueError(v)

    monkeypatch.setattr(rt, "fns", [(1, broken)])
    batch = pa.RecordBatch.from_pydict({"Name": ["a", "b"], "Notes": ["", "Kowalczyk"]})
    with pytest.raises(SparkRedactError) as info, spark_errors():
        list(rs._BatchRedactor(spec, ["Name", "Notes"])(iter([batch])))
    assert str(info.value) == ("partition 0, row 2 of the partition: column Notes: cannot "
                               "redact this cell (ValueError)")


# -- CSV files: redact_csv_file and `redact spark` -------------------------------------------
def test_csv_file_same_bytes_as_redact_csv(spark, synthea, tmp_path):
    src, _, expected = synthea
    head = expected.split(b"\r\n", 1)[0] + b"\r\n"
    out = tmp_path / "out"
    summary = redact_csv_file(spark, str(src), str(out), PSEUDO, key=TEST_KEY,
                              split_bytes=7000)  # ~20 ranges, many inside multi-line notes
    parts = sorted(out.glob("part-*.csv"))
    assert len(parts) >= 4 and summary.rows == 260
    data = [p.read_bytes() for p in parts]
    assert all(d.startswith(head) for d in data)  # every part is a CSV with the header
    assert head + b"".join(d[len(head):] for d in data) == expected
    assert not [p for p in tmp_path.iterdir() if "redact-tmp" in p.name]
    single = tmp_path / "single.csv"
    redact_csv_file(spark, str(src), str(single), PSEUDO, key=TEST_KEY, single_file=True,
                    split_bytes=5000)
    assert single.read_bytes() == expected
    with pytest.raises(CsvError, match="already exists"):
        redact_csv_file(spark, str(src), str(single), PSEUDO, key=TEST_KEY)


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbfName,Sex,Notes\nOkafor,M,\"two\nlines\"\n\nKowalczyk,F,plain\n",
    b"Name;Sex\rOkafor;M\rKowalczyk;F",
    b"Name,DOB\r\n",
])
def test_csv_dialects_same_bytes(spark, tmp_path, data):
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    expected = io.BytesIO()
    Redactor(Policy(reference_date=REFERENCE)).redact_csv(src, expected)
    out = tmp_path / "out.csv"
    redact_csv_file(spark, str(src), str(out), Policy(reference_date=REFERENCE),
                    single_file=True, split_bytes=8)
    assert out.read_bytes() == expected.getvalue()


def _bad_file(tmp_path, undecodable: bool = True) -> Path:
    """1,500 rows, 1.3 MB: row 1201 ragged, row 1402 undecodable; both past the sampled rows
    and the first MiB (which `redact csv` reads and checks before anything else)."""
    pad = "x" * 900
    lines = ["Name,Sex,Notes"] + [f"Okafor,M,\"two\nlines {i} {pad}\"" for i in range(1500)]
    lines[1200] = "Kowalczyk,M"
    src = tmp_path / "bad.csv"
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if undecodable:
        data = data.replace(b"lines 1400", b"l\xfcnes")
    src.write_bytes(data)
    return src


def test_malformed_row_fails_like_redact_csv(spark, tmp_path):
    src = _bad_file(tmp_path, undecodable=False)
    res = CliRunner().invoke(main, ["csv", str(src), "-o", str(tmp_path / "ref.csv")])
    assert res.exit_code == 2
    message = res.output.strip().removeprefix("redact: error: ")
    assert message == "bad.csv: row 1201 (line 2400): 2 cells where the header has 3 " \
        "(ragged row)".replace("bad.csv", str(src))
    with pytest.raises(CsvError) as info:
        redact_csv_file(spark, str(src), str(tmp_path / "out"), split_bytes=150_000)
    assert str(info.value) == message
    assert "Kowalczyk" not in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_quarantine(spark, tmp_path):
    src = _bad_file(tmp_path)
    q = tmp_path / "quarantine"
    out = tmp_path / "out.csv"
    summary = redact_csv_file(spark, str(src), str(out), quarantine=str(q), single_file=True,
                              split_bytes=150_000)
    assert summary.quarantined == 2 and summary.rows == 1500
    raw = src.read_bytes().split(b"\n")
    good = src.parent / "good.csv"  # the same file without the two bad records
    good.write_bytes(b"\n".join(raw[:2399] + raw[2400:2800] + raw[2802:]))
    expected = io.BytesIO()
    Redactor().redact_csv(good, expected)
    assert out.read_bytes() == expected.getvalue()
    errors = (q / "errors.csv").read_text(encoding="utf-8").splitlines()
    assert errors[0] == "row,line,problem"
    assert errors[1] == "1201,2400,\"2 cells where the header has 3 (ragged row)\""
    assert errors[2].startswith("1402,2802,\"byte 2 of the line: cannot decode byte 0xfc")
    bad = b"".join(p.read_bytes() for p in sorted(q.glob("part-*.csv")))
    assert b"Kowalczyk,M\n" in bad and b"l\xfcnes" in bad  # copied as they were, unredacted


def test_unterminated_quote_fails_even_with_quarantine(spark, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_bytes(b"Name,Notes\n" + b"Okafor,ok\n" * 1200 + b"Lee,\"open\nOkafor,ok\n")
    with pytest.raises(CsvError, match=r"row 1202: unterminated quoted field"):
        redact_csv_file(spark, str(src), str(tmp_path / "out"), split_bytes=2000,
                        quarantine=str(tmp_path / "q"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_parquet_in_parquet_out(spark, synthea, tmp_path):
    src, rows, expected = synthea
    pq = tmp_path / "in.parquet"
    spark.sparkContext.parallelize(rows, 4).toDF(HEADER).write.parquet(str(pq))
    key = tmp_path / "key"
    key.write_text(TEST_KEY, encoding="utf-8")
    out = tmp_path / "out.parquet"
    run_cli(str(pq), str(out), policy=PSEUDO, key_file=str(key), fmt=None,
            subject_column=None, quarantine=None, master=None, single_file=False,
            delimiter=None, encoding="utf-8", cast_strings=False, split_bytes=None)
    got = sorted(list(r) for r in spark.read.parquet(str(out)).collect())
    assert got == sorted(_cells(expected)[1:])


def test_cli_subprocess_same_bytes(synthea, tmp_path):
    """`redact spark` in a new process with its own local[2] session: `redact csv`'s bytes."""
    src, _, expected = synthea
    pol = tmp_path / "pseudo.toml"
    pol.write_text(PSEUDO_TOML, encoding="utf-8")
    key = tmp_path / "key"
    key.write_text(TEST_KEY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "REDACT_KEY"}
    out = tmp_path / "clean.csv"
    proc = subprocess.run([sys.executable, "-m", "redact", "spark", str(src), str(out),
                           "--single-file", "--master", "local[2]", "--policy", str(pol),
                           "--key-file", str(key), "--split-size", "6000"],
                          capture_output=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert out.read_bytes() == expected
    assert TEST_KEY.encode() not in proc.stdout + proc.stderr
    ref = subprocess.run([sys.executable, "-m", "redact", "csv", str(src), "--policy", str(pol),
                          "--key-file", str(key)], capture_output=True, env=env, timeout=120)
    assert ref.stdout == expected


def test_cli_errors_before_spark_starts(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("MRN,Last Name\n1,Okafor\n", encoding="utf-8")
    pol = tmp_path / "p.toml"
    pol.write_text('[operators]\nNAME = "blur"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["spark", str(src), str(tmp_path / "o"), "-p", str(pol)])
    assert res.exit_code == 2 and "is not an operator" in res.output
    res = CliRunner().invoke(main, ["spark", str(src), str(tmp_path / "o"), "--delimiter",
                                    ";;"])
    assert res.exit_code == 2 and "--delimiter must be one character" in res.output


def test_network_guard_still_blocks_other_addresses():
    import socket

    from tests.conftest import NetworkDisabled

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, \
            pytest.raises(NetworkDisabled):
        s.connect(("192.0.2.1", 9))  # TEST-NET-1: refused by the guard before any packet
