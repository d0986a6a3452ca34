use crate::*;

#[test]
fn float_repr_is_cpythons_shortest_repr() {
    for (x, text) in [
        (0.1, "0.1"),
        (-0.0, "-0.0"),
        (1e16, "1e+16"),
        (1e-5, "1e-05"),
        (123456789.0, "123456789.0"),
        (f64::INFINITY, "inf"),
        (f64::NAN, "nan"),
    ] {
        assert_eq!(float_repr(x), text, "repr({x})");
    }
}

#[test]
fn indexes_are_normalised_and_checked() {
    assert_eq!(norm_index(-1, 3, "list"), Ok(2));
    assert_eq!(norm_index(-3, 3, "list"), Ok(0));
    assert_eq!(norm_index(3, 3, "list"), Err(IndexOutOfRange("list")));
    assert_eq!(norm_index(-4, 3, "tuple"), Err(IndexOutOfRange("tuple")));
    assert_eq!(norm_index(i64::MIN, 3, "list"), Err(IndexOutOfRange("list")));
    assert_eq!(norm_index(0, 0, "list"), Err(IndexOutOfRange("list")));
    assert_eq!(item(&[1.5, 2.5], -1, "list"), Ok(&2.5));
    assert_eq!(
        Exc::from(IndexOutOfRange("list assignment")),
        Exc::Raise(ExcKind::IndexError, "list assignment index out of range".to_string())
    );
    assert_eq!(range_len(0, 10, 3), Ok(4)); // len(range(0, 10, 3))
    assert_eq!(range_len(10, 0, 1), Ok(0));
}

#[test]
fn range_lists_are_cpythons_ranges() {
    assert_eq!(range_list(0, 5, 1), Ok(vec![0, 1, 2, 3, 4])); // list(range(5))
    assert_eq!(range_list(10, 0, -3), Ok(vec![10, 7, 4, 1]));
    assert_eq!(range_list(3, 3, 1), Ok(vec![]));
    assert_eq!(range_list(i64::MAX - 1, i64::MAX, 5), Ok(vec![i64::MAX - 1]));
    assert_eq!(
        range_list(0, 5, 0),
        Err(Exc::Raise(ExcKind::ValueError, "range() arg 3 must not be zero".into()))
    );
}

#[test]
fn unpacking_checks_the_length_with_cpythons_messages() {
    assert_eq!(unpack_check(3, 3), Ok(()));
    assert_eq!(
        unpack_check(2, 3), // a, b, c = [1, 2]
        Err(Exc::Raise(ExcKind::ValueError, "not enough values to unpack (expected 3, got 2)".into()))
    );
    assert_eq!(
        unpack_check(3, 2), // a, b = [1, 2, 3]
        Err(Exc::Raise(ExcKind::ValueError, "too many values to unpack (expected 2)".into()))
    );
}

#[test]
fn membership_by_python_equality() {
    let pairs = vec![(1_i64, Str::from("a")), (2, Str::from("b"))];
    assert_eq!(seq_contains_eq(pairs.iter(), &(2, Str::from("b"))), Ok(true));
    assert_eq!(seq_contains_eq(pairs.iter(), &(2, Str::from("a"))), Ok(false));
    let rows = vec![vec![Some(1_i64), None], vec![]];
    assert_eq!(seq_contains_eq(rows.iter(), &vec![Some(1), None]), Ok(true));
    assert_eq!(seq_contains_eq(rows.iter(), &vec![None]), Ok(false));
    // a NaN inside: CPython finds the same object by identity, native values cannot tell
    let floats = vec![(f64::NAN, 1_i64)];
    assert_eq!(seq_contains_eq(floats.iter(), &(0.5, 1)), Err(Exc::Deopt));
    assert_eq!(seq_contains_eq(Vec::<(f64, i64)>::new().iter(), &(f64::NAN, 1)), Ok(false));
}

#[test]
fn extremes_of_strings_by_code_point() {
    let chars: Vec<Str> = ["b", "\u{e9}", "a", "\u{e9}"].iter().map(|c| Str::from(*c)).collect();
    assert_eq!(max_ord(chars.iter()).map(|s| s.to_string()), Ok("\u{e9}".to_string()));
    assert_eq!(min_ord(chars.iter()).map(|s| s.to_string()), Ok("a".to_string()));
    assert_eq!(
        max_ord(Vec::<Str>::new().iter()),
        Err(Exc::Raise(ExcKind::ValueError, "max() arg is an empty sequence".into()))
    );
}

#[test]
fn removing_a_missing_set_item_is_a_key_error() {
    let mut s: Set<i64> = [1, 2].into_iter().collect();
    assert_eq!(set_remove(&mut s, &1), Ok(()));
    assert!(matches!(set_remove(&mut s, &1), Err(Exc::Raise(ExcKind::KeyError, _))));
    assert_eq!(s.len(), 1);
}
