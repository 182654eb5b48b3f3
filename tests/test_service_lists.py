"""A work report's list of the year's public-service projects (民生实事): each item a Program serving the targets
under it (``loaders/service_lists.py``).  The lines are quoted from the annexes of the 2025 work reports of 广东
(附件1 2025年省十件民生实事) and 云南 (2025年10件惠民实事), both in ``loaders/training/texts``."""

from __future__ import annotations

from pathlib import Path

from policykg.graph.records import SourceDocument
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.service_lists import service_list_heading

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def _annex(stem: str, heading: str, items: int) -> str:
    lines = (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    k = lines.index(heading)
    return "\n".join(lines[k:k + 1 + items]) + "\n"


def _graph(text: str):
    doc = SourceDocument("Document:t", "t.txt", "t", 2025, None, len(text), "h", text)
    return build_document_graph(doc, model="")


def test_each_item_of_the_list_is_a_program_serving_the_targets_under_it():
    g = _graph(_annex("gwr2025-广东", "2025年省十件民生实事", 2))
    programs = {e.name for e in g.entities if e.label == "Program"}
    assert "为老年人提供健康管理、医养结合服务和提升养老机构服务水平" in programs
    served = {r.target for r in g.relations if r.type == "SERVES"
              and r.source == "为老年人提供健康管理、医养结合服务和提升养老机构服务水平"}
    assert "新增护理型床位超过1000张" in served
    # the targets of the second item serve the second item only
    assert not served & {r.target for r in g.relations if r.source == "提升困难群众兜底保障和关爱服务水平"}


def test_an_item_title_is_named_without_the_verbs_that_carry_it_out():
    g = _graph(_annex("gwr2025-云南", "2025年10件惠民实事", 12))
    programs = {e.name for e in g.entities if e.label == "Program"}
    assert {"稳定和扩大就业", "学校体育美育浸润行动计划"} <= programs
    assert "实施学校体育美育浸润行动计划" not in programs


def test_the_same_items_without_the_lists_heading_are_no_projects():
    text = _annex("gwr2025-广东", "2025年省十件民生实事", 2).replace("2025年省十件民生实事", "三、2025年工作安排")
    assert "为老年人提供健康管理、医养结合服务和提升养老机构服务水平" not in {e.name for e in _graph(text).entities}


def test_service_list_headings():
    assert service_list_heading("2025年省十件民生实事") and service_list_heading("2025年10件惠民实事")
    assert not service_list_heading("2025年工作安排")


def test_a_chapter_that_only_mentions_the_projects_opens_no_list():
    # 福建's review of 2024 (loaders/training/heldout/texts, fitted on by no model) titles a chapter
    # （六）办好民生实事，人民群众生活品质稳步改善提高: the chapters after it, （七）建设美丽福建，生态优先绿色发展之路越走越宽
    # and （八）守牢红线底线…, are no items of a list of projects
    lines = (TEXTS.parent / "heldout" / "texts" / "gwr2025-福建.txt").read_text(encoding="utf-8").splitlines()
    chapter = next(line for line in lines if line.startswith("（六）办好民生实事"))
    assert not service_list_heading(chapter.removeprefix("（六）"))
    k = lines.index(chapter)
    text = "\n".join(lines[k:k + 12]) + "\n"
    following = [line for line in lines[k:k + 12] if line.startswith(("（七）", "（八）"))]
    assert following  # the test reads the chapters after it
    programs = {e.name for e in _graph(text).entities if e.label == "Program"}
    assert not [p for p in programs if "，" in p]


def test_a_chapter_ending_in_the_projects_opens_no_list_either():
    # 内蒙古's plan for 2025: （十）以实施就业促进行动为重点，办好民生实事。 ends in the list's word, and the next chapter,
    # （十一）更好统筹发展和安全，坚决筑牢祖国北疆安全稳定屏障, was read as one of its projects serving 20 goals
    text = (TEXTS / "gwr2025-内蒙古.txt").read_text(encoding="utf-8")
    chapter = next(line for line in text.splitlines() if line.startswith("（十）以实施就业促进行动为重点"))
    assert not service_list_heading(chapter.split("。")[0].removeprefix("（十）"))
    programs = {e.name for e in _graph(text).entities if e.label == "Program"}
    assert not [p for p in programs if p.startswith("更好统筹发展和安全")]
