"""Per source line of a translated function: the tier it runs in and the Rust it became.

The lowering marks where the statements of each source line begin (`ir.SourceLine`) and
the emitter writes each mark as a `// rustify:line N` comment into the function's fenced
item of lib.rs (`// rustify:begin f_x` ... `// rustify:end f_x`). So:

- the tier comes from the IR: a line is `object` when one of its own operations (not
  those of the blocks nested under it, which belong to their own lines) is an object-tier
  node (`ir/nodes_obj.py`: a C-API call on a Python object, or a value boxed into or
  unboxed from one), else `native`;
- the Rust comes from lib.rs: the lines from a line's mark to the next mark.

The `def` line stands for the boundary: the exported wrapper that converts the arguments
(C-API work, so `object`) and the function's prologue.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from rustify.records import TranslatedLine
from rustify.translate.emit.function import SOURCE_LINE
from rustify.translate.ir import nodes as ir
from rustify.translate.ir import nodes_obj
from rustify.translate.ir.walk import children

OBJECT_NODES = tuple(c for c in vars(nodes_obj).values()
                     if isinstance(c, type) and issubclass(c, ir.Expr) and c.__module__ == nodes_obj.__name__)
_MARK = re.compile(r"^\s*" + re.escape(SOURCE_LINE) + r"(\d+)\s*$")


def line_tiers(function: ir.Function) -> dict[int, str]:
    """Source line -> `native` or `object`, for every line with an operation (a docstring,
    `pass` or `global` has none)."""
    tiers: dict[int, str] = {}

    def visit(node: object, line: int) -> None:
        if isinstance(node, OBJECT_NODES):
            tiers[line] = "object"
        elif isinstance(node, ir.Stmt):
            tiers.setdefault(line, "native")
        visit_all(children(node), line)

    def visit_all(nodes: Iterable[object], line: int) -> None:
        current = line  # statements of a block: their marks say whose they are
        for node in nodes:
            if isinstance(node, ir.SourceLine):
                current = node.line
            else:
                visit(node, current if isinstance(node, ir.Stmt) else line)

    visit_all(function.body, function.line)
    tiers.pop(function.line, None)  # the def line is the boundary (see translated_lines)
    return tiers


def item_text(lib: str, item: str) -> list[str]:
    """The lines of one fenced item of lib.rs (without its fences); [] when absent."""
    lines = lib.splitlines()
    try:
        start = lines.index(f"// rustify:begin {item}")
        end = lines.index(f"// rustify:end {item}", start)
    except ValueError:
        return []
    return lines[start + 1:end]


def rust_by_line(lib: str, item: str) -> tuple[str, dict[int, str]]:
    """(the item's Rust before its first mark, source line -> its Rust): each mark's Rust
    runs to the next mark; a line marked twice (a body emitted twice) gets both parts."""
    head: list[str] = []
    parts: dict[int, list[str]] = {}
    current: list[str] = head
    for text in item_text(lib, item):
        mark = _MARK.match(text)
        if mark:
            current = parts.setdefault(int(mark.group(1)), [])
        else:
            current.append(text)
    return _snippet(head), {line: _snippet(text) for line, text in parts.items()}


def _snippet(lines: list[str]) -> str:
    return textwrap.dedent("\n".join(lines)).strip("\n")


def translated_lines(function: ir.Function, lib: str, wrapper: str) -> list[TranslatedLine]:
    """The line map of one translated function, in line order: its `def` line (the
    wrapper `wrapper` and the prologue) and each marked line of its body."""
    tiers = line_tiers(function)
    prologue, rust = rust_by_line(lib, function.rust_name)
    boundary = "\n".join(part for part in (_snippet(item_text(lib, wrapper)), prologue) if part)
    out = [TranslatedLine(function.line, "object", boundary)]
    out += [TranslatedLine(line, tier, rust.get(line, "")) for line, tier in sorted(tiers.items())]
    return out
