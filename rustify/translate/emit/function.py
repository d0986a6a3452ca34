"""Pass 5a: emit one IR function as a plain Rust function `fn f_x(...) -> rt::R<T>`.

The function body works on native values only (no Python objects), returns
`Err(rt::Exc::Raise(..))` for a Python exception and `Err(rt::Exc::Deopt)` when the
exact answer is out of reach, so it can run without the GIL. Every CPython rule is
a runtime call chosen from the IR node and its types; nothing here guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from rustify.translate.emit.rust_syntax import (
    Code, default_value, globals_static, interned_static, is_copy, kwnames_static, literal, rust_type,
    site_static, string_literal, var, view_item_type,
)
from rustify.translate.ir import nodes as ir
from rustify.translate.ops import op
from rustify.translate.passes.liveness import names_read
from rustify.translate.ir.rtypes import BytesT, SharedT, StrPieceT, StrT
from rustify.translate.ir.rtypes import (
    BOOL, FLOAT, INT, NUM, BoolT, FloatT, IntT, ListT, NoneT, NumT, RType, TupleT,
)
from rustify.translate.ir.rtypes import DictT, ObjT, OptionalT, SetT, movable
from rustify.translate.ir import nodes_obj as obj

CMP = {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "gt": ">", "ge": ">="}
CMP_ENUM = {"lt": "Lt", "le": "Le", "eq": "Eq", "ne": "Ne", "gt": "Gt", "ge": "Ge"}
INT_OPS = {
    "add": "rt::int_add({a}, {b})?", "sub": "rt::int_sub({a}, {b})?", "mul": "rt::int_mul({a}, {b})?",
    "floordiv": "rt::int_floordiv({a}, {b})?", "mod": "rt::int_mod({a}, {b})?",
    "truediv": "rt::int_truediv({a}, {b})?", "lshift": "rt::int_lshift({a}, {b})?",
    "rshift": "rt::int_rshift({a}, {b})?", "bitand": "rt::int_and({a}, {b})", "bitor": "rt::int_or({a}, {b})",
    "bitxor": "rt::int_xor({a}, {b})", "add_bounded": "({a} + {b})",
    # an index proved in range before its loop nest (passes/index_ranges.py): exact when it fits
    "add_wrap": "({a}).wrapping_add({b})", "sub_wrap": "({a}).wrapping_sub({b})", "mul_wrap": "({a}).wrapping_mul({b})",
}
FLOAT_OPS = {
    "add": "({a} + {b})", "sub": "({a} - {b})", "mul": "({a} * {b})", "truediv": "rt::float_truediv({a}, {b})?",
    "floordiv": "rt::float_floordiv({a}, {b})?", "mod": "rt::float_mod({a}, {b})?", "pow": "rt::float_pow({a}, {b})?",
}
NUM_OPS = {op: f"rt::num_{op}({{a}}, {{b}})?" for op in ("add", "sub", "mul", "floordiv", "mod", "pow")}
MATH = {
    "sqrt": "rt::math_sqrt({0})?", "exp": "rt::math_exp({0})?", "log2": "rt::math_log2({0})?",
    "log10": "rt::math_log10({0})?", "log1p": "rt::math_log1p({0})?", "expm1": "rt::math_expm1({0})?",
    "sin": "rt::math_sin({0})?", "cos": "rt::math_cos({0})?", "tan": "rt::math_tan({0})?",
    "asin": "rt::math_asin({0})?", "acos": "rt::math_acos({0})?", "atan": "rt::math_atan({0})?",
    "sinh": "rt::math_sinh({0})?", "cosh": "rt::math_cosh({0})?", "tanh": "rt::math_tanh({0})?",
    "fabs": "rt::math_fabs({0})", "degrees": "rt::math_degrees({0})", "radians": "rt::math_radians({0})",
    "atan2": "rt::math_atan2({0}, {1})?", "hypot": "rt::math_hypot({0}, {1})", "pow": "rt::math_pow({0}, {1})?",
    "copysign": "rt::math_copysign({0}, {1})", "fmod": "rt::math_fmod({0}, {1})?",
    "floor": "rt::math_floor({0})?", "ceil": "rt::math_ceil({0})?", "trunc": "rt::math_trunc({0})?",
    "isnan": "rt::math_isnan({0})", "isinf": "rt::math_isinf({0})", "isfinite": "rt::math_isfinite({0})",
    "gcd": "rt::math_gcd({0}, {1})?", "factorial": "rt::math_factorial({0})?",
}


#: the comment that starts the Rust of a source line (see ir.SourceLine)
SOURCE_LINE = "// rustify:line "


def bound_flag(name: str) -> str:
    """The flag that says local `name` has been assigned (see ir.CheckBound)."""
    return f"__bound_{var(name)}"


def _suffix(t: RType) -> str:
    if isinstance(t, IntT):
        return "i64"
    if isinstance(t, FloatT):
        return "f64"
    if isinstance(t, NumT):
        return "num"
    raise TypeError(f"no numeric helper for {t}")


class FunctionEmitter:
    """Emits the body of one function; `modes` tells how each parameter is held."""

    def __init__(self, function: ir.Function, callees: dict[str, ir.Function], tables: EmitTables, *,
                 compensated_sum: bool, recursive: bool = False, globals_export: str | None = None,
                 source_lines: bool = False) -> None:
        self.function = function
        #: write each `ir.SourceLine` as a `// rustify:line N` comment
        self.source_lines = source_lines
        self.tables = tables
        self.recursive = recursive
        self.callees = callees
        self.modes = {p.name: p.mode for p in function.params}
        #: view parameters some operation needs whole (each gets an `rt::Whole`)
        self.wholes: set[str] = set()
        self.compensated_sum = compensated_sum
        self.code = Code()
        self.tmp = 0
        #: how many try closures enclose the code being emitted (emit/exceptions.py)
        self.flow_depth = 0
        #: an exported function of the same module: its original's globals are the module's
        self.globals_export = globals_export
        #: the function's statics (interned names, keyword-name tuples), by what they hold
        self.statics: dict[object, tuple[str, str]] = {}

    def fresh(self) -> str:
        self.tmp += 1
        return f"__e{self.tmp}"

    def _static(self, key: object, make) -> str:
        if key not in self.statics:
            ident = f"__S{len(self.statics) + 1}"
            self.statics[key] = (ident, make(ident))
        return self.statics[key][0]

    def interned(self, name: str) -> str:
        """The static holding the interned str `name` (attribute, method, global names)."""
        return self._static(("name", name), lambda ident: interned_static(ident, name))

    def kwnames(self, names: tuple[str, ...]) -> str:
        return self._static(("kw", names), lambda ident: kwnames_static(ident, names))

    def site(self, kind: str) -> str:
        """A new cache of one site of the source (`AttrSite` for `obj.name`, `GlobalSite`
        for a global name: runtime attr.rs, obj.rs)."""
        key = ("site", len(self.statics))
        return self._static(key, lambda ident: site_static(ident, kind))

    def module_globals(self) -> str:
        if self.globals_export is None:
            raise TypeError(f"{self.function.rust_name} reads module globals but no export of its module is known")
        export = self.globals_export
        return self._static(("globals",), lambda ident: globals_static(ident, export))

    # ------------------------------------------------------------ function

    def emit(self) -> str:
        f = self.function
        params = []
        for p in f.params:
            if p.mode == "view" and isinstance(p.type, StrT):  # CPython's own storage (text_view.rs)
                params.append(f"{var(p.name)}: &rt::StrView<'_>")
            elif p.mode == "view" and isinstance(p.type, DictT):  # a dict looked up in place (view.rs)
                params.append(f"{var(p.name)}: &rt::StrMap<'_, {rust_type(p.type.value)}>")
            elif p.mode == "view":  # a list read in place (runtime view.rs)
                params.append(f"{var(p.name)}: rt::Seq<'_, {view_item_type(p.type.item)}>")  # type: ignore[attr-defined]
            elif p.mode == "ref":
                params.append(f"{var(p.name)}: &{rust_type(p.type)}")
            elif p.mode == "mut":
                params.append(f"{var(p.name)}: &mut {rust_type(p.type)}")
            elif p.mode == "inplace":  # items stored into the caller's list (runtime view.rs)
                params.append(f"{var(p.name)}: &mut rt::ListMut<'_, {rust_type(p.type.item)}>")  # type: ignore[attr-defined]
            else:
                params.append(f"mut {var(p.name)}: {rust_type(p.type)}")
        ret = rust_type(f.ret)
        if "StrPiece" in ret:  # parts of the str arguments: they live as long as those (`'v`)
            params = [p.replace("rt::StrView<'_>", "rt::StrView<'v>") for p in params]
            ret = ret.replace("'_", "'v")
        lifetimes = "<'v>" if "'v" in ret else ""
        header = f"fn {f.rust_name}{lifetimes}({', '.join(params)}) -> rt::R<{ret}>"
        self.code.line("#[allow(unused_mut, unused_variables, unused_assignments, unreachable_code, unused_parens)]")
        with self.code.block(header):
            if self.recursive:  # see rt::DepthGuard: deep recursion is left to CPython
                self.code.line("let __depth = rt::DepthGuard::enter()?;")
            for name, t in f.locals:
                self.code.line(f"let mut {var(name)}: {rust_type(t)} = {default_value(t)};")
            for name in f.maybe_unbound:
                self.code.line(f"let mut {bound_flag(name)} = false;")
            start = len(self.code.lines)
            self.body(f.body)
            # reached only where Python would fall off the end and return None
            if isinstance(f.ret, NoneT):
                self.code.line("Ok(())")
            elif f.generator and isinstance(f.ret, OptionalT):  # (a generator's `return v` elsewhere)
                self.code.line("Ok(None)")
            elif f.generator and isinstance(f.ret, ObjT):
                self.code.line("Ok(rt::Val::none())")
            else:
                self.code.line("rt::deopt()")
            wholes = [f"let {whole(p.name)}: rt::Whole<{rust_type(p.type.item)}> = rt::Whole::new();"  # type: ignore[attr-defined]
                      for p in f.params if p.name in self.wholes]  # (only where some operation needed one)
            self.code.lines[start:start] = ["    " + line for line in wholes] + \
                ["    " + line for _, line in self.statics.values()]
        return self.code.text()

    # ------------------------------------------------------------ statements

    def body(self, stmts: tuple[ir.Stmt, ...]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, s: ir.Stmt) -> None:
        c = self.code
        if isinstance(s, ir.Assign):
            self.assign(s)
        elif isinstance(s, ir.ExprStmt):
            if isinstance(s.expr, ir.Intrinsic) and op(s.expr.name).statement:
                self.mutate(s.expr)
            else:
                c.line(f"let _ = {self.value(s.expr)};")
        elif isinstance(s, ir.If):
            with c.block(f"if {self.value(s.cond)}"):
                self.body(s.body)
            if s.orelse:
                c.lines[-1] = c.lines[-1] + " else {"
                c.depth += 1
                self.body(s.orelse)
                c.depth -= 1
                c.line("}")
        elif isinstance(s, ir.While):
            forever = isinstance(s.cond, ir.Const) and s.cond.value is True
            with c.block("loop" if forever else f"while {self.value(s.cond)}"):
                self.body(s.body)
        elif isinstance(s, ir.ForRange):
            self.for_range(s)
        elif isinstance(s, ir.Break):
            c.line("break;")
        elif isinstance(s, ir.Continue):
            c.line("continue;")
        elif isinstance(s, ir.Return):
            if self.flow_depth:  # inside a try's closure (emit/exceptions.py)
                c.line(f"return Ok(rt::Flow::Ret({self.value(s.value) if s.value is not None else '()'}));")
            elif s.value is None:
                c.line("return Ok(());")
            elif isinstance(s.value, ir.Name) and s.value.name not in self.modes and not is_copy(s.value.type):
                c.line(f"return Ok({var(s.value.name)});")  # the function ends: move, no copy
            else:
                c.line(f"return Ok({self.value(s.value)});")
        elif isinstance(s, ir.SourceLine):
            if self.source_lines:
                c.line(f"{SOURCE_LINE}{s.line}")
        elif isinstance(s, ir.CheckBound):
            with c.block(f"if !{bound_flag(s.name)}"):
                c.line(f"return Err(rt::unbound_local({string_literal(s.name)}));")
        elif isinstance(s, ir.Raise):
            if s.message is None:  # `raise E` / `assert c`: args == (), not ('',)
                message = "rt::NO_ARGS.to_string()"
            elif isinstance(s.message, ir.Const) and isinstance(s.message.value, str):
                message = f"String::from({string_literal(s.message.value)})"
            else:
                message = f"{self.value(s.message)}.to_string()"
            c.line(f"return Err(rt::Exc::Raise(rt::ExcKind::{s.kind}, {message}));")
        elif type(s) in self.tables.statements:  # statements defined in other modules (try, ...)
            self.tables.statements[type(s)](self, s)
        else:
            raise TypeError(f"cannot emit {type(s).__name__}")

    def for_range(self, s: ir.ForRange) -> None:
        c = self.code
        start, stop = self.value(s.start), self.value(s.stop)
        if isinstance(s.step, ir.Const) and s.step.value == 1:
            span = f"({start}..{stop}).rev()" if s.reverse else f"{start}..{stop}"
            with c.block(f"for __k in {span}"):
                c.line(f"{var(s.var)} = __k;")
                self.mark_bound(s.var)
                self.body(s.body)
            return
        with c.block(""):
            c.line(f"let (__start, __stop, __step): (i64, i64, i64) = ({start}, {stop}, {self.value(s.step)});")
            c.line("let __n = rt::range_len(__start, __stop, __step)?;")
            with c.block(f"for __j in {'(0..__n).rev()' if s.reverse else '0..__n'}"):
                # the value is in [start, stop), so the wrapping arithmetic is exact
                c.line(f"{var(s.var)} = __start.wrapping_add((__j as i64).wrapping_mul(__step));")
                self.mark_bound(s.var)
                self.body(s.body)

    def assign(self, s: ir.Assign) -> None:
        target = s.target
        in_place = self.tables.in_place.get(s.value.name) if isinstance(s.value, ir.Intrinsic) else None
        if isinstance(target, ir.NamePlace) and in_place is not None and in_place(self, target, s.value):
            self.mark_bound(target.name)  # `s = s + t` appended in place (see emit/strings.py)
            return
        if isinstance(target, ir.NamePlace) and isinstance(s.value, ir.Name) and _LOOP_ITEM.match(s.value.name) \
                and (isinstance(s.value.type, ObjT) or movable(s.value.type)) and s.value.name not in self.modes:
            # a loop's item temp is read once, by the loop target's binding: moved, not copied
            self.code.line(f"{self.name_place(target.name)} = std::mem::take(&mut {var(s.value.name)});")
            self.mark_bound(target.name)
            return
        if isinstance(target, ir.NamePlace):
            self.code.line(f"{self.name_place(target.name)} = {self.value(s.value)};")
            self.mark_bound(target.name)
            return
        # the value (which may read the same item, as in `xs[i] += 1`) before the store's
        # index check: CPython loads, computes, then stores
        value = self.fresh()
        self.code.line(f"let {value} = {self.value(s.value)};")
        if isinstance(target, ir.IndexPlace) and isinstance(target.base, ir.NamePlace) \
                and self.modes.get(target.base.name) == "inplace":  # into the caller's list
            lst = var(target.base.name)
            at = f"rt::norm_index({self.value(target.index)}, {lst}.len(), \"list assignment\")?"
            store = "set_owned" if isinstance(s.value.type, SharedT) else "set"  # an item moved: its object
            self.code.line(f"{lst}.{store}({at}, {value})?;")
            return
        path = self.place_path(target, store=True)
        self.code.line(f"{path} = {value};")

    def mark_bound(self, name: str) -> None:
        if name in self.function.maybe_unbound:
            self.code.line(f"{bound_flag(name)} = true;")

    def name_place(self, name: str) -> str:
        return f"*{var(name)}" if self.modes.get(name) == "mut" else var(name)

    def place_path(self, place: ir.NamePlace | ir.IndexPlace | ir.Expr, store: bool = False) -> str:
        """A Rust place for a Python target, emitting the index checks in Python's order: the
        item a value is `store`d into fails as an assignment, the rows on the way to it (and a
        method's receiver) as reads (`grid[9][0] = v`: "list index out of range")."""
        if isinstance(place, (ir.NamePlace, ir.Name)):
            return f"(*{var(place.name)})" if self.modes.get(place.name) == "mut" else var(place.name)
        if isinstance(place, (ir.IndexPlace, ir.Index)):
            base = place.base if isinstance(place, ir.IndexPlace) else place.seq
            base_path = self.place_path(base)
            index = self.value(place.index)
            tmp = self.fresh()
            if isinstance(place, ir.Index) and not place.checked:
                self.code.line(f"let {tmp}: usize = {index} as usize;")
            else:
                what = "list assignment" if store else "list"
                self.code.line(f"let {tmp}: usize = rt::norm_index({index}, {base_path}.len(), \"{what}\")?;")
            return f"{base_path}[{tmp}]"
        raise TypeError(f"not a place: {place!r}")

    def mutate(self, e: ir.Intrinsic) -> None:
        """List methods that change the receiver in place. The arguments are evaluated into
        locals first, as Python evaluates them before the call: `out.insert(0, out.pop())`
        reads (and changes) `out` while computing an argument."""
        name = e.name
        args = [self.value(a) for a in e.args[1:]]
        if name != "list.set_slice":
            receiver_names = names_read(e.args[0])
            temps = []
            for text, arg in zip(args, e.args[1:]):
                if isinstance(arg, ir.Name) or not names_read(arg) & receiver_names:
                    temps.append(text)  # it does not read the receiver: no conflict
                    continue
                tmp = self.fresh()
                self.code.line(f"let {tmp} = {text};")
                temps.append(tmp)
            args = temps
        receiver = self.place_path(e.args[0])
        if name == "list.set_slice":
            parts = ", ".join("None" if _absent(a) else f"Some({self.value(a)})" for a in e.args[1:4])
            self.code.line(f"rt::list_set_slice(&mut {receiver}, {parts}, {self.value(e.args[4])})?;")
        elif name == "list.append":
            self.code.line(f"{receiver}.push({args[0]});")
        elif name == "list.extend":
            tmp = self.fresh()
            self.code.line(f"let {tmp} = {args[0]};")
            self.code.line(f"{receiver}.extend_from_slice(&{tmp});")
        elif name == "list.insert":
            self.code.line(f"rt::list_insert(&mut {receiver}, {args[0]}, {args[1]});")
        elif name == "list.reverse":
            self.code.line(f"{receiver}.reverse();")
        elif name == "list.clear":
            self.code.line(f"{receiver}.clear();")
        elif name == "list.pop":
            index = f"Some({args[0]})" if args else "None"
            self.code.line(f"let _ = rt::list_pop(&mut {receiver}, {index})?;")
        else:
            raise TypeError(name)

    # ------------------------------------------------------------ expressions

    def value(self, e: ir.Expr) -> str:
        """An owned Rust value of `e.type` (lists are cloned when read from a variable)."""
        if isinstance(e, ir.Name):
            if self.modes.get(e.name) == "view":
                return f"{self.borrow(e)}.clone()"
            if is_copy(e.type):
                return f"*{var(e.name)}" if self.modes.get(e.name) in ("ref", "mut") else var(e.name)
            if isinstance(e.type, ObjT):  # a copy is the same object (rt::val_share)
                return f"rt::val_share(&{var(e.name)})?"
            return f"{var(e.name)}.clone()"
        return self.expr(e)

    def borrow(self, e: ir.Expr) -> str:
        """An expression of type `&T` for `e` (no copy for variables)."""
        if isinstance(e, ir.Name):
            mode = self.modes.get(e.name)
            if mode == "view" and isinstance(e.type, StrT):  # converted once on first use, kept
                return f"{var(e.name)}.whole()"
            if mode == "view":  # an operation that needs the whole list: converted once, kept
                self.wholes.add(e.name)
                return f"{whole(e.name)}.of(&{var(e.name)})?"
            if mode == "ref":
                return var(e.name)
            if mode == "mut":
                return f"&*{var(e.name)}"
            return f"&{var(e.name)}"
        return f"&({self.expr(e)})"

    def seq(self, e: ir.Expr) -> str:
        """A sequence expression usable as `x.len()` / `x[i]` / `x.iter()` without copying.

        A step-less slice read this way (`sum(xs[a:b])`, `max(xs[i:])`) is a view of the
        list, not a new one: the same items in the same order, without the allocation.
        """
        if isinstance(e, ir.Name):
            return f"({self.borrow(e)})" if self.modes.get(e.name) == "view" else var(e.name)
        if isinstance(e, ir.Intrinsic) and e.name == "list.slice" and _absent(e.args[3]):
            bounds = ", ".join("None" if _absent(a) else f"Some({self.value(a)})" for a in e.args[1:3])
            return f"rt::slice_view({self.borrow(e.args[0])}, {bounds})"
        return f"({self.borrow(e)})"

    def expr(self, e: ir.Expr) -> str:
        extra = self.tables.exprs.get(type(e))
        if extra is not None:  # nodes defined outside ir/nodes.py (the object tier, ...)
            return extra(self, e)
        method = getattr(self, "e_" + type(e).__name__)
        return method(e)

    def e_Const(self, e: ir.Const) -> str:
        return literal(e.value, e.type)

    def e_Name(self, e: ir.Name) -> str:
        return self.value(e)

    def e_Global(self, e: ir.Global) -> str:
        # the value itself, not a named `const`: constants of two modules in one crate may share a name
        return f"({literal(e.value, e.type)})"

    def e_Arith(self, e: ir.Arith) -> str:
        a, b = self.value(e.left), self.value(e.right)
        lt = e.left.type
        if isinstance(lt, BoolT):
            return f"({a} {'&' if e.op == 'bitand' else '|' if e.op == 'bitor' else '^'} {b})"
        if isinstance(lt, IntT) and isinstance(e.right.type, IntT):
            if e.op == "pow":
                return f"rt::int_pow_nonneg({a}, {b})?" if isinstance(e.type, IntT) else f"rt::int_pow({a}, {b})?"
            return INT_OPS[e.op].format(a=a, b=b)
        if isinstance(lt, FloatT):
            return FLOAT_OPS[e.op].format(a=a, b=b)
        if e.op == "truediv":
            return f"rt::num_as_f64(rt::num_truediv({a}, {b})?)"
        return NUM_OPS[e.op].format(a=a, b=b)

    def e_Unary(self, e: ir.Unary) -> str:
        a = self.value(e.operand)
        t = e.operand.type
        if e.op == "not":
            return f"(!{a})"
        if e.op == "invert":
            return f"rt::int_invert({a})"
        if isinstance(t, IntT):
            return f"rt::int_neg({a})?"
        if isinstance(t, FloatT):
            return f"(-{a})"
        return f"rt::num_neg({a})?"

    def e_Compare(self, e: ir.Compare) -> str:
        lt, rt_ = e.left.type, e.right.type
        a, b = self.value(e.left), self.value(e.right)
        if type(lt) is type(rt_) and isinstance(lt, (IntT, FloatT, BoolT)):
            return f"({a} {CMP[e.op]} {b})"
        op = f"rt::CmpOp::{CMP_ENUM[e.op]}"
        if isinstance(lt, IntT) and isinstance(rt_, FloatT):
            return f"rt::cmp_int_float({a}, {b}, {op})"
        if isinstance(lt, FloatT) and isinstance(rt_, IntT):
            return f"rt::cmp_float_int({a}, {b}, {op})"
        return f"rt::num_cmp({self.to_num(e.left, a)}, {self.to_num(e.right, b)}, {op})"

    def to_num(self, e: ir.Expr, text: str) -> str:
        if isinstance(e.type, NumT):
            return text
        if isinstance(e.type, IntT):
            return f"rt::Num::Int({text})"
        if isinstance(e.type, BoolT):
            return f"rt::Num::Int({text} as i64)"
        return f"rt::Num::Float({text})"

    def e_BoolOp(self, e: ir.BoolOp) -> str:
        if isinstance(e.type, BoolT):
            return f"({self.value(e.left)} {'&&' if e.op == 'and' else '||'} {self.value(e.right)})"
        tmp = self.fresh()
        truthy = self.truthy_of(tmp, e.type)
        if e.op == "and":
            return f"{{ let {tmp} = {self.value(e.left)}; if {truthy} {{ {self.value(e.right)} }} else {{ {tmp} }} }}"
        return f"{{ let {tmp} = {self.value(e.left)}; if {truthy} {{ {tmp} }} else {{ {self.value(e.right)} }} }}"

    def truthy_of(self, text: str, t: RType) -> str:
        if isinstance(t, BoolT):
            return text
        if isinstance(t, IntT):
            return f"({text} != 0)"
        if isinstance(t, FloatT):
            return f"({text} != 0.0)"
        if isinstance(t, NumT):
            return f"rt::num_truthy({text})"
        if isinstance(t, ListT):
            return f"!{text}.is_empty()"
        if isinstance(t, TupleT):
            return "true" if t.items else "false"
        if isinstance(t, NoneT):
            return "false"
        if isinstance(t, (DictT, SetT)):
            return f"!{text}.is_empty()"
        if isinstance(t, (StrT, BytesT)):
            return f"!{text}.is_empty()"
        if isinstance(t, ObjT):
            return f"rt::val_truthy(&{text})?"
        if isinstance(t, OptionalT) and is_copy(t.item):
            return f"{text}.map_or(false, |__o| {self.truthy_of('__o', t.item)})"
        if isinstance(t, OptionalT):  # None is false, else the value's truth
            return f"{text}.as_ref().map_or(false, |__o| {self.truthy_of('(*__o)', t.item)})"
        raise TypeError(f"no truth value for {t}")

    def e_Truthy(self, e: ir.Truthy) -> str:
        t = e.operand.type
        if isinstance(e.operand, obj.ObjCompare):  # `if a < b:` on objects: no bool object made
            o = e.operand
            return f"rt::val_compare_truth({self.borrow(o.left)}, {self.borrow(o.right)}, rt::CmpOp::{CMP_ENUM[o.op]})?"
        if isinstance(t, ObjT):
            return f"rt::val_truthy({self.borrow(e.operand)})?"
        if isinstance(e.operand, ir.Name) and self.modes.get(e.operand.name) in ("view", "inplace"):
            return f"!{var(e.operand.name)}.is_empty()"
        if isinstance(t, (ListT, DictT, SetT, StrT, BytesT, StrPieceT)):
            return f"!{self.seq(e.operand)}.is_empty()"
        if isinstance(t, (TupleT, NoneT)):
            return f"{{ let _ = {self.value(e.operand)}; {self.truthy_of('', t)} }}"
        return self.truthy_of(self.value(e.operand), t)

    def e_IfExp(self, e: ir.IfExp) -> str:
        return f"(if {self.value(e.cond)} {{ {self.value(e.then)} }} else {{ {self.value(e.orelse)} }})"

    def e_Convert(self, e: ir.Convert) -> str:
        return self.convert(self.value(e.operand), e.operand.type, e.type)

    def convert(self, text: str, src: RType, dst: RType) -> str:
        if src == dst:
            return text
        if isinstance(dst, OptionalT):  # None, or a value of the item type
            if isinstance(src, NoneT):
                return f"{{ let _ = {text}; None }}"
            return f"Some({self.convert(text, src, dst.item)})"
        if isinstance(dst, IntT) and isinstance(src, BoolT):
            return f"({text} as i64)"
        if isinstance(dst, FloatT):
            if isinstance(src, IntT):
                return f"({text} as f64)"
            if isinstance(src, BoolT):
                return f"(({text} as i64) as f64)"
            if isinstance(src, NumT):
                return f"rt::num_as_f64({text})"
        if isinstance(dst, NumT):
            if isinstance(src, IntT):
                return f"rt::Num::Int({text})"
            if isinstance(src, FloatT):
                return f"rt::Num::Float({text})"
            if isinstance(src, BoolT):
                return f"rt::Num::Int({text} as i64)"
        if isinstance(dst, ListT) and isinstance(src, ListT):
            inner = self.convert("__x", src.item, dst.item)
            access = "*__x" if is_copy(src.item) else "__x.clone()"
            inner = inner.replace("__x", access, 1) if "__x" in inner else inner
            return f"{text}.iter().map(|__x| {inner}).collect::<Vec<{rust_type(dst.item)}>>()"
        if isinstance(dst, TupleT) and isinstance(src, TupleT):
            tmp = self.fresh()
            parts = [self.convert(f"{tmp}.{k}", s, d) for k, (s, d) in enumerate(zip(src.items, dst.items))]
            return f"{{ let {tmp} = {text}; ({', '.join(parts)},) }}"
        raise TypeError(f"cannot convert {src} to {dst}")

    def e_Index(self, e: ir.Index) -> str:
        return self._indexed(e, borrow=False)

    def row(self, e: ir.Expr) -> str:
        """`seq(e)`, where the row `A[i]` of `A[i][k]` or `len(A[i])` is read in place: a
        reference for the one read, not a copy (not for loops, which may outlive a change)."""
        if isinstance(e, ir.Index) and _is_place(e):
            return self._indexed(e, borrow=True)
        return self.seq(e)

    def _indexed(self, e: ir.Index, borrow: bool) -> str:
        """`seq[index]`: the item (a copy unless it is `Copy`), or with `borrow` a reference to it."""
        if _row_of_view(e.seq, self.modes):  # `A[i][k]` of rows read in place: the row is a view too
            row, index = self.fresh(), self.value(e.index)
            at = f"rt::norm_index({index}, {row}.len(), \"list\")?"
            return f"{{ let {row} = {self._indexed(e.seq, borrow=False)}; {row}.get({at})? }}"
        if isinstance(e.seq, ir.Name) and self.modes.get(e.seq.name) == "view":  # checked as it is read
            view, index = var(e.seq.name), self.value(e.index)
            at = f"{index} as usize" if not e.checked else f"rt::norm_index({index}, {view}.len(), \"list\")?"
            if isinstance(e.type, SharedT):  # the item's own object (passes/shared_items.py)
                return f"{view}.get_shared({at})?{'.owned()' if e.type.owned else ''}"
            return f"{view}.get({at})?"
        if isinstance(e.seq, ir.Name) and self.modes.get(e.seq.name) == "inplace":  # types checked on entry
            lst, index = var(e.seq.name), self.value(e.index)
            at = f"{index} as usize" if not e.checked else f"rt::norm_index({index}, {lst}.len(), \"list\")?"
            return f"{lst}.get_owned({at})?" if isinstance(e.type, SharedT) else f"{lst}.get({at})?"
        seq = self.row(e.seq)
        index = self.value(e.index)
        amp, clone = ("&", "") if borrow else ("", "" if is_copy(e.type) else ".clone()")
        if e.moved and not borrow and isinstance(e.seq, ir.Name) and not e.checked:
            return f"std::mem::take(&mut {seq}[{index} as usize])"  # the loop's own temporary
        if not e.checked:
            return f"({amp}{seq}[{index} as usize])" if borrow else f"{seq}[{index} as usize]{clone}"
        what = "tuple" if isinstance(e.seq.type, TupleT) else "list"
        if isinstance(e.seq, ir.Name):
            item = f"rt::item(&{seq}, {index}, \"{what}\")?"
            return f"({item})" if borrow else f"(*{item})" if is_copy(e.type) else f"{item}{clone}"
        tmp = self.fresh()
        item = f"rt::item(&{tmp}, {index}, \"{what}\")?"
        read = item if borrow else f"*{item}" if is_copy(e.type) else f"{item}{clone}"
        return f"{{ let {tmp} = {seq}; {read} }}"

    def e_TupleGet(self, e: ir.TupleGet) -> str:
        if e.moved and isinstance(e.tup, ir.Name) and isinstance(e.type, ObjT):
            return f"rt::Val::take(&mut {var(e.tup.name)}.{e.k})"  # read once: moved out, no reference count
        if e.moved and isinstance(e.tup, ir.Name) and e.tup.name not in self.modes and movable(e.type):
            return f"std::mem::take(&mut {var(e.tup.name)}.{e.k})"  # read once: moved out, no copy
        clone = "" if is_copy(e.type) else ".clone()"
        return f"{self.seq(e.tup)}.{e.k}{clone}"

    def e_Len(self, e: ir.Len) -> str:
        if isinstance(e.operand.type, ObjT):
            return f"rt::val_len({self.borrow(e.operand)})?"
        if isinstance(e.operand.type, TupleT):
            return f"{len(e.operand.type.items)}_i64"
        if isinstance(e.operand, ir.Name) and self.modes.get(e.operand.name) in ("view", "inplace"):
            return f"({var(e.operand.name)}.len() as i64)"
        return f"({self.row(e.operand)}.len() as i64)"

    def e_ListLit(self, e: ir.ListLit) -> str:
        assert isinstance(e.type, ListT)
        if not e.items:
            return f"Vec::<{rust_type(e.type.item)}>::new()"
        return f"vec![{', '.join(self.value(i) for i in e.items)}]"

    def e_TupleLit(self, e: ir.TupleLit) -> str:
        return f"({', '.join(self.value(i) for i in e.items)},)"

    def e_Call(self, e: ir.Call) -> str:
        callee = self.callees[e.func]
        if callee.generator:
            return self.generator_call(e, callee)
        args = []
        for param, arg in zip(callee.params, e.args):
            if param.mode == "view" and isinstance(param.type, StrT):  # passed on, or its own str lent
                view = isinstance(arg, ir.Name) and self.modes.get(arg.name) == "view"
                args.append(var(arg.name) if view else f"&rt::StrView::rust({self.borrow(arg)})")  # type: ignore[union-attr]
            elif param.mode == "view" and isinstance(param.type, DictT):  # its own dict lent
                args.append(f"&rt::StrMap::Lent({self.borrow(arg)})")
            elif param.mode == "view":  # the caller's view passed on, or its own list lent
                view = isinstance(arg, ir.Name) and self.modes.get(arg.name) == "view"
                if view:
                    args.append(var(arg.name))  # type: ignore[union-attr]
                elif isinstance(param.type, ListT) and isinstance(param.type.item, ListT):  # rows: a view each
                    rows = self.fresh()
                    self.code.line(f"let {rows} = rt::row_views(&{self.seq(arg)}[..]);")
                    args.append(f"rt::Seq::rust(&{rows}[..])")
                else:
                    args.append(f"rt::Seq::rust(&{self.seq(arg)}[..])")
            elif param.mode == "ref":
                args.append(self.borrow(arg))
            elif param.mode == "inplace":  # its own list lent (an in-place list is never passed on)
                args.append(f"&mut rt::ListMut::rust(&mut {self.place_path(arg)})")
            elif param.mode == "mut":
                if isinstance(arg, ir.Name):
                    args.append(f"&mut *{var(arg.name)}" if self.modes.get(arg.name) == "mut" else f"&mut {var(arg.name)}")
                else:
                    args.append(f"&mut {self.value(arg)}")
            else:
                args.append(self.value(arg))
        if _holds_shared(callee.ret) or _holds_pieces(callee.ret):  # the caller wants numbers / strs of its own
            return f"rt::plain({e.func}({', '.join(args)})?)"
        return f"{e.func}({', '.join(args)})?"

    def generator_call(self, e: ir.Call, callee: ir.Function) -> str:
        """A translated generator function called from translated code: its generator made
        directly (runtime gen.rs `gen_new`), the body a closure over the arguments, evaluated
        now; on a deopt in the body, the function the module global holds now runs instead,
        given the same arguments as objects (a generator expression has none: it never deopts)."""
        names = [self.fresh() for _ in e.args]
        lets = "".join(f"let {n} = {self.value(a)}; " for n, a in zip(names, e.args))
        boxed = ", ".join(f"rt::Val::boxed(&{n})?" for n in names)
        passed = ", ".join(f"&{n}" if p.mode == "ref" else n for n, p in zip(names, callee.params))
        original = "rt::Val::none()" if callee.qualname == "<genexpr>" else \
            f"rt::val_load_global(&{self.module_globals()}, &{self.interned(callee.name)}, &{self.site('GlobalSite')})?"
        return (f"{{ {lets}let __original = {original}; let __fallback = vec![{boxed}]; "
                f"rt::gen_new({string_literal(callee.qualname)}, Box::new(move || -> rt::R<rt::Obj> "
                f"{{ let __r = {e.func}({passed})?; rt::box_obj(&__r) }}), __original, __fallback)? }}")

    def e_Block(self, e: ir.Block) -> str:
        saved = self.code
        self.code = Code()
        self.code.depth = 1
        self.body(e.body)
        # a Block's own temporary (a comprehension's list) is not read after the block: move it
        own = isinstance(e.result, ir.Name) and not is_copy(e.result.type) and any(
            isinstance(s, ir.Assign) and isinstance(s.target, ir.NamePlace) and s.target.name == e.result.name
            for s in e.body)
        result = var(e.result.name) if own else self.value(e.result)  # type: ignore[union-attr]
        inner = "\n".join(self.code.lines)
        self.code = saved
        return f"{{\n{inner}\n{result}\n}}"

    def e_Intrinsic(self, e: ir.Intrinsic) -> str:
        name = e.name
        extra = self.tables.intrinsics.get(name)
        if extra is not None:  # intrinsics of other types (str, dict, ...) register here
            return extra(self, e)
        args = e.args
        if name.startswith("math."):
            fname = name[5:]
            vals = [self.value(a) for a in args]
            if fname == "log":
                return f"rt::math_log({vals[0]})?" if len(vals) == 1 else f"rt::math_log_base({vals[0]}, {vals[1]})?"
            return MATH[fname].format(*vals)
        if name == "abs":
            t = e.type
            return {IntT: "rt::int_abs({0})?", FloatT: "rt::float_abs({0})", NumT: "rt::num_abs({0})?"}[type(t)].format(self.value(args[0]))
        if name in ("max.seq", "min.seq"):
            which = name[:3]
            if isinstance(e.type, BoolT):  # the winning bool itself
                return f"rt::{which}_of({self.seq(args[0])}.iter().copied())?"
            if isinstance(e.type, StrT):  # code-point order, the first of equal extremes
                return f"rt::{which}_ord({self.seq(args[0])}.iter())?"
            if isinstance(args[0], ir.ListLit):  # max(a, b): the values in order, no list made
                return f"rt::{which}_{_suffix(e.type)}([{', '.join(self.value(i) for i in args[0].items)}])?"
            return f"rt::{which}_{_suffix(e.type)}({self.seq(args[0])}.iter().copied())?"
        if name == "sum":
            item = args[0].type.item if isinstance(args[0].type, ListT) else args[0].type.items[0]  # type: ignore[attr-defined]
            seq = self.seq(args[0])
            start = args[1]
            if isinstance(e.type, IntT):
                if isinstance(item, BoolT):
                    return f"rt::sum_i64_from({self.value(start)}, {seq}.iter().map(|&__x| __x as i64))?"
                return f"rt::sum_i64_from({self.value(start)}, {seq}.iter().copied())?"
            if isinstance(e.type, FloatT):  # float start: the float path from the start value
                return f"rt::sum_float_from({self.value(start)}, {seq}.iter().map(|__x| {self.to_num_item('__x', item)}))?"
            comp = "_compensated" if self.compensated_sum else ""
            return f"rt::sum_num_from{comp}({self.value(start)}, {seq}.iter().map(|__x| {self.to_num_item('__x', item)}))?"
        if name == "int":
            t = args[0].type
            return f"rt::float_to_int({self.value(args[0])})?" if isinstance(t, FloatT) else f"rt::num_to_int({self.value(args[0])})?"
        if name == "round":
            if isinstance(args[0].type, NumT):
                return f"rt::num_round({self.value(args[0])})?"
            return f"rt::round_float({self.value(args[0])})?"
        if name == "round.ndigits":
            if isinstance(e.type, IntT):
                return f"rt::round_int_ndigits({self.value(args[0])}, {self.value(args[1])})?"
            if isinstance(e.type, NumT):
                return f"rt::num_round_ndigits({self.value(args[0])}, {self.value(args[1])})?"
            return f"rt::round_float_ndigits({self.value(args[0])}, {self.value(args[1])})?"
        if name == "divmod":
            a, b = self.value(args[0]), self.value(args[1])
            if isinstance(args[0].type, NumT):
                return f"rt::num_divmod({a}, {b})?"
            return f"rt::int_divmod({a}, {b})?" if isinstance(args[0].type, IntT) else f"rt::float_divmod({a}, {b})?"
        if name == "list.concat":
            return f"[&{self.seq(args[0])}[..], &{self.seq(args[1])}[..]].concat()"
        if name == "exc.object":  # inside an except clause: the caught exception as the Python object
            return "rt::exc_object(&mut __x)?"
        if name == "exc.caught":  # inside an except clause: the arm bound the caught kind and message
            return "(__k, __m.clone())"
        if name == "exc.str":
            tmp = self.fresh()
            return f"{{ let {tmp} = {self.value(args[0])}; rt::exc_str({tmp}.0, &{tmp}.1)? }}"
        if name == "seq.unpack_check":
            return f"rt::unpack_check({self.value(args[0])}, {self.value(args[1])})?"
        if name == "list.reversed":
            tmp = self.fresh()
            return f"{{ let mut {tmp} = {self.seq(args[0])}.to_vec(); {tmp}.reverse(); {tmp} }}"
        if name == "range.list":
            return f"rt::range_list({self.value(args[0])}, {self.value(args[1])}, {self.value(args[2])})?"
        if name == "list.repeat":
            return f"rt::list_repeat({self.borrow(args[0])}, {self.value(args[1])})?"
        if name == "asserts.enabled":
            return "rt::asserts_enabled()"
        if name == "tuple.to_list":
            tup = args[0].type
            item = e.type.item  # type: ignore[attr-defined]
            tmp = self.fresh()
            parts = [self.convert(f"{tmp}.{k}" if is_copy(t) else f"{tmp}.{k}.clone()", t, item)
                     for k, t in enumerate(tup.items)]  # type: ignore[attr-defined]
            return f"{{ let {tmp} = {self.value(args[0])}; vec![{', '.join(parts)}] }}"
        if name == "list.copy":
            return f"{self.seq(args[0])}.to_vec()"
        if name == "list.slice":
            parts = [("None" if isinstance(a, ir.Const) and a.value is None else f"Some({self.value(a)})") for a in args[1:]]
            if isinstance(e.type, ListT) and isinstance(e.type.item, SharedT):  # a view's own item objects
                return f"{var(args[0].name)}.slice_shared({', '.join(parts)})?"  # type: ignore[attr-defined]
            return f"rt::list_slice({self.borrow(args[0])}, {', '.join(parts)})?"
        if name == "sorted":
            return f"rt::sorted_{_suffix(e.type.item)}({self.borrow(args[0])}, {self.value(args[1])})?"  # type: ignore[attr-defined]
        if name == "seq.contains":
            item = args[0].type.item if isinstance(args[0].type, ListT) else args[0].type.items[0]  # type: ignore[attr-defined]
            seq = self.seq(args[0])
            if not item.is_numeric:  # CPython's == by type (rt::PyEq), the needle evaluated first
                tmp = self.fresh()
                return f"{{ let {tmp} = {self.value(args[1])}; rt::seq_contains_eq({seq}.iter(), &{tmp})? }}"
            return f"rt::seq_contains({seq}.iter().map(|__x| {self.to_num_item('__x', item)}), {self.to_num(args[1], self.value(args[1]))})?"
        if name in ("list.index", "list.count"):
            item = args[0].type.item  # type: ignore[attr-defined]
            seq = self.seq(args[0])
            fn = "seq_index" if name == "list.index" else "seq_count"
            return f"rt::{fn}({seq}.iter().map(|__x| {self.to_num_item('__x', item)}), {self.to_num(args[1], self.value(args[1]))})?"
        if name in ("any", "all"):
            item = args[0].type.item if isinstance(args[0].type, ListT) else args[0].type.items[0]  # type: ignore[attr-defined]
            test = self.truthy_of("__x", item) if is_copy(item) else self.truthy_of("__x", item)
            access = "|&__x|" if is_copy(item) else "|__x|"
            return f"{self.seq(args[0])}.iter().{name}({access} {test})"
        if name == "list.pop":
            index = f"Some({self.value(args[1])})" if len(args) > 1 else "None"
            return f"rt::list_pop(&mut {self.place_path(args[0])}, {index})?"
        if op(name).statement:
            raise TypeError(f"{name} is a statement")
        raise TypeError(f"unknown intrinsic {name}")

    def to_num_item(self, text: str, item: RType) -> str:
        if isinstance(item, NumT):
            return f"*{text}"
        if isinstance(item, IntT):
            return f"rt::Num::Int(*{text})"
        if isinstance(item, BoolT):
            return f"rt::Num::Int(*{text} as i64)"
        return f"rt::Num::Float(*{text})"


@dataclass(frozen=True)
class EmitTables:
    """What other emit modules contribute, assembled by emit/tables.py (nothing registers
    itself on import)."""

    #: intrinsic name -> emit(emitter, node) for intrinsics defined outside this module
    intrinsics: dict[str, Callable[["FunctionEmitter", ir.Intrinsic], str]] = field(default_factory=dict)
    #: intrinsic name -> emit(emitter, target, node) -> bool: writes `target = node` as an
    #: update in place when it can (returns False to leave it to the plain assignment)
    in_place: dict[str, Callable[["FunctionEmitter", ir.NamePlace, ir.Intrinsic], bool]] = field(default_factory=dict)
    #: statement class -> emit(emitter, node) for statements defined outside ir/nodes.py
    statements: dict[type, Callable[["FunctionEmitter", ir.Stmt], None]] = field(default_factory=dict)
    #: expression class -> emit(emitter, node) for expressions defined outside ir/nodes.py
    exprs: dict[type, Callable[["FunctionEmitter", ir.Expr], str]] = field(default_factory=dict)


#: the item temps of `LoopLowering.index_loop` (`$item7`), each read once by the target's binding
_LOOP_ITEM = re.compile(r"\$item[0-9]+$")


def whole(name: str) -> str:
    """The `rt::Whole` holding a view parameter converted, when an operation needs it whole."""
    return f"w_{name}"


def _is_place(e: ir.Expr) -> bool:
    """A variable, or an item of a list that is a place: something a reference can point at
    for as long as the function holds the variable."""
    if isinstance(e, ir.Name):
        return True
    return isinstance(e, ir.Index) and isinstance(e.seq.type, ListT) and _is_place(e.seq)


def _absent(e: ir.Expr) -> bool:
    return isinstance(e, ir.Const) and e.value is None


__all__ = ["FunctionEmitter", "EmitTables", "BOOL", "FLOAT", "INT", "NUM"]


def _holds_shared(t: RType) -> bool:
    return isinstance(t, SharedT) or isinstance(t, ListT) and isinstance(t.item, SharedT)


def _row_of_view(e: ir.Expr, modes: dict[str, str]) -> bool:
    """`A[i]` of rows read in place (`list[list[float]]`, mode `view`)."""
    return isinstance(e, ir.Index) and isinstance(e.seq, ir.Name) and modes.get(e.seq.name) == "view" \
        and isinstance(e.seq.type, ListT) and isinstance(e.seq.type.item, ListT)


def _holds_pieces(t: RType) -> bool:
    return isinstance(t, StrPieceT) or isinstance(t, ListT) and isinstance(t.item, StrPieceT)
