use super::*;

// =====================================================================================
// heapq and bisect on native lists (Modules/_heapqmodule.c, Modules/_bisectmodule.c)
// =====================================================================================
//
// CPython's heap and bisection use only `<` (PyObject_RichCompareBool(.., Py_LT)), and the
// order of the comparisons and swaps decides where equal items end up. These are line by
// line ports of siftdown/siftup/heapify (cache-friendly above 2,500 items, as CPython) and
// of internal_bisect_left/right, so the list ends in the same order as CPython's.
//
// `<` of ints, floats (NaN: always False), strs (code points) and their mixes is Rust's
// exactly. A tuple compares as tuplerichcompare: the first position whose items are not
// `==`, then `<` there. CPython's `==` there first checks identity, so two tuples holding
// the same NaN object are equal at that position; native floats have no identity, so a
// tuple holding a NaN deopts before it enters a heap or is searched for.

/// An item a native heap or bisection compares: CPython's `<` and `==` for it.
pub trait PyLt {
    /// `self < other` as CPython computes it.
    fn py_lt(&self, other: &Self) -> bool;
    /// `self == other` (without the identity shortcut).
    fn py_eq_value(&self, other: &Self) -> bool;
    /// A NaN anywhere inside (an item of a tuple whose identity CPython could see).
    fn has_nan(&self) -> bool {
        false
    }
    /// Whether CPython's comparison of this item could depend on identities Rust lacks.
    fn needs_identity(&self) -> bool {
        false
    }
}

macro_rules! ordered_lt {
    ($($t:ty),*) => { $(impl PyLt for $t {
        #[inline(always)]
        fn py_lt(&self, other: &Self) -> bool { self < other }
        #[inline(always)]
        fn py_eq_value(&self, other: &Self) -> bool { self == other }
    })* };
}
ordered_lt!(i64, bool, Str);

impl PyLt for f64 {
    #[inline(always)]
    fn py_lt(&self, other: &Self) -> bool {
        self < other
    }
    #[inline(always)]
    fn py_eq_value(&self, other: &Self) -> bool {
        self == other
    }
    fn has_nan(&self) -> bool {
        self.is_nan()
    }
}

impl PyLt for Num {
    #[inline(always)]
    fn py_lt(&self, other: &Self) -> bool {
        num_cmp(*self, *other, CmpOp::Lt)
    }
    #[inline(always)]
    fn py_eq_value(&self, other: &Self) -> bool {
        num_cmp(*self, *other, CmpOp::Eq)
    }
    fn has_nan(&self) -> bool {
        matches!(self, Num::Float(f) if f.is_nan())
    }
}

macro_rules! tuple_lt {
    ($(($($name:ident $idx:tt),+)),*) => { $(
        impl<$($name: PyLt),+> PyLt for ($($name,)+) {
            #[inline]
            fn py_lt(&self, other: &Self) -> bool {
                // tuplerichcompare: the first position not `==`, then `<` there
                $(if !self.$idx.py_eq_value(&other.$idx) {
                    return self.$idx.py_lt(&other.$idx);
                })+
                false
            }
            fn py_eq_value(&self, other: &Self) -> bool {
                true $(&& self.$idx.py_eq_value(&other.$idx))+
            }
            fn has_nan(&self) -> bool {
                false $(|| self.$idx.has_nan())+
            }
            fn needs_identity(&self) -> bool {
                self.has_nan()
            }
        }
    )* };
}
tuple_lt!((A 0), (A 0, B 1), (A 0, B 1, C 2), (A 0, B 1, C 2, D 3), (A 0, B 1, C 2, D 3, E 4));

#[inline]
fn identity_check<T: PyLt>(item: &T) -> R<()> {
    if item.needs_identity() {
        return deopt();
    }
    Ok(())
}

/// Swap two different items (`<[T]>::swap` allows equal indexes, so it copies through
/// memmove; the sift loops never swap an item with itself).
#[inline(always)]
fn swap_distinct<T>(v: &mut [T], a: usize, b: usize) {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    let (left, right) = v.split_at_mut(hi);
    std::mem::swap(&mut left[lo], &mut right[0]);
}

/// `siftdown(heap, startpos, pos)`: move `heap[pos]` up while it is `<` its parent.
fn siftdown<T: PyLt>(heap: &mut [T], startpos: usize, mut pos: usize) {
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        if !heap[pos].py_lt(&heap[parentpos]) {
            break;
        }
        swap_distinct(heap, parentpos, pos);
        pos = parentpos;
    }
}

/// `siftup(heap, pos)`: move the smaller child up to a leaf, then sift the item down.
fn siftup<T: PyLt>(heap: &mut [T], mut pos: usize) {
    let endpos = heap.len();
    let startpos = pos;
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos && !heap[childpos].py_lt(&heap[childpos + 1]) {
            childpos += 1;
        }
        swap_distinct(heap, childpos, pos);
        pos = childpos;
    }
    siftdown(heap, startpos, pos);
}

/// `heapq.heappush(heap, item)`.
pub fn heap_push<T: PyLt>(heap: &mut Vec<T>, item: T) -> R<()> {
    identity_check(&item)?;
    heap.push(item);
    let last = heap.len() - 1;
    siftdown(heap, 0, last);
    Ok(())
}

/// `heapq.heappop(heap)`: IndexError "index out of range" when empty.
pub fn heap_pop<T: PyLt>(heap: &mut Vec<T>) -> R<T> {
    let Some(last) = heap.pop() else {
        return raise(ExcKind::IndexError, "index out of range");
    };
    if heap.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    siftup(heap, 0);
    Ok(top)
}

/// `heapq.heapreplace(heap, item)`: pop then push (IndexError when empty).
pub fn heap_replace<T: PyLt>(heap: &mut Vec<T>, item: T) -> R<T> {
    if heap.is_empty() {
        return raise(ExcKind::IndexError, "index out of range");
    }
    identity_check(&item)?;
    let top = std::mem::replace(&mut heap[0], item);
    siftup(heap, 0);
    Ok(top)
}

/// `heapq.heappushpop(heap, item)`: the item itself unless the top is `<` it.
pub fn heap_pushpop<T: PyLt>(heap: &mut Vec<T>, item: T) -> R<T> {
    identity_check(&item)?;
    if heap.is_empty() || !heap[0].py_lt(&item) {
        return Ok(item);
    }
    let top = std::mem::replace(&mut heap[0], item);
    siftup(heap, 0);
    Ok(top)
}

fn keep_top_bit(mut n: usize) -> usize {
    let mut i = 0;
    while n > 1 {
        n >>= 1;
        i += 1;
    }
    n << i
}

/// `heapq.heapify(heap)`: bottom-up, the cache-friendly order above 2,500 items (the same
/// comparisons either way, as CPython's comment says, but ported as written).
pub fn heap_heapify<T: PyLt>(heap: &mut Vec<T>) -> R<()> {
    for item in heap.iter() {
        identity_check(item)?;
    }
    let n = heap.len();
    if n > 2500 {
        let m = n >> 1;
        let leftmost = keep_top_bit(m + 1) - 1;
        let mhalf = m >> 1;
        for range in [(mhalf, leftmost), (leftmost, m)] {
            for i in (range.0..range.1).rev() {
                let mut j = i;
                loop {
                    siftup(heap, j);
                    if j & 1 == 0 {
                        break;
                    }
                    j >>= 1;
                }
            }
        }
        return Ok(());
    }
    for i in (0..n >> 1).rev() {
        siftup(heap, i);
    }
    Ok(())
}

/// The `lo`/`hi` of a bisection: ValueError for a negative `lo`; `hi` None (or -1, as
/// CPython's clinic default) is `len(a)`.
fn bisect_bounds(len: usize, lo: i64, hi: Option<i64>) -> R<(i64, i64)> {
    if lo < 0 {
        return raise(ExcKind::ValueError, "lo must be non-negative");
    }
    let hi = match hi {
        None | Some(-1) => len as i64,
        Some(h) => h,
    };
    Ok((lo, hi))
}

fn probe<T: PyLt>(a: &[T], mid: i64) -> R<&T> {
    let item = a.get(mid as usize).map_or_else(|| raise(ExcKind::IndexError, "list index out of range"), Ok)?;
    identity_check(item)?;
    Ok(item)
}

/// `bisect.bisect_right(a, x, lo, hi)` (internal_bisect_right): `x < a[mid]`.
pub fn bisect_right<T: PyLt>(a: &[T], x: &T, lo: i64, hi: Option<i64>) -> R<i64> {
    bisection(a, x, lo, hi, false)
}

/// `bisect.bisect_left(a, x, lo, hi)` (internal_bisect_left): `a[mid] < x`.
pub fn bisect_left<T: PyLt>(a: &[T], x: &T, lo: i64, hi: Option<i64>) -> R<i64> {
    bisection(a, x, lo, hi, true)
}

fn bisection<T: PyLt>(a: &[T], x: &T, lo: i64, hi: Option<i64>, left: bool) -> R<i64> {
    identity_check(x)?;
    let (mut lo, mut hi) = bisect_bounds(a.len(), lo, hi)?;
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let item = probe(a, mid)?;
        // left: the first place where a[mid] < x fails; right: the first where x < a[mid]
        let go_right = if left { item.py_lt(x) } else { !x.py_lt(item) };
        if go_right {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// `bisect.insort_right/insort_left(a, x, lo, hi)`: the bisection, then `a.insert(i, x)`.
pub fn insort<T: PyLt>(a: &mut Vec<T>, x: T, lo: i64, hi: Option<i64>, left: bool) -> R<()> {
    let i = if left { bisect_left(a, &x, lo, hi)? } else { bisect_right(a, &x, lo, hi)? };
    list_insert(a, i, x);
    Ok(())
}

/// `heapq.nlargest(n, ...)` / `nsmallest` given the items already in their sorted order:
/// the first `n` (none when `n <= 0`).
pub fn heap_take<T>(mut sorted: Vec<T>, n: i64) -> Vec<T> {
    sorted.truncate(n.max(0) as usize);
    sorted
}

/// `heapq.nlargest(n, items, key=...)` (`largest`) / `nsmallest` given the keys: the n best
/// by (key, arrival) as Lib/heapq.py keeps them, in its final order, which for totally
/// ordered keys is `sorted(items, key=..., reverse=largest)[:n]`; selected in linear time,
/// then only those sorted. A NaN key deopts (as in sorted()).
pub fn best_by_keys<T, K: SortKey>(items: Vec<T>, keys: Vec<K>, n: i64, largest: bool) -> R<Vec<T>> {
    if keys.iter().any(|k| k.unorderable()) {
        return deopt();
    }
    if n <= 0 {
        return Ok(Vec::new());
    }
    let order = |a: &usize, b: &usize| {
        let by_key = keys[*a].partial_cmp(&keys[*b]).unwrap_or(Ordering::Equal);
        (if largest { by_key.reverse() } else { by_key }).then(a.cmp(b))
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let n = n as usize;
    if n < idx.len() {
        idx.select_nth_unstable_by(n - 1, order);
        idx.truncate(n);
    }
    idx.sort_by(order);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    Ok(idx.into_iter().filter_map(|i| slots[i].take()).collect())
}
