"""An export of what some documents state (``documents=`` patterns, ``year=``), counted in them, on every store.

Seed 002 (``Document:002_f943a519de895b49``) is the only document of 2022; Goal:乡村振兴 is written 25 times in the
five seeds.  What the export must hold is read from the provenance the store keeps (every relationship has the
``doc_id`` of the one document that states it), and its counts are those a diffusion within the same documents
gives (session 66), never the whole store's.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from policykg.cli import main

PLAN_2022 = "Document:002_f943a519de895b49"
RURAL = "Goal:乡村振兴"


def _jsonl(response) -> tuple[dict[str, dict], list[dict]]:
    rows = [json.loads(line) for line in response.content.decode("utf-8").splitlines()]
    return {r["id"]: r for r in rows if r["record"] == "node"}, [r for r in rows if r["record"] == "edge"]


def _counts_in(store, doc_id: str) -> dict[str, tuple[int, int]]:
    """Entity id -> (1, its mentions in ``doc_id``) for every entity ``doc_id`` mentions, from the store's MENTIONS."""
    out: dict[str, int] = {}
    for e in store.iter_edges(["MENTIONS"]):
        if e["doc_id"] == doc_id:
            out[e["target"]] = out.get(e["target"], 0) + int(e["count"])
    return {k: (1, v) for k, v in out.items()}


def test_a_neighbourhood_export_of_one_year_holds_and_counts_that_years_document(client, seeded):
    whole = seeded.get_node(RURAL)["node"]
    assert (whole["doc_count"], whole["mention_count"]) == (5, 25)
    r = client.get("/export", params={"format": "jsonl", "node": RURAL, "depth": 2, "year": 2022})
    assert r.status_code == 200 and r.headers["x-within-documents"] == "1"
    assert "-year_2022.jsonl" in r.headers["content-disposition"]
    nodes, edges = _jsonl(r)
    assert edges and {e["doc_id"] for e in edges} == {PLAN_2022}  # what 002 states alone
    assert {n["id"] for n in nodes.values() if n.get("kind") == "source"} == {PLAN_2022}
    assert all(n["doc_id"] == PLAN_2022 for n in nodes.values() if n["label"] == "Section")
    counted = _counts_in(seeded, PLAN_2022)
    entities = [n for n in nodes.values() if "doc_count" in n]
    assert len(entities) > 5
    for n in entities:  # each counted in 002, the whole store's kept beside
        assert (n["doc_count"], n["mention_count"]) == counted[n["id"]], n["id"]
        assert n["doc_count_total"] == seeded.get_node(n["id"])["node"]["doc_count"]
        assert all(m.startswith(PLAN_2022 + " ") for m in n.get("merged_by", []))
    rural = nodes[RURAL]
    assert rural["mention_count_total"] == 25 and rural["doc_count_total"] == 5
    # as the diffusion within the same documents counts it
    diffusion = client.get(f"/programs/{RURAL}/diffusion", params={"year": 2022}).json()["node"]
    assert (rural["doc_count"], rural["mention_count"]) == (diffusion["doc_count"], diffusion["mention_count"])
    # a pattern keeps the same document: the same file but its name
    by_pattern = client.get("/export", params={"format": "jsonl", "node": RURAL, "depth": 2, "documents": "002_*"})
    assert by_pattern.content == r.content and "-documents_002.jsonl" in by_pattern.headers["content-disposition"]
    # without a scope, the whole store's counts and no total
    every, _ = _jsonl(client.get("/export", params={"format": "jsonl", "node": RURAL}))
    assert (every[RURAL]["doc_count"], every[RURAL]["mention_count"]) == (5, 25) and "doc_count_total" not in every[RURAL]


def test_the_whole_export_of_some_documents_is_what_they_state(client, seeded):
    r = client.get("/export", params={"format": "jsonl", "documents": "002_*"})
    assert r.status_code == 200 and r.headers["x-within-documents"] == "1"
    nodes, edges = _jsonl(r)
    stated = [e for e in seeded.iter_edges() if e["doc_id"] == PLAN_2022]
    assert len(edges) == len(stated)
    assert set(nodes) == {end for e in stated for end in (e["source"], e["target"])} | {PLAN_2022}
    counted = _counts_in(seeded, PLAN_2022)
    assert {i: (n["doc_count"], n["mention_count"]) for i, n in nodes.items() if "doc_count" in n} == counted


def test_a_scope_that_keeps_nothing_is_refused_naming_it(client):
    r = client.get("/export", params={"format": "jsonl", "year": 1900})
    assert r.status_code == 400 and "year" in r.json()["detail"] and "1900" in r.json()["detail"]
    r = client.get("/export", params={"format": "jsonl", "documents": "nothing-*"})
    assert r.status_code == 400 and "nothing-*" in r.json()["detail"]


def test_the_command_line_exports_some_documents_and_says_so(tmp_path, seed_paths):
    runner = CliRunner()
    data = str(tmp_path / "data")
    assert runner.invoke(main, ["--data-dir", data, "load", *map(str, seed_paths)]).exit_code == 0
    out = tmp_path / "rural-2022.jsonl"
    r = runner.invoke(main, ["--data-dir", data, "export", str(out), "--node", RURAL, "--year", "2022"])
    assert r.exit_code == 0, r.output
    assert "what 1 document states (within the 1 document of 2022)" in r.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rural = next(x for x in rows if x.get("id") == RURAL)
    assert rural["doc_count"] == 1 and rural["doc_count_total"] == 5
    assert {x["doc_id"] for x in rows if x["record"] == "edge"} == {PLAN_2022}
    r = runner.invoke(main, ["--data-dir", data, "export", str(out), "--year", "1900"])
    assert r.exit_code != 0 and "--year 1900" in r.output
