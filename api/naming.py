"""Addresses that name an entity by a name or alias it writes, or by the id it had before a curation decision moved
it, rather than by its id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse

from policykg.errors import AmbiguousNameError, GoneError, NotFoundError
from policykg.graph.analytics import EntityView
from policykg.graph.assembly import near_documents, not_an_entity
from policykg.graph.name_choice import candidate_rows, name_choices
from policykg.graph.search import near_names

from .models import ChoicesResponse, ErrorResponse

#: What a route taking an entity id answers besides its own answer and the errors of every route (OpenAPI).
ENTITY_RESPONSES: dict[int | str, dict[str, Any]] = {
    300: {"model": ChoicesResponse, "content": {"application/json": {}},
          "description": "the name asked for is the name or an alias of several entities: none is taken; the body "
                         "lists them (id, label, name, documents, address), most documented first, to ask again by id",
          "headers": {"Link": {"description": "the address of each entity's answer (rel=\"alternate\")",
                               "schema": {"type": "string"}}}},
    307: {"description": "the id is one a curation decision renamed, retyped or merged into another entity, or a name "
                         "or alias one entity alone writes: the same address for that entity (the query kept)",
          "headers": {"Location": {"description": "the address of the entity's id, with the query asked",
                                   "schema": {"type": "string"}}}},
    410: {"model": ErrorResponse, "content": {"application/json": {}},
          "description": "a curation decision rejected the entity of this id: the message names the decision"},
}


def named_ids(view: EntityView, node_id: str) -> list[str]:
    """The ids of the entities an unknown ``node_id`` names (:meth:`~policykg.graph.analytics.EntityView.named`: its
    label and a name or alias they write), most documented first; empty when ``node_id`` is an entity's or names none.

    Args:
        view: the store's entity view.
        node_id: the id asked for (``Goal:乡村振兴``, ``Program:“两重”``, ``Program:兩重``, or a bare name ``两重``).
    """
    if node_id in view.graph.nodes:
        return []
    label, _, name = node_id.strip().rpartition(":")
    return name_choices(view, name, label or None)


def named_id(view: EntityView, node_id: str, address: Callable[[str], str]) -> str | None:
    """The one entity an unknown ``node_id`` names (:func:`named_ids`), or ``None`` when it names none.

    Args:
        view: the store's entity view.
        node_id: the id asked for.
        address: the address of the answer about an entity, from its id (for the choices of an ambiguous name).

    Raises:
        AmbiguousNameError: (300) several entities have or write the name; the error lists them with their
            addresses, and none is taken (the most documented had been, where the command line took another).
    """
    named = named_ids(view, node_id)
    if len(named) > 1:
        raise AmbiguousNameError(node_id.strip().rpartition(":")[2], candidate_rows(view, named),
                                 [address(i) for i in named])
    return next(iter(named), None)


def named_redirect(view: EntityView, node_id: str, route: str, query: str = "") -> RedirectResponse | None:
    """A 307 to ``route`` of the entity an unknown ``node_id`` names (:func:`named_id`), or ``None`` when it names
    none.

    Args:
        view: the store's entity view.
        node_id: the id asked for.
        route: the address with ``{}`` for the id (``/nodes/{}/neighbourhood``).
        query: the request's query string, kept on the redirect (``depth=2&limit=50``).

    Raises:
        AmbiguousNameError: (300) several entities have or write the name (:func:`named_id`); each one's address is
            ``route`` with the query.
    """
    suffix = f"?{query}" if query else ""
    named = named_id(view, node_id, lambda i: route.format(quote(i, safe=":")) + suffix)
    if named is None:
        return None
    return RedirectResponse(route.format(quote(named, safe=":")) + suffix, status_code=307)


def moved_id(request: Request, view: EntityView, node_id: str) -> str | None:
    """The id of the entity a curation decision renamed, retyped or merged ``node_id`` into
    (:func:`policykg.graph.curation_notes.successor`, every decision followed in file order), when the store holds it
    and holds no ``node_id``; else ``None`` (no decision moved it, one rejected it, or the entity it went to is not
    there: the 404 then names the decision).

    Args:
        request: the request (for the curation file the app writes).
        view: the store's entity view.
        node_id: the id asked for (``Program:红色物业``).
    """
    from policykg.graph.curation_notes import successor

    if node_id in view.graph.nodes:
        return None
    curation = _curation(request)
    moved = None if curation is None else successor(curation, node_id)
    return moved[0] if moved is not None and moved[0] in view.graph.nodes else None


def follow(request: Request, view: EntityView, node_id: str, route: str, query: str = "") -> RedirectResponse | None:
    """A 307 to ``route`` of the entity an unknown ``node_id`` is now: the one a curation decision renamed, retyped or
    merged it into (:func:`moved_id`: a bookmark of Program:红色物业 after a retype to Goal answered 404 naming the
    decision, where a user expects to be taken there), else the entity it names (:func:`named_redirect`); ``None``
    when neither is.

    Temporary (307), not permanent (308): the address follows the curation file, and an undone decision gives the old
    id back, which a client remembering a permanent redirect would never ask for again.

    Args:
        request: the request.
        view: the store's entity view.
        node_id: the id asked for.
        route: the address with ``{}`` for the id (``/nodes/{}``).
        query: the request's query string, kept on the redirect.

    Raises:
        AmbiguousNameError: (300) several entities have or write the name ``node_id`` gives (:func:`named_redirect`).
    """
    moved = moved_id(request, view, node_id)
    if moved is None:
        return named_redirect(view, node_id, route, query)
    return RedirectResponse(route.format(quote(moved, safe=":")) + (f"?{query}" if query else ""), status_code=307)


def _curation(request: Request) -> Any:
    """The curation file the app writes (:class:`policykg.graph.curation.Curation`), or ``None`` when it is broken
    (:func:`policykg.graph.curation.readable`); read once per request and kept on ``request.state``: an old id
    that is no redirect (a rejected entity's 410, the 404 naming a decision) had it read by :func:`moved_id`, then
    again by :func:`raise_gone_or`."""
    from policykg.graph.curation import readable
    from policykg.settings import get_settings

    if not hasattr(request.state, "curation"):
        request.state.curation = readable(request.app.dependency_overrides.get(get_settings, get_settings)().curation_path)
    return request.state.curation


def raise_gone_or(request: Request, exc: NotFoundError, node_id: str) -> NoReturn:
    """Raise ``exc`` again, naming the curation decision that took ``node_id`` away if one did (an old id of a
    rejected node answered "no entity" on some routes and named the decision on others: a walkthrough, session 45),
    else with the best hits of the name search, after the reject of a name that may have emptied the node
    (:func:`policykg.graph.curation_notes.emptied_note`; the 404 did not name it: session 48's walkthrough).

    Raises:
        GoneError: (410) a curation decision rejected the entity of ``node_id``: it is not there on purpose, and
            stays away until the decision is undone (a 404 said the same of a typing error).
        NotFoundError: (404) any other unknown id, with what the curation says of it or near names.
    """
    from policykg.graph.curation_notes import emptied_note, moved_note, successor

    curation = _curation(request)  # read once for both notes, and for moved_id before
    if curation is not None and (moved := successor(curation, node_id)) is not None:
        raise (NotFoundError if moved[0] else GoneError)(f"{exc}; {moved_note(curation, node_id)}") from exc
    hint = None if curation is None else emptied_note(curation, node_id)
    label, _, name = node_id.strip().rpartition(":")
    if not label:  # a name, no id: "no node with id '民族团结进步没有'" spoke of an id nobody gave (session 71)
        exc = NotFoundError(f"no entity named {node_id.strip()!r}")
    store = request.app.state.store
    view = request.app.state.views.get(store)
    elsewhere = [i for i in view.named(name) if i != node_id] if label and not hint else []
    if elsewhere:  # Program:乡村振兴 suggested 乡村振兴示范村…, never Goal:乡村振兴战略 (a walkthrough, session 50); the
        # entities of the label asked like the name first, those of others apart (it named the Goal alone: session 72)
        hits = [h for h in near_names(store, name, label) if h != node_id and h not in elsewhere
                ] if label in ("Program", "Goal", "Body") else []
        perhaps = f"; perhaps {', '.join(hits)}" if hits else ""
        raise _offering(NotFoundError(f"{exc}{perhaps}; under another label, {name} is a name of "
                                      f"{', '.join(elsewhere[:3])}"), request, view, [*hits, *elsewhere[:3]]) from exc
    _suggest(store, exc, node_id, f"; {hint}" if hint else "", (request, view))


#: The end of a 404's message when nothing is like the name or id asked, worded for an API caller; a page answering a
#: browser links the explorer's search in its place (api/errors.py), as the explorer's panel offers its search box
#: (viz/static/panel.js names it too).
SEARCH_HINT = "; /search?q=… finds entities by name"


def entity_address(request: Request, view: EntityView, node_id: str, param: str | None = None) -> str:
    """The address ``request`` asked, for the entity ``node_id`` in place of the one it named: the entity in the
    route's path (``/entities/{node_id}/diffusion``), or in the query parameter a route taking it there names
    (``param``, else the one :func:`redirect_query_or_raise` records: ``/export?node=``), else its node page; the
    query kept, each repeated parameter as often (``documents=gwr2025-*``: a link from a 404's page dropped it), but
    ``form`` (the name asked, on a diffusion) only where the entity writes it, as the diffusion refuses a form it
    never writes.

    Args:
        request: the request answered (its route, path and query).
        view: the store's entity view (the names each entity writes).
        node_id: the entity's id.
        param: the query parameter naming the entity, on a route taking it in its query.

    Returns:
        A path and query (``/entities/Goal:民族团结/diffusion?documents=gwr2025-%2A``).
    """
    param = param or getattr(request.state, "entity_param", None)
    route = getattr(request.scope.get("route"), "path_format", "")
    pairs = [(k, node_id if k == param else v) for k, v in request.query_params.multi_items()
             if k != "form" or node_id in view.named(v)]
    if param:
        return f"{request.url.path}?{urlencode(pairs)}"
    path = (route if "{node_id}" in route else "/nodes/{node_id}").replace("{node_id}", quote(node_id, safe=":"))
    return f"{path}?{urlencode(pairs)}" if pairs and "{node_id}" in route else path


def _offering(exc: NotFoundError, request: Request, view: EntityView, ids: list[str]) -> NotFoundError:
    """``exc`` with ``suggestions``, the rows (:func:`~policykg.graph.name_choice.candidate_rows`) of those of
    ``ids`` that are entities of ``view``, which the API's 404 lists beside its message for a client to offer as it
    offers the entities of a 300 (the explorer had shown the ids inside the sentence alone: session 71), and
    ``addresses``, each one's address on the route and with the query asked (:func:`entity_address`), which a
    page answering a browser links."""
    exc.suggestions = candidate_rows(view, [i for i in ids if i in view.graph.nodes])
    exc.addresses = [entity_address(request, view, row["id"]) for row in exc.suggestions]
    return exc


def _suggest(store: Any, exc: NotFoundError, node_id: str, hint: str = "",
             asked: tuple[Request, EntityView] | None = None) -> NoReturn:
    """Raise ``exc`` again, with ``hint``, and the best hits of the name search to try instead (a bare "no node
    with id" left the user guessing); for a document's or a section's id, the loaded documents like it or the
    document's outline (the name search, which knows no loaded document, had answered "/search?q=… finds entities by
    name" to a mistyped ``Document:gwr2025-浙江x``: a walkthrough, session 62).  A suggestion is never the id asked:
    an id the store holds as no entity (a loaded document, a section, asked of a route that takes an entity) says what
    it is and suggests nothing (:func:`~policykg.graph.assembly.not_an_entity`).  With ``asked`` (the request and the
    view), the error carries the entities suggested as rows too (:func:`_offering`), and, where nothing is like the
    name, ``search``, the name or id asked, to search for (the page a browser gets links the explorer's search: it said
    :data:`SEARCH_HINT`, worded for an API caller)."""
    if (what := not_an_entity(store, node_id)) is not None:  # a node, of no label the route takes: nothing like it
        # is suggested (the ids like a loaded document's began with the id asked: a user walkthrough, session 66)
        raise NotFoundError(f"{exc}{hint}" + ("" if "a loaded document" in str(exc) else what))
    label, _, name = node_id.rpartition(":")
    doc = f"Document:{name.partition('/')[0]}"
    if label == "Section" and any(d["id"] == doc for d in store.documents()):
        raise NotFoundError(f"{exc}{hint}; {doc} holds no such section: its sections are listed by "
                            f"/documents/{quote(doc)}")
    # a cited document's name first; never the id asked
    hits = [] if label == "Section" else [h for h in near_names(store, name, label) if h != node_id]
    if not hits and label in ("Document", "Section") and (near := near_documents(store, doc)):
        raise NotFoundError(f"{exc}{hint}{near}")
    said = NotFoundError(f"{exc}{hint}" + (f"; perhaps {', '.join(hits)}" if hits else SEARCH_HINT))
    if not hits:
        said.search = node_id.strip()
    raise said if asked is None else _offering(said, *asked, hits)


def redirect_or_raise(request: Request, exc: NotFoundError, node_id: str, route: str) -> RedirectResponse:
    """On an unknown ``node_id``: the 307 to the entity it is now (:func:`follow`: where a curation decision moved it,
    else the entity it names), else ``exc`` raised again (:func:`raise_gone_or`).

    Raises:
        AmbiguousNameError: (300) several entities have or write the name ``node_id`` gives (:func:`named_id`).
        GoneError: (410) a curation decision rejected the entity.
        NotFoundError: ``node_id`` names no entity.
    """
    store = request.app.state.store
    moved = follow(request, request.app.state.views.get(store), node_id, route, request.url.query)
    if moved is not None:
        return moved
    raise_gone_or(request, exc, node_id)


def redirect_query_or_raise(request: Request, exc: NotFoundError, node_id: str, param: str) -> RedirectResponse:
    """:func:`redirect_or_raise` for an address naming the entity in its query (``/export?node=Program:两重建设``): a
    307 to the same address with ``param`` set to the id of the entity ``node_id`` is now (:func:`moved_id`) or names,
    else ``exc`` raised again with the best hits of the name search.

    Raises:
        AmbiguousNameError: (300) several entities have or write the name ``node_id`` gives (:func:`named_id`).
        GoneError: (410) a curation decision rejected the entity.
        NotFoundError: ``node_id`` names no entity.
    """
    store = request.app.state.store
    view = request.app.state.views.get(store)

    def address(nid: str) -> str:  # every documents= kept (a dict of the query had kept the last)
        return entity_address(request, view, nid, param)

    named = moved_id(request, view, node_id) or named_id(view, node_id, address)
    if named is None:
        request.state.entity_param = param  # the entities the 404 suggests are linked with it (entity_address)
        raise_gone_or(request, exc, node_id)
    return RedirectResponse(address(named), status_code=307)
