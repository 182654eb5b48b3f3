"""GET /programs/{id}/facts: what ``policykg facts`` lists, over the API (a walkthrough, session 67, found the API had
no route for it), on both stores holding the bundled documents."""

from __future__ import annotations

from urllib.parse import quote


def _stated(client, node_id: str) -> list[tuple[str, str, str, str]]:
    """(document, source, type, target) of every fact relationship touching ``node_id``, read from its neighbourhood."""
    r = client.get(f"/nodes/{quote(node_id)}/neighbourhood", params={"types": "LEADS,SERVES,PART_OF"})
    assert r.status_code == 200, r.text
    return sorted((e["doc_id"], e["source"], e["type"], e["target"]) for e in r.json()["edges"]
                  if node_id in (e["source"], e["target"]))


def test_the_facts_of_an_entity_are_its_fact_relationships_with_the_sentences_stating_them(client, seed_paths):
    # examples/004: 深入实施“铸魂赋能、队伍提质、兴业共富、强基善治、引智聚才、连心到户”六项行动 (six parts and a goal served)
    r = client.get(f"/programs/{quote('Program:六项行动')}/facts")
    assert r.status_code == 200, r.text
    facts = r.json()
    assert sorted((f["doc_id"], f["source"], f["type"], f["target"]) for f in facts) == _stated(client, "Program:六项行动")
    assert r.headers["X-Total-Count"] == str(len(facts)) and len(facts) >= 6
    text = next(p for p in seed_paths if p.stem == "004_4f30f3f8533a85fe").read_text(encoding="utf-8")
    assert all(f["sentences"] and all(s in text for s in f["sentences"]) for f in facts)
    assert any("铸魂赋能、队伍提质" in s for f in facts for s in f["sentences"])
    # a bare name finds the Program, types keep some, limit pages with the total kept
    parts = client.get(f"/programs/{quote('六项行动')}/facts", params={"types": "PART_OF", "limit": 2})
    assert parts.status_code == 200 and len(parts.json()) == 2
    assert parts.headers["X-Total-Count"] == str(sum(f["type"] == "PART_OF" for f in facts))
    assert all(f["type"] == "PART_OF" for f in parts.json())
    # documents keep some: none of another document's
    other = client.get(f"/programs/{quote('Program:六项行动')}/facts", params={"documents": "000_*"})
    assert other.status_code == 200 and other.json() == [] and other.headers["X-Within-Documents"] == "1"


def test_facts_refuses_a_type_that_is_no_fact_and_names_an_unknown_entity(client):
    r = client.get(f"/programs/{quote('Program:六项行动')}/facts", params={"types": "MENTIONS"})
    assert r.status_code == 400 and "PART_OF" in r.json()["detail"]
    missing = client.get(f"/programs/{quote('Program:不存在的项目')}/facts")
    assert missing.status_code == 404
