"""The explorer offers the entities a name several entities have or write (the API's 300 Multiple Choices), in a real
browser (headless Chromium through Playwright; skipped, with the reason, where either is missing).

Over 云南's and 青海's 2025 reports (loaders/training/texts) 民族团结进步 is the id of a Goal (云南) and a name
Program:民族团结进步创建 (青海) writes, as tests/test_name_choice.py reads them.  The explorer asked for such a name
(``/explore?node=民族团结进步``, a bookmark, an address typed) showed the server's sentence listing the ids, which a
researcher copied by hand; each entity is now a link opening it as the search does.  Screenshots go to
tests/screenshots/<test name>/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from explorer_server import serve, wait_stable

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

TEXTS = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"
TWO = "民族团结进步"
GOAL, PROGRAM = "Goal:民族团结进步", "Program:民族团结进步创建"


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
    assert not page.errors, page.errors
