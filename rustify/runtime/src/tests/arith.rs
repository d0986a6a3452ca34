//! Expected values are what CPython 3.11 prints for the same expression (in comments).
use crate::*;

fn raised<T: std::fmt::Debug>(r: R<T>) -> (ExcKind, String) {
    match r {
        Err(Exc::Raise(kind, message)) => (kind, message),
        other => panic!("expected a raise, got {other:?}"),
    }
}

fn bits(r: R<f64>) -> u64 {
    r.expect("a value").to_bits()
}

#[test]
fn int_division_rounds_toward_negative_infinity() {
    assert_eq!(int_floordiv(-5, 3), Ok(-2)); // -5 // 3
    assert_eq!(int_mod(5, -3), Ok(-1)); // 5 % -3
    assert_eq!(int_divmod(-7, 2), Ok((-4, 1)));
}

#[test]
fn int_zero_divisors_raise_cpythons_messages() {
    assert_eq!(
        raised(int_floordiv(1, 0)),
        (ExcKind::ZeroDivisionError, "integer division or modulo by zero".into())
    );
    assert_eq!(
        raised(int_mod(1, 0)),
        (ExcKind::ZeroDivisionError, "integer modulo by zero".into())
    );
}

#[test]
fn ints_beyond_64_bits_deopt() {
    assert_eq!(int_add(i64::MAX, 1), Err(Exc::Deopt));
    assert_eq!(int_mul(i64::MIN, -1), Err(Exc::Deopt));
    assert_eq!(int_floordiv(i64::MIN, -1), Err(Exc::Deopt));
    assert_eq!(int_lshift(1, 63), Err(Exc::Deopt));
    assert_eq!(int_pow_nonneg(2, 63), Err(Exc::Deopt));
}

#[test]
fn shifts() {
    assert_eq!(int_rshift(-1, 100), Ok(-1)); // -1 >> 100
    assert_eq!(raised(int_lshift(1, -1)), (ExcKind::ValueError, "negative shift count".into()));
}

#[test]
fn int_true_division_is_correctly_rounded() {
    // float(2**53 + 1): the exact quotient rounds to even
    assert_eq!(bits(int_truediv((1 << 53) + 1, 1)), 9007199254740992.0f64.to_bits());
    assert_eq!(bits(int_truediv(1, 3)), (1.0f64 / 3.0).to_bits());
}

#[test]
fn negative_int_powers_are_floats() {
    assert!(matches!(int_pow(2, -1), Ok(Num::Float(x)) if x == 0.5)); // 2 ** -1
    assert_eq!(
        raised(int_pow(0, -1)),
        (ExcKind::ZeroDivisionError, "0.0 cannot be raised to a negative power".into())
    );
}

#[test]
fn float_modulo_takes_the_divisors_sign_and_keeps_zero_signs() {
    assert_eq!(bits(float_mod(-1.0, 3.0)), 2.0f64.to_bits()); // -1.0 % 3.0
    assert_eq!(bits(float_mod(-0.0, 1.0)), 0.0f64.to_bits()); // -0.0 % 1.0 == 0.0
    assert_eq!(bits(float_mod(0.0, -1.0)), (-0.0f64).to_bits()); // 0.0 % -1.0 == -0.0
    assert_eq!(bits(float_floordiv(7.0, -2.0)), (-4.0f64).to_bits());
    assert_eq!(float_divmod(-7.0, 2.0), Ok((-4.0, 1.0)));
}

#[test]
fn float_zero_divisors_raise_cpythons_messages() {
    for (r, message) in [
        (float_truediv(1.0, 0.0), "float division by zero"),
        (float_floordiv(1.0, 0.0), "float floor division by zero"),
        (float_mod(1.0, 0.0), "float modulo"),
    ] {
        assert_eq!(raised(r), (ExcKind::ZeroDivisionError, message.into()));
    }
    assert_eq!(raised(float_divmod(1.0, 0.0)), (ExcKind::ZeroDivisionError, "float divmod()".into()));
    assert_eq!(
        raised(float_pow(0.0, -1.0)),
        (ExcKind::ZeroDivisionError, "0.0 cannot be raised to a negative power".into())
    );
}

#[test]
fn a_complex_power_deopts() {
    assert_eq!(float_pow(-8.0, 0.5), Err(Exc::Deopt)); // (-8.0) ** 0.5 is complex
}

#[test]
fn mixed_comparisons_are_exact() {
    let big = (1i64 << 53) + 1;
    assert!(!cmp_int_float(big, big as f64, CmpOp::Eq)); // 2**53 + 1 == float(2**53 + 1)
    assert!(cmp_int_float(big, big as f64, CmpOp::Gt));
    assert!(!cmp_float(f64::NAN, f64::NAN, CmpOp::Eq));
    assert!(cmp_float(f64::NAN, f64::NAN, CmpOp::Ne));
}
