"""Which documents a re-resolution (:func:`policykg.reresolve.reapply`) changed: a document's version written compared
with the stored one it replaces (:func:`changed`), and, for a document whose nodes the joins after the writes moved,
its stored graph after the joins with the one before (:func:`settled`), so that a decision's summary counts the
documents whose graph differs for the researcher, each once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policykg.graph.curation import text_hash
from policykg.graph.schema import PropertyGraph, relationship_digest, unordered_digest
from policykg.graph.store import GraphStore

if TYPE_CHECKING:
    from policykg.reresolve import ReapplyReport

__all__ = ["changed", "rehashed", "said", "settled", "unsure"]


def _same_text(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two versions of a document's source node (their properties) hold the same text (by ``content_hash``,
    its curation digest aside: :func:`policykg.graph.curation.text_hash`)."""
    return text_hash(old.get("content_hash") or "") == text_hash(new.get("content_hash") or "")


def unsure(old: dict[str, Any] | None, new: PropertyGraph) -> bool:
    """Whether the stored version of a document, whose source node is ``old``, was written before session 68 and its
    ``graph_hash`` cannot tell whether ``new`` changes its graph: it has none, or a digest of its relationships' types
    and ends alone (:func:`~policykg.graph.schema.relationship_digest`) that ``new``'s relationships match (then only
    the stored graph tells a mention at other offsets, a fact stated by another sentence).  A new text, or a digest
    that is neither the new one nor its relationships', changes the graph whatever the version (:func:`changed`)."""
    if old is None or not _same_text(old, new.nodes[0].props):
        return False
    stored = old.get("graph_hash") or ""
    return stored != new.nodes[0].props.get("graph_hash") and (not stored or stored == relationship_digest(new))


def said(store: GraphStore, doc_id: str) -> str | None:
    """What the stored version of ``doc_id`` says (:func:`~policykg.graph.schema.unordered_digest` of its graph as the
    store holds it), or ``None`` when it is not stored."""
    stored = store.stored_graph(doc_id)
    return None if stored is None else unordered_digest(stored)


def changed(old: dict[str, Any] | None, new: PropertyGraph, said: str | None = None) -> bool:
    """Whether a document's new version ``new`` says something else than its stored version, whose source node is
    ``old`` (``None`` for a document not stored before, which changes the graph; another text changes it).

    Compared by ``graph_hash`` (:func:`policykg.graph.schema.content_digest`): a mention on another node or at other
    offsets, a fact stated or no longer, counts; the decisions marked on them, their merges and resolution step do not.
    A version written before session 68 carries no such digest (none, or one of its relationships' types and ends
    alone), and a version whose nodes were joined one whose digest is of the joins too (:func:`rehashed`); ``said``,
    what its stored graph says (:func:`said`, read before it was written over: :func:`unsure` and :func:`rehashed`
    tell when), is compared then, with what ``new`` says (:func:`~policykg.graph.schema.unordered_digest`): a
    stored graph without a digest had counted as changed, one whose relationships' ends stayed as unchanged, whatever
    its mentions' offsets (session 69).
    """
    if old is None:
        return True
    after = new.nodes[0].props
    if not _same_text(old, after):  # a load's changed file
        return True
    stored = old.get("graph_hash") or ""
    if stored == after.get("graph_hash"):
        return False
    return said is None or said != unordered_digest(new)


def rehashed(old: dict[str, Any] | None, new: PropertyGraph) -> bool:
    """Whether the stored version of a document (its source node ``old``) has the same text as ``new`` and another
    ``graph_hash``: ``new`` changes its graph, unless the stored one is what joins made of it
    (:func:`policykg.graph.node_moves.joined_hashes`) and the joins after the writes make the same of ``new``."""
    return (old is not None and bool(old.get("graph_hash")) and old.get("graph_hash") != new.nodes[0].props.get("graph_hash")
            and _same_text(old, new.nodes[0].props))


def settled(store: GraphStore, report: ReapplyReport, before: dict[str, dict[str, Any]], said: dict[str, str | None],
            joined: list[str]) -> tuple[list[str], list[str]]:
    """The documents whose graph a re-resolution changed, counting those of ``joined`` (whose nodes the joins after the
    writes moved) by what their stored graph says after the whole re-resolution, not by the version written before the
    joins: a document resolved again apart from the node it had joined, written, then joined again as before, had
    counted as changed (every decision's summary overstated what it changed by the joined documents).

    Args:
        store: the store, the joins made.
        report: the re-resolution's report, its ``changed`` counted by the versions written (:func:`changed`).
        before: document id -> its source node before the re-resolution (missing for a new document).
        said: document id -> what its stored version said before it was written over (:func:`said`), where read.
        joined: ids of the documents whose relationships the joins moved.

    Returns:
        ``(changed, rejoined)``: the ids of the documents whose graph changed, each once, in the order of
        ``report.rewritten`` then ``report.unchanged`` (a document only a join changed is of those); those of
        ``report.rewritten`` written and joined again as they were.
    """
    wanted = set(joined)
    after = {d["id"]: d for d in store.documents() if d["id"] in wanted}
    moved = set(report.changed)
    for doc_id in joined:
        old, new = before.get(doc_id), after.get(doc_id, {})
        if old is None or not _same_text(old, new):
            same = False
        elif old.get("graph_hash") and old.get("graph_hash") == new.get("graph_hash"):
            same = True
        elif said.get(doc_id) is not None:
            stored = store.stored_graph(doc_id)
            same = stored is not None and said[doc_id] == unordered_digest(stored)
        else:  # joined now, not written: its nodes moved
            same = False
        if same:
            moved.discard(doc_id)
        else:
            moved.add(doc_id)
    rewritten = set(report.rewritten)
    return ([d for d in dict.fromkeys([*report.rewritten, *report.unchanged]) if d in moved],
            [d for d in joined if d in rewritten and d not in moved])
