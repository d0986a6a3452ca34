"""The report's parts on their own: escaping, counter-examples as calls, the flame graph's
tree, and the prediction's arithmetic when stacks, benchmarks or start-up times are missing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rustify import values
from rustify.records import Bench, LineTime, Sampled, StackFrame, StackSample, Startup
from rustify.report.calls import call_text
from rustify.report.collect import FunctionRow, ReportData
from rustify.report.flame import flame_graph, tree
from rustify.report.html import Markup, tag
from rustify.report.predict import predict


def test_text_is_escaped_and_markup_is_not():
    assert tag("td", "<b> & \"q\"", class_="a<b") == '<td class="a&lt;b">&lt;b&gt; &amp; &quot;q&quot;</td>'
    assert tag("p", tag("b", "x"), None, ["y", 1]) == "<p><b>x</b>y1</p>"
    assert tag("details", open=True, hidden=False, data_line=3) == '<details open data-line="3"></details>'
    assert isinstance(tag("i"), Markup)


@pytest.mark.parametrize("value,text", [
    ([1.0, math.nan, -0.0, math.inf], "[1.0, float('nan'), -0.0, float('inf')]"),
    ((1,), "(1,)"), (2**70, "1180591620717411303424"), ({(1, 2): {3}}, "{(1, 2): {3}}"),
    (b"\x00x", "b'\\x00x'"), ("é\n", "'é\\n'"), (set(), "set()"), (frozenset({1}), "frozenset({1})"),
    (np.array([[1.5, -math.inf]]), "np.array([[1.5, -float('inf')]], dtype='float64')"),
    (np.float64(2.5), "np.float64(2.5)"),
])
def test_counter_example_values_are_python_source(value, text):
    assert call_text("f", [values.encode(value)]) == f"f({text})"
    if not isinstance(value, np.ndarray) and not (isinstance(value, list) and math.nan in value):
        assert eval(text, {"np": np}) == value  # noqa: S307 - the point: it reads back


def test_counter_example_objects_by_their_attributes():
    obj = {"$object": {"class": "__main__.Particle", "state": {"x": 1.5, "tags": {"$tuple": ["a"]}}}}
    assert call_text("Particle.step", [[obj], {"$opaque": "re.Pattern"}]) == \
        "Particle.step([Particle(x=1.5, tags=('a',))], <a re.Pattern object>)"


def _sampled(stacks: list[tuple[list[int], float]]) -> Sampled:
    frames = [StackFrame("<module>", "p.py", 0), StackFrame("main", "p.py", 10), StackFrame("hot", "p.py", 1),
              StackFrame("inner", "p.py", 5), StackFrame("sorted", "~", 0)]
    return Sampled(source="rustify", seconds=sum(s for _, s in stacks),
                   lines=[LineTime("p.py", 2, 0.5)], frames=frames,
                   stacks=[StackSample(list(f), s) for f, s in stacks])


def test_the_flame_graph_adds_up_paths():
    sampled = _sampled([([0, 1, 2], 0.5), ([0, 1, 2, 3], 0.25), ([0, 1], 0.25)])
    root = tree(sampled)
    main = root.children[0].children[1]
    assert (root.seconds, main.seconds, main.children[2].seconds, main.children[2].children[3].seconds) == \
        (1.0, 1.0, 0.75, 0.25)
    svg = flame_graph(sampled, {"p.py:1:hot": "fl-native"}, {"p.py:1:hot": "fn-hot"})
    assert svg.count('class="fl-box"') == 4
    assert '<a href="#fn-hot"><g class="fl-box"><rect x="0.0" y="54" width="899.5"' in svg  # 0.75 of 1200 px
    assert "<title>inner (p.py:5): 0.250 s, 25.0%</title>" in svg and 'class="fl-library"' in svg


def _row(name: str, line: int, status: str = "accelerated", speedup: float | None = 2.0, calls: int | None = None,
         total: float = 50.0, inside: tuple[str, ...] = (), python_ns: float = 1e6) -> FunctionRow:
    bench = Bench(python_ns=python_ns, rust_ns=python_ns / speedup, speedup=speedup) if speedup else None
    return FunctionRow(id=f"p.py:{line}:{name}", qualname=name, file="p.py", line=line, status=status, calls=calls,
                       self_percent=total, total_percent=total, bench=bench, source_functions=[name, *inside])


def _data(rows, sampled=None, startup=None, profiler="cprofile", total=4.0) -> ReportData:
    return ReportData("b.json", "build", ["p.py"], "/x", profiler, total, rows, sampled=sampled, startup=startup)


def _shares(p) -> dict[str, float]:
    return {c.row.qualname: round(c.share, 9) for c in p.contributions}


def test_prediction_counts_the_outermost_accelerated_function_of_each_stack():
    # inner is called by hot (counted in hot's time) and by main directly (its own time)
    sampled = _sampled([([0, 1, 2], 0.4), ([0, 1, 2, 3], 0.2), ([0, 1, 3], 0.2), ([0, 1], 0.2)])
    p = predict(_data([_row("hot", 1, speedup=4.0), _row("inner", 5, speedup=2.0)], sampled))
    assert p.method == "sampled stacks" and p.inflation == 1.0  # no calls: no time measured by a benchmark
    assert _shares(p) == {"hot": 0.6, "inner": 0.2}
    assert p.saved == pytest.approx(0.6 * 0.75 + 0.2 * 0.5)
    assert p.speedup == pytest.approx(1 / (1 - p.saved))  # no start-up times: Amdahl alone
    assert "start-up times not measured" in " ".join(p.notes)
    assert "no benchmark gives the program's own time" in " ".join(p.notes)


def test_prediction_without_stacks_leaves_out_what_another_translation_includes():
    rows = [_row("hot", 1, speedup=4.0, total=60.0, inside=("inner",)), _row("inner", 5, total=30.0),
            _row("slow", 9, status="slower", speedup=0.5, total=10.0)]
    p = predict(_data(rows))
    assert p.method == "profile totals"
    assert _shares(p) == {"hot": 0.6, "inner": 0.0}
    assert p.saved == pytest.approx(0.45)


def test_measured_times_replace_the_profiled_ones_and_scale_the_rest():
    # the profile: hot 0.6 s, cheap 0.2 s, the rest 0.2 s; the benchmarks: hot's calls take
    # 0.3 s (half the profile's: the rest is halved too), cheap's benchmark is on a shortened sample
    sampled = _sampled([([0, 1, 2], 0.6), ([0, 1, 3], 0.2), ([0, 1], 0.2)])
    cheap = _row("inner", 5, speedup=2.0, calls=1000, python_ns=1e3)
    cheap.bench.inputs = "shortened captured sample"  # type: ignore[union-attr]
    p = predict(_data([_row("hot", 1, speedup=4.0, calls=100, python_ns=3e6), cheap], sampled, Startup(0.02, 0.08)))
    assert p.inflation == pytest.approx(2.0)
    assert {c.row.qualname: (round(c.seconds, 9), c.measured) for c in p.contributions} == {
        "hot": (0.3, True), "inner": (0.1, False)}
    program = 0.3 + 0.1 + 0.1
    assert p.python_seconds == pytest.approx(program + 0.02)
    assert p.rustify_seconds == pytest.approx(0.3 / 4 + 0.1 / 2 + 0.1 + 0.08)
    assert p.speedup == pytest.approx(p.python_seconds / p.rustify_seconds)


def test_a_py_spy_profile_is_the_program_s_own_time():
    sampled = _sampled([([0, 1, 2], 0.5), ([0, 1], 0.5)])
    p = predict(_data([_row("hot", 1, speedup=4.0, calls=0)], sampled, Startup(0.02, 0.08), profiler="py-spy"))
    assert (p.python_seconds, p.rustify_seconds) == pytest.approx((1.02, 0.5 / 4 + 0.5 + 0.08))
    assert p.notes == []


def test_prediction_without_benchmark_or_acceleration():
    p = predict(_data([_row("hot", 1, speedup=None)], _sampled([([0, 1, 2], 1.0)])))
    assert p.saved == 0 and p.speedup == 1.0 and "hot has no benchmark: counted as 1.0x" in p.notes
    p = predict(_data([_row("hot", 1, status="rejected")], _sampled([([0, 1, 2], 1.0)]), Startup(0.02, 0.08)))
    assert p.contributions == [] and p.speedup == pytest.approx((1.0 + 0.02) / (1.0 + 0.08))  # start-up only


def test_a_function_translated_with_its_caller_is_rust_under_it():
    sampled = _sampled([([0, 1, 2, 3], 0.5), ([0, 1, 3], 0.5)])  # inner: under hot, and called by main
    svg = flame_graph(sampled, {"p.py:1:hot": "fl-native", "p.py:5:inner": "fl-python"}, {},
                      {"p.py:1:hot": {"hot", "inner"}})
    assert 'class="fl-native"></rect><title>inner (p.py:5): 0.500 s, 50.0%, run as Rust inside its caller' in svg
    assert 'class="fl-python"></rect><title>inner (p.py:5): 0.500 s, 50.0%</title>' in svg
