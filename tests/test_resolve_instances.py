"""Entity resolution within one document: a name with a specific modifier (a place, a field, a scope, a standing above
the document's) and the general name written bare are two programs, unless the text says they are one
(``graph/instances.py``; a walkthrough, session 68).
"""

from __future__ import annotations

import pytest
from genre_texts import TEXTS

from policykg.graph.document_merges import merge_within_document
from policykg.graph.instances import instance_modifier, stated_same
from policykg.graph.records import DocumentGraph, Entity, Mention, SourceDocument
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document


def _holding(stem: str, name: str) -> list[Entity]:
    """The Programs of the bundled text ``stem``, extracted and resolved as a load does, that hold the form ``name``."""
    dg = resolve_document(build_document_graph(read_document(TEXTS / f"{stem}.txt")), EntityIndex())
    return [e for e in dg.entities if e.label == "Program" and name in e.forms()]


@pytest.mark.parametrize(("stem", "specific", "general"), [
    # 湖北: 以“1家国家实验室、8个大科学装置、42家全国重点实验室…”为主体的科技力量矩阵加速形成 / 加快汉江国家实验室建设 (a place)
    ("gwr2025-湖北", "汉江国家实验室", "国家实验室"),
    # 广东: 放宽在常住地、就业地参加基本医保的户籍限制 / 稳步推进基本医保省级统筹 (a scope after the scheme)
    ("gwr2025-广东", "基本医保省级统筹", "基本医保"),
    # the 2024 national report: 关键核心技术攻关成果丰硕 / 加大种业振兴、农业关键核心技术攻关力度 (a field)
    ("guowuyuan_zhengfu_gongzuo_baogao_2024", "农业关键核心技术攻关", "关键核心技术攻关"),
])
def test_a_name_with_a_specific_modifier_is_not_the_general_name_written_bare(stem, specific, general):
    one, other = _holding(stem, specific), _holding(stem, general)
    assert len(one) == 1 and len(other) == 1 and one[0] is not other[0]
    assert general not in one[0].forms() and other[0].name == general


@pytest.mark.parametrize(("stem", "specific", "general"), [
    # 四川: 推进成都科创生态岛“四链”融合先行先试 / 依托科创生态岛，集成创新要素聚合… (成都, a city of 四川)
    ("gwr2025-四川", "成都科创生态岛", "科创生态岛"),
    # 重庆: 成渝双核联动联建全面提速 / 推动双核联动联建和成渝中部崛起 (成渝, the region of 重庆 and 四川)
    ("gwr2025-重庆", "成渝双核联动联建", "双核联动联建"),
    # 广东: 建设以华南国家植物园为引领的三级植物园体系 / 高标准打造国家公园、国家植物园 (华南, the region of 广东)
    ("gwr2025-广东", "华南国家植物园", "国家植物园"),
])
def test_a_program_of_a_city_or_region_of_the_documents_own_province_is_the_name_it_writes_bare(stem, specific, general):
    one = _holding(stem, specific)
    assert len(one) == 1 and {specific, general} <= set(one[0].forms())


def test_a_grouping_of_the_province_stays_apart_where_the_document_counts_the_bare_name():
    # 江苏: 牵头组建首批12家长三角创新联合体 / 布局建设一批创新联合体 (a kind the document counts)
    one, other = _holding("gwr2025-江苏", "长三角创新联合体"), _holding("gwr2025-江苏", "创新联合体")
    assert len(one) == 1 and len(other) == 1 and "创新联合体" not in one[0].forms() and other[0].name == "创新联合体"


def test_a_program_of_the_documents_own_place_is_still_the_name_it_writes_bare():
    # 广西's report calls its own 广西自贸试验区 自贸试验区, as it calls its government 自治区政府; 湖南's writes 湖湘
    # (湖南 by its literary name, [place] own_names) before 文化精品创作工程
    assert {"广西自贸试验区", "自贸试验区"} <= set(_holding("gwr2025-广西", "自贸试验区")[0].forms())
    assert {"湖湘文化精品创作工程", "文化精品创作工程"} <= set(_holding("gwr2025-湖南", "文化精品创作工程")[0].forms())


def _sentence_graph(doc: SourceDocument, sentence: str, names: list[str]) -> DocumentGraph:
    """A document graph of ``doc`` holding one Program per name of ``names``, each mentioned where ``sentence`` writes it
    (the first time, left to right)."""
    entities, at = [], 0
    for name in names:
        start = sentence.index(name, at)
        entities.append(Entity("Program", name, mentions=[Mention(doc.id, "Section:x/1", start, start + len(name), name,
                                                                  sentence, 0)]))
        at = start + len(name)
    return DocumentGraph(doc, entities=entities)


_JIANGSU = SourceDocument("Document:gwr2025-江苏", "gwr2025-江苏.txt", "政府工作报告", 2025, "江苏省", 0, "h", "", level="省")


def test_a_national_standing_is_another_program_where_the_document_counts_the_bare_name():
    # 江苏's report (2025): 9家高新区进入国家高新区综合评价前50强 — the kind it counts and the national grade of the kind
    sentence = "9家高新区进入国家高新区综合评价前50强，启动科技成果“先使用后付费”改革，技术合同成交额超5000亿元。"
    dg = _sentence_graph(_JIANGSU, sentence, ["高新区", "国家高新区"])
    merge_within_document(dg)
    assert sorted(e.name for e in dg.entities) == ["国家高新区", "高新区"]
    # 黑龙江's 国家算电融合试点 and 算电融合试点, the bare name not counted, stay one (test_resolve_within_documents.py)


def test_two_names_the_text_writes_in_apposition_are_one():
    # 江苏's sentence with the region's unions named in apposition to the bare name: the text says they are one
    sentence = "牵头组建首批创新联合体——长三角创新联合体，一体化发展示范区累计形成154项制度创新成果。"
    dg = _sentence_graph(_JIANGSU, sentence, ["创新联合体", "长三角创新联合体"])
    assert stated_same(*dg.entities)
    merge_within_document(dg)
    assert [e.name for e in dg.entities] == ["长三角创新联合体"] and "创新联合体" in dg.entities[0].aliases


@pytest.mark.parametrize(("long_", "short", "kind"), [
    ("汉江国家实验室", "国家实验室", "place"),
    ("长三角创新联合体", "创新联合体", "part"),  # a grouping holding the province: apart only where the bare name is counted
    ("苏州创新联合体", "创新联合体", "part"),  # a city of the province, the same
    ("成都科创生态岛", "科创生态岛", "place"),  # a city of another province
    ("江苏自贸试验区", "自贸试验区", None),  # the document's own place
    ("南北共建园区", "共建园区", None),  # two directions, no place: the province's south and north build them together
    # 江苏: 深入推进苏南国家自主创新示范区改革发展 — 苏南 is a region of 江苏 (regions.toml; another's place before session 69)
    ("苏南国家自主创新示范区", "国家自主创新示范区", "part"),
    ("昆山创新联合体", "创新联合体", "part"),  # a county-level city of 江苏 (geography.toml)
    ("农业关键核心技术攻关", "关键核心技术攻关", "field"),
    ("基本医保省级统筹", "基本医保", "scope"),
    ("国家高新区", "高新区", "level"),
    ("文化精品创作工程", "文化精品创作工程", None),
    ("乡村振兴示范工程", "乡村振兴", None),  # a closing part: no scope
])
def test_the_kind_of_modifier_a_longer_name_writes(long_, short, kind):
    assert instance_modifier(long_, short, _JIANGSU) == kind


def test_a_sector_word_opening_a_longer_word_is_no_field_modifier():
    # 中办's 2006 opinion on rural integrity: （八）积极推行农村基层党务公开, then 党务公开 alone under it — 农村基层
    # is where the openness is practised, not a sector of it; 安徽's plan: 工业互联网网络安全分类分级工作 written short as
    # 网络安全分类分级 (工业 opens 工业互联网, the field the whole plan is about)
    one = _holding("zhongban_nongcun_jiceng_dangfeng_lianzheng_yijian_2006", "农村基层党务公开")
    assert len(one) == 1 and "党务公开" in one[0].forms()
    assert instance_modifier("工业互联网网络安全分类分级", "网络安全分类分级", _JIANGSU) is None


_SHANXI = SourceDocument("Document:gwr2025-山西", "gwr2025-山西.txt", "政府工作报告", 2025, "山西省", 0, "h", "", level="省")
_HENAN = SourceDocument("Document:gwr2025-河南", "gwr2025-河南.txt", "政府工作报告", 2025, "河南省", 0, "h", "", level="省")
_ANHUI = SourceDocument("Document:gwr2025-安徽", "gwr2025-安徽.txt", "政府工作报告", 2025, "安徽省", 0, "h", "", level="省")


@pytest.mark.parametrize("doc", [_HENAN, _SHANXI])
def test_a_grouping_name_longer_than_a_provinces_own_name_is_the_place_a_name_writes(doc):
    # 河南's report (2025): 建强洛阳中原城市群副中心城市 — 中原城市群 spans 河南 and cities of 山西, 河北, 山东 and 安徽
    # (regions.toml), so it is the own place of both reports, not 河南's 中原 ([place] own_names) read first
    assert instance_modifier("中原城市群副中心城市", "副中心城市", doc) == "part"
    assert instance_modifier("中原城市群", "城市群", doc) == "part"
    assert instance_modifier("中原城市群", "城市群", _JIANGSU) == "place"  # no city of 江苏 is in it


def test_a_city_jieba_does_not_tag_as_a_place_is_a_place_before_a_kind():
    # 安徽's report (2025): 提升合肥综合性国家科学中心五大研究院、江淮前沿技术协同创新中心等创新平台能级 — 合肥, which
    # jieba's dictionary tags as a noun, is a city of 安徽 (the document's own) and of no other province
    assert instance_modifier("合肥综合性国家科学中心", "综合性国家科学中心", _ANHUI) == "part"
    assert instance_modifier("合肥综合性国家科学中心", "综合性国家科学中心", _JIANGSU) == "place"
