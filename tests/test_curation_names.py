"""What a rename or merge keeps of the node it decides about: every mention it held, under its new name, and the
reasons its documents were resolved onto it."""

from __future__ import annotations

from pathlib import Path

import pytest
from curation_seeds import SYSTEM, WORK

from policykg.curate import decide, decision_fields, reapply
from policykg.errors import NotFoundError
from policykg.graph.curation import Curation
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

TEXTS = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"


def _mentions(store: EmbeddedStore, nid: str) -> set[tuple[str, int]]:
    return {(m["doc_id"], m["start"]) for m in store.get_node(nid)["mentions"]}


def test_a_rename_written_by_hand_to_an_alias_keeps_one_node(tmp_path):
    # 北京 writes 集体经营性建设用地入市改革, 山西 …入市试点, 宁夏 and 广东 …入市, which joined the node by its name without
    # 改革 (rule:program-form); renamed to the alias 集体经营性建设用地入市试点 in the curation file, 宁夏's and 广东's
    # became a node Program:集体经营性建设用地入市 of their own.  The national 开发区, renamed to its alias 国家级开发区,
    # lost 山东's 开发区改革 and 江西's 开发区管理制度改革 (the old name is 国家级开发区 without its scope, which the
    # index does not register as an alias).  The 2024 report's 新一轮机构改革 made the node Program:机构改革 (a node is
    # named without the round of its writing), which 广西's 新一轮机构改革 and 江西's and 重庆's 机构改革 joined; renamed
    # to that alias, the documents writing it made Program:机构改革 again, beside the renamed node (浙江's 政府机构改革
    # joined it too).
    stems = ["gwr2025-北京", "gwr2025-宁夏", "gwr2025-山西", "gwr2025-广东", "guowuyuan_zhengfu_gongzuo_baogao_2022",
             "guowuyuan_zhengfu_gongzuo_baogao_2024", "gwr2025-山东", "gwr2025-江西", "gwr2025-浙江", "gwr2025-广西",
             "gwr2025-重庆"]
    store = EmbeddedStore(tmp_path / "data")
    assert not load_paths(store, [TEXTS / f"{s}.txt" for s in stems], progress=False).failed
    land, zones, reform = "Program:集体经营性建设用地入市改革", "Program:开发区", "Program:机构改革"
    before = {land: _mentions(store, land), zones: _mentions(store, zones), reform: _mentions(store, reform)}
    assert {d for d, _ in before[land]} == {f"Document:gwr2025-{p}" for p in ("北京", "宁夏", "山西", "广东")}
    assert len({d for d, _ in before[zones]}) == 6
    assert "集体经营性建设用地入市试点" in store.get_node(land)["node"]["aliases"]
    assert "国家级开发区" in store.get_node(zones)["node"]["aliases"]
    assert "新一轮机构改革" in store.get_node(reform)["node"]["aliases"] and len({d for d, _ in before[reform]}) == 5
    path = tmp_path / "curation.toml"
    path.write_text('[[decision]]\naction = "rename"\nlabel = "Program"\nname = "集体经营性建设用地入市改革"\n'
                    'canonical = "集体经营性建设用地入市试点"\n\n'
                    '[[decision]]\naction = "rename"\nlabel = "Program"\nname = "开发区"\ncanonical = "国家级开发区"\n\n'
                    '[[decision]]\naction = "rename"\nlabel = "Program"\nname = "机构改革"\ncanonical = "新一轮机构改革"\n',
                    encoding="utf-8")
    reapply(store, Curation(path))
    assert _mentions(store, "Program:集体经营性建设用地入市试点") == before[land]
    assert _mentions(store, "Program:国家级开发区") == before[zones]
    assert "集体经营性建设用地入市改革" in store.get_node("Program:集体经营性建设用地入市试点")["node"]["aliases"]
    assert _mentions(store, "Program:新一轮机构改革") == before[reform]
    for split in ("Program:集体经营性建设用地入市", reform):  # the nodes of the old code's split
        with pytest.raises(NotFoundError):
            store.get_node(split)
    store.close()


def test_a_merge_keeps_the_reasons_both_sides_were_resolved_by(tmp_path, seed_paths):
    # the README's merge: 002 joined the node of 制度 by fuzzy:97, 004 the node of 工作 by exact; after the merge every
    # document said curated:d1
    store = EmbeddedStore(tmp_path / "seeds")
    assert not load_paths(store, seed_paths, progress=False).failed
    assert store.get_node(SYSTEM)["node"]["merged_by"] == ["Document:002_f943a519de895b49 fuzzy:97"]
    assert store.get_node(WORK)["node"]["merged_by"] == ["Document:004_4f30f3f8533a85fe exact"]
    decide(store, Curation(tmp_path / "seeds.toml"), decision_fields("merge", nodes=[SYSTEM, WORK], store=store))
    merged = store.get_node(SYSTEM)
    made = {e["resolution"] for e in store.iter_edges(["MENTIONS"])
            if e["target"] == SYSTEM and e["doc_id"] == "Document:000_a8eebd8133074170"}
    store.close()
    # 000 made the node the merge keeps: its reason stays new (not listed), where it read curated:d1 (session 61);
    # 003 made the other node, which only the merge puts here
    assert merged["node"]["merged_by"] == ["Document:002_f943a519de895b49 fuzzy:97",
                                           "Document:003_8ab235683617fdde curated:d1", "Document:004_4f30f3f8533a85fe exact"]
    assert made == {"new"}


def test_a_merge_keeps_the_reasons_a_document_made_its_names_one_by(tmp_path):
    # the 2019, 2021 and 2022 reports each write 经济运行保持在合理区间 and 保持经济运行在合理区间, two Goal nodes (the second
    # named 经济运行在合理区间, as 2019 writes it after 确保: guide rule 9); 2021 had made 保持经济运行在合理区间 one with it
    # (without the verb of the clause before it), which the merge's "two names resolved to one node" overwrote, as
    # curated:d1 overwrote why 2021 and 2022 had joined the nodes
    store = EmbeddedStore(tmp_path / "reports")
    reports = [TEXTS / f"guowuyuan_zhengfu_gongzuo_baogao_{y}.txt" for y in (2019, 2021, 2022)]
    assert not load_paths(store, reports, progress=False).failed
    kept, verb = "Goal:经济运行保持在合理区间", "Goal:经济运行在合理区间"
    report = "Document:guowuyuan_zhengfu_gongzuo_baogao_{}".format
    assert store.get_node(kept)["node"]["merged_by"] == store.get_node(verb)["node"]["merged_by"] == [
        f"{report(2021)} exact", f"{report(2022)} exact"]
    why = "保持经济运行在合理区间: the same name with and without a place, scope or verb of the clause before it"
    assert store.get_node(verb)["merges_by_document"][report(2021)] == [why]
    decide(store, Curation(tmp_path / "reports.toml"), decision_fields("merge", nodes=[kept, verb], store=store))
    node = store.get_node(kept)
    store.close()
    assert why in node["merges_by_document"][report(2021)]
    # 2019 made the node the merge keeps (new), its other name folded into it by the merge
    assert node["node"]["merged_by"] == [f"{report(2021)} exact", f"{report(2022)} exact"]
    # the form the merge joined in each report says so
    assert "经济运行在合理区间: two names resolved to one node (curated:d1)" in node["merges_by_document"][report(2019)]


def _reasons(store: EmbeddedStore, nid: str) -> dict[str, str]:
    return {e["doc_id"].removeprefix("Document:gwr2025-"): e["resolution"] for e in store.iter_edges(["MENTIONS"])
            if e["target"] == nid}


def test_a_rename_keeps_the_reasons_its_documents_joined_the_node_by(tmp_path):
    # 广西's 新一轮机构改革 made Program:机构改革 (named without its round), which 江西 and 重庆 joined by its name; renamed
    # 新一轮机构改革, 江西 read curated:d1 (it joined by the old name, which 广西 never wrote) where 重庆, joining by the
    # same name, read exact, and 广西, which made the node, read curated:d1 where it had read new
    store, cur = EmbeddedStore(tmp_path / "data"), Curation(tmp_path / "curation.toml")
    reform = [TEXTS / f"gwr2025-{p}.txt" for p in ("上海", "广西", "江西", "浙江", "重庆")]
    assert not load_paths(store, reform, progress=False, curation=cur).failed
    before = _reasons(store, "Program:机构改革")
    assert before == {"广西": "new", "江西": "exact", "重庆": "exact"}
    decide(store, cur, decision_fields("rename", node="Program:机构改革", canonical="新一轮机构改革", store=store))
    after = _reasons(store, "Program:新一轮机构改革")
    store.close()
    assert after == before


def test_a_document_loaded_after_a_rename_joins_by_the_old_name_exactly(tmp_path):
    # the same, 江西 and 重庆 loaded after the rename: the index of the stored nodes holds the old name as the node's
    store, cur = EmbeddedStore(tmp_path / "data"), Curation(tmp_path / "curation.toml")
    assert not load_paths(store, [TEXTS / "gwr2025-广西.txt"], progress=False, curation=cur).failed
    decide(store, cur, decision_fields("rename", node="Program:机构改革", canonical="新一轮机构改革", store=store))
    later = [TEXTS / f"gwr2025-{p}.txt" for p in ("江西", "重庆")]
    assert not load_paths(store, later, progress=False, curation=cur).failed
    loaded = _reasons(store, "Program:新一轮机构改革")
    reapply(store, cur, force=True)
    again = _reasons(store, "Program:新一轮机构改革")
    store.close()
    assert loaded == again == {"广西": "new", "江西": "exact", "重庆": "exact"}
