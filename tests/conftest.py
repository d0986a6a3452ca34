"""Shared fixtures: run rustify's commands in subprocesses, as a user would."""

from __future__ import annotations

import os
import subprocess
import tempfile

import pytest

from cli_support import run_cmd

# builds this session makes are reused only within it (rustify/building/build_cache.py): a rerun of
# the suite compiles and checks again, as on a fresh machine
os.environ["RUSTIFY_BUILD_CACHE"] = tempfile.mkdtemp(prefix="rustify-test-builds-")


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
