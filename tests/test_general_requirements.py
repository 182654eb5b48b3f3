"""A work report's general-requirements sentence states no SERVES (``[relation] general_requirements``).

The texts are the project's annotated work reports (``loaders/training/texts``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.relations import general_requirements

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


@pytest.mark.parametrize("stem, opening", [
    ("gwr2025-黑龙江", "做好政府工作，要坚持以习近平新时代中国特色社会主义思想为指导"),
    ("gwr2025-湖南", "今年工作的总体要求是："),
    # opened by the meeting it follows, the year named without 做好
    ("gwr2025-山东", "按照省委十二届八次全体会议暨省委经济工作会议部署，今年政府工作，要坚持"),
])
def test_the_sentence_of_the_years_requirements_is_recognised(stem, opening):
    line = next(ln for ln in (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if opening in ln)
    assert general_requirements(line[line.index(opening):])


def test_a_sentence_of_actions_and_their_results_is_not_one():
    line = next(ln for ln in (TEXTS / "gwr2025-黑龙江.txt").read_text(encoding="utf-8").splitlines()
                if "优机优补" in ln)
    assert not general_requirements(line)
    # a year named at a sentence's start opens no requirements sentence unless 工作， follows it
    assert not general_requirements("今年，我们将深入实施“工业经济头号工程”，推动绿色低碳高质量发展先行区建设。")


def test_no_program_serves_a_goal_in_the_years_requirements():
    # 做好政府工作，要坚持…深化供给侧结构性改革，扎实推动高质量发展…: parallel requirements, which the
    # adjudicated reports leave without relations, not actions and the results they serve
    dg = build_document_graph(read_document(TEXTS / "gwr2025-黑龙江.txt"), model="")
    stated = [r for r in dg.relations if r.type == "SERVES"
              and all(ev.sentence.startswith("做好政府工作，要坚持") for ev in r.evidence)]
    assert not stated
    assert any(r.type == "SERVES" for r in dg.relations)
