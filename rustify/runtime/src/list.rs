use super::*;

// =====================================================================================
// 7. Sequences (Objects/listobject.c, Objects/rangeobject.c) and repr
// =====================================================================================

/// An index out of range, not yet an [`Exc`]: `?` turns it into CPython's IndexError
/// "{what} index out of range" on the cold path only. Checked reads return it instead of
/// an `R<_>` because a function returning `R<usize>` made LLVM keep each read's result in
/// memory: the flat matrix product's loop ran 3x slower than with this one-word error.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct IndexOutOfRange(pub &'static str);

impl From<IndexOutOfRange> for Exc {
    #[cold]
    #[inline(never)]
    fn from(e: IndexOutOfRange) -> Exc {
        Exc::Raise(ExcKind::IndexError, format!("{} index out of range", e.0))
    }
}

/// Index normalisation for `seq[i]` (list_subscript / tuplesubscript): negative counts from
/// the end; out of range is IndexError "{what} index out of range", e.g. `what` = "list",
/// "tuple", "string", or "list assignment" for `seq[i] = v`.
#[inline(always)]
pub fn norm_index(i: i64, len: usize, what: &'static str) -> Result<usize, IndexOutOfRange> {
    if (i as u64) < (len as u64) {
        return Ok(i as usize);
    }
    let j = i.wrapping_add(len as i64);
    if i < 0 && j >= 0 {
        return Ok(j as usize);
    }
    Err(IndexOutOfRange(what))
}

/// `seq[i]` read with one check (the index normalised as [`norm_index`] does).
#[inline(always)]
pub fn item<'a, T>(v: &'a [T], i: i64, what: &'static str) -> Result<&'a T, IndexOutOfRange> {
    let j = norm_index(i, v.len(), what)?;
    // SAFETY: `norm_index` returned an index below `v.len()`.
    Ok(unsafe { v.get_unchecked(j) })
}

/// `v.pop()` / `v.pop(i)` (list_pop_impl): IndexError "pop from empty list" /
/// "pop index out of range".
#[inline(always)]
pub fn list_pop<T>(v: &mut Vec<T>, i: Option<i64>) -> R<T> {
    if v.is_empty() {
        return raise(ExcKind::IndexError, "pop from empty list");
    }
    let n = v.len() as i64;
    let idx = i.unwrap_or(-1);
    let j = if idx < 0 { idx.wrapping_add(n) } else { idx };
    if j < 0 || j >= n {
        return raise(ExcKind::IndexError, "pop index out of range");
    }
    Ok(v.remove(j as usize))
}

/// `v.insert(i, x)` (ins1): the index is clamped to `[0, len]` after adding len to a negative.
#[inline(always)]
pub fn list_insert<T>(v: &mut Vec<T>, i: i64, x: T) {
    let n = v.len() as i64;
    let mut j = i;
    if j < 0 {
        j = j.saturating_add(n);
        if j < 0 {
            j = 0;
        }
    }
    if j > n {
        j = n;
    }
    v.insert(j as usize, x);
}

/// Does `x` compare unequal to itself (a NaN)?  CPython's list searches test identity first
/// (`PyObject_RichCompare` after an `is` check), so a NaN may be "found" by identity, which
/// values cannot reproduce: such searches deopt.
#[inline(always)]
fn self_unequal<T: PartialEq>(x: &T) -> bool {
    #[allow(clippy::eq_op)]
    let r = x != x;
    r
}

/// `v.index(x)` (list_index_impl): ValueError "{repr(x)} is not in list"; searching for a NaN
/// deopts (identity semantics).
pub fn list_index<T: PyRepr + PartialEq>(v: &[T], x: &T) -> R<usize> {
    if self_unequal(x) {
        return deopt();
    }
    match v.iter().position(|item| item == x) {
        Some(i) => Ok(i),
        None => raise(ExcKind::ValueError, format!("{} is not in list", x.py_repr())),
    }
}

/// `v.count(x)` (list_count); counting a NaN deopts (identity semantics).
pub fn list_count<T: PartialEq>(v: &[T], x: &T) -> R<i64> {
    if self_unequal(x) {
        return deopt();
    }
    Ok(v.iter().filter(|item| *item == x).count() as i64)
}

/// `v.remove(x)` (list_remove): ValueError "list.remove(x): x not in list"; a NaN deopts.
pub fn list_remove<T: PartialEq>(v: &mut Vec<T>, x: &T) -> R<()> {
    if self_unequal(x) {
        return deopt();
    }
    match v.iter().position(|item| item == x) {
        Some(i) => {
            v.remove(i);
            Ok(())
        }
        None => raise(ExcKind::ValueError, "list.remove(x): x not in list"),
    }
}

/// `v * n` (list_repeat): empty for n <= 0.  Returns `R` (deopt) instead of aborting the
/// process when the allocation is impossible (CPython raises MemoryError there).
pub fn list_repeat<T: Clone>(v: &[T], n: i64) -> R<Vec<T>> {
    if n <= 0 || v.is_empty() {
        return Ok(Vec::new());
    }
    let Some(total) = v.len().checked_mul(n as usize) else {
        return deopt();
    };
    let mut out: Vec<T> = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return deopt();
    }
    for _ in 0..n {
        out.extend_from_slice(v);
    }
    Ok(out)
}

/// `a, b, c = xs` for a list: CPython's ValueError when the length is not the number of
/// targets (it iterates the list, which for a list has no other effect).
pub fn unpack_check(len: i64, n: i64) -> R<()> {
    if len < n {
        return Err(Exc::Raise(
            ExcKind::ValueError,
            format!("not enough values to unpack (expected {n}, got {len})"),
        ));
    }
    if len > n {
        return Err(Exc::Raise(ExcKind::ValueError, format!("too many values to unpack (expected {n})")));
    }
    Ok(())
}

/// `list(range(start, stop, step))`: the ints of the range, in order (ValueError for a zero
/// step, as `range()` raises); a list too big to allocate deopts (CPython's MemoryError).
pub fn range_list(start: i64, stop: i64, step: i64) -> R<Vec<i64>> {
    let n = range_len(start, stop, step)?;
    let mut out: Vec<i64> = Vec::new();
    if out.try_reserve_exact(n).is_err() {
        return deopt();
    }
    let mut v = start;
    for _ in 0..n {
        out.push(v);
        v = v.wrapping_add(step); // the last add may step past i64 after the last item
    }
    Ok(out)
}

/// `len(range(start, stop, step))` (compute_range_length): ValueError "range() arg 3 must not
/// be zero"; a length beyond i64 deopts.
#[inline(always)]
pub fn range_len(start: i64, stop: i64, step: i64) -> R<usize> {
    if step == 0 {
        return raise(ExcKind::ValueError, "range() arg 3 must not be zero");
    }
    let (lo, hi, st) = (start as i128, stop as i128, step as i128);
    let n = if st > 0 {
        if lo < hi {
            (hi - lo - 1) / st + 1
        } else {
            0
        }
    } else if lo > hi {
        (lo - hi - 1) / (-st) + 1
    } else {
        0
    };
    // A length beyond i64 (only reachable from the extremes of i64) cannot be a Python
    // `len()` result (OverflowError there): deopt.
    if n > i64::MAX as i128 {
        return deopt();
    }
    Ok(n as usize)
}

/// Python's `repr()` of a value.
pub trait PyRepr {
    fn py_repr(&self) -> String;
}

impl PyRepr for i64 {
    fn py_repr(&self) -> String {
        self.to_string()
    }
}

impl PyRepr for bool {
    fn py_repr(&self) -> String {
        if *self { "True" } else { "False" }.to_string()
    }
}

impl PyRepr for f64 {
    fn py_repr(&self) -> String {
        float_repr(*self)
    }
}

impl PyRepr for Num {
    fn py_repr(&self) -> String {
        match self {
            Num::Int(i) => i.py_repr(),
            Num::Float(x) => float_repr(*x),
        }
    }
}

impl PyRepr for () {
    fn py_repr(&self) -> String {
        "None".to_string()
    }
}

impl<T: PyRepr> PyRepr for Vec<T> {
    fn py_repr(&self) -> String {
        let parts: Vec<String> = self.iter().map(|x| x.py_repr()).collect();
        format!("[{}]", parts.join(", "))
    }
}

impl<A: PyRepr> PyRepr for (A,) {
    fn py_repr(&self) -> String {
        format!("({},)", self.0.py_repr())
    }
}

impl<A: PyRepr, B: PyRepr> PyRepr for (A, B) {
    fn py_repr(&self) -> String {
        format!("({}, {})", self.0.py_repr(), self.1.py_repr())
    }
}

impl<A: PyRepr, B: PyRepr, C: PyRepr> PyRepr for (A, B, C) {
    fn py_repr(&self) -> String {
        format!("({}, {}, {})", self.0.py_repr(), self.1.py_repr(), self.2.py_repr())
    }
}

impl<A: PyRepr, B: PyRepr, C: PyRepr, D: PyRepr> PyRepr for (A, B, C, D) {
    fn py_repr(&self) -> String {
        format!(
            "({}, {}, {}, {})",
            self.0.py_repr(),
            self.1.py_repr(),
            self.2.py_repr(),
            self.3.py_repr()
        )
    }
}

/// `repr(x)` for a float (float_repr: PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0)):
/// the shortest digits that round-trip, positional when the decimal exponent is in
/// [-4, 16), else `d.ddde+XX` with at least two exponent digits.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // Rust's `{:e}` prints the shortest round-trip digits ("-d.ddde-N"), but when two
    // candidates of that length are equally close to x it may pick the odd one, where
    // David Gay's dtoa (mode 0) picks the even one.  Re-rounding the exact value to the
    // same number of digits (half-even) gives dtoa's choice whenever it still round-trips.
    let shortest = format!("{:e}", x);
    let ndigits = shortest
        .split('e')
        .next()
        .map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let nearest = format!("{:.*e}", ndigits.saturating_sub(1), x);
    let sci = if nearest.parse::<f64>() == Ok(x) { nearest } else { shortest };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let decpt = exp + 1; // value = 0.DIGITS * 10**decpt
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if decpt > -4 && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            for _ in 0..(-decpt) {
                out.push('0');
            }
            out.push_str(&digits);
        } else if decpt as usize >= digits.len() {
            out.push_str(&digits);
            for _ in 0..(decpt as usize - digits.len()) {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    out
}
