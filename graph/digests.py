"""Digests of one document's property graph (:mod:`.schema`): what it says (``graph_hash``, :func:`content_digest`),
everything it writes (the ``+`` part of a curated ``content_hash``, :func:`version_digest`), its relationships alone
(the ``graph_hash`` a version written before session 68 carries, :func:`relationship_digest`), and what it says in no
order (:func:`unordered_digest`, for a graph as a store gives it back: a version written before session 68 is compared
so with a new one)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .schema import PropertyGraph

__all__ = ["content_digest", "relationship_digest", "unordered_digest", "version_digest"]

#: Properties that record how a document was resolved and curated, not what it says: :func:`content_digest` leaves
#: them out (the source node's hashes; a relationship's or a mention's decisions, its merges and resolution step).
_BOOKKEEPING = frozenset({"content_hash", "graph_hash", "curated_by", "merges", "resolution"})


def content_digest(pg: PropertyGraph) -> str:
    """16 hex digits of a SHA-256 over what a document's graph says: every node and relationship of ``pg`` with their
    properties, but those recording how it was resolved and curated (:data:`_BOOKKEEPING`), in their order.  Equal for
    two versions exactly when each mention is on the same node at the same offsets and the same facts are stated by
    the same sentences, whatever decisions marked them (a re-application counts the documents whose graph changed by it:
    :func:`policykg.reresolve.reapply`; the sentence index follows it).

    Args:
        pg: one document's property graph; property values JSON-ready.

    Returns:
        The digest, written as the source document's ``graph_hash``.
    """
    return _digest(pg, _BOOKKEEPING)


def relationship_digest(pg: PropertyGraph) -> str:
    """16 hex digits of a SHA-256 over the types and ends of ``pg``'s relationships, sorted: the ``graph_hash`` a
    document written before session 68 carries, which :func:`policykg.reresolve.reapply` compares such a stored
    version with (a mention's offsets and every property left out)."""
    return hashlib.sha256("\n".join(sorted(f"{e.type}|{e.source}|{e.target}" for e in pg.edges)).encode("utf-8")
                          ).hexdigest()[:16]


def version_digest(pg: PropertyGraph) -> str:
    """16 hex digits of a SHA-256 over every node (id, label, properties) and relationship (ends, type, key,
    properties) of ``pg`` but the source document's ``content_hash``, in their order: equal for two versions of a
    document exactly when they write the same graph (up to a collision of 64 bits; the same graph written in another
    order, which one version of :func:`to_property_graph` does not do, would only be written again).

    Args:
        pg: one document's property graph (:func:`to_property_graph`); property values JSON-ready.

    Returns:
        The digest, which a curated ``content_hash`` carries after its ``+``.
    """
    return _digest(pg, frozenset({"content_hash"}))


def _digest(pg: PropertyGraph, left_out: frozenset[str]) -> str:
    """16 hex digits of a SHA-256 over every node (id, label, properties) and relationship (ends, type, key,
    properties) of ``pg`` in their order, the properties named in ``left_out`` left out (:func:`content_digest`,
    :func:`version_digest`)."""
    def kept(props: dict[str, Any]) -> dict[str, Any]:
        return props if left_out.isdisjoint(props) else {k: v for k, v in props.items() if k not in left_out}

    rows: list[list[Any]] = [[n.id, n.label, kept(n.props)] for n in pg.nodes]
    rows += [[e.source, e.target, e.type, e.key, kept(e.props)] for e in pg.edges]
    # properties in the order to_property_graph writes them (sorting the keys took a fifth longer); \u escapes, which
    # json writes faster than the characters (0.7 s for the 21 MB of 96 reports against 1.0 s).  A curated document is
    # serialised here twice, for content_digest and version_digest, and once more by the embedded store's write:
    # serialising each row once for both digests (the bookkeeping properties, which come last, inserted before its
    # closing braces: the same characters) took longer, one json.dumps call per row against two over the whole graph
    # (0.44-0.64 s against 0.35-0.51 s for both digests of the 67 national reports, session 69); the write's own
    # serialisation (no escapes) would serve only with other digests, every stored document's then re-counted
    return hashlib.sha256(json.dumps(rows).encode("ascii")).hexdigest()[:16]


def unordered_digest(pg: PropertyGraph) -> str:
    """16 hex digits of a SHA-256 over what a document's graph says, in no order and as either store keeps it: its
    source node and sections with their properties and its relationships (ends, type, properties), but the properties
    recording how it was resolved and curated (:data:`_BOOKKEEPING`) and those without a value (Neo4j keeps no null);
    two relationships of one type between the same nodes are one, their properties joined, the later's kept, as the
    stores keep them.  The entity nodes are named by the relationships' ends (their ids: label and name).

    Equal for a document's graph as a store gives it back (:meth:`policykg.graph.store.GraphStore.stored_graph`) and
    a new version of it exactly when they say the same: a re-application compares so a version written before session
    68, whose ``graph_hash`` is a digest of its relationships alone or missing (:func:`policykg.reresolve.reapply`).

    Args:
        pg: one document's property graph, in any order; property values JSON-ready.

    Returns:
        The digest (not a ``graph_hash``: :func:`content_digest` is one).
    """
    def kept(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in _BOOKKEEPING and v is not None}

    rows = [json.dumps([n.id, n.label, kept(n.props)], sort_keys=True) for n in pg.nodes
            if n.id == pg.doc_id or n.label == "Section"]
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in pg.edges:
        key = (e.source, e.target, e.type)
        edges[key] = {**edges.get(key, {}), **kept(e.props)}
    rows += [json.dumps([*key, props], sort_keys=True) for key, props in edges.items()]
    return hashlib.sha256("\n".join(sorted(rows)).encode("ascii")).hexdigest()[:16]
