"""Parity: do two stores hold the same graph?

Used by ``policykg parity`` to prove the Neo4j store equal to the embedded
one on the same documents, and by the tests on any two stores.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .schema import NODE_LABELS, REL_TYPES
from .store import MAX_NODES, GraphStore

__all__ = ["ParityReport", "compare_stores"]


@dataclass
class ParityReport:
    """What :func:`compare_stores` found.

    Attributes:
        labels: label -> (node count in a, in b, ids only in a, ids only in b).
        types: relationship type -> (count in a, count in b).
        neighbourhoods: Programs compared at depth 1.
        differing: ids of Programs whose depth-1 neighbourhoods differ (nodes or edges).
    """

    labels: dict[str, tuple[int, int, list[str], list[str]]] = field(default_factory=dict)
    types: dict[str, tuple[int, int]] = field(default_factory=dict)
    neighbourhoods: int = 0
    differing: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        """True when node ids, relationship counts and every Program neighbourhood agree."""
        return (all(not only_a and not only_b for _, _, only_a, only_b in self.labels.values())
                and all(a == b for a, b in self.types.values()) and not self.differing)

    def table(self, a_name: str = "a", b_name: str = "b") -> str:
        """The comparison as aligned text lines, one per label and type, and a verdict."""
        lines = [f"{'':<14}{a_name:>10}{b_name:>10}  difference"]
        for label, (na, nb, only_a, only_b) in self.labels.items():
            diff = "" if not (only_a or only_b) else f"{len(only_a)} ids only in {a_name}, {len(only_b)} only in {b_name}"
            lines.append(f"{label:<14}{na:>10}{nb:>10}  {diff or 'same ids'}")
        for t, (na, nb) in self.types.items():
            lines.append(f"{t:<14}{na:>10}{nb:>10}  {'' if na == nb else 'counts differ'}")
        lines.append(f"Program neighbourhoods at depth 1: {self.neighbourhoods} compared, "
                     f"{len(self.differing)} differ" + (f" (e.g. {', '.join(self.differing[:5])})" if self.differing else ""))
        lines.append("EQUAL" if self.equal else "DIFFERENT")
        return "\n".join(lines)


def _ids_by_label(store: GraphStore) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for n in store.iter_nodes():
        out[n["label"]].add(n["id"])
    return out


def _rel_counts(store: GraphStore) -> Counter[str]:
    return Counter(e["type"] for e in store.iter_edges())


def _neighbourhood_key(store: GraphStore, node: str) -> tuple[frozenset[str], frozenset[tuple[str, str, str, str]]]:
    sg = store.neighbourhood(node, depth=1, limit=MAX_NODES)
    return (frozenset(n["id"] for n in sg.nodes),
            frozenset((e["source"], e["target"], e["type"], e.get("doc_id", "")) for e in sg.edges))


def compare_stores(a: GraphStore, b: GraphStore) -> ParityReport:
    """Compare two stores: node ids per label, relationship counts per type, every Program's depth-1 neighbourhood.

    Returns:
        A :class:`ParityReport` (``report.equal`` is the verdict).
    """
    report = ParityReport()
    ids_a, ids_b = _ids_by_label(a), _ids_by_label(b)
    for label in NODE_LABELS:
        sa, sb = ids_a.get(label, set()), ids_b.get(label, set())
        report.labels[label] = (len(sa), len(sb), sorted(sa - sb), sorted(sb - sa))
    ra, rb = _rel_counts(a), _rel_counts(b)
    report.types = {t: (ra.get(t, 0), rb.get(t, 0)) for t in REL_TYPES}
    for pid in sorted(ids_a.get("Program", set()) & ids_b.get("Program", set())):
        report.neighbourhoods += 1
        if _neighbourhood_key(a, pid) != _neighbourhood_key(b, pid):
            report.differing.append(pid)
    return report
