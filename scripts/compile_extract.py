"""Compile the extraction modules (src/ingest/extract) to C with mypyc; `make install` runs it.

    python scripts/compile_extract.py [--force]

Writes the build to src/ingest/extract/_compiled/ (not in git), with the digest of the sources
it was built from; `ingest.extract` loads it only while the sources still have that digest
(ingest.extract.compiled). Does nothing when the build is current; without a C compiler or
Python's headers it says so in one line and leaves extraction pure Python (exit 0).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from ingest.extract import compiled

_SETUP = """
import sys
from mypyc.build import mypycify
from setuptools import setup

setup(
    name="newsfacts-extract",
    ext_modules=mypycify(["--ignore-missing-imports", *sys.argv[3:]], opt_level="3"),
    script_args=["build_ext", "--build-lib", sys.argv[1], "--build-temp", sys.argv[2]],
)
"""


def missing_tools() -> str | None:
    """Why nothing can be compiled here, or None."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.is_file():
        return f"no Python headers ({headers})"
    return None


def build() -> None:
    digest = compiled.digest()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsfacts-mypyc-") as tmp:
        work = Path(tmp)
        src = work / "src"
        root = compiled.PACKAGE.parent.parent  # the folder holding the `ingest` package
        files = [str(p.relative_to(root)) for p in compiled.sources()]
        for rel in files:  # a copy: the build must not leave C or .so files beside the code
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, src / rel)
        for package in {(src / rel).parent for rel in files} | {src / "ingest"}:
            (package / "__init__.py").write_text("")  # without the finder: mypyc compiles the modules only
        (work / "setup.py").write_text(_SETUP)
        out = work / "lib"
        done = subprocess.run(
            [sys.executable, str(work / "setup.py"), str(out), str(work / "temp"), *files],
            cwd=src,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            sys.exit(  # a module mypyc cannot compile is an error to fix, like a type error
                "compile_extract: mypyc could not compile the extraction modules (they still run as pure "
                f"Python; the build's last output follows)\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
            )
        if compiled.digest() != digest:
            sys.exit("compile_extract: the sources changed during the build; run it again")
        shutil.rmtree(compiled.BUILD, ignore_errors=True)
        shutil.copytree(out, compiled.BUILD)
    compiled.DIGEST_FILE.write_text(digest + "\n")
    print(f"compiled {len(files)} extraction modules with mypyc in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="build even if the build is current")
    args = parser.parse_args()
    if compiled.built() and not args.force:
        return
    why = missing_tools()
    if why is not None:
        print(f"compile_extract: {why}: extraction runs as pure Python (the same facts, slower)")
        return
    build()


if __name__ == "__main__":
    main()
