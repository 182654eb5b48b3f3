"""The API keeps the analytics view of a store until the graph changes, on every store.

The Neo4j store had no revision (other processes may write to the server), so the API rebuilt the whole entity graph
for every analytics request (``/diffusion``, ``/analytics/*``, ``/programs/{id}/related``): seconds each at corpus
scale.  Its revision is now the database's last committed transaction, which moves with any writer's commit.
"""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient

from fake_neo4j import FakeServer
from policykg.api import deps
from policykg.api.main import create_app
from policykg.graph.neo4j_store import Neo4jStore
from policykg.ingest import load_paths
from policykg.settings import Settings


def _counting_builds(monkeypatch) -> list[int]:
    builds: list[int] = []
    real = deps.entity_view

    def counted(store):
        builds.append(1)
        return real(store)

    monkeypatch.setattr(deps, "entity_view", counted)
    return builds


def test_the_analytics_view_is_built_once_per_state_of_the_graph_and_follows_a_write(loaded, monkeypatch):
    builds = _counting_builds(monkeypatch)
    with TestClient(create_app(Settings(), store=loaded)) as client:
        first = client.get("/diffusion", params={"min_documents": 1, "limit": 10_000})
        second = client.get("/diffusion", params={"min_documents": 1, "limit": 10_000})
        client.get("/analytics/central", params={"label": "Program"})
        assert first.status_code == second.status_code == 200 and first.json() == second.json()
        assert len(builds) == 1  # the start-up warm-up's, or the first request's: never one per request
        gone = sorted(loaded.documents(), key=lambda d: d["id"])[0]["id"]
        before = loaded.revision
        loaded.delete_document(gone)  # a write through the store, as another process's load would be
        assert loaded.revision != before
        after = client.get("/diffusion", params={"min_documents": 1, "limit": 10_000})
        assert len(builds) == 2
        assert int(after.headers["X-Total-Count"]) < int(first.headers["X-Total-Count"])


def test_a_neo4j_server_that_will_not_say_its_last_transaction_is_asked_once(seed_paths, monkeypatch, caplog):
    """A server without ``lastCommittedTxn`` or a user who may not list databases: the store says so once and the API
    builds the view per request, as before."""
    from neo4j.exceptions import Neo4jError

    from policykg.graph import cypher as Q

    server = FakeServer()
    store = Neo4jStore(server, write_batch=2)
    load_paths(store, seed_paths[:2], progress=False)
    assert store.revision == server.graph.txn > 0
    server.log.clear()
    server.fail_on = lambda query, params: query in (Q.DATABASE_REVISION, Q.HOME_DATABASE_REVISION)
    server.fail_with = Neo4jError._hydrate_neo4j(code="Neo.ClientError.Statement.SyntaxError",
                                                 message="Trying to YIELD non-existing column: `lastCommittedTxn`")
    with caplog.at_level(logging.WARNING, logger="policykg.graph.neo4j_store"):
        assert store.revision is None and store.revision is None
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == ["Neo4j does not say its last transaction"]
    asked = [q for q, _ in server.log if q in (Q.DATABASE_REVISION, Q.HOME_DATABASE_REVISION)]
    assert len(asked) == 1
    builds = _counting_builds(monkeypatch)
    with TestClient(create_app(Settings(), store=store)) as client:
        client.get("/diffusion")
        client.get("/diffusion")
    assert len(builds) == 2


def test_a_named_database_is_asked_for_by_name():
    server = FakeServer()
    Neo4jStore(server, database="policy").revision  # noqa: B018 -- the property's query is what is tested
    from policykg.graph import cypher as Q

    assert [(q, p) for q, p in server.log if q in (Q.DATABASE_REVISION, Q.HOME_DATABASE_REVISION)] == [
        (Q.DATABASE_REVISION, {"name": "policy"})]
