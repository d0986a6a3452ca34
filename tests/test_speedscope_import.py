"""Sampled profiles: exact arithmetic on hand-made speedscope data, a real py-spy run, errors."""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path

import orjson
import pytest

from rustify.errors import InputError, ToolError
from rustify.profiling import speedscope_import as ss
from rustify.profiling.speedscope_import import load_speedscope, record_with_pyspy, table_from_speedscope

SOURCE = """\
def leaf(n):
    return sum(i for i in range(n))


def rec(n):
    if n:
        return rec(n - 1)
    return leaf(10)


rec(3)
"""

PROGRAM = '''\
import json
import sys


def register(fn):
    return fn


@register
def hot(n):
    total = 0
    for i in range(n):
        total += sum(x * x for x in range(30))
        total += len([y + i for y in range(30)])
        for j in range(60):
            total += j * i
    return total


class Worker:
    def step(self, data):
        return json.dumps(data)


if __name__ == "__main__":
    print("CHILD-STDOUT")
    hot(int(sys.argv[1]))
    Worker().step([1, 2])
    sys.exit(int(sys.argv[2]))
'''


def speedscope(tmp_path: Path, unit: str = "milliseconds", scale: float = 1.0) -> dict:
    """Frames of SOURCE plus one stdlib frame; weights (in ms) chosen for round results."""
    (tmp_path / "m.py").write_text(SOURCE)
    f = str(tmp_path / "m.py")
    frames = [
        {"name": "<module>", "file": f, "line": 11},  # 0
        {"name": "rec", "file": f, "line": 7},  # 1: recursing
        {"name": "rec", "file": f, "line": 8},  # 2: calling leaf
        {"name": "leaf", "file": f, "line": 2},  # 3
        {"name": "leaf.<locals>.<genexpr>", "file": f, "line": 2},  # 4: folds into leaf
        {"name": "dumps", "file": json.__file__, "line": inspect.getsourcelines(json.dumps)[1] + 2},  # 5: library
    ]
    samples = [[0, 1, 1, 2, 3, 4], [0, 1, 1, 1], [0, 1, 2, 3], [0, 1, 5], [0]]
    weights = [400 * scale, 250 * scale, 150 * scale, 100 * scale, 100 * scale]
    return {"shared": {"frames": frames},
            "profiles": [{"type": "sampled", "name": "t", "unit": unit, "samples": samples, "weights": weights}]}


def rows(table) -> dict:
    return {f.id: (f.self_seconds, f.total_seconds, f.self_percent, f.total_percent) for f in table.functions}


@pytest.mark.parametrize("unit,scale", [("milliseconds", 1.0), ("seconds", 1e-3), ("microseconds", 1e3),
                                        ("nanoseconds", 1e6)])
def test_exact_self_and_total(tmp_path, unit, scale):
    table = table_from_speedscope(speedscope(tmp_path, unit, scale), tmp_path)
    assert table.total_seconds == 1.0
    # leaf: innermost in the first (via its genexpr) and third samples; rec: innermost in
    # the second, on the stack of four samples, counted once per sample despite recursion;
    # the library sample is nobody's self time, the module-only sample is in the total only
    assert rows(table) == {"m.py:1:leaf": (0.55, 0.55, 55.0, 55.0), "m.py:5:rec": (0.25, 0.9, 25.0, 90.0)}
    assert [f.qualname for f in table.functions] == ["leaf", "rec"]
    assert all(f.calls == 0 and f.user_code for f in table.functions)
    assert [s.path for s in table.sources] == ["m.py"]


def test_all_code_keeps_library_frames(tmp_path):
    table = table_from_speedscope(speedscope(tmp_path), tmp_path, all_code=True)
    [lib] = [f for f in table.functions if not f.user_code]
    assert lib.qualname == "dumps" and lib.file.endswith("json/__init__.py")
    assert (lib.self_seconds, lib.total_percent) == (0.1, 10.0)
    assert [s.path for s in table.sources] == ["m.py"]  # library files get no source entry


def test_threads_add_up_and_unit_none(tmp_path):
    data = speedscope(tmp_path)
    data["profiles"].append({"type": "sampled", "unit": "none", "samples": [[0, 1, 2, 3]], "weights": [3]})
    assert table_from_speedscope(data, tmp_path).total_seconds == 4.0  # one second per count without a rate
    table = table_from_speedscope(data, tmp_path, rate=100)
    assert table.total_seconds == 1.03
    assert rows(table)["m.py:1:leaf"][:2] == (0.58, 0.58)


def test_unreadable_frames_keep_profiler_names(tmp_path):
    data = {"shared": {"frames": [{"name": "f", "file": "gone.py", "line": 9}, {"name": "f", "file": "gone.py",
                                                                                  "line": 4}]},
            "profiles": [{"type": "sampled", "unit": "seconds", "samples": [[0], [1]], "weights": [1, 3]}]}
    table = table_from_speedscope(data, tmp_path)
    assert rows(table) == {"gone.py:4:f": (4.0, 4.0, 100.0, 100.0)} and table.sources == []


@pytest.mark.parametrize("mutate,where,message", [
    (lambda d: d["profiles"][0].update(weights={}), "$.profiles[0].weights", "expected a list"),
    (lambda d: d["profiles"][0]["weights"].pop(), "$.profiles[0].weights", "expected 5 weights"),
    (lambda d: d["profiles"][0].update(type="evented"), "$.profiles[0].type", "only sampled profiles"),
    (lambda d: d["profiles"][0]["samples"][1].append(99), "$.profiles[0].samples[1][4]", "frame index"),
    (lambda d: d["profiles"][0].update(unit="bytes"), "$.profiles[0].unit", "expected one of"),
    (lambda d: d["shared"]["frames"][2].pop("name"), "$.shared.frames[2].name", "expected a string"),
    (lambda d: d.pop("shared"), "$.shared.frames", "expected a list"),
])
def test_bad_documents_name_file_and_json_path(tmp_path, mutate, where, message):
    data = speedscope(tmp_path)
    mutate(data)
    path = tmp_path / "prof.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(InputError) as info:
        load_speedscope(path)
    assert str(info.value).startswith(f"{path}: {where}: ") and message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]"])
def test_garbage_files(tmp_path, content):
    path = tmp_path / "prof.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"^{path}: "):
        load_speedscope(path)
    with pytest.raises(InputError, match="missing.json"):
        load_speedscope(tmp_path / "missing.json")


def test_python_command_lines_run_under_the_status_launcher():
    launch = ss._launch_python
    assert launch(["python3", "-u", "-X", "dev", "s.py", "a"], "F")[1:4] == ["-u", "-X", "dev"]
    assert launch(["python3", "-u", "s.py", "a"], "F")[-4:] == ["F", "script", "s.py", "a"]
    assert launch(["python", "-m", "pkg", "-v"], "F")[-4:] == ["F", "-m", "pkg", "-v"]
    assert launch([sys.executable, "-c", "pass"], "F")[-3:] == ["F", "-c", "pass"]
    assert launch(["python", "-"], "F") is None and launch(["myapp", "x.py"], "F") is None


def test_real_pyspy_run(tmp_path, capfd):
    try:
        ss.find_pyspy()
    except ToolError:
        pytest.skip("py-spy is not installed")
    (tmp_path / "prog.py").write_text(PROGRAM)
    out = tmp_path / "prof.json"
    try:
        status = record_with_pyspy([sys.executable, "prog.py", "80000", "3"], out, rate=200, cwd=tmp_path)
    except ToolError as exc:
        if "ptrace" in str(exc) or "permission" in str(exc).lower():
            pytest.skip(f"py-spy cannot attach here: {exc}")
        raise
    assert status == 3  # py-spy itself exits 0: the launcher reports the program's status
    stdout, stderr = capfd.readouterr()
    assert stdout == "" and "CHILD-STDOUT" in stderr
    table = table_from_speedscope(load_speedscope(out), tmp_path)
    hot = table.functions[0]
    assert hot.qualname == "hot" and hot.self_percent > 50
    line = next(i for i, text in enumerate(PROGRAM.splitlines(), 1) if text.startswith("def hot("))
    assert hot.id == f"prog.py:{line}:hot"
    assert not [f for f in table.functions if "<" in f.qualname]
    assert all(f.user_code and f.total_percent <= 100 for f in table.functions)
    everything = table_from_speedscope(load_speedscope(out), tmp_path, all_code=True)
    assert any(not f.user_code for f in everything.functions)  # runpy, at least


def test_missing_pyspy(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolError, match="py-spy not found: pip install py-spy"):
        record_with_pyspy(["python", "x.py"], tmp_path / "o.json")
