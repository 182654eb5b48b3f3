"""A curation decision rewrites the documents it changes and no other, and leaves the store a full re-resolution would.

A merge of two nodes of one mention each had rewritten all 96 reports of a store (13 s): every document's content hash
carried the curation's fingerprint, so every document differed from its stored version.  Now the hash carries a
digest of what the document writes, and the store a mark of the curation it was resolved under.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BACKENDS, _open
from policykg.curate import decide, decision_fields, reapply, text_hashes
from policykg.errors import StoreError
from policykg.graph.curation import Curation
from policykg.graph.parity import compare_stores
from policykg.ingest import load_paths

TEXTS = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"
REPORTS = [TEXTS / f"gwr2025-{p}.txt" for p in ("上海", "广西", "江西", "河南", "浙江", "重庆")]
#: a decision the store was written under before (both nodes of 重庆's report)
EARLIER = ("merge", {"nodes": ["Program:山城步道", "Program:山城绿道"]})
#: the decision made: a node of 上海's report and one of 浙江's, one mention each
MERGE = ("merge", {"nodes": ["Program:未来产业基金", "Program:4+1专项基金"]})


def _curated(kind: str, folder: Path):
    """A store of the six reports under :data:`EARLIER`, and its curation."""
    store, cur = _open(kind, folder / "data"), Curation(folder / "curation.toml")
    assert not load_paths(store, REPORTS, progress=False, curation=cur).failed
    decide(store, cur, decision_fields(EARLIER[0], **EARLIER[1], store=store))
    return store, cur


def _counting(store) -> list[str]:
    """The ids of the documents the store writes from now on, as its ``upsert_documents`` reports them."""
    written: list[str] = []
    upsert = store.upsert_documents

    def counted(docs, force=False):
        flags = upsert(docs, force)
        written.extend(pg.doc_id for (pg, _), flag in zip(docs, flags, strict=True) if flag)
        return flags

    store.upsert_documents = counted
    return written


def _graph(store) -> tuple[list[dict], list[dict]]:
    """Every node and relationship of the store with all their properties, in a stable order."""
    nodes = sorted(store.iter_nodes(), key=lambda n: n["id"])
    edges = sorted(store.iter_edges(), key=lambda e: (e["source"], e["target"], e["type"], e.get("doc_id", "")))
    return nodes, edges


def _mentioning(store, nodes: list[str]) -> set[str]:
    return {e["doc_id"] for e in store.iter_edges(["MENTIONS"]) if e["target"] in nodes}


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_decision_rewrites_the_documents_it_changes_and_ends_as_a_full_re_resolution(kind, tmp_path):
    store, cur = _curated(kind, tmp_path / "a")
    touched = _mentioning(store, MERGE[1]["nodes"])
    assert touched == {"Document:gwr2025-上海", "Document:gwr2025-浙江"}
    written = _counting(store)
    _, _, report = decide(store, cur, decision_fields(MERGE[0], **MERGE[1], store=store))
    assert sorted(written) == sorted(report.rewritten) == sorted(touched)  # not the four other reports
    assert len(report.unchanged) == 4
    # the same decision applied by resolving and rewriting every document
    full, other = _curated(kind, tmp_path / "b")
    other.add(decision_fields(MERGE[0], **MERGE[1], store=full))
    assert len(reapply(full, other, force=True).rewritten) == 6
    assert _graph(store) == _graph(full)
    assert compare_stores(store, full).equal
    assert store.curation_mark() == full.curation_mark() == cur.fingerprint
    # the load after it finds nothing to re-apply
    assert not load_paths(store, REPORTS, progress=False, curation=Curation(cur.path)).reapplied
    store.close()
    full.close()


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_decision_stopped_midway_is_finished_by_the_next_load_even_once_taken_out_of_the_file(kind, tmp_path):
    store, cur = _curated(kind, tmp_path / "a")
    before = _graph(store)
    upsert = store.upsert_documents

    def dies_after_one(docs, force=False):  # the process is killed after the first document it rewrites
        if any(pg.doc_id == "Document:gwr2025-浙江" for pg, _ in docs):
            raise StoreError("killed")
        return upsert(docs, force)

    store.upsert_documents = dies_after_one
    with pytest.raises(StoreError):
        decide(store, cur, decision_fields(MERGE[0], **MERGE[1], store=store))
    store.upsert_documents = upsert
    assert store.curation_mark() is None and text_hashes(store, Curation(cur.path)) is None
    assert "Program:4+1专项基金" in {n["id"] for n in store.iter_nodes(["Program"])}  # 浙江 was not rewritten
    # the decision taken out of the file by hand before the next load: the store, written in part under the decision,
    # is resolved again all the same (the fingerprint is the one the store had before the decision)
    Curation(cur.path).remove(cur.decisions[-1].id)
    assert text_hashes(store, Curation(cur.path)) is None
    report = load_paths(store, REPORTS, progress=False, curation=Curation(cur.path))
    assert report.reapplied and _graph(store) == before
    store.close()


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_document_loaded_without_the_curation_leaves_the_store_to_be_resolved_again(kind, tmp_path):
    # policykg parity loads without the curation; a store marked as resolved under it is so no longer
    store, cur = _curated(kind, tmp_path / "a")
    assert store.curation_mark() == cur.fingerprint
    assert not load_paths(store, [TEXTS / "gwr2025-云南.txt"], progress=False).failed
    assert store.curation_mark() is None and text_hashes(store, Curation(cur.path)) is None
    if kind == "neo4j-sim":  # the mark's node itself is gone, not left without its value (a MATCH (n) would count it)
        assert "curation" not in store.driver.graph.marks
    assert load_paths(store, REPORTS, progress=False, curation=Curation(cur.path)).reapplied
    assert store.curation_mark() == cur.fingerprint
    if kind == "neo4j-sim":
        store.clear()  # and a cleared store holds none (CLEAR_ALL deletes the graph's :Node nodes only)
        assert "curation" not in store.driver.graph.marks
    store.close()


#: the merge of the README's tour: 2 mentions of 工作, in 003's and 004's text, move to 制度
TOUR = ("merge", {"nodes": ["Program:县以下事业单位管理岗位职员等级晋升制度", "Program:县以下事业单位管理岗位职员等级晋升工作"]})
MOVED = ["Document:003_8ab235683617fdde", "Document:004_4f30f3f8533a85fe"]


@pytest.mark.parametrize("kind", BACKENDS)
def test_the_answer_counts_the_documents_whose_graph_changed_not_every_document_written(kind, tmp_path, seed_paths):
    # a walkthrough (session 67): a merge moving mentions of 2 documents answered "17 rewritten" on a store of 17, the
    # first decision writing every document (its hash then says it is curated), read as 17 documents changed
    store, cur = _open(kind, tmp_path / "data"), Curation(tmp_path / "curation.toml")
    assert not load_paths(store, seed_paths, progress=False, curation=cur).failed
    _, counted, report = decide(store, cur, decision_fields(TOUR[0], **TOUR[1], store=store))
    assert (counted["mentions"], counted["documents"]) == (2, 2) and len(report.rewritten) == 5
    assert sorted(report.changed) == MOVED and report.checked == 5
    assert report.summary().startswith("re-applied the curation to 5 documents (")
    assert "s): the graph of 2 changed, 3 re-checked and unchanged (3 of them written again with the same graph, to " \
        "record the curation they were checked under)" in report.summary()
    # the decision's marks on 制度's own mentions in 000 and 002 are no change of their graph, taken away either
    from policykg.curate import undo
    _, report = undo(store, cur, "d1")
    assert sorted(report.changed) == MOVED and len(report.rewritten) == 5
    store.close()


def _written_the_old_way(store, graph_hash) -> None:
    """Every stored document written again through the store's own API as a store written before session 68 holds
    it: ``graph_hash(pg)`` its digest (``None``: none at all)."""
    for d in store.documents():
        pg = store.stored_graph(d["id"])
        pg.nodes[0].props.pop("graph_hash")
        if graph_hash is not None:
            pg.nodes[0].props["graph_hash"] = graph_hash(pg)
        assert store.upsert_document(pg, store.document_text(d["id"]), force=True)


@pytest.mark.parametrize("kind", ["embedded", "neo4j-sim"])
def test_a_store_written_without_the_graph_digest_counts_the_documents_whose_graph_changed(kind, tmp_path, seed_paths):
    # session 69: a document stored before graph_hash (session 67) had every one of its re-applications counted as a
    # change of its graph; its stored graph is read (once, before it is written over) and compared with the new one
    store, cur = _open(kind, tmp_path / "data"), Curation(tmp_path / "curation.toml")
    assert not load_paths(store, seed_paths, progress=False, curation=cur).failed
    _written_the_old_way(store, None)
    assert not any("graph_hash" in d for d in store.documents())
    _, _, report = decide(store, cur, decision_fields(TOUR[0], **TOUR[1], store=store))
    assert sorted(report.changed) == MOVED and len(report.rewritten) == 5
    assert "the graph of 2 changed, 3 re-checked and unchanged" in report.summary()
    assert all(d.get("graph_hash") for d in store.documents())  # written again: compared by their digest from now on
    store.close()


def test_a_store_written_with_the_relationship_digest_counts_a_mention_at_other_offsets(tmp_path, seed_paths):
    # session 69: a document stored with the digest of its relationships' types and ends alone (sessions 67 and 68) was
    # unchanged for a re-application whenever its relationships joined the same nodes, whatever its mentions said; here
    # 001's stored graph gives a mention other offsets than its text does, which the re-application puts right
    from policykg.graph.schema import relationship_digest

    store, cur = _open("embedded", tmp_path / "data"), Curation(tmp_path / "curation.toml")
    assert not load_paths(store, seed_paths, progress=False, curation=cur).failed
    _written_the_old_way(store, relationship_digest)
    doc = "Document:001_b67b329c3470edd9"
    pg = store.stored_graph(doc)
    edge = next(e for e in pg.edges if e.type == "MENTIONS")
    starts = edge.props["starts"]
    edge.props["starts"], edge.props["ends"] = [s + 1 for s in starts], [e + 1 for e in edge.props["ends"]]
    assert store.upsert_document(pg, store.document_text(doc), force=True)
    _, _, report = decide(store, cur, decision_fields(TOUR[0], **TOUR[1], store=store))
    assert sorted(report.changed) == sorted([doc, *MOVED]) and len(report.rewritten) == 5
    assert next(e for e in store.stored_graph(doc).edges if (e.source, e.target, e.type) ==
                (edge.source, edge.target, "MENTIONS")).props["starts"] == starts  # put right
    store.close()


def test_a_store_written_before_the_graph_digest_counts_the_documents_whose_relationships_changed(tmp_path, seed_paths,
                                                                                                   monkeypatch):
    # a store loaded before session 68 holds a digest of each document's relationships alone as its graph_hash
    from policykg.graph import schema

    store, cur = _open("embedded", tmp_path / "data"), Curation(tmp_path / "curation.toml")
    with monkeypatch.context() as m:
        m.setattr(schema, "content_digest", schema.relationship_digest)
        assert not load_paths(store, seed_paths, progress=False, curation=cur).failed
    _, _, report = decide(store, cur, decision_fields(TOUR[0], **TOUR[1], store=store))
    assert sorted(report.changed) == MOVED and len(report.rewritten) == 5
    store.close()
