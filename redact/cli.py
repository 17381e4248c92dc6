"""The ``redact`` command: a thin layer over :class:`redact.Redactor`.

Exit codes: 0 success; 2 usage error, bad policy, missing key, unreadable or malformed input
(in which case no output file is written). Messages never contain the input's content.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from redact import _fresh
from redact._version import __version__

EXIT_OK = 0
EXIT_ERROR = 2

TEXT_EPILOG = """\b
Examples:
  redact text examples/notes/discharge_summary.txt
  cat note.txt | redact text > clean.txt
  redact text notes/*.txt -o clean/ --report audit.json
  redact text notes/*.txt -o clean/ --jobs 0      # one process per CPU
  REDACT_KEY=... redact text note.txt --policy pseudonymize.toml
"""


class RedactCommandError(click.ClickException):
    """A one-line error with exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"redact: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="redact",
                      message=f"%(prog)s, version %(version)s ({_fresh.build()})")
def main() -> None:
    """Remove the 18 HIPAA Safe Harbor identifiers from text, offline.

    Names, geography below state, dates (all but the year) and ages over 89, phone and fax
    numbers, emails, SSNs, medical record, health plan, account, licence, vehicle and device
    numbers, URLs, IP addresses, biometric and photo references, and other unique IDs are
    replaced according to a policy (default: Safe Harbor tags, dates to the year, ages 90+,
    ZIP codes to their 3-digit prefix or 000).

    Run `redact COMMAND --help` for details. Exit codes: 0 ok, 2 error (nothing written).
    """


def _policy(policy_file: str | None) -> Any:
    from redact.policy import Policy

    if policy_file:
        return Policy.from_toml(policy_file)
    return Policy.discover(Path.cwd())


def _build_redactor(policy_file: str | None, key_file: str | None, nlp_model: str | None,
                    engine: str) -> Any:
    from redact.keys import KeyError_
    from redact.policy import PolicyError
    from redact.redactor import Redactor

    try:
        policy = _policy(policy_file)
        return Redactor(policy, key_file=key_file, nlp_model=nlp_model, engine=engine)
    except (PolicyError, KeyError_) as exc:
        raise RedactCommandError(str(exc)) from None
    except Exception as exc:  # ModelNotInstalledError and the like; never includes PHI
        if type(exc).__name__ == "ModelNotInstalledError":
            raise RedactCommandError(str(exc)) from None
        raise


def _outputs(inputs: list[str], output: str | None) -> list[Path | None]:
    """Where each input goes: None means stdout."""
    if output is None:
        if len(inputs) > 1:
            raise RedactCommandError("several inputs need -o DIR")
        return [None]
    out = Path(output)
    if len(inputs) > 1 or out.is_dir() or output.endswith(("/", "\\")):
        if out.exists() and not out.is_dir():
            raise RedactCommandError(f"{output}: several inputs need -o to be a directory")
        names = [Path(p).name if p != "-" else "stdin.txt" for p in inputs]
        dupes = [n for n, c in Counter(names).items() if c > 1]
        if dupes:
            raise RedactCommandError(f"two inputs would both be written to {out / dupes[0]}")
        return [out / n for n in names]
    return [out]


@main.command("text", epilog=TEXT_EPILOG)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(), help="Output file, or directory for several "
              "inputs. Default: standard output.")
@click.option("-p", "--policy", "policy_file", type=click.Path(dir_okay=False),
              help="Policy TOML file. Default: [tool.redact] of the nearest pyproject.toml, "
              "else Safe Harbor.")
@click.option("--report", type=click.Path(dir_okay=False),
              help="Write a JSON audit (counts per entity and Safe Harbor letter, policy, "
              "version; never values).")
@click.option("--key-file", type=click.Path(dir_okay=False),
              help="Secret key for hash/surrogate/shift (default: $REDACT_KEY).")
@click.option("--subject", default="", help="Subject ID: dates of one subject shift together.")
@click.option("--nlp-model", help="Add the NER of an installed spaCy pipeline (name or path; "
              "never downloaded).")
@click.option("--engine", type=click.Choice(["fast", "presidio"]), default="fast",
              show_default=True, help="fast: redact's own scanner; presidio: the same "
              "recognizers inside a Presidio AnalyzerEngine.")
@click.option("--encoding", default="utf-8", show_default=True, help="Input/output encoding.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes for several files (0: one per CPU).")
def text_cmd(files: tuple[str, ...], output: str | None, policy_file: str | None,
             report: str | None, key_file: str | None, subject: str, nlp_model: str | None,
             engine: str, encoding: str, jobs: int) -> None:
    """Redact text files (or standard input) and write the redacted text.

    With no FILES, or FILES = -, reads standard input and writes standard output.
    Output is all-or-nothing: on any error no output or report file is written.
    """
    from redact.textio import InputError, atomic_outputs, encode_text, write_stdout

    inputs = list(files) or ["-"]
    dests = _outputs(inputs, output)
    redactor = _build_redactor(policy_file, key_file, nlp_model, engine)
    per_file: list[dict[str, Any]] = []
    stdout_data: list[bytes] = []
    show_progress = len(inputs) > 1 and sys.stderr.isatty()
    try:
        with atomic_outputs() as writer:
            results = redactor.redact_files(inputs, jobs=jobs, encoding=encoding,
                                            subject=subject)
            with click.progressbar(zip(results, dests), length=len(inputs), label="redacting",
                                   file=sys.stderr, hidden=not show_progress) as items:
                for done, dest in items:
                    data = encode_text(done.text, done.bom, encoding)
                    if dest is None:
                        stdout_data.append(data)
                    else:
                        writer.add(dest, data)
                    per_file.append(_file_report(done))
            if report:
                writer.add(Path(report), _report(redactor, per_file))
    except InputError as exc:
        raise RedactCommandError(str(exc)) from None
    except OSError as exc:
        raise RedactCommandError(f"cannot write output: {exc.strerror}") from None
    for data in stdout_data:
        write_stdout(data)


def _file_report(done: Any) -> dict[str, Any]:
    return {
        "path": "<stdin>" if done.path == "-" else done.path,
        "chars": done.chars,
        "findings": done.findings,
        "by_entity": done.by_entity,
        "by_letter": done.by_letter,
    }


def _report(redactor: Any, files: list[dict[str, Any]]) -> bytes:
    from redact.letters import LETTERS

    by_entity: Counter[str] = Counter()
    by_letter: Counter[str] = Counter({letter: 0 for letter in LETTERS})
    for f in files:
        by_entity.update(f["by_entity"])
        by_letter.update(f["by_letter"])
    doc = {
        "tool": "redact",
        "version": __version__,
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "engine": redactor.engine,
        "policy": redactor.policy.to_dict(),
        "inputs": files,
        "totals": {
            "files": len(files),
            "findings": sum(f["findings"] for f in files),
            "by_entity": dict(sorted(by_entity.items())),
            "by_letter": dict(sorted(by_letter.items())),
        },
    }
    return (json.dumps(doc, indent=2) + "\n").encode("utf-8")


# -- redact csv (the logic is in redact/tabular.py, redact/csvrun.py) --------------------------
CSV_EPILOG = """\b
Column roles come from [columns] in the policy, then the header (DOB, SSN, MRN, Zip, First
Name, ...), then the shape of the first 1000 rows' values; an unknown column is scanned as
free text. --plan shows the role of every column and why, and writes nothing.
\b
Examples:
  redact csv --plan examples/csv/patients.csv
  redact csv examples/csv/patients.csv -o clean.csv --report audit.json
  redact csv big.csv -o clean.csv --jobs 0
  REDACT_KEY=... redact csv claims.csv -o out.csv --policy pseudonymize.toml --subject-column MRN
  cat roster.tsv | redact csv - > clean.tsv
"""


@main.command("csv", epilog=CSV_EPILOG)
@click.argument("src", metavar="IN", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file (default: standard output). Written only if the run succeeds.")
@click.option("--plan", "show_plan", is_flag=True,
              help="Print each column's role and why; process nothing.")
@click.option("-p", "--policy", "policy_file", type=click.Path(dir_okay=False),
              help="Policy TOML file ([columns] sets column roles). Default: [tool.redact] of "
              "the nearest pyproject.toml, else Safe Harbor.")
@click.option("--key-file", type=click.Path(dir_okay=False),
              help="Secret key for hash/surrogate/shift (default: $REDACT_KEY).")
@click.option("--subject-column", metavar="COLUMN",
              help="Column identifying the subject (e.g. MRN): one date shift per subject.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU); row order is kept.")
@click.option("--delimiter", metavar="CHAR",
              help="Cell delimiter (default: sniffed among , tab ; |). 'tab' or '\\t' for tab.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Input/output encoding (ASCII-compatible: utf-8, latin-1, cp1252, ...).")
@click.option("--report", type=click.Path(dir_okay=False),
              help="Write a JSON audit (counts per entity, letter and column; never values).")
def csv_cmd(src: str, output: str | None, show_plan: bool, policy_file: str | None,
            key_file: str | None, subject_column: str | None, jobs: int,
            delimiter: str | None, encoding: str, report: str | None) -> None:
    """Redact a CSV (or TSV) file column by column; - reads standard input.

    Structured columns (names, dates, ZIP codes, IDs, ...) are replaced whole by the
    policy's operator; free-text columns are scanned and only the PHI inside is replaced;
    other cells are copied byte for byte. Quoting, line endings, encoding and BOM are kept.
    """
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise RedactCommandError("--delimiter must be one character (not a quote or "
                                     "newline)")
    redactor = _build_redactor(policy_file, key_file, None, "fast")
    from redact.csvrun import exit_on_sigterm

    with exit_on_sigterm():
        _csv(redactor, src, output, show_plan, subject_column, jobs, delimiter, encoding, report)


def _csv(redactor: Any, src: str, output: str | None, show_plan: bool,
         subject_column: str | None, jobs: int, delimiter: str | None, encoding: str,
         report: str | None) -> None:
    import shutil
    import tempfile
    from contextlib import ExitStack

    from redact.csvio import CsvError, atomic_file

    try:
        if show_plan:
            click.echo(redactor.plan_csv(src, delimiter=delimiter, encoding=encoding,
                                         subject_column=subject_column), nl=False)
            return
        if report and output and Path(report).resolve() == Path(output).resolve():
            raise RedactCommandError("--report and -o name the same file")
        to_stdout = output is None or output == "-"
        with ExitStack() as stack:  # the CSV and the report are committed together, or neither
            dst = stack.enter_context(tempfile.TemporaryFile() if to_stdout
                                      else atomic_file(Path(output)))  # type: ignore[arg-type]
            summary = redactor.redact_csv(src, dst, jobs=jobs, delimiter=delimiter,
                                          encoding=encoding, subject_column=subject_column,
                                          progress=sys.stderr.isatty())
            if report:
                with atomic_file(Path(report)) as fh:
                    fh.write(_report(redactor, [summary.report()]))
            if to_stdout:
                dst.seek(0)
                shutil.copyfileobj(dst, sys.stdout.buffer)
                sys.stdout.buffer.flush()
    except CsvError as exc:
        raise RedactCommandError(str(exc)) from None
    except OSError as exc:
        raise RedactCommandError(f"cannot write output: {exc.strerror}") from None


# -- redact spark (the logic is in redact/spark.py; pyspark is imported only here) -----------
SPARK_EPILOG = """\b
CSV output is a folder of part-NNNNN.csv files (each with the header), or with --single-file
one file: either way the bytes of `redact csv`. Parquet in, Parquet out.
\b
Examples:
  redact spark patients.csv clean/ --policy policy.toml --master 'local[2]'
  redact spark patients.csv clean.csv --single-file --quarantine bad/
  spark-submit --master yarn "$(python -c 'import redact.spark_main as m; print(m.__file__)')" \\
      s3://bucket/in.csv s3://bucket/out/ --policy policy.toml --key-file redact.key
"""


@main.command("spark", epilog=SPARK_EPILOG)
@click.argument("src", metavar="IN")
@click.argument("dst", metavar="OUT")
@click.option("-p", "--policy", "policy_file", type=click.Path(dir_okay=False),
              help="Policy TOML file ([columns] sets column roles). Default: [tool.redact] of "
              "the nearest pyproject.toml, else Safe Harbor.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]),
              help="Input and output format (default: parquet for *.parquet, else csv).")
@click.option("--key-file", type=click.Path(dir_okay=False),
              help="Secret key for hash/surrogate/shift, read on the driver (default: "
              "$REDACT_KEY).")
@click.option("--subject-column", metavar="COLUMN",
              help="Column identifying the subject (e.g. MRN): one date shift per subject.")
@click.option("--quarantine", metavar="DIR",
              help="CSV: copy malformed records, unredacted, to this folder (with errors.csv) "
              "instead of failing.")
@click.option("--master", metavar="URL",
              help="Spark master, e.g. 'local[2]' (default: spark-submit's, else local[*]).")
@click.option("--single-file", is_flag=True, help="CSV: write OUT as one file, not a folder.")
@click.option("--delimiter", metavar="CHAR", help="CSV cell delimiter (default: sniffed).")
@click.option("--encoding", default="utf-8", show_default=True, help="CSV encoding.")
@click.option("--cast-strings", is_flag=True,
              help="Parquet: cast non-string columns that need redaction to string (default: "
              "refuse them).")
@click.option("--split-size", type=click.IntRange(min=1), metavar="BYTES",
              help="CSV: bytes per task (default: up to 64 MiB, two tasks per core).")
def spark_cmd(src: str, dst: str, policy_file: str | None, fmt: str | None,
              key_file: str | None, subject_column: str | None, quarantine: str | None,
              master: str | None, single_file: bool, delimiter: str | None, encoding: str,
              cast_strings: bool, split_size: int | None) -> None:
    """Redact a CSV file or a Parquet dataset on Apache Spark (pip install 'redact[spark]').

    The same policy and key give the same output as `redact csv`. Nothing is written unless
    the whole job succeeds.
    """
    from redact.keys import KeyError_
    from redact.policy import PolicyError

    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise RedactCommandError("--delimiter must be one character (not a quote or "
                                     "newline)")
    try:
        policy = _policy(policy_file)
        from redact.spark import SparkRedactError, run_cli
    except PolicyError as exc:
        raise RedactCommandError(str(exc)) from None
    except ImportError as exc:
        raise RedactCommandError(f"redact spark needs {exc.name}: pip install "
                                 "'redact[spark]'") from None
    from redact.csvio import CsvError

    try:
        run_cli(src, dst, policy=policy, key_file=key_file, fmt=fmt,
                subject_column=subject_column, quarantine=quarantine, master=master,
                single_file=single_file, delimiter=delimiter, encoding=encoding,
                cast_strings=cast_strings, split_bytes=split_size)
    except (CsvError, SparkRedactError, PolicyError, KeyError_) as exc:
        raise RedactCommandError(str(exc)) from None


@main.command("identifiers")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def identifiers_cmd(fmt: str) -> None:
    """List the 18 Safe Harbor identifiers, redact's entity types and recognizers for each,
    and the default operator."""
    from recognizers import registry
    from redact.letters import SAFE_HARBOR
    from redact.policy import SAFE_HARBOR_OPERATORS

    table = registry()
    rows = []
    for ident in SAFE_HARBOR:
        rows.append({
            "letter": ident.letter,
            "identifier": ident.title,
            "entities": {e: SAFE_HARBOR_OPERATORS[e] for e in ident.entities},
            "recognizers": [cls.__name__ for cls in table[ident.letter]],
        })
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(f"({row['letter']}) {row['identifier']}")
        ents = ", ".join(f"{e} -> {op}" for e, op in row["entities"].items())
        click.echo(f"    entities:    {ents}")
        click.echo(f"    recognizers: {', '.join(row['recognizers'])}")


# -- redact scan (the logic is in redact/scan.py) --------------------------------------------
SCAN_EPILOG = """\b
Output: one line per finding, PATH:LINE:COL: ENTITY [LETTER] SCORE PREVIEW, where the
preview shows only the first letter of each word (J*** S****, ***-**-****).
Exit codes: 0 nothing found, 1 something found, 2 error (unreadable file, bad option,
policy or baseline). Binary files are skipped and listed on standard error.
\b
Examples:
  redact scan notes/ exports/data.csv
  redact scan . --format sarif -o redact.sarif --jobs 0
  redact scan . --baseline .redact-baseline.json --update-baseline
  redact scan --entities SSN,PHONE,A --min-score 0.8 fixtures/
"""


@main.command("scan", epilog=SCAN_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="text: a line per finding; json: a report (schema in "
              "redact/data/scan-report.schema.json); sarif: SARIF 2.1.0.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the findings to this file instead of standard output.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Findings whose keyed fingerprint is in this file are accepted "
              "(a missing file accepts nothing).")
@click.option("--update-baseline", is_flag=True,
              help="Add every finding to the --baseline file (after review!) and exit 0.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU).")
@click.option("--min-score", type=click.FloatRange(0, 1),
              help="Report findings scored at least this (default: the policy's min_score).")
@click.option("--entities", metavar="LIST",
              help="Report only these entity types and/or Safe Harbor letters, e.g. "
              "SSN,PHONE,A.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip paths (or file/folder names) matching this glob; repeatable.")
@click.option("-p", "--policy", "policy_file", type=click.Path(dir_okay=False),
              help="Policy TOML file ([allow] terms/patterns, min_score). Default: "
              "[tool.redact] of the nearest pyproject.toml, else Safe Harbor.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of text files without a Unicode byte-order mark.")
def scan_cmd(paths: tuple[str, ...], fmt: str, output: str | None, baseline_path: str | None,
             update_baseline: bool, jobs: int, min_score: float | None, entities: str | None,
             exclude: tuple[str, ...], policy_file: str | None, encoding: str) -> None:
    """Find Safe Harbor identifiers in files and folders without printing them.

    PATHS are files or folders (default: the current folder; - reads standard input).
    Text, CSV, JSON, Markdown and log files are scanned as text. A line containing
    'redact: allow' is not reported; nor is anything in the --baseline.
    """
    from redact.policy import PolicyError
    from redact.scan import ScanError, run

    try:
        code = run(list(paths), policy=_policy(policy_file), fmt=fmt, output=output,
                   baseline_path=baseline_path, update_baseline=update_baseline, jobs=jobs,
                   min_score=min_score, entities=entities, exclude=exclude, encoding=encoding)
    except (ScanError, PolicyError) as exc:
        raise RedactCommandError(str(exc)) from None
    except Exception as exc:  # exit 1 means "found": a crash must be 2, quietly
        raise RedactCommandError(f"internal error ({type(exc).__name__}); nothing can be "
                                 "said about the files") from None
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
