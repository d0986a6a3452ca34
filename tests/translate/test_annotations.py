"""Annotations and observed types (translate/annotations.py), without a build: what an
annotation names, how the observed types fill its abstract parts, and the parameter
types the translator picks from both. The built behaviour is compared with CPython by
cases/annotations.py."""

from __future__ import annotations

import ast
import textwrap

import pytest

from rustify import pytypes
from rustify.translate.annotations import ABSTRACT, annotation_type, observed_type, refine
from rustify.translate.frontend import scan_module
from rustify.translate.translator import ModuleTranslator


def annotated(text: str) -> pytypes.PyType:
    return annotation_type(ast.parse(text, mode="eval").body)


@pytest.mark.parametrize("text, expected", [
    ("Any", ABSTRACT), ("object", ABSTRACT), ("typing.Any", ABSTRACT), ("Sequence[float]", ABSTRACT),
    ("Iterable[int]", ABSTRACT), ("Callable[[float], float]", ABSTRACT), ("T", ABSTRACT), ("tuple", ABSTRACT),
    ("np.ndarray", ABSTRACT), ("'Point'", ABSTRACT), ("'not a type('", ABSTRACT),
    ("list", pytypes.ListT(pytypes.UnknownT())), ("dict", pytypes.DictT(pytypes.UnknownT(), pytypes.UnknownT())),
    ("'str'", pytypes.Prim("str")), ("'List[Tuple[float, float]]'", pytypes.parse_type("list[tuple[float, float]]")),
    ("Optional[object]", pytypes.union(ABSTRACT, pytypes.Prim("None"))),
    ("Dict[str, Any]", pytypes.DictT(pytypes.Prim("str"), ABSTRACT)),
    ("Tuple[int, ...]", pytypes.parse_type("tuple[int, ...]")), ("Tuple[()]", pytypes.TupleT(())),
    ("int | None", pytypes.parse_type("int | None")), ("Union[int, float]", pytypes.parse_type("int | float")),
    ("np.ndarray[float64, 2]", pytypes.NdArrayT("float64", 2)),
])
def test_what_an_annotation_names(text: str, expected: pytypes.PyType) -> None:
    assert annotated(text) == expected


@pytest.mark.parametrize("text, seen, expected", [
    ("Any", "list[float]", "list[float]"),
    ("Sequence[float]", "list[int | float]", "list[int | float]"),
    ("list", "list[int]", "list[int]"),
    ("List[Any]", "list[list[int]]", "list[list[int]]"),
    ("Dict[str, Any]", "dict[str, float]", "dict[str, float]"),
    ("Optional[object]", "float | None", "float | None"),
    ("Optional[object]", "float", "float | None"),  # the annotation says None may come
    ("Tuple[int, ...]", "tuple[int, int]", "tuple[int, int]"),
    ("Tuple[int, ...]", "tuple[int, ...]", "tuple[int, ...]"),
    ("float", "int", "int | float"),  # to typing an int is a float
    ("int", "float", "int"),  # a concrete annotation wins over what was seen
    ("list[float]", "str", "list[float]"),
    ("Any", None, "object"),
])
def test_observed_types_fill_the_abstract_parts(text: str, seen: str | None, expected: str) -> None:
    observed = pytypes.parse_type(seen) if seen is not None else None
    assert str(refine(annotated(text), observed)) == expected


def test_observed_texts_are_joined() -> None:
    assert str(observed_type(["list[int]", "list[float]", "list[?]"])) == "list[int | float]"
    assert observed_type([]) is None


SOURCE = '''\
from typing import Any, Sequence

def f(values: Any, xs: Sequence[float], row: list, n: int, x: object, ys, k=2):
    return 0
'''


def parameter_types(observed: dict[str, list[str]]) -> list[str]:
    tree = ast.parse(textwrap.dedent(SOURCE))
    translator = ModuleTranslator(scan_module("m.py", tree))
    fn = translator.info.functions["f"]
    return [str(t) for t in translator.parameter_types(fn, {}, {"args": observed})]


def test_parameters_take_the_observed_types_where_annotations_are_abstract() -> None:
    observed = {"values": ["list[float]"], "xs": ["list[float]"], "row": ["list[int]", "list[float]"],
                "n": ["float"], "x": ["str"], "ys": ["dict[str, int]"], "k": ["int"]}
    assert parameter_types(observed) == ["list[float]", "list[float]", "list[int | float]", "int", "str",
                                         "dict[str, int]", "int"]


def test_without_observations_abstract_annotations_are_objects() -> None:
    assert parameter_types({"ys": ["tuple[int, ...]"]}) == ["object", "object", "object", "int", "object",
                                                            "object", "int"]


def test_a_parameter_with_nothing_to_go_by_is_rejected_with_a_hint() -> None:
    source = "def g(xs, ys):\n    return 0\n\ndef h(xs):\n    return g(xs, xs)\n"
    translator = ModuleTranslator(scan_module("m.py", ast.parse(source)))
    result = translator.translate("m.py:1:g", "g", {}, {"args": {"xs": ["list[?]"]}})
    (rejection,) = result.rejections
    assert rejection.message == "cannot type parameter `ys` (no annotation, no observed calls)"
    assert '"ys": "TYPE"' in rejection.hint and "TYPE being its real type" in rejection.hint
    translator.seen_types = {"ys": ("dict[str, int]", "h")}
    (rejection,) = translator.translate("m.py:1:g", "g", {}, {"args": {"xs": ["list[int]"]}}).rejections
    assert rejection.hint.startswith('annotate it (`def g(..., ys: dict[str, int], ...)`), or add "ys": "dict[str, int]"')
    assert rejection.hint.endswith("`ys` was seen as dict[str, int] in h()")


def test_the_behaviour_cases_are_native_where_their_types_were_observed() -> None:
    """cases/annotations.py: every parameter is typed natively, none is left an object."""
    from case_support import CASES, OBSERVED, case_functions

    path = CASES / "annotations.py"
    translator = ModuleTranslator(scan_module(path.name, ast.parse(path.read_text())))
    for fn in case_functions(path):
        observed = {name: [text] for name, text in OBSERVED.get((fn.stem, fn.qualname), {}).items()}
        result = translator.translate(fn.id, fn.qualname, {}, {"args": observed})
        assert result.status == "translated", (fn.qualname, result.rejections)
        assert result.function is not None
        assert all("object" not in str(p.type) for p in result.function.params), (fn.qualname, result.function.params)
