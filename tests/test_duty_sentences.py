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
from policykg.loaders.leads import duty_unit_spans
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


RENCAI = TEXT.with_name("guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012.txt")


@pytest.mark.parametrize(("lead_form", "supporting_form"), [
    ("（{}牵头", "，{}配合）"),  # a duty note in brackets closing the item
    ("由{}牵头", "，{}配合。"),  # a closing sentence
])
def test_units_only_a_duty_note_names_lead_their_items(lead_form, supporting_form):
    """广州's 2012 talent opinion names lead units no rule or model knows as organs (市住房保障办, 市留交办) and one
    the tagger takes for none in a duty note (团市委): written as duty notes, each is a Body as it is after 牵头单位：,
    and leads the programs of its item."""
    doc = read_document(RENCAI)

    def note(m: re.Match[str]) -> str:
        supporting = supporting_form.format(m.group(2).replace("，", "、")) if m.group(2) else supporting_form[-1]
        return lead_form.format(m.group(1)) + supporting

    rewritten, lines = LINE.subn(note, doc.text)
    assert lines == 44
    # 38.人才公寓。…（市住房保障办牵头，市规划局、市国土房管局、各区、县级市配合）
    # 27.杰出青年人才支持项目。…（团市委牵头，市人力资源和社会保障局配合）
    # 29.中国留学人员广州科技交流会。…（市留交办牵头，…配合）
    expected = {("市住房保障办", "人才公寓"), ("团市委", "杰出青年人才支持项目"), ("市留交办", "中国留学人员广州科技交流会")}
    written = _leads(doc, doc.text)
    assert expected <= written
    assert expected <= _leads(doc, rewritten)


@pytest.mark.parametrize(("sentence", "closes_item", "units"), [
    # 安徽's RCEP opinion (loaders/training), item 3
    ("及时帮助进出口企业沟通解决享惠受阻问题。（合肥海关牵头，省贸促会、省商务厅按职责分工配合）", False,
     ["合肥海关", "省贸促会", "省商务厅"]),
    ("由市住房保障办牵头，市规划局、市国土房管局配合。", True, ["市住房保障办", "市规划局", "市国土房管局"]),
    ("由市住房保障办牵头，市规划局、市国土房管局配合。", False, []),  # mid-item: a sentence, no note
    ("五、加强组织实施", True, []),  # a heading whose clause ends in a duty verb names no lead
    ("新一轮机构改革任务全面落实。", True, []),  # a result
])
def test_the_units_of_a_duty_note(sentence, closes_item, units):
    """Every unit of a duty note, lead or supporting, without its opener (由) or manner words (按职责分工)."""
    assert [sentence[s:e] for s, e in duty_unit_spans(sentence, closes_item)] == units
