"""A curation decision acts on the node it was made on: the mentions it moves are that node's (for a detach, those
written as the alias), whatever other nodes hold one of its names as an alias; every other mention stays put."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BACKENDS, _open
from policykg.curate import decide, decision_fields, reapply
from policykg.graph.curation import Curation
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.names import match_key
from policykg.ingest import load_paths

TEXTS = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"
REFORM = ("上海", "广西", "江西", "浙江", "重庆")  # 上海 makes 政府机构改革, 广西's 新一轮机构改革 makes 机构改革


def _placed(store: EmbeddedStore) -> dict[tuple[str, int], str]:
    return {(e["doc_id"], start): e["target"] for e in store.iter_edges(["MENTIONS"]) for start in e["starts"]}


def _resolved(store) -> dict[tuple[str, int], tuple[str, str]]:
    return {(e["doc_id"], start): (e["target"], e.get("resolution")) for e in store.iter_edges(["MENTIONS"])
            for start in e["starts"]}


def _load(tmp_path: Path, provinces: tuple[str, ...]) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "data")
    assert not load_paths(store, [TEXTS / f"gwr2025-{p}.txt" for p in provinces], progress=False).failed
    return store


@pytest.mark.parametrize(("provinces", "action", "node", "fields", "lands"), [
    # 浙江 writes 政府机构改革 and 机构改革, one entity there on Program:政府机构改革: the rename of Program:机构改革 moved
    # both mentions of 浙江 to the renamed node, the retype its 机构改革 to Goal:机构改革 (session 61)
    (REFORM, "rename", "Program:机构改革", {"canonical": "机构改革新名"}, "Program:机构改革新名"),
    (REFORM, "retype", "Program:机构改革", {"to": "Goal"}, "Goal:机构改革"),
    # detached, 广西's 新一轮机构改革 took 江西's 机构改革 by its round-less form and 重庆's went to 政府机构改革 by 浙江's
    # alias: Program:机构改革 was gone
    (REFORM, "detach", "Program:机构改革", {"alias": "新一轮机构改革"}, "Program:新一轮机构改革"),
    # 保交房 detached from the node of 云南's 保交房攻坚战 moved 甘肃's 保交房工作 too, which its preview does not count
    (("云南", "内蒙古", "山东", "甘肃"), "detach", "Program:保交房攻坚战", {"alias": "保交房"}, "Program:保交房"),
])
def test_a_decision_moves_the_mentions_of_the_node_it_was_made_on_and_no_other(tmp_path, provinces, action, node,
                                                                                fields, lands):
    store = _load(tmp_path, provinces)
    before = _placed(store)
    mentions = store.get_node(node)["mentions"]
    if action == "detach":
        mentions = [m for m in mentions if match_key(m["surface"]) == match_key(fields["alias"])]
    decided = {(m["doc_id"], m["start"]) for m in mentions}
    assert decided
    decide(store, Curation(tmp_path / "curation.toml"), decision_fields(action, node=node, store=store, **fields))
    after = _placed(store)
    store.close()
    assert {k for k, v in before.items() if after.get(k) != v} == decided
    assert {after[k] for k in decided} == {lands}


def test_an_alias_another_node_holds_stays_with_that_node(tmp_path):
    # the case of the defect, as a curator sees it: 浙江's 政府机构改革 keeps its 机构改革 whatever is decided about
    # Program:机构改革
    store = _load(tmp_path, REFORM)
    zj = "Document:gwr2025-浙江"
    held = store.get_node("Program:政府机构改革")
    assert held["forms_by_document"][zj] == ["政府机构改革", "机构改革"]
    cur = Curation(tmp_path / "curation.toml")
    decide(store, cur, decision_fields("rename", node="Program:机构改革", canonical="新一轮机构改革", store=store))
    decide(store, cur, decision_fields("retype", node="Program:新一轮机构改革", to="Goal", store=store))
    after = store.get_node("Program:政府机构改革")
    goal = store.get_node("Goal:新一轮机构改革")
    store.close()
    assert after["forms_by_document"][zj] == ["政府机构改革", "机构改革"] and after["mentions"] == held["mentions"]
    assert sorted({m["doc_id"] for m in goal["mentions"]}) == [f"Document:gwr2025-{p}" for p in ("广西", "江西", "重庆")]


@pytest.mark.parametrize(("first", "later", "decisions", "written", "lands"), [
    # renamed 国家级开发区, the national 开发区 of 山西 and 浙江 keeps its old name as its own, which 山东's 开发区改革 joins
    # it by loaded with them; loaded after the rename, it made a node Program:开发区改革 of its own (session 61)
    (("山西", "浙江"), ("山东",), [("rename", "Program:开发区", {"canonical": "国家级开发区"})],
     "开发区改革", "Program:国家级开发区"),
    # 新一轮机构改革 detached from the node 广西 made: 江西's and 重庆's 机构改革, loaded after, joined the detached alias by
    # its round-less form, which the re-application does not register
    (("广西",), ("江西", "重庆"), [("detach", "Program:机构改革", {"alias": "新一轮机构改革"})], "机构改革", "Program:机构改革"),
    # renamed and retyped: a later 机构改革 is the retyped node, not 浙江's 政府机构改革, which holds it as an alias
    (("上海", "广西", "浙江"), ("江西", "重庆"), [("rename", "Program:机构改革", {"canonical": "新一轮机构改革"}),
                                                ("retype", "Program:新一轮机构改革", {"to": "Goal"})],
     "机构改革", "Goal:新一轮机构改革"),
])
@pytest.mark.parametrize("kind", BACKENDS)
def test_a_later_load_resolves_new_documents_as_the_curation_says(kind, tmp_path, first, later, decisions, written,
                                                                   lands):
    # the index of a later load is built from the store's names (GraphStore.entity_names): both stores
    store, cur = _open(kind, tmp_path / "data"), Curation(tmp_path / "curation.toml")
    assert not load_paths(store, [TEXTS / f"gwr2025-{p}.txt" for p in first], progress=False, curation=cur).failed
    for action, node, fields in decisions:
        decide(store, cur, decision_fields(action, node=node, store=store, **fields))
    report = load_paths(store, [TEXTS / f"gwr2025-{p}.txt" for p in later], progress=False, curation=cur)
    assert not report.failed and not report.reapplied  # the store was written under this curation already
    new = {f"Document:gwr2025-{p}" for p in later}
    placed = {e["target"] for e in store.iter_edges(["MENTIONS"]) if e["doc_id"] in new
              for surface in e["surfaces"] if match_key(surface) == match_key(written)}
    loaded = _resolved(store)
    reapply(store, cur, force=True)  # every document resolved again, from scratch, in load order
    again = _resolved(store)
    store.close()
    assert placed == {lands}
    # one registration of the curated nodes (node_fates, register): the load's index and the re-resolution's give
    # every mention the same node and the same reason
    assert loaded == again
