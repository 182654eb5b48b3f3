"""Decisions as a researcher gives them, by node ids (``policykg curate …``, ``POST /curation/{action}``), turned into
the fields of the curation file (:mod:`policykg.graph.curation`)."""

from __future__ import annotations

from typing import Any

from policykg.errors import CurationError, NotFoundError
from policykg.graph.names import match_key
from policykg.graph.schema import ENTITY_LABELS, node_id
from policykg.graph.store import GraphStore

__all__ = ["decision_fields"]


def _split_id(nid: str) -> tuple[str, str]:
    label, _, name = nid.partition(":")
    if label not in ENTITY_LABELS or not name:
        raise CurationError(f"{nid!r} is not an entity id (expected <Label>:<name>, label one of "
                            f"{', '.join(ENTITY_LABELS)})")
    return label, name


def decision_fields(action: str, nodes: list[str] | None = None, node: str | None = None, name: str | None = None,
                    label: str | None = None, canonical: str | None = None, to: str | None = None,
                    alias: str | None = None, note: str | None = None, store: GraphStore | None = None
                    ) -> dict[str, Any]:
    """The curation-file fields of a decision given as the CLI and the API take it (node ids).

    ``merge`` takes ``nodes`` (ids of one label) and ``canonical`` (default: the first
    node's name); ``rename`` ``node`` and ``canonical``; ``retype`` ``node`` and ``to``;
    ``detach`` ``node`` and ``alias``; ``reject`` ``name`` (and ``label``, optional) or ``node`` (the entities
    the resolution puts on that node, recorded as ``node``); ``add`` ``name`` and ``label``.

    With ``store``, a decision about a node (rename, retype, reject of a node) also records the node's other names
    as ``names``, so that it follows every form the node had when decided, also in the documents that wrote only
    an alias (a rename of 城市更新 used to leave 北京's 城市更新行动 behind as a node of its own); not a name another
    node of its label also goes by (a rename of 省十件民生实事 took every province's 民生实事 with its alias, beyond
    what its preview counted: a walkthrough, session 50).

    Raises:
        CurationError: an id that is not an entity id, nodes of different labels, or fewer than two to merge.
    """
    out: dict[str, Any] = {"action": action, "note": note}
    if action == "merge":
        pairs = [_split_id(n) for n in nodes or []]
        if len(pairs) < 2:
            raise CurationError("merge needs at least two entity ids")
        if len(set(pairs)) < len(pairs):
            raise CurationError("merge names the same entity twice; give two different ones")
        if len({lb for lb, _ in pairs}) > 1:
            raise CurationError("merge needs entities of one label (retype one of them first)")
        out.update(label=pairs[0][0], names=[n for _, n in pairs], canonical=canonical or pairs[0][1])
    elif action in ("rename", "retype", "detach"):
        lb, n = _split_id(node or "")
        out.update(label=lb, name=n, canonical=canonical, to=to, alias=alias)
    elif action == "reject" and node:  # a decision about the node, not the name (graph.curation)
        lb, n = _split_id(node)
        out.update(name=n, label=lb, node=node_id(lb, n))
    else:
        out.update(name=name, label=label)
    if store is not None and (action in ("rename", "retype") or (action == "reject" and node)):
        try:
            found = store.get_node(node_id(out["label"], out["name"]))["node"]
        except NotFoundError:
            found = None
        if found is None and action == "reject":  # a decision about a node the store has not recorded nothing (a
            # walkthrough, session 55: POST /curation/reject {"node": "Body:不存在"} answered 200); a name may be
            raise CurationError(f"no entity {node} in the store (to reject a name wherever it is extracted, give "
                                "the name, not a node id)")
        if found is not None:  # the names it goes by besides its own, those the store can tell from it
            shared = {match_key(f) for nid, lb, forms in store.entity_names() if lb == found["label"] and nid != found["id"]
                      for f in forms} | {match_key(out["name"])}
            out["names"] = list(dict.fromkeys(a for a in found.get("aliases", []) if match_key(a) not in shared))
    return {k: v for k, v in out.items() if v not in (None, "", [])}
