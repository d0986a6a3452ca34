//! rustify runtime: the one hand-written place where CPython's exact semantics live.
//!
//! This file is copied verbatim into every generated crate as `src/rt.rs` (the generated
//! `lib.rs` says `mod rt;`).  Generated code never spells out a Python rule itself: it calls
//! the helpers below, each of which mirrors a named piece of CPython 3.11 (file and function
//! given in its doc comment) and is tested against the running interpreter by
//! `tests/runtime/test_rt.py`.
//!
//! Conventions
//! * Every fallible helper returns [`R<T>`]: `Ok(value)`, `Err(Exc::Raise(kind, message))`
//!   for the exception CPython raises (same type, same message), or `Err(Exc::Deopt)` when the
//!   exact answer cannot be represented in Rust's native types (an `int` beyond 64 bits, a
//!   `complex` result, ...).  A deopt makes the wrapper run the original Python function.
//! * Nothing here panics on any input: Python never sees a Rust panic.
//! * Floats are bit-identical to CPython: the same libm (glibc) is called for the same inputs,
//!   and CPython's special-case handling is ported line by line.
//!
//! Sections: 1 errors, 2 fallback registry, 3 `Num`, 4 arithmetic and comparisons,
//! 5 builtins, 6 `math`, 7 sequences and `repr`, 8 boundary conversion.
#![allow(dead_code)]

use std::cmp::Ordering;
use std::collections::HashMap;
use std::os::raw::c_int;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::sync::{LazyLock, Mutex, MutexGuard};

use pyo3::exceptions::{
    PyArithmeticError, PyAssertionError, PyException, PyIndexError, PyKeyError, PyLookupError,
    PyNotImplementedError, PyOverflowError, PyRecursionError, PyRuntimeError, PyTypeError,
    PyValueError, PyZeroDivisionError,
};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyModule;

// =====================================================================================
// 1. Errors
// =====================================================================================

/// The Python exception classes translated code may raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    ValueError,
    ZeroDivisionError,
    IndexError,
    OverflowError,
    AssertionError,
    TypeError,
    KeyError,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    ArithmeticError,
    LookupError,
    Exception,
}

/// Why a translated computation did not produce a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Exc {
    /// The exact result is not representable here: run the original Python function.
    Deopt,
    /// Raise this Python exception with exactly this message (`str(exc)`).
    Raise(ExcKind, String),
}

/// Result of every fallible runtime helper.
pub type R<T> = Result<T, Exc>;

/// `str()` of the OverflowError CPython raises from `PyErr_SetFromErrno(ERANGE)` (float `**`).
/// [`Exc::into_pyerr`] turns this message back into the args `(34, 'Numerical result out of
/// range')` so `exc.args` matches too.
pub const ERANGE_MSG: &str = "(34, 'Numerical result out of range')";

/// The message of an exception raised with no arguments (`raise ValueError`, a bare
/// `assert`): [`Exc::into_pyerr`] gives it `args == ()`, as CPython does, where an empty
/// message would give `('',)`. `str()` of both is ''.
pub const NO_ARGS: &str = "\u{0}no-args";

/// Raise `kind(msg)`; the cold path of every helper.
#[cold]
#[inline(never)]
pub fn raise<T>(kind: ExcKind, msg: impl Into<String>) -> R<T> {
    Err(Exc::Raise(kind, msg.into()))
}

/// Signal that the exact answer needs the Python original.
#[cold]
#[inline(never)]
pub fn deopt<T>() -> R<T> {
    Err(Exc::Deopt)
}

pyo3::create_exception!(
    rustify,
    RustifyDeopt,
    pyo3::exceptions::PyException,
    "Raised by a rustify-translated function when it cannot reproduce CPython's result exactly and no Python fallback is registered; catch it and call the original function."
);

impl Exc {
    /// Convert to the `PyErr` CPython would have raised (`Deopt` becomes [`RustifyDeopt`]).
    pub fn into_pyerr(self) -> PyErr {
        match self {
            Exc::Deopt => RustifyDeopt::new_err("deopt"),
            Exc::Raise(kind, msg) if msg == NO_ARGS => no_args_pyerr(kind),
            Exc::Raise(kind, msg) => match kind {
                ExcKind::ValueError => PyValueError::new_err(msg),
                ExcKind::ZeroDivisionError => PyZeroDivisionError::new_err(msg),
                ExcKind::IndexError => PyIndexError::new_err(msg),
                ExcKind::OverflowError if msg == ERANGE_MSG => {
                    PyOverflowError::new_err((34i32, "Numerical result out of range"))
                }
                ExcKind::OverflowError => PyOverflowError::new_err(msg),
                ExcKind::AssertionError => PyAssertionError::new_err(msg),
                ExcKind::TypeError => PyTypeError::new_err(msg),
                ExcKind::KeyError => key_error_pyerr(msg), // rt_dict.rs: KeyError(key)
                ExcKind::RuntimeError => PyRuntimeError::new_err(msg),
                ExcKind::RecursionError => PyRecursionError::new_err(msg),
                ExcKind::NotImplementedError => PyNotImplementedError::new_err(msg),
                ExcKind::ArithmeticError => PyArithmeticError::new_err(msg),
                ExcKind::LookupError => PyLookupError::new_err(msg),
                ExcKind::Exception => PyException::new_err(msg),
            },
        }
    }
}

impl From<Exc> for PyErr {
    fn from(e: Exc) -> PyErr {
        e.into_pyerr()
    }
}

// =====================================================================================
// 2. Fallback (deopt) registry
// =====================================================================================

static FALLBACKS: LazyLock<Mutex<HashMap<String, Py<PyAny>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The registry lock; a poisoned lock is still usable (nothing here can leave it half-written).
fn fallbacks() -> MutexGuard<'static, HashMap<String, Py<PyAny>>> {
    FALLBACKS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Register `f` (the original Python function) to run when the translated `name` deopts.
pub fn set_fallback(name: &str, f: Py<PyAny>) {
    let previous = fallbacks().insert(name.to_owned(), f);
    // the module whose globals the translations follow may be another now (rt_guard.rs)
    FALLBACK_EPOCH.fetch_add(1, AtomicOrdering::AcqRel);
    // Dropped only after the lock is released: a decref may run arbitrary Python code.
    drop(previous);
}

/// The fallback registered for `name`, if any (a new reference); else the original found
/// where it was defined (see [`set_origin`]), which is then registered.
pub fn get_fallback(py: Python<'_>, name: &str) -> Option<Py<PyAny>> {
    if let Some(f) = fallbacks().get(name).map(|f| f.clone_ref(py)) {
        return Some(f);
    }
    let original = find_original(py, name)?;
    set_fallback(name, original.clone_ref(py));
    Some(original)
}

/// Python: `_rustify_set_fallback(name, func)`; see [`set_fallback`].
#[pyfunction]
#[pyo3(name = "_rustify_set_fallback")]
fn py_set_fallback(name: &str, func: Py<PyAny>) {
    set_fallback(name, func);
}

/// Call the Python original registered for `name` with these positional arguments, or raise
/// `RustifyDeopt(name)` when none is registered.  The registry lock is not held during the call,
/// so the fallback may itself call translated functions.
pub fn call_fallback(
    py: Python<'_>,
    name: &str,
    args: &[&Bound<'_, PyAny>],
) -> PyResult<Py<PyAny>> {
    let Some(func) = get_fallback(py, name) else {
        return Err(RustifyDeopt::new_err(name.to_owned()));
    };
    let ptrs: Vec<*mut ffi::PyObject> = args.iter().map(|a| a.as_ptr()).collect();
    // SAFETY: attached to the interpreter; `ptrs` holds borrowed references kept alive by
    // `args` for the duration of the call.
    unsafe {
        let result = ffi::PyObject_Vectorcall(
            func.as_ptr(),
            ptrs.as_ptr(),
            ptrs.len(),
            std::ptr::null_mut(),
        );
        Bound::from_owned_ptr_or_err(py, result).map(Bound::unbind)
    }
}

/// Finish a translated function: a value becomes its Python object, a raise becomes the
/// exception, and a deopt runs the registered Python original on the same arguments.
pub fn finish<T: ToPy>(
    py: Python<'_>,
    name: &str,
    args: &[&Bound<'_, PyAny>],
    result: R<T>,
) -> PyResult<Py<PyAny>> {
    match result {
        Ok(v) => ret(py, &v),
        Err(Exc::Deopt) => call_fallback(py, name, args),
        Err(e) => Err(e.into_pyerr()),
    }
}

/// Add `RustifyDeopt` and `_rustify_set_fallback` to a generated extension module.
/// Also decides once whether floats may be allocated directly (see [`new_float`]).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    enable_direct_floats(py);
    remember_module(m);
    make_swapped_type()?;
    m.add_function(pyo3::wrap_pyfunction!(py_swap, m)?)?;
    m.add("RustifyDeopt", py.get_type::<RustifyDeopt>())?;
    m.add_function(pyo3::wrap_pyfunction!(py_set_fallback, m)?)?;
    Ok(())
}

// =====================================================================================
// 3. Num: a variable that holds an int at one time and a float at another
// =====================================================================================

/// A Python number that is either an exact `int` (fitting i64) or a `float`.
#[derive(Clone, Copy, Debug)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    #[inline(always)]
    pub fn from_int(i: i64) -> Num {
        Num::Int(i)
    }
    #[inline(always)]
    pub fn from_float(x: f64) -> Num {
        Num::Float(x)
    }
    #[inline(always)]
    pub fn is_int(self) -> bool {
        matches!(self, Num::Int(_))
    }
    #[inline(always)]
    pub fn is_float(self) -> bool {
        matches!(self, Num::Float(_))
    }
}

/// The value as a float, converted as `float(i)` does (for when the result is known to be
/// used as a float).
#[inline(always)]
pub fn num_as_f64(n: Num) -> f64 {
    match n {
        Num::Int(i) => int_to_float(i),
        Num::Float(x) => x,
    }
}

impl PartialEq for Num {
    /// Python `==`: `1 == 1.0` is True, `nan == nan` is False.
    fn eq(&self, other: &Num) -> bool {
        num_cmp(*self, *other, CmpOp::Eq)
    }
}

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
fn libm_pow(x: f64, y: f64) -> f64 {
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
fn sum_int_phase(it: &mut impl Iterator<Item = Num>) -> (i128, bool, Option<f64>) {
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

// =====================================================================================
// 7. Sequences (Objects/listobject.c, Objects/rangeobject.c) and repr
// =====================================================================================

/// Index normalisation for `seq[i]` (list_subscript / tuplesubscript): negative counts from
/// the end; out of range raises IndexError "{what} index out of range", e.g. `what` = "list",
/// "tuple", "string", or "list assignment" for `seq[i] = v`.
#[inline(always)]
pub fn norm_index(i: i64, len: usize, what: &'static str) -> R<usize> {
    let n = len as i64;
    let j = if i < 0 { i.wrapping_add(n) } else { i };
    if j < 0 || j >= n {
        return raise(ExcKind::IndexError, format!("{} index out of range", what));
    }
    Ok(j as usize)
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

// =====================================================================================
// 8. Boundary conversion (raw C API: exact-type checks, values read in place)
// =====================================================================================

/// Read a Python object as a native value without calling any Python code.  `None` means
/// "not representable exactly" (wrong exact type, int beyond i64, ...): the caller deopts.
pub trait FromPy: Sized {
    /// # Safety
    /// `obj` is a valid borrowed reference and the caller is attached to the interpreter.
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Self>;
}

/// Build a new Python object (a new reference, or NULL with a Python error set).
pub trait ToPy {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject;
}

impl FromPy for i64 {
    /// An exact `int` (a bool is not accepted) that fits in i64.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<i64> {
        unsafe {
            if ffi::PyLong_CheckExact(obj) == 0 {
                return None;
            }
            let mut overflow: c_int = 0;
            let v = ffi::PyLong_AsLongLongAndOverflow(obj, &mut overflow);
            if overflow != 0 {
                return None;
            }
            Some(v)
        }
    }
}

impl FromPy for f64 {
    /// An exact `float` (an int is not accepted: it is a different Python type).
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<f64> {
        unsafe {
            if ffi::PyFloat_CheckExact(obj) == 0 {
                return None;
            }
            Some(ffi::PyFloat_AS_DOUBLE(obj))
        }
    }
}

impl FromPy for bool {
    /// `True` or `False` (by identity).
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<bool> {
        unsafe {
            if obj == ffi::Py_True() {
                Some(true)
            } else if obj == ffi::Py_False() {
                Some(false)
            } else {
                None
            }
        }
    }
}

impl FromPy for Num {
    /// An exact `int` fitting i64 or an exact `float`.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Num> {
        unsafe {
            if ffi::PyFloat_CheckExact(obj) != 0 {
                return Some(Num::Float(ffi::PyFloat_AS_DOUBLE(obj)));
            }
            i64::from_py(obj).map(Num::Int)
        }
    }
}

impl FromPy for () {
    /// `None`.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<()> {
        unsafe {
            if obj == ffi::Py_None() {
                Some(())
            } else {
                None
            }
        }
    }
}

impl FromPy for String {
    /// An exact `str` (one without lone surrogates, which UTF-8 cannot hold).
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<String> {
        unsafe {
            if ffi::PyUnicode_CheckExact(obj) == 0 {
                return None;
            }
            let mut size: ffi::Py_ssize_t = 0;
            let data = ffi::PyUnicode_AsUTF8AndSize(obj, &mut size);
            if data.is_null() {
                ffi::PyErr_Clear();
                return None;
            }
            let bytes = std::slice::from_raw_parts(data as *const u8, size as usize);
            Some(String::from_utf8_unchecked(bytes.to_vec()))
        }
    }
}

impl<T: FromPy> FromPy for Vec<T> {
    /// An exact `list` whose every item converts; items are read in place.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Vec<T>> {
        unsafe {
            if ffi::PyList_CheckExact(obj) == 0 {
                return None;
            }
            let n = ffi::PyList_GET_SIZE(obj);
            let mut out: Vec<T> = Vec::with_capacity(n as usize);
            for i in 0..n {
                out.push(T::from_py(ffi::PyList_GET_ITEM(obj, i))?);
            }
            Some(out)
        }
    }
}

/// Item `i` of an exact tuple known to be long enough.
#[inline(always)]
unsafe fn tuple_item<T: FromPy>(obj: *mut ffi::PyObject, i: ffi::Py_ssize_t) -> Option<T> {
    unsafe { T::from_py(ffi::PyTuple_GET_ITEM(obj, i)) }
}

/// Is `obj` an exact tuple of length `n`?
#[inline(always)]
unsafe fn is_tuple_of_len(obj: *mut ffi::PyObject, n: ffi::Py_ssize_t) -> bool {
    unsafe { ffi::PyTuple_CheckExact(obj) != 0 && ffi::PyTuple_GET_SIZE(obj) == n }
}

impl<A: FromPy> FromPy for (A,) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A,)> {
        unsafe {
            if !is_tuple_of_len(obj, 1) {
                return None;
            }
            Some((tuple_item(obj, 0)?,))
        }
    }
}

impl<A: FromPy, B: FromPy> FromPy for (A, B) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A, B)> {
        unsafe {
            if !is_tuple_of_len(obj, 2) {
                return None;
            }
            Some((tuple_item(obj, 0)?, tuple_item(obj, 1)?))
        }
    }
}

impl<A: FromPy, B: FromPy, C: FromPy> FromPy for (A, B, C) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A, B, C)> {
        unsafe {
            if !is_tuple_of_len(obj, 3) {
                return None;
            }
            Some((tuple_item(obj, 0)?, tuple_item(obj, 1)?, tuple_item(obj, 2)?))
        }
    }
}

impl<A: FromPy, B: FromPy, C: FromPy, D: FromPy> FromPy for (A, B, C, D) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A, B, C, D)> {
        unsafe {
            if !is_tuple_of_len(obj, 4) {
                return None;
            }
            Some((
                tuple_item(obj, 0)?,
                tuple_item(obj, 1)?,
                tuple_item(obj, 2)?,
                tuple_item(obj, 3)?,
            ))
        }
    }
}

impl ToPy for i64 {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe { ffi::PyLong_FromLongLong(*self) }
    }
}

/// Set by [`register`] when floats may be allocated without `PyFloat_FromDouble`.
static DIRECT_FLOATS: AtomicBool = AtomicBool::new(false);

/// Enable [`new_float`]'s direct allocation when this interpreter's float layout is the one
/// this crate was compiled for: CPython with the GIL (a 16-byte object header), no
/// reference-count debugging (`sys.gettotalrefcount`), and `float.__basicsize__` equal to
/// `PyFloatObject`.  Anything else keeps the public `PyFloat_FromDouble`.
fn enable_direct_floats(py: Python<'_>) {
    let check = || -> PyResult<bool> {
        let sys = py.import("sys")?;
        let cpython = sys.getattr("implementation")?.getattr("name")?.extract::<String>()? == "cpython";
        let refdebug = sys.hasattr("gettotalrefcount")?;
        // SAFETY: reading a field of the static float type object.
        let basicsize = unsafe { (*std::ptr::addr_of!(ffi::PyFloat_Type)).tp_basicsize };
        Ok(cpython
            && !refdebug
            && std::mem::size_of::<ffi::PyObject>() == 16
            && basicsize as usize == std::mem::size_of::<ffi::PyFloatObject>())
    };
    DIRECT_FLOATS.store(check().unwrap_or(false), AtomicOrdering::Relaxed);
}

/// Whether [`new_float`] allocates directly (decided by [`register`]).
pub fn direct_floats_enabled() -> bool {
    DIRECT_FLOATS.load(AtomicOrdering::Relaxed)
}

/// A new Python float: what `PyFloat_FromDouble` returns, about 30% cheaper when building
/// large result lists.  When enabled by [`register`], the object is allocated with
/// `PyObject_Malloc` and its header written directly (refcount 1, type `float`), exactly as
/// PyFloat_FromDouble initialises a fresh object; `float_dealloc` frees it normally.
#[inline(always)]
pub fn new_float(x: f64) -> *mut ffi::PyObject {
    unsafe {
        if DIRECT_FLOATS.load(AtomicOrdering::Relaxed) {
            let p = ffi::PyObject_Malloc(std::mem::size_of::<ffi::PyFloatObject>())
                as *mut ffi::PyFloatObject;
            if p.is_null() {
                return ffi::PyErr_NoMemory();
            }
            let mut header = ffi::PyObject_HEAD_INIT;
            header.ob_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
            std::ptr::write(p, ffi::PyFloatObject { ob_base: header, ob_fval: x });
            p as *mut ffi::PyObject
        } else {
            ffi::PyFloat_FromDouble(x)
        }
    }
}

impl ToPy for f64 {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        new_float(*self)
    }
}

impl ToPy for bool {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            let obj = if *self { ffi::Py_True() } else { ffi::Py_False() };
            ffi::Py_INCREF(obj);
            obj
        }
    }
}

impl ToPy for Num {
    #[inline(always)]
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        match self {
            Num::Int(i) => i.to_py(py),
            Num::Float(x) => x.to_py(py),
        }
    }
}

impl ToPy for () {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            let obj = ffi::Py_None();
            ffi::Py_INCREF(obj);
            obj
        }
    }
}

impl ToPy for String {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        self.as_str().to_py(py)
    }
}

impl ToPy for &str {
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            ffi::PyUnicode_FromStringAndSize(
                self.as_ptr() as *const std::os::raw::c_char,
                self.len() as ffi::Py_ssize_t,
            )
        }
    }
}

/// A new Python list of `v`'s items, built in place (PyList_New + PyList_SET_ITEM).
#[inline(always)]
pub fn list_to_py<T: ToPy>(py: Python<'_>, v: &[T]) -> *mut ffi::PyObject {
    unsafe {
        let list = ffi::PyList_New(v.len() as ffi::Py_ssize_t);
        if list.is_null() {
            return list;
        }
        for (i, x) in v.iter().enumerate() {
            let item = x.to_py(py);
            if item.is_null() {
                ffi::Py_DECREF(list); // unset slots are NULL: list_dealloc skips them
                return std::ptr::null_mut();
            }
            ffi::PyList_SET_ITEM(list, i as ffi::Py_ssize_t, item);
        }
        list
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    #[inline(always)]
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        list_to_py(py, self)
    }
}

/// A new tuple from freshly built items (any NULL item releases the rest and returns NULL).
fn tuple_to_py(items: &[*mut ffi::PyObject]) -> *mut ffi::PyObject {
    unsafe {
        if items.iter().any(|p| p.is_null()) {
            for &p in items {
                if !p.is_null() {
                    ffi::Py_DECREF(p);
                }
            }
            return std::ptr::null_mut();
        }
        let t = ffi::PyTuple_New(items.len() as ffi::Py_ssize_t);
        if t.is_null() {
            for &p in items {
                ffi::Py_DECREF(p);
            }
            return t;
        }
        for (i, &p) in items.iter().enumerate() {
            ffi::PyTuple_SET_ITEM(t, i as ffi::Py_ssize_t, p);
        }
        t
    }
}

impl<A: ToPy> ToPy for (A,) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py)])
    }
}

impl<A: ToPy, B: ToPy> ToPy for (A, B) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py), self.1.to_py(py)])
    }
}

impl<A: ToPy, B: ToPy, C: ToPy> ToPy for (A, B, C) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py), self.1.to_py(py), self.2.to_py(py)])
    }
}

impl<A: ToPy, B: ToPy, C: ToPy, D: ToPy> ToPy for (A, B, C, D) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py), self.1.to_py(py), self.2.to_py(py), self.3.to_py(py)])
    }
}

/// Convert an argument; `None` means the caller must deopt.
#[inline(always)]
pub fn arg<T: FromPy>(obj: &Bound<'_, PyAny>) -> Option<T> {
    // SAFETY: a Bound is a valid reference held while attached to the interpreter.
    unsafe { T::from_py(obj.as_ptr()) }
}

/// Convert a result to a Python object (Err only on MemoryError).
#[inline(always)]
pub fn ret<T: ToPy>(py: Python<'_>, v: &T) -> PyResult<Py<PyAny>> {
    // SAFETY: to_py returns a new reference or NULL with an error set.
    unsafe { Bound::from_owned_ptr_or_err(py, v.to_py(py)).map(Bound::unbind) }
}

/// Are two arguments the same Python object (`a is b`)?  Used to deopt on aliased list
/// arguments that the function mutates.
#[inline(always)]
pub fn same_object(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> bool {
    a.as_ptr() == b.as_ptr()
}

/// Make the caller's list equal to `v` in place (`list[:] = v`, via PyList_SetSlice with a
/// fresh list), so a mutation done on the Rust copy is visible to the caller as in Python.
/// Nested lists are replaced by new list objects (not mutated in place): only write back
/// lists whose items are immutable values.
///
/// # Safety
/// `list` must be a `list` (checked by the caller's argument conversion).
pub unsafe fn write_back_list<T: ToPy>(
    py: Python<'_>,
    list: &Bound<'_, PyAny>,
    v: &[T],
) -> PyResult<()> {
    unsafe {
        let fresh = list_to_py(py, v);
        if fresh.is_null() {
            return Err(PyErr::fetch(py));
        }
        let rc = ffi::PyList_SetSlice(list.as_ptr(), 0, ffi::PY_SSIZE_T_MAX, fresh);
        ffi::Py_DECREF(fresh);
        if rc < 0 {
            return Err(PyErr::fetch(py));
        }
        Ok(())
    }
}
