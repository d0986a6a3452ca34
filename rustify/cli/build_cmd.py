"""rustify-build: compile and install the crate, prove parity, measure the speedup."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from rustify import documents
from rustify.building.build import BuildOptions, build
from rustify.cli.common import entry, format_table, new_app, say, wants_chatter
from rustify.errors import RustifyError
from rustify.records import Build, Generation
from rustify.report.report import NAME

app = new_app("Build a rustify.generation crate; print a rustify.build.")


@app.command()
def build_cmd(
    document: Optional[str] = typer.Argument(None, metavar="[GENERATION]", help="A generation document; stdin when omitted or '-'."),
    no_install: bool = typer.Option(False, "--no-install", help="Build the wheel only (no parity, no benchmark)."),
    no_verify: bool = typer.Option(False, "--no-verify", help="Skip the parity checks (functions are not activated)."),
    no_bench: bool = typer.Option(False, "--no-bench", help="Skip the benchmarks."),
    keep_slower: bool = typer.Option(False, "--keep-slower", help="Activate functions that are correct but not faster."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Compile and check again even if an identical build exists."),
    bench_script: Optional[str] = typer.Option(None, "--bench-script", help="Also time this whole program with and without rustify."),
    report: Optional[str] = typer.Option(None, "--report", metavar="FILE",
                                         help="Write the HTML report here (default: report.html beside the document, "
                                              "or in the crate's folder when it goes to stdout)."),
    no_report: bool = typer.Option(False, "--no-report", help="Write no HTML report."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write the document here instead of stdout."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show progress and the summary table on stderr."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Nothing on stderr but errors."),
) -> None:
    documents.check_output(output)
    documents.check_output(report, "--report")
    origin = documents.origin_name(document)
    generation = documents.load(Generation, "generation", document)
    chatter = wants_chatter(verbose, quiet)
    options = BuildOptions(install=not no_install, verify=not no_verify, bench=not no_bench,
                           keep_slower=keep_slower, progress=chatter, reuse=not rebuild)
    result = build(generation, options, origin)
    if bench_script is not None and result.installed:
        from rustify.building.benchmarking import bench_script as time_program

        result.program_bench = time_program(bench_script, [])
    documents.write_document(result, "build", output)
    show_table(result, enabled=chatter)
    if not no_report:
        where = Path(report) if report else (Path(output).parent if output not in (None, "-") else
                                             Path(generation.crate.path)) / NAME
        write_report_for(result, output or "<stdout>", where, enabled=chatter, prog="rustify-build")


def write_report_for(result: Build, origin: str, where: Path, *, enabled: bool, prog: str) -> None:
    """The HTML report of a build, and its path on stderr. A report that cannot be written is
    a warning: the build itself is done and its document written."""
    from rustify.report import write_build_report

    try:
        path = write_build_report(result, origin, where)
        shown = os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
        say(f"report: {shown}", enabled=enabled)
    except (OSError, RustifyError) as exc:
        say(f"{prog}: warning: no report written ({exc})")


def show_table(result: Build, *, enabled: bool) -> None:
    if not enabled:
        return
    rows = []
    for f in result.functions:
        parity, bench = f.parity, f.bench
        rows.append([
            f.qualname or f.id, f.line or "",
            f"{f.self_percent:.1f}%" if f.self_percent is not None else "",
            "rejected" if f.status == "rejected" else "full",
            (f"{parity.passed}/{parity.cases}" + (f" ({sum(parity.skipped.values())} skipped)" if parity.skipped else ""))
            if parity else "-",
            f"{bench.python_ns / 1000:.1f} us" if bench else "-",
            f"{bench.rust_ns / 1000:.2f} us" if bench else "-",
            f"{bench.speedup:.1f}x" if bench else "-",
            f.status,
        ])
    say(format_table(["Function", "Line", "% Time", "Translation", "Parity", "Python", "Rust", "Speedup", "Status"],
                     rows, "lrrllrrrl"))
    for f in result.functions:  # a function the benchmark could not time says why, once
        if f.bench is None and f.extra.get("bench_error"):
            say(f"{f.qualname or f.id}: not timed: every sample it was given raised in the original "
                f"({f.extra['bench_error']})")
    program = result.program_bench
    if program:
        say(f"whole program {program.script}: python {program.python_seconds:.3f}s, rustify run "
            f"{program.rustify_seconds:.3f}s ({program.speedup:.1f}x"
            f"{', same output' if program.same_output else ', OUTPUT DIFFERS'})")
    accelerated = sum(1 for f in result.functions if f.status == "accelerated")
    say(f"accelerated {accelerated}/{len(result.functions)} functions; module {result.module}"
        + (f", wheel {result.wheel}" if result.wheel else ""))


main = entry(app, "rustify-build")
