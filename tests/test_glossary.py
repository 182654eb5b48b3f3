"""A work report's glossary defines its formulas by listing their parts (``loaders/glossary.py``), read with the rules
alone (the fitted relation classifier learns the pattern from the annotated glossaries too).

The lines are quoted from the glossary (名词解释) of 四川's 2025 work report (``loaders/training/texts``).
"""

from __future__ import annotations

from pathlib import Path

from policykg.graph.records import SourceDocument
from policykg.loaders.glossary import glossary_heading
from policykg.loaders.pipeline import build_document_graph

_SICHUAN = ("名词解释\n"
            "7.“两新”：是指大规模设备更新和消费品以旧换新。\n"
            "8.6个重大科技专项：省委十二届五次全会明确提出，要实施前沿科技攻坚突破行动，全力推进人工智能、航空航天、"
            "先进装备、生物制造、清洁能源、先进材料等6个重大科技专项，着力突破一批关键核心技术。\n"
            "40.“碳达峰十大行动”：《四川省碳达峰实施方案》明确，实施能源绿色低碳转型行动、节能降碳增效行动、工业领域碳达峰"
            "行动、城乡建设碳达峰行动、交通运输绿色低碳行动、循环经济助力降碳行动、绿色低碳科技创新行动、碳汇能力巩固提升"
            "行动、绿色低碳全民行动、市（州）梯次有序碳达峰行动。\n")


def _parts(text: str, model: str | None = "") -> set[tuple[str, str]]:
    doc = SourceDocument("Document:t", "t.txt", "t", 2025, None, len(text), "h", text)
    return {(r.source, r.target) for r in build_document_graph(doc, model=model).relations if r.type == "PART_OF"}


def test_a_glossary_entry_lists_the_parts_of_the_formula_it_defines():
    parts = _parts(_SICHUAN)
    assert {("交通运输绿色低碳行动", "碳达峰十大行动"), ("绿色低碳全民行动", "碳达峰十大行动")} <= parts
    # with the shipped models, which name 两新's parts
    assert {("大规模设备更新", "两新"), ("消费品以旧换新", "两新")} <= _parts(_SICHUAN, None)


def test_the_same_lines_outside_a_glossary_give_no_such_parts():
    parts = _parts(_SICHUAN.replace("名词解释", "三、2025年工作安排"))
    assert ("交通运输绿色低碳行动", "碳达峰十大行动") not in parts


def test_an_entry_is_a_line_even_when_its_number_reads_as_a_figure():
    # 8.6个重大科技专项 is entry 8, not more of entry 7: what it names is no part of 两新
    parts = _parts(_SICHUAN, None)  # the shipped models name what entry 8 holds
    assert ("前沿科技攻坚突破行动", "两新") not in parts and ("6个重大科技专项", "两新") not in parts


def test_glossary_headings():
    assert glossary_heading("《政府工作报告》有关内容名词注释") and glossary_heading("名词解释")
    assert not glossary_heading("2025年工作安排")


def test_an_entry_that_says_what_its_head_is_short_for_names_one_program_not_its_parts():
    # 四川's glossary: 37.“千万工程”：“千村示范、万村整治”工程的简称。… was read as PART_OF (the full name a part of the
    # short one); the adjudicated gold makes the two names one entity
    from policykg.graph.resolve import EntityIndex, resolve_document
    from policykg.loaders.pipeline import build_document_graph
    from policykg.loaders.read import read_document

    root = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"
    dg = resolve_document(build_document_graph(read_document(root / "gwr2025-四川.txt")), EntityIndex())
    holding = [e for e in dg.entities if e.label == "Program" and "千万工程" in e.forms()]
    assert len(holding) == 1 and "千村示范、万村整治工程" in holding[0].forms()
    assert not [r for r in dg.relations if r.type == "PART_OF" and "千万工程" in (r.source, r.target)]
