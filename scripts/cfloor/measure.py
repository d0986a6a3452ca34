"""CPython, rustify and the C floor on the same arguments, side by side in one process.

A speedup over CPython says little about what is left to gain; the distance to a
hand-written C kernel computing the same bits does. The three are timed in one loop of
interleaved repeats (the order rotating each repeat, a noisy machine's drift hitting all
three alike) and reported as medians; the ratios are medians of per-repeat ratios. Before
any timing, the C kernel's result is compared with CPython's bit for bit: a floor that
computes something else is no floor.
"""

from __future__ import annotations

import importlib
import math
import statistics
import struct
import timeit
from dataclasses import dataclass
from types import FunctionType, ModuleType
from typing import Any, Callable

from rustify.building.verification import Captured, load_original, rebuildable
from rustify.records import Generation

#: build statuses whose translation is installed and checked (parity passed)
TIMED = ("accelerated", "slower")
#: example program -> its functions kernels.c has a kernel for (of the same name)
KERNELS = {
    "matrix_ops": ("matmul", "matmul_rows", "dot_product"),
    "signal_ops": ("convolve1d", "moving_average", "cross_correlate", "diff", "cumsum"),
    "scaling": ("standard_scale", "min_max_scale", "robust_scale", "l2_normalize"),
    "data_pipeline": ("running_mean", "zscore_normalize"),
    "image_preprocess": ("normalize_pixels", "apply_gamma", "channel_mean"),
    "euclidean": ("euclidean",),
}


@dataclass
class FloorRow:
    qualname: str
    example: str
    python_ns: float
    c_ns: float
    #: None when the function has no usable translation (its build status says why)
    rust_ns: float | None
    distance: float | None  # rustify / C, median of per-repeat ratios
    speedup: float | None  # CPython / rustify
    c_speedup: float
    exact: bool  # the C kernel returned exactly what CPython returned
    status: str


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types, floats bit for bit (-0.0 and NaNs included)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return struct.pack("<d", a) == struct.pack("<d", b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def outcome(func: Callable, args: tuple) -> tuple[str, Any]:
    """What a call gives: ("value", result) or ("raised", (type, message))."""
    try:
        return "value", func(*args)
    except Exception as exc:  # noqa: BLE001 - an exception is a result to compare
        return "raised", (type(exc), str(exc))


def agree(expected: tuple[str, Any], got: tuple[str, Any]) -> bool:
    return expected[0] == got[0] and (same(expected[1], got[1]) if expected[0] == "value"
                                      else expected[1] == got[1])


def call_of(func: Callable, args: tuple) -> Callable[[], Any]:
    """`lambda: func(a0, a1)` with the arguments written out, as a program calls it."""
    names = [f"a{i}" for i in range(len(args))]
    namespace: dict = {}
    exec(f"def make(func, {', '.join(names)}):\n    return lambda: func({', '.join(names)})", namespace)
    return namespace["make"](func, *args)


def calls_per_timing(timer: timeit.Timer, budget: float) -> int:
    """How many calls make one timing last at least `budget` seconds."""
    number = 1
    while timer.timeit(number) < budget:
        number *= 2
    return number


def side_by_side(calls: dict[str, Callable[[], Any]], *, repeats: int = 15,
                 budget: float = 0.02) -> dict[str, list[float]]:
    """Seconds per call of each candidate, one list per candidate, repeat by repeat."""
    timers = {name: timeit.Timer(call) for name, call in calls.items()}
    numbers = {name: calls_per_timing(t, budget) for name, t in timers.items()}
    names = list(calls)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeats):
        for name in names[r % len(names):] + names[:r % len(names)]:
            times[name].append(timers[name].timeit(numbers[name]) / numbers[name])
    return times


def median_ratio(top: list[float], bottom: list[float]) -> float:
    return statistics.median(t / b for t, b in zip(top, bottom))


def measure(example: str, generation: Generation, statuses: dict[str, str], floor: ModuleType,
            *, repeats: int = 15) -> list[FloorRow]:
    """One row per function of the example `example` (its `generation`) that has a kernel
    in `floor`, timed on its first captured sample."""
    root = generation.extra.get("root", ".")
    modules: dict[str, Any] = {}
    ext = None
    rows = []
    for f in generation.functions:
        if f.qualname not in KERNELS.get(example, ()):
            continue
        kernel = getattr(floor, f.qualname)
        names = [p["name"] for p in f.extra.get("params", [])]
        samples = rebuildable([Captured({n: s.args[n] for n in names}) for s in f.samples
                               if all(n in s.args for n in names)])[0]
        if not samples:
            continue
        original = load_original(root, f.file, f.qualname, modules, script=f.source_module == "__main__")
        calls = {"python": call_of(original, samples[0].decode()), "c": call_of(kernel, samples[0].decode())}
        status = statuses.get(f.id, "?")
        if status in TIMED:
            if ext is None:  # just installed by the build
                importlib.invalidate_caches()
                ext = importlib.import_module(generation.crate.module)
            translated = getattr(ext, f.rust_name)
            ext._rustify_set_fallback(f.rust_name, original)
            if hasattr(ext, "_rustify_swap") and isinstance(original, FunctionType):
                translated = ext._rustify_swap(translated, original)  # as `rustify run` calls it
            calls["rust"] = call_of(translated, samples[0].decode())
        exact = all(agree(outcome(original, s.decode()), outcome(kernel, s.decode())) for s in samples)
        times = side_by_side(calls, repeats=repeats)
        rust = times.get("rust")
        rows.append(FloorRow(
            f.qualname, example, statistics.median(times["python"]) * 1e9, statistics.median(times["c"]) * 1e9,
            statistics.median(rust) * 1e9 if rust else None,
            median_ratio(rust, times["c"]) if rust else None,
            median_ratio(times["python"], rust) if rust else None,
            median_ratio(times["python"], times["c"]), exact, status))
    return rows


def table(rows: list[FloorRow], goal: float) -> list[str]:
    """The rows as text lines, nearest the floor first."""
    lines = [f"{'function':16s} {'example':16s} {'CPython':>11s} {'rustify':>10s} {'C floor':>10s} "
             f"{'speedup':>8s} {'C/CPy':>7s} {'rs/C':>6s}  verdict"]
    for r in sorted(rows, key=lambda r: (r.distance is None, r.distance or math.inf)):
        rust = f"{r.rust_ns / 1000:8.2f}us" if r.rust_ns is not None else f"{'-':>10s}"
        speedup = f"{r.speedup:7.1f}x" if r.speedup is not None else f"{'-':>8s}"
        distance = f"{r.distance:5.2f}x" if r.distance is not None else f"{'-':>6s}"
        verdict = ("C DIFFERS FROM CPYTHON" if not r.exact else r.status if r.distance is None
                   else f"within {goal}x" if r.distance <= goal else "over")
        lines.append(f"{r.qualname:16s} {r.example:16s} {r.python_ns / 1000:9.1f}us {rust} "
                     f"{r.c_ns / 1000:8.2f}us {speedup} {r.c_speedup:6.1f}x {distance}  {verdict}")
    return lines
