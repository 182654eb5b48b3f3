"""A section that sets nothing but a plan's targets (（二）发展目标) names a Goal in each clause (rule
``goal-section-clause``, guide rules 9 and 12).

The lines are quoted from Guangzhou's 2012 opinion on its science and technology innovation project
(``loaders/training/texts/guangzhou_keji_chuangxin_gongcheng_shishi_yijian_2012.txt``, 一、发展目标) and
the 2021 industrial-internet plan of 安徽 (its （二）发展目标, dash-led lines).
"""

from __future__ import annotations

from policykg.graph.records import SourceDocument
from policykg.loaders.extract import extract_sentence
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.rules.targets import target_section_goals, targets_only_heading

_GUANGZHOU = ("一、发展目标\n"
              "科技创新投入大幅提升。全社会研发（R&D）经费支出占GDP比重提高到2.5%以上；企业研发投入强度明显提升，"
              "规模以上工业企业R&D经费支出占全社会R&D经费支出比重逐步增加。\n"
              "创新平台建设取得新突破。构建具有国际先进水平的科技园区和科研机构集聚区，建成一个具有国际领先水平的"
              "国家级超级计算中心。\n"
              "二、主要任务\n"
              "1.实施创新驱动战略，把创新作为城市发展的核心动力。\n")


def _goals(text: str) -> set[str]:
    doc = SourceDocument("Document:t", "t.txt", "t", 2012, None, len(text), "h", text)
    return {m.surface for e in build_document_graph(doc, model="").entities if e.label == "Goal" for m in e.mentions}


def test_each_clause_of_a_targets_section_is_a_goal():
    goals = _goals(_GUANGZHOU)
    assert {"企业研发投入强度明显提升", "规模以上工业企业R&D经费支出占全社会R&D经费支出比重逐步增加",
            "构建具有国际先进水平的科技园区和科研机构集聚区"} <= goals


def test_the_same_clauses_under_another_heading_are_none():
    goals = _goals(_GUANGZHOU.replace("一、发展目标", "一、工作安排"))
    assert "企业研发投入强度明显提升" not in goals


def test_the_clauses_of_the_tasks_after_it_are_none():
    assert "把创新作为城市发展的核心动力" not in _goals(_GUANGZHOU)


def test_a_clause_cut_by_a_bracket_is_no_goal():
    found = {c.name for c in target_section_goals("全社会研发（R&D）经费支出占GDP比重提高到2.5%以上；企业研发投入强度明显提升。")}
    assert found == {"企业研发投入强度明显提升"}


def test_a_figure_that_is_no_quantity_stays_in_the_clause():
    # 安徽 2021, （二）发展目标: 5G is a name, not a quantity (those are goal-target-clause's)
    found = {c.name for c in extract_sentence("5G网络全面部署，建成全面覆盖城市地区和有条件乡镇的“双千兆”网络基础设施。",
                                              targets_only=True)}
    assert {"5G网络全面部署", "建成全面覆盖城市地区和有条件乡镇的双千兆网络基础设施"} <= found


def test_the_horizon_and_a_dated_action_are_no_goals():
    found = {c.name for c in target_section_goals("到2023年，工业互联网建设量质并进，新模式、新业态大范围推广。")}
    assert "到2023年" not in found
    assert not target_section_goals("到2015年将广州建设成为国家创新型城市。")


def test_only_a_short_heading_of_targets_sets_nothing_but_targets():
    assert targets_only_heading("（二）发展目标") and targets_only_heading("三、主要目标")
    assert not targets_only_heading("2025年目标任务和主要工作")
    assert not targets_only_heading("二、主要任务")
