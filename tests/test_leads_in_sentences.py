"""LEADS a sentence states with a lead verb (guide: X牵头, X作为…的牵头单位, 由X组织实施), on sentences of the bundled
reports and plans: the Body right before the verb leads the programs of its own clause, not every program of the
sentence; and the evidence of a relation read across sentences holds both ends."""

from __future__ import annotations

import pytest
from genre_texts import EXAMPLES, document_graph, text_line_of, text_sentence

from policykg.graph.names import match_key
from policykg.loaders.relations import sentence_relations
from policykg.loaders.rules.common import Candidate


def _mentions(sentence: str, named: list[tuple[str, str]]) -> list[Candidate]:
    """Candidates for ``(label, surface)`` at the first place of each surface after the one before it."""
    out, pos = [], 0
    for label, surface in named:
        start = sentence.index(surface, pos)
        out.append(Candidate(label, start, start + len(surface), surface.replace("“", "").replace("”", "")))
        pos = start + len(surface)
    return out


def _leads(sentence: str, named: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(a.name, b.name) for t, a, b in sentence_relations(sentence, _mentions(sentence, named)) if t == "LEADS"}


def test_each_unit_leads_the_work_of_its_own_clause():
    # 江西 2025: a division of labour in one sentence; before, all four units led all five tasks (23 LEADS for 7)
    sentence = text_sentence("gwr2025-江西", "省公安厅牵头维护秩序法治化工作")
    named = [("Body", "省委政法委"), ("Program", "预防法治化工作"), ("Body", "省委信访局"), ("Program", "受理法治化"),
             ("Program", "办理法治化工作"), ("Body", "省纪委"), ("Body", "省监委机关"), ("Body", "省委信访局"),
             ("Program", "监督追责法治化工作"), ("Body", "省公安厅"), ("Program", "维护秩序法治化工作")]
    assert _leads(sentence, named) == {
        ("省委政法委", "预防法治化工作"), ("省委信访局", "受理法治化"), ("省委信访局", "办理法治化工作"),
        ("省纪委", "监督追责法治化工作"), ("省监委机关", "监督追责法治化工作"), ("省委信访局", "监督追责法治化工作"),
        ("省公安厅", "维护秩序法治化工作")}


def test_a_lead_verb_inside_a_name_states_no_lead():
    # 江西 2025: 牵头 is part of the mechanism's name “一办五牵头”; 综治中心, clauses before it, leads nothing
    sentence = text_sentence("gwr2025-江西", "“一办五牵头”工作机制")
    named = [("Program", "新时代“枫桥经验”"), ("Body", "综治中心"), ("Program", "信访工作法治化“一办五牵头”工作机制"),
             ("Program", "“三大专项行动”")]
    assert _leads(sentence, named) == set()


def test_a_body_that_cooperates_leads_nothing_and_a_lead_without_a_program_in_its_clause_neither():
    # 安徽 2025: 形成科技领军企业牵头、高能级创新平台联动、高校院所协同的组织实施体系: the clause names no program, and
    # 高校院所 only cooperates; before, the last Body before 组织实施 (高校院所) led every program of the sentence
    sentence = text_sentence("gwr2025-安徽", "高校院所协同的组织实施体系")
    named = [("Program", "新型举国体制安徽范式"), ("Body", "科技领军企业"), ("Body", "高校院所"), ("Program", "“沿途下蛋”")]
    assert _leads(sentence, named) == set()


def test_the_guides_form_x_as_the_lead_unit_of_y():
    # the bundled seed: 组织部门作为“五星”支部创建的牵头单位 (the guide's LEADS row: X作为…的牵头单位)
    line = text_line_of(EXAMPLES / "001_b67b329c3470edd9.txt", "的牵头单位")
    sentence = next(s for s in line.split("。") if "的牵头单位" in s)
    assert _leads(sentence, [("Body", "组织部门"), ("Program", "“五星”支部创建")]) == {("组织部门", "五星支部创建")}


def test_a_program_under_a_lead_sentence_keeps_both_sentences_as_evidence():
    # 青海 2025: 推动产业“四地”互促共融。 leads the paragraph whose programs serve it; the relation's evidence
    # was only the sentence under it, which does not hold 产业四地
    dg = document_graph("gwr2025-青海")
    served = [r for r in dg.relations if r.type == "SERVES" and r.target == "产业四地"]
    assert served
    for r in served:
        texts = [ev.sentence for ev in r.evidence]
        assert any("四地" in t for t in texts) and any(r.source[:4] in t for t in texts), texts


@pytest.mark.parametrize("stem", ["gwr2025-青海", "gwr2025-云南", "gwr2025-重庆"])
def test_the_evidence_of_every_relation_names_both_its_ends(stem):
    # a walkthrough (session 42): 1,164 of 3,845 evidence sentences over the 2025 reports lacked one end of their
    # relation, which stood in a paragraph's lead, an item's lead-unit line, a list's heading (云南's 10件惠民实事) or
    # the sentence naming a counted whole (重庆's 城建“六大攻坚行动”); the explorer showed a sentence that did not state it
    dg = document_graph(stem)
    forms = {(e.label, e.name): {match_key(f) for f in [e.name, *e.aliases]} for e in dg.entities}
    missing = []
    for r in dg.relations:
        texts = [match_key(ev.sentence) for ev in r.evidence]
        ends = [forms[(r.source_label, r.source)], forms[(r.target_label, r.target)]]
        if not all(any(f in t for t in texts for f in end) for end in ends):
            missing.append((r.type, r.source, r.target))
    assert not missing, missing
