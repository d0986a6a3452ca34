"""The runtime crate's own Rust unit tests (`cargo test` in rustify/runtime), with and
without its numpy part, run by `make test`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rustify.building import runtime_crate
from rustify.building.toolchain import interpreter, target_dir

pytestmark = pytest.mark.slow

CRATE = Path(runtime_crate.__file__).resolve().parent.parent / "runtime"


@pytest.mark.parametrize("features", [[], ["--features", "numpy"]], ids=["plain", "numpy"])
def test_cargo_test_passes(features: list[str]) -> None:
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("cargo is not installed")
    env = dict(os.environ, PYO3_PYTHON=interpreter(),
               CARGO_TARGET_DIR=str(target_dir().with_name(target_dir().name + "-rt-tests")))
    env.pop("RUSTFLAGS", None)
    done = subprocess.run([cargo, "test", "--quiet", *features], cwd=CRATE, env=env,
                          capture_output=True, text=True, timeout=1800, stdin=subprocess.DEVNULL)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    passed = sum(int(n) for n in re.findall(r"test result: ok\. (\d+) passed", output))
    assert passed >= 20, output[-2000:]


def test_the_shipped_copy_is_content_addressed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = runtime_crate.materialize()
    assert folder.parent == tmp_path / "rustify" / "runtime"
    assert folder.name == f"rustify-rt-{runtime_crate.runtime_hash()}"
    assert (folder / "src" / "lib.rs").read_bytes() == (CRATE / "src" / "lib.rs").read_bytes()
    assert runtime_crate.materialize() == folder  # written once
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".staging")]


def test_a_crate_whose_runtime_is_gone_names_the_fix(tmp_path: Path, monkeypatch) -> None:
    from rustify.errors import InputError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    crate = tmp_path / "crate"
    crate.mkdir()
    (crate / "Cargo.toml").write_text(f'[dependencies]\n{runtime_crate.PACKAGE} = {{ path = "{tmp_path}/old" }}\n')
    with pytest.raises(InputError, match="run rustify-gen again"):
        runtime_crate.ensure_for_crate(crate)
    # this version's copy, cleaned away with the cache, is written again
    spec = runtime_crate.dependency(numpy=False)
    shutil.rmtree(runtime_crate.runtime_root())
    (crate / "Cargo.toml").write_text(f"[dependencies]\n{runtime_crate.PACKAGE} = {spec}\n")
    runtime_crate.ensure_for_crate(crate)
    assert (runtime_crate.runtime_root() / f"rustify-rt-{runtime_crate.runtime_hash()}" / "Cargo.toml").exists()
