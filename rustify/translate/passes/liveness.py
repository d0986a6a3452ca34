"""Which variables are live (read again before being reassigned) after each statement.

An analysis for the passes, over the structured IR: a backward walk, with loops
iterated to a fixpoint (`break` continues with what is live after the loop,
`continue` with what is live at its head). Statements inside expressions (the
bodies of comprehension `Block`s) are not given entries; their names count as read
by the statement that holds the expression, which errs on the side of "live".

    xs = [0.0] * n        live after: {xs, out}
    xs[0] = 1.0           live after: {xs, out}
    out.append(xs)        live after: {out}      (xs is rebound before any read)
"""

from __future__ import annotations

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.nodes_try import ReRaise, Try, With
from rustify.translate.ir.walk import place_root, walk


def names_read(node: object) -> set[str]:
    """Every variable an expression, place or statement mentions (conservatively, reads)."""
    out = set()
    for n in walk(node):
        if isinstance(n, ir.Name):
            out.add(n.name)
        elif isinstance(n, ir.IndexPlace):
            out.add(place_root(n))
    return out


class Liveness:
    def __init__(self, body: tuple[ir.Stmt, ...]) -> None:
        #: id(statement) -> the variables live right after it
        self.after: dict[int, frozenset[str]] = {}
        self.block(body, frozenset(), None)

    def live_after(self, stmt: ir.Stmt) -> frozenset[str] | None:
        """None for statements nested inside expressions (unknown: assume live)."""
        return self.after.get(id(stmt))

    def block(self, stmts: tuple[ir.Stmt, ...], live: frozenset[str],
              loop: tuple[frozenset[str], frozenset[str]] | None) -> frozenset[str]:
        for s in reversed(stmts):
            self.after[id(s)] = live
            live = self.stmt(s, live, loop)
        return live

    def stmt(self, s: ir.Stmt, live: frozenset[str],
             loop: tuple[frozenset[str], frozenset[str]] | None) -> frozenset[str]:
        if isinstance(s, ir.Assign):
            if isinstance(s.target, ir.NamePlace):
                return (live - {s.target.name}) | names_read(s.value)
            return live | names_read(s.target) | names_read(s.value)
        if isinstance(s, ir.ExprStmt):
            return live | names_read(s.expr)
        if isinstance(s, ir.If):
            return names_read(s.cond) | self.block(s.body, live, loop) | self.block(s.orelse, live, loop)
        if isinstance(s, ir.While):
            head = live | names_read(s.cond)
            while True:
                new = live | names_read(s.cond) | self.block(s.body, head, (live, head))
                if new == head:
                    return head
                head = new
        if isinstance(s, ir.ForRange):
            bounds = names_read(s.start) | names_read(s.stop) | names_read(s.step)
            head = live
            while True:
                new = live | (self.block(s.body, head, (live, head)) - {s.var})
                if new == head:
                    return head | bounds
                head = new
        if isinstance(s, ir.Break):
            assert loop is not None
            return loop[0]
        if isinstance(s, ir.Continue):
            assert loop is not None
            return loop[1]
        if isinstance(s, ir.Return):
            return frozenset(names_read(s.value)) if s.value is not None else frozenset()
        if isinstance(s, ir.CheckBound):
            return live | {s.name}
        if isinstance(s, ir.SourceLine):
            return live
        if isinstance(s, ir.Raise):
            return frozenset(names_read(s.message)) if s.message is not None else frozenset()
        if isinstance(s, ReRaise):
            return frozenset()
        if isinstance(s, With):  # as a try: anything read inside stays live throughout
            inside = live | frozenset(names_read(s))
            self.block(s.body, inside, loop)
            return inside
        if isinstance(s, Try):
            # conservative: everything the statement reads is live before it, and inside it
            # everything live after it or read anywhere in it stays live (an exception may
            # jump from any point of the body to a handler)
            inside = live | frozenset(names_read(s))
            for block in (s.body, s.orelse, s.finalbody, *[h.body for h in s.handlers]):
                self.block(block, inside, loop)
            return inside
        raise TypeError(f"no liveness rule for {type(s).__name__}")


__all__ = ["Liveness", "names_read"]
