"""Curation candidates the graph itself shows: one name that is a node of two labels.

The tagger reads a name by its sentence, so a name one document writes as an action (实施好房子建设) and another as an
end-state (让人民群众住上好房子) can be a Program in one and a Goal in the other; entity resolution never joins across
labels, so the graph holds ``Program:好房子`` and ``Goal:好房子``.  A resolution walkthrough (session 53) found 36 such
names over the national and provincial reports (粤港澳大湾区建设 a Program in 10 reports and a Goal in 4).  Which label
is right is the researcher's call (guide rules 4 and 12): :func:`label_conflicts` lists them, most documented first,
each with the ``retype`` that would join the fewer documents' node to the other (``policykg curate suggest``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .names import match_key
from .store import GraphStore

__all__ = ["label_conflicts"]

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
