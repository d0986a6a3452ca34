"""rustify-profile: where a program spends its time, and what its functions receive.

`profile_program` runs the target in a child process (`rustify.profiling.child`)
under cProfile or py-spy; `import_pstats` and `import_speedscope` read saved
profiles. All three return the same `Profile` record, so any profile can stand in
for another in the pipeline.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from rustify.errors import InputError, Location, ToolError, UsageError
from rustify.isolation import module_command
from rustify.profiling.table import FunctionTable
from rustify.records import Observed, Profile, Program, Sample, Sampled
from rustify.sources import display_path, load_source

PROFILERS = ("cprofile", "py-spy")
#: py-spy's samples per second (record_with_pyspy's default)
PYSPY_RATE = 250


def _child_command(mode: str, out: Path, target: str, args: list[str], as_module: bool, repeat: int) -> list[str]:
    cmd = module_command("rustify.profiling.child", "--mode", mode, "--out", str(out), "--repeat", str(repeat))
    if as_module:
        cmd.append("--module")
    return cmd + ["--", target, *args]


def _child_env() -> dict[str, str]:
    """The program's own environment; the child imports rustify from this interpreter."""
    env = dict(os.environ)
    return env


def _read_status(out: Path) -> dict:
    try:
        return json.loads((out / "status.json").read_text())
    except (OSError, ValueError):
        return {"exit_status": None, "modules": {}}


def _check_target(target: str, as_module: bool) -> None:
    if as_module:
        return
    path = Path(target)
    if not path.exists():
        raise InputError("no such file", Location(target))
    if path.is_dir() and not (path / "__main__.py").exists():
        raise InputError("is a directory without __main__.py", Location(target))


def _fail(target: str, status: int | None) -> ToolError:
    if status is None or status < 0:
        return ToolError("the program failed (a signal); see its output above; no profile written", Location(target))
    return ToolError(f"the program failed (exit status {status}); see its output above; no profile written "
                     "(--allow-failure keeps it)", Location(target))


def profile_program(
    target: str,
    args: list[str] | None = None,
    *,
    as_module: bool = False,
    profiler: str = "cprofile",
    repeat: int = 1,
    all_code: bool = False,
    observe: bool = True,
    cwd: str | None = None,
    allow_failure: bool = False,
) -> Profile:
    """Run `target` (a script path, or a module with `as_module`) and profile it.

    With cProfile, one run gives timings, argument types and samples. With py-spy the
    timed run is untouched by tracing; unless `observe` is False, a second, traced run
    gathers the types and samples (py-spy itself sees no argument values).
    A program that exits with a non-zero status (not killed by a signal) still gives its
    profile with `allow_failure`, which records that status.
    """
    if profiler not in PROFILERS:
        raise UsageError(f"unknown profiler {profiler!r}; choose one of {', '.join(PROFILERS)}")
    if repeat < 1:
        raise UsageError("--repeat must be at least 1")
    _check_target(target, as_module)
    args = list(args or [])
    cwd = os.path.abspath(cwd or os.getcwd())
    env = _child_env()
    failed: list[int] = []

    def check(status: int | None) -> None:
        if status == 0:
            return
        if allow_failure and status is not None and status > 0:
            failed.append(status)
            return
        raise _fail(target, status)

    with tempfile.TemporaryDirectory(prefix="rustify-profile-") as tmp:
        out = Path(tmp)
        sampled = None
        if profiler == "cprofile":
            check(_run_child(_child_command("cprofile", out, target, args, as_module, repeat), cwd, env))
            from rustify.profiling.pstats_import import load_pstats, table_from_pstats
            from rustify.profiling.sampler import StackSampler

            table = table_from_pstats(load_pstats(out / "stats.pstats"), cwd, all_code=all_code)
            stacks = out / "stacks.speedscope.json"
            if stacks.exists():
                sampled = _sampled(stacks, cwd, "rustify", StackSampler().interval)
        else:
            from rustify.profiling.speedscope_import import load_speedscope, record_with_pyspy, table_from_speedscope

            speedscope = out / "profile.speedscope.json"
            command = _child_command("plain", out, target, args, as_module, repeat)
            record_with_pyspy(command, speedscope, cwd=cwd, env=env, rate=PYSPY_RATE)
            check(_read_status(out)["exit_status"])
            table = table_from_speedscope(load_speedscope(speedscope), cwd, all_code=all_code)
            sampled = _sampled(speedscope, cwd, "py-spy", 1 / PYSPY_RATE)
            if observe:
                traced = out / "traced"
                traced.mkdir()
                check(_run_child(_child_command("trace", traced, target, args, as_module, 1), cwd, env))
                out = traced
        observations = json.loads((out / "observed.json").read_text()) if (out / "observed.json").exists() else []
        modules = _read_status(out).get("modules", {})
    types_known = profiler == "cprofile" or observe
    if types_known:
        _attach_observations(table, observations, cwd)
    _attach_modules(table, modules, cwd)
    program = Program(
        argv=[("-m " if as_module else "") + target, *args],
        cwd=cwd,
        profiler=profiler,
        python=platform.python_version(),
        repeat=repeat,
        exit_status=failed[0] if failed else 0,
    )
    if failed:
        print(f"rustify-profile: warning: the program exited with status {failed[0]}; its profile is kept "
              "(--allow-failure)", file=sys.stderr)
    return Profile(program, table.total_seconds, types_known, table.sources, table.functions, sampled=sampled)


def _sampled(path: Path, cwd: str, source: str, interval: float | None) -> Sampled:
    from rustify.profiling.sampled import sampled_from_speedscope
    from rustify.profiling.speedscope_import import load_speedscope

    return sampled_from_speedscope(load_speedscope(path), cwd, source=source, interval=interval, file=str(path))


def _run_child(command: list[str], cwd: str, env: dict[str, str]) -> int:
    try:
        done = subprocess.run(command, cwd=cwd, env=env, stdout=sys.stderr.fileno())
    except OSError as exc:
        raise ToolError(f"cannot start {command[0]}: {exc.strerror}") from None
    return done.returncode


def _attach_observations(table: FunctionTable, observations: list[dict], cwd: str) -> None:
    """Give each profiled function the types and samples recorded for its code object."""
    by_def: dict[tuple[str, int], dict] = {}
    for obs in observations:
        try:
            fn = load_source(obs["filename"] if os.path.isabs(obs["filename"]) else os.path.join(cwd, obs["filename"])).defined_at(obs["firstlineno"])
        except InputError:
            continue
        if fn is not None:
            by_def[(display_path(obs["filename"], cwd), fn.line)] = obs
    for func in table.functions:
        obs = by_def.get((func.file, func.line))
        if obs is None:
            continue
        func.observed = Observed(calls=obs["calls"], args=obs["args"], ret=obs["return"], raised=obs["raised"],
                                     attributes=obs.get("attributes"))
        func.samples = [Sample(args=s["args"], shortened=s.get("shortened")) for s in obs["samples"]]


def _attach_modules(table: FunctionTable, modules: dict[str, str], cwd: str) -> None:
    names = {display_path(f, cwd): name for f, name in modules.items()}
    for source in table.sources:
        if source.path in names:
            source.module = names[source.path]


def _imported_program(path: str, profiler: str, cwd: str) -> Program:
    return Program(argv=[], cwd=cwd, profiler=profiler, python=platform.python_version(), imported_from=str(path))


def import_pstats(path: str, *, all_code: bool = False, cwd: str | None = None) -> Profile:
    """A profile from a file saved by `python -m cProfile -o FILE` (no types: not recorded)."""
    from rustify.profiling.pstats_import import load_pstats, table_from_pstats

    cwd = os.path.abspath(cwd or os.getcwd())
    table = table_from_pstats(load_pstats(path), cwd, all_code=all_code)
    return Profile(_imported_program(path, "pstats", cwd), table.total_seconds, False, table.sources, table.functions)


def import_speedscope(path: str, *, all_code: bool = False, cwd: str | None = None) -> Profile:
    """A profile from py-spy's `--format speedscope` output (no types: py-spy sees none)."""
    from rustify.profiling.speedscope_import import load_speedscope, table_from_speedscope

    cwd = os.path.abspath(cwd or os.getcwd())
    table = table_from_speedscope(load_speedscope(path), cwd, all_code=all_code)
    return Profile(_imported_program(path, "speedscope", cwd), table.total_seconds, False, table.sources, table.functions,
                   sampled=_sampled(Path(path), cwd, "speedscope", None))
