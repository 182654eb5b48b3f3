"""Nodes joined in place (``GraphStore.move_nodes``, :mod:`policykg.graph.node_joins`) on both stores: real report lines
loaded in either order, or one deleted and loaded again, make the same nodes and relationships, and curation decisions
made on a joined node hold (session 69)."""

from __future__ import annotations

import pytest
from order_texts import QIANWAN_TEXTS, write_texts

from conftest import _open
from policykg.curate import decide, decision_fields, undo
from policykg.curation_preview import undo_preview
from policykg.errors import NotFoundError, StoreError
from policykg.graph import cypher as Q
from policykg.graph.curation import Curation
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths
from policykg.reresolve import delete

QIANWAN = "Program:千万工程"
LONG = "Program:千村示范、万村整治工程"


def graph(store) -> tuple[set, set, dict]:
    """What a store holds whatever the order its documents came in: node ids and labels, each relationship (ends, type,
    document, offsets), and each entity's documents, mentions and names."""
    nodes = {(n["id"], n["label"]) for n in store.iter_nodes()}
    edges = {(e["source"], e["target"], e["type"], e["doc_id"], tuple(e.get("starts") or ())) for e in store.iter_edges()}
    entities = {n["id"]: (n["doc_count"], n["mention_count"], sorted(n["aliases"]))
                for n in store.iter_nodes(["Program", "Goal", "Body"])}
    return nodes, edges, entities


def _mentions(store) -> dict[tuple[str, int], str]:
    return {(e["doc_id"], start): e["target"] for e in store.iter_edges(["MENTIONS"]) for start in e["starts"]}


@pytest.fixture
def paths(tmp_path):
    return write_texts(tmp_path / "in", QIANWAN_TEXTS)


@pytest.fixture
def reference(tmp_path, paths):
    """The four reports' lines loaded at once, in id order, into an embedded store: 四川's glossary joins the nodes
    gwr-2024 and 浙江 made."""
    ref = EmbeddedStore(tmp_path / "reference")
    assert not load_paths(ref, paths, progress=False).failed
    yield ref
    ref.close()


def test_reports_loaded_in_reverse_or_deleted_and_loaded_again_make_the_same_graph(store, reference, paths, tmp_path):
    # loaded a file at a time in reverse, 广东's copy of 四川's glossary makes one node the others join; loaded in id
    # order, 四川's joins the two nodes gwr-2024 and 浙江 made: the same nodes and relationships on either store
    for p in paths[::-1]:
        assert not load_paths(store, [p], progress=False).failed
    want = graph(reference)
    assert graph(store) == want
    assert want[2][QIANWAN] == (4, 8, ["千村示范、万村整治", "千村示范、万村整治工程"]) and LONG not in want[2]
    # 四川's report deleted and loaded again: it now comes after 广东's, whose glossary still says the same
    delete(store, "Document:c-sc", Curation(tmp_path / "curation.toml"))
    assert not load_paths(store, [paths[2]], progress=False).failed
    assert graph(store) == want


def test_moving_a_node_moves_its_relationships_and_mentions_each_still_its_document_s(store, paths):
    assert not load_paths(store, paths[:2], progress=False).failed  # gwr-2024 and 浙江: two nodes
    before = {d["id"]: d for d in store.documents()}
    mentions = [(e["source"], e["starts"]) for e in store.iter_edges(["MENTIONS"]) if e["target"] == LONG]
    assert store.move_nodes({LONG: QIANWAN}, {LONG: "Document:c-sc"}) == ["Document:a-gwr-2024"]
    with pytest.raises(NotFoundError):
        store.get_node(LONG)
    node = store.get_node(QIANWAN)["node"]
    assert (node["doc_count"], node["mention_count"], node["aliases"]) == (2, 2, ["千村示范、万村整治", "千村示范、万村整治工程"])
    assert "Document:a-gwr-2024 one-entity:Document:c-sc" in node["merged_by"]
    assert [(e["source"], e["starts"]) for e in store.iter_edges(["MENTIONS"]) if e["target"] == QIANWAN
            and e["doc_id"] == "Document:a-gwr-2024"] == mentions
    after = {d["id"]: d for d in store.documents()}  # the document changed says so; the other is as it was
    assert after["Document:a-gwr-2024"]["graph_hash"] != before["Document:a-gwr-2024"]["graph_hash"]
    assert after["Document:b-zj"] == before["Document:b-zj"]
    store.delete_document("Document:a-gwr-2024")  # its moved mentions go with it
    node = store.get_node(QIANWAN)["node"]
    assert (node["doc_count"], node["mention_count"], node["aliases"]) == (1, 1, [])


def test_a_move_refused_or_failed_leaves_the_store_as_it_was(tmp_path, paths):
    store = _open("neo4j-sim", tmp_path / "sim")
    assert not load_paths(store, paths[:2], progress=False).failed
    before = graph(store)
    with pytest.raises(ValueError, match="itself joined"):
        store.move_nodes({LONG: QIANWAN, QIANWAN: "Program:乡村全面振兴"}, {})
    store.driver.fail_on = lambda query, params: "CREATE (a)-[r:MENTIONS]" in query
    with pytest.raises(StoreError, match="rolled back"):
        store.move_nodes({LONG: QIANWAN}, {})
    assert graph(store) == before
    store.driver.fail_on, commits, sent = None, store.driver.commits, len(store.driver.log)
    assert store.move_nodes({LONG: QIANWAN}, {}) == ["Document:a-gwr-2024"]
    statements = [q for q, _ in store.driver.log[sent:]]
    assert store.driver.commits == commits + 1  # one transaction, its relationships moved one statement per type
    assert {q for q in statements if "DELETE r" in q} == {Q.EDGE_DELETE[t] for t in ("MENTIONS", "SERVES")}


@pytest.mark.parametrize("action, fields", [
    ("rename", {"node": QIANWAN, "canonical": "千万工程经验"}),
    ("merge", {"nodes": [QIANWAN, "Program:农村户厕无害化改造"]}),
    ("reject", {"node": QIANWAN}),
])
def test_a_decision_on_a_joined_node_holds_for_every_document_and_is_undone(store, reference, paths, tmp_path, action,
                                                                           fields):
    for p in paths[::-1]:
        assert not load_paths(store, [p], progress=False).failed
    cur = Curation(tmp_path / "curation.toml")
    raw = decision_fields(action, store=store, **fields)
    decision = decide(store, cur, raw)[0]
    nodes = {n["id"]: n for n in store.iter_nodes(["Program"])}
    assert LONG not in nodes  # gwr-2024's mention did not part from the node the decision is about
    if raw["action"] == "reject":
        assert QIANWAN not in nodes
    else:
        kept = nodes["Program:千万工程经验" if raw["action"] == "rename" else QIANWAN]
        assert kept["doc_count"] == 4 and "千村示范、万村整治工程" in kept["aliases"]
    # the same decision, on the reports loaded in id order into a store of the other kind
    again = Curation(tmp_path / "again.toml")
    decide(reference, again, decision_fields(action, store=reference, **fields))
    assert graph(store) == graph(reference)
    # the undo's dry run counts the mentions the undo moves, the joins it makes again included
    before = _mentions(store)
    counted = undo_preview(store, cur, decision.id)
    undo(store, cur, decision.id)
    after = _mentions(store)
    assert counted["mentions"] == len({k for k in before.keys() | after.keys() if before.get(k) != after.get(k)})
    fresh = EmbeddedStore(tmp_path / "fresh")
    assert not load_paths(fresh, paths, progress=False).failed
    assert graph(store) == graph(fresh)
    fresh.close()


def test_an_undo_s_dry_run_counts_no_mention_of_a_joined_node_the_undo_leaves_where_it_is(reference, tmp_path):
    # resolved again without the joins, gwr-2024's 千村示范、万村整治工程 would be a node of its own: the dry run of
    # undoing a decision about another node counted its mention as moved, which the undo, joining it again, does not
    cur = Curation(tmp_path / "curation.toml")
    decision = decide(reference, cur, decision_fields("reject", node="Goal:乡村全面振兴", store=reference))[0]
    before = _mentions(reference)
    counted = undo_preview(reference, cur, decision.id)
    undo(reference, cur, decision.id)
    after = _mentions(reference)
    moved = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert {after[k] for k in moved} == {"Goal:乡村全面振兴"} and after[("Document:a-gwr-2024", 27)] == QIANWAN
    assert (counted["mentions"], counted["nodes"]) == (len(moved), [])


def test_a_load_killed_before_its_joins_is_finished_by_the_next_load(store, reference, paths, tmp_path, monkeypatch):
    # the documents are written whole before the joins; killed in between, the next load of the same files finds them
    # unchanged and had resolved nothing, so the two nodes stayed apart
    import policykg.ingest as ingest

    cur = Curation(tmp_path / "curation.toml")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "join_nodes", killed)
    with pytest.raises(KeyboardInterrupt):
        load_paths(store, paths, progress=False, curation=cur)
    assert LONG in {n["id"] for n in store.iter_nodes(["Program"])}
    monkeypatch.undo()
    report = load_paths(store, paths, progress=False, curation=cur)
    assert len(report.unchanged) == 4
    assert graph(store) == graph(reference) and store.curation_mark() == ""
    # it says what it did: the curation file did not change ("re-applied the curation to 4 documents" had said so)
    assert not report.reapplied
    line = report.summary().splitlines()[1]
    assert line.startswith("  finished the joins a stopped load left, by resolving again the 4 documents (")
    assert line.endswith(": the graph of 1 changed, 3 re-checked and unchanged")  # gwr-2024's, joined now


def _said(store) -> dict[str, str]:
    """What each stored document's graph says (in no order, as either store gives it back)."""
    from policykg.graph.digests import unordered_digest

    return {d["id"]: unordered_digest(store.stored_graph(d["id"])) for d in store.documents()}


def test_a_decision_counts_once_the_documents_whose_graph_it_changed_the_joins_included(store, paths, tmp_path):
    # a reject of 浙江's 宜居宜业和美乡村 changes 浙江's report alone; gwr-2024's, resolved again apart from the node it had
    # joined, is written and joined again as it was, and had counted as changed ("the graph of 2 changed")
    cur = Curation(tmp_path / "curation.toml")
    assert not load_paths(store, paths, progress=False, curation=cur).failed
    for _ in range(2):  # the first decision of the store, then the same again once undone
        before = _said(store)
        decision, _, report = decide(store, cur, decision_fields("reject", node="Goal:宜居宜业和美乡村", store=store))
        after = _said(store)
        assert report.changed == [d for d in after if after[d] != before[d]] == ["Document:b-zj"]
        assert "Document:a-gwr-2024" in report.rewritten and report.rejoined == ["Document:a-gwr-2024"]
        assert ("the graph of 1 changed, 3 re-checked and unchanged (" in report.summary()
                and "; 1 of them written again and joined again to the same nodes)" in report.summary())
        report = undo(store, cur, decision.id)[1]
        assert report.changed == [d for d, said in _said(store).items() if said != after[d]] == ["Document:b-zj"]
