"""A document's row of the embedded store (:mod:`.embedded`): its property graph as JSON, written and read back."""

from __future__ import annotations

import json

from .schema import Edge, Node, PropertyGraph

__all__ = ["content_hash", "decode", "payload"]


def content_hash(pg: PropertyGraph) -> str:
    """The ``content_hash`` of a document's source node in ``pg`` (``""`` when it has none)."""
    return next((n.props.get("content_hash") for n in pg.nodes if n.id == pg.doc_id), "") or ""


def payload(pg: PropertyGraph) -> str:
    """The JSON a document's row holds of its graph ``pg`` (:func:`decode` reads it back)."""
    return json.dumps({"nodes": [[n.id, n.label, n.props] for n in pg.nodes],
                       "edges": [[e.source, e.target, e.type, e.key, e.props] for e in pg.edges]}, ensure_ascii=False)


def decode(doc_id: str, payload: str) -> PropertyGraph:
    """The property graph of a stored document's ``payload`` (JSON), in the current schema."""
    data = json.loads(payload)
    nodes = [Node(*n) for n in data["nodes"]]
    for n in nodes:
        # A payload written before the Section's depth was named outline_level holds it as ``level``, which on a
        # Document is 国, 省…: one name of two types broke the Cypher engine's copy (one column type per property).
        if n.label == "Section" and "level" in n.props:
            n.props = {"outline_level" if k == "level" else k: v for k, v in n.props.items()}
    return PropertyGraph(doc_id, nodes, [Edge(*e) for e in data["edges"]])

