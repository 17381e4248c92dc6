"""Running a CSV file through a Redactor: sources, atomic outputs, worker processes, progress.

The parent process reads record-aligned chunks of bytes (:mod:`redact.csvio`) and writes the
results in input order; workers (``--jobs N``) decode, redact and encode. At most ``2 N + 1``
chunks are in flight, so memory stays bounded whatever the file size. The output goes to a
temporary file renamed into place at the end (standard output is spooled to a temporary file
and copied out at the end), so a failed or interrupted run writes nothing.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

from redact.columns import SAMPLE_ROWS, Plan, describe, plan_columns
from redact.csvio import (
    UTF8_BOM,
    CsvError,
    Dialect,
    RowError,
    Table,
    atomic_file,
    located,
    open_table,
)
from redact.letters import ENTITY_LETTER, LETTERS
from redact.tabular import ChunkResult, ChunkTransformer

Source = str | os.PathLike[str] | BinaryIO
Destination = str | os.PathLike[str] | BinaryIO | None


@dataclass
class CsvSummary:
    """What a run did, for the audit report: counts only, never values."""

    path: str
    plan: Plan
    dialect: Dialect
    rows: int = 0
    bytes: int = 0
    changed: Counter[str] = field(default_factory=Counter)  # column -> cells changed
    entities: Counter[str] = field(default_factory=Counter)  # entity -> findings

    @property
    def findings(self) -> int:
        return sum(self.entities.values())

    def report(self) -> dict[str, Any]:
        """One input's entry in the JSON audit (the shape of ``redact text --report``)."""
        letters = Counter({letter: 0 for letter in LETTERS})
        for entity, n in self.entities.items():
            letters[ENTITY_LETTER[entity]] += n
        return {
            "path": self.path,
            "rows": self.rows,
            "bytes": self.bytes,
            "findings": self.findings,
            "by_entity": dict(sorted(self.entities.items())),
            "by_letter": {k: v for k, v in sorted(letters.items()) if v},
            "columns": [{"column": c.name, "role": c.role, "from": c.source, "sure": c.sure,
                         "cells_changed": self.changed.get(c.name, 0)}
                        for c in self.plan.columns],
        }


@contextmanager
def _source(src: Source) -> Iterator[tuple[BinaryIO, str, int | None]]:
    """(binary stream, name for messages, size if known)."""
    if isinstance(src, (str, os.PathLike)):
        if str(src) == "-":
            yield sys.stdin.buffer, "<stdin>", None
            return
        path = Path(src)
        try:
            fh = path.open("rb")
        except IsADirectoryError:
            raise CsvError(f"{path}: is a directory") from None
        except OSError as exc:
            raise CsvError(f"{path}: cannot read: {exc.strerror}") from None
        with fh:
            if path.is_dir():
                raise CsvError(f"{path}: is a directory")
            yield fh, str(src), os.fstat(fh.fileno()).st_size
        return
    yield src, str(getattr(src, "name", "<stream>")), None


@contextmanager
def _destination(dst: Destination) -> Iterator[BinaryIO]:
    """A binary file to write to; renamed or copied into place only on success."""
    if dst is None or (isinstance(dst, (str, os.PathLike)) and str(dst) == "-"):
        with tempfile.TemporaryFile() as spool:
            yield spool  # type: ignore[misc]
            spool.seek(0)
            out = sys.stdout.buffer
            shutil.copyfileobj(spool, out)
            out.flush()
        return
    if isinstance(dst, (str, os.PathLike)):
        with atomic_file(Path(dst)) as fh:
            yield fh
        return
    yield dst


def _open(stream: BinaryIO, name: str, redactor: Any, delimiter: str | None, encoding: str,
          subject_column: str | None) -> tuple[Table, Plan]:
    table = open_table(stream, name, encoding, delimiter, SAMPLE_ROWS)
    wanted = subject_column or redactor.policy.subject_column
    try:
        plan = plan_columns(table.header, table.sample, redactor.policy.columns, wanted)
    except KeyError:
        raise CsvError(f"{name}: subject column {wanted!r} is not in the header") from None
    return table, plan


def plan_csv(redactor: Any, src: Source, *, delimiter: str | None = None,
             encoding: str = "utf-8", subject_column: str | None = None) -> str:
    """The plan for a CSV as text (columns, roles, actions, reasons); nothing is written."""
    with _source(src) as (stream, name, _):
        table, plan = _open(stream, name, redactor, delimiter, encoding, subject_column)
    d = table.dialect
    title = (f"{name}: {len(plan.columns)} columns, delimiter {_show(d.delimiter)}, "
             f"{d.encoding}{' with BOM' if d.bom else ''}")
    return describe(plan, redactor.policy.operator_for, title)


def _show(delimiter: str) -> str:
    return {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}.get(delimiter, repr(delimiter))


def redact_csv(redactor: Any, src: Source, dst: Destination, *, jobs: int = 1,
               delimiter: str | None = None, encoding: str = "utf-8",
               subject_column: str | None = None, progress: bool = False) -> CsvSummary:
    """Redact a CSV from ``src`` (path, ``-`` or binary stream) to ``dst`` (path, ``-``/None
    for standard output, or binary stream). Raises :class:`CsvError` (nothing written)."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    with _source(src) as (stream, name, size):
        table, plan = _open(stream, name, redactor, delimiter, encoding, subject_column)
        summary = CsvSummary(name, plan, table.dialect)
        with _destination(dst) as out:
            if table.dialect.bom:
                out.write(UTF8_BOM)
            out.write(table.header_raw)
            _run(redactor, table, plan, jobs, out, summary, _progress(progress, size, name))
        summary.bytes = table.reader.bytes_read
    return summary


def _progress(enabled: bool, size: int | None, name: str) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=size, unit="B", unit_scale=True, desc=name, file=sys.stderr,
                leave=False, delay=0.5)


def _run(redactor: Any, table: Table, plan: Plan, jobs: int, out: IO[bytes],
         summary: CsvSummary, bar: Any) -> None:
    nl = table.dialect.newline.encode("ascii")
    state = {"row": 2, "line": table.header_raw.count(nl) + 1, "read": table.reader.bytes_read}
    names = plan.header
    roles = [c.role for c in plan.columns]

    def consume(get: Callable[[], ChunkResult], lines: int) -> None:
        try:
            result = get()
        except RowError as exc:
            raise CsvError(located(table.name, state["row"] + exc.row,
                                   state["line"] + exc.line, exc.message)) from None
        out.write(result.data)
        state["row"] += result.records
        state["line"] += lines
        summary.rows += result.records
        summary.entities.update(result.entities)
        for i, n in enumerate(result.changed):
            if n:
                summary.changed[names[i]] += n
                if roles[i] in ENTITY_LETTER:  # a structured cell is one finding of its entity
                    summary.entities[roles[i]] += n
        if bar is not None:
            read = table.reader.bytes_read
            bar.update(read - state["read"])
            state["read"] = read

    try:
        if jobs == 1:
            worker = ChunkTransformer(redactor, plan, table.dialect)
            for chunk in table.chunks():
                consume(lambda c=chunk: worker.process(c), chunk.count(nl))
            return
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(jobs, initializer=_init_worker,
                      initargs=(redactor, plan, table.dialect)) as pool:
            window: deque[tuple[Any, int]] = deque()
            for chunk in table.chunks():
                window.append((pool.apply_async(_work, (chunk,)), chunk.count(nl)))
                if len(window) > 2 * jobs:
                    job, lines = window.popleft()
                    consume(job.get, lines)
            while window:
                job, lines = window.popleft()
                consume(job.get, lines)
    finally:
        if bar is not None:
            bar.close()


@contextmanager
def exit_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into SystemExit, so that a terminated run cleans up like an interrupted
    one (temporary output removed, workers stopped). Main thread only; restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_WORKER: ChunkTransformer | None = None


def _init_worker(redactor: Any, plan: Plan, dialect: Dialect) -> None:
    """Build the worker's transformer once; Ctrl-C is handled by the parent."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = ChunkTransformer(redactor, plan, dialect)


def _work(chunk: bytes) -> ChunkResult:
    assert _WORKER is not None
    return _WORKER.process(chunk)
