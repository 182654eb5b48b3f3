"""Diffusion, co-occurrence (related entities), the analytics routes, places compared and the diffusion pages, on the
seed documents and the provincial reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from genre_texts import TEXTS

from policykg.api.main import create_app
from policykg.cli import main
from policykg.errors import NotFoundError
from policykg.graph import analytics as A
from policykg.ingest import load_paths
from policykg.settings import Settings


@pytest.fixture(scope="module")
def view(seeded):
    return A.entity_view(seeded)


def test_diffusion_orders_documents_by_year_with_forms_and_first_adopter(loaded):
    """Either store: 红色物业 is used by a 2022 plan and by an undated experience report."""
    d = A.diffusion(A.entity_view(loaded), "Program:红色物业")
    assert [r["id"] for r in d["documents"]] == ["Document:002_f943a519de895b49", "Document:001_b67b329c3470edd9"]
    assert d["documents"][0]["year"] == 2022 and d["documents"][1]["year"] is None
    assert d["first_adopter"]["id"] == "Document:002_f943a519de895b49"
    assert "红色物业创建" in d["documents"][1]["forms"] and d["documents"][1]["place"] == "**市"
    with pytest.raises(NotFoundError):
        A.diffusion(A.entity_view(loaded), "Program:没有这个")


def test_a_diffusion_counts_only_the_documents_asked_for(seeded, view):
    """A walkthrough (session 58): a diffusion over the national work reports could not leave out the congress
    reports and the provincial reports loaded beside them.  红色物业 is in seeds 001 (a work-experience report) and
    002 (a 2022 plan); 001 is the one titled 经验材料."""
    assert view.matching(["002_*"]) == {"Document:002_f943a519de895b49"}
    # a negated class reads the id without its label (it had matched every Document:…), and the titles
    assert view.matching(["[!0]*"]) == {"Document:001_b67b329c3470edd9", "Document:003_8ab235683617fdde"}  # titled
    assert view.matching(["*经验材料*", "Document:002_f943a519de895b49"]) == {"Document:001_b67b329c3470edd9",
                                                                        "Document:002_f943a519de895b49"}
    with pytest.raises(NotFoundError, match="no loaded document has an id or title matching 'gwr-\\*'"):
        view.matching(["gwr-*"])
    whole = A.diffusion(view, "Program:红色物业")
    assert [d["id"] for d in whole["documents"]] == ["Document:002_f943a519de895b49", "Document:001_b67b329c3470edd9"]
    part = A.diffusion(view.within(view.matching(["*经验材料*"])), "Program:红色物业")
    assert [d["id"] for d in part["documents"]] == ["Document:001_b67b329c3470edd9"] and part["first_adopter"] is None
    assert A.diffusion(view, "Program:红色物业") == whole  # the store's view is unchanged
    summary = A.diffusion_summary(view.within(view.matching(["00[12]_*"])), 2)
    assert summary and all(set(view.mentions[r["id"]]) >= {"Document:001_b67b329c3470edd9",
                                                           "Document:002_f943a519de895b49"} for r in summary)
    assert len(summary) < len(A.diffusion_summary(view, 2))
    with TestClient(create_app(Settings(), store=seeded)) as client:
        r = client.get("/programs/Program:红色物业/diffusion", params={"documents": ["*经验材料*"]})
        assert [d["id"] for d in r.json()["documents"]] == ["Document:001_b67b329c3470edd9"]
        assert r.json()["within"] == {"patterns": ["*经验材料*"], "documents": 1}
        # the other document writes the name, but lies outside: not listed as writing it unextracted either
        assert all(w["doc_id"] == "Document:001_b67b329c3470edd9" for w in r.json()["written_elsewhere"])
        r = client.get("/diffusion", params={"documents": ["00[12]_*"], "min_documents": 2})
        assert [x["id"] for x in r.json()] == [x["id"] for x in summary]
        # a pattern that matches no document is a wrong filter value, not a missing entity: 400 naming the parameter
        # and ids it may match, on every route taking it (it answered 404, as for an id that does not exist)
        for route in ("/programs/Program:红色物业/diffusion", "/diffusion", "/entities/Program:红色物业/diffusion"):
            r = client.get(route, params={"documents": ["*经验材料*", "gwr-*"]})
            assert r.status_code == 400, route
            assert r.json()["detail"].startswith("documents: no loaded document has an id or title matching 'gwr-*' "
                                                 "(ids such as 000_a8eebd8133074170, "), route
        paths = client.get("/openapi.json").json()["paths"]  # the API description says so, and no 404 of /diffusion
        assert "400" in paths["/diffusion"]["get"]["responses"] and "404" not in paths["/diffusion"]["get"]["responses"]
        documents = next(p for p in paths["/diffusion"]["get"]["parameters"] if p["name"] == "documents")
        assert "matches answers 400" in documents["description"]
        # the page says what it counted, and so does the redirect from a name keep the documents asked for
        page = client.get("/entities/红色物业/diffusion", params={"documents": "*经验材料*"}).text
        assert re.search(r'<p id="summary">\s*1 document\b', page)
        assert "Counted within the 1 document whose id or\n  title matches <code>*经验材料*</code>" in page
        # its links keep the documents asked for (a regression check, session 58: the JSON link counted them all)
        json_link = re.search(r'href="(/programs/[^"]+/diffusion[^"]*)">JSON', page).group(1)
        assert client.get(json_link.replace("&amp;", "&")).json()["within"]["documents"] == 1


def test_the_command_line_diffusion_counts_only_the_documents_asked_for(seeded_embedded):
    data = str(seeded_embedded.data_dir)
    r = CliRunner().invoke(main, ["--data-dir", data, "diffusion", "红色物业", "--documents", "*经验材料*"])
    assert r.exit_code == 0, r.output
    assert "Program:红色物业: 1 document, first adopter unknown" in r.stdout
    assert "(counted within the 1 document matching '*经验材料*': " in r.stdout
    r = CliRunner().invoke(main, ["--data-dir", data, "diffusion", "红色物业", "--documents", "gwr-*"])
    assert r.exit_code != 0 and "no loaded document has an id or title matching 'gwr-*'" in r.output


def test_diffusion_names_the_entities_it_did_not_count_whose_names_hold_its_own(store, tmp_path):
    """Either store.  A walkthrough (session 43): 民生实事 answered 8 of the 2025 reports while about 15 more sat on
    nodes of a counted name (20件民生实事, 省十件民生实事) that the answer never mentioned."""
    texts = {"gwr2025-安徽": "今年继续实施民生实事，包括放心家政、安心托幼等项目，"
                            "我们一定把这连着千家万户、事关百姓冷暖的德政工程办好。",
             "gwr2025-黑龙江": "幸福龙江扎实推进，20件民生实事全部完成。"}
    for stem, sentence in texts.items():
        (tmp_path / f"{stem}.txt").write_text(f"2025年政府工作报告\n{sentence}\n", encoding="utf-8")
    assert not load_paths(store, sorted(tmp_path.glob("*.txt")), progress=False).failed
    d = A.diffusion(A.entity_view(store), "Program:民生实事")
    assert [r["id"] for r in d["documents"]] == ["Document:gwr2025-安徽"]
    assert d["variants"] == [{"id": "Program:20件民生实事", "label": "Program", "name": "20件民生实事", "documents": 1,
                              "not_counted": 1}]
    # and the documents that write the name where it was not extracted, with the sentence (over HTTP too)
    with TestClient(create_app(Settings(), store=store)) as client:
        written = client.get("/programs/Program:民生实事/diffusion").json()["written_elsewhere"]
        page = client.get("/entities/Program:民生实事/diffusion").text
        reader = client.get("/read/Document:gwr2025-黑龙江").text
    assert [(w["doc_id"], w["form"], w["sentence"], w["sentences"]) for w in written] == [
        ("Document:gwr2025-黑龙江", "民生实事", "幸福龙江扎实推进，20件民生实事全部完成。", 1)]
    # the page links the sentence in the reader, and lists the variant
    anchor = f"s-{written[0]['sentence_start']}"
    assert f"#{anchor}" in page and f'id="{anchor}">幸福龙江扎实推进' in reader
    assert "/entities/Program%3A20%E4%BB%B6%E6%B0%91%E7%94%9F%E5%AE%9E%E4%BA%8B/diffusion" in page


def test_a_diffusion_asked_by_an_alias_says_which_documents_write_that_name(store, tmp_path):
    """Either store.  A walkthrough (session 45): ``diffusion 乡镇机构改革`` answered with Program:机构改革's 30 documents,
    of which 6 write 乡镇机构改革.  The answer now says which documents write the name asked for.  (乡镇机构改革 has been a
    node of its own since session 65, 机构改革 the kind it narrows: :func:`policykg.graph.resolution_keys.generic_part`;
    here the 1998 report names 政府机构改革 and 机构改革 as one entity, the others one name each.)"""
    texts = {  # sentences of the reports as written (../shared/corpus/gwr)
        "gwr-1998": "1998年政府工作报告\n政府机构改革是深化经济体制改革、促进经济和社会发展的迫切需要，"
                    "是国家领导制度改革的重要内容。\n各级地方政府也要自上而下有步骤有秩序地进行机构改革，精简机构和人员。",
        "gwr-2013": "2013年政府工作报告\n推进政府机构改革，初步建立职能统一的大部门体制框架。",
        "gwr-2018": "2018年政府工作报告\n优化政府机构设置和职能配置，深化机构改革，"
                    "形成职责明确、依法行政的政府治理体系，增强政府公信力和执行力。"}
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
    assert not load_paths(store, sorted(tmp_path.glob("*.txt")), progress=False).failed
    # which documents write each name, read from the texts: 机构改革 not after 政府, and 政府机构改革
    writes = {"机构改革": {f"Document:{s}" for s, t in texts.items() if t.replace("政府机构改革", "").count("机构改革")},
              "政府机构改革": {f"Document:{s}" for s, t in texts.items() if "政府机构改革" in t}}
    assert writes == {"机构改革": {"Document:gwr-1998", "Document:gwr-2018"},
                      "政府机构改革": {"Document:gwr-1998", "Document:gwr-2013"}}
    with TestClient(create_app(Settings(), store=store)) as client:
        node = client.get("/programs/政府机构改革/diffusion").json()["node"]
        assert client.get("/programs/机构改革/diffusion").json()["node"] == node  # one entity, three documents
        alias = next(n for n in writes if n != node["name"])  # the name that is not the node's own
        answer = client.get(f"/programs/{alias}/diffusion").json()
        page = client.get(f"/entities/Program:{alias}/diffusion").text
        own = client.get(f"/programs/{node['id']}/diffusion").json()
    assert len(answer["documents"]) == 3
    assert set(answer["form"]["documents"]) == writes[alias] and answer["form"]["name"] == alias
    assert f"<strong>{alias}</strong>, a name of this entity: 2 of" in page
    assert "form" not in own  # asked by its own id: nothing to tell apart


def test_the_variants_of_a_diffusion_are_names_around_its_own_not_the_parts_of_an_alias(tmp_path):
    # a walkthrough (session 45): the variants of 高标准农田 listed Program:增发国债, a part of the alias 增发国债高标准农田
    # that 黑龙江's report gave the node; 增发国债 (gwr-2001) is the treasury bonds, not a kind of farmland
    from policykg.graph.embedded import EmbeddedStore

    texts = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
    (tmp_path / "gwr-2001.txt").write_text("2001年政府工作报告\n既增发国债、扩大投资，又适当增加城镇中低收入居民的收入，"
                                           "鼓励增加消费，从两个方面拉动经济增长。\n", encoding="utf-8")
    (tmp_path / "gwr-2009.txt").write_text("2009年政府工作报告\n大规模开展土地整治，实行田、水、路、林综合治理，"
                                           "推进中低产田改造，建设高标准农田。\n", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "data")
    try:
        paths = [tmp_path / "gwr-2001.txt", tmp_path / "gwr-2009.txt", texts / "gwr2025-黑龙江.txt"]
        assert not load_paths(store, paths, progress=False).failed
        view = A.entity_view(store)
        assert "增发国债高标准农田" in view.node("Program:高标准农田")["aliases"] and "Program:增发国债" in view.graph.nodes
        found = [v["id"] for v in A.variants(view, "Program:高标准农田")]
        assert "Program:增发国债" not in found
        assert any("高标准农田" in v for v in found)  # a name holding it still is one (高标准农田建设项目, …)
    finally:
        store.close()


def test_diffusion_summary_lists_cross_document_entities_with_years(view):
    rows = A.diffusion_summary(view, min_documents=2)
    by_id = {r["id"]: r for r in rows}
    assert by_id["Goal:乡村振兴"]["documents"] == 5
    assert (by_id["Goal:乡村振兴"]["first_year"], by_id["Goal:乡村振兴"]["last_year"]) == (2022, 2023)
    assert "Program:红色物业" in by_id and all(r["documents"] >= 2 for r in rows)
    assert [r["documents"] for r in rows] == sorted((r["documents"] for r in rows), reverse=True)
    assert {r["label"] for r in A.diffusion_summary(view, 2, label="Goal")} == {"Goal"}


def test_related_programs_share_a_sentence_or_section(view):
    rel = {r["id"]: r for r in A.related(view, "Program:红色物业", "Program", 50)}
    # 001: 推行“红色物业”建设、“五星”支部创建… in one sentence
    assert rel["Program:五星支部创建"]["sentences"] >= 1
    assert all(r["sections"] >= 1 for r in rel.values())


def test_analytics_routes(client):
    d = client.get("/programs/Program:红色物业/diffusion").json()
    assert d["first_adopter"]["year"] == 2022
    assert client.get("/programs/红色物业/diffusion").json() == d  # bare names are Program names
    assert client.get("/programs/Program:无/diffusion").status_code == 404
    rows = client.get("/diffusion", params={"min_documents": 3}).json()
    assert rows and all(r["documents"] >= 3 for r in rows)
    # a page says how many there are in all (a walkthrough, session 46: 200 of 1,871 came with no word of the rest)
    page = client.get("/diffusion", params={"min_documents": 3, "limit": 2})
    assert page.json() == rows[:2] and page.headers["x-total-count"] == str(len(rows)) and len(rows) > 2
    central = client.get("/analytics/central", params={"label": "Goal", "measure": "pagerank", "limit": 5}).json()
    assert len(central) == 5 and central[0]["id"] == "Goal:乡村振兴"
    assert client.get("/analytics/central", params={"measure": "nope"}).status_code == 422
    # the analytics collapse sections: Section answered an empty list (a walkthrough, session 45), now a refusal
    for route in ("/analytics/central", "/analytics/communities", "/diffusion", "/programs/Program:红色物业/related"):
        r = client.get(route, params={"label": "Section"})
        assert r.status_code == 422 and "label" in r.text, route
    comms = client.get("/analytics/communities", params={"label": "Program", "limit": 3}).json()
    assert len(comms) == 3 and comms[0]["members"]
    assert "五星支部创建" in {r["name"] for r in client.get("/programs/Program:红色物业/related").json()}
    related = client.get("/programs/Program:红色物业/related", params={"limit": 1})
    assert len(related.json()) == 1 and int(related.headers["x-total-count"]) > 1


def test_the_cached_analytics_view_follows_writes(tmp_path, seed_paths):
    from policykg.graph.embedded import EmbeddedStore
    from policykg.ingest import load_paths

    store = EmbeddedStore(tmp_path / "d")
    load_paths(store, seed_paths[:4], progress=False)
    with TestClient(create_app(Settings(), store=store)) as c:
        before = c.get("/programs/Program:容错纠错机制/diffusion").json()["documents"]
        load_paths(store, seed_paths[4:], progress=False)  # 004 mentions it as well
        after = c.get("/programs/Program:容错纠错机制/diffusion").json()["documents"]
    assert len(after) == len(before) + 1
    assert "Document:004_4f30f3f8533a85fe" in {d["id"] for d in after}
    store.close()


def test_a_place_is_named_with_or_without_its_level_word_and_a_document_without_its_prefix(view):
    from policykg.graph.compare import compare

    full = compare(view, "**市", "Document:003_8ab235683617fdde")
    assert full["a"]["documents"] == ["Document:001_b67b329c3470edd9"]
    short = compare(view, "**", "003_8ab235683617fdde")  # a 404 before: only the place as stored was read
    assert short["labels"] == full["labels"] and short["a"]["documents"] == full["a"]["documents"]
    with pytest.raises(NotFoundError, match=r"places: \*\*市"):
        compare(view, "上海", "**市")


def test_a_place_compared_in_one_year_leaves_its_other_years_out(tmp_path):
    # a walkthrough (session 50): 广东省 pooled the 1921 report of the first congress with the 2025 work report
    from policykg.graph.compare import compare
    from policykg.graph.embedded import EmbeddedStore

    texts = {"gd-undated": "广东省某地报告\n我们推动了国民革命运动。\n",
             "gd-2024": "2024年广东省政府工作报告\n深入实施百县千镇万村高质量发展工程，推进河长制。\n",
             "gd-2025": "2025年广东省政府工作报告\n深入实施百县千镇万村高质量发展工程，全面推行林长制。\n",
             "hn-2025": "2025年湖南省政府工作报告\n全面推行林长制，实施强省会战略。\n"}
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    store = EmbeddedStore(tmp_path / "data")
    assert not load_paths(store, sorted(tmp_path.glob("*.txt")), progress=False).failed
    view = A.entity_view(store)
    pooled, one_year = compare(view, "广东", "湖南"), compare(view, "广东", "湖南", year=2025)
    # a document of no known year is left out beside dated ones (a walkthrough, session 55: 广东 pooled its 1921 report)
    undated = view.documents["Document:gd-undated"]
    assert undated["place"] == "广东省" and undated.get("year") is None
    assert pooled["a"]["years"] == [2024, 2025] and one_year["a"]["years"] == [2025]
    assert pooled["a"]["documents"] == ["Document:gd-2024", "Document:gd-2025"]
    # a place is read as search reads names: traditional script, spaces around it
    assert compare(view, " 廣東 ", "湖南")["a"]["documents"] == pooled["a"]["documents"]
    assert one_year["a"]["documents"] == ["Document:gd-2025"] and one_year["year"] == 2025
    only_a = {e["name"] for e in pooled["labels"]["Program"]["only_a"]}
    assert "河长制" in only_a and "河长制" not in {e["name"] for e in one_year["labels"]["Program"]["only_a"]}
    with pytest.raises(ValueError, match=r"^year=2024: no document of 湖南省 is of 2024 \(its years: 2025; give one of "
                                         r"them or leave year out\)$"):
        compare(view, "广东", "湖南", year=2024)
    # one place in two years (it answered "the same documents", with no way but document ids: session 50)
    across = compare(view, "广东", "广东", year=2024, b_year=2025)
    assert (across["a"]["documents"], across["b"]["documents"]) == (["Document:gd-2024"], ["Document:gd-2025"])
    assert {e["name"] for e in across["labels"]["Program"]["only_b"]} >= {"林长制"}
    with pytest.raises(ValueError, match="one place in two years: year= for A, b_year= for B"):
        compare(view, "广东", "广东省")
    with TestClient(create_app(Settings(), store=store)) as client:
        page = client.get("/compare", params={"a": "广东", "b": "湖南"}).text
        assert "A: 广东 (2 documents: 2024, 2025)" in page
        # the form shows the places asked for, so Compare sends them again (an explorer walkthrough, session 51: no
        # option was selected for 广东, both lists showed their first place, and Compare compared it with itself)
        assert re.search(r'<option value="广东省" selected>', page) and re.search(r'<option value="湖南省" selected>', page)
        assert len(re.findall(r"<option value=\"\" selected>", client.get("/compare").text)) == 2
        r = client.get("/compare", params={"a": "广东", "b": "湖南", "year": 2025, "format": "json"}).json()
        assert r["a"]["documents"] == ["Document:gd-2025"]
        # the page's form sends an empty year for any year; a year that is none is refused
        assert "A: 广东 (2 documents: 2024, 2025)" in client.get("/compare", params={"a": "广东", "b": "湖南", "year": ""}).text
        assert client.get("/compare", params={"a": "广东", "b": "湖南", "year": "25"}).status_code == 422
        page = client.get("/compare", params={"a": "广东", "b": "广东", "year": "2024", "b_year": "2025"}).text
        assert "A: 广东 (1 document: 2024) · B: 广东 (1 document: 2025)" in page
    store.close()


def test_search_lists_the_aliases_holding_the_query_first_and_says_how_many_more(reports_data):
    # a walkthrough (session 54): search showed the first five aliases and no sign of more, and hid 政府机构改革, the
    # alias the researcher was looking for
    r = CliRunner().invoke(main, ["--data-dir", str(reports_data), "search", "改革", "--label", "Program"])
    line = next(x for x in r.output.splitlines() if "Program:高效办成一件事" in x)
    shown = line.split("(", 1)[1]
    assert shown.startswith(("便民利企高效办成一件事改革", "高效办成一件事改革")) and re.search(r"… \d+ more\)$", shown)


def test_an_autonomous_region_is_named_by_its_short_name(tmp_path):
    # a walkthrough (session 54): /compare read 内蒙古 but answered 404 for 广西, 宁夏 and 新疆, stored as
    # 广西壮族自治区, 宁夏回族自治区, 新疆维吾尔自治区 (the short name leaves out the peoples with the level word)
    from policykg.graph.compare import compare
    from policykg.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "data")
    paths = [TEXTS / f"gwr2025-{p}.txt" for p in ("广西", "宁夏", "新疆")]
    assert not load_paths(store, paths, progress=False).failed
    view = A.entity_view(store)
    assert {d["place"] for d in view.documents.values()} == {"广西壮族自治区", "宁夏回族自治区", "新疆维吾尔自治区"}
    found = compare(view, "广西", "宁夏")
    assert (found["a"]["documents"], found["b"]["documents"]) == (["Document:gwr2025-广西"], ["Document:gwr2025-宁夏"])
    assert compare(view, "新疆", "广西壮族自治区")["a"]["documents"] == ["Document:gwr2025-新疆"]
    store.close()


def test_a_diffusion_page_names_earlier_documents_that_write_the_name_unextracted(tmp_path):
    # a walkthrough (session 54): "first adopter: 上海市 … (none earlier)" while the same page listed the 2024 national
    # report writing 办好民生实事 where it was not extracted
    from policykg.graph.embedded import EmbeddedStore

    data = tmp_path / "data"
    paths = [str(TEXTS / "guowuyuan_zhengfu_gongzuo_baogao_2024.txt"), str(TEXTS / "gwr2025-上海.txt")]
    assert CliRunner().invoke(main, ["--data-dir", str(data), "load", *paths, "--quiet"]).exit_code == 0
    store = EmbeddedStore(data, read_only=True)
    with TestClient(create_app(Settings(), store=store)) as client:
        page = client.get("/entities/Program:民生实事/diffusion").text
    store.close()
    summary = re.sub(r"\s+", " ", re.sub("<[^>]+>", "", page.split('<p id="summary">', 1)[1].split("</p>", 1)[0]))
    assert "first adopter: 上海市" in summary
    assert "1 earlier document writes its name where it was not extracted, from 2024" in summary


def test_a_diffusion_pages_years_span_its_dated_documents_only(client, view):
    # an explorer walkthrough (session 57): "2 documents of 2022" where one of the two has no year; and Body:物业 was a
    # "variant" of Program:红色物业 (a name of another label inside its own; in the seeds Body:事业单位 of 事业单位改革)
    page = client.get("/entities/Program:红色物业/diffusion").text
    summary = re.sub(r"\s+", " ", re.sub("<[^>]+>", "", page.split('<p id="summary">', 1)[1].split("</p>", 1)[0]))
    assert summary.startswith("2 documents (1 of 2022, 1 of unknown year); first adopter:"), summary
    assert "Body:事业单位" in view.graph.nodes
    assert all(v["label"] == "Program" or "事业单位改革" in v["name"] for v in A.variants(view, "Program:事业单位改革"))


def test_documents_of_one_row_and_year_are_drawn_apart():
    # an explorer walkthrough (session 57): two national documents of 2022 were one dot, and a click opened one
    from policykg.viz.research import diffusion_chart

    docs = [{"id": f"Document:{i}", "year": y, "level": "国", "place": None, "forms": ["乡村振兴"]}
            for i, y in (("a", 2022), ("b", 2022), ("c", 2023))]
    chart = diffusion_chart({"documents": docs, "first_adopter": docs[0], "first_year": 2022, "last_year": 2023})
    at = {p["doc"]: (p["x"], p["year"], p["y"]) for p in chart["points"]}
    assert at["Document:a"][1:] == at["Document:b"][1:] == (2022, chart["groups"][0])
    assert at["Document:a"][0] != at["Document:b"][0] and abs(at["Document:a"][0] - 2022) < 0.5
    assert at["Document:c"][0] == 2023


def test_the_diffusion_chart_draws_the_national_documents_first(tmp_path):
    # a walkthrough (session 55): the national row was drawn under every province's and read "国 · place unknown":
    # the chart ordered levels from 中央, and the loader gives a national document the level 国
    from policykg.graph.embedded import EmbeddedStore
    from policykg.viz.research import diffusion_chart, render_diffusion

    store = EmbeddedStore(tmp_path / "data")
    paths = [TEXTS / f"{stem}.txt" for stem in ("gwr2025-浙江", "gwr2025-河南", "guowuyuan_zhengfu_gongzuo_baogao_2024")]
    assert not load_paths(store, paths, progress=False).failed
    view = A.entity_view(store)
    national = view.documents["Document:guowuyuan_zhengfu_gongzuo_baogao_2024"]
    assert national["level"] == "国" and not national.get("place")
    node = next(n for n in ("Goal:高质量发展", "Goal:新质生产力") if n in view.graph and len(view.mentions.get(n, {})) == 3)
    result = A.diffusion(view, node)
    chart = diffusion_chart(result)
    assert chart["groups"][0] == "国 · 全国" and len(chart["groups"]) == 3, chart["groups"]
    assert "place unknown" not in render_diffusion(result)
    store.close()
