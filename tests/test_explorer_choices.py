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
"""

from __future__ import annotations

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
        assert body["suggestions"] == [{"id": "Goal:民族团结", "label": "Goal", "name": "民族团结", "documents": 1}]
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
