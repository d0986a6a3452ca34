"""None narrowing: where a `T | None` variable is known not to be None.

Part of `Lowerer` (see lower.py). A test tells which names are not None when it is true
and which when it is false (`facts`); that flows through `and`/`or`/`not`, conditional
expressions, comprehension filters, `if` statements (a branch that ends in `return`,
`raise`, `break` or `continue` leaves the other branch's facts after the `if`),
`assert`, and assignments of values that are never None. A narrowed read unwraps the
Option (`opt.unwrap`); the facts are sound, so it never finds a None. Loops and `try`
are kept sound by dropping, at their entry, every name they may assign, and `assert`
(which `python -O` removes) narrows with `opt.expect`, an unwrap that may deopt:

    if best is None or x > best: ...    # the right operand reads best unwrapped
    if node is None: continue            # node is not None after the if
    assert cur is not None               # cur read with opt.expect after it
"""

from __future__ import annotations

import ast
from contextlib import contextmanager
from dataclasses import dataclass

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import NoneT, ObjT, OptionalT, UnknownT

#: builtin classes an `isinstance(x, C)` test names that None is no instance of
_NOT_NONE_CLASSES = frozenset({"int", "float", "bool", "str", "bytes", "list", "tuple", "dict", "set", "frozenset"})

#: how a narrowed name is known not to be None: by a test that ran ("proven"), or by an
#: assert that `python -O` may have removed ("asserted")
PROVEN, ASSERTED = "proven", "asserted"


@dataclass(frozen=True)
class Facts:
    """Names not None when a test is true, and when it is false."""

    true: frozenset[str] = frozenset()
    false: frozenset[str] = frozenset()

    def negated(self) -> Facts:
        return Facts(self.false, self.true)


def assigned_names(node: ast.AST) -> set[str]:
    """Every name a statement (a loop, a try) may bind, at any depth."""
    out = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            out.add(sub.id)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            out.add(sub.name)
    return out


class NarrowingLowering:
    """None narrowing of `Lowerer`: `narrowed` maps each narrowed name to PROVEN or ASSERTED."""

    # ------------------------------------------------------------ what a test says

    def facts(self, test: ast.expr) -> Facts:
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return self.facts(test.operand).negated()
        if isinstance(test, ast.BoolOp):
            parts = [self.facts(v) for v in test.values]
            out = parts[0]
            for part in parts[1:]:
                if isinstance(test.op, ast.And):  # false: the first false, or true then false
                    out = Facts(out.true | part.true, out.false & (out.true | part.false))
                else:
                    out = Facts(out.true & (out.false | part.true), out.false | part.false)
            return out
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Is, ast.IsNot)):
            left, right = test.left, test.comparators[0]
            if _is_none(left):
                left, right = right, left
            name = self._optional_name(left)
            if name is not None and _is_none(right):
                found = frozenset({name})
                return Facts(found, frozenset()) if isinstance(test.ops[0], ast.IsNot) else Facts(frozenset(), found)
        if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance" \
                and self.is_builtin("isinstance") and len(test.args) == 2 and not test.keywords:  # type: ignore[attr-defined]
            name = self._optional_name(test.args[0])
            if name is not None and self._not_none_classes(test.args[1]):
                return Facts(frozenset({name}), frozenset())
        name = self._optional_name(test)
        if name is not None:  # `if x:`: a truthy value is not None
            return Facts(frozenset({name}), frozenset())
        return Facts()

    def _optional_name(self, node: ast.expr) -> str | None:
        """The local a test is about, when it may hold None (or is not typed yet)."""
        if not isinstance(node, ast.Name):
            return None
        name = self.renames.get(node.id, node.id)  # type: ignore[attr-defined]
        if name not in self.locals:  # type: ignore[attr-defined]
            return None
        t = self.var_type(name)  # type: ignore[attr-defined]
        return name if isinstance(t, (OptionalT, NoneT, UnknownT)) else None

    def _not_none_classes(self, node: ast.expr) -> bool:
        names = node.elts if isinstance(node, ast.Tuple) else [node]
        return bool(names) and all(isinstance(n, ast.Name) and n.id in _NOT_NONE_CLASSES
                                   and self.is_builtin(n.id) for n in names)  # type: ignore[attr-defined]

    # ------------------------------------------------------------ the narrowed state

    def narrowed_read(self, name: str, t: OptionalT | NoneT, node: ast.AST) -> ir.Expr | None:
        """A read of `name` where it is narrowed (None when it is not)."""
        how = self.narrowed.get(name)  # type: ignore[attr-defined]
        if how is None:
            return None
        if isinstance(t, NoneT):  # only None so far: what else it holds is found in a later round
            return self.unknown(node, f"`{name}`")  # type: ignore[attr-defined]
        plain = self.name_expr_plain(name, t, node)
        return ir.Intrinsic("opt.unwrap" if how == PROVEN else "opt.expect", (plain,), t.item)

    def name_expr_plain(self, name: str, t, node: ast.AST) -> ir.Expr:
        if self.may_be_unbound(name):  # type: ignore[attr-defined]
            self.maybe_unbound.add(name)  # type: ignore[attr-defined]
            return ir.Block((ir.CheckBound(name),), ir.Name(name, t), t)
        return ir.Name(name, t)

    @contextmanager
    def narrowed_by(self, names: frozenset[str] | set[str], how: str = PROVEN):
        """Lower a part of the code with `names` narrowed too; after it, the state before it
        less what the part undid (`(x := d.get(k))` inside an operand)."""
        saved = dict(self.narrowed)  # type: ignore[attr-defined]
        for name in names:
            self.narrowed.setdefault(name, how)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            self.narrowed = {n: h for n, h in saved.items() if n in self.narrowed}  # type: ignore[attr-defined]

    def narrowed_state(self) -> dict[str, str] | None:
        """The narrowed names here, None where the code is unreachable."""
        return None if self.defined is None else dict(self.narrowed)  # type: ignore[attr-defined]

    def join_narrowed(self, entry: dict[str, str], *ends: dict[str, str] | None) -> None:
        """After a branch point: what every reachable end agrees on (ASSERTED wins a tie)."""
        live = [e for e in ends if e is not None]
        if not live:
            self.narrowed = dict(entry)  # type: ignore[attr-defined]
            return
        out = dict(live[0])
        for other in live[1:]:
            out = {n: (PROVEN if how == other[n] == PROVEN else ASSERTED) for n, how in out.items() if n in other}
        self.narrowed = out  # type: ignore[attr-defined]

    def forget_assigned(self, node: ast.AST) -> None:
        """Entering a loop or try: what it may assign is narrowed only where it says so."""
        for name in assigned_names(node):
            self.narrowed.pop(self.renames.get(name, name), None)  # type: ignore[attr-defined]

    def assigned_value(self, name: str, value: ir.Expr) -> None:
        """After `name = value`: narrowed if the value is never None, else no longer."""
        if isinstance(value.type, (NoneT, OptionalT, UnknownT, ObjT)):
            self.narrowed.pop(name, None)  # type: ignore[attr-defined]
        else:
            self.narrowed[name] = PROVEN  # type: ignore[attr-defined]

    # ------------------------------------------------------------ lowering with facts

    def narrowed_operands(self, op: str, values: list[ast.expr], lower) -> list[ir.Expr]:
        """The operands of `a and b` / `a or b`, each lowered by `lower` seeing what the ones
        before it decided (`x is not None and x > 0`, `x is None or x > 0`)."""
        out: list[ir.Expr] = []
        known: frozenset[str] = frozenset()
        for v in values:
            with self.narrowed_by(known):
                out.append(lower(v))
            facts = self.facts(v)
            known = known | (facts.true if op == "and" else facts.false)
        return out

    def assert_narrowing(self, test: ast.expr) -> None:
        for name in self.facts(test).true:
            self.narrowed.setdefault(name, ASSERTED)  # type: ignore[attr-defined]


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


__all__ = ["NarrowingLowering", "Facts", "PROVEN", "ASSERTED", "assigned_names"]
