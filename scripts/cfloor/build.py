"""Compile kernels.c for the running interpreter and import it, with gcc alone.

No setuptools and nothing installed: the module is built from this Python's headers
(sysconfig) into a cache folder keyed by the source, the flags and the interpreter, so
`make bench` compiles it once (about a second) and reuses it after. The flags are part of
the floor's definition: -O2 and -ffp-contract=off (no fused multiply-add), never
-ffast-math, so the C code does the float operations the Python code does, in its order.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

from rustify.building.toolchain import cache_dir

SOURCE = Path(__file__).resolve().with_name("kernels.c")
#: -DNDEBUG as CPython's own builds: without it the API's inline functions keep their asserts
FLAGS = ["-O2", "-ffp-contract=off", "-DNDEBUG", "-fPIC", "-shared", "-Wall"]
MODULE = "_cfloor"


class FloorUnavailable(RuntimeError):
    """The C floor cannot be built here; the message is one line saying why and what to do."""


def compiler() -> str:
    cc = os.environ.get("RUSTIFY_CFLOOR_CC", "gcc")
    found = shutil.which(cc)
    if found is None:
        raise FloorUnavailable(f"C floor: `{cc}` not found on PATH; install gcc (apt-get install gcc) "
                               "or pass --no-floor")
    return found


def python_include() -> str:
    include = sysconfig.get_paths()["include"]
    if not (Path(include) / "Python.h").is_file():
        raise FloorUnavailable(f"C floor: Python.h not found in {include}; install this Python's headers "
                               f"(python{sys.version_info[0]}.{sys.version_info[1]}-dev) or pass --no-floor")
    return include


def build(out_dir: Path | None = None) -> Path:
    """The compiled extension's path, compiled now unless the cache already holds it."""
    cc, include = compiler(), python_include()
    source = SOURCE.read_bytes()
    key = hashlib.sha256(b"\0".join([source, " ".join(FLAGS).encode(), sys.version.encode(),
                                     cc.encode()])).hexdigest()[:16]
    folder = (out_dir or cache_dir() / "cfloor") / key
    target = folder / f"{MODULE}{sysconfig.get_config_var('EXT_SUFFIX')}"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    done = subprocess.run([cc, *FLAGS, f"-I{include}", str(SOURCE), "-o", str(partial), "-lm"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        first = next((line for line in done.stderr.splitlines() if "error" in line), done.stderr.strip())
        raise FloorUnavailable(f"C floor: {Path(cc).name} failed on {SOURCE.name}: {first}")
    partial.replace(target)  # whole or not at all, also with two builds at once
    return target


def load(out_dir: Path | None = None) -> ModuleType:
    """The `_cfloor` module, built if needed."""
    path = build(out_dir)
    spec = importlib.util.spec_from_file_location(MODULE, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
