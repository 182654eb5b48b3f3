"""Entity resolution within one document: the names the document itself says are one entity.

Run by :func:`policykg.graph.resolve.resolve_document` before an entity is looked up among the names of
other documents.  Each rule says why its names are one entity; the word lists are in
``graph/data/resolution.toml``:

* an organ named in full and by its standard short form (省市场监督管理局 / 省市场监管局);
* a qualified form and the short form the document works with (重庆市民政局 / 市民政局, 各级党委 / 党委);
* a program or goal named with and without its closing type word (城市更新 / 城市更新项目);
* a name and a part of it the document uses as the same name (:mod:`.part_merges`: 湖湘文化精品创作工程 /
  文化精品创作工程, 体现安徽特色的现代化产业体系 / 现代化产业体系, 海洋生态保护修复“五大工程” / 五大工程);
* a bare 人大 or 政协 and the one of the level the document names;
* a name and the short name it defines (普通高等学校（以下简称高校）).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .instances import one_instance
from .merging import Groups, merge_into, rename_relations, resolution, resolution_words
from .names import match_key
from .part_merges import merge_contained, merge_modified, merge_quoted_tail
from .records import DocumentGraph, Entity
from .tiers import tier_part

__all__ = ["abbreviate", "abbreviation_key", "drop_unwritten_heads", "holds_abbreviation_form", "merge_within_document",
           "short_name_definition"]


def merge_within_document(dg: DocumentGraph) -> None:
    """Merge, in place, the entities of ``dg`` that the document names as one (the module's rules, in order).

    An entity a curation decision made or changed before resolution (``add``, ``reject`` of an alias:
    :func:`policykg.graph.curation_apply.curate_document`) takes part in none of the merges: the curator's entity
    stays as the curator left it.  (The decisions about a node act after these merges, on the entity the rules put on
    it: :func:`policykg.graph.curation_apply.forced_node`; a detached 城市更新项目 is split off again there.)

    Args:
        dg: a document graph from the loaders; merged entities keep the owner's name, and the others'
            forms become its aliases, their mentions and relations its own.
    """
    order = {id(e): k for k, e in enumerate(dg.entities)}
    curated = [e for e in dg.entities if e.curated_by]
    dg.entities = [e for e in dg.entities if not e.curated_by]
    drop_unwritten_heads(dg)  # “双碳”管理一体化平台 is not 双碳
    _merge_abbreviated(dg)  # 省市场监督管理局 = 省市场监管局
    _merge_qualified(dg)  # 重庆市民政局 = 市民政局, 各级党委 = 党委
    _merge_type_tails(dg)  # 城市更新 = 城市更新项目
    merge_contained(dg)  # 国防教育 = 全民国防教育
    merge_modified(dg)  # 现代化产业体系 = 体现安徽特色的现代化产业体系
    merge_quoted_tail(dg)  # 五大工程 = 海洋生态保护修复“五大工程”
    _merge_level_organs(dg)  # 人大 = 省人大 when the document names one level
    _merge_defined_short_names(dg)  # X（以下简称Y）
    dg.entities = sorted(dg.entities + curated, key=lambda e: order[id(e)])


def drop_unwritten_heads(dg: DocumentGraph) -> None:
    """Drop, in place, an alias that only opens its entity's name (less than half of it) and that the document never
    writes on its own for an entity of that label: the quoted head of “双碳”管理一体化平台, “双一流”学科培育行动,
    “一件事”服务矩阵 (``quote+type`` in :mod:`policykg.loaders.rules.quoted` keeps the quoted part as an alias so
    that a bare “五星” of the same document joins “五星”支部创建).  Written nowhere alone, the head names the
    formula the program serves or applies, not the program: kept, it drew other documents' 双一流 (11 of the 29
    provincial 2025 reports) toward the node of one report's 双一流学科培育行动, whichever document came first.

    Args:
        dg: a document graph from the loaders; only ``aliases`` change.
    """
    heads = []  # (entity, the keys of its aliases that open its name) : few entities have one
    for e in dg.entities:
        name = match_key(e.name)
        keys = {key for a in e.aliases if name.startswith(key := match_key(a)) and 2 * len(key) < len(name)}
        if keys:
            heads.append((e, keys))
    if not heads:  # what the document writes is read only when an alias may be dropped (the keys of every mention)
        return
    written: dict[str, set[str]] = {}
    for e in dg.entities:
        written.setdefault(e.label, set()).update(match_key(m.surface) for m in e.mentions)
    for e, keys in heads:
        e.aliases = [a for a in e.aliases if not ((key := match_key(a)) in keys and key not in written[e.label])]


# A body named with its place (中共重庆市委办公厅, 重庆市民政局, 安徽省人民政府): the place, then the
# level character that opens the name the document otherwise uses (市委办公厅, 市民政局, 省人民政府).
_PLACE_QUALIFIED = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,3}?(?=[省市县区州盟旗])(?P<local>[省市县区州盟旗](?:委|.{2,}))$")


def _distributive_prefixes(label: str) -> tuple[str, ...]:
    """``graph/data/resolution.toml [<label>] distributive_prefixes``, longest first (none for Document)."""
    return resolution_words(label, "distributive_prefixes")


def _level_organ(name: str) -> tuple[str, str] | None:
    """``(organ, level)`` when ``name`` is an organ of ``[body] level_organs`` named with a level word
    (省人大 -> 人大, 省) or a session of a people's congress (江西省第十四届人民代表大会 -> 人大, 省:
    ``[body] congress_session``); else ``None``."""
    for level in resolution_words("Body", "level_words"):
        if name.startswith(level) and name[len(level):] in resolution_words("Body", "level_organs"):
            return name[len(level):], level
    m = _congress_session().match(name)
    return ("人大", m.group("level")) if m else None


#: Characters joining a list's members: a definition after the last member defines the whole list.
_COORDINATORS = frozenset("和及与、或")


@lru_cache(maxsize=1)
def short_name_definition() -> re.Pattern[str]:
    """``[any] short_name_definition`` of ``graph/data/resolution.toml``: matches （以下简称Y）, group ``short``
    naming Y (use ``match`` with a position to test right after a name, ``search`` to find one)."""
    return re.compile(resolution()["any"]["short_name_definition"])


def _merge_defined_short_names(dg: DocumentGraph) -> None:
    """Merge X into Y where the document writes X（以下简称Y） and extracted both with one label: the short
    name Y stays canonical (the one the document works with), X becomes its alias.  Not when X is the
    last member of a list (…事业单位和社会组织（以下简称政务部门）): the short name stands for the list."""
    definition = short_name_definition()
    by_form = {(e.label, match_key(f)): e for e in dg.entities for f in e.forms()}
    owners: dict[int, Entity] = {}
    for e in dg.entities:
        for m in e.mentions:
            at = m.start - m.sentence_start
            d = definition.match(m.sentence, m.end - m.sentence_start)
            if d is None or m.sentence[max(0, at - 1):at] in _COORDINATORS:  # …事业单位和社会组织（以下简称政务部门）
                continue  # defines the whole list, not its last member
            short = by_form.get((e.label, match_key(d.group("short"))))
            if short is not None and short is not e and id(e) not in owners and id(short) not in owners:
                owners[id(e)] = short
                break
    for e in dg.entities:  # a glossary's “Y”：“X”…的简称 (“千万工程”：“千村示范、万村整治”工程的简称): X is Y in full
        for m in e.mentions:
            if id(e) in owners or not _SHORT_FOR.match(m.sentence, m.end - m.sentence_start):
                continue
            head = _GLOSSARY_HEAD.match(m.sentence)
            short = by_form.get((e.label, match_key(head.group("short")))) if head else None
            if short is not None and short is not e and id(short) not in owners:
                owners[id(e)] = short
                break
    if owners:
        merge_into(dg, owners, "a name and the short name the document defines for it (以下简称, 的简称)")


#: After the full name in a glossary entry: (its closing quote and) 的简称, that the entry's head is short for it.
_SHORT_FOR = re.compile(r"[”\"’]?(?:工程|行动|计划)?的简称")
#: A glossary entry's head, the short name: (number,) quoted name, colon.
_GLOSSARY_HEAD = re.compile(r"^\s*(?:\d{1,3}\s*[.．、]\s*)?[“\"]?(?P<short>[^”\"：:]{2,20})[”\"]?\s*[：:]")


@lru_cache(maxsize=1)
def _congress_session() -> re.Pattern[str]:
    return re.compile(resolution()["body"]["congress_session"])


def _short_forms(label: str, name: str, home: str | None = "") -> list[str]:
    """The names an entity named ``name`` may go by in the same document, most specific first:
    a Body without its place (重庆市民政局 -> 市民政局) or without ``及其常委会`` (省人大及其常委会 ->
    省人大), and any entity without a distributive word of its label (各级党委 -> 党委,
    新一轮找矿突破战略行动 -> 找矿突破战略行动, 确保粮食安全 -> 粮食安全).

    ``home``: the document's own place (重庆市), ``""`` when it is not known (any place's body goes by its short
    form), or ``None`` for a national document (no place's does: the 1982 report's 江苏省政府 is one province's, its
    省政府 every province's; a walkthrough, session 46, found the two one node).  With a place, only that place's
    bodies go by the short form (四川's 省政府 is not the 浙江省政府 it works with)."""
    out = []
    if label == "Body":
        m = _PLACE_QUALIFIED.match(name)
        if m and home is not None and (not home or name.removeprefix("中共").startswith(home)):
            out.append(m.group("local"))
        out += [name[:-len(t)] for t in resolution_words(label, "conjoined_tails")
                if name.endswith(t) and len(name) - len(t) >= 2]
    prefixes = _distributive_prefixes(label)
    if name.startswith(prefixes):  # one test of the whole tuple first: most names open with none of them
        out += [name[len(p):] for p in prefixes if name.startswith(p) and len(name) - len(p) >= 2]
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[str, str], ...]:
    """``[body] abbreviations`` of ``graph/data/resolution.toml``: ``(full, short)`` pairs, in their order."""
    return tuple((full, short) for full, short in resolution()["body"]["abbreviations"])


@lru_cache(maxsize=65536)
def abbreviation_key(name: str) -> str:
    """The match key of a Body's name once every standard short form of ``[body] abbreviations`` is applied
    in order: 安徽省市场监督管理局 and 安徽省市场监管局 share one, as do 省人力资源和社会保障厅, 省人力社保厅
    and 省人社厅 (:func:`abbreviate` of :func:`~policykg.graph.names.match_key`)."""
    return abbreviate(match_key(name))


@lru_cache(maxsize=500_000)
def abbreviate(text: str) -> str:
    """``text`` with every standard short form of ``[body] abbreviations`` applied in order, each pair
    ``(full, short)`` replacing every ``full`` by ``short``: 省发展改革委 -> 省发改委, 省人力资源和社会保障厅 -> 省人社厅,
    国有企业改革 -> 国企改革.  A rewrite that would leave fewer than two characters is skipped.

    Args:
        text: a name, or a name search (:func:`policykg.graph.search.abbreviated_query`), as
            :func:`~policykg.graph.names.match_key` or :func:`~policykg.graph.names.search_form` leaves it.

    Returns:
        The rewritten text (``text`` itself when no full form is in it).
    """
    for full, short in _abbreviations():
        if full in text:
            shorter = text.replace(full, short)
            if len(shorter) >= 2:
                text = shorter
    return text


def holds_abbreviation_form(text: str) -> bool:
    """Whether ``text`` holds a full or a (non-empty) short form of ``[body] abbreviations`` (发展改革委, 发改委, 人社)."""
    return any(full in text or (short and short in text) for full, short in _abbreviations())


def _merge_abbreviated(dg: DocumentGraph) -> None:
    """Within one document, merge the Bodies named in full and by a standard short form (省市场监督管理局 /
    省市场监管局: the signature or first mention spells the organ out, the lead-unit lines abbreviate it).
    The name mentioned most often stays canonical (the form the document works with; the shorter on a
    tie), the others become aliases."""
    groups: dict[str, list[Entity]] = {}
    for e in dg.entities:
        if e.label == "Body":
            groups.setdefault(abbreviation_key(e.name), []).append(e)
    owners: dict[int, Entity] = {}
    for group in groups.values():
        if len(group) > 1:
            owner = max(group, key=lambda e: (len(e.mentions), -len(e.name)))
            owners.update({id(e): owner for e in group if e is not owner})
    if owners:
        merge_into(dg, owners, "an organ's full name and its standard short form")


def _merge_qualified(dg: DocumentGraph) -> None:
    """Within one document, merge a qualified entity into the same entity named without the qualifier.

    A document of 重庆 calls its bureau 重庆市民政局 in the signature and 市民政局 in every
    lead-unit line: one body.  各级党委 and 党委 are one body too (the annotation guide's
    adjudicated examples keep them as one entity with an alias; the distributive words are in
    ``graph/data/resolution.toml``).  The short form, the one the document works with,
    stays the canonical name and the qualified form becomes its alias.  Only inside a
    document: 市民政局 of another city's document is another body.  A Program's scope word naming a tier below the
    document's level (省级 of a national report: :func:`policykg.graph.tiers.tier_part`) names another program, and so
    does a standing above it where the document counts the name without it as a kind (9家高新区进入国家高新区综合评价前50强:
    :func:`policykg.graph.instances.one_instance`, session 68).
    """
    owners: dict[int, Entity] = {}
    doc = dg.document
    home = None if doc is not None and doc.level == "国" else (doc.place if doc is not None and doc.place else "")
    for label in ("Body", "Program", "Goal"):
        same = [e for e in dg.entities if e.label == label]
        key = abbreviation_key if label == "Body" else match_key  # 河南省政府 -> 省政府 = 省人民政府
        by_form = {key(f): e for e in same for f in e.forms()}
        tails = resolution_words(label, "type_tails") if label == "Program" else ()
        for e in same:
            for form in _short_forms(label, e.name, home):
                if label == "Program" and tier_part(e.name[:len(e.name) - len(form)], form, doc):
                    continue  # 省级政府机构改革 of a national report is no 政府机构改革 of it (graph/tiers.py)
                # 国家城市更新行动 / 城市更新 (山东, 2025): the scope off, then a closing type word (_merge_type_tails)
                untyped = _without_type_tail(form, tails)
                short = by_form.get(key(form)) or (by_form.get(key(untyped)) if untyped else None)
                if label == "Program" and short is not None and one_instance(match_key(e.name), match_key(form), e, short, doc):
                    continue  # 9家高新区进入国家高新区综合评价前50强: the kind and its national grade (graph/instances.py)
                if short is not None and short is not e and id(short) not in owners:
                    owners[id(e)] = short
                    break
    if owners:
        merge_into(dg, owners, "the same name with and without a place, scope or verb of the clause before it")


def _merge_type_tails(dg: DocumentGraph) -> None:
    """Within one document, merge the Programs (Goals) named with and without a closing type word of
    ``[program] type_tails`` (``[goal] type_tails``): 城市更新 / 城市更新项目, 消费品以旧换新 / 消费品以旧换新政策,
    乡村振兴 / 乡村振兴战略.  The shortest form names the entity (the more mentioned on a tie), the others become
    aliases: the bare name is the one other documents write alone (“两重” beside “两重”项目); across documents a
    name of three characters or more meets its typed forms (保交房 / 保交房攻坚战:
    :func:`policykg.graph.resolution_keys.shorter_forms`), a shorter one only as the core of one name (两新 / 两新政策).
    With the form mentioned most often named instead (session 39), a diffusion study found 两重 on 18 of the 29
    reports writing it; now 27 (4-fold, same models: gold-b 0.800 / 0.555 -> 0.801 / 0.560, `loaders/training`
    0.748 / 0.399 -> 0.747 / 0.398)."""
    for label in ("Program", "Goal", "Body"):
        _merge_tailed([e for e in dg.entities if e.label == label], resolution_words(label, "type_tails"), dg)


def _without_type_tail(form: str, tails: tuple[str, ...]) -> str | None:
    """``form`` without the longest of ``tails`` it closes with (``resolution_words`` sorts them longest first), or
    ``None`` when it closes with none or fewer than two characters would remain."""
    if not form.endswith(tails):  # one test of the whole tuple first: most forms close with none of them
        return None
    tail = next(t for t in tails if form.endswith(t))
    return form[:-len(tail)] if len(form) - len(tail) >= 2 else None


def _merge_tailed(same: list[Entity], tails: tuple[str, ...], dg: DocumentGraph) -> None:
    """Merge the entities of ``same`` (one label) whose forms differ by one of ``tails``."""
    by_form = {match_key(f): e for e in same for f in e.forms()}
    groups = Groups(same)
    for e in same:
        for form in e.forms():
            untyped = _without_type_tail(form, tails)
            base = by_form.get(match_key(untyped)) if untyped else None
            if base is not None:
                groups.join(e, base)
    owners = groups.owners(shortest=True)
    if owners:
        merge_into(dg, owners, "the same name with and without a closing type word")


def _merge_level_organs(dg: DocumentGraph) -> None:
    """Within one document, merge the names of the one 人大 or 政协 (``[body] level_organs``) of a level the
    document names: 省人大, 江西省第十四届人民代表大会, a bare 人大 and 人大及其常委会 are one body, named
    by the shortest leveled form (省人大), or by the level and the organ when only a session is written
    (江西省第十四届人民代表大会 -> 省人大, so a province's congress is one node whatever the term); nothing when the
    document names the organ at two levels
    (全国人大 and 省人大: the bare name could be either), and never a name opened by a distributive prefix
    (各级政府要依法接受同级人大及其常委会的监督 in a national report: the congress of each government's level, which
    had joined 全国人大常委会)."""
    leveled: dict[str, dict[str, list[Entity]]] = {}
    for e in dg.entities:
        found = _level_organ(e.name) if e.label == "Body" else None
        if found is not None:
            leveled.setdefault(found[0], {}).setdefault(found[1], []).append(e)
    owners: dict[int, Entity] = {}
    sessions: list[tuple[Entity, str]] = []
    for organ, levels in leveled.items():
        if len(levels) != 1:
            continue
        level, group = next(iter(levels.items()))
        owner = min(group, key=lambda e: len(e.name))
        if _congress_session().match(owner.name):  # only the session is written: 河北省第十四届人民代表大会
            sessions.append((owner, level + organ))
        owners.update({id(e): owner for e in group if e is not owner})
        relative = _distributive_prefixes("Body")  # 同级人大常委会, 各级人大: the organ of every level, not this one
        for e in dg.entities:  # the bare organ, also as 人大及其常委会
            if e.label == "Body" and e is not owner and not e.name.startswith(relative) and (
                    e.name == organ or organ in _short_forms("Body", e.name)):
                owners[id(e)] = owner
    if owners:
        merge_into(dg, owners, "the one 人大 or 政协 of the level the document names")
    for owner, short in sessions:  # named as the congress is named whatever its term (省人大, which places.py locates)
        _rename(dg, owner, short, _SESSION_WHY)
    national = [e for e in dg.entities if e.label == "Body" and _national_session().match(e.name)]
    if national:  # 第十四届全国人民代表大会: the one National People's Congress
        name = resolution()["body"]["national_congress"]
        named = next((e for e in dg.entities if e.label == "Body" and e.name == name), None)
        if named is None:
            named = national.pop(0)
            _rename(dg, named, name, _SESSION_WHY)
        merge_into(dg, {id(e): named for e in national}, _SESSION_WHY)


_SESSION_WHY = "the standard name of the congress whose session the document names"


@lru_cache(maxsize=1)
def _national_session() -> re.Pattern[str]:
    return re.compile(resolution()["body"]["national_congress_session"])


def _rename(dg: DocumentGraph, e: Entity, name: str, why: str) -> None:
    """Give ``e`` the canonical ``name`` (its old name becomes an alias), in its relations too."""
    old = e.name
    if old == name:
        return
    e.aliases = [old, *[a for a in e.aliases if a not in (old, name)]]
    e.merged.setdefault(old, why)
    e.name = name
    rename_relations(dg, e.label, old, e.label, name)


