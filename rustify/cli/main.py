"""rustify: the umbrella command (every stage as a subcommand, plus schema helpers)."""

from __future__ import annotations

import sys

import typer

from rustify import documents
from rustify.cli import accelerate_cmd, build_cmd, gen_cmd, manage_cmd, profile_cmd, report_cmd, run_cmd, select_cmd
from rustify.cli.common import PROGRAM_ARGS, entry, new_app, say
from rustify.errors import InputError

app = new_app("rustify: make the slow parts of Python programs fast by translating them to Rust.")
app.command("profile", context_settings=PROGRAM_ARGS,
            help="Profile a program (same as rustify-profile).")(profile_cmd.profile)
app.command("select", help="Select functions (same as rustify-select).")(select_cmd.select_cmd)
app.command("gen", help="Translate to Rust (same as rustify-gen).")(gen_cmd.gen)
app.command("build", help="Build, verify, benchmark (same as rustify-build).")(build_cmd.build_cmd)
app.command("run", context_settings=PROGRAM_ARGS,
            help="Run a program with accelerated functions swapped in.")(run_cmd.run)
app.command("accelerate", context_settings=PROGRAM_ARGS,
            help="Profile, select, translate, build and verify in one go.")(accelerate_cmd.accelerate_cmd)
app.command("report", help="Write an HTML report of a build (or any document, or a folder of them).")(
    report_cmd.report_cmd)
app.command("list", help="Show the builds installed in this environment.")(manage_cmd.list_cmd)
app.command("uninstall", help="Uninstall builds (extension module and activation record).")(manage_cmd.uninstall_cmd)
app.command("clean", help="Remove rustify's cache, with sizes.")(manage_cmd.clean_cmd)


@app.command("schema")
def schema(kind: str = typer.Argument(..., help="profile, selection, generation or build")) -> None:
    """Print the JSON Schema of a document kind."""
    sys.stdout.buffer.write(documents.schema_text(kind))


@app.command("validate")
def validate(path: str = typer.Argument(..., help="A document file, or '-' for stdin.")) -> None:
    """Check a document against its schema (its kind is read from the document)."""
    origin = documents.origin_name(path)
    doc = documents.parse(documents.read_bytes(path), origin)
    kind = doc.get("kind", "") if isinstance(doc, dict) else ""
    short = kind.removeprefix("rustify.")
    if short not in documents.KINDS:
        raise InputError(f"unknown document kind {kind!r}; expected rustify.profile, .selection, .generation or .build",
                         documents.Location(origin, json_path="$.kind"))
    documents.validate(doc, short, origin)
    say(f"{origin}: valid {kind} document")


main = entry(app, "rustify")

if __name__ == "__main__":
    main()
