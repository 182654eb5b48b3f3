"""Which entity a name given on the command line names (``policykg diffusion NAME``, ``facts NAME``, ``view NODE``,
``export --node NODE``): an id is taken as it is, a name that one entity has or writes as an alias is that entity's,
and a name several entities have or write is refused with the list of them to choose from by id."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.graph.name_choice import candidate_rows, name_choices
from policykg.graph.search import near_names_apart

__all__ = ["CHOICES_SHOWN", "named_entity"]

#: Most entities a refused name lists (the rest are counted; ``policykg search NAME`` lists them).
CHOICES_SHOWN = 10


def named_entity(store, view, name: str, label: str | None, curation_path: Path | None = None) -> str:
    """The id of the entity ``name`` names: itself when it is an id of the store (``Goal:乡村振兴``), else the one
    entity that has the name as its id under ``label`` (without one: Program, Goal, Body, Document) or writes it as
    its name or an alias (:func:`~policykg.graph.name_choice.name_choices`: 乡村振兴 is an alias of Goal:乡村振兴战略;
    “两重” is 两重), saying so on stderr when the name is not its id.

    Args:
        store: the open store (for the names like a missed one).
        view: its entity view (:func:`policykg.graph.analytics.entity_view`).
        name: a name or an id (``以旧换新``, ``Program:以旧换新``, ``“两重”``).
        label: the label given (``--label``), or ``None``.
        curation_path: the curation file, whose decisions may have taken an id away.

    Returns:
        The entity's id.

    Raises:
        click.ClickException: the name is the name or an alias of several entities (each listed with its label, id
            and the documents mentioning it, most documented first, and how to give the one meant: by its id), of
            the label given or, when none of it has the name, of other labels (listed alike); or no
            entity has the name: the message names the decision of the curation file at ``curation_path`` that took
            the id away, if one did (as the API's 404s do), and suggests the search's best hits, or names like it for
            a typo, then the sentence search and ``curate add`` (a name missed).
    """
    if name in view.graph.nodes:
        return name
    given_label, _, bare = name.rpartition(":") if ":" in name else (label, "", name)
    named = name_choices(view, bare, given_label or None)
    if len(named) > 1:  # 以旧换新 took Program:以旧换新 (1 document) over Program:消费品以旧换新 (25): a walkthrough
        raise click.ClickException(_choices(bare, candidate_rows(view, named)))
    if named:
        if named[0] != f"{named[0].partition(':')[0]}:{bare}":  # a name or alias, not the id asked
            click.echo(f"{bare!r} is a name of {named[0]}", err=True)
        return named[0]
    head = f"no entity with id {name!r}" if ":" in name else f"no {label or 'entity'} named {name!r}"
    elsewhere = name_choices(view, bare) if given_label else []
    # the entities of the label asked like the name first, those of others apart (乡村振兴 --label Program named the
    # Goal alone, as if it were what was asked, and no Program holding the name: a maintainers' note, session 72)
    hits, apart = near_names_apart(store, bare, given_label or None, 5, name)
    perhaps = f"; perhaps {', '.join(hits)}" if hits else ""
    if len(elsewhere) == 1:  # 乡村振兴 --label Program suggested 乡村振兴示范村… alone, never Goal:乡村振兴战略 (session 50)
        raise click.ClickException(f"{head}{perhaps}; under another label, {bare} is a name of {elsewhere[0]} "
                                   "(give that label, or none)")
    if elsewhere:  # "(give that label, or none)" of two entities: no label named neither, and none was refused too
        raise click.ClickException(f"{head}{perhaps}; under other labels, " +
                                   _choices(bare, candidate_rows(view, elsewhere)))
    if apart:
        perhaps = f"; no {given_label} is like it; under other labels, perhaps {', '.join(apart)}"
    lb = given_label or "Program"  # a missed name: session 69; an id is said as one (it read "no entity named 'Goal:…'")
    raise click.ClickException(head + _curated_away(curation_path, name) + perhaps + f"; policykg sentences {bare} "
                               f"shows where the texts write it, policykg curate add {bare} --label {lb} makes it one")


def _choices(name: str, rows: list[dict]) -> str:
    """The refusal of a name several entities have: one line per entity (id, label, documents), at most
    :data:`CHOICES_SHOWN`, then how to give the one meant."""
    lines = [f"  {r['id']}  ({r['label']}, {r['documents']} document{'' if r['documents'] == 1 else 's'})"
             for r in rows[:CHOICES_SHOWN]]  # no padding: a Chinese character is two columns wide
    if len(rows) > CHOICES_SHOWN:
        lines.append(f"  … and {len(rows) - CHOICES_SHOWN} more (policykg search {name} lists them)")
    ctx = click.get_current_context(silent=True)
    labels = sorted({r["label"] for r in rows})
    by_label = (f", or {' or '.join(f'--label {lb}' for lb in labels)}" if ctx is not None and "label" in ctx.params
                and len(labels) > 1 and len(labels) == len(rows) else "")  # one entity of each label tells them apart
    # ("or --label Goal or Program" read as one value, "Goal or Program", to give: session 71)
    return (f"{name!r} is the name or an alias of {len(rows)} entities, most documented first:\n" + "\n".join(lines) +
            f"\nnone was taken: give the id of the one meant in place of the name ({rows[0]['id']}){by_label}")


def _curated_away(curation_path: Path | None, nid: str) -> str:
    """``"; curation decision d2 made it Goal:…"`` (or ``rejected it``, or ``rejected the name …``) when a decision
    of the curation file took the id ``nid`` away, else ``""`` (the command line said only "no entity named" where
    the API named the decision: a walkthrough, session 49)."""
    from policykg.graph.curation import readable
    from policykg.graph.curation_notes import old_id_note

    return "" if curation_path is None or ":" not in nid else old_id_note(readable(curation_path), nid)
