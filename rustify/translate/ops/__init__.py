"""The operation table: one entry per IR operation, grouped by the type they act on.

`OPS` is assembled here, explicitly, from each group's tuple (no module adds to another's
table when imported); a name defined twice is an error at import. Look an operation up
with `op(name)`, which fails loudly for a name the table does not have.
"""

from __future__ import annotations

from rustify.translate.ops import arrays, containers, numbers, sequences, stdlib, text, values
from rustify.translate.ops.op import Op


def _assemble(*groups: tuple[Op, ...]) -> dict[str, Op]:
    table: dict[str, Op] = {}
    for group in groups:
        for entry in group:
            if entry.name in table:
                raise RuntimeError(f"operation {entry.name} is defined twice")
            table[entry.name] = entry
    return table


OPS: dict[str, Op] = _assemble(numbers.OPS, sequences.OPS, text.OPS, containers.OPS, arrays.OPS, values.OPS,
                                stdlib.OPS)


def op(name: str) -> Op:
    found = OPS.get(name)
    if found is None:
        raise KeyError(f"operation {name!r} is not in the operation table (rustify/translate/ops/)")
    return found


__all__ = ["OPS", "Op", "op"]
