"""`rustify accelerate`: the four stages in one go, documents kept in a work folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rustify import documents
from rustify.building import BuildOptions, build
from rustify.generation import GenOptions, generate
from rustify.profiling import profile_program
from rustify.records import Generation, Profile, Selection
from rustify.selection import SelectOptions, select


@dataclass
class AccelerateOptions:
    work: Path
    threshold: float = 5.0
    profiler: str = "cprofile"
    keep_slower: bool = False
    progress: bool = False


def accelerate(script: str, args: list[str], options: AccelerateOptions) -> dict:
    """profile -> select -> gen -> build; each document is also written to the work folder."""
    work = options.work
    work.mkdir(parents=True, exist_ok=True)
    profile = profile_program(script, args, profiler=options.profiler)
    documents.write_document(profile, "profile", work / "profile.json")
    selection = select(documents.load(Profile, "profile", work / "profile.json"), SelectOptions(threshold=options.threshold))
    documents.write_document(selection, "selection", work / "selection.json")
    selection = documents.load(Selection, "selection", work / "selection.json")
    generation = generate(selection, GenOptions(out=str(work / "crate"), force=True))
    documents.write_document(generation, "generation", work / "generation.json")
    generation = documents.load(Generation, "generation", work / "generation.json")
    result = build(generation, BuildOptions(keep_slower=options.keep_slower, progress=options.progress))
    documents.write_document(result, "build", work / "build.json")
    return result
