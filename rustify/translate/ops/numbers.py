"""Operations on numbers: builtins (abs, divmod, int, round) and the `math` module.

One entry per operation the IR names (`ir.Intrinsic.name`); the typing rule is in
lowering (builtins*.py), the Rust in emit, the helpers in the runtime's arith.rs, builtins.rs and math.rs.
"""

from rustify.translate.ops.op import Op

OPS = (
    Op("abs", nogil=True),
    Op("divmod", nogil=True),
    Op("int", nogil=True),
    Op("math.acos", nogil=True, deopts=False),
    Op("math.asin", nogil=True, deopts=False),
    Op("math.atan", nogil=True, deopts=False),
    Op("math.atan2", nogil=True, deopts=False),
    Op("math.ceil", nogil=True),
    Op("math.copysign", nogil=True, deopts=False),
    Op("math.cos", nogil=True, deopts=False),
    Op("math.cosh", nogil=True, deopts=False),
    Op("math.degrees", nogil=True, deopts=False),
    Op("math.exp", nogil=True, deopts=False),
    Op("math.expm1", nogil=True, deopts=False),
    Op("math.fabs", nogil=True, deopts=False),
    Op("math.factorial", nogil=True),
    Op("math.floor", nogil=True),
    Op("math.fmod", nogil=True, deopts=False),
    Op("math.gcd", nogil=True),
    Op("math.hypot", nogil=True, deopts=False),
    Op("math.isfinite", nogil=True, deopts=False),
    Op("math.isinf", nogil=True, deopts=False),
    Op("math.isnan", nogil=True, deopts=False),
    Op("math.log", nogil=True, deopts=False),
    Op("math.log10", nogil=True, deopts=False),
    Op("math.log1p", nogil=True, deopts=False),
    Op("math.log2", nogil=True, deopts=False),
    Op("math.pow", nogil=True),
    Op("math.radians", nogil=True, deopts=False),
    Op("math.sin", nogil=True, deopts=False),
    Op("math.sinh", nogil=True, deopts=False),
    Op("math.sqrt", nogil=True, deopts=False),
    Op("math.tan", nogil=True, deopts=False),
    Op("math.tanh", nogil=True, deopts=False),
    Op("math.trunc", nogil=True),
    Op("round", nogil=True),
    Op("round.ndigits", nogil=True),
    Op("num.is_float", nogil=True, deopts=False),
    Op("num.is_int", nogil=True, deopts=False),
)
