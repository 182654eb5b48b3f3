"""What a document's relationships become when nodes it mentions are joined to others: the pure part of the store
operation :meth:`policykg.graph.store.GraphStore.move_nodes`, shared by both stores so that they write the same
(:mod:`.node_joins` decides which nodes join).

A joined node's relationships go to the node it joins with their properties: a document's MENTIONS of both nodes from
one part of the text become one relationship with the mentions of both in text order, the forms of both and the reason
the document joined the node that stays (the document that had made the joined node joins by
``one-entity:<document>``, or ``one-entity`` when it names the two as one itself); two facts between the same nodes
become one with the evidence of both, and a fact between two nodes that are one now is dropped.  The source document's
``graph_hash`` and a curated ``content_hash``'s digest become digests of the old ones and of the joins, the same on
both stores, so a re-resolution, which resolves the document without the joins, sees it changed and writes it (the
joins are made again after it), and the sentence index reads it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from .schema import Edge, Node, PropertyGraph

__all__ = ["JOINED", "JOINED_BY", "check_moves", "joined_hashes", "moved_ends", "relabel", "relabel_edges"]

#: The reason of a document whose node was joined to another by the document itself naming the two as one.
JOINED = "one-entity"
#: The reason of a document whose node was joined to another: ``one-entity:<the document naming the two as one>``,
#: or :data:`JOINED` alone when that is the document itself.
JOINED_BY = f"{JOINED}:"
#: Relationship types that are a document's own outline or citations: never dropped as a fact between joined nodes.
_OWN = ("HAS_SECTION", "CITES")


def moved_ends(edges: Iterable[Edge], into: dict[str, str]) -> dict[str, str]:
    """The joins of ``into`` (old node id -> the node id it joins) whose old node ends one of ``edges``."""
    return {n: into[n] for e in edges for n in (e.source, e.target) if n in into}


def relabel_edges(doc_id: str, edges: list[Edge], into: dict[str, str], by: dict[str, str]) -> list[Edge]:
    """A document's relationships with each node of ``into`` replaced by the node it joins.

    Args:
        doc_id: the document whose relationships ``edges`` are (each carries it as ``doc_id``).
        edges: its relationships, at least all of those ending on a node of ``into`` or on a node one joins (the
            others come back unchanged).
        into: joined node id -> the node id it is now part of (:func:`.node_joins.join_plan`).
        by: joined node id -> the document that named it with the other (``one-entity:<document>`` is the reason of
            a document that had made the joined node, its reason ``new``; ``one-entity`` alone when that document is
            ``doc_id`` itself, which ``Document:x one-entity:Document:x`` in ``merged_by`` had said twice).

    Returns:
        New edges, in the order of ``edges`` (a relationship folded into an earlier one takes its place): one per
        (source, target, type); the MENTIONS of one node keep the forms of both entities, and the reason the
        document joined the node that stays (of a node of both: the one it joined that node by) and the merges of
        both; evidence lists (surfaces, starts, ends, sentences, section ids) in text order, counts added.
    """
    entity: dict[str, dict[str, Any]] = {}  # per node that stays: the document's forms, reason and merges on it
    for e in edges:
        if e.type != "MENTIONS":
            continue
        target = into.get(e.target, e.target)
        reason = e.props.get("resolution", "new")
        if e.target in into and reason == "new":
            naming = by.get(e.target, doc_id)
            reason = JOINED if naming == doc_id else f"{JOINED_BY}{naming}"
        one = entity.setdefault(target, {"forms": [], "merges": [], "own": None, "other": None})
        one["forms"] += e.props.get("forms") or []
        one["merges"] += e.props.get("merges") or []
        side = "other" if e.target in into else "own"
        one[side] = one[side] or reason
    folded: dict[tuple[str, str, str], Edge] = {}
    for e in edges:
        source, target = into.get(e.source, e.source), into.get(e.target, e.target)
        if e.type != "MENTIONS" and e.type not in _OWN and source == target:
            continue  # a fact between the two joined nodes
        props = dict(e.props)
        if e.type == "MENTIONS" and target in entity:
            one = entity[target]
            props["forms"] = list(dict.fromkeys(one["forms"]))
            props["resolution"] = one["own"] or one["other"]
            if one["merges"]:
                props["merges"] = list(dict.fromkeys(one["merges"]))
        old = folded.get((source, target, e.type))
        if old is None:
            folded[(source, target, e.type)] = Edge(source, target, e.type, e.key, props)
        else:
            _fold(old.props, props)
    return list(folded.values())


def _fold(into: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold the properties of a second relationship of one document between the same nodes into ``into``: the
    evidence in text order, counts added, the decisions recorded on either kept."""
    lists = [k for k in ("surfaces", "starts", "ends", "sentences", "section_ids") if k in into and k in other]
    if "starts" in lists:
        rows = sorted(zip(*(into[k] + other[k] for k in lists), strict=True), key=lambda r: r[lists.index("starts")])
        for i, k in enumerate(lists):
            into[k] = [r[i] for r in rows]
    if "count" in into:
        into["count"] = int(into["count"]) + int(other.get("count") or 0)
    if other.get("curated_by"):
        into["curated_by"] = list(dict.fromkeys([*(into.get("curated_by") or []), *other["curated_by"]]))


def joined_hashes(doc: dict[str, Any], moved: dict[str, str]) -> dict[str, str]:
    """The ``graph_hash`` and ``content_hash`` a source document takes when the joins ``moved`` (old node id -> the
    node it joins) change its relationships.

    Args:
        doc: the source document's properties (``graph_hash``; ``content_hash``: the text's SHA-256, followed under
            curation decisions by ``+`` and a digest of what the document writes).

    Returns:
        The properties to set: ``graph_hash`` (when ``doc`` has one) and, for a curated ``content_hash``, the same text
        hash followed by a new digest; 16 hex digits of a SHA-256 over the old digest and the sorted joins each.  An
        uncurated ``content_hash`` (the text's alone) is kept, so loading the same file again writes nothing.
    """
    tag = "\n".join(f"{a}\t{b}" for a, b in sorted(moved.items()))

    def digest(old: str) -> str:
        return hashlib.sha256(f"{old}\n{tag}".encode()).hexdigest()[:16]

    out: dict[str, str] = {}
    if doc.get("graph_hash"):
        out["graph_hash"] = digest(str(doc["graph_hash"]))
    text, plus, version = str(doc.get("content_hash") or "").partition("+")
    if plus:
        out["content_hash"] = f"{text}+{digest(version)}"
    return out


def relabel(pg: PropertyGraph, into: dict[str, str], by: dict[str, str]) -> PropertyGraph:
    """``pg`` with each node of ``into`` replaced by the node it joins (:func:`relabel_edges`), its source
    document's hashes those of :func:`joined_hashes`; ``pg`` itself when it has no relationship to a node of ``into``.

    Args:
        pg: a document's property graph as stored (its source node first).
        into, by: as for :func:`relabel_edges`.

    Returns:
        A new property graph (nodes in their order, a joined node replaced by the node it joins, once).
    """
    moved = moved_ends(pg.edges, into)
    if not moved:
        return pg
    out = PropertyGraph(doc_id=pg.doc_id)
    kept: set[str] = set()
    for n in pg.nodes:
        nid = into.get(n.id, n.id)
        if nid in kept:
            continue
        kept.add(nid)
        props = dict(n.props)
        if nid != n.id:
            props.update(id=nid, name=nid.split(":", 1)[1])
        elif n.id == pg.doc_id:
            props.update(joined_hashes(props, moved))
        out.nodes.append(Node(nid, n.label, props))
    out.edges = relabel_edges(pg.doc_id, pg.edges, into, by)
    return out


def check_moves(into: dict[str, str]) -> None:
    """Refuse joins :meth:`.store.GraphStore.move_nodes` cannot make in one step.

    Raises:
        ValueError: a node joins itself, or a node others join is itself joined to another (naming both).
    """
    for old, new in sorted(into.items()):
        if old == new:
            raise ValueError(f"node {old!r} cannot be joined to itself")
        if new in into:
            raise ValueError(f"node {old!r} is joined to {new!r}, which is itself joined to {into[new]!r}: "
                             "give the node that stays for both")
