"""Entity resolution across documents, the keys several nodes claim: a name two nodes hold goes to the one it names,
and a part of a node's name joins it only while no other node holds that part, whatever the load order (the forms
that join documents: ``test_resolve_across_documents.py``).
"""

from __future__ import annotations

import pytest

from policykg.graph.records import SourceDocument
from policykg.graph.resolution_keys import narrows
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph


def test_a_key_two_nodes_hold_as_alias_goes_to_the_node_nearest_it_whatever_their_ids():
    # 政府机构改革 was an alias of 机构改革 (the 14th congress report) and of 各级地方政府机构改革 (the 1995 work report):
    # by node id alone the reports after 1995 went to the second and those before to the first, so one form made two
    # nodes across 30 years of reports (a walkthrough, session 54)
    index = EntityIndex()
    index.add("Program:机构改革", "Program", ["机构改革", "政府机构改革"])
    index.add("Program:各级地方政府机构改革", "Program", ["各级地方政府机构改革", "政府机构改革"])
    assert index.lookup("Program", ["政府机构改革"]) == ("Program:机构改革", "exact")
    # the same whichever node was registered first (an index rebuilt from a store answers as one kept up to date)
    again = EntityIndex()
    again.add("Program:各级地方政府机构改革", "Program", ["各级地方政府机构改革", "政府机构改革"])
    again.add("Program:机构改革", "Program", ["机构改革", "政府机构改革"])
    assert again.lookup("Program", ["政府机构改革"]) == ("Program:机构改革", "exact")
    # a canonical name still beats every alias
    again.add("Program:政府机构改革", "Program", ["政府机构改革"])
    assert again.lookup("Program", ["政府机构改革"]) == ("Program:政府机构改革", "exact")


# Sentences of the 16th and 17th congress reports and of the 1997 work report (shared/corpus/gwr)
_SUBSISTENCE = {
    "cpc-congress-16": "健全失业保险制度和城市居民最低生活保障制度。"
                       "有条件的地方，探索建立农村养老、医疗保险和最低生活保障制度。",
    "cpc-congress-17": "城乡居民最低生活保障制度初步建立，贫困人口基本生活得到保障。"
                       "完善城乡居民最低生活保障制度，逐步提高保障水平。"
                       "要以社会保险、社会救助、社会福利为基础，以基本养老、基本医疗、最低生活保障制度为重点，"
                       "以慈善事业、商业保险为补充，加快完善社会保障体系。",
    "gwr-1997": "现在全国有100多个城市建立了最低生活保障制度，这是保障居民基本生活需要的重要措施，"
                "也是适合我国国情的一种社会保障办法，要逐步加以完善。",
}


def _report(stem: str, text: str):
    """The document graph of ``text`` (sentences of the report ``stem``), as extraction makes it."""
    year = int(stem[-4:]) if stem.startswith("gwr-") else None
    return build_document_graph(SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, year, None, len(text), "h", text))


@pytest.mark.parametrize("order", [0, 1])
def test_a_part_two_documents_merged_into_two_longer_names_joins_neither(order):
    # The 16th congress report names 城市居民最低生活保障制度 and later 最低生活保障制度, the 17th 城乡居民最低生活保障制度
    # and 最低生活保障制度: each merges the part into its longer name (graph/part_merges.py), so the part was an alias of
    # two nodes, and the 1997 report's 最低生活保障制度 (of the cities: the rural one came in 2007) joined whichever
    # node id sorted first, 城乡居民's; 企事业单位 / 企事业 民主管理制度 drew the villages' 民主管理制度 so (session 64)
    stems = ["cpc-congress-16", "cpc-congress-17"]
    index = EntityIndex()
    nodes = {}
    for stem in [*(stems if order == 0 else stems[::-1]), "gwr-1997"]:
        dg = resolve_document(_report(stem, _SUBSISTENCE[stem]), index)
        nodes[stem] = {f: e for e in dg.entities if e.label == "Program" for f in e.forms()}
    city, both = nodes["cpc-congress-16"]["城市居民最低生活保障制度"], nodes["cpc-congress-17"]["城乡居民最低生活保障制度"]
    assert nodes["gwr-1997"]["最低生活保障制度"].node_id not in {city.node_id, both.node_id}
    # since session 68 neither document makes its bare 最低生活保障制度 (the rural one of 农村养老、医疗保险和最低生活保障制度,
    # the scheme in general of 以基本养老、基本医疗、最低生活保障制度为重点) an alias of its population's system
    # (graph/instances.py): the general name is a node of its own, which the 1997 report's joins
    assert "最低生活保障制度" not in city.forms() + both.forms()
    assert nodes["gwr-1997"]["最低生活保障制度"].node_id == nodes["cpc-congress-16"]["最低生活保障制度"].node_id
    # the longer names themselves still join their nodes
    assert index.lookup("Program", ["城乡居民最低生活保障制度"]) == (both.node_id, "exact")


@pytest.mark.parametrize("order", [0, 1])
def test_a_part_of_one_node_joins_it_a_part_of_two_joins_neither_whatever_the_order(order):
    # the 96 reports: 基本养老保险 was an alias of 城镇基本养老保险 (2003), 企业职工基本养老保险制度 (山西) and
    # 基本养老保险全国统筹制度 (20th congress), and the 2016 and 2023 reports' 基本养老保险 (参保率, 参保人数) joined the
    # urban one; 紧密型县域医共体 is the only node holding 县域医共体, which the reports of 7 provinces write alone
    nodes = [("Program:城镇基本养老保险", ["城镇基本养老保险", "基本养老保险"]),
             ("Program:基本养老保险全国统筹制度", ["基本养老保险全国统筹制度", "基本养老保险"]),
             ("Program:紧密型县域医共体", ["紧密型县域医共体", "县域医共体"]),
             ("Program:机构改革", ["机构改革", "政府机构改革"]),
             ("Program:各级地方政府机构改革", ["各级地方政府机构改革", "政府机构改革"])]
    index = EntityIndex()
    for node, forms in nodes if order == 0 else nodes[::-1]:
        index.add(node, "Program", forms)
    assert index.lookup("Program", ["基本养老保险"]) is None
    assert index.lookup("Program", ["基本养老保险制度"]) is None  # by no rule: not by its type word either
    assert index.lookup("Program", ["县域医共体"]) == ("Program:紧密型县域医共体", "exact")
    # a node the key extends (政府机构改革 of 机构改革) holds it before the nodes it is a part of
    assert index.lookup("Program", ["政府机构改革"]) == ("Program:机构改革", "exact")
    index.add("Program:基本养老保险", "Program", ["基本养老保险"])  # a node of its name takes it
    assert index.lookup("Program", ["基本养老保险"]) == ("Program:基本养老保险", "exact")
    # 山西 writes 企业职工基本养老保险, then 基本养老保险 for it: its name finds the node of the typed name before its
    # part finds the generic node
    index.add("Program:企业职工基本养老保险制度", "Program", ["企业职工基本养老保险制度"])
    assert index.lookup("Program", ["企业职工基本养老保险", "基本养老保险"]) == (
        "Program:企业职工基本养老保险制度", "rule:program-form")


@pytest.mark.parametrize(("part", "name", "label", "narrowed"), [
    ("企业改革", "国有企业改革", "Program", True),
    ("基本养老保险", "基本养老保险全国统筹制度", "Program", True),
    ("城市更新", "城市更新行动", "Program", False),  # a closing type word
    ("农业转移人口市民化", "新一轮农业转移人口市民化", "Program", False),  # a round
    ("算电融合试点", "国家算电融合试点", "Program", False),  # a distributive word of the label
    ("现代化产业体系", "体现安徽特色现代化产业体系", "Goal", True),  # a modifier (match keys drop its 的)
    ("对外开放", "扩大对外开放", "Goal", False),  # the verb of the clause
    ("粮食安全", "国家粮食安全", "Goal", True),  # an owner: across documents another goal (goal_key)
    ("组织部", "市委组织部", "Body", False),  # no label a part merges into within a document
])
def test_a_name_narrows_a_part_of_it_unless_the_keys_of_resolution_take_the_rest_off(part, name, label, narrowed):
    assert narrows(part, name, label) is narrowed


@pytest.mark.parametrize("order", [0, 1])
def test_a_name_two_nodes_claim_goes_to_the_node_it_names_whatever_came_first(order):
    # the national reports: 对外开放 is the name of one Goal node and an alias of 扩大对外开放 (a report writing both).
    # An index kept up to date during a load and one rebuilt from the store register them in other orders: a load
    # of 67 reports in two runs joined 扩大对外开放 of gwr-2016 and gwr-2017 to another node than one run did
    nodes = [("Goal:对外开放", ["对外开放"]), ("Goal:扩大对外开放", ["扩大对外开放", "对外开放"]),
             ("Program:股份制改革", ["股份制改革", "股份制"]), ("Program:股份制", ["股份制"])]
    idx = EntityIndex()
    for node, forms in nodes if order == 0 else nodes[::-1]:
        idx.add(node, node.split(":")[0], forms)
    assert idx.lookup("Goal", ["对外开放"]) == ("Goal:对外开放", "exact")
    assert idx.lookup("Goal", ["扩大对外开放"]) == ("Goal:扩大对外开放", "exact")
    assert idx.lookup("Program", ["股份制"]) == ("Program:股份制", "exact")


def test_two_programs_sharing_only_the_head_they_close_with_stay_apart():
    # 2025 reports: 青海's 二手住房以旧换新 (housing) and 消费品以旧换新 (consumer goods) each merged 以旧换新 within its
    # document, and by that alias 青海's housing measure joined the consumer-goods node of 26 reports
    idx = EntityIndex()
    idx.add("Program:消费品以旧换新", "Program", ["消费品以旧换新", "以旧换新"])
    idx.add("Program:人工智能+行动", "Program", ["人工智能+行动", "人工智能+"])
    assert idx.lookup("Program", ["二手住房以旧换新", "以旧换新"]) is None
    # an alias that opens both names is one program named with other type words
    assert idx.lookup("Program", ["人工智能+行动计划", "人工智能+"]) == ("Program:人工智能+行动", "exact")
    assert idx.lookup("Program", ["以旧换新"]) == ("Program:消费品以旧换新", "exact")  # the bare name still joins
