"""CallTracer in-process: what it records of real calls, and what it leaves alone."""

from __future__ import annotations

import contextlib
import json
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from rustify import values
from rustify.profiling.capture import CallTracer, CodeObservation


@contextlib.contextmanager
def tracing(**options) -> Iterator[CallTracer]:
    """Run the block under a fresh tracer, and put back whatever trace hook was there. No
    re-arming tick unless asked for (`rearm_interval`): its timing would make tests flaky."""
    previous = sys.gettrace()
    tracer = CallTracer(**{"rearm_interval": 0, **options})
    tracer.start()
    try:
        yield tracer
    finally:
        tracer.stop()
        sys.settrace(previous)


def observed(tracer: CallTracer) -> dict[str, CodeObservation]:
    return {obs.name: obs for obs in tracer.observations()}


def counts(counter) -> dict[str, int]:
    return dict(counter)


# ---------------------------------------------------------------- functions under observation


def plain(a, b):
    return a + b


def every_kind(a, b=2, *rest, k, **kw):
    return len(rest) + len(kw)


def maybe(x):
    return x if x > 0 else None


def no_return(xs):
    xs.append(1)


def boom(x):
    raise KeyError(x)


def calls_boom(x):
    return boom(x) + 1


def recovers(x):
    try:
        raise ValueError(x)
    except ValueError:
        pass
    return x


def converts(x):
    try:
        return 1 / x
    except ZeroDivisionError:
        raise ArithmeticError("x is zero") from None


def grow(xs):
    xs.append(99)
    return len(xs)


class Body:
    def __init__(self, x: float) -> None:
        self.x = x
        self.seen: list[float] = []


def move(body, dt):
    body.seen.append(body.x)
    body.x += dt


def total(xs):
    return sum(xs)


def pair(a, b):
    return len(a) + len(b)


def squares(n):
    for i in range(n):
        yield i * i


async def coroutine(x):
    return x


def uses_stdlib(items):
    return json.dumps(sorted(items)) + textwrap.dedent("  x")


def untouched(x):
    return x


# ---------------------------------------------------------------- types


def test_argument_types_by_parameter_name() -> None:
    with tracing() as tracer:
        plain(1, 2)
        plain(1.5, 2.5)
        plain([1], [2.0])
    obs = observed(tracer)["plain"]
    assert obs.calls == 3
    assert obs.params == ("a", "b")
    assert counts(obs.args["a"]) == {"int": 1, "float": 1, "list[int]": 1}
    assert counts(obs.args["b"]) == {"int": 1, "float": 1, "list[float]": 1}


def test_star_args_keyword_only_and_kwargs() -> None:
    with tracing() as tracer:
        every_kind(1, 2.0, "x", "y", k=[1.0], z=b"b")
        every_kind(True, k=None)
    obs = observed(tracer)["every_kind"]
    assert set(obs.params) == {"a", "b", "rest", "k", "kw"}
    assert counts(obs.args["a"]) == {"int": 1, "bool": 1}
    assert counts(obs.args["b"]) == {"float": 1, "int": 1}  # the default counts as seen
    assert counts(obs.args["rest"]) == {"tuple[str, str]": 1, "tuple[()]": 1}
    assert counts(obs.args["k"]) == {"list[float]": 1, "None": 1}
    assert counts(obs.args["kw"]) == {"dict[str, bytes]": 1, "dict[?, ?]": 1}
    data = obs.to_json()
    assert set(data["args"]) == {"a", "b", "rest", "k", "kw"}
    json.dumps(data)  # plain JSON data


def test_return_types() -> None:
    with tracing() as tracer:
        maybe(1)
        maybe(2.5)
        maybe(-1)
        no_return([])
    obs = observed(tracer)
    assert counts(obs["maybe"].ret) == {"int": 1, "float": 1, "None": 1}
    assert counts(obs["no_return"].ret) == {"None": 1}
    assert counts(obs["maybe"].raised) == {}


def test_exceptions_are_counted_as_raised_not_as_returns() -> None:
    with tracing() as tracer:
        for x in range(3):
            with pytest.raises(KeyError):
                boom(x)
        with pytest.raises(KeyError):
            calls_boom(1)
        assert recovers(5) == 5
        with pytest.raises(ArithmeticError):
            converts(0)
        assert converts(2) == 0.5
    obs = observed(tracer)
    assert obs["boom"].calls == 4  # three direct calls, one through calls_boom
    assert counts(obs["boom"].raised) == {"KeyError": 4}
    assert counts(obs["boom"].ret) == {}  # not a return of None
    assert counts(obs["calls_boom"].raised) == {"KeyError": 1}  # passed through from a callee
    assert counts(obs["calls_boom"].ret) == {}
    assert counts(obs["recovers"].raised) == {}  # caught inside: a normal return
    assert counts(obs["recovers"].ret) == {"int": 1}
    assert counts(obs["converts"].raised) == {"ArithmeticError": 1}  # the one that got out
    assert counts(obs["converts"].ret) == {"float": 1}


# ---------------------------------------------------------------- samples


def test_samples_are_taken_before_the_call_mutates_its_argument() -> None:
    xs = [1.0, 2.0]
    with tracing() as tracer:
        assert grow(xs) == 3
    assert xs == [1.0, 2.0, 99]
    (sample,) = observed(tracer)["grow"].samples
    assert values.decode(sample["xs"]) == [1.0, 2.0]


def test_instances_are_sampled_with_their_attributes_before_the_call() -> None:
    body = Body(1.0)
    with tracing() as tracer:
        move(body, 0.5)
    assert (body.x, body.seen) == (1.5, [1.0])
    (sample,) = observed(tracer)["move"].samples
    name = f"{Body.__module__}.Body"
    assert sample["body"] == {"$object": {"class": name, "state": {"x": 1.0, "seen": []}}}
    before = values.decode(sample["body"], classes={name: Body}.__getitem__)
    assert type(before) is Body and vars(before) == {"x": 1.0, "seen": []}


def test_samples_are_real_calls_and_few() -> None:
    inputs = [[float(i), i + 0.5] for i in range(500)]
    with tracing(max_samples=4) as tracer:
        for xs in inputs:
            total(xs)
    samples = observed(tracer)["total"].samples
    assert 1 <= len(samples) <= 4
    assert samples[0] == {"xs": values.encode(inputs[0])}  # the first call is always kept
    decoded = [values.decode(s["xs"]) for s in samples]
    assert all(d in inputs for d in decoded)
    assert len({tuple(d) for d in decoded}) == len(decoded)  # distinct calls


def test_values_over_the_size_cap_are_not_sampled() -> None:
    big, small = list(range(11)), list(range(5))
    with tracing(max_sample_items=10) as tracer:
        total(big)
        total(small)
        pair(small, big)  # one argument too big: no half sample
    obs = observed(tracer)
    assert [values.decode(s["xs"]) for s in obs["total"].samples] == [small]
    assert counts(obs["total"].args["xs"]) == {"list[int]": 2}  # still typed
    assert obs["pair"].calls == 1
    assert obs["pair"].samples == []


def test_a_list_too_large_is_sampled_by_its_first_items_and_said_so() -> None:
    with tracing(max_sample_items=300) as tracer:
        total(list(range(500)))
        total([1, 2])
    obs = observed(tracer)["total"]
    assert [len(values.decode(s["xs"])) for s in obs.samples] == [200, 2]
    assert [s.get("shortened") for s in obs.to_json()["samples"]] == [["xs"], None]


def test_sample_encodes_tuples_and_big_ints_exactly() -> None:
    with tracing() as tracer:
        plain((1, 2), (2**70,))
    (sample,) = observed(tracer)["plain"].samples
    assert values.decode(sample["a"]) == (1, 2)
    assert values.decode(sample["b"]) == (2**70,)
    assert type(values.decode(sample["a"])) is tuple


# ---------------------------------------------------------------- what is not traced


def test_coroutines_are_not_traced() -> None:
    with tracing() as tracer:
        co = coroutine(3)
        with pytest.raises(StopIteration):
            co.send(None)
    assert set(observed(tracer)) == set()


def test_a_generator_call_is_observed_once_not_at_each_resume() -> None:
    with tracing() as tracer:
        assert list(squares(4)) == [0, 1, 4, 9]
        assert list(squares(2)) == [0, 1]
    obs = observed(tracer)["squares"]
    assert obs.calls == 2
    assert counts(obs.args["n"]) == {"int": 2}
    assert [values.decode(s["n"]) for s in obs.samples] == [4, 2]


def test_library_functions_are_not_observed() -> None:
    with tracing() as tracer:
        uses_stdlib([3, 1, 2])
    obs = observed(tracer)
    assert set(obs) == {"uses_stdlib"}  # not json.dumps, JSONEncoder.encode, textwrap.dedent...
    assert all(o.filename == __file__ for o in tracer.observations())
    assert counts(obs["uses_stdlib"].ret) == {"str": 1}


def test_threads_started_while_tracing_are_observed() -> None:
    with tracing() as tracer:
        worker = threading.Thread(target=plain, args=(1, 2))
        worker.start()
        worker.join()
    assert observed(tracer)["plain"].calls == 1


def test_one_observation_per_def_even_with_new_code_objects(tmp_path: Path) -> None:
    """A script run again (--repeat) compiles new, equal code objects for the same defs."""
    path = tmp_path / "again.py"
    path.write_text("def f(x):\n    return x * 2\n")
    with tracing() as tracer:
        for _ in range(2):
            namespace: dict = {}
            exec(compile(path.read_text(), str(path), "exec"), namespace)
            namespace["f"](2)
    (obs,) = [o for o in tracer.observations() if o.filename == str(path)]
    assert obs.calls == 2
    assert counts(obs.args["x"]) == {"int": 2}


# ---------------------------------------------------------------- bounded cost


def test_typing_stops_after_max_typed_calls() -> None:
    with tracing(max_typed_calls=5, quiet_after=1000) as tracer:
        for i in range(20):
            plain(i, i)
    obs = observed(tracer)["plain"]
    assert obs.calls == 5
    assert sum(obs.args["a"].values()) == 5
    assert sum(obs.ret.values()) == 5


def test_tracer_turns_itself_off_after_quiet_after_saturated_calls() -> None:
    with tracing(max_typed_calls=3, quiet_after=5) as tracer:
        for _ in range(3 + 4):  # three typed calls, then four that teach nothing
            plain(1, 2)
        assert tracer.active and sys.gettrace() is not None
        plain(1, 2)  # the fifth saturated call
        assert not tracer.active
        assert sys.gettrace() is None
        untouched(1)  # first called after the tracer went quiet: not observed
    assert set(observed(tracer)) == {"plain"}


def test_new_functions_and_library_calls_and_the_quiet_count() -> None:
    with tracing(max_typed_calls=1, quiet_after=3) as tracer:
        plain(1, 2)
        plain(1, 2)
        plain(1, 2)  # two saturated calls
        for _ in range(50):
            json.dumps([1])  # library calls do not count toward going quiet
        assert tracer.active
        untouched(1)  # something new: start counting again
        plain(1, 2)
        plain(1, 2)
        assert tracer.active
        plain(1, 2)
        assert not tracer.active
    assert set(observed(tracer)) == {"plain", "untouched"}


# ---------------------------------------------------------------- phases: the re-arming tick


def _burn(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x * x
    return s


def _late_hot(xs: list[float]) -> float:
    return _burn(xs) + 1.0


def _cpu_seconds_of(fn, seconds: float) -> int:
    import time

    start, calls = time.process_time(), 0
    while time.process_time() - start < seconds:
        fn()
        calls += 1
    return calls


def test_a_function_first_called_after_the_tracer_went_quiet_is_observed() -> None:
    xs = [0.5] * 2000
    with tracing(max_typed_calls=3, quiet_after=50, rearm_interval=0.005) as tracer:
        for _ in range(100):  # warm-up phase: saturates, then goes quiet
            plain(1, 2)
        assert not tracer.active
        _cpu_seconds_of(lambda: _late_hot(xs), 0.3)  # a later phase, with a new hot function
    obs = observed(tracer)
    assert "_late_hot" in obs and "_burn" in obs
    assert counts(obs["_late_hot"].args["xs"]) == {"list[float]": obs["_late_hot"].calls + obs["_late_hot"].running}
    assert obs["_late_hot"].calls >= 1 and obs["_burn"].samples


def test_a_tick_without_anything_new_pauses_tracing() -> None:
    with tracing(max_typed_calls=50, quiet_after=10_000, rearm_interval=0.005) as tracer:
        plain(1, 2)
        assert tracer.active
        import time

        start = time.process_time()
        while time.process_time() - start < 0.2:  # a long loop in one call: nothing to learn
            pass
        assert not tracer.active and sys.gettrace() is None
        plain(1, 2)  # a known function: no resuming for it
        assert not tracer.active
    assert observed(tracer)["plain"].calls == 1


def test_the_tick_is_removed_and_a_programs_own_sigprof_handler_is_kept() -> None:
    import signal

    def mine(signum, frame):
        pass

    with tracing(rearm_interval=0.005) as tracer:
        assert signal.getsignal(signal.SIGPROF) == tracer._on_tick
    assert signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, None)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    previous = signal.signal(signal.SIGPROF, mine)
    try:
        with tracing(rearm_interval=0.005):
            assert signal.getsignal(signal.SIGPROF) is mine
        assert signal.getsignal(signal.SIGPROF) is mine
    finally:
        signal.signal(signal.SIGPROF, previous)


class _Account:
    def __init__(self, owner: str, balance: float) -> None:
        self.owner = owner
        self.balance = balance
        self.history: list[float] = []

    def interest(self, rate: float) -> float:
        return self.balance * rate


def test_methods_record_the_types_of_the_instance_attributes_they_read() -> None:
    with tracing() as tracer:
        account = _Account("ann", 10.0)
        account.interest(0.5)
        account.interest(0.25)
        sorted([3, 1]).index(1)  # a library object's method: nothing recorded
    obs = observed(tracer)
    assert counts(obs["interest"].args["self"]) == {f"{__name__}._Account": 2}
    # what `interest` may read: balance (not owner or history, which it never names)
    assert {k: counts(v) for k, v in obs["interest"].attrs.items()} == {"balance": {"float": 2}}
    assert obs["interest"].to_json()["attributes"] == {"balance": {"float": 2}}
    assert "attributes" not in obs["__init__"].to_json()  # nothing set yet when it is called


def _called_once_while_paused(xs: list[float], rounds: int) -> float:
    total = 0.0
    for _ in range(rounds):
        total += _burn(xs)
    return total


def test_a_function_called_once_while_tracing_is_paused_is_observed_from_its_frame() -> None:
    """A program's one long call (`summarize(entries)` after a warm-up) never makes a call
    event while tracing is paused: the tick reads its parameters from the running frame."""
    xs = [0.5] * 2000
    with tracing(max_typed_calls=3, quiet_after=50, rearm_interval=0.005) as tracer:
        for _ in range(100):
            plain(1, 2)
        assert not tracer.active
        _called_once_while_paused(xs, 3000)
    obs = observed(tracer)["_called_once_while_paused"]
    assert counts(obs.args["xs"]) == {"list[float]": 1} and counts(obs.args["rounds"]) == {"int": 1}
    assert (obs.calls, obs.running, len(obs.samples)) == (0, 1, 1)
    assert obs.to_json()["calls"] == 1
