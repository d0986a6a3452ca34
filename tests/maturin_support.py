"""Build a crate with `maturin build --release` and import its extension straight from
the wheel, installing nothing: the one helper the runtime harness and the behaviour
tests share. cargo's output goes to rustify's shared target folder, so pyo3 compiles
once per environment."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

from rustify.building.toolchain import interpreter, target_dir


def find_maturin() -> str | None:
    """The maturin next to this interpreter, else the one on PATH."""
    local = Path(sys.executable).parent / "maturin"
    return str(local) if local.exists() else shutil.which("maturin")


def build_and_import(crate: Path, workdir: Path, module: str) -> tuple[ModuleType, str]:
    """The built extension `module`, imported, and cargo's output. RuntimeError when the
    build fails (with the end of its output)."""
    maturin = find_maturin()
    if maturin is None:
        raise FileNotFoundError("maturin not found")
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(target_dir())
    env.pop("RUSTFLAGS", None)
    wheels = workdir / "wheels"
    cmd = [maturin, "build", "--release", "--interpreter", interpreter(),
           "--manifest-path", str(crate / "Cargo.toml"), "--out", str(wheels)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800,
                          stdin=subprocess.DEVNULL)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise RuntimeError(f"maturin build failed ({done.returncode}):\n{output[-8000:]}")
    wheel = max(wheels.glob(f"{module}-*.whl"), key=lambda p: p.stat().st_mtime)
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if n.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))]
        assert len(names) == 1, names
        so = Path(zf.extract(names[0], workdir / "site"))
    spec = importlib.util.spec_from_file_location(module, so)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[module] = loaded
    spec.loader.exec_module(loaded)
    return loaded, output
