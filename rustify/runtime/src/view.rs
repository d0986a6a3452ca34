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

/// The address of item `i` of a list (`ob_item + i`).
///
/// # Safety
/// `list` is a live list and `i < len(list)`.
#[inline(always)]
unsafe fn list_slot(list: *mut ffi::PyObject, i: usize) -> *mut *mut ffi::PyObject {
    unsafe { (*(list as *mut ffi::PyListObject)).ob_item.add(i) }
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
                let item = *list_slot(*list, i);
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
                let item = *list_slot(*list, i);
                Ok(Shared { v: T::from_py(item).ok_or(NotExact)?, obj: item })
            },
            Seq::Rust(v) => Ok(Shared::fresh(v[i].clone())),
        }
    }

    /// `xs[start:stop:step]` holding the argument's own item objects (each checked as read).
    pub fn slice_shared(&self, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> R<Vec<Shared<T>>> {
        let indices = slice_indices(self.len(), start, stop, step)?;
        let mut out = Vec::with_capacity(indices.len());
        for i in indices {
            out.push(self.get_shared(i)?);
        }
        Ok(out)
    }

    /// All items as a Rust list (where an operation needs one).
    pub fn to_vec(&self) -> R<Vec<T>> {
        match self {
            Seq::Py(..) => (0..self.len()).map(|i| Ok(self.get(i)?)).collect(),
            Seq::Rust(v) => Ok(v.to_vec()),
        }
    }
}

/// A row of a list of lists read in place: the item, when it is exactly a list (a `Seq` of
/// the caller's object, which the outer list holds for the call), else a deopt.
impl<'a, T> FromPy for Seq<'a, T> {
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Seq<'a, T>> {
        // SAFETY: a live item of a live list, read while attached
        (unsafe { ffi::PyList_CheckExact(obj) } != 0).then(|| Seq::Py(obj, std::marker::PhantomData))
    }
}

/// A translated caller's own rows, as views for a callee that reads rows in place.
pub fn row_views<T>(rows: &[Vec<T>]) -> Vec<Seq<'_, T>> {
    rows.iter().map(|r| Seq::Rust(&r[..])).collect()
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
        kept_to_py(&self.v, self.obj, py) // the caller's list holds the object for the call
    }
}

/// A kept item as a new reference: its object, or a new one for a number the translation made.
#[inline(always)]
fn kept_to_py<T: ToPy>(v: &T, obj: *mut ffi::PyObject, py: Python<'_>) -> *mut ffi::PyObject {
    if obj.is_null() {
        return v.to_py(py);
    }
    // SAFETY: a live object (its holder keeps it for the call); attached
    unsafe { ffi::Py_INCREF(obj) };
    obj
}

/// A number and (a reference to) the object it was read from, in a function that changes a
/// list argument in place: a store may release the object's slot while the value is still
/// held (`t = xs[i]; xs[i] = xs[j]; xs[j] = t`), so the value keeps its own reference.
#[derive(Debug)]
pub struct Owned<T> {
    pub v: T,
    obj: *mut ffi::PyObject,
}

impl<T> Owned<T> {
    /// A value the translation made: a new object when it becomes one.
    #[inline(always)]
    pub fn fresh(v: T) -> Owned<T> {
        Owned { v, obj: std::ptr::null_mut() }
    }
}

impl<T: Copy> Shared<T> {
    /// The item with a reference of its own (where lists changed in place may release it).
    #[inline(always)]
    pub fn owned(self) -> Owned<T> {
        if !self.obj.is_null() {
            // SAFETY: a live object (its list argument holds it); attached
            unsafe { ffi::Py_INCREF(self.obj) };
        }
        Owned { v: self.v, obj: self.obj }
    }
}

impl<T: Clone> Clone for Owned<T> {
    #[inline(always)]
    fn clone(&self) -> Self {
        if !self.obj.is_null() {
            // SAFETY: this value holds a reference, so the object is alive; attached
            unsafe { ffi::Py_INCREF(self.obj) };
        }
        Owned { v: self.v.clone(), obj: self.obj }
    }
}

impl<T> Drop for Owned<T> {
    #[inline(always)]
    fn drop(&mut self) {
        if !self.obj.is_null() {
            // SAFETY: the reference this value holds; functions with lists changed in place
            // hold the GIL (emit/gil.py)
            unsafe { ffi::Py_DECREF(self.obj) };
        }
    }
}

impl<T: Default> Default for Owned<T> {
    fn default() -> Self {
        Owned::fresh(T::default())
    }
}

impl<T: ToPy> ToPy for Owned<T> {
    #[inline(always)]
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        kept_to_py(&self.v, self.obj, py) // this value holds a reference
    }
}

/// A kept item's kind made from a number the translation made (`Shared` or `Owned`).
pub trait FreshItem<T> {
    fn fresh_item(v: T) -> Self;
}

impl<T> FreshItem<T> for Shared<T> {
    fn fresh_item(v: T) -> Self {
        Shared::fresh(v)
    }
}

impl<T> FreshItem<T> for Owned<T> {
    fn fresh_item(v: T) -> Self {
        Owned::fresh(v)
    }
}

/// A list the translation made, held where kept items are (every item a new object).
pub fn fresh_list<T, S: FreshItem<T>>(v: Vec<T>) -> Vec<S> {
    v.into_iter().map(S::fresh_item).collect()
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

impl<T: Clone> Plain for Owned<T> {
    type Out = T;
    #[inline(always)]
    fn plain(self) -> T {
        self.v.clone()
    }
}

impl<T: Clone> Plain for Vec<Owned<T>> {
    type Out = Vec<T>;
    fn plain(self) -> Vec<T> {
        self.iter().map(|s| s.v.clone()).collect()
    }
}

/// `Plain::plain` as a function (for generated code).
#[inline(always)]
pub fn plain<P: Plain>(p: P) -> P::Out {
    p.plain()
}

// =====================================================================================
// ListMut: a list argument changed in place
// =====================================================================================
//
// A list argument the function stores items into was converted on entry and written back
// whole on exit: O(n) for a function that changes one item, and every item of the caller's
// list became a new object, the untouched ones too (CPython keeps them). Where only items are
// stored (`xs[i] = v`, passes/write_in_place.py), the stores go to the caller's list itself:
// a computed number is a new object (or, for a float only the list holds, that float given the
// new value: nobody can tell), an item moved (`xs[i], xs[j] = xs[j], xs[i]`) is the same
// object, as in CPython, and the items not stored into stay the caller's objects. Items are
// checked for their exact type as they are read, as a `Seq`'s.
//
// A store is visible at once, but a deopt must leave no trace: where one may follow a store
// (`undo`), each slot's first replaced item is kept until the call settles. On a deopt the list
// gets its own items back before the Python original runs; otherwise the kept items are
// released. Where none may, a replaced item is released at once, as CPython does (and the
// next float made reuses its memory).

/// How the stores of a call stay exact if a deopt follows one (passes/write_in_place.py).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stores {
    /// no deopt can follow a store
    Final,
    /// only a read of an item of another type could: every item is checked on entry
    Checked,
    /// something else could (an int outgrowing 64 bits): each slot's first item is kept, and
    /// put back on a deopt
    Undone,
}

/// A flat list of `T` changed in place: the caller's Python list, or a translated caller's own.
pub enum ListMut<'a, T> {
    Py {
        list: *mut ffi::PyObject,
        /// whether stores may have to be undone (a deopt may follow them)
        undoable: bool,
        /// each slot's first item, while a deopt may still undo the stores
        undo: Vec<(usize, *mut ffi::PyObject)>,
        /// the slots in `undo` (a bit each, made at the 33rd store: short logs are searched)
        logged: Vec<u64>,
        _items: std::marker::PhantomData<&'a T>,
    },
    Rust(&'a mut Vec<T>),
}

impl<'a, T: FromPy + ToPy + Clone + 'static> ListMut<'a, T> {
    /// The argument, when it is exactly a list (None: the call falls back).
    #[inline]
    pub fn of(o: &'a Bound<'_, PyAny>, stores: Stores) -> Option<ListMut<'a, T>> {
        let list = o.as_ptr();
        // SAFETY: a live object read while attached; the items of a live list are live.
        unsafe {
            if ffi::PyList_CheckExact(list) == 0 {
                return None;
            }
            if stores == Stores::Checked {
                for i in 0..ffi::PyList_GET_SIZE(list) as usize {
                    T::from_py(*list_slot(list, i))?;
                }
            }
        }
        Some(ListMut::Py {
            list,
            undoable: stores == Stores::Undone,
            undo: Vec::new(),
            logged: Vec::new(),
            _items: std::marker::PhantomData,
        })
    }

    /// A translated caller's own list, lent to a callee that changes it.
    #[inline(always)]
    pub fn rust(v: &'a mut Vec<T>) -> ListMut<'a, T> {
        ListMut::Rust(v)
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        match self {
            // SAFETY: a live list (the caller holds it for the call).
            ListMut::Py { list, .. } => unsafe { ffi::PyList_GET_SIZE(*list) as usize },
            ListMut::Rust(v) => v.len(),
        }
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` (`i < len()`), or [`NotExact`] (a deopt) when it is not exactly `T`.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Result<T, NotExact> {
        match self {
            // SAFETY: `i < len()`: a live item of the list.
            ListMut::Py { list, .. } => unsafe {
                T::from_py(*list_slot(*list, i)).ok_or(NotExact)
            },
            ListMut::Rust(v) => Ok(v[i].clone()),
        }
    }

    /// Item `i` with (a reference to) the object it is, to be moved (`t = xs[j]; xs[i] = t`,
    /// a swap, a value returned): see [`Owned`].
    #[inline]
    pub fn get_owned(&self, i: usize) -> Result<Owned<T>, NotExact> {
        match self {
            // SAFETY: `i < len()`: a live item of the list; a new reference for the `Owned`
            ListMut::Py { list, .. } => unsafe {
                let item = *list_slot(*list, i);
                let v = T::from_py(item).ok_or(NotExact)?;
                ffi::Py_INCREF(item);
                Ok(Owned { v, obj: item })
            },
            ListMut::Rust(v) => Ok(Owned::fresh(v[i].clone())),
        }
    }

    /// `xs[i] = v` of an item that may be an object of its own (moved): that object, as CPython.
    #[inline]
    pub fn set_owned(&mut self, i: usize, v: Owned<T>) -> R<()> {
        match self {
            ListMut::Py { list, undoable, undo, logged, .. } if !v.obj.is_null() => {
                let obj = std::mem::ManuallyDrop::new(v).obj; // its reference goes to the slot
                // SAFETY: `i < len()`: a live slot
                unsafe {
                    let old = std::mem::replace(&mut *list_slot(*list, i), obj);
                    release_or_keep(old, i, *list, *undoable, undo, logged);
                }
                Ok(())
            }
            _ => self.set(i, v.v.clone()),
        }
    }

    /// `xs[i] = v` (`i < len()`): a new object for `v`; the slot's first item is kept for a deopt.
    #[inline]
    pub fn set(&mut self, i: usize, v: T) -> R<()> {
        match self {
            ListMut::Py { list, undoable, undo, logged, .. } => {
                // SAFETY: `i < len()`: a live slot; the old item is a reference the list held
                unsafe {
                    let slot = list_slot(*list, i);
                    let float = (&v as &dyn std::any::Any).downcast_ref::<f64>().copied();
                    if let Some(x) = float {
                        // a float only this list holds cannot be told from a new one: it takes
                        // the new value (no allocation) unless a deopt may need it back
                        let old = *slot;
                        if !*undoable && ffi::Py_REFCNT(old) == 1 && ffi::PyFloat_CheckExact(old) != 0 {
                            (*(old as *mut ffi::PyFloatObject)).ob_fval = x;
                            return Ok(());
                        }
                    }
                    // a new reference (the function holds the GIL); a float from CPython's free
                    // list, which the items released here refill
                    let obj = match float {
                        Some(x) => ffi::PyFloat_FromDouble(x),
                        None => v.to_py(py()),
                    };
                    if obj.is_null() {
                        return Err(fetch()); // MemoryError
                    }
                    let old = std::mem::replace(&mut *slot, obj);
                    release_or_keep(old, i, *list, *undoable, undo, logged);
                }
                Ok(())
            }
            ListMut::Rust(list) => {
                list[i] = v;
                Ok(())
            }
        }
    }

    /// After a call that deopted: the caller's items go back where they were, so the Python
    /// original runs on the list as it was given. (Otherwise the kept items are released when
    /// the handle is dropped, after the result, which may hold one of them, became an object.)
    pub fn settle(&mut self, deopt: bool) {
        if let (ListMut::Py { list, undo, .. }, true) = (&mut *self, deopt) {
            for (i, old) in undo.drain(..).rev() {
                // SAFETY: the list still has the slot (only items are stored); attached
                unsafe {
                    let stored = std::mem::replace(&mut *list_slot(*list, i), old);
                    ffi::Py_DECREF(stored);
                }
            }
        }
    }
}

/// The item a store replaced: kept (with its slot) when it is the slot's first and a deopt may
/// still need it back, else released now, as CPython does (a number: its release runs no code).
///
/// # Safety
/// `old` is a reference the list held; attached.
#[inline]
unsafe fn release_or_keep(
    old: *mut ffi::PyObject,
    i: usize,
    list: *mut ffi::PyObject,
    undoable: bool,
    undo: &mut Vec<(usize, *mut ffi::PyObject)>,
    logged: &mut Vec<u64>,
) {
    unsafe {
        if undoable && first_store(undo, logged, i, ffi::PyList_GET_SIZE(list) as usize) {
            undo.push((i, old));
        } else {
            ffi::Py_DECREF(old);
        }
    }
}

/// Whether slot `i` is stored into for the first time (its item must be kept), marking it.
#[inline]
fn first_store(undo: &[(usize, *mut ffi::PyObject)], logged: &mut Vec<u64>, i: usize, len: usize) -> bool {
    if logged.is_empty() {
        if undo.len() < 32 {
            return !undo.iter().any(|&(j, _)| j == i);
        }
        logged.resize(len / 64 + 1, 0);
        for &(j, _) in undo {
            logged[j / 64] |= 1 << (j % 64);
        }
    }
    let (word, bit) = (i / 64, 1u64 << (i % 64));
    let first = logged[word] & bit == 0;
    logged[word] |= bit;
    first
}

impl<T> Drop for ListMut<'_, T> {
    /// The call is over: the items kept for a deopt are released.
    fn drop(&mut self) {
        if let ListMut::Py { undo, .. } = self {
            for (_, old) in undo.drain(..) {
                // SAFETY: references this call took; attached (dropped inside the wrapper)
                unsafe { ffi::Py_DECREF(old) };
            }
        }
    }
}
