"""Using accelerated functions without editing the program.

`rustify run SCRIPT` runs a program as `python SCRIPT` would, with each accelerated
function swapped for its Rust translation, also functions defined in the script
itself: the script's source is compiled with one extra statement after each such
`def` (`name = swap(name)`), so the swap happens before the `__main__` block runs;
line numbers are unchanged. Functions of imported modules are swapped right after
their module has run. `activate()` does the same from inside a program.

A method (`Class.method`) is swapped into its class, the class the defining module holds
under that name, right after the `class` statement (`swap_class`): a plain method's slot
gets the swap, which binds as a function does (runtime/src/swap.rs: `obj.m(a)` passes
`obj` first, `Class.m(obj, a)` works); a staticmethod or classmethod gets a new
staticmethod or classmethod around the swap. The fallback is the function the `def`
made, called with the same arguments (`self` first).

A function is swapped only if its build passed parity (`accelerated`) and its
source file still has the hash recorded at generation; a stale source stays Python
with a warning. The original is registered as the deopt fallback, so arguments the
Rust code cannot take (another type, an int beyond 64 bits) run the original.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import os
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from typing import TYPE_CHECKING

from rustify.activation import installed
from rustify.errors import InputError, Location, RustifyError
from rustify.sources import definition_dumps, functions_sha256

if TYPE_CHECKING:  # (imported where used: reading the records is not on `rustify run`'s usual path)
    from rustify.records import Build, BuiltFunction


@dataclass(frozen=True)
class Accelerated:
    path: str  # absolute source path
    qualname: str
    module: str  # the extension module
    rust_name: str
    sha256: str  # of the whole file when it was built
    #: the functions the translation was made from, and their definitions' hash: when the
    #: file changed elsewhere (another function, a comment), the translation still holds
    source_functions: tuple[str, ...] = ()
    function_sha256: str | None = None

    def still_valid(self, digest: str, dumps: dict[str, str]) -> bool:
        if digest == self.sha256:
            return True
        return self.function_sha256 is not None and \
            functions_sha256(dumps, list(self.source_functions)) == self.function_sha256


def _warn(message: str) -> None:
    print(f"rustify: warning: {message}", file=sys.stderr)


def registry_dir() -> Path:
    return installed.registry_dir()


#: fields of a build document activation never reads (kept for `rustify report`)
_REPORT_ONLY = ("profile", "skipped", "sampled", "timings", "warnings", "program_bench", "startup")
_REPORT_ONLY_IN_FUNCTIONS = ("lines", "rejections")


def load_records(build_doc: str | None = None, warn: Callable[[str], None] = _warn) -> list[Build]:
    """The build documents installed in this environment (one per extension module), or
    the one given. Each is validated; an installed one that does not read is skipped with
    a warning (a given one is an error, with its place)."""
    from rustify import documents
    from rustify.records import Build

    if build_doc is not None:
        return [documents.load(Build, "build", build_doc)]
    folder = registry_dir()
    records, unreadable = [], []
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            # written validated by rustify-build; what only the report reads is not converted
            records.append(documents.load_own(Build, "build", path, skip=_REPORT_ONLY,
                                              skip_in_functions=_REPORT_ONLY_IN_FUNCTIONS))
        except RustifyError as exc:
            unreadable.append((path, exc))
    if len(unreadable) == 1:
        warn(f"activation record ignored (build again to replace it): {unreadable[0][1]}")
    elif unreadable:  # one line, however many (records of an older rustify, say)
        warn(f"{len(unreadable)} activation records in {folder} ignored (build again to replace them): "
             + ", ".join(path.stem for path, _ in unreadable))
    return records


#: the installed records' plan, kept next to them (not `*.json`: it is not a record)
PLAN_CACHE = "plan.cache"


def installed_entries() -> list[Accelerated]:
    """What the installed records say may be swapped in, read from the plan cache while the
    records are the ones it was made from (the same names and bytes: a rebuilt record that
    kept its size and time must not leave a stale plan), else from the records themselves
    (and cached). Converting every record cost most of `rustify run`'s start-up; reading
    and hashing their bytes is cheap. A record that does not read is warned about every
    time, as when the records are read."""
    import orjson

    from rustify import __version__

    folder = registry_dir()
    try:
        files = sorted([e.name, hashlib.blake2b(Path(e.path).read_bytes(), digest_size=16).hexdigest()]
                       for e in os.scandir(folder) if e.name.endswith(".json") and e.is_file())
    except OSError:
        files = []
    cache = folder / PLAN_CACHE
    try:
        data = orjson.loads(cache.read_bytes())
        if data["version"] == __version__ and data["files"] == files:
            for message in data["warnings"]:
                _warn(message)
            return [Accelerated(p, q, m, r, s, tuple(fs), h) for p, q, m, r, s, fs, h in data["entries"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    warnings: list[str] = []
    entries = _entries(load_records(warn=warnings.append))
    for message in warnings:
        _warn(message)
    rows = [[e.path, e.qualname, e.module, e.rust_name, e.sha256, list(e.source_functions), e.function_sha256]
            for e in entries]
    try:  # written whole or not at all; a read-only environment just reads the records each time
        tmp = folder / f".{PLAN_CACHE}.{os.getpid()}"
        tmp.write_bytes(orjson.dumps({"version": __version__, "files": files, "entries": rows,
                                      "warnings": warnings}))
        os.replace(tmp, cache)
    except OSError:
        pass
    return entries


def _sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _parity_passed(f: BuiltFunction) -> bool:
    """Whether a function passed parity on at least one case (None: never checked)."""
    return f.parity is not None and f.parity.cases > 0 and f.parity.passed == f.parity.cases


def plan(records: list[Build]) -> tuple[dict[str, dict[str, Accelerated]], dict[str, list[str]]]:
    """Absolute source path -> qualname -> what to swap in; and path -> qualnames that are stale.

    Staleness is only reported (by `Swapper`) for files the program actually runs, so a
    record of some other program does not make every `rustify run` warn.
    """
    return _settle(_entries(records))


def _entries(records: list[Build]) -> list[Accelerated]:
    """What the records say may be swapped in: accelerated functions that passed parity."""
    out = []
    for record in records:
        root = record.root or os.getcwd()
        for f in record.functions:
            if f.status != "accelerated" or not f.file or not f.rust_name or not f.qualname:
                continue
            if not _parity_passed(f):
                continue  # built with --no-verify (or --no-install): never checked, never swapped
            path = os.path.realpath(f.file if os.path.isabs(f.file) else os.path.join(root, f.file))
            out.append(Accelerated(path, f.qualname, record.module, f.rust_name, f.source_sha256 or "",
                                   tuple(f.source_functions or ()), f.function_sha256))
    return out


def _settle(entries: list[Accelerated]) -> tuple[dict[str, dict[str, Accelerated]], dict[str, list[str]]]:
    """The plan of `entries`, without the functions whose source changed since they were built."""
    table: dict[str, dict[str, Accelerated]] = {}
    stale_names: dict[str, list[str]] = {}
    for entry in entries:
        table.setdefault(entry.path, {})[entry.qualname] = entry
    for path, entries_ in list(table.items()):
        digest = _sha256(path)
        if digest is None:
            del table[path]
            continue
        dumps = definition_dumps(Path(path).read_text(errors="replace")) if any(
            e.sha256 != digest for e in entries_.values()) else {}
        stale = [e for e in entries_.values() if not e.still_valid(digest, dumps)]
        if stale:
            stale_names[path] = sorted(e.qualname for e in stale)
            for e in stale:
                del entries_[e.qualname]
    return {p: e for p, e in table.items() if e}, stale_names


class CannotLoad(Exception):
    """The extension module (or the function in it) cannot be loaded."""


def swap_function(func: Callable, entry: Accelerated) -> Callable:
    """The Rust function for `func`, with `func` as its deopt fallback; CannotLoad when the
    extension or the function in it cannot be loaded."""
    try:
        ext = importlib.import_module(entry.module)
        fast = getattr(ext, entry.rust_name)
        ext._rustify_set_fallback(entry.rust_name, func)
    except (ImportError, AttributeError) as exc:
        raise CannotLoad(str(exc)) from None
    # a callable with the original's face (attributes, method binding, pickling by name):
    # runtime/src/swap.rs; pickled by reference, another process finds whatever that name
    # holds there, the original included
    fast.__module__ = func.__module__
    return ext._rustify_swap(fast, func)


class Swapper:
    """Holds the plan; swaps functions into modules as they are defined or imported."""

    def __init__(self, table: dict[str, dict[str, Accelerated]], stale: dict[str, list[str]] | None = None) -> None:
        self.table = table
        self.stale = dict(stale or {})
        self.stale_all = {path: list(names) for path, names in self.stale.items()}
        self.swapped: list[str] = []
        #: the build documents the plan came from (for `rustify run -v`; read when asked for)
        self._records: list[Build] | None = None
        #: extension modules that cannot be loaded -> why (warned about once each)
        self.broken: dict[str, str] = {}
        #: source files of the program seen so far (for `rustify run -v`)
        self.loaded: set[str] = set()

    @property
    def records(self) -> list[Build]:
        if self._records is None:
            self._records = load_records(warn=lambda _message: None)  # (warned when activated)
        return self._records

    @records.setter
    def records(self, value: list[Build]) -> None:
        self._records = value

    def knows(self, path: str) -> bool:
        """Whether the source file at `path` has accelerated (or stale) functions."""
        return path in self.table or path in self.stale

    def warn_if_stale(self, path: str) -> None:
        """Warn (once per file) that functions of a changed source stay Python."""
        names = self.stale.pop(path, None)
        if names:
            verb = "stays" if len(names) == 1 else "stay"
            _warn(f"{path} changed since it was built: {', '.join(names)} {verb} Python (run rustify again)")

    def swap(self, func: Callable, path: str, qualname: str) -> Callable:
        self.loaded.add(path)
        entry = self.table.get(path, {}).get(qualname)
        if entry is None or not callable(func) or entry.module in self.broken:
            return func
        try:
            fast = swap_function(func, entry)
        except CannotLoad as exc:
            self.broken[entry.module] = str(exc)
            names = sorted(e.qualname for entries in self.table.values() for e in entries.values()
                           if e.module == entry.module)
            verb = "stays" if len(names) == 1 else "stay"
            _warn(f"cannot load the build {entry.module} ({exc}): {', '.join(names)} {verb} Python "
                  f"(build again, or rustify uninstall {entry.module})")
            return func
        if fast is not func:
            self.swapped.append(f"{os.path.basename(path)}:{qualname}")
        return fast

    def swap_module(self, module: types.ModuleType) -> None:
        path = os.path.realpath(getattr(module, "__file__", "") or "")
        self.loaded.add(path)
        self.warn_if_stale(path)
        classes = set()
        for qualname in self.table.get(path, {}):
            if "." in qualname:
                classes.add(qualname.split(".")[0])
                continue
            func = getattr(module, qualname, None)
            code = getattr(func, "__code__", None)
            if code is not None and os.path.realpath(code.co_filename) == path:
                setattr(module, qualname, self.swap(func, path, qualname))
        for name in sorted(classes):
            cls = vars(module).get(name)
            if isinstance(cls, type):
                self.swap_class(cls, path, name)

    def swap_class(self, cls: type, path: str, name: str) -> None:
        """Swap the accelerated methods of class `name` (as the module defining it holds it)
        into the class, each where its `def` stood and bound as before: a plain function
        becomes the swap (which binds as a function does), a staticmethod or classmethod
        holds the swap instead of the function. Only the class's own attributes change; a
        subclass that overrides a method keeps its override."""
        for qualname in self.table.get(path, {}):
            head, _, attr = qualname.partition(".")
            if head != name or "." in attr:
                continue
            raw = vars(cls).get(attr)
            wrapper = type(raw) if isinstance(raw, (staticmethod, classmethod)) else None
            func = raw.__func__ if wrapper is not None else raw  # type: ignore[union-attr]
            code = getattr(func, "__code__", None)
            if not isinstance(func, types.FunctionType) or func.__qualname__ != qualname or code is None \
                    or os.path.realpath(code.co_filename) != path:
                continue  # the class holds something else there now: it stays as it is
            fast = self.swap(func, path, qualname)
            if fast is func:
                continue
            if wrapper is not None:
                wrapped = wrapper(fast)
                vars(wrapped).update(vars(raw))  # attributes set on the original wrapper
                fast = wrapped
            setattr(cls, attr, fast)

    def transform(self, source: str, path: str) -> ast.Module:
        """The script's AST with `name = swap(name)` after each accelerated top-level def,
        and `swap_class(Class)` after each top-level class with accelerated methods."""
        tree = ast.parse(source, filename=path)
        self.loaded.add(os.path.realpath(path))
        self.warn_if_stale(os.path.realpath(path))
        targets = self.table.get(os.path.realpath(path), {})
        classes = {q.split(".")[0] for q in targets if "." in q}
        body: list[ast.stmt] = []
        for stmt in tree.body:
            body.append(stmt)
            call = None
            if isinstance(stmt, ast.FunctionDef) and stmt.name in targets:
                call = ast.parse(
                    f"{stmt.name} = __import__('rustify.activation.activate', fromlist=['_swap'])._swap("
                    f"{stmt.name}, {os.path.realpath(path)!r}, {stmt.name!r})"
                ).body[0]
            elif isinstance(stmt, ast.ClassDef) and stmt.name in classes:
                call = ast.parse(
                    f"__import__('rustify.activation.activate', fromlist=['_swap_class'])._swap_class("
                    f"{stmt.name}, {os.path.realpath(path)!r}, {stmt.name!r})"
                ).body[0]
            if call is not None:
                for node in ast.walk(call):
                    ast.copy_location(node, stmt)
                    if hasattr(node, "end_lineno"):
                        node.end_lineno = stmt.end_lineno  # type: ignore[attr-defined]
                body.append(call)
        tree.body = body
        return tree


_ACTIVE: Swapper | None = None


def _swap(func: Callable, path: str, qualname: str) -> Callable:
    """Called by the transformed script right after an accelerated def."""
    return _ACTIVE.swap(func, path, qualname) if _ACTIVE is not None else func


def _swap_class(cls: type, path: str, name: str) -> None:
    """Called by the transformed script right after a class with accelerated methods."""
    if _ACTIVE is not None and isinstance(cls, type):
        _ACTIVE.swap_class(cls, path, name)


class _SwapLoader:
    """A module loader (the importlib protocol; importlib.abc is not imported: `rustify run`'s
    start-up) that runs the real loader, then swaps the module's accelerated functions."""

    def __init__(self, inner: Any, swapper: Swapper) -> None:
        self.inner = inner
        self.swapper = swapper

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        self.swapper.swap_module(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_code, ... as the real loader
        return getattr(self.inner, name)


class _SwapFinder:
    """Wraps the loader of modules whose source file has accelerated functions."""

    def __init__(self, swapper: Swapper) -> None:
        self.swapper = swapper

    def find_spec(self, fullname, path, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            origin = os.path.realpath(spec.origin) if spec.origin else ""
            if self.swapper.knows(origin) and spec.loader is not None:
                spec.loader = _SwapLoader(spec.loader, self.swapper)
            return spec
        return None


def activate(build_doc: str | None = None) -> list[str]:
    """Swap accelerated functions into loaded modules and into modules imported later.

    Returns the functions swapped so far (`file:qualname`).
    """
    global _ACTIVE
    if build_doc is None:
        swapper = Swapper(*_settle(installed_entries()))
    else:
        records = load_records(build_doc)
        swapper = Swapper(*plan(records))
        swapper.records = records
    _ACTIVE = swapper
    finder = next((f for f in sys.meta_path if isinstance(f, _SwapFinder)), None)
    if finder is None:
        sys.meta_path.insert(0, _SwapFinder(swapper))
    else:  # activated again: later imports follow the new plan
        finder.swapper = swapper
    for module in list(sys.modules.values()):
        if isinstance(module, types.ModuleType) and getattr(module, "__file__", None):
            swapper.swap_module(module)
    return swapper.swapped


def explain(swapper: Swapper) -> list[str]:
    """For `rustify run -v`: each built function of a file the program ran, swapped or why not."""
    lines = []
    swapped = set(swapper.swapped)
    for record in swapper.records:
        root = record.root or os.getcwd()
        for f in record.functions:
            if not f.file or not f.qualname:
                continue
            path = os.path.realpath(f.file if os.path.isabs(f.file) else os.path.join(root, f.file))
            if path not in swapper.loaded:
                continue
            key = f"{os.path.basename(path)}:{f.qualname}"
            if key in swapped:
                lines.append(f"swapped     {key} (Rust, {record.module})")
                continue
            if f.status == "slower" and f.bench is not None:
                why = f"slower ({f.bench.speedup:.2f}x of Python; rustify-build --keep-slower keeps it)"
            elif f.status != "accelerated":
                why = f.status + (f": {f.error.splitlines()[0][:100]}" if f.error else "")
            elif not _parity_passed(f):
                why = "never parity-checked (built with --no-verify)"
            elif f.qualname in swapper.stale_all.get(path, []):
                why = "its source changed since it was built"
            elif record.module in swapper.broken:
                why = f"its build cannot be loaded ({swapper.broken[record.module]})"
            elif "." in f.qualname:
                why = "its class (at the top level of its module) did not hold this def when the program ran"
            else:
                why = "not defined at the top level of its module when the program ran"
            lines.append(f"not swapped {key}: {why}")
    if not lines:
        lines.append("no built function belongs to the files this program ran (see rustify list)")
    return lines


def run_script(script: str, args: list[str], build_doc: str | None = None, *, verbose: bool = False,
               as_module: bool = False) -> int:
    """Run `script` as `python script args` would (as `python -m script` with `as_module`),
    with accelerations active; `verbose`: say on stderr what was swapped and why not."""
    if as_module:
        spec = _module_spec(script)
        path, args0, path0 = Path(spec.origin), spec.origin, os.getcwd()
    else:
        spec, path = None, Path(script)
        if not path.exists():
            raise InputError("no such file", Location(script))
        args0, path0 = script, os.path.dirname(os.path.abspath(script))
    activate(build_doc)
    assert _ACTIVE is not None
    source = path.read_text()
    filename = str(path.absolute())  # as python: an absolute __file__, and in tracebacks
    tree = _ACTIVE.transform(source, filename)
    code = compile(tree, filename, "exec", dont_inherit=True)  # not rustify's own __future__ flags
    main = types.ModuleType("__main__")
    main.__file__ = filename
    main.__builtins__ = __builtins__  # type: ignore[attr-defined]
    if spec is not None:
        main.__spec__ = spec  # type: ignore[attr-defined]
        main.__package__ = spec.parent  # type: ignore[attr-defined]
        main.__loader__ = spec.loader  # type: ignore[attr-defined]
    saved = (sys.argv, sys.path[0], sys.modules.get("__main__"))
    sys.argv = [args0, *args]
    sys.path[0] = path0
    sys.modules["__main__"] = main
    try:
        exec(code, main.__dict__)
    except SystemExit as exc:
        code_ = exc.code
        if code_ is None or isinstance(code_, int):
            return code_ or 0
        print(code_, file=sys.stderr)  # as python does for sys.exit("message")
        return 1
    finally:
        sys.argv, sys.path[0] = saved[0], saved[1]
        if verbose:
            sys.stdout.flush()
            for line in explain(_ACTIVE):
                print(f"rustify run: {line}", file=sys.stderr)
    return 0


def _module_spec(name: str):
    """The spec of the module `python -m name` would run (a package's `__main__`)."""
    import importlib.util

    sys.path.insert(0, os.getcwd())  # as python -m: the current directory first
    try:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations is not None:
            spec = importlib.util.find_spec(f"{name}.__main__")
    except (ImportError, ValueError) as exc:
        raise InputError(f"cannot find module: {exc}", Location(name)) from None
    finally:
        sys.path.pop(0)
    if spec is None or not spec.origin or not os.path.exists(spec.origin):
        raise InputError("no such module (or it has no Python source)", Location(name))
    return spec


def program_traceback(exc: BaseException, script: str):
    """The traceback from the program's first frame on: rustify's own frames are not shown."""
    path = os.path.abspath(script)
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    if tb is None and not isinstance(exc, SyntaxError):  # raised before the program ran: keep it all
        return exc.__traceback__
    return tb


def run_program(script: str, args: list[str], build_doc: str | None = None, *, prog: str = "rustify run",
                verbose: bool = False, as_module: bool = False) -> int:
    """`run_script` with the CLI's contract: the program's exceptions print as python prints
    them (exit 1); rustify's own errors are one line (exit 2 for bad input)."""
    from rustify.errors import RustifyError

    try:
        status = run_script(script, args, build_doc, verbose=verbose, as_module=as_module)
    except RustifyError as exc:
        for line in exc.lines():
            print(f"{prog}: error: {line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # the program's own exception
        exc = exc.with_traceback(program_traceback(exc, script))
        sys.excepthook(type(exc), exc, exc.__traceback__)
        status = 1
    sys.stdout.flush()
    return status
