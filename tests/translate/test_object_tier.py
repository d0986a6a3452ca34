"""The object tier beyond value equality: identity, no deopt after an effect, reference
counts (no leak, no double free under the debug allocator), exceptions passed on as the
same objects. Uses the session's one build of the case files (conftest.py)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import types
from fractions import Fraction

import pytest

from case_support import BuiltCases

pytestmark = pytest.mark.slow


def rust(built: BuiltCases, name: str):
    fn = built.rust(f"objects.{name}")
    if fn is None:
        pytest.skip(f"objects.{name} is not in this build")
    return fn


def python(built: BuiltCases, name: str):
    return built.originals[f"objects.{name}"]


def test_replaced_list_floats_keep_values_and_identity(built_cases: BuiltCases) -> None:
    """A float only the list held may be rewritten in place; one held elsewhere may not,
    and a value stored twice is one object in both slots, as in CPython."""
    results = []
    for fn in (rust(built_cases, "replaces_list_floats"), python(built_cases, "replaces_list_floats")):
        rows = [[0.5 * i + j for j in range(4)] for i in range(3)]
        kept, y = fn(rows, 1.5)
        assert kept == 0.0 and rows[-1][0] is rows[-1][-1] is y
        results.append((rows, kept, y))
    assert results[0] == results[1]


def test_a_number_made_once_is_one_object_wherever_cpython_shares_it(built_cases: BuiltCases) -> None:
    for value in (1.5, 3, 2**70, Fraction(1, 3), True):
        y, z, pair = rust(built_cases, "object_shared")(value)
        py_y, py_z, py_pair = python(built_cases, "object_shared")(value)
        assert (y is z, y is pair[0]) == (py_y is py_z, py_y is py_pair[0]) == (True, True), value
        assert pair[1] is value  # the argument itself, not a copy


def test_an_int_that_outgrows_64_bits_after_an_effect_continues_as_a_python_int(built_cases: BuiltCases) -> None:
    """`SEEN.append(n)` is visible outside: from there on the translation may not hand
    the call to the Python original (it would append twice), so 3**70 is computed as a
    Python int inside the translation."""
    module = sys.modules[python(built_cases, "grows_after_a_call").__module__]
    entry = built_cases.entries["objects.grows_after_a_call"]
    calls: list[tuple] = []

    def record(*args):
        calls.append(args)
        raise AssertionError("deopt after an effect")

    # a fallback whose globals are the module's (the translation reads its globals there)
    namespace = {"record": record}
    exec("def fallback(*args):\n    return record(*args)\n", namespace)
    fallback = types.FunctionType(namespace["fallback"].__code__, module.__dict__ | {"record": record})

    built_cases.module._rustify_set_fallback(entry.rust_name, fallback)
    try:
        before = len(module.SEEN)
        result = rust(built_cases, "grows_after_a_call")(70)
    finally:
        built_cases.set_fallback("objects.grows_after_a_call", python(built_cases, "grows_after_a_call"))
    assert calls == []
    assert module.SEEN[before:] == [70]
    expected = 1
    for i in range(70):
        expected = expected * 3 + i
    assert result == expected and type(result) is int and result > 2**63


def test_exceptions_raised_by_python_code_are_passed_on_unchanged(built_cases: BuiltCases) -> None:
    with pytest.raises(ZeroDivisionError) as rs_info:
        rust(built_cases, "raises_from_python")(2.5)
    with pytest.raises(ZeroDivisionError) as py_info:
        python(built_cases, "raises_from_python")(2.5)
    assert str(rs_info.value) == str(py_info.value)
    assert rs_info.value.__traceback__ is not None


def test_unknown_global_is_a_name_error_with_its_name(built_cases: BuiltCases) -> None:
    with pytest.raises(NameError) as info:
        rust(built_cases, "unknown_name")(1.0)
    assert str(info.value) == "name 'frobnicate' is not defined"
    assert info.value.name == "frobnicate"


def test_a_rebound_global_is_seen_at_once(built_cases: BuiltCases) -> None:
    module = sys.modules[python(built_cases, "rebound_constant").__module__]
    old = module.RATE
    try:
        module.RATE = 4.0
        assert rust(built_cases, "rebound_constant")(2.0) == 8.0
        module.RATE = Fraction(1, 3)
        assert rust(built_cases, "rebound_constant")(3) == Fraction(1)
    finally:
        module.RATE = old


def test_reference_counts_are_balanced(built_cases: BuiltCases) -> None:
    """Arguments, attribute values and results keep their reference counts: a million
    calls leave no object behind."""
    a, b = Fraction(7, 3), 10**30
    names = ["object_arithmetic", "object_comparisons", "object_shared", "vector_sum", "point_norm", "scaled_point"]
    functions = [rust(built_cases, n) for n in names]
    args = {"object_arithmetic": (a, b), "object_comparisons": (a, b), "object_shared": (a,), "vector_sum": (3,),
            "point_norm": (3.0, 4.0), "scaled_point": (1.5, 2.5, 2.0)}
    for name, fn in zip(names, functions):  # warm up: caches, interned names
        fn(*args[name])
    gc.collect()
    counts = (sys.getrefcount(a), sys.getrefcount(b))
    objects = len(gc.get_objects())
    for _ in range(170_000):  # 6 functions: a million calls
        for name, fn in zip(names, functions):
            fn(*args[name])
    gc.collect()
    assert (sys.getrefcount(a), sys.getrefcount(b)) == counts
    assert len(gc.get_objects()) - objects < 100


def test_no_use_after_free_under_the_debug_allocator(built_cases: BuiltCases, tmp_path) -> None:
    """PYTHONMALLOC=debug fills freed memory and checks every block: a reference released
    once too often, or used after its release, aborts the process."""
    script = tmp_path / "debug_run.py"
    script.write_text(textwrap.dedent(f"""
        import importlib.util, sys
        from fractions import Fraction
        spec = importlib.util.spec_from_file_location("rustify_cases", {built_cases.module.__file__!r})
        ext = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(ext)
        sys.path.insert(0, {os.path.dirname(python(built_cases, "object_shared").__code__.co_filename)!r})
        import objects as py
        sys.modules["rustify_case_objects"] = py
        names = {dict((k.split(".", 1)[1], e.rust_name) for k, e in built_cases.entries.items()
                      if k.startswith("objects.") and e.status == "translated")!r}
        for name, rust_name in names.items():
            ext._rustify_set_fallback(rust_name, getattr(py, name))
        values = [0, 1, -3, 2**70, 1.5, float("nan"), -0.0, True, None, "ab", Fraction(1, 3)]
        for name in ("object_arithmetic", "object_division", "object_comparisons", "object_truth", "object_shared"):
            f = getattr(ext, names[name])
            for a in values:
                for b in values:
                    try:
                        f(a, b) if name != "object_shared" else f(a)
                    except Exception:
                        pass
        for name, args in (("vector_sum", (20,)), ("fraction_sum", (15,)), ("largest_vector", (9,)),
                           ("item_of_object", (5,)), ("grows_after_a_call", (70,)), ("point_norm", (3.0, 4.0))):
            for _ in range(200):
                getattr(ext, names[name])(*args)
        print("ok")
    """))
    env = dict(os.environ, PYTHONMALLOC="debug")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=600,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")


def test_raise_from_sets_the_cause_as_cpython(built_cases: BuiltCases) -> None:
    for n in (-1, 0):
        caught = []
        for f in (python(built_cases, "raises_with_cause"), rust(built_cases, "raises_with_cause")):
            with pytest.raises(LookupError) as info:
                f(n)
            caught.append(info.value)
        py_exc, rs_exc = caught
        assert type(rs_exc) is type(py_exc) and rs_exc.args == py_exc.args
        assert rs_exc.__suppress_context__ is py_exc.__suppress_context__ is True
        assert type(rs_exc.__cause__) is type(py_exc.__cause__)
        assert getattr(rs_exc.__cause__, "args", None) == getattr(py_exc.__cause__, "args", None)
    with pytest.raises(ValueError) as info:
        rust(built_cases, "raises_user_exception")(3.5, 1.0)
    assert type(info.value).__name__ == "_Invalid" and info.value.value == 3.5 and str(info.value) == "3.5 is over 1.0"


def test_global_statement_writes_the_module_global(built_cases: BuiltCases) -> None:
    fn = built_cases.rust("must_reject.bump") if "must_reject.bump" in built_cases.entries else None
    if fn is None:
        pytest.skip("must_reject.bump is not in this build")
    module = sys.modules[built_cases.originals["must_reject.bump"].__module__]
    module.COUNTER = 2**62
    assert fn() == 2**62 + 1 and module.COUNTER == 2**62 + 1
    module.COUNTER = Fraction(1, 2)  # any object: `+=` is its own
    assert fn() == Fraction(3, 2) and module.COUNTER == Fraction(3, 2)
    del module.COUNTER
    with pytest.raises(NameError, match="name 'COUNTER' is not defined"):
        fn()
    module.COUNTER = 0


def test_a_bare_raise_passes_on_the_same_python_exception(built_cases: BuiltCases) -> None:
    with pytest.raises(ValueError) as info:
        rust(built_cases, "reraised")(2.5)
    assert type(info.value).__name__ == "_Invalid" and info.value.value == 2.5
