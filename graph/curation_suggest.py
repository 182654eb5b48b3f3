"""Curation candidates the graph itself shows: one name that is a node of two labels, and a name one node holds as
an alias while another node of its label bears it.

The tagger reads a name by its sentence, so a name one document writes as an action (实施好房子建设) and another as an
end-state (让人民群众住上好房子) can be a Program in one and a Goal in the other; entity resolution never joins across
labels, so the graph holds ``Program:好房子`` and ``Goal:好房子``.  A resolution walkthrough (session 53) found 36 such
names over the national and provincial reports (粤港澳大湾区建设 a Program in 10 reports and a Goal in 4).  Which label
is right is the researcher's call (guide rules 4 and 12): :func:`label_conflicts` lists them, most documented first,
each with the ``retype`` that would join the fewer documents' node to the other (``policykg curate suggest``).

Entity resolution gives an entity the first node one of its names finds, so a document that names two stored nodes as
one (四川 writing 千村示范、万村整治工程 and 千万工程 for one program, each a node of earlier documents) joins one of them and
holds the other's name as an alias.  A load names such pairs as it finds them (:mod:`.bridges`, "perhaps one
entity"), once; :func:`named_apart` finds them in the store at any time, each with the ``merge`` that would join them
(a curation walkthrough, session 58: 人民解放军 and 中国人民解放军 had to be found by hand).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .bridges import MIN_KEY
from .names import match_key
from .schema import ENTITY_LABELS
from .store import GraphStore

__all__ = ["label_conflicts", "named_apart"]

#: The labels whose names the tagger reads either way (an action framework or an end-state: guide rules 4 and 12).
CONFLICTING_LABELS = ("Program", "Goal")


def label_conflicts(store: GraphStore, labels: tuple[str, ...] = CONFLICTING_LABELS) -> list[dict[str, Any]]:
    """Names (by :func:`~policykg.graph.names.match_key`, so 粤港澳大湾区建设 and 粤港澳大湾区 are one) that are nodes
    of two or more of ``labels``.

    Returns:
        One dict per name, most documents first (then the key): ``{"key": str, "nodes": [{"id", "label",
        "doc_count"}, ...] (most documents first), "retype": [{"node": id, "to": label}, ...]}`` where ``retype``
        moves every node but the most documented one to that node's label (empty on a tie of documents).
    """
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in store.iter_nodes(list(labels)):
        by_key[match_key(n["name"])].append({"id": n["id"], "label": n["label"], "doc_count": n.get("doc_count", 0)})
    out = []
    for key, nodes in by_key.items():
        if len({n["label"] for n in nodes}) < 2:
            continue
        nodes.sort(key=lambda n: (-n["doc_count"], n["id"]))
        first = nodes[0]
        tie = len(nodes) > 1 and nodes[1]["doc_count"] == first["doc_count"]
        retype = [] if tie else [{"node": n["id"], "to": first["label"]} for n in nodes[1:] if n["label"] != first["label"]]
        out.append({"key": key, "nodes": nodes, "retype": retype})
    out.sort(key=lambda c: (-sum(n["doc_count"] for n in c["nodes"]), c["key"]))
    return out



def named_apart(store: GraphStore) -> list[dict[str, Any]]:
    """Pairs of nodes of one label where one holds the other's name as an alias (by
    :func:`~policykg.graph.names.match_key`, names of at least :data:`~policykg.graph.bridges.MIN_KEY` characters): a
    document named the two as one entity (module docstring); whether they are is the researcher's call.

    Returns:
        One dict per pair, most documents first (then the ids): ``{"nodes": [{"id", "label", "doc_count"}, ...]
        (the node holding the alias first), "alias": str, "merge": [id, id]}`` where ``merge`` lists the more
        documented node first, the one whose name a merge keeps.
    """
    nodes = [n for n in store.iter_nodes(list(ENTITY_LABELS)) if n.get("kind") != "source"]  # no Section read
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for n in nodes:
        by_name[(n["label"], match_key(n["name"]))].append(n)
    out, seen = [], set()
    for n in nodes:
        own = match_key(n["name"])
        for alias in n.get("aliases") or []:
            key = match_key(alias)
            if len(key) < MIN_KEY or key == own:
                continue
            for other in by_name.get((n["label"], key), []):
                pair = frozenset((n["id"], other["id"]))
                if other["id"] == n["id"] or pair in seen:
                    continue
                seen.add(pair)
                two = [{"id": x["id"], "label": x["label"], "doc_count": x.get("doc_count", 0)} for x in (n, other)]
                first = sorted(two, key=lambda x: (-x["doc_count"], x["id"]))
                out.append({"nodes": two, "alias": alias, "merge": [x["id"] for x in first]})
    out.sort(key=lambda c: (-sum(x["doc_count"] for x in c["nodes"]), c["merge"]))
    return out
