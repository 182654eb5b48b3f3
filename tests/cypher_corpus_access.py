"""Corpus entries (:mod:`cypher_corpus`) for brackets after what is not a list as Neo4j 5 answers them (each cites the
openCypher TCK's feature file): a property by a key computed at run time, ``n[k]``, which the embedded engine refused
("cannot evaluate STRING + INT64"), and a string indexed where no row evaluates it, which it refused whatever the rows.
Expected rows are computed in plain Python from the loaded nodes and relationships."""

from __future__ import annotations

from cypher_expected import Expected, sources

_KEYS = ["name", "doc_count", "aliases", "year", "nope"]

ACCESS: list[tuple[str, Expected, bool]] = [
    # dynamic property access: a node's or relationship's property by a key computed at run time, null for a key no
    # property has (openCypher TCK expressions/graph/Graph7, "Dynamic property access": [1] n['nam' + 'e'])
    ("MATCH (n:Program) WITH n, 'name' AS k RETURN n.id, n[k], n['nam' + 'e'] AS value",
     lambda g: [[p["id"], p["name"], p["name"]] for p in g.of("Program")], False),
    ("MATCH (n:Program) UNWIND $keys AS k RETURN n.id, k, n[k] AS v",
     lambda g: [[p["id"], k, p.get(k)] for p in g.of("Program") for k in _KEYS], False),
    ("MATCH (n:Program) UNWIND ['name', 'doc_count', 'aliases', 'year', 'nope'] AS k RETURN n.id, k, n[k] AS v",
     lambda g: [[p["id"], k, p.get(k)] for p in g.of("Program") for k in _KEYS], False),
    ("MATCH (n:Program) RETURN n.id, [k IN ['name', 'id', 'kind'] | n[k]] AS v",
     lambda g: [[p["id"], [p["name"], p["id"], None]] for p in g.of("Program")], False),
    ("MATCH (n:Program) UNWIND ['name', 'id'] AS k WITH n, k WHERE n[k] STARTS WITH '红色' RETURN n.id, k",
     lambda g: [[p["id"], k] for p in g.of("Program") for k in ("name", "id") if p[k].startswith("红色")], False),
    ("MATCH (n:Program) WITH n, 'doc_count' AS k RETURN n.id, n[k] + 1 AS next",
     lambda g: [[p["id"], p["doc_count"] + 1] for p in g.of("Program")], False),
    ("MATCH (s:Section)-[m:MENTIONS]->(p:Program {name: '红色物业'}) UNWIND ['doc_id', 'count', 'nope'] AS k "
     "RETURN s.id, k, m[k]",
     lambda g: [[e["source"], k, e.get(k)] for e in g.edges if e["type"] == "MENTIONS"
                and g.label(e["source"]) == "Section" and e["target"] == g.by_name("Program", "红色物业")["id"]
                for k in ("doc_id", "count", "nope")], False),
    # a string indexed is a type error when a row evaluates it (openCypher TCK expressions/list/List1 [9], "Fail at
    # runtime when trying to index something which is not a list"): none here, under a WHERE no row passes, in a CASE
    # branch never taken, over an empty list; null of a null string, as null[0] is null
    ("MATCH (p:Program) WHERE p.doc_count > 1000 RETURN p.name[0], p.name[1..2]", lambda g: [], False),
    ("MATCH (p:Program) RETURN p.id, CASE WHEN p.doc_count > 1000 THEN p.name[0] ELSE left(p.name, 1) END AS first",
     lambda g: [[p["id"], p["name"][:1]] for p in g.of("Program")], False),
    ("MATCH (p:Program) WHERE size(p.aliases) = 0 RETURN p.id, [a IN p.aliases | a[0]] AS firsts",
     lambda g: [[p["id"], []] for p in g.of("Program") if not p["aliases"]], False),
    ("MATCH (d:Document {kind: 'source'}) WHERE d.place IS NULL RETURN d.id, d.place[0] AS first",
     lambda g: [[d["id"], None] for d in sources(g) if d.get("place") is None], False),
]
