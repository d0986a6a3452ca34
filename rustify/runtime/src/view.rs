use super::*;

// =====================================================================================
// Seq: a list argument that is only read, read in place
// =====================================================================================
//
// A function without visible effects may deopt anywhere, so a list of numbers it only reads
// need not be converted on entry (O(n) for a function that may read two items): the items
// are read from the caller's list as they are used, each checked for its exact type as the
// entry conversion would have (a mismatch deopts). Nothing can change the list meanwhile:
// such a function holds the GIL and calls no Python code. A translated callee given a list
// the translation made gets the same type over a Rust slice.

/// An item that is not exactly the type the translation reads: a deopt once `?` makes it an
/// [`Exc`] (a one-word error keeps a loop's reads in registers, see `IndexOutOfRange`).
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct NotExact;

impl From<NotExact> for Exc {
    #[cold]
    #[inline(never)]
    fn from(_: NotExact) -> Exc {
        Exc::Deopt
    }
}

/// A list of `T` read in place: the caller's Python list, or a slice of a Rust one.
#[derive(Clone, Copy)]
pub enum Seq<'a, T> {
    Py(*mut ffi::PyObject, std::marker::PhantomData<&'a T>),
    Rust(&'a [T]),
}

impl<'a, T: FromPy + Clone> Seq<'a, T> {
    /// The argument as a list read in place (None when it is not exactly a list).
    #[inline]
    pub fn of(o: &'a Bound<'_, PyAny>) -> Option<Seq<'a, T>> {
        // SAFETY: reading the type of a live object while attached.
        (unsafe { ffi::PyList_CheckExact(o.as_ptr()) } != 0).then(|| Seq::Py(o.as_ptr(), std::marker::PhantomData))
    }

    #[inline(always)]
    pub fn rust(v: &'a [T]) -> Seq<'a, T> {
        Seq::Rust(v)
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        match self {
            // SAFETY: a live list (the caller holds it for the call).
            Seq::Py(list, _) => unsafe { ffi::PyList_GET_SIZE(*list) as usize },
            Seq::Rust(v) => v.len(),
        }
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` (`i < len()`, as the caller checked), or [`NotExact`] (a deopt) when it is not
    /// exactly `T`.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Result<T, NotExact> {
        match self {
            // SAFETY: `i < len()`; the list is not changed while the function runs.
            Seq::Py(list, _) => unsafe {
                let item = *(*(*list as *mut ffi::PyListObject)).ob_item.add(i);
                T::from_py(item).ok_or(NotExact)
            },
            Seq::Rust(v) => Ok(v[i].clone()),
        }
    }

    /// Item `i` with the object it is (`i < len()`): kept in a result, the result holds that
    /// object, as CPython's does (see [`Shared`]).
    #[inline(always)]
    pub fn get_shared(&self, i: usize) -> Result<Shared<T>, NotExact> {
        match self {
            // SAFETY: as `get`; the object outlives the call (the caller's list holds it).
            Seq::Py(list, _) => unsafe {
                let item = *(*(*list as *mut ffi::PyListObject)).ob_item.add(i);
                Ok(Shared { v: T::from_py(item).ok_or(NotExact)?, obj: item })
            },
            Seq::Rust(v) => Ok(Shared::fresh(v[i].clone())),
        }
    }

    /// `xs[start:stop:step]` holding the argument's own item objects (each checked as read).
    pub fn slice_shared(&self, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> R<Vec<Shared<T>>> {
        slice_indices(self.len(), start, stop, step)?.map(|i| Ok(self.get_shared(i)?)).collect()
    }

    /// All items as a Rust list (where an operation needs one).
    pub fn to_vec(&self) -> R<Vec<T>> {
        match self {
            Seq::Py(..) => (0..self.len()).map(|i| Ok(self.get(i)?)).collect(),
            Seq::Rust(v) => Ok(v.to_vec()),
        }
    }
}

/// The whole of a `Seq` as a Rust list, converted the first time an operation needs it
/// (`sum(xs)`, `sorted(xs)`, a slice) and kept for the rest of the call.
pub struct Whole<T>(std::cell::OnceCell<Vec<T>>);

impl<T: FromPy + Clone> Whole<T> {
    #[inline(always)]
    pub fn new() -> Whole<T> {
        Whole(std::cell::OnceCell::new())
    }

    #[inline]
    pub fn of(&self, seq: &Seq<'_, T>) -> R<&Vec<T>> {
        if let Some(v) = self.0.get() {
            return Ok(v);
        }
        let v = seq.to_vec()?;
        Ok(self.0.get_or_init(|| v))
    }
}

impl<T: FromPy + Clone> Default for Whole<T> {
    fn default() -> Self {
        Whole::new()
    }
}

// =====================================================================================
// StrMap: a str-keyed dict argument that is only looked up, read in place
// =====================================================================================
//
// `text[:n] in table` costs one lookup in CPython; converting a 300-entry `table` on every
// call made such functions 9x slower than CPython. A function without visible effects that
// only looks keys up (`k in d`, `d[k]`, `d.get(k)`, `len(d)`) reads the caller's dict in
// place, through CPython's own lookup, so every answer is CPython's. That needs no Python
// code to run during a lookup: only a dict whose keys are all exact strs (CPython's
// "unicode keys" table, where no key's `__eq__` can run) is read in place; any other dict is
// converted once on entry, exactly as before. Each value found is checked for its exact type
// as the entry conversion would (a mismatch deopts).

/// CPython 3.11's dict object header up to its keys table (Include/cpython/dictobject.h).
#[repr(C)]
struct DictObject311 {
    ob_base: ffi::PyObject,
    ma_used: ffi::Py_ssize_t,
    ma_version_tag: u64,
    ma_keys: *const DictKeys311,
}

/// Whether every key of the exact dict `d` is an exact str: its keys table is of kind
/// DICT_KEYS_UNICODE or DICT_KEYS_SPLIT (3.11's layout, confirmed at import; else false).
///
/// # Safety
/// `d` is a live exact dict and the caller is attached.
unsafe fn str_keys_only(d: *mut ffi::PyObject) -> bool {
    if !inline_values_layout() {
        return false;
    }
    let keys = (*(d as *const DictObject311)).ma_keys;
    !keys.is_null() && matches!((*keys).dk_kind, DICT_KEYS_UNICODE | DICT_KEYS_SPLIT)
}

/// A `dict[str, V]` argument: the caller's dict looked up in place, a converted copy, or
/// a translated caller's own dict lent.
pub enum StrMap<'a, V> {
    Py(*mut ffi::PyObject, std::marker::PhantomData<&'a V>),
    Rust(Dict<Str, V>),
    Lent(&'a Dict<Str, V>),
}

impl<'a, V: FromPy + Clone> StrMap<'a, V> {
    /// The argument read in place when its keys are all exact strs, else converted (None when
    /// it is not exactly a dict, or the conversion fails: the caller falls back).
    pub fn of(o: &'a Bound<'_, PyAny>) -> Option<StrMap<'a, V>> {
        let d = o.as_ptr();
        // SAFETY: reading the type and the keys table of a live object while attached.
        unsafe {
            if ffi::PyDict_CheckExact(d) == 0 {
                return None;
            }
            if str_keys_only(d) {
                return Some(StrMap::Py(d, std::marker::PhantomData));
            }
            Dict::<Str, V>::from_py(d).map(StrMap::Rust)
        }
    }

    /// `len(d)`
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            // SAFETY: a live dict (the caller holds it for the call).
            StrMap::Py(d, _) => unsafe { ffi::PyDict_Size(*d) as usize },
            StrMap::Rust(m) => m.len(),
            StrMap::Lent(m) => m.len(),
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `k` (a borrowed reference), NULL when absent.
    unsafe fn lookup(d: *mut ffi::PyObject, k: &Str) -> R<*mut ffi::PyObject> {
        let key = Obj::from_owned(k.to_py(Python::assume_attached()))?;
        let found = ffi::PyDict_GetItemWithError(d, key.as_ptr());
        if found.is_null() && !ffi::PyErr_Occurred().is_null() {
            return Err(crate::obj::fetch());
        }
        Ok(found)
    }

    /// `d.get(k)`
    pub fn get(&self, k: &Str) -> R<Option<V>> {
        match self {
            // SAFETY: attached (such functions keep the GIL); the value is checked exactly.
            StrMap::Py(d, _) => unsafe {
                let v = Self::lookup(*d, k)?;
                if v.is_null() {
                    return Ok(None);
                }
                Ok(Some(V::from_py(v).ok_or(NotExact)?))
            },
            StrMap::Rust(m) => Ok(m.get(k).cloned()),
            StrMap::Lent(m) => Ok(m.get(k).cloned()),
        }
    }

    /// `k in d`
    pub fn contains(&self, k: &Str) -> R<bool> {
        match self {
            // SAFETY: as in `get`
            StrMap::Py(d, _) => unsafe { Ok(!Self::lookup(*d, k)?.is_null()) },
            StrMap::Rust(m) => Ok(m.contains_key(k)),
            StrMap::Lent(m) => Ok(m.contains_key(k)),
        }
    }

    /// `d[k]`: KeyError with the key's repr when absent, as `dict_getitem`.
    pub fn getitem(&self, k: &Str) -> R<V> {
        match self.get(k)? {
            Some(v) => Ok(v),
            None => key_error(k),
        }
    }
}

// =====================================================================================
// Shared: an item of a list argument that stays the same object
// =====================================================================================
//
// `return xs[:]`, `[x for x in xs if x > 0]`, `best = xs[0] ... return best`: CPython's
// result holds the argument's own item objects (`result[0] is xs[0]`), where a result made of
// numbers gets new objects of equal value. A value read from a list argument read in place
// keeps the object it came from while it is only moved (passes/shared_items.py); made into a
// Python object, it is that object again. A value computed by the translation has none.

/// A number and the object it was read from (null: made by the translation).
#[derive(Clone, Copy, Debug)]
pub struct Shared<T> {
    pub v: T,
    obj: *mut ffi::PyObject,
}

impl<T> Shared<T> {
    /// A value the translation made: a new object when it becomes one.
    #[inline(always)]
    pub fn fresh(v: T) -> Shared<T> {
        Shared { v, obj: std::ptr::null_mut() }
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::fresh(T::default())
    }
}

impl<T: ToPy> ToPy for Shared<T> {
    #[inline(always)]
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        if self.obj.is_null() {
            return self.v.to_py(py);
        }
        // SAFETY: the caller's list holds the object for the call, and we are attached.
        unsafe { ffi::Py_INCREF(self.obj) };
        self.obj
    }
}

/// A list the translation made, held where shared items are (every item a new object).
pub fn fresh_list<T>(v: Vec<T>) -> Vec<Shared<T>> {
    v.into_iter().map(Shared::fresh).collect()
}

/// A translated callee's result with shared items, as the plain values its caller works on.
pub trait Plain {
    type Out;
    fn plain(self) -> Self::Out;
}

impl<T> Plain for Shared<T> {
    type Out = T;
    #[inline(always)]
    fn plain(self) -> T {
        self.v
    }
}

impl<T> Plain for Vec<Shared<T>> {
    type Out = Vec<T>;
    fn plain(self) -> Vec<T> {
        self.into_iter().map(|s| s.v).collect()
    }
}

/// `Plain::plain` as a function (for generated code).
#[inline(always)]
pub fn plain<P: Plain>(p: P) -> P::Out {
    p.plain()
}
