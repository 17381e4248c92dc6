"""Every example in the README runs: Python blocks execute, console blocks give their output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from redact.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize("code", blocks("python"))
def test_python_examples(code):
    exec(compile(code, "README.md", "exec"), {})


def console_cases():
    for block in blocks("console"):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            cmd = lines[i][2:]
            out = []
            i += 1
            while i < len(lines) and not lines[i].startswith("$ "):
                out.append(lines[i])
                i += 1
            yield cmd, "\n".join(out) + "\n"


@pytest.mark.parametrize(("cmd", "expected"), list(console_cases()))
def test_console_examples(cmd, expected, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)  # paths like examples/...
    stdin = None
    if "|" in cmd:
        left, cmd = (part.strip() for part in cmd.split("|", 1))
        assert left.startswith("echo ")
        stdin = shlex.split(left)[1] + "\n"
    args = shlex.split(cmd)
    assert args[0] == "redact"
    res = CliRunner().invoke(main, args[1:], input=stdin)
    assert res.exit_code == 0, res.output
    assert res.output == expected


def test_setup_commands_are_documented():
    assert "pip install . && redact text examples/notes/discharge_summary.txt" in README
    assert "pip install -e '.[test]' && python -m pytest" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest" in ci
