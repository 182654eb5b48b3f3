"""A curation decision re-resolves the store from what extraction made of each stored text before
(``policykg.extraction_cache``), and makes exactly what extracting every text again makes."""

from __future__ import annotations

import logging

import pytest
from curation_seeds import SYSTEM, WORK

import policykg.ingest as ingest
from policykg.curate import decide, decision_fields, delete, reapply
from policykg.extraction_cache import ExtractionCache
from policykg.graph.curation import Curation
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.parity import compare_stores
from policykg.ingest import load_paths
from policykg.loaders.read import document_id

RULES = ""  # the rules alone: the cache's behaviour is the same for every model, and they read fast


class _Counted:
    """``build_document_graph`` counting the documents it extracts."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.real = ingest.build_document_graph

    def __call__(self, doc, model=None):
        self.ids.append(doc.id)
        return self.real(doc, model=model)


def _loaded(tmp_path, name, seed_paths, cache, model=RULES):
    store = EmbeddedStore(tmp_path / name)
    cur = Curation(tmp_path / name / "curation.toml")
    load_paths(store, seed_paths, progress=False, model=model, curation=cur, cache=cache)
    return store, cur


def test_a_decision_takes_each_stored_texts_extraction_from_the_cache_and_makes_what_extracting_again_makes(
        seed_paths, tmp_path, monkeypatch):
    cache = ExtractionCache(tmp_path / "cache", 64 * 1024 * 1024)
    cached, cur_cached = _loaded(tmp_path, "cached", seed_paths, cache, model=None)
    plain, cur_plain = _loaded(tmp_path, "plain", seed_paths, None, model=None)

    counted = _Counted()
    monkeypatch.setattr(ingest, "build_document_graph", counted)
    decide(cached, cur_cached, decision_fields("merge", nodes=[SYSTEM, WORK]), cache=cache)
    assert counted.ids == []  # every stored text was read back, none extracted again
    decide(plain, cur_plain, decision_fields("merge", nodes=[SYSTEM, WORK]))
    assert len(counted.ids) == len(seed_paths)  # without a cache, every one is

    report = compare_stores(cached, plain)
    assert report.equal, report.table("cached", "plain")
    assert cached.get_node(SYSTEM) == plain.get_node(SYSTEM)
    assert cached.get_node(SYSTEM)["node"]["doc_count"] == 4

    # the first document deleted: the others are resolved again without it, from the cache
    first = sorted(d["id"] for d in cached.documents())[0]
    extracted = len(counted.ids)
    delete(cached, first, Curation(cur_cached.path), cache=cache)
    assert len(counted.ids) == extracted
    delete(plain, first, Curation(cur_plain.path))
    assert len(counted.ids) == extracted + len(seed_paths) - 1
    report = compare_stores(cached, plain)
    assert report.equal, report.table("cached", "plain")
    cached.close()
    plain.close()


def test_a_changed_text_or_another_model_is_extracted_again(seed_paths, tmp_path, monkeypatch):
    cache = ExtractionCache(tmp_path / "cache", 64 * 1024 * 1024)
    store, cur = _loaded(tmp_path, "s", seed_paths[:2], cache)
    counted = _Counted()
    monkeypatch.setattr(ingest, "build_document_graph", counted)

    changed = tmp_path / "changed" / seed_paths[1].name
    changed.parent.mkdir()
    changed.write_text(seed_paths[1].read_text(encoding="utf-8") + "\n深入推进“红色物业”建设。\n", encoding="utf-8")
    load_paths(store, [changed], progress=False, model=RULES, curation=Curation(cur.path), cache=cache, replace=True)
    assert counted.ids == [document_id(changed)]  # the changed text, and nothing else
    assert any(m["sentence"].startswith("深入推进“红色物业”建设")
               for m in store.get_node("Program:红色物业")["mentions"])

    counted.ids.clear()
    reapply(store, Curation(cur.path), model=None, cache=cache, force=True)  # the shipped models read otherwise
    assert sorted(counted.ids) == sorted(document_id(p) for p in seed_paths[:2])
    counted.ids.clear()
    reapply(store, Curation(cur.path), model=None, cache=cache, force=True)
    assert counted.ids == []
    store.close()


def test_an_unreadable_entry_is_extracted_again_and_an_unwritable_cache_only_warns(seed_paths, tmp_path, monkeypatch,
                                                                                   caplog):
    cache = ExtractionCache(tmp_path / "cache", 64 * 1024 * 1024)
    store, cur = _loaded(tmp_path, "s", seed_paths[:2], cache)
    from diskcache import Cache

    with Cache(str(tmp_path / "cache")) as raw:
        keys = list(raw)
        assert len(keys) == 2
        raw.set(keys[0], b"not what was kept")  # a disk error, an entry of an older version
    counted = _Counted()
    monkeypatch.setattr(ingest, "build_document_graph", counted)
    report = reapply(store, Curation(cur.path), model=RULES, cache=ExtractionCache(tmp_path / "cache", 1 << 26),
                     force=True)
    assert len(counted.ids) == 1 and len(report.rewritten) == 2
    store.close()

    blocked = tmp_path / "a file where the cache's folder would be"
    blocked.write_text("x", encoding="utf-8")
    other = EmbeddedStore(tmp_path / "other")
    with caplog.at_level(logging.WARNING, logger="policykg.extraction_cache"):
        loaded = load_paths(other, seed_paths[:2], progress=False, model=RULES, cache=ExtractionCache(blocked, 1 << 20))
    assert len(loaded.loaded) == 2 and not loaded.failed
    assert any("cannot be written" in r.getMessage() for r in caplog.records)
    other.close()


@pytest.mark.parametrize("model", [None, RULES, "/nowhere/tagger.crfsuite"])
def test_the_key_changes_with_every_input_of_extraction_and_only_with_them(seed_paths, model, tmp_path):
    from dataclasses import replace

    from policykg.loaders.read import read_document

    cache = ExtractionCache(tmp_path, 1 << 20)
    doc = read_document(seed_paths[0])
    key = cache.key(doc, model)
    assert cache.key(replace(doc, load_order=7, char_count=0), model) == key  # neither is read by extraction
    others = [replace(doc, content_hash="0" * 64), replace(doc, title=doc.title + "（修订）"), replace(doc, year=1999),
              replace(doc, place="某县"), replace(doc, id=doc.id + "-2")]
    assert len({key, *(cache.key(o, model) for o in others)}) == len(others) + 1
    assert len({cache.key(doc, m) for m in (None, RULES, "/nowhere/tagger.crfsuite")}) == 3
