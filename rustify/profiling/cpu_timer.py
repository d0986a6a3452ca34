"""A periodic CPU-time signal handler, taken only when the signal is the program's to give.

The capture's re-arming tick (SIGPROF) and the stack sampler (SIGVTALRM) both run a handler
every so many seconds of CPU time in the main thread. A program with its own handler for
that signal keeps it (the timer then stays off), and stopping puts back what was there."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any


class CpuTimer:
    def __init__(self, signum: int, which: int, interval: float, handler: Callable[..., Any]) -> None:
        self.signum, self.which, self.interval, self.handler = signum, which, interval, handler
        self.running = False
        self._previous: Any = None

    def start(self) -> bool:
        """Install the handler and arm the timer; False where it cannot (not the main
        thread, no setitimer, a non-positive interval, the program's own handler)."""
        if (self.interval <= 0 or not hasattr(signal, "setitimer")
                or threading.current_thread() is not threading.main_thread()):
            return False
        if signal.getsignal(self.signum) not in (signal.SIG_DFL, signal.SIG_IGN, None):
            return False
        self._previous = signal.signal(self.signum, self.handler)
        signal.setitimer(self.which, self.interval, self.interval)
        self.running = True
        return True

    def stop(self) -> None:
        if not self.running:
            return
        signal.setitimer(self.which, 0, 0)
        if signal.getsignal(self.signum) == self.handler:
            signal.signal(self.signum, self._previous)
        self.running = False
