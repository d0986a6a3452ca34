"""Line-level time and stacks: rustify's own sampler, the `sampled` part of a profile made from
a speedscope file (exact arithmetic on hand-made data), and `rustify-profile --speedscope`."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import orjson
import pytest

from cli_support import run_cmd
from rustify.profiling.sampled import sampled_from_speedscope
from rustify.profiling.sampler import StackSampler, loop_lines
from rustify.profiling.speedscope_export import speedscope_document
from rustify.profiling.speedscope_import import table_from_speedscope
from rustify.records import Profile, Program

SOURCE = """\
def leaf(n):
    return sum([i * i for i in range(n)])


def rec(n):
    if n:
        return rec(n - 1)
    return leaf(10)
"""
#: json.dumps's def line (a library frame's function is its def, as for the program's)
DUMPS = inspect.getsourcelines(json.dumps)[1]


def _spin(seconds: float) -> int:
    import time

    end = time.thread_time() + seconds
    n = 0
    while time.thread_time() < end:
        n += 1
    return n


def test_the_sampler_sees_the_running_line_under_its_calls(tmp_path):
    sampler = StackSampler(interval=0.001)
    sampler.start()
    try:
        _spin(0.2)
    finally:
        sampler.stop()
    assert sampler.seconds == pytest.approx(0.2, rel=0.3)  # weighted by CPU time, not by ticks
    data = sampler.speedscope()
    sampled = sampled_from_speedscope(data, Path(__file__).parent, source="rustify", interval=0.001)
    # the test function called start(): stacks begin below it, with _spin
    names = {tuple(sampled.frames[i].name for i in s.frames) for s in sampled.stacks}
    assert ("_spin",) in names
    spin_lines = range(_spin.__code__.co_firstlineno, _spin.__code__.co_firstlineno + 8)
    in_spin = sum(t.seconds for t in sampled.lines if t.file == "test_sampling.py" and t.line in spin_lines)
    assert in_spin > 0.9 * sampled.seconds


def _loop(n):
    t = 0
    for i in range(n):  # the loop's line: its time goes here, not to the body's last line
        t += i * i
        t -= i
    return t


def test_a_loop_s_time_is_on_its_own_line():
    first = _loop.__code__.co_firstlineno
    assert set(loop_lines(_loop.__code__).values()) == {first + 2}
    sampler = StackSampler(interval=0.001)
    sampler.start()
    try:
        import time

        end = time.thread_time() + 0.2
        while time.thread_time() < end:
            _loop(20_000)
    finally:
        sampler.stop()
    lines = {}
    for stack, seconds in sampler.stacks.items():
        code, line = stack[-1]
        if code is _loop.__code__:
            lines[line - first] = lines.get(line - first, 0.0) + seconds
    assert lines and lines.get(2, 0) > 0.8 * sum(lines.values()), lines


def test_a_program_with_its_own_handler_keeps_it():
    import signal

    mine = signal.signal(signal.SIGVTALRM, lambda *_: None)
    try:
        sampler = StackSampler()
        sampler.start()
        _spin(0.02)
        sampler.stop()
        assert sampler.stacks == {} and signal.getsignal(signal.SIGVTALRM) is not None
    finally:
        signal.signal(signal.SIGVTALRM, mine)


def _speedscope(tmp_path: Path) -> dict:
    (tmp_path / "m.py").write_text(SOURCE)
    f = str(tmp_path / "m.py")
    frames = [
        {"name": "<module>", "file": "<string>", "line": 3},  # 0: a launcher
        {"name": "run_path", "file": json.__file__, "line": 100},  # 1: a library frame below the program
        {"name": "<module>", "file": f, "line": 9},  # 2
        {"name": "rec", "file": f, "line": 7},  # 3: recursing
        {"name": "rec", "file": f, "line": 8},  # 4: calling leaf
        {"name": "leaf", "file": f, "line": 2},  # 5
        {"name": "leaf.<locals>.<listcomp>", "file": f, "line": 2},  # 6: folds into leaf
        {"name": "dumps", "file": json.__file__, "line": DUMPS + 2},  # 7: a library called by leaf
    ]
    samples = [[0, 1, 2, 3, 3, 4, 5, 6], [0, 1, 2, 3, 4, 5, 7], [0, 1, 2, 3], [0, 1]]
    weights = [400, 250, 150, 200]
    return {"shared": {"frames": frames},
            "profiles": [{"type": "sampled", "name": "t", "unit": "milliseconds", "samples": samples,
                          "weights": weights}]}


def test_lines_and_stacks_from_a_speedscope_file(tmp_path):
    sampled = sampled_from_speedscope(_speedscope(tmp_path), tmp_path, source="speedscope")
    assert sampled.seconds == 1.0 and sampled.source == "speedscope"
    # the innermost line of the program's own code: leaf's line 2 also for the time in json
    # (called from it), the launcher-only sample is nobody's line
    assert [(t.file, t.line, t.seconds) for t in sampled.lines] == [("m.py", 2, 0.65), ("m.py", 7, 0.15)]
    stacks = {tuple((sampled.frames[i].name, sampled.frames[i].line) for i in s.frames): s.seconds
              for s in sampled.stacks}
    assert stacks == {
        # launcher frames left out, recursion kept, the comprehension folded into leaf
        (("<module>", 0), ("rec", 5), ("rec", 5), ("rec", 5), ("leaf", 1)): 0.4,
        (("<module>", 0), ("rec", 5), ("rec", 5), ("leaf", 1), ("dumps", DUMPS)): 0.25,
        (("<module>", 0), ("rec", 5)): 0.15,
    }
    assert {f.file for f in sampled.frames if f.name != "dumps"} == {"m.py"}


def test_a_profile_written_as_speedscope_reads_back_the_same(tmp_path):
    sampled = sampled_from_speedscope(_speedscope(tmp_path), tmp_path, source="speedscope")
    profile = Profile(program=Program(argv=["m.py"], cwd=str(tmp_path), profiler="cprofile"), total_seconds=1.0,
                      types_known=True, sources=[], functions=[], sampled=sampled)
    document = speedscope_document(profile)
    assert document["shared"]["frames"][1] == {"name": "rec", "file": str(tmp_path / "m.py"), "line": 5}
    table = table_from_speedscope(orjson.loads(orjson.dumps(document)), tmp_path)
    assert {f.id: (f.self_seconds, f.total_seconds) for f in table.functions} == {
        "m.py:1:leaf": (0.4, 0.65), "m.py:5:rec": (0.15, 0.8)}


def test_cli_writes_speedscope_beside_the_profile(tmp_path):
    (tmp_path / "prog.py").write_text("def spin(n):\n    t = 0\n    for i in range(n):\n        t += i * i\n"
                                      "    return t\n\nprint(spin(3_000_000))\n")
    done = run_cmd("rustify-profile", "-o", "p.json", "--speedscope", "p.speedscope.json", "prog.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    profile = json.loads((tmp_path / "p.json").read_text())
    assert profile["sampled"]["source"] == "rustify" and profile["sampled"]["interval_seconds"] == 0.001
    hot = max(profile["sampled"]["lines"], key=lambda t: t["seconds"])
    assert hot["file"] == "prog.py" and hot["line"] in (3, 4)
    data = json.loads((tmp_path / "p.speedscope.json").read_text())
    assert {"name": "spin", "file": str(tmp_path / "prog.py"), "line": 1} in data["shared"]["frames"]
    back = run_cmd("rustify-profile", "--from-speedscope", "p.speedscope.json", cwd=tmp_path)
    assert back.returncode == 0 and json.loads(back.stdout)["functions"][0]["qualname"] == "spin"


def test_cli_speedscope_needs_samples(tmp_path):
    done = run_cmd("rustify-profile", "--from-pstats", "x.pstats", "--speedscope", "s.json", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "rustify-profile: error: --speedscope needs sampled stacks, which a pstats file does not have: "
        "profile the program itself"]
    done = run_cmd("rustify-profile", "--speedscope", "missing/s.json", "prog.py", cwd=tmp_path)
    assert done.returncode == 2
    assert "--speedscope missing/s.json: the folder missing does not exist" in done.stderr.decode()
