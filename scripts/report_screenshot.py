"""The README's screenshot of a report: an example through `rustify accelerate --bench`, its
report rendered by headless Chromium.

    python scripts/report_screenshot.py [--example particles] [--work DIR] [-o docs/report.png]

`--work` reuses an accelerate work folder that already has a build (no new build).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rustify import documents  # noqa: E402
from rustify.pipeline import AccelerateOptions, NothingSelected, accelerate  # noqa: E402
from rustify.records import Build  # noqa: E402
from rustify.report import write_build_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--example", default="particles")
    parser.add_argument("--work", default=None, help="an accelerate work folder to reuse (its build.json)")
    parser.add_argument("--size", default="1280,1900", help="the browser window, WIDTH,HEIGHT")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "report.png"))
    opts = parser.parse_args()
    browser = shutil.which("chromium")
    if browser is None:
        sys.exit("report_screenshot: needs Debian's chromium (apt-get install -y chromium)")
    os.chdir(ROOT)
    folder = Path(opts.work or tempfile.mkdtemp(prefix="rustify-screenshot-"))
    if (folder / "build.json").exists():
        build = documents.load(Build, "build", folder / "build.json")
    else:
        result = accelerate(f"examples/{opts.example}.py", [], AccelerateOptions(work=folder, bench=True))
        if isinstance(result, NothingSelected):
            sys.exit(f"report_screenshot: {result.message()}")
        build = result
    page = write_build_report(build, str(folder / "build.json"), folder / "report.html")
    output = Path(opts.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--host-resolver-rules=MAP * ~NOTFOUND", f"--window-size={opts.size}",
                    f"--screenshot={output.resolve()}", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    print(f"{output} (from {page})")


if __name__ == "__main__":
    main()
