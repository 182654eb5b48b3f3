"""Build the FastAPI app: the store is opened and closed in the lifespan."""

from __future__ import annotations

import gc
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from policykg import __version__
from policykg.graph.sentence_index import sentence_index
from policykg.graph.store import GraphStore, open_store
from policykg.settings import Settings, get_settings

from .deps import ViewCache
from .errors import ERROR_RESPONSES, document_errors, install_error_handlers
from .routes import analytics, curation, cypher, documents, graph, pages, sentences, views

#: How long shutdown waits for the start-up threads that warm the analytics view and the sentence
#: index (seconds): they read the store, which is closed right after.
WARM_JOIN_S = 120.0
#: Response headers a page on another origin (``POLICYKG_CORS_ORIGINS``) may read: a list's length and whether it
#: was cut, how many documents a scoped analysis read, why a diffusion list read too few documents to list any, whether
#: a betweenness is estimated, the addresses of other entities writing a name, a download's file name.
EXPOSED_HEADERS = ["X-Total-Count", "X-Truncated", "X-Within-Documents", "X-Hint", "X-Betweenness", "Link",
                   "Content-Disposition"]

__all__ = ["EmptyParameters", "create_app"]


class EmptyParameters:
    """ASGI middleware: a query parameter given with no value (``?year=&label=``, what an HTML form sends for a field
    left blank) is the parameter not given.

    Each route had read such a value its own way: ``/compare?year=`` as any year, ``/sentences?year=`` as 422,
    ``/sentences?doc=`` as 404 "no document with id 'Document:'", ``/export?node=`` as 404 (a walkthrough of an API
    client, session 59).  A required parameter left blank is then reported missing.

    Args:
        app: the ASGI application it wraps.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True, encoding="utf-8")
            kept = [(k, v) for k, v in pairs if v != ""]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept).encode("ascii")}
        await self.app(scope, receive, send)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Return the policykg API.

    Args:
        settings: defaults to :func:`policykg.settings.get_settings`.
        store: an open store to serve (tests); otherwise opened from settings
            at start-up and closed at shutdown.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = store if store is not None else open_store(settings)
        # The store's graph lives as long as the server: keep the cyclic collector from walking it
        # again and again (a full collection of a 14 M-character store took about 1 s).  Opening
        # ended with a full collection already (paused_gc), so no second one before freezing.
        gc.freeze()
        app.state.views = ViewCache()
        app.state.store.follow_writers()  # a `policykg load` into the same data directory shows up without a restart
        warming: list[threading.Thread] = []
        if app.state.store.revision is not None:  # warm the analytics view without delaying start-up
            warming.append(threading.Thread(target=app.state.views.prepare, args=(app.state.store,), daemon=True,
                                            name="warm-analytics-view"))
        index = sentence_index(app.state.store)
        if index is not None:  # bring the sentence index up to date (once per store, in a child: about a minute at 10x)
            warming.append(threading.Thread(target=index.sync_apart, args=(app.state.store,), daemon=True,
                                            name="warm-sentences"))
        for t in warming:
            t.start()
        try:
            yield
        finally:
            for t in warming:  # they read the store: let them finish before it is closed (bounded wait, seconds)
                t.join(timeout=WARM_JOIN_S)
            app.state.views.join(WARM_JOIN_S)  # and the views warmed after the API's own writes
            if own:
                app.state.store.close()

    # fastapi-offline: /docs and /redoc from files in the package, not a CDN (the server works offline)
    app = FastAPIOffline(title="policykg", version=__version__, lifespan=lifespan,
                         description="Knowledge graph of programs (Program), bodies (Body), goals (Goal) and "
                                     "documents in Chinese policy documents.")
    if store is not None:
        app.state.store = store  # usable even by clients that do not run the lifespan
    app.state.views = ViewCache()
    app.dependency_overrides[get_settings] = lambda: settings
    if settings.cors_origins:  # a dashboard on another origin reads the counting headers and curates with its key
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["X-API-Key", "Content-Type"], expose_headers=EXPOSED_HEADERS)
    app.add_middleware(EmptyParameters)
    install_error_handlers(app)
    document_errors(app)
    for router in (pages.router, graph.router, documents.router, cypher.router, analytics.router, curation.router,
                   sentences.router, views.router):
        app.include_router(router, responses=ERROR_RESPONSES)
    return app
