"""rustify-profile: run a program under cProfile or py-spy, or import a saved profile."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import orjson
import typer

from rustify import documents
from rustify.cli.common import PROGRAM_ARGS, entry, format_table, new_app, say, wants_chatter
from rustify.errors import UsageError
from rustify.profiling.profile import import_pstats, import_speedscope, profile_program
from rustify.records import Profile

app = new_app("Profile a Python program; print a rustify.profile JSON document.")


@app.command(context_settings=PROGRAM_ARGS)
def profile(
    target: Optional[str] = typer.Argument(None, metavar="SCRIPT", help="The program to run (omit with -m, --from-*)."),
    args: Optional[list[str]] = typer.Argument(None, metavar="[ARGS]...", help="Arguments passed to the program."),
    module: Optional[str] = typer.Option(None, "-m", "--module", help="Run a module as `python -m MODULE` would."),
    profiler: str = typer.Option("cprofile", "--profiler", help="cprofile (types and samples too) or py-spy."),
    from_pstats: Optional[str] = typer.Option(None, "--from-pstats", help="Import a file saved by `python -m cProfile -o`."),
    from_speedscope: Optional[str] = typer.Option(None, "--from-speedscope", help="Import py-spy's `--format speedscope` output."),
    repeat: int = typer.Option(1, "--repeat", help="Run the workload N times to gather more samples."),
    all_code: bool = typer.Option(False, "--all-code", help="Keep stdlib, site-packages and builtins too."),
    allow_failure: bool = typer.Option(False, "--allow-failure", help="Keep the profile of a program that exits with an error."),
    no_types: bool = typer.Option(False, "--no-types", help="With py-spy: skip the traced run that records argument types."),
    speedscope: Optional[str] = typer.Option(None, "--speedscope", metavar="FILE",
                                             help="Also write the sampled stacks here in speedscope's format."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write the document here instead of stdout."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show the hot-function table on stderr."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Nothing on stderr but errors."),
) -> None:
    documents.check_output(output)
    documents.check_output(speedscope, "--speedscope")
    args = list(args or [])
    sources = [x for x in (target if not module else None, module, from_pstats, from_speedscope) if x]
    if len(sources) != 1:
        raise UsageError("give exactly one of SCRIPT, -m MODULE, --from-pstats FILE, --from-speedscope FILE")
    if speedscope and from_pstats:
        raise UsageError("--speedscope needs sampled stacks, which a pstats file does not have: "
                         "profile the program itself")
    if from_pstats:
        result = import_pstats(from_pstats, all_code=all_code)
    elif from_speedscope:
        result = import_speedscope(from_speedscope, all_code=all_code)
    elif module:
        args = ([target] if target else []) + args
        result = profile_program(module, args, as_module=True, profiler=profiler, repeat=repeat,
                                 all_code=all_code, observe=not no_types, allow_failure=allow_failure)
    else:
        result = profile_program(target, args, profiler=profiler, repeat=repeat, all_code=all_code,
                                 observe=not no_types, allow_failure=allow_failure)
    documents.write_document(result, "profile", output)
    if speedscope:
        write_speedscope(result, speedscope, quiet)
    show_table(result, enabled=wants_chatter(verbose, quiet))


def write_speedscope(result: Profile, path: str, quiet: bool) -> None:
    from rustify.profiling.speedscope_export import speedscope_document

    document = speedscope_document(result)
    documents.write_atomic(Path(path), orjson.dumps(document))
    if not document["profiles"][0]["samples"]:
        say(f"rustify-profile: warning: the program ran too briefly to be sampled; {path} has no samples",
            enabled=not quiet)


def show_table(result: Profile, *, enabled: bool, limit: int = 15) -> None:
    if not enabled:
        return
    rows = [[f.qualname, f.line, f"{f.self_percent:.1f}%", f"{f.total_percent:.1f}%", f.calls]
            for f in result.functions[:limit]]
    say(format_table(["Function", "Line", "% Self", "% Total", "Calls"], rows, "lrrrr"))
    say(f"{len(result.functions)} functions, {result.total_seconds:.3f}s profiled ({result.program.profiler})")


main = entry(app, "rustify-profile")
