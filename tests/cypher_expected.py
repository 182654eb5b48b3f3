"""What the Cypher corpus (tests/cypher_corpus.py) computes its expected rows over: a :class:`Graph` of the loaded
nodes and relationships, and plain-Python helpers that follow Neo4j 5's semantics (trails, null ordering,
``percentileCont``), never a Cypher engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Graph:
    """Nodes by id (property dicts with ``label``) and relationships as dicts (``source``, ``target``, ``type``, …)."""

    nodes: dict[str, dict[str, Any]]
    edges: list[dict[str, Any]]

    def of(self, label: str) -> list[dict[str, Any]]:
        return [n for n in self.nodes.values() if n["label"] == label]

    def by_name(self, label: str, name: str) -> dict[str, Any]:
        return next(n for n in self.of(label) if n["name"] == name)

    def incident(self, nid: str, rel_type: str | None = None) -> list[tuple[int, dict[str, Any], str]]:
        """(edge index, edge, other end) for every relationship touching ``nid``, either direction."""
        out = []
        for i, e in enumerate(self.edges):
            if rel_type and e["type"] != rel_type:
                continue
            if e["source"] == nid:
                out.append((i, e, e["target"]))
            elif e["target"] == nid:
                out.append((i, e, e["source"]))
        return out

    def out(self, nid: str, rel_type: str) -> list[str]:
        return [e["target"] for e in self.edges if e["source"] == nid and e["type"] == rel_type]

    def into(self, nid: str, rel_type: str) -> list[str]:
        return [e["source"] for e in self.edges if e["target"] == nid and e["type"] == rel_type]

    def label(self, nid: str) -> str:
        return self.nodes[nid]["label"]


def node_value(n: dict[str, Any]) -> dict[str, Any]:
    """A node as both stores return it from ``RETURN n``: its set properties."""
    return {k: v for k, v in n.items() if k != "label" and v is not None}


def trails(g: Graph, start: str, lo: int, hi: int, rel_type: str | None = None) -> list[tuple[str, int]]:
    """(end node, length) of every undirected trail (no relationship twice) from ``start`` of lo..hi hops."""
    found: list[tuple[str, int]] = [(start, 0)] if lo == 0 else []

    def walk(at: str, used: frozenset[int], depth: int) -> None:
        if depth == hi:
            return
        for i, _, other in g.incident(at, rel_type):
            if i in used:
                continue
            if depth + 1 >= lo:
                found.append((other, depth + 1))
            walk(other, used | {i}, depth + 1)

    walk(start, frozenset(), 0)
    return found


def section_depths(g: Graph, doc: str) -> list[tuple[str, int]]:
    """(section, depth) of a document's outline along HAS_SECTION."""
    out, frontier, depth = [], [doc], 0
    while frontier:
        depth += 1
        frontier = [t for f in frontier for t in g.out(f, "HAS_SECTION")]
        out += [(s, depth) for s in frontier]
    return out


def sources(g: Graph) -> list[dict[str, Any]]:
    return [n for n in g.of("Document") if n.get("kind") == "source"]


def co_mentioned(g: Graph, nid: str, label: str) -> list[str]:
    """Entities of ``label`` a section mentions through another MENTIONS relationship than the one to ``nid``."""
    out = []
    for i, s in enumerate(g.edges):
        if s["type"] == "MENTIONS" and s["target"] == nid and g.label(s["source"]) == "Section":
            out += [e["target"] for j, e in enumerate(g.edges) if j != i and e["type"] == "MENTIONS"
                    and e["source"] == s["source"] and g.label(e["target"]) == label]
    return out


def goals_served(g: Graph, p: str) -> list[str]:
    return [t for t in g.out(p, "SERVES") if g.label(t) == "Goal"]


Expected = Callable[[Graph], list[list[Any]]]

def sum_min(values: list[int]) -> list[list[int]]:
    return [[sum(values), min(values)]]


def unless_null(value: Any, answer: Any) -> Any:
    """``answer``, or null where ``value`` is null (a comparison with null)."""
    return None if value is None else answer


def mention_docs(g: Graph, label: str) -> dict[str, set[str]]:
    """The documents whose sections mention each entity of ``label``."""
    out: dict[str, set[str]] = {}
    for e in g.edges:
        if e["type"] == "MENTIONS" and g.label(e["source"]) == "Section" and g.label(e["target"]) == label:
            out.setdefault(e["target"], set()).add(e["doc_id"])
    return out


def top_per_decade(g: Graph) -> list[list[Any]]:
    """Per decade, the Program mentioned in the most documents of it (ties by name) and their number."""
    per: dict[int, dict[str, set[str]]] = {}
    for p, docs in mention_docs(g, "Program").items():
        for d in docs:
            if (year := g.nodes[d].get("year")) is not None:
                per.setdefault(year // 10 * 10, {}).setdefault(p, set()).add(d)
    rows = []
    for decade in sorted(per):
        p, docs = min(per[decade].items(), key=lambda kv: (-len(kv[1]), g.nodes[kv[0]]["name"]))
        rows.append([decade, g.nodes[p]["name"], len(docs)])
    return rows


def shared_documents(g: Graph, name: str) -> list[list[Any]]:
    """Programs mentioned in the documents that mention Program ``name``, with the number of those documents."""
    docs = mention_docs(g, "Program")
    mine = docs[f"Program:{name}"]
    rows = [[g.nodes[p]["name"], len(d & mine)] for p, d in docs.items() if p != f"Program:{name}" and d & mine]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:10]


def percentile_cont(values: list[int], q: float) -> float:
    values = sorted(values)
    at = (len(values) - 1) * q
    low = int(at)
    return float(values[low]) if low == at else values[low] + (values[low + 1] - values[low]) * (at - low)


def directed_reach(g: Graph, start: str, rel_type: str, hi: int) -> list[str]:
    """End nodes of every directed trail of 1..hi relationships of ``rel_type`` from ``start`` (one per trail)."""
    found: list[str] = []

    def walk(at: str, used: frozenset[int], depth: int) -> None:
        if depth == hi:
            return
        for i, e in enumerate(g.edges):
            if e["type"] == rel_type and e["source"] == at and i not in used:
                found.append(e["target"])
                walk(e["target"], used | {i}, depth + 1)

    walk(start, frozenset(), 0)
    return found


def normalise(rows: list[list[Any]], ordered: bool) -> list[str]:
    """Rows as comparable text: floats rounded to 6 places; sorted unless the query orders them."""

    def fix(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 6)
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dict):
            return {k: fix(x) for k, x in sorted(v.items())}
        return v

    out = [repr([fix(v) for v in row]) for row in rows]
    return out if ordered else sorted(out)
