"""Addresses that name an entity by a name or alias it writes rather than by its id."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse

from policykg.errors import NotFoundError
from policykg.graph.analytics import EntityView
from policykg.graph.search import near_names


def named_redirect(view: EntityView, node_id: str, route: str, query: str = "") -> RedirectResponse | None:
    """A 307 to ``route`` of the entity an unknown ``node_id`` names (:meth:`~policykg.graph.analytics.EntityView.named`:
    its label and a name or alias it writes), or ``None`` when ``node_id`` is an entity's or names none.

    Args:
        view: the store's entity view.
        node_id: the id asked for (``Goal:乡村振兴``, ``Program:“两重”``, ``Program:兩重``, or a bare name ``两重``).
        route: the address with ``{}`` for the id (``/nodes/{}/neighbourhood``).
        query: the request's query string, kept on the redirect (``depth=2&limit=50``).
    """
    if node_id in view.graph.nodes:
        return None
    label, _, name = node_id.strip().rpartition(":")
    named = view.named(name, label or None)
    if not named:
        return None
    return RedirectResponse(route.format(quote(named[0], safe=":")) + (f"?{query}" if query else ""), status_code=307)


def redirect_or_raise(request: Request, exc: NotFoundError, node_id: str, route: str) -> RedirectResponse:
    """On an unknown ``node_id``: the :func:`named_redirect` of the entity it names, else ``exc`` raised again with
    the best hits of the name search to try instead (a bare "no node with id" left the user guessing).

    Raises:
        NotFoundError: ``node_id`` names no entity.
    """
    store = request.app.state.store
    moved = named_redirect(request.app.state.views.get(store), node_id, route, request.url.query)
    if moved is not None:
        return moved
    label, _, name = node_id.rpartition(":")
    hits = near_names(store, name, label)
    raise NotFoundError(f"{exc}" + (f"; perhaps {', '.join(hits)}" if hits else "; /search?q=… finds entities by name"))


def redirect_query_or_raise(request: Request, exc: NotFoundError, node_id: str, param: str) -> RedirectResponse:
    """:func:`redirect_or_raise` for an address naming the entity in its query (``/export?node=Program:两重建设``): a
    307 to the same address with ``param`` set to the id of the entity ``node_id`` names, else ``exc`` raised again
    with the best hits of the name search.

    Raises:
        NotFoundError: ``node_id`` names no entity.
    """
    store = request.app.state.store
    view = request.app.state.views.get(store)
    label, _, name = node_id.strip().rpartition(":")
    named = [] if node_id in view.graph.nodes else view.named(name, label or None)
    if named:
        query = dict(request.query_params) | {param: named[0]}
        return RedirectResponse(f"{request.url.path}?{urlencode(query)}", status_code=307)
    hits = near_names(store, name, label)
    raise NotFoundError(f"{exc}" + (f"; perhaps {', '.join(hits)}" if hits else "; /search?q=… finds entities by name"))
