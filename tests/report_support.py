"""A hand-made build document (every status a report shows) and its program, for the
report's tests; and headless Chromium, installed from Debian's package when missing.

A plain module (not conftest.py), as cli_support.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SHOP = '''\
import math


def norm(xs):
    total = 0.0
    for x in xs:
        total += x * x
    return math.sqrt(total)


def label(item):
    return f"<{item.name}> & co"


def weird(n):
    return eval("n + 1")


def checked(xs):
    return sum(xs)


def main():
    for _ in range(100):
        norm([1.0, 2.0])
        label(None)
'''

#: the Rust of norm's lines (with characters HTML must escape)
NORM_LINES = [
    {"line": 4, "tier": "object", "rust": "fn py_f_norm<'py>(xs: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {}"},
    {"line": 5, "tier": "native", "rust": "v_total = 0.0_f64;"},
    {"line": 6, "tier": "native", "rust": "while (t_k1 < (v_xs.len() as i64)) {"},
    {"line": 7, "tier": "native", "rust": "v_total = (v_total + (v_x * v_x));"},
    {"line": 8, "tier": "native", "rust": "return Ok(rt::math_sqrt(v_total)?);"},
]


def _bench(speedup: float) -> dict:
    return {"python_ns": 1000.0 * speedup, "rust_ns": 1000.0, "speedup": speedup, "speedup_range": [speedup, speedup],
            "repeats": 9, "inputs": "captured sample"}


def shop_build(root: Path) -> dict:
    """The build document of a run of `SHOP` in `root` (written there as shop.py)."""
    (root / "shop.py").write_text(SHOP)
    frames = [{"name": "<module>", "file": "shop.py", "line": 0}, {"name": "main", "file": "shop.py", "line": 23},
              {"name": "norm", "file": "shop.py", "line": 4}, {"name": "label", "file": "shop.py", "line": 11},
              {"name": "weird", "file": "shop.py", "line": 15}, {"name": "sqrt", "file": "~", "line": 0}]
    return {
        "kind": "rustify.build", "schema_version": 1, "module": "shop_rs", "wheel": None, "installed": True,
        "root": str(root),
        "functions": [
            {"id": "shop.py:4:norm", "status": "accelerated", "qualname": "norm", "file": "shop.py", "line": 4,
             "self_percent": 55.0, "total_percent": 60.0, "calls": 150_000, "parity": {"cases": 120, "passed": 120,
                                                                                  "failures": []},
             "bench": _bench(4.0), "lines": NORM_LINES, "source_functions": ["norm"]},
            {"id": "shop.py:11:label", "status": "accelerated", "qualname": "label", "file": "shop.py", "line": 11,
             "self_percent": 20.0, "total_percent": 20.0, "calls": 100_000,
             "parity": {"cases": 3, "passed": 3, "failures": []}, "bench": _bench(1.25),
             "lines": [{"line": 11, "tier": "object", "rust": "fn py_f_label() {}"},
                       {"line": 12, "tier": "object", "rust": "rt::format(&[\"<\", name, \"> & co\"])"}]},
            {"id": "shop.py:15:weird", "status": "rejected", "qualname": "weird", "file": "shop.py", "line": 15,
             "self_percent": 10.0, "total_percent": 10.0, "calls": 100, "parity": None, "bench": None,
             "error": "eval reads the calling frame",
             "rejections": [{"construct": "eval", "line": 16, "col": 11, "message": "eval reads the calling frame",
                             "hint": "compute n + 1 directly"}]},
            {"id": "shop.py:19:checked", "status": "parity-failed", "qualname": "checked", "file": "shop.py",
             "line": 19, "self_percent": 5.0, "total_percent": 5.0, "calls": 3, "bench": _bench(2.0),
             "error": None, "parity": {"cases": 7, "passed": 6, "failures": [
                 {"args": [[1.0, {"$float": "nan"}]], "difference": "python 1.0, rust nan"}]},
             "lines": [{"line": 19, "tier": "object", "rust": ""}, {"line": 20, "tier": "native",
                                                                    "rust": "return Ok(rt::sum(v_xs));"}]},
        ],
        "skipped": [{"id": "shop.py:23:main", "reason": "below threshold (self 2.0% < 5%)", "qualname": "main",
                     "file": "shop.py", "line": 23, "self_percent": 2.0, "total_percent": 100.0}],
        "profile": {"program": {"argv": ["shop.py"], "cwd": str(root), "profiler": "cprofile"},
                    "total_seconds": 2.0, "types_known": True},
        "startup": {"python_seconds": 0.02, "rustify_seconds": 0.07},
        "program_bench": {"script": "shop.py", "python_seconds": 1.1, "rustify_seconds": 0.55, "speedup": 2.0,
                          "same_output": True, "repeats": 3},
        "sampled": {
            "source": "rustify", "seconds": 1.0, "interval_seconds": 0.001,
            "lines": [{"file": "shop.py", "line": 7, "seconds": 0.5}, {"file": "shop.py", "line": 6, "seconds": 0.1},
                      {"file": "shop.py", "line": 12, "seconds": 0.2}, {"file": "shop.py", "line": 16,
                                                                          "seconds": 0.1}],
            "frames": frames,
            "stacks": [{"frames": [0, 1, 2], "seconds": 0.5}, {"frames": [0, 1, 2, 5], "seconds": 0.1},
                       {"frames": [0, 1, 3], "seconds": 0.2}, {"frames": [0, 1, 4], "seconds": 0.1},
                       {"frames": [0, 1], "seconds": 0.1}],
        },
    }


def write_shop_build(root: Path) -> Path:
    path = root / "build.json"
    path.write_text(json.dumps(shop_build(root)))
    return path


# ---------------------------------------------------------------- headless Chromium


def chromium() -> str:
    """The `chromium` command, installed with apt-get (Debian's package) when missing; a test
    that needs it fails saying why when it cannot be installed (it never passes silently)."""
    found = shutil.which("chromium")
    if found:
        return found
    steps = [["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=900,
                                  env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.fail(f"chromium is not installed and `{' '.join(step)}` could not run: {exc}")
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
            pytest.fail(f"chromium is not installed and `{' '.join(step)}` failed ({done.returncode}): {tail}")
    found = shutil.which("chromium")
    if not found:
        pytest.fail("apt-get installed chromium, but there is no `chromium` command on PATH")
    return found


#: no network: any fetch the page tried would fail (the page must need none)
OFFLINE = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
           "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
           "--virtual-time-budget=3000"]


def dump_dom(page: Path) -> str:
    """The page's DOM after its scripts ran, as headless Chromium serializes it."""
    done = subprocess.run([chromium(), *OFFLINE, "--dump-dom", page.resolve().as_uri()], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr[-2000:]
    return done.stdout


def screenshot(page: Path, png: Path, width: int = 1300, height: int = 2200) -> Path:
    done = subprocess.run([chromium(), *OFFLINE, f"--window-size={width},{height}", f"--screenshot={png}",
                           page.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and png.is_file(), done.stderr[-2000:]
    return png


def png_rgb(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes) of an 8-bit RGB or RGBA PNG, as Chromium writes
    its screenshots (zlib and the five row filters; no library needed)."""
    import struct
    import zlib

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, {}
    idat = b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        chunks.setdefault(kind, body)
        if kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - step] if i >= step else 0
            b = previous[i]
            c = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        previous = line
        rows.append(bytes(line) if step == 3 else bytes(v for k, v in enumerate(line) if k % 4 != 3))
    return width, height, rows


def pixels_of(path: Path, *colours: tuple[int, int, int]) -> list[int]:
    """How many pixels of the screenshot have exactly each of these colours."""
    import numpy as np

    width, height, rows = png_rgb(path)
    image = np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(height, width, 3)
    return [int(np.all(image == np.array(rgb, dtype=np.uint8), axis=2).sum()) for rgb in colours]
