"""``GET /nodes/{id}`` lists a node's mentions a page at a time, and the explorer's panel reads them page by page.

Body:企业 over the national and provincial reports and congress reports has 1,946 mentions, which came back whole
(744 KB); the answer now holds ``mention_limit`` of them (50 by default) from ``mention_offset`` on, with
``mention_total``, and where each document first mentions the node (``first_mention_by_document``), which the panel
had read from the mentions.  Goal:乡村振兴 is written 25 times in the five seeds.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.graph.embedded import EmbeddedStore
from policykg.settings import Settings

RURAL = "Goal:乡村振兴"


def test_the_mentions_of_a_node_come_a_page_at_a_time(client, seeded):
    every = seeded.get_node(RURAL)["mentions"]
    assert len(every) == 25
    pages = [client.get(f"/nodes/{RURAL}", params={"mention_limit": 10, "mention_offset": offset}).json()
             for offset in (0, 10, 20, 30)]
    assert [len(p["mentions"]) for p in pages] == [10, 10, 5, 0]
    assert [m for p in pages for m in p["mentions"]] == every  # in order, each once
    assert {(p["mention_total"], p["mention_limit"]) for p in pages} == {(25, 10)}
    assert [p["mention_offset"] for p in pages] == [0, 10, 20, 30]
    # where each document first mentions it, over every mention, whatever the page
    first = {}
    for m in every:
        first[m["doc_id"]] = min(first.get(m["doc_id"], m["start"]), m["start"])
    assert all(p["first_mention_by_document"] == first for p in pages) and len(first) == 5
    assert set(first) == set(pages[3]["forms_by_document"])
    whole = client.get(f"/nodes/{RURAL}").json()  # under the default page: every mention
    assert whole["mentions"] == every and whole["mention_limit"] == 50
    for bad in ({"mention_limit": 0}, {"mention_offset": -1}, {"mention_limit": 10_001}):
        r = client.get(f"/nodes/{RURAL}", params=bad)
        assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == next(iter(bad))
    # the redirect from a name keeps the page asked for
    r = client.get("/nodes/Goal:乡村振兴战略", params={"mention_limit": 3}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].endswith("?mention_limit=3")


def test_a_node_written_in_many_documents_answers_a_page_of_its_mentions(reports_data):
    """高质量发展 over the 25 provincial reports: 176 mentions, 50 listed, the others a request away."""
    store = EmbeddedStore(reports_data, read_only=True)
    try:
        every = store.get_node("Goal:高质量发展")["mentions"]
        with TestClient(create_app(Settings(), store=store)) as client:
            r = client.get("/nodes/" + quote("Goal:高质量发展"))
            last = client.get("/nodes/" + quote("Goal:高质量发展"), params={"mention_offset": len(every) - 1})
    finally:
        store.close()
    assert len(every) > 150
    answer = r.json()
    assert answer["mentions"] == every[:50] and answer["mention_total"] == len(every)
    assert len(answer["first_mention_by_document"]) == len(answer["forms_by_document"]) > 20
    assert last.json()["mentions"] == every[-1:]


def test_the_panel_reads_the_mentions_page_by_page(server, page):
    """A node's panel shows the sentences of the first page of its mentions, says how many mentions are not shown,
    and a button brings the next page; each document still opens at its first mention."""
    import httpx

    every = httpx.get(server + "/nodes/" + quote(RURAL), params={"mention_limit": 1000}).json()
    sentences = {(m["doc_id"], m["section_id"], m["sentence"]) for m in every["mentions"]}
    # pages of 10 (the seeds' nodes have fewer mentions than the default page holds)
    _show_rural(page, server, "mention_limit=10", "#panel .sentence")
    head = page.locator("#panel h3", has_text="Sentences")
    total = len(every["mentions"])
    assert total > 20 and head.inner_text().endswith(f"in the first 10 of {total} mentions)")
    links = page.locator("#panel h3:has-text('Documents') + ul li a")
    assert links.count() == len(every["first_mention_by_document"]) >= 5
    assert all(links.nth(i).get_attribute("href").endswith(f"#at-{every['first_mention_by_document'][doc]}")
               for i, doc in enumerate(every["forms_by_document"]))
    _read_every_page(page, "mention", total, 10)  # the button says what is left and brings the next page
    assert head.inner_text() == f"Sentences ({len(sentences)})"
    assert page.locator("#panel .sentence").count() == len(sentences)
    assert not page.errors, page.errors


def test_what_a_node_says_per_document_comes_a_page_of_documents_at_a_time(client, seeded):
    """Goal:乡村振兴 is written in the five seeds: ``merged_by`` (why each document joined the node),
    ``forms_by_document``, ``merges_by_document`` and ``first_mention_by_document`` had one entry per document, every
    one whatever was asked (Body:企业 over the 96 national and provincial reports: 96 of each); they come
    ``document_limit`` documents at a time from ``document_offset`` on, by document id, with ``document_total``."""
    whole = seeded.get_node(RURAL)
    docs = sorted(whole["forms_by_document"])
    assert len(docs) == 5 and len(whole["node"]["merged_by"]) == 4  # the first document made it: no entry
    pages = [client.get(f"/nodes/{RURAL}", params={"document_limit": 2, "document_offset": offset}).json()
             for offset in (0, 2, 4, 6)]
    assert [list(p["forms_by_document"]) for p in pages] == [docs[0:2], docs[2:4], docs[4:], []]
    assert {(p["document_total"], p["document_limit"]) for p in pages} == {(5, 2)}
    assert [p["document_offset"] for p in pages] == [0, 2, 4, 6]
    # each page says why its own documents joined the node, and together the pages say it of every document
    for p in pages:
        assert {m.rpartition(" ")[0] for m in p["node"]["merged_by"]} <= set(p["forms_by_document"])
        assert set(p["first_mention_by_document"]) == set(p["forms_by_document"])
        assert set(p["merges_by_document"]) <= set(p["forms_by_document"])
    assert [m for p in pages for m in p["node"]["merged_by"]] == whole["node"]["merged_by"]
    assert {d: f for p in pages for d, f in p["forms_by_document"].items()} == whole["forms_by_document"]
    # the mentions are paged by their own parameters, not by the documents'
    assert pages[3]["mentions"] == whole["mentions"] and pages[3]["mention_total"] == 25
    default = client.get(f"/nodes/{RURAL}").json()  # under the default page of 50 documents: every one
    assert default["forms_by_document"] == whole["forms_by_document"] and default["document_limit"] == 50
    for bad in ({"document_limit": 0}, {"document_offset": -1}):
        r = client.get(f"/nodes/{RURAL}", params=bad)
        assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == next(iter(bad))
    r = client.get("/nodes/Goal:乡村振兴战略", params={"document_limit": 3}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].endswith("?document_limit=3")


def test_a_node_of_many_reports_answers_a_page_of_its_documents(reports_data):
    """高质量发展 over the 25 provincial reports is written in more than 20 of them: a page of 10 documents says
    what those 10 wrote, and the answer is smaller by what the others wrote."""
    store = EmbeddedStore(reports_data, read_only=True)
    try:
        whole = store.get_node("Goal:高质量发展")
        with TestClient(create_app(Settings(), store=store)) as client:
            every = client.get("/nodes/" + quote("Goal:高质量发展"))
            paged = client.get("/nodes/" + quote("Goal:高质量发展"), params={"document_limit": 10})
    finally:
        store.close()
    docs = sorted(whole["forms_by_document"])
    assert len(docs) > 20
    answer = paged.json()
    assert answer["document_total"] == len(docs) and list(answer["forms_by_document"]) == docs[:10]
    assert len(answer["first_mention_by_document"]) == 10 and len(answer["node"]["merged_by"]) >= 9
    assert {m.rpartition(" ")[0] for m in answer["node"]["merged_by"]} <= set(docs[:10])
    assert every.json()["node"]["merged_by"] == whole["node"]["merged_by"]  # 50 by default: all of them
    assert len(paged.content) < len(every.content)


def test_the_panel_lists_the_documents_page_by_page(server, page):
    """A node's panel lists the documents of the first page, says how many documents there are and how many are not
    shown, and a button brings the next page, each document still opening at its first mention."""
    import httpx

    every = httpx.get(server + "/nodes/" + quote(RURAL), params={"document_limit": 1000}).json()
    first = every["first_mention_by_document"]
    total = len(every["forms_by_document"])
    _show_rural(page, server, "document_limit=2", "#panel .more-documents button")
    assert page.locator("#panel h3", has_text="Documents").inner_text() == f"Documents ({total})"
    links = page.locator("#panel h3:has-text('Documents') + ul li a")
    assert links.count() == 2
    _read_every_page(page, "document", total, 2)
    assert links.count() == total
    assert [links.nth(i).get_attribute("href").rpartition("#at-")[2] for i in range(total)] == [
        str(first[doc]) for doc in sorted(every["forms_by_document"])]
    assert not page.errors, page.errors


def _show_rural(page, server, query: str, shown: str) -> None:
    """Open the explorer and Goal:乡村振兴's panel, its first request for the node given ``query`` (pages smaller than
    the seeds' lists), and wait until ``shown`` (a CSS selector) is in the panel."""
    page.route("**/nodes/Goal%3A%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4",
               lambda route: route.continue_(url=route.request.url + "?" + query))
    page.goto(server + "/explore")
    page.wait_for_function("() => window.policykg && window.policykg.showNode")
    page.evaluate(f"() => window.policykg.showNode({RURAL!r})")
    page.wait_for_function(f"() => document.querySelectorAll({shown!r}).length > 0")


def _read_every_page(page, noun: str, total: int, limit: int) -> None:
    """Click the panel's button for more ``noun``s (mention, document) page after page of ``limit``, checking it says
    how many are left each time, until no button is left."""
    button = f"#panel .more-{noun}s button"
    for read in range(limit, total, limit):
        step = min(limit, total - read)
        said = f"show {step} more {noun}{'s' if step > 1 else ''} ({total - read} not shown)"
        page.wait_for_function(f"said => document.querySelector({button!r})?.textContent === said", arg=said)
        page.locator(button).click()
    page.wait_for_function(f"() => !document.querySelector({button!r})")
