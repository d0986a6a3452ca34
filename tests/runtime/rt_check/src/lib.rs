//! Test harness for the runtime crate (`rustify/runtime`): thin Python wrappers around every
//! runtime helper, so `tests/runtime/test_rt.py` can compare them with CPython.
//!
//! Conventions: a helper's `Err(Exc::Deopt)` surfaces as `RustifyDeopt`, `Err(Raise)` as the
//! Python exception; values go back through `rt::ret` (the same boundary code generated
//! crates use).

use rustify_rt as rt; // the dependency is added by rt_check_build.py, as gen adds it

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use rt::{CmpOp, FromPy, Num, PyRepr, ToPy, R};

type Obj = Py<PyAny>;

/// Turn a helper's result into what Python sees.
fn out<T: ToPy>(py: Python<'_>, r: R<T>) -> PyResult<Obj> {
    match r {
        Ok(v) => rt::ret(py, &v),
        Err(e) => Err(e.into_pyerr()),
    }
}

/// Strict argument conversion with the runtime's own FromPy (TypeError when not exact).
fn get<T: FromPy>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    rt::arg::<T>(obj).ok_or_else(|| PyTypeError::new_err("argument not convertible"))
}

fn op_of(name: &str) -> PyResult<CmpOp> {
    Ok(match name {
        "lt" => CmpOp::Lt,
        "le" => CmpOp::Le,
        "eq" => CmpOp::Eq,
        "ne" => CmpOp::Ne,
        "gt" => CmpOp::Gt,
        "ge" => CmpOp::Ge,
        _ => return Err(PyValueError::new_err("bad op")),
    })
}

// ---- binary helpers, by argument and result types ----------------------------------------

macro_rules! int2 {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: i64, b: i64) -> PyResult<Obj> {
            out(py, rt::$name(a, b))
        }
    )*};
}
int2!(int_add, int_sub, int_mul, int_floordiv, int_mod, int_divmod, int_truediv, int_pow,
      int_pow_nonneg, int_lshift, int_rshift, round_int_ndigits, math_gcd);

macro_rules! int2_plain {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: i64, b: i64) -> PyResult<Obj> {
            rt::ret(py, &rt::$name(a, b))
        }
    )*};
}
int2_plain!(int_and, int_or, int_xor);

macro_rules! int1 {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: i64) -> PyResult<Obj> {
            out(py, rt::$name(a))
        }
    )*};
}
int1!(int_neg, int_abs, math_factorial);

macro_rules! int1_plain {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: i64) -> PyResult<Obj> {
            rt::ret(py, &rt::$name(a))
        }
    )*};
}
int1_plain!(int_invert, int_to_float);

macro_rules! float2 {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Obj> {
            out(py, rt::$name(get::<f64>(a)?, get::<f64>(b)?))
        }
    )*};
}
float2!(float_truediv, float_floordiv, float_mod, float_divmod, float_pow, math_log_base,
        math_atan2, math_pow, math_fmod);

macro_rules! float2_plain {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Obj> {
            rt::ret(py, &rt::$name(get::<f64>(a)?, get::<f64>(b)?))
        }
    )*};
}
float2_plain!(math_copysign, math_hypot);

macro_rules! float1 {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Obj> {
            out(py, rt::$name(get::<f64>(a)?))
        }
    )*};
}
float1!(round_float, float_to_int, float_floor_int, float_ceil_int, math_sqrt, math_exp,
        math_expm1, math_log, math_log2, math_log10, math_log1p, math_sin, math_cos, math_tan,
        math_asin, math_acos, math_atan, math_sinh, math_cosh, math_tanh, math_floor, math_ceil,
        math_trunc);

macro_rules! float1_plain {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Obj> {
            rt::ret(py, &rt::$name(get::<f64>(a)?))
        }
    )*};
}
float1_plain!(float_neg, float_abs, math_fabs, math_isnan, math_isinf, math_isfinite,
              math_degrees, math_radians);

macro_rules! num2 {
    ($($name:ident),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Obj> {
            out(py, rt::$name(get::<Num>(a)?, get::<Num>(b)?))
        }
    )*};
}
num2!(num_add, num_sub, num_mul, num_truediv, num_floordiv, num_mod, num_pow, num_divmod);

#[pyfunction]
fn num_neg(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Obj> {
    out(py, rt::num_neg(get::<Num>(a)?))
}

#[pyfunction]
fn num_abs(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Obj> {
    out(py, rt::num_abs(get::<Num>(a)?))
}

#[pyfunction]
fn num_as_f64(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Obj> {
    rt::ret(py, &rt::num_as_f64(get::<Num>(a)?))
}

#[pyfunction]
fn num_cmp(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>, op: &str) -> PyResult<bool> {
    Ok(rt::num_cmp(get::<Num>(a)?, get::<Num>(b)?, op_of(op)?))
}

#[pyfunction]
fn num_eq(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(get::<Num>(a)? == get::<Num>(b)?)
}

#[pyfunction]
fn cmp_int_float(a: i64, b: &Bound<'_, PyAny>, op: &str) -> PyResult<bool> {
    Ok(rt::cmp_int_float(a, get::<f64>(b)?, op_of(op)?))
}

#[pyfunction]
fn cmp_float_int(a: &Bound<'_, PyAny>, b: i64, op: &str) -> PyResult<bool> {
    Ok(rt::cmp_float_int(get::<f64>(a)?, b, op_of(op)?))
}

#[pyfunction]
fn round_float_ndigits(py: Python<'_>, a: &Bound<'_, PyAny>, n: i64) -> PyResult<Obj> {
    out(py, rt::round_float_ndigits(get::<f64>(a)?, n))
}

#[pyfunction]
fn math_log_int(py: Python<'_>, a: i64) -> PyResult<Obj> {
    out(py, rt::math_log(rt::int_to_float(a)))
}

#[pyfunction]
fn math_hypot_n(py: Python<'_>, xs: &Bound<'_, PyAny>) -> PyResult<Obj> {
    rt::ret(py, &rt::math_hypot_n(&get::<Vec<f64>>(xs)?))
}

#[pyfunction]
fn math_dist(py: Python<'_>, p: &Bound<'_, PyAny>, q: &Bound<'_, PyAny>) -> PyResult<Obj> {
    out(py, rt::math_dist(&get::<Vec<f64>>(p)?, &get::<Vec<f64>>(q)?))
}

#[pyfunction]
fn int_from_bool(py: Python<'_>, b: &Bound<'_, PyAny>) -> PyResult<Obj> {
    rt::ret(py, &rt::int_from_bool(get::<bool>(b)?))
}

// ---- max / min / sum ----------------------------------------------------------------------

#[pyfunction]
fn max2_num(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Obj> {
    rt::ret(py, &rt::max2(get::<Num>(a)?, get::<Num>(b)?))
}

#[pyfunction]
fn min2_num(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Obj> {
    rt::ret(py, &rt::min2(get::<Num>(a)?, get::<Num>(b)?))
}

macro_rules! over_list {
    ($($name:ident : $t:ty),*) => {$(
        #[pyfunction]
        fn $name(py: Python<'_>, xs: &Bound<'_, PyAny>) -> PyResult<Obj> {
            out(py, rt::$name(get::<Vec<$t>>(xs)?))
        }
    )*};
}
over_list!(max_f64: f64, min_f64: f64, max_i64: i64, min_i64: i64, max_num: Num, min_num: Num,
           sum_i64: i64, sum_num: Num, sum_num_compensated: Num);

#[pyfunction]
fn sum_f64(py: Python<'_>, xs: &Bound<'_, PyAny>) -> PyResult<Obj> {
    rt::ret(py, &rt::sum_f64(get::<Vec<f64>>(xs)?))
}

#[pyfunction]
fn sum_f64_compensated(py: Python<'_>, xs: &Bound<'_, PyAny>) -> PyResult<Obj> {
    rt::ret(py, &rt::sum_f64_compensated(get::<Vec<f64>>(xs)?))
}

// ---- sequences ----------------------------------------------------------------------------

#[pyfunction]
fn norm_index(py: Python<'_>, i: i64, len: usize, what: &str) -> PyResult<Obj> {
    let what: &'static str = match what {
        "list" => "list",
        "tuple" => "tuple",
        "string" => "string",
        "list assignment" => "list assignment",
        _ => return Err(PyValueError::new_err("bad what")),
    };
    out(py, rt::norm_index(i, len, what).map(|u| u as i64).map_err(rt::Exc::from))
}

#[pyfunction]
#[pyo3(signature = (xs, i=None))]
fn list_pop(py: Python<'_>, xs: &Bound<'_, PyAny>, i: Option<i64>) -> PyResult<Obj> {
    let mut v = get::<Vec<Num>>(xs)?;
    let popped = rt::list_pop(&mut v, i);
    out(py, popped.map(|x| (x, v)))
}

#[pyfunction]
fn list_insert(py: Python<'_>, xs: &Bound<'_, PyAny>, i: i64, x: &Bound<'_, PyAny>) -> PyResult<Obj> {
    let mut v = get::<Vec<Num>>(xs)?;
    rt::list_insert(&mut v, i, get::<Num>(x)?);
    rt::ret(py, &v)
}

#[pyfunction]
fn list_index(py: Python<'_>, xs: &Bound<'_, PyAny>, x: &Bound<'_, PyAny>) -> PyResult<Obj> {
    let v = get::<Vec<Num>>(xs)?;
    out(py, rt::list_index(&v, &get::<Num>(x)?).map(|u| u as i64))
}

#[pyfunction]
fn list_count(py: Python<'_>, xs: &Bound<'_, PyAny>, x: &Bound<'_, PyAny>) -> PyResult<Obj> {
    let v = get::<Vec<Num>>(xs)?;
    out(py, rt::list_count(&v, &get::<Num>(x)?))
}

#[pyfunction]
fn list_remove(py: Python<'_>, xs: &Bound<'_, PyAny>, x: &Bound<'_, PyAny>) -> PyResult<Obj> {
    let mut v = get::<Vec<Num>>(xs)?;
    let r = rt::list_remove(&mut v, &get::<Num>(x)?);
    out(py, r.map(|_| v))
}

#[pyfunction]
fn list_repeat(py: Python<'_>, xs: &Bound<'_, PyAny>, n: i64) -> PyResult<Obj> {
    let v = get::<Vec<Num>>(xs)?;
    out(py, rt::list_repeat(&v, n))
}

#[pyfunction]
fn range_len(py: Python<'_>, start: i64, stop: i64, step: i64) -> PyResult<Obj> {
    out(py, rt::range_len(start, stop, step).map(|u| u as i64))
}

#[pyfunction]
fn repr_float(a: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(rt::float_repr(get::<f64>(a)?))
}

#[pyfunction]
fn repr_num_list(a: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(get::<Vec<Num>>(a)?.py_repr())
}

#[pyfunction]
fn repr_value(a: &Bound<'_, PyAny>) -> PyResult<String> {
    // Try the shapes the tests use, most specific first.
    if let Some(v) = rt::arg::<bool>(a) {
        return Ok(v.py_repr());
    }
    if let Some(v) = rt::arg::<Num>(a) {
        return Ok(v.py_repr());
    }
    if let Some(v) = rt::arg::<()>(a) {
        return Ok(v.py_repr());
    }
    if let Some(v) = rt::arg::<(Num,)>(a) {
        return Ok(v.py_repr());
    }
    if let Some(v) = rt::arg::<(Num, Num)>(a) {
        return Ok(v.py_repr());
    }
    if let Some(v) = rt::arg::<(Num, bool, Num)>(a) {
        return Ok(v.py_repr());
    }
    if let Some(v) = rt::arg::<(Num, Num, Num, Num)>(a) {
        return Ok(v.py_repr());
    }
    if let Some(v) = rt::arg::<Vec<Vec<Num>>>(a) {
        return Ok(v.py_repr());
    }
    Err(PyTypeError::new_err("unsupported"))
}

// ---- boundary round trips -------------------------------------------------------------------

macro_rules! roundtrip {
    ($($name:ident : $t:ty),*) => {$(
        /// `arg::<T>` then `ret`: the value back, or RustifyDeopt when not convertible.
        #[pyfunction]
        fn $name(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Obj> {
            match rt::arg::<$t>(obj) {
                Some(v) => rt::ret(py, &v),
                None => Err(rt::Exc::Deopt.into_pyerr()),
            }
        }
    )*};
}
roundtrip!(rt_i64: i64, rt_f64: f64, rt_bool: bool, rt_num: Num, rt_none: (), rt_str: String,
           rt_list_f64: Vec<f64>, rt_list_i64: Vec<i64>, rt_list_num: Vec<Num>,
           rt_list_bool: Vec<bool>, rt_list_list_f64: Vec<Vec<f64>>, rt_tuple1: (i64,),
           rt_tuple2: (i64, f64), rt_tuple3: (f64, Vec<i64>, bool),
           rt_tuple4: (Num, Num, Num, String));

/// The boundary benchmark: read a list of floats into a Vec and build a new list from it.
#[pyfunction]
fn copy_list(py: Python<'_>, xs: &Bound<'_, PyAny>) -> PyResult<Obj> {
    match rt::arg::<Vec<f64>>(xs) {
        Some(v) => rt::ret(py, &v),
        None => Err(rt::Exc::Deopt.into_pyerr()),
    }
}

/// Read only (no result list): the per-element cost of `arg::<Vec<f64>>`.
#[pyfunction]
fn read_list(xs: &Bound<'_, PyAny>) -> PyResult<usize> {
    match rt::arg::<Vec<f64>>(xs) {
        Some(v) => Ok(v.len()),
        None => Err(rt::Exc::Deopt.into_pyerr()),
    }
}

/// `xs[:] = values`: exercise write_back_list.
#[pyfunction]
fn write_back(py: Python<'_>, xs: &Bound<'_, PyAny>, values: &Bound<'_, PyAny>) -> PyResult<()> {
    let v = get::<Vec<Num>>(values)?;
    get::<Vec<Num>>(xs)?; // the target must be an exact list, as generated code checks
    unsafe { rt::write_back_list(py, xs, &v) }
}

#[pyfunction]
fn direct_floats_enabled() -> bool {
    rt::direct_floats_enabled()
}

/// `n` new floats 0.0, 1.0, ... built through `ToPy for f64` (the direct allocator).
#[pyfunction]
fn make_floats(py: Python<'_>, n: usize) -> PyResult<Obj> {
    let v: Vec<f64> = (0..n).map(|i| i as f64).collect();
    rt::ret(py, &v)
}

#[pyfunction]
fn same_object(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> bool {
    rt::same_object(a, b)
}

/// A translated function shaped like generated code: `isqrt_floor(x)` deopts on negative x
/// (the Python original then runs via the registered fallback).
#[pyfunction]
fn fb_demo(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Obj> {
    let Some(v) = rt::arg::<i64>(x) else {
        return rt::call_fallback(py, "fb_demo", &[x]);
    };
    let r: R<i64> = if v < 0 { rt::deopt() } else { rt::int_mul(v, 2) };
    rt::finish(py, "fb_demo", &[x], r)
}

/// Raise a given ExcKind with a message (checks into_pyerr's class mapping).
#[pyfunction]
fn raise_kind(kind: &str, msg: &str) -> PyResult<()> {
    use rt::ExcKind::*;
    let k = match kind {
        "ValueError" => ValueError,
        "ZeroDivisionError" => ZeroDivisionError,
        "IndexError" => IndexError,
        "OverflowError" => OverflowError,
        "AssertionError" => AssertionError,
        "TypeError" => TypeError,
        "KeyError" => KeyError,
        "RuntimeError" => RuntimeError,
        "RecursionError" => RecursionError,
        "NotImplementedError" => NotImplementedError,
        "ArithmeticError" => ArithmeticError,
        "LookupError" => LookupError,
        "Exception" => Exception,
        _ => return Err(PyValueError::new_err("bad kind")),
    };
    let r: R<()> = rt::raise(k, msg);
    r.map_err(|e| e.into_pyerr())
}

/// The guard's fingerprint of a code object (compared with translate/fingerprint.py).
#[pyfunction]
fn code_fingerprint(code: &Bound<'_, PyAny>) -> PyResult<u64> {
    rt::code_fingerprint(code)
}

#[pymodule]
fn rt_check(m: &Bound<'_, PyModule>) -> PyResult<()> {
    rt::register(m)?;
    macro_rules! add {
        ($($f:ident),* $(,)?) => {$( m.add_function(wrap_pyfunction!($f, m)?)?; )*};
    }
    add!(int_add, int_sub, int_mul, int_floordiv, int_mod, int_divmod, int_truediv, int_pow,
         int_pow_nonneg, int_lshift, int_rshift, round_int_ndigits, math_gcd, int_and, int_or,
         int_xor, int_neg, int_abs, math_factorial, int_invert, int_to_float);
    add!(float_truediv, float_floordiv, float_mod, float_divmod, float_pow, math_log_base,
         math_atan2, math_pow, math_fmod, math_copysign, math_hypot);
    add!(round_float, float_to_int, float_floor_int, float_ceil_int, math_sqrt, math_exp,
         math_expm1, math_log, math_log2, math_log10, math_log1p, math_sin, math_cos, math_tan,
         math_asin, math_acos, math_atan, math_sinh, math_cosh, math_tanh, math_floor,
         math_ceil, math_trunc);
    add!(float_neg, float_abs, math_fabs, math_isnan, math_isinf, math_isfinite, math_degrees,
         math_radians);
    add!(num_add, num_sub, num_mul, num_truediv, num_floordiv, num_mod, num_pow, num_divmod,
         num_neg, num_abs, num_as_f64, num_cmp, num_eq, cmp_int_float, cmp_float_int);
    add!(round_float_ndigits, math_log_int, math_hypot_n, math_dist, int_from_bool);
    add!(max2_num, min2_num, max_f64, min_f64, max_i64, min_i64, max_num, min_num, sum_i64,
         sum_num, sum_num_compensated, sum_f64, sum_f64_compensated);
    add!(norm_index, list_pop, list_insert, list_index, list_count, list_remove, list_repeat,
         range_len, repr_float, repr_num_list, repr_value);
    add!(rt_i64, rt_f64, rt_bool, rt_num, rt_none, rt_str, rt_list_f64, rt_list_i64,
         rt_list_num, rt_list_bool, rt_list_list_f64, rt_tuple1, rt_tuple2, rt_tuple3,
         rt_tuple4, copy_list, read_list, write_back, same_object, fb_demo, raise_kind,
         direct_floats_enabled, make_floats, code_fingerprint);
    Ok(())
}
