"""What the commands of the ``policykg`` command line share: their settings, the store they open, the output folders
they check before any work, and counts written with their nouns."""

from __future__ import annotations

import os
from pathlib import Path

import click

from policykg.errors import PolicyKGError
from policykg.settings import Settings

__all__ = ["no_store", "open_from", "plural", "settings_of", "writable_folder"]


def plural(n: int, noun: str) -> str:
    """``1 mention``, ``2 mentions``: a count with its noun."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def settings_of(ctx: click.Context) -> Settings:
    """The settings the command line was given (``--store``, ``--data-dir``, environment, defaults)."""
    return ctx.obj["settings"]


def no_store(settings: Settings) -> bool:
    """True when the settings name an embedded store that has never been written (a mistyped --data-dir)."""
    from policykg.graph.embedded import DB_FILE

    return settings.store == "embedded" and not (Path(settings.data_dir) / DB_FILE).exists()


def open_from(ctx: click.Context, existing: bool = False):
    """The store the settings name; with ``existing``, an embedded store must have been written before (a command
    that only reads refuses a mistyped --data-dir instead of creating an empty store there and answering nothing).

    Raises:
        click.ClickException: no store there (with ``existing``), or the store cannot be opened or reached.
    """
    from policykg.graph.store import open_store

    settings = settings_of(ctx)
    if existing and no_store(settings):
        raise click.ClickException(f"no store in {settings.data_dir} (load documents first: policykg --data-dir "
                                   f"{settings.data_dir} load PATH; or check --data-dir / POLICYKG_DATA_DIR)")
    try:
        return open_store(settings)
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc


def writable_folder(folder: Path, named: str, hint: str = "") -> None:
    """Stop the command, before any work, when the output folder ``folder`` (``named`` in the message: ``--out x``)
    is a file or cannot be made or written there; it is made later, when written to.  A file in its place gave a
    FileExistsError traceback, and a folder that could not be made a FileNotFoundError one after the whole load (a
    user walkthrough).

    Raises:
        click.ClickException: one line naming the path and the reason, then ``hint``.
    """
    if folder.exists() and not folder.is_dir():
        raise click.ClickException(f"{named} is a file, not a folder{hint}")
    existing = next(p for p in (folder, *folder.parents) if p.exists())  # the folder, or the one it would be made in
    if not existing.is_dir():
        raise click.ClickException(f"{named} cannot be made: {existing} is a file, not a folder{hint}")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise click.ClickException(f"{named} is not writable{hint}" if existing == folder else
                                   f"{named} cannot be made: {existing} is not writable{hint}")
