"""Programs by name and by kind: the standing institutions of party organisation work are Programs
(``[program] practices``); a category of projects is none (``[program] project_categories``).

The sentences are lines of the project's annotated texts (``loaders/training/texts``).
"""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.extract import extract_sentence
from policykg.loaders.rules.programs import project_category

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def _sentence(stem: str, needle: str) -> str:
    line = next(ln for ln in (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if needle in ln)
    start = line.rfind("。", 0, line.index(needle)) + 1
    return line[start:line.index("。", line.index(needle)) + 1]


def _programs(sentence: str) -> dict[str, str]:
    return {c.name: c.rule for c in extract_sentence(sentence) if c.label == "Program"}


def test_an_institution_named_by_the_regulations_is_a_program_without_a_type_word():
    # 中国共产党组织工作条例 art. 17: 坚持和完善民主生活会、组织生活会制度 …
    sentence = _sentence("zhongyang_zhongyang_qiye_dangjian_yijian_2004", "把开好民主生活会作为")
    assert _programs(sentence).get("民主生活会") == "program-practice"


def test_an_institution_carried_out_as_work_is_named_without_the_work():
    sentence = _sentence("central_shequ_gongzuozhe_yijian_2024", "做好容错纠错工作")
    assert _programs(sentence).get("容错纠错") == "program-practice"


def test_the_kinds_of_assessment_are_routine_steps_not_programs():
    # 年度考核 (中国共产党组织工作条例 art. 23, like 平时考核) is left out of the list (guide rule 8)
    sentence = _sentence("central_shequ_gongzuozhe_yijian_2024", "年度考核指导方案")
    assert "年度考核" not in _programs(sentence)


def test_a_category_of_projects_is_no_program():
    # guide rule 8: 民间投资项目 classifies projects by who funds them; it names no project
    sentence = _sentence("gwr2025-广西", "持续提升民间投资项目融资便利化水平")
    assert "民间投资项目" not in _programs(sentence)
    assert not project_category("城市更新项目") and project_category("重点民间投资项目")
