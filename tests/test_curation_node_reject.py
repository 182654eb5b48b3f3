"""A reject made on a node (the explorer's panel, ``POST /curation/reject {"node": …}``) removes the mentions the
resolution put on that node, as its preview counts them, and no other; a reject of a name acts on the name wherever
it is extracted, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BACKENDS, _open
from policykg.curate import decide, decision_fields, preview, reapply
from policykg.graph.curation import Curation, make_decision
from policykg.ingest import load_paths

TEXTS = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"
#: 上海 makes Program:政府机构改革, 广西's 新一轮机构改革 makes Program:机构改革, which 江西's and 重庆's 机构改革 join;
#: 浙江 writes 政府机构改革 and 机构改革, one entity there on Program:政府机构改革 (gwr2025 reports, loaders/training/texts)
REFORM = ("上海", "广西", "江西", "浙江", "重庆")
ZJ = "Document:gwr2025-浙江"


def _placed(store) -> dict[tuple[str, int], tuple[str, str]]:
    """(document, start) -> (node, resolution) of every mention in the store."""
    return {(e["doc_id"], start): (e["target"], e.get("resolution")) for e in store.iter_edges(["MENTIONS"])
            for start in e["starts"]}


def _load(store, provinces: tuple[str, ...], cur: Curation | None = None) -> None:
    report = load_paths(store, [TEXTS / f"gwr2025-{p}.txt" for p in provinces], progress=False, curation=cur)
    assert not report.failed


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_reject_of_a_node_removes_its_mentions_and_no_other(kind, tmp_path):
    # rejected from the panel, Program:机构改革 had also taken the 机构改革 of 浙江, which the resolution put on
    # Program:政府机构改革 (it holds 机构改革 as an alias within its report), and its preview had counted it
    store, cur = _open(kind, tmp_path / "data"), Curation(tmp_path / "curation.toml")
    _load(store, REFORM)
    before = _placed(store)
    node = "Program:机构改革"
    held = {(m["doc_id"], m["start"]) for m in store.get_node(node)["mentions"]}
    assert {d for d, _ in held} == {f"Document:gwr2025-{p}" for p in ("广西", "江西", "重庆")}
    kept = store.get_node("Program:政府机构改革")
    assert kept["forms_by_document"][ZJ] == ["政府机构改革", "机构改革"]
    raw = decision_fields("reject", node=node, store=store)
    counted = preview(store, make_decision({**raw, "id": "new"}, "test"), cur)
    decision = decide(store, cur, raw)[0]
    after = _placed(store)
    zj = store.get_node("Program:政府机构改革")
    store.close()
    assert {k for k, v in before.items() if after.get(k) != v} == held  # gone, every other mention where it was
    assert not held & after.keys()
    assert (counted["mentions"], counted["documents"], counted["nodes"]) == (len(held), 3, [node])
    assert zj["forms_by_document"][ZJ] == ["政府机构改革", "机构改革"] and zj["mentions"] == kept["mentions"]
    assert decision.node == node and 'node = "Program:机构改革"' in cur.path.read_text(encoding="utf-8")


def test_a_reject_of_a_name_still_takes_the_name_wherever_it_is_extracted(tmp_path):
    # `curate reject 机构改革 --label Program` is a decision about the name: the mentions written 机构改革 go, 浙江's too
    # (江西, 重庆, 浙江), 广西's 新一轮机构改革 stays
    store, cur = _open("embedded", tmp_path / "data"), Curation(tmp_path / "curation.toml")
    _load(store, REFORM)
    raw = decision_fields("reject", name="机构改革", label="Program")
    counted = preview(store, make_decision({**raw, "id": "new"}, "test"), cur)
    decide(store, cur, raw)
    zj = store.get_node("Program:政府机构改革")
    store.close()
    assert zj["forms_by_document"][ZJ] == ["政府机构改革"] and counted["documents"] == 3


def test_a_node_reject_written_by_hand_and_an_older_one_are_read(tmp_path):
    # a file written before `node`: a reject from the panel recorded label, name and names, read as a reject of those
    # names (as it was applied then); `node` alone is a reject of that node, its label and name taken from the id
    old = make_decision({"action": "reject", "label": "Program", "name": "机构改革", "names": ["新一轮机构改革"]}, "old")
    assert old.node is None and old.label == "Program"
    new = make_decision({"action": "reject", "node": "Program:机构改革"}, "new")
    assert (new.label, new.name, new.node) == ("Program", "机构改革", "Program:机构改革")
    assert new.to_dict() == {"id": new.id, "action": "reject", "node": "Program:机构改革"}
    assert new.describe().endswith("reject node Program:机构改革")
    for bad in ({"node": "机构改革"}, {"node": "Program:机构改革", "name": "政府机构改革"},
                {"node": "Program:机构改革", "label": "Goal"}):
        with pytest.raises(Exception, match="node"):
            make_decision({"action": "reject", **bad}, "bad")
    with pytest.raises(Exception, match="node"):
        make_decision({"action": "retype", "node": "Program:机构改革", "to": "Goal"}, "bad")


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_load_after_a_node_reject_places_as_the_curation_does_from_scratch(kind, tmp_path):
    # loaded after the reject, 江西's and 重庆's 机构改革 are mentions of the rejected node, not of 浙江's
    # Program:政府机构改革 (whose alias they are): they leave, as they do when every report is resolved again
    store, cur = _open(kind, tmp_path / "data"), Curation(tmp_path / "curation.toml")
    _load(store, ("上海", "广西", "浙江"), cur)
    decide(store, cur, decision_fields("reject", node="Program:机构改革", store=store))
    _load(store, ("江西", "重庆"), cur)
    loaded = _placed(store)
    reapply(store, cur, force=True)
    again = _placed(store)
    store.close()
    assert loaded == again
    assert not [k for k, (node, _) in loaded.items() if node == "Program:机构改革"]
    assert not [k for k, (node, _) in loaded.items() if k[0] in ("Document:gwr2025-江西", "Document:gwr2025-重庆")
                and node == "Program:政府机构改革"]


def test_an_add_after_a_reject_of_the_node_makes_the_name_an_entity_again(loaded, tmp_path):
    # in file order the later decision wins, as after a reject of the name: without that, the add's mentions of
    # 红色物业 (seeds 001 and 002) were put on the rejected node and left with it, and the add was reported idle; the
    # add keeps what was extracted (“红色物业”创建, “红色物业”) and adds every occurrence of the name
    cur = Curation(tmp_path / "curation.toml")
    before = {(m["doc_id"], m["start"]) for m in loaded.get_node("Program:红色物业")["mentions"]}
    decide(loaded, cur, decision_fields("reject", node="Program:红色物业", store=loaded))
    assert "Program:红色物业" not in {n["id"] for n in loaded.search("红色物业", "Program", 10)}
    report = decide(loaded, cur, decision_fields("add", name="红色物业", label="Program"))[2]
    after = {(m["doc_id"], m["start"]) for m in loaded.get_node("Program:红色物业")["mentions"]}
    assert before < after and len(after) == 4 and not [line for line in report.idle if line.startswith("d2 ")]
