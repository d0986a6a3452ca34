"""rustify-gen: translate selected functions to Rust + PyO3 and write a maturin crate."""

from __future__ import annotations

from typing import Optional

import typer

from rustify.cli.common import entry, new_app
from rustify.errors import ToolError

app = new_app("Translate a rustify.selection to a Rust crate; print a rustify.generation.")


@app.command()
def gen(
    document: Optional[str] = typer.Argument(None, metavar="[SELECTION]", help="A selection document; stdin when omitted or '-'."),
) -> None:
    raise ToolError("rustify-gen is not implemented yet")


main = entry(app, "rustify-gen")
