"""Pass 1: parse a source module and find what the translator may use.

Collects the module's top-level functions (targets and the helpers they call),
its numeric constants (names bound once, at top level, to a number, never written
with `global`), and how it imports `math`. Shapes no translation can handle
(generators, async, decorators, *args, non-literal defaults) are rejected here,
before any typing work.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field

from rustify.translate.errors import Reject, reject
from rustify.translate.map_filter import mapped_lambdas
from rustify.translate.ir.rtypes import BOOL, FLOAT, INT, RType
from rustify.translate.methods import MethodDef, class_methods

I64_MIN, I64_MAX = -(2**63), 2**63 - 1


@dataclass
class ModuleInfo:
    """What a translated function can see of its module."""

    path: str
    tree: ast.Module
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    constants: dict[str, tuple[int | float | bool, RType]] = field(default_factory=dict)
    #: local name -> "math" for `import math [as m]`
    math_modules: set[str] = field(default_factory=set)
    #: local name -> math attribute for `from math import sqrt [as s]`
    math_names: dict[str, str] = field(default_factory=dict)
    #: local name -> module for `import heapq [as hq]` (a module of STDLIB_MODULES)
    stdlib_modules: dict[str, str] = field(default_factory=dict)
    #: local name -> (module, attribute) for `from heapq import heappush [as push]`
    stdlib_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: local names of `import numpy [as np]`
    numpy_modules: set[str] = field(default_factory=set)
    #: every name bound at module level (they shadow builtins of the same name)
    bound: set[str] = field(default_factory=set)
    #: names some function rebinds with a `global` statement (never constants)
    rebound: set[str] = field(default_factory=set)
    #: `Class.method` -> the def, for the methods of top-level classes (translate/methods.py)
    methods: dict[str, MethodDef] = field(default_factory=dict)
    #: generator expressions kept as values, by place: the name of the generator
    #: function each stands for (translate/genexp.py; it is in `functions` too)
    generator_expressions: dict[tuple[int, int, int, int], str] = field(default_factory=dict)

    def definition(self, qualname: str) -> ast.FunctionDef | None:
        """The def a target's qualname names: a module-level function, or a method of a
        module-level class as CPython compiles it (private names mangled)."""
        if qualname in self.functions:
            return self.functions[qualname]
        method = self.methods.get(qualname)
        return method.node if method is not None else None


def literal_value(node: ast.AST, info: ModuleInfo | None = None) -> int | float | bool | None:
    """The value of a numeric literal (`3`, `-2.5`, `True`, `math.pi`), else None."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = literal_value(node.operand, info)
        if inner is None or isinstance(inner, bool):
            return None
        return -inner if isinstance(node.op, ast.USub) else +inner
    if info is not None:
        attr = math_attribute(node, info)
        if attr in ("pi", "e", "tau", "inf", "nan"):
            return getattr(math, attr)
    return None


def default_value(node: ast.AST, info: ModuleInfo) -> int | float | bool | None:
    """A parameter default's value: a numeric literal, or a numeric module constant (a
    default is evaluated once, when the `def` runs: `k=SCALE` is SCALE's value then, which
    for a constant assigned once is its literal; rebinding SCALE later changes nothing)."""
    value = literal_value(node, info)
    if value is None and isinstance(node, ast.Name) and node.id in info.constants:
        value = info.constants[node.id][0]
    return value


def math_attribute(node: ast.AST, info: ModuleInfo) -> str | None:
    """`sqrt` for `math.sqrt` or a `from math import sqrt` name, else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in info.math_modules:
        return node.attr
    if isinstance(node, ast.Name) and node.id in info.math_names:
        return info.math_names[node.id]
    return None


#: standard modules whose functions translations run natively: heapq, bisect and functools
#: calls (builtins_stdlib.py), itertools loops (lower_itertools.py); the module globals naming
#: them are guarded on entry (a rebinding deopts)
STDLIB_MODULES = frozenset({"heapq", "bisect", "functools", "itertools"})


def stdlib_attribute(node: ast.AST, info: ModuleInfo) -> tuple[str, str, str] | None:
    """(module, attribute, global) for `heapq.heappush` (global `heapq`) or a `from heapq
    import heappush` name (global `heappush`), when the module binds that global only by
    its import; else None. Whether a local shadows the name is the caller's question."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id in info.stdlib_modules:
        return info.stdlib_modules[node.value.id], node.attr, node.value.id
    if isinstance(node, ast.Name) and node.id in info.stdlib_names:
        module, attr = info.stdlib_names[node.id]
        return module, attr, node.id
    return None


def literal_type(value: int | float | bool) -> RType:
    return BOOL if isinstance(value, bool) else INT if isinstance(value, int) else FLOAT


def scan_module(path: str, tree: ast.Module) -> ModuleInfo:
    info = ModuleInfo(path, tree)
    assigned: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "math":
                    info.math_modules.add(alias.asname or "math")
                if alias.name == "numpy":
                    info.numpy_modules.add(alias.asname or "numpy")
                if alias.name in STDLIB_MODULES:
                    info.stdlib_modules[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module in STDLIB_MODULES and node.level == 0:
            for alias in node.names:
                info.stdlib_names[alias.asname or alias.name] = (node.module, alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module == "math" and node.level == 0:
            for alias in node.names:
                info.math_names[alias.asname or alias.name] = alias.name
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(node, ast.FunctionDef):
                info.functions[node.name] = node
        for target in _bound_names(node):
            assigned[target] = assigned.get(target, 0) + 1
    info.bound = set(assigned)
    info.methods = class_methods(tree)
    written_globally = {name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names}
    info.rebound = written_globally
    # a module name rebound anywhere (an assignment, `global`) is a plain global
    once = {name for name, count in assigned.items() if count == 1} - written_globally
    info.stdlib_modules = {k: v for k, v in info.stdlib_modules.items() if k in once}
    info.stdlib_names = {k: v for k, v in info.stdlib_names.items() if k in once}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name) and node.value is not None:
                name = targets[0].id
                value = literal_value(node.value, info)
                if value is not None and assigned.get(name) == 1 and name not in written_globally:
                    if not (isinstance(value, int) and not I64_MIN <= value <= I64_MAX):
                        info.constants[name] = (value, literal_type(value))
    return info


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    names = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            names.append(sub.id)
    return names


#: parameter names Rust cannot spell even as raw identifiers (`r#self` is not allowed): an
#: export with one binds its arguments itself (emit/pyo3.py)
UNNAMEABLE = frozenset({"crate", "self", "super", "Self", "_"})


def check_shape(fn: ast.FunctionDef | ast.AsyncFunctionDef, info: ModuleInfo, *, method: bool = False) -> None:
    """Reject function shapes that can never be translated, with the reason (a `method`'s
    decorators were checked by methods.check_method)."""
    if isinstance(fn, ast.AsyncFunctionDef):
        raise reject(fn, "async def", "coroutines cannot be translated")
    if fn.decorator_list and not method:
        raise reject(fn.decorator_list[0], "decorator", "decorated functions are not translated",
                     "call an undecorated helper from the decorated function")
    args = fn.args
    if (args.vararg or args.kwarg) and method:
        node = args.vararg or args.kwarg
        raise reject(node, "*args/**kwargs", "methods with variable argument lists are not translated",
                     "call a module-level function with them from the method")
    if args.posonlyargs:
        raise reject(fn, "positional-only parameters", "positional-only parameters are not translated")
    # `sorted(xs, key=lambda x: ...)`, `max(...)`, `min(...)`: a key lambda is lowered inline
    key_lambdas = {id(k.value) for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                   and n.func.id in ("sorted", "max", "min") for k in n.keywords
                   if k.arg == "key" and isinstance(k.value, ast.Lambda)}
    # heapq.nlargest/nsmallest(..., key=lambda ...) and functools.reduce(lambda a, b: ..., xs)
    for n in ast.walk(fn):
        std = stdlib_attribute(n.func, info) if isinstance(n, ast.Call) else None
        if std is not None and (std[:2] in (("heapq", "nlargest"), ("heapq", "nsmallest")) or std[0] == "bisect"):
            key_lambdas |= {id(k.value) for k in n.keywords if k.arg == "key" and isinstance(k.value, ast.Lambda)}
        if std is not None and std[:2] == ("functools", "reduce") and n.args and isinstance(n.args[0], ast.Lambda):
            key_lambdas.add(id(n.args[0]))
    key_lambdas |= mapped_lambdas(fn)  # `map(lambda x: ..., xs)` consumed: a generator expression
    for node in ast.walk(fn):
        if id(node) in key_lambdas:
            continue
        if isinstance(node, ast.Await):
            raise reject(node, "await", "coroutines cannot be translated")
        if node is not fn and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            kind = "lambda" if isinstance(node, ast.Lambda) else "nested def" if not isinstance(node, ast.ClassDef) else "class"
            raise reject(node, kind, f"a {kind} inside a translated function is not supported",
                         "move it to module level")
        if isinstance(node, ast.Nonlocal):
            raise reject(node, "nonlocal", "writes to variables outside the function are not translated")


def is_generator(fn: ast.FunctionDef) -> bool:
    """Whether `fn` is a generator function (a `yield` in its own body; nested functions
    and lambdas are rejected, and a comprehension cannot hold one)."""
    return any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in ast.walk(fn))


def parameters(fn: ast.FunctionDef) -> list[ast.arg]:
    """In the order Python binds them: positional, `*args`, keyword-only, `**kwargs`."""
    a = fn.args
    return [*a.args, *([a.vararg] if a.vararg else []), *a.kwonlyargs, *([a.kwarg] if a.kwarg else [])]


@dataclass(frozen=True)
class ObjectDefault:
    """A default that is not a number literal (`bodies=SYSTEM`, `sep=", "`): the object
    CPython evaluated when it ran the `def`, which the translation takes from the original's
    `__defaults__` / `__kwdefaults__` at each call, as CPython does (the same object every
    call)."""

    def __repr__(self) -> str:
        return "..."


OBJECT_DEFAULT = ObjectDefault()


def defaults(fn: ast.FunctionDef, info: ModuleInfo) -> dict[str, object]:
    """Each defaulted parameter's default: a number, None, or OBJECT_DEFAULT."""
    def value(node: ast.expr) -> object:
        if isinstance(node, ast.Constant) and node.value is None:
            return None
        number = default_value(node, info)
        return OBJECT_DEFAULT if number is None else number

    out: dict[str, object] = {}
    positional = fn.args.args
    for arg, default in zip(positional[len(positional) - len(fn.args.defaults):], fn.args.defaults):
        out[arg.arg] = value(default)
    for arg, default in zip(fn.args.kwonlyargs, fn.args.kw_defaults):
        if default is not None:
            out[arg.arg] = value(default)
    return out


def defaults_repr(fn: ast.FunctionDef, info: ModuleInfo) -> str:
    """`repr((f.__defaults__, f.__kwdefaults__))` of the function this `def` makes (its
    defaults are literals): how a run-time check recognises the same defaults."""
    def value(node: ast.expr) -> object:
        return None if isinstance(node, ast.Constant) and node.value is None else default_value(node, info)

    if any(isinstance(v, ObjectDefault) for v in defaults(fn, info).values()):
        return ""  # calls leaving a default out go through the function object: nothing baked in
    positional = tuple(value(d) for d in fn.args.defaults) or None
    keyword = {a.arg: value(d) for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults) if d is not None} or None
    return repr((positional, keyword))


def local_names(fn: ast.FunctionDef) -> set[str]:
    """Names Python treats as local: parameters and every name bound in the body
    (comprehension variables live in their own scope and are not included)."""
    names = {a.arg for a in parameters(fn)}

    class Visitor(ast.NodeVisitor):
        def visit_Name(self, node: ast.Name) -> None:
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                names.add(node.id)

        def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
            if node.name is not None:  # `except K as e` binds e (and unbinds it after)
                names.add(node.name)
            self.generic_visit(node)

        def _skip(self, node: ast.AST) -> None:  # comprehension scopes
            for gen in node.generators:  # type: ignore[attr-defined]
                self.visit(gen.iter) if gen is node.generators[0] else None  # type: ignore[attr-defined]

        visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _skip

        def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
            names.add(node.target.id)
            self.visit(node.value)

    for stmt in fn.body:
        Visitor().visit(stmt)
    return names - global_names(fn)


def global_names(fn: ast.FunctionDef) -> set[str]:
    """Names a `global` statement declares: module globals, read and written there."""
    return {name for node in ast.walk(fn) if isinstance(node, ast.Global) for name in node.names}


__all__ = ["ModuleInfo", "Reject", "scan_module", "check_shape", "literal_value", "math_attribute", "local_names",
           "stdlib_attribute", "STDLIB_MODULES"]
