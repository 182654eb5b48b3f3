"""An export of what some documents state: the whole graph or a node's neighbourhood within the documents that
``documents=`` patterns and ``year=`` keep (``GET /export``, ``policykg export --documents … --year …``), read as the
analytics of some documents read them (:mod:`.analytics_scope`).

Every relationship the store holds has the ``doc_id`` of the one document that states it, so the export of some
documents holds their relationships and what those join: their ``Document`` and ``Section`` nodes, the entities they
mention and the documents they cite; a neighbourhood is walked along their relationships alone, so it reaches nothing
through another document.  An entity's ``doc_count`` is the number of kept documents that mention it, its
``mention_count`` its mentions in them, and ``merged_by`` says why each kept document joined it, as a diffusion within
some documents counts them (session 66); ``doc_count_total`` and ``mention_count_total`` keep the whole store's, so a
file says both.  Its name and aliases stay the node's (what every document named it).  The store's whole export
had kept the whole store's counts on every node, whatever a researcher meant to read (session 67).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .neighbourhood import Subgraph
from .neighbourhood import neighbourhood as walk
from .schema import merged_by_within

__all__ = ["Within", "recounted"]


class Within:
    """A store seen through the relationships of the documents ``kept`` alone, for :func:`~.export.store_graph`:
    its primitives (``_incident``, ``iter_edges``, ``iter_nodes``) leave out what other documents state, the rest is
    the store's (``get_node``, ``document_text``, ``_nodes``).

    Args:
        store: a :class:`~policykg.graph.store.GraphStore`.
        kept: ids of source documents (``Document:gwr-2024``).
    """

    def __init__(self, store: Any, kept: frozenset[str]) -> None:
        self.store, self.kept = store, kept

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def _nodes(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return self.store._nodes(ids)

    def _incident(self, ids: list[str], types: list[str] | None = None) -> list[dict[str, Any]]:
        return [e for e in self.store._incident(ids, types) if e.get("doc_id") in self.kept]

    def iter_edges(self, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """The relationships the kept documents state."""
        return (e for e in self.store.iter_edges(types) if e.get("doc_id") in self.kept)

    def iter_nodes(self, labels: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """The kept source documents and the nodes their relationships join, in the store's order."""
        ends = {end for e in self.iter_edges() for end in (e["source"], e["target"])} | self.kept
        return (n for n in self.store.iter_nodes(labels) if n["id"] in ends)

    def neighbourhood(self, node: str, depth: int = 1, labels: list[str] | None = None,
                      types: list[str] | None = None, limit: int = 200) -> Subgraph:
        """:meth:`~policykg.graph.store.GraphStore.neighbourhood` along the kept documents' relationships alone."""
        return walk(self, node, depth, labels, types, limit)


def recounted(store: Any, nodes: list[dict[str, Any]], kept: frozenset[str]) -> list[dict[str, Any]]:
    """``nodes`` with the counts of the documents ``kept`` (the module docstring).

    Args:
        store: the store the nodes come from (its MENTIONS are read: the export may hold only some of them).
        nodes: node dicts to export; those with a ``doc_count`` (the entities) are counted.
        kept: ids of the source documents kept.

    Returns:
        New dicts for the entities (``doc_count`` and ``mention_count`` within ``kept``, ``doc_count_total`` and
        ``mention_count_total`` the store's, ``merged_by`` of the kept documents), the others as given.
    """
    ids = [n["id"] for n in nodes if "doc_count" in n]
    per: dict[str, dict[str, int]] = {i: {} for i in ids}
    for e in store._incident(ids, ["MENTIONS"]):
        if e["target"] in per and e.get("doc_id") in kept:
            per[e["target"]][e["doc_id"]] = per[e["target"]].get(e["doc_id"], 0) + int(e.get("count") or 0)
    out = []
    for n in nodes:
        if n["id"] in per:
            docs = per[n["id"]]
            n = {**n, "doc_count": len(docs), "mention_count": sum(docs.values()),
                 "doc_count_total": n.get("doc_count"), "mention_count_total": n.get("mention_count"),
                 **({"merged_by": merged_by_within(n["merged_by"], kept)}
                    if "merged_by" in n else {})}
        out.append(n)
    return out
