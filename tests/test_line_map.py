"""The line map of a translated function (generation/line_map.py): each source line's tier,
from the IR, and its Rust, from lib.rs as gen writes it."""

from __future__ import annotations

import ast

from rustify.generation.crate import rustfmt
from rustify.generation.line_map import line_tiers, rust_by_line, translated_lines
from rustify.translate.emit.pyo3 import Export, emit_lib
from rustify.translate.frontend import scan_module
from rustify.translate.ir import pprint
from rustify.translate.translator import ModuleTranslator

SOURCE = '''\
import math


class Point:
    pass


def norm(xs, p):
    """The squared length; stores the length on p."""
    total = 0.0
    for x in xs:
        if x > 0:
            total += x * x
        else:
            total -= x
    p.norm = math.sqrt(total)
    return total
'''
OBSERVED = {"args": {"xs": {"list[float]": 3}, "p": {"m.Point": 3}}, "return": {"float": 3}}


def _translated():
    info = scan_module("m.py", ast.parse(SOURCE))
    translator = ModuleTranslator(info)
    result = translator.translate("m.py:8:norm", "norm", {}, OBSERVED, 8)
    assert result.status == "translated", result.rejections
    function = result.function
    export = Export("norm", function, translator.globals_read(function), ("m", "norm"), None)
    lib = rustfmt(emit_lib("m_rs", [export], translator.reachable([function]), compensated_sum=False))
    return function, lib


def test_each_statement_line_gets_its_tier():
    function, _ = _translated()
    # 9 (the docstring) does nothing; 11 (for) and 13/15 (nested in if/else) are their own lines; 16 sets an attribute of
    # an object (and boxes the float it stores): the object tier
    assert line_tiers(function) == {10: "native", 11: "native", 12: "native", 13: "native", 15: "native",
                                    16: "object", 17: "native"}


def test_marks_are_comments_in_lib_rs_and_not_in_the_printed_ir():
    function, lib = _translated()
    assert "// rustify:line 16" in lib
    assert "rustify:line" not in pprint.function(function)


def test_each_line_gets_the_rust_from_its_mark_to_the_next():
    function, lib = _translated()
    prologue, rust = rust_by_line(lib, function.rust_name)
    assert "let mut v_total: f64" in prologue  # the locals, before any mark
    assert "fn f_norm(" in prologue
    assert rust[10] == "v_total = 0.0_f64;"
    assert "v_total = (v_total + (v_x * v_x));" in rust[13]
    assert "rt::math_sqrt(v_total)" in rust[16]
    assert rust[17].split() == ["return", "Ok(v_total);", "rt::deopt()", "}"]  # the end of the function


def test_the_def_line_is_the_boundary():
    function, lib = _translated()
    lines = translated_lines(function, lib, f"py_{function.rust_name}")
    assert [line.line for line in lines] == [8, 10, 11, 12, 13, 15, 16, 17]
    first = lines[0]
    assert first.tier == "object"  # the exported wrapper converts every argument
    assert "#[pyfunction]" in first.rust and "fn f_norm(" in first.rust
    assert "rustify:" not in "".join(line.rust for line in lines)


def test_an_item_that_is_not_in_lib_rs_has_no_rust():
    assert rust_by_line("fn x() {}\n", "f_missing") == ("", {})
