"""A decision that changes nothing in the store, told before the store is resolved again.

A decision ends with the re-application of the whole curation (:func:`policykg.reresolve.reapply`), every stored
document resolved again in load order: on the 67 national reports 8.2 CPU seconds, for a reject of a name no document
extracts (a typing error, a name meant for documents loaded later) or an add or reject recorded a second time as much
as for a merge.  :func:`changes_nothing` proves such a decision idle from what it can act on, reading the stored
extraction (:mod:`policykg.extraction_cache`), not resolving:

* only a ``reject`` of a name (not of a node) and an ``add`` are considered: they act on a document's extracted records
  before resolution (:func:`~policykg.graph.curation_apply.curate_document`), which the check runs on every stored
  document under the decisions with the new one last, and it must mark or drop nothing in any of them;
* an ``add`` also gives back the node a reject of the node took out (:func:`~policykg.graph.curation_index.node_fates`):
  none may name its node;
* a reject of a name also acts during resolution on a node a retype or rename moved its entity to, when that node goes
  by the name (:func:`~policykg.graph.curation_apply._walk`).  An entity's node only goes by a name when the rules put
  it on a node of that name or a decision gave it the name, and a decision moves an entity off a node only through a
  name of it, so no decision after the last earlier reject covering the name (one of no node, of its label or of any,
  whose names hold its names) may write one of its names; without such a reject, no earlier decision may;
* the store must be resolved under the decisions before it (:func:`~policykg.reresolve.text_hashes`), which must be
  some (the first decision of a store marks every document's content hash as curated).

Then every document's extracted records are the same under both curations, so is every resolution step after them
(the new decision comes last and acts on no entity), and so is what each document writes: the re-application would
write no document and set the store's curation mark to the new fingerprint, which is all the short way does
(``tests/test_curation_idle.py`` compares the two stores on real documents).

Taking such a decision out again (:func:`policykg.curate.undo` of the last decision) changes nothing either: the same
proof, made on the store resolved under every decision, says the store under the others is the same.

A decision touching a few documents is still re-applied to all: each document is resolved against the names of those
loaded before it, so a change in one (a node it no longer makes, a name it now gives) can change how every later
document resolves, and which of them it changes is only known by resolving them.
"""

from __future__ import annotations

from policykg.extraction_cache import ExtractionCache
from policykg.graph.curation import Curation, Decision
from policykg.graph.curation_apply import curate_document
from policykg.graph.names import match_key
from policykg.graph.schema import ENTITY_LABELS, node_id
from policykg.graph.store import GraphStore

__all__ = ["changes_nothing"]


def _keys(d: Decision) -> set[str]:
    return {match_key(f) for f in d.forms()}


def _covers(earlier: Decision, d: Decision) -> bool:
    """Whether ``earlier``, a reject of names, rejects every name ``d`` (a reject of names) rejects, of its label."""
    return (earlier.action == "reject" and not earlier.node and earlier.label in (None, d.label)
            and _keys(d) <= _keys(earlier))


def _may_act_in_resolution(before: list[Decision], d: Decision) -> bool:
    """Whether ``d``, appended after ``before``, may act during resolution (the module docstring)."""
    keys = _keys(d)
    if d.action == "add":
        nodes = {node_id(lb, d.name or "") for lb in ((d.label,) if d.label else ENTITY_LABELS)}
        return any(e.action == "reject" and e.node in nodes for e in before)
    last = max((k for k, e in enumerate(before) if _covers(e, d)), default=-1)
    return any(keys & _keys(e) for e in before[last + 1:])


def changes_nothing(store: GraphStore, curation: Curation, decision: Decision, model: str | None = None,
                    cache: ExtractionCache | None = None, undoing: bool = False) -> bool:
    """Whether re-applying ``curation``, whose last decision is ``decision``, would change nothing in ``store``,
    proved without resolving any document (the module docstring says how); with ``undoing``, whether taking
    ``decision`` out again would (the store under the decisions before it is the same store).

    Args:
        store: the store, resolved under the decisions of ``curation`` before ``decision`` (``undoing``: under all of
            them) when this can be true.
        curation: the decisions, ``decision`` last (as :meth:`~policykg.graph.curation.Curation.add` appends it).
        decision: the decision just recorded (``undoing``: the one to take out).
        model, cache: as :func:`policykg.reresolve.reapply` extracts the stored texts, in this process (``cache``
            holds what the extractor made of them: on the 67 national reports a pass takes 0.5 CPU seconds).

    Returns:
        ``True`` when the store would stay as it is but for its curation mark; ``False`` when the decision may change
        something (it is then re-applied in full), or when this cannot be told without resolving.
    """
    from policykg.ingest import extract_documents
    from policykg.reresolve import _source, text_hashes

    before = curation.decisions[:-1]
    if (not curation.decisions or curation.decisions[-1] is not decision or not before
            or decision.action not in ("add", "reject") or decision.node
            or _may_act_in_resolution(before, decision)
            or text_hashes(store, curation if undoing else Curation(decisions=before)) is None):
        return False
    order = sorted(store.documents(), key=lambda n: (n.get("load_order") or 0, n["id"]))
    sources = (_source(n, text) for n in order if (text := store.document_text(n["id"])) is not None)
    trial = Curation(decisions=curation.decisions)  # its own ``acted``: the file's object stays as it was
    # in this process: what the cache holds is read in 0.5 s, and worker processes took 2.6 s to start and import
    for dg in extract_documents(sources, 1, model, cache):
        curate_document(dg, trial)
        if any(d_id == decision.id for d_id, _ in trial.acted) or any(decision.id in e.curated_by for e in dg.entities):
            return False
    return True
