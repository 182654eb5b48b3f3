"""`policykg load` and `policykg delete` in one process while `policykg serve` runs on the same data directory.

The running server takes the changes in without a restart (it polls the
SQLite store, see ``EmbeddedStore.follow_writers``): counts, search and
Cypher all answer from the new documents, and nothing is lost (the counts
equal those of a fresh store of the same documents).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

CLI = [sys.executable, "-m", "policykg.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(check, what: str, limit_s: float = 30.0):
    """Poll ``check()`` until it returns a true value; a generous bound so a busy CI machine does not fail it."""
    deadline = time.monotonic() + limit_s
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"the running server did not show {what}")
        time.sleep(0.1)


@pytest.fixture
def server(tmp_path, seed_paths):
    data = tmp_path / "data"
    first = EmbeddedStore(data)
    load_paths(first, seed_paths[:2], progress=False)
    first.close()
    port = _free_port()
    proc = subprocess.Popen([*CLI, "--data-dir", str(data), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return httpx.get(base + "/health", timeout=1).status_code == 200
        except httpx.TransportError:
            assert proc.poll() is None, "policykg serve exited"
            return False

    try:
        _wait_for(up, "its health", 60)
        yield base, data
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_load_and_a_delete_by_another_process_reach_the_running_server(server, seed_paths, tmp_path):
    base, data = server
    reference = EmbeddedStore(tmp_path / "reference")
    load_paths(reference, seed_paths[:2], progress=False)
    before = {n["id"] for n in reference.iter_nodes(["Program"])}
    load_paths(reference, seed_paths[2:], progress=False)
    new = sorted({n["id"] for n in reference.iter_nodes(["Program"])} - before)[0]
    name = new.split(":", 1)[1]

    client = httpx.Client(base_url=base, timeout=30)
    count = "MATCH (d:Document {kind: 'source'}) RETURN count(d)"
    assert client.post("/cypher", json={"query": count}).json()["rows"] == [[2]]
    assert new not in [h["id"] for h in client.get("/search", params={"q": name}).json()]

    done = subprocess.run([*CLI, "--data-dir", str(data), "load", *map(str, seed_paths[2:]), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr

    want = reference.stats_with_documents()
    _wait_for(lambda: client.get("/stats").json() == want, "the loaded documents in /stats")
    assert new in [h["id"] for h in client.get("/search", params={"q": name}).json()]
    assert client.post("/cypher", json={"query": count}).json()["rows"] == [[len(seed_paths)]]
    r = client.post("/cypher", json={"query": "MATCH (p:Program {id: $id}) RETURN p.name", "params": {"id": new}})
    assert r.json()["rows"] == [[name]]
    # the first Cypher queries after the server took the load in already answer as a fresh store does
    for query in ("MATCH (p:Program {id: $id})-[r]-(n) RETURN type(r), n.id, r",
                  "MATCH ()-[r]->() RETURN type(r), count(*)", "MATCH (n) RETURN labels(n), count(*)"):
        rows = client.post("/cypher", json={"query": query, "params": {"id": new}}).json()["rows"]
        assert sorted(map(repr, rows)) == sorted(map(repr, reference.cypher(query, {"id": new}).rows)), query
    assert client.get(f"/nodes/{new}").json()["mentions"]

    gone = "Document:003_8ab235683617fdde"
    done = subprocess.run([*CLI, "--data-dir", str(data), "delete", gone], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    fresh = EmbeddedStore(tmp_path / "fresh")  # the others resolved again: a fresh load of them (policykg.curate.delete)
    load_paths(fresh, [p for p in seed_paths if p.stem != gone.split(":", 1)[1]], progress=False)
    want = fresh.stats_with_documents()
    fresh.close()
    _wait_for(lambda: client.get("/stats").json() == want, "the deletion in /stats")
    assert client.post("/cypher", json={"query": count}).json()["rows"] == [[len(seed_paths) - 1]]
    assert client.get(f"/documents/{gone}").status_code == 404
    reference.close()
    client.close()


def test_closing_a_following_store_waits_for_its_follower(tmp_path, seed_paths):
    # the follower's refresh runs statements on the store's SQLite connection; close() closing it under a
    # refresh under way crashed the test process (segmentation fault); close() now returns only when the
    # follower has stopped
    data = tmp_path / "data"
    reader = EmbeddedStore(data)
    before = set(threading.enumerate())
    reader.follow_writers(interval_s=0.001)
    followers = [t for t in threading.enumerate() if t not in before and t.name == "follow-writers"]
    writer = EmbeddedStore(data)
    load_paths(writer, seed_paths[:3], progress=False)  # gives the follower documents to take in
    reader.close()
    assert followers and not any(t.is_alive() for t in followers)
    writer.close()
