"""Run a program plainly and under `rustify run`, check the outputs match, compare times.

    python scripts/compare_run.py [--repeats N] examples/euclidean.py [ARGS...]

Each is run N times (3 unless told), alternating; the medians of the wall-clock times
are printed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"compare_run: {' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.stdout


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: compare_run.py SCRIPT [ARGS...]")
    argv = sys.argv[1:]
    repeats = 3
    if argv[:1] == ["--repeats"] and len(argv) > 2:
        repeats, argv = int(argv[1]), argv[2:]
    script = argv
    plain_cmd = [sys.executable, *script]
    fast_cmd = [str(BIN / "rustify"), "run", *script]
    plain, fast = [], []
    outputs = set()
    for _ in range(repeats):
        t, out = timed(plain_cmd)
        plain.append(t)
        outputs.add(("python", out))
        t, out2 = timed(fast_cmd)
        fast.append(t)
        if out2 != out:
            sys.exit(f"compare_run: outputs differ!\npython:\n{out}\nrustify run:\n{out2}")
    p, f = statistics.median(plain), statistics.median(fast)
    print(f"same output: {out.strip()[:100]}")
    print(f"python {script[0]}:      {p:.3f}s (median of {repeats})")
    print(f"rustify run {script[0]}: {f:.3f}s (median of {repeats}), {p / f:.1f}x faster")


if __name__ == "__main__":
    main()
