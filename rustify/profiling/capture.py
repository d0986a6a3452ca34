"""Record the argument and return types user functions really receive, and a few
real calls' arguments, while the profiled program runs.

A `sys.settrace` hook sees each call of a user function before its first bytecode
runs, so the arguments are encoded before the function can mutate them. Line
events are switched off per frame (`f_trace_lines = False`); the local hook only
sees `return` and `exception`. Cost is bounded: after `max_typed_calls` calls of a
function its calls are no longer inspected (one dict lookup each), element scans
stop after `max_scan` items, and at most `max_samples` calls are captured, each
value capped at `max_sample_items` elements (a longer list keeps its first items).

CPython 3.11 runs every frame more slowly while any trace function is set, so the
tracer also pauses once it has learned enough: when every user function it has met is
saturated and `quiet_after` further calls of user functions brought nothing new
(library calls do not count, so a long set-up phase does not end it), or when a
whole tick (below) of CPU time went by without it learning anything (a program that spends
its time in the loops of a few calls).

Programs have phases, so a paused tracer must still learn of functions first called
later. A CPU-time timer (SIGPROF, every `rearm_interval` seconds of CPU) looks at the main
thread's stack: a user function on it that the tracer has never met resumes tracing, which
then sees its next calls (and those of whatever it calls) until it is quiet again. A
function that takes a noticeable share of the run is on the stack at some tick, which is
exactly what selection cares about; each new function costs one burst of tracing, and the
tick itself is a walk of the stack. (sys.monitoring would do this per code object, but is
3.12+; a second run of the whole program would double the profiling time.)
"""

from __future__ import annotations

import dis
import signal
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from types import CodeType, FrameType
from typing import Any

from rustify import pytypes, values
from rustify.profiling.cpu_timer import CpuTimer
from rustify.sources import is_user_code

#: opcodes of a normal return (3.12 added RETURN_CONST for `return None` and constants)
_RETURNS = frozenset(dis.opmap[name] for name in ("RETURN_VALUE", "RETURN_CONST") if name in dis.opmap)
_NOT_TRACED = 0x80 | 0x100 | 0x200  # coroutine, iterable coroutine, async generator
_GENERATOR = 0x20
_RESUME = dis.opmap["RESUME"]


def _resumed(frame: FrameType) -> bool:
    """A generator's frame resumed after a `yield` (a "call" event CPython sends at every
    resume): its arguments were seen when it started (RESUME 0; RESUME 1 after a yield)."""
    code = frame.f_code.co_code
    i = frame.f_lasti
    return 0 <= i < len(code) - 1 and code[i] == _RESUME and code[i + 1] != 0
#: which call numbers are captured as samples: the first three, then sparse ones
_SAMPLE_CALLS = frozenset([1, 2, 3, 10, 100, 1000, 10_000, 100_000])
#: how many items a sample keeps of a list, tuple or dict argument too large to keep whole
_SAMPLE_PREFIX = 200


@dataclass
class CodeObservation:
    filename: str
    firstlineno: int
    name: str
    params: tuple[str, ...]
    calls: int = 0
    args: dict[str, Counter] = field(default_factory=dict)
    ret: Counter = field(default_factory=Counter)
    raised: Counter = field(default_factory=Counter)
    samples: list[dict[str, Any]] = field(default_factory=list)
    #: for each sample, the parameters whose value was cut to its first items
    shortened: list[list[str]] = field(default_factory=list)
    #: names the code reads as attributes (or globals): candidates for `self.<name>`
    names: frozenset[str] = frozenset()
    #: parameters the body assigns (a running frame may no longer hold their argument)
    assigned: frozenset[str] = frozenset()
    #: calls observed from their running frame (entered while tracing was paused): types
    #: only, no sample, and they do not take the first calls' sampling turns
    running: int = 0
    #: for a method called on an instance of a user class: the types of the instance
    #: attributes it may read (those of its `names` found in the instance's __dict__)
    attrs: dict[str, Counter] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = {
            "filename": self.filename,
            "firstlineno": self.firstlineno,
            "name": self.name,
            "calls": self.calls + self.running,
            "args": {p: dict(self.args[p]) for p in self.params},
            "return": dict(self.ret),
            "raised": dict(self.raised),
            "samples": [{"args": s, "shortened": cut} if cut else {"args": s}
                        for s, cut in zip(self.samples, self.shortened)],
        }
        if self.attrs:
            out["attributes"] = {name: dict(counts) for name, counts in sorted(self.attrs.items())}
        return out


def _assigned_parameters(code: CodeType, params: tuple[str, ...]) -> frozenset[str]:
    """Parameters the body assigns or deletes (a running frame may no longer hold the
    argument in them)."""
    import dis

    return frozenset(i.argval for i in dis.get_instructions(code)
                     if i.opname in ("STORE_FAST", "DELETE_FAST") and i.argval in params)


def _parameters(code: CodeType) -> tuple[str, ...]:
    count = code.co_argcount + code.co_kwonlyargcount
    count += bool(code.co_flags & 0x04) + bool(code.co_flags & 0x08)  # *args, **kwargs
    return code.co_varnames[:count]


class CallTracer:
    """A settrace hook gathering `CodeObservation`s for user functions."""

    def __init__(self, *, max_typed_calls: int = 50, max_samples: int = 5, max_sample_items: int = 100_000,
                 max_scan: int = 256, quiet_after: int = 2_000, rearm_interval: float = 0.02) -> None:
        self.max_typed_calls = max_typed_calls
        self.max_samples = max_samples
        self.max_sample_items = max_sample_items
        self.max_scan = max_scan
        self.quiet_after = quiet_after
        self.rearm_interval = rearm_interval
        self.quiet = 0
        self.active = False
        #: the SIGPROF handler replaced while the timer runs (None: no timer)
        self._timer = CpuTimer(signal.SIGPROF, signal.ITIMER_PROF, rearm_interval, self._on_tick)
        #: calls recorded so far, and as of the last tick (nothing new in a tick: pause)
        self.learned = 0
        self._learned_at_tick = -1
        self.codes: dict[CodeType, CodeObservation | None] = {}
        #: class -> whether it is defined in user code (its instances' attributes are typed)
        self._user_classes: dict[type, bool] = {}
        self._pending_exc: dict[int, str] = {}

    # -- installation
    def start(self) -> None:
        self._resume()
        threading.settrace(self._on_call)
        self._start_timer()

    def stop(self) -> None:
        self._stop_timer()
        self._pause()
        threading.settrace(None)  # type: ignore[arg-type]

    def _resume(self) -> None:
        self.active = True
        self.quiet = 0
        self._learned_at_tick = -1
        sys.settrace(self._on_call)

    def _pause(self) -> None:
        self.active = False
        sys.settrace(None)

    def _start_timer(self) -> None:
        """The re-arming tick (a program with its own SIGPROF handler keeps it; re-arming
        is then off)."""
        self._timer.start()

    def _stop_timer(self) -> None:
        self._timer.stop()

    def _on_tick(self, signum: int, frame: FrameType | None) -> None:
        """Resume tracing when the stack holds a user function never met before; pause it
        when a whole tick went by without a call recorded. A function entered while
        tracing was paused (a long `parse(lines)` called once) is observed from its
        running frame."""
        new = self._observe_running(frame)
        if self.active:
            if self.learned == self._learned_at_tick:
                self._pause()
            self._learned_at_tick = self.learned
            return
        if new:
            self._resume()

    def _observe_running(self, frame: FrameType | None) -> bool:
        """The argument types of user functions on the stack that no call event recorded:
        read from the running frame, for the parameters the body never assigns (so they
        still hold what was passed). They are also taken as a sample when every parameter
        is kept: an input of the right kinds for parity checks, though the function may
        have changed it since it was called.
        Returns whether the stack holds a user function never met before."""
        new = False
        while frame is not None:
            code = frame.f_code
            obs = self.codes.get(code, False)
            if obs is False:
                obs = self._classify(code)
                new = new or obs is not None
            if obs is not None and obs.calls == 0 and obs.running == 0:
                local = frame.f_locals
                kept = [p for p in obs.params if p not in obs.assigned and p in local]
                if kept:
                    obs.running += 1
                    self.learned += 1
                    for p in kept:
                        obs.args[p][str(pytypes.describe(local[p], max_items=self.max_scan))] += 1
                    if obs.params and obs.names and obs.params[0] in kept:
                        self._attributes(obs, local[obs.params[0]])
                    if len(kept) == len(obs.params) and len(obs.samples) < self.max_samples:
                        self._sample(obs, local, kept)
            frame = frame.f_back
        return new

    # -- hooks
    def _classify(self, code: CodeType) -> CodeObservation | None:
        obs = None
        if not code.co_name.startswith("<") and not code.co_flags & _NOT_TRACED and is_user_code(code.co_filename):
            params = _parameters(code)
            obs = CodeObservation(code.co_filename, code.co_firstlineno, code.co_name, params,
                                  args={p: Counter() for p in params}, names=frozenset(code.co_names),
                                  assigned=_assigned_parameters(code, params))
        self.codes[code] = obs
        return obs

    def _on_call(self, frame: FrameType, event: str, arg: Any):
        if event != "call":
            return None
        code = frame.f_code
        try:
            obs = self.codes[code]
        except KeyError:
            obs = self._classify(code)
            if obs is not None:
                self.quiet = 0
        if obs is None:
            return None
        if code.co_flags & _GENERATOR and _resumed(frame):
            return None
        if obs.calls >= self.max_typed_calls:
            self.quiet += 1  # only saturated user functions count toward going quiet
            if self.quiet >= self.quiet_after:
                self._pause()  # until the tick finds a function it has not met
            return None
        self.quiet = 0
        obs.calls += 1
        self.learned += 1
        local = frame.f_locals
        for p in obs.params:
            obs.args[p][str(pytypes.describe(local[p], max_items=self.max_scan))] += 1
        if obs.params and obs.names:
            self._attributes(obs, local[obs.params[0]])
        if obs.calls in _SAMPLE_CALLS and len(obs.samples) < self.max_samples:
            self._sample(obs, local, obs.params)
        frame.f_trace_lines = False
        return self._on_event

    def _sample(self, obs: CodeObservation, local: dict[str, Any], params: tuple[str, ...] | list[str]) -> None:
        """Encode one call's arguments as a sample. A list, tuple or dict argument too large
        to encode whole keeps its first items (a smaller input of the same kind: samples
        are inputs for parity checks, not a record of the run)."""
        sample = {}
        shortened = []
        for p in params:
            value = local[p]
            encoded = values.try_encode(value, max_items=self.max_sample_items)
            if encoded is None and type(value) in (list, tuple, dict):
                head = list(value.items())[:_SAMPLE_PREFIX] if type(value) is dict else value[:_SAMPLE_PREFIX]
                encoded = values.try_encode(type(value)(head), max_items=self.max_sample_items)
                shortened.append(p)
            if encoded is None:
                return
            sample[p] = encoded
        obs.samples.append(sample)
        # said so: a benchmark on it times a smaller call than the program made
        obs.shortened.append(shortened)

    def _attributes(self, obs: CodeObservation, instance: Any) -> None:
        """The types of the attributes a method may read of its instance (a user class's)."""
        cls = type(instance)
        user = self._user_classes.get(cls)
        if user is None:
            module = sys.modules.get(cls.__module__)
            user = hasattr(instance, "__dict__") and is_user_code(getattr(module, "__file__", "") or "")
            self._user_classes[cls] = user
        if not user:
            return
        state = instance.__dict__
        for name in obs.names.intersection(state):
            obs.attrs.setdefault(name, Counter())[str(pytypes.describe(state[name], max_items=self.max_scan))] += 1

    def _on_event(self, frame: FrameType, event: str, arg: Any):
        if event == "exception":
            self._pending_exc[id(frame)] = arg[0].__qualname__
        elif event == "return":
            obs = self.codes.get(frame.f_code)
            raised = self._pending_exc.pop(id(frame), None)
            if obs is None:
                return None
            code = frame.f_code.co_code
            if 0 <= frame.f_lasti < len(code) and code[frame.f_lasti] in _RETURNS:
                obs.ret[str(pytypes.describe(arg, max_items=self.max_scan))] += 1
            elif raised is not None:
                obs.raised[raised] += 1
        return self._on_event

    def observations(self) -> list[CodeObservation]:
        return [obs for obs in self.codes.values() if obs is not None and (obs.calls or obs.running)]
