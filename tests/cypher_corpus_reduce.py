"""Corpus entries (:mod:`cypher_corpus`) for what researchers paste from the Neo4j manual and Stack Overflow that the
embedded engine refused or answered otherwise (session 69): ``reduce()``, the empty map literal ``{}``, a map's key it
has not, and ``+`` of a string and a value whose type the text tells only through a comprehension's list or a null.

The Neo4j 5 Cypher manual: "List functions", ``reduce(accumulator = initial, variable IN list | expression)`` (the
expression evaluated for each element in turn, its value the accumulator's next one; the manual's example
``reduce(totalAge = 0, n IN nodes(p) | totalAge + n.age)``); "Maps" (a literal map, ``{}`` a map of no key; a key the
map has not reads null); "Operators", "String concatenation operators" (``+`` of a string and a number joins the
number's text); "Working with null" (an arithmetic or string operator of a null is null, so a fold meeting a null is
null); "Predicate functions", ``isEmpty()`` of a map.  Expected rows are computed in plain Python from the loaded nodes
and relationships.
"""

from __future__ import annotations

from typing import Any

from cypher_expected import Expected, Graph, sources


def _fold(values: list[Any] | None, start: Any) -> Any:
    """``reduce(s = start, x IN values | s + x)`` as Neo4j 5 answers it: null of a null list, and once the start or a
    value is null."""
    if values is None:
        return None
    acc = start
    for v in values:
        if acc is None or v is None:
            return None
        acc = acc + v
    return acc


def _years(v: Any, tail: str) -> str | None:
    """``v + tail`` of an integer or null (Neo4j joins an integer's text to a string; null + a string is null)."""
    return None if v is None else f"{v}{tail}"


def _titles(g: Graph) -> list[list[Any]]:
    """The brief's query without an order: null as soon as one document has no title (a cited one), which the samples
    hold, so the order collect() gives (unspecified) does not matter."""
    docs = sorted(g.of("Document"), key=lambda d: d["id"])
    return [[_fold([d.get("title") for d in docs], "")]]


def _section_paths(g: Graph) -> list[list[str]]:
    """The node ids of each path ``MATCH p = (d:Document {kind: 'source'})-[:HAS_SECTION*1..2]->(s:Section)`` binds."""
    paths = []
    for d in sources(g):
        frontier = [[d["id"]]]
        for _ in range(2):
            frontier = [[*path, s] for path in frontier for s in g.out(path[-1], "HAS_SECTION") if g.label(s) == "Section"]
            paths += frontier
    return paths


def _paths(g: Graph) -> list[list[Any]]:
    """The paths of :func:`_section_paths` with the folds of the query below."""
    return [[path[-1], len(path), "".join(f"{x}>" for x in path),
             _fold([g.nodes[x].get("outline_level") for x in path[1:]], 0), "HAS_SECTION" * (len(path) - 1)]
            for path in _section_paths(g)]


def _section_years(g: Graph) -> list[list[Any]]:
    rows = []
    for d in sources(g):
        for s in g.out(d["id"], "HAS_SECTION"):
            if g.label(s) != "Section":
                continue
            nodes = [d, g.nodes[s]]
            rows.append([s, [_years(n.get("year"), "年") for n in nodes],
                         [None if n.get("outline_level") is None else f"第{n['outline_level']}级" for n in nodes]])
    return rows


def _trail_rows(g: Graph) -> list[list[Any]]:
    """``MATCH p = (a:Program)-[*1..2]-(b)``: every undirected trail of 1 or 2 relationships from a Program, with its
    nodes' ids, its relationships' types and its nodes' labels joined."""
    rows: list[list[Any]] = []

    def walk(path: list[str], rels: list[int]) -> None:
        for i, _, other in g.incident(path[-1]):
            if i in rels:
                continue
            nodes, used = [*path, other], [*rels, i]
            rows.append([path[0], nodes, [g.edges[j]["type"] for j in used], "".join(f"{g.label(n)}>" for n in nodes)])
            if len(used) < 2:
                walk(nodes, used)

    for p in g.of("Program"):
        walk([p["id"]], [])
    return rows


REDUCE: list[tuple[str, Expected, bool]] = [
    # reduce() over a list of nodes, as a researcher pasted it (the engine: "does not support reduce()"): a cited
    # document has no title, and null + a string is null
    ("MATCH (d:Document) WITH collect(d) AS ds RETURN reduce(s = '', d IN ds | s + d.title)", _titles, False),
    ("MATCH (d:Document {kind: 'source'}) WITH d ORDER BY d.id WITH collect(d) AS ds "
     "RETURN reduce(s = '', d IN ds | s + d.title + '；') AS titles, reduce(n = 0, d IN ds | n + d.char_count) AS chars, "
     "reduce(n = 0, d IN ds | n + d.year) AS years",
     lambda g: [[_fold([_years(d.get("title"), "；") for d in sorted(sources(g), key=lambda d: d["id"])], ""),
                 _fold([d["char_count"] for d in sources(g)], 0), _fold([d.get("year") for d in sources(g)], 0)]], False),
    # a start, a null element, a float start, an empty list, a subtraction, a null start, a nested fold
    ("RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x) AS a, reduce(acc = 0, x IN [1, null, 3] | acc + x) AS b, "
     "reduce(s = 0.5, x IN [1, 2] | s + x * 2) AS c, reduce(s = 10, x IN range(1, 0) | s + x) AS d, "
     "reduce(s = 'x', x IN ['a', null] | s + x) AS e, reduce(s = 1, x IN [1, 2] | s - x) AS f, "
     "reduce(s = null, x IN [1] | s + x) AS h, reduce(a = 0, x IN [1, 2] | a + x * reduce(b = 0, y IN [1, 2, 3] | b + y)) AS i",
     lambda g: [[6, None, 6.5, 10, None, -2, None, 18]], False),
    # the manual's fold over a path's nodes: a count, the ids joined, a property of each (null where one has none)
    ("MATCH p = (d:Document {kind: 'source'})-[:HAS_SECTION*1..2]->(s:Section) RETURN s.id, "
     "reduce(n = 0, x IN nodes(p) | n + 1) AS hops, reduce(t = '', x IN nodes(p) | t + x.id + '>') AS ids, "
     "reduce(t = 0, x IN nodes(p)[1..] | t + x.outline_level) AS levels, "
     "reduce(t = '', r IN relationships(p) | t + type(r)) AS types", _paths, False),
    # a fold per row over each row's own list, and one over a filtered list (a null element makes the first null)
    ("MATCH (n) RETURN n.id, reduce(s = 0, a IN n.aliases | s + size(a)) AS chars, "
     "reduce(s = '', a IN n.aliases | s + a + '|') AS joined",
     lambda g: [[n["id"], _fold(None if n.get("aliases") is None else [len(a) for a in n["aliases"]], 0),
                 _fold(None if n.get("aliases") is None else [a + "|" for a in n["aliases"]], "")]
                for n in g.nodes.values()], False),
    ("MATCH (d:Document) WITH d ORDER BY d.id WITH collect(d) AS ds RETURN reduce(s = 0, d IN ds | s + d.year) AS "
     "years, reduce(s = 0, d IN [x IN ds WHERE x.year IS NOT NULL] | s + d.year) AS known",
     lambda g: [[_fold([d.get("year") for d in g.of("Document")], 0),
                 sum(d["year"] for d in g.of("Document") if d.get("year") is not None)]], False),
    # a comprehension over a variable-length path's nodes or relationships reading their properties: the engine read
    # other rows' nodes once a batch of rows held more than 2,048 of them (3,378 of these 5,469 rows of the samples)
    ("MATCH p = (a:Program)-[*1..2]-(b) RETURN a.id, [x IN nodes(p) | x.id] AS ids, "
     "[r IN relationships(p) | type(r)] AS types, reduce(t = '', x IN nodes(p) | t + labels(x)[1] + '>') AS kinds",
     _trail_rows, False),
    # + of an integer a comprehension's element holds and a string joins its text (the engine: "cannot evaluate
    # INT64 + STRING"), null of a node without it
    ("MATCH (d:Document) WITH d ORDER BY d.id WITH collect(d) AS ds RETURN [x IN ds | x.year + '年'] AS years",
     lambda g: [[[_years(d.get("year"), "年") for d in sorted(g.of("Document"), key=lambda d: d["id"])]]], False),
    ("MATCH p = (d:Document {kind: 'source'})-[:HAS_SECTION]->(s:Section) RETURN s.id, "
     "[n IN nodes(p) | n.year + '年'] AS y, [n IN nodes(p) | '第' + n.outline_level + '级'] AS l", _section_years, False),
    # the empty map literal (the engine's parser refused {}) and a key a map has not (the engine: "Invalid struct
    # field name"), null; isEmpty() of a map
    ("WITH {} AS m RETURN m, keys(m) AS k, m.a AS a, isEmpty(m) AS e, [{}] AS l, isEmpty({a: 1}) AS f",
     lambda g: [[{}, [], None, True, [{}], False]], False),
    ("WITH {a: 1} AS m RETURN m.a, keys(m), m.b AS b, m.b + 'x' AS bx", lambda g: [[1, ["a"], None, None]], False),
    ("MATCH (d:Document {kind: 'source'}) WITH d, {} AS m, null AS n RETURN d.id, m, m.place + d.id AS x, "
     "n.place + d.id AS y, isEmpty(m) AS e",
     lambda g: [[d["id"], {}, None, None, True] for d in sources(g)], False),
    # two comprehensions of one variable over lists of two types (the engine: "Variable x is not in scope", as the
    # first was typed by the second's list); the manual's "List comprehension": each variable is its own
    ("MATCH (p:Program) RETURN p.id, [x IN ['市', '省'] | x + p.name] AS a, [x IN range(1, p.doc_count) | x + 1] AS b, "
     "[x IN p.aliases | x + '!'] AS c",
     lambda g: [[p["id"], ["市" + p["name"], "省" + p["name"]], [x + 1 for x in range(1, p["doc_count"] + 1)],
                 None if p.get("aliases") is None else [a + "!" for a in p["aliases"]]] for p in g.of("Program")], False),
    # a quantifier as a CASE's condition (the engine took every one for false: the first sum was 0 on the samples and
    # on the 96 reports, where 40 nodes hold such an alias); the manual's "Predicate functions", a null list null
    ("MATCH (n) RETURN sum(CASE WHEN any(a IN n.aliases WHERE a CONTAINS '党') THEN 1 ELSE 0 END) AS c, "
     "count(CASE WHEN all(a IN n.aliases WHERE size(a) > 3) THEN 1 END) AS d, "
     "sum(CASE WHEN none(a IN n.aliases WHERE a CONTAINS '党') THEN 1 ELSE 0 END) AS e, "
     "sum(CASE WHEN single(a IN n.aliases WHERE size(a) > 3) THEN 1 ELSE 0 END) AS f, "
     "CASE WHEN any(v IN [1, null] WHERE v IS NULL) THEN 'y' ELSE 'n' END AS g",
     lambda g: [[sum(1 for n in g.nodes.values() if n.get("aliases") is not None and any("党" in a for a in n["aliases"])),
                 sum(1 for n in g.nodes.values() if n.get("aliases") is not None and all(len(a) > 3 for a in n["aliases"])),
                 sum(1 for n in g.nodes.values() if n.get("aliases") is not None
                     and not any("党" in a for a in n["aliases"])),
                 sum(1 for n in g.nodes.values() if n.get("aliases") is not None
                     and sum(len(a) > 3 for a in n["aliases"]) == 1), "y"]], False),
    # null + a string is null (the engine: "cannot evaluate ANY + STRING")
    ("WITH null AS m RETURN m.a + 'x' AS a, null + '年' AS b, '年' + null AS c, m.a + 1 AS d, 'a' + null + 'b' AS e",
     lambda g: [[None, None, None, None, None]], False),
]


def _tails(g: Graph) -> list[list[Any]]:
    """The paths of :func:`_section_paths` read past their first node: the sum of the sections' outline levels, their
    ids, and the relationships after the first."""
    return [[path[-1], _fold([g.nodes[x].get("outline_level") for x in path[1:]], 0), path[1:], len(path) - 2]
            for path in _section_paths(g)]


#: Session 69: an element's type told only through a WITH alias of a list (the engine: "cannot evaluate STRING + INT64";
#: the manual's "String concatenation operators": a number's text is joined), and tail() as the list of reduce(), a
#: comprehension or a quantifier (refused as "head(), last() and tail() inside a list comprehension"; the manual's
#: reduce(… n IN tail(nodes(p)) …) form, "List functions").
REDUCE_69: list[tuple[str, Expected, bool]] = [
    ("WITH [1, 2] AS xs, ['a', 'b'] AS ys RETURN [x IN xs | x + 'a'] AS a, reduce(s = '', x IN xs | s + x) AS b, "
     "[y IN ys | y + 1] AS c, reduce(s = '', y IN ys | s + y + 0) AS d",
     lambda g: [[["1a", "2a"], "12", ["a1", "b1"], "a0b0"]], False),
    ("MATCH (d:Document) WITH d ORDER BY d.id WITH collect(d.year) AS ys RETURN [y IN ys | y + '年'] AS a, "
     "reduce(s = '', y IN ys | s + y + ';') AS b",
     lambda g: [[[f"{y}年" for y in ys], "".join(f"{y};" for y in ys)]
                for ys in [[d["year"] for d in sorted(g.of("Document"), key=lambda d: d["id"]) if d.get("year") is not None]]],
     False),
    # a list literal of a property and a sum of numbers (the sum's type is told by its terms')
    ("MATCH (d:Document) WHERE d.year IS NOT NULL WITH d.id AS id, [d.year, d.year + 1] AS ys RETURN id, "
     "[y IN ys | y + '年'] AS a, reduce(s = '', y IN ys | s + y) AS b",
     lambda g: [[d["id"], [f"{d['year']}年", f"{d['year'] + 1}年"], f"{d['year']}{d['year'] + 1}"]
                for d in g.of("Document") if d.get("year") is not None], False),
    ("MATCH p = (d:Document {kind: 'source'})-[:HAS_SECTION*1..2]->(s:Section) RETURN s.id, "
     "reduce(n = 0, x IN tail(nodes(p)) | n + x.outline_level) AS levels, [x IN tail(nodes(p)) | x.id] AS ids, "
     "size([r IN tail(relationships(p)) WHERE r.doc_id = d.id]) AS deeper", _tails, False),
    ("MATCH (n) WHERE size(n.aliases) > 1 RETURN n.id, tail(n.aliases) AS t, [a IN tail(n.aliases) | a + '!'] AS a, "
     "all(a IN tail(n.aliases) WHERE size(a) > 2) AS b",
     lambda g: [[n["id"], n["aliases"][1:], [a + "!" for a in n["aliases"][1:]], all(len(a) > 2 for a in n["aliases"][1:])]
                for n in g.nodes.values() if n.get("aliases") is not None and len(n["aliases"]) > 1], False),
]
