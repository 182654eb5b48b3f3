"""Entity resolution within one document: a name and a part of it that the document uses as the same name.

* a program named in full and by a part of its name (湖湘文化精品创作工程 / 文化精品创作工程);
* a program or goal named with and without a modifier closed by 的 (体现安徽特色的现代化产业体系 / 现代化产业体系);
* a program named with its closing part in quotation marks and by that part (海洋生态保护修复“五大工程” / 五大工程).

Run by :func:`policykg.graph.document_merges.merge_within_document`; the word lists are in
``graph/data/resolution.toml [any]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .instances import one_instance
from .merging import Groups, merge_into, resolution
from .names import match_key
from .records import DocumentGraph, Entity, Mention, SourceDocument
from .resolution_keys import names_another_program
from .tiers import tier_part

__all__ = ["merge_contained", "merge_modified", "merge_quoted_tail"]


#: Characters that join members of a list: a longer name holding one of them around a shorter one is a
#: list or a phrase the shorter is one member of (党风廉政建设和反腐败斗争 is not 反腐败斗争), not one name.
_LIST_JOINERS = re.compile(r"[、，,和与及或；;]")
#: The characters of a count or a numbered formula (千万工程, 五大工程, 两新): a longer name that puts more of them
#: right before a shorter one's first (十百千万工程, 十五大工程) names another formula (江西's report named both
#: 十百千万工程 and 千万工程, one entity until session 50).
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两0123456789")


def merge_contained(dg: DocumentGraph) -> None:
    """Within one document, merge an entity whose name lies inside the longer name of exactly one other entity
    of its label (``[any] contained_labels``): 全民国防教育 / 国防教育, 湖湘文化精品创作工程 / 文化精品创作工程,
    中国特色现代企业制度 / 现代企业制度.

    Documents name a program in full once and by a shorter part of the name after it; the adjudicated
    documents keep the two as one entity with an alias.  Measured over the 107 adjudicated documents
    with the names the 4-fold models extract (Programs, the shorter name at least four characters):
    of the pairs where one name lies inside another and both match gold, 285 are one gold entity and
    108 two; the guards below keep mostly the first kind (4-fold, same models: Program precision on
    gold-b 0.730 -> 0.739, relation F1 0.517 -> 0.528; no set loses).  Only Programs: Goals and Bodies
    so merged lose on the seeds (an organ inside a longer organ's name is usually another organ).  The guards
    keep the ones that are one name: the shorter name is at least half as long as the longer (the
    scorer's and a reader's test of one name, ``[any] contained_min_ratio``), at least four characters,
    the rest of the longer name joins no list (、 和 与 及: :data:`_LIST_JOINERS`), and it lies inside one
    longer name only, a list's name counted (银龄人才计划 inside both X银龄人才计划 and Y银龄人才计划 names neither; the
    list guard read the match key, which since session 43 drops 、, until session 44), and unless it closes the
    longer name, the document never writes both on their own in one sentence (开展中央部门零基预算改革试点，支持地方深化
    零基预算改革: over the gold forms of the 117 adjudicated documents, of the pairs so written 31 of 56 are two
    entities where the shorter opens the longer, 15 of 21 where it lies inside it, against 129 of 1,224 and 22 of 92
    written apart; session 43, 4-fold scores unchanged, and 23 provincial reports' 零基预算改革 no longer join the
    central departments' pilot the national report names beside it).  The form
    mentioned most often stays canonical (the longer on a tie; the name after a modifier closed by 的, Y of X的Y,
    whatever the counts: :meth:`~policykg.graph.merging.Groups.owners`), the other becomes its alias.

    Not a longer name that writes a tier of government below the document's level before the shorter
    (乡镇机构改革 / 机构改革 in a national report: :func:`policykg.graph.tiers.tier_part`), nor one that goes on past
    the shorter program's name with a name of its own (国有企业改革深化提升行动 / 国有企业改革:
    :func:`policykg.graph.resolution_keys.names_another_program`): each names another program (session 66).  Nor one
    that writes a specific modifier around the shorter, the text not saying the two are one: a place not the
    document's own, a sector, a pooling scope (汉江国家实验室 / 国家实验室, 农业关键核心技术攻关 / 关键核心技术攻关,
    基本医保省级统筹 / 基本医保: :func:`policykg.graph.instances.one_instance`); the shorter is then the general name and
    joins no longer name (session 68).
    """
    cfg = resolution()["any"]
    for label in cfg["contained_labels"]:
        owners = _contained_owners([e for e in dg.entities if e.label == label], cfg, dg.document)
        if owners:
            merge_into(dg, owners, "a name and a part of it (at least half of it, joining no list)")


def merge_modified(dg: DocumentGraph) -> None:
    """Within one document, merge an entity named by a modifier closed by 的 before the name of another entity of
    its label (``[any] modified_labels``): 体现安徽特色的现代化产业体系 / 现代化产业体系, 以县城为重要载体的新型城镇化 /
    新型城镇化, 全市统一的养老服务人才信息库 / 养老服务人才信息库.

    Documents introduce a goal or a program once with the attributive phrase that says what kind it is and name
    it without the phrase after that.  Over the gold forms of the 107 adjudicated documents, of the pairs of
    forms X的Y and Y of one label, 182 Goal pairs are one entity and 1 two (农牧业的高质量发展 / 高质量发展), 279
    Program pairs one and 3 two (轨道上的大湾区 / 大湾区); Bodies are left out (74 one, 8 two: 承担行政职能的事业单位
    is a kind of 事业单位, not all of them).  The name after the last 的 must be a form of exactly one other entity
    and at least two characters long, and the modifier no tier of government below the document's level (地方政府的机构改革
    and 乡政府的机构改革 of the 1988 report are not its 机构改革: :func:`policykg.graph.tiers.tier_part`).
    """
    for label in resolution()["any"]["modified_labels"]:
        same = [e for e in dg.entities if e.label == label]
        by_form = _by_form(same)
        groups = Groups(same)
        for k, e in enumerate(same):
            heads = set()
            for f in e.forms():
                at = f.rfind("的")
                if at > 0 and len(f) - at - 1 >= 2 and not tier_part(match_key(f[:at]), match_key(f[at + 1:]), dg.document):
                    heads |= by_form.get(match_key(f[at + 1:]), set()) - {k}
            if len(heads) == 1:
                groups.join(e, same[heads.pop()])
        owners = groups.owners()
        if owners:
            merge_into(dg, owners, "a name and the same name after a modifier closed by 的")


def _by_form(same: list[Entity], written: bool = False) -> dict[str, set[int]]:
    """Match key of every form -> the indices in ``same`` of the entities with that form; with ``written``, only the
    forms the text writes as a mention of its own (the name, the surfaces), not an alias read inside a longer one
    (一带一路 of “一带一路”高校联盟)."""
    out: dict[str, set[int]] = {}
    for k, e in enumerate(same):
        for f in [e.name, *(m.surface for m in e.mentions)] if written else e.forms():
            out.setdefault(match_key(f), set()).add(k)
    return out


#: A mention's surface closed by a quoted part (海洋生态保护修复“五大工程”): group 1 the quoted part.
_QUOTED_TAIL = re.compile(r"[“\"]([^“”\"]{2,})[”\"]$")


def merge_quoted_tail(dg: DocumentGraph) -> None:
    """Within one document, merge an entity named by the quoted closing part of another entity's mention
    (``[any] quoted_tail_labels``): 海洋生态保护修复“五大工程” / 五大工程, 基础设施“十张网” / 十张网.

    Work reports name a formula in quotation marks after what it is about and use the quoted part alone after
    that; the quoted part is the short name however short it is (:func:`merge_contained` asks for half the
    length).  Over the gold forms of the 107 adjudicated documents, 327 such Program pairs are one entity and 2
    two.  The quoted part must close the mention of exactly one other entity, and what stands before it must
    qualify it (:func:`_qualifier`: no list, no count).
    """
    for label in resolution()["any"]["quoted_tail_labels"]:
        same = [e for e in dg.entities if e.label == label]
        by_form = _by_form(same, written=True)  # the quoted part names the entity written so on its own
        hosts: dict[int, set[int]] = {}
        for k, e in enumerate(same):
            for m in e.mentions:
                found = _QUOTED_TAIL.search(m.surface)
                if found is not None and _qualifier(m, m.surface[:found.start()], found.group(1)):
                    for q in by_form.get(match_key(found.group(1)), set()) - {k}:
                        hosts.setdefault(q, set()).add(k)
        groups = Groups(same)
        for q, ks in hosts.items():
            if len(ks) == 1:
                groups.join(same[q], same[next(iter(ks))])
        owners = groups.owners()
        if owners:
            merge_into(dg, owners, "a name and its closing part in quotation marks")


#: A count and a classifier closing what stands before a quoted part (3个, 两项), or opening
#: the quoted part (三大专项行动).
_COUNT = r"(?:\d+|[一二三四五六七八九十两几多]+)[个项条类批大种]"
_COUNTED = re.compile(_COUNT + "$")
_COUNT_OPENS = re.compile(_COUNT)


def _qualifier(m: Mention, before: str, quoted: str) -> bool:
    """True when ``before``, what stands before the part ``quoted`` closing the mention ``m``, qualifies it: at
    least two characters, no list (招小商、建“微工厂”: the quoted part is the list's last member), no count
    (3个“三年行动”: the quoted part is a kind of which the name counts several), and not a list's last member
    before a counted whole (矛盾纠纷排查化解、…、道路交通安全风险隐患排查整治“三大专项行动”: the whole after its parts)."""
    if len(before) < 2 or _LIST_JOINERS.search(before) or _COUNTED.search(before):
        return False
    listed = m.sentence[: m.start - m.sentence_start].rstrip("“”\"").endswith(("、", "和", "与", "及"))
    return not (listed and _COUNT_OPENS.match(quoted))


def _in_one_sentence(a: Entity, b: Entity) -> bool:
    """Whether ``a`` and ``b`` are each mentioned on their own in one sentence."""
    starts = {m.sentence_start for m in a.mentions}
    return any(m.sentence_start in starts for m in b.mentions)


def _contained_owners(same: list[Entity], cfg: dict, doc: SourceDocument | None = None) -> dict[int, Entity]:
    """``id(entity) -> owner`` for the entities of ``same`` (one label) of ``doc`` :func:`merge_contained` merges."""
    same = sorted(same, key=lambda e: -len(match_key(e.name)))
    keys = [match_key(e.name) for e in same]
    joined = _SEPARATOR.join(keys)
    starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0))  # where each key begins in joined
    groups = Groups(same)
    for i, e in enumerate(same):
        short = keys[i]
        if len(short) < cfg["contained_min_chars"]:
            continue
        hosts: dict[int, Entity] = {}
        # inside a list name too (三个一号旅游公路 of 黄河、长城、太行三个一号旅游公路 and of …沿线特色乡村驿站), or a name of one
        # tier or an action of it (机构改革 of 地方政府机构改革 and of 国务院机构改革 is the whole reform: session 66)
        listed = False
        for j, at in _holders(keys, starts, joined, i):
            long_ = keys[j]
            if len(long_) == len(short) or len(short) < cfg["contained_min_ratio"] * len(long_):
                continue
            if _LIST_JOINERS.search(long_[:at] + long_[at + len(short):]) or "、" in same[j].name.replace(e.name, "", 1):
                listed = True  # the key drops 、 (大气、水、土壤污染防治三个十条 / 污染防治): read the name
                continue
            if at + len(short) < len(long_) and _in_one_sentence(e, same[j]):
                continue  # 开展中央部门零基预算改革试点，支持地方深化零基预算改革: two programs side by side
            if at > 0 and short[0] in _NUMERALS and long_[at - 1] in _NUMERALS:
                continue  # 十百千万工程 is not 千万工程, nor 十五大工程 五大工程: numerals before a numeral make another formula
            if tier_part(long_[:at], short, doc) or (at == 0 and names_another_program(short, long_)):
                listed = True  # 乡镇机构改革 is not 机构改革, 国有企业改革深化提升行动 not 国有企业改革 (session 66)
                continue
            if one_instance(long_, short, same[j], e, doc):
                listed = True  # 汉江国家实验室 is one 国家实验室, 基本医保省级统筹 a reform of 基本医保 (session 68)
                continue
            host = groups.root(same[j])
            hosts[id(host)] = host
        if len(hosts) == 1 and not listed:
            groups.join(e, next(iter(hosts.values())))
    return groups.owners()


#: What :func:`_contained_owners` joins the keys of a document's entities with, to search them all at once
_SEPARATOR = "\x00"


def _holders(keys: list[str], starts: list[int], joined: str, i: int) -> list[tuple[int, int]]:
    """``(j, keys[j].find(keys[i]))`` for every ``j < i`` whose key holds ``keys[i]``, ``j`` ascending: what a loop
    over ``keys[:i]`` calling ``find`` on each gives, found by searching ``joined`` (the keys joined by
    :data:`_SEPARATOR`, key ``j`` at ``starts[j]``) once per occurrence, a document's keys not searched one by one.
    A key holding the separator, or an empty one, is looked for one key at a time (a match could span two keys)."""
    short = keys[i]
    if not short or _SEPARATOR in short:
        return [(j, at) for j in range(i) if (at := keys[j].find(short)) >= 0]
    out: list[tuple[int, int]] = []
    end = starts[i] - 1 if i else 0  # the separator before key i: matches end before it
    pos = joined.find(short, 0, end)
    while pos >= 0:
        j = bisect_right(starts, pos) - 1
        out.append((j, pos - starts[j]))
        pos = joined.find(short, starts[j + 1], end) if j + 1 < i else -1
    return out
