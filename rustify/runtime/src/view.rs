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
