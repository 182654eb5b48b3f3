"""Entity resolution of organs and places: an organ named by its level alone (省政府, 市财政局) is the organ of the
document's own place, a city's document is the city's even where it names its province first, and what lies inside
or outside a place, one province's organ in a national report or an organ named without its level is no other
document's organ.
"""

from __future__ import annotations

from genre_texts import TEXTS

from policykg.graph.document_merges import merge_within_document
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document


def test_an_organ_named_without_its_level_joins_no_other_documents_organ_of_that_level():
    # 云南's 2025 report names its CPPCC 省政协, 政协 and 人民政协 (one body within the document); by the alias 人民政协
    # the national reports' 人民政协 (1987-2025) joined Body:省政协 (a walkthrough, session 44)
    index = EntityIndex()
    found = {}
    for stem in ("gwr2025-云南", "guowuyuan_zhengfu_gongzuo_baogao_2024"):
        dg = resolve_document(build_document_graph(read_document(TEXTS / f"{stem}.txt")), index)
        found[stem] = {e.name: e.node_id for e in dg.entities if e.label == "Body" and "政协" in e.name}
    assert found["gwr2025-云南"]["云南省政协"] == "Body:云南省政协"  # its own place's (graph/places.py)
    assert found["guowuyuan_zhengfu_gongzuo_baogao_2024"]["人民政协"] != "Body:云南省政协"
    # an alias with the level still names the node: 省发改委 of 省发展改革委
    index.add("Body:省发展改革委", "Body", ["省发展改革委", "省发改委", "发改委"])
    assert index.lookup("Body", ["省发改委"]) == ("Body:省发展改革委", "exact")
    assert index.lookup("Body", ["发改委"]) is None


def test_a_body_named_by_its_level_alone_is_the_organ_of_the_documents_own_place():
    # a walkthrough (session 45): the 省政府 of 12 provincial 2025 reports were one node Body:省人民政府 (aliases
    # 四川省人民政府, 江西省人民政府 …), and a search for one province's government landed there
    index = EntityIndex()
    nodes = {}
    for stem in ("guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012", "guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012",
                 "baotou_shuzi_zhengfu_kaoping_2022", "gwr2025-江西", "guowuyuan_zhengfu_gongzuo_baogao_2024"):
        dg = resolve_document(build_document_graph(read_document(TEXTS / f"{stem}.txt")), index)
        nodes[stem] = {e.node_id: e for e in dg.entities if e.label == "Body"}
    minsheng, rencai = nodes["guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012"], \
        nodes["guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012"]
    # 广州's two opinions write 市财政局 and 市公安局: the same bureaus, one node each
    # and 团市委, the Youth League committee, is named in full with the place
    for organ in ("Body:广州市财政局", "Body:广州市公安局", "Body:广州市民政局", "Body:共青团广州市委"):
        assert organ in minsheng and rencai[organ].resolution == "exact"
    assert "市财政局" in {m.surface for m in rencai["Body:广州市财政局"].mentions}  # the mention as written
    # 包头's 市财政局 is 包头's, 江西's 省政府 is 江西's; the national report's 省级政府 are every province's
    assert nodes["baotou_shuzi_zhengfu_kaoping_2022"]["Body:包头市财政局"].resolution == "new"
    assert nodes["gwr2025-江西"]["Body:江西省政府"].resolution == "new"
    assert "Body:省级政府" in nodes["guowuyuan_zhengfu_gongzuo_baogao_2024"]
    # a form naming no place (政协, 人民政协 of 江西省政协) is no name of the node another document could join by
    assert set(nodes["gwr2025-江西"]["Body:江西省政协"].forms()) == {"江西省政协"}
    # extraction output names every entity as written (policykg extract, the predictions make eval scores)
    dg = resolve_document(build_document_graph(read_document(TEXTS / "gwr2025-江西.txt")), EntityIndex(), places=False)
    assert "省政府" in {e.name for e in dg.entities if e.label == "Body"}


def test_a_city_document_naming_its_province_first_or_no_level_is_the_citys():
    # a walkthrough (session 46): 廉洁广州's opening names 广东省 first (为深入贯彻广东省第十一次党代会、广州市第十次党代会
    # 精神), and 党建创新工程 writes no 全市, so neither document's organs were 广州's: Body:市委组织部 led 85 programs
    # apart from Body:广州市委组织部, and 安徽's 各市人民政府 joined 廉洁广州's 市政府
    lianjie = read_document(TEXTS / "guangzhou_lianjie_guangzhou_jueding_2012.txt")
    assert (lianjie.place, lianjie.level) == ("广州市", "市")
    index = EntityIndex()
    nodes = {}
    for stem in ("guangzhou_dangjian_chuangxin_gongcheng_shishi_yijian_2012", "guangzhou_lianjie_guangzhou_jueding_2012",
                 "guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012"):
        dg = resolve_document(build_document_graph(read_document(TEXTS / f"{stem}.txt")), index)
        nodes[stem] = {e.node_id: e for e in dg.entities if e.label == "Body"}
    assert {"Body:广州市委", "Body:广州市委组织部"} <= set(nodes["guangzhou_dangjian_chuangxin_gongcheng_shishi_yijian_2012"])
    lianjie_nodes = nodes["guangzhou_lianjie_guangzhou_jueding_2012"]
    assert "Body:广州市委" in lianjie_nodes and lianjie_nodes["Body:广州市委"].resolution == "exact"
    assert nodes["guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012"]["Body:广州市委组织部"].resolution == "exact"
    assert not [n for doc in nodes.values() for n in doc if n in ("Body:市委", "Body:市委组织部", "Body:市政府")]


def test_what_lies_inside_or_outside_a_place_is_no_organ_of_it():
    # a walkthrough (session 46): 安徽's 企业 (alias 省内企业) became Body:安徽省内企业 with 30 mentions of plain 企业, and
    # 辽宁's 省外高校毕业生来辽就业 made Body:辽宁省外高校, universities of the other provinces named as 辽宁's own
    rcep = resolve_document(build_document_graph(read_document(TEXTS / "anhui_rcep_gaoshuiping_kaifang_shishi_yijian_2022.txt")),
                            EntityIndex())
    firms = [e for e in rcep.entities if e.label == "Body" and "省内企业" in e.forms()]
    assert [e.node_id for e in firms] == ["Body:企业"]
    # but 外汇 and 外办 are words: the province's foreign-exchange bureau and foreign-affairs office are its organs
    assert {"Body:安徽省外汇管理局", "Body:安徽省外办"} <= {e.node_id for e in rcep.entities if e.label == "Body"}
    liaoning = resolve_document(build_document_graph(read_document(TEXTS / "gwr2025-辽宁.txt")), EntityIndex())
    bodies = {e.node_id for e in liaoning.entities if e.label == "Body"}
    assert "Body:省外高校" in bodies and "Body:辽宁省外高校" not in bodies
    assert "Body:辽宁省委" in bodies  # the province's own organs still are


def test_one_provinces_government_in_a_national_report_is_not_every_provinces(tmp_path):
    # a walkthrough (session 46): the 1982 work report's 最近江苏省政府决定… and 行政公署作为省政府的代表机关 (every
    # province's) were one entity, so Body:省政府 held 江苏省政府 and a search for it found two nodes (corpus/gwr)
    text = ("各位代表：\n现在，我代表国务院，作关于我国国民经济和社会发展第六个五年计划的报告，请大会审议。\n"
            "为了使行政管理体制和行政机构设置适应于经济体制改革的要求，最近江苏省政府决定，在即将展开的机构改革中，"
            "进行一些试验。在经济不发达的地区，行政公署作为省政府的代表机关，负责对所属各县的工作进行监督检查。\n")
    path = tmp_path / "gwr-1982.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.level == "国"
    dg = build_document_graph(doc)
    merge_within_document(dg)
    holding = {e.name: e.forms() for e in dg.entities if e.label == "Body" and "政府" in e.name}
    assert holding.get("江苏省政府") == ["江苏省政府"] and holding.get("省政府") == ["省政府"]
    # in a province's own report its name and its short form are still one body (包头's 市人民政府 test above)
    henan = build_document_graph(read_document(TEXTS / "gwr2025-河南.txt"))
    merge_within_document(henan)
    assert [e.name for e in henan.entities if e.label == "Body" and "河南省人民政府" in e.forms()] == ["省人民政府"]


def test_a_congress_or_cppcc_named_bare_is_the_documents_own_place():
    # 新疆's and 河南's 2025 reports: 自觉接受人大及其常委会的法律监督和工作监督，主动接受政协民主监督: their own region's
    # standing committee and CPPCC.  Named bare, they joined the national reports' Body:人大常委会 (全国人大常委会) and one
    # Body:政协 of six provinces (a resolution walkthrough, session 53)
    index = EntityIndex()
    nodes = {}
    for stem in ("guowuyuan_zhengfu_gongzuo_baogao_2024", "gwr2025-新疆", "gwr2025-河南"):
        dg = resolve_document(build_document_graph(read_document(TEXTS / f"{stem}.txt")), index)
        nodes[stem] = {e.node_id for e in dg.entities if e.label == "Body"}
    assert {"Body:新疆维吾尔自治区人大常委会", "Body:新疆维吾尔自治区政协"} <= nodes["gwr2025-新疆"]
    assert "Body:河南省人大常委会" in nodes["gwr2025-河南"]
    national = nodes["guowuyuan_zhengfu_gongzuo_baogao_2024"]
    assert not (nodes["gwr2025-新疆"] | nodes["gwr2025-河南"]) & {n for n in national if "人大" in n or "政协" in n}


def test_a_kind_named_bare_joins_no_places_own_instance_of_it():
    # 北京's 2025 report names 京津冀国家技术创新中心雄安中心 and then calls it 国家技术创新中心; 四川's report names the
    # kind (国家技术创新中心 in general), which had joined 北京's node by that alias (a resolution audit, session 53)
    index = EntityIndex()
    found = {}
    for stem in ("gwr2025-北京", "gwr2025-四川"):
        dg = resolve_document(build_document_graph(read_document(TEXTS / f"{stem}.txt")), index)
        found[stem] = {f: e.node_id for e in dg.entities if e.label == "Program" for f in e.forms() if "技术创新中心" in f}
    beijing = found["gwr2025-北京"]["京津冀国家技术创新中心雄安中心"]
    assert found["gwr2025-北京"]["国家技术创新中心"] == beijing  # within its own document, one program
    assert found["gwr2025-四川"]["国家技术创新中心"] != beijing
    # the 14th congress report's 兴办深圳、珠海、汕头、厦门四个经济特区 (read as 厦门四个经济特区), then 经济特区; the
    # 经济特区 of ten national work reports 1984-2007 had joined that node (corpus/gwr)
    index.add("Program:厦门四个经济特区", "Program", ["厦门四个经济特区", "经济特区"])
    assert index.lookup("Program", ["经济特区"]) is None
    # a category's instance is no place's: 消费品以旧换新 still holds 以旧换新 for other documents
    index.add("Program:消费品以旧换新", "Program", ["消费品以旧换新", "以旧换新"])
    assert index.lookup("Program", ["以旧换新"]) == ("Program:消费品以旧换新", "exact")


def test_a_name_with_a_place_written_inside_is_no_fuzzy_match_of_the_name_without():
    # 宁夏's 2025 report names 国家中小学智慧教育平台全域应用试点, 海南's its own 国家中小学智慧教育平台海南全域应用试点:
    # similar by 94, they had been one node (session 54's audit of the fuzzy joins over the 96 reports)
    index = EntityIndex()
    index.add("Program:国家中小学智慧教育平台全域应用试点", "Program", ["国家中小学智慧教育平台全域应用试点"])
    assert index.lookup("Program", ["国家中小学智慧教育平台海南全域应用试点"]) is None
    # a word that names no place still lets the fuzzy rule join: 全社会 / 社会 (the same campaign)
    index.add("Program:降低全社会物流成本专项行动", "Program", ["降低全社会物流成本专项行动"])
    assert index.lookup("Program", ["降低社会物流成本专项行动"])[1].startswith("fuzzy:")


def test_one_places_program_joins_no_node_of_the_kind_by_its_bare_alias():
    # the 2019 national report's 海南自贸试验区, called 自贸试验区 after it, and 广西's 2025 广西自贸试验区 had joined the
    # node of the national 自贸试验区试点 by that alias, so a search for 海南自贸试验区 found the kind (a walkthrough,
    # session 54); a province naming the kind by its level word (省揭榜挂帅) still joins it, as diffusion needs
    index = EntityIndex()
    index.add("Program:自贸试验区试点", "Program", ["自贸试验区试点", "自贸试验区"])
    index.add("Program:揭榜挂帅", "Program", ["揭榜挂帅"])
    assert index.lookup("Program", ["广西自贸试验区", "自贸试验区"]) is None
    assert index.lookup("Program", ["省揭榜挂帅", "揭榜挂帅"]) == ("Program:揭榜挂帅", "exact")
    # nor does the kind's node hold one place's program for other documents
    index.add("Program:经济特区", "Program", ["经济特区", "深圳经济特区"])
    assert index.lookup("Program", ["深圳经济特区"]) is None


def test_a_place_of_the_geography_tables_jieba_does_not_tag_as_one_is_a_place_before_a_kind():
    # 浙江's report (2025): 推进新一轮义乌国际贸易综合改革 (义乌, a county-level city jieba tags nz); 安徽's: 提升合肥综合性
    # 国家科学中心五大研究院 (合肥, a city it tags n); 广东's: 建设大湾区国际教育示范区 (大湾区, a grouping it does
    # not know).  Each place's program, called by the kind's name after it, joins no node of the kind.
    index = EntityIndex()
    index.add("Program:国际贸易综合改革", "Program", ["国际贸易综合改革"])
    index.add("Program:综合性国家科学中心", "Program", ["综合性国家科学中心"])
    index.add("Program:国际教育示范区", "Program", ["国际教育示范区"])
    assert index.lookup("Program", ["义乌国际贸易综合改革", "国际贸易综合改革"]) is None
    assert index.lookup("Program", ["合肥综合性国家科学中心", "综合性国家科学中心"]) is None
    assert index.lookup("Program", ["大湾区国际教育示范区", "国际教育示范区"]) is None
