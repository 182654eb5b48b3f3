"""Bodies of a document's own place: 省政府 in 四川's work report is 四川省政府, not every province's government.

A document names the organs of its own jurisdiction by their level alone (省政府, 省委组织部, 市发展改革委,
自治区党委): the place is understood.  Resolved by that name, the 省政府 of 31 provincial reports was one node
(Body:省人民政府 held 四川省人民政府, 江西省人民政府 … as aliases; a search for 北京市人民政府 landed there), and
every fact a province stated about its own government joined the others'.  So before a document's Bodies are
looked up among other documents' names, a Body named with the level word its place ends with is named with the
place (:func:`qualify_bodies`): 四川's 省政府 becomes 四川省政府 and meets 四川's other reports, never 江西's.

The place is the document's own (:attr:`policykg.graph.records.SourceDocument.place`, the first one its opening
names).  A document with no place, a masked one (**市, xx县), or a national one (level 国: its 省政府 are the
provinces' in general) names no place's bodies: its Bodies resolve as written.  Mentions keep the text as written;
the node's name and aliases are the place's forms, so the resolver registers no bare 省政府 another document could
join.

Programs and Goals have places in their names too: 厦门四个经济特区 is one place's instance of the kind 经济特区.  The
resolver reads a name written after a place (:func:`place_instance`, :func:`names_place`) so that neither joins the
other's node across documents (:class:`policykg.graph.entity_index.EntityIndex`).  Word lists in
``graph/data/resolution.toml [body]``.
"""

from __future__ import annotations

import re

from .geography import place_names
from .merging import rename_relations, resolution, resolution_words
from .records import DocumentGraph, SourceDocument

__all__ = ["names_place", "place_before", "place_form", "place_instance", "qualify_bodies", "qualify_lists"]


def _home(doc: SourceDocument) -> tuple[str, str] | None:
    """``(place, level word)`` of the place whose bodies ``doc`` names by their level alone, or ``None``.
    The level word is the one the place's name closes with (``[body] place_words``: 四川省 -> 省, 广西壮族自治区 ->
    自治区, 北京市 -> 市).  ``None`` for a document with no place, a masked one (a character that is no ideograph:
    **市, xx县), or one that speaks for the whole country (level 国).  A document whose level is unknown but whose place
    is named (广州's 关于推进党建创新工程的实施意见, which writes no 全市) has that place.
    """
    place, level = doc.place, doc.level
    if not place or level == "国" or not all("\u4e00" <= c <= "\u9fff" for c in place):
        return None
    word = next((w for w in resolution_words("Body", "place_words") if place.endswith(w)), None)
    return (place, word) if word and len(place) > len(word) else None


def place_form(form: str, place: str, word: str) -> str | None:
    """``form`` named with ``place`` when it names an organ of that place, else ``None``.

    Args:
        form: a Body's name or alias as the document writes it (省政府, 中共四川省委, 人民政协).
        place: the document's place (四川省); word: the level word it closes with (省).

    Returns:
        ``place`` + the rest for a form opening with ``word`` (省政府 -> 四川省政府) but not with a word that level
        word begins (``[body] not_levels``: 市场监管局 names no 市) nor what lies inside or outside the place
        (``place_not_organs``: 省内企业, 省外高校); the form itself when it holds the place already
        (四川省人民政府, 中共四川省委); an organ whose short name puts a word before the level word named in full
        (``[body] place_inner_prefixes``: 团省委 -> 共青团四川省委); a congress or CPPCC named bare (``[body]
        bare_place_organs``: 人大常委会 -> 四川省人大常委会); ``None`` for a form naming no place's organ (人民政协,
        国务院).
    """
    if place in form:
        return form
    for written, full in resolution()["body"]["place_inner_prefixes"]:  # 团省委 -> 共青团四川省委
        if form.startswith(written + word) and len(form) > len(written + word):
            return full + place + form[len(written + word):]
    if form.startswith(word) and len(form) > len(word) and not form.startswith(resolution_words("Body", "not_levels")):
        return None if _inside_or_outside(form) else place + form[len(word):]
    if form in resolution_words("Body", "bare_place_organs"):  # 人大及其常委会 of 云南's report: 云南省人大常委会
        return place + form
    return None


#: A count between a place and a name (厦门四个经济特区, 两个示范区, 南疆11家重大产业项目): how many of the kind the place has.
_COUNT = re.compile(r"[0-9一二两三四五六七八九十]+[个家项]?$")


def place_instance(name: str, alias: str) -> bool:
    """Whether ``name`` is ``alias`` as one place has it: ``alias`` written after a place and perhaps a count
    (厦门四个经济特区 / 经济特区, 中马两国双园 / 两国双园, 宁夏科创中心 / 科创中心, 京津冀国家技术创新中心雄安中心 /
    国家技术创新中心).  The place is a word :func:`names_place` reads as one: a name of the place tables (合肥, 昆山,
    京津冀, 珠三角) or a word jieba's dictionary tags as one (``ns``), not the country or a kind of place (``[body]
    not_one_place``: 中国, 全国, 城镇).
    Such an alias is how the one document that named the place's own program went on to call it; another document
    writing the alias names the kind (经济特区 in general), not that place's.  A level word alone is no place here
    (省揭榜挂帅, 省中试平台: each province names the kind so in its own report, and a researcher following the kind
    across provinces wants them on one node).  Match keys or names, both in one form."""
    at = name.find(alias)
    return at > 0 and bool(place_before(name[:at]))


def place_before(prefix: str) -> str:
    """The place ``prefix`` names, a count after it read past (厦门四个 -> 厦门, :func:`names_place`), or ``""`` when it
    names none: what a name writes before the kind it is one place's instance of (:func:`place_instance`,
    :func:`policykg.graph.instances.instance_modifier`)."""
    word = _COUNT.sub("", prefix)
    return word if names_place(word) else ""


def names_place(word: str) -> bool:
    """Whether ``word`` names one place (:func:`place_instance`): a name of the place tables
    (:func:`.geography.place_names`: a province, a prefecture-level or county-level division by its full or short name,
    合肥, 合肥市, 昆山; a grouping of regions.toml, 京津冀, 珠三角, 苏南), or a word jieba's dictionary tags as a place
    (``ns``: 海南, 厦门); not the country or a kind of place (``[body] not_one_place``: 全国, 城镇).  Not a level word
    alone (省)."""
    from policykg.loaders.lexicon import word_tag

    if not word or word in resolution_words("Body", "not_one_place"):
        return False
    return word in place_names() or word_tag(word) == "ns"


def _inside_or_outside(form: str) -> bool:
    """Whether ``form`` opens with a word of ``[body] place_not_organs`` (省外高校, 省内企业) whose 内 or 外 begins no
    word of jieba's dictionary with the character after it (外汇 of the organ 省外汇管理局 does)."""
    from policykg.loaders.lexicon import word_tag

    for w in resolution_words("Body", "place_not_organs"):  # longest first: 省内外 before 省内
        if form.startswith(w):
            return word_tag(form[len(w) - 1:len(w) + 1]) == "x"
    return False


def qualify_bodies(dg: DocumentGraph) -> None:
    """Name every Body of ``dg`` that is an organ of the document's own place with that place (in place).

    A Body whose name :func:`place_form` qualifies is renamed: its name is the place's form of its name, its aliases
    the place's forms of the others; forms naming no place (人民政协 of 省政协) are dropped from the node's names (the
    mentions keep every surface as written).  A Body whose name names no place's organ stays as it is, whatever its
    aliases (企业 with the alias 省内企业: a walkthrough, session 46, found 30 mentions of 企业 on 安徽省内企业).  Relations
    follow the new names.  Two Bodies that become one name (省政府 and 四川省政府, if the document's own merges
    left them apart) become one when resolution gives them one node.  Nothing changes for a document
    :func:`_home` finds no place for.
    """
    found = _home(dg.document)
    if found is None:
        return
    place, word = found
    renamed: dict[str, str] = {}
    for e in dg.entities:
        qualified = [place_form(f, place, word) for f in e.forms()] if e.label == "Body" else [None]
        if qualified[0] is None:  # not a Body, or its name names no organ of the place (企业 of 省内企业)
            continue
        forms = list(dict.fromkeys(f for f in qualified if f))
        if forms[0] != e.name:
            renamed[e.name] = forms[0]
        e.name, e.aliases = forms[0], forms[1:]
    for r in dg.relations:
        if r.source_label == "Body":
            r.source = renamed.get(r.source, r.source)
        if r.target_label == "Body":
            r.target = renamed.get(r.target, r.target)


#: A count of matters (件) opening a name, after a level word (``[body] place_words``) or a year, perhaps (省十件民生实事,
#: 2025年10件民生实事, 年度10件惠民实事)
_MATTERS = r"^(?P<level>{levels})?(?:\d{{4}}年)?(?:年度)?(?:[0-9]+|[一二两三四五六七八九十百]+)件"


def list_form(form: str, place: str, word: str) -> str | None:
    """``form`` named with ``place`` when it names that place's annual list of matters (``[program] place_list_heads``:
    省十件民生实事 -> 四川省十件民生实事, 20件民生实事 -> 吉林省20件民生实事), else ``None`` (民生实事, uncounted, is the
    kind; 一件事 no list; 市十件民生实事 in a province's report another level's).

    Args:
        form: a Program's name or alias as the document writes it; place: the document's place (广东省); word: the
            level word it closes with (省).
    """
    m = re.match(_MATTERS.format(levels="|".join(resolution_words("Body", "place_words"))), form)
    if m is None or not form.endswith(resolution_words("Program", "place_list_heads")) or place in form:
        return None
    level = m.group("level") or ""
    if level and level != word:
        return None
    return place + form[len(level):]


def qualify_lists(dg: DocumentGraph) -> None:
    """Name every Program of ``dg`` that is its place's annual list of matters with that place (in place: ``list_form``),
    its other forms too where they are the list (十件民生实事 beside 省十件民生实事); relations follow.  A form naming no
    list, the kind the document merged into it (民生实事 of 贵州's 十件民生实事), is dropped from the entity's names, as
    :func:`qualify_bodies` drops 人民政协 of 省政协 (the mentions keep every surface as written): by it the list had joined
    the node of the kind.  Nothing changes for a document :func:`_home` finds no place for (a national report, a
    masked place)."""
    found = _home(dg.document)
    if found is None:
        return
    place, word = found
    for e in dg.entities:
        if e.label != "Program" or (named := list_form(e.name, place, word)) is None:
            continue
        forms = list(dict.fromkeys(q for q in (list_form(f, place, word) for f in e.forms()) if q))
        rename_relations(dg, "Program", e.name, "Program", named)
        e.name, e.aliases = named, [f for f in forms if f != named]
