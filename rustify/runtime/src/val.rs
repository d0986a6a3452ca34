use super::*;

// =====================================================================================
// Val: a value of the object tier, unboxed while it is a number the translation made
// =====================================================================================
//
// Generated code holds object-tier values as `Val`: a Python object (`Obj`), or an int or
// float that arithmetic produced and nothing has needed as an object yet. Arithmetic and
// comparisons of exact ints and floats run on the numbers (the same IEEE operation or the
// same checked int operation CPython's float_add/long_add perform), so `p.x + p.vx * dt`
// makes no intermediate float object; anything else takes the generic C-API path of
// obj.rs on the objects (an int that outgrows 64 bits continues as a Python int there,
// never a deopt).
//
// Identity: a number is boxed at most once. `obj()` turns the value into its object in
// place, so every later use (a store, a call argument, a copy into another variable via
// `val_share`) is that same object, as CPython's one float object would be; a number
// that is only ever used in arithmetic is never boxed (its identity is unobservable).

/// One machine word (so values move in registers, and a `&Val` that holds an object is a
/// `&Obj`), in the encoding JavaScriptCore uses:
///   * an object: its pointer (top 16 bits zero: user-space addresses are below 2**47);
///   * an int in [-2**47, 2**47): `INT_TAG | (i & 2**48 - 1)` (top 16 bits all ones);
///   * a float: its bits plus 2**49 (top 16 bits between 0x0002 and 0xFFF2 for every
///     non-NaN double); a NaN is boxed at once, which keeps its exact bits.
#[repr(transparent)]
pub struct Val(std::cell::Cell<u64>);

const INT_TAG: u64 = 0xFFFF_0000_0000_0000;
const INT_MIN: i64 = -(1 << 47);
const INT_MAX: i64 = (1 << 47) - 1;
const DOUBLE_OFFSET: u64 = 1 << 49;
const TOP16: u64 = 0xFFFF_0000_0000_0000;

enum Repr {
    I(i64),
    F(f64),
    O(*mut ffi::PyObject),
}

impl Val {
    #[inline(always)]
    fn bits(&self) -> u64 {
        self.0.get()
    }

    #[inline(always)]
    fn repr(&self) -> Repr {
        let b = self.bits();
        let top = b & TOP16;
        if top == 0 {
            Repr::O(b as *mut ffi::PyObject)
        } else if top == INT_TAG {
            Repr::I(((b << 16) as i64) >> 16)
        } else {
            Repr::F(f64::from_bits(b.wrapping_sub(DOUBLE_OFFSET)))
        }
    }

    /// An int (one beyond 48 bits is boxed: R for its MemoryError).
    #[inline(always)]
    pub fn int(i: i64) -> R<Val> {
        if (INT_MIN..=INT_MAX).contains(&i) {
            return Ok(Val(std::cell::Cell::new(INT_TAG | (i as u64 & !TOP16))));
        }
        Ok(Val::object(box_obj(&i)?))
    }

    /// A float (a NaN is boxed, keeping its bits: R for its MemoryError).
    #[inline(always)]
    pub fn float(x: f64) -> R<Val> {
        if x.is_nan() {
            return Ok(Val::object(unsafe { Obj::from_owned(ffi::PyFloat_FromDouble(x))? }));
        }
        Ok(Val(std::cell::Cell::new(x.to_bits().wrapping_add(DOUBLE_OFFSET))))
    }

    #[inline(always)]
    pub fn num(n: Num) -> R<Val> {
        match n {
            Num::Int(i) => Val::int(i),
            Num::Float(x) => Val::float(x),
        }
    }

    #[inline(always)]
    pub fn object(o: Obj) -> Val {
        let p = o.as_ptr();
        std::mem::forget(o); // the reference now belongs to the Val
        Val(std::cell::Cell::new(p as u64))
    }

    #[inline(always)]
    pub fn none() -> Val {
        Val::object(Obj::none())
    }

    #[inline(always)]
    pub fn boolean(b: bool) -> Val {
        Val::object(obj_bool(b))
    }

    /// A native value (str, bytes, tuple, ...) as a new object.
    #[inline]
    pub fn boxed<T: ToPy>(v: &T) -> R<Val> {
        Ok(Val::object(box_obj(v)?))
    }

    /// Move the value out, leaving the int 0 (no reference count is touched).
    #[inline(always)]
    pub fn take(slot: &mut Val) -> Val {
        std::mem::replace(slot, Val(std::cell::Cell::new(INT_TAG)))
    }

    /// The value as its Python object, boxing a number the first time (in place, so the
    /// value is that one object from then on).
    #[inline]
    pub fn obj(&self) -> R<&Obj> {
        if self.bits() & TOP16 != 0 {
            self.box_in_place()?;
        }
        // SAFETY: Val and Obj are both one word; the bits are now a non-null object
        // pointer this Val owns a reference to, alive as long as `self` is not changed.
        Ok(unsafe { &*(self as *const Val as *const Obj) })
    }

    #[inline(never)]
    fn box_in_place(&self) -> R<()> {
        let o = match self.repr() {
            Repr::I(i) => box_obj(&i)?,
            Repr::F(x) => unsafe { Obj::from_owned(ffi::PyFloat_FromDouble(x))? },
            Repr::O(_) => return Ok(()),
        };
        let p = o.as_ptr();
        std::mem::forget(o);
        self.0.set(p as u64);
        Ok(())
    }

    /// The float, if this is exactly a float.
    #[inline(always)]
    pub(crate) fn as_float(&self) -> Option<f64> {
        match self.repr() {
            Repr::F(x) => Some(x),
            Repr::O(o) => unsafe { (ffi::PyFloat_CheckExact(o) != 0).then(|| ffi::PyFloat_AS_DOUBLE(o)) },
            Repr::I(_) => None,
        }
    }

    /// The int, if this is exactly an int that fits i64 (a bool is not).
    #[inline(always)]
    pub(crate) fn as_int(&self) -> Option<i64> {
        match self.repr() {
            Repr::I(i) => Some(i),
            Repr::O(o) => unsafe {
                if ffi::PyLong_CheckExact(o) == 0 {
                    return None;
                }
                i64::from_py(o)
            },
            Repr::F(_) => None,
        }
    }

    /// A native value of exactly type `T` (FromPy's exact checks), else deopt.
    pub fn unbox<T: FromPy>(&self) -> R<T> {
        match unsafe { T::from_py(self.obj()?.as_ptr()) } {
            Some(v) => Ok(v),
            None => deopt(),
        }
    }
}

impl Drop for Val {
    #[inline(always)]
    fn drop(&mut self) {
        if let Repr::O(o) = self.repr() {
            unsafe { ffi::Py_DECREF(o) }
        }
    }
}

impl Default for Val {
    fn default() -> Val {
        Val::none()
    }
}

impl std::fmt::Debug for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.repr() {
            Repr::I(i) => write!(f, "Val::I({i})"),
            Repr::F(x) => write!(f, "Val::F({x:?})"),
            Repr::O(o) => write!(f, "Val::O({o:p})"),
        }
    }
}

impl Clone for Val {
    /// The same object (a number is boxed now, in place, so both are that one object);
    /// only if that allocation fails is the number copied instead.
    fn clone(&self) -> Val {
        match self.obj() {
            Ok(o) => Val::object(o.clone()),
            Err(_) => {
                unsafe { ffi::PyErr_Clear() };
                Val(std::cell::Cell::new(self.bits())) // a number: no reference to share
            }
        }
    }
}

impl FromPy for Val {
    /// Any object, itself.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Val> {
        Some(Val::object(unsafe { Obj::from_borrowed(obj) }))
    }
}

impl ToPy for Val {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        match self.obj() {
            Ok(o) => o.to_py(py),
            Err(_) => std::ptr::null_mut(), // MemoryError is set
        }
    }
}

/// `y = x`: the same object in both (boxing `x` now if it is still a number).
#[inline]
pub fn val_share(v: &Val) -> R<Val> {
    Ok(Val::object(v.obj()?.clone()))
}

/// The value as a native `T`, exact type only, else deopt (passes/check_effects.py proves
/// no visible effect happened before).
#[inline]
pub fn unboxed<T: FromPy>(v: &Val) -> R<T> {
    v.unbox()
}

// ------------------------------------------------------------------ numbers

/// The float operands of a float operation (float_add & co. convert an int operand with
/// PyLong_AsDouble: for an i64 the same correctly rounded double as `as f64`).
#[inline(always)]
fn float_operands(a: &Val, b: &Val) -> Option<(f64, f64)> {
    match (a.as_float(), b.as_float()) {
        (Some(x), Some(y)) => Some((x, y)),
        (Some(x), None) => b.as_int().map(|y| (x, y as f64)),
        (None, Some(y)) => a.as_int().map(|x| (x as f64, y)),
        (None, None) => None,
    }
}

/// `a op b` (`a op= b` when `inplace`): numbers natively where CPython's result is the
/// same number, else the objects' own operation. The common float and int cases are
/// inlined at the call site; the rest is one call away.
#[inline(always)]
pub fn val_binop(a: &Val, b: &Val, op: BinOp, inplace: bool) -> R<Val> {
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        match op {
            BinOp::Add => return Val::float(x + y),
            BinOp::Sub => return Val::float(x - y),
            BinOp::Mul => return Val::float(x * y),
            _ => {}
        }
    } else if let (Repr::I(x), Repr::I(y)) = (a.repr(), b.repr()) {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            _ => None,
        };
        if let Some(r) = r {
            return Val::int(r);
        }
    }
    binop_slow(a, b, op, inplace)
}

#[inline(never)]
fn binop_slow(a: &Val, b: &Val, op: BinOp, inplace: bool) -> R<Val> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        let native = match op {
            BinOp::Add => x.checked_add(y).map(Ok),
            BinOp::Sub => x.checked_sub(y).map(Ok),
            BinOp::Mul => x.checked_mul(y).map(Ok),
            BinOp::FloorDiv => Some(int_floordiv(x, y)),
            BinOp::Mod => Some(int_mod(x, y)),
            BinOp::And => Some(Ok(x & y)),
            BinOp::Or => Some(Ok(x | y)),
            BinOp::Xor => Some(Ok(x ^ y)),
            BinOp::TrueDiv => match int_truediv(x, y) {
                Ok(q) => return Val::float(q),
                Err(Exc::Deopt) => None,
                Err(e) => return Err(e),
            },
            _ => None,
        };
        match native {
            Some(Ok(r)) => return Val::int(r),
            Some(Err(Exc::Deopt)) | None => {} // beyond i64: Python ints
            Some(Err(e)) => return Err(e),
        }
    } else if let Some((x, y)) = float_operands(a, b) {
        let native = match op {
            BinOp::Add => Some(Ok(x + y)),
            BinOp::Sub => Some(Ok(x - y)),
            BinOp::Mul => Some(Ok(x * y)),
            BinOp::TrueDiv => Some(float_truediv(x, y)),
            BinOp::FloorDiv => Some(float_floordiv(x, y)),
            BinOp::Mod => Some(float_mod(x, y)),
            BinOp::Pow if a.as_float().is_some() && b.as_float().is_some() => Some(float_pow(x, y)),
            _ => None,
        };
        match native {
            Some(Ok(r)) => return Val::float(r),
            Some(Err(Exc::Deopt)) | None => {}
            Some(Err(e)) => return Err(e),
        }
    }
    Ok(Val::object(obj_binop(a.obj()?, b.obj()?, op, inplace)?))
}

/// `-v`, `+v`, `~v`.
pub fn val_unary(v: &Val, op: UnOp) -> R<Val> {
    match (op, v.repr()) {
        (UnOp::Neg, Repr::F(x)) => return Val::float(-x),
        (UnOp::Neg, Repr::I(i)) => return Val::int(-i), // 48-bit ints: no overflow
        (UnOp::Invert, Repr::I(i)) => return Val::int(!i),
        (UnOp::Pos, Repr::F(x)) => return Val::float(x),
        (UnOp::Pos, Repr::I(i)) => return Val::int(i),
        _ => {}
    }
    Ok(Val::object(obj_unary(v.obj()?, op)?))
}

/// The comparison of two numbers, when both are exact ints or floats (exactly, also int
/// against float, as float_richcompare does).
#[inline(always)]
fn compare_numbers(a: &Val, b: &Val, op: CmpOp) -> Option<bool> {
    match (a.as_float(), b.as_float()) {
        (Some(x), Some(y)) => Some(cmp_float(x, y, op)),
        (Some(x), None) => b.as_int().map(|y| cmp_float_int(x, y, op)),
        (None, Some(y)) => a.as_int().map(|x| cmp_int_float(x, y, op)),
        (None, None) => match (a.as_int(), b.as_int()) {
            (Some(x), Some(y)) => Some(op.test(x.cmp(&y))),
            _ => None,
        },
    }
}

/// `a op b` as a value (any object a rich comparison returns).
pub fn val_compare(a: &Val, b: &Val, op: CmpOp) -> R<Val> {
    if let Some(r) = compare_numbers(a, b, op) {
        return Ok(Val::boolean(r));
    }
    Ok(Val::object(obj_compare(a.obj()?, b.obj()?, op)?))
}

/// `a op b` used for its truth (`if a < b:`).
#[inline(always)]
pub fn val_compare_truth(a: &Val, b: &Val, op: CmpOp) -> R<bool> {
    if let Some(r) = compare_numbers(a, b, op) {
        return Ok(r);
    }
    compare_truth_slow(a, b, op)
}

#[inline(never)]
fn compare_truth_slow(a: &Val, b: &Val, op: CmpOp) -> R<bool> {
    obj_compare_truth(a.obj()?, b.obj()?, op)
}

/// The truth of a value.
#[inline(always)]
pub fn val_truthy(v: &Val) -> R<bool> {
    match v.repr() {
        Repr::I(i) => Ok(i != 0),
        Repr::F(x) => Ok(x != 0.0),
        Repr::O(_) => obj_truthy(v.obj()?),
    }
}

/// `a is b`.
#[inline]
pub fn val_is(a: &Val, b: &Val) -> R<bool> {
    Ok(obj_is(a.obj()?, b.obj()?))
}

// ------------------------------------------------------------------ objects

#[inline]
pub fn val_getattr(v: &Val, name: &'static Interned) -> R<Val> {
    Ok(Val::object(obj_getattr(v.obj()?, name)?))
}

/// `v.name` at a cached site (attr.rs).
#[inline(always)]
pub fn val_getattr_at(v: &Val, name: &'static Interned, site: &'static AttrSite) -> R<Val> {
    Ok(Val::object(obj_getattr_at(v.obj()?, name, site)?))
}

/// `v.name = value` at a cached site (attr.rs).
#[inline(always)]
pub fn val_setattr_at(v: &Val, name: &'static Interned, value: &Val, site: &'static AttrSite) -> R<()> {
    obj_setattr_at(v.obj()?, name, value.obj()?, site)
}

#[inline]
pub fn val_setattr(v: &Val, name: &'static Interned, value: &Val) -> R<()> {
    obj_setattr(v.obj()?, name, value.obj()?)
}

/// The argument pointers of a call, on the stack for up to 8 (the receiver of a method
/// call first), each argument boxed in place if it is still a number.
struct CallArgs<'a> {
    small: [*mut ffi::PyObject; 9],
    big: Vec<*mut ffi::PyObject>,
    len: usize,
    _args: std::marker::PhantomData<&'a Val>,
}

impl<'a> CallArgs<'a> {
    fn new(receiver: Option<&'a Val>, args: &[&'a Val]) -> R<CallArgs<'a>> {
        let len = args.len() + receiver.is_some() as usize;
        let mut out = CallArgs { small: [std::ptr::null_mut(); 9], big: Vec::new(), len, _args: std::marker::PhantomData };
        if len > out.small.len() {
            out.big.reserve(len);
        }
        for (i, a) in receiver.into_iter().chain(args.iter().copied()).enumerate() {
            let p = a.obj()?.as_ptr();
            if len > out.small.len() {
                out.big.push(p);
            } else {
                out.small[i] = p;
            }
        }
        Ok(out)
    }

    fn ptrs(&self) -> &[*mut ffi::PyObject] {
        if self.len > self.small.len() { &self.big } else { &self.small[..self.len] }
    }
}

fn vectorcall_val(callable: *mut ffi::PyObject, ptrs: &[*mut ffi::PyObject], kwnames: Option<&KwNames>) -> R<Val> {
    let (names, nkw) = match kwnames {
        Some(k) => (k.tuple(), k.len()),
        None => (std::ptr::null_mut(), 0),
    };
    // SAFETY: attached; the pointers are borrowed from Vals alive for the call.
    unsafe { Ok(Val::object(Obj::from_owned(ffi::PyObject_Vectorcall(callable, ptrs.as_ptr(), ptrs.len() - nkw, names))?)) }
}

pub fn val_call(f: &Val, args: &[&Val]) -> R<Val> {
    let call = CallArgs::new(None, args)?;
    vectorcall_val(f.obj()?.as_ptr(), call.ptrs(), None)
}

pub fn val_call_kw(f: &Val, args: &[&Val], kwnames: &'static KwNames) -> R<Val> {
    let call = CallArgs::new(None, args)?;
    vectorcall_val(f.obj()?.as_ptr(), call.ptrs(), Some(kwnames))
}

/// `v.name(*args)` (LOAD_METHOD + CALL: PyObject_VectorcallMethod, no bound method made).
pub fn val_call_method(v: &Val, name: &'static Interned, args: &[&Val], kwnames: Option<&'static KwNames>) -> R<Val> {
    let call = CallArgs::new(Some(v), args)?;
    let ptrs = call.ptrs();
    let (names, nkw) = match kwnames {
        Some(k) => (k.tuple(), k.len()),
        None => (std::ptr::null_mut(), 0),
    };
    // SAFETY: attached; `ptrs[0]` is the receiver, the rest the arguments, all alive.
    unsafe {
        Ok(Val::object(Obj::from_owned(ffi::PyObject_VectorcallMethod(name.get(), ptrs.as_ptr(), ptrs.len() - nkw,
                                                                      names))?))
    }
}

/// `v[k]`; an exact list or tuple with an int index in range reads the item directly
/// (CPython's BINARY_SUBSCR_LIST_INT / _TUPLE_INT), anything else is PyObject_GetItem.
#[inline(always)]
pub fn val_getitem(v: &Val, k: &Val) -> R<Val> {
    if let (Repr::O(o), Some(i)) = (v.repr(), k.as_int()) {
        unsafe {
            if ffi::PyList_CheckExact(o) != 0 && 0 <= i && (i as ffi::Py_ssize_t) < ffi::PyList_GET_SIZE(o) {
                return Ok(Val::object(Obj::from_borrowed(ffi::PyList_GET_ITEM(o, i as ffi::Py_ssize_t))));
            }
            if ffi::PyTuple_CheckExact(o) != 0 && 0 <= i && (i as ffi::Py_ssize_t) < ffi::PyTuple_GET_SIZE(o) {
                return Ok(Val::object(Obj::from_borrowed(ffi::PyTuple_GET_ITEM(o, i as ffi::Py_ssize_t))));
            }
        }
    }
    getitem_slow(v, k)
}

#[inline(never)]
fn getitem_slow(v: &Val, k: &Val) -> R<Val> {
    let (o, key) = (v.obj()?.as_ptr(), k.obj()?.as_ptr());
    unsafe {
        if ffi::PyDict_CheckExact(o) != 0 {
            // dict_subscript of an exact dict (no __missing__): the item, or KeyError(key)
            let hit = ffi::PyDict_GetItemWithError(o, key);
            if !hit.is_null() {
                return Ok(Val::object(Obj::from_borrowed(hit)));
            }
            if ffi::PyErr_Occurred().is_null() {
                let args = Obj::from_owned(ffi::PyTuple_Pack(1, key))?;
                ffi::PyErr_SetObject(ffi::PyExc_KeyError, args.as_ptr());
            }
            return Err(fetch());
        }
    }
    Ok(Val::object(obj_getitem(v.obj()?, k.obj()?)?))
}

/// `v[lo:hi:step]` (BUILD_SLICE + BINARY_SUBSCR).
pub fn val_getslice(v: &Val, lo: &Val, hi: &Val, step: &Val) -> R<Val> {
    unsafe {
        let slice = Obj::from_owned(ffi::PySlice_New(lo.obj()?.as_ptr(), hi.obj()?.as_ptr(), step.obj()?.as_ptr()))?;
        Ok(Val::object(Obj::from_owned(ffi::PyObject_GetItem(v.obj()?.as_ptr(), slice.as_ptr()))?))
    }
}

/// `v[k] = value`; an exact list with an int index in range is stored directly
/// (STORE_SUBSCR_LIST_INT), anything else is PyObject_SetItem.
#[inline(always)]
pub fn val_setitem(v: &Val, k: &Val, value: &Val) -> R<()> {
    if let (Repr::O(o), Some(i)) = (v.repr(), k.as_int()) {
        unsafe {
            if ffi::PyList_CheckExact(o) != 0 && 0 <= i && (i as ffi::Py_ssize_t) < ffi::PyList_GET_SIZE(o) {
                let slot = (*(o as *mut ffi::PyListObject)).ob_item.offset(i as isize);
                let old = *slot;
                if let Repr::F(x) = value.repr() {
                    if ffi::Py_REFCNT(old) == 1 && ffi::PyFloat_CheckExact(old) != 0 {
                        // CPython would free the replaced float (only the list held it) and
                        // store a new one: write the new value into it instead. Nothing can
                        // tell the two apart (a float has no weak references and the freed
                        // address is the one its free list hands out next); `value` becomes
                        // that object, so a later use of it is the stored object, as boxing.
                        (*(old as *mut ffi::PyFloatObject)).ob_fval = x;
                        ffi::Py_INCREF(old);
                        value.0.set(old as u64);
                        return Ok(());
                    }
                }
                let new = value.obj()?.as_ptr();
                ffi::Py_INCREF(new);
                *slot = new;
                ffi::Py_DECREF(old); // may run a __del__, as in CPython
                return Ok(());
            }
        }
    }
    setitem_slow(v, k, value)
}

#[inline(never)]
fn setitem_slow(v: &Val, k: &Val, value: &Val) -> R<()> {
    let o = v.obj()?.as_ptr();
    unsafe {
        if ffi::PyDict_CheckExact(o) != 0 {
            if ffi::PyDict_SetItem(o, k.obj()?.as_ptr(), value.obj()?.as_ptr()) < 0 {
                return Err(fetch());
            }
            return Ok(());
        }
    }
    obj_setitem(v.obj()?, k.obj()?, value.obj()?)
}

/// `v.get(key)` / `v.get(key, default)`: an exact dict's own lookup, else the method.
pub fn val_method_get(v: &Val, name: &'static Interned, args: &[&Val]) -> R<Val> {
    let o = v.obj()?.as_ptr();
    unsafe {
        if ffi::PyDict_CheckExact(o) != 0 && (1..=2).contains(&args.len()) {
            let hit = ffi::PyDict_GetItemWithError(o, args[0].obj()?.as_ptr());
            if !hit.is_null() {
                return Ok(Val::object(Obj::from_borrowed(hit)));
            }
            if !ffi::PyErr_Occurred().is_null() {
                return Err(fetch());
            }
            return Ok(match args.get(1) {
                Some(default) => Val::object(default.obj()?.clone()),
                None => Val::none(),
            });
        }
    }
    val_call_method(v, name, args, None)
}

/// `v.append(x)`: an exact list's own append, else the method.
pub fn val_method_append(v: &Val, name: &'static Interned, args: &[&Val]) -> R<Val> {
    let o = v.obj()?.as_ptr();
    unsafe {
        if ffi::PyList_CheckExact(o) != 0 && args.len() == 1 {
            if ffi::PyList_Append(o, args[0].obj()?.as_ptr()) < 0 {
                return Err(fetch());
            }
            return Ok(Val::none());
        }
    }
    val_call_method(v, name, args, None)
}

/// An exact set and a key that is no set (a set key is looked up as a frozenset by the
/// methods: Objects/setobject.c `set_remove`, `set_discard`): the fast paths below apply.
#[inline(always)]
unsafe fn set_and_plain_key(o: *mut ffi::PyObject, args: &[&Val]) -> R<Option<*mut ffi::PyObject>> {
    unsafe {
        if ffi::PySet_CheckExact(o) == 0 || args.len() != 1 {
            return Ok(None);
        }
        let key = args[0].obj()?.as_ptr();
        Ok(if ffi::PyAnySet_Check(key) != 0 { None } else { Some(key) })
    }
}

/// `v.add(x)`: an exact set's own add (Objects/setobject.c `set_add`), else the method.
pub fn val_method_add(v: &Val, name: &'static Interned, args: &[&Val]) -> R<Val> {
    let o = v.obj()?.as_ptr();
    unsafe {
        if ffi::PySet_CheckExact(o) != 0 && args.len() == 1 {
            if ffi::PySet_Add(o, args[0].obj()?.as_ptr()) < 0 {
                return Err(fetch());
            }
            return Ok(Val::none());
        }
    }
    val_call_method(v, name, args, None)
}

/// `v.discard(x)`: an exact set's own discard, else the method.
pub fn val_method_discard(v: &Val, name: &'static Interned, args: &[&Val]) -> R<Val> {
    let o = v.obj()?.as_ptr();
    unsafe {
        if let Some(key) = set_and_plain_key(o, args)? {
            if ffi::PySet_Discard(o, key) < 0 {
                return Err(fetch());
            }
            return Ok(Val::none());
        }
    }
    val_call_method(v, name, args, None)
}

/// `v.remove(x)`: an exact set's own remove (KeyError(x) when missing), else the method.
pub fn val_method_remove(v: &Val, name: &'static Interned, args: &[&Val]) -> R<Val> {
    let o = v.obj()?.as_ptr();
    unsafe {
        if let Some(key) = set_and_plain_key(o, args)? {
            return match ffi::PySet_Discard(o, key) {
                r if r < 0 => Err(fetch()),
                0 => Err(Exc::Py(PyExc(Bound::from_borrowed_ptr(py(), key).py().get_type::<pyo3::exceptions::PyKeyError>()
                    .call1((Bound::from_borrowed_ptr(py(), key),))
                    .map_err(|e| Exc::Py(PyExc(e.into_value(py()))))?
                    .cast_into_unchecked()
                    .unbind()))),
                _ => Ok(Val::none()),
            };
        }
    }
    val_call_method(v, name, args, None)
}

/// `v.pop()`: an exact list's last item taken off (Objects/listobject.c `list_pop_impl`),
/// else the method.
pub fn val_method_pop(v: &Val, name: &'static Interned, args: &[&Val]) -> R<Val> {
    let o = v.obj()?.as_ptr();
    unsafe {
        if ffi::PyList_CheckExact(o) != 0 && args.is_empty() {
            let n = ffi::PyList_GET_SIZE(o);
            if n == 0 {
                return raise(ExcKind::IndexError, "pop from empty list");
            }
            let item = Obj::from_borrowed(ffi::PyList_GET_ITEM(o, n - 1));
            if ffi::PyList_SetSlice(o, n - 1, n, std::ptr::null_mut()) < 0 {
                return Err(fetch());
            }
            return Ok(Val::object(item));
        }
    }
    val_call_method(v, name, args, None)
}

/// `a, b, c = v` (UNPACK_SEQUENCE, CPython 3.11): an exact tuple or list of that length
/// gives its items; anything else is iterated, with CPython's errors.
#[inline(always)]
pub fn val_unpack<const N: usize>(v: &Val) -> R<[Val; N]> {
    let o = v.obj()?.as_ptr();
    unsafe {
        let exact = (ffi::PyTuple_CheckExact(o) != 0 && ffi::PyTuple_GET_SIZE(o) == N as ffi::Py_ssize_t)
            || (ffi::PyList_CheckExact(o) != 0 && ffi::PyList_GET_SIZE(o) == N as ffi::Py_ssize_t);
        if exact {
            let tuple = ffi::PyTuple_CheckExact(o) != 0;
            return Ok(std::array::from_fn(|i| {
                let item = if tuple { ffi::PyTuple_GET_ITEM(o, i as ffi::Py_ssize_t) } else { ffi::PyList_GET_ITEM(o, i as ffi::Py_ssize_t) };
                Val::object(Obj::from_borrowed(item))
            }));
        }
    }
    unpack_iterable(o)
}

/// UNPACK_SEQUENCE's general path (`unpack_iterable`): iterate, with CPython's errors.
#[inline(never)]
fn unpack_iterable<const N: usize>(o: *mut ffi::PyObject) -> R<[Val; N]> {
    unsafe {
        let it = ffi::PyObject_GetIter(o);
        if it.is_null() {
            let tp = ffi::Py_TYPE(o);
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_TypeError) != 0 && (*tp).tp_iter.is_none()
                && ffi::PySequence_Check(o) == 0
            {
                ffi::PyErr_Clear();
                let name = std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned();
                return raise(ExcKind::TypeError, format!("cannot unpack non-iterable {name} object"));
            }
            return Err(fetch());
        }
        let it = Obj::from_owned(it)?;
        let mut items: Vec<Val> = Vec::with_capacity(N);
        for got in 0..N {
            match obj_next(&it)? {
                Some(x) => items.push(Val::object(x)),
                None => return raise(ExcKind::ValueError, format!("not enough values to unpack (expected {N}, got {got})")),
            }
        }
        if obj_next(&it)?.is_some() {
            return raise(ExcKind::ValueError, format!("too many values to unpack (expected {N})"));
        }
        match items.try_into() {
            Ok(array) => Ok(array),
            Err(_) => deopt(), // not reached: exactly N items were pushed
        }
    }
}

#[inline]
pub fn val_len(v: &Val) -> R<i64> {
    obj_len(v.obj()?)
}

#[inline]
pub fn val_contains(container: &Val, item: &Val) -> R<bool> {
    obj_contains(container.obj()?, item.obj()?)
}

#[inline]
pub fn val_iter(v: &Val) -> R<Val> {
    Ok(Val::object(obj_iter(v.obj()?)?))
}

/// The next item, or the end marker (test with [`val_is_end`]).
#[inline]
pub fn val_next(it: &Val) -> R<Val> {
    Ok(Val::object(obj_next_item(it.obj()?)?))
}

#[inline]
pub fn val_is_end(v: &Val) -> bool {
    matches!(v.repr(), Repr::O(o) if o == end_marker())
}

/// A str constant of the source: the same object at every evaluation, as a code object's
/// constant is.
#[inline(always)]
pub fn val_const(s: &'static Interned) -> Val {
    Val::object(unsafe { Obj::from_borrowed(s.get()) })
}

#[inline]
pub fn val_load_global(g: &ModuleGlobals, name: &'static Interned, site: &'static GlobalSite) -> R<Val> {
    Ok(Val::object(load_global(g, name, site)?))
}

#[inline]
pub fn val_store_global(g: &ModuleGlobals, name: &'static Interned, v: &Val) -> R<()> {
    store_global(g, name, v.obj()?)
}
