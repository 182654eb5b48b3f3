"""Corpus entries (:mod:`cypher_corpus`) from a researcher's walkthrough over the work reports: what the corpus
lacked (these answered right already, but for the first, refused as the sorted collect of :mod:`cypher_corpus`'s
lists): the program most documented per decade, the programs sharing documents with one, a count of counts,
percentiles and integer division over the documents' lengths and years, and names compared as strings.  Expected rows
are computed in plain Python from the loaded nodes.
"""

from __future__ import annotations

from collections import Counter

from cypher_expected import Expected, percentile_cont, shared_documents, sources, top_per_decade

__all__ = ["WORK_REPORTS"]

WORK_REPORTS: list[tuple[str, Expected, bool]] = [
    ("MATCH (:Section)-[m:MENTIONS]->(p:Program) MATCH (d:Document {id: m.doc_id}) WHERE d.year IS NOT NULL "
     "WITH d.year / 10 * 10 AS decade, p, count(DISTINCT d) AS docs ORDER BY decade, docs DESC, p.name "
     "WITH decade, collect(p.name)[0] AS top, max(docs) AS most RETURN decade, top, most ORDER BY decade",
     top_per_decade, True),
    ("MATCH (a:Program {name: '容错纠错机制'})<-[m1:MENTIONS]-(:Section), (b:Program)<-[m2:MENTIONS]-(:Section) "
     "WHERE m1.doc_id = m2.doc_id AND a <> b RETURN b.name, count(DISTINCT m2.doc_id) AS shared "
     "ORDER BY shared DESC, b.name LIMIT 10", lambda g: shared_documents(g, "容错纠错机制"), True),
    ("MATCH (p:Program) WITH collect(p.doc_count) AS counts UNWIND counts AS c RETURN c, count(*) ORDER BY c",
     lambda g: sorted([k, v] for k, v in Counter(n["doc_count"] for n in g.of("Program")).items()), True),
    ("MATCH (d:Document {kind: 'source'}) RETURN percentileCont(d.char_count, 0.5) AS median, "
     "percentileDisc(d.char_count, 0.5) AS disc, percentileCont(d.char_count, 0.9) AS p90",
     lambda g: [[percentile_cont([d["char_count"] for d in sources(g)], 0.5),
                 sorted(d["char_count"] for d in sources(g))[-(-len(sources(g)) // 2) - 1],
                 percentile_cont([d["char_count"] for d in sources(g)], 0.9)]], False),
    ("MATCH (d:Document {kind: 'source'}) WHERE d.year IS NOT NULL "
     "RETURN d.year / 100 AS century, d.year % 100 AS yy, d.char_count / 1000 AS k, d.char_count / 1000.0 AS kf",
     lambda g: [[d["year"] // 100, d["year"] % 100, d["char_count"] // 1000, d["char_count"] / 1000]
                for d in sources(g) if d.get("year") is not None], False),
    ("MATCH (g:Goal) WHERE g.name >= '乡' AND g.name < '书' RETURN g.name",
     lambda g: [[n["name"]] for n in g.of("Goal") if "乡" <= n["name"] < "书"], False),
]
