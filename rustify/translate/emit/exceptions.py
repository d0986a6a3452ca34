"""Emission of `try` statements (ir/nodes_try.py).

The try body runs as an immediately called closure, so every `?` inside it (each
operation that may raise) stops at the try instead of leaving the function; the
closure says how it ended (rt::Flow: fell through, or `return v`). The match after
it runs `else`, picks the first handler whose classes catch the exception
(rt::exc_catches: Python's hierarchy for translated raises, the exception's own class for
those of Python code the object tier called), and passes anything else on, a deopt
always. `finally` wraps all of that in one more
closure and runs after it, whatever happened.

    let __e1: rt::R<rt::Flow<f64>> = (|| -> rt::R<rt::Flow<f64>> { ...body...; Ok(rt::Flow::Normal) })();
    match __e1 {
        Ok(rt::Flow::Normal) => { ...else... }
        Ok(rt::Flow::Ret(__v)) => { return Ok(__v); }
        Err(__x) if rt::exc_catches(&__x, &[rt::ExcKind::IndexError]) => { let (__k, __m) = rt::exc_parts(&__x); ... }
        Err(__e) => return Err(__e),
    }
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rustify.translate.emit.rust_syntax import rust_type, var
from rustify.translate.ir.nodes_try import ReRaise, Try, With

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter


def _ret_line(em: FunctionEmitter, depth: int, value: str) -> str:
    return f"return Ok(rt::Flow::Ret({value}));" if depth else f"return Ok({value});"


def _closure(em: FunctionEmitter, name: str, emit_body) -> None:
    c = em.code
    t = f"rt::R<rt::Flow<{rust_type(em.function.ret)}>>"
    depth = em.flow_depth
    em.flow_depth = depth + 1
    try:
        with c.block(f"let {name}: {t} = (|| -> {t}", "})();"):
            emit_body()
            c.line("Ok(rt::Flow::Normal)")
    finally:
        em.flow_depth = depth


def _core(em: FunctionEmitter, s: Try) -> None:
    c = em.code
    depth = em.flow_depth
    result = em.fresh()
    _closure(em, result, lambda: em.body(s.body))
    with c.block(f"match {result}"):
        with c.block("Ok(rt::Flow::Normal) =>"):
            em.body(s.orelse)
        c.line(f"Ok(rt::Flow::Ret(__v)) => {{ {_ret_line(em, depth, '__v')} }}")
        for h in s.handlers:
            kinds = ", ".join(f"rt::ExcKind::{k}" for k in h.kinds)
            test = f"rt::exc_catches(&__x, &[{kinds}])"
            if h.classes:  # the program's own classes, evaluated when the clause is tried
                test += f" || rt::exc_catches_classes(&__x, &[{', '.join(em.borrow(k) for k in h.classes)}])?"
            with c.block(f"Err(mut __x) if {test} =>"):
                c.line("let (__k, __m) = rt::exc_parts(&__x);")
                em.body(h.body)
        c.line("Err(__e) => return Err(__e),")


def emit_try(em: FunctionEmitter, s: Try) -> None:  # type: ignore[override]
    if not s.finalbody:
        _core(em, s)
        return
    c = em.code
    depth = em.flow_depth
    outcome = em.fresh()
    _closure(em, outcome, lambda: _core(em, s))
    em.body(s.finalbody)
    with c.block(f"match {outcome}"):
        c.line("Ok(rt::Flow::Normal) => {}")
        c.line(f"Ok(rt::Flow::Ret(__v)) => {{ {_ret_line(em, depth, '__v')} }}")
        c.line("Err(__e) => return Err(__e),")


def emit_with(em: FunctionEmitter, s: With) -> None:  # type: ignore[override]
    """BEFORE_WITH, the body as a closure (as a try body), then `__exit__`: with None thrice
    when the body ended normally or returned, with the exception otherwise (a translated
    raise made the Python exception it stands for); a true result swallows it."""
    c = em.code
    depth = em.flow_depth
    pair = em.fresh()
    c.line(f"let {pair} = rt::val_with_enter({em.borrow(s.manager)})?;")
    c.line(f"{var(s.exit)} = {pair}.0;")
    c.line(f"{var(s.enter)} = {pair}.1;")
    outcome = em.fresh()
    _closure(em, outcome, lambda: em.body(s.body))
    with c.block(f"match rt::val_with_exit(&{var(s.exit)}, {outcome})?"):
        c.line("rt::Flow::Normal => {}")
        c.line(f"rt::Flow::Ret(__v) => {{ {_ret_line(em, depth, '__v')} }}")


def emit_reraise(em: FunctionEmitter, s: ReRaise) -> None:  # type: ignore[override]
    em.code.line("return Err(__x.clone());")  # the very exception (a Python one: the same object)


#: this module's statements (assembled with the others by emit/tables.py)
STATEMENTS = {Try: emit_try, ReRaise: emit_reraise, With: emit_with}
