"""``policykg diffusion`` (how an entity spread), ``policykg central`` and ``policykg communities`` (the analytics of
the API on the command line) and ``policykg export`` (the graph for other tools)."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.cli_names import named_entity
from policykg.cli_support import LABEL, OPTION_NAMES, analysed, open_from, plural, refused, settings_of, writable_folder
from policykg.errors import NotFoundError, PolicyKGError
from policykg.graph.export import FILE_FORMATS, FORMATS

__all__ = ["central", "communities", "diffusion", "export", "export_format", "named_entity", "search"]


def _documents_option(what: str):
    """The ``--documents PATTERN`` option (repeatable) of the commands that read some documents only; ``what`` says
    what they do with them (``Count only``)."""
    return click.option("--documents", "patterns", multiple=True, metavar="PATTERN",
                        help=f"{what} the documents whose id or title matches PATTERN (* for any characters: 'gwr-*', "
                             "'*政府工作报告*'); repeat it for several.")


#: ``--year`` of the analytics: the documents kept are of that year.
_year_option = click.option("--year", type=int, default=None,
                            help="Read only the documents of this year (with --documents: those of them).")


@click.command(help="Show how a program (or any entity) spread: the documents that mention it by year, with place "
                   "and the form each used; without PROGRAM, list the entities found in at least --min-documents "
                   "documents (as GET /diffusion); with --documents or --year, within the documents kept alone (as "
                   "central).\n\n"
                   "Example: policykg diffusion 红色物业\n\n"
                   "Example: policykg diffusion 乡村振兴 --documents 'gwr-*' (the documents whose id or title matches)\n\n"
                   "Example: policykg diffusion --year 2024 --min-documents 3")
@click.argument("program", required=False)
@click.option("--min-documents", type=click.IntRange(1), default=2, show_default=True)
@click.option("--label", type=LABEL, default=None)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@_documents_option("Count only")
@_year_option
@click.pass_context
def diffusion(ctx: click.Context, program: str | None, min_documents: int, label: str | None, limit: int,
              patterns: tuple[str, ...], year: int | None) -> None:
    from policykg.graph import analytics as A
    from policykg.graph.analytics_scope import check_min_documents, min_documents_note, scope_words, scoped_diffusion
    from policykg.graph.concordance import excerpt

    given = ctx.get_parameter_source("min_documents") is not click.core.ParameterSource.DEFAULT

    def listed(view, scope):  # a number given above the documents read printed nothing; the default one says why
        if given:
            check_min_documents(view, min_documents, scope)
        rows = A.diffusion_summary(view, min_documents, label, None)
        if not rows:
            click.echo(f"(no entity is in {min_documents} documents or more)", err=True)
            if note := min_documents_note(view, min_documents, scope, OPTION_NAMES):
                click.echo(f"({note})", err=True)
        return rows

    if program is None:  # the documents kept as for central and GET /diffusion (a year was not taken)
        if rows := analysed(ctx, listed, patterns, year):
            click.echo("docs  years      entity")
        for r in rows[:limit]:
            click.echo(f"{r['documents']:>4}  {_years(r['first_year'], r['last_year']):<9}  {r['id']}")
        if len(rows) > limit:  # a walkthrough (session 46): 50 of 3,859 were printed with no word of the rest
            click.echo(f"({limit:,} of {len(rows):,} entities in at least {min_documents} documents; "
                       "--limit for more)", err=True)
        return
    if given:
        click.echo("--min-documents applies to the list without PROGRAM; ignored", err=True)  # it was silently
    store = open_from(ctx, existing=True)
    try:
        view = A.entity_view(store)
        nid = named_entity(store, view, program, label, settings_of(ctx).curation_path)
        result = scoped_diffusion(view, store, nid, program.rpartition(":")[2], patterns, year)
    except (PolicyKGError, ValueError) as exc:
        raise refused(exc) from exc
    finally:
        store.close()
    # the mentions of the documents kept, as node.mention_count of GET /programs/{id}/diffusion counts them
    within = (f"counted {scope_words(result['within'])}: {plural(result['node'].get('mention_count') or 0, 'mention')}"
              if "within" in result else "")
    first, ties, undated = result["first_adopter"], result["first_year_documents"], result["undated_documents"]
    tie = f", one of {ties} documents of that year" if ties > 1 else ""
    # a document of unknown year may be older (a walkthrough, session 50: the 1921 report, undated, was passed over)
    unknown = f"; {undated} document{'s' if undated > 1 else ''} of unknown year not compared" if undated and first else ""
    click.echo(f"{result['node']['id']}: {plural(len(result['documents']), 'document')}, first adopter "
               f"{first['id'] + ' (' + str(first['year']) + tie + ')' if first else 'unknown (no year)'}{unknown}")
    if early := result.get("first_written"):  # the first adopter is the first to be extracted, not to write it
        # "perhaps inside a longer name" where the name was extracted as another node (a walkthrough, session 69)
        how = (f"extracted there as {', '.join(early['extracted_as'])}" if early.get("extracted_as")
               else "perhaps inside a longer name")
        click.echo(f"  (written earlier, where it was not extracted as this entity: {early['doc_id']} "
                   f"({early['year']}) writes {early['form']!r}, {how}: its sentence is listed below)")
    if within:
        click.echo(f"  ({within})")
    if form := result.get("form"):  # asked by an alias: which documents write that name itself
        span = f" ({_years(form['first_year'], form['last_year'])})" if form["first_year"] is not None else ""
        n = len(form["documents"])
        click.echo(f"  of them, {n} write{'s' if n == 1 else ''} {form['name']!r} itself{span}; the others write "
                   "another form of the entity (the last column)")
    for d in result["documents"][:limit]:  # --limit had cut only the list without PROGRAM (a walkthrough, session 57)
        forms = " ｜ ".join(d["forms"])  # the forms hold 、 (千村示范、万村整治): joined by it they ran together (session 50)
        click.echo(f"  {d['year'] or '?':>4}  {d['place'] or d['level'] or '?':<6}  {d['id']}  {forms}")
    if len(result["documents"]) > limit:
        click.echo(f"({limit:,} of {len(result['documents']):,} documents, the earliest; --limit for more)", err=True)
    if written := result["written_elsewhere"]:  # a name extracted as another node there is said (session 69)
        other = sum(1 for w in written if w.get("extracted_as"))
        click.echo(f"Written in {len(written)} more document(s) where it was not extracted as this entity (there the "
                   "name may stand inside a longer name or another entity's; the first sentence of each, "
                   "`policykg sentences` gives them all" +
                   (f"; {other} of them extract the name as another entity, named after the sentence)" if other else
                    ")") + ":")
        for w in written:
            sentence = excerpt(w["sentence"], w["at"])  # cut at 69 characters, 上海's showed no 以旧换新
            as_other = f"  [extracted as {', '.join(w['extracted_as'])}]" if w.get("extracted_as") else ""
            click.echo(f"  {w['year'] or '?':>4}  {w['place'] or w['level'] or '?':<6}  {w['doc_id']}  {sentence}{as_other}")
    if result["variants"]:
        click.echo("Not counted above: entities whose name holds this one's or lies inside it (documents mentioning "
                   "each; of them, not among the documents counted):")
        for v in result["variants"]:
            click.echo(f"  {v['documents']:>4}  {v['not_counted']:>4}  {v['id']}")


def _years(first: int | None, last: int | None) -> str:
    """``2005–2012``, or ``2025`` for one year (it printed 2025–2025), ``?`` for an unknown end."""
    return str(first or "?") if first == last else f"{first or '?'}–{last or '?'}"


@click.command(help="List the most central entities of a label in the entity graph (as GET /analytics/central); with "
                   "--documents or --year, in the entity graph of those documents alone (the entities they mention, "
                   "the facts they state, the sentences they share).\n\n"
                   "Example: policykg central --measure pagerank --label Goal\n\n"
                   "Example: policykg central --label Body --documents 'gwr2025-*'")
@click.option("--label", type=LABEL, default="Program", show_default=True)
@click.option("--measure", type=click.Choice(["degree", "pagerank", "betweenness"]), default="degree",
              show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--sources", type=click.IntRange(0), default=None,
              help="betweenness: source nodes sampled (default 2,500 on more than 5,000 entities; 0: all, exact)")
@_documents_option("Analyse only")
@_year_option
@click.pass_context
def central(ctx: click.Context, label: str, measure: str, limit: int, sources: int | None, patterns: tuple[str, ...],
            year: int | None) -> None:
    import time

    from policykg.graph import centrality as C

    def ranked(view):
        n, m = view.graph.number_of_nodes(), view.graph.number_of_edges()
        k = None if measure != "betweenness" else C.betweenness_sources(n, sources)
        if measure == "betweenness" and k is None and (expected := C.betweenness_seconds(n, m, None)) > 30:
            # 7 min 25 s without a word (session 50)
            click.echo(f"exact betweenness over {n:,} entities: this takes {C.duration(expected)}", err=True)
        started = time.perf_counter()
        rows = C.central(view, label, measure, limit, sources)
        if k is not None:  # a sample ranked as if exact, and said nowhere but in /docs (a walkthrough, session 50)
            took = time.perf_counter() - started
            click.echo(f"betweenness estimated from {k:,} of {n:,} source entities ({took:.1f} s): the top of the "
                       f"list varies with the sample; --sources 0 computes it exactly ({C.duration(took * n / k)} "
                       "here)", err=True)
        return rows

    rows = analysed(ctx, lambda view, _scope: ranked(view), patterns, year)
    click.echo(f"{measure:>11}  links  docs  entity")  # the second column was also headed "degree"
    for r in rows:
        click.echo(f"{r['score']:>11.6f}  {r['degree']:>5}  {r['doc_count']:>4}  {r['id']}")


@click.command(help="List the communities of the entity graph (Louvain, seeded) seen from a label: its members in "
                   "each, the counts of every label and the community's central goal (as GET "
                   "/analytics/communities); with --documents or --year, of those documents alone (as central)."
                   "\n\nExample: policykg communities --label Body --limit 5")
@click.option("--label", type=LABEL, default="Program", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--members", type=click.IntRange(1, 1000), default=15, show_default=True)
@_documents_option("Analyse only")
@_year_option
@click.pass_context
def communities(ctx: click.Context, label: str, limit: int, members: int, patterns: tuple[str, ...],
                year: int | None) -> None:
    from policykg.graph import centrality as C

    for c in analysed(ctx, lambda view, _scope: C.communities(view, label, limit, members), patterns, year):
        theme = c["theme"]["id"] if c.get("theme") else "?"
        counts = ", ".join(f"{k} {v}" for k, v in sorted(c["counts"].items()))
        click.echo(f"#{c['id']} ({c['size']} members: {counts}; theme {theme})")
        click.echo("  " + " ｜ ".join(m["name"] or m["id"] for m in c["members"]))  # names hold 、 (session 50)


@click.command(help="Find entities by name or alias (Chinese substring, short forms: 发改委 finds 省发展改革委), "
                   "most-documented first, as GET /search; a name with a character wrong finds the names like it."
                   "\n\nExample: policykg search 红色物业 --label Program")
@click.argument("q")
@click.option("--label", type=LABEL, default=None)
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)
@click.pass_context
def search(ctx: click.Context, q: str, label: str | None, limit: int) -> None:
    from policykg.graph.search import find_entities

    store = open_from(ctx, existing=True)
    try:
        hits = find_entities(store, q, label, limit)
        if not hits or hits[0].get("match") == "similar":
            click.echo(f"no {label or 'entity'} name or alias holds {q!r}" +
                       ("; names like it:" if hits else ""), err=True)
    except (PolicyKGError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if hits:
        click.echo("docs  entity  (aliases)")
    for h in hits[:limit]:
        names = sorted(h.get("aliases") or [], key=lambda a: q not in a)  # the forms holding the query first
        # joined by ｜ as the diffusion's forms: aliases hold 、 (千村示范、万村整治), and 、 between them made three look five
        shown = " ｜ ".join(names[:5]) + (f" … {len(names) - 5} more" if len(names) > 5 else "")
        aliases = f"  ({shown})" if names else ""
        click.echo(f"{h.get('doc_count') or 0:>4}  {h['id']}{aliases}")
    if len(hits) > limit:
        click.echo(f"more entities match; --limit {min(200, limit * 2)} shows more", err=True)


@click.command(help="List the loaded documents: id, year, place, characters and title, in load order (as GET "
                   "/documents); PATTERN keeps those whose id or title matches it (* stands for any characters; "
                   "repeatable), --year those of a year.  A document's id is what delete, diffusion --documents "
                   "and the API take.\n\nExample: policykg documents 'gwr-20*'")
@click.argument("patterns", nargs=-1)
@click.option("--year", type=int, default=None, help="Only documents of this year (as GET /documents?year=).")
@click.pass_context
def documents(ctx: click.Context, patterns: tuple[str, ...], year: int | None) -> None:
    from policykg.graph.concordance import kept_documents

    store = open_from(ctx, existing=True)
    try:
        docs = store.documents()
        kept = kept_documents(store, patterns, year, docs)
    except (PolicyKGError, ValueError) as exc:
        raise refused(exc, {**OPTION_NAMES, "documents": "PATTERN"}) from exc
    finally:
        store.close()
    rows = sorted(kept, key=lambda d: (d.get("load_order") or 0, d["id"]))
    for d in rows:
        title = d.get("title") or ""
        click.echo(f"{d['id']}\t{d.get('year') or '-'}\t{d.get('place') or d.get('level') or '-'}\t"
                   f"{d.get('char_count') or 0}\t{title if title != d['id'].partition(':')[2] else ''}")
    click.echo(f"{plural(len(rows), 'document')}" + (f" of {len(docs)}" if patterns or year is not None else "") +
               " (id, year, place or level, characters, title)", err=True)


@click.command("read", help="Print a loaded document's text as stored (what every offset of its mentions and "
                            "sentences indexes; GET /read/{id} shows it as a page).  DOC_ID: its id, file stem or file "
                            "name.\n\nExample: policykg read gwr-2024 | less")
@click.argument("doc_id")
@click.pass_context
def read_text(ctx: click.Context, doc_id: str) -> None:
    from policykg.loaders.read import document_ref

    store = open_from(ctx, existing=True)
    try:
        ref = document_ref(doc_id)
        text = store.document_text(ref)
        if text is None:
            store.document(ref)  # raises NotFoundError naming the documents it may have meant
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(text)


def export_format(out: Path, fmt: str | None) -> str:
    """The export format: ``fmt`` when given, else the one ``out``'s extension names, else (no extension, or .xml)
    graphml.

    Raises:
        click.UsageError: ``out`` names a file format other than ``fmt`` (x.gexf --format graphml), which
            Gephi or networkx would then fail to read; or, without ``fmt``, an extension of no format written
            (x.json, x.csv).
    """
    named = out.suffix.lower().lstrip(".")
    if fmt is None and named == "csv":  # csv writes a folder of two files; GraphML in a .csv file was a trap
        raise click.UsageError(f"the csv export is a folder (nodes.csv, edges.csv): policykg export --format csv "
                               f"{out.with_suffix('')}")
    if fmt is None and named and named not in FILE_FORMATS and named != "xml":  # GraphML is XML
        # x.json was written as GraphML without a word (a walkthrough, session 49)
        hint = "; JSON Lines is .jsonl" if named == "json" else ""
        raise click.UsageError(f"{out}: .{named} is no format policykg exports (files: "
                               f"{', '.join('.' + f for f in sorted(FILE_FORMATS))}{hint}); rename the file or give "
                               f"--format")
    if fmt is None:
        return named if named in FILE_FORMATS else "graphml"
    if named in FILE_FORMATS and named != fmt:
        raise click.UsageError(f"{out} names the {named} format but --format is {fmt}; change one of them")
    return fmt


@click.command(help="Export the whole graph, or a node's neighbourhood, for Gephi, networkx, spreadsheets or "
                   "neo4j-admin bulk import (graphml/gexf/jsonl write a file, csv/neo4j-admin a folder).\n\n"
                   "Example: policykg export --format gexf policykg.gexf")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Default: from OUT's extension (.graphml or .xml, .gexf, .jsonl; none: graphml). csv and "
                   "neo4j-admin write a folder: give --format.")
@click.option("--node", default=None, help="Export this node's neighbourhood only.")
@click.option("--depth", type=click.IntRange(1, 3), default=None, help="Hops around --node (default 1).")
@click.option("--labels", default=None, help="Only nodes of these labels around --node, comma-separated: Program,Goal.")
@click.option("--types", default=None, help="Only relationships of these types around --node: SERVES,LEADS.")
@_documents_option("Export only what is stated in")
@click.option("--year", type=int, default=None, help="Export only what the documents of this year state (with "
              "--documents: those of them); entities are counted in those documents (doc_count, mention_count).")
@click.pass_context
def export(ctx: click.Context, out: Path, fmt: str | None, node: str | None, depth: int | None, labels: str | None,
           types: str | None, patterns: tuple[str, ...], year: int | None) -> None:
    from policykg.graph.analytics_scope import scope_words
    from policykg.graph.concordance import kept_documents
    from policykg.graph.export import store_graph, write_export
    from policykg.graph.store import MAX_NODES

    fmt = export_format(out, fmt)
    if depth is not None and not node:
        raise click.UsageError("--depth is the number of hops around --node: give --node too, or leave --depth out "
                               "to export the whole graph")
    depth = depth or 1
    chosen = {k: [n.strip() for n in v.split(",") if n.strip()] or None if v else None
              for k, v in (("labels", labels), ("types", types))}

    if fmt not in FILE_FORMATS:  # a file in its place answered "[Errno 17] File exists: 'graphml'" (a user walkthrough)
        writable_folder(out, str(out), f" (--format {fmt} writes a folder of files: give a new path)")
    elif out.is_dir():  # "[Errno 21] Is a directory: 'out.csv'" (a walkthrough, session 57: a csv export's folder)
        raise click.ClickException(f"{out} is a folder (--format {fmt} writes one file: give a file's path, such as "
                                   f"{out / ('graph.' + fmt)})")
    store = open_from(ctx, existing=True)
    try:
        kept = kept_documents(store, patterns, year) if patterns or year is not None else None
        chosen["within"] = None if kept is None else frozenset(d["id"] for d in kept)
        try:
            nodes, edges, truncated = store_graph(store, node, depth, fmt=fmt, **chosen)
        except NotFoundError:  # a name or alias (保交房 of Program:保交房攻坚战) names the node, as for view
            from policykg.graph.analytics import entity_view

            node = named_entity(store, entity_view(store), node, None, settings_of(ctx).curation_path)
            nodes, edges, truncated = store_graph(store, node, depth, fmt=fmt, **chosen)
        paths = write_export(nodes, edges, fmt, out)
    except (PolicyKGError, ValueError, OSError) as exc:
        raise refused(exc) from exc
    finally:
        store.close()
    click.echo(f"wrote {len(nodes)} nodes and {len(edges)} edges to " + ", ".join(str(p) for p in paths))
    if kept is not None:
        click.echo(f"what {len(kept):,} document{'s state' if len(kept) != 1 else ' states'} ("
                   f"{scope_words({'patterns': list(patterns), 'year': year, 'documents': len(kept)})}): doc_count and "
                   "mention_count count them, doc_count_total and mention_count_total every document", err=True)
    if truncated:
        click.echo(f"the neighbourhood of {node} at depth {depth} holds more than {MAX_NODES:,} nodes: the file has "
                   f"the nearest {MAX_NODES:,} (and the documents of their sections); export a smaller depth, or the "
                   f"whole graph without --node", err=True)
