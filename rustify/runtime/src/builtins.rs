use super::*;

// =====================================================================================
// 5. Builtins (Python/bltinmodule.c, Objects/floatobject.c)
// =====================================================================================

/// PyLong_FromDouble for an integral float: NaN -> ValueError "cannot convert float NaN to
/// integer", inf -> OverflowError "cannot convert float infinity to integer", beyond i64
/// deopts.
#[inline(always)]
fn integral_float_to_i64(x: f64) -> R<i64> {
    const TWO63: f64 = 9223372036854775808.0;
    if (-TWO63..TWO63).contains(&x) {
        return Ok(x as i64);
    }
    if x.is_nan() {
        return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return raise(ExcKind::OverflowError, "cannot convert float infinity to integer");
    }
    deopt()
}

/// `round(x)` for a float (float___round___impl without ndigits): half to even, as an int.
#[inline(always)]
pub fn round_float(x: f64) -> R<i64> {
    integral_float_to_i64(x.round_ties_even())
}

/// `int(x)` for a float (float___trunc___impl): truncation toward zero.
#[inline(always)]
pub fn float_to_int(x: f64) -> R<i64> {
    integral_float_to_i64(x.trunc())
}

/// `math.floor(x)` for a float (float___floor___impl): an int.
#[inline(always)]
pub fn float_floor_int(x: f64) -> R<i64> {
    integral_float_to_i64(x.floor())
}

/// `math.ceil(x)` for a float (float___ceil___impl): an int.
#[inline(always)]
pub fn float_ceil_int(x: f64) -> R<i64> {
    integral_float_to_i64(x.ceil())
}

/// `round(x, n)` for a float (float___round___impl + double_round with correctly rounded
/// dtoa): the float nearest to the exact binary value of `x` rounded half-even to `n` decimal
/// places.  For 0 <= n <= 22 and |x * 10**n| < 2**52 an exact FMA-based path decides the
/// rounding without strings (about 10x faster); otherwise Rust's exact decimal formatting
/// (verified half-even on the exact value) and its correctly rounded parser are used, and
/// for n < 0 the integer digits are rounded as a string.  OverflowError "rounded value too
/// large to represent" when the rounded value overflows (only possible for n < 0).
pub fn round_float_ndigits(x: f64, n: i64) -> R<f64> {
    // NDIGITS_MAX = (int)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103) = 323
    // NDIGITS_MIN = -(int)((DBL_MAX_EXP + 1) * 0.30103) = -308
    if !x.is_finite() || n > 323 {
        return Ok(x);
    }
    if n < -308 {
        return Ok(0.0 * x);
    }
    if (0..=22).contains(&n) {
        if let Some(v) = round_small_ndigits(x, n as usize) {
            return Ok(v);
        }
    }
    let rounded: f64 = if n >= 0 {
        let text = format!("{:.*}", n as usize, x);
        match text.parse::<f64>() {
            Ok(v) => v,
            Err(_) => return deopt(),
        }
    } else {
        match round_integer_part(x, (-n) as usize) {
            Some(v) => v,
            None => return deopt(),
        }
    };
    if rounded.is_infinite() {
        return raise(ExcKind::OverflowError, "rounded value too large to represent");
    }
    Ok(rounded)
}

/// Exact powers of ten 10**0 ..= 10**22 (every one is a double).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Fast exact path of `round(x, n)` for 0 <= n <= 22 when |x * 10**n| < 2**52 (no string
/// round trip).  With p = 10**n exact, y = fl(x * p) and the exact error e = x*p - y (one
/// FMA), the exact product lies on the same side of every half-integer as y unless y is
/// itself a half-integer, where the sign of e (or, for e == 0, half-even) decides.  The
/// integer m is exact and m / p is a single correctly rounded division, which is what
/// dtoa's decimal string "m e-n" parses to.  `None` means "use the general path".
#[inline(always)]
fn round_small_ndigits(x: f64, n: usize) -> Option<f64> {
    let p = POW10[n];
    let y = x * p;
    let a = y.abs();
    if !(a < 4503599627370496.0) {
        return None; // 2**52: half-integers are no longer representable (or y overflowed)
    }
    let below = a.floor();
    // Exact: for a < 1 it is a itself, otherwise Sterbenz (below <= a < 2 * below).
    let frac = a - below;
    let m = if frac == 0.5 {
        let e = x.mul_add(p, -y); // exact: x*p = y + e, so |x*p| = a + e * sign(y)
        let e = if y < 0.0 { -e } else { e };
        if e > 0.0 {
            below + 1.0
        } else if e < 0.0 {
            below
        } else {
            a.round_ties_even()
        }
    } else {
        a.round_ties_even()
    };
    // The sign is x's, zero included (dtoa's sign flag makes "-0e-2" for round(-0.001, 2)).
    Some((m / p).copysign(x))
}

/// `round(x, -k)` for finite x and 1 <= k <= 308: half-even rounding of the exact value to a
/// multiple of 10**k, done on the exact decimal digits of the integer part.
fn round_integer_part(x: f64, k: usize) -> Option<f64> {
    let ax = x.abs();
    let int_part = ax.trunc();
    let has_fraction = ax != int_part;
    let digits = format!("{:.0}", int_part); // exact: an integral double prints exactly
    let mut d: Vec<u8> = digits.into_bytes();
    if d.iter().any(|c| !c.is_ascii_digit()) {
        return None;
    }
    if d.len() < k + 1 {
        let mut padded = vec![b'0'; k + 1 - d.len()];
        padded.extend_from_slice(&d);
        d = padded;
    }
    let split = d.len() - k;
    let (head, tail) = d.split_at(split);
    let mut head = head.to_vec();
    let round_up = match tail[0].cmp(&b'5') {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => {
            let exact_half = !has_fraction && tail[1..].iter().all(|&c| c == b'0');
            if exact_half {
                (head[head.len() - 1] - b'0') % 2 == 1
            } else {
                true
            }
        }
    };
    if round_up {
        let mut i = head.len();
        loop {
            if i == 0 {
                head.insert(0, b'1');
                break;
            }
            i -= 1;
            if head[i] == b'9' {
                head[i] = b'0';
            } else {
                head[i] += 1;
                break;
            }
        }
    }
    let mut text = String::with_capacity(head.len() + 8);
    if x.is_sign_negative() {
        text.push('-');
    }
    text.push_str(std::str::from_utf8(&head).ok()?);
    text.push('e');
    text.push_str(&k.to_string());
    text.parse::<f64>().ok()
}

/// `round(x, n)` for an int (long_round): unchanged for n >= 0, else half-even to a multiple
/// of 10**-n; a result beyond i64 deopts.
pub fn round_int_ndigits(x: i64, n: i64) -> R<i64> {
    if n >= 0 {
        return Ok(x);
    }
    let k = n.unsigned_abs();
    if k > 19 {
        return Ok(0); // |x| < 2**63 < 10**20 / 2: rounds to zero
    }
    let p: i128 = 10i128.pow(k as u32);
    let xv = x as i128;
    let mut q = xv.div_euclid(p);
    let r = xv - q * p; // 0 <= r < p
    match r.cmp(&(p - r)) {
        Ordering::Greater => q += 1,
        Ordering::Equal => {
            if q & 1 == 1 {
                q += 1
            }
        }
        Ordering::Less => {}
    }
    match i64::try_from(q * p) {
        Ok(v) => Ok(v),
        Err(_) => deopt(),
    }
}

/// Ordering used by `max`/`min` (PyObject_RichCompareBool with Py_GT / Py_LT).
pub trait PyOrd: Copy {
    fn py_gt(self, other: Self) -> bool;
    fn py_lt(self, other: Self) -> bool;
}

impl PyOrd for i64 {
    #[inline(always)]
    fn py_gt(self, other: i64) -> bool {
        self > other
    }
    #[inline(always)]
    fn py_lt(self, other: i64) -> bool {
        self < other
    }
}

/// bool compares as 0 and 1 (False < True); `max`/`min` return the bool itself.
impl PyOrd for bool {
    #[inline(always)]
    fn py_gt(self, other: bool) -> bool {
        self & !other
    }
    #[inline(always)]
    fn py_lt(self, other: bool) -> bool {
        !self & other
    }
}

impl PyOrd for f64 {
    #[inline(always)]
    fn py_gt(self, other: f64) -> bool {
        self > other
    }
    #[inline(always)]
    fn py_lt(self, other: f64) -> bool {
        self < other
    }
}

impl PyOrd for Num {
    #[inline(always)]
    fn py_gt(self, other: Num) -> bool {
        num_cmp(self, other, CmpOp::Gt)
    }
    #[inline(always)]
    fn py_lt(self, other: Num) -> bool {
        num_cmp(self, other, CmpOp::Lt)
    }
}

/// `max(a, b)` (builtin min_max): keeps `a` unless `b > a`, so `max(nan, 1.0)` is nan,
/// `max(1.0, nan)` is 1.0 and `max(0.0, -0.0)` is 0.0.
#[inline(always)]
pub fn max2<T: PyOrd>(a: T, b: T) -> T {
    if b.py_gt(a) {
        b
    } else {
        a
    }
}

/// `min(a, b)` (builtin min_max): keeps `a` unless `b < a`.
#[inline(always)]
pub fn min2<T: PyOrd>(a: T, b: T) -> T {
    if b.py_lt(a) {
        b
    } else {
        a
    }
}

/// `max(iterable)` (builtin min_max): the first item, replaced only when `item > current`;
/// ValueError "max() arg is an empty sequence".
#[inline(always)]
pub fn max_of<T: PyOrd>(items: impl IntoIterator<Item = T>) -> R<T> {
    let mut it = items.into_iter();
    let Some(mut best) = it.next() else {
        return raise(ExcKind::ValueError, "max() arg is an empty sequence");
    };
    for item in it {
        if item.py_gt(best) {
            best = item;
        }
    }
    Ok(best)
}

/// `min(iterable)` (builtin min_max); ValueError "min() arg is an empty sequence".
#[inline(always)]
pub fn min_of<T: PyOrd>(items: impl IntoIterator<Item = T>) -> R<T> {
    let mut it = items.into_iter();
    let Some(mut best) = it.next() else {
        return raise(ExcKind::ValueError, "min() arg is an empty sequence");
    };
    for item in it {
        if item.py_lt(best) {
            best = item;
        }
    }
    Ok(best)
}

/// `max(strs)` (a str's characters, a list of strs): the first greatest item.
pub fn max_ord<'a, T: Ord + Clone + 'a>(items: impl IntoIterator<Item = &'a T>) -> R<T> {
    extreme_ord(items, Ordering::Greater, "max")
}

/// `min(strs)`: the first smallest item.
pub fn min_ord<'a, T: Ord + Clone + 'a>(items: impl IntoIterator<Item = &'a T>) -> R<T> {
    extreme_ord(items, Ordering::Less, "min")
}

/// The first item that compares `wins` against every other (ValueError when none).
fn extreme_ord<'a, T: Ord + Clone + 'a>(items: impl IntoIterator<Item = &'a T>, wins: Ordering, what: &str) -> R<T> {
    let mut it = items.into_iter();
    let Some(mut best) = it.next() else {
        return raise(ExcKind::ValueError, format!("{what}() arg is an empty sequence"));
    };
    for item in it {
        if item.cmp(best) == wins {
            best = item;
        }
    }
    Ok(best.clone())
}

/// `max(floats)`; see [`max_of`].
#[inline(always)]
pub fn max_f64(items: impl IntoIterator<Item = f64>) -> R<f64> {
    max_of(items)
}

/// `min(floats)`; see [`min_of`].
#[inline(always)]
pub fn min_f64(items: impl IntoIterator<Item = f64>) -> R<f64> {
    min_of(items)
}

/// `max(ints)`; see [`max_of`].
#[inline(always)]
pub fn max_i64(items: impl IntoIterator<Item = i64>) -> R<i64> {
    max_of(items)
}

/// `min(ints)`; see [`min_of`].
#[inline(always)]
pub fn min_i64(items: impl IntoIterator<Item = i64>) -> R<i64> {
    min_of(items)
}

/// `max(numbers)` with mixed int/float comparison; see [`max_of`].
#[inline(always)]
pub fn max_num(items: impl IntoIterator<Item = Num>) -> R<Num> {
    max_of(items)
}

/// `min(numbers)` with mixed int/float comparison; see [`min_of`].
#[inline(always)]
pub fn min_num(items: impl IntoIterator<Item = Num>) -> R<Num> {
    min_of(items)
}

/// `sum(floats)` as CPython 3.11 computes it (builtin_sum_impl, start int 0): the int 0 for
/// no items, else `0.0 + x0 + x1 + ...` in plain left-to-right double additions
/// (`sum([-0.0])` is `0.0`).  For 3.12+ use [`sum_f64_compensated`].
#[inline(always)]
pub fn sum_f64(items: impl IntoIterator<Item = f64>) -> Num {
    let mut it = items.into_iter();
    let Some(first) = it.next() else {
        return Num::Int(0);
    };
    let mut total = 0.0 + first; // the int start 0 meets the first float: float_add
    for x in it {
        total += x;
    }
    Num::Float(total)
}

/// `sum(floats)` as CPython 3.12+ computes it: the first float is added to the start 0, the
/// rest with Neumaier compensated summation; the compensation is added at the end when it is
/// non-zero and finite.
#[inline(always)]
pub fn sum_f64_compensated(items: impl IntoIterator<Item = f64>) -> Num {
    let mut it = items.into_iter();
    let Some(first) = it.next() else {
        return Num::Int(0);
    };
    let mut f = 0.0 + first;
    let mut c = 0.0f64;
    for x in it {
        let t = f + x;
        if f.abs() >= x.abs() {
            c += (f - t) + x;
        } else {
            c += (x - t) + f;
        }
        f = t;
    }
    if c != 0.0 && c.is_finite() {
        f += c;
    }
    Num::Float(f)
}

/// `sum(ints)` (builtin_sum_impl): the exact total, accumulated in 128 bits so a running
/// total that leaves i64 and comes back (CPython switches to big ints there) stays exact;
/// a final total beyond i64 deopts.
#[inline(always)]
pub fn sum_i64(items: impl IntoIterator<Item = i64>) -> R<i64> {
    let mut total: i128 = 0;
    for x in items {
        total += x as i128; // cannot overflow before 2**64 items
    }
    match i64::try_from(total) {
        Ok(v) => Ok(v),
        Err(_) => deopt(),
    }
}

/// The int phase of builtin_sum_impl over numbers: ints are summed exactly until the first
/// float.  Returns the exact int total, whether the C-long running total ever overflowed
/// (CPython then continues with big ints and its generic, uncompensated loop), and the first
/// float with everything after it still in `it`.
#[inline(always)]
pub(crate) fn sum_int_phase(it: &mut impl Iterator<Item = Num>) -> (i128, bool, Option<f64>) {
    let mut exact: i128 = 0;
    let mut small: i64 = 0;
    let mut spilled = false;
    for item in it.by_ref() {
        match item {
            Num::Int(i) => {
                exact += i as i128;
                if !spilled {
                    match small.checked_add(i) {
                        Some(v) => small = v,
                        None => spilled = true,
                    }
                }
            }
            Num::Float(x) => return (exact, spilled, Some(x)),
        }
    }
    (exact, spilled, None)
}

/// `sum(numbers)` for a mix of ints and floats as CPython 3.11 computes it: ints accumulate
/// exactly until the first float, which is added to `float(total)` (correctly rounded);
/// afterwards every item is added as a double (ints via `(double)value`).  An all-int total
/// beyond i64 deopts.
#[inline(always)]
pub fn sum_num(items: impl IntoIterator<Item = Num>) -> R<Num> {
    let mut it = items.into_iter();
    let (exact, _, first_float) = sum_int_phase(&mut it);
    let Some(x) = first_float else {
        return match i64::try_from(exact) {
            Ok(v) => Ok(Num::Int(v)),
            Err(_) => deopt(),
        };
    };
    let mut total = exact as f64 + x; // i128 -> f64 rounds half-even, as PyLong_AsDouble
    for item in it {
        total += num_as_f64(item);
    }
    Ok(Num::Float(total))
}

/// `sum(numbers)` for a mix of ints and floats as CPython 3.12 computes it: like [`sum_num`]
/// but, in the float fast path, float items after the first are added with Neumaier
/// compensation (int items uncompensated).  When the int phase overflowed a C long, CPython
/// finishes in its generic loop: plain additions, as in [`sum_num`].
#[inline(always)]
pub fn sum_num_compensated(items: impl IntoIterator<Item = Num>) -> R<Num> {
    let mut it = items.into_iter();
    let (exact, spilled, first_float) = sum_int_phase(&mut it);
    let Some(x) = first_float else {
        return match i64::try_from(exact) {
            Ok(v) => Ok(Num::Int(v)),
            Err(_) => deopt(),
        };
    };
    let mut f = exact as f64 + x;
    if spilled {
        for item in it {
            f += num_as_f64(item);
        }
        return Ok(Num::Float(f));
    }
    let mut c = 0.0f64;
    for item in it {
        match item {
            Num::Float(x) => {
                let t = f + x;
                if f.abs() >= x.abs() {
                    c += (f - t) + x;
                } else {
                    c += (x - t) + f;
                }
                f = t;
            }
            Num::Int(i) => f += int_to_float(i),
        }
    }
    if c != 0.0 && c.is_finite() {
        f += c;
    }
    Ok(Num::Float(f))
}
