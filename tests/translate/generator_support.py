"""Comparing generators: a case that returns a generator (translated: runtime gen.rs; or
CPython's) is compared by driving it.

The case file may give a protocol per function in a module-level `_PROTOCOLS` dict:
a list of steps, each `("next",)`, `("send", value)`, `("throw", exception)`,
`("close",)`, `("drop",)` (the last reference released: a suspended generator is
closed) or `("call", fn)` (`fn(args)` changes the arguments between steps, which the
body must see: arguments are bound, not copied). Without one the generator is consumed
by next() to its end. Each step's outcome is recorded (a value yielded, StopIteration's
value, or the exception raised), together with a snapshot of the arguments after it, so
the order of the body's side effects between steps is compared too.
"""

from __future__ import annotations

import copy
import sys
from typing import Any

#: steps taken when a generator never ends
MAX_STEPS = 10_000


def is_generator(value: Any) -> bool:
    """A generator object: CPython's or a translated one (runtime gen.rs `Generator`)."""
    return type(value).__name__ == "generator" and hasattr(value, "send") and hasattr(value, "throw")


def protocol(stem: str, qualname: str) -> list[tuple] | None:
    module = sys.modules.get(f"rustify_case_{stem}")
    return getattr(module, "_PROTOCOLS", {}).get(qualname)


def _outcome(action: Any) -> tuple:
    try:
        return ("yield", action())
    except StopIteration as stop:
        return ("stop", stop.value, stop.args)
    except RecursionError:
        return ("raise", RecursionError)
    except (Exception, GeneratorExit) as exc:  # noqa: BLE001 - the exception is the outcome
        return ("raise", type(exc), str(exc), exc.args)


def drive(gen: Any, steps: list[tuple] | None, args: list[Any]) -> list[tuple]:
    """Run the steps on `gen` (None: next() to the end); each outcome with the arguments after it."""
    out: list[tuple] = []
    holder = [gen]
    del gen
    if steps is None:
        for _ in range(MAX_STEPS):
            got = _outcome(lambda: next(holder[0]))
            out.append((got, copy.deepcopy(args)))
            if got[0] != "yield":
                break
        return out
    for step in steps:
        kind = step[0]
        if kind == "drop":
            holder.clear()
            out.append((("dropped",), copy.deepcopy(args)))
            continue
        if kind == "call":
            step[1](args)
            continue
        g = holder[0]
        action = {"next": lambda: next(g), "send": lambda: g.send(step[1]),
                  "throw": lambda: g.throw(copy.copy(step[1])), "close": lambda: g.close()}[kind]
        out.append((_outcome(action), copy.deepcopy(args)))
    return out


def compare_driven(where: str, expected: list[tuple], got: list[tuple], same_value, one_nan) -> None:
    """Step by step: the same outcomes (values as `same_value` compares them, exceptions by
    type, message and args) and the same arguments after each step."""
    for i, ((want, want_args), (have, have_args)) in enumerate(zip(expected, got)):
        at = f"{where}, step {i + 1}"
        assert want[0] == have[0], f"{at}: CPython {want!r}, Rust {have!r}"
        if want[0] in ("yield", "stop"):
            assert same_value(one_nan(want[1]), one_nan(have[1])), f"{at}: CPython {want!r}, Rust {have!r}"
            assert want[2:] == have[2:] or same_value(one_nan(want[2:]), one_nan(have[2:])), \
                f"{at}: CPython {want!r}, Rust {have!r}"
        else:
            assert want[1:] == have[1:], f"{at}: CPython {want!r}, Rust {have!r}"
        assert same_value(one_nan(want_args), one_nan(have_args)), \
            f"{at}: the arguments after it differ: CPython {want_args!r}, Rust {have_args!r}"
    assert len(expected) == len(got), f"{where}: CPython took {len(expected)} steps, Rust {len(got)}"
