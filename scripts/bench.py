"""Benchmark every example function: CPython vs rustify, on the examples' own inputs.

    python scripts/bench.py [--examples euclidean,matrix_ops] [--cold] [-o results.json]

For each example program it runs the real pipeline (profile, select --threshold 0,
gen, build with parity and benchmarks) in a work folder, then prints one table:
per function the median Python and Rust time per call on the captured arguments
(interleaved repeats, see rustify.building.verification.bench), the speedup, and the
predecessor's published figure where there is one. Then a second table: for each
function with a hand-written C kernel (scripts/cfloor/kernels.c, built with gcc for this
Python), CPython, rustify and the C floor timed side by side in this process, rustify's
distance to the floor (rustify / C), and a check that the C kernel returns exactly what
CPython returns (the run exits 1 when one does not). `--no-floor` skips it. `--cold` also
times a first build with an empty cargo cache and a rebuild with a warm one.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rustify import documents  # noqa: E402
from rustify.building.build import BuildOptions, build  # noqa: E402
from rustify.generation.generate import GenOptions, generate  # noqa: E402
from rustify.profiling.profile import profile_program  # noqa: E402
from rustify.records import Generation, Profile, Selection  # noqa: E402
from rustify.selection.select import SelectOptions, select  # noqa: E402

from cfloor import build as cfloor_build, measure as cfloor_measure  # noqa: E402  (scripts/ is on sys.path)

EXAMPLES = ["euclidean", "matrix_ops", "image_preprocess", "data_pipeline", "signal_ops", "scaling",
            "bpe_tokenizer", "tokenizer", "numpy_variants"]
#: the predecessor's published speedups (CPython 3.12, lists of about 1,000 floats)
PREDECESSOR = {
    "running_mean": 20.2, "convolve1d": 15.7, "moving_average": 15.3, "bpe_encode": 12.3, "diff": 3.6,
    "l2_normalize": 3.2, "euclidean": 2.7, "dot_product": 2.4, "normalize_pixels": 2.1, "min_max_scale": 2.1,
    "standard_scale": 2.0, "cumsum": 1.5, "count_pairs": 1.4,
}
#: issue 12's goal: every numeric kernel of examples/ within this factor of the C floor
FLOOR_GOAL = 1.25
FLOOR_REPEATS = 15


def run_example(name: str, work: Path) -> dict:
    os.chdir(ROOT)
    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    profile = profile_program(f"examples/{name}.py", [])
    documents.write_document(profile, "profile", folder / "profile.json")
    selection = select(documents.load(Profile, "profile", folder / "profile.json"), SelectOptions(threshold=0))
    documents.write_document(selection, "selection", folder / "selection.json")
    generation = generate(documents.load(Selection, "selection", folder / "selection.json"),
                          GenOptions(out=str(folder / "crate"), force=True))
    documents.write_document(generation, "generation", folder / "generation.json")
    generation = documents.load(Generation, "generation", folder / "generation.json")
    return build(generation, BuildOptions(keep_slower=True))


def timed_build(generation_path: Path) -> float:
    generation = documents.load(Generation, "generation", generation_path)
    start = time.monotonic()
    build(generation, BuildOptions(verify=False, bench=False, reuse=False))
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", default=",".join(EXAMPLES))
    parser.add_argument("--cold", action="store_true", help="also time a cold and a warm build")
    parser.add_argument("--work", default=None)
    parser.add_argument("--no-floor", action="store_true", help="skip the C floor (needs gcc)")
    parser.add_argument("-o", "--output", default=None)
    opts = parser.parse_args()
    try:  # first, so a missing gcc stops the run before minutes of builds
        floor = None if opts.no_floor else cfloor_build.load()
    except cfloor_build.FloorUnavailable as exc:
        sys.exit(f"bench.py: error: {exc}")
    work = Path(opts.work) if opts.work else Path(tempfile.mkdtemp(prefix="rustify-bench-"))
    rows, floor_rows = [], []
    for name in opts.examples.split(","):
        doc = run_example(name, work)
        functions = documents.to_data(doc)["functions"]
        for f in functions:
            rows.append((name, f["qualname"], f["status"], f.get("parity"), f.get("bench")))
        if floor is not None:
            generation = documents.load(Generation, "generation", work / name / "generation.json")
            statuses = {f["id"]: f["status"] for f in functions}
            floor_rows += cfloor_measure.measure(name, generation, statuses, floor, repeats=FLOOR_REPEATS)
    print(f"rustify benchmark: CPython {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, {platform.platform()}")
    print(f"{'function':22s} {'example':18s} {'python':>11s} {'rust':>11s} {'speedup':>8s} {'predecessor':>11s}  status")
    for name, qualname, status, parity, bench in rows:
        if bench is None:
            print(f"{qualname:22s} {name:18s} {'-':>11s} {'-':>11s} {'-':>8s} {'':>11s}  {status}")
            continue
        pred = PREDECESSOR.get(qualname)
        print(f"{qualname:22s} {name:18s} {bench['python_ns'] / 1000:9.1f}us {bench['rust_ns'] / 1000:9.2f}us "
              f"{bench['speedup']:7.1f}x {(f'{pred:.1f}x' if pred else ''):>11s}  {status}")
    if floor_rows:
        rated = [r for r in floor_rows if r.distance is not None]
        print(f"\nC floor (scripts/cfloor/kernels.c, gcc {' '.join(cfloor_build.FLAGS[:2])}): the same "
              f"arguments, timed side by side (medians of {FLOOR_REPEATS} interleaved repeats); "
              "rs/C = rustify / C floor")
        print("\n".join(cfloor_measure.table(floor_rows, FLOOR_GOAL)))
        print(f"{sum(r.distance <= FLOOR_GOAL for r in rated)} of {len(rated)} translated kernels within "
              f"{FLOOR_GOAL}x of the C floor")
    if opts.cold:
        cache = Path(tempfile.mkdtemp(prefix="rustify-cold-target-"))
        os.environ["RUSTIFY_CARGO_TARGET_DIR"] = str(cache)
        first = EXAMPLES[0] if EXAMPLES[0] in opts.examples else opts.examples.split(",")[0]
        cold = timed_build(work / first / "generation.json")
        warm = timed_build(work / first / "generation.json")
        print(f"build of {first}: cold cache {cold:.1f}s, warm cache {warm:.1f}s (check + maturin + install)")
        shutil.rmtree(cache, ignore_errors=True)
    if opts.output:
        import orjson

        Path(opts.output).write_bytes(orjson.dumps({"functions": rows, "floor": floor_rows},
                                                   option=orjson.OPT_INDENT_2))
    if any(not r.exact for r in floor_rows):
        sys.exit("bench.py: a C floor kernel differs from CPython (see the table): fix kernels.c")


if __name__ == "__main__":
    main()
