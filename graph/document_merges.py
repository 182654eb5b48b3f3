"""Entity resolution within one document: the names the document itself says are one entity.

Run by :func:`policykg.graph.resolve.resolve_document` before an entity is looked up among the names of
other documents.  Each rule says why its names are one entity; the word lists are in
``graph/data/resolution.toml``:

* an organ named in full and by its standard short form (省市场监督管理局 / 省市场监管局);
* a qualified form and the short form the document works with (重庆市民政局 / 市民政局, 各级党委 / 党委);
* a program or goal named with and without its closing type word (城市更新 / 城市更新项目);
* a program named in full and by a part of its name (湖湘文化精品创作工程 / 文化精品创作工程);
* a program or goal named with and without a modifier closed by 的 (体现安徽特色的现代化产业体系 / 现代化产业体系);
* a bare 人大 or 政协 and the one of the level the document names;
* a name and the short name it defines (普通高等学校（以下简称高校）).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .names import match_key
from .records import DocumentGraph, Entity, Relation

__all__ = ["abbreviation_key", "merge_into", "merge_within_document", "short_name_definition"]


def merge_within_document(dg: DocumentGraph) -> None:
    """Merge, in place, the entities of ``dg`` that the document names as one (the module's rules, in order).

    An entity a curation decision made or changed before resolution (``add``, ``detach``, ``retype``, ``reject``
    of an alias: :func:`policykg.graph.curation_apply.curate_document`) takes part in none of the merges: the
    curator's entity stays as the curator left it (a detached 城市更新项目 is not folded back into 城市更新).

    Args:
        dg: a document graph from the loaders; merged entities keep the owner's name, and the others'
            forms become its aliases, their mentions and relations its own.
    """
    order = {id(e): k for k, e in enumerate(dg.entities)}
    curated = [e for e in dg.entities if e.curated_by]
    dg.entities = [e for e in dg.entities if not e.curated_by]
    _merge_abbreviated(dg)  # 省市场监督管理局 = 省市场监管局
    _merge_qualified(dg)  # 重庆市民政局 = 市民政局, 各级党委 = 党委
    _merge_type_tails(dg)  # 城市更新 = 城市更新项目
    _merge_contained(dg)  # 国防教育 = 全民国防教育
    _merge_modified(dg)  # 现代化产业体系 = 体现安徽特色的现代化产业体系
    _merge_level_organs(dg)  # 人大 = 省人大 when the document names one level
    _merge_defined_short_names(dg)  # X（以下简称Y）
    dg.entities = sorted(dg.entities + curated, key=lambda e: order[id(e)])


# A body named with its place (中共重庆市委办公厅, 重庆市民政局, 安徽省人民政府): the place, then the
# level character that opens the name the document otherwise uses (市委办公厅, 市民政局, 省人民政府).
_PLACE_QUALIFIED = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,3}?(?=[省市县区州盟旗])(?P<local>[省市县区州盟旗](?:委|.{2,}))$")


@lru_cache(maxsize=1)
def _resolution() -> dict:
    """``graph/data/resolution.toml``, read once per process."""
    with (Path(__file__).parent / "data" / "resolution.toml").open("rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=12)
def _words(label: str, key: str) -> tuple[str, ...]:
    """``graph/data/resolution.toml [<label>] <key>``, longest first (empty when absent)."""
    words = _resolution().get(label.lower(), {}).get(key, [])
    return tuple(sorted(set(words), key=len, reverse=True))


def _distributive_prefixes(label: str) -> tuple[str, ...]:
    """``graph/data/resolution.toml [<label>] distributive_prefixes``, longest first (none for Document)."""
    return _words(label, "distributive_prefixes")


def _level_organ(name: str) -> tuple[str, str] | None:
    """``(organ, level)`` when ``name`` is an organ of ``[body] level_organs`` named with a level word
    (省人大 -> 人大, 省) or a session of a people's congress (江西省第十四届人民代表大会 -> 人大, 省:
    ``[body] congress_session``); else ``None``."""
    for level in _words("Body", "level_words"):
        if name.startswith(level) and name[len(level):] in _words("Body", "level_organs"):
            return name[len(level):], level
    m = _congress_session().match(name)
    return ("人大", m.group("level")) if m else None


#: Characters joining a list's members: a definition after the last member defines the whole list.
_COORDINATORS = frozenset("和及与、或")


@lru_cache(maxsize=1)
def short_name_definition() -> re.Pattern[str]:
    """``[any] short_name_definition`` of ``graph/data/resolution.toml``: matches （以下简称Y）, group ``short``
    naming Y (use ``match`` with a position to test right after a name, ``search`` to find one)."""
    return re.compile(_resolution()["any"]["short_name_definition"])


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
    if owners:
        merge_into(dg, owners, "a name and the short name the document defines for it (以下简称)")


@lru_cache(maxsize=1)
def _congress_session() -> re.Pattern[str]:
    return re.compile(_resolution()["body"]["congress_session"])


def _short_forms(label: str, name: str) -> list[str]:
    """The names an entity named ``name`` may go by in the same document, most specific first:
    a Body without its place (重庆市民政局 -> 市民政局) or without ``及其常委会`` (省人大及其常委会 ->
    省人大), and any entity without a distributive word of its label (各级党委 -> 党委,
    新一轮找矿突破战略行动 -> 找矿突破战略行动, 确保粮食安全 -> 粮食安全)."""
    out = []
    if label == "Body":
        m = _PLACE_QUALIFIED.match(name)
        if m:
            out.append(m.group("local"))
        out += [name[:-len(t)] for t in _words(label, "conjoined_tails") if name.endswith(t) and len(name) - len(t) >= 2]
    out += [name[len(p):] for p in _distributive_prefixes(label) if name.startswith(p) and len(name) - len(p) >= 2]
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[str, str], ...]:
    """``[body] abbreviations`` of ``graph/data/resolution.toml``: ``(full, short)`` pairs, in their order."""
    return tuple((full, short) for full, short in _resolution()["body"]["abbreviations"])


def abbreviation_key(name: str) -> str:
    """The match key of a Body's name once every standard short form of ``[body] abbreviations`` is applied
    in order: 安徽省市场监督管理局 and 安徽省市场监管局 share one, as do 省人力资源和社会保障厅, 省人力社保厅
    and 省人社厅.  A rewrite that would leave fewer than two characters is skipped."""
    key = match_key(name)
    for full, short in _abbreviations():
        if full in key:
            shorter = key.replace(full, short)
            if len(shorter) >= 2:
                key = shorter
    return key


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
    document: 市民政局 of another city's document is another body.
    """
    owners: dict[int, Entity] = {}
    for label in ("Body", "Program", "Goal"):
        same = [e for e in dg.entities if e.label == label]
        key = abbreviation_key if label == "Body" else match_key  # 河南省政府 -> 省政府 = 省人民政府
        by_form = {key(f): e for e in same for f in e.forms()}
        for e in same:
            for form in _short_forms(label, e.name):
                short = by_form.get(key(form))
                if short is not None and short is not e and id(short) not in owners:
                    owners[id(e)] = short
                    break
    if owners:
        merge_into(dg, owners, "the same name with and without a place, scope or verb of the clause before it")


def _merge_type_tails(dg: DocumentGraph) -> None:
    """Within one document, merge the Programs (Goals) named with and without a closing type word of
    ``[program] type_tails`` (``[goal] type_tails``): 城市更新 / 城市更新项目, 消费品以旧换新 / 消费品以旧换新政策,
    乡村振兴 / 乡村振兴战略.  The form mentioned most often stays canonical (the longer on a tie), the others
    become aliases."""
    for label in ("Program", "Goal"):
        _merge_tailed([e for e in dg.entities if e.label == label], _words(label, "type_tails"), dg)


def _merge_tailed(same: list[Entity], tails: tuple[str, ...], dg: DocumentGraph) -> None:
    """Merge the entities of ``same`` (one label) whose forms differ by one of ``tails``."""
    by_form = {match_key(f): e for e in same for f in e.forms()}
    groups = _Groups(same)
    for e in same:
        for form in e.forms():
            if not form.endswith(tails):
                continue
            tail = next(t for t in tails if form.endswith(t))  # the longest: _words sorts them so
            base = by_form.get(match_key(form[:-len(tail)])) if len(form) - len(tail) >= 2 else None
            if base is not None:
                groups.join(e, base)
    owners = groups.owners()
    if owners:
        merge_into(dg, owners, "the same name with and without a closing type word")


class _Groups:
    """Entities of one label joined into groups that are one entity (a union-find over the entities)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.parent: dict[int, Entity] = {id(e): e for e in entities}

    def root(self, e: Entity) -> Entity:
        """The entity standing for ``e``'s group."""
        while self.parent[id(e)] is not e:
            e = self.parent[id(e)]
        return e

    def join(self, e: Entity, other: Entity) -> None:
        """Put ``e``'s group into ``other``'s."""
        a, b = self.root(e), self.root(other)
        if a is not b:
            self.parent[id(a)] = b

    def owners(self) -> dict[int, Entity]:
        """``id(entity) -> owner`` for every entity of a group of two or more but its owner: the form mentioned
        most often (the longer on a tie)."""
        groups: dict[int, list[Entity]] = {}
        for e in self.entities:
            groups.setdefault(id(self.root(e)), []).append(e)
        owners: dict[int, Entity] = {}
        for group in groups.values():
            if len(group) > 1:
                owner = max(group, key=lambda e: (len(e.mentions), len(e.name)))
                owners.update({id(e): owner for e in group if e is not owner})
        return owners


#: Characters that join members of a list: a longer name holding one of them around a shorter one is a
#: list or a phrase the shorter is one member of (党风廉政建设和反腐败斗争 is not 反腐败斗争), not one name.
_LIST_JOINERS = re.compile(r"[、，,和与及或；;]")


def _merge_contained(dg: DocumentGraph) -> None:
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
    longer name only (银龄人才计划 inside both X银龄人才计划 and Y银龄人才计划 names neither).  The form
    mentioned most often stays canonical (the longer on a tie), the other becomes its alias.
    """
    cfg = _resolution()["any"]
    for label in cfg["contained_labels"]:
        owners = _contained_owners([e for e in dg.entities if e.label == label], cfg)
        if owners:
            merge_into(dg, owners, "a name and a part of it (at least half of it, joining no list)")


def _merge_modified(dg: DocumentGraph) -> None:
    """Within one document, merge an entity named by a modifier closed by 的 before the name of another entity of
    its label (``[any] modified_labels``): 体现安徽特色的现代化产业体系 / 现代化产业体系, 以县城为重要载体的新型城镇化 /
    新型城镇化, 全市统一的养老服务人才信息库 / 养老服务人才信息库.

    Documents introduce a goal or a program once with the attributive phrase that says what kind it is and name
    it without the phrase after that.  Over the gold forms of the 107 adjudicated documents, of the pairs of
    forms X的Y and Y of one label, 182 Goal pairs are one entity and 1 two (农牧业的高质量发展 / 高质量发展), 279
    Program pairs one and 3 two (轨道上的大湾区 / 大湾区); Bodies are left out (74 one, 8 two: 承担行政职能的事业单位
    is a kind of 事业单位, not all of them).  The name after the last 的 must be a form of exactly one other entity
    and at least two characters long.
    """
    for label in _resolution()["any"]["modified_labels"]:
        same = [e for e in dg.entities if e.label == label]
        by_form: dict[str, set[int]] = {}
        for k, e in enumerate(same):
            for f in e.forms():
                by_form.setdefault(match_key(f), set()).add(k)
        groups = _Groups(same)
        for k, e in enumerate(same):
            heads = set()
            for f in e.forms():
                at = f.rfind("的")
                if at > 0 and len(f) - at - 1 >= 2:
                    heads |= by_form.get(match_key(f[at + 1:]), set()) - {k}
            if len(heads) == 1:
                groups.join(e, same[heads.pop()])
        owners = groups.owners()
        if owners:
            merge_into(dg, owners, "a name and the same name after a modifier closed by 的")


def _contained_owners(same: list[Entity], cfg: dict) -> dict[int, Entity]:
    """``id(entity) -> owner`` for the entities of ``same`` (one label) :func:`_merge_contained` merges."""
    same = sorted(same, key=lambda e: -len(match_key(e.name)))
    keys = [match_key(e.name) for e in same]
    groups = _Groups(same)
    for i, e in enumerate(same):
        short = keys[i]
        if len(short) < cfg["contained_min_chars"]:
            continue
        hosts: dict[int, Entity] = {}
        for j in range(i):
            long_, at = keys[j], keys[j].find(short)
            if (at < 0 or len(long_) == len(short) or len(short) < cfg["contained_min_ratio"] * len(long_)
                    or _LIST_JOINERS.search(long_[:at] + long_[at + len(short):])):
                continue
            host = groups.root(same[j])
            hosts[id(host)] = host
        if len(hosts) == 1:
            groups.join(e, next(iter(hosts.values())))
    return groups.owners()


def _merge_level_organs(dg: DocumentGraph) -> None:
    """Within one document, merge the names of the one 人大 or 政协 (``[body] level_organs``) of a level the
    document names: 省人大, 江西省第十四届人民代表大会, a bare 人大 and 人大及其常委会 are one body, named
    by the shortest leveled form (省人大); nothing when the document names the organ at two levels
    (全国人大 and 省人大: the bare name could be either)."""
    leveled: dict[str, dict[str, list[Entity]]] = {}
    for e in dg.entities:
        found = _level_organ(e.name) if e.label == "Body" else None
        if found is not None:
            leveled.setdefault(found[0], {}).setdefault(found[1], []).append(e)
    owners: dict[int, Entity] = {}
    for organ, levels in leveled.items():
        if len(levels) != 1:
            continue
        group = next(iter(levels.values()))
        owner = min(group, key=lambda e: len(e.name))
        owners.update({id(e): owner for e in group if e is not owner})
        for e in dg.entities:  # the bare organ, also as 人大及其常委会
            if e.label == "Body" and e is not owner and (e.name == organ or organ in _short_forms("Body", e.name)):
                owners[id(e)] = owner
    if owners:
        merge_into(dg, owners, "the one 人大 or 政协 of the level the document names")


def merge_into(dg: DocumentGraph, owners: dict[int, Entity], why: str) -> None:
    """Fold every entity ``e`` with ``owners[id(e)] is not e`` into its owner: forms, mentions, relations.

    Args:
        dg: the document graph, changed in place.
        owners: ``id(entity) -> owner`` (an entity absent or its own owner stays).
        why: the reason, recorded on the owner for each form it takes over (:attr:`Entity.merged`).
    """
    renamed: dict[tuple[str, str], str] = {}
    kept: list[Entity] = []
    for e in dg.entities:
        owner = owners.get(id(e), e)
        if owner is e:
            kept.append(e)
            continue
        for form in e.forms():
            if form != owner.name and form not in owner.aliases:
                owner.aliases.append(form)
            if form != owner.name:
                owner.merged.setdefault(form, why)
        owner.mentions = sorted(owner.mentions + e.mentions, key=lambda m: m.start)
        owner.curated_by += [c for c in e.curated_by if c not in owner.curated_by]
        renamed[(e.label, e.name)] = owner.name
    if not renamed:
        return
    dg.entities = kept
    rels: dict[tuple[str, str, str], Relation] = {}
    for r in dg.relations:
        r.source = renamed.get((r.source_label, r.source), r.source)
        r.target = renamed.get((r.target_label, r.target), r.target)
        if r.source == r.target:
            continue
        prev = rels.setdefault((r.type, r.source, r.target), r)
        if prev is not r:
            prev.evidence += [m for m in r.evidence if m not in prev.evidence]
    dg.relations = list(rels.values())
