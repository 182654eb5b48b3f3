"""Corpus entries (:mod:`cypher_corpus`) for UNION as Neo4j 5 joins its parts (Cypher manual, "UNION"): by column
name, whatever their order in each part, values of any types in one column, each distinct row once under UNION and
every row under UNION ALL.  The embedded engine matched the columns by position (a = 3 for ``RETURN 1 AS a, 2 AS b
UNION RETURN 3 AS b, 4 AS a``) and refused a column of two types ("x has data type STRING but INT64 was expected").
Expected rows are computed in plain Python from the loaded nodes and relationships."""

from __future__ import annotations

from typing import Any

from cypher_expected import Expected, Graph, sources


def _distinct(rows: list[list[Any]]) -> list[list[Any]]:
    """``rows`` without repeats, as UNION keeps them (Neo4j's equivalence: a boolean is never a number)."""
    seen, out = set(), []
    for row in rows:
        key = repr([(type(v) is bool, v) for v in row])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _years_and_ids(g: Graph) -> list[list[Any]]:
    return _distinct([[d.get("year")] for d in sources(g)] + [[d["id"]] for d in sources(g)])


UNIONS: list[tuple[str, Expected, bool]] = [
    # one column of integers in one part and strings in the other (the engine refused it)
    ("MATCH (d:Document {kind: 'source'}) RETURN d.year AS v UNION MATCH (e:Document {kind: 'source'}) RETURN e.id AS v",
     _years_and_ids, False),
    ("MATCH (p:Program) RETURN p.doc_count AS v UNION ALL MATCH (q:Program) RETURN q.name AS v "
     "UNION ALL MATCH (b:Body) RETURN size(b.aliases) > 0 AS v",
     lambda g: [[p["doc_count"]] for p in g.of("Program")] + [[p["name"]] for p in g.of("Program")]
     + [[len(b["aliases"]) > 0] for b in g.of("Body")], False),
    ("RETURN 1 AS x UNION RETURN 'a' AS x UNION RETURN 1 AS x", lambda g: [[1], ["a"]], False),
    ("MATCH (p:Program) RETURN p.name AS name UNION RETURN 1 AS name",
     lambda g: [*_distinct([[p["name"]] for p in g.of("Program")]), [1]], False),
    # the parts name their columns in another order: Neo4j matches them by name (the engine took a = 3)
    ("RETURN 1 AS a, 2 AS b UNION RETURN 3 AS b, 4 AS a", lambda g: [[1, 2], [4, 3]], False),
    ("MATCH (p:Program) RETURN p.name AS name, p.doc_count AS n UNION ALL MATCH (g:Goal) RETURN g.doc_count AS n, "
     "g.name AS name",
     lambda g: [[x["name"], x["doc_count"]] for x in g.of("Program") + g.of("Goal")], False),
    # an ORDER BY and LIMIT belong to their own part
    ("MATCH (p:Program) RETURN p.name AS name UNION MATCH (g:Goal) RETURN g.name AS name ORDER BY name LIMIT 1",
     lambda g: _distinct([[p["name"]] for p in g.of("Program")] + [[min(x["name"] for x in g.of("Goal"))]]), False),
]
