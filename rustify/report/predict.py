"""The whole program's predicted speedup under `rustify run` (Amdahl's law).

    T_rust = T × (1 − Σ share_f × (1 − 1 / speedup_f)) + startup_rustify
    T_python = T + startup_python,        predicted = T_python / T_rust

- share_f: the part of the run spent in accelerated function f, its callees included
  (its benchmark times a whole call). From the sampled stacks, each sample counts for the
  outermost accelerated function on it, so a translated function called by another is
  not counted twice; without stacks, from the profile's total time, leaving out
  functions whose translation another one's includes.
- speedup_f: f's measured speedup on its captured inputs. Functions that stay Python
  (rejected, failed, slower) count 1.
- T: the program's time without a profiler. A py-spy profile measured it; cProfile's
  time is inflated by tracing every call, so it is taken from the benchmarks instead:
  the accelerated functions' plain time (calls × time per call, where that call is one the
  program made: not on a sample shortened to the first items of a large value) over their
  share.
- startup: an empty program under `python` and under `rustify run` (the build measures
  both); a short program is dominated by them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rustify.report.collect import FunctionRow, ReportData
from rustify.sources import function_id


@dataclass
class Contribution:
    row: FunctionRow
    share: float
    speedup: float


@dataclass
class Prediction:
    speedup: float
    #: the part of the run in accelerated functions, and the part saved
    share: float
    saved: float
    #: the program's estimated time without a profiler, and with rustify (None: unknown)
    python_seconds: float | None
    rustify_seconds: float | None
    #: how shares were found: "sampled stacks" or "profile totals"
    method: str
    contributions: list[Contribution] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def shares_from_stacks(data: ReportData, accelerated: dict[str, FunctionRow]) -> dict[str, float] | None:
    """Function id -> part of the sampled run with it as the outermost accelerated function."""
    sampled = data.sampled
    if sampled is None or not sampled.stacks:
        return None
    ids = [function_id(f.file, f.line, f.name) for f in sampled.frames]
    total = sum(s.seconds for s in sampled.stacks)
    if total <= 0:
        return None
    out = dict.fromkeys(accelerated, 0.0)
    for stack in sampled.stacks:
        outer = next((ids[i] for i in stack.frames if ids[i] in accelerated), None)
        if outer is not None:
            out[outer] += stack.seconds / total
    return out


def shares_from_totals(accelerated: dict[str, FunctionRow]) -> dict[str, float]:
    """Function id -> total percent / 100, but 0 for a function another accelerated one
    translates with itself (the caller's share holds it)."""
    inside = {name for row in accelerated.values() for name in row.source_functions if name != row.qualname}
    return {fid: 0.0 if row.qualname in inside else (row.total_percent or row.self_percent or 0.0) / 100
            for fid, row in accelerated.items()}


def plain_seconds(data: ReportData, contributions: list[Contribution]) -> tuple[float | None, str | None]:
    """The program's time without a profiler, and a note on how it was estimated."""
    if data.profiler in ("py-spy", "speedscope") and data.total_seconds:
        return data.total_seconds, None
    timed = [c for c in contributions if c.share > 0 and c.row.calls and c.row.bench is not None
             and c.row.bench.inputs != "shortened captured sample"]  # a smaller call than the program's
    share = sum(c.share for c in timed)
    if share > 0:
        seconds = sum(c.row.calls * c.row.bench.python_ns for c in timed) * 1e-9  # type: ignore[union-attr,operator]
        return seconds / share, None
    if data.total_seconds:
        return data.total_seconds, "the run's time is cProfile's, which tracing inflates"
    return None, None


def predict(data: ReportData) -> Prediction:
    accelerated = {f.id: f for f in data.functions if f.swapped}
    shares = shares_from_stacks(data, accelerated)
    method = "sampled stacks"
    if shares is None:
        shares, method = shares_from_totals(accelerated), "profile totals"
    notes = []
    contributions = []
    for fid, row in accelerated.items():
        speedup = row.bench.speedup if row.bench is not None and row.bench.speedup > 0 else 1.0
        if row.bench is None:
            notes.append(f"{row.qualname} has no benchmark: counted as 1.0x")
        contributions.append(Contribution(row, shares.get(fid, 0.0), speedup))
    share = min(1.0, sum(c.share for c in contributions))
    saved = sum(c.share * (1 - 1 / c.speedup) for c in contributions)
    remaining = max(1.0 - saved, 1e-9)
    seconds, note = plain_seconds(data, contributions)
    if note:
        notes.append(note)
    if seconds is not None and data.startup is not None:
        python = seconds + data.startup.python_seconds
        rustify = seconds * remaining + data.startup.rustify_seconds
        return Prediction(python / rustify, share, saved, python, rustify, method, contributions, notes)
    if data.startup is None:
        notes.append("start-up times not measured (a build with benchmarks measures them): Amdahl alone")
    return Prediction(1 / remaining, share, saved, seconds, seconds * remaining if seconds else None, method,
                      contributions, notes)
