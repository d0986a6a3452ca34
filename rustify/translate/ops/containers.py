"""Operations on dict and set.

One entry per operation the IR names (`ir.Intrinsic.name`); the typing rule is in
lowering (builtins*.py), the Rust in emit, the helpers in the runtime's dict.rs.
"""

from rustify.translate.ops.op import Op

OPS = (
    Op("dict.clear", mutates=0),
    Op("dict.contains"),
    Op("dict.copy", new_container=True, fresh=True),
    Op("dict.delitem", mutates=0),
    Op("dict.from_pairs", new_container=True, fresh=True),
    Op("dict.get"),
    Op("dict.getitem"),
    Op("dict.items", new_container=True, fresh=True),
    Op("dict.keys", new_container=True, fresh=True),
    Op("dict.lit", new_container=True, fresh=True),
    Op("dict.new", new_container=True, fresh=True),
    Op("dict.pop", mutates=0),
    Op("dict.retype"),
    Op("dict.setdefault", mutates=0),
    Op("dict.setitem", mutates=0),
    Op("dict.update", mutates=0),
    Op("dict.values", new_container=True, fresh=True),
    Op("set.add", mutates=0),
    Op("set.clear", mutates=0),
    Op("set.contains"),
    Op("set.discard", mutates=0, removes=True),
    Op("set.from_list", new_container=True, fresh=True),
    Op("set.lit", new_container=True, fresh=True),
    Op("set.new", new_container=True, fresh=True),
    Op("set.remove", mutates=0, removes=True),
    Op("set.retype"),
    Op("set.to_list", new_container=True),
    Op("set.update", mutates=0),
)
