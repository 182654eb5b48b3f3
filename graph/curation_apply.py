"""Apply curation decisions between extraction and storage: extract -> curate -> resolve -> store.

Decisions act on a document's extracted records before they are written, so
both stores receive the same result by construction:

1. :func:`curate_document` changes the document's entities in file order:
   ``reject`` drops the entity whose canonical name it is, or the mentions
   and alias of that name from other entities; ``retype`` changes a label
   (relations whose ends no longer fit their type are dropped); ``detach``
   splits the alias's mentions into an entity of their own (an alias extracted as an entity of its own, which
   only a merge within the document made an alias, is marked so that merge leaves it apart); ``add`` gives
   every occurrence of the name a mention (with its sentence, section and
   offsets), joining an entity of that name and label or starting one.
2. :func:`forced_node` fixes the node of an entity that a ``merge``,
   ``rename`` or ``detach`` names, during resolution
   (:func:`policykg.graph.resolve.resolve_document`); other entities resolve
   as usual, so variants join the curated node through its names.
3. :func:`curated_resolve` runs both, records the decisions on the relations
   they touched, and versions the document's content hash with the
   curation's fingerprint (so a changed curation rewrites the document).
"""

from __future__ import annotations

import bisect
import dataclasses

from .curation import Curation, Decision, versioned_hash
from .merging import rename_relations
from .names import match_key, simplified_for_matching, to_simplified
from .records import DocumentGraph, Entity, Mention
from .resolve import EntityIndex, Forced, resolve_document
from .schema import FACT_ENDS, node_id

__all__ = ["curate_document", "curated_resolve", "forced_node"]



def _mark(e: Entity, d: Decision) -> None:
    if d.id not in e.curated_by:
        e.curated_by.append(d.id)


def _keys(e: Entity) -> set[str]:
    return {match_key(f) for f in e.forms()}


def _reject(dg: DocumentGraph, d: Decision) -> bool:
    """Drop the entities and mentions named by reject ``d``; return whether any was."""
    keys = {match_key(n) for n in (d.name or "", *d.names)}  # the name, and a node's other names when it was decided
    kept = []
    dropped = False
    for e in dg.entities:
        if d.label is not None and e.label != d.label:
            kept.append(e)
            continue
        if match_key(e.name) in keys:
            dropped = True
            continue  # never an entity; its relations go with it (to_property_graph skips missing ends)
        mentions = [m for m in e.mentions if match_key(m.surface) not in keys]
        aliases = [a for a in e.aliases if match_key(a) not in keys]
        if len(mentions) != len(e.mentions) or len(aliases) != len(e.aliases):
            e.mentions, e.aliases = mentions, aliases
            _mark(e, d)
        if e.mentions:
            kept.append(e)
    dg.entities = kept
    return dropped


def _retype(dg: DocumentGraph, d: Decision, names: set[str]) -> None:
    for e in dg.entities:
        if e.label == d.label and names & _keys(e):
            e.retyped_from.append(e.label)
            rename_relations(dg, e.label, e.name, d.to or e.label, e.name)
            e.label = d.to or e.label
            _mark(e, d)
    dg.relations = [r for r in dg.relations
                    if FACT_ENDS.get(r.type, (r.source_label, r.target_label)) == (r.source_label, r.target_label)]


def _detach(dg: DocumentGraph, d: Decision) -> None:
    k = match_key(d.alias or "")
    out = []
    for e in dg.entities:
        if e.label != d.label or k not in _keys(e):
            out.append(e)
            continue
        if _keys(e) == {k}:  # extracted on its own: marked, so no merge within the document folds it back
            _mark(e, d)
            out.append(e)
            continue
        own = [m for m in e.mentions if match_key(m.surface) == k]
        rest = [m for m in e.mentions if match_key(m.surface) != k]
        forms = [f for f in e.forms() if match_key(f) != k]
        _mark(e, d)
        if rest:
            if match_key(e.name) == k:  # the entity was named after the alias: its other form names it now
                rename_relations(dg, e.label, e.name, e.label, forms[0])
            e.name, e.aliases, e.mentions = forms[0], forms[1:], rest
            out.append(e)
        if own:
            out.append(Entity(e.label, d.alias or "", [], own, curated_by=list(e.curated_by)))
    dg.entities = out


def _add(dg: DocumentGraph, d: Decision, sentences: list[tuple[int, int, str]]) -> None:
    from policykg.loaders.outline import sentences as split

    doc = dg.document
    if not sentences:
        sentences.extend((s.start, s.end, s.text) for s in split(doc.text))
    needle = to_simplified(d.name or "")
    if not needle:
        return
    hay = simplified_for_matching(doc.text)
    starts = [s.start for s in dg.sections]
    sent_starts = [s[0] for s in sentences]
    found: list[Mention] = []
    at = hay.find(needle)
    while at >= 0:
        end = at + len(needle)
        i = bisect.bisect_right(sent_starts, at) - 1
        if i >= 0 and end <= sentences[i][1] and dg.sections:
            s0, _, text = sentences[i]
            sec = dg.sections[max(0, bisect.bisect_right(starts, s0) - 1)]
            found.append(Mention(doc.id, sec.id, at, end, doc.text[at:end], text, s0))
        at = hay.find(needle, at + 1)
    if not found:
        return
    k = match_key(d.name or "")
    e = next((x for x in dg.entities if x.label == d.label and match_key(x.name) == k), None)
    if e is None:
        e = Entity(d.label or "Program", d.name or "")
        dg.entities.append(e)
    have = {(m.start, m.end) for m in e.mentions}
    new = [m for m in found if (m.start, m.end) not in have]
    if new or not e.curated_by:
        e.mentions = sorted(e.mentions + new, key=lambda m: m.start)
        _mark(e, d)


def curate_document(dg: DocumentGraph, curation: Curation) -> DocumentGraph:
    """Apply the entity-level decisions (reject, retype, detach, add) to one extracted document, in file order.

    Args:
        dg: a document graph from the loaders (not yet resolved); changed in place.
        curation: the decisions.

    Returns:
        ``dg`` itself; entities a decision changed list it in ``curated_by``.
    """
    sentences: list[tuple[int, int, str]] = []
    # (label, key) -> the keys of the names earlier renames and merges gave that name: a retype of the renamed
    # entity (rename 红色物业 -> 红色物业服务, then retype 红色物业服务) acts here, before resolution renames it
    earlier: dict[tuple[str, str], set[str]] = {}

    def names(label: str, name: str) -> set[str]:
        key = match_key(name)
        return earlier.get((label, key), set()) | {key}

    for d in curation.decisions:
        if d.action in ("rename", "merge"):
            new = (d.label or "", match_key(d.canonical or ""))
            earlier[new] = set().union(names(d.label or "", d.canonical or ""),
                                       *(names(d.label or "", n) for n in (*d.names, d.name or "") if n))
        if d.action == "reject":
            if _reject(dg, d):
                curation.acted.add((d.id, ""))
        elif d.action == "retype":
            retyped = names(d.label or "", d.name or "") | {match_key(n) for n in d.names}
            _retype(dg, d, retyped)
            moved = (d.to or "", match_key(d.name or ""))
            earlier[moved] = earlier.get(moved, set()) | retyped
        elif d.action == "detach":
            _detach(dg, d)
        elif d.action == "add":
            _add(dg, d, sentences)
    return dg


def forced_node(e: Entity, curation: Curation, ruled: str = "") -> Forced | None:
    """The node a merge, rename, retype or detach decision fixes for entity ``e``, with the reason, or ``None``.

    Decisions fold in file order, so a later one wins and chains compose
    (merge A, B -> C then rename C -> D puts A's entity on ``D``).  A merge or
    rename fires when one of the entity's forms is one of its names, when ``ruled``, the id of the node the resolution
    rules put the entity on, is a node it names (the node it renames or merges, whatever the names the entity has:
    a 新一轮机构改革 makes the node Program:机构改革, which a rename to its alias 新一轮机构改革 had left beside the
    renamed node), or when an earlier decision already put it on that node; a retype on every entity it moved
    (:func:`curate_document`); a detach on an entity whose only name is the detached alias.

    A node a rename or merge names keeps the names it went by and what joined it by them: the names the decisions
    renamed or merged are its own (``own``), and the rules of shorter forms join other documents' names to it
    (``rules``).  A rename of Program:集体经营性建设用地入市改革 to its alias 集体经营性建设用地入市试点 had left the
    集体经营性建设用地入市 of 宁夏 and 广东, which had joined it by ``rule:program-form``, a node of their own.

    Returns:
        ``Forced("<label>:<canonical>", "curated:<decision id>", own names, rules)``, or ``None``.
    """
    keys = _keys(e)
    target: tuple[str, Decision] | None = None
    # the names of the node the decisions so far put the entity on: a later decision naming any of them is about that
    # node (two renames of 国家公务员制度, the second written by hand, had split the node an earlier merge made: the
    # entities of the merged name took the first, those of its own name the second; a curation walkthrough, session 58)
    about: set[str] = set()
    own: tuple[str, ...] = ()  # the names the renames and merges of the chain gave the node
    label, _, name = ruled.partition(":")
    rules_put = match_key(name) if label == e.label and name else None  # the name of the node the rules put it on
    labels = {e.label, *e.retyped_from}  # a rename of the label a later retype took it from still names it
    for d in curation.decisions:
        if d.label not in labels:
            continue
        if d.action in ("merge", "rename"):
            written = d.names if d.action == "merge" else (d.name or "", *d.names)
            names = {match_key(n) for n in written}
            matched = keys & names
            curation.acted.update((d.id, k) for k in matched)
            on_ruled = target is None and d.label == e.label and rules_put in names
            if matched or on_ruled or (target is not None and (target[0] in {node_id(e.label, n) for n in written}
                                                               or about & names)):
                target = (node_id(e.label, d.canonical or ""), d)
                about |= names | {match_key(d.canonical or "")}
                # a merge's names are the node's, a rename's old name too (its other names stay aliases)
                own = (*own, *(d.names if d.action == "merge" else (d.name or "",)))
        elif d.action == "detach" and keys == {match_key(d.alias or "")}:
            target, own = (node_id(e.label, d.alias or ""), d), ()
        elif d.action == "retype" and e.label == d.to and d.id in e.curated_by:
            # every entity the retype moved is the retyped node, whatever the names it had in its document: the merges
            # within a document that joined them there are of their old label (社会发展第六个五年计划 of gwr-1982, one
            # Program with 第六个五年计划, became a Document node of its own: a curation walkthrough, session 58)
            if target is not None:  # the rename or merge that named the node the retype took stays on its record
                _mark(e, target[1])
            target, own = (node_id(e.label, d.name or ""), d), ()
    if target is None:
        return None
    _mark(e, target[1])
    return Forced(target[0], f"curated:{target[1].id}", tuple(dict.fromkeys(own)),
                  rules=target[1].action in ("merge", "rename"))


def curated_resolve(dg: DocumentGraph, index: EntityIndex, curation: Curation | None) -> DocumentGraph:
    """Curate, then resolve one document; the loader's step between extraction and storage.

    Args:
        dg: a document graph from the loaders; changed in place.
        index: the names already resolved (see :func:`policykg.graph.resolve.resolve_document`).
        curation: the decisions, or ``None`` (then exactly :func:`resolve_document`).

    Returns:
        ``dg``, resolved; relations whose ends a decision changed list it in
        ``curated_by``; the document's ``content_hash`` carries the curation's fingerprint.
    """
    if curation is None or not curation.decisions:
        return resolve_document(dg, index)
    curate_document(dg, curation)
    resolve_document(dg, index, lambda e, ruled: forced_node(e, curation, ruled))
    # the node an alias was detached from says so in every document on it, marked after resolution: an entity marked
    # before takes part in no merge within its document, and the 以旧换新 of 内蒙古 left the 消费品以旧换新 it names
    # there for the node 以旧换新 (a walkthrough, session 45: the preview had counted 1 mention, the load moved 3)
    for d in curation.decisions:
        if d.action == "detach":
            left = node_id(d.label or "", d.name or "")
            for e in dg.entities:
                if e.node_id == left:
                    _mark(e, d)
    curation.acted.update((c, "") for e in dg.entities for c in e.curated_by)
    by_name = {(e.label, e.name): e for e in dg.entities}
    for r in dg.relations:
        ends = [by_name.get((r.source_label, r.source)), by_name.get((r.target_label, r.target))]
        r.curated_by = sorted({c for e in ends if e is not None for c in e.curated_by})
    dg.document = dataclasses.replace(dg.document,
                                      content_hash=versioned_hash(dg.document.content_hash, curation.fingerprint))
    return dg
