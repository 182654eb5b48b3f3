"""A section that sets nothing but a plan's targets (（二）发展目标) names a Goal in each clause (rule
``goal-section-clause``, guide rules 9 and 12); a paragraph opened by them (主要目标是：…) goes on setting them, one
sentence per field, each led by the end-state the field is to reach, a Goal (rule ``goal-target-run``).

The lines are quoted from Guangzhou's 2012 opinion on its science and technology innovation project
(``loaders/training/texts/guangzhou_keji_chuangxin_gongcheng_shishi_yijian_2012.txt``, 一、发展目标),
the 2021 industrial-internet plan of 安徽 (its （二）发展目标, dash-led lines), the 2024-2028 national plan for the
education and training of party members (``../shared/texts-b/central_dangyuan_jiaoyu_peixun_guihua_2024_2028.txt``,
一、总体要求) and the 2024-2027 plan for rural revitalisation
(``loaders/training/texts/zhongyang_xiangcun_quanmian_zhenxing_guihua_2024_2027.txt``).
"""

from __future__ import annotations

from policykg.graph.records import SourceDocument
from policykg.loaders.extract import extract_sentence
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.rules.targets import opens_target_paragraph, target_run_goal, target_section_goals, targets_only_heading

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


_TARGETS = ("主要目标是：党的创新理论武装进一步深化，用习近平新时代中国特色社会主义思想凝心铸魂取得更大成效。"
            "党员教育培训体系进一步完善，党员教育培训作用更加凸显，日常教育更加规范，常态化培训特别是基本培训机制更加健全，"
            "信息技术运用更加充分，上下联动、横向协同的工作格局更加完善。"
            "党员教育培训成效进一步提升，广大党员理想信念和政治立场更加坚定，初心使命更加牢固，纪律作风更加严实。")
# the paragraph after it: its opener (用5年左右时间，) stands mid-sentence, dating that sentence's actions only
_ACTIONS = ("为实现以上目标，以习近平新时代中国特色社会主义思想为核心内容，用5年左右时间，全面落实政治理论教育等基本任务，"
            "分级分类对党员开展有组织的专题培训，确保全体党员应训尽训。党员干部学时要求按照全国干部教育培训规划执行。"
            "对年老体弱、行动不便的党员，集中学习培训不作硬性要求。")
_RURAL = ("主要目标是：到2027年，乡村全面振兴取得实质性进展，农业农村现代化迈上新台阶。国家粮食安全根基更加稳固，"
          "农业综合生产能力稳步提升，确保中国人的饭碗牢牢端在自己手中；乡村产业更加兴旺，实现乡村产业全链条升级；"
          "乡村更加生态宜居，人居环境明显改善，农村基础设施更加完备，城乡基本公共服务均等化水平不断提升；"
          "乡风文明持续提升，中华优秀传统文化充分传承发展，农民综合素质全面提高；乡村治理更加有效，"
          "乡村治理体系和治理能力现代化水平明显提升。")



def test_each_sentence_after_a_targets_opener_leads_with_a_goal():
    goals = _goals("一、总体要求\n" + _TARGETS + "\n" + _ACTIONS + "\n")
    assert {"党员教育培训体系进一步完善", "党员教育培训成效进一步提升"} <= goals
    # the lead alone: the clauses after it detail it
    assert "党员教育培训作用更加凸显" not in goals
    # a paragraph whose opener stands mid-sentence sets no run of targets
    assert "党员干部学时要求按照全国干部教育培训规划执行" not in goals


def test_each_field_of_a_targets_paragraph_split_by_semicolons():
    goals = _goals("一、总体要求\n" + _RURAL + "\n")
    assert {"国家粮食安全根基更加稳固", "乡村产业更加兴旺", "乡村更加生态宜居", "乡风文明持续提升",
            "乡村治理更加有效"} <= goals
    assert "实现乡村产业全链条升级" not in goals


def test_an_opener_after_a_short_lead_heading_opens_the_run():
    # Guangzhou 2012, opinion on democracy and the rule of law: 2.目标任务。今后五年，… (7 characters in)
    assert opens_target_paragraph("今后五年，以制度建设为核心，实现以下目标任务：重大决策机制进一步完善", 7)
    assert not opens_target_paragraph("为实现以上目标，以习近平新时代中国特色社会主义思想为核心内容，用5年左右时间，全面落实", 0)


def test_a_sentence_that_leads_with_an_action_ends_the_run():
    assert target_run_goal("大力发展养老服务志愿者队伍，积极扶持发展各类为老服务志愿组织。") is None
    assert target_run_goal("对年老体弱、行动不便的党员，集中学习培训不作硬性要求。") is None
    lead = target_run_goal("乡村治理更加有效，乡村治理体系和治理能力现代化水平明显提升。")
    assert [c.name for c in lead] == ["乡村治理更加有效"]
