"""Resolve every stored document again under a curation: extract from the stored text, curate, resolve, write.

:func:`reapply` rewrites every stored document from its stored text under the current decisions, re-resolving from an
empty index in the order the documents were first loaded, so the store then holds what a fresh load of its documents
would; it is what ``policykg curate apply`` runs, what a decision and an undo end with (:mod:`policykg.curate`) and
what a load does first when the store was written under other decisions.  :func:`delete` takes a document out so that
the store equals a fresh load of the others.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from policykg.extraction_cache import ExtractionCache
from policykg.graph.bridges import bridged_pairs
from policykg.graph.curation import Curation, text_hash, versioned_hash
from policykg.graph.curation_apply import curated_resolve
from policykg.graph.memory import paused_gc
from policykg.graph.names import match_key
from policykg.graph.node_joins import join_nodes, joiners
from policykg.graph.records import DocumentGraph, SourceDocument
from policykg.graph.resolve import EntityIndex
from policykg.graph.schema import to_property_graph
from policykg.graph.store import GraphStore
from policykg.reapply_changes import changed, rehashed, settled, unsure
from policykg.reapply_changes import said as said_by

__all__ = ["ReapplyReport", "delete", "depends_on", "reapply", "resolved_again", "text_hashes"]


@dataclass
class ReapplyReport:
    """What :func:`reapply` did: documents written again and left as stored, documents whose graph changed, seconds.

    ``rewritten`` counts every document written to the store again, which is not every document whose graph changed:
    a document resolved under decisions for the first time (the first decision of a store) or under none again (the
    last one undone), or rewritten by ``force``, is written whatever it holds.  ``changed`` lists the documents whose
    graph did change (:mod:`policykg.reapply_changes`); the others were only re-checked (a merge that moved 2 mentions
    of 2 documents of 17 had answered "17 rewritten": a walkthrough, session 67).
    """

    #: documents written to the store again (``changed`` and those written only to record the curation or by ``force``)
    rewritten: list[str] = field(default_factory=list)
    #: documents not written: their stored version already writes the same graph
    unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: decisions that changed nothing in any document, or merged a name no entity has (``d9 merge … : 两重x``)
    idle: list[str] = field(default_factory=list)
    #: the documents of ``replacing`` as resolved and written (:func:`reapply`)
    replacements: list[DocumentGraph] = field(default_factory=list)
    #: ``(node, other node, document)`` a document of ``replacing`` names as one entity (:mod:`policykg.graph.bridges`)
    bridges: list[tuple[str, str, str]] = field(default_factory=list)
    #: the decision was found to change nothing before any document was resolved again (:mod:`policykg.curation_idle`):
    #: no document was resolved nor written, only the store's curation mark
    no_change: bool = False
    #: documents whose stored graph differs after the whole re-resolution, the joins after the writes included, each
    #: once: a mention on another node or at other offsets, a fact stated or no longer (not the decisions marked on them
    #: alone: :mod:`policykg.reapply_changes`); of ``rewritten``, or of ``unchanged`` when only a join moved its nodes
    changed: list[str] = field(default_factory=list)
    #: documents of ``rewritten`` resolved apart from a node they had joined, then joined again as they were: written
    #: twice, their graph the same (:func:`policykg.reapply_changes.settled`)
    rejoined: list[str] = field(default_factory=list)

    @property
    def checked(self) -> int:
        """Documents resolved again (written or not)."""
        return len(self.rewritten) + len(self.unchanged)

    @property
    def rechecked(self) -> int:
        """Documents resolved again whose graph did not change (written again or not)."""
        return self.checked - len(self.changed)
    #: ``(node, other node, document)`` of any document named as one and joined after the writes
    #: (:func:`policykg.graph.node_joins.join_nodes`), and joined node -> the node it is part of now
    joined: list[tuple[str, str, str]] = field(default_factory=list)
    joined_into: dict[str, str] = field(default_factory=dict)

    def summary(self, done: str = "re-applied the curation to") -> str:
        """One line for the terminal (documents whose graph changed, documents only re-checked), and a warning line
        per idle decision.

        Args:
            done: what was done to the documents, before their number (a load finishing the joins a stopped load left
                says so: :func:`policykg.ingest.load_paths`).
        """
        n = self.checked
        changed, rejoined = set(self.changed), set(self.rejoined)
        recorded = sum(d not in changed and d not in rejoined for d in self.rewritten)
        written = [f"{recorded} of them written again with the same graph, to record the curation they were checked "
                   "under"] if recorded else []
        if rejoined:
            written.append(f"{len(rejoined)} of them written again and joined again to the same nodes")
        done = (f"no change: the decision changes nothing in the {n} stored documents, which were not resolved again "
                f"({self.seconds:.1f} s)" if self.no_change else
                f"{done} {n} documents ({self.seconds:.1f} s): the graph of "
                f"{len(self.changed)} changed, {self.rechecked} re-checked and unchanged" +
                (f" ({'; '.join(written)})" if written else ""))
        return "\n".join([done] + [f"  warning: {line} (check the names in the curation file)" for line in self.idle])


def text_hashes(store: GraphStore, curation: Curation) -> dict[str, str] | None:
    """Stored documents' text hashes when all were resolved under ``curation``; ``None`` when one may not have been.

    The store says so by its mark (:meth:`~policykg.graph.store.GraphStore.curation_mark`), which :func:`reapply` sets
    when it has written every document; a store without one (written before the mark) by the curation's fingerprint
    every document's ``content_hash`` then carried.

    Returns:
        document id -> SHA-256 of its text (the loader's "unchanged" test), or ``None``.
    """
    fp = curation.fingerprint
    stored = store.documents()
    mark = store.curation_mark() if stored else fp
    if mark != fp and (mark is not None or any((d.get("content_hash") or "") != versioned_hash(
            text_hash(d.get("content_hash") or ""), fp) for d in stored)):
        return None
    return {d["id"]: text_hash(d.get("content_hash") or "") for d in stored}


def _source(node: dict[str, Any], text: str) -> SourceDocument:
    """The :class:`SourceDocument` a stored source node and its text came from."""
    return SourceDocument(id=node["id"], file_name=node.get("file_name") or node["id"], title=node.get("title") or "",
                          year=node.get("year"), place=node.get("place"), char_count=len(text),
                          content_hash=text_hash(node.get("content_hash") or ""), text=text,
                          encoding=node.get("encoding") or "utf-8", level=node.get("level"),
                          load_order=node.get("load_order"), folder_key=node.get("folder_key"))


def reapply(store: GraphStore, curation: Curation, model: str | None = None, force: bool = False,
            without: str | None = None, workers: int = 1,
            replacing: dict[str, SourceDocument] | None = None, cache: ExtractionCache | None = None,
            progress: bool = False) -> ReapplyReport:
    """Resolve every stored document again under ``curation``: extract from the stored text, curate, resolve, write.

    Documents are taken in the order they were first loaded (``load_order``; a store
    written before that property, in id order) and resolved against an empty index, so
    the result equals a fresh load of the same documents in that order, and a
    decision changes no node it does not decide about (two nodes a document names as one entity are joined after the
    writes, as a load joins them: :func:`policykg.graph.node_joins.join_nodes`); a document whose stored
    version already writes the same graph is not written again (its ``content_hash`` says what it writes:
    :func:`policykg.graph.schema.version_digest`), so a decision rewrites the documents it changes and no other.
    The store's curation mark is taken away before the first write and set to the curation's fingerprint after the
    last (:meth:`~policykg.graph.store.GraphStore.curation_mark`): stopped midway, the store has none, so the next
    load resolves it again (:func:`text_hashes`), and that writes the documents not yet written.

    Args:
        store: the store (either backend).
        curation: the decisions to apply.
        model: tagger model path (``None``: the shipped model; ``""``: the rules alone).
        force: rewrite every document, also one whose stored version has the content hash of the new one (its
            entities resolved anew without a document: :func:`delete`).
        without: a document id left out: neither resolved nor rewritten, and no other resolved against it.
        workers: processes extracting the stored texts (:func:`policykg.ingest.extract_documents`; resolution and
            writes stay in this process, in load order).
        replacing: stored document id -> a new version of it (a load's changed file), read in its place, in its
            load order; the first of them is written after every other document: stopped before then, the store
            still holds its old version, so loading the files again resolves the store again
            (:func:`policykg.ingest.load_paths`).  One is held back, not all: a reload of thousands of changed files
            would hold them all in memory.
        cache: what extraction made of a stored text before (:mod:`policykg.extraction_cache`), read instead of
            extracting it again, and where a text extracted anew is kept; ``None``: every text is extracted.
        progress: show a progress bar on stderr when it is a terminal (documents resolved again; a load's
            re-resolution ran 25 s without a word: a walkthrough, session 59).

    Raises:
        StoreError: a write failed (documents written before it stay written, each whole).
    """
    t0 = time.perf_counter()
    report = ReapplyReport()
    batch = max(1, int(getattr(store, "write_batch", 1)))
    pending: list[tuple[Any, str]] = []

    said: dict[str, str | None] = {}  # what the stored version of a document written over said (said_by)

    def flush() -> None:
        # a version written before session 68 says by its graph_hash alone neither that it changed nor that it did not,
        # and one whose nodes were joined (its graph_hash a digest of the joins: graph/node_moves.joined_hashes) may say
        # what the new one says once the joins after the writes are made again: its stored graph is read before it is
        # written over
        said.update({pg.doc_id: said_by(store, pg.doc_id) for pg, _ in pending if unsure(before.get(pg.doc_id), pg)
                     or rehashed(before.get(pg.doc_id), pg)})
        for (pg, _), written in zip(pending, store.upsert_documents(pending, force), strict=True):
            (report.rewritten if written else report.unchanged).append(pg.doc_id)
            if written and changed(before.get(pg.doc_id), pg, said.get(pg.doc_id)):
                report.changed.append(pg.doc_id)
        pending.clear()

    stored = store.documents()
    before = {n["id"]: n for n in stored}
    if stored and store.curation_mark() is not None:
        store.set_curation_mark(None)  # until every document is written under ``curation``
    replacing = replacing or {}
    held: list[DocumentGraph] = []  # the first replacement, written last
    found: list[tuple[str, str, str]] = []  # nodes each document names as one (first document naming a pair first)
    with paused_gc():
        for dg, index in resolved_again(store, curation, model, without, workers, replacing, cache, progress, stored):
            named, joins = bridged_pairs(dg, index)
            found += [(a, b, dg.document.id) for a, b in joins]
            if dg.document.id in replacing:
                report.replacements.append(dg)
                report.bridges += [(a, b, dg.document.id) for a, b in named]
                if not held:
                    held.append(dg)
                    continue
            pending.append((to_property_graph(dg), dg.document.text))  # its own text: the reading runs ahead
            if len(pending) >= batch:
                flush()
        pending += [(to_property_graph(dg), dg.document.text) for dg in held]  # after all the others
        if pending:
            flush()
    # as a load joins them: the store is a fresh load's (session 67)
    joined = join_nodes(store, found, curation)
    report.joined, report.joined_into = joined.pairs, joined.into
    if joined.rewritten:  # what a document written and joined again says is known after the joins alone
        report.changed, report.rejoined = settled(store, report, before, said, joined.rewritten)
    store.set_curation_mark(curation.fingerprint)
    report.idle = _idle(curation) if stored else []
    report.seconds = time.perf_counter() - t0
    return report


def resolved_again(store: GraphStore, curation: Curation, model: str | None = None, without: str | None = None,
                   workers: int = 1, replacing: dict[str, SourceDocument] | None = None,
                   cache: ExtractionCache | None = None, progress: bool = False,
                   stored: list[dict[str, Any]] | None = None) -> Iterator[tuple[DocumentGraph, EntityIndex]]:
    """Every stored document extracted from its stored text, curated and resolved under ``curation``, in load order
    against an empty index, as :func:`reapply` writes it (nothing is written here: an undo's dry run compares it with
    the store, :func:`policykg.curation_preview.undo_preview`).

    Args:
        store, curation, model, without, workers, replacing, cache, progress: as for :func:`reapply`.
        stored: ``store.documents()`` when the caller has read it.

    Yields:
        ``(document graph, the index after it)``; the index is the same object throughout, so read it before the next.
    """
    from policykg.ingest import extract_documents

    index = EntityIndex()
    curation.acted.clear()
    stored = store.documents() if stored is None else stored
    order = [n for n in sorted(stored, key=lambda n: (n.get("load_order") or 0, n["id"])) if n["id"] != without]
    replacing = replacing or {}

    def sources() -> Iterator[SourceDocument]:  # read as the workers ask for them, a few ahead of the loop below
        for n in order:
            if n["id"] in replacing:
                yield replacing[n["id"]]
            elif (text := store.document_text(n["id"])) is not None:
                yield _source(n, text)

    # no bar where stderr is no terminal (disable=None), as for the load: its cleared line ran into the results in a file
    bar = tqdm(total=len(order), unit="doc", desc="resolving again", disable=None if progress else True, dynamic_ncols=True,
               leave=False)
    with bar:
        for built in extract_documents(sources(), workers, model, cache):
            bar.update(1)
            dg = curated_resolve(built, index, curation)
            dg.document = _versioned(dg.document, curation)
            yield dg, index


def depends_on(store: GraphStore, doc_id: str) -> bool:
    """Whether deleting document ``doc_id`` can change how the other documents' entities were resolved: a document
    was loaded after it (each is resolved against those before it; its names may have named a node, joined two
    forms, or drawn a fuzzy match away from another node), or its naming two nodes as one joined them
    (:func:`policykg.graph.node_joins.joiners`: the others are two nodes again without it).

    Raises:
        NotFoundError: no such document.
    """
    stored = {d["id"]: d.get("load_order") or 0 for d in store.documents()}
    if doc_id not in stored:
        store.document(doc_id)  # raises NotFoundError, saying so when doc_id is a cited document
    return any(order > stored[doc_id] for order in stored.values()) or doc_id in joiners(store)


def delete(store: GraphStore, doc_id: str, curation: Curation, model: str | None = None, workers: int = 1,
           cache: ExtractionCache | None = None, progress: bool = False) -> ReapplyReport | None:
    """Delete document ``doc_id`` so that the store equals a fresh load of the other documents in their load order.

    When a document was loaded after it (:func:`depends_on`), the others are first resolved again without it, each
    extracted again from its stored text and rewritten (so this takes about as long as loading them), and the
    document is deleted last: a node it named is named by the next document, two forms only it joined are two
    nodes again.  Stopped before the end, the document is still there and the same call finishes the work.
    ``cache``: what extraction made of the stored texts before, ``progress`` a bar on stderr (:func:`reapply`).

    Returns:
        The re-application's report, or ``None`` when no document was loaded after it.

    Raises:
        NotFoundError: no such document.
        StoreError: a write failed (documents rewritten before it stay written, each whole; the document stays).
    """
    report = (reapply(store, curation, model=model, force=True, without=doc_id, workers=workers, cache=cache,
                      progress=progress)
              if depends_on(store, doc_id) else None)
    store.delete_document(doc_id)
    return report


def _idle(curation: Curation) -> list[str]:
    """One line per decision that acted on no document of the store, or a merge with a name no entity has
    (a hand-edited decision with a typo was applied without a word)."""
    out = []
    for d in curation.decisions:
        keys = {k for i, k in curation.acted if i == d.id}
        if not keys:
            out.append(f"{d.describe()}: changed nothing in any document")
        elif d.action == "merge":
            missing = [n for n in d.names if match_key(n) not in keys and match_key(n) != match_key(d.canonical or "")]
            if missing:
                out.append(f"{d.describe()}: no entity has the name {'、'.join(missing)}")
    return out


def _versioned(doc: SourceDocument, curation: Curation) -> SourceDocument:
    """``doc`` with the content hash a document written under ``curation`` carries (also without decisions)."""
    return dataclasses.replace(doc, content_hash=versioned_hash(text_hash(doc.content_hash), curation.fingerprint))
