"""Entity search under the table of standard short forms (``graph/data/resolution.toml [body] abbreviations``), on
every store: 发改委 finds 省发展改革委, 人社厅 省人力资源和社会保障厅, 住建 省住房城乡建设厅, and a query in full finds
the names written short; a query holding no form of the table matches as it always did."""

from __future__ import annotations

import pytest

from policykg.graph.search import abbreviated_query, search_lucene, search_text
from policykg.ingest import load_paths

# Real lines, cut at line ends: 安徽省人民政府办公厅, 支持工业互联网发展若干政策 (皖政办秘〔2021〕82号), its items on
# talent and on the industries' merger (责任单位); 2025年云南省政府工作报告, 附件 2025年10件惠民实事 (主办单位, in
# loaders/training/texts/gwr2025-云南.txt); 包头市2022年数字政府建设考评办法, item 35 (baotou_shuzi_zhengfu_kaoping_2022).
EXCERPTS = {
    "anhui_gongye_hulianwang_2021": """\
安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划（2021-2023年）的通知
（皖政办秘〔2021〕82号）
组织打造服务专员队伍，每年面向1万名专业技术人才和企业高级管理人员，由省市合力开展工业互联网素质提升培训。\
加快引进一批“高、精、尖”工业互联网技术人才和科研团队来我省创新创业，将工业互联网高层次人才纳入新时代“江淮英才计划”\
等各类人才计划，根据国家和我省有关政策规定，对在工业互联网相关领域做出突出贡献的领军人才予以褒扬、激励。\
（责任单位：省经济和信息化厅、省人力资源和社会保障厅、省教育厅、省财政厅，各市人民政府）
16﹒加快一、二、三产业融通发展。依托工业互联网平台，推动实现农业精准作业、精准管理，提升农产品流通效率和安全保障水平，\
促进农村消费提质升级。支持有能力的农业装备企业探索装备制造、农业生产、农产品销售全产业链一体化发展模式。\
引导服务业企业基于工业互联网的先进生产模式、资源组织方式，创新管理和服务能力，实现供应链、营销链等一体化整合，\
用数据驱动价值链转型升级。（责任单位：省农业农村厅、省发展改革委、省商务厅、省经济和信息化厅）
""",
    "gwr2025-云南": """\
2025年云南省政府工作报告
来源：北京日报
一、稳定和扩大就业
年度目标：全省农村劳动力转移就业1500万人以上，实现城镇新增就业50万人以上；对10类重点就业群体新发放创业担保贷款不低于80亿元，\
支持不低于4万人创业。
主办单位：省人力资源社会保障厅、省财政厅，各州、市人民政府
三、实施银龄人才计划
年度目标：引进留用3600名高层次银龄人才，其中：银龄教师1550名、银龄医师1000名、银龄工程师650名、银龄科技人才100名、\
银龄技师300名。
主办单位：省工业和信息化厅、省教育厅、省科技厅、省人力资源社会保障厅、省卫生健康委，各州、市人民政府
九、持续整治提升农村人居环境
年度目标：加快建设宜居宜业和美乡村，农村卫生户厕覆盖率达到78%，农村生活垃圾处理设施覆盖率达到95%，\
农村生活污水治理（管控）率达到60%。
主办单位：省生态环境厅、省住房城乡建设厅、省农业农村厅，各州、市人民政府
""",
    "baotou_shuzi_zhengfu_kaoping_2022": """\
包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知
包府办发〔2022〕43号
各旗、县、区人民政府，稀土高新区管委会，市直有关部门、单位：
35．配合市发改委做好涉企信用数据整合和平台对接工作。（0.25分）（6月底完成，牵头考核单位：市市场监管局）
""",
}


@pytest.fixture
def organs(store, tmp_path):
    """A store of each backend holding the three excerpts."""
    paths = []
    for stem, text in EXCERPTS.items():
        paths.append(tmp_path / f"{stem}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    report = load_paths(store, paths, progress=False)
    assert not report.failed
    return store


def _ids(store, q: str, label: str | None = None, limit: int = 20) -> list[str]:
    return [h["id"] for h in store.search(q, label, limit)]


def test_an_organ_is_found_by_its_standard_short_form(organs):
    # before, each of these found nothing: the names are written in full
    # each province's department is its own node (graph/places.py); the shorter name first on a tie of documents
    assert _ids(organs, "人社厅") == _ids(organs, "人社") == ["Body:云南省人力资源社会保障厅", "Body:安徽省人力资源和社会保障厅"]
    assert _ids(organs, "住建") == _ids(organs, "住建厅") == ["Body:云南省住房城乡建设厅"]
    # the name the query writes as it is comes first, then the one it names only under the table
    assert _ids(organs, "发改委") == ["Body:包头市发改委", "Body:安徽省发展改革委"]
    assert _ids(organs, "发改委", limit=1) == ["Body:包头市发改委"]  # a short-form match pushes out no exact one
    assert _ids(organs, "省发改委") == ["Body:安徽省发展改革委"]
    assert _ids(organs, "发改委", "Program") == []
    # a walkthrough (session 43): 卫健委, 工信厅 and a 国资委 written in full found nothing (the table lacked them)
    assert _ids(organs, "卫健委") == ["Body:云南省卫生健康委"] and _ids(organs, "工信厅") == ["Body:云南省工业和信息化厅"]
    assert abbreviated_query("国有资产监督管理委员会") == "国资委"


def test_a_query_in_full_finds_the_names_written_short(organs):
    assert _ids(organs, "发展改革委") == ["Body:安徽省发展改革委", "Body:包头市发改委"]
    # neither is written so: both match under the table, ranked as ever (one document each, the shorter name first)
    assert _ids(organs, "发展和改革委员会") == ["Body:包头市发改委", "Body:安徽省发展改革委"]
    assert _ids(organs, "市场监督管理局") == ["Body:包头市市场监管局"]
    # the name written so first, then 云南's 省人力资源社会保障厅 under the table
    assert _ids(organs, "人力资源和社会保障厅") == ["Body:安徽省人力资源和社会保障厅", "Body:云南省人力资源社会保障厅"]


def test_a_query_holding_no_form_of_the_table_matches_names_as_written(organs):
    entities = [n for label in ("Body", "Program", "Goal") for n in organs.iter_nodes([label])]
    for q in ("建设", "教育厅", "改委", "社会保障", "工业互联网", "省农业农村厅"):
        assert abbreviated_query(q) is None
        written = [n for n in entities if any(q in f for f in [n["name"], *n.get("aliases", [])])]
        written.sort(key=lambda n: (-n["doc_count"], n["name"] != q, -n["mention_count"], len(n["name"]), n["id"]))
        assert _ids(organs, q, limit=200) == [n["id"] for n in written], q
    assert _ids(organs, "改委") == ["Body:包头市发改委"]  # a part of a short form is no form of the table


def test_the_search_text_holds_the_forms_under_the_table_after_an_empty_line():
    assert abbreviated_query("人力资源和社会保障厅") == "人社厅" and abbreviated_query("发改委") == "发改委"
    assert search_text("省发展改革委", []) == "省发展改革委\n\n省发改委"
    assert search_text("省人力资源和社会保障厅", ["省人力资源社会保障厅", "省人社厅"]) == (
        "省人力资源和社会保障厅\n省人力资源社会保障厅\n省人社厅")  # the short form is a line already
    assert search_text("乡村振兴", []) == "乡村振兴"
    # the index is asked for the pairs of the query or those of its key (the key lines are indexed)
    assert search_lucene("发展改革委", "发改委") == '("发展" AND "展改" AND "改革" AND "革委") OR ("发改" AND "改委")'
    assert search_lucene("发改委", "发改委") == '"发改" AND "改委"'
    assert search_lucene("乡村振兴", None) == '"乡村" AND "村振" AND "振兴"'
