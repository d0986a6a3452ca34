use crate::*;

fn s(text: &str) -> Str {
    Str::from(text)
}

fn v(items: &[&str]) -> Vec<Str> {
    items.iter().map(|t| s(t)).collect()
}

#[test]
fn rsplit_from_the_right() {
    assert_eq!(str_rsplit_max(&s("  a b  c "), None, -1), Ok(v(&["a", "b", "c"])));
    assert_eq!(str_rsplit_max(&s("  a b  c "), None, 1), Ok(v(&["  a b", "c"])));
    assert_eq!(str_rsplit_max(&s("a,b,,c"), Some(&s(",")), 2), Ok(v(&["a,b", "", "c"])));
    assert_eq!(str_rsplit_max(&s("aaa"), Some(&s("aa")), -1), Ok(v(&["a", ""])));
    assert_eq!(str_rsplit_max(&s(""), None, -1), Ok(vec![]));
    assert_eq!(str_rsplit_max(&s("x"), Some(&s("")), -1), Err(Exc::Raise(ExcKind::ValueError, "empty separator".into())));
}

#[test]
fn partitions_and_lines() {
    assert_eq!(str_partition(&s("k=v=w"), &s("="), false), Ok((s("k"), s("="), s("v=w"))));
    assert_eq!(str_partition(&s("k=v=w"), &s("="), true), Ok((s("k=v"), s("="), s("w"))));
    assert_eq!(str_partition(&s("kv"), &s("="), false), Ok((s("kv"), s(""), s(""))));
    assert_eq!(str_partition(&s("kv"), &s("="), true), Ok((s(""), s(""), s("kv"))));
    assert_eq!(str_splitlines(&s("a\r\nb\rc\n\nd\x0be\u{2028}"), false), v(&["a", "b", "c", "", "d", "e"]));
    assert_eq!(str_splitlines(&s("a\r\nb\n"), true), v(&["a\r\n", "b\n"]));
    assert_eq!(str_splitlines(&s(""), true), Vec::<Str>::new());
}

#[test]
fn padding_and_case() {
    assert_eq!(str_justify(&s("ab"), 5, None, Justify::Center), Ok(s("  ab ")));
    assert_eq!(str_justify(&s("abc"), 6, Some(&s("*")), Justify::Center), Ok(s("*abc**")));
    assert_eq!(str_justify(&s("abc"), 5, Some(&s("-")), Justify::Right), Ok(s("--abc")));
    assert_eq!(str_justify(&s("abc"), 2, None, Justify::Left), Ok(s("abc")));
    assert_eq!(str_justify(&s("a"), 3, Some(&s("ab")), Justify::Left),
               Err(Exc::Raise(ExcKind::TypeError, "The fill character must be exactly one character long".into())));
    assert_eq!(str_zfill(&s("-42"), 6), Ok(s("-00042")));
    assert_eq!(str_zfill(&s("+"), 3), Ok(s("+00")));
    assert_eq!(str_zfill(&s(""), 2), Ok(s("00")));
    assert_eq!(str_title(&s("hello wORLD 3rd")), Ok(s("Hello World 3Rd")));
    assert_eq!(str_capitalize(&s("hELLO")), Ok(s("Hello")));
    assert_eq!(str_swapcase(&s("aB1")), Ok(s("Ab1")));
    assert_eq!(str_is_case(&s("AB1"), true), Ok(true));
    assert_eq!(str_is_case(&s("1"), true), Ok(false));
    assert_eq!(str_is_case(&s("ab"), false), Ok(true));
    assert_eq!(str_title(&s("é")), Err(Exc::Deopt));
    assert_eq!(str_remove_affix(&s("test.py"), &s(".py"), true), s("test"));
    assert_eq!(str_remove_affix(&s("test.py"), &s("te"), false), s("st.py"));
    assert_eq!(str_remove_affix(&s("ab"), &s(""), false), s("ab"));
}
