"""Nodes joined in place on Neo4j (:meth:`policykg.graph.store.GraphStore.move_nodes`), in one write transaction.

In the transaction (every statement a constant of :mod:`policykg.graph.cypher`):

1. the joined nodes and the nodes they join are write-locked, in id order
   (:data:`~policykg.graph.cypher.ENTITY_AGGREGATES`, as a batch of documents locks its entities);
2. the joined nodes' relationships are read, then those of the same documents on the nodes they join
   (:data:`~policykg.graph.cypher.JOIN_EDGES`);
3. per document, the new relationships are computed here (:func:`policykg.graph.node_moves.relabel_edges`, as the
   embedded store computes them), the old ones deleted and the new ones created, one statement per type
   (:data:`~policykg.graph.cypher.EDGE_DELETE`, :data:`~policykg.graph.cypher.EDGE_CREATE`);
4. the documents changed take their new hashes (:data:`~policykg.graph.cypher.DOCUMENT_HASHES_SET`,
   :func:`policykg.graph.node_moves.joined_hashes`);
5. the aggregates of the nodes that stay are recomputed from all their MENTIONS and the joined nodes, mentioned no
   more, are deleted (as after a document's replacement: :mod:`policykg.graph.neo4j_write`).
"""

from __future__ import annotations

from typing import Any

from . import cypher as Q
from .neo4j_write import _chunks, _clean, _locked_aggregates, _refresh, _run_rows
from .node_moves import check_moves, joined_hashes, moved_ends, relabel_edges
from .schema import Edge

__all__ = ["move_batch"]


def _edges(tx: Any, ids: list[str], doc_ids: list[str] | None, size: int) -> dict[str, dict[tuple[str, str, str], Edge]]:
    """The relationships of nodes ``ids`` (of documents ``doc_ids``; ``None``: any), per document, each once."""
    out: dict[str, dict[tuple[str, str, str], Edge]] = {}
    for chunk in _chunks(ids, size):
        for r in tx.run(Q.JOIN_EDGES, ids=chunk, doc_ids=doc_ids):
            props = dict(r["props"])
            doc_id = str(props.get("doc_id"))
            out.setdefault(doc_id, {})[(r["source"], r["target"], r["type"])] = Edge(
                r["source"], r["target"], r["type"], f"{r['type']}|{doc_id}", props)
    return out


def move_batch(tx: Any, into: dict[str, str], by: dict[str, str], rows_per_statement: int) -> list[str]:
    """Join the nodes of ``into`` to the nodes they join; the transaction function of ``execute_write``.

    Args:
        tx: a ``neo4j.ManagedTransaction``.
        into, by: as for :meth:`policykg.graph.store.GraphStore.move_nodes` (checked there).
        rows_per_statement: rows per ``UNWIND`` statement.

    Returns:
        The ids of the documents whose relationships moved, sorted.

    Raises:
        ValueError: ``into`` joins a node to itself or to a node it joins to another (:func:`.node_moves.check_moves`).
    """
    check_moves(into)
    size = rows_per_statement
    stays = sorted(set(into.values()))
    _locked_aggregates(tx, sorted({*into, *stays}), size)
    docs = _edges(tx, sorted(into), None, size)
    if not docs:
        return []
    for doc_id, edges in _edges(tx, stays, sorted(docs), size).items():
        docs[doc_id].update(edges)
    gone: dict[str, list[dict[str, Any]]] = {}
    made: dict[str, list[dict[str, Any]]] = {}
    hashes: dict[str, dict[str, str]] = {}
    sources = {r["id"]: dict(r["props"]) for r in tx.run(Q.NODES_BY_ID, ids=sorted(docs))}
    for doc_id in sorted(docs):
        edges = list(docs[doc_id].values())
        for e in edges:
            gone.setdefault(e.type, []).append({"source": e.source, "target": e.target, "doc_id": doc_id})
        for e in relabel_edges(doc_id, edges, into, by):
            made.setdefault(e.type, []).append({"source": e.source, "target": e.target, "props": _clean(e.props)})
        if doc_id in sources:
            hashes[doc_id] = joined_hashes(sources[doc_id], moved_ends(edges, into))
    for t, rows in gone.items():
        _run_rows(tx, Q.EDGE_DELETE[t], rows, size)
    for t, rows in made.items():
        _run_rows(tx, Q.EDGE_CREATE[t], rows, size)
    _run_rows(tx, Q.DOCUMENT_HASHES_SET, [{"id": d, "hashes": h} for d, h in hashes.items() if h], size)
    _refresh(tx, sorted({*into, *stays}), size)
    return sorted(docs)
