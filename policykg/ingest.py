"""Load files into a store: read -> outline -> extract (workers) -> resolve -> store (this process).

Reading and extraction may run in worker processes; resolution and writing
always run here, in input order, so the result does not depend on the
number of workers.  A file that fails is reported and skipped; nothing
already in the store changes because of it.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from policykg.errors import LoadError
from policykg.extraction_cache import ExtractionCache
from policykg.graph.bridges import bridged_pairs
from policykg.graph.curation import Curation, text_hash
from policykg.graph.curation_apply import curated_resolve
from policykg.graph.curation_index import curated_index
from policykg.graph.memory import paused_gc
from policykg.graph.node_joins import JOINS_PENDING, join_nodes, joiners
from policykg.graph.records import DocumentGraph, SourceDocument
from policykg.graph.schema import PropertyGraph, to_property_graph
from policykg.graph.store import GraphStore
from policykg.load_files import distinct_ids, expand_paths, folder_key, stored_elsewhere
from policykg.load_report import LoadReport, skipped_note
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import document_id, read_document
from policykg.pool import PARENT_CHECK_S, in_order
from policykg.pool import in_order as _in_order  # noqa: F401  (the name tests and scripts import)

__all__ = ["PARENT_CHECK_S", "LoadReport", "Unchanged", "distinct_ids", "expand_paths", "extract_documents", "extract_paths",
           "folder_key", "load_paths", "skipped_note"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A file whose text has the content hash already stored for its document id (not extracted again)."""

    doc_id: str
    chars: int


def _work(args: tuple[Path, int, str | None, str | None, ExtractionCache | None, str | None]
          ) -> DocumentGraph | Unchanged | LoadError:
    path, max_bytes, known_hash, model, cache, refused = args
    try:
        with paused_gc():  # see load_paths
            doc = dataclasses.replace(read_document(path, max_bytes), folder_key=folder_key(path))
            if known_hash is not None and doc.content_hash == known_hash:
                return Unchanged(doc.id, doc.char_count)
            if refused is not None:  # a changed text this load may not write: said before it is extracted
                return LoadError(str(path), refused)
            return _extracted(doc, model, cache)
    except LoadError as exc:
        return exc
    except OSError as exc:  # permission denied, a file gone since the folder was listed: the reason is enough
        return LoadError(str(path), f"could not be read ({exc.strerror or exc})")
    except Exception as exc:  # one bad file must never stop a folder load
        logger.exception("unexpected error while reading %s", path)
        return LoadError(str(path), f"could not be processed ({type(exc).__name__}: {exc})")


def _extracted(doc: SourceDocument, model: str | None, cache: ExtractionCache | None) -> DocumentGraph:
    """What extraction makes of ``doc``: taken from ``cache`` when it holds it, else built and kept there."""
    if cache is None:
        return build_document_graph(doc, model=model)
    if (dg := cache.get(doc, model)) is not None:
        return dg
    dg = build_document_graph(doc, model=model)
    cache.put(doc, model, dg)
    return dg


def _extract(args: tuple[SourceDocument, str | None, ExtractionCache | None]) -> DocumentGraph:
    doc, model, cache = args
    with paused_gc():
        return _extracted(doc, model, cache)


def extract_documents(docs: Iterable[SourceDocument], workers: int = 1, model: str | None = None,
                      cache: ExtractionCache | None = None) -> Iterator[DocumentGraph]:
    """Yield the document graph of each document read already (a stored text), in input order, streaming: the
    extraction of :func:`extract_paths` without the reading, for re-resolving a store
    (:func:`policykg.reresolve.reapply`), in ``workers`` processes (1 = this process; at most ``pool.IN_FLIGHT * workers``
    documents in flight); ``cache`` gives what it holds of a text and keeps what is extracted anew.

    Raises:
        Exception: what extraction raises for a document (a stored text was read once already, so nothing is
            expected).
    """
    yield from in_order(_extract, ((d, model, cache) for d in docs), workers)


def extract_paths(paths: list[Path], workers: int = 1, max_bytes: int = 20 * 1024 * 1024,
                  known_hashes: dict[str, str] | None = None, model: str | None = None,
                  cache: ExtractionCache | None = None, refused: dict[Path, str] | None = None
                  ) -> Iterator[tuple[Path, DocumentGraph | Unchanged | LoadError]]:
    """Yield ``(path, result)`` in input order, streaming.

    At most ``pool.IN_FLIGHT * workers`` files are in flight at once, so memory holds a
    few documents whatever the corpus size.

    Args:
        paths: files to read.
        workers: processes for reading and extraction (1 = this process).
        max_bytes: larger files are refused (bytes).
        known_hashes: document id -> content hash already stored; a file whose
            text has that hash is not extracted again (:class:`Unchanged`).
        model: tagger model path (``None``: the shipped model; ``""``: the rules alone).
        cache: where what is extracted is kept for re-resolving the store later (and read from, for a text
            extracted before), or ``None``.
        refused: path -> why the file is not loaded when its text is not the stored one (a :class:`LoadError`
            with that reason, not extracted); an unchanged text is :class:`Unchanged` all the same.

    Yields:
        A :class:`DocumentGraph`, :class:`Unchanged` or :class:`LoadError` per path.
    """
    known, refused = known_hashes or {}, refused or {}
    jobs = [(p, max_bytes, known.get(document_id(p)), model, cache, refused.get(p)) for p in paths]
    results = in_order(_work, jobs, workers)
    for job, result in zip(jobs, results, strict=True):
        yield job[0], result


def load_paths(store: GraphStore, paths: list[Path], workers: int = 1, max_bytes: int = 20 * 1024 * 1024,
               progress: bool = True, on_document: Callable[[DocumentGraph], None] | None = None,
               model: str | None = None, curation: Curation | None = None,
               cache: ExtractionCache | None = None, replace: bool = False) -> LoadReport:
    """Load files into ``store``; every document is written whole or not at all.

    Files are read in document-id order (whatever the order of ``paths``) and each new document takes the next
    ``load_order`` (a replaced one keeps its own), the order every later rewrite resolves them in.

    Two stored nodes a loaded document names as one entity are joined after the writes
    (:func:`policykg.graph.node_joins.join_nodes`; ``joined`` of the report), as the document loaded before them would
    have made one node: the graph does not depend on the order the documents came in by such pairs.

    Resolved documents are handed to :meth:`GraphStore.upsert_documents`
    ``store.write_batch`` at a time (1 for the embedded store: one transaction
    per document; several per transaction on Neo4j), in input order.

    Args:
        store: the target store.
        paths: files or folders (folders are expanded to .txt/.md files).
        workers: extraction processes.
        max_bytes: size limit per file (bytes).
        progress: show a progress bar (documents and characters per second) when stderr is a terminal (none in a
            file).
        on_document: called with each resolved document graph once it is written (e.g. to write JSONL).
        model: tagger model path (``None``: the shipped model; ``""``: the rules alone).
        curation: decisions applied to every document written (:mod:`policykg.graph.curation_apply`).
            Stored documents written under other decisions are re-applied first
            (:func:`policykg.reresolve.reapply`), so the whole store follows one curation.
        cache: what is extracted is kept there, and a stored text's extraction read from there, when the store is
            re-resolved (:mod:`policykg.extraction_cache`); ``None``: none kept.
        replace: a changed file of the id of a document stored from another folder replaces it; without it, the file
            is refused (``failed``) and the stored document kept: 2023/政府工作报告.txt and 2024/政府工作报告.txt loaded
            one after the other had left only the second, without a word (a walkthrough, session 59).

    Returns:
        A :class:`LoadReport`; failed files are listed, never raised.

    Raises:
        StoreError: a write failed (documents of earlier writes stay written).
    """
    report = LoadReport()
    # resolved in document-id order, whatever the order of the paths given: entity resolution joins each document's
    # names to the nodes of those before it, so one load of the same files makes the same nodes however they are named
    files = sorted(distinct_ids(expand_paths(paths, report.skipped, report.failed), report.failed), key=document_id)
    if curation is not None:
        from policykg.reresolve import reapply, text_hashes

        curation = _latest(curation)  # a decision recorded since the caller read the file (the API, another terminal)
        if text_hashes(store, curation) is None:  # the curation file changed since the stored documents were written
            stopped = store.curation_mark() == JOINS_PENDING  # or a load stopped before its joins
            again = reapply(store, curation, model=model, workers=workers, cache=cache, progress=progress)
            if stopped:  # the curation file had not changed: "re-applied the curation" said nothing of the joins
                report.joins_finished = again.summary("finished the joins a stopped load left, by resolving again the")
            else:
                report.reapplied = again.summary()
    elif store.curation_mark():  # written without the decisions the store was resolved under: it is no longer
        store.set_curation_mark(None)
    stored = store.documents()
    # the text's hash of each stored document (written under the curation now, when there is one: its hash carries
    # a digest of what it writes, the text's hash before it)
    known = {d["id"]: text_hash(d.get("content_hash") or "") if curation is not None else d.get("content_hash", "")
             for d in stored}
    elsewhere = {} if replace else stored_elsewhere(files, stored)
    by_hash = {text_hash(h): doc_id for doc_id, h in known.items() if h}  # one text under two names
    chars_of = {d["id"]: d.get("char_count") for d in stored}
    # a document keeps the place in the load order it first took; a new one comes after every stored one
    orders = {d["id"]: d.get("load_order") for d in stored}
    next_order = max((o for o in orders.values() if o), default=0) + 1
    # the stored names as the curation's re-resolution registered them (a renamed node's old name its own, a detached
    # alias no shorter form of its own): a new document resolves as it would loaded with the others
    index = curated_index(store.entity_names(), curation)
    joined_by: set[str] | None = None  # documents whose naming two nodes as one joined them, read when one is replaced

    def joiner(doc_id: str) -> bool:
        nonlocal joined_by
        if doc_id not in known:
            return False
        if joined_by is None:
            joined_by = joiners(store)
        return doc_id in joined_by
    batch_docs = max(1, int(getattr(store, "write_batch", 1)))
    pending: list[tuple[DocumentGraph, PropertyGraph]] = []
    bridge_pairs: set[frozenset[str]] = set()  # the pairs of nodes report.bridges names, each once
    joinable: list[tuple[str, str, str]] = []  # those the load joins (bridged with joinable), each document's in turn
    marked = False  # the store's curation mark says joins are pending (JOINS_PENDING)

    def bridges(pairs: Iterable[tuple[str, str]], doc_id: str) -> None:  # a pair once, under the first document naming it
        for a, b in pairs:
            if frozenset((a, b)) not in bridge_pairs:
                bridge_pairs.add(frozenset((a, b)))
                report.bridges.append((a, b, doc_id))

    # A replaced document loaded before others (or before a new one this load resolved first) is not written in the
    # loop: they were resolved against its old names, so the store is resolved again with its new text after the
    # loop, and the first such document is written last of all.  A load stopped before then leaves its old version,
    # which the next load finds changed and resolves again (a load killed during the re-resolution had left the
    # others resolved against its old names and it stored as unchanged: a walkthrough, session 57).
    deferred: list[SourceDocument] = []

    def written(dg: DocumentGraph, flag: bool) -> None:
        (report.loaded if flag else report.unchanged).append(dg.document.id)
        if flag and dg.document.id in known:
            report.replaced.append(dg.document.id)
            report.sizes[dg.document.id] = (chars_of.get(dg.document.id) or 0, dg.document.char_count)
        twin = by_hash.setdefault(text_hash(dg.document.content_hash), dg.document.id)
        if flag and twin != dg.document.id:
            report.duplicates.append((dg.document.id, twin))
        if on_document:
            on_document(dg)

    def flush() -> None:
        t = time.perf_counter()
        flags = store.upsert_documents([(pg, dg.document.text) for dg, pg in pending])
        report.write_seconds += time.perf_counter() - t
        for (dg, _), flag in zip(pending, flags, strict=True):
            written(dg, flag)
        pending.clear()

    t0 = time.perf_counter()
    # disable=None: no bar where stderr is no terminal (load > out.txt 2>&1 wrote every state of it, \r-joined, on the
    # line before the results)
    bar = tqdm(total=len(files), unit="doc", disable=None if progress else True, dynamic_ncols=True)
    # The store's graph grows with every document and each full collection would walk all
    # of it (a third of the load time at 1x): the cyclic collector is paused, and only the
    # young generations are collected after each document, so short-lived cycles are freed.
    with paused_gc():
        for path, result in extract_paths(files, workers, max_bytes, known, model, cache, elsewhere):
            if isinstance(result, LoadError):
                kept = "; the stored version of it is kept" if document_id(path) in known and path not in elsewhere else ""
                report.failed.append((result.path, result.reason + kept))
            elif isinstance(result, Unchanged):
                report.unchanged.append(result.doc_id)
                report.chars += result.chars
            else:
                # Resolution registers each document's entities in the index, so later
                # documents of a batch resolve against it before the batch is written.
                order = orders.get(result.document.id)
                if order is None:
                    order, next_order = next_order, next_order + 1
                result.document.load_order = order
                report.chars += result.document.char_count
                # another document comes after it in the load order, or its old version joined two nodes
                if order < next_order - 1 or joiner(result.document.id):
                    deferred.append(result.document)
                else:
                    dg = curated_resolve(result, index, curation)
                    named, joins = bridged_pairs(dg, index)
                    bridges(named, dg.document.id)
                    joinable += [(a, b, dg.document.id) for a, b in joins]
                    if joinable and curation is not None and not marked:
                        # until the joins after the writes are made: a load killed before them leaves this mark, which
                        # no curation has, so the next load resolves the store again and joins them
                        store.set_curation_mark(JOINS_PENDING)
                        marked = True
                    pending.append((dg, to_property_graph(dg)))
                    if len(pending) >= batch_docs:
                        flush()
            bar.update(1)
            elapsed = time.perf_counter() - t0
            bar.set_postfix_str(f"{report.chars / elapsed if elapsed else 0:,.0f} chars/s", refresh=False)
            gc.collect(1)
        if pending:
            flush()
    bar.close()
    # every stored document is resolved again in load order, the deferred ones with their new text and written last,
    # so the store is a fresh load's
    if deferred:
        from policykg.reresolve import reapply

        again = reapply(store, curation if curation is not None else Curation(), model=model, force=True,
                        workers=workers, replacing={d.id: d for d in deferred}, cache=cache, progress=progress)
        report.reresolved, report.reresolve_seconds = len(again.rewritten), again.seconds
        report.rechanged = len(again.changed)
        for dg in again.replacements:
            written(dg, True)
        for a, b, doc_id in again.bridges:  # named by a replaced document: resolved there, not in the loop above
            bridges([(a, b)], doc_id)
        report.joined += again.joined
        report.joined_into.update(again.joined_into)
    # nodes a document names as one entity are joined, as they would be had it been loaded first (session 67)
    joined = join_nodes(store, joinable, curation)
    report.joined += joined.pairs
    report.joined_into.update(joined.into)
    done = {frozenset((a, b)) for a, b, _ in report.joined}  # the others stay listed, perhaps one entity
    report.bridges = [p for p in report.bridges if frozenset(p[:2]) not in done]
    # a decision recorded while this load ran was applied by its writer to the documents stored then, and this load
    # wrote its own under the decisions it read: the store follows the file as it is now (a walkthrough, session 55:
    # a rename made through the API during a load was undone for the documents the load wrote)
    if curation is not None and (latest := _latest(curation)).fingerprint != curation.fingerprint:
        from policykg.reresolve import reapply

        report.reapplied_during = reapply(store, latest, model=model, workers=workers, cache=cache,
                                           progress=progress).summary()
    elif curation is not None and store.curation_mark() != curation.fingerprint:
        # every document is resolved under it now (those stored were, or were re-applied above): the next load
        # need not resolve them again (a store loaded empty has no mark yet)
        store.set_curation_mark(curation.fingerprint)
    report.seconds = time.perf_counter() - t0
    return report


def _latest(curation: Curation) -> Curation:
    """The curation file of ``curation`` as it is on disk now, or ``curation`` itself when it has no file or the file
    has become unreadable (a broken file is reported where it is applied next)."""
    if curation.path is None:
        return curation
    from policykg.graph.curation import readable

    return readable(curation.path) or curation
