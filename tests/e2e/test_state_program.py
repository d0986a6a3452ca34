"""End to end: a program that changes its module's state after the workload.

`state_program/run_pricing.py` rebinds module settings, replaces a helper with a test
double and restores it, relies on a function returning the dict it was given, and
catches errors raised without a message. Run plainly and with `rustify run`, it must
print the same lines. A crate hand-edited to skip the globals check and to give
message-less errors an empty message must fail parity with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import BIN, forget_modules, run_cmd

pytestmark = pytest.mark.slow

PROGRAM_DIR = Path(__file__).parent / "state_program"
SCRIPT = "run_pricing.py"
MODULE = "pricing_state_rs"
WRONG_MODULE = "pricing_state_wrong_rs"
DYING_MODULE = "pricing_state_dying_rs"  # test_checker_deaths_fail_only_their_function
BUILD_TIMEOUT = 900




@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory):
    modules = (MODULE, WRONG_MODULE, DYING_MODULE)
    forget_modules(modules)
    root = tmp_path_factory.mktemp("state")
    for source in PROGRAM_DIR.glob("*.py"):
        shutil.copy(source, root / source.name)
    plain = subprocess.run([sys.executable, SCRIPT], cwd=root, capture_output=True, timeout=120)
    assert plain.returncode == 0, plain.stderr.decode()
    b = {n: str(BIN / n) for n in ("rustify-profile", "rustify-select", "rustify-gen", "rustify-build")}
    pipe = (f"set -o pipefail; {b['rustify-profile']} {SCRIPT} 2>/dev/null"
            f" | {b['rustify-select']} --threshold 0 2>/dev/null"
            f" | {b['rustify-gen']} --module {MODULE} --out crate -o generation.json 2>gen.err"
            f" && {b['rustify-build']} generation.json --keep-slower -o build.json 2>build.err")
    env = dict(os.environ)
    env.pop("RUSTIFY_DEBUG", None)
    done = subprocess.run(["bash", "-c", pipe], cwd=root, capture_output=True, text=True, env=env,
                          timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr + (root / "build.err").read_text() if (root / "build.err").exists() else ""
    yield root, plain
    forget_modules(modules)


def by_name(doc: dict) -> dict[str, dict]:
    return {f["qualname"]: f for f in doc["functions"]}


def test_what_is_translated_and_why_not(state) -> None:
    root, _ = state
    build = by_name(json.loads((root / "build.json").read_text()))
    for name in ("unit_cost", "line_total", "basket_total", "checked_root"):
        assert build[name]["status"] == "accelerated", (name, build[name])
    generation = by_name(json.loads((root / "generation.json").read_text()))
    # it returns its dict argument itself: translated with its container arguments as the
    # caller's objects (the object tier), so the very same dict comes back
    assert generation["tally"]["status"] == "translated", generation["tally"]
    reads = {r["name"]: r["kind"] for r in generation["basket_total"]["globals"]}
    assert reads == {"MAX_ITEMS": "constant", "ROUNDING": "constant", "TAX": "constant",
                     "line_total": "function", "unit_cost": "function"}


def test_run_follows_every_rebinding(state) -> None:
    root, plain = state
    done = run_cmd("rustify", "run", SCRIPT, cwd=root)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == plain.stdout
    kinds = next(line for line in done.stderr.decode().splitlines() if line.startswith("kinds:"))
    assert "line_total=rustified_function" in kinds and "basket_total=rustified_function" in kinds
    assert "tally=function" in kinds
    assert b"error ValueError () ValueError()" in done.stdout


def test_hand_edited_crate_fails_parity(state) -> None:
    """A crate that skips the globals check, and raises message-less errors with an empty
    message, is caught by parity: rebinding runs and exception args."""
    root, _ = state

    def sabotage(lib: str) -> str:
        assert ".hold(py)" in lib and "rt::NO_ARGS.to_string()" in lib
        return lib.replace(".hold(py)", ".hold(py) && false").replace("rt::NO_ARGS.to_string()", "String::new()")

    _copy_crate(root, "crate-wrong", sabotage, module=WRONG_MODULE)
    done = run_cmd("rustify-build", "generation-crate-wrong.json", "--no-bench", "-o", "build-wrong.json", cwd=root,
                   timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    build = by_name(json.loads((root / "build-wrong.json").read_text()))
    for name in ("line_total", "basket_total"):
        assert build[name]["status"] == "parity-failed", (name, build[name])
        assert "rebound" in build[name]["parity"]["failures"][0]["difference"]
    assert build["checked_root"]["status"] == "parity-failed"
    assert "()" in build["checked_root"]["parity"]["failures"][0]["difference"]
    assert build["unit_cost"]["status"] == "accelerated"  # reads no globals, raises nothing


def _copy_crate(root: Path, name: str, edit, module: str = MODULE) -> Path:
    """A copy of the crate in another folder (same package name unless `module` is
    given), `edit`ed; its generation doc."""
    crate = root / name
    shutil.rmtree(crate, ignore_errors=True)
    shutil.copytree(root / "crate", crate, ignore=shutil.ignore_patterns("dist", "target"))
    for rel in ("Cargo.toml", "pyproject.toml", "src/lib.rs"):
        path = crate / rel
        path.write_text(path.read_text().replace(MODULE, module).replace(MODULE.replace("_", "-"),
                                                                         module.replace("_", "-")))
    lib = crate / "src" / "lib.rs"
    lib.write_text(edit(lib.read_text()))
    generation = json.loads((root / "generation.json").read_text())
    generation["crate"].update(path=str(crate), module=module)
    doc = root / f"generation-{name}.json"
    doc.write_text(json.dumps(generation))
    return doc


def test_error_outside_every_function_fails_only_its_cause(state) -> None:
    """A wrapper renamed by hand breaks the module's registration (an error in no
    function's code): the build finds which function causes it and builds the others."""
    root, _ = state

    def rename(lib: str) -> str:
        assert "fn py_f_checked_root<'py>(" in lib
        return lib.replace("fn py_f_checked_root<'py>(", "fn py_f_checked_root_renamed<'py>(")

    doc = _copy_crate(root, "crate-unplaced", rename)
    done = run_cmd("rustify-build", str(doc), "--no-install", "-o", "build-unplaced.json", cwd=root,
                   timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    build = by_name(json.loads((root / "build-unplaced.json").read_text()))
    assert build["checked_root"]["status"] == "build-failed"
    assert "py_f_checked_root" in build["checked_root"]["error"]
    for name in ("unit_cost", "line_total", "basket_total"):
        assert build[name]["status"] not in ("build-failed",), (name, build[name])


def test_a_copied_crate_is_compiled_not_taken_from_the_original(state) -> None:
    """Same package name in another folder: cargo's shared target folder must not hand
    back the original's artifacts (the copy's compile error must be seen)."""
    root, _ = state

    def break_unit_cost(lib: str) -> str:
        marker = "// rustify:begin f_unit_cost\n"
        at = lib.index(marker)
        body = lib.index("{\n", at) + 2
        return lib[:body] + '    let rustify_oops: i64 = "not an int";\n' + lib[body:]

    doc = _copy_crate(root, "crate-copy", break_unit_cost)
    done = run_cmd("rustify-build", str(doc), "--no-install", "-o", "build-copy.json", cwd=root,
                   timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    build = by_name(json.loads((root / "build-copy.json").read_text()))
    assert build["unit_cost"]["status"] == "build-failed" and "rustify_oops" in build["unit_cost"]["error"]


def test_checker_deaths_fail_only_their_function(state) -> None:
    """A translation that exhausts memory (the checker aborts) and one that never returns
    (the checker is killed) fail with those reasons; the others are still checked."""
    root, _ = state

    def sabotage(lib: str) -> str:
        lines = lib.splitlines()
        for item, statement in (("py_f_checked_root", "let __oom: Vec<u8> = vec![1u8; 1usize << 40]; "
                                 "std::hint::black_box(&__oom);"),
                                ("py_f_basket_total", "loop { std::hint::spin_loop(); }")):
            begin = lines.index(f"// rustify:begin {item}")
            body = next(k for k in range(begin, len(lines)) if lines[k].startswith("fn ") or
                        lines[k].endswith("PyResult<Py<PyAny>> {"))
            while not lines[body].rstrip().endswith("{"):
                body += 1
            lines.insert(body + 1, "    " + statement)
        return "\n".join(lines) + "\n"

    doc = _copy_crate(root, "crate-dying", sabotage, module=DYING_MODULE)
    done = run_cmd("rustify-build", str(doc), "--no-bench", "-o", "build-dying.json", cwd=root,
                   timeout=BUILD_TIMEOUT, env={"RUSTIFY_VERIFY_SECONDS": "5"})
    assert done.returncode == 0, done.stderr.decode()
    build = by_name(json.loads((root / "build-dying.json").read_text()))
    oom = build["checked_root"]
    assert oom["status"] == "parity-failed" and "SIGABRT" in oom["error"] and "while checking it" in oom["error"], oom
    hung = build["basket_total"]
    assert hung["status"] == "parity-failed" and "timed out after 5 s" in hung["error"], hung
    for name in ("unit_cost", "line_total"):
        assert build[name]["status"] == "accelerated", (name, build[name])


def test_an_identical_build_is_reused(state) -> None:
    """The same crate, sources and rustify: the earlier wheel and results, in seconds;
    `--rebuild` compiles and checks again."""
    root, plain = state
    done = run_cmd("rustify-build", "generation.json", "--keep-slower", "-v", "-o", "build-again.json", cwd=root,
                   timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    again = json.loads((root / "build-again.json").read_text())
    first = json.loads((root / "build.json").read_text())
    assert "reused" in again and "reuse:" in done.stderr.decode()
    assert again["functions"] == first["functions"]
    assert set(again["timings"]) == {"reuse_seconds"}
    run = run_cmd("rustify", "run", SCRIPT, cwd=root)
    assert run.returncode == 0 and run.stdout == plain.stdout
    done = run_cmd("rustify-build", "generation.json", "--keep-slower", "--rebuild", "--no-bench", "-o",
                   "build-rebuilt.json", cwd=root, timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    rebuilt = json.loads((root / "build-rebuilt.json").read_text())
    assert "reused" not in rebuilt and "check_seconds" in rebuilt["timings"]


def test_the_swapped_function_looks_like_the_original_and_works_in_other_processes(state) -> None:
    root, _ = state
    done = subprocess.run([sys.executable, "face.py", MODULE], cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["kind"] == "rustified_function"
    assert report["swapped"] == report["original"]
    assert report["original"]["signature"].startswith("(price: float, qty: int, discount: float = 0.0)")
    assert report["original"]["defaults"] == [0.0] and report["wrapped"] is True
    assert report["as_method"][0] == report["as_method"][1]
    assert report["changed_defaults"][0] == report["changed_defaults"][1]
    assert report["pickles_by_reference"] is True
    assert report["wrong_calls"][0] == report["wrong_calls"][1]
    assert report["pool"] == report["python"] == report["pool_extension"]
