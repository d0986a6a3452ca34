"""Tagged JSON encoding of sampled Python values (DESIGN.md section 3).

Captured arguments and parity counter-examples must survive a trip through a JSON
document exactly: the Rust translation is checked bit for bit against CPython, so a
tuple that comes back as a list, a 2**64 that comes back as a float, or a -0.0 that
comes back as 0.0 would make parity checks lie. JSON-native forms are used only where
they are lossless (str, bool, null, ints within 2**53, finite floats, lists); every
other value is a one-key object whose key starts with `$`, so any JSON object in an
encoding is a tag. Nothing is ever pickled: decoding builds only plain data, and
instances of plain Python classes (`$object`: the class by name and the attributes,
see `_Layout`) only of classes the caller's resolver hands back, without running any
of their code.

Capture must be cheap and bounded, so `encode` refuses (with `ValueTooLarge`) values
with too many elements, nested too deep, or containing themselves.
"""

from __future__ import annotations

import abc
import base64
import binascii
import dataclasses
import math
import re
import struct
import sys
import types
import weakref
from typing import Any, Callable

MAX_DEPTH = 50
_JSON_INT_LIMIT = 2**53
_INT_RE = re.compile(r"-?(0|[1-9][0-9]*|0x[0-9a-f]+)")
_BITS_RE = re.compile(r"0x[0-9a-f]+")
_SPECIAL_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "-0.0": -0.0}
_ARRAY_KINDS = "biuf"  # bool, signed, unsigned, float (at most 64 bits)


class ValueTooLarge(ValueError):
    """The value is too big, too deep or cyclic to capture; the caller skips it."""


def _bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


_DEFAULT_NAN_BITS = _bits(math.nan)


# ---------------------------------------------------------------- encode


def encode(value: Any, *, max_items: int = 100_000) -> Any:
    """`value` as plain JSON data (dict/list/str/int/float/bool/None).

    Raises `ValueTooLarge` when the value holds more than `max_items` elements in
    total (every list/tuple/set element, dict key and dict value, array element,
    instance attribute, at any depth), nests deeper than MAX_DEPTH, or contains itself.
    An instance of a plain class (`_Layout`) is `{"$object": {"class": "module.Qualname",
    "state": {attribute: value, ...}}}`; any other value without an encoding is
    `{"$opaque": "module.Qualname"}`, which cannot be decoded. A function its module holds
    under its name (a callback passed to the function) is `{"$function": "module.Qualname"}`,
    rebuilt as that same function.
    """
    return _Encoder(max_items).encode(value, 0)


def try_encode(value: Any, *, max_items: int = 100_000) -> Any | None:
    """`encode`, or None when the value is too large to capture."""
    try:
        return encode(value, max_items=max_items)
    except ValueTooLarge:
        return None


def _encode_int(v: int) -> Any:
    if -_JSON_INT_LIMIT <= v <= _JSON_INT_LIMIT:
        return v
    try:
        return {"$int": str(v)}
    except ValueError:  # beyond sys.get_int_max_str_digits(): hex has no limit
        return {"$int": hex(v)}


def _encode_float(v: float) -> Any:
    if math.isfinite(v) and not (v == 0.0 and math.copysign(1.0, v) < 0):
        return v
    if v == 0.0:
        return {"$float": "-0.0"}
    if math.isinf(v):
        return {"$float": "inf" if v > 0 else "-inf"}
    bits = _bits(v)  # NaNs differ by sign and payload; keep the odd ones exactly
    return {"$float": "nan"} if bits == _DEFAULT_NAN_BITS else {"$float": f"0x{bits:016x}"}


def _encode_str(v: str) -> Any:
    if v.isascii():
        return v
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: JSON writers (orjson) refuse them
        return {"$str": v.encode("unicode_escape").decode("ascii")}
    return v


class _Encoder:
    """One encoding run: the element budget and the containers being visited."""

    def __init__(self, max_items: int):
        self.budget = max_items
        self.max_items = max_items
        self.active: set[int] = set()

    def spend(self, n: int) -> None:
        self.budget -= n
        if self.budget < 0:
            raise ValueTooLarge(f"value has more than {self.max_items} elements")

    def encode(self, v: Any, depth: int) -> Any:
        t = type(v)
        if v is None or t is bool:
            return v
        if t is str:
            return _encode_str(v)
        if t is int:
            return _encode_int(v)
        if t is float:
            return _encode_float(v)
        if t is bytes or t is bytearray:
            return {f"${t.__name__}": base64.b64encode(v).decode("ascii")}
        if t in (list, tuple, dict, set, frozenset):
            return self.container(v, t, depth)
        if t.__module__ == "numpy":
            return _encode_numpy(v, self)
        if t is types.FunctionType and _named_function(v):
            return {"$function": f"{v.__module__}.{v.__qualname__}"}
        layout = _layout(t)
        state = layout.state(v) if layout is not None else None
        if state is not None and all(type(k) is str and k.isidentifier() for k in state):
            return self.instance(v, t, state, depth)
        return {"$opaque": _type_name(t)}

    def enter(self, v: Any, depth: int) -> None:
        if depth >= MAX_DEPTH:
            raise ValueTooLarge(f"value is nested deeper than {MAX_DEPTH} levels")
        if id(v) in self.active:
            raise ValueTooLarge("value contains itself")
        self.active.add(id(v))

    def instance(self, v: Any, t: type, state: dict[str, Any], depth: int) -> Any:
        self.enter(v, depth)
        try:
            self.spend(len(state))
            encoded = {k: self.encode(x, depth + 1) for k, x in state.items()}
            return {"$object": {"class": _type_name(t), "state": encoded}}
        finally:
            self.active.discard(id(v))

    def container(self, v: Any, t: type, depth: int) -> Any:
        self.enter(v, depth)
        depth += 1
        try:
            self.spend(2 * len(v) if t is dict else len(v))
            if t is dict:
                return {"$dict": [[self.encode(k, depth), self.encode(x, depth)] for k, x in v.items()]}
            items = [self.encode(x, depth) for x in v]
            if t is list:
                return items
            if t is tuple:
                return {"$tuple": items}
            # sets have no order; sort so the same set always gives the same document
            return {f"${t.__name__}": sorted(items, key=repr)}
        finally:
            self.active.discard(id(v))


def _type_name(t: type) -> str:
    return f"{t.__module__}.{t.__qualname__}"


def _named_function(f: types.FunctionType) -> bool:
    """Whether `f` is what its module holds under its qualified name (a module-level
    function or a method of a module-level class): then its name stands for it."""
    found: Any = sys.modules.get(f.__module__)
    for part in f.__qualname__.split("."):
        found = getattr(found, "__dict__", {}).get(part)
    return found is f


# ---------------------------------------------------------------- instances of plain classes

_HEAPTYPE, _IMMUTABLETYPE = 1 << 9, 1 << 8
#: hooks by which a class makes its instances more than their attributes, or runs code on
#: creation or collection; a class (or base) defining one is not plain
_HOOKS = ("__new__", "__reduce__", "__reduce_ex__", "__getstate__", "__setstate__", "__getnewargs__",
          "__getnewargs_ex__", "__del__")
#: what `@dataclass(frozen=True, slots=True)` adds for pickle: the fields, nothing more
_DATACLASS_STATE = tuple(f for f in (getattr(dataclasses, "_dataclass_getstate", None),
                                     getattr(dataclasses, "_dataclass_setstate", None)) if f is not None)


@dataclasses.dataclass(frozen=True)
class _Layout:
    """Where a plain class keeps its instances' attributes: the instance `__dict__` (its
    getset descriptor, None with `__slots__` only) and the slots (name -> member descriptor).

    A class is plain when its state is exactly these attributes and an instance made by
    `object.__new__` and given them is the same value: defined by a `class` statement at
    module level (qualname without `<locals>`, metaclass `type` or ABCMeta), with every base
    but `object` a Python class too (no builtin or extension type, whose C fields the
    attributes would miss: a list subclass, re.Pattern, a file), and none of `_HOOKS`. Reading
    and writing the attributes goes through these descriptors, never the class's
    `__getattribute__`, `__setattr__` or properties: no user code runs."""

    dict_attr: Any
    slots: dict[str, Any]

    def state(self, v: Any) -> dict[Any, Any] | None:
        """The instance's attributes: its `__dict__` in order, then the slots that are set.
        None when a `__dict__` entry has a slot's name (then no one mapping can say both)."""
        out = dict(self.dict_attr.__get__(v)) if self.dict_attr is not None else {}
        for name, member in self.slots.items():
            try:
                value = member.__get__(v)
            except AttributeError:  # an unset slot
                continue
            if name in out:
                return None
            out[name] = value
        return out

    def set(self, v: Any, name: str, value: Any) -> bool:
        """Give the instance an attribute; False when it has no place for `name`."""
        member = self.slots.get(name)
        if member is not None:
            member.__set__(v, value)
        elif self.dict_attr is not None and not any(name in base.__dict__ for base in type(v).__mro__):
            # no class attribute of that name, so no descriptor or property runs: stored as
            # `__init__`'s `self.x = ...` stores it (CPython 3.11+ keeps it in the instance's
            # inline values; reading `__dict__` would make a real dict, and every attribute
            # access of the instance twice as slow, which a benchmark on it would measure)
            object.__setattr__(v, name, value)
        elif self.dict_attr is not None:
            self.dict_attr.__get__(v)[name] = value
        else:
            return False
        return True


_LAYOUTS: weakref.WeakKeyDictionary[type, _Layout | None] = weakref.WeakKeyDictionary()


def _layout(t: type) -> _Layout | None:
    """The layout of a plain class's instances, or None for any other type."""
    meta = type(t)
    if (meta is not type and meta is not abc.ABCMeta) or t.__module__ == "builtins":
        return None  # (a metaclass of its own could run code on the lookups below)
    try:
        return _LAYOUTS[t]
    except KeyError:
        layout = _LAYOUTS[t] = _find_layout(t)
        return layout


def _find_layout(t: type) -> _Layout | None:
    if "<locals>" in t.__qualname__:
        return None
    dict_attr, slots = None, {}
    for base in t.__mro__[:-1]:  # the last is object
        if not base.__flags__ & _HEAPTYPE or base.__flags__ & _IMMUTABLETYPE:
            return None
        own = base.__dict__
        if any(hook in own and not any(own[hook] is f for f in _DATACLASS_STATE) for hook in _HOOKS):
            return None
        for name, attr in own.items():
            if type(attr) is types.MemberDescriptorType and attr.__objclass__ is base:
                slots.setdefault(name, attr)
        if dict_attr is None and "__dict__" in own:
            dict_attr = own["__dict__"]
            if type(dict_attr) is not types.GetSetDescriptorType:
                return None  # a class attribute or property named __dict__
    return _Layout(dict_attr, slots)


def object_state(v: Any) -> dict[Any, Any] | None:
    """The attributes of an instance of a plain class (see `_Layout`), None for other values."""
    layout = _layout(type(v))
    return None if layout is None else layout.state(v)


def _dtype_text(dtype: Any) -> str:
    import numpy as np

    return dtype.name if dtype == np.dtype(dtype.name) else dtype.str


def _array_dtype_ok(dtype: Any) -> bool:
    return dtype.kind in _ARRAY_KINDS and not (dtype.kind == "f" and dtype.itemsize > 8)


def _encode_numpy(v: Any, enc: _Encoder) -> Any:
    """numpy arrays and scalars; only called for values whose type lives in numpy."""
    import numpy as np

    t = type(v)
    if t is np.ndarray and _array_dtype_ok(v.dtype):
        enc.spend(v.size)
        data = _encode_array_items(np, v.reshape(-1))
        return {"$ndarray": {"dtype": _dtype_text(v.dtype), "shape": list(v.shape), "data": data}}
    if isinstance(v, np.generic) and _array_dtype_ok(v.dtype):
        item = _encode_array_items(np, np.asarray(v).reshape(1))[0]
        return {"$npscalar": {"dtype": _dtype_text(v.dtype), "value": item}}
    return {"$opaque": _type_name(t)}


def _encode_array_items(np: Any, flat: Any) -> list[Any]:
    """Elements of a 1-d array; NaNs keep their exact bits at the array's width."""
    values = flat.tolist()
    if flat.dtype.kind != "f":
        return [v if type(v) is bool else _encode_int(v) for v in values]
    out = [_encode_float(v) for v in values]
    nans = np.flatnonzero(np.isnan(flat)).tolist() if flat.dtype.itemsize < 8 else []
    if nans:  # widening a narrow NaN to a Python float can change its bits
        uint = np.dtype(f"u{flat.dtype.itemsize}")
        default = int(np.array([np.nan], flat.dtype).view(uint)[0])
        bits = flat.view(uint)
        for i in nans:
            b = int(bits[i])
            out[i] = {"$float": "nan" if b == default else f"0x{b:0{2 * flat.dtype.itemsize}x}"}
    return out


# ---------------------------------------------------------------- decode


#: "module.Qualname" -> the class (or function) it names, or ValueError saying why there is none
ClassResolver = Callable[[str], Any]


def decode(data: Any, *, classes: ClassResolver | None = None) -> Any:
    """The value `data` encodes. Raises ValueError naming the path of bad data.

    An `$object` is rebuilt only as an instance of the class `classes` gives for its name
    (which must be plain, see `_Layout`): `object.__new__` and its attributes set through
    the class's slot and `__dict__` descriptors, so neither `__init__` nor `__setattr__`
    nor any other code of the class runs. Without `classes` an `$object` is an error. A
    `$function` is the function `classes` gives for its name (nothing of it runs).
    """
    return _decode(data, "$", 0, classes)


_TAGS = ("$int", "$float", "$str", "$bytes", "$bytearray", "$tuple", "$dict", "$set", "$frozenset")
_TAGS += ("$ndarray", "$npscalar", "$object", "$opaque", "$function")
_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "an integer", float: "a number"}


def _fail(message: str, path: str) -> ValueError:
    return ValueError(f"{message} at {path}")


def _expect(x: Any, t: type, path: str) -> Any:
    if type(x) is not t:
        got = "null" if x is None else _KINDS.get(type(x), f"a Python {type(x).__name__}")
        raise _fail(f"expected {_KINDS[t]}, got {got}", path)
    return x


def _hashable(x: Any, path: str) -> Any:
    try:
        hash(x)
    except TypeError:
        raise _fail(f"unhashable {type(x).__name__} used as a key or set element", path) from None
    return x


def _decode(data: Any, path: str, depth: int, classes: ClassResolver | None = None) -> Any:
    t = type(data)
    if data is None or t in (bool, str, int, float):
        return data
    if depth >= MAX_DEPTH:
        raise _fail(f"value is nested deeper than {MAX_DEPTH} levels", path)
    if t is list:
        return [_decode(x, f"{path}[{i}]", depth + 1, classes) for i, x in enumerate(data)]
    if t is not dict:
        raise _fail(f"not JSON data: a Python {t.__name__}", path)
    if len(data) != 1:
        raise _fail(f"expected an object with one $tag key, got {len(data)} keys", path)
    ((tag, body),) = data.items()
    if tag not in _TAGS:
        raise _fail(f"unknown tag {tag!r}", path)
    return _decode_tag(tag, body, f"{path}.{tag}", depth + 1, classes)


def _decode_tag(tag: str, body: Any, path: str, depth: int, classes: ClassResolver | None) -> Any:
    if tag in ("$tuple", "$set", "$frozenset"):
        items = [_decode(x, f"{path}[{i}]", depth, classes) for i, x in enumerate(_expect(body, list, path))]
        if tag == "$tuple":
            return tuple(items)
        return (set if tag == "$set" else frozenset)(_hashable(x, f"{path}[{i}]") for i, x in enumerate(items))
    if tag == "$dict":
        out = {}
        for i, pair in enumerate(_expect(body, list, path)):
            p = f"{path}[{i}]"
            if type(pair) is not list or len(pair) != 2:
                raise _fail("expected a [key, value] pair", p)
            key = _hashable(_decode(pair[0], f"{p}[0]", depth, classes), f"{p}[0]")
            out[key] = _decode(pair[1], f"{p}[1]", depth, classes)
        return out
    if tag == "$object":
        return _decode_object(body, path, depth, classes)
    if tag in ("$ndarray", "$npscalar"):
        return _decode_numpy(tag, body, path, depth)
    if tag == "$opaque":
        raise _fail(f"cannot rebuild an opaque {body!r} value", path)
    if tag == "$function":
        return _decode_function(_expect(body, str, path), path, classes)
    text = _expect(body, str, path)
    if tag == "$float":
        return _decode_float(text, path)
    try:
        if tag == "$int":
            if not _INT_RE.fullmatch(text):
                raise ValueError(f"bad integer text {text[:40]!r}")
            return int(text, 16) if "x" in text else int(text)  # int() fails beyond the digit limit
        if tag == "$str":
            return text.encode("ascii").decode("unicode_escape")
        data = base64.b64decode(text, validate=True)
        return data if tag == "$bytes" else bytearray(data)
    except UnicodeError as exc:
        raise _fail(f"bad escaped string ({exc})", path) from None
    except (binascii.Error, ValueError) as exc:
        raise _fail(str(exc) if tag == "$int" else f"bad base64 ({exc})", path) from None


def _decode_function(name: str, path: str, classes: ClassResolver | None) -> Any:
    if classes is None:
        raise _fail(f"cannot rebuild the function {name!r}: no module to find it in", path)
    try:
        found = classes(name)
    except ValueError as exc:
        raise _fail(str(exc), path) from None
    if not isinstance(found, types.FunctionType):
        raise _fail(f"{name!r} is not a function", path)
    return found


def _decode_object(body: Any, path: str, depth: int, classes: ClassResolver | None) -> Any:
    if type(body) is not dict or sorted(body) != ["class", "state"]:
        got = sorted(body) if type(body) is dict else body
        raise _fail(f"expected an object with keys ['class', 'state'], got {got!r}", path)
    name = _expect(body["class"], str, f"{path}.class")
    if classes is None:
        raise _fail(f"cannot rebuild an instance of {name!r}: no classes to rebuild instances from", f"{path}.class")
    try:
        cls = classes(name)
    except ValueError as exc:
        raise _fail(str(exc), f"{path}.class") from None
    layout = _layout(cls) if isinstance(cls, type) else None
    if layout is None:
        raise _fail(f"cannot rebuild an instance of {name!r}: {cls!r} is not a plain class (one whose instances "
                    "are only their attributes)", f"{path}.class")
    state = _expect(body["state"], dict, f"{path}.state")
    instance = object.__new__(cls)
    for key, data in state.items():
        if not key.isidentifier():
            raise _fail(f"attribute name {key!r} is not an identifier", f"{path}.state")
        # an attribute name in CPython's own form: interned, as names in code are (a name first
        # stored uninterned becomes the class's shared key, and lookups by the interned name
        # then miss every cache keyed by identity)
        if not layout.set(instance, sys.intern(key), _decode(data, f"{path}.state.{key}", depth, classes)):
            raise _fail(f"{name!r} has no __dict__ and no slot {key!r}", f"{path}.state.{key}")
    return instance


def _decode_float(text: str, path: str, width: int = 16) -> float | int:
    """A float; with `width` < 16 hex digits the bits form yields the bits as an int."""
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    if _BITS_RE.fullmatch(text) and len(text) == 2 + width:
        bits = int(text, 16)
        return struct.unpack("<d", struct.pack("<Q", bits))[0] if width == 16 else bits
    raise _fail(f"bad float text {text[:40]!r} (expected nan, inf, -inf, -0.0 or 0x + {width} hex digits)", path)


def _decode_numpy(tag: str, body: Any, path: str, depth: int) -> Any:
    import numpy as np

    names = ["dtype", "shape", "data"] if tag == "$ndarray" else ["dtype", "value"]
    if type(body) is not dict or sorted(body) != sorted(names):
        raise _fail(f"expected an object with keys {names}, got {sorted(body) if type(body) is dict else body!r}", path)
    text = _expect(body["dtype"], str, f"{path}.dtype")
    try:
        dtype = np.dtype(text)
    except (TypeError, ValueError):
        raise _fail(f"unknown numpy dtype {body['dtype']!r}", f"{path}.dtype") from None
    if not _array_dtype_ok(dtype):
        raise _fail(f"unsupported numpy dtype {body['dtype']!r}", f"{path}.dtype")
    if tag == "$npscalar":
        return _decode_array([(body["value"], f"{path}.value")], dtype, path, depth)[0]
    shape = _expect(body["shape"], list, f"{path}.shape")
    if not all(type(n) is int and n >= 0 for n in shape):
        raise _fail("shape must be a list of non-negative integers", f"{path}.shape")
    items = _expect(body["data"], list, f"{path}.data")
    if math.prod(shape) != len(items):
        raise _fail(f"shape {shape} needs {math.prod(shape)} elements, got {len(items)}", f"{path}.data")
    located = [(x, f"{path}.data[{i}]") for i, x in enumerate(items)]
    return _decode_array(located, dtype, f"{path}.data", depth).reshape(shape)


def _decode_array(items: list[tuple[Any, str]], dtype: Any, path: str, depth: int) -> Any:
    """A 1-d array of `dtype` from (encoded element, path) pairs, NaN bits kept exactly."""
    import numpy as np

    width, values, patches = 2 * dtype.itemsize, [], []
    wanted = {"b": (bool,), "i": (int,), "u": (int,), "f": (float, int)}[dtype.kind]
    for i, (x, p) in enumerate(items):
        if dtype.kind == "f" and width < 16 and type(x) is dict and list(x) == ["$float"]:
            v = _decode_float(_expect(x["$float"], str, f"{p}.$float"), f"{p}.$float", width)
            if type(v) is int:
                patches.append((i, v))
                v = math.nan
        else:
            v = _decode(x, p, depth)
        if type(v) not in wanted:
            raise _fail(f"expected a {dtype.name} element, got {type(v).__name__}", p)
        values.append(v)
    try:
        with np.errstate(over="raise"):
            arr = np.array(values, dtype=dtype)
    except (OverflowError, FloatingPointError, ValueError) as exc:
        raise _fail(f"element does not fit {dtype.name} ({exc})", path) from None
    bits = arr.view(np.dtype(f"u{dtype.itemsize}"))
    for i, b in patches:
        bits[i] = b
    return arr


# ---------------------------------------------------------------- exact comparison


def same_value(a: Any, b: Any, *, nan_payloads: bool = True) -> bool:
    """Exact equality for parity checks: same type at every level, floats bit for bit.

    `==` is too forgiving for that (1 == 1.0 == True, 0.0 == -0.0, (1,) vs [1] only
    differ by type, NaN != NaN), and dict order is part of what a function returns.
    Instances of plain classes (`_Layout`) are the same when their classes have the same
    qualified name and their attributes are the same, in the same order (not by `==`,
    which a class may define loosely or not at all). Without `nan_payloads`, any two
    float NaNs are the same (see `_Walk`).
    """
    return _difference(a, b, "$", _Walk(nan_payloads)) is None


def describe_difference(a: Any, b: Any, *, nan_payloads: bool = True) -> str:
    """The first difference between `a` and `b`, with its path; "" when the same."""
    return _difference(a, b, "$", _Walk(nan_payloads)) or ""


class _Walk(set):
    """The pairs of containers being compared (a cycle is equal while it is compared), and
    whether the sign and payload of a float NaN count. The NaN that arithmetic on two NaN
    operands gives is the one the hardware sees first, and C compilers may swap the operands
    of `+` and `*` (CPython's `a + b` can give `nan` where the same sum in Rust gives
    `-nan`): no semantics decides it, so parity checks leave it out."""

    def __init__(self, nan_payloads: bool) -> None:
        super().__init__()
        self.nan_payloads = nan_payloads


def _show(x: Any) -> str:
    if type(x) is float and math.isnan(x):
        return f"nan[0x{_bits(x):016x}]"
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def _canon(x: Any) -> Any:
    """A hashable key that is equal only for same_value-equal hashable values."""
    t = type(x)
    if t is float:
        return (t, _bits(x))
    if t is complex:
        return (t, _bits(x.real), _bits(x.imag))
    if t is tuple:
        return (t, tuple(_canon(y) for y in x))
    if t is frozenset:
        return (t, frozenset(_canon(y) for y in x))
    if t.__module__ == "numpy" and hasattr(x, "tobytes"):
        return (t, x.tobytes())
    if _layout(t) is not None:  # an instance: by its attributes, as same_value compares it
        encoded = try_encode(x)
        if encoded is not None:
            return ("$object", repr(encoded))
    return (t, x)


def _same_class(a: type, b: type) -> bool:
    """Two classes of plain instances with one name (a module loaded twice makes two)."""
    return _layout(a) is not None and _layout(b) is not None and _type_name(a) == _type_name(b)


def _class_text(t: type) -> str:
    return t.__name__ if t.__module__ == "builtins" else _type_name(t)


def _difference(a: Any, b: Any, path: str, seen: set[tuple[int, int]]) -> str | None:
    ta, tb = type(a), type(b)
    if ta is not tb and not _same_class(ta, tb):
        if ta.__name__ != tb.__name__:
            return f"{path}: {_show(a)} ({ta.__name__}) != {_show(b)} ({tb.__name__})"
        return f"{path}: {_show(a)} ({_class_text(ta)}) != {_show(b)} ({_class_text(tb)})"
    if a is b:
        return None
    if ta.__module__ == "numpy":
        return _numpy_difference(a, b, path)
    if ta in (set, frozenset):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        keys_a, keys_b = {_canon(x): x for x in a}, {_canon(x): x for x in b}
        for left, right, side in ((keys_a, keys_b, "left"), (keys_b, keys_a, "right")):
            extra = [left[k] for k in left if k not in right]
            if extra:
                return f"{path}: {_show(extra[0])} only in the {side} {ta.__name__}"
        return None
    states = None  # of two instances of plain classes: their attributes
    if ta not in (list, tuple, dict):
        layout_a, layout_b = _layout(ta), _layout(tb)
        if layout_a is not None and layout_b is not None:
            states = (layout_a.state(a), layout_b.state(b))
        if states is None or states[0] is None or states[1] is None:
            same = _scalar_equal(a, b) or not getattr(seen, "nan_payloads", True) and _both_nan(a, b)
            return None if same else f"{path}: {_show(a)} != {_show(b)}"
    if (id(a), id(b)) in seen:  # cyclic values: assume equal while comparing them
        return None
    if states is None and len(a) != len(b):
        what = "keys" if ta is dict else "items"
        return f"{path}: {len(a)} {what} != {len(b)} {what}"
    seen.add((id(a), id(b)))
    try:
        if states is not None:
            return _state_difference(states[0], states[1], path, seen)  # type: ignore[arg-type]
        if ta is dict:
            for i, ((ka, va), (kb, vb)) in enumerate(zip(a.items(), b.items())):
                if _canon(ka) != _canon(kb):
                    return f"{path}: key #{i}: {_show(ka)} != {_show(kb)}"
                found = _difference(va, vb, f"{path}[{_show(ka)}]", seen)
                if found:
                    return found
            return None
        for i, (x, y) in enumerate(zip(a, b)):
            found = _difference(x, y, f"{path}[{i}]", seen)
            if found:
                return found
        return None
    finally:
        seen.discard((id(a), id(b)))


def _state_difference(a: dict[Any, Any], b: dict[Any, Any], path: str, seen: set[tuple[int, int]]) -> str | None:
    """Two instances' attributes: the same names, in the same order, with the same values."""
    for left, right, side in ((a, b, "left"), (b, a, "right")):
        extra = [name for name in left if name not in right]
        if extra:
            return f"{path}.{extra[0]}: only in the {side} object"
    if list(a) != list(b):
        return f"{path}: attributes in the order {list(a)} != {list(b)}"
    for name, x in a.items():
        found = _difference(x, b[name], f"{path}.{name}", seen)
        if found:
            return found
    return None


def _both_nan(a: Any, b: Any) -> bool:
    return type(a) is float and type(b) is float and math.isnan(a) and math.isnan(b)


def _scalar_equal(a: Any, b: Any) -> bool:
    if type(a) in (float, complex):
        return _canon(a) == _canon(b)
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - an odd __eq__ just means "not provably the same"
        return False


def _numpy_difference(a: Any, b: Any, path: str) -> str | None:
    """Arrays and numpy scalars: same dtype, same shape, same bytes."""
    import numpy as np

    if not isinstance(a, (np.ndarray, np.generic)):
        return None if _scalar_equal(a, b) else f"{path}: {_show(a)} != {_show(b)}"
    if a.dtype != b.dtype:
        return f"{path}: dtype {a.dtype} != {b.dtype}"
    if a.shape != b.shape:
        return f"{path}: shape {a.shape} != {b.shape}"
    if a.dtype.kind == "O":
        return _difference(np.asarray(a).tolist(), np.asarray(b).tolist(), path, set())
    size = max(a.dtype.itemsize, 1)
    raw_a = np.ascontiguousarray(a).reshape(-1).view(np.uint8).reshape(-1, size)
    raw_b = np.ascontiguousarray(b).reshape(-1).view(np.uint8).reshape(-1, size)
    differs = np.flatnonzero((raw_a != raw_b).any(axis=1))
    if len(differs) == 0:
        return None
    if isinstance(a, np.generic):
        return f"{path}: {_show(a)} != {_show(b)}"
    index = np.unravel_index(int(differs[0]), a.shape)
    where = ", ".join(str(int(i)) for i in index) or "()"
    return f"{path}[{where}]: {_show(a[index].item())} != {_show(b[index].item())}"
