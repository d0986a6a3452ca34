"""Source files of the profiled program: hashes, function definitions, user code.

Profilers name functions by (file, line, name); rustify names them by
`<path>:<def line>:<qualname>` (DESIGN.md section 2). This module parses a source
once with `ast` and answers the questions every stage asks: which functions a file
defines (with qualnames), which def encloses a sampled line (py-spy), which def a
`co_firstlineno` belongs to (cProfile, pstats), and whether a file is user code.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import os
import site
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from rustify.errors import InputError, Location

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class FunctionDef:
    """A `def` in a source file. `line` is the `def` line; `first_line` counts decorators."""

    qualname: str
    name: str
    line: int
    first_line: int
    end_line: int
    col: int
    in_class: bool
    nested: bool
    node: FunctionNode = field(compare=False, repr=False)


@dataclass
class SourceFile:
    path: Path
    text: str
    sha256: str
    tree: ast.Module
    functions: list[FunctionDef]

    def enclosing(self, line: int) -> FunctionDef | None:
        """The innermost def whose body spans `line` (for sampled line numbers)."""
        best = None
        for fn in self.functions:
            if fn.first_line <= line <= fn.end_line and (best is None or fn.first_line >= best.first_line):
                best = fn
        return best

    def defined_at(self, line: int) -> FunctionDef | None:
        """The def whose code object starts at `line` (cProfile's co_firstlineno)."""
        for fn in self.functions:
            if fn.first_line == line or fn.line == line:
                return fn
        return None

    def by_qualname(self, qualname: str) -> FunctionDef | None:
        for fn in self.functions:
            if fn.qualname == qualname:
                return fn
        return None


def sha256_text(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Collector(ast.NodeVisitor):
    def __init__(self) -> None:
        self.scope: list[tuple[str, str]] = []  # (name, "class" | "function")
        self.found: list[FunctionDef] = []

    def _qual(self, name: str) -> str:
        parts = []
        for scope_name, kind in self.scope:
            parts.append(scope_name)
            if kind == "function":
                parts.append("<locals>")
        return ".".join(parts + [name])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append((node.name, "class"))
        self.generic_visit(node)
        self.scope.pop()

    def _visit_function(self, node: FunctionNode) -> None:
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        self.found.append(
            FunctionDef(
                qualname=self._qual(node.name),
                name=node.name,
                line=node.lineno,
                first_line=first,
                end_line=node.end_lineno or node.lineno,
                col=node.col_offset,
                in_class=bool(self.scope) and self.scope[-1][1] == "class",
                nested=any(kind == "function" for _, kind in self.scope),
                node=node,
            )
        )
        self.scope.append((node.name, "function"))
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function


def parse_source(path: Path, text: str) -> ast.Module:
    try:
        return ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        raise InputError(f"cannot parse: {exc.msg}", Location(str(path), line=exc.lineno, col=exc.offset)) from None


@functools.lru_cache(maxsize=256)
def _load(path: str, mtime_ns: int, size: int) -> SourceFile:
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8", errors="replace")
    tree = parse_source(Path(path), text)
    collector = _Collector()
    collector.visit(tree)
    return SourceFile(Path(path), text, sha256_text(raw), tree, collector.found)


def load_source(path: str | os.PathLike) -> SourceFile:
    """Parse a source file (cached until it changes on disk)."""
    p = Path(path).resolve()
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("source file not found", Location(str(path))) from None
    return _load(str(p), st.st_mtime_ns, st.st_size)


def display_path(path: str | os.PathLike, cwd: str | os.PathLike) -> str:
    """`path` relative to `cwd` when inside it, else absolute (the form used in ids)."""
    p = Path(path)
    if not p.is_absolute():
        p = Path(cwd) / p
    p = Path(os.path.normpath(p))
    try:
        return p.relative_to(Path(os.path.normpath(cwd))).as_posix()
    except ValueError:
        return p.as_posix()


def absolute_path(display: str, cwd: str | os.PathLike) -> Path:
    p = Path(display)
    return p if p.is_absolute() else Path(cwd) / p


def function_id(file: str, line: int, qualname: str) -> str:
    return f"{file}:{line}:{qualname}"


def split_id(fid: str) -> tuple[str, int, str]:
    """Inverse of `function_id`; the path itself may contain colons."""
    rest, qualname = fid.rsplit(":", 1) if fid.count(":") >= 2 else (fid, "")
    path, line = rest.rsplit(":", 1)
    # qualnames never hold ':', but a Windows path may; rsplit keeps it in the path
    return path, int(line), qualname


@functools.cache
def _library_roots() -> tuple[str, ...]:
    roots = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        value = sysconfig.get_paths().get(key)
        if value:
            roots.add(os.path.realpath(value))
    for value in list(getattr(site, "getsitepackages", lambda: [])()) + [site.getusersitepackages()]:
        roots.add(os.path.realpath(value))
    roots.add(os.path.realpath(sys.base_prefix + "/lib"))
    roots.add(str(Path(__file__).resolve().parent))  # rustify itself
    return tuple(sorted(roots))


def is_user_code(filename: str) -> bool:
    """False for builtins, frozen modules, the stdlib, site-packages and rustify itself."""
    if not filename or filename.startswith("<") or filename == "~":
        return False
    real = os.path.realpath(filename)
    if "site-packages" in real.split(os.sep) or "dist-packages" in real.split(os.sep):
        return False
    return not any(real == root or real.startswith(root + os.sep) for root in _library_roots())


def definition_dumps(text: str) -> dict[str, str]:
    """Each top-level function's definition, and each method's of a top-level class (as
    `Class.method`), without positions or comments (ast.dump)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[node.name] = ast.dump(node, include_attributes=False)
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out[f"{node.name}.{sub.name}"] = ast.dump(sub, include_attributes=False)
    return out


def functions_sha256(dumps: dict[str, str], names: list[str]) -> str | None:
    """The hash of these functions' definitions (None when one is missing): what a
    translation was made from, so an edit elsewhere in the file leaves it valid."""
    digest = hashlib.sha256()
    for name in sorted(set(names)):
        if name not in dumps:
            return None
        digest.update(name.encode() + b"\0" + dumps[name].encode() + b"\1")
    return digest.hexdigest()
