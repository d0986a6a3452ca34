"""Parity: the Rust function must return exactly what the Python original returns.

Runs in a fresh interpreter (`python -m rustify.verification`), so the extension
module just installed is imported cleanly and the program's top-level code cannot
disturb the build process. For every case (captured samples, then inputs generated
from the signature) the original and the translation run on independent deep
copies; results are compared with `values.same_value` (type and value, floats bit
for bit), exceptions by type, message and `args`, which objects the result shares
with the arguments (`identity.sharing`: `result is arg`, `result[0] is arg[2]`), and
the arguments afterwards (in-place mutation). A function that reads module globals
(constants, other functions) runs a few cases again with them rebound, as a program
may, and must follow: the same results and the same calls of the rebound functions. A deopt runs the original (registered as the fallback), so it matches by
construction. A case on which the original takes too long is skipped. One mismatch
fails the function and is stored, encoded, as the counter-example.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import orjson

from rustify import documents, identity, inputs, pytypes, values
from rustify.errors import ToolError
from rustify.records import Generation

CASE_SECONDS = 0.5
#: cases run again with the function's module globals rebound
REBOUND_CASES = 12


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _Timeout()


def load_original(root: str, file: str, qualname: str, cache: dict[str, Any]):
    """The Python function as defined in its source (module code runs, `__main__` block does not)."""
    path = Path(file) if os.path.isabs(file) else Path(root) / file
    if str(path) not in cache:
        name = f"_rustify_original_{abs(hash(str(path)))}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules[name] = module
        sys.path.insert(0, str(path.parent))
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        cache[str(path)] = module
    return getattr(cache[str(path)], qualname)


def outcome(func, args: tuple) -> tuple[str, Any, tuple]:
    """("ok", result, what it shares with `args`) or ("raised", (type, str, args), ())."""
    try:
        result = func(*args)
    except _Timeout:
        raise
    except Exception as exc:  # the exception is the result being compared: type, message and args
        return "raised", (type(exc).__name__, str(exc), exc.args), ()
    return "ok", result, identity.sharing(result, args)


def compare(case: tuple, original, translated, observe: Callable[[], Any] | None = None) -> dict | None:
    """None when both agree on `case`, else the counter-example; `_Timeout` when the original is too slow.

    Agreeing means: the same value (or exception type, message and args), the same
    objects shared with the arguments, the same arguments afterwards, and the same
    `observe()` (what the run did to the outside, e.g. calls of a rebound function)."""
    py_args, rs_args = copy.deepcopy(case), copy.deepcopy(case)
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    try:
        expected = outcome(original, py_args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    py_seen = observe() if observe else None
    actual = outcome(translated, rs_args)
    rs_seen = observe() if observe else None
    what = ""
    if expected[0] != actual[0]:
        what = f"python {expected[0]} {short(expected[1])}, rust {actual[0]} {short(actual[1])}"
    elif not values.same_value(expected[1], actual[1]):
        what = values.describe_difference(expected[1], actual[1]) if expected[0] == "ok" else \
            f"python raised {short(expected[1])}, rust raised {short(actual[1])}"
    elif expected[2] != actual[2]:
        what = identity.describe(expected[2], actual[2])
    elif not values.same_value(py_args, rs_args):
        what = "arguments differ after the call: " + values.describe_difference(py_args, rs_args)
    elif py_seen != rs_seen:
        what = f"python {py_seen}, rust {rs_seen}"
    if not what:
        return None
    return {"args": [values.try_encode(a, max_items=10_000) for a in case], "difference": what}


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
                namespace[r["name"]] = counting(r["name"], old) if r["kind"] == "function" else changed_value(old)
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
            except _Timeout:
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


def parity(types: list[pytypes.PyType], samples: list[tuple], original, translated,
           module: Any = None, reads: list[dict] | None = None) -> dict:
    """Compare on the samples and generated inputs; then, when the function reads module
    globals, on a few of them again with those globals rebound in `module`."""
    failures = []
    checked = 0
    all_cases = list(samples)
    try:
        all_cases += inputs.cases(types)
    except ValueError:
        pass  # a type we cannot generate: samples only
    for case in all_cases:
        try:
            result = compare(case, original, translated)
        except _Timeout:
            continue  # too slow to check in Python: not a case (and not counted as passed)
        checked += 1
        if result is not None:
            failures.append(result)
            if len(failures) >= 3:
                break
    if reads and module is not None and not failures:
        more, rebound_failures = rebinding_parity(all_cases, module, reads, original, translated)
        checked += more
        failures += rebound_failures
    return {"cases": checked, "passed": checked - len(failures), "failures": failures}


def bench(args: tuple, original, translated, *, mutates: bool = False, repeats: int = 7) -> dict:
    """Median per-call time of each, interleaved, on fresh copies when arguments are mutated."""
    import timeit

    def runner(func):
        if mutates:  # each call gets its own (shallow) copies, so a list that grows stays the sample's size
            return lambda: func(*[copy.copy(a) for a in args])
        return lambda: func(*args)

    py_timer, rs_timer = timeit.Timer(runner(original)), timeit.Timer(runner(translated))
    number, _ = py_timer.autorange()
    py_times, rs_times = [], []
    for _ in range(repeats):
        py_times.append(py_timer.timeit(number) / number)
        rs_times.append(rs_timer.timeit(number) / number)
    py_ns = sorted(py_times)[repeats // 2] * 1e9
    rs_ns = sorted(rs_times)[repeats // 2] * 1e9
    return {"python_ns": round(py_ns, 1), "rust_ns": round(rs_ns, 1), "speedup": round(py_ns / rs_ns, 2) if rs_ns else 0.0}


def run(generation: Generation, ids: list[str], *, verify: bool, do_bench: bool) -> dict[str, dict]:
    signal.signal(signal.SIGALRM, _on_alarm)
    ext = importlib.import_module(generation.crate.module)
    root = generation.extra.get("root", os.getcwd())
    modules: dict[str, Any] = {}
    results: dict[str, dict] = {}
    for f in generation.functions:
        if f.id not in ids:
            continue
        entry: dict[str, Any] = {}
        try:
            original = load_original(root, f.file, f.qualname, modules)
            translated = getattr(ext, f.rust_name)
            ext._rustify_set_fallback(f.rust_name, original)
            if "params" not in f.extra:
                raise ValueError("the generation document has no parameter types for it: run rustify-gen again")
            types = [pytypes.parse_type(p["type"]) for p in f.extra["params"]]
            names = [p["name"] for p in f.extra.get("params", [])]
            samples = [tuple(values.decode(s.args[n]) for n in names) for s in f.samples if all(n in s.args for n in names)]
            if verify:
                module = sys.modules.get(getattr(original, "__module__", ""))
                entry["parity"] = parity(types, samples, original, translated, module, f.extra.get("globals", []))
            if do_bench:
                bench_args = samples[0] if samples else next(iter(inputs.cases(types, count=1)), ())
                entry["bench"] = bench(bench_args, original, translated, mutates=bool(f.extra.get("mutates")))
        except Exception as exc:  # a function we cannot check is reported, not fatal
            entry["error"] = f"{type(exc).__name__}: {exc}"
        results[f.id] = entry
    return results


def verify_in_subprocess(generation: Generation, ids: list[str], *, verify: bool, bench: bool) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="rustify-verify-") as tmp:
        doc_path = Path(tmp) / "generation.json"
        documents.write_document(generation, "generation", str(doc_path))
        command = [sys.executable, "-m", "rustify.verification", str(doc_path), "--out", str(Path(tmp) / "out.json")]
        command += [f"--id={i}" for i in ids]
        if verify:
            command.append("--verify")
        if bench:
            command.append("--bench")
        done = subprocess.run(command, stdout=sys.stderr.fileno(), stderr=subprocess.PIPE, text=True,
                              cwd=generation.extra.get("root") or None)
        out = Path(tmp) / "out.json"
        if done.returncode != 0 or not out.exists():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise ToolError(f"parity check crashed: {last}")
        return orjson.loads(out.read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rustify.verification")
    parser.add_argument("generation")
    parser.add_argument("--out", required=True)
    parser.add_argument("--id", action="append", default=[])
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--bench", action="store_true")
    opts = parser.parse_args(argv)
    generation = documents.load(Generation, "generation", opts.generation)
    real_stdout = os.dup(1)
    os.dup2(2, 1)  # the program's top-level prints must not mix with anything
    try:
        results = run(generation, opts.id, verify=opts.verify, do_bench=opts.bench)
    finally:
        sys.stdout.flush()
        os.dup2(real_stdout, 1)
    Path(opts.out).write_bytes(orjson.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
