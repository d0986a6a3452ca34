"""Generator expressions kept as values (`g = (x * x for x in xs)`, returned, passed on):
each is the generator function CPython compiles it to, written out as a module-level
`def` the translator then translates like any other generator (runtime gen.rs).

    g = (x * k for x in xs if x)      # k assigned once in the function

becomes `g = _genexpr_L_C(iter(xs), k)` with

    def _genexpr_L_C(_genexpr_it, k):
        for x in _genexpr_it:
            if x:
                yield x * k

CPython evaluates `iter()` of the first iterable where the expression stands and every
other name as the generator runs (a closure over the function's variables), so a variable
the expression reads is passed at creation only if the function never assigns it again
(assigned once, outside any loop, or a parameter never rebound); otherwise the expression
is rejected. Consumers that take every item at once (`sum`, `list`, `sorted`, ...) keep
lowering it as a loop (lower_loops.py).
"""

from __future__ import annotations

import ast
import copy

from rustify.translate.errors import reject
from rustify.translate.frontend import ModuleInfo, parameters

#: the name CPython gives a generator expression's code and generator
NAME = "<genexpr>"


def _stores(fn: ast.FunctionDef) -> dict[str, list[ast.AST]]:
    """Each name's assignments in `fn` (not inside comprehensions), with the loop around
    each (None outside loops)."""
    out: dict[str, list[ast.AST]] = {}

    def visit(node: ast.AST, loop: ast.AST | None) -> None:
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return
        if isinstance(node, (ast.For, ast.While)):
            for field in ("target", "iter", "test"):
                if hasattr(node, field):
                    visit(getattr(node, field), node if field == "target" else loop)
            for child in node.body + node.orelse:
                visit(child, node)
            return
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            out.setdefault(node.id, []).append(loop or node)
        if isinstance(node, ast.ExceptHandler) and node.name:
            out.setdefault(node.name, []).extend([loop or node, node])  # bound, then unbound
        for child in ast.iter_child_nodes(node):
            visit(child, loop)

    for stmt in fn.body:
        visit(stmt, None)
    return out


def _captured(node: ast.GeneratorExp, fn: ast.FunctionDef) -> list[str]:
    """The function's variables the expression reads (besides its first iterable), each
    checked to keep its value while the generator may run."""
    own = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
    parts: list[ast.AST] = [node.elt, *(i for g in node.generators for i in g.ifs),
                            *(g.iter for g in node.generators[1:])]
    read: list[str] = []
    for part in parts:
        for n in ast.walk(part):
            if isinstance(n, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.NamedExpr,
                              ast.Yield, ast.YieldFrom, ast.Await)):
                raise reject(n, "generator expression", "a generator expression kept as a value may not hold "
                             "another comprehension, a lambda, `:=` or `yield`")
            if isinstance(n, ast.Name) and n.id not in own and n.id not in read:
                read.append(n.id)
    params = {a.arg for a in parameters(fn)}
    stores = _stores(fn)
    out = []
    for name in read:
        assigned = stores.get(name, [])
        if name not in params and not assigned:
            continue  # a module global or builtin: read as the generator runs
        if len(assigned) > (0 if name in params else 1) or any(not isinstance(a, ast.Name) for a in assigned):
            raise reject(node, "generator expression", f"the generator expression reads `{name}`, which the "
                         "function assigns again (CPython's generator reads its current value as it runs)",
                         "give that value a name assigned once, or use a list comprehension")
        out.append(name)
    return out


def generator_function(node: ast.GeneratorExp, fn: ast.FunctionDef, info: ModuleInfo) -> tuple[str, list[str]]:
    """The name of the generator function `node` stands for (added to `info` once) and the
    function's variables it is given, after the first iterable's iterator."""
    if any(g.is_async for g in node.generators):
        raise reject(node, "generator expression", "async generator expressions are not translated")
    captured = _captured(node, fn)
    key = (node.lineno, node.col_offset, getattr(node, "end_lineno", 0), getattr(node, "end_col_offset", 0))
    name = info.generator_expressions.get(key)
    if name is not None:
        return name, captured
    taken = set(info.functions) | info.bound | {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
    name = f"_genexpr_{node.lineno}_{node.col_offset}"
    while name in taken:
        name += "_"
    iterable = "_genexpr_it"
    while iterable in taken:
        iterable += "_"
    body: list[ast.stmt] = [ast.Expr(ast.Yield(copy.deepcopy(node.elt)))]
    for k in reversed(range(len(node.generators))):
        g = node.generators[k]
        for test in reversed(g.ifs):
            body = [ast.If(test=copy.deepcopy(test), body=body, orelse=[])]
        source = ast.Name(id=iterable, ctx=ast.Load()) if k == 0 else copy.deepcopy(g.iter)
        body = [ast.For(target=copy.deepcopy(g.target), iter=source, body=body, orelse=[])]
    args = ast.arguments(posonlyargs=[], args=[ast.arg(arg=a) for a in [iterable, *captured]], vararg=None,
                         kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    fdef = ast.FunctionDef(name=name, args=args, body=body, decorator_list=[], returns=None)
    ast.copy_location(fdef, node)
    ast.fix_missing_locations(fdef)
    info.functions[name] = fdef
    info.generator_expressions[key] = name
    return name, captured


def is_generator_expression(name: str, info: ModuleInfo) -> bool:
    return name in info.generator_expressions.values()
