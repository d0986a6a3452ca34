//! Str pieces (text_view.rs) in each storage width CPython uses, against what CPython 3.11
//! gives for the same expression (in comments).
use crate::*;

fn s(text: &str) -> Str {
    Str::from(text)
}

/// `text` stored as CPython would (1, 2 or 4 bytes per code point), leaked for the test.
fn piece(text: &str) -> StrPiece<'static> {
    let max = text.chars().map(|c| c as u32).max().unwrap_or(0);
    let units = if max < 0x100 {
        Units::One(Box::leak(text.chars().map(|c| c as u8).collect::<Vec<_>>().into_boxed_slice()))
    } else if max < 0x10000 {
        Units::Two(Box::leak(text.chars().map(|c| c as u16).collect::<Vec<_>>().into_boxed_slice()))
    } else {
        Units::Four(Box::leak(text.chars().map(|c| c as u32).collect::<Vec<_>>().into_boxed_slice()))
    };
    StrPiece(units)
}

fn texts(v: Vec<StrPiece<'_>>) -> Vec<String> {
    v.into_iter().map(|p| p.to_str().to_string()).collect()
}

#[test]
fn split_and_strip_in_every_width() {
    for text in [" a, b ,,c ", " \u{e9}, b ,,c ", " \u{65e5}, b ,,c ", " \u{1f389}, b ,,c "] {
        let expected: Vec<String> = text.trim().split(',').map(String::from).collect();
        assert_eq!(texts(piece(text).strip(true, true).split(&s(",")).unwrap()), expected, "{text}");
    }
    // '\x1c a\u3000b\x85'.split() == ['a', 'b']; '\xa0x '.strip() == 'x'
    assert_eq!(texts(piece("\x1c a\u{3000}b\u{85}").split_ws()), ["a", "b"]);
    assert_eq!(piece("\u{a0}x ").strip(true, true).to_str().to_string(), "x");
    assert_eq!(piece("\u{a0}x ").strip(false, true).to_str().to_string(), "\u{a0}x");
    // 'a::b::'.split('::') == ['a', 'b', '']
    assert_eq!(texts(piece("a::b::").split(&s("::")).unwrap()), ["a", "b", ""]);
    assert!(piece("ab").split(&s("")).is_err()); // ValueError: empty separator
    assert_eq!(texts(piece("").split(&s(",")).unwrap()), [""]);
}

#[test]
fn comparisons_see_code_points_not_widths() {
    assert!(piece("\u{e9}t\u{e9}").eq(StrPiece::of_str(&s("\u{e9}t\u{e9}"))));
    assert!(!piece("ab").eq(piece("abc")));
    assert!(piece("x\u{1f389}").starts_with(&s("x")) && piece("x\u{1f389}").ends_with(&s("\u{1f389}")));
    assert!(!piece("x").starts_with(&s("xy")) && piece("x").ends_with(&s("")));
}

#[test]
fn numbers_parse_as_cpython_parses_them() {
    // float(' 1.5 '), float('-0.0'), float('1_0'), float('1e3'), float('\x0b7\x0c')
    assert_eq!(piece(" 1.5 ").to_float(), Ok(1.5));
    assert_eq!(piece("-0.0").to_float().map(f64::to_bits), Ok((-0.0f64).to_bits()));
    assert_eq!(piece("1_0").to_float(), Ok(10.0));
    assert_eq!(piece("1e3").to_float(), Ok(1000.0));
    assert_eq!(piece("\x0b7\x0c").to_float(), Ok(7.0));
    // float('x') -> ValueError: could not convert string to float: 'x'
    assert_eq!(
        piece("x").to_float(),
        Err(Exc::Raise(ExcKind::ValueError, "could not convert string to float: 'x'".into()))
    );
    // '\x1c1' is str.isspace but not a number's space: ValueError, as CPython
    assert!(matches!(piece("\x1c1").to_float(), Err(Exc::Raise(ExcKind::ValueError, _))));
    // non-ASCII digits and spaces: CPython's Unicode tables decide, so the call deopts
    assert!(matches!(piece("\u{663}").to_float(), Err(Exc::Deopt)));
    assert!(matches!(piece("\u{e9}1").to_int(), Err(Exc::Deopt)));
    assert_eq!(piece(" -42 ").to_int(), Ok(-42));
    // int('99999999999999999999'): beyond i64, the Python original answers
    assert!(matches!(piece("99999999999999999999").to_int(), Err(Exc::Deopt)));
}
