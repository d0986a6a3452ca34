"""rustify run: run a program with its accelerated functions swapped in."""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import Optional

import typer

from rustify.activation import run_script
from rustify.cli.common import entry, new_app
from rustify.errors import RustifyError

app = new_app("Run a Python program with rustify's accelerated functions in place of the originals.")


@app.command(context_settings={"allow_interspersed_args": False, "ignore_unknown_options": True})
def run(
    script: str = typer.Argument(..., metavar="SCRIPT", help="The program to run."),
    args: Optional[list[str]] = typer.Argument(None, metavar="[ARGS]...", help="Arguments passed to the program."),
    build: Optional[str] = typer.Option(None, "--build", help="Use this build document instead of the installed builds."),
) -> None:
    try:
        status = run_script(script, list(args or []), build)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # the program's own exception: shown as python would show it
        if isinstance(exc, RustifyError):
            raise
        exc = exc.with_traceback(program_traceback(exc, script))  # what the hook prints
        sys.excepthook(type(exc), exc, exc.__traceback__)
        status = 1
    sys.stdout.flush()
    raise typer.Exit(status)


def program_traceback(exc: BaseException, script: str) -> TracebackType | None:
    """The traceback from the program's first frame on: rustify's own frames are not shown."""
    path = os.path.abspath(script)
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    if tb is None and not isinstance(exc, SyntaxError):  # raised before the program ran: keep it all
        return exc.__traceback__
    return tb


main = entry(app, "rustify run")
