"""`rustify accelerate` takes select's options; with nothing selected it names the
functions that came closest and builds nothing (no build needed for these)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cli_support import run_cmd

PROGRAM = textwrap.dedent("""\
    def heavy(n):
        s = 0
        for i in range(n):
            s += i * i
        return s

    def light(n):
        return n + 1

    total = 0
    for k in range(30):
        total += heavy(20000) + light(k)
    print(total)
""")


def test_nothing_over_the_threshold_names_the_closest(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM)
    done = run_cmd("rustify", "accelerate", "--threshold", "99.9", "--work", "w", "prog.py", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert done.stdout == b""
    line = next(line for line in stderr.splitlines() if line.startswith("rustify accelerate:"))
    assert "no function reached --threshold 99.9%" in line and "heavy (" in line and "--function heavy" in line
    assert (tmp_path / "w" / "profile.json").is_file() and (tmp_path / "w" / "selection.json").is_file()
    assert not (tmp_path / "w" / "crate").exists()


def test_select_options_are_passed_on(tmp_path: Path) -> None:
    (tmp_path / "prog.py").write_text(PROGRAM)
    done = run_cmd("rustify", "accelerate", "--function", "hevy", "--work", "w", "prog.py", cwd=tmp_path)
    assert done.returncode == 2
    assert "hevy" in done.stderr.decode() and "heavy" in done.stderr.decode()
    done = run_cmd("rustify", "accelerate", "--threshold", "99.9", "--exclude", "heavy", "--work", "w", "prog.py",
                   cwd=tmp_path)
    assert done.returncode == 0
    assert "heavy (" not in done.stderr.decode()
