"""Text files, one after the other or in worker processes: ``redact text --jobs N``.

A note is redacted in a few milliseconds, so for many files the cost is the analysis, which
spreads over processes (one :class:`~redact.redactor.Redactor` each, built once). Results come
back in input order; reading and decoding happen in the worker, so a bad file's
:class:`~redact.textio.InputError` (which names the file and line, never the data) reaches the
caller as it would without workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from redact.textio import read_input


@dataclass(frozen=True)
class FileResult:
    """One redacted file: the new text and counts; ``bom`` says the input had a UTF-8 BOM."""

    path: str
    text: str
    bom: bool
    chars: int
    findings: int
    by_entity: dict[str, int]
    by_letter: dict[str, int]


def redact_file(redactor: Any, path: str, encoding: str = "utf-8",
                subject: str = "") -> FileResult:
    """Read, decode and redact one file (``-``: standard input)."""
    text, bom = read_input(path, encoding)
    return _file_result(path, text, bom, redactor.redact(text, subject=subject))


def _file_result(path: str, text: str, bom: bool, result: Any) -> FileResult:
    return FileResult(path, result.text, bom, len(text), len(result.findings),
                      dict(sorted(result.counts().items())),
                      dict(sorted(result.letters().items())))


def redact_files(redactor: Any, paths: Sequence[str], *, jobs: int = 1,
                 encoding: str = "utf-8", subject: str = "") -> Iterator[FileResult]:
    """:func:`redact_file` over ``paths``, in order; with ``jobs`` > 1 (0: one per CPU) the
    files other than standard input go to that many worker processes."""
    jobs = jobs or (os.cpu_count() or 1)
    files = [p for p in paths if p != "-"]
    if jobs <= 1 or len(files) <= 1:
        yield from _redact_here(redactor, paths, encoding, subject)
        return
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=_init_worker,
                               initargs=(redactor._spec,))
    try:
        done = pool.map(_in_worker, [(p, encoding, subject) for p in files], chunksize=1)
        for path in paths:  # standard input belongs to this process
            yield redact_file(redactor, path, encoding, subject) if path == "-" else next(done)
    finally:  # after an error (or an early stop) the files not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)


def _redact_here(redactor: Any, paths: Sequence[str], encoding: str,
                 subject: str) -> Iterator[FileResult]:
    """In this process: files read one by one and scanned in ``redact_many``'s batches (the
    same findings as one file at a time, faster for many short files: ``bench/README.md``,
    session 7). A file that cannot be read raises only after every file before it has been
    yielded (``redact_many`` flushes its batch when its stream fails)."""
    read: deque[tuple[str, str, bool]] = deque()  # files read whose results are still due

    def texts() -> Iterator[str]:
        for path in paths:
            text, bom = read_input(path, encoding)
            read.append((path, text, bom))
            yield text

    for result in redactor.redact_many(texts(), subject=subject):
        path, text, bom = read.popleft()
        yield _file_result(path, text, bom, result)


_WORKER: Any = None


def _init_worker(spec: tuple[Any, bytes | None, str | None, str]) -> None:
    from redact.redactor import Redactor

    global _WORKER
    policy, key, nlp_model, engine = spec
    _WORKER = Redactor(policy, key=key, nlp_model=nlp_model, engine=engine)


def _in_worker(job: tuple[str, str, str]) -> FileResult:
    return redact_file(_WORKER, *job)
