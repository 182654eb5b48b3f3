"""The embedded store's graph in memory: a source document's property graph applied to and retracted from one
networkx ``MultiDiGraph``, the entity aggregates kept from counted mentions, and the primitive reads on it.

:class:`GraphUpkeep` is a mixin of :class:`policykg.graph.embedded.EmbeddedStore`, which owns the state it works
on (``graph``, ``_owned``, ``_tally``, ``_changed``, ``_lock``, ``_revision``, ``_entity_cache``) and persists the
documents in SQLite; this module never touches the database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import networkx as nx

from .schema import ENTITY_LABELS, MentionTally, PropertyGraph

__all__ = ["GraphUpkeep", "public"]


class GraphUpkeep:
    """Apply and retract documents on the store's networkx graph; read nodes, relationships and entities from it.

    Attributes (set by the store): ``graph`` (the ``MultiDiGraph``), ``_owned`` (document id -> the nodes and
    relationship keys it owns), ``_tally`` (entity node id -> its :class:`MentionTally`), ``_changed`` (node ids
    changed since the Cypher engine's copy last took them), ``_lock``, ``_revision``, ``_entity_cache``.
    """

    graph: nx.MultiDiGraph
    _owned: dict[str, tuple[list[str], list[tuple[str, str, str]]]]
    _tally: dict[str, MentionTally]
    _changed: set[str]
    _lock: threading.RLock
    _revision: int
    _entity_cache: tuple[int, list[dict[str, Any]]] | None

    def _apply(self, pg: PropertyGraph) -> list[str]:
        g = self.graph
        owned_nodes, owned_edges, touched = [], [], []
        for n in pg.nodes:
            if n.label in ("Section",) or (n.label == "Document" and n.id == pg.doc_id):
                g.add_node(n.id, label=n.label, **n.props)
                owned_nodes.append(n.id)
            elif n.id not in g:
                g.add_node(n.id, label=n.label, **n.props)
                touched.append(n.id)
            else:
                touched.append(n.id)
        mentions = [e for e in pg.edges if e.type == "MENTIONS"]
        for e in mentions:  # an edge written again (never, since a document is retracted first) is counted afresh
            old = g.get_edge_data(e.source, e.target, e.key)
            if old is not None and e.target in self._tally:
                self._tally[e.target].add(old, -1)
        g.add_edges_from((e.source, e.target, e.key, {"type": e.type, **e.props})
                         for e in pg.edges)
        for e in mentions:
            self._tally.setdefault(e.target, MentionTally()).add(g.edges[e.source, e.target, e.key])
        owned_edges = [(e.source, e.target, e.key) for e in pg.edges]
        self._owned[pg.doc_id] = (owned_nodes, owned_edges)
        self._changed.update(owned_nodes, touched, *((u, v) for u, v, _ in owned_edges))
        return touched

    def _retract(self, doc_id: str) -> list[str]:
        nodes, edges = self._owned.pop(doc_id, ([], []))
        self._changed.update(nodes, *((u, v) for u, v, _ in edges))
        touched = []
        for u, v, k in edges:
            data = self.graph.get_edge_data(u, v, k)
            if data is not None:
                if data["type"] == "MENTIONS" and v in self._tally:
                    self._tally[v].add(data, -1)
                self.graph.remove_edge(u, v, k)
                touched.append(v)
        for n in nodes:  # its MENTIONS from other documents go with it
            self._tally.pop(n, None)
        self.graph.remove_nodes_from(nodes)
        return [t for t in touched if t in self.graph]

    def _refresh(self, ids: list[str]) -> None:
        """Recompute the aggregates of entity nodes ``ids`` and drop unmentioned ones.

        The aggregates come from :class:`MentionTally` counts kept up to date by ``_apply`` and
        ``_retract``, so a document written costs its own mentions, not every mention of the
        entities it names (opening the store passes every entity node once all documents are applied).
        """
        g = self.graph
        for nid in set(ids):
            if nid not in g or g.nodes[nid]["label"] not in ENTITY_LABELS or g.nodes[nid].get("kind") == "source":
                continue
            tally = self._tally.get(nid)
            if tally is None or not tally.edges:
                g.remove_node(nid)
                self._tally.pop(nid, None)
            else:
                g.nodes[nid].update(tally.aggregate(g.nodes[nid]["name"]))

    # ------------------------------------------------------------ primitives
    def _nodes(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        g = self.graph
        return {i: public(g.nodes[i]) for i in ids if i in g}

    def node_properties(self, node_id: str) -> dict[str, Any] | None:
        """See :meth:`GraphStore.node_properties`: a copy of the node's attributes, or ``None``."""
        d = self.graph.nodes.get(node_id)
        return None if d is None else {k: v for k, v in public(d).items() if k != "text"}

    def _incident(self, ids: list[str], types: list[str] | None) -> list[dict[str, Any]]:
        g, out, seen = self.graph, [], set()
        for i in ids:
            if i not in g:
                continue
            for u, v, k, d in [*g.out_edges(i, keys=True, data=True), *g.in_edges(i, keys=True, data=True)]:
                if (u, v, k) in seen or (types and d["type"] not in types):
                    continue
                seen.add((u, v, k))
                out.append({"source": u, "target": v, **d})
        return out

    def _entities(self, label: str | None) -> Iterator[dict[str, Any]]:
        """Entity node dicts, kept per store revision: search reads them on every query, and walking
        every node (sections included) took most of a search's time at corpus scale."""
        with self._lock:
            cached = self._entity_cache
            if cached is None or cached[0] != self._revision:
                ents = [public(d) for _, d in self.graph.nodes(data=True)
                        if d["label"] in ENTITY_LABELS and d.get("kind") != "source"]
                cached = self._entity_cache = (self._revision, ents)
        for n in cached[1]:  # shared: callers copy what they hand out (GraphStore.search, top_entities)
            if label is None or n["label"] == label:
                yield n

    def iter_nodes(self, labels: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """See :meth:`GraphStore.iter_nodes`."""
        with self._lock:
            nodes = [public(d) for _, d in self.graph.nodes(data=True)  # props hold "id"
                     if labels is None or d["label"] in labels]
        yield from nodes

    def iter_edges(self, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """See :meth:`GraphStore.iter_edges`."""
        with self._lock:
            edges = [{"source": u, "target": v, **d} for u, v, d in self.graph.edges(data=True)
                     if types is None or d["type"] in types]
        yield from edges


def public(d: dict[str, Any]) -> dict[str, Any]:
    """A copy of a node's or edge's attribute dict, safe to hand out."""
    return dict(d)
