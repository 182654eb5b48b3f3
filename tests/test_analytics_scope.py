"""Centrality, communities, diffusion and related entities of some documents (``documents=`` patterns and ``year=``), on
every store.

What a scoped answer must hold is read from the seed texts and from the provenance the store keeps on its
relationships (every MENTIONS and every fact has the ``doc_id`` of the one document that states it), never from the
analytics themselves.  Seed 002 (``Document:002_f943a519de895b49``) is the only document of 2022.
"""

from __future__ import annotations

import re
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


def _shared_with(store, doc_id: str, node_id: str) -> dict[str, tuple[int, int]]:
    """For each entity sharing sentences or sections of ``doc_id`` with ``node_id``: how many of each, from the store's
    MENTIONS relationships."""
    sections: dict[str, set[str]] = {}
    sentences: dict[tuple[str, str], set[str]] = {}
    for e in store.iter_edges(["MENTIONS"]):
        if e["doc_id"] == doc_id:
            sections.setdefault(e["source"], set()).add(e["target"])
            for s in set(e.get("sentences", [])):
                sentences.setdefault((e["source"], s), set()).add(e["target"])
    counts: dict[str, list[int]] = {}
    for k, groups in enumerate((sentences.values(), sections.values())):
        for other in (o for ids in groups if node_id in ids for o in ids - {node_id}):
            counts.setdefault(other, [0, 0])[k] += 1
    return {o: (n[0], n[1]) for o, n in counts.items()}


def test_the_diffusion_of_some_documents_lists_what_they_mention_counted_in_them_alone(client, seeded):
    """A researcher lists the entities of the 2022 plan: every entity 002 mentions, in one document of 2022, and
    nothing else (组织部门, of seeds 000, 001 and 004, is no answer).  ``year`` was not taken: every document counted."""
    mentioned, _ = _stated_in(seeded, PLAN_2022)
    params = {"min_documents": 1, "limit": 10_000}
    r = client.get("/diffusion", params={**params, "year": 2022})
    rows = r.json()
    assert {x["id"] for x in rows} == mentioned and "Body:组织部门" not in mentioned
    assert r.headers["x-within-documents"] == "1"
    assert int(r.headers["x-total-count"]) == len(rows)
    assert {(x["documents"], tuple(x["years"])) for x in rows} == {(1, (2022,))}
    assert rows == client.get("/diffusion", params={**params, "documents": "002_*"}).json()
    r = client.get("/diffusion", params={"year": 2022})  # at least two documents: none within one
    assert r.json() == [] and r.headers["x-total-count"] == "0"
    assert client.get("/diffusion", params={"documents": "*"}).json() == client.get("/diffusion").json()


def test_the_entities_related_within_some_documents_share_their_sentences_and_sections(client, seeded):
    """红色物业 is in seeds 001 and 002: within 2022 its related bodies are those sharing a sentence or a section of
    002 with it, counted there (it listed the bodies of 001 too: ``year`` was not taken)."""
    route = "/programs/Program:红色物业/related"
    expected = {o: n for o, n in _shared_with(seeded, PLAN_2022, "Program:红色物业").items() if o.startswith("Body:")}
    r = client.get(route, params={"label": "Body", "limit": 200, "year": 2022})
    rows = r.json()
    assert expected and {x["id"]: (x["sentences"], x["sections"]) for x in rows} == expected
    assert r.headers["x-within-documents"] == "1"
    assert {x["documents"] for x in rows} == {1} and r.headers["x-total-count"] == str(len(rows))
    assert rows == client.get(route, params={"label": "Body", "limit": 200, "documents": "002_*"}).json()
    assert set(expected) < {x["id"] for x in client.get(route, params={"label": "Body", "limit": 200}).json()}
    # an entity the kept documents do not mention has nothing related there (not a 404: it exists); an unknown one 404s
    assert client.get("/programs/Body:组织部门/related").json()
    r = client.get("/programs/Body:组织部门/related", params={"year": 2022})
    assert r.status_code == 200 and r.json() == [] and r.headers["x-total-count"] == "0"
    assert client.get("/programs/Body:没有这个/related", params={"year": 2022}).status_code == 404


def test_the_diffusion_of_an_entity_within_some_documents_counts_them_alone(client, seeded):
    """红色物业 is in seeds 001 (undated) and 002 (2022): within 2022 it has one document, 002, first adopted there, and
    its node counts that one (``year`` was not taken; with ``documents`` its ``doc_count`` was the whole graph's, 2)."""
    route = "/programs/Program:红色物业/diffusion"
    r = client.get(route, params={"year": 2022})
    answer = r.json()
    assert [d["id"] for d in answer["documents"]] == [PLAN_2022] and answer["first_adopter"]["id"] == PLAN_2022
    assert answer["node"]["doc_count"] == 1 and answer["within"] == {"patterns": [], "documents": 1, "year": 2022}
    assert r.headers["x-within-documents"] == "1"
    assert client.get(route).json()["node"]["doc_count"] == 2
    answer = client.get(route, params={"documents": "*经验材料*"}).json()
    assert [d["id"] for d in answer["documents"]] == ["Document:001_b67b329c3470edd9"]
    assert answer["node"]["doc_count"] == 1
    # an entity the kept documents do not mention: known, in none of them
    answer = client.get("/programs/Body:组织部门/diffusion", params={"year": 2022}).json()
    assert answer["documents"] == [] and answer["node"]["doc_count"] == 0 and answer["first_adopter"] is None
    # the redirect from another name and the page keep the year
    r = client.get("/programs/Goal:乡村振兴战略/diffusion", params={"year": 2022}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].endswith("&year=2022")
    page = client.get("/entities/Program:红色物业/diffusion", params={"year": 2022}).text
    assert re.search(r'<p id="within">Counted within the 1 document of 2022\s', page)
    assert re.search(r'href="/programs/[^"]+/diffusion\?year=2022">JSON', page)


@pytest.mark.parametrize("route", ["/analytics/central", "/analytics/communities", "/diffusion",
                                   "/programs/Program:红色物业/related", "/programs/Program:红色物业/diffusion",
                                   "/entities/Program:红色物业/diffusion"])
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


def test_the_command_line_diffusion_reads_the_documents_of_a_year(seeded_embedded):
    data = ["--data-dir", str(seeded_embedded.data_dir)]
    r = CliRunner().invoke(main, [*data, "diffusion", "--year", "2022", "--min-documents", "1", "--limit", "10000"])
    assert r.exit_code == 0, r.output
    mentioned, _ = _stated_in(seeded_embedded, PLAN_2022)
    assert {line.split()[-1] for line in r.stdout.splitlines()[1:]} == mentioned
    assert "(within the 1 document of 2022)" in r.stderr
    r = CliRunner().invoke(main, [*data, "diffusion", "--documents", "002_*", "--year", "2023"])
    assert r.exit_code != 0 and "--year 2023" in r.output and "2022" in r.output
    r = CliRunner().invoke(main, [*data, "diffusion", "红色物业", "--year", "2022"])
    assert r.exit_code == 0, r.output
    assert "Program:红色物业: 1 document, first adopter Document:002_f943a519de895b49 (2022)" in r.stdout
    assert "(counted within the 1 document of 2022: " in r.stdout and "001_" not in r.stdout


def _mentions_in(store, doc_id: str, node_id: str) -> int:
    """How many times ``doc_id`` mentions ``node_id``, from the store's MENTIONS relationships (their ``count``)."""
    return sum(int(e.get("count", 0)) for e in store.iter_edges(["MENTIONS"])
               if e["doc_id"] == doc_id and e["target"] == node_id)


def test_an_entity_diffusion_within_some_documents_counts_their_mentions_alone(client, seeded):
    """乡村振兴 is written in all five seeds; within 2022 its node counted the one document of 2022 but the mentions of
    all five (25 where 002 writes it 3 times).  The command line says the same number."""
    route = "/programs/Goal:乡村振兴/diffusion"
    in_2022 = _mentions_in(seeded, PLAN_2022, "Goal:乡村振兴")
    whole = client.get(route).json()["node"]
    assert 0 < in_2022 < whole["mention_count"]
    for params in ({"year": 2022}, {"documents": "002_*"}):
        answer = client.get(route, params=params).json()
        assert answer["node"]["doc_count"] == 1 and answer["node"]["mention_count"] == in_2022
        assert answer["node"]["mention_count"] == sum(d["mentions"] for d in answer["documents"])
    # an entity the kept documents do not mention: no document, no mention
    node = client.get("/programs/Body:组织部门/diffusion", params={"year": 2022}).json()["node"]
    assert (node["doc_count"], node["mention_count"]) == (0, 0)


def test_the_command_line_diffusion_within_some_documents_says_their_mentions(seeded_embedded):
    data = ["--data-dir", str(seeded_embedded.data_dir)]
    in_2022 = _mentions_in(seeded_embedded, PLAN_2022, "Goal:乡村振兴")
    r = CliRunner().invoke(main, [*data, "diffusion", "Goal:乡村振兴", "--year", "2022"])
    assert r.exit_code == 0, r.output
    assert f"(counted within the 1 document of 2022: {in_2022} mention{'s' if in_2022 != 1 else ''})" in r.stdout
