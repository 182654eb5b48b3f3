"""Relations on the genres beyond organisation work: lead-unit lines and duty notes (guide rule 7), enumerations
and the wholes they make up (PART_OF).
"""

from __future__ import annotations

import pytest
from genre_texts import document_graph, text_line, text_sentence

from policykg.loaders.extract import extract_sentence
from policykg.loaders.leads import lead_spans, lead_units
from policykg.loaders.outline import sentences
from policykg.loaders.relations import sentence_relations
from policykg.loaders.rules.common import Candidate

# ---------------------------------------------------------------- guide rule 7: lead-unit lines


def test_lead_unit_lines_lead_the_programs_of_their_own_item_only():
    dg = document_graph("baotou_shuzi_zhengfu_kaoping_2022")
    leads = {(r.source, r.target) for r in dg.relations if r.type == "LEADS"}
    hotline = [t for s, t in leads if s == "市公安局"]
    assert hotline, "items 3-4 name 市公安局 as a lead unit"
    # item 5 (政府网站集约化平台) is led by 市政府办公室 and 市审批服务局, never by 市公安局 of items 3-4
    item5 = {e.name for e in dg.entities if e.label == "Program" and "网站" in e.name}
    assert item5 and not any(t in item5 for t in hotline)
    assert any(s == "市审批服务局" and t in item5 for s, t in leads)


def test_in_a_document_with_lead_unit_lines_only_stated_units_lead():
    # baotou closes every item with （…，牵头考核单位：X）: the relation classifier read 考核单位 (a piece of
    # 牵头考核单位) and other bodies of an item as its leads; a lead is a unit the lead line names, or one a
    # sentence states with a trigger of its own (X负责, X牵头)
    dg = document_graph("baotou_shuzi_zhengfu_kaoping_2022")
    text = dg.document.text
    named = " ".join(text[s.start + a:s.start + b] for s in sentences(text) for a, b in lead_spans(s.text))
    triggers = ("负责", "牵头", "组织实施", "主管")
    for r in dg.relations:
        if r.type == "LEADS":
            stated = any(r.source in ev.sentence and any(t in ev.sentence.split(r.source, 1)[1] for t in triggers)
                         for ev in r.evidence)
            assert r.source in named or stated, (r.source, r.target, r.evidence[0].sentence)


def test_a_lead_unit_line_names_lead_and_supporting_units_apart():
    # 重庆-style line: 牵头单位 leads, the 责任单位 after it support (guide rule 7)
    sentence = "（牵头单位：市民政局，责任单位：市教委、市财政局）"
    cands = extract_sentence(sentence)
    assert [c.name for c in lead_units(sentence, cands)] == ["市民政局"]
    # 安徽-style line: only 责任单位 are named, so they lead
    sentence = "（责任单位：省经济和信息化厅、省财政厅）"
    cands = extract_sentence(sentence)
    assert [c.name for c in lead_units(sentence, cands)] == ["省经济和信息化厅", "省财政厅"]


def test_the_host_units_of_a_work_reports_annex_lead_its_item():
    # 云南's 2025 report closes with its 10件惠民实事, each item ending in a 主办单位：… line (the units
    # that run it, the role of 牵头单位/责任单位 in other provinces' lists, guide rule 7)
    line = text_line("gwr2025-云南", "主办单位：省人力资源社会保障厅")
    cands = extract_sentence(line)
    assert [c.name for c in lead_units(line, cands)][:2] == ["省人力资源社会保障厅", "省财政厅"]
    dg = document_graph("gwr2025-云南", model="")
    led = {r.target for r in dg.relations if r.type == "LEADS" and r.source == "省人力资源社会保障厅"}
    assert any("银龄人才" in t for t in led), led


@pytest.mark.parametrize(("needle", "units", "leads"), [
    ("（省商务厅牵头，省外办、省贸促会按职责分工配合）", ["省商务厅", "省外办", "省贸促会"], ["省商务厅"]),
    # 按职责分工负责 beside a 牵头 unit marks supporting units
    ("（合肥海关牵头，省港航集团、省机场集团按职责分工负责）", ["合肥海关", "省港航集团", "省机场集团"], ["合肥海关"]),
    ("（人行合肥中心支行负责）", ["人行合肥中心支行"], ["人行合肥中心支行"]),
])
def test_a_duty_note_closing_an_item_names_its_lead_units(needle, units, leads):
    line = text_line("anhui_rcep_gaoshuiping_kaifang_shishi_yijian_2022", needle)
    note = line[line.index(needle):line.index(needle) + len(needle)]
    bodies = [Candidate("Body", note.index(u), note.index(u) + len(u), u) for u in units]
    assert [c.name for c in lead_units(note, bodies)] == leads


def test_a_duty_note_after_the_full_stop_closes_the_sentence_before_it():
    line = text_line("anhui_rcep_gaoshuiping_kaifang_shishi_yijian_2022", "RCEP地方政府合作论坛")
    texts = [s.text for s in sentences(line)]
    assert any(t.endswith("（省商务厅牵头，省经济和信息化厅配合）") for t in texts)
    assert any(t.startswith("探索市场化方式举办RCEP地方政府合作论坛") and t.endswith("（省外办负责）") for t in texts)


def test_duty_notes_lead_the_programs_of_their_item_and_ordinary_brackets_do_not():
    dg = document_graph("anhui_rcep_gaoshuiping_kaifang_shishi_yijian_2022")
    leads = {(r.source, r.target) for r in dg.relations if r.type == "LEADS"}
    # item 14 closes twice: 省商务厅 leads the expos, 省外办 the forum named after the first note
    forum = [t for s, t in leads if "合作论坛" in t]
    assert forum and all(s == "省外办" for s, t in leads if t in forum)
    assert ("省商务厅", "海外仓") in leads or any(s == "省商务厅" and "海外仓" in t for s, t in leads)
    assert not lead_units("（以下简称RCEP）", [])


def test_lead_unit_with_a_qualifier_is_read():
    sentence = text_line("baotou_shuzi_zhengfu_kaoping_2022", "适老化改造")
    sentence = sentence[sentence.rindex("（"):]
    assert [c.name for c in lead_units(sentence, extract_sentence(sentence))] == ["市审批服务局"]


def test_a_body_charged_with_programs_leads_them():
    # aba (articles of administrative measures): 第十条 州数据资源主管部门负责全州统一的大数据中心平台、政务云平台、
    # 电子政务外网、灾难备份中心等的建设和运行管理 (guide rule 7: X负责)
    line = text_line("aba_zhengwu_shuju_2021", "灾难备份中心")
    sentence = line[:line.index("。") + 1]
    body = "州数据资源主管部门"  # the tagger's mention (the rules alone find the programs only)
    cands = [Candidate("Body", sentence.index(body), sentence.index(body) + len(body), body),
             *extract_sentence(sentence)]
    triples = {(t, a.name, b.name) for t, a, b in sentence_relations(sentence, cands)}
    assert {("LEADS", body, "大数据中心平台"), ("LEADS", body, "政务云平台")} <= triples
    # a governance formula is no charge (report to the 18th party congress, 2012): 政府 leads nothing here
    formula = ("加快形成党委领导、政府负责、社会协同、公众参与、法治保障的社会管理体制，"
               "加快形成政府主导、覆盖城乡、可持续的基本公共服务体系。")
    gov = formula.index("政府负责")
    at = formula.index("基本公共服务体系")
    programs = [Candidate("Program", at, at + 8, "基本公共服务体系")]
    assert not sentence_relations(formula, [Candidate("Body", gov, gov + 2, "政府"), *programs])


# ---------------------------------------------------------------- enumerations and the wholes they make up


def test_listed_projects_keep_their_own_names_and_lose_the_clause_verb():
    sentence = text_line("gwr2025-湖南", "高速公路主通道扩容工程")
    sentence = sentence[sentence.index("聚焦基础设施增投资"):]
    sentence = sentence[: sentence.index("。") + 1]
    names = {c.name for c in extract_sentence(sentence) if c.label == "Program"}
    assert {"高速公路主通道扩容工程", "新型电力系统工程", "高标准农田", "重大水利工程"} <= names
    assert "型电力系统工程" not in names and not any(n.startswith("着重") for n in names)


def _program(sentence: str, name: str, rule: str = "test") -> Candidate:
    """A Program candidate over ``name`` in ``sentence``; a quoted name (“五篇大文章”) is named without its marks."""
    start = sentence.index(name)
    return Candidate("Program", start, start + len(name), name.strip("“”"), rule=rule)


def test_an_enumeration_closed_by_etc_and_a_count_is_part_of_the_whole():
    sentence = text_line("gwr2025-山东", "临沂生猪")
    sentence = sentence[sentence.index("深入实施龙头企业提振行动"):]
    sentence = sentence[: sentence.index("。") + 1]
    names = ["龙头企业提振行动", "滨州对虾", "济宁食用菌", "临沂生猪", "菏泽肉羊", "优势特色农业全产业链提质增效试点"]
    rels = {(t, a.name, b.name) for t, a, b in sentence_relations(sentence, [_program(sentence, n) for n in names])}
    parts = {a for t, a, b in rels if t == "PART_OF" and b == "优势特色农业全产业链提质增效试点"}
    assert parts == {"滨州对虾", "济宁食用菌", "临沂生猪", "菏泽肉羊"}  # not the action before the comma


def test_one_instance_before_etc_and_a_count_is_part_but_a_lone_de_is_not():
    sentence = text_line("gwr2025-山东", "牵引性集成改革")
    sentence = sentence[sentence.index("组织实施重大科技创新资源重组"):]
    sentence = sentence[: sentence.index("。") + 1]
    cands = [_program(sentence, "重大科技创新资源重组"), _program(sentence, "牵引性集成改革")]
    assert ("PART_OF", "重大科技创新资源重组", "牵引性集成改革") in {
        (t, a.name, b.name) for t, a, b in sentence_relations(sentence, cands)}
    sentence = text_line("central_shequ_gongzuozhe_yijian_2024", "分级培训制度")
    cands = [_program(sentence, n) for n in ("县级骨干培训", "分级培训制度")]
    assert not [t for t, _a, _b in sentence_relations(sentence, cands) if t == "PART_OF"]


def test_programs_of_action_clauses_serve_the_goals_of_the_result_clauses_after_them():
    # guide rule 13: 健全A，完善B，确保Y，确保Z (a party-building section of a congress report)
    sentence = text_line("xi_jinping_ershida_baogao_dangjian_jie15_2022", "确保党的团结统一")
    sentence = sentence[: sentence.index("确保党的团结统一") + len("确保党的团结统一。")]
    progs = [_program(sentence, n) for n in ("党的领导制度体系", "党中央重大决策部署落实机制")]
    goal = sentence.index("党的团结统一")
    goals = [Candidate("Goal", goal, goal + 6, "党的团结统一")]
    serves = {(a.name, b.name) for t, a, b in sentence_relations(sentence, progs + goals) if t == "SERVES"}
    assert serves == {("党的领导制度体系", "党的团结统一"), ("党中央重大决策部署落实机制", "党的团结统一")}
    # an end-state built by the action before it is a result too (健全X，建设Y; guide rule 12)
    sentence = text_line("gwr2025-湖南", "健全养老服务体系，建设老年友好型社会")
    sentence = sentence[sentence.index("健全养老服务体系"):]
    sentence = sentence[: sentence.index("。") + 1]
    progs = [_program(sentence, "养老服务体系")]
    goal = sentence.index("老年友好型社会")
    goals = [Candidate("Goal", goal, goal + 7, "老年友好型社会")]
    assert [(t, a.name, b.name) for t, a, b in sentence_relations(sentence, progs + goals)] == [
        ("SERVES", "养老服务体系", "老年友好型社会")]


def test_the_parts_listed_in_brackets_after_a_counted_name_are_part_of_it():
    # “三打两建”（打击欺行霸市、…，建设社会信用体系、建设市场监管体系）: a city implementation opinion of 2012
    sentence = text_line("guangzhou_minzhu_fazhi_jianshe_shishi_yijian_2012", "三打两建”（")
    sentence = sentence[sentence.index("认真总结"):]
    sentence = sentence[: sentence.index("。") + 1]
    names = ["三打两建", "打击欺行霸市", "打击制假售假", "打击商业贿赂", "社会信用体系", "市场监管体系"]
    cands = [_program(sentence, n) for n in names]
    rels = {(t, a.name, b.name) for t, a, b in sentence_relations(sentence, cands)}
    assert {a for t, a, b in rels if t == "PART_OF" and b == "三打两建"} == set(names[1:])
    # one program in the bracket is no list of parts
    cands = [_program(sentence, n) for n in names[:2]]
    assert not [t for t, _a, _b in sentence_relations(sentence, cands) if t == "PART_OF"]


def test_the_items_of_a_list_of_the_year_s_public_service_projects_are_part_of_the_list():
    # 广东's report closes with 2025年省十件民生实事 and its ten items (guide: PART_OF, "an enumeration of components");
    # the heading names the list without its year, and each item's title is a part of it
    dg = document_graph("gwr2025-广东")
    parts = {r.source for r in dg.relations if r.type == "PART_OF" and r.target == "省十件民生实事"}
    assert "提升困难群众兜底保障和关爱服务水平" in parts
    assert "扎实推进城镇和农村生活污水治理" not in parts  # the verbs of carrying out are no part of the name
    assert len(parts) == 10


def test_the_programs_of_the_items_numbered_after_a_counted_whole_are_its_parts():
    # 山西's report: 今年再办好15件民生实事。一是…。二是为2万名高危人群进行上消化道健康筛查。… (guide: PART_OF, "an
    # enumeration of components"); the items share no type word with the whole, the ordinals mark them
    dg = document_graph("gwr2025-山西")
    parts = {r.source for r in dg.relations if r.type == "PART_OF" and r.target == "15件民生实事"}
    assert {"文化驿站", "农产品上行快件物流补助"} <= parts


def test_a_list_right_before_the_quoted_count_naming_its_whole_is_part_of_it():
    # gwr2025-湖北: the five items are named programs and the quoted count closes their list (no 等)
    sentence = text_sentence("gwr2025-湖北", "五篇大文章")
    items = ["科技金融", "绿色金融", "普惠金融", "养老金融", "数字金融"]
    cands = [_program(sentence, n) for n in items] + [_program(sentence, "“五篇大文章”")]
    parts = {a for t, a, b in ((t, a.name, b.name) for t, a, b in sentence_relations(sentence, cands))
             if t == "PART_OF" and b == "五篇大文章"}
    assert parts == set(items)
    # two items before a count of six (gwr2025-湖南): the list is no enumeration of the whole's parts
    sentence = text_sentence("gwr2025-湖南", "“六大工程”")
    cands = [_program(sentence, n) for n in ("湖湘文化精品创作工程", "文物保护利用", "“六大工程”")]
    assert not [t for t, _a, _b in sentence_relations(sentence, cands) if t == "PART_OF"]
    # the quote is the last item of a list joined by 和, not its whole (马克思列宁主义、…和“三个代表”重要思想)
    sentence = text_sentence("zhongyang_feigong_qiye_dangjian_yijian_2012", "“三个代表”")
    cands = [_program(sentence, n) for n in ("马克思列宁主义", "毛泽东思想", "邓小平理论", "“三个代表”")]
    assert not [t for t, _a, _b in sentence_relations(sentence, cands) if t == "PART_OF"]


def test_the_parts_a_whole_is_made_of_before_etc_and_zucheng_de_are_part_of_it():
    # zhongban_jianghe_baohu_zhili_yijian_2025: 健全由水库、河道及堤防、蓄滞洪区等组成的流域防洪工程体系
    sentence = text_sentence("zhongban_jianghe_baohu_zhili_yijian_2025", "蓄滞洪区等组成的")
    cands = [_program(sentence, n) for n in ("水库", "河道及堤防", "蓄滞洪区", "流域防洪工程体系")]
    parts = {a for t, a, b in ((t, a.name, b.name) for t, a, b in sentence_relations(sentence, cands))
             if t == "PART_OF" and b == "流域防洪工程体系"}
    assert parts == {"水库", "河道及堤防", "蓄滞洪区"}


def test_a_review_of_work_done_names_no_lead():
    # the diffusion study found 中国科学院工业人工智能研究院 "leading" 苏州实验室, 紫金山 and 太湖实验室 in 江苏's review of
    # 2024 (……研究院落地江苏，苏州实验室和紫金山、太湖实验室等战略科技力量……): a report of what was done; over the 115
    # annotated documents 2 of the 12 LEADS read in review sentences are gold
    dg = document_graph("gwr2025-江苏")
    assert not [r for r in dg.relations if r.type == "LEADS" and "人工智能研究院" in r.source]


@pytest.mark.parametrize("stem", ["gwr2025-云南", "guowuyuan_zhengfu_gongzuo_baogao_2021",
                                  "zhongyang_chuangxian_zhengyou_huodong_yijian_2010"])
def test_every_fact_relationship_joins_the_labels_of_its_type(stem):
    # a walkthrough (session 41) found SERVES from a Goal, a Document and a Body: a document gives a name one label
    # wherever it stands, so 民族团结进步, read as a Program serving 各民族交往交流交融 in one sentence, is the Goal of
    # the others (guide: LEADS Body -> Program, SERVES Program -> Goal, PART_OF Program -> Program)
    dg = document_graph(stem)
    ends = {"LEADS": ("Body", "Program"), "SERVES": ("Program", "Goal"), "PART_OF": ("Program", "Program")}
    facts = [r for r in dg.relations if r.type in ends]
    assert facts and all((r.source_label, r.target_label) == ends[r.type] for r in facts)
