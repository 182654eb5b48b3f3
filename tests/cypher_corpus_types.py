"""Corpus entries (:mod:`cypher_corpus`) for comparisons of values of different types as Neo4j 5 answers them (Cypher
manual 5, "Equality, ordering, and comparison of value types": values of different types are never equal and do not
order; a comparison with null is null).  The embedded engine cast one value to the other's type (``d.year = '2023'``
counted the 2023 report, ``n.level = 1`` failed on Could not convert "区" to INT64).  Expected rows are computed in
plain Python from the loaded nodes and relationships."""

from __future__ import annotations

from cypher_expected import Expected, sources, unless_null

TYPES: list[tuple[str, Expected, bool]] = [
    # values of different types: on Neo4j 5 never equal (null where a side is null) and never ordered (null);
    # the embedded engine cast one to the other's type: d.year = '2023' counted the 2023 report, n.level = 1 failed
    # (Could not convert "区" to INT64), d.year < '2030' held
    ("MATCH (d:Document) WHERE d.year = '2023' RETURN count(d)", lambda g: [[0]], False),
    ("MATCH (n) WHERE n.level = 1 RETURN count(n)", lambda g: [[0]], False),
    ("MATCH (d:Document) RETURN count(*) AS documents, count(CASE WHEN d.year <> '2023' THEN 1 END) AS other, "
     "count(CASE WHEN d.year < '2030' OR '1900' <= d.year THEN 1 END) AS ordered",
     lambda g: [[len(g.of("Document")), sum(1 for d in g.of("Document") if d.get("year") is not None), 0]], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, d.year = '2023' AS eq, d.year <> '2023' AS ne, "
     "'2030' > d.year AS gt, d.level = 3 AS lv",
     lambda g: [[d["id"], unless_null(d.get("year"), False), unless_null(d.get("year"), True), None,
                 unless_null(d.get("level"), False)] for d in sources(g)], False),
    # … in a pattern's map (the engine cast '2023' to 2023 and 2022.5 to 2022), a parameter, a list, a relationship
    ("MATCH (d:Document {year: '2023'}) RETURN count(d)", lambda g: [[0]], False),
    ("MATCH (d:Document {kind: 'source'}) OPTIONAL MATCH (x:Document {id: d.id, year: 2022.5}) RETURN d.id, x.id",
     lambda g: [[d["id"], None] for d in sources(g)], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, d.year = $year AS given",
     lambda g: [[d["id"], unless_null(d.get("year"), False)] for d in sources(g)], False),
    ("MATCH (d:Document) WHERE d.year IN ['2022', 2023] RETURN d.id",
     lambda g: [[d["id"]] for d in g.of("Document") if d.get("year") == 2023], False),
    ("MATCH (s:Section)-[m:MENTIONS]->(p:Program) RETURN count(*) AS mentions, count(CASE WHEN '1' = m.count THEN 1 END)",
     lambda g: [[sum(1 for e in g.edges if e["type"] == "MENTIONS" and g.label(e["source"]) == "Section"
                     and g.label(e["target"]) == "Program"), 0]], False),
    ("MATCH (p:Program) RETURN count(*) AS programs, count(CASE WHEN p.aliases = '红色物业' OR 1 IN p.aliases THEN 1 END)",
     lambda g: [[len(g.of("Program")), 0]], False),
    # a simple CASE compares with =: a WHEN of another type never matches, nor WHEN null (the engine matched both)
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, CASE d.year WHEN null THEN 'unset' WHEN '2023' THEN 'this year' "
     "WHEN 2022 THEN 'last year' ELSE 'other' END",
     lambda g: [[d["id"], "last year" if d.get("year") == 2022 else "other"] for d in sources(g)], False),
    # string operators on what is not a string are null: the engine tested the number's text, and =~ on a number
    # crashed the server's process (a segmentation fault in the engine)
    ("MATCH (d:Document) RETURN count(*) AS documents, "
     "count(CASE WHEN d.year STARTS WITH '20' OR d.year CONTAINS '2' OR d.char_count ENDS WITH '3' THEN 1 END) AS text",
     lambda g: [[len(g.of("Document")), 0]], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, d.year =~ '20.*' AS year, size(d.id) =~ '2.*' AS size",
     lambda g: [[d["id"], None, None] for d in sources(g)], False),
    # =~ is a comparison, below arithmetic (the engine read p.name + ('!' =~ …) and refused it)
    ("MATCH (p:Program) WHERE p.name + '!' =~ '.*机制!' RETURN p.name",
     lambda g: [[n["name"]] for n in g.of("Program") if n["name"].endswith("机制")], False),
]
