"""What a tagged span becomes: where it starts, and when its label is overruled.

The sentences are real: from the 2025 provincial work reports of the precision samples
(``loaders/training/precision/gwr2025-programs-sample-*.md``, sentences quoted as the reports give them).
The tags are those a fitted model gave on the report; the span rules must hold whatever model tags it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.names import canonical
from policykg.loaders.combine import read_spans, settle
from policykg.loaders.extract import extract_sentence
from policykg.loaders.lexicon import tokenize
from policykg.loaders.span_edges import after_comma

# gwr2025-广东 (precision sample of seed 20261210, #80: the model tagged 的新平台 as a Program)
GUANGDONG = ("“澳门+横琴”正在成为丰富“一国两制”实践的新示范、推动粤港澳大湾区建设的新高地、"
             "实现国家高水平对外开放的新平台。")


def _tagged(sentence: str, span: str, label: str = "Program"):
    words = tokenize(sentence)
    start = sentence.index(span)
    tags = ["O"] * len(words)
    inside = [i for i, (_w, s, e) in enumerate(words) if start <= s and e <= start + len(span)]
    tags[inside[0]] = "B-" + label
    for i in inside[1:]:
        tags[i] = "I-" + label
    return settle(read_spans(sentence, words, extract_sentence(sentence, words), tags), None)


def test_a_tagged_span_does_not_open_with_the_attributive_particle():
    names = [c.name for c in _tagged(GUANGDONG, "的新高地", "Goal")]
    assert "的新高地" not in names and "新高地" in names
    # as a Program, what is left after the particle is generic words before a type word (新 + 平台): no name
    assert [c.name for c in _tagged(GUANGDONG, "的新平台")] == []


# gwr2025-江苏 (precision sample of seed 20261210, #39: tagged as a Program); gwr2025-黑龙江 (bundled)
JIANGSU = "深化平安江苏和法治江苏建设，扎实开展安全生产治本攻坚三年行动、燃气安全等“一件事”全链条治理。"
HEILONGJIANG = "平安龙江建设深入推进，信访总量件次、人次分别下降40.5%、36.6%。"


@pytest.mark.parametrize(("sentence", "span", "goals"), [(JIANGSU, "平安江苏和法治江苏建设", ["平安江苏", "法治江苏"]),
                                                     (HEILONGJIANG, "平安龙江建设", ["平安龙江"])])
def test_a_quality_of_a_place_is_a_goal_even_where_tagged_as_a_program(sentence, span, goals):
    # guide rule 12: 平安中国, 法治中国, 健康中国 name the end-state a place builds toward; a span over a
    # pair of them gives each its own Goal, and a trailing 建设 is an alias (as the adjudicated reports write them)
    found = [c for c in _tagged(sentence, span) if c.label == "Goal"]
    assert [c.name for c in found] == goals
    assert span.removeprefix("平安江苏和") in found[-1].aliases


def test_a_quality_of_a_natural_feature_is_no_place_end_state():
    # gwr2025-黑龙江 (bundled): 美丽河湖 is a program of river works in the adjudicated documents
    # (jieba tags 河湖 as a place)
    sentence = "建成一批省级“美丽河湖”。"
    assert [c.label for c in _tagged(sentence, "美丽河湖") if c.name == "美丽河湖"] == ["Program"]


# The bundled reports (loaders/training/texts): gwr2025-浙江, gwr2025-天津, gwr2025-山东.
ZHEJIANG = "（十一）全面推进平安浙江法治浙江建设，政治安全、社会安定、人民安宁良好局面持续巩固。"
TIANJIN = "连续四次药品安全考核获评A级，法治天津、平安天津水平全面提升，不断筑牢首都政治、安全“护城河”。"
SHANDONG_PROGRAM = "健康中国行动考核获优秀等次，3个市获批国家公立医院改革与高质量发展示范项目城市。"
SHANDONG_ZONE = "协同推进降碳减污扩绿增长，积极建设美丽中国先行区。"


@pytest.mark.parametrize(("sentence", "goals"), [(ZHEJIANG, ["平安浙江", "法治浙江"]), (TIANJIN, ["法治天津", "平安天津"]),
                                                 (HEILONGJIANG, ["平安龙江"])])
def test_the_rules_find_each_end_state_of_a_place_in_a_list(sentence, goals):
    # the fold models of the 4-fold cross-validation tagged none of 平安河北, 法治河北 (gold-b): the rule
    # names them whatever a model does
    found = [c for c in extract_sentence(sentence) if c.rule == "goal-end-state"]
    assert [(c.label, c.name) for c in found] == [("Goal", g) for g in goals]


@pytest.mark.parametrize("sentence", [SHANDONG_PROGRAM, SHANDONG_ZONE])
def test_an_end_state_inside_a_longer_name_is_left_to_it(sentence):
    # 健康中国行动 is a program, 美丽中国先行区 a Goal of its own: a noun after the place continues the name
    assert not [c for c in extract_sentence(sentence) if c.rule == "goal-end-state"]


# gwr2025-重庆, gwr2025-福建, gwr2025-安徽 (reports no model was fitted on; 福建 is #14 of the precision sample of
# seed 20261212, where the model's span ran from 县 over the verb); gwr2025-山东 (bundled, its gold names 海阳核能供暖)
CHONGQING = ("联合发布川渝矿山生态修复地方标准，铜锣山矿区生态修复入选联合国生态恢复十年优秀案例，"
             "铜钵河入选全国美丽河湖优秀案例。")
FUJIAN = "9个县获评“四好农村路”全国示范县。"
ANHUI = "黄山市入选首批国家生态产品价值实现机制试点。"
SHANDONG = "海阳核能供暖入选国家首批绿色低碳示范项目。"


@pytest.mark.parametrize(("sentence", "span", "name"), [
    (CHONGQING, "铜锣山矿区生态修复入选联合国生态恢复十年优秀案例", "铜锣山矿区生态修复"),
    (SHANDONG, "海阳核能供暖入选国家首批绿色低碳示范项目", "海阳核能供暖"),
    (FUJIAN, "县获评“四好农村路”全国示范县", "四好农村路全国示范县"),
    (ANHUI, "黄山市入选首批国家生态产品价值实现机制试点", "首批国家生态产品价值实现机制试点"),
])
def test_a_program_span_never_runs_across_a_designation_verb(sentence, span, name):
    # the thing designated before 入选/获评 is the program; a place or a count before it is none, and the
    # designation after the verb is what the span names then
    names = [c.name for c in _tagged(sentence, span) if c.label == "Program"]
    assert name in names and canonical(span) not in names


# zhongyang_quanguo_ganbu_jiaoyu_peixun_guihua_2023 (bundled), its opening formula: the 4-fold models tagged the
# list of guiding ideologies as one Goal
CADRE_PLAN = (Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
              / "zhongyang_quanguo_ganbu_jiaoyu_peixun_guihua_2023.txt").read_text(encoding="utf-8").splitlines()[3]
CADRE_PLAN = CADRE_PLAN[:CADRE_PLAN.index("。") + 1]


@pytest.mark.parametrize("span", ["马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观", "科学发展观"])
def test_guiding_ideologies_are_no_goal_even_where_tagged(span):
    # guide rule 6: guiding ideologies on their own are not annotated, alone or listed
    assert not [c for c in _tagged(CADRE_PLAN, span, "Goal") if c.start == CADRE_PLAN.index(span)]


# ---------------------------------------------------------------- edges seen on documents never trained on
# Both texts are bundled under loaders/training/texts (sources in SOURCES.tsv there); the shipped model,
# fitted before they were added, opened these spans where the tests put them.
TRAINING_TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def _text_line(stem: str, needle: str) -> str:
    text = (TRAINING_TEXTS / f"{stem}.txt").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if needle in line)


GUANGZHOU = "guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012"


def test_a_tagged_span_does_not_open_with_the_number_of_its_item():
    title = _text_line(GUANGZHOU, "“菁英计划”留学项目。")
    assert title.startswith("14.")  # the item's title is a sentence of its own
    names = [c.name for c in _tagged(title, title[: title.index("。")])]
    assert "菁英计划留学项目" in names and not any(n[0].isdigit() for n in names)


def test_a_tagged_target_keeps_the_figure_jieba_cut_off_its_first_word():
    line = _text_line(GUANGZHOU, "5年内市、区（县级市）两级在战略性主导产业领域")
    sentence = next(s + "。" for s in line.split("。") if "5年内市、区（县级市）两级在战略性主导产业领域" in s)
    target = sentence[1: sentence.index("。")]  # the tagger opened it on 年内, after 5
    goals = [c.name for c in _tagged(sentence, target, "Goal") if c.label == "Goal"]
    assert goals == ["5" + target]


def test_the_horizon_of_a_plan_alone_is_no_goal():
    line = _text_line("zhongyang_xiangcun_quanmian_zhenxing_guihua_2024_2027", "主要目标是：到2027年")
    sentence = line[: line.index("。") + 1]
    names = [c.name for c in _tagged(sentence, "到2027年", "Goal")]
    assert "到2027年" not in names


def test_detailed_rules_still_to_be_written_are_no_cited_document():
    line = _text_line(GUANGZHOU, "牵头制定完成具体实施细则")
    assert not [c for c in extract_sentence(line) if c.label == "Document"]


# gwr2025-海南 and gwr2025-北京 (precision sample of seed 20261219, #13 and #86: tagged as Programs)
@pytest.mark.parametrize(("sentence", "span"), [
    ("制定全省应急避难场所专项规划。", "全省应急避难场所专项规划"),
    ("深入实施北京城市总体规划，加强中央政务功能服务保障，高标准做好新中国成立75周年庆祝活动、中非合作论坛峰会等"
     "重大活动服务保障；", "北京城市总体规划"),
])
def test_a_titled_plan_tagged_as_a_program_is_a_document(sentence, span):
    assert ("Document", span) in {(c.label, c.name) for c in _tagged(sentence, span)}


def test_a_tagged_organ_that_stops_inside_a_level_and_organ_name_takes_the_whole_name():
    # 广州's item 20 closes with （牵头单位：市委宣传部，…）; a fold model tagged 市委 alone, so 市委 "led" the item
    line = _text_line(GUANGZHOU, "（牵头单位：市委宣传部，")
    sentence = next(s + "。" for s in line.split("。") if "市委宣传部" in s)
    start = sentence.index("市委宣传部")
    bodies = [c.name for c in _tagged(sentence[start - 6:], "市委", "Body") if c.label == "Body"]
    assert "市委宣传部" in bodies and "市委" not in bodies


def test_a_span_joining_a_lists_last_item_to_the_quoted_count_closing_it_is_cut_in_two():
    # gwr2025-湖北 and gwr2025-江西: fold models read 数字金融“五篇大文章” and 道路交通…整治“三大专项行动” as one span
    hubei = "做好科技金融、绿色金融、普惠金融、养老金融、数字金融“五篇大文章”，更好服务实体经济发展。"
    jiangxi = ("深入开展矛盾纠纷排查化解、校园及周边安全治理、道路交通安全风险隐患排查整治“三大专项行动”，"
               "刑案发案率降至近十年最低。")
    for sentence, item, whole in ((hubei, "数字金融", "五篇大文章"), (jiangxi, "道路交通安全风险隐患排查整治", "三大专项行动")):
        names = {(c.label, c.name) for c in _tagged(sentence, f"{item}“{whole}”")}
        assert {("Program", item), ("Program", whole)} <= names
        assert ("Program", item + whole) not in names


def test_an_outline_number_or_a_series_of_quoted_counts_before_a_quoted_count_opens_no_list():
    # seed 001: 三、聚力“四提一高”重点 — the 、 is the heading's number, and 聚力 is the verb of carrying out
    names = {c.name for c in _tagged("三、聚力“四提一高”重点，激发人才创新活力", "聚力“四提一高”重点")}
    assert "聚力" not in names
    # gwr-2015: a series of quoted counts, each closing its own item, is no list closed by a whole
    names = {c.name for c in _tagged("实现粮食产量“十一连增”、农民收入“五连快”。", "农民收入“五连快”")}
    assert "农民收入" not in names


def test_a_tagged_program_does_not_run_across_a_clause_s_comma():
    # gwr2025-福建 (precision sample 20261234, #58: a model read 城市，集体林权制度)
    sentence = ("龙岩入选国家公立医院改革与高质量发展示范项目实施城市，集体林权制度“三多”改革试点取得阶段性成效，"
                "首次组建服务县域重点产业链科技特派团。")
    names = {c.name for c in _tagged(sentence, "城市，集体林权制度")}
    assert "集体林权制度" in names and not any("，" in n for n in names)
    # a slogan in quotation marks keeps its commas (gwr2025-河北, gold-b: the brand is a Program)
    text = "均增长10%以上，“这么近，那么美，周末到河北”品牌影响力"
    start = text.index("“")
    assert after_comma(text, start, text.index("品牌") + 2) == start


def test_a_goal_opened_on_the_aspect_particle_is_named_without_it():
    # 福建 2025 (held out): 实现了一产稳、二产优、三产进 — the tagger opened the Goal on 了 (a walkthrough found the node
    # Goal:了一产稳、二产优、三产进); no gold name of the 115 annotated documents opens with it
    from policykg.loaders.span_edges import goal_start

    text = (Path(__file__).resolve().parent.parent / "loaders/training/heldout/texts/gwr2025-福建.txt").read_text("utf-8")
    sentence = next(s for s in text.split("。") if "了一产稳" in s)
    s = sentence.index("了一产稳")
    assert sentence[goal_start(sentence, tokenize(sentence), s, len(sentence)):] == "一产稳、二产优、三产进"


# examples/004 (a county's organisation-work plan): a fold model tagged ”的乡村振兴战略 as a Goal
DAOXIAN = ("深入实施“铸魂赋能、队伍提质、兴业共富、强基善治、引智聚才、连心到户”六项行动，"
           "全面推进我县“三片引领”“百村示范”“整县推进”的乡村振兴战略实施，在全省乡村振兴版图中增加道县分量。")
# loaders/training/texts/zhongban_xiandai_qiye_zhidu_yijian_2024.txt: a fold model tagged 的内控、法务机构 as a Body
ENTERPRISES = "鼓励企业设立独立的内控、法务机构，提升管理效率。"


@pytest.mark.parametrize(("sentence", "span", "label", "name"), [
    (DAOXIAN, "”的乡村振兴战略", "Goal", "乡村振兴战略"),
    (ENTERPRISES, "的内控、法务机构", "Body", "内控、法务机构"),
])
def test_a_tagged_span_opens_neither_on_a_closing_quotation_mark_nor_on_the_particle_after_it(sentence, span, label, name):
    names = [c.name for c in _tagged(sentence, span, label) if c.label == label]
    assert name in names and not any(n.startswith("的") for n in names)


# loaders/training/texts/jiang_zemin_shiwuda_baogao_dangjian_jie10_1997.txt (the 15th congress report)
STYLE = "党在长期斗争中形成的理论联系实际、密切联系群众、批评和自我批评的优良作风，是党的性质和宗旨的体现。"


def test_a_quality_list_after_a_verb_and_its_particle_is_named_without_the_particle():
    goals = [c.name for c in extract_sentence(STYLE, tokenize(STYLE)) if c.rule == "goal-quality-list"]
    assert goals == ["理论联系实际、密切联系群众、批评和自我批评的优良作风"]


# loaders/training/texts/gwr2025-湖南.txt and gwr2025-广东.txt (the reports' glossary): a category of enterprises
# named by what they run (guide rule 11); the rules read a Program (…平台) and a bare head (企业) inside it
HUNAN_PLATFORMS = "优化消费环境，做大做强消费型平台企业，开展现代商贸流通体系试点城市建设。"
GUANGDONG_PLATFORMS = "“产业链改造”是指由工业互联网平台企业基于平台汇聚组织制造资源，为产业链上下游企业提供数字化产品。"


@pytest.mark.parametrize(("sentence", "span"), [(HUNAN_PLATFORMS, "消费型平台企业"),
                                                (GUANGDONG_PLATFORMS, "工业互联网平台企业")])
def test_a_tagged_body_closed_by_a_bare_head_is_one_name_not_the_names_inside_it(sentence, span):
    found = [(c.label, c.name) for c in _tagged(sentence, span, "Body")]
    assert ("Body", span) in found and not any(label == "Program" and span.startswith(name) for label, name in found)
