"""Tests for rustify.values: exact round trips through JSON, size bounds, validation."""

from __future__ import annotations

import copy
import enum
import math
import struct
import subprocess
import sys
from collections import OrderedDict
from decimal import Decimal

import hypothesis.extra.numpy as npst
import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rustify.values import ValueTooLarge, decode, describe_difference, encode, same_value, try_encode


def through_json(value, **kwargs):
    """Encode, write with orjson, read back, decode: what a document round trip does."""
    encoded = encode(value, **kwargs)
    assert_plain_json(encoded)
    reloaded = orjson.loads(orjson.dumps(encoded))
    assert same_value(reloaded, encoded)
    return decode(reloaded)


def assert_plain_json(data, in_array_tag=False):
    """Only JSON types; ints within 2**53; finite floats, no -0.0; objects are tags."""
    t = type(data)
    assert data is None or t in (bool, int, float, str, list, dict), t
    if t is int:
        assert abs(data) <= 2**53
    if t is float:
        assert math.isfinite(data) and (data != 0.0 or math.copysign(1.0, data) > 0)
    if t is list:
        for x in data:
            assert_plain_json(x)
    if t is dict:
        assert in_array_tag or (len(data) == 1 and next(iter(data)).startswith("$"))
        for key, x in data.items():
            assert_plain_json(x, in_array_tag=key in ("$ndarray", "$npscalar"))


def float_from_bits(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def float_bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


# ---------------------------------------------------------------- strategies

any_float = st.floats() | st.integers(0, 2**64 - 1).map(float_from_bits)
any_int = st.integers() | st.integers(-(2**300), 2**300) | st.sampled_from([2**53, 2**53 + 1, -(2**53) - 1, 2**63, 2**64])
any_text = st.text() | st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF) | st.characters())
scalars = st.none() | st.booleans() | any_int | any_float | any_text | st.binary() | st.binary().map(bytearray)
hashables = st.recursive(
    st.none() | st.booleans() | any_int | any_float | any_text | st.binary(),
    lambda inner: st.lists(inner, max_size=4).map(tuple) | st.frozensets(inner, max_size=4),
    max_leaves=10,
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=5).map(tuple)
        | st.dictionaries(hashables, inner, max_size=5)
        | st.sets(hashables, max_size=5)
        | st.frozensets(hashables, max_size=5)
    ),
    max_leaves=20,
)

native_dtypes = (
    npst.boolean_dtypes()
    | npst.integer_dtypes(endianness="=")
    | npst.unsigned_integer_dtypes(endianness="=")
    | npst.floating_dtypes(endianness="=", sizes=(16, 32, 64))
)
shapes = npst.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)


@st.composite
def float_arrays_any_bits(draw):
    """Float arrays filled with arbitrary bit patterns: every NaN payload, -0.0, inf."""
    size = draw(st.sampled_from([2, 4, 8]))
    bits = draw(npst.arrays(np.dtype(f"u{size}"), shapes))
    return bits.view(np.dtype(f"f{size}"))


arrays = native_dtypes.flatmap(lambda dt: npst.arrays(dt, shapes)) | float_arrays_any_bits()
np_scalars = arrays.filter(lambda a: a.size > 0).map(lambda a: a.reshape(-1)[0])


# ---------------------------------------------------------------- round trips


@given(values)
def test_round_trip_is_exact(value):
    back = through_json(value)
    assert same_value(back, value), describe_difference(back, value)


@given(st.lists(arrays | np_scalars, max_size=3) | arrays)
@settings(max_examples=200)
def test_numpy_round_trip_is_exact(value):
    back = through_json(value)
    assert same_value(back, value), describe_difference(back, value)


@given(values)
def test_same_value_is_reflexive_on_copies(value):
    assert same_value(value, value)
    assert same_value(copy.deepcopy(value), value)
    assert describe_difference(value, copy.deepcopy(value)) == ""


@pytest.mark.parametrize(
    "value",
    [
        2**63,
        -(2**200),
        2**53,
        2**53 + 1,
        -(2**53) - 1,
        10**5000,  # beyond the default int-to-str digit limit: written in hex
        math.nan,
        -math.nan,
        float_from_bits(0x7FF0000000000001),  # signalling NaN
        float_from_bits(0x7FF8000000000ABC),
        -0.0,
        0.0,
        math.inf,
        -math.inf,
        5e-324,
        1.0,
        [],
        (),
        {},
        set(),
        frozenset(),
        b"",
        bytearray(),
        "",
        "\ud800 lone \udfff surrogates, a \\ backslash and \u00e9",
        {(1, 2): 3, None: 4, frozenset({1}): 5, 7: 6, "a": 7, 2.5: 8},
        {"b": 1, "a": 2},
        [True, 1, 1.0, False, 0, 0.0, -0.0],
        ((1,), [1], {1}, frozenset({1})),
        np.array(np.nan),
        np.array([], dtype=np.int8).reshape(0, 3),
        np.array([2**64 - 1, 0], dtype=np.uint64),
        np.array([-(2**63)], dtype=np.int64),
        np.array([[True, False]]),
        np.array([-0.0, np.inf, -np.inf, np.nan], dtype=np.float16),
        np.arange(12, dtype=np.float32).reshape(3, 4)[:, ::2],  # not contiguous
        np.arange(4, dtype=">f8"),  # non-native byte order
        np.float64(0.1),
        np.float32(-0.0),
        np.int8(-5),
        np.uint64(2**64 - 1),
        np.bool_(True),
    ],
    ids=lambda v: f"{type(v).__name__}-{v!r:.40}" if type(v) is not int or v < 10**100 else "huge-int",
)
def test_edge_cases_round_trip(value):
    back = through_json(value)
    assert type(back) is type(value)
    assert same_value(back, value), describe_difference(back, value)


def test_json_native_forms():
    assert encode([1, 1.5, "x", True, None]) == [1, 1.5, "x", True, None]
    assert encode(2**53) == 2**53
    assert encode(2**53 + 1) == {"$int": str(2**53 + 1)}
    assert encode(-0.0) == {"$float": "-0.0"}
    assert encode(math.nan) == {"$float": "nan"}
    assert encode(-math.inf) == {"$float": "-inf"}
    assert encode(-math.nan) == {"$float": "0xfff8000000000000"}
    assert encode((1,)) == {"$tuple": [1]}
    assert encode(b"hi") == {"$bytes": "aGk="}
    assert encode({"a": 1}) == {"$dict": [["a", 1]]}
    assert encode({3, 1, 2}) == {"$set": [1, 2, 3]}
    assert encode(np.array([[1.0, 2.0]])) == {"$ndarray": {"dtype": "float64", "shape": [1, 2], "data": [1.0, 2.0]}}
    assert encode(np.float32(0.5)) == {"$npscalar": {"dtype": "float32", "value": 0.5}}


def test_narrow_nan_bits_are_kept():
    arr = np.array([0x7E01, 0xFE00, 0x7E00], dtype=np.uint16).view(np.float16)
    assert encode(arr)["$ndarray"]["data"] == [{"$float": "0x7e01"}, {"$float": "0xfe00"}, {"$float": "nan"}]
    assert decode(encode(arr)).view(np.uint16).tolist() == [0x7E01, 0xFE00, 0x7E00]


def test_bool_and_int_never_mix():
    assert type(through_json(True)) is bool
    assert type(through_json(1)) is int
    assert [type(x) for x in through_json([1, True, 1.0])] == [int, bool, float]
    assert [type(k) for k in through_json({True: "bool", 2: "int"})] == [bool, int]


def test_dict_order_and_key_types_kept():
    value = {(1, 2): "t", 3: "i", None: "n", "3": "s"}
    back = through_json(value)
    assert list(back) == [(1, 2), 3, None, "3"]
    assert [type(k) for k in back] == [tuple, int, type(None), str]


@pytest.mark.parametrize(
    "value",
    [OrderedDict(a=1), enum.IntEnum("E", "A").A, type("MyList", (list,), {})(), Decimal("1.5"), 1j, object(), np.array(["a"])],
    ids=lambda v: type(v).__name__,
)
def test_other_types_are_opaque(value):
    encoded = encode(value)
    assert list(encoded) == ["$opaque"]
    assert encoded["$opaque"] == f"{type(value).__module__}.{type(value).__qualname__}"
    with pytest.raises(ValueError, match="cannot rebuild"):
        decode(encoded)


def test_set_encoding_is_deterministic():
    words = {f"w{i}" for i in range(50)}
    assert encode(words) == encode(set(sorted(words, reverse=True)))


def test_numpy_is_not_imported_for_plain_values():
    code = "import sys; from rustify.values import *; decode(encode([1, (2.5, {b'x'})])); assert 'numpy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------- size bounds


def test_size_cap():
    assert encode(list(range(10)), max_items=10) == list(range(10))
    with pytest.raises(ValueTooLarge):
        encode(list(range(11)), max_items=10)
    with pytest.raises(ValueTooLarge):
        encode([[1, 2, 3], [4, 5, 6]], max_items=7)  # 2 lists + 6 ints
    with pytest.raises(ValueTooLarge):
        encode({i: i for i in range(6)}, max_items=10)  # keys and values count
    with pytest.raises(ValueTooLarge):
        encode(np.zeros(11), max_items=10)
    assert try_encode(list(range(11)), max_items=10) is None
    assert try_encode([1], max_items=10) == [1]
    assert issubclass(ValueTooLarge, ValueError)


def test_shared_parts_count_each_time():
    part = list(range(100))
    assert encode([part] * 10) == [part] * 10  # shared, not cyclic
    with pytest.raises(ValueTooLarge):
        encode([part] * 10, max_items=1000)


def test_self_reference_and_depth():
    loop: list = [1]
    loop.append(loop)
    with pytest.raises(ValueTooLarge, match="itself"):
        encode(loop)
    cyclic_dict: dict = {}
    cyclic_dict["me"] = (cyclic_dict,)
    assert try_encode(cyclic_dict) is None

    def nested(depth):
        value: list = []
        for _ in range(depth):
            value = [value]
        return value

    assert decode(encode(nested(40))) == nested(40)
    with pytest.raises(ValueTooLarge, match="deeper"):
        encode(nested(60))


# ---------------------------------------------------------------- malformed input


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"$nope": 1}, r"unknown tag '\$nope' at \$$"),
        ([1, {"$tuple": [2, {"$x": 1}]}], r"unknown tag '\$x' at \$\[1\]\.\$tuple\[1\]$"),
        ({}, r"one \$tag key, got 0 keys at \$$"),
        ({"$int": "1", "$float": "nan"}, r"got 2 keys at \$$"),
        ({"$int": "12a"}, r"bad integer text '12a' at \$\.\$int$"),
        ({"$int": " 12"}, r"bad integer text"),
        ({"$int": 12}, r"expected a string, got an integer at \$\.\$int$"),
        ({"$float": "1.5"}, r"bad float text '1.5' .* at \$\.\$float$"),
        ({"$float": "0x7ff8"}, r"bad float text"),
        ({"$bytes": "abc"}, r"bad base64 .* at \$\.\$bytes$"),
        ({"$bytes": "a!=="}, r"bad base64"),
        ({"$dict": [[1, 2, 3]]}, r"expected a \[key, value\] pair at \$\.\$dict\[0\]$"),
        ({"$dict": [[[1], 2]]}, r"unhashable list .* at \$\.\$dict\[0\]\[0\]$"),
        ({"$dict": {"a": 1}}, r"expected an array, got an object at \$\.\$dict$"),
        ({"$set": [[1]]}, r"unhashable list .* at \$\.\$set\[0\]$"),
        ({"$tuple": "ab"}, r"expected an array, got a string at \$\.\$tuple$"),
        ({"$str": "\\x"}, r"bad escaped string .* at \$\.\$str$"),
        ({"$ndarray": {"dtype": "float64", "shape": [2]}}, r"keys \['dtype', 'shape', 'data'\], got \['dtype', 'shape'\] at \$\.\$ndarray$"),
        ({"$ndarray": {"dtype": "object", "shape": [0], "data": []}}, r"unsupported numpy dtype 'object' at \$\.\$ndarray\.dtype$"),
        ({"$ndarray": {"dtype": "flt", "shape": [0], "data": []}}, r"unknown numpy dtype 'flt'"),
        ({"$ndarray": {"dtype": "int8", "shape": [3], "data": [1, 2]}}, r"needs 3 elements, got 2 at \$\.\$ndarray\.data$"),
        ({"$ndarray": {"dtype": "int8", "shape": [-1], "data": []}}, r"non-negative .* at \$\.\$ndarray\.shape$"),
        ({"$ndarray": {"dtype": "int8", "shape": [1], "data": [300]}}, r"does not fit int8 .* at \$\.\$ndarray\.data$"),
        ({"$ndarray": {"dtype": "int8", "shape": [1], "data": [1.5]}}, r"expected a int8 element, got float at \$\.\$ndarray\.data\[0\]$"),
        ({"$ndarray": {"dtype": "bool", "shape": [1], "data": [1]}}, r"expected a bool element"),
        ({"$ndarray": {"dtype": "float16", "shape": [1], "data": [{"$float": "0x7ff8000000000000"}]}}, r"0x \+ 4 hex digits"),
        ({"$npscalar": {"dtype": "float32", "value": "x"}}, r"expected a float32 element, got str at \$\.\$npscalar\.value$"),
        ({"$opaque": "decimal.Decimal"}, r"cannot rebuild an opaque 'decimal.Decimal' value at \$\.\$opaque$"),
        ((1, 2), r"not JSON data: a Python tuple at \$$"),
    ],
)
def test_malformed_input_names_the_path(data, message):
    with pytest.raises(ValueError, match=message):
        decode(data)


def test_too_deep_input_is_refused():
    data: list = []
    for _ in range(200):
        data = [data]
    with pytest.raises(ValueError, match="deeper"):
        decode(data)


# ---------------------------------------------------------------- exact comparison


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (0.0, -0.0, "$: 0.0 != -0.0"),
        (1, True, "$: 1 (int) != True (bool)"),
        (1, 1.0, "$: 1 (int) != 1.0 (float)"),
        ((1,), [1], "$: (1,) (tuple) != [1] (list)"),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, "$: key #0: 'a' != 'b'"),
        ([0, 1, 2, 0.1 + 0.2], [0, 1, 2, 0.3], "$[3]: 0.30000000000000004 != 0.3"),
        (math.nan, -math.nan, "$: nan[0x7ff8000000000000] != nan[0xfff8000000000000]"),
        ([1, 2], [1, 2, 3], "$: 2 items != 3 items"),
        ({"k": [1.0]}, {"k": [1]}, "$['k'][0]: 1.0 (float) != 1 (int)"),
        ({1: 0}, {True: 0}, "$: key #0: 1 != True"),
        ({1, 2}, {1, 3}, "$: 2 only in the left set"),
        ({1.0}, {1}, "$: 1.0 only in the left set"),
        ({0.0}, {-0.0}, "$: 0.0 only in the left set"),
        (b"a", b"b", "$: b'a' != b'b'"),
        (np.zeros((2, 2)), np.eye(2), "$[0, 0]: 0.0 != 1.0"),
        (np.zeros(2), np.zeros(2, dtype=np.float32), "$: dtype float64 != float32"),
        (np.zeros(2), np.zeros((2, 1)), "$: shape (2,) != (2, 1)"),
        (np.array([0.0]), np.array([-0.0]), "$[0]: 0.0 != -0.0"),
        (np.float64(1.0), 1.0, "$: np.float64(1.0) (float64) != 1.0 (float)"),
        (np.float32(0.0), np.float32(-0.0), "$: np.float32(0.0) != np.float32(-0.0)"),
        (complex(0.0, 1.0), complex(-0.0, 1.0), "$: 1j != (-0+1j)"),
    ],
)
def test_same_value_negatives(a, b, message):
    assert not same_value(a, b)
    assert describe_difference(a, b) == message


def test_same_value_positives():
    assert same_value(math.nan, float("nan"))
    assert same_value([math.nan, {(1, 2): {0.5}}], [float("nan"), {(1, 2): {0.5}}])
    assert same_value({math.nan, 1}, {float("nan"), 1})
    assert same_value(np.array([np.nan, -0.0]), np.array([np.nan, -0.0]))
    assert same_value(np.arange(6.0).reshape(2, 3)[:, 1], np.array([1.0, 4.0]))
    a: list = [1]
    a.append(a)
    b: list = [1]
    b.append(b)
    assert same_value(a, b)
    assert describe_difference(1, 1) == ""


def test_parity_may_leave_the_payload_of_nans_out() -> None:
    """Which NaN `nan + -nan` gives depends on the operand order the compiler chose."""
    assert not same_value([math.nan], [-math.nan])
    assert same_value([math.nan, 1.0], [-math.nan, 1.0], nan_payloads=False)
    assert not same_value([math.nan, 1.0], [-math.nan, -1.0], nan_payloads=False)
    assert not same_value(math.nan, 0.0, nan_payloads=False)
