"""``policykg curate …`` (curation decisions) and ``policykg sentences`` (concordance)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from policykg.cli_support import LABEL, open_from, plural, refused, settings_of
from policykg.errors import PolicyKGError

__all__ = ["curate", "sentences"]


def _changing(path: Path) -> Any:
    """The lock of the curation file (:func:`policykg.graph.curation.changing`), saying so when another process holds
    it and this one waits."""
    from policykg.graph.curation import changing

    return changing(path, waiting=lambda: click.echo(f"waiting for another policykg process changing {path} "
                                                     "(a decision or a re-application) ...", err=True))


def _decide(ctx: click.Context, dry_run: bool, **fields: Any) -> None:
    """Preview a decision; unless ``dry_run``, record it in the curation file and re-apply the curation."""
    from policykg.curate import decide, decision_fields, preview
    from policykg.graph.curation import Curation, make_decision

    settings = settings_of(ctx)
    store = open_from(ctx, existing=True)  # a decision recorded in a store made by a mistyped --data-dir is lost
    try:
        raw = decision_fields(**fields, store=store)
        if dry_run:
            counted = preview(store, make_decision({**raw, "id": "new"}, "the decision"), Curation(settings.curation_path))
        else:
            with _changing(settings.curation_path):  # the file read, the decision added and applied, one process at a time
                decision, counted, report = decide(store, Curation(settings.curation_path), raw, settings.extractor_model(),
                                                   settings.load_workers, settings.extraction_cache(), progress=True)
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    _changes(counted, dry_run)
    if counted.get("ends_on"):  # the node the entities end on, before the act
        named = "" if fields.get("canonical") else " (the first node's name; --canonical NAME names it otherwise)"
        click.echo(f"{'would make' if dry_run else 'made'} the node {counted['ends_on']}{named}")
    if counted.get("merges_into"):
        click.echo(f"{counted['merges_into']} exists: this {'would merge' if dry_run else 'merged'} the two into one")
    if counted.get("relations_dropped"):
        dropped = ", ".join(f"{n} {t}" for t, n in sorted(counted["relations_dropped"].items()))
        click.echo(f"{'would drop' if dry_run else 'dropped'} {dropped} relationship(s) the new label does not allow "
                   "(LEADS is Body -> Program, SERVES Program -> Goal, PART_OF Program -> Program)")
    if counted.get("earlier"):  # an add of a name a reject took out, the same decision twice (a walkthrough, session 58)
        click.echo("the curation file already holds decisions about these names, applied in its order (policykg curate "
                   "undo ID takes one out):\n" + "\n".join(f"  {line}" for line in counted["earlier"]), err=True)
    if not counted["mentions"]:
        # a node the store holds that the decision changes nothing of yet (a walkthrough, session 55: "nothing in the
        # store matches" of an add of a name that is an entity, of a detach of an alias policykg derived)
        held = ", ".join(counted["nodes"])
        click.echo((f"every occurrence of {raw.get('name')} in the stored texts is already a mention of {held}"
                    if held and raw["action"] == "add" else
                    f"no mention of {held} is written as {raw.get('alias')} (an alias derived from its name, not a form "
                    "of the texts)" if held and raw["action"] == "detach" else
                    "nothing in the store matches: check the name (and --label)") +
                   ("; the decision is recorded all the same and applies to documents loaded later "
                    "(policykg curate list shows it; policykg curate undo ID takes it out)" if not dry_run else ""),
                   err=True)
    if not dry_run:
        click.echo(f"recorded in {settings.curation_path}: {decision.describe()}")
        click.echo(report.summary())


def _changes(counted: dict[str, Any], dry_run: bool) -> None:
    """Print the mentions and documents a decision (or an undo) changes, or would, and the nodes they are on now."""
    nodes = counted["nodes"]
    shown = ", ".join(nodes[:10]) + (f" and {len(nodes) - 10} more" if len(nodes) > 10 else "")
    click.echo(f"{'would change' if dry_run else 'changes'} {plural(counted['mentions'], 'mention')} in "
               f"{plural(counted['documents'], 'document')}" +
               (f" (mentions of {shown} as the store holds them now)" if nodes else ""))


def _dry_run(f):
    return click.option("--dry-run", is_flag=True, help="Only print how many mentions it would change.")(
        click.option("--note", default=None, help="Why (kept in the curation file).")(f))


@click.group(help="Correct the graph with decisions that survive every reload (kept in POLICYKG_CURATION_FILE, "
                  "default <data dir>/curation.toml; applied whenever documents are loaded).\n\n"
                  "Example: policykg curate merge Program:县以下事业单位管理岗位职员等级晋升制度 "
                  "Program:县以下事业单位管理岗位职员等级晋升工作 --dry-run")
def curate() -> None:
    pass


@curate.command("list", help="Print the decisions in the order they apply.")
@click.pass_context
def list_(ctx: click.Context) -> None:
    from policykg.graph.curation import Curation

    path = settings_of(ctx).curation_path
    try:
        decisions = Curation(path).decisions
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"# {path}: {plural(len(decisions), 'decision')}")
    for d in decisions:
        click.echo(d.describe())


@curate.command(help="List names that are a node of two labels (a Program in some documents, a Goal in others), "
                     "with the retype that would join them; then pairs of nodes of one label a document names as one "
                     "(one holds the other's name as an alias), with the merge that would join them; most documented "
                     "first.  Which are one is your call.\n\n"
                     "Example: policykg curate suggest --limit 10")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Names and pairs to list, each.")
@click.pass_context
def suggest(ctx: click.Context, limit: int) -> None:
    from policykg.graph.curation_suggest import label_conflicts, named_apart

    store = open_from(ctx, existing=True)
    try:
        found, apart = label_conflicts(store), named_apart(store)
    finally:
        store.close()
    click.echo(f"{plural(len(found), 'name')} of two labels" + (f"; the first {limit}" if len(found) > limit else ""))
    for c in found[:limit]:
        nodes = " / ".join(f"{n['id']} ({plural(n['doc_count'], 'document')})" for n in c["nodes"])
        moves = "; ".join(f"policykg curate retype {m['node']} {m['to']}" for m in c["retype"]) or "a tie: your call"
        click.echo(f"{nodes}\n    {moves}")
    # a curation walkthrough (session 58): the load's "perhaps one entity" pairs were printed once, at load time
    click.echo(f"\n{plural(len(apart), 'pair')} of nodes a document names as one (one holds the other's name as an alias)"
               + (f"; the first {limit}" if len(apart) > limit else ""))
    for c in apart[:limit]:
        holder, other = c["nodes"]
        click.echo(f"{holder['id']} ({plural(holder['doc_count'], 'document')}) holds {c['alias']!r}, the name of "
                   f"{other['id']} ({plural(other['doc_count'], 'document')})\n    policykg curate merge {' '.join(c['merge'])}")


@curate.command(help="These entities are one; the node gets the canonical name (default: the first's).\n\n"
                     "Example: policykg curate merge Program:县以下事业单位管理岗位职员等级晋升制度 "
                     "Program:县以下事业单位管理岗位职员等级晋升工作")
@click.argument("nodes", nargs=-1, required=True)
@click.option("--canonical", default=None, help="Canonical name of the merged entity.")
@_dry_run
@click.pass_context
def merge(ctx: click.Context, nodes: tuple[str, ...], canonical: str | None, note: str | None, dry_run: bool) -> None:
    _decide(ctx, dry_run, action="merge", nodes=list(nodes), canonical=canonical, note=note)


@curate.command(help="Give an entity a new canonical name (the old one stays an alias).\n\n"
                     "Example: policykg curate rename Program:五星支部创建 五星支部")
@click.argument("node")
@click.argument("canonical")
@_dry_run
@click.pass_context
def rename(ctx: click.Context, node: str, canonical: str, note: str | None, dry_run: bool) -> None:
    if not canonical.strip():
        raise click.UsageError("the new name is empty")
    _decide(ctx, dry_run, action="rename", node=node, canonical=canonical, note=note)


@curate.command(help="Change an entity's label.\n\nExample: policykg curate retype Program:党史学习教育 Goal")
@click.argument("node")
@click.argument("to", type=LABEL)
@_dry_run
@click.pass_context
def retype(ctx: click.Context, node: str, to: str, note: str | None, dry_run: bool) -> None:
    _decide(ctx, dry_run, action="retype", node=node, to=to, note=note)


@curate.command(help="A name is never an entity again, in any document.\n\nExample: policykg curate reject 红色物业")
@click.argument("name")
@click.option("--label", type=LABEL, default=None, help="Only as this label (default: any).")
@_dry_run
@click.pass_context
def reject(ctx: click.Context, name: str, label: str | None, note: str | None, dry_run: bool) -> None:
    _decide(ctx, dry_run, action="reject", name=name, label=label, note=note)


@curate.command(help="A name the extractor missed: every sentence holding it gets a mention.\n\n"
                     "Example: policykg curate add 党建引领 --label Program")
@click.argument("name")
@click.option("--label", type=LABEL, required=True)
@_dry_run
@click.pass_context
def add(ctx: click.Context, name: str, label: str, note: str | None, dry_run: bool) -> None:
    _decide(ctx, dry_run, action="add", name=name, label=label, note=note)


@curate.command(help="An alias merged into an entity wrongly becomes an entity of its own.\n\n"
                     "Example: policykg curate detach Program:县以下事业单位管理岗位职员等级晋升制度 "
                     "县以下事业单位理岗位职员等级晋升制度")
@click.argument("node")
@click.argument("alias")
@_dry_run
@click.pass_context
def detach(ctx: click.Context, node: str, alias: str, note: str | None, dry_run: bool) -> None:
    _decide(ctx, dry_run, action="detach", node=node, alias=alias, note=note)


@curate.command(help="Re-apply the curation file to every stored document (after editing it by hand).")
@click.pass_context
def apply(ctx: click.Context) -> None:
    from policykg.curate import reapply
    from policykg.graph.curation import Curation

    settings = settings_of(ctx)
    store = open_from(ctx, existing=True)
    try:
        with _changing(settings.curation_path):
            report = reapply(store, Curation(settings.curation_path), settings.extractor_model(),
                             workers=settings.load_workers, cache=settings.extraction_cache(), progress=True)
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(report.summary())


@curate.command(help="Take a decision out of the curation file and re-apply the rest to every stored document; the "
                     "later decisions about its names stay in force and are listed.\n\n"
                     "Example: policykg curate undo d3 --dry-run")
@click.argument("decision_id")
@click.option("--dry-run", is_flag=True, help="Only print how many mentions it would change (every document is "
                                                 "resolved again, nothing is written) and which later decisions name "
                                                 "its names.")
@click.pass_context
def undo(ctx: click.Context, decision_id: str, dry_run: bool) -> None:
    from policykg.curate import later_decisions, undo_preview
    from policykg.curate import undo as undo_decision
    from policykg.graph.curation import Curation

    settings = settings_of(ctx)
    try:
        store = open_from(ctx, existing=True)
        try:
            if dry_run:  # a walkthrough (session 67): the dry run gave no counts where the other decisions' do
                curation = Curation(settings.curation_path)
                counted = undo_preview(store, curation, decision_id, settings.extractor_model(), settings.load_workers,
                                       settings.extraction_cache(), progress=True)  # raises when there is no such id
                decision = curation.get(decision_id)
            else:
                with _changing(settings.curation_path):
                    curation = Curation(settings.curation_path)
                    later = later_decisions(d, curation) if (d := curation.get(decision_id)) is not None else []
                    decision, report = undo_decision(store, curation, decision_id, settings.extractor_model(),
                                                     settings.load_workers, settings.extraction_cache(), progress=True)
        finally:
            store.close()
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    if dry_run:
        click.echo(f"would remove from {settings.curation_path}: {decision.describe()}")
        _changes(counted, dry_run=True)
        _later(counted["later"])
        return
    click.echo(f"removed from {settings.curation_path}: {decision.describe()}")
    _later(later)
    click.echo(report.summary())


def _later(lines: list[str]) -> None:
    """Name the later decisions about an undone decision's names, which stay in force (stderr)."""
    if lines:
        click.echo("later decisions about its names stay in force (policykg curate undo ID takes one out too):\n"
                   + "\n".join(f"  {line}" for line in lines), err=True)


@click.command(help="Find every sentence holding a string (keyword in context), with document, section, year, "
                    "place and the entities mentioned in it.\n\nExample: policykg sentences 红色物业 --year 2022")
@click.argument("q")
@click.option("--doc", default=None, help="Only this document: its id, file stem or file name.")
@click.option("--year", type=int, default=None, help="Only documents of this year.")
@click.option("--label", type=LABEL, default=None, help="Only sentences that mention an entity of this label.")
@click.option("--documents", "patterns", multiple=True, metavar="PATTERN",
              help="Only the documents whose id or title matches PATTERN (* for any characters: 'gwr2025-*'); repeat "
                   "it for several, as for diffusion.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV to standard output (a list cut at --limit says so on "
                                                    "standard error).")
@click.pass_context
def sentences(ctx: click.Context, q: str, doc: str | None, year: int | None, label: str | None,
              patterns: tuple[str, ...], limit: int, offset: int, as_csv: bool) -> None:
    from policykg.graph.concordance import search_sentences, write_csv

    store = open_from(ctx, existing=True)
    try:
        result = search_sentences(store, q, doc, year, label, limit, offset, patterns)
    except (PolicyKGError, ValueError) as exc:
        raise refused(exc) from exc  # a scope refusal named as the options are
    finally:
        store.close()
    shown, total = len(result["hits"]), result["total"]
    if as_csv:
        sys.stdout.write("\ufeff")  # as the API's CSV: Excel then reads the Chinese as UTF-8
        write_csv(result["hits"], sys.stdout)
        if shown < total:  # a cut list says so (a walkthrough, session 47: 50 of 338 rows, not a word)
            click.echo(f"({shown} of {total} sentences from {offset + 1} on; --limit and --offset for more)", err=True)
        return
    page = (f"; {offset + 1}-{offset + shown} shown" if shown else f"; none from {offset + 1} on (--offset past the "
                                                                   "last)") if shown < total else ""
    click.echo(f"{plural(total, 'sentence')} {'holds' if total == 1 else 'hold'} {result['q']!r}{page}")
    if result.get("hint"):
        click.echo(f"({result['hint']})", err=True)
    for h in result["hits"]:
        where = f"{h['year'] or '?'} {h['place'] or ''} {h['doc_id']} · {h['section']}".strip()
        click.echo(f"{h['left']:>40}【{h['match']}】{h['right']}\n    {where}")
        if h["entities"]:  # as the help says (a walkthrough, session 43: only --csv gave them)
            click.echo("    " + " · ".join(dict.fromkeys(m["id"] for m in h["entities"])))

