"""Loading a changed version of a stored document: the graph is that of a fresh load of the same files, and a load
stopped while it resolves the store again is finished by the next (the other loading tests: ``test_ingest.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths


def _three_loaded_then_the_first_changed(tmp_path, seed_paths) -> tuple[Path, EmbeddedStore, EmbeddedStore]:
    """Seeds 000-002 loaded into a store, then 000 (loaded first) written without its paragraph naming 容错纠错机制;
    returns the folder, the store and a fresh store of the folder as it is now."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = [p for p in seed_paths if p.name[:3] in ("000", "001", "002")]
    for p in names:
        shutil.copy(p, folder / p.name)
    store = EmbeddedStore(tmp_path / "d")
    load_paths(store, [folder], progress=False)
    first = folder / names[0].name
    text = first.read_text(encoding="utf-8")
    first.write_text("\n".join(line for line in text.splitlines() if "容错纠错" not in line) + "\n", encoding="utf-8")
    fresh = EmbeddedStore(tmp_path / "fresh")
    load_paths(fresh, [folder], progress=False)
    return folder, store, fresh


def _assert_same_entities(store, fresh) -> None:
    assert {n["id"] for n in store.iter_nodes()} == {n["id"] for n in fresh.iter_nodes()}
    assert {n["id"]: n.get("aliases") for n in store.iter_nodes(["Program"])} == \
        {n["id"]: n.get("aliases") for n in fresh.iter_nodes(["Program"])}


def test_a_replaced_document_loaded_before_others_leaves_the_graph_of_a_fresh_load(tmp_path, seed_paths):
    # as a delete did (session 42): the documents loaded after a replaced one were resolved against its old names,
    # and it against theirs; the store now equals a fresh load of the same texts in the same order
    folder, store, fresh = _three_loaded_then_the_first_changed(tmp_path, seed_paths)
    report = load_paths(store, [folder / "000_a8eebd8133074170.txt"], progress=False)
    assert report.replaced == ["Document:000_a8eebd8133074170"] and report.reresolved == 3
    assert "resolved 3 documents again" in report.summary()
    _assert_same_entities(store, fresh)
    store.close()
    fresh.close()


def test_a_replaced_document_resolved_again_still_names_the_nodes_it_joins(tmp_path, seed_paths, monkeypatch):
    # a regression walk (session 57): a replaced document resolved in the re-resolution named no "perhaps one entity"
    # pairs, which the loop reports for the documents it resolves itself; since session 67 such pairs are joined
    import policykg.reresolve as reresolve

    folder, store, fresh = _three_loaded_then_the_first_changed(tmp_path, seed_paths)
    seen = []
    pair = ("Program:红色物业", "Program:清廉村居")  # two nodes of the seeds, said to be one (the seeds join no two nodes)

    def pairs(dg, index):  # what the bridges module finds (named, joinable), recorded per document
        seen.append(dg.document.id)
        return ([pair], [pair]) if dg.document.id == "Document:000_a8eebd8133074170" else ([], [])

    monkeypatch.setattr(reresolve, "bridged_pairs", pairs)
    report = load_paths(store, [folder], progress=False)
    assert report.replaced == ["Document:000_a8eebd8133074170"] and seen[0] == "Document:000_a8eebd8133074170"
    assert report.joined == [(*pair, "Document:000_a8eebd8133074170")] and report.bridges == []
    store.close()
    fresh.close()


def test_a_load_stopped_while_it_resolves_the_store_again_is_finished_by_the_next_load(tmp_path, seed_paths,
                                                                                       monkeypatch):
    # a walkthrough (session 57): a load killed while it resolved the others again after a replacement had left
    # them resolved against the replaced document's old names, and the next load found every file unchanged
    folder, store, fresh = _three_loaded_then_the_first_changed(tmp_path, seed_paths)
    upsert, writes = store.upsert_documents, []

    def stopped(docs, force=False):  # the second write of the re-resolution never comes
        if len(writes) == 1:
            raise KeyboardInterrupt
        writes.append([pg.doc_id for pg, _ in docs])
        return upsert(docs, force)

    monkeypatch.setattr(store, "upsert_documents", stopped)
    with pytest.raises(KeyboardInterrupt):
        load_paths(store, [folder], progress=False)
    assert writes == [["Document:001_b67b329c3470edd9"]]  # the others first: the replaced one is written last
    monkeypatch.undo()
    assert "容错纠错" in store.document_text("Document:000_a8eebd8133074170")  # still the old version

    again = load_paths(store, [folder], progress=False)
    assert again.replaced == ["Document:000_a8eebd8133074170"] and again.reresolved == 3
    _assert_same_entities(store, fresh)
    assert not load_paths(store, [folder], progress=False).loaded
    store.close()
    fresh.close()


def test_a_load_that_resolves_the_store_again_says_how_many_graphs_changed(tmp_path, seed_paths):
    # session 69: the load said "resolved 5 documents again" and not in how many the graph changed, as a curation's
    # summary says it; 000 without its paragraph naming 容错纠错机制 changes its own graph and those of the three
    # naming 容错纠错 after it, and leaves one document's graph as it was
    folder = tmp_path / "in"
    folder.mkdir()
    for p in seed_paths:
        shutil.copy(p, folder / p.name)
    store = EmbeddedStore(tmp_path / "d")
    load_paths(store, [folder], progress=False)
    before = {d["id"]: d["graph_hash"] for d in store.documents()}
    first = folder / "000_a8eebd8133074170.txt"
    text = first.read_text(encoding="utf-8")
    first.write_text("\n".join(line for line in text.splitlines() if "容错纠错" not in line) + "\n", encoding="utf-8")
    report = load_paths(store, [first], progress=False)
    after = {d["id"]: d["graph_hash"] for d in store.documents()}
    assert report.reresolved == 5 and report.rechanged == 4 == sum(before[d] != after[d] for d in after)
    assert "the graph of 4 changed, 1 re-checked and unchanged" in report.summary()
    store.close()
