"""Corpus entries (:mod:`cypher_corpus`) for comparisons of values of different types as Neo4j 5 answers them (Cypher
manual 5, "Equality, ordering, and comparison of value types": values of different types are never equal and do not
order; a comparison with null is null).  The embedded engine cast one value to the other's type (``d.year = '2023'``
counted the 2023 report, ``n.level = 1`` failed on Could not convert "区" to INT64), also through a ``WITH`` or
``UNWIND`` alias and a list comprehension's variable (``WITH 1 AS x RETURN x < 'a'`` failed the same way).  Expected
rows are computed in plain Python from the loaded nodes and relationships."""

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
    # … through a WITH alias, an UNWIND alias and a list comprehension's variable (the engine: Could not convert "a" to
    # INT64), each side a literal, a property or such a variable (openCypher TCK expressions/comparison/Comparison2
    # [3], "Comparing across types yields null, except numbers"); x IN a list of no equal value and no null is false
    # (Cypher manual 5, Operators, "List operators": IN)
    ("WITH 1 AS x, 'a' AS y RETURN x < 'a' AS lt, x = 'a' AS eq, x <> 'a' AS ne, x IN ['a', 'b'] AS inn, x >= y AS ge, "
     "x = y AS same, 1 < 'a' AS lit",
     lambda g: [[None, False, True, False, None, False, None]], False),
    ("UNWIND ['a', 'b', null] AS v RETURN v, v > 0 AS gt, v = 1 AS eq, v IN [1, 2] AS inn",
     lambda g: [["a", None, False, False], ["b", None, False, False], [None, None, None, None]], False),
    ("RETURN [v IN ['a', 'b'] WHERE v > 0] AS kept, [v IN ['a', 'b'] | v = 1] AS eq",
     lambda g: [[[], [False, False]]], False),
    ("MATCH (d:Document {kind: 'source'}) WITH d.id AS id, d.year AS y "
     "RETURN id, y = '2023' AS eq, y < '2030' AS lt, y IN ['2023', '2024'] AS inn, y = 2023 AS year",
     lambda g: [[d["id"], unless_null(d.get("year"), False), None, unless_null(d.get("year"), False),
                 unless_null(d.get("year"), d.get("year") == 2023)] for d in sources(g)], False),
    ("MATCH (p:Program) RETURN p.name, [a IN p.aliases WHERE a > 1] AS big, any(a IN p.aliases WHERE a = 1) AS one",
     lambda g: [[p["name"], [], False] for p in g.of("Program")], False),
    # + of a string and a number through a WITH alias joins the number's text, as Neo4j's add does (the engine refused
    # +(STRING,INT64) where the text did not tell the alias's type)
    ("MATCH (d:Document {kind: 'source'}) WHERE d.year IS NOT NULL WITH d.id AS id, d.year AS y, 0.5 AS h "
     "RETURN id, '第' + y + '年' AS label, h + '字' AS half",
     lambda g: [[d["id"], f"第{d['year']}年", "0.5字"] for d in sources(g) if d.get("year") is not None], False),
]
