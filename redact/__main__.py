"""``python -m redact`` runs the CLI."""

from redact.cli import main

main(prog_name="redact")
