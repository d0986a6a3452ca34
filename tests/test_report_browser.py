"""The report as a user sees it: rendered offline by headless Chromium (Debian's `chromium`,
installed by the test when missing), its DOM after the page's script ran, and screenshots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report_support import dump_dom, pixels_of, screenshot, write_shop_build
from rustify.report import collect, write_report
from rustify.report.predict import predict

pytestmark = pytest.mark.slow  # installs and runs a browser

NATIVE, OBJECT, PYTHON, RUST = (220, 242, 227), (255, 241, 168), (251, 224, 222), (31, 36, 48)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shop")
    return write_report(str(write_shop_build(root)))


def visible_text(dom: str) -> str:
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", dom, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&amp;", "&")


def test_chromium_shows_every_function_and_the_speedups(report):
    dom = dump_dom(report)
    assert 'data-ready="1"' in dom  # its script ran
    text = visible_text(dom)
    for row in ("norm shop.py:4 55.0% 60.0% 150000 accelerated 120/120 4.0 µs 1.00 µs 4.00x",
                "weird shop.py:15 10.0% 10.0% 100 rejected",
                "checked shop.py:19 5.0% 5.0% 3 parity-failed 6/7",
                "main shop.py:23 2.0% 100.0% not selected"):
        assert row in text, row
    predicted = predict(collect.load(str(report.with_name("build.json")))).speedup
    assert f"{predicted:.2f}x predicted whole program" in text
    assert "2.00x measured: python 1.100 s, rustify run 0.550 s (median of 3)" in text
    assert "eval: eval reads the calling frame Hint: compute n + 1 directly" in text
    assert "checked([1.0, float('nan')])" in text


def test_chromium_paints_tiers_and_expands_to_rust(report, tmp_path):
    shown = screenshot(report, tmp_path / "collapsed.png", 1000, 2400)
    native, objects, python, rust = pixels_of(shown, NATIVE, OBJECT, PYTHON, RUST)
    assert native > 5000 and objects > 5000 and python > 5000, (native, objects, python)
    expanded = report.with_name("report.html")
    url_page = tmp_path / "expanded.html"  # the same page, opened as report.html#expand-all
    url_page.write_text(f'<meta http-equiv="refresh" content="0; url={expanded.as_uri()}#expand-all">')
    opened = screenshot(url_page, tmp_path / "expanded.png", 1000, 2400)
    assert pixels_of(opened, RUST)[0] > rust + 20000, "expanding the lines shows their Rust"
