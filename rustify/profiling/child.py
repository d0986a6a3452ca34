"""The child process that runs the profiled program, as `python SCRIPT` would.

`rustify-profile` never runs user code in its own process: this module is started
with the same interpreter, sets `sys.argv` and `sys.path[0]` the way the `python`
command does, runs the target as `__main__` (`--repeat` times), and leaves its
findings in an output folder: `stats.pstats` and `stacks.speedscope.json` (cProfile mode:
the calls, and the stack sampled every millisecond of CPU time for the time of each line),
`observed.json` (argument types and samples) and `status.json` (exit status, module names).
The parent redirects this process's stdout to its own stderr, so the program's
output never reaches the JSON channel.

    python -m rustify.profiling.child --mode cprofile|trace|plain --out DIR
           [--repeat N] [--module] TARGET [ARGS...]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import runpy
import sys
import traceback
from pathlib import Path


def _run_target(target: str, args: list[str], as_module: bool) -> None:
    # (isolation's bootstrap took the current directory off sys.path: what python puts
    # first goes in front again, before $PYTHONPATH's entries, as python orders them)
    if as_module:
        sys.argv = [target, *args]  # runpy replaces argv[0] with the module's path
        sys.path.insert(0, os.getcwd())
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        sys.argv = [target, *args]
        sys.path.insert(0, os.path.dirname(os.path.abspath(target)))
        runpy.run_path(target, run_name="__main__")


def _run_once(target: str, args: list[str], as_module: bool) -> int:
    """Run the target once; its exit status as `python` would report it.

    `sys.exit(0)` (as in the common `sys.exit(main())`) ends one run, not the
    `--repeat` loop.
    """
    try:
        _run_target(target, args, as_module)
    except SystemExit as exc:
        code = exc.code
        if code is None or isinstance(code, int):
            return int(code or 0)
        print(code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: rustify-profile says so in one line
        return 130
    except BaseException as exc:  # the program failed: show its traceback as python would
        _print_traceback(exc)
        return 1
    return 0


def _print_traceback(exc: BaseException) -> None:
    """The traceback without this runner's and runpy's frames, as `python SCRIPT` shows it."""
    tb = exc.__traceback__
    while tb is not None and (tb.tb_frame.f_globals is globals() or tb.tb_frame.f_globals.get("__name__") == "runpy"):
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb or exc.__traceback__)


def _module_names(files: set[str], script: str | None) -> dict[str, str]:
    """Map each observed source file to the module name it ran under."""
    names: dict[str, str] = {}
    real = {os.path.realpath(f): f for f in files}
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and os.path.realpath(path) in real:
            names.setdefault(real[os.path.realpath(path)], name)
    if script is not None:
        for f in files:
            if os.path.realpath(f) == os.path.realpath(script):
                names[f] = "__main__"
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rustify.profiling.child")
    parser.add_argument("--mode", choices=["cprofile", "trace", "plain"], required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--module", action="store_true")
    parser.add_argument("target")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args(argv)
    out = Path(opts.out)

    tracer = None
    if opts.mode in ("cprofile", "trace"):
        from rustify.profiling.capture import CallTracer

        tracer = CallTracer()
    sampler = None
    if opts.mode == "cprofile":
        from rustify.profiling.sampler import StackSampler

        sampler = StackSampler()

    # each run compiles the script anew, and cProfile keeps only the last code object
    # of a given (file, line, name): profile each run on its own and add them up
    stats = None
    status = 0
    saved_path = list(sys.path)
    for _ in range(opts.repeat):
        sys.path[:] = saved_path
        profiler = cProfile.Profile() if opts.mode == "cprofile" else None
        if tracer:
            tracer.start()
        if sampler:
            sampler.start()
        if profiler:
            profiler.enable()
        try:
            status = _run_once(opts.target, list(opts.args), opts.module)
        finally:
            if profiler:
                profiler.disable()
            if sampler:
                sampler.stop()
            if tracer:
                tracer.stop()
        if profiler:
            stats = pstats.Stats(profiler) if stats is None else stats.add(profiler)
        if status != 0:
            break
    sys.stdout.flush()

    if stats is not None:
        stats.dump_stats(str(out / "stats.pstats"))
    if sampler is not None and sampler.stacks:
        (out / "stacks.speedscope.json").write_text(json.dumps(sampler.speedscope()))
    observed = [obs.to_json() for obs in tracer.observations()] if tracer else []
    (out / "observed.json").write_text(json.dumps(observed))
    files = {o["filename"] for o in observed}
    if stats is not None:
        files |= {key[0] for key in stats.stats}
    script = None if opts.module else opts.target
    (out / "status.json").write_text(json.dumps({"exit_status": status, "modules": _module_names(files, script)}))
    return status


if __name__ == "__main__":
    sys.exit(main())
