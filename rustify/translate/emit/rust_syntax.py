"""Small Rust syntax helpers: an indented line writer, identifiers, literals.

Statements are written line by line through `Code`; expressions are short strings
built by `emit.function` from typed IR, never by pasting Python source text.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from collections.abc import Iterator

from rustify.translate.ir.rtypes import ObjT
from rustify.translate.ir.rtypes import (
    ExcT,
    BoolT, BytesT, DictT, FloatT, IntT, ListT, NoneT, NumT, OptionalT, RType, SetT, SharedT, StrPieceT, StrT, TupleT,
)
from rustify.translate.ir.rtypes_numpy import DTYPES, FxT, IxT, NdArrayT, NpBoolT, NpFloat64T, NpInt64T


class Code:
    """Lines of Rust with indentation; `block` opens `header {` ... `}`."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def line(self, text: str = "") -> None:
        self.lines.append(("    " * self.depth + text) if text else "")

    @contextmanager
    def block(self, header: str, closer: str = "}") -> Iterator[None]:
        self.line(header + " {")
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            self.line(closer)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def var(name: str) -> str:
    """A Python local as a Rust identifier: `v_<name>` for the function's own names (no
    clash with Rust keywords), `t_<n>` for the translator's temporaries (named `$...`)."""
    # a temporary may be named after another (`$$key5_7`); the counter keeps each unique
    if name.startswith("$"):
        return f"t_{name.replace('$', '')}"
    return f"v_{name}" if name.isascii() else f"w_{ascii_name(name)}"


def ascii_name(name: str) -> str:
    """An ASCII spelling of a Python identifier, one-to-one: `_` doubled, any other
    non-ASCII character as `_u<hex>_` (Rust warns about some non-ASCII identifiers)."""
    return "".join("__" if c == "_" else c if c.isascii() else f"_u{ord(c):x}_" for c in name)


#: Rust's strict and reserved keywords (2024 edition) that are valid Python names
RUST_KEYWORDS = frozenset("""abstract become box const crate do dyn enum extern false final fn gen impl let loop
    macro match mod move mut override priv pub ref self Self static struct super trait true type typeof unsafe
    unsized use virtual where""".split())


def rust_param(name: str) -> str:
    """A Python parameter name as a Rust parameter PyO3 reads the keyword name from
    (`r#type`); frontend.UNNAMEABLE lists the few no raw identifier can spell."""
    return f"r#{name}" if name in RUST_KEYWORDS else name


def rust_type(t: RType) -> str:
    """The Rust spelling of an IR type (the IR itself knows no Rust)."""
    if isinstance(t, ExcT):
        return "(rt::ExcKind, String)"
    if isinstance(t, ObjT):
        return "rt::Val"
    simple = {IntT: "i64", FloatT: "f64", BoolT: "bool", NumT: "rt::Num", NoneT: "()", StrT: "rt::Str",
              BytesT: "rt::Bytes", NpFloat64T: "rt::Fx", FxT: "rt::Fx", NpBoolT: "bool", NpInt64T: "rt::Ix",
              IxT: "rt::Ix"}
    if type(t) in simple:
        return simple[type(t)]
    if isinstance(t, StrPieceT):
        return "rt::StrPiece<'_>"
    if isinstance(t, SharedT):
        return f"rt::{'Owned' if t.owned else 'Shared'}<{rust_type(t.item)}>"
    if isinstance(t, ListT):
        return f"Vec<{rust_type(t.item)}>"
    if isinstance(t, TupleT):
        inner = ", ".join(rust_type(i) for i in t.items)
        return f"({inner},)" if len(t.items) == 1 else f"({inner})"
    if isinstance(t, DictT):
        return f"rt::Dict<{rust_type(t.key)}, {rust_type(t.value)}>"
    if isinstance(t, SetT):
        return f"rt::Set<{rust_type(t.item)}>"
    if isinstance(t, OptionalT):
        return f"Option<{rust_type(t.item)}>"
    if isinstance(t, NdArrayT):
        return f"rt::Arr<{DTYPES[t.dtype]}>"
    raise TypeError(f"no Rust type for {t}")


def view_item_type(t: RType) -> str:
    """The Rust spelling of a list read in place's items (runtime view.rs `Seq`): numbers, or
    rows that are lists read in place themselves (`list[list[float]]`)."""
    if isinstance(t, ListT):
        return f"rt::Seq<'_, {view_item_type(t.item)}>"
    return rust_type(t)


def is_copy(t: RType) -> bool:
    """Whether values of `t` are Rust `Copy` (read without `.clone()`)."""
    if isinstance(t, (IntT, FloatT, BoolT, NumT, NoneT, NpFloat64T, FxT, NpBoolT, NpInt64T, IxT, StrPieceT)):
        return True
    if isinstance(t, SharedT):
        return not t.owned
    if isinstance(t, TupleT):
        return all(is_copy(i) for i in t.items)
    if isinstance(t, OptionalT):
        return is_copy(t.item)
    return False


def float_literal(value: float) -> str:
    if math.isnan(value):
        return "f64::NAN"
    if math.isinf(value):
        return "f64::INFINITY" if value > 0 else "f64::NEG_INFINITY"
    text = repr(value)  # shortest round-trip digits: Rust parses them to the same double
    if "e" in text or "E" in text:
        mantissa, exp = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        text = f"{mantissa}e{exp}"
    elif "." not in text:
        text += ".0"
    return f"{text}_f64"


def int_literal(value: int) -> str:
    if value == -(2**63):
        return "i64::MIN"
    return f"{value}_i64"


def string_literal(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) >= 0x7F:  # escaped: no bidi controls in the source
            out.append(f"\\u{{{ord(ch):x}}}" if not 0xD800 <= ord(ch) <= 0xDFFF else "\\u{fffd}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def bytes_literal(value: bytes) -> str:
    """A Rust byte-string literal body (`"..."`) holding exactly `value`."""
    return '"' + "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else f"\\x{b:02x}" for b in value) + '"'


def literal(value: object, t: RType) -> str:
    if isinstance(t, BoolT):
        return "true" if value else "false"
    if isinstance(t, IntT):
        return int_literal(int(value))  # type: ignore[arg-type]
    if isinstance(t, FloatT):
        return float_literal(float(value))  # type: ignore[arg-type]
    if isinstance(t, NoneT):
        return "()"
    if isinstance(t, StrT):
        return f"rt::Str::from({string_literal(str(value))})"
    if isinstance(t, BytesT):
        return f"rt::Bytes::from(&b{bytes_literal(value)}[..])"  # type: ignore[arg-type]
    if isinstance(t, NumT):
        return f"rt::Num::Float({float_literal(value)})" if isinstance(value, float) else f"rt::Num::Int({int_literal(value)})"  # type: ignore[arg-type]
    if isinstance(t, ListT):
        return f"Vec::<{rust_type(t.item)}>::new()"
    raise TypeError(f"no literal of type {t}")


def default_value(t: RType) -> str:
    """Any value of type `t`: locals start with one so Rust sees them initialised (a read
    Python could find unassigned is guarded by a flag, see `emit.function`)."""
    if isinstance(t, IntT):
        return "0_i64"
    if isinstance(t, FloatT):
        return "0.0_f64"
    if isinstance(t, BoolT):
        return "false"
    if isinstance(t, NumT):
        return "rt::Num::Int(0)"
    if isinstance(t, NoneT):
        return "()"
    if isinstance(t, ObjT):
        return "rt::Val::none()"
    if isinstance(t, StrT):
        return "rt::Str::default()"
    if isinstance(t, ExcT):
        return "(rt::ExcKind::Exception, String::new())"
    if isinstance(t, BytesT):
        return "rt::Bytes::default()"
    if isinstance(t, StrPieceT):
        return "rt::StrPiece::default()"
    if isinstance(t, SharedT):
        return f"rt::{'Owned' if t.owned else 'Shared'}::fresh({default_value(t.item)})"
    if isinstance(t, ListT):
        return "Vec::new()"
    if isinstance(t, TupleT):
        inner = ", ".join(default_value(i) for i in t.items)
        return f"({inner},)" if t.items else "()"
    if isinstance(t, (DictT, SetT)):
        return f"{rust_type(t).replace('<', '::<', 1)}::default()"
    if isinstance(t, OptionalT):
        return "None"
    numpy = {NdArrayT: "rt::Arr::default()", NpFloat64T: "rt::Fx::np(0.0)", FxT: "rt::Fx::py(0.0)",
             NpBoolT: "false", NpInt64T: "rt::Ix::np(0)", IxT: "rt::Ix::py(0)"}
    if type(t) in numpy:
        return numpy[type(t)]
    raise TypeError(f"no default value of type {t}")


# the statics of a function's object-tier sites (emit/objects.py)

def interned_static(ident: str, name: str) -> str:
    return f"static {ident}: rt::Interned = rt::Interned::new({string_literal(name)});"


def kwnames_static(ident: str, names: tuple[str, ...]) -> str:
    return f"static {ident}: rt::KwNames = rt::KwNames::new(&[{', '.join(string_literal(n) for n in names)}]);"


def globals_static(ident: str, export: str) -> str:
    return f"static {ident}: rt::ModuleGlobals = rt::ModuleGlobals::new({string_literal(export)});"


def site_static(ident: str, kind: str) -> str:
    return f"static {ident}: rt::{kind} = rt::{kind}::new();"
