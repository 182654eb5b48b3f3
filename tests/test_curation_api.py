"""Curation over HTTP: the API key, the preview count, the decision and GET /nodes showing curated_by."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from curation_seeds import SYSTEM, WORK
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.graph.curation import Curation
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths
from policykg.settings import Settings

KEY = {"X-API-Key": "s3cret"}


@pytest.fixture
def client(tmp_path, seed_paths):
    store = EmbeddedStore(tmp_path / "data")
    load_paths(store, seed_paths, progress=False)
    settings = Settings(data_dir=tmp_path / "data", api_key="s3cret")
    with TestClient(create_app(settings, store=store)) as c:
        yield c
    store.close()


def test_writing_routes_need_the_key(client, seeded_embedded):
    body = {"name": "红色物业"}
    assert client.post("/curation/reject", json=body).status_code == 401
    # a preview writes nothing, yet it was refused with "this route writes" (a walkthrough, session 49)
    r = client.post("/curation/preview/reject", json=body)
    assert r.status_code == 401 and "previews too" in r.json()["detail"] and "writes" not in r.json()["detail"]
    assert client.post("/curation/reject", json=body, headers={"X-API-Key": "wrong"}).status_code == 403
    with TestClient(create_app(Settings(), store=seeded_embedded)) as off:
        r = off.post("/curation/reject", json=body, headers=KEY)
        assert r.status_code == 403 and "POLICYKG_API_KEY" in r.json()["detail"]
    assert client.get("/nodes/Program:红色物业").status_code == 200  # nothing was changed


def test_preview_then_decide_then_read_the_node(client, tmp_path):
    body = {"nodes": ["Program:县以下事业单位管理岗位职员等级晋升制度", "Program:县以下事业单位管理岗位职员等级晋升工作"]}
    counted = client.post("/curation/preview/merge", json=body, headers=KEY).json()
    assert (counted["mentions"], counted["documents"]) == (2, 2)
    # the node the entities end on, as the CLI says it (the API's preview named only the nodes losing mentions)
    assert counted["ends_on"] == "Program:县以下事业单位管理岗位职员等级晋升制度"
    r = client.post("/curation/merge", json={**body, "note": "one reform"}, headers=KEY)
    assert r.status_code == 200 and r.json()["decision"]["id"] == "d1" and r.json()["rewritten"] == 5
    # of the 5 documents written, the graph of 2 changed (003's and 004's 工作): "rewritten": 5 alone had been read as
    # 5 documents changed (a walkthrough, session 67)
    assert (r.json()["changed"], r.json()["rechecked"], r.json()["unchanged"]) == (2, 3, 0)
    # the analytics view of the curated store is built in the background, before it is asked for (the first
    # diffusion page after a decision took 2.4 s to build it: an explorer walkthrough, session 51)
    views, store = client.app.state.views, client.app.state.store
    deadline = time.monotonic() + 60
    while views.built_for() != store.revision and time.monotonic() < deadline:
        time.sleep(0.05)
    assert views.built_for() == store.revision
    node = client.get("/nodes/Program:县以下事业单位管理岗位职员等级晋升制度").json()["node"]
    assert node["curated_by"] == ["d1"] and node["doc_count"] == 4
    r = client.get("/nodes/Program:县以下事业单位管理岗位职员等级晋升工作", follow_redirects=False)  # the merged node's
    assert r.status_code == 307 and r.headers["location"] == "/nodes/" + quote(node["id"], safe=":")
    listed = client.get("/curation").json()
    assert [d["id"] for d in listed["decisions"]] == ["d1"] and "one reform" in listed["decisions"][0]["text"]
    assert (tmp_path / "data" / "curation.toml").exists()
    bad = client.post("/curation/merge", json={"nodes": ["Program:红色物业", "Goal:乡村振兴"]}, headers=KEY)
    assert bad.status_code == 400 and "one label" in bad.json()["detail"]


def test_the_old_id_of_a_renamed_entity_says_where_it_went(tmp_path, seed_paths):
    # bookmarks and notes keep the old id; a bare "no node with id" left the researcher guessing, then a 404 naming the
    # decision where a user expects to be taken to the entity: a redirect to its id, the query kept; a rejected
    # entity's id answers 410 Gone, naming the decision (a 404 said the same of an id mistyped)
    from policykg.curate import decide, decision_fields

    store = EmbeddedStore(tmp_path / "data")
    load_paths(store, seed_paths, progress=False)
    curation = Curation(tmp_path / "data" / "curation.toml")
    decide(store, curation, decision_fields("rename", node="Program:红色物业", canonical="红色物业服务"))
    decide(store, curation, decision_fields("retype", node="Program:红色物业服务", to="Goal"))
    goal = quote("Goal:红色物业服务", safe=":")
    with TestClient(create_app(Settings(data_dir=tmp_path / "data", api_key="s3cret"), store=store),
                    follow_redirects=False) as c:
        for old in ("Program:红色物业", "Program:红色物业服务"):  # renamed then retyped, retyped
            r = c.get(f"/nodes/{old}", params={"depth": 2})
            assert r.status_code == 307 and r.headers["location"] == f"/nodes/{goal}?depth=2", old
        assert c.get("/nodes/Program:红色物业", follow_redirects=True).json()["node"]["id"] == "Goal:红色物业服务"
        for route in ("/nodes/{}/neighbourhood", "/nodes/{}/view", "/programs/{}/related"):  # every route taking an id
            r = c.get(route.format("Program:红色物业服务"), params={"limit": 5})
            assert (r.status_code, r.headers["location"]) == (307, route.format(goal) + "?limit=5"), route
        r = c.get("/export", params={"node": "Program:红色物业服务", "format": "jsonl"})
        assert r.status_code == 307 and r.headers["location"] == "/export?node=Goal%3A" + goal[5:] + "&format=jsonl"
        # a decision about the old id said only "no Program named" (a walkthrough, session 50)
        r = c.post("/curation/preview/rename", json={"node": "Program:红色物业", "canonical": "红色物业管理"}, headers=KEY)
        assert r.status_code == 400 and r.json()["detail"] == ("no Program named '红色物业' in the store; curation "
                                                               "decision d2 made it Goal:红色物业服务")
        assert c.get("/nodes/Goal:红色物业服务").status_code == 200
        assert c.get("/nodes/Program:没有这个").json()["detail"].startswith("no node with id 'Program:没有这个'; ")
    decide(store, curation, decision_fields("reject", node="Goal:红色物业服务", store=store))
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"), store=store), follow_redirects=False) as c:
        for old in ("Goal:红色物业服务", "Program:红色物业"):  # the entity rejected, and an id it had before
            r = c.get(f"/nodes/{old}")
            assert r.status_code == 410 and r.json()["detail"].endswith("curation decision d3 rejected it"), old
        # every route that takes the id says so (a walkthrough, session 45: the neighbourhood, view and export
        # suggested other names, the diffusion and related routes said only "no entity with id")
        for route in ("/nodes/{}/neighbourhood", "/nodes/{}/view", "/programs/{}/diffusion", "/programs/{}/related",
                      "/entities/{}/diffusion"):
            r = c.get(route.format("Goal:红色物业服务"))
            assert r.status_code == 410 and "curation decision d3 rejected it" in r.text, route
        r = c.get("/export", params={"node": "Goal:红色物业服务"})
        assert r.status_code == 410 and "curation decision d3 rejected it" in r.text
        paths = c.get("/openapi.json").json()["paths"]
        for path in ("/nodes/{node_id}", "/nodes/{node_id}/neighbourhood", "/programs/{node_id}/diffusion", "/export"):
            answers = paths[path]["get"]["responses"]
            assert "Location" in answers["307"]["headers"] and "rejected" in answers["410"]["description"], path
        assert "410" not in paths["/search"]["get"]["responses"]
    store.close()


def test_a_node_a_name_reject_emptied_names_the_decision(tmp_path, seed_paths):
    # seed 000 lists 完善容错纠错、职级晋升、报备免责等机制: Program:容错纠错机制 is written 容错纠错 only, so rejecting
    # that name takes the node; its old id answered a 404 suggesting other names, without the decision (session 48)
    from policykg.curate import decide, decision_fields

    store = EmbeddedStore(tmp_path / "data")
    load_paths(store, seed_paths, progress=False)
    node = store.get_node("Program:容错纠错机制")
    assert {m["surface"] for m in node["mentions"]} == {"容错纠错"}
    curation = Curation(tmp_path / "data" / "curation.toml")
    decide(store, curation, decision_fields("reject", name="容错纠错", label="Program"))
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"), store=store)) as c:
        for route in ("/nodes/{}", "/nodes/{}/neighbourhood", "/programs/{}/diffusion"):
            r = c.get(route.format("Program:容错纠错机制"))
            assert r.status_code == 404 and "curation decision d1 rejected the name 容错纠错" in r.text, route
        # a node no decision is about: no decision named
        assert "curation decision" not in c.get("/nodes/Program:没有这个机制").text
    store.close()


def test_the_answer_for_a_rejected_id_reads_the_curation_file_once(client, monkeypatch):
    # "the API error path reads the curation file twice": the redirect check (moved_id) read it, then the 410 or 404
    # naming the decision (raise_gone_or) read it again, on every route taking an id
    assert client.post("/curation/reject", json={"name": "红色物业"}, headers=KEY).status_code == 200
    reads = []
    real = Curation._read
    monkeypatch.setattr(Curation, "_read", lambda self: reads.append(self.path) or real(self))
    for route in ("/nodes/{}", "/nodes/{}/neighbourhood", "/programs/{}/diffusion", "/entities/{}/diffusion"):
        reads.clear()
        r = client.get(route.format("Program:红色物业"))
        assert r.status_code == 410 and "rejected" in r.text and len(reads) == 1, (route, reads)
    reads.clear()
    r = client.get("/export", params={"node": "Program:红色物业"})
    assert r.status_code == 410 and len(reads) == 1
    reads.clear()
    assert client.get("/nodes/Program:没有这个机制").status_code == 404 and len(reads) == 1


def test_a_decision_is_undone_over_http(client):
    body = {"name": "红色物业"}
    assert client.post("/curation/reject", json=body, headers=KEY).status_code == 200
    assert client.get("/nodes/Program:红色物业").status_code == 410
    assert client.delete("/curation/d1").status_code == 401
    # what the undo would change, counted as a decision's preview counts (a walkthrough, session 67: the command
    # line's dry run of an undo had no counts, and the API no preview of it)
    assert client.post("/curation/preview/undo/d1").status_code == 401
    counted = client.post("/curation/preview/undo/d1", headers=KEY).json()
    assert (counted["mentions"], counted["documents"], counted["nodes"], counted["later"]) == (2, 2, [], [])
    assert counted["decision"]["action"] == "reject"
    r = client.post("/curation/preview/undo/d7", headers=KEY)
    assert r.status_code == 404 and "GET /curation lists them" in r.json()["detail"]
    assert client.get("/nodes/Program:红色物业").status_code == 410  # nothing was written
    r = client.delete("/curation/d1", headers=KEY)
    assert r.status_code == 200 and r.json()["removed"]["action"] == "reject" and r.json()["rewritten"] >= 2
    assert (r.json()["changed"], r.json()["rechecked"]) == (2, 3)
    assert client.get("/nodes/Program:红色物业").json()["node"]["doc_count"] == 2
    assert client.get("/curation").json()["decisions"] == []
    r = client.delete("/curation/d1", headers=KEY)
    assert r.status_code == 404 and "GET /curation lists them" in r.json()["detail"]


def test_a_decision_waits_for_another_process_changing_the_curation_and_says_what_changed_nothing(client, tmp_path,
                                                                                                 monkeypatch):
    """A walkthrough (session 58): a decision from a terminal and one from the explorer at once gave both the same id
    (the file was then refused everywhere) or left one out of the store; and the API dropped the warning of a decision
    that changed nothing, which the command line prints."""
    import policykg.api.routes.curation as routes
    from policykg.graph.curation import changing

    path = tmp_path / "data" / "curation.toml"
    monkeypatch.setattr(routes, "BUSY_WAIT_S", 0.3)
    with changing(path):  # another process is recording a decision
        r = client.post("/curation/reject", json={"name": "红色物业"}, headers=KEY)
        assert r.status_code == 409 and "another process is changing the curation" in r.json()["detail"]
        assert client.post("/curation/apply", headers=KEY).status_code == 409
    assert not Curation(path).decisions and client.get("/nodes/Program:红色物业").status_code == 200
    r = client.post("/curation/reject", json={"name": "红色物业"}, headers=KEY)
    assert r.status_code == 200 and r.json()["warnings"] == []
    r = client.post("/curation/merge", json={"nodes": ["Program:没有这个名字", "Program:红色网格"]}, headers=KEY)
    assert r.status_code in (400, 404)  # a node that is not there is refused before anything is written
    r = client.post("/curation/reject", json={"name": "没有这个名字的东西", "label": "Program"}, headers=KEY)
    assert r.status_code == 200 and len(r.json()["warnings"]) == 1 and "d2 reject" in r.json()["warnings"][0]
    assert client.post("/curation/apply", headers=KEY).json()["warnings"] == r.json()["warnings"]
    # the answer to a later decision gives its own warnings only; apply gives every decision's
    r = client.post("/curation/reject", json={"name": "另一个没有的名字", "label": "Program"}, headers=KEY)
    assert len(r.json()["warnings"]) == 1 and r.json()["warnings"][0].startswith("d3 reject")
    r = client.post("/curation/add", json={"name": "党建引领", "label": "Program"}, headers=KEY)
    assert r.status_code == 200 and r.json()["warnings"] == []
    assert len(client.post("/curation/apply", headers=KEY).json()["warnings"]) == 2


def test_a_body_field_no_decision_takes_is_refused_naming_those_it_takes(client):
    # a walkthrough (session 67) sent {"ids": [...]} to merge: "Extra inputs are not permitted" named no field to use
    body = {"ids": ["Program:县以下事业单位管理岗位职员等级晋升制度", "Program:县以下事业单位管理岗位职员等级晋升工作"]}
    r = client.post("/curation/preview/merge", json=body, headers=KEY)
    assert r.status_code == 422
    error = next(e for e in r.json()["detail"] if e["loc"] == ["body", "ids"])
    assert error["msg"].startswith("'ids' is not a field of this body; it takes nodes, node, name")
    assert "nodes" in error["ctx"]["allowed"] and "note" in error["ctx"]["allowed"]
    # the Cypher body too ({"cypher": …} for {"query": …})
    r = client.post("/cypher", json={"cypher": "MATCH (p:Program) RETURN p.name LIMIT 1"})
    said = next(e for e in r.json()["detail"] if e["loc"] == ["body", "cypher"])
    assert r.status_code == 422 and said["ctx"]["allowed"] == ["query", "params"]


def test_the_decisions_of_one_node_after_a_merge(client):
    # the explorer's panel lists the decisions about the node it shows, each with an Undo; only GET /curation, every
    # decision of the file, answered, so a merge was undone in the explorer only on the page that made it (session 69)
    system, work = SYSTEM, WORK
    r = client.post("/curation/merge", json={"nodes": [system, work], "note": "one reform"}, headers=KEY)
    merged = r.json()["decision"]["id"]
    assert client.post("/curation/rename", json={"node": "Program:红色物业", "canonical": "红色物业服务"},
                       headers=KEY).status_code == 200
    listed = client.get("/curation", params={"node": system}).json()  # no key needed, as for the whole list
    assert listed["node"] == system and [(d["id"], d["action"], d["recorded"]) for d in listed["decisions"]] == [
        (merged, "merge", True)]
    assert listed["decisions"][0]["said"] == ("merged Program 县以下事业单位管理岗位职员等级晋升工作 into "
                                              "县以下事业单位管理岗位职员等级晋升制度 — note: one reform")
    # the id the merge took away names it too (no node records it now), and another node's decisions are not its
    old = client.get("/curation", params={"node": work}).json()["decisions"]
    assert [(d["id"], d["recorded"]) for d in old] == [(merged, False)]
    renamed = client.get("/curation", params={"node": "Program:红色物业服务"}).json()["decisions"]
    assert [(d["action"], d["said"]) for d in renamed] == [
        ("rename", "renamed Program 红色物业 to 红色物业服务 (the old name stays an alias)")]
    assert client.get("/curation", params={"node": "Goal:乡村振兴"}).json()["decisions"] == []
    assert [d["id"] for d in client.get("/curation").json()["decisions"]] == [merged, renamed[0]["id"]]
    r = client.get("/curation", params={"node": "红色物业服务"})
    assert r.status_code == 400 and "not an entity id" in r.json()["detail"]
    r = client.get("/curation", params={"node": "Program:没有这个"})
    assert r.status_code == 404 and "no curation decision names it" in r.json()["detail"]
    params = client.get("/openapi.json").json()["paths"]["/curation"]["get"]["parameters"]
    assert [p["name"] for p in params] == ["node"] and "concern" in params[0]["description"]


def test_the_decisions_of_one_node_say_what_each_action_did(client):
    # each listed with what it did in words, under the ids it concerns: the label a retype gave and the one it took, a
    # detached alias's own node and the node it left, a rejected node's id (the node is gone: 410), and a name's reject
    # under either label
    typo = "Program:县以下事业单位理岗位职员等级晋升制度"  # 002's wording, an alias of Program:…制度 (fuzzy:97)
    for action, body in [("retype", {"node": "Program:红色物业", "to": "Goal"}),
                         ("detach", {"node": SYSTEM, "alias": typo.partition(":")[2]}),
                         ("add", {"name": "党建引领", "label": "Program"}), ("reject", {"node": "Program:党建引领"}),
                         ("reject", {"name": "红色网格"})]:
        assert client.post(f"/curation/{action}", json=body, headers=KEY).status_code == 200, (action, body)

    def said(node):
        r = client.get("/curation", params={"node": node})
        assert r.status_code == 200, (node, r.json())
        return [(d["id"], d["said"], d["recorded"]) for d in r.json()["decisions"]]

    retyped = ("d1", "made 红色物业 a Goal (it was a Program)")
    assert said("Goal:红色物业") == [(*retyped, True)] and said("Program:红色物业") == [(*retyped, False)]
    detached = ("d2", f"detached {typo.partition(':')[2]} from Program {SYSTEM.partition(':')[2]}: an entity of its own")
    assert said(typo) == [(*detached, True)] and said(SYSTEM) == [(*detached, True)]  # both record it
    assert client.get(f"/nodes/{quote('Program:党建引领')}").status_code == 410
    assert said("Program:党建引领") == [("d3", "made every occurrence of 党建引领 a Program", False),
                                        ("d4", "rejected Program:党建引领: the mentions put on it are no entity", False)]
    rejected = [("d5", "rejected the name 红色网格 (any label) in every document", False)]
    assert said("Body:红色网格") == said("Program:红色网格") == rejected
