"""Importing cProfile runs: defs not code objects, folded comprehensions, filters, errors."""

from __future__ import annotations

import hashlib
import marshal
import subprocess
import sys
from pathlib import Path

import pytest

from rustify.errors import InputError
from rustify.profiling.pstats_import import load_pstats, table_from_pstats

PROGRAM = '''\
import json
import sys


def register(fn):
    fn.registered = True
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


def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)


class Worker:
    def step(self, data):
        return json.dumps(data)


if __name__ == "__main__":
    hot(int(sys.argv[1]) if len(sys.argv) > 1 else 4000)
    rec(50)
    Worker().step({"a": [1, 2, 3]})
    sys.exit(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
'''


def def_line(text: str, name: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(f"def {name}("))


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, dict]:
    """One real `python -m cProfile -o` run of PROGRAM, shared by the tests below."""
    folder = tmp_path_factory.mktemp("pstats")
    (folder / "prog.py").write_text(PROGRAM)
    subprocess.run([sys.executable, "-m", "cProfile", "-o", "prog.prof", "prog.py"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)
    return folder, load_pstats(folder / "prog.prof")


def by_qualname(table) -> dict:
    return {f.qualname: f for f in table.functions}


def test_hot_function_first_with_def_line_id(run):
    folder, stats = run
    table = table_from_pstats(stats, folder)
    hot = table.functions[0]
    assert hot.qualname == "hot" and hot.self_percent > 50
    # decorated: cProfile says the decorator line, the id uses the def line
    assert hot.line == def_line(PROGRAM, "hot") and hot.id == f"prog.py:{hot.line}:hot"
    assert hot.file == "prog.py" and hot.calls == 1 and hot.user_code
    assert [f.self_seconds for f in table.functions] == sorted((f.self_seconds for f in table.functions), reverse=True)


def test_comprehensions_fold_into_their_def(run):
    folder, stats = run
    for table in (table_from_pstats(stats, folder), table_from_pstats(stats, folder, all_code=True)):
        assert not [f for f in table.functions if f.file == "prog.py" and "<" in f.qualname]
    raw = {name: tt for (file, _line, name), (_cc, _nc, tt, _ct, _c) in stats.items() if file.endswith("prog.py")}
    hot = by_qualname(table_from_pstats(stats, folder))["hot"]
    assert hot.self_seconds == pytest.approx(raw["hot"] + raw["<genexpr>"] + raw["<listcomp>"], abs=1e-8)


def test_recursion_methods_and_non_functions(run):
    folder, stats = run
    table = table_from_pstats(stats, folder)
    names = by_qualname(table)
    assert names["rec"].calls == 51 and names["rec"].total_percent <= 100
    assert names["rec"].id == f"prog.py:{def_line(PROGRAM, 'rec')}:rec"
    assert names["Worker.step"].id == f"prog.py:{def_line(PROGRAM, 'step')}:Worker.step"
    assert "<module>" not in names and "Worker" not in names  # module and class bodies are not functions
    assert table.total_seconds == round(sum(v[2] for v in stats.values()), 9)
    assert sum(f.self_percent for f in table.functions) <= 100.01


def test_library_code_only_with_all_code(run):
    folder, stats = run
    default = table_from_pstats(stats, folder)
    assert all(f.user_code and f.file == "prog.py" for f in default.functions)
    everything = table_from_pstats(stats, folder, all_code=True)
    builtin = by_qualname(everything)["<built-in method builtins.sum>"]
    assert (builtin.file, builtin.line, builtin.user_code) == ("~", 0, False)
    assert builtin.id == "~:0:<built-in method builtins.sum>"
    dumps = [f for f in everything.functions if f.qualname == "dumps"]
    assert dumps and not dumps[0].user_code and dumps[0].file.endswith("json/__init__.py")
    assert everything.total_seconds == default.total_seconds
    assert by_qualname(everything)["hot"].self_percent == by_qualname(default)["hot"].self_percent


def test_sources_carry_current_hash(run):
    folder, stats = run
    table = table_from_pstats(stats, folder, all_code=True)
    assert [(s.path, s.sha256) for s in table.sources] == [
        ("prog.py", hashlib.sha256((folder / "prog.py").read_bytes()).hexdigest())]


def test_exact_arithmetic_on_hand_made_stats(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("def outer(xs):\n    return [x for x in xs]\n\nlam = lambda: 0\n\nclass K:\n    pass\n")
    f = str(src)
    stats = {
        (f, 1, "outer"): (1, 1, 0.2, 0.5, {}),
        (f, 2, "<listcomp>"): (1, 1, 0.3, 0.3, {}),
        (f, 4, "<lambda>"): (1, 1, 0.05, 0.05, {}),  # no def around it: dropped
        (f, 6, "K"): (1, 1, 0.05, 0.05, {}),  # class body: dropped
        (f, 1, "<module>"): (1, 1, 0.1, 1.0, {}),
        ("~", 0, "<built-in method builtins.len>"): (3, 3, 0.3, 0.3, {}),
    }
    table = table_from_pstats(stats, tmp_path)
    assert table.total_seconds == 1.0
    [outer] = table.functions
    assert (outer.id, outer.calls, outer.self_seconds, outer.total_seconds) == ("m.py:1:outer", 1, 0.5, 0.5)
    assert (outer.self_percent, outer.total_percent) == (50.0, 50.0)
    assert [f.id for f in table_from_pstats(stats, tmp_path, all_code=True).functions] == [
        "m.py:1:outer", "~:0:<built-in method builtins.len>"]


def test_unreadable_source_keeps_profiler_names(tmp_path):
    stats = {("gone.py", 7, "f"): (2, 2, 0.25, 0.5, {}), ("<frozen x>", 3, "g"): (1, 1, 0.75, 0.75, {})}
    table = table_from_pstats(stats, tmp_path, all_code=True)
    assert [(f.id, f.self_percent, f.user_code) for f in table.functions] == [
        ("<frozen x>:3:g", 75.0, False), ("gone.py:7:f", 25.0, True)]
    assert table.sources == []


@pytest.mark.parametrize("content", [b"", b"garbage\n", b'{"kind": "rustify.profile"}', marshal.dumps([1, 2]),
                                     marshal.dumps({("f", "x", "g"): (1, 1, 0.0, 0.0, {})})])
def test_garbage_is_one_line_input_error(tmp_path, content):
    path = tmp_path / "bad.prof"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_pstats(path)
    text = str(info.value)
    assert text.startswith(f"{path}: not a cProfile/pstats file") and "\n" not in text


def test_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="missing.prof: not a cProfile/pstats file"):
        load_pstats(tmp_path / "missing.prof")
