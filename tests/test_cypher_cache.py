"""The Cypher engine's copy is kept in the data folder: a later process whose store holds the same documents starts
from it instead of building one (``policykg query`` had built a copy on every call), and a write makes the next
process build afresh and keep that copy in place of the old one."""

from __future__ import annotations

import subprocess

import pytest

from policykg.graph import cypher_cache, cypher_mirror
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

COUNT = "MATCH (p:Program) RETURN count(p) AS n"


@pytest.fixture
def child_builds(monkeypatch) -> list[list[str]]:
    """The builder processes started (their command lines)."""
    started: list[list[str]] = []
    run = subprocess.run

    def counted(cmd, *args, **kwargs):
        started.append(cmd)
        return run(cmd, *args, **kwargs)

    monkeypatch.setattr(cypher_mirror.subprocess, "run", counted)
    return started


def _kept(data_dir) -> list[str]:
    return sorted(f.name for f in (data_dir / cypher_cache.FOLDER).iterdir())


def _load(data_dir, paths) -> None:
    store = EmbeddedStore(data_dir)
    load_paths(store, paths, progress=False)
    store.close()


def _count(data_dir) -> int:
    store = EmbeddedStore(data_dir)
    try:
        return store.cypher(COUNT).rows[0][0]
    finally:
        store.close()


def test_a_later_process_answers_from_the_kept_copy_until_the_store_changes(tmp_path, seed_paths, child_builds):
    data = tmp_path / "data"
    _load(data, seed_paths[:3])

    first = _count(data)
    assert len(child_builds) == 1
    kept = _kept(data)
    assert len(kept) == 2 and kept[0].endswith(".lbug") and kept[1].endswith(".schema.json")

    assert _count(data) == first  # another store object on the same folder, as another process opens it
    assert len(child_builds) == 1  # no second build

    _load(data, seed_paths[3:])  # two documents more: new Programs
    after = _count(data)
    assert after > first
    assert len(child_builds) == 2
    assert len(_kept(data)) == 2 and _kept(data) != kept  # the new copy replaced the old one

    fresh = tmp_path / "fresh"  # the same documents loaded afresh: the same answer as the kept copy gave
    _load(fresh, seed_paths)
    assert _count(fresh) == after


def test_a_kept_copy_that_cannot_be_read_is_built_again(tmp_path, seed_paths, child_builds):
    data = tmp_path / "data"
    _load(data, seed_paths[:2])
    first = _count(data)
    for f in (data / cypher_cache.FOLDER).glob("*.schema.json"):
        f.unlink()  # half a copy: the database without its column types
    assert _count(data) == first
    assert len(child_builds) == 2


def test_a_store_served_while_written_updates_its_own_file_not_the_kept_copy(tmp_path, seed_paths, child_builds):
    data = tmp_path / "data"
    store = EmbeddedStore(data)
    load_paths(store, seed_paths[:4], progress=False)
    first = store.cypher(COUNT).rows[0][0]
    kept = {f.name: f.read_bytes() for f in (data / cypher_cache.FOLDER).iterdir()}
    load_paths(store, seed_paths[4:], progress=False)  # changes the copy's columns can hold (test_cypher_delta)
    assert store.cypher(COUNT).rows[0][0] > first  # applied in place, in the store's own file
    assert len(child_builds) == 1
    assert {f.name: f.read_bytes() for f in (data / cypher_cache.FOLDER).iterdir()} == kept
    store.close()


def test_with_the_copy_not_kept_each_process_builds_its_own_and_the_folder_stays_empty(tmp_path, seed_paths,
                                                                                          child_builds, monkeypatch):
    """``POLICYKG_KEEP_CYPHER_COPY=0`` (a data folder short of disk space): nothing is read from or written to
    ``cypher-copy/``, and every store object builds its copy."""
    from policykg.graph.store import open_store
    from policykg.settings import Settings

    data = tmp_path / "data"
    _load(data, seed_paths[:2])
    monkeypatch.setenv("POLICYKG_KEEP_CYPHER_COPY", "0")
    settings = Settings(data_dir=data)
    assert settings.keep_cypher_copy is False
    answers = []
    for _ in range(2):
        store = open_store(settings)
        answers.append(store.cypher(COUNT).rows[0][0])
        store.close()
    assert answers[0] == answers[1] > 0
    assert len(child_builds) == 2
    assert not (data / cypher_cache.FOLDER).exists()
