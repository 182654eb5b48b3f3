"""The entity graph of some documents: centrality, communities, diffusion and related entities of the documents a
researcher names.

``/analytics/central``, ``/analytics/communities``, ``/diffusion``, ``/programs/{id}/related`` and
``/programs/{id}/diffusion`` (``policykg central``, ``policykg communities``, ``policykg diffusion``) take
``documents=`` patterns and ``year=`` as ``/sentences`` and ``/documents`` do (:func:`scoped_view`); the analytics then
read the entity graph *of those documents* (:func:`documents_view`), built the way
:func:`~policykg.graph.analytics.entity_view` builds the whole one, from what the kept documents state and nothing else:

* its nodes are the entities the kept documents mention (a MENTIONS relationship from one of their sections);
* two entities are joined by the facts (LEADS, SERVES, PART_OF) the kept documents state, weight 1 per document, and
  by the sentences of the kept documents that mention both (``CO_OCCURS``), weight 1 per sentence.

Provenance decides: every relationship the store holds has the ``doc_id`` of the one document that states it (a fact
stated by three documents is three relationships, :mod:`policykg.graph.schema`), so a fact belongs to the scope when
its document is kept, whatever other documents say; a fact's ends are always mentioned in its document, so it never
brings in an entity the kept documents do not mention.  An entity's ``doc_count`` is the number of kept documents
that mention it, its ``mention_count`` its mentions in them.  Over every loaded document the graph is the whole
entity graph, node for node and link for link.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

import networkx as nx

from .analytics import EntityView, _bump
from .concordance import diffusion_answer, kept_documents
from .memory import paused_gc
from .scope_errors import API_NAMES, TooFewDocuments, given
from .store import GraphStore

__all__ = ["check_min_documents", "documents_view", "entity_scope", "min_documents_note", "scope_words", "scoped_diffusion",
           "scoped_view"]

#: Views of document subsets kept per entity view (each holds its own graph and the results computed on it, so a
#: ranking asked page by page is computed once); the least recently asked goes first.
KEPT_SCOPES = 8


def documents_view(view: EntityView, doc_ids: Iterable[str]) -> EntityView:
    """The entity view of the source documents ``doc_ids`` alone (the module docstring): its graph holds the entities
    they mention and the links they state or make by a shared sentence.

    Args:
        view: the whole store's view (:func:`~policykg.graph.analytics.entity_view`).
        doc_ids: ids of source documents (``Document:gwr2025-广东``); ids the view does not hold are ignored.

    Returns:
        A new :class:`~policykg.graph.analytics.EntityView` (its own graph and node dicts, its own ``memo``), the same
        object for the same documents while ``view`` keeps it (the last :data:`KEPT_SCOPES` asked).
    """
    keep = frozenset(set(doc_ids) & view.documents.keys())
    scopes: OrderedDict[frozenset[str], EntityView] = view.memo.setdefault(("scopes",), OrderedDict())
    if keep in scopes:
        scopes.move_to_end(keep)
        return scopes[keep]
    with paused_gc():  # as entity_view: collections walking the whole heap took the build from 0.6 to 1.7 s
        scoped = _build(view, keep)
    scopes[keep] = scoped
    while len(scopes) > KEPT_SCOPES:
        scopes.popitem(last=False)
    return scoped


def _build(view: EntityView, keep: frozenset[str]) -> EntityView:
    part = view.within(set(keep))
    g = nx.Graph()
    # the whole graph's order of nodes and of links (facts, then sentences), so the same documents give the same graph
    for nid, node in view.graph.nodes(data=True):
        if nid in part.mentions:  # both counts of the kept documents alone (mention_count had stayed the store's)
            g.add_node(nid, **{**node, **_counts(part.mentions[nid])})
    for _doc, source, target, kind in part.facts:
        _bump(g, source, target, kind)
    for ids in part.sentences.values():
        for a, b in combinations(sorted(ids), 2):
            _bump(g, a, b, "CO_OCCURS")
    return EntityView(g, part.documents, part.mentions, part.sentences, part.sections, part.facts)


def _counts(per_doc: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """``{"doc_count", "mention_count"}`` of an entity over the documents of ``per_doc`` (document id -> ``{"count":
    mentions in it, ...}``, :attr:`~policykg.graph.analytics.EntityView.mentions` of one entity)."""
    return {"doc_count": len(per_doc), "mention_count": sum(int(m.get("count") or 0) for m in per_doc.values())}


def scoped_view(view: EntityView, store: GraphStore, documents: Sequence[str] | None = None,
                year: int | None = None) -> tuple[EntityView, dict[str, Any] | None]:
    """``view`` narrowed to the source documents whose id or title matches one of ``documents`` (shell-style patterns,
    ``gwr2025-*``) and that are of ``year``, as ``GET /documents`` keeps them
    (:func:`~policykg.graph.concordance.kept_documents`).

    Returns:
        ``(view, None)`` when neither is given; else ``(documents_view(...), scope)``, ``scope`` saying what was read:
        ``{"patterns": [...], "year": int | None, "documents": int}`` (how many loaded documents were kept).

    Raises:
        PatternKeepsNothing, YearKeepsNothing: (ValueErrors) a pattern matches no loaded document (the message names it
            and what to write instead), or none of the documents kept is of ``year`` (the message gives their years);
            :class:`~policykg.graph.scope_errors.ScopeError`, whose ``words(names)`` names the parameters as the
            caller does.
    """
    if not documents and year is None:
        return view, None
    kept = kept_documents(store, documents, year, list(view.documents.values()))
    scope = {"patterns": list(documents or []), "year": year, "documents": len(kept)}
    return documents_view(view, (d["id"] for d in kept)), scope


def entity_scope(view: EntityView, scoped: EntityView, node_id: str) -> EntityView:
    """The view one entity's answer reads (its related entities, its diffusion) within the documents of ``scoped``
    (:func:`scoped_view` of ``view``): ``scoped`` when those documents mention ``node_id``, or when it is ``view``
    itself; else ``scoped`` with the entity added, ``doc_count`` and ``mention_count`` 0, and no links (an answer
    about one entity reads the nodes, never the links).  An entity the kept documents do not mention thus has an
    empty answer, not the 404 of an id no entity has (``scoped`` refuses those: it is returned for them).
    """
    if scoped is view or node_id in scoped.graph or node_id not in view.graph:
        return scoped
    g = nx.Graph()
    g.add_nodes_from(scoped.graph.nodes(data=True))
    g.add_node(node_id, **{**view.graph.nodes[node_id], **_counts({})})
    return EntityView(g, scoped.documents, scoped.mentions, scoped.sentences, scoped.sections, scoped.facts)


def scoped_diffusion(view: EntityView, store: GraphStore, node_id: str, form: str | None = None,
                     documents: Sequence[str] | None = None, year: int | None = None) -> dict[str, Any]:
    """The diffusion answer of ``node_id`` (:func:`~policykg.graph.concordance.diffusion_answer`) within the documents
    ``documents`` and ``year`` keep (:func:`scoped_view`, :func:`entity_scope`): only they are counted, listed and
    searched for the name, and ``node.doc_count`` and ``node.mention_count`` count them (the mentions of the kept
    documents alone: ``mention_count`` had stayed the whole store's).

    Returns:
        The answer, with ``"within": {"patterns": [...], "documents": int}`` (how many documents were kept; ``"year"``
        too when given) when either is given.

    Raises:
        ScopeError: (a ValueError) a pattern matches no loaded document, or none of the documents kept is of ``year``
            (:func:`scoped_view`).
        NotFoundError: no entity has this id.
    """
    scoped, scope = scoped_view(view, store, documents, year)
    answer = diffusion_answer(entity_scope(view, scoped, node_id), store, node_id, form)
    if scope is not None:
        answer["within"] = {"patterns": scope["patterns"], "documents": scope["documents"],
                            **({"year": year} if year is not None else {})}
    return answer


def scope_words(scope: dict[str, Any] | None) -> str:
    """``within the 30 documents matching 'gwr2025-*' of 2025``: what a scoped answer read, for a message (empty for
    ``None``)."""
    if not scope:
        return ""
    n = scope["documents"]
    which = f" matching {' or '.join(map(repr, scope['patterns']))}" if scope["patterns"] else ""
    of_year = f" of {scope['year']}" if scope.get("year") is not None else ""
    return f"within the {n:,} document{'s' if n != 1 else ''}{which}{of_year}"


def _read(view: EntityView, scope: dict[str, Any] | None) -> int:
    """How many documents a list reads: those :func:`scoped_view` kept, else every loaded one."""
    return scope["documents"] if scope else len(view.documents)


def check_min_documents(view: EntityView, min_documents: int, scope: dict[str, Any] | None = None) -> None:
    """Refuse a diffusion list's ``min_documents`` above the number of documents ``view`` reads: no entity can be in
    more documents than are read, and the list was empty with no word why (``policykg diffusion --documents
    'gwr2025-*' --min-documents 31`` printed nothing over the 30 reports kept: a walkthrough).

    Args:
        view: the view the list reads (:func:`scoped_view`'s, or the whole store's).
        min_documents: the fewest documents an entity must be in.
        scope: what :func:`scoped_view` kept (``None``: every loaded document), for the message (:func:`scope_words`).

    Raises:
        TooFewDocuments: (a ValueError) ``min_documents`` is above the documents read (some are); the message gives
            their number and the scope, naming ``min_documents`` as the caller does (``words(names)``:
            :class:`~policykg.graph.scope_errors.ScopeError`).
    """
    n = _read(view, scope)
    if min_documents <= n or not n:  # an empty store lists nothing, whatever the number
        return
    read = f"{n:,} document{'s are' if n != 1 else ' is'} read ({scope_words(scope)})" if scope else \
        f"{n:,} document{'s are' if n != 1 else ' is'} loaded"
    raise TooFewDocuments(min_documents, read, n)


def min_documents_note(view: EntityView, min_documents: int, scope: dict[str, Any] | None = None,
                       names: Mapping[str, str] = API_NAMES) -> str | None:
    """Why a diffusion list of the default ``min_documents`` (not given, so not refused by
    :func:`check_min_documents`) is empty over fewer documents than that: ``policykg diffusion --year 2021`` over the
    one report of 2021 printed "(no entity is in 2 documents or more)" and no word of what to change.

    Args:
        view, scope: as :func:`check_min_documents`.
        min_documents: the number the list used.
        names: how the caller names the parameters (:data:`~policykg.graph.scope_errors.API_NAMES`, or the command
            line's options); only ``min_documents`` is named, so the note holds no pattern (an HTTP header carries it).

    Returns:
        ``the scope keeps 1 document, and an entity must appear in at least min_documents=2 of them: pass
        min_documents=1`` (``the store holds 1 document`` without a scope), or ``None`` when at least ``min_documents``
        documents are read, or none is.
    """
    n = _read(view, scope)
    if not 0 < n < min_documents:
        return None
    param = names["min_documents"]
    holds = "the scope keeps" if scope else "the store holds"
    return (f"{holds} {n:,} document{'s' if n != 1 else ''}, and an entity must appear in at least "
            f"{given(param, min_documents)} of them: pass {given(param, n)}")
