"""Wholes a document makes up of parts through its layout: plan boxes, lists closed by a count, the items a heading
or a counted whole announces, and the items and sections that are no part of it; each case is real text: documents
bundled under ``loaders/training/texts`` (sources in ``SOURCES.tsv`` there), or a passage of a public document quoted
here with its source.
"""

from __future__ import annotations

import re
from pathlib import Path

from genre_texts import TEXTS
from passages import doc_of, line_opening, lines_between, relations_of

from policykg.loaders.combine import read_spans, settle
from policykg.loaders.extract import extract_sentence
from policykg.loaders.lexicon import tokenize
from policykg.loaders.outline import outline
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.rules.common import small_number
from policykg.loaders.span_edges import without_enumerator

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


def test_numbered_items_with_a_small_full_stop_are_items():
    # 4﹒ (U+FE52) numbers the items of the Anhui plan; before, item 4 ran on inside the box above it
    secs = outline("Document:anhui_boxes", ANHUI_BOXES, "")
    item = next(s for s in secs if s.heading.startswith("推进工业大数据能力建设"))
    box = next(s for s in secs if s.heading.startswith("专栏2"))
    assert item.level == 3 and item.start >= box.end


def test_the_programs_of_a_box_are_parts_of_the_program_its_heading_names(tmp_path):
    dg = build_document_graph(doc_of(tmp_path, ANHUI_BOXES))
    parts = relations_of(dg, "PART_OF")
    assert ("中国电信（安徽）大数据产业园", "工业大数据能力提升工程") in parts
    assert any(t == "工业互联网标识解析体系增强工程" and "标识解析服务平台" in s for s, t in parts)
    # item 4 and the section after the box are outside it
    assert not any(t.endswith("工程") and "江淮大数据中心" in s for s, t in parts)
    assert not any(t.endswith("工程") and "综合型平台" in s for s, t in parts)


# the same plan's item 18 and box 10, as published
ANHUI_BOX_10 = """（七）解决方案培育行动。
18﹒加快工业APP解决方案培育。鼓励重点行业企业建设行业通用工业APP和企业专用工业APP。（责任单位：省经济和信息化厅）
专栏10  工业互联网解决方案培育推广工程
建立完善工业互联网解决方案资源库。支持建设工业APP。每年遴选20个优秀工业互联网应用解决方案，培育100个优秀工业APP。
"""


def test_a_box_names_its_program_without_its_mark_and_number(tmp_path):
    # a box is a section without a number: its title, read as an item's title, had been the Program
    # 专栏10工业互联网解决方案培育推广工程 (the rules alone, and 4-fold models that left the title untagged)
    dg = build_document_graph(doc_of(tmp_path, ANHUI_BOX_10), model="")
    names = {e.name for e in dg.entities if e.label == "Program"}
    assert "工业互联网解决方案培育推广工程" in names and not any(n.startswith("专栏") for n in names)
    # nor does a span the tagger opens on the mark: 专栏10 | " " | " " | 工业…
    sentence = "专栏10  工业互联网解决方案培育推广工程"
    assert without_enumerator(sentence, 0, len(sentence)) == sentence.index("工业")


def test_a_list_closed_by_a_count_of_sets_makes_up_the_counted_whole(tmp_path):
    # gwr2025-吉林 (2025 Jilin government work report, shared second development set)
    text = ("统筹推进城乡融合发展。开展新一轮农业转移人口市民化、县城城镇化水平提升、长春都市圈培育、"
            "城市更新和安全韧性提升4项行动。\n")
    dg = build_document_graph(doc_of(tmp_path, text, "jilin"), model="")
    assert relations_of(dg, "PART_OF") >= {("县城城镇化水平提升", "4项行动"), ("长春都市圈培育", "4项行动"),
                                         ("城市更新和安全韧性提升", "4项行动")}
    assert not any("安全韧性提升4项行动" in e.name for e in dg.entities)


def test_a_list_closed_by_a_count_of_things_names_no_whole(tmp_path):
    # gwr2025-山东: the high-speed lines are the programs; "6个高铁项目" only counts them
    line = next(x for x in (TEXTS / "gwr2025-山东.txt").read_text(encoding="utf-8").splitlines() if "雄商" in x)
    dg = build_document_graph(doc_of(tmp_path, line + "\n", "shandong"), model="")
    names = {e.name for e in dg.entities if e.label == "Program"}
    assert {"雄商", "津潍", "济滨"} <= names
    assert not any(n.startswith("6个") for n in names)


def test_a_count_after_et_cetera_closes_a_partial_list(tmp_path):
    # gwr2025-湖南: ten named research projects, …等十大技术攻关项目 (gold: PART_OF each)
    line = next(x for x in (TEXTS / "gwr2025-湖南.txt").read_text(encoding="utf-8").splitlines()
                if "十大技术攻关项目" in x and x.startswith("深化核心技术攻关"))
    dg = build_document_graph(doc_of(tmp_path, line + "\n", "hunan"), model="")
    parts = {s for s, t in relations_of(dg, "PART_OF") if t == "十大技术攻关项目"}
    assert {"航天环宇宽体客机复材壁板", "三一集团氢能重卡", "长沙量子院量子重力测量"} <= parts


def test_counts_are_read_in_both_numeral_systems():
    assert [small_number(x) for x in ("4", "十", "十二", "三十", "二十五", "两", "百")] == [4, 10, 12, 30, 25, 2, None]


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
    parts = relations_of(dg, "PART_OF")
    assert ("羊城企业家培养项目", "产业提升人才行动计划") in parts
    assert ("民营企业家素质提升项目", "产业提升人才行动计划") in parts
    # 五、强化组织实施 announces nothing: its items (加强组织领导, 完善责任考核) are parts of nothing
    assert not any(whole == "强化组织实施" for _part, whole in parts)

    # guide rule 13: the item's program serves the targets of the sentence right under its title
    serves = relations_of(dg, "SERVES")
    assert {("羊城企业家培养项目", "5年内重点引进100名市管企业中高级经营管理人才"),
            ("羊城企业家培养项目", "培养100名优秀企业家")} <= serves
    # 43.加强组织领导。 is a title naming no program: nothing under it is served from the title
    assert not any(src == "加强组织领导" for src, _ in serves)


def test_the_items_under_a_heading_that_names_a_counted_whole_are_its_parts():
    # 二、实施六大人才行动计划 then （一）产业提升人才行动计划。… （六）国际交流人才行动计划。: the count announces the
    # items, with no colon; the items' own numbered sub-items (3.羊城企业家培养项目。) are parts of their item only
    dg = build_document_graph(read_document(GUANGZHOU))
    parts = {s for s, t in relations_of(dg, "PART_OF") if t == "六大人才行动计划"}
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


def test_a_counted_whole_leading_a_paragraph_is_made_up_of_the_programs_of_its_kind_after_it(tmp_path):
    # gwr2025-重庆 (loaders/training/texts): 实施城建“六大攻坚行动”。 then one sentence per 攻坚行动 of the paragraph
    dg = build_document_graph(doc_of(tmp_path, line_opening("gwr2025-重庆", "实施城建“六大攻坚行动”") + "\n", "chongqing"))
    parts = {s for s, t in relations_of(dg, "PART_OF") if t == "城建六大攻坚行动"}
    assert {"重大基础设施建设攻坚行动", "提升轨道交通分担率攻坚行动", "排水管网建设改造攻坚行动"} <= parts
    assert all(p.endswith("攻坚行动") for p in parts) and len(parts) <= 6


def test_a_counted_whole_listed_in_its_own_sentence_takes_no_parts_after_it(tmp_path):
    # gwr2025-宁夏: 建立问题发现、信息共享、快速处置“三项机制”。 names its parts before it; the 机制 of the sentences
    # after it in the paragraph (群众信访问题容缺办理机制, 退役军人服务保障优待机制) are none of them
    line = line_opening("gwr2025-宁夏", "三是着力推动社会治理。聚焦“五重”风险隐患")
    dg = build_document_graph(doc_of(tmp_path, line + "\n", "ningxia"))
    assert not {s for s, t in relations_of(dg, "PART_OF") if t == "三项机制"} & {"群众信访问题容缺办理机制",
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
        dg = build_document_graph(doc_of(tmp_path, text + "\n", "guizhou"))
        parts = {s for s, t in relations_of(dg, "PART_OF") if t == "十件民生实事"}
        assert {"一老一小服务体系", "平安黔哨工程", "农体工程"} <= parts and len(parts) <= 10


def test_items_of_an_outer_list_after_a_line_closing_on_a_counted_whole_are_not_its_parts(tmp_path):
    # gwr2025-宁夏: 六是持续深化养老育幼服务工程。…落实残疾人护理“两项补贴”…。 then 七是…住房安居宜居工程。 and
    # 八是…社保扩面提质工程。 on lines of their own: the siblings of 六是, not items of 两项补贴 (the whole does not
    # close its line, and their ordinals are those of the line it stands in)
    dg = build_document_graph(doc_of(tmp_path, lines_between("gwr2025-宁夏", "六是持续深化养老育幼服务工程", "八是"), "ningxia"))
    assert not {s for s, t in relations_of(dg, "PART_OF") if t.endswith("两项补贴")}


def test_sections_numbered_like_the_line_a_counted_whole_closes_are_not_its_items(tmp_path):
    # 贵州's paragraph laid out as a report whose sections stand one to a line: the whole closes section （五）'s line
    # and its items follow as （六）, （七）, … numbered like （五）: siblings of the whole's section, not its items
    line = _guizhou_livelihood_line()
    head, *items = re.split(r"（\d{1,2}）", line)
    numbers = ["五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
    sections = "\n".join(f"（{n}）{text}" for n, text in zip(numbers, [head, *items], strict=True))
    dg = build_document_graph(doc_of(tmp_path, sections + "\n", "guizhou"))
    assert {"一老一小服务体系", "十件民生实事"} <= {e.name for e in dg.entities if e.label == "Program"}
    assert not {s for s, t in relations_of(dg, "PART_OF") if t == "十件民生实事"}
