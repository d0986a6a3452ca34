use crate::*;

/// Pushes then pops, as CPython's heapq does it: the lists below are what
/// `heapq.heappush` leaves in CPython 3.11 (checked by hand with the interpreter).
#[test]
fn heappush_orders_as_cpython() {
    let mut h: Vec<i64> = Vec::new();
    for x in [5, 1, 4, 1, 3, 9, 2, 6] {
        heap_push(&mut h, x).unwrap();
    }
    assert_eq!(h, vec![1, 1, 2, 5, 3, 9, 4, 6]);
    let mut out = Vec::new();
    while !h.is_empty() {
        out.push(heap_pop(&mut h).unwrap());
    }
    assert_eq!(out, vec![1, 1, 2, 3, 4, 5, 6, 9]);
    assert_eq!(heap_pop(&mut h), Err(Exc::Raise(ExcKind::IndexError, "index out of range".into())));
}

#[test]
fn heapify_small_and_cache_friendly() {
    let mut h: Vec<i64> = vec![9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    heap_heapify(&mut h).unwrap();
    assert_eq!(h, vec![0, 1, 3, 2, 5, 4, 7, 9, 6, 8]);
    // above 2,500 items the cache-friendly order gives the same heap as the simple one
    let big: Vec<i64> = (0..5000).map(|i| (i * 7919) % 5003).collect();
    let mut a = big.clone();
    heap_heapify(&mut a).unwrap();
    let mut b = big;
    for i in (0..b.len() >> 1).rev() {
        siftup_for_test(&mut b, i);
    }
    assert_eq!(a, b);
}

fn siftup_for_test(h: &mut Vec<i64>, pos: usize) {
    // the textbook siftup of Lib/heapq.py (_siftup), for comparison
    let endpos = h.len();
    let startpos = pos;
    let newitem = h[pos];
    let mut pos = pos;
    let mut childpos = 2 * pos + 1;
    while childpos < endpos {
        let rightpos = childpos + 1;
        if rightpos < endpos && !(h[childpos] < h[rightpos]) {
            childpos = rightpos;
        }
        h[pos] = h[childpos];
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    h[pos] = newitem;
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        if newitem < h[parentpos] {
            h[pos] = h[parentpos];
            pos = parentpos;
            continue;
        }
        break;
    }
    h[pos] = newitem;
}

#[test]
fn pushpop_replace_and_nan() {
    let mut h: Vec<f64> = vec![1.0, 2.0];
    assert_eq!(heap_pushpop(&mut h, 0.5), Ok(0.5));
    assert_eq!(heap_pushpop(&mut h, 3.0), Ok(1.0));
    assert_eq!(heap_replace(&mut h, 0.0), Ok(2.0));
    assert_eq!(h, vec![0.0, 3.0]);
    // a NaN float compares False both ways: it stays where `<` leaves it
    let mut n: Vec<f64> = vec![];
    for x in [3.0, f64::NAN, 1.0] {
        heap_push(&mut n, x).unwrap();
    }
    assert!(n[1].is_nan() && n[0] == 1.0 && n[2] == 3.0);
    // a NaN inside a tuple needs identity: deopt
    let mut t: Vec<(f64, i64)> = vec![];
    assert_eq!(heap_push(&mut t, (f64::NAN, 1)), Err(Exc::Deopt));
    let mut e: Vec<i64> = vec![];
    assert_eq!(heap_replace(&mut e, 1), Err(Exc::Raise(ExcKind::IndexError, "index out of range".into())));
}

#[test]
fn tuples_compare_lexicographically() {
    let mut h: Vec<(f64, i64)> = vec![];
    for item in [(2.0, 1), (1.0, 5), (1.0, 2), (2.0, 0)] {
        heap_push(&mut h, item).unwrap();
    }
    let order: Vec<(f64, i64)> = (0..4).map(|_| heap_pop(&mut h).unwrap()).collect();
    assert_eq!(order, vec![(1.0, 2), (1.0, 5), (2.0, 0), (2.0, 1)]);
    assert!((Num::Int(1), 2i64).py_lt(&(Num::Float(1.0), 3i64)));
}

#[test]
fn bisection_and_insort() {
    let a: Vec<i64> = vec![1, 2, 2, 2, 5];
    assert_eq!(bisect_left(&a, &2, 0, None), Ok(1));
    assert_eq!(bisect_right(&a, &2, 0, None), Ok(4));
    assert_eq!(bisect_right(&a, &2, 2, Some(3)), Ok(3));
    assert_eq!(bisect_left(&a, &9, 0, Some(-1)), Ok(5));
    assert_eq!(bisect_left(&a, &9, 0, Some(-5)), Ok(0));
    assert_eq!(bisect_left(&a, &2, -1, None), Err(Exc::Raise(ExcKind::ValueError, "lo must be non-negative".into())));
    assert_eq!(bisect_left(&a, &9, 0, Some(9)), Err(Exc::Raise(ExcKind::IndexError, "list index out of range".into())));
    let mut b = a.clone();
    insort(&mut b, 3, 0, None, false).unwrap();
    insort(&mut b, 0, 0, None, true).unwrap();
    assert_eq!(b, vec![0, 1, 2, 2, 2, 3, 5]);
    assert_eq!(heap_take(vec![3, 2, 1], 2), vec![3, 2]);
    assert_eq!(heap_take(vec![3, 2, 1], -1), Vec::<i64>::new());
}

#[test]
fn best_by_keys_is_the_stable_sort_cut_to_n() {
    let items = vec!["a", "b", "c", "d", "e"];
    let keys: Vec<i64> = vec![2, 3, 2, 3, 1];
    assert_eq!(best_by_keys(items.clone(), keys.clone(), 3, true), Ok(vec!["b", "d", "a"]));
    assert_eq!(best_by_keys(items.clone(), keys.clone(), 2, false), Ok(vec!["e", "a"]));
    assert_eq!(best_by_keys(items.clone(), keys.clone(), 9, false), Ok(vec!["e", "a", "c", "b", "d"]));
    assert_eq!(best_by_keys(items.clone(), keys.clone(), 0, true), Ok(vec![]));
    assert_eq!(best_by_keys(vec![1, 2], vec![f64::NAN, 1.0], 1, true), Err(Exc::Deopt));
}
