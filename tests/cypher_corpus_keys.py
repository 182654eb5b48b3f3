"""Corpus entries (:mod:`cypher_corpus`) for property keys, maps read by a key computed at run time, properties of
several types named at run time in a ``WHERE`` or ``collect()``, and lists of integers and floats, as Neo4j 5 answers
them (each cites the Neo4j 5 Cypher manual or the openCypher TCK's feature file), where the embedded engine refused
(``keys()``, ``m[k]``, ``n[k]`` of several types) or answered otherwise (``[1, 2.5, null]`` was ``[1.0, 2.5, null]``),
session 67.  Expected rows are computed in plain Python from the loaded nodes and relationships.

Neo4j's own nodes also hold the search indexes' text (``aliases_text`` of an entity, ``text`` of a source document),
which the embedded copy has not: the entries that list a node's keys leave those two out, as ``graph/cypher.py``
does.  The order of ``keys()`` is not given by the manual, so the entries compare keys as rows (``UNWIND``).
"""

from __future__ import annotations

from typing import Any

from cypher_expected import Expected, Graph, node_value, sources

_HIDDEN = ("text", "aliases_text")
_KEYS = ["name", "doc_count", "aliases", "year", "nope"]


def _edge_keys(e: dict[str, Any]) -> list[str]:
    """The property keys of a relationship as both stores hold it: its set properties."""
    return [k for k, v in e.items() if k not in ("source", "target", "type") and v is not None]


def _red(g: Graph) -> dict[str, Any]:
    return g.by_name("Program", "红色物业")


KEYS: list[tuple[str, Expected, bool]] = [
    # keys() of a node, a relationship, a null (Neo4j 5 Cypher manual, "List functions", keys(): the names of the
    # properties set on a NODE or RELATIONSHIP; "keys(null) returns null"); the engine's keys() lists unset columns
    ("MATCH (n:Program) UNWIND keys(n) AS k WITH n, k WHERE NOT k IN ['text', 'aliases_text'] RETURN n.id, k",
     lambda g: [[p["id"], k] for p in g.of("Program") for k in node_value(p)], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, 'year' IN keys(d) AS dated, 'place' IN keys(d) AS placed, "
     "size([k IN keys(d) WHERE NOT k IN ['text', 'aliases_text']]) AS n",
     lambda g: [[d["id"], d.get("year") is not None, d.get("place") is not None, len(node_value(d))] for d in sources(g)],
     False),
    ("MATCH (s:Section)-[r:MENTIONS]->(p:Program {name: '红色物业'}) UNWIND keys(r) AS k RETURN s.id, k",
     lambda g: [[e["source"], k] for e in g.edges if e["type"] == "MENTIONS" and e["target"] == _red(g)["id"]
                and g.label(e["source"]) == "Section" for k in _edge_keys(e)], False),
    ("MATCH (b:Body) OPTIONAL MATCH (b)-[:LEADS]->(p:Program) RETURN b.id, keys(p) IS NULL AS none",
     lambda g: [[b["id"], False] for b in g.of("Body") for _ in g.out(b["id"], "LEADS")]
               + [[b["id"], True] for b in g.of("Body") if not g.out(b["id"], "LEADS")], False),
    # keys() of a map: every key, a null value's too (openCypher TCK expressions/map/Map3 [1], [2], [3], [4], [5];
    # [5]'s key `exists` is renamed here; cypher_corpus_case.py holds it as written)
    ("UNWIND keys({name: 'Alice', age: 38, address: {city: 'London', residential: true}}) AS k RETURN k",
     lambda g: [["name"], ["age"], ["address"]], False),
    ("UNWIND keys($person) AS k RETURN k", lambda g: [["name"], ["age"]], False),
    ("WITH null AS m RETURN keys(m), keys(null)", lambda g: [[None, None]], False),
    ("WITH {k: null, l: 1} AS m UNWIND keys(m) AS key RETURN key", lambda g: [["k"], ["l"]], False),
    ("WITH {present: 42, notMissing: null} AS map RETURN 'present' IN keys(map) AS a, 'notMissing' IN keys(map) AS b, "
     "'missing' IN keys(map) AS c", lambda g: [[True, True, False]], False),
    ("RETURN keys({a: 1})[0] AS only, size(keys({a: 1, b: null})) AS n, keys({a: 1})[1] AS past",
     lambda g: [["a", 2, None]], False),
    # a map read by a key computed at run time; a key the map has not, a null key and a null map read null, and keys
    # are case-sensitive (TCK expressions/map/Map2 [1], [3], [4], [5]; manual, "Working with null", "The []
    # operator and null")
    ("WITH {a: 1, b: 2} AS m, 'b' AS k RETURN m[k]", lambda g: [[2]], False),
    ("WITH {name: '红色物业', docs: 2, year: null} AS m UNWIND ['name', 'docs', 'year', 'nope', null] AS k "
     "RETURN k, m[k] AS v",
     lambda g: [["name", "红色物业"], ["docs", 2], ["year", None], ["nope", None], [None, None]], False),
    ("WITH $person AS expr, 'name' AS idx RETURN expr[idx] AS value", lambda g: [["Alice"]], False),
    ("WITH {name: 'Mats', nome: 'Pontus'} AS map RETURN map['name'] AS a, map['nAMe'] AS b, map['null'] AS c",
     lambda g: [["Mats", None, None]], False),
    ("WITH null AS expr, 'x' AS idx RETURN expr[idx] AS value", lambda g: [[None]], False),
    ("WITH {name: 'Mats'} AS expr, null AS idx RETURN expr[idx] AS value", lambda g: [[None]], False),
    # a map's field compared with a value of another type: never equal, no order (manual, "Equality, ordering, and
    # comparison of value types"; the engine failed: Could not convert "x" to INT64)
    ("WITH {a: 1, b: 'x'} AS m RETURN m.a = 'x' AS eq, m.a < 'x' AS lt, m.b = 'x' AS same, m.a <> 'x' AS ne",
     lambda g: [[False, None, True, True]], False),
    ("MATCH (p:Program) WITH p, {name: p.name, docs: p.doc_count} AS m UNWIND ['name', 'docs'] AS k "
     "WITH p, k, m WHERE m[k] = 2 OR m[k] = '红色物业' RETURN p.id, k",
     lambda g: [[p["id"], "docs"] for p in g.of("Program") if p["doc_count"] == 2]
               + [[p["id"], "name"] for p in g.of("Program") if p["name"] == "红色物业"], False),
    # n[k] over properties of several types in a WHERE and in collect() (TCK expressions/graph/Graph7, "Dynamic
    # property access"; values of different types are never equal: manual, "Equality, ordering, and comparison of
    # value types"); the embedded engine refused both
    ("MATCH (n:Program) UNWIND ['name', 'doc_count'] AS k WITH n, k WHERE n[k] = 2 OR n[k] STARTS WITH '红色' "
     "RETURN n.id, k",
     lambda g: [[p["id"], "doc_count"] for p in g.of("Program") if p["doc_count"] == 2]
               + [[p["id"], "name"] for p in g.of("Program") if p["name"].startswith("红色")], False),
    ("MATCH (n:Program) UNWIND ['name', 'doc_count'] AS k WITH n, k WHERE (n)-[:SERVES]->() AND n[k] = 2 "
     "RETURN n.id, k",
     lambda g: [[p["id"], "doc_count"] for p in g.of("Program") if g.out(p["id"], "SERVES") and p["doc_count"] == 2],
     False),
    ("MATCH (n:Program) WHERE any(k IN ['name', 'doc_count', 'aliases'] WHERE n[k] = 3 OR n[k] = '红色物业') "
     "RETURN n.name",
     lambda g: [[p["name"]] for p in g.of("Program") if p["doc_count"] == 3 or p["name"] == "红色物业"], False),
    ("MATCH (n:Program) UNWIND $keys AS k WITH n, k WHERE n[k] IS NULL RETURN k, count(*)",
     lambda g: [[k, n] for k in _KEYS if (n := sum(1 for p in g.of("Program") if p.get(k) is None))], False),
    ("MATCH (n:Program) UNWIND ['name', 'doc_count', 'year'] AS k WITH n, k ORDER BY n.id "
     "RETURN k, collect(n[k]) AS vs, count(n[k]) AS c",
     lambda g: [[k, vs, len(vs)] for k in ("name", "doc_count", "year")
                for vs in [[p[k] for p in sorted(g.of("Program"), key=lambda p: p["id"]) if p.get(k) is not None]]],
     False),
    ("MATCH (n:Program {name: '红色物业'}) UNWIND ['name', 'doc_count', 'aliases', 'nope'] AS k WITH n, k ORDER BY k "
     "RETURN collect(n[k]) AS vs, collect(DISTINCT n[k]) AS ds",
     lambda g: [[[_red(g)["aliases"], _red(g)["doc_count"], "红色物业"]] * 2], False),
    # a list of integers and floats keeps each element's type (TCK expressions/literals/Literals7 [16]: an integer of a
    # mixed list stays an integer); the engine's list cast the integers ([1.0, 2.5, null])
    ("RETURN [1, 2.5, null] AS xs", lambda g: [[[1, 2.5, None]]], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, [d.year, 0.5, -1] AS xs",
     lambda g: [[d["id"], [d.get("year"), 0.5, -1]] for d in sources(g)], False),
    ("RETURN size([1, 2.5]) AS n, 2 IN [1, 2.0] AS i, [1, 2.5][0] AS first", lambda g: [[2, True, 1]], False),
]
