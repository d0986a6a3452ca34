"""Parity: the Rust function must return exactly what the Python original returns.

Runs in a fresh interpreter (`python -m rustify.building.verification`), so the extension
module just installed is imported cleanly and the program's top-level code cannot
disturb the build process. For every case (captured samples, then inputs generated
from the signature) the original and the translation run on independent copies (a
sample decoded once for each, a generated input deep-copied); results are compared
with `values.same_value` (type and value, floats bit for bit), exceptions by type,
message and `args`, which objects the result shares with the arguments
(`identity.sharing`: `result is arg`, `result[0] is arg[2]`), and the arguments
afterwards (in-place mutation). A function that reads module globals (constants,
other functions) runs a few cases again with them rebound, as a program may, and
must follow: the same results and the same calls of the rebound functions. A deopt
runs the original (registered as the fallback), so it matches by construction. A case
on which the original takes too long is skipped. One mismatch fails the function and
is stored, encoded, as the counter-example.

A parameter holding instances of a class (`pytypes.OpaqueT`, also inside a container)
gets no generated inputs: such a function is checked on its captured samples only, its
instances rebuilt from their attributes (`values` `$object`) as classes of the module
loaded here (`class_resolver`). A sample that cannot be rebuilt is skipped with the reason;
with none left, the function has no parity result and stays Python.

A method (`Class.method`) is checked as the function its `def` made, read from the class's
own `__dict__` (`defined_function`; a staticmethod's or classmethod's function), called
with the sample's arguments, `self` first. A classmethod's class is not in its samples
(they record only `type`): its own class, as loaded here, is passed.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import importlib
import importlib.util
import os
import signal
import subprocess
import sys
from types import FunctionType
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import orjson

from rustify import documents, pytypes, values

from rustify.building import identity, inputs
from rustify.building.definitions import definitions
from rustify.call_shape import CallShape
from rustify.isolation import module_command
from rustify.records import Generation
from rustify.sources import is_user_code

CASE_SECONDS = 0.5
#: cases run again with the function's module globals rebound
REBOUND_CASES = 12


class _Timeout(Exception):
    """The original took longer than CASE_SECONDS on a case: it is skipped, not checked."""


class _OutOfMemory(Exception):
    """The original ran out of memory on a case (the checker's address-space limit): skipped,
    since running the translation on it could only abort the checker."""


class NoCases(ValueError):
    """A function that parity cannot check at all: it gets an error, not a parity result."""


#: why cases were skipped, as the build document says it
SKIP_REASONS = {_Timeout: f"the original took over {CASE_SECONDS} s", _OutOfMemory: "the original ran out of memory"}


@dataclass(frozen=True)
class Captured:
    """A captured sample, kept encoded: each run decodes a copy of its own, so what the
    original does to its arguments (an attribute set, an item appended) cannot reach the
    translation's, and no class's `__deepcopy__` runs."""

    #: parameter name -> encoded value, in the parameters' order
    args: dict[str, Any]
    classes: values.ClassResolver | None = None
    #: parameter name -> a value passed as it is, not decoded (a classmethod's class)
    given: dict[str, Any] = field(default_factory=dict)
    #: a value too large to keep was cut to its first items: a smaller call than the program's
    shortened: bool = False

    def decode(self) -> tuple:
        """The arguments, freshly built; ValueError naming the parameter when one cannot be."""
        out = []
        for name, data in self.args.items():
            if name in self.given:
                out.append(self.given[name])
                continue
            try:
                out.append(values.decode(data, classes=self.classes))
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None
        return tuple(out)


def rebuildable(samples: list) -> tuple[list, dict[str, int]]:
    """The samples that decode, and why the others do not (reason -> how many)."""
    usable, skipped = [], {}
    for case in samples:
        try:
            if isinstance(case, Captured):
                case.decode()
        except ValueError as exc:
            reason = f"a captured sample could not be rebuilt ({exc})"
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        usable.append(case)
    return usable, skipped


def class_resolver(module: Any, source_module: str | None) -> values.ClassResolver:
    """Classes (and functions) named in samples (`module.Qualname`): those of the function's
    module as loaded for the check, named as the profiled program knew it (`__main__.X` for
    a script) or as loaded, then those of user modules already imported. A document never
    makes the checker import anything, nor reach a library's classes."""
    own = {module.__name__, source_module or module.__name__}

    def resolve(name: str) -> type:
        parts = name.split(".")
        for i in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:i])
            found = module if prefix in own else sys.modules.get(prefix) if prefix != "__main__" else None
            if found is None or (found is not module and not is_user_code(getattr(found, "__file__", None) or "")):
                continue
            for attr in parts[i:]:  # through the namespaces: no module __getattr__ runs
                found = getattr(found, "__dict__", {}).get(attr)
            if isinstance(found, (type, FunctionType)):
                return found
        raise ValueError(f"unknown class {name!r}: not in the function's module nor in a user module it imports")

    return resolve


def _fresh(case: Any) -> tuple:
    return case.decode() if isinstance(case, Captured) else copy.deepcopy(case)


def _parameter_names(func: Any) -> tuple[str, ...]:
    func = getattr(func, "__wrapped__", func)  # (a CallShape adapter)
    code = getattr(func, "__code__", None)
    if code is None:
        return ()
    names = code.co_varnames  # positional, keyword-only, *args, **kwargs: reordered as bound
    positional, end = list(names[:code.co_argcount]), code.co_argcount + code.co_kwonlyargcount
    keyword = list(names[code.co_argcount:end])
    star = [names[end]] if code.co_flags & 0x04 else []
    starstar = [names[end + len(star)]] if code.co_flags & 0x08 else []
    return tuple(positional + star + keyword + starstar)


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _Timeout()


def load_original(root: str, file: str, qualname: str, cache: dict[str, Any], *, script: bool = False,
                  reads: tuple[str, ...] = ()):
    """The Python function as defined in its source. An imported module runs as the program
    imports it (its `__main__` block does not run); a script (`script`) runs its definitions
    only, never its program (building/definitions.py). `reads`: the module globals the
    function depends on, which must not be among what a script's program alone sets."""
    path = Path(file) if os.path.isabs(file) else Path(root) / file
    if str(path) not in cache:
        name = f"_rustify_original_{abs(hash(str(path)))}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules[name] = module
        sys.path.insert(0, str(path.parent))
        skipped: list = []
        if script:
            tree, skipped = definitions(ast.parse(path.read_bytes(), filename=str(path)))
            exec(compile(tree, str(path), "exec", dont_inherit=True), module.__dict__)
        else:
            spec.loader.exec_module(module)  # type: ignore[union-attr]
        cache[str(path)] = (module, skipped)
    module, skipped = cache[str(path)]
    for name in reads:
        if not hasattr(module, name):
            where = next((s.line for s in skipped if name in s.binds), None)
            if where is not None:
                raise ValueError(f"it reads `{name}`, which only the script's program sets (line {where}); "
                                 "parity checks never run a script's program: set it in a function or "
                                 "at top level from literals, or guard the program with "
                                 "`if __name__ == \"__main__\":`")
    return defined_function(module, qualname)[0]


def defined_function(module: Any, qualname: str) -> tuple[Any, str, type | None]:
    """The function `qualname` names in `module`, how its class binds it, and that class: a
    module-level function (`function`, None), or a method (`Class.method`) read from its
    class's own `__dict__` as the class body left it: `method`, or the function a
    `staticmethod` or `classmethod` holds."""
    head, *rest = qualname.split(".")
    obj, owner = getattr(module, head), None
    for part in rest:
        if not isinstance(obj, type):
            raise AttributeError(f"{qualname}: {obj!r} is not a class")
        owner, obj = obj, vars(obj)[part]
    if owner is None:
        return obj, "function", None
    if isinstance(obj, (staticmethod, classmethod)):
        return obj.__func__, type(obj).__name__, owner
    return obj, "method", owner


def is_generator(value: Any) -> bool:
    """A generator object: CPython's, or a translated one (runtime gen.rs `Generator`)."""
    return type(value).__name__ == "generator" and hasattr(value, "send") and hasattr(value, "throw")


def drained(gen: Any) -> dict:
    """A generator's whole output: the values it yields, then how it ended (StopIteration's
    value, or the exception), compared as one result."""
    items = []
    try:
        while True:
            items.append(next(gen))
    except StopIteration as stop:
        return {"yielded": items, "returned": stop.value}
    except _Timeout:
        raise
    except Exception as exc:  # how it ended is part of the result
        return {"yielded": items, "raised": (type(exc).__name__, str(exc), exc.args)}


def outcome(func, args: tuple) -> tuple[str, Any, tuple]:
    """("ok", result, what it shares with `args`) or ("raised", (type, str, args), ()); a
    generator's result is its whole output (`drained`)."""
    try:
        result = func(*args)
        if is_generator(result):
            result = drained(result)
    except _Timeout:
        raise
    except Exception as exc:  # the exception is the result being compared: type, message and args
        return "raised", (type(exc).__name__, str(exc), exc.args), ()
    return "ok", result, identity.sharing(result, args)


def compare(case: tuple | Captured, original, translated, observe: Callable[[], Any] | None = None) -> dict | None:
    """None when both agree on `case`, else the counter-example; `_Timeout` when the original is too slow.

    Agreeing means: the same value (or exception type, message and args), the same
    objects shared with the arguments, the same arguments afterwards, and the same
    `observe()` (what the run did to the outside, e.g. calls of a rebound function)."""
    py_args, rs_args = _fresh(case), _fresh(case)
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    try:
        expected = outcome(original, py_args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if expected[0] == "raised" and expected[1][0] == "MemoryError":
        raise _OutOfMemory()
    py_seen = observe() if observe else None
    actual = outcome(translated, rs_args)
    rs_seen = observe() if observe else None
    what = ""
    if expected[0] != actual[0]:
        what = f"python {expected[0]} {short(expected[1])}, rust {actual[0]} {short(actual[1])}"
    elif not values.same_value(expected[1], actual[1], nan_payloads=False):  # (see values._Walk)
        what = values.describe_difference(expected[1], actual[1], nan_payloads=False) if expected[0] == "ok" \
            else f"python raised {short(expected[1])}, rust raised {short(actual[1])}"
    elif expected[2] != actual[2]:
        what = identity.describe(expected[2], actual[2])
    elif not values.same_value(py_args, rs_args, nan_payloads=False):
        names = _parameter_names(original)
        i = next(i for i, (a, b) in enumerate(zip(py_args, rs_args))
                 if not values.same_value(a, b, nan_payloads=False))
        what = f"argument {names[i] if i < len(names) else f'#{i + 1}'} differs after the call: " + \
            values.describe_difference(py_args[i], rs_args[i], nan_payloads=False)
    elif py_seen != rs_seen:
        what = f"python {py_seen}, rust {rs_seen}"
    if not what:
        return None
    encoded = list(case.args.values()) if isinstance(case, Captured) else \
        [values.try_encode(a, max_items=10_000) for a in case]
    return {"args": encoded, "difference": what}


def changed_value(value: Any) -> Any:
    """Another value of the same type, for rebinding a module constant."""
    if type(value) is bool:
        return not value
    if type(value) is int:
        return value + 1
    if type(value) is float:
        return value * 0.5 + 0.25
    return value


@contextlib.contextmanager
def rebound(module: Any, reads: list[dict]):
    """Rebind the globals a function reads, as a program may: constants to other values of
    their type, functions to wrappers that count their calls. Yields the counts."""
    namespace = vars(module)
    saved = {r["name"]: namespace[r["name"]] for r in reads if r["name"] in namespace}
    calls: dict[str, int] = {}

    def counting(name: str, func):
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return func(*args, **kwargs)
        return wrapper

    try:
        for r in reads:
            if r["name"] in saved:
                old = saved[r["name"]]
                namespace[r["name"]] = counting(r["name"], old) \
                    if r["kind"] in ("function", "stdlib", "stdlib object") else changed_value(old)
        yield calls
    finally:
        namespace.update(saved)


def rebinding_parity(cases: list[tuple], module: Any, reads: list[dict], original, translated) -> tuple[int, list[dict]]:
    """Run cases with the function's globals rebound: the translation must follow."""
    names = ", ".join(r["name"] for r in reads)
    checked, failures = 0, []
    with rebound(module, reads) as calls:
        def observe() -> dict[str, int]:
            seen = dict(calls)
            calls.clear()
            return {"calls of rebound functions": seen} if seen else {}

        for case in cases[:REBOUND_CASES]:
            try:
                result = compare(case, original, translated, observe)
            except (_Timeout, _OutOfMemory):
                continue
            checked += 1
            if result is not None:
                result["difference"] = f"with {names} rebound: {result['difference']}"
                failures.append(result)
                break
    return checked, failures


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 120 else text[:117] + "..."


def parity(types: list[pytypes.PyType], samples: list, original, translated,
           module: Any = None, reads: list[dict] | None = None, samples_only: bool = False) -> dict:
    """Compare on the samples (argument tuples, or `Captured` ones) and generated inputs;
    then, when the function reads module globals, on a few of them again with those
    globals rebound in `module`. A function taking instances of classes is compared on
    samples only; with none that can be rebuilt it cannot be checked (`NoCases`)."""
    failures = []
    checked = 0
    all_cases, skipped = rebuildable(samples)
    classes = sorted({str(o) for t in types for o in pytypes.opaque_parts(t)})
    if samples_only and not classes and not all_cases:
        why = "; ".join(f"{reason} x{n}" for reason, n in skipped.items()) or "there is no captured sample"
        raise NoCases(f"no parity case: it calls Python code, so it is checked only on captured samples, and {why}")
    if classes and not all_cases:
        why = "; ".join(f"{reason} x{n}" for reason, n in skipped.items()) or "there is no captured sample"
        raise NoCases(f"no parity case: instances of {', '.join(classes)} are never generated, only captured, "
                      f"and {why}")
    if not classes and not samples_only:
        try:
            all_cases += inputs.cases(types)
        except ValueError:
            pass  # a type we cannot generate: samples only
    for case in all_cases:
        try:
            result = compare(case, original, translated)
        except (_Timeout, _OutOfMemory) as exc:  # not a case (and not counted as passed)
            reason = SKIP_REASONS[type(exc)]
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        checked += 1
        if result is not None:
            failures.append(result)
            if len(failures) >= 3:
                break
    if reads and module is not None and not failures:
        more, rebound_failures = rebinding_parity(all_cases, module, reads, original, translated)
        checked += more
        failures += rebound_failures
    out = {"cases": checked, "passed": checked - len(failures), "failures": failures}
    if skipped:
        out["skipped"] = skipped
    return out


def consuming(func):
    """`func` called and its generator run to the end (C-speed, the same for both sides)."""
    import collections

    def call(*args, **kwargs):
        collections.deque(func(*args, **kwargs), maxlen=0)
    return call


def bench(args: tuple, original, translated, *, mutates: bool = False, repeats: int = 9,
          inputs_from: str = "captured sample", shape: CallShape | None = None) -> dict:
    """Per-call times of each, interleaved repeat by repeat (on fresh copies when arguments
    are mutated). The speedup is the median of the per-repeat ratios, so drift of a noisy
    machine hits both sides of each ratio; their range says how sure it is: the function is
    significantly slower only when every repeat was slower (`speedup_range[1] < 1`)."""
    import inspect
    import timeit

    shape = shape or CallShape(tuple((f"a{i}", "positional") for i in range(len(args))))
    if inspect.isgeneratorfunction(original):  # a generator is timed to its end
        original, translated = consuming(original), consuming(translated)

    def runner(func):
        if mutates:  # each call gets its own (shallow) copies, so a list that grows stays the sample's size
            spread = shape.adapt(func)
            return lambda: spread(*[copy.copy(a) for a in args])
        # called as a program calls it, `f(a, b)`: CPython specializes that call of a Python
        # function (its frame is pushed inline), so a small function's call cost counts
        names = [f"a{i}" for i in range(len(args))]
        namespace: dict = {}
        exec(f"def make({', '.join(['func', *names])}):\n    return lambda: {shape.call_text('func', names)}", namespace)
        return namespace["make"](func, *args)

    py_timer, rs_timer = timeit.Timer(runner(original)), timeit.Timer(runner(translated))
    number, _ = py_timer.autorange()
    py_times, rs_times = [], []
    for _ in range(repeats):
        py_times.append(py_timer.timeit(number) / number)
        rs_times.append(rs_timer.timeit(number) / number)
    py_ns = sorted(py_times)[repeats // 2] * 1e9
    rs_ns = sorted(rs_times)[repeats // 2] * 1e9
    ratios = sorted(p / r for p, r in zip(py_times, rs_times) if r > 0)
    speedup = ratios[len(ratios) // 2] if ratios else 0.0
    return {"python_ns": round(py_ns, 1), "rust_ns": round(rs_ns, 1), "speedup": round(speedup, 2),
            "speedup_range": [round(ratios[0], 2), round(ratios[-1], 2)] if ratios else [0.0, 0.0],
            "repeats": repeats, "inputs": inputs_from}


def first_timed(candidates, time) -> tuple[dict | None, str | None]:
    """`time(args, inputs_from)` of the first candidate call that does not raise, else why the
    last one raised: a captured sample cut down to fit (a big dict missing the key the call
    reads) or an object argument changed by earlier calls until it raised is passed over."""
    why = None
    for args, inputs_from in candidates:
        try:
            return time(args, inputs_from), None
        except Exception as exc:  # noqa: BLE001 - the original raised on it: not a timing
            why = f"{type(exc).__name__}: {exc}"
    return None, why


def run(generation: Generation, ids: list[str], *, verify: bool, do_bench: bool,
        report: Callable[[str, dict | None], None]) -> None:
    """Check each function; `report(id, None)` before it starts, `report(id, result)` after."""
    signal.signal(signal.SIGALRM, _on_alarm)
    ext = importlib.import_module(generation.crate.module)
    root = generation.extra.get("root", os.getcwd())
    modules: dict[str, Any] = {}
    for f in generation.functions:
        if f.id not in ids:
            continue
        report(f.id, None)
        entry: dict[str, Any] = {}
        try:
            original = load_original(root, f.file, f.qualname, modules, script=f.source_module == "__main__",
                                     reads=tuple(g["name"] for g in f.extra.get("globals", [])))
            translated = getattr(ext, f.rust_name)
            ext._rustify_set_fallback(f.rust_name, original)
            if "params" not in f.extra:
                raise ValueError("the generation document has no parameter types for it: run rustify-gen again")
            types = [pytypes.parse_type(p["type"]) for p in f.extra["params"]]
            names = [p["name"] for p in f.extra.get("params", [])]
            module = sys.modules.get(getattr(original, "__module__", ""))
            classes = class_resolver(module, f.source_module) if module is not None else None
            given = {}
            if module is not None and "." in f.qualname and names:
                _, kind, owner = defined_function(module, f.qualname)
                if kind == "classmethod":  # its class: a sample records only `type`, never which
                    given[names[0]] = owner
            samples = [Captured({n: s.args[n] for n in names}, classes, given, shortened=bool(s.shortened))
                       for s in f.samples if all(n in s.args for n in names)]
            shape = CallShape.of(f.extra["params"])  # (`*args`, keyword-only: passed as the program does)
            if verify:
                entry["parity"] = parity(types, samples, shape.adapt(original), shape.adapt(translated), module,
                                         f.extra.get("globals", []), samples_only=bool(f.extra.get("calls_python")))
            if do_bench and (rebuildable(samples)[0] or not f.extra.get("calls_python")):
                # timed on a call as the program made it: a whole sample first; a sample the
                # original raises on (a big argument cut down when captured: a key left out) is
                # passed over for the next
                usable = sorted(rebuildable(samples)[0], key=lambda case: case.shortened)
                candidates = (((case.decode(), "shortened captured sample" if case.shortened else "captured sample")
                               for case in usable) if usable else
                              ((args, "generated input") for args in [next(iter(inputs.cases(types, count=1)), ())]))
                def time(args, inputs_from, f=f, original=original, translated=translated, shape=shape):
                    # timed through the object `rustify run` puts in the original's place
                    swapped = ext._rustify_swap(translated, original) if hasattr(ext, "_rustify_swap") \
                        and isinstance(original, FunctionType) else translated
                    return bench(args, original, swapped, mutates=bool(f.extra.get("mutates")),
                                 inputs_from=inputs_from, shape=shape)

                timed, why = first_timed(candidates, time)
                if timed is not None:
                    entry["bench"] = timed
                if why is not None:
                    entry["bench_error"] = why
        except NoCases as exc:  # nothing to check it on: no case checked, so it stays Python
            entry = {"parity": {"cases": 0, "passed": 0, "failures": []}, "error": str(exc)}
        except MemoryError:
            entry = {"error": f"parity check ran out of memory (limit {memory_limit_gib()} GiB) while checking it"}
        except Exception as exc:  # a function we cannot check is reported, not fatal
            entry["error"] = f"{type(exc).__name__}: {exc}"
        report(f.id, entry)


#: no function's check may take longer than this (the translation has no alarm of its own)
FUNCTION_SECONDS = float(os.environ.get("RUSTIFY_VERIFY_SECONDS", "300"))


def memory_limit_gib() -> float:
    """The address-space limit of the checking process (RUSTIFY_VERIFY_MEMORY_GIB, default 8):
    a translation that allocates without bound fails that function, not the machine."""
    return float(os.environ.get("RUSTIFY_VERIFY_MEMORY_GIB", "8"))


def _limit_memory() -> None:  # pragma: no cover - runs in the child before exec
    import resource

    limit = int(memory_limit_gib() * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def death(status: int, timed_out: bool, stderr: str) -> str:
    """What ended a checking process, in words."""
    if timed_out:
        return f"timed out after {FUNCTION_SECONDS:g} s"
    tail = next((line.strip() for line in reversed(stderr.splitlines()) if line.strip()), "")
    if status < 0:
        sig = -status
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
        why = {signal.SIGKILL: "out of memory? the kernel's OOM killer sends it",
               signal.SIGABRT: f"a failed allocation under the {memory_limit_gib():g} GiB limit aborts so",
               signal.SIGSEGV: "a segmentation fault"}.get(sig)
        return f"killed by signal {sig} ({name}{'; ' + why if why else ''})"
    memory = "MemoryError" in stderr or "memory allocation" in stderr
    return (f"out of memory (limit {memory_limit_gib():g} GiB)" if memory else f"exit status {status}") + \
        (f": {tail}" if tail else "")


def verify_in_subprocess(generation: Generation, ids: list[str], *, verify: bool, bench: bool,
                         progress: Callable[[str], None] | None = None) -> dict[str, dict]:
    """Check in a fresh interpreter; if it dies (killed, out of memory, a crash, a hang),
    the function it was checking fails with that reason and the rest are checked again
    in a new one. Results are per function, never one failure for the whole build."""
    results: dict[str, dict] = {}
    pending = list(ids)
    names = {f.id: f.qualname for f in generation.functions}
    begun: set[str] = set()

    def started(fid: str) -> None:
        begun.add(fid)
        if progress is not None:
            progress(f"{len(begun)}/{len(ids)} {names.get(fid, fid)}")
    with tempfile.TemporaryDirectory(prefix="rustify-verify-") as tmp:
        doc_path = Path(tmp) / "generation.json"
        documents.write_document(generation, "generation", str(doc_path))
        while pending:
            out, err = Path(tmp) / "out.jsonl", Path(tmp) / "stderr.txt"
            out.unlink(missing_ok=True)
            command = module_command("rustify.building.verification", str(doc_path), "--out", str(out))
            command += [f"--id={i}" for i in pending]
            command += ["--verify"] if verify else []
            command += ["--bench"] if bench else []
            status, timed_out = _watch(command, out, err, generation.extra.get("root") or None, started)
            checking: str | None = None  # (not `started`: the next checker is told of it too)
            for line in out.read_bytes().splitlines() if out.exists() else []:
                record = orjson.loads(line)
                if record.get("result") is None:
                    checking = record["id"]
                else:
                    results[record["id"]] = record["result"]
                    checking = None
            pending = [i for i in pending if i not in results]
            if status == 0 and not timed_out:
                for i in pending:  # not reached by a process that ended well: should not happen
                    results[i] = {"error": "parity check ended without checking it"}
                break
            reason = death(status, timed_out, err.read_text(errors="replace") if err.exists() else "")
            if checking is None:  # it died before checking anything (the extension does not import, ...)
                for i in pending:
                    results[i] = {"error": f"parity check {reason}"}
                break
            results[checking] = {"error": f"parity check {reason} while checking it"}
            pending.remove(checking)
    return results


def _watch(command: list[str], out: Path, err: Path, cwd: str | None,
           started: Callable[[str], None] | None = None) -> tuple[int, bool]:
    """Run the checker; kill it when one function takes longer than FUNCTION_SECONDS.
    `started(id)` is told of each function as the checker begins it."""
    import time

    with open(err, "w") as err_file:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sys.stderr.fileno(), stderr=err_file, cwd=cwd,
                                preexec_fn=_limit_memory)
        last_size, last_change, seen = -1, time.monotonic(), 0
        while True:
            try:
                return proc.wait(timeout=0.5), False
            except subprocess.TimeoutExpired:
                size = out.stat().st_size if out.exists() else -1  # (not yet made: a slow import)
                if size != last_size and size >= 0:
                    last_size, last_change = size, time.monotonic()
                    lines = out.read_bytes().splitlines()
                    for line in lines[seen:]:
                        try:
                            record = orjson.loads(line)
                        except orjson.JSONDecodeError:
                            break  # a line still being written: read it next time
                        seen += 1
                        if started is not None and record.get("result") is None:
                            started(record["id"])
                elif time.monotonic() - last_change > FUNCTION_SECONDS:
                    proc.kill()
                    return proc.wait(), True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rustify.building.verification")
    parser.add_argument("generation")
    parser.add_argument("--out", required=True, help="JSON lines: {id, result} (result null when it starts)")
    parser.add_argument("--id", action="append", default=[])
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--bench", action="store_true")
    opts = parser.parse_args(argv)
    generation = documents.load(Generation, "generation", opts.generation)
    real_stdout = os.dup(1)
    os.dup2(2, 1)  # the program's top-level prints must not mix with anything
    with open(opts.out, "ab") as out:
        def report(fid: str, result: dict | None) -> None:
            out.write(orjson.dumps({"id": fid, "result": result}) + b"\n")
            out.flush()

        try:
            run(generation, opts.id, verify=opts.verify, do_bench=opts.bench, report=report)
        finally:
            sys.stdout.flush()
            os.dup2(real_stdout, 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
