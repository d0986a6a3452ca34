"""Where a translation may still deopt: never after a visible effect.

A deopt runs the Python original on the same arguments, which is exact only if nothing
the translation did so far can be seen: no Python code called, no attribute, item or
global written. This pass walks the IR in evaluation order (loop bodies twice: an
effect in one iteration precedes everything in the next), tracking whether an effect
may have happened, and rejects the function at the first operation that may deopt
after one (an exact-type check of an object, an int that may outgrow 64 bits, a
runtime helper that may need the original).

What counts as an effect: calls into Python code (`ObjCall`, `ObjMethod`), stores to
objects and globals, and calls of translated functions that have effects. Reading an
attribute or an item, comparing, or arithmetic on objects is treated as a read: it runs
Python code only through `__getattr__`, properties or operator methods, which are
assumed to change nothing visible (see DESIGN.md s5, "object tier").

It also rejects what the object tier cannot make exact yet: `except K as e` around
object operations (`e` would be the exception object), and a function that calls Python
code while it holds a native copy of
a list, dict or set argument (the called code could change or read the caller's object
while the copy is stale; the translator retries with such arguments as objects).
"""

from __future__ import annotations

from dataclasses import dataclass

from rustify.translate.errors import KeepAsObjects, Reject, reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ir.nodes_try import Try, With
from rustify.translate.ir.rtypes import INT, FloatT, IntT, ListT, NumT, ObjT, TupleT, contains_mutable
from rustify.translate.ir.walk import children, place_root, walk, walk_body
from rustify.translate.ops import op

#: int operations that cannot overflow or need the original (`&`, `|`, `^`, a proven bound)
_EXACT_INT_OPS = frozenset({"bitand", "bitor", "bitxor", "add_bounded", "rshift", "add_wrap", "sub_wrap", "mul_wrap"})


@dataclass(frozen=True)
class Facts:
    """What callers need to know of a translated function."""

    #: may do something visible outside it (call Python code, write an object or global)
    effects: bool = False
    #: may deopt (run the Python original)
    deopts: bool = False
    #: calls Python code (the object tier's calls, directly or through a callee)
    calls_python: bool = False


#: what is first assumed of a callee still being translated (recursion): no effects of its
#: own; `check_effects` then assumes what it found for the function itself, until it settles
UNKNOWN_FACTS = Facts(False, True, False)


class ContainerCopies(KeepAsObjects):
    """Python code is called while native copies of these container parameters live: the
    translator tries again with them as objects."""


class ObjectLocals(KeepAsObjects):
    """Int arithmetic that may need the original runs after an effect: the translator tries
    again with these variables as Python ints (objects), which never need it."""


def _describe(node: object) -> str:
    if isinstance(node, (obj.ObjCall, obj.ObjCallEx)):
        return "a call into Python code"
    if isinstance(node, obj.ObjMethod):
        return f"a call of the method `.{node.method}()`"
    if isinstance(node, obj.ObjSetAttr):
        return f"the write to `.{node.attr}`"
    if isinstance(node, obj.ObjSetItem):
        return "an item write on a Python object"
    if isinstance(node, obj.ObjStoreGlobal):
        return f"the write to the global `{node.name}`"
    if isinstance(node, With):
        return "entering a with block"
    if isinstance(node, ir.Call):
        return f"a call of {node.func.removeprefix('f_')}(), which changes state outside it"
    return "an effect"


#: how far a counter may step from its range and stay far inside i64
_SMALL_STEP = 2**32


def counters(function: ir.Function) -> frozenset[str]:
    """Loop variables of `for v in range(c, stop)` (step 1, a constant start well inside
    i64) that nothing else assigns: `v + k` and `v - k` for a small constant k cannot
    overflow (v < stop <= 2**63 - 1, v >= c)."""
    assigned: dict[str, int] = {}
    out = set()
    for node in walk_body(function.body):
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace):
            assigned[node.target.name] = assigned.get(node.target.name, 0) + 1
        elif isinstance(node, ir.ForRange):
            assigned[node.var] = assigned.get(node.var, 0) + 1
            if isinstance(node.step, ir.Const) and node.step.value == 1 and isinstance(node.start, ir.Const) \
                    and isinstance(node.start.value, int) and abs(node.start.value) < 2**62:
                out.add(node.var)
    return frozenset(v for v in out if assigned.get(v) == 1) | _tallies(function)


def _tallies(function: ir.Function) -> frozenset[str]:
    """Int locals that start small (a constant below 2**32, a length, a length minus a
    constant, another such local) and only ever step by one (`done += 1`, `j -= 1`): leaving
    i64 would take 2**62 steps, which no loop makes, so their `v + 1` never needs the Python
    original."""
    values: dict[str, list[ir.Expr]] = {}
    for node in walk_body(function.body):
        if isinstance(node, ir.ForRange):
            values.setdefault(node.var, []).append(ir.Const(None, INT))  # not a tally's start
        elif isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace):
            values.setdefault(node.target.name, []).append(node.value)
    ints = {p.name for p in function.params} | {n for n, t in function.locals if isinstance(t, IntT)}
    found = {n for n in values if n in ints and n not in {p.name for p in function.params}}
    while True:  # drop each local with a value that is neither a small start nor a step by one
        kept = {n for n in found if all(_tally_value(n, v, found) for v in values[n])}
        if kept == found:
            return frozenset(found)
        found = kept


def _small(e: ir.Expr) -> bool:
    return isinstance(e, ir.Const) and type(e.value) is int and abs(e.value) < _SMALL_STEP


def _tally_value(name: str, e: ir.Expr, tallies: set[str]) -> bool:
    if _small(e) or isinstance(e, ir.Len) or isinstance(e, ir.Name) and e.name in tallies:
        return True
    if not (isinstance(e, ir.Arith) and e.op in ("add", "sub", "add_bounded") and _small(e.right)):
        return False
    if isinstance(e.left, ir.Name) and e.left.name == name:
        return e.right.value in (0, 1)  # type: ignore[attr-defined]
    return isinstance(e.left, ir.Len)  # `len(xs) - 1`


def _bounded(node: ir.Arith, safe: frozenset[str]) -> bool:
    """`counter + k` / `counter - k` with a small constant k (see `counters`)."""
    if node.op not in ("add", "sub") or not isinstance(node.left, ir.Name) or node.left.name not in safe:
        return False
    k = node.right
    return isinstance(k, ir.Const) and isinstance(k.value, int) and not isinstance(k.value, bool) and \
        (0 <= k.value <= 1 if node.op == "add" else 0 <= k.value < _SMALL_STEP)


def _deopt_kind(node: object, facts: dict[str, Facts], assumed: Facts, safe: frozenset[str] = frozenset()) -> str | None:
    """Why `node` may deopt, or None."""
    if isinstance(node, obj.Unbox):
        return f"the check that a Python object is exactly a {node.type}"
    if isinstance(node, ir.Arith):
        if isinstance(node.left.type, (IntT, NumT)) and node.op not in _EXACT_INT_OPS and not _bounded(node, safe):
            return f"int `{node.op}` (an int beyond 64 bits needs the Python original)"
        if isinstance(node.left.type, FloatT) and node.op == "pow":
            return "float `**` (a complex result needs the Python original)"
    if isinstance(node, ir.Unary) and node.op == "neg" and isinstance(node.type, (IntT, NumT)):
        return "int negation (an int beyond 64 bits needs the Python original)"
    if isinstance(node, ir.Intrinsic) and op(node.name).deopts and not (
            op(node.name).deopts_on_float_tuples and not _float_tuples(node.args[0].type)):
        return f"`{node.name}` (some results need the Python original)"
    if isinstance(node, ir.Call) and facts.get(node.func, assumed).deopts:
        return f"the call of {node.func.removeprefix('f_')}(), which may need the Python original"
    return None


def _float_tuples(t: object) -> bool:
    """A list of tuples with a float (or an int-or-float) inside, at any depth."""
    def holds_float(x: object) -> bool:
        if isinstance(x, (FloatT, NumT)):
            return True
        return isinstance(x, TupleT) and any(holds_float(i) for i in x.items)
    return isinstance(t, ListT) and isinstance(t.item, TupleT) and holds_float(t.item)


def _is_effect(node: object, facts: dict[str, Facts], assumed: Facts, yields: bool = True) -> bool:
    if isinstance(node, obj.EFFECTS):
        return True
    if isinstance(node, ir.Intrinsic) and op(node.name).effect:
        return yields
    return isinstance(node, ir.Call) and facts.get(node.func, assumed).effects


class _Walk:
    def __init__(self, function: ir.Function, facts: dict[str, Facts], assumed: Facts, yields: bool = True,
                 stores: frozenset[str] = frozenset(), reads: bool = False) -> None:
        self.function = function
        #: list parameters whose item stores count as effects (made on the caller's list), and
        #: whether reads of their items may deopt (each checked for its type as it is read)
        self.stores, self.reads = stores, reads
        self.facts = facts
        #: whether a generator's `yield` counts as an effect (see `replayable`)
        self.yields = yields
        #: what a call of a function still being translated (recursion) may do
        self.assumed = assumed
        self.counters = counters(function)
        #: the first effect seen on some path to here (None: no effect yet on any path)
        self.effect: object | None = None
        self.any_effect = False
        self.any_deopt = False
        #: the statements being visited, outermost first
        self.statements: list[ir.Stmt] = []
        self.numeric_vars = {p.name for p in function.params if isinstance(p.type, (IntT, NumT))} | \
            {n for n, t in function.locals if isinstance(t, (IntT, NumT))}

    def visit(self, node: object) -> None:
        """Children first (they are evaluated before the node acts), in field order."""
        if isinstance(node, ir.While):
            self.loop(node, (node.cond,), node.body)
            return
        if isinstance(node, ir.ForRange):
            for bound in (node.start, node.stop, node.step):
                self.visit(bound)
            self.loop(node, (), node.body)
            return
        if isinstance(node, ir.If):
            self.visit(node.cond)
            before = self.effect
            self.body(node.body)
            after_then, self.effect = self.effect, before
            self.body(node.orelse)
            self.effect = self.effect or after_then
            return
        if isinstance(node, With):  # __enter__ is a call into Python code: an effect
            self.visit(node.manager)
            self.any_effect = True
            self.effect = self.effect or node
            self.body(node.body)
            return
        if isinstance(node, Try):
            named = any(isinstance(n, ir.Intrinsic) and n.name == "exc.caught" for h in node.handlers for n in walk(h))
            if named and any(isinstance(n, obj.NODES) for n in walk_body(node.body)):  # lowering prevents it
                raise reject(None, "try", "`except K as e` as text around operations on Python objects")
        if isinstance(node, ir.Stmt):
            self.statements.append(node)
        for child in children(node):
            self.visit(child)
        if isinstance(node, ir.Stmt):
            self.statements.pop()
        kind = _deopt_kind(node, self.facts, self.assumed, self.counters)
        if kind is None and self.reads and isinstance(node, ir.Index) and isinstance(node.seq, ir.Name) \
                and node.seq.name in self.stores:
            kind = f"the read of an item of `{node.seq.name}` (checked for its type as it is read)"
        if kind is not None:
            self.any_deopt = True
            if self.effect is not None:
                rejection = reject(None, "effect order", f"{kind} comes after {_describe(self.effect)}: once that "
                                   "has run, the Python original cannot be run again in its place",
                                   "do the native computation before calling Python code, or keep this function "
                                   "in Python").rejection
                names = self.int_variables(node)
                if names:
                    raise ObjectLocals(rejection, names)
                raise Reject(rejection)
        if _is_effect(node, self.facts, self.assumed, self.yields) or isinstance(node, ir.Assign) \
                and isinstance(node.target, ir.IndexPlace) and place_root(node.target) in self.stores:
            self.any_effect = True
            self.effect = self.effect or node

    def int_variables(self, node: object) -> tuple[str, ...]:
        """The int variables to make Python ints so that an int operation that may deopt
        runs on objects instead: the variable its statement assigns (`total = total * 3`
        then multiplies an object), else the ones it reads."""
        if not isinstance(node, (ir.Arith, ir.Unary)):
            return ()
        for s in reversed(self.statements):
            if isinstance(s, ir.Assign) and isinstance(s.target, ir.NamePlace):
                if s.target.name in self.numeric_vars:
                    return (s.target.name,)
                break
        names = {n.name for n in walk(node) if isinstance(n, ir.Name)}
        return tuple(sorted(names & self.numeric_vars))

    def body(self, stmts: tuple[ir.Stmt, ...]) -> None:
        for s in stmts:
            self.visit(s)

    def loop(self, node: object, heads: tuple[ir.Expr, ...], body: tuple[ir.Stmt, ...]) -> None:
        for _ in range(2):  # the second pass sees the effects of the first iteration
            for head in heads:
                self.visit(head)
            self.body(body)


def replayable(function: ir.Function) -> bool:
    """Whether a generator's steps can be replayed by its Python original: its arguments
    are immutable values, its yields are statements (what send() gives is never read),
    nothing is delegated to (`yield from`), no try or with block can catch what throw()
    raises at a yield, and it reads no module global and calls no other function (state
    that may change between its steps). If its body also has no other effect and calls no Python code, the
    original given the same arguments yields the same values: a deopt after k yields runs
    the original's generator, steps it k times, and hands it every later step (runtime
    gen.rs), so a yield need not count as an effect.

        def solutions(n: int):        # each `yield` a statement, sets and lists its own
            ...
                    yield placed[:]
    """
    if not function.generator or any(contains_mutable(p.type) or isinstance(p.type, ObjT) for p in function.params):
        return False
    statements = {id(s.expr) for s in walk_body(function.body) if isinstance(s, ir.ExprStmt)}
    for n in walk_body(function.body):
        if isinstance(n, (Try, With, ir.Global, ir.Call, obj.ObjGlobal)):
            return False
        if isinstance(n, ir.Intrinsic) and op(n.name).effect and (n.name != "gen.yield" or id(n) not in statements):
            return False
    return True


def check_effects(function: ir.Function, facts: dict[str, Facts]) -> Facts:
    """Reject a deopt after an effect; return the function's own facts for its callers.

    A call of a function still being translated (recursion) is first assumed to have no
    effects; if this function has some, it is checked again assuming its callees do too.
    A generator whose steps can be replayed (`replayable`), whose only effects are its
    yields, may deopt after them."""
    if replayable(function):
        try:
            found = _settle(function, facts, yields=False)
            if not found.effects and not found.calls_python:
                return found
        except Reject:
            pass
    return _settle(function, facts, yields=True)


def deopts_after_stores(function: ir.Function, names: frozenset[str], facts: dict[str, Facts],
                        reads: bool) -> bool:
    """Whether something that may deopt can run after an item store into one of the list
    parameters `names` (then the stores must be undoable: runtime view.rs `ListMut`); with
    `reads`, a read of one of their items counts (its type is checked as it is read)."""
    try:
        _Walk(function, facts, UNKNOWN_FACTS, stores=names, reads=reads).body(function.body)
    except Reject:
        return True
    return False


def _settle(function: ir.Function, facts: dict[str, Facts], yields: bool) -> Facts:
    assumed = UNKNOWN_FACTS
    while True:
        found = _check(function, facts, assumed, yields)
        if found.effects <= assumed.effects and found.calls_python <= assumed.calls_python:
            return found
        assumed = Facts(found.effects or assumed.effects, True, found.calls_python or assumed.calls_python)


def _check(function: ir.Function, facts: dict[str, Facts], assumed: Facts, yields: bool = True) -> Facts:
    walk = _Walk(function, facts, assumed, yields)
    walk.body(function.body)
    calls_python = any(isinstance(n, (obj.ObjCall, obj.ObjCallEx, obj.ObjMethod)) or
                       isinstance(n, ir.Intrinsic) and op(n.name).effect and yields or
                       isinstance(n, ir.Call) and facts.get(n.func, assumed).calls_python
                       for n in walk_body(function.body))
    if calls_python:
        copies = tuple(p.name for p in function.params if contains_mutable(p.type) and not isinstance(p.type, ObjT))
        if copies:
            raise ContainerCopies(reject(None, "object", f"calls Python code while it holds a copy of "
                                         f"`{copies[0]}`").rejection, copies)
    return Facts(walk.any_effect, walk.any_deopt, calls_python)
