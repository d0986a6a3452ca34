"""How a swapped function looks to Python code, and whether it works in a spawn pool.
Prints one JSON object (tests/e2e/test_state_program.py). argv[1]: the extension module."""
import importlib
import inspect
import json
import multiprocessing
import pickle
import sys

import pricing


def face(f):
    return {"name": f.__name__, "qualname": f.__qualname__, "module": f.__module__, "doc": f.__doc__,
            "signature": str(inspect.signature(f)), "defaults": f.__defaults__, "kwdefaults": f.__kwdefaults__,
            "annotations": repr(f.__annotations__), "code": f.__code__.co_name}


class Holder:
    """A function stored on a class becomes a method: `self` is passed first."""


def wrong_calls(f):
    """CPython's messages for calls that do not fit the signature."""
    out = []
    for args, kwargs in (((1.5, 2, 0.0, 9), {}), ((1.5,), {}), ((1.5, 2), {"unknown": 1}), ((1.5, 2), {"price": 1.0})):
        try:
            f(*args, **kwargs)
        except TypeError as exc:
            out.append(str(exc))
    return out


def outcome(thunk):
    try:
        return thunk()
    except Exception as exc:  # the exception is the outcome compared
        return (type(exc).__name__, str(exc))


def call_extension(module, name, *args):
    """In a worker that never activated rustify: the extension itself, no fallback registered."""
    return getattr(importlib.import_module(module), name)(*args)


if __name__ == "__main__":
    import rustify

    original = pricing.line_total
    rustify.activate()
    swapped = pricing.line_total
    Holder.total = original
    as_method = repr(outcome(lambda: Holder().total(2)))
    Holder.total = swapped
    report = {"kind": type(swapped).__name__, "original": face(original), "swapped": face(swapped),
              "wrapped": swapped.__wrapped__ is original,
              "as_method": [as_method, repr(outcome(lambda: Holder().total(2)))],
              "pickles_by_reference": pickle.loads(pickle.dumps(swapped)) is swapped,
              "wrong_calls": [wrong_calls(original), wrong_calls(swapped)]}
    calls = [(1.5, 2), (2, 3), (1.5, 10**30)]  # an int price and a huge qty deopt
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        report["pool"] = pool.starmap(swapped, calls)
        report["pool_extension"] = pool.starmap(call_extension, [(sys.argv[1], "line_total", *c) for c in calls])
    report["python"] = [original(*c) for c in calls]
    swapped.__defaults__ = (1.0,)  # as a program may: through the swap, onto the original
    report["changed_defaults"] = [swapped(2.5, 3), original(2.5, 3)]
    print(json.dumps(report))
