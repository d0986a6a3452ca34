"""Helpers the CLI tests share: run rustify's commands as a user would.

A plain module (not conftest.py), so tests import it by a unique name even when a
subfolder has a conftest.py of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EXAMPLES = ROOT / "examples"


def run_cmd(name: str, *args: str, input: bytes | None = None, cwd: Path | str | None = None,
            timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a console script (rustify-profile, ...) and capture stdout/stderr as bytes/text;
    `env`: variables to set on top of this process's."""
    exe = BIN / name
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "rustify", name.removeprefix("rustify-"), *args]
    env = dict(os.environ) | (env or {})
    env.pop("RUSTIFY_DEBUG", None)
    return subprocess.run(cmd, input=input if input is not None else b"", capture_output=True, cwd=cwd or ROOT,
                          timeout=timeout, env=env)


def forget_modules(modules: tuple[str, ...]) -> None:
    """Uninstall test extension modules and remove their activation records."""
    from rustify.activation.installed import registry_dir

    subprocess.run([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet",
                    *(m.replace("_", "-") for m in modules)], capture_output=True)
    for module in modules:
        (registry_dir() / f"{module}.json").unlink(missing_ok=True)
