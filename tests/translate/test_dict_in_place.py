"""A str-keyed dict argument that a function only looks up is read in place (runtime
view.rs `StrMap`): the answers must be CPython's for every dict the caller may pass, also
those the generated inputs never make (keys of other types, values of another type,
str subclasses as keys), and the caller's dict is not changed."""

from __future__ import annotations

import pytest

from case_support import BuiltCases, built_pair, outcome

pytestmark = pytest.mark.slow


class Key(str):
    pass




@pytest.mark.parametrize("table", [
    {"ab": 1, "abc": 2, "x": 3},
    {"ab": 1, 5: 2, "abc": 7},            # a key of another type: converted (and deopts), not read in place
    {"ab": "one", "abc": 2},              # a value of another type: the read of it deopts
    {Key("ab"): 4, "abc": 5},             # a str subclass as key: no "unicode keys" table
    {(1, 2): 3},
    {},
])
def test_lookups_answer_as_cpython(built_cases: BuiltCases, table) -> None:
    py, rs = built_pair(built_cases, "dicts.longest_known_prefix")
    for text in ("abcd", "abx", "zz", "", "x"):
        before = dict(table)
        assert outcome(rs, text, table) == outcome(py, text, dict(table)), (text, table)
        assert table == before and list(table) == list(before)


def test_key_error_and_get_read_in_place(built_cases: BuiltCases) -> None:
    py, rs = built_pair(built_cases, "dicts.str_lookup")
    for table, k in (({"a": 1}, "b"), ({"a": 1}, "a"), ({"é": 2}, "é"), ({"a": 1.5}, "a")):
        assert outcome(rs, table, k) == outcome(py, table, k)
    py, rs = built_pair(built_cases, "dicts.weights_of")
    for table in ({"a": 0.25, "b": 2.0}, {"a": 1, "b": 2.0}, {"a": 0.25, 3: 1.0}):
        keys = ["a", "b", "c", "a"]
        assert outcome(rs, table, keys) == outcome(py, table, keys)


@pytest.mark.parametrize("source, mode", [
    ("def f(d: dict[str, int], k: str) -> int:\n    return d[k] + len(d)\n", "view"),
    ("def f(d: dict[str, int], k: str) -> bool:\n    return k in d\n", "view"),
    ("def f(d: dict[str, int]) -> int:\n    t = 0\n    for k in d:\n        t += d[k]\n    return t\n", "ref"),
    ("def f(d: dict[int, int], k: int) -> int:\n    return d[k]\n", "ref"),  # no "unicode keys" check for ints
])
def test_only_lookups_read_a_dict_in_place(source: str, mode: str) -> None:
    import ast

    from rustify.translate.frontend import scan_module
    from rustify.translate.translator import ModuleTranslator

    fn = ModuleTranslator(scan_module("<t>", ast.parse(source))).translate("f", "f", {}, None).function
    assert fn is not None and fn.params[0].mode == mode

