"""The optional compiled build (setup.py, Cython) changes speed, never findings.

The compiled modules are the same ``.py`` sources run without the interpreter loop; these
tests pin that: the findings of a compiled install equal those of the same sources run as
pure Python, and a compiled module built from older source refuses to load.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from redact import _fresh

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]

_FINDINGS = """
import json, sys
from pathlib import Path
from redact import Redactor
from redact._fresh import is_compiled
texts = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
r = Redactor()
import recognizers.base
out = {"compiled": is_compiled(), "imported": recognizers.base.__file__.rsplit(".", 1)[-1],
       "findings": [[[f.entity, f.start, f.end, f.score, f.recognizer] for f in r.analyze(t)]
                    for t in texts],
       "texts": [r.redact(t).text for t in texts]}
print(json.dumps(out))
"""


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/notes").glob("*"))]
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        from generate import generate
    except ImportError:  # faker missing: the examples alone
        return texts
    finally:
        sys.path.remove(str(ROOT / "bench"))
    notes = [n.text for n in generate(5, 150)]
    return texts + notes + [t.upper() for t in notes[:20]] + [t.lower() for t in notes[20:40]]


def _run(pythonpath: Path, texts_file: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    proc = subprocess.run([sys.executable, "-c", _FINDINGS, str(texts_file)], cwd=pythonpath,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_compiled_and_pure_python_find_the_same(tmp_path: Path) -> None:
    if not _fresh.compiled_modules():
        pytest.skip("pure-Python install (no compiler or REDACT_PURE_PYTHON=1): nothing to compare")
    pure = tmp_path / "pure"
    for package in ("redact", "recognizers"):
        shutil.copytree(ROOT / package, pure / package, ignore=shutil.ignore_patterns(
            "*.so", "*.pyd", "*.c", "_build.py", "__pycache__"))
    texts_file = tmp_path / "texts.json"
    texts_file.write_text(json.dumps(_texts()), encoding="utf-8")

    compiled = _run(ROOT, texts_file)
    python = _run(pure, texts_file)
    assert compiled["compiled"] is True and compiled["imported"] != "py"
    assert python["compiled"] is False and python["imported"] == "py"
    assert sum(map(len, compiled["findings"])) > 1000  # a real comparison, not two empty lists
    assert compiled["findings"] == python["findings"]
    assert compiled["texts"] == python["texts"]


def _fake_package(root: Path, source: str = "x = 1\n") -> Path:
    (root / "recognizers").mkdir(parents=True)
    py = root / "recognizers" / "names.py"
    py.write_text(source, encoding="utf-8")
    (root / "recognizers" / f"names{SUFFIX}").write_bytes(b"\x7fELF not really")
    return py


def test_stale_compiled_module_is_reported(tmp_path: Path) -> None:
    py = _fake_package(tmp_path)
    digest = hashlib.sha256(py.read_bytes()).hexdigest()
    assert _fresh.compiled_modules(tmp_path) == {
        "recognizers/names.py": tmp_path / "recognizers" / f"names{SUFFIX}"}
    assert _fresh.stale_modules(tmp_path, {"recognizers/names.py": digest}) == []
    py.write_text("x = 2\n", encoding="utf-8")  # edited after the build
    assert _fresh.stale_modules(tmp_path, {"recognizers/names.py": digest}) == [
        "recognizers/names.py"]
    assert _fresh.stale_modules(tmp_path, {}) == ["recognizers/names.py"]  # never recorded


def test_an_edited_pxd_makes_its_module_stale(tmp_path: Path) -> None:
    """The .pxd beside a source changes the compiled module too: it is part of the digest,
    and a module whose .pxd was added, edited or removed after the build is stale."""
    py = _fake_package(tmp_path)
    plain = _fresh.source_digest(py)
    assert plain == hashlib.sha256(py.read_bytes()).hexdigest()  # no .pxd: the source alone
    pxd = py.with_suffix(".pxd")
    pxd.write_text("cdef class _NameScan:\n    cdef public list tokens\n", encoding="utf-8")
    declared = _fresh.source_digest(py)
    assert declared != plain
    assert _fresh.stale_modules(tmp_path, {"recognizers/names.py": plain}) == [
        "recognizers/names.py"]
    assert _fresh.stale_modules(tmp_path, {"recognizers/names.py": declared}) == []
    pxd.write_text("cdef class _NameScan:\n    cdef public dict tokens\n", encoding="utf-8")
    assert _fresh.stale_modules(tmp_path, {"recognizers/names.py": declared}) == [
        "recognizers/names.py"]
    pxd.unlink()
    assert _fresh.stale_modules(tmp_path, {"recognizers/names.py": declared}) == [
        "recognizers/names.py"]


def test_the_build_records_the_freshness_digest(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    """setup.py records, for names.py, the digest the check computes (with names.pxd)."""
    module = _setup_py(monkeypatch, tmp_path)
    module._write_build_info(["recognizers/names.py", "recognizers/ssn.py"])
    record: dict = {}
    exec((tmp_path / "_build.py").read_text(encoding="utf-8"), record)
    assert (ROOT / "recognizers" / "names.pxd").exists()
    for src in ("recognizers/names.py", "recognizers/ssn.py"):
        assert record["SOURCES"][src] == _fresh.source_digest(ROOT / src)
    assert record["SOURCES"]["recognizers/ssn.py"] == hashlib.sha256(
        (ROOT / "recognizers" / "ssn.py").read_bytes()).hexdigest()


def test_stale_compiled_module_refuses_to_load(tmp_path: Path) -> None:
    _fake_package(tmp_path)
    with pytest.raises(ImportError, match=r"recognizers/names\.py.*pip install -e \."):
        _fresh.check(tmp_path)


def test_sources_without_compiled_modules_load(tmp_path: Path) -> None:
    (tmp_path / "recognizers").mkdir()
    (tmp_path / "recognizers" / "names.py").write_text("x = 1\n", encoding="utf-8")
    _fresh.check(tmp_path)  # nothing compiled: nothing to be stale
    assert _fresh.compiled_modules(tmp_path) == {}


def test_this_install_is_fresh() -> None:
    try:
        from redact._build import SOURCES
    except ImportError:  # sources on the path, never built
        SOURCES = {}  # noqa: N806
    assert _fresh.stale_modules(ROOT, SOURCES) == []
    if _fresh.compiled_modules():
        assert _fresh.is_compiled()


def _setup_py(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN202 - a module
    """setup.py as a module, writing its build record into ``tmp_path``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("redact_setup_py", ROOT / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "BUILD_INFO", tmp_path / "_build.py")
    monkeypatch.delenv("REDACT_PURE_PYTHON", raising=False)
    return module


def test_a_cython_failure_records_no_compiled_source(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    """Cython rejecting a module installs pure Python, and records no source as compiled:
    a module left from an earlier build then refuses to load instead of running old code."""
    import types

    def cythonize(*args: object, **kwargs: object) -> list:
        raise RuntimeError("Cython rejected a module")

    build = types.ModuleType("Cython.Build")
    build.cythonize = cythonize
    monkeypatch.setitem(sys.modules, "Cython", types.ModuleType("Cython"))
    monkeypatch.setitem(sys.modules, "Cython.Build", build)
    setup_py = _setup_py(monkeypatch, tmp_path)
    assert setup_py._extensions() == []
    record: dict = {}
    exec((tmp_path / "_build.py").read_text(encoding="utf-8"), record)
    assert record["SOURCES"] == {}


def test_a_module_that_fails_to_compile_leaves_no_old_build(monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    """The recorded digest is the new source's, so an earlier build's module for a source
    that no longer compiles must go, or it would pass the freshness check."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    setup_py = _setup_py(monkeypatch, tmp_path)

    def fails(self: object, ext: object) -> None:
        raise RuntimeError("gcc failed")

    monkeypatch.setattr(build_ext, "build_extension", fails)
    old = tmp_path / f"ssn{SUFFIX}"
    old.write_bytes(b"an earlier build")
    command = setup_py.OptionalBuildExt(Distribution())
    monkeypatch.setattr(command, "get_ext_fullpath", lambda name: str(old))
    command.build_extension(Extension("recognizers.ssn", ["recognizers/ssn.c"]))
    assert not old.exists()
