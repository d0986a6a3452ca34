"""Starting rustify's own child interpreters so the user's folder cannot shadow rustify.

`python -m rustify.x` puts the current directory first on sys.path, and rustify's children
run in the user's folder (the program's, the crate's): a folder there named `rustify`
(a clone of this repository, say) would be imported instead of the installed package.
So children start with the current directory taken off sys.path, then run their module
as `-m` would. (`python -P` does this too, but only from 3.11 on.) Whatever the child then
runs of the user's (their script, their module) gets the path Python would give it.
"""

from __future__ import annotations

import sys

_BOOTSTRAP = "import runpy, sys; del sys.path[0]; runpy.run_module({module!r}, run_name='__main__', alter_sys=True)"


def module_command(module: str, *args: str) -> list[str]:
    """The command that runs `python -m module args...`, immune to the current directory."""
    return [sys.executable, "-c", _BOOTSTRAP.format(module=module), *args]
