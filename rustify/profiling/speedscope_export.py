"""A profile as a speedscope file (`rustify-profile --speedscope FILE`): its sampled stacks,
one frame per function, for speedscope.app and the tools that read py-spy's output.

`rustify-profile --from-speedscope` reads it back: the same functions, with the same self
and total times as the stacks say.
"""

from __future__ import annotations

from typing import Any

from rustify import __version__
from rustify.errors import InputError
from rustify.profiling.table import is_pseudo_file
from rustify.records import Profile
from rustify.sources import absolute_path


def speedscope_document(profile: Profile) -> dict[str, Any]:
    """The speedscope file of `profile` (a program too brief to be sampled gives one
    without samples); InputError for a profile that was not sampled (a pstats import)."""
    sampled = profile.sampled
    if sampled is None:
        raise InputError(f"a {profile.program.profiler} profile has no sampled stacks to write as speedscope: "
                         "profile the program itself")
    cwd = profile.program.cwd
    frames = [{"name": f.name, "file": f.file if is_pseudo_file(f.file) else str(absolute_path(f.file, cwd)),
               "line": f.line} for f in sampled.frames]
    total = sum(s.seconds for s in sampled.stacks)
    name = " ".join(profile.program.argv) or profile.program.imported_from or "rustify profile"
    return {
        "$schema": "https://www.speedscope.app/file-format-schema.json",
        "exporter": f"rustify {__version__}",
        "name": name,
        "activeProfileIndex": 0,
        "shared": {"frames": frames},
        "profiles": [{
            "type": "sampled", "name": f"{name} ({sampled.source} samples)", "unit": "seconds",
            "startValue": 0, "endValue": total,
            "samples": [s.frames for s in sampled.stacks], "weights": [s.seconds for s in sampled.stacks],
        }],
    }
