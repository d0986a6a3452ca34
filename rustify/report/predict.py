"""The whole program's predicted speedup under `rustify run` (Amdahl's law, in seconds).

    T_python = Σ_f t_f + rest + startup_python
    T_rust   = Σ_f t_f / speedup_f + rest + startup_rustify,      predicted = T_python / T_rust

- t_f: the time the program spends in accelerated function f, its callees included (its
  benchmark times a whole call), without a profiler. The sampled stacks say how much of the
  profiled run had f as the outermost accelerated function (so a translation called by
  another is not counted twice); without stacks, its total time in the profile (leaving out
  functions another one's translation includes). A py-spy profile measured the untouched
  program, so that is t_f. cProfile's run is slower than the program, and unevenly: each
  call it records costs, so code that makes many small calls is inflated most. So where it
  can, t_f is measured instead: f's calls × its Python time per call in the benchmark (a
  call the program made: not one on a sample shortened to the first items of a large
  value); the others are scaled by the ratio found on the measured ones (which also turns
  the sampler's CPU seconds into the benchmarks' wall-clock seconds).
- rest: the rest of the run, deflated the same way.
- speedup_f: f's measured speedup on its captured inputs; functions that stay Python
  (rejected, failed, slower) are part of the rest.
- startup: an empty program under `python` and under `rustify run` (measured by the build);
  a short program is dominated by them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rustify.report.collect import FunctionRow, ReportData
from rustify.sources import function_id

SHORTENED = "shortened captured sample"


@dataclass
class Contribution:
    row: FunctionRow
    #: its part of the program's time, and that time in seconds (without a profiler)
    share: float
    seconds: float
    speedup: float
    #: the seconds are its calls × its benchmark's time per call (else: deflated samples)
    measured: bool = False


@dataclass
class Prediction:
    speedup: float
    #: the part of the program's time in accelerated functions, and the part saved
    share: float
    saved: float
    #: the program's predicted time without and with rustify, start-up included (None: unknown)
    python_seconds: float | None
    rustify_seconds: float | None
    #: how the profile's times were split: "sampled stacks" or "profile totals"
    method: str
    #: the profiled run's seconds per second of the program, as measured on the accelerated
    #: functions (1: not known, or py-spy's own seconds)
    inflation: float = 1.0
    contributions: list[Contribution] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def times_from_stacks(data: ReportData, accelerated: dict[str, FunctionRow]) -> tuple[dict[str, float], float] | None:
    """(function id -> sampled seconds with it as the outermost accelerated function, all
    sampled seconds)."""
    sampled = data.sampled
    if sampled is None or not sampled.stacks:
        return None
    ids = [function_id(f.file, f.line, f.name) for f in sampled.frames]
    out = dict.fromkeys(accelerated, 0.0)
    for stack in sampled.stacks:
        outer = next((ids[i] for i in stack.frames if ids[i] in accelerated), None)
        if outer is not None:
            out[outer] += stack.seconds
    total = sum(s.seconds for s in sampled.stacks)
    return (out, total) if total > 0 else None


def times_from_totals(data: ReportData, accelerated: dict[str, FunctionRow]) -> tuple[dict[str, float], float] | None:
    """The same from the profile's total times, but 0 for a function another accelerated
    one translates with itself (the caller's time holds it)."""
    if not data.total_seconds:
        return None
    inside = {name for row in accelerated.values() for name in row.source_functions if name != row.qualname}
    return {fid: 0.0 if row.qualname in inside else (row.total_percent or row.self_percent or 0.0) / 100
            * data.total_seconds for fid, row in accelerated.items()}, data.total_seconds


def plain_time(row: FunctionRow) -> float | None:
    """Seconds the program spends in `row` without a profiler, from its benchmark."""
    bench = row.bench
    if not row.calls or bench is None or bench.inputs == SHORTENED:
        return None
    return row.calls * bench.python_ns * 1e-9


def predict(data: ReportData) -> Prediction:
    accelerated = {f.id: f for f in data.functions if f.swapped}
    found, method = times_from_stacks(data, accelerated), "sampled stacks"
    if found is None:
        found, method = times_from_totals(data, accelerated), "profile totals"
    if found is None:
        return Prediction(1.0, 0.0, 0.0, None, None, method, notes=["the profile's times are not in this document"])
    profiled, total = found
    notes: list[str] = []
    measured = {fid: t for fid, row in accelerated.items() if profiled[fid] > 0 and (t := plain_time(row))}
    inflation = 1.0
    if measured:  # (also converts the sampler's CPU seconds to the benchmarks' wall-clock ones)
        inflation = sum(profiled[fid] for fid in measured) / sum(measured.values())
    elif data.profiler not in ("py-spy", "speedscope") and accelerated:
        notes.append("no benchmark gives the program's own time: the profile's, which cProfile inflates")
    rest = max(total - sum(profiled.values()), 0.0) / inflation
    contributions = []
    for fid, row in accelerated.items():
        speedup = row.bench.speedup if row.bench is not None and row.bench.speedup > 0 else 1.0
        if row.bench is None:
            notes.append(f"{row.qualname} has no benchmark: counted as 1.0x")
        seconds = measured.get(fid, profiled[fid] / inflation)
        contributions.append(Contribution(row, 0.0, seconds, speedup, fid in measured))
    program = sum(c.seconds for c in contributions) + rest
    for c in contributions:
        c.share = c.seconds / program if program > 0 else 0.0
    saved = sum(c.share * (1 - 1 / c.speedup) for c in contributions)
    share = sum(c.share for c in contributions)
    startup = data.startup
    if startup is None:
        notes.append("start-up times not measured (a build with benchmarks measures them): Amdahl alone")
        return Prediction(1 / max(1 - saved, 1e-9), share, saved, None, None, method, inflation, contributions, notes)
    python = program + startup.python_seconds
    rustify = program * (1 - saved) + startup.rustify_seconds
    return Prediction(python / rustify, share, saved, python, rustify, method, inflation, contributions, notes)
