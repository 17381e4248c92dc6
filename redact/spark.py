"""Redacting on Apache Spark: the CSV path's transformer on a cluster, with the same output.

Why this is safe to scale out: every cell function of :mod:`redact.tabular` depends only on the
policy, the key, the column plan and the row's subject value, never on other rows. So the
plan is decided once, on the driver, from the first rows (exactly as ``redact csv`` does), and
shipped with the policy and the key to the executors; each Python worker builds the
:class:`~redact.tabular.RowTransformer` (or :class:`~redact.tabular.ChunkTransformer`) once,
caches it for the life of the process, and applies it to Arrow batches. Keyed pseudonyms and
date shifts are HMACs of (key, subject, value): the same on every partition and machine with
no shared state.

Two ways in:

* :func:`redact_dataframe` (DataFrame in, DataFrame out, same schema) for pipelines: string
  columns are redacted by role through ``mapInArrow``;
* :func:`redact_csv_file` (what ``redact spark IN OUT`` runs for CSV): the file is cut into
  byte ranges that executors read themselves; each range is moved to the nearest record
  boundary (a newline after an even number of quotes since the header, counted in a first
  pass) and run through the very :class:`~redact.tabular.ChunkTransformer` of ``redact csv``.
  Output bytes are therefore those of ``redact csv``: quoting, line endings, BOM and untouched
  cells included.

The key never enters a plan string, a Spark configuration value or a column: it travels
inside the pickled function that Spark ships to executors (like any closure), and every
object holding it has a ``repr`` without it. Errors raised in executors name the place
(partition and row, or the file's row and line) and never a cell value.

pyspark and pyarrow are imported only when a function here runs (``pip install
'redact[spark]'``), so ``import redact.spark`` is cheap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import os
import pickle
import re
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redact.columns import SAMPLE_ROWS, Plan, plan_columns
from redact.csvio import (
    MAX_RECORD_BYTES,
    UTF8_BOM,
    ChunkReader,
    CsvError,
    Dialect,
    RowError,
    located,
    open_table,
)
from redact.keys import load_key
from redact.policy import Policy

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

SPLIT_BYTES = 64 << 20
"""Largest byte range one CSV task reads (a record crossing its end is finished by it)."""
MIN_SPLIT_BYTES = 64 << 10
"""Smallest range worth a task when splitting a small file for parallelism."""
CACHE_SIZE = 4
"""Transformers kept per Python worker (one per distinct policy, key and plan)."""
_MARK = "redact-spark-error: "
"""Prefix of messages raised in executors, found again in Spark's exception text."""
_SPARK_STRING_TYPES = ("string", "varchar", "char")


class SparkRedactError(Exception):
    """Redaction on Spark failed; the message names the place, never a value."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class _ExecutorError(Exception):
    """Raised inside a Python worker; the driver finds ``_MARK`` + message in Spark's error."""

    def __init__(self, message: str) -> None:
        super().__init__(_MARK + message.replace("\n", " ") + " :" + _MARK.strip())


# -- what is shipped to executors -----------------------------------------------------------
@dataclass(frozen=True)
class _Spec:
    """Policy, key and plan for the executors. Built on the driver; ``repr`` hides the key.

    ``token`` identifies the combination, so that a worker process builds its transformer
    once and reuses it for every batch and task of the same job (and of a repeated job).
    """

    policy: Policy
    plan: Plan
    key: bytes | None = field(repr=False)
    dialect: Dialect | None = None
    token: str = ""

    def __repr__(self) -> str:  # never show the key
        return f"_Spec(policy={self.policy.source!r}, columns={len(self.plan.columns)}, " \
            f"keyed={self.key is not None})"


def _make_spec(policy: Policy, plan: Plan, key: bytes | None,
               dialect: Dialect | None = None) -> _Spec:
    """A spec whose token hashes everything that decides the output (the key via an HMAC)."""
    digest = hashlib.sha256(pickle.dumps((policy, plan, dialect)))
    if key is not None:
        digest.update(hmac.new(key, b"redact.spark worker cache", "sha256").digest())
    return _Spec(policy, plan, key, dialect, digest.hexdigest())


_TRANSFORMERS: dict[tuple[str, str], Any] = {}


def _cached(spec: _Spec, kind: str) -> Any:
    """The transformer of ``spec`` in this worker process, built on first use only."""
    found = _TRANSFORMERS.get((spec.token, kind))
    if found is None:
        from redact.redactor import Redactor
        from redact.tabular import ChunkTransformer, RowTransformer

        if len(_TRANSFORMERS) >= CACHE_SIZE:
            _TRANSFORMERS.clear()
        redactor = Redactor(spec.policy, key=spec.key)
        if kind == "rows":
            found = RowTransformer(redactor, spec.plan)
        else:
            assert spec.dialect is not None
            found = ChunkTransformer(redactor, spec.plan, spec.dialect)
        _TRANSFORMERS[(spec.token, kind)] = found
    return found


def _fixed_policy(policy: Policy | None, columns: Mapping[str, str] | None) -> Policy:
    """The policy to ship: ``columns`` merged into ``[columns]``, and "today" resolved once on
    the driver (executors on either side of midnight must not compute different ages)."""
    policy = policy or Policy()
    if columns:
        policy = dataclasses.replace(policy, columns={**policy.columns, **dict(columns)})
    if policy.reference_date is None:
        policy = dataclasses.replace(policy, reference_date=dt.date.today())
    return policy


def _check_key(policy: Policy, key: bytes | None) -> None:
    """Fail on the driver, before any job, if a keyed operator has no key."""
    from redact.operators import Operators

    Operators(policy, key)


# -- DataFrames -------------------------------------------------------------------------------
def redact_dataframe(df: DataFrame, policy: Policy | None = None, *,
                     key: bytes | str | None = None, key_file: str | None = None,
                     columns: Mapping[str, str] | None = None,
                     subject_column: str | None = None,
                     cast_to_string: bool = False) -> DataFrame:
    """Redact a DataFrame column by role, like ``redact csv``; same schema, lazily.

    :param policy: the policy (default: Safe Harbor); its ``[columns]`` set column roles
    :param key: secret for hash/surrogate/shift (default: ``$REDACT_KEY`` on the driver)
    :param key_file: read the key from this file on the driver instead
    :param columns: column name -> entity type, ``text`` or ``keep``, over ``[columns]``
    :param subject_column: the column identifying the subject (one date shift per subject);
        default ``policy.subject_column``, else the first MRN or patient-ID column
    :param cast_to_string: cast non-string columns that need redaction to string (their type
        changes to string); by default such a column is refused with an error

    Roles are planned on the driver from the first :data:`~redact.columns.SAMPLE_ROWS` rows
    (``df.limit``), as in the CSV path. Nulls stay null; empty and ``NULL``/``N/A`` cells stay.
    A column that is not a string is passed through only if its role is ``keep``. The result
    is lazy: errors (a cell that cannot be redacted) surface at the action, as
    :class:`SparkRedactError` when caught by :func:`spark_errors`.
    """
    from pyspark.sql import functions as F

    policy = _fixed_policy(policy, columns)
    raw_key = load_key(key, key_file)
    _check_key(policy, raw_key)
    header = list(df.columns)
    _check_names(header)
    types = {f.name: f.dataType.simpleString() for f in df.schema.fields}
    sample = [[_as_text(v) for v in row] for row in df.limit(SAMPLE_ROWS).collect()]
    wanted = subject_column or policy.subject_column
    try:
        plan = plan_columns(header, sample, policy.columns, wanted)
    except KeyError:
        raise SparkRedactError(f"subject column {wanted!r} is not in the DataFrame") from None
    bad = [c for c in plan.columns if not _is_string(types[c.name]) and c.role != "keep"]
    if bad and cast_to_string:
        df = df.select(*[F.col(_quoted(h)).cast("string").alias(h)
                         if any(c.name == h for c in bad) else F.col(_quoted(h))
                         for h in header])
        types.update({c.name: "string" for c in bad})
    elif bad:
        listed = ", ".join(f"{c.name} ({types[c.name]}, role {c.role})" for c in bad[:5])
        raise SparkRedactError(
            f"{len(bad)} non-string column(s) would need redaction: {listed}"
            f"{'...' if len(bad) > 5 else ''}; cast them to string (cast_to_string=True, or "
            "--cast-strings) or set their role to keep under [columns]")
    # a non-string keep column is passed through as it is: no guard scan (it holds no text)
    shipped = dataclasses.replace(plan, columns=tuple(
        c if _is_string(types[c.name]) else dataclasses.replace(c, role="keep", guard="")
        for c in plan.columns))
    fn = _BatchRedactor(_make_spec(policy, shipped, raw_key), header)
    return df.mapInArrow(fn, df.schema)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _is_string(type_name: str) -> bool:
    return type_name.split("(")[0] in _SPARK_STRING_TYPES


def _check_names(header: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name.strip() in seen:
            raise SparkRedactError(f"duplicate column name '{name.strip()}' (columns "
                                   f"{seen[name.strip()] + 1} and {i + 1})")
        seen[name.strip()] = i


def _as_text(value: Any) -> str:
    """A sampled value as the CSV path would see it (for choosing roles only)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


class _BatchRedactor:
    """The ``mapInArrow`` function: Arrow batches in, the same batches redacted out.

    A class rather than a closure so that the query plan shows ``redact`` and nothing of its
    state; the transformer is taken from the worker's cache, never rebuilt per batch or row.
    """

    __name__ = "redact"

    def __init__(self, spec: _Spec, header: list[str]) -> None:
        self.spec = spec
        self.header = header

    def __repr__(self) -> str:
        return f"redact({self.spec!r})"

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        rt = _cached(self.spec, "rows")
        partition = _partition()
        done = 0
        for batch in batches:
            try:
                updates = rt.apply_columns(_ColumnView(batch))
            except RowError as exc:
                raise _ExecutorError(
                    f"partition {partition}, row {done + exc.row + 1} of the partition: "
                    f"{exc.message}") from None
            if updates:
                arrays = list(batch.columns)
                for i, values in updates:
                    arrays[i] = pa.array(values, type=arrays[i].type)
                batch = pa.RecordBatch.from_arrays(arrays, schema=batch.schema)
            done += batch.num_rows
            yield batch


class _ColumnView:
    """Columns of an Arrow batch as Python lists, converted only when asked for."""

    def __init__(self, batch: Any) -> None:
        self.batch = batch
        self.cache: dict[int, list[Any]] = {}

    def __getitem__(self, i: int) -> list[Any]:
        found = self.cache.get(i)
        if found is None:
            column = self.batch.column(i)
            found = self.cache[i] = [None if v is None else _as_text(v)
                                     for v in column.to_pylist()] \
                if not _is_arrow_string(column.type) else column.to_pylist()
        return found


def _is_arrow_string(arrow_type: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type))


def _partition() -> int:
    try:
        from pyspark import TaskContext

        ctx = TaskContext.get()
        return ctx.partitionId() if ctx is not None else 0
    except Exception:  # pragma: no cover - not on Spark
        return 0


# -- CSV files, byte for byte -----------------------------------------------------------------
@dataclass
class CsvRunSummary:
    """What :func:`redact_csv_file` did (counts only, never values)."""

    rows: int = 0
    parts: list[str] = field(default_factory=list)
    quarantined: int = 0
    changed: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _CsvJob:
    """The byte ranges of one input file and where their outputs go."""

    spec: _Spec
    uri: str
    name: str
    size: int
    header: bytes  # BOM (if any) + the header record: each output part starts with it
    starts: tuple[int, ...]  # split i covers [starts[i], starts[i+1]) before alignment
    parity: tuple[int, ...] = ()  # quotes before starts[i], mod 2 (pass 1)
    lines: tuple[int, ...] = ()  # 1-based line number at starts[i] (pass 1)
    out_dir: str = ""
    quarantine_dir: str = ""

    def __repr__(self) -> str:
        return f"_CsvJob({self.name!r}, splits={len(self.starts)})"

    @property
    def newline(self) -> bytes:
        assert self.spec.dialect is not None
        return self.spec.dialect.newline.encode("ascii")


def _filesystem(uri: str) -> tuple[Any, str]:
    """(pyarrow filesystem, path) for a local path or a URI (s3://, gs://, hdfs://, file://).

    Executors open the files themselves, so a cluster needs a path they can all reach: an
    object store, HDFS, or a shared mount (Databricks ``/dbfs/...``)."""
    from pyarrow import fs

    if "://" in uri:
        return fs.FileSystem.from_uri(uri)
    return fs.LocalFileSystem(), os.path.abspath(uri)


def _absolute(target: str) -> str:
    """A local path made absolute on the driver: executors may run in another folder."""
    return target if "://" in target else os.path.abspath(target)


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def redact_csv_file(spark: SparkSession, src: str, dst: str, policy: Policy | None = None, *,
                    key: bytes | str | None = None, key_file: str | None = None,
                    subject_column: str | None = None, delimiter: str | None = None,
                    encoding: str = "utf-8", quarantine: str | None = None,
                    single_file: bool = False, split_bytes: int | None = None,
                    ) -> CsvRunSummary:
    """Redact one CSV file on Spark; the output is ``redact csv``'s, byte for byte.

    ``dst`` becomes a folder of ``part-NNNNN.csv`` files, each a complete CSV (the input's
    BOM and header line, then its rows in input order), or with ``single_file`` one file
    equal to ``redact csv``'s output. Nothing is written unless the whole run succeeds.

    A malformed record (ragged, bad quoting, undecodable bytes) fails the run with
    :class:`CsvError` naming the row and line, as ``redact csv`` does; with ``quarantine``,
    such records are copied *unredacted* to that folder instead (``part-NNNNN.csv`` and an
    ``errors.csv`` of row, line and problem) and the run goes on. An unterminated quote
    always fails: past it, records cannot be told apart.
    """
    policy = _fixed_policy(policy, None)
    raw_key = load_key(key, key_file)
    _check_key(policy, raw_key)
    fs, path, info = _check_paths(src, dst, quarantine)
    with fs.open_input_stream(path) as stream:
        table = open_table(stream, src, encoding, delimiter, SAMPLE_ROWS)  # type: ignore[arg-type]
    wanted = subject_column or policy.subject_column
    try:
        plan = plan_columns(table.header, table.sample, policy.columns, wanted)
    except KeyError:
        raise CsvError(f"{src}: subject column {wanted!r} is not in the header") from None
    head = (UTF8_BOM if table.dialect.bom else b"") + table.header_raw
    spec = _make_spec(policy, plan, raw_key, table.dialect)
    size = info.size
    starts = _split_starts(spark, len(head), size, split_bytes)
    uri = src if "://" in src else path
    job = _CsvJob(spec, uri, src, size, head, starts)
    first_line = table.header_raw.count(job.newline) + 1
    job = _count_quotes(spark, job, first_line)
    token = uuid.uuid4().hex[:12]
    dst = _absolute(dst)
    quarantine = _absolute(quarantine) if quarantine else None
    out_tmp = _sibling_tmp(dst, token)
    q_tmp = _sibling_tmp(quarantine, token) if quarantine else ""
    job = dataclasses.replace(job, out_dir=out_tmp, quarantine_dir=q_tmp)
    try:
        statuses = _run_splits(spark, job)
        summary = _summarize(job, statuses, table.header)
        if q_tmp:
            _write_errors(q_tmp, statuses, summary)
        if single_file:
            _concatenate(out_tmp, summary.parts, dst, head)
            _remove(out_tmp)
        else:
            _commit(out_tmp, dst)
        if q_tmp:
            _commit(q_tmp, quarantine)  # type: ignore[arg-type]
    except BaseException:
        _remove(out_tmp)
        if q_tmp:
            _remove(q_tmp)
        raise
    return summary


def _check_paths(src: str, dst: str, quarantine: str | None) -> tuple[Any, str, Any]:
    """(filesystem, path, file info) of a readable input file; outputs must not exist."""
    from pyarrow.fs import FileType

    fs, path = _filesystem(src)
    info = fs.get_file_info(path)
    if info.type == FileType.NotFound:
        raise CsvError(f"{src}: cannot read: No such file or directory")
    if info.type == FileType.Directory:
        raise CsvError(f"{src}: is a directory; redact spark reads one CSV file")
    for out in filter(None, (dst, quarantine)):
        ofs, opath = _filesystem(out)
        if ofs.get_file_info(opath).type != FileType.NotFound:
            raise CsvError(f"{out}: already exists; remove it or choose another name")
    return fs, path, info


def _sibling_tmp(dst: str, token: str) -> str:
    """A temporary folder next to ``dst``, renamed onto it only on success."""
    base = dst.rstrip("/")
    parent, _, name = base.rpartition("/")
    return f"{parent}/.{name}.redact-tmp-{token}" if parent else f".{name}.redact-tmp-{token}"


def _default_parallelism(spark: SparkSession) -> int:
    try:
        return int(spark.sparkContext.defaultParallelism)
    except Exception:  # Spark Connect has no SparkContext
        return 8


def _split_starts(spark: SparkSession, data_start: int, size: int,
                  split_bytes: int | None) -> tuple[int, ...]:
    """Byte offsets cutting ``[data_start, size)`` into ranges of at most SPLIT_BYTES, at least
    four per core and a multiple of the cores (so the last wave of tasks keeps every core
    busy), but none under MIN_SPLIT_BYTES."""
    data = size - data_start
    if data <= 0:
        return (data_start,)
    if split_bytes is None:
        cores = _default_parallelism(spark)
        wanted = max(-(-data // SPLIT_BYTES), 4 * cores)
        wanted = -(-wanted // cores) * cores
        wanted = min(wanted, max(1, data // MIN_SPLIT_BYTES))
        split_bytes = -(-data // wanted)
    n = max(1, -(-data // max(1, split_bytes)))
    return tuple(data_start + i * split_bytes for i in range(n))


def _tasks(spark: SparkSession, n: int) -> DataFrame:
    """A DataFrame of ``n`` rows (0..n-1), one per partition: one task per split. (Not the
    RDD API, which Spark Connect and shared Databricks clusters do not offer.)"""
    return spark.range(0, n, 1, numPartitions=n)


_COUNT_SCHEMA = "split long, quotes long, newlines long"
_STATUS_SCHEMA = ("split long, records long, part string, error string, error_row long, "
                  "error_line long, quarantined string, changed string, entities string")


def _count_quotes(spark: SparkSession, job: _CsvJob, first_line: int) -> _CsvJob:
    """Pass 1: quotes and newlines per range, so each range knows whether it starts inside a
    quoted cell (odd quotes before it) and at which line."""
    rows = sorted(_tasks(spark, len(job.starts)).mapInArrow(_Counter(job), _COUNT_SCHEMA)
                  .collect(), key=lambda r: r.split)
    parity, lines = [], []
    quotes, line = 0, first_line
    for row in rows:
        parity.append(quotes % 2)
        lines.append(line)
        quotes += row.quotes
        line += row.newlines
    return dataclasses.replace(job, parity=tuple(parity), lines=tuple(lines))


class _Counter:
    __name__ = "redact_count"

    def __init__(self, job: _CsvJob) -> None:
        self.job = job

    def __repr__(self) -> str:
        return f"redact_count({self.job!r})"

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        job = self.job
        fs, path = _filesystem(job.uri)
        nl = job.newline
        for batch in batches:
            splits = batch.column(0).to_pylist()
            quotes, newlines = [], []
            with fs.open_input_file(path) as f:
                for i in splits:
                    end = job.starts[i + 1] if i + 1 < len(job.starts) else job.size
                    q = n = 0
                    pos = job.starts[i]
                    while pos < end:
                        block = f.read_at(min(4 << 20, end - pos), pos)
                        q += block.count(b'"')
                        n += block.count(nl)
                        pos += len(block)
                    quotes.append(q)
                    newlines.append(n)
            yield pa.RecordBatch.from_pydict({"split": splits, "quotes": quotes,
                                              "newlines": newlines})


def _boundary(f: Any, x: int, parity: int, job: _CsvJob) -> tuple[int, int]:
    """The first record start at or after byte ``x`` and the newlines in ``[x, it)``.

    ``parity`` is the number of quotes before ``x`` mod 2: a newline ends a record when an
    even number of quotes precede it since the header (the rule of ``record_cut``)."""
    data_start = len(job.header)
    if x <= data_start:
        return data_start, 0
    nl = job.newline
    if f.read_at(len(nl), x - len(nl)) == nl and parity == 0:
        return x, 0
    quotes, pos, newlines = parity, x, 0
    while pos < job.size:
        block = f.read_at(min(1 << 20, job.size - pos), pos)
        at = 0
        while True:
            k = block.find(nl, at)
            if k < 0:
                quotes += block.count(b'"', at)
                break
            quotes += block.count(b'"', at, k)
            newlines += 1
            if quotes % 2 == 0:
                return pos + k + len(nl), newlines
            at = k + len(nl)
        pos += len(block)
        if pos - x > MAX_RECORD_BYTES:
            raise CsvError(f"{job.name}: line {job.lines[_split_of(job, x)]}: a record is "
                           f"longer than {MAX_RECORD_BYTES >> 20} MiB (an unterminated quote?)")
    return job.size, newlines


def _split_of(job: _CsvJob, x: int) -> int:
    return max(i for i, s in enumerate(job.starts) if s <= x)


class _RangeStream:
    """A binary stream over ``[start, end)`` of a pyarrow file (for :class:`ChunkReader`)."""

    def __init__(self, f: Any, start: int, end: int) -> None:
        self.f, self.pos, self.end = f, start, end

    def read(self, n: int) -> bytes:
        n = min(n, self.end - self.pos)
        if n <= 0:
            return b""
        data = self.f.read_at(n, self.pos)
        self.pos += len(data)
        return data


def _record_span(chunk: bytes, row: int, nl: bytes) -> tuple[int, int]:
    """Byte offsets of record ``row`` (0-based) of a chunk that starts at a record boundary,
    its line ending included; a record whose quote never closes runs to the chunk's end."""
    pos = start = quotes = 0
    n = 0
    while True:
        k = chunk.find(nl, pos)
        if k < 0:
            return start, len(chunk)
        quotes += chunk.count(b'"', pos, k)
        pos = k + len(nl)
        if quotes % 2 == 0:
            if n == row:
                return start, pos
            n += 1
            start = pos


class _SplitRedactor:
    """Pass 2, one task per range: align, redact with ``redact csv``'s transformer, write."""

    __name__ = "redact_csv"

    def __init__(self, job: _CsvJob) -> None:
        self.job = job

    def __repr__(self) -> str:
        return f"redact_csv({self.job!r})"

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            rows = [self.split(i) for i in batch.column(0).to_pylist()]
            yield pa.RecordBatch.from_pylist(rows, schema=_status_arrow_schema())

    def split(self, i: int) -> dict[str, Any]:
        job = self.job
        fs, path = _filesystem(job.uri)
        status: dict[str, Any] = {"split": i, "records": 0, "part": "", "error": "",
                                  "error_row": -1, "error_line": -1, "quarantined": "[]",
                                  "changed": "[]", "entities": "{}"}
        with fs.open_input_file(path) as f:
            try:
                start, skipped = _boundary(f, job.starts[i], job.parity[i], job)
                end = _boundary(f, job.starts[i + 1], job.parity[i + 1], job)[0] \
                    if i + 1 < len(job.starts) else job.size
            except CsvError as exc:
                status["error"] = str(exc)
                return status
            if start >= end and i > 0:
                return status  # a range inside one long record: its owner writes it
            self._redact(f, start, end, job.lines[i] + skipped, i, fs, status)
        return status

    def _redact(self, f: Any, start: int, end: int, line: int, i: int, fs: Any,
                status: dict[str, Any]) -> None:
        job = self.job
        nl = job.newline
        worker = _cached(job.spec, "chunks")
        changed = [0] * len(job.spec.plan.columns)
        entities: Counter[str] = Counter()
        quarantined: list[tuple[int, int, str]] = []
        bad_records: list[bytes] = []
        records = 0
        part = _join(job.out_dir, f"part-{i:05d}.csv")
        tmp = f"{part}.{uuid.uuid4().hex[:8]}.tmp"
        fs.create_dir(job.out_dir, recursive=True)
        # encoding "": no BOM is looked for mid-file (a cell may start with U+FEFF)
        reader = ChunkReader(_RangeStream(f, start, end), job.name, "")
        try:
            with fs.open_output_stream(tmp) as out:
                out.write(job.header)
                for chunk in reader.chunks(job.spec.dialect.newline, line):  # type: ignore[union-attr]
                    pending = chunk
                    while pending:
                        try:
                            result = worker.process(pending)
                        except RowError as exc:
                            a, b = _record_span(pending, exc.row, nl)
                            bad = pending[a:b]
                            where = (records + exc.row, line + exc.line)
                            if not job.quarantine_dir or bad.count(b'"') % 2:
                                status.update(records=records, error=exc.message,
                                              error_row=where[0], error_line=where[1])
                                return
                            if a:  # the records before it are fine: same bytes as ever
                                result = worker.process(pending[:a])
                                out.write(result.data)
                                _add(changed, entities, result)
                                records += result.records
                                line += pending[:a].count(nl)
                            quarantined.append((*where, exc.message))
                            bad_records.append(bad)
                            records += 1
                            line += bad.count(nl)
                            pending = pending[b:]
                            continue
                        out.write(result.data)
                        _add(changed, entities, result)
                        records += result.records
                        line += pending.count(nl)
                        pending = b""
        except CsvError as exc:  # a record longer than MAX_RECORD_BYTES
            status.update(records=records, error=str(exc))
            return
        finally:
            if status["error"]:
                fs.delete_file(tmp)
        fs.move(tmp, part)
        if bad_records:
            qpart = _join(job.quarantine_dir, f"part-{i:05d}.csv")
            qtmp = f"{qpart}.{uuid.uuid4().hex[:8]}.tmp"
            fs.create_dir(job.quarantine_dir, recursive=True)
            with fs.open_output_stream(qtmp) as out:
                out.write(job.header)
                for record in bad_records:
                    out.write(record)
            fs.move(qtmp, qpart)
        status.update(records=records, part=part, quarantined=json.dumps(quarantined),
                      changed=json.dumps(changed), entities=json.dumps(dict(entities)))


def _add(changed: list[int], entities: Counter[str], result: Any) -> None:
    for k, n in enumerate(result.changed):
        changed[k] += n
    entities.update(result.entities)


def _status_arrow_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("split", pa.int64()), ("records", pa.int64()), ("part", pa.string()),
                      ("error", pa.string()), ("error_row", pa.int64()),
                      ("error_line", pa.int64()), ("quarantined", pa.string()),
                      ("changed", pa.string()), ("entities", pa.string())])


def _run_splits(spark: SparkSession, job: _CsvJob) -> list[Any]:
    with spark_errors():
        rows = _tasks(spark, len(job.starts)).mapInArrow(_SplitRedactor(job), _STATUS_SCHEMA) \
            .collect()
    return sorted(rows, key=lambda r: r.split)


def _summarize(job: _CsvJob, statuses: list[Any], header: list[str]) -> CsvRunSummary:
    """Counts over all ranges; the first error (in file order) becomes a :class:`CsvError`
    with the row and line ``redact csv`` would give."""
    from redact.letters import ENTITY_LETTER

    summary = CsvRunSummary()
    row = 2  # the header is row 1
    roles = [c.role for c in job.spec.plan.columns]
    for s in statuses:
        if s.error:
            if s.error_row < 0:  # already located (a record too long)
                raise CsvError(s.error)
            raise CsvError(located(job.name, row + s.error_row, s.error_line, s.error))
        summary.quarantined += len(json.loads(s.quarantined))
        row += s.records
        summary.rows += s.records
        if s.part:
            summary.parts.append(s.part)
        for k, n in enumerate(json.loads(s.changed)):
            if n:
                summary.changed[header[k]] += n
                if roles[k] in ENTITY_LETTER:
                    summary.entities[roles[k]] += n
        summary.entities.update(json.loads(s.entities))
    return summary


def _write_errors(q_dir: str, statuses: list[Any], summary: CsvRunSummary) -> None:
    """``errors.csv`` of the quarantine: row, line and problem of each record (no values)."""
    if not summary.quarantined:
        return
    fs, path = _filesystem(q_dir)
    fs.create_dir(path, recursive=True)
    lines = ["row,line,problem"]
    row = 2
    for s in statuses:
        for rel, line, problem in json.loads(s.quarantined):
            lines.append(f"{row + rel},{line},\"{problem.replace(chr(34), chr(34) * 2)}\"")
        row += s.records
    with fs.open_output_stream(_join(path, "errors.csv")) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


def _commit(tmp: str, dst: str) -> None:
    """Rename the finished temporary folder onto ``dst`` (atomic on local disks and HDFS)."""
    from pyarrow.fs import FileSelector

    fs, tpath = _filesystem(tmp)
    _, dpath = _filesystem(dst)
    if fs.get_file_info(tpath).type.name == "NotFound":
        fs.create_dir(tpath, recursive=True)
    try:
        fs.move(tpath, dpath)
    except (OSError, NotImplementedError):  # object stores cannot rename folders: file by file
        fs.create_dir(dpath, recursive=True)
        for info in fs.get_file_info(FileSelector(tpath, recursive=False)):
            fs.move(info.path, _join(dpath, info.base_name))
        fs.delete_dir(tpath)


def _concatenate(tmp: str, parts: list[str], dst: str, head: bytes) -> None:
    """One file: the header once, then each part without its header (``redact csv``'s bytes)."""
    fs, _ = _filesystem(tmp)
    dfs, dpath = _filesystem(dst)
    staging = f"{dpath}.{uuid.uuid4().hex[:8]}.redact-tmp"
    try:
        with dfs.open_output_stream(staging) as out:
            out.write(head)
            for part in parts:
                with fs.open_input_stream(part) as src:
                    src.read(len(head))
                    while True:
                        block = src.read(8 << 20)
                        if not block:
                            break
                        out.write(block)
        dfs.move(staging, dpath)
    except BaseException:
        try:
            dfs.delete_file(staging)
        except OSError:
            pass
        raise


def _remove(target: str) -> None:
    if not target:
        return
    fs, path = _filesystem(target)
    info = fs.get_file_info(path)
    try:
        if info.type.name == "Directory":
            fs.delete_dir(path)
        elif info.type.name == "File":
            fs.delete_file(path)
    except OSError:  # pragma: no cover - best effort clean-up
        pass


# -- errors from executors ------------------------------------------------------------------
class spark_errors:  # noqa: N801 - used as a context manager, like contextlib's
    """Turn a failed Spark job whose cause was raised by redact in an executor into a
    :class:`SparkRedactError` with just that message (Spark's own text is long and Java)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: BaseException | None, tb: Any) -> bool:
        if isinstance(exc, _ExecutorError):  # raised in this process (local batches, tests)
            message = _executor_message(str(exc))
            raise SparkRedactError(message or "redaction failed") from None
        if exc is None or not type(exc).__module__.startswith(("py4j", "pyspark")):
            return False
        text = str(exc)
        message = _executor_message(text)
        if message is not None:
            raise SparkRedactError(message) from None
        raise SparkRedactError(f"the Spark job failed: {_cause(text)}") from exc


_MARK_RE = re.compile(re.escape(_MARK) + r"(.*?) :" + re.escape(_MARK.strip()))


def _executor_message(text: str) -> str | None:
    found = _MARK_RE.search(text)
    return found.group(1) if found else None


_EXCEPTION_LINE = re.compile(r"(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception): .+")


def _cause(text: str) -> str:
    """The most specific line of a Spark failure: the last Python exception line (e.g. an
    ``OSError`` of an executor), else Spark's first line; at most 300 characters."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    python = [ln for ln in lines if _EXCEPTION_LINE.fullmatch(ln)
              and not ln.startswith(("org.", "java.", "scala.", "py4j."))]
    return (python[-1] if python else lines[0] if lines else "unknown cause")[:300]


# -- the command line (redact spark) ----------------------------------------------------------
def run_cli(src: str, dst: str, *, policy: Policy, key_file: str | None, fmt: str | None,
            subject_column: str | None, quarantine: str | None, master: str | None,
            single_file: bool, delimiter: str | None, encoding: str, cast_strings: bool,
            split_bytes: int | None) -> CsvRunSummary | None:
    """``redact spark IN OUT``: start (or join, under spark-submit) a Spark session, redact,
    stop what was started. Errors are raised as :class:`CsvError` or
    :class:`SparkRedactError`."""
    fmt = fmt or ("parquet" if src.rstrip("/").endswith(".parquet") else "csv")
    if fmt != "csv" and (quarantine or single_file or delimiter):
        raise SparkRedactError("--quarantine, --single-file and --delimiter are for CSV "
                               "(Parquet has no malformed rows)")
    if fmt == "csv":
        _check_paths(src, dst, quarantine)  # before paying for a JVM
    spark, started = _session(master)
    try:
        with spark_errors():  # Spark's own failures (a missing path, ...): one line
            if fmt == "csv":
                return redact_csv_file(spark, src, dst, policy, key_file=key_file,
                                       subject_column=subject_column, delimiter=delimiter,
                                       encoding=encoding, quarantine=quarantine,
                                       single_file=single_file, split_bytes=split_bytes)
            df = spark.read.parquet(src)
            out = redact_dataframe(df, policy, key_file=key_file,
                                   subject_column=subject_column, cast_to_string=cast_strings)
            out.write.mode("errorifexists").parquet(dst)
            return None
    finally:
        if started:
            spark.stop()


def _session(master: str | None) -> tuple[SparkSession, bool]:
    """The active session (spark-submit, a notebook) or a new one; True if started here."""
    import warnings

    from pyspark.sql import SparkSession

    # pyspark warns about pandas 3 at each Arrow function; redact uses Arrow, not pandas
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                            category=FutureWarning)
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("redact")
    if master:
        builder = builder.master(master)
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    try:
        spark = builder.getOrCreate()
    except Exception as exc:
        raise SparkRedactError(f"cannot start Spark ({type(exc).__name__}); is Java 17+ "
                               "installed and on PATH (or JAVA_HOME set)?") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True

