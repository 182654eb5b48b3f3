"""Fixtures: the bundled seed documents and a store per backend.

The ``store`` fixture is parametrised: the embedded case always runs; the
Neo4j case runs when NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) are set and
is otherwise skipped with a visible reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    assert len(SEEDS) == 5
    return SEEDS


def _neo4j_store():
    from policykg.graph.neo4j_store import open_neo4j
    from policykg.settings import Settings

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("Neo4j store not tested: NEO4J_URI is not set (docker compose up, then "
                    "NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... make test)")
    store = open_neo4j(Settings(store="neo4j"))
    store.clear()
    return store


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    """An empty store of each backend."""
    st = EmbeddedStore(tmp_path / "data") if request.param == "embedded" else _neo4j_store()
    yield st
    st.close()


@pytest.fixture
def loaded(store, seed_paths):
    """A store of each backend holding the five seed documents."""
    report = load_paths(store, seed_paths, progress=False)
    assert not report.failed
    return store


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def seeded(request, tmp_path_factory, seed_paths):
    """A store of each backend holding the seeds, shared by the read-only tests of one module (API, analytics)."""
    st = EmbeddedStore(tmp_path_factory.mktemp("seeded")) if request.param == "embedded" else _neo4j_store()
    report = load_paths(st, seed_paths, progress=False)
    assert not report.failed
    yield st
    st.close()


@pytest.fixture(scope="session")
def seeded_embedded(tmp_path_factory, seed_paths):
    """One embedded store with the seeds, shared by read-only tests."""
    st = EmbeddedStore(tmp_path_factory.mktemp("seeded"))
    load_paths(st, seed_paths, progress=False)
    yield st
    st.close()
