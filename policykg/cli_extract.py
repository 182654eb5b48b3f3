"""``policykg extract``: entities and relations of documents to JSON Lines in the annotation guide's format, or, with
``--explain``, which rule proposed, kept or blocked each span; no store is touched."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policykg.cli_support import plural, settings_of, writable_folder
from policykg.errors import PolicyKGError

__all__ = ["EXPLAIN_LEGEND", "extract"]


#: The words of ``extract --explain``'s verdicts, printed once before them.
EXPLAIN_LEGEND = (
    "# Each sentence (@offset [section]) is followed by the spans proposed in it: label, span, what proposed it\n"
    "# (a rule's name, or model: the tagger), then the verdicts in order, the last one final. 'kept'/'blocked: …'\n"
    "# are the rules' verdict; 'model: kept/dropped' the tagger's reading of a rule's span; 'model: new span' a span\n"
    "# the tagger found that no rule proposed; 'model: kept (uncertain)' a rule's span the tagger did not tag but\n"
    "# thinks more likely a name than not; a '-nested' rule a name inside a longer one (guide rule 5).\n")


@click.command(help="Extract entities and relations to JSON Lines in the annotation guide's format "
                   "(one <stem>.jsonl per document), without touching a store.\n\n"
                   "Example: policykg extract ../shared/seeds --out /tmp/pred\n\n"
                   "With --explain, print for each sentence every span a rule or the tagger proposed, "
                   "the rule that proposed it and whether it was kept or blocked (and why), then the names "
                   "merged into one entity within the document and why.\n\n"
                   "Example: policykg extract --explain examples/003_8ab235683617fdde.txt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Output folder (required without --explain).")
@click.option("--explain", is_flag=True, help="Print which rule produced or blocked each span instead of writing files.")
@click.option("--rules-only", is_flag=True,
              help="The rule extractors alone, without the learned tagger (also POLICYKG_EXTRACTOR=rules).")
@click.pass_context
def extract(ctx: click.Context, paths: tuple[Path, ...], out_dir: Path | None, explain: bool, rules_only: bool) -> None:
    settings = settings_of(ctx)
    rules_only = rules_only or settings.extractor == "rules"
    if explain and out_dir is not None:  # --out was ignored without a word (a walkthrough, session 51)
        raise click.UsageError("--explain prints to the terminal and writes no files; give one of --explain and --out "
                               "(policykg extract --explain FILE > explanation.txt keeps it)")
    from policykg.graph.resolve import EntityIndex, resolve_document
    from policykg.ingest import distinct_ids, expand_paths, extract_paths, skipped_note
    from policykg.loaders.jsonl import write_guide_jsonl

    skipped: list[str] = []
    unreadable: list[tuple[str, str]] = []  # under the folders given: links to nothing, folders it may not read
    files = expand_paths(paths, skipped, unreadable)
    if skipped:  # said first: with --explain the output that follows is long
        click.echo(skipped_note(skipped, "extract"), err=True)
    for path, reason in unreadable:
        click.echo(f"failed: {path}: {reason}", err=True)
    if explain:
        from policykg.loaders.explain import explain_document, explain_merges, format_explanation
        from policykg.loaders.genre import genre_note
        from policykg.loaders.read import SUPPORTED_SUFFIXES, read_document

        failed, explained = len(unreadable), 0
        for path in files:  # an unreadable file is reported and the others explained, as extract --out does
            try:
                doc = read_document(path, settings.max_file_bytes)
            except PolicyKGError as exc:
                click.echo(f"failed: {exc}", err=True)
                failed += 1
                continue
            if not explained:  # the legend once, before the first explanation (not before an error alone)
                click.echo(EXPLAIN_LEGEND)
            explained += 1
            click.echo(f"# {path}")
            if not rules_only:
                click.echo(f"# {genre_note(doc.text)}")
            for line in format_explanation(explain_document(doc, "" if rules_only else None)):
                click.echo(line)
            click.echo("names merged within the document (one entity, the first its canonical name):")
            for line in explain_merges(doc, "" if rules_only else None):
                click.echo(line)
        if not files:
            click.echo("no document to explain (supported: " + ", ".join(SUPPORTED_SUFFIXES) + ")", err=True)
        if failed:
            sys.exit(1)
        return
    if out_dir is None:
        raise click.UsageError("--out is required (or give --explain)")
    writable_folder(out_dir, f"--out {out_dir}")
    same_ids: list[tuple[str, str]] = []
    files = distinct_ids(files, same_ids)  # one <stem>.jsonl each: a second file of a stem would overwrite it
    for path, reason in same_ids:
        click.echo(f"failed: {path}: {reason}", err=True)
    failed = len(same_ids) + len(unreadable)
    for _path, result in extract_paths(files, settings.load_workers, settings.max_file_bytes,
                                       model="" if rules_only else None):
        if isinstance(result, PolicyKGError):
            click.echo(f"failed: {result}", err=True)
            failed += 1
        else:
            # one index per document: variants merge within it (guide rule 1), never across files
            write_guide_jsonl(resolve_document(result, EntityIndex(), places=False), out_dir)

    click.echo(f"wrote {plural(len(files) + len(same_ids) + len(unreadable) - failed, 'file')} to {out_dir}; "
               f"{failed} failed")
    if failed:
        sys.exit(1)
