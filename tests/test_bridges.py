"""A load's pairs of nodes one entity names (graph/bridges.py): :func:`bridged_pairs` finds in one pass the pairs the
two passes of :func:`bridged` (without and with ``joinable``) gave, on lines of real reports (../shared/corpus/gwr,
gwr2025) resolved one after the other as a load resolves them."""

from __future__ import annotations

from order_texts import CONGRESS_TEXTS, QIANWAN_TEXTS

from policykg.graph.bridges import MIN_KEY, _apart, bridged_pairs
from policykg.graph.names import match_key
from policykg.graph.records import DocumentGraph, SourceDocument
from policykg.graph.resolution_keys import generic_part
from policykg.graph.resolution_keys import match_key as resolution_key
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph

#: the 17th congress report writes 机构改革 and 乡镇机构改革 (one entity within it, a generic part: no pair); 江西's
#: 2025 report makes the node 机构改革 first
_REFORMS = {
    "gwr2025-江西": "机构改革任务全面完成，行政执法体制改革不断深化，乡镇（街道）机构设置和管理体制更加完善。",
    "cpc-congress-17": "为贯彻十六大精神，中央召开七次全会，分别就深化机构改革、完善社会主义市场经济体制、加强党的执政能力建设"
                       "作出决定。\n深化乡镇机构改革，加强基层政权建设，完善政务公开、村务公开等制度。",
}


def _two_passes(dg: DocumentGraph, index: EntityIndex, joinable: bool) -> list[tuple[str, str]]:
    """The pairs as bridges.bridged found them before bridged_pairs, one pass per value of ``joinable``."""
    pairs: set[tuple[str, str]] = set()
    for e in dg.entities:
        name = resolution_key(e.name)
        for form in e.forms():
            key = match_key(form)
            if generic_part(resolution_key(form), name, e.label) or (joinable and _apart(resolution_key(form), name, e.label)):
                continue
            other = index.by_key.get((e.label, key)) if len(key) >= MIN_KEY else None
            if other is not None and other != e.node_id and not index.held_name(e.label, key):
                pairs.add((e.node_id, other))
    return sorted(pairs)


def test_one_pass_finds_the_named_and_the_joinable_pairs_of_two_passes():
    index = EntityIndex()
    seen = []
    for texts in (QIANWAN_TEXTS, CONGRESS_TEXTS, _REFORMS):
        for stem, text in texts.items():
            doc = SourceDocument(f"Document:{stem}", f"{stem}.txt", stem, None, None, len(text), "h", text)
            dg = resolve_document(build_document_graph(doc), index)
            named, joinable = bridged_pairs(dg, index)
            assert named == _two_passes(dg, index, False)
            assert joinable == _two_passes(dg, index, True)
            seen += named
    # the lines name pairs: 四川 and 广东 千万工程 / 千村示范、万村整治工程, the 19th congress 伟大工程 / 党的建设新的伟大工程
    assert len(seen) >= 2
