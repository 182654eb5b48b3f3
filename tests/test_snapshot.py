"""The embedded store's snapshot: reopening from it gives the graph a replay of every document gives; a store
written by an earlier version reopens in the current schema."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from pathlib import Path
from unittest.mock import patch

from policykg.graph import snapshot
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.parity import compare_stores
from policykg.graph.snapshot import FILE_NAME
from policykg.ingest import load_paths


def _replayed(data: Path, into: Path) -> EmbeddedStore:
    """The store of ``data`` opened from its SQLite rows alone (the snapshot left behind)."""
    into.mkdir()
    shutil.copy(data / "graph.sqlite", into / "graph.sqlite")
    return EmbeddedStore(into, read_only=True)


def _same(a: EmbeddedStore, b: EmbeddedStore) -> None:
    report = compare_stores(a, b)
    assert report.equal, report.table("snapshot", "replay")
    key = lambda n: n["id"]  # noqa: E731
    # aggregates too (aliases, doc_count, mention_count), which the parity report does not compare
    assert sorted(a.iter_nodes(), key=key) == sorted(b.iter_nodes(), key=key)
    edge = lambda e: (e["source"], e["target"], e["type"], repr(sorted(e.items())))  # noqa: E731
    assert sorted(map(edge, a.iter_edges())) == sorted(map(edge, b.iter_edges()))


def _copies(folder: Path, seed_paths: list[Path]) -> list[Path]:
    folder.mkdir()
    for p in seed_paths:
        (folder / p.name).write_text(p.read_text("utf-8"), "utf-8")
    return sorted(folder.glob("*.txt"))


def test_closing_a_written_store_leaves_a_snapshot_that_reopens_to_the_same_graph(tmp_path, seed_paths):
    data = tmp_path / "data"
    store = EmbeddedStore(data)
    load_paths(store, seed_paths, progress=False)
    store.close()
    assert (data / FILE_NAME).exists()

    reopened = EmbeddedStore(data)
    replayed = _replayed(data, tmp_path / "replay")
    _same(reopened, replayed)
    mtime = (data / FILE_NAME).stat().st_mtime_ns
    reopened.close()  # nothing written since it was opened: the snapshot stays as it is
    assert (data / FILE_NAME).stat().st_mtime_ns == mtime
    replayed.close()


def test_a_stale_snapshot_replays_only_what_changed_since(tmp_path, seed_paths, caplog):
    files = _copies(tmp_path / "in", seed_paths)
    data = tmp_path / "data"
    store = EmbeddedStore(data)
    load_paths(store, files[:3], progress=False)
    store.close()
    old_snapshot = (data / FILE_NAME).read_bytes()

    store = EmbeddedStore(data)
    load_paths(store, files[3:], progress=False)  # two documents more
    store.delete_document(f"Document:{files[0].stem}")  # one fewer
    # one rewritten under the same id: deleted, then loaded again with other text
    store.delete_document(f"Document:{files[1].stem}")
    files[1].write_text(files[1].read_text("utf-8").replace("“红色物业”", "物业服务") + "\n推进“清风廉政”工程。", "utf-8")
    load_paths(store, [files[1]], progress=False)
    store.close()
    (data / FILE_NAME).write_bytes(old_snapshot)  # as if the last writer had died before closing

    with caplog.at_level(logging.INFO, logger="policykg.graph.embedded"):
        reopened = EmbeddedStore(data, read_only=True)
    assert "(3 replayed)" in caplog.text  # the two new documents and the rewritten one
    assert f"Document:{files[0].stem}" not in {d["id"] for d in reopened.documents()}
    names = {n["name"] for n in reopened.iter_nodes(["Program"])}
    assert "清风廉政工程" in names
    _same(reopened, _replayed(data, tmp_path / "replay"))


def test_a_snapshot_of_another_database_or_a_damaged_one_is_ignored(tmp_path, seed_paths, caplog):
    data = tmp_path / "data"
    store = EmbeddedStore(data)
    load_paths(store, seed_paths[:2], progress=False)
    store.close()
    snap = (data / FILE_NAME).read_bytes()

    # the database file replaced by a new one holding other documents under the same seqs
    for name in ("graph.sqlite", "graph.sqlite-wal", "graph.sqlite-shm"):
        (data / name).unlink(missing_ok=True)
    store = EmbeddedStore(data)
    load_paths(store, seed_paths[2:4], progress=False)
    store._db.close()  # closed without writing a snapshot of its own
    (data / FILE_NAME).write_bytes(snap)
    reopened = EmbeddedStore(data, read_only=True)
    assert {d["id"] for d in reopened.documents()} == {f"Document:{p.stem}" for p in seed_paths[2:4]}
    _same(reopened, _replayed(data, tmp_path / "replay"))

    (data / FILE_NAME).write_bytes(snap[: len(snap) // 2])  # cut short
    with caplog.at_level(logging.WARNING, logger="policykg.graph.snapshot"):
        damaged = EmbeddedStore(data, read_only=True)
    assert "snapshot unreadable" in caplog.text
    assert {d["id"] for d in damaged.documents()} == {f"Document:{p.stem}" for p in seed_paths[2:4]}



def _as_written_before(props: dict) -> dict:
    """A Section's properties as the code before ``outline_level`` wrote them: its depth as ``level``."""
    return {"level" if k == "outline_level" else k: v for k, v in props.items()}


def test_a_store_written_before_outline_level_reads_a_sections_level_as_outline_level(tmp_path, seed_paths, caplog):
    # a Section's depth was stored as level, the name of a Document's 国, 省…: the embedded Cypher engine (one column
    # type per property) failed on any query reading level across labels (Could not convert "区" to INT64)
    data = tmp_path / "data"
    store = EmbeddedStore(data)
    load_paths(store, seed_paths, progress=False)
    want = {n["id"]: n for n in store.iter_nodes(["Section"])}
    districts = sum(1 for n in store.iter_nodes(["Document"]) if n.get("level") == "区")
    first_level = sum(1 for n in want.values() if n["outline_level"] == 1)
    assert districts and first_level
    # the snapshot the code before left: of the format before, its Sections holding level
    old = store.graph.copy()
    for nid in want:
        attrs = _as_written_before(old.nodes[nid])
        old.nodes[nid].clear()
        old.nodes[nid].update(attrs)
    old_snapshot = tmp_path / "old.snapshot"
    with patch.object(snapshot, "_FORMAT", 1):
        assert snapshot.save(old_snapshot, dict(store._seqs), (store._store_id, old, store._owned, store._tally))
    store.close()
    db = sqlite3.connect(data / "graph.sqlite")
    with db:  # the rows as the code before wrote them (the same seqs: the snapshot's key still holds)
        for doc_id, payload in db.execute("SELECT doc_id, payload FROM documents").fetchall():
            pg = json.loads(payload)
            pg["nodes"] = [[i, label, _as_written_before(props) if label == "Section" else props]
                           for i, label, props in pg["nodes"]]
            db.execute("UPDATE documents SET payload = ? WHERE doc_id = ?", (json.dumps(pg, ensure_ascii=False), doc_id))
    stored = [n for (payload,) in db.execute("SELECT payload FROM documents") for n in json.loads(payload)["nodes"]]
    db.close()
    assert sum(1 for _, label, props in stored if label == "Section" and "level" in props) == len(want)

    for snap in (None, old_snapshot):  # replayed from the rows alone, then with the old snapshot beside them
        (data / FILE_NAME).unlink(missing_ok=True)
        if snap is not None:
            shutil.copy(snap, data / FILE_NAME)
        with caplog.at_level(logging.INFO, logger="policykg.graph.embedded"):
            reopened = EmbeddedStore(data)
        assert f"({len(seed_paths)} replayed)" in caplog.text
        caplog.clear()
        assert {n["id"]: n for n in reopened.iter_nodes(["Section"])} == want
        assert reopened.cypher("MATCH (n) WHERE n.level = '区' RETURN count(n)").rows == [[districts]]
        assert reopened.cypher("MATCH (n) WHERE n.outline_level = 1 RETURN count(n)").rows == [[first_level]]
        reopened.close()
