"""rustify-select: pick the functions worth translating, and say why for each.

Input is a profile; output is a selection document that carries, for each target,
everything gen needs (observed types, samples, an empty `types` object for hand
overrides), and for every other user function the reason it was skipped.
"""

from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass, field

from rustify.errors import InputError, UsageError
from rustify.records import Criteria, FunctionProfile, Profile, ProfileSummary, Selection, Skipped, Target
from rustify.sources import FunctionDef, absolute_path, function_id, load_source
from rustify.selection.callers import promoted_callers
from rustify.selection.static_check import look


@dataclass
class SelectOptions:
    threshold: float = 5.0
    by: str = "self"
    top: int | None = None
    functions: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)


def _matches(pattern: str, fn: FunctionProfile) -> bool:
    return fnmatch.fnmatchcase(fn.qualname, pattern) or fnmatch.fnmatchcase(fn.id, pattern) or pattern == fn.id


def _uncalled_functions(profile: Profile) -> list[FunctionProfile]:
    """Every def of the profiled user files that the profile does not list (never called)."""
    listed = {(f.file, f.line) for f in profile.functions}
    extra = []
    for source in profile.sources:
        try:
            parsed = load_source(absolute_path(source.path, profile.program.cwd))
        except InputError:
            continue
        for fn in parsed.functions:
            if (source.path, fn.line) not in listed:
                extra.append(
                    FunctionProfile(
                        id=function_id(source.path, fn.line, fn.qualname), qualname=fn.qualname, file=source.path,
                        line=fn.line, calls=0, self_seconds=0.0, total_seconds=0.0, self_percent=0.0, total_percent=0.0,
                    )
                )
    return extra


def _definition(profile: Profile, fn: FunctionProfile) -> FunctionDef | None:
    try:
        parsed = load_source(absolute_path(fn.file, profile.program.cwd))
    except InputError:
        return None
    found = parsed.by_qualname(fn.qualname)
    return found if found is not None and found.line == fn.line else parsed.defined_at(fn.line) or found


def _has_parameters(definition: FunctionDef) -> bool:
    a = definition.node.args
    return bool(a.posonlyargs or a.args or a.vararg or a.kwonlyargs or a.kwarg)


def _metric(fn: FunctionProfile, by: str) -> float:
    return fn.self_percent if by == "self" else fn.total_percent


def select(profile: Profile, options: SelectOptions) -> Selection:
    """Choose targets from `profile` following `options`; every user function gets a reason."""
    if options.by not in ("self", "total"):
        raise UsageError(f"--by must be 'self' or 'total', not {options.by!r}")
    if options.threshold < 0:
        raise UsageError("--threshold must be 0 or more")
    if options.top is not None and options.top < 1:
        raise UsageError("--top must be at least 1")

    candidates = [f for f in profile.functions if f.user_code]
    if options.threshold == 0 or options.functions:
        candidates += _uncalled_functions(profile)
    for pattern in options.functions:
        if not any(_matches(pattern, f) for f in candidates):
            names = sorted({f.qualname for f in candidates})
            close = difflib.get_close_matches(pattern, names, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; functions in the profile: {', '.join(names[:8]) or 'none'}"
            raise UsageError(f"--function {pattern!r} matches no function in the profile{hint}")

    by_metric = sorted(candidates, key=lambda f: (-_metric(f, options.by), f.id))
    looks = {}
    for fn in by_metric:
        definition = _definition(profile, fn)
        static = look(definition) if definition is not None else None
        blocker = "source not found: cannot translate" if static is None else static.fatal
        looks[fn.id] = (static.warnings if static else [], blocker)

    def excluded_by(fn: FunctionProfile) -> str | None:
        return next((p for p in options.exclude if _matches(p, fn)), None)

    # --top ranks the functions that could be targets: excluded and untranslatable
    # ones take no place in it
    passing = [f for f in by_metric if _metric(f, options.by) >= options.threshold
               and excluded_by(f) is None and looks[f.id][1] is None]
    top_ids = {f.id for f in passing[: options.top]} if options.top is not None else {f.id for f in passing}

    def promotable(fn: FunctionProfile) -> bool:
        definition = _definition(profile, fn)
        return fn.total_percent >= options.threshold and excluded_by(fn) is None and looks[fn.id][1] is None \
            and definition is not None and _has_parameters(definition)

    # callers that spend nearly all their time in targets keep the values native between them
    promoted = promoted_callers(profile.sampled, candidates, top_ids, promotable) if options.top is None else {}

    targets: list[Target] = []
    skipped: list[Skipped] = []
    for fn in by_metric:
        named = any(_matches(p, fn) for p in options.functions)
        excluded = excluded_by(fn)
        value = _metric(fn, options.by)
        warnings, blocker = looks[fn.id]
        if named:
            reason = "named by --function"
        elif excluded is not None:
            reason = f"excluded by --exclude {excluded}"
        elif fn.id in promoted:
            reason = promoted[fn.id]
        elif value < options.threshold:
            reason = f"below threshold ({options.by} {value:.1f}% < {options.threshold:g}%)"
        elif blocker is not None:
            reason = blocker
        elif fn.id not in top_ids:
            reason = f"not in --top {options.top}"
        else:
            reason = f"{options.by} {value:.1f}% >= {options.threshold:g}%"
        selected = named or fn.id in top_ids or fn.id in promoted
        if selected and blocker is not None:
            selected, reason = False, blocker
        if selected:
            targets.append(Target(
                id=fn.id, qualname=fn.qualname, file=fn.file, line=fn.line, reason=reason, calls=fn.calls,
                self_percent=fn.self_percent, total_percent=fn.total_percent, observed=fn.observed,
                types={}, warnings=warnings,
            ))
        else:
            skipped.append(Skipped(
                id=fn.id, reason=reason, qualname=fn.qualname, file=fn.file, line=fn.line,
                self_percent=fn.self_percent, total_percent=fn.total_percent, warnings=warnings,
            ))

    criteria = Criteria(threshold=options.threshold, by=options.by, top=options.top,
                        functions=list(options.functions), exclude=list(options.exclude))
    summary = ProfileSummary(program=profile.program, total_seconds=profile.total_seconds, types_known=profile.types_known)
    samples = {fn.id: list(fn.samples) for fn in profile.functions if fn.samples and fn.id in {t.id for t in targets}}
    return Selection(profile=summary, criteria=criteria, sources=list(profile.sources), targets=targets,
                     skipped=skipped, samples=samples, sampled=profile.sampled)
