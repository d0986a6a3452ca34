"""Translated functions follow their module's globals as CPython does (issue: module
state), and raise exceptions with CPython's exact args.

Each test rebinds something in the Python module the translations' fallbacks come
from (the module `__globals__` CPython itself would read), calls the Python original
and the translation, and requires the same answer; then restores it and checks the
translation runs natively again (no deopt).
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from case_support import BuiltCases
from rustify.values import same_value

pytestmark = pytest.mark.slow


def funcs(built: BuiltCases, name: str):
    return built.pair(f"module_state.{name}")


def module_of(py) -> Any:
    return sys.modules[py.__module__]


class Rebind:
    """Set module attributes for the duration of a `with` block."""

    def __init__(self, module: Any, **values: Any) -> None:
        self.module, self.values, self.saved = module, values, {}

    def __enter__(self) -> None:
        for name, value in self.values.items():
            self.saved[name] = getattr(self.module, name)
            setattr(self.module, name, value)

    def __exit__(self, *exc: object) -> None:
        for name, value in self.saved.items():
            setattr(self.module, name, value)


def outcome(f, *args: Any) -> tuple:
    try:
        return ("value", f(*args))
    except Exception as exc:  # noqa: BLE001 - the exception is the result
        return ("raise", type(exc), exc.args)


def same(py, rs, *args: Any) -> None:
    expected, got = outcome(py, *args), outcome(rs, *args)
    assert expected[0] == got[0] and same_value(expected[1:], got[1:]), (args, expected, got)


def deopts(built: BuiltCases, name: str, py, rs, *args: Any) -> int:
    """How many times calling the translation ran the Python original."""
    return built.deopts(f"module_state.{name}", py, rs, *args)


@pytest.mark.parametrize("name, rebinding, args", [
    ("scaled", {"SCALE": 2.5}, (2.0,)),
    ("scaled", {"SCALE": 2}, (3.0,)),  # an int now: float * int
    ("scaled", {"SCALE": -0.0}, (1.0,)),  # the same value by ==, another by bits
    ("scaled", {"SCALE": "x"}, (3.0,)),  # TypeError, as Python raises
    ("gated", {"ENABLED": False}, (5,)),
    ("gated", {"ENABLED": 0}, (5,)),  # falsy, not False
    ("gated", {"LIMIT": 2**70}, (5,)),  # beyond i64
    ("first_n", {"LIMIT": 3}, ([1, 2, 3, 4, 5],)),
    ("via_helper", {"SCALE": 10.0}, (1.5,)),  # read by the function
    ("via_two_levels", {"SCALE": 10.0}, ([1.0, 2.0],)),  # read two calls down
    ("signed_zero", {"NEG_ZERO": 0.0}, (1.0,)),
])
def test_rebound_constants_are_followed(built_cases: BuiltCases, name: str, rebinding: dict, args: tuple) -> None:
    py, rs = funcs(built_cases, name)
    same(py, rs, *args)
    with Rebind(module_of(py), **rebinding):
        same(py, rs, *args)
    same(py, rs, *args)
    assert deopts(built_cases, name, py, rs, *args) == 0, "back to the original values: native again"


def test_rebinding_changes_the_answer(built_cases: BuiltCases) -> None:
    """Not vacuous: the rebinding really changes what CPython returns."""
    py, rs = funcs(built_cases, "scaled")
    before = rs(2.0)
    with Rebind(module_of(py), SCALE=2.5):
        assert rs(2.0) == py(2.0) == 5.0 != before


def test_deleted_global_raises_name_error(built_cases: BuiltCases) -> None:
    py, rs = funcs(built_cases, "scaled")
    module = module_of(py)
    saved = module.SCALE
    del module.SCALE
    try:
        with pytest.raises(NameError, match="SCALE"):
            rs(1.0)
    finally:
        module.SCALE = saved
    assert rs(2.0) == 2.0


@pytest.mark.parametrize("name, args", [("via_helper", (1.5,)), ("via_two_levels", ([1.0, 2.0],))])
def test_replaced_helper_is_called(built_cases: BuiltCases, name: str, args: tuple) -> None:
    py, rs = funcs(built_cases, name)
    module = module_of(py)
    calls = []

    def double(x: float) -> float:
        calls.append(x)
        return 600.0

    with Rebind(module, helper=double):
        same(py, rs, *args)
        calls.clear()
        py(*args)
        n = len(calls)
        assert n > 0
        calls.clear()
        rs(*args)
        assert len(calls) == n, "the translation calls the replacement as often as CPython"
    assert deopts(built_cases, name, py, rs, *args) == 0


def test_translated_helper_in_the_module_is_accepted(built_cases: BuiltCases) -> None:
    """`rustify run` puts the helper's own translation into the module: still the same def."""
    py, rs = funcs(built_cases, "via_helper")
    helper_py, helper_rs = funcs(built_cases, "helper")
    with Rebind(module_of(py), helper=helper_rs):
        same(py, rs, 1.5)
        assert deopts(built_cases, "via_helper", py, rs, 1.5) == 0


def _redefine(module: Any, source: str, first_line: int):
    """`source` (a def) executed in `module`'s namespace as if it started at `first_line`."""
    import textwrap

    namespace = module.__dict__
    saved = namespace.get("helper")
    exec(compile("\n" * (first_line - 1) + textwrap.dedent(source), module.__file__, "exec", dont_inherit=True), namespace)
    made = namespace["helper"]
    namespace["helper"] = saved
    return made


def test_a_helper_moved_in_its_file_is_still_the_same_def(built_cases: BuiltCases) -> None:
    """The guard knows a helper by its code, not its line: edits above it keep the speed."""
    import inspect

    py, rs = funcs(built_cases, "via_helper")
    module = module_of(py)
    source = inspect.getsource(module.helper)
    moved = _redefine(module, source, module.helper.__code__.co_firstlineno + 40)
    with Rebind(module, helper=moved):
        same(py, rs, 1.5)
        assert deopts(built_cases, "via_helper", py, rs, 1.5) == 0
    edited = _redefine(module, source.replace("1.0", "1.25"), module.helper.__code__.co_firstlineno)
    with Rebind(module, helper=edited):
        same(py, rs, 1.5)  # the edited body's answer, through the original
        assert deopts(built_cases, "via_helper", py, rs, 1.5) == 1


def test_helper_code_and_defaults_changed_in_place(built_cases: BuiltCases) -> None:
    py, rs = funcs(built_cases, "calls_with_default")
    helper = module_of(py).with_default
    saved = helper.__defaults__
    helper.__defaults__ = (10,)
    try:
        same(py, rs, 4)
        assert rs(4) == 41
    finally:
        helper.__defaults__ = saved
    code = helper.__code__
    helper.__code__ = (lambda x, k=3: x - k).__code__
    try:
        same(py, rs, 4)
        assert rs(4) == 2
    finally:
        helper.__code__ = code
    assert rs(4) == 13
    assert deopts(built_cases, "calls_with_default", py, rs, 4) == 0


def test_recursive_function_wrapped_by_the_program(built_cases: BuiltCases) -> None:
    """`mod.f = memoize(mod.f)`: the recursive calls go through the wrapper in CPython."""
    py, rs = funcs(built_cases, "countdown")
    calls = []

    def counting(n: int) -> int:
        calls.append(n)
        return py(n)

    with Rebind(module_of(py), countdown=counting):
        assert rs(5) == 5
        assert calls == [4, 3, 2, 1, 0]


@pytest.mark.parametrize("name, args, kind", [
    ("raise_bare", (-1,), ValueError),
    ("assert_bare", (-1.0,), AssertionError),
    ("raise_bare_caught_and_reraised", (-1,), KeyError),
])
def test_exceptions_without_a_message_have_empty_args(built_cases: BuiltCases, name: str, args: tuple,
                                                       kind: type) -> None:
    py, rs = funcs(built_cases, name)
    with pytest.raises(kind) as raised:
        rs(*args)
    assert raised.value.args == ()
    assert repr(raised.value) == f"{kind.__name__}()"
    same(py, rs, *args)
