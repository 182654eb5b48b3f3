"""Corpus entries (:mod:`cypher_corpus`) for property and map keys read with their case, a static bracket key compared
with a value of another type, a null's keys or labels indexed, and map keys that are keywords, as Neo4j 5 answers them
(each cites the Neo4j 5 Cypher manual or the openCypher TCK's feature file), where the embedded engine read a key
without case (``n.Name`` and ``n['Name']`` read ``name``), failed on a conversion (``p['doc_count'] = 'x'``), refused
to index a null (``keys(null)[0]``) or could not parse the map (``{exists: 42}``), session 67; and where it read a
node's key without case through a list or an alias (``[x IN collect(n) | x.Name]``), answered a comprehension's
``n.Name + a`` as ``a`` or refused ``keys(m)[0]`` of ``WITH null AS m``, session 68.  Expected rows are
computed in plain Python from the loaded nodes and relationships.
"""

from __future__ import annotations

from typing import Any

from cypher_expected import Expected, Graph


def _red(g: Graph) -> dict[str, Any]:
    return g.by_name("Program", "红色物业")


CASE: list[tuple[str, Expected, bool]] = [
    # property keys are case-sensitive (Neo4j 5 Cypher manual, "Naming rules and recommendations": names are
    # case-sensitive; "Working with null": a property a node does not have is null): n.Name of a node holding `name`
    # is null, by a dot, a literal key, in a WHERE, an aggregate and a pattern's property map
    ("MATCH (n:Program) RETURN n.id, n.Name, n['Name'], n['name'] = n.name AS same",
     lambda g: [[p["id"], None, None, True] for p in g.of("Program")], False),
    ("MATCH (n) WHERE n.Name IS NOT NULL OR n.NAME IS NOT NULL RETURN count(n)", lambda g: [[0]], False),
    ("MATCH (n:Program) WHERE n.Name = n.name OR n.Name STARTS WITH '红' OR n.Doc_count > 0 RETURN count(*)",
     lambda g: [[0]], False),
    ("MATCH (n:Program) RETURN count(n.Name) AS c, collect(n.Doc_count) AS xs, sum(n.Doc_count) AS s, min(n.Name) AS m",
     lambda g: [[0, [], 0, None]], False),
    ("MATCH (n:Program {name: '红色物业'}) RETURN n.Name + '!' AS a, n.Aliases[0] AS b, size(n.ALIASES) AS c",
     lambda g: [[None, None, None]], False),
    ("MATCH (n:Program {name: '红色物业'}) RETURN [a IN n.aliases | n.Name] AS a, [a IN n.aliases WHERE n.Name IS NULL] AS b",
     lambda g: [[[None] * len(_red(g)["aliases"]), _red(g)["aliases"]]], False),
    ("MATCH (s:Section)-[r:MENTIONS]->(p:Program {name: '红色物业'}) RETURN s.id, r.Doc_id IS NULL AS none, "
     "r['doc_id'] = r.doc_id AS same",
     lambda g: [[e["source"], True, True] for e in g.edges if e["type"] == "MENTIONS" and e["target"] == _red(g)["id"]
                and g.label(e["source"]) == "Section"], False),
    ("MATCH (p:Program {Name: '红色物业'}) RETURN count(p)", lambda g: [[0]], False),
    ("MATCH (b:Body) OPTIONAL MATCH (b)-[r:LEADS {Doc_id: b.id}]->(p) RETURN b.id, count(r)",
     lambda g: [[b["id"], 0] for b in g.of("Body")], False),
    # labels are case-sensitive too (the same page: :PERSON, :Person and :person are three labels); a label
    # expression answered so before (a pattern naming :program is refused, naming Program)
    ("MATCH (n:Program) WHERE n:program OR n:PROGRAM RETURN count(n)", lambda g: [[0]], False),
    # a map's keys are case-sensitive (TCK expressions/map/Map2 [5]: map['nAMe'] is null), by a dot and of a parameter
    ("WITH {name: '红色物业'} AS m RETURN m.Name AS a, m['NAME'] AS b, m.name AS c",
     lambda g: [[None, None, "红色物业"]], False),
    ("RETURN $person.Name AS a, $person['AGE'] AS b, $person.name AS c", lambda g: [[None, None, "Alice"]], False),
    ("WITH {name: 'Mats', Name: 'Pontus'} AS map RETURN map.name AS a, map AS m",
     lambda g: [["Mats", {"name": "Mats", "Name": "Pontus"}]], False),
    # a static bracket key is the property (TCK expressions/graph/Graph7, "Dynamic property access"), so a value of
    # another type is never equal to it (manual, "Equality, ordering, and comparison of value types"; the engine
    # failed: Could not convert "x" to INT64)
    ("MATCH (p:Program) RETURN p.id, p['doc_count'] = 'x' AS eq, p['doc_count'] <> 'x' AS ne, p['name'] = 1 AS n",
     lambda g: [[p["id"], False, True, False] for p in g.of("Program")], False),
    ("MATCH (p:Program) WHERE p['doc_count'] = 'x' OR p['name'] = '红色物业' RETURN p.id",
     lambda g: [[_red(g)["id"]]], False),
    # keys(null) and labels(null) are null (manual, "List functions": keys(null) and labels(null) return null), and so
    # is null indexed or sliced ("Working with null": most expressions that take null produce null)
    ("RETURN keys(null)[0] AS k, labels(null)[0] AS l, keys(null)[1..] AS s, labels(null)[-1] AS e",
     lambda g: [[None, None, None, None]], False),
    # a keyword is a map key (TCK expressions/map/Map3 [5], `WITH {exists: 42, notMissing: null} AS map`; the engine's
    # parser read it as its keyword)
    ("WITH {exists: 42, notMissing: null} AS map RETURN 'exists' IN keys(map) AS a, map.exists AS b, map['exists'] AS c",
     lambda g: [[True, 42, 42]], False),
    ("RETURN {exists: 42, null: 1, order: 2, match: 3} AS m", lambda g: [[{"exists": 42, "null": 1, "order": 2, "match": 3}]],
     False),
    # session 68: a node read through a list or an alias is read with its key's case too ("Naming rules and
    # recommendations", as above; "Lists", "List comprehension": the variable is each element of the list in turn;
    # "Predicate functions" for any()/all(); the engine read x.Name as name): a comprehension's or quantifier's
    # variable over collect(n), an UNWIND or WITH alias, head()/last()/an index of the collected list, nodes() and
    # relationships() of a path, a list literal of nodes
    ("MATCH (n:Program) WITH collect(n) AS ns RETURN [x IN ns | x.Name] AS a, [x IN ns | x.Name + '!'] AS b, "
     "[x IN ns | coalesce(x.Name, '?')] AS c, any(x IN ns WHERE x.Name IS NOT NULL) AS d, all(x IN ns WHERE x.Name IS "
     "NULL) AS e, size([x IN ns WHERE x.Name IS NULL]) AS f",
     lambda g: [[[None] * len(g.of("Program")), [None] * len(g.of("Program")), ["?"] * len(g.of("Program")), False, True,
                 len(g.of("Program"))]], False),
    ("MATCH (n:Program) RETURN size([x IN collect(n) WHERE x['Name'] IS NULL]) AS a, [x IN collect(n) | x.NAME][0] AS b",
     lambda g: [[len(g.of("Program")), None]], False),
    ("MATCH (n:Program) WITH collect(n) AS ns UNWIND ns AS x RETURN x.id, x.Name, x['Name'], x.name = x['name'] AS same",
     lambda g: [[p["id"], None, None, True] for p in g.of("Program")], False),
    ("MATCH (n:Program) WITH n AS m RETURN m.id, m.Name, coalesce(m.Name, m.name) = m.name AS same",
     lambda g: [[p["id"], None, True] for p in g.of("Program")], False),
    ("MATCH (n:Program) WITH collect(n) AS ns WITH head(ns) AS h, ns[1] AS i, last(tail(ns)) AS l "
     "RETURN h.Name, i.Name, l.Name, h.name IS NULL AS missing",
     lambda g: [[None, None, None, False]], False),
    ("MATCH p = (b:Body)-[:LEADS]->(x:Program) RETURN b.id, x.id, [y IN nodes(p) | y.Name] AS a, "
     "[r IN relationships(p) | r.Doc_id] AS c, [y IN [b, x] | y.Name] AS d",
     lambda g: [[e["source"], e["target"], [None, None], [None], [None, None]] for e in g.edges
                if e["type"] == "LEADS" and g.label(e["source"]) == "Body" and g.label(e["target"]) == "Program"], False),
    ("MATCH (n:Program) WITH collect(n) AS ns RETURN head(ns).Name AS a, ns[0].Name AS b, last(ns).Name + '!' AS c, "
     "(ns[0]).Name AS d, tail(ns)[0].NAME AS e, ns[-1].Name AS f, ns[0].name IS NOT NULL AS g",
     lambda g: [[None] * 6 + [True]], False),
    ("MATCH p = (b:Body)-[:LEADS]->(x:Program) RETURN b.id, x.id, nodes(p)[0].Name AS a, last(nodes(p)).Name AS c, "
     "relationships(p)[0].Doc_id AS d, nodes(p)[1].id = x.id AS e",
     lambda g: [[e["source"], e["target"], None, None, None, True] for e in g.edges
                if e["type"] == "LEADS" and g.label(e["source"]) == "Body" and g.label(e["target"]) == "Program"], False),
    # null plus a string is null in a comprehension's body too ("Working with null": most expressions that take null
    # as input produce null; the engine's lambda read the null as '' and answered the alias)
    ("MATCH (n:Program) RETURN n.id, [a IN n.aliases | n.Name + a] AS a, [a IN n.aliases | 'x' + n.Name + a] AS b, "
     "[a IN n.aliases WHERE n.Name + a IS NULL] AS c",
     lambda g: [[p["id"], [None] * len(p["aliases"]), [None] * len(p["aliases"]), p["aliases"]] for p in g.of("Program")],
     False),
    ("MATCH (d:Document) RETURN d.id, [t IN ['：'] | d.place + t + d.title] AS a, "
     "[t IN ['：', '；'] WHERE t <> '；' | d.place + t] AS b, any(t IN ['：'] WHERE d.place + t IS NULL) AS c",
     lambda g: [[d["id"], [None if d.get("place") is None or d.get("title") is None else f"{d['place']}：{d['title']}"],
                 [None if d.get("place") is None else d["place"] + "："], d.get("place") is None] for d in g.of("Document")],
     False),
    # keys() and labels() of null are null, and so is null indexed or read by a key ("List functions": keys(null) and
    # labels(null) return null; "Working with null": a property of null is null), of a variable only ever null or a
    # parameter given null too (the engine typed the null a number and refused "only a list can be indexed")
    ("WITH null AS m RETURN keys(m)[0] AS a, keys(m)[1..] AS b, labels(m)[0] AS c, m[0] AS d, m.a AS e, m['a'] AS f, "
     "keys(m) AS g, labels(m) AS h", lambda g: [[None] * 8], False),
    ("RETURN keys($nothing)[0] AS a, keys($nothing) AS b, $nothing.name AS c, $nothing[0] AS d",
     lambda g: [[None] * 4], False),
]
