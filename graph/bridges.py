"""Entity resolution across documents: nodes a new document names as one entity.

:func:`policykg.graph.resolve.resolve_document` gives each entity of a document the first node one of its names
finds.  When the entity's names lead to two nodes, made apart by documents loaded earlier (gwr-2024's
千村示范、万村整治工程 and 浙江's 千万工程, then 四川 writing both for one program), the nodes stay two: joining them
would rewrite the documents already stored, and which document came first decides which node the later ones join.
A load names such pairs so that a researcher can merge them with one curation decision (a walkthrough, session 50:
the first adopter of 千万工程 was a year late because its 2024 mention was on the other node).
"""

from __future__ import annotations

from .names import match_key
from .records import DocumentGraph
from .resolution_keys import generic_part
from .resolution_keys import match_key as resolution_key
from .resolve import EntityIndex

__all__ = ["MIN_KEY", "bridged"]

#: Least characters of a name's match key for it to join two nodes (the index registers no shorter alias).
MIN_KEY = 4


def bridged(dg: DocumentGraph, index: EntityIndex) -> list[tuple[str, str]]:
    """The pairs of nodes one entity of ``dg`` names (its node, another node the index holds one of its names for).

    Args:
        dg: a document graph resolved against ``index`` (every entity has its ``node_id``).
        index: the names of the stored nodes and of the documents resolved so far.

    Not by a generic part of the entity's name, which resolution never looks up (:func:`.resolution_keys.generic_part`):
    the 17th congress report's 乡镇机构改革, which it also calls 机构改革, is no node 机构改革 of other documents.

    Returns:
        ``[(node of the entity, other node)]``, sorted, each pair once; empty when every name of every entity
        leads to its own node.
    """
    pairs: set[tuple[str, str]] = set()
    for e in dg.entities:
        name = resolution_key(e.name)
        for form in e.forms():
            key = match_key(form)
            if generic_part(resolution_key(form), name, e.label):
                continue
            other = index.by_key.get((e.label, key)) if len(key) >= MIN_KEY else None
            # not a name a curation decision took off the node (a detached alias): the node no longer has it
            if other is not None and other != e.node_id and not index.held_name(e.label, key):
                pairs.add((e.node_id, other))
    return sorted(pairs)
