"""The explorer in a real browser, as walkthroughs of sessions 51-62 used it: focus, caps, bookmarks, Back, the
sentence panel and the downloads (the ``server`` fixture: ``explorer_server.py``; screenshots into
tests/screenshots/<test name>/; skipped, with the reason, where Chromium or Playwright is not installed).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from explorer_server import wait_stable


def test_a_focus_on_an_unticked_label_a_raised_cap_and_back_to_the_start(server, page):
    """What an explorer walkthrough ran into (session 51): focusing a node whose label is unticked printed
    vis-network's "Node with id … not found"; raising "max nodes", as the cap message advises, fetched nothing; Back to
    the bare /explore left a blank panel; a name cut on its node said nothing on hover."""
    page.goto(server + "/explore")
    page.locator('#label-filters input[value="Program"]').uncheck()
    page.fill("#search", "五星")
    page.locator('#suggestions li[data-id="Program:五星支部创建"]').click()
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '五星支部创建'")
    assert "not found" not in page.locator("#panel").inner_text()
    assert page.evaluate("() => window.policykg.nodesView.get('Program:五星支部创建') !== null")
    page.locator('#label-filters input[value="Program"]').check()

    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴"))
    wait_stable(page)
    page.fill("#cap", "10")
    page.locator("#cap").dispatch_event("change")
    page.wait_for_function("() => window.policykg.nodes.length === 10")
    assert "node cap of 10 reached" in page.locator("#status").inner_text()
    page.fill("#cap", "150")
    page.locator("#cap").dispatch_event("change")
    page.wait_for_function("() => window.policykg.nodes.length > 10")
    long_name = "区有品牌、乡有典型、村有特色、屯有亮点四级链式梯次"  # a Goal of the seeds, cut on its node
    page.goto(server + "/explore?node=" + quote("Goal:" + long_name))
    wait_stable(page)
    drawn = page.evaluate("id => { const n = window.policykg.nodes.get(id); return [n.label, n.title.textContent]; }",
                          "Goal:" + long_name)
    assert drawn == [long_name[:21] + "…", long_name]

    # a fact two documents state is drawn on one line; a click shows both (it showed one)
    page.goto(server + "/explore?node=" + quote("Program:抓党建促乡村振兴"))
    wait_stable(page)
    edge = page.evaluate("() => window.policykg.edgesView.get().find(e => e.relType === 'SERVES' && e.to === 'Goal:乡村振兴').id")
    page.evaluate("id => window.policykg.showEdge(id)", edge)
    page.wait_for_function("() => (document.querySelector('#panel')?.textContent || '').includes('stated by 2 documents')")
    assert page.locator("#panel h3").count() == 2

    # a document's or a section's panel links its text (it had JSON and view only)
    for node, href in (("Document:003_8ab235683617fdde", "/read/Document%3A003_8ab235683617fdde"),
                       ("Section:003_8ab235683617fdde/2", "/read/Document%3A003_8ab235683617fdde#at-")):
        page.goto(server + "/explore?node=" + quote(node))
        page.wait_for_function("() => [...document.querySelectorAll('#panel a')].some(a => a.textContent === 'read')")
        assert page.locator("#panel a", has_text="read").first.get_attribute("href").startswith(href)
        if node.startswith("Document:"):  # and says what the document is (its title alone: a walkthrough, session 59)
            facts = page.locator("#panel .doc-facts").inner_text()
            assert "003_8ab235683617fdde.txt" in facts and "characters" in facts

    page.goto(server + "/explore")
    page.locator("#starters li a").first.click()
    page.wait_for_function("() => document.querySelector('#panel h2') !== null")
    page.go_back()
    page.wait_for_function("() => document.querySelectorAll('#panel #starters li').length > 0")
    assert "Search for an initiative" in page.locator("#panel").inner_text()


def test_a_bookmark_reload_and_back_keep_the_depth_the_cap_and_the_filters(server, page):
    """The address had kept the node alone: a bookmark of a depth-2 view without Bodies reopened at depth 1 with every
    default filter (a walkthrough, session 55)."""
    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴"))
    wait_stable(page)
    page.select_option("#depth", "2")
    page.fill("#cap", "60")
    page.locator("#cap").dispatch_event("change")
    page.locator('#label-filters input[value="Body"]').uncheck()
    page.wait_for_function("() => location.search.includes('labels=')")
    assert "depth=2" in page.url and "cap=60" in page.url and "Body" not in page.url.split("labels=")[1]

    page.reload()  # as a bookmark opens it
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '乡村振兴'")
    wait_stable(page)
    assert page.input_value("#depth") == "2" and page.input_value("#cap") == "60"
    assert not page.locator('#label-filters input[value="Body"]').is_checked()
    assert page.locator('#label-filters input[value="Program"]').is_checked()
    drawn = page.evaluate("() => window.policykg.nodesView.get().map(n => n.group)")
    assert "Body" not in drawn and "Program" in drawn

    # a new focus is a new entry at the same view; Back returns to the first with its filters, boxes included
    page.fill("#search", "五星")
    page.locator('#suggestions li[data-id="Program:五星支部创建"]').click()
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '五星支部创建'")
    assert "depth=2" in page.url
    page.locator('#label-filters input[value="Body"]').check()
    page.go_back()
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '乡村振兴'")
    assert not page.locator('#label-filters input[value="Body"]').is_checked()
    assert page.input_value("#depth") == "2"

    # an address naming a label or a depth the page does not offer falls back to the defaults, with no error
    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴") + "&depth=9&labels=Nothing&types=SERVES")
    wait_stable(page)
    assert page.input_value("#depth") == "1"
    assert page.evaluate("() => [...window.policykg.typeOn]") == ["SERVES"]
    assert page.evaluate("() => [...window.policykg.labelOn].sort()") == ["Body", "Document", "Goal", "Program"]
    assert not page.errors, page.errors


def test_enter_before_the_suggestions_focuses_the_first_name_of_what_was_typed(server, page):
    """Enter pressed before the suggestions came did nothing, and after a list for other text chose from that list
    (a walkthrough, session 54)."""
    first = httpx.get(server + "/search", params={"q": "五星", "limit": 13}).json()[0]
    page.goto(server + "/explore")
    page.fill("#search", "乡村")
    page.locator("#suggestions li[data-id]").first.wait_for()  # the list for 乡村 is shown
    page.fill("#search", "五星")
    page.press("#search", "Enter")  # at once: the list still holds 乡村's names
    page.wait_for_function("name => document.querySelector('#panel h2')?.textContent === name", arg=first["name"])
    assert page.evaluate("() => window.policykg.focusId()") == first["id"]
    assert not page.errors, page.errors


def test_a_source_document_is_found_by_its_title(server, page):
    """A title typed in the search box found nothing: the search answers entities (a walkthrough, session 55)."""
    page.goto(server + "/explore")
    page.fill("#search", "组织工作要点")
    item = page.locator('#suggestions li[data-id="Document:003_8ab235683617fdde"]')
    item.wait_for()
    assert "2023年全区组织工作要点" in item.inner_text()
    item.click()
    page.wait_for_function("() => window.policykg.focusId() === 'Document:003_8ab235683617fdde'")
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent.includes('组织工作要点')")
    # every word of the text, in the title, id or year; and a word of the documents left out (session 57)
    page.fill("#search", "组织工作 2023")
    page.locator('#suggestions li[data-id="Document:003_8ab235683617fdde"]').wait_for()
    page.fill("#search", "_")  # the five seeds' ids and the script-laden title (window.__xss) hold it
    page.locator("#suggestions li", has_text="3 more documents match").wait_for()
    assert not page.errors, page.errors


def test_what_an_explorer_walkthrough_of_session_57_ran_into(server, page):
    """A view of hundreds of nodes that never stopped moving; a view with every label unticked that a reload answered
    with 422; an answer to an earlier focus drawn into the next one's graph; a cap of 5 kept in the field and the
    address while 10 were drawn; a sentence listed once per mention in it; Escape then Enter choosing the hidden
    highlighted suggestion; a MENTIONS edge's empty section."""
    every = "&labels=Document,Section,Body,Program,Goal&types=HAS_SECTION,MENTIONS,LEADS,SERVES,PART_OF,CITES"
    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴") + "&depth=3&cap=2000" + every)
    page.wait_for_function("() => window.policykg && window.policykg.nodesView.length > 150", timeout=30_000)
    # the layout stops for good (when it settles, or after at most 15 s): the simulation is switched off, and two
    # readings of the positions a second apart agree
    page.wait_for_function("() => window.policykg.network.physics.options.enabled === false", timeout=25_000)
    page.wait_for_function("""() => { const p = JSON.stringify(window.policykg.network.getPositions());
        const same = window.__last === p; window.__last = p; return same; }""", polling=1000, timeout=5_000)
    edge = page.evaluate("() => window.policykg.edgesView.get().find(e => e.relType === 'MENTIONS').id")
    page.evaluate("id => window.policykg.showEdge(id)", edge)
    page.wait_for_function("() => document.querySelector('#panel .sentence .muted') !== null")
    assert " ·  · " not in page.locator("#panel .sentence .muted").first.inner_text()

    # an expansion keeps the user's zoom once its layout stops (it was fitted to the screen again: a regression walk)
    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴"))
    page.wait_for_function("() => window.policykg.network.physics.options.enabled === false", timeout=25_000)
    page.evaluate("() => window.policykg.network.moveTo({scale: 1.5})")
    # as on a large graph, the layout never settles by itself: it stops at the timer
    page.evaluate("() => window.policykg.network.setOptions({physics: {minVelocity: 1e-9}})")
    grew = page.evaluate("""async () => { const P = window.policykg, before = P.nodes.length;
        for (const id of P.nodes.getIds()) { await P.expand(id); if (P.nodes.length > before) return true; }
        return false; }""")
    assert grew
    page.wait_for_function("() => window.policykg.network.physics.options.enabled === false", timeout=25_000)
    assert abs(page.evaluate("() => window.policykg.network.getScale()") - 1.5) < 0.01

    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴") + "&labels=&types=")
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '乡村振兴'")
    assert not page.locator("#panel .error").count() and page.evaluate("() => window.policykg.nodesView.length") == 1
    # the status says what the filters leave unsaid: nodes no shown edge joins, a year kept from an earlier focus
    page.goto(server + "/explore?node=" + quote("Goal:乡村振兴") + "&depth=2&labels=Body,Goal")
    page.wait_for_function("() => window.policykg.nodesView.length > 1")
    assert "joined by no edge shown" in page.locator("#status").inner_text()
    page.select_option("#year-filter", "2022")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('only year 2022')")

    page.goto(server + "/explore")
    page.route("**/nodes/Program%3A%E5%85%9A%E5%8F%B2%E5%AD%A6%E4%B9%A0%E6%95%99%E8%82%B2/neighbourhood*",
               lambda route: (time.sleep(1.5), route.continue_()))
    page.evaluate("() => { window.policykg.focus('Program:党史学习教育'); setTimeout(() => window.policykg.focus("
                  "'Goal:乡村振兴'), 100); }")
    page.wait_for_function("() => window.policykg.focusId() === 'Goal:乡村振兴' && window.policykg.nodes.length > 1")
    page.wait_for_timeout(2500)  # the slow answer for the first focus has come meanwhile
    assert page.evaluate("() => window.policykg.nodes.get('Program:党史学习教育')") is None

    page.fill("#cap", "5")
    page.locator("#cap").dispatch_event("change")
    page.wait_for_function("() => new URLSearchParams(location.search).get('cap') === '10'")
    assert page.input_value("#cap") == "10"

    page.evaluate("() => window.policykg.showNode('Goal:乡村振兴')")
    page.wait_for_function("() => document.querySelectorAll('#panel .sentence').length > 0")
    mentions = httpx.get(server + "/nodes/" + quote("Goal:乡村振兴")).json()["mentions"]
    sentences = {(m["doc_id"], m["section_id"], m["sentence"]) for m in mentions}
    assert len(sentences) < len(mentions)  # a sentence of the seeds names it twice or more
    assert page.locator("#panel h3", has_text="Sentences").inner_text() == f"Sentences ({len(sentences)})"

    page.fill("#search", "组织部")
    page.wait_for_function("() => document.querySelectorAll('#suggestions li[data-id]').length > 1")
    first = page.locator("#suggestions li[data-id]").first.get_attribute("data-id")
    page.press("#search", "ArrowUp")  # the last suggestion highlighted
    page.press("#search", "Escape")
    assert not page.locator('#suggestions li[aria-selected="true"]').count()
    page.press("#search", "Enter")
    page.wait_for_function("id => window.policykg.focusId() === id", arg=first)
    assert not page.errors, page.errors

    # a concordance hit opens from the keyboard (it was click-only); the reader follows a new #at- on the open page
    page.fill("#sent-q", "红色物业")
    page.locator("#sent-form").evaluate("f => f.requestSubmit()")
    page.locator("#sent-result [role=link]").first.wait_for()
    with page.context.expect_page() as opened:
        page.locator("#sent-result [role=link]").first.focus()
        page.keyboard.press("Enter")
    reader = opened.value
    reader.wait_for_load_state()
    reader.evaluate("() => { window.location.hash = '#at-300'; }")
    reader.wait_for_function("() => /^#s-\\d+$/.test(window.location.hash)")
    reader.close()

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the overview's table of documents was 941 px wide
    for path in ("/", "/entities/" + quote("Goal:乡村振兴") + "/diffusion"):
        page.goto(server + path)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), path


def test_the_sentence_panel_keeps_to_the_documents_a_pattern_matches(server, page):
    """A walkthrough (session 62): the concordance panel had no way to keep to some documents (the provincial
    reports, gwr2025-*); its field of patterns asks /sentences?documents= as the diffusion takes them."""
    every = httpx.get(server + "/sentences", params={"q": "党建"}).json()["total"]
    some = httpx.get(server + "/sentences", params={"q": "党建", "documents": ["003_*", "002_*"]}).json()["total"]
    assert 0 < some < every
    page.goto(server + "/explore")
    page.fill("#sent-q", "党建")
    page.fill("#sent-docs", "003_*  002_*")
    page.locator("#sent-form").evaluate("f => f.requestSubmit()")
    page.wait_for_function("() => document.querySelector('#sent-result p')?.innerText.includes('sentences hold')")
    assert page.locator("#sent-result p").first.inner_text().startswith(f"{some} sentences hold")
    docs = set(page.locator("#sent-result .hit").evaluate_all("rows => rows.map(r => r.dataset.doc)"))
    assert docs == {"Document:002_f943a519de895b49", "Document:003_8ab235683617fdde"}
    assert "documents=003_*" in page.locator("#sent-csv").get_attribute("href").replace("%2A", "*")
    page.fill("#sent-docs", "zz*")  # a pattern no document matches: the server's reason, not "0 sentences"
    page.locator("#sent-form").evaluate("f => f.requestSubmit()")
    page.locator("#sent-result .error").wait_for()
    assert "no loaded document has an id or title matching 'zz*'" in page.locator("#sent-result .error").inner_text()
    assert page.locator("#sent-csv").is_hidden()  # the previous query's CSV was offered beside the refusal
    page.shot("patterns")
    assert not page.errors, page.errors


def test_a_nodes_panel_downloads_its_neighbourhood_in_every_export_format(server, page):
    """A researcher reading 五星支部创建's panel takes its neighbourhood to Gephi: the panel had JSON, view and diffusion
    links, no download (session 63).  Each link asks /export for the neighbourhood as the explorer draws it (the depth
    and the labels and types ticked, read when the link is followed), and the file holds what the graph shows."""
    import networkx as nx

    page.goto(server + "/explore?node=" + quote("Program:五星支部创建"))
    wait_stable(page)
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '五星支部创建'")
    links = page.locator("#panel .exports a")
    assert links.count() == 5
    assert [links.nth(i).get_attribute("data-format") for i in range(5)] == ["graphml", "gexf", "csv", "jsonl",
                                                                              "neo4j-admin"]
    drawn = set(page.evaluate("() => window.policykg.nodesView.getIds()"))
    assert {"Program:五星支部创建", "Body:组织部门"} <= drawn
    page.shot("panel-with-exports")
    with page.expect_download() as download:
        page.locator('#panel .exports a[data-format="graphml"]').click()
    ticked = "types_CITES_LEADS_PART_OF_SERVES"  # the explorer's relationship types; its labels but Section
    named = "policykg-Program_五星支部创建-d1-labels_Body_Document_Goal_Program-"
    assert download.value.suggested_filename == f"{named}{ticked}.graphml"
    g = nx.read_graphml(download.value.path())
    assert drawn <= set(g.nodes)  # every node drawn is in the file
    assert {d["node_label"] for _, d in g.nodes(data=True)} <= {"Body", "Program", "Goal", "Document"}  # no Section
    assert g.nodes["Program:五星支部创建"]["label"] == "五星支部创建"
    # the depth and a label changed after the panel was drawn: the link follows them
    page.select_option("#depth", "2")
    page.locator('#label-filters input[value="Goal"]').uncheck()
    with page.expect_download() as download:
        page.locator('#panel .exports a[data-format="jsonl"]').click()
    # named for the labels kept: it had the name of the same depth with Goal ticked, other content
    assert download.value.suggested_filename == f"policykg-Program_五星支部创建-d2-labels_Body_Document_Program-{ticked}.jsonl"
    rows = [json.loads(line) for line in Path(download.value.path()).read_text(encoding="utf-8").splitlines()]
    labels = {r["label"] for r in rows if r["record"] == "node"}
    assert "Goal" not in labels and {"Program", "Body"} <= labels
    assert "(depth 2," in page.locator("#panel .exports").inner_text()
    assert not page.errors, page.errors


def test_documents_are_named_with_the_place_or_level_their_title_does_not_say(server, page):
    """A walkthrough (session 67) over work reports: the national report of 2025 and 湖南's, both titled 政府工作报告,
    were listed alike in the document filter and the panels, "政府工作报告 (2025)"; a document is named with its year
    and, where its title does not say it, its place or level (the seeds: 001 is of **市, 002 of a 区, 003's title
    says 全区); and a place typed in the search box found no document whose title or id did not hold it."""
    page.goto(server + "/explore")
    options = dict(page.evaluate("() => [...document.querySelectorAll('#doc-filter option')].map((o) => [o.value, "
                                 "o.textContent])"))
    assert options["Document:001_b67b329c3470edd9"] == "深化推动区域组织创先创新机制工作经验材料 (**市)"
    assert options["Document:002_f943a519de895b49"] == "002_f943a519de895b49 (2022, 区)"
    assert options["Document:003_8ab235683617fdde"] == "2023年全区组织工作要点 (2023)"
    # and the search box finds a document by its place, which neither its id nor its title holds
    page.fill("#search", "**市")
    item = page.locator('#suggestions li[data-id="Document:001_b67b329c3470edd9"]')
    item.wait_for()
    assert item.inner_text().endswith("深化推动区域组织创先创新机制工作经验材料 (**市)")
    # the panel of an entity names its documents alike
    page.goto(server + "/explore?node=" + quote("Program:红色物业"))
    page.wait_for_function("() => document.querySelector('#panel h2')?.textContent === '红色物业'")
    assert "(2022, 区)" in page.locator("#panel").inner_text()
