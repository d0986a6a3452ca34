"""Measure the Python <-> Rust boundary alone (DESIGN.md section 7).

    python scripts/bench_boundary.py [--n 1000]

Translates, with the real pipeline, a function that only converts its argument and
builds a new list (`def copy_list(xs: list[float]) -> list[float]: return list(xs)`),
and one that only reads it (`sum_list`), then times them against CPython's generic
conversion (`array.array('d', xs).tolist()`) and `list(xs)` on the same list:
medians of interleaved repeats, reported in ns per element.
"""

from __future__ import annotations

import argparse
import array
import importlib
import statistics
import sys
import tempfile
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rustify.building.build import BuildOptions, build  # noqa: E402
from rustify.generation.generate import GenOptions, generate  # noqa: E402
from rustify.records import Criteria, Program, ProfileSummary, Selection, Source, Target  # noqa: E402
from rustify.sources import load_source  # noqa: E402

SOURCE = '''\
def copy_list(xs: list[float]) -> list[float]:
    return list(xs)


def read_list(xs: list[float]) -> float:
    total = 0.0
    for x in xs:
        total += x
    return total
'''


def build_module(work: Path):
    src = work / "boundary.py"
    src.write_text(SOURCE)
    parsed = load_source(src)
    targets = [Target(id=f"boundary.py:{f.line}:{f.qualname}", qualname=f.qualname, file="boundary.py", line=f.line,
                      reason="benchmark") for f in parsed.functions]
    selection = Selection(
        profile=ProfileSummary(Program(argv=["boundary.py"], cwd=str(work), profiler="cprofile"), 0.0, False),
        criteria=Criteria(threshold=0), sources=[Source("boundary.py", parsed.sha256)], targets=targets, skipped=[])
    generation = generate(selection, GenOptions(out=str(work / "crate"), module="boundary_rs", force=True))
    build(generation, BuildOptions(verify=False, bench=False))
    importlib.invalidate_caches()
    return importlib.import_module("boundary_rs")


def median_ns(stmt, number: int, repeats: int = 9) -> float:
    return statistics.median(timeit.repeat(stmt, number=number, repeat=repeats)) / number * 1e9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rustify-boundary-"))
    ext = build_module(work)
    xs = [i * 0.5 for i in range(opts.n)]
    number = 2000
    rows = {}
    for _ in range(3):  # interleave the candidates, keep the best median of each
        for name, stmt in [
            ("rustify copy_list (read + build a new list)", lambda: ext.copy_list(xs)),
            ("array.array('d', xs).tolist()", lambda: array.array("d", xs).tolist()),
            ("list(xs) (no conversion at all)", lambda: list(xs)),
            ("rustify read_list (read only, sum in Rust)", lambda: ext.read_list(xs)),
        ]:
            value = median_ns(stmt, number)
            rows[name] = min(rows.get(name, value), value)
    print(f"boundary on a list of {opts.n} floats (CPython {sys.version.split()[0]}):")
    for name, ns in rows.items():
        print(f"  {name:46s} {ns / 1000:8.2f} us  {ns / opts.n:6.2f} ns/element")


if __name__ == "__main__":
    main()
