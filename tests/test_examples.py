"""Checks for the example programs in examples/: each function on a tiny,
hand-computed input, and each program run as a script."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SCRIPTS = [
    "bpe_tokenizer.py",
    "click_sessions.py",
    "tours.py",
    "data_pipeline.py",
    "dijkstra.py",
    "log_report.py",
    "nbody.py",
    "particles.py",
    "euclidean.py",
    "image_preprocess.py",
    "matrix_ops.py",
    "numpy_variants.py",
    "nqueens.py",
    "scaling.py",
    "signal_ops.py",
    "tokenizer.py",
]


def _has_numpy() -> bool:
    return importlib.util.find_spec("numpy") is not None


@cache
def load(name: str) -> ModuleType:
    path = EXAMPLES / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"rustify_example_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_example_is_listed() -> None:
    on_disk = sorted(p.name for p in EXAMPLES.glob("*.py") if p.name != "__init__.py")
    assert on_disk == sorted(SCRIPTS)


# euclidean.py


def test_click_sessions() -> None:
    m = load("click_sessions")
    assert m.session_bounds([1, 2, 40, 41, 100], 30) == [0, 2, 4]
    assert m.pair_counts(["b", "a", "b", "c"], [0, 2]) == [("a", "b"), ("b", "c")]
    assert m.busiest_window([1, 2, 3, 50, 51], 10) == 3
    assert m.deltas_summary([1, 50, 51]) == (1, 49)
    by_user = m.parse(["user,action,ts", "u1,view,3", "u2,buy,5", "bad", "u1,cart,9"])
    assert type(by_user).__name__ == "defaultdict" and dict(by_user) == {"u1": [(3, "view"), (9, "cart")],
                                                                          "u2": [(5, "buy")]}


def test_tours() -> None:
    m = load("tours")
    xs, ys = [0.0, 3.0, 3.0], [0.0, 0.0, 4.0]
    assert m.close_pairs(xs, ys, 4.5) == 2
    assert m.tour_length([0, 1, 2, 0], xs, ys) == 12.0
    assert m.running_best([3.0, 1.0, 2.0]) == [3.0, 1.0, 1.0]
    assert m.nearest_tour(xs, ys) == [0, 1, 2]


def test_euclidean() -> None:
    m = load("euclidean")
    assert m.euclidean([0.0, 3.0], [4.0, 0.0]) == 5.0
    assert m.euclidean([1.5, -2.0], [1.5, -2.0]) == 0.0
    assert m.euclidean([], []) == 0.0


# matrix_ops.py


def test_matmul_2x2() -> None:
    m = load("matrix_ops")
    a = [1.0, 2.0, 3.0, 4.0]
    b = [5.0, 6.0, 7.0, 8.0]
    assert m.matmul(a, b, 2) == [19.0, 22.0, 43.0, 50.0]


def test_matmul_identity() -> None:
    m = load("matrix_ops")
    eye = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    a = [float(i) for i in range(9)]
    assert m.matmul(a, eye, 3) == a
    assert m.matmul(eye, a, 3) == a


def test_matmul_rows() -> None:
    m = load("matrix_ops")
    assert m.matmul_rows([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]) == [[19.0, 22.0], [43.0, 50.0]]
    assert m.matmul_rows([[1.0, 2.0, 3.0]], [[1.0], [0.0], [2.0]]) == [[7.0]]
    assert m.matmul_rows([], [[1.0]]) == []


def test_dot_product() -> None:
    m = load("matrix_ops")
    assert m.dot_product([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]) == 32.0
    assert m.dot_product([], []) == 0.0


# image_preprocess.py


def test_normalize_pixels() -> None:
    m = load("image_preprocess")
    assert m.normalize_pixels([0, 255, 51]) == [0.0, 1.0, 0.2]


def test_apply_gamma() -> None:
    m = load("image_preprocess")
    assert m.apply_gamma([0.0, 0.25, 1.0], 0.5) == [0.0, 0.5, 1.0]
    assert m.apply_gamma([0.5], 2.0) == [0.25]


def test_channel_mean() -> None:
    m = load("image_preprocess")
    pixels = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert m.channel_mean(pixels, 3) == [2.5, 3.5, 4.5]
    assert m.channel_mean(pixels, 2) == [3.0, 4.0]


# data_pipeline.py


def test_parse_csv_row() -> None:
    m = load("data_pipeline")
    assert m.parse_csv_row("1.5, 2,-3e2\n") == [1.5, 2.0, -300.0]
    assert m.parse_csv_row("1,2,") == [1.0, 2.0]


def test_running_mean() -> None:
    m = load("data_pipeline")
    assert m.running_mean([1.0, 2.0, 3.0, 4.0], 2) == [1.5, 2.5, 3.5]
    assert m.running_mean([1.0, 2.0, 3.0], 3) == [2.0]


def test_zscore_normalize() -> None:
    m = load("data_pipeline")
    values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]  # mean 5, std 2
    assert m.zscore_normalize(values) == [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]
    assert m.zscore_normalize([3.0, 3.0]) == [0.0, 0.0]


# bpe_tokenizer.py


def test_count_pairs() -> None:
    m = load("bpe_tokenizer")
    assert m.count_pairs([1, 2, 1, 2]) == {(1, 2): 2, (2, 1): 1}
    assert m.count_pairs([7]) == {}


def test_merge_pair() -> None:
    m = load("bpe_tokenizer")
    assert m.merge_pair([1, 2, 1, 2, 3], (1, 2), 9) == [9, 9, 3]
    assert m.merge_pair([1, 1, 1], (1, 1), 9) == [9, 1]


def test_bpe_encode() -> None:
    m = load("bpe_tokenizer")
    assert m.bpe_encode("aaab", []) == [97, 97, 97, 98]
    assert m.bpe_encode("aaab", [(97, 97)]) == [256, 97, 98]
    assert m.bpe_encode("aaab", [(97, 97), (256, 97)]) == [257, 98]
    assert m.bpe_encode("é", []) == [0xC3, 0xA9]


def test_build_vocab() -> None:
    m = load("bpe_tokenizer")
    # a b a b ' ' a b a b: (a, b) occurs 4 times, then (256, 256) twice.
    assert m.build_vocab("abab abab", 2) == [(97, 98), (256, 256)]
    # Nothing repeats, so nothing is worth merging.
    assert m.build_vocab("abc", 5) == []


def test_build_vocab_round_trip() -> None:
    m = load("bpe_tokenizer")
    corpus = "low lower lowest slow slower"
    merges = m.build_vocab(corpus, 5)
    ids = m.bpe_encode(corpus, merges)
    assert len(ids) < len(corpus)


# tokenizer.py


def test_tokenize_longest_match() -> None:
    m = load("tokenizer")
    vocab = {"the": 1, "t": 2, "h": 3, " ": 4, "ca": 5, "th": 6}
    assert m.tokenize("the cat", vocab) == [1, 4, 5, 2]


def test_tokenize_unknown_and_empty() -> None:
    m = load("tokenizer")
    assert m.tokenize("xz", {"a": 1}) == [m.UNK_ID, m.UNK_ID]
    assert m.tokenize("", {"a": 1}) == []


def test_tokenize_prefers_longest_match() -> None:
    m = load("tokenizer")
    vocab = {"ab": 10, "b": 11, "abc": 12}
    assert m.tokenize("abcab", vocab) == [12, 10]


# signal_ops.py


def test_convolve1d() -> None:
    m = load("signal_ops")
    # Kernel is flipped: [1, 0, -1] acts as x[i+2] - x[i].
    assert m.convolve1d([1.0, 2.0, 3.0, 4.0], [1.0, 0.0, -1.0]) == [2.0, 2.0]
    assert m.convolve1d([1.0, 2.0], [3.0]) == [3.0, 6.0]


def test_moving_average() -> None:
    m = load("signal_ops")
    assert m.moving_average([1.0, 2.0, 3.0, 4.0], 2) == [1.0, 1.5, 2.5, 3.5]


def test_cross_correlate() -> None:
    m = load("signal_ops")
    assert m.cross_correlate([1.0, 2.0, 3.0], [1.0, 1.0]) == [3.0, 5.0]
    assert m.cross_correlate([1.0, 2.0, 3.0], [0.0, 1.0]) == [2.0, 3.0]


def test_diff() -> None:
    m = load("signal_ops")
    assert m.diff([1.0, 4.0, 9.0]) == [3.0, 5.0]
    assert m.diff([1.0]) == []


def test_cumsum() -> None:
    m = load("signal_ops")
    assert m.cumsum([1.0, 2.0, 3.0]) == [1.0, 3.0, 6.0]
    assert m.cumsum([]) == []


# scaling.py


def test_standard_scale() -> None:
    m = load("scaling")
    values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]  # mean 5, std 2
    assert m.standard_scale(values) == [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]
    assert m.standard_scale([1.0, 1.0]) == [0.0, 0.0]


def test_min_max_scale() -> None:
    m = load("scaling")
    assert m.min_max_scale([2.0, 4.0, 6.0]) == [0.0, 0.5, 1.0]
    assert m.min_max_scale([6.0, 2.0]) == [1.0, 0.0]
    assert m.min_max_scale([5.0, 5.0]) == [0.0, 0.0]


def test_quantile() -> None:
    m = load("scaling")
    assert m.quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert m.quantile([1.0, 2.0, 3.0, 4.0], 0.25) == 1.75


def test_robust_scale() -> None:
    m = load("scaling")
    # median 3, q1 2, q3 4, IQR 2
    assert m.robust_scale([5.0, 1.0, 3.0, 2.0, 4.0]) == [1.0, -1.0, 0.0, -0.5, 0.5]
    # even length: median 2.5, q1 1.75, q3 3.25, IQR 1.5
    assert m.robust_scale([1.0, 2.0, 3.0, 4.0]) == pytest.approx([-1.0, -1 / 3, 1 / 3, 1.0])
    assert m.robust_scale([2.0, 2.0, 2.0]) == [0.0, 0.0, 0.0]


def test_l2_normalize() -> None:
    m = load("scaling")
    assert m.l2_normalize([3.0, 4.0]) == [0.6, 0.8]
    zeros = [0.0, 0.0]
    out = m.l2_normalize(zeros)
    assert out == [0.0, 0.0] and out is not zeros


# numpy_variants.py


def test_zscore_normalize_np() -> None:
    np = pytest.importorskip("numpy")
    m = load("numpy_variants")
    a = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    out = m.zscore_normalize_np(a)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    assert out.tolist() == [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]
    assert m.zscore_normalize_np(np.array([3.0, 3.0])).tolist() == [0.0, 0.0]


def test_channel_mean_np() -> None:
    np = pytest.importorskip("numpy")
    m = load("numpy_variants")
    img = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    out = m.channel_mean_np(img)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    assert out.tolist() == [3.0, 4.0]


def test_apply_gamma_np() -> None:
    np = pytest.importorskip("numpy")
    m = load("numpy_variants")
    a = np.array([0.25, 1.0, 0.0])
    out = m.apply_gamma_np(a, 0.5)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    assert out.tolist() == [0.5, 1.0, 0.0]
    assert a.tolist() == [0.25, 1.0, 0.0]  # input untouched


# nqueens.py


def test_nqueens_solutions() -> None:
    m = load("nqueens")
    assert list(m.solutions(4)) == [[1, 3, 0, 2], [2, 0, 3, 1]]
    assert list(m.solutions(1)) == [[0]] and list(m.solutions(3)) == []
    assert [sum(1 for _ in m.solutions(n)) for n in range(1, 9)] == [1, 0, 0, 2, 10, 4, 40, 92]


def test_nqueens_survey() -> None:
    m = load("nqueens")
    assert m.survey(m.solutions(6), 2) == (4, [(1, 3, 5, 0, 2, 4), (2, 5, 1, 4, 0, 3)])
    assert m.survey(iter([]), 3) == (0, [])
    assert m.drawing((1, 3, 0, 2)).splitlines() == [".Q..", "...Q", "Q...", "..Q."]


# every example as a script


def _run_script(name: str) -> tuple[str, subprocess.CompletedProcess[str] | str]:
    try:
        proc = subprocess.run(
            [sys.executable, str(EXAMPLES / name)],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=EXAMPLES.parent,
        )
    except subprocess.TimeoutExpired:
        return name, "timed out after 30 s"
    return name, proc


def test_examples_run_as_scripts() -> None:
    names = [n for n in SCRIPTS if n != "numpy_variants.py" or _has_numpy()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(_run_script, names))
    problems = []
    for name, proc in results:
        if isinstance(proc, str):
            problems.append(f"{name}: {proc}")
        elif proc.returncode != 0:
            problems.append(f"{name}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
        elif not proc.stdout.strip():
            problems.append(f"{name}: printed nothing")
    assert not problems, "\n".join(problems)


# dijkstra.py


def test_dijkstra_shortest_paths() -> None:
    m = load("dijkstra")
    graph = {0: [(1, 4.0), (2, 1.0)], 1: [(3, 1.0)], 2: [(1, 2.0), (3, 5.0)], 3: []}
    assert m.dijkstra(graph, 0) == {0: 0.0, 1: 3.0, 2: 1.0, 3: 4.0}
    assert m.dijkstra(graph, 3) == {3: 0.0}
    reached, mean, median, longest, far = m.summarize(m.dijkstra(graph, 0), 2)
    assert (reached, mean, median, longest) == (4, 2.0, 3.0, 4.0)
    assert far == [(3, 4.0), (1, 3.0)]


def test_dijkstra_graph_is_deterministic() -> None:
    m = load("dijkstra")
    a, b = m.make_graph(5, 4, 6, seed=3), m.make_graph(5, 4, 6, seed=3)
    assert a == b and sorted(a) == list(range(20))
    assert all(len(edges) >= 2 for edges in a.values())


# nbody.py, particles.py, log_report.py (the object tier's example programs)


def test_nbody_pairs_and_energy() -> None:
    m = load("nbody")
    assert m.combinations([1, 2, 3]) == [(1, 2), (1, 3), (2, 3)]
    a = ([0.0, 0.0, 0.0], [1.0, 0.0, 0.0], 2.0)
    b = ([3.0, 4.0, 0.0], [0.0, 0.0, 0.0], 5.0)
    # kinetic 2 * 1 / 2 = 1, potential -(2 * 5) / 5 = -2
    assert m.report_energy([a, b], [(a, b)], 0.0) == -1.0


def test_particles_collide_swaps_velocities() -> None:
    m = load("particles")
    p, q, far = m.Particle(1.0, 1.0, 2.0, 0.0), m.Particle(1.2, 1.0, -1.0, 3.0), m.Particle(50.0, 50.0, 0.0, 0.0)
    assert m.collide([p, q, far], 0.5) == 1
    assert (p.vx, p.vy, q.vx, q.vy) == (-1.0, 3.0, 2.0, 0.0)
    assert m.Particle(0.0, 2.0, 3.0, 4.0, mass=2.0).kinetic_energy() == 25.0


def test_log_report_parse_and_render() -> None:
    m = load("log_report")
    entries, skipped = m.parse(["2024-03-01 05:06:07 ERROR [auth] 120ms token expired", "-- log rotated --"])
    assert skipped == 1
    assert entries == [m.Entry("2024-03-01", 5, "ERROR", "auth", 120, "token expired")]
    text = m.render(m.summarize(entries))
    assert text.splitlines()[1].split()[:5] == ["auth", "1", "120.00", "120", "100.00%"]
