"""What a report shows, gathered from rustify's documents.

A report is made from one document, the furthest the pipeline got: a build (statuses,
parity, benchmarks), else a generation (translated or rejected), a selection or a profile.
Each later document carries what the report needs of the earlier ones (the run, the sampled
stacks, the functions not selected); a folder of documents (`rustify accelerate`'s work
folder) gives its furthest document, and the earlier documents beside it fill in what an
older one does not carry. Sources are read from disk, next to the program, and compared
with the hash they had when profiled.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from rustify import documents
from rustify.errors import InputError, Location
from rustify.records import (
    Bench, Build, Generation, Parity, Profile, ProgramBench, Rejection, Sampled, Selection, Startup, TranslatedLine,
)
from rustify.sources import absolute_path

#: documents by how far the pipeline got, furthest first
ORDER = ("build", "generation", "selection", "profile")
RECORDS = {"build": Build, "generation": Generation, "selection": Selection, "profile": Profile}


@dataclass
class FunctionRow:
    """One profiled function and what became of it."""

    id: str
    qualname: str
    file: str
    line: int
    #: accelerated, slower, parity-failed, unverified, build-failed, rejected, translated, selected, not selected
    status: str
    #: why it is not accelerated (a skip reason, an error), or how it was selected
    reason: str | None = None
    self_percent: float | None = None
    total_percent: float | None = None
    calls: int | None = None
    bench: Bench | None = None
    parity: Parity | None = None
    rejections: list[Rejection] = field(default_factory=list)
    lines: list[TranslatedLine] | None = None
    #: the module functions its translation was made from (it, and those it calls)
    source_functions: list[str] = field(default_factory=list)

    @property
    def swapped(self) -> bool:
        """Whether `rustify run` runs its translation (an accelerated status)."""
        return self.status == "accelerated"


@dataclass
class SourceText:
    path: str
    text: str | None
    #: why the text is missing, or that it changed since it was profiled
    note: str | None = None


@dataclass
class ReportData:
    #: the document the report is made from, and its kind
    origin: str
    kind: str
    #: the program as run (argv), its folder, the profiler and the run's total
    argv: list[str]
    root: str
    profiler: str | None
    total_seconds: float | None
    functions: list[FunctionRow]
    sampled: Sampled | None = None
    program_bench: ProgramBench | None = None
    startup: Startup | None = None
    module: str | None = None
    sources: dict[str, SourceText] = field(default_factory=dict)
    #: documents beside it that filled in what it does not carry
    also_read: list[str] = field(default_factory=list)


def find_documents(path: str) -> dict[str, Path]:
    """The rustify documents of a folder by kind (the newest file of each kind)."""
    found: dict[str, tuple[float, Path]] = {}
    for candidate in sorted(Path(path).glob("*.json")):
        kind = _kind_of(candidate)
        if kind is not None and (kind not in found or candidate.stat().st_mtime > found[kind][0]):
            found[kind] = (candidate.stat().st_mtime, candidate)
    return {kind: p for kind, (_, p) in found.items()}


def _kind_of(path: Path) -> str | None:
    try:
        head = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    kind = head.get("kind", "") if isinstance(head, dict) else ""
    short = kind.removeprefix("rustify.")
    return short if kind.startswith("rustify.") and short in RECORDS else None


def load(source: str | None) -> ReportData:
    """The report's data from a document (a path, or stdin for None/'-') or a folder."""
    if source not in (None, "-") and Path(source).is_dir():
        docs = find_documents(source)
        if not docs:
            raise InputError("no rustify document in this folder (make one with rustify-profile or "
                             "rustify accelerate)", Location(source))
        kind = next(k for k in ORDER if k in docs)
        return _from_document(kind, str(docs[kind]), documents.read_document(kind, docs[kind]), docs)
    origin = documents.origin_name(source)
    doc = documents.parse(documents.read_bytes(source), origin)
    kind = str(doc.get("kind", "") if isinstance(doc, dict) else "").removeprefix("rustify.")
    if kind not in RECORDS:
        raise InputError(f"expected a rustify document (profile, selection, generation or build), got kind "
                         f"{doc.get('kind') if isinstance(doc, dict) else None!r}", Location(origin, json_path="$.kind"))
    documents.validate(doc, kind, origin)
    beside = find_documents(str(Path(source).parent)) if source not in (None, "-") else {}
    return _from_document(kind, origin, doc, beside)


def _from_document(kind: str, origin: str, doc: dict, beside: dict[str, Path]) -> ReportData:
    return from_record(documents.from_data(RECORDS[kind], doc), origin, beside)


def from_record(record: Profile | Selection | Generation | Build, origin: str,
                beside: dict[str, Path] | None = None) -> ReportData:
    """The report's data from a document already read (`beside`: earlier documents to fill in from)."""
    kind = next(k for k, cls in RECORDS.items() if isinstance(record, cls))
    data = {"profile": _from_profile, "selection": _from_selection, "generation": _from_generation,
            "build": _from_build}[kind](record, origin)
    _fill_in(data, kind, beside or {})
    data.sources = read_sources(data, _recorded_hashes(record))
    return data


def _fill_in(data: ReportData, kind: str, beside: dict[str, Path]) -> None:
    """What an older document does not carry (the run, its stacks), from earlier documents
    beside it."""
    for earlier in ORDER[ORDER.index(kind) + 1:]:
        if data.sampled is not None and data.total_seconds is not None:
            return
        path = beside.get(earlier)
        if path is None:
            continue
        try:
            record = documents.load(RECORDS[earlier], earlier, path)
        except InputError:
            continue
        summary = record if earlier == "profile" else record.profile
        if data.total_seconds is None and summary is not None:
            data.argv, data.root = summary.program.argv, summary.program.cwd
            data.profiler, data.total_seconds = summary.program.profiler, summary.total_seconds
        if data.sampled is None and record.sampled is not None:
            data.sampled = record.sampled
        data.also_read.append(str(path))


def _recorded_hashes(record: object) -> dict[str, str]:
    sources = getattr(record, "sources", None) or []
    out = {s.path: s.sha256 for s in sources}
    for f in getattr(record, "functions", []):
        if getattr(f, "source_sha256", None) and getattr(f, "file", None):
            out.setdefault(f.file, f.source_sha256)
    return out


def _summary(record: Selection | Generation | Build) -> tuple[list[str], str | None, str | None, float | None]:
    summary = record.profile
    if summary is None:
        return [], None, None, None
    return summary.program.argv, summary.program.cwd, summary.program.profiler, summary.total_seconds


def _skipped_rows(record: Selection | Generation | Build) -> list[FunctionRow]:
    return [FunctionRow(id=s.id, qualname=s.qualname or s.id.rsplit(":", 1)[-1], file=s.file or "", line=s.line or 0,
                        status="not selected", reason=s.reason, self_percent=s.self_percent,
                        total_percent=s.total_percent) for s in record.skipped]


def _from_profile(profile: Profile, origin: str) -> ReportData:
    rows = [FunctionRow(id=f.id, qualname=f.qualname, file=f.file, line=f.line, status="not selected",
                        reason="profiled only (no selection yet)", self_percent=f.self_percent,
                        total_percent=f.total_percent, calls=f.calls)
            for f in profile.functions if f.user_code]
    return ReportData(origin, "profile", profile.program.argv, profile.program.cwd, profile.program.profiler,
                      profile.total_seconds, rows, sampled=profile.sampled)


def _from_selection(selection: Selection, origin: str) -> ReportData:
    rows = [FunctionRow(id=t.id, qualname=t.qualname, file=t.file, line=t.line, status="selected", reason=t.reason,
                        self_percent=t.self_percent, total_percent=t.total_percent, calls=t.calls)
            for t in selection.targets]
    argv, root, profiler, total = _summary(selection)
    return ReportData(origin, "selection", argv, root or os.getcwd(), profiler, total,
                      rows + _skipped_rows(selection), sampled=selection.sampled)


def _from_generation(generation: Generation, origin: str) -> ReportData:
    rows = [FunctionRow(id=f.id, qualname=f.qualname or f.id, file=f.file or "", line=f.line or 0, status=f.status,
                        reason=f.rejections[0].message if f.rejections else "translated, not built yet",
                        self_percent=f.self_percent, total_percent=f.total_percent, calls=f.calls,
                        rejections=list(f.rejections), lines=f.lines,
                        source_functions=list(f.extra.get("source_functions") or []))
            for f in generation.functions]
    argv, root, profiler, total = _summary(generation)
    root = generation.extra.get("root") or root or os.getcwd()
    return ReportData(origin, "generation", argv, root, profiler, total, rows + _skipped_rows(generation),
                      sampled=generation.sampled, module=generation.crate.module)


def _from_build(build: Build, origin: str) -> ReportData:
    rows = [FunctionRow(id=f.id, qualname=f.qualname or f.id, file=f.file or "", line=f.line or 0, status=f.status,
                        reason=f.error, self_percent=f.self_percent, total_percent=f.total_percent, calls=f.calls,
                        bench=f.bench, parity=f.parity, rejections=list(f.rejections), lines=f.lines,
                        source_functions=list(f.source_functions or []))
            for f in build.functions]
    argv, root, profiler, total = _summary(build)
    return ReportData(origin, "build", argv, build.root or root or os.getcwd(), profiler, total,
                      rows + _skipped_rows(build), sampled=build.sampled, program_bench=build.program_bench,
                      startup=build.startup, module=build.module)


def read_sources(data: ReportData, hashes: dict[str, str]) -> dict[str, SourceText]:
    """The text of each file with a function in the report, read where the program ran."""
    out: dict[str, SourceText] = {}
    for path in sorted({f.file for f in data.functions if f.file}):
        where = absolute_path(path, data.root)
        try:
            raw = where.read_bytes()
        except OSError as exc:
            out[path] = SourceText(path, None, f"not found at {where} ({exc.strerror or exc})")
            continue
        text = raw.decode("utf-8", "replace")
        recorded = hashes.get(path)
        changed = recorded is not None and hashlib.sha256(raw).hexdigest() != recorded
        out[path] = SourceText(path, text, "changed since it was profiled: lines may not match" if changed else None)
    return out
