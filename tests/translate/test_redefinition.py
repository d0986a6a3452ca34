"""A function defined twice in a module: only the later `def` is the module's function."""

from __future__ import annotations

import ast

from rustify.translate.frontend import scan_module
from rustify.translate.translator import ModuleTranslator

SOURCE = "def f(x: float) -> float:\n    return x + 1.0\n\n\ndef f(x: float) -> float:\n    return x * 2.0\n"


def test_only_the_last_definition_is_translated() -> None:
    translator = ModuleTranslator(scan_module("m.py", ast.parse(SOURCE)))
    first = translator.translate("m.py:1:f", "f", {}, None, 1)
    assert first.status == "rejected"
    (rejection,) = first.rejections
    assert (rejection.construct, rejection.line) == ("redefined", 1)
    assert "defined again at line 5" in rejection.message
    last = translator.translate("m.py:5:f", "f", {}, None, 5)
    assert last.status == "translated"
