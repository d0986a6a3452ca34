"""End to end: the report of a real pipe, as a user opens it.

`report_program/ledger.py` goes through `rustify-profile | rustify-select | rustify-gen |
rustify-build -o build.json --bench-script ledger.py`; rustify-build writes report.html
beside the build document and says where. Headless Chromium (offline) then shows every
profiled function with its status, the tiers of the translated lines, the rejected
construct underlined, the flame graph and both whole-program speedups.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_support import BIN, forget_modules, run_cmd
from report_support import dump_dom
from rustify.report import collect
from rustify.report.predict import predict

pytestmark = pytest.mark.slow

PROGRAM_DIR = Path(__file__).parent / "report_program"
SCRIPT = "ledger.py"
MODULE = "ledger_report_rs"
BUILD_TIMEOUT = 900


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory):
    forget_modules((MODULE,))
    root = tmp_path_factory.mktemp("ledger")
    shutil.copy(PROGRAM_DIR / SCRIPT, root / SCRIPT)
    b = {n: str(BIN / n) for n in ("rustify-profile", "rustify-select", "rustify-gen", "rustify-build")}
    pipe = (f"set -o pipefail; {b['rustify-profile']} -o profile.json {SCRIPT} 2>/dev/null"
            f" && {b['rustify-select']} --threshold 3 profile.json 2>/dev/null"
            f" | {b['rustify-gen']} --module {MODULE} --out crate 2>/dev/null"
            f" | {b['rustify-build']} -v -o build.json --bench-script {SCRIPT} 2>build.err")
    env = dict(os.environ)
    env.pop("RUSTIFY_DEBUG", None)
    done = subprocess.run(["bash", "-c", pipe], cwd=root, capture_output=True, text=True, env=env,
                          timeout=BUILD_TIMEOUT)
    err = (root / "build.err").read_text() if (root / "build.err").exists() else ""
    assert done.returncode == 0, done.stderr + err
    yield root, err
    forget_modules((MODULE,))


def test_build_says_where_the_report_is(ledger) -> None:
    root, err = ledger
    assert err.splitlines()[-1] == "report: report.html"
    assert (root / "report.html").is_file()


def test_the_report_shows_every_profiled_function(ledger) -> None:
    root, _ = ledger
    dom = dump_dom(root / "report.html")
    statuses = {html.unescape(fid): status for fid, status in re.findall(r'<tr data-id="([^"]+)" data-status="([^"]+)">',
                                                                          dom)}
    profile = json.loads((root / "profile.json").read_text())
    assert set(statuses) == {f["id"] for f in profile["functions"] if f["user_code"]}
    by_name = {fid.rsplit(":", 1)[-1]: status for fid, status in statuses.items()}
    assert by_name["norm2"] == "accelerated"
    assert by_name["apply_interest"] in ("accelerated", "slower")
    assert by_name["count_words"] == "rejected"
    assert by_name["opening"] == "not selected"
    build = json.loads((root / "build.json").read_text())
    measured = build["program_bench"]["speedup"]
    assert re.search(rf'id="measured">{measured:.2f}x<', dom)
    predicted = predict(collect.load(str(root / "build.json"))).speedup
    assert re.search(rf'id="predicted">{predicted:.2f}x<', dom)  # (a short program: start-up dominates it)


def _section(dom: str, name: str) -> str:
    start = re.search(rf'<section class="fn" id="fn-ledger-py-\d+-{name}"', dom).start()
    return dom[start:dom.index("</section>", start)]


def test_lines_show_their_tier_and_rust(ledger) -> None:
    root, _ = ledger
    dom = dump_dom(root / "report.html")
    norm2 = _section(dom, "norm2")
    tiers = re.findall(r'class="ln (t-[a-z]+)[^"]*"[^>]*data-line="(\d+)"', norm2)
    assert [t for t, _ in tiers[1:]] == ["t-native"] * 4, tiers  # its body, after the def line
    assert '<pre class="rust">v_total = 0.0_f64;</pre>' in norm2
    interest = _section(dom, "apply_interest")
    # `a.balance += gain` reads and writes an attribute of an instance: the object tier
    line = next(n for n, text in enumerate((root / SCRIPT).read_text().splitlines(), 1) if "a.balance += gain" in text)
    assert re.search(rf'class="ln t-object[^"]*"[^>]*data-line="{line}"', interest)
    hot = re.findall(r'<span class="pct">([0-9.]+)%</span>', norm2)
    assert hot and max(float(p) for p in hot) > 5  # sampled time on its loop


def test_the_rejected_construct_is_underlined(ledger) -> None:
    root, _ = ledger
    build = json.loads((root / "build.json").read_text())
    [rejected] = [f for f in build["functions"] if f["status"] == "rejected"]
    r = rejected["rejections"][0]
    text = (root / SCRIPT).read_text().splitlines()[r["line"] - 1]
    dom = dump_dom(root / "report.html")
    section = _section(dom, "count_words")
    assert f'<span class="rej" title="{r["construct"]}: ' in section
    assert re.search(rf'data-line="{r["line"]}">.*?<code>{re.escape(text[:r["col"]])}<span class="rej"', section, re.S)


def test_a_folder_of_documents_gives_the_same_functions(ledger) -> None:
    root, _ = ledger
    done = run_cmd("rustify", "report", ".", "-o", "folder.html", cwd=root)
    assert done.returncode == 0, done.stderr.decode()
    page = (root / "folder.html").read_text()
    assert page.count("<tr data-id=") == (root / "report.html").read_text().count("<tr data-id=")
    assert 'class="flame"' in page
