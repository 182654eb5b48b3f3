"""The breadth-first neighbourhood of a node, written once for every store over its two primitives (``_nodes`` and
``_incident``, see :class:`~policykg.graph.store.GraphStore`), and the :class:`Subgraph` it returns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import NotFoundError

from .schema import check_label, check_rel_type

__all__ = ["MAX_DEPTH", "MAX_NODES", "Subgraph", "neighbourhood", "unlinked"]

MAX_DEPTH = 3
MAX_NODES = 2000


@dataclass
class Subgraph:
    """Nodes and edges of a neighbourhood; ``truncated`` is true when the node limit cut it."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"nodes": [...], "edges": [...], "truncated": bool}``."""
        return {"nodes": self.nodes, "edges": self.edges, "truncated": self.truncated}


def unlinked(subgraph: dict[str, Any], centre: str) -> int:
    """How many nodes of a neighbourhood (``Subgraph.to_dict()``) no edge of it touches, the centre aside: those a
    labels filter keeps although the nodes between them and the centre (sections, documents) are left out (150
    dots and no edge for Goal:高质量发展 with labels=Body: a walkthrough, session 50)."""
    linked = {end for e in subgraph["edges"] for end in (e["source"], e["target"])}
    return sum(1 for n in subgraph["nodes"] if n["id"] not in linked and n["id"] != centre)


def neighbourhood(store: Any, node: str, depth: int = 1, labels: list[str] | None = None,
                  types: list[str] | None = None, limit: int = 200) -> Subgraph:
    """Breadth-first neighbourhood of a node in ``store`` (a :class:`~policykg.graph.store.GraphStore`), edges taken
    in either direction; arguments, order and errors as :meth:`~policykg.graph.store.GraphStore.neighbourhood` says.

    Raises:
        NotFoundError: no node has this id.
        ValueError: depth, limit, a label or a type is out of range.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}")
    if not 1 <= limit <= MAX_NODES:
        raise ValueError(f"limit must be between 1 and {MAX_NODES}")
    for lb in labels or []:
        check_label(lb)
    for t in types or []:
        check_rel_type(t)
    centre = store._nodes([node]).get(node)
    if centre is None:
        raise NotFoundError(f"no node with id {node!r}")
    seen: dict[str, dict[str, Any]] = {node: centre}   # nodes returned
    visited: set[str] = {node}                          # nodes walked through
    edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    frontier, truncated = [node], False
    for _ in range(depth):
        if not frontier or truncated:
            break
        incident = store._incident(frontier, types)
        front = set(frontier)
        # most strongly joined to the hop before first (the sections and documents a program shares with the
        # centre), ties by id: by id alone a capped depth 2 of Program:两重 kept 96 Bodies and 3 of its 652
        # Programs (a walkthrough, session 49)
        joins = Counter(e["target"] if e["source"] in front else e["source"] for e in incident)
        new_ids = sorted(set(joins) - visited, key=lambda i: (-joins[i], i))
        fetched = store._nodes(new_ids)
        for nid in new_ids:
            n = fetched.get(nid)
            if n is None:
                continue
            visited.add(nid)
            if labels and n["label"] not in labels:
                continue
            if len(seen) >= limit:
                truncated = True
                break
            seen[nid] = n
        for e in incident:
            if e["source"] in seen and e["target"] in seen:
                edges[(e["source"], e["target"], e["type"], e.get("doc_id", ""))] = e
        frontier = [i for i in new_ids if i in visited]
    return Subgraph(list(seen.values()), sorted(edges.values(), key=lambda e: (e["source"], e["target"], e["type"],
                                                                                e.get("doc_id", ""))), truncated)
