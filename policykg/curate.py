"""Curation as a researcher uses it: decide, preview, re-apply to what is stored.

The decisions live in the curation file (:mod:`policykg.graph.curation`) and
act between extraction and storage (:mod:`policykg.graph.curation_apply`).
:func:`reapply` rewrites every stored document from its stored text under
the current decisions, re-resolving from an empty index in document-id
order, so the store then holds what a fresh load of its documents would; it
is what ``policykg curate apply`` runs and what a load does first when the
store was written under other decisions.  :func:`decide` records a decision
and re-applies; :func:`preview` counts the mentions a decision would change.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from policykg.errors import CurationError, NotFoundError
from policykg.extraction_cache import ExtractionCache
from policykg.graph.bridges import bridged
from policykg.graph.curation import Curation, Decision, make_decision, text_hash, versioned_hash
from policykg.graph.curation_apply import curated_resolve
from policykg.graph.curation_notes import old_id_note
from policykg.graph.memory import paused_gc
from policykg.graph.names import match_key, simplified_for_matching, to_simplified
from policykg.graph.records import DocumentGraph, SourceDocument
from policykg.graph.resolve import EntityIndex
from policykg.graph.schema import FACT_ENDS, node_id, to_property_graph
from policykg.graph.store import MAX_NODES, GraphStore

from .curation_input import decision_fields

__all__ = ["ReapplyReport", "decide", "decision_fields", "earlier_decisions", "later_decisions", "preview", "reapply",
           "text_hashes", "undo"]


@dataclass
class ReapplyReport:
    """What :func:`reapply` did: documents rewritten and unchanged, seconds."""

    rewritten: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: decisions that changed nothing in any document, or merged a name no entity has (``d9 merge … : 两重x``)
    idle: list[str] = field(default_factory=list)
    #: the documents of ``replacing`` as resolved and written (:func:`reapply`)
    replacements: list[DocumentGraph] = field(default_factory=list)
    #: ``(node, other node, document)`` a document of ``replacing`` names as one entity (:mod:`policykg.graph.bridges`)
    bridges: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal, and a warning line per idle decision."""
        return "\n".join([f"re-applied the curation to {len(self.rewritten) + len(self.unchanged)} documents: "
                          f"{len(self.rewritten)} rewritten, {len(self.unchanged)} unchanged ({self.seconds:.1f} s)"]
                         + [f"  warning: {line} (check the names in the curation file)" for line in self.idle])


def text_hashes(store: GraphStore, curation: Curation) -> dict[str, str] | None:
    """Stored documents' text hashes when all were written under ``curation``; ``None`` when one was not.

    Returns:
        document id -> SHA-256 of its text (the loader's "unchanged" test), or ``None``.
    """
    fp = curation.fingerprint
    out = {}
    for d in store.documents():
        stored = d.get("content_hash") or ""
        if stored != versioned_hash(text_hash(stored), fp):
            return None
        out[d["id"]] = text_hash(stored)
    return out


def _source(node: dict[str, Any], text: str) -> SourceDocument:
    """The :class:`SourceDocument` a stored source node and its text came from."""
    return SourceDocument(id=node["id"], file_name=node.get("file_name") or node["id"], title=node.get("title") or "",
                          year=node.get("year"), place=node.get("place"), char_count=len(text),
                          content_hash=text_hash(node.get("content_hash") or ""), text=text,
                          encoding=node.get("encoding") or "utf-8", level=node.get("level"),
                          load_order=node.get("load_order"), folder_key=node.get("folder_key"))


def reapply(store: GraphStore, curation: Curation, model: str | None = None, force: bool = False,
            without: str | None = None, workers: int = 1,
            replacing: dict[str, SourceDocument] | None = None, cache: ExtractionCache | None = None,
            progress: bool = False) -> ReapplyReport:
    """Rewrite every stored document under ``curation``: extract from the stored text, curate, resolve, write.

    Documents are taken in the order they were first loaded (``load_order``; a store
    written before that property, in id order) and resolved against an empty index, so
    the result equals a fresh load of the same documents in that order, and a
    decision changes no node it does not decide about; a document whose stored
    version already equals the new one is not written again.

    Args:
        store: the store (either backend).
        curation: the decisions to apply.
        model: tagger model path (``None``: the shipped model; ``""``: the rules alone).
        force: rewrite every document, also one whose stored version has the content hash of the new one (its
            entities resolved anew without a document: :func:`delete`).
        without: a document id left out: neither resolved nor rewritten, and no other resolved against it.
        workers: processes extracting the stored texts (:func:`policykg.ingest.extract_documents`; resolution and
            writes stay in this process, in load order).
        replacing: stored document id -> a new version of it (a load's changed file), read in its place, in its
            load order; the first of them is written after every other document: stopped before then, the store
            still holds its old version, so loading the files again resolves the store again
            (:func:`policykg.ingest.load_paths`).  One is held back, not all: a reload of thousands of changed files
            would hold them all in memory.
        cache: what extraction made of a stored text before (:mod:`policykg.extraction_cache`), read instead of
            extracting it again, and where a text extracted anew is kept; ``None``: every text is extracted.
        progress: show a progress bar on stderr (documents resolved again; a load's re-resolution ran 25 s without a
            word: a walkthrough, session 59).

    Raises:
        StoreError: a write failed (documents written before it stay written, each whole).
    """
    from policykg.ingest import extract_documents

    t0 = time.perf_counter()
    report = ReapplyReport()
    index = EntityIndex()
    curation.acted.clear()
    batch = max(1, int(getattr(store, "write_batch", 1)))
    pending: list[tuple[Any, str]] = []

    def flush() -> None:
        for (pg, _), written in zip(pending, store.upsert_documents(pending, force), strict=True):
            (report.rewritten if written else report.unchanged).append(pg.doc_id)
        pending.clear()

    stored = store.documents()
    order = [n for n in sorted(stored, key=lambda n: (n.get("load_order") or 0, n["id"])) if n["id"] != without]
    replacing = replacing or {}
    held: list[DocumentGraph] = []  # the first replacement, written last

    def sources() -> Iterator[SourceDocument]:  # read as the workers ask for them, a few ahead of the loop below
        for n in order:
            if n["id"] in replacing:
                yield replacing[n["id"]]
            elif (text := store.document_text(n["id"])) is not None:
                yield _source(n, text)

    bar = tqdm(total=len(order), unit="doc", desc="resolving again", disable=not progress, dynamic_ncols=True, leave=False)
    with paused_gc(), bar:
        for built in extract_documents(sources(), workers, model, cache):
            bar.update(1)
            dg = curated_resolve(built, index, curation)
            dg.document = _versioned(dg.document, curation)
            if dg.document.id in replacing:
                report.replacements.append(dg)
                report.bridges += [(a, b, dg.document.id) for a, b in bridged(dg, index)]
                if not held:
                    held.append(dg)
                    continue
            pending.append((to_property_graph(dg), dg.document.text))  # its own text: the reading runs ahead
            if len(pending) >= batch:
                flush()
        pending += [(to_property_graph(dg), dg.document.text) for dg in held]  # after all the others
        if pending:
            flush()
    report.idle = _idle(curation) if stored else []
    report.seconds = time.perf_counter() - t0
    return report


def depends_on(store: GraphStore, doc_id: str) -> bool:
    """Whether deleting document ``doc_id`` can change how the other documents' entities were resolved: a document
    was loaded after it (each is resolved against those before it; its names may have named a node, joined two
    forms, or drawn a fuzzy match away from another node).

    Raises:
        NotFoundError: no such document.
    """
    stored = {d["id"]: d.get("load_order") or 0 for d in store.documents()}
    if doc_id not in stored:
        store.document(doc_id)  # raises NotFoundError, saying so when doc_id is a cited document
    return any(order > stored[doc_id] for order in stored.values())


def delete(store: GraphStore, doc_id: str, curation: Curation, model: str | None = None, workers: int = 1,
           cache: ExtractionCache | None = None, progress: bool = False) -> ReapplyReport | None:
    """Delete document ``doc_id`` so that the store equals a fresh load of the other documents in their load order.

    When a document was loaded after it (:func:`depends_on`), the others are first resolved again without it, each
    extracted again from its stored text and rewritten (so this takes about as long as loading them), and the
    document is deleted last: a node it named is named by the next document, two forms only it joined are two
    nodes again.  Stopped before the end, the document is still there and the same call finishes the work.
    ``cache``: what extraction made of the stored texts before, ``progress`` a bar on stderr (:func:`reapply`).

    Returns:
        The re-application's report, or ``None`` when no document was loaded after it.

    Raises:
        NotFoundError: no such document.
        StoreError: a write failed (documents rewritten before it stay written, each whole; the document stays).
    """
    report = (reapply(store, curation, model=model, force=True, without=doc_id, workers=workers, cache=cache,
                      progress=progress)
              if depends_on(store, doc_id) else None)
    store.delete_document(doc_id)
    return report


def _idle(curation: Curation) -> list[str]:
    """One line per decision that acted on no document of the store, or a merge with a name no entity has
    (a hand-edited decision with a typo was applied without a word)."""
    out = []
    for d in curation.decisions:
        keys = {k for i, k in curation.acted if i == d.id}
        if not keys:
            out.append(f"{d.describe()}: changed nothing in any document")
        elif d.action == "merge":
            missing = [n for n in d.names if match_key(n) not in keys and match_key(n) != match_key(d.canonical or "")]
            if missing:
                out.append(f"{d.describe()}: no entity has the name {'、'.join(missing)}")
    return out


def _versioned(doc: SourceDocument, curation: Curation) -> SourceDocument:
    """``doc`` with the content hash a document written under ``curation`` carries (also without decisions)."""
    import dataclasses

    return dataclasses.replace(doc, content_hash=versioned_hash(text_hash(doc.content_hash), curation.fingerprint))


def _node(store: GraphStore, label: str, name: str, curation: Curation | None) -> dict[str, Any]:
    try:
        return store.get_node(node_id(label, name))
    except NotFoundError as exc:
        raise CurationError(f"no {label} named {name!r} in the store{old_id_note(curation, node_id(label, name))}") from exc


def dropped_relations(store: GraphStore, node: str, to: str) -> dict[str, int]:
    """The fact relationships of ``node`` a retype to the label ``to`` drops, counted by type.

    A relationship whose ends the new label breaks (:data:`~policykg.graph.schema.FACT_ENDS`: a Program
    retyped as a Goal can no longer be LED by a Body nor SERVE a Goal) leaves the graph when the retype is
    applied; relationships are counted per document, as the stores keep them.

    Returns:
        ``{relationship type: count}``, without types of which none is dropped (``{}`` when none is).
    """
    out: dict[str, int] = {}
    for e in store.neighbourhood(node, 1, types=list(FACT_ENDS), limit=MAX_NODES).edges:
        ends = tuple(to if e[k] == node else e[k].partition(":")[0] for k in ("source", "target"))  # ids are Label:name
        if e["type"] in FACT_ENDS and ends != FACT_ENDS[e["type"]]:
            out[e["type"]] = out.get(e["type"], 0) + 1
    return out


def preview(store: GraphStore, decision: Decision, curation: Curation | None = None) -> dict[str, Any]:
    """How many mentions a decision changes in the store as it is now (before it is applied); ``curation``, the
    decisions already taken, names the one that took away an id the decision names.

    Returns:
        ``{"decision": {...}, "mentions": int, "documents": int, "nodes": [ids], "earlier": [lines]}``: the
        mentions that move to another node, leave the graph or are added, the
        documents holding them, the nodes they belong to now, and the decisions of ``curation`` about its names
        (:func:`earlier_decisions`); a merge or rename also gives ``"ends_on": id``, the
        node they all end on (the API's preview had no word of it: session 51); a rename or retype onto the id of an
        entity the store holds also gives ``"merges_into": id`` (the two become one); a retype also gives
        ``"relations_dropped": {type: count}``, the relationships its new label does not allow
        (:func:`dropped_relations`).

    Raises:
        CurationError: a merge, rename, retype or detach names a node the store does not hold, or a rename
            gives the name the node has.
    """
    mentions: list[dict[str, Any]] = []
    nodes: list[str] = []
    if decision.action in ("merge", "rename", "retype"):
        names = decision.names if decision.action == "merge" else (decision.name or "",)
        for n in names:
            detail = _node(store, decision.label or "", n, curation)
            if decision.action != "merge" or detail["node"]["id"] != node_id(decision.label or "", decision.canonical or ""):
                mentions += detail["mentions"]
                nodes.append(detail["node"]["id"])
    elif decision.action == "detach":
        detail = _node(store, decision.label or "", decision.name or "", curation)
        k = match_key(decision.alias or "")
        if k not in {match_key(f) for f in [detail["node"]["name"], *detail["node"].get("aliases", [])]}:
            raise CurationError(f"{decision.alias!r} is not an alias of {detail['node']['id']}")
        if k == match_key(detail["node"]["name"]):  # it would move every mention and rename the node (session 51)
            raise CurationError(f"{decision.alias!r} is {detail['node']['id']}'s own name as names compare (marks, script, a "
                                f"closing 建设/创建/工作 aside): no detach splits them; curate rename names the node so")
        mentions = [m for m in detail["mentions"] if match_key(m["surface"]) == k]
        nodes.append(detail["node"]["id"])
    elif decision.action == "reject":
        keys = {match_key(n) for n in (decision.name or "", *decision.names)}
        seen: set[str] = set()
        for n in (decision.name or "", *decision.names):
            for hit in store.search(to_simplified(n), decision.label, 200):
                if hit["id"] in seen or not keys & {match_key(f) for f in [hit["name"], *hit.get("aliases", [])]}:
                    continue
                seen.add(hit["id"])
                detail = store.get_node(hit["id"])
                # the mentions written so: the reject acts on the names as extracted, before a document's merges (a
                # node counted whole gave 12 mentions for the 7 a reject of 开发区 took over the 2025 reports, whose
                # 开发区改革 and 国家级开发区 had joined it)
                mentions += [m for m in detail["mentions"] if match_key(m["surface"]) in keys]
                nodes.append(hit["id"])
    else:  # add: occurrences of the name that are not yet a mention of that name
        needle = to_simplified(decision.name or "")
        existing: set[tuple[str, int]] = set()
        nid = node_id(decision.label or "", decision.name or "")
        try:
            existing = {(m["doc_id"], m["start"]) for m in store.get_node(nid)["mentions"]}
            nodes.append(nid)
        except NotFoundError:
            pass
        for d in store.documents():
            hay = simplified_for_matching(store.document_text(d["id"]) or "")
            at = hay.find(needle)
            while at >= 0 and needle:
                if (d["id"], at) not in existing:
                    mentions.append({"doc_id": d["id"], "start": at})
                at = hay.find(needle, at + 1)
    out = {"decision": decision.to_dict(), "mentions": len(mentions),
           "documents": len({m["doc_id"] for m in mentions}), "nodes": nodes,
           "earlier": earlier_decisions(decision, curation)}
    if decision.action in ("merge", "rename") and decision.canonical:  # the node the entities end on
        out["ends_on"] = node_id(decision.label or "", decision.canonical)
    if decision.action in ("rename", "retype"):
        old = node_id(decision.label or "", decision.name or "")
        new = node_id(decision.to or decision.label or "", decision.canonical or decision.name or "")
        if new == old:
            raise CurationError(f"{old} is already named {decision.canonical!r}")
        if decision.action == "retype":
            out["relations_dropped"] = {}
            for nid in nodes:
                for t, n in dropped_relations(store, nid, decision.to or "").items():
                    out["relations_dropped"][t] = out["relations_dropped"].get(t, 0) + n
        try:
            store.get_node(new)
            out["merges_into"] = new  # that entity exists: its mentions and these become one
        except NotFoundError:
            pass
    return out


def earlier_decisions(decision: Decision, curation: Curation | None) -> list[str]:
    """The decisions of ``curation`` about a name ``decision`` writes, of its label (or of any label), described
    (:meth:`~policykg.graph.curation.Decision.describe`): an add of a name a reject took out, a reject of a name a merge
    made, the same decision twice had been recorded without a word (a walkthrough, session 58).  Names compare by
    :func:`~policykg.graph.names.match_key`."""
    if curation is None:
        return []
    keys = {match_key(f) for f in decision.forms()}
    labels = {decision.label, decision.to} - {None}
    return [d.describe() for d in curation.decisions
            if keys & {match_key(f) for f in d.forms()} and (not labels or d.label is None or labels & {d.label, d.to})]


def later_decisions(decision: Decision, curation: Curation) -> list[str]:
    """The decisions of ``curation`` after ``decision`` about a name it writes, described: what may rest on it (a
    retype of the node a rename named), which an undo leaves in force (a curation walkthrough, session 58: undoing a
    rename left the retype of the renamed node in force without a word).  Compared as :func:`earlier_decisions`."""
    after = curation.decisions[next((k for k, d in enumerate(curation.decisions) if d.id == decision.id), 0) + 1:]
    return earlier_decisions(decision, Curation(decisions=after))


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

    Returns:
        ``(decision as stored, preview before applying, re-apply report)``.

    Raises:
        CurationError: the decision is malformed or names a node that is not there;
            nothing is written then.
    """
    draft = make_decision({**{k: v for k, v in raw.items() if v not in (None, "", [])}, "id": "new"}, "the decision")
    counted = preview(store, draft, curation)
    decision = curation.add(raw)
    return decision, counted, reapply(store, curation, model=model, workers=workers, cache=cache, progress=progress)


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

    Returns:
        ``(the decision removed, re-apply report)``.

    Raises:
        CurationError: no decision has this id, or the file cannot be written; nothing is changed then.
        StoreError: a write failed (documents written before it stay written, each whole; ``policykg curate apply``
            finishes the re-application).
    """
    decision = curation.remove(decision_id)
    return decision, reapply(store, curation, model=model, workers=workers, cache=cache, progress=progress)
