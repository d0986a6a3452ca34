"""rustify run: run a program with its accelerated functions swapped in."""

from __future__ import annotations

from typing import Optional

import typer

from rustify.activation.activate import run_program
from rustify.cli.common import PROGRAM_ARGS, entry, new_app
from rustify.errors import UsageError

app = new_app("Run a Python program with rustify's accelerated functions in place of the originals.")


@app.command(context_settings=PROGRAM_ARGS)
def run(
    script: Optional[str] = typer.Argument(None, metavar="SCRIPT", help="The program to run."),
    args: Optional[list[str]] = typer.Argument(None, metavar="[ARGS]...", help="Arguments passed to the program."),
    module: Optional[str] = typer.Option(None, "-m", "--module", help="Run a module as `python -m MODULE` would."),
    build: Optional[str] = typer.Option(None, "--build", help="Use this build document instead of the installed builds."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Say on stderr which functions were swapped, and why not the others."),
) -> None:
    if module is not None:
        args = ([script] if script else []) + list(args or [])
        raise typer.Exit(run_program(module, args, build, verbose=verbose, as_module=True))
    if script is None:
        raise UsageError("give a SCRIPT to run, or -m MODULE")
    raise typer.Exit(run_program(script, list(args or []), build, verbose=verbose))


main = entry(app, "rustify run")
