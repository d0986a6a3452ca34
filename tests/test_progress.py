"""The build's progress line: a clock that ticks while tools print nothing, and cargo's lock."""

from __future__ import annotations

import time

import pytest

from rustify.building.toolchain import Progress


def test_the_clock_ticks_while_cargo_waits_for_its_lock(capsys: pytest.CaptureFixture) -> None:
    progress = Progress(True)
    progress.enabled = True  # as on a terminal
    progress.begin("cargo check")
    progress.cargo_line("    Blocking waiting for file lock on build directory")
    time.sleep(1.3)  # cargo prints nothing meanwhile
    progress.done("0 errors")
    frames = [f for f in capsys.readouterr().err.split("\r\x1b[2K") if f.startswith("cargo check ")]
    waiting = [f for f in frames if "waiting for another build to release cargo's lock" in f]
    assert len(waiting) >= 2, frames  # redrawn by the clock, not only when cargo spoke
    seconds = [float(f.split()[2].rstrip("s")) for f in waiting]
    assert seconds == sorted(seconds) and seconds[-1] >= 0.9
    time.sleep(0.7)
    assert "cargo check " not in capsys.readouterr().err  # the clock stopped with the phase
