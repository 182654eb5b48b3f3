"""What a rename or merge keeps of the node it decides about: every mention it held, under its new name, and the
reasons its documents were resolved onto it."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.curate import reapply
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
