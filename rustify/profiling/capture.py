"""Record the argument and return types user functions really receive, and a few
real calls' arguments, while the profiled program runs.

A `sys.settrace` hook sees each call of a user function before its first bytecode
runs, so the arguments are encoded before the function can mutate them. Line
events are switched off per frame (`f_trace_lines = False`); the local hook only
sees `return` and `exception`. Cost is bounded: after `max_typed_calls` calls of a
function its calls are no longer inspected (one dict lookup each), element scans
stop after `max_scan` items, and at most `max_samples` calls are captured, each
value capped at `max_sample_items` elements.

CPython 3.11 runs every frame more slowly while any trace function is set, so the
tracer also removes itself once it has learned enough: when every user function it
has met is saturated and `quiet_after` further calls of user functions brought
nothing new (library calls do not count, so a long set-up phase does not end it). A function
first called after that has no observed types (the document says so by omission).
"""

from __future__ import annotations

import dis
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from types import CodeType, FrameType
from typing import Any

from rustify import pytypes, values
from rustify.sources import is_user_code

#: opcodes of a normal return (3.12 added RETURN_CONST for `return None` and constants)
_RETURNS = frozenset(dis.opmap[name] for name in ("RETURN_VALUE", "RETURN_CONST") if name in dis.opmap)
_NOT_TRACED = 0x20 | 0x80 | 0x100 | 0x200  # generator, coroutine, iterable coroutine, async generator
#: which call numbers are captured as samples: the first three, then sparse ones
_SAMPLE_CALLS = frozenset([1, 2, 3, 10, 100, 1000, 10_000, 100_000])


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

    def to_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "firstlineno": self.firstlineno,
            "name": self.name,
            "calls": self.calls,
            "args": {p: dict(self.args[p]) for p in self.params},
            "return": dict(self.ret),
            "raised": dict(self.raised),
            "samples": [{"args": s} for s in self.samples],
        }


def _parameters(code: CodeType) -> tuple[str, ...]:
    count = code.co_argcount + code.co_kwonlyargcount
    count += bool(code.co_flags & 0x04) + bool(code.co_flags & 0x08)  # *args, **kwargs
    return code.co_varnames[:count]


class CallTracer:
    """A settrace hook gathering `CodeObservation`s for user functions."""

    def __init__(self, *, max_typed_calls: int = 50, max_samples: int = 5, max_sample_items: int = 100_000,
                 max_scan: int = 256, quiet_after: int = 2_000) -> None:
        self.max_typed_calls = max_typed_calls
        self.max_samples = max_samples
        self.max_sample_items = max_sample_items
        self.max_scan = max_scan
        self.quiet_after = quiet_after
        self.quiet = 0
        self.active = False
        self.codes: dict[CodeType, CodeObservation | None] = {}
        self._pending_exc: dict[int, str] = {}

    # -- installation
    def start(self) -> None:
        self.active = True
        self.quiet = 0
        threading.settrace(self._on_call)
        sys.settrace(self._on_call)

    def stop(self) -> None:
        self.active = False
        sys.settrace(None)
        threading.settrace(None)  # type: ignore[arg-type]

    # -- hooks
    def _classify(self, code: CodeType) -> CodeObservation | None:
        obs = None
        if not code.co_name.startswith("<") and not code.co_flags & _NOT_TRACED and is_user_code(code.co_filename):
            params = _parameters(code)
            obs = CodeObservation(code.co_filename, code.co_firstlineno, code.co_name, params,
                                  args={p: Counter() for p in params})
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
        if obs.calls >= self.max_typed_calls:
            self.quiet += 1  # only saturated user functions count toward going quiet
            if self.quiet >= self.quiet_after:
                self.stop()
            return None
        self.quiet = 0
        obs.calls += 1
        local = frame.f_locals
        for p in obs.params:
            obs.args[p][str(pytypes.describe(local[p], max_items=self.max_scan))] += 1
        if obs.calls in _SAMPLE_CALLS and len(obs.samples) < self.max_samples:
            sample = {}
            for p in obs.params:
                encoded = values.try_encode(local[p], max_items=self.max_sample_items)
                if encoded is None:
                    break
                sample[p] = encoded
            else:
                obs.samples.append(sample)
        frame.f_trace_lines = False
        return self._on_event

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
        return [obs for obs in self.codes.values() if obs is not None and obs.calls]
