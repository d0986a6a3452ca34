"""The IR's text form, used by golden tests and `rustify-gen --show-ir`.

    def f_dot(a: list[float] &, b: list[float] &) -> float:
      total: float = 0.0
      ...
"""

from __future__ import annotations

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.nodes_try import ReRaise, Try, With
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ir.rtypes import ListT, SharedT, StrPieceT

_MODE = {"value": "", "ref": " &", "mut": " &mut", "view": " (read in place)", "inplace": " (changed in place)"}


def expr(e: ir.Expr) -> str:
    if isinstance(e, ir.Const):
        return repr(e.value) if e.value is not None else "None"
    if isinstance(e, ir.Name):
        return e.name
    if isinstance(e, ir.Global):
        return f"global {e.name}"
    if isinstance(e, ir.Arith):
        return f"({expr(e.left)} {e.op}.{e.type} {expr(e.right)})"
    if isinstance(e, ir.Unary):
        return f"({e.op} {expr(e.operand)})"
    if isinstance(e, ir.Compare):
        return f"({expr(e.left)} {e.op} {expr(e.right)})"
    if isinstance(e, ir.BoolOp):
        return f"({expr(e.left)} {e.op} {expr(e.right)})"
    if isinstance(e, ir.Truthy):
        return f"truthy({expr(e.operand)})"
    if isinstance(e, ir.IfExp):
        return f"({expr(e.then)} if {expr(e.cond)} else {expr(e.orelse)})"
    if isinstance(e, ir.Convert):
        return f"{e.type}({expr(e.operand)})"
    if isinstance(e, ir.Index):
        return f"{expr(e.seq)}[{expr(e.index)}{'' if e.checked else ' unchecked'}]"
    if isinstance(e, ir.TupleGet):
        return f"{expr(e.tup)}.{e.k}"
    if isinstance(e, ir.Len):
        return f"len({expr(e.operand)})"
    if isinstance(e, ir.ListLit):
        return f"[{', '.join(expr(i) for i in e.items)}]: {e.type}"
    if isinstance(e, ir.TupleLit):
        return f"({', '.join(expr(i) for i in e.items)},)"
    if isinstance(e, ir.Call):
        return f"{e.func}({', '.join(expr(a) for a in e.args)})"
    if isinstance(e, ir.Intrinsic):
        return f"{e.name}!({', '.join(expr(a) for a in e.args)})"
    if isinstance(e, obj.NODES):
        return obj_expr(e)
    if isinstance(e, ir.Block):
        inner = "; ".join(line.strip() for s in e.body for line in stmt(s, 0))
        return f"{{{inner}; {expr(e.result)}}}"
    raise TypeError(f"unknown expression {type(e).__name__}")


def obj_expr(e: ir.Expr) -> str:
    """The object tier's nodes: `obj.` before each operation on Python objects."""
    def args(items: tuple[ir.Expr, ...], kwnames: tuple[str, ...]) -> str:
        pos = [expr(a) for a in items[: len(items) - len(kwnames)]]
        kws = [f"{k}={expr(a)}" for k, a in zip(kwnames, items[len(items) - len(kwnames):])]
        return ", ".join(pos + kws)

    if isinstance(e, obj.ObjGlobal):
        return f"obj.global {e.name}"
    if isinstance(e, obj.ObjStoreGlobal):
        return f"obj.store_global {e.name} = {expr(e.value)}"
    if isinstance(e, obj.ObjAttr):
        return f"{expr(e.obj)}.obj.{e.attr}"
    if isinstance(e, obj.ObjSetAttr):
        return f"obj.setattr {expr(e.obj)}.{e.attr} = {expr(e.value)}"
    if isinstance(e, obj.ObjCall):
        return f"obj.call {expr(e.func)}({args(e.args, e.kwnames)})"
    if isinstance(e, obj.ObjCallEx):
        parts = [(how if how in ("", "*", "**") else f"{how}=") + expr(a) for a, how in zip(e.parts, e.how)]
        return f"obj.call_ex {expr(e.func)}({', '.join(parts)})"
    if isinstance(e, obj.ObjMethod):
        return f"obj.method {expr(e.obj)}.{e.method}({args(e.args, e.kwnames)})"
    if isinstance(e, obj.ObjBinOp):
        return f"({expr(e.left)} {e.op}{'=' if e.inplace else ''}.obj {expr(e.right)})"
    if isinstance(e, obj.ObjUnary):
        return f"({e.op}.obj {expr(e.operand)})"
    if isinstance(e, obj.ObjCompare):
        return f"({expr(e.left)} {e.op}.obj {expr(e.right)})"
    if isinstance(e, obj.ObjIs):
        return f"({expr(e.left)} is {expr(e.right)})"
    if isinstance(e, obj.ObjGetItem):
        return f"{expr(e.obj)}.obj[{expr(e.key)}]"
    if isinstance(e, obj.ObjGetSlice):
        return f"{expr(e.obj)}.obj[{expr(e.lower)}:{expr(e.upper)}:{expr(e.step)}]"
    if isinstance(e, obj.ObjSetItem):
        return f"obj.setitem {expr(e.obj)}[{expr(e.key)}] = {expr(e.value)}"
    if isinstance(e, obj.ObjContains):
        return f"({expr(e.item)} in.obj {expr(e.container)})"
    if isinstance(e, obj.ObjIter):
        return f"obj.iter({expr(e.obj)})"
    if isinstance(e, obj.ObjNext):
        return f"obj.next({expr(e.iterator)})"
    if isinstance(e, obj.ObjExhausted):
        return f"obj.is_end({expr(e.item)})"
    if isinstance(e, obj.ObjFormat):
        conversion = f"!{e.conversion}" if e.conversion else ""
        spec = f":{expr(e.spec)}" if e.spec is not None else ""
        return f"obj.format({expr(e.value)}{conversion}{spec})"
    if isinstance(e, obj.ObjBuildString):
        return f"obj.build_string({', '.join(expr(p) for p in e.parts)})"
    if isinstance(e, obj.ObjRaise):
        return f"obj.raise {expr(e.exc)}" + (f" from {expr(e.cause)}" if e.cause is not None else "")
    if isinstance(e, obj.ObjBuild):
        return f"obj.{e.kind}({', '.join(expr(i) for i in e.items)})"
    if isinstance(e, obj.ObjUnpack):
        return f"obj.unpack{len(e.type.items)}({expr(e.value)})"  # type: ignore[attr-defined]
    if isinstance(e, obj.Box):
        return f"box({expr(e.value)})"
    if isinstance(e, obj.Unbox):
        return f"unbox.{e.type}({expr(e.value)})"
    raise TypeError(f"unknown expression {type(e).__name__}")


def place(p: ir.NamePlace | ir.IndexPlace) -> str:
    if isinstance(p, ir.NamePlace):
        return p.name
    return f"{place(p.base)}[{expr(p.index)}]"


def stmt(s: ir.Stmt, depth: int) -> list[str]:
    pad = "  " * depth
    if isinstance(s, ir.Assign):
        return [f"{pad}{place(s.target)} = {expr(s.value)}"]
    if isinstance(s, ir.ExprStmt):
        return [f"{pad}{expr(s.expr)}"]
    if isinstance(s, ir.If):
        out = [f"{pad}if {expr(s.cond)}:"] + body(s.body, depth + 1)
        if s.orelse:
            out += [f"{pad}else:"] + body(s.orelse, depth + 1)
        return out
    if isinstance(s, ir.While):
        return [f"{pad}while {expr(s.cond)}:"] + body(s.body, depth + 1)
    if isinstance(s, ir.ForRange):
        head = f"{pad}for {s.var} in range({expr(s.start)}, {expr(s.stop)}, {expr(s.step)}):"
        if s.reverse:
            head = f"{pad}for {s.var} in reversed(range({expr(s.start)}, {expr(s.stop)}, {expr(s.step)})):"
        return [head] + body(s.body, depth + 1)
    if isinstance(s, ir.Break):
        return [f"{pad}break"]
    if isinstance(s, ir.Continue):
        return [f"{pad}continue"]
    if isinstance(s, ir.Return):
        return [f"{pad}return {expr(s.value) if s.value is not None else 'None'}"]
    if isinstance(s, ir.CheckBound):
        return [f"{pad}check_bound {s.name}"]
    if isinstance(s, ir.SourceLine):
        return []  # a position, not an operation
    if isinstance(s, ir.Raise):
        return [f"{pad}raise {s.kind}({expr(s.message) if s.message is not None else ''})"]
    if isinstance(s, ReRaise):
        return [f"{pad}raise"]
    if isinstance(s, With):
        return [f"{pad}with {expr(s.manager)} -> {s.enter} (exit {s.exit}):"] + body(s.body, depth + 1)
    if isinstance(s, Try):
        out = [f"{pad}try:"] + body(s.body, depth + 1)
        for h in s.handlers:
            names = list(h.kinds) + [expr(k) for k in h.classes]
            out += [f"{pad}except ({', '.join(names)}):"] + body(h.body, depth + 1)
        if s.orelse:
            out += [f"{pad}else:"] + body(s.orelse, depth + 1)
        if s.finalbody:
            out += [f"{pad}finally:"] + body(s.finalbody, depth + 1)
        return out
    raise TypeError(f"unknown statement {type(s).__name__}")


def body(stmts: tuple[ir.Stmt, ...], depth: int) -> list[str]:
    out = [line for s in stmts for line in stmt(s, depth)]
    return out or ["  " * depth + "pass"]


def function(f: ir.Function) -> str:
    params = ", ".join(f"{p.name}: {p.type}{_MODE[p.mode]}" for p in f.params)
    lines = [f"{'generator ' if f.generator else ''}def {f.rust_name}({params}) -> {_local_type(f.ret)}:"]
    for name, t in f.locals:
        lines.append(f"  local {name}: {_local_type(t)}")
    lines += body(f.body, 1)
    return "\n".join(lines) + "\n"


def _local_type(t: object) -> str:
    """A local's type, with the representations passes chose that the Python type hides."""
    if isinstance(t, ListT):
        return f"list[{_local_type(t.item)}]"
    if isinstance(t, StrPieceT):
        return "str (in place)"
    if isinstance(t, SharedT):
        return f"{t.item} (its object{', owned' if t.owned else ''})"
    return str(t)
