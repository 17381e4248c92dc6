"""The pre-commit hook, run by the real pre-commit tool in a scratch git repository.

This project is published to a scratch "hook repository" (a copy of the files a `pip install`
needs plus `.pre-commit-hooks.yaml`, committed with fixed dates so that the same sources give
the same commit), and a consumer repository points at it with `repo:` and `rev:` exactly as a
user would. pre-commit then clones it and pip-installs it into its own environment.

That install reaches PyPI (in the pre-commit subprocess; this process stays offline), which
takes about 20 seconds with a warm pip cache. The environment is kept in the pytest cache
(`.pytest_cache/d/redact-pre-commit`), keyed by the commit, so re-runs with unchanged sources
reuse it (`pre-commit gc` drops those of older sources). Set REDACT_SKIP_PRECOMMIT_TEST=1 to
skip this test where PyPI is unreachable.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomllib

from tests.test_scan import NOTE, VALUES, assert_no_values, without_hex_digests

ROOT = Path(__file__).resolve().parent.parent
NEW_PHONE = "(508) 555-0188"

pytestmark = pytest.mark.skipif(os.environ.get("REDACT_SKIP_PRECOMMIT_TEST") == "1",
                                reason="REDACT_SKIP_PRECOMMIT_TEST=1")


def git_env(home: Path) -> dict[str, str]:
    """An environment where no user or system git configuration (hooksPath, signing, ...)
    and no outer git process (GIT_DIR, GIT_INDEX_FILE) can interfere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.pop("REDACT_KEY", None)
    env.update({
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
        "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1",
    })
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 300,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd[:3]} failed ({proc.returncode}):\n{proc.stdout}\n"
                             f"{proc.stderr}")
    return proc


def publish_hook_repo(dest: Path, env: dict[str, str]) -> str:
    """Copy what `pip install .` needs and the hook manifest into a new git repo; its sha."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["setuptools"]["packages"]
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, dest / name)
    for pkg in packages:
        shutil.copytree(ROOT / pkg, dest / pkg,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.so",
                                                      "*.c", "_build.py"))
    run(["git", "init", "-q", "-b", "main"], dest, env)
    run(["git", "add", "-A"], dest, env)
    run(["git", "commit", "-q", "-m", "hook repo"], dest, env)
    return run(["git", "rev-parse", "HEAD"], dest, env).stdout.strip()


@pytest.fixture(scope="module")
def hook(request, tmp_path_factory):
    """(hook repo path, sha, env) with the hook's environment installed once."""
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    base = Path(cache.mkdir("redact-pre-commit")) if cache else \
        tmp_path_factory.mktemp("redact-pre-commit")
    home = base / "home"
    env = git_env(home)
    if home.exists():  # drop environments of earlier sources (each is a few hundred MB)
        run(precommit("gc"), base, env, check=False)
    sha = publish_hook_repo(base / "hook-repo", env)
    return base / "hook-repo", sha, env


_COMMIT_SUMMARY = re.compile(r"^\[[^\]\n]* [0-9a-f]{7,40}\][^\n]*\n?", re.M)


def precommit(*args: str) -> list[str]:
    return [sys.executable, "-m", "pre_commit", *args]


def test_hook_refuses_phi_without_printing_it(hook, tmp_path):
    hook_repo, sha, env = hook
    repo = tmp_path / "consumer"
    repo.mkdir()
    run(["git", "init", "-q", "-b", "main"], repo, env)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo}\n"
        f"    rev: {sha}\n"
        "    hooks:\n"
        "      - id: redact\n"
        "        args: [--baseline, .redact-baseline.json]\n", encoding="utf-8")
    (repo / "README.md").write_text("# Scheduling exports\n", encoding="utf-8")
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "init"], repo, env)
    run(precommit("install"), repo, env)
    started = time.monotonic()
    run(precommit("install-hooks"), repo, env, timeout=1200)
    print(f"pre-commit install-hooks: {time.monotonic() - started:.1f} s")

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        run(["git", "add", "-A"], repo, env)
        done = run(["git", "commit", "-m", message], repo, env, check=False)
        # git's own "[main 1a89f2c] message" line: a random hash, where any two digits of
        # a value can turn up by chance; the hook's output is what must not leak
        done.stdout = _COMMIT_SUMMARY.sub("", done.stdout)
        return done

    # 1. a file with a synthetic name, SSN and phone number: refused, nothing leaks
    data = repo / "exports" / "patients.txt"
    data.parent.mkdir()
    data.write_text(NOTE, encoding="utf-8")
    refused = commit("add export")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "redact (PHI scan)" in output and "Failed" in output
    for entity in ("NAME [A]", "SSN [G]", "PHONE [D]"):
        assert "exports/patients.txt:" in output and entity in output, output
    assert "***-**-****" in output
    assert_no_values(output)
    assert run(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "1"

    # 2. reviewed and accepted into the baseline: the commit passes
    accept = run([sys.executable, "-m", "redact", "scan", "--baseline",
                  ".redact-baseline.json", "--update-baseline", "exports/patients.txt"],
                 repo, env)
    assert "3 fingerprints added" in accept.stderr
    baseline_text = (repo / ".redact-baseline.json").read_text(encoding="utf-8")
    assert_no_values(without_hex_digests(baseline_text), min_digits=3)
    passed = commit("add export, accepted")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert_no_values(passed.stdout + passed.stderr)

    # 3. the same values moved to other lines (and another file): no new alert
    data.write_text("Weekly export\n\n" + "\n".join(reversed(NOTE.splitlines()))
                    + "\n", encoding="utf-8")
    (repo / "exports" / "copy.md").write_text("# Copy\n\n" + NOTE, encoding="utf-8")
    moved = commit("move lines")
    assert moved.returncode == 0, moved.stdout + moved.stderr

    # 4. a value not in the baseline is refused; removing it lets the commit pass
    with data.open("a", encoding="utf-8") as fh:
        fh.write(f"Alternate phone: {NEW_PHONE}\n")
    refused = commit("new phone")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "PHONE [D]" in output, output
    assert "NAME [A]" not in output and "SSN [G]" not in output
    assert_no_values(output, VALUES + [NEW_PHONE])
    data.write_text(data.read_text(encoding="utf-8").replace(
        f"Alternate phone: {NEW_PHONE}", "Alternate phone: see chart"), encoding="utf-8")
    removed = commit("new phone removed")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert run(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "4"


def test_hook_manifest():
    """The manifest a consumer's `repo:` resolves: id redact, entry `redact scan`, python."""
    import yaml  # a pre-commit dependency

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert by_id["redact"]["entry"] == "redact scan"
    assert by_id["redact"]["language"] == "python"
    from pre_commit.clientlib import load_manifest

    assert load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))[0]["id"] == "redact"
