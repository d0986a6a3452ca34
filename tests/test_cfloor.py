"""The C floor (scripts/cfloor/) builds with gcc and returns exactly what CPython returns.

A floor that computes other bits would make rustify's distance to it meaningless, so each
kernel runs against its Python original from examples/ on random inputs, edge values
(-0.0, subnormals, infinities, NaN, overflowing squares) and degenerate sizes, and must
give the same value bit for bit or the same exception and message.
"""

from __future__ import annotations

import importlib.util
import math
import random
import shutil
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from cfloor import build, measure  # noqa: E402

if shutil.which("gcc") is None:
    pytest.skip("gcc not found: the C floor is built with gcc (installed on this machine and on CI)",
                allow_module_level=True)

EDGES = [0.0, -0.0, 1.0, -1.5, 5e-324, -2.2250738585072014e-308, 1e200, -1e300, math.inf, -math.inf,
         math.nan, 0.1, 1e-12]


@pytest.fixture(scope="module")
def floor(tmp_path_factory):
    return build.load(tmp_path_factory.mktemp("cfloor"))


@cache
def example(name: str):
    spec = importlib.util.spec_from_file_location(f"cfloor_example_{name}", ROOT / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def floats(rng: random.Random, n: int, edges: bool = False) -> list[float]:
    return [rng.choice(EDGES) if edges and rng.random() < 0.3 else rng.gauss(0.0, 3.0) * 10.0 ** rng.randint(-3, 3)
            for _ in range(n)]


def lists(rng: random.Random) -> list[list[float]]:
    """Sizes 0, 1, 2, odd and even, a constant list, and lists with edge values."""
    out = [floats(rng, n) for n in (0, 1, 2, 7, 8, 100)]
    out += [[2.5] * 5, [-0.0] * 3, [1.0, 1.0 + 1e-13]]
    # equal zeros keep their order in a sort, and the median's sign of zero shows which came first
    out += [[-1.0, 0.0, -0.0, 3.0, -0.0, 0.0, 5.0, -2.0], [-1.0, -0.0, 0.0, 3.0, 0.0, -0.0, 5.0, -2.0]]
    return out + [floats(rng, n, edges=True) for n in (1, 5, 9, 40) for _ in range(3)]


def cases(name: str, rng: random.Random) -> list[tuple]:
    one = [(xs,) for xs in lists(rng)]
    pairs = [(floats(rng, n, edges), floats(rng, m, edges)) for n, m in [(0, 0), (1, 1), (5, 3), (3, 5), (20, 20)]
             for edges in (False, True)]
    windows = [(xs, w) for xs in lists(rng)[:8] for w in (-2, 0, 1, 3, 20)]
    matrices = [(floats(rng, n * n), floats(rng, n * n), n) for n in (1, 2, 3, 6)] + [([], [], 0), ([], [], -2)]
    shapes = [(1, 1, 1), (2, 3, 4), (5, 5, 5), (0, 2, 3), (2, 3, 0), (2, 0, 3)]
    rows = [([floats(rng, p) for _ in range(n)], [floats(rng, m) for _ in range(p)]) for n, p, m in shapes]
    pixels = [[rng.randrange(256) for _ in range(12)], [2**60 + 1, 0, 255], [0.5, -0.0, 3.0], [],
              [-7, -1, 0, 1, 2**30 - 1, 2**30, -(2**30), 2**53 + 1]]
    table = {
        "matmul": matrices, "matmul_rows": rows, "dot_product": [(a, a[::-1]) for a, _ in pairs] + [
            (a[:len(b)], b) for a, b in pairs],
        "convolve1d": pairs, "cross_correlate": pairs, "moving_average": windows,
        "diff": one, "cumsum": one, "standard_scale": one, "min_max_scale": one, "robust_scale": one,
        "l2_normalize": one, "zscore_normalize": one, "running_mean": windows,
        "normalize_pixels": [(p,) for p in pixels],
        # a negative base only with integral exponents (a fractional one is complex in Python)
        "apply_gamma": [(p, g) for p in pixels[:4] for g in (2.2, 0.5, 2.0, 1.0)] + [
            (p, g) for p in (pixels[4], [-2.0, -0.0, 0.0, 3.0, 1e200]) for g in (2.0, 3.0, -1.0, -2.0)] + [
            ([0.0, 0.25], -0.5)],
        "channel_mean": [(floats(rng, n), c) for n in (0, 2, 6, 7) for c in (-1, 0, 1, 3, 4)],
        "euclidean": pairs + [([1e200, 1.0], [-1e200, 2.0])],
    }
    return table[name]


KERNELS = [name for names in measure.KERNELS.values() for name in names]


def original(name: str):
    return next(getattr(example(src), name) for src, names in measure.KERNELS.items() if name in names)


def test_every_kernel_is_checked(floor) -> None:
    assert sorted(n for n in dir(floor) if not n.startswith("_")) == sorted(KERNELS)


@pytest.mark.parametrize("name", KERNELS)
def test_kernel_equals_cpython(floor, name: str) -> None:
    rng = random.Random(name)
    kernel, python = getattr(floor, name), original(name)
    checked = 0
    for args in cases(name, rng):
        expected, got = measure.outcome(python, args), measure.outcome(kernel, args)
        assert measure.agree(expected, got), f"{name}{args!r}: CPython {expected!r}, C floor {got!r}"
        checked += expected[0] == "value"
    assert checked >= 3  # not only exceptions


def test_same_is_bitwise() -> None:
    assert measure.same([0.0, math.nan], [0.0, math.nan])
    assert not measure.same(0.0, -0.0)
    assert not measure.same(1, 1.0)
    assert not measure.same([1.0], (1.0,))


def test_build_is_cached(tmp_path) -> None:
    first = build.build(tmp_path)
    stamp = first.stat().st_mtime_ns
    assert build.build(tmp_path) == first and first.stat().st_mtime_ns == stamp


def test_missing_compiler_is_one_line(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("RUSTIFY_CFLOOR_CC", "no-such-cc-here")
    with pytest.raises(build.FloorUnavailable, match=r"^C floor: `no-such-cc-here` not found on PATH; .*--no-floor$"):
        build.build(tmp_path)


def test_missing_headers_is_one_line(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(build.sysconfig, "get_paths", lambda *args, **kwargs: {"include": str(tmp_path)})
    with pytest.raises(build.FloorUnavailable, match=r"^C floor: Python.h not found in .*-dev\) or pass --no-floor$"):
        build.build(tmp_path)
