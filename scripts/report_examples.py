"""Every example through `rustify accelerate --bench`, its report checked in a browser, and
the predicted whole-program speedup set against the measured one.

    python scripts/report_examples.py [--examples euclidean,nbody] [--repeats 5] [--work DIR]

For each program of examples/ (what `rustify accelerate --bench` does, default threshold):
the report is rendered by headless Chromium offline (`chromium --dump-dom`), and every
function of the profile must be in its table with the status the documents give it.
Then one markdown table: functions accelerated, the predicted speedup, the measured one
(python and `rustify run`, medians of `--repeats` alternated runs) and the difference.
Exits 1 when a report misses a function or a prediction is more than 25% off.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rustify.pipeline import AccelerateOptions, NothingSelected, accelerate  # noqa: E402
from rustify.report import collect, write_build_report  # noqa: E402
from rustify.report.predict import predict  # noqa: E402

TOLERANCE = 0.25


def chromium_dom(page: Path) -> str:
    browser = shutil.which("chromium")
    if browser is None:
        sys.exit("report_examples: needs Debian's chromium (apt-get install -y chromium)")
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                           "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                           page.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"report_examples: chromium failed on {page}: {done.stderr[-500:]}")
    return done.stdout


def check_report(folder: Path) -> list[str]:
    """Problems with the report of a work folder: a profiled function missing, a wrong status."""
    dom = chromium_dom(folder / "report.html")
    shown = {html.unescape(fid): status for fid, status in re.findall(r'<tr data-id="([^"]+)" data-status="([^"]+)"',
                                                                      dom)}
    profile = json.loads((folder / "profile.json").read_text())
    build = json.loads((folder / "build.json").read_text())
    expected = {f["id"]: f["status"] for f in build["functions"]}
    expected.update({s["id"]: "not selected" for s in build.get("skipped", [])})
    problems = [f"{f['id']} is not in the report" for f in profile["functions"]
                if f["user_code"] and f["id"] not in shown]
    problems += [f"{fid}: the report says {status}, the build {expected.get(fid)}" for fid, status in shown.items()
                 if expected.get(fid) != status]
    return problems


def run(name: str, work: Path, repeats: int) -> dict:
    """`rustify accelerate --bench` (with `repeats` runs each) and its report, as the CLI makes them."""
    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    os.chdir(ROOT)
    result = accelerate(f"examples/{name}.py", [], AccelerateOptions(work=folder, bench=True, bench_repeats=repeats))
    if isinstance(result, NothingSelected):
        sys.exit(f"report_examples: {name}: {result.message()}")
    write_build_report(result, str(folder / "build.json"), folder / "report.html")
    data = collect.load(str(folder / "build.json"))
    prediction = predict(data)
    bench = data.program_bench
    return {"name": name, "problems": check_report(folder),
            "accelerated": sum(f.status == "accelerated" for f in data.functions),
            "targets": sum(f.status != "not selected" for f in data.functions),
            "predicted": prediction.speedup, "bench": bench}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", default=",".join(sorted(p.stem for p in (ROOT / "examples").glob("*.py"))))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", default=None)
    opts = parser.parse_args()
    work = Path(opts.work or tempfile.mkdtemp(prefix="rustify-report-examples-"))
    rows, failed = [], False
    for name in opts.examples.split(","):
        result = run(name, work, opts.repeats)
        bench = result["bench"]
        off = (result["predicted"] - bench.speedup) / bench.speedup if bench else None
        failed = failed or bool(result["problems"]) or (off is not None and abs(off) > TOLERANCE)
        for problem in result["problems"]:
            print(f"{name}: {problem}", file=sys.stderr)
        measured = f"{bench.speedup:.2f}x ({bench.python_seconds:.3f} s / {bench.rustify_seconds:.3f} s)" if bench \
            else "-"
        rows.append(f"| {name} | {result['accelerated']}/{result['targets']} | {result['predicted']:.2f}x | {measured} | "
                    + (f"{100 * off:+.0f}%" if off is not None else "-") + " |")
        print(rows[-1], file=sys.stderr)
    print(f"reports in {work}/<example>/report.html\n")
    print("| example | accelerated | predicted | measured (python / rustify run) | difference |")
    print("|---|---:|---:|---:|---:|")
    print("\n".join(rows))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
