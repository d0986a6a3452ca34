"""rustify-gen: translate selected functions to Rust + PyO3 and write a maturin crate."""

from __future__ import annotations

from typing import Optional

import typer

from rustify import documents
from rustify.cli.common import entry, format_table, new_app, say, wants_chatter
from rustify.generation.generate import GenOptions, generate
from rustify.records import Generation, Selection

app = new_app("Translate a rustify.selection to a Rust crate; print a rustify.generation.")


@app.command()
def gen(
    document: Optional[str] = typer.Argument(None, metavar="[SELECTION]", help="A selection document; stdin when omitted or '-'."),
    out: Optional[str] = typer.Option(None, "--out", help="Crate folder (default rustify-out/MODULE)."),
    module: Optional[str] = typer.Option(None, "--module", help="Extension module name (default: <source>_rs)."),
    force: bool = typer.Option(False, "--force", help="Overwrite a crate edited since rustify-gen wrote it."),
    allow_changed: bool = typer.Option(False, "--allow-changed", help="Translate sources changed since profiling."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write the document here instead of stdout."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show the translation table on stderr."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Nothing on stderr but errors."),
) -> None:
    documents.check_output(output)
    selection = documents.load(Selection, "selection", document)
    result = generate(selection, GenOptions(out=out, module=module, force=force, allow_changed=allow_changed,
                                            origin=documents.origin_name(document)))
    documents.write_document(result, "generation", output)
    show_table(result, enabled=wants_chatter(verbose, quiet))


def show_table(result: Generation, *, enabled: bool) -> None:
    if not enabled:
        return
    rows = []
    for f in result.functions:
        if f.status == "translated":
            rows.append([f.qualname, f.line, "translated", f.signature])
        else:
            r = f.rejections[0]
            rows.append([f.qualname, f.line, "rejected", f"{f.file}:{r.line}:{r.col}: {r.construct}: {r.message}"])
    say(format_table(["Function", "Line", "Status", "Signature / reason"], rows, "lrll"))
    say(f"crate: {result.crate.path} (module {result.crate.module})")


main = entry(app, "rustify-gen")
