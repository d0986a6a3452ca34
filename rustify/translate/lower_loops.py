"""Lowering of loops and comprehensions: for over range/lists/enumerate/zip/reversed, while,
for/while-else, list comprehensions and generator reductions.

Part of `Lowerer` (see lower.py).
"""

from __future__ import annotations

import ast

from rustify.translate import builtins_str as bstr
from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.map_filter import as_generator, may_raise_stop
from rustify.translate.lower_support import (
    retype_appends,
)
from rustify.translate.ir.rtypes import (
    BOOL, INT, NONE, STR, UNKNOWN, BytesT, IntT, ListT, ObjT, StrT, TupleT, UnknownT, movable,
)


def strict_checks(names: list[ir.Name], idx: str) -> list[ir.Stmt]:
    """zip(..., strict=True) at index `idx`: CPython's zip_next takes each list's item in
    turn; the first list that has none ends the loop if it is the first and every other one
    is also at its end, else raises its ValueError.

        zip() argument 2 is shorter than argument 1
        zip() argument 3 is longer than arguments 1-2
    """
    k = ir.Name(idx, INT)

    def message(i: int, what: str) -> ir.Stmt:
        plural = " " if i == 1 else "s 1-"
        return ir.Raise("ValueError", ir.Const(f"zip() argument {i + 1} is {what} than argument{plural}{i}", STR))

    # the first list at its end: any other one with an item left is longer
    longer: list[ir.Stmt] = [ir.Break()]
    for i in reversed(range(1, len(names))):
        longer = [ir.If(ir.Compare("lt", k, ir.Len(names[i])), (message(i, "longer"),), tuple(longer))]
    checks = [ir.If(ir.Compare("ge", k, ir.Len(names[0])), tuple(longer))]
    for i in range(1, len(names)):  # a later list at its end while the ones before have items
        checks.append(ir.If(ir.Compare("ge", k, ir.Len(names[i])), (message(i, "shorter"),)))
    return checks


class LoopLowering:
    """Loops and comprehensions of `Lowerer`."""

    def loop(self, node: ast.For | ast.While, build) -> list[ir.Stmt]:
        """Lower a loop; `for`/`while` ... `else` runs the else block unless a break ran.

        `build(body)` returns the loop's statements, calling `body()` to lower one
        iteration. What is assigned before the first iteration is what is assigned
        when the loop ends normally (and runs its else block), unless it is a `while True`.
        """
        entry = self.state()
        self.forget_assigned(node)  # a later iteration may have undone a narrowing (lower_narrowing.py)
        narrowed = dict(self.narrowed)
        flag = self.fresh("broke", BOOL) if node.orelse else None
        self.loop_flags.append(flag)
        self.break_states.append([])
        try:
            loop = build(lambda: self.block(node.body))
        finally:
            self.loop_flags.pop()
            breaks = self.break_states.pop()
        forever = isinstance(node, ast.While) and isinstance(node.test, ast.Constant) and node.test.value is True
        self.defined = None if forever else entry
        self.narrowed = narrowed
        if flag is None:
            self.defined = self.meet(self.defined, *breaks)
            return loop
        pre = [ir.Assign(ir.NamePlace(flag, BOOL), ir.Const(False, BOOL))]
        post = [ir.If(ir.Unary("not", ir.Name(flag, BOOL), BOOL), tuple(self.block(node.orelse)))]
        self.defined = self.meet(self.defined, *breaks)
        return pre + loop + post

    def stmt_While(self, node: ast.While) -> list[ir.Stmt]:
        def build(body) -> list[ir.Stmt]:
            cond = self.condition(node.test)
            with self.narrowed_by(self.facts(node.test).true):  # `while cur is not None:`
                return [ir.While(cond, tuple(body()))]

        return self.loop(node, build)

    def stmt_For(self, node: ast.For) -> list[ir.Stmt]:
        return self.loop(node, lambda body: self.for_loop(node.target, node.iter, node, body))

    def for_loop(self, target: ast.expr, iterable: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """Lower `for target in iterable` to ForRange or an index-driven While.

        `body_fn()` lowers the body (it runs after the target is known, so the body
        sees the loop variable's type) and returns the statements of one iteration.
        """
        if isinstance(iterable, ast.Name) and iterable.id in self.iterators and iterable.id not in self.renames:
            return self.iterator_loop(self.iterators[iterable.id], target, node, body_fn)  # `for x in it`
        mapped = self.mapped(iterable)
        if mapped is not None:  # `for y in map(f, xs)`: `for x in xs: y = f(x)`
            return self.generator_loop(mapped, target, node, body_fn)
        call = iterable if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) else None
        fname = call.func.id if call is not None and self.is_builtin(call.func.id) else None
        if fname in ("range", "enumerate", "zip", "reversed") and self.has_object_argument(call):
            # bounds that are Python ints, sequences that are Python objects: the builtin itself
            return self.object_loop(target, self.global_call(fname, call), node, body_fn)
        if fname == "range":
            start, stop, step = self.range_args(call)
            if isinstance(target, ast.Name):
                var = self.renames.get(target.id, target.id)
                if isinstance(self.var_type(var), ObjT):  # a variable kept as a Python int
                    counter = self.fresh("r", INT)
                    pre = self.assign(target, ir.Name(counter, INT), node)
                    return [ir.ForRange(counter, start, stop, step, tuple(pre + body_fn()))]
                self.record_assign(var, INT, node)
                self.define(var)
                return [ir.ForRange(var, start, stop, step, tuple(body_fn()))]
            raise reject(target, "loop target", "a range loop needs one name")
        if fname == "reversed" and len(call.args) == 1 and isinstance(call.args[0], ast.Call) \
                and isinstance(call.args[0].func, ast.Name) and call.args[0].func.id == "range" \
                and self.is_builtin("range"):
            start, stop, step = self.range_args(call.args[0])
            var = self.fresh("r", INT)
            pre = self.assign(target, ir.Name(var, INT), node)
            return [ir.ForRange(var, start, stop, step, tuple(pre + body_fn()), reverse=True)]
        if fname == "enumerate":
            if not call.args or len(call.args) > 2 or call.keywords and call.keywords[0].arg != "start":
                raise reject(call, "enumerate", "enumerate(seq) or enumerate(seq, start) only")
            start = self.expr(call.keywords[0].value if call.keywords else call.args[1]) if len(call.args) > 1 or call.keywords else ir.Const(0, INT)
            if self.lazy_iterable(call.args[0]):  # enumerate(pairwise(xs)), enumerate(it), enumerate(map(...))
                return self.counted_loop(call.args[0], self.to_int(start), target, node, body_fn)
            seq = self.sequence(call.args[0], node)
            return self.index_loop([seq], node, target, body_fn, enumerate_start=self.to_int(start))
        if fname == "zip" and call.keywords:
            strict = len(call.keywords) == 1 and call.keywords[0].arg == "strict" \
                and isinstance(call.keywords[0].value, ast.Constant) and call.keywords[0].value.value is True
            if not strict or not call.args:  # CPython's checks and messages, on the real zip
                return self.object_loop(target, self.global_call("zip", call), node, body_fn)
            return self.index_loop([self.sequence(a, node) for a in call.args], node, target, body_fn, zipped=True,
                                   strict=True)
        if fname == "zip":
            if not call.args:
                raise reject(call, "zip", "zip(a, b, ...) without keywords only")
            return self.index_loop([self.sequence(a, node) for a in call.args], node, target, body_fn, zipped=True)
        if fname == "reversed" and len(call.args) == 1:
            return self.index_loop([self.sequence(call.args[0], node)], node, target, body_fn, reverse=True)
        native = self.itertools_loop(iterable, target, node, body_fn)  # type: ignore[attr-defined]
        if native is not None:
            return native
        if isinstance(self.peek(iterable), ObjT):  # any iterable Python object (`sorted(obj)` too)
            return self.object_loop(target, self.expr(iterable), node, body_fn)
        return self.index_loop([self.sequence(iterable, node)], node, target, body_fn)

    def lazy_iterable(self, node: ast.expr) -> bool:
        """Whether a `for` loop iterates `node` natively without it being a sequence: a native
        iterator variable, a consumed map/filter, an itertools call over native lists."""
        if isinstance(node, ast.Name):
            return node.id in self.iterators and node.id not in self.renames
        return self.mapped(node) is not None or self.itertools_native(node)  # type: ignore[attr-defined]

    def counted_loop(self, iterable: ast.expr, start: ir.Expr, target: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """`for i, x in enumerate(it, start)` over a lazy iterable: its own loop, with a
        counter that gives each item its number before the body runs."""
        if not isinstance(start.type, (IntT, UnknownT)):
            raise reject(iterable, "enumerate", f"enumerate() counting from a {start.type}")
        counter = self.fresh("n", INT)
        first = self.fresh("start", INT)
        saved = dict(self.renames)
        item = ast.copy_location(ast.Name(id="$counted", ctx=ast.Store()), iterable)
        small = isinstance(start, ir.Const) and abs(start.value) < 2**62  # type: ignore[arg-type]
        try:
            self.rename_targets(item)
            name = self.renames["$counted"]

            def body() -> list[ir.Stmt]:
                self.renames = saved  # the body sees the function's names
                t = self.var_type(name)
                number = ir.Arith("add_bounded" if small else "add", ir.Name(first, INT), ir.Name(counter, INT), INT)
                pair = ir.TupleLit((number, ir.Name(name, t)), TupleT((INT, t)))
                step = ir.Assign(ir.NamePlace(counter, INT),
                                 ir.Arith("add_bounded", ir.Name(counter, INT), ir.Const(1, INT), INT))
                return self.assign(target, pair, node) + [step] + body_fn()

            loop = self.for_loop(item, iterable, node, body)
        finally:
            self.renames = saved
        return [ir.Assign(ir.NamePlace(first, INT), start), ir.Assign(ir.NamePlace(counter, INT), ir.Const(0, INT))] + loop

    def mapped(self, node: ast.expr) -> ast.GeneratorExp | None:
        """The generator expression a `map(...)`/`filter(...)` of the builtins equals (map_filter.py),
        where it is exact: a StopIteration its function raises ends a map (its caller sees the
        end of the items) but not a generator, so a function that may raise one (Python code,
        another translated function, `next()`) keeps the real map."""
        if not isinstance(node, ast.Call):
            return None
        return as_generator(node, self.is_builtin, lambda name: self.is_builtin(name) or (
            name in self.info.functions and name not in self.info.rebound and name not in self.locals),
            self.may_raise_stop)

    def may_raise_stop(self, node: ast.AST) -> bool:
        """Whether running `node` may raise StopIteration (map_filter.may_raise_stop)."""
        return may_raise_stop(node, self.info.functions, self.is_builtin)

    def generator_loop(self, gen: ast.GeneratorExp, target: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """`for target in (elt for t in it if c)`: `for t in it: if c: target = elt; body`, the
        generator's targets in a scope of their own, the body in the function's."""
        saved = dict(self.renames)
        comp = gen.generators[0]
        try:
            self.rename_targets(comp.target)
            inner = dict(self.renames)

            def body() -> list[ir.Stmt]:
                self.renames = inner
                conds = [self.condition(c) for c in comp.ifs]
                value = self.expr(gen.elt)
                self.renames = saved
                tmp = self.fresh("mapped", value.type)
                stmts = [ir.Assign(ir.NamePlace(tmp, value.type), value)]
                stmts += self.assign(target, ir.Name(tmp, value.type), node) + body_fn()
                for cond in reversed(conds):
                    stmts = [ir.If(cond, tuple(stmts))]
                return stmts

            return self.for_loop(comp.target, comp.iter, node, body)
        finally:
            self.renames = saved

    def sequence(self, node: ast.expr, loop: ast.AST) -> tuple[list[ir.Stmt], ir.Name]:
        """A list or tuple to iterate: a local name as is (iterated live), else a temp."""
        expr = self.iterable_expr(node, loop)  # dicts and their views: a snapshot list
        if bstr.is_text(expr.type):  # a str's characters, a bytes' ints (immutable: a snapshot)
            expr = bstr.as_list(expr)
        if not isinstance(expr.type, (ListT, TupleT, UnknownT)):
            raise reject(node, "iteration", f"iterating over a {expr.type} is not translated")
        expr = self.as_list(expr, node)
        if isinstance(expr, ir.Name) and not self.rebinds(expr.name, loop):
            return [], expr  # iterated live: the loop sees its own appends, as in CPython
        # CPython iterates the object the expression had when the loop started, whatever
        # the name is rebound to later
        tmp = self.fresh("seq", expr.type)
        return [ir.Assign(ir.NamePlace(tmp, expr.type), expr)], ir.Name(tmp, expr.type)

    def index_loop(self, seqs, node, target, body_fn, *, enumerate_start=None, zipped=False, reverse=False,
                   strict=False):
        pre: list[ir.Stmt] = []
        names = []
        temps = set()
        for stmts, name in seqs:
            pre += stmts
            names.append(name)
            if stmts:  # a temporary only this loop reads
                temps.add(name.name)
        idx = self.fresh("k", INT)
        items = []
        for name in names:
            t = name.type
            item_t = t.item if isinstance(t, ListT) else t.items[0] if isinstance(t, TupleT) and t.items else UNKNOWN
            moved = name.name in temps and isinstance(t, ListT) and movable(item_t)
            items.append(ir.Index(name, ir.Name(idx, INT), item_t, checked=False, moved=moved))
        if reverse:
            # CPython's reversed(list): starts at len-1, stops when the index leaves the list
            pre.append(ir.Assign(ir.NamePlace(idx, INT), ir.Len(names[0])))
            cond = ir.Compare("gt", ir.Name(idx, INT), ir.Const(0, INT))
            step = [ir.Assign(ir.NamePlace(idx, INT), ir.Arith("add_bounded", ir.Name(idx, INT), ir.Const(-1, INT), INT))]
            guard = [ir.If(ir.Compare("ge", ir.Name(idx, INT), ir.Len(names[0])), (ir.Break(),))]
            fetch_items = items
        else:
            pre.append(ir.Assign(ir.NamePlace(idx, INT), ir.Const(0, INT)))
            conds = [ir.Compare("lt", ir.Name(idx, INT), ir.Len(n)) for n in names]
            cond = conds[0]
            for c in conds[1:]:
                cond = ir.BoolOp("and", cond, c, BOOL)
            step = []
            guard = strict_checks(names, idx) if strict else []
            if strict:
                cond = ir.Const(True, BOOL)
            fetch_items = items
        value: ir.Expr
        if enumerate_start is not None:
            # a small constant start plus an index below a list's length cannot overflow
            small = isinstance(enumerate_start, ir.Const) and abs(enumerate_start.value) < 2**62
            counter = ir.Arith("add_bounded" if small else "add", enumerate_start, ir.Name(idx, INT), INT)
            value = ir.TupleLit((counter, fetch_items[0]), TupleT((INT, fetch_items[0].type)))
        elif zipped:
            value = ir.TupleLit(tuple(fetch_items), TupleT(tuple(i.type for i in fetch_items)))
        else:
            value = fetch_items[0]
        tmp = self.fresh("item", value.type)
        fetch = [ir.Assign(ir.NamePlace(tmp, value.type), value)]
        advance = [] if reverse else [
            ir.Assign(ir.NamePlace(idx, INT), ir.Arith("add_bounded", ir.Name(idx, INT), ir.Const(1, INT), INT))]
        binds = self.assign(target, ir.Name(tmp, value.type), node)
        body = step + guard + fetch + advance + binds + body_fn()
        return pre + [ir.While(cond, tuple(body))]

    def rebinds(self, name: str, loop: ast.AST) -> bool:
        """Whether the body of `for` loop `loop` assigns `name` (the loop must then hold on
        to the list it started with). Comprehensions cannot assign."""
        body = loop.body if isinstance(loop, ast.For) else []
        for stmt in body:
            for node in ast.walk(stmt):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) \
                        and self.renames.get(node.id, node.id) == name:
                    return True
        return False

    def range_args(self, call: ast.Call) -> tuple[ir.Expr, ir.Expr, ir.Expr]:
        if call.keywords or not 1 <= len(call.args) <= 3:
            raise reject(call, "range", "range() takes 1 to 3 positional arguments")
        args = [self.to_int(self.expr(a)) for a in call.args]
        for a, node in zip(args, call.args):
            if not isinstance(a.type, (IntT, UnknownT)):
                raise reject(node, "range", f"range() needs ints, got a {a.type}")
        if len(args) == 1:
            return ir.Const(0, INT), args[0], ir.Const(1, INT)
        if len(args) == 2:
            return args[0], args[1], ir.Const(1, INT)
        return args[0], args[1], args[2]

    def expr_ListComp(self, node: ast.ListComp) -> ir.Expr:
        return self.comprehension(node, node.elt)

    def expr_GeneratorExp(self, node: ast.GeneratorExp) -> ir.Expr:
        # Only reached where a generator is consumed whole (sum, min, max, list, sorted):
        # materialising it evaluates the same items in the same order.
        inner = [node.elt] + [c for g in node.generators for c in g.ifs] + [g.iter for g in node.generators[1:]]
        if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "next"
               and self.is_builtin("next") for e in inner for n in ast.walk(e)):
            # a StopIteration inside a generator is CPython's RuntimeError (PEP 479)
            raise reject(node, "generator expression", "next() inside a generator expression is not translated "
                         "(an exhausted iterator there is a RuntimeError)", "use a list comprehension")
        return self.comprehension(node, node.elt)

    def comprehension(self, node: ast.ListComp | ast.GeneratorExp, elt: ast.expr) -> ir.Expr:
        saved = dict(self.renames)
        result = self.fresh("comp", UNKNOWN)
        try:
            inner: list[ir.Stmt] = []
            elt_holder: list[ir.Expr] = []

            inner = self.generator_loops(node, lambda: self.comp_append(result, elt, elt_holder))
            item_t = elt_holder[0].type if elt_holder else UNKNOWN
        finally:
            self.renames = saved
        list_t = ListT(item_t)
        self.temps[result] = list_t
        init = ir.Assign(ir.NamePlace(result, list_t), ir.ListLit((), list_t))
        return ir.Block((init, *retype_appends(inner, result, list_t)), ir.Name(result, list_t), list_t)

    def short_circuit(self, name: str, node: ast.GeneratorExp) -> ir.Expr:
        """`any(elt for ...)` / `all(elt for ...)`: items are produced one at a time and the
        loop stops at the first that decides (truthy for any, falsy for all), as in CPython.

            any(x > 0 for x in xs)  ->  { found = False; for x in xs: if x > 0: found = True; break; found }
        """
        decides = name == "any"  # the value an item's truth must have to end the loop
        saved = dict(self.renames)
        result = self.fresh("decided", BOOL)
        done: ir.Expr = ir.Name(result, BOOL) if decides else ir.Unary("not", ir.Name(result, BOOL), BOOL)
        try:
            def decide() -> list[ir.Stmt]:
                test = self.condition(node.elt)
                if not decides:
                    test = ir.Unary("not", test, BOOL)
                return [ir.If(test, (ir.Assign(ir.NamePlace(result, BOOL), ir.Const(decides, BOOL)), ir.Break()))]

            # an inner loop that decided also ends every enclosing one
            inner = self.generator_loops(node, decide, after_nested=[ir.If(done, (ir.Break(),))])
        finally:
            self.renames = saved
        init = ir.Assign(ir.NamePlace(result, BOOL), ir.Const(not decides, BOOL))
        return ir.Block((init, *inner), ir.Name(result, BOOL), BOOL)

    def generator_loops(self, node: ast.ListComp | ast.GeneratorExp, innermost, after_nested=()) -> list[ir.Stmt]:
        """The nested loops of a comprehension's `for ... if ...` clauses, outermost first;
        `innermost()` lowers the statements of the innermost body, `after_nested` follow
        each inner loop inside its enclosing one."""

        def nest(k: int) -> list[ir.Stmt]:
            gen = node.generators[k]
            if gen.is_async:
                raise reject(gen, "async comprehension", "async comprehensions are not translated")
            self.rename_targets(gen.target)

            def body() -> list[ir.Stmt]:
                conds = self.narrowed_operands("and", gen.ifs, self.condition)  # `if x is not None`
                facts = self.facts(ast.BoolOp(ast.And(), gen.ifs)) if gen.ifs else None
                with self.narrowed_by(facts.true if facts else frozenset()):
                    stmts = nest(k + 1) + list(after_nested) if k + 1 < len(node.generators) else innermost()
                for cond in reversed(conds):
                    stmts = [ir.If(cond, tuple(stmts))]
                return stmts

            return self.for_loop(gen.target, gen.iter, gen, body)

        return nest(0)

    def rename_targets(self, target: ast.expr) -> None:
        """Comprehension variables live in their own scope: give each a fresh local."""
        for name_node in ast.walk(target):
            if isinstance(name_node, ast.Name):
                fresh = self.fresh(f"{name_node.id}_", UNKNOWN)
                self.temps.pop(fresh)
                self.renames[name_node.id] = fresh
                self.locals.add(fresh)

    def comp_append(self, result: str, elt: ast.expr, holder: list[ir.Expr]) -> list[ir.Stmt]:
        value = self.expr(elt)
        holder.append(value)
        return [ir.ExprStmt(ir.Intrinsic("list.append", (ir.Name(result, UNKNOWN), value), NONE))]
