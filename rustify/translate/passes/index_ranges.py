"""Loop versioning for list reads: one check before a loop nest instead of one per read.

A read `a[i * n + k]` inside `for` loops over ranges normalises a negative index, checks
the bounds and computes the index with overflow checks at every iteration (the flat matrix
product spent more time on that than on its arithmetic). Where the index is affine in the
counters of the enclosing range loops (`c0 + c1*i + c2*k`, every coefficient a product of
ints the nest never assigns) and the list is an argument the function never changes, the
index's extremes over the loops' ranges are known before the nest runs. When they lie in
`[0, len(a))` every read is in range, and its arithmetic, done in two's complement, is
exact (the result fits, so no intermediate wrap can change it): the nest runs a copy whose
reads need no check. Otherwise the original nest runs, so an index that would fail, or
overflow, fails exactly as before. Deciding costs a few i128 operations per nest.
"""

from __future__ import annotations

import dataclasses

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BOOL, INT, IntT, ListT
from rustify.translate.ir.walk import children, map_children, walk

#: the intrinsic that decides: args are the list, then one (coefficient, lo, hi) triple per
#: term and the constant term last; true when every value of the form is an index of the list
IN_RANGE = "index.affine_in_range"

_WRAPPING = {"add": "add_wrap", "sub": "sub_wrap", "mul": "mul_wrap"}

#: at most this many statements are copied for one nest (code size)
_MAX_COPIED = 400


@dataclasses.dataclass(frozen=True)
class _Form:
    """`const + sum(coef[v] * v)`: coefficients and constant are loop-invariant int exprs."""

    coefs: tuple[tuple[str, ir.Expr], ...]
    const: ir.Expr


def version_loops(function: ir.Function) -> ir.Function:
    lists = {p.name for p in function.params if p.mode in ("ref", "view") and isinstance(p.type, ListT)}
    if not lists:
        return function
    return dataclasses.replace(function, body=_stmts(function.body, lists))


def _stmts(body: tuple[ir.Stmt, ...], lists: set[str]) -> tuple[ir.Stmt, ...]:
    out: list[ir.Stmt] = []
    for s in body:
        if isinstance(s, ir.ForRange):
            out.append(_nest(s, lists))
        elif isinstance(s, ir.If):
            out.append(dataclasses.replace(s, body=_stmts(s.body, lists), orelse=_stmts(s.orelse, lists)))
        elif isinstance(s, ir.While):
            out.append(dataclasses.replace(s, body=_stmts(s.body, lists)))
        else:
            out.append(s)
    return tuple(out)


def _nest(root: ir.ForRange, lists: set[str]) -> ir.Stmt:
    """`root` versioned when some read in it can be proved in range before it runs."""
    loops = [n for n in walk(root) if isinstance(n, ir.ForRange)]
    counters = [lp.var for lp in loops]
    assigned = _assigned(root)
    if len(set(counters)) != len(counters) or any(assigned.get(v, 0) != 1 for v in counters) \
            or not all(isinstance(lp.step, ir.Const) and lp.step.value != 0 for lp in loops) \
            or sum(1 for _ in walk(root)) > _MAX_COPIED * 8:
        return root
    invariant = _Invariant(set(assigned))
    if not all(invariant.ok(lp.start) and invariant.ok(lp.stop) for lp in loops):
        return root
    ranges = {lp.var: lp for lp in loops}
    proofs: list[ir.Expr] = []
    proved: set[int] = set()
    for read, enclosing in _reads(root, lists, ()):
        form = _affine(read.index, ranges, invariant)
        if form is None or any(v not in enclosing for v, _ in form.coefs):
            continue
        args: list[ir.Expr] = [read.seq]
        for v, coef in form.coefs:
            lp = ranges[v]
            lo, hi = _bounds(lp)
            args += [coef, lo, hi]
        args.append(form.const)
        proofs.append(ir.Intrinsic(IN_RANGE, tuple(args), BOOL))
        proved.add(id(read))
    if not proofs:
        return root
    cond = proofs[0]
    for p in proofs[1:]:
        cond = ir.BoolOp("and", cond, p, BOOL)
    fast = _unchecked(root, proved)
    return ir.If(cond, (fast,), (root,))


def _bounds(lp: ir.ForRange) -> tuple[ir.Expr, ir.Expr]:
    """The least and greatest value the counter takes (if the range is not empty)."""
    step = lp.step.value  # type: ignore[attr-defined]
    one = ir.Const(1, INT)
    if step > 0:
        return lp.start, ir.Arith("sub", lp.stop, one, INT)
    return ir.Arith("add", lp.stop, one, INT), lp.start


def _assigned(root: ir.Stmt) -> dict[str, int]:
    """How many places in `root` bind each name (a range loop binds its counter once)."""
    counts: dict[str, int] = {}
    for n in walk(root):
        names: list[str] = []
        if isinstance(n, ir.ForRange):
            names.append(n.var)
        elif isinstance(n, ir.NamePlace):
            names.append(n.name)
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return counts


class _Invariant:
    """Int expressions the nest cannot change and that cannot fail: constants, names it
    never assigns, `len` of a list argument, and sums/products of them (computed in i128
    by the check, which takes the checked path on overflow)."""

    def __init__(self, assigned: set[str]) -> None:
        self.assigned = assigned

    def ok(self, e: ir.Expr) -> bool:
        if isinstance(e, ir.Const):
            return isinstance(e.type, IntT) and isinstance(e.value, int) and not isinstance(e.value, bool)
        if isinstance(e, ir.Name):
            return isinstance(e.type, IntT) and e.name not in self.assigned
        if isinstance(e, ir.Len):
            return isinstance(e.operand, ir.Name) and isinstance(e.operand.type, ListT) \
                and e.operand.name not in self.assigned
        if isinstance(e, ir.Arith):
            return e.op in ("add", "sub", "mul") and isinstance(e.type, IntT) and self.ok(e.left) and self.ok(e.right)
        return False


def _reads(s: object, lists: set[str], enclosing: tuple[str, ...]):
    """Checked reads of the list arguments, with the counters of the range loops around them."""
    if isinstance(s, ir.Index) and s.checked and isinstance(s.seq, ir.Name) and s.seq.name in lists \
            and isinstance(s.index.type, IntT):
        yield s, enclosing
    inner = enclosing + (s.var,) if isinstance(s, ir.ForRange) else enclosing
    for child in children(s):
        yield from _reads(child, lists, inner)


def _affine(e: ir.Expr, ranges: dict[str, ir.ForRange], inv: _Invariant) -> _Form | None:
    zero = ir.Const(0, INT)
    if e.type != INT and not isinstance(e.type, IntT):
        return None
    if isinstance(e, ir.Name) and e.name in ranges:
        return _Form(((e.name, ir.Const(1, INT)),), zero)
    if inv.ok(e):
        return _Form((), e)
    if not isinstance(e, ir.Arith) or e.op not in ("add", "sub", "mul"):
        return None
    left, right = _affine(e.left, ranges, inv), _affine(e.right, ranges, inv)
    if left is None or right is None:
        return None
    if e.op == "mul":
        if left.coefs and right.coefs:
            return None  # i * k: not affine
        scale, form = (right.const, left) if not right.coefs else (left.const, right)
        return _Form(tuple((v, ir.Arith("mul", c, scale, INT)) for v, c in form.coefs),
                     ir.Arith("mul", form.const, scale, INT))
    sign_right = right if e.op == "add" else _Form(
        tuple((v, ir.Arith("sub", zero, c, INT)) for v, c in right.coefs), ir.Arith("sub", zero, right.const, INT))
    coefs = dict(left.coefs)
    for v, c in sign_right.coefs:
        coefs[v] = ir.Arith("add", coefs[v], c, INT) if v in coefs else c
    return _Form(tuple(coefs.items()), ir.Arith("add", left.const, sign_right.const, INT))


def _unchecked(root: ir.ForRange, proved: set[int]) -> ir.ForRange:
    """A copy of `root` whose proved reads are unchecked, their index in wrapping arithmetic."""

    def expr(e):
        if isinstance(e, ir.Index) and id(e) in proved:
            return dataclasses.replace(e, index=_wrapping(e.index), checked=False)
        return map_children(e, expr)

    return expr(root)


def _wrapping(e: ir.Expr) -> ir.Expr:
    if isinstance(e, ir.Arith) and e.op in _WRAPPING and isinstance(e.type, IntT):
        return ir.Arith(_WRAPPING[e.op], _wrapping(e.left), _wrapping(e.right), e.type)
    return e
