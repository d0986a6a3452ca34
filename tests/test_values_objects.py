"""rustify.values on instances of plain Python classes (`$object`): exact round trips, what
stays opaque, that decoding runs none of the class's code, and the exact comparison."""

from __future__ import annotations

import abc
import dataclasses
import enum
import re
import sys
import typing

import orjson
import pytest

from rustify.values import ValueTooLarge, decode, describe_difference, encode, object_state, same_value, try_encode


class Particle:
    def __init__(self, x: float, v: float) -> None:
        self.x = x
        self.v = v


class Cloud:
    def __init__(self, particles: list[Particle]) -> None:
        self.particles = particles
        self.name = "cloud"


@dataclasses.dataclass
class Point:
    x: float
    y: float


@dataclasses.dataclass(frozen=True, slots=True)
class FrozenPoint:
    x: float
    y: float


class Slotted:
    __slots__ = ("a", "b", "__hidden")

    def __init__(self, a, hidden) -> None:
        self.a = a
        self.__hidden = hidden  # b stays unset


class SlottedChild(Slotted):  # slots of the base plus a __dict__
    pass


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self) -> float: ...


class Square(Shape):
    def __init__(self, side: float) -> None:
        self.side = side

    def area(self) -> float:
        return self.side**2


class Outer:
    class Inner:
        pass


class Guarded:
    """Every way a class could run code when an instance is made or given attributes."""

    calls: typing.ClassVar[list[str]] = []

    def __init__(self) -> None:
        Guarded.calls.append("__init__")
        object.__setattr__(self, "_x", 0)

    def __setattr__(self, name, value) -> None:
        Guarded.calls.append("__setattr__")
        raise AttributeError("read-only")

    @property
    def x(self):
        return self._x

    @x.setter
    def x(self, value):
        Guarded.calls.append("x.setter")


class EqualsAnything:
    def __init__(self, n) -> None:
        self.n = n

    def __eq__(self, other) -> bool:
        return True

    __hash__ = object.__hash__


CLASSES = [Particle, Cloud, Point, FrozenPoint, Slotted, SlottedChild, Square, Outer.Inner, Guarded, EqualsAnything]
NAMES = {f"{c.__module__}.{c.__qualname__}": c for c in CLASSES}


def resolve(name: str) -> type:
    try:
        return NAMES[name]
    except KeyError:
        raise ValueError(f"unknown class {name!r}") from None


def name_of(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def through_json(value, **kwargs):
    """Encode, write with orjson, read back, decode with this module's classes."""
    return decode(orjson.loads(orjson.dumps(encode(value, **kwargs))), classes=resolve)


def slotted() -> Slotted:
    s = Slotted([1, 2], -0.0)
    return s


def child() -> SlottedChild:
    c = SlottedChild("a", 2**70)
    c.extra = (1, 2)
    return c


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize(
    "make",
    [
        lambda: Particle(1.5, -0.0),
        lambda: Point(2**64, float("nan")),
        lambda: FrozenPoint(1.0, 2.0),
        slotted,
        child,
        lambda: Square(3.0),
        Outer.Inner,
        lambda: Cloud([Particle(0.0, 1.0), Particle(2.0, 3.0)]),
        lambda: [Particle(1.0, 2.0), (Point(1, 2), {"k": Particle(3.0, {4})}), {1: FrozenPoint(0.0, 1.0)}],
        lambda: {FrozenPoint(1.0, 2.0): "hashable instances are dict keys too"},
    ],
    ids=["plain", "dataclass", "frozen-slots-dataclass", "slots", "slots-and-dict", "abc", "nested-class",
         "list-of-instances", "in-containers", "dict-key"],
)
def test_instances_round_trip_exactly(make):
    value = make()
    back = through_json(value)
    assert same_value(back, value), describe_difference(back, value)
    assert back is not value and type(back) is type(value)


def test_the_encoding_is_class_and_attributes():
    assert encode(Particle(1.5, -0.0)) == {
        "$object": {"class": name_of(Particle), "state": {"x": 1.5, "v": {"$float": "-0.0"}}}}
    state = encode(slotted())["$object"]["state"]
    assert state == {"_Slotted__hidden": {"$float": "-0.0"}, "a": [1, 2]}  # unset slot b: absent
    state = encode(child())["$object"]["state"]  # the __dict__ first, then the slots
    assert state == {"extra": {"$tuple": [1, 2]}, "_Slotted__hidden": {"$int": str(2**70)}, "a": "a"}
    assert object_state(Point(1, 2)) == {"x": 1, "y": 2}
    assert object_state([1]) is None and object_state(re.compile("a")) is None


def test_attribute_order_and_identity_inside_the_state():
    p = Particle(1.0, 2.0)
    del p.x
    p.x = 3.0  # now after v
    back = through_json(p)
    assert list(vars(back)) == ["v", "x"]
    shared = [0]
    c = Cloud([])
    c.a, c.b = shared, shared
    back = through_json(c)
    assert back.a == back.b and back.a is not back.b  # like lists, sharing is not kept


def test_decoding_runs_no_code_of_the_class():
    Guarded.calls.clear()
    g = Guarded()
    vars(g)["x"] = 5  # in __dict__, shadowed by the property
    Guarded.calls.clear()
    data = encode(g)
    assert data["$object"]["state"] == {"_x": 0, "x": 5}
    back = decode(data, classes=resolve)
    assert Guarded.calls == []  # no __init__, no __setattr__, no property setter
    assert vars(back) == {"_x": 0, "x": 5}
    frozen = decode(encode(FrozenPoint(1.0, 2.0)), classes=resolve)
    assert (frozen.x, frozen.y) == (1.0, 2.0)


# ---------------------------------------------------------------- what stays opaque


class WithReduce:
    def __reduce__(self):
        return (WithReduce, ())


class WithReduceEx:
    def __reduce_ex__(self, protocol):
        return (WithReduceEx, ())


class WithGetstate:
    def __getstate__(self):
        return {}


class WithSetstate:
    def __setstate__(self, state):
        pass


class WithNew:
    def __new__(cls):
        return super().__new__(cls)


class WithDel:
    def __del__(self):
        pass


class InheritsAHook(WithGetstate):
    pass


class MyList(list):
    pass


class Color(enum.Enum):
    RED = 1


class Pair(typing.NamedTuple):
    a: int
    b: int


def local_instance():
    class Local:
        pass

    return Local()


def odd_attribute():
    p = Particle(1.0, 2.0)
    setattr(p, "not an identifier", 1)
    return p


@pytest.mark.parametrize(
    "value",
    [re.compile("a"), WithReduce(), WithReduceEx(), WithGetstate(), WithSetstate(), WithNew(), WithDel(),
     InheritsAHook(), MyList([1]), Color.RED, Pair(1, 2), local_instance(), odd_attribute(), object()],
    ids=lambda v: type(v).__qualname__,
)
def test_classes_that_cannot_be_rebuilt_faithfully_stay_opaque(value):
    encoded = encode(value)
    assert list(encoded) == ["$opaque"]
    with pytest.raises(ValueError, match="cannot rebuild an opaque"):
        decode(encoded, classes=resolve)


def test_a_file_stays_opaque_and_so_does_the_instance_holding_it_when_decoded(tmp_path):
    with open(tmp_path / "f.txt", "w") as f:
        assert encode(f) == {"$opaque": "_io.TextIOWrapper"}
        holder = Cloud([])
        holder.out = f
        data = encode(holder)
    assert data["$object"]["state"]["out"] == {"$opaque": "_io.TextIOWrapper"}
    with pytest.raises(ValueError, match=r"cannot rebuild an opaque .* at \$\.\$object\.state\.out\.\$opaque$"):
        decode(data, classes=resolve)


# ---------------------------------------------------------------- size bounds


def test_attributes_count_toward_the_size_cap():
    cloud = Cloud([Particle(float(i), 0.0) for i in range(3)])
    # the cloud's 2 attributes, 3 list items, 2 attributes of each particle
    assert encode(cloud, max_items=11)
    with pytest.raises(ValueTooLarge):
        encode(cloud, max_items=10)
    assert try_encode(cloud, max_items=10) is None


def test_cyclic_and_too_deep_instances_are_refused():
    p = Particle(1.0, 2.0)
    p.me = p
    with pytest.raises(ValueTooLarge, match="itself"):
        encode(p)
    c = Cloud([])
    c.particles.append(c)
    assert try_encode(c) is None

    def chain(n):
        head = Outer.Inner()
        for _ in range(n):
            node = Outer.Inner()
            node.next = head
            head = node
        return head

    assert same_value(through_json(chain(40)), chain(40))
    with pytest.raises(ValueTooLarge, match="deeper"):
        encode(chain(60))


# ---------------------------------------------------------------- malformed input


def state_of(cls, state):
    return {"$object": {"class": name_of(cls), "state": state}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"$object": {"state": {}}}, r"keys \['class', 'state'\], got \['state'\] at \$\.\$object$"),
        ({"$object": {"class": 1, "state": {}}}, r"expected a string, got an integer at \$\.\$object\.class$"),
        ([{"$object": {"class": "nowhere.Thing", "state": {}}}],
         r"unknown class 'nowhere.Thing' at \$\[0\]\.\$object\.class$"),
        (state_of(Particle, []), r"expected an object, got an array at \$\.\$object\.state$"),
        (state_of(Particle, {"not-a-name": 1}),
         r"attribute name 'not-a-name' is not an identifier at \$\.\$object\.state$"),
        (state_of(Particle, {"x": {"$int": "x"}}), r"bad integer text 'x' at \$\.\$object\.state\.x\.\$int$"),
        (state_of(Slotted, {"c": 1}), r"has no __dict__ and no slot 'c' at \$\.\$object\.state\.c$"),
        (state_of(Cloud, {"particles": [state_of(Particle, {"": 1})]}),
         r"attribute name '' is not an identifier at \$\.\$object\.state\.particles\[0\]\.\$object\.state$"),
    ],
)
def test_malformed_objects_name_the_path(data, message):
    with pytest.raises(ValueError, match=message):
        decode(data, classes=resolve)


def test_decoding_an_object_needs_a_resolver_that_gives_a_plain_class():
    data = encode(Particle(1.0, 2.0))
    with pytest.raises(ValueError, match=r"no classes to rebuild instances from at \$\.\$object\.class$"):
        decode(data)
    with pytest.raises(ValueError, match=r"WithDel'> is not a plain class .* at \$\.\$object\.class$"):
        decode(data, classes=lambda name: WithDel)
    with pytest.raises(ValueError, match=r"is not a plain class"):
        decode(data, classes=lambda name: len)  # type: ignore[arg-type, return-value]


def _square(x: float) -> float:
    return x * x


def test_a_module_function_is_named_and_rebuilt_as_itself():
    """A callback passed to a function is captured by name (no code of it is encoded) and
    comes back as the very function its module holds; a nested function or a lambda stays
    opaque."""
    data = encode([_square, 2.0])
    assert data == [{"$function": f"{__name__}._square"}, 2.0]
    assert decode(data, classes=lambda name: globals()[name.rsplit(".", 1)[1]])[0] is _square
    with pytest.raises(ValueError, match=r"no module to find it in at \$\[0\]\.\$function$"):
        decode(data)
    with pytest.raises(ValueError, match=r"is not a function"):
        decode(data, classes=lambda name: Particle)
    assert encode(lambda x: x) == {"$opaque": "builtins.function"}

    def inner(x):
        return x

    assert encode(inner) == {"$opaque": "builtins.function"}


# ---------------------------------------------------------------- exact comparison


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ([Particle(1.0, 2.0)], [Particle(1, 2.0)], "$[0].x: 1.0 (float) != 1 (int)"),
        (Cloud([Particle(0.0, 1.0)]), Cloud([Particle(-0.0, 1.0)]), "$.particles[0].x: 0.0 != -0.0"),
        (Point(1, 2), FrozenPoint(1, 2), "$: Point(x=1, y=2) (Point) != FrozenPoint(x=1, y=2) (FrozenPoint)"),
        (EqualsAnything(1), EqualsAnything(2), "$.n: 1 != 2"),  # not by ==
        (slotted(), Slotted([1, 2], 0.0), "$._Slotted__hidden: -0.0 != 0.0"),
    ],
)
def test_instances_differ_by_class_or_attributes(a, b, message):
    assert not same_value(a, b)
    assert describe_difference(a, b) == message


def test_attribute_names_and_order_are_part_of_the_state():
    a, b = Particle(1.0, 2.0), Particle(1.0, 2.0)
    b.extra = 0
    assert describe_difference(a, b) == "$.extra: only in the right object"
    assert describe_difference(b, a) == "$.extra: only in the left object"
    c = Particle(1.0, 2.0)
    del c.x
    c.x = 1.0
    assert describe_difference(a, c) == "$: attributes in the order ['x', 'v'] != ['v', 'x']"


def test_instances_with_the_same_state_are_the_same_value():
    a = Cloud([Particle(1.0, float("nan")), Particle(2.0, 3.0)])
    b = Cloud([Particle(1.0, float("nan")), Particle(2.0, 3.0)])
    assert a != b  # no __eq__: `==` is identity
    assert same_value(a, b) and describe_difference(a, b) == ""
    assert same_value({FrozenPoint(1.0, 2.0)}, {FrozenPoint(1.0, 2.0)})
    plain = {Particle(1.0, 2.0), Particle(1.0, 2.0)}  # hashed by identity: two members
    assert same_value(plain, {Particle(1.0, 2.0), Particle(1.0, 2.0)})
    assert describe_difference(plain, {Particle(1.0, 2.0)}) == "$: 2 items != 1 items"
    loop_a, loop_b = Particle(1.0, 2.0), Particle(1.0, 2.0)
    loop_a.me, loop_b.me = loop_a, loop_b
    assert same_value(loop_a, loop_b)


def test_a_class_loaded_twice_compares_by_its_name():
    twin = type("Particle", (), {"__module__": Particle.__module__, "__qualname__": Particle.__qualname__})
    other = object.__new__(twin)
    other.x, other.v = 1.0, 2.0
    assert same_value(Particle(1.0, 2.0), other)
    renamed = type("Particle", (), {"__module__": "elsewhere"})
    moved = object.__new__(renamed)
    moved.x, moved.v = 1.0, 2.0
    assert describe_difference(Particle(1.0, 2.0), moved).endswith(f"({name_of(Particle)}) != "
                                                                    f"{moved!r} (elsewhere.Particle)")


def test_a_dict_entry_hidden_by_a_slot_makes_the_instance_opaque():
    c = child()
    vars(c)["a"] = "hidden behind the slot a"
    assert encode(c) == {"$opaque": name_of(SlottedChild)}
    assert object_state(c) is None


@pytest.mark.skipif(sys.version_info < (3, 11), reason="inline instance values are CPython 3.11+")
def test_a_rebuilt_instance_keeps_its_attributes_as_init_would():
    """Not in a `__dict__` made for the purpose: CPython 3.11 keeps the attributes `__init__`
    sets in the instance itself, and a real dict makes every attribute access about twice as
    slow, which a benchmark on rebuilt instances would then measure (gc.get_referents sees
    the values themselves, or the one dict)."""
    import gc

    made = Particle(1.5, [2.0])  # type: ignore[arg-type]
    assert [type(r) for r in gc.get_referents(made)] == [float, list, type]
    rebuilt = decode(encode(made), classes=lambda name: Particle)
    assert [type(r) for r in gc.get_referents(rebuilt)] == [float, list, type]
    assert vars(rebuilt) == {"x": 1.5, "v": [2.0]}


def test_a_rebuilt_instance_has_its_attribute_names_interned():
    """As names in code are: a document's keys are fresh strings, and a class whose first
    instance stored an uninterned name keeps it as its shared key, where lookups by the
    interned name (specialized bytecode, the object tier's caches) compare by identity."""
    import json

    data = json.loads('{"$object": {"class": "m.Particle", "state": {"x": 1.5, "v": 2.0}}}')
    assert all(name is not sys.intern(name) for name in data["$object"]["state"])

    class Fresh:  # no instance made yet: the first one's names become the class's shared keys
        pass

    Fresh.__qualname__ = "Fresh"
    rebuilt = decode(data, classes=lambda name: Fresh)
    assert all(name is sys.intern(name) for name in vars(rebuilt))
