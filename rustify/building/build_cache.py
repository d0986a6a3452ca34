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
import time
from pathlib import Path

import orjson

from rustify import documents
from rustify.records import Generation
from rustify.building.toolchain import cache_dir


def _rustify_code() -> bytes:
    """rustify's own sources (translator, runtime, checker): its exact version."""
    package = Path(__file__).resolve().parent
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
    h.update(f"{sys.executable}\0{sys.version}\0{sorted(choices.items())!r}".encode())
    return h.hexdigest()


def _folder() -> Path:
    """$RUSTIFY_BUILD_CACHE, else `builds/` in rustify's cache folder."""
    return Path(os.environ.get("RUSTIFY_BUILD_CACHE") or cache_dir() / "builds")


def lookup(key: str) -> tuple[dict, Path] | None:
    """The earlier build's record and its own copy of the wheel, if both are there."""
    folder = _folder() / key
    try:
        entry = orjson.loads((folder / "build.json").read_bytes())
    except (OSError, ValueError):
        return None
    wheels = list(folder.glob("*.whl"))
    return (entry, wheels[0]) if len(wheels) == 1 else None


def store(key: str, doc: dict, wheel: Path) -> None:
    """Keep the build document and a copy of the wheel (the crate's own `dist/` copy may be
    overwritten by a later build of other code)."""
    folder = _folder() / key
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, folder / wheel.name)
    documents.write_atomic(folder / "build.json", orjson.dumps({"built_at": time.time(), "doc": doc}))
