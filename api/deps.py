"""Dependencies shared by the routers (settings, the open store)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from policykg.graph.store import GraphStore
from policykg.settings import Settings, get_settings

__all__ = ["SettingsDep", "StoreDep"]


def get_store(request: Request) -> GraphStore:
    """Return the store opened in the app's lifespan."""
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
