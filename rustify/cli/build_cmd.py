"""rustify-build: compile and install the crate, prove parity, measure the speedup."""

from __future__ import annotations

from typing import Optional

import typer

from rustify.cli.common import entry, new_app
from rustify.errors import ToolError

app = new_app("Build a rustify.generation crate; print a rustify.build.")


@app.command()
def build(
    document: Optional[str] = typer.Argument(None, metavar="[GENERATION]", help="A generation document; stdin when omitted or '-'."),
) -> None:
    raise ToolError("rustify-build is not implemented yet")


main = entry(app, "rustify-build")
