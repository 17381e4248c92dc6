"""redact on Spark (local mode) against `redact csv --jobs 2`, on the same generated table.

Generates the Synthea-shaped tables of ``bench/csv_speed.py`` (seeded, synthetic; by default
1,000,000 rows structured and 1,000,000 rows with a free-text NOTES column), then for each:

* ``redact csv IN -o OUT --jobs 2`` in a child process (the single-machine baseline);
* ``redact spark IN OUT --single-file --master local[N]`` in a child process, for each N in
  ``--masters`` (JVM start-up included, like Python's start-up above), and checks that its
  output is byte-identical to the baseline's;
* ``redact_dataframe`` in this process on the same rows read from Parquet (written once,
  untimed), written to Spark's ``noop`` sink: the DataFrame path without CSV parsing, timed
  from the action to its end (session start-up excluded).

Prints rows/s for each, and the speed-up from 1 to 2 executor cores.

    python bench/spark_speed.py                             # 1,000,000 rows each
    python bench/spark_speed.py --rows 200000 --text-rows 100000 --json spark.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from csv_speed import ensure_table, run_redact  # noqa: E402


def _sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_spark_cli(src: Path, dst: Path, master: str, rows: int) -> dict[str, Any]:
    """``redact spark`` in a child process: wall time and rows/s, start-up included."""
    env = {k: v for k, v in os.environ.items() if k != "REDACT_KEY"}
    if dst.exists():
        dst.unlink()
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "redact", "spark", str(src), str(dst),
                           "--single-file", "--master", master], env=env, cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"redact spark failed:\n{proc.stderr[-2000:]}")
    return {"master": master, "rows": rows, "seconds": round(wall, 1),
            "rows_per_s": round(rows / wall)}


def run_dataframe(parquet: Path, master: str, rows: int) -> dict[str, Any]:
    """``redact_dataframe`` on Parquet rows into the noop sink, in a fresh local session."""
    from pyspark.sql import SparkSession

    from redact.spark import redact_dataframe

    spark = (SparkSession.builder.master(master).appName("redact-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = spark.read.parquet(str(parquet))
        t = time.perf_counter()
        redact_dataframe(df).write.format("noop").mode("overwrite").save()
        wall = time.perf_counter() - t
        partitions = df.rdd.getNumPartitions()
    finally:
        spark.stop()
    return {"master": master, "rows": rows, "seconds": round(wall, 1),
            "rows_per_s": round(rows / wall), "partitions": partitions}


def to_parquet(src: Path, dst: Path) -> None:
    """The CSV's rows as a Parquet dataset of string columns (untimed set-up)."""
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        (spark.read.options(header=True, multiLine=True, escape='"', inferSchema=False,
                            ignoreLeadingWhiteSpace=False, ignoreTrailingWhiteSpace=False)
         .csv(str(src)).repartition(8).write.mode("overwrite").parquet(str(dst)))
    finally:
        spark.stop()


def _speedup(runs: list[dict[str, Any]]) -> str:
    by = {r["master"]: r["rows_per_s"] for r in runs}
    if "local[1]" in by and "local[2]" in by:
        return f"{by['local[2]'] / by['local[1]']:.2f}x from 1 to 2 cores"
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="structured table rows (0: skip)")
    ap.add_argument("--text-rows", type=int, default=1_000_000,
                    help="rows of the table with a free-text column (0: skip)")
    ap.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    ap.add_argument("--no-dataframe", action="store_true", help="skip redact_dataframe runs")
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep the files")
    args = ap.parse_args(argv)
    results: dict[str, Any] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    try:
        import pyspark

        results["pyspark"] = pyspark.__version__
    except ImportError:
        raise SystemExit("pip install -e '.[spark]' first") from None
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for label, rows, notes in [("structured", args.rows, False),
                                   ("with_text", args.text_rows, True)]:
            if rows <= 0:
                continue
            src = ensure_table(folder, label, rows, notes, args.seed)
            entry: dict[str, Any] = {}
            base = run_redact(src, folder / "csv_out.csv", 2, rows)
            entry["redact_csv_jobs_2"] = base
            print(f"{label:<10} redact csv --jobs 2:        {base['rows_per_s']:>8,} rows/s "
                  f"({base['seconds']} s)", flush=True)
            want = _sha(folder / "csv_out.csv")
            cli = []
            for master in args.masters:
                res = run_spark_cli(src, folder / "spark_out.csv", master, rows)
                res["same_bytes_as_redact_csv"] = _sha(folder / "spark_out.csv") == want
                cli.append(res)
                print(f"{label:<10} redact spark {master:<9}:     {res['rows_per_s']:>8,} rows/s "
                      f"({res['seconds']} s), same bytes: {res['same_bytes_as_redact_csv']}",
                      flush=True)
            entry["redact_spark_cli"] = cli
            print(f"{label:<10} redact spark: {_speedup(cli)}", flush=True)
            if not args.no_dataframe:
                parquet = folder / f"patients_{label}_{rows}.parquet"
                if not parquet.exists():
                    to_parquet(src, parquet)
                frames = []
                for master in args.masters:
                    res = run_dataframe(parquet, master, rows)
                    frames.append(res)
                    print(f"{label:<10} redact_dataframe {master:<9}: {res['rows_per_s']:>8,} "
                          f"rows/s ({res['seconds']} s, {res['partitions']} partitions)",
                          flush=True)
                entry["redact_dataframe"] = frames
                print(f"{label:<10} redact_dataframe: {_speedup(frames)}", flush=True)
            results[label] = entry
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
