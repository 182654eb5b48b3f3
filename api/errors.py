"""Map policykg errors to HTTP responses, in one place.  Bodies are JSON ``{"detail": "..."}``, but for a browser
navigating to a page (``Accept`` opening with ``text/html``), which gets the message as a short HTML page."""

from __future__ import annotations

import html
import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse

from policykg.errors import (
    AmbiguousNameError,
    ConfigError,
    CurationBusyError,
    CurationError,
    GoneError,
    NotFoundError,
    PolicyKGError,
    QueryError,
    StoreError,
)
from policykg.graph.schema import NODE_LABELS, REL_TYPES

from .models import ErrorResponse
from .naming import SEARCH_HINT

__all__ = ["ERROR_RESPONSES", "document_errors", "explorer_scope", "install_error_handlers"]

logger = logging.getLogger(__name__)

#: Documented on every route: the error responses :func:`install_error_handlers` produces.
#: Errors are JSON on every route, HTML pages included, hence the explicit content type.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "content": {"application/json": {}}, "description": text}
    for code, text in ((400, "a bad query, parameter value or refused write"), (404, "no such node or document"),
                       (409, "another process is changing the curation file"),
                       (503, "the store cannot be reached"))
}

_STATUS = [(GoneError, 410), (NotFoundError, 404), (QueryError, 400), (CurationBusyError, 409), (CurationError, 400),
           (ConfigError, 500), (StoreError, 503)]


def install_error_handlers(app: FastAPI) -> None:
    """Register handlers: Gone 410, NotFound 404, Query/WriteRefused and ValueError 400, Store 503, anything else 500.

    Request validation (types, ranges, patterns of parameters) stays FastAPI's 422, a long rejected value cut short
    (a short page saying which parameter and why to a browser navigating to a page).
    """

    @app.exception_handler(PolicyKGError)
    async def _policykg(request: Request, exc: PolicyKGError) -> JSONResponse | HTMLResponse:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        suggestions = getattr(exc, "suggestions", None)  # a 404's entities like the name (api/naming.py)
        if _browser(request) and (search := getattr(exc, "search", None)):  # nothing like it: the explorer's search
            return _answer(request, str(exc).removesuffix(SEARCH_HINT), status, _search_offer(search))
        rows = _addressed(suggestions or [], getattr(exc, "addresses", []))
        answer = _answer(request, str(exc), status, _offered(rows, explorer_scope(request)))
        if rows and isinstance(answer, JSONResponse):  # each with its address, as a 300's candidates (it had none)
            return JSONResponse({"detail": str(exc), "suggestions": rows}, status_code=status)
        return answer

    @app.exception_handler(AmbiguousNameError)
    async def _ambiguous(request: Request, exc: AmbiguousNameError) -> JSONResponse | HTMLResponse:
        return choices_answer(request, exc)

    @app.exception_handler(ValueError)
    async def _value(request: Request, exc: ValueError) -> JSONResponse | HTMLResponse:
        return _answer(request, str(exc), 400)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse | HTMLResponse:
        # FastAPI's 422 body, each rejected value cut to ECHO_CHARS (a walkthrough, session 47: a 10,000-character
        # query came back whole); a browser navigating to a page gets the reasons as a page (it got the JSON: an
        # explorer walkthrough, session 57, /compare?…&year=abc)
        errors = [_named_fields(_trimmed(e), request) for e in exc.errors()]
        if _browser(request):
            said = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()) if x not in ('query', 'path')) or 'input'}: "
                             f"{e.get('msg')}" for e in errors)
            return _answer(request, said, 422)
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error")
        return JSONResponse({"detail": "internal error; see the server log"}, status_code=500)


#: Most characters of a rejected value a 422 answer repeats.
ECHO_CHARS = 200


#: The values a comma-separated list parameter takes, said in words where its pattern would be quoted (labels=program
#: came back "String should match pattern '^(?:Document|Section|…'": a walkthrough, session 49).
_LISTS = {"labels": ("node labels", NODE_LABELS), "types": ("relationship types", REL_TYPES)}


def _trimmed(error: dict[str, Any]) -> dict[str, Any]:
    """A validation error with a long string ``input`` cut to :data:`ECHO_CHARS` characters and marked so, and a list
    parameter's pattern said as the values it takes."""
    loc = error.get("loc") or ()
    listed = next((x for x in reversed(loc) if isinstance(x, str) and x in _LISTS), None)  # ("query", "labels", 0)
    if error.get("type") == "string_pattern_mismatch" and listed is not None:
        what, values = _LISTS[listed]
        error = {**error, "msg": f"expected {what} separated by commas or repeated, each one of {', '.join(values)} "
                 "(as written)",
                 "ctx": {"allowed": list(values)}}
    value = error.get("input")
    if isinstance(value, str) and len(value) > ECHO_CHARS:
        return {**error, "input": value[:ECHO_CHARS] + f"… ({len(value):,} characters)"}
    return error


def _named_fields(error: dict[str, Any], request: Request) -> dict[str, Any]:
    """A validation error for a field a JSON body does not take (``extra_forbidden``) with the fields it takes in its
    ``msg`` and ``ctx.allowed``: ``{"ids": […]}`` sent to ``POST /curation/merge`` came back "Extra inputs are not
    permitted", naming neither ``nodes`` nor any other field (a walkthrough, session 67).  Other errors unchanged."""
    loc = error.get("loc") or ()
    if error.get("type") != "extra_forbidden" or not loc or loc[0] != "body":
        return error
    route = request.scope.get("route")
    model = getattr(getattr(getattr(route, "body_field", None), "field_info", None), "annotation", None)
    fields = list(getattr(model, "model_fields", {}))
    if not fields:
        return error
    return {**error, "msg": f"{loc[-1]!r} is not a field of this body; it takes {', '.join(fields)}",
            "ctx": {"allowed": fields}}


#: The foot of every page an error or a choice answers a browser with: the way back to the explorer and the overview.
_PAGE_FOOT = '<p><a href="/explore">explore</a> · <a href="/">overview</a></p></body>'


def _browser(request: Request) -> bool:
    """The request is a browser's navigating to a page (``Accept`` opening with ``text/html``)."""
    return request.headers.get("accept", "").startswith("text/html")


def _answer(request: Request, detail: str, status: int, more: str = "") -> JSONResponse | HTMLResponse:
    """``{"detail": …}``, or a page saying it to a browser that navigated here (a bookmark, a typed address), with
    ``more`` (HTML) under the sentence."""
    if _browser(request):
        page = (f'<!doctype html><meta charset="utf-8"><title>policykg: {status}</title>'
                f'<body style="font-family: sans-serif; margin: 2em"><p>{html.escape(detail)}</p>{more}' + _PAGE_FOOT)
        return HTMLResponse(page, status_code=status)
    return JSONResponse({"detail": detail}, status_code=status)


#: The parameters of a request the explorer reads in its address as the API does (``documents=`` patterns, each
#: repeated; ``year``; ``depth``), and those it reads as one comma-separated list (``labels``, ``types``).
_EXPLORER_KEPT, _EXPLORER_LISTS = ("documents", "year", "depth"), ("labels", "types")


def explorer_scope(request: Request) -> str:
    """The query of ``request`` the explorer keeps, as its address writes it (``&documents=gwr2025-%2A&year=2025``,
    empty when none): the link opening an entity in the explorer from a 404's or a 300's page passed none on, so a
    researcher asking a diffusion within ``documents=gwr2025-*`` got the whole graph (the explorer's one ``doc``
    filter takes one document's id, no pattern: it reads ``documents=`` now, as the API does)."""
    q = request.query_params
    pairs = [(k, v) for k, v in q.multi_items() if k in _EXPLORER_KEPT and v]
    pairs += [(k, ",".join(x for v in q.getlist(k) for x in v.split(",") if x)) for k in _EXPLORER_LISTS if q.get(k)]
    return "".join(f"&{k}={quote(v, safe=',')}" for k, v in pairs)


def _entity_items(rows: list[dict[str, Any]], address: Any, scope: str = "") -> str:
    """The ``<li>`` of each entity row (id, label, documents): its id linked to ``address(row)``, its label and
    document count, and the link opening it in the explorer, with ``scope``, the query the explorer keeps
    (:func:`explorer_scope`)."""
    return "".join(f'<li><a href="{html.escape(address(r))}">{html.escape(r["id"])}</a> ({html.escape(r["label"])}, '
                   f'{r["documents"]} document{"" if r["documents"] == 1 else "s"}) · <a href="/explore?node='
                   f'{quote(r["id"], safe="")}{html.escape(scope)}">explore</a></li>' for r in rows)


def _addressed(suggestions: list[dict[str, Any]], addresses: list[str]) -> list[dict[str, Any]]:
    """The entities a 404 suggests (rows of :func:`~policykg.api.naming._offering`), each with ``address``, the route
    and query asked with its id (:func:`~policykg.api.naming.entity_address`), as a 300's candidates carry theirs: the
    JSON gave the rows without it, for a client to build by hand.  Empty without suggestions."""
    return [{**row, "address": a} for row, a in zip(suggestions, addresses, strict=True)]


def _offered(rows: list[dict[str, Any]], scope: str = "") -> str:
    """The entities a 404 suggests (rows of :func:`_addressed`) as the list of a page of choices
    (:func:`choices_answer`): each linked to its address (the query had been dropped, and ``/export?node=`` linked the
    node page), and its link opening it in the explorer.  The page a browser got for an unknown name gave them as ids
    inside the sentence alone (session 71); ``scope`` is the query the explorer keeps (:func:`explorer_scope`).
    Empty without suggestions."""
    if not rows:
        return ""
    return f'<p>Perhaps one of these:</p><ul>{_entity_items(rows, lambda r: r["address"], scope)}</ul>'


def _search_offer(asked: str) -> str:
    """The link opening the explorer with the name ``asked`` gives in its search box and what it finds listed
    (``/explore?q=``: the names of every label and the documents holding it), said as the explorer's panel offers its
    search, which a page answering a browser gives where nothing is like the name or id asked: it said the API's
    :data:`~policykg.api.naming.SEARCH_HINT`."""
    label, _, name = asked.rpartition(":")
    return (f'<p>{f"No {html.escape(label)} is named like it" if label else "No name is like it"}; <a class="run-search" '
            f'href="/explore?q={quote(name, safe="")}">search the names for {html.escape(name)}</a> in the explorer '
            '(of every label, and the documents).</p>')


def choices_answer(request: Request, exc: AmbiguousNameError) -> JSONResponse | HTMLResponse:
    """300 Multiple Choices for a name several entities have or write: ``{"detail", "candidates": [{"id", "label",
    "name", "documents", "address"}]}`` (:class:`~policykg.api.models.ChoicesResponse`), most documented first, and a
    ``Link`` header with each address (``rel="alternate"``); a browser navigating to a page gets the list as links,
    each with the link opening it in the explorer, said as the explorer's panel says it, and the foot of the other
    error pages (it had no way back to the explorer: session 71).
    No ``Location``: none is preferred (a client following it would take one without a word, as the 307 had)."""
    rows = [{**c, "address": a} for c, a in zip(exc.candidates, exc.addresses, strict=True)]
    headers = {"Link": ", ".join(f'<{r["address"]}>; rel="alternate"' for r in rows)} if rows else {}
    if _browser(request):
        items = _entity_items(rows, lambda r: r["address"], explorer_scope(request))
        page = (f'<!doctype html><meta charset="utf-8"><title>policykg: {html.escape(exc.name)}</title>'
                f'<body style="font-family: sans-serif; margin: 2em"><p>{html.escape(exc.name)} is the name or an alias '
                f'of {len(rows)} entities; none was taken. Choose one:</p><ul>{items}</ul>' + _PAGE_FOOT)
        return HTMLResponse(page, status_code=300, headers=headers)
    return JSONResponse({"detail": str(exc), "candidates": rows}, status_code=300, headers=headers)


#: Routes that answer no 404 (nothing they take names a node or document that may be missing).
_NEVER_MISSING = {"/health", "/stats", "/documents", "/search", "/diffusion", "/analytics/central",
                  "/analytics/communities", "/curation", "/curation/suggestions", "/", "/explore"}


def document_errors(app: FastAPI) -> None:
    """Make the OpenAPI description of the error responses say what is sent (a walkthrough of an API client,
    session 59: every route listed 400, 404, 409 and 503, the HTML routes with the JSON error's schema under
    ``text/html`` and an empty ``application/json``).

    Each error response is :class:`ErrorResponse` as ``application/json``, or a page as ``text/html`` to a request
    that accepts ``text/html`` first (a browser's, :func:`install_error_handlers`); 409 is listed on the curation
    routes that write only, 404 not on the routes of :data:`_NEVER_MISSING`.

    Args:
        app: the application; its ``openapi`` is wrapped (the description is built once, on the first request).
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                responses = operation.get("responses", {})
                for code in ("400", "404", "409", "410", "503"):
                    if code not in responses:
                        continue
                    if (code == "409" and not (path.startswith("/curation") and method in ("post", "delete"))) or \
                            (code == "404" and path in _NEVER_MISSING):
                        del responses[code]
                        continue
                    found = next((c["schema"] for c in responses[code].get("content", {}).values() if c.get("schema")),
                                 {"$ref": "#/components/schemas/ErrorResponse"})
                    responses[code]["content"] = {"application/json": {"schema": found},
                                                  "text/html": {"schema": {"type": "string"}}}
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
