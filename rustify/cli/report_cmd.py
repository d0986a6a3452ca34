"""rustify report: one self-contained HTML page of a build (or any rustify document)."""

from __future__ import annotations

from typing import Optional

import typer

from rustify import documents
from rustify.cli.common import new_app, say
from rustify.report import write_report

app = new_app("Write an HTML report of a build, or of any rustify document, or of a folder of them.")


@app.command()
def report_cmd(
    document: Optional[str] = typer.Argument(None, metavar="[DOCUMENT|FOLDER]",
                                             help="A build document (any rustify document does), or a folder of "
                                                  "them such as rustify accelerate's; stdin when omitted or '-'."),
    output: Optional[str] = typer.Option(None, "-o", "--output",
                                         help="Write the page here (default: report.html beside the document)."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Do not print the report's path."),
) -> None:
    """The page shows every profiled function with its status, the measured and predicted
    speedups, a flame graph, each hot function's source annotated line by line, and parity."""
    documents.check_output(output)
    path = write_report(document, output)
    say(f"report: {path}", enabled=not quiet)
