"""Callers worth translating with their targets.

A target called many times from a Python loop converts its arguments at every call (a
dict of lists read again and again) and its results back. When the caller spends nearly
all its time in targets and in its own lines, translating the caller too keeps those
values native between the calls: the call becomes a Rust call. The sampled stacks say
where a caller's time goes (what its own lines call in libraries counts as its own).

    distance_report (total 91%) -> dijkstra (target, 80%), summarize (9%), own lines (2%)
    => distance_report is selected: "calls targets: 90% of its time in them or its own lines"

Only callers with parameters are promoted: parity checks a translation on generated inputs,
and a function without parameters (a program's driver) can only be checked by running it
whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rustify.records import FunctionProfile, Sampled

#: the share of a caller's sampled time that must be in targets or its own lines
COVERED = 0.75


def promoted_callers(sampled: Sampled | None, functions: list[FunctionProfile], targets: set[str],
                     eligible: Callable[[FunctionProfile], bool]) -> dict[str, str]:
    """Function id -> reason, for the callers to select with `targets` (a fixed point: a
    caller of a promoted caller may qualify in turn)."""
    if sampled is None or not sampled.stacks:
        return {}
    by_place = {(f.file, f.line): f for f in functions}
    frame_ids = [by_place[(fr.file, fr.line)].id if (fr.file, fr.line) in by_place else None
                 for fr in sampled.frames]
    chosen = set(targets)
    promoted: dict[str, str] = {}
    candidates = [f for f in functions if f.id not in chosen and eligible(f)]
    changed = True
    while changed:
        changed = False
        shares = _shares(sampled, frame_ids, chosen)
        for fn in candidates:
            if fn.id in chosen:
                continue
            own, in_targets, other = shares.get(fn.id, (0.0, 0.0, 0.0))
            total = own + in_targets + other
            if in_targets > 0 and total > 0 and (own + in_targets) / total >= COVERED:
                share = round(100 * (own + in_targets) / total)
                promoted[fn.id] = f"calls targets: {share}% of its time in them or its own lines"
                chosen.add(fn.id)
                changed = True
    return promoted


def _shares(sampled: Sampled, frame_ids: list[str | None], chosen: set[str]) -> dict[str, tuple[float, float, float]]:
    """For each function on the stacks: time on its own lines, in chosen callees, elsewhere."""
    own: dict[str, float] = defaultdict(float)
    in_chosen: dict[str, float] = defaultdict(float)
    other: dict[str, float] = defaultdict(float)
    for stack in sampled.stacks:
        ids = [frame_ids[i] if 0 <= i < len(frame_ids) else None for i in stack.frames]
        seen: set[str] = set()
        for depth in range(len(ids) - 1, -1, -1):  # innermost occurrence of each function
            fid = ids[depth]
            if fid is None or fid in seen:
                continue
            seen.add(fid)
            below = ids[depth + 1] if depth + 1 < len(ids) else None
            if depth + 1 == len(ids):
                own[fid] += stack.seconds
            elif below in chosen:
                in_chosen[fid] += stack.seconds
            else:
                other[fid] += stack.seconds
    return {fid: (own[fid], in_chosen[fid], other[fid]) for fid in set(own) | set(in_chosen) | set(other)}
