"""Corpus entries (:mod:`cypher_corpus`) for reading lists the Neo4j 5 way: negative and computed indexes, slices,
and a string key in brackets (the embedded engine refused each, a researcher's walkthrough over the national and
provincial work reports, session 63: ``UNWIND range(0, size(r.sentences) - 1) AS i … r.sentences[i]`` is how the
Neo4j manual pairs a relationship's parallel lists, ``collect(x)[..3]`` how it keeps the first of each group).
Expected rows are computed in plain Python from the loaded nodes and relationships, with Neo4j's rules: 0-based,
a negative index or bound counts from the end, an index past either end is null, a slice's bounds are clamped."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cypher_expected import Expected, Graph

#: The largest 64-bit integer, Neo4j's largest index.
_LONGEST = 2**63 - 1


def index(xs: list[Any], i: int) -> Any:
    """``xs[i]`` as Neo4j reads it."""
    n = len(xs)
    return xs[i] if 0 <= i < n else xs[n + i] if -n <= i < 0 else None


def sliced(xs: list[Any], a: int | None, b: int | None) -> list[Any]:
    """``xs[a..b]`` as Neo4j reads it (``None``: the bound omitted)."""
    n = len(xs)
    start = 0 if a is None else max(n + a, 0) if a < 0 else min(a, n)
    end = n if b is None else max(n + b, 0) if b < 0 else min(b, n)
    return xs[start:end]


def _mentions(g: Graph, label: str | None = None) -> list[dict[str, Any]]:
    return [e for e in g.edges if e["type"] == "MENTIONS" and (label is None or g.label(e["target"]) == label)]


def _facts(g: Graph, rel_type: str) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    return [(g.nodes[e["source"]], e, g.nodes[e["target"]]) for e in g.edges if e["type"] == rel_type]


def _top_programs(g: Graph) -> list[list[Any]]:
    """Per document, its three Programs mentioned in the most of its top-level sections (ties by name)."""
    counts: Counter[tuple[str, str]] = Counter()
    for d in g.of("Document"):
        for s in g.out(d["id"], "HAS_SECTION"):
            for p in g.out(s, "MENTIONS"):
                if g.label(p) == "Program":
                    counts[d["id"], g.nodes[p]["name"]] += 1
    docs = sorted({d for d, _ in counts})
    return [[d, [name for name, _ in sorted(((p, n) for (x, p), n in counts.items() if x == d),
                                            key=lambda pn: (-pn[1], pn[0]))[:3]]] for d in docs]


LISTS: list[tuple[str, Expected, bool]] = [
    # the provenance idiom: one row per stating sentence, its section and offset beside it
    ("MATCH (p:Program)-[r:SERVES]->(g:Goal) UNWIND range(0, size(r.sentences) - 1) AS i "
     "RETURN p.name, g.name, i, r.section_ids[i], r.starts[i], r.sentences[i]",
     lambda g: [[p["name"], x["name"], i, r["section_ids"][i], r["starts"][i], r["sentences"][i]]
                for p, r, x in _facts(g, "SERVES") for i in range(len(r["sentences"]))], False),
    ("MATCH (s:Section)-[m:MENTIONS]->(p:Program) WHERE size(m.starts) > 1 "
     "UNWIND range(size(m.starts) - 1, 0, -1) AS i RETURN p.name, i, m.starts[i] AS start, m.ends[i] AS stop",
     lambda g: [[g.nodes[m["target"]]["name"], i, m["starts"][i], m["ends"][i]]
                for m in _mentions(g, "Program") if len(m["starts"]) > 1 for i in range(len(m["starts"]))], False),
    # negative and computed indexes, past either end null
    ("MATCH (s:Section)-[m:MENTIONS]->(x) RETURN s.id, x.id, m.starts[-1] AS last, m.starts[-2] AS before, "
     "m.starts[-4] AS far, m.starts[m.count - 1] AS counted, m.starts[m.count] AS past",
     lambda g: [[m["source"], m["target"], index(m["starts"], -1), index(m["starts"], -2), index(m["starts"], -4),
                 index(m["starts"], m["count"] - 1), index(m["starts"], m["count"])] for m in _mentions(g)], False),
    # indexes and bounds at the ends of the 64-bit range: null and clamped as on Neo4j (the engine refused the
    # index + 1 it could not hold, session 64)
    ("MATCH (s:Section)-[m:MENTIONS]->(x) RETURN s.id, x.id, m.starts[9223372036854775807] AS past, "
     "m.starts[-9223372036854775807] AS before, m.starts[9223372036854775807..] AS empty, "
     "m.starts[..9223372036854775807] AS whole, m.starts[..-9223372036854775807] AS nothing",
     lambda g: [[m["source"], m["target"], index(m["starts"], _LONGEST), index(m["starts"], -_LONGEST),
                 sliced(m["starts"], _LONGEST, None), sliced(m["starts"], None, _LONGEST),
                 sliced(m["starts"], None, -_LONGEST)] for m in _mentions(g)], False),
    # slices, literal and computed bounds, negative ones from the end
    ("MATCH (s:Section)-[m:MENTIONS]->(x) WHERE size(m.starts) >= 2 RETURN x.id, m.starts[1..] AS rest, "
     "m.starts[..-1] AS init, m.starts[-2..] AS tail2, m.starts[0..1] AS first, m.starts[1..size(m.starts) - 1] AS mid, "
     "m.starts[5..9] AS none",
     lambda g: [[m["target"], sliced(m["starts"], 1, None), sliced(m["starts"], None, -1), sliced(m["starts"], -2, None),
                 sliced(m["starts"], 0, 1), sliced(m["starts"], 1, len(m["starts"]) - 1), sliced(m["starts"], 5, 9)]
                for m in _mentions(g) if len(m["starts"]) >= 2], False),
    # the first of each group: an ordered collect(), sliced
    ("MATCH (d:Document)-[:HAS_SECTION]->(:Section)-[:MENTIONS]->(p:Program) WITH d, p, count(*) AS n "
     "ORDER BY n DESC, p.name WITH d, collect(p.name)[..3] AS top RETURN d.id, top ORDER BY d.id",
     _top_programs, True),
    # an index past either end is null inside a list comprehension or a quantifier too (the engine refused a computed
    # or negative one there, and a literal one past the end failed on "index=6 is out of range")
    ("MATCH (s:Section)-[m:MENTIONS]->(x) RETURN s.id, x.id, [i IN range(-3, 3) | m.starts[i]] AS around, "
     "[l IN [m.starts, m.ends] | l[-1]] AS lasts, [l IN [m.starts] | l[m.count]] AS past, "
     "[l IN [m.ends] | l[4]] AS fifth, [i IN range(0, 2) | ['a', 'b'][i]] AS letters, "
     "any(l IN [m.starts] WHERE l[m.count] IS NULL) AS none_past",
     lambda g: [[m["source"], m["target"], [index(m["starts"], i) for i in range(-3, 4)],
                 [index(m["starts"], -1), index(m["ends"], -1)], [index(m["starts"], m["count"])],
                 [index(m["ends"], 4)], ["a", "b", None], index(m["starts"], m["count"]) is None]
                for m in _mentions(g)], False),
    # a list literal indexed by a literal is its item or null, inside a comprehension's mapping too, where the engine
    # refused the element in a list ([a][5] on Neo4j is null; [a][0] is a)
    ("MATCH (p:Program) WHERE p.doc_count > 1 RETURN p.id, [a IN p.aliases | [a][0]] AS same, "
     "[a IN p.aliases | [a][5]] AS none, [a IN p.aliases | ['前', a][-1]] AS last, [p.doc_count, 0][-3] AS before, "
     "[1, 2, 3][3] AS past, [p.name, p.doc_count][1] AS docs",
     lambda g: [[p["id"], list(p["aliases"]), [None] * len(p["aliases"]), list(p["aliases"]), None, None,
                 p["doc_count"]] for p in g.of("Program") if p["doc_count"] > 1], False),
    # a string key in brackets is a property
    ("MATCH (d:Document {kind: 'source'}) RETURN d['id'] AS id, d['level'] AS level, {y: d.year}['y'] AS year",
     lambda g: [[d["id"], d.get("level"), d.get("year")] for d in g.of("Document") if d.get("kind") == "source"],
     False),
]
