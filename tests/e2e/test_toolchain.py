"""Missing cargo or maturin: one line saying how to install it, from the library and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rustify.errors import ToolError
from rustify.building.toolchain import find_cargo, find_maturin

pytestmark = pytest.mark.slow


@pytest.fixture
def bare_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH with nothing on it, a home without ~/.cargo, and no CARGO_HOME."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CARGO_HOME", raising=False)
    return tmp_path


def test_find_cargo_says_how_to_install(bare_path: Path) -> None:
    with pytest.raises(ToolError) as info:
        find_cargo()
    message = str(info.value)
    assert message.startswith("cargo not found:") and "https://rustup.rs" in message


def test_find_cargo_looks_in_cargo_home(bare_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cargo = bare_path / "cargo-home" / "bin" / "cargo"
    cargo.parent.mkdir(parents=True)
    cargo.write_text("#!/bin/sh\n")
    cargo.chmod(0o755)
    monkeypatch.setenv("CARGO_HOME", str(bare_path / "cargo-home"))
    assert find_cargo() == str(cargo)


def test_find_maturin_says_how_to_install(bare_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(bare_path / "venv" / "bin" / "python"))
    with pytest.raises(ToolError) as info:
        find_maturin()
    message = str(info.value)
    assert message.startswith("maturin not found:") and "pip install maturin" in message


def test_build_without_cargo_is_one_line(tmp_path: Path) -> None:
    crate = tmp_path / "crate"
    crate.mkdir()
    (crate / "Cargo.toml").write_text('[package]\nname = "nothing_rs"\nversion = "0.1.0"\n')
    doc = tmp_path / "generation.json"
    doc.write_text(json.dumps({"kind": "rustify.generation", "schema_version": 1,
                               "crate": {"path": str(crate), "module": "nothing_rs"}, "functions": []}))
    env = {k: v for k, v in os.environ.items() if k not in ("CARGO_HOME", "RUSTIFY_DEBUG")}
    env.update(PATH="/nonexistent", HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "rustify", "build", str(doc)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("rustify: error: cargo not found: ") and "rustup.rs" in lines[0]
