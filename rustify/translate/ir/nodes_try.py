"""IR statements of `try` (data only; lowering in lower_try.py, Rust in emit/exceptions.py).

    try:                      Try(body=(...),
        x = xs[i]                 handlers=(ExceptClause(("IndexError", "KeyError"), (...)),),
    except (IndexError,           orelse=(...), finalbody=(...))
            KeyError):
        raise              ->  ReRaise()   (only inside an ExceptClause)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import final

from rustify.translate.ir.nodes import Expr, Stmt


@final
@dataclass(frozen=True)
class ExceptClause(Stmt):
    """`except (K1, K2):` (kinds are rt::ExcKind names; a bare `except:` is
    `BaseException`); `classes`: the program's own exception classes it names, evaluated
    when the clause is tried (objects)."""

    kinds: tuple[str, ...]
    body: tuple[Stmt, ...]
    classes: tuple[Expr, ...] = ()


@final
@dataclass(frozen=True)
class Try(Stmt):
    body: tuple[Stmt, ...]
    handlers: tuple[ExceptClause, ...]
    orelse: tuple[Stmt, ...]
    finalbody: tuple[Stmt, ...]


@final
@dataclass(frozen=True)
class With(Stmt):
    """`with manager as target: body` (BEFORE_WITH / WITH_EXCEPT_START): `enter` is the
    name the result of `__enter__` is bound to (then assigned to the target in `body`),
    `exit` a local holding the bound `__exit__`."""

    manager: Expr
    enter: str
    exit: str
    body: tuple[Stmt, ...]


@final
@dataclass(frozen=True)
class ReRaise(Stmt):
    """A bare `raise` inside an except clause: the exception being handled, unchanged."""
