"""Entity resolution across documents reads a program's scope of the whole people or of Chinese characteristics
(全民国防教育 / 国防教育, 中国特色现代企业制度 / 现代企业制度) and the
standing phase written after a campaign's name (扫黑除恶常态化 / 扫黑除恶专项斗争) as the same program, a new Program
node without 中国特色, but a goal's standard of 高水平 as the formulation it is (高水平对外开放 / 对外开放 stay apart).
Sentences of the national reports and the 18th and 20th congress reports (../shared/corpus/gwr; gwr-2024b is a
second sentence of the 2024 report)."""

from __future__ import annotations

import pytest

from policykg.graph.records import SourceDocument
from policykg.graph.resolution_keys import goal_key, program_plain_key
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph

_TEXTS = {
    "gwr-2008": "加强国防教育，增强全民国防观念。",
    # the whole people's defence education: until session 66 a node of 16 reports apart from the 国防教育 of 25
    "gwr-2016": "加强全民国防教育和国防动员建设。",
    "gwr-2019": "强化社会治安综合治理，开展扫黑除恶专项斗争，依法打击各类违法犯罪，平安中国建设取得新进展。",
    # the campaign's standing phase: until session 66 a node of 9 reports apart from the campaign's 24
    "gwr-2022": "加强社会治安综合治理，推动扫黑除恶常态化，坚决防范和打击各类违法犯罪，建设更高水平的平安中国、法治中国。",
    "gwr-2013": "七是坚定不移扩大对外开放，全面提升开放型经济水平。",
    # the high-standard opening: a node of 28 reports, apart from the 对外开放 of 36
    "cpc-congress-20": "（五）推进高水平对外开放。",
    "gwr-2002": "国有企业改革继续推进，现代企业制度建设加快。",
    # the system of Chinese characteristics: until session 66 a node of 4 reports apart from the 现代企业制度 of 24
    "gwr-2024b": "完善中国特色现代企业制度，打造更多世界一流企业。",
    # the first report to write the military system names it with 中国特色, the later ones without
    "cpc-congress-18": "深入推进军队组织形态现代化，构建中国特色现代军事力量体系。",
    "gwr-2014": "完善现代军事力量体系。",
}


def _graph(stem: str):
    """The document graph of ``_TEXTS[stem]`` read as a national report."""
    text = _TEXTS[stem]
    doc = SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, None, None, len(text), "h", text, level="国")
    return build_document_graph(doc)


def _nodes(stems: list[str], label: str) -> dict[str, dict[str, str]]:
    """``stem -> {form: node id}`` of the entities of ``label`` of the documents ``stems`` resolved in turn into one
    index."""
    index, out = EntityIndex(), {}
    for stem in stems:
        dg = resolve_document(_graph(stem), index)
        out[stem] = {f: e.node_id for e in dg.entities if e.label == label for f in e.forms()}
    return out


def test_the_whole_peoples_program_is_the_program():
    nodes = _nodes(["gwr-2008", "gwr-2016"], "Program")
    assert nodes["gwr-2016"]["全民国防教育"] == nodes["gwr-2008"]["国防教育"] == "Program:国防教育"


def test_a_program_of_chinese_characteristics_is_the_program():
    nodes = _nodes(["gwr-2002", "gwr-2024b"], "Program")
    assert nodes["gwr-2024b"]["中国特色现代企业制度"] == nodes["gwr-2002"]["现代企业制度"] == "Program:现代企业制度"


def test_a_new_program_node_goes_without_chinese_characteristics():
    nodes = _nodes(["cpc-congress-18", "gwr-2014"], "Program")
    assert nodes["cpc-congress-18"]["中国特色现代军事力量体系"] == nodes["gwr-2014"]["现代军事力量体系"]
    assert nodes["gwr-2014"]["现代军事力量体系"] == "Program:现代军事力量体系"


def test_a_campaigns_standing_phase_after_its_name_is_the_campaign():
    nodes = _nodes(["gwr-2019", "gwr-2022"], "Program")
    assert nodes["gwr-2022"]["扫黑除恶常态化"] == nodes["gwr-2019"]["扫黑除恶专项斗争"]


def test_a_high_standard_goal_stays_the_formulation_it_is():
    # 高水平对外开放 (2017 on) is followed apart from the 对外开放 of 1978 on; joined, 高水平开放 made a node named 开放
    nodes = _nodes(["gwr-2013", "cpc-congress-20"], "Goal")
    assert nodes["cpc-congress-20"]["高水平对外开放"] != nodes["gwr-2013"]["扩大对外开放"]


@pytest.mark.parametrize(("name", "key"), [
    ("全民国防教育", "国防教育"),
    ("全民健身活动", "全民健身活动"),  # 健身 alone names no program
    ("全民阅读", "全民阅读"),
    ("中国特色现代企业制度", "现代企业制度"),
    ("中国特色社会主义法律体系", "中国特色社会主义法律体系"),  # 中国特色社会主义 names the system itself
    ("扫黑除恶常态化工作机制", "扫黑除恶"),  # the phase before closing type words
    ("新一轮改革", "新一轮改革"),  # the guard of the round prefixes holds
])
def test_program_keys_take_off_a_scope_and_a_phase_while_a_program_remains(name, key):
    assert program_plain_key(name) == key


@pytest.mark.parametrize("name", ["高水平对外开放", "高水平开放", "高水平安全"])
def test_goal_keys_keep_the_standard(name):
    assert goal_key(name).startswith("高水平")
