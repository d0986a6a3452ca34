use super::*;

// =====================================================================================
// More str methods: rsplit, partition, splitlines, padding, case (Objects/unicodeobject.c,
// Objects/stringlib/split.h)
// =====================================================================================
//
// Case mapping and case predicates of non-ASCII text need CPython's Unicode tables (their
// version differs from Rust's): those deopt, as lower()/upper() do.

/// `s.rsplit(sep, maxsplit)` (rsplit_whitespace / rsplit): from the right, at most
/// `maxsplit` splits (all when negative); ValueError "empty separator".
pub fn str_rsplit_max(s: &Str, sep: Option<&Str>, maxsplit: i64) -> R<Vec<Str>> {
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let v = &s.0;
    let mut out = Vec::new();
    let Some(sep) = sep else {
        let mut i = v.len() as isize - 1;
        while left > 0 {
            left -= 1;
            while i >= 0 && py_isspace(v[i as usize]) {
                i -= 1;
            }
            if i < 0 {
                break;
            }
            let j = i;
            i -= 1;
            while i >= 0 && !py_isspace(v[i as usize]) {
                i -= 1;
            }
            out.push(Str::new(v[(i + 1) as usize..(j + 1) as usize].to_vec()));
        }
        if i >= 0 {
            while i >= 0 && py_isspace(v[i as usize]) {
                i -= 1;
            }
            if i >= 0 {
                out.push(Str::new(v[..(i + 1) as usize].to_vec()));
            }
        }
        out.reverse();
        return Ok(out);
    };
    if sep.0.is_empty() {
        return raise(ExcKind::ValueError, "empty separator");
    }
    let m = sep.0.len();
    let mut end = v.len();
    while left > 0 && end >= m {
        let Some(pos) = (0..=end - m).rev().find(|&p| v[p..p + m] == sep.0[..]) else {
            break;
        };
        out.push(Str::new(v[pos + m..end].to_vec()));
        end = pos;
        left -= 1;
    }
    out.push(Str::new(v[..end].to_vec()));
    out.reverse();
    Ok(out)
}

/// `s.partition(sep)` (`right`: `rpartition`): ValueError "empty separator"; not found:
/// `(s, '', '')` (rpartition: `('', '', s)`).
pub fn str_partition(s: &Str, sep: &Str, right: bool) -> R<(Str, Str, Str)> {
    let (v, m) = (&s.0, sep.0.len());
    if m == 0 {
        return raise(ExcKind::ValueError, "empty separator");
    }
    let found = if m > v.len() {
        None
    } else if right {
        (0..=v.len() - m).rev().find(|&p| v[p..p + m] == sep.0[..])
    } else {
        (0..=v.len() - m).find(|&p| v[p..p + m] == sep.0[..])
    };
    Ok(match found {
        Some(p) => (Str::new(v[..p].to_vec()), sep.clone(), Str::new(v[p + m..].to_vec())),
        None if right => (Str::default(), Str::default(), s.clone()),
        None => (s.clone(), Str::default(), Str::default()),
    })
}

/// The line boundaries of `str.splitlines` (Py_UNICODE_ISLINEBREAK).
fn is_linebreak(c: char) -> bool {
    matches!(c as u32, 0x0a | 0x0b | 0x0c | 0x0d | 0x1c | 0x1d | 0x1e | 0x85 | 0x2028 | 0x2029)
}

/// `s.splitlines(keepends)` (stringlib splitlines): `\r\n` is one boundary.
pub fn str_splitlines(s: &Str, keepends: bool) -> Vec<Str> {
    let v = &s.0;
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let j = i;
        while i < v.len() && !is_linebreak(v[i]) {
            i += 1;
        }
        let mut eol = i;
        if i < v.len() {
            i += if v[i] == '\r' && i + 1 < v.len() && v[i + 1] == '\n' { 2 } else { 1 };
            if keepends {
                eol = i;
            }
        }
        out.push(Str::new(v[j..eol].to_vec()));
    }
    out
}

fn ascii_only(s: &Str) -> R<()> {
    if s.is_ascii() {
        Ok(())
    } else {
        deopt()
    }
}

/// `s.title()`: a letter after a cased letter is lowered, any other uppercased (ASCII;
/// other text deopts).
pub fn str_title(s: &Str) -> R<Str> {
    ascii_only(s)?;
    let mut previous_cased = false;
    Ok(Str::new(
        s.0.iter()
            .map(|&c| {
                let out = if previous_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                previous_cased = c.is_ascii_alphabetic();
                out
            })
            .collect(),
    ))
}

/// `s.capitalize()`: the first character uppercased (title case), the rest lowered (ASCII).
pub fn str_capitalize(s: &Str) -> R<Str> {
    ascii_only(s)?;
    Ok(Str::new(
        s.0.iter().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect(),
    ))
}

/// `s.swapcase()` (ASCII; other text deopts).
pub fn str_swapcase(s: &Str) -> R<Str> {
    ascii_only(s)?;
    Ok(Str::new(
        s.0.iter()
            .map(|c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() })
            .collect(),
    ))
}

/// `s.isupper()` / `s.islower()` (`upper`): some cased character, none of the other case.
pub fn str_is_case(s: &Str, upper: bool) -> R<bool> {
    ascii_only(s)?;
    let (want, other) = if upper { (u8::is_ascii_uppercase as fn(&u8) -> bool, u8::is_ascii_lowercase as fn(&u8) -> bool) } else { (u8::is_ascii_lowercase as fn(&u8) -> bool, u8::is_ascii_uppercase as fn(&u8) -> bool) };
    let mut cased = false;
    for &c in s.0.iter() {
        let b = c as u8;
        if other(&b) {
            return Ok(false);
        }
        cased |= want(&b);
    }
    Ok(cased)
}

/// How `center`/`ljust`/`rjust` place the text: (`left`, `right`) fill counts.
#[derive(Clone, Copy)]
pub enum Justify {
    Center,
    Left,
    Right,
}

/// `s.center(width, fillchar)` and `ljust`/`rjust` (unicode_center_impl, pad): the text
/// itself when it is at least `width` long; TypeError "The fill character must be exactly
/// one character long".
pub fn str_justify(s: &Str, width: i64, fill: Option<&Str>, how: Justify) -> R<Str> {
    let fillchar = match fill {
        None => ' ',
        Some(f) if f.0.len() == 1 => f.0[0],
        Some(_) => return raise(ExcKind::TypeError, "The fill character must be exactly one character long"),
    };
    let len = s.0.len() as i64;
    if len >= width {
        return Ok(s.clone());
    }
    let marg = width - len;
    if marg > 1 << 32 {
        return deopt(); // CPython tries the allocation (MemoryError): it decides
    }
    let left = match how {
        Justify::Center => marg / 2 + (marg & width & 1),
        Justify::Left => 0,
        Justify::Right => marg,
    };
    let mut out = Vec::with_capacity(width as usize);
    out.extend(std::iter::repeat(fillchar).take(left as usize));
    out.extend_from_slice(&s.0);
    out.extend(std::iter::repeat(fillchar).take((marg - left) as usize));
    Ok(Str::new(out))
}

/// `s.zfill(width)`: zeros on the left, a leading sign moved before them.
pub fn str_zfill(s: &Str, width: i64) -> R<Str> {
    let len = s.0.len() as i64;
    if len >= width {
        return Ok(s.clone());
    }
    let fill = width - len;
    if fill > 1 << 32 {
        return deopt();
    }
    let mut out = Vec::with_capacity(width as usize);
    out.extend(std::iter::repeat('0').take(fill as usize));
    out.extend_from_slice(&s.0);
    let at = fill as usize;
    // (an empty text: CPython reads its terminating NUL there, not a sign)
    if at < out.len() && (out[at] == '+' || out[at] == '-') {
        out[0] = out[at];
        out[at] = '0';
    }
    Ok(Str::new(out))
}

/// `s.removeprefix(p)` (`suffix`: `removesuffix`).
pub fn str_remove_affix(s: &Str, affix: &Str, suffix: bool) -> Str {
    let (v, a) = (&s.0, &affix.0);
    if suffix {
        if !a.is_empty() && v.ends_with(a) {
            return Str::new(v[..v.len() - a.len()].to_vec());
        }
    } else if v.starts_with(a) && !a.is_empty() {
        return Str::new(v[a.len()..].to_vec());
    }
    s.clone()
}
