"""rustify.selection.select.select and rustify.selection.static_check.look on profiles built here."""

from __future__ import annotations

import ast
import io
import random
import textwrap
from pathlib import Path

import orjson
import pytest

from rustify import documents
from rustify.errors import UsageError
from rustify.records import (
    FunctionProfile, Observed, Profile, Program, Sample, Sampled, Source, StackFrame, StackSample,
)
from rustify.selection.select import SelectOptions, select
from rustify.sources import load_source
from rustify.selection.static_check import look

SOURCE = """\
import math


def hot(xs):
    total = 0.0
    for x in xs:
        total += math.sqrt(x)
    return total


def helper(xs):
    return [x * 2 for x in xs]


def warm(n):
    return n + 1


def cold(n):
    return n - 1


def gen(n):
    for i in range(n):
        yield i


async def fetch(x):
    return x


def never(x):
    return x


class Box:
    def size(self):
        return 1


def outer(x):
    def inner(y):
        return x + y
    return inner(1)
"""


# ---------------------------------------------------------------- building profiles


def def_lines(text: str) -> dict[str, int]:
    """qualname -> def line, computed here independently of rustify.sources."""
    found: dict[str, int] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[prefix + child.name] = child.lineno
                walk(child, f"{prefix}{child.name}.<locals>.")
            elif isinstance(child, ast.ClassDef):
                walk(child, f"{prefix}{child.name}.")

    walk(ast.parse(text), "")
    return found


def make_profile(folder: Path, percents: dict[str, float | tuple[float, float]], *, source: str = SOURCE,
                 file: str = "prog.py") -> Profile:
    """A profile of `source` saved as `folder/file` with the given self (and total) percents."""
    (folder / file).write_text(source)
    lines = def_lines(source)
    functions = []
    for qualname, pct in percents.items():
        self_pct, total_pct = pct if isinstance(pct, tuple) else (pct, pct)
        functions.append(FunctionProfile(
            id=f"{file}:{lines[qualname]}:{qualname}", qualname=qualname, file=file, line=lines[qualname],
            calls=10, self_seconds=self_pct / 100, total_seconds=total_pct / 100,
            self_percent=self_pct, total_percent=total_pct,
        ))
    program = Program(argv=[file], cwd=str(folder), profiler="cprofile")
    return Profile(program, 1.0, True, [Source(path=file, sha256="0" * 64)], functions)


def reasons(selection) -> tuple[dict[str, str], dict[str, str]]:
    return ({t.qualname: t.reason for t in selection.targets}, {s.qualname: s.reason for s in selection.skipped})


def fn_def(folder: Path, text: str, qualname: str):
    path = folder / "snippet.py"
    path.write_text(textwrap.dedent(text))
    found = load_source(path).by_qualname(qualname)
    assert found is not None
    return found


# ---------------------------------------------------------------- reasons and ordering


def test_reasons_for_threshold(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 42.1, "warm": 5.0, "cold": 1.04})
    chosen, skipped = reasons(select(profile, SelectOptions(threshold=5)))
    assert chosen == {"hot": "self 42.1% >= 5%", "warm": "self 5.0% >= 5%"}  # the threshold itself passes
    assert skipped == {"cold": "below threshold (self 1.0% < 5%)"}


def test_by_total(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": (10.0, 80.0), "warm": (60.0, 60.0), "cold": (1.0, 20.0)})
    chosen, skipped = reasons(select(profile, SelectOptions(threshold=50, by="total")))
    assert chosen == {"hot": "total 80.0% >= 50%", "warm": "total 60.0% >= 50%"}
    assert skipped == {"cold": "below threshold (total 20.0% < 50%)"}


def test_order_is_by_time_then_id_whatever_the_input_order(tmp_path: Path) -> None:
    percents = {"hot": 40.0, "warm": 20.0, "helper": 20.0, "cold": 30.0, "never": 2.0, "outer": 1.0}
    profile = make_profile(tmp_path, percents)
    first = select(profile, SelectOptions(threshold=10))
    expected = sorted(["hot", "warm", "helper", "cold"], key=lambda q: (-percents[q], profile_id(profile, q)))
    assert [t.qualname for t in first.targets] == expected
    assert [s.qualname for s in first.skipped] == ["never", "outer"]
    for seed in range(3):
        random.Random(seed).shuffle(profile.functions)
        again = select(profile, SelectOptions(threshold=10))
        assert [t.id for t in again.targets] == [t.id for t in first.targets]
        assert [s.id for s in again.skipped] == [s.id for s in first.skipped]


def profile_id(profile: Profile, qualname: str) -> str:
    return next(f.id for f in profile.functions if f.qualname == qualname)


def test_top_n_with_ties_is_deterministic(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 50.0, "warm": 20.0, "helper": 20.0, "cold": 1.0})
    tied = sorted(["warm", "helper"], key=lambda q: profile_id(profile, q))
    picks = set()
    for seed in range(4):
        random.Random(seed).shuffle(profile.functions)
        chosen, skipped = reasons(select(profile, SelectOptions(threshold=5, top=2)))
        picks.add(tuple(chosen))
        assert set(chosen) == {"hot", tied[0]}  # a tie goes to the smaller id
        assert skipped[tied[1]] == "not in --top 2"
        assert skipped["cold"].startswith("below threshold")
    assert len(picks) == 1


def test_top_counts_only_functions_over_the_threshold(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 50.0, "cold": 1.0})
    chosen, skipped = reasons(select(profile, SelectOptions(threshold=5, top=3)))
    assert list(chosen) == ["hot"]
    assert skipped["cold"].startswith("below threshold")


# ---------------------------------------------------------------- --function and --exclude


def test_named_function_wins_over_exclude(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 50.0, "helper": 30.0, "cold": 0.5})
    sel = select(profile, SelectOptions(threshold=5, functions=["hot"], exclude=["h*"]))
    chosen, skipped = reasons(sel)
    assert chosen == {"hot": "named by --function"}
    assert skipped["helper"] == "excluded by --exclude h*"
    assert sel.criteria.functions == ["hot"] and sel.criteria.exclude == ["h*"]


def test_named_functions_are_selected_whatever_their_time(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 50.0, "cold": 0.5, "warm": 0.0})
    chosen, _ = reasons(select(profile, SelectOptions(threshold=5, top=1, functions=["c*", "prog.py:*:warm"])))
    assert chosen == {"hot": "self 50.0% >= 5%", "cold": "named by --function", "warm": "named by --function"}


def test_excluded_functions_take_no_top_place(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 50.0, "warm": 20.0, "cold": 10.0})
    chosen, skipped = reasons(select(profile, SelectOptions(threshold=5, top=1, exclude=["hot"])))
    assert list(chosen) == ["warm"]
    assert skipped == {"hot": "excluded by --exclude hot", "cold": "not in --top 1"}


def test_untranslatable_functions_take_no_top_place(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"fetch": 60.0, "gen": 30.0, "hot": 5.0, "cold": 1.0})
    chosen, skipped = reasons(select(profile, SelectOptions(threshold=1, top=1)))
    assert list(chosen) == ["gen"]  # a generator translates (runtime gen.rs)
    assert skipped["fetch"] == "async def: not translatable"
    assert skipped["hot"] == "not in --top 1"


def test_a_named_async_def_is_still_skipped(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"fetch": 60.0})
    sel = select(profile, SelectOptions(threshold=5, functions=["fetch"]))
    assert sel.targets == []
    skip = next(s for s in sel.skipped if s.qualname == "fetch")
    assert "async def" in skip.reason


def test_a_generator_is_a_target_without_warnings(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"gen": 60.0})
    sel = select(profile, SelectOptions(threshold=5, functions=["gen"]))
    assert [t.qualname for t in sel.targets] == ["gen"]
    assert sel.targets[0].warnings == []


def test_unknown_function_names_close_matches(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 50.0, "helper": 1.0})
    with pytest.raises(UsageError, match="'hepler'.*did you mean helper") as info:
        select(profile, SelectOptions(functions=["hepler"]))
    assert info.value.exit_code == 2
    with pytest.raises(UsageError, match="'zzz'"):
        select(profile, SelectOptions(functions=["zzz"]))


@pytest.mark.parametrize("options, word", [
    (SelectOptions(by="wall"), "--by"),
    (SelectOptions(threshold=-1), "--threshold"),
    (SelectOptions(top=0), "--top"),
])
def test_bad_options(tmp_path: Path, options: SelectOptions, word: str) -> None:
    with pytest.raises(UsageError, match=word):
        select(make_profile(tmp_path, {"hot": 50.0}), options)


# ---------------------------------------------------------------- which functions are candidates


def test_threshold_zero_adds_uncalled_defs(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 90.0, "gen": 5.0})
    lines = def_lines(SOURCE)
    sel = select(profile, SelectOptions(threshold=0))
    chosen, skipped = reasons(sel)
    listed = set(chosen) | set(skipped)
    assert listed == set(lines)  # every def in the file, methods and nested ones included
    never = next(t for t in sel.targets if t.qualname == "never")
    assert never.calls == 0
    assert never.id == f"prog.py:{lines['never']}:never"
    assert skipped == {"fetch": "async def: not translatable"}
    # with a threshold above 0, functions that never ran are not listed at all
    sel = select(profile, SelectOptions(threshold=0.5))
    assert {t.qualname for t in sel.targets} | {s.qualname for s in sel.skipped} == {"hot", "gen"}


def test_library_functions_are_never_candidates(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 10.0})
    profile.functions.append(FunctionProfile(
        id="~:0:<built-in method builtins.sorted>", qualname="<built-in method builtins.sorted>", file="~",
        line=0, calls=5, self_seconds=0.9, total_seconds=0.9, self_percent=90.0, total_percent=90.0,
        user_code=False,
    ))
    sel = select(profile, SelectOptions(threshold=0))
    assert "~" not in {t.file for t in sel.targets} | {s.file for s in sel.skipped}


def test_missing_source_is_skipped_with_a_reason(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 50.0, "warm": 40.0})
    profile.functions[1].file = "gone.py"
    profile.functions[1].id = "gone.py:15:warm"
    chosen, skipped = reasons(select(profile, SelectOptions(threshold=5)))
    assert chosen == {"hot": "self 50.0% >= 5%"}
    assert skipped == {"warm": "source not found: cannot translate"}


def test_targets_carry_observed_and_samples_and_validate(tmp_path: Path) -> None:
    profile = make_profile(tmp_path, {"hot": 80.0, "cold": 1.0})
    hot = profile.functions[0]
    hot.observed = Observed(calls=3, args={"xs": {"list[float]": 3}}, ret={"float": 3})
    hot.samples = [Sample(args={"xs": [1.0, 4.0]})]
    sel = select(profile, SelectOptions(threshold=5))
    (target,) = sel.targets
    assert target.observed == hot.observed
    assert target.samples is None and sel.samples_of(target) == hot.samples
    assert target.types == {}
    assert sel.profile.program == profile.program
    assert [s.path for s in sel.sources] == ["prog.py"]
    out = io.BytesIO()
    documents.write_document(sel, "selection", stdout=out)  # validates against the schema
    doc = orjson.loads(out.getvalue())
    assert doc["targets"][0]["observed"]["return"] == {"float": 3}
    assert "samples" not in doc["targets"][0] and doc["samples"] == {target.id: [{"args": {"xs": [1.0, 4.0]}}]}


# ---------------------------------------------------------------- static look


NESTED_CLASS = """

class Shelf:
    class Lid:
        def open(self):
            return 2
"""


def test_methods_of_nested_classes_and_nested_functions_are_warned(tmp_path: Path) -> None:
    """A method of a module-level class is a target like a function; one of a nested class is not."""
    source = SOURCE + NESTED_CLASS
    profile = make_profile(tmp_path, {"Box.size": 30.0, "Shelf.Lid.open": 30.0, "outer.<locals>.inner": 30.0,
                                      "outer": 30.0}, source=source)
    sel = select(profile, SelectOptions(threshold=5))
    warnings = {t.qualname: [(w.construct, w.line) for w in t.warnings] for t in sel.targets}
    lines = def_lines(source)
    assert warnings["Box.size"] == []
    assert warnings["Shelf.Lid.open"] == [("method", lines["Shelf.Lid.open"])]
    assert warnings["outer.<locals>.inner"] == [("nested function", lines["outer.<locals>.inner"])]
    assert warnings["outer"] == [("nested function", lines["outer.<locals>.inner"])]  # it defines a closure


def test_look_plain_function_is_clean(tmp_path: Path) -> None:
    fn = fn_def(tmp_path, """\
        import math
        def norm(xs):
            return math.sqrt(sum(x * x for x in xs))
    """, "norm")
    result = look(fn)
    assert result.warnings == [] and result.fatal is None


def test_look_async_def_is_fatal(tmp_path: Path) -> None:
    fn = fn_def(tmp_path, """\
        import asyncio
        async def wait(x):
            await asyncio.sleep(0)
            return x
    """, "wait")
    result = look(fn)
    assert result.fatal is not None and "async" in result.fatal
    assert [(w.construct, w.line) for w in result.warnings] == [("async def", 2), ("await", 3)]


@pytest.mark.parametrize("source, construct, line", [
    ("def f(n):\n    yield n\n", "yield", 2),
    ("def f(n):\n    x = 1\n    yield from range(n)\n", "yield", 3),
])
def test_look_generators_translate(tmp_path: Path, source: str, construct: str, line: int) -> None:
    result = look(fn_def(tmp_path, source, "f"))
    assert result.fatal is None  # runtime gen.rs
    assert construct not in [w.construct for w in result.warnings]


def test_look_warns_about_dynamic_and_scoped_constructs(tmp_path: Path) -> None:
    text = """\
        COUNT = 0
        def f(code):
            global COUNT
            COUNT += 1
            value = eval(code)
            exec(code)
            def g():
                nonlocal value
                value = 2
            class Local:
                pass
            return value
    """
    result = look(fn_def(tmp_path, text, "f"))
    assert result.fatal is None
    found = [(w.construct, w.line) for w in result.warnings]
    assert ("global", 3) in found
    assert ("eval()", 5) in found
    assert ("exec()", 6) in found
    assert ("nested function", 7) in found
    assert ("class", 10) in found
    assert all(w.message for w in result.warnings)
    # g's own look sees the nonlocal write, and that it is nested
    inner = look(load_source(tmp_path / "snippet.py").by_qualname("f.<locals>.g"))
    assert [(w.construct, w.line) for w in inner.warnings] == [("nested function", 7), ("nonlocal", 8)]


# ---------------------------------------------------------------- callers promoted with their targets

CALLERS = """\
def hot(graph, s):
    return len(graph[s])


def driver(graph, sources):
    return [hot(graph, s) + side(s) for s in sources]


def side(s):
    return s * 2


def mixed(graph, sources):
    return [slow(s) for s in sources] + [hot(graph, s) for s in sources]


def slow(s):
    return sum(range(s))


def main():
    return driver({}, [])
"""


def stacks_profile(folder: Path, stacks: list[tuple[list[str], float]], percents: dict) -> Profile:
    profile = make_profile(folder, percents, source=CALLERS)
    lines = def_lines(CALLERS)
    names = sorted(lines)
    frames = [StackFrame(name=q, file="prog.py", line=lines[q]) for q in names]
    samples = [StackSample(frames=[names.index(q) for q in stack], seconds=s) for stack, s in stacks]
    profile.sampled = Sampled(source="rustify", seconds=sum(s for _, s in stacks), frames=frames, stacks=samples)
    return profile


def test_callers_living_in_their_targets_are_selected_with_them(tmp_path: Path) -> None:
    """A caller whose time is in targets and its own lines is selected too (the values it
    passes stay native); one that spends much of its time elsewhere is not; a function
    without parameters (a program's driver) is never promoted."""
    stacks = [(["main", "driver", "hot"], 0.80), (["main", "driver"], 0.08), (["main", "driver", "side"], 0.02),
              (["main", "mixed", "slow"], 0.05), (["main", "mixed", "hot"], 0.05)]
    percents = {"hot": (85.0, 85.0), "driver": (3.0, 90.0), "side": (2.0, 2.0), "mixed": (0.0, 10.0),
                "slow": (5.0, 5.0), "main": (0.0, 100.0)}
    profile = stacks_profile(tmp_path, stacks, percents)
    chosen, skipped = reasons(select(profile, SelectOptions(threshold=5)))
    assert chosen == {"hot": "self 85.0% >= 5%", "driver": "calls targets: 98% of its time in them or its own lines",
                      "slow": "self 5.0% >= 5%", "mixed": "calls targets: 100% of its time in them or its own lines"}
    assert skipped["main"].startswith("below threshold")
    # without the slow target, mixed spends half its time in code that stays Python
    percents["slow"] = (4.0, 4.0)
    chosen, _ = reasons(select(stacks_profile(tmp_path, stacks, percents), SelectOptions(threshold=5)))
    assert set(chosen) == {"hot", "driver"}
    # --top and --exclude are the user's word
    assert set(reasons(select(profile, SelectOptions(threshold=5, top=1)))[0]) == {"hot"}
    assert "driver" not in reasons(select(profile, SelectOptions(threshold=5, exclude=["driver"])))[0]
