"""Whole-program timing: the same script with and without rustify (`--bench-script`).

Per-function speedups come from `rustify.building.verification.bench`; this measures what a
user feels: `python SCRIPT` against `rustify run SCRIPT`, alternated, medians of
`repeats` runs, and a check that both print the same output.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from rustify.errors import ToolError
from rustify.isolation import module_command


def _timed(command: list[str], cwd: str | None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ToolError(f"{' '.join(command)} failed with exit status {done.returncode}: {last}")
    return elapsed, done.stdout


def bench_script(script: str, args: list[str], *, repeats: int = 3, cwd: str | None = None) -> dict:
    plain_cmd = [sys.executable, script, *args]
    fast_cmd = module_command("rustify", "run", script, *args)
    plain, fast = [], []
    same = True
    for _ in range(repeats):
        t_plain, out_plain = _timed(plain_cmd, cwd)
        t_fast, out_fast = _timed(fast_cmd, cwd)
        plain.append(t_plain)
        fast.append(t_fast)
        same = same and out_plain == out_fast
    p, f = statistics.median(plain), statistics.median(fast)
    return {"script": str(Path(script)), "python_seconds": round(p, 4), "rustify_seconds": round(f, 4),
            "speedup": round(p / f, 2) if f else 0.0, "same_output": same, "repeats": repeats}
