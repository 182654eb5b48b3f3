"""The pyvis views of the API (offline, escaped, coloured by label, each edge's tooltip its stated sentence) and the
addresses that name an entity by a name it writes (redirected to its id), on the seed documents."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode


def test_view_is_offline_and_labelled(client):
    r = client.get("/nodes/Program:红色物业/view", params={"depth": 2})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    html = r.text
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']https?:", html)
    assert "红色物业" in html and "vis.Network" in html and '"label": "MENTIONS"' in html


def test_overview_links_most_mentioned_to_views(client):
    html = client.get("/").text
    assert "/nodes/Goal%3A%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4/view" in html or "/nodes/Goal:乡村振兴/view" in html
    # a name opens the explorer and a document id the reader, and one line says where to start (a walkthrough,
    # session 55: every link opened the static graph, which has no side panel and no way on)
    assert "/explore?node=Goal%3A%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4" in html and 'id="start"' in html
    assert "/read/Document%3A003_8ab235683617fdde" in html and 'href="/compare"' in html
    for href in ("/explore?node=Goal%3A%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4", "/read/Document%3A003_8ab235683617fdde"):
        assert client.get(href).status_code == 200


def test_names_are_escaped_in_views():
    from policykg.viz.pages import render_view

    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    html = render_view({"nodes": [{"id": "Program:x", "label": "Program", "name": evil}], "edges": []}, evil, "Program:x")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_the_view_draws_each_label_in_the_colour_of_its_legend(client):
    # pyvis dropped the colour of a node given a group, so vis drew its own palette: Programs yellow, Sections red,
    # against a legend saying Programs red
    import json as _json

    from policykg.viz.pages import LABEL_STYLE

    html = client.get("/nodes/Goal:乡村振兴/view", params={"depth": 1}).text
    nodes = _json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))
    assert len(nodes) > 5 and {n["group"] for n in nodes} >= {"Goal", "Program"}
    assert all(n["color"] == LABEL_STYLE[n["group"]]["color"] for n in nodes)


def test_a_view_draws_the_facts_around_a_node_and_where_a_node_without_facts_is_mentioned(client):
    # a walkthrough (session 42): /nodes/Goal:高质量发展/view was the same page at depth 1, 2 and 3: the sections
    # mentioning it (121 of them) filled the 150 nodes at depth 1
    import json as _json

    def drawn(node: str, **params) -> set[str]:
        html = client.get(f"/nodes/{node}/view", params=params).text
        return {n["group"] for n in _json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))}

    one, two = drawn("Goal:乡村振兴", depth=1), drawn("Goal:乡村振兴", depth=2)
    assert "Section" not in one | two and "Body" in two - one  # depth 2 reaches the bodies leading the programs
    assert drawn("Program:红色物业") == {"Program", "Section"}  # no fact: where it is mentioned
    assert "Section" in drawn("Goal:乡村振兴", labels="Goal,Section", types="MENTIONS")  # chosen, as asked
    # a labels filter that leaves nodes unlinked says why, and a section says its document (a walkthrough, session 50)
    html = client.get("/nodes/Goal:乡村振兴/view", params={"labels": "Body", "depth": 2}).text
    nodes = json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))
    edges = json.loads(re.search(r"var edges = new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))
    unlinked = len({n["id"] for n in nodes} - {e[k] for e in edges for k in ("from", "to")} - {"Goal:乡村振兴"})
    assert unlinked > 5 and f"{unlinked} nodes are reached only through nodes this view leaves out" in html
    assert "unlinked" not in client.get("/nodes/Goal:乡村振兴/view").text
    # the JSON says so too: 200 nodes and 2 edges of a depth-2 answer had left a program building its network puzzled
    # (a walkthrough, session 51)
    answer = client.get("/nodes/Goal:乡村振兴/neighbourhood", params={"labels": "Body", "depth": 2}).json()
    ends = {e[k] for e in answer["edges"] for k in ("source", "target")}
    assert answer["unlinked"] == len({n["id"] for n in answer["nodes"]} - ends - {"Goal:乡村振兴"}) > 5
    assert client.get("/nodes/Goal:乡村振兴/neighbourhood").json()["unlinked"] == 0
    html = client.get("/nodes/Program:红色物业/view").text
    assert "in 002_f943a519de895b49" in html or "in 003_8ab235683617fdde" in html
    # a section's label names its document first: 33 sections of 国务院's view all read （导语） (a walkthrough, session 55)
    nodes = json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))
    sections = [n["label"] for n in nodes if n["group"] == "Section"]
    assert sections and all(re.match(r"00[0-4]_[0-9a-f]{7}… \S", label) for label in sections), sections


def test_the_pyvis_view_says_which_sentence_states_each_relationship(seeded_embedded, seed_paths):
    # a walkthrough hovered over 乡村振兴 in the view of 五星支部创建: its tooltip had no sentence (only the centre's
    # mentions are in a depth-1 neighbourhood), and an edge's tooltip said only SERVES
    from policykg.viz.pages import build_network

    sub = seeded_embedded.neighbourhood("Program:五星支部创建", 1, limit=200).to_dict()
    nodes, edges, *_ = build_network(sub, "Program:五星支部创建").get_network_data()
    text = next(p for p in seed_paths if p.stem == "001_b67b329c3470edd9").read_text(encoding="utf-8")
    stated = next(s for s in text.replace("\n", "。").split("。") if "五星" in s and "乡村振兴" in s)
    goal = next(n for n in nodes if n["id"] == "Goal:乡村振兴")
    assert stated[:40] in goal["title"]
    serves = next(e for e in edges if e["from"] == "Program:五星支部创建" and e["to"] == "Goal:乡村振兴")
    assert serves["title"].startswith("SERVES (001_b67b329c3470edd9)") and stated[:40] in serves["title"]


def test_a_diffusion_address_by_a_name_the_entity_writes_redirects_to_it(client):
    # the README's /entities/Goal:乡村振兴/diffusion answered 404 on a corpus where the node is Goal:乡村振兴战略
    r = client.get("/entities/Goal:乡村振兴战略/diffusion", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == ("/entities/Goal:%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4/diffusion"
                                                              f"?{urlencode({'form': '乡村振兴战略'})}")  # the name asked for
    assert "乡村振兴" in client.get("/entities/Goal:乡村振兴战略/diffusion").text
    r = client.get("/programs/Goal:乡村振兴战略/diffusion")
    assert r.status_code == 200 and r.json()["node"]["id"] == "Goal:乡村振兴" and len(r.json()["documents"]) == 5
    assert client.get("/programs/Program:没有这个/diffusion").status_code == 404
    assert r.json()["undated_documents"] == 3  # seeds 000, 001 and 004: any may be older than the first adopter
    # asked in traditional script, the answer says how the documents write the form (it echoed 鄉村振興戰略 back)
    form = client.get("/programs/Goal:鄉村振興戰略/diffusion").json()["form"]
    assert (form["asked"], form["name"]) == ("鄉村振興戰略", "乡村振兴战略")
    # a wrong label or a loaded document's id says what the name is (a walkthrough, session 50)
    r = client.get("/programs/Program:乡村振兴/diffusion")
    assert r.status_code == 404 and r.json()["detail"].endswith("乡村振兴 is a name of Goal:乡村振兴")
    r = client.get("/programs/Document:003_8ab235683617fdde/diffusion")
    assert r.status_code == 404 and r.json()["detail"] == ("no entity with id 'Document:003_8ab235683617fdde' (a loaded "
                                                           "document, not an entity: /documents/Document:003_8ab235683617fdde "
                                                           "shows it)")  # no document suggested, itself least of all
    # a bare name finds the entity of any label (a walkthrough, session 45: the Goal 乡村振兴 answered 404 here)
    r = client.get("/programs/乡村振兴/diffusion")
    assert r.status_code == 200 and r.json()["node"]["id"] == "Goal:乡村振兴" and "form" not in r.json()
    assert client.get("/programs/乡村振兴/related").json() == client.get("/programs/Goal:乡村振兴/related").json()
    assert client.get("/programs/红色物业/diffusion").json()["node"]["id"] == "Program:红色物业"  # a Program first


def test_a_diffusion_form_the_entity_does_not_write_is_refused(client):
    # a user walkthrough: ?form= with another entity's name answered 200, with a form no document writes
    for route in ("/programs/Goal:乡村振兴/diffusion", "/entities/Goal:乡村振兴/diffusion"):
        r = client.get(route, params={"form": "红色物业"})
        detail = r.json()["detail"]
        assert r.status_code == 400 and detail.startswith("form='红色物业' is not a name of Goal:乡村振兴; its names: 乡村振兴, ")
        assert "乡村振兴战略" in detail, route
    form = client.get("/programs/Goal:乡村振兴/diffusion", params={"form": "鄉村振興戰略"}).json()["form"]  # an alias
    assert form["documents"] == ["Document:004_4f30f3f8533a85fe"]


def test_related_and_export_by_a_name_the_entity_writes_redirect_as_the_diffusion_does(client):
    # a walkthrough (session 43): /programs/两重建设/diffusion redirected to 两重, /programs/两重建设/related and
    # /export?node=Program:两重建设 answered 404
    r = client.get("/programs/Goal:乡村振兴战略/related", params={"limit": 5}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].endswith("/related?limit=5")
    assert client.get("/programs/Goal:乡村振兴战略/related").json() == client.get("/programs/Goal:乡村振兴/related").json()
    r = client.get("/export", params={"node": "Goal:乡村振兴战略", "format": "jsonl"}, follow_redirects=False)
    assert r.status_code == 307 and "node=Goal%3A%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4" in r.headers["location"]
    assert "format=jsonl" in r.headers["location"]
    r = client.get("/export", params={"node": "Goal:乡村振兴战略", "format": "jsonl"})
    assert r.status_code == 200 and '"Goal:乡村振兴"' in r.text
    assert client.get("/export", params={"node": "Program:没有这个"}).status_code == 404


def test_a_node_address_by_a_name_or_alias_redirects_and_an_unknown_one_suggests(client):
    # a walkthrough (session 41): diffusion took 兩重, “两重” and aliases, /nodes, /neighbourhood and /view answered a
    # bare 404 to the same names
    r = client.get("/nodes/Program:“五星”支部创建/neighbourhood", params={"depth": 2}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].endswith("/neighbourhood?depth=2")
    followed = client.get("/nodes/Program:“五星”支部创建/neighbourhood", params={"depth": 2})
    assert followed.status_code == 200 and "Program:五星支部创建" in {n["id"] for n in followed.json()["nodes"]}
    assert client.get("/nodes/Goal:乡村振兴战略").json()["node"]["id"] == "Goal:乡村振兴"  # an alias of the node
    assert "五星支部创建" in client.get("/nodes/Program:五星支部创建/view").text
    assert client.get("/nodes/五星支部创建", follow_redirects=False).headers["location"] == client.get(
        "/nodes/Program:五星支部", follow_redirects=False).headers["location"]  # a bare name; a short name it writes
    part = client.get("/nodes/Program:红色")  # no entity's name: the search's best hits of that label to try
    assert part.status_code == 404 and "perhaps Program:红色物业" in part.json()["detail"]
    assert "/search?q=" in client.get("/nodes/Program:五星支部创建活动计划").json()["detail"]


def test_an_edges_tooltip_gives_the_lead_heading_and_the_sentence_under_it(tmp_path):
    # a walkthrough (session 44): 辽宁's 推动房地产市场企稳回升。…统筹推进保交房、治烂尾、去库存。 states that 保交房 serves
    # the lead's goal; the SERVES edge's tooltip gave the heading alone, which does not name 保交房
    from policykg.graph.embedded import EmbeddedStore
    from policykg.ingest import load_paths
    from policykg.viz.pages import build_network

    texts = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
    store = EmbeddedStore(tmp_path / "data")
    try:
        load_paths(store, [texts / "gwr2025-辽宁.txt"])
        centre = next(n["id"] for n in store.iter_nodes(["Program"]) if n["name"] == "保交房")
        net = build_network(store.neighbourhood(centre, 1).to_dict(), centre)
    finally:
        store.close()
    titles = [e["title"] for e in net.edges if e["label"] == "SERVES" and e["to"] == "Goal:房地产市场企稳回升"]
    assert titles and "推动房地产市场企稳回升。" in titles[0] and "统筹推进保交房" in titles[0]


def test_a_views_parallel_edges_bend_apart_and_tooltips_keep_the_stated_fact(seeded_embedded):
    # a walkthrough (session 45): 4 SERVES of 保交房 to one goal (one per report) drew as one straight line with one
    # reachable tooltip, and tooltips cut a stating sentence at 80 characters, before its goal (…建成20…)
    from policykg.viz.pages import TOOLTIP_CHARS, build_network

    sub = seeded_embedded.view_neighbourhood("Goal:乡村振兴", 1).to_dict()
    net = build_network(sub, "Goal:乡村振兴")
    pair = [e for e in net.edges if (e["from"], e["to"]) == ("Program:抓党建促乡村振兴", "Goal:乡村振兴")]
    assert len(pair) == 2 and "smooth" not in pair[0] and pair[1]["smooth"]["roundness"] > 0
    stated = {s for e in sub["edges"] for s in e.get("sentences", []) if 80 < len(s) <= TOOLTIP_CHARS}
    assert stated and all(any(s in e["title"] for e in net.edges) for s in stated)


def test_a_name_several_entities_write_is_a_choice_and_one_entitys_name_redirects():
    # a walkthrough (session 51) over the 2025 reports: Program:千村示范、万村整治 redirected to Program:千万工程 without
    # a word, though Program:千村示范、万村整治工程 writes the name too; a Link header then named the other, and the
    # command line took another still: now none is taken, and the choice lists both with their addresses (300)
    import networkx as nx
    import pytest

    from policykg.api.naming import named_redirect
    from policykg.errors import AmbiguousNameError
    from policykg.graph.analytics import EntityView

    g = nx.Graph()
    g.add_node("Program:千万工程", label="Program", name="千万工程", doc_count=12,
               aliases=["千村示范、万村整治", "千村示范、万村整治工程"])
    g.add_node("Program:千村示范、万村整治工程", label="Program", name="千村示范、万村整治工程", doc_count=3,
               aliases=["千村示范、万村整治"])
    with pytest.raises(AmbiguousNameError) as chosen:
        named_redirect(EntityView(g), "Program:千村示范、万村整治", "/nodes/{}/neighbourhood", "depth=2")
    assert [(c["id"], c["documents"]) for c in chosen.value.candidates] == [
        ("Program:千万工程", 12), ("Program:千村示范、万村整治工程", 3)]
    assert chosen.value.addresses == [
        "/nodes/Program:%E5%8D%83%E4%B8%87%E5%B7%A5%E7%A8%8B/neighbourhood?depth=2",
        "/nodes/Program:%E5%8D%83%E6%9D%91%E7%A4%BA%E8%8C%83%E3%80%81%E4%B8%87%E6%9D%91%E6%95%B4%E6%B2%BB%E5%B7%A5%E7%A8%8B"
        "/neighbourhood?depth=2"]
    alone = named_redirect(EntityView(g), "Program:“千万工程”", "/nodes/{}", "")  # one entity writes it: no Link
    assert alone.headers["location"] == "/nodes/Program:%E5%8D%83%E4%B8%87%E5%B7%A5%E7%A8%8B" and "link" not in alone.headers
