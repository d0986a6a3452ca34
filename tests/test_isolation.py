"""rustify's child interpreters are not fooled by a folder named `rustify` in the user's
current directory (a clone of this repository, a package of the user's own)."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from cli_support import run_cmd
from rustify.isolation import module_command


def _shadow(folder: Path) -> None:
    (folder / "rustify").mkdir()
    (folder / "rustify" / "__init__.py").write_text("raise SystemExit('the shadow package was imported')\n")


def test_a_child_module_ignores_a_rustify_folder_in_the_cwd(tmp_path: Path) -> None:
    _shadow(tmp_path)
    plain = subprocess.run([*module_command("rustify.isolation")[:1], "-m", "rustify.isolation"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert "shadow package" in plain.stderr  # what `python -m` would do
    done = subprocess.run(module_command("rustify.isolation"), cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_profiling_a_program_beside_a_rustify_folder(tmp_path: Path) -> None:
    _shadow(tmp_path)
    (tmp_path / "prog.py").write_text(textwrap.dedent("""\
        import sys
        def f(x):
            return x * 2
        print(sum(f(i) for i in range(1000)), sys.path[0] != "")
    """))
    done = run_cmd("rustify-profile", "prog.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b"shadow" not in done.stderr
