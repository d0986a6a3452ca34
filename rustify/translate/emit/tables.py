"""The emitter's tables, assembled explicitly from the modules that define entries.

Each emit module keeps its own table (`INTRINSICS`, `IN_PLACE`, `STATEMENTS`) and
registers nothing on import; this is the one place that puts them together, and it
fails loudly if two modules define the same entry.
"""

from __future__ import annotations

from functools import cache

from rustify.translate.emit import dicts, exceptions, indexes, numpy_emit, objects, shared, stdlib, strings, types
from rustify.translate.emit.function import EmitTables


def _merge(*tables: dict) -> dict:
    out: dict = {}
    for table in tables:
        clash = set(out) & set(table)
        if clash:
            raise RuntimeError(f"emit entries defined twice: {sorted(map(str, clash))}")
        out.update(table)
    return out


@cache
def emit_tables() -> EmitTables:
    return EmitTables(
        intrinsics=_merge(dicts.INTRINSICS, strings.INTRINSICS, numpy_emit.INTRINSICS, objects.INTRINSICS,
                          types.INTRINSICS, indexes.INTRINSICS, stdlib.INTRINSICS, shared.INTRINSICS),
        in_place=_merge(strings.IN_PLACE),
        statements=_merge(exceptions.STATEMENTS),
        exprs=_merge(objects.EXPRS),
    )
