"""The operation table (rustify/translate/ops/) covers every operation the translator
produces, and its facts are the ones the analyses act on."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from rustify.translate.emit.function import MATH, FunctionEmitter
from rustify.translate.emit.tables import emit_tables
from rustify.translate.frontend import scan_module
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.walk import walk_body
from rustify.translate.ops import OPS, _assemble, op
from rustify.translate.ops.op import Op
from rustify.translate.translator import ModuleTranslator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from case_support import case_files, selection_document  # noqa: E402


def _intrinsics_of_the_behaviour_suite() -> set[str]:
    """Every operation name in the IR of every function of the behaviour suite."""
    selection = selection_document()
    names: set[str] = set()
    for path in case_files():
        translator = ModuleTranslator(scan_module(str(path), ast.parse(path.read_text())))
        for t in selection.targets:
            if Path(t.file).name == path.name:
                observed = {"args": t.observed.args, "return": t.observed.ret} if t.observed else None
                translator.translate(t.id, t.qualname, t.types, observed)
        for inst in translator.instances.values():
            if inst.function is not None:
                names |= {n.name for n in walk_body(inst.function.body) if isinstance(n, ir.Intrinsic)}
    return names


def test_every_operation_produced_is_in_the_table() -> None:
    produced = _intrinsics_of_the_behaviour_suite()
    assert len(produced) > 100
    assert produced - set(OPS) == set()


def test_every_entry_is_emitted_somewhere() -> None:
    """An entry is emitted by an emit table or by the emitter's own `e_Intrinsic`."""
    import inspect

    tables = emit_tables()
    core = inspect.getsource(FunctionEmitter.e_Intrinsic) + inspect.getsource(FunctionEmitter)
    missing = [name for name in OPS if name not in tables.intrinsics and name not in tables.in_place
               and f'"{name}"' not in core and not (name.startswith("math.") and (name[5:] in MATH or name == "math.log"))]
    assert missing == []


def test_statements_and_removals_change_their_receiver() -> None:
    for entry in OPS.values():
        if entry.statement or entry.removes:
            assert entry.mutates == 0, entry.name


def test_unknown_names_fail_loudly() -> None:
    with pytest.raises(KeyError, match="not in the operation table"):
        op("str.no_such_method")
    with pytest.raises(RuntimeError, match="defined twice"):
        _assemble((Op("a.b"),), (Op("a.b"),))


def test_the_gil_analysis_reads_the_table(monkeypatch) -> None:
    from rustify.translate.emit import gil

    source = ("def f(xs: list[float]) -> float:\n    s = 0.0\n    for x in xs:\n        for y in xs:\n"
              "            s += abs(x - y)\n    return s\n")
    translator = ModuleTranslator(scan_module("<t>", ast.parse(source)))
    fn = translator.translate("f", "f", {}, None).function
    assert fn is not None and gil.releases_gil(fn, {})
    monkeypatch.setitem(OPS, "abs", Op("abs", nogil=False))
    assert not gil.releases_gil(fn, {})
