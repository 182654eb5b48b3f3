"""Relations a document states through its layout: plan boxes, counted lists, paragraph leads.

Each case is real text: documents bundled under ``loaders/training/texts`` (sources in
``SOURCES.tsv`` there), or a passage of a public document quoted here with its source.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykg.graph.records import SourceDocument
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.combine import read_spans, settle
from policykg.loaders.extract import extract_sentence
from policykg.loaders.leads import charged_under_heading
from policykg.loaders.lexicon import tokenize
from policykg.loaders.outline import outline
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.rules.common import Candidate, small_number

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"

# 安徽省工业互联网创新发展行动计划（2021-2023年）(皖政办秘〔2021〕82号), item 4 and the two boxes
# around it, as published (the document is in the shared second development set).
ANHUI_BOXES = """（二）基础支撑增强行动。
专栏2  工业互联网标识解析体系增强工程
持续争取标识解析体系国家二级节点在安徽落地，引导省内龙头企业或机构结合应用需求建设行业或区域综合型二级节点，力争全省建成10个二级节点。支持合肥、芜湖、铜陵、阜阳等地标识解析服务平台建设。
4﹒推进工业大数据能力建设。推动工业大数据中心建设，优化工业数据集、工业算法、算力的综合布局。依托江淮大数据中心，建立江淮大数据中心工业大数据分平台。（责任单位：省经济和信息化厅、省数据资源局、省通信管理局，相关市人民政府）
专栏3  工业大数据能力提升工程
支持合肥、宿州、淮南、芜湖等地的数据中心、超算中心面向工业领域开展大数据相关服务，推进宝武马钢的长三角大数据中心和中国电信（安徽）大数据产业园建设。
（三）平台体系赋能行动。
5﹒建设跨行业、跨领域综合型平台。发挥龙头企业带动作用和技术领域优势，打造跨行业、跨领域的综合型平台。
"""


def _doc(tmp_path: Path, text: str, stem: str = "anhui_boxes") -> SourceDocument:
    path = tmp_path / f"{stem}.txt"
    path.write_text("（标题）\n" + text, encoding="utf-8")  # the first line is the title
    return read_document(path)


def _relations(dg, kind: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in dg.relations if r.type == kind}


def test_numbered_items_with_a_small_full_stop_are_items():
    # 4﹒ (U+FE52) numbers the items of the Anhui plan; before, item 4 ran on inside the box above it
    secs = outline("Document:anhui_boxes", ANHUI_BOXES, "")
    item = next(s for s in secs if s.heading.startswith("推进工业大数据能力建设"))
    box = next(s for s in secs if s.heading.startswith("专栏2"))
    assert item.level == 3 and item.start >= box.end


def test_the_programs_of_a_box_are_parts_of_the_program_its_heading_names(tmp_path):
    dg = build_document_graph(_doc(tmp_path, ANHUI_BOXES))
    parts = _relations(dg, "PART_OF")
    assert ("中国电信（安徽）大数据产业园", "工业大数据能力提升工程") in parts
    assert any(t == "工业互联网标识解析体系增强工程" and "标识解析服务平台" in s for s, t in parts)
    # item 4 and the section after the box are outside it
    assert not any(t.endswith("工程") and "江淮大数据中心" in s for s, t in parts)
    assert not any(t.endswith("工程") and "综合型平台" in s for s, t in parts)


def test_a_list_closed_by_a_count_of_sets_makes_up_the_counted_whole(tmp_path):
    # gwr2025-吉林 (2025 Jilin government work report, shared second development set)
    text = ("统筹推进城乡融合发展。开展新一轮农业转移人口市民化、县城城镇化水平提升、长春都市圈培育、"
            "城市更新和安全韧性提升4项行动。\n")
    dg = build_document_graph(_doc(tmp_path, text, "jilin"), model="")
    assert _relations(dg, "PART_OF") >= {("县城城镇化水平提升", "4项行动"), ("长春都市圈培育", "4项行动"),
                                         ("城市更新和安全韧性提升", "4项行动")}
    assert not any("安全韧性提升4项行动" in e.name for e in dg.entities)


def test_a_list_closed_by_a_count_of_things_names_no_whole(tmp_path):
    # gwr2025-山东: the high-speed lines are the programs; "6个高铁项目" only counts them
    line = next(x for x in (TEXTS / "gwr2025-山东.txt").read_text(encoding="utf-8").splitlines() if "雄商" in x)
    dg = build_document_graph(_doc(tmp_path, line + "\n", "shandong"), model="")
    names = {e.name for e in dg.entities if e.label == "Program"}
    assert {"雄商", "津潍", "济滨"} <= names
    assert not any(n.startswith("6个") for n in names)


def test_a_count_after_et_cetera_closes_a_partial_list(tmp_path):
    # gwr2025-湖南: ten named research projects, …等十大技术攻关项目 (gold: PART_OF each)
    line = next(x for x in (TEXTS / "gwr2025-湖南.txt").read_text(encoding="utf-8").splitlines()
                if "十大技术攻关项目" in x and x.startswith("深化核心技术攻关"))
    dg = build_document_graph(_doc(tmp_path, line + "\n", "hunan"), model="")
    parts = {s for s, t in _relations(dg, "PART_OF") if t == "十大技术攻关项目"}
    assert {"航天环宇宽体客机复材壁板", "三一集团氢能重卡", "长沙量子院量子重力测量"} <= parts


def test_counts_are_read_in_both_numeral_systems():
    assert [small_number(x) for x in ("4", "十", "十二", "三十", "二十五", "两", "百")] == [4, 10, 12, 30, 25, 2, None]


def test_a_paragraph_lead_naming_a_goal_is_served_by_the_programs_right_under_it(tmp_path):
    # gwr2025-湖南: 促进城乡融合发展。实施新型城镇化战略五年行动计划，… (the adjudicated gold has this SERVES)
    line = next(x for x in (TEXTS / "gwr2025-湖南.txt").read_text(encoding="utf-8").splitlines()
                if x.startswith("促进城乡融合发展。"))
    dg = build_document_graph(_doc(tmp_path, line + "\n", "hunan"), model="")
    serves = _relations(dg, "SERVES")
    assert ("新型城镇化战略五年行动计划", "城乡融合发展") in serves
    # the third sentence is no longer right under the lead
    third = line.split("。")[2]
    assert not any(src in third for src, t in serves if t == "城乡融合发展")


def test_the_sentence_under_a_lead_runs_on_after_a_semicolon_to_its_full_stop(tmp_path):
    # 广州 2012, 廉洁广州 decision: （一）打造廉洁高效政府。坚持依法行政，…；实行行政执法责任制，…；完善重大行政决策程序规则，…。
    # The outline cuts sentences at ；, but the sentence under the lead (guide rule 13) runs to 。 (the gold links
    # 行政执法责任制 and 行政决策纠错机制 to the lead); the sentence after the full stop is no longer under it.
    line = _line("guangzhou_lianjie_guangzhou_jueding_2012", "（一）打造廉洁高效政府。")
    serves = _relations(build_document_graph(_doc(tmp_path, line + "\n", "lianjie")), "SERVES")
    assert {("行政执法责任制", "廉洁高效政府"), ("行政决策纠错机制", "廉洁高效政府")} <= serves
    after = line.split("。")[2]  # 推进阳光政务建设，严格执行政府信息公开条例，…
    assert not any(src in after for src, t in serves if t == "廉洁高效政府")


def test_a_lead_that_names_a_program_too_is_no_goal_heading(tmp_path):
    text = "深入学习运用“千万工程”经验，加快农业农村现代化。实施现代设施农业更新工程。\n"
    dg = build_document_graph(_doc(tmp_path, text, "lead"), model="")
    assert not any(t == "农业农村现代化" for _s, t in _relations(dg, "SERVES"))


def test_each_level_of_an_organ_is_the_organ():
    # central_shequ_gongzuozhe_yijian_2024 writes 各级党委 and 党委: one body (the adjudicated gold agrees)
    dg = resolve_document(build_document_graph(read_document(TEXTS / "central_shequ_gongzuozhe_yijian_2024.txt")),
                          EntityIndex())
    bodies = {e.name: e for e in dg.entities if e.label == "Body"}
    assert "各级党委" not in bodies
    assert "各级党委" in bodies["党委"].aliases


def test_a_new_round_of_a_program_is_the_program():
    # gwr2025-广西 reviews 科技“尖锋”行动 and plans 新一轮科技“尖锋”行动: one program (the gold agrees)
    dg = resolve_document(build_document_graph(read_document(TEXTS / "gwr2025-广西.txt")), EntityIndex())
    progs = [e for e in dg.entities if e.label == "Program" and "尖锋" in e.name]
    assert len(progs) == 1
    assert any(f.startswith("新一轮") for f in progs[0].forms())


def test_the_relation_classifier_sees_action_and_result_clauses_far_apart():
    # gwr2025-河南: 实施好大规模技能培训提升行动，完成职业技能培训200万人次，新增高技能人才65万人。
    from policykg.loaders.lexicon import tokenize
    from policykg.loaders.pairs import MAX_GAP, pair_features, sentence_pairs
    from policykg.loaders.rules.common import Candidate

    text = "实施好大规模技能培训提升行动，完成职业技能培训200万人次，新增高技能人才65万人。"
    prog = Candidate("Program", text.index("大规模"), text.index("，"), "大规模技能培训提升行动")
    goal = Candidate("Goal", text.index("新增"), len(text) - 1, "新增高技能人才65万人")
    f = pair_features(text, prog, goal, tokenize(text), 0, False)
    assert {"nclause=2", "b_last=1", "a_lead=实施", "b_lead=<self>"} <= set(f)
    # and sees them together: the action verb with the clause count, the clause count with the goal closing
    # the sentence (a linear model weighs each alone)
    assert {"nclause=2&b_last=1", "nclause=2&a_lead=实施", "la=Program&lb=Goal"} <= set(f)
    # gwr2025-湖南: the first action and the target that closes the sentence stand 88 characters apart
    # (the adjudicated gold relates them)
    line = next(x for x in (TEXTS / "gwr2025-湖南.txt").read_text(encoding="utf-8").splitlines() if "创新图谱" in x)
    far = next(x + "。" for x in line.split("。") if "创新图谱" in x)
    action = Candidate("Program", far.index("“4×4”"), far.index("创新图谱") + 4, "4×4现代化产业体系创新图谱")
    target = Candidate("Goal", far.index("高新技术产业"), len(far) - 1, "高新技术产业增加值增长8%")
    assert target.start - action.end > MAX_GAP
    assert [(a.name, b.name) for a, b, _n, _x in sentence_pairs(far, [action, target])] == [(action.name, target.name)]


def test_a_tagged_span_over_a_counted_whole_keeps_the_parts_the_rules_enumerated():
    # gwr2025-湖南: a model fitted without this report tags 十大产业项目”建设 (from inside the quotation);
    # the span opens with its quotation mark and carries the ten projects the rules enumerated
    sentence = next(s for s in (TEXTS / "gwr2025-湖南.txt").read_text(encoding="utf-8").split("。")
                    if "着重抓好岳阳乙烯炼化一体化" in s) + "。"
    words = tokenize(sentence)
    rules = extract_sentence(sentence, words)
    whole = next(c for c in rules if c.name == "十大产业项目")
    assert len(whole.parts) == 10
    start = sentence.index("十大产业项目”建设")
    tags = ["O"] * len(words)
    inside = [i for i, (_w, s, e) in enumerate(words) if start <= s and e <= start + len("十大产业项目”建设")]
    tags[inside[0]] = "B-Program"
    for i in inside[1:]:
        tags[i] = "I-Program"
    kept = settle(read_spans(sentence, words, rules, tags), None)
    tagged = [c for c in kept if c.name == "十大产业项目"]
    assert len(tagged) == 1 and sorted(tagged[0].parts) == sorted(whole.parts)


def test_a_program_said_to_include_others_is_made_up_of_them():
    # 阿坝州政务数据资源管理暂行办法: X包括：A、B、C三大子平台 (no bracket), read to the clause's end
    from policykg.loaders.relations import sentence_relations

    line = next(x for x in (TEXTS / "aba_zhengwu_shuju_2021.txt").read_text(encoding="utf-8").splitlines()
                if x.startswith("阿坝州大数据中心平台包括"))
    parts = {(a.name, b.name) for t, a, b in sentence_relations(line, extract_sentence(line)) if t == "PART_OF"}
    assert {("阿坝州共享交换平台", "阿坝州大数据中心平台"), ("阿坝州数据开放平台", "阿坝州大数据中心平台"),
            ("阿坝州政务数据资源池", "阿坝州大数据中心平台")} <= parts


# ---------------------------------------------------------------- items a heading announces as its program's parts
GUANGZHOU = TEXTS / "guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012.txt"


def test_announced_items_are_parts_and_an_item_program_serves_the_targets_under_its_title():
    # （一）产业提升人才行动计划。…实施如下重点项目： then 3.羊城企业家培养项目。 4.民营企业家素质提升项目。…
    dg = build_document_graph(read_document(GUANGZHOU), model="")  # the rules alone: no model decides it
    parts = _relations(dg, "PART_OF")
    assert ("羊城企业家培养项目", "产业提升人才行动计划") in parts
    assert ("民营企业家素质提升项目", "产业提升人才行动计划") in parts
    # 五、强化组织实施 announces nothing: its items (加强组织领导, 完善责任考核) are parts of nothing
    assert not any(whole == "强化组织实施" for _part, whole in parts)

    # guide rule 13: the item's program serves the targets of the sentence right under its title
    serves = _relations(dg, "SERVES")
    assert {("羊城企业家培养项目", "5年内重点引进100名市管企业中高级经营管理人才"),
            ("羊城企业家培养项目", "培养100名优秀企业家")} <= serves
    # 43.加强组织领导。 is a title naming no program: nothing under it is served from the title
    assert not any(src == "加强组织领导" for src, _ in serves)


def test_the_items_under_a_heading_that_names_a_counted_whole_are_its_parts():
    # 二、实施六大人才行动计划 then （一）产业提升人才行动计划。… （六）国际交流人才行动计划。: the count announces the
    # items, with no colon; the items' own numbered sub-items (3.羊城企业家培养项目。) are parts of their item only
    dg = build_document_graph(read_document(GUANGZHOU))
    parts = {s for s, t in _relations(dg, "PART_OF") if t == "六大人才行动计划"}
    assert {"产业提升人才行动计划", "科技创新人才行动计划", "城乡一体人才行动计划", "文化引领人才行动计划",
            "民生幸福人才行动计划", "国际交流人才行动计划"} <= parts
    assert "羊城企业家培养项目" not in parts


def test_a_heading_that_announces_a_list_but_names_no_program_gives_no_parts():
    # gwr2025-广西's review: 一年来，…我们主要做了以下工作： heads (一)扎实推进国家各项政策落地落实。… — no parts
    from policykg.loaders.item_lists import ItemLists

    views = _views(TEXTS / "gwr2025-广西.txt")
    assert any(v.matching.endswith("我们主要做了以下工作：") for v in views)
    lists = ItemLists()
    assert not [t for v in views for t in lists.read(v, v.rules, {id(c): (c.label, c.name) for c in v.rules})
                if t[0] == "PART_OF"]


def _views(path: Path):
    from policykg.loaders.pipeline import document_sentences

    doc = read_document(path)
    return list(document_sentences(doc.text, doc.id.split(":", 1)[1], doc.title, outline(doc.id, doc.text, doc.title)))


def test_an_item_titled_by_a_name_alone_keeps_its_program_whatever_the_tagger_says():
    from policykg.loaders.item_lists import with_item_title

    views = _views(GUANGZHOU)
    title = next(v for v in views if v.matching == "12.博士后培养项目。")
    assert [c.name for c in with_item_title(title, [])] == ["博士后培养项目"]  # the tagger kept nothing
    body = views[views.index(title) + 1]  # 深入实施博士后培养工程，… is no title: nothing is added
    assert with_item_title(body, []) == []
    # a long name the rules stop inside (no rule candidate) is read from the title
    title = next(v for v in views if v.matching == "2.战略性主导产业紧缺人才开发项目。")
    assert [(c.name, c.rule) for c in with_item_title(title, [])] == [("战略性主导产业紧缺人才开发项目", "item-title")]
    # a title joining two things (体制和工作格局) names no one program
    title = next(v for v in views if v.matching == "40.健全党管人才领导体制和工作格局。")
    assert with_item_title(title, []) == []


def test_an_item_titled_by_a_generic_mechanism_gives_no_program():
    # central opinion on community workers: （三）健全培训机制。 — a generic name (guide rule 8)
    from policykg.loaders.item_lists import with_item_title

    views = _views(TEXTS / "central_shequ_gongzuozhe_yijian_2024.txt")
    title = next(v for v in views if v.matching.endswith("健全培训机制。") and v.sentence.start == v.section.start)
    assert with_item_title(title, []) == []


def _line(stem: str, opening: str) -> str:
    return next(x for x in (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if x.startswith(opening))


def test_a_counted_whole_leading_a_paragraph_is_made_up_of_the_programs_of_its_kind_after_it(tmp_path):
    # gwr2025-重庆 (loaders/training/texts): 实施城建“六大攻坚行动”。 then one sentence per 攻坚行动 of the paragraph
    dg = build_document_graph(_doc(tmp_path, _line("gwr2025-重庆", "实施城建“六大攻坚行动”") + "\n", "chongqing"))
    parts = {s for s, t in _relations(dg, "PART_OF") if t == "城建六大攻坚行动"}
    assert {"重大基础设施建设攻坚行动", "提升轨道交通分担率攻坚行动", "排水管网建设改造攻坚行动"} <= parts
    assert all(p.endswith("攻坚行动") for p in parts) and len(parts) <= 6


def test_a_counted_whole_listed_in_its_own_sentence_takes_no_parts_after_it(tmp_path):
    # gwr2025-宁夏: 建立问题发现、信息共享、快速处置“三项机制”。 names its parts before it; the 机制 of the sentences
    # after it in the paragraph (群众信访问题容缺办理机制, 退役军人服务保障优待机制) are none of them
    line = _line("gwr2025-宁夏", "三是着力推动社会治理。聚焦“五重”风险隐患")
    dg = build_document_graph(_doc(tmp_path, line + "\n", "ningxia"))
    assert not {s for s, t in _relations(dg, "PART_OF") if t == "三项机制"} & {"群众信访问题容缺办理机制",
                                                                              "退役军人服务保障优待机制"}


HELDOUT = TEXTS.parent / "heldout" / "texts"


def _guizhou_livelihood_line() -> str:
    """gwr2025-贵州's line naming its “十件民生实事” and the ten numbered items after it."""
    return next(x for x in (HELDOUT / "gwr2025-贵州.txt").read_text(encoding="utf-8").splitlines()
                if x.startswith("今年将继续统筹安排财力，扎实办好“十件民生实事”。"))


def test_the_programs_of_items_numbered_after_a_counted_whole_are_its_parts(tmp_path):
    # gwr2025-贵州 (loaders/training/heldout/texts): 扎实办好“十件民生实事”。（1）促进重点群体就业，…（10）丰富群众文化
    # 体育生活，…“农体工程”…: every Program of the numbered items is a part, whether the items run on in the
    # whole's line (as the report prints them) or stand one to a line
    line = _guizhou_livelihood_line()
    for text in (line, re.sub(r"(?=（\d{1,2}）)", "\n", line)):
        dg = build_document_graph(_doc(tmp_path, text + "\n", "guizhou"))
        parts = {s for s, t in _relations(dg, "PART_OF") if t == "十件民生实事"}
        assert {"一老一小服务体系", "平安黔哨工程", "农体工程"} <= parts and len(parts) <= 10


def test_items_of_an_outer_list_after_a_line_closing_on_a_counted_whole_are_not_its_parts(tmp_path):
    # gwr2025-宁夏: 六是持续深化养老育幼服务工程。…落实残疾人护理“两项补贴”…。 then 七是…住房安居宜居工程。 and
    # 八是…社保扩面提质工程。 on lines of their own: the siblings of 六是, not items of 两项补贴 (the whole does not
    # close its line, and their ordinals are those of the line it stands in)
    dg = build_document_graph(_doc(tmp_path, _lines("gwr2025-宁夏", "六是持续深化养老育幼服务工程", "八是"), "ningxia"))
    assert not {s for s, t in _relations(dg, "PART_OF") if t.endswith("两项补贴")}


def test_sections_numbered_like_the_line_a_counted_whole_closes_are_not_its_items(tmp_path):
    # 贵州's paragraph laid out as a report whose sections stand one to a line: the whole closes section （五）'s line
    # and its items follow as （六）, （七）, … numbered like （五）: siblings of the whole's section, not its items
    line = _guizhou_livelihood_line()
    head, *items = re.split(r"（\d{1,2}）", line)
    numbers = ["五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
    sections = "\n".join(f"（{n}）{text}" for n, text in zip(numbers, [head, *items], strict=True))
    dg = build_document_graph(_doc(tmp_path, sections + "\n", "guizhou"))
    assert {"一老一小服务体系", "十件民生实事"} <= {e.name for e in dg.entities if e.label == "Program"}
    assert not {s for s, t in _relations(dg, "PART_OF") if t == "十件民生实事"}


def _lines(stem: str, first: str, last: str) -> str:
    lines = (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    a = next(i for i, x in enumerate(lines) if x.startswith(first))
    b = next(i for i, x in enumerate(lines) if i > a and x.startswith(last))
    return "\n".join(lines[a:b + 1]) + "\n"


def test_the_units_a_line_names_as_holding_duties_lead_the_programs_of_its_items(tmp_path):
    # 乡村振兴责任制实施办法 (2022, loaders/training/texts): 第五条 names the holder, （一）…（八） its duties; 第六条
    # gives another unit its own duties, outside the list
    text = _lines("zhongban_xiangcun_zhenxing_zerenzhi_banfa_2022", "第五条", "第六条")
    leads = _relations(build_document_graph(_doc(tmp_path, text, "xiangcun")), "LEADS")
    led = {t for s, t in leads if s == "中央和国家机关有关部门"}
    assert {"主产区利益补偿机制", "农村集体产权制度改革", "乡村振兴战略实施情况监测评价"} <= led
    assert "乡村振兴战略实绩考核制度" not in led  # named in 第六条, the duties of 中央农村工作领导小组办公室


def test_duties_announced_for_a_units_leader_are_no_leads_of_the_unit(tmp_path):
    # 第九条 of the same 办法: the duties are those of 省级党委和政府主要负责人, the first person responsible
    text = _lines("zhongban_xiangcun_zhenxing_zerenzhi_banfa_2022", "第九条", "第十条")
    leads = _relations(build_document_graph(_doc(tmp_path, text, "xiangcun")), "LEADS")
    assert not {t for s, t in leads if s == "省级党委和政府"}
    # without the person the line's unit is the holder
    unit = text.replace("省级党委和政府主要负责人是本地区乡村振兴第一责任人，", "省级党委和政府")
    leads = _relations(build_document_graph(_doc(tmp_path, unit, "xiangcun")), "LEADS")
    assert {t for s, t in leads if s == "省级党委和政府"}


# 安徽省支持工业互联网发展若干政策 (the shared second development set): three items whose lead-unit lines
# would each lead the plan's subject, 工业互联网平台, beside the items' own programs.
ANHUI_SUBJECT = """一、支持工业互联网平台建设
培育各类工业互联网平台。重点培育一批跨行业跨领域综合型、行业特色型、区域特色型、专业技术型工业互联网平台，支持建设一批企业级工业互联网平台。对跨行业跨领域工业互联网平台省级给予奖补，最高3000万元；对行业、区域、专业型工业互联网平台省级给予奖补，最高1000万元；企业级工业互联网平台省级给予一次性奖补100万元。（责任单位：省经济和信息化厅、省财政厅）
鼓励工业互联网平台及云服务商、工业企业落实企业主体责任，完善网络安全管理体系，提升企业安全防护能力，与省级工业互联网安全态势感知平台开展对接。支持工业企业和平台服务商开展工业互联网网络安全分类分级工作，省级按照不超过项目投资额50%的比例给予一次性奖补，最高100万元。（责任单位：省经济和信息化厅、省通信管理局、省财政厅）
16﹒加快一、二、三产业融通发展。依托工业互联网平台，推动实现农业精准作业、精准管理，提升农产品流通效率和安全保障水平，促进农村消费提质升级。支持有能力的农业装备企业探索装备制造、农业生产、农产品销售全产业链一体化发展模式。（责任单位：省农业农村厅、省发展改革委、省商务厅、省经济和信息化厅）
"""


def test_the_units_of_each_item_do_not_lead_the_subject_every_item_names():
    # the rules' mentions (model=""): which bare mentions of the platform a refitted tagger keeps is not at issue here
    doc = SourceDocument("Document:t", "t.txt", "t", 2021, None, len(ANHUI_SUBJECT), "h", ANHUI_SUBJECT)
    leads = {(r.source, r.target) for r in build_document_graph(doc, model="").relations if r.type == "LEADS"}
    assert not {b for b, p in leads if p == "工业互联网平台"}
    assert {("省经济和信息化厅", "跨行业跨领域工业互联网平台"), ("省财政厅", "跨行业跨领域工业互联网平台")} <= leads
    # the same plan's first two items alone: the platform is named in two items, and their units lead it
    two = ANHUI_SUBJECT[: ANHUI_SUBJECT.index("16﹒")]
    doc = SourceDocument("Document:t", "t.txt", "t", 2021, None, len(two), "h", two)
    leads = {(r.source, r.target) for r in build_document_graph(doc, model="").relations if r.type == "LEADS"}
    assert ("省通信管理局", "工业互联网平台") in leads


def test_an_organ_named_in_a_lead_heading_leads_the_programs_of_the_duties_under_it(tmp_path):
    # 党和国家机构改革方案 (2023): （十四）组建国家数据局。负责协调推进数据基础制度建设，… The sentence under the heading
    # has no subject of its own: the organ the heading names is the one charged (the adjudicated gold has this LEADS).
    line = _line("zhongyang_guowuyuan_jigou_gaige_fangan_2023", "（十四）组建国家数据局。")
    assert ("国家数据局", "数据基础制度") in _relations(build_document_graph(_doc(tmp_path, line + "\n", "jigou"), model=""),
                                                     "LEADS")


def test_a_heading_names_the_subject_of_a_charge_only_when_it_names_one_body():
    sentence = "负责统筹推进乡村振兴示范工程建设。"
    program = Candidate("Program", 4, 12, "乡村振兴示范工程")
    one = [Candidate("Body", 5, 10, "国家数据局")]
    two = [*one, Candidate("Body", 11, 16, "国家发改委")]
    assert charged_under_heading(one, sentence, [program]) == [("LEADS", one[0], program)]
    assert charged_under_heading(two, sentence, [program]) == []  # which of the two is charged is not said
    assert charged_under_heading([], sentence, [program]) == []
    # 负责人 names a person, not a charge
    person = "负责人由市政府任命，统筹推进乡村振兴示范工程。"
    assert charged_under_heading(one, person, [Candidate("Program", 14, 22, "乡村振兴示范工程")]) == []
