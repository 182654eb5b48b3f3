"""HTML pages: the overview and the explorer, with the explorer's local assets."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from policykg.errors import NotFoundError
from policykg.graph.document_patterns import matching_documents
from policykg.graph.schema import ENTITY_LABELS, NODE_LABELS, REL_TYPES
from policykg.viz.pages import ASSETS, asset, render_explore, render_overview

from ..deps import SettingsDep, StoreDep
from .analytics import DocumentPatterns

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview(store: StoreDep) -> str:
    """Counts and the programs, bodies and goals in the most documents (then most mentions), each linked to its view."""
    top = {label: store.top_entities(label, 15) for label in ("Program", "Body", "Goal")}
    return render_overview(store.stats(), top, store.documents())


@router.get("/explore", response_class=HTMLResponse)
def explore(store: StoreDep, settings: SettingsDep, documents: DocumentPatterns = None) -> str:
    """The explorer: search, expand, filter, read the sentences behind each node and edge, run read-only Cypher.
    ``documents=`` patterns (as every route reads them) keep the edges those documents state, as the explorer's one
    document filter does for one (a 404's or a 300's page links an entity here with the documents its route was asked
    for: the scope had been lost on the way); a pattern matching no loaded document is said on the page."""
    scope = None
    if documents:
        loaded = store.documents()
        try:
            scope = {"patterns": documents, "ids": sorted(matching_documents({d["id"]: d for d in loaded}, documents))}
        except NotFoundError as exc:
            scope = {"patterns": documents, "ids": [], "error": str(exc)}
    starters = [n for label in ("Program", "Goal", "Body") for n in store.top_entities(label, 5)]
    counts = store.stats_with_documents()  # the entities: a cited document is one, a loaded one their source
    entities = {label: counts["nodes"].get(label, 0) for label in ENTITY_LABELS if label != "Document"}
    entities["Document"] = counts["documents"]["cited"]
    return render_explore(starters, store.documents(), NODE_LABELS, REL_TYPES, curation=bool(settings.api_key),
                          entities=entities, scope=scope)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """No icon (204), so browsers log no missing file on every page."""
    return Response(status_code=204)


@router.get("/assets/{name}", response_class=Response, include_in_schema=False)
def assets(name: str) -> Response:
    """Scripts and styles of the explorer, served locally (no CDN)."""
    if name not in ASSETS:
        raise NotFoundError(f"no asset {name!r}")
    content, media = asset(name)
    return Response(content, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
