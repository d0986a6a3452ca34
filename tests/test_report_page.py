"""The report page from a hand-made build document: what it says about each function, its
lines and its prediction, that it is self-contained, and that all text is escaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report_support import shop_build, write_shop_build
from rustify.report import collect
from rustify.report.predict import predict
from rustify.report.report import write_report


@pytest.fixture()
def page(tmp_path: Path) -> str:
    return write_report(str(write_shop_build(tmp_path))).read_text()


class Elements(HTMLParser):
    """Every start tag with its attributes; checks that tags are balanced."""

    VOID = {"meta", "br", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    assert parser.open == [], parser.open
    return parser


def test_the_page_is_well_formed_and_self_contained(page):
    tags = elements(page).tags
    for name, attrs in tags:
        assert name not in ("link", "img", "iframe", "object", "embed"), name
        assert "src" not in attrs, (name, attrs)  # no script, image or frame from anywhere
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href  # links stay inside the page
    assert "url(" not in page and "@import" not in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_every_function_with_its_status(page):
    rows = {attrs["data-id"]: attrs["data-status"] for name, attrs in elements(page).tags
            if name == "tr" and "data-id" in attrs}
    assert rows == {"shop.py:4:norm": "accelerated", "shop.py:11:label": "accelerated",
                    "shop.py:15:weird": "rejected", "shop.py:19:checked": "parity-failed",
                    "shop.py:23:main": "not selected"}
    counts = {attrs["data-count"]: None for name, attrs in elements(page).tags if "data-count" in attrs}
    assert set(counts) == {"accelerated", "rejected", "failed", "slower", "not selected"}
    assert re.search(r'data-count="accelerated"><div class="big">2<', page)
    assert re.search(r'data-count="failed"><div class="big">1<', page)


def test_predicted_next_to_measured(tmp_path, page):
    data = collect.load(str(write_shop_build(tmp_path)))
    p = predict(data)
    # stacks: norm is the outermost accelerated function in 0.6 s of the 1.0 s sampled, label
    # in 0.2 s; their calls x Python time per call: 0.6 s and 0.125 s, so the rest's 0.2 s
    # scales by 0.725 / 0.8
    norm, label, rest = 0.6, 0.125, 0.2 * 0.725 / 0.8
    assert p.python_seconds == pytest.approx(norm + label + rest + 0.02)
    assert p.rustify_seconds == pytest.approx(norm / 4 + label / 1.25 + rest + 0.07)
    assert p.speedup == pytest.approx(p.python_seconds / p.rustify_seconds)
    assert f'<div class="big" id="predicted">{p.speedup:.2f}x</div>' in page
    assert '<div class="big" id="measured">2.00x</div>' in page
    assert "python 1.100 s, rustify run 0.550 s (median of 3)" in page


def test_lines_show_time_tier_and_rust(page):
    section = page[page.index('id="fn-shop-py-4-norm"'):]
    section = section[:section.index("</section>")]
    lines = dict(re.findall(r'<(?:div|details) class="ln ([^"]+)"[^>]*data-line="(\d+)"', section)[i][::-1]
                 for i in range(5))
    assert lines == {"4": "t-object", "5": "t-native", "6": "t-native", "7": "t-native", "8": "t-native"}
    # 50% of the run sampled on line 7, expandable to its Rust, escaped
    assert re.search(r'data-line="7"><summary>.*?<span class="pct">50\.0%</span>', section)
    assert "<pre class=\"rust\">v_total = (v_total + (v_x * v_x));</pre>" in section
    assert "&amp;Bound&lt;&#x27;py, PyAny&gt;" in section


def test_a_translation_not_used_is_marked_so(page):
    section = page[page.index('id="fn-shop-py-19-checked"'):]
    section = section[:section.index("</section>")]
    assert 'class="ln t-native unused"' in section
    assert "translated, but the program runs it as Python: parity-failed" in section


def test_source_text_and_messages_are_escaped(page):
    assert "return f&quot;&lt;{item.name}&gt; &amp; co&quot;" in page
    assert "<{item.name}>" not in page


def test_a_rejected_construct_is_underlined_at_its_column(page):
    assert ('<code>    return <span class="rej" title="eval: eval reads the calling frame">'
            'eval(&quot;n + 1&quot;)</span></code>') in page
    assert re.search(r'class="rejection"><b>eval: </b>eval reads the calling frame Hint: compute n \+ 1 directly',
                     page)


def test_a_rejection_outside_the_function_is_said_below_it(tmp_path):
    build = shop_build(tmp_path)
    build["functions"][2]["rejections"].append({"construct": "generator", "line": 5, "col": 4,
                                                "message": "helper is a generator"})
    (tmp_path / "build.json").write_text(json.dumps(build))
    page = write_report(str(tmp_path / "build.json")).read_text()
    assert '<span class="rejection">line 5, in what it calls: <b>generator: </b>helper is a generator</span>' in page


def test_counter_examples_are_python_calls(page):
    assert "<pre>checked([1.0, float(&#x27;nan&#x27;)])</pre>" in page
    assert "python 1.0, rust nan" in page


def test_flame_graph_boxes(page):
    svg = page[page.index("<svg"):page.index("</svg>")]
    # as wide as their time (1200 px for the 1.0 s sampled), coloured by status, linked
    assert re.search(r'<a href="#fn-shop-py-4-norm"><g class="fl-box"><rect x="0\.0" y="54" width="719\.5" '
                     r'height="17" class="fl-native"></rect><title>norm \(shop\.py:4\): 0\.600 s, 60\.0%</title>', svg)
    assert 'class="fl-python"></rect><title>weird (shop.py:15)' in svg
    assert 'class="fl-library"></rect><title>sqrt (~)' in svg


def test_a_folder_gives_its_furthest_document(tmp_path):
    write_shop_build(tmp_path)
    profile = {"kind": "rustify.profile", "schema_version": 1, "total_seconds": 1.0, "types_known": True,
               "program": {"argv": ["shop.py"], "cwd": str(tmp_path), "profiler": "cprofile"}, "sources": [],
               "functions": []}
    (tmp_path / "profile.json").write_text(json.dumps(profile))
    (tmp_path / "notes.json").write_text("[1, 2]")  # not a document: ignored
    out = write_report(str(tmp_path))
    assert out == tmp_path / "report.html"
    assert "made from the build document" in out.read_text()


def test_an_older_build_is_filled_in_from_the_documents_beside_it(tmp_path):
    build = shop_build(tmp_path)
    sampled = build.pop("sampled")
    build.pop("profile")
    (tmp_path / "b.json").write_text(json.dumps(build))
    profile = {"kind": "rustify.profile", "schema_version": 1, "total_seconds": 2.0, "types_known": True,
               "program": {"argv": ["shop.py"], "cwd": str(tmp_path), "profiler": "cprofile"}, "sources": [],
               "functions": [], "sampled": sampled}
    (tmp_path / "p.json").write_text(json.dumps(profile))
    data = collect.load(str(tmp_path / "b.json"))
    assert data.sampled is not None and data.total_seconds == 2.0
    assert data.also_read == [str(tmp_path / "p.json")]


def test_a_changed_source_is_said_to_be(tmp_path):
    build = shop_build(tmp_path)
    build["functions"][0]["source_sha256"] = "0" * 64
    (tmp_path / "build.json").write_text(json.dumps(build))
    assert "shop.py: changed since it was profiled: lines may not match" in write_report(str(tmp_path)).read_text()


def test_a_generation_says_what_is_translated_and_predicts_nothing_yet(tmp_path):
    build = shop_build(tmp_path)
    functions = []
    for f in build["functions"]:
        entry = {k: f[k] for k in ("id", "qualname", "file", "line", "self_percent", "total_percent", "calls")}
        if f["status"] == "rejected":
            entry.update(status="rejected", rejections=f["rejections"])
        else:
            entry.update(status="translated", rust_name=f["qualname"], signature=f"{f['qualname']}(...)",
                         lines=f.get("lines"))
        functions.append(entry)
    generation = {"kind": "rustify.generation", "schema_version": 1, "crate": {"path": str(tmp_path), "module": "m"},
                  "functions": functions, "profile": build["profile"], "skipped": build["skipped"],
                  "sampled": build["sampled"], "root": str(tmp_path)}
    (tmp_path / "generation.json").write_text(json.dumps(generation))
    page = write_report(str(tmp_path / "generation.json")).read_text()
    cards = dict(re.findall(r'data-count="([a-z ]+)"><div class="big">(\d+)<', page))
    assert cards == {"translated": "3", "rejected": "1", "not selected": "1"}
    assert 'id="predicted"' not in page
    assert "translated, not built yet: rustify-build compiles it" in page
