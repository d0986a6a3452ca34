"""Build the `rt_check` harness crate (tests/runtime/rt_check) and make it importable.

Shared by the pytest session fixture (test_rt.py) and the boundary benchmark
(bench_boundary.py).  The wheel goes to a caller-chosen temporary folder and is unpacked
there, so nothing is installed into the environment; cargo's output goes to the shared
cache (`rustify.toolchain.target_dir()`), so pyo3 is compiled once and rebuilds take seconds.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: maturin_support

from maturin_support import build_and_import, find_maturin  # noqa: E402,F401  (find_maturin: test_rt.py)
from rustify.generation import runtime_source  # noqa: E402

CRATE = Path(__file__).resolve().parent / "rt_check"


def build_rt_check(workdir: Path) -> ModuleType:
    """`maturin build --release` the harness into `workdir`, unpack the wheel, import it."""
    # build a copy whose src/rt.rs is the whole runtime, exactly as gen writes it into crates
    crate = workdir / "rt_check"
    shutil.copytree(CRATE, crate, ignore=shutil.ignore_patterns("target"))
    (crate / "src" / "rt.rs").write_text(runtime_source())
    return build_and_import(crate, workdir, "rt_check")[0]
