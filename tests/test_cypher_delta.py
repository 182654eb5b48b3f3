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

    def counted(self, *args):
        built.append(1)
        return build(self, *args)

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


def test_a_replaced_document_updates_the_entities_it_shares_without_touching_other_documents_rows(
        tmp_path, seed_paths, builds):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in seed_paths:
        (folder / p.name).write_text(p.read_text("utf-8"), "utf-8")
    served = EmbeddedStore(tmp_path / "served")
    load_paths(served, [folder], progress=False)
    before = _answers(served)
    # a new version of one document: one program fewer, one more, a sentence gone
    changed = folder / seed_paths[0].name
    changed.write_text(changed.read_text("utf-8").replace("“红色物业”", "物业服务") + "\n推进“清风廉政”工程。", "utf-8")
    load_paths(served, [folder], progress=False)
    # the same documents in the same order of writing, copied afresh (the reload came last, so its
    # mentions of entities other documents named are resolved against theirs: a fresh load would differ)
    rebuilt = EmbeddedStore(tmp_path / "served", read_only=True)
    assert _answers(served) == _answers(rebuilt) != before
    assert builds == [1, 1]
    rebuilt.close()
    served.close()
