"""The aliases two or more entity nodes of one label hold in an embedded store, and how each reached its nodes.

Usage: ``python bench/shared_aliases.py DATA_DIR [-v]`` (the store must exist: ``policykg --data-dir DIR load …``).

Prints the nodes per label, the aliases (by match key) held by 2+ nodes of one label, how many of them a document
gave a node through a merge within the document (the ``merges`` of its MENTIONS), and the documents that joined one
of the holders by writing such an alias as their entity's name (the joins a shared alias decided), and those of the
aliases that every holder holds as a part its name narrows (:func:`~policykg.graph.resolution_keys.narrows`: no node
holds it otherwise, so which holder it joins was arbitrary before session 64).  With ``-v``, each
alias with its nodes and, per document, its resolution and how the form came.  Measured in session 64 over the 96
national and provincial reports: 19 shared aliases, 17 of them by a merge within a document (docstring of
:meth:`policykg.graph.entity_index.EntityIndex.add`).
"""

from __future__ import annotations

import sys
from collections import defaultdict

from policykg.graph.embedded import EmbeddedStore
from policykg.graph.resolution_keys import match_key, narrows

LABELS = ("Body", "Program", "Goal")


def how(mentions: list[dict], key: str) -> dict[str, tuple[str, str]]:
    """``document id -> (resolution, how the form of match key `key` came)`` over the MENTIONS of one node."""
    out = {}
    for e in mentions:
        forms = e.get("forms") or []
        if not any(match_key(f) == key for f in forms):
            continue
        merges = dict(m.split(": ", 1) for m in e.get("merges") or [])
        why = next((w for f, w in merges.items() if match_key(f) == key), None)
        if why is None:
            why = "own form" if match_key(forms[0]) == key else "alias from extraction"
        out[e["doc_id"]] = (e.get("resolution", ""), why)
    return out


def main(data_dir: str, verbose: bool) -> None:
    store = EmbeddedStore(data_dir)
    nodes = {n["id"]: n for n in store.iter_nodes(list(LABELS))}
    mentions = defaultdict(list)
    for e in store.iter_edges(["MENTIONS"]):
        if e["target"] in nodes:
            mentions[e["target"]].append(e)
    holders = defaultdict(set)
    for nid, n in nodes.items():
        for alias in n.get("aliases", []):
            if (k := match_key(alias)) != match_key(n["name"]):
                holders[(n["label"], k)].add(nid)
    shared = sorted((key, sorted(ids)) for key, ids in holders.items() if len(ids) > 1)
    rows = [(label, key, {nid: how(mentions[nid], key) for nid in ids}) for (label, key), ids in shared]
    plain = ("own form", "alias from extraction")
    merged = [r for r in rows if any(w not in plain for d in r[2].values() for _, w in d.values())]
    print("nodes", {lab: sum(1 for n in nodes.values() if n["label"] == lab) for lab in LABELS}, "total", len(nodes))
    print("aliases held by 2+ nodes of one label:", len(rows), "by a merge within a document:", len(merged))
    joined = [(key, nid, doc) for _, key, per in rows for nid, d in per.items() for doc, (res, w) in d.items()
              if res != "new" and w == "own form"]
    print("documents joining a holder by writing a shared alias as their name:", len(joined))
    parts = {key for label, key, per in rows if all(narrows(key, match_key(nodes[nid]["name"]), label) for nid in per)}
    print("aliases every holder holds as a part its name narrows:", len(parts), "documents joining one of them so:",
          sum(1 for key, _, _ in joined if key in parts))
    if verbose:
        for label, key, per in rows:
            print(label, key, "(merged)" if any(r[1] == key for r in merged) else "")
            for nid, d in per.items():
                print("   ", nid, "|", "; ".join(f"{doc}:{res}:{w[:40]}" for doc, (res, w) in sorted(d.items())[:4]))
        for j in joined:
            print("    joined:", *j)


if __name__ == "__main__":
    main(sys.argv[1], "-v" in sys.argv[2:])
