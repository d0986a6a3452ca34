
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
    if kind == handler || handler == Exception {
        return true;
    }
    match handler {
        ArithmeticError => matches!(kind, ZeroDivisionError | OverflowError),
        LookupError => matches!(kind, IndexError | KeyError),
        RuntimeError => matches!(kind, RecursionError | NotImplementedError),
        _ => false,
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
            | Exception
    )
}

/// `kind()`: the exception with empty `args`.
fn no_args_pyerr(kind: ExcKind) -> PyErr {
    match kind {
        ExcKind::ValueError => PyValueError::new_err(()),
        ExcKind::ZeroDivisionError => PyZeroDivisionError::new_err(()),
        ExcKind::IndexError => PyIndexError::new_err(()),
        ExcKind::OverflowError => PyOverflowError::new_err(()),
        ExcKind::AssertionError => PyAssertionError::new_err(()),
        ExcKind::TypeError => PyTypeError::new_err(()),
        ExcKind::KeyError => PyKeyError::new_err(()),
        ExcKind::RuntimeError => PyRuntimeError::new_err(()),
        ExcKind::RecursionError => PyRecursionError::new_err(()),
        ExcKind::NotImplementedError => PyNotImplementedError::new_err(()),
        ExcKind::ArithmeticError => PyArithmeticError::new_err(()),
        ExcKind::LookupError => PyLookupError::new_err(()),
        ExcKind::Exception => PyException::new_err(()),
    }
}
