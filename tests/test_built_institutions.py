"""Institutions an item of a lead-unit plan builds (建立/健全/完善 X机制/制度/体系, loaders/built_institutions.py): the
whole object of the verb is the Program and the item's lead units LEAD it (guide rule 7); the same clause outside
such an item gives nothing new.  Every case is a real item of a bundled plan or of 重庆's 2024 plan (gold-b)."""

from __future__ import annotations

from genre_texts import text_line

from policykg.graph.records import SourceDocument
from policykg.loaders.pipeline import build_document_graph


def _graph(text: str):
    text += "\n"
    return build_document_graph(SourceDocument("Document:t", "t.txt", "t", 2012, None, len(text), "h", text), model="")


def _programs_and_leads(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    dg = _graph(text)
    return ({e.name for e in dg.entities if e.label == "Program"},
            {(r.source, r.target) for r in dg.relations if r.type == "LEADS"})


def test_the_object_of_a_verb_of_building_is_the_program_its_lead_unit_leads():
    # 重庆 2024, the plan for elderly-care workers (gold-b), item （五）: the walk from 机制 stopped at 实施
    item = ("（五）强化督促指导。建立养老服务人才队伍建设工作督导制度，完善方案实施监督激励机制。采取“四不两直”方式，"
            "运用实地查看、视频调度、警示约谈、定期评估、信息反馈等手段，对方案实施情况进行监督和指导，发现问题，及时纠治，"
            "切实推动各项任务高质量高标准完成。（牵头单位：市民政局，责任单位：其他各相关部门按职责分工负责）")
    programs, leads = _programs_and_leads(item)
    assert "方案实施监督激励机制" in programs
    assert ("市民政局", "方案实施监督激励机制") in leads
    # 吉林 2025 work report: 完善建设、验收、管护机制 is no gold Program, and a report closes no item with lead units
    programs, _ = _programs_and_leads("一、全方位夯实粮食安全根基。建设高标准农田1000万亩，完善建设、验收、管护机制，"
                                      "确保建一亩成一亩。")
    assert "建设、验收、管护机制" not in programs


def test_a_mechanism_named_by_a_list_of_its_steps_is_one_program():
    # 广州 2012, the democracy and rule-of-law opinion: the walk kept 决策机制 (a generic piece) or nothing
    line = text_line("guangzhou_minzhu_fazhi_jianshe_shishi_yijian_2012", "健全酝酿、提议、论证、研究、审议、决策机制")
    programs, leads = _programs_and_leads(line)
    assert "酝酿、提议、论证、研究、审议、决策机制" in programs and "决策机制" not in programs
    assert any(target == "酝酿、提议、论证、研究、审议、决策机制" for _, target in leads)
    # 包头 2022, the digital-government plan, item 76: a mechanism holding a verb (开放)
    line = text_line("baotou_shuzi_zhengfu_kaoping_2022", "建立依职能按需开放机制")
    programs, _ = _programs_and_leads(line)
    assert "依职能按需开放机制" in programs


def test_a_body_inside_the_name_stays_and_a_piece_of_it_goes():
    # 广州 2012, the science and technology opinion: 中小企业 stays a Body, 补偿机制 gives way to the whole;
    # outside the item, two institutions joined by 和 and a long-term mechanism (长效机制, guide rule 8) are no names
    line = text_line("guangzhou_keji_chuangxin_gongcheng_shishi_yijian_2012", "建立科技型中小企业贷款贴息、补偿机制")
    dg = _graph(line)
    names = {(e.label, e.name) for e in dg.entities}
    assert {("Body", "中小企业"), ("Program", "科技型中小企业贷款贴息、补偿机制")} <= names
    assert ("Program", "补偿机制") not in names
    from policykg.loaders.built_institutions import built_institutions
    assert built_institutions("完善民办教育发展规划和评估制度、民办学校综合监管和退出机制。") == []
    assert built_institutions("19.建立“三打两建”长效机制。") == []


def test_a_facility_an_item_builds_is_one_program_and_a_count_of_them_a_target():
    # 广州 2012, the democracy and rule-of-law opinion: 建立完善 is the verb, the record is the Program 市司法局 leads
    line = text_line("guangzhou_minzhu_fazhi_jianshe_shishi_yijian_2012", "建立完善法律服务人员诚信档案")
    programs, leads = _programs_and_leads(line)
    assert "法律服务人员诚信档案" in programs
    assert any(target == "法律服务人员诚信档案" for _, target in leads)
    # 广州 2012, the science and technology opinion: a count of incubators is a target (guide rule 9), no name
    from policykg.loaders.built_institutions import built_institutions
    assert built_institutions("重点支持建设一批科技前孵化器、科技企业孵化器和加速器，建设15家以上国家级科技企业孵化器。") == []


def test_explain_shows_the_institution_in_its_sentence():
    # 广州 2012, the democracy and rule-of-law opinion: --explain shows the reading the graph makes, in the sentence
    # that names the institution (the rules record as each sentence is read)
    from policykg.loaders.explain import explain_document

    text = text_line("guangzhou_minzhu_fazhi_jianshe_shishi_yijian_2012", "健全酝酿、提议、论证、研究、审议、决策机制") + "\n"
    doc = SourceDocument("Document:t", "t.txt", "t", 2012, None, len(text), "h", text)
    found = [(item.text, r["name"]) for item in explain_document(doc, model="") for r in item.records
             if r["rule"] == "built-institution"]
    assert [name for _, name in found] == ["酝酿、提议、论证、研究、审议、决策机制"]
    assert all(name in sentence for sentence, name in found)
