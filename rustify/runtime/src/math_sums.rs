use super::*;

// =====================================================================================
// math.fsum, math.prod, math.isclose (Modules/mathmodule.c)
// =====================================================================================

/// `math.fsum(xs)` (math_fsum): Shewchuk's exact partial sums, then the correctly rounded
/// total with the half-even fix-up across partials; OverflowError "intermediate overflow
/// in fsum", ValueError "-inf + inf in fsum", a NaN or infinity among the items returned.
pub fn math_fsum(items: impl IntoIterator<Item = f64>) -> R<f64> {
    let mut p: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in items {
        let mut x = item;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // a nonfinite x: intermediate overflow, or a nan or inf among the summands
                if xsave.is_finite() {
                    return raise(ExcKind::OverflowError, "intermediate overflow in fsum");
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return raise(ExcKind::ValueError, "-inf + inf in fsum");
        }
        return Ok(special_sum);
    }
    let mut n = p.len();
    let mut hi = 0.0f64;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        // sum_exact from the top, stop when the sum becomes inexact
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // half-even rounding across partials (sum([1e-16, 1, 1e16]))
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// `math.prod(xs, start=s)` (math_prod_impl): ints multiply as ints until one overflows (the
/// result then needs a Python int: deopt) or a float comes; from then on floats.
pub fn math_prod(start: Num, items: impl IntoIterator<Item = Num>) -> R<Num> {
    let mut acc = start;
    for item in items {
        acc = match (acc, item) {
            (Num::Int(a), Num::Int(b)) => match a.checked_mul(b) {
                Some(x) => Num::Int(x),
                None => return deopt(),
            },
            (a, b) => Num::Float(num_as_f64(a) * num_as_f64(b)),
        };
    }
    Ok(acc)
}

fn num_as_f64(n: Num) -> f64 {
    match n {
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
    }
}

/// `math.isclose(a, b, rel_tol=..., abs_tol=...)` (math_isclose_impl).
pub fn math_isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> R<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return raise(ExcKind::ValueError, "tolerances must be non-negative");
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

/// `math.prod` of ints with an int start: an int (an overflow deopts).
pub fn math_prod_int(start: i64, items: impl IntoIterator<Item = i64>) -> R<i64> {
    let mut acc = start;
    for b in items {
        acc = match acc.checked_mul(b) {
            Some(x) => x,
            None => return deopt(),
        };
    }
    Ok(acc)
}

/// `math.prod` with a float start: floats throughout (an int item as `(double)value`).
pub fn math_prod_float(start: f64, items: impl IntoIterator<Item = Num>) -> f64 {
    items.into_iter().fold(start, |acc, b| acc * num_as_f64(b))
}
