"""The overview page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from policykg.viz.pages import render_overview

from ..deps import StoreDep

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview(store: StoreDep) -> str:
    """Counts and the most-mentioned programs, bodies and goals, each linked to its view."""
    top = {label: store.top_entities(label, 15) for label in ("Program", "Body", "Goal")}
    return render_overview(store.stats(), top, store.documents())
