"""Crash safety: a load killed with SIGKILL leaves every document completely present or absent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.graph.parity import compare_stores
from policykg.ingest import load_paths
from policykg.loaders.read import read_document

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _corpus(folder: Path, seed_paths: list[Path], copies: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for p in seed_paths:
            (folder / f"c{i:02d}_{p.name}").write_text(p.read_text("utf-8"), "utf-8")
    return sorted(folder.glob("*.txt"))


def _rows(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _load_and_kill(data: Path, folder: Path, at_least: int, below: int) -> None:
    """Start ``policykg load`` in a child process and SIGKILL it once the store holds ``at_least`` documents."""
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "--data-dir", str(data), "load", str(folder),
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = data / "graph.sqlite"
    deadline = time.monotonic() + 120
    while _rows(db) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    assert _rows(db) < below


def _stored_ids(store: EmbeddedStore) -> list[str]:
    return [r[0] for r in store._db.execute("SELECT doc_id FROM documents ORDER BY seq")]


def test_killed_load_keeps_whole_documents_and_resumes(tmp_path, seed_paths):
    files = _corpus(tmp_path / "in", seed_paths, copies=12)  # 60 documents
    data = tmp_path / "data"
    _load_and_kill(data, tmp_path / "in", at_least=8, below=len(files))

    crashed = EmbeddedStore(data)
    ids = _stored_ids(crashed)
    assert len(ids) == len(set(ids)) >= 8
    by_id = {f"Document:{p.stem}": p for p in files}
    reference = EmbeddedStore(tmp_path / "reference")
    load_paths(reference, [by_id[i] for i in ids], progress=False)
    report = compare_stores(reference, crashed)
    assert report.equal, report.table("clean", "crashed")

    done = load_paths(crashed, [tmp_path / "in"], progress=False)
    assert len(done.unchanged) == len(ids) and len(done.loaded) == len(files) - len(ids)
    full = EmbeddedStore(tmp_path / "full")
    load_paths(full, files, progress=False)
    assert compare_stores(full, crashed).equal
    for s in (crashed, reference, full):
        s.close()


def test_killed_replacement_keeps_each_document_old_or_new(tmp_path, seed_paths):
    files = _corpus(tmp_path / "in", seed_paths, copies=12)
    data = tmp_path / "data"
    store = EmbeddedStore(data)
    load_paths(store, files, progress=False)
    old = {d["id"]: d["content_hash"] for d in store.documents()}
    store.close()
    for p in files:  # a new version of every document: one program fewer, one sentence more
        text = p.read_text("utf-8").replace("“红色物业”", "物业服务") + "\n推进“清风廉政”工程。"
        p.write_text(text, "utf-8")
    new = {f"Document:{p.stem}": read_document(p).content_hash for p in files}

    db = data / "graph.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "--data-dir", str(data), "load", str(tmp_path / "in"),
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            hashes = [r[0] for r in con.execute("SELECT content_hash FROM documents")]
        if sum(h in new.values() for h in hashes) >= 8:  # replaced rows, counted by their hash
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the reload finished before it could be killed"

    crashed = EmbeddedStore(data)
    stored = {d["id"]: d["content_hash"] for d in crashed.documents()}
    assert set(stored) == set(old)  # nothing lost, nothing doubled
    versions = {i: ("new" if h == new[i] else "old" if h == old[i] else "?") for i, h in stored.items()}
    assert "?" not in versions.values() and 8 <= list(versions.values()).count("new") < len(files)
    for doc_id, version in versions.items():
        sections = crashed.document(doc_id)["outline"]
        text = crashed.document_text(doc_id)
        assert ("清风廉政" in text) == (version == "new")
        assert all(text[s["start"]:s["end"]] for s in sections if s["outline_level"] > 0)
    program_docs = {m["doc_id"] for m in crashed.get_node("Program:清风廉政工程")["mentions"]}
    assert program_docs == {i for i, v in versions.items() if v == "new"}
    red = {m["doc_id"] for m in crashed.get_node("Program:红色物业")["mentions"]}
    assert red <= {i for i, v in versions.items() if v == "old"} and red

    done = load_paths(crashed, [tmp_path / "in"], progress=False)
    assert not done.failed and len(done.unchanged) == list(versions.values()).count("new")
    assert {d["content_hash"] for d in crashed.documents()} == set(new.values())
    crashed.close()
