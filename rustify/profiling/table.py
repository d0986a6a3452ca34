"""The function table every profile importer produces.

cProfile (pstats) and py-spy (speedscope) describe time in different shapes, but both
end as "seconds per def". Each importer accumulates `Entry`s keyed by the *def* a
profiler location belongs to, then `build_table` applies the shared rules once: ids
`<path>:<def line>:<qualname>` (DESIGN.md section 2), percents of the run's total,
rounding, the user-code filter and the list of source files with their hashes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

from rustify.errors import InputError
from rustify.records import FunctionProfile, Source
from rustify.sources import SourceFile, display_path, function_id, is_user_code, load_source

#: seconds are kept to the nanosecond, percents to 4 decimals
SECONDS_DIGITS = 9
PERCENT_DIGITS = 4


@dataclass
class FunctionTable:
    functions: list[FunctionProfile]  # sorted by self_seconds descending, then id
    sources: list[Source]  # every user source file that has a function in the table
    total_seconds: float


@dataclass
class Entry:
    """Time accumulated for one function while a profile is imported.

    `file` is absolute for real files, or the profiler's pseudo file (`~`,
    `<built-in>`, `<frozen ...>`); `line` is the def line (not the decorator line)
    when the source could be read, else the profiler's own line.
    """

    file: str
    line: int
    qualname: str
    calls: int = 0
    self_seconds: float = 0.0
    total_seconds: float = 0.0


Key = tuple[str, int, str]


def entry(entries: dict[Key, Entry], file: str, line: int, qualname: str) -> Entry:
    """The accumulator for (file, line, qualname), created empty on first use."""
    key = (file, line, qualname)
    found = entries.get(key)
    if found is None:
        found = entries[key] = Entry(file, line, qualname)
    return found


def is_pseudo_file(file: str) -> bool:
    """Builtins (`~`), `<built-in>`, `<string>`, `<frozen ...>`: no file on disk."""
    return not file or file == "~" or file.startswith("<")


def absolute_file(file: str, cwd: str | os.PathLike) -> str:
    """Profilers may record paths as given on the command line: anchor them at `cwd`."""
    if is_pseudo_file(file) or os.path.isabs(file):
        return file
    return os.path.normpath(os.path.join(cwd, file))


def read_source(file: str) -> SourceFile | None:
    """The parsed source, or None when it is missing, unreadable or not Python.

    A profile stays importable when a file moved or changed since the run; the
    function then keeps the profiler's name and line and gets no source entry.
    """
    if is_pseudo_file(file):
        return None
    try:
        return load_source(file)
    except (InputError, OSError, ValueError, RecursionError):
        return None


def percent(seconds: float, total: float) -> float:
    # cProfile's cumulative times include some timer overhead the self times do not,
    # so a top-level function can exceed the sum of all self times: clamp at 100
    return min(100.0, round(100.0 * seconds / total, PERCENT_DIGITS)) if total > 0 else 0.0


def build_table(entries: Iterable[Entry], total_seconds: float, cwd: str | os.PathLike, *,
                all_code: bool = False) -> FunctionTable:
    """Turn accumulated entries into the sorted table with ids, percents and sources.

    `total_seconds` is the whole run (every entry, builtins included), so percents say
    how much of the program a function is, whatever the filter keeps.
    """
    functions: list[FunctionProfile] = []
    sources: dict[str, Source] = {}
    for e in entries:
        user = is_user_code(e.file)
        if not (user or all_code):
            continue
        path = e.file if is_pseudo_file(e.file) else display_path(e.file, cwd)
        functions.append(FunctionProfile(
            id=function_id(path, e.line, e.qualname),
            qualname=e.qualname,
            file=path,
            line=e.line,
            calls=e.calls,
            self_seconds=round(e.self_seconds, SECONDS_DIGITS),
            total_seconds=round(e.total_seconds, SECONDS_DIGITS),
            self_percent=percent(e.self_seconds, total_seconds),
            total_percent=percent(e.total_seconds, total_seconds),
            user_code=user,
        ))
        if user and path not in sources:
            src = read_source(e.file)
            if src is not None:
                sources[path] = Source(path=path, sha256=src.sha256)
    functions.sort(key=lambda f: (-f.self_seconds, f.id))
    return FunctionTable(functions, sorted(sources.values(), key=lambda s: s.path),
                         round(total_seconds, SECONDS_DIGITS))
