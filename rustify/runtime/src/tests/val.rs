//! `Val`'s one-word encoding and its number fast paths (runtime/src/val.rs), on values that
//! never need a Python object (ints within 48 bits, floats that are not NaN), so no
//! interpreter is involved. Expected values are CPython's.

use crate::*;

fn int(i: i64) -> Val {
    Val::int(i).expect("a 48-bit int needs no allocation")
}

fn float(x: f64) -> Val {
    Val::float(x).expect("a float that is not NaN needs no allocation")
}

#[test]
fn ints_within_48_bits_round_trip() {
    for i in [0, 1, -1, 42, -(1 << 47), (1 << 47) - 1, 123_456_789_012] {
        let v = int(i);
        assert_eq!(v.as_int(), Some(i), "{i}");
        assert_eq!(v.as_float(), None, "an int is not a float");
    }
}

#[test]
fn floats_keep_their_bits() {
    for x in [0.0, -0.0, 1.5, -2.25, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE, 5e-324, -5e-324,
              1e300, -1e-300] {
        let v = float(x);
        assert_eq!(v.as_float().map(f64::to_bits), Some(x.to_bits()), "{x:?}");
        assert_eq!(v.as_int(), None, "a float is not an int");
    }
}

#[test]
fn arithmetic_on_numbers_is_cpythons() {
    let sum = val_binop(&int(40), &int(2), BinOp::Add, false).unwrap();
    assert_eq!(sum.as_int(), Some(42));
    let mixed = val_binop(&int(1), &float(0.5), BinOp::Add, false).unwrap();
    assert_eq!(mixed.as_float(), Some(1.5)); // int + float is a float
    let product = val_binop(&float(-0.0), &float(3.0), BinOp::Mul, false).unwrap();
    assert_eq!(product.as_float().map(f64::to_bits), Some((-0.0f64).to_bits()));
    let floor = val_binop(&int(-7), &int(2), BinOp::FloorDiv, false).unwrap();
    assert_eq!(floor.as_int(), Some(-4)); // -7 // 2 == -4
    let modulo = val_binop(&float(-7.5), &float(2.0), BinOp::Mod, false).unwrap();
    assert_eq!(modulo.as_float(), Some(0.5)); // -7.5 % 2.0 == 0.5
    let quotient = val_binop(&int(1), &int(4), BinOp::TrueDiv, false).unwrap();
    assert_eq!(quotient.as_float(), Some(0.25));
    let power = val_binop(&float(2.0), &float(-1.5), BinOp::Pow, false).unwrap();
    assert_eq!(power.as_float(), Some(2.0f64.powf(-1.5)));
    assert!(matches!(val_binop(&int(1), &int(0), BinOp::FloorDiv, false),
                     Err(Exc::Raise(ExcKind::ZeroDivisionError, _))));
    assert!(matches!(val_binop(&float(1.0), &float(0.0), BinOp::TrueDiv, false),
                     Err(Exc::Raise(ExcKind::ZeroDivisionError, _))));
}

#[test]
fn comparisons_of_ints_and_floats_are_exact() {
    let big = int((1 << 47) - 1);
    let near = float(((1i64 << 47) - 1) as f64);
    assert!(val_compare_truth(&big, &near, CmpOp::Eq).unwrap());
    assert!(val_compare_truth(&int(3), &float(2.5), CmpOp::Gt).unwrap());
    assert!(!val_compare_truth(&float(-0.0), &float(0.0), CmpOp::Lt).unwrap());
    assert!(val_compare_truth(&float(-0.0), &int(0), CmpOp::Eq).unwrap());
    assert!(!val_compare_truth(&float(f64::INFINITY), &int(i64::from(i32::MAX)), CmpOp::Le).unwrap());
}

#[test]
fn truth_of_numbers() {
    assert!(!val_truthy(&int(0)).unwrap());
    assert!(val_truthy(&int(-3)).unwrap());
    assert!(!val_truthy(&float(-0.0)).unwrap());
    assert!(val_truthy(&float(5e-324)).unwrap());
}

#[test]
fn negation_of_numbers() {
    assert_eq!(val_unary(&int(5), UnOp::Neg).unwrap().as_int(), Some(-5));
    assert_eq!(val_unary(&float(0.0), UnOp::Neg).unwrap().as_float().map(f64::to_bits), Some((-0.0f64).to_bits()));
    assert_eq!(val_unary(&int(5), UnOp::Invert).unwrap().as_int(), Some(-6));
}
