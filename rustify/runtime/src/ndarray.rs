use super::*;

// =====================================================================================
// numpy: arrays read in place, arrays made by the function, numpy.float64 scalars
// (pure Rust; the conversions that need the rust-numpy crate are emitted into lib.rs
// only when a function uses arrays, see emit/numpy_emit.py)
// =====================================================================================

/// A 1-D or 2-D numpy array. A view (`owned == false`) reads the caller's buffer in place
/// through `ptr` and element strides (any layout numpy gives: C, Fortran, negative steps);
/// the wrapper keeps rust-numpy's read-only borrow alive for the whole call. An owned array
/// (np.zeros, ...) keeps its C-contiguous items in `data`.
pub struct Arr<T> {
    ptr: *const T,
    pub shape: [usize; 2],
    strides: [isize; 2],
    pub ndim: usize,
    data: Vec<T>,
    owned: bool,
}

// SAFETY: a view only reads memory that rust-numpy's borrow (held by the wrapper for the
// whole call, also while the GIL is released) keeps alive; an owned array is a Vec.
unsafe impl<T: Send> Send for Arr<T> {}
unsafe impl<T: Sync> Sync for Arr<T> {}

impl<T: Copy> Default for Arr<T> {
    fn default() -> Self {
        Arr { ptr: std::ptr::null(), shape: [0, 1], strides: [1, 1], ndim: 1, data: Vec::new(), owned: true }
    }
}

impl<T: Copy> Clone for Arr<T> {
    fn clone(&self) -> Self {
        if self.owned {
            let data = self.data.clone();
            Arr { ptr: data.as_ptr(), shape: self.shape, strides: self.strides, ndim: self.ndim, data, owned: true }
        } else {
            Arr { ptr: self.ptr, shape: self.shape, strides: self.strides, ndim: self.ndim, data: Vec::new(), owned: false }
        }
    }
}

#[cold]
#[inline(never)]
fn np_index_error<T>(i: i64, axis: usize, size: usize) -> R<T> {
    raise(ExcKind::IndexError, format!("index {} is out of bounds for axis {} with size {}", i, axis, size))
}

#[inline(always)]
fn np_norm(i: i64, axis: usize, size: usize) -> R<isize> {
    let k = if i < 0 { i.wrapping_add(size as i64) } else { i };
    if k < 0 || k >= size as i64 {
        return np_index_error(i, axis, size);
    }
    Ok(k as isize)
}

impl<T: Copy> Arr<T> {
    /// # Safety
    /// `ptr` with `shape` and element `strides` must address valid items for the
    /// lifetime of the value (the caller holds a read-only borrow of the array).
    pub unsafe fn view(ptr: *const T, ndim: usize, shape: [usize; 2], strides: [isize; 2]) -> Arr<T> {
        Arr { ptr, shape, strides, ndim, data: Vec::new(), owned: false }
    }

    pub fn from_vec(data: Vec<T>, ndim: usize, shape: [usize; 2]) -> Arr<T> {
        let strides = if ndim == 1 { [1, 1] } else { [shape[1] as isize, 1] };
        Arr { ptr: data.as_ptr(), shape, strides, ndim, data, owned: true }
    }

    #[inline(always)]
    pub fn len_i64(&self) -> i64 {
        self.shape[0] as i64
    }

    #[inline(always)]
    pub fn size(&self) -> i64 {
        if self.ndim == 1 { self.shape[0] as i64 } else { (self.shape[0] * self.shape[1]) as i64 }
    }

    #[inline(always)]
    pub fn get1(&self, i: i64) -> R<T> {
        let k = np_norm(i, 0, self.shape[0])?;
        // SAFETY: k is in bounds of axis 0 (see `view`)
        Ok(unsafe { *self.ptr.offset(k * self.strides[0]) })
    }

    #[inline(always)]
    pub fn get2(&self, i: i64, j: i64) -> R<T> {
        let k = np_norm(i, 0, self.shape[0])?;
        let l = np_norm(j, 1, self.shape[1])?;
        // SAFETY: k and l are in bounds of their axes (see `view`)
        Ok(unsafe { *self.ptr.offset(k * self.strides[0] + l * self.strides[1]) })
    }

    /// The items in C order (a copy: for building results only).
    pub fn to_c_vec(&self) -> Vec<T> {
        if self.owned {
            return self.data.clone();
        }
        let mut out = Vec::with_capacity(self.size() as usize);
        let rows = self.shape[0];
        let cols = if self.ndim == 1 { 1 } else { self.shape[1] };
        for r in 0..rows {
            for c in 0..cols {
                // SAFETY: r and c are in bounds
                out.push(unsafe { *self.ptr.offset(r as isize * self.strides[0] + c as isize * self.strides[1]) });
            }
        }
        out
    }

    pub fn owned_data(&self) -> &[T] {
        &self.data
    }
}

impl Arr<f64> {
    #[inline(always)]
    pub fn set1(&mut self, i: i64, v: f64) -> R<()> {
        let k = np_norm(i, 0, self.shape[0])? as usize;
        self.data[k] = v;
        Ok(())
    }

    #[inline(always)]
    pub fn set2(&mut self, i: i64, j: i64, v: f64) -> R<()> {
        let k = np_norm(i, 0, self.shape[0])? as usize;
        let l = np_norm(j, 1, self.shape[1])? as usize;
        let cols = self.shape[1];
        self.data[k * cols + l] = v;
        Ok(())
    }

    fn np_dim(n: i64) -> R<usize> {
        if n < 0 {
            return raise(ExcKind::ValueError, "negative dimensions are not allowed");
        }
        Ok(n as usize)
    }

    /// np.zeros / np.ones / np.empty of a 1-D shape (empty is zero-filled: any content is right).
    pub fn filled1(fill: f64, n: i64) -> R<Arr<f64>> {
        let n = Self::np_dim(n)?;
        if n > (1usize << 28) {
            return deopt(); // numpy decides what happens to huge requests (MemoryError...)
        }
        Ok(Arr::from_vec(vec![fill; n], 1, [n, 1]))
    }

    pub fn filled2(fill: f64, r: i64, c: i64) -> R<Arr<f64>> {
        let (r, c) = (Self::np_dim(r)?, Self::np_dim(c)?);
        match r.checked_mul(c) {
            Some(n) if n <= (1usize << 28) => Ok(Arr::from_vec(vec![fill; n], 2, [r, c])),
            _ => deopt(),
        }
    }
}

/// np.zeros_like(a) and friends: a new float64 array of `a`'s shape.
pub fn arr_like<T: Copy>(fill: f64, a: &Arr<T>) -> Arr<f64> {
    let n = a.size() as usize;
    Arr::from_vec(vec![fill; n], a.ndim, a.shape)
}

/// A Python float or a numpy.float64 (`np`), see ir/rtypes_numpy.py.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fx {
    pub v: f64,
    pub np: bool,
}

impl Fx {
    #[inline(always)]
    pub fn np(v: f64) -> Fx {
        Fx { v, np: true }
    }
    #[inline(always)]
    pub fn py(v: f64) -> Fx {
        Fx { v, np: false }
    }
    #[inline(always)]
    pub fn neg(self) -> Fx {
        Fx { v: -self.v, np: self.np }
    }
}

#[derive(Clone, Copy)]
pub enum FxOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
}

/// `a op b` where at least one side may be a numpy.float64. Two Python floats follow
/// CPython (ZeroDivisionError, ...). With a numpy.float64 the result is one too, and
/// where numpy would warn (division by zero, overflow to inf, invalid -> nan) the call
/// deopts, so the original runs and warns (or raises under np.seterr) itself.
#[inline(always)]
pub fn fx_arith(op: FxOp, a: Fx, b: Fx) -> R<Fx> {
    let (x, y) = (a.v, b.v);
    if !(a.np || b.np) {
        let v = match op {
            FxOp::Add => x + y,
            FxOp::Sub => x - y,
            FxOp::Mul => x * y,
            FxOp::TrueDiv => float_truediv(x, y)?,
            FxOp::FloorDiv => float_floordiv(x, y)?,
            FxOp::Mod => float_mod(x, y)?,
            FxOp::Pow => float_pow(x, y)?,
        };
        return Ok(Fx::py(v));
    }
    let v = match op {
        FxOp::Add => x + y,
        FxOp::Sub => x - y,
        FxOp::Mul => x * y,
        FxOp::TrueDiv => {
            if y == 0.0 {
                return deopt();
            }
            x / y
        }
        FxOp::FloorDiv | FxOp::Mod => {
            if y == 0.0 || !x.is_finite() || !y.is_finite() {
                return deopt();
            }
            if let FxOp::Mod = op { float_mod(x, y)? } else { float_floordiv(x, y)? }
        }
        FxOp::Pow => x.powf(y),
    };
    if (v.is_nan() && !x.is_nan() && !y.is_nan()) || (v.is_infinite() && x.is_finite() && y.is_finite()) {
        return deopt();
    }
    Ok(Fx::np(v))
}

/// A Python int or a numpy.int64 (`np`): the items of int64 arrays and the variables
/// that mix them with ints. numpy.int64 arithmetic wraps (with a warning) where Python's
/// ints grow: every overflow, zero divisor and negative power deopts, so the original
/// decides (and warns) there.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ix {
    pub v: i64,
    pub np: bool,
}

impl Ix {
    #[inline(always)]
    pub fn np(v: i64) -> Ix {
        Ix { v, np: true }
    }
    #[inline(always)]
    pub fn py(v: i64) -> Ix {
        Ix { v, np: false }
    }
    #[inline(always)]
    pub fn fx(self) -> Fx {
        Fx { v: self.v as f64, np: self.np }
    }
    #[inline(always)]
    pub fn neg(self) -> R<Ix> {
        match self.v.checked_neg() {
            Some(v) => Ok(Ix { v, np: self.np }),
            None => deopt(),
        }
    }
}

#[inline(always)]
pub fn ix_arith(op: FxOp, a: Ix, b: Ix) -> R<Ix> {
    let np = a.np || b.np;
    let (x, y) = (a.v, b.v);
    if np && y == 0 && matches!(op, FxOp::FloorDiv | FxOp::Mod) {
        return deopt(); // numpy warns and gives 0
    }
    let v = match op {
        FxOp::Add => int_add(x, y)?,
        FxOp::Sub => int_sub(x, y)?,
        FxOp::Mul => int_mul(x, y)?,
        FxOp::FloorDiv => int_floordiv(x, y)?,
        FxOp::Mod => int_mod(x, y)?,
        FxOp::Pow => {
            if y < 0 {
                return deopt(); // a float in Python, a ValueError in numpy
            }
            if np {
                wrapping_pow_i64(x, y as u64) // numpy's integer power wraps, silently
            } else {
                int_pow_nonneg(x, y)?
            }
        }
        FxOp::TrueDiv => return deopt(), // see ix_truediv
    };
    Ok(Ix { v, np })
}

/// `x ** e` modulo 2**64 (square and multiply; any order gives the same residue).
fn wrapping_pow_i64(x: i64, mut e: u64) -> i64 {
    let (mut out, mut base) = (1i64, x);
    while e > 0 {
        if e & 1 == 1 {
            out = out.wrapping_mul(base);
        }
        e >>= 1;
        base = base.wrapping_mul(base);
    }
    out
}

/// `a / b` of ints: Python's correctly rounded quotient, or numpy's quotient of the
/// two values converted to float64 (a numpy.float64).
#[inline(always)]
pub fn ix_truediv(a: Ix, b: Ix) -> R<Fx> {
    if a.np || b.np {
        if b.v == 0 {
            return deopt();
        }
        return Ok(Fx::np(a.v as f64 / b.v as f64));
    }
    Ok(Fx::py(int_truediv(a.v, b.v)?))
}
