"""Entity resolution across documents.

Each entity of a new document joins an existing node of the same label, or
becomes a new node, by the first rule that fires (entities of one document
are resolved in turn, so variants inside one document merge too):

1. ``exact``   a form of the entity has the same :func:`match_key` as a form of
               the node (quotes, 《》, full-width forms, traditional characters,
               a trailing 建设/创建/工作 are ignored); a Program name another node holds as an alias only
               is the node it names with closing type words, if any (:meth:`EntityIndex._held`); an alias inside the
               node's name that the name narrows (企业改革 of 国有企业改革: :func:`.resolution_keys.narrows`) ranks after
               every other alias, and a part of two nodes' names is neither's, by this rule or the next;
2. ``rule:short-form`` a Body or Program form is the other with the standard short forms of organ and enterprise
               names applied (``[body] abbreviations``: 省人民政府 / 省政府, 国有企业改革深化提升行动 /
               国企改革深化提升行动: :func:`abbreviation_key`), the within-document merge of Bodies across documents;
   ``rule:goal-form``  two Goal forms share a :func:`goal_key` (乡村振兴战略,
               乡村振兴发展, 乡村全面振兴 -> 乡村振兴); ``rule:program-form`` one Program form is the other
               with closing type words (城市更新 / 城市更新行动, 高标准农田 / 高标准农田建设工程:
               :func:`shorter_forms`), the within-document merge of ``[program] type_tails`` across documents,
               or with the round or era of its writing before it (新一轮X / X: :func:`program_plain_key`);
               ``rule:program-core`` a Program's core of fewer than four characters that the document writes beside
               its name with closing type words (两新 of “两新”政策) is the name of the node (:func:`core_of`);
   ``rule:conjunction`` the entity's name is a form of the node with or without a 和 that jieba cuts as a word of
               its own (考试和招生制度 / 考试招生制度, ``[any] conjunctions``: :func:`.entity_index._unjoined`);
3. ``fuzzy:S`` rapidfuzz ``ratio`` of the keys is at least
               :data:`FUZZY_THRESHOLD`, and the guards hold: same numerals, same
               place prefix, same final type word.

Rule 3's threshold, measured on the names extracted from the seeds and the
67 gwr reports: of the pairs of one label that pass the guards, judged by
hand, 9 of 10 scoring 94 or more are one entity (punctuation and 的/和/性/地
variants, a dropped character: 县以下事业单位(管)理岗位… = 97), but only 6 of
11 scoring 92-94 (经济带高质量发展/经济高质量发展, 工业/工农业生产计划) and
about 29 of 40 scoring 90-92 (城乡/城镇基本养老保险制度 are two programs);
every pair of distinct gold entities scores below 90.  Hence 94.

Before that, names within one document that the document itself says are one
entity merge (:mod:`policykg.graph.document_merges`, word lists in ``graph/data/resolution.toml``): a qualified form
and the short form the document works with (重庆市民政局 / 市民政局, 各级党委 /
党委, X及其常委会 / X), a bare 人大 or 政协 and the one of the level the document
names, a name and the short name it defines (普通高等学校（以下简称高校）), an organ
named in full and by its standard short form (省市场监督管理局 / 省市场监管局), and a program
named in full and by a part of its name (湖湘文化精品创作工程 / 文化精品创作工程).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .document_merges import abbreviation_key, merge_within_document, short_name_definition
from .entity_index import FUZZY_THRESHOLD, EntityIndex
from .merging import merge_into, resolution_words
from .places import qualify_bodies, qualify_lists
from .records import DocumentGraph, Entity
from .resolution_keys import match_key, program_plain_key, shorter_forms
from .schema import node_id

__all__ = ["FUZZY_THRESHOLD", "EntityIndex", "Forced", "abbreviation_key", "match_key", "program_plain_key", "register",
           "resolve_document", "short_name_definition", "shorter_forms"]


class Forced(NamedTuple):
    """The node a curation decision fixes for an entity (:func:`policykg.graph.curation_apply.forced_node`).

    Attributes:
        node: the node id (``Program:红色物业``).
        reason: ``curated:<decision id>``: the entity's ``resolution`` when no rule alone puts it on that node (one that
            does keeps its own reason, :func:`resolve_document`).
        own: the names the decisions give the node as its own (a rename's old name, a merge's names): registered as
            its name is (:meth:`EntityIndex.add`).
        rules: whether the node takes other documents' names by the rules a node of its name takes them by
            (``rule:program-form``: a rename or merge changes what the node is called, not what joins it); false for
            a detached alias or a retyped node, which no shorter form joins.
        rejected: the entity leaves the document (a ``reject`` of the node a retype or rename put it on); ``node``
            is then ignored.
        held: the id of the node a retype or detach took the entity off (``Program:机构改革`` retyped a Goal, or
            the node an alias was detached from), under which its names stay registered (:meth:`EntityIndex.add`
            with ``held``), or ``""``; ``held_own`` the names renames and merges had given that node as its own.
        listed: whether ``node`` takes the entity's names in the index; false for a detached alias, which the
            entities that write it find through ``held`` (its name would have drawn 山东's 保交房 and 保交房攻坚战,
            one entity there, whole from Program:保交房攻坚战: session 61).  A rejected node that is listed keeps
            the names of the entities it took out (:func:`register`), so the entities the rules put on it later leave
            too, rather than joining the node that holds one of its names as an alias.
        former: the names the node went by before a rename (a rename's old name, of ``own``): a document joining it
            by one joins the node it joined before the rename (``exact``, not ``curated:<id>``), and the entity the
            rules put on the node of that name keeps their reason (``new`` for the document that made it).

    The node's registration (``own``, ``rules``, ``held``, ``held_own``, ``listed``, ``former``) is what the decisions
    made of the node, the same for every entity on it (:func:`policykg.graph.curation_index.node_fates`).
    """

    node: str
    reason: str
    own: tuple[str, ...] = ()
    rules: bool = False
    rejected: bool = False
    held: str = ""
    held_own: tuple[str, ...] = ()
    listed: bool = True
    former: tuple[str, ...] = ()


def register(index: EntityIndex, node: str, forms: list[str], forced: Forced | None = None) -> None:
    """Register the names ``forms`` of an entity on ``node`` (or of a stored node) in ``index``, as the curation
    decision that fixed the node says (``forced``; ``None``: as the rules do).

    The one registration of a curated node: :func:`resolve_document` makes it for each entity it resolves, and
    :func:`policykg.graph.curation_index.curated_index` for each stored node when a load resolves new documents
    against a curated store, so both index the same names the same way.

    Args:
        index: the index to update.
        node: the node id (``<label>:<name>``); its name is registered first, as the store lists it
            (``Store.entity_names``).
        forms: the entity's (or stored node's) names, name first.
        forced: what the decisions made of ``node`` (:class:`Forced`), or ``None``.
    """
    label, _, name = node.partition(":")
    names = list(dict.fromkeys([name, *forms, *(forced.former if forced is not None else ())]))
    if forced is None:
        index.add(node, label, names)
        return
    if forced.listed:
        index.add(node, label, names, shorter=forced.rules, own=forced.own, held=forced.rejected)
    if forced.held:  # the node the decision took it off still finds its names
        held_label, _, held_name = forced.held.partition(":")
        index.add(forced.held, held_label, list(dict.fromkeys([held_name, *forms])), own=forced.held_own, held=True)


def _node_name(e: Entity) -> str:
    """The name a new node takes from the entity that makes it: the entity's name, but for a Program without the
    era or round of its writing (``[program] unnamed_prefixes``, as :func:`program_plain_key` reads them): 安徽's
    新一轮农业转移人口市民化 makes Program:农业转移人口市民化, whose name later reports write (a walkthrough, session 44,
    found a node 新一轮农业转移人口市民化 spanning 2012–2025).  The document's own name stays among the node's forms."""
    if e.label == "Program":
        for prefix in resolution_words("Program", "unnamed_prefixes"):
            if e.name.startswith(prefix) and not program_plain_key(e.name).startswith(prefix):
                return e.name[len(prefix):]
    return e.name


def resolve_document(dg: DocumentGraph, index: EntityIndex,
                     force: Callable[[Entity, str], Forced | None] | None = None,
                     places: bool = True) -> DocumentGraph:
    """Assign a node id to every entity of ``dg`` (in place) and register it in ``index``.

    Args:
        dg: a document graph from the loaders; entities get ``node_id`` and ``resolution``.
        index: the names already in the store; updated with this document's entities.
        force: given an entity and the id of the node the rules above put it on (a new node's too), returns the
            :class:`Forced` node when a curation decision fixes it (:func:`policykg.graph.curation_apply.forced_node`),
            else ``None``; the rules decide the others.  It may change the entity (a retype's label) and append
            entities to ``dg.entities`` (the part a detach splits off), which are resolved in their turn.
        places: name the organs of the document's own place with the place (:mod:`.places`: 四川's 省政府 is
            四川省政府), as a store does; false for output that names every entity as the document writes it
            (``policykg extract``, the predictions ``make eval`` scores against the guide).

    Returns:
        ``dg`` itself; an entity's ``resolution`` is why the rules put it on its node (``new`` for a node it made),
        or for an entity a decision put on a node no rule alone puts it on, the decision's ``curated:<id>``: after a
        merge the node keeps the reasons the documents of both sides joined it by (``new`` for the document that made
        the node the merge keeps), with the merge's own.
    """
    merge_within_document(dg)  # first the names the document itself says are one entity
    if places:
        qualify_bodies(dg)  # then its own place's organs named with the place (省政府 of 四川 -> 四川省政府)
        qualify_lists(dg)  # and its place's annual list of matters (省十件民生实事 of 广东 -> 广东省十件民生实事)
    gone: list[Entity] = []
    for e in dg.entities:  # a list ``force`` may append to (a detach's part): resolved in turn
        hit = index.lookup(e.label, e.forms())
        ruled = hit[0] if hit is not None else node_id(e.label, _node_name(e))
        forced = force(e, ruled) if force is not None else None
        if forced is not None and forced.rejected:
            gone.append(e)
            register(index, forced.node, e.forms(), forced)  # its names still lead to the rejected node
            continue
        if forced is not None and _decided(forced, ruled, hit, index, e):
            hit = (forced.node, forced.reason)
        e.node_id = forced.node if forced is not None else hit[0] if hit is not None else node_id(e.label, _node_name(e))
        e.resolution = "new" if hit is None else hit[1]
        # the node's own name first, as an index built from the store lists it (Store.entity_names): a node named
        # 机构改革 after 新一轮机构改革 is found by a later 机构改革 in this load as in the next one
        register(index, e.node_id, e.forms(), forced)
    if gone:
        dg.entities = [e for e in dg.entities if all(e is not g for g in gone)]
    _merge_same_node(dg)
    return dg


def _decided(forced: Forced, ruled: str, hit: tuple[str, str] | None, index: EntityIndex, e: Entity) -> bool:
    """Whether the decision alone put ``e`` on ``forced.node``, so that its reason is the decision's: not when the rules
    put it on that node by a name of the node's (``ruled``, ``hit``), nor on the node it was before a rename (its
    ``former`` name).  Where the rules put it on the same node their reason stays: a merge had overwritten a
    document's exact or fuzzy:97 with its own, and the new of the document that made the node the merge keeps; a
    document joining a renamed node by its old name had read curated:d1 where the next one read exact."""
    label, _, name = ruled.partition(":")
    if forced.node != ruled:
        return not (label == forced.node.partition(":")[0] and match_key(name) in map(match_key, forced.former))
    return hit is not None and hit[1] == "exact" and index.by_decision(e.label, e.forms(), ruled)


def _merge_same_node(dg: DocumentGraph) -> None:
    """Merge entities of one document that resolved to the same node (e.g. 乡村振兴 and 乡村振兴战略)."""
    first: dict[str, Entity] = {}
    owners: dict[int, Entity] = {}
    for e in dg.entities:
        owners[id(e)] = first.setdefault(e.node_id, e)
    # with the reason each folded entity had (two entities of one document that a merge decision put on one node)
    merge_into(dg, owners, lambda e: "two names resolved to one node" + (f" ({e.resolution})" if e.resolution != "new" else ""))
