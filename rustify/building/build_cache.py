"""Reuse of a whole build: the wheel and the parity and benchmark results.

A build depends only on the crate's files, the generation document (functions, their
sources' hashes, samples, the module globals they read), rustify's own code, the
Python that runs it and the build options. When all of these are the same as for an
earlier build whose wheel still exists, compiling and checking again would give the
same answers, so the earlier build document is reused (after reinstalling its wheel):
seconds instead of minutes. Any change, even one byte of a hand edit, is a new key.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import orjson

from rustify import documents
from rustify.errors import RustifyError
from rustify.records import Build, Generation
from rustify.building.toolchain import cache_dir, interpreter


def _rustify_code() -> bytes:
    """rustify's own sources (translator, runtime, checker): its exact version."""
    package = Path(__file__).resolve().parent.parent  # all of rustify/, not this stage only
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".rs") and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return h.digest()


def build_key(generation: Generation, crate: Path, options: object) -> str:
    """What a build depends on, hashed (the options that change results: not progress)."""
    h = hashlib.sha256()
    for path in sorted([crate / "Cargo.toml", crate / "pyproject.toml", *crate.joinpath("src").rglob("*.rs")]):
        if path.exists():
            h.update(str(path.relative_to(crate)).encode() + b"\0" + path.read_bytes())
    doc = documents.to_data(generation)
    doc["crate"] = {k: v for k, v in doc["crate"].items() if k != "path"}  # the same crate elsewhere is the same
    h.update(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS))
    h.update(_rustify_code())
    choices = {k: getattr(options, k) for k in ("install", "verify", "bench", "keep_slower")}
    h.update(f"{interpreter()}\0{sys.version}\0{sorted(choices.items())!r}".encode())
    return h.hexdigest()


def cache_folder() -> Path:
    """$RUSTIFY_BUILD_CACHE, else `builds/` in rustify's cache folder."""
    return Path(os.environ.get("RUSTIFY_BUILD_CACHE") or cache_dir() / "builds")


@dataclass
class Earlier:
    """An earlier build: its document, its own copy of the wheel, and when it was made."""

    doc: Build
    wheel: Path
    built_at: float


def lookup(key: str) -> Earlier | None:
    """The earlier build with this key, if its document and wheel are both there (a
    document that no longer reads as a build document is not reused)."""
    folder = cache_folder() / key
    wheels = list(folder.glob("*.whl"))
    try:
        doc = documents.load(Build, "build", folder / "build.json")
        built_at = (folder / "build.json").stat().st_mtime
    except (OSError, RustifyError):
        return None
    return Earlier(doc, wheels[0], built_at) if len(wheels) == 1 else None


def store(key: str, doc: Build, wheel: Path) -> None:
    """Keep the build document and a copy of the wheel (the crate's own `dist/` copy may be
    overwritten by a later build of other code)."""
    folder = cache_folder() / key
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, folder / wheel.name)
    documents.write_document(doc, "build", folder / "build.json")
