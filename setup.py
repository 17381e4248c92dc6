"""Build step: compile redact's hot modules with Cython where that is possible.

Everything about the package is declared in ``pyproject.toml``; this file only adds optional
compiled modules. They are the same ``.py`` sources, compiled unchanged (no Cython syntax,
type annotations ignored), so there is one implementation and one behaviour: the compiled
modules only drop the interpreter's per-bytecode cost, which is most of what a scan of short
clinical notes spends (``bench/README.md``). A ``.pxd`` file beside a source
(``recognizers/base.pxd``, ``recognizers/names.pxd``) may declare, for the compiled build
only, that a class is an extension type with typed attributes and methods called directly;
Python never reads it. ``tests/test_compiled.py`` checks that compiled and pure-Python runs
give identical findings.

The build falls back to pure Python, with a warning, when Cython or a C compiler is missing or
a module fails to compile; ``REDACT_PURE_PYTHON=1`` asks for pure Python outright. A file
``redact/_build.py`` records the SHA-256 of each compiled source (with its ``.pxd``), so that
a compiled module left beside an edited source (an editable install) refuses to load instead
of silently running old code (:mod:`redact._fresh`).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent

# the scan's hot path: the recognizers and the engine that runs them, merges and rewrites
COMPILED = sorted(
    [str(p.relative_to(HERE)) for p in (HERE / "recognizers").glob("*.py")
     if p.name not in ("__init__.py", "presidio.py")]
    + ["redact/redactor.py", "redact/findings.py", "redact/operators.py"]
)
BUILD_INFO = HERE / "redact" / "_build.py"


class OptionalBuildExt(build_ext):
    """``build_ext`` that never fails the install: a module that cannot be compiled stays pure
    Python (same behaviour, slower)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no headers: pure Python it is
            for ext in self.extensions:
                self._drop_stale(ext)
            self.warn(f"redact: compiled modules skipped, installing pure Python ({exc})")

    def build_extension(self, ext) -> None:  # noqa: ANN001 (setuptools' Extension)
        try:
            super().build_extension(ext)
        except Exception as exc:
            self._drop_stale(ext)
            self.warn(f"redact: {ext.name} left pure Python ({exc})")

    def _drop_stale(self, ext) -> None:  # noqa: ANN001
        """Delete an earlier build's module for a source that did not compile now: the
        recorded digest is the new source's, so the old module would pass the freshness
        check and run the old code."""
        Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)


def _source_digest(path: Path) -> str:
    """``redact._fresh.source_digest``, loaded from its file: importing the package here
    would run the freshness check against the build being made."""
    spec = importlib.util.spec_from_file_location("_redact_fresh", HERE / "redact" / "_fresh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.source_digest(path)


def _write_build_info(sources: list[str]) -> None:
    digests = {src: _source_digest(HERE / src) for src in sources}
    lines = [
        '"""Written by setup.py at build time: the sources the compiled modules were built from.',
        "",
        "Not in version control. :mod:`redact._fresh` compares these digests with the sources",
        'beside the compiled modules, so a stale compiled module cannot run."""',
        "",
        "SOURCES = {",
        *(f"    {src!r}: {digest!r}," for src, digest in digests.items()),
        "}",
        "",
    ]
    BUILD_INFO.write_text("\n".join(lines), encoding="utf-8")


def _extensions() -> list:
    cythonize = None
    if os.environ.get("REDACT_PURE_PYTHON", "") in ("", "0"):
        try:
            from Cython.Build import cythonize
        except ImportError:
            print("redact: Cython not available, installing pure Python")
    extensions: list = []
    if cythonize is not None:
        try:
            extensions = cythonize(
                COMPILED,
                compiler_directives={
                    "language_level": 3,
                    # annotations are documentation here, not C types: keep Python semantics
                    "annotation_typing": False,
                },
                quiet=True,
                nthreads=os.cpu_count() or 1,
            )
        except Exception as exc:  # Cython rejected a module: install pure Python
            print(f"redact: Cython failed ({exc}), installing pure Python")
    # nothing recorded without compiled modules: one left from an earlier build refuses to load
    _write_build_info(COMPILED if extensions else [])
    return extensions


if __name__ == "__main__":  # pip's build backend runs this file as __main__; tests import it
    setup(
        ext_modules=_extensions(),
        cmdclass={"build_ext": OptionalBuildExt},
        options={"build_ext": {"parallel": os.cpu_count() or 1}},
    )
