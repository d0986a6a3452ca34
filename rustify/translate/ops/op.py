"""An operation of the IR (`ir.Intrinsic`) and what every consumer must know about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Op:
    """One Python operation, as the IR names it (`str.lower`, `list.append`, `math.sqrt`).

    The analyses read these facts from here, not from lists of names of their own: the GIL
    analysis (`nogil`), the emitter (`statement`), the mutation and iteration-order checks
    (`mutates`, `removes`), the aliasing check (`new_container`, `fresh`, `stores`)."""

    name: str
    #: may run with the GIL released: it reads and writes plain Rust data only
    nogil: bool = False
    #: the argument it changes in place (0: the receiver); None: it changes nothing
    mutates: int | None = None
    #: returns None and is emitted as a statement (`xs.append(x)`), never as a value
    statement: bool = False
    #: removes items from the container it changes (a set iterated after it shows its order)
    removes: bool = False
    #: its result is a new container (no variable holds it yet), though its items may be shared
    new_container: bool = False
    #: its result is a new container of values no one else holds (implies `new_container`)
    fresh: bool = False
    #: stores its last argument into the container it changes (`append`, `insert`, `extend`)
    stores: bool = False
    #: stores the items of its last argument, not the argument itself (`extend`)
    stores_items: bool = False
    #: may deopt (some result needs the Python original): never after a visible effect
    #: (passes/check_effects.py); False only where the runtime helper is known never to
    deopts: bool = True
    #: deopts only when the list it works on holds tuples with a float inside (a NaN there
    #: needs its identity, which CPython's tuple `==` sees): heapq and bisect
    deopts_on_float_tuples: bool = False
    #: hands control to Python code that may see or change anything (a generator's
    #: `yield`): a visible effect, after which nothing may deopt (passes/check_effects.py)
    effect: bool = False
