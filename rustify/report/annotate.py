"""A function's source, line by line: its share of the run, how it runs, what it became.

Each line of the function (decorators to its last line) shows the time sampled on it (a
percent of the whole run, and a bar), its tier as a background colour, and when it was
translated, the Rust it became (the line expands). Tiers:

- native: Rust on native values (the line of a translation `rustify run` uses);
- object: the line operates on Python objects through the C API, as CPython would (the
  slow part of a translation, Cython's yellow lines); the `def` line stands for converting
  the arguments;
- python: the function runs as Python (not translated, rejected, failed, or slower: a
  translation that is not used keeps its colours, striped, and its Rust);
- none: no operation (a comment, a docstring, a blank line).

A continuation line of a statement takes its statement's tier. A rejected construct is
underlined from its column, with the message and hint under its line.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from rustify.records import Rejection, Sampled, TranslatedLine
from rustify.report.collect import FunctionRow, SourceText
from rustify.report.html import Markup, tag


@dataclass
class Span:
    first: int  # the first decorator's line, or the def line
    last: int
    #: line -> the first line of the statement it belongs to
    starts: dict[int, int]


def function_span(tree: ast.Module, line: int) -> Span | None:
    """Where the def at `line` is, and its statements' first lines (nested defs included)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno == line:
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            starts: dict[int, int] = {}
            for stmt in ast.walk(node):
                if isinstance(stmt, ast.stmt):
                    body = getattr(stmt, "body", None)
                    end = body[0].lineno - 1 if isinstance(body, list) and body and body[0].lineno > stmt.lineno \
                        else (stmt.end_lineno or stmt.lineno)
                    for n in range(stmt.lineno, end + 1):
                        starts.setdefault(n, stmt.lineno)
            return Span(first, node.end_lineno or line, starts)
    return None


def line_seconds(sampled: Sampled | None, file: str) -> dict[int, float]:
    """Line -> its part of the sampled run (0..1), for one file."""
    if sampled is None or sampled.seconds <= 0:
        return {}
    return {t.line: t.seconds / sampled.seconds for t in sampled.lines if t.file == file}


def annotated_lines(row: FunctionRow, source: SourceText, shares: dict[int, float], span: Span) -> Markup:
    text_lines = (source.text or "").splitlines()
    translated = {t.line: t for t in row.lines or []}
    rejections: dict[int, list[Rejection]] = {}
    for r in row.rejections:
        rejections.setdefault(r.line, []).append(r)
    out = []
    for n in range(span.first, span.last + 1):
        text = text_lines[n - 1] if n - 1 < len(text_lines) else ""
        start = row.line if n == row.line else span.starts.get(n)  # the def line: the boundary
        mapped = translated.get(start) if start is not None else None
        if row.lines is not None:  # translated: the tier of its statement, if it does anything
            tier = mapped.tier if mapped is not None else "none"
        else:
            tier = "python" if text.strip() and not text.strip().startswith("#") else "none"
        unused = mapped is not None and not row.swapped
        out.append(_line(n, text, tier, unused, shares.get(n, 0.0), mapped if start == n else None,
                         rejections.get(n, [])))
    # a construct of a function it calls (which makes it untranslatable too): said below it
    out += [_rejection(r, f"line {r.line}, in what it calls: ") for r in row.rejections
            if not span.first <= r.line <= span.last]
    return tag("div", out, class_="code")


def _rejection(r: Rejection, where: str = "") -> Markup:
    return tag("span", where, tag("b", f"{r.construct}: "), r.message, f" Hint: {r.hint}" if r.hint else "",
               class_="rejection")


def _line(n: int, text: str, tier: str, unused: bool, share: float, mapped: TranslatedLine | None,
          rejections: list[Rejection]) -> Markup:
    pct = f"{100 * share:.1f}%" if share >= 0.0005 else ""
    bar = tag("i", style=f"width:{min(100.0, 100 * share):.1f}%") if share > 0 else None
    row = tag("span", tag("span", n, class_="no"), tag("span", pct, class_="pct"), tag("span", bar, class_="bar"),
              tag("span", _code(text, rejections), class_="src"), class_="row")
    classes = f"ln t-{tier}" + (" unused" if unused else "")
    notes = [_rejection(r) for r in rejections]
    title = f"line {n}: {tier}" + (" (translated, but the program runs it as Python)" if unused else "")
    if mapped is not None and mapped.rust:
        return tag("details", tag("summary", row), tag("pre", mapped.rust, class_="rust"), notes, class_=classes,
                   title=title, data_line=n)
    return tag("div", row, notes, class_=classes, title=title, data_line=n)


def _code(text: str, rejections: list[Rejection]) -> Markup:
    """The line's text, underlined from the first rejection's column (ast columns count
    UTF-8 bytes)."""
    if not rejections:
        return tag("code", text)
    col = len(text.encode()[:min(r.col for r in rejections)].decode("utf-8", "ignore"))
    head, tail = text[:col], text[col:] or " "
    title = "; ".join(f"{r.construct}: {r.message}" for r in rejections)
    return tag("code", head, tag("span", tail, class_="rej", title=title))
