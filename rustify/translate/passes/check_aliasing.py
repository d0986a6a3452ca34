"""Reject functions where Python's shared lists could be told apart from Rust's copies.

Rust gives each list variable its own vector; Python lets several names (and
containers) share one list object. The two agree as long as nobody can observe the
sharing, so this pass proves that, conservatively:

- a list argument changed in place must not hold lists itself (writing it back would
  replace the caller's inner lists with new ones), and lists inside a list argument
  are never changed (the caller may hold them);
- a local changed in place only ever receives new lists (literals, comprehensions,
  copies, concatenations, slices, `sorted`, results of translated functions), whose
  inner lists are new too when those are changed;
- such a list leaves its variable (into a container, another variable, a call) only
  where the variable is dead afterwards: the one remaining owner is the container;
- a list stored into a container whose inner lists are changed is new, or comes from
  a variable that only holds new lists and is dead afterwards;
- a changeable value stored into a container (an item, a dict value, a tuple member)
  leaves its variable: the variable is dead afterwards, so one owner remains, and
  `[x] * n` never repeats a list: CPython would hold one object in many places, a
  translation a copy (and its memory) in each;
- the function never returns an argument's list, dict, set or array, or one found
  inside an argument (`return stats`, `return groups.get(k, [])`, `sorted(rows)` of
  lists): the caller would get a copy instead of the same object.

    before: def f(xs): ys = xs; ys.append(1)       after: Reject("`ys` may share its list")
    before: row = [0.0] * n; row[i] = 1.0; out.append(row)   (row rebound next)   after: unchanged
"""

from __future__ import annotations

from rustify.translate.errors import Reject, Rejection, reject_at
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import ListT, contains_list, contains_mutable, items_mutable
from rustify.translate.ir.rtypes_numpy import NdArrayT
from rustify.translate.ops import op
from rustify.translate.ir.walk import children, walk, walk_body
from rustify.translate.passes.liveness import Liveness

def _op(node: object):
    """The operation-table entry of an intrinsic node (None for other nodes)."""
    return op(node.name) if isinstance(node, ir.Intrinsic) else None


def fresh_op(node: object) -> bool:
    found = _op(node)
    return found is not None and found.fresh


def new_container_op(node: object) -> bool:
    found = _op(node)
    return found is not None and (found.new_container or found.fresh)


def storing_op(node: object) -> bool:
    found = _op(node)
    return found is not None and found.stores


def list_mutating_op(node: object) -> bool:
    """An operation that changes the list it is applied to (its first argument)."""
    found = _op(node)
    return found is not None and found.mutates == 0 and isinstance(node.args[0].type, ListT)  # type: ignore[attr-defined]


def is_fresh(value: ir.Expr, deep: bool) -> bool:
    """Whether `value` is a list no other variable or container holds; with `deep`,
    whether its inner lists (at every level) are new as well."""
    if isinstance(value, ir.ListLit):
        return all(not contains_list(i.type) or not deep or is_fresh(i, True) for i in value.items)
    if isinstance(value, ir.Block):
        if not deep or not isinstance(value.result, ir.Name):
            return True
        # a comprehension: the items appended to its result list must be new too
        result = value.result.name
        return all(is_fresh(n.args[-1], True) for s in value.body for n in walk(s)
                   if storing_op(n) and _root(n.args[0])[0] == result
                   and contains_list(n.args[-1].type))
    if isinstance(value, ir.Convert):
        # converting the items builds new lists at every level, but where CPython shares
        # the operand's list (`row = rows[k]` widened to hold floats) the copy would not be it
        return is_fresh(value.operand, deep)
    if isinstance(value, ir.Intrinsic) and (fresh_op(value) or new_container_op(value) and not items_mutable(value.type)):
        # (a new list of ints or strs is fresh however it was made: no one can change its items)
        item = value.type.item if isinstance(value.type, ListT) else None
        return not (deep and item is not None and contains_list(item))
    if isinstance(value, ir.Call):
        return True  # translated functions never return lists their arguments hold
    if isinstance(value, ir.IfExp):
        return is_fresh(value.then, deep) and is_fresh(value.orelse, deep)
    return False


def _root(expr: ir.Expr) -> tuple[str | None, int]:
    depth = 0
    while isinstance(expr, (ir.Index, ir.TupleGet)):
        expr, depth = (expr.seq if isinstance(expr, ir.Index) else expr.tup), depth + 1
    return (expr.name if isinstance(expr, ir.Name) else None), depth


def _place_root(place: ir.NamePlace | ir.IndexPlace) -> tuple[str, int]:
    depth = 0
    while isinstance(place, ir.IndexPlace):
        place, depth = place.base, depth + 1
    return place.name, depth


class AliasCheck:
    def __init__(self, function: ir.Function) -> None:
        self.f = function
        self.params = {p.name: p for p in function.params}
        self.sites = {name: (line, col) for name, line, col in function.mutation_sites}
        self.mutated = set(function.mutated)
        self.assigns: dict[str, list[ir.Expr]] = {}
        for node in walk_body(function.body):
            if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace):
                self.assigns.setdefault(node.target.name, []).append(node.value)
        self.liveness = Liveness(function.body)

    def fail(self, name: str | None, construct: str, message: str, hint: str) -> Reject:
        """A rejection at the first change of `name`, else at the top-level statement being
        checked when it knows its line (a `return`), else at the `def`."""
        site = self.sites.get(name or "", getattr(self, "where", (self.f.line, self.f.col)))
        return reject_at(site, construct, message, hint)

    def only_fresh(self, name: str, deep: bool) -> bool:
        return name not in self.params and all(is_fresh(v, deep) for v in self.assigns.get(name, []))

    # ------------------------------------------------------------ the rules

    def run(self) -> None:
        nested = self.nested_mutations()
        for p in self.f.params:
            if p.name in nested:
                raise self.fail(p.name, "nested mutation", f"mutates lists inside the list argument `{p.name}`",
                                "the caller may hold those inner lists; build and return a new list")
            if p.mode == "mut" and isinstance(p.type, ListT) and contains_list(p.type.item):
                raise self.fail(p.name, "nested mutation",
                                f"changes the list argument `{p.name}`, whose items are lists, in place",
                                "writing it back would replace the caller's inner lists; return a new list")
        for name in self.mutated - set(self.params):
            if not self.only_fresh(name, name in nested):
                raise self.fail(name, "list aliasing", f"mutates `{name}`, which may share its list with another "
                                "variable", "mutate a copy: `list(x)` or `x.copy()`")
        self.check_returns()
        for stmt, node in self.statements():
            self.check_escapes(stmt, node, nested)

    def nested_mutations(self) -> set[str]:
        """Variables whose inner lists are changed in place."""
        nested = set()
        for node in walk_body(self.f.body):
            if isinstance(node, ir.Assign) and isinstance(node.target, ir.IndexPlace):
                name, depth = _place_root(node.target)
                if depth > 1:
                    nested.add(name)
            if list_mutating_op(node):
                name, depth = _root(node.args[0])
                if name is not None and depth > 0:
                    nested.add(name)
        return nested

    def statements(self):
        """(innermost enclosing statement, node) for every node of the body, the
        statements inside comprehension blocks included."""
        def visit_stmt(s: ir.Stmt):
            yield s, s
            for child in children(s):
                yield from (visit_stmt(child) if isinstance(child, ir.Stmt) else visit_node(s, child))

        def visit_node(s: ir.Stmt, node: object):
            yield s, node
            for child in children(node):
                yield from (visit_stmt(child) if isinstance(child, ir.Stmt) else visit_node(s, child))

        for stmt in self.f.body:
            self.where = (stmt.line, stmt.col) if getattr(stmt, "line", 0) else (self.f.line, self.f.col)
            yield from visit_stmt(stmt)

    def dead_after(self, stmt: ir.Stmt, name: str) -> bool:
        live = self.liveness.live_after(stmt)
        if live is None or name in live:
            return False
        # the statement itself must not read the variable a second time
        return sum(1 for n in walk(stmt) if isinstance(n, ir.Name) and n.name == name) == 1

    def check_escapes(self, stmt: ir.Stmt, node: object, nested: set[str]) -> None:
        stored: list[ir.Expr] = []
        container: str | None = None
        if isinstance(node, (ir.ListLit, ir.TupleLit)):
            stored = list(node.items)
        elif storing_op(node):
            # (`ys.extend(xs)` stores xs's items: only lists among them are shared)
            stores_items = _op(node).stores_items  # type: ignore[union-attr]
            stored = [] if stores_items and not items_mutable(node.args[-1].type) else [node.args[-1]]
            container = _root(node.args[0])[0] if _root(node.args[0])[1] == 0 else None
        elif isinstance(node, ir.Assign):
            stored = [node.value]
            if isinstance(node.target, ir.IndexPlace):
                name, depth = _place_root(node.target)
                container = name if depth == 1 else None
        elif isinstance(node, ir.Call) and contains_list(node.type):
            stored = list(node.args)
        if isinstance(node, ir.Intrinsic) and node.name in ("dict.setitem", "dict.setdefault"):
            stored = [node.args[-1]]
        if isinstance(node, ir.Intrinsic) and node.name == "list.repeat" and items_mutable(node.type):
            raise self.fail(None, "shared object", f"repeats a {node.type.item} (`[x] * n`): Python's list holds "  # type: ignore[attr-defined]
                            "the same object n times, a translation would hold n copies",
                            "build a new one per item: `[[0] * m for _ in range(n)]`")
        into_container = not isinstance(node, ir.Call) and not (
            isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace))
        for value in stored:
            if not contains_list(value.type):
                continue
            if isinstance(value, ir.Name) and value.name in self.mutated and not self.dead_after(stmt, value.name):
                raise self.fail(value.name, "list aliasing", f"`{value.name}` is mutated and also stored elsewhere",
                                "store a copy: `list(x)`")
            if container is not None and container in nested and not is_fresh(value, True):
                ok = isinstance(value, ir.Name) and self.only_fresh(value.name, True) \
                    and self.dead_after(stmt, value.name)
                if not ok:
                    raise self.fail(container, "list aliasing",
                                    f"stores a list that may be shared into `{container}`, whose inner lists "
                                    "are changed in place", "store a new list: `list(x)`")
        for value in stored:
            extended = isinstance(node, ir.Intrinsic) and node.name == "list.extend"  # stores the items only
            if into_container and isinstance(value, ir.Name) and contains_mutable(value.type) \
                    and not (extended and not items_mutable(value.type)) and not self.dead_after(stmt, value.name):
                # `[row for _ in range(n)]`, `return row, row`: CPython holds one object twice
                raise self.fail(None, "shared object", f"stores `{value.name}` into a container while it "
                                f"is still used: Python shares that {value.type}, a translation would copy it "
                                "(and its memory) for each place", "store a copy (`list(x)`), or build a new "
                                "one for each place")

    def check_returns(self) -> None:
        shared = self.param_derived()
        for node in walk_body(self.f.body):
            if isinstance(node, ir.Return) and node.value is not None and not isinstance(node.value.type, NdArrayT) \
                    and self.may_share(node.value, shared):  # (arrays: check_numpy says it better)
                rejection = Rejection("returned object", node.line or self.f.line, node.col if node.line else self.f.col,
                                      f"returns an argument or an object inside one (a {node.value.type}): Python "
                                      "returns the same object, which the caller may change later; a translation "
                                      "would return a copy", "return a copy (`list(x)`, `dict(d)`) if the caller "
                                      "does not rely on sharing; else keep it in Python")
                raise Reject(rejection)

    def param_derived(self) -> set[str]:
        """Variables that may hold an argument's changeable object (a list, dict, set or
        array), or one found inside an argument."""
        types = dict(self.f.locals) | {p.name: p.type for p in self.f.params}

        def changeable(name: str) -> bool:
            t = types.get(name)
            return t is None or contains_mutable(t)

        derived = {p.name for p in self.f.params if contains_mutable(p.type)}
        changed = True
        while changed:
            changed = False
            for name, values in self.assigns.items():
                if name not in derived and changeable(name) and any(self.may_share(v, derived) for v in values):
                    derived.add(name)
                    changed = True
        return derived

    def may_share(self, e: ir.Expr, derived: set[str]) -> bool:
        """Whether the value of `e` may be, or hold, an object of `derived` variables."""
        if not contains_mutable(e.type) or isinstance(e, (ir.Call, ir.Convert)) or self.deep_fresh(e, derived):
            return False  # a translated callee's own returns pass this check; Convert builds anew
        return self.mentions(e, derived)

    def mentions(self, node: object, derived: set[str]) -> bool:
        """Whether a changeable value of `derived` may flow into `node`'s value (values of
        types with nothing changeable in them carry none, whatever they read)."""
        if isinstance(node, ir.Name):
            return node.name in derived
        if isinstance(node, ir.Expr) and not contains_mutable(node.type):
            return False
        return any(self.mentions(child, derived) for child in children(node))

    def deep_fresh(self, e: ir.Expr, derived: set[str]) -> bool:
        """Whether `e` builds a new object whose changeable items are new too."""
        if new_container_op(e):
            return not items_mutable(e.type)
        if isinstance(e, ir.Block) and not isinstance(e.result, ir.Name):
            return self.deep_fresh(e.result, derived)  # temporaries set up, then a new value
        if isinstance(e, ir.Block) and isinstance(e.result, ir.Name) and e.body and isinstance(e.body[0], ir.Assign) \
                and isinstance(e.body[0].target, ir.NamePlace) and e.body[0].target.name == e.result.name \
                and is_fresh(e.body[0].value, False):
            # a comprehension: new, and so are its items unless one stored may be shared
            result = e.result.name
            for node in walk(e):
                stored = None
                if storing_op(node) and _root(node.args[0]) == (result, 0):
                    stored = node.args[-1]
                if stored is not None and self.may_share(stored, derived):
                    return False
            return True
        return False


def check_aliasing(function: ir.Function) -> ir.Function:
    AliasCheck(function).run()
    return function
