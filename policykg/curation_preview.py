"""What a curation decision would change in the store as it is now, counted before it is recorded (``--dry-run``,
``POST /curation/preview/{action}``), what taking one out would change (``curate undo ID --dry-run``), and the
decisions of the file about the same names."""

from __future__ import annotations

from typing import Any

from policykg.errors import CurationError, NotFoundError
from policykg.extraction_cache import ExtractionCache
from policykg.graph.curation import Curation, Decision
from policykg.graph.curation_notes import old_id_note
from policykg.graph.names import match_key, simplified_for_matching, to_simplified
from policykg.graph.schema import FACT_ENDS, node_id
from policykg.graph.store import MAX_NODES, GraphStore

__all__ = ["dropped_relations", "earlier_decisions", "later_decisions", "preview", "undo_preview"]


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

    A reject of a node (``node``) counts the node's mentions, every one and no other, which is what it removes
    (:func:`policykg.graph.curation_apply.forced_node`); a reject of a name the mentions written so, on any node.

    Raises:
        CurationError: a merge, rename, retype, detach or reject of a node names a node the store does not hold, or
            a rename gives the name the node has.
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
    elif decision.action == "reject" and decision.node:  # the mentions the resolution put on the node, every one
        detail = _node(store, decision.label or "", decision.name or "", curation)
        mentions, nodes = detail["mentions"], [detail["node"]["id"]]
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
    (:meth:`~policykg.graph.curation_decision.Decision.describe`): an add of a name a reject took out, a reject of a name a merge
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


def undo_preview(store: GraphStore, curation: Curation, decision_id: str, model: str | None = None, workers: int = 1,
                 cache: ExtractionCache | None = None, progress: bool = False) -> dict[str, Any]:
    """What taking decision ``decision_id`` out of ``curation`` would change in the store, counted as :func:`preview`
    counts a decision (``policykg curate undo ID --dry-run`` had said only which decision would go: a walkthrough,
    session 67); nothing is written.

    Every stored document is resolved again under the other decisions, as the undo would
    (:func:`policykg.reresolve.resolved_again`: as long as the undo takes but for the writes), and its mentions are
    compared with the stored ones: a mention counts when it would move to another node, leave the graph or be added.
    A store not resolved under ``curation`` (a load without it since) counts what a re-application would change too.

    Args:
        store: the store.
        curation: the curation file's decisions (not changed).
        decision_id: the decision's id (``d3``).
        model, workers, cache, progress: as for :func:`policykg.reresolve.reapply`.

    Returns:
        ``{"decision": {...}, "mentions": int, "documents": int, "nodes": [ids], "later": [lines]}``: the mentions
        that would change, the documents holding them, the nodes those the store holds are on now (sorted), and the
        later decisions about its names, which stay in force (:func:`later_decisions`).

    Raises:
        CurationError: no decision has this id (the message names the ids there are).
    """
    from policykg.graph.bridges import bridged
    from policykg.graph.node_joins import planned_joins
    from policykg.reresolve import resolved_again

    decision = curation.get(decision_id)
    if decision is None:
        Curation(decisions=curation.decisions).remove(decision_id)  # raises, naming the ids there are
    assert decision is not None
    now: dict[tuple[str, int, int], set[str]] = {}
    for e in store.iter_edges(["MENTIONS"]):
        for start, end in zip(e.get("starts") or [], e.get("ends") or [], strict=False):
            now.setdefault((e["doc_id"], start, end), set()).add(e["target"])
    after: dict[tuple[str, int, int], set[str]] = {}
    rest = Curation(decisions=[d for d in curation.decisions if d.id != decision_id])
    pairs: list[tuple[str, str, str]] = []  # nodes a document names as one, joined as the undo joins them
    nodes: dict[str, dict[str, Any]] = {}
    for dg, index in resolved_again(store, rest, model, workers=workers, cache=cache, progress=progress):
        pairs += [(a, b, dg.document.id) for a, b in bridged(dg, index, joinable=True)]
        for e in dg.entities:
            nid = e.node_id or node_id(e.label, e.name)
            node = nodes.setdefault(nid, {"label": e.label, "docs": set(), "curated_by": False})
            node["docs"].add(dg.document.id)
            node["curated_by"] = node["curated_by"] or bool(e.curated_by)
            for m in e.mentions:
                after.setdefault((dg.document.id, m.start, m.end), set()).add(nid)
    into = planned_joins(pairs, {n: {**v, "doc_count": len(v["docs"])} for n, v in nodes.items()}, rest).into
    after = {k: {into.get(n, n) for n in v} for k, v in after.items()}
    moved = [k for k in now.keys() | after.keys() if now.get(k) != after.get(k)]
    return {"decision": decision.to_dict(), "mentions": len(moved), "documents": len({k[0] for k in moved}),
            "nodes": sorted({n for k in moved for n in now.get(k, ())}), "later": later_decisions(decision, curation)}
