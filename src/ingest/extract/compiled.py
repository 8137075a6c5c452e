"""Extraction compiled to C with mypyc, used when it was built from the sources as they are.

`make install` builds the modules of this package with mypyc (scripts/compile_extract.py) into
`_compiled/`, with the digest of the sources it compiled; importing `ingest.extract` then puts a
finder first on `sys.meta_path` that loads the compiled modules, but only while every source
still has that digest: a module edited since is never shadowed by its old build, and the
package runs as pure Python until the next build (all modules or none, since compiled modules
call each other directly). Without a C compiler, or installed without the build, it is pure
Python. Both give the same facts (tests/extract/test_compiled.py).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).parent
BUILD = PACKAGE / "_compiled"
DIGEST_FILE = BUILD / "DIGEST"
_NOT_COMPILED = frozenset({"__init__.py", "compiled.py"})
_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def sources() -> list[Path]:
    """The modules mypyc compiles: every module of the package but its __init__s and this one."""
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in _NOT_COMPILED and BUILD not in p.parents)


def digest(paths: Sequence[Path] | None = None) -> str:
    """What a build was made from: the sources' names and bytes, and the interpreter."""
    h = hashlib.sha256(sys.version.encode())
    for p in paths if paths is not None else sources():
        h.update(str(p.relative_to(PACKAGE)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def built() -> bool:
    """Is there a build of the sources as they are now?"""
    try:
        return DIGEST_FILE.read_text().strip() == digest()
    except OSError:
        return False


class _CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds `ingest.extract.*` and mypyc's shared library in the build folder."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not (fullname.startswith("ingest.extract.") or fullname.endswith("__mypyc")):
            return None
        file = BUILD / (fullname.replace(".", "/") + _SUFFIX)
        if not file.is_file():
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def use_if_built() -> None:
    """Load the compiled modules from now on, if they were built from these sources."""
    if not any(isinstance(f, _CompiledFinder) for f in sys.meta_path) and built():
        sys.meta_path.insert(0, _CompiledFinder())


def forget() -> None:
    """Stop loading the compiled modules (before any is imported: a pure-Python run of a test)."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _CompiledFinder)]


def in_use() -> bool:
    """Are the extraction modules imported so far the compiled ones?"""
    from ingest.extract import text

    return not (text.__file__ or "").endswith(".py")
