use crate::*;

#[test]
fn fsum_is_exact_and_correctly_rounded() {
    assert_eq!(math_fsum([0.1; 10]), Ok(1.0));
    assert_eq!(math_fsum([1e-16, 1.0, 1e16]), Ok(10000000000000002.0));
    assert_eq!(math_fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), Ok(1e-100));
    assert_eq!(math_fsum(Vec::<f64>::new()), Ok(0.0));
    assert_eq!(math_fsum([-0.0]).map(|x| x.to_bits()), Ok(0.0f64.to_bits()));
    assert_eq!(math_fsum([f64::INFINITY, 1.0]), Ok(f64::INFINITY));
    assert!(math_fsum([f64::NAN, 1.0]).unwrap().is_nan());
    assert_eq!(math_fsum([f64::INFINITY, f64::NEG_INFINITY]),
               Err(Exc::Raise(ExcKind::ValueError, "-inf + inf in fsum".into())));
    assert_eq!(math_fsum([1.7e308, 1.7e308]),
               Err(Exc::Raise(ExcKind::OverflowError, "intermediate overflow in fsum".into())));
}

#[test]
fn prod_keeps_ints_then_floats() {
    assert_eq!(math_prod(Num::Int(1), [Num::Int(2), Num::Int(3)]), Ok(Num::Int(6)));
    assert_eq!(math_prod(Num::Int(1), [Num::Int(2), Num::Float(0.5)]), Ok(Num::Float(1.0)));
    assert_eq!(math_prod(Num::Float(2.0), []), Ok(Num::Float(2.0)));
    assert_eq!(math_prod(Num::Int(1), [Num::Int(i64::MAX), Num::Int(2)]), Err(Exc::Deopt));
}

#[test]
fn isclose_as_cpython() {
    assert_eq!(math_isclose(1.0, 1.0 + 1e-10, 1e-9, 0.0), Ok(true));
    assert_eq!(math_isclose(f64::INFINITY, f64::INFINITY, 1e-9, 0.0), Ok(true));
    assert_eq!(math_isclose(f64::INFINITY, 1e308, 1e-9, 0.0), Ok(false));
    assert_eq!(math_isclose(f64::NAN, f64::NAN, 1e-9, 0.0), Ok(false));
    assert_eq!(math_isclose(0.0, 1e-12, 1e-9, 1e-11), Ok(true));
    assert_eq!(math_isclose(0.0, 1.0, -1.0, 0.0),
               Err(Exc::Raise(ExcKind::ValueError, "tolerances must be non-negative".into())));
}
