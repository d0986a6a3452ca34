"""What type capture costs: `rustify-profile`'s cProfile run with capture against plain
cProfile (`python -m cProfile`), on a call-heavy and a loop-heavy program, each with a
warm-up phase before its hot part. Medians of N runs, measured side by side.

    python scripts/capture_overhead.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CALL_HEAVY = '''
def parse(line):
    a, b = line.split(",")
    return int(a) + float(b)

def norm(x, y):
    return (x * x + y * y) ** 0.5

def main():
    total = 0.0
    for i in range(300_000):            # warm-up phase: many small calls
        total += parse(f"{i},{i * 0.5}")
    for i in range(1_500_000):          # hot phase: a function first called late
        total += norm(i * 0.5, i * 0.25)
    print(round(total, 3))

main()
'''

LOOP_HEAVY = '''
def setup(n):
    return [((i * 7919) % 1000) / 7.0 for i in range(n)]

def smooth(xs, k):
    out = []
    for i in range(len(xs) - k):
        s = 0.0
        for j in range(k):
            s += xs[i + j]
        out.append(s / k)
    return out

def main():
    xs = setup(200_000)
    for _ in range(3):
        xs = smooth(xs, 8)
    print(round(sum(xs), 3))

main()
'''


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command}: {done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"type capture overhead: medians of {runs}, CPython {sys.version.split()[0]}")
        for name, source in (("call-heavy", CALL_HEAVY), ("loop-heavy", LOOP_HEAVY)):
            program = work / f"{name}.py"
            program.write_text(source)
            plain = [sys.executable, "-m", "cProfile", "-o", str(work / "plain.pstats"), program.name]
            (work / "out").mkdir(exist_ok=True)
            capture = [sys.executable, "-m", "rustify.profiling.child", "--mode", "cprofile", "--out",
                       str(work / "out"), "--", program.name]
            a, b = [], []
            for _ in range(runs):  # interleaved, so drift affects both alike
                a.append(timed(plain, work))
                b.append(timed(capture, work))
            pa, pb = statistics.median(a), statistics.median(b)
            print(f"{name:11s} plain cProfile {pa:6.3f}s   with capture {pb:6.3f}s   ratio {pb / pa:4.2f}x")


if __name__ == "__main__":
    main()
