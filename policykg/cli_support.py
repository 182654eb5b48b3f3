"""What the commands of the ``policykg`` command line share: their settings, the store they open, the output folders
they check before any work, counts written with their nouns, and errors worded in their options' names."""

from __future__ import annotations

import atexit
import gc
import os
from pathlib import Path

import click

from policykg.errors import PolicyKGError
from policykg.graph.schema import ENTITY_LABELS
from policykg.settings import Settings

__all__ = ["LABEL", "OPTION_NAMES", "LabelChoice", "analysed",
           "no_store", "open_from", "plural", "refused", "settings_of", "store_named", "writable_folder"]

#: How the command line names the parameters a scope refusal names (:class:`~policykg.graph.scope_errors.ScopeError`;
#: the API's names are its keys): it had printed the API's, ``documents: …`` and ``year=1800: …`` (session 65).
OPTION_NAMES = {"doc": "--doc", "documents": "--documents", "year": "--year", "min_documents": "--min-documents"}


class LabelChoice(click.Choice):
    """Entity labels as an option or argument takes them: in any letter case (``--label program`` had been refused as
    not one of 'Body', 'Program', …), given to the command as the schema spells them (``Program``: node labels are
    case-sensitive in Cypher and in the API), and named so when a word is none of them.

    Args:
        labels: the labels offered, as the schema spells them (default: every entity label).
    """

    def __init__(self, labels: list[str] | None = None) -> None:
        super().__init__(labels or list(ENTITY_LABELS), case_sensitive=False)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        """``[Body|Program|Goal|Document]`` in help, as the schema spells them (click shows case-free choices in small
        letters)."""
        names = "|".join(map(str, self.choices))
        return f"{{{names}}}" if param.required and param.param_type_name == "argument" else f"[{names}]"

    def get_invalid_choice_message(self, value: object, ctx: click.Context | None) -> str:
        """``'programme' is no entity label: Body, Program, Goal or Document (in any letter case)``."""
        names = [str(c) for c in self.choices]
        return f"{value!r} is no entity label: {', '.join(names[:-1])} or {names[-1]} (in any letter case)"


#: Any entity label (:class:`LabelChoice`).
LABEL = LabelChoice()


def plural(n: int, noun: str) -> str:
    """``1 mention``, ``2 mentions``: a count with its noun."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def settings_of(ctx: click.Context) -> Settings:
    """The settings the command line was given (``--store``, ``--data-dir``, environment, defaults)."""
    return ctx.obj["settings"]


def store_named(settings: Settings) -> str:
    """The store the settings name, for a line of output: ``the store in data/samples`` (embedded), ``the Neo4j
    database neo4j at bolt://127.0.0.1:7687`` (``the server's default database`` when none is named)."""
    if settings.store != "neo4j":
        return f"the store in {settings.data_dir}"
    database = f"database {settings.neo4j_database}" if settings.neo4j_database else "server's default database"
    return f"the Neo4j {database} at {settings.neo4j_uri}" if settings.neo4j_uri else f"the Neo4j {database}"


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


def refused(exc: Exception, names: dict[str, str] = OPTION_NAMES) -> click.ClickException:
    """The error the command line prints for ``exc``, an error of the store or the analytics: a scope refusal
    (:class:`~policykg.graph.scope_errors.ScopeError`) worded with ``names`` (the options, or for ``policykg documents``
    its ``PATTERN`` argument), any other with its own message.

    Returns:
        A :class:`click.ClickException` to raise.
    """
    from policykg.graph.scope_errors import ScopeError

    return click.ClickException(exc.words(names) if isinstance(exc, ScopeError) else str(exc))


def analysed(ctx: click.Context, analysis, patterns: tuple[str, ...] = (), year: int | None = None,
             with_store: bool = False):
    """The result of ``analysis(view, scope)`` over the store's entity view (opened and closed here), or over the view of
    the documents ``patterns`` and ``year`` keep (:func:`~policykg.graph.analytics_scope.scoped_view`, whose ``scope``
    it is given, ``None`` without them; said on stderr); with ``with_store``, ``analysis(view, scope, store)`` (the
    store open, to read its texts).

    Raises:
        click.ClickException: the analysis or the scope refused (a pattern no document matches, a year none of them is
            of, a ``--min-documents`` above the documents read), with its message in the options' names
            (:func:`refused`).
    """
    from policykg.graph import analytics as A
    from policykg.graph.analytics_scope import scope_words, scoped_view

    store = open_from(ctx, existing=True)
    try:
        view, scope = scoped_view(A.entity_view(store), store, patterns, year)
        if scope is not None:
            click.echo(f"({scope_words(scope)})", err=True)
        return analysis(view, scope, store) if with_store else analysis(view, scope)
    except (PolicyKGError, ValueError) as exc:
        raise refused(exc) from exc
    finally:
        store.close()


_FREEZE_AT_EXIT: list[bool] = []  # the at-exit freeze is registered (once per process)


def no_collection_at_exit() -> None:
    """Leave the objects alive when the process ends out of the collections of the interpreter's exit: at exit,
    :func:`gc.freeze` moves them to the collector's permanent generation, so the collections Python runs while it
    finalises (whatever the collector's state) walk none of them.

    A load's process holds the store's graph, indexes and the models' tables to its end, and those collections walked
    all of it: 0.65-0.7 of the 15.9 CPU s of a one-process load of the gwr corpus (1x), and after a load with workers
    this process runs them alone.  They free nothing the end of the process does not: the store is closed, its database
    and snapshot written, before the command returns, and output is flushed by the interpreter as before; objects are
    still freed by reference counting.  Registered once per process, so a process that goes on after the command (a
    test's ``CliRunner``) is collected as before until it exits.
    """
    if not _FREEZE_AT_EXIT:
        _FREEZE_AT_EXIT.append(True)
        atexit.register(gc.freeze)
