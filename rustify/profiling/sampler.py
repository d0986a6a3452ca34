"""A cheap stack sampler in the profiled program: which line of it runs, under which calls.

cProfile counts calls and their times, not lines. This samples the main thread's stack on a
CPU-time timer (`ITIMER_VIRTUAL`, SIGVTALRM: SIGPROF is the CallTracer's re-arming tick,
and one process has one timer of each kind). Each tick records the stack as frames (file,
line being run, qualname), weighted by the main thread's CPU time since the previous tick:
a signal is handled between bytecodes, so the ticks that fall inside one long call of C
code arrive as one, after it, and the weight still counts all of its time. rustify's own
frames (the caller of `start` and the runner below the program) are left out, and a tick
that lands in the tracer's hooks (rustify's code inside the program) is its overhead, not
the program's: dropped.

Signals are handled where CPython checks for them: on entering a function, after a call, at
a loop's jump back. A tick handled at the jump back counts for the loop's own line (its
`for` or `while`, where the jump goes: the time went somewhere in the loop), not for the
last line of its body, where the jump instruction is; lines that call something get their
own ticks after the calls. py-spy (`--profiler py-spy`) reads the stack from outside,
between any two instructions.

The result is written as a speedscope file, the shape py-spy writes, so one importer
(`sampled.py`) reads either. A program with its own SIGVTALRM handler keeps it (no samples).
"""

from __future__ import annotations

import dis
import os
import signal
import sys
import time
from types import CodeType, FrameType
from typing import Any

import rustify
from rustify.profiling.cpu_timer import CpuTimer

_OWN_FILES = (os.path.dirname(os.path.abspath(rustify.__file__)) + os.sep,)
#: the opcodes that jump back to a loop's start (3.10's JUMP_ABSOLUTE also jumps forward)
_JUMPS_BACK = frozenset(dis.opmap[name] for name in ("JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP_ABSOLUTE")
                        if name in dis.opmap)
#: the innermost frames a stack keeps (deep recursion is cut at its outer end)
MAX_DEPTH = 256


def _is_own(code: CodeType) -> bool:
    return os.path.abspath(code.co_filename).startswith(_OWN_FILES)


def loop_lines(code: CodeType) -> dict[int, int]:
    """The offset of each jump back to a loop's start -> the line of that start."""
    line_at: dict[int, int] = {}
    line = code.co_firstlineno
    instructions = list(dis.get_instructions(code))
    for ins in instructions:
        positions = getattr(ins, "positions", None)
        if positions is not None and positions.lineno:
            line = positions.lineno
        elif isinstance(ins.starts_line, int) and not isinstance(ins.starts_line, bool):
            line = ins.starts_line
        line_at[ins.offset] = line
    return {ins.offset: line_at[ins.argval] for ins in instructions
            if ins.opcode in _JUMPS_BACK and isinstance(ins.argval, int) and ins.argval < ins.offset
            and ins.argval in line_at}


class StackSampler:
    """Samples the main thread's stack every `interval` seconds of CPU time while started."""

    def __init__(self, interval: float = 0.001) -> None:
        self.interval = interval
        #: stack (outermost first) of (code, line) -> seconds
        self.stacks: dict[tuple[tuple[CodeType, int], ...], float] = {}
        self.seconds = 0.0
        self._own: dict[CodeType, bool] = {}
        self._loops: dict[CodeType, dict[int, int]] = {}
        self._last = 0.0
        self._timer = CpuTimer(signal.SIGVTALRM, signal.ITIMER_VIRTUAL, interval, self._on_tick)
        self._root: FrameType | None = None

    def start(self) -> None:
        self._root = sys._getframe(1)  # who starts sampling: the stacks end there
        self._last = time.thread_time()
        self._timer.start()  # (not where the program handles SIGVTALRM itself)

    def stop(self) -> None:
        self._timer.stop()

    def _on_tick(self, signum: int, frame: FrameType | None) -> None:
        now = time.thread_time()
        weight, self._last = now - self._last, now
        stack = []
        innermost = True
        while frame is not None and frame is not self._root and len(stack) < MAX_DEPTH:
            code = frame.f_code
            own = self._own.get(code)
            if own is None:
                own = self._own[code] = _is_own(code)
            line = frame.f_lineno or code.co_firstlineno
            if innermost:  # (the outer frames are at their calls)
                loops = self._loops.get(code)
                if loops is None:
                    loops = self._loops[code] = loop_lines(code)
                line = loops.get(frame.f_lasti, line)
                innermost = False
            stack.append((code, line, own))
            frame = frame.f_back
        while stack and stack[-1][2]:
            stack.pop()  # the runner's frames between start() and the program
        if any(own for _, _, own in stack):
            return  # rustify's code (the tracer's hooks) inside the program: profiling's cost
        if stack:
            key = tuple((code, line) for code, line, _ in reversed(stack))
            self.stacks[key] = self.stacks.get(key, 0.0) + weight
            self.seconds += weight

    def speedscope(self, name: str = "main thread") -> dict[str, Any]:
        """The samples as a speedscope file: one frame per (file, line, qualname)."""
        frames: list[dict[str, Any]] = []
        index: dict[tuple[str, int, str], int] = {}
        samples, weights = [], []
        for stack, seconds in self.stacks.items():
            ids = []
            for code, line in stack:
                key = (code.co_filename, line, getattr(code, "co_qualname", code.co_name))
                if key not in index:
                    index[key] = len(frames)
                    frames.append({"name": key[2], "file": key[0], "line": line})
                ids.append(index[key])
            samples.append(ids)
            weights.append(seconds)
        return {
            "$schema": "https://www.speedscope.app/file-format-schema.json",
            "exporter": "rustify",
            "shared": {"frames": frames},
            "profiles": [{"type": "sampled", "name": name, "unit": "seconds", "startValue": 0,
                          "endValue": sum(weights), "samples": samples, "weights": weights}],
        }
