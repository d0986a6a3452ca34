"""Errors as values with a location.

The library raises `RustifyError`s; only the CLI edge (`rustify.cli.common`) turns
one into a single line on stderr and an exit code. A location is a file plus either
a JSON path (`$.functions[3].line`) or a source position (`line:col`), so every
message can point at the exact place a user must look.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_FAILURE = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file and, optionally, a JSON path or a line/column."""

    file: str | None = None
    json_path: str | None = None
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.json_path is not None:
            return f"{parts[0]}: {self.json_path}"
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


class RustifyError(Exception):
    """A failure the user can act on. `exit_code` 2 means bad input or usage."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str, location: Location | None = None, *, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        #: further lines (e.g. every schema violation); each is already located
        self.details = details or []

    def lines(self) -> list[str]:
        """The error as one line per problem, each naming its place."""
        if self.details:
            return list(self.details)
        if self.location is None:
            return [self.message]
        return [f"{self.location}: {self.message}"]

    def __str__(self) -> str:
        return "; ".join(self.lines())


class UsageError(RustifyError):
    """A bad command line: unknown option value, a name that matches nothing."""

    exit_code = EXIT_USAGE


class InputError(RustifyError):
    """A bad input document or file: not JSON, wrong kind, schema violations, missing."""

    exit_code = EXIT_USAGE


class ToolError(RustifyError):
    """An external step failed: the profiled program, cargo, maturin."""

    exit_code = EXIT_FAILURE
