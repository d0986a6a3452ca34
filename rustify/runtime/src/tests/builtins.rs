//! Expected values are what CPython 3.11 prints for the same expression (in comments).
use crate::*;

#[test]
fn round_is_round_half_even() {
    assert_eq!(round_float(2.5), Ok(2)); // round(2.5)
    assert_eq!(round_float(-2.5), Ok(-2));
    assert_eq!(round_float(-0.5), Ok(0));
    assert_eq!(round_float_ndigits(2.675, 2).map(f64::to_bits), Ok(2.67f64.to_bits()));
}

#[test]
fn round_of_nan_and_infinity_raise() {
    assert_eq!(
        round_float(f64::NAN),
        Err(Exc::Raise(ExcKind::ValueError, "cannot convert float NaN to integer".into()))
    );
    assert_eq!(
        round_float(f64::INFINITY),
        Err(Exc::Raise(ExcKind::OverflowError, "cannot convert float infinity to integer".into()))
    );
}

#[test]
fn sums_add_left_to_right_and_deopt_on_overflow() {
    assert!(matches!(sum_f64([0.1, 0.2, 0.3]), Num::Float(x) if x == 0.1 + 0.2 + 0.3));
    assert_eq!(sum_i64([i64::MAX, 1]), Err(Exc::Deopt));
    assert_eq!(sum_i64([i64::MAX, 1, -1]), Ok(i64::MAX)); // a total that fits, past an intermediate that does not
}

#[test]
fn min_and_max_of_nothing_raise() {
    assert!(matches!(max_i64(Vec::<i64>::new()), Err(Exc::Raise(ExcKind::ValueError, _))));
    assert_eq!(max_i64([3, 9, 2]), Ok(9));
    assert_eq!(min_f64([3.0, -1.0]).map(f64::to_bits), Ok((-1.0f64).to_bits()));
}
