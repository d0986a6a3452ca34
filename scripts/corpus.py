"""Run the third-party-style corpus through the real pipeline and print the share.

    python scripts/corpus.py [--work DIR] [--json FILE] [-v]

`tests/corpus/` holds small functions written the way public benchmark and test suites
write them (untyped, `Any`-annotated, lists filled after creation, optional values),
each module with a workload that calls them; `tests/corpus/workload.py` runs them all.
This profiles that program, selects every corpus function (`--threshold 0`), translates
them, builds the crate and checks parity (with `--bench`, times them too), then prints one
line per function that did not pass, and the shares: how many translated, and how many of
those passed parity (`slower` counts as passed: it is correct).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rustify import documents  # noqa: E402
from rustify.building.build import BuildOptions, build  # noqa: E402
from rustify.generation.generate import GenOptions, generate  # noqa: E402
from rustify.profiling.profile import profile_program  # noqa: E402
from rustify.records import Build, Generation, Profile, Selection  # noqa: E402
from rustify.selection.select import SelectOptions, select  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
#: the corpus modules' own drivers, not kernels
DRIVERS = ["workload"]


def run_pipeline(work: Path, bench: bool = False) -> tuple[Generation, Build]:
    """profile -> select (every corpus function) -> gen -> build with parity (and benchmarks)."""
    work.mkdir(parents=True, exist_ok=True)
    profile = profile_program(str(CORPUS / "workload.py"), [], cwd=str(CORPUS))
    documents.write_document(profile, "profile", work / "profile.json")
    selection = select(documents.load(Profile, "profile", work / "profile.json"),
                       SelectOptions(threshold=0, exclude=DRIVERS))
    documents.write_document(selection, "selection", work / "selection.json")
    generation = generate(documents.load(Selection, "selection", work / "selection.json"),
                          GenOptions(out=str(work / "crate"), module="rustify_corpus", force=True))
    documents.write_document(generation, "generation", work / "generation.json")
    result = build(documents.load(Generation, "generation", work / "generation.json"),
                   BuildOptions(bench=bench, keep_slower=True, reuse=False))
    documents.write_document(result, "build", work / "build.json")
    return generation, result


def outcome(status: str, built: str | None) -> str:
    """translated-and-passed | parity-failed | build-failed | rejected | unchecked."""
    if status != "translated":
        return "rejected"
    if built in ("accelerated", "slower"):
        return "passed"
    return built or "unchecked"


def report(generation: Generation, result: Build, verbose: bool) -> dict:
    built = {f.id: f for f in result.functions}
    rows = []
    for f in sorted(generation.functions, key=lambda f: f.id):
        b = built.get(f.id)
        kind = outcome(f.status, b.status if b else None)
        why = ""
        if f.rejections:
            r = f.rejections[0]
            why = f"{r.construct} at line {r.line}: {r.message}"
        elif b is not None and b.parity is not None and b.parity.failures:
            why = json.dumps(documents.to_data(b)["parity"]["failures"][0])[:300]
        elif b is not None and b.error:
            why = b.error.splitlines()[0][:300]
        tier = "object" if f.signature and "object" in f.signature else "native"
        speedup = b.bench.speedup if b is not None and b.bench is not None else None
        rows.append({"id": f.id, "outcome": kind, "why": why, "signature": f.signature, "tier": tier,
                     "speedup": speedup})
    total = len(rows)
    counts = Counter(r["outcome"] for r in rows)
    translated = total - counts["rejected"]
    native = sum(1 for r in rows if r["outcome"] != "rejected" and r["tier"] == "native")
    for r in rows:
        if verbose or r["outcome"] != "passed":
            detail = r["why"] or r["signature"]
            print(f"{r['outcome']:>13}  {r['id']}  {detail}")
    files = sorted({r["id"].split(":")[0] for r in rows})
    print()
    for name in files:
        mine = [r for r in rows if r["id"].startswith(f"{name}:")]
        done = sum(r["outcome"] != "rejected" for r in mine)
        print(f"{name:>20}: {done}/{len(mine)} translated, {sum(r['outcome'] == 'passed' for r in mine)} passed parity")
    print(f"\n{total} functions: {translated} translated ({100 * translated / total:.0f}%), "
          f"{counts['passed']} of them passed parity; "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
          + f"; {native} translated with native parameters and result (no `object` in the signature)")
    speedups = sorted(r["speedup"] for r in rows if r["speedup"] is not None)
    if speedups:
        print(f"speedup over CPython on the captured samples: median {speedups[len(speedups) // 2]:.1f}x, "
              f"from {speedups[0]:.2f}x to {speedups[-1]:.1f}x ({len(speedups)} functions)")
    return {"total": total, "translated": translated, "native": native, "counts": dict(counts), "functions": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=None, help="folder for the documents and the crate")
    parser.add_argument("--json", default=None, help="also write the per-function outcomes here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing functions too")
    parser.add_argument("--bench", action="store_true", help="also time each translation against CPython")
    opts = parser.parse_args()
    work = Path(opts.work) if opts.work else Path(tempfile.mkdtemp(prefix="rustify-corpus-"))
    os.chdir(CORPUS)
    generation, result = run_pipeline(work.resolve(), opts.bench)
    summary = report(generation, result, opts.verbose)
    if opts.json:
        Path(opts.json).write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
