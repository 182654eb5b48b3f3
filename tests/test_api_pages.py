"""A client walks every list of the API page by page (``offset`` and ``limit``) and gets the whole list, in order,
once; a dashboard on another origin reads the counting headers; the curation route names no server path
(a walkthrough of an API client, session 59)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.settings import Settings


def _walk(client, path: str, params: dict, page: int, key=lambda row: row["id"]) -> list:
    """Every row of a list endpoint, read ``page`` at a time until a page is short."""
    rows, offset = [], 0
    for _ in range(1000):  # a server that ignores offset gives the first page for ever
        r = client.get(path, params={**params, "limit": page, "offset": offset})
        assert r.status_code == 200, r.text
        rows += [key(x) for x in r.json()]
        if len(r.json()) < page:
            return rows
        offset += page
    raise AssertionError(f"{path}: no short page after 1,000 pages of {page}")


@pytest.mark.parametrize(("path", "params", "most"), [
    ("/diffusion", {"min_documents": 1}, 10_000),
    ("/analytics/central", {"label": "Program"}, 1000),
    ("/analytics/central", {"label": "Goal", "measure": "pagerank"}, 1000),
    ("/analytics/communities", {"label": "Program", "members": 1}, 1000),
    ("/programs/Program:红色物业/related", {"label": "Program"}, 200),
])
def test_a_list_walked_page_by_page_is_the_whole_list_once_in_order(client, path, params, most):
    whole = client.get(path, params={**params, "limit": most})
    assert whole.status_code == 200
    total = int(whole.headers["X-Total-Count"])
    assert total == len(whole.json()) > 7  # the seeds' lists are shorter than the most a page takes
    key = (lambda row: row["members"][0]["id"]) if "communities" in path else (lambda row: row["id"])
    assert _walk(client, path, params, 7, key) == [key(x) for x in whole.json()]
    if "communities" in path:  # a community's id is its place in the whole list, on every page
        page = client.get(path, params={**params, "limit": 3, "offset": 5}).json()
        assert [c["id"] for c in page] == [5, 6, 7]
    past = client.get(path, params={**params, "offset": total})
    assert past.status_code == 200 and past.json() == [] and past.headers["X-Total-Count"] == str(total)


def test_a_name_search_walked_page_by_page_is_the_whole_search_once(client):
    whole = client.get("/search", params={"q": "党", "limit": 200})
    assert whole.status_code == 200 and whole.headers["X-Truncated"] == "false"
    ids = [x["id"] for x in whole.json()]
    assert len(ids) > 10
    assert _walk(client, "/search", {"q": "党"}, 4) == ids
    page = client.get("/search", params={"q": "党", "limit": 4, "offset": 4})
    assert page.headers["X-Truncated"] == "true" and [x["id"] for x in page.json()] == ids[4:8]
    r = client.get("/search", params={"q": "党", "offset": 1000})
    assert r.status_code == 422 and "offset" in r.text


def test_a_page_on_another_origin_reads_the_counting_headers_and_may_curate(seeded_embedded):
    settings = Settings(cors_origins=["http://dash.example"], api_key="k")
    with TestClient(create_app(settings, store=seeded_embedded)) as c:
        r = c.get("/diffusion", params={"limit": 2}, headers={"Origin": "http://dash.example"})
        assert r.headers["access-control-allow-origin"] == "http://dash.example"
        exposed = {h.strip().lower() for h in r.headers["access-control-expose-headers"].split(",")}
        assert {"x-total-count", "x-truncated", "link", "content-disposition"} <= exposed
        pre = c.options("/curation/d1", headers={"Origin": "http://dash.example", "Access-Control-Request-Method":
                                                 "DELETE", "Access-Control-Request-Headers": "x-api-key"})
        assert pre.status_code == 200, pre.text
        assert "DELETE" in pre.headers["access-control-allow-methods"]
        assert "x-api-key" in pre.headers["access-control-allow-headers"].lower()
        other = c.get("/diffusion", headers={"Origin": "http://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_the_curation_list_names_its_file_not_where_the_server_keeps_it(seeded_embedded, tmp_path):
    settings = Settings(data_dir=tmp_path / "secret-place")
    with TestClient(create_app(settings, store=seeded_embedded)) as c:
        answer = c.get("/curation").json()
    assert answer["file"] == "curation.toml" and "secret-place" not in str(answer)


def test_a_parameter_left_blank_is_a_parameter_not_given(client):
    """What a dashboard's form sends for a field left blank: each route had read it its own way (422, 404, or as
    absent)."""
    def same(path, blank, **given):
        a, b = client.get(path, params={**given, **blank}), client.get(path, params=given)
        assert a.status_code == b.status_code == 200, (path, a.text)
        assert a.json() == b.json(), path

    same("/sentences", {"year": "", "doc": "", "label": ""}, q="党建")
    same("/search", {"label": ""}, q="党")
    same("/diffusion", {"label": "", "documents": ""})
    r = client.get("/sentences", params={"q": "", "year": ""})
    assert r.status_code == 422 and "q" in r.text  # a required one left blank is missing
    r = client.get("/sentences?q=%E5%85%9A%E5%BB%BA&year=&limit=3")  # the others keep their encoded values
    assert r.status_code == 200 and all("党建" in h["match"] for h in r.json()["hits"])


def test_the_openapi_description_says_what_each_error_is_sent_as(seeded_embedded):
    with TestClient(create_app(Settings(), store=seeded_embedded)) as c:
        paths = c.get("/openapi.json").json()["paths"]
    view = paths["/nodes/{node_id}/view"]["get"]["responses"]["404"]["content"]
    assert view["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorResponse"}
    assert view["text/html"] == {"schema": {"type": "string"}}  # a page, to a request accepting text/html first
    assert {"404", "409"}.isdisjoint(paths["/health"]["get"]["responses"])
    assert "409" not in paths["/curation"]["get"]["responses"] and "409" in paths["/curation/{action}"]["post"]["responses"]


def test_a_document_id_too_long_to_be_one_is_refused_without_echoing_it(client):
    for path in ("/documents/", "/read/"):
        r = client.get(path + "文" * 2_000)
        assert r.status_code == 422 and "文" * 400 not in r.text, path  # a 50,000-character id had come back whole


@pytest.mark.parametrize(("value", "origins"), [
    ("http://dash.example", ["http://dash.example"]),  # stopped every command with "error parsing value"
    ("http://dash.example, https://other.example", ["http://dash.example", "https://other.example"]),
    ('["http://dash.example"]', ["http://dash.example"]),
])
def test_the_cors_origins_are_read_as_a_user_writes_them(monkeypatch, value, origins):
    monkeypatch.setenv("POLICYKG_CORS_ORIGINS", value)
    assert Settings().cors_origins == origins


def test_the_communities_are_found_once_for_every_page_of_them(client, seeded, monkeypatch):
    from policykg.graph import centrality

    if seeded.name != "embedded":
        pytest.skip("the entity view of a Neo4j store is built for each request (other processes may write to it)")

    calls = []
    real = centrality._louvain
    monkeypatch.setattr(centrality, "_louvain", lambda g, r: calls.append(r) or real(g, r))
    pages = [client.get("/analytics/communities", params={"label": "Goal", "members": 2, "limit": 3, "offset": o})
             for o in (0, 3, 6)]
    assert all(p.status_code == 200 and len(p.json()) == 3 for p in pages)
    assert len(calls) <= 1  # none when an earlier request of the view found them (each page had run Louvain again)
