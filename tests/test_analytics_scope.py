"""Centrality and communities of some documents (``documents=`` patterns and ``year=``), on every store.

What a scoped answer must hold is read from the seed texts and from the provenance the store keeps on its
relationships (every MENTIONS and every fact has the ``doc_id`` of the one document that states it), never from the
analytics themselves.  Seed 002 (``Document:002_f943a519de895b49``) is the only document of 2022.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from click.testing import CliRunner

from policykg.cli import main

PLAN_2022 = "Document:002_f943a519de895b49"
FACTS = ("LEADS", "SERVES", "PART_OF")


def _stated_in(store, doc_id: str) -> tuple[set[str], dict[str, set[str]]]:
    """The entities ``doc_id`` mentions and, for each, the others it shares a sentence or a fact with in ``doc_id``,
    from the store's own relationships."""
    by_sentence: dict[tuple[str, str], set[str]] = {}
    links: dict[str, set[str]] = {}
    mentioned: set[str] = set()
    for e in store.iter_edges(["MENTIONS", *FACTS]):
        if e["doc_id"] != doc_id:
            continue
        if e["type"] == "MENTIONS":
            mentioned.add(e["target"])
            for s in e.get("sentences", []):
                by_sentence.setdefault((e["source"], s), set()).add(e["target"])
        else:
            links.setdefault(e["source"], set()).add(e["target"])
            links.setdefault(e["target"], set()).add(e["source"])
    for ids in by_sentence.values():
        for a, b in combinations(ids, 2):
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    return mentioned, links


def test_the_central_bodies_of_one_document_are_those_it_names_linked_as_it_links_them(client, seeded):
    """A researcher asks which bodies are central in the 2022 plan: 组织部门, written in seeds 000, 001 and 004 and not
    in 002, is no answer; 业主委员会, written in 002 alone, is; 中央 keeps only the links 002 gives it (it had the
    whole graph's, from four documents)."""
    text = seeded.document_text(PLAN_2022)
    assert "组织部门" not in text and "业主委员会" in text
    mentioned, links = _stated_in(seeded, PLAN_2022)
    whole = {r["id"]: r for r in client.get("/analytics/central", params={"label": "Body", "limit": 1000}).json()}
    assert "Body:组织部门" in whole
    r = client.get("/analytics/central", params={"label": "Body", "limit": 1000, "documents": "002_*"})
    assert r.status_code == 200 and r.headers["x-within-documents"] == "1"
    rows = {x["id"]: x for x in r.json()}
    assert set(rows) == {m for m in mentioned if m.startswith("Body:")}
    assert int(r.headers["x-total-count"]) == len(rows)
    assert "Body:组织部门" not in rows and "Body:业主委员会" in rows
    assert rows["Body:中央"]["degree"] == len(links["Body:中央"]) < whole["Body:中央"]["degree"]
    assert {x["doc_count"] for x in rows.values()} == {1}
    # a year names the same document: 002 is the only one of 2022
    assert [d["id"] for d in client.get("/documents", params={"year": 2022}).json()] == [PLAN_2022]
    for measure in ("degree", "pagerank", "betweenness"):
        params = {"label": "Program", "measure": measure, "limit": 1000}
        by_year = client.get("/analytics/central", params={**params, "year": 2022}).json()
        assert by_year == client.get("/analytics/central", params={**params, "documents": "002_*"}).json()
        # every document: the whole graph, node for node
        everything = client.get("/analytics/central", params={**params, "documents": "*"})
        assert everything.json() == client.get("/analytics/central", params=params).json()
        assert everything.headers["x-within-documents"] == "5"


def test_the_communities_of_one_document_hold_the_entities_it_names(client, seeded):
    mentioned, _ = _stated_in(seeded, PLAN_2022)
    r = client.get("/analytics/communities", params={"label": "Body", "limit": 1000, "members": 1000,
                                                     "documents": PLAN_2022})
    assert r.status_code == 200 and r.headers["x-within-documents"] == "1"
    comms = r.json()
    assert {m["id"] for c in comms for m in c["members"]} == {m for m in mentioned if m.startswith("Body:")}
    # the communities holding a Body; with the others, every entity 002 names is in one
    every = client.get("/analytics/communities", params={"label": "Program", "limit": 1000, "members": 1000,
                                                         "documents": PLAN_2022}).json()
    assert sum(c["size"] for c in every) <= len(mentioned) and "Body:组织部门" not in str(every)


@pytest.mark.parametrize("route", ["/analytics/central", "/analytics/communities"])
def test_a_pattern_or_a_year_that_keeps_no_document_is_refused_naming_it(client, route):
    r = client.get(route, params={"documents": "gwr2025-*"})
    assert r.status_code == 400
    assert "no loaded document has an id or title matching 'gwr2025-*'" in r.json()["detail"]
    r = client.get(route, params={"documents": "002_*", "year": 2023})
    assert r.status_code == 400 and "2023" in r.json()["detail"] and "2022" in r.json()["detail"]
    assert client.get(route, params={"year": 1800}).status_code == 422  # outside the years a document may have


def test_the_command_line_analyses_the_documents_asked_for(seeded_embedded):
    data = ["--data-dir", str(seeded_embedded.data_dir)]
    r = CliRunner().invoke(main, [*data, "central", "--label", "Body", "--limit", "1000", "--documents", "002_*"])
    assert r.exit_code == 0, r.output
    listed = {line.split()[-1] for line in r.stdout.splitlines()[1:]}
    mentioned, _ = _stated_in(seeded_embedded, PLAN_2022)
    assert listed == {m for m in mentioned if m.startswith("Body:")} and "Body:组织部门" not in listed
    assert "(within the 1 document matching '002_*')" in r.stderr
    r = CliRunner().invoke(main, [*data, "communities", "--label", "Body", "--year", "2022", "--members", "1000",
                                  "--limit", "1000"])
    assert r.exit_code == 0 and "(within the 1 document of 2022)" in r.stderr and "组织部门" not in r.stdout
    r = CliRunner().invoke(main, [*data, "central", "--documents", "gwr-*"])
    assert r.exit_code != 0 and "no loaded document has an id or title matching 'gwr-*'" in r.output
