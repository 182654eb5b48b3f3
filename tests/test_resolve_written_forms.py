"""Entity resolution across documents of one name written two ways: with a level and 级 or with the level word alone
(国家级物流枢纽 / 国家物流枢纽, 县级医院 / 县医院: ``graph/data/resolution.toml [any] level_grades``).  A resolution
audit (session 63) found 9 such pairs of nodes over the national and provincial reports, each one entity; and with and
without a conjunction between two of its words (考试和招生制度 / 考试招生制度: ``rule:conjunction``), 6 more pairs."""

from __future__ import annotations

import pytest

from policykg.graph.resolve import EntityIndex, match_key

#: Sentences of the 2025 provincial reports (../shared/corpus/gwr2025), by the document that writes each
TEXTS = {
    "gwr2025-山西": "健全碳排放统计核算体系，建立产品碳足迹管理体系、碳标识认证制度，建设国家级碳计量中心。",
    "gwr2025-山东": "深化节能降碳行动，初步建成国家碳计量中心，建设绿电产业园、零碳园区。",
    "gwr2025-新疆": "加快发展现代物流业，健全物流枢纽和通道网络，推动国家级物流枢纽、国家骨干冷链物流基地、示范物流园区建设。",
    "gwr2025-吉林": "落实降低全社会物流成本专项行动，推进国家物流枢纽建设，提升消费品保障能力。",
}


def _programs(tmp_path, texts: dict[str, str], order: list[str]) -> dict[str, int]:
    """Load ``texts`` (document id -> text) in ``order`` into a fresh embedded store; its Programs' names -> doc_count."""
    from policykg.graph.embedded import EmbeddedStore
    from policykg.ingest import load_paths

    paths = []
    for stem in order:
        (tmp_path / f"{stem}.txt").write_text(texts[stem] + "\n", encoding="utf-8")
        paths.append(tmp_path / f"{stem}.txt")
    store = EmbeddedStore(tmp_path / "data")
    assert not load_paths(store, paths, progress=False).failed
    programs = {n["name"]: n["doc_count"] for n in store.iter_nodes(["Program"])}
    store.close()
    return programs


@pytest.mark.parametrize("order", [sorted(TEXTS), sorted(TEXTS, reverse=True)])
def test_a_name_with_a_level_and_ji_is_the_name_with_the_level_word_alone(tmp_path, order):
    programs = _programs(tmp_path, TEXTS, order)
    carbon = [p for p in programs if "碳计量中心" in p]
    hubs = [p for p in programs if p.endswith("物流枢纽")]
    assert len(carbon) == 1 and programs[carbon[0]] == 2, programs
    assert len(hubs) == 1 and programs[hubs[0]] == 2, programs


def test_a_level_word_before_a_level_character_is_a_kind_of_place_not_a_level():
    assert match_key("县级医院") == match_key("县医院")
    assert match_key("省级以下财政体制") == match_key("省以下财政体制")
    assert match_key("县级市") != match_key("县市")
    idx = EntityIndex()
    idx.add("Body:县医院", "Body", ["县医院"])
    assert idx.lookup("Body", ["县级医院"]) == ("Body:县医院", "exact")
    assert idx.lookup("Body", ["省级医院"]) is None


def test_a_level_with_ji_reads_alike_by_the_short_form_and_the_round_rules():
    """The 1982 report writes 省政府, the national reports of 2011-2024 省级人民政府 and 省级政府 (provincial governments in
    general); 甘肃's and 黑龙江's 2025 reports write 省级环保督察 beside a node 第三轮省级环保督察: one node each."""
    idx = EntityIndex()
    idx.add("Body:省政府", "Body", ["省政府"])
    assert idx.lookup("Body", ["省级人民政府"]) == ("Body:省政府", "rule:short-form")
    assert idx.lookup("Body", ["省级政府"]) == ("Body:省政府", "exact")
    idx = EntityIndex()
    idx.add("Program:第三轮省级环保督察", "Program", ["第三轮省级环保督察"])
    assert idx.lookup("Program", ["省级环保督察"]) == ("Program:第三轮省级环保督察", "rule:program-form")


def test_a_level_with_ji_before_a_word_opening_with_a_level_character_is_read_without_ji():
    """The 2025 reports of 新疆, 江西, 福建 … write 省级区域医疗中心, 四川's 建设20个省区域医疗中心 (区域 names no 区)."""
    idx = EntityIndex()
    idx.add("Program:省区域医疗中心", "Program", ["省区域医疗中心"])
    assert idx.lookup("Program", ["省级区域医疗中心"]) == ("Program:省区域医疗中心", "exact")


#: The 2007 congress report (../shared/corpus/gwr/cpc-congress-17.txt) and the 2008 government work report
CONJOINED = {"cpc-congress-17": "更新教育观念，深化教学内容方式、考试招生制度、质量评价制度等改革，"
                                "减轻中小学生课业负担，提高学生综合素质。",
             "gwr-2008": "深化教学内容和方式、考试和招生制度、质量评价制度等改革。"}


@pytest.mark.parametrize("order", [sorted(CONJOINED), sorted(CONJOINED, reverse=True)])
def test_a_name_written_with_and_without_a_conjunction_is_one_node(tmp_path, order):
    programs = _programs(tmp_path, CONJOINED, order)
    exams = [p for p in programs if "招生制度" in p]
    assert len(exams) == 1 and programs[exams[0]] == 2, programs


def test_a_conjunction_is_taken_out_only_between_words_and_where_a_name_remains():
    idx = EntityIndex()
    idx.add("Body:中央和国家机关", "Body", ["中央和国家机关"])
    idx.add("Goal:世界和平稳定", "Goal", ["世界和平稳定"])
    assert idx.lookup("Body", ["中央国家机关"]) == ("Body:中央和国家机关", "rule:conjunction")
    assert idx.lookup("Goal", ["世界和平和稳定"]) == ("Goal:世界和平稳定", "rule:conjunction")
    assert idx.lookup("Goal", ["世界平稳定"]) is None  # 和平 is a word, not a conjunction it goes without
