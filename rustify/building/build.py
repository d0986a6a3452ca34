"""rustify-build: compile the generated crate, install it, prove parity, measure.

1. `cargo check` first: a compile error is mapped back to the Rust item that holds it
   (gen fences each item with `// rustify:begin/end` comments) and so to the Python
   functions that need that item; those get `build-failed` with the error, and the
   rest is built from a pruned copy of the crate (the user's crate is not touched).
2. `maturin build --release`, then `pip install` of the wheel into this interpreter's
   environment, replacing an older build of the same module.
3. Parity and benchmarks run in a fresh interpreter (`rustify.building.verification`), so the
   newly installed module is imported cleanly.
4. An activation record is installed beside the environment's packages, which is how
   `rustify run` finds the accelerated functions later.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path


from rustify.building import build_cache, runtime_crate
from rustify.errors import InputError, Location, ToolError
from rustify import documents
from rustify.activation.installed import registry_dir
from rustify.documents import from_data
from rustify.records import Bench, Build, BuiltFunction, Generation, Parity
from rustify.building.toolchain import Progress, claim_artifacts, find_cargo, find_maturin, interpreter, run_streaming

BEGIN = re.compile(r"^\s*// rustify:begin (\S+)\s*$")
END = re.compile(r"^\s*// rustify:end (\S+)\s*$")
REGISTER = re.compile(r"// rustify:register (\S+)\s*$")


@dataclass
class BuildOptions:
    install: bool = True
    verify: bool = True
    bench: bool = True
    keep_slower: bool = False
    progress: bool = False
    #: reuse an identical earlier build (build_cache.py)
    reuse: bool = True


@dataclass
class CompileError:
    item: str | None
    message: str


def item_spans(lib: str) -> dict[str, tuple[int, int]]:
    """Rust item name -> (first line, last line), 1-based, from gen's marker comments."""
    spans: dict[str, tuple[int, int]] = {}
    open_items: dict[str, int] = {}
    for number, line in enumerate(lib.splitlines(), start=1):
        if m := BEGIN.match(line):
            open_items[m.group(1)] = number
        elif (m := END.match(line)) and m.group(1) in open_items:
            spans[m.group(1)] = (open_items.pop(m.group(1)), number)
    return spans


def cargo_check(crate: Path, progress: Progress) -> tuple[list[CompileError], list[str]]:
    """Errors (mapped to items) and warnings of `cargo check` on the crate."""
    progress.begin("cargo check")
    claim_artifacts(crate)
    status, out, err = run_streaming([find_cargo(), "check", "--release", "--message-format=json"], crate,
                                     progress.cargo_line)
    lib = (crate / "src" / "lib.rs").read_text()
    spans = item_spans(lib)
    errors: list[CompileError] = []
    warnings: list[str] = []
    for line in out:
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("reason") != "compiler-message":
            continue
        diag = msg["message"]
        level = diag.get("level")
        text = diag.get("rendered") or diag.get("message", "")
        spot = next((s for s in diag.get("spans", []) if s.get("is_primary")), None)
        item = None
        if spot and spot.get("file_name", "").endswith("lib.rs"):
            line_no = spot["line_start"]
            item = next((name for name, (a, b) in spans.items() if a <= line_no <= b), None)
        if level == "error":
            errors.append(CompileError(item, text.strip()))
        elif level == "warning":
            warnings.append(text.strip())
    if status != 0 and not errors:
        tail = "\n".join(err[-15:])
        raise ToolError(f"cargo check failed without a compiler error:\n{tail}")
    progress.done(f"{len(errors)} errors, {len(warnings)} warnings")
    return errors, warnings


def bisect_compile_errors(crate: Path, candidates: list, translated: list,
                          progress: Progress) -> dict[str, str] | None:
    """The candidates whose code alone makes `cargo check` fail, each with its first error,
    found by checking halves of them (every other function pruned): {} when they build
    without the functions already failing, None when no single one is to blame."""
    def items_of(functions: list) -> set[str]:
        return {item for f in functions for item in f.extra.get("rust_items", [])}

    every = items_of(translated)
    quiet = Progress(False)
    found: dict[str, str] = {}

    def errors_with(group: list) -> list[CompileError]:
        copy = prune(crate, every - items_of(group))
        try:
            return cargo_check(copy, quiet)[0]
        finally:
            shutil.rmtree(copy.parent, ignore_errors=True)

    def search(group: list, errors: list[CompileError] | None = None) -> None:
        errors = errors_with(group) if errors is None else errors
        if not errors:
            return
        if len(group) == 1:
            found[group[0].id] = errors[0].message
            return
        middle = len(group) // 2
        search(group[:middle])
        search(group[middle:])

    progress.begin("cargo check: finding the functions behind an error outside them")
    errors = errors_with(candidates)
    if errors:  # else: the functions already found failing caused it
        search(candidates, errors)
    progress.done(f"{len(found)} found")
    return found if found or not errors else None


def prune(crate: Path, drop: set[str]) -> Path:
    """A copy of the crate without the fenced items in `drop` (and their registrations)."""
    staging = Path(tempfile.mkdtemp(prefix="rustify-build-"))
    shutil.copytree(crate, staging / "crate", ignore=shutil.ignore_patterns("target", "dist"))
    lib_path = staging / "crate" / "src" / "lib.rs"
    kept: list[str] = []
    skipping: str | None = None
    for line in lib_path.read_text().splitlines():
        if skipping is None and (m := BEGIN.match(line)) and m.group(1) in drop:
            skipping = m.group(1)
            continue
        if skipping is not None:
            if (m := END.match(line)) and m.group(1) == skipping:
                skipping = None
            continue
        if (m := REGISTER.search(line)) and m.group(1) in drop:
            continue
        kept.append(line)
    lib_path.write_text("\n".join(kept) + "\n")
    return staging / "crate"


def maturin_build(crate: Path, out: Path, progress: Progress) -> Path:
    progress.begin("maturin build")
    claim_artifacts(crate)
    command = [find_maturin(), "build", "--release", "--out", str(out), "--interpreter", interpreter()]
    status, _, err = run_streaming(command, crate, progress.cargo_line)
    if status != 0:
        tail = "\n".join(line for line in err[-20:] if line.strip())
        raise ToolError(f"maturin build failed:\n{tail}")
    wheels = sorted(out.glob("*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        raise ToolError("maturin reported success but wrote no wheel")
    progress.done(wheels[-1].name)
    return wheels[-1]


def install(wheel: Path, progress: Progress) -> None:
    progress.begin("install")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps",
                           str(wheel)], capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise ToolError(f"cannot install {wheel.name}: {last}")
    progress.done("installed into " + sys.prefix)


def build(generation: Generation, options: BuildOptions, origin: str = "<stdin>") -> Build:
    """Build, install, verify and benchmark a generation; the build document."""
    crate = Path(generation.crate.path).resolve()
    if not (crate / "Cargo.toml").exists():
        raise InputError(f"crate folder {crate} has no Cargo.toml (was it moved? run rustify-gen again)",
                         Location(origin, json_path="$.crate.path"))
    runtime_crate.ensure_for_crate(crate)
    progress = Progress(options.progress)
    timings: dict[str, float] = {}
    find_cargo()
    find_maturin()

    key = build_cache.build_key(generation, crate, options)
    earlier = build_cache.lookup(key) if options.reuse else None
    if earlier is not None:
        return reuse(earlier, options, progress)

    started = time.monotonic()
    errors, warnings = cargo_check(crate, progress)
    timings["check_seconds"] = round(time.monotonic() - started, 3)

    translated = [f for f in generation.functions if f.status == "translated"]
    failed: dict[str, str] = {}
    if errors:
        unplaced = [e for e in errors if e.item is None]
        for f in translated:
            items = set(f.extra.get("rust_items", []))
            messages = [e.message for e in errors if e.item in items]
            if messages:
                failed[f.id] = messages[0]
        if unplaced:
            # an error outside every function's items: find the functions whose code causes it
            rest = [f for f in translated if f.id not in failed]
            culprits = bisect_compile_errors(crate, rest, translated, progress)
            for f in rest:
                if culprits is None or f.id in culprits:
                    failed[f.id] = (culprits or {}).get(f.id) or unplaced[0].message
        keep = {item for f in translated if f.id not in failed for item in f.extra.get("rust_items", [])}
        drop = {item for f in translated if f.id in failed for item in f.extra.get("rust_items", [])} - keep
        build_crate = prune(crate, drop) if len(failed) < len(translated) else None
    else:
        build_crate = crate

    wheel = None
    installed = False
    if build_crate is not None:
        started = time.monotonic()
        try:
            wheel = maturin_build(build_crate, crate / "dist", progress)
        finally:
            if build_crate != crate:  # the pruned copy lives in a temporary folder of its own
                shutil.rmtree(build_crate.parent, ignore_errors=True)
        timings["build_seconds"] = round(time.monotonic() - started, 3)
        if options.install:
            started = time.monotonic()
            # the old record described the old build: nothing of the new one is activated until verified
            (registry_dir() / f"{generation.crate.module}.json").unlink(missing_ok=True)
            install(wheel, progress)
            timings["install_seconds"] = round(time.monotonic() - started, 3)
            installed = True

    results: dict[str, dict] = {}
    if installed and (options.verify or options.bench):
        from rustify.building.verification import verify_in_subprocess

        started = time.monotonic()
        progress.begin("parity and benchmark")
        ids = [f.id for f in translated if f.id not in failed]
        results = verify_in_subprocess(generation, ids, verify=options.verify, bench=options.bench,
                                       progress=progress.show)
        timings["verify_seconds"] = round(time.monotonic() - started, 3)
        progress.done(f"{len(ids)} functions")
    startup = None
    if installed and options.bench:  # what a prediction of the whole program adds to each side
        from rustify.building.benchmarking import startup as measure_startup

        startup = measure_startup()

    functions = []
    for f in generation.functions:
        entry = BuiltFunction(id=f.id, status="accelerated", qualname=f.qualname, file=f.file, line=f.line,
                              rust_name=f.rust_name, source_module=f.source_module,
                              source_sha256=f.source_sha256, self_percent=f.self_percent,
                              total_percent=f.total_percent, calls=f.calls, lines=f.lines,
                              source_functions=f.extra.get("source_functions"),
                              function_sha256=f.extra.get("function_sha256"))
        if f.status == "rejected":
            entry.status = "rejected"
            entry.error = f.rejections[0].message if f.rejections else None
            entry.rejections = list(f.rejections)
        elif f.id in failed:
            entry.status = "build-failed"
            entry.error = failed[f.id]
        else:
            r = results.get(f.id, {})
            entry.parity = from_data(Parity, r["parity"]) if r.get("parity") is not None else None
            entry.bench = from_data(Bench, r["bench"]) if r.get("bench") is not None else None
            entry.error = r.get("error") or None
            if r.get("bench_error"):  # kept in the document: the benchmark could not time it
                entry.extra["bench_error"] = r["bench_error"]
            entry.status = decide(entry, options, installed)
        functions.append(entry)

    doc = Build(
        module=generation.crate.module, functions=functions, installed=installed,
        wheel=str(wheel) if wheel else None, crate=str(crate),
        root=generation.extra.get("root") or os.getcwd(),  # function files are relative to it
        python=sys.executable, timings=timings, warnings=warnings, startup=startup,
        profile=generation.profile, skipped=list(generation.skipped), sampled=generation.sampled,
    )
    if installed:
        write_activation_record(doc)
    if wheel is not None and not any(f.error and f.parity is None and f.status != "rejected" for f in functions):
        # (a checker that died may not die next time: not reused; a function with no case
        # to check it on has a parity result of 0 cases, the same next time)
        build_cache.store(key, doc, wheel)
    return doc


def reuse(earlier: build_cache.Earlier, options: BuildOptions, progress: Progress) -> Build:
    """An earlier build of exactly this crate, sources and rustify: reinstall its wheel,
    keep its parity and benchmark results."""
    doc = earlier.doc
    started = time.monotonic()
    progress.begin("reuse")
    if options.install:
        install(earlier.wheel, Progress(False))
        write_activation_record(doc)
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(earlier.built_at))
    doc.extra["reused"] = {"built_at": when}
    doc.timings = {"reuse_seconds": round(time.monotonic() - started, 3)}
    progress.done(f"the build of {when}: same crate, sources and rustify; parity and benchmarks kept")
    return doc


def decide(entry: BuiltFunction, options: BuildOptions, installed: bool) -> str:
    """The status of a built function. `accelerated` never carries an error: a check that
    could not finish (the checker died, the benchmark raised) keeps the function Python."""
    parity = entry.parity
    if (parity is not None and parity.failures) or entry.error:
        return "parity-failed"
    if not installed:
        return "accelerated"  # built; nothing more could be checked (--no-install)
    if options.verify and (parity is None or parity.cases == 0):
        if parity is not None and not entry.error:
            entry.error = "no parity case could be checked (no samples, none generated, or all too slow)"
        return "unverified"  # not checked, so never activated
    bench = entry.bench
    if bench is not None and bench.not_faster() and not options.keep_slower:
        return "slower"
    return "accelerated"


def write_activation_record(doc: Build) -> Path:
    """The build document, installed where `rustify run` looks (one per extension module):
    it says which functions passed parity, where their sources are and with which hash."""
    folder = registry_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc.module}.json"
    # without what only the report reads (sampled stacks, each line's Rust): every
    # `rustify run` reads this record, and its start-up should not grow with the profile
    lean = replace(doc, sampled=None, functions=[replace(f, lines=None) for f in doc.functions])
    documents.write_document(lean, "build", path)
    return path
