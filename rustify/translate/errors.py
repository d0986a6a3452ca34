"""Why a function cannot be translated: a construct, a place, a hint."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Rejection:
    construct: str
    line: int
    col: int
    message: str
    hint: str = ""


class Reject(Exception):
    """Raised inside a pass to give up on one function; carries the Rejection."""

    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.message)
        self.rejection = rejection


class KeepAsObjects(Reject):
    """The function can be translated exactly if these variables (parameters or locals)
    are Python objects (the object tier) instead of native values: the translator tries
    again with them so (translator.py)."""

    def __init__(self, rejection: Rejection, names: tuple[str, ...]) -> None:
        super().__init__(rejection)
        self.names = names


def reject(node: ast.AST | None, construct: str, message: str, hint: str = "") -> Reject:
    line = getattr(node, "lineno", 0) or 0
    col = getattr(node, "col_offset", 0) or 0
    return Reject(Rejection(construct, line, col, message, hint))


def reject_at(site: tuple[int, int], construct: str, message: str, hint: str = "") -> Reject:
    """A rejection at a (line, col) recorded earlier (IR passes have no ast nodes)."""
    return Reject(Rejection(construct, site[0], site[1], message, hint))
