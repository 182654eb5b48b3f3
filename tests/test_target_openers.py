"""The words that open a plan's targets, in the forms plans, opinions and work reports write them (``[goal]
horizon_pattern``, rules/targets.py ``_horizon``): the targets named by whose they are (本规划的主要目标是：,
今年经济社会发展主要预期目标是：), the years counted as a range (利用2-3年时间，, 用3至4年的时间，) and a count opened by
力争 (力争用三年左右时间，).

The sentences are quoted from the 2023-2027 national plan for the education and training of cadres
(``loaders/training/texts/zhongyang_quanguo_ganbu_jiaoyu_peixun_guihua_2023.txt``), 北京's 2022 opinion on data zones
(``../shared/texts-b``), the 2007 opinion on rural distance education of party members, the 2004 opinion on party
building in central enterprises (``loaders/training/texts``) and 海南's 2025 work report (``../shared/corpus/gwr2025``).
"""

from __future__ import annotations

from policykg.loaders.rules.targets import horizon_goals, opens_target_paragraph


def _names(sentence: str) -> set[str]:
    return {sentence[c.start:c.end] for c in horizon_goals(sentence)}


def test_the_targets_of_a_named_plan_open_its_paragraph():
    s = ("本规划的主要目标是：党的创新理论武装更加系统深入，用习近平新时代中国特色社会主义思想凝心铸魂取得显著成效，"
         "广大干部理想信念更加坚定、思想意志更加统一、行动步调更加一致。")
    assert opens_target_paragraph(s, 0)
    assert "党的创新理论武装更加系统深入" in _names(s)
    assert not opens_target_paragraph("康发展。今年发展主要预期目标是：国内生产总值增长5%左右", 30)  # mid-paragraph


def test_a_range_of_years_opens_the_targets():
    s = "利用2-3年时间，建立健全数据专区配套管理制度和标准规范，形成一套科学完备且操作性强的专区管理制度体系。"
    assert opens_target_paragraph(s, 0)
    s = ("开展农村党员干部现代远程教育工作的总体安排是：用3至4年的时间，力争到2010年底，"
         "在全国基本建成农村党员干部现代远程教育网络体系。")
    assert "在全国基本建成农村党员干部现代远程教育网络体系" in _names(s)


def test_a_count_of_years_after_li_zheng_opens_the_targets():
    s = "力争用三年左右时间，使中央企业绝大多数班组有党员。"
    assert opens_target_paragraph(s, 0)
    assert _names(s) == {"中央企业绝大多数班组有党员"}


def test_each_clause_of_a_work_reports_targets_without_a_figure_is_a_goal():
    s = ("今年经济社会发展主要预期目标是：地区生产总值增长6%以上，地方一般公共预算收入增长3%左右，居民消费价格涨幅2%左右，"
         "生态环境质量保持优良，节能减排和碳排放强度下降完成国家下达任务。")
    assert _names(s) == {"生态环境质量保持优良", "节能减排和碳排放强度下降完成国家下达任务"}



def test_a_plans_targets_sentence_led_by_a_state_gives_its_lead_only():
    # the 2024-2028 national plan for the education and training of party members (../shared/texts-b), 一、总体要求
    s = ("主要目标是：党的创新理论武装进一步深化，用习近平新时代中国特色社会主义思想凝心铸魂取得更大成效，广大党员对这一重要"
         "思想的科学体系、核心要义、实践要求和贯穿其中的立场观点方法理解把握更加完整准确全面，用以武装头脑、指导实践、推动工作"
         "更加坚定自觉。")
    assert _names(s) == {"党的创新理论武装进一步深化"}
    # a lead that states an action gives way to the clauses after it (the 2004 opinion on central enterprises)
    s = ("总体目标是：努力把企业党组织建设成为贯彻“三个代表”重要思想的组织者、推动者和实践者，成为坚决执行党的路线方针政策，"
         "推动中央企业改革发展稳定的坚强政治核心和战斗堡垒。")
    assert len(_names(s)) > 1
