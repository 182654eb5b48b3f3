"""A curation decision that changes nothing is recorded without resolving the store again, and the store it leaves is
the one a full re-application leaves: on the five seed documents, two stores take the same decisions, one by the
short way where it applies, the other always re-applying the whole curation; after each decision they are equal, node
for node, relationship for relationship, content hash for content hash, curation mark too."""

from __future__ import annotations

import json

import pytest
from curation_seeds import SYSTEM, WORK
from fastapi.testclient import TestClient

import policykg.curate as curate
import policykg.reresolve as reresolve
from policykg.api.main import create_app
from policykg.curate import decide, decision_fields
from policykg.graph.curation import Curation
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths
from policykg.settings import Settings

#: The decisions, in order, and whether each changes nothing in the seeds' store (the short way then applies).
DECISIONS = [
    (decision_fields("merge", nodes=[SYSTEM, WORK]), False),
    ({"action": "add", "name": "红色物业", "label": "Program"}, False),  # marks the entity it adds to (curated_by)
    ({"action": "reject", "name": "乡村振心", "label": "Goal"}, True),  # a name no seed extracts (a typing error)
    ({"action": "add", "name": "红色物业", "label": "Program"}, True),  # the same add again: every occurrence is one
    ({"action": "reject", "name": "红色网格"}, False),  # a name 001 extracts
    ({"action": "reject", "name": "红色网格"}, True),  # the same reject again
    ({"action": "reject", "name": "红色物业", "label": "Program"}, False),  # what the add made: a reject takes it out
]


def _state(store: EmbeddedStore) -> tuple:
    """Everything the store holds, comparable: nodes, relationships, each document's content hash, the curation mark."""
    rows = lambda items: sorted(json.dumps(x, ensure_ascii=False, sort_keys=True) for x in items)  # noqa: E731
    return (rows(store.iter_nodes()), rows(store.iter_edges()),
            {d["id"]: d.get("content_hash") for d in store.documents()}, store.curation_mark())


@pytest.fixture
def two_stores(tmp_path, seed_paths):
    stores = []
    for name in ("short", "full"):
        store = EmbeddedStore(tmp_path / name)
        assert not load_paths(store, seed_paths, progress=False).failed
        stores.append(store)
    yield stores
    for store in stores:
        store.close()


def test_a_decision_that_changes_nothing_leaves_the_store_a_full_reapplication_leaves(two_stores, tmp_path,
                                                                                        monkeypatch):
    short, full = two_stores
    resolved: dict[str, int] = {}
    real = reresolve.curated_resolve

    def counted(dg, index, curation):
        resolved[dg.document.id] = resolved.get(dg.document.id, 0) + 1
        return real(dg, index, curation)

    monkeypatch.setattr(reresolve, "curated_resolve", counted)
    short_file, full_file = Curation(tmp_path / "short.toml"), Curation(tmp_path / "full.toml")
    idle = getattr(curate, "changes_nothing", None)
    for raw, changes_nothing in DECISIONS:
        resolved.clear()
        _, _, report = decide(short, short_file, dict(raw))
        assert (not resolved) is changes_nothing, raw  # the short way resolves no document
        assert getattr(report, "no_change", False) is changes_nothing, raw
        if changes_nothing:
            assert "no change" in report.summary() and report.idle == [
                f"{short_file.decisions[-1].describe()}: changed nothing in any document"]
            assert len(report.unchanged) == 5 and not report.rewritten
        monkeypatch.setattr(curate, "changes_nothing", lambda *a, **k: False, raising=False)
        _, _, whole = decide(full, full_file, dict(raw))
        monkeypatch.setattr(curate, "changes_nothing", idle, raising=False)
        assert not getattr(whole, "no_change", False) and len(resolved) == 5
        if changes_nothing:  # the full way finds it changes nothing too, and writes no document
            assert not whole.rewritten
        assert _state(short) == _state(full), raw
    assert short.curation_mark() == short_file.fingerprint == full_file.fingerprint


def test_the_api_says_a_decision_changed_nothing(tmp_path, seed_paths):
    store = EmbeddedStore(tmp_path / "data")
    load_paths(store, seed_paths, progress=False)
    key = {"X-API-Key": "s3cret"}
    try:
        with TestClient(create_app(Settings(data_dir=tmp_path / "data", api_key="s3cret"), store=store)) as client:
            first = client.post("/curation/reject", json={"name": "红色网格"}, headers=key).json()
            again = client.post("/curation/reject", json={"name": "红色网格"}, headers=key).json()
    finally:
        store.close()
    assert first["no_change"] is False and first["rewritten"] == 5  # the first decision marks every document curated
    assert again["no_change"] is True and again["rewritten"] == 0 and again["unchanged"] == 5
    assert again["warnings"] == ["d2 reject any label 红色网格: changed nothing in any document"]


def test_undoing_a_decision_that_changes_nothing_resolves_nothing(two_stores, tmp_path, monkeypatch):
    """A typing error recorded (a reject of a name no seed extracts) and taken out again: the undo, too, leaves the
    store a full re-application leaves, without resolving it; the undo of a decision that acted re-applies."""
    short, full = two_stores
    files = Curation(tmp_path / "short.toml"), Curation(tmp_path / "full.toml")
    for store, file in zip(two_stores, files, strict=True):
        decide(store, file, decision_fields("merge", nodes=[SYSTEM, WORK]))
        decide(store, file, {"action": "reject", "name": "乡村振心", "label": "Goal"})
    resolved: list[str] = []
    real = reresolve.curated_resolve
    monkeypatch.setattr(reresolve, "curated_resolve", lambda dg, *a: resolved.append(dg.document.id) or real(dg, *a))
    _, report = curate.undo(short, files[0], "d2")
    assert getattr(report, "no_change", False) and not resolved and "no change" in report.summary()
    idle = getattr(curate, "changes_nothing", None)
    monkeypatch.setattr(curate, "changes_nothing", lambda *a, **k: False, raising=False)
    _, whole = curate.undo(full, files[1], "d2")
    monkeypatch.setattr(curate, "changes_nothing", idle, raising=False)
    assert len(resolved) == 5 and not whole.rewritten
    assert _state(short) == _state(full) and short.curation_mark() == files[0].fingerprint
    resolved.clear()
    _, report = curate.undo(short, files[0], "d1")  # the merge acted: every document is resolved again
    assert not report.no_change and len(resolved) == 5 and report.rewritten
