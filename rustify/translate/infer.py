"""Pass 3: infer the types of a function's locals and its return type.

The typing rules are lowering's (one place); inference runs the lowering to a
fixpoint: each round records the type of every value assigned to each variable
and joins them (int and float make a num, see rtypes.join), until no variable
changes. Parameters keep the types given to them (a container parameter whose items receive
values of another type widens to hold both); a recursive call sees the return type
found so far, so recursion converges the same way.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from rustify.translate.errors import reject
from rustify.translate.frontend import ModuleInfo, is_generator
from rustify.translate.ir.rtypes import NONE, OBJ, UNKNOWN, RType, UnknownT, is_known, join
from rustify.translate.lower import Lowerer, Lowering, Resolver

MAX_ROUNDS = 25


@dataclass
class Inferred:
    env: dict[str, RType]
    ret: RType
    lowering: Lowering
    #: the parameters' types: as given, or wider where their items receive other types
    params: dict[str, RType]


def widened_params(params: dict[str, RType], lowering: Lowering) -> dict[str, RType]:
    """Container parameters whose items are given values of other types (`xs[i] = xs[i] / 2`
    on a list[int]): the type holding both (list[int | float]: every item keeps its type)."""
    out = {}
    for name, t in lowering.widened.items():
        joined = join(params[name], t)
        if joined is not None and joined != params[name] and type(joined) is type(params[name]):
            out[name] = joined
    return out


def return_type(lowering: Lowering) -> RType | None:
    t: RType | None = UNKNOWN
    for r in lowering.returns + ([NONE] if lowering.falls_through else []):
        t = join(t, r)
        if t is None:
            return None
    return t


def infer(fn: ast.FunctionDef, info: ModuleInfo, params: dict[str, RType], resolver: Resolver,
          on_return=None, forced: frozenset[str] = frozenset()) -> Inferred:
    """Find the local types of `fn` (params fixed), then lower it for real.

    `on_return(t)` is told each round's return type, so a recursive call can use it.
    """
    params = dict(params)
    env: dict[str, RType] = dict(params)
    env.update({name: OBJ for name in forced if name not in params})  # locals kept as Python objects
    ret: RType | None = UNKNOWN
    for _ in range(MAX_ROUNDS):
        lowering = Lowerer(fn, info, dict(env), resolver, final=False).lower_function()
        params.update(widened_params(params, lowering))
        new_env: dict[str, RType] = dict(params)
        for name, t in lowering.assigned.items():
            if name in params:
                continue
            new_env[name] = t if t is not None else UNKNOWN
            if name in forced:
                new_env[name] = OBJ
        for name, t in lowering.temps.items():
            new_env.setdefault(name, t)
        new_ret = return_type(lowering)
        if on_return is not None and new_ret is not None:
            on_return(new_ret)
        if new_env == env and new_ret == ret:
            break
        env, ret = new_env, new_ret
    else:
        raise reject(fn, "type", "type inference did not settle", "add annotations or `types` overrides")
    probe = Lowerer(fn, info, dict(env), resolver, final=True).lower_function()
    ret = return_type(probe)
    if isinstance(ret, UnknownT) and not probe.returns and is_generator(fn):
        ret = NONE  # a generator that only ends by an exception (or never): StopIteration() never comes
    if ret is None:
        kinds = sorted({str(t) for t in probe.returns} | ({"None"} if probe.falls_through else set()))
        raise reject(fn, "return type", f"returns values of different types ({', '.join(kinds)})",
                     "return one type on every path (a function that can end without `return` returns None)")
    if isinstance(ret, UnknownT) or not is_known(ret):
        raise reject(fn, "return type", "cannot infer the return type")
    # lowered once more with the return type known, so every `return` is coerced to it
    final = Lowerer(fn, info, dict(env), resolver, final=True, ret_type=ret).lower_function()
    for name, t in final.assigned.items():
        if name in params and join(params[name], t) != params[name]:
            raise reject(fn, "parameter", f"parameter `{name}` is rebound to a {t} (declared {params[name]})",
                         "use a new local variable")
    for name, t in env.items():
        if not is_known(t) and (name in final.assigned or name in final.temps):
            raise reject(fn, "type", f"cannot infer the type of `{name.lstrip('$')}`",
                         "annotate it, or add it to the target's `types` in the selection document")
    return Inferred(env, ret, final, params)
