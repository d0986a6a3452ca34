"""IR passes, in order. Each is `Function -> Function` (or raises Reject) and knows
nothing of the others; `run` applies PIPELINE and checks the result is valid IR."""

from __future__ import annotations

from rustify.translate.frontend import ModuleInfo
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.check import check_function
from rustify.translate.ir.walk import walk_body
from rustify.translate.passes.check_aliasing import check_aliasing
from rustify.translate.passes.check_numpy import check_numpy
from rustify.translate.passes.check_set_order import check_set_order

PIPELINE = (check_aliasing, check_numpy)
PIPELINE += (check_set_order,)


def run(function: ir.Function, info: ModuleInfo) -> ir.Function:
    for transform in PIPELINE:
        function = transform(function)
    check_function(function)
    return function


def called_functions(function: ir.Function) -> list[str]:
    return [n.func for n in walk_body(function.body) if isinstance(n, ir.Call)]
