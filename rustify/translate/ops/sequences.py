"""Operations on lists and tuples, and the builtins that reduce or sort them.

One entry per operation the IR names (`ir.Intrinsic.name`); the typing rule is in
lowering (builtins*.py), the Rust in emit, the helpers in the runtime's list.rs, seq.rs and builtins.rs.
"""

from rustify.translate.ops.op import Op

OPS = (
    Op("all", nogil=True),
    # before a loop nest: every value of an affine index is in range (passes/index_ranges.py)
    Op("index.affine_in_range", nogil=True, deopts=False),
    Op("any", nogil=True),
    Op("list.append", nogil=True, mutates=0, statement=True, stores=True, deopts=False),
    Op("list.clear", nogil=True, mutates=0, statement=True, deopts=False),
    Op("list.concat", nogil=True, new_container=True, fresh=True, deopts=False),
    Op("list.copy", nogil=True, new_container=True, fresh=True, deopts=False),
    Op("list.count", nogil=True),
    Op("list.extend", nogil=True, mutates=0, statement=True, stores=True, stores_items=True, deopts=False),
    Op("list.index", nogil=True),
    Op("list.insert", nogil=True, mutates=0, statement=True, stores=True, deopts=False),
    Op("list.pop", nogil=True, mutates=0, deopts=False),
    Op("list.repeat", nogil=True, new_container=True, fresh=True),
    Op("list.reverse", nogil=True, mutates=0, statement=True, deopts=False),
    Op("list.set_slice", nogil=True, mutates=0, statement=True),
    Op("list.slice", nogil=True, new_container=True, fresh=True, deopts=False),
    Op("max.keyed", nogil=True),
    Op("max.seq", nogil=True),
    Op("min.keyed", nogil=True),
    Op("min.seq", nogil=True),
    Op("list.reversed", nogil=True, new_container=True, fresh=True, deopts=False),
    Op("range.list", nogil=True, new_container=True, fresh=True),
    Op("seq.unpack_check", nogil=True, deopts=False),
    Op("seq.contains", nogil=True),
    Op("sorted", nogil=True, new_container=True, fresh=True),
    Op("sorted.keyed", new_container=True),
    Op("sorted.by_object_keys", new_container=True, deopts=False),
    Op("sum", nogil=True),
    Op("tuple.to_list", nogil=True, new_container=True, deopts=False),
)
