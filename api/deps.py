"""Dependencies shared by the routers (settings, the open store, the analytics view)."""

from __future__ import annotations

import gc
import threading
from typing import Annotated

from fastapi import Depends, Request

from policykg.graph import centrality
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
    a background thread at start-up (:meth:`prepare`), so the first analytics request does not
    pay for it, nor, on a store of more than 5,000 entities, for the estimated betweenness.  A store without a
    revision gets a fresh view on every request (a Neo4j server that will not say its last committed transaction:
    :attr:`~policykg.graph.neo4j_store.Neo4jStore.revision`).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[int, EntityView] | None = None
        self._warming: list[threading.Thread] = []

    def get(self, store: GraphStore, warming: bool = False) -> EntityView:
        """Return the view of ``store`` as it is now; ``warming``: the caller computes its default betweenness next
        (:meth:`prepare`), which a view built here says before any request reads it
        (:func:`~policykg.graph.centrality.announce`)."""
        rev = store.revision
        with self._lock:
            if rev is not None and self._cached is not None and self._cached[0] == rev:
                return self._cached[1]
            view = entity_view(store)
            if warming:
                centrality.announce(view)
            if rev is not None:
                self._cached = (rev, view)
                gc.freeze()  # long-lived like the store (see policykg.api.main)
            return view

    def prepare(self, store: GraphStore) -> None:
        """Build the view of ``store`` as it is now (:meth:`get`) and compute what its first requests would wait for
        longest: the default betweenness when it is an estimate (:func:`~policykg.graph.centrality.warm`; 2.4 s over
        the 23,829 entities of the national and provincial reports, which the first request had waited for)."""
        centrality.warm(self.get(store, warming=True))

    def built_for(self) -> int | None:
        """The store revision of the view kept, or ``None`` when none is."""
        return self._cached[0] if self._cached is not None else None

    def warm(self, store: GraphStore) -> None:
        """Build the view of ``store`` as it is now in a background thread (after a write the API made itself: the
        first analytics request after a curation decision took 2.4 s to build it, the next 0.02 s)."""
        if store.revision is not None:
            t = threading.Thread(target=self.prepare, args=(store,), daemon=True, name="warm-analytics-view")
            self._warming = [w for w in self._warming if w.is_alive()] + [t]
            t.start()

    def join(self, timeout_s: float) -> None:
        """Wait (at most ``timeout_s`` seconds each) for the builds :meth:`warm` started: they read the store."""
        for t in self._warming:
            t.join(timeout=timeout_s)


def get_view(request: Request) -> EntityView:
    """Return the analytics view of the app's store (see :class:`ViewCache`)."""
    return request.app.state.views.get(request.app.state.store)


ViewDep = Annotated[EntityView, Depends(get_view)]
