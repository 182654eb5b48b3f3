"""Corpus entries (:mod:`cypher_corpus`) for Neo4j 5's arithmetic and operators on values, where the embedded
engine answered otherwise or refused (a researcher's walkthrough over the national and provincial work reports,
session 63).  Expected rows are computed in plain Python from the loaded nodes and relationships."""

from __future__ import annotations

import datetime
import math
import statistics

from cypher_expected import Expected, sources


def half_up(x: float) -> float:
    """``round(x)`` as Neo4j 5 rounds: to the nearest integer, a tie towards positive infinity, as a float."""
    return float(math.floor(x + 0.5))


VALUES: list[tuple[str, Expected, bool]] = [
    # round() of a negative tie: -11.5 is -11.0 on Neo4j (the engine rounded away from zero, -12.0); an odd year or
    # character count halved makes one
    ("MATCH (d:Document {kind: 'source'}) WHERE d.year IS NOT NULL "
     "RETURN d.id, round((2000 - d.year) / 2.0) AS r, round(-d.char_count / 2.0, 0) AS r0, round(d.char_count / 2.0) AS up",
     lambda g: [[d["id"], half_up((2000 - d["year"]) / 2), half_up(-d["char_count"] / 2), half_up(d["char_count"] / 2)]
                for d in sources(g) if d.get("year") is not None], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN [x IN [-d.char_count / 2.0, -0.4] | round(x)] AS r",
     lambda g: [[[half_up(-d["char_count"] / 2), 0.0]] for d in sources(g)], False),
    # a chain of comparisons is their conjunction (the engine: "Non-binary comparison is not supported"), and NOT
    # before it applies to all of it
    ("MATCH (d:Document {kind: 'source'}) WHERE 2022 <= d.year < 2024 RETURN d.id",
     lambda g: [[d["id"]] for d in sources(g) if d.get("year") is not None and 2022 <= d["year"] < 2024], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, NOT 0 < d.char_count <= 3000 AS long, "
     "d.year < 2023 < 2024 AS early, 2020 < d.year = 2022 AS y2022",
     lambda g: [[d["id"], not 0 < d["char_count"] <= 3000, None if d.get("year") is None else d["year"] < 2023,
                 None if d.get("year") is None else d["year"] == 2022] for d in sources(g)], False),
    # ||, Neo4j 5's other concatenation (the engine could not parse it)
    ("MATCH (g:Goal) RETURN g.name || '（' || g.id || '）' AS label, [g.name] || g.aliases AS names",
     lambda g: [[f"{x['name']}（{x['id']}）", [x["name"], *x["aliases"]]] for x in g.of("Goal")], False),
    # + of a null string is null (the engine read it as '': '：政府工作报告' for a report without a place)
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, d.place + '：' + d.id AS label, "
     "coalesce(d.place + '的报告', '全国报告') AS k, d.place + d.level IS NULL AS none",
     lambda g: [[d["id"], None if d.get("place") is None else f"{d['place']}：{d['id']}",
                 "全国报告" if d.get("place") is None else f"{d['place']}的报告",
                 d.get("place") is None or d.get("level") is None] for d in sources(g)], False),
    # + of a string and a number joins the number's text, as Neo4j's add does (the engine refused +(STRING,INT64))
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, '第' + d.year + '年' AS y, d.id + d.char_count AS c, "
     "d.char_count + 1 + '字' AS next, d.char_count + 0.5 + '' AS f, 'x' + 1.0 AS one",
     lambda g: [[d["id"], None if d.get("year") is None else f"第{d['year']}年", f"{d['id']}{d['char_count']}",
                 f"{d['char_count'] + 1}字", f"{d['char_count'] + 0.5}", "x1.0"] for d in sources(g)], False),
    # sum() of no value is 0 on Neo4j, the manual's "sum(null) returns 0" (the engine answered null): a Body that
    # leads nothing, a document without a year
    ("MATCH (b:Body) OPTIONAL MATCH (b)-[:LEADS]->(p:Program) RETURN b.id, sum(p.doc_count) AS docs, "
     "sum(DISTINCT p.mention_count) AS mentions, count(p) AS n",
     lambda g: [[b["id"], sum(g.nodes[p]["doc_count"] for p in g.out(b["id"], "LEADS")),
                 sum({g.nodes[p]["mention_count"] for p in g.out(b["id"], "LEADS")}), len(g.out(b["id"], "LEADS"))]
                for b in g.of("Body")], False),
    ("MATCH (d:Document {kind: 'source'}) WHERE d.year IS NULL RETURN sum(d.year) AS s, sum(d.char_count) > 0 AS chars",
     lambda g: [[0, any(d.get("year") is None for d in sources(g))]], False),
    # every string contains '' (the engine: none did), as a search form's empty parameter asks
    ("MATCH (p:Program) WHERE p.name CONTAINS $empty RETURN count(*)", lambda g: [[len(g.of("Program"))]], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, d.place CONTAINS '' AS c, d.id CONTAINS '' AS i",
     lambda g: [[d["id"], None if d.get("place") is None else True, True] for d in sources(g)], False),
    # an element of a list of strings compared with a number: no order (null), never equal (false; null for a null
    # element, past the end), as on Neo4j (the engine failed: Could not convert "干部履职能力大提升" to INT64)
    ("MATCH (p:Program) WHERE p.aliases[0] > 1 RETURN p.name", lambda g: [], False),
    ("MATCH (p:Program) WHERE p.aliases[0] > 1 OR p.doc_count > 1 RETURN p.name",
     lambda g: [[p["name"]] for p in g.of("Program") if p["doc_count"] > 1], False),
    ("MATCH (p:Program) WHERE NOT p.aliases[0] = 1 RETURN count(*)",
     lambda g: [[sum(1 for p in g.of("Program") if p["aliases"])]], False),
    ("MATCH (p:Program) WHERE size(p.aliases) > 0 RETURN p.name, p.aliases[0] < 2.5 AS lt, 2 >= p.aliases[-1] AS ge, "
     "p.aliases[0] = 1 AS eq, 1 <> p.aliases[-1] AS ne, p.aliases[5] = 1 AS far",
     lambda g: [[p["name"], None, None, False, True, False if len(p["aliases"]) > 5 else None]
                for p in g.of("Program") if p["aliases"]], False),
    # stDev() and stDevP(), which the engine has not ("function STDEV does not exist"); 0.0 below two values
    ("MATCH (d:Document {kind: 'source'}) RETURN d.level, stDev(d.char_count) AS sd, stDevP(d.char_count) AS sdp",
     lambda g: [[level, statistics.stdev(cs) if len(cs) > 1 else 0.0, statistics.pstdev(cs)]
                for level, cs in _by_level(g).items()], False),
    # elementId(): a string, one per node and one per relationship
    ("MATCH (n) RETURN count(DISTINCT elementId(n)) AS ids, count(*) AS n",
     lambda g: [[len(g.nodes), len(g.nodes)]], False),
    ("MATCH ()-[r]->() RETURN count(DISTINCT elementId(r)) AS ids, count(*) AS n",
     lambda g: [[len(g.edges), len(g.edges)]], False),
    # date() and its parts (the engine: "Function DATE did not receive correct arguments")
    ("MATCH (d:Document {kind: 'source'}) WHERE d.year IS NOT NULL "
     "RETURN d.id, date().year - d.year AS age, date('2023-05-01').month AS m, datetime().year = date().year AS now",
     lambda g: [[d["id"], datetime.date.today().year - d["year"], 5, True] for d in sources(g)
                if d.get("year") is not None], False),
    # a variable named by a write clause's word is a variable (Cypher manual 5, Syntax > Naming rules: a keyword may
    # name a variable): both stores had refused it as a write, and the embedded engine's parser took it for its clause
    ("MATCH (p:Program) WITH p.doc_count AS create WHERE create > 1 RETURN count(create) AS set",
     lambda g: [[sum(1 for p in g.of("Program") if p["doc_count"] > 1)]], False),
    ("MATCH (p:Program) WITH p.name AS delete ORDER BY delete LIMIT 3 RETURN delete",
     lambda g: [[n] for n in sorted(p["name"] for p in g.of("Program"))[:3]], True),
    ("UNWIND [1, 2, 3] AS merge RETURN sum(merge) AS remove, collect(merge) AS detach",
     lambda g: [[6, [1, 2, 3]]], False),
]


def _by_level(g) -> dict:
    out: dict = {}
    for d in sources(g):
        out.setdefault(d.get("level"), []).append(d["char_count"])
    return out


#: Session 69: split() keeps every part, empty ones too (the manual's "String functions", split(); null of null); it
#: was refused, as the engine's string_split drops some empty parts.
VALUES_69: list[tuple[str, Expected, bool]] = [
    ("RETURN split('a,,b', ',') AS a, split(',a,', ',') AS b, split('', ',') AS c, split(null, ',') AS d, "
     "split('中华人民共和国', '人民') AS e",
     lambda g: [[["a", "", "b"], ["", "a", ""], [""], None, ["中华", "共和国"]]], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, split(d.id, '_') AS parts, split(d.place, '省')[0] AS head, "
     "size(split(d.title, '的')) AS n",
     lambda g: [[d["id"], d["id"].split("_"), None if d.get("place") is None else d["place"].split("省")[0],
                 None if d.get("title") is None else len(d["title"].split("的"))] for d in sources(g)], False),
]
