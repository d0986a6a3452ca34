"""rustify accelerate: profile, select, translate, build and verify in one command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from rustify import documents
from rustify.cli.build_cmd import show_table, write_report_for
from rustify.cli.common import PROGRAM_ARGS, new_app, say, wants_chatter
from rustify.pipeline import AccelerateOptions, NothingSelected, accelerate
from rustify.report.report import NAME
from rustify.selection.select import SelectOptions

app = new_app("Profile, select, translate, build and verify a program in one go.")


@app.command(context_settings=PROGRAM_ARGS)
def accelerate_cmd(
    script: str = typer.Argument(..., metavar="SCRIPT"),
    args: Optional[list[str]] = typer.Argument(None, metavar="[ARGS]..."),
    work: Optional[str] = typer.Option(None, "--work", help="Folder for the documents and crate (default .rustify/<script>)."),
    threshold: float = typer.Option(5.0, "--threshold", help="Minimum percent of time to select a function."),
    by: str = typer.Option("self", "--by", help="self (own time) or total (time including callees)."),
    top: Optional[int] = typer.Option(None, "--top", help="Keep at most N functions over the threshold."),
    function: Optional[list[str]] = typer.Option(None, "--function", help="Select this qualname or glob whatever its time (repeatable)."),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude", help="Never select functions matching this glob (repeatable)."),
    profiler: str = typer.Option("cprofile", "--profiler", help="cprofile or py-spy."),
    keep_slower: bool = typer.Option(False, "--keep-slower", help="Activate functions that are correct but not faster."),
    bench: bool = typer.Option(False, "--bench", help="Also time the whole program with and without rustify (3 runs each)."),
    quiet: bool = typer.Option(False, "-q", "--quiet"),
) -> None:
    folder = Path(work) if work else Path(".rustify") / Path(script).stem
    chatter = wants_chatter(True, quiet)
    chosen = SelectOptions(threshold=threshold, by=by, top=top, functions=list(function or []),
                           exclude=list(exclude or []))
    result = accelerate(script, list(args or []), AccelerateOptions(work=folder, select=chosen, profiler=profiler,
                                                                    keep_slower=keep_slower, progress=chatter,
                                                                    bench=bench))
    if isinstance(result, NothingSelected):
        say(f"rustify accelerate: {result.message()}; nothing built (profile in {folder}/)", enabled=not quiet)
        return
    if not sys.stdout.isatty():  # piped or redirected: the build document, as rustify-build prints it
        documents.write_document(result, "build", None)
    show_table(result, enabled=chatter)
    say(f"documents in {folder}/; run the program with: rustify run {script}", enabled=chatter)
    write_report_for(result, str(folder / "build.json"), folder / NAME, enabled=chatter, prog="rustify accelerate")
