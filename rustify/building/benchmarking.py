"""Whole-program timing: the same script with and without rustify (`--bench-script`).

Per-function speedups come from `rustify.building.verification.bench`; this measures what a
user feels: `python SCRIPT` against `rustify run SCRIPT`, alternated, medians of
`repeats` runs, and a check that both print the same output. `startup` times an empty
program the same two ways: the fixed costs a prediction of a whole run adds to each side.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rustify.errors import ToolError
from rustify.isolation import module_command
from rustify.records import ProgramBench, Startup


def _timed(command: list[str], cwd: str | None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ToolError(f"{' '.join(command)} failed with exit status {done.returncode}: {last}")
    return elapsed, done.stdout


def _alternated(plain_cmd: list[str], fast_cmd: list[str], repeats: int, cwd: str | None) -> tuple[float, float, bool]:
    """Medians of `repeats` alternated runs of each, and whether every output matched."""
    plain, fast = [], []
    same = True
    for _ in range(repeats):
        t_plain, out_plain = _timed(plain_cmd, cwd)
        t_fast, out_fast = _timed(fast_cmd, cwd)
        plain.append(t_plain)
        fast.append(t_fast)
        same = same and out_plain == out_fast
    return statistics.median(plain), statistics.median(fast), same


def bench_script(script: str, args: list[str], *, repeats: int = 3, cwd: str | None = None) -> ProgramBench:
    p, f, same = _alternated([sys.executable, script, *args], module_command("rustify", "run", script, *args),
                             repeats, cwd)
    return ProgramBench(script=str(Path(script)), args=list(args), python_seconds=round(p, 4),
                        rustify_seconds=round(f, 4), speedup=round(p / f, 2) if f else 0.0, same_output=same,
                        repeats=repeats)


def startup(*, repeats: int = 5) -> Startup:
    """An empty program under `python` and under `rustify run` (medians): interpreter start-up
    on both sides, plus rustify's own (reading the installed builds) on the second."""
    with tempfile.TemporaryDirectory(prefix="rustify-startup-") as tmp:
        empty = str(Path(tmp) / "empty.py")
        Path(empty).write_text("")
        p, f, _ = _alternated([sys.executable, empty], module_command("rustify", "run", empty), repeats, tmp)
    return Startup(python_seconds=round(p, 4), rustify_seconds=round(f, 4))
