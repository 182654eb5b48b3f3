"""Health, stats, search, nodes and neighbourhoods."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from policykg.errors import NotFoundError
from policykg.graph.assembly import document_page, first_mentions
from policykg.graph.search import find_entities
from policykg.graph.store import MAX_SEARCH, unlinked
from policykg.viz.pages import render_view

from ..deps import StoreDep
from ..models import NodeDetail, StatsResponse, SubgraphResponse
from ..naming import ENTITY_RESPONSES, redirect_or_raise
from ..params import Depth, LabelList, Limit, NodeId, OptionalEntityLabel, SearchText, TypeList, csv_names

router = APIRouter()

@router.get("/health")
@router.head("/health", include_in_schema=False)  # one operation in the schema (two clashed on its id)
def health(store: StoreDep) -> dict[str, str]:
    """Liveness: the API is up and its store is open; ``HEAD`` too, as uptime monitors and ``curl -I`` ask (it
    answered 405)."""
    return {"status": "ok", "store": store.name}


@router.get("/stats", response_model=StatsResponse)
def stats(store: StoreDep) -> dict[str, Any]:
    """Node counts per label, relationship counts per type, and the Documents split into loaded and cited."""
    return store.stats_with_documents()


@router.get("/search")
def search(store: StoreDep, response: Response, q: SearchText, label: OptionalEntityLabel = None,
           limit: Annotated[int, Query(ge=1, le=200, description="most entities listed")] = 20,
           offset: Annotated[int, Query(ge=0, le=MAX_SEARCH - 1, description="entities passed over before this page "
                                        f"(a search lists the first {MAX_SEARCH:,} it finds: narrow q or give label "
                                        "for the others)")] = 0) -> list[dict[str, Any]]:
    """Entities whose name or alias contains q, most-documented first; then, when q holds a form of the table of
    standard short forms (发改委, 人社, 住建, 发展改革委 …), those whose name or alias contains it under that table
    (发改委 finds 省发展改革委, 人社厅 省人力资源和社会保障厅).  When no name or alias holds q, the entities whose
    name is most like it (one character wrong in four: 乡村振心 finds Goal:乡村振兴), each marked ``"match":
    "similar"``.  ``limit`` from ``offset`` on are listed; the header ``X-Truncated`` says whether more entities match
    after them (as the neighbourhood's ``truncated``)."""
    hits = find_entities(store, q, label, limit, offset)
    response.headers["X-Truncated"] = str(len(hits) > limit).lower()
    return hits[:limit]


@router.get("/nodes/{node_id:path}/neighbourhood", response_model=SubgraphResponse, responses=ENTITY_RESPONSES)
def neighbourhood(request: Request, store: StoreDep, node_id: NodeId, depth: Depth = 1,
                  labels: LabelList = None, types: TypeList = None, limit: Limit = 200) -> Any:
    """Nodes and edges within depth hops of a node, filtered by labels and types; the old id of an entity a curation
    decision renamed, retyped or merged, and an id no entity has whose name or alias an entity writes
    (``Program:“两重”``, ``Goal:乡村振兴`` of ``Goal:乡村振兴战略``), redirect (307) to the same address for that
    entity, the query kept; the id of an entity a decision rejected answers 410 naming the decision."""
    try:
        sg = store.neighbourhood(node_id, depth, csv_names(labels), csv_names(types), limit)
    except NotFoundError as exc:
        return redirect_or_raise(request, exc, node_id, "/nodes/{}/neighbourhood")
    answer = sg.to_dict()
    return {**answer, "unlinked": unlinked(answer, node_id)}


@router.get("/nodes/{node_id:path}/view", response_class=HTMLResponse, responses=ENTITY_RESPONSES)
def view(request: Request, store: StoreDep, node_id: NodeId, depth: Depth = 1, limit: Limit = 150,
         labels: LabelList = None, types: TypeList = None) -> Response:
    """A pyvis page of a node's neighbourhood (works offline); without ``labels`` and ``types``, its entities, cited
    documents and facts, or where it is mentioned when it has no fact; an old id, a name or alias redirects (307) and
    a rejected entity's id answers 410 as for the neighbourhood."""
    try:
        if labels is None and types is None:  # the facts around it, else where it is mentioned
            sg = store.view_neighbourhood(node_id, depth, limit)
        else:
            sg = store.neighbourhood(node_id, depth, csv_names(labels), csv_names(types), limit)
    except NotFoundError as exc:
        return redirect_or_raise(request, exc, node_id, "/nodes/{}/view")
    centre = next(n for n in sg.nodes if n["id"] == node_id)
    return HTMLResponse(render_view(sg.to_dict(), f"{centre['label']}：{centre.get('name', node_id)}", centre=node_id))


#: Mentions a node's answer lists when ``mention_limit`` is not given: Body:企业 over the 96 national and provincial
#: reports and congress reports has 1,946, which came back whole (744 KB; 30 KB now), where the explorer's panel
#: shows the first sentences and asks for more.
MENTION_PAGE = 50

MentionLimit = Annotated[int, Query(ge=1, le=10_000, description="most mentions listed, from mention_offset on "
                                    f"(default {MENTION_PAGE}; mention_total says how many there are)")]
MentionOffset = Annotated[int, Query(ge=0, le=10_000_000, description="mentions passed over before this page (with "
                                     "mention_limit: a page; mention_total gives how many there are)")]

#: Documents a node's answer says what they wrote of it (``merged_by``, ``forms_by_document``, ``merges_by_document``,
#: ``first_mention_by_document``) when ``document_limit`` is not given: one entry per document had come whole (Body:企业
#: over the 96 national and provincial reports: 8.7 KB of a 30 KB answer, about 87 KB at ten times the documents).
DOCUMENT_PAGE = 50

DocumentLimit = Annotated[int, Query(ge=1, le=10_000, description="most documents whose merged_by, forms, merges and "
                                     f"first mention are listed, from document_offset on, by document id (default "
                                     f"{DOCUMENT_PAGE}; document_total says how many documents mention the node)")]
DocumentOffset = Annotated[int, Query(ge=0, le=10_000_000, description="documents passed over before this page (with "
                                      "document_limit: a page; document_total gives how many there are)")]


def mention_page(detail: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
    """``detail`` (:meth:`~policykg.graph.store.GraphStore.get_node`) with ``limit`` of its mentions from ``offset``
    on, as ``/sentences`` pages its hits, and what a client needs of the others.

    Args:
        detail: ``{"node", "mentions": [...], "forms_by_document", "merges_by_document"}``, mentions in their order.
        limit: most mentions kept (1 or more).
        offset: mentions passed over first (0 or more; past the end: none kept).

    Returns:
        ``detail`` with ``mentions`` cut to the page and ``mention_total`` (how many there are), ``mention_limit``,
        ``mention_offset`` and ``first_mention_by_document`` (document id -> the character offset of the node's first
        mention there, over every mention: the explorer opens each document there, wherever its page is).
    """
    every = detail["mentions"]
    return {**detail, "mentions": every[offset:offset + limit], "mention_total": len(every), "mention_limit": limit,
            "mention_offset": offset, "first_mention_by_document": first_mentions(every)}


@router.get("/nodes/{node_id:path}", response_model=NodeDetail, responses=ENTITY_RESPONSES)
def node(request: Request, store: StoreDep, node_id: NodeId, mention_limit: MentionLimit = MENTION_PAGE,
         mention_offset: MentionOffset = 0, document_limit: DocumentLimit = DOCUMENT_PAGE,
         document_offset: DocumentOffset = 0) -> Any:
    """A node's properties, aliases, mentions with sentence, and forms per document; ``mention_limit`` of the mentions
    from ``mention_offset`` on (by document, then section, then place; :func:`mention_page`), ``mention_total`` saying
    how many there are (every one came back: 1,946 for Body:企业), ``first_mention_by_document`` where each document
    first mentions it; what it says per document (``node.merged_by``, ``forms_by_document``, ``merges_by_document``,
    ``first_mention_by_document``) for ``document_limit`` of the documents from ``document_offset`` on, by document
    id (:func:`~policykg.graph.assembly.document_page`), ``document_total`` saying how many mention it.  The old id
    of an entity a curation decision renamed, retyped or merged redirects (307) to the entity it went to
    (``Location: /nodes/Goal:…``, the query kept), as a name or alias an entity writes redirects to that entity;
    the id of an entity a decision rejected answers 410 naming the decision, an id the decisions moved to no entity
    the store holds 404 naming them."""
    try:
        return document_page(mention_page(store.get_node(node_id), mention_limit, mention_offset), document_limit,
                             document_offset)
    except NotFoundError as exc:
        return redirect_or_raise(request, exc, node_id, "/nodes/{}")
