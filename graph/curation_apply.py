"""Apply curation decisions between extraction and storage: extract -> curate -> resolve -> store.

Decisions act on a document's extracted records before they are written, so
both stores receive the same result by construction:

1. :func:`curate_document` applies the decisions about names, in file order:
   ``reject`` of a name drops the entity whose canonical name it is, or the mentions
   and alias of that name from other entities; ``add`` gives
   every occurrence of the name a mention (with its sentence, section and
   offsets), joining an entity of that name and label or starting one.
2. :func:`forced_node` applies the decisions about a node during resolution
   (:func:`policykg.graph.resolve.resolve_document`), to the entities the rules put on that node, whatever
   names other nodes hold as aliases: ``merge`` and ``rename`` fix the node they make, ``retype`` changes the
   label (relations whose ends no longer fit their type are dropped), ``detach`` splits the alias's mentions
   into an entity of their own, ``reject`` of a node (``node``) takes its entities out; other entities resolve as
   usual, so variants join the curated node through its names.
3. :func:`curated_resolve` runs both, records the decisions on the relations
   they touched, and marks the document's content hash as curated (``+<fingerprint>``; the hash written is
   the text's and a digest of what the document writes, :func:`policykg.graph.schema.to_property_graph`, so a
   changed curation rewrites the documents it changes).
"""

from __future__ import annotations

import bisect
import dataclasses

from .curation import Curation, Decision, versioned_hash
from .curation_index import node_fates
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
    """Apply the decisions about names (reject, add) to one extracted document, in file order.

    The decisions about a node (merge, rename, retype, detach, a reject of a node, and a reject of the name of the node
    a retype or rename made) act during resolution, on the entities the rules put on that node (:func:`forced_node`):
    a name another node holds as an alias is not theirs.

    Args:
        dg: a document graph from the loaders (not yet resolved); changed in place.
        curation: the decisions.

    Returns:
        ``dg`` itself; entities a decision changed list it in ``curated_by``.
    """
    sentences: list[tuple[int, int, str]] = []
    for d in curation.decisions:
        if d.action == "reject" and not d.node:  # a reject of a node acts during resolution (forced_node)
            if _reject(dg, d):
                curation.acted.add((d.id, ""))
        elif d.action == "add":
            _add(dg, d, sentences)
    return dg


@dataclasses.dataclass
class _Place:
    """Where the decisions, in file order, leave one entity (:func:`_walk`).

    Where it is, not how the index registers that node's names, which is the node's, the same for every entity on
    it (:func:`.curation_index.node_fates`).

    Attributes:
        node: the node id it is on (the node the rules put it on, then each decision's).
        about: match keys of the names of that node along the way (the names the decisions gave it, its old names).
        by: the last decision that moved it, or ``None`` (the rules placed it).
        applied: the decisions that acted on it, in order; ``splits`` the detaches that take an alias off it;
        ``rejected`` the reject that took it out.
    """

    node: str
    about: set[str]
    by: Decision | None = None
    applied: list[Decision] = dataclasses.field(default_factory=list)
    splits: list[Decision] = dataclasses.field(default_factory=list)
    rejected: Decision | None = None

    @property
    def label(self) -> str:
        """The label of the node it is on."""
        return self.node.partition(":")[0]

    def move(self, d: Decision, node: str) -> None:
        """Put it on ``node`` by decision ``d``."""
        self.node, self.by = node, d
        self.applied.append(d)


def _walk(e: Entity, curation: Curation, ruled: str) -> _Place:
    """Follow the node the rules put ``e`` on (``ruled``) through the decisions, in file order.

    A decision about a node acts on the entity when it is on that node: when the name of the node the rules or the
    decisions before put it on is one of the names the decision gives (the node's own name, or the other names
    ``names`` records, a renamed node's old name), or, for a merge or rename, when the rules put it on the node the
    decision makes by one of the names the decision names (the renamed node holds its old name: Program:新一轮机构改革
    takes a later report's 机构改革).  A name the entity writes only as an alias is not enough: 浙江's 政府机构改革, which
    holds 机构改革 as an alias within the report, is no entity of Program:机构改革 (a rename of it took 浙江's node with it:
    session 61).
    """
    keys = _keys(e)
    place = _Place(ruled, {match_key(ruled.partition(":")[2])})
    undone = _undone(e, curation)
    for d in curation.decisions:
        if d.label is not None and d.label != place.label:
            continue
        if d.action in ("merge", "rename"):
            written = d.names if d.action == "merge" else (d.name or "", *d.names)
            names = {match_key(n) for n in written}
            made = node_id(place.label, d.canonical or "")
            if place.about & names or (place.node == made and keys & names):
                curation.acted.update((d.id, k) for k in (place.about | keys) & names)
                place.move(d, made)
                place.about |= names | {match_key(d.canonical or "")}
        elif d.action == "retype" and place.about & {match_key(n) for n in (d.name or "", *d.names)}:
            # the whole entity, whatever names it had in its document under the old label (社会发展第六个五年计划 of gwr-1982,
            # one Program with 第六个五年计划, had become a Document node of its own: a walkthrough, session 58)
            place.move(d, node_id(d.to or "", d.name or ""))
        elif d.action == "detach":
            alias = match_key(d.alias or "")
            if match_key(d.name or "") in place.about and alias in keys:  # on the node the alias leaves
                if keys == {alias}:
                    place.move(d, node_id(place.label, d.alias or ""))
                    place.about = {alias}
                else:
                    place.splits.append(d)
                    place.applied.append(d)
            elif keys == {alias} and (d.id in e.curated_by or place.node == node_id(place.label, d.alias or "")):
                # the part a detach split off, or an alias alone that the rules put on the node the detach made
                place.move(d, node_id(place.label, d.alias or ""))
                place.about = {alias}
        elif (d.action == "reject" and (d.node or place.by is not None) and d.id not in undone
              and place.about & {match_key(n) for n in (d.name or "", *d.names)}):
            # a reject of the node, or of the name of a node a retype or rename made (a reject of a name acts on the
            # names as extracted otherwise: curate_document)
            place.rejected = d
            break
    return place


def _undone(e: Entity, curation: Curation) -> set[str]:
    """The ids of the rejects of a node that an ``add`` after them, which made or grew ``e``, takes back for ``e``."""
    out: set[str] = set()
    for k, d in enumerate(curation.decisions):
        if d.action == "reject" and d.node:
            later = curation.decisions[k + 1:]
            if any(a.action == "add" and a.id in e.curated_by and node_id(d.label or "", a.name or "") == d.node
                   for a in later):
                out.add(d.id)
    return out


def _split(dg: DocumentGraph, e: Entity, d: Decision) -> None:
    """Take the detached alias of ``d`` off ``e``: its mentions become an entity of their own, appended to ``dg``."""
    k = match_key(d.alias or "")
    own = [m for m in e.mentions if match_key(m.surface) == k]
    rest = [m for m in e.mentions if match_key(m.surface) != k]
    forms = [f for f in e.forms() if match_key(f) != k]
    if not rest:  # every mention is the alias: the entity is the alias (its other forms unwritten here)
        forms, rest, own = [d.alias or "", *forms], own, []
    if match_key(e.name) == k and forms[0] != e.name:  # the entity was named after the alias: its other form names it now
        rename_relations(dg, e.label, e.name, e.label, forms[0])
    e.name, e.aliases, e.mentions = forms[0], forms[1:], rest
    e.merged = {f: why for f, why in e.merged.items() if match_key(f) != k}
    if own:
        dg.entities.append(Entity(e.label, d.alias or "", [], own, curated_by=[d.id]))


def forced_node(e: Entity, curation: Curation, ruled: str = "", dg: DocumentGraph | None = None,
                fates: dict[str, Forced] | None = None) -> Forced | None:
    """The node the decisions fix for entity ``e``, with the reason, or ``None``; ``e`` changed as they say.

    Decisions fold in file order, so a later one wins and chains compose (merge A, B -> C then rename C -> D puts A's
    entity on ``D``; rename, then retype the renamed node).  Each acts on the entity when it is on the node the
    decision is about (:func:`_walk`), starting from ``ruled``, the id of the node the resolution rules put it on: a
    merge or rename puts it on the node it makes, a retype gives it the new label (its relations follow; those the
    new label does not allow are dropped by :func:`curated_resolve`), a detach takes the alias off it (the alias's
    mentions become an entity of their own, appended to ``dg.entities``) or, when the alias is all it is, puts it on
    the alias's node, and a reject of its node (or of the name of a node a retype or rename made) takes it out.

    How the index registers the names of the node it ends on is that node's fate (:func:`.curation_index.node_fates`),
    as a later load's index registers the stored node (:func:`.curation_index.curated_index`): a node a rename or
    merge names keeps the names it went by and what joined it by them (a rename of Program:集体经营性建设用地入市改革 to
    its alias 集体经营性建设用地入市试点 had left the 集体经营性建设用地入市 of 宁夏 and 广东, which had joined it by
    ``rule:program-form``, a node of their own), a rejected node the names of the entities it took out.

    Args:
        e: an entity of ``dg`` being resolved.
        curation: the decisions.
        ruled: the node the rules put ``e`` on (a new node's id when none holds its names).
        dg: its document graph (``None``: a detach's alias is not split off, a retype's relations are not renamed).
        fates: ``node_fates(curation)``, when the caller keeps it (computed otherwise).

    Returns:
        The node's :class:`Forced` with the reason ``curated:<decision id>`` of the decision that moved ``e`` (with
        ``rejected`` for a reject), or ``None`` when no decision moves it.
    """
    place = _walk(e, curation, ruled or node_id(e.label, e.name))
    fates = node_fates(curation) if fates is None else fates
    for d in place.applied:
        _mark(e, d)
    if place.rejected is not None:
        d = place.rejected
        curation.acted.add((d.id, ""))
        if d.node:  # registered under the node rejected, so the entities the rules put on it later leave too
            return fates.get(d.node, Forced(d.node, "", rules=True))._replace(reason=f"curated:{d.id}", rejected=True)
        return Forced(place.node, f"curated:{d.id}", rejected=True, listed=False)  # as before: no names registered
    label = place.label
    if label != e.label:  # retyped
        if dg is not None:
            rename_relations(dg, e.label, e.name, label, e.name)
        e.retyped_from.append(e.label)
        e.label = label
    for d in place.splits:
        if dg is not None:
            _split(dg, e, d)
    if place.by is None:
        return None
    return fates.get(place.node, Forced(place.node, "", rules=True))._replace(reason=f"curated:{place.by.id}",
                                                                             rejected=False)


def curated_resolve(dg: DocumentGraph, index: EntityIndex, curation: Curation | None) -> DocumentGraph:
    """Curate, then resolve one document; the loader's step between extraction and storage.

    Args:
        dg: a document graph from the loaders; changed in place.
        index: the names already resolved (see :func:`policykg.graph.resolve.resolve_document`).
        curation: the decisions, or ``None`` (then exactly :func:`resolve_document`).

    Returns:
        ``dg``, resolved; relations whose ends a decision changed list it in
        ``curated_by``; the document's ``content_hash`` carries the curation's fingerprint (which
        :func:`policykg.graph.schema.to_property_graph` writes as a digest of the document's graph).
    """
    if curation is None or not curation.decisions:
        return resolve_document(dg, index)
    curate_document(dg, curation)
    fates = node_fates(curation)
    resolve_document(dg, index, lambda e, ruled: forced_node(e, curation, ruled, dg, fates))
    # a retype's new label allows fewer relations (a Goal leads nothing): those its ends no longer fit leave
    dg.relations = [r for r in dg.relations
                    if FACT_ENDS.get(r.type, (r.source_label, r.target_label)) == (r.source_label, r.target_label)]
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
