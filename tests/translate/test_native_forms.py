"""The common forms of issue 15 translate natively, without a build: each behaviour case
below (compared with CPython by test_behaviour.py) is translated with no object-tier node
and no parameter left an object, so its speed does not depend on CPython's."""

from __future__ import annotations

import ast

import pytest

from case_support import CASES, OBSERVED, TYPE_OVERRIDES, case_functions
from rustify.translate.frontend import scan_module
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ir.rtypes import ObjT
from rustify.translate.ir.walk import walk_body
from rustify.translate.translator import ModuleTranslator

NATIVE = {
    "builtins_cases": ["empty_constructors", "kinds_of_numbers", "kinds_of_native_values", "kind_of_optional"],
    "strings": ["split_at_most", "split_words_at_most", "key_and_value", "find_in_window", "index_in_window",
                "all_positions", "extreme_letters", "extreme_words", "zero_bytes", "bytes_of_ints", "checksum_of"],
    "dicts": ["pairs_to_dict", "dict_of_pairs", "dict_copied", "removed_from_set", "union_of_groups",
              "key_of_another_type", "words_by_frequency"],
    "lists": ["pair_members", "row_members", "float_pair_members", "identities", "mirrored_letters", "equalities"],
    "nested": ["relax", "zeros_untouched", "product_accumulated", "next_larger", "buckets", "halve_in_place",
               "mixed_appends", "row_appends"],
    "optionals": ["lowest_first_item", "first_drop", "skip_missing", "not_none_by_negation", "leaves_by_raise",
                  "asserted", "by_isinstance", "by_truth", "conditional_value", "boolean_value", "present_doubled",
                  "chain_length", "default_filled", "narrowing_ends_with_the_loop", "narrowing_undone_in_a_branch"],
}


@pytest.mark.parametrize("stem", sorted(NATIVE))
def test_translated_without_objects(stem: str) -> None:
    path = CASES / f"{stem}.py"
    translator = ModuleTranslator(scan_module(path.name, ast.parse(path.read_text())))
    functions = {fn.qualname: fn for fn in case_functions(path)}
    for name in NATIVE[stem]:
        fn = functions[name]
        observed = {k: [v] for k, v in OBSERVED.get((stem, name), {}).items()}
        result = translator.translate(fn.id, name, TYPE_OVERRIDES.get((stem, name), {}), {"args": observed})
        assert result.function is not None, (name, result.rejections)
        assert not any(isinstance(p.type, ObjT) for p in result.function.params), (name, result.function.params)
        objects = [type(n).__name__ for n in walk_body(result.function.body) if isinstance(n, obj.NODES)]
        assert objects == [], (name, objects)
