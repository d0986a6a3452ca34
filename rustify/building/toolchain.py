"""Finding and running cargo and maturin: one shared target folder, progress lines.

The cargo target folder lives in a user cache (`$RUSTIFY_CARGO_TARGET_DIR`, else
`~/.cache/rustify/target/<python environment>`) so pyo3 and its dependencies compile
once per environment and a rebuild of an unchanged crate takes seconds.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from rustify.errors import ToolError

TARGET_ENV = "RUSTIFY_CARGO_TARGET_DIR"


def cache_dir() -> Path:
    """rustify's folder in the user's cache (`$XDG_CACHE_HOME/rustify`, `~/.cache/rustify`)."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "rustify"


def interpreter() -> str:
    """This environment's Python, spelled one way: a venv's `bin/python` whether this process
    was started as `python`, `python3` or `python3.11`. Builds are configured by this path
    (pyo3 rebuilds itself when PYO3_PYTHON changes), so every build of one environment must
    name it identically or each would recompile pyo3."""
    for name in ("python", "python3"):
        candidate = Path(sys.prefix) / "bin" / name
        if candidate.exists():
            return str(candidate)
    return sys.executable


def target_dir() -> Path:
    """The cargo target folder all builds share (pyo3 compiles once), one per Python
    environment: pyo3 is compiled for one interpreter, so two environments sharing one
    folder would recompile it for each other at every build. `$RUSTIFY_CARGO_TARGET_DIR`
    when set, as given."""
    if os.environ.get(TARGET_ENV):
        return Path(os.environ[TARGET_ENV])
    import hashlib
    import sys

    tag = hashlib.sha256(interpreter().encode()).hexdigest()[:10]
    return cache_dir() / "target" / f"py{sys.version_info.major}{sys.version_info.minor}-{tag}"


def claim_artifacts(crate: Path) -> None:
    """Make cargo compile `crate` itself when another folder last used its package name.

    In the shared target folder cargo finds a path crate's fingerprint by package name
    and version, not by folder, and checks it against the files it recorded: a copy of a
    crate (same name, another folder) would be taken as fresh and the other folder's
    artifacts built into its wheel. So the folder that last built each name is recorded,
    and a different one gets its sources touched first (pyo3 stays compiled)."""
    import re

    manifest = crate / "Cargo.toml"
    found = re.search(r'^name\s*=\s*"([^"]+)"', manifest.read_text(), re.MULTILINE) if manifest.exists() else None
    if found is None:
        return
    owners = target_dir() / "rustify-owners"
    owners.mkdir(parents=True, exist_ok=True)
    marker = owners / found.group(1)
    here = str(crate.resolve())
    if marker.exists() and marker.read_text() == here:
        return
    for path in [manifest, *crate.joinpath("src").rglob("*.rs")]:
        os.utime(path)
    marker.write_text(here)


def find_cargo() -> str:
    """cargo on PATH, else where rustup installs it (`$CARGO_HOME/bin`, `~/.cargo/bin`)."""
    cargo_home = os.environ.get("CARGO_HOME") or os.path.join(os.path.expanduser("~"), ".cargo")
    installed = os.path.join(cargo_home, "bin", "cargo")
    exe = shutil.which("cargo") or (installed if os.path.exists(installed) else None)
    if exe is None:
        raise ToolError("cargo not found: install Rust from https://rustup.rs (then open a new shell)")
    return exe


def find_maturin() -> str:
    beside = Path(sys.executable).parent / "maturin"
    if beside.exists():
        return str(beside)
    exe = shutil.which("maturin")
    if exe is None:
        raise ToolError("maturin not found: pip install maturin")
    return exe


def pyo3_env() -> dict[str, str]:
    """The PyO3 variables maturin (1.x) gives cargo when it builds for this interpreter.

    `cargo check` must see the same values: pyo3's build scripts rerun whenever one of
    them changes, and each rerun recompiles pyo3 in the shared target folder, so a check
    without them and a maturin build with them would rebuild pyo3 for each other.
    """
    v = sys.version_info
    return {
        "PYO3_PYTHON": interpreter(),
        "PYTHON_SYS_EXECUTABLE": interpreter(),
        "PYO3_ENVIRONMENT_SIGNATURE": f"{sys.implementation.name}-{v.major}.{v.minor}-{struct.calcsize('P') * 8}bit",
        "PYO3_BUILD_EXTENSION_MODULE": "1",
    }


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(pyo3_env())
    env["CARGO_TARGET_DIR"] = str(target_dir())
    env.setdefault("CARGO_TERM_COLOR", "never")
    return env


def run_streaming(command: list[str], cwd: Path, on_line: Callable[[str], None] | None = None,
                  stdin_text: str | None = None) -> tuple[int, list[str], list[str]]:
    """Run a tool, handing each stderr line to `on_line` as it arrives; (status, stdout, stderr)."""
    try:
        proc = subprocess.Popen(command, cwd=cwd, env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, text=True, bufsize=1)
    except OSError as exc:
        raise ToolError(f"cannot run {command[0]}: {exc.strerror}") from None
    out_lines: list[str] = []
    err_lines: list[str] = []
    import threading

    def pump_out() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            out_lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=pump_out, daemon=True)
    reader.start()
    assert proc.stderr is not None
    for line in proc.stderr:
        line = line.rstrip("\n")
        err_lines.append(line)
        if on_line is not None:
            on_line(line)
    proc.wait()
    reader.join()
    return proc.returncode, out_lines, err_lines


class Progress:
    """A one-line progress display on a terminal: phase, a clock that ticks (also while a
    tool prints nothing, e.g. cargo waiting for another build's lock), and the detail."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.verbose = enabled
        self.phase = ""
        self.detail = ""
        self.start = time.monotonic()
        self._lock = threading.Lock()
        self._ticking = False

    def begin(self, phase: str) -> None:
        self.phase = phase
        self.start = time.monotonic()
        self.show("")
        if self.enabled and not self._ticking:
            self._ticking = True
            threading.Thread(target=self._tick, daemon=True).start()

    def _tick(self) -> None:
        while self._ticking:
            time.sleep(0.5)
            self._render(only_if_ticking=True)

    def show(self, detail: str) -> None:
        self.detail = detail
        self._render()

    def _render(self, only_if_ticking: bool = False) -> None:
        if not self.enabled:
            return
        with self._lock:
            if only_if_ticking and not self._ticking:
                return
            elapsed = time.monotonic() - self.start
            sys.stderr.write("\r\x1b[2K" + f"{self.phase} {elapsed:5.1f}s {self.detail}"[:100])
            sys.stderr.flush()

    def cargo_line(self, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith("Blocking waiting for file lock"):
            self.show("waiting for another build to release cargo's lock")
        elif stripped.startswith(("Compiling", "Checking", "Finished", "Building", "Fresh")):
            self.show(stripped)

    def done(self, message: str) -> None:
        with self._lock:
            self._ticking = False
            if self.enabled:
                sys.stderr.write("\r\x1b[2K")
        if self.verbose:
            elapsed = time.monotonic() - self.start
            print(f"{self.phase}: {message} ({elapsed:.1f}s)", file=sys.stderr)
