"""Bodies and labels the genres beyond organisation work name by level and standing: an organ named with its place or
its level, the congresses and their standing committees, a document's defined short names, the roles of an item's
units, and end-states and standings that are Goals whatever the tagger says (split from ``test_genre_relations.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from genre_texts import document_graph

from policykg.graph.document_merges import _merge_level_organs, merge_within_document
from policykg.graph.records import DocumentGraph, Entity
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders import span_labels
from policykg.loaders.lexicon import tokenize
from policykg.loaders.span_edges import body_start, with_level


def _within(stem: str) -> DocumentGraph:
    """The document graph of ``stem`` after the merges within the document (its forms as written: resolution then
    names a province's 省人民政府 with the province, graph/places.py)."""
    dg = document_graph(stem)
    merge_within_document(dg)
    return dg


def test_a_body_named_with_its_place_is_the_body_the_document_names_without_it():
    dg = _within("gwr2025-河南")
    gov = [e for e in dg.entities if e.label == "Body" and e.name == "省人民政府"]
    assert gov and "河南省人民政府" in gov[0].aliases
    assert not [e for e in dg.entities if e.label == "Body" and e.name == "河南省人民政府"]


def test_the_congress_and_its_standing_committee_are_two_bodies_each_of_the_level_named():
    # gwr2025-广西: 自觉接受自治区人大及其常委会的法律监督和工作监督 … 同级人大及其常委会 (guide rule 11:
    # "人大 and its 常委会"); the report also names 自治区人大常委会 on its own
    dg = _within("gwr2025-广西")
    congress = [e for e in dg.entities if e.label == "Body" and "人大" in e.name and "常委会" not in e.name]
    assert [e.name for e in congress] == ["自治区人大"]
    assert "人大" in congress[0].aliases
    committee = [e for e in dg.entities if e.label == "Body" and e.name.endswith("人大常委会")]
    assert [e.name for e in committee] == ["自治区人大常委会"]
    assert {"人大常委会", "同级人大常委会"} <= set(committee[0].aliases)
    assert "常委会" in {m.surface for m in committee[0].mentions}  # the mention is the committee's own word
    assert not [e for e in dg.entities if e.label == "Body" and "及其" in e.name]
    # gwr2025-天津: 自觉接受市人大及其常委会监督、市政协民主监督
    dg = _within("gwr2025-天津")
    bodies = {e.name for e in dg.entities if e.label == "Body"}
    assert {"市人大", "市人大常委会"} <= bodies
    assert not [b for b in bodies if "及其" in b]


def test_a_name_the_document_defines_a_short_name_for_is_one_entity_with_it():
    # central_gaoxiao…: 普通高等学校（以下简称高校）…; the short name stays canonical
    dg = resolve_document(document_graph("central_gaoxiao_biyesheng_jiuye_yijian_2024"), EntityIndex())
    schools = [e for e in dg.entities if e.label == "Body" and "普通高等学校" in e.forms()]
    assert [e.name for e in schools] == ["高校"]
    # aba: 机关及法律法规授权具有行政职能的事业单位和社会组织（以下简称政务部门）: the short name stands for
    # the whole list, so its last member stays an entity of its own
    dg = resolve_document(document_graph("aba_zhengwu_shuju_2021"), EntityIndex())
    assert not [e for e in dg.entities if e.name == "政务部门" and "社会组织" in e.forms()]
    assert not [e for e in dg.entities if "以下简称" in e.name]


def test_a_bare_congress_is_the_one_of_the_level_named_and_only_then():
    def names(*bodies: str) -> list[str]:
        dg = DocumentGraph(None, [], [Entity("Body", b) for b in bodies], [])
        _merge_level_organs(dg)
        return sorted(e.name for e in dg.entities)

    assert names("省政协", "政协") == ["省政协"]  # gwr2025-山东 and -河北: 省政协 beside 政协
    # the opening line of every work report names the congress by its session (gwr2025-江西, -山东)
    assert names("江西省第十四届人民代表大会", "省人大", "人大及其常委会") == ["省人大"]
    # named as the congress whatever the term, when only the session is written (session 51)
    assert names("江西省第十四届人民代表大会", "省政协") == ["省人大", "省政协"]
    assert names("全国人大", "省人大", "人大") == ["人大", "全国人大", "省人大"]  # either could be meant


def test_each_level_keeps_its_level_in_a_tagged_body():
    # 安徽 工业互联网 lines close with 各市人民政府; jieba cuts 各市 | 人民政府
    words = tokenize("，各市人民政府）")
    assert body_start(words, 1, 7) == 2  # the span 各市人民政府 becomes 市人民政府
    assert with_level(words, 2, 3) == 2  # and a span 人民政府 takes its 市 back


@pytest.mark.parametrize(("name", "end_state"), [
    ("长沙全球研发中心城市建设", True),  # gwr2025-湖南: 推进长沙全球研发中心城市建设
    ("高水平文化强省", True),  # gwr2025-湖南: （八）加快建设高水平文化强省
    ("省域副中心城市", True),
    ("智慧城市", False),  # a program, not a place's end-state
    ("数字政府建设试点", False),
])
def test_a_places_end_state_is_a_goal_whatever_the_tagger_says(name, end_state):
    assert span_labels.end_state(name) is end_state



def test_the_role_of_an_items_units_is_no_entity_of_any_label():
    # a walkthrough (session 46): 广州's （牵头单位：市民政局，配合单位：…） lines gave a Goal 配合单位, which named a
    # community of 829 entities; the role names no organ (guide rule 7), nor a goal or a program
    dg = document_graph("guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012")
    assert "配合单位：" in dg.document.text
    assert not [e for e in dg.entities if e.name in ("配合单位", "牵头单位", "责任单位")]
    assert [e for e in dg.entities if e.label == "Body" and e.name == "市民政局"]  # the units after the label are


def test_the_congress_of_the_same_level_is_not_the_national_one():
    # the 2024 national report (a walkthrough, session 51): 各级政府要依法接受同级人大及其常委会的监督 names the congress
    # of each government's own level; its standing committee had joined 全国人大常委会 as an alias
    dg = document_graph("guowuyuan_zhengfu_gongzuo_baogao_2024")
    merge_within_document(dg)
    national = next(e for e in dg.entities if e.label == "Body" and e.name == "全国人大常委会")
    assert not any(f.startswith("同级") for f in national.forms())
    assert any(e.label == "Body" and e.name.startswith("同级人大") for e in dg.entities)


@pytest.mark.parametrize(("stem", "name", "session"), [
    ("guowuyuan_zhengfu_gongzuo_baogao_2021", "全国人民代表大会", "第十三届全国人民代表大会"),
    ("guowuyuan_zhengfu_gongzuo_baogao_2024", "全国人民代表大会", "第十四届全国人民代表大会"),
    ("gwr2025-四川", "省人大", "四川省第十四届人民代表大会"),
])
def test_a_congress_named_by_its_session_is_named_as_the_congress_whatever_the_term(stem, name, session):
    # a report opens 在第十四届全国人民代表大会第二次会议上 or 在四川省第十四届人民代表大会第三次会议上: the congress is one
    # body from term to term (a walkthrough, session 51: each province's congress was named by its session, so the
    # 2022 and 2025 reports of one province made two nodes, and 河北's and 广东's were named unlike each other)
    dg = document_graph(stem)
    merge_within_document(dg)
    congress = [e for e in dg.entities if e.label == "Body" and session in e.forms()]
    assert [e.name for e in congress] == [name]


@pytest.mark.parametrize(("name", "label"), [
    ("世界一流石化产业基地", "Goal"),  # gwr2025-福建: 漳州建设世界一流石化产业基地
    ("世界级新能源汽车产业集群", "Goal"),  # gwr2025-安徽: 加快建设世界级新能源汽车产业集群
    ("国际性交通枢纽", "Goal"),
    ("全国重要的新能源及新能源装备制造基地", "Goal"),  # gwr2025-青海
    ("一流营商环境三年行动", "Program"),  # no grade of standing opens it, and it ends in an action
    ("世界级旅游景区提升行动", "Program"),  # a word of action closes it: the action is the Program
    ("国家级经济技术开发区", "Program"),  # a designation's level, not a standing to reach (guide rule 10)
    ("世界一流大学和一流学科建设", "Program"),  # gwr-2017: the national 双一流 programme, built
])
def test_a_standing_named_by_its_grade_is_a_goal_whatever_the_tagger_says(name, label):
    # guide rule 12: an end-state a place builds toward is a Goal (国际消费中心城市); 世界级 / 世界一流 grade a standing
    assert span_labels.program_label(name) == label


def test_a_report_no_model_was_fitted_on_names_its_world_class_base_a_goal():
    # gwr2025-福建 (held out from every fit): the shipped tagger reads 世界一流石化产业基地 as a Program
    from policykg.loaders.pipeline import build_document_graph
    from policykg.loaders.read import read_document

    heldout = Path(__file__).resolve().parents[1] / "loaders" / "training" / "heldout" / "texts" / "gwr2025-福建.txt"
    labels = {e.label for e in build_document_graph(read_document(heldout)).entities if e.name == "世界一流石化产业基地"}
    assert labels == {"Goal"}
