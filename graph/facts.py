"""The facts an entity takes part in, as the documents state them: each fact relationship (LEADS, SERVES, PART_OF)
touching a node, with its document, year and place and the sentences stating it (``policykg facts``).  Read through
the store's primitive for a node's relationships, as the neighbourhood walk reads them, so both stores answer alike."""

from __future__ import annotations

from typing import Any

from .store import GraphStore

__all__ = ["FACT_TYPES", "facts_of"]

#: The fact relationships between entities (``CITES`` runs between documents, which ``documents`` and Cypher show).
FACT_TYPES = ("LEADS", "SERVES", "PART_OF")


def facts_of(store: GraphStore, node_id: str, types: tuple[str, ...] = FACT_TYPES, documents: set[str] | None = None,
             loaded: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The fact relationships touching ``node_id``, each as it is stated in one document.

    Args:
        store: any store.
        node_id: an entity id (``Goal:乡村振兴战略``).
        types: relationship types kept (of LEADS, SERVES, PART_OF).
        documents: source document ids kept (``None``: all).
        loaded: ``store.documents()`` when the caller has read it already (read here otherwise: the facts of several
            entities read it once).

    Returns:
        ``[{"type", "source", "target", "doc_id", "year", "place", "sentences": [str]}]`` by year (unknown last),
        document id, type, source, target; ``sentences`` are the sentences the document states it in, in order.
    """
    docs = {d["id"]: d for d in (store.documents() if loaded is None else loaded)}
    out = []
    for e in store._incident([node_id], list(types)):
        doc_id = e.get("doc_id")
        if e.get("type") not in types or (documents is not None and doc_id not in documents):
            continue
        d = docs.get(doc_id, {})
        out.append({"type": e["type"], "source": e["source"], "target": e["target"], "doc_id": doc_id,
                    "year": d.get("year"), "place": d.get("place") or d.get("level"),
                    "sentences": list(dict.fromkeys(e.get("sentences") or []))})
    out.sort(key=lambda f: (f["year"] is None, f["year"] or 0, f["doc_id"] or "", f["type"], f["source"], f["target"]))
    return out
