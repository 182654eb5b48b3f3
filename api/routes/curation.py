"""Curation decisions over HTTP: list (all, or those of one entity), suggest, preview (of a decision or of an undo),
decide, undo, re-apply (the routes but the list and the suggestions need the API key)."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from policykg.curate import ReapplyReport, decide, decision_fields, preview, reapply, undo, undo_preview
from policykg.errors import NotFoundError
from policykg.graph.curation import Curation, Decision, changing, make_decision, readable
from policykg.graph.curation_notes import concerning
from policykg.graph.curation_suggest import label_conflicts, named_apart
from policykg.graph.schema import ENTITY_LABELS

from ..deps import SettingsDep, StoreDep

router = APIRouter(prefix="/curation", tags=["curation"])

EntityLabel = Literal["Body", "Program", "Goal", "Document"]
Action = Literal["merge", "rename", "retype", "reject", "add", "detach"]
_Name = Annotated[str, Field(min_length=1, max_length=300)]
#: One curation at a time: a decision re-applies the whole curation to the store.
_WRITING = threading.Lock()


#: Seconds a request waits for another process changing the curation file (a ``policykg curate`` command in a
#: terminal) before it answers 409.
BUSY_WAIT_S = 30.0


@contextmanager
def _writing(request: Request, store: Any, path: PathLike) -> Iterator[None]:
    """One curation write at a time, in this server and across processes (the lock of the curation file ``path``:
    :func:`policykg.graph.curation.changing`); then the analytics view of the store as it is now is built in the
    background, before it is asked for (the first diffusion page after a decision took 2.4 s to build it: session 51).

    Raises:
        CurationBusyError: (409) another process held the curation file for :data:`BUSY_WAIT_S`.
    """
    with _WRITING, changing(path, BUSY_WAIT_S):
        yield
    request.app.state.views.warm(store)


def _report(report: ReapplyReport, decision: str | None = None) -> dict[str, Any]:
    """What a re-application did, as the answers give it: ``changed``, the documents whose graph changed, and
    ``rechecked``, those resolved again whose graph is the same (a merge of one mention had answered ``rewritten: 17``,
    read as 17 documents changed: a walkthrough, session 67); ``rewritten`` and ``unchanged``, the documents written to
    the store again (also those written only to record the curation) and not; ``seconds``; ``no_change`` (the decision
    was found to change nothing before the store was resolved again: :mod:`policykg.curation_idle`) and
    ``warnings``, the decisions that changed nothing (a name no entity has: the command line printed them, the API had dropped
    them, so a typo in the explorer went unseen: a walkthrough, session 58); with ``decision``, that decision's only
    (an answer to a new decision had repeated every idle decision of the file: a regression check, session 58)."""
    idle = [line for line in report.idle if decision is None or line.startswith(decision + " ")]
    return {"changed": len(report.changed), "rechecked": report.rechecked,
            "rewritten": len(report.rewritten), "unchanged": len(report.unchanged), "seconds": report.seconds,
            "warnings": idle, "no_change": report.no_change}


class DecisionRequest(BaseModel):
    """A decision as the explorer sends it: entities by id (``Program:红色物业``), names as text.

    ``merge``: ``nodes`` (two or more, one label) and ``canonical`` (default: the first's name);
    ``rename``: ``node``, ``canonical``; ``retype``: ``node``, ``to``; ``detach``: ``node``, ``alias``;
    ``reject``: ``name`` (``label`` optional), or ``node`` (the entity and every name it goes by); ``add``: ``name``,
    ``label``.
    """

    model_config = ConfigDict(extra="forbid")

    nodes: list[_Name] | None = Field(default=None, max_length=50)
    node: _Name | None = None
    name: _Name | None = None
    label: EntityLabel | None = None
    canonical: _Name | None = None
    to: EntityLabel | None = None
    alias: _Name | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None


def require_key(settings: SettingsDep,
                x_api_key: Annotated[str | None, Header(description="the API key (POLICYKG_API_KEY)")] = None) -> None:
    """Let a writing request through only with the configured API key.

    Raises:
        HTTPException: 403 when no key is configured (writing routes are off) or the key is wrong,
            401 when the request carries none.
    """
    if not settings.api_key:
        raise HTTPException(403, "curation through the API is off: start the server with POLICYKG_API_KEY set")
    if not x_api_key:
        raise HTTPException(401, "the curation routes (previews too) need the API key: send it in the X-API-Key header",
                            headers={"WWW-Authenticate": "X-API-Key"})
    if not secrets.compare_digest(x_api_key.encode(), settings.api_key.encode()):
        raise HTTPException(403, "wrong API key")


KeyDep = Depends(require_key)
_AUTH = {401: {"description": "no API key sent"}, 403: {"description": "wrong key, or writing routes are off"}}


def _listed(d: Decision) -> dict[str, Any]:
    """A decision as the answers list it: its fields, ``text`` (as ``policykg curate list`` prints it) and ``said``,
    what it does in words (:meth:`~policykg.graph.curation_decision.Decision.in_words`)."""
    return {**d.to_dict(), "text": d.describe(), "said": d.in_words()}


NodeQuery = Annotated[str | None, Query(min_length=1, max_length=300,
                                        description="only the decisions that concern this entity (Program:双拥): those "
                                                    "its curated_by records, a reject of it, and those writing its name "
                                                    "or an alias for its label; an old id a decision took away too")]


@router.get("", responses={400: {"description": "node is not an entity id"},
                           404: {"description": "no such entity, and no decision names it"}})
def decisions(settings: SettingsDep, store: StoreDep, node: NodeQuery = None) -> dict[str, Any]:
    """The curation file's name and its decisions, in the order they apply (the name, not the server's path: this
    route needs no key, and a walkthrough, session 59, read where the server keeps its data from it), each with
    ``text`` and ``said`` (:func:`_listed`).  With ``node``, those that concern that entity
    (:func:`policykg.graph.curation_notes.concerning`), each with ``recorded``, whether the node lists it in
    ``curated_by``: what the explorer's panel offers to undo (it offered only the decision just made there, session
    69).

    Raises:
        ValueError: (400) ``node`` is not ``<Label>:<name>`` of an entity label.
        NotFoundError: (404) no entity has the id ``node`` and no decision names it.
    """
    cur = Curation(settings.curation_path)
    answer = {"file": cur.path.name if cur.path is not None else None, "fingerprint": cur.fingerprint}
    if node is None:
        return {**answer, "decisions": [_listed(d) for d in cur.decisions]}
    label, _, name = node.partition(":")
    if label not in ENTITY_LABELS or not name.strip():
        raise ValueError(f"node {node!r} is not an entity id: <Label>:<name>, the label one of {', '.join(ENTITY_LABELS)}")
    found = store.node_properties(node) or {}  # a rejected entity's id has no node, and still lists its decisions
    listed = concerning(cur, node, found.get("aliases") or (), found.get("curated_by") or ())
    if not found and not listed:
        raise NotFoundError(f"no entity with id {node!r} in the store, and no curation decision names it")
    return {**answer, "node": node, "decisions": [{**_listed(d), "recorded": on} for d, on in listed]}


@router.get("/suggestions")
def suggestions(store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 20) -> dict[str, Any]:
    """Names that are a node of two labels (a Program in some documents, a Goal in others), most documented first,
    each with the retype that would join them (:func:`policykg.graph.curation_suggest.label_conflicts`); and in
    ``named_apart``, the pairs of nodes of one label a document names as one, each with the merge that would join them
    (:func:`~policykg.graph.curation_suggest.named_apart`)."""
    found, apart = label_conflicts(store), named_apart(store)
    return {"total": len(found), "suggestions": found[:limit],
            "named_apart": {"total": len(apart), "suggestions": apart[:limit]}}


@router.post("/preview/{action}", dependencies=[KeyDep], responses=_AUTH)
def preview_decision(store: StoreDep, settings: SettingsDep, action: Annotated[Action, Path()], body: DecisionRequest
                     ) -> dict[str, Any]:
    """How many mentions a decision would change (nothing is written)."""
    raw = decision_fields(action, **body.model_dump(), store=store)
    return preview(store, make_decision({**raw, "id": "new"}, "the decision"), readable(settings.curation_path))


@router.post("/preview/undo/{decision_id}", dependencies=[KeyDep],
             responses={**_AUTH, 404: {"description": "no such decision"}})
def preview_undo(store: StoreDep, settings: SettingsDep, decision_id: Annotated[str, Path(min_length=1, max_length=64)]
                 ) -> dict[str, Any]:
    """How many mentions taking a decision out would change (nothing is written; every document is resolved again
    under the other decisions, so it takes about as long as the undo): ``mentions``, ``documents``, ``nodes`` as a
    decision's preview, and ``later``, the later decisions about its names, which stay in force
    (:func:`policykg.curate.undo_preview`; ``policykg curate undo ID --dry-run``)."""
    cur = Curation(settings.curation_path)
    if cur.get(decision_id) is None:
        raise NotFoundError(f"no curation decision {decision_id!r} (GET /curation lists them)")
    return undo_preview(store, cur, decision_id, settings.extractor_model(), cache=settings.extraction_cache())


@router.post("/apply", dependencies=[KeyDep], responses=_AUTH)
def apply_all(request: Request, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    """Re-apply the curation file to every stored document (after it was edited by hand)."""
    with _writing(request, store, settings.curation_path):
        report = reapply(store, Curation(settings.curation_path), settings.extractor_model(),
                         cache=settings.extraction_cache())
    return _report(report)


@router.delete("/{decision_id}", dependencies=[KeyDep], responses={**_AUTH, 404: {"description": "no such decision"}})
def remove(request: Request, store: StoreDep, settings: SettingsDep,
           decision_id: Annotated[str, Path(min_length=1, max_length=64)]) -> dict[str, Any]:
    """Take a decision out of the curation file and re-apply the rest to every stored document (a wrong merge was
    undone only by editing the file on the server: a walkthrough, session 49); answers what it changed."""
    with _writing(request, store, settings.curation_path):
        cur = Curation(settings.curation_path)
        if cur.get(decision_id) is None:
            raise NotFoundError(f"no curation decision {decision_id!r} (GET /curation lists them)")
        decision, report = undo(store, cur, decision_id, settings.extractor_model(), cache=settings.extraction_cache())
    return {"removed": _listed(decision), **_report(report)}


@router.post("/{action}", dependencies=[KeyDep], responses=_AUTH)
def make(request: Request, store: StoreDep, settings: SettingsDep, action: Annotated[Action, Path()], body: DecisionRequest
         ) -> dict[str, Any]:
    """Record a decision in the curation file and re-apply the curation; answers what it changed."""
    raw = decision_fields(action, **body.model_dump(), store=store)
    with _writing(request, store, settings.curation_path):
        decision, counted, report = decide(store, Curation(settings.curation_path), raw, settings.extractor_model(),
                                           cache=settings.extraction_cache())
    return {"decision": _listed(decision), "mentions": counted["mentions"],
            "documents": counted["documents"], **_report(report, decision.id)}
