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

from redact._version import __version__

EXIT_OK = 0
EXIT_ERROR = 2

TEXT_EPILOG = """\b
Examples:
  redact text examples/notes/discharge_summary.txt
  cat note.txt | redact text > clean.txt
  redact text notes/*.txt -o clean/ --report audit.json
  REDACT_KEY=... redact text note.txt --policy pseudonymize.toml
"""


class RedactCommandError(click.ClickException):
    """A one-line error with exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"redact: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="redact")
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
def text_cmd(files: tuple[str, ...], output: str | None, policy_file: str | None,
             report: str | None, key_file: str | None, subject: str, nlp_model: str | None,
             engine: str, encoding: str) -> None:
    """Redact text files (or standard input) and write the redacted text.

    With no FILES, or FILES = -, reads standard input and writes standard output.
    Output is all-or-nothing: on any error no output or report file is written.
    """
    from redact.textio import InputError, atomic_outputs, encode_text, read_input, write_stdout

    inputs = list(files) or ["-"]
    dests = _outputs(inputs, output)
    redactor = _build_redactor(policy_file, key_file, nlp_model, engine)
    per_file: list[dict[str, Any]] = []
    stdout_data: list[bytes] = []
    show_progress = len(inputs) > 1 and sys.stderr.isatty()
    try:
        with atomic_outputs() as writer:
            with click.progressbar(list(zip(inputs, dests)), label="redacting", file=sys.stderr,
                                   hidden=not show_progress) as items:
                for path, dest in items:
                    text, bom = read_input(path, encoding)
                    result = redactor.redact(text, subject=subject)
                    data = encode_text(result.text, bom, encoding)
                    if dest is None:
                        stdout_data.append(data)
                    else:
                        writer.add(dest, data)
                    per_file.append(_file_report(path, text, result))
            if report:
                writer.add(Path(report), _report(redactor, per_file))
    except InputError as exc:
        raise RedactCommandError(str(exc)) from None
    except OSError as exc:
        raise RedactCommandError(f"cannot write output: {exc.strerror}") from None
    for data in stdout_data:
        write_stdout(data)


def _file_report(path: str, text: str, result: Any) -> dict[str, Any]:
    return {
        "path": "<stdin>" if path == "-" else path,
        "chars": len(text),
        "findings": len(result.findings),
        "by_entity": dict(sorted(result.counts().items())),
        "by_letter": dict(sorted(result.letters().items())),
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


if __name__ == "__main__":  # pragma: no cover
    main()
