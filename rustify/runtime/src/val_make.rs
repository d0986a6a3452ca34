use super::*;

// =====================================================================================
// What translated code makes and runs with objects
// =====================================================================================
//
// Displays (BUILD_LIST/MAP/SET), f-strings (FORMAT_VALUE, BUILD_STRING), `raise`
// (do_raise), `with` blocks (BEFORE_WITH, WITH_EXCEPT_START) and `sorted(key=...)` of
// objects: each as Python/ceval.c 3.11 and bltinmodule.c run it, on `Val`s (val.rs).

/// One `{value!c:spec}` of an f-string (FORMAT_VALUE): the conversion (`s`, `r`, `a`, or 0
/// for none), then the value itself when it is an exact str and there is no spec, else
/// PyObject_Format.
pub fn val_format(v: &Val, conversion: u8, spec: Option<&Val>) -> R<Val> {
    let o = v.obj()?.as_ptr();
    unsafe {
        let converted = match conversion {
            b's' => Some(Obj::from_owned(ffi::PyObject_Str(o))?),
            b'r' => Some(Obj::from_owned(ffi::PyObject_Repr(o))?),
            b'a' => Some(Obj::from_owned(ffi::PyObject_ASCII(o))?),
            _ => None,
        };
        let value = converted.as_ref().map_or(o, |c| c.as_ptr());
        if spec.is_none() && ffi::PyUnicode_CheckExact(value) != 0 {
            return Ok(Val::object(Obj::from_borrowed(value)));
        }
        let spec = match spec {
            Some(s) => s.obj()?.as_ptr(),
            None => std::ptr::null_mut(),
        };
        Ok(Val::object(Obj::from_owned(ffi::PyObject_Format(value, spec))?))
    }
}

/// `[a, b, ...]` of objects (BUILD_LIST).
pub fn val_build_list(items: &[&Val]) -> R<Val> {
    unsafe {
        let list = Obj::from_owned(ffi::PyList_New(items.len() as ffi::Py_ssize_t))?;
        for (i, item) in items.iter().enumerate() {
            let p = item.obj()?.as_ptr();
            ffi::Py_INCREF(p);
            ffi::PyList_SET_ITEM(list.as_ptr(), i as ffi::Py_ssize_t, p);
        }
        Ok(Val::object(list))
    }
}

/// `{k: v, ...}` of objects (BUILD_MAP: `items` alternate keys and values, stored in order).
pub fn val_build_dict(items: &[&Val]) -> R<Val> {
    unsafe {
        let dict = Obj::from_owned(ffi::PyDict_New())?;
        for pair in items.chunks(2) {
            if let [k, v] = pair {
                if ffi::PyDict_SetItem(dict.as_ptr(), k.obj()?.as_ptr(), v.obj()?.as_ptr()) < 0 {
                    return Err(fetch());
                }
            }
        }
        Ok(Val::object(dict))
    }
}

/// `{a, b, ...}` of objects (BUILD_SET: items added in order).
pub fn val_build_set(items: &[&Val]) -> R<Val> {
    unsafe {
        let set = Obj::from_owned(ffi::PySet_New(std::ptr::null_mut()))?;
        for item in items {
            if ffi::PySet_Add(set.as_ptr(), item.obj()?.as_ptr()) < 0 {
                return Err(fetch());
            }
        }
        Ok(Val::object(set))
    }
}

/// `raise exc [from cause]` (RAISE_VARARGS, Python/ceval.c `do_raise`): a class is
/// called with no arguments, an instance raised; anything else is CPython's TypeError.
/// Always an error, so its value type is irrelevant.
pub fn val_raise(exc: &Val, cause: Option<&Val>) -> R<()> {
    let e = exc.obj()?.as_ptr();
    unsafe {
        let base = ffi::PyExc_BaseException;
        let value = if ffi::PyType_Check(e) != 0 && ffi::PyType_IsSubtype(e as *mut ffi::PyTypeObject, base as *mut ffi::PyTypeObject) != 0 {
            let made = Obj::from_owned(ffi::PyObject_CallNoArgs(e))?;
            if ffi::PyObject_IsInstance(made.as_ptr(), base) <= 0 {
                let name = std::ffi::CStr::from_ptr((*(e as *mut ffi::PyTypeObject)).tp_name).to_string_lossy().into_owned();
                let got = std::ffi::CStr::from_ptr((*ffi::Py_TYPE(made.as_ptr())).tp_name).to_string_lossy().into_owned();
                return raise(ExcKind::TypeError, format!(
                    "calling {name} should have returned an instance of BaseException, not {got}"));
            }
            made
        } else if ffi::PyObject_IsInstance(e, base) > 0 {
            Obj::from_borrowed(e)
        } else {
            return raise(ExcKind::TypeError, "exceptions must derive from BaseException");
        };
        if let Some(cause) = cause {
            let c = cause.obj()?.as_ptr();
            let fixed = if ffi::PyType_Check(c) != 0 && ffi::PyType_IsSubtype(c as *mut ffi::PyTypeObject, base as *mut ffi::PyTypeObject) != 0 {
                Some(Obj::from_owned(ffi::PyObject_CallNoArgs(c))?)
            } else if ffi::PyObject_IsInstance(c, base) > 0 {
                Some(Obj::from_borrowed(c))
            } else if c == ffi::Py_None() {
                None
            } else {
                return raise(ExcKind::TypeError, "exception causes must derive from BaseException");
            };
            // as do_raise: `from None` is a NULL cause; PyException_SetCause steals the
            // reference and sets __suppress_context__
            let p = fixed.map_or(std::ptr::null_mut(), |f| {
                let p = f.as_ptr();
                ffi::Py_INCREF(p);
                p
            });
            ffi::PyException_SetCause(value.as_ptr(), p);
        }
        ffi::PyErr_SetObject(ffi::Py_TYPE(value.as_ptr()) as *mut ffi::PyObject, value.as_ptr());
        Err(fetch())
    }
}

/// `_PyObject_LookupSpecial`: a special method found on the type, bound to `o`.
unsafe fn lookup_special(o: *mut ffi::PyObject, name: &str) -> R<Option<Obj>> {
    unsafe {
        let key = Obj::from_owned(ffi::PyUnicode_FromStringAndSize(name.as_ptr() as *const _, name.len() as ffi::Py_ssize_t))?;
        let tp = ffi::Py_TYPE(o);
        let found = _PyType_Lookup(tp, key.as_ptr());
        if found.is_null() {
            return Ok(None);
        }
        match (*ffi::Py_TYPE(found)).tp_descr_get {
            Some(get) => Ok(Some(Obj::from_owned(get(found, o, tp as *mut ffi::PyObject))?)),
            None => Ok(Some(Obj::from_borrowed(found))),
        }
    }
}

/// BEFORE_WITH (CPython 3.11): the bound `__exit__` and what `__enter__()` returned, with
/// CPython's TypeErrors for a manager without them.
pub fn val_with_enter(manager: &Val) -> R<(Val, Val)> {
    let m = manager.obj()?.as_ptr();
    unsafe {
        let name = std::ffi::CStr::from_ptr((*ffi::Py_TYPE(m)).tp_name).to_string_lossy().into_owned();
        let Some(enter) = lookup_special(m, "__enter__")? else {
            return raise(ExcKind::TypeError, format!("'{name}' object does not support the context manager protocol"));
        };
        let Some(exit) = lookup_special(m, "__exit__")? else {
            return raise(ExcKind::TypeError, format!(
                "'{name}' object does not support the context manager protocol (missed __exit__ method)"));
        };
        let value = Obj::from_owned(ffi::PyObject_CallNoArgs(enter.as_ptr()))?;
        Ok((Val::object(exit), Val::object(value)))
    }
}

/// The end of a with block (WITH_EXCEPT_START): `__exit__(None, None, None)` after a
/// normal end or a return; `__exit__(type, exc, tb)` after an exception (a translated
/// raise becomes the exception it stands for), which a true result swallows.
pub fn val_with_exit<T>(exit: &Val, outcome: R<Flow<T>>) -> R<Flow<T>> {
    let f = exit.obj()?.as_ptr();
    unsafe {
        match outcome {
            Ok(flow) => {
                let none = ffi::Py_None();
                let args = [none, none, none];
                let _ = Obj::from_owned(ffi::PyObject_Vectorcall(f, args.as_ptr(), 3, std::ptr::null_mut()))?;
                Ok(flow)
            }
            Err(Exc::Deopt) => Err(Exc::Deopt), // not reached: check_effects allows no deopt after __enter__
            Err(e) => {
                let value = match e {
                    Exc::Py(p) => p,
                    other => Python::attach(|py| PyExc(other.into_pyerr().into_value(py))),
                };
                let v = value.0.as_ptr();
                let tb = ffi::PyException_GetTraceback(v);
                let tb = if tb.is_null() { Obj::none() } else { Obj::from_owned(tb)? };
                let args = [ffi::Py_TYPE(v) as *mut ffi::PyObject, v, tb.as_ptr()];
                let res = Obj::from_owned(ffi::PyObject_Vectorcall(f, args.as_ptr(), 3, std::ptr::null_mut()))?;
                if obj_truthy(&res)? {
                    return Ok(Flow::Normal);
                }
                Err(Exc::Py(value))
            }
        }
    }
}

/// `sorted(items, key=f, reverse=r)` with the keys `f` gave, in order: CPython's own
/// list.sort orders the indices by `keys.__getitem__`, so every comparison (and an error
/// of one) is the one CPython's sort of the items by those keys makes; the new list holds
/// the items themselves.
pub fn val_sorted_by_keys(items: &[Val], keys: &[Val], reverse: bool) -> R<Val> {
    let py = py();
    let key_refs: Vec<&Val> = keys.iter().collect();
    let key_list = val_build_list(&key_refs)?;
    unsafe {
        let getter = Obj::from_owned(ffi::PyObject_GetAttrString(key_list.obj()?.as_ptr(), c"__getitem__".as_ptr()))?;
        let indices = Obj::from_owned(ffi::PyList_New(items.len() as ffi::Py_ssize_t))?;
        for i in 0..items.len() {
            let n = Obj::from_owned(ffi::PyLong_FromSsize_t(i as ffi::Py_ssize_t))?;
            ffi::PyList_SET_ITEM(indices.as_ptr(), i as ffi::Py_ssize_t, n.as_ptr());
            std::mem::forget(n); // the list owns it now
        }
        let kw = pyo3::types::PyDict::new(py);
        kw.set_item("key", Bound::from_borrowed_ptr(py, getter.as_ptr())).map_err(|e| Exc::Py(PyExc(e.into_value(py))))?;
        kw.set_item("reverse", reverse).map_err(|e| Exc::Py(PyExc(e.into_value(py))))?;
        let sort = Obj::from_owned(ffi::PyObject_GetAttrString(indices.as_ptr(), c"sort".as_ptr()))?;
        let empty = Obj::from_owned(ffi::PyTuple_New(0))?;
        let _ = Obj::from_owned(ffi::PyObject_Call(sort.as_ptr(), empty.as_ptr(), kw.as_ptr()))?;
        let out = Obj::from_owned(ffi::PyList_New(items.len() as ffi::Py_ssize_t))?;
        for i in 0..items.len() {
            let k = ffi::PyLong_AsSsize_t(ffi::PyList_GET_ITEM(indices.as_ptr(), i as ffi::Py_ssize_t)) as usize;
            let item = items[k].obj()?.as_ptr();
            ffi::Py_INCREF(item);
            ffi::PyList_SET_ITEM(out.as_ptr(), i as ffi::Py_ssize_t, item);
        }
        Ok(Val::object(out))
    }
}

/// The pieces of an f-string joined (BUILD_STRING).
pub fn val_build_string(parts: &[&Val]) -> R<Val> {
    unsafe {
        let tuple = Obj::from_owned(ffi::PyTuple_New(parts.len() as ffi::Py_ssize_t))?;
        for (i, p) in parts.iter().enumerate() {
            let item = p.obj()?.as_ptr();
            ffi::Py_INCREF(item);
            ffi::PyTuple_SET_ITEM(tuple.as_ptr(), i as ffi::Py_ssize_t, item);
        }
        let empty = Obj::from_owned(ffi::PyUnicode_FromStringAndSize(std::ptr::null(), 0))?;
        Ok(Val::object(Obj::from_owned(ffi::PyUnicode_Join(empty.as_ptr(), tuple.as_ptr()))?))
    }
}
