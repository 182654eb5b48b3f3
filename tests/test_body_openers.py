"""Where a Body starts after a count's period, a verb jieba tags as a noun, or inside a coordination of 各 phrases.

``[body] time_openers`` (全年), ``[body] verb_openers`` (新建, 布局) and ``body_edges._each_coordination`` (各地区各部门).
The sentences are quoted from the 2025 provincial reports (``../shared/corpus/gwr2025``) and the 2024 national report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.lexicon import tokenize
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.span_edges import body_start, with_resident_place


def _bodies(tmp_path: Path, sentence: str) -> set[str]:
    path = tmp_path / "report.txt"
    path.write_text("政府工作报告\n" + sentence + "\n", encoding="utf-8")
    return {e.name for e in build_document_graph(read_document(path)).entities if e.label == "Body"}


@pytest.mark.parametrize("sentence, body, not_body", [
    # 上海: the year's count of a category of organisations; the category is the Body (guide rule 11)
    ("加快全球营运商、全球机构投资者集聚，全年新增各类总部机构100家。", "各类总部机构", "全年新增各类总部机构"),
    # 天津: 新建 (jieba: a place name) and 改扩建 are the count's verbs
    ("深入实施基础教育扩优提质行动，完善集团化办学、城乡结对帮扶等优质均衡发展推进机制，建立学龄人口学位预测预警机制，"
     "促进高中阶段学校多样化发展，新建改扩建中小学校11所，新增学位1.62万个。", "中小学校", "新建改扩建中小学校"),
    # the 2024 national report: 各地区各部门 is one name, not 地区各部门 after a determiner cut off
    ("稳是大局和基础，各地区各部门要多出有利于稳预期、稳增长、稳就业的政策，谨慎出台收缩性抑制性举措，"
     "清理和废止有悖于高质量发展的政策规定。", "各地区各部门", "地区各部门"),
])
def test_a_body_starts_where_the_organisations_are_named(tmp_path: Path, sentence, body, not_body):
    bodies = _bodies(tmp_path, sentence)
    assert body in bodies
    assert not_body not in bodies


def _span(sentence: str, text: str) -> tuple[list[tuple[str, int, int]], int, int]:
    s = sentence.index(text)
    return tokenize(sentence), s, s + len(text)


def test_a_verb_jieba_tags_as_a_noun_opens_no_body_after_a_resident_place():
    # 四川: 在川布局高等研究院, to set up an institute of advanced study in Sichuan (布局: jieba's noun); the span the
    # shipped tagger drew over the whole phrase names 高等研究院, while 在川高校 stays whole
    sentence = ("争取在川布局高等研究院、成渝地区双城经济圈高等教育综合改革试验区、全国高校区域技术转移转化中心，"
                "支持在川高校开展重大科技攻关和基础研究。")
    words, s, e = _span(sentence, "在川布局高等研究院")
    start = with_resident_place(words, body_start(words, s, e), e)
    assert sentence[start:e] == "高等研究院"
    words, s, e = _span(sentence, "在川高校")
    assert sentence[with_resident_place(words, body_start(words, s, e), e):e] == "在川高校"


@pytest.mark.parametrize("sentence, span, name", [
    # the 2019 speeches on the party's leadership and a plan of party regulations (loaders/training/texts)
    ("各地区各部门党委（党组）要加强向党中央报告工作，这也是一个规矩。", "各地区各部门党委（党组）", "各地区各部门党委（党组）"),
    ("各地区各部门党委（党组）要加强向党中央报告工作，这也是一个规矩。", "地区各部门党委（党组）", "各地区各部门党委（党组）"),
    ("推动各地区各部门自觉坚持党的全面领导，坚决维护党中央权威和集中统一领导。", "推动各地区各部门", "各地区各部门"),
])
def test_a_coordination_of_each_phrases_is_one_name(sentence, span, name):
    words, s, e = _span(sentence, span)
    assert sentence[body_start(words, s, e):e] == name


def test_one_each_phrase_still_goes():
    # 各级党组织: the determiner of one phrase is no part of the organ's name, as before
    sentence = "各级党组织要关心爱护基层干部，主动为他们排忧解难。"
    words, s, e = _span(sentence, "各级党组织")
    assert sentence[body_start(words, s, e):e] == "党组织"
