"""Rust for the str and bytes intrinsics (typed in builtins_str.py; helpers in runtime/src/text.rs).

Strings are passed to helpers by reference (`&v_s`, no copy); each entry of `EMIT`
spells one intrinsic (emit/tables.py assembles them with the others).

    str.split!(s, ',')  ->  rt::str_split(&v_s, &rt::Str::from(","))?
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rustify.translate.emit.rust_syntax import literal, rust_type, var
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BytesT, ListT, StrPieceT, StrT
from rustify.translate.passes.liveness import names_read

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter

CMP = {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "gt": ">", "ge": ">="}


def _ref(em: FunctionEmitter, e: ir.Expr) -> str:
    """`&T` for a str/bytes operand; a literal is built once per process (a static), not
    on every evaluation."""
    if isinstance(e, ir.Const) and isinstance(e.type, (StrT, BytesT)):
        value = literal(e.value, e.type)
        return (f"{{ static __LIT: std::sync::LazyLock<{rust_type(e.type)}> = std::sync::LazyLock::new(|| {value}); "
                f"&*__LIT }}")
    return em.borrow(e)


def _append(em: FunctionEmitter, target: ir.NamePlace, e: ir.Intrinsic) -> bool:
    """`s = s + t` / `s += t` (t not reading s): append to s in place, as CPython does
    for a str it holds the only reference to, instead of copying s each time."""
    left, right = e.args
    if not (isinstance(left, ir.Name) and left.name == target.name) or target.name in names_read(right):
        return False
    if em.modes.get(target.name) in ("ref", "mut"):
        return False
    push = "str_push" if isinstance(target.type, StrT) else "bytes_push"
    em.code.line(f"rt::{push}(&mut {em.name_place(target.name)}, {_ref(em, right)});")
    return True


def _strip_in_place(left: bool, right: bool):
    """`s = s.strip(...)`: strip s in place (chars not reading s)."""
    def emit(em: FunctionEmitter, target: ir.NamePlace, e: ir.Intrinsic) -> bool:
        receiver = e.args[0]
        if isinstance(target.type, StrPieceT) or not (isinstance(receiver, ir.Name) and receiver.name == target.name) \
                or em.modes.get(target.name) in ("ref", "mut") \
                or any(target.name in names_read(a) for a in e.args[1:]):
            return False
        chars = f"Some({_ref(em, e.args[1])})" if len(e.args) > 1 else "None"
        em.code.line(f"rt::str_strip_in_place(&mut {em.name_place(target.name)}, {chars}, "
                     f"{str(left).lower()}, {str(right).lower()});")
        return True
    return emit


def _opt(em: FunctionEmitter, e: ir.Expr) -> str:
    return "None" if isinstance(e, ir.Const) and e.value is None else f"Some({em.value(e)})"


def _helper(fn: str, borrowed: int, fallible: bool) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    """`rt::fn(&a0, .., &a{borrowed-1}, v{borrowed}, ..)` with `?` when it can raise or deopt."""
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        args = [_ref(em, a) if k < borrowed else em.value(a) for k, a in enumerate(e.args)]
        return f"rt::{fn}({', '.join(args)}){'?' if fallible else ''}"
    return emit


def _slice(fn: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        parts = ", ".join(_opt(em, a) for a in e.args[1:])
        return f"rt::{fn}({em.borrow(e.args[0])}, {parts})?"
    return emit


def _repeat_rev(fn: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        tmp = em.fresh()
        return f"{{ let {tmp}: i64 = {em.value(e.args[0])}; rt::{fn}({em.borrow(e.args[1])}, {tmp})? }}"
    return emit


def _cmp(op: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        if op in ("eq", "ne") and any(isinstance(a.type, StrPieceT) for a in e.args):
            left, right = (_piece(em, a) or f"rt::StrPiece::of_str({_ref(em, a)})" for a in e.args)
            return f"({'' if op == 'eq' else '!'}{left}.eq({right}))"
        return f"({_ref(em, e.args[0])} {CMP[op]} {_ref(em, e.args[1])})"
    return emit


def _view(em: FunctionEmitter, e: ir.Expr) -> str | None:
    """A str argument read in CPython's own storage (runtime text_view.rs), if `e` is one."""
    return var(e.name) if isinstance(e, ir.Name) and isinstance(e.type, StrT) and em.modes.get(e.name) == "view" \
        else None


def _piece(em: FunctionEmitter, e: ir.Expr) -> str | None:
    """A str operand as an `rt::StrPiece` (no copy), if it is a piece (passes/str_pieces.py)
    or a str argument read in place."""
    if isinstance(e.type, StrPieceT):
        return em.value(e)
    view = _view(em, e)
    return f"{view}.piece()" if view is not None else None


def _pieces(e: ir.Intrinsic) -> bool:
    """Whether a strip/split works on pieces: its result or its receiver is one."""
    result = e.type.item if isinstance(e.type, ListT) else e.type
    return isinstance(result, StrPieceT) or isinstance(e.args[0].type, StrPieceT)


def _owned(e: ir.Intrinsic, text: str) -> str:
    """`text` (pieces) as the `Str`s the intrinsic's type asks for."""
    if isinstance(e.type, StrPieceT) or isinstance(e.type, ListT) and isinstance(e.type.item, StrPieceT):
        return text
    return f"rt::pieces_to_strs({text})" if isinstance(e.type, ListT) else f"{text}.to_str()"


def _number(method: str, helper: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    """`float(s)` / `int(s)`: parsed where the text is when it is a piece or an argument read in place."""
    plain = _helper(helper, 1, True)

    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        if len(e.args) == 1 and (piece := _piece(em, e.args[0])) is not None:
            return f"{piece}.{method}()?"
        return plain(em, e)
    return emit


def _affix(method: str, helper: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    """`s.startswith(t)` / `s.endswith(t)` of a str `t`, on a piece or an argument read in place."""
    plain = _helper(helper, 2, False)

    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        if len(e.args) == 2 and isinstance(e.args[1].type, StrT) and (piece := _piece(em, e.args[0])) is not None:
            return f"{piece}.{method}({_ref(em, e.args[1])})"
        return plain(em, e)
    return emit


def _strip(left: bool, right: bool) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        ends = f"{str(left).lower()}, {str(right).lower()}"
        if _pieces(e) and (piece := _piece(em, e.args[0])) is not None:
            if len(e.args) == 1:
                return _owned(e, f"{piece}.strip({ends})")
            if isinstance(e.args[1].type, StrT):  # `field.strip('"')`
                return _owned(e, f"{piece}.strip_chars({_ref(em, e.args[1])}, {ends})")
        if len(e.args) == 1 and (view := _view(em, e.args[0])) is not None:
            return f"{view}.strip({str(left).lower()}, {str(right).lower()})"
        chars = f"Some({_ref(em, e.args[1])})" if len(e.args) > 1 else "None"
        return f"rt::str_strip({em.borrow(e.args[0])}, {chars}, {str(left).lower()}, {str(right).lower()})"
    return emit


def _split(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    piece = _piece(em, e.args[0])
    if piece is not None and len(e.args) <= 2:  # the fields are pieces: only those kept become `Str`s
        fields = f"{piece}.split_ws()" if len(e.args) == 1 else f"{piece}.split({_ref(em, e.args[1])})?"
        return _owned(e, fields)
    if len(e.args) == 1:
        return f"rt::str_split_ws({em.borrow(e.args[0])})"
    if len(e.args) == 3:  # s.split(sep, maxsplit): sep may be None (whitespace)
        sep = "None" if _absent(e.args[1]) else f"Some({_ref(em, e.args[1])})"
        return f"rt::str_split_max({_ref(em, e.args[0])}, {sep}, {em.value(e.args[2])})?"
    return f"rt::str_split({_ref(em, e.args[0])}, {_ref(em, e.args[1])})?"


def _search(fn: str, windowed: str, fallible: bool) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    """s.find(sub) and the like (`fn`); with start/end, `windowed` on that window."""
    plain = _helper(fn, 2, fallible)

    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        if len(e.args) == 2:
            return plain(em, e)
        bounds = [_opt(em, a) for a in e.args[2:]] + ["None"] * (4 - len(e.args))
        return f"rt::{windowed}({_ref(em, e.args[0])}, {_ref(em, e.args[1])}, {', '.join(bounds)})" \
               f"{'?' if fallible else ''}"
    return emit


def _absent(e: ir.Expr) -> bool:
    return isinstance(e, ir.Const) and e.value is None


def _format(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::str_concat_parts(&[{', '.join(_ref(em, a) for a in e.args)}])"


def _of(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::str_of(&{em.value(e.args[0])})"


def _list_contains(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    """`x in xs` for a list of strs: the needle is evaluated first, as in Python."""
    tmp = em.fresh()
    return f"{{ let {tmp} = {em.value(e.args[0])}; {em.seq(e.args[1])}.iter().any(|__x| *__x == {tmp}) }}"


def _int_in(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::int_in_bytes({em.value(e.args[0])}, {_ref(em, e.args[1])})?"


def _rsplit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    sep = "None" if _absent(e.args[1]) else f"Some({_ref(em, e.args[1])})"
    return f"rt::str_rsplit_max({_ref(em, e.args[0])}, {sep}, {em.value(e.args[2])})?"


def _justify(how: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        fill = f"Some({_ref(em, e.args[2])})" if len(e.args) > 2 else "None"
        return f"rt::str_justify({_ref(em, e.args[0])}, {em.value(e.args[1])}, {fill}, rt::Justify::{how})?"
    return emit


def _with_flag(fn: str, flag: bool, fallible: bool) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    """`rt::fn(&s, &a.., flag)` for the helpers one function serves both ways."""
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        args = [_ref(em, a) for a in e.args]
        return f"rt::{fn}({', '.join(args)}, {str(flag).lower()}){'?' if fallible else ''}"
    return emit


EMIT: dict[str, Callable[[FunctionEmitter, ir.Intrinsic], str]] = {
    "str.rsplit": _rsplit,
    "str.partition": _with_flag("str_partition", False, True),
    "str.rpartition": _with_flag("str_partition", True, True),
    "str.splitlines": lambda em, e: f"rt::str_splitlines({_ref(em, e.args[0])}, {em.value(e.args[1])})",
    "str.center": _justify("Center"),
    "str.ljust": _justify("Left"),
    "str.rjust": _justify("Right"),
    "str.zfill": _helper("str_zfill", 1, True),
    "str.removeprefix": _with_flag("str_remove_affix", False, False),
    "str.removesuffix": _with_flag("str_remove_affix", True, False),
    "str.title": _helper("str_title", 1, True),
    "str.capitalize": _helper("str_capitalize", 1, True),
    "str.swapcase": _helper("str_swapcase", 1, True),
    "str.isupper": _with_flag("str_is_case", True, True),
    "str.islower": _with_flag("str_is_case", False, True),
    "str.index": _helper("str_index", 1, True),
    "str.slice": _slice("str_slice"),
    "str.concat": _helper("str_concat", 2, False),
    "str.repeat": _helper("str_repeat", 1, True),
    "str.repeat_rev": _repeat_rev("str_repeat"),
    "str.in": _helper("str_in", 2, False),
    "str.chars": _helper("str_chars", 1, False),
    "str.of": _of,
    "str.format": _format,
    "str.ord": _helper("str_ord", 1, True),
    "str.chr": _helper("str_chr", 0, True),
    "int.from_str": _number("to_int", "int_from_str"),
    "float.from_str": _number("to_float", "float_from_str"),
    "str.split": _split,
    "str.piece": lambda em, e: f"{_view(em, e.args[0])}.piece()",
    "str.strip": _strip(True, True),
    "str.lstrip": _strip(True, False),
    "str.rstrip": _strip(False, True),
    "str.startswith": _affix("starts_with", "str_startswith"),
    "str.endswith": _affix("ends_with", "str_endswith"),
    "str.find": _search("str_find", "str_find_in", False),
    "str.rfind": _search("str_rfind", "str_rfind_in", False),
    "str.index_of": _search("str_index_of", "str_index_in", True),
    "str.count": _search("str_count", "str_count_in", False),
    "str.isalnum": _helper("str_isalnum", 1, True),
    "str.replace": _helper("str_replace", 3, False),
    "str.join": _helper("str_join", 2, False),
    "str.lower": _helper("str_lower", 1, True),
    "str.upper": _helper("str_upper", 1, True),
    "str.isdigit": _helper("str_isdigit", 1, True),
    "str.isalpha": _helper("str_isalpha", 1, True),
    "str.isspace": _helper("str_isspace", 1, False),
    "str.encode": _helper("str_encode", 1, False),
    "bytes.index": _helper("bytes_index", 1, True),
    "bytes.slice": _slice("bytes_slice"),
    "bytes.concat": _helper("bytes_concat", 2, False),
    "bytes.repeat": _helper("bytes_repeat", 1, True),
    "bytes.repeat_rev": _repeat_rev("bytes_repeat"),
    "bytes.in": _helper("bytes_in", 2, False),
    "bytes.int_in": _int_in,
    "bytes.to_list": _helper("bytes_to_list", 1, False),
    "bytes.zeros": _helper("bytes_zeros", 0, True),
    "bytes.from_ints": _helper("bytes_from_ints", 1, True),
    "bytes.decode": _helper("bytes_decode", 1, True),
    "textlist.in": _list_contains,
}
for _kind in ("str", "bytes"):
    for _op in CMP:
        EMIT[f"{_kind}.{_op}"] = _cmp(_op)

#: this module's tables (assembled with the others by emit/tables.py)
INTRINSICS = dict(EMIT)
IN_PLACE: dict[str, Callable] = {}
IN_PLACE.update({"str.concat": _append, "bytes.concat": _append, "str.strip": _strip_in_place(True, True),
                 "str.lstrip": _strip_in_place(True, False), "str.rstrip": _strip_in_place(False, True)})
