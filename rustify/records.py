"""The four documents (profile, selection, generation, build) as dataclasses.

Field names are the contract of DESIGN.md section 2. Each record keeps the keys it
does not know in `extra`, so hand edits and newer producers survive a round trip
through any stage. Conversion to and from plain JSON data lives in
`rustify.documents`; these classes are data only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

SCHEMA_VERSION = 1


def _extra() -> dict[str, Any]:
    return {}


# ---------------------------------------------------------------- shared pieces


@dataclass
class Program:
    """How the profiled program was run (or which saved profile was imported)."""

    argv: list[str]
    cwd: str
    profiler: str
    python: str | None = None
    imported_from: str | None = None
    repeat: int = 1
    exit_status: int | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Source:
    """A user source file and the hash it had when profiled."""

    path: str
    sha256: str
    module: str | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Observed:
    """Argument and return types seen at run time, as type text -> number of calls."""

    calls: int
    args: dict[str, dict[str, int]]
    ret: dict[str, int]
    raised: dict[str, int] = field(default_factory=dict)
    #: methods: the instance attributes they may read (`self.x`), type text -> calls
    attributes: dict[str, dict[str, int]] | None = None
    extra: dict[str, Any] = field(default_factory=_extra)

    #: JSON names that differ from the Python attribute names
    json_names = {"ret": "return"}


@dataclass
class Sample:
    """One captured call: parameter name -> value encoded by `rustify.values`."""

    args: dict[str, Any]
    #: the parameters whose value was too large to keep and kept only its first items
    shortened: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Warning_:
    """A construct that will probably not translate, found by a quick static look."""

    construct: str
    line: int
    col: int
    message: str
    extra: dict[str, Any] = field(default_factory=_extra)


# ---------------------------------------------------------------- sampled stacks


@dataclass
class LineTime:
    """Time sampled while `line` was the innermost line of the program's own code running
    (what it calls in libraries and builtins included)."""

    file: str
    line: int
    seconds: float
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class StackFrame:
    """A function on sampled stacks: its qualname, file and def line (its id's parts)."""

    name: str
    file: str
    line: int
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class StackSample:
    """Time sampled with this stack: indexes into `Sampled.frames`, outermost first."""

    frames: list[int]
    seconds: float
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Sampled:
    """The program's stack, sampled as it ran: time per source line (for the report's
    annotated source) and per call stack (its flame graph, `rustify-profile --speedscope`).
    Carried unchanged by every later document, after the fields a user edits."""

    #: who sampled: "rustify" (rustify-profile's own sampler), "py-spy", "speedscope" (imported)
    source: str
    #: all samples, in seconds (the sampler's CPU time, py-spy's wall time)
    seconds: float
    interval_seconds: float | None = None
    lines: list[LineTime] = field(default_factory=list)
    frames: list[StackFrame] = field(default_factory=list)
    stacks: list[StackSample] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=_extra)


# ---------------------------------------------------------------- profile


@dataclass
class FunctionProfile:
    id: str
    qualname: str
    file: str
    line: int
    calls: int
    self_seconds: float
    total_seconds: float
    self_percent: float
    total_percent: float
    user_code: bool = True
    observed: Observed | None = None
    samples: list[Sample] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Profile:
    program: Program
    total_seconds: float
    types_known: bool
    sources: list[Source]
    functions: list[FunctionProfile]
    kind: str = "rustify.profile"
    schema_version: int = SCHEMA_VERSION
    created_by: str | None = None
    sampled: Sampled | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


# ---------------------------------------------------------------- selection


@dataclass
class ProfileSummary:
    program: Program
    total_seconds: float
    types_known: bool
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Criteria:
    threshold: float
    by: str = "self"
    top: int | None = None
    functions: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Target:
    id: str
    qualname: str
    file: str
    line: int
    reason: str
    calls: int = 0
    self_percent: float = 0.0
    total_percent: float = 0.0
    observed: Observed | None = None
    #: rustify-select writes them in `Selection.samples`; a hand-written target may carry its own
    samples: list[Sample] | None = None
    types: dict[str, str] = field(default_factory=dict)
    warnings: list[Warning_] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Skipped:
    id: str
    reason: str
    qualname: str | None = None
    file: str | None = None
    line: int | None = None
    self_percent: float | None = None
    total_percent: float | None = None
    warnings: list[Warning_] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Selection:
    profile: ProfileSummary
    criteria: Criteria
    sources: list[Source]
    targets: list[Target]
    skipped: list[Skipped]
    kind: str = "rustify.selection"
    schema_version: int = SCHEMA_VERSION
    created_by: str | None = None
    #: captured calls by target id, written last so the targets stay easy to edit by hand
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    sampled: Sampled | None = None
    extra: dict[str, Any] = field(default_factory=_extra)

    def samples_of(self, target: Target) -> list[Sample]:
        """A target's captured calls: its own (a hand-written selection) and those at the end."""
        return list(target.samples or []) + list(self.samples.get(target.id, []))


# ---------------------------------------------------------------- generation


@dataclass
class Rejection:
    construct: str
    line: int
    col: int
    message: str
    hint: str | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class TranslatedLine:
    """One source line of a translated function: `native` (Rust on native values) or
    `object` (it operates on Python objects through the C API, as CPython would: the slow
    part of a translation), and the Rust it became."""

    line: int
    tier: str
    rust: str = ""
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Crate:
    path: str
    module: str
    lib_sha256: str | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class GeneratedFunction:
    id: str
    status: str  # translated | rejected
    qualname: str | None = None
    file: str | None = None
    line: int | None = None
    #: the Python module the function ran in when profiled ("__main__" for a script)
    source_module: str | None = None
    source_sha256: str | None = None
    #: the name under which the extension module exports it
    rust_name: str | None = None
    signature: str | None = None
    rejections: list[Rejection] = field(default_factory=list)
    self_percent: float | None = None
    total_percent: float | None = None
    calls: int | None = None
    #: of a translated function: its source lines, each with its tier and Rust
    lines: list[TranslatedLine] | None = None
    samples: list[Sample] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Generation:
    crate: Crate
    functions: list[GeneratedFunction]
    sources: list[Source] = field(default_factory=list)
    kind: str = "rustify.generation"
    schema_version: int = SCHEMA_VERSION
    created_by: str | None = None
    #: carried from the selection for the report: the run, and the functions not selected
    profile: ProfileSummary | None = None
    skipped: list[Skipped] = field(default_factory=list)
    sampled: Sampled | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


# ---------------------------------------------------------------- build


@dataclass
class Parity:
    """Parity cases run against the Python original; `failures` are counter-examples."""

    cases: int
    passed: int
    failures: list[dict[str, Any]] = field(default_factory=list)
    #: cases not checked, by reason (the original too slow, or out of memory)
    skipped: dict[str, int] | None = None
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Bench:
    python_ns: float
    rust_ns: float
    #: the median of the per-repeat ratios (Python time / Rust time)
    speedup: float
    #: the lowest and highest per-repeat ratio
    speedup_range: list[float] | None = None
    repeats: int | None = None
    #: what it was timed on: "captured sample" or "generated input"
    inputs: str | None = None
    extra: dict[str, Any] = field(default_factory=_extra)

    def not_faster(self) -> bool:
        """The typical repeat (the median) was not faster, or every repeat was slower: a
        translation that saves nothing only costs (`rustify run`'s start-up, a call through
        the swapped object), so it is kept only when it is faster."""
        if self.speedup_range is not None and self.speedup_range[1] < 1.0:
            return True
        return self.speedup < 1.0


@dataclass
class BuiltFunction:
    id: str
    #: accelerated | rejected | build-failed | parity-failed | unverified (no case could be checked) | slower
    status: str
    qualname: str | None = None
    file: str | None = None
    line: int | None = None
    rust_name: str | None = None
    source_module: str | None = None
    source_sha256: str | None = None
    #: the module functions the translation was made from, and the hash of their
    #: definitions (sources.functions_sha256): edits elsewhere in the file keep it valid
    source_functions: list[str] | None = None
    function_sha256: str | None = None
    self_percent: float | None = None
    total_percent: float | None = None
    calls: int | None = None
    #: None: not checked (--no-verify, --no-install); never activated then
    parity: Parity | None = None
    bench: Bench | None = None
    error: str | None = None
    #: of a rejected function, every reason (gen's); of a translated one, its line map
    rejections: list[Rejection] = field(default_factory=list)
    lines: list[TranslatedLine] | None = None
    extra: dict[str, Any] = field(default_factory=_extra)

    #: written as null rather than left out: "not checked" is said explicitly
    json_nulls: ClassVar[frozenset[str]] = frozenset({"parity", "bench"})


@dataclass
class ProgramBench:
    """The whole program timed with and without rustify (`--bench-script`, `rustify
    accelerate --bench`): medians of `repeats` wall-clock runs, alternated."""

    script: str
    python_seconds: float
    rustify_seconds: float
    speedup: float
    same_output: bool
    repeats: int
    args: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Startup:
    """Wall-clock seconds an empty program takes under `python` and under `rustify run`:
    the fixed costs a prediction of the whole program's time adds to each side."""

    python_seconds: float
    rustify_seconds: float
    extra: dict[str, Any] = field(default_factory=_extra)


@dataclass
class Build:
    module: str
    functions: list[BuiltFunction]
    installed: bool = False
    #: the wheel built (None: nothing could be built)
    wheel: str | None = None
    crate: str | None = None
    #: the folder function files are relative to
    root: str | None = None
    #: the interpreter it was built for and installed into
    python: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    kind: str = "rustify.build"
    schema_version: int = SCHEMA_VERSION
    created_by: str | None = None
    program_bench: ProgramBench | None = None
    startup: Startup | None = None
    #: carried from the generation for the report (see Generation)
    profile: ProfileSummary | None = None
    skipped: list[Skipped] = field(default_factory=list)
    sampled: Sampled | None = None
    extra: dict[str, Any] = field(default_factory=_extra)

    json_nulls: ClassVar[frozenset[str]] = frozenset({"wheel"})
