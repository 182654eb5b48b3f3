"""The Neo4j write path, search and timeouts without a server: pure row shaping, and Neo4jStore over
the stand-in server of ``fake_neo4j.py`` (statements of ``graph/cypher.py`` only, the driver's own
records and errors).  Whether Neo4j accepts and plans the statements needs a live server (NEO4J_URI)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from neo4j.exceptions import Neo4jError

from fake_neo4j import FakeServer
from policykg.errors import QueryTimeoutError, StoreError
from policykg.graph import cypher as Q
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.neo4j_store import Neo4jStore, is_timeout
from policykg.graph.neo4j_write import (
    aggregate_rows,
    document_rows,
    incremental_rows,
    merge_batch,
    plan_transactions,
)
from policykg.graph.parity import compare_stores
from policykg.graph.schema import Edge, Node, PropertyGraph
from policykg.graph.search import lucene_query, search_text
from policykg.ingest import load_paths
from policykg.loaders.read import read_document


def _pg(doc: str, n_edges: int = 1, content_hash: str = "h") -> PropertyGraph:
    d = f"Document:{doc}"
    nodes = [Node(d, "Document", {"id": d, "kind": "source", "content_hash": content_hash, "year": None}),
             Node(f"Section:{doc}/1", "Section", {"id": f"Section:{doc}/1", "doc_id": d, "number": ""}),
             Node("Program:甲", "Program", {"id": "Program:甲", "name": "甲"})]
    edges = [Edge(f"Section:{doc}/1", "Program:甲", "MENTIONS", f"MENTIONS|{d}",
                  {"doc_id": d, "count": 1, "forms": ["甲"], "resolution": "new", "note": None})] * n_edges
    return PropertyGraph(d, nodes, edges)


def test_document_rows_drop_nulls_carry_the_text_and_group_by_label_and_type():
    rows = document_rows(_pg("a"), "正文")
    assert rows.doc_id == "Document:a" and rows.content_hash == "h" and rows.relationships == 1
    assert rows.source["props"] == {"id": "Document:a", "kind": "source", "content_hash": "h", "text": "正文"}
    assert rows.sections[0]["props"]["number"] == ""  # empty strings are values, only None is dropped
    assert list(rows.entities) == ["Program"] and "note" not in rows.edges["MENTIONS"][0]["props"]


def test_transactions_hold_at_most_n_documents_and_m_relationships_and_no_id_twice():
    docs = [document_rows(_pg(x, n), "") for x, n in [("a", 1), ("b", 1), ("c", 1), ("a", 1), ("d", 5), ("e", 1)]]
    plan = plan_transactions(docs, max_docs=3, max_relationships=6)
    assert [[d.doc_id[-1] for d in t] for t in plan] == [["a", "b", "c"], ["a", "d"], ["e"]]
    assert [d.doc_id for t in plan for d in t] == [d.doc_id for d in docs]  # order kept
    assert [len(t) for t in plan_transactions(docs[:1] * 1 + [document_rows(_pg("x", 9), "")], 5, 6)] == [1, 1]
    # the texts travel as parameters and count against the server's transaction memory: capped too
    texts = [document_rows(_pg(x), "字" * n) for x, n in [("a", 600), ("b", 600), ("c", 600), ("d", 2000), ("e", 1)]]
    plan = plan_transactions(texts, max_docs=50, max_chars=1500)
    assert [[d.doc_id[-1] for d in t] for t in plan] == [["a", "b"], ["c"], ["d"], ["e"]]
    # and so do the sentences each mention carries as provenance (a review, session 57: only the text was counted)
    quoted = _pg("f")
    quoted.edges[0] = dataclasses.replace(quoted.edges[0], props={**quoted.edges[0].props, "sentences": ["句" * 700]})
    rows = document_rows(quoted, "字" * 600)
    assert rows.chars == 1300
    plan = plan_transactions([rows, texts[0]], max_docs=50, max_chars=1500)
    assert [[d.doc_id[-1] for d in t] for t in plan] == [["f"], ["a"]]


def test_a_batch_merges_repeated_rows_as_writing_them_in_order_would():
    a, b = document_rows(_pg("a", 2), ""), document_rows(_pg("b"), "")
    a.edges["MENTIONS"][1] = {**a.edges["MENTIONS"][1], "props": {**a.edges["MENTIONS"][1]["props"], "count": 2}}
    batch = merge_batch([a, b])
    assert batch.entity_ids == ["Program:甲"] and len(batch.entities["Program"]) == 1
    mentions = batch.edges["MENTIONS"]
    assert len(mentions) == 2 and mentions[0]["props"]["count"] == 2  # same (source, target, doc_id): props merged
    assert [s["id"] for s in batch.sources] == ["Document:a", "Document:b"]


def test_aggregates_come_from_the_small_mention_fields_and_unmentioned_entities_are_listed():
    rows, gone = aggregate_rows([
        {"id": "Goal:乡村振兴", "name": "乡村振兴", "kind": None, "mentions": [
            {"doc_id": "D:1", "count": 2, "forms": ["乡村振兴战略"], "resolution": "new"},
            {"doc_id": "D:2", "count": 1, "forms": ["鄉村振興"], "resolution": "rule:goal-form"},
            {"doc_id": "D:2", "count": 1, "forms": None, "resolution": None}]},
        {"id": "Program:空", "name": "空", "kind": None, "mentions": []},
        {"id": "Document:x", "name": "x", "kind": "source", "mentions": []}])
    assert gone == ["Program:空"]
    (row,) = rows
    assert (row["doc_count"], row["mention_count"], row["merged_by"]) == (2, 4, ["D:2 rule:goal-form"])
    assert row["aliases"] == ["乡村振兴战略", "鄉村振興"]
    assert row["aliases_text"].split("\n") == ["乡村振兴", "乡村振兴战略", "鄉村振興"]  # the folded form adds no line
    assert search_text("鄉村", []) == "鄉村\n乡村"


def test_lucene_query_holds_the_ideograph_pairs_and_nothing_else():
    assert lucene_query("乡村振兴") == '"乡村" AND "村振" AND "振兴"'
    assert lucene_query("“五星”支部") == '"五星" AND "支部"'
    assert lucene_query('振兴" OR *:*') == '"振兴"'  # no Lucene syntax gets through
    assert lucene_query("党") is None and lucene_query("2+N") is None


def test_no_statement_uses_cypher_that_neo4j_5_deprecates():
    """The Cypher manual 5 deprecates the importing WITH of a CALL subquery (5.23: ``CALL (n) { … }`` instead) and
    ``id()`` (``elementId()``); a statement using either draws a deprecation notification from the server."""
    import re
    used = [s for s in Q.all_statements() if re.search(r"CALL\s*\{\s*WITH\b", s) or re.search(r"(?<![\w.])id\(", s)]
    assert used == []
    assert "CALL (n) {" in Q.CLEAR_ALL


def test_a_server_older_than_the_statements_is_refused_by_name(monkeypatch):
    """CLEAR_ALL's CALL (n) { … } is Neo4j 5.23's; an older server is named when the store opens, before any write."""
    from types import SimpleNamespace

    import neo4j

    from policykg.graph.neo4j_connect import open_neo4j, unsupported_server
    from policykg.settings import Settings

    assert unsupported_server("Neo4j/5.26.0") is None and unsupported_server("Neo4j/2025.01.0") is None
    assert "needs Neo4j 5.23 or later" in unsupported_server("Neo4j/5.12.0")
    closed = []
    driver = SimpleNamespace(verify_connectivity=lambda: None, close=lambda: closed.append(True),
                             get_server_info=lambda: SimpleNamespace(agent="Neo4j/4.4.30"))
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *a, **k: driver)
    settings = Settings(neo4j_uri="bolt://old:7687", neo4j_password="secret")
    with pytest.raises(StoreError, match=r"bolt://old:7687 runs Neo4j/4\.4\.30; policykg needs Neo4j 5\.23"):
        open_neo4j(settings)
    assert closed == [True]


def test_every_statement_sent_is_a_constant_and_a_fresh_load_creates_without_deleting(seed_paths):
    server = FakeServer()
    store = Neo4jStore(server, batch_size=1000, write_batch=2)
    load_paths(store, seed_paths, progress=False)
    assert server.commits == 3  # 5 documents, 2 per transaction
    sent = [q for q, _ in server.log]
    assert set(sent) <= Q.all_statements()
    deletes = {*Q.DELETE_FACTS, Q.DELETE_SECTIONS, Q.DELETE_SOURCES, Q.TOUCHED_BY_DOCUMENTS}
    assert not deletes & set(sent)  # nothing stored before: no deletion statement at all
    created = sum(len(p["rows"]) for q, p in server.log if q in Q.EDGE_CREATE.values())
    assert created == sum(store.stats()["relationships"].values())
    assert sent.count(Q.AGGREGATE_SET) == 3  # aggregates once per batch, not per document,
    assert sent.count(Q.ENTITY_AGGREGATES) == 3 and Q.ENTITY_MENTIONS not in sent  # and no mention read back
    assert sent.count(Q.EDGE_CREATE["MENTIONS"]) == 3  # one statement per type per batch (below 1,000 rows)

    # each transaction reads the aggregates after merging its entities, locking each node first (lost updates)
    merges = set(Q.ENTITY_MERGE.values())
    starts = [k for k, q in enumerate(sent) if q == Q.DOCUMENT_HASHES] + [len(sent)]
    for a, b in itertools.pairwise(starts):
        tx = sent[a:b]
        assert max(k for k, q in enumerate(tx) if q in merges) < tx.index(Q.ENTITY_AGGREGATES)
    assert "SET e._lock = true REMOVE e._lock" in Q.ENTITY_AGGREGATES

    server.log.clear()  # a changed document: its facts deleted by doc_id, then written again
    store.delete_document("Document:002_f943a519de895b49")
    assert {q for q, _ in server.log} >= {*Q.DELETE_FACTS, Q.DELETE_SECTIONS, Q.DELETE_SOURCES}


def test_an_entity_another_writer_deletes_before_the_lock_is_made_again_with_this_batchs_mentions(seed_paths):
    # a review against the Operations Manual (session 57): another writer, deleting the only other document that
    # mentions an entity, could delete the node between this batch's MERGE and its lock; EDGE_CREATE's MATCH then
    # dropped this batch's MENTIONS of it without a word
    server = FakeServer()
    store = Neo4jStore(server, batch_size=1000, write_batch=1)
    load_paths(store, seed_paths[:1], progress=False)
    last = read_document(seed_paths[1])
    shared = {m["target"] for m in store.iter_edges(["MENTIONS"])}
    deleted: list[str] = []

    def other_writer(graph, query, params):  # its delete commits after our MERGE, before our lock
        if query == Q.ENTITY_AGGREGATES and not deleted:
            deleted.append(next(i for i in params["ids"] if i in shared))
            graph.detach_delete(deleted[0])

    server.meanwhile = other_writer
    load_paths(store, [seed_paths[1]], progress=False)
    assert deleted and {m["doc_id"] for m in store.get_node(deleted[0])["mentions"]} == {last.id}
    assert store.get_node(deleted[0])["node"]["doc_count"] == 1
    assert "SET e._lock = true REMOVE e._lock" in Q.ENTITY_MENTIONS  # a recomputation reads under the lock too


def test_a_failed_batch_leaves_whole_documents_and_a_reload_completes_them(seed_paths, tmp_path):
    server = FakeServer()
    store = Neo4jStore(server, batch_size=50, write_batch=2)
    calls = {"n": 0}

    def third_batch(query, params):  # fail in the middle of the third transaction's writes
        calls["n"] += query == Q.DOCUMENT_HASHES
        return calls["n"] == 3 and query == Q.EDGE_CREATE["MENTIONS"]

    server.fail_on = third_batch
    with pytest.raises(StoreError, match="rolled back"):
        load_paths(store, seed_paths, progress=False)
    assert [d["id"] for d in store.documents()] == [f"Document:{p.stem}" for p in seed_paths[:4]]
    partial = EmbeddedStore(tmp_path / "four")
    load_paths(partial, seed_paths[:4], progress=False)
    assert compare_stores(partial, store).equal  # the failed transaction left nothing behind
    server.fail_on = None
    report = load_paths(store, seed_paths, progress=False)
    assert len(report.unchanged) == 4 and len(report.loaded) == 1
    full = EmbeddedStore(tmp_path / "five")
    load_paths(full, seed_paths, progress=False)
    assert compare_stores(full, store).equal
    partial.close()
    full.close()


def test_a_timed_out_query_is_reported_in_the_projects_words():
    server = FakeServer()
    store = Neo4jStore(server)
    heavy = "MATCH (a), (b) RETURN count(*)"
    server.user_queries[heavy] = Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
        message="The transaction has been terminated. Retry your operation in a new transaction, and you should "
                "see a successful result. The transaction has not completed within the timeout specified at its start")
    with pytest.raises(QueryTimeoutError, match=r"^query exceeded the 2 s limit; narrow it or raise "
                                                r"POLICYKG_CYPHER_TIMEOUT_S$"):
        store.cypher(heavy, timeout_s=2)
    assert is_timeout("Neo.ClientError.Transaction.TransactionTimedOut", 0.1, 2)
    assert is_timeout("Neo.ClientError.Transaction.Terminated", 2.1, 2)
    assert not is_timeout("Neo.ClientError.Transaction.Terminated", 0.1, 2)  # killed by someone, not the limit
    assert not is_timeout("Neo.ClientError.Statement.SyntaxError", 5, 2)


def test_a_float_json_cannot_hold_is_answered_as_cypher_writes_it():
    """Neo4j answers ``1/0.0`` with Infinity and ``0.0/0.0`` with NaN, which JSON has no number for: the API's encoder
    refused the answer with a 500 (a Cypher walkthrough, session 63); they come back as ``toString`` writes them."""
    from fastapi.testclient import TestClient

    from policykg.api.main import create_app
    from policykg.settings import Settings

    server = FakeServer()
    query = "RETURN 1/0.0 AS up, -1/0.0 AS down, 0.0/0.0 AS nan, 1.5 AS x, [1/0.0] AS xs"
    server.user_queries[query] = [{"up": float("inf"), "down": float("-inf"), "nan": float("nan"), "x": 1.5,
                                   "xs": [float("inf")]}]
    store = Neo4jStore(server)
    assert store.cypher(query, timeout_s=2).rows == [["Infinity", "-Infinity", "NaN", 1.5, ["Infinity"]]]
    with TestClient(create_app(Settings(), store=store)) as client:
        r = client.post("/cypher", json={"query": query})
    assert r.status_code == 200 and r.json()["rows"] == [["Infinity", "-Infinity", "NaN", 1.5, ["Infinity"]]]


def test_incremental_aggregates_equal_a_recomputation_from_all_mentions():
    old_mentions = [{"doc_id": "D:1", "count": 2, "forms": ["乡村振兴战略"], "resolution": "new"}]
    (stored,), _ = aggregate_rows([{"id": "Goal:乡村振兴", "name": "乡村振兴", "kind": None, "mentions": old_mentions}])
    before = {"Goal:乡村振兴": {"name": "乡村振兴", "kind": None, **{k: v for k, v in stored.items() if k != "id"}}}
    pg = PropertyGraph("D:2", [Node("Goal:乡村振兴", "Goal", {"id": "Goal:乡村振兴", "name": "乡村振兴"}),
                               Node("Program:新", "Program", {"id": "Program:新", "name": "新"}),
                               Node("Body:空", "Body", {"id": "Body:空", "name": "空"})],
                       [Edge("S:2", "Goal:乡村振兴", "MENTIONS", "MENTIONS|D:2",
                             {"doc_id": "D:2", "count": 3, "forms": ["乡村全面振兴"], "resolution": "rule:goal-form"}),
                        Edge("S:2", "Program:新", "MENTIONS", "MENTIONS|D:2",
                             {"doc_id": "D:2", "count": 1, "forms": ["新"], "resolution": "new"})])
    batch = merge_batch([document_rows(pg, "")])
    rows, gone = incremental_rows(before, batch, batch.entity_ids)
    assert gone == ["Body:空"]  # created by the batch without a mention
    # as the store reads them: the batch's new nodes are merged first, with doc_count 0
    merged = {**before, "Program:新": {"name": "新", "kind": None, "doc_count": 0},
              "Body:空": {"name": "空", "kind": None, "doc_count": 0}}
    assert incremental_rows(merged, batch, batch.entity_ids) == (rows, gone)
    new_mentions = [e.props for e in pg.edges if e.target == "Goal:乡村振兴"]
    expected, _ = aggregate_rows([{"id": "Goal:乡村振兴", "name": "乡村振兴", "kind": None,
                                   "mentions": old_mentions + new_mentions}])
    assert next(r for r in rows if r["id"] == "Goal:乡村振兴") == expected[0]
    assert next(r for r in rows if r["id"] == "Program:新")["doc_count"] == 1


def test_a_server_that_went_away_or_builds_its_indexes_is_named_as_such():
    """A lost connection is the store being unavailable (StoreError, 503), not an unexpected error (500); an index
    still being built when the store opens is no unreachable server (an audit against the driver, session 51)."""
    from neo4j.exceptions import ServiceUnavailable

    server = FakeServer()
    store = Neo4jStore(server)
    server.fail_on = lambda query, params: query == Q.STATS_NODES
    server.fail_with = ServiceUnavailable("Couldn't connect to 127.0.0.1:7687")
    with pytest.raises(StoreError, match="cannot read from Neo4j: Couldn't connect"):
        store.stats()
    server.user_queries["MATCH (n) RETURN count(n)"] = ServiceUnavailable("Couldn't connect to 127.0.0.1:7687")
    with pytest.raises(StoreError, match="cannot read from Neo4j"):
        store.cypher("MATCH (n) RETURN count(n)", timeout_s=2)
    server.fail_on, server.fail_with = (lambda query, params: query == Q.AWAIT_INDEXES), None
    with pytest.raises(StoreError, match="indexes were not online after 300 s"):
        Neo4jStore(server)
