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
    page.route("**/nodes/Goal%3A%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4",
               lambda route: route.continue_(url=route.request.url + "?mention_limit=10"))
    page.goto(server + "/explore")
    page.wait_for_function("() => window.policykg && window.policykg.showNode")
    page.evaluate(f"() => window.policykg.showNode({RURAL!r})")
    page.wait_for_function("() => document.querySelectorAll('#panel .sentence').length > 0")
    head = page.locator("#panel h3", has_text="Sentences")
    total = len(every["mentions"])
    assert total > 20 and head.inner_text().endswith(f"in the first 10 of {total} mentions)")
    links = page.locator("#panel h3:has-text('Documents') + ul li a")
    assert links.count() == len(every["first_mention_by_document"]) >= 5
    assert all(links.nth(i).get_attribute("href").endswith(f"#at-{every['first_mention_by_document'][doc]}")
               for i, doc in enumerate(every["forms_by_document"]))
    for read in range(10, total, 10):  # the button says what is left and brings the next page
        step = min(10, total - read)
        said = f"show {step} more mention{'s' if step > 1 else ''} ({total - read} not shown)"
        page.wait_for_function("said => document.querySelector('#panel .more-mentions button')?.textContent === said",
                               arg=said)
        page.locator("#panel .more-mentions button").click()
    page.wait_for_function("() => !document.querySelector('#panel .more-mentions button')")
    assert head.inner_text() == f"Sentences ({len(sentences)})"
    assert page.locator("#panel .sentence").count() == len(sentences)
    assert not page.errors, page.errors
