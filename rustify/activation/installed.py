"""The builds installed in this environment: listing, uninstalling, and which sources own
an extension module name.

Each installed build is an extension module (a wheel installed with pip) plus its build
document in the environment's registry (`<env>/share/rustify/builds/<module>.json`),
which is what `rustify run` reads.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rustify.errors import RustifyError, ToolError, UsageError

if TYPE_CHECKING:  # (imported where used: `rustify run` starts without them)
    from rustify.records import Build


def registry_dir() -> Path:
    """Where activation records live: inside the environment, so each venv has its own."""
    return Path(sysconfig.get_paths()["data"]) / "share" / "rustify" / "builds"


@dataclass(frozen=True)
class Installed:
    module: str
    record: Path
    #: absolute paths of the source files its functions come from
    sources: tuple[str, ...]
    accelerated: int
    functions: int
    #: the build document, None when it does not read (an older rustify's)
    build: Build | None


def _sources(build: Build) -> tuple[str, ...]:
    root = build.root or os.getcwd()
    return tuple(sorted({os.path.realpath(f.file if os.path.isabs(f.file) else os.path.join(root, f.file))
                         for f in build.functions if f.file}))


def installed() -> list[Installed]:
    from rustify import documents
    from rustify.records import Build

    out = []
    folder = registry_dir()
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            build = documents.load(Build, "build", path)
        except RustifyError:
            out.append(Installed(path.stem, path, (), 0, 0, None))
            continue
        out.append(Installed(build.module, path, _sources(build),
                             sum(f.status == "accelerated" for f in build.functions), len(build.functions), build))
    return out


def owner(module: str) -> tuple[str, ...] | None:
    """The sources of the installed build named `module` (None: no such build)."""
    for item in installed():
        if item.module == module:
            return item.sources
    return None


def uninstall(names: list[str], every: bool = False) -> list[str]:
    """Uninstall these builds (or all): the extension module and its record. Returns the
    modules removed; an unknown name is a usage error (nothing is removed then)."""
    present = {item.module: item for item in installed()}
    if every:
        names = sorted(present)
    unknown = [n for n in names if n not in present]
    if unknown:
        raise UsageError(f"no installed build named {', '.join(unknown)} (see rustify list)")
    import subprocess  # (here: `rustify run` imports this module and needs none of it)

    for name in names:
        done = subprocess.run([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", name.replace("_", "-")],
                              capture_output=True, text=True)
        if done.returncode != 0 and "not installed" not in (done.stdout + done.stderr):
            last = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
            raise ToolError(f"cannot uninstall {name}: {last}")
        present[name].record.unlink(missing_ok=True)
    return names


def folder_size(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def cache_folders() -> list[Path]:
    """rustify's cache: compiled crates, reusable builds, runtime copies (none of it the user's)."""
    from rustify.building.build_cache import cache_folder
    from rustify.building.runtime_crate import runtime_root
    from rustify.building.toolchain import cache_dir

    return [p for p in (cache_dir() / "target", cache_folder(), runtime_root()) if p.exists()]


def clean(dry_run: bool = False) -> list[tuple[Path, int]]:
    """Remove rustify's cache folders; (folder, bytes) for each. Installed builds stay."""
    import shutil

    out = [(p, folder_size(p)) for p in cache_folders()]
    if not dry_run:
        for path, _ in out:
            shutil.rmtree(path, ignore_errors=True)
    return out


def human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
