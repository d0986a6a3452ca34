"""Sampled profiles: record one with py-spy, import a speedscope file.

py-spy samples the stack without tracing each call, so it sees a real program at
full speed (cProfile's per-call cost inflates small hot functions). A speedscope
file has `shared.frames` (`name`, `file`, `line` = the line being executed) and,
per thread, `samples` (stacks of frame indexes, outermost first) with `weights`.
Lines are mapped to the def that encloses them, so comprehension frames fold into
their def, and self/total seconds follow cProfile's meaning (see
`table_from_speedscope`); call counts are unknown from sampling and reported as 0.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import deque
from pathlib import Path
from typing import Any, NoReturn

import orjson

from rustify.errors import InputError, Location, ToolError
from rustify.profiling.table import FunctionTable, absolute_file, build_table, entry, read_source
from rustify.sources import is_user_code

UNITS = {"seconds": 1.0, "milliseconds": 1e-3, "microseconds": 1e-6, "nanoseconds": 1e-9, "none": None}


def load_speedscope(path: str | os.PathLike) -> dict:
    """Parse and check a speedscope file; any problem names the file and JSON path."""
    try:
        data = orjson.loads(Path(path).read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read speedscope file ({exc.strerror or exc})", Location(str(path))) from None
    except orjson.JSONDecodeError as exc:
        raise InputError(f"not a speedscope file: invalid JSON ({exc})", Location(str(path))) from None
    check_speedscope(data, str(path))
    return data


def check_speedscope(data: Any, file: str | None = None) -> None:
    """Raise InputError at the first place `data` is not a sampled speedscope profile."""

    def fail(json_path: str, message: str) -> NoReturn:
        raise InputError(message, Location(file, json_path=json_path))

    if not isinstance(data, dict):
        fail("$", "expected an object (a speedscope file)")
    shared = data.get("shared")
    if not isinstance(shared, dict) or not isinstance(shared.get("frames"), list):
        fail("$.shared.frames", "expected a list (is this a speedscope file?)")
    frames = shared["frames"]
    for i, frame in enumerate(frames):
        for key, types, what in (("name", (str,), "a string"), ("file", (str, type(None)), "a string"),
                                 ("line", (int, type(None)), "an integer")):
            value = frame.get(key, "" if key == "file" else 0) if isinstance(frame, dict) else None
            if not isinstance(value, types) or isinstance(value, bool):
                fail(f"$.shared.frames[{i}].{key}", f"expected {what}")
    profiles = data.get("profiles")
    if not isinstance(profiles, list):
        fail("$.profiles", "expected a list")
    for p, prof in enumerate(profiles):
        at = f"$.profiles[{p}]"
        if not isinstance(prof, dict):
            fail(at, "expected an object")
        if prof.get("type") != "sampled":
            fail(f"{at}.type", f"only sampled profiles (py-spy's output) are supported, not {prof.get('type')!r}")
        if prof.get("unit") not in UNITS:
            fail(f"{at}.unit", f"expected one of {', '.join(UNITS)}")
        samples, weights = prof.get("samples"), prof.get("weights")
        for key, value in (("samples", samples), ("weights", weights)):
            if not isinstance(value, list):
                fail(f"{at}.{key}", "expected a list")
        if len(weights) != len(samples):
            fail(f"{at}.weights", f"expected {len(samples)} weights (one per sample), got {len(weights)}")
        for s, stack in enumerate(samples):
            if not isinstance(stack, list):
                fail(f"{at}.samples[{s}]", "expected a list of frame indexes")
            for k, index in enumerate(stack):
                if type(index) is not int or not 0 <= index < len(frames):
                    fail(f"{at}.samples[{s}][{k}]", f"expected a frame index below {len(frames)}")
        for w, weight in enumerate(weights):
            if type(weight) not in (int, float) or not 0 <= weight < float("inf"):
                fail(f"{at}.weights[{w}]", "expected a non-negative number")


def frame_defs(frames: list[dict], cwd: str) -> list[tuple[str, int, str] | None]:
    """Each frame's def as (absolute file, def line, qualname); None for module code.

    A frame whose source cannot be read keeps its profiler name, at the smallest line
    sampled for that name (a stable stand-in for the def line).
    """
    keys: list[tuple[str, int, str] | None] = []
    first_line: dict[tuple[str, str], int] = {}
    for frame in frames:
        name, line = frame["name"], frame.get("line") or 0
        file = absolute_file(frame.get("file") or "<unknown>", cwd)
        src = read_source(file)
        if src is not None:
            fn = src.enclosing(line)
            keys.append((file, fn.line, fn.qualname) if fn is not None else None)
        elif name.rsplit(".", 1)[-1] == "<module>":
            keys.append(None)
        else:
            keys.append((file, -1, name))
            first_line[file, name] = min(line, first_line.get((file, name), line))
    return [(k[0], first_line[k[0], k[2]], k[2]) if k and k[1] == -1 else k for k in keys]


def table_from_speedscope(data: dict, cwd: str | os.PathLike, *, all_code: bool = False,
                          rate: float | None = None, file: str | None = None) -> FunctionTable:
    """Self and total seconds per def from the samples of every profile (thread).

    - the run's total_seconds is the sum of all weights;
    - self time goes to the innermost frame's def only: time sampled inside a library
      or builtin is the library's, not its user caller's (as in cProfile);
    - total time counts a def once per sample it appears in (recursion included);
    - unit "none" means sample counts: each is 1/`rate` seconds when `rate` is
      given, else one second per sample (the percents stay right either way).
    """
    check_speedscope(data, file)
    cwd = str(cwd)
    keys = frame_defs(data["shared"]["frames"], cwd)
    kept = [k is not None and (all_code or is_user_code(k[0])) for k in keys]
    entries: dict = {}
    run_total = 0.0
    for prof in data["profiles"]:
        scale = UNITS[prof["unit"]] or (1.0 / rate if rate else 1.0)
        for stack, weight in zip(prof["samples"], prof["weights"]):
            seconds = weight * scale
            run_total += seconds
            if not stack:
                continue
            inner = stack[-1]
            if kept[inner]:
                entry(entries, *keys[inner]).self_seconds += seconds
            for key in {keys[i] for i in stack if kept[i]}:
                entry(entries, *key).total_seconds += seconds
    return build_table(entries.values(), run_total, cwd, all_code=all_code)


# ---------------------------------------------------------------- recording

#: py-spy loses the child's exit status (it exits 0 whatever the program did:
#: benfred/py-spy#717), so a Python command runs under this launcher, which runs the
#: program as `python script|-m mod|-c code` would and writes its status to a file.
_LAUNCHER = r"""
import os, runpy, sys
_status_file, _kind, _target = sys.argv[1:4]
_status = 1
try:
    if _kind == "-m":
        sys.argv = [_target] + sys.argv[4:]
        runpy.run_module(_target, run_name="__main__", alter_sys=True)
    elif _kind == "-c":
        sys.argv = ["-c"] + sys.argv[4:]
        exec(compile(_target, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
    else:
        sys.argv = [_target] + sys.argv[4:]
        if not getattr(sys.flags, "safe_path", False):  # -P / -I: no script folder on sys.path
            sys.path[0] = os.path.dirname(os.path.abspath(_target))
        runpy.run_path(_target, run_name="__main__")
    _status = 0
except SystemExit as exc:
    _status = 0 if exc.code is None else exc.code & 255 if isinstance(exc.code, int) else 1
    raise
except KeyboardInterrupt:
    _status = -2
    raise
finally:
    with open(_status_file, "w") as fh:
        fh.write(str(_status))
"""

_PY_FLAGS = set("bBdEiIOPqsSuvx")  # interpreter flags without a value, as in `-uO`


def _launch_python(command: list[str], status_file: str) -> list[str] | None:
    """`command` rewritten to run under `_LAUNCHER`, or None if it is not a plain
    `python [flags] script|-m mod|-c code [args]` command line."""
    if not command or not (Path(command[0]).name.startswith("python") or command[0] == sys.executable):
        return None
    i = 1
    while i < len(command):
        arg = command[i]
        if arg in ("-m", "-c") and i + 1 < len(command):
            return [*command[:i], "-c", _LAUNCHER, status_file, arg, command[i + 1], *command[i + 2:]]
        if arg in ("-X", "-W") and i + 1 < len(command):
            i += 2
        elif arg.startswith("-") and len(arg) > 1 and set(arg[1:]) <= _PY_FLAGS:
            i += 1
        elif not arg.startswith("-"):
            return [*command[:i], "-c", _LAUNCHER, status_file, "script", arg, *command[i + 1:]]
        else:
            return None
    return None


def find_pyspy() -> str:
    """py-spy installed next to this interpreter first (same venv), else on PATH."""
    beside = Path(sys.executable).parent / "py-spy"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("py-spy")
    if found is None:
        raise ToolError("py-spy not found: pip install py-spy")
    return found


def _pump(src, dst_fd: int | None, keep: deque) -> None:
    """Copy a pipe to our stderr line by line, remembering the last lines."""
    for raw in iter(src.readline, b""):
        keep.append(raw.decode("utf-8", "replace").rstrip())
        try:
            if dst_fd is not None:
                os.write(dst_fd, raw)
            else:
                sys.stderr.write(raw.decode("utf-8", "replace"))
                sys.stderr.flush()
        except (OSError, ValueError):
            pass


def _no_profile(lines: deque, status: str) -> ToolError:
    """One line from py-spy's own `Error: ...` (not the Rust backtrace after it) and a hint."""
    message = ([line for line in lines if line.startswith("Error:")] or [line for line in lines if line.strip()]
               or ["py-spy failed without a message"])[-1]
    lowered = message.lower()
    if "permission" in lowered or "ptrace" in lowered or "not permitted" in lowered:
        hint = "py-spy needs ptrace rights: run as root or with CAP_SYS_PTRACE, or use --profiler cprofile"
    elif "process" in lowered:
        hint = "the program may have ended before py-spy attached: use --profiler cprofile for short runs"
    else:
        hint = "try --profiler cprofile"
    ran = f" (the program exited with status {status})" if status not in ("", "0") else ""
    return ToolError(f"py-spy wrote no profile{ran}: {message} ({hint})")


def record_with_pyspy(command: list[str], output: Path, *, rate: int = 250, cwd: str | os.PathLike | None = None,
                      env: dict[str, str] | None = None) -> int:
    """Run `command` under `py-spy record --format speedscope`; return its exit status.

    Nothing reaches our stdout: the program's stdout and py-spy's chatter (py-spy
    prints it on stdout) go to our stderr. The status is the program's own for a
    Python command line (see `_LAUNCHER`; the launcher adds runpy frames around the
    program, which are not user code). For other commands, or a program that ends
    with `os._exit` or a signal, it is py-spy's status, which is 0 even when the
    program failed. Raises ToolError when py-spy is missing or writes no profile.
    """
    output = Path(output).resolve()
    output.unlink(missing_ok=True)
    try:
        err_fd: int | None = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        err_fd = None
    with tempfile.TemporaryDirectory(prefix="rustify-pyspy-") as tmp:
        status_file = os.path.join(tmp, "status")
        child = _launch_python(list(command), status_file) or list(command)
        argv = [find_pyspy(), "record", "--format", "speedscope", "--rate", str(rate),
                "--output", str(output), "--", *child]
        last: deque = deque(maxlen=40)
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=err_fd if err_fd is not None else subprocess.PIPE,
                                stderr=subprocess.PIPE)
        pumps = [threading.Thread(target=_pump, args=(pipe, err_fd, last), daemon=True)
                 for pipe in (proc.stderr, proc.stdout) if pipe is not None]
        for pump in pumps:
            pump.start()
        try:
            pyspy_status = proc.wait()
        except KeyboardInterrupt:  # py-spy and the program got the signal too: let py-spy save
            proc.wait()
            raise
        finally:
            for pump in pumps:
                pump.join(timeout=5)
        status = Path(status_file).read_text().strip() if os.path.exists(status_file) else ""
    if not output.is_file() or output.stat().st_size == 0:
        raise _no_profile(last, status)
    return int(status) if status.lstrip("-").isdigit() else pyspy_status
