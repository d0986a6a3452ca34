"""The rules of activation and `rustify run`, checked without building anything.

A function is swapped in only when it is `accelerated` *and* its parity was checked and
passed on at least one case; a stale source is reported only for a file the program
actually runs; a case too slow to check in Python is skipped, not counted as passed; a
program that fails under `rustify run` fails exactly as under `python`.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_support import run_cmd
from rustify import pytypes
from rustify.building import inputs, verification
from rustify.activation.activate import Swapper, plan
from rustify.building.build import BuildOptions, decide
from rustify.records import Bench, Build, BuiltFunction, Parity

pytestmark = pytest.mark.slow


def record(root: Path, functions: list[BuiltFunction]) -> Build:
    return Build(module="some_rs", root=str(root), functions=functions)


def function(name: str, sha: str, status: str = "accelerated", parity: Parity | None = None) -> BuiltFunction:
    return BuiltFunction(id=f"prog.py:1:{name}", status=status, qualname=name, file="prog.py", rust_name=name,
                         source_sha256=sha, parity=parity)


def test_only_functions_whose_parity_passed_are_planned(tmp_path: Path) -> None:
    source = tmp_path / "prog.py"
    source.write_text("def f(): pass\n")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    table, stale = plan([record(tmp_path, [
        function("checked", sha, parity=Parity(10, 10)),
        function("unverified", sha, parity=None),  # rustify-build --no-verify
        function("no_cases", sha, parity=Parity(0, 0)),
        function("failed_case", sha, parity=Parity(10, 9)),
        function("slow", sha, status="slower", parity=Parity(10, 10)),
    ])])
    assert sorted(table[str(source.resolve())]) == ["checked"]
    assert stale == {}


def test_stale_sources_are_reported_only_when_run(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "prog.py").write_text("def f(): pass\n")
    table, stale = plan([record(tmp_path, [function("f", "0" * 64, parity=Parity(1, 1))])])
    path = str((tmp_path / "prog.py").resolve())
    assert table == {} and stale == {path: ["f"]}
    assert capsys.readouterr().err == ""  # planning alone says nothing: the program may never load it
    swapper = Swapper(table, stale)
    swapper.warn_if_stale(path)
    swapper.warn_if_stale(path)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "changed since it was built: f stays Python" in err[0]


def test_unchecked_functions_are_not_accelerated() -> None:
    options = BuildOptions()
    assert decide(BuiltFunction("f.py:1:f", "accelerated"), options, installed=True) == "unverified"
    no_cases = BuiltFunction("f.py:1:f", "accelerated", parity=Parity(0, 0))
    assert decide(no_cases, options, installed=True) == "unverified"
    assert no_cases.error is not None and "no parity case" in no_cases.error
    passed = BuiltFunction("f.py:1:f", "accelerated", parity=Parity(3, 3), bench=Bench(2, 1, 2))
    assert decide(passed, options, installed=True) == "accelerated"


def test_cases_too_slow_in_python_are_skipped_not_passed() -> None:
    types = [pytypes.parse_type("int")]
    slow = sum(1 for case in inputs.cases(types) if case[0] == 7)
    assert slow > 0

    def original(x: int) -> int:
        if x == 7:
            time.sleep(10)  # interrupted by the per-case alarm
        return x

    previous = signal.signal(signal.SIGALRM, verification._on_alarm)
    try:
        result = verification.parity(types, [], original, original)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert result["failures"] == []
    assert result["cases"] == result["passed"] == len(inputs.cases(types)) - slow


@pytest.mark.parametrize("body", [
    'def f():\n    raise ValueError("boom")\n\nf()\n',
    'import sys\nprint("partial")\nsys.exit("fatal: bad input")\n',
    'x = (\n',
])
def test_run_fails_as_python_fails(tmp_path: Path, body: str) -> None:
    """A failing program: same stdout, stderr (traceback without rustify's frames) and exit code."""
    (tmp_path / "fails.py").write_text(body)
    plain = subprocess.run([sys.executable, "fails.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    done = run_cmd("rustify", "run", "fails.py", cwd=tmp_path)
    assert (done.returncode, done.stdout.decode(), done.stderr.decode()) == (plain.returncode, plain.stdout,
                                                                           plain.stderr)


def test_unreadable_activation_records_give_one_warning_line(tmp_path: Path, monkeypatch,
                                                               capsys: pytest.CaptureFixture) -> None:
    from rustify.activation import activate as activation
    from rustify.documents import write_document

    monkeypatch.setattr(activation, "registry_dir", lambda: tmp_path)
    for name in ("old_a_rs", "old_b_rs"):  # an older rustify's records: no document kind
        (tmp_path / f"{name}.json").write_text('{"module": "%s", "functions": []}' % name)
    write_document(record(tmp_path, [function("f", "0" * 64, parity=Parity(1, 1))]), "build", tmp_path / "some_rs.json")
    records = activation.load_records()
    assert [r.module for r in records] == ["some_rs"]
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "2 activation records" in err[0] and "old_a_rs, old_b_rs" in err[0], err
    (tmp_path / "old_b_rs.json").unlink()
    activation.load_records()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "old_a_rs.json: $.kind" in err[0], err


def test_kept_only_when_the_typical_repeat_was_faster() -> None:
    options = BuildOptions()

    def status(bench: Bench) -> str:
        return decide(BuiltFunction("f.py:1:f", "accelerated", parity=Parity(3, 3), bench=bench), options, installed=True)

    assert status(Bench(100, 110, 0.91, speedup_range=[0.85, 0.97])) == "slower"
    assert status(Bench(100, 103, 0.97, speedup_range=[0.85, 1.05])) == "slower"  # saves nothing: kept Python
    assert status(Bench(100, 99, 1.01, speedup_range=[0.9, 1.2])) == "accelerated"
    assert status(Bench(100, 130, 0.77)) == "slower"  # (no range: the median decides)
    assert status(Bench(100, 50, 2.0, speedup_range=[1.9, 2.1])) == "accelerated"
    assert decide(BuiltFunction("f.py:1:f", "accelerated", parity=Parity(3, 3),
                                bench=Bench(100, 110, 0.91, speedup_range=[0.85, 0.97])),
                  BuildOptions(keep_slower=True), installed=True) == "accelerated"


def test_the_benchmark_says_what_it_timed_and_how_sure_it_is() -> None:
    from rustify.building.verification import bench

    def f(xs):
        return sum(xs)

    result = bench(([1.0] * 100,), f, f, repeats=5, inputs_from="generated input")
    low, high = result["speedup_range"]
    assert low <= result["speedup"] <= high and result["repeats"] == 5 and result["inputs"] == "generated input"


def test_an_error_is_never_accelerated() -> None:
    broken = BuiltFunction("f.py:1:f", "accelerated", parity=Parity(3, 3), bench=Bench(2, 1, 2.0),
                           error="benchmark raised MemoryError")
    assert decide(broken, BuildOptions(), installed=True) == "parity-failed"


def test_the_plan_cache_follows_the_installed_records(tmp_path: Path, monkeypatch,
                                                      capsys: pytest.CaptureFixture) -> None:
    """`rustify run` reads one cached plan instead of every record, while the records are
    the ones it was made from; a new, removed or rewritten record makes it read them again,
    and a record that does not read is warned about on every run, cached or not."""
    import os

    from rustify.activation import activate as activation
    from rustify.documents import write_document

    monkeypatch.setattr(activation, "registry_dir", lambda: tmp_path)
    source = tmp_path / "prog.py"
    source.write_text("def f(x):\n    return x\n")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    write_document(record(tmp_path, [function("f", digest, parity=Parity(1, 1))]), "build", tmp_path / "a_rs.json")
    (tmp_path / "old_rs.json").write_text('{"module": "old_rs", "functions": []}')
    reads = []
    real = activation.load_records
    monkeypatch.setattr(activation, "load_records", lambda *a, **k: reads.append(1) or real(*a, **k))

    first = activation.installed_entries()
    assert [(e.qualname, e.module) for e in first] == [("f", "some_rs")] and len(reads) == 1
    assert (tmp_path / activation.PLAN_CACHE).exists()
    second = activation.installed_entries()
    assert second == first and len(reads) == 1  # from the cache
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("old_rs.json" in line for line in err), err  # warned both times

    write_document(record(tmp_path, [function("g", digest, parity=Parity(1, 1))]), "build", tmp_path / "b_rs.json")
    assert sorted(e.qualname for e in activation.installed_entries()) == ["f", "g"] and len(reads) == 2
    (tmp_path / "b_rs.json").unlink()
    assert [e.qualname for e in activation.installed_entries()] == ["f"] and len(reads) == 3
    (tmp_path / activation.PLAN_CACHE).write_text("not json")  # a damaged cache is rebuilt
    assert [e.qualname for e in activation.installed_entries()] == ["f"] and len(reads) == 4
    # rebuilt under the same name, now slower: its function must not be swapped from the cache
    write_document(record(tmp_path, [function("f", digest, status="slower", parity=Parity(1, 1))]), "build",
                   tmp_path / "a_rs.json")
    assert activation.installed_entries() == [] and len(reads) == 5
    write_document(record(tmp_path, [function("f", digest, parity=Parity(1, 1))]), "build", tmp_path / "a_rs.json")
    assert [e.qualname for e in activation.installed_entries()] == ["f"] and len(reads) == 6
    os.chmod(tmp_path, 0o500)  # a folder it cannot write: the records are read each time
    try:
        (tmp_path / activation.PLAN_CACHE).unlink(missing_ok=True) if os.access(tmp_path, os.W_OK) else None
        assert [e.qualname for e in activation.installed_entries()] == ["f"]
    finally:
        os.chmod(tmp_path, 0o700)
