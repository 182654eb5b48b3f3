"""``policykg facts``: what the graph says leads or serves an entity, or what it leads, serves or is part of, each fact
with the document and the sentences stating it.  A walkthrough (session 65) asking "what serves 乡村振兴?" found no
command answering it: ``view`` draws a page, ``export`` writes a file, and the Cypher a researcher wrote first asked
for ``r.sentence``, which no relationship has (``sentences`` is the list)."""

from __future__ import annotations

import click

from policykg.cli_support import LABEL, open_from, plural, refused, settings_of
from policykg.errors import PolicyKGError
from policykg.graph.facts import FACT_TYPES, facts_of

__all__ = ["facts"]

@click.command(help="List what the graph says leads or serves an entity, and what it leads, serves or is part of "
                    "(LEADS, SERVES, PART_OF), each fact with its document, year and place and the sentences stating "
                    "it; then the entities whose name holds NAME's, or lies inside it, that have facts of their own "
                    "(facts 以旧换新 names Program:消费品以旧换新).\n\n"
                    "Example: policykg facts 乡村振兴 --type SERVES\n\n"
                    "Example: policykg facts 发展新质生产力 --documents 'gwr2025-*'")
@click.argument("name")
@click.option("--label", type=LABEL, default=None, help="The label of NAME when several entities bear it.")
@click.option("--type", "types", type=click.Choice(FACT_TYPES, case_sensitive=False), multiple=True,
              help="Only facts of this type (repeatable; default: all three).")
@click.option("--documents", "patterns", multiple=True, metavar="PATTERN",
              help="Only facts stated in the documents whose id or title matches PATTERN (* for any characters: "
                   "'gwr2025-*'); repeat it for several.")
@click.option("--year", type=int, default=None, help="Only facts stated in documents of this year.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.pass_context
def facts(ctx: click.Context, name: str, label: str | None, types: tuple[str, ...], patterns: tuple[str, ...],
          year: int | None, limit: int) -> None:
    """Print the facts of the entity ``name`` (:func:`facts_of`), earliest first.

    Raises:
        click.ClickException: no entity has the name (the message suggests names like it), or a pattern or year
            keeps no document.
    """
    from policykg.cli_research import named_entity
    from policykg.graph.analytics import entity_view
    from policykg.graph.concordance import kept_documents

    store = open_from(ctx, existing=True)
    try:
        view = entity_view(store)
        nid = named_entity(store, view, name, label, settings_of(ctx).curation_path)
        kept = {d["id"] for d in kept_documents(store, patterns, year)} if patterns or year is not None else None
        asked = tuple(dict.fromkeys(t.upper() for t in types)) or FACT_TYPES
        rows = facts_of(store, nid, asked, kept)
        others = variant_facts(store, view, nid, asked, kept)
    except (PolicyKGError, ValueError) as exc:
        raise refused(exc) from exc
    finally:
        store.close()
    n_docs = len({f["doc_id"] for f in rows})
    click.echo(f"{nid}: {plural(len(rows), 'fact')} in {plural(n_docs, 'document')} ("
               + ", ".join(f"{t} {sum(f['type'] == t for f in rows)}" for t in asked) + ")")
    for f in rows[:limit]:
        click.echo(f"  {f['year'] or '?':>4}  {f['place'] or '?':<6}  {f['doc_id']}  "
                   f"{f['source']} -{f['type']}-> {f['target']}")
        for s in f["sentences"]:
            click.echo(f"        {s}")
    if len(rows) > limit:
        click.echo(f"({limit:,} of {len(rows):,} facts, the earliest; --limit for more)", err=True)
    if others:
        click.echo("Not listed above: entities whose name holds this one's or lies inside it, with facts of their own "
                   "(policykg facts ID lists them):")
        for v in others:
            click.echo(f"  {v['id']}: {plural(v['facts'], 'fact')} in {plural(v['documents'], 'document')}")


#: Most entities named after the facts of one (those with the most facts first).
VARIANT_LIMIT = 5


def variant_facts(store, view, node_id: str, types: tuple[str, ...], documents: set[str] | None
                  ) -> list[dict[str, object]]:
    """The entities whose name holds ``node_id``'s name or lies inside it (:func:`policykg.graph.analytics.variants`)
    that take part in facts of ``types`` stated in ``documents`` (``None``: all): ``facts 以旧换新`` answered "0 facts"
    for Program:以旧换新 and said nothing of Program:消费品以旧换新, whose facts a researcher asking was after (a
    walkthrough, session 67).

    Returns:
        At most :data:`VARIANT_LIMIT` ``{"id", "facts": int, "documents": int}``, most facts first, then id.
    """
    from policykg.graph.analytics import variants

    out, loaded = [], store.documents()
    for v in variants(view, node_id, limit=50):
        rows = facts_of(store, v["id"], types, documents, loaded)
        if rows:
            out.append({"id": v["id"], "facts": len(rows), "documents": len({f["doc_id"] for f in rows})})
    out.sort(key=lambda v: (-v["facts"], v["id"]))
    return out[:VARIANT_LIMIT]
