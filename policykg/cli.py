"""The ``policykg`` command line: a thin click layer over the library."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click
from pydantic import ValidationError

from policykg.cli_support import no_collection_at_exit, no_store, open_from, plural, settings_of, store_named, writable_folder
from policykg.errors import NotFoundError, PolicyKGError
from policykg.graph.store import NOTICE_LOGGER
from policykg.settings import Settings

__all__ = ["main"]


def _show_notices() -> None:
    """Print the ``policykg.notice`` log records (a slow first step the user would otherwise wait through in silence:
    the Cypher copy, the sentence index) to stderr as plain lines, whatever the log level."""
    notice = logging.getLogger(NOTICE_LOGGER)
    if not any(isinstance(h, _Notices) for h in notice.handlers):
        notice.addHandler(_Notices())
    notice.setLevel(logging.INFO)
    notice.propagate = False


class _Notices(logging.Handler):
    """Writes each record's message to the standard error stream of the moment (``click.echo``)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


class _Commands(click.Group):
    """The command group: an option of the group given after a command (``policykg load x --data-dir d``) is named
    as such, with where it goes (click said only "No such option: --data-dir": a walkthrough, session 59)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:
            own = {o for p in self.params for o in p.opts}
            if exc.option_name in own:
                exc.message = (f"{exc.option_name} is an option of policykg itself: give it before the command "
                               f"(policykg {exc.option_name} … {ctx.invoked_subcommand or 'COMMAND'} …)")
            raise


@click.group(cls=_Commands, help="Build and explore a knowledge graph of Chinese policy documents.\n\n"
                                 "Example: policykg load examples && policykg serve")
@click.option("--store", type=click.Choice(["embedded", "neo4j"]), default=None,
              help="Store to use (default: POLICYKG_STORE or embedded).")
@click.option("--data-dir", type=click.Path(path_type=Path), default=None,
              help="Folder of the embedded store (default: POLICYKG_DATA_DIR or ./data).")
@click.option("-v", "--verbose", is_flag=True, help="Log at INFO level.")
@click.pass_context
def main(ctx: click.Context, store: str | None, data_dir: Path | None, verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _show_notices()
    overrides = {k: v for k, v in {"store": store, "data_dir": data_dir}.items() if v is not None}
    try:
        ctx.obj = {"settings": Settings(**overrides)}
    except ValidationError as exc:  # name the variable a user sets, not pydantic's field (a walkthrough, session 47)
        raise click.ClickException("invalid settings: " + "; ".join(
            f"POLICYKG_{'_'.join(map(str, e['loc'])).upper()}={e.get('input')!r}: {e['msg']}" for e in exc.errors()
        )) from None
    except Exception as exc:
        raise click.ClickException(f"invalid settings: {exc}") from exc


@main.command(help="Load documents (files, or folders of .txt/.md/.html/.docx/.doc/.pdf) into the store, applying the "
                   "curation file's decisions (see policykg curate).\n\n"
                   "Example: policykg load examples --workers 2")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes for reading and extraction (default: POLICYKG_LOAD_WORKERS, else one per CPU "
                   "core, at most 4).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--merges", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write every pair of stored nodes a loaded document names as one entity to this file (tab-separated:"
                   " node, other node, document; the summary shows ten).")
@click.option("--replace", is_flag=True,
              help="A file named as a document stored from another folder replaces it (without it, such a file is "
                   "refused: a document's id is its file name without the extension).")
@click.option("--if-empty", is_flag=True,
              help="Load only into a store that holds no document; one that holds some is left as it is, and a line "
                   "says so (make run with POLICYKG_STORE=neo4j: the database may hold one's own corpus).")
@click.pass_context
def load(ctx: click.Context, paths: tuple[Path, ...], workers: int | None, quiet: bool, merges: Path | None,
         replace: bool, if_empty: bool) -> None:
    from policykg.graph.curation import Curation
    from policykg.ingest import load_paths

    if not any(p.exists() for p in paths):  # a mistyped path: say so before any store is made
        raise click.ClickException(f"no such file or folder: {', '.join(map(str, paths))}")
    if merges is not None:  # checked before the load, not after it
        writable_folder(merges.parent, f"--merges {merges}: its folder {merges.parent}")
    store = open_from(ctx)
    try:
        settings = settings_of(ctx)
        # make run loaded the samples into whatever Neo4j database POLICYKG_STORE=neo4j named, one's corpus too
        # (session 69): the store's count of documents decides
        if if_empty and (held := len(store.documents())):
            click.echo(f"{store_named(settings)} holds {plural(held, 'document')}: nothing loaded into it (--if-empty), "
                       "it is served as it is")
            return
        report = load_paths(store, list(paths), workers=workers or settings.load_workers,
                            max_bytes=settings.max_file_bytes, progress=not quiet, model=settings.extractor_model(),
                            curation=Curation(settings.curation_path), cache=settings.extraction_cache(),
                            replace=replace)
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:  # click said only "Aborted!" (a walkthrough, session 59)
        raise click.ClickException("interrupted: the store holds each document whole or not at all (a replaced one in "
                                   "its old version); load the same files again to finish (those written are skipped "
                                   "as unchanged)") from None
    finally:
        store.close()
    no_collection_at_exit()
    click.echo(report.summary())
    if merges is not None:  # the summary names ten; the rest were seen once only (a walkthrough, session 50)

        merges.parent.mkdir(parents=True, exist_ok=True)  # as view and export make theirs
        pairs = report.joined + report.bridges  # those joined in the store, then those a curation decision keeps apart
        merges.write_text("".join(f"{a}\t{b}\t{doc}\n" for a, b, doc in pairs), encoding="utf-8")
        click.echo(f"wrote {plural(len(pairs), 'pair')} of nodes to {merges}")
    if report.failed or not (report.loaded or report.unchanged):
        sys.exit(1)  # a file failed, or the paths held none to load


@main.command(help="Serve the API (OpenAPI at /docs, overview at /).\n\n"
                   "Example: policykg serve --host 127.0.0.1 --port 8000")
@click.option("--host", default=None, help="Bind address (default: POLICYKG_HOST, else 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: POLICYKG_PORT, else 8000).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    import uvicorn

    from policykg.api.main import create_app
    settings = settings_of(ctx)
    host, port = host or settings.host, port or settings.port
    if no_store(settings):
        # serving is allowed (documents may be loaded while it runs), but a mistyped --data-dir should not look
        # like an empty corpus (a walkthrough, session 47)
        click.echo(f"policykg: no store in {settings.data_dir} yet: the graph is empty until documents are loaded "
                   f"there (policykg --data-dir {settings.data_dir} load PATH)", err=True)
    config = uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning")
    try:  # listen first: the addresses are printed only once they answer
        sock = config.bind_socket()
    except SystemExit:  # uvicorn has logged the reason ([Errno 98] Address already in use)
        raise click.ClickException(f"cannot listen on {host}:{port}; is another server using the port? "
                                   "(--port N or POLICYKG_PORT)") from None
    click.echo(f"policykg: overview at http://{host}:{port}/  explorer at http://{host}:{port}/explore  "
               f"(API docs at http://{host}:{port}/docs)")
    uvicorn.Server(config).run(sockets=[sock])


@main.command(help="Print node counts per label, relationship counts per type and the Documents loaded and cited."
                   "\n\nExample: policykg stats")
@click.pass_context
def stats(ctx: click.Context) -> None:
    store = open_from(ctx, existing=True)
    try:
        click.echo(json.dumps(store.stats_with_documents(), ensure_ascii=False, indent=2))
    finally:
        store.close()


@main.command(help="Write a pyvis page of a node's neighbourhood (at most --limit nodes, the nearest first).\n\n"
                   "Example: policykg view Program:红色物业 -o red.html --depth 2")
@click.argument("node_id")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--depth", type=click.IntRange(1, 3), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(1, 2000), default=150, show_default=True)
@click.pass_context
def view(ctx: click.Context, node_id: str, output: Path, depth: int, limit: int) -> None:
    from policykg.viz.pages import render_view

    store = open_from(ctx, existing=True)
    try:
        try:
            sg = store.view_neighbourhood(node_id, depth, limit)
        except NotFoundError:  # a name or alias (兩重, “两重”, 乡村振兴 of Goal:乡村振兴战略) names the node, as for diffusion
            from policykg.cli_research import named_entity
            from policykg.graph.analytics import entity_view

            node_id = named_entity(store, entity_view(store), node_id, None, settings_of(ctx).curation_path)
            sg = store.view_neighbourhood(node_id, depth, limit)
        centre = next(n for n in sg.nodes if n["id"] == node_id)
        output.parent.mkdir(parents=True, exist_ok=True)  # as export does
        output.write_text(render_view(sg.to_dict(), f"{centre['label']}：{centre.get('name')}", node_id, served=False), "utf-8")
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"could not write {output}: {exc.strerror or exc}") from exc
    finally:
        store.close()
    cut = f"; cut at --limit {limit} nodes, raise it to see more" if sg.truncated else ""
    click.echo(f"wrote {output} ({len(sg.nodes)} nodes, {len(sg.edges)} edges{cut})")


@main.command(help="Run a read-only Cypher query and print the rows as JSON Lines.\n\n"
                   f"At most POLICYKG_CYPHER_ROW_CAP rows (default {Settings.model_fields['cypher_row_cap'].default:,}) "
                   "are printed, and a query is stopped after POLICYKG_CYPHER_TIMEOUT_S seconds (default "
                   f"{Settings.model_fields['cypher_timeout_s'].default:g}); set either in the environment to change "
                   "it.  Every node carries the label Node besides its own: read its own with "
                   "[l IN labels(n) WHERE l <> 'Node'][0].\n\n"
                   "Example: policykg query 'MATCH (p:Program) RETURN p.name LIMIT 5'")
@click.argument("cypher")
@click.option("--param", "params", multiple=True, help="NAME=VALUE (VALUE parsed as JSON, else a string).")
@click.option("--csv", "as_csv", is_flag=True, help="Write the rows as CSV (a header of the columns; a list, map or "
                                                    "node as JSON in its cell, null as an empty cell), for a "
                                                    "spreadsheet.")
@click.pass_context
def query(ctx: click.Context, cypher: str, params: tuple[str, ...], as_csv: bool) -> None:
    bound = {}
    for p in params:
        name, eq, raw = p.partition("=")
        if not eq or not name:
            raise click.UsageError(f"--param {p!r}: give NAME=VALUE (--param n=红色物业)")
        try:
            bound[name] = json.loads(raw)
        except json.JSONDecodeError:
            bound[name] = raw
    store = open_from(ctx, existing=True)
    settings = settings_of(ctx)
    try:
        result = store.cypher(cypher, bound, settings.cypher_timeout_s, settings.cypher_row_cap)
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if as_csv:  # the sentences and compare commands wrote CSV, the one command a researcher's own question runs did not
        import csv

        sys.stdout.write("\ufeff")  # as the API's CSV: Excel then reads the Chinese as UTF-8
        w = csv.writer(sys.stdout)
        w.writerow(result.columns)
        w.writerows([_cell(v) for v in row] for row in result.rows)
    else:
        click.echo(json.dumps(result.columns, ensure_ascii=False))
        for row in result.rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    if result.truncated:
        click.echo(f"only the first {len(result.rows):,} rows are shown (POLICYKG_CYPHER_ROW_CAP); add LIMIT, "
                   "narrow the query or raise the cap", err=True)


def _cell(value):
    """A query value as a CSV cell: a string or number as it is, ``None`` as an empty cell, a boolean as true/false
    (as the JSON lines print it), a list or map as its JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return value
    return json.dumps(value, ensure_ascii=False)


@main.command(help="Load documents into a fresh embedded store and into Neo4j (NEO4J_URI…), then compare them: "
                   "node ids per label, relationship counts per type, every Program's neighbourhood at depth 1. "
                   "The Neo4j database must be empty, or give --reset to empty it first. Exit 1 when they differ."
                   "\n\nExample: NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... policykg parity examples --reset")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--reset", is_flag=True, help="Delete everything in the Neo4j database first.")
@click.pass_context
def parity(ctx: click.Context, paths: tuple[Path, ...], reset: bool) -> None:
    import tempfile
    import time

    from policykg.graph.embedded import EmbeddedStore
    from policykg.graph.neo4j_connect import open_neo4j
    from policykg.graph.parity import compare_stores
    from policykg.ingest import load_paths

    settings = settings_of(ctx)
    sources = list(paths) or [Path("examples")]
    try:
        neo = open_neo4j(settings)
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        if reset:
            neo.clear()
        elif any(neo.stats()["nodes"].values()):
            raise click.ClickException("the Neo4j database is not empty; give --reset to empty it first")
        with tempfile.TemporaryDirectory() as tmp:
            emb = EmbeddedStore(tmp)
            try:
                load_paths(emb, sources, progress=False)
                t0 = time.perf_counter()
                load_paths(neo, sources, progress=False)
                seconds = time.perf_counter() - t0
                rels = sum(neo.stats()["relationships"].values())
                report = compare_stores(emb, neo)
            finally:
                emb.close()
    finally:
        neo.close()
    click.echo(report.table("embedded", "neo4j"))
    click.echo(f"Neo4j load: {rels:,} relationships in {seconds:.1f} s ({rels / seconds:,.0f} relationships/s)")
    if not report.equal:
        sys.exit(1)


@main.command("delete", help="Remove a document and exactly its facts (DOC_ID: Document:<file name without "
                             "extension>, or the file name); when a document was loaded after it, the others are "
                             "first resolved again without it, as a fresh load of them would be.\n\n"
                             "Example: policykg delete Document:000_a8eebd8133074170")
@click.argument("doc_id")
@click.pass_context
def delete(ctx: click.Context, doc_id: str) -> None:
    from policykg.curate import delete as delete_document
    from policykg.graph.curation import Curation
    from policykg.loaders.read import document_ref

    doc_id = document_ref(doc_id)  # the file name, with or without its extension, names the document too
    settings = settings_of(ctx)
    store = open_from(ctx, existing=True)
    try:
        report = delete_document(store, doc_id, Curation(settings.curation_path), settings.extractor_model(),
                                 settings.load_workers, settings.extraction_cache(), progress=True)
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        raise click.ClickException(f"interrupted while the other documents were resolved again; {doc_id} is still "
                                   f"stored: run the same command again to finish") from None
    finally:
        store.close()
    click.echo(f"deleted {doc_id}")
    if report is not None:
        # the graph of how many changed, not "resolved N": every one is written again (session 68)
        click.echo(f"resolved the other {plural(report.checked, 'document')} again, as a fresh load of them would "
                   f"({report.seconds:.1f} s): the graph of {len(report.changed)} changed (names and merges that came "
                   f"from {doc_id} are gone), {report.rechecked} re-checked and unchanged")


from policykg.cli_compare import compare_command  # noqa: E402
from policykg.cli_curation import curate, sentences  # noqa: E402  (commands that use the helpers above)
from policykg.cli_extract import extract  # noqa: E402
from policykg.cli_facts import facts  # noqa: E402
from policykg.cli_research import central, communities, diffusion, documents, export, read_text, search  # noqa: E402

main.add_command(extract)
main.add_command(curate)
main.add_command(sentences)
main.add_command(diffusion)
main.add_command(facts)
main.add_command(central)
main.add_command(communities)
main.add_command(export)
main.add_command(search)
main.add_command(documents)
main.add_command(read_text)
main.add_command(compare_command)
#: ``policykg cypher`` for ``query``, not listed: researchers call the language by its name, and click had answered
#: "No such command 'cypher'" with no hint (a walkthrough, session 54)
main.add_command(click.Command("cypher", params=query.params, callback=query.callback, help=query.help, hidden=True))

if __name__ == "__main__":
    main()
