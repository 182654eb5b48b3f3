"""A corpus of read queries a researcher writes, each with its expected rows computed independently.

Each entry is ``(query, expected, ordered)``: ``expected(g)`` computes the rows
in plain Python from a :class:`Graph` of the loaded nodes and relationships
(``store.iter_nodes``/``iter_edges`` of the networkx graph: never through a
Cypher engine); ``ordered`` says the query fixes the row order (otherwise
rows are compared as multisets).  Neo4j's semantics are the reference:
relationships are never bound twice within one MATCH, variable-length
patterns are trails, nulls sort last in ascending order, lists are 0-based,
``labels(n)`` of a policykg node on Neo4j is ``['Node', label]``.
"""

from __future__ import annotations

import re
from collections import Counter

from cypher_corpus_access import ACCESS
from cypher_corpus_case import CASE
from cypher_corpus_keys import KEYS
from cypher_corpus_lambdas import LAMBDAS, LAMBDAS_69
from cypher_corpus_lists import LISTS
from cypher_corpus_paths import PATHS
from cypher_corpus_reduce import REDUCE, REDUCE_69
from cypher_corpus_subqueries import PATTERN_FUNCTIONS
from cypher_corpus_types import TYPES
from cypher_corpus_unions import UNIONS
from cypher_corpus_values import VALUES, VALUES_69
from cypher_corpus_work_reports import WORK_REPORTS
from cypher_expected import (
    Expected,
    co_mentioned,
    directed_reach,
    goals_served,
    node_value,
    section_depths,
    sources,
    sum_min,
    trails,
)

PARAMS = {"name": "红色物业", "ids": ["Program:红色物业", "Goal:乡村振兴", "Body:不存在"], "year": "2023", "empty": "",
          "keys": ["name", "doc_count", "aliases", "year", "nope"], "person": {"name": "Alice", "age": 38},
          "nothing": None}


CORPUS: list[tuple[str, Expected, bool]] = [
    # ---- filters
    ("MATCH (p:Program) WHERE p.name CONTAINS '人才' RETURN p.name",
     lambda g: [[n["name"]] for n in g.of("Program") if "人才" in n["name"]], False),
    ('MATCH (p:Program) WHERE p.name STARTS WITH "五星" RETURN p.id',
     lambda g: [[n["id"]] for n in g.of("Program") if n["name"].startswith("五星")], False),
    ("MATCH (g:Goal) WHERE g.name ENDS WITH '振兴' RETURN g.name",
     lambda g: [[n["name"]] for n in g.of("Goal") if n["name"].endswith("振兴")], False),
    # arithmetic binds tighter than the string, list and null predicates (Neo4j's precedence)
    ("MATCH (p:Program) WHERE p.name + '工程' CONTAINS '物业工程' RETURN p.name",
     lambda g: [[n["name"]] for n in g.of("Program") if "物业工程" in n["name"] + "工程"], False),
    ("MATCH (g:Goal) WHERE g.name STARTS WITH left(g.name, 1) + '村' OR g.name IN g.aliases + ['乡村振兴'] RETURN g.name",
     lambda g: [[n["name"]] for n in g.of("Goal")
                if n["name"].startswith(n["name"][:1] + "村") or n["name"] in n["aliases"] + ["乡村振兴"]], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id, d.year + 1 IS NULL",
     lambda g: [[d["id"], d.get("year") is None] for d in sources(g)], False),
    ('MATCH (p:Program {name: "红色物业"}) RETURN p.doc_count, p.mention_count',
     lambda g: [[(n := g.by_name("Program", "红色物业"))["doc_count"], n["mention_count"]]], False),
    ("MATCH (n:Program) WHERE n.doc_count >= 2 RETURN n.name",
     lambda g: [[n["name"]] for n in g.of("Program") if n["doc_count"] >= 2], False),
    ("MATCH (d:Document) WHERE d.kind = 'source' RETURN d.id, d.year",
     lambda g: [[n["id"], n.get("year")] for n in sources(g)], False),
    ("MATCH (b:Body) WHERE b.name IN ['组织部门', '基层党组织', '不存在的机构'] RETURN b.name",
     lambda g: [[n["name"]] for n in g.of("Body") if n["name"] in ("组织部门", "基层党组织")], False),
    ("MATCH (p:Program) WHERE NOT p.name CONTAINS '工程' AND p.doc_count > 1 RETURN p.name",
     lambda g: [[n["name"]] for n in g.of("Program") if "工程" not in n["name"] and n["doc_count"] > 1], False),
    ("MATCH (p:Program) WHERE p.doc_count > 1 OR p.mention_count >= 4 RETURN p.id",
     lambda g: [[n["id"]] for n in g.of("Program") if n["doc_count"] > 1 or n["mention_count"] >= 4], False),
    ("MATCH (p:Program) WHERE '红色物业创建' IN p.aliases RETURN p.id",
     lambda g: [[n["id"]] for n in g.of("Program") if "红色物业创建" in n["aliases"]], False),
    ("MATCH (p:Program) WHERE size(p.aliases) > 1 RETURN p.name, size(p.aliases)",
     lambda g: [[n["name"], len(n["aliases"])] for n in g.of("Program") if len(n["aliases"]) > 1], False),
    ("MATCH (s:Section) WHERE s.outline_level = 1 RETURN count(s)",
     lambda g: [[sum(1 for n in g.of("Section") if n.get("outline_level") == 1)]], False),
    # a property read across labels: a Section's depth was stored as level, the name of a Document's 国, 省…, and the
    # embedded engine (one column type per property) failed on n.level = 1 (Could not convert "区" to INT64), on
    # n.outline_level, and answered a Section's level as text ("1")
    ("MATCH (n) WHERE n.level = '区' RETURN count(n)",
     lambda g: [[sum(1 for n in g.nodes.values() if n.get("level") == "区")]], False),
    ("MATCH (n) WHERE n.level IS NOT NULL RETURN labels(n)[1] AS label, n.level AS level, count(*)",
     lambda g: [[*k, v] for k, v in Counter((n["label"], n["level"]) for n in g.nodes.values()
                                           if n.get("level") is not None).items()], False),
    ("MATCH (n) WHERE n.outline_level = 1 RETURN count(n)",
     lambda g: [[sum(1 for n in g.nodes.values() if n.get("outline_level") == 1)]], False),
    ("MATCH (d:Document) WHERE d.kind = 'source' AND d.place IS NULL RETURN d.id",
     lambda g: [[n["id"]] for n in sources(g) if n.get("place") is None], False),
    ("MATCH (n) WHERE n.year IS NOT NULL RETURN n.id, n.year",
     lambda g: [[n["id"], n["year"]] for n in g.nodes.values() if n.get("year") is not None], False),
    ("MATCH (p:Program) WHERE p.name = $name RETURN p.id",
     lambda g: [["Program:红色物业"]], False),
    ("MATCH (n) WHERE n.id IN $ids RETURN n.name",
     lambda g: [[g.nodes[i]["name"]] for i in PARAMS["ids"] if i in g.nodes], False),
    ("MATCH (n:Program|Goal) WHERE n.doc_count >= 3 RETURN labels(n), n.name",
     lambda g: [[["Node", n["label"]], n["name"]] for n in g.nodes.values()
                if n["label"] in ("Program", "Goal") and n["doc_count"] >= 3], False),
    # a label as an expression (a walkthrough's WHERE NOT n:Section was a parser error on the embedded store)
    ("MATCH (n) WHERE NOT n:Section RETURN labels(n)[1] AS label, count(*) AS n",
     lambda g: [[k, v] for k, v in Counter(n["label"] for n in g.nodes.values() if n["label"] != "Section").items()],
     False),
    ("MATCH (n) WHERE n:Program|Goal AND n.doc_count >= 3 RETURN n.id, n:Goal AS goal",
     lambda g: [[n["id"], n["label"] == "Goal"] for n in g.nodes.values()
                if n["label"] in ("Program", "Goal") and n["doc_count"] >= 3], False),
    ("MATCH (p:Program)-[:SERVES]->(x) WHERE (x:Goal) RETURN count(*)",
     lambda g: [[sum(1 for e in g.edges if e["type"] == "SERVES" and g.nodes[e["source"]]["label"] == "Program"
                     and g.nodes[e["target"]]["label"] == "Goal")]], False),
    # ---- aggregations
    ("MATCH (n) RETURN count(*)", lambda g: [[len(g.nodes)]], False),
    ("MATCH (n:Program) RETURN count(n)", lambda g: [[len(g.of("Program"))]], False),
    ("MATCH (n) RETURN labels(n) AS labels, count(*) AS n",
     lambda g: [[["Node", k], v] for k, v in Counter(n["label"] for n in g.nodes.values()).items()], False),
    ("MATCH ()-[r]->() RETURN type(r), count(*)",
     lambda g: [[k, v] for k, v in Counter(e["type"] for e in g.edges).items()], False),
    ("MATCH (p:Program) RETURN sum(p.mention_count), max(p.doc_count), min(p.doc_count)",
     lambda g: [[sum(n["mention_count"] for n in g.of("Program")), max(n["doc_count"] for n in g.of("Program")),
                 min(n["doc_count"] for n in g.of("Program"))]], False),
    ("MATCH (p:Program) RETURN round(avg(p.doc_count), 3)",
     lambda g: [[round(sum(n["doc_count"] for n in g.of("Program")) / len(g.of("Program")), 3)]], False),
    ("MATCH (s:Section)-[m:MENTIONS]->(g:Goal) RETURN g.name, sum(m.count) AS mentions ORDER BY mentions DESC, g.name LIMIT 5",
     lambda g: sorted(([n["name"], sum(e["count"] for e in g.edges if e["target"] == n["id"] and e["type"] == "MENTIONS"
                                      and g.label(e["source"]) == "Section")] for n in g.of("Goal")),
                      key=lambda r: (-r[1], r[0]))[:5], True),
    ("MATCH (p:Program) RETURN p.doc_count AS docs, count(*) AS programs ORDER BY docs",
     lambda g: sorted([k, v] for k, v in Counter(n["doc_count"] for n in g.of("Program")).items()), True),
    ("MATCH (s:Section)-[:MENTIONS]->(e) RETURN count(DISTINCT e)",
     lambda g: [[len({e["target"] for e in g.edges if e["type"] == "MENTIONS" and g.label(e["source"]) == "Section"})]],
     False),
    ("MATCH (n:Goal) RETURN count(DISTINCT n.doc_count)", lambda g: [[len({n["doc_count"] for n in g.of("Goal")})]], False),
    ("MATCH (b:Body)-[:LEADS]->(p:Program) RETURN b.name, count(p), min(p.name)",
     lambda g: [[b["name"], len(ps), min(g.nodes[p]["name"] for p in ps)] for b in g.of("Body")
                if (ps := [p for p in g.out(b["id"], "LEADS") if g.label(p) == "Program"])], False),
    ("MATCH (s:Section) RETURN s.doc_id, max(s.outline_level), count(*)",
     lambda g: [[d, max(n["outline_level"] for n in g.of("Section") if n["doc_id"] == d),
                 sum(1 for n in g.of("Section") if n["doc_id"] == d)] for d in {n["doc_id"] for n in g.of("Section")}],
     False),
    # ---- undirected patterns
    ('MATCH (p:Program {name: "红色物业"})--(n) RETURN n.name',
     lambda g: [[g.nodes[o].get("name")] for _, _, o in g.incident("Program:红色物业")], False),
    ("MATCH (p:Program {name: '红色物业'})-[r]-(n) RETURN type(r), n.id",
     lambda g: [[e["type"], o] for _, e, o in g.incident("Program:红色物业")], False),
    ("MATCH (g:Goal {name: '乡村振兴'})-[:SERVES]-(p) RETURN p.name",
     lambda g: [[g.nodes[o]["name"]] for _, _, o in g.incident("Goal:乡村振兴", "SERVES")], False),
    ("MATCH (a:Program)-[:PART_OF]-(b:Program) RETURN a.name, b.name",
     lambda g: [r for e in g.edges if e["type"] == "PART_OF" and g.label(e["source"]) == g.label(e["target"]) == "Program"
                for r in ([g.nodes[e["source"]]["name"], g.nodes[e["target"]]["name"]],
                          [g.nodes[e["target"]]["name"], g.nodes[e["source"]]["name"]])], False),
    # ---- several relationships in one MATCH: never the same relationship twice
    ("MATCH (p:Program)<-[:MENTIONS]-(s:Section)-[:MENTIONS]->(q:Program) WHERE p.name = '红色物业' RETURN q.name, count(*)",
     lambda g: [[g.nodes[k]["name"], v] for k, v in Counter(co_mentioned(g, "Program:红色物业", "Program")).items()],
     False),
    ("MATCH (x)-[:MENTIONS]->(e)<-[:MENTIONS]-(y) WHERE e.id = 'Goal:乡村振兴' RETURN count(*)",
     lambda g: [[(k := len(g.into("Goal:乡村振兴", "MENTIONS"))) * (k - 1)]], False),
    ("MATCH (a)-[:PART_OF]->(b)<-[:PART_OF]-(c) RETURN a.name, b.name, c.name",
     lambda g: [[g.nodes[x["source"]]["name"], g.nodes[x["target"]]["name"], g.nodes[y["source"]]["name"]]
                for i, x in enumerate(g.edges) if x["type"] == "PART_OF"
                for j, y in enumerate(g.edges) if y["type"] == "PART_OF" and j != i and y["target"] == x["target"]], False),
    # ---- variable-length paths (trails)
    ("MATCH (p:Program {name: '红色物业'})-[*1..2]-(n:Goal) RETURN DISTINCT n.name",
     lambda g: [[g.nodes[o]["name"]] for o in {o for o, _ in trails(g, "Program:红色物业", 1, 2) if g.label(o) == "Goal"}],
     False),
    ("MATCH (p:Program {name: '红色物业'})-[*2]-(q:Program) RETURN q.name, count(*)",
     lambda g: [[g.nodes[k]["name"], v] for k, v in Counter(
         o for o, _ in trails(g, "Program:红色物业", 2, 2) if g.label(o) == "Program").items()], False),
    ("MATCH (d:Document {kind: 'source'})-[:HAS_SECTION*1..4]->(s:Section) RETURN d.id, count(s)",
     lambda g: [[d["id"], n] for d in sources(g) if (n := sum(1 for _, k in section_depths(g, d["id"]) if k <= 4))],
     False),
    ("MATCH path = (d:Document)-[:HAS_SECTION*2]->(s:Section) RETURN count(path)",
     lambda g: [[sum(1 for d in sources(g) for _, k in section_depths(g, d["id"]) if k == 2)]], False),
    ("MATCH (a:Program)-[:PART_OF*1..3]->(b:Program) RETURN a.name, b.name",
     lambda g: [[g.nodes[a["id"]]["name"], g.nodes[b]["name"]] for a in g.of("Program")
                for b in directed_reach(g, a["id"], "PART_OF", 3) if g.label(b) == "Program"], False),
    ("MATCH (g:Goal {name: '乡村振兴'})-[:SERVES*0..1]-(x) RETURN x.id",
     lambda g: [["Goal:乡村振兴"]] + [[o] for _, _, o in g.incident("Goal:乡村振兴", "SERVES")], False),
    # ---- OPTIONAL MATCH
    ("MATCH (p:Program) WHERE p.doc_count >= 2 OPTIONAL MATCH (p)-[:SERVES]->(g:Goal) RETURN p.name, g.name",
     lambda g: [[p["name"], g.nodes[t]["name"] if t else None] for p in g.of("Program") if p["doc_count"] >= 2
                for t in (goals_served(g, p["id"]) or [None])], False),
    ("MATCH (b:Body) OPTIONAL MATCH (b)-[:LEADS]->(p) RETURN b.name, count(p) AS led ORDER BY led DESC, b.name LIMIT 10",
     lambda g: sorted(([b["name"], len(g.out(b["id"], "LEADS"))] for b in g.of("Body")), key=lambda r: (-r[1], r[0]))[:10],
     True),
    ("MATCH (d:Document {kind: 'source'}) OPTIONAL MATCH (d)-[:CITES]->(c) RETURN d.id, count(c)",
     lambda g: [[d["id"], len(g.out(d["id"], "CITES"))] for d in sources(g)], False),
    ("MATCH (p:Program {name: '红色物业'}) OPTIONAL MATCH (p)-[:PART_OF]->(whole) RETURN p.name, whole.name",
     lambda g: [["红色物业", g.nodes[w]["name"]] for w in g.out("Program:红色物业", "PART_OF")] or [["红色物业", None]],
     False),
    # ---- WITH
    ("MATCH (p:Program) WITH p, p.doc_count AS docs WHERE docs > 1 RETURN p.name, docs",
     lambda g: [[n["name"], n["doc_count"]] for n in g.of("Program") if n["doc_count"] > 1], False),
    ("MATCH (s:Section)-[:MENTIONS]->(e:Goal) WITH e, count(s) AS sections WHERE sections >= 3 "
     "RETURN e.name, sections ORDER BY sections DESC, e.name",
     lambda g: sorted(([n["name"], k] for n in g.of("Goal")
                       if (k := sum(1 for s in g.into(n["id"], "MENTIONS") if g.label(s) == "Section")) >= 3),
                      key=lambda r: (-r[1], r[0])), True),
    ("MATCH (p:Program) WITH p ORDER BY p.mention_count DESC, p.id LIMIT 5 RETURN p.id",
     lambda g: [[n["id"]] for n in sorted(g.of("Program"), key=lambda n: (-n["mention_count"], n["id"]))[:5]], True),
    # the top-N idiom: the embedded engine cut the rows unsorted before an aggregation (a walkthrough, session 41)
    ("MATCH (p:Program) WITH p ORDER BY p.mention_count DESC, p.id LIMIT 5 RETURN sum(p.mention_count) AS top, "
     "min(p.mention_count) AS least",
     lambda g: sum_min([n["mention_count"] for n in sorted(g.of("Program"),
                                                             key=lambda n: (-n["mention_count"], n["id"]))[:5]]), False),
    ("UNWIND [3, 1, 2, 5, 4] AS x WITH x ORDER BY x DESC SKIP 1 LIMIT 2 RETURN sum(x) AS s, max(x) AS m",
     lambda g: [[7, 4]], False),
    ("MATCH (d:Document {kind: 'source'})-[:HAS_SECTION]->(s) WITH d, count(s) AS top WITH max(top) AS most RETURN most",
     lambda g: [[max(len(g.out(d["id"], "HAS_SECTION")) for d in sources(g))]], False),
    # ---- UNWIND
    ("UNWIND [1, 2, 3] AS x RETURN x * 2", lambda g: [[2], [4], [6]], True),
    ("RETURN round(log(100) * 1000) AS natural, round(log10(100)) AS common", lambda g: [[4605.0, 2.0]], False),
    # list comprehensions (a walkthrough, session 41: "Variable x is not in scope"), the way to read a path's nodes
    ("RETURN [x IN range(1, 6) WHERE x % 2 = 1 | x * x] AS odd, [x IN range(1, 3) | toString(x)] AS s, "
     "[x IN [3, 0, 2] WHERE x > 0] AS kept", lambda g: [[[1, 9, 25], ["1", "2", "3"], [3, 2]]], False),
    ("MATCH path = (p:Program {name: '五星支部创建'})-[:SERVES]->(:Goal) RETURN [n IN nodes(path) | n.name] AS names",
     lambda g: [[["五星支部创建", g.nodes[t]["name"]]] for t in g.out("Program:五星支部创建", "SERVES")], False),
    # a path is its nodes on both stores (the Neo4j store's _value); the embedded store had answered the engine's own
    # {"_NODES": …, "_RELS": …} (a walkthrough, session 54)
    ("MATCH path = (b:Body)-[:LEADS]->(p:Program {name: '五星支部创建'}) RETURN path",
     lambda g: [[[node_value(g.nodes[s]), node_value(g.nodes["Program:五星支部创建"])]]
                for s in g.into("Program:五星支部创建", "LEADS")], False),
    # Neo4j's list functions the embedded engine has not ("function HEAD does not exist", a walkthrough, session 55)
    ("MATCH (p:Program) RETURN p.id, head(p.aliases) AS first, last(p.aliases) AS last, tail(p.aliases) AS rest, "
     "isEmpty(p.aliases) AS none",
     lambda g: [[n["id"], (n["aliases"] or [None])[0], (n["aliases"] or [None])[-1], n["aliases"][1:], not n["aliases"]]
                for n in g.of("Program")], False),
    ("RETURN head([]) AS h, last([]) AS l, tail([]) AS t, isEmpty('') AS e", lambda g: [[None, None, [], True]], False),
    ("MATCH (p:Program {name: '红色物业'}) UNWIND p.aliases AS alias RETURN alias",
     lambda g: [[a] for a in g.nodes["Program:红色物业"]["aliases"]], False),
    ("MATCH (p:Program) WHERE p.doc_count > 1 UNWIND p.merged_by AS how RETURN how, count(*)",
     lambda g: [[k, v] for k, v in Counter(h for n in g.of("Program") if n["doc_count"] > 1 for h in n["merged_by"]).items()],
     False),
    ("UNWIND ['红色物业', '乡村振兴', '不存在'] AS name OPTIONAL MATCH (n:Program|Goal {name: name}) RETURN name, n.id",
     lambda g: [[x, n["id"]] for x in ("红色物业", "乡村振兴") for n in g.nodes.values()
                if n["label"] in ("Program", "Goal") and n["name"] == x] + [["不存在", None]], False),
    # ---- string functions
    ("MATCH (p:Program) WHERE p.name CONTAINS '支部' RETURN p.name, size(p.name), left(p.name, 2), right(p.name, 2)",
     lambda g: [[n["name"], len(n["name"]), n["name"][:2], n["name"][-2:]] for n in g.of("Program") if "支部" in n["name"]],
     False),
    ("MATCH (p:Program) WHERE p.name STARTS WITH '五星' "
     "RETURN substring(p.name, 1, 2), substring(p.name, 2), toUpper(p.id), replace(p.name, '五星', '5星')",
     lambda g: [[n["name"][1:3], n["name"][2:], n["id"].upper(), n["name"].replace("五星", "5星")]
                for n in g.of("Program") if n["name"].startswith("五星")], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN toLower(d.file_name), trim('  ' + d.id + ' '), reverse(d.file_name)",
     lambda g: [[d["file_name"].lower(), d["id"], d["file_name"][::-1]] for d in sources(g)], False),
    ("MATCH (p:Program) WHERE size(p.aliases) > 0 RETURN p.name, p.aliases[0]",
     lambda g: [[n["name"], n["aliases"][0]] for n in g.of("Program") if n["aliases"]], False),
    ("MATCH (p:Program {name: '红色物业'}) RETURN coalesce(p.year, p.doc_count), p.name + '（' + p.id + '）'",
     lambda g: [[2, "红色物业（Program:红色物业）"]], False),
    # ---- regular expressions (whole-string match)
    ("MATCH (p:Program) WHERE p.name =~ '.*(工程|计划)' RETURN p.name",
     lambda g: [[n["name"]] for n in g.of("Program") if re.fullmatch(".*(工程|计划)", n["name"])], False),
    ("MATCH (g:Goal) WHERE g.name =~ '.{2}振兴' RETURN g.name",
     lambda g: [[n["name"]] for n in g.of("Goal") if re.fullmatch(".{2}振兴", n["name"])], False),
    ("MATCH (b:Body) WHERE b.name =~ '(市|区|县|省).*' RETURN b.name",
     lambda g: [[n["name"]] for n in g.of("Body") if re.fullmatch("(市|区|县|省).*", n["name"])], False),
    ("MATCH (d:Document) WHERE d.file_name =~ '(?i)00[0-2]_.*\\\\.TXT' RETURN d.id",
     lambda g: [[n["id"]] for n in sources(g) if re.fullmatch(r"(?i)00[0-2]_.*\.TXT", n["file_name"])], False),
    # ---- ordering, ties broken
    ("MATCH (p:Program) RETURN p.name, p.doc_count ORDER BY p.doc_count DESC, p.name LIMIT 10",
     lambda g: [[n["name"], n["doc_count"]] for n in sorted(g.of("Program"), key=lambda n: (-n["doc_count"], n["name"]))][:10],
     True),
    # an alias that reuses a pattern variable's name: ORDER BY sorts by the alias (Neo4j 5 manual, ORDER BY); the
    # embedded engine had bound p to the node and refused ("Order by NODE is not supported", a walkthrough, session 54)
    ("MATCH (p:Program) RETURN p.name AS p ORDER BY p LIMIT 5",
     lambda g: [[n] for n in sorted(n["name"] for n in g.of("Program"))][:5], True),
    ("MATCH (b:Body) RETURN b.mention_count AS b, b.name AS name ORDER BY b DESC, name LIMIT 5",
     lambda g: [[n["mention_count"], n["name"]] for n in sorted(g.of("Body"), key=lambda n: (-n["mention_count"],
                                                                                            n["name"]))][:5], True),
    ("MATCH (b:Body) RETURN b.name ORDER BY b.mention_count DESC, b.id SKIP 3 LIMIT 5",
     lambda g: [[n["name"]] for n in sorted(g.of("Body"), key=lambda n: (-n["mention_count"], n["id"]))][3:8], True),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.year, d.id ORDER BY d.year, d.id",
     lambda g: [[d.get("year"), d["id"]] for d in sorted(sources(g), key=lambda d: (d.get("year") is None,
                                                                                   d.get("year") or 0, d["id"]))], True),
    ("MATCH (d:Document {kind: 'source'}) RETURN d.id ORDER BY d.year DESC, d.id DESC",
     lambda g: [[d["id"]] for d in sorted(sources(g), key=lambda d: (d.get("year") is None, d.get("year") or 0,
                                                                      d["id"]), reverse=True)], True),
    # ---- whole nodes, labels, unions, CASE, existence
    ("MATCH (n:Node:Program {name: '红色物业'}) RETURN n",
     lambda g: [[node_value(g.nodes["Program:红色物业"])]], False),
    ("MATCH (p:Program {name: '红色物业'}) RETURN p.id AS id UNION MATCH (g:Goal {name: '乡村振兴'}) RETURN g.id AS id",
     lambda g: [["Program:红色物业"], ["Goal:乡村振兴"]], False),
    ("MATCH (p:Program) RETURN CASE WHEN p.doc_count > 1 THEN 'shared' ELSE 'single' END AS kind, count(*)",
     lambda g: [[k, v] for k, v in Counter("shared" if n["doc_count"] > 1 else "single" for n in g.of("Program")).items()],
     False),
    ("MATCH (p:Program) WHERE EXISTS { MATCH (p)-[:SERVES]->(:Goal) } RETURN count(p)",
     lambda g: [[sum(1 for n in g.of("Program") if goals_served(g, n["id"]))]], False),
    ("MATCH (p:Program) WHERE p.doc_count > 1 AND NOT (p)-[:SERVES]->() RETURN p.name",
     lambda g: [[n["name"]] for n in g.of("Program") if n["doc_count"] > 1 and not g.out(n["id"], "SERVES")], False),
    ("MATCH (p:Program)-[r:SERVES|PART_OF]->(x) RETURN type(r), labels(x), count(*)",
     lambda g: [[k[0], ["Node", k[1]], v] for k, v in Counter(
         (e["type"], g.label(e["target"])) for e in g.edges
         if e["type"] in ("SERVES", "PART_OF") and g.label(e["source"]) == "Program").items()], False),
    ("MATCH (p:Program)-[r:SERVES]->(g:Goal) WHERE g.name = '乡村振兴' RETURN p.name, r.doc_id, r.sentences[0], size(r.starts)",
     lambda g: [[g.nodes[e["source"]]["name"], e["doc_id"], e["sentences"][0], len(e["starts"])] for e in g.edges
                if e["type"] == "SERVES" and e["target"] == "Goal:乡村振兴" and g.label(e["source"]) == "Program"], False),
    ("MATCH ()-[r]->() WHERE size(r.starts) > 1 RETURN type(r), count(*), max(size(r.ends))",
     lambda g: [[t, len(es), max(len(e["ends"]) for e in es)] for t in {e["type"] for e in g.edges}
                if (es := [e for e in g.edges if len(e.get("starts", [])) > 1])
                and (es := [e for e in es if e["type"] == t])], False),
    ("MATCH (s:Section)-[m:MENTIONS]->(p:Program {name: '红色物业'}) RETURN s.id, m.surfaces, m.count",
     lambda g: [[e["source"], e["surfaces"], e["count"]] for e in g.edges
                if e["type"] == "MENTIONS" and e["target"] == "Program:红色物业"], False),
    ("MATCH (b:Body)-[:LEADS]->(p:Program)-[:SERVES]->(g:Goal) RETURN b.name, p.name, g.name",
     lambda g: [[g.nodes[b]["name"], g.nodes[e["target"]]["name"], g.nodes[t]["name"]]
                for e in g.edges if e["type"] == "LEADS" and g.label(b := e["source"]) == "Body"
                and g.label(e["target"]) == "Program" for t in goals_served(g, e["target"])], False),
    # ---- labels: of a null, null (were ['Node', null] and n:Node true); a conjunction holds of no policykg node,
    # which has one label besides Node (n:Node:Program kept every node, (n:Program:Goal) matched either kind)
    ("MATCH (p:Program) WHERE p.doc_count >= 2 OPTIONAL MATCH (p)<-[:LEADS]-(b) RETURN p.name, labels(b), b:Node",
     lambda g: [[p["name"], ["Node", g.label(b)] if b else None, True if b else None] for p in g.of("Program")
                if p["doc_count"] >= 2 for b in (g.into(p["id"], "LEADS") or [None])], False),
    ("MATCH (n) WHERE n:Node:Program RETURN count(n)", lambda g: [[len(g.of("Program"))]], False),
    ("MATCH (n:Program:Goal) RETURN count(n)", lambda g: [[0]], False),
    # one set of label symbols per query: Neo4j 5 refuses : between labels mixed with & | ! (GQL status 42I10)
    ("MATCH (n) WHERE n:Program&Goal OR n:Goal&Node RETURN count(n)", lambda g: [[len(g.of("Goal"))]], False),
    # ---- lists: an index past the end is null (the engine failed: out of range; xs[0] IS NULL did not parse),
    # reverse() of a list is the list reversed (the engine reversed its text: ']…['), a sorted collect() through
    # WITH … ORDER BY without LIMIT (refused: ORDER BY must be followed by SKIP or LIMIT)
    ("MATCH (p:Program) RETURN p.name, p.aliases[0] AS first, p.aliases[1] IS NULL AS lone",
     lambda g: [[n["name"], n["aliases"][0] if n["aliases"] else None, len(n["aliases"]) < 2] for n in g.of("Program")],
     False),
    ("MATCH (p:Program) WHERE p.doc_count >= 2 WITH p ORDER BY p.name DESC RETURN collect(p.name) AS names",
     lambda g: [[sorted((n["name"] for n in g.of("Program") if n["doc_count"] >= 2), reverse=True)]], False),
    ("MATCH (p:Program) WHERE p.doc_count >= 2 WITH p ORDER BY p.name WITH collect(p.name) AS names "
     "RETURN reverse(names) AS backwards, reverse(names[0]) AS first",
     lambda g: [[(ns := sorted(n["name"] for n in g.of("Program") if n["doc_count"] >= 2))[::-1], ns[0][::-1]]], False),
    # a filtering comprehension over many rows, some lists empty: the engine's list_filter handed rows other rows'
    # elements (a walkthrough: [a IN p.aliases WHERE a CONTAINS '制度'] matched 170 of 4,893 programs, not 74)
    ("UNWIND range(1, 6000) AS i WITH CASE WHEN i % 3 = 0 THEN [] ELSE [i, 0] END AS xs "
     "RETURN sum(size([x IN xs WHERE x > 0])) AS kept, count(*) AS n", lambda g: [[4000, 6000]], False),
    # ---- functions typed as Neo4j types them: toString of a float or a boolean ('2.5', 'true'; were '2.500000',
    # 'True'); toInteger (truncating) and toFloat, which the engine has not; floor and ceil are floats
    ("MATCH (p:Program) RETURN toString(round(avg(p.doc_count) * 10) / 10) AS a, toString(1.0) AS b, "
     "toString(2.5) AS c, toString(true) AS d",
     lambda g: [[str(int(sum(n["doc_count"] for n in g.of("Program")) * 10 / len(g.of("Program")) + 0.5) / 10),
                 "1.0", "2.5", "true"]], False),
    ("RETURN toInteger('2023') AS a, toInteger(12.7) AS b, toInteger(-12.7) AS c, toInteger('12.7') AS d, "
     "toFloat('3.5') AS e, floor(2) AS f, ceil(2.1) AS g", lambda g: [[2023, 12, -12, 12, 3.5, 2.0, 3.0]], False),
    ("MATCH (d:Document {kind: 'source'}) WHERE d.year IS NOT NULL RETURN d.id, toString(d.year) + '年' AS year, "
     "toInteger(substring(d.id, 9, 3)) AS number",
     lambda g: [[d["id"], f"{d['year']}年", int(d["id"][9:12])] for d in sources(g) if d.get("year") is not None], False),
    # ---- Neo4j 5's pattern forms of EXISTS and COUNT subqueries (parser errors on the engine)
    ("MATCH (p:Program) WHERE EXISTS { (p)-[:SERVES]->(:Goal) } AND NOT EXISTS { (p)<-[:PART_OF]-() } RETURN count(p)",
     lambda g: [[sum(1 for n in g.of("Program") if goals_served(g, n["id"]) and not g.into(n["id"], "PART_OF"))]],
     False),
    ("MATCH (p:Program) WHERE p.doc_count >= 2 RETURN p.name, COUNT { (p)-[:SERVES]->() } AS goals",
     lambda g: [[n["name"], len(g.out(n["id"], "SERVES"))] for n in g.of("Program") if n["doc_count"] >= 2], False),
    # a count of 0 filtered or aggregated after it (the engine lost those rows: session 59)
    ("MATCH (b:Body) WHERE COUNT { (b)-[:LEADS]->() } = 0 RETURN count(b)",
     lambda g: [[sum(1 for b in g.of("Body") if not g.out(b["id"], "LEADS"))]], False),
    ("MATCH (p:Program) WITH p, COUNT { (p)-[:SERVES]->(:Goal) } AS n RETURN n, count(*) AS programs ORDER BY n",
     lambda g: sorted([n, c] for n, c in Counter(len([x for x in g.out(p["id"], "SERVES") if g.label(x) == "Goal"])
                                                  for p in g.of("Program")).items()), True),
    ("MATCH (p:Program) WITH p, COUNT { (p)-[:LEADS]->() } AS n RETURN sum(n), count(p)",  # no Program leads
     lambda g: [[0, len(g.of("Program"))]], False),
    # an end node's label the relationship cannot join matches nothing, named or not (the engine joined by row offset)
    ("MATCH (p:Program) WHERE COUNT { (p)-[:SERVES]->(:Body) } = 0 AND NOT EXISTS { (p)-[:PART_OF]->(:Goal) } "
     "RETURN count(p)", lambda g: [[len(g.of("Program"))]], False),
    ("MATCH (p:Program) RETURN p.name, COUNT { (p)-[:SERVES]->(:Goal) } AS goals, COUNT { (p)<-[:LEADS]-(:Goal) } AS none",
     lambda g: [[p["name"], len([x for x in g.out(p["id"], "SERVES") if g.label(x) == "Goal"]), 0] for p in g.of("Program")],
     False),
    # STARTS WITH / ENDS WITH in the WHERE of a pattern with a relationship (read as a clause's WITH: session 59)
    ("MATCH (p:Program)-[:SERVES]->(g:Goal) WHERE g.name STARTS WITH '党' OR g.name ENDS WITH '振兴' RETURN count(*)",
     lambda g: [[sum(1 for p in g.of("Program") for x in g.out(p["id"], "SERVES") if g.label(x) == "Goal"
                     and (g.nodes[x]["name"].startswith("党") or g.nodes[x]["name"].endswith("振兴")))]], False),
    # no row: sum() is 0 on Neo4j ("sum(null) returns 0", the manual; this entry had expected the engine's null)
    ("MATCH (b:Body)-[:LEADS]->(p:Program) WHERE b.name ENDS WITH '部' WITH b, count(p) AS n RETURN sum(n)",
     lambda g: [[sum(1 for b in g.of("Body") if b["name"].endswith("部") for x in g.out(b["id"], "LEADS")
                     if g.label(x) == "Program")]], False),
    ("MATCH (b:Body) RETURN avg(COUNT { MATCH (b)-[:LEADS]->(p) WHERE COUNT { (p)-[:SERVES]->() } > 0 }) AS mean",
     lambda g: [[sum(len([p for p in g.out(b["id"], "LEADS") if g.out(p, "SERVES")]) for b in g.of("Body"))
                 / len(g.of("Body"))]], False),
]
CORPUS += WORK_REPORTS  # kept in this place: a query's test id is its index
CORPUS += PATTERN_FUNCTIONS + LISTS + VALUES + PATHS + UNIONS + TYPES + ACCESS + KEYS + CASE + LAMBDAS + REDUCE
CORPUS += LAMBDAS_69 + REDUCE_69 + VALUES_69  # session 69, after the ids before
