"""Rust for the dict, set and Optional intrinsics (rules in translate/builtins_dict.py,
helpers in runtime/src/dict.rs).

A key or value is evaluated into a temporary before the container is borrowed, so
`d[k] = d.get(k, 0) + 1` borrows `d` mutably only once both sides are known (and in
CPython's order: the value, then the key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rustify.translate.emit.rust_syntax import is_copy, rust_type, var
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import DictT, ListT, OptionalT, SetT

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter

#: this module's intrinsics (assembled with the others by emit/tables.py)
INTRINSICS: dict[str, Callable[[FunctionEmitter, ir.Intrinsic], str]] = {}


def _place(em: FunctionEmitter, e: ir.Expr) -> str:
    """A mutable place for a dict or set receiver (a variable)."""
    return em.place_path(e)


def _read(em: FunctionEmitter, e: ir.Expr) -> str:
    """A `&IndexMap`/`&IndexSet` for reading, without copying a variable."""
    return em.borrow(e)


def _path(t) -> str:
    """`rt::Dict::<K, V>`: the type as an expression path."""
    return rust_type(t).replace("<", "::<", 1)


def _new(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"{_path(e.type)}::default()"


def _lit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    tmp = em.fresh()
    lines = [f"let mut {tmp}: {rust_type(e.type)} = {_path(e.type)}::default();"]
    args = e.args
    for k in range(0, len(args), 2):
        lines.append(f"{tmp}.insert({em.value(args[k])}, {em.value(args[k + 1])});")
    return f"{{ {' '.join(lines)} {tmp} }}"


def _set_lit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    tmp = em.fresh()
    lines = [f"let mut {tmp}: {rust_type(e.type)} = {_path(e.type)}::default();"]
    for a in e.args:
        lines.append(f"{tmp}.insert({em.value(a)});")
    return f"{{ {' '.join(lines)} {tmp} }}"


def _key(em: FunctionEmitter, k: ir.Expr) -> tuple[str, str]:
    """A key to look up: (statements, a `&K` expression). A variable is borrowed, not copied
    (a str key would allocate); reading it has no effect, so the order of evaluation holds."""
    if isinstance(k, ir.Name) and em.modes.get(k.name) != "view":
        return "", em.borrow(k)
    tmp = em.fresh()
    return f"let {tmp} = {em.value(k)}; ", f"&{tmp}"


def _in_place(em: FunctionEmitter, d: ir.Expr) -> str | None:
    """The dict argument `d` looked up in place (runtime view.rs `StrMap`), if it is one."""
    return var(d.name) if isinstance(d, ir.Name) and em.modes.get(d.name) == "view" else None


def _getitem(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    d, k = e.args
    pre, key = _key(em, k)
    if (view := _in_place(em, d)) is not None:
        return f"{{ {pre}{view}.getitem({key})? }}"
    return f"{{ {pre}rt::dict_getitem({_read(em, d)}, {key})? }}"


def _setitem(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    d, k, v = e.args
    kt, vt = em.fresh(), em.fresh()
    return f"{{ let {vt} = {em.value(v)}; let {kt} = {em.value(k)}; {_place(em, d)}.insert({kt}, {vt}); }}"


def _delitem(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    d, k = e.args
    pre, key = _key(em, k)
    return f"{{ {pre}rt::dict_delitem(&mut {_place(em, d)}, {key})? }}"


def _contains(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    c, k = e.args
    pre, key = _key(em, k)
    if (view := _in_place(em, c)) is not None:
        return f"{{ {pre}{view}.contains({key})? }}"
    method = "contains_key" if isinstance(c.type, DictT) else "contains"
    return f"{{ {pre}({_read(em, c)}).{method}({key}) }}"


def _get(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    d, k = e.args[0], e.args[1]
    dt = d.type
    assert isinstance(dt, DictT)
    if (view := _in_place(em, d)) is not None:  # values found are owned: no copy to make
        pre, key = _key(em, k)
        if len(e.args) == 2:
            return f"{{ {pre}{view}.get({key})? }}"
        value = em.convert("__v", dt.value, e.type)
        return f"{{ {pre}match {view}.get({key})? {{ Some(__v) => {value}, None => {em.value(e.args[2])} }} }}"
    tmp = em.fresh()
    found = "*__v" if is_copy(dt.value) else "__v.clone()"
    if len(e.args) == 2:  # Option<V>
        return f"{{ let {tmp} = {em.value(k)}; ({_read(em, d)}).get(&{tmp}).map(|__v| {found}) }}"
    value = em.convert(f"({'*' if is_copy(dt.value) else ''}__v{'' if is_copy(dt.value) else '.clone()'})",
                       dt.value, e.type)
    default = em.value(e.args[2])
    return (f"{{ let {tmp} = {em.value(k)}; match ({_read(em, d)}).get(&{tmp}) "
            f"{{ Some(__v) => {value}, None => {default} }} }}")


def _setdefault(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    d, k, v = e.args
    kt, vt = em.fresh(), em.fresh()
    return f"{{ let {kt} = {em.value(k)}; let {vt} = {em.value(v)}; rt::dict_setdefault(&mut {_place(em, d)}, {kt}, {vt}) }}"


def _pop(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    d, k = e.args[0], e.args[1]
    dt = d.type
    assert isinstance(dt, DictT)
    kt = em.fresh()
    if len(e.args) == 2:
        return f"{{ let {kt} = {em.value(k)}; rt::dict_pop(&mut {_place(em, d)}, &{kt})? }}"
    default = em.fresh()
    value = em.convert("__v", dt.value, e.type)
    return (f"{{ let {kt} = {em.value(k)}; let {default} = {em.value(e.args[2])}; "
            f"match {_place(em, d)}.shift_remove(&{kt}) {{ Some(__v) => {value}, None => {default} }} }}")


def _update(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    d, other = e.args
    tmp = em.fresh()
    return f"{{ let {tmp} = {em.value(other)}; {_place(em, d)}.extend({tmp}); }}"


def _clear(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"{_place(em, e.args[0])}.clear()"


def _copy(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"({_read(em, e.args[0])}).clone()"


def _view(which: str):
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        d = e.args[0]
        dt = d.type
        assert isinstance(dt, DictT) and isinstance(e.type, ListT)
        if which == "keys":
            item = "*__k" if is_copy(dt.key) else "__k.clone()"
            return f"({_read(em, d)}).keys().map(|__k| {item}).collect::<{rust_type(e.type)}>()"
        if which == "values":
            item = "*__v" if is_copy(dt.value) else "__v.clone()"
            return f"({_read(em, d)}).values().map(|__v| {item}).collect::<{rust_type(e.type)}>()"
        k = "*__k" if is_copy(dt.key) else "__k.clone()"
        v = "*__v" if is_copy(dt.value) else "__v.clone()"
        return f"({_read(em, d)}).iter().map(|(__k, __v)| ({k}, {v})).collect::<{rust_type(e.type)}>()"

    return emit


def _from_pairs(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::dict_from_pairs({em.value(e.args[0])})"


def _set_from_list(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"{em.value(e.args[0])}.into_iter().collect::<{rust_type(e.type)}>()"


def _set_change(action: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    """A set method of one argument, evaluated into a temporary before the set is borrowed
    mutably: `action` spells the call with `{s}` (the set) and `{x}` (the temporary)."""
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        s, x = e.args
        tmp = em.fresh()
        return f"{{ let {tmp} = {em.value(x)}; {action.format(s=_place(em, s), x=tmp)} }}"
    return emit


def _set_to_list(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    # in the order the items were added: only used where the order is not observed
    item = "*__x" if is_copy(e.type.item) else "__x.clone()"  # type: ignore[attr-defined]
    return f"({_read(em, e.args[0])}).iter().map(|__x| {item}).collect::<{rust_type(e.type)}>()"


def _retype(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return em.value(e.args[0])  # an empty container whose types became known later


def _is_none(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"({em.borrow(e.args[0])}).is_none()"


def _never_none(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"{{ let _ = {em.value(e.args[0])}; false }}"


def _unwrap(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    """A narrowed read: proven not None (`opt.unwrap`), or only asserted (`opt.expect`:
    under `python -O` it may be None, and the original then decides)."""
    return f"rt::opt_unwrap({em.value(e.args[0])})?"


INTRINSICS.update({
    "dict.new": _new, "dict.lit": _lit, "dict.getitem": _getitem, "dict.setitem": _setitem,
    "dict.delitem": _delitem, "dict.contains": _contains, "dict.get": _get, "dict.setdefault": _setdefault,
    "dict.pop": _pop, "dict.update": _update, "dict.clear": _clear, "dict.copy": _copy,
    "dict.keys": _view("keys"), "dict.values": _view("values"), "dict.items": _view("items"),
    "dict.from_pairs": _from_pairs, "dict.retype": _retype,
    "set.new": _new, "set.lit": _set_lit, "set.from_list": _set_from_list,
    "set.add": _set_change("{s}.insert({x});"), "set.discard": _set_change("{s}.shift_remove(&{x});"),
    "set.remove": _set_change("rt::set_remove(&mut {s}, &{x})?"), "set.update": _set_change("{s}.extend({x});"),
    "set.to_list": _set_to_list, "set.contains": _contains, "set.clear": _clear, "set.retype": _retype,
    "opt.is_none": _is_none, "opt.never_none": _never_none, "opt.unwrap": _unwrap, "opt.expect": _unwrap,
})

__all__ = ["INTRINSICS", "OptionalT", "SetT"]


def _sorted_keyed(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    items, keys, reverse = e.args
    return f"rt::sorted_by_keys({em.value(items)}, {em.value(keys)}, {em.value(reverse)})?"


def _extreme_keyed(greater: bool):
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        items, keys = e.args
        return f"rt::extreme_by_keys({em.value(items)}, {em.value(keys)}, {'true' if greater else 'false'})?"

    return emit


INTRINSICS.update({"sorted.keyed": _sorted_keyed, "max.keyed": _extreme_keyed(True),
                   "min.keyed": _extreme_keyed(False)})
