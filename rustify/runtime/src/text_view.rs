use super::*;

// =====================================================================================
// StrView: a str argument read in CPython's own representation
// =====================================================================================
//
// Converting a str argument to code points (`Str`, 4 bytes each, one allocation) cost more
// than CPython's whole call for `len(line)` or `line.strip()`, and a line split into fields
// was copied twice. A str argument the function never rebinds is read where CPython keeps it:
// the compact array of 1, 2 or 4 bytes per code point (PEP 393). `len`, `strip`, `split`
// work on that array and build only their results; any other operation takes the whole
// string as a `Str`, converted once on first use and kept (`whole`). A str is immutable, so
// the view stays valid for the call; a lone surrogate (which a `char` cannot hold) is found
// when the view is made, and the call falls back then, as the conversion did.

/// The code points of a str argument, in its own width.
#[derive(Clone, Copy)]
pub(crate) enum Units<'a> {
    One(&'a [u8]),
    Two(&'a [u16]),
    Four(&'a [u32]),
}

/// A str argument read in place (or a translated caller's own `Str`, lent).
pub struct StrView<'a> {
    units: Units<'a>,
    whole: std::cell::OnceCell<Str>,
    lent: Option<&'a Str>,
}

/// The code points of an exact str in its own width: None when `obj` is not exactly a str or
/// holds a lone surrogate (no `char` for it).
///
/// # Safety
/// `obj` is a live object and the caller is attached; the result borrows its storage.
pub(crate) unsafe fn str_units<'a>(obj: *mut ffi::PyObject) -> Option<Units<'a>> {
    unsafe {
        if ffi::PyUnicode_CheckExact(obj) == 0 {
            return None;
        }
        let n = ffi::PyUnicode_GetLength(obj); // also readies a legacy string
        if n < 0 {
            ffi::PyErr_Clear();
            return None;
        }
        let (n, data) = (n as usize, ffi::PyUnicode_DATA(obj));
        Some(match ffi::PyUnicode_KIND(obj) {
            1 => Units::One(std::slice::from_raw_parts(data as *const u8, n)),
            2 => {
                let u = std::slice::from_raw_parts(data as *const u16, n);
                if u.iter().any(|&c| (0xD800..0xE000).contains(&c)) {
                    return None;
                }
                Units::Two(u)
            }
            _ => {
                let u = std::slice::from_raw_parts(data as *const u32, n);
                if u.iter().any(|&c| char::from_u32(c).is_none()) {
                    return None;
                }
                Units::Four(u)
            }
        })
    }
}

/// A whole str's code points as a `Str`.
pub(crate) fn widen_units(units: Units<'_>) -> Str {
    match units {
        Units::One(u) => widen(u),
        Units::Two(u) => widen(u),
        Units::Four(u) => widen(u),
    }
}

/// Code units widened to `char`: every unit was checked to be a code point when the view was made.
#[inline(always)]
fn widen<T: Copy + Into<u32>>(units: &[T]) -> Str {
    Str::new(units.iter().map(|&u| char::from_u32(u.into()).unwrap_or('\u{fffd}')).collect())
}

macro_rules! with_units {
    ($view:expr, $u:ident => $body:expr) => {
        match $view.units {
            Units::One($u) => $body,
            Units::Two($u) => $body,
            Units::Four($u) => $body,
        }
    };
}

impl<'a> StrView<'a> {
    /// The argument read in place: None when it is not exactly a str or holds a lone surrogate.
    pub fn of(o: &'a Bound<'_, PyAny>) -> Option<StrView<'a>> {
        // SAFETY: a live object read while attached; its storage lives as long as `o`.
        let units = unsafe { str_units(o.as_ptr())? };
        Some(StrView { units, whole: std::cell::OnceCell::new(), lent: None })
    }

    /// A translated caller's own string, passed to a callee that reads its argument in place.
    pub fn rust(s: &'a Str) -> StrView<'a> {
        StrView { units: Units::Four(&[]), whole: std::cell::OnceCell::new(), lent: Some(s) }
    }

    /// The whole string as a `Str` (converted the first time an operation needs it).
    #[inline]
    pub fn whole(&self) -> &Str {
        if let Some(s) = self.lent {
            return s;
        }
        self.whole.get_or_init(|| widen_units(self.units))
    }

    /// `len(s)`
    #[inline]
    pub fn len(&self) -> usize {
        match self.lent {
            Some(s) => s.0.len(),
            None => with_units!(self, u => u.len()),
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `s.strip()` / `lstrip()` / `rstrip()` of whitespace, as [`str_strip`].
    pub fn strip(&self, left: bool, right: bool) -> Str {
        if let Some(s) = self.lent {
            return str_strip(s, None, left, right);
        }
        let (a, b) = self.stripped(left, right);
        with_units!(self, u => widen(&u[a..b]))
    }

    /// The bounds of `s.strip()` (of a view over CPython's storage).
    fn stripped(&self, left: bool, right: bool) -> (usize, usize) {
        with_units!(self, u => {
            let space = |c: u32| char::from_u32(c).is_some_and(py_isspace);
            let (mut a, mut b) = (0, u.len());
            if left {
                while a < b && space(u[a].into()) {
                    a += 1;
                }
            }
            if right {
                while b > a && space(u[b - 1].into()) {
                    b -= 1;
                }
            }
            (a, b)
        })
    }

    /// `s.strip().split(sep)` (and lstrip/rstrip) without making the stripped string.
    pub fn strip_split(&self, left: bool, right: bool, sep: &Str) -> R<Vec<Str>> {
        if let Some(s) = self.lent {
            return str_split(&str_strip(s, None, left, right), sep);
        }
        let (a, b) = self.stripped(left, right);
        self.split_range(a, b, sep)
    }

    /// `s.split()`, as [`str_split_ws`].
    pub fn split_ws(&self) -> Vec<Str> {
        if let Some(s) = self.lent {
            return str_split_ws(s);
        }
        with_units!(self, u => {
            let space = |c: u32| char::from_u32(c).is_some_and(py_isspace);
            let mut out = Vec::new();
            let mut i = 0;
            while i < u.len() {
                while i < u.len() && space(u[i].into()) {
                    i += 1;
                }
                if i == u.len() {
                    break;
                }
                let start = i;
                while i < u.len() && !space(u[i].into()) {
                    i += 1;
                }
                out.push(widen(&u[start..i]));
            }
            out
        })
    }

    /// `s.split(sep)`, as [`str_split`]: ValueError "empty separator".
    pub fn split(&self, sep: &Str) -> R<Vec<Str>> {
        if let Some(s) = self.lent {
            return str_split(s, sep);
        }
        self.split_range(0, self.len(), sep)
    }

    /// `s[a:b].split(sep)` of a view over CPython's storage.
    fn split_range(&self, a: usize, b: usize, sep: &Str) -> R<Vec<Str>> {
        if sep.0.is_empty() {
            return raise(ExcKind::ValueError, "empty separator");
        }
        let needle: Vec<u32> = sep.0.iter().map(|&c| c as u32).collect();
        Ok(with_units!(self, u => {
            let u = &u[a..b];
            let mut out = Vec::new();
            let mut start = 0;
            while let Some(i) = find_units(u, &needle, start) {
                out.push(widen(&u[start..i]));
                start = i + needle.len();
            }
            out.push(widen(&u[start..]));
            out
        }))
    }
}

/// The first `needle` in `hay` at or after `from` (needle not empty).
fn find_units<T: Copy + Into<u32>>(hay: &[T], needle: &[u32], from: usize) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let first = needle[0];
    (from..=hay.len() - needle.len())
        .find(|&i| hay[i].into() == first && hay[i..i + needle.len()].iter().zip(needle).all(|(&h, &n)| h.into() == n))
}
