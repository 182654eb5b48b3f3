"""Health, stats, search, nodes and neighbourhoods."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from policykg.graph.schema import NODE_LABELS, REL_TYPES
from policykg.viz.pages import render_view

from ..deps import StoreDep
from ..models import NodeDetail, StatsResponse, SubgraphResponse

router = APIRouter()

NodeId = Annotated[str, Path(min_length=1, max_length=300, description="node id, e.g. Program:五星支部创建")]
Depth = Annotated[int, Query(ge=1, le=3, description="hops from the node (1-3)")]
Limit = Annotated[int, Query(ge=1, le=2000, description="most nodes returned")]


def _csv(value: str | None, allowed: tuple[str, ...], what: str) -> list[str] | None:
    if not value:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad:
        raise ValueError(f"unknown {what}: {', '.join(bad)}; expected any of {', '.join(allowed)}")
    return items


@router.get("/health")
def health(store: StoreDep) -> dict[str, str]:
    """Liveness: the API is up and its store is open."""
    return {"status": "ok", "store": store.name}


@router.get("/stats", response_model=StatsResponse)
def stats(store: StoreDep) -> dict[str, Any]:
    """Node counts per label and relationship counts per type."""
    return store.stats()


@router.get("/search")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=100)],
           label: Annotated[str | None, Query(description="Body, Program, Goal or Document")] = None,
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[dict[str, Any]]:
    """Entities whose name or alias contains q, most-documented first."""
    if label is not None and label not in NODE_LABELS:
        raise ValueError(f"unknown label {label!r}")
    return store.search(q, label=label, limit=limit)


@router.get("/nodes/{node_id:path}/neighbourhood", response_model=SubgraphResponse)
def neighbourhood(store: StoreDep, node_id: NodeId, depth: Depth = 1,
                  labels: Annotated[str | None, Query(description="comma-separated node labels")] = None,
                  types: Annotated[str | None, Query(description="comma-separated relationship types")] = None,
                  limit: Limit = 200) -> dict[str, Any]:
    """Nodes and edges within depth hops of a node, filtered by labels and types."""
    sg = store.neighbourhood(node_id, depth, _csv(labels, NODE_LABELS, "labels"), _csv(types, REL_TYPES, "types"),
                             limit)
    return sg.to_dict()


@router.get("/nodes/{node_id:path}/view", response_class=HTMLResponse)
def view(store: StoreDep, node_id: NodeId, depth: Depth = 1, limit: Limit = 150,
         labels: Annotated[str | None, Query()] = None, types: Annotated[str | None, Query()] = None) -> str:
    """A pyvis page of a node's neighbourhood (works offline)."""
    sg = store.neighbourhood(node_id, depth, _csv(labels, NODE_LABELS, "labels"), _csv(types, REL_TYPES, "types"),
                             limit)
    centre = next(n for n in sg.nodes if n["id"] == node_id)
    return render_view(sg.to_dict(), f"{centre['label']}：{centre.get('name', node_id)}", centre=node_id)


@router.get("/nodes/{node_id:path}", response_model=NodeDetail)
def node(store: StoreDep, node_id: NodeId) -> dict[str, Any]:
    """A node's properties, aliases, mentions with sentence, and forms per document."""
    return store.get_node(node_id)
