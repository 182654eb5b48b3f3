"""Reads assembled once for every store over its primitives (``_nodes``, ``_incident``, ``documents``; see
:class:`~policykg.graph.store.GraphStore`): a node with its mentions, a loaded document with its outline, and what a
document id no loaded document has may have meant."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from policykg.errors import NotFoundError

from .schema import NODE_LABELS, merged_by_within

__all__ = ["document_outline", "document_page", "first_mentions", "near_documents", "node_mentions", "not_an_entity"]


def node_mentions(store: Any, node: str) -> dict[str, Any]:
    """A node of ``store`` with its mentions, forms per document and within-document merges.

    Returns:
        ``{"node": {...}, "mentions": [{"doc_id", "section_id", "section", "surface", "start", "end",
        "sentence"}, ...], "forms_by_document": {doc_id: [form, ...]}, "merges_by_document": {doc_id: [...]}}``,
        mentions by document then section; offsets are characters of the document's text.

    Raises:
        NotFoundError: no node has this id.
    """
    found = store._nodes([node]).get(node)
    if found is None:
        raise NotFoundError(f"no node with id {node!r}")
    edges = store._incident([node], ["MENTIONS"])
    sections = store._nodes(sorted({e["source"] for e in edges}))
    mentions, forms, merges = [], {}, {}
    for e in sorted(edges, key=lambda e: (e["doc_id"], e["source"])):
        if e["target"] != node:
            continue
        forms[e["doc_id"]] = e.get("forms", [])
        if e.get("merges"):  # the names the document itself made one entity, and why
            merges[e["doc_id"]] = e["merges"]
        sec = sections.get(e["source"], {})
        for surface, s, t, sentence in zip(e["surfaces"], e["starts"], e["ends"], e["sentences"], strict=False):
            mentions.append({"doc_id": e["doc_id"], "section_id": e["source"], "section": sec.get("name"),
                             "surface": surface, "start": s, "end": t, "sentence": sentence})
    return {"node": found, "mentions": mentions, "forms_by_document": forms, "merges_by_document": merges}


def not_an_entity(store: Any, node_id: str) -> str | None:
    """What ``node_id`` is when the store holds it as a node that is no entity (a loaded document, a section), for the
    404 of a route that takes an entity: ``"; Document:gwr-2024 is a loaded document, not an entity: …"``.  Such an id
    is no typing error, so nothing like it is suggested: the near ids had begun with the very id asked
    (``/programs/Document:gwr-2024/diffusion``: "loaded documents with ids like it: Document:gwr-2024, …").

    Args:
        store: any store.
        node_id: the id a route answering 404 was asked for.

    A loaded document's file stem asked without its label (``/nodes/gwr-2024``, the stem a file listing shows) is
    named too: ``"; Document:gwr-2024 is the loaded document of that name: …"``.

    Returns:
        The words to add to the message, or ``None`` when no node has this id (nor, for an id with no label, the
        document of that stem) or the node is an entity.
    """
    node = store._nodes([node_id]).get(node_id)
    if node is None:
        doc = f"Document:{node_id}"
        if ":" not in node_id and (store._nodes([doc]).get(doc) or {}).get("kind") == "source":
            return f"; {doc} is the loaded document of that name: /documents/{quote(doc, safe=':')} shows it"
        return None
    if node.get("label") == "Section":
        doc = node.get("doc_id") or f"Document:{node_id.removeprefix('Section:').partition('/')[0]}"
        return (f"; {node_id} is a section of {doc}, not an entity: /nodes/{quote(node_id, safe=':/')} shows it, "
                f"/documents/{quote(doc, safe=':')} lists the sections")
    if node.get("kind") == "source":
        return f"; {node_id} is a loaded document, not an entity: /documents/{quote(node_id, safe=':')} shows it"
    return None


def near_documents(store: Any, doc_id: str) -> str:
    """What an id no loaded document of ``store`` has may have meant, for the message that says so, or ``""``: the
    documents titled so (``policykg delete 政府工作报告``), else the ids like it (at most three, by rapidfuzz's WRatio: a
    user's ``delete "2024年 政府工作报告"`` of ``… GBK`` had no hint, session 59), else up to five documents whose
    place, id or title holds it (``doc=四川`` of a sentence search said only "no document": session 49)."""
    from rapidfuzz import fuzz, process

    docs = store.documents()
    asked = doc_id.removeprefix("Document:")
    titled = [d["id"] for d in docs if d.get("title") == asked]
    if titled:
        return (f"; {len(titled)} loaded document(s) have that title: {', '.join(titled[:5])}"
                f"{' …' if len(titled) > 5 else ''} (policykg documents lists them with their years)")
    bare = {d["id"].removeprefix("Document:"): d["id"] for d in docs}  # the label every id shares: all alike
    if near := process.extract(asked, list(bare), scorer=fuzz.WRatio, limit=3, score_cutoff=70):
        return "; loaded documents with ids like it: " + ", ".join(bare[n] for n, _, _ in near)
    held = [d["id"] for d in docs if asked and any(asked in (d.get(k) or "") for k in ("place", "id", "title"))]
    return f"; perhaps {', '.join(held[:5])} (one document id)" if held else ""


def document_outline(store: Any, doc_id: str) -> dict[str, Any]:
    """A source document of ``store`` with its outline.

    Returns:
        ``{"document": node dict, "outline": [section dict with "parent_id" (None under the document), ...]}``,
        sections in document order (by ``start``, a character offset).

    Raises:
        NotFoundError: no such source document (the message says when the id is an entity's or a cited document's,
            and which loaded documents it may have meant).
    """
    node = store._nodes([doc_id]).get(doc_id)
    if node is None or node.get("kind") != "source":
        other = doc_id.removeprefix("Document:")
        kind = other.split(":", 1)[0]
        if node is None and kind in NODE_LABELS and kind != "Document":  # doc=Goal:乡村振兴
            what = f"is a {kind}" if store._nodes([other]) else f"is the id of a {kind} (none is stored)"
            raise NotFoundError(f"{other} {what}, not a loaded document (a document id is "
                                f"Document:<file name without extension>)")
        # nothing like it: say where the ids are (``policykg read nope`` said no more: a walkthrough, session 69)
        loaded = len(store.documents())
        near = near_documents(store, doc_id) or (f"; the {loaded:,} loaded are listed by policykg documents and GET "
                                                 "/documents" if loaded else "; no document is loaded (policykg load)")
        raise NotFoundError(f"no document with id {doc_id!r}{near}" if node is None or not doc_id.startswith("Document:")
                            else f"{doc_id} is a document the loaded ones cite, not one loaded itself")
    outline: list[dict[str, Any]] = []
    frontier = [doc_id]
    while frontier:
        edges = [e for e in store._incident(frontier, ["HAS_SECTION"]) if e["source"] in frontier]
        children = store._nodes([e["target"] for e in edges])
        for e in edges:
            sec = children[e["target"]]
            outline.append({**sec, "parent_id": None if e["source"] == doc_id else e["source"]})
        frontier = [e["target"] for e in edges]
    outline.sort(key=lambda s: s.get("start", 0))
    return {"document": node, "outline": outline}


def first_mentions(mentions: list[dict[str, Any]]) -> dict[str, int]:
    """Where an entity is first mentioned in each document: ``{doc_id: start}``, the smallest ``start`` (a character
    offset into the document's text) of its ``mentions`` (as ``GET /nodes/{id}`` lists them: dicts with ``doc_id``
    and ``start``); mentions without an offset are passed over."""
    first: dict[str, int] = {}
    for m in mentions:
        if m.get("doc_id") and isinstance(m.get("start"), int):
            first[m["doc_id"]] = min(first.get(m["doc_id"], m["start"]), m["start"])
    return first


def document_page(detail: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
    """``detail`` (:func:`node_mentions`, paged by the API) with what it says per document cut to ``limit`` documents
    from ``offset`` on: one entry per document had come whole, so a node in many documents answered a long
    ``merged_by`` (why each document joined it), ``forms_by_document``, ``merges_by_document`` and
    ``first_mention_by_document`` however few mentions were asked for.

    Args:
        detail: ``{"node": {..., "merged_by": ["<doc id> <reason>", ...]}, "forms_by_document": {doc id: [...]},
            "merges_by_document": {...}, "first_mention_by_document": {...}, ...}``; the documents are those of
            ``forms_by_document`` (every document that mentions the node), in document id order.
        limit: most documents kept (1 or more).
        offset: documents passed over first (0 or more; past the end: none kept).

    Returns:
        ``detail`` with those four cut to the documents of the page (a ``merged_by`` entry kept when its document is),
        and ``document_total`` (how many documents mention the node), ``document_limit`` and ``document_offset``.
        The mentions are left as they are (``mention_limit`` pages them).

    Raises:
        ValueError: ``limit`` below 1 or ``offset`` below 0.
    """
    if limit < 1 or offset < 0:
        raise ValueError(f"document_limit must be 1 or more and document_offset 0 or more (got {limit}, {offset})")
    every = sorted(detail.get("forms_by_document") or {})
    kept = set(every[offset:offset + limit])

    def cut(by_doc: dict[str, Any]) -> dict[str, Any]:
        return {d: v for d, v in by_doc.items() if d in kept}

    node = detail["node"]
    if "merged_by" in node:
        node = {**node, "merged_by": merged_by_within(node["merged_by"], kept)}
    out = {**detail, "node": node, "document_total": len(every), "document_limit": limit, "document_offset": offset}
    for key in ("forms_by_document", "merges_by_document", "first_mention_by_document"):
        if key in detail:
            out[key] = cut(detail[key])
    return out
