"""The `sampled` part of a profile, from a speedscope file (rustify's sampler, py-spy, or one
imported): time per source line and per call stack.

- A line's time is that of the samples whose innermost frame of the program's own code
  was running it: what it calls in libraries and builtins counts for the line that
  called it (Scalene's view; cProfile's self times count it for the library).
- Stacks are kept per function: each frame becomes its def (file, def line, qualname:
  the parts of a function id), a comprehension's or lambda's frame folds into the def it
  is written in, and the frames of a launcher below the program (runpy, py-spy's
  `<string>`) are left out, as are stacks without a frame of the program. Stacks with the
  same functions add up; the heaviest `MAX_STACKS` are kept.
"""

from __future__ import annotations

import os
from collections import defaultdict

from rustify.profiling.speedscope_import import UNITS, frame_defs, check_speedscope
from rustify.profiling.table import SECONDS_DIGITS, absolute_file
from rustify.records import LineTime, Sampled, StackFrame, StackSample
from rustify.sources import display_path, is_user_code

MAX_STACKS = 5000


def sampled_from_speedscope(data: dict, cwd: str | os.PathLike, *, source: str, interval: float | None = None,
                            file: str | None = None) -> Sampled:
    check_speedscope(data, file)
    cwd = str(cwd)
    frames = data["shared"]["frames"]
    defs = frame_defs(frames, cwd)
    files = [absolute_file(f.get("file") or "<unknown>", cwd) for f in frames]
    user = [is_user_code(f) for f in files]
    function_frames: list[StackFrame] = []
    function_index: dict[tuple[str, int, str], int] = {}

    def function_of(i: int) -> int:
        found = defs[i]
        if found is None:  # module code
            shown = files[i] if not user[i] else display_path(files[i], cwd)
            key = (shown, 0, "<module>")
        else:
            path, line, qualname = found
            key = (display_path(path, cwd) if user[i] else path, max(line, 0), qualname)
        if key not in function_index:
            function_index[key] = len(function_frames)
            function_frames.append(StackFrame(name=key[2], file=key[0], line=key[1]))
        return function_index[key]

    line_seconds: dict[tuple[str, int], float] = defaultdict(float)
    stack_seconds: dict[tuple[int, ...], float] = defaultdict(float)
    total = 0.0
    for prof in data["profiles"]:
        scale = UNITS[prof["unit"]] or (interval or 1.0)
        for stack, weight in zip(prof["samples"], prof["weights"]):
            seconds = weight * scale
            total += seconds
            inner = next((i for i in reversed(stack) if user[i]), None)
            if inner is not None and frames[inner].get("line"):
                line_seconds[display_path(files[inner], cwd), frames[inner]["line"]] += seconds
            first_user = next((k for k, i in enumerate(stack) if user[i]), None)
            if first_user is None:
                continue  # no frame of the program: its launcher, or the interpreter ending
            chain: list[int] = []
            for i in stack[first_user:]:
                f = function_of(i)
                if chain and chain[-1] == f and frames[i]["name"].rsplit(".", 1)[-1].startswith("<"):
                    continue  # a comprehension or lambda: part of the def it is written in
                chain.append(f)
            if chain:
                stack_seconds[tuple(chain)] += seconds

    heaviest = sorted(stack_seconds.items(), key=lambda item: -item[1])[:MAX_STACKS]
    return Sampled(
        source=source,
        seconds=round(total, SECONDS_DIGITS),
        interval_seconds=interval,
        lines=[LineTime(file=f, line=n, seconds=round(s, SECONDS_DIGITS)) for (f, n), s in sorted(line_seconds.items())],
        frames=function_frames,
        stacks=[StackSample(frames=list(chain), seconds=round(s, SECONDS_DIGITS)) for chain, s in heaviest],
    )
