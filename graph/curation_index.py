"""The resolver's index of a store written under a curation, as the curation's own re-resolution keeps it.

A ``load`` of new documents into a store resolves them against the names of the stored nodes
(:meth:`policykg.graph.store.GraphStore.entity_names`).  The store does not say what the curation decisions made of
those nodes, which :func:`policykg.graph.resolve.resolve_document` registered as it resolved the stored documents
(:class:`~policykg.graph.resolve.Forced`): the names a rename or merge gave a node as its own, the shorter forms no
rule may join a retyped node or a detached alias by, and the names a retype or detach took off a node, which still
lead to it so that the decision follows them.  An index built from the names alone gave a later load the rules
without the curation: renamed 国家级开发区, the national 开发区 took no 开发区改革 of a report loaded after the rename,
though the same report loaded with the others joined it (session 61).  :func:`curated_index` registers the stored
names as that re-resolution does, by the same two functions: :func:`node_fates`, what the decisions made of each node,
which :func:`policykg.graph.curation_apply.forced_node` gives every entity it puts on a node, and
:func:`policykg.graph.resolve.register`, which registers a node's names as its fate says (two readings of the decisions
had agreed on the scenarios tested, not by construction).
"""

from __future__ import annotations

from collections.abc import Iterable

from .curation import Curation
from .resolve import EntityIndex, Forced, register
from .schema import ENTITY_LABELS, node_id

__all__ = ["curated_index", "node_fates"]


def node_fates(curation: Curation | None) -> dict[str, Forced]:
    """Node id -> what the decisions of ``curation``, in file order, made of it, for the nodes they made or rejected.

    Each is the :class:`~policykg.graph.resolve.Forced` (its reason the last decision that made the node) whose
    registration fields say how the index holds the node's names (:func:`policykg.graph.resolve.register`): a merge
    or rename makes a node that takes other documents' names by the rules (``rules``), owns the names merged or
    renamed into it (``own``; a rename's old name is also ``former``) and keeps what the nodes it joins had; a retype
    or detach makes a node no shorter form joins, whose entities' names stay found under the node the decision took
    them off (``held``, with that node's own names ``held_own``; a detached alias is not ``listed``: its entities are
    found through ``held``); a reject of a node (``node``) marks it ``rejected``, and an add of its name after the
    reject gives it back.

    Returns:
        ``{node id: Forced}``; a node no decision made or rejected is not in it.
    """
    fates: dict[str, Forced] = {}
    for d in curation.decisions if curation is not None else ():
        label, name, why = d.label or "", d.name or "", f"curated:{d.id}"
        if d.action in ("merge", "rename"):
            written = d.names if d.action == "merge" else (name, *d.names)
            target = node_id(label, d.canonical or "")
            kept, renamed = fates.get(target), fates.get(node_id(label, name))
            before = [f for f in (kept, *(fates.pop(node_id(label, n), None) for n in written
                                          if node_id(label, n) != target)) if f is not None]
            own = (*(o for f in before for o in f.own), *(d.names if d.action == "merge" else (name,)))
            former = (*(kept.former if kept is not None else ()),
                      *((*(renamed.former if renamed is not None else ()), name) if d.action == "rename" else ()))
            held = next((f for f in before if f.held), Forced(target, why))
            fates[target] = Forced(target, why, tuple(dict.fromkeys(own)), True, False, held.held, held.held_own,
                                   all(f.listed for f in before), tuple(dict.fromkeys(former)))
        elif d.action == "retype":
            source = fates.pop(node_id(label, name), None)
            made = node_id(d.to or "", name)
            fates[made] = Forced(made, why, held=node_id(label, name), held_own=source.own if source else ())
        elif d.action == "detach":
            source = fates.get(node_id(label, name))
            made = node_id(label, d.alias or "")
            fates[made] = Forced(made, why, held=node_id(label, name), held_own=source.own if source else (),
                                 listed=False)
        elif d.action == "reject" and d.node:
            fates[d.node] = fates.get(d.node, Forced(d.node, why, rules=True))._replace(reason=why, rejected=True)
        elif d.action == "add":  # an add after a reject of the node of its name makes the name an entity again
            for lb in (d.label,) if d.label else ENTITY_LABELS:
                nid = node_id(lb, name)
                if fates.get(nid, Forced(nid, "")).rejected:
                    fates[nid] = fates[nid]._replace(rejected=False)
    return fates


def curated_index(entries: Iterable[tuple[str, str, list[str]]], curation: Curation | None) -> EntityIndex:
    """The index a load resolves new documents against: the stored nodes' names, registered as the curation's
    re-resolution of the stored documents registers them (:func:`policykg.reresolve.reapply`).

    A node a reject of the node took out is not stored: the name it had and the names the reject recorded
    (``names``) are registered under it as the re-resolution registers its entities' names, so a document loaded
    later whose entity the rules put on it loses that entity too.  (The re-resolution also registers the names of
    the documents loaded after the reject that only those entities wrote; the store cannot tell them.)

    Args:
        entries: ``(node id, label, [name, *aliases])`` of every stored entity node
            (:meth:`policykg.graph.store.GraphStore.entity_names`).
        curation: the decisions the store was written under, or ``None`` (then the names alone, as before curation).

    Returns:
        A new :class:`~policykg.graph.entity_index.EntityIndex`.
    """
    fates = node_fates(curation)
    index = EntityIndex()
    stored = set()
    for nid, _, forms in entries:
        stored.add(nid)
        register(index, nid, forms, fates.get(nid))
    for d in curation.decisions if curation is not None else ():
        fate = fates.get(d.node or "")
        if d.action == "reject" and fate is not None and fate.rejected and d.node not in stored:
            register(index, d.node or "", [d.name or "", *d.names], fate)
    return index
