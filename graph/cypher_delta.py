"""Small changes of the embedded store's graph, applied in place to its LadybugDB copy.

A document loaded, replaced or deleted changes a few nodes: its own Document
and Section nodes, and the entities it mentions (their aggregates, or their
existence).  The store records the ids of every node whose row or
relationships changed (:meth:`EmbeddedStore.take_changes`); this module reads
those nodes and every relationship touching them from the networkx graph,
then, in one LadybugDB write transaction, deletes the nodes from the copy with
their relationships and inserts their current rows and relationships.  A
relationship that changed has both ends among the changed nodes, so the copy
then equals a full rebuild.  A change the copy's columns cannot hold (a new
property, a new pair of endpoint labels, another value type) is not applied:
the caller rebuilds the copy instead.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import networkx as nx

from .cypher_copy import HIDDEN_EDGE, HIDDEN_NODE, arrow_table, column_type, quote
from .schema import NODE_LABELS

__all__ = ["Delta", "apply", "read"]


@dataclass
class Delta:
    """The current rows of changed nodes and of the relationships touching them.

    Attributes:
        ids: the changed node ids (present or gone).
        nodes: label -> node property dicts (copies) of the changed nodes still present.
        rels: (type, from label, to label) -> list of (from id, to id, property dict).
    """

    ids: list[str]
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[tuple[str, str, str], list[tuple[str, str, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list))


def read(g: nx.MultiDiGraph, ids: set[str]) -> Delta:
    """Read the rows of nodes ``ids`` and of every relationship touching them (hold the store's lock)."""
    delta = Delta(sorted(ids))
    nodes = g.nodes
    seen: set[tuple[str, str, Any]] = set()
    for nid in delta.ids:
        if nid not in g:
            continue
        delta.nodes[nodes[nid]["label"]].append(dict(nodes[nid]))
        for u, v, k, d in chain(g.out_edges(nid, keys=True, data=True), g.in_edges(nid, keys=True, data=True)):
            if (u, v, k) not in seen:
                seen.add((u, v, k))
                delta.rels[(d["type"], nodes[u]["label"], nodes[v]["label"])].append((u, v, dict(d)))
    return delta


_SCALARS = {bool: "BOOLEAN", int: "INT64", float: "DOUBLE", str: "STRING"}


def _kind(v: Any) -> str:
    """The column type of one non-null value as :func:`.cypher_copy.column_type` gives it; ``"[]"`` for an
    empty list (it fits any list column).  A dict lookup on the value's type first: ``fits`` calls it
    for every property of every changed row (tens of thousands after one document at 10x)."""
    kind = _SCALARS.get(type(v))
    if kind is not None:
        return kind
    if isinstance(v, list | tuple | set):
        if not v:
            return "[]"
        first = next(iter(v))
        kind = _SCALARS.get(type(first))
        return kind + "[]" if kind is not None else column_type([v])
    return column_type([v])


def _fits(props: dict[str, Any], hidden: set[str], types: dict[str, str]) -> bool:
    for p, v in props.items():
        if v is None or p in hidden:
            continue
        t = types.get(p)
        if t is None:
            return False
        kind = _kind(v)
        if kind != t and not (kind == "[]" and t.endswith("[]")):
            return False
    return True


def fits(delta: Delta, schema: dict[str, Any]) -> bool:
    """Whether the copy whose column types are ``schema`` (see :func:`.cypher_copy.build`) can hold ``delta``."""
    for label, rows in delta.nodes.items():
        types = schema["nodes"].get(label)
        if types is None or not all(_fits(r, HIDDEN_NODE, types) for r in rows):
            return False
    for (rel_type, a, b), rows in delta.rels.items():
        table = schema["rels"].get(rel_type)
        if table is None or [a, b] not in table["pairs"]:
            return False
        if not all(_fits(d, HIDDEN_EDGE, table["types"]) for _, _, d in rows):
            return False
    return True


def apply(conn: Any, delta: Delta, schema: dict[str, Any]) -> None:
    """Replace the changed nodes and their relationships in the copy, in one write transaction on ``conn``.

    Args:
        conn: a ``ladybug.Connection`` to a writable copy.
        delta: from :func:`read`; check it with :func:`fits` first.
        schema: the copy's column types.

    Raises:
        RuntimeError: LadybugDB refused a statement (the transaction is rolled back).
    """
    conn.execute("CALL auto_checkpoint=false")  # a checkpoint took seconds at 10x; the copy is temporary
    conn.execute("BEGIN TRANSACTION")
    try:
        for label in NODE_LABELS:
            conn.execute(f"UNWIND $ids AS i MATCH (n:{quote(label)} {{id: i}}) DETACH DELETE n", {"ids": delta.ids})
        for label, rows in delta.nodes.items():
            types = schema["nodes"][label]
            rows_table = arrow_table({p: [r.get(p) for r in rows] for p in types}, types)  # COPY reads it by its name
            conn.execute(f"COPY {quote(label)} FROM rows_table")
            del rows_table
        for (rel_type, a, b), rows in delta.rels.items():
            table = schema["rels"][rel_type]
            cols = {"from": [u for u, _, _ in rows], "to": [v for _, v, _ in rows]}
            cols.update({p: [d.get(p) for _, _, d in rows] for p in table["types"]})
            rows_table = arrow_table(cols, table["types"])  # COPY reads it by its name
            options = f" (from='{a}', to='{b}')" if len(table["pairs"]) > 1 else ""
            conn.execute(f"COPY {quote(rel_type)} FROM rows_table{options}")
            del rows_table
        conn.execute("COMMIT")
    except RuntimeError:
        with contextlib.suppress(RuntimeError):  # a failed statement may have ended it already
            conn.execute("ROLLBACK")
        raise
