"""Diffusion across documents and years, related programs, centrality, communities, exports."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from policykg.errors import NotFoundError
from policykg.graph import analytics as A
from policykg.graph import centrality as C
from policykg.graph.analytics_scope import check_min_documents, entity_scope, min_documents_note, scoped_diffusion, scoped_view
from policykg.graph.concordance import kept_documents
from policykg.graph.export import FORMATS, export_bytes, store_graph
from policykg.graph.names import match_key

from ..deps import StoreDep, ViewDep
from ..downloads import attachment, file_part
from ..naming import ENTITY_RESPONSES, follow, raise_gone_or, redirect_query_or_raise
from ..params import EntityLabel, LabelList, NodeId, Offset, OptionalEntityLabel, TypeList, Year, csv_names

router = APIRouter()

ExportFormat = Literal["graphml", "gexf", "csv", "jsonl", "neo4j-admin"]
assert set(ExportFormat.__args__) == set(FORMATS)


def _program_id(view: A.EntityView, node_id: str) -> str:
    """``node_id``, or for a bare name the Program of that name if there is one, else the name itself, which the
    redirect then finds under any label (a walkthrough, session 45: /programs/乡村振兴/diffusion answered 404 for the
    Goal every document writes).  A bare name other entities have or write too stays the name, which the redirect
    then answers with the choice of them (300): /programs/以旧换新/diffusion had taken Program:以旧换新 where
    Program:消费品以旧换新 writes it too, as the command line did."""
    from policykg.graph.name_choice import name_choices

    if ":" in node_id or f"Program:{node_id}" not in view.graph.nodes or len(name_choices(view, node_id)) > 1:
        return node_id
    return f"Program:{node_id}"


def with_known_form(answer: dict[str, Any], form: str | None) -> dict[str, Any]:
    """``answer``, a :func:`~policykg.graph.concordance.diffusion_answer` asked with ``form``, when ``form`` is a
    name of the entity (its name or an alias, as :func:`~policykg.graph.names.match_key` compares them); a form it
    never writes answered 200 with no document writing it (a user walkthrough).

    Raises:
        ValueError: (400) ``form`` is no name of the entity; the message gives them.
    """
    node = answer["node"]
    names = [node.get("name") or "", *(node.get("aliases") or [])]
    if "form" in answer and match_key(form or "") not in {match_key(n) for n in names}:
        raise ValueError(f"form={form!r} is not a name of {node['id']}; its names: {', '.join(names)}")
    return answer


#: Documents whose id or title matches one of these patterns are the only ones counted (``?documents=gwr-*``).
DocumentPatterns = Annotated[list[str] | None, Query(max_length=200, description="count only the documents whose id or "
                                                     "title matches one of these shell-style patterns (gwr-*, "
                                                     "*政府工作报告*); repeat the parameter for several; a pattern no "
                                                     "loaded document's id or title matches answers 400, giving some "
                                                     "ids")]


def diffusion_query(form: str | None, asked: str, documents: list[str] | None, year: int | None) -> str:
    """The query of the redirect from a name to a diffusion (:func:`~policykg.api.naming.follow`): ``form``, else the
    name ``asked``, and the documents kept (``documents``, ``year``)."""
    return urlencode({"form": form or asked, **({"documents": documents} if documents else {}),
                      **({"year": year} if year is not None else {})}, doseq=True)


def within_answer(request: Request, view: A.EntityView, store: Any, node_id: str, form: str | None,
                  documents: list[str] | None, year: int | None) -> dict[str, Any]:
    """The diffusion answer of ``node_id`` within the documents ``documents`` and ``year`` keep
    (:func:`~policykg.graph.analytics_scope.scoped_diffusion`: ``within`` says how many), checked against ``form``
    (:func:`with_known_form`).

    Raises:
        ValueError: (400) a pattern matches no loaded document, or none of those kept is of ``year`` (the message names
            the parameter: it answered 404, as for an entity id that does not exist, though the address named one).
        GoneError, NotFoundError: (410, 404) as :func:`~policykg.api.naming.raise_gone_or` says.
    """
    try:
        answer = scoped_diffusion(view, store, node_id, form, documents, year)
    except NotFoundError as exc:
        raise_gone_or(request, exc, node_id)
    return with_known_form(answer, form)


#: The scope parameters' words, in the OpenAPI description of both analytics routes.
_SCOPED = ("With ``documents`` (patterns of ids or titles, ``gwr2025-*``) or ``year``, the entity graph is that of the "
           "documents kept alone (:mod:`~policykg.graph.analytics_scope`): the entities they mention, the facts they "
           "state and the sentences they share, ``doc_count`` counting the kept documents; the header "
           "``X-Within-Documents`` says how many were kept.  A pattern no loaded document matches, or a year none of "
           "those kept is of, answers 400 naming it, as ``/documents`` does.")


def _scoped(view: A.EntityView, store: Any, response: Response, documents: list[str] | None,
            year: int | None, min_documents: int | None = None, given: bool = False) -> A.EntityView:
    """The view of the documents ``documents`` and ``year`` keep (:func:`~policykg.graph.analytics_scope.scoped_view`),
    saying how many in the header ``X-Within-Documents``; ``view`` itself when neither is given.  A diffusion list's
    ``min_documents`` is checked against the documents read when ``given``; the default one above them (a list that
    is then empty) is explained in the header ``X-Hint``
    (:func:`~policykg.graph.analytics_scope.min_documents_note`: ``pass min_documents=1``).

    Raises:
        ValueError: (400) a pattern matches no loaded document, or none of those kept is of ``year``; a
            ``min_documents`` given above the documents read
            (:func:`~policykg.graph.analytics_scope.check_min_documents`).
    """
    scoped, scope = scoped_view(view, store, documents, year)
    if scope is not None:
        response.headers["X-Within-Documents"] = str(scope["documents"])
    if min_documents is not None and given:
        check_min_documents(scoped, min_documents, scope)
    elif min_documents is not None and (note := min_documents_note(scoped, min_documents, scope)):
        response.headers["X-Hint"] = note
    return scoped


@router.get("/programs/{node_id:path}/diffusion", responses=ENTITY_RESPONSES)
def program_diffusion(request: Request, view: ViewDep, store: StoreDep, response: Response, node_id: NodeId,
                      form: Annotated[str | None, Query(max_length=200, description="the name asked for, when it is an "
                                                        "alias of the entity: the answer then says which documents "
                                                        "write it (set by the redirect from a name)")] = None,
                      documents: DocumentPatterns = None, year: Year = None) -> Any:
    """Documents that mention a program (or any entity id), ordered by year, with place, forms used and first adopter;
    ``variants``, the entities whose name holds its name or lies inside it; ``written_elsewhere``, the documents
    that write its name or an alias where it was not extracted, with the first such sentence and the other entities
    the name is extracted as there, ``extracted_as`` (:func:`~policykg.graph.concordance.diffusion_answer`).  A name
    no entity has but one writes as an alias (``两重建设``, ``乡镇机构改革`` of Program:机构改革), or the old id of an
    entity a curation decision renamed, retyped or merged, redirects (307) to that entity's diffusion with ``form``
    set to the name, and the answer's ``form`` lists the documents that write that name itself; a rejected entity's
    id answers 410.  ``documents`` (patterns of ids or titles) and ``year`` keep some documents, as for ``/analytics/central``
    (:func:`~policykg.graph.analytics_scope.scoped_diffusion`): only they are counted, listed and searched for the
    name, ``node.doc_count`` and ``node.mention_count`` count them (``mention_count`` had stayed the whole store's),
    ``within`` (``{"patterns", "documents", "year"}``) and the header
    ``X-Within-Documents`` say how many were kept; a pattern no loaded document matches, or a year none of those kept
    is of, answers 400 naming it (``year`` was not taken)."""
    node_id = _program_id(view, node_id)
    query = diffusion_query(form, node_id.rpartition(":")[2], documents, year)
    if (moved := follow(request, view, node_id, "/programs/{}/diffusion", query)) is not None:
        return moved
    answer = within_answer(request, view, store, node_id, form, documents, year)
    if "within" in answer:
        response.headers["X-Within-Documents"] = str(answer["within"]["documents"])
    return answer


@router.get("/programs/{node_id:path}/related", responses=ENTITY_RESPONSES)
def program_related(view: ViewDep, store: StoreDep, request: Request, response: Response, node_id: NodeId,
                    label: EntityLabel = "Program",
                    limit: Annotated[int, Query(ge=1, le=200, description="most entities listed")] = 20,
                    offset: Offset = 0, documents: DocumentPatterns = None, year: Year = None) -> Any:
    """Entities that co-occur with a program in one sentence or section (computed CO_OCCURS view), with counts:
    ``[{"id", "label", "name", "sentences", "sections", "documents"}]`` (``label`` as in every other list: a
    walkthrough, session 65, found it missing here alone), most shared sentences first; the header
    ``X-Total-Count`` gives how many there are in all, of which ``limit`` from ``offset`` on are listed; a name no
    entity has but one writes as an alias (``两重建设``) or an old id redirects (307), and a rejected entity's id
    answers 410, as for the diffusion.  ``documents`` (patterns of ids or titles) and ``year`` keep some documents, as
    for ``/analytics/central`` (:func:`~policykg.graph.analytics_scope.scoped_view`): only their sentences and sections
    are counted and only the entities they mention listed, ``X-Within-Documents`` says how many were kept, an entity
    they do not mention has none (``[]``), and a pattern no loaded document matches, or a year none of those kept is
    of, answers 400 naming it (``year`` was not taken)."""
    node_id = _program_id(view, node_id)
    if (moved := follow(request, view, node_id, "/programs/{}/related", request.url.query)) is not None:
        return moved
    scoped = entity_scope(view, _scoped(view, store, response, documents, year), node_id)
    try:
        rows = A.related(scoped, node_id, label, None)
        response.headers["X-Total-Count"] = str(len(rows))
        return [{"id": row["id"], "label": label, **row} for row in rows[offset:offset + limit]]
    except NotFoundError as exc:
        raise_gone_or(request, exc, node_id)


@router.get("/programs/{node_id:path}/facts", responses=ENTITY_RESPONSES)
def program_facts(view: ViewDep, store: StoreDep, request: Request, response: Response, node_id: NodeId,
                  types: TypeList = None,
                  limit: Annotated[int, Query(ge=1, le=1000, description="most facts listed")] = 50,
                  offset: Offset = 0, documents: DocumentPatterns = None, year: Year = None) -> Any:
    """What the graph says leads or serves an entity, and what it leads, serves or is part of, as ``policykg facts``
    lists it (:func:`~policykg.graph.facts.facts_of`; the API had no route for it: a walkthrough, session 67):
    ``[{"type", "source", "target", "doc_id", "year", "place", "sentences": [str]}]``, one per fact and document,
    by year (unknown last), then document; ``sentences`` are the sentences the document states it in.  ``types``
    keeps some of LEADS, SERVES, PART_OF (another type answers 400); ``documents`` (patterns of ids or titles) and
    ``year`` keep some documents, as for ``/analytics/central``, and ``X-Within-Documents`` says how many;
    ``X-Total-Count`` gives how many facts there are in all, of which ``limit`` from ``offset`` on are listed.  A name
    no entity has but one writes as an alias, or an old id, redirects (307), and a rejected entity's id answers 410, as
    for the diffusion."""
    from policykg.graph.facts import FACT_TYPES, facts_of

    node_id = _program_id(view, node_id)
    if (moved := follow(request, view, node_id, "/programs/{}/facts", request.url.query)) is not None:
        return moved
    try:
        view.node(node_id)
    except NotFoundError as exc:
        raise_gone_or(request, exc, node_id)
    asked = tuple(dict.fromkeys(csv_names(types) or FACT_TYPES))
    if other := [t for t in asked if t not in FACT_TYPES]:
        raise ValueError(f"types={','.join(other)} are no facts between entities; facts are {', '.join(FACT_TYPES)}")
    kept = None
    if documents or year is not None:
        kept = {d["id"] for d in kept_documents(store, documents, year)}
        response.headers["X-Within-Documents"] = str(len(kept))
    rows = facts_of(store, node_id, asked, kept)
    response.headers["X-Total-Count"] = str(len(rows))
    return rows[offset:offset + limit]


@router.get("/diffusion")
def diffusion(view: ViewDep, store: StoreDep, request: Request, response: Response,
              min_documents: Annotated[int, Query(ge=1, le=10_000, description="fewest documents an entity is in")] = 2,
              label: OptionalEntityLabel = None,
              limit: Annotated[int, Query(ge=1, le=10_000, description="most entities listed")] = 200,
              offset: Offset = 0, documents: DocumentPatterns = None, year: Year = None) -> list[dict[str, Any]]:
    """Entities found in at least min_documents documents, with their first and last year, most widespread first:
    ``[{"id", "label", "name", "documents", "first_year", "last_year", "years"}]``; the header ``X-Total-Count``
    gives how many there are in all, of which ``limit`` from ``offset`` on are listed (a walkthrough, session 55,
    counted 23,044; session 59 could not reach the rows past 10,000 until ``offset``).  ``documents`` (patterns of
    ids or titles) and ``year`` keep some documents, as for ``/analytics/central``
    (:func:`~policykg.graph.analytics_scope.scoped_view`): only the entities they mention are listed, ``documents``
    and ``years`` count them alone, and ``X-Within-Documents`` says how many were kept; a pattern no loaded document
    matches, or a year none of those kept is of, answers 400 naming it (``year`` was not taken), and so does a
    ``min_documents`` given above the number of documents read (it answered ``[]`` with no word why; the default 2
    over one document answers ``[]``, ``X-Within-Documents: 1`` and ``X-Hint`` saying why: ``the scope keeps 1
    document, and an entity must appear in at least min_documents=2 of them: pass min_documents=1``)."""
    given = "min_documents" in request.query_params
    rows = A.diffusion_summary(_scoped(view, store, response, documents, year, min_documents, given), min_documents,
                               label, None)
    response.headers["X-Total-Count"] = str(len(rows))
    return rows[offset:offset + limit]


#: Betweenness over HTTP runs when it is expected to take at most this long (seconds:
#: :func:`policykg.graph.centrality.betweenness_seconds`); the exact measure on 4,030 entities takes about 15 s
#: (estimated 21 s).
MAX_SECONDS = 30.0


@router.get("/analytics/central", description="The most central entities of one label in the entity graph "
            "(sections collapsed; entities joined by a stated fact or a shared sentence). Measures: "
            + "; ".join(f"**{k}**: {v}" for k, v in C.MEASURES.items()) + ". " + _SCOPED)
def central(view: ViewDep, store: StoreDep, response: Response, label: EntityLabel = "Program",
            measure: Annotated[Literal["degree", "pagerank", "betweenness"], Query(description="the measure (above)")]
            = "degree",
            limit: Annotated[int, Query(ge=1, le=1000, description="most entities listed")] = 20, offset: Offset = 0,
            sources: Annotated[int | None, Query(ge=0, le=1_000_000, description="betweenness: source nodes sampled "
                                                 "(default 2,500 on more than 5,000 entities; 0: all, exact; over HTTP "
                                                 f"as many as run in about {MAX_SECONDS:g} s)")] = None,
            documents: DocumentPatterns = None, year: Year = None) -> list[dict[str, Any]]:
    """Most central entities by degree, PageRank or betweenness, ``limit`` from ``offset`` on of the whole ranking
    (``X-Total-Count``: the entities of the label); a betweenness expected to take more than :data:`MAX_SECONDS`
    answers 400, naming the most sources that would not (the exact measure on a corpus-sized graph runs for minutes:
    the CLI gives it).  A betweenness answer says in the header ``X-Betweenness`` whether it is exact or estimated,
    and from how many source nodes (``estimated; sources=2500; entities=23829; seed=42``).  ``documents`` and
    ``year``: the entity graph of the documents they keep alone."""
    view = _scoped(view, store, response, documents, year)
    rows = C.central(view, label, measure, limit, sources, max_seconds=MAX_SECONDS, offset=offset)
    response.headers["X-Total-Count"] = str(C.entity_count(view, label))
    if measure == "betweenness":  # an estimate says so, and from how many source nodes (the CLI said it, HTTP did not)
        response.headers["X-Betweenness"] = C.betweenness_note(view.graph.number_of_nodes(), sources)
    return rows


@router.get("/analytics/communities", description="Louvain communities (seeded) of the entity graph seen from one "
            "label. " + _SCOPED)
def communities(view: ViewDep, store: StoreDep, response: Response, label: EntityLabel = "Program",
                limit: Annotated[int, Query(ge=1, le=1000, description="most communities listed")] = 20,
                members: Annotated[int, Query(ge=1, le=1000, description="most members listed per community")] = 15,
                offset: Offset = 0, documents: DocumentPatterns = None, year: Year = None) -> list[dict[str, Any]]:
    """Louvain communities (seeded) seen from a label: its members in each (communities with most of them first),
    counts of every label and the community's central goal; ``limit`` from ``offset`` on (``id`` is the place in the
    whole list, ``X-Total-Count`` its length: a walkthrough, session 59, found 3,615 of 4,890 Programs in the first
    1,000 and no way to the rest).  ``documents`` and ``year``: the communities of the documents they keep alone."""
    every = C.community_list(_scoped(view, store, response, documents, year), label, members)
    response.headers["X-Total-Count"] = str(len(every))
    return every[offset:offset + limit]


def _chosen(labels: list[str] | None, types: list[str] | None) -> str:
    """The part of a neighbourhood export's file name that says which ``labels`` and ``types`` it keeps
    (``-labels_Body_Goal-types_LEADS``, each sorted: the same choice in another order is the same file), empty when
    neither is given: a download filtered by labels was named as the whole neighbourhood's, so the second of two
    downloads overwrote the first, or was renamed ``(1)``, with other content."""
    parts = [f"-{what}_{'_'.join(sorted(names))}" for what, names in (("labels", csv_names(labels)),
                                                                      ("types", csv_names(types))) if names]
    return "".join(parts)


def scope_part(documents: list[str] | None, year: int | None) -> str:
    """The part of an export's file name that says which documents it holds (``-documents_gwr2025--year_2025`` for
    ``gwr2025-*`` of 2025), empty for every document: two exports of other documents had the same name, and the second
    download replaced the first."""
    return (f"-documents_{'_'.join(file_part(p) for p in documents)}" if documents else "") + (
        f"-year_{year}" if year is not None else "")


@router.get("/export", response_class=Response, responses=ENTITY_RESPONSES)
def export(store: StoreDep, request: Request,
           format: Annotated[ExportFormat, Query(description="file format")] = "graphml",
           node: Annotated[str | None, Query(max_length=300, description="export this node's neighbourhood")] = None,
           depth: Annotated[int | None, Query(ge=1, le=3, description="hops around node (default 1)")] = None,
           labels: LabelList = None, types: TypeList = None, documents: DocumentPatterns = None,
           year: Year = None) -> Response:
    """The whole graph or a neighbourhood as GraphML, GEXF, JSON Lines, or zipped CSV / neo4j-admin CSV
    (a neighbourhood's file is named after its node: ``policykg-Program_红色物业-d1.graphml``); ``labels`` and
    ``types`` choose in the neighbourhood as for ``/nodes/{id}/neighbourhood`` (the export took neither, and wrote
    every label and type), and the file name says what they keep
    (``policykg-Program_红色物业-d1-labels_Body_Goal-types_LEADS.graphml``: it was the unfiltered download's name).
    ``documents`` (patterns, ``gwr2025-*``) and ``year`` export what the documents they keep state alone
    (:mod:`~policykg.graph.export_scope`): their relationships and the nodes those join, each entity's ``doc_count``
    and ``mention_count`` counting those documents (``doc_count_total``, ``mention_count_total``: every document's);
    ``X-Within-Documents`` says how many were kept and the file name what kept them (``-year_2024``).

    A ``node`` no entity has but one writes as a name or alias (``Program:两重建设``), or the old id of an entity a
    curation decision renamed, retyped or merged, redirects (307) to the export of that entity's neighbourhood; the id
    of an entity a decision rejected answers 410.

    Raises:
        ValueError: (400) ``depth``, ``labels`` or ``types`` without ``node``: the whole graph has no depth; a
            ``documents`` pattern no loaded document matches, a ``year`` none of those kept is of.
        GoneError: (410) a curation decision rejected the entity of ``node``.
        NotFoundError: (404) ``node`` names nothing; the message lists near names.
    """
    if depth is not None and not node:
        raise ValueError("depth is the number of hops around a node: give node= too, or leave depth out to export "
                         "the whole graph")
    depth = depth or 1
    within = None if not documents and year is None else frozenset(
        d["id"] for d in kept_documents(store, documents, year))
    try:
        nodes, edges, truncated = store_graph(store, node, depth, fmt=format, labels=csv_names(labels),
                                              types=csv_names(types), within=within)
    except NotFoundError as exc:
        if not node:
            raise
        return redirect_query_or_raise(request, exc, node, "node")
    data, media, name = export_bytes(nodes, edges, format)
    stem, dot, ext = name.partition(".")
    if node:
        stem = f"{stem}-{file_part(node)}-d{depth}{_chosen(labels, types)}"
    name = f"{stem}{scope_part(documents, year)}{dot}{ext}"
    headers = attachment(name)
    if within is not None:
        headers["X-Within-Documents"] = str(len(within))
    if truncated:  # the neighbourhood holds more nodes than an export takes: the file has the nearest
        headers["X-Truncated"] = "true"
    return Response(data, media_type=media, headers=headers)
