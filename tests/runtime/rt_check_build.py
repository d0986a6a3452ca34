"""Build the `rt_check` harness crate (tests/runtime/rt_check) and make it importable.

Shared by the pytest session fixture (test_rt.py) and the boundary benchmark
(bench_boundary.py).  The wheel goes to a caller-chosen temporary folder and is unpacked
there, so nothing is installed into the environment; cargo's output goes to the shared
cache (`rustify.building.toolchain.target_dir()`), so pyo3 is compiled once and rebuilds take seconds.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: maturin_support

from maturin_support import build_and_import, find_maturin  # noqa: E402,F401  (find_maturin: test_rt.py)
from rustify.building import runtime_crate  # noqa: E402

CRATE = Path(__file__).resolve().parent / "rt_check"


def build_rt_check(workdir: Path) -> ModuleType:
    """`maturin build --release` the harness into `workdir`, unpack the wheel, import it."""
    # a copy that depends on the runtime exactly as generated crates do (the cached copy)
    crate = workdir / "rt_check"
    shutil.copytree(CRATE, crate, ignore=shutil.ignore_patterns("target"))
    manifest = crate / "Cargo.toml"
    spec = runtime_crate.dependency(numpy=False)
    manifest.write_text(manifest.read_text().replace('indexmap = "2"', f"{runtime_crate.PACKAGE} = {spec}"))
    return build_and_import(crate, workdir, "rt_check")[0]
