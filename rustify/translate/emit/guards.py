"""The entry check of an exported function: the module globals its translation baked in.

CPython reads a module constant or a called module function from the module's dict at
each use. A translation reads neither: constants are Rust `const`s, calls go straight
to the Rust callee. So the wrapper checks on entry, before any effect, that each global
the function (or any translated function it calls) reads still holds what was baked
in, and deopts when one does not: the Python original then runs and reads the current
values. runtime/src/guard.rs holds the check; this module writes its table.

    reads SCALE (2.5) and helper():
    static G_f_scale: rt::Guards = rt::Guards::new("scale", &[
        rt::Expect::Float("SCALE", 0x4004000000000000), rt::Expect::Function("helper", 0x9c1f0a22d1e4b7c3, "(None, None)")]);
    ...
    if !G_f_scale.hold(py) { return rt::call_fallback(py, "scale", &__args); }
"""

from __future__ import annotations

import struct

from rustify.translate.emit.rust_syntax import Code, string_literal
from rustify.translate.ir import nodes as ir
from rustify.translate.builtins_stdlib import ALIASES
from rustify.translate.ir.rtypes import BoolT, FloatT, IntT


def _expect(read: ir.GlobalRead) -> str:
    name = string_literal(read.name)
    if read.kind in ("stdlib", "stdlib module"):  # `from heapq import heappush`, `heapq.heappush`
        through = "true" if read.kind == "stdlib module" else "false"
        canonical = ALIASES.get((read.module, read.attr), read.attr)
        return (f"rt::Expect::Stdlib({name}, {string_literal(read.module)}, {string_literal(read.attr)}, "
                f"{through}, {string_literal(canonical)})")
    if read.kind == "stdlib object":  # `import itertools`, `from itertools import product`
        return f"rt::Expect::StdlibObject({name}, {string_literal(read.module)}, {string_literal(read.attr)})"
    if read.kind == "function":
        return f"rt::Expect::Function({name}, {read.fingerprint:#018x}, {string_literal(read.defaults)})"
    if isinstance(read.type, BoolT):
        return f"rt::Expect::Bool({name}, {'true' if read.value else 'false'})"
    if isinstance(read.type, IntT):
        return f"rt::Expect::Int({name}, {int(read.value)}i64)"  # type: ignore[arg-type]
    if isinstance(read.type, FloatT):
        bits = struct.unpack("<Q", struct.pack("<d", float(read.value)))[0]  # type: ignore[arg-type]
        return f"rt::Expect::Float({name}, {bits:#018x})"
    raise TypeError(f"no guard for a global of type {read.type}")


def guard_name(function: ir.Function) -> str:
    return f"G_{function.rust_name}"


def emit_guard_table(code: Code, export_name: str, function: ir.Function, reads: tuple[ir.GlobalRead, ...]) -> None:
    """The static table of `reads` for one exported function (nothing when it reads none)."""
    if not reads:
        return
    items = ", ".join(_expect(r) for r in reads)
    code.line(f"static {guard_name(function)}: rt::Guards = rt::Guards::new({string_literal(export_name)}, &[{items}]);")


def emit_guard_check(code: Code, function: ir.Function, reads: tuple[ir.GlobalRead, ...], fallback: str) -> None:
    """The entry check: deopt unless every global still holds what was baked in."""
    if reads:
        with code.block(f"if !{guard_name(function)}.hold(py)"):
            code.line(f"return {fallback};")
