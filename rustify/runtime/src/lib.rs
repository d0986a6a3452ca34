//! rustify-rt: the one hand-written place where CPython's exact semantics live.
//!
//! Every generated crate depends on this crate (`use rustify_rt as rt;`); rustify copies it
//! to a content-addressed folder in the user's cache (`rustify/building/runtime_crate.py`), so cargo
//! compiles it once per version and a generated crate is only its own `lib.rs`.  Generated
//! code never spells out a Python rule itself: it calls these helpers, each of which mirrors
//! a named piece of CPython 3.11 (file and function given in its doc comment).  Pure helpers
//! have `#[cfg(test)]` unit tests here (`cargo test`); the rest are compared with the
//! running interpreter by `tests/runtime/test_rt.py`.
//!
//! Conventions
//! * Every fallible helper returns [`R<T>`]: `Ok(value)`, `Err(Exc::Raise(kind, message))`
//!   for the exception CPython raises (same type, same message), or `Err(Exc::Deopt)` when the
//!   exact answer cannot be represented in Rust's native types (an `int` beyond 64 bits, a
//!   `complex` result, ...).  A deopt makes the wrapper run the original Python function.
//! * Nothing here panics on any input: Python never sees a Rust panic.
//! * Floats are bit-identical to CPython: the same libm (glibc) is called for the same inputs,
//!   and CPython's special-case handling is ported line by line.
//!
//! The modules share one namespace (each starts with `use super::*;`): the helpers were one
//! module before they were a crate, and generated code names them all as `rt::name`.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::os::raw::c_int;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::sync::{LazyLock, Mutex, MutexGuard};

use pyo3::exceptions::{
    PyArithmeticError, PyAssertionError, PyException, PyIndexError, PyKeyError, PyLookupError,
    PyNotImplementedError, PyOverflowError, PyRecursionError, PyRuntimeError, PyTypeError,
    PyValueError, PyZeroDivisionError,
};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyModule;

/// Errors, the fallback registry and deopt, `Num` (an int or a float).
/// Rust-side allocations of every generated extension (Python objects still come from
/// CPython's allocator); see Cargo.toml.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod base;
pub use base::*;
/// Int and float arithmetic and comparisons (Objects/longobject.c, floatobject.c).
mod arith;
pub use arith::*;
/// Builtin functions: abs, round, divmod, min/max, int(), float(), ....
mod builtins;
pub use builtins::*;
/// The `math` module, bit-identical through the same libm.
mod math;
pub use math::*;
/// math.fsum, math.prod, math.isclose.
mod math_sums;
pub use math_sums::*;
/// heapq and bisect on native lists (CPython's comparison order).
mod heap;
pub use heap::*;
/// Lists and tuples, `repr` of numbers.
mod list;
pub use list::*;
/// Python <-> Rust conversion at the call boundary (`FromPy`, `ToPy`).
mod boundary;
pub use boundary::*;
/// Sequence operations: slicing, sorting, searching.
mod seq;
pub use seq::*;
/// Str (code points) and bytes.
mod text;
pub use text::*;
/// str methods that search and split (find, split, strip, join, replace).
mod text_methods;
pub use text_methods::*;
/// str methods that lay text out: rsplit, partition, splitlines, padding, case.
mod text_layout;
pub use text_layout::*;
/// Dict and set: insertion-ordered indexmap maps with CPython's hashing rules.
mod dict;
pub use dict::*;
/// Try/except: the exception hierarchy, `args == ()`.
mod exc;
pub use exc::*;
/// The object tier: any Python object through the C API (`Obj`).
mod obj;
pub use obj::*;
/// Attribute sites: CPython 3.11's instance-value fast path for `obj.x`.
mod attr;
pub use attr::*;
/// Object-tier values: numbers the translation made stay unboxed until needed (`Val`).
mod val;
pub use val::*;
/// Displays, f-strings, raise, with blocks and sorted() of objects.
mod val_make;
pub use val_make::*;

mod call_ex;
pub use call_ex::*;

mod view;
pub use view::*;

mod text_view;
pub use text_view::*;
/// Generators: translated bodies on stackful coroutines (Objects/genobject.c).
mod gen;
pub use gen::*;
/// Module globals guarded on entry (constants, helper functions).
mod guard;
pub use guard::*;
/// The swapped function's face: a vectorcall proxy that forwards to the original.
mod swap;
pub use swap::*;
/// numpy arrays through the buffer protocol and numpy's C API (only crates with arrays).
#[cfg(feature = "numpy")]
mod ndarray;
#[cfg(feature = "numpy")]
pub use ndarray::*;
/// Array arguments and array and numpy-scalar results through rust-numpy.
#[cfg(feature = "numpy")]
pub mod np_glue;

#[cfg(test)]
mod tests;
