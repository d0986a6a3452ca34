"""Operations on numpy arrays and the numpy scalars read from them.

One entry per operation the IR names (`ir.Intrinsic.name`); the typing rule is in
lowering (builtins*.py), the Rust in emit, the helpers in the runtime's ndarray.rs and np_glue.rs.
"""

from rustify.translate.ops.op import Op

OPS = (
    Op("nd.get1", nogil=True),
    Op("nd.get2", nogil=True),
    Op("nd.len", nogil=True),
    Op("nd.set1", nogil=True, mutates=0),
    Op("nd.set2", nogil=True, mutates=0),
    Op("nd.shape", nogil=True),
    Op("nd.size", nogil=True),
    Op("np.arith.add", nogil=True),
    Op("np.arith.floordiv", nogil=True),
    Op("np.arith.mod", nogil=True),
    Op("np.arith.mul", nogil=True),
    Op("np.arith.pow", nogil=True),
    Op("np.arith.sub", nogil=True),
    Op("np.arith.truediv", nogil=True),
    Op("np.cmp.eq", nogil=True),
    Op("np.cmp.ge", nogil=True),
    Op("np.cmp.gt", nogil=True),
    Op("np.cmp.le", nogil=True),
    Op("np.cmp.lt", nogil=True),
    Op("np.cmp.ne", nogil=True),
    Op("np.fx_of", nogil=True),
    Op("np.fx_value", nogil=True),
    Op("np.iarith.add", nogil=True),
    Op("np.iarith.floordiv", nogil=True),
    Op("np.iarith.mod", nogil=True),
    Op("np.iarith.mul", nogil=True),
    Op("np.iarith.pow", nogil=True),
    Op("np.iarith.sub", nogil=True),
    Op("np.iarith.truediv", nogil=True),
    Op("np.itruediv", nogil=True),
    Op("np.ix_of", nogil=True),
    Op("np.like", nogil=True, new_container=True, fresh=True),
    Op("np.neg", nogil=True),
    Op("np.new1", nogil=True, new_container=True, fresh=True),
    Op("np.new2", nogil=True, new_container=True, fresh=True),
    Op("np.pos", nogil=True),
    Op("np.truth", nogil=True),
)
