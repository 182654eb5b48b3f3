"""The graph does not depend on the order documents are loaded in (session 67): a document that shows two stored
nodes are one entity joins them, as it would have made one node loaded first (:mod:`policykg.graph.node_joins`)."""

from __future__ import annotations

from order_texts import CONGRESS_TEXTS, QIANWAN_TEXTS, partition, write_texts

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths


def _loaded(folder, paths, one_load: bool):
    store = EmbeddedStore(folder)
    if one_load:
        assert not load_paths(store, paths, progress=False).failed
    else:  # a file at a time, as a researcher adding documents later does
        for p in paths:
            assert not load_paths(store, [p], progress=False).failed
    return store


def test_the_same_reports_loaded_in_reverse_make_the_same_nodes(tmp_path):
    # 四川's glossary says 千万工程 is 千村示范、万村整治工程: loaded before gwr-2024 and 浙江 it makes one node they join;
    # loaded after them, it had left their two nodes apart (and listed the pair for a curation merge)
    paths = write_texts(tmp_path / "in", QIANWAN_TEXTS)
    forward = _loaded(tmp_path / "forward", paths, one_load=True)
    backward = _loaded(tmp_path / "backward", paths[::-1], one_load=False)
    assert partition(forward) == partition(backward)
    assert partition(forward)[("Document:a-gwr-2024", 27, "“千村示范、万村整治”工程")] == "Program:千万工程"
    forward.close()
    backward.close()


def test_a_joined_node_keeps_every_document_s_forms_and_why_it_joined(tmp_path):
    store = _loaded(tmp_path / "data", write_texts(tmp_path / "in", QIANWAN_TEXTS), one_load=True)
    got = store.get_node("Program:千万工程")
    # gwr-2024 had made 千村示范、万村整治工程: it joins by 四川's naming the two as one; the others kept their reasons
    assert "Document:a-gwr-2024 one-entity:Document:c-sc" in got["node"]["merged_by"]
    assert "千村示范、万村整治工程" in got["forms_by_document"]["Document:a-gwr-2024"]
    assert {"千万工程", "千村示范、万村整治工程"} <= set(got["forms_by_document"]["Document:c-sc"])
    assert {m["doc_id"] for m in got["mentions"]} == {f"Document:{s}" for s in QIANWAN_TEXTS}
    store.close()


def test_a_document_joining_a_node_it_made_itself_says_so_once(tmp_path):
    # the 19th congress report makes 伟大工程 and names it 党的建设新的伟大工程, the node of the 15th and 16th: its own
    # node joins the other, and merged_by had read "Document:cpc-congress-19 one-entity:Document:cpc-congress-19"
    from policykg.graph.node_joins import joiners

    store = _loaded(tmp_path / "data", write_texts(tmp_path / "in", CONGRESS_TEXTS), one_load=True)
    merged_by = store.get_node("Program:党的建设的伟大工程")["node"]["merged_by"]
    assert "Document:cpc-congress-19 one-entity" in merged_by
    assert not [m for m in merged_by if m.endswith(f":{m.split(' ')[0]}")]  # no document named twice
    assert joiners(store) == {"Document:cpc-congress-19"}  # deleting it still resolves the others again
    store.close()


def test_the_node_that_stays_is_chosen_by_the_nodes_not_the_order_of_the_pairs():
    from policykg.graph.node_joins import join_plan

    pairs = [("Program:千万工程", "Program:千村示范、万村整治工程", "Document:c-sc"),
             ("Program:千村示范、万村整治工程", "Program:千万工程", "Document:d-gd")]
    counts = {"Program:千万工程": 3, "Program:千村示范、万村整治工程": 1}
    assert join_plan(pairs, counts)[0] == join_plan(pairs[::-1], counts)[0] == {
        "Program:千村示范、万村整治工程": "Program:千万工程"}
    # a tie of documents: the shorter name, then the smaller id
    assert join_plan(pairs, dict.fromkeys(counts, 2))[0] == {"Program:千村示范、万村整治工程": "Program:千万工程"}


def test_a_replaced_report_that_no_longer_names_the_two_as_one_parts_them(tmp_path):
    # 四川's report, loaded last, joined the two nodes; its text without the glossary joins nothing, and the store is
    # what a fresh load of the texts as they are now makes
    texts = {k: v for k, v in QIANWAN_TEXTS.items() if k != "d-gd"}
    paths = write_texts(tmp_path / "in", texts)
    store = _loaded(tmp_path / "data", paths, one_load=True)
    assert "Program:千村示范、万村整治工程" not in {n["id"] for n in store.iter_nodes(["Program"])}
    texts["c-sc"] = texts["c-sc"].split("名词解释")[0]
    write_texts(tmp_path / "in", texts)
    report = load_paths(store, paths, progress=False)
    assert report.replaced == ["Document:c-sc"] and report.joined == []
    fresh = _loaded(tmp_path / "fresh", paths, one_load=True)
    assert partition(store) == partition(fresh)
    assert store.get_node("Program:千村示范、万村整治工程")["node"]["doc_count"] == 1
    store.close()
    fresh.close()


def test_a_document_s_two_entities_on_joined_nodes_become_one_entity_in_text_order(tmp_path):
    from policykg.graph.node_moves import relabel

    store = _loaded(tmp_path / "data", write_texts(tmp_path / "in", {"a-gwr-2024": QIANWAN_TEXTS["a-gwr-2024"]}), True)
    pg = store.stored_graph("Document:a-gwr-2024")
    # gwr-2024's two goals of one sentence, said (for the test) to be one: one mention edge, both mentions in text order
    new = relabel(pg, {"Goal:乡村全面振兴": "Goal:建设农业强国目标"}, {"Goal:乡村全面振兴": "Document:x"})
    edges = [e for e in new.edges if e.type == "MENTIONS" and e.target.startswith("Goal:")]
    assert [(e.target, e.props["count"], e.props["surfaces"]) for e in edges] == [
        ("Goal:建设农业强国目标", 2, ["建设农业强国目标", "乡村全面振兴"])]
    assert edges[0].props["forms"] == ["建设农业强国目标", "乡村全面振兴"] and edges[0].props["resolution"] == "new"
    assert "Goal:乡村全面振兴" not in {n.id for n in new.nodes}
    assert store.upsert_document(new, store.document_text("Document:a-gwr-2024"), force=True)
    assert store.get_node("Goal:建设农业强国目标")["node"]["mention_count"] == 2
    store.close()


def test_a_load_joins_nodes_with_the_cyclic_collector_paused(tmp_path, monkeypatch):
    # the joins after a load read and rewrite documents' graphs: collections there walked the whole store's graph in
    # memory (the gwr corpus: two full collections, 0.61 -> 0.24 CPU s); the 19th congress report joins a node
    import gc

    store = EmbeddedStore(tmp_path / "data")
    move, collector = store.move_nodes, []

    def recorded(into, by):
        collector.append(gc.isenabled())
        return move(into, by)

    monkeypatch.setattr(store, "move_nodes", recorded)
    assert not load_paths(store, write_texts(tmp_path / "in", CONGRESS_TEXTS), progress=False).failed
    assert collector == [False] and gc.isenabled()
    assert "Document:cpc-congress-19 one-entity" in store.get_node("Program:党的建设的伟大工程")["node"]["merged_by"]
    store.close()
