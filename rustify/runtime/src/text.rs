use super::*;

// =====================================================================================
// 10. str and bytes
// =====================================================================================
//
// Representation: a Python `str` is `Str(Cow<'static, [char]>)`, its code points (CPython's
// own model is a fixed-width array of code points, 1, 2 or 4 bytes each): owned, or borrowed
// from a static table for the one-character strings of Latin-1 (so `s[i]` and `for c in s`
// allocate nothing for most text, as CPython's cached one-character strings).  `s += t` and `s = s.strip()`
// change the vector in place (CPython does the same for a str it holds the only reference
// to).  (An `Arc<Vec<char>>` was measured: cheaper copies, but two allocations per new
// string made split-heavy parsing code slower.)  So `len(s)`, `s[i]` and
// `s[a:b]` are by code point and O(1) / O(b - a), exactly as CPython, for any text; the
// derived `Ord`, `Eq` and `Hash` are code-point lexicographic order and equality, as
// `unicode_compare` (so a `Str` is a ready dict key).  A `char` cannot hold a lone surrogate:
// such strings deopt at the boundary.  `bytes` is `Bytes(Vec<u8>)`.
//
// Where CPython's Unicode tables matter and Rust's may differ (case mapping, isdigit,
// isalpha of non-ASCII characters), the helpers deopt on non-ASCII text; `isspace` and the
// whitespace of `split()`/`strip()` use CPython's exact table (`_PyUnicode_IsWhitespace`).

/// A Python `str` (its code points; see the section comment).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Str(pub std::borrow::Cow<'static, [char]>);

/// Two code points per hasher step (the derived hash fed them one at a time: a dict keyed by
/// words spent a third of a tokenizer's time hashing); equal strings hash equally.
impl std::hash::Hash for Str {
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let s: &[char] = &self.0;
        h.write_usize(s.len());
        let mut pairs = s.chunks_exact(2);
        for p in &mut pairs {
            h.write_u64(p[0] as u64 | (p[1] as u64) << 32);
        }
        if let [c] = pairs.remainder() {
            h.write_u32(*c as u32);
        }
    }
}

/// Every one-character string of a Latin-1 character, shared (CPython caches them too):
/// `s[i]` and iterating a str make no allocation for them.
static LATIN1: [char; 256] = latin1_table();

const fn latin1_table() -> [char; 256] {
    let mut table = ['\0'; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = i as u8 as char;
        i += 1;
    }
    table
}

/// A Python `bytes`.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Bytes(pub Vec<u8>);

impl Str {
    #[inline(always)]
    pub fn new(v: Vec<char>) -> Str {
        Str(std::borrow::Cow::Owned(v))
    }

    /// The one-character string `c` (shared for Latin-1, no allocation).
    #[inline(always)]
    pub fn of_char(c: char) -> Str {
        let u = c as usize;
        if u < 256 {
            Str(std::borrow::Cow::Borrowed(&LATIN1[u..u + 1]))
        } else {
            Str(std::borrow::Cow::Owned(vec![c]))
        }
    }

    /// The code points, to change in place (`s += t`, `s = s.strip()`).
    #[inline(always)]
    pub fn chars_mut(&mut self) -> &mut Vec<char> {
        self.0.to_mut()
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[inline(always)]
    pub fn is_ascii(&self) -> bool {
        self.0.iter().all(|c| c.is_ascii())
    }
}

impl Bytes {
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::new(s.chars().collect())
    }
}

impl From<&[u8]> for Bytes {
    fn from(b: &[u8]) -> Bytes {
        Bytes(b.to_vec())
    }
}

impl std::fmt::Display for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s: String = self.0.iter().collect();
        f.write_str(&s)
    }
}

/// `repr(s)` (unicode_repr), exact for ASCII text: `'` quotes unless the text has a `'` and
/// no `"`; `\\`, the quote, `\t`, `\n`, `\r` escaped, other controls and DEL as `\xNN`.
/// Non-ASCII characters are kept as they are (CPython escapes the non-printable ones: use
/// [`str_repr_exact`] where that matters).
impl PyRepr for Str {
    fn py_repr(&self) -> String {
        let quote = if self.0.contains(&'\'') && !self.0.contains(&'"') { '"' } else { '\'' };
        let mut out = String::with_capacity(self.0.len() + 2);
        out.push(quote);
        for &c in self.0.iter() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c if c == quote => {
                    out.push('\\');
                    out.push(c);
                }
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    out.push_str(&format!("\\x{:02x}", c as u32));
                }
                c => out.push(c),
            }
        }
        out.push(quote);
        out
    }
}

/// `repr(b)` (bytes_repr): `b'...'`, the same quote rule as str, `\\`, the quote, `\t`,
/// `\n`, `\r` escaped, other bytes outside 0x20..0x7e as `\xNN`.
impl PyRepr for Bytes {
    fn py_repr(&self) -> String {
        let quote = if self.0.contains(&b'\'') && !self.0.contains(&b'"') { b'"' } else { b'\'' };
        let mut out = String::with_capacity(self.0.len() + 3);
        out.push('b');
        out.push(quote as char);
        for &c in self.0.iter() {
            match c {
                b'\\' => out.push_str("\\\\"),
                b'\t' => out.push_str("\\t"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                c if c == quote => {
                    out.push('\\');
                    out.push(c as char);
                }
                c if !(0x20..0x7f).contains(&c) => out.push_str(&format!("\\x{:02x}", c)),
                c => out.push(c as char),
            }
        }
        out.push(quote as char);
        out
    }
}

/// `repr(s)` where it must be exact: ASCII text only, anything else deopts.
pub fn str_repr_exact(s: &Str) -> R<String> {
    if !s.is_ascii() {
        return deopt();
    }
    Ok(s.py_repr())
}

// ---- boundary ------------------------------------------------------------------------

impl FromPy for Str {
    /// An exact `str` without lone surrogates, read from CPython's code-point array.
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Str> {
        unsafe { str_units(obj).map(widen_units) }
    }
}

impl ToPy for Str {
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            ffi::PyUnicode_FromKindAndData(
                ffi::PyUnicode_4BYTE_KIND as std::os::raw::c_int,
                self.0.as_ptr() as *const std::os::raw::c_void,
                self.0.len() as ffi::Py_ssize_t,
            )
        }
    }
}

impl FromPy for Bytes {
    /// An exact `bytes` (a bytearray is another type).
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Bytes> {
        unsafe {
            if ffi::PyBytes_CheckExact(obj) == 0 {
                return None;
            }
            let n = ffi::PyBytes_Size(obj);
            let data = ffi::PyBytes_AsString(obj);
            if n < 0 || data.is_null() {
                ffi::PyErr_Clear();
                return None;
            }
            Some(Bytes(std::slice::from_raw_parts(data as *const u8, n as usize).to_vec()))
        }
    }
}

impl ToPy for Bytes {
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            ffi::PyBytes_FromStringAndSize(
                self.0.as_ptr() as *const std::os::raw::c_char,
                self.0.len() as ffi::Py_ssize_t,
            )
        }
    }
}

// ---- indexing, slicing, operators ------------------------------------------------------

/// `s[i]` (unicode_getitem): IndexError "string index out of range".
#[inline(always)]
pub fn str_index(s: &Str, i: i64) -> R<Str> {
    let j = norm_index(i, s.0.len(), "string")?;
    Ok(Str::of_char(s.0[j]))
}

/// `s[a:b:c]` (unicode_subscript): the same index arithmetic as lists.
pub fn str_slice(s: &Str, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> R<Str> {
    if step.is_none() || step == Some(1) {
        let run = slice_view(&s.0, start, stop);
        if run.len() == 1 {
            return Ok(Str::of_char(run[0])); // shared for Latin-1
        }
        return Ok(Str::new(run.to_vec())); // one copy of the run
    }
    Ok(Str::new(list_slice(&s.0, start, stop, step)?))
}

/// `s += t` in place.
#[inline(always)]
pub fn str_push(s: &mut Str, t: &Str) {
    s.chars_mut().extend_from_slice(&t.0);
}

/// `b += c` in place.
#[inline(always)]
pub fn bytes_push(b: &mut Bytes, c: &Bytes) {
    b.0.extend_from_slice(&c.0);
}

/// `a + b` for strs.
pub fn str_concat(a: &Str, b: &Str) -> Str {
    let mut v = Vec::with_capacity(a.0.len() + b.0.len());
    v.extend_from_slice(&a.0);
    v.extend_from_slice(&b.0);
    Str::new(v)
}

/// `s * n` (unicode_repeat): empty for n <= 0; a size beyond memory deopts.
pub fn str_repeat(s: &Str, n: i64) -> R<Str> {
    Ok(Str::new(list_repeat(&s.0, n)?))
}

/// The strings of an f-string, joined.
pub fn str_concat_parts(parts: &[&Str]) -> Str {
    let mut v = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
    for p in parts {
        v.extend_from_slice(&p.0);
    }
    Str::new(v)
}

/// `s.lower()`: ASCII text exactly; other text deopts (Rust's Unicode tables may not be
/// CPython's version).
pub fn str_lower(s: &Str) -> R<Str> {
    if !s.is_ascii() {
        return deopt();
    }
    Ok(Str::new(s.0.iter().map(|c| c.to_ascii_lowercase()).collect()))
}

/// `s.upper()`: ASCII text exactly; other text deopts.
pub fn str_upper(s: &Str) -> R<Str> {
    if !s.is_ascii() {
        return deopt();
    }
    Ok(Str::new(s.0.iter().map(|c| c.to_ascii_uppercase()).collect()))
}

/// `s.isdigit()`: False when empty; non-ASCII text deopts.
pub fn str_isdigit(s: &Str) -> R<bool> {
    if !s.is_ascii() {
        return deopt();
    }
    Ok(!s.0.is_empty() && s.0.iter().all(|c| c.is_ascii_digit()))
}

/// `s.isalpha()`: False when empty; non-ASCII text deopts.
pub fn str_isalpha(s: &Str) -> R<bool> {
    if !s.is_ascii() {
        return deopt();
    }
    Ok(!s.0.is_empty() && s.0.iter().all(|c| c.is_ascii_alphabetic()))
}

/// `s.isspace()` with CPython's whitespace table; False when empty.
pub fn str_isspace(s: &Str) -> bool {
    !s.0.is_empty() && s.0.iter().all(|&c| py_isspace(c))
}

/// `s.encode()` (UTF-8; a `Str` has no surrogates, so it cannot fail).
pub fn str_encode(s: &Str) -> Bytes {
    let text: String = s.0.iter().collect();
    Bytes(text.into_bytes())
}

/// `b.decode()` (strict UTF-8); invalid data deopts (CPython raises UnicodeDecodeError).
pub fn bytes_decode(b: &Bytes) -> R<Str> {
    match std::str::from_utf8(&b.0) {
        Ok(text) => Ok(Str::from(text)),
        Err(_) => deopt(),
    }
}

// ---- conversions ---------------------------------------------------------------------------

/// `str(x)` / `f"{x}"` of a number or bool: its repr (float repr is exact, see float_repr).
pub fn str_of<T: PyRepr>(x: &T) -> Str {
    Str::from(x.py_repr().as_str())
}

/// `ord(s)`: TypeError "ord() expected a character, but string of length N found".
pub fn str_ord(s: &Str) -> R<i64> {
    if s.0.len() != 1 {
        return raise(
            ExcKind::TypeError,
            format!("ord() expected a character, but string of length {} found", s.0.len()),
        );
    }
    Ok(s.0[0] as i64)
}

/// `chr(i)`: ValueError "chr() arg not in range(0x110000)"; a surrogate (which a `Str`
/// cannot hold) or an int beyond a C int (OverflowError) deopts.
pub fn str_chr(i: i64) -> R<Str> {
    if i < i32::MIN as i64 || i > i32::MAX as i64 {
        return deopt();
    }
    if !(0..0x110000).contains(&i) {
        return raise(ExcKind::ValueError, "chr() arg not in range(0x110000)");
    }
    match char::from_u32(i as u32) {
        Some(c) => Ok(Str::of_char(c)),
        None => deopt(),
    }
}

/// Python's ASCII whitespace for number parsing (`Py_ISSPACE`: `\t\n\v\f\r` and space).
#[inline(always)]
fn ascii_number_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// `v` without leading and trailing `Py_ISSPACE`.
#[inline(always)]
fn trim_number_space(v: &[u8]) -> &[u8] {
    let (mut a, mut b) = (0, v.len());
    while a < b && ascii_number_space(v[a]) {
        a += 1;
    }
    while b > a && ascii_number_space(v[b - 1]) {
        b -= 1;
    }
    &v[a..b]
}

/// The text between leading and trailing `Py_ISSPACE`, with PEP 515 underscores removed
/// (each must sit between two digits); None when an underscore is misplaced.
fn number_text(v: &[u8]) -> Option<String> {
    let body = trim_number_space(v);
    let mut out = String::with_capacity(body.len());
    for (k, &c) in body.iter().enumerate() {
        if c == b'_' {
            let prev_digit = k > 0 && body[k - 1].is_ascii_digit();
            let next_digit = k + 1 < body.len() && body[k + 1].is_ascii_digit();
            if !(prev_digit && next_digit) {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// `f` of a text's code points as ASCII bytes (narrowed on the stack when short); None when
/// the text is not ASCII (CPython's number parsers accept Unicode digits and spaces: deopt).
#[inline(always)]
pub(crate) fn with_ascii<T: Copy + Into<u32>, X>(units: &[T], f: impl FnOnce(&[u8]) -> X) -> Option<X> {
    if !units.iter().all(|&c| c.into() < 128) {
        return None;
    }
    if units.len() <= 64 {
        let mut buf = [0u8; 64];
        for (b, &c) in buf.iter_mut().zip(units) {
            *b = c.into() as u8;
        }
        return Some(f(&buf[..units.len()]));
    }
    let v: Vec<u8> = units.iter().map(|&c| c.into() as u8).collect();
    Some(f(&v))
}

/// `int(s)` in base 10 (PyLong_FromUnicodeObject): optional whitespace, a sign, digits with
/// PEP 515 underscores.  ValueError "invalid literal for int() with base 10: %.200R".
/// Non-ASCII text (Unicode digits and spaces are accepted by CPython), values beyond i64 and
/// texts longer than CPython's digit limit deopt.
pub fn int_from_str(s: &Str) -> R<i64> {
    if s.0.len() > 4000 {
        return deopt();
    }
    with_ascii(&s.0, |b| int_from_ascii(b, || s.py_repr())).unwrap_or_else(deopt)
}

/// `int(s)` of ASCII text (`repr` spells the argument for the error).
pub(crate) fn int_from_ascii(b: &[u8], repr: impl FnOnce() -> String) -> R<i64> {
    let fail = || -> R<i64> {
        let text: String = repr().chars().take(200).collect();
        raise(ExcKind::ValueError, format!("invalid literal for int() with base 10: {}", text))
    };
    let Some(text) = number_text(b) else { return fail() };
    let (neg, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, &text[..]),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return fail();
    }
    // number_text only removed underscores between digits, so a leading `_` after the sign
    // cannot remain; the digits are plain decimal now
    let mut value: i128 = 0;
    for b in digits.bytes() {
        value = value * 10 + (b - b'0') as i128;
        if value > (i64::MAX as i128) + 1 {
            return deopt();
        }
    }
    let value = if neg { -value } else { value };
    if value < i64::MIN as i128 || value > i64::MAX as i128 {
        return deopt();
    }
    Ok(value as i64)
}

/// `float(s)` (PyFloat_FromString): optional whitespace, a sign, a decimal number with PEP
/// 515 underscores, or `inf`/`infinity`/`nan` in any case.  ValueError "could not convert
/// string to float: %R".  Non-ASCII text deopts.
#[inline(always)]
pub fn float_from_str(s: &Str) -> R<f64> {
    match float_short(&s.0) {
        Some(x) => Ok(x),
        None => float_from_str_slow(s),
    }
}

#[inline(never)]
fn float_from_str_slow(s: &Str) -> R<f64> {
    with_ascii(&s.0, |b| float_from_ascii(b, || s.py_repr())).unwrap_or_else(deopt)
}

/// `float(s)` of a short plain decimal (`[ws][-+]digits[.digits][ws]`, Clinger's fast path),
/// as most fields of numeric text are; None for anything else. Kept apart from the general
/// parser so that its result comes back in registers (an `R<f64>` is returned through memory).
#[inline]
pub(crate) fn float_short<T: Copy + Into<u32>>(u: &[T]) -> Option<f64> {
    let space = |c: T| matches!(c.into(), 0x09..=0x0d | 0x20);
    let (mut a, mut b) = (0, u.len());
    while a < b && space(u[a]) {
        a += 1;
    }
    while b > a && space(u[b - 1]) {
        b -= 1;
    }
    float_clinger(&u[a..b])
}

/// `float(s)` of ASCII text (`repr` spells the argument for the error).
pub(crate) fn float_from_ascii(b: &[u8], repr: impl FnOnce() -> String) -> R<f64> {
    if let Some(x) = float_short(b) {
        return Ok(x);
    }
    let fail = || -> R<f64> { raise(ExcKind::ValueError, format!("could not convert string to float: {}", repr())) };
    let Some(text) = number_text(b) else { return fail() };
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, &text[..]),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if lower == "nan" {
        return Ok(if neg { -f64::NAN } else { f64::NAN });
    }
    // digits [. digits] | . digits, then an optional exponent e[sign]digits
    let b = body.as_bytes();
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return fail();
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let exp_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp_digits == 0 {
            return fail();
        }
        i += exp_digits;
    }
    if i != b.len() {
        return fail();
    }
    // Rust's parser is correctly rounded, as CPython's dtoa
    match body.parse::<f64>() {
        Ok(x) => Ok(if neg { -x } else { x }),
        Err(_) => fail(),
    }
}

/// Clinger's fast path for `[-+]digits[.digits]`: at most 15 digits are an exact f64 and a
/// power of ten up to 10^22 is exact, so one IEEE division (correctly rounded) gives the
/// correctly rounded value, as CPython's dtoa does. None when it does not apply.
#[inline(always)]
fn float_clinger<T: Copy + Into<u32>>(body: &[T]) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ];
    let (neg, d) = match (*body.first()?).into() {
        0x2d => (true, &body[1..]),  // '-'
        0x2b => (false, &body[1..]), // '+'
        _ => (false, body),
    };
    // digits, then `.` and digits: two tight loops (a digit test and a multiply-add each);
    // more than 15 digits wrap `m`, and are turned down below
    let digit = |k: usize| Into::<u32>::into(d[k]).wrapping_sub(0x30);
    let (n, mut i, mut m) = (d.len(), 0usize, 0u64);
    while i < n && digit(i) < 10 {
        m = m.wrapping_mul(10).wrapping_add(digit(i) as u64);
        i += 1;
    }
    let whole = i;
    if i < n && Into::<u32>::into(d[i]) == 0x2e {
        i += 1;
        while i < n && digit(i) < 10 {
            m = m.wrapping_mul(10).wrapping_add(digit(i) as u64);
            i += 1;
        }
    }
    let frac = i - whole - (i > whole) as usize; // digits after the point
    let count = whole + frac;
    if i != n || count == 0 || count > 15 || frac > 22 {
        return None;
    }
    let x = m as i64 as f64 / POW10[frac]; // m < 10^15: the signed conversion is exact and cheaper
    Some(if neg { -x } else { x })
}

// ---- bytes ---------------------------------------------------------------------------------

/// `b[i]` (bytes_subscript): an int; IndexError "index out of range".
#[inline(always)]
pub fn bytes_index(b: &Bytes, i: i64) -> R<i64> {
    let n = b.0.len() as i64;
    let j = if i < 0 { i.wrapping_add(n) } else { i };
    if j < 0 || j >= n {
        return raise(ExcKind::IndexError, "index out of range");
    }
    Ok(b.0[j as usize] as i64)
}

/// `b[a:b:c]`.
pub fn bytes_slice(b: &Bytes, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> R<Bytes> {
    if step.is_none() || step == Some(1) {
        return Ok(Bytes(slice_view(&b.0, start, stop).to_vec()));
    }
    Ok(Bytes(list_slice(&b.0, start, stop, step)?))
}

/// `a + b` for bytes.
pub fn bytes_concat(a: &Bytes, b: &Bytes) -> Bytes {
    let mut v = Vec::with_capacity(a.0.len() + b.0.len());
    v.extend_from_slice(&a.0);
    v.extend_from_slice(&b.0);
    Bytes(v)
}

/// `b * n`.
pub fn bytes_repeat(b: &Bytes, n: i64) -> R<Bytes> {
    Ok(Bytes(list_repeat(&b.0, n)?))
}

/// `x in b` for an int: ValueError "byte must be in range(0, 256)".
pub fn int_in_bytes(x: i64, b: &Bytes) -> R<bool> {
    if !(0..256).contains(&x) {
        return raise(ExcKind::ValueError, "byte must be in range(0, 256)");
    }
    Ok(b.0.contains(&(x as u8)))
}

/// `bytes(n)`: n zero bytes; ValueError "negative count" (a size no allocation holds: deopt,
/// CPython decides between MemoryError and its OverflowError).
pub fn bytes_zeros(n: i64) -> R<Bytes> {
    if n < 0 {
        return raise(ExcKind::ValueError, "negative count");
    }
    let mut out: Vec<u8> = Vec::new();
    if out.try_reserve_exact(n as usize).is_err() {
        return deopt();
    }
    out.resize(n as usize, 0);
    Ok(Bytes(out))
}

/// `bytes(ints)`: ValueError "bytes must be in range(0, 256)" for an item outside a byte.
pub fn bytes_from_ints(items: &[i64]) -> R<Bytes> {
    let mut out = Vec::with_capacity(items.len());
    for &x in items {
        if !(0..256).contains(&x) {
            return raise(ExcKind::ValueError, "bytes must be in range(0, 256)");
        }
        out.push(x as u8);
    }
    Ok(Bytes(out))
}

/// `sub in b` for bytes.
pub fn bytes_in(sub: &Bytes, b: &Bytes) -> bool {
    find_from(&b.0, &sub.0, 0).is_some()
}

/// `list(b)` / iteration: the byte values as ints.
pub fn bytes_to_list(b: &Bytes) -> Vec<i64> {
    b.0.iter().map(|&x| x as i64).collect()
}
