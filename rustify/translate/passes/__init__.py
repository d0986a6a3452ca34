"""IR passes, in order. Each is `Function -> Function` (or raises Reject) and knows
nothing of the others; `run` applies them top to bottom and checks the result is valid IR.

Where they sit in the translator (translator.py `instantiate`):
  frontend.check_shape -> infer (type rounds, then the final lowering to IR) -> run (here)
  -> emit (generation assembles the crate from every translated function)
Analyses the checks use (liveness.py) live beside them and change nothing."""

from __future__ import annotations

from rustify.translate.frontend import ModuleInfo
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.check import check_function
from rustify.translate.ir.walk import walk_body
from rustify.translate.passes.check_aliasing import check_aliasing
from rustify.translate.passes.check_numpy import check_numpy
from rustify.translate.passes.check_set_order import check_set_order

def run(function: ir.Function, info: ModuleInfo) -> ir.Function:
    # values shared where CPython shares them, or rejected: aliasing, write-back, identity
    function = check_aliasing(function)
    # numpy arrays: only what is read in place, numpy's promotion and warnings
    function = check_numpy(function)
    # iteration over sets: only where the order cannot be seen
    function = check_set_order(function)
    # the IR is well typed (a lowering bug becomes a rejection, not wrong Rust)
    check_function(function)
    return function


def called_functions(function: ir.Function) -> list[str]:
    return [n.func for n in walk_body(function.body) if isinstance(n, ir.Call)]
