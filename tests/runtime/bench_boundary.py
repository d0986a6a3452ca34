"""Boundary micro-benchmark for the runtime's raw C-API conversions (DESIGN section 7).

    python tests/runtime/bench_boundary.py [N]

Builds the rt_check harness into a temporary folder (cargo output in the shared cache) and
times, on a list of N floats (default 1,000), median of 7 interleaved repeats:

* copy_list(xs)   -- `arg::<Vec<f64>>` then `ret(&v)`: read every item, build a new list
* read_list(xs)   -- `arg::<Vec<f64>>` only
* array.array('d', xs).tolist()  -- CPython's generic conversion round trip
* list(xs)        -- a plain copy (pointer copies and increfs, no conversion)
"""

from __future__ import annotations

import array
import statistics
import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rt_check_build import build_rt_check  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory(prefix="rt_bench_") as tmp:
        rt = build_rt_check(Path(tmp))
        xs = [i * 0.001 + 0.5 for i in range(n)]
        assert rt.copy_list(xs) == array.array("d", xs).tolist()
        cases = {
            "rt copy_list (read + build)": lambda: rt.copy_list(xs),
            "rt read_list (read only)": lambda: rt.read_list(xs),
            "array.array('d', xs).tolist()": lambda: array.array("d", xs).tolist(),
            "list(xs)": lambda: list(xs),
        }
        number = max(1, 2_000_000 // n)
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(7):  # interleaved: each repeat runs every case once
            for name, fn in cases.items():
                samples[name].append(timeit.timeit(fn, number=number) / number)
        print(f"{n} floats, {number} calls per sample, median of 7 interleaved repeats")
        for name, times in samples.items():
            med = statistics.median(times)
            print(f"  {name:32s} {med * 1e6:9.2f} us   {med * 1e9 / n:7.2f} ns/element")


if __name__ == "__main__":
    main()
