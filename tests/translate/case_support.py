"""Support for the translator's behaviour tests: the case functions, the selection
document naming them all, and the one build of the generated crate.

Every function of every file in `cases/` goes into ONE selection document; conftest's
session fixture has `rustify.generation.generate.generate` write ONE crate (one extension
module) from it, builds it with `maturin build --release` (in the shared cargo target
folder, so pyo3 is compiled once per machine) and imports the extension straight from
the unpacked wheel: nothing is installed. Each translated function gets its Python
original as fallback (deopt), through the module's `_rustify_set_fallback(name, func)`.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType, ModuleType

import pytest

from maturin_support import build_and_import, find_maturin

from rustify.records import (
    Criteria, Generation, GeneratedFunction, Observed, Program, ProfileSummary, Selection, Source, Target,
)

CASES = Path(__file__).resolve().parent / "cases"
MODULE = "rustify_cases"
#: the file of functions that must be rejected (tested fast by test_rejections.py)
MUST_REJECT = "must_reject.py"

#: `types` overrides for unannotated parameters, as a user would write them into the
#: selection document: (case file stem, function) -> {parameter: type text}
TYPE_OVERRIDES: dict[tuple[str, str], dict[str, str]] = {
    ("accumulators", "scaled_sum"): {"xs": "list[float]"},
    ("accumulators", "count_positive"): {"xs": "list[int]"},
    ("accumulators", "weighted_sum"): {"xs": "list[float]", "ws": "list[float]"},
    ("calls", "call_with_default_int"): {"k": "int"},
}

#: types a profile would have observed for parameters (annotated `Any`, `Sequence[float]`, ...
#: or not at all), as the profile document carries them: (case file stem, function) ->
#: {parameter: type text}. The translation reads them as it reads a real profile's, and the
#: inputs are generated from them.
OBSERVED: dict[tuple[str, str], dict[str, str]] = {
    ("annotations", "mean_of_any"): {"values": "list[float]"},
    ("annotations", "dot_of_sequences"): {"a": "list[float]", "b": "list[float]"},
    ("annotations", "total_of_iterable"): {"xs": "list[int]"},
    ("annotations", "span_of_tuple"): {"values": "tuple[int, int, int]"},
    ("annotations", "normalized_bare_list"): {"row": "list[float]"},
    ("annotations", "merged_bare_dicts"): {"a": "dict[str, int]", "b": "dict[str, int]"},
    ("annotations", "scaled_optional_object"): {"x": "float | None", "k": "float"},
    ("annotations", "sign_of_object"): {"x": "int | float"},
    ("annotations", "halves_of_float"): {"x": "int"},
    ("annotations", "values_of_any_dict"): {"d": "dict[str, float]"},
    ("annotations", "firsts_of_any_list"): {"rows": "list[list[int]]"},
    ("annotations", "untyped_count"): {"xs": "list[str]", "word": "str"},
}


@dataclass(frozen=True)
class CaseFunction:
    """One top-level function (or method) of a case file."""

    stem: str
    file: str  # relative to CASES
    qualname: str
    line: int
    node: ast.FunctionDef | ast.AsyncFunctionDef = field(compare=False, repr=False)

    @property
    def key(self) -> str:
        return f"{self.stem}.{self.qualname}"

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.qualname}"

    def parameters(self) -> list[tuple[ast.arg, str]]:
        """(parameter, how a call passes it), in the order Python binds them: `positional`,
        `star` (`*args`), `keyword` (keyword-only), `starstar` (`**kwargs`)."""
        a = self.node.args
        return ([(p, "positional") for p in a.args] + ([(a.vararg, "star")] if a.vararg else [])
                + [(p, "keyword") for p in a.kwonlyargs] + ([(a.kwarg, "starstar")] if a.kwarg else []))

    def param_types(self) -> dict[str, str]:
        """Each parameter's type text, which inputs are made of: the override, else the
        observed type, else the annotation (else absent); a `*args: T` is a `tuple[T, ...]`,
        a `**kwargs: T` a `dict[str, T]`."""
        overrides = TYPE_OVERRIDES.get((self.stem, self.qualname), {})
        observed = OBSERVED.get((self.stem, self.qualname), {})
        out = {}
        for arg, kind in self.parameters():
            if arg.arg in overrides:
                out[arg.arg] = overrides[arg.arg]
            elif arg.arg in observed:
                out[arg.arg] = observed[arg.arg]
            elif arg.annotation is not None:
                quoted = isinstance(arg.annotation, ast.Constant) and isinstance(arg.annotation.value, str)
                text = arg.annotation.value if quoted else ast.unparse(arg.annotation)  # 'T': the type it spells
                out[arg.arg] = {"star": f"tuple[{text}, ...]", "starstar": f"dict[str, {text}]"}.get(kind, text)
        return out

    def observed(self) -> Observed | None:
        """What a profile would say of its calls (OBSERVED), as the selection carries it."""
        types = OBSERVED.get((self.stem, self.qualname))
        if types is None:
            return None
        return Observed(calls=1, args={name: {text: 1} for name, text in types.items()}, ret={})


def case_files() -> list[Path]:
    # RUSTIFY_TEST_CASES=strings,dicts builds only those case files (quicker while working on them)
    only = {name.strip() for name in os.environ.get("RUSTIFY_TEST_CASES", "").split(",") if name.strip()}
    return sorted(p for p in CASES.glob("*.py") if not p.name.startswith("_") and (not only or p.stem in only))


def case_functions(path: Path) -> list[CaseFunction]:
    """Module-level functions and class methods of a case file, in source order (a name
    starting with `_` is a helper the cases use, not a case)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    out = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name.startswith("_"):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.append(CaseFunction(path.stem, path.name, node.name, node.lineno, node))
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out.append(CaseFunction(path.stem, path.name, f"{node.name}.{sub.name}", sub.lineno, sub))
    return out


def behaviour_functions() -> list[CaseFunction]:
    """Every function the behaviour tests compare (all case files but the must-reject one)."""
    return [f for p in case_files() if p.name != MUST_REJECT for f in case_functions(p)]


def load_python(path: Path) -> ModuleType:
    """Import a case file as a plain Python module (the reference implementation)."""
    name = f"rustify_case_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def selection_document() -> Selection:
    """A selection naming every case function, with `types` overrides and source hashes."""
    sources, targets = [], []
    for path in case_files():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        sources.append(Source(path=path.name, sha256=digest, module=f"rustify_case_{path.stem}"))
        for fn in case_functions(path):
            targets.append(Target(id=fn.id, qualname=fn.qualname, file=fn.file, line=fn.line, reason="test case",
                                  types=dict(TYPE_OVERRIDES.get((fn.stem, fn.qualname), {})),
                                  observed=fn.observed()))
    program = Program(argv=["cases"], cwd=str(CASES), profiler="none")
    return Selection(profile=ProfileSummary(program=program, total_seconds=0.0, types_known=False),
                     criteria=Criteria(threshold=0.0), sources=sources, targets=targets, skipped=[])


WARNING = re.compile(r"^warning\b", re.MULTILINE)


def build_extension(crate: Path, workdir: Path) -> tuple[ModuleType, str]:
    """`maturin build --release` the crate; returns the imported module and cargo's output.

    Fails (pytest.fail) if the build fails or cargo prints any warning."""
    if find_maturin() is None or shutil.which("cargo") is None:
        pytest.skip("maturin or cargo not available")
    try:
        module, output = build_and_import(crate, workdir, MODULE)
    except RuntimeError as exc:
        pytest.fail(f"the generated crate does not build: {exc}")
    warnings = [m.start() for m in WARNING.finditer(output)]
    if warnings:
        pytest.fail("the generated crate compiles with warnings:\n" + output[max(0, warnings[0] - 200):][:8000])
    return module, output


@dataclass
class BuiltCases:
    """The session's one build: the extension, the generation record, the originals."""

    module: ModuleType
    generation: Generation
    #: case key ("stem.qualname") -> its generation entry
    entries: dict[str, GeneratedFunction]
    #: case key -> the Python original
    originals: dict[str, FunctionType]
    crate: Path
    build_output: str

    def rust(self, key: str):
        """The extension's function for a case, or None if it was rejected."""
        entry = self.entries[key]
        if entry.status != "translated":
            return None
        return getattr(self.module, entry.rust_name)

    def set_fallback(self, key: str, func) -> None:
        self.module._rustify_set_fallback(self.entries[key].rust_name, func)

    def pair(self, key: str):
        """(the original, its translation) of case `key` ("stem.qualname"), skipping the test
        when RUSTIFY_TEST_CASES left its file out of this build."""
        if key not in self.entries:
            pytest.skip(f"RUSTIFY_TEST_CASES left {key.split('.')[0]} out of this build")
        rs = self.rust(key)
        assert rs is not None, self.entries[key].rejections
        return self.originals[key], rs

    def deopts(self, key: str, py, rs, *args) -> int:
        """How many times calling the translation `rs` of case `key` ran its original `py`."""
        calls = []

        @functools.wraps(py)  # the fallback's __wrapped__ names the module the translation follows
        def recording(*a, **k):
            calls.append(1)
            return py(*a, **k)

        self.set_fallback(key, recording)
        try:
            rs(*args)
        finally:
            self.set_fallback(key, py)
        return len(calls)


def built_pair(built_cases: BuiltCases, key: str):
    """The Python original and the translation of case `key` ("file.function"), skipping
    the test when RUSTIFY_TEST_CASES left that case file out of the build."""
    if not any(p.stem == key.split(".")[0] for p in case_files()):
        pytest.skip(f"RUSTIFY_TEST_CASES left {key.split('.')[0]} out of this build")
    return built_cases.originals[key], built_cases.rust(key)


def outcome(f, *args):
    """What a call gives: ("ok", result) or (exception type name, message)."""
    try:
        return "ok", f(*args)
    except Exception as e:  # noqa: BLE001 - the comparison is the point
        return type(e).__name__, str(e)
