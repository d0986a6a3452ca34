//! str methods that search and split: find/rfind/index/count (also in a window),
//! split (whitespace, a separator, a max count), strip, startswith/endswith, join, replace;
//! each mirrors its Objects/unicodeobject.c function (named in its doc comment).

use super::*;

/// The first position of `needle` in `hay` at or after `from`.
pub(crate) fn find_from<T: PartialEq>(hay: &[T], needle: &[T], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return if from <= hay.len() { Some(from) } else { None };
    }
    if needle.len() > hay.len() {
        return None;
    }
    let last = hay.len() - needle.len();
    let first = &needle[0];
    let mut i = from;
    while i <= last {
        if hay[i] == *first && hay[i..i + needle.len()] == *needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `needle in hay` for strs (substring; the needle first, as Python evaluates it).
#[inline(always)]
pub fn str_in(needle: &Str, hay: &Str) -> bool {
    find_from(&hay.0, &needle.0, 0).is_some()
}

/// `s.find(sub)`: the code-point index of the first match, or -1.
pub fn str_find(s: &Str, sub: &Str) -> i64 {
    match find_from(&s.0, &sub.0, 0) {
        Some(i) => i as i64,
        None => -1,
    }
}

/// `s.rfind(sub)`: the code-point index of the last match, or -1.
pub fn str_rfind(s: &Str, sub: &Str) -> i64 {
    let (n, m) = (s.0.len(), sub.0.len());
    if m > n {
        return -1;
    }
    (0..=n - m).rev().find(|&i| s.0[i..i + m] == sub.0[..]).map_or(-1, |i| i as i64)
}

/// `s.index(sub)`: ValueError "substring not found".
pub fn str_index_of(s: &Str, sub: &Str) -> R<i64> {
    match find_from(&s.0, &sub.0, 0) {
        Some(i) => Ok(i as i64),
        None => raise(ExcKind::ValueError, "substring not found"),
    }
}

/// The window `s[start:end]` that find/rfind/index/count search, as CPython's
/// ADJUST_INDICES clips it (negative bounds count from the end, then clamp at 0 and len);
/// None when no `sub` of `sub_len` code points fits in it (then -1, or no match).
fn search_window(len: usize, start: Option<i64>, end: Option<i64>, sub_len: usize) -> Option<(usize, usize)> {
    let n = len as i64;
    let clip = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let (lo, hi) = (start.map_or(0, |i| if i > n { i } else { clip(i) }), end.map_or(n, clip));
    if hi - lo < sub_len as i64 {
        return None;
    }
    Some((lo as usize, hi as usize))
}

/// `s.find(sub, start, end)`: the index of the first match inside `s[start:end]`, or -1.
pub fn str_find_in(s: &Str, sub: &Str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((lo, hi)) = search_window(s.0.len(), start, end, sub.0.len()) else {
        return -1;
    };
    find_from(&s.0[..hi], &sub.0, lo).map_or(-1, |i| i as i64)
}

/// `s.rfind(sub, start, end)`: the index of the last match inside `s[start:end]`, or -1.
pub fn str_rfind_in(s: &Str, sub: &Str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((lo, hi)) = search_window(s.0.len(), start, end, sub.0.len()) else {
        return -1;
    };
    let m = sub.0.len();
    (lo..=hi - m).rev().find(|&i| s.0[i..i + m] == sub.0[..]).map_or(-1, |i| i as i64)
}

/// `s.index(sub, start, end)`: ValueError "substring not found".
pub fn str_index_in(s: &Str, sub: &Str, start: Option<i64>, end: Option<i64>) -> R<i64> {
    match str_find_in(s, sub, start, end) {
        -1 => raise(ExcKind::ValueError, "substring not found"),
        i => Ok(i),
    }
}

/// `s.count(sub, start, end)`: non-overlapping matches inside `s[start:end]`.
pub fn str_count_in(s: &Str, sub: &Str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((lo, hi)) = search_window(s.0.len(), start, end, sub.0.len()) else {
        return 0;
    };
    str_count(&Str::new(s.0[lo..hi].to_vec()), sub)
}

/// `s.count(sub)`: non-overlapping matches; an empty `sub` matches len(s) + 1 times.
pub fn str_count(s: &Str, sub: &Str) -> i64 {
    if sub.0.is_empty() {
        return s.0.len() as i64 + 1;
    }
    let mut n = 0;
    let mut start = 0;
    while let Some(i) = find_from(&s.0, &sub.0, start) {
        n += 1;
        start = i + sub.0.len();
    }
    n
}

/// `s.isalnum()`: False when empty; non-ASCII text deopts.
pub fn str_isalnum(s: &Str) -> R<bool> {
    if !s.is_ascii() {
        return deopt();
    }
    Ok(!s.0.is_empty() && s.0.iter().all(|c| c.is_ascii_alphanumeric()))
}

/// `list(s)` / iteration: one string per character.
pub fn str_chars(s: &Str) -> Vec<Str> {
    s.0.iter().map(|&c| Str::of_char(c)).collect()
}

// ---- whitespace and methods --------------------------------------------------------------

/// `Py_UNICODE_ISSPACE` (`_PyUnicode_IsWhitespace`): `str.isspace`, `split()`, `strip()`.
#[inline(always)]
pub fn py_isspace(c: char) -> bool {
    let u = c as u32;
    if u < 128 {
        return matches!(u, 0x09..=0x0d | 0x1c..=0x20);
    }
    matches!(u, 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000)
}

/// `s.split()` (split_whitespace): runs of whitespace separate, no empty strings.
pub fn str_split_ws(s: &Str) -> Vec<Str> {
    let mut out = Vec::new();
    let v = &s.0;
    let mut i = 0;
    while i < v.len() {
        while i < v.len() && py_isspace(v[i]) {
            i += 1;
        }
        if i == v.len() {
            break;
        }
        let start = i;
        while i < v.len() && !py_isspace(v[i]) {
            i += 1;
        }
        out.push(Str::new(v[start..i].to_vec()));
    }
    out
}

/// `s.split(sep)`: ValueError "empty separator".
pub fn str_split(s: &Str, sep: &Str) -> R<Vec<Str>> {
    if sep.0.is_empty() {
        return raise(ExcKind::ValueError, "empty separator");
    }
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(i) = find_from(&s.0, &sep.0, start) {
        out.push(Str::new(s.0[start..i].to_vec()));
        start = i + sep.0.len();
    }
    out.push(Str::new(s.0[start..].to_vec()));
    Ok(out)
}

/// `s.split(sep, maxsplit)` (split / split_whitespace with a max count): at most
/// `maxsplit` splits (a negative one: all); without `sep`, the rest after the last split
/// keeps its trailing whitespace (`"  a b  c ".split(None, 1)` is `['a', 'b  c ']`).
pub fn str_split_max(s: &Str, sep: Option<&Str>, maxsplit: i64) -> R<Vec<Str>> {
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let v = &s.0;
    let mut out = Vec::new();
    let Some(sep) = sep else {
        let mut i = 0;
        while left > 0 {
            while i < v.len() && py_isspace(v[i]) {
                i += 1;
            }
            if i == v.len() {
                return Ok(out);
            }
            let start = i;
            while i < v.len() && !py_isspace(v[i]) {
                i += 1;
            }
            out.push(Str::new(v[start..i].to_vec()));
            left -= 1;
        }
        while i < v.len() && py_isspace(v[i]) {
            i += 1;
        }
        if i < v.len() {
            out.push(Str::new(v[i..].to_vec()));
        }
        return Ok(out);
    };
    if sep.0.is_empty() {
        return raise(ExcKind::ValueError, "empty separator");
    }
    let mut start = 0;
    while left > 0 {
        let Some(i) = find_from(v, &sep.0, start) else { break };
        out.push(Str::new(v[start..i].to_vec()));
        start = i + sep.0.len();
        left -= 1;
    }
    out.push(Str::new(v[start..].to_vec()));
    Ok(out)
}

/// `s.strip()` / `lstrip` / `rstrip`, with `chars` (a set of characters) or whitespace.
pub fn str_strip(s: &Str, chars: Option<&Str>, left: bool, right: bool) -> Str {
    let strip = |c: char| match chars {
        Some(set) => set.0.contains(&c),
        None => py_isspace(c),
    };
    let v = &s.0;
    let mut a = 0;
    let mut b = v.len();
    if left {
        while a < b && strip(v[a]) {
            a += 1;
        }
    }
    if right {
        while b > a && strip(v[b - 1]) {
            b -= 1;
        }
    }
    Str::new(v[a..b].to_vec())
}

/// `s = s.strip(...)` in place (no new string).
pub fn str_strip_in_place(s: &mut Str, chars: Option<&Str>, left: bool, right: bool) {
    let strip = |c: char| match chars {
        Some(set) => set.0.contains(&c),
        None => py_isspace(c),
    };
    let mut b = s.0.len();
    if right {
        while b > 0 && strip(s.0[b - 1]) {
            b -= 1;
        }
    }
    let a = if left { s.0[..b].iter().take_while(|&&c| strip(c)).count() } else { 0 };
    if a == 0 && b == s.0.len() {
        return;
    }
    let v = s.chars_mut();
    v.truncate(b);
    v.drain(..a);
}

/// `s.startswith(prefix)`.
pub fn str_startswith(s: &Str, prefix: &Str) -> bool {
    s.0.starts_with(&prefix.0)
}

/// `s.endswith(suffix)`.
pub fn str_endswith(s: &Str, suffix: &Str) -> bool {
    s.0.ends_with(&suffix.0)
}

/// `sep.join(items)` of a list of strs.
pub fn str_join(sep: &Str, items: &[Str]) -> Str {
    let mut v = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            v.extend_from_slice(&sep.0);
        }
        v.extend_from_slice(&item.0);
    }
    Str::new(v)
}

/// `s.replace(old, new)` (replace, count -1): an empty `old` matches before every character
/// and at the end.
pub fn str_replace(s: &Str, old: &Str, new: &Str) -> Str {
    let mut v = Vec::with_capacity(s.0.len());
    if old.0.is_empty() {
        for &c in s.0.iter() {
            v.extend_from_slice(&new.0);
            v.push(c);
        }
        v.extend_from_slice(&new.0);
        return Str::new(v);
    }
    let mut start = 0;
    while let Some(i) = find_from(&s.0, &old.0, start) {
        v.extend_from_slice(&s.0[start..i]);
        v.extend_from_slice(&new.0);
        start = i + old.0.len();
    }
    v.extend_from_slice(&s.0[start..]);
    Str::new(v)
}
