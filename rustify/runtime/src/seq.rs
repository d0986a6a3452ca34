use super::*;

// =====================================================================================
// 9. Sequences and reductions used by generated code
// =====================================================================================

/// Python truth value of an int-or-float.
#[inline(always)]
pub fn num_truthy(n: Num) -> bool {
    match n {
        Num::Int(i) => i != 0,
        Num::Float(f) => f != 0.0,
    }
}

/// `int(x)` of an int-or-float (Objects/floatobject.c float___trunc___impl for floats).
#[inline(always)]
pub fn num_to_int(n: Num) -> R<i64> {
    match n {
        Num::Int(i) => Ok(i),
        Num::Float(f) => float_to_int(f),
    }
}

/// `sum(items, start)` with an int-or-float start, as Python/bltinmodule.c builtin_sum_impl
/// (3.11): from an int start, ints are summed exactly (CPython moves to big ints when a C
/// long overflows) until the first float, which meets `float(total)`; from then on, and
/// from a float start, plain double additions (ints as `(double)value`).  Only a final
/// all-int total beyond i64 deopts.
pub fn sum_num_from(start: Num, items: impl IntoIterator<Item = Num>) -> R<Num> {
    let mut it = items.into_iter();
    let mut total = match start {
        Num::Int(s) => {
            let (exact, _, first_float) = sum_int_phase(&mut it);
            let exact = exact + s as i128;
            let Some(x) = first_float else {
                return match i64::try_from(exact) {
                    Ok(v) => Ok(Num::Int(v)),
                    Err(_) => deopt(),
                };
            };
            exact as f64 + x // i128 -> f64 rounds half-even, as PyLong_AsDouble
        }
        Num::Float(f) => f,
    };
    for item in it {
        total += num_as_f64(item);
    }
    Ok(Num::Float(total))
}

/// `sum(ints, start)` for an int start: the exact total; beyond i64 deopts.
pub fn sum_i64_from(start: i64, items: impl IntoIterator<Item = i64>) -> R<i64> {
    let mut total = start as i128;
    for x in items {
        total += x as i128;
    }
    match i64::try_from(total) {
        Ok(v) => Ok(v),
        Err(_) => deopt(),
    }
}

/// 3.12+ `sum()` (compensated float addition): only from the default start 0.
pub fn sum_num_from_compensated(start: Num, items: impl IntoIterator<Item = Num>) -> R<Num> {
    match start {
        Num::Int(0) => sum_num_compensated(items),
        _ => deopt(),
    }
}

/// `sum(items, start)` with a float start: CPython's float loop from the first item.
pub fn sum_float_from(start: f64, items: impl IntoIterator<Item = Num>) -> R<f64> {
    Ok(num_as_f64(sum_num_from(Num::Float(start), items)?))
}

/// `xs[start:stop:step]` (Objects/sliceobject.c PySlice_Unpack + PySlice_AdjustIndices, then
/// list_subscript's loop over `slicelength` items).  Index arithmetic is done in 128 bits:
/// a step near i64::MAX must not overflow (CPython's Py_ssize_t arithmetic cannot either).
pub fn list_slice<T: Clone>(v: &[T], start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> R<Vec<T>> {
    Ok(slice_indices(v.len(), start, stop, step)?.map(|i| v[i].clone()).collect())
}

/// The indexes `xs[start:stop:step]` takes from a list of `len` items, in order
/// (PySlice_AdjustIndices); ValueError "slice step cannot be zero".
pub fn slice_indices(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> R<impl ExactSizeIterator<Item = usize>> {
    let step = step.unwrap_or(1) as i128;
    if step == 0 {
        return raise(ExcKind::ValueError, "slice step cannot be zero");
    }
    let len = len as i128;
    let adjust = |x: Option<i64>, default: i128| -> i128 {
        match x {
            None => default,
            Some(i) => {
                let mut i = i as i128;
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = if step < 0 { -1 } else { 0 };
                    }
                } else if i >= len {
                    i = if step < 0 { len - 1 } else { len };
                }
                i
            }
        }
    };
    let (s, e) = if step < 0 {
        (adjust(start, len - 1), adjust(stop, -1))
    } else {
        (adjust(start, 0), adjust(stop, len))
    };
    let count = if step < 0 {
        if e < s { (s - e - 1) / (-step) + 1 } else { 0 }
    } else if s < e {
        (e - s - 1) / step + 1
    } else {
        0
    };
    Ok((0..count as usize).map(move |k| (s + k as i128 * step) as usize))
}

fn sort_checked<T: Copy>(v: &[T], reverse: bool, is_nan: impl Fn(&T) -> bool, cmp: impl Fn(&T, &T) -> Ordering) -> R<Vec<T>> {
    // With a NaN the order CPython's timsort produces depends on its exact comparisons: deopt.
    if v.iter().any(|x| is_nan(x)) {
        return deopt();
    }
    let mut out = v.to_vec();
    // a stable sort with reversed comparisons: equal items keep their order, as in CPython
    if reverse {
        out.sort_by(|a, b| cmp(b, a));
    } else {
        out.sort_by(|a, b| cmp(a, b));
    }
    Ok(out)
}

/// `sorted(xs)` / `sorted(xs, reverse=True)` of ints.
pub fn sorted_i64(v: &[i64], reverse: bool) -> R<Vec<i64>> {
    sort_checked(v, reverse, |_| false, |a, b| a.cmp(b))
}

/// `sorted(xs)` of floats (-0.0 and 0.0 are equal and keep their order, as in CPython).
pub fn sorted_f64(v: &[f64], reverse: bool) -> R<Vec<f64>> {
    sort_checked(v, reverse, |x| x.is_nan(), |a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal))
}

/// `sorted(xs)` of ints and floats mixed (exact int/float comparison).
pub fn sorted_num(v: &[Num], reverse: bool) -> R<Vec<Num>> {
    sort_checked(
        v,
        reverse,
        |x| matches!(x, Num::Float(f) if f.is_nan()),
        |a, b| {
            if num_cmp(*a, *b, CmpOp::Lt) {
                Ordering::Less
            } else if num_cmp(*b, *a, CmpOp::Lt) {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        },
    )
}

fn num_is_nan(x: Num) -> bool {
    matches!(x, Num::Float(f) if f.is_nan())
}

/// `x in seq` for numbers: CPython tests identity then `==`; a NaN needle could match
/// itself by identity, which native values cannot see, so it deopts.
pub fn seq_contains(items: impl IntoIterator<Item = Num>, x: Num) -> R<bool> {
    if num_is_nan(x) {
        return deopt();
    }
    Ok(items.into_iter().any(|item| num_cmp(item, x, CmpOp::Eq)))
}

/// `seq.index(x)` for numbers (ValueError "x is not in list" with CPython's repr).
pub fn seq_index(items: impl IntoIterator<Item = Num>, x: Num) -> R<i64> {
    if num_is_nan(x) {
        return deopt();
    }
    for (k, item) in items.into_iter().enumerate() {
        if num_cmp(item, x, CmpOp::Eq) {
            return Ok(k as i64);
        }
    }
    raise(ExcKind::ValueError, format!("{} is not in list", x.py_repr()))
}

/// `seq.count(x)` for numbers.
pub fn seq_count(items: impl IntoIterator<Item = Num>, x: Num) -> R<i64> {
    if num_is_nan(x) {
        return deopt();
    }
    Ok(items.into_iter().filter(|item| num_cmp(*item, x, CmpOp::Eq)).count() as i64)
}

/// CPython's `==` between two values of one native type, where Rust can give it: None
/// where CPython would look at identity first and native values cannot (a NaN: the same
/// NaN object is equal to itself inside a tuple or list, or as the needle of `in`).
pub trait PyEq {
    fn py_eq(&self, other: &Self) -> Option<bool>;
}

macro_rules! py_eq_plain {
    ($($t:ty),*) => { $(impl PyEq for $t {
        #[inline(always)]
        fn py_eq(&self, other: &Self) -> Option<bool> {
            Some(self == other)
        }
    })* };
}
py_eq_plain!(i64, bool, Str, Bytes);

impl PyEq for f64 {
    fn py_eq(&self, other: &f64) -> Option<bool> {
        if self.is_nan() || other.is_nan() { None } else { Some(self == other) }
    }
}

impl PyEq for Num {
    fn py_eq(&self, other: &Num) -> Option<bool> {
        if num_is_nan(*self) || num_is_nan(*other) { None } else { Some(self == other) }
    }
}

impl<T: PyEq> PyEq for Option<T> {
    fn py_eq(&self, other: &Option<T>) -> Option<bool> {
        match (self, other) {
            (None, None) => Some(true), // None is one object
            (Some(a), Some(b)) => a.py_eq(b),
            _ => Some(false),
        }
    }
}

/// Items compared in order (list_richcompare, tuplerichcompare): the first unequal one decides.
fn py_eq_items<'a, T: PyEq + 'a>(pairs: impl IntoIterator<Item = (&'a T, &'a T)>) -> Option<bool> {
    for (a, b) in pairs {
        if !a.py_eq(b)? {
            return Some(false);
        }
    }
    Some(true)
}

impl<T: PyEq> PyEq for Vec<T> {
    fn py_eq(&self, other: &Vec<T>) -> Option<bool> {
        if self.len() != other.len() {
            return Some(false);
        }
        py_eq_items(self.iter().zip(other.iter()))
    }
}

macro_rules! py_eq_tuple {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: PyEq),+> PyEq for ($($name,)+) {
            fn py_eq(&self, other: &Self) -> Option<bool> {
                $( if !self.$idx.py_eq(&other.$idx)? { return Some(false); } )+
                Some(true)
            }
        }
    };
}
py_eq_tuple!(A 0);
py_eq_tuple!(A 0, B 1);
py_eq_tuple!(A 0, B 1, C 2);
py_eq_tuple!(A 0, B 1, C 2, D 3);
py_eq_tuple!(A 0, B 1, C 2, D 3, E 4);
py_eq_tuple!(A 0, B 1, C 2, D 3, E 4, F 5);
py_eq_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
py_eq_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);

/// `a == b` of two lists, tuples or optionals (CPython's `==` item by item); deopts where
/// identity would decide.
pub fn py_eq<T: PyEq>(a: &T, b: &T) -> R<bool> {
    match a.py_eq(b) {
        Some(same) => Ok(same),
        None => deopt(),
    }
}

/// `x in seq` for values other than numbers (tuples, bools, lists, optionals): CPython's
/// `==` item by item; where identity would decide (a NaN inside), the original does.
pub fn seq_contains_eq<'a, T: PyEq + 'a>(items: impl IntoIterator<Item = &'a T>, x: &T) -> R<bool> {
    for item in items {
        match item.py_eq(x) {
            Some(true) => return Ok(true),
            Some(false) => {}
            None => return deopt(),
        }
    }
    Ok(false)
}

// =====================================================================================
// 10. Recursion depth
// =====================================================================================

thread_local! {
    static DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How deep translated recursive functions may call themselves before handing the call to
/// Python.  CPython raises RecursionError past `sys.getrecursionlimit()` frames (1000 by
/// default, counting the caller's frames too) where native code would just go on (or
/// overflow its stack): beyond this depth the original function runs instead, so CPython
/// decides.  Exact as long as the caller is less than `limit - MAX_DEPTH` frames deep.
pub const MAX_DEPTH: u32 = 400;

/// Held by each active call of a recursive translated function (RAII depth counter).
pub struct DepthGuard(());

impl DepthGuard {
    /// Count one more level; deopts past [`MAX_DEPTH`].
    #[inline(always)]
    pub fn enter() -> R<DepthGuard> {
        DEPTH.with(|d| {
            let n = d.get();
            if n >= MAX_DEPTH {
                return deopt();
            }
            d.set(n + 1);
            Ok(DepthGuard(()))
        })
    }
}

impl Drop for DepthGuard {
    #[inline(always)]
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

// =====================================================================================
// 11. Aliasing at the boundary
// =====================================================================================

/// Is `needle` the object `container` itself, or held anywhere inside it (through nested
/// lists and tuples)?  A list argument the function changes in place that is also reachable
/// from another argument would be two independent copies in Rust: the caller deopts.
/// Only called after `container` converted to its (finite) declared type, so it is acyclic.
pub fn holds_object(container: &Bound<'_, PyAny>, needle: &Bound<'_, PyAny>) -> bool {
    // SAFETY: both are valid references held while attached to the interpreter; items of
    // lists and tuples are borrowed for the duration of the (GIL-holding) search.
    unsafe { holds_ptr(container.as_ptr(), needle.as_ptr()) }
}

unsafe fn holds_ptr(container: *mut ffi::PyObject, needle: *mut ffi::PyObject) -> bool {
    unsafe {
        if container == needle {
            return true;
        }
        if ffi::PyList_CheckExact(container) != 0 {
            for i in 0..ffi::PyList_GET_SIZE(container) {
                if holds_ptr(ffi::PyList_GET_ITEM(container, i), needle) {
                    return true;
                }
            }
        } else if ffi::PyTuple_CheckExact(container) != 0 {
            for i in 0..ffi::PyTuple_GET_SIZE(container) {
                if holds_ptr(ffi::PyTuple_GET_ITEM(container, i), needle) {
                    return true;
                }
            }
        } else if ffi::PyDict_CheckExact(container) != 0 {
            // dict values (keys are immutable): a list argument may also be a dict value
            let mut pos: ffi::Py_ssize_t = 0;
            let mut key: *mut ffi::PyObject = std::ptr::null_mut();
            let mut value: *mut ffi::PyObject = std::ptr::null_mut();
            while ffi::PyDict_Next(container, &mut pos, &mut key, &mut value) != 0 {
                if holds_ptr(value, needle) {
                    return true;
                }
            }
        }
        false
    }
}

// =====================================================================================
// 12. Optional and keyword-only arguments of exported functions
// =====================================================================================

/// An argument with a default value: given (any object, `None` included) or left out.
/// PyO3 maps an explicit `None` to `Option::None`, which would make `f(x, None)` take the
/// default where Python passes `None` on; this keeps the two apart.
pub enum Given<'py> {
    Arg(Bound<'py, PyAny>),
    Missing,
}

impl<'a, 'py> FromPyObject<'a, 'py> for Given<'py> {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Given::Arg(obj.to_owned()))
    }
}

/// [`call_fallback`] with the last `kwnames.len()` arguments passed by keyword (keyword-only
/// parameters of the Python original).
pub fn call_fallback_kw(
    py: Python<'_>,
    name: &str,
    args: &[&Bound<'_, PyAny>],
    kwnames: &[&str],
) -> PyResult<Py<PyAny>> {
    let Some(func) = get_fallback(py, name) else {
        return Err(RustifyDeopt::new_err(name.to_owned()));
    };
    let names = pyo3::types::PyTuple::new(py, kwnames)?;
    let ptrs: Vec<*mut ffi::PyObject> = args.iter().map(|a| a.as_ptr()).collect();
    // SAFETY: attached to the interpreter; `ptrs` are borrowed references kept alive by
    // `args`, `names` by this frame, for the duration of the call.
    unsafe {
        let result = ffi::PyObject_Vectorcall(
            func.as_ptr(),
            ptrs.as_ptr(),
            args.len() - kwnames.len(),
            names.as_ptr(),
        );
        Bound::from_owned_ptr_or_err(py, result).map(Bound::unbind)
    }
}

/// How a deopt passes one parameter to the Python original (see [`call_fallback_spread`]).
#[derive(Clone, Copy)]
pub enum Pass {
    Positional,
    Keyword,
    /// `*args`: the tuple's items, positionally
    Star,
    /// `**kwargs`: the dict's items, by keyword
    StarStar,
}

/// [`call_fallback`] for a function with `*args` or `**kwargs`: each parameter's object
/// passed as `shape` says, so the original binds them as it did for the caller.
pub fn call_fallback_spread(
    py: Python<'_>,
    name: &str,
    args: &[&Bound<'_, PyAny>],
    shape: &[(&str, Pass)],
) -> PyResult<Py<PyAny>> {
    let Some(func) = get_fallback(py, name) else {
        return Err(RustifyDeopt::new_err(name.to_owned()));
    };
    let mut positional: Vec<Bound<'_, PyAny>> = Vec::new();
    let keywords = pyo3::types::PyDict::new(py);
    for (arg, (param, how)) in args.iter().zip(shape) {
        match how {
            Pass::Positional => positional.push((*arg).clone()),
            Pass::Keyword => keywords.set_item(*param, *arg)?,
            Pass::Star => positional.extend(arg.try_iter()?.collect::<PyResult<Vec<_>>>()?),
            Pass::StarStar => {
                for (key, value) in arg.cast::<pyo3::types::PyDict>()?.iter() {
                    keywords.set_item(key, value)?;
                }
            }
        }
    }
    let positional = pyo3::types::PyTuple::new(py, positional)?;
    func.bind(py).call(positional, Some(&keywords)).map(Bound::unbind)
}

/// `round(x)` of an int-or-float: an int either way (int.__round__ / float.__round__).
#[inline(always)]
pub fn num_round(n: Num) -> R<i64> {
    match n {
        Num::Int(i) => Ok(i),
        Num::Float(f) => round_float(f),
    }
}

/// `round(x, n)` of an int-or-float: keeps the type of `x`.
#[inline(always)]
pub fn num_round_ndigits(x: Num, n: i64) -> R<Num> {
    match x {
        Num::Int(i) => round_int_ndigits(i, n).map(Num::Int),
        Num::Float(f) => round_float_ndigits(f, n).map(Num::Float),
    }
}

// =====================================================================================
// 13. assert and `python -O`
// =====================================================================================

static ASSERTS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Read `sys.flags.optimize` once, at import: under `python -O` CPython compiles `assert`
/// statements away (the condition is not even evaluated), and so does translated code.
pub fn init_asserts(py: Python<'_>) -> PyResult<()> {
    let optimize: i64 = py.import("sys")?.getattr("flags")?.getattr("optimize")?.extract()?;
    ASSERTS.store(optimize == 0, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// Whether `assert` statements run (false under `python -O`).
#[inline(always)]
pub fn asserts_enabled() -> bool {
    ASSERTS.load(std::sync::atomic::Ordering::Relaxed)
}

/// `xs[start:stop]` as a view (no copy) for code that only reads it: the bounds follow
/// PySlice_AdjustIndices for step 1, so the view holds exactly the items the slice would.
#[inline(always)]
pub fn slice_view<T>(v: &[T], start: Option<i64>, stop: Option<i64>) -> &[T] {
    let len = v.len() as i64;
    let clamp = |x: Option<i64>, default: i64| -> usize {
        match x {
            None => default as usize,
            Some(i) if i < 0 => (i.saturating_add(len)).max(0) as usize,
            Some(i) => i.min(len) as usize,
        }
    };
    let (a, b) = (clamp(start, 0), clamp(stop, len));
    if a >= b {
        &v[0..0]
    } else {
        &v[a..b]
    }
}

/// `v[start:stop:step] = items` (Objects/listobject.c list_ass_subscript): with step 1 the
/// slice (clamped, never reversed) is replaced by any number of items; an extended slice
/// needs exactly as many items as it selects, else ValueError with CPython's message.
pub fn list_set_slice<T>(v: &mut Vec<T>, start: Option<i64>, stop: Option<i64>, step: Option<i64>, items: Vec<T>) -> R<()> {
    let step = step.unwrap_or(1) as i128;
    if step == 0 {
        return raise(ExcKind::ValueError, "slice step cannot be zero");
    }
    let len = v.len() as i128;
    let adjust = |x: Option<i64>, default: i128| -> i128 {
        match x {
            None => default,
            Some(i) => {
                let mut i = i as i128;
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = if step < 0 { -1 } else { 0 };
                    }
                } else if i >= len {
                    i = if step < 0 { len - 1 } else { len };
                }
                i
            }
        }
    };
    let (s, e) = if step < 0 { (adjust(start, len - 1), adjust(stop, -1)) } else { (adjust(start, 0), adjust(stop, len)) };
    if step == 1 {
        let (lo, hi) = (s as usize, e.max(s) as usize);
        v.splice(lo..hi, items);
        return Ok(());
    }
    let count = if step < 0 {
        if e < s { (s - e - 1) / (-step) + 1 } else { 0 }
    } else if s < e {
        (e - s - 1) / step + 1
    } else {
        0
    };
    if items.len() as i128 != count {
        return raise(
            ExcKind::ValueError,
            format!("attempt to assign sequence of size {} to extended slice of size {}", items.len(), count),
        );
    }
    let mut at = s;
    for item in items {
        v[at as usize] = item;
        at += step;
    }
    Ok(())
}
