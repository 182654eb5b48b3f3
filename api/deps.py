"""Dependencies shared by the routers (settings, the open store, the analytics view)."""

from __future__ import annotations

import gc
import threading
from typing import Annotated

from fastapi import Depends, Request

from policykg.graph.analytics import EntityView, entity_view
from policykg.graph.store import GraphStore
from policykg.settings import Settings, get_settings

__all__ = ["SettingsDep", "StoreDep", "ViewCache", "ViewDep"]


def get_store(request: Request) -> GraphStore:
    """Return the store opened in the app's lifespan."""
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


class ViewCache:
    """The analytics :class:`EntityView` of a store, built once per store revision.

    Thread-safe: concurrent requests wait for one build.  The API warms it in
    a background thread at start-up, so the first analytics request does not
    pay for it.  A store without a revision (Neo4j: other processes may
    write) gets a fresh view on every request.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[int, EntityView] | None = None

    def get(self, store: GraphStore) -> EntityView:
        """Return the view of ``store`` as it is now."""
        rev = store.revision
        with self._lock:
            if rev is not None and self._cached is not None and self._cached[0] == rev:
                return self._cached[1]
            view = entity_view(store)
            if rev is not None:
                self._cached = (rev, view)
                gc.freeze()  # long-lived like the store (see policykg.api.main)
            return view


def get_view(request: Request) -> EntityView:
    """Return the analytics view of the app's store (see :class:`ViewCache`)."""
    return request.app.state.views.get(request.app.state.store)


ViewDep = Annotated[EntityView, Depends(get_view)]
