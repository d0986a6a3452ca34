/* The C floor: the numeric kernels of examples/, written by hand against CPython's C API.
 *
 * Each function computes what CPython computes for the Python function of the same name,
 * bit for bit: the same floating-point operations in the same order (compiled with
 * -O2 -ffp-contract=off, so no reassociation and no fused multiply-add), CPython's own
 * algorithms where the Python code calls a builtin (sum, min, max, `**`, math.sqrt;
 * sorted gives list.sort's order). What it saves is everything else: a list the kernel
 * reads once is read in place (PyList_GET_ITEM, an exact-type check, PyFloat_AS_DOUBLE),
 * a list it reads again is copied once into a C array of doubles the same way (`unbox`:
 * a matrix product reads each item n times), numbers stay C doubles, results are built
 * with PyList_New and PyFloat_FromDouble. That is about the limit a translation of the
 * same function can reach while returning the same objects, which is why `make bench`
 * reports rustify's distance to it.
 *
 * They take what the examples pass (exact lists of floats; ints where the Python
 * code divides them by a float) and raise TypeError on anything else.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <math.h>

#define EPS 1e-12 /* scaling.py's EPS */

/* ---- reading arguments ---- */

/* 0 when `obj` is an exact list of at least `upto` items, else -1 with TypeError or
   IndexError (the kernel would read past its end). */
static int
check_list(PyObject *obj, Py_ssize_t upto)
{
    if (!PyList_CheckExact(obj)) {
        PyErr_Format(PyExc_TypeError, "expected a list, got %.100s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    if (PyList_GET_SIZE(obj) < upto) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    return 0;
}

/* Item i (in range) of a list as a double, its exact type checked at the read. */
static inline int
read_float(PyObject *list, Py_ssize_t i, double *out)
{
    PyObject *item = PyList_GET_ITEM(list, i);
    if (__builtin_expect(!PyFloat_CheckExact(item), 0)) {
        PyErr_Format(PyExc_TypeError, "item %zd is %.100s, not float", i, Py_TYPE(item)->tp_name);
        return -1;
    }
    *out = PyFloat_AS_DOUBLE(item);
    return 0;
}

/* list[0:n] copied into `out` (n doubles), each item checked as it is read. */
static int
unbox_into(PyObject *list, Py_ssize_t n, double *out)
{
    if (check_list(list, n) < 0)
        return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (read_float(list, i, &out[i]) < 0)
            return -1;
    }
    return 0;
}

/* A new C array of n doubles (PyMem_Free it), or NULL with MemoryError. */
static double *
doubles(Py_ssize_t n)
{
    double *out = PyMem_Malloc((n > 0 ? n : 1) * sizeof(double));
    if (out == NULL)
        PyErr_NoMemory();
    return out;
}

/* list[0:n] as a new C array (PyMem_Free it), for a kernel that reads items again. */
static double *
unbox(PyObject *list, Py_ssize_t n)
{
    double *out = doubles(n);
    if (out == NULL)
        return NULL;
    if (unbox_into(list, n, out) < 0) {
        PyMem_Free(out);
        return NULL;
    }
    return out;
}

/* The whole list as a new C array, its length in *n. */
static double *
unbox_all(PyObject *list, Py_ssize_t *n)
{
    if (check_list(list, 0) < 0)
        return NULL;
    *n = PyList_GET_SIZE(list);
    return unbox(list, *n);
}

/* An exact int argument as a Py_ssize_t (-1 with an error set when it is not one). */
static int
as_ssize(PyObject *obj, Py_ssize_t *out)
{
    if (!PyLong_CheckExact(obj)) {
        PyErr_Format(PyExc_TypeError, "expected an int, got %.100s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    *out = PyLong_AsSsize_t(obj);
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* An exact float, or an exact int as float_div/float_pow convert one (PyLong_AsDouble). */
static inline int
number_as_double(PyObject *obj, double *out)
{
    if (PyFloat_CheckExact(obj)) {
        *out = PyFloat_AS_DOUBLE(obj);
        return 0;
    }
    if (PyLong_CheckExact(obj)) { /* a one-digit int read in place, as PyLong_AsDouble reads it */
#if PY_VERSION_HEX >= 0x030C0000
        if (PyUnstable_Long_IsCompact((PyLongObject *)obj)) {
            *out = (double)PyUnstable_Long_CompactValue((PyLongObject *)obj);
            return 0;
        }
#else
        Py_ssize_t size = Py_SIZE(obj);
        if (size >= -1 && size <= 1) {
            *out = size == 0 ? 0.0 : (double)(size * (Py_ssize_t)((PyLongObject *)obj)->ob_digit[0]);
            return 0;
        }
#endif
        *out = PyLong_AsDouble(obj);
        return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
    }
    PyErr_Format(PyExc_TypeError, "expected a float, got %.100s", Py_TYPE(obj)->tp_name);
    return -1;
}

/* The kernel's one argument, a list of floats, unboxed into a new C array x[0:n]. */
#define UNBOX_THE_ARGUMENT(x, n)                                                   \
    EXPECT_ARGS(1);                                                                \
    Py_ssize_t n;                                                                  \
    double *x = unbox_all(args[0], &n);                                            \
    if (x == NULL)                                                                 \
        return NULL

#define EXPECT_ARGS(count)                                                         \
    if (nargs != (count)) {                                                        \
        PyErr_Format(PyExc_TypeError, "expected %d arguments, got %zd", (count), nargs); \
        return NULL;                                                               \
    }

/* ---- building results ---- */

/* Store a new float at `i` of a list made by PyList_New; -1 when it cannot be made. */
static inline int
put(PyObject *list, Py_ssize_t i, double x)
{
    PyObject *f = PyFloat_FromDouble(x);
    if (f == NULL)
        return -1;
    PyList_SET_ITEM(list, i, f);
    return 0;
}

/* A new list for a result of len(list) - fewer items (at least 0); *n is len(list). */
static PyObject *
result_for(PyObject *list, Py_ssize_t fewer, Py_ssize_t *n)
{
    if (check_list(list, 0) < 0)
        return NULL;
    *n = PyList_GET_SIZE(list);
    return PyList_New(*n > fewer ? *n - fewer : 0);
}

static PyObject *
drop(PyObject *list)
{
    Py_DECREF(list);
    return NULL;
}

/* `[0.0] * n`: one float object, n references to it. */
static PyObject *
zeros(Py_ssize_t n)
{
    PyObject *out = PyList_New(n < 0 ? 0 : n);
    if (out == NULL)
        return NULL;
    PyObject *zero = PyFloat_FromDouble(0.0);
    if (zero == NULL)
        return drop(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_INCREF(zero);
        PyList_SET_ITEM(out, i, zero);
    }
    Py_DECREF(zero);
    return out;
}

/* ---- CPython's arithmetic where it is more than one C operator ---- */

static PyObject *
float_division_by_zero(void)
{
    PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
    return NULL;
}

/* `iv ** iw` for floats: float_pow of Objects/floatobject.c (3.11), its special cases in
   its order, then libm pow. -1 with CPython's exception, or ValueError where CPython
   would return a complex number. Always inlined: with a constant exponent (`** 2`) the
   tests on it fold away (else a negative base costs an fmod call to test 2.0 for oddness). */
static inline __attribute__((always_inline)) int
py_pow(double iv, double iw, double *out)
{
#define ODD(x) (fmod(fabs(x), 2.0) == 1.0)
    if (iw == 0.0) { *out = 1.0; return 0; }
    if (isnan(iv)) { *out = iv; return 0; }
    if (isnan(iw)) { *out = iv == 1.0 ? 1.0 : iw; return 0; }
    if (isinf(iw)) {
        double av = fabs(iv);
        *out = av == 1.0 ? 1.0 : ((iw > 0.0) == (av > 1.0)) ? fabs(iw) : 0.0;
        return 0;
    }
    if (isinf(iv)) {
        int odd = ODD(iw);
        *out = iw > 0.0 ? (odd ? iv : fabs(iv)) : (odd ? copysign(0.0, iv) : 0.0);
        return 0;
    }
    if (iv == 0.0) {
        if (iw < 0.0) {
            PyErr_SetString(PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return -1;
        }
        *out = ODD(iw) ? iv : 0.0;
        return 0;
    }
    int negate = 0;
    if (iv < 0.0) {
        if (iw != floor(iw)) {
            PyErr_SetString(PyExc_ValueError, "C floor: a complex result");
            return -1;
        }
        iv = -iv;
        negate = ODD(iw);
    }
    if (iv == 1.0) { *out = negate ? -1.0 : 1.0; return 0; }
#undef ODD
    /* through a volatile, so gcc calls pow as CPython does instead of folding pow(x, 2.0)
       into x * x, which may differ from glibc's pow in the last bit */
    volatile double exponent = iw;
    double ix = pow(iv, exponent);
    /* CPython then reads errno (_Py_ADJUST_ERANGE1). glibc's pow sets ERANGE only with a
       zero result (which CPython clears) or an infinite one, and nothing else here can
       fail, so that check is: an infinite result is an OverflowError. Reading errno
       instead costs two calls of __errno_location per pow, ~10% of euclidean. */
    if (isinf(ix)) {
        errno = ERANGE;
        PyErr_SetFromErrno(PyExc_OverflowError);
        return -1;
    }
    *out = negate ? -ix : ix;
    return 0;
}

/* math.sqrt (mathmodule.c math_1): ValueError where sqrt makes a NaN of a number. */
static int
py_sqrt(double x, double *out)
{
    double r = sqrt(x);
    if (isnan(r) && !isnan(x)) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return -1;
    }
    *out = r;
    return 0;
}

/* sum() of a list of floats xs[lo:hi] (hi > lo), as builtin_sum_impl adds them: the
   start 0 is an int, so the first item is added to 0 as a float, then the rest in a
   C double (3.11), or with Neumaier's compensation (3.12 and later). */
static double
py_sum(const double *xs, Py_ssize_t lo, Py_ssize_t hi)
{
    double total = 0.0 + xs[lo];
#if PY_VERSION_HEX >= 0x030C0000
    double c = 0.0;
    for (Py_ssize_t i = lo + 1; i < hi; i++) {
        double x = xs[i];
        double t = total + x;
        if (fabs(total) >= fabs(x))
            c += (total - t) + x;
        else
            c += (x - t) + total;
        total = t;
    }
    if (c && isfinite(c))
        total += c;
#else
    for (Py_ssize_t i = lo + 1; i < hi; i++)
        total += xs[i];
#endif
    return total;
}

/* ---- matrix_ops.py ---- */

/* z = x @ y for row-major C arrays (n x p times p x m), each sum from 0.0 in k's order. */
static void
product(const double *x, const double *y, double *z, Py_ssize_t n, Py_ssize_t p, Py_ssize_t m)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        for (Py_ssize_t j = 0; j < m; j++) {
            double total = 0.0;
            for (Py_ssize_t k = 0; k < p; k++)
                total += x[i * p + k] * y[k * m + j];
            z[i * m + j] = total;
        }
    }
}

/* New floats of zs[0:count] stored at list[0:count] (a list from PyList_New(count)). */
static int
box_into(PyObject *list, const double *zs, Py_ssize_t count)
{
    for (Py_ssize_t i = 0; i < count; i++) {
        if (put(list, i, zs[i]) < 0)
            return -1;
    }
    return 0;
}

static PyObject *
k_matmul(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(3);
    Py_ssize_t n;
    if (as_ssize(args[2], &n) < 0)
        return NULL;
    if (n <= 0)
        return zeros(n * n);
    double *x = unbox(args[0], n * n), *y = x ? unbox(args[1], n * n) : NULL;
    double *z = y ? doubles(n * n) : NULL;
    PyObject *c = z ? PyList_New(n * n) : NULL;
    if (c != NULL) {
        product(x, y, z, n, n, n);
        if (box_into(c, z, n * n) < 0)
            Py_CLEAR(c);
    }
    PyMem_Free(x);
    PyMem_Free(y);
    PyMem_Free(z);
    return c;
}

/* rows[0:count], each an exact list of at least `width` floats, as one row-major C array. */
static double *
unbox_rows(PyObject *rows, Py_ssize_t count, Py_ssize_t width)
{
    double *out = doubles(count * width);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t r = 0; r < count; r++) {
        if (unbox_into(PyList_GET_ITEM(rows, r), width, out + r * width) < 0) {
            PyMem_Free(out);
            return NULL;
        }
    }
    return out;
}

static PyObject *
k_matmul_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    PyObject *a = args[0], *b = args[1];
    if (check_list(a, 0) < 0 || check_list(b, 1) < 0 || check_list(PyList_GET_ITEM(b, 0), 0) < 0)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(a), p = PyList_GET_SIZE(b), m = PyList_GET_SIZE(PyList_GET_ITEM(b, 0));
    double *x = unbox_rows(a, n, p), *y = x ? unbox_rows(b, p, m) : NULL;
    double *z = y ? doubles(n * m) : NULL;
    PyObject *c = z ? PyList_New(n) : NULL;
    if (c != NULL) {
        product(x, y, z, n, p, m);
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *row = PyList_New(m);
            if (row == NULL) {
                Py_CLEAR(c);
                break;
            }
            PyList_SET_ITEM(c, i, row);
            if (box_into(row, z + i * m, m) < 0) {
                Py_CLEAR(c);
                break;
            }
        }
    }
    PyMem_Free(x);
    PyMem_Free(y);
    PyMem_Free(z);
    return c;
}

static PyObject *
k_dot_product(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    PyObject *a = args[0], *b = args[1];
    if (check_list(a, 0) < 0)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(a);
    if (check_list(b, n) < 0)
        return NULL;
    double total = 0.0, x, y;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (read_float(a, i, &x) < 0 || read_float(b, i, &y) < 0)
            return NULL;
        total += x * y;
    }
    return PyFloat_FromDouble(total);
}

/* ---- signal_ops.py ---- */

/* Shared by convolve1d (kernel flipped) and cross_correlate: out[i] = sum_j a[i+j] * b[j'] */
static PyObject *
sliding_products(PyObject *a, PyObject *b, int flip)
{
    Py_ssize_t n, k;
    double *x = unbox_all(a, &n), *w = x ? unbox_all(b, &k) : NULL;
    Py_ssize_t count = w && n - k + 1 > 0 ? n - k + 1 : 0;
    PyObject *out = w ? PyList_New(count) : NULL;
    for (Py_ssize_t i = 0; out != NULL && i < count; i++) {
        double total = 0.0;
        for (Py_ssize_t j = 0; j < k; j++)
            total += x[i + j] * w[flip ? k - 1 - j : j];
        if (put(out, i, total) < 0)
            Py_CLEAR(out);
    }
    PyMem_Free(x);
    PyMem_Free(w);
    return out;
}

static PyObject *
k_convolve1d(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    return sliding_products(args[0], args[1], 1);
}

static PyObject *
k_cross_correlate(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    return sliding_products(args[0], args[1], 0);
}

/* moving_average's item i: sum(values[start:i + 1]) / (i + 1 - start) */
static int
window_mean(const double *x, Py_ssize_t i, Py_ssize_t window, double *out)
{
    Py_ssize_t start = i - window + 1 > 0 ? i - window + 1 : 0;
    Py_ssize_t count = i + 1 - start;
    if (start <= i) {
        *out = py_sum(x, start, i + 1) / (double)count;
        return 0;
    }
    if (count == 0) { /* window < 1: sum([]) is the int 0, so `/` is an int division */
        PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
        return -1;
    }
    *out = 0.0 / (double)count;
    return 0;
}

static PyObject *
k_moving_average(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    Py_ssize_t n, window;
    if (as_ssize(args[1], &window) < 0)
        return NULL;
    double *x = unbox_all(args[0], &n);
    PyObject *out = x ? PyList_New(n) : NULL;
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        double mean;
        if (window_mean(x, i, window, &mean) < 0 || put(out, i, mean) < 0)
            Py_CLEAR(out);
    }
    PyMem_Free(x);
    return out;
}

static PyObject *
k_diff(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(1);
    Py_ssize_t n;
    PyObject *values = args[0], *out = result_for(values, 1, &n);
    double prev, x;
    if (out == NULL || (n > 1 && read_float(values, 0, &prev) < 0))
        return out ? drop(out) : NULL;
    for (Py_ssize_t i = 1; i < n; i++, prev = x) {
        if (read_float(values, i, &x) < 0 || put(out, i - 1, x - prev) < 0)
            return drop(out);
    }
    return out;
}

static PyObject *
k_cumsum(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(1);
    Py_ssize_t n;
    PyObject *values = args[0], *out = result_for(values, 0, &n);
    if (out == NULL)
        return NULL;
    double total = 0.0, x;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (read_float(values, i, &x) < 0)
            return drop(out);
        total += x;
        if (put(out, i, total) < 0)
            return drop(out);
    }
    return out;
}

/* ---- scaling.py ---- */

/* `[0.0] * n` when `degenerate`, else `[(v - shift) / scale for v in values]` over the
   values unboxed in x[0:n]; frees x. */
static PyObject *
scaled(double *x, Py_ssize_t n, double shift, double scale, int degenerate)
{
    if (degenerate) {
        PyMem_Free(x);
        return zeros(n);
    }
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        if (put(out, i, (x[i] - shift) / scale) < 0)
            Py_CLEAR(out);
    }
    PyMem_Free(x);
    return out;
}

/* A kernel's early result (an error, or `[0.0] * n`): frees x. */
static PyObject *
leave(double *x, PyObject *result)
{
    PyMem_Free(x);
    return result;
}

static PyObject *
k_standard_scale(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    UNBOX_THE_ARGUMENT(x, n);
    if (n == 0) { /* sum([]) / 0 is an int division */
        PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
        return leave(x, NULL);
    }
    double mean = py_sum(x, 0, n) / (double)n;
    double var = 0.0, sq, std;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (py_pow(x[i] - mean, 2.0, &sq) < 0)
            return leave(x, NULL);
        var += sq;
    }
    if (py_sqrt(var / (double)n, &std) < 0)
        return leave(x, NULL);
    return scaled(x, n, mean, std, std < EPS);
}

static PyObject *
k_min_max_scale(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    UNBOX_THE_ARGUMENT(x, n);
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "min() arg is an empty sequence");
        return leave(x, NULL);
    }
    double lo = x[0], hi = x[0];
    for (Py_ssize_t i = 1; i < n; i++) { /* min(): an item replaces the best when item < best */
        if (x[i] < lo)
            lo = x[i];
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        if (x[i] > hi)
            hi = x[i];
    }
    double span = hi - lo;
    return scaled(x, n, lo, span, span < EPS);
}

/* Sort xs[0:n] by `<` keeping equal items in order (a merge sort through tmp): the order
   CPython's list.sort gives floats without a NaN (-0.0 and 0.0 are equal, so which comes
   first is their order in the list). */
static void
stable_sort(double *xs, double *tmp, Py_ssize_t n)
{
    if (n < 2)
        return;
    Py_ssize_t half = n / 2;
    stable_sort(xs, tmp, half);
    stable_sort(xs + half, tmp, n - half);
    memcpy(tmp, xs, half * sizeof(double));
    Py_ssize_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        xs[k++] = xs[j] < tmp[i] ? xs[j++] : tmp[i++];
    while (i < half)
        xs[k++] = tmp[i++];
}

/* sorted(values) of n floats unboxed in x, as a new C array (PyMem_Free it). With a NaN the
   order depends on the comparisons timsort makes, so then CPython's own sort orders the
   float objects. */
static double *
sorted_floats(PyObject *values, const double *x, Py_ssize_t n)
{
    double *out = doubles(2 * n);
    if (out == NULL)
        return NULL;
    int nan = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        nan |= isnan(x[i]);
    if (!nan) {
        memcpy(out, x, n * sizeof(double));
        stable_sort(out, out + n, n);
        return out;
    }
    PyObject *ordered = PyList_GetSlice(values, 0, n);
    if (ordered == NULL || PyList_Sort(ordered) < 0 || unbox_into(ordered, n, out) < 0) {
        Py_XDECREF(ordered);
        PyMem_Free(out);
        return NULL;
    }
    Py_DECREF(ordered);
    return out;
}

/* scaling.quantile on n >= 1 sorted floats */
static double
quantile(const double *sorted_values, Py_ssize_t n, double q)
{
    double pos = (double)(n - 1) * q;
    Py_ssize_t lower = (Py_ssize_t)pos;
    Py_ssize_t upper = lower + 1 < n - 1 ? lower + 1 : n - 1;
    double frac = pos - (double)lower;
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * frac;
}

static PyObject *
k_robust_scale(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(1);
    Py_ssize_t n;
    double *x = unbox_all(args[0], &n); /* checks every item before the sort compares them */
    if (x == NULL)
        return NULL;
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return leave(x, NULL);
    }
    double *ordered = sorted_floats(args[0], x, n);
    if (ordered == NULL)
        return leave(x, NULL);
    double median = n % 2 == 1 ? ordered[n / 2] : (ordered[n / 2 - 1] + ordered[n / 2]) / 2.0;
    double iqr = quantile(ordered, n, 0.75) - quantile(ordered, n, 0.25);
    PyMem_Free(ordered);
    return scaled(x, n, median, iqr, iqr < EPS);
}

static PyObject *
k_l2_normalize(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    UNBOX_THE_ARGUMENT(x, n);
    double norm = 0.0;
    for (Py_ssize_t i = 0; i < n; i++)
        norm += x[i] * x[i];
    if (py_sqrt(norm, &norm) < 0)
        return leave(x, NULL);
    if (norm < EPS) /* list(values): a new list of the same float objects */
        return leave(x, PyList_GetSlice(args[0], 0, n));
    return scaled(x, n, 0.0, norm, 0);
}

/* ---- data_pipeline.py ---- */

static PyObject *
k_running_mean(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    Py_ssize_t n, window;
    if (as_ssize(args[1], &window) < 0)
        return NULL;
    double *x = unbox_all(args[0], &n);
    if (x == NULL)
        return NULL;
    Py_ssize_t count = n - window + 1 > 0 ? n - window + 1 : 0;
    if (count > 0 && window == 0)
        return leave(x, float_division_by_zero());
    PyObject *out = PyList_New(count);
    for (Py_ssize_t i = 0; out != NULL && i < count; i++) {
        double total = 0.0;
        for (Py_ssize_t j = i; j < i + window; j++)
            total += x[j];
        if (put(out, i, total / (double)window) < 0)
            Py_CLEAR(out);
    }
    return leave(x, out);
}

static PyObject *
k_zscore_normalize(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    UNBOX_THE_ARGUMENT(x, n);
    if (n == 0)
        return leave(x, float_division_by_zero());
    double mean = 0.0;
    for (Py_ssize_t i = 0; i < n; i++)
        mean += x[i];
    mean /= (double)n;
    double var = 0.0, std;
    for (Py_ssize_t i = 0; i < n; i++)
        var += (x[i] - mean) * (x[i] - mean);
    if (py_pow(var / (double)n, 0.5, &std) < 0)
        return leave(x, NULL);
    return scaled(x, n, mean, std, std == 0.0);
}

/* ---- image_preprocess.py ---- */

static PyObject *
k_normalize_pixels(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(1);
    Py_ssize_t n;
    PyObject *pixels = args[0], *out = result_for(pixels, 0, &n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) { /* an int pixel / 255.0 is float_div of its double */
        double p;
        if (number_as_double(PyList_GET_ITEM(pixels, i), &p) < 0 || put(out, i, p / 255.0) < 0)
            return drop(out);
    }
    return out;
}

static PyObject *
k_apply_gamma(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    if (!PyFloat_CheckExact(args[1])) { /* int ** int would be an int */
        PyErr_SetString(PyExc_TypeError, "expected a float gamma");
        return NULL;
    }
    double gamma = PyFloat_AS_DOUBLE(args[1]);
    Py_ssize_t n;
    PyObject *pixels = args[0], *out = result_for(pixels, 0, &n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        double p, r;
        if (number_as_double(PyList_GET_ITEM(pixels, i), &p) < 0 || py_pow(p, gamma, &r) < 0
            || put(out, i, r) < 0)
            return drop(out);
    }
    return out;
}

static PyObject *
k_channel_mean(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    PyObject *pixels = args[0];
    Py_ssize_t channels;
    if (check_list(pixels, 0) < 0 || as_ssize(args[1], &channels) < 0)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(pixels);
    if (channels == 0) { /* sums[i % 0], or with no pixels, len(pixels) // 0 */
        PyErr_SetString(PyExc_ZeroDivisionError,
                        n ? "integer modulo by zero" : "integer division or modulo by zero");
        return NULL;
    }
    if (channels < 0) { /* sums is [], so sums[i % channels] fails (and [] is the result) */
        if (n == 0)
            return PyList_New(0);
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    double *sums = PyMem_Calloc(channels, sizeof(double)), p;
    if (sums == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        if (read_float(pixels, i, &p) < 0)
            return leave(sums, NULL);
        sums[i % channels] += p;
    }
    Py_ssize_t count = n / channels;
    PyObject *out = count == 0 ? float_division_by_zero() : PyList_New(channels);
    for (Py_ssize_t c = 0; out != NULL && c < channels; c++) {
        if (put(out, c, sums[c] / (double)count) < 0)
            Py_CLEAR(out);
    }
    return leave(sums, out);
}

/* ---- euclidean.py ---- */

static PyObject *
k_euclidean(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    EXPECT_ARGS(2);
    PyObject *a = args[0], *b = args[1];
    if (check_list(a, 0) < 0 || check_list(b, 0) < 0)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(a) < PyList_GET_SIZE(b) ? PyList_GET_SIZE(a) : PyList_GET_SIZE(b);
    double total = 0.0, x, y, sq;
    for (Py_ssize_t i = 0; i < n; i++) { /* zip() stops at the shorter list */
        if (read_float(a, i, &x) < 0 || read_float(b, i, &y) < 0 || py_pow(x - y, 2.0, &sq) < 0)
            return NULL;
        total += sq;
    }
    if (py_pow(total, 0.5, &total) < 0)
        return NULL;
    return PyFloat_FromDouble(total);
}

#define KERNEL(name) {#name, (PyCFunction)(void (*)(void))k_##name, METH_FASTCALL, NULL}

static PyMethodDef kernels[] = {
    KERNEL(matmul), KERNEL(matmul_rows), KERNEL(dot_product),
    KERNEL(convolve1d), KERNEL(moving_average), KERNEL(cross_correlate), KERNEL(diff), KERNEL(cumsum),
    KERNEL(standard_scale), KERNEL(min_max_scale), KERNEL(robust_scale), KERNEL(l2_normalize),
    KERNEL(running_mean), KERNEL(zscore_normalize),
    KERNEL(normalize_pixels), KERNEL(apply_gamma), KERNEL(channel_mean),
    KERNEL(euclidean),
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cfloor",
    "Hand-written C-API versions of the examples' numeric kernels (scripts/cfloor/kernels.c).",
    -1, kernels,
};

PyMODINIT_FUNC
PyInit__cfloor(void)
{
    return PyModule_Create(&module);
}
