"""A numbered item that closes with a sentence naming its lead units, without brackets or a label (由市人力资源和社会保障局
牵头，市教育局、团市委配合。 / 市人力资源和社会保障局负责，市教育局配合。), or with a label naming an organ's own divisions
(（牵头处室：…；配合处室：…）), gives the LEADS a lead-unit line gives (guide rule 7; the Relations table: X牵头, X负责).
City and county implementation plans and an organ's own work plans close items so; none of the 117 annotated texts does,
so the test writes the lead-unit lines of 广州's 2012 opinion on its 民生幸福工程 in those forms and compares what is
extracted."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from policykg.graph.records import SourceDocument
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document

TEXT = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts" / \
    "guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012.txt"
#: （牵头单位：市国土房管局，配合单位：市农业局，各区、县级市政府）: the lead units, then the supporting ones
LINE = re.compile(r"（牵头单位：([^，；）]+)(?:[，；]配合单位：([^）]+))?）")


def _leads(doc: SourceDocument, text: str) -> set[tuple[str, str]]:
    dg = build_document_graph(replace(doc, text=text, char_count=len(text)))
    return {(r.source, r.target) for r in dg.relations if r.type == "LEADS"}


@pytest.mark.parametrize(("lead_form", "supporting_form"), [
    ("由{}牵头", "，{}配合。"),  # a closing sentence
    ("{}负责", "，{}配合。"),
    ("（牵头处室：{}", "；配合处室：{}）"),  # an organ's plan names its own divisions (处室, 科室) as the units
])
def test_a_closing_duty_sentence_leads_the_programs_of_its_item(lead_form, supporting_form):
    doc = read_document(TEXT)

    def sentence(m: re.Match[str]) -> str:
        supporting = supporting_form.format(m.group(2).replace("，", "、")) if m.group(2) else supporting_form[-1]
        return lead_form.format(m.group(1)) + supporting

    rewritten, lines = LINE.subn(sentence, doc.text)
    assert lines == 33 and "牵头单位" not in rewritten
    # 16.加强城乡房屋安全管理。…抓好危房改造工作…。由市国土房管局牵头，市农业局、各区、县级市政府配合。
    leads = _leads(doc, rewritten)
    assert ("市国土房管局", "危房改造工作") in leads
    assert leads == _leads(doc, doc.text)
    assert ("市农业局", "危房改造工作") not in leads  # a supporting unit leads nothing of the item
