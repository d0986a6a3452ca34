//! Expected values are what CPython 3.11 prints for the same expression (in comments).
use crate::*;

fn s(text: &str) -> Str {
    Str::from(text)
}

fn texts(v: Vec<Str>) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn split_without_separator_splits_on_runs_of_whitespace() {
    assert_eq!(texts(str_split_ws(&s(" a  b\t\u{2003}c\n"))), ["a", "b", "c"]); // em space too
    assert_eq!(texts(str_split(&s("a,,b"), &s(",")).unwrap()), ["a", "", "b"]);
    assert_eq!(
        str_split(&s("ab"), &s("")).map(texts),
        Err(Exc::Raise(ExcKind::ValueError, "empty separator".into()))
    );
}

#[test]
fn searching_and_counting() {
    assert_eq!(str_find(&s("hello"), &s("l")), 2);
    assert_eq!(str_rfind(&s("hello"), &s("l")), 3);
    assert_eq!(str_find(&s("hello"), &s("z")), -1);
    assert_eq!(str_count(&s("aaaa"), &s("aa")), 2); // non-overlapping
    assert_eq!(str_count(&s("abc"), &s("")), 4);
    assert!(str_in(&s(""), &s("abc")));
}

#[test]
fn strip_and_case() {
    assert_eq!(str_strip(&s("  x y \n"), None, true, true).to_string(), "x y");
    assert_eq!(str_strip(&s("xxaxx"), Some(&s("x")), false, true).to_string(), "xxa");
    assert_eq!(str_repeat(&s("ab"), -1).map(|x| x.to_string()), Ok(String::new()));
}

#[test]
fn int_and_float_parse_as_cpython() {
    assert_eq!(int_from_str(&s(" 1_000 ")), Ok(1000)); // int(" 1_000 ")
    assert_eq!(
        int_from_str(&s("4x")),
        Err(Exc::Raise(ExcKind::ValueError, "invalid literal for int() with base 10: '4x'".into()))
    );
    assert_eq!(float_from_str(&s(" 1e3 ")).map(f64::to_bits), Ok(1000.0f64.to_bits()));
    assert_eq!(
        float_from_str(&s("x1")),
        Err(Exc::Raise(ExcKind::ValueError, "could not convert string to float: 'x1'".into()))
    );
}

#[test]
fn chr_and_ord_check_their_ranges() {
    assert_eq!(
        str_chr(0x110000).map(|x| x.to_string()),
        Err(Exc::Raise(ExcKind::ValueError, "chr() arg not in range(0x110000)".into()))
    );
    assert_eq!(
        str_ord(&s("ab")),
        Err(Exc::Raise(
            ExcKind::TypeError,
            "ord() expected a character, but string of length 2 found".into()
        ))
    );
}

#[test]
fn repr_picks_the_quote_cpython_picks() {
    assert_eq!(s("a'b").py_repr(), "\"a'b\"");
    assert_eq!(s("a\"b'").py_repr(), "'a\"b\\''");
}

#[test]
fn str_of_a_caught_exception_is_cpythons() {
    assert_eq!(exc_str(ExcKind::ValueError, "bad").map(|s| s.to_string()), Ok("bad".into()));
    assert_eq!(exc_str(ExcKind::ValueError, NO_ARGS).map(|s| s.to_string()), Ok(String::new())); // str(ValueError())
    assert_eq!(exc_str(ExcKind::KeyError, "x").map(|s| s.to_string()), Ok("'x'".into())); // str(KeyError('x'))
    let missing = format!("{KEY_REPR_MARK}'it''s'");
    assert_eq!(exc_str(ExcKind::KeyError, &format!("{KEY_REPR_MARK}42")).map(|s| s.to_string()), Ok("42".into()));
    assert!(exc_str(ExcKind::KeyError, &missing).is_ok());
    assert_eq!(exc_str(ExcKind::KeyError, &format!("{KEY_REPR_MARK}'b'")).map(|s| s.to_string()), Ok("'b'".into()));
    assert_eq!(exc_str(ExcKind::KeyError, &format!("{KEY_REPR_MARK}(1, 2)")), Err(Exc::Deopt));
    assert_eq!(exc_str(ExcKind::KeyError, &format!("{KEY_REPR_MARK}b'\\x61'")), Err(Exc::Deopt)); // a bytes key
    assert_eq!(exc_str(ExcKind::KeyError, &format!("{KEY_REPR_MARK}'\u{85}'")), Err(Exc::Deopt));
}

#[test]
fn searching_inside_a_window() {
    let abc = s("abcabc");
    assert_eq!(str_find_in(&abc, &s("c"), Some(-2), None), 5); // 'abcabc'.find('c', -2)
    assert_eq!(str_rfind_in(&abc, &s("b"), Some(0), Some(-1)), 4);
    assert_eq!(str_find_in(&s("abc"), &s(""), Some(2), Some(1)), -1);
    assert_eq!(str_find_in(&s("abc"), &s(""), Some(3), None), 3);
    assert_eq!(str_find_in(&s("abc"), &s(""), Some(4), None), -1);
    assert_eq!(str_find_in(&s("x"), &s("x"), Some(-100), Some(100)), 0);
    assert_eq!(str_count_in(&s("aaa"), &s(""), Some(1), Some(2)), 2);
    assert_eq!(str_count_in(&s("abc"), &s(""), Some(4), None), 0);
    assert_eq!(
        str_index_in(&abc, &s("z"), Some(1), None),
        Err(Exc::Raise(ExcKind::ValueError, "substring not found".into()))
    );
}

#[test]
fn splitting_at_most_maxsplit_times() {
    assert_eq!(texts(str_split_max(&s("  a b  c  "), None, 1).unwrap()), ["a", "b  c  "]);
    assert_eq!(texts(str_split_max(&s(" a "), None, 0).unwrap()), ["a "]);
    assert!(str_split_max(&s("  "), None, 0).unwrap().is_empty());
    assert_eq!(texts(str_split_max(&s("a,b,c"), Some(&s(",")), 0).unwrap()), ["a,b,c"]);
    assert_eq!(texts(str_split_max(&s("a,b,c"), Some(&s(",")), -1).unwrap()), ["a", "b", "c"]);
    assert_eq!(texts(str_split_max(&s("k=v=w"), Some(&s("=")), 1).unwrap()), ["k", "v=w"]);
}

#[test]
fn bytes_made_from_a_count_or_ints() {
    assert_eq!(bytes_zeros(3).unwrap().0, vec![0, 0, 0]);
    assert_eq!(bytes_zeros(-1).map(|b| b.0), Err(Exc::Raise(ExcKind::ValueError, "negative count".into())));
    assert_eq!(bytes_from_ints(&[1, 255]).unwrap().0, vec![1, 255]);
    assert_eq!(
        bytes_from_ints(&[256]).map(|b| b.0),
        Err(Exc::Raise(ExcKind::ValueError, "bytes must be in range(0, 256)".into()))
    );
}

#[test]
fn short_decimals_parse_correctly_rounded() {
    // Clinger's fast path against Rust's own correctly rounded parser, on decimals of up to
    // 15 digits and 22 fraction digits (and a few past the path's limits)
    let mut state: u64 = 0x9E3779B97F4A7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20000 {
        let digits = (next() % 18 + 1) as usize;
        let mut text: String = (0..digits).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
        let dot = (next() % (digits as u64 + 1)) as usize;
        text.insert(dot, '.');
        if next() % 3 == 0 {
            text.insert(0, '-');
        }
        let expected: f64 = text.parse().unwrap();
        assert_eq!(float_from_str(&s(&text)).map(f64::to_bits), Ok(expected.to_bits()), "{text}");
    }
    assert_eq!(float_from_str(&s("-0.0")).map(f64::to_bits), Ok((-0.0f64).to_bits()));
    assert_eq!(float_from_str(&s("+.5")), Ok(0.5));
    assert_eq!(float_from_str(&s("5.")), Ok(5.0));
    assert!(float_from_str(&s(".")).is_err());
    assert_eq!(float_from_str(&s("0.1000000000000000055511151231257827")), Ok(0.1));
}
