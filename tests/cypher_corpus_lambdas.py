"""Corpus entries (:mod:`cypher_corpus`) for list comprehensions and quantifiers as Neo4j 5 answers them, where the
embedded engine answered wrongly (session 68): two lambdas over one list left the first one's mapping ``''`` or ``0``
(72 of 396 rows of the samples), a quantifier read a null predicate as false (``any(a IN n.aliases WHERE n.Name = a)``
false, ``none(…)`` true), ``x.place + '!'`` of a comprehension's own element was ``'!'`` for a node without a place,
and a filter's list read another row's null.  The Neo4j 5 Cypher manual: "Lists" ("List comprehension": the mapping
of each element, the elements the WHERE keeps; a null list is null), "Predicate functions" (any(), all(), none(): null
when the predicate is null for an element and no other element settles it), "Working with null" (null + a string is
null; NOT null is null, and a WHERE keeps only true); single() as the openCypher TCK's quantifier features (false once
two elements make the predicate true, else null if one makes it null).  Expected rows are computed in plain Python
from the loaded nodes.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from cypher_expected import Expected, Graph


def _quantifier(kind: str, values: list[bool | None] | None) -> bool | None:
    """What Neo4j 5's ``any``/``all``/``none``/``single`` answer over the predicate's value for each element of a list
    (``None``: the list is null)."""
    if values is None:
        return None
    true, false, null = values.count(True), values.count(False), values.count(None)
    if kind == "any":
        return True if true else (None if null else False)
    if kind == "all":
        return False if false else (None if null else True)
    if kind == "none":
        return False if true else (None if null else True)
    return False if true > 1 else (None if null else true == 1)


def _mapped(xs: list[Any] | None, f: Any = None, keep: Any = None) -> list[Any] | None:
    """``[x IN xs WHERE keep(x) | f(x)]`` as Neo4j answers it: null of a null list, an element kept only when the
    predicate is true."""
    if xs is None:
        return None
    return [f(x) if f else x for x in xs if keep is None or keep(x) is True]


def _null_or(a: bool | None, b: bool | None) -> bool | None:
    return True if True in (a, b) else (None if None in (a, b) else False)


def _two_lambdas(g: Graph) -> list[list[Any]]:
    rows = []
    for n in g.nodes.values():
        al = n.get("aliases")
        rows.append([n["id"], _mapped(al, lambda a: a + "!"), _mapped(al), _mapped(al, lambda a: len(a) + 1),
                     _quantifier("any", _mapped(al, lambda a: len(a) > 3)),
                     None if al is None else len(_mapped(al, None, lambda a: len(a) > 2) or [])])
    return rows


def _two_lambdas_counted(g: Graph) -> list[list[Any]]:
    counts = Counter(json.dumps([_mapped(n.get("aliases"), lambda a: a + "!"), _mapped(n.get("aliases"))],
                                ensure_ascii=False) for n in g.nodes.values())
    return [[*json.loads(key), c] for key, c in counts.items()]


def _null_predicates(g: Graph) -> list[list[Any]]:
    rows = []
    for n in g.nodes.values():
        al, name, place = n.get("aliases"), n["name"], n.get("place")
        unknown = _mapped(al, lambda a: None)  # n.Name = a: n.Name is null (Neo4j's keys have their case)
        pair = [None if place is None else place == name, True]  # x = n.name over [n.place, n.name]
        rows.append([n["id"], *(_quantifier(k, unknown) for k in ("any", "all", "none", "single")),
                     *(_quantifier(k, pair) for k in ("any", "all", "single"))])
    return rows


def _kept_by_null_predicates(g: Graph) -> list[list[Any]]:
    rows = []
    for n in g.nodes.values():
        al, place = n.get("aliases"), n.get("place")
        found = _quantifier("any", _mapped(al, lambda a: None))
        kept = _null_or(None if found is None else not found,
                        _quantifier("none", None if al is None else [None if place is None else a == place for a in al]))
        if kept is True:
            rows.append([n["id"]])
    return rows


def _places(g: Graph) -> list[list[Any]]:
    counts = Counter(None if d.get("place") is None else d["place"] + "!" for d in g.of("Document"))
    return [[v, c] for v, c in counts.items()]


LAMBDAS: list[tuple[str, Expected, bool]] = [
    # two comprehensions, a quantifier and a filter over one list in one RETURN: each is its own ("Lists", "List
    # comprehension"; the engine's first mapping came back '' or 0 beside the others)
    ("MATCH (n) RETURN n.id, [a IN n.aliases | a + '!'] AS x, [a IN n.aliases | a] AS y, [a IN n.aliases | size(a) + 1] "
     "AS z, any(a IN n.aliases WHERE size(a) > 3) AS w, size([a IN n.aliases WHERE size(a) > 2]) AS v",
     _two_lambdas, False),
    ("MATCH (n) RETURN [a IN n.aliases | a + '!'] AS x, [a IN n.aliases | a] AS y, count(*) AS c",
     _two_lambdas_counted, False),
    # a predicate null for an element: any() and none() null unless an element makes it true, all() null unless one
    # makes it false, single() null unless two make it true ("Predicate functions"; the engine read null as false)
    ("MATCH (n) RETURN n.id, any(a IN n.aliases WHERE n.Name = a) AS a, all(a IN n.aliases WHERE n.Name = a) AS b, "
     "none(a IN n.aliases WHERE n.Name = a) AS c, single(a IN n.aliases WHERE n.Name = a) AS d, "
     "any(x IN [n.place, n.name] WHERE x = n.name) AS e, all(x IN [n.place, n.name] WHERE x = n.name) AS f, "
     "single(x IN [n.place, n.name] WHERE x = n.name) AS g",
     _null_predicates, False),
    # the openCypher TCK's quantifier features over lists holding null: null unless an element settles the answer;
    # two trues settle single() false; an empty list is false for any() and single(), true for all() and none()
    ("RETURN any(x IN [0, null] WHERE x = 2) AS a, all(x IN [2, null] WHERE x = 2) AS b, none(x IN [0, null] WHERE "
     "x = 2) AS c, single(x IN [2, null] WHERE x = 2) AS d, single(x IN [2, 2, null] WHERE x = 2) AS e, any(x IN [] "
     "WHERE x = 2) AS f, all(x IN [] WHERE x = 2) AS g, none(x IN [2, null] WHERE x = 2) AS h, single(x IN [1, 2] "
     "WHERE x = 2) AS i",
     lambda g: [[None, None, None, None, False, False, True, False, True]], False),
    # a list of 2,048 maps read by field, and a longer list of numbers (the engine reads lambdas' lists in slices of
    # 2,048; a longer list read by field is refused, see test_what_the_engine_cannot_bind_is_refused_with_what_to_write)
    ("UNWIND range(1, 2048) AS i WITH collect({a: i}) AS ms RETURN size([m IN ms WHERE m.a > 2000]) AS a, "
     "[m IN ms | m.a][2047] AS b, any(m IN ms WHERE m.a = 2048) AS c",
     lambda g: [[48, 2048, True]], False),
    ("UNWIND range(1, 5000) AS i WITH collect(i) AS xs RETURN size([x IN xs WHERE x % 7 = 0]) AS a, "
     "[x IN xs | x * 2][4999] AS b, all(x IN xs WHERE x > 0) AS c",
     lambda g: [[714, 10000, True]], False),
    # NOT null is null, and a WHERE keeps only true ("Working with null"; the engine kept every node with aliases)
    ("MATCH (n) WHERE NOT any(a IN n.aliases WHERE n.Name = a) OR none(a IN n.aliases WHERE a = n.place) RETURN n.id",
     _kept_by_null_predicates, False),
    # null + a string is null for a comprehension's own element's property too ("Working with null"; the engine
    # answered '!' for a document without a place), beside another comprehension of the list and in its WHERE
    ("MATCH (d:Document) RETURN d.id, [x IN [d] | x.place + '!'] AS a, [x IN [d] | x.name + '?'] AS b, "
     "[x IN [d] WHERE x.place + '!' IS NULL | x.id] AS c",
     lambda g: [[d["id"], [None if d.get("place") is None else d["place"] + "!"], [d["name"] + "?"],
                 [d["id"]] if d.get("place") is None else []] for d in g.of("Document")], False),
    ("MATCH (d:Document) WITH collect(d) AS ns UNWIND [x IN ns | x.place + '!'] AS v RETURN v, count(*) AS c",
     _places, False),
    # a filter's list is the row's own: [] where no element is kept, null only of a null list ("List comprehension")
    ("MATCH (d:Document) RETURN d.id, [a IN d.aliases WHERE size(a) > 2] AS a, [a IN d.aliases WHERE size(a) > 2 | "
     "a + '!'] AS b",
     lambda g: [[d["id"], _mapped(d.get("aliases"), None, lambda a: len(a) > 2),
                 _mapped(d.get("aliases"), lambda a: a + "!", lambda a: len(a) > 2)] for d in g.of("Document")], False),
    ("MATCH (n) WHERE n.aliases IS NULL OR size(n.aliases) < 2 RETURN n.id, [a IN n.aliases WHERE a CONTAINS '文件'] AS x",
     lambda g: [[n["id"], _mapped(n.get("aliases"), None, lambda a: "文件" in a)] for n in g.nodes.values()
                if n.get("aliases") is None or len(n["aliases"]) < 2], False),
    # a filter over a slice of the list or over another comprehension, and a quantifier reading an index of its list
    # (the engine could not parse the first, answered the second's mapping '' and the third false where true)
    ("MATCH (n) RETURN n.id, [a IN n.aliases[1..] WHERE size(a) > 2] AS x, [a IN [b IN n.aliases | b + '!'] WHERE "
     "size(a) > 3 | a + '?'] AS y, any(a IN n.aliases WHERE a = n.aliases[-1]) AS z",
     lambda g: [[n["id"], _mapped(None if n.get("aliases") is None else n["aliases"][1:], None, lambda a: len(a) > 2),
                 _mapped(_mapped(n.get("aliases"), lambda b: b + "!"), lambda a: a + "?", lambda a: len(a) > 3),
                 _quantifier("any", None if n.get("aliases") is None else [a == n["aliases"][-1] for a in n["aliases"]])]
                for n in g.nodes.values()], False),
]


def _levels(level: Any, levels: list[str]) -> list[str]:
    """``[l IN levels WHERE l = level | l + '级']``: the level's own entry, none for a null level (null = 'x' is null)."""
    return [f"{x}级" for x in levels if level is not None and x == level]


def _kind(n: dict[str, Any]) -> str:
    """The nested CASE of the entry below, with its quantifier, as Neo4j 5 answers it for a node with aliases."""
    aliases = n.get("aliases")
    if aliases is not None and len(aliases) > 0:
        return "extends" if all(n["name"] in a for a in aliases) else "varies"
    return "building" if n["name"].endswith("建设") else "plain"


#: Session 69's sweep of the manual's forms: a filter with a mapping whose test reads a value of the row mapped the
#: elements of another row's filter, or none (66 of the 67 work reports' rows wrong for the second entry's first
#: column, 202 of the 535 Programs with aliases for the first's first); the manual's "Lists", "List comprehension",
#: and "CASE" (a list comprehension as a result, CASE inside CASE with quantifiers as conditions).
LAMBDAS_69: list[tuple[str, Expected, bool]] = [
    ("MATCH (n) RETURN n.id, [a IN n.aliases WHERE a CONTAINS n.name | a + '!'] AS a, "
     "[l IN ['国', '省', '市', '区'] WHERE l = n.level | l + '级'] AS b",
     lambda g: [[n["id"], _mapped(n.get("aliases"), lambda a, n=n: a + "!", lambda a, n=n: n["name"] in a),
                 _levels(n.get("level"), ["国", "省", "市", "区"])] for n in g.nodes.values()], False),
    ("WITH ['国', '省', '市', '区'] AS levels MATCH (d:Document) RETURN d.id, CASE WHEN d.level IN "
     "levels THEN [l IN levels WHERE l = d.level | l + '级'] ELSE [] END AS k, "
     "[y IN [2020, 2022, 2024] WHERE y >= d.year | y - d.year] AS ahead",
     lambda g: [[d["id"], _levels(d.get("level"), ["国", "省", "市", "区"]),
                 [y - d["year"] for y in (2020, 2022, 2024) if d.get("year") is not None and y >= d["year"]]]
                for d in g.of("Document")], False),
    # a mapping over an inner filter that reads the row ([] for 66 of the 67 work reports)
    ("MATCH (n) RETURN n.id, [x IN [y IN [2005, 2010, 2020, 2024] WHERE y <= n.year] | x + 1] AS a, "
     "[x IN [a IN n.aliases WHERE a STARTS WITH left(n.name, 1)] | x + '!'] AS b",
     lambda g: [[n["id"], [y + 1 for y in (2005, 2010, 2020, 2024) if n.get("year") is not None and y <= n["year"]],
                 _mapped(n.get("aliases"), lambda a: a + "!", lambda a, n=n: a.startswith(n["name"][:1]))]
                for n in g.nodes.values()], False),
    # a quantifier, a filter, an index and head() over a filter that reads the row (every row the first's)
    ("MATCH (d:Document) RETURN d.id, any(x IN [y IN [2005, 2010, 2020, 2024] WHERE y <= d.year] WHERE x > 2008) AS a, "
     "size([x IN [y IN [2005, 2010, 2020, 2024] WHERE y <= d.year] WHERE x > 2008]) AS b, "
     "[y IN [2005, 2010, 2020, 2024] WHERE y <= d.year | y][0] AS c, "
     "head([y IN [2005, 2010, 2020, 2024] WHERE y <= d.year | toString(y)]) AS h",
     lambda g: [[d["id"], any(x > 2008 for x in ys), sum(1 for x in ys if x > 2008), ys[0] if ys else None,
                 str(ys[0]) if ys else None]
                for d in g.of("Document")
                for ys in [[y for y in (2005, 2010, 2020, 2024) if d.get("year") is not None and y <= d["year"]]]], False),
    # toString(), round() and a reduce() joining strings over such a filter (the filter's elements are integers)
    ("MATCH (d:Document) RETURN d.id, toString([y IN [2005, 2010, 2020, 2024] WHERE y <= d.year][0]) AS a, "
     "round(toFloat(size([y IN [2005, 2010, 2020, 2024] WHERE y <= d.year])) / 4) AS b, "
     "reduce(s = '', x IN [y IN [2005, 2010, 2020, 2024] WHERE y <= d.year] | s + x) AS c",
     lambda g: [[d["id"], str(ys[0]) if ys else None, float(int(len(ys) / 4 + 0.5)), "".join(map(str, ys))]
                for d in g.of("Document")
                for ys in [[y for y in (2005, 2010, 2020, 2024) if d.get("year") is not None and y <= d["year"]]]], False),
    # STARTS WITH and CONTAINS of a value read from such a filter (the operand is tested for a string by a lambda)
    ("MATCH (d:Document) RETURN d.id, head([y IN [2005, 2010, 2020, 2024] WHERE y <= d.year | toString(y)]) "
     "STARTS WITH '20' AS a, [y IN [2005, 2010, 2020, 2024] WHERE y <= d.year | toString(y)][0] CONTAINS '1' AS b",
     lambda g: [[d["id"], True if ys else None, ("1" in str(ys[0])) if ys else None]
                for d in g.of("Document")
                for ys in [[y for y in (2005, 2010, 2020, 2024) if d.get("year") is not None and y <= d["year"]]]], False),
    ("MATCH (n) WHERE n:Program OR n:Goal RETURN n.id, CASE WHEN size(n.aliases) > 0 THEN CASE WHEN all(a IN "
     "n.aliases WHERE a CONTAINS n.name) THEN 'extends' ELSE 'varies' END ELSE CASE WHEN n.name ENDS WITH '建设' THEN "
     "'building' ELSE 'plain' END END AS kind",
     lambda g: [[n["id"], _kind(n)] for n in g.nodes.values() if n["label"] in ("Program", "Goal")], False),
]
