"""Parity's comparisons, on plain Python stand-ins for a translation (no build): what
counts as a difference (identity, exception args, rebound globals) and its wording."""

from __future__ import annotations

import signal
import sys
import types

import pytest

from rustify import pytypes
from rustify.building import identity, verification
from rustify.records import Crate, GeneratedFunction, Generation, Sample


@pytest.fixture(autouse=True)
def alarm():
    signal.signal(signal.SIGALRM, verification._on_alarm)


def test_sharing_finds_arguments_inside_results_and_repeats() -> None:
    a, b = [1], {"k": [2]}
    assert identity.sharing(a, (a,)) == (("$", "args[0]"),)
    assert identity.sharing((a, 3), (a,)) == (("$[0]", "args[0]"),)
    assert identity.sharing(b["k"], ({"x": 1}, b)) == (("$", "args[1]['k']"),)
    row = [0]
    assert identity.sharing([row, row], ()) == (("$[1]", "$[0]"),)
    assert identity.sharing([list(a)], (a,)) == ()
    assert identity.sharing(5, (5,)) == ()  # immutable values: sharing is not observable


def test_a_copy_where_python_returns_the_argument_is_a_difference() -> None:
    def original(d):
        d["x"] = 1
        return d

    def copying(d):
        d["x"] = 1
        return dict(d)

    failure = verification.compare(({},), original, copying)
    assert failure is not None
    assert failure["difference"] == ("identity differs: in Python $ is args[0], in the translation it is a new object")
    assert verification.compare(({},), original, original) is None


def test_a_found_inner_object_must_be_the_same_object() -> None:
    def original(groups, k):
        return groups.get(k, [])

    def copying(groups, k):
        return list(groups.get(k, []))

    failure = verification.compare(({"a": [1]}, "a"), original, copying)
    assert failure is not None and "args[0]['a']" in failure["difference"]


def test_exception_args_are_compared() -> None:
    def original(x):
        raise ValueError

    def empty_message(x):
        raise ValueError("")

    failure = verification.compare((1,), original, empty_message)
    assert failure is not None
    assert "()" in failure["difference"] and "('',)" in failure["difference"]
    assert verification.compare((1,), original, original) is None


def _module(source: str) -> types.ModuleType:
    module = types.ModuleType("rustify_test_rebinding")
    exec(source, vars(module))
    return module


SOURCE = """
SCALE = 2.0

def helper(x):
    return x + 1.0

def scaled(x):
    return helper(x) * SCALE
"""


def test_rebinding_parity_catches_a_baked_constant_and_helper() -> None:
    module = _module(SOURCE)
    reads = [{"name": "SCALE", "kind": "constant"}, {"name": "helper", "kind": "function"}]

    def baked(x):  # what a translation that ignored rebinding would do
        return (x + 1.0) * 2.0

    checked, failures = verification.rebinding_parity([(1.0,), (2.0,)], module, reads, module.scaled, baked)
    assert checked == 1 and len(failures) == 1
    assert failures[0]["difference"].startswith("with SCALE, helper rebound: ")
    assert module.SCALE == 2.0 and module.helper(1.0) == 2.0, "restored afterwards"


def test_rebinding_parity_counts_calls_of_a_rebound_helper() -> None:
    module = _module(SOURCE.replace("* SCALE", "* 0.0"))
    reads = [{"name": "helper", "kind": "function"}]

    def baked(x):  # the same value either way; only the calls tell
        return (x + 1.0) * 0.0

    _, failures = verification.rebinding_parity([(1.0,)], module, reads, module.scaled, baked)
    assert failures and "calls of rebound functions" in failures[0]["difference"]


def test_rebinding_parity_passes_a_translation_that_follows() -> None:
    module = _module(SOURCE)
    reads = [{"name": "SCALE", "kind": "constant"}, {"name": "helper", "kind": "function"}]

    def follows(x):
        return module.helper(x) * module.SCALE

    checked, failures = verification.rebinding_parity([(1.0,), (2.0,)], module, reads, module.scaled, follows)
    assert (checked, failures) == (2, [])


@pytest.mark.parametrize("value, changed", [(True, False), (3, 4), (2.0, 1.25), (-0.0, 0.25)])
def test_changed_values_keep_the_type(value, changed) -> None:
    out = verification.changed_value(value)
    assert type(out) is type(value) and out == changed


def test_cases_where_the_original_runs_out_of_memory_are_skipped_with_the_reason() -> None:
    from rustify import pytypes
    from rustify.building.verification import parity

    def original(n):
        if n > 1000:
            raise MemoryError
        return n + 1

    def translated(n):
        if n > 1000:
            raise AssertionError("must not run where the original ran out of memory")
        return n + 1

    result = parity([pytypes.parse_type("int")], [(5,), (10**6,)], original, translated)
    assert result["failures"] == [] and result["cases"] == result["passed"] > 0
    assert result["skipped"]["the original ran out of memory"] >= 1


# ---------------------------------------------------------------- instances of user classes


PARTICLES = '''
class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v
        self.trail = []


def step(p, dt):
    p.trail.append(p.x)
    p.x = p.x + p.v * dt
    return p.x


print("the program: never run by parity checks")
'''


def _sample(x: float = 1.0, cls: str = "__main__.Particle") -> dict:
    """A sample as a profiled script records it: its classes are `__main__.X`."""
    return {"p": {"$object": {"class": cls, "state": {"x": x, "v": 2.0, "trail": []}}}, "dt": 0.5}


@pytest.fixture
def particles(tmp_path, monkeypatch) -> types.ModuleType:
    """particles.py loaded as parity loads a script: its definitions, under another name."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    (tmp_path / "particles.py").write_text(PARTICLES)
    step = verification.load_original(str(tmp_path), "particles.py", "step", {}, script=True)
    return sys.modules[step.__module__]


@pytest.fixture
def no_generated_inputs(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("inputs must not be generated for a parameter holding instances")

    monkeypatch.setattr(verification.inputs, "cases", refuse)


def _captured(module: types.ModuleType, sample: dict) -> verification.Captured:
    return verification.Captured(sample, verification.class_resolver(module, "__main__"))


def _forgets_the_attribute(p, dt):  # a translation that computes but does not store
    p.trail.append(p.x)
    return p.x + p.v * dt


def _same_steps(p, dt):  # a translation that does what the original does
    p.trail.append(p.x)
    p.x = p.x + p.v * dt
    return p.x


def test_a_translation_that_leaves_an_attribute_unset_fails_naming_the_argument(particles) -> None:
    case = _captured(particles, _sample())
    failure = verification.compare(case, particles.step, _forgets_the_attribute)
    assert failure is not None
    assert failure["difference"] == "argument p differs after the call: $.x: 2.0 != 1.0"
    assert failure["args"] == list(_sample().values())  # the sample as captured
    # each side gets its own copy: had the original's step reached the translation's
    # argument, its result would be 3.0 and its trail [1.0, 2.0]
    assert verification.compare(case, particles.step, _same_steps) is None


def test_the_argument_afterwards_is_compared_deeply(particles) -> None:
    def wrong_trail(p, dt):
        p.trail.append(-p.x)
        p.x = p.x + p.v * dt
        return p.x

    failure = verification.compare(_captured(particles, _sample()), particles.step, wrong_trail)
    assert failure is not None
    assert failure["difference"] == "argument p differs after the call: $.trail[0]: 1.0 != -1.0"


def test_parity_of_an_instance_parameter_uses_the_samples_only(particles, no_generated_inputs) -> None:
    types_ = [pytypes.parse_type("__main__.Particle"), pytypes.parse_type("float")]
    cases = [_captured(particles, _sample(x)) for x in (1.0, -0.0, 1e300)]
    result = verification.parity(types_, cases, particles.step, _same_steps)
    assert result == {"cases": 3, "passed": 3, "failures": []}
    result = verification.parity(types_, cases, particles.step, _forgets_the_attribute)
    # 1e300 + 1.0 == 1e300: leaving x alone happens to be right on that sample
    assert (result["cases"], result["passed"], len(result["failures"])) == (3, 1, 2)
    assert all(f["difference"].startswith("argument p differs after the call: $.x: ") for f in result["failures"])


def test_samples_that_cannot_be_rebuilt_are_skipped_with_the_reason(particles, no_generated_inputs) -> None:
    types_ = [pytypes.parse_type("list[__main__.Particle]"), pytypes.parse_type("float")]
    good = _captured(particles, _sample())
    gone = _captured(particles, _sample(cls="__main__.Gone"))
    result = verification.parity(types_, [gone, good], particles.step, _same_steps)
    assert (result["cases"], result["passed"]) == (1, 1)
    (reason,) = result["skipped"]
    assert reason.startswith("a captured sample could not be rebuilt (p: unknown class '__main__.Gone'")
    with pytest.raises(verification.NoCases, match=r"instances of __main__\.Particle are never generated.*"
                                                    r"unknown class '__main__\.Gone'.* x1$"):
        verification.parity(types_, [gone], particles.step, _same_steps)
    with pytest.raises(verification.NoCases, match="there is no captured sample"):
        verification.parity(types_, [], particles.step, _same_steps)


def test_the_class_resolver_finds_the_scripts_classes_and_functions_and_nothing_else(particles) -> None:
    resolve = verification.class_resolver(particles, "__main__")
    assert resolve("__main__.Particle") is particles.Particle
    assert resolve(f"{particles.__name__}.Particle") is particles.Particle
    assert resolve("__main__.step") is particles.step  # a function passed as an argument
    for name in ["__main__.Gone", "tempfile._TemporaryFileCloser", "Particle", "os.PathLike", "os.getcwd"]:
        with pytest.raises(ValueError, match="unknown class"):
            resolve(name)
    as_module = verification.class_resolver(particles, "particles")  # profiled as an imported module
    assert as_module("particles.Particle") is particles.Particle
    with pytest.raises(ValueError, match="unknown class"):
        as_module("__main__.Particle")


def test_a_result_found_in_an_instance_must_be_the_same_object(particles) -> None:
    def original(p, dt):
        return p.trail

    def copying(p, dt):
        return list(p.trail)

    assert identity.sharing(particles.Particle(1.0, 2.0).trail, ()) == ()
    failure = verification.compare(_captured(particles, _sample()), original, copying)
    assert failure is not None
    assert failure["difference"] == ("identity differs: in Python $ is args[0].trail, "
                                     "in the translation it is a new object")


def _generation(tmp_path, samples: list[dict]) -> Generation:
    function = GeneratedFunction(
        id="particles.py:9:step", status="translated", qualname="step", file="particles.py", line=9,
        source_module="__main__", rust_name="step_rs", samples=[Sample(args=s) for s in samples],
        extra={"params": [{"name": "p", "type": "__main__.Particle"}, {"name": "dt", "type": "float"}]})
    return Generation(crate=Crate(path=str(tmp_path), module="rustify_test_fake_extension"), functions=[function],
                      extra={"root": str(tmp_path)})


def test_run_checks_a_script_function_on_its_captured_instances(tmp_path, monkeypatch, no_generated_inputs) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))
    (tmp_path / "particles.py").write_text(PARTICLES)
    extension = types.ModuleType("rustify_test_fake_extension")
    extension._rustify_set_fallback = lambda name, func: None  # type: ignore[attr-defined]
    extension.step_rs = _forgets_the_attribute  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, extension.__name__, extension)
    reports: dict = {}

    def check(samples: list[dict]) -> dict:
        verification.run(_generation(tmp_path, samples), ["particles.py:9:step"], verify=True, do_bench=False,
                         report=reports.__setitem__)
        return reports["particles.py:9:step"]

    parity = check([_sample(), _sample(cls="__main__.Gone")])["parity"]
    assert parity["cases"] == 1 and parity["failures"][0]["difference"].startswith("argument p differs")
    assert list(parity["skipped"].values()) == [1]
    entry = check([_sample(cls="__main__.Gone"), {"p": {"$opaque": "__main__.Particle"}, "dt": 0.5}])
    assert entry["parity"] == {"cases": 0, "passed": 0, "failures": []}, "no case checked: never activated"
    assert entry["error"].startswith("no parity case: instances of __main__.Particle are never generated")
    assert "unknown class '__main__.Gone'" in entry["error"] and "cannot rebuild an opaque" in entry["error"]


def test_a_function_that_calls_python_code_is_checked_on_samples_only(monkeypatch) -> None:
    """Generated inputs would call arbitrary code (files, network, prints) with nonsense:
    a translation that calls Python code is compared on captured samples only."""
    def never(*args, **kwargs):
        raise AssertionError("inputs were generated")

    monkeypatch.setattr(verification.inputs, "cases", never)
    calls = []

    def original(n):
        calls.append(n)
        return n + 1

    result = verification.parity([pytypes.parse_type("int")], [(3,), (4,)], original, original, samples_only=True)
    assert (result["cases"], result["passed"]) == (2, 2) and sorted(calls) == [3, 3, 4, 4]
    with pytest.raises(verification.NoCases, match="it calls Python code, so it is checked only on captured samples"):
        verification.parity([pytypes.parse_type("int")], [], original, original, samples_only=True)


def test_a_checker_that_is_slow_to_start_is_waited_for(tmp_path) -> None:
    """The results file appears only once the checker has imported the program (which may
    take seconds): until then there is nothing to read, and no error."""
    import sys

    from rustify.building.verification import _watch

    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    code = f"import time; time.sleep(1.2); open({str(out)!r}, 'w').write('{{\"id\": \"f\", \"result\": null}}\\n')"
    assert _watch([sys.executable, "-c", code], out, err, None) == (0, False)
    assert out.read_text().startswith('{"id": "f"')


def test_the_benchmark_passes_over_samples_the_original_raises_on() -> None:
    """A captured sample cut down to fit (a big dict missing the key the call reads) is not a
    timing: the next sample is timed, and when none can be, the reason is kept."""
    def time(args, inputs_from):
        graph, source = args
        return {"speedup": 2.0, "inputs": inputs_from, "n": len(graph[source])}

    cut = (({0: [1]}, 300), "shortened captured sample")
    whole = (({300: [1, 2]}, 300), "captured sample")
    assert verification.first_timed([cut, whole], time) == ({"speedup": 2.0, "inputs": "captured sample", "n": 2},
                                                            None)
    assert verification.first_timed([cut], time) == (None, "KeyError: 300")
    assert verification.first_timed([], time) == (None, None)
