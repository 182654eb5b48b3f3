"""Entity resolution within one document keeps apart a program and the same program named for one tier of government
below the document's level (乡镇机构改革 / 机构改革 in a national report: :mod:`policykg.graph.tiers`), and a program and
an action named after it (国有企业改革深化提升行动 / 国有企业改革: :func:`policykg.graph.resolution_keys.names_another_program`).
Sentences of the national and provincial reports (../shared/corpus/gwr, gwr2025)."""

from __future__ import annotations

import pytest

from policykg.graph.document_merges import merge_within_document
from policykg.graph.records import SourceDocument
from policykg.graph.resolution_keys import match_key, names_another_program
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.graph.tiers import below_document, tier_rank
from policykg.loaders.pipeline import build_document_graph

#: national reports (level 国, as read_document reads them) naming a reform of one tier beside the whole reform
_NATIONAL = {
    # the second plenum's decision on 深化机构改革 and the township reform: until session 66 one entity 乡镇机构改革
    "cpc-congress-17": "为贯彻十六大精神，中央召开七次全会，分别就深化机构改革、完善社会主义市场经济体制、加强党的执政能力建设"
                       "作出决定。\n深化乡镇机构改革，加强基层政权建设，完善政务公开、村务公开等制度。",
    # 地方政府的机构改革 and 乡政府的机构改革 had been the report's 机构改革 (a modifier closed by 的)
    "gwr-1988": "我现在主要讲一讲政府机构改革的目标、方针和重点。\n第一，这次机构改革主要着眼于转变职能。\n"
                "地方政府的机构改革要有领导有计划地、自上而下地逐步展开。\n县和乡政府的机构改革，拟再晚一些进行。",
    # 省级政府的机构改革 had been the report's 机构改革 (a name and a part of it)
    "gwr-1994": "继续搞好机构改革，切实转变政府职能。\n今年要基本完成省级政府的机构改革，并在部分市县级政府进行机构改革。",
    # the grassroots system and the whole one
    "cpc-congress-19": "深化医药卫生体制改革，全面建立中国特色基本医疗卫生制度、医疗保障制度和优质高效的医疗卫生服务体系，"
                       "健全现代医院管理制度。\n加强基层医疗卫生服务体系和全科医生队伍建设。",
    # the reform and the named action of it: until session 66 one entity 国有企业改革深化提升行动
    "gwr-2025": "深化国有企业改革，持续优化国有经济布局。\n"
                "高质量完成国有企业改革深化提升行动，实施国有经济布局优化和结构调整指引，加快建立国有企业履行战略使命评价制度。",
    # the State Council's reform and the local governments': the bare 机构改革 is neither
    "gwr-1999": "国务院机构改革进展顺利，实现了预定目标。\n按照中央确定的方针，积极稳妥地推进地方政府机构改革。\n"
                "为了稳妥起见，县级和乡镇政府的机构改革放在明年进行。\n继续推进机构改革。",
    # local governments alone issue special bonds: 地方政府专项债券 is the report's 专项债券
    "gwr-2019": "适度提高赤字率，综合考虑了财政收支、专项债券发行等因素。\n"
                "今年拟安排地方政府专项债券2.15万亿元，比去年增加8000亿元，为重点项目建设提供资金支持。\n合理扩大专项债券使用范围。",
}


def _graph(stem: str, text: str, level: str | None, place: str | None = None):
    """The document graph of ``text`` read as the document ``stem`` of ``level`` and ``place``."""
    doc = SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, None, place, len(text), "h", text, level=level)
    return build_document_graph(doc)


def _programs(dg) -> dict[str, tuple[str, ...]]:
    """``name -> forms`` of the Programs of ``dg``."""
    return {e.name: tuple(e.forms()) for e in dg.entities if e.label == "Program"}


@pytest.mark.parametrize(("stem", "whole", "tier"), [
    ("cpc-congress-17", "机构改革", "乡镇机构改革"),
    ("gwr-1988", "机构改革", "地方政府的机构改革"),
    # (the report's 县和乡政府的机构改革 is read since session 72 as the Bodies 县和乡政府 and the Program 机构改革: a
    # level word and its government in one token, 乡政府, is a Body, so no tier Program is named there)
    ("gwr-1994", "机构改革", "省级政府的机构改革"),
    ("cpc-congress-19", "医疗卫生服务体系", "基层医疗卫生服务体系"),
])
def test_a_program_of_one_tier_below_the_document_is_not_the_whole_program(stem, whole, tier):
    dg = _graph(stem, _NATIONAL[stem], "国")
    merge_within_document(dg)
    holding = [forms for forms in _programs(dg).values() if {whole, tier} & set(forms)]
    assert len(holding) == 2, holding  # two entities, one of each name


def test_a_name_inside_a_tiers_name_and_another_is_neither_ones():
    # until session 66 the tier's reform and the State Council's made the bare 机构改革 a part of two names (no merge);
    # the tier's name left aside, it would have joined 国务院机构改革 as the only longer name holding it
    dg = _graph("gwr-1999", _NATIONAL["gwr-1999"], "国")
    merge_within_document(dg)
    programs = _programs(dg)
    assert programs["机构改革"] == ("机构改革",) and "地方政府机构改革" in programs


def test_an_instrument_one_tier_issues_is_named_with_or_without_the_tier():
    dg = _graph("gwr-2019", _NATIONAL["gwr-2019"], "国")
    merge_within_document(dg)
    assert any({"专项债券", "地方政府专项债券"} <= set(f) for f in _programs(dg).values())


def test_a_tier_the_document_speaks_for_or_of_unknown_level_still_merges():
    # 海南's 省级民生实事 is its own 民生实事 (a province's report); a document of unknown level merges as before
    hainan = _graph("gwr2025-海南", "实施省级民生实事项目，办好为民办实事项目。\n今年继续办好民生实事项目。", "省", "海南省")
    merge_within_document(hainan)
    assert any({"民生实事项目", "省级民生实事项目"} <= set(f) for f in _programs(hainan).values())
    unknown = _graph("cpc-congress-17", _NATIONAL["cpc-congress-17"], None)
    merge_within_document(unknown)
    assert any({"机构改革", "乡镇机构改革"} <= set(f) for f in _programs(unknown).values())


def test_a_named_action_of_a_reform_is_another_program_than_the_reform():
    dg = _graph("gwr-2025", _NATIONAL["gwr-2025"], "国")
    merge_within_document(dg)
    holding = [forms for forms in _programs(dg).values() if {"国有企业改革", "国有企业改革深化提升行动"} & set(forms)]
    assert len(holding) == 2, holding


def test_across_documents_the_tiers_reform_is_no_form_of_the_whole_reform():
    # loaded in id order, as a load does: the 1994 report's 机构改革 is the whole reform's, 2004's 省级政府机构改革 is not
    index, nodes = EntityIndex(), {}
    texts = {"gwr-1994": _NATIONAL["gwr-1994"], "gwr-2004": "省级政府机构改革基本完成。\n继续推进机构改革。"}
    for stem, text in texts.items():
        dg = resolve_document(_graph(stem, text, "国"), index)
        nodes[stem] = {f: e.node_id for e in dg.entities if e.label == "Program" for f in e.forms()}
    assert nodes["gwr-2004"]["省级政府机构改革"] == nodes["gwr-1994"]["省级政府的机构改革"] != nodes["gwr-1994"]["机构改革"]
    assert nodes["gwr-2004"]["机构改革"] == nodes["gwr-1994"]["机构改革"] == "Program:机构改革"


@pytest.mark.parametrize(("qualifier", "rank"), [
    ("乡镇", 4), ("乡政府", 4), ("地方政府", 1), ("省级政府", 1), ("基层", 4), ("县级", 3),
    ("乡村", None), ("各级地方政府", None), ("基层政权两级", None),  # 乡村 names no tier, 各级 every tier
])
def test_a_tier_is_a_tier_word_alone_or_with_the_organ_of_that_tier(qualifier, rank):
    assert tier_rank(qualifier) == rank


def test_only_a_tier_below_the_document_level_makes_another_program():
    national = SourceDocument("Document:gwr-1994", "gwr-1994.txt", "t", 1994, None, 1, "h", "x", level="国")
    province = SourceDocument("Document:gwr2025-海南", "x.txt", "t", 2025, "海南省", 1, "h", "x", level="省")
    assert below_document("省级", national) and not below_document("省级", province)
    assert below_document("基层", province) and not below_document("各级", national)


@pytest.mark.parametrize(("short", "name", "another"), [
    ("国有企业改革", "国有企业改革深化提升行动", True),
    ("四大文化工程", "四大文化工程推进机制", True),
    ("现代化集疏运体系", "现代化集疏运体系综合配套改革", True),
    ("零基预算改革", "零基预算改革试点", False),  # type words only: the program
    ("国企改革", "国企改革三年行动", False),
    ("开放大通道大平台建设", "开放大通道大平台建设行动", False),
    ("城市更新", "城市更新行动", False),  # 城市更新 closes with no type word
])
def test_a_name_going_on_past_a_program_with_a_name_of_its_own_is_another_program(short, name, another):
    assert names_another_program(match_key(short), match_key(name)) is another
