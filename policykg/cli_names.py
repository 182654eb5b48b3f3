"""Which entity a name given on the command line names (``policykg diffusion NAME``, ``facts NAME``, ``view NODE``,
``export --node NODE``): an id is taken as it is, a name is the entity's that has it or writes it as an alias."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.graph.search import near_names

__all__ = ["named_entity"]


def named_entity(store, view, name: str, label: str | None, curation_path: Path | None = None) -> str:
    """The id of the entity ``name`` names: itself when it is an id of the store (``Goal:乡村振兴``), else the first
    label of ``label`` or Program, Goal, Body, Document under which an entity has exactly that name, else the most
    documented entity that writes it as its name or an alias (:meth:`EntityView.named`: 乡村振兴 is an alias of
    Goal:乡村振兴战略; “两重” is 两重), saying so on stderr when others write it too.

    Raises:
        click.ClickException: no entity has the name; the message names the decision of the curation file at
            ``curation_path`` that took the id away, if one did (as the API's 404s do), and suggests the search's
            best hits, or names like it for a typo, then the sentence search and ``curate add`` (a name missed).
    """
    if name in view.graph.nodes:
        return name
    given_label, _, bare = name.rpartition(":") if ":" in name else (label, "", name)
    for lb in [given_label] if given_label else ["Program", "Goal", "Body", "Document"]:
        if f"{lb}:{bare}" in view.graph.nodes:
            return f"{lb}:{bare}"
    named = view.named(bare, given_label or None)
    if named:
        others = f"; {len(named) - 1} more write it too: {', '.join(named[1:4])}" if len(named) > 1 else ""
        click.echo(f"{bare!r} is a name of {named[0]}{others}", err=True)
        return named[0]
    elsewhere = view.named(bare) if given_label else []
    if elsewhere:  # 乡村振兴 --label Program suggested 乡村振兴示范村…, never Goal:乡村振兴战略 (a walkthrough, session 50)
        raise click.ClickException(f"no {given_label} named {bare!r}; it is a name of {', '.join(elsewhere[:3])} "
                                   "(give that label, or none)")
    hits, lb = near_names(store, bare, given_label or None, 5), given_label or "Program"  # a missed name: session 69
    raise click.ClickException(f"no {label or 'entity'} named {name!r}" + _curated_away(curation_path, name) +
                               (f"; perhaps {', '.join(hits)}" if hits else "") + f"; policykg sentences {bare} shows "
                               f"where the texts write it, policykg curate add {bare} --label {lb} makes it one")


def _curated_away(curation_path: Path | None, nid: str) -> str:
    """``"; curation decision d2 made it Goal:…"`` (or ``rejected it``, or ``rejected the name …``) when a decision
    of the curation file took the id ``nid`` away, else ``""`` (the command line said only "no entity named" where
    the API named the decision: a walkthrough, session 49)."""
    from policykg.graph.curation import readable
    from policykg.graph.curation_notes import old_id_note

    return "" if curation_path is None or ":" not in nid else old_id_note(readable(curation_path), nid)
