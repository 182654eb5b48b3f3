"""The Cypher engine's copy follows writes in place: after a load or a deletion its answers equal
those of a copy built afresh from the same documents, and no rebuild happened (a change the copy's
columns cannot hold, such as a new pair of endpoint labels, is a rebuild instead)."""

from __future__ import annotations

import pytest

from policykg.graph import cypher_mirror
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

QUERIES = [
    "MATCH (n) RETURN n",
    "MATCH (a)-[r]->(b) RETURN a.id, r, b.id",
    "MATCH (n) RETURN labels(n), count(*)",
]


def _answers(store: EmbeddedStore) -> list[list[str]]:
    return [sorted(map(repr, store.cypher(q, row_cap=100_000).rows)) for q in QUERIES]


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts the copies built from scratch."""
    built: list[int] = []
    build = cypher_mirror.CypherMirror._build

    def counted(self):
        built.append(1)
        return build(self)

    monkeypatch.setattr(cypher_mirror.CypherMirror, "_build", counted)
    return built


def test_loads_and_deletions_are_applied_in_place(tmp_path, seed_paths, builds):
    served = EmbeddedStore(tmp_path / "served")
    load_paths(served, seed_paths[:4], progress=False)
    first = _answers(served)
    assert builds == [1]

    load_paths(served, seed_paths[4:], progress=False)  # a new document, sharing entities with the others
    fresh = EmbeddedStore(tmp_path / "fresh")
    load_paths(fresh, seed_paths, progress=False)
    assert _answers(served) == _answers(fresh) != first

    gone = served.documents()[0]["id"]
    served.delete_document(gone)
    fresh.delete_document(gone)
    assert _answers(served) == _answers(fresh)
    assert builds == [1, 1]  # the served store's first query, and the fresh store's

    served.close()
    fresh.close()
