"""`rustify accelerate`: the four stages in one go, documents kept in a work folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rustify import documents
from rustify.building.build import BuildOptions, build
from rustify.generation.generate import GenOptions, generate
from rustify.profiling.profile import profile_program
from rustify.records import Build, Generation, Profile, Selection
from rustify.selection.select import SelectOptions, select


@dataclass
class AccelerateOptions:
    work: Path
    select: SelectOptions = field(default_factory=SelectOptions)
    profiler: str = "cprofile"
    keep_slower: bool = False
    progress: bool = False
    #: also time the whole program with and without rustify (build.program_bench), medians of
    bench: bool = False
    bench_repeats: int = 3


@dataclass
class NothingSelected:
    """No function reached the threshold: what came closest, so the user can choose."""

    threshold: float
    by: str
    closest: list[tuple[str, float]]

    def message(self) -> str:
        if not self.closest:
            return "the profile holds no function of the program to accelerate"
        names = ", ".join(f"{name} ({percent:.1f}% {self.by})" for name, percent in self.closest)
        first, percent = self.closest[0]
        return (f"no function reached --threshold {self.threshold:g}%; the closest: {names}. "
                f"Try --threshold {max(percent - 0.05, 0):.1f} or --function {first}")


def accelerate(script: str, args: list[str], options: AccelerateOptions) -> Build | NothingSelected:
    """profile -> select -> gen -> build; each document is also written to the work folder.
    Stops after selection, saying what came closest, when nothing was selected."""
    work = options.work
    work.mkdir(parents=True, exist_ok=True)
    profile = profile_program(script, args, profiler=options.profiler)
    documents.write_document(profile, "profile", work / "profile.json")
    selection = select(documents.load(Profile, "profile", work / "profile.json"), options.select)
    documents.write_document(selection, "selection", work / "selection.json")
    if not selection.targets:
        key = "total_percent" if options.select.by == "total" else "self_percent"
        near = sorted((s for s in selection.skipped if getattr(s, key) is not None and s.qualname
                       and s.reason.startswith("below threshold")),
                      key=lambda s: -getattr(s, key))
        return NothingSelected(options.select.threshold, options.select.by,
                               [(s.qualname, getattr(s, key)) for s in near[:3]])  # type: ignore[misc]
    selection = documents.load(Selection, "selection", work / "selection.json")
    generation = generate(selection, GenOptions(out=str(work / "crate"), force=True))
    documents.write_document(generation, "generation", work / "generation.json")
    generation = documents.load(Generation, "generation", work / "generation.json")
    result = build(generation, BuildOptions(keep_slower=options.keep_slower, progress=options.progress))
    if options.bench and result.installed:
        from rustify.building.benchmarking import bench_script

        result.program_bench = bench_script(script, args, repeats=options.bench_repeats)
    documents.write_document(result, "build", work / "build.json")
    return result
