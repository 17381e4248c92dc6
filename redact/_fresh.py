"""Refuse to run a compiled module that was built from other source than the one beside it.

``setup.py`` may compile the hot modules with Cython. Python imports a compiled module in
preference to the ``.py`` file next to it, so after an edit to ``recognizers/names.py`` in an
editable install, the old compiled ``names`` would go on running, silently: for a redaction
tool, old rules. The build records the SHA-256 of each source it compiled in
``redact/_build.py``; before any compiled module is imported, :func:`check` finds the compiled
files in the two packages and raises :class:`ImportError` naming those whose source changed
or was never recorded. It costs one directory listing per package and one hash per compiled
module (about a millisecond).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("redact", "recognizers")
_found: dict[Path, dict[str, Path]] = {}  # what check() found, per root


def compiled_modules(root: Path = ROOT) -> dict[str, Path]:
    """{'recognizers/names.py': path of its compiled module} for each compiled module found."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found: dict[str, Path] = {}
    for package in PACKAGES:
        try:
            entries = list(os.scandir(root / package))
        except OSError:
            continue
        for entry in entries:
            for suffix in suffixes:
                if entry.name.endswith(suffix):
                    stem = entry.name[: -len(suffix)]
                    found[f"{package}/{stem}.py"] = Path(entry.path)
                    break
    return found


def stale_modules(root: Path, sources: dict[str, str],
                  found: dict[str, Path] | None = None) -> list[str]:
    """Compiled modules under ``root`` (``found``, if already listed) whose ``.py`` differs
    from the digest recorded at build time (or has none recorded)."""
    stale = []
    for source in sorted(compiled_modules(root) if found is None else found):
        path = root / source
        if not path.exists():  # a wheel without sources: nothing else could run anyway
            continue
        if sources.get(source) != source_digest(path):
            stale.append(source)
    return stale


def source_digest(path: Path) -> str:
    """SHA-256 of what a compiled module is built from: the ``.py`` file and, if there is
    one beside it, the ``.pxd`` file whose declarations (C types for a class's attributes,
    methods called directly) the compiler applies to it. ``setup.py`` records these."""
    digest = hashlib.sha256(path.read_bytes())
    pxd = path.with_suffix(".pxd")
    if pxd.exists():
        digest.update(b"\0pxd\0" + pxd.read_bytes())
    return digest.hexdigest()


def check(root: Path = ROOT) -> None:
    """Raise ImportError if a compiled module is older than its source (once per process)."""
    if root in _found:
        return
    found = compiled_modules(root)
    if found:
        try:
            from redact._build import SOURCES
        except ImportError:
            SOURCES = {}  # noqa: N806
        stale = stale_modules(root, SOURCES, found)
        if stale:
            raise ImportError(
                "redact: compiled modules do not match their sources ("
                + ", ".join(stale)
                + "); rebuild them with `pip install -e .` (or `pip install .`), or delete the "
                "compiled files to run the sources as pure Python"
            )
    _found[root] = found


def is_compiled() -> bool:
    """Whether the scan runs compiled modules (Python imports a compiled module in preference
    to its source, and :func:`check` has made sure they match). Uses what the check at
    ``import redact`` listed: no second look at the disk."""
    check()
    return "recognizers/base.py" in _found[ROOT]


def build() -> str:
    """'compiled' or 'pure Python', for ``redact --version`` and the benchmarks."""
    return "compiled" if is_compiled() else "pure Python"
