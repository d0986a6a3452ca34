"""Operations on numbers: builtins (abs, divmod, int, round) and the `math` module.

One entry per operation the IR names (`ir.Intrinsic.name`); the typing rule is in
lowering (builtins*.py), the Rust in emit, the helpers in the runtime's arith.rs, builtins.rs and math.rs.
"""

from rustify.translate.ops.op import Op

OPS = (
    Op("abs", nogil=True),
    Op("divmod", nogil=True),
    Op("int", nogil=True),
    Op("math.acos", nogil=True),
    Op("math.asin", nogil=True),
    Op("math.atan", nogil=True),
    Op("math.atan2", nogil=True),
    Op("math.ceil", nogil=True),
    Op("math.copysign", nogil=True),
    Op("math.cos", nogil=True),
    Op("math.cosh", nogil=True),
    Op("math.degrees", nogil=True),
    Op("math.exp", nogil=True),
    Op("math.expm1", nogil=True),
    Op("math.fabs", nogil=True),
    Op("math.factorial", nogil=True),
    Op("math.floor", nogil=True),
    Op("math.fmod", nogil=True),
    Op("math.gcd", nogil=True),
    Op("math.hypot", nogil=True),
    Op("math.isfinite", nogil=True),
    Op("math.isinf", nogil=True),
    Op("math.isnan", nogil=True),
    Op("math.log", nogil=True),
    Op("math.log10", nogil=True),
    Op("math.log1p", nogil=True),
    Op("math.log2", nogil=True),
    Op("math.pow", nogil=True),
    Op("math.radians", nogil=True),
    Op("math.sin", nogil=True),
    Op("math.sinh", nogil=True),
    Op("math.sqrt", nogil=True),
    Op("math.tan", nogil=True),
    Op("math.tanh", nogil=True),
    Op("math.trunc", nogil=True),
    Op("round", nogil=True),
    Op("round.ndigits", nogil=True),
)
