use super::*;

// =====================================================================================
// 4. Arithmetic and comparisons (Objects/longobject.c, Objects/floatobject.c)
// =====================================================================================

// ---- int (i64) ---------------------------------------------------------------------

/// `a + b` for ints (long_add); beyond i64 deopts.
#[inline(always)]
pub fn int_add(a: i64, b: i64) -> R<i64> {
    match a.checked_add(b) {
        Some(v) => Ok(v),
        None => deopt(),
    }
}

/// `a - b` for ints (long_sub); beyond i64 deopts.
#[inline(always)]
pub fn int_sub(a: i64, b: i64) -> R<i64> {
    match a.checked_sub(b) {
        Some(v) => Ok(v),
        None => deopt(),
    }
}

/// `a * b` for ints (long_mul); beyond i64 deopts.
#[inline(always)]
pub fn int_mul(a: i64, b: i64) -> R<i64> {
    match a.checked_mul(b) {
        Some(v) => Ok(v),
        None => deopt(),
    }
}

/// `-a` for ints (long_neg); `-(-2**63)` deopts.
#[inline(always)]
pub fn int_neg(a: i64) -> R<i64> {
    match a.checked_neg() {
        Some(v) => Ok(v),
        None => deopt(),
    }
}

/// `abs(a)` for ints (long_abs); `abs(-2**63)` deopts.
#[inline(always)]
pub fn int_abs(a: i64) -> R<i64> {
    match a.checked_abs() {
        Some(v) => Ok(v),
        None => deopt(),
    }
}

/// `a // b` for ints (long_div / l_divmod): floors toward -inf.
/// ZeroDivisionError "integer division or modulo by zero"; `-2**63 // -1` deopts.
#[inline(always)]
pub fn int_floordiv(a: i64, b: i64) -> R<i64> {
    if b == 0 {
        return raise(ExcKind::ZeroDivisionError, "integer division or modulo by zero");
    }
    if a == i64::MIN && b == -1 {
        return deopt();
    }
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Ok(q - 1)
    } else {
        Ok(q)
    }
}

/// `a % b` for ints (long_mod / l_mod): the result has the sign of `b`.
/// ZeroDivisionError "integer modulo by zero" (CPython 3.11's message for `%`).
#[inline(always)]
pub fn int_mod(a: i64, b: i64) -> R<i64> {
    if b == 0 {
        return raise(ExcKind::ZeroDivisionError, "integer modulo by zero");
    }
    let r = a.wrapping_rem(b); // i64::MIN % -1 == 0, no overflow
    if r != 0 && ((r < 0) != (b < 0)) {
        Ok(r + b)
    } else {
        Ok(r)
    }
}

/// `divmod(a, b)` for ints (long_divmod).
/// ZeroDivisionError "integer division or modulo by zero"; `divmod(-2**63, -1)` deopts.
#[inline(always)]
pub fn int_divmod(a: i64, b: i64) -> R<(i64, i64)> {
    if b == 0 {
        return raise(ExcKind::ZeroDivisionError, "integer division or modulo by zero");
    }
    if a == i64::MIN && b == -1 {
        return deopt();
    }
    let (q, r) = (a / b, a % b);
    if r != 0 && ((r < 0) != (b < 0)) {
        Ok((q - 1, r + b))
    } else {
        Ok((q, r))
    }
}

/// `a / b` for ints (long_true_divide): the correctly rounded quotient, for every i64 pair.
/// Both operands within 2**53 use one IEEE division (CPython's fast path); otherwise the
/// quotient is computed exactly in 128-bit integers with a sticky bit and rounded once.
/// ZeroDivisionError "division by zero".
#[inline(always)]
pub fn int_truediv(a: i64, b: i64) -> R<f64> {
    if b == 0 {
        return raise(ExcKind::ZeroDivisionError, "division by zero");
    }
    const LIMIT: u64 = 1 << 53;
    let (ua, ub) = (a.unsigned_abs(), b.unsigned_abs());
    if ua <= LIMIT && ub <= LIMIT {
        return Ok(a as f64 / b as f64);
    }
    Ok(int_truediv_slow(a, b))
}

#[inline(never)]
fn int_truediv_slow(a: i64, b: i64) -> f64 {
    let negative = (a < 0) != (b < 0);
    let (ua, ub) = (a.unsigned_abs(), b.unsigned_abs());
    let magnitude = if ua == 0 {
        0.0
    } else {
        // Put the top bit of |a| at bit 127: the quotient then has at least 64 significant
        // bits, so OR-ing the sticky bit into bit 0 only breaks exact ties, and the single
        // u128 -> f64 conversion (round-half-even) rounds correctly.
        let shift = 64 + ua.leading_zeros();
        let num = (ua as u128) << shift;
        let (q, rem) = (num / ub as u128, num % ub as u128);
        let sticky = (rem != 0) as u128;
        let approx = (q | sticky) as f64;
        // Multiply by 2**-shift (shift in 64..=127): exact, the result is a normal float.
        approx * f64::from_bits((1023 - shift as u64) << 52)
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// `a ** b` for ints (long_pow): exact power for `b >= 0` (beyond i64 deopts); for `b < 0`
/// the float CPython computes by handing both operands to float_pow.
#[inline(always)]
pub fn int_pow(a: i64, b: i64) -> R<Num> {
    if b >= 0 {
        int_pow_nonneg(a, b).map(Num::Int)
    } else {
        float_pow(int_to_float(a), int_to_float(b)).map(Num::Float)
    }
}

/// `a ** b` for ints when `b >= 0` is known statically; a negative `b` deopts.
#[inline(always)]
pub fn int_pow_nonneg(a: i64, b: i64) -> R<i64> {
    if b < 0 {
        return deopt();
    }
    match a {
        0 => Ok(if b == 0 { 1 } else { 0 }),
        1 => Ok(1),
        -1 => Ok(if b & 1 == 0 { 1 } else { -1 }),
        _ => {
            if b > 64 {
                return deopt();
            }
            match a.checked_pow(b as u32) {
                Some(v) => Ok(v),
                None => deopt(),
            }
        }
    }
}

/// `a << n` for ints (long_lshift): ValueError "negative shift count"; beyond i64 deopts.
#[inline(always)]
pub fn int_lshift(a: i64, n: i64) -> R<i64> {
    if n < 0 {
        return raise(ExcKind::ValueError, "negative shift count");
    }
    if a == 0 {
        return Ok(0);
    }
    if n >= 64 {
        return deopt();
    }
    let r = a << n;
    if (r >> n) != a {
        return deopt();
    }
    Ok(r)
}

/// `a >> n` for ints (long_rshift): floors; ValueError "negative shift count".
#[inline(always)]
pub fn int_rshift(a: i64, n: i64) -> R<i64> {
    if n < 0 {
        return raise(ExcKind::ValueError, "negative shift count");
    }
    if n >= 64 {
        return Ok(if a < 0 { -1 } else { 0 });
    }
    Ok(a >> n)
}

/// `a & b` for ints (long_and; two's complement semantics, as Python's infinite precision).
#[inline(always)]
pub fn int_and(a: i64, b: i64) -> i64 {
    a & b
}

/// `a | b` for ints (long_or).
#[inline(always)]
pub fn int_or(a: i64, b: i64) -> i64 {
    a | b
}

/// `a ^ b` for ints (long_xor).
#[inline(always)]
pub fn int_xor(a: i64, b: i64) -> i64 {
    a ^ b
}

/// `~a` for ints (long_invert): `-(a + 1)`, never overflows.
#[inline(always)]
pub fn int_invert(a: i64) -> i64 {
    !a
}

/// `float(i)` (PyLong_AsDouble): round-half-even, which is exactly Rust's `as f64`.
#[inline(always)]
pub fn int_to_float(i: i64) -> f64 {
    i as f64
}

/// `int(b)` / arithmetic on a bool: True is 1, False is 0.
#[inline(always)]
pub fn int_from_bool(b: bool) -> i64 {
    b as i64
}

// ---- float (f64) -------------------------------------------------------------------

/// `a / b` for floats (float_div): ZeroDivisionError "float division by zero".
#[inline(always)]
pub fn float_truediv(a: f64, b: f64) -> R<f64> {
    if b == 0.0 {
        return raise(ExcKind::ZeroDivisionError, "float division by zero");
    }
    Ok(a / b)
}

/// CPython 3.11 `_float_div_mod` (Objects/floatobject.c), line by line.
#[inline(always)]
fn float_div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx; // fmod: exact
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        // C `if (mod)`: true for any non-zero value, NaN included.
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    // Snap the quotient to the nearest integral value; a zero takes the sign of vx / wx.
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b` for floats (float_floor_div): ZeroDivisionError "float floor division by zero".
#[inline(always)]
pub fn float_floordiv(a: f64, b: f64) -> R<f64> {
    if b == 0.0 {
        return raise(ExcKind::ZeroDivisionError, "float floor division by zero");
    }
    Ok(float_div_mod(a, b).0)
}

/// `a % b` for floats (float_rem): the result has the sign of `b`.
/// ZeroDivisionError "float modulo".
#[inline(always)]
pub fn float_mod(a: f64, b: f64) -> R<f64> {
    if b == 0.0 {
        return raise(ExcKind::ZeroDivisionError, "float modulo");
    }
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

/// `divmod(a, b)` for floats (float_divmod): ZeroDivisionError "float divmod()".
#[inline(always)]
pub fn float_divmod(a: f64, b: f64) -> R<(f64, f64)> {
    if b == 0.0 {
        return raise(ExcKind::ZeroDivisionError, "float divmod()");
    }
    Ok(float_div_mod(a, b))
}

/// C `DOUBLE_IS_ODD_INTEGER(x)` from floatobject.c (x finite).
#[inline(always)]
fn double_is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// libm `pow`, opaque to LLVM so `pow(x, 0.5)` / `pow(2.0, x)` are never rewritten into
/// `sqrt` / `exp2` (which may differ from glibc's pow in the last bit).
#[inline(always)]
pub(crate) fn libm_pow(x: f64, y: f64) -> f64 {
    std::hint::black_box(x).powf(std::hint::black_box(y))
}

/// `a ** b` for floats (float_pow, CPython 3.11), special cases ported line by line.
/// ZeroDivisionError "0.0 cannot be raised to a negative power"; a negative base with a
/// non-integer exponent (a complex result) deopts; overflow raises OverflowError
/// `(34, 'Numerical result out of range')`.
#[inline(always)]
pub fn float_pow(iv: f64, iw: f64) -> R<f64> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let av = iv.abs();
        if av == 1.0 {
            return Ok(1.0);
        } else if (iw > 0.0) == (av > 1.0) {
            return Ok(iw.abs());
        } else {
            return Ok(0.0);
        }
    }
    if iv.is_infinite() {
        let odd = double_is_odd_integer(iw);
        if iw > 0.0 {
            return Ok(if odd { iv } else { iv.abs() });
        } else {
            return Ok(if odd { 0.0f64.copysign(iv) } else { 0.0 });
        }
    }
    if iv == 0.0 {
        let odd = double_is_odd_integer(iw);
        if iw < 0.0 {
            return raise(ExcKind::ZeroDivisionError, "0.0 cannot be raised to a negative power");
        }
        return Ok(if odd { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if base < 0.0 {
        if iw != iw.floor() {
            return deopt(); // CPython returns a complex number
        }
        base = -base;
        negate = double_is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let ix = libm_pow(base, iw);
    // _Py_ADJUST_ERANGE1: an infinite result from finite operands is an overflow (glibc's
    // underflow ERANGE comes with a zero result and is cleared).
    if ix.is_infinite() {
        return raise(ExcKind::OverflowError, ERANGE_MSG);
    }
    Ok(if negate { -ix } else { ix })
}

/// `-x` for floats (float_neg).
#[inline(always)]
pub fn float_neg(x: f64) -> f64 {
    -x
}

/// `abs(x)` for floats (float_abs: fabs).
#[inline(always)]
pub fn float_abs(x: f64) -> f64 {
    x.abs()
}

// ---- Num: Python's int/float mixing rules -------------------------------------------

/// `a + b` (binary_op1: int+int stays int, anything with a float is float_add after `float(i)`).
#[inline(always)]
pub fn num_add(a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_add(x, y).map(Num::Int),
        _ => Ok(Num::Float(num_as_f64(a) + num_as_f64(b))),
    }
}

/// `a - b` with Python's int/float rules.
#[inline(always)]
pub fn num_sub(a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_sub(x, y).map(Num::Int),
        _ => Ok(Num::Float(num_as_f64(a) - num_as_f64(b))),
    }
}

/// `a * b` with Python's int/float rules.
#[inline(always)]
pub fn num_mul(a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_mul(x, y).map(Num::Int),
        _ => Ok(Num::Float(num_as_f64(a) * num_as_f64(b))),
    }
}

/// `a / b` with Python's rules (int/int is long_true_divide, always a float).
#[inline(always)]
pub fn num_truediv(a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_truediv(x, y).map(Num::Float),
        _ => float_truediv(num_as_f64(a), num_as_f64(b)).map(Num::Float),
    }
}

/// `a // b` with Python's rules.
#[inline(always)]
pub fn num_floordiv(a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_floordiv(x, y).map(Num::Int),
        _ => float_floordiv(num_as_f64(a), num_as_f64(b)).map(Num::Float),
    }
}

/// `a % b` with Python's rules.
#[inline(always)]
pub fn num_mod(a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_mod(x, y).map(Num::Int),
        _ => float_mod(num_as_f64(a), num_as_f64(b)).map(Num::Float),
    }
}

/// `divmod(a, b)` with Python's rules.
#[inline(always)]
pub fn num_divmod(a: Num, b: Num) -> R<(Num, Num)> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_divmod(x, y).map(|(q, r)| (Num::Int(q), Num::Int(r))),
        _ => float_divmod(num_as_f64(a), num_as_f64(b))
            .map(|(q, r)| (Num::Float(q), Num::Float(r))),
    }
}

/// `a ** b` with Python's rules (int ** negative int is a float).
#[inline(always)]
pub fn num_pow(a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_pow(x, y),
        _ => float_pow(num_as_f64(a), num_as_f64(b)).map(Num::Float),
    }
}

/// `-a` with Python's rules.
#[inline(always)]
pub fn num_neg(a: Num) -> R<Num> {
    match a {
        Num::Int(x) => int_neg(x).map(Num::Int),
        Num::Float(x) => Ok(Num::Float(-x)),
    }
}

/// `abs(a)` with Python's rules.
#[inline(always)]
pub fn num_abs(a: Num) -> R<Num> {
    match a {
        Num::Int(x) => int_abs(x).map(Num::Int),
        Num::Float(x) => Ok(Num::Float(x.abs())),
    }
}

// ---- comparisons ----------------------------------------------------------------------

/// A rich comparison operator (`Py_LT` ... `Py_GE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    /// Does a (non-NaN) ordering satisfy this operator?
    #[inline(always)]
    pub fn test(self, ord: Ordering) -> bool {
        match self {
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::Le => ord != Ordering::Greater,
            CmpOp::Eq => ord == Ordering::Equal,
            CmpOp::Ne => ord != Ordering::Equal,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::Ge => ord != Ordering::Less,
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    #[inline(always)]
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
}

/// `a <op> b` for two ints.
#[inline(always)]
pub fn cmp_int(a: i64, b: i64, op: CmpOp) -> bool {
    op.test(a.cmp(&b))
}

/// `a <op> b` for two floats (IEEE: every comparison with NaN is false except `!=`).
#[inline(always)]
pub fn cmp_float(a: f64, b: f64, op: CmpOp) -> bool {
    match op {
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
    }
}

/// Exact order of an int and a non-NaN float, comparing mathematical values.
#[inline(always)]
fn order_int_float(a: i64, b: f64) -> Ordering {
    const TWO63: f64 = 9223372036854775808.0;
    if b >= TWO63 {
        return Ordering::Less; // also +inf
    }
    if b < -TWO63 {
        return Ordering::Greater; // also -inf
    }
    let t = b.trunc(); // exact; |t| <= 2**63 and t == -2**63 fits i64
    match a.cmp(&(t as i64)) {
        Ordering::Equal => {
            let frac = b - t; // exact
            if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
        other => other,
    }
}

/// `a <op> b` for an int and a float, exactly as float_richcompare: the mathematical values
/// are compared (`2**53 + 1 != 9007199254740992.0`), NaN is unordered.
#[inline(always)]
pub fn cmp_int_float(a: i64, b: f64, op: CmpOp) -> bool {
    if b.is_nan() {
        return op == CmpOp::Ne;
    }
    op.test(order_int_float(a, b))
}

/// `a <op> b` for a float and an int (float_richcompare).
#[inline(always)]
pub fn cmp_float_int(a: f64, b: i64, op: CmpOp) -> bool {
    cmp_int_float(b, a, op.swapped())
}

/// `a <op> b` for two numbers with Python's mixed int/float rules.
#[inline(always)]
pub fn num_cmp(a: Num, b: Num, op: CmpOp) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => cmp_int(x, y, op),
        (Num::Float(x), Num::Float(y)) => cmp_float(x, y, op),
        (Num::Int(x), Num::Float(y)) => cmp_int_float(x, y, op),
        (Num::Float(x), Num::Int(y)) => cmp_float_int(x, y, op),
    }
}
