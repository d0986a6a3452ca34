"""Parity's comparisons, on plain Python stand-ins for a translation (no build): what
counts as a difference (identity, exception args, rebound globals) and its wording."""

from __future__ import annotations

import signal
import types

import pytest

from rustify.building import identity, verification


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
