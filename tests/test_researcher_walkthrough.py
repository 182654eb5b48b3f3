"""What a researcher's walkthrough of the pages over the reports ran into (session 65): a diffusion scoped to documents
that do not mention the entity said "0 documents ; first adopter: unknown (no year)" over a table of headers alone; a
document's row on the diffusion page opened the reader at the top of the report, not at the sentence; the overview
said "most mentioned" over lists ordered by documents; the rows of ``/programs/{id}/related`` alone of the API's
lists had no ``label``."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx


def _summary(page: str) -> str:
    """The text of a diffusion page's ``#summary`` paragraph, tags dropped and spaces folded."""
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", "", page.split('<p id="summary">', 1)[1].split("</p>", 1)[0])).strip()


def test_a_diffusion_page_whose_documents_kept_do_not_mention_it_says_so(client):
    every = client.get("/programs/Program:红色物业/diffusion").json()
    assert {d["year"] for d in every["documents"]} == {2022, None}  # the seeds: one of 2022, one of unknown year
    assert client.get("/documents", params={"year": 2023}).status_code == 200  # a year of another seed
    r = client.get("/entities/Program:红色物业/diffusion", params={"year": 2023})
    assert r.status_code == 200
    summary = _summary(r.text)
    assert summary.startswith("No document of those kept (below) mentions it as an extracted entity"), summary
    assert "unknown (no year)" not in r.text and "No document of known year uses it" not in r.text
    assert 'id="adoption"' not in r.text  # no table of headers alone
    assert "Counted within the 1 document of 2023" in re.sub(r"\s+", " ", r.text)
    assert _summary(client.get("/entities/Program:红色物业/diffusion").text).startswith("2 documents")


def test_the_overview_says_its_lists_are_ordered_by_documents(client):
    page = client.get("/").text
    assert "Program: in the most documents" in page and "most mentioned" not in page


def test_a_diffusion_rows_document_opens_the_reader_at_the_sentence_naming_it(server, page):
    """From the diffusion page to the sentence: each document's link lands on the sentence of its first mention."""
    page.goto(server + "/entities/" + quote("Goal:乡村振兴") + "/diffusion")
    rows = page.locator("#adoption tr:has(td)")
    assert rows.count() == 6  # the five seeds and the document of script payloads (explorer_server.py)
    for i in range(rows.count()):
        href = rows.nth(i).locator("a").get_attribute("href")
        assert re.search(r"#at-\d+$", href), href  # it was /read/<id>, the top of the document
    row = rows.nth(0)
    forms = row.locator("td").nth(4).inner_text().split(" ｜ ")
    row.locator("a").click()
    page.wait_for_function("() => location.pathname.startsWith('/read/') && location.hash.startsWith('#s-')")
    target = page.evaluate("() => document.getElementById(location.hash.slice(1)).textContent")
    page.shot("reader-at-first-mention")
    assert any(f in target for f in forms), (forms, target)
    assert not page.errors, page.errors


def test_the_related_rows_say_their_label_as_every_other_list_does(client):
    related = client.get("/programs/Program:红色物业/related", params={"label": "Goal", "limit": 200})
    assert related.status_code == 200 and related.json()
    assert all(row["label"] == "Goal" and row["id"].startswith("Goal:") for row in related.json())
    assert list(related.json()[0])[:3] == ["id", "label", "name"]
    for path, params in (("/diffusion", {"label": "Goal"}), ("/analytics/central", {"label": "Goal"}),
                         ("/search", {"q": "乡村", "label": "Goal"})):
        assert {"id", "label", "name"} <= set(client.get(path, params=params).json()[0]), path
    bodies = client.get("/programs/Program:红色物业/related", params={"label": "Body"}).json()
    assert bodies and {row["label"] for row in bodies} == {"Body"}


def _lands_on_a_sentence_naming(page, names: list[str]) -> None:
    """Wait until the reader shows a sentence (``#s-<start>`` from ``#at-<offset>``); assert it writes one of
    ``names``."""
    page.wait_for_function("() => location.pathname.startsWith('/read/') && location.hash.startsWith('#s-')")
    target = page.evaluate("() => document.getElementById(location.hash.slice(1)).textContent")
    assert any(n in target for n in names), (names, target)


def test_a_dot_of_the_diffusion_chart_and_a_document_of_the_explorers_panel_open_at_the_sentence(server, page):
    page.goto(server + "/entities/" + quote("Goal:乡村振兴") + "/diffusion")
    page.wait_for_function("() => window.policykgChart && window.policykgChart.getDatasetMeta(0).data.length")
    box = page.locator("#chart").bounding_box()
    dot = page.evaluate("() => { const c = window.policykgChart, e = c.getDatasetMeta(0).data[0];"
                        " return [e.x, e.y, c.data.datasets[0].data[0].forms]; }")
    page.mouse.click(box["x"] + dot[0], box["y"] + dot[1])
    _lands_on_a_sentence_naming(page, dot[2])  # the dot opened the document's top

    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴"))
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '乡村振兴'")
    item = page.locator("#panel h3:text-is('Documents (6)') + ul li").first
    assert "#at-" in item.locator("a").get_attribute("href")  # it was /read/<id>
    forms = item.locator("span").inner_text().removeprefix(" — ").removeprefix("— ").split(" ｜ ")
    item.locator("a").click()
    _lands_on_a_sentence_naming(page, forms)
    assert not page.errors, page.errors


def test_a_pyvis_view_leads_to_the_explorer_and_the_sentences_behind_its_node(server, page):
    page.goto(server + "/nodes/" + quote("Program:红色物业") + "/view")
    page.locator("#explore-link").click()  # the view linked the overview alone
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '红色物业'")
    with page.context.expect_page() as opened:  # the explorer opens the reader in a new tab
        page.locator("#panel a", has_text="read in the document").first.click()
    _lands_on_a_sentence_naming(opened.value, ["红色物业"])
    page.goto(server + "/nodes/" + quote("Program:红色物业") + "/view")
    diffusion = page.locator("#diffusion-link").get_attribute("href")
    assert httpx.get(server + diffusion).status_code == 200
    page.goto(server + "/nodes/" + quote("Document:002_f943a519de895b49") + "/view")
    assert page.locator("#explore-link").count() == 1 and page.locator("#diffusion-link").count() == 0
    assert not page.errors, page.errors


def test_the_overview_splits_its_documents_into_loaded_and_cited(client):
    # "Document 859" over 96 reports loaded: the 763 documents they cite were counted as if loaded
    loaded, cited = client.get("/stats").json()["documents"].values()
    assert cited > 0
    page = client.get("/").text
    assert f'<span class="muted" id="documents-split">({loaded} loaded, {cited} cited)</span>' in page


def test_a_monitor_asks_the_health_with_head(client):
    r = client.head("/health")
    assert r.status_code == 200 and r.content == b""  # 405 Method Not Allowed
    assert client.get("/health").json()["status"] == "ok"
