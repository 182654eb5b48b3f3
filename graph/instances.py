"""One instance of a program and the program in general: 汉江国家实验室 is one of the kind 国家实验室, not the kind.

A document that names a program with a specific modifier (a place, 汉江国家实验室, 长三角创新联合体; a field, 农业关键核心
技术攻关; a scope it is run at, 基本医保省级统筹) and writes the bare name elsewhere (以“1家国家实验室、8个大科学装置…”为主体的
科技力量矩阵, 加强关键核心技术攻关, 参加基本医保) means the general name there: the kind, the whole, or the scheme the
modified name acts on.  Merged within the document as a name and a part of it (:func:`.part_merges.merge_contained`), the
general name became an alias of the one instance, which the load then offered to merge with another document's general
node and a search for the general name found (a walkthrough, session 68: 湖北's 国家实验室 on Program:汉江国家实验室).
So the within-document merges of a name and a part of it keep such a pair apart (:func:`instance_modifier`), unless the
text says the two are one (:func:`stated_same`: an appositive; a 以下简称 definition is merged by its own rule after).

A place the document speaks for is no specific modifier there: 广西's report calls its own 广西自贸试验区 自贸试验区, as it
calls its 广西壮族自治区人民政府 自治区政府 (:mod:`.places`).  A provincial report speaks for its cities and the
regions it belongs to as well (:func:`.geography.own_parts`: 四川's 成都科创生态岛 / 科创生态岛, 重庆's 成渝双核联动联建 /
双核联动联建, 广东's 华南国家植物园 / 国家植物园); such a part keeps its instance apart only where the document counts the
bare name as a kind (江苏's 首批12家长三角创新联合体 / 布局建设一批创新联合体), as a national standing does.

A national standing (国家高新区 / 高新区) is one only where the document writes the bare name as a kind it counts
(9家高新区, 一批创新联合体): elsewhere a provincial report's 国家算电融合试点 and 算电融合试点 are the one pilot the
province took part in.  Word lists in ``graph/data/resolution.toml [program]`` (``scope_tails``, ``instance_levels``)
and ``[any] kind_count``; places in ``graph/data/geography.toml`` and ``regions.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .geography import longest_grouping, own_parts
from .merging import resolution, resolution_words
from .places import place_before
from .records import Entity, SourceDocument
from .sectors import sector_instance
from .tiers import document_rank

__all__ = ["counted_kind", "instance_modifier", "one_instance", "stated_same"]

def instance_modifier(long_: str, short: str, doc: SourceDocument | None) -> str | None:
    """The kind of specific modifier ``long_`` writes around ``short``, or ``None`` when it writes none.

    Args:
        long_: the match key of the longer Program name; short: the match key of a name lying inside it.
        doc: the document writing both (its place and level decide what is its own), or ``None``.

    Returns:
        ``"place"`` for a place before ``short`` that is not the document's own (汉江国家实验室 / 国家实验室 in 湖北's
        report; :func:`.places.names_place`), ``"part"`` for a city, a county or a grouping of the document's own
        province before it (成都科创生态岛 in 四川's, 长三角创新联合体 and 苏南国家自主创新示范区 in 江苏's;
        :func:`.geography.own_parts`), the place being the longest grouping the name opens with where that is longer
        than the word before ``short`` (:func:`.geography.longest_grouping`: 中原城市群 / 城市群 in 山西's report is a
        grouping holding 山西, not 河南's 中原 of ``[place] own_names``), ``"field"`` for
        a sector or population word that is all that stands before it (农业关键核心技术攻关; ``[program]
        sector_qualifiers``, :func:`.sectors.sector_instance`; not 农村基层党务公开 nor 工业互联网网络安全分类分级, where the
        word opens a longer one: a fold model's 农村基层党务公开 had become a wrong Program of its own, and 安徽's plan, whose
        gold joins the two, had lost 网络安全分类分级 off its 工业互联网网络安全分类分级工作), ``"scope"`` for a scope
        after it (基本医保省级统筹; ``[program] scope_tails``),
        ``"level"`` for a national or provincial standing above
        the document's level before it (国家高新区 of a provincial report; ``[program] instance_levels``); ``None``
        otherwise, and when ``short`` does not lie inside ``long_``.
    """
    at = long_.find(short)
    if at < 0 or long_ == short:
        return None
    before, after = long_[:at], long_[at + len(short):]
    if after:
        return "scope" if not before and after in resolution_words("Program", "scope_tails") else None
    word = place_before(before)
    if word:
        word = max(word, longest_grouping(long_), key=len)  # 中原城市群…: the grouping, not 中原 ([place] own_names)
        if not _own_place(word, doc):
            return "place"
        if doc is not None and word in own_parts(doc.place, doc.level):
            return "part"
    if before in resolution_words("Program", "sector_qualifiers") and sector_instance(long_, short):
        return "field"
    rank = dict(_levels()).get(before)
    own = document_rank(doc)
    if rank is not None and own is not None and rank < own:
        return "level"
    return None


def _own_place(word: str, doc: SourceDocument | None) -> bool:
    """Whether ``word`` names the place ``doc`` speaks for (广西 of 广西壮族自治区, 江苏省 of 江苏省, a name of
    ``[place] own_names``: 湖湘 of 湖南省) or a part of it (:func:`.geography.own_parts`: a city of a provincial
    document's province, 成都 of 四川省, or a grouping holding the province, 成渝 of 重庆市; none of a national
    document, level 国)."""
    place = doc.place if doc is not None else None
    if not place:
        return False
    if place.startswith(word) or word.startswith(place) or word in own_parts(place, doc.level):
        return True
    return any(place.startswith(row[0]) and word in row[1:] for row in resolution()["place"]["own_names"])


@lru_cache(maxsize=1)
def _levels() -> tuple[tuple[str, int], ...]:
    """``[program] instance_levels`` as ``(word, rank)``."""
    return tuple((w, int(r)) for w, r in resolution()["program"]["instance_levels"])


@lru_cache(maxsize=1)
def _kind_count() -> re.Pattern[str]:
    """``[any] kind_count``: a count or quantifier closing the text before a name."""
    return re.compile(resolution()["any"]["kind_count"])


def counted_kind(e: Entity) -> bool:
    """Whether the document writes ``e``'s name after a count or a quantifier (9家高新区, 一批创新联合体, 1家国家实验室):
    a kind of which there are several, not one of them."""
    return any(_kind_count().search(m.sentence[: m.start - m.sentence_start]) for m in e.mentions)


#: What may stand between two names in apposition: nothing, a dash or a colon (国家实验室——汉江国家实验室), or an
#: opening bracket (汉江国家实验室（国家实验室）).
_APPOSITION = re.compile(r"^(?:|——|—|：|:|即|（|\()$")


def stated_same(a: Entity, b: Entity) -> bool:
    """Whether the text writes a mention of ``a`` and one of ``b`` in apposition (one right after the other, perhaps
    across a dash, a colon, 即 or an opening bracket): the text's own statement that they are one."""
    for x, y in ((a, b), (b, a)):
        for m in x.mentions:
            for n in y.mentions:
                if m.sentence_start == n.sentence_start and 0 <= n.start - m.end <= 2 and _APPOSITION.match(
                        m.sentence[m.end - m.sentence_start:n.start - n.sentence_start]):
                    return True
    return False


def one_instance(long_: str, short: str, longer: Entity, shorter: Entity, doc: SourceDocument | None) -> bool:
    """Whether the within-document merges keep ``shorter`` apart from ``longer``, whose name writes a specific modifier
    around ``shorter``'s (:func:`instance_modifier`; a level or a part of the document's own place only where the
    document counts ``shorter`` as a kind, :func:`counted_kind`), the text not stating the two are one (:func:`stated_same`).

    Args:
        long_, short: the match keys of the two names, ``short`` lying inside ``long_``.
        longer, shorter: the two entities, of one document ``doc``.
    """
    kind = instance_modifier(long_, short, doc)
    if kind is None or (kind in ("level", "part") and not counted_kind(shorter)):
        return False
    return not stated_same(longer, shorter)
