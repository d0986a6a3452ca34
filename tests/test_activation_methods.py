"""How `rustify run` installs translated methods into their classes (no build: the swap
itself is a stand-in here; tests/e2e/test_methods_program.py checks the real one), how a
script is rewritten for them, and how parity finds a method's original."""

from __future__ import annotations

import ast
import importlib.util
import sys
import types

import pytest

from rustify.activation import activate
from rustify.activation.activate import Accelerated, Swapper
from rustify.building.verification import defined_function
from rustify.sources import definition_dumps

SOURCE = '''\
class Shape:
    def area(self):
        return 1.0

    @staticmethod
    def unit(x):
        return x

    @classmethod
    def make(cls, n):
        return n

    def untouched(self):
        return 0


class Square(Shape):
    def area(self):
        return 4.0
'''

METHODS = ("Shape.area", "Shape.unit", "Shape.make", "Square.area")


@pytest.fixture()
def module(tmp_path):
    path = tmp_path / "shapes_for_swap.py"
    path.write_text(SOURCE)
    spec = importlib.util.spec_from_file_location("shapes_for_swap", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sys.modules["shapes_for_swap"] = mod
    yield mod
    sys.modules.pop("shapes_for_swap", None)


def fake_swap(func, entry):
    """A stand-in for the Rust swap: a function that says it ran, then runs the original."""
    def swapped(*args, **kwargs):
        return ("rust", func(*args, **kwargs))
    swapped.original = func
    return swapped


@pytest.fixture()
def swapper(module, monkeypatch):
    monkeypatch.setattr(activate, "swap_function", fake_swap)
    path = module.__file__
    table = {path: {q: Accelerated(path, q, "ext_rs", q, "") for q in METHODS}}
    return Swapper(table)


def test_methods_are_installed_in_their_classes_binding_as_before(module, swapper) -> None:
    shape, square = module.Shape(), module.Square()
    swapper.swap_module(module)
    assert sorted(swapper.swapped) == sorted(f"shapes_for_swap.py:{q}" for q in METHODS)
    raw = vars(module.Shape)
    assert isinstance(raw["unit"], staticmethod) and isinstance(raw["make"], classmethod)
    assert raw["unit"].__func__.original.__qualname__ == "Shape.unit"
    assert raw["make"].__func__.original.__qualname__ == "Shape.make"
    assert shape.area() == ("rust", 1.0) and module.Shape.area(shape) == ("rust", 1.0)
    assert module.Shape.unit(3) == ("rust", 3) and shape.unit(3) == ("rust", 3)
    assert module.Shape.make(2) == ("rust", 2) and square.make(2) == ("rust", 2)
    assert square.area() == ("rust", 4.0)  # the subclass's own def, swapped on its own
    assert module.Shape.untouched(shape) == 0  # not a target: as it was


def test_a_class_that_holds_something_else_keeps_it(module, swapper) -> None:
    module.Shape.area = lambda self: "replaced"
    module.Shape.unit = staticmethod(lambda x: "replaced")
    swapper.swap_module(module)
    assert module.Shape().area() == "replaced" and module.Shape.unit(1) == "replaced"
    assert "shapes_for_swap.py:Shape.area" not in swapper.swapped
    assert "shapes_for_swap.py:Shape.make" in swapper.swapped


def test_a_script_swaps_a_class_right_after_its_statement(module, swapper) -> None:
    tree = swapper.transform(SOURCE, module.__file__)
    calls = [ast.unparse(s) for s in tree.body if isinstance(s, ast.Expr)]
    assert [c.split("._swap_class(")[1] for c in calls] == [
        f"Shape, {module.__file__!r}, 'Shape')", f"Square, {module.__file__!r}, 'Square')"]
    index = [type(s).__name__ for s in tree.body]
    assert index == ["ClassDef", "Expr", "ClassDef", "Expr"]


def test_parity_finds_a_methods_function_and_how_it_binds(module) -> None:
    area, kind, owner = defined_function(module, "Shape.area")
    assert (area, kind, owner) == (vars(module.Shape)["area"], "method", module.Shape)
    unit, kind, _ = defined_function(module, "Shape.unit")
    assert kind == "staticmethod" and isinstance(unit, types.FunctionType) and unit(5) == 5
    make, kind, owner = defined_function(module, "Shape.make")
    assert kind == "classmethod" and make(owner, 7) == 7
    assert defined_function(module, "Square.area")[0] is vars(module.Square)["area"]
    with pytest.raises(KeyError):
        defined_function(module, "Square.unit")  # inherited, not the subclass's own def


def test_definition_hashes_cover_methods() -> None:
    dumps = definition_dumps(SOURCE)
    assert set(dumps) >= set(METHODS) | {"Shape.untouched"}
    edited = definition_dumps(SOURCE.replace("return 4.0", "return 5.0"))
    assert edited["Square.area"] != dumps["Square.area"] and edited["Shape.area"] == dumps["Shape.area"]
