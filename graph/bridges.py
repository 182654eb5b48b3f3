"""Entity resolution across documents: nodes a new document names as one entity.

:func:`policykg.graph.resolve.resolve_document` gives each entity of a document the first node one of its names
finds.  When the entity's names lead to two nodes, made apart by documents loaded earlier (gwr-2024's
千村示范、万村整治工程 and 浙江's 千万工程, then 四川 writing both for one program), the nodes stay two: joining them
would rewrite the documents already stored, and which document came first decides which node the later ones join.
A load named such pairs so that a researcher could merge them with one curation decision (a walkthrough, session 50:
the first adopter of 千万工程 was a year late because its 2024 mention was on the other node); since session 67 it joins
those named by a name resolution looks up (``joinable``: :mod:`.node_joins`) and lists the others.
"""

from __future__ import annotations

from .names import match_key
from .places import place_instance
from .records import DocumentGraph
from .resolution_keys import generic_part, narrows
from .resolution_keys import match_key as resolution_key
from .resolve import EntityIndex
from .sectors import sector_instance

__all__ = ["MIN_KEY", "bridged", "bridged_pairs"]

#: Least characters of a name's match key for it to join two nodes (the index registers no shorter alias).
MIN_KEY = 4


def bridged(dg: DocumentGraph, index: EntityIndex, joinable: bool = False) -> list[tuple[str, str]]:
    """The pairs of nodes one entity of ``dg`` names (its node, another node the index holds one of its names for).

    Args:
        dg: a document graph resolved against ``index`` (every entity has its ``node_id``).
        index: the names of the stored nodes and of the documents resolved so far.
        joinable: only by a name resolution looks up for the entity beside its others, the pairs a load joins
            (:mod:`.node_joins`): not a Program's or Goal's name after a place (广西自贸试验区's 自贸试验区:
            :func:`.places.place_instance`), a Program's for a sector (:func:`.sectors.sector_instance`), nor a part the
            entity's name narrows (政府机构改革's 机构改革: :func:`.resolution_keys.narrows`), which
            :meth:`EntityIndex.lookup` takes only when no other name finds a node, so that loaded first the document
            makes no node the other documents' such names join either.

    Not by a generic part of the entity's name, which resolution never looks up (:func:`.resolution_keys.generic_part`):
    the 17th congress report's 乡镇机构改革, which it also calls 机构改革, is no node 机构改革 of other documents.

    Returns:
        ``[(node of the entity, other node)]``, sorted, each pair once; empty when every name of every entity
        leads to its own node.
    """
    return bridged_pairs(dg, index)[1 if joinable else 0]


def bridged_pairs(dg: DocumentGraph, index: EntityIndex) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """:func:`bridged` of ``dg`` without and with ``joinable`` at once, in one pass over its entities' forms: a load
    asks for both of every document.

    A form's node is looked up first: most forms lead to their own entity's node, and the tests on names (pure
    functions of the names) are asked only of a form that leads to another node, so the pairs are those
    :func:`bridged` gives.

    Returns:
        ``(pairs, joinable pairs)``, each sorted, each pair once; the second a subset of the first.
    """
    pairs: set[tuple[str, str]] = set()
    joinable: set[tuple[str, str]] = set()
    for e in dg.entities:
        name = None
        for form in e.forms():
            key = match_key(form)
            other = index.by_key.get((e.label, key)) if len(key) >= MIN_KEY else None
            # not a name a curation decision took off the node (a detached alias): the node no longer has it
            if other is None or other == e.node_id or index.held_name(e.label, key):
                continue
            name = resolution_key(e.name) if name is None else name
            form_key = resolution_key(form)
            if generic_part(form_key, name, e.label):
                continue
            pairs.add((e.node_id, other))
            if not _apart(form_key, name, e.label):
                joinable.add((e.node_id, other))
    return sorted(pairs), sorted(joinable)


def _apart(key: str, name: str, label: str) -> bool:
    """Whether the form of match key ``key`` of an entity named ``name`` is one resolution does not look up beside the
    entity's other names (:func:`bridged` with ``joinable``)."""
    if key == name or label == "Body":
        return False
    return (place_instance(name, key) or (label == "Program" and sector_instance(name, key))
            or narrows(key, name, label))
