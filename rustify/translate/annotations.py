"""What a parameter's annotation says, combined with the types the profile observed.

Python does not enforce annotations, and library code often writes ones that say little:
`Any`, `object`, `Iterable[int]`, `Sequence[float]`, `Callable[...]`, a bare `dict`, a
type variable. An annotation narrows or confirms; where it is abstract, the observed
types decide, and the object tier takes what is still unknown:

    x: Any                 observed float            ->  float
    xs: Sequence[float]    observed list[float]      ->  list[float]
    row: list              observed list[int]        ->  list[int]
    d: Dict[str, Any]      observed dict[str, int]   ->  dict[str, int]
    x: Optional[object]    observed float | None     ->  float | None
    x: object              nothing observed          ->  an object
    x: float               observed int              ->  int | float (an int is a float to typing)
    n: int                 observed float            ->  int (a concrete annotation wins)

String annotations are evaluated as `typing` evaluates them: `'str'` is `str`,
`'List[Tuple[float, float]]'` the generic it spells.
"""

from __future__ import annotations

import ast

from rustify import pytypes

#: stands for an annotation that names no concrete type (`Any`, `Sequence[float]`, a class)
ABSTRACT = pytypes.OpaqueT("object")

#: generic aliases whose parameters this translation reads (typing's names and the builtins)
_GENERIC = {"list": "list", "List": "list", "set": "set", "Set": "set", "frozenset": "frozenset",
            "FrozenSet": "frozenset", "dict": "dict", "Dict": "dict", "tuple": "tuple", "Tuple": "tuple",
            "Optional": "Optional", "Union": "Union"}


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base is not None else None
    return None


def _generic(node: ast.expr) -> str | None:
    """`list` for `List`, `typing.List`, `t.List`, `list` (None for other names)."""
    name = _dotted(node)
    return None if name is None else _GENERIC.get(name.rsplit(".", 1)[-1])


def annotation_type(node: ast.expr) -> pytypes.PyType:
    """The type an annotation names; its abstract parts are `ABSTRACT`, and a bare
    container's missing parameters `pytypes.UnknownT`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a forward reference
        try:
            return annotation_type(ast.parse(node.value.strip(), mode="eval").body)
        except SyntaxError:
            return ABSTRACT
    if isinstance(node, ast.Constant) and node.value is None:
        return pytypes.Prim("None")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([annotation_type(node.left), annotation_type(node.right)])
    if isinstance(node, ast.Subscript):
        return _subscript(node)
    generic = _generic(node)
    if generic in ("tuple", "Optional", "Union"):
        return ABSTRACT  # `tuple` alone: of any length and items
    try:
        parsed = pytypes.parse_type(ast.unparse(node))
    except ValueError:
        return ABSTRACT
    return ABSTRACT if isinstance(parsed, pytypes.OpaqueT) else parsed


def _subscript(node: ast.Subscript) -> pytypes.PyType:
    generic = _generic(node.value)
    args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
    if generic is None:  # Sequence[float], Iterable[int], Callable[...], numpy forms, user generics
        try:
            parsed = pytypes.parse_type(ast.unparse(node))  # `np.ndarray[float64, 2]`
        except ValueError:
            return ABSTRACT
        return ABSTRACT if isinstance(parsed, pytypes.OpaqueT) else parsed
    if generic == "tuple":
        if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
            return pytypes.TupleT((annotation_type(args[0]),), variadic=True)
        if isinstance(node.slice, ast.Tuple) and not args:
            return pytypes.TupleT(())
        return pytypes.TupleT(tuple(annotation_type(a) for a in args))
    parts = [annotation_type(a) for a in args]
    if generic == "Union":
        return _union(parts)
    if generic == "Optional" and len(parts) == 1:
        return _union([parts[0], pytypes.Prim("None")])
    if generic == "list" and len(parts) == 1:
        return pytypes.ListT(parts[0])
    if generic in ("set", "frozenset") and len(parts) == 1:
        return pytypes.SetT(parts[0], frozen=generic == "frozenset")
    if generic == "dict" and len(parts) == 2:
        return pytypes.DictT(parts[0], parts[1])
    return ABSTRACT


def _union(parts: list[pytypes.PyType]) -> pytypes.PyType:
    return ABSTRACT if any(_is_abstract(p) for p in parts) and len(parts) == 1 else pytypes.union(*parts)


def _is_abstract(t: pytypes.PyType) -> bool:
    return isinstance(t, (pytypes.OpaqueT, pytypes.UnknownT))


def _options(t: pytypes.PyType) -> tuple[pytypes.PyType, ...]:
    return t.options if isinstance(t, pytypes.UnionT) else (t,)


def refine(annotated: pytypes.PyType, observed: pytypes.PyType | None) -> pytypes.PyType:
    """The annotation with each abstract part replaced by what was observed there (an
    observation the annotation contradicts leaves the annotation as written)."""
    if observed is None or isinstance(observed, pytypes.UnknownT):
        return annotated
    if _is_abstract(annotated):
        return observed
    if annotated == pytypes.Prim("float") and pytypes.Prim("int") in _options(observed):
        return pytypes.union(pytypes.Prim("int"), annotated)  # PEP 484: an int is acceptable as a float
    if isinstance(annotated, pytypes.UnionT):
        concrete = [o for o in annotated.options if not _is_abstract(o)]
        if len(concrete) == len(annotated.options):
            return annotated
        return pytypes.union(*concrete, observed)  # `Optional[object]`: None, and what was seen
    same_kind = [o for o in _options(observed) if type(o) is type(annotated)]
    if len(same_kind) != 1:
        return annotated
    seen = same_kind[0]
    if isinstance(annotated, pytypes.ListT) and isinstance(seen, pytypes.ListT):
        return pytypes.ListT(refine(annotated.item, seen.item))
    if isinstance(annotated, pytypes.SetT) and isinstance(seen, pytypes.SetT) and annotated.frozen == seen.frozen:
        return pytypes.SetT(refine(annotated.item, seen.item), annotated.frozen)
    if isinstance(annotated, pytypes.DictT) and isinstance(seen, pytypes.DictT):
        return pytypes.DictT(refine(annotated.key, seen.key), refine(annotated.value, seen.value))
    if isinstance(annotated, pytypes.TupleT) and isinstance(seen, pytypes.TupleT):
        if annotated.variadic:
            return seen if _is_abstract(annotated.items[0]) or not seen.variadic else \
                pytypes.TupleT((refine(annotated.items[0], seen.items[0]),), variadic=True)
        if not seen.variadic and len(seen.items) == len(annotated.items):
            return pytypes.TupleT(tuple(refine(a, s) for a, s in zip(annotated.items, seen.items)))
    return annotated


def observed_type(texts) -> pytypes.PyType | None:
    """The join of the observed type texts of one parameter (None when there are none)."""
    out: pytypes.PyType | None = None
    for text in texts:
        try:
            t = pytypes.parse_type(text)
        except ValueError:
            continue
        out = t if out is None else pytypes.join(out, t)
    return out


__all__ = ["ABSTRACT", "annotation_type", "refine", "observed_type"]
