"""The CLI edge shared by every command: one line per error, exit codes, stderr chatter.

Library code raises `RustifyError`s with a location; `run_app` turns them (and click's
usage errors) into `prog: error: <place>: <message>` lines on stderr with exit code 2
for bad input or usage and 1 for other failures. `--debug` (or RUSTIFY_DEBUG=1) shows
the traceback instead. stdout carries JSON documents only.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

import typer

try:  # typer >= 0.20 vendors click; older releases depend on it
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click_exceptions

from rustify.errors import EXIT_USAGE, RustifyError

DEBUG_ENV = "RUSTIFY_DEBUG"


HELP_OPTIONS = ["-h", "--help"]
#: commands that run a program: options after its name are the program's own
PROGRAM_ARGS = {"allow_interspersed_args": False, "ignore_unknown_options": True, "help_option_names": HELP_OPTIONS}


def new_app(help_text: str) -> typer.Typer:
    return typer.Typer(
        help=help_text,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": HELP_OPTIONS},
    )


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get(DEBUG_ENV) == "1"


def error_lines(prog: str, error: RustifyError) -> list[str]:
    return [f"{prog}: error: {line}" for line in error.lines()]


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def run_app(app: typer.Typer, prog: str, argv: list[str] | None = None) -> int:
    """Run a typer app with rustify's error contract; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = _debug_requested(argv)
    argv = [a for a in argv if a != "--debug"] if "--" not in argv else argv
    if argv[:1] == ["--version"]:  # first only: later it may be the profiled program's own option
        from rustify import __version__

        print(f"{prog} {__version__}")
        return 0
    command = typer.main.get_command(app)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `rustify-profile x.py | head` ends quietly
    interrupted = []

    def on_sigint(signum, frame):  # typer turns Ctrl-C into a silent exit 130: remember it
        interrupted.append(True)
        raise KeyboardInterrupt

    if threading_main():
        signal.signal(signal.SIGINT, on_sigint)
    try:
        result = command.main(args=argv, prog_name=prog, standalone_mode=False)
        if interrupted:
            print(f"{prog}: interrupted; nothing written", file=sys.stderr)
            return 130
        return result if isinstance(result, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print(f"{prog}: interrupted; nothing written", file=sys.stderr)
        return 130
    except click_exceptions.ClickException as exc:
        print(f"{prog}: error: {exc.format_message()} (see {prog} --help)", file=sys.stderr)
        return EXIT_USAGE
    except RustifyError as exc:
        if debug:
            raise
        for line in error_lines(prog, exc):
            print(line, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{prog}: interrupted; nothing written", file=sys.stderr)
        return 130


def entry(app: typer.Typer, prog: str) -> Callable[[], None]:
    """A console-script `main` for `app`."""

    def main() -> None:
        sys.exit(run_app(app, prog))

    return main


def wants_chatter(verbose: bool, quiet: bool) -> bool:
    """Tables and progress go to stderr when it is a terminal or -v, never with -q."""
    if quiet:
        return False
    return verbose or sys.stderr.isatty()


def say(message: str, *, enabled: bool = True) -> None:
    if enabled:
        print(message, file=sys.stderr)


def format_table(headers: list[str], rows: list[list[Any]], align: str | None = None) -> str:
    """A plain aligned text table (the predecessor's `|`-separated format)."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    align = align or "l" * len(headers)

    def fmt(row: list[str]) -> str:
        parts = [c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align)]
        return " | ".join(parts).rstrip()

    line = "-+-".join("-" * w for w in widths)
    return "\n".join([fmt(headers), line] + [fmt(r) for r in cells])
