"""rustify-profile as a user runs it: real commands in subprocesses, real programs.

The heavy runs (examples/euclidean.py under cProfile, py-spy and `python -m cProfile`)
happen once per session or module; everything else uses tiny scripts in tmp folders.
"""

from __future__ import annotations

import hashlib
import ast
import json
import marshal
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from cli_support import BIN, ROOT, run_cmd
from rustify import values

PROG = "rustify-profile"

#: a small program with one clearly hot function (about 0.3 s of plain Python)
HOT = """\
def spin(xs, rounds):
    total = 0.0
    for _ in range(rounds):
        for x in xs:
            total += x * x
    return total


def make(n):
    return [float(i % 7) for i in range(n)]


def main():
    print("spin total", spin(make(5000), 3000))


if __name__ == "__main__":
    main()
"""


# ---------------------------------------------------------------- helpers


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def document(done: subprocess.CompletedProcess) -> dict:
    """The one profile document on stdout of a successful run."""
    assert done.returncode == 0, done.stderr.decode()
    return orjson.loads(done.stdout)  # the whole of stdout is one JSON document


def assert_valid(raw: bytes) -> None:
    done = run_cmd("rustify", "validate", "-", input=raw)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""


def by_name(doc: dict) -> dict[str, dict]:
    return {f["qualname"]: f for f in doc["functions"]}


def top(doc: dict) -> dict:
    return max(doc["functions"], key=lambda f: f["self_percent"])


def assert_error(done: subprocess.CompletedProcess, exit_code: int, *fragments: str, alone: bool = True) -> str:
    """Exactly one `rustify-profile: error:` line, last on stderr, nothing on stdout.

    `alone`: the error line is all of stderr (no program ran, so nothing else may show).
    """
    stderr = done.stderr.decode()
    assert done.returncode == exit_code, stderr
    assert done.stdout == b""
    lines = stderr.splitlines()
    ours = [line for line in lines if line.startswith(f"{PROG}:")]
    assert len(ours) == 1, stderr
    assert lines[-1] == ours[0], stderr
    assert ours[0].startswith(f"{PROG}: error: ")
    if alone:
        assert lines == ours, stderr
    for fragment in fragments:
        assert fragment in ours[0], ours[0]
    return ours[0]


def pyspy_usable(done: subprocess.CompletedProcess) -> None:
    """Skip when py-spy is missing or may not attach (no ptrace rights here)."""
    if done.returncode != 0:
        text = done.stderr.decode().lower()
        if "py-spy" in text and any(w in text for w in ("ptrace", "permission", "not permitted", "not found")):
            pytest.skip(f"py-spy cannot run here: {text.strip().splitlines()[-1]}")


def pyspy_exe() -> str:
    beside = BIN / "py-spy"
    found = str(beside) if beside.exists() else shutil.which("py-spy")
    if found is None:
        pytest.skip("py-spy is not installed")
    return found


# ---------------------------------------------------------------- shared runs


@pytest.fixture(scope="module")
def hot_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hot")
    write(folder, "hot.py", HOT)
    return folder


@pytest.fixture(scope="module")
def hot_profile(hot_dir: Path) -> dict:
    return document(run_cmd(PROG, "hot.py", cwd=hot_dir))


class Background:
    """A command started now and awaited later, so slow runs overlap with other tests."""

    def __init__(self, cmd: list[str], folder: Path, cwd: Path = ROOT) -> None:
        self.cmd = cmd
        self.out = open(folder / "stdout", "w+b")
        self.err = open(folder / "stderr", "w+b")
        env = {k: v for k, v in os.environ.items() if k != "RUSTIFY_DEBUG"}
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=self.out, stderr=self.err, env=env)

    def result(self) -> subprocess.CompletedProcess:
        self.proc.wait(timeout=120)
        self.out.seek(0)
        self.err.seek(0)
        return subprocess.CompletedProcess(self.cmd, self.proc.returncode, self.out.read(), self.err.read())

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.out.close()
        self.err.close()


@pytest.fixture(scope="module", autouse=True)
def slow_runs(tmp_path_factory):
    """The two slow euclidean runs, started as soon as this module's tests begin."""
    runs = {}
    folder = tmp_path_factory.mktemp("slow")
    (folder / "pyspy").mkdir()
    runs["pyspy"] = Background([str(BIN / PROG), "--profiler", "py-spy", "examples/euclidean.py"], folder / "pyspy")
    (folder / "pstats").mkdir()
    runs["pstats_file"] = folder / "euclidean.pstats"
    runs["pstats"] = Background([sys.executable, "-m", "cProfile", "-o", str(runs["pstats_file"]),
                                 "examples/euclidean.py"], folder / "pstats")
    yield runs
    runs["pyspy"].close()
    runs["pstats"].close()


@pytest.fixture(scope="module")
def euclidean_pyspy(slow_runs) -> subprocess.CompletedProcess:
    return slow_runs["pyspy"].result()


# ---------------------------------------------------------------- cProfile on euclidean


def test_euclidean_profile_is_one_valid_document(euclidean_profile: bytes) -> None:
    doc = orjson.loads(euclidean_profile)
    assert doc["kind"] == "rustify.profile"
    assert_valid(euclidean_profile)


def test_euclidean_is_hot_with_observed_types_and_samples(euclidean_profile: bytes) -> None:
    doc = orjson.loads(euclidean_profile)
    assert doc["types_known"] is True
    hot = top(doc)
    assert hot["qualname"] == "euclidean"
    def_line = next(n.lineno for n in ast.walk(ast.parse((ROOT / "examples/euclidean.py").read_text()))
                    if isinstance(n, ast.FunctionDef) and n.name == "euclidean")
    assert hot["id"] == f"examples/euclidean.py:{def_line}:euclidean"
    assert hot["file"] == "examples/euclidean.py"  # relative to the cwd it ran in
    assert hot["self_percent"] > 90
    assert hot["calls"] > 0
    observed = hot["observed"]
    assert set(observed["args"]) == {"a", "b"}
    assert set(observed["args"]["a"]) == {"list[float]"}
    assert set(observed["args"]["b"]) == {"list[float]"}
    assert set(observed["return"]) == {"float"}
    assert observed["raised"] == {}
    assert sum(observed["return"].values()) == observed["calls"] == sum(observed["args"]["a"].values())

    assert hot["samples"]
    for sample in hot["samples"]:
        a, b = values.decode(sample["args"]["a"]), values.decode(sample["args"]["b"])
        assert type(a) is list and type(b) is list
        assert len(a) == len(b) > 0
        assert all(type(x) is float for x in a + b)

    # every user source is listed with the hash of its bytes on disk
    (source,) = doc["sources"]
    assert source["path"] == "examples/euclidean.py"
    assert source["sha256"] == hashlib.sha256((ROOT / "examples/euclidean.py").read_bytes()).hexdigest()
    # only user code by default: main and euclidean, nothing from the stdlib or rustify
    assert {f["qualname"] for f in doc["functions"]} == {"euclidean", "main"}


def test_program_stdout_goes_to_stderr(euclidean_run: subprocess.CompletedProcess) -> None:
    assert b"euclidean checksum" not in euclidean_run.stdout
    assert b"euclidean checksum" in euclidean_run.stderr
    orjson.loads(euclidean_run.stdout)


def test_every_way_of_writing_to_stdout_stays_off_the_json_channel(tmp_path: Path) -> None:
    write(tmp_path, "noisy.py", """\
        import os, subprocess, sys
        print("by print")
        sys.stdout.write("by write\\n")
        sys.stdout.flush()
        os.write(1, b"by fd\\n")
        subprocess.run([sys.executable, "-c", "print('by a child process')"], check=True)
    """)
    done = run_cmd(PROG, "noisy.py", cwd=tmp_path)
    doc = document(done)
    assert doc["kind"] == "rustify.profile"
    for text in (b"by print", b"by write", b"by fd", b"by a child process"):
        assert text in done.stderr
        assert text not in done.stdout


# ---------------------------------------------------------------- -o FILE


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    write(tmp_path, "prog.py", "def f(x):\n    return x * 2\n\nprint(f(2.0))\n")
    (tmp_path / "out.json").write_text("old content")
    done = run_cmd(PROG, "-o", "out.json", "prog.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    raw = (tmp_path / "out.json").read_bytes()
    assert orjson.loads(raw)["functions"][0]["qualname"] == "f"
    assert_valid(raw)
    # written through a temp file and a rename: nothing left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "prog.py"]


def test_failed_run_leaves_an_existing_output_file_alone(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", "raise RuntimeError('no')\n")
    (tmp_path / "out.json").write_text("old content")
    done = run_cmd(PROG, "-o", "out.json", "bad.py", cwd=tmp_path)
    assert_error(done, 1, "bad.py", alone=False)
    assert (tmp_path / "out.json").read_text() == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.py", "out.json"]


# ---------------------------------------------------------------- py-spy


def test_pyspy_finds_the_same_hot_function_with_traced_types(euclidean_profile: bytes, euclidean_pyspy) -> None:
    pyspy_usable(euclidean_pyspy)
    assert euclidean_pyspy.returncode == 0, euclidean_pyspy.stderr.decode()
    assert b"euclidean checksum" not in euclidean_pyspy.stdout
    assert b"py-spy>" not in euclidean_pyspy.stdout  # py-spy's own chatter goes to stderr too
    assert_valid(euclidean_pyspy.stdout)
    doc = orjson.loads(euclidean_pyspy.stdout)
    assert doc["program"]["profiler"] == "py-spy"
    hot = top(doc)
    assert hot["id"] == top(orjson.loads(euclidean_profile))["id"]
    # sampling also sees start-up and the data set-up, and a loaded machine shifts the share:
    # what must hold is that the same function clearly dominates
    assert hot["self_percent"] > 75
    # types and samples come from a second, traced run
    assert doc["types_known"] is True
    assert set(hot["observed"]["args"]["a"]) == {"list[float]"}
    assert set(hot["observed"]["args"]["b"]) == {"list[float]"}
    assert set(hot["observed"]["return"]) == {"float"}
    assert hot["samples"]


def test_pyspy_without_types(hot_dir: Path, hot_profile: dict) -> None:
    done = run_cmd(PROG, "--profiler", "py-spy", "--no-types", "hot.py", cwd=hot_dir)
    pyspy_usable(done)
    doc = document(done)
    assert_valid(done.stdout)
    assert doc["types_known"] is False
    assert top(doc)["id"] == top(hot_profile)["id"] == "hot.py:1:spin"
    for fn in doc["functions"]:
        assert "observed" not in fn
        assert not fn.get("samples")
    # the program ran once: its output shows once, on stderr
    assert done.stderr.count(b"spin total") == 1


def test_pyspy_reports_a_failing_program(tmp_path: Path) -> None:
    pyspy_exe()
    write(tmp_path, "exits.py", "import sys\nprint('leaving')\nsys.exit(3)\n")
    done = run_cmd(PROG, "--profiler", "py-spy", "-o", "out.json", "exits.py", cwd=tmp_path)
    pyspy_usable(done)
    assert_error(done, 1, "exits.py", "status 3", alone=False)
    assert not (tmp_path / "out.json").exists()


# ---------------------------------------------------------------- saved profiles


def test_from_pstats_of_python_m_cprofile(euclidean_profile: bytes, slow_runs) -> None:
    ran = slow_runs["pstats"].result()  # python -m cProfile -o FILE examples/euclidean.py
    assert ran.returncode == 0, ran.stderr.decode()
    saved = slow_runs["pstats_file"]
    done = run_cmd(PROG, "--from-pstats", str(saved))
    doc = document(done)
    assert_valid(done.stdout)
    assert doc["types_known"] is False
    assert doc["program"]["profiler"] == "pstats"
    hot = top(doc)
    assert hot["id"] == top(orjson.loads(euclidean_profile))["id"]
    assert hot["self_percent"] > 90
    assert hot["calls"] == by_name(orjson.loads(euclidean_profile))["euclidean"]["calls"]


def test_from_speedscope_of_pyspy_output(hot_dir: Path, hot_profile: dict, tmp_path: Path) -> None:
    saved = tmp_path / "hot.speedscope.json"
    ran = subprocess.run([pyspy_exe(), "record", "--format", "speedscope", "--rate", "250", "-o", str(saved),
                          "--", sys.executable, "hot.py"], cwd=hot_dir, capture_output=True, timeout=120)
    if ran.returncode != 0 or not saved.exists():
        pytest.skip(f"py-spy cannot record here: {ran.stderr.decode().strip()[-300:]}")
    done = run_cmd(PROG, "--from-speedscope", str(saved), cwd=hot_dir)
    doc = document(done)
    assert_valid(done.stdout)
    assert doc["types_known"] is False
    assert doc["program"]["profiler"] == "speedscope"
    assert top(doc)["id"] == top(hot_profile)["id"] == "hot.py:1:spin"
    assert {f["id"] for f in doc["functions"]} <= {f["id"] for f in hot_profile["functions"]}


# ---------------------------------------------------------------- how the program runs


def test_repeat_runs_the_workload_again(tmp_path: Path) -> None:
    write(tmp_path, "rep.py", """\
        import sys


        def euclidean(a, b):
            return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5


        def main():
            for i in range(7):
                euclidean([1.0, 2.0 + i], [3.0, 4.0])
            return 0


        if __name__ == "__main__":
            sys.exit(main())  # exit status 0 ends one run, not the repeats
    """)
    once = by_name(document(run_cmd(PROG, "--repeat", "1", "rep.py", cwd=tmp_path)))
    twice_doc = document(run_cmd(PROG, "--repeat", "2", "rep.py", cwd=tmp_path))
    twice = by_name(twice_doc)
    assert twice_doc["program"]["repeat"] == 2
    assert once["euclidean"]["calls"] > 0
    assert twice["euclidean"]["calls"] == 2 * once["euclidean"]["calls"]
    assert twice["main"]["calls"] == 2 * once["main"]["calls"]
    # the second run's calls are observed as the same function
    assert twice["euclidean"]["observed"]["calls"] == 2 * once["euclidean"]["observed"]["calls"]


def test_module_mode_from_a_package_folder(tmp_path: Path) -> None:
    write(tmp_path, "mypkg/__init__.py", "")
    write(tmp_path, "mypkg/work.py", """\
        def square_sum(xs):
            total = 0.0
            for x in xs:
                total += x * x
            return total
    """)
    write(tmp_path, "mypkg/__main__.py", """\
        import json, sys
        from mypkg.work import square_sum
        with open("seen.json", "w") as fh:
            json.dump({"args": sys.argv[1:], "name": __name__}, fh)
        print(square_sum([1.0, 2.0, 3.0]))
    """)
    done = run_cmd(PROG, "-m", "mypkg", "a", "--b", cwd=tmp_path)
    doc = document(done)
    assert_valid(done.stdout)
    assert json.loads((tmp_path / "seen.json").read_text()) == {"args": ["a", "--b"], "name": "__main__"}
    fn = by_name(doc)["square_sum"]
    assert fn["id"] == "mypkg/work.py:1:square_sum"
    assert set(fn["observed"]["args"]["xs"]) == {"list[float]"}
    assert {s["path"]: s.get("module") for s in doc["sources"]}["mypkg/work.py"] == "mypkg.work"


def test_script_sees_its_own_argv_name_and_folder(tmp_path: Path) -> None:
    write(tmp_path, "sub/helper.py", "def double(x):\n    return 2 * x\n")
    write(tmp_path, "sub/script.py", """\
        import json, sys
        from helper import double  # found next to the script, as `python sub/script.py` would

        with open("seen.json", "w") as fh:
            json.dump({"argv": sys.argv, "name": __name__, "value": double(21)}, fh)
    """)
    done = run_cmd(PROG, "sub/script.py", "--flag", "x", "-o", "not-ours.json", cwd=tmp_path)
    doc = document(done)  # -o after the script is the script's option: the document is on stdout
    assert not (tmp_path / "not-ours.json").exists()
    seen = json.loads((tmp_path / "seen.json").read_text())
    assert seen == {"argv": ["sub/script.py", "--flag", "x", "-o", "not-ours.json"], "name": "__main__", "value": 42}
    assert doc["program"]["argv"] == ["sub/script.py", "--flag", "x", "-o", "not-ours.json"]
    assert by_name(doc)["double"]["id"] == "sub/helper.py:1:double"


def test_pythonpath_is_searched_after_the_scripts_folder(tmp_path: Path) -> None:
    """As `PYTHONPATH=lib python app/script.py`: the script's folder first, then $PYTHONPATH."""
    write(tmp_path, "lib/shared.py", "WHERE = 'lib'\n")
    write(tmp_path, "lib/local.py", "WHERE = 'lib'\n")
    write(tmp_path, "app/local.py", "WHERE = 'app'\n")
    write(tmp_path, "app/script.py", """\
        import json, local, shared

        with open("seen.json", "w") as fh:
            json.dump([local.WHERE, shared.WHERE], fh)
    """)
    done = run_cmd(PROG, "-o", "p.json", "app/script.py", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "lib")})
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "seen.json").read_text()) == ["app", "lib"]


def test_script_args_exactly_as_given(tmp_path: Path) -> None:
    write(tmp_path, "script.py", """\
        import json, sys
        with open("seen.json", "w") as fh:
            json.dump([sys.argv, __name__], fh)
    """)
    document(run_cmd(PROG, "script.py", "--flag", "x", cwd=tmp_path))
    assert json.loads((tmp_path / "seen.json").read_text()) == [["script.py", "--flag", "x"], "__main__"]


def test_all_code_keeps_stdlib_and_builtins(tmp_path: Path) -> None:
    write(tmp_path, "lib.py", """\
        import json


        def user_fn(xs):
            return json.dumps(sorted(xs))


        for _ in range(20):
            user_fn([3, 1, 2])
    """)
    default = document(run_cmd(PROG, "lib.py", cwd=tmp_path))
    assert [f["qualname"] for f in default["functions"]] == ["user_fn"]
    assert all(f["user_code"] for f in default["functions"])

    done = run_cmd(PROG, "--all-code", "lib.py", cwd=tmp_path)
    everything = document(done)
    assert_valid(done.stdout)
    names = {f["qualname"]: f for f in everything["functions"]}
    assert names["user_fn"]["user_code"] is True
    assert names["user_fn"]["calls"] == 20
    library = [f for f in everything["functions"] if not f["user_code"]]
    assert any("sorted" in f["qualname"] for f in library)  # a builtin
    assert any(f["file"].endswith(os.path.join("json", "__init__.py")) and f["qualname"] == "dumps" for f in library)
    # sources list user files only, whatever the filter
    assert [s["path"] for s in everything["sources"]] == ["lib.py"]


# ---------------------------------------------------------------- bad input


def _garbage_pstats(folder: Path) -> list[str]:
    (folder / "garbage.pstats").write_bytes(b"\x00\x01 definitely not marshal data")
    return ["--from-pstats", "garbage.pstats"]


def _wrong_shape_pstats(folder: Path) -> list[str]:
    (folder / "shape.pstats").write_bytes(marshal.dumps({"not": "stats"}))
    return ["--from-pstats", "shape.pstats"]


def _garbage_speedscope(folder: Path) -> list[str]:
    (folder / "garbage.json").write_text('{"shared": ')
    return ["--from-speedscope", "garbage.json"]


def _not_speedscope(folder: Path) -> list[str]:
    (folder / "other.json").write_text('{"kind": "rustify.profile"}')
    return ["--from-speedscope", "other.json"]


def _script_and_pstats(folder: Path) -> list[str]:
    write(folder, "ok.py", "print('hi')\n")
    return ["--from-pstats", "garbage.pstats", "ok.py"]


USER_MISTAKES = {
    "missing script": (lambda folder: ["missing.py"], ["missing.py"]),
    "unreadable pstats": (lambda folder: ["--from-pstats", "nothing.pstats"], ["nothing.pstats"]),
    "garbage pstats": (_garbage_pstats, ["garbage.pstats", "pstats"]),
    "wrong-shape pstats": (_wrong_shape_pstats, ["shape.pstats"]),
    "garbage speedscope": (_garbage_speedscope, ["garbage.json"]),
    "not a speedscope file": (_not_speedscope, ["other.json", "$."]),
    "script and --from-pstats": (_script_and_pstats, ["exactly one"]),
    "repeat 0": (lambda folder: ["--repeat", "0", "missing.py"], ["--repeat"]),
    "unknown profiler": (lambda folder: ["--profiler", "gprof", "missing.py"], ["gprof"]),
}


@pytest.mark.parametrize("case", list(USER_MISTAKES))
def test_user_mistakes_exit_2_with_one_line(case: str, tmp_path: Path) -> None:
    make, fragments = USER_MISTAKES[case]
    args = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run_cmd(PROG, "-o", "out.json", *args, cwd=tmp_path)
    assert_error(done, 2, *fragments)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no document, no temp file


def test_a_script_that_raises(tmp_path: Path) -> None:
    write(tmp_path, "raises.py", """\
        print("partial output")


        def fail():
            raise ValueError("boom")


        fail()
    """)
    done = run_cmd(PROG, "-o", "out.json", "raises.py", cwd=tmp_path)
    line = assert_error(done, 1, "raises.py", "exit status 1", alone=False)
    assert line.startswith(f"{PROG}: error: raises.py")
    stderr = done.stderr.decode()
    assert "partial output" in stderr
    assert "ValueError: boom" in stderr
    # the traceback is the program's, as `python raises.py` shows it: no runner frames
    assert 'File "raises.py", line 5, in fail' in stderr
    assert "rustify/profiling" not in stderr and "child.py" not in stderr
    assert "runpy" not in stderr
    assert not (tmp_path / "out.json").exists()


def test_a_script_that_exits_with_status_3(tmp_path: Path) -> None:
    write(tmp_path, "exits.py", "import sys\nprint('leaving')\nsys.exit(3)\n")
    done = run_cmd(PROG, "-o", "out.json", "exits.py", cwd=tmp_path)
    assert_error(done, 1, "exits.py", "exit status 3", alone=False)
    assert b"leaving" in done.stderr
    assert not (tmp_path / "out.json").exists()


def test_a_script_that_exits_with_a_message(tmp_path: Path) -> None:
    write(tmp_path, "says.py", "import sys\nsys.exit('cannot go on')\n")
    done = run_cmd(PROG, "says.py", cwd=tmp_path)
    assert_error(done, 1, "says.py", "exit status 1", alone=False)
    assert done.stderr.decode().splitlines()[0] == "cannot go on"


def test_a_script_that_exits_with_status_0_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "quits.py", "import sys\n\ndef f():\n    return 1\n\nf()\nsys.exit(0)\n")
    doc = document(run_cmd(PROG, "quits.py", cwd=tmp_path))
    assert by_name(doc)["f"]["calls"] == 1


PHASES = """\
    import time

    def parse(line):
        a, b = line.split(",")
        return int(a) + float(b)

    def spread(xs):
        mean = sum(xs) / len(xs)
        acc = 0.0
        for x in xs:
            acc += (x - mean) * (x - mean)
        return acc / len(xs)

    def words(text):
        return [w for w in text.split() if w.isalpha()]

    def main():
        total = 0.0
        for i in range(20_000):          # a warm-up phase: the tracer learns it and goes quiet
            total += parse(f"{i},{i * 0.5}")
        xs = [i * 0.25 for i in range(2000)]
        start = time.process_time()
        while time.process_time() - start < 0.4:   # then hot functions never called before
            total += spread(xs) + len(words("a b c1 d " * 50))
        print(total > 0)

    main()
"""


def test_functions_first_called_after_a_warm_up_phase_get_types(tmp_path: Path) -> None:
    write(tmp_path, "phases.py", PHASES)
    doc = by_name(document(run_cmd(PROG, "phases.py", cwd=tmp_path)))
    for name, param, seen in (("spread", "xs", "list[float]"), ("words", "text", "str"), ("parse", "line", "str")):
        observed = doc[name].get("observed")
        assert observed is not None, f"{name}: no observed types"
        assert set(observed["args"][param]) == {seen}, (name, observed)
        assert doc[name]["samples"], name


def test_allow_failure_keeps_the_profile_of_a_failing_program(tmp_path: Path) -> None:
    write(tmp_path, "exits.py", """\
        def work(n):
            return sum(i * i for i in range(n))

        for _ in range(50):
            work(5000)
        raise SystemExit(3)
    """)
    refused = run_cmd(PROG, "-o", "p.json", "exits.py", cwd=tmp_path)
    assert refused.returncode == 1 and "--allow-failure keeps it" in refused.stderr.decode()
    assert not (tmp_path / "p.json").exists()
    kept = run_cmd(PROG, "--allow-failure", "-o", "p.json", "exits.py", cwd=tmp_path)
    assert kept.returncode == 0, kept.stderr.decode()
    assert "exited with status 3; its profile is kept" in kept.stderr.decode()
    doc = json.loads((tmp_path / "p.json").read_text())
    assert doc["program"]["exit_status"] == 3
    assert by_name(doc)["work"]["observed"]["args"]["n"] == {"int": 50}


def test_a_method_heavy_program_gets_method_types_and_instance_attributes(tmp_path: Path) -> None:
    write(tmp_path, "shapes.py", """\
        class Vec:
            def __init__(self, x, y):
                self.x = x
                self.y = y
                self.label = "v"

            def dot(self, other):
                return self.x * other.x + self.y * other.y

        def total(vs):
            return sum(v.dot(v) for v in vs)

        vs = [Vec(i * 0.5, i * 0.25) for i in range(500)]
        print(sum(total(vs) for _ in range(20)))
    """)
    doc = by_name(document(run_cmd(PROG, "shapes.py", cwd=tmp_path)))
    dot = doc["Vec.dot"]["observed"]
    assert dot["args"] == {"self": {"__main__.Vec": 50}, "other": {"__main__.Vec": 50}}
    assert dot["attributes"] == {"x": {"float": 50}, "y": {"float": 50}}  # not `label`, which it never reads
    assert dot["return"] == {"float": 50}
