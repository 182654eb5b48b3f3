"""Corpus entries (:mod:`cypher_corpus`) for Neo4j 5's pattern tests and counts besides ``EXISTS { }`` and
``COUNT { }``: a label expression in a subquery's ``WHERE``, the ``exists(pattern)`` function and ``size()`` of a
pattern comprehension (the Neo4j 5 manual documents all three; the embedded engine failed on each: a
walkthrough); and a ``UNION`` or a closing ``RETURN`` inside ``EXISTS { }`` and ``COUNT { }`` (a parser error on
the engine).  Expected rows are computed in plain Python from the loaded nodes and relationships."""

from __future__ import annotations

from collections import Counter

from cypher_expected import Expected, Graph


def _named(g, nid: str, prefix: str) -> bool:
    return (g.nodes[nid].get("name") or "").startswith(prefix)


def _served(g: Graph, p: str) -> list[str]:
    return [x for x in g.out(p, "SERVES") if g.label(x) == "Goal"]


def _led(g: Graph, p: str) -> list[str]:
    return [x for x in g.into(p, "LEADS") if g.label(x) == "Body"]


def _mentioned(g: Graph, p: str) -> list[str]:
    return [x for x in g.into(p, "MENTIONS") if g.label(x) == "Section"]


PATTERN_FUNCTIONS: list[tuple[str, Expected, bool]] = [
    # a label expression in the WHERE of a subquery was read as a map and left as written (a parser error)
    ("MATCH (s:Section) WHERE COUNT { (s)-[:MENTIONS]->(x) WHERE x:Program } > 2 RETURN count(s)",
     lambda g: [[sum(1 for s in g.of("Section") if len([x for x in g.out(s["id"], "MENTIONS")
                                                         if g.label(x) == "Program"]) > 2)]], False),
    ("MATCH (s:Section) WHERE EXISTS { MATCH (s)-[:MENTIONS]->(x) WHERE NOT x:Program AND x.name STARTS WITH '党' } "
     "RETURN count(s)",
     lambda g: [[sum(1 for s in g.of("Section") if any(g.label(x) != "Program" and _named(g, x, "党")
                                                       for x in g.out(s["id"], "MENTIONS")))]], False),
    # exists(pattern): the predicate function of Neo4j 5's manual (a parser error on the engine)
    ("MATCH (b:Body) WHERE exists((b)--()) RETURN count(b)",
     lambda g: [[sum(1 for b in g.of("Body") if g.incident(b["id"]))]], False),
    ("MATCH (b:Body) WHERE NOT exists((b)-[:LEADS]->(:Program)) RETURN count(b)",
     lambda g: [[sum(1 for b in g.of("Body") if not any(g.label(x) == "Program" for x in g.out(b["id"], "LEADS")))]],
     False),
    ("MATCH (p:Program) RETURN exists((p)-[:SERVES]->(:Goal)) AS serves, count(*)",
     lambda g: [[k, v] for k, v in Counter(any(g.label(x) == "Goal" for x in g.out(p["id"], "SERVES"))
                                           for p in g.of("Program")).items()], False),
    # size() of a pattern comprehension counts its matches (the engine: "Variable p is not in scope", or refused)
    ("MATCH (b:Body) RETURN b.name, size([p = (b)--() | p]) AS n ORDER BY n DESC, b.name LIMIT 5",
     lambda g: sorted(([b["name"], len(g.incident(b["id"]))] for b in g.of("Body")), key=lambda r: (-r[1], r[0]))[:5],
     True),
    ("MATCH (p:Program) WHERE size([(p)<-[:MENTIONS]-(s:Section) WHERE s.outline_level = 1 | s.id]) >= 2 "
     "RETURN p.name",
     lambda g: [[p["name"]] for p in g.of("Program")
                if len([s for s in g.into(p["id"], "MENTIONS") if g.label(s) == "Section"
                        and g.nodes[s].get("outline_level") == 1]) >= 2], False),
    ("MATCH (b:Body) WHERE size([(b)-[:LEADS]->(x) | x.name]) = 0 RETURN count(b)",
     lambda g: [[sum(1 for b in g.of("Body") if not g.out(b["id"], "LEADS"))]], False),
    # in the list of a quantifier, not its body (a subquery in a list lambda's body is refused)
    ("MATCH (b:Body) RETURN any(x IN [size([(b)--() | 1])] WHERE x > 4) AS many, count(*)",
     lambda g: [[k, v] for k, v in Counter(len(g.incident(b["id"])) > 4 for b in g.of("Body")).items()], False),
    ("MATCH (g:Goal) RETURN sum(size([(g)<-[:SERVES]-(p:Program) WHERE p.doc_count > 1 | p])) AS n",
     lambda g: [[sum(1 for x in g.of("Goal") for p in g.into(x["id"], "SERVES")
                     if g.label(p) == "Program" and g.nodes[p]["doc_count"] > 1)]], False),
    # EXISTS with a UNION: true if a branch returns a row, RETURN clauses not required (Cypher manual 5, Subqueries,
    # "EXISTS subqueries": "EXISTS subquery with a UNION", "EXISTS subquery with RETURN")
    ("MATCH (p:Program) RETURN p.id, EXISTS { MATCH (p)-[:SERVES]->(:Goal) UNION MATCH (p)<-[:LEADS]-(:Body) } AS linked",
     lambda g: [[p["id"], bool(_served(g, p["id"]) or _led(g, p["id"]))] for p in g.of("Program")], False),
    ("MATCH (p:Program) WHERE EXISTS { MATCH (p)-[:SERVES]->(g:Goal) RETURN g.name AS n UNION "
     "MATCH (b:Body)-[:LEADS]->(p) RETURN b.name AS n } RETURN p.name",
     lambda g: [[p["name"]] for p in g.of("Program") if _served(g, p["id"]) or _led(g, p["id"])], False),
    ("MATCH (p:Program) WHERE NOT EXISTS { (p)-[:SERVES]->(:Goal) UNION ALL (p)<-[:MENTIONS]-(:Section) } RETURN count(p)",
     lambda g: [[sum(1 for p in g.of("Program") if not (_served(g, p["id"]) or _mentioned(g, p["id"])))]], False),
    ("MATCH (p:Program) WHERE EXISTS { MATCH (p)-[:SERVES]->(:Goal) RETURN p.name } RETURN count(p)",
     lambda g: [[sum(1 for p in g.of("Program") if _served(g, p["id"]))]], False),
    # COUNT with UNION ALL: every row of each branch (Cypher manual 5, Subqueries, "COUNT subqueries": "COUNT subquery
    # with a UNION", "COUNT subquery with RETURN")
    ("MATCH (p:Program) RETURN p.id, COUNT { MATCH (p)-[:SERVES]->(g:Goal) RETURN g.name AS n UNION ALL "
     "MATCH (p)<-[:MENTIONS]-(s:Section) RETURN s.id AS n } AS c",
     lambda g: [[p["id"], len(_served(g, p["id"])) + len(_mentioned(g, p["id"]))] for p in g.of("Program")], False),
]
