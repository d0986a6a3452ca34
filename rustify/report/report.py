"""Write a report: read the documents, predict, lay out, write the page atomically."""

from __future__ import annotations

from pathlib import Path

from rustify.documents import write_atomic
from rustify.records import Build
from rustify.report import collect
from rustify.report.page import page
from rustify.report.predict import predict

NAME = "report.html"


def default_output(source: str | None) -> Path:
    """`report.html` beside the document (in the folder, for a folder; in the current one
    for stdin)."""
    if source in (None, "-"):
        return Path(NAME)
    path = Path(source)
    return path / NAME if path.is_dir() else path.parent / NAME


def render(data: collect.ReportData) -> str:
    return page(data, predict(data))


def write_report(source: str | None, output: str | Path | None = None) -> Path:
    """The page for a document (a path, or stdin for None/'-') or a folder of documents,
    written to `output` (default: `default_output`); its path."""
    target = Path(output) if output is not None else default_output(source)
    write_atomic(target, render(collect.load(source)).encode())
    return target


def write_build_report(build: Build, origin: str, output: Path) -> Path:
    """The page for a build document just made (rustify-build, rustify accelerate)."""
    beside = collect.find_documents(str(Path(origin).parent)) if Path(origin).is_file() else {}
    write_atomic(output, render(collect.from_record(build, origin, beside)).encode())
    return output
