use super::*;

// =====================================================================================
// Dicts, sets and `T | None` (rustify/translate/builtins_dict.py, emit/dicts.py)
// =====================================================================================
//
// dict[K, V] is an indexmap::IndexMap (insertion order, as CPython's dict); removal uses
// shift_remove so the other keys keep their order. set[T] is an indexmap::IndexSet whose
// order is never observed (iterating a set is rejected by the translator).

/// A dict: insertion-ordered, hashed with [`FxHasher`].
pub type Dict<K, V> = indexmap::IndexMap<K, V, FxBuild>;
/// A set (its order is never observed).
pub type Set<T> = indexmap::IndexSet<T, FxBuild>;

/// The Fx hash (rustc's): a multiply-rotate per word, much cheaper than SipHash for the
/// int and tuple keys translated code uses. Python's own int hash is the identity, so
/// flooding resistance is no worse than CPython's for int keys.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline(always)]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(FX_SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline(always)]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64)
    }
    #[inline(always)]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64)
    }
    #[inline(always)]
    fn write_u64(&mut self, i: u64) {
        self.add(i)
    }
    #[inline(always)]
    fn write_i64(&mut self, i: i64) {
        self.add(i as u64)
    }
    #[inline(always)]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64)
    }
    #[inline(always)]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Marks a KeyError message that is the repr of the missing key: the exception is raised
/// with the key itself as its argument (`str(KeyError((1, 2)))` is `(1, 2)`).
pub const KEY_REPR_MARK: &str = "\u{0}key:";

/// A Python literal for a dict key, read back by `ast.literal_eval` to raise KeyError with
/// the key itself (so it only has to evaluate to an equal key, not be its exact repr).
pub trait KeyRepr {
    fn key_repr(&self) -> String;
}

impl KeyRepr for i64 {
    fn key_repr(&self) -> String {
        self.to_string()
    }
}

impl KeyRepr for Str {
    fn key_repr(&self) -> String {
        self.py_repr()
    }
}

impl KeyRepr for Bytes {
    fn key_repr(&self) -> String {
        let mut out = String::from("b'");
        for b in self.0.iter() {
            out.push_str(&format!("\\x{:02x}", b));
        }
        out.push('\'');
        out
    }
}

impl<A: KeyRepr> KeyRepr for (A,) {
    fn key_repr(&self) -> String {
        format!("({},)", self.0.key_repr())
    }
}

impl<A: KeyRepr, B: KeyRepr> KeyRepr for (A, B) {
    fn key_repr(&self) -> String {
        format!("({}, {})", self.0.key_repr(), self.1.key_repr())
    }
}

impl<A: KeyRepr, B: KeyRepr, C: KeyRepr> KeyRepr for (A, B, C) {
    fn key_repr(&self) -> String {
        format!("({}, {}, {})", self.0.key_repr(), self.1.key_repr(), self.2.key_repr())
    }
}

impl<A: KeyRepr, B: KeyRepr, C: KeyRepr, D: KeyRepr> KeyRepr for (A, B, C, D) {
    fn key_repr(&self) -> String {
        format!("({}, {}, {}, {})", self.0.key_repr(), self.1.key_repr(), self.2.key_repr(), self.3.key_repr())
    }
}

/// KeyError(key) for a missing key.
#[cold]
#[inline(never)]
pub fn key_error<T, K: KeyRepr>(k: &K) -> R<T> {
    raise(ExcKind::KeyError, format!("{}{}", KEY_REPR_MARK, k.key_repr()))
}

/// The arguments of a KeyError: the key rebuilt from its repr (ints and tuples of ints,
/// literals `ast.literal_eval` reads back), or the plain message.
pub struct KeyErrorArgs(pub String);

impl pyo3::PyErrArguments for KeyErrorArgs {
    fn arguments(self, py: Python<'_>) -> Py<PyAny> {
        let text = self.0;
        if let Some(repr) = text.strip_prefix(KEY_REPR_MARK) {
            let key = py
                .import("ast")
                .and_then(|m| m.getattr("literal_eval"))
                .and_then(|f| f.call1((repr,)));
            if let Ok(key) = key {
                if let Ok(t) = pyo3::types::PyTuple::new(py, [key]) {
                    return t.into_any().unbind();
                }
            }
            return pyo3::types::PyString::new(py, repr).into_any().unbind();
        }
        pyo3::types::PyString::new(py, &text).into_any().unbind()
    }
}

/// The PyErr for `KeyError(msg)` (see [`KEY_REPR_MARK`]).
pub fn key_error_pyerr(msg: String) -> PyErr {
    PyKeyError::new_err(KeyErrorArgs(msg))
}

/// `d[k]`
#[inline]
pub fn dict_getitem<K: std::hash::Hash + Eq + KeyRepr, V: Clone>(d: &Dict<K, V>, k: &K) -> R<V> {
    match d.get(k) {
        Some(v) => Ok(v.clone()),
        None => key_error(k),
    }
}

/// `del d[k]` (the other keys keep their order)
#[inline]
pub fn dict_delitem<K: std::hash::Hash + Eq + KeyRepr, V>(d: &mut Dict<K, V>, k: &K) -> R<()> {
    match d.shift_remove(k) {
        Some(_) => Ok(()),
        None => key_error(k),
    }
}

/// `d.pop(k)`
#[inline]
pub fn dict_pop<K: std::hash::Hash + Eq + KeyRepr, V>(d: &mut Dict<K, V>, k: &K) -> R<V> {
    match d.shift_remove(k) {
        Some(v) => Ok(v),
        None => key_error(k),
    }
}

/// `s.remove(x)`: KeyError(x) when it is not in the set.
#[inline]
pub fn set_remove<T: std::hash::Hash + Eq + KeyRepr>(s: &mut Set<T>, x: &T) -> R<()> {
    if s.shift_remove(x) {
        Ok(())
    } else {
        key_error(x)
    }
}

/// `d.setdefault(k, default)`
#[inline]
pub fn dict_setdefault<K: std::hash::Hash + Eq, V: Clone>(d: &mut Dict<K, V>, k: K, default: V) -> V {
    d.entry(k).or_insert(default).clone()
}

/// A dict from (key, value) pairs in order (a later duplicate keeps the first position).
pub fn dict_from_pairs<K: std::hash::Hash + Eq, V>(pairs: Vec<(K, V)>) -> Dict<K, V> {
    let mut d = Dict::with_capacity_and_hasher(pairs.len(), FxBuild::default());
    for (k, v) in pairs {
        d.insert(k, v);
    }
    d
}

impl<K: FromPy + std::hash::Hash + Eq, V: FromPy> FromPy for Dict<K, V> {
    /// An exact `dict` whose keys and values all convert, read in insertion order.
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Self> {
        unsafe {
            if ffi::PyDict_CheckExact(obj) == 0 {
                return None;
            }
            let n = ffi::PyDict_Size(obj);
            let mut out = Dict::with_capacity_and_hasher(n as usize, FxBuild::default());
            let mut pos: ffi::Py_ssize_t = 0;
            let mut key: *mut ffi::PyObject = std::ptr::null_mut();
            let mut value: *mut ffi::PyObject = std::ptr::null_mut();
            while ffi::PyDict_Next(obj, &mut pos, &mut key, &mut value) != 0 {
                out.insert(K::from_py(key)?, V::from_py(value)?);
            }
            if out.len() != n as usize {
                return None; // keys equal in Rust but not in Python: let CPython decide
            }
            Some(out)
        }
    }
}

/// Fill `dict` with the items of `d` in order (NULL-safe: Err with the Python error set).
unsafe fn fill_dict<K: ToPy, V: ToPy>(py: Python<'_>, dict: *mut ffi::PyObject, d: &Dict<K, V>) -> bool {
    unsafe {
        for (k, v) in d.iter() {
            let key = k.to_py(py);
            if key.is_null() {
                return false;
            }
            let value = v.to_py(py);
            if value.is_null() {
                ffi::Py_DECREF(key);
                return false;
            }
            let rc = ffi::PyDict_SetItem(dict, key, value);
            ffi::Py_DECREF(key);
            ffi::Py_DECREF(value);
            if rc < 0 {
                return false;
            }
        }
        true
    }
}

impl<K: ToPy, V: ToPy> ToPy for Dict<K, V> {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            let dict = ffi::PyDict_New();
            if dict.is_null() {
                return dict;
            }
            if !fill_dict(py, dict, self) {
                ffi::Py_DECREF(dict);
                return std::ptr::null_mut();
            }
            dict
        }
    }
}

/// Make the caller's dict equal to `d` in place (clear, then the items in order), so a
/// change made on the Rust copy is visible to the caller as in Python.
///
/// # Safety
/// `dict` must be a `dict` (checked by the argument conversion).
pub unsafe fn write_back_dict<K: ToPy, V: ToPy>(
    py: Python<'_>,
    dict: &Bound<'_, PyAny>,
    d: &Dict<K, V>,
) -> PyResult<()> {
    unsafe {
        ffi::PyDict_Clear(dict.as_ptr());
        if !fill_dict(py, dict.as_ptr(), d) {
            return Err(PyErr::fetch(py));
        }
        Ok(())
    }
}

impl<T: FromPy + std::hash::Hash + Eq> FromPy for Set<T> {
    /// An exact `set` whose items all convert (their order is never observed).
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Self> {
        unsafe {
            if ffi::PySet_CheckExact(obj) == 0 {
                return None;
            }
            let n = ffi::PySet_Size(obj);
            let iter = ffi::PyObject_GetIter(obj);
            if iter.is_null() {
                ffi::PyErr_Clear();
                return None;
            }
            let mut out = Set::with_capacity_and_hasher(n as usize, FxBuild::default());
            loop {
                let item = ffi::PyIter_Next(iter);
                if item.is_null() {
                    break;
                }
                let v = T::from_py(item);
                ffi::Py_DECREF(item);
                match v {
                    Some(v) => {
                        out.insert(v);
                    }
                    None => {
                        ffi::Py_DECREF(iter);
                        return None;
                    }
                }
            }
            ffi::Py_DECREF(iter);
            if !ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_Clear();
                return None;
            }
            if out.len() != n as usize {
                return None;
            }
            Some(out)
        }
    }
}

impl<T: ToPy> ToPy for Set<T> {
    /// A new set, its items added in the order the translated code added them (as CPython
    /// would have added them).
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            let set = ffi::PySet_New(std::ptr::null_mut());
            if set.is_null() {
                return set;
            }
            for x in self.iter() {
                let item = x.to_py(py);
                if item.is_null() {
                    ffi::Py_DECREF(set);
                    return std::ptr::null_mut();
                }
                let rc = ffi::PySet_Add(set, item);
                ffi::Py_DECREF(item);
                if rc < 0 {
                    ffi::Py_DECREF(set);
                    return std::ptr::null_mut();
                }
            }
            set
        }
    }
}

impl<T: FromPy> FromPy for Option<T> {
    /// `None`, or a value of `T`.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Option<T>> {
        unsafe {
            if obj == ffi::Py_None() {
                Some(None)
            } else {
                T::from_py(obj).map(Some)
            }
        }
    }
}

impl<T: ToPy> ToPy for Option<T> {
    #[inline(always)]
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        match self {
            Some(x) => x.to_py(py),
            None => ().to_py(py),
        }
    }
}

/// The value of a `T | None` used where CPython needs a `T`: None deopts (CPython raises
/// its own TypeError there, worded by the operation).
#[inline(always)]
pub fn opt_unwrap<T>(x: Option<T>) -> R<T> {
    match x {
        Some(v) => Ok(v),
        None => deopt(),
    }
}

// ---- sorted/max/min with key= (builtins_dict.keyed) ----

/// Keys ordered by Rust's `partial_cmp` exactly as CPython's `<` orders them, once no
/// key holds a NaN (CPython's order with NaNs depends on timsort's exact comparisons,
/// and tuple comparison treats the same NaN object as equal to itself: deopt).
pub trait SortKey: PartialOrd {
    fn unorderable(&self) -> bool {
        false
    }
    /// A NaN inside a tuple key: CPython's tuple comparison finds the same NaN object
    /// equal to itself (identity), Rust's does not.
    fn nan_in_tuple(&self) -> bool {
        false
    }
}

impl SortKey for i64 {}
impl SortKey for Str {} // runtime/src/text.rs: the derived order is code-point order, as CPython's
impl SortKey for bool {}
impl SortKey for Num {
    fn unorderable(&self) -> bool {
        matches!(self, Num::Float(f) if f.is_nan())
    }
}
impl SortKey for f64 {
    fn unorderable(&self) -> bool {
        self.is_nan()
    }
}
impl<A: SortKey> SortKey for (A,) {
    fn unorderable(&self) -> bool {
        self.0.unorderable()
    }
    fn nan_in_tuple(&self) -> bool {
        self.unorderable()
    }
}
impl<A: SortKey, B: SortKey> SortKey for (A, B) {
    fn unorderable(&self) -> bool {
        self.0.unorderable() || self.1.unorderable()
    }
    fn nan_in_tuple(&self) -> bool {
        self.unorderable()
    }
}
impl<A: SortKey, B: SortKey, C: SortKey> SortKey for (A, B, C) {
    fn unorderable(&self) -> bool {
        self.0.unorderable() || self.1.unorderable() || self.2.unorderable()
    }
    fn nan_in_tuple(&self) -> bool {
        self.unorderable()
    }
}

/// `sorted(items, key=..., reverse=...)` given the keys: a stable sort (with `reverse`,
/// items with equal keys keep their order, as CPython's reverse-sort-reverse does).
pub fn sorted_by_keys<T, K: SortKey>(items: Vec<T>, keys: Vec<K>, reverse: bool) -> R<Vec<T>> {
    if keys.iter().any(|k| k.unorderable()) {
        return deopt();
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if reverse {
        idx.sort_by(|&a, &b| keys[b].partial_cmp(&keys[a]).unwrap_or(Ordering::Equal));
    } else {
        idx.sort_by(|&a, &b| keys[a].partial_cmp(&keys[b]).unwrap_or(Ordering::Equal));
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    Ok(idx.into_iter().filter_map(|i| slots[i].take()).collect())
}

/// `max(items, key=...)` (`greater`) or `min(...)`: the FIRST extreme item, as CPython
/// replaces the current best only when a key is strictly greater (smaller).
pub fn extreme_by_keys<T, K: SortKey>(items: Vec<T>, keys: Vec<K>, greater: bool) -> R<T> {
    // a float key compares with `>`/`<` exactly as CPython's (NaN included)
    if keys.iter().any(|k| k.nan_in_tuple()) {
        return deopt();
    }
    if items.is_empty() {
        let what = if greater { "max" } else { "min" };
        return raise(ExcKind::ValueError, format!("{}() arg is an empty sequence", what));
    }
    let mut best = 0usize;
    for i in 1..keys.len() {
        let better = if greater { keys[i] > keys[best] } else { keys[i] < keys[best] };
        if better {
            best = i;
        }
    }
    let mut items = items;
    Ok(items.swap_remove(best))
}
