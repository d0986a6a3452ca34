"""End to end: the real four-command pipe on a small program, then everything built on it.

One session fixture copies `programs/` into a temporary folder and runs
`rustify-profile | rustify-select --threshold 0 | rustify-gen --out crate | rustify-build`
there (real subprocesses, as a user would), keeping every document. The tests then
use that build: the documents and the summary table, `rustify run` and
`rustify.activate()`, deopt, a stale source, and a cached rebuild. The parity-failure
and compile-error tests build edited copies of the crate under module names of their
own, so no test disturbs the extension the others use, whatever the order.

Everything installed into the environment (three extension modules and their
activation records) is removed again when the session ends.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli_support import BIN, forget_modules, run_cmd
from rustify import values
from rustify.activation.installed import registry_dir
from rustify.building.toolchain import build_env, find_cargo, target_dir

pytestmark = pytest.mark.slow

PROGRAMS = Path(__file__).parent / "programs"
PROGRAM = "e2eprog.py"
MODULE = "e2eprog_rs"
WRONG_MODULE = "e2eprog_wrong_rs"  # test_hand_edited_wrong_value
BROKEN_MODULE = "e2eprog_broken_rs"  # test_compile_error_in_one_function
FUNCTIONS = ("scale_sum", "clip", "add_big", "bump", "sq", "sum_sq")
BUILD_TIMEOUT = 900  # a cold cargo cache on a busy 2-core machine


@dataclass
class Pipeline:
    root: Path  # the program's folder (the cwd of every stage)
    docs: dict[str, dict]  # profile, selection, generation, build
    build_stderr: str  # rustify-build -v: progress and the summary table
    python_stdout: bytes  # `python e2eprog.py`
    python_stderr: str


@pytest.fixture(scope="session")
def e2e(tmp_path_factory: pytest.TempPathFactory):
    """The program in a temporary folder, run through the real pipe once."""
    modules = (MODULE, WRONG_MODULE, BROKEN_MODULE)
    forget_modules(modules)  # left over from an interrupted run
    root = tmp_path_factory.mktemp("e2e")
    for source in PROGRAMS.glob("*.py"):
        shutil.copy(source, root / source.name)
    plain = subprocess.run([sys.executable, PROGRAM], cwd=root, capture_output=True, timeout=60)
    assert plain.returncode == 0, plain.stderr.decode()

    b = {name: str(BIN / name) for name in ("rustify-profile", "rustify-select", "rustify-gen", "rustify-build")}
    pipe = (f"set -o pipefail; {b['rustify-profile']} {PROGRAM} 2>profile.err | tee profile.json"
            f" | {b['rustify-select']} --threshold 0 2>select.err | tee selection.json"
            f" | {b['rustify-gen']} --out crate 2>gen.err | tee generation.json"
            # --keep-slower: sq and add_big do almost no work per call, so their speedup is
            # noise around 1x; this suite checks correctness, not speed
            f" | {b['rustify-build']} -v --keep-slower 2>build.err >build.json")
    env = dict(os.environ)
    env.pop("RUSTIFY_DEBUG", None)
    done = subprocess.run(["bash", "-c", pipe], cwd=root, capture_output=True, text=True, env=env,
                          timeout=BUILD_TIMEOUT)
    errors = {n: (root / f"{n}.err").read_text() for n in ("profile", "select", "gen", "build")
              if (root / f"{n}.err").exists()}
    assert done.returncode == 0, f"the pipe failed ({done.returncode}): {errors}"
    docs = {kind: json.loads((root / f"{kind}.json").read_text())
            for kind in ("profile", "selection", "generation", "build")}
    yield Pipeline(root, docs, errors["build"], plain.stdout, plain.stderr.decode())
    forget_modules(modules)


def functions_of(doc: dict) -> dict[str, dict]:
    return {f["qualname"]: f for f in doc["functions"]}


def kinds_line(stderr: str) -> dict[str, str]:
    """The program's `kinds:` line on stderr: function name -> type name."""
    line = next(line for line in stderr.splitlines() if line.startswith("kinds:"))
    return dict(pair.split("=") for pair in line.split()[1:])


def python(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def rebuild_copy(e2e: Pipeline, name: str, module: str, edit) -> tuple[Path, Path]:
    """A copy of the generated crate under another module name, `edit`ed; its generation doc.

    Returns (the copy's src/lib.rs, the generation document pointing at the copy).
    """
    crate = e2e.root / name
    shutil.copytree(e2e.root / "crate", crate, ignore=shutil.ignore_patterns("dist", "target"))
    for rel in ("Cargo.toml", "pyproject.toml", "src/lib.rs"):
        path = crate / rel
        text = path.read_text()
        renamed = text.replace(MODULE, module).replace(MODULE.replace("_", "-"), module.replace("_", "-"))
        assert renamed != text, f"{rel} does not name the module {MODULE}"
        path.write_text(renamed)
    lib = crate / "src" / "lib.rs"
    lib.write_text(edit(lib.read_text()))
    generation = json.loads(json.dumps(e2e.docs["generation"]))
    generation["crate"]["path"] = str(crate)
    generation["crate"]["module"] = module
    doc = e2e.root / f"generation-{name}.json"
    doc.write_text(json.dumps(generation))
    return lib, doc


def fenced(lib: str, item: str) -> tuple[int, int]:
    """Line indexes (0-based) of the `// rustify:begin ITEM` and `// rustify:end ITEM` markers."""
    lines = lib.splitlines()
    begin = lines.index(f"// rustify:begin {item}")
    end = lines.index(f"// rustify:end {item}")
    return begin, end


# -- 1. the documents and the summary table


def test_build_document_and_summary(e2e: Pipeline) -> None:
    for kind in ("profile", "selection", "generation", "build"):
        done = run_cmd("rustify", "validate", f"{kind}.json", cwd=e2e.root)
        assert done.returncode == 0, done.stderr.decode()
        assert f"valid rustify.{kind} document" in done.stderr.decode()

    build = e2e.docs["build"]
    assert build["module"] == MODULE
    assert build["installed"] is True
    assert build["wheel"].endswith(".whl") and Path(build["wheel"]).is_file()
    assert {"check_seconds", "build_seconds", "install_seconds"} <= set(build["timings"])
    functions = functions_of(build)
    assert set(functions) == set(FUNCTIONS)
    for name, f in functions.items():
        assert f["status"] == "accelerated", (name, f)
        parity = f["parity"]
        assert parity["cases"] > 0 and parity["passed"] == parity["cases"] and parity["failures"] == [], (name, parity)
        bench = f["bench"]
        for key in ("python_ns", "rust_ns", "speedup"):
            assert isinstance(bench[key], (int, float)) and bench[key] > 0, (name, bench)

    table = e2e.build_stderr.splitlines()
    header = next((line for line in table if line.startswith("Function")), None)
    assert header is not None, e2e.build_stderr
    assert [c.strip() for c in header.split("|")] == ["Function", "Line", "% Time", "Translation", "Parity",
                                                       "Python", "Rust", "Speedup", "Status"]
    for name, f in functions.items():
        row = next(line for line in table if line.split("|")[0].strip() == name)
        cells = [c.strip() for c in row.split("|")]
        assert cells[1] == str(f["line"])
        assert cells[4] == f"{f['parity']['passed']}/{f['parity']['cases']}"
        assert cells[-1] == "accelerated"
    assert f"accelerated {len(FUNCTIONS)}/{len(FUNCTIONS)} functions" in e2e.build_stderr


# -- 2. rustify run and rustify.activate()


def test_run_prints_what_python_prints(e2e: Pipeline) -> None:
    done = run_cmd("rustify", "run", PROGRAM, cwd=e2e.root)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == e2e.python_stdout
    stderr = done.stderr.decode()
    assert "warning" not in stderr, stderr
    # functions defined in the script itself (`__main__`) are swapped too
    assert kinds_line(e2e.python_stderr) == {name: "function" for name in FUNCTIONS}
    assert kinds_line(stderr) == {name: "rustified_function" for name in FUNCTIONS}


def test_run_verbose_says_what_was_swapped_and_runs_modules(e2e: Pipeline) -> None:
    done = run_cmd("rustify", "run", "-v", PROGRAM, cwd=e2e.root)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == e2e.python_stdout
    said = [line for line in done.stderr.decode().splitlines() if line.startswith("rustify run: ")]
    assert sorted(said) == sorted(f"rustify run: swapped     {PROGRAM}:{name} (Rust, {MODULE})" for name in FUNCTIONS)
    as_module = run_cmd("rustify", "run", "-m", PROGRAM.removesuffix(".py"), cwd=e2e.root)
    assert as_module.returncode == 0, as_module.stderr.decode()
    assert as_module.stdout == e2e.python_stdout
    assert kinds_line(as_module.stderr.decode()) == {name: "rustified_function" for name in FUNCTIONS}


@pytest.mark.parametrize("order", ["import-first", "activate-first"])
def test_activate_swaps_an_imported_module(e2e: Pipeline, order: str) -> None:
    done = python("check_swap.py", order, cwd=e2e.root)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    if order == "import-first":
        assert report["before"] == {name: "function" for name in FUNCTIONS}
    assert report["after"] == {name: "rustified_function" for name in FUNCTIONS}
    assert all(m.split(".")[0] == MODULE for m in report["modules"].values()), report["modules"]
    assert set(report["faces"].values()) == {"e2eprog"}, report["faces"]
    assert sorted(report["swapped"]) == sorted(f"{PROGRAM}:{name}" for name in FUNCTIONS)


# -- 3. deopt


def test_deopt_gives_python_results(e2e: Pipeline) -> None:
    done = python("check_deopt.py", cwd=e2e.root)
    assert done.returncode == 0, done.stderr
    results = {r["call"]: r for r in json.loads(done.stdout)}
    for call, r in results.items():
        assert r["kind"] == "rustified_function", r
        assert r["same_result"] and r["same_args_after"], r
    # ints beyond 64 bits, exactly
    assert results[f"add_big{(2**40, 2**40)!r}"]["actual"] == repr(2**80 + 1)
    assert results[f"add_big{(2**70, 3)!r}"]["actual"] == repr(3 * 2**70 + 1)
    assert results[f"add_big{(-(2**63), -1)!r}"]["actual"] == repr(2**63 + 1)
    # the int element keeps its type
    assert results["clip([1, 30.0, 2.5, 25], 20.0)"]["actual"] == "[1, 20.0, 2.5, 20.0]"


# -- 4. stale source


def test_stale_source_stays_python_with_a_warning(e2e: Pipeline) -> None:
    """Only what a translation was made from counts: a comment added above everything keeps
    every function accelerated; an edit of `sq` makes `sq` and `sum_sq` (which calls it)
    stale, and the others stay accelerated."""
    source = e2e.root / PROGRAM
    original = source.read_bytes()
    try:
        source.write_bytes(b"# a comment added after the build\n" + original)
        commented = run_cmd("rustify", "run", PROGRAM, cwd=e2e.root)
        source.write_bytes(b"# a comment\n" + original.replace(b"    return x * x\n", b"    return x * x + 0.0\n"))
        edited = run_cmd("rustify", "run", PROGRAM, cwd=e2e.root)
    finally:
        source.write_bytes(original)
    assert commented.returncode == 0, commented.stderr.decode()
    assert commented.stdout == e2e.python_stdout
    assert "warning" not in commented.stderr.decode()
    assert kinds_line(commented.stderr.decode()) == {name: "rustified_function" for name in FUNCTIONS}

    stderr = edited.stderr.decode()
    assert edited.returncode == 0, stderr
    assert edited.stdout == e2e.python_stdout
    warning = next((line for line in stderr.splitlines() if "warning" in line), "")
    assert "changed since it was built: sq, sum_sq stay Python" in warning and PROGRAM in warning, stderr
    kinds = kinds_line(stderr)
    assert {kinds.pop("sq"), kinds.pop("sum_sq")} == {"function"}
    assert set(kinds.values()) == {"rustified_function"}


# -- 5. a hand-edited lib.rs that returns a wrong value


def test_hand_edited_wrong_value_fails_parity(e2e: Pipeline) -> None:
    def wrong_value(lib: str) -> str:
        begin, end = fenced(lib, "f_scale_sum")
        lines = lib.splitlines()
        returns = [k for k in range(begin, end) if re.match(r"\s*return Ok\(.*\);\s*$", lines[k])]
        assert len(returns) == 1, "\n".join(lines[begin:end + 1])
        lines[returns[0]] = re.sub(r"return Ok\(.*\);", "return Ok(42.0_f64);", lines[returns[0]])
        return "\n".join(lines) + "\n"

    lib, doc = rebuild_copy(e2e, "crate-wrong", WRONG_MODULE, wrong_value)
    done = run_cmd("rustify-build", str(doc), "--no-bench", "-o", "build-wrong.json", cwd=e2e.root,
                   timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    build = json.loads((e2e.root / "build-wrong.json").read_text())
    functions = functions_of(build)

    wrong = functions["scale_sum"]
    assert wrong["status"] == "parity-failed"
    failure = wrong["parity"]["failures"][0]
    args = [values.decode(a) for a in failure["args"]]
    namespace: dict = {"__name__": "e2eprog_original"}  # not __main__: the workload does not run
    exec(compile((e2e.root / PROGRAM).read_text(), PROGRAM, "exec"), namespace)
    assert namespace["scale_sum"](*args) != 42.0, "the counter-example must show a real difference"
    assert failure["difference"]
    for name in set(FUNCTIONS) - {"scale_sum"}:
        assert functions[name]["status"] == "accelerated", (name, functions[name])

    record = json.loads((registry_dir() / f"{WRONG_MODULE}.json").read_text())
    assert functions_of(record)["scale_sum"]["status"] != "accelerated"
    run = run_cmd("rustify", "run", "--build", "build-wrong.json", PROGRAM, cwd=e2e.root)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout == e2e.python_stdout
    kinds = kinds_line(run.stderr.decode())
    assert kinds.pop("scale_sum") == "function"
    assert set(kinds.values()) == {"rustified_function"}


# -- 6. a compile error in one function


def test_compile_error_in_one_function(e2e: Pipeline) -> None:
    def type_error(lib: str) -> str:
        begin, end = fenced(lib, "f_sq")  # the helper: sq and sum_sq (which calls it) need it
        lines = lib.splitlines()
        start = next(k for k in range(begin, end) if lines[k].lstrip().startswith("fn f_sq"))
        body = next(k for k in range(start, end) if lines[k].rstrip().endswith("{"))
        lines.insert(body + 1, '    let rustify_e2e_oops: i64 = "not an int";')
        return "\n".join(lines) + "\n"

    lib, doc = rebuild_copy(e2e, "crate-broken", BROKEN_MODULE, type_error)
    edited = lib.read_bytes()
    # built from another folder than the program's: the function files stay relative to the latter
    done = run_cmd("rustify-build", str(doc), "--no-bench", "-o", str(e2e.root / "build-broken.json"),
                   cwd=lib.parent, timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    build = json.loads((e2e.root / "build-broken.json").read_text())
    functions = functions_of(build)

    for name in ("sq", "sum_sq"):
        f = functions[name]
        assert f["status"] == "build-failed", (name, f)
        assert "mismatched types" in f["error"] and "rustify_e2e_oops" in f["error"], f["error"]
    for name in set(FUNCTIONS) - {"sq", "sum_sq"}:
        f = functions[name]
        assert f["status"] == "accelerated", (name, f)
        assert f["parity"]["cases"] > 0 and f["parity"]["passed"] == f["parity"]["cases"]
    assert build["installed"] is True and Path(build["wheel"]).is_file()
    assert lib.read_bytes() == edited, "the user's crate must be left as edited"

    record = json.loads((registry_dir() / f"{BROKEN_MODULE}.json").read_text())
    assert (Path(record["root"]) / functions_of(record)["add_big"]["file"]).resolve() == (e2e.root / PROGRAM).resolve()
    run = run_cmd("rustify", "run", "--build", str(e2e.root / "build-broken.json"), PROGRAM, cwd=e2e.root)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout == e2e.python_stdout
    kinds = kinds_line(run.stderr.decode())
    assert {kinds.pop("sq"), kinds.pop("sum_sq")} == {"function"}
    assert set(kinds.values()) == {"rustified_function"}

    probe = python("-c", f"import {BROKEN_MODULE} as m; print(sorted(n for n in {list(FUNCTIONS)!r} if hasattr(m, n)))",
                   cwd=e2e.root)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == repr(sorted(set(FUNCTIONS) - {"sq", "sum_sq"}))


# -- 8. a second build of an unchanged crate reuses the cache


def pyo3_artifacts(crate: Path) -> dict[Path, int]:
    """pyo3's compiled files (check and release build) that `crate` uses -> their mtimes.

    Asked of cargo itself (a no-op when everything is fresh), so pyo3 variants that other
    builds keep in the shared target folder are not mistaken for this crate's.
    """
    files: dict[Path, int] = {}
    for command in (["check", "--release"], ["build", "--release", "--lib"]):
        done = subprocess.run([find_cargo(), *command, "--message-format=json"], cwd=crate, env=build_env(),
                              capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr[-3000:]
        for line in done.stdout.splitlines():
            message = json.loads(line)
            if message.get("reason") == "compiler-artifact" and message["target"]["name"].startswith("pyo3"):
                files.update((Path(f), Path(f).stat().st_mtime_ns) for f in message["filenames"])
    return files


def test_rebuild_reuses_the_cargo_cache(e2e: Pipeline) -> None:
    before = pyo3_artifacts(e2e.root / "crate")
    assert any(p.name.startswith("libpyo3-") and p.suffix == ".rlib" for p in before), before
    assert all(p.is_relative_to(target_dir()) for p in before), "not built in the shared target folder"
    done = run_cmd("rustify-build", "generation.json", "--no-install", "--rebuild", "-o", "build-again.json",
                   cwd=e2e.root, timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    rebuilt = [p.name for p, mtime in before.items() if p.stat().st_mtime_ns != mtime]
    assert rebuilt == [], f"pyo3 was compiled again: {rebuilt}"
    again = json.loads((e2e.root / "build-again.json").read_text())
    assert Path(again["wheel"]).is_file()


# -- 9. bad input


def test_build_rejects_a_missing_crate(e2e: Pipeline) -> None:
    generation = json.loads(json.dumps(e2e.docs["generation"]))
    generation["crate"]["path"] = str(e2e.root / "no-such-crate")
    (e2e.root / "generation-moved.json").write_text(json.dumps(generation))
    done = run_cmd("rustify-build", "generation-moved.json", cwd=e2e.root)
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "$.crate.path" in lines[0] and lines[0].startswith("rustify-build: error:"), lines


def test_build_rejects_a_profile(e2e: Pipeline) -> None:
    done = run_cmd("rustify-build", input=(e2e.root / "profile.json").read_bytes(), cwd=e2e.root)
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "$.kind" in lines[0] and "rustify.profile" in lines[0], lines
