"""Entity resolution across documents: a province's annual list of matters (省十件民生实事, 20件民生实事) is that
province's own program, named with the place (:func:`policykg.graph.places.qualify_lists`); the uncounted kind
(民生实事) still joins across provinces.  Sentences of the provincial reports 2025 (../shared/corpus/gwr2025)."""

from __future__ import annotations

import pytest

from policykg.graph.places import list_form
from policykg.graph.records import SourceDocument
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph

#: stem -> (place, sentences); until session 66 the lists of 广东, 贵州 and 新疆 were one node Program:省十件民生实事,
#: and 吉林's and 黑龙江's one node Program:20件民生实事
_LISTS = {
    "gwr2025-广东": ("广东省", "深入实施“民生十大工程”五年行动计划，全面完成省十件民生实事，居民人均可支配收入增长4.4%。\n"
                              "办好十件民生实事。"),
    "gwr2025-贵州": ("贵州省", "“十件民生实事”全面完成，扎实抓好15件群众身边具体实事集中整治。\n"
                              "今年将继续统筹安排财力，扎实办好“十件民生实事”。\n民生实事要办好。"),
    "gwr2025-海南": ("海南省", "实施省级民生实事项目，办好为民办实事项目。\n今年继续办好民生实事项目。"),
    "gwr2025-新疆": ("新疆维吾尔自治区", "向全疆各族人民庄严承诺的十件民生实事全面如期完成。"),
    "gwr2025-吉林": ("吉林省", "办好20件民生实事。"),
    "gwr2025-黑龙江": ("黑龙江省", "幸福龙江扎实推进，20件民生实事全部完成。"),
}


def _nodes(order: list[str]) -> dict[str, dict[str, str]]:
    """``document -> form -> node id`` of the Programs of ``_LISTS`` resolved in ``order``, each a province's report."""
    index, nodes = EntityIndex(), {}
    for stem in order:
        place, text = _LISTS[stem]
        doc = SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, 2025, place, len(text), "h", text, level="省")
        dg = resolve_document(build_document_graph(doc), index)
        nodes[stem] = {f: e.node_id for e in dg.entities if e.label == "Program" for f in e.forms()}
    return nodes


@pytest.mark.parametrize("reverse", [False, True])
def test_each_provinces_counted_list_of_matters_is_its_own_node(reverse):
    nodes = _nodes(sorted(_LISTS, reverse=reverse))
    kind = nodes.pop("gwr2025-海南")["民生实事项目"]  # the kind, uncounted
    lists = {stem: next(n for f, n in forms.items() if "件民生实事" in f) for stem, forms in nodes.items()}
    assert lists["gwr2025-广东"] == "Program:广东省十件民生实事"
    assert lists["gwr2025-新疆"] == "Program:新疆维吾尔自治区十件民生实事"
    assert len(set(lists.values())) == len(lists)  # five provinces, five lists
    assert kind not in lists.values()  # 贵州's list, merged with the kind it names, is no node of the kind


@pytest.mark.parametrize(("form", "listed"), [
    ("省十件民生实事", "广东省十件民生实事"),
    ("十件民生实事", "广东省十件民生实事"),
    ("2025年10件民生实事", "广东省2025年10件民生实事"),
    ("民生实事", None),  # the kind, uncounted
    ("一件事", None),  # 高效办成一件事: no list of matters
    ("市十件民生实事", None),  # a city's, in a province's report
    ("15件群众身边具体实事集中整治", None),  # a campaign, not the list
])
def test_a_list_of_matters_is_a_count_of_matters_and_its_head(form, listed):
    assert list_form(form, "广东省", "省") == listed


def test_a_national_report_names_no_places_list():
    text = "各地办好十件民生实事。"
    doc = SourceDocument("Document:gwr-2025", "gwr-2025.txt", "t", 2025, None, len(text), "h", text, level="国")
    dg = resolve_document(build_document_graph(doc), EntityIndex())
    assert all(not e.name.startswith(("广东", "国")) for e in dg.entities if e.label == "Program")
