use super::*;

// =====================================================================================
// try / except inside translated code (emit/exceptions.py)
// =====================================================================================

/// How a `try` body (run as a closure, so that `?` stops at the try) ended.
pub enum Flow<T> {
    /// It fell off its end.
    Normal,
    /// It executed `return value`: the function returns it (after any `finally`).
    Ret(T),
}

/// Whether an exception of `kind` is caught by `except <handler>` (Python's class
/// hierarchy of the kinds translated code raises). A deopt is never an exception.
pub fn exc_matches(kind: ExcKind, handler: ExcKind) -> bool {
    use ExcKind::*;
    if kind == handler || handler == Exception || handler == BaseException {
        return true;
    }
    match handler {
        ArithmeticError => matches!(kind, ZeroDivisionError | OverflowError),
        LookupError => matches!(kind, IndexError | KeyError),
        RuntimeError => matches!(kind, RecursionError | NotImplementedError),
        _ => false,
    }
}

/// The builtin exception class of a kind.
fn kind_type(kind: ExcKind) -> *mut ffi::PyObject {
    unsafe {
        match kind {
            ExcKind::ValueError => ffi::PyExc_ValueError,
            ExcKind::ZeroDivisionError => ffi::PyExc_ZeroDivisionError,
            ExcKind::IndexError => ffi::PyExc_IndexError,
            ExcKind::OverflowError => ffi::PyExc_OverflowError,
            ExcKind::AssertionError => ffi::PyExc_AssertionError,
            ExcKind::TypeError => ffi::PyExc_TypeError,
            ExcKind::KeyError => ffi::PyExc_KeyError,
            ExcKind::RuntimeError => ffi::PyExc_RuntimeError,
            ExcKind::RecursionError => ffi::PyExc_RecursionError,
            ExcKind::NotImplementedError => ffi::PyExc_NotImplementedError,
            ExcKind::ArithmeticError => ffi::PyExc_ArithmeticError,
            ExcKind::LookupError => ffi::PyExc_LookupError,
            ExcKind::StopIteration => ffi::PyExc_StopIteration,
            ExcKind::Exception => ffi::PyExc_Exception,
            ExcKind::BaseException => ffi::PyExc_BaseException,
        }
    }
}

/// Whether an `except (K1, K2):` clause catches this error: a translated raise by the
/// classes' hierarchy (a kind `exc_known` does not know is never caught), an exception of
/// Python code by the exception's own class (PyErr_GivenExceptionMatches), a deopt never.
pub fn exc_catches(e: &Exc, handlers: &[ExcKind]) -> bool {
    match e {
        Exc::Raise(kind, _) => exc_known(*kind) && handlers.iter().any(|h| exc_matches(*kind, *h)),
        Exc::Py(p) => handlers
            .iter()
            .any(|h| unsafe { ffi::PyErr_GivenExceptionMatches(p.0.as_ptr(), kind_type(*h)) } != 0),
        Exc::Deopt => false,
    }
}

/// Whether an `except` clause naming classes of the program (`except ParseError:`, found
/// as globals when the clause is tried, as CPython evaluates them) catches this error.
/// A name that is no exception class is CPython's TypeError.
pub fn exc_catches_classes(e: &Exc, classes: &[&Val]) -> R<bool> {
    for class in classes {
        let c = class.obj()?.as_ptr();
        unsafe {
            let valid = if ffi::PyTuple_Check(c) != 0 {
                (0..ffi::PyTuple_GET_SIZE(c)).all(|i| ffi::PyExceptionClass_Check(ffi::PyTuple_GET_ITEM(c, i)) != 0)
            } else {
                ffi::PyExceptionClass_Check(c) != 0
            };
            if !valid {
                return raise(ExcKind::TypeError, "catching classes that do not inherit from BaseException is not allowed");
            }
            let caught = match e {
                Exc::Py(p) => ffi::PyErr_GivenExceptionMatches(p.0.as_ptr(), c) != 0,
                Exc::Raise(kind, _) => exc_known(*kind) && ffi::PyErr_GivenExceptionMatches(kind_type(*kind), c) != 0,
                Exc::Deopt => false,
            };
            if caught {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// UnboundLocalError for a read of local `name` no path assigned, worded as the running
/// CPython words it (3.11 changed the message).
#[cold]
pub fn unbound_local(name: &str) -> Exc {
    Python::attach(|py| {
        let new = py.version_info() >= (3, 11);
        let msg = if new {
            format!("cannot access local variable '{name}' where it is not associated with a value")
        } else {
            format!("local variable '{name}' referenced before assignment")
        };
        Exc::Py(PyExc(pyo3::exceptions::PyUnboundLocalError::new_err(msg).into_value(py)))
    })
}

/// The caught exception as the Python object (`except K as e` around object code): a
/// translated raise becomes, in place, the exception it stands for, so a bare `raise`
/// after it passes on that same object.
pub fn exc_object(e: &mut Exc) -> R<Val> {
    if let Exc::Raise(..) = e {
        let value = Python::attach(|py| PyExc(e.clone().into_pyerr().into_value(py)));
        *e = Exc::Py(value);
    }
    match e {
        Exc::Py(p) => Ok(Val::object(unsafe { Obj::from_borrowed(p.0.as_ptr()) })),
        _ => deopt(), // not reached: a deopt is never caught
    }
}

/// The kind and message of a translated raise, for `except K as e` (whose `e` the
/// translator allows only around native code: passes/check_effects.py).
pub fn exc_parts(e: &Exc) -> (ExcKind, String) {
    match e {
        Exc::Raise(kind, msg) => (*kind, msg.clone()),
        _ => (ExcKind::Exception, String::new()),
    }
}

/// Whether `kind` is one whose class hierarchy `exc_matches` knows (else: deopt).
pub fn exc_known(kind: ExcKind) -> bool {
    use ExcKind::*;
    matches!(
        kind,
        ValueError
            | ZeroDivisionError
            | IndexError
            | OverflowError
            | AssertionError
            | TypeError
            | KeyError
            | RuntimeError
            | RecursionError
            | NotImplementedError
            | ArithmeticError
            | LookupError
            | StopIteration
            | Exception
    )
}

/// `kind(*args)`: the Python exception of this kind with these arguments.
pub fn new_pyerr<A: pyo3::PyErrArguments + Send + Sync + 'static>(kind: ExcKind, args: A) -> PyErr {
    match kind {
        ExcKind::ValueError => PyValueError::new_err(args),
        ExcKind::ZeroDivisionError => PyZeroDivisionError::new_err(args),
        ExcKind::IndexError => PyIndexError::new_err(args),
        ExcKind::OverflowError => PyOverflowError::new_err(args),
        ExcKind::AssertionError => PyAssertionError::new_err(args),
        ExcKind::TypeError => PyTypeError::new_err(args),
        ExcKind::KeyError => PyKeyError::new_err(args),
        ExcKind::RuntimeError => PyRuntimeError::new_err(args),
        ExcKind::RecursionError => PyRecursionError::new_err(args),
        ExcKind::NotImplementedError => PyNotImplementedError::new_err(args),
        ExcKind::ArithmeticError => PyArithmeticError::new_err(args),
        ExcKind::LookupError => PyLookupError::new_err(args),
        ExcKind::StopIteration => pyo3::exceptions::PyStopIteration::new_err(args),
        ExcKind::Exception => PyException::new_err(args),
        ExcKind::BaseException => pyo3::exceptions::PyBaseException::new_err(args),
    }
}

/// `str(e)` of an exception translated code caught (`except K as e`): its message, `''`
/// for `raise K` (no arguments), and for a KeyError the repr of its argument, as
/// BaseException.__str__ and KeyError.__str__ give them. Where that repr cannot be given
/// exactly here (a missing key that is bytes or not plain ASCII text), it deopts.
pub fn exc_str(kind: ExcKind, msg: &str) -> R<Str> {
    if msg == NO_ARGS {
        return Ok(Str::from(""));
    }
    if kind == ExcKind::KeyError {
        if let Some(repr) = msg.strip_prefix(KEY_REPR_MARK) {
            // the missing key's repr as dict.rs wrote it: exact for an int, a float, and
            // text of printable ASCII; a tuple or bytes key (written as \\x escapes there)
            // and other text are left to CPython
            let plain = repr.bytes().all(|b| (0x20..0x7f).contains(&b));
            let first = repr.chars().next().unwrap_or(' ');
            let number = first.is_ascii_digit() || first == '-' || repr == "inf" || repr == "nan";
            if !plain || !(number || first == '\'' || first == '"') {
                return deopt();
            }
            return Ok(Str::from(repr));
        }
        return Ok(Str::from(str_repr_exact(&Str::from(msg))?.as_str()));
    }
    Ok(Str::from(msg))
}
