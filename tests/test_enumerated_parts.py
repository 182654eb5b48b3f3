"""The pair classifier's PART_OF stands only where the sentence enumerates (``relations.enumerated``).

The guide states PART_OF as "an enumeration of components": a whole with its parts, or parts listed and closed by
their whole.  The sentences are quoted from the 2025 provincial reports (``../shared/corpus/gwr2025``) and a seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.relations import enumerated
from policykg.loaders.rules.common import Candidate


def _pair(sentence: str, part: str, whole: str) -> tuple[Candidate, Candidate]:
    p, w = sentence.index(part), sentence.index(whole)
    return Candidate("Program", p, p + len(part), part), Candidate("Program", w, w + len(whole), whole)


@pytest.mark.parametrize("sentence, part, whole", [
    # 江西 reviews the year: the two programs named apart, no list of the whole's parts
    ("大力推动“两重”建设和“两新”工作，139个“两重”项目列入国家“盘子”，更新设备约15万台（套），"
     "消费品以旧换新补贴280余万件（辆）、惠及消费者150余万人。", "消费品以旧换新", "两新"),
    # 山西, 广东: a designation names what a thing is counted as, not what it is made of
    ("大力推进新型工业化，16条省级重点产业链、18个省级特色专业镇营业收入预计分别增长15.6%、14%，"
     "定襄法兰锻造入选国家级中小企业特色产业集群。", "定襄法兰锻造", "国家级中小企业特色产业集群"),
    ("促进人工智能赋能千行百业，广深佛惠莞中智能网联新能源汽车集群入选国家先进制造业集群，"
     "广州、深圳入选国家“5G+工业互联网”融合应用试点城市。", "广深佛惠莞中智能网联新能源汽车集群", "国家先进制造业集群"),
])
def test_a_sentence_that_enumerates_nothing_gives_no_part(tmp_path: Path, sentence, part, whole):
    assert not enumerated(sentence, *_pair(sentence, part, whole))
    # the shipped pair classifier read each of them as a PART_OF
    path = tmp_path / "report.txt"
    path.write_text("2025年政府工作报告\n一、2024年工作回顾\n" + sentence + "\n", encoding="utf-8")
    dg = build_document_graph(read_document(path))
    assert {part, whole} <= {e.name for e in dg.entities}
    assert not [r for r in dg.relations if r.type == "PART_OF"]


@pytest.mark.parametrize("sentence, part, whole", [
    # 云南's glossary: the whole, a colon, its parts joined by 和
    ("2.“两新”：大规模设备更新和消费品以旧换新。", "消费品以旧换新", "两新"),
    # 河北: the list closed by 等 and its whole
    ("白沟河治理等防洪工程全部完工。", "白沟河治理", "防洪工程"),
    # a seed: quote after quote, closed by the count of the whole
    ("深入实施基层党建全面提升工程，开展“强基兴村”“品牌培育”“效能优化”“融合互促”“基提质”五大行动，推动基层党建工作升级加力、提质增效。",
     "效能优化", "五大行动"),
    # 云南: a list of quoted items joined by 、 before its whole
    ("25．科技型企业“登高、升规、晋位、上市”四个工程：“登高”即推动科技型中小企业成长为高新技术企业。", "升规", "四个工程"),
])
def test_a_whole_with_its_parts_or_parts_closed_by_their_whole_are_enumerated(sentence, part, whole):
    assert enumerated(sentence, *_pair(sentence, part, whole))
