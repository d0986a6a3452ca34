"""The golden-test runner: `[case NAME]` source in, IR text and Rust text out.

A data file holds cases like

    [case swap]
    def swap(a: int, b: int) -> tuple[int, int]:
        a, b = b, a
        return a, b
    -- ir
    def f_swap(a: int, b: int) -> tuple[int, int]:
    ...
    -- rust
    fn f_swap(...)

The first function of each case is translated (types from its annotations); the
IR is printed by `ir.pprint`, the Rust body by the emitter (rustfmt'd). A case whose
expected text is `-- rejected` must be rejected; the line after it is the message.
`pytest --update-golden` rewrites the expected sections from the current output.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from rustify.generation.crate import rustfmt
from rustify.translate.emit.function import FunctionEmitter
from rustify.translate.emit.tables import emit_tables
from rustify.translate.frontend import scan_module
from rustify.translate.ir import pprint
from rustify.translate.translator import ModuleTranslator

CASE = re.compile(r"^\[case ([A-Za-z0-9_]+)\]\s*$", re.M)


@dataclass
class Case:
    name: str
    source: str
    sections: dict[str, str]


def parse_file(path: Path) -> list[Case]:
    text = path.read_text()
    parts = CASE.split(text)
    cases = []
    for name, body in zip(parts[1::2], parts[2::2]):
        chunks = re.split(r"^-- (\w+)\s*$", body, flags=re.M)
        source = chunks[0].strip("\n") + "\n"
        sections = {key: value.strip("\n") + "\n" for key, value in zip(chunks[1::2], chunks[2::2])}
        cases.append(Case(name, source, sections))
    return cases


def render(case: Case) -> dict[str, str]:
    tree = ast.parse(case.source)
    info = scan_module(f"<{case.name}>", tree)
    first = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    translator = ModuleTranslator(info)
    result = translator.translate(first.name, first.name, {}, None)
    if result.status != "translated":
        r = result.rejections[0]
        return {"rejected": f"{r.line}:{r.col}: {r.construct}: {r.message}\n"}
    functions = translator.reachable([result.function])
    callees = {f.rust_name: f for f in functions}
    ir_text = "".join(pprint.function(f) for f in functions)
    rust = "".join(FunctionEmitter(f, callees, emit_tables(), compensated_sum=False, globals_export=first.name).emit()
                   for f in functions)
    return {"ir": ir_text, "rust": rustfmt(rust)}


def write_file(path: Path, cases: list[Case], outputs: dict[str, dict[str, str]]) -> None:
    out = []
    for case in cases:
        out.append(f"[case {case.name}]\n{case.source}")
        for key, value in outputs[case.name].items():
            out.append(f"-- {key}\n{value}")
    path.write_text("\n".join(out).rstrip("\n") + "\n")
