"""The API on the seed documents: search, documents and outlines, sentences, Cypher, the explorer's pages and assets,
exports, comparisons (the pyvis views and the addresses by name: `test_api_views.py`)."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import unquote

from fastapi.testclient import TestClient

from conftest import HEAVY, skip_if_simulated
from policykg.api.main import create_app
from policykg.settings import Settings


def test_health_and_stats(client):
    assert client.get("/health").json()["status"] == "ok"
    s = client.get("/stats").json()
    assert s["nodes"]["Program"] >= 150 and s["nodes"]["Body"] >= 40 and s["nodes"]["Goal"] >= 40
    assert s["nodes"]["Document"] >= 5
    # the Documents split: the five seeds loaded, the rest cited by them (560 beside 67 listed had puzzled a client)
    assert s["documents"]["loaded"] == len(client.get("/documents").json()) == 5
    assert s["documents"]["cited"] == s["nodes"]["Document"] - 5 > 0


def test_search_node_and_neighbourhood(client):
    hits = client.get("/search", params={"q": "五星", "label": "Program"}).json()
    assert hits[0]["id"] == "Program:五星支部创建"
    # a list cut at the limit says so (a walkthrough, session 47: 20 of 72 with no word of the rest)
    assert client.get("/search", params={"q": "五星", "limit": 1}).headers["x-truncated"] == "true"
    assert client.get("/search", params={"q": "五星", "limit": 200}).headers["x-truncated"] == "false"
    assert client.get("/search", params={"q": "五星", "label": "Section"}).status_code == 422  # never a match
    # the seeds write 基层党组织 and 高校 only: a query in full finds them under the table of standard short forms
    assert client.get("/search", params={"q": "党的基层组织"}).json()[0]["id"] == "Body:基层党组织"
    assert [h["id"] for h in client.get("/search", params={"q": "高等学校", "label": "Body"}).json()] == [
        "Body:高校", "Body:驻**高校"]
    assert "match" not in client.get("/search", params={"q": "乡村振兴"}).json()[0]
    # an id, as every answer writes one, is searched as its name under its label (it found nothing: session 50)
    assert client.get("/search", params={"q": "Goal:乡村振兴"}).json()[0]["id"] == "Goal:乡村振兴"
    assert client.get("/search", params={"q": "Body:乡村振兴"}).json() == []
    # a name with a character wrong found nothing, in the explorer's suggestions too (a walkthrough, session 50)
    similar = client.get("/search", params={"q": "乡村振心"}).json()
    assert similar[0]["id"] == "Goal:乡村振兴" and {h["match"] for h in similar} == {"similar"}
    assert client.get("/search", params={"q": "乡村振心", "label": "Body"}).json() == []
    node = client.get("/nodes/Program:五星支部创建").json()
    assert node["node"]["name"] == "五星支部创建" and node["mentions"][0]["sentence"]
    sg = client.get("/nodes/Program:五星支部创建/neighbourhood", params={"depth": 2, "limit": 20}).json()
    assert len(sg["nodes"]) == 20 and sg["truncated"]
    assert client.get("/nodes/Program:没有/neighbourhood").status_code == 404
    assert client.get("/nodes/Program:五星支部创建/neighbourhood", params={"depth": 9}).status_code == 422
    assert client.get("/nodes/Program:五星支部创建/neighbourhood", params={"labels": "Nope"}).status_code == 422
    # the list's values in words, not its pattern (labels=program: a walkthrough, session 49)
    r = client.get("/nodes/Program:五星支部创建/neighbourhood", params={"labels": "program"})
    msg = r.json()["detail"][0]["msg"]
    assert r.status_code == 422 and "Program" in msg and "Goal" in msg and "(?:" not in msg
    r = client.get("/nodes/Program:五星支部创建/neighbourhood", params={"types": "leads"})
    assert r.status_code == 422 and "LEADS" in r.json()["detail"][0]["msg"] and "(?:" not in r.text
    # repeated, or with a space after a comma, as a list is written: labels=Program&labels=Goal kept Goal alone, and
    # labels=Program, Goal was a 422 (a walkthrough, session 55)
    def labels(**params) -> set[str]:
        answer = client.get("/nodes/Goal:乡村振兴/neighbourhood", params={"depth": 2, **params}).json()
        return {n["label"] for n in answer["nodes"]}

    assert labels(labels=["Program", "Goal"]) == labels(labels="Program, Goal") == labels(labels="Program,Goal") \
        == {"Program", "Goal"}


def test_documents_and_outline(client):
    docs = client.get("/documents").json()
    assert {d["file_name"] for d in docs} >= {"003_8ab235683617fdde.txt"}
    doc = client.get("/documents/Document:003_8ab235683617fdde").json()
    assert doc["document"]["year"] == 2023 and len(doc["outline"]) >= 15
    assert client.get("/documents/Document:none").status_code == 404
    # the file stem or name names the document, as for /sentences?doc= (a walkthrough, session 45: 404, no hint)
    by_stem = client.get("/documents/003_8ab235683617fdde")
    assert by_stem.status_code == 200 and by_stem.json() == client.get("/documents/003_8ab235683617fdde.txt").json()
    assert client.get("/read/003_8ab235683617fdde").status_code == 200


def test_documents_and_sentences_take_patterns_and_refuse_a_year_no_document_is_of(client):
    # a walkthrough (session 62): /documents?year=2024 listed every document, /sentences ignored documents=, and a
    # year no document is of answered 0 sentences with 200
    assert [d["id"] for d in client.get("/documents", params={"year": 2023}).json()] == ["Document:003_8ab235683617fdde"]
    kept = client.get("/documents", params=[("documents", "002_*"), ("documents", "*组织工作要点")]).json()
    assert {d["id"] for d in kept} == {"Document:002_f943a519de895b49", "Document:003_8ab235683617fdde"}
    for path, params in (("/documents", {"year": 2030}), ("/sentences", {"q": "党建", "year": 2030})):
        r = client.get(path, params=params)
        assert r.status_code == 400 and r.json()["detail"].startswith("year=2030: no loaded document is of 2030")
    r = client.get("/documents", params={"documents": "zz*"})
    assert r.status_code == 400 and "'zz*'" in r.json()["detail"]
    r = client.get("/sentences", params={"q": "党建", "documents": "003_*", "format": "csv"})
    assert r.status_code == 200 and 0 < int(r.headers["X-Total-Count"]) < client.get(
        "/sentences", params={"q": "党建"}).json()["total"]
    assert {line.split(",")[0] for line in r.text.lstrip("\ufeff").splitlines()[1:]} == {"Document:003_8ab235683617fdde"}


def test_cypher_reads_and_refuses_writes(client, seeded):
    skip_if_simulated(seeded)
    r = client.post("/cypher", json={"query": "MATCH (g:Goal) WHERE g.name = $n RETURN g.doc_count", "params": {"n": "乡村振兴"}})
    assert r.status_code == 200 and r.json()["rows"][0][0] >= 4
    assert r.json()["truncated"] is False
    r = client.post("/cypher", json={"query": "MATCH (n) DETACH DELETE n"})
    assert r.status_code == 400 and "read-only" in r.json()["detail"]
    r = client.post("/cypher", json={"query": "MATCH (g:Goal) WHERE g.name = $n RETURN g.doc_count"})
    assert r.status_code == 400 and "$n" in r.json()["detail"]  # 200 with no rows before


def test_a_cypher_answer_cut_by_the_row_cap_says_so(seeded):
    skip_if_simulated(seeded)
    with TestClient(create_app(Settings(cypher_row_cap=4), store=seeded)) as c:
        r = c.post("/cypher", json={"query": "MATCH (p:Program) RETURN p.id"})
        assert r.status_code == 200 and len(r.json()["rows"]) == 4 and r.json()["truncated"] is True
        r = c.post("/cypher", json={"query": "MATCH (p:Program) RETURN p.id LIMIT 4"})
        assert len(r.json()["rows"]) == 4 and r.json()["truncated"] is False


def test_a_parameter_value_the_embedded_engine_cannot_bind_answers_400(client, seeded):
    # found by the schema fuzzing of POST /cypher (a 500 before): the embedded engine binds a list of one type only
    skip_if_simulated(seeded)
    r = client.post("/cypher", json={"query": "RETURN size($n) AS k", "params": {"n": [1.5, "乡村振兴"]}})
    if seeded.name == "neo4j":  # Neo4j lists may mix types
        assert r.status_code == 200 and r.json()["rows"] == [[2]]
    else:
        assert r.status_code == 400 and "parameter" in r.json()["detail"]


def test_a_query_past_its_time_limit_answers_400_in_the_projects_words(seeded):
    skip_if_simulated(seeded)
    with TestClient(create_app(Settings(cypher_timeout_s=0.5), store=seeded)) as c:
        r = c.post("/cypher", json={"query": HEAVY[seeded.name]})
    assert r.status_code == 400
    assert r.json()["detail"] == "query exceeded the 0.5 s limit; narrow it or raise POLICYKG_CYPHER_TIMEOUT_S"


def test_a_query_the_engine_cannot_stop_at_once_answers_400_at_its_limit(seeded_embedded):
    """One list LadybugDB builds whole before it checks its timeout (a regression check: the answer came when the list
    was built, seconds late); the status and message stay those of any timeout."""
    with TestClient(create_app(Settings(cypher_timeout_s=0.25), store=seeded_embedded)) as c:
        assert c.post("/cypher", json={"query": "RETURN 1"}).status_code == 200  # the engine's copy is built
        t0 = time.monotonic()
        r = c.post("/cypher", json={"query": "UNWIND range(1, 50000000) AS x RETURN count(x)"})
        elapsed = time.monotonic() - t0
    assert r.status_code == 400
    assert r.json()["detail"] == "query exceeded the 0.25 s limit; narrow it or raise POLICYKG_CYPHER_TIMEOUT_S"
    assert elapsed < 1.5


def test_an_empty_cypher_query_answers_as_a_blank_one(client):
    # a user walkthrough: "" answered 422 (the request model's min_length) where "   " answered 400
    for query in ("", "   "):
        r = client.post("/cypher", json={"query": query})
        assert (r.status_code, r.json()) == (400, {"detail": "the query is empty"}), query


def test_explorer_page_uses_only_local_assets(client):
    r = client.get("/explore")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    srcs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert "/assets/explore.js" in srcs and "/assets/vis-network.min.js" in srcs
    assert not [s for s in srcs if s.startswith(("http:", "https:", "//"))]
    config = re.search(r'<script id="config" type="application/json">(.*?)</script>', r.text, re.S).group(1)
    assert "<" not in config  # names travel as JSON with < escaped, never as markup
    for name in ("explore.js", "explore.css", "vis-network.min.js", "vis-network.css"):
        asset = client.get(f"/assets/{name}")
        assert asset.status_code == 200 and len(asset.content) > 1000
    assert client.get("/assets/..%2Fpages.py").status_code == 404
    assert client.get("/assets/secret.txt").status_code == 404


def test_every_script_the_explorer_loads_is_served_and_its_export_links_download(client):
    """explore.js, split by what each part does (session 63), loads its panel and helpers first; the panel's export
    links name each format /export writes, and each answers for a node with a file of it (where no browser is
    installed, the browser test of the links is skipped: this checks the wiring)."""
    page = client.get("/explore").text
    scripts = re.findall(r'<script src="/assets/([^"]+)"', page)
    assert scripts.index("common.js") < scripts.index("panel.js") < scripts.index("explore.js")
    for name in scripts:
        assert client.get(f"/assets/{name}").status_code == 200, name
    config = json.loads(re.search(r'<script id="config" type="application/json">(.*?)</script>', page, re.S).group(1))
    formats = [f["format"] for f in config["exportFormats"]]
    assert sorted(formats) == sorted(["graphml", "gexf", "csv", "jsonl", "neo4j-admin"])
    for fmt in formats:  # what a panel's link asks for: the node, the depth, the labels and types ticked
        r = client.get("/export", params={"format": fmt, "node": "Program:五星支部创建", "depth": 2,
                                          "labels": "Document,Body,Program,Goal", "types": "LEADS,SERVES,PART_OF,CITES"})
        assert r.status_code == 200 and "Program_五星支部创建-d2-labels_Body_Document_Goal_Program-types_CITES_LEADS_PART_OF_" \
            "SERVES." in unquote(r.headers["content-disposition"])
    panel = client.get("/assets/panel.js").text
    assert "config.exportFormats" in panel and "/export?" in panel


def test_the_explorer_offers_curation_only_where_the_server_takes_decisions(client, seeded):
    # an explorer walkthrough (session 57): decision controls appeared for any key typed, and every preview answered 403
    def page(c):
        text = c.get("/explore").text
        config = json.loads(re.search(r'<script id="config" type="application/json">(.*?)</script>', text, re.S).group(1))
        return config["curation"], re.search(r'<label title="POLICYKG_API_KEY[^>]*>', text).group(0)

    curation, field = page(client)  # POLICYKG_API_KEY unset
    assert curation is False and " hidden" in field
    with TestClient(create_app(Settings(api_key="k"), store=seeded)) as keyed:
        curation, field = page(keyed)
    assert curation is True and " hidden" not in field


def test_what_a_browser_walkthrough_ran_into(client):
    # a browser asks for /favicon.ico on every page: a 404 in its console each time
    assert client.get("/favicon.ico").status_code == 204
    # a typed or bookmarked address of a missing node: a page saying so to a browser, JSON to a program
    page = client.get("/entities/Program:没有这个/diffusion", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "没有这个" in page.text and 'href="/explore"' in page.text
    assert client.get("/entities/Program:没有这个/diffusion").json()["detail"]
    # and a parameter out of range (an explorer walkthrough, session 57: FastAPI's JSON 422 on the page)
    page = client.get("/nodes/Goal:乡村振兴/view", params={"depth": 9}, headers={"Accept": "text/html"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "depth: Input should be less than or equal to" in page.text and 'href="/explore"' in page.text
    assert client.get("/nodes/Goal:乡村振兴/view", params={"depth": 9}).json()["detail"][0]["loc"] == ["query", "depth"]
    # a neighbourhood's download was named like the whole graph's
    r = client.get("/export", params={"format": "jsonl", "node": "Program:红色物业"})
    disposition = r.headers["content-disposition"]
    assert 'filename="policykg-Program_____-d1.jsonl"' in disposition
    assert "filename*=UTF-8''policykg-Program_%E7%BA%A2%E8%89%B2%E7%89%A9%E4%B8%9A-d1.jsonl" in disposition
    assert 'filename="policykg.jsonl"' in client.get("/export", params={"format": "jsonl"}).headers["content-disposition"]
    # depth without a node exported the whole graph as if depth meant something there
    r = client.get("/export", params={"format": "jsonl", "depth": 2})
    assert r.status_code == 400 and "give node=" in r.json()["detail"]
    assert 'filename="policykg-Program_____-d2.jsonl"' in client.get(
        "/export", params={"format": "jsonl", "node": "Program:红色物业", "depth": 2}).headers["content-disposition"]
    # a document compared with itself answered "everything in both"
    r = client.get("/compare", params={"a": "Document:003_8ab235683617fdde", "b": "003_8ab235683617fdde",
                                       "format": "json"})
    assert r.status_code == 400 and "the same document" in r.json()["detail"]
    # one side only: the page offers its form, but JSON and CSV answered 200 with the page (a walkthrough, session 45)
    for fmt in ("json", "csv"):
        r = client.get("/compare", params={"a": "Document:003_8ab235683617fdde", "format": fmt})
        assert r.status_code == 400 and "needs both sides" in r.json()["detail"]
    assert client.get("/compare", params={"a": "Document:003_8ab235683617fdde"}).status_code == 200


def test_a_neighbourhood_export_chooses_labels_and_types_as_the_neighbourhood_does(client):
    # a walkthrough (session 62): /export?node=…&labels=Program,Goal&types=SERVES wrote every label and type, as the
    # parameters neighbourhood and view take were not read
    chosen = {"node": "Program:抓党建促乡村振兴", "depth": 2, "labels": "Program,Goal", "types": "SERVES"}
    sub = client.get("/nodes/Program:抓党建促乡村振兴/neighbourhood", params={k: v for k, v in chosen.items() if k != "node"})
    r = client.get("/export", params={**chosen, "format": "jsonl"})
    assert r.status_code == 200 and sub.status_code == 200
    rows = [json.loads(line) for line in r.text.splitlines()]
    entities = {n["id"] for n in rows if n["record"] == "node" and n.get("kind") != "source"}
    assert entities == {n["id"] for n in sub.json()["nodes"]} and len(entities) > 1
    assert {n["label"] for n in rows if n.get("id") in entities} == {"Program", "Goal"}
    assert {e["type"] for e in rows if e["record"] == "edge"} == {"SERVES"}
    full = client.get("/export", params={"format": "jsonl", "node": "Program:抓党建促乡村振兴", "depth": 2})
    assert len(full.text.splitlines()) > len(rows)
    r = client.get("/export", params={"format": "jsonl", "labels": "Goal"})
    assert r.status_code == 400 and "give a node too" in r.json()["detail"]
    assert client.get("/export", params={**chosen, "labels": "Gaol"}).status_code == 422


def test_a_mistyped_document_or_section_id_names_the_loaded_documents(client):
    # a walkthrough (session 62): /nodes/Document:gwr2025-浙江x answered "/search?q=… finds entities by name", which
    # finds no loaded document, where /documents/gwr2025-浙江x named the ids like it
    for path in ("/nodes/Document:003_8ab235683617fddX", "/nodes/Document:003_8ab235683617fddX/neighbourhood",
                 "/nodes/Section:003_8ab235683617fddX/2"):
        r = client.get(path)
        assert r.status_code == 404 and "loaded documents with ids like it: Document:003_8ab235683617fdde" in (
            r.json()["detail"]), path
    r = client.get("/nodes/Section:003_8ab235683617fdde/99")
    assert r.status_code == 404 and r.json()["detail"].endswith(
        "; Document:003_8ab235683617fdde holds no such section: its sections are listed by "
        "/documents/Document%3A003_8ab235683617fdde")
    assert client.get("/documents/Document:003_8ab235683617fdde").status_code == 200


def test_a_404_never_suggests_the_id_asked(client, seeded):
    """A loaded document's or a section's id asked of a route that takes an entity is no typing error: the answer says
    what the id is and suggests nothing (``/programs/Document:002_…/diffusion`` suggested Document:002_… itself, the
    document whose title is its id, and the section of a route was said to be missing)."""
    doc = "Document:002_f943a519de895b49"
    section = next(e["source"] for e in seeded.iter_edges(["MENTIONS"]) if e["doc_id"] == doc)
    assert client.get(f"/nodes/{section}").status_code == 200
    for asked in (doc, section):
        for route in ("/programs/{}/diffusion", "/programs/{}/related", "/entities/{}/diffusion"):
            r = client.get(route.format(asked), headers={"accept": "application/json"})
            detail = r.json()["detail"]
            assert r.status_code == 404 and "not an entity" in detail, (route, detail)
            # the addresses that show it (/nodes/…, /documents/…) name it; no suggestion does
            shown = detail.split("not an entity", 1)[1].replace(f"/nodes/{asked}", "").replace(f"/documents/{asked}", "")
            assert asked not in shown, (route, detail)
            assert "perhaps" not in detail and "like it" not in detail and "no such section" not in detail
    # a mistyped id still gets the ids like it, never itself
    r = client.get("/programs/Goal:乡村振兴x/diffusion")
    assert r.status_code == 404
    suggested = r.json()["detail"].split("; perhaps ", 1)[1].split(", ")
    assert "Goal:乡村振兴" in suggested and "Goal:乡村振兴x" not in suggested


def test_a_document_asked_by_its_file_stem_alone_is_named(client):
    # a walkthrough (session 66): /nodes/002_f943a519de895b49, the stem a user reads in a file listing, answered "no
    # node …; /search?q=… finds entities by name", as did /programs/{stem}/diffusion
    for route in ("/nodes/{}", "/programs/{}/diffusion", "/entities/{}/diffusion"):
        r = client.get(route.format("002_f943a519de895b49"), headers={"accept": "application/json"})
        assert r.status_code == 404, route
        assert r.json()["detail"].endswith("; Document:002_f943a519de895b49 is the loaded document of that name: "
                                           "/documents/Document:002_f943a519de895b49 shows it"), r.json()["detail"]


def test_a_comparison_or_a_concordance_is_saved_under_its_own_name(client):
    # a walkthrough (session 62): every comparison was saved as comparison.csv and every concordance as sentences.csv,
    # so a researcher's second download overwrote the first or became "comparison (1).csv"
    r = client.get("/compare", params={"a": "Document:002_f943a519de895b49", "b": "003_8ab235683617fdde",
                                       "format": "csv"})
    assert r.status_code == 200 and r.headers["content-disposition"] == (
        'attachment; filename="comparison-Document_002_f943a519de895b49-2022-003_8ab235683617fdde-2023.csv"; '
        "filename*=UTF-8''comparison-Document_002_f943a519de895b49-2022-003_8ab235683617fdde-2023.csv")
    r = client.get("/sentences", params={"q": "“五星”", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-disposition"] == (
        "attachment; filename=\"sentences-__.csv\"; filename*=UTF-8''sentences-%E4%BA%94%E6%98%9F.csv")


def test_related_entities_counted_within_the_documents_a_pattern_matches(client):
    # a walkthrough (session 62): /programs/{id}/related?documents=… was ignored (every document counted), where the
    # diffusion of the same entity keeps to the documents matched
    every = client.get("/programs/Goal:乡村振兴/related", params={"limit": 200})
    one = client.get("/programs/Goal:乡村振兴/related", params={"limit": 200, "documents": "003_*"})
    assert every.status_code == one.status_code == 200
    assert 0 < int(one.headers["X-Total-Count"]) < int(every.headers["X-Total-Count"])
    assert all(r["documents"] == 1 for r in one.json())
    mentioned = {e["id"] for h in client.get("/sentences", params={"q": "乡村振兴", "doc": "003_8ab235683617fdde",
                                                                     "limit": 1000}).json()["hits"]
                 for e in h["entities"]}
    assert {r["id"] for r in one.json() if r["sentences"]} <= mentioned  # the sentences of that document only
    r = client.get("/programs/Goal:乡村振兴/related", params={"documents": "zz*"})
    assert r.status_code == 400 and "'zz*'" in r.json()["detail"]


def test_a_year_is_refused_for_a_side_given_as_a_document(client):
    # a user walkthrough: two documents with year= answered 200, echoing the year it had ignored; and a place of one
    # document compared with itself was called "the same document"
    docs = {"a": "Document:002_f943a519de895b49", "b": "Document:003_8ab235683617fdde", "format": "json"}
    r = client.get("/compare", params={**docs, "year": 2022})
    assert r.status_code == 400 and r.json()["detail"] == ("year applies only when comparing places: a side given as a "
                                                           "document is compared whatever its year; leave it out")
    r = client.get("/compare", params={**docs, "year": 2022, "b_year": 2023})
    assert r.status_code == 400 and r.json()["detail"].startswith("year and b_year apply only when comparing places")
    r = client.get("/compare", params={"a": "**市", "b": docs["a"], "b_year": 2022, "format": "json"})
    assert r.status_code == 400 and r.json()["detail"].startswith("b_year applies only when comparing places")
    assert client.get("/compare", params={**docs, "year": ""}).status_code == 200  # the page's form: any year
    r = client.get("/compare", params={"a": "**市", "b": "**", "format": "json"})  # 001 is the only document of **市
    assert r.status_code == 400 and r.json()["detail"].startswith("'**市' and '**' are the same place; choose two")
    # the page keeps its form, the choices made and the reason above them (a walkthrough, session 55: the reason alone
    # replaced the page)
    r = client.get("/compare", params={"a": "**市", "b": "**"})
    assert r.status_code == 400 and "<form" in r.text and "are the same place; choose two" in r.text
    assert re.search(r'<option value="\*\*市" selected>', r.text)
    r = client.get("/compare", params={"a": "**市", "b": "没有的地方"})
    assert r.status_code == 404 and "<form" in r.text and "neither a loaded document id nor the place" in r.text
    # a year none of a place's documents is of is a wrong filter value, not a missing document: 400 naming the
    # parameter and the years there are (it answered 404)
    r = client.get("/compare", params={"a": "**市", "b": docs["b"], "year": 2022, "format": "json"})
    assert r.status_code == 400 and r.json()["detail"] == ("year=2022: no document of **市 is of 2022 (none of its "
                                                           "documents has a known year: leave year out)")
    r = client.get("/compare", params={"a": docs["b"], "b": "**市", "b_year": 2023})
    assert r.status_code == 400 and "<form" in r.text and "b_year=2023: no document of **市 is of 2023" in r.text

def test_the_api_docs_load_from_the_server_itself(client):
    # /docs fetched Swagger UI from cdn.jsdelivr.net: a blank page offline, linked from the overview all the same
    page = client.get("/docs").text
    scripts = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert scripts and all(s.startswith("/") for s in scripts), scripts
    assert all(client.get(s).status_code == 200 for s in scripts if not s.endswith(".png"))
    assert "swagger-ui-bundle.js" in page and client.get("/openapi.json").json()["info"]["title"] == "policykg"


def test_a_rejected_long_value_is_not_echoed_whole(client):
    # a walkthrough (session 47): a 422 answer repeated a 10,000-character query in full
    r = client.get("/search", params={"q": "乡" * 5_000})
    assert r.status_code == 422 and len(r.text) < 2_000 and "5,000 characters" in r.text
    assert client.get("/search", params={"q": ""}).status_code == 422


