"""Loading: parallel extraction gives the same store as one process; unchanged files are not extracted again."""

from __future__ import annotations

import shutil

import pytest

import policykg.ingest as ingest
from policykg.errors import NotFoundError
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths


def _snapshot(store):
    nodes = {n["id"]: n for n in store.iter_nodes()}
    edges = sorted((e["source"], e["target"], e["type"], e.get("doc_id", ""), repr(sorted(e.items())))
                   for e in store.iter_edges())
    return nodes, edges


def test_four_workers_build_the_same_store_as_one(tmp_path, seed_paths):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):  # 15 documents: copies with distinct ids share entities across documents
        for p in seed_paths:
            shutil.copy(p, folder / f"{p.stem}_{i}.txt")
    one, four = EmbeddedStore(tmp_path / "one"), EmbeddedStore(tmp_path / "four")
    r1 = load_paths(one, [folder], workers=1, progress=False)
    r4 = load_paths(four, [folder], workers=4, progress=False)
    assert len(r1.loaded) == len(r4.loaded) == 15 and not r1.failed and not r4.failed
    assert _snapshot(one) == _snapshot(four)
    assert one.get_node("Program:红色物业")["node"]["doc_count"] == 6
    one.close()
    four.close()


def test_reloading_skips_extraction_of_unchanged_files(tmp_path, seed_paths, monkeypatch):
    store = EmbeddedStore(tmp_path / "d")
    first = load_paths(store, seed_paths, progress=False)
    assert len(first.loaded) == 5

    def must_not_run(doc):
        raise AssertionError(f"{doc.id} was extracted again")

    monkeypatch.setattr(ingest, "build_document_graph", must_not_run)
    again = load_paths(store, seed_paths, progress=False)
    assert (len(again.loaded), len(again.unchanged), again.failed) == (0, 5, [])
    assert again.chars == first.chars
    store.close()


def test_a_changed_file_is_extracted_and_replaced(tmp_path, seed_paths):
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / seed_paths[0].name
    shutil.copy(seed_paths[0], target)
    store = EmbeddedStore(tmp_path / "d")
    load_paths(store, [folder], progress=False)
    assert store.get_node("Program:清廉村居")
    target.write_text(target.read_text("utf-8").replace("推进“清廉村居”建设，", ""), "utf-8")
    report = load_paths(store, [folder], progress=False)
    assert len(report.loaded) == 1
    with pytest.raises(NotFoundError, match="清廉村居"):
        store.get_node("Program:清廉村居")
    store.close()


def test_the_loader_hands_the_store_batches_of_its_write_batch_size(tmp_path, seed_paths):
    one, batched = EmbeddedStore(tmp_path / "one"), EmbeddedStore(tmp_path / "batched")
    batched.write_batch = 2
    calls = []
    upsert = batched.upsert_documents

    def spy(docs):
        calls.append([pg.doc_id for pg, _ in docs])
        return upsert(docs)

    batched.upsert_documents = spy
    written = []
    r1 = load_paths(one, seed_paths, progress=False)
    r2 = load_paths(batched, seed_paths, progress=False, on_document=lambda dg: written.append(dg.document.id))
    assert [len(c) for c in calls] == [2, 2, 1] and [i for c in calls for i in c] == r2.loaded == r1.loaded
    assert written == r2.loaded and r2.write_seconds > 0 and "writing" in r2.summary()
    assert _snapshot(one) == _snapshot(batched)
    one.close()
    batched.close()
