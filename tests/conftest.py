"""Shared fixtures: run rustify's commands in subprocesses, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EXAMPLES = ROOT / "examples"


def run_cmd(name: str, *args: str, input: bytes | None = None, cwd: Path | str | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a console script (rustify-profile, ...) and capture stdout/stderr as bytes/text."""
    exe = BIN / name
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "rustify", name.removeprefix("rustify-"), *args]
    env = dict(os.environ)
    env.pop("RUSTIFY_DEBUG", None)
    return subprocess.run(cmd, input=input if input is not None else b"", capture_output=True, cwd=cwd or ROOT,
                          timeout=timeout, env=env)


@pytest.fixture(scope="session")
def euclidean_run() -> subprocess.CompletedProcess:
    """One real cProfile run of examples/euclidean.py (stdout and stderr), shared."""
    done = run_cmd("rustify-profile", "examples/euclidean.py")
    assert done.returncode == 0, done.stderr.decode()
    return done


@pytest.fixture(scope="session")
def euclidean_profile(euclidean_run: subprocess.CompletedProcess) -> bytes:
    """The profile document of that run, shared by the tests that read it."""
    return euclidean_run.stdout


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the expected IR/Rust text of tests/golden/*.test from the current translator")
