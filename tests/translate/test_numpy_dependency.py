"""rust-numpy (the runtime's `numpy` feature) is compiled only for crates whose functions use numpy arrays."""

from __future__ import annotations

import ast

from rustify.generation.generate import crate_dependencies
from rustify.translate.frontend import scan_module
from rustify.translate.translator import ModuleTranslator


def _functions(source: str):
    tree = ast.parse(source)
    info = scan_module("<test>", tree)
    translator = ModuleTranslator(info)
    out = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            result = translator.translate(node.name, node.name, {}, None)
            assert result.status == "translated", result.rejections
            out.append(result.function)
    return out


def test_array_functions_add_rust_numpy() -> None:
    deps = crate_dependencies(_functions("import numpy as np\ndef f(a: np.ndarray[float64, 1]):\n    return len(a)\n"))
    assert list(deps) == ["rustify-rt"] and 'features = ["numpy"]' in deps["rustify-rt"]


def test_other_functions_do_not() -> None:
    deps = crate_dependencies(_functions("def f(x: float):\n    return x * 2.0\n"))
    assert list(deps) == ["rustify-rt"] and "features" not in deps["rustify-rt"]


def test_observed_lists_keep_a_list_signature() -> None:
    source = "def f(a):\n    s = 0.0\n    for i in range(len(a)):\n        s += a[i]\n    return s\n"
    tree = ast.parse(source)
    translator = ModuleTranslator(scan_module("<test>", tree))
    as_list = translator.translate("f", "f", {}, {"args": {"a": ["list[float]"]}})
    as_array = translator.translate("f", "f", {}, {"args": {"a": ["numpy.ndarray[float64, 1]"]}})
    assert str(as_list.function.params[0].type) == "list[float]"
    assert str(as_array.function.params[0].type) == "numpy.ndarray[float64, 1]"
