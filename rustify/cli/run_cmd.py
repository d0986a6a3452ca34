"""rustify run: run a program with its accelerated functions swapped in."""

from __future__ import annotations

import sys
import traceback
from typing import Optional

import typer

from rustify.activation import run_script
from rustify.cli.common import entry, new_app

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
        if isinstance(exc, __import__("rustify.errors", fromlist=["RustifyError"]).RustifyError):
            raise
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    raise typer.Exit(status)


main = entry(app, "rustify run")
