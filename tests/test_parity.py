"""Parity: a store of either backend holds the same graph as a fresh embedded store of the same documents, each
property name of one type."""

from __future__ import annotations

from collections import defaultdict

from policykg.graph.embedded import EmbeddedStore
from policykg.graph.parity import compare_stores
from policykg.ingest import load_paths


def test_store_equals_a_fresh_embedded_store_of_the_same_documents(loaded, seed_paths, tmp_path):
    reference = EmbeddedStore(tmp_path / "reference")
    load_paths(reference, seed_paths, progress=False)
    report = compare_stores(reference, loaded)
    assert report.equal, report.table("embedded", loaded.name)
    assert report.neighbourhoods >= 150
    assert report.types["MENTIONS"][0] == report.types["MENTIONS"][1] > 300
    reference.close()


def test_each_property_name_holds_one_type_on_every_store(loaded):
    # a Section's depth was stored as level, the name of a Document's 国, 省…: the embedded Cypher engine (one column
    # type per property) failed on any query reading level across labels (Could not convert "区" to INT64)
    types = defaultdict(set)
    for n in loaded.iter_nodes():
        for k, v in n.items():
            if v is not None:
                types[k].add(type(v))
    assert {k: t for k, t in types.items() if len(t) > 1} == {}
    doc = loaded.document("Document:003_8ab235683617fdde")
    assert doc["document"]["level"] == "区"
    assert [s["outline_level"] for s in doc["outline"]][:2] == [0, 1] and not any("level" in s for s in doc["outline"])


def test_a_missing_document_is_reported(seed_paths, tmp_path):
    full, partial = EmbeddedStore(tmp_path / "full"), EmbeddedStore(tmp_path / "partial")
    load_paths(full, seed_paths, progress=False)
    load_paths(partial, seed_paths[:4], progress=False)
    report = compare_stores(full, partial)
    assert not report.equal
    assert "Program:容错纠错机制" in report.differing  # 004 mentions it too, and 004 is missing
    assert "Program:红色物业" not in report.differing  # only 001 and 002 mention it
    in_full, in_partial, only_full, only_partial = report.labels["Document"]
    assert "Document:004_4f30f3f8533a85fe" in only_full and not only_partial and in_full > in_partial
    assert "DIFFERENT" in report.table()
    full.close()
    partial.close()
