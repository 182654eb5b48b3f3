"""The explorer offers the entities a name several entities have or write (the API's 300 Multiple Choices), in a real
browser (headless Chromium through Playwright; skipped, with the reason, where either is missing).

Over 云南's and 青海's 2025 reports (loaders/training/texts) 民族团结进步 is the id of a Goal (云南) and a name
Program:民族团结进步创建 (青海) writes, as tests/test_name_choice.py reads them.  The explorer asked for such a name
(``/explore?node=民族团结进步``, a bookmark, an address typed) showed the server's sentence listing the ids, which a
researcher copied by hand; each entity is now a link opening it as the search does.  Screenshots go to
tests/screenshots/<test name>/.

The status above the graph read "0 nodes, 0 edges shown" after such a name, and after a name no entity has, as though
the store were empty (session 71): it says what happened.  A name no entity has (民族团结誓词碑, which 云南's report
writes: 弘扬民族团结誓词碑光荣传统) offers the entities like it as links too, and the sentences writing it.  The pages a
browser opens by a name (/nodes/{name}/view, /entities/{name}/diffusion) and the JSON the explorer reads are tested
without a browser (httpx against the same server).

Before any focus the status read "0 nodes, 0 edges shown" too: it counts the store's entities and says where to start.
An id nothing is like (Goal:云南省: no Goal is) had the panel say the API's "/search?q=… finds entities by name": it
offers the explorer's own search box, which finds Body:云南省委.  The page a browser got for a name no entity has gave
the entities like it as ids inside its sentence: they are links, as a page of choices gives them.

That page still said "/search?q=… finds entities by name" where nothing is like the name: it links the explorer with
the name in its search box (``/explore?q=``).  Its links to the entities like it dropped the query asked (a diffusion
within ``documents=gwr2025-*`` linked the whole one) and gave an export's node page: they keep the query, the
export's entity in its ``node=``, as the 307 from a name to an export now keeps every ``documents=`` (it kept the last).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import httpx
import pytest
from explorer_server import serve, wait_stable

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

TEXTS = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"
TWO = "民族团结进步"
GOAL, PROGRAM = "Goal:民族团结进步", "Program:民族团结进步创建"
NONE = "民族团结誓词碑"  # written in 云南's report, no entity's name


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("choices-data")
    store = EmbeddedStore(data)
    assert not load_paths(store, [TEXTS / "gwr2025-云南.txt", TEXTS / "gwr2025-青海.txt"], progress=False).failed
    store.close()
    yield from serve(data)


def _node(page) -> list[str]:
    return parse_qs(urlparse(page.url).query).get("node", [])


def test_a_name_of_several_entities_offers_each_and_a_click_opens_it(page, server):
    page.goto(server + "/explore?node=" + quote(TWO))
    choices = page.locator("#panel .choices li")
    choices.first.wait_for()  # the old page showed the server's sentence alone, as an error
    assert page.locator("#panel .error").count() == 0
    assert f"{TWO} is the name or an alias of 2 entities; none was taken. Choose one:" in \
        page.locator("#panel .choices-head").inner_text()
    # most documented first (one document each here: then by id), each its label, name and document count
    assert [li.get_attribute("data-id") for li in choices.all()] == [GOAL, PROGRAM]
    # the status says it, where it read "0 nodes, 0 edges shown" as for an empty store
    assert page.locator("#status").inner_text() == \
        f"{TWO} is the name or an alias of 2 entities: none is drawn; choose one in the side panel"
    assert [t.replace("\n", " ").split() for t in choices.all_inner_texts()] == [
        ["Goal", "民族团结进步", "1", "doc."], ["Program", "民族团结进步创建", "1", "doc."]]
    assert choices.nth(1).locator("a").get_attribute("href") == "?node=" + quote(PROGRAM, safe="")
    page.shot("choices")

    choices.nth(1).locator("a").click()  # opens the Program as a suggestion chosen from the search does
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '民族团结进步创建'")
    wait_stable(page)
    assert page.evaluate("() => window.policykg.focusId()") == PROGRAM
    assert PROGRAM in page.evaluate("() => window.policykg.nodesView.getIds()")
    assert _node(page) == [PROGRAM]  # a new entry of the history, as a focus from the search is
    assert "民族团结进步" in page.locator("#panel .sentence").first.inner_text()
    assert page.locator("#status").inner_text().startswith("2 nodes, 1 edges shown")  # the counts again, of a graph
    page.shot("chosen")

    page.go_back()  # Back gives the choice again, and the other entity is one click away
    page.wait_for_function("() => document.querySelectorAll('#panel .choices li').length === 2")
    assert _node(page) == [TWO]
    page.locator(f"#panel .choices li[data-id='{GOAL}'] a").click()
    page.wait_for_function("() => document.querySelector('#panel .tag')?.textContent === 'Goal'"
                           " && document.querySelector('#panel h2')?.textContent === '民族团结进步'")
    assert page.evaluate("() => window.policykg.focusId()") == GOAL and _node(page) == [GOAL]
    assert not page.errors, page.errors


def test_an_id_of_no_entity_is_still_said_as_the_servers_sentence(page, server):
    # every other error is shown as before: its sentence, no choice
    page.goto(server + "/explore?node=" + quote("Program:民族团结进步没有"))
    page.locator("#panel .error").wait_for()
    assert page.locator("#panel .choices li").count() == 0
    assert "民族团结进步没有" in page.locator("#panel .error").inner_text()
    assert page.locator("#status").inner_text() == ("no entity has the id Program:民族团结进步没有: nothing is drawn; "
                                                    "the side panel lists names like it")
    assert not page.errors, page.errors


def test_a_name_of_no_entity_says_so_and_offers_the_names_like_it_and_the_sentences_writing_it(page, server):
    page.goto(server + "/explore?node=" + quote(NONE))
    page.locator("#panel .error").wait_for()
    assert page.locator("#status").inner_text() == \
        f"no entity is named {NONE}: nothing is drawn; the side panel lists names like it"  # was "0 nodes, 0 edges"
    assert "warn" in page.locator("#status").get_attribute("class")
    # the server's sentence names no id nobody gave ("no node with id '民族团结誓词碑'")
    assert page.locator("#panel .error").inner_text().startswith(f"no entity named '{NONE}'; perhaps Goal:民族团结")
    like = page.locator("#panel .suggestions li")
    assert [li.get_attribute("data-id") for li in like.all()] == ["Goal:民族团结"]
    assert like.first.inner_text().replace("\n", " ").split() == ["Goal", "民族团结", "1", "doc."]
    page.locator("#panel button.find-sentences").click()  # the concordance, as policykg sentences NAME
    page.wait_for_function("() => document.querySelectorAll('#sent-result .hit').length > 0")
    assert page.locator("#sent-q").input_value() == NONE
    assert "弘扬民族团结誓词碑光荣传统" in page.locator("#sent-result").inner_text()
    page.shot("missing")

    like.first.locator("a").click()  # opens the entity as a suggestion of the search does
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '民族团结'")
    assert page.evaluate("() => window.policykg.focusId()") == "Goal:民族团结" and _node(page) == ["Goal:民族团结"]
    assert "nothing is drawn" not in page.locator("#status").inner_text()
    assert not page.errors, page.errors


# ------------------------------------------------------------ without a browser: what the server gives the explorer


def test_a_name_of_no_entity_is_answered_with_the_entities_like_it_on_every_route_taking_a_name(server):
    for route in ("/nodes/{}", "/nodes/{}/neighbourhood", "/programs/{}/diffusion", "/programs/{}/related",
                  "/programs/{}/facts", "/entities/{}/diffusion"):
        r = httpx.get(server + route.format(quote(NONE)))
        assert r.status_code == 404, route
        body = r.json()  # the name asked is no id: it said "no node with id '民族团结誓词碑'"
        assert body["detail"].startswith(f"no entity named '{NONE}'; perhaps Goal:民族团结"), (route, body)
        # each with its address, as a 300's candidates (it had none: session 72)
        assert body["suggestions"] == [{"id": "Goal:民族团结", "label": "Goal", "name": "民族团结", "documents": 1,
                                        "address": route.format(quote("Goal:民族团结", safe=":"))}]
    r = httpx.get(server + "/nodes/" + quote("Program:民族团结进步没有"))  # an id: said as an id, with its suggestions
    assert r.status_code == 404 and r.json()["detail"].startswith("no node with id 'Program:民族团结进步没有'; perhaps")
    assert [s["id"] for s in r.json()["suggestions"]] == [PROGRAM]
    r = httpx.get(server + "/nodes/" + quote("无此名称之实体"))  # nothing like it: nothing to offer
    assert r.status_code == 404 and "suggestions" not in r.json()


def test_a_browser_opening_a_page_by_a_name_of_several_entities_can_open_each_in_the_explorer(server):
    for route in ("/nodes/{}/view", "/entities/{}/diffusion"):
        page = httpx.get(server + route.format(quote(TWO)), headers={"Accept": "text/html"})
        assert page.status_code == 300 and page.headers["content-type"].startswith("text/html")
        # said as the explorer's panel says it, each entity's page and its explorer one click away, and the way back
        # to the explorer as on every other page a refusal gives a browser (there was none)
        assert f"{TWO} is the name or an alias of 2 entities; none was taken. Choose one:" in page.text
        for nid in (GOAL, PROGRAM):
            assert f'href="{route.format(quote(nid, safe=":"))}' in page.text
            assert f">{nid}</a> ({nid.partition(':')[0]}, 1 document)" in page.text
            assert f'<a href="/explore?node={quote(nid, safe="")}">explore</a>' in page.text
        assert '<a href="/explore">explore</a> · <a href="/">overview</a>' in page.text


# ------------------------------------------------------------ the first page, the explorer's search, the error page

SEARCH_HINT = re.compile(r'const API_SEARCH_HINT = "([^"]+)";')
PANEL_JS = Path(__file__).resolve().parents[1] / "viz" / "static" / "panel.js"
NO_GOAL = "Goal:云南省"  # no Goal is named like it; Body:云南省委 and 云南's report are


def _entities(server) -> tuple[int, dict[str, int]]:
    """The store's entities by label, as /stats counts them (a cited document is one), and their sum."""
    stats = httpx.get(server + "/stats").json()
    by = {label: stats["nodes"][label] for label in ("Body", "Program", "Goal")} | {"Document": stats["documents"]["cited"]}
    return sum(by.values()), by


def test_the_explorer_page_carries_the_entities_it_counts_before_any_focus(server):
    page = httpx.get(server + "/explore").text
    config = json.loads(re.search(r'<script id="config" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert config["entities"] == _entities(server)[1]  # the status line had nothing to count but the nodes drawn


def test_an_empty_explorer_says_what_the_store_holds_and_where_to_start(page, server):
    total, by = _entities(server)
    start = (f"{total:,} entities in 2 documents: type a name in the search box, or pick one of the most documented "
             "in the side panel")
    page.goto(server + "/explore")
    page.locator("#starters li").first.wait_for()
    assert page.locator("#status").inner_text() == start  # it read "0 nodes, 0 edges shown"
    assert page.locator("#status").get_attribute("title") == " · ".join(f"{k} {v:,}" for k, v in by.items())
    page.shot("start")
    page.locator("#starters li a").first.click()
    wait_stable(page)
    assert " nodes, " in page.locator("#status").inner_text()
    page.go_back()  # the page's start again, and its line
    page.wait_for_function("() => window.policykg.focusId() === null")
    assert page.locator("#status").inner_text() == start
    assert not page.errors, page.errors


def test_the_api_hint_to_search_is_the_one_the_explorer_says_as_its_own_search(server):
    hint = SEARCH_HINT.search(PANEL_JS.read_text(encoding="utf-8"))
    assert hint, "panel.js names the API's hint it replaces"
    r = httpx.get(server + "/nodes/" + quote(NO_GOAL))
    assert r.status_code == 404 and r.json()["detail"] == f"no node with id '{NO_GOAL}'" + hint.group(1)


def test_an_id_nothing_is_like_offers_the_explorers_search_not_the_apis(page, server):
    page.goto(server + "/explore?node=" + quote(NO_GOAL))
    page.locator("#panel .error").wait_for()
    # the sentence without the API's "/search?q=… finds entities by name", worded for an API caller
    assert page.locator("#panel .error").inner_text() == f"no node with id '{NO_GOAL}'"
    page.locator("#panel button.run-search").click()  # the search box above, over every label and the documents
    page.wait_for_function("() => document.querySelectorAll('#suggestions li[data-id]').length > 0")
    assert page.locator("#search").input_value() == "云南省"
    assert page.evaluate("() => document.activeElement.id") == "search"
    found = [li.get_attribute("data-id") for li in page.locator("#suggestions li[data-id]").all()]
    assert "Body:云南省委" in found, found
    page.shot("search")
    page.locator("#suggestions li[data-id='Body:云南省委']").dispatch_event("mousedown")
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '云南省委'")
    assert not page.errors, page.errors


def test_the_page_for_a_name_of_no_entity_links_the_entities_like_it(server):
    like = "Goal:民族团结"
    for route in ("/nodes/{}/view", "/entities/{}/diffusion"):
        page = httpx.get(server + route.format(quote(NONE)), headers={"Accept": "text/html"})
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
        assert f"no entity named &#x27;{NONE}&#x27;; perhaps {like}" in page.text  # the sentence, as before
        # each entity its page on the route asked and its explorer, as the page of a name of several entities gives
        assert (f'<li><a href="{route.format(quote(like, safe=":"))}">{like}</a> (Goal, 1 document) · '
                f'<a href="/explore?node={quote(like, safe="")}">explore</a></li>') in page.text, page.text


def test_the_page_for_a_name_of_no_entity_opens_one_in_the_explorer(page, server):
    page.goto(server + "/nodes/" + quote(NONE) + "/view")
    page.locator("li a", has_text="explore").first.click()
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '民族团结'")
    assert page.evaluate("() => window.policykg.focusId()") == "Goal:民族团结"


# ------------------------------------------------------------ the error pages' links: the search, the query asked

def _links(page: str) -> list[str]:
    """The addresses of a page's links to entities (its suggestions), as written."""
    return re.findall(r'<li><a href="([^"]+)">', page)


def test_the_page_for_an_id_nothing_is_like_links_the_explorers_search(server):
    # it said the API's "/search?q=… finds entities by name", a JSON address, to a researcher on a page
    page = httpx.get(server + "/nodes/" + quote(NO_GOAL) + "/view", headers={"Accept": "text/html"})
    assert page.status_code == 404 and f"no node with id &#x27;{NO_GOAL}&#x27;</p>" in page.text
    assert "/search?q=" not in page.text
    assert (f'<p>No Goal is named like it; <a class="run-search" href="/explore?q={quote("云南省", safe="")}">search '
            'the names for 云南省</a> in the explorer (of every label, and the documents).</p>') in page.text
    # the JSON answer is the API's, as before
    assert httpx.get(server + "/nodes/" + quote(NO_GOAL) + "/view").json()["detail"].endswith(
        "; /search?q=… finds entities by name")


def test_the_explorers_search_link_lists_what_the_search_finds(page, server):
    page.goto(server + "/nodes/" + quote(NO_GOAL) + "/view")
    page.locator("a.run-search").click()
    page.wait_for_function("() => document.querySelectorAll('#suggestions li[data-id]').length > 0")
    assert page.locator("#search").input_value() == "云南省"
    found = [li.get_attribute("data-id") for li in page.locator("#suggestions li[data-id]").all()]
    assert "Body:云南省委" in found, found
    page.shot("search-link")
    page.locator("#suggestions li[data-id='Body:云南省委']").dispatch_event("mousedown")
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '云南省委'")
    assert _node(page) == ["Body:云南省委"]  # the focus's address, the search's left
    assert not page.errors, page.errors


def test_the_page_for_a_name_of_no_entity_links_each_entity_with_the_query_asked(server):
    like = quote("Goal:民族团结", safe=":")
    html_ = {"Accept": "text/html"}
    # a diffusion within some documents: the filter kept (the link dropped it); the form asked, a name the entity
    # suggested never writes, left out (the diffusion refuses it: 400)
    page = httpx.get(server + f"/entities/{quote(NONE)}/diffusion",
                     params=[("form", NONE), ("documents", "gwr2025-云*"), ("documents", "gwr2025-青*"), ("year", 2025)],
                     headers=html_)
    assert page.status_code == 404
    address = f"/entities/{like}/diffusion?documents=gwr2025-%E4%BA%91%2A&amp;documents=gwr2025-%E9%9D%92%2A&amp;year=2025"
    assert _links(page.text) == [address]
    chosen = httpx.get(server + address.replace("&amp;", "&"), headers=html_)
    assert chosen.status_code == 200 and "民族团结" in chosen.text
    # a neighbourhood page at depth 2
    page = httpx.get(server + f"/nodes/{quote(NONE)}/view", params={"depth": 2}, headers=html_)
    assert _links(page.text) == [f"/nodes/{like}/view?depth=2"]
    # an export names the entity in its query: the link is the export of the entity suggested, its format kept (it
    # was the entity's node page)
    page = httpx.get(server + "/export", params={"format": "jsonl", "node": NONE, "depth": 2}, headers=html_)
    assert page.status_code == 404
    assert _links(page.text) == [f"/export?format=jsonl&amp;node={quote('Goal:民族团结', safe='')}&amp;depth=2"]
    chosen = httpx.get(server + _links(page.text)[0].replace("&amp;", "&"))
    assert chosen.status_code == 200 and "Goal_" in chosen.headers["content-disposition"]


def test_the_form_asked_is_kept_for_an_entity_that_writes_it(server):
    # Program:民族团结 is no entity; Goal:民族团结 has the name: the 404 names it, after the Programs holding the name
    # (session 72), and its diffusion is asked with the form, as the redirect from a name asks it; the Programs, which
    # never write it, without
    page = httpx.get(server + "/entities/" + quote("Program:民族团结") + "/diffusion",
                     params={"form": "民族团结", "year": 2025}, headers={"Accept": "text/html"})
    assert page.status_code == 404, page.text
    address = f"/entities/{quote('Goal:民族团结', safe=':')}/diffusion?form={quote('民族团结')}&amp;year=2025"
    assert _links(page.text)[-1] == address
    assert all(link.startswith("/entities/Program:") and "form=" not in link for link in _links(page.text)[:-1])
    assert httpx.get(server + address.replace("&amp;", "&")).status_code == 200


def test_an_export_asked_by_a_name_keeps_every_document_pattern(server):
    # the 307 from a name to the entity's export kept the last documents= alone (the query was read as a dict)
    r = httpx.get(server + "/export", params=[("node", "Program:“民族团结进步创建”"), ("documents", "gwr2025-云*"),
                                              ("documents", "gwr2025-青*"), ("format", "jsonl")], follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == (f"/export?node={quote(PROGRAM, safe='')}&documents=gwr2025-%E4%BA%91%2A"
                                     "&documents=gwr2025-%E9%9D%92%2A&format=jsonl")
    assert httpx.get(server + r.headers["location"]).headers["x-within-documents"] == "2"
