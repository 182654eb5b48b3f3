"""The resolver's index of a store written under a curation, as the curation's own re-resolution keeps it.

A ``load`` of new documents into a store resolves them against the names of the stored nodes
(:meth:`policykg.graph.store.GraphStore.entity_names`).  The store does not say what the curation decisions made of
those nodes, which :func:`policykg.graph.resolve.resolve_document` registered as it resolved the stored documents
(:class:`~policykg.graph.resolve.Forced`): the names a rename or merge gave a node as its own, the shorter forms no
rule may join a retyped node or a detached alias by, and the names a retype or detach took off a node, which still
lead to it so that the decision follows them.  An index built from the names alone gave a later load the rules
without the curation: renamed 国家级开发区, the national 开发区 took no 开发区改革 of a report loaded after the rename,
though the same report loaded with the others joined it (session 61).  :func:`curated_index` registers the stored
names as that re-resolution does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .curation import Curation
from .resolve import EntityIndex
from .schema import node_id

__all__ = ["curated_index"]


@dataclass(frozen=True)
class _Fate:
    """What the decisions made of one node id, as :class:`~policykg.graph.resolve.Forced` says it for its entities.

    Attributes:
        rules: whether other documents' names join it by the rules of shorter forms (false for a retype's or a
            detach's node, true again once renamed).
        own: the names renames and merges gave it as its own.
        held: the id of the node a retype or detach took its entities off, under which their names stay found, with
            the names renames and merges had given it (``held_own``).
        listed: whether it takes its names in the index itself (false for a detached alias).
    """

    rules: bool = True
    own: tuple[str, ...] = ()
    held: str = ""
    held_own: tuple[str, ...] = ()
    listed: bool = True


def _fates(curation: Curation | None) -> dict[str, _Fate]:
    """Node id -> what the decisions of ``curation``, in file order, made of it (the nodes they made only)."""
    fates: dict[str, _Fate] = {}
    for d in curation.decisions if curation is not None else ():
        label, name = d.label or "", d.name or ""
        if d.action in ("merge", "rename"):
            written = d.names if d.action == "merge" else (name, *d.names)
            target = node_id(label, d.canonical or "")
            before = [f for f in (fates.get(target), *(fates.pop(node_id(label, n), None) for n in written
                                                       if node_id(label, n) != target)) if f is not None]
            own = (*(o for f in before for o in f.own), *(d.names if d.action == "merge" else (name,)))
            held = next((f for f in before if f.held), _Fate())
            fates[target] = _Fate(True, own, held.held, held.held_own, all(f.listed for f in before))
        elif d.action == "retype":
            source = fates.pop(node_id(label, name), _Fate())
            fates[node_id(d.to or "", name)] = _Fate(False, (), node_id(label, name), source.own, True)
        elif d.action == "detach":
            source = fates.get(node_id(label, name), _Fate())
            fates[node_id(label, d.alias or "")] = _Fate(False, (), node_id(label, name), source.own, False)
    return fates


def curated_index(entries: Iterable[tuple[str, str, list[str]]], curation: Curation | None) -> EntityIndex:
    """The index a load resolves new documents against: the stored nodes' names, registered as the curation's
    re-resolution of the stored documents registers them (:func:`policykg.reresolve.reapply`).

    Args:
        entries: ``(node id, label, [name, *aliases])`` of every stored entity node
            (:meth:`policykg.graph.store.GraphStore.entity_names`).
        curation: the decisions the store was written under, or ``None`` (then the names alone, as before curation).

    Returns:
        A new :class:`~policykg.graph.entity_index.EntityIndex`.
    """
    fates = _fates(curation)
    index = EntityIndex()
    for nid, label, forms in entries:
        fate = fates.get(nid)
        if fate is None:
            index.add(nid, label, forms)
            continue
        if fate.listed:
            index.add(nid, label, forms, shorter=fate.rules, own=fate.own)
        if fate.held:
            held_label, _, held_name = fate.held.partition(":")
            index.add(fate.held, held_label, list(dict.fromkeys([held_name, *forms])), own=fate.held_own, held=True)
    return index
