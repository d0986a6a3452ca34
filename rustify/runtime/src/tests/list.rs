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
    assert!(matches!(norm_index(3, 3, "list"), Err(Exc::Raise(ExcKind::IndexError, _))));
    assert_eq!(range_len(0, 10, 3), Ok(4)); // len(range(0, 10, 3))
    assert_eq!(range_len(10, 0, 1), Ok(0));
}
