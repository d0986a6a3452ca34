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
    /// CPython's ASCII strings (PyUnicode_IS_ASCII): a part of one is ASCII too, made a str
    /// again without looking for its widest character
    Ascii(&'a [u8]),
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

/// A part of a str argument (`line.split(",")`'s fields, `field.strip()`), in the argument's
/// own storage: a local the translator proved never escapes the call (passes/str_pieces.py)
/// is one of these, so splitting a line into fields and parsing them allocates nothing.
#[derive(Clone, Copy)]
pub struct StrPiece<'a>(pub(crate) Units<'a>);

impl Default for StrPiece<'_> {
    fn default() -> Self {
        StrPiece(Units::One(&[]))
    }
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
            1 if ffi::PyUnicode_IS_ASCII(obj) != 0 => Units::Ascii(std::slice::from_raw_parts(data as *const u8, n)),
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
        Units::Ascii(u) | Units::One(u) => widen(u),
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
    ($units:expr, $u:ident => $body:expr) => {
        match $units {
            Units::Ascii($u) | Units::One($u) => $body,
            Units::Two($u) => $body,
            Units::Four($u) => $body,
        }
    };
}

/// Python's whitespace (`str.isspace`) for a code unit.
#[inline(always)]
fn unit_space(c: u32) -> bool {
    match c {
        0x09..=0x0d | 0x1c..=0x20 | 0x85 | 0xa0 => true,
        0..=0x167f => false, // no other space below U+1680 (OGHAM SPACE MARK)
        _ => char::from_u32(c).is_some_and(py_isspace),
    }
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
        let chars: &'a [char] = &s.0;
        // SAFETY: a `char` is a u32 of the same size and alignment, and every char is a valid u32
        let units = unsafe { std::slice::from_raw_parts(chars.as_ptr() as *const u32, chars.len()) };
        StrView { units: Units::Four(units), whole: std::cell::OnceCell::new(), lent: Some(s) }
    }

    /// The whole string as a piece (the operations below are the pieces').
    #[inline(always)]
    pub fn piece(&self) -> StrPiece<'a> {
        StrPiece(self.units)
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
        self.piece().len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `s.strip()` / `lstrip()` / `rstrip()` of whitespace, as [`str_strip`].
    pub fn strip(&self, left: bool, right: bool) -> Str {
        self.piece().strip(left, right).to_str()
    }

    /// `s.split()`, as [`str_split_ws`].
    pub fn split_ws(&self) -> Vec<Str> {
        pieces_to_strs(self.piece().split_ws())
    }

    /// `s.split(sep)`, as [`str_split`]: ValueError "empty separator".
    pub fn split(&self, sep: &Str) -> R<Vec<Str>> {
        Ok(pieces_to_strs(self.piece().split(sep)?))
    }
}

impl<'a> StrPiece<'a> {
    /// The piece as a `Str` of its own.
    pub fn to_str(self) -> Str {
        widen_units(self.0)
    }

    /// `len(s)`
    #[inline(always)]
    pub fn len(self) -> usize {
        with_units!(self.0, u => u.len())
    }

    /// `not s`
    #[inline(always)]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    #[inline(always)]
    fn sub(self, a: usize, b: usize) -> StrPiece<'a> {
        StrPiece(match self.0 {
            Units::Ascii(u) => Units::Ascii(&u[a..b]),
            Units::One(u) => Units::One(&u[a..b]),
            Units::Two(u) => Units::Two(&u[a..b]),
            Units::Four(u) => Units::Four(&u[a..b]),
        })
    }

    /// `s.strip()` / `lstrip()` / `rstrip()` of whitespace, as [`str_strip`].
    #[inline(always)]
    pub fn strip(self, left: bool, right: bool) -> StrPiece<'a> {
        let (a, b) = with_units!(self.0, u => {
            let (mut a, mut b) = (0, u.len());
            if left {
                while a < b && unit_space(u[a].into()) {
                    a += 1;
                }
            }
            if right {
                while b > a && unit_space(u[b - 1].into()) {
                    b -= 1;
                }
            }
            (a, b)
        });
        self.sub(a, b)
    }

    /// `s.strip(chars)` / `lstrip(chars)` / `rstrip(chars)`, as [`str_strip`].
    #[inline]
    pub fn strip_chars(self, chars: &Str, left: bool, right: bool) -> StrPiece<'a> {
        let strip = |c: u32| chars.0.iter().any(|&x| x as u32 == c);
        let (a, b) = with_units!(self.0, u => {
            let (mut a, mut b) = (0, u.len());
            if left {
                while a < b && strip(u[a].into()) {
                    a += 1;
                }
            }
            if right {
                while b > a && strip(u[b - 1].into()) {
                    b -= 1;
                }
            }
            (a, b)
        });
        self.sub(a, b)
    }

    /// `s.split()`, as [`str_split_ws`].
    pub fn split_ws(self) -> Vec<StrPiece<'a>> {
        let mut out = Vec::new();
        with_units!(self.0, u => {
            let mut i = 0;
            while i < u.len() {
                while i < u.len() && unit_space(u[i].into()) {
                    i += 1;
                }
                if i == u.len() {
                    break;
                }
                let start = i;
                while i < u.len() && !unit_space(u[i].into()) {
                    i += 1;
                }
                out.push((start, i));
            }
        });
        out.into_iter().map(|(a, b)| self.sub(a, b)).collect()
    }

    /// `s.split(sep)`, as [`str_split`]: ValueError "empty separator".
    pub fn split(self, sep: &Str) -> R<Vec<StrPiece<'a>>> {
        if sep.0.is_empty() {
            return raise(ExcKind::ValueError, "empty separator");
        }
        match (self.0, &sep.0[..]) {
            (Units::Ascii(u), [one]) => return Ok(split_bytes(u, *one as u32, Units::Ascii)),
            (Units::One(u), [one]) => return Ok(split_bytes(u, *one as u32, Units::One)),
            _ => {}
        }
        let mut out = Vec::new();
        with_units!(self.0, u => {
            let mut start = 0;
            if let [one] = sep.0[..] {
                let one = one as u32;
                for (i, &c) in u.iter().enumerate() {
                    if Into::<u32>::into(c) == one {
                        out.push(self.sub(start, i));
                        start = i + 1;
                    }
                }
            } else {
                let needle: Vec<u32> = sep.0.iter().map(|&c| c as u32).collect();
                while let Some(i) = find_units(u, &needle, start) {
                    out.push(self.sub(start, i));
                    start = i + needle.len();
                }
            }
            out.push(self.sub(start, u.len()));
        });
        Ok(out)
    }

    /// A string of the translation's own as a piece (for comparisons with pieces).
    #[inline(always)]
    pub fn of_str(s: &'a Str) -> StrPiece<'a> {
        StrView::rust(s).piece()
    }

    /// `s == t`: the same code points, whatever the widths they are stored in.
    #[inline]
    pub fn eq(self, t: StrPiece<'_>) -> bool {
        self.len() == t.len() && self.matches_at(0, t)
    }

    /// Whether `t` occurs in `self` at `at` (`at + len(t) <= len(self)`).
    #[inline]
    fn matches_at(self, at: usize, t: StrPiece<'_>) -> bool {
        with_units!(self.0, u => with_units!(t.0, v => u[at..at + v.len()].iter().zip(v).all(|(&a, &b)| Into::<u32>::into(a) == Into::<u32>::into(b))))
    }

    /// `s.startswith(prefix)`
    pub fn starts_with(self, prefix: &Str) -> bool {
        let t = StrPiece::of_str(prefix);
        t.len() <= self.len() && self.matches_at(0, t)
    }

    /// `s.endswith(suffix)`
    pub fn ends_with(self, suffix: &Str) -> bool {
        let t = StrPiece::of_str(suffix);
        t.len() <= self.len() && self.matches_at(self.len() - t.len(), t)
    }

    /// `float(s)`, as [`float_from_str`].
    #[inline(always)]
    pub fn to_float(self) -> R<f64> {
        let short = with_units!(self.0, u => float_short(u));
        match short {
            Some(x) => Ok(x),
            None => self.to_float_slow(),
        }
    }

    #[inline(never)]
    fn to_float_slow(self) -> R<f64> {
        let repr = || self.to_str().py_repr();
        match self.0 {
            Units::Ascii(u) => float_from_ascii(u, repr),
            Units::One(u) if u.is_ascii() => float_from_ascii(u, repr),
            _ => with_units!(self.0, u => with_ascii(u, |b| float_from_ascii(b, repr)).unwrap_or_else(deopt)),
        }
    }

    /// `int(s)`, as [`int_from_str`].
    pub fn to_int(self) -> R<i64> {
        if self.len() > 4000 {
            return deopt();
        }
        let repr = || self.to_str().py_repr();
        with_units!(self.0, u => with_ascii(u, |b| int_from_ascii(b, repr)).unwrap_or_else(deopt))
    }
}

/// `s.split(c)` of a 1-byte-per-code-point string by one code point. The list of pieces starts
/// at room for a field per 4 bytes (at most 1,024): a line of short fields is allocated once
/// (counting the separators first cost more than the growth it saved).
fn split_bytes<'a>(u: &'a [u8], sep: u32, units: fn(&'a [u8]) -> Units<'a>) -> Vec<StrPiece<'a>> {
    let Ok(b) = u8::try_from(sep) else { return vec![StrPiece(units(u))] };
    let mut out = Vec::with_capacity((u.len() / 4 + 1).min(1024));
    let mut start = 0;
    for (i, &c) in u.iter().enumerate() {
        if c == b {
            out.push(StrPiece(units(&u[start..i])));
            start = i + 1;
        }
    }
    out.push(StrPiece(units(&u[start..])));
    out
}

impl ToPy for StrPiece<'_> {
    /// A new str of the piece's code points, made from the storage it is read in (the
    /// narrowest kind that holds them, one-character latin-1 strings CPython's own).
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        let (kind, data, n) = match self.0 {
            Units::Ascii(u) if u.len() > 1 => unsafe {
                // SAFETY: a new ASCII str of `u.len()` bytes, filled before anyone sees it
                let s = ffi::PyUnicode_New(u.len() as ffi::Py_ssize_t, 127);
                if !s.is_null() {
                    std::ptr::copy_nonoverlapping(u.as_ptr(), ffi::PyUnicode_DATA(s) as *mut u8, u.len());
                }
                return s;
            },
            // (one character: CPython's own cached str)
            Units::Ascii(u) | Units::One(u) => (ffi::PyUnicode_1BYTE_KIND, u.as_ptr() as *const std::os::raw::c_void, u.len()),
            Units::Two(u) => (ffi::PyUnicode_2BYTE_KIND, u.as_ptr() as *const std::os::raw::c_void, u.len()),
            Units::Four(u) => (ffi::PyUnicode_4BYTE_KIND, u.as_ptr() as *const std::os::raw::c_void, u.len()),
        };
        // SAFETY: `n` code units of that kind at `data`; attached (results are made in the wrapper)
        unsafe { ffi::PyUnicode_FromKindAndData(kind as std::os::raw::c_int, data, n as ffi::Py_ssize_t) }
    }
}

impl Plain for StrPiece<'_> {
    type Out = Str;
    fn plain(self) -> Str {
        self.to_str()
    }
}

impl Plain for Vec<StrPiece<'_>> {
    type Out = Vec<Str>;
    fn plain(self) -> Vec<Str> {
        pieces_to_strs(self)
    }
}

/// Pieces as `Str`s of their own (the fields the translation keeps or passes on).
pub fn pieces_to_strs(pieces: Vec<StrPiece<'_>>) -> Vec<Str> {
    pieces.into_iter().map(StrPiece::to_str).collect()
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
