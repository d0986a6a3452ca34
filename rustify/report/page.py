"""The report as one self-contained HTML page: summary, flame graph, annotated sources, parity.

Everything is inline (the style sheet, the SVG, a few lines of script for "expand all";
`report.html#expand-all` opens every line), nothing is fetched, and the page reads the same
without scripts: lines expand with `<details>`, the flame graph's boxes are links with
tooltips.
"""

from __future__ import annotations

import ast
import datetime
import re
from importlib import resources

from rustify import __version__
from rustify.report.annotate import annotated_lines, function_span, line_seconds
from rustify.report.calls import call_text
from rustify.report.collect import FunctionRow, ReportData
from rustify.report.flame import flame_graph
from rustify.report.html import Markup, tag, void
from rustify.report.predict import Prediction

#: statuses that keep a function in Python, by what happened
FAILED = ("parity-failed", "build-failed", "unverified")
#: functions get a section of annotated source from this share of the run on
SECTION_PERCENT = 1.0

#: "expand all" and "collapse all"; `report.html#expand-all` opens the page expanded
SCRIPT = """
function openLines(open) {
  document.querySelectorAll('details.ln').forEach(function (d) { d.open = open; });
}
document.querySelectorAll('button[data-open]').forEach(function (b) {
  b.addEventListener('click', function () { openLines(b.dataset.open === '1'); });
});
if (location.hash === '#expand-all') { openLines(true); }
document.body.dataset.ready = '1';
"""


def anchor(row: FunctionRow) -> str:
    return "fn-" + re.sub(r"[^A-Za-z0-9_-]", "-", f"{row.file}-{row.line}-{row.qualname}")


def page(data: ReportData, prediction: Prediction) -> str:
    title = f"rustify report: {' '.join(data.argv) or data.origin}"
    css = resources.files("rustify.report").joinpath("report.css").read_text()
    sections = _sections(data)
    body = tag("main",
               tag("h1", title),
               tag("p", _subtitle(data), class_="sub"),
               _summary(data, prediction),
               _function_table(data),
               _flame(data, {r.id for r in sections}),
               _sources(data, sections),
               _parity(data),
               tag("footer", f"rustify {__version__}, {datetime.datetime.now():%Y-%m-%d %H:%M}; from {data.origin}",
                   f" (and {', '.join(data.also_read)})" if data.also_read else ""))
    head = tag("head", void("meta", charset="utf-8"), void("meta", name="viewport", content="width=device-width"),
               tag("title", title), tag("style", Markup(css)))
    return "<!DOCTYPE html>\n" + tag("html", head, tag("body", body, tag("script", Markup(SCRIPT))), lang="en") + "\n"


def _subtitle(data: ReportData) -> list:
    parts = [f"made from the {data.kind} document"]
    if data.total_seconds is not None:
        parts.append(f"profiled with {data.profiler}: {data.total_seconds:.3f} s")
    if data.module:
        parts.append(f"extension module {data.module}")
    if data.sampled is not None:
        parts.append(f"{data.sampled.seconds:.3f} s of stack samples ({data.sampled.source})")
    return ["; ".join(parts)]


# ---------------------------------------------------------------- summary


def _count(data: ReportData, *statuses: str) -> int:
    return sum(1 for f in data.functions if f.status in statuses)


def _summary(data: ReportData, prediction: Prediction) -> Markup:
    """What became of the functions (as far as the document goes) and, for a build, the
    predicted and measured speedups."""
    not_selected = _card(_count(data, "not selected"), "not selected", "below the threshold, or excluded")
    if data.kind != "build":
        waiting = {"profile": "profiled", "selection": "selected", "generation": "translated"}[data.kind]
        cards = [_card(_count(data, waiting) if data.kind != "profile" else len(data.functions), waiting,
                       "not built yet: rustify-build compiles, checks and measures them")]
        if data.kind == "generation":
            cards.append(_card(_count(data, "rejected"), "rejected", "not translatable: stay Python"))
        if data.kind != "profile":
            cards.append(not_selected)
        return tag("section", tag("div", cards, class_="cards"), id="summary")
    cards = [
        _card(_count(data, "accelerated"), "accelerated", "run as Rust by rustify run"),
        _card(_count(data, "rejected"), "rejected", "not translatable: stay Python"),
        _card(_count(data, *FAILED), "failed", "build or parity failed, or unverified: stay Python"),
        _card(_count(data, "slower"), "slower", "correct but not faster: stay Python"),
        not_selected,
    ]
    cards.append(tag("div", tag("div", f"{prediction.speedup:.2f}x", class_="big", id="predicted"),
                     tag("div", "predicted whole program", class_="what"), class_="card predicted"))
    bench = data.program_bench
    if bench is not None:
        cards.append(tag("div", tag("div", f"{bench.speedup:.2f}x", class_="big", id="measured"),
                         tag("div", f"measured: python {bench.python_seconds:.3f} s, rustify run "
                                    f"{bench.rustify_seconds:.3f} s (median of {bench.repeats})"
                                    + ("" if bench.same_output else "; THE OUTPUT DIFFERS"), class_="what"),
                         class_="card measured"))
    return tag("section", tag("div", cards, class_="cards"), _how_predicted(data, prediction), id="summary")


def _card(value: object, label: str, what: str) -> Markup:
    return tag("div", tag("div", value, class_="big"), tag("div", tag("b", label), ": ", what, class_="what"),
               class_="card", data_count=label)


def _how_predicted(data: ReportData, p: Prediction) -> Markup:
    lines = [f"Amdahl's law: {100 * p.share:.1f}% of the program's time is in accelerated functions (with what "
             f"they call; found from the {p.method}), which saves {100 * p.saved:.1f}% of it"]
    if abs(p.inflation - 1) > 0.05:
        lines.append(f" (the profiled run took {p.inflation:.2f} s per second of the program, as its benchmarks "
                     "measure it: cProfile records every call; the times are scaled by that, or measured)")
    if p.python_seconds is not None and p.rustify_seconds is not None and data.startup is not None:
        lines.append(f"; the program alone takes about {p.python_seconds - data.startup.python_seconds:.3f} s, "
                     f"plus start-up {data.startup.python_seconds:.3f} s (python) or "
                     f"{data.startup.rustify_seconds:.3f} s (rustify run): predicted {p.python_seconds:.3f} s "
                     f"against {p.rustify_seconds:.3f} s")
    lines.append(". ")
    lines += [f"{note}. " for note in p.notes]
    if data.program_bench is None and data.kind == "build":
        lines.append("Measure it: rustify accelerate --bench SCRIPT, or rustify-build --bench-script SCRIPT.")
    parts = [tag("li", f"{c.row.qualname}: {c.seconds:.3f} s, {100 * c.share:.1f}% of the program "
                       f"({'its calls × its time per call' if c.measured else 'sampled'}), at {c.speedup:.2f}x")
             for c in p.contributions]
    return tag("details", tag("summary", "How the prediction is made"), tag("p", "".join(lines), class_="note"),
               tag("ul", parts, class_="note") if parts else None, class_="note", open=True)


def _function_table(data: ReportData) -> Markup:
    rows = []
    for f in sorted(data.functions, key=lambda f: (-(f.self_percent or 0), f.id)):
        bench, parity = f.bench, f.parity
        parity_text = f"{parity.passed}/{parity.cases}" if parity is not None else ""
        rows.append(tag(
            "tr",
            tag("td", tag("a", f.qualname, href=f"#{anchor(f)}") if f.file else f.qualname),
            tag("td", f"{f.file}:{f.line}" if f.file else ""),
            tag("td", _pct(f.self_percent), class_="num"), tag("td", _pct(f.total_percent), class_="num"),
            tag("td", f.calls if f.calls else "", class_="num"),
            tag("td", tag("span", f.status, class_=f"status s-{f.status.replace(' ', '-')}")),
            tag("td", parity_text, class_="num"),
            tag("td", f"{bench.python_ns / 1000:.1f} µs" if bench else "", class_="num"),
            tag("td", f"{bench.rust_ns / 1000:.2f} µs" if bench else "", class_="num"),
            tag("td", f"{bench.speedup:.2f}x" if bench else "", class_="num"),
            tag("td", f.reason or "", class_="note"),
            data_id=f.id, data_status=f.status))
    head = tag("tr", [tag("th", h, class_="num" if h in ("self", "total", "calls", "parity", "Python", "Rust",
                                                            "speedup") else None)
                      for h in ("function", "where", "self", "total", "calls", "status", "parity", "Python", "Rust",
                                "speedup", "why")])
    return tag("section", tag("h2", "Functions"), tag("table", tag("thead", head), tag("tbody", rows)), id="functions")


def _pct(value: float | None) -> str:
    return f"{value:.1f}%" if value is not None else ""


# ---------------------------------------------------------------- flame graph


def _flame(data: ReportData, with_section: set[str]) -> Markup:
    if data.sampled is None or not data.sampled.stacks:
        return tag("section", tag("h2", "Flame graph"),
                   tag("p", "This profile has no sampled stacks (a pstats import has none).", class_="note"),
                   id="flame")
    colour = {"accelerated": "fl-native"}
    status = {f.id: colour.get(f.status, "fl-python") for f in data.functions}
    anchors = {f.id: anchor(f) for f in data.functions if f.id in with_section}
    includes = {f.id: set(f.source_functions) for f in data.functions if f.swapped}
    legend = tag("div", tag("span", "accelerated", class_="k-native"), tag("span", "Python (the program's own)",
                                                                           class_="k-python"),
                 tag("span", "libraries and builtins", class_="k-library"), class_="legend")
    return tag("section", tag("h2", "Flame graph"),
               tag("p", "The sampled stacks, callers above callees; a box is as wide as the time spent in it. "
                        "Hover for details, click a function for its source.", class_="note"),
               legend, flame_graph(data.sampled, status, anchors, includes), id="flame")


# ---------------------------------------------------------------- sources


def _sections(data: ReportData) -> list[FunctionRow]:
    """The functions shown with their source, by self time in each file: every one selected,
    and every one that takes `SECTION_PERCENT` of the run."""
    return [f for f in sorted(data.functions, key=lambda f: (f.file, -(f.self_percent or 0), f.line))
            if f.file and (f.status != "not selected" or max(f.self_percent or 0, f.total_percent or 0)
                           >= SECTION_PERCENT)]


def _sources(data: ReportData, sections: list[FunctionRow]) -> Markup:
    legend = tag("div", tag("span", "native: Rust on native values", class_="k-native"),
                 tag("span", "object tier: Python objects through the C API", class_="k-object"),
                 tag("span", "Python: not translated, or translated but not used", class_="k-python"), class_="legend")
    sampler = {"rustify": "by rustify's sampler (CPU time in the profiled run; a loop's own work shows on its "
                          "for or while line)", "py-spy": "by py-spy", "speedscope": "in the imported profile"}
    how = sampler.get(data.sampled.source, "") if data.sampled is not None else ""
    out = [tag("h2", "Sources"),
           tag("p", f"Each line: its share of the whole run (sampled {how})" if how else
               "Each line (this profile has no line times)",
               ", how it runs, and, when translated, the Rust it became (click the line). Functions under "
               f"{SECTION_PERCENT:g}% of the run are in the table only.", class_="note"),
           legend,
           tag("div", tag("button", "expand all", type="button", data_open="1"), " ",
               tag("button", "collapse all", type="button", data_open="0"), class_="controls")]
    for file in sorted({f.file for f in sections}):
        source = data.sources.get(file)
        out.append(tag("h3", file, class_="file"))
        if source is None or source.text is None:
            out.append(tag("p", f"{file}: {source.note if source else 'not found'}", class_="note"))
            continue
        if source.note:
            out.append(tag("p", f"{file}: {source.note}", class_="note"))
        try:
            tree = ast.parse(source.text)
        except SyntaxError:
            out.append(tag("p", f"{file}: no longer parses as Python", class_="note"))
            continue
        shares = line_seconds(data.sampled, file)
        for row in (f for f in sections if f.file == file):
            span = function_span(tree, row.line)
            out.append(_function_section(row, annotated_lines(row, source, shares, span) if span else None))
    return tag("section", out, id="sources")


def _function_section(row: FunctionRow, lines: Markup | None) -> Markup:
    meta = [f"{row.file}:{row.line}", f"self {_pct(row.self_percent)}", f"total {_pct(row.total_percent)}"]
    if row.bench is not None:
        meta.append(f"{row.bench.speedup:.2f}x on {row.bench.inputs or 'its inputs'}")
    header = tag("header", tag("h3", row.qualname), tag("span", row.status, class_=f"status s-{row.status.replace(' ', '-')}"),
                 tag("span", " · ".join(meta), class_="meta"))
    banner = _banner(row)
    body = lines if lines is not None else tag("p", "its definition is not in the file any more", class_="note")
    return tag("section", header, tag("div", banner, class_="banner") if banner else None, body, class_="fn",
               id=anchor(row), data_status=row.status)


def _banner(row: FunctionRow) -> str | None:
    if row.status == "accelerated":
        objects = sum(1 for t in row.lines or [] if t.tier == "object" and t.line != row.line)
        return (f"rustify run uses the translation; {objects} line{'s' if objects != 1 else ''} of its body "
                "go through the object tier") if row.lines else "rustify run uses the translation"
    if row.status == "rejected":
        return f"not translated: {len(row.rejections)} construct{'s' if len(row.rejections) != 1 else ''} " \
               "cannot be expressed (underlined below); it stays Python"
    if row.status == "translated":
        return "translated, not built yet: rustify-build compiles it, checks its parity and measures it"
    if row.lines is not None and not row.swapped:
        return f"translated, but the program runs it as Python: {row.status}" + (f" ({row.reason})" if row.reason else "")
    return row.reason


# ---------------------------------------------------------------- parity


def _parity(data: ReportData) -> Markup:
    checked = [f for f in data.functions if f.parity is not None]
    if not checked:
        return tag("section", tag("h2", "Parity"),
                   tag("p", "No parity results in this document (rustify-build checks them).", class_="note"),
                   id="parity")
    rows = []
    for f in checked:
        parity = f.parity
        assert parity is not None
        skipped = "; ".join(f"{n} skipped: {why}" for why, n in (parity.skipped or {}).items())
        rows.append(tag("tr", tag("td", f.qualname), tag("td", parity.cases, class_="num"),
                        tag("td", parity.passed, class_="num"),
                        tag("td", tag("span", f.status, class_=f"status s-{f.status.replace(' ', '-')}")),
                        tag("td", skipped or (f.reason if f.status in ("parity-failed", "unverified") else ""), class_="note")))
    table = tag("table", tag("thead", tag("tr", [tag("th", h) for h in ("function", "cases", "passed", "status",
                                                                         "notes")])), tag("tbody", rows))
    failures = []
    for f in checked:
        for failure in f.parity.failures if f.parity else []:
            failures.append(tag("div", tag("p", tag("b", f.qualname), ": ", str(failure.get("difference", ""))),
                                tag("pre", call_text(f.qualname, failure.get("args") or [])), class_="failure"))
    intro = tag("p", "Each function's Python original and its translation ran on copies of the same inputs "
                     "(captured calls and generated ones); results, exceptions and arguments afterwards must be "
                     "the same.", class_="note")
    return tag("section", tag("h2", "Parity"), intro, table,
               [tag("h3", "Counter-examples (paste into Python to see the difference)"), failures] if failures else None,
               id="parity")
