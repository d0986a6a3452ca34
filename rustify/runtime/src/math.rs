use super::*;

// =====================================================================================
// 6. math module (Modules/mathmodule.c, CPython 3.11)
// =====================================================================================

const DOMAIN: &str = "math domain error";
const RANGE: &str = "math range error";

/// CPython `math_1`: a NaN result from a non-NaN input is ValueError "math domain error"; an
/// infinite result from a finite input is OverflowError "math range error" when
/// `can_overflow`, else ValueError "math domain error" (a singularity).
#[inline(always)]
fn math_1(x: f64, r: f64, can_overflow: bool) -> R<f64> {
    if r.is_nan() && !x.is_nan() {
        return raise(ExcKind::ValueError, DOMAIN);
    }
    if r.is_infinite() && x.is_finite() {
        return if can_overflow {
            raise(ExcKind::OverflowError, RANGE)
        } else {
            raise(ExcKind::ValueError, DOMAIN)
        };
    }
    Ok(r)
}

/// CPython `math_2`'s error logic: NaN from non-NaN inputs is a domain error, an infinity
/// from finite inputs a range error.
#[inline(always)]
fn math_2(x: f64, y: f64, r: f64) -> R<f64> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return raise(ExcKind::ValueError, DOMAIN);
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return raise(ExcKind::OverflowError, RANGE);
    }
    Ok(r)
}

/// `math.sqrt(x)` (FUNC1 sqrt, can_overflow 0).
#[inline(always)]
pub fn math_sqrt(x: f64) -> R<f64> {
    math_1(x, x.sqrt(), false)
}

/// `math.exp(x)` (FUNC1 exp, can_overflow 1).
#[inline(always)]
pub fn math_exp(x: f64) -> R<f64> {
    math_1(x, x.exp(), true)
}

/// `math.expm1(x)` (FUNC1 expm1, can_overflow 1).
#[inline(always)]
pub fn math_expm1(x: f64) -> R<f64> {
    math_1(x, x.exp_m1(), true)
}

/// CPython `m_log`: log of a float with C99 special values.
#[inline(always)]
fn m_log(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            x.ln()
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// CPython `m_log2`.
#[inline(always)]
fn m_log2(x: f64) -> f64 {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            x
        } else {
            f64::NAN
        }
    } else if x > 0.0 {
        x.log2()
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

/// CPython `m_log10`.
#[inline(always)]
fn m_log10(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            x.log10()
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// `math.log(x)` for a float (loghelper -> math_1(m_log, 0)): ValueError "math domain error"
/// for x <= 0 and -inf.  For an int argument pass `int_to_float(i)`: loghelper's int path
/// gives the same result and the same error for every i64.
#[inline(always)]
pub fn math_log(x: f64) -> R<f64> {
    math_1(x, m_log(x), false)
}

/// `math.log(x, base)` (math_log): `log(x) / log(base)` with float_div's
/// ZeroDivisionError "float division by zero" when log(base) is 0.
#[inline(always)]
pub fn math_log_base(x: f64, base: f64) -> R<f64> {
    let num = math_log(x)?;
    let den = math_log(base)?;
    float_truediv(num, den)
}

/// `math.log2(x)` (loghelper with m_log2).
#[inline(always)]
pub fn math_log2(x: f64) -> R<f64> {
    math_1(x, m_log2(x), false)
}

/// `math.log10(x)` (loghelper with m_log10).
#[inline(always)]
pub fn math_log10(x: f64) -> R<f64> {
    math_1(x, m_log10(x), false)
}

/// `math.log1p(x)` (FUNC1 log1p, can_overflow 0): log1p(-1) is a domain error.
#[inline(always)]
pub fn math_log1p(x: f64) -> R<f64> {
    math_1(x, x.ln_1p(), false)
}

/// `math.sin(x)` (FUNC1 sin, 0): sin(inf) is a domain error.
#[inline(always)]
pub fn math_sin(x: f64) -> R<f64> {
    math_1(x, x.sin(), false)
}

/// `math.cos(x)` (FUNC1 cos, 0).
#[inline(always)]
pub fn math_cos(x: f64) -> R<f64> {
    math_1(x, x.cos(), false)
}

/// `math.tan(x)` (FUNC1 tan, 0).
#[inline(always)]
pub fn math_tan(x: f64) -> R<f64> {
    math_1(x, x.tan(), false)
}

/// `math.asin(x)` (FUNC1 asin, 0).
#[inline(always)]
pub fn math_asin(x: f64) -> R<f64> {
    math_1(x, x.asin(), false)
}

/// `math.acos(x)` (FUNC1 acos, 0).
#[inline(always)]
pub fn math_acos(x: f64) -> R<f64> {
    math_1(x, x.acos(), false)
}

/// `math.atan(x)` (FUNC1 atan, 0).
#[inline(always)]
pub fn math_atan(x: f64) -> R<f64> {
    math_1(x, x.atan(), false)
}

/// `math.sinh(x)` (FUNC1 sinh, can_overflow 1).
#[inline(always)]
pub fn math_sinh(x: f64) -> R<f64> {
    math_1(x, x.sinh(), true)
}

/// `math.cosh(x)` (FUNC1 cosh, can_overflow 1).
#[inline(always)]
pub fn math_cosh(x: f64) -> R<f64> {
    math_1(x, x.cosh(), true)
}

/// `math.tanh(x)` (FUNC1 tanh, 0).
#[inline(always)]
pub fn math_tanh(x: f64) -> R<f64> {
    math_1(x, x.tanh(), false)
}

/// `math.fabs(x)` (FUNC1 fabs, 0): never fails.
#[inline(always)]
pub fn math_fabs(x: f64) -> f64 {
    x.abs()
}

/// CPython `m_atan2`: C99 special values handled before calling libm.
#[inline(always)]
fn m_atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            if 1.0f64.copysign(x) == 1.0 {
                return (0.25 * PI).copysign(y);
            } else {
                return (0.75 * PI).copysign(y);
            }
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        if 1.0f64.copysign(x) == 1.0 {
            return 0.0f64.copysign(y);
        } else {
            return PI.copysign(y);
        }
    }
    y.atan2(x)
}

/// `math.atan2(y, x)` (math_2 with m_atan2).
#[inline(always)]
pub fn math_atan2(y: f64, x: f64) -> R<f64> {
    math_2(y, x, m_atan2(y, x))
}

/// `math.copysign(x, y)` (math_2 with copysign): never fails.
#[inline(always)]
pub fn math_copysign(x: f64, y: f64) -> f64 {
    x.copysign(y)
}

/// CPython 3.11 `vector_norm` (Modules/mathmodule.c), ported line by line: lossless power-of-2
/// scaling, Veltkamp-Dekker squaring, compensated summation, differential correction.
/// `vec` holds absolute values, `max` is their maximum; no NaN or infinity inside.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0; // ldexp(1.0, 27) + 1.0
    let n = vec.len();
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || n <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let mut csum = 1.0f64;
    let mut frac1 = 0.0f64;
    let mut frac2 = 0.0f64;
    let mut frac3 = 0.0f64;
    if max_e >= -1023 {
        let scale = ldexp(1.0, -max_e);
        for &v in vec {
            let mut x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            x = hi * hi;
            let mut oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;
            x = 2.0 * hi * lo;
            oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let mut x = h;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;
        x = -hi * hi;
        let mut oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
        x = -2.0 * hi * lo;
        oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;
        x = -lo * lo;
        oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;
        x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // When max_e < -1023, ldexp(1.0, -max_e) overflows: divide by max instead.
    for &v in vec {
        let mut x = v / max;
        x = x * x;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

/// C `frexp` for a finite non-zero double: (mantissa in [0.5, 1), exponent).
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    if exp_bits == 0 {
        // subnormal: scale up by 2**64 first
        let (m, e) = frexp(x * f64::from_bits(0x43f0000000000000));
        return (m, e - 64);
    }
    let e = exp_bits - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

/// C `ldexp(1.0, e)` for -1074 <= e <= 1023 (a power of two, exact).
fn ldexp(one: f64, e: i32) -> f64 {
    debug_assert!(one == 1.0);
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

/// `math.hypot(x, y)` (math_hypot -> vector_norm, CPython 3.11); never fails.
#[inline(always)]
pub fn math_hypot(x: f64, y: f64) -> f64 {
    math_hypot_n(&[x, y])
}

/// `math.hypot(*coords)` for any number of float coordinates (math_hypot).
pub fn math_hypot_n(coords: &[f64]) -> f64 {
    let mut abs: Vec<f64> = Vec::with_capacity(coords.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for &c in coords {
        let x = c.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        abs.push(x);
    }
    vector_norm(&abs, max, found_nan)
}

/// `math.dist(p, q)` for two equal-length float sequences (math_dist -> vector_norm);
/// ValueError "both points must have the same number of dimensions".
pub fn math_dist(p: &[f64], q: &[f64]) -> R<f64> {
    if p.len() != q.len() {
        return raise(
            ExcKind::ValueError,
            "both points must have the same number of dimensions",
        );
    }
    let mut diffs: Vec<f64> = Vec::with_capacity(p.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for (a, b) in p.iter().zip(q) {
        let x = (a - b).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(vector_norm(&diffs, max, found_nan))
}

/// `math.pow(x, y)` (math_pow_impl, CPython 3.11): IEEE special cases handled directly;
/// ValueError "math domain error" for 0**negative and negative**non-integer, OverflowError
/// "math range error" on overflow.
#[inline(always)]
pub fn math_pow(x: f64, y: f64) -> R<f64> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else {
            // y is infinite
            if x.abs() == 1.0 {
                1.0
            } else if y > 0.0 && x.abs() > 1.0 {
                y
            } else if y < 0.0 && x.abs() < 1.0 {
                -y
            } else {
                0.0
            }
        };
        return Ok(r);
    }
    let r = libm_pow(x, y);
    if !r.is_finite() {
        if r.is_nan() {
            return raise(ExcKind::ValueError, DOMAIN);
        }
        if x == 0.0 {
            return raise(ExcKind::ValueError, DOMAIN);
        }
        return raise(ExcKind::OverflowError, RANGE);
    }
    Ok(r)
}

/// `math.fmod(x, y)` (math_fmod_impl): x for finite x and infinite y; ValueError
/// "math domain error" for a NaN from non-NaN inputs (y == 0 or x infinite).
#[inline(always)]
pub fn math_fmod(x: f64, y: f64) -> R<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return raise(ExcKind::ValueError, DOMAIN);
    }
    Ok(r)
}

/// `math.floor(x)` for a float: an int (float___floor___impl).
#[inline(always)]
pub fn math_floor(x: f64) -> R<i64> {
    float_floor_int(x)
}

/// `math.ceil(x)` for a float: an int (float___ceil___impl).
#[inline(always)]
pub fn math_ceil(x: f64) -> R<i64> {
    float_ceil_int(x)
}

/// `math.trunc(x)` for a float: an int (float___trunc___impl).
#[inline(always)]
pub fn math_trunc(x: f64) -> R<i64> {
    float_to_int(x)
}

/// `math.isnan(x)`.
#[inline(always)]
pub fn math_isnan(x: f64) -> bool {
    x.is_nan()
}

/// `math.isinf(x)`.
#[inline(always)]
pub fn math_isinf(x: f64) -> bool {
    x.is_infinite()
}

/// `math.isfinite(x)`.
#[inline(always)]
pub fn math_isfinite(x: f64) -> bool {
    x.is_finite()
}

/// `math.gcd(a, b)` (math_gcd -> _PyLong_GCD): non-negative; a result of 2**63 deopts.
#[inline(always)]
pub fn math_gcd(a: i64, b: i64) -> R<i64> {
    let (mut x, mut y) = (a.unsigned_abs(), b.unsigned_abs());
    while y != 0 {
        let t = x % y;
        x = y;
        y = t;
    }
    match i64::try_from(x) {
        Ok(v) => Ok(v),
        Err(_) => deopt(),
    }
}

/// `math.factorial(n)` (math_factorial): ValueError "factorial() not defined for negative
/// values"; results beyond i64 (n > 20) deopt.
#[inline(always)]
pub fn math_factorial(n: i64) -> R<i64> {
    if n < 0 {
        return raise(ExcKind::ValueError, "factorial() not defined for negative values");
    }
    if n > 20 {
        return deopt();
    }
    let mut r: i64 = 1;
    for i in 2..=n {
        r *= i;
    }
    Ok(r)
}

/// `math.degrees(x)` (math_degrees_impl: `x * (180.0 / pi)`).
#[inline(always)]
pub fn math_degrees(x: f64) -> f64 {
    const RAD_TO_DEG: f64 = 180.0 / std::f64::consts::PI;
    x * RAD_TO_DEG
}

/// `math.radians(x)` (math_radians_impl: `x * (pi / 180.0)`).
#[inline(always)]
pub fn math_radians(x: f64) -> f64 {
    const DEG_TO_RAD: f64 = std::f64::consts::PI / 180.0;
    x * DEG_TO_RAD
}
