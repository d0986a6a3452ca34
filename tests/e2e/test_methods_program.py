"""End to end: a program whose time goes into methods of its classes.

`methods_program/bodies.py` moves bodies with a plain method (attribute reads and writes,
a private `self.__bounces`), a method its subclass overrides, a staticmethod and a
classmethod. One build: the README's pipe (`rustify-profile | rustify-select --threshold 5
| rustify-gen | rustify-build`, without benchmarks: this checks correctness, not speed),
then `rustify run` must print what python prints, with the methods swapped into their
classes, and `check_methods.py` compares everything a program can see of the methods and
their calls before and after activation (binding, signatures, names, CPython's messages
for bad calls), and which calls ran the translation.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import BIN, forget_modules, run_cmd

pytestmark = pytest.mark.slow

PROGRAM_DIR = Path(__file__).parent / "methods_program"
SCRIPT = "bodies.py"
MODULE = "methods_e2e_rs"
BUILD_TIMEOUT = 900
METHODS = ("Body.step", "Body.energy", "Heavy.energy", "Body.distance", "Body.lattice")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    forget_modules((MODULE,))
    root = tmp_path_factory.mktemp("methods")
    for source in PROGRAM_DIR.glob("*.py"):
        shutil.copy(source, root / source.name)
    plain = subprocess.run([sys.executable, SCRIPT], cwd=root, capture_output=True, timeout=120)
    assert plain.returncode == 0, plain.stderr.decode()
    b = {n: str(BIN / n) for n in ("rustify-profile", "rustify-select", "rustify-gen", "rustify-build")}
    pipe = (f"set -o pipefail; {b['rustify-profile']} {SCRIPT} 2>profile.err"
            f" | {b['rustify-select']} --threshold 5 2>select.err"
            f" | {b['rustify-gen']} --module {MODULE} --out crate -o generation.json 2>gen.err"
            f" && {b['rustify-build']} generation.json --no-bench -o build.json 2>build.err")
    env = dict(os.environ)
    env.pop("RUSTIFY_DEBUG", None)
    done = subprocess.run(["bash", "-c", pipe], cwd=root, capture_output=True, text=True, env=env,
                          timeout=BUILD_TIMEOUT)
    errors = {p.name: p.read_text() for p in root.glob("*.err")}
    assert done.returncode == 0, errors
    yield root, plain
    forget_modules((MODULE,))


def by_name(path: Path) -> dict[str, dict]:
    return {f["qualname"]: f for f in json.loads(path.read_text())["functions"]}


def test_hot_methods_are_translated_and_pass_parity(built) -> None:
    root, _ = built
    generation = by_name(root / "generation.json")
    build = by_name(root / "build.json")
    for name in METHODS:
        assert generation[name]["status"] == "translated", (name, generation[name].get("rejections"))
        assert generation[name]["rust_name"] == name
        assert build[name]["status"] == "accelerated", (name, build[name])
        parity = build[name]["parity"]
        assert parity["cases"] > 0 and parity["passed"] == parity["cases"], (name, parity)
    assert generation["Body.step"]["signature"].startswith("Body.step(self: object, dt: float)")


def test_run_prints_what_python_prints_with_the_methods_swapped(built) -> None:
    root, plain = built
    done = run_cmd("rustify", "run", "-v", SCRIPT, cwd=root, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == plain.stdout
    swapped = {line.split()[3] for line in done.stderr.decode().splitlines() if line.startswith("rustify run: swapped")}
    assert {f"{SCRIPT}:{name}" for name in METHODS} <= swapped  # (module functions of it may be swapped too)


def test_swapped_methods_bind_and_look_as_before(built) -> None:
    root, _ = built
    done = subprocess.run([sys.executable, "check_methods.py", MODULE], cwd=root, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["kinds"] == {"step": "rustified_function", "energy": "rustified_function",
                               "distance": "staticmethod", "lattice": "classmethod"}
    assert all(report["wrapped"].values()), report["wrapped"]
    assert report["differences"] == {}
    # calls that bind and fit the translation ran it; an int `dt`, a call that does not bind
    # (CPython's TypeError) and an int beyond 64 bits ran the original function
    assert report["fallbacks for translatable calls"] == {}
    assert report["fallbacks for the others"] == {"step": 2, "lattice": 1}
