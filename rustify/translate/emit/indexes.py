"""The check that lets a loop nest read list items unchecked (passes/index_ranges.py).

`index.affine_in_range(a, c1, lo1, hi1, ..., c0)`: whether `c0 + sum(ck * vk)` lies in
`[0, len(a))` for every `vk` in `[lok, hik]`. Computed in i128 with checked operations
inside a closure: an overflow anywhere means "not proved" (the checked nest runs), never
an error, so the check can sit before code whose own errors must come first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rustify.translate.emit.rust_syntax import var
from rustify.translate.ir import nodes as ir

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter

_CHECKED = {"add": "checked_add", "sub": "checked_sub", "mul": "checked_mul"}


def _i128(em: FunctionEmitter, e: ir.Expr) -> str:
    if isinstance(e, ir.Const):
        return f"{int(e.value)}_i128"
    if isinstance(e, ir.Name):
        return f"({em.value(e)} as i128)"
    if isinstance(e, ir.Len) and isinstance(e.operand, ir.Name):
        return f"({var(e.operand.name)}.len() as i128)"
    if isinstance(e, ir.Arith) and e.op in _CHECKED:
        return f"{_i128(em, e.left)}.{_CHECKED[e.op]}({_i128(em, e.right)})?"
    raise TypeError(f"not an invariant int expression: {e!r}")


def _affine_in_range(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    seq, *rest = e.args
    assert isinstance(seq, ir.Name)
    *terms, const = rest
    lines = [f"let __len = {var(seq.name)}.len() as i128;", f"let mut __lo: i128 = {_i128(em, const)};",
             "let mut __hi: i128 = __lo;"]
    for k in range(0, len(terms), 3):
        c, lo, hi = terms[k:k + 3]
        lines.append(f"let __c = {_i128(em, c)}; let __a = __c.checked_mul({_i128(em, lo)})?; "
                     f"let __b = __c.checked_mul({_i128(em, hi)})?;")
        lines.append("__lo = __lo.checked_add(__a.min(__b))?; __hi = __hi.checked_add(__a.max(__b))?;")
    body = " ".join(lines)
    return f"(|| -> Option<bool> {{ {body} Some(__lo >= 0 && __hi < __len) }})().unwrap_or(false)"


INTRINSICS = {"index.affine_in_range": _affine_in_range}
