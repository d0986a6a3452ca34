
// =====================================================================================
// 9. Sequences and reductions used by generated code (appended to rt.rs in each crate)
// =====================================================================================

/// Python truth value of an int-or-float.
#[inline(always)]
pub fn num_truthy(n: Num) -> bool {
    match n {
        Num::Int(i) => i != 0,
        Num::Float(f) => f != 0.0,
    }
}

/// `int(x)` of an int-or-float (Objects/floatobject.c float___trunc___impl for floats).
#[inline(always)]
pub fn num_to_int(n: Num) -> R<i64> {
    match n {
        Num::Int(i) => Ok(i),
        Num::Float(f) => float_to_int(f),
    }
}

/// `sum(items, start)` with an int-or-float start, as Python/bltinmodule.c builtin_sum_impl
/// (3.11): ints are added exactly while every item is an int, then the float path takes over.
pub fn sum_num_from(start: Num, items: impl IntoIterator<Item = Num>) -> R<Num> {
    let mut acc = start;
    for item in items {
        acc = num_add(acc, item)?;
    }
    Ok(acc)
}

/// 3.12+ `sum()` (compensated float addition): only from the default start 0.
pub fn sum_num_from_compensated(start: Num, items: impl IntoIterator<Item = Num>) -> R<Num> {
    match start {
        Num::Int(0) => sum_num_compensated(items),
        _ => deopt(),
    }
}

/// `sum(items, start)` with a float start: CPython's float loop from the first item.
pub fn sum_float_from(start: f64, items: impl IntoIterator<Item = Num>) -> R<f64> {
    Ok(num_as_f64(sum_num_from(Num::Float(start), items)?))
}

/// `xs[start:stop:step]` (Objects/sliceobject.c PySlice_Unpack + AdjustIndices).
pub fn list_slice<T: Clone>(v: &[T], start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> R<Vec<T>> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return raise(ExcKind::ValueError, "slice step cannot be zero");
    }
    let len = v.len() as i64;
    let adjust = |x: Option<i64>, default: i64, lower: i64, upper: i64| -> i64 {
        match x {
            None => default,
            Some(mut i) => {
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = lower;
                    }
                } else if i >= len {
                    i = upper;
                }
                i
            }
        }
    };
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let s = adjust(start, if step < 0 { upper } else { lower }, lower, upper);
    let e = adjust(stop, if step < 0 { lower } else { upper }, lower, upper);
    let mut out = Vec::new();
    let mut i = s;
    if step > 0 {
        while i < e {
            out.push(v[i as usize].clone());
            i += step;
        }
    } else {
        while i > e {
            out.push(v[i as usize].clone());
            i += step;
        }
    }
    Ok(out)
}

fn sort_checked<T: Copy>(v: &[T], reverse: bool, is_nan: impl Fn(&T) -> bool, cmp: impl Fn(&T, &T) -> Ordering) -> R<Vec<T>> {
    // With a NaN the order CPython's timsort produces depends on its exact comparisons: deopt.
    if v.iter().any(|x| is_nan(x)) {
        return deopt();
    }
    let mut out = v.to_vec();
    // a stable sort with reversed comparisons: equal items keep their order, as in CPython
    if reverse {
        out.sort_by(|a, b| cmp(b, a));
    } else {
        out.sort_by(|a, b| cmp(a, b));
    }
    Ok(out)
}

/// `sorted(xs)` / `sorted(xs, reverse=True)` of ints.
pub fn sorted_i64(v: &[i64], reverse: bool) -> R<Vec<i64>> {
    sort_checked(v, reverse, |_| false, |a, b| a.cmp(b))
}

/// `sorted(xs)` of floats (-0.0 and 0.0 are equal and keep their order, as in CPython).
pub fn sorted_f64(v: &[f64], reverse: bool) -> R<Vec<f64>> {
    sort_checked(v, reverse, |x| x.is_nan(), |a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal))
}

/// `sorted(xs)` of ints and floats mixed (exact int/float comparison).
pub fn sorted_num(v: &[Num], reverse: bool) -> R<Vec<Num>> {
    sort_checked(
        v,
        reverse,
        |x| matches!(x, Num::Float(f) if f.is_nan()),
        |a, b| {
            if num_cmp(*a, *b, CmpOp::Lt) {
                Ordering::Less
            } else if num_cmp(*b, *a, CmpOp::Lt) {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        },
    )
}

fn num_is_nan(x: Num) -> bool {
    matches!(x, Num::Float(f) if f.is_nan())
}

/// `x in seq` for numbers: CPython tests identity then `==`; a NaN needle could match
/// itself by identity, which native values cannot see, so it deopts.
pub fn seq_contains(items: impl IntoIterator<Item = Num>, x: Num) -> R<bool> {
    if num_is_nan(x) {
        return deopt();
    }
    Ok(items.into_iter().any(|item| num_cmp(item, x, CmpOp::Eq)))
}

/// `seq.index(x)` for numbers (ValueError "x is not in list" with CPython's repr).
pub fn seq_index(items: impl IntoIterator<Item = Num>, x: Num) -> R<i64> {
    if num_is_nan(x) {
        return deopt();
    }
    for (k, item) in items.into_iter().enumerate() {
        if num_cmp(item, x, CmpOp::Eq) {
            return Ok(k as i64);
        }
    }
    raise(ExcKind::ValueError, format!("{} is not in list", x.py_repr()))
}

/// `seq.count(x)` for numbers.
pub fn seq_count(items: impl IntoIterator<Item = Num>, x: Num) -> R<i64> {
    if num_is_nan(x) {
        return deopt();
    }
    Ok(items.into_iter().filter(|item| num_cmp(*item, x, CmpOp::Eq)).count() as i64)
}

/// The last value of `range(start, stop, step)` (the first of `reversed(range(...))`).
pub fn range_last(start: i64, stop: i64, step: i64) -> R<i64> {
    let n = range_len(start, stop, step)? as i64;
    if n == 0 {
        // an empty range: start one step before `start`, so range(start - step, start - step, -step) is empty
        return int_sub(start, step);
    }
    Ok(start + (n - 1) * step)
}
