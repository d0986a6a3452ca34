"""Functions outside the translatable subset are rejected, each with the construct
and the place that stops it (no build needed).

`cases/must_reject.py` marks the offending line of each such function with a
comment `# reject: <construct>`; functions without a marker must still translate,
whatever their neighbours do.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from case_support import CASES, MUST_REJECT, CaseFunction, case_functions
from rustify.translate.frontend import scan_module
from rustify.translate.translator import ModuleTranslator, TargetResult

PATH = CASES / MUST_REJECT
MARKER = re.compile(r"#\s*reject:\s*(.+?)\s*$")


def markers(path: Path) -> dict[int, str]:
    """Line number -> expected construct."""
    out = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        m = MARKER.search(line)
        if m:
            out[number] = m.group(1)
    return out


def first_line(fn: CaseFunction) -> int:
    """The function's first line, its decorators' included."""
    return min([fn.node.lineno] + [d.lineno for d in fn.node.decorator_list])


def expected(fn: CaseFunction, marks: dict[int, str]) -> tuple[int, str] | None:
    inside = [(line, construct) for line, construct in marks.items()
              if first_line(fn) <= line <= (fn.node.end_lineno or fn.node.lineno)]
    assert len(inside) <= 1, f"{fn.qualname}: one marker per function"
    return inside[0] if inside else None


@pytest.fixture(scope="module")
def results() -> dict[str, TargetResult]:
    tree = ast.parse(PATH.read_text(), filename=str(PATH))
    translator = ModuleTranslator(scan_module(MUST_REJECT, tree))
    return {fn.qualname: translator.translate(fn.id, fn.qualname, {}, None) for fn in case_functions(PATH)}


FUNCTIONS = case_functions(PATH)
MARKS = markers(PATH)


def test_every_marker_belongs_to_a_function() -> None:
    covered = {line for fn in FUNCTIONS for line in MARKS if first_line(fn) <= line <= (fn.node.end_lineno or 0)}
    assert covered == set(MARKS)


@pytest.mark.parametrize("fn", [f for f in FUNCTIONS if expected(f, MARKS)], ids=lambda f: f.qualname)
def test_rejected_with_construct_and_place(results: dict[str, TargetResult], fn: CaseFunction) -> None:
    line, construct = expected(fn, MARKS)  # type: ignore[misc]
    result = results[fn.qualname]
    assert result.status == "rejected", f"{fn.qualname} was translated"
    assert result.function is None
    rejection = result.rejections[0]
    assert (rejection.construct, rejection.line) == (construct, line), rejection
    source_line = PATH.read_text().splitlines()[line - 1]
    assert 0 <= rejection.col < len(source_line), rejection
    assert rejection.message


@pytest.mark.parametrize("fn", [f for f in FUNCTIONS if not expected(f, MARKS)], ids=lambda f: f.qualname)
def test_others_still_translate(results: dict[str, TargetResult], fn: CaseFunction) -> None:
    result = results[fn.qualname]
    assert result.status == "translated", result.rejections


@pytest.mark.parametrize("caller, callee", [("calls_generator_on_an_array", "pairs_of")])
def test_calling_a_rejected_function_says_which(results: dict[str, TargetResult], caller: str, callee: str) -> None:
    rejection = results[caller].rejections[0]
    assert f"{callee}()" in rejection.message
    assert "cannot be translated" in rejection.message


def test_rejections_point_at_the_construct_column() -> None:
    """The column is where the construct starts on its line (0-based, as `ast`)."""
    tree = ast.parse(PATH.read_text())
    translator = ModuleTranslator(scan_module(MUST_REJECT, tree))
    result = translator.translate("lambda", "with_lambda", {}, None)
    line = PATH.read_text().splitlines()[result.rejections[0].line - 1]
    assert line[result.rejections[0].col:].startswith("lambda")
