"""`rustify run --build FILE` reads the build document through the schema: each problem is
one line naming the file and the place (all of them, sorted by place), exit status 2,
and the program does not run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import run_cmd


@pytest.mark.parametrize("content, expected", [
    (json.dumps({"kind": "rustify.build", "functions": 3}), "bad.json: $"),
    ("not json", "bad.json: not valid JSON"),
])
def test_a_bad_build_document_is_reported_not_run(tmp_path: Path, content: str, expected: str) -> None:
    (tmp_path / "bad.json").write_text(content)
    (tmp_path / "prog.py").write_text("print('ran')\n")
    done = run_cmd("rustify", "run", "--build", "bad.json", "prog.py", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2
    assert done.stdout == b""
    lines = stderr.strip().splitlines()
    assert all(line.startswith("rustify run: error: bad.json: ") for line in lines), stderr
    assert expected in stderr and "Traceback" not in stderr


def test_a_missing_build_document(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text("print('ran')\n")
    done = run_cmd("rustify", "run", "--build", "nosuch.json", "prog.py", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().strip() == "rustify run: error: nosuch.json: no such file"


def test_the_script_is_compiled_with_its_own_future_flags(tmp_path: Path) -> None:
    """rustify's modules use `from __future__ import annotations`; the program must not inherit it."""
    (tmp_path / "ann.py").write_text("def f(x: int) -> float:\n    return x\nprint(f.__annotations__)\n")
    done = run_cmd("rustify", "run", "ann.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == "{'x': <class 'int'>, 'return': <class 'float'>}\n"
