"""Operations on values of any type: Optional, `==` of containers, the interpreter's flags.

One entry per operation the IR names (`ir.Intrinsic.name`); the typing rule is in
lowering (builtins*.py), the Rust in emit, the helpers in the runtime's base.rs.
"""

from rustify.translate.ops.op import Op

OPS = (
    Op("asserts.enabled", nogil=True, deopts=False),
    Op("exc.caught", deopts=False),
    Op("exc.object", deopts=False),
    Op("exc.str"),
    Op("opt.is_none", deopts=False),
    Op("opt.never_none", deopts=False),
    Op("opt.unwrap", deopts=False),
    Op("value.eq"),
    Op("opt.expect"),
    # a generator's `yield v` and `yield from it` (runtime gen.rs): the consumer runs meanwhile
    Op("gen.yield", deopts=False, effect=True),
    Op("gen.yield_from", deopts=False, effect=True),
    # an item of a list argument kept as its object (passes/shared_items.py): its number, and
    # a number the translation made, held where such items are
    Op("shared.value", nogil=True, deopts=False),
    Op("shared.fresh", nogil=True, deopts=False),
    Op("shared.fresh_list", nogil=True, deopts=False),
)
