"""`map` and `filter` consumed where they stand, as the generator expressions they equal.

    map(lambda x: x * 2, xs)          ->  (x * 2 for x in xs)
    map(lambda a, b: a + b, xs, ys)   ->  (a + b for a, b in zip(xs, ys))
    map(abs, xs)                      ->  (abs($m) for $m in xs)
    filter(lambda w: w.isalpha(), ws) ->  (w for w in ws if w.isalpha())
    filter(None, xs)                  ->  ($m for $m in xs if $m)

Both iterate their iterables lazily, the items of several in turn (as `zip` does, stopping
at the first exhausted one), and call the function just before each item is produced: what
the generator expression does, its first iterable evaluated at once as map's arguments are.
A lambda's parameters are local to it as a generator's targets are to the generator. So the
rewrite is exact where the generator expression is translated: a `for` loop, a comprehension,
`list`/`tuple`/`sorted`/`sum`/`min`/`max`/`any`/`all`/`set`. A lambda with defaults or `*args`,
or a parameter count other than the iterables', is left alone (CPython raises when called).
A function named by the call must be a builtin or a module function no `global` rebinds (map
reads it once; the generator per item: the same object while nothing rebinds it).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

#: the builtins whose argument may be a generator expression (lowered as one)
CONSUMERS = frozenset({"list", "tuple", "sorted", "sum", "min", "max", "any", "all", "set"})

def may_raise_stop(node: ast.AST, functions: dict[str, ast.FunctionDef], builtin: Callable[[str], bool],
                   seen: frozenset[str] = frozenset()) -> bool:
    """Whether running `node` (a lambda's body, a function's) may raise StopIteration, which
    ends a map (its caller sees the end of the items) but not a generator: it calls `next`,
    raises, or calls a function that is neither a builtin nor a module function that cannot
    (followed through the module's functions). Methods and operators of values are taken
    not to (a dunder method raising StopIteration is not followed)."""
    for n in ast.walk(node):
        if isinstance(n, ast.Raise):
            return True
        if not isinstance(n, ast.Call) or not isinstance(n.func, ast.Name):
            continue
        name = n.func.id
        if name in functions and name not in seen:
            if may_raise_stop(functions[name], functions, builtin, seen | {name}):
                return True
        elif name in ("next", "iter") or name not in functions and not builtin(name):
            return True
    return False


def consumes_generators(call: ast.Call) -> bool:
    """Whether a consumer's call takes a generator natively: no keywords but `key`/`reverse`
    (`max(..., default=0)` is Python's own max, which a generator cannot be passed to)."""
    return all(k.arg in ("key", "reverse") for k in call.keywords)


#: the target a rewrite binds when the function is not a lambda (no Python name has a `$`)
_ITEM = "$mapped"


def lambda_args(fn: ast.Lambda) -> list[str] | None:
    """A lambda's plain positional parameters, or None when it has any other kind."""
    a = fn.args
    if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults or a.kw_defaults:
        return None
    return [p.arg for p in a.args]


def as_generator(call: ast.Call, builtin: Callable[[str], bool], plain_function: Callable[[str], bool],
                 stops: Callable[[ast.AST], bool] = lambda node: False) -> ast.GeneratorExp | None:
    """The generator expression equal to `call` (a `map` or `filter` of the builtins), else None.
    `builtin(name)`: the name means the builtin here; `plain_function(name)`: a function read
    once or per item is the same object (a builtin, or a module function nothing rebinds);
    `stops(node)`: running the function may raise StopIteration (then the map is kept)."""
    if not (isinstance(call.func, ast.Name) and call.func.id in ("map", "filter") and builtin(call.func.id)):
        return None
    if call.keywords or len(call.args) < 2 or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    fn, iterables = call.args[0], call.args[1:]
    if call.func.id == "filter" and len(iterables) != 1:
        return None
    if isinstance(fn, ast.Lambda):
        names = lambda_args(fn)
        if names is None or len(names) != len(iterables) or stops(fn.body):
            return None
        targets: list[ast.expr] = [ast.Name(id=n, ctx=ast.Store()) for n in names]
        applied = fn.body
    elif isinstance(fn, ast.Name) and fn.id not in ("next", "iter") and (
            plain_function(fn.id) and not stops(ast.Call(func=fn, args=[], keywords=[]))
            or fn.id == "None" and call.func.id == "filter"):
        names = [f"{_ITEM}{k}" for k in range(len(iterables))]
        targets = [ast.Name(id=n, ctx=ast.Store()) for n in names]
        loads = [ast.Name(id=n, ctx=ast.Load()) for n in names]
        applied = loads[0] if fn.id == "None" else ast.Call(func=ast.Name(id=fn.id, ctx=ast.Load()), args=loads,
                                                            keywords=[])
    elif isinstance(fn, ast.Constant) and fn.value is None and call.func.id == "filter":
        names = [f"{_ITEM}0"]
        targets = [ast.Name(id=names[0], ctx=ast.Store())]
        applied = ast.Name(id=names[0], ctx=ast.Load())
    else:
        return None
    if len(iterables) == 1:
        source, target = iterables[0], targets[0]
    else:
        if not builtin("zip"):
            return None
        source = ast.Call(func=ast.Name(id="zip", ctx=ast.Load()), args=list(iterables), keywords=[])
        target = ast.Tuple(elts=targets, ctx=ast.Store())
    if call.func.id == "map":
        gen = ast.GeneratorExp(elt=applied, generators=[ast.comprehension(target, source, [], 0)])
    else:
        item = ast.Name(id=names[0], ctx=ast.Load())
        gen = ast.GeneratorExp(elt=item, generators=[ast.comprehension(target, source, [applied], 0)])
    for node in ast.walk(gen):
        if not hasattr(node, "lineno") and "lineno" in node._attributes:
            ast.copy_location(node, call)
    return gen


def mapped_lambdas(fn: ast.AST) -> set[int]:
    """The ids of the lambdas passed to `map`/`filter`/`accumulate` (the frontend lets them
    through; where the call is not run natively, the lowering rejects them)."""
    out = set()
    for n in ast.walk(fn):
        if not isinstance(n, ast.Call):
            continue
        name = n.func.id if isinstance(n.func, ast.Name) else n.func.attr if isinstance(n.func, ast.Attribute) else ""
        if name in ("map", "filter") and n.args and isinstance(n.args[0], ast.Lambda):
            out.add(id(n.args[0]))
        elif name == "accumulate":
            out |= {id(f) for f in n.args[1:2] + [k.value for k in n.keywords if k.arg == "func"]
                    if isinstance(f, ast.Lambda)}
    return out


__all__ = ["CONSUMERS", "as_generator", "consumes_generators", "mapped_lambdas", "lambda_args", "may_raise_stop"]
