"""Golden tests of the translator passes: IR and Rust text for small sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from golden_runner import parse_file, render, write_file

DATA = sorted((Path(__file__).parent / "data").glob("*.test"))
CASES = [(path, case) for path in DATA for case in parse_file(path)]


@pytest.mark.parametrize("path,case", CASES, ids=[f"{p.stem}:{c.name}" for p, c in CASES])
def test_golden(path, case, request):
    actual = render(case)
    if request.config.getoption("--update-golden"):
        cases = parse_file(path)
        outputs = {c.name: (actual if c.name == case.name else (c.sections or render(c))) for c in cases}
        write_file(path, cases, outputs)
        return
    assert case.sections, f"{path.name}:{case.name} has no expected output; run pytest --update-golden"
    assert actual == case.sections
