"""A plan's targets section opens each line with the end-state it sets (rule ``goal-target-lead``).

The lines are quoted from the shared gwr corpus: the targets of the 18th Party Congress report
(``cpc-congress-18``, 三、全面建成小康社会和全面深化改革开放的目标) and the 14th five-year targets of the
2021 work report (``gwr-2021``), whose dash-led lines state actions instead.
"""

from __future__ import annotations

from policykg.graph.records import SourceDocument
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.rules.targets import target_lead_goals

_TARGETS = ("三、全面建成小康社会和全面深化改革开放的目标\n"
            "——经济持续健康发展。转变经济发展方式取得重大进展，在发展平衡性、协调性、可持续性明显增强的基础上，"
            "实现国内生产总值和城乡居民人均收入比二0一0年翻一番。\n"
            "——文化软实力显著增强。社会主义核心价值体系深入人心，公民文明素质和社会文明程度明显提高。\n")


def _goals(text: str) -> dict[str, str]:
    doc = SourceDocument("Document:t", "t.txt", "t", 2012, None, len(text), "h", text)
    return {m.surface: e.name for e in build_document_graph(doc, model="").entities if e.label == "Goal"
            for m in e.mentions}


def test_the_end_state_a_targets_line_opens_with_is_a_goal():
    goals = _goals(_TARGETS)
    assert "经济持续健康发展" in goals and "文化软实力显著增强" in goals


def test_the_same_lines_outside_a_targets_section_give_no_such_goal():
    goals = _goals(_TARGETS.replace("三、全面建成小康社会和全面深化改革开放的目标", "三、过去五年的工作"))
    assert "文化软实力显著增强" not in goals


def test_a_line_that_opens_with_an_action_gives_none():
    # gwr-2021, 二、…“十四五”时期主要目标任务: the leads are actions, run on past a comma
    assert not target_lead_goals("——着力提升发展质量效益，保持经济持续健康发展。")
    # gwr-2011, 二、“十二五”时期的主要目标和任务
    assert not target_lead_goals("--我们要推动经济发展再上新台阶。")
