"""The Neo4j write path: several documents per transaction, few statements per batch.

A batch of documents is written by :func:`write_batch` inside one explicit
write transaction, so a batch is all-or-nothing and a load killed midway
leaves whole documents only.  In that transaction:

1. one statement reads the stored content hashes of the batch's documents;
   unchanged documents are skipped;
2. for documents already stored (replacements) only: the entities their
   mentions point at are collected, then their relationships (one indexed
   statement per type, by ``doc_id``) and sections are deleted;
3. one statement reads the current aggregates of the batch's entities (a small
   row per entity);
4. the batch's rows, merged across its documents and de-duplicated here, are
   written per label and per type in ``UNWIND`` chunks of ``rows_per_statement``:
   source documents (properties replaced), sections and relationships with
   ``CREATE`` (none of them can exist at this point, see
   :data:`policykg.graph.cypher.EDGE_CREATE`), shared entities with ``MERGE``.
   Results are not consumed one by one (a failure still surfaces before the
   commit and rolls the whole batch back);
5. entity aggregates are set once per batch.  An entity that only gains
   mentions gets its stored aggregates combined with the batch's own MENTIONS
   (:func:`incremental_rows`, computed here: nothing is read back).  The stored
   aggregates are read after the entities are merged and under a write lock on
   each (:data:`~policykg.graph.cypher.ENTITY_AGGREGATES`), so two processes
   writing at once (a load while the API re-applies curation) never lose each
   other's counts, which read-committed isolation would allow otherwise; an entity
   that lost mentions (a replaced or deleted document mentioned it) or has no
   stored aggregates is recomputed from the small fields of all its MENTIONS
   (:func:`aggregate_rows`), and deleted when nothing mentions it any more.

Both give exactly :func:`~policykg.graph.schema.aggregate_entity` of all the
entity's mentions: aliases and ``merged_by`` are unions, and a new document's
id cannot already be among the documents counted in ``doc_count``.

The functions that shape rows (:func:`document_rows`, :func:`merge_batch`,
:func:`plan_transactions`, :func:`aggregate_rows`, :func:`incremental_rows`) are
pure and tested without a server.  Every statement is a constant of
:mod:`policykg.graph.cypher`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import cypher as Q
from .schema import ENTITY_LABELS, PropertyGraph, aggregate_entity
from .search import search_text

__all__ = ["BatchRows", "DocumentRows", "aggregate_rows", "delete_batch", "document_rows", "incremental_rows",
           "merge_batch", "plan_transactions", "write_batch"]

#: Most relationships one transaction writes (a batch holds fewer documents when they are large).
MAX_TX_RELATIONSHIPS = 50_000
#: Most characters one transaction writes of document text and of the sentences its relationships carry as
#: provenance (``sentences`` of MENTIONS and of the facts): both travel as parameters and count against the server's
#: transaction memory (about 12 MB of UTF-8 for Chinese).  The national reports' sentences are 1.17 times their text
#: (a review, session 57: the text alone had been counted), so 50 work reports of 20,000 characters are about 2,200,000.
MAX_TX_CHARS = 4_000_000


@dataclass
class DocumentRows:
    """One document's rows, as the write statements take them.

    Attributes:
        doc_id, content_hash: the source document's id and hash.
        source: ``{"id", "props"}`` of the source Document node (text included).
        sections: ``{"id", "props"}`` per Section node.
        entities: label -> ``{"id", "props"}`` per entity node (Body, Program, Goal, cited Document).
        edges: relationship type -> ``{"source", "target", "props"}`` per relationship.
        relationships: number of relationships (for sizing transactions).
        chars: characters of its text and of its relationships' provenance sentences (for sizing transactions).
    """

    doc_id: str
    content_hash: str
    source: dict[str, Any]
    sections: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    edges: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    relationships: int = 0
    chars: int = 0


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j properties cannot be null: ``props`` without its ``None`` values (``props`` itself when it has none)."""
    if None not in props.values():
        return props
    return {k: v for k, v in props.items() if v is not None}


def document_rows(pg: PropertyGraph, text: str) -> DocumentRows:
    """Shape one document's property graph into rows (``None`` properties dropped, ``id`` always set).

    Args:
        pg: the document's nodes and edges (entity ids resolved).
        text: the document's text, stored on its source node.
    """
    content_hash = ""
    source: dict[str, Any] = {"id": pg.doc_id, "props": {"id": pg.doc_id, "text": text}}
    sections: list[dict[str, Any]] = []
    entities: dict[str, list[dict[str, Any]]] = {}
    for n in pg.nodes:
        row = {"id": n.id, "props": {**_clean(n.props), "id": n.id}}
        if n.id == pg.doc_id:
            row["props"]["text"] = text
            source = row
            content_hash = n.props.get("content_hash") or ""
        elif n.label == "Section":
            sections.append(row)
        elif n.label in ENTITY_LABELS:
            entities.setdefault(n.label, []).append(row)
    edges: dict[str, list[dict[str, Any]]] = {}
    chars = len(text)
    for e in pg.edges:
        edges.setdefault(e.type, []).append({"source": e.source, "target": e.target, "props": _clean(e.props)})
        chars += sum(map(len, e.props.get("sentences") or ()))
    return DocumentRows(pg.doc_id, content_hash, source, sections, entities, edges, len(pg.edges), chars)


def plan_transactions(docs: list[DocumentRows], max_docs: int, max_relationships: int = MAX_TX_RELATIONSHIPS,
                      max_chars: int = MAX_TX_CHARS) -> list[list[DocumentRows]]:
    """Group documents, in order, into transactions.

    A transaction holds at most ``max_docs`` documents, ``max_relationships``
    relationships and ``max_chars`` characters of document text and provenance sentences
    (:attr:`DocumentRows.chars`; a larger document gets a transaction of its own), and never
    the same document id twice (a repeated id starts a new transaction, so the
    later version replaces the earlier one as a sequence of writes would).

    Returns:
        Lists of documents, one per transaction, together in input order.
    """
    out: list[list[DocumentRows]] = []
    current: list[DocumentRows] = []
    ids: set[str] = set()
    rels = chars = 0
    for d in docs:
        size = d.chars
        if current and (len(current) >= max_docs or rels + d.relationships > max_relationships
                        or chars + size > max_chars or d.doc_id in ids):
            out.append(current)
            current, ids, rels, chars = [], set(), 0, 0
        current.append(d)
        ids.add(d.doc_id)
        rels += d.relationships
        chars += size
    if current:
        out.append(current)
    return out


@dataclass
class BatchRows:
    """The rows of one transaction's documents, merged: what the write statements receive.

    Attributes:
        sources, sections: node rows (owned by one document each).
        entities: label -> entity rows, one per id (the first, as ``MERGE … ON CREATE`` would keep).
        edges: type -> relationship rows, one per (source, target, doc_id), properties
            of duplicates merged in order (as writing them one after another would).
        entity_ids: ids of every entity node in the batch (sorted).
    """

    sources: list[dict[str, Any]]
    sections: list[dict[str, Any]]
    entities: dict[str, list[dict[str, Any]]]
    edges: dict[str, list[dict[str, Any]]]
    entity_ids: list[str]


def merge_batch(docs: list[DocumentRows]) -> BatchRows:
    """Merge the rows of several documents (distinct ids) into one :class:`BatchRows`."""
    sections: dict[str, dict[str, Any]] = {}
    entities: dict[str, dict[str, dict[str, Any]]] = {}
    edges: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = {}
    # Rows are shared, not copied (nothing here mutates them); a repeat gets a merged copy.
    for d in docs:
        for row in d.sections:
            seen = sections.get(row["id"])
            sections[row["id"]] = row if seen is None else {"id": row["id"], "props": {**seen["props"], **row["props"]}}
        for label, rows in d.entities.items():
            by_id = entities.setdefault(label, {})
            for row in rows:
                by_id.setdefault(row["id"], row)
        for t, rows in d.edges.items():
            by_key = edges.setdefault(t, {})
            for row in rows:
                key = (row["source"], row["target"], str(row["props"].get("doc_id", d.doc_id)))
                seen = by_key.get(key)
                by_key[key] = row if seen is None else {**seen, "props": {**seen["props"], **row["props"]}}
    entity_ids = sorted({i for by_id in entities.values() for i in by_id})
    return BatchRows([d.source for d in docs], list(sections.values()),
                     {label: list(by_id.values()) for label, by_id in entities.items()},
                     {t: list(by_key.values()) for t, by_key in edges.items()}, entity_ids)


def aggregate_rows(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Aggregate properties of entities from their MENTIONS, as :data:`~policykg.graph.cypher.ENTITY_MENTIONS` returns them.

    Args:
        records: ``{"id", "name", "kind", "mentions": [{"doc_id", "count", "forms", "resolution", "curated_by"}, ...]}``
            per entity (absent properties as ``None``).

    Returns:
        ``(rows, unmentioned)``: rows for :data:`~policykg.graph.cypher.AGGREGATE_SET` (``id``, ``aliases``,
        ``aliases_text``, ``doc_count``, ``mention_count``, ``merged_by``, ``curated_by``), and the ids of entities no
        MENTIONS points at any more (to delete).  Source documents are left alone, as in the embedded store.
    """
    rows, unmentioned = [], []
    for r in records:
        if r.get("kind") == "source":
            continue
        mentions = [_clean(m) for m in r["mentions"] if m]
        if not mentions:
            unmentioned.append(r["id"])
            continue
        agg = aggregate_entity(r["name"], mentions)
        rows.append({"id": r["id"], **agg, "aliases_text": search_text(r["name"], agg["aliases"])})
    return rows, unmentioned


def incremental_rows(before: dict[str, dict[str, Any]], batch: BatchRows, ids: list[str]
                     ) -> tuple[list[dict[str, Any]], list[str]]:
    """Aggregates of entities that only gain mentions: their stored aggregates plus the batch's MENTIONS.

    Args:
        before: id -> ``{"name", "kind", "aliases", "doc_count", "mention_count", "merged_by", "curated_by"}`` of the
            batch's entities as stored (:data:`~policykg.graph.cypher.ENTITY_AGGREGATES`; a node the batch created has
            ``doc_count`` 0),
            each with stored aggregates.
        batch: the batch's rows (its MENTIONS rows and entity names).
        ids: the entities to aggregate: none of them lost a mention in this batch.

    Returns:
        ``(rows, unmentioned)`` as :func:`aggregate_rows`: an entity created by the batch without
        any MENTIONS is unmentioned (the embedded store drops such a node too).
    """
    names = {row["id"]: row["props"].get("name", "") for rows in batch.entities.values() for row in rows}
    new: dict[str, list[dict[str, Any]]] = {}
    for row in batch.edges.get("MENTIONS", []):
        new.setdefault(row["target"], []).append(row["props"])
    rows, unmentioned = [], []
    for i in ids:
        old = before.get(i)
        if old is not None and old.get("kind") == "source":
            continue
        mentions = new.get(i, [])
        created = old is None or not old.get("doc_count")  # ENTITY_MERGE creates a node with doc_count 0
        if created and not mentions:
            unmentioned.append(i)
            continue
        name = old["name"] if old is not None else names[i]
        agg = aggregate_entity(name, mentions)
        if not created:
            agg = {"aliases": sorted(set(old.get("aliases") or []) | set(agg["aliases"])),
                   "doc_count": old["doc_count"] + agg["doc_count"],
                   "mention_count": (old.get("mention_count") or 0) + agg["mention_count"],
                   "merged_by": sorted(set(old.get("merged_by") or []) | set(agg["merged_by"])),
                   "curated_by": sorted(set(old.get("curated_by") or []) | set(agg["curated_by"]))}
        rows.append({"id": i, **agg, "aliases_text": search_text(name, agg["aliases"])})
    return rows, unmentioned


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _run_rows(tx: Any, statement: str, rows: list[dict[str, Any]], size: int) -> None:
    # Not consumed one by one; the driver still waits for each statement's RUN reply before sending the next.
    for chunk in _chunks(rows, size):
        tx.run(statement, rows=chunk)


def _delete_facts(tx: Any, doc_ids: list[str]) -> list[str]:
    """Delete the relationships and sections of ``doc_ids``; return the ids of the entities they mentioned."""
    touched = tx.run(Q.TOUCHED_BY_DOCUMENTS, doc_ids=doc_ids).single()["ids"]
    for stmt in Q.DELETE_FACTS:
        tx.run(stmt, doc_ids=doc_ids)
    tx.run(Q.DELETE_SECTIONS, doc_ids=doc_ids)
    return list(touched)


def _refresh(tx: Any, ids: list[str], size: int) -> None:
    """Recompute the aggregates of entities ``ids`` and delete those no document mentions any more."""
    for chunk in _chunks(ids, size):
        rows, unmentioned = aggregate_rows([r.data() for r in tx.run(Q.ENTITY_MENTIONS, ids=chunk)])
        _run_rows(tx, Q.AGGREGATE_SET, rows, size)
        if unmentioned:
            tx.run(Q.DELETE_UNMENTIONED, ids=unmentioned)


def _locked_aggregates(tx: Any, ids: list[str], size: int) -> dict[str, dict[str, Any]]:
    """The stored aggregates of entities ``ids`` (sorted), each node write-locked first
    (:data:`~policykg.graph.cypher.ENTITY_AGGREGATES`); an id no node has is absent."""
    return {r["id"]: r.data() for chunk in _chunks(ids, size) for r in tx.run(Q.ENTITY_AGGREGATES, ids=chunk)}


def write_batch(tx: Any, docs: list[DocumentRows], rows_per_statement: int, force: bool = False) -> list[bool]:
    """Write one transaction's documents (distinct ids); the transaction function of ``execute_write``.

    Args:
        tx: a ``neo4j.ManagedTransaction``.
        docs: the documents, from :func:`plan_transactions`.
        rows_per_statement: rows per ``UNWIND`` statement.
        force: replace a stored version that has the same content hash too (entities resolved anew).

    Returns:
        Per document, in order: ``False`` when the stored version has the same content hash (and not ``force``).
    """
    stored = {r["id"]: r["hash"] for r in tx.run(Q.DOCUMENT_HASHES, ids=[d.doc_id for d in docs])}
    todo = [d for d in docs if force or d.doc_id not in stored or stored[d.doc_id] != d.content_hash]
    if not todo:
        return [False] * len(docs)
    replaced = [d.doc_id for d in todo if d.doc_id in stored]
    touched = set(_delete_facts(tx, replaced)) if replaced else set()
    batch = merge_batch(todo)
    _run_rows(tx, Q.SOURCE_WRITE, batch.sources, rows_per_statement)
    _run_rows(tx, Q.SECTION_CREATE, batch.sections, rows_per_statement)
    for label, rows in batch.entities.items():
        _run_rows(tx, Q.ENTITY_MERGE[label], rows, rows_per_statement)
    # read under a write lock, after the merge: another writer's node of the same id is then its committed node
    before = _locked_aggregates(tx, batch.entity_ids, rows_per_statement)
    if gone := set(batch.entity_ids) - before.keys():
        # another writer deleted them between the MERGE and the lock (their last mention was its document's): made
        # again, or EDGE_CREATE's MATCH would drop this batch's relationships to them without a word
        for label, rows in batch.entities.items():
            _run_rows(tx, Q.ENTITY_MERGE[label], [r for r in rows if r["id"] in gone], rows_per_statement)
        before |= _locked_aggregates(tx, sorted(gone), rows_per_statement)
    for t, rows in batch.edges.items():
        _run_rows(tx, Q.EDGE_CREATE[t], rows, rows_per_statement)
    # Entities that lost mentions, or lack stored aggregates (e.g. a bulk import without them): recomputed.
    full = touched | {i for i, old in before.items() if old.get("doc_count") is None and old.get("kind") != "source"}
    rows, unmentioned = incremental_rows(before, batch, [i for i in batch.entity_ids if i not in full])
    _run_rows(tx, Q.AGGREGATE_SET, rows, rows_per_statement)
    if unmentioned:
        tx.run(Q.DELETE_UNMENTIONED, ids=unmentioned)
    _refresh(tx, sorted(full), rows_per_statement)
    written = {d.doc_id for d in todo}
    return [d.doc_id in written for d in docs]


def delete_batch(tx: Any, doc_ids: list[str], rows_per_statement: int) -> None:
    """Delete source documents and exactly their facts, then refresh the entities they mentioned (one transaction)."""
    touched = _delete_facts(tx, doc_ids)
    tx.run(Q.DELETE_SOURCES, doc_ids=doc_ids)
    _refresh(tx, sorted(set(touched)), rows_per_statement)
