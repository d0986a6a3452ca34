"""Import a saved cProfile run (`python -m cProfile -o FILE`, `Stats.dump_stats`).

cProfile names a function by `(file, co_firstlineno, co_name)`: the first line counts
decorators, and comprehensions, generator expressions and lambdas are code objects
of their own. rustify names the *def* (DESIGN.md section 2) and translates whole
defs, so each entry is mapped to its def through the source index, and the time of
the anonymous code objects is folded into the def that contains them.
"""

from __future__ import annotations

import ast
import marshal
import os

from rustify.errors import InputError, Location
from rustify.profiling.table import (
    Entry, FunctionTable, absolute_file, build_table, entry, read_source,
)
from rustify.sources import SourceFile

Stats = dict[tuple[str, int, str], tuple]


def _short(name: str) -> str:
    """`f.<locals>.<genexpr>` -> `<genexpr>` (newer Pythons may report qualnames)."""
    return name.rsplit(".", 1)[-1]


def _is_anonymous(name: str) -> bool:
    """`<listcomp>`, `<genexpr>`, `<lambda>`, `<dictcomp>`, `<setcomp>`: not defs."""
    short = _short(name)
    return short.startswith("<") and short.endswith(">") and short != "<module>"


def _valid(stats: object) -> bool:
    if not isinstance(stats, dict):
        return False
    for key, value in stats.items():
        if not (isinstance(key, tuple) and len(key) == 3 and isinstance(key[0], str)
                and isinstance(key[1], int) and isinstance(key[2], str)):
            return False
        if not (isinstance(value, (tuple, list)) and len(value) == 5
                and all(isinstance(v, (int, float)) for v in value[:4])):
            return False
    return True


def load_pstats(path: str | os.PathLike) -> Stats:
    """The raw `stats` mapping `(file, line, name) -> (cc, nc, tt, ct, callers)`.

    The format is `marshal` (as `pstats` itself reads it), which holds only plain
    data; its shape is checked so that later steps can index it without guarding.
    """
    where = Location(str(path))
    try:
        with open(path, "rb") as fh:
            stats = marshal.load(fh)
    except OSError as exc:
        raise InputError(f"not a cProfile/pstats file ({exc.strerror or exc})", where) from None
    except (EOFError, ValueError, TypeError):
        stats = None
    if not _valid(stats):
        raise InputError("not a cProfile/pstats file (write one with: python -m cProfile -o FILE script.py)",
                         where)
    return stats  # type: ignore[return-value]


def _class_body(src: SourceFile, line: int, name: str) -> bool:
    """Whether (line, name) is a class body's code object (not a function)."""
    for node in ast.walk(src.tree):
        if isinstance(node, ast.ClassDef) and node.name == name:
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            if line in (first, node.lineno):
                return True
    return False


def table_from_pstats(stats: Stats, cwd: str | os.PathLike, *, all_code: bool = False) -> FunctionTable:
    """Self and total seconds per def, with calls as cProfile counted them.

    - total_seconds of the run is the sum of every entry's own time (`tt`), builtins
      and module code included, before any filter;
    - a def's calls are `nc` (recursive calls included), its times `tt` and `ct`
      (cProfile's `ct` already counts a recursive function once);
    - a comprehension/genexpr/lambda adds its own time to the def around it (its
      total time is already inside that def's); with no def around it, it is dropped;
    - `<module>` and class bodies are not functions and are dropped.
    """
    cwd = str(cwd)
    entries: dict[tuple[str, int, str], Entry] = {}
    run_total = 0.0
    for (raw_file, line, name), (_cc, nc, tt, ct, _callers) in stats.items():
        run_total += tt
        if _short(name) == "<module>":
            continue
        file = absolute_file(raw_file, cwd)
        src = read_source(file)
        if src is None:  # builtin, frozen, or a file we cannot read: keep cProfile's names
            e = entry(entries, file, line, name)
            e.calls += nc
            e.self_seconds += tt
            e.total_seconds += ct
            continue
        if _is_anonymous(name):
            outer = src.enclosing(line)
            if outer is not None:
                entry(entries, file, outer.line, outer.qualname).self_seconds += tt
            continue
        fn = src.defined_at(line)
        if fn is None or fn.name != _short(name):
            if _class_body(src, line, _short(name)):
                continue
            e = entry(entries, file, line, name)  # stale source: keep cProfile's names
        else:
            e = entry(entries, file, fn.line, fn.qualname)
        e.calls += nc
        e.self_seconds += tt
        e.total_seconds += ct
    return build_table(entries.values(), run_total, cwd, all_code=all_code)

