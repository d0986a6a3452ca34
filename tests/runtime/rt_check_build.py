"""Build the `rt_check` harness crate (tests/runtime/rt_check) and make it importable.

Shared by the pytest session fixture (test_rt.py) and the boundary benchmark
(bench_boundary.py).  The wheel goes to a caller-chosen temporary folder and is unpacked
there, so nothing is installed into the environment; cargo's output goes to the shared
cache (`rustify.toolchain.target_dir()`), so pyo3 is compiled once and rebuilds take seconds.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from rustify.generation import runtime_source
from rustify.toolchain import target_dir
from types import ModuleType

CRATE = Path(__file__).resolve().parent / "rt_check"
TARGET_DIR = target_dir()  # the same shared cache rustify-build uses (RUSTIFY_CARGO_TARGET_DIR)


def find_maturin() -> str | None:
    """The maturin next to this interpreter, else the one on PATH."""
    local = Path(sys.executable).parent / "maturin"
    if local.exists():
        return str(local)
    return shutil.which("maturin")


def build_rt_check(workdir: Path) -> ModuleType:
    """`maturin build --release` the harness into `workdir`, unpack the wheel, import it."""
    maturin = find_maturin()
    if maturin is None:
        raise FileNotFoundError("maturin not found")
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(TARGET_DIR)
    wheels = workdir / "wheels"
    # build a copy whose src/rt.rs is the whole runtime, exactly as gen writes it into crates
    crate = workdir / "rt_check"
    shutil.copytree(CRATE, crate, ignore=shutil.ignore_patterns("target"))
    (crate / "src" / "rt.rs").write_text(runtime_source())
    cmd = [maturin, "build", "--release", "--interpreter", sys.executable,
           "--manifest-path", str(crate / "Cargo.toml"), "--out", str(wheels)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"maturin build failed ({done.returncode}):\n{done.stderr[-4000:]}")
    wheel = max(wheels.glob("rt_check-*.whl"), key=lambda p: p.stat().st_mtime)
    site = workdir / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    sys.path.insert(0, str(site))
    sys.modules.pop("rt_check", None)
    return importlib.import_module("rt_check")
