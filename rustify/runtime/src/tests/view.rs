//! Seq over a Rust slice (what a translated callee gets from a caller's own list) and
//! Whole, which converts once.

use crate::*;

#[test]
fn a_seq_over_a_slice_reads_its_items() {
    let v = vec![1.5_f64, -0.0, 3.25];
    let s = Seq::rust(&v);
    assert_eq!(s.len(), 3);
    assert!(!s.is_empty());
    assert_eq!(s.get(1).unwrap().to_bits(), (-0.0_f64).to_bits());
    assert_eq!(s.to_vec().unwrap(), v);
    assert!(Seq::<i64>::rust(&[]).is_empty());
}

#[test]
fn whole_converts_once_and_keeps_it() {
    let v = vec![4_i64, 5, 6];
    let s = Seq::rust(&v);
    let w: Whole<i64> = Whole::new();
    let first = w.of(&s).unwrap() as *const Vec<i64>;
    let second = w.of(&s).unwrap() as *const Vec<i64>;
    assert_eq!(first, second);
    assert_eq!(w.of(&s).unwrap(), &v);
}
