"""Entity resolution keeps apart a program and the same program named for one sector or population across documents
(城镇社会保障体系 / 社会保障体系, 职工医疗保障制度改革 / 医疗保障制度: :mod:`policykg.graph.sectors`), a tier after a
verb of carrying it out (搞好县级三讲教育 / 三讲教育: :func:`policykg.graph.tiers.tier_rank`), and two names the fuzzy
rule would join though one names another set (增加中低收入者收入 / 增加低收入者收入).  Sentences of the national reports
(../shared/corpus/gwr)."""

from __future__ import annotations

import pytest

from policykg.graph.document_merges import merge_within_document
from policykg.graph.records import SourceDocument
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.graph.tiers import tier_rank
from policykg.loaders.pipeline import build_document_graph

_TEXTS = {
    # the pilot of the towns' system, one entity with the report's 社会保障体系 (it refers back to it)
    "gwr-2001": "合理调节收入分配关系，健全社会保障体系。\n精心做好完善城镇社会保障体系的试点工作。\n"
                "加快完善社会保障体系，多渠道扩大就业，改善人民生活。",
    # the towns' system alone: until session 66 on Program:社会保障体系 by the 2001 report's alias
    "gwr-2002": "二是进一步完善城镇社会保障体系。",
    "gwr-1994": "积极推进社会保障制度改革，逐步建立医疗保障制度。",
    # the workers' reform, which the report also writes bare: until session 66 on Program:医疗保障制度
    "gwr-1997": "医疗保障制度改革重点抓好５０多个城市的试点工作。\n在卫生体育工作方面，要推进职工医疗保障制度改革，"
                "发展农村合作医疗和初级卫生保健，完善城镇社区卫生服务。",
    # the county round of the campaign: until session 66 one entity 搞好县级三讲教育 with the campaign's name
    "gwr-2000": "国务院各部门和省地级政府要按照党中央的要求，巩固和扩大“三讲”教育成果，认真落实整改措施。"
                "同时，切实搞好县级“三讲”教育。",
}


def _graph(stem: str, level: str | None = "国"):
    """The document graph of ``_TEXTS[stem]`` read as a national report (``level``)."""
    text = _TEXTS[stem]
    doc = SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, None, None, len(text), "h", text, level=level)
    return build_document_graph(doc)


def _nodes(stems: list[str]) -> dict[str, dict[str, str]]:
    """``stem -> {form: node id}`` of the Programs of the documents ``stems`` resolved in turn into one index."""
    index, out = EntityIndex(), {}
    for stem in stems:
        dg = resolve_document(_graph(stem), index)
        out[stem] = {f: e.node_id for e in dg.entities if e.label == "Program" for f in e.forms()}
    return out


def test_a_sectors_system_of_another_document_is_not_the_whole_system():
    nodes = _nodes(["gwr-2001", "gwr-2002"])
    assert nodes["gwr-2001"]["城镇社会保障体系的试点工作"] == nodes["gwr-2001"]["社会保障体系"]  # one entity within 2001
    assert nodes["gwr-2002"]["城镇社会保障体系"] == "Program:城镇社会保障体系"


def test_a_populations_reform_is_not_looked_up_by_its_bare_alias():
    nodes = _nodes(["gwr-1994", "gwr-1997"])
    assert nodes["gwr-1994"]["医疗保障制度"] == "Program:医疗保障制度"
    assert nodes["gwr-1997"]["职工医疗保障制度改革"] == "Program:职工医疗保障制度改革"


@pytest.mark.parametrize(("name", "alias", "sector"), [
    ("社会保障体系", "城镇社会保障体系试点", True),
    ("城镇职工基本医疗保险制度", "基本医疗保险", True),
    ("关键核心技术攻关", "农业关键核心技术攻关项目", True),
    ("城乡居民基本医保", "居民基本医保", False),  # both name a population: 城乡居民 is the fuller name of 居民
    ("城镇化", "城镇化建设", False),  # 城镇 is the word's own
    ("医疗保障制度", "医疗保障制度改革", False),
])
def test_a_sector_or_population_before_a_name_makes_that_sectors_program(name, alias, sector):
    from policykg.graph.sectors import sector_instance

    assert sector_instance(name, alias) is sector


def test_a_tier_after_a_verb_of_carrying_it_out_is_that_tiers_round():
    assert tier_rank("搞好县级") == 3
    dg = _graph("gwr-2000")
    merge_within_document(dg)
    holding = [tuple(e.forms()) for e in dg.entities if e.label == "Program" and "三讲教育" in e.name]
    assert len(holding) == 2, holding  # 三讲教育 and 搞好县级三讲教育, one entity each


@pytest.mark.parametrize(("label", "name", "other", "joins"), [
    ("Goal", "增加低收入者收入", "增加中低收入者收入", False),  # the middle incomes added to the set
    ("Goal", "德智体美全面发展的社会主义建设者和接班人", "德智体美劳全面发展的社会主义建设者和接班人", False),
    ("Program", "企业民主管理制度", "企事业民主管理制度", False),
    ("Body", "现代物流龙头企业", "现代化物流龙头企业", True),  # a suffix: the same word
    ("Goal", "人均预期寿命提高1岁", "人均预期寿命再提高1岁", True),  # a function word
    ("Goal", "从群众中来、到群众中去", "从群众中来，到群众中去", True),  # a comma for the enumeration comma
    ("Program", "县以下事业单位管理岗位职员等级晋升制度", "县以下事业单位理岗位职员等级晋升制度", True),  # 管 dropped from 管理
])
def test_the_fuzzy_rule_joins_no_name_adding_a_member_to_the_set(label, name, other, joins):
    index = EntityIndex()
    index.add(f"{label}:{name}", label, [name])
    hit = index.lookup(label, [other])
    assert (hit is not None and hit[1].startswith("fuzzy")) is joins, hit


def test_a_part_of_two_names_one_a_sectors_is_neither_ones():
    # cpc-congress-20 names 基本养老保险全国统筹制度 and its 基本养老保险; another node, 企业职工基本养老保险制度, holds the
    # bare name as its sector's alias: the 2016 report's 基本养老保险 joins neither (a part of two names, as before)
    index = EntityIndex()
    index.add("Program:企业职工基本养老保险制度", "Program", ["企业职工基本养老保险制度", "基本养老保险"])
    index.add("Program:基本养老保险全国统筹制度", "Program", ["基本养老保险全国统筹制度", "基本养老保险"])
    assert index.lookup("Program", ["基本养老保险"]) is None


def test_a_reform_named_with_its_round_and_short_is_the_reform_not_an_action_of_it():
    # 云南 2025: 深入实施新一轮国企改革 (the round of the reform); the 2020-2022 action 国企改革三年行动 had taken it by its
    # shorter form, though another report names the reform itself 国有企业改革 (国企改革 by the standard short forms)
    index = EntityIndex()
    index.add("Program:国有企业改革", "Program", ["国有企业改革"])
    index.add("Program:国企改革三年行动", "Program", ["国企改革三年行动"])
    assert index.lookup("Program", ["新一轮国企改革"]) == ("Program:国有企业改革", "rule:program-form")
