"""How swapped methods look and bind, compared with the originals (run by
tests/e2e/test_methods_program.py after the build). Prints one JSON object.
argv[1]: the extension module."""
import importlib
import inspect
import json
import sys

import bodies as B

NAMES = ("step", "energy", "distance", "lattice")


def face():
    """Everything a program can see of the methods and their calls."""
    b, h = B.Body(1.0, 2.0, 0.5, -0.5, 1.0), B.Heavy(1.0, 2.0, 0.5, -0.5, 3)
    out = {}

    def record(key, thunk):
        try:
            out[key] = repr(thunk())
        except Exception as exc:  # the exception is what is compared
            out[key] = f"{type(exc).__name__}: {exc}"

    for name in NAMES:
        for where, owner in (("class", B.Body), ("instance", b), ("subclass", B.Heavy), ("sub-instance", h)):
            f = getattr(owner, name)
            record(f"{where}.{name}.signature", lambda: str(inspect.signature(f)))
            record(f"{where}.{name}.names", lambda: (f.__name__, f.__qualname__, f.__doc__, f.__module__))
            record(f"{where}.{name}.bound to", lambda: getattr(f, "__self__", "unbound") in (b, h, B.Body, B.Heavy))
            record(f"{where}.{name}.unwrapped", lambda: inspect.unwrap(f).__qualname__)
        record(f"{name}.kind", lambda: type(vars(B.Body)[name]).__name__ in ("staticmethod", "classmethod"))
    record("step", lambda: (b.step(0.1), b.x, b.y, b.vx, b._Body__bounces))
    record("step by keyword", lambda: (b.step(dt=0.1), b.x))
    record("Class.step", lambda: (B.Body.step(b, 0.5), b.x))
    record("Class.step self by keyword", lambda: (B.Body.step(self=b, dt=0.1), b.x))
    record("step of a subclass instance", lambda: (h.step(30.0), h.x, h.vx, h._Body__bounces))
    record("step with an int", lambda: (b.step(3), b.x))
    record("step missing", lambda: b.step())
    record("step too many", lambda: b.step(1.0, 2.0))
    record("step unknown keyword", lambda: b.step(dtt=1.0))
    record("step twice", lambda: b.step(0.1, dt=0.2))
    record("Class.step missing", lambda: B.Body.step())
    record("step of a str", lambda: B.Body.step("body", 0.1))
    record("energy", lambda: (b.energy(), h.energy(), B.Body.energy(h), B.Heavy.energy(h)))
    record("heavy energy is its own", lambda: B.Heavy.energy is vars(B.Heavy)["energy"])
    record("static", lambda: (B.Body.distance(1.0, 2.0, 3.0, 4.0), b.distance(1.0, 2.0, 3.0, 4.0),
                              h.distance(0.0, 0.0, 3, 4), B.Heavy.distance(1.0, 2.0, by=3.0, bx=4.0)))
    record("static missing", lambda: B.Body.distance(1.0))
    record("class", lambda: (B.Body.lattice(3, 10), b.lattice(3, 10), B.Heavy.lattice(3, 10),
                             h.lattice(2**70, 3), B.Body.lattice(cls=B.Heavy, k=1, n=2)))
    record("class missing", lambda: B.Body.lattice())
    record("class bound to", lambda: (B.Heavy.lattice.__self__ is B.Heavy, h.lattice.__self__ is B.Heavy))
    return out


def counting(original, calls, name):
    def fallback(*args, **kwargs):
        calls[name] = calls.get(name, 0) + 1
        return original(*args, **kwargs)
    return fallback


if __name__ == "__main__":
    import rustify

    before = face()
    originals = {n: getattr(vars(B.Body)[n], "__func__", vars(B.Body)[n]) for n in NAMES}  # the defs' functions
    rustify.activate()
    report = {"kinds": {n: type(vars(B.Body)[n]).__name__ for n in NAMES},
              "wrapped": {n: getattr(vars(B.Body)[n], "__func__", vars(B.Body)[n]).__wrapped__ is originals[n]
                          for n in NAMES}}
    after = face()
    report["differences"] = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    # which calls ran the translation and which went to the original (the fallback)
    ext = importlib.import_module(sys.argv[1])
    calls = {}
    for name in NAMES:
        ext._rustify_set_fallback(f"Body.{name}", counting(originals[name], calls, name))
    b = B.Body(1.0, 2.0, 0.5, -0.5, 1.0)
    b.step(0.1), B.Body.step(b, 0.1), b.energy(), B.Body.distance(1.0, 2.0, 3.0, 4.0), B.Body.lattice(3, 10)
    b.lattice(3, 10), B.Heavy.lattice(3, 10)
    report["fallbacks for translatable calls"] = dict(calls)
    calls.clear()
    b.step(1), B.Body.lattice(2**70, 3)  # an int dt, a big int: the original runs
    try:
        b.step()  # a call that does not bind: the original raises CPython's TypeError
    except TypeError:
        pass
    report["fallbacks for the others"] = dict(calls)
    print(json.dumps(report))
