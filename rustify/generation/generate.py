"""rustify-gen: translate the selected functions and write one maturin crate.

Every target gets an entry: `translated` with the name the extension exports and
its signature, or `rejected` with each construct, place and hint. Targets from
several source files share one crate and one extension module with unique names.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from rustify.building import runtime_crate
from rustify.generation.crate import cargo_toml, pyproject_toml, rustfmt, sha256, write_crate
from rustify.generation.line_map import translated_lines
from rustify.errors import InputError, Location, UsageError
from rustify.records import Crate, GeneratedFunction, Generation, Rejection, Selection, Target
from rustify.sources import absolute_path, definition_dumps, functions_sha256, load_source
from rustify.translate.emit.pyo3 import Export, emit_lib, signature_text
from rustify.translate.frontend import ModuleInfo, parameters, scan_module
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.walk import walk_body
from rustify.translate.translator import ModuleTranslator

MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class GenOptions:
    out: str | None = None
    module: str | None = None
    force: bool = False
    allow_changed: bool = False
    #: where the selection came from (a file name, `<stdin>`), for error locations
    origin: str = "<stdin>"


def seen_parameter_types(selection: Selection) -> dict[str, tuple[str, str]]:
    """Parameter name -> (a type observed for a parameter of that name, the function it was
    seen in): what a missing type's hint suggests."""
    seen: dict[str, tuple[str, str]] = {}
    for target in selection.targets:
        if target.observed is not None:
            for name, types in target.observed.args.items():
                if len(types) == 1 and name not in seen:
                    seen[name] = (next(iter(types)), target.qualname)
    return seen


def param_kind(p: ir.Param) -> str:
    """How a call passes this parameter (call_shape.KINDS)."""
    return "star" if p.star == "*" else "starstar" if p.star == "**" else "keyword" if p.kw_only else "positional"


def check_type_keys(target: Target, index: int, info: ModuleInfo, origin: str) -> None:
    """A `types` entry names a parameter of the function or "return": a misspelled key
    would otherwise be ignored silently, and the function typed from something else."""
    fn = info.definition(target.qualname)
    if fn is None or not target.types:
        return
    names = [a.arg for a in parameters(fn)]
    for key in target.types:
        if key in names or key == "return":
            continue
        close = difflib.get_close_matches(key, names + ["return"], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (parameters: {', '.join(names) or 'none'})"
        raise InputError(f"{key!r} is not a parameter of {target.qualname}{hint}",
                         Location(origin, json_path=f"$.targets[{index}].types.{key}"))


def _stem(path: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", Path(path).stem)
    return name if MODULE_NAME.match(name) else f"m_{name}"


def default_module(selection: Selection) -> str:
    """`<source>_rs` (`rustify_ext` for several sources); when a build of that name is
    installed for other sources (`a/util.py` after `b/util.py`), a name made unique by the
    sources' paths, so one never silently replaces the other."""
    files = sorted({t.file for t in selection.targets})
    name = f"{_stem(files[0])}_rs" if len(files) == 1 else "rustify_ext"
    cwd = selection.profile.program.cwd
    mine = tuple(sorted({os.path.realpath(absolute_path(f, cwd)) for f in files}))
    from rustify.activation.installed import owner

    theirs = owner(name)
    if theirs is None or not theirs or set(theirs) <= set(mine):
        return name
    tag = hashlib.sha256("\0".join(mine).encode()).hexdigest()[:6]
    return f"{name[:-3]}_{tag}_rs"


def _check_source(selection: Selection, file: str, allow_changed: bool) -> str:
    cwd = selection.profile.program.cwd
    path = absolute_path(file, cwd)
    recorded = next((s.sha256 for s in selection.sources if s.path == file), None)
    source = load_source(path)
    if recorded is not None and recorded != source.sha256 and not allow_changed:
        raise InputError("changed since it was profiled; profile again, or pass --allow-changed", Location(file))
    return source.text


def generate(selection: Selection, options: GenOptions) -> Generation:
    """Translate `selection`'s targets and write the crate; the generation record."""
    module = options.module or default_module(selection)
    if not MODULE_NAME.match(module):
        raise UsageError(f"--module {module!r} is not a valid Python module name")
    out = Path(options.out or Path("rustify-out") / module)
    if not selection.targets:
        raise InputError("the selection has no targets: nothing to translate (lower --threshold or name --function)")

    by_file: dict[str, list[Target]] = {}
    for target in selection.targets:
        by_file.setdefault(target.file, []).append(target)
    many = len(by_file) > 1
    qualnames = [t.qualname for t in selection.targets]

    results: list[GeneratedFunction] = []
    #: target id -> its IR function (for its line map, once lib.rs is written)
    translated: dict[str, ir.Function] = {}
    exports: list[Export] = []
    functions: list[ir.Function] = []
    module_of = {s.path: s.module for s in selection.sources}
    sha_of = {s.path: s.sha256 for s in selection.sources}
    for file, targets in by_file.items():
        text = _check_source(selection, file, options.allow_changed)
        dumps = definition_dumps(text)
        tree = ast.parse(text, filename=file)
        info = scan_module(file, tree)
        for target in targets:
            check_type_keys(target, selection.targets.index(target), info, options.origin)
        prefix = f"{_stem(file)}_" if many else ""
        translator = ModuleTranslator(info, prefix)
        translator.seen_types = seen_parameter_types(selection)
        roots = []
        for target in targets:
            observed = None
            if target.observed is not None:
                observed = {"args": target.observed.args, "return": target.observed.ret}
            result = translator.translate(target.id, target.qualname, target.types, observed, target.line)
            entry = GeneratedFunction(
                id=target.id, status=result.status, qualname=target.qualname, file=file, line=target.line,
                source_module=module_of.get(file), source_sha256=sha_of.get(file),
                self_percent=target.self_percent, total_percent=target.total_percent, calls=target.calls,
                samples=selection.samples_of(target),
            )
            if result.status == "translated" and result.function is not None:
                py_name = f"{prefix}{target.qualname}" if many and qualnames.count(target.qualname) > 1 else target.qualname
                reads = translator.globals_read(result.function)
                source = module_of.get(file)
                export = Export(py_name, result.function, reads, (source, target.qualname) if source else None,
                                ast.get_docstring(info.definition(target.qualname), clean=False))
                exports.append(export)
                roots.append(result.function)
                translated[target.id] = result.function
                entry.rust_name = py_name
                entry.signature = signature_text(export)
                # what parity checks need to generate inputs, in rustify.pytypes text
                entry.extra["params"] = [{"name": p.name, "type": str(p.type), "kind": param_kind(p)}
                                         for p in result.function.params]
                entry.extra["returns"] = str(result.function.ret)
                entry.extra["mutates"] = [p.name for p in result.function.params if p.mode in ("mut", "inplace")]
                # the module globals it depends on: parity rebinds them to check they are followed
                entry.extra["globals"] = [{"name": r.name, "kind": r.kind} for r in reads]
                # it calls Python code (the object tier): parity runs it on captured samples
                # only, never on generated inputs that would call arbitrary code with nonsense
                facts = translator.facts().get(result.function.rust_name)
                if facts is not None and facts.calls_python:
                    entry.extra["calls_python"] = True
            else:
                entry.rejections = [Rejection(r.construct, r.line, r.col, r.message, r.hint or None)
                                    for r in result.rejections]
            results.append(entry)
        for entry, root in zip([r for r in results if r.file == file and r.status == "translated"], roots):
            reach = translator.reachable([root])
            entry.extra["rust_items"] = [f.rust_name for f in reach] + [f"py_{root.rust_name}"]
            # what the translation was made from: `rustify run` keeps it when only other
            # parts of the file changed (the module globals it reads are checked at run time)
            entry.extra["source_functions"] = sorted({f.name for f in reach})
            entry.extra["function_sha256"] = functions_sha256(dumps, entry.extra["source_functions"])
        reachable = translator.reachable(roots)
        functions += reachable

    lib = ""
    if exports:
        lib = rustfmt(emit_lib(module, exports, functions,
                               compensated_sum=sys.version_info >= (3, 12)))
    for entry in results:
        if entry.id in translated:
            function = translated[entry.id]
            entry.lines = translated_lines(function, lib, f"py_{function.rust_name}")
    files = {
        "Cargo.toml": cargo_toml(module, crate_dependencies(functions)),
        "pyproject.toml": pyproject_toml(module),
        "src/lib.rs": lib or _empty_lib(module),
    }
    manifest = {
        "module": module,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "functions": [
            {"id": r.id, "rust_name": r.rust_name, "source_module": r.source_module, "qualname": r.qualname,
             "source_sha256": r.source_sha256}
            for r in results if r.status == "translated"
        ],
    }
    hashes = write_crate(out, files, manifest, force=options.force)
    crate = Crate(path=str(out.resolve()), module=module, lib_sha256=hashes["src/lib.rs"])
    return Generation(crate=crate, functions=results, sources=list(selection.sources),
                      profile=selection.profile, skipped=list(selection.skipped), sampled=selection.sampled,
                      extra={"root": selection.profile.program.cwd})


def crate_dependencies(functions: list[ir.Function]) -> dict[str, str]:
    """The crates a translation needs (name -> TOML value): the runtime, with its numpy
    part (and so rust-numpy) only for crates with arrays."""
    from rustify.translate.emit.numpy_emit import uses_numpy

    return {runtime_crate.PACKAGE: runtime_crate.dependency(any(uses_numpy(f) for f in functions))}


def _empty_lib(module: str) -> str:
    return rustfmt(emit_lib(module, [], [], compensated_sum=False))


__all__ = ["generate", "GenOptions", "sha256"]
