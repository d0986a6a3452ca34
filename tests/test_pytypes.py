"""Tests for rustify.pytypes: describing values, type text both ways, joining."""

from __future__ import annotations

import enum
import subprocess
import sys
from collections import OrderedDict
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rustify.pytypes import (
    MAX_DEPTH,
    MAX_FIXED_TUPLE,
    PRIM_NAMES,
    DictT,
    ListT,
    NdArrayT,
    OpaqueT,
    Prim,
    SetT,
    TupleT,
    UnionT,
    UnknownT,
    describe,
    join,
    opaque_parts,
    parse_type,
    union,
)

INT, FLOAT, BOOL, STR, NONE = Prim("int"), Prim("float"), Prim("bool"), Prim("str"), Prim("None")


class Color(enum.IntEnum):
    RED = 1


class MyDict(dict):
    pass


class Particle:
    def __init__(self, x: float) -> None:
        self.x = x


# ---------------------------------------------------------------- strategies

leaves = (
    st.sampled_from(PRIM_NAMES).map(Prim)
    | st.just(UnknownT())
    | st.builds(NdArrayT, st.sampled_from(["float64", "float32", "int64", "uint8", "bool", "complex128"]), st.integers(0, 4))
    | st.sampled_from(["decimal.Decimal", "bytearray", "numpy.float64", "pkg.mod.f.<locals>.Point", "__main__.Thing"]).map(OpaqueT)
)
types = st.recursive(
    leaves,
    lambda inner: (
        st.builds(ListT, inner)
        | st.builds(SetT, inner, st.booleans())
        | st.builds(DictT, inner, inner)
        | st.lists(inner, max_size=3).map(lambda items: TupleT(tuple(items)))
        | st.builds(lambda item: TupleT((item,), variadic=True), inner)
        | st.lists(inner, min_size=2, max_size=4).map(lambda options: union(*options))
    ),
    max_leaves=12,
)
hashables = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3).map(tuple) | st.frozensets(inner, max_size=3),
    max_leaves=6,
)
values = st.recursive(
    hashables | st.binary(max_size=3),
    lambda inner: st.lists(inner, max_size=4)
    | st.lists(inner, max_size=4).map(tuple)
    | st.dictionaries(hashables, inner, max_size=3)
    | st.sets(hashables, max_size=3),
    max_leaves=15,
)


# ---------------------------------------------------------------- text


@given(types)
def test_text_round_trip(t):
    assert parse_type(str(t)) == t


@given(values)
def test_described_types_round_trip_through_text(value):
    t = describe(value)
    assert parse_type(str(t)) == t


@pytest.mark.parametrize(
    ("t", "text"),
    [
        (INT, "int"),
        (ListT(FLOAT), "list[float]"),
        (ListT(union(FLOAT, INT)), "list[int | float]"),
        (TupleT((INT, INT)), "tuple[int, int]"),
        (TupleT((INT,), variadic=True), "tuple[int, ...]"),
        (TupleT(()), "tuple[()]"),
        (DictT(TupleT((INT, INT)), INT), "dict[tuple[int, int], int]"),
        (SetT(STR), "set[str]"),
        (SetT(INT, frozen=True), "frozenset[int]"),
        (NdArrayT("float64", 2), "numpy.ndarray[float64, 2]"),
        (ListT(UnknownT()), "list[?]"),
        (union(NONE, INT), "int | None"),
        (union(ListT(INT), NONE, STR, BOOL), "bool | str | None | list[int]"),
        (OpaqueT("decimal.Decimal"), "decimal.Decimal"),
        (OpaqueT("__main__.Particle"), "__main__.Particle"),
        (ListT(OpaqueT("__main__.Particle")), "list[__main__.Particle]"),
        (union(DictT(STR, OpaqueT("shapes.Point")), NONE), "None | dict[str, shapes.Point]"),
        (TupleT((OpaqueT("pkg.mod.Outer.Inner"), INT)), "tuple[pkg.mod.Outer.Inner, int]"),
    ],
)
def test_text(t, text):
    assert str(t) == text
    assert parse_type(text) == t


@pytest.mark.parametrize(
    ("text", "t"),
    [
        ("List[float]", ListT(FLOAT)),
        ("typing.List[float]", ListT(FLOAT)),
        ("Optional[int]", union(INT, NONE)),
        ("Optional[List[int]]", union(ListT(INT), NONE)),
        ("Union[str, int, None]", union(INT, STR, NONE)),
        ("Union[int, int]", INT),
        ("float | int | float", union(INT, FLOAT)),
        ("Dict[str, Tuple[int, ...]]", DictT(STR, TupleT((INT,), variadic=True))),
        ("Set[bytes]", SetT(Prim("bytes"))),
        ("FrozenSet[int]", SetT(INT, frozen=True)),
        ("np.ndarray[float32, 1]", NdArrayT("float32", 1)),
        ("ndarray[float64, 1]", NdArrayT("float64", 1)),
        ("NoneType", NONE),
        ("list", ListT(UnknownT())),
        ("dict", DictT(UnknownT(), UnknownT())),
        ("  tuple[ int ,str ] ", TupleT((INT, STR))),
        ("fractions.Fraction", OpaqueT("fractions.Fraction")),
        ("np.ndarray", OpaqueT("numpy.ndarray")),
        ("typing.Sized", OpaqueT("typing.Sized")),
        ("mod.f.<locals>.C", OpaqueT("mod.f.<locals>.C")),
    ],
)
def test_parse_aliases(text, t):
    assert parse_type(text) == t


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty type text"),
        ("list[int", "bad type text 'list\\[int'"),
        ("list[int, str]", "list takes 1 parameter, got 2"),
        ("dict[int]", "dict takes 2 parameters, got 1"),
        ("Optional[int, str]", "Optional takes 1 parameter"),
        ("tuple", "tuple needs parameters"),
        ("tuple[..., int]", "not a type: 'Ellipsis'|not a type: '...'"),
        ("foo(1)", "not a type: 'foo\\(1\\)'"),
        ("1", "not a type: '1'"),
        ("Foo[int]", "unknown generic type: 'Foo\\[int\\]'"),
        ("ndarray[float64]", "expected ndarray\\[dtype, ndim\\]"),
        ("numpy.ndarray[float64, -1]", "ndim must be a non-negative integer"),
        ("numpy.ndarray[float64, x]", "ndim must be a non-negative integer"),
        ("numpy.ndarray[object, 1]", "not a numeric numpy dtype name: 'object'"),
        ("list[int] + 1", "not a type"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(ValueError, match=message):
        parse_type(text)


def test_union_is_canonical():
    options = (ListT(INT), NONE, Prim("bytes"), STR, FLOAT, INT, BOOL, OpaqueT("a.B"))
    assert str(UnionT(options)) == "bool | int | float | str | bytes | None | a.B | list[int]"
    assert UnionT((INT, UnionT((FLOAT, INT)))) == UnionT((FLOAT, INT))
    assert union(INT) == INT
    with pytest.raises(ValueError):
        UnionT((INT, INT))
    with pytest.raises(ValueError):
        TupleT((INT, INT), variadic=True)
    with pytest.raises(ValueError):
        Prim("list")


# ---------------------------------------------------------------- describe


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "int"),
        (True, "bool"),
        (None, "None"),
        (b"x", "bytes"),
        ([1, 2.0], "list[int | float]"),
        ([1, True], "list[bool | int]"),
        ({(1, 2): 3}, "dict[tuple[int, int], int]"),
        ([], "list[?]"),
        ({}, "dict[?, ?]"),
        ((), "tuple[()]"),
        ([[1], [2.5], []], "list[list[int | float]]"),
        ([[], None], "list[None | list[?]]"),
        ({"a": [1], "b": None}, "dict[str, None | list[int]]"),
        ({1.5, 2.5}, "set[float]"),
        (frozenset({"a"}), "frozenset[str]"),
        ((1, "a", None), "tuple[int, str, None]"),
        (tuple(range(MAX_FIXED_TUPLE + 1)), "tuple[int, ...]"),
        ([(1, 2), (3, 4.0)], "list[tuple[int, int | float]]"),
        ([(1, 2), (3,)], "list[tuple[int, int] | tuple[int]]"),
        (np.zeros((2, 3)), "numpy.ndarray[float64, 2]"),
        (np.array(3, dtype=np.int32), "numpy.ndarray[int32, 0]"),
        ([np.zeros(2), np.zeros(3)], "list[numpy.ndarray[float64, 1]]"),
        (np.float64(1.0), "numpy.float64"),
        (np.array(["a"]), "numpy.ndarray"),
        (Decimal(1), "decimal.Decimal"),
        (bytearray(), "bytearray"),
        (1j, "complex"),
        (Color.RED, f"{__name__}.Color"),
        (MyDict(), f"{__name__}.MyDict"),
        (OrderedDict(), "collections.OrderedDict"),
        (Particle(1.0), f"{__name__}.Particle"),
        ([Particle(1.0), Particle(2.0)], f"list[{__name__}.Particle]"),
    ],
)
def test_describe(value, text):
    assert str(describe(value)) == text
    assert parse_type(text) == describe(value)


def test_describe_scans_a_bounded_number_of_elements():
    big = list(range(100_000)) + [1.5]
    assert describe(big) == ListT(INT)
    assert describe(big, max_items=200_000) == ListT(union(INT, FLOAT))
    assert describe([[1] * 10, ["a"]], max_items=5) == ListT(ListT(INT))
    assert describe({i: 1.5 for i in range(20_000)}) == DictT(INT, FLOAT)
    # a short tuple met as the budget runs out keeps its shape (its siblings' join stays a tuple type)
    assert describe([1, (2, 3)], max_items=2) == ListT(union(INT, TupleT((INT, INT))))
    graph = {i: [(i + 1, 1.5), (i + 2, 2.5)] for i in range(500)}
    assert describe(graph) == DictT(INT, ListT(TupleT((INT, FLOAT))))


def test_describe_cyclic_and_deep_values():
    loop: list = [1]
    loop.append(loop)
    assert describe(loop) == ListT(union(INT, ListT(UnknownT())))
    deep: list = []
    for _ in range(200):
        deep = [deep]
    assert str(describe(deep)) == "list[" * (MAX_DEPTH + 1) + "?" + "]" * (MAX_DEPTH + 1)


def test_describe_does_not_import_numpy():
    code = "import sys; from rustify.pytypes import *; describe([1, (2.5, {b'x': None})]); assert 'numpy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------- join


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        ("list[?]", "list[float]", "list[float]"),
        ("int", "float", "int | float"),
        ("int", "int", "int"),
        ("?", "str", "str"),
        ("bool", "int", "bool | int"),
        ("list[int]", "list[float]", "list[int | float]"),
        ("list[list[int]]", "list[list[?]]", "list[list[int]]"),
        ("tuple[int, str]", "tuple[float, str]", "tuple[int | float, str]"),
        ("tuple[int, str]", "tuple[int]", "tuple[int, str] | tuple[int]"),
        ("tuple[int, ...]", "tuple[float, ...]", "tuple[int | float, ...]"),
        ("tuple[int, ...]", "tuple[int]", "tuple[int, ...] | tuple[int]"),
        ("dict[str, int]", "dict[?, ?]", "dict[str, int]"),
        ("dict[str, int]", "dict[int, list[?]]", "dict[int | str, int | list[?]]"),
        ("set[int]", "set[str]", "set[int | str]"),
        ("set[int]", "frozenset[int]", "frozenset[int] | set[int]"),
        ("list[int] | None", "list[float]", "None | list[int | float]"),
        ("int | None", "float | str", "int | float | str | None"),
        ("list[int]", "int", "int | list[int]"),
        ("numpy.ndarray[float64, 1]", "numpy.ndarray[float64, 2]", "numpy.ndarray[float64, 1] | numpy.ndarray[float64, 2]"),
        ("decimal.Decimal", "decimal.Decimal", "decimal.Decimal"),
    ],
)
def test_join(a, b, text):
    assert str(join(parse_type(a), parse_type(b))) == text
    assert str(join(parse_type(b), parse_type(a))) == text


@given(values, values)
def test_join_of_observations_is_commutative_and_idempotent(x, y):
    a, b = describe(x), describe(y)
    assert join(a, b) == join(b, a)
    assert join(a, a) == a
    assert join(join(a, b), b) == join(a, b)
    assert describe([x, y]) == ListT(join(a, b))


def test_opaque_parts_finds_classes_inside_containers_and_unions() -> None:
    assert opaque_parts(parse_type("list[__main__.Particle]")) == (OpaqueT("__main__.Particle"),)
    found = opaque_parts(parse_type("dict[str, shapes.Point] | tuple[int, a.B] | None"))
    assert set(found) == {OpaqueT("shapes.Point"), OpaqueT("a.B")}
    assert opaque_parts(parse_type("dict[str, list[tuple[int, float]]] | None")) == ()
    assert opaque_parts(parse_type("numpy.ndarray[float64, 2]")) == ()
