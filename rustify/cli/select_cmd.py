"""rustify-select: pick the functions worth accelerating from a profile."""

from __future__ import annotations

from typing import Optional

import typer

from rustify import documents
from rustify.cli.common import entry, format_table, new_app, say, wants_chatter
from rustify.records import Profile, Selection
from rustify.selection.select import SelectOptions, select

app = new_app("Select functions to translate; read a rustify.profile, print a rustify.selection.")


@app.command()
def select_cmd(
    document: Optional[str] = typer.Argument(None, metavar="[PROFILE]", help="A profile document; stdin when omitted or '-'."),
    threshold: float = typer.Option(5.0, "--threshold", help="Minimum percent of time (0 selects every function)."),
    by: str = typer.Option("self", "--by", help="self (own time) or total (time including callees)."),
    top: Optional[int] = typer.Option(None, "--top", help="Keep at most N functions over the threshold."),
    function: Optional[list[str]] = typer.Option(None, "--function", help="Select this qualname or glob whatever its time (repeatable)."),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude", help="Never select functions matching this glob (repeatable)."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write the document here instead of stdout."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show the selection table on stderr."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Nothing on stderr but errors."),
) -> None:
    documents.check_output(output)
    profile = documents.load(Profile, "profile", document)
    options = SelectOptions(threshold=threshold, by=by, top=top, functions=list(function or []), exclude=list(exclude or []))
    result = select(profile, options)
    documents.write_document(result, "selection", output)
    show_table(result, enabled=wants_chatter(verbose, quiet))


def show_table(result: Selection, *, enabled: bool) -> None:
    if not enabled:
        return
    rows = [[t.qualname, t.line, f"{t.self_percent:.1f}%", t.calls, "selected: " + t.reason] for t in result.targets]
    rows += [[s.qualname, s.line, f"{(s.self_percent or 0):.1f}%", "", s.reason] for s in result.skipped[:20]]
    say(format_table(["Function", "Line", "% Time", "Calls", "Reason"], rows, "lrrrl"))
    for target in result.targets:
        for w in target.warnings:
            say(f"warning: {target.file}:{w.line}:{w.col}: {target.qualname}: {w.message}")
    say(f"{len(result.targets)} selected, {len(result.skipped)} skipped")


main = entry(app, "rustify-select")
