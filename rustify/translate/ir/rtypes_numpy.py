"""numpy types of the translator: arrays and the numpy scalars read from them.

An element read from a float64 array is a `numpy.float64` in Python, and its
arithmetic with Python numbers gives `numpy.float64` results (a float subclass, but
another type, with other rules: division by zero warns and gives inf/nan). A
variable that holds a Python float on one path and a numpy.float64 on another
(`total = 0.0` then `total += a[i]`) is `float | numpy.float64`, decided per value
at run time. Both are `rt::Fx` in Rust (a float and a flag "is numpy"), converted
to the exact Python type at the boundary. Comparisons of numpy scalars give
`numpy.bool` values, translated only where they are used as conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, final

from rustify.translate.ir.rtypes import FloatT, IntT, RType


class NumpyType(RType):
    """numpy arrays and scalars: they join each other (and Python numbers) by numpy's rules."""

    numpy: ClassVar[bool] = True

    def join_numpy(self, other: RType) -> RType | None:
        return join_numpy(self, other)


#: dtype name -> Rust element type
DTYPES = {"float64": "f64", "float32": "f32", "int64": "i64", "int32": "i32", "bool": "bool"}


@final
@dataclass(frozen=True)
class NdArrayT(NumpyType):
    """A numpy.ndarray of `dtype` and `ndim` (1 or 2). `owned`: created by the function
    (np.zeros, ...), writable and returnable; else an argument, read in place (rt::Arr
    borrows the caller's buffer) and never written or returned."""

    changeable: ClassVar[bool] = True

    dtype: str
    ndim: int
    owned: bool = False

    def __str__(self) -> str:
        return f"numpy.ndarray[{self.dtype}, {self.ndim}]"


@final
@dataclass(frozen=True)
class NpFloat64T(NumpyType):
    """Always a numpy.float64."""

    def __str__(self) -> str:
        return "numpy.float64"


@final
@dataclass(frozen=True)
class FxT(NumpyType):
    """A Python float or a numpy.float64, decided per value."""

    def __str__(self) -> str:
        return "float | numpy.float64"


@final
@dataclass(frozen=True)
class NpBoolT(NumpyType):
    """The numpy.bool (or bool) of comparing numpy scalars: only used as a condition."""

    def __str__(self) -> str:
        return "numpy.bool"


@final
@dataclass(frozen=True)
class NpInt64T(NumpyType):
    """Always a numpy.int64 (an item of an int64 array)."""

    def __str__(self) -> str:
        return "numpy.int64"


@final
@dataclass(frozen=True)
class IxT(NumpyType):
    """A Python int or a numpy.int64, decided per value."""

    def __str__(self) -> str:
        return "int | numpy.int64"


NP_I64 = NpInt64T()
IX = IxT()
NP_F64 = NpFloat64T()
FX = FxT()
NP_BOOL = NpBoolT()


def is_np_scalar(t: RType) -> bool:
    return isinstance(t, (NpFloat64T, FxT, NpInt64T, IxT))


def is_np_int(t: RType) -> bool:
    return isinstance(t, (NpInt64T, IxT))


def join_numpy(a: RType, b: RType) -> RType | None:
    """float and numpy.float64 mix into `float | numpy.float64`; arrays only join
    arrays of the same dtype, ndim and ownership."""
    floats = (FloatT, NpFloat64T, FxT)
    if isinstance(a, floats) and isinstance(b, floats):
        return FX
    ints = (IntT, NpInt64T, IxT)
    if isinstance(a, ints) and isinstance(b, ints):
        return IX
    return None

