"""rustify accelerate: profile, select, translate, build and verify in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from rustify import documents
from rustify.cli.build_cmd import show_table
from rustify.cli.common import new_app, say, wants_chatter
from rustify.pipeline import AccelerateOptions, accelerate

app = new_app("Profile, select, translate, build and verify a program in one go.")


@app.command(context_settings={"allow_interspersed_args": False, "ignore_unknown_options": True})
def accelerate_cmd(
    script: str = typer.Argument(..., metavar="SCRIPT"),
    args: Optional[list[str]] = typer.Argument(None, metavar="[ARGS]..."),
    work: Optional[str] = typer.Option(None, "--work", help="Folder for the documents and crate (default .rustify/<script>)."),
    threshold: float = typer.Option(5.0, "--threshold", help="Minimum percent of self time to select a function."),
    profiler: str = typer.Option("cprofile", "--profiler", help="cprofile or py-spy."),
    keep_slower: bool = typer.Option(False, "--keep-slower", help="Activate functions that are correct but not faster."),
    quiet: bool = typer.Option(False, "-q", "--quiet"),
) -> None:
    folder = Path(work) if work else Path(".rustify") / Path(script).stem
    chatter = wants_chatter(True, quiet)
    result = accelerate(script, list(args or []), AccelerateOptions(work=folder, threshold=threshold, profiler=profiler,
                                                                    keep_slower=keep_slower, progress=chatter))
    documents.write_document(result, "build", None)
    show_table(result, enabled=chatter)
    say(f"documents in {folder}/; run the program with: rustify run {script}", enabled=chatter)
