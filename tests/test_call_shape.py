"""CallShape: parity checks and benchmarks pass a sample's values as the program did."""

from __future__ import annotations

from rustify.call_shape import CallShape


def labelled(name, *values, sep=", ", **opts):
    return name, values, sep, opts


SHAPE = CallShape.of([{"name": "name", "type": "str", "kind": "positional"},
                      {"name": "values", "type": "object", "kind": "star"},
                      {"name": "sep", "type": "str", "kind": "keyword"},
                      {"name": "opts", "type": "object", "kind": "starstar"}])


def test_values_are_spread_as_the_signature_binds_them() -> None:
    call = SHAPE.adapt(labelled)
    assert call("a", (1, 2), "; ", {"width": 3}) == ("a", (1, 2), "; ", {"width": 3})
    assert call.__wrapped__ is labelled


def test_call_text_is_the_same_call_as_source() -> None:
    text = SHAPE.call_text("f", ["a0", "a1", "a2", "a3"])
    assert text == "f(a0, *a1, sep=a2, **a3)"
    assert eval(text, {"f": labelled, "a0": "x", "a1": (), "a2": "-", "a3": {}}) == ("x", (), "-", {})


def test_documents_without_kinds_are_positional() -> None:
    plain = CallShape.of([{"name": "x", "type": "int"}])
    assert plain.plain and plain.adapt(abs) is abs
