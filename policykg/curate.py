"""Curation as a researcher uses it: decide, preview, re-apply to what is stored.

The decisions live in the curation file (:mod:`policykg.graph.curation`) and
act between extraction and storage (:mod:`policykg.graph.curation_apply`).
:func:`decide` records a decision and re-applies the curation to the store
(:func:`~policykg.reresolve.reapply`, which rewrites every stored document from
its stored text under the current decisions, as a fresh load of them would);
:func:`undo` takes one out and re-applies the rest; :func:`preview`
(:mod:`policykg.curation_preview`) counts the mentions a decision would change, :func:`undo_preview` those taking one
out would.
The functions of those modules are imported from here too.
"""

from __future__ import annotations

import time
from typing import Any

from policykg.extraction_cache import ExtractionCache
from policykg.graph.curation import Curation, Decision, make_decision
from policykg.graph.store import GraphStore

from .curation_idle import changes_nothing
from .curation_input import decision_fields
from .curation_preview import dropped_relations, earlier_decisions, later_decisions, preview, undo_preview
from .reresolve import ReapplyReport, delete, depends_on, reapply, text_hashes

__all__ = ["ReapplyReport", "decide", "decision_fields", "delete", "depends_on", "dropped_relations", "earlier_decisions",
           "later_decisions", "preview", "reapply", "text_hashes", "undo", "undo_preview"]


def decide(store: GraphStore, curation: Curation, raw: dict[str, Any], model: str | None = None, workers: int = 1,
           cache: ExtractionCache | None = None, progress: bool = False) -> tuple[Decision, dict[str, Any], ReapplyReport]:
    """Check a decision against the store, append it to the curation file and re-apply the curation.

    Args:
        store: the store the decision is about.
        curation: the curation file's decisions (the new one is appended, file and object).
        raw: the decision's fields (``action``, ``label``, ``name``… see :mod:`policykg.graph.curation`).
        model: tagger model path for the re-extraction.
        workers: processes for the re-extraction (:func:`reapply`).
        cache: what extraction made of the stored texts before (:func:`reapply`).
        progress: show a progress bar on stderr while the store is resolved again.

    A reject of a name or an add that changes nothing in the store (:func:`~policykg.curation_idle.changes_nothing`:
    a name no document extracts, a decision recorded twice) is recorded without resolving the store again: the report
    says ``no_change`` and lists the decision as idle.

    Returns:
        ``(decision as stored, preview before applying, re-apply report)``.

    Raises:
        CurationError: the decision is malformed or names a node that is not there;
            nothing is written then.
    """
    draft = make_decision({**{k: v for k, v in raw.items() if v not in (None, "", [])}, "id": "new"}, "the decision")
    counted = preview(store, draft, curation)
    t0 = time.perf_counter()
    decision = curation.add(raw)
    if changes_nothing(store, curation, decision, model, cache):  # as a re-application would leave it
        return decision, counted, _unchanged(store, curation, t0, [decision])
    return decision, counted, reapply(store, curation, model=model, workers=workers, cache=cache, progress=progress)


def _unchanged(store: GraphStore, curation: Curation, t0: float, idle: list[Decision]) -> ReapplyReport:
    """Mark ``store`` resolved under ``curation`` (as a re-application that changed nothing leaves it) and say so."""
    store.set_curation_mark(curation.fingerprint)
    return ReapplyReport(unchanged=[d["id"] for d in store.documents()],
                         idle=[f"{d.describe()}: changed nothing in any document" for d in idle],
                         seconds=time.perf_counter() - t0, no_change=True)


def undo(store: GraphStore, curation: Curation, decision_id: str, model: str | None = None, workers: int = 1,
         cache: ExtractionCache | None = None, progress: bool = False) -> tuple[Decision, ReapplyReport]:
    """Take a decision out of the curation file and re-apply the rest to every stored document, so the store is what
    a fresh load under the remaining decisions makes (a wrong merge was undone only by editing the file by hand: a
    walkthrough, session 49).

    Args:
        store: the store.
        curation: the curation file's decisions (the decision leaves file and object).
        decision_id: the decision's id (``d3``; ``policykg curate list`` shows them).
        model: tagger model path for the re-extraction.
        workers: processes for the re-extraction (:func:`reapply`).
        cache: what extraction made of the stored texts before (:func:`reapply`).
        progress: show a progress bar on stderr while the store is resolved again.

    The last decision, when it is a reject of a name or an add that changes nothing
    (:func:`~policykg.curation_idle.changes_nothing`), is taken out without resolving the store again (``no_change``).

    Returns:
        ``(the decision removed, re-apply report)``.

    Raises:
        CurationError: no decision has this id, or the file cannot be written; nothing is changed then.
        StoreError: a write failed (documents written before it stay written, each whole; ``policykg curate apply``
            finishes the re-application).
    """
    t0 = time.perf_counter()
    last = curation.decisions[-1] if curation.decisions else None
    idle = (last is not None and last.id == decision_id
            and changes_nothing(store, curation, last, model, cache, undoing=True))
    decision = curation.remove(decision_id)
    if idle:  # the store under the others is the store as it is
        return decision, _unchanged(store, curation, t0, [])
    return decision, reapply(store, curation, model=model, workers=workers, cache=cache, progress=progress)
