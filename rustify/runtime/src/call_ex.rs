use super::*;

// =====================================================================================
// f(a, *b, k=c, **d): CALL_FUNCTION_EX, as CPython 3.11 compiles and runs it
// =====================================================================================
//
// The compiler turns such a call into: the callable, then the positional parts (a lone
// `*x` is passed as it is and made a tuple by CALL_FUNCTION_EX; otherwise BUILD_LIST,
// LIST_APPEND/LIST_EXTEND in order, LIST_TO_TUPLE), then the keyword parts (runs of
// `name=value` become a dict once their values are computed, every `**m` and later run is
// DICT_MERGEd into the first dict), then the call. Generated code drives a `CallEx` part by
// part in the same order, so an iterable is consumed, a mapping read, and a duplicate
// keyword found at the same moment as in CPython, with CPython's messages.

/// A call being put together (generated code: `new`, one method per part, `call`).
pub struct CallEx {
    func: Obj,
    positional: Positional,
    kwargs: Option<Obj>,
    /// `name=value` parts since the last `**` (a dict only when the run ends)
    run: Vec<(&'static Interned, Obj)>,
}

enum Positional {
    /// plain arguments (BUILD_TUPLE) until a `*` part makes it a list
    Args(Vec<Obj>),
    List(Obj),
    /// `f(*x, ...)` with no other positional part: x itself, a tuple at the call
    Only(Obj),
}

impl CallEx {
    pub fn new(func: &Val) -> R<CallEx> {
        Ok(CallEx { func: func.obj()?.clone(), positional: Positional::Args(Vec::new()), kwargs: None, run: Vec::new() })
    }

    /// A positional argument.
    pub fn arg(&mut self, v: &Val) -> R<()> {
        let v = v.obj()?.clone();
        match &mut self.positional {
            Positional::Args(items) => items.push(v),
            Positional::List(list) => unsafe {
                if ffi::PyList_Append(list.as_ptr(), v.as_ptr()) < 0 {
                    return Err(fetch());
                }
            },
            Positional::Only(_) => unreachable!("a lone `*` part has no other positional part"),
        }
        Ok(())
    }

    /// `*x` among other positional parts: LIST_EXTEND, now.
    pub fn star(&mut self, x: &Val) -> R<()> {
        let list = match std::mem::replace(&mut self.positional, Positional::Args(Vec::new())) {
            Positional::List(list) => list,
            Positional::Args(items) => unsafe {
                let list = Obj::from_owned(ffi::PyList_New(0))?;
                for item in &items {
                    if ffi::PyList_Append(list.as_ptr(), item.as_ptr()) < 0 {
                        return Err(fetch());
                    }
                }
                list
            },
            Positional::Only(_) => unreachable!("a lone `*` part has no other positional part"),
        };
        let x = x.obj()?;
        let extended = obj_call_method_1(&list, &EXTEND, x);
        self.positional = Positional::List(list);
        if let Err(e) = extended {
            if is_type_error(&e) && !iterable(x) {
                return Err(type_error(format!("Value after * must be an iterable, not {}", type_name(x))));
            }
            return Err(e);
        }
        Ok(())
    }

    /// `f(*x, ...)`, the only positional part: x is kept and made a tuple by the call.
    pub fn star_only(&mut self, x: &Val) -> R<()> {
        self.positional = Positional::Only(x.obj()?.clone());
        Ok(())
    }

    /// `name=value`.
    pub fn named(&mut self, name: &'static Interned, v: &Val) -> R<()> {
        self.run.push((name, v.obj()?.clone()));
        Ok(())
    }

    /// `**m`: the run of keywords before it, then m, merged now (DICT_MERGE).
    pub fn star_star(&mut self, m: &Val) -> R<()> {
        self.end_run()?;
        let into = match &self.kwargs {
            Some(d) => d.clone(),
            None => {
                let d = unsafe { Obj::from_owned(ffi::PyDict_New())? };
                self.kwargs = Some(d.clone());
                d
            }
        };
        merge_keywords(&self.func, &into, m.obj()?)
    }

    /// The call: CALL_FUNCTION_EX.
    pub fn call(mut self) -> R<Val> {
        self.end_run()?;
        let args = match std::mem::replace(&mut self.positional, Positional::Args(Vec::new())) {
            Positional::Args(items) => unsafe {
                let t = Obj::from_owned(ffi::PyTuple_New(items.len() as ffi::Py_ssize_t))?;
                for (i, item) in items.into_iter().enumerate() {
                    let p = item.as_ptr();
                    std::mem::forget(item); // the tuple takes this reference
                    ffi::PyTuple_SET_ITEM(t.as_ptr(), i as ffi::Py_ssize_t, p);
                }
                t
            },
            Positional::List(list) => unsafe { Obj::from_owned(ffi::PyList_AsTuple(list.as_ptr()))? },
            Positional::Only(x) => unsafe {
                if ffi::PyTuple_CheckExact(x.as_ptr()) != 0 {
                    x
                } else {
                    if !iterable(&x) {
                        let f = function_str(&self.func)?;
                        return Err(type_error(format!("{f} argument after * must be an iterable, not {}", type_name(&x))));
                    }
                    Obj::from_owned(ffi::PySequence_Tuple(x.as_ptr()))?
                }
            },
        };
        let kwargs = self.kwargs.as_ref().map_or(std::ptr::null_mut(), |d| d.as_ptr());
        unsafe { Ok(Val::object(Obj::from_owned(ffi::PyObject_Call(self.func.as_ptr(), args.as_ptr(), kwargs))?)) }
    }

    /// The `name=value` run so far as a dict: the first dict, or merged into it.
    fn end_run(&mut self) -> R<()> {
        if self.run.is_empty() {
            return Ok(());
        }
        let run = unsafe { Obj::from_owned(ffi::PyDict_New())? };
        for (name, v) in self.run.drain(..) {
            unsafe {
                if ffi::PyDict_SetItem(run.as_ptr(), name.get(), v.as_ptr()) < 0 {
                    return Err(fetch());
                }
            }
        }
        match &self.kwargs {
            None => self.kwargs = Some(run),
            Some(d) => merge_keywords(&self.func, d, &run)?,
        }
        Ok(())
    }
}

static EXTEND: Interned = Interned::new("extend");

fn obj_call_method_1(o: &Obj, name: &'static Interned, arg: &Obj) -> R<Obj> {
    let args = [o.as_ptr(), arg.as_ptr()];
    unsafe { Obj::from_owned(ffi::PyObject_VectorcallMethod(name.get(), args.as_ptr(), 2, std::ptr::null_mut())) }
}

/// DICT_MERGE: `m`'s items into `into`, a key already there an error (dict_merge with
/// override 2, then format_kwargs_error).
fn merge_keywords(func: &Obj, into: &Obj, m: &Obj) -> R<()> {
    match merge_no_duplicates(into, m) {
        Ok(()) => Ok(()),
        Err(Merge::Duplicate(key)) => Err(duplicate_keyword(func, &key)),
        Err(Merge::Failed) => unsafe {
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) != 0 {
                ffi::PyErr_Clear();
                let f = function_str(func)?;
                return Err(type_error(format!("{f} argument after ** must be a mapping, not {}", type_name(m))));
            }
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_KeyError) != 0 {
                // a KeyError whose value is still the 1-tuple `(key,)` (as C code sets it)
                let (mut t, mut v, mut tb) = (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
                ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
                if !v.is_null() && ffi::PyTuple_Check(v) != 0 && ffi::PyTuple_GET_SIZE(v) == 1 {
                    let key = Obj::from_borrowed(ffi::PyTuple_GET_ITEM(v, 0));
                    for p in [t, v, tb] {
                        ffi::Py_XDECREF(p);
                    }
                    return Err(duplicate_keyword(func, &key));
                }
                ffi::PyErr_Restore(t, v, tb);
            }
            Err(fetch())
        },
    }
}

enum Merge {
    Duplicate(Obj),
    /// an exception is set
    Failed,
}

/// dict_merge(into, m, 2): a dict whose iteration is dict's own is read entry by entry,
/// anything else through `m.keys()` and `m[key]`. On `Failed` the exception is still set.
fn merge_no_duplicates(into: &Obj, m: &Obj) -> Result<(), Merge> {
    unsafe {
        let mp = m.as_ptr();
        // (both read from type objects: the slot's address, compared as a number)
        let dict_iter = (*std::ptr::addr_of!(ffi::PyDict_Type)).tp_iter.map(|f| f as usize);
        if ffi::PyDict_Check(mp) != 0 && (*ffi::Py_TYPE(mp)).tp_iter.map(|f| f as usize) == dict_iter {
            if mp == into.as_ptr() {
                return Ok(());
            }
            let size = ffi::PyDict_Size(mp);
            let (mut pos, mut key, mut value) = (0, std::ptr::null_mut(), std::ptr::null_mut());
            while ffi::PyDict_Next(mp, &mut pos, &mut key, &mut value) != 0 {
                let (key, value) = (Obj::from_borrowed(key), Obj::from_borrowed(value));
                insert_new(into, key, &value)?;
                if ffi::PyDict_Size(mp) != size {
                    ffi::PyErr_SetString(ffi::PyExc_RuntimeError, c"dict mutated during update".as_ptr());
                    return Err(Merge::Failed);
                }
            }
            return Ok(());
        }
        let keys = own(ffi::PyMapping_Keys(mp))?;
        let it = own(ffi::PyObject_GetIter(keys.as_ptr()))?;
        loop {
            let key = ffi::PyIter_Next(it.as_ptr());
            if key.is_null() {
                return if ffi::PyErr_Occurred().is_null() { Ok(()) } else { Err(Merge::Failed) };
            }
            let key = own(key)?;
            if ffi::PyDict_Contains(into.as_ptr(), key.as_ptr()) != 0 {
                return Err(contained(key));
            }
            let value = own(ffi::PyObject_GetItem(mp, key.as_ptr()))?;
            insert_new(into, key, &value)?;
        }
    }
}

/// A new reference, or `Failed` with the exception left set.
fn own(p: *mut ffi::PyObject) -> Result<Obj, Merge> {
    match std::ptr::NonNull::new(p) {
        Some(_) => Ok(unsafe { Obj::from_owned(p).unwrap_or_else(|_| unreachable!()) }),
        None => Err(Merge::Failed),
    }
}

/// PyDict_Contains answered non-zero: the key is there (1) or the lookup raised (-1).
fn contained(key: Obj) -> Merge {
    if unsafe { ffi::PyErr_Occurred() }.is_null() { Merge::Duplicate(key) } else { Merge::Failed }
}

fn insert_new(into: &Obj, key: Obj, value: &Obj) -> Result<(), Merge> {
    unsafe {
        if ffi::PyDict_Contains(into.as_ptr(), key.as_ptr()) != 0 {
            return Err(contained(key));
        }
        if ffi::PyDict_SetItem(into.as_ptr(), key.as_ptr(), value.as_ptr()) < 0 {
            return Err(Merge::Failed);
        }
    }
    Ok(())
}

fn duplicate_keyword(func: &Obj, key: &Obj) -> Exc {
    match (function_str(func), str_of(key)) {
        (Ok(f), Ok(k)) => type_error(format!("{f} got multiple values for keyword argument '{k}'")),
        (Err(e), _) | (_, Err(e)) => e,
    }
}

static QUALNAME: Interned = Interned::new("__qualname__");
static MODULE: Interned = Interned::new("__module__");
static BUILTINS: Interned = Interned::new("builtins");

/// `o.name`, `None` when it has no such attribute (_PyObject_LookupAttr).
fn lookup_attr(o: &Obj, name: &'static Interned) -> R<Option<Obj>> {
    unsafe {
        let p = ffi::PyObject_GetAttr(o.as_ptr(), name.get());
        if !p.is_null() {
            return Ok(Some(Obj::from_owned(p)?));
        }
        if ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) == 0 {
            return Err(fetch());
        }
        ffi::PyErr_Clear();
        Ok(None)
    }
}

/// _PyObject_FunctionStr: "module.qualname()" ("qualname()" for builtins, str(f) when it
/// has no `__qualname__`), as call errors name the callable.
fn function_str(func: &Obj) -> R<String> {
    let Some(qualname) = lookup_attr(func, &QUALNAME)? else {
        return str_of(func);
    };
    if let Some(module) = lookup_attr(func, &MODULE)? {
        if module.as_ptr() != unsafe { ffi::Py_None() } {
            match unsafe { ffi::PyObject_RichCompareBool(module.as_ptr(), BUILTINS.get(), ffi::Py_NE) } {
                r if r < 0 => return Err(fetch()),
                0 => {}
                _ => return Ok(format!("{}.{}()", str_of(&module)?, str_of(&qualname)?)),
            }
        }
    }
    Ok(format!("{}()", str_of(&qualname)?))
}

/// `str(o)` (`%S`).
fn str_of(o: &Obj) -> R<String> {
    unsafe {
        let s = Obj::from_owned(ffi::PyObject_Str(o.as_ptr()))?;
        let mut size: ffi::Py_ssize_t = 0;
        let p = ffi::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size);
        if p.is_null() {
            return Err(fetch());
        }
        Ok(String::from_utf8_lossy(std::slice::from_raw_parts(p as *const u8, size as usize)).into_owned())
    }
}

/// What `*x` accepts: a type with `__iter__` or a sequence (check_args_iterable).
fn iterable(x: &Obj) -> bool {
    unsafe { (*ffi::Py_TYPE(x.as_ptr())).tp_iter.is_some() || ffi::PySequence_Check(x.as_ptr()) != 0 }
}

/// `%.200s` of the type's name.
fn type_name(x: &Obj) -> String {
    unsafe {
        let name = std::ffi::CStr::from_ptr((*ffi::Py_TYPE(x.as_ptr())).tp_name).to_bytes();
        String::from_utf8_lossy(&name[..name.len().min(200)]).into_owned()
    }
}

fn is_type_error(e: &Exc) -> bool {
    match e {
        Exc::Py(p) => unsafe {
            ffi::PyErr_GivenExceptionMatches(p.0.as_ptr(), ffi::PyExc_TypeError) != 0
        },
        Exc::Raise(kind, _) => *kind == ExcKind::TypeError,
        Exc::Deopt => false,
    }
}

fn type_error(msg: String) -> Exc {
    Exc::Raise(ExcKind::TypeError, msg)
}
