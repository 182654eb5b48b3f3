"""The names of the nodes resolution has placed, by label, and the rules that find a node for a new entity's names
(exact, the short-form, goal-form and program-form rules, fuzzy: :mod:`policykg.graph.resolve` describes them and
measures the fuzzy threshold)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .document_merges import abbreviate
from .fuzzy_guards import compatible
from .merging import resolution_words
from .places import place_instance
from .resolution_keys import core_of, generic_part, goal_key, match_key, narrows, plain_key, program_plain_key, shorter_forms
from .sectors import sector_instance

__all__ = ["FUZZY_THRESHOLD", "EntityIndex"]

FUZZY_THRESHOLD = 94.0
#: Labels whose names take the standard short forms of ``[body] abbreviations`` (rule 2).
_SHORT_FORM_LABELS = ("Body", "Program")
#: The rank of a key that is a part of two nodes' names and no other node's name (:meth:`EntityIndex._put`)
_AMBIGUOUS = (2, -1, "", False)


@dataclass
class EntityIndex:
    """Names and aliases of the nodes already in a store, by label.

    Built from :meth:`policykg.graph.store.GraphStore.entity_names` and kept up
    to date by :func:`~policykg.graph.resolve.resolve_document` as entities are resolved.

    Attributes:
        by_key: ``(label, match_key) -> node id``.
        by_goal_key: ``(label, goal_key) -> node id`` for Goals (rule 2).
        by_program_key: ``(label, shorter form) -> node id`` for Programs (rule 2), and
        by_plain_key: ``(label, plain_key) -> node id`` for Programs, the names those shorter forms are looked up in.
        by_short: ``(label, _short_key) -> node id`` for Bodies and Programs (rule 2, ``rule:short-form``).
        names: ``node id -> match key of its canonical name`` (the first name registered for it).
        by_tail: ``(label, last two characters of the match key) -> match keys``: the
            choices of the fuzzy rule, which only accepts names ending alike
            (:func:`.fuzzy_guards.compatible`), so a lookup compares a handful of names, not all.
    """

    by_key: dict[tuple[str, str], str] = field(default_factory=dict)
    by_goal_key: dict[tuple[str, str], str] = field(default_factory=dict)
    by_program_key: dict[tuple[str, str], str] = field(default_factory=dict)
    by_plain_key: dict[tuple[str, str], str] = field(default_factory=dict)
    by_tail: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    by_short: dict[tuple[str, str], str] = field(default_factory=dict)
    #: ``(label, match key, or it without one conjunction) -> node id`` (``rule:conjunction``: :func:`_unjoined`)
    by_conj: dict[tuple[str, str], str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    #: ``node id -> match keys of the names a curation decision gave it as its own`` (a renamed node's old name:
    #: :class:`.resolve.Forced`), which a document's alias joins it by as by its name (:meth:`_shared_head`)
    owns: dict[str, set[str]] = field(default_factory=dict)
    #: ``(id of one of the tables above, key) -> (0 for a canonical name, 1 for an alias, 2 for a part its name narrows,
    #: distance in length, node id, held)`` of the node holding it, or :data:`_AMBIGUOUS`
    _ranks: dict[tuple[int, tuple[str, str]], tuple[int, int, str, bool]] = field(default_factory=dict, repr=False)
    #: ``(label, key) -> the nodes whose names it is a part of`` (:func:`.resolution_keys.narrows`, :meth:`_put`)
    _parts: dict[tuple[str, str], set[str]] = field(default_factory=dict, repr=False)

    def add(self, node: str, label: str, forms: list[str], shorter: bool = True, own: Collection[str] = (),
            held: bool = False) -> None:
        """Register ``forms`` (a name first, then aliases) as names of node ``node``.

        The node's canonical name is the name in its id (``names``; the name its node was made with, the store's
        ``name``); the forms of ``own`` (the names a curation rename or merge gave the node: :class:`.resolve.Forced`) are
        registered as that name is, whatever the rules below say of an alias: a node renamed to its alias
        国家级开发区 goes on holding its old name 开发区, which the place rule would leave out, so the 开发区改革 of
        another document joins it as it joined the node before the rename.  Aliases shorter than four characters (a
        bare quoted core such as “五星”) are not registered: they are too ambiguous to merge documents on, but for a
        Program's core that its canonical name extends by closing type words only (两新 of 两新政策: :func:`core_of`).
        With ``shorter`` false (a node a curation decision fixed that no rule may join: a detached alias is its own
        entity, a retyped node takes no name of its new label it did not have), a Program's forms without their type
        words, or without the round or verb they open with (新一轮机构改革 -> 机构改革: :func:`program_plain_key`), are
        not registered, so no name joins it by those rules; its names themselves are, so a typed form of them still
        does.  (Detached from Program:机构改革, 广西's 新一轮机构改革 had taken 江西's 机构改革 by its round-less form, and
        the node it was detached from was gone: a walkthrough, session 61.)

        A Body's alias without the level word its canonical name opens with (人民政协 of 省政协) is not registered
        (:func:`_level_of`), nor a Program's or Goal's alias that is another of its forms without the place it opens
        with (经济特区 of 厦门四个经济特区, 科创中心 of 宁夏科创中心: :func:`policykg.graph.places.place_instance`) or with
        one (海南自贸试验区 of a node 自贸试验区试点 that a national report's 自贸试验区 made: a walkthrough, session 54),
        nor a Program's alias that is its name with or without a sector or population before it (城镇社会保障体系 of
        社会保障体系, 基本医疗保险 of 城镇职工基本医疗保险制度: :func:`policykg.graph.sectors.sector_instance`; session 66).

        An alias lying inside the node's name with words the keys of resolution do not take off (企业改革 of 国有企业改革,
        基本养老保险 of 基本养老保险全国统筹制度: :func:`~policykg.graph.resolution_keys.narrows`) is a part the name
        narrows: the name of a kind or a whole the node is one of, which a document merged into it by its own context
        (:mod:`.part_merges`).  It is registered after every other alias of any node, and a key that is such a part of
        two nodes' names is no node's, by any rule, until a node holds it otherwise (:meth:`_put`): over the 96 national
        and provincial reports, 企业改革 was an alias of 国有企业改革 and of 金融企业改革, 最低生活保障制度 of 城市居民 and of
        城乡居民最低生活保障制度, and the reports writing the part alone joined whichever node id sorted first (session
        64).  A generic such part (:func:`~policykg.graph.resolution_keys.generic_part`: 文化品牌 of 地名天府文化品牌, the
        kind) is no key of the node at all, even held by it alone: 浙江's 文化品牌 had joined 四川's node (session 65).
        The alias stays the node's in the store, with the merge that gave it.

        A key two nodes claim goes to the node whose canonical name it is, else to the node whose canonical name is
        nearest it in length (政府机构改革, an alias of 机构改革 and of 各级地方政府机构改革, is 机构改革's: by node id
        alone, the reports loaded after the second node went to it and those before to the first, a walkthrough,
        session 54), else to the smaller node id, whatever the order of registration: so an index rebuilt from a
        store's names and aliases (:meth:`policykg.graph.store.GraphStore.entity_names`) answers as the one that was
        kept up to date while those documents were resolved (a load in two runs makes the nodes of one).

        With ``held``, the names are those of an entity a curation decision took off ``node`` (a retype's old id, the
        node an alias was detached from: :class:`.resolve.Forced`): they stay found there, so a later entity the rules put on
        that node is the node the decision was made on and follows the decision; :meth:`held_name` tells them from
        the node's own names.  A name of ``own`` none of ``forms`` is is registered so too.
        """
        name = self.names.setdefault(node, match_key(node.split(":", 1)[1]))  # the node's name, as the store has it
        keys = {name, *map(match_key, forms)}
        owned = {name, *map(match_key, own)}
        if own:
            self.owns.setdefault(node, set()).update(owned)
        level = _level_of(name) if label == "Body" else ""
        # an own name the node's documents do not write (the node renamed 新一轮机构改革 that 广西's 新一轮机构改革 made
        # Program:机构改革) is found as it was before the rename, but as a name only the decision gives (held)
        for form, by_decision in [*((f, held) for f in forms), *((o, True) for o in own if match_key(o) not in keys)]:
            k = match_key(form)
            rank = (0, 0, node, by_decision) if k in owned else (1, abs(len(name) - len(k)), node, by_decision)
            if rank[0] and narrows(k, name, label):  # 企业改革 of 国有企业改革, the alias of 金融企业改革 too
                if generic_part(k, name, label):
                    continue  # 文化品牌 of 地名天府文化品牌: the kind, no key of this node
                rank = (2, *rank[1:])
            if rank[0] and level and not k.startswith(level):
                continue  # 人民政协, an alias 省政协 took in one province's report, is no name of it for another document
            if rank[0] and label != "Body" and any(place_instance(f, k) or place_instance(k, f) for f in keys if f != k):
                continue  # 经济特区 of 厦门四个经济特区 is the kind, 海南自贸试验区 of 自贸试验区 one place's
            if rank[0] and label == "Program" and sector_instance(name, k):
                if narrows(k, name, label):  # still a part of this name: with another node's, no node's (:meth:`_put`)
                    self._block((label, k), node)
                continue  # 城镇社会保障体系 of 社会保障体系, 基本医疗保险 of 城镇职工基本医疗保险制度: one sector's, the whole
            if rank[0] and len(k) < 4:
                if label == "Program" and shorter and core_of(k, name):
                    self._put(self.by_key, (label, k), rank)  # 两新 of 两新政策: the core the document names it by
                    self._put(self.by_plain_key, (label, program_plain_key(form)), rank)  # 保交房 for 保交房项目
                continue
            if (label, k) not in self.by_key:
                self.by_tail.setdefault((label, k[-2:]), []).append(k)
            self._put(self.by_key, (label, k), rank)
            if label in _SHORT_FORM_LABELS:
                self._put(self.by_short, (label, _short_key(form)), rank)
            for unjoined in (k, *_unjoined(k)):
                self._put(self.by_conj, (label, unjoined), rank)
            if label == "Goal":
                self._put(self.by_goal_key, (label, goal_key(form)), rank)
            elif label == "Program":
                plain = program_plain_key(form)
                if shorter or plain == plain_key(form):
                    self._put(self.by_plain_key, (label, plain), rank)
                for bare in shorter_forms(plain) if shorter else ():
                    self._put(self.by_program_key, (label, bare), rank)

    def _shared_head(self, alias: str, name: str, node: str, key: Callable[[str], str] = str) -> bool:
        """Whether an alias ``alias`` of an entity named ``name`` (match keys) may join it to ``node``: when it is
        the node's canonical name, or it opens both names (人工智能+行动计划 and 人工智能+行动 by 人工智能+: the same
        program named with other type words).  A part both names close with is the head of two things a modifier
        tells apart (二手住房以旧换新 and 消费品以旧换新 by 以旧换新; 海铁联运中欧班列 and 中欧班列集结中心 by 中欧班列): over the
        29 provincial 2025 reports, 24 entities joined a node by an alias of both, 5 of them by a part one name
        closes with, 4 of those wrongly.  ``key`` puts the node's name in the form ``alias`` and ``name`` are in
        (the standard short forms, for ``rule:short-form``).  A name a curation decision gave the node as its own
        (:attr:`owns`) is its name here too: renamed 新一轮机构改革, Program:机构改革 had lost 浙江's 政府机构改革, which
        joined it by the alias 机构改革 (session 61)."""
        own = key(self.names.get(node, ""))
        return (alias == own or (name.startswith(alias) and own.startswith(alias))
                or alias in {key(k) for k in self.owns.get(node, ())})

    def _held(self, table: dict[tuple[str, str], str], label: str, key: str) -> str | None:
        """The node holding ``key`` in ``table`` (``by_key`` or ``by_plain_key``), but for a Program key that node
        holds as an alias only and whose name is not ``key`` with closing type words: then the node whose canonical
        name is, if one is (``by_program_key``; the smaller node id on a tie).  扫黑除恶 was an alias of
        扫黑除恶常态化机制 (青海 writes the campaign and its mechanism as one) and the core of 扫黑除恶斗争; another
        document's 扫黑除恶 joined whichever node id sorted first (session 44)."""
        node = table.get((label, key))
        if (node is None or label != "Program" or self._ranks[(id(table), (label, key))][0] == 0
                or core_of(key, self.names.get(node, ""))):
            return node
        typed = self._ranks.get((id(self.by_program_key), (label, key)))
        return typed[2] if typed is not None and typed[0] == 0 else node

    def _held_first(self, label: str, keys: tuple[str, ...]) -> str | None:
        """The node holding the first of ``keys`` ``by_plain_key`` holds (:meth:`_held`), or ``None``."""
        return next((self._held(self.by_plain_key, label, k) for k in keys if (label, k) in self.by_plain_key), None)

    def _short_named(self, label: str, keys: tuple[str, ...]) -> str | None:
        """The node whose name, with the standard short forms applied (``rule:short-form``: :func:`_short_key`), is one
        of ``keys`` (Program keys without their round or verb: 国企改革 of 新一轮国企改革 -> Program:国有企业改革), or
        ``None``; only a node's canonical name, not an alias, so a part the name narrows stays out."""
        for k in keys:
            node = self.by_short.get((label, abbreviate(k)))
            if node is not None and self._ranks[(id(self.by_short), (label, abbreviate(k)))][0] == 0:
                return node
        return None

    def held_name(self, label: str, key: str) -> bool:
        """Whether the match key ``key`` of a ``label`` name leads to its node only by a curation decision: the name of
        an entity a decision took off it, or a name a rename gave it that its documents do not write (:meth:`add`
        with ``held``, ``own``); no name of that node in the store."""
        rank = self._ranks.get((id(self.by_key), (label, key)))
        return rank is not None and rank[3]

    def by_decision(self, label: str, forms: list[str], node: str) -> bool:
        """Whether ``forms`` lead to ``node`` by exact names only through names a curation decision gave it
        (:meth:`held_name`): a node the rules put the entity on because of the decision alone."""
        keys = [k for k in map(match_key, forms) if self.by_key.get((label, k)) == node]
        return bool(keys) and all(self.held_name(label, k) for k in keys)

    def _block(self, key: tuple[str, str], node: str) -> None:
        """Count ``key`` (``(label, match key)``) as a part of ``node``'s name that is no key of it (a sector's alias:
        :func:`policykg.graph.sectors.sector_instance`): a part another node's name holds too is then neither's, as a
        part of two names is (:meth:`_put`).  企业职工基本养老保险制度's 基本养老保险 left out, the 2016 report's 基本养老保险
        would have joined the one other node it is a part of, 基本养老保险全国统筹制度."""
        parted = self._parts.setdefault(key, set())
        parted.add(node)
        if len(parted) > 1:
            for other in (self.by_key, self.by_goal_key, self.by_program_key, self.by_plain_key, self.by_short,
                          self.by_conj):
                if self._ranks.get(at := (id(other), key), (0,))[0] == 2:
                    self._ranks[at] = _AMBIGUOUS
                    other.pop(key, None)

    def _put(self, table: dict[tuple[str, str], str], key: tuple[str, str], rank: tuple[int, int, str, bool]) -> None:
        """``table[key]`` = the node of ``rank`` (canonical name first, then an alias, then a part the name narrows; then
        the node whose name is nearest the key in length, then node id) unless a better one has it; no node when the
        best are parts of two nodes' names (:data:`_AMBIGUOUS`, in every table holding the key as a part).

        Args:
            table: one of the index's tables (``by_key`` …).
            key: ``(label, key)``.
            rank: ``(kind, distance in length, node id, held)`` as :meth:`add` makes it, kind 0, 1 or 2.
        """
        slot = (id(table), key)
        held = self._ranks.get(slot)
        if rank[0] == 2 and len(parted := self._parts.setdefault(key, set())) + (rank[2] not in parted) > 1:
            parted.add(rank[2])  # a part of two nodes' names (企业改革) is a name of neither, by any rule
            for other in (self.by_key, self.by_goal_key, self.by_program_key, self.by_plain_key, self.by_short,
                          self.by_conj):
                if self._ranks.get(at := (id(other), key), (0,))[0] == 2 or (other is table and held is None):
                    self._ranks[at] = _AMBIGUOUS
                    other.pop(key, None)
            return
        if rank[0] == 2:
            self._parts[key].add(rank[2])
        if held is None or rank < held:
            self._ranks[slot] = rank
            table[key] = rank[2]

    def lookup(self, label: str, forms: list[str]) -> tuple[str, str] | None:
        """Return ``(node id, reason)`` for the node these forms denote, or ``None``.

        ``reason`` is ``exact``, ``rule:short-form``, ``rule:goal-form``, ``rule:program-form``, ``rule:program-core``,
        ``rule:conjunction`` or ``fuzzy:<score>`` (:mod:`.resolve`).  A Program's or Goal's alias that is its name without
        the place it opens with is not looked up: the 2019 report's 海南自贸试验区, called 自贸试验区 after, had joined the
        node of the national 自贸试验区试点 by that alias (a walkthrough, session 54:
        :func:`policykg.graph.places.place_instance`); nor a Program's alias that is its name with or without a sector
        or population before it (the 1997 report's 职工医疗保障制度改革 had joined Program:医疗保障制度 by its
        医疗保障制度改革: :func:`policykg.graph.sectors.sector_instance`).  An alias that is a part the entity's name narrows
        (:func:`~policykg.graph.resolution_keys.narrows`) is looked up only when the other forms find no node: 山西's
        企业职工基本养老保险, written 基本养老保险 after, had joined the node named 基本养老保险 rather than
        企业职工基本养老保险制度 (session 64); a generic one (:func:`~policykg.graph.resolution_keys.generic_part`) not at all,
        so a node of the kind is no node of the entity whichever document came first (乡镇机构改革 is no 机构改革).

        Args:
            label: the entity label.
            forms: the entity's names, name first.
        """
        if label != "Body":
            forms = [forms[0], *(f for f in forms[1:] if not place_instance(match_key(forms[0]), match_key(f))
                                 and not (label == "Program" and sector_instance(match_key(forms[0]), match_key(f))))]
            name = match_key(forms[0])
            whole = [forms[0], *(f for f in forms[1:] if not narrows(match_key(f), name, label))]
            if len(whole) < len(forms):  # the name and its other forms first, then a part of it not generic
                parts = [f for f in forms if f in whole or not generic_part(match_key(f), name, label)]
                return self._lookup(label, whole) or (self._lookup(label, parts) if len(parts) > len(whole) else None)
        return self._lookup(label, forms)

    def _lookup(self, label: str, forms: list[str]) -> tuple[str, str] | None:
        """:meth:`lookup` of ``forms`` (name first) by the rules in order: ``(node id, reason)`` or ``None``."""
        keys = [k for i, k in enumerate(match_key(f) for f in forms) if i == 0 or len(k) >= 4]
        for i, k in enumerate(keys):
            node = self._held(self.by_key, label, k)
            if node is not None and (i == 0 or self._shared_head(k, keys[0], node)):
                return node, "exact"
        if label in _SHORT_FORM_LABELS:
            for i, f in enumerate(forms):
                short = _short_key(f)
                node = self.by_short.get((label, short))
                if node is not None and (i == 0 or (len(match_key(f)) >= 4 and self._shared_head(
                        short, _short_key(forms[0]), node, _short_key))):
                    return node, "rule:short-form"
        if label == "Goal":
            for i, f in enumerate(forms):
                node = self.by_goal_key.get((label, goal_key(f)))
                if node is not None and (i == 0 or len(match_key(f)) >= 4):
                    return node, "rule:goal-form"
        if label == "Program":
            name_key = match_key(forms[0])
            for f in forms[1:]:  # a short core the document writes beside its typed name: 两新 of 两新政策
                k = match_key(f)
                if len(k) < 4 and (label, k) in self.by_key and core_of(k, name_key):
                    return self.by_key[(label, k)], "rule:program-core"
            for i, f in enumerate(forms):  # one name is the other with closing type words: 城市更新 / 城市更新行动
                plain = program_plain_key(f)
                if i and len(plain) < 4:
                    continue
                # the name itself, or a form with its round taken off (新一轮X / X, either written first)
                named = (plain,) if i == 0 or plain != plain_key(f) else ()
                # a node holding the name itself before one whose name is it with type words (新一轮国企改革 of 云南 had
                # joined 国企改革三年行动 beside a node 国企改革: a walkthrough, session 53), also by the standard short
                # forms (国企改革 is 国有企业改革's: session 66, where no node 国企改革 was), then the shorter forms
                node = (self._held_first(label, named) or self._short_named(label, named)
                        or self.by_program_key.get((label, plain)) or self._held_first(label, shorter_forms(plain)))
                if node is not None:
                    return node, "rule:program-form"
        for unjoined in (keys[0], *_unjoined(keys[0])):  # 考试招生制度 / 考试和招生制度
            node = self.by_conj.get((label, unjoined))
            if node is not None:
                return node, "rule:conjunction"
        k = keys[0]
        choices = self.by_tail.get((label, k[-2:]))
        if not choices:
            return None
        hit = process.extractOne(k, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if hit is None or not compatible(k, hit[0]):
            return None
        node = self.by_key.get((label, hit[0]))  # none for a part of two names (:meth:`_put`)
        return (node, f"fuzzy:{hit[1]:.0f}") if node is not None else None


@lru_cache(maxsize=65536)
def _unjoined(key: str) -> tuple[str, ...]:
    """``key`` (a match key) without one of the conjunctions of ``graph/data/resolution.toml [any] conjunctions`` that
    jieba cuts as a word of its own between two words, one key for each, while four characters remain (考试和招生制度 ->
    考试招生制度, 世界和平和稳定 -> 世界和平稳定; not the 和 of 和平 or 碳中和): a name and the name written with a
    conjunction its coordinated words go without (``rule:conjunction``; match keys already drop the enumeration comma
    and read 与 as 和).  Memoised: a pure function of the key (the word lists and jieba's dictionary are read once per
    process), which is segmented when a node registers it and at every lookup of it; 65,536 short keys bound it."""
    words = resolution_words("Any", "conjunctions")
    if not any(w in key for w in words):
        return ()
    from policykg.loaders.lexicon import tokenize

    return tuple(key[:start] + key[end:] for word, start, end in tokenize(key)
                 if word in words and 0 < start and end < len(key) and len(key) - len(word) >= 4)


def _short_key(name: str) -> str:
    """The key of ``rule:short-form``: :func:`.document_merges.abbreviation_key` of the match key resolution compares
    (levels without their 级: 省级人民政府 -> 省政府 as 省人民政府 -> 省政府), so the rule reads names as ``exact`` does."""
    return abbreviate(match_key(name))


def _level_of(key: str) -> str:
    """The level word (``graph/data/resolution.toml [body] level_words``: 省, 市, 全国 …) a Body's name opens with, or
    ``""``.  A document names its own level's organs bare or in full (人民政协, 政协 / 省政协, within the document one
    body); an alias without the level is the organ of that document's level only, so it joins no other document's
    entity to the node (a walkthrough, session 44: the national reports' 人民政协 of 1987-2025 joined 省政协)."""
    if key.startswith(resolution_words("Body", "not_levels")):
        return ""  # 市场监管部门 names no 市
    return next((w for w in resolution_words("Body", "level_words") if key.startswith(w)), "")
