"""The embedded store's snapshot: reopening from it gives the graph a replay of every document gives."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

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
