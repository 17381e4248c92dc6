"""Throughput of ``redact scan`` on a tree of mixed synthetic files.

    python bench/scan_speed.py               # ~100 MB, --jobs 2
    python bench/scan_speed.py --mb 5 --jobs 1 --keep /tmp/scan-tree

Writes about ``--mb`` megabytes of files into a temporary folder: clinical notes from
``bench/generate.py`` (``corpus_text``) as plain text, Markdown, application logs, JSON lines
and CSV, in files of 50 to 400 kB spread over a few sub-folders (and one binary file, which
must be skipped). Then runs ``redact scan --jobs N`` on the folder as a new process, the way
CI or a hook would, and prints megabytes per second, files, findings and the exit code.

The notes are dense with PHI (every note has a dozen identifiers or more), so this is close
to the worst case: a repository of code and prose with a few identifiers scans faster.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import corpus_text  # noqa: E402

SEED = 7
UNIQUE_MB = 8
"""Distinct text generated (generation is slow); larger trees re-use it in other wrappers."""


def wrap(kind: str, notes: list[str], serial: int) -> str:
    """The same notes as one of five file kinds."""
    if kind == "txt":
        return "\n\n".join(notes) + "\n"
    if kind == "md":
        return "".join(f"## Note {serial}-{i}\n\n{n}\n\n" for i, n in enumerate(notes))
    if kind == "log":
        out = []
        for i, n in enumerate(notes):
            for j, line in enumerate(n.splitlines()):
                if line.strip():
                    out.append(f"level=INFO svc=intake req={serial:05d}{i:03d}{j:03d} "
                               f"msg={json.dumps(line)}")
        return "\n".join(out) + "\n"
    if kind == "jsonl":
        return "".join(json.dumps({"id": f"{serial}-{i}", "kind": "note", "text": n}) + "\n"
                       for i, n in enumerate(notes))
    if kind == "csv":
        rows = ["id,kind,text"]
        for i, n in enumerate(notes):
            cell = n.replace('"', '""').replace("\n", " | ")
            rows.append(f'{serial}-{i},note,"{cell}"')
        return "\n".join(rows) + "\n"
    raise ValueError(kind)


def build_tree(root: Path, mb: float) -> tuple[int, int]:
    """Write ~``mb`` MB of mixed files under ``root``; return (files, bytes)."""
    unique = corpus_text(SEED, int(min(mb, UNIQUE_MB) * 1_000_000))
    notes = unique.split("\n\n")
    rng = random.Random(SEED)
    kinds = ("txt", "md", "log", "jsonl", "csv")
    target = int(mb * 1_000_000)
    total = files = 0
    cursor = 0
    while total < target:
        size = rng.randint(50_000, 400_000)
        picked: list[str] = []
        chars = 0
        while chars < size:
            note = notes[cursor % len(notes)]
            cursor += 1
            picked.append(note)
            chars += len(note)
        kind = kinds[files % len(kinds)]
        folder = root / f"part{files % 7}" / kind
        folder.mkdir(parents=True, exist_ok=True)
        data = wrap(kind, picked, files).encode("utf-8")
        (folder / f"file{files:05d}.{kind}").write_bytes(data)
        total += len(data)
        files += 1
    blob = root / "part0" / "scan.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    return files, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100.0, help="size of the tree (default 100)")
    ap.add_argument("--jobs", type=int, default=2, help="redact scan --jobs (default 2)")
    ap.add_argument("--keep", type=Path, help="build the tree here and keep it")
    args = ap.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="redact-scan-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        files, size = build_tree(root, args.mb)
        print(f"tree: {files} text files + 1 binary, {size / 1e6:.1f} MB "
              f"(built in {time.perf_counter() - t0:.0f} s) in {root}")
        out = root.parent / f"{root.name}.findings.txt"
        cmd = [sys.executable, "-m", "redact", "scan", "--jobs", str(args.jobs), str(root)]
        t0 = time.perf_counter()
        with out.open("wb") as fh:
            proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=False)
        wall = time.perf_counter() - t0
        findings = sum(1 for _ in out.open("rb"))
        out.unlink()
        summary = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        print(f"redact scan --jobs {args.jobs}: {wall:.1f} s, {size / 1e6 / wall:.2f} MB/s, "
              f"{findings} findings, exit code {proc.returncode}")
        print(f"  {summary[-2] if len(summary) >= 2 else ''}")
        print(f"  machine: {platform.processor() or platform.machine()}, "
              f"{os.cpu_count()} CPUs, Python {platform.python_version()}")
        return 0 if proc.returncode == 1 else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
