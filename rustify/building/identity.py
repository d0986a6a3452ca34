"""Which objects a call's result shares with its arguments, for parity.

CPython often returns objects it did not make: the argument itself (`return stats`),
an object found inside one (`return groups.get(k, [])`), or one object twice
(`return row, row`). A caller who later changes one sees the change through the
other, so a translation must share exactly where CPython shares. Only objects that
can change count (lists, dicts, sets, arrays, instances): sharing an int or a str is
not observable by anything but `is`, which Python leaves to the implementation. The
attributes of an instance of a plain class (`values.object_state`) are looked into like
a list's items (`return p.items` shares `args[0].items`).

    sharing([a, a], (a,)) == (("$[0]", "args[0]"), ("$[1]", "args[0]"))
"""

from __future__ import annotations

from typing import Any

from rustify import values

#: values whose sharing no program can observe without `is`
IMMUTABLE = (int, float, complex, bool, str, bytes, type(None), frozenset, range, type(Ellipsis))
#: how many objects one side may visit (bounded: results can be big)
LIMIT = 20_000
MAX_DEPTH = 8


def _changeable(value: Any, path: str, out: list[tuple[str, Any]], seen: set[int], depth: int) -> None:
    """Append (path, object) for each changeable object reachable from `value`."""
    if len(out) >= LIMIT or depth > MAX_DEPTH or isinstance(value, IMMUTABLE):
        return
    if type(value) is not tuple:  # a tuple cannot change; what it holds can
        out.append((path, value))
        if id(value) in seen:
            return
        seen.add(id(value))
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            if not isinstance(item, IMMUTABLE):
                _changeable(item, f"{path}[{i}]", out, seen, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(item, IMMUTABLE):
                _changeable(item, f"{path}[{key!r}]", out, seen, depth + 1)
    else:  # an instance of a plain class: its attributes (`return p.items`)
        for name, item in (values.object_state(value) or {}).items():
            if not isinstance(item, IMMUTABLE):
                _changeable(item, f"{path}.{name}", out, seen, depth + 1)


def sharing(result: Any, args: tuple) -> tuple[tuple[str, str], ...]:
    """For each changeable object of `result` that is an argument's object, or appears
    earlier in the result: (its path in the result, where it was met first).
    Call it after the call, on the very objects passed and returned."""
    first: dict[int, str] = {}
    arg_objects: list[tuple[str, Any]] = []
    seen: set[int] = set()
    for i, arg in enumerate(args):
        _changeable(arg, f"args[{i}]", arg_objects, seen, 0)
    for path, obj in arg_objects:
        first.setdefault(id(obj), path)
    result_objects: list[tuple[str, Any]] = []
    _changeable(result, "$", result_objects, set(), 0)
    out = []
    for path, obj in result_objects:
        where = first.get(id(obj))
        if where is not None:
            out.append((path, where))
        else:
            first[id(obj)] = path
    return tuple(out)


def describe(expected: tuple[tuple[str, str], ...], actual: tuple[tuple[str, str], ...]) -> str:
    """The first difference between two `sharing` answers, in words."""
    exp, act = dict(expected), dict(actual)
    for path in list(exp) + [p for p in act if p not in exp]:
        if exp.get(path) != act.get(path):
            py = f"is {exp[path]}" if path in exp else "is a new object"
            rs = f"is {act[path]}" if path in act else "is a new object"
            return f"identity differs: in Python {path} {py}, in the translation it {rs}"
    return ""
