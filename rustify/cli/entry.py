"""The `rustify` console script: a fast path for `rustify run`, the typer app otherwise.

`rustify run` is on the program's own start-up path, so it must not pay for importing
the whole CLI (typer, jsonschema, the translator: ~0.15 s); it only needs
`rustify.activation.activate`. Every other subcommand goes through `rustify.cli.main`.
"""

from __future__ import annotations

import sys


def _run_fast(argv: list[str]) -> int:
    build = None
    while argv and argv[0].startswith("--build"):
        if argv[0] == "--build" and len(argv) > 1:
            build, argv = argv[1], argv[2:]
        elif argv[0].startswith("--build="):
            build, argv = argv[0].split("=", 1)[1], argv[1:]
        else:
            break
    if not argv or argv[0].startswith("-"):
        return -1  # let the full CLI explain the usage
    from rustify.activation.activate import run_program

    return run_program(argv[0], argv[1:], build, prog="rustify run")


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] == ["run"]:
        status = _run_fast(argv[1:])
        if status >= 0:
            sys.exit(status)
    from rustify.cli.main import main as full

    full()
