"""rustify list / uninstall / clean: the builds installed in this environment, and the cache."""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from rustify.activation import installed as inst
from rustify.cli.common import format_table, say
from rustify.errors import UsageError


def list_cmd() -> None:
    """Show the builds installed in this environment: module, functions, sources."""
    items = inst.installed()
    if not items:
        say(f"no rustify builds installed in this environment ({sys.prefix})")
        return
    rows = []
    cwd = os.getcwd()
    for item in items:
        if item.build is None:
            rows.append([item.module, "-", "unreadable record (an older rustify's?): build again or uninstall"])
            continue
        shown = [os.path.relpath(s, cwd) if s.startswith(cwd + os.sep) else s for s in item.sources]
        rows.append([item.module, f"{item.accelerated}/{item.functions}", ", ".join(shown) or "-"])
    print(format_table(["Module", "Accelerated", "Sources"], rows, "lrl"))
    print(f"{len(items)} builds in {sys.prefix}; records in {inst.registry_dir()}")


def uninstall_cmd(
    names: Optional[list[str]] = typer.Argument(None, metavar="[MODULE]...", help="Builds to remove (see rustify list)."),
    every: bool = typer.Option(False, "--all", help="Remove every rustify build of this environment."),
) -> None:
    """Uninstall builds: the extension module and its activation record."""
    if not names and not every:
        raise UsageError("name the builds to uninstall (see rustify list), or give --all")
    removed = inst.uninstall(list(names or []), every=every)
    say(f"uninstalled {', '.join(removed)}" if removed else "nothing to uninstall")


def clean_cmd(
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would be removed, remove nothing."),
) -> None:
    """Remove rustify's cache (compiled crates, reusable builds, runtime copies), with sizes.
    Installed builds and crates you generated are left alone."""
    removed = inst.clean(dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    for path, size in removed:
        say(f"{verb} {path} ({inst.human(size)})")
    total = sum(size for _, size in removed)
    say(f"{verb} {inst.human(total)}" if removed else "the cache is empty")
