"""rustify run: run a program with its accelerated functions swapped in."""

from __future__ import annotations

from typing import Optional

import typer

from rustify.activation.activate import run_program
from rustify.cli.common import PROGRAM_ARGS, entry, new_app

app = new_app("Run a Python program with rustify's accelerated functions in place of the originals.")


@app.command(context_settings=PROGRAM_ARGS)
def run(
    script: str = typer.Argument(..., metavar="SCRIPT", help="The program to run."),
    args: Optional[list[str]] = typer.Argument(None, metavar="[ARGS]...", help="Arguments passed to the program."),
    build: Optional[str] = typer.Option(None, "--build", help="Use this build document instead of the installed builds."),
) -> None:
    raise typer.Exit(run_program(script, list(args or []), build))


main = entry(app, "rustify run")
