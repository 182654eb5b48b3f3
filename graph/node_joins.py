"""Nodes a later document shows are one entity, joined in the store whatever the order the documents came in.

Resolution gives each entity of a new document the first node one of its names finds
(:func:`policykg.graph.resolve.resolve_document`).  When an entity's names lead to two stored nodes
(:func:`policykg.graph.bridges.bridged`: 四川's glossary says 千万工程 is the short name of 千村示范、万村整治工程, which
gwr-2024 and 浙江 had made two nodes), the document shows the two are one; loaded first, the same document makes one
node both names join.  Left apart, the graph depended on the order the documents were loaded in (session 67: 2,034 of
the 50,510 mentions of gwr and gwr2025 fell into other groups loaded in reverse).  :func:`join_nodes` joins such
nodes at the end of a load and of a re-resolution, in place, in one transaction of the store
(:meth:`.store.GraphStore.move_nodes`): the joined node's relationships go to the node that stays, each still its
document's (its mentions, forms and reasons kept, the document that had made the node joining it by
``one-entity:<document>``, or ``one-entity`` when it names the two as one itself: :mod:`.node_moves`), so a replaced
or deleted document still takes exactly its own facts away.

Only pairs named by a name resolution looks up beside the entity's others are joined (:func:`.bridges.bridged` with
``joinable``: not 浙江's 政府机构改革 and its part 机构改革, nor 广西自贸试验区 and 自贸试验区); loaded first, the document
would not make one node of those either.  Which node stays is decided by the nodes alone, not by the order: the one of
most documents, then the shorter name, then the smaller id.  A node a merge or rename made takes the other node and
stays (it takes other documents' names by the rules); a node a retype, detach or reject made or moved, or one a
decision is otherwise recorded on, is never joined (the pair stays listed as perhaps one entity, for the curator), nor
are two nodes two decisions made, nor a Document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from .curation import Curation
from .curation_index import node_fates
from .memory import paused_gc
from .node_moves import JOINED, JOINED_BY

if TYPE_CHECKING:
    from .store import GraphStore

__all__ = ["JOINED_BY", "JOINS_PENDING", "Joined", "join_nodes", "join_plan", "joiners", "planned_joins"]

#: The store's curation mark (:meth:`.store.GraphStore.curation_mark`) while a load has written documents whose
#: nodes it has still to join: no curation's fingerprint, so a load killed before the joins leaves a store the next
#: load resolves again, joining them (:func:`policykg.reresolve.text_hashes`; the load's documents are stored whole).
JOINS_PENDING = "joins-pending"
#: Labels whose nodes are joined (a cited Document is named by its title, never by a glossary).
_JOINED_LABELS = ("Body", "Program", "Goal")


@dataclass
class Joined:
    """What :func:`join_nodes` did.

    Attributes:
        pairs: ``(node, other node, document)`` of the pairs joined, as :func:`.bridges.bridged` named them.
        kept: ``[(node, other node, document)]`` named as one but not joined (a node a curation decision made or
            moved).
        into: joined node id -> the node id it is now part of.
        by: joined node id -> the document naming it with the other node.
        rewritten: ids of the documents whose relationships moved.
    """

    pairs: list[tuple[str, str, str]] = field(default_factory=list)
    kept: list[tuple[str, str, str]] = field(default_factory=list)
    into: dict[str, str] = field(default_factory=dict)
    by: dict[str, str] = field(default_factory=dict)
    rewritten: list[str] = field(default_factory=list)


def join_plan(pairs: Iterable[tuple[str, str, str]], doc_counts: dict[str, int], pinned: Iterable[str] = ()
              ) -> tuple[dict[str, str], dict[str, str]]:
    """The node each joined node goes to, chosen from the group of nodes the pairs link, not from the pairs' order.

    Args:
        pairs: ``(node, other node, document)`` (:func:`.bridges.bridged` with the document naming them).
        doc_counts: node id -> documents mentioning it (a node missing counts 0).
        pinned: nodes a curation decision's merge or rename made: such a node stays for its group, and a group
            linking two of them is not joined at all (each decision keeps its node).

    Returns:
        ``(into, by)``: joined node id -> the node that stays for its group (the pinned one, else the one of most
        documents, then of the shorter name, then the smaller id; the node that stays is not a key), and joined node
        id -> the document that named it with another node (the first of the pairs naming it, in document id order).
    """
    pinned = set(pinned)
    linked = nx.Graph()
    by: dict[str, str] = {}
    for a, b, doc in sorted(pairs, key=lambda p: (p[2], p[0], p[1])):
        linked.add_edge(a, b)
        by.setdefault(a, doc)
        by.setdefault(b, doc)
    into: dict[str, str] = {}
    for members in nx.connected_components(linked):
        if sum(n in pinned for n in members) > 1:
            continue
        stays = min(members, key=lambda n: (n not in pinned, -doc_counts.get(n, 0), len(n), n))
        into.update({n: stays for n in members if n != stays})
    return into, {n: by[n] for n in into}


def join_nodes(store: GraphStore, pairs: Iterable[tuple[str, str, str]], curation: Curation | None = None) -> Joined:
    """Join in ``store`` the nodes each pair names as one entity (:meth:`.store.GraphStore.move_nodes`: in place, in
    one transaction; the documents with a relationship on a joined node are changed, each whole).

    Args:
        store: the store (either backend), every document of the pairs written.
        pairs: ``(node, other node, document)``: a document's entity has names of both nodes
            (:func:`.bridges.bridged` with ``joinable``); a pair named by several documents is reported under the
            first.
        curation: the decisions the store is resolved under: a node a merge or rename made takes the other node of a
            pair as it takes other documents' names by the rules, and stays (not two such nodes); a node another
            decision made, moved or rejected is not joined, nor is any other node a decision is recorded on (its
            ``curated_by``).

    Returns:
        A :class:`Joined`.

    Raises:
        StoreError: the move failed and was rolled back (the nodes stay apart: the next load or re-resolution joins
            them).
    """
    pairs = _once(pairs)
    report = planned_joins(pairs, store._nodes(sorted({n for a, b, _ in pairs for n in (a, b)})), curation)
    # the cyclic collector paused, as for the load's writes (:func:`.memory.paused_gc`): reading and rewriting the
    # documents' graphs makes many small objects, whose collections walked the whole store's graph in memory (a load of
    # the gwr corpus: two full collections, the joins 0.61 -> 0.24 CPU s; with workers the joins run alone at the end)
    with paused_gc():
        report.rewritten = store.move_nodes(report.into, report.by) if report.into else []
    return report


def _once(pairs: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Each pair once, under the first document naming it."""
    first: dict[frozenset[str], tuple[str, str, str]] = {}
    for a, b, doc in pairs:
        first.setdefault(frozenset((a, b)), (a, b, doc))
    return list(first.values())


def planned_joins(pairs: Iterable[tuple[str, str, str]], nodes: dict[str, dict[str, Any]],
                  curation: Curation | None = None) -> Joined:
    """The joins :func:`join_nodes` makes, decided without a store (an undo's dry run decides them on the documents
    resolved again: :func:`policykg.curation_preview.undo_preview`).

    Args:
        pairs: as for :func:`join_nodes`.
        nodes: node id -> ``{"label", "doc_count", "curated_by"}`` of the nodes the pairs name (a node missing: joined
            already, or gone; its pairs are left out).
        curation: as for :func:`join_nodes`.

    Returns:
        A :class:`Joined` without ``rewritten``.
    """
    report = Joined()
    pairs = _once(pairs)
    fates = node_fates(curation)
    # a node a merge or rename made takes other documents' names by the rules (Forced.rules): so it takes the other
    # node too, and stays; a retype, a detach or a reject keeps its node apart (session 69: a merge of 千万工程 on the
    # store of gwr-2024, 浙江 and 四川 left gwr-2024's 千村示范、万村整治工程 a node of its own, which loaded in reverse it
    # was not)
    pinned = {n for n, f in fates.items() if f.rules and f.listed and not f.held and not f.rejected}
    for a, b, doc in pairs:
        if a not in nodes or b not in nodes:
            continue
        free = [n not in fates and not nodes[n].get("curated_by") for n in (a, b)]
        ok = all(nodes[n]["label"] in _JOINED_LABELS for n in (a, b)) and (
            all(free) or (free[0] and b in pinned) or (free[1] and a in pinned))
        (report.pairs if ok else report.kept).append((a, b, doc))
    report.into, report.by = join_plan(report.pairs, {n: int(p.get("doc_count") or 0) for n, p in nodes.items()},
                                       pinned)
    apart = [p for p in report.pairs if p[0] not in report.into and p[1] not in report.into]  # two decisions' nodes
    report.pairs = [p for p in report.pairs if p not in apart]
    report.kept += apart
    return report


def joiners(store: GraphStore) -> set[str]:
    """The ids of the stored documents whose naming two nodes as one joined them (the ``<document>`` of a
    ``<doc> one-entity:<document>`` among the nodes' ``merged_by``, and the ``<doc>`` of a ``<doc> one-entity``, a
    document that joined a node it had made itself): deleting or replacing one of them changes other
    documents, as deleting one loaded before others does (:func:`policykg.reresolve.depends_on`)."""
    found: set[str] = set()
    for n in store.iter_nodes(list(_JOINED_LABELS)):
        for why in n.get("merged_by") or []:
            doc, _, reason = why.partition(" ")
            if reason.startswith(JOINED_BY):
                found.add(reason[len(JOINED_BY):])
            elif reason == JOINED:
                found.add(doc)
    return found
