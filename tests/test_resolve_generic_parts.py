"""Entity resolution across documents: a part of one node's name that names the kind the node is one of (文化品牌 of
地名天府文化品牌, 机构改革 of 乡镇机构改革: :func:`policykg.graph.resolution_keys.generic_part`) joins no other document's
entity to it, whatever the load order; a part after a level word alone (中试平台 of 省中试平台) still does.  Sentences
of the national and provincial reports (../shared/corpus/gwr, gwr2025)."""

from __future__ import annotations

import pytest

from policykg.graph.bridges import bridged
from policykg.graph.records import SourceDocument
from policykg.graph.resolution_keys import generic_part
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph

#: 四川 names its “地名天府” a 文化品牌 in its glossary (the part merges into the name within the document), 浙江 its
#: “浙产好剧” and “浙里大戏” 文化品牌: until session 65 浙江's 文化品牌 joined 四川's node
_BRANDS = {
    "gwr2025-四川": "持续打造“地名天府”文化品牌。\n"
                    "“地名天府”：为进一步挖掘保护四川地名文化资源，传承弘扬四川优秀地名文化而打造的文化品牌。",
    "gwr2025-浙江": "深化新时代文艺精品攀峰行动，不断擦亮“浙产好剧”“浙里大戏”文化品牌，推动传统戏曲繁荣发展。",
}
#: the 17th congress report writes 机构改革 and 乡镇机构改革 (one entity within it); until session 65 the 乡镇机构改革
#: of the 17th and of five national reports 2005-2012 were on the node 机构改革 of the other reports (江西's here)
_REFORMS = {
    "gwr2025-江西": "机构改革任务全面完成，行政执法体制改革不断深化，乡镇（街道）机构设置和管理体制更加完善。",
    "cpc-congress-17": "为贯彻十六大精神，中央召开七次全会，分别就深化机构改革、完善社会主义市场经济体制、加强党的执政能力建设"
                       "作出决定。\n深化乡镇机构改革，加强基层政权建设，完善政务公开、村务公开等制度。",
    "gwr-2007": "加快乡镇机构改革、农村义务教育改革和县乡财政管理体制改革，逐步建立精干高效的农村行政管理体制。",
}
#: 广东's 7 个省中试平台, which it also calls 中试平台, and 江苏's 中试平台: the kind each province names, one node
_PLATFORMS = {
    "gwr2025-广东": "推进大湾区国家技术创新中心建设，布局建设7个省中试平台。\n"
                    "深化大湾区国家技术创新中心建设，加快布局概念验证中心和中试平台，完善首台（套）、首批次、首版次应用政策。",
    "gwr2025-江苏": "布局建设10家概念验证中心，培育一批中试平台，加快新技术新产品新场景大规模应用示范。",
}


def _resolved(texts: dict[str, str], order: list[str]) -> dict[str, dict[str, str]]:
    """``document -> form -> node id`` of the Programs of ``texts`` (stem -> sentences) resolved in ``order``."""
    index, nodes = EntityIndex(), {}
    for stem in order:
        year = int(stem[-4:]) if stem.startswith("gwr-") else None
        text = texts[stem]
        doc = SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, year, None, len(text), "h", text)
        dg = resolve_document(build_document_graph(doc), index)
        nodes[stem] = {f: e.node_id for e in dg.entities if e.label == "Program" for f in e.forms()}
    return nodes


@pytest.mark.parametrize("reverse", [False, True])
def test_a_kind_one_document_names_its_program_by_joins_no_other_document_to_it(reverse):
    nodes = _resolved(_BRANDS, sorted(_BRANDS, reverse=reverse))
    sichuan, zhejiang = nodes["gwr2025-四川"], nodes["gwr2025-浙江"]
    assert sichuan["文化品牌"] == sichuan["地名天府文化品牌"] == "Program:地名天府文化品牌"  # its own alias stays
    assert zhejiang["文化品牌"] == "Program:文化品牌"


@pytest.mark.parametrize("reverse", [False, True])
def test_a_program_named_with_a_kind_it_narrows_is_no_node_of_the_kind(reverse):
    nodes = _resolved(_REFORMS, sorted(_REFORMS, reverse=reverse))
    township = nodes["cpc-congress-17"]["乡镇机构改革"]
    assert township == nodes["gwr-2007"]["乡镇机构改革"] == "Program:乡镇机构改革"
    assert nodes["gwr2025-江西"]["机构改革"] == "Program:机构改革"


def test_a_load_names_no_program_and_the_kind_it_narrows_as_perhaps_one_entity():
    # the load's "perhaps one entity" pairs (graph/bridges.py) named 乡镇机构改革 and 机构改革 for the 17th congress report
    index = EntityIndex()
    for stem in ("gwr2025-江西", "cpc-congress-17"):
        text = _REFORMS[stem]
        doc = SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, None, None, len(text), "h", text)
        dg = resolve_document(build_document_graph(doc), index)
    township = next(e for e in dg.entities if "机构改革" in e.forms())
    assert township.node_id == "Program:乡镇机构改革" and index.by_key[("Program", "机构改革")] == "Program:机构改革"
    assert ("Program:乡镇机构改革", "Program:机构改革") not in bridged(dg, index)


@pytest.mark.parametrize("reverse", [False, True])
def test_a_kind_after_a_level_word_alone_still_joins_the_node_across_documents(reverse):
    nodes = _resolved(_PLATFORMS, sorted(_PLATFORMS, reverse=reverse))
    assert nodes["gwr2025-江苏"]["中试平台"] == nodes["gwr2025-广东"]["省中试平台"]


@pytest.mark.parametrize(("part", "name", "generic"), [
    ("文化品牌", "地名天府文化品牌", True),
    ("机构改革", "乡镇机构改革", True),
    ("机构改革", "政府机构改革", False),  # the organ whose own reform it is ([body] organs)
    ("宏观调控体系", "投资宏观调控体系", True),
    ("中试平台", "省中试平台", False),  # a level word alone
    ("公共卫生体系", "全国公共卫生体系", False),
    ("国债项目", "续建国债项目", False),  # words classing projects ([program] project_categories)
    ("国有企业改革", "国有企业改革改组改造", False),  # the name opens with it
    ("县域医共体", "紧密型县域医共体", False),  # no common word before a type word
])
def test_a_generic_part_is_a_common_word_and_a_generic_type_word_the_name_closes_with(part, name, generic):
    assert generic_part(part, name, "Program") is generic
