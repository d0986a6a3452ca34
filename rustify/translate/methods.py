"""Methods of module classes as translation targets (qualname `Class.method`).

A method is translated as the plain function its `def` makes: `self` (or `cls`) is an
ordinary first parameter, typed by the profile (an instance of the class: an object).
What makes it a method is how the class binds it (`obj.m(a)` passes `obj` first, a
`staticmethod` passes nothing, a `classmethod` the class), and that is left to the class:
activation installs the translation where the `def` stood, wrapped as the original was.

Three things differ from a module-level function inside the body, all settled here:

- CPython's compiler mangles private names in a class body (`self.__x` reads
  `_Class__x`, a parameter `__k` is `_Class__k`): the method's tree is rewritten the
  same way (`mangled_copy`) before anything else looks at it, so attribute names,
  locals, parameters and the globals it reads are the names the bytecode uses.
- zero-argument `super()` and `__class__` read the method's `__class__` cell, which a
  translated function has no frame to hold: rejected.
- decorators other than `staticmethod` and `classmethod` make something else of the
  function: rejected (as on module-level functions).
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from rustify.translate.errors import reject

#: decorators that leave the function itself callable as it is (binding changes, not the code)
BINDING_DECORATORS = ("staticmethod", "classmethod")


@dataclass(frozen=True)
class MethodDef:
    """A `def` directly in the body of a module-level class."""

    qualname: str  # Class.method
    cls: ast.ClassDef
    #: the def as CPython compiles it: private names mangled (`mangled_copy`)
    node: ast.FunctionDef
    #: the def as written (positions, decorators)
    source: ast.FunctionDef


def class_methods(tree: ast.Module) -> dict[str, MethodDef]:
    """`Class.method` -> its def, for every plain `def` directly in a top-level class body
    (a later def of the same name is the one the class holds, as for module functions)."""
    out: dict[str, MethodDef] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef):
                qualname = f"{node.name}.{stmt.name}"
                out[qualname] = MethodDef(qualname, node, mangled_copy(stmt, node.name), stmt)
    return out


def mangle(private: str, name: str) -> str:
    """`name` as CPython's compiler spells it inside class `private` (Python/compile.c
    `_Py_Mangle`): `__x` becomes `_Class__x`; dunder names, names with a dot, and names in
    a class whose name is only underscores are left alone."""
    if not name.startswith("__") or name.endswith("__") or "." in name:
        return name
    stripped = private.lstrip("_")
    return f"_{stripped}{name}" if stripped else name


class _Mangler(ast.NodeTransformer):
    """Every identifier the compiler mangles: names (locals, globals, comprehension and
    `except` variables), attribute names (`self.__x`, `self.__m()`), parameters (of the
    method and of lambdas), `global`/`nonlocal` names and import bindings. Keyword names of
    calls are not mangled (`f(__k=1)` passes `__k`), nor are strings (`getattr(o, "__x")`)."""

    def __init__(self, private: str) -> None:
        self.private = private

    def _m(self, name: str) -> str:
        return mangle(self.private, name)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self._m(node.id)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        node.attr = self._m(node.attr)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        self.generic_visit(node)
        node.arg = self._m(node.arg)
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        self.generic_visit(node)
        if node.name is not None:
            node.name = self._m(node.name)
        return node

    def visit_Global(self, node: ast.Global) -> ast.AST:
        node.names = [self._m(n) for n in node.names]
        return node

    visit_Nonlocal = visit_Global  # type: ignore[assignment]

    def visit_alias(self, node: ast.alias) -> ast.AST:
        if node.asname is not None:
            node.asname = self._m(node.asname)
        return node


def mangled_copy(fn: ast.FunctionDef, private: str) -> ast.FunctionDef:
    """A copy of method `fn` of class `private` with its private names mangled (the def's
    own name is the class attribute's, never mangled here: it is not looked up)."""
    out = copy.deepcopy(fn)
    mangler = _Mangler(private)
    out.args = mangler.visit(out.args)
    out.body = [mangler.visit(stmt) for stmt in out.body]
    out.returns = mangler.visit(out.returns) if out.returns is not None else None
    return out


def binding(method: MethodDef) -> str:
    """`method`, `staticmethod` or `classmethod`: how the class binds it (for a def whose
    decorators `check_method` accepted)."""
    names = [d.id for d in method.source.decorator_list if isinstance(d, ast.Name)]
    return names[0] if names else "method"


def check_method(method: MethodDef, module_bound: set[str]) -> None:
    """Reject a method no translation can stand for, with the construct and its place:
    decorators other than a bare `staticmethod`/`classmethod` (also when the class body or
    the module rebinds those names), a default naming something the class body binds (it
    is evaluated there: the class's name wins over the module's), and zero-argument `super()` or `__class__`, which read
    the method's `__class__` cell."""
    fn = method.source
    class_bound = {t.id for stmt in method.cls.body if not isinstance(stmt, ast.FunctionDef)
                   for t in ast.walk(stmt) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
    class_bound |= {s.name for s in method.cls.body if isinstance(s, (ast.FunctionDef, ast.ClassDef))}
    for i, deco in enumerate(fn.decorator_list):
        plain = isinstance(deco, ast.Name) and deco.id in BINDING_DECORATORS
        if not plain or i > 0 or deco.id in module_bound or deco.id in class_bound:  # type: ignore[union-attr]
            raise reject(deco, "decorator", f"@{ast.unparse(deco)} makes something else of the method: only "
                         "plain methods, @staticmethod and @classmethod are translated",
                         "call an undecorated helper from the decorated method")
    defaults = fn.args.defaults + [d for d in fn.args.kw_defaults if d is not None]
    for name in (n for d in defaults for n in ast.walk(d) if isinstance(n, ast.Name)):
        if name.id in class_bound:  # a default is evaluated in the class body, where the class's names win
            raise reject(name, "default value", f"the default `{name.id}` is evaluated in the class body, where "
                         f"`{name.id}` is the class's own name, not the module's", "use a literal default")
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super" \
                and not node.args and not node.keywords:
            raise reject(node, "super()", "zero-argument super() reads the method's `__class__` cell, which a "
                         "translated function has no frame to hold", "keep this method in Python")
        if isinstance(node, ast.Name) and node.id == "__class__":
            raise reject(node, "__class__", "`__class__` in a method is the class cell the compiler makes for "
                         "it, which a translated function has no frame to hold", "use type(self), or keep this "
                         "method in Python")


__all__ = ["MethodDef", "class_methods", "mangle", "mangled_copy", "binding", "check_method"]
