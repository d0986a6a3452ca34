"""Conventions every command keeps: -h and --version, -o checked before any work, a Python
file given where a document belongs gets a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import run_cmd
from rustify import __version__

COMMANDS = ["rustify-profile", "rustify-select", "rustify-gen", "rustify-build", "rustify"]


@pytest.mark.parametrize("command", COMMANDS)
def test_version_and_help(command: str) -> None:
    done = run_cmd(command, "--version")
    assert done.returncode == 0 and done.stdout.decode() == f"{command} {__version__}\n"
    done = run_cmd(command, "-h")
    assert done.returncode == 0 and b"Usage" in done.stdout


def test_version_after_the_script_belongs_to_the_script(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text("import sys\nprint(sys.argv[1:])\n")
    done = run_cmd("rustify-profile", "-o", "p.json", "prog.py", "--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "p.json").exists()


@pytest.mark.parametrize("command", ["rustify-select", "rustify-gen", "rustify-build"])
def test_a_python_file_given_to_a_json_stage(tmp_path: Path, command: str) -> None:
    (tmp_path / "prog.py").write_text("def f(x):\n    return x\n")
    for args, stdin, place in ((["prog.py"], None, "prog.py"), ([], b"import os\ndef f():\n    pass\n", "<stdin>")):
        done = run_cmd(command, *args, input=stdin, cwd=tmp_path)
        assert done.returncode == 2 and done.stdout == b""
        assert done.stderr.decode().splitlines() == [
            f"{command}: error: {place}: this looks like a Python program, not a rustify document: "
            "did you mean rustify-profile?"]


def test_an_unwritable_output_is_refused_before_the_program_runs(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text("open('ran.txt', 'w').write('x')\n")
    for target, message in (("missing/p.json", "the folder missing does not exist"), (".", "is a folder")):
        done = run_cmd("rustify-profile", "-o", target, "prog.py", cwd=tmp_path)
        assert done.returncode == 2
        lines = done.stderr.decode().splitlines()
        assert len(lines) == 1 and message in lines[0], lines
    assert not (tmp_path / "ran.txt").exists()


def test_ctrl_c_ends_with_one_line_and_nothing_written(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import time

    from cli_support import BIN

    (tmp_path / "sleepy.py").write_text("import time\ndef f():\n    time.sleep(30)\nf()\n")
    proc = subprocess.Popen([str(BIN / "rustify-profile"), "-o", "p.json", "sleepy.py"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(2.0)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().splitlines() == ["rustify-profile: interrupted; nothing written"]
    assert out == b"" and not (tmp_path / "p.json").exists()
