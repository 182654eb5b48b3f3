"""The keys entity resolution compares names by (:mod:`policykg.graph.resolve`): a name's match key, plain key and
goal key with counts in Chinese numerals written in digits, a Program's key without its round or era, and the shorter
forms a Program goes by without its closing type words (word lists in ``graph/data/resolution.toml``).

Every function takes a name or a key (a string) and returns a key or a tuple of keys; none raises on any string.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import names as _names
from .merging import resolution, resolution_words

#: A count written in Chinese numerals before the word it counts (三十年, 二十条, 三项; not an ordinal: 第二轮,
#: 二十大) is the same count written in digits across documents (30年, 20条, 3项).  The national reports write
#: 第二轮土地承包到期后再延长30年 and the 19th congress report 再延长三十年: two programs of 10 and 6 documents until
#: session 46 (a walkthrough).  Over the 96 national and provincial reports, 26 mentions move between nodes.
_COUNT = re.compile(r"[零〇一二两三四五六七八九十百千万]+(?=年|个|项|条|次|批|件|类|万|亿)")
#: What is left of a name of type words only once they are taken off: nothing, or a span of years (三年行动计划)
_TYPE_WORDS_ONLY = re.compile(r"^(?:[0-9一二两三四五六七八九十]+年)?$")
#: A level character after 县级 or 市级 makes a kind of place, not a level of the rest (县级市)
_LEVEL_CHAR = re.compile(r"[省市县区州乡镇村]")


def _counted(key: str) -> str:
    """``key`` with each count in Chinese numerals before a counted word in digits (三十年 -> 30年), via cn2an."""
    return _COUNT.sub(_digits, key)


def _digits(m: re.Match[str]) -> str:
    """The count ``m`` matched in digits, or as written when cn2an reads no number in it (十十)."""
    return _count_in_digits(m.group(0))


@lru_cache(maxsize=4096)
def _count_in_digits(count: str) -> str:
    """``count`` (Chinese numerals) in digits by cn2an's ``smart`` reading, or as written when it reads no number.
    Memoised: a pure function of the string (cn2an's tables are fixed), few distinct counts (三, 十, 两 …) recur over
    the names of a load, and cn2an validates and parses each call afresh (cn2an 0.5 s of the parent's resolution in a
    2-worker load of the gwr corpus); 4,096 entries of a few characters bound it."""
    import cn2an

    try:
        return str(cn2an.cn2an(count, "smart"))
    except ValueError:
        return count


def _graded(key: str) -> str:
    """``key`` with a level and 级 it opens with written as the level word alone (``graph/data/resolution.toml [any]
    level_grades``: 国家级物流枢纽 -> 国家物流枢纽, 县级医院 -> 县医院), unless a level character follows (县级市 stays)
    that opens no word of ``[body] not_levels`` (省级区域医疗中心 -> 省区域医疗中心)."""
    for graded, level in resolution()["any"]["level_grades"]:
        rest = key[len(graded):]
        placed = _LEVEL_CHAR.match(rest) and not rest.startswith(resolution_words("Body", "not_levels"))
        if key.startswith(graded) and len(rest) >= 2 and not placed:
            return level + rest
    return key


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """:func:`policykg.graph.names.match_key` with counts in digits (:data:`_COUNT`) and levels without their 级
    (:func:`_graded`): the key resolution compares."""
    return _graded(_counted(_names.match_key(name)))


@lru_cache(maxsize=65536)
def plain_key(name: str) -> str:
    """:func:`policykg.graph.names.plain_key` with counts in digits (:data:`_COUNT`) and levels without their 级."""
    return _graded(_counted(_names.plain_key(name)))


@lru_cache(maxsize=65536)
def goal_key(name: str) -> str:
    """:func:`policykg.graph.names.goal_key` with counts in digits (:data:`_COUNT`), without the verbs and adverbs of its
    clause before it and the words of its kind after it (``graph/data/resolution.toml [goal] distributive_prefixes``,
    ``type_tails``: 扩大对外开放 / 对外开放, 深入实施科教兴国战略 / 科教兴国战略, 进一步全面深化改革 / 全面深化改革 / 深化改革,
    保持社会稳定 / 社会稳定), each taken off while four characters remain: the forms the within-document merge makes
    one goal (measured there over the gold forms: every such pair one entity), across documents as well.  A
    walkthrough (session 53) found 60 such pairs of Goal nodes over the national and provincial reports.  Not an
    owner (``[goal] owner_prefixes``: 国家, 党的, 我国), which names whose goal it is across documents (国家的集中统一领导
    is no 党的集中统一领导), and not down to a key of two characters (安全发展理念 and 国家安全战略 would both be 安全)."""
    key = whole = _names.match_key(name)
    owners = resolution_words("Goal", "owner_prefixes")
    changed = True
    while changed:
        changed = False
        for prefix in resolution_words("Goal", "distributive_prefixes"):
            if key.startswith(prefix) and prefix not in owners and len(key) - len(prefix) >= 4:
                key, changed = key[len(prefix):], True
                break
        for tail in resolution_words("Goal", "type_tails"):
            if key.endswith(tail) and len(key) - len(tail) >= 4:
                key, changed = key[:-len(tail)], True
                break
    short = _names.goal_key(key)
    return _counted(short if len(short) >= 3 or key == whole else _names.goal_key(whole))


@lru_cache(maxsize=65536)
def program_plain_key(name: str) -> str:
    """The key of a Program's name for ``rule:program-form``: :func:`~policykg.graph.names.plain_key` with a closing
    专项斗争 / 专项行动 read as 斗争 / 行动 (``[program] special_tails``: 扫黑除恶专项斗争 -> 扫黑除恶斗争), and without a
    leading round or era of ``graph/data/resolution.toml [program] round_prefixes`` when four characters remain
    (新一轮农业转移人口市民化 -> 农业转移人口市民化, 第三轮中央生态环保督察 -> 中央生态环保督察; 新一轮改革 stays), then of
    a verb of carrying it out (``[program] verb_prefixes``: 共建一带一路 -> 一带一路, 深化医药卫生体制改革 -> 医药卫生体制改革),
    then of a scope of the whole people or the nation's characteristics (``scope_prefixes``: 全民国防教育 -> 国防教育,
    中国特色现代企业制度 -> 现代企业制度, while four characters remain beside the closing type words, not before
    ``scope_kept_before``: 中国特色社会主义法律体系 stays), and without a closing standing phase (``round_tails``:
    扫黑除恶常态化 -> 扫黑除恶).

    Over the 29 provincial 2025 reports, 新一轮农业转移人口市民化 (6 reports) met 农业转移人口市民化 (11) and
    新一轮国企改革深化提升行动 (1) the 22 reports of 国企改革深化提升行动 this way (session 44)."""
    key = plain_key(name)
    for special, plain in resolution()["program"]["special_tails"]:  # 扫黑除恶专项斗争 -> 扫黑除恶斗争
        if key.endswith(special) and len(key) > len(special):
            key = key[:-len(special)] + plain
            break
    for bare in (key, *_without_tails(key, 0)):  # 扫黑除恶常态化(工作机制) -> 扫黑除恶 (session 66)
        tail = next((t for t in resolution_words("Program", "round_tails") if bare.endswith(t)), "")
        if tail and _names_a_program(bare[:-len(tail)], 0):
            key = bare[:-len(tail)]
            break
    for words in ("round_prefixes", "verb_prefixes", "scope_prefixes"):  # 新一轮深化X: the round, then the verb
        prefix = next((p for p in resolution_words("Program", words) if key.startswith(p)), "")
        if words == "scope_prefixes" and key[len(prefix):].startswith(resolution_words("Program", "scope_kept_before")):
            continue  # 中国特色社会主义法律体系 keeps its scope
        if prefix and _names_a_program(key[len(prefix):], 4 if words == "scope_prefixes" else 0):
            key = key[len(prefix):]  # 全民国防教育 -> 国防教育, not 全民健身活动 -> 健身活动 (session 66)
    return _graded(key)  # 第三轮省级环保督察 -> 省级环保督察 -> 省环保督察, as plain_key reads 省级环保督察


def _names_a_program(rest: str, core: int) -> bool:
    """Whether ``rest`` (a key with a round, verb or scope word taken off) still names a program: four characters at least,
    and beside its closing type words a core of some characters (of ``core`` at least: 国防教育 of 全民国防教育, not 健身
    of 全民健身活动)."""
    bare = _bare(rest)
    return len(rest) >= 4 and not _TYPE_WORDS_ONLY.match(bare) and len(bare) >= core


def _bare(key: str) -> str:
    """``key`` without every closing type word (the last, shortest of its shorter forms), or ``key`` itself."""
    return (key, *_without_tails(key, 0))[-1]


def shorter_forms(key: str) -> tuple[str, ...]:
    """The match key ``key`` without its closing type words of ``graph/data/resolution.toml [program] type_tails``,
    one word or more off while at least three characters remain (高标准农田建设工程 -> 高标准农田建设, 高标准农田;
    保交房攻坚战 -> 保交房; 公立医院改革试点 -> 公立医院改革, 公立医院): the names that are this program named short, as the
    within-document merge reads them (the adjudicated documents keep every such pair as one entity: the counts are in
    the file; 保交房 / 保交房攻坚战 is one of them).  Two names that differ in their type words (网络培训体系,
    网络培训平台) share a shorter form but neither is the other's: they stay apart.

    Until session 43 a shorter form kept four characters and the longest closing word went first, so of the 2025
    reports the 4 that write only 保交房攻坚战 made a node apart from the 17 of 保交房, and 公立医院改革试点
    never met 公立医院改革 (the national reports: 7 and 5 documents): over the 67 national reports 16 Program nodes
    joined others (改革 / 改革试点, 行动 / 行动计划, 沪港通 / 沪港通试点), over the 29 provincial ones 21, every
    set's 4-fold scores unchanged."""
    return _without_tails(key, 3)


@lru_cache(maxsize=65536)
def _without_tails(key: str, shortest: int) -> tuple[str, ...]:
    """``key`` with closing ``[program] type_tails`` taken off, one or more, each leaving at least ``shortest``
    characters: every such shorter form, longest first (增值税改革试点 -> 增值税改革 by 试点, 增值税 by 改革试点 or by 试点
    then 改革; taking the longest tail alone first would skip 增值税改革)."""
    tails = _type_tails()
    found: dict[str, None] = {}
    todo = [key]
    while todo:
        k = todo.pop()
        for tail in tails:
            if k.endswith(tail) and len(k) - len(tail) >= shortest and (short := k[:-len(tail)]) not in found:
                found[short] = None
                todo.append(short)
    return tuple(sorted(found, key=len, reverse=True))


@lru_cache(maxsize=1)
def _type_tails() -> tuple[str, ...]:
    """``[program] type_tails`` with their counts in digits (三年行动 -> 3年行动), as the keys they close are."""
    return tuple(dict.fromkeys(_counted(t) for t in resolution_words("Program", "type_tails")))


def names_another_program(short: str, name: str) -> bool:
    """Whether ``name`` (a match key) goes on past ``short`` (a match key it opens with, closed by a type word of
    ``[program] type_tails``: 国有企业改革, 四大文化工程) with words of its own closed by a type word: 国有企业改革深化提升行动,
    四大文化工程推进机制, 绿美广东生态建设六大行动.  Such a name is another program, an action, mechanism or set of
    actions of the program ``short`` names, which a document names by writing the program's full name and the new
    name after it; ``name`` going on with type words only (零基预算改革试点, 开放大通道大平台建设行动, 国企改革3年行动:
    :func:`shorter_forms`) is ``short``'s program.  Until session 66 the 2025 national report's 国有企业改革 was the
    国有企业改革深化提升行动 of 23 reports, merged within the report as a name and a part of it.

    Args:
        short: a match key; name: a match key.

    Returns:
        ``True`` when ``name`` names another program after ``short``'s name.
    """
    tails = _type_tails()
    if not name.startswith(short) or len(name) == len(short) or not short.endswith(tails):
        return False
    rest = name[len(short):]
    return rest.endswith(tails) and not _TYPE_WORDS_ONLY.match(_bare(rest))


def core_of(core: str, name: str) -> bool:
    """Whether ``name`` (a match key) is ``core`` followed by closing type words only (两新 of 两新政策, 两重 of
    两重建设项目: ``[program] type_tails``), so the document that writes both names the program by its core."""
    return bool(core) and core in _without_tails(name, len(core))


def narrows(part: str, name: str, label: str) -> bool:
    """Whether ``name`` (a match key) narrows ``part`` (a match key lying inside it): ``name`` writes words before or
    after ``part`` that the keys of resolution do not take off (国有企业改革 of 企业改革, 城乡居民最低生活保障制度 of
    最低生活保障制度, 基本养老保险全国统筹制度 of 基本养老保险), so ``part`` names a kind or a whole ``name`` is one of, or a
    part of it.  Not for closing type words, a round, a verb or a distributive word of the label (城市更新 of
    城市更新行动, 农业转移人口市民化 of 新一轮农业转移人口市民化, 对外开放 of 扩大对外开放: :func:`program_plain_key`,
    :func:`shorter_forms`, :func:`core_of`, :func:`goal_key`), which name the same thing.  A modifier closed by 的
    narrows too (以人为核心的新型城镇化 of 新型城镇化: match keys drop the 的, and of two such nodes, the bare name is
    neither's across documents, though within one document it is the modified name's).  Only for the labels a name
    and a part of it merge within one document (``graph/data/resolution.toml [any] contained_labels``,
    ``modified_labels``, ``quoted_tail_labels``).

    Args:
        part: a match key.
        name: a match key.
        label: the entity label of both.

    Returns:
        ``True`` when ``part`` is a strict part of ``name`` that ``name`` narrows.
    """
    if part == name or part not in name or label not in _part_labels():
        return False
    if label == "Goal":
        return goal_key(part) != goal_key(name)
    plain = program_plain_key(name)
    same = {plain, *shorter_forms(name), *shorter_forms(plain),
            *(name[len(p):] for p in resolution_words(label, "distributive_prefixes") if name.startswith(p))}
    return part not in same and not core_of(part, name)


@lru_cache(maxsize=1)
def _part_labels() -> frozenset[str]:
    """The labels of ``[any] contained_labels``, ``modified_labels`` and ``quoted_tail_labels``."""
    cfg = resolution()["any"]
    return frozenset(cfg["contained_labels"]) | frozenset(cfg["modified_labels"]) | frozenset(cfg["quoted_tail_labels"])


def generic_part(part: str, name: str, label: str) -> bool:
    """Whether ``part``, a part ``name`` closes with and narrows (:func:`narrows`; both match keys), is the kind of thing
    ``name`` is one instance of, told apart by the words before it: a name the lexicon calls generic
    (:func:`policykg.loaders.rules.programs.generic_tagged_name`, ``project_category``), or one common word
    (``loaders/data/lexicon.toml [program] bare_generic_tags``) before a closing type word of resolution (``[program]
    type_tails``) the lexicon calls generic alone (``[program] generic_names``: 品牌, 改革, 体系 …): 文化品牌 of
    地名天府文化品牌, 机构改革 of 乡镇机构改革, 宏观调控体系 of 投资宏观调控体系.  Not a part the name opens with (国有企业改革
    of 国有企业改革改组改造 names the program the name goes on about), nor one after the organ whose own it is
    (``loaders/data/lexicon.toml [body] organs``: 机构改革 of 政府机构改革, 地方政府机构改革), nor one after a level
    word alone (``[body] level_words``: 公共卫生体系 of 全国公共卫生体系, 中试平台 of 省中试平台: the kind at that level, as
    each province names it in its own report, :func:`policykg.graph.places.place_instance`), nor projects after words
    classing projects only (``[program] project_categories``: 国债项目 of 续建国债项目, the projects of the program at one
    stage).

    Such a part is no key of the node across documents, nor looked up for an entity whose name narrows it
    (:class:`~policykg.graph.entity_index.EntityIndex`): over the 96 national and provincial reports, 浙江's
    “浙产好剧”“浙里大戏”文化品牌 had joined 四川's 地名天府文化品牌, which 四川's glossary calls a 文化品牌, and the
    乡镇机构改革 of the 17th congress report and of five national reports 2005-2012 the node 机构改革 (session 65).

    Args:
        part: a match key; name: the match key of the name ``part`` lies inside; label: their entity label.

    Returns:
        ``True`` for a generic part of a Program's name; ``False`` for any other label, or for a ``part`` that is no
        part ``name`` narrows.
    """
    from policykg.loaders.lexicon import tokenize, word_tag
    from policykg.loaders.rules.programs import generic_tagged_name, project_category
    from policykg.loaders.rules.walks import covered

    modifier = name[:len(name) - len(part)]
    kinds, tags, classes, organs = _generic_kinds()
    if (label != "Program" or not modifier or not name.endswith(part) or not narrows(part, name, label)
            or modifier.endswith(organs) or modifier in resolution_words("Body", "level_words")
            or (part.endswith("项目") and covered(modifier, classes))):
        return False
    if generic_tagged_name(part) or project_category(part):
        return True
    words = [w for w, _s, _e in tokenize(part)]
    return len(words) == 2 and words[1] in kinds and word_tag(words[0]) in tags


@lru_cache(maxsize=1)
def _generic_kinds() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """The resolution ``[program] type_tails`` the lexicon's ``[program] generic_names`` hold alone, its
    ``[program] bare_generic_tags``, ``[program] project_categories`` and ``[body] organs``."""
    from policykg.loaders.lexicon import lexicon

    lx = lexicon()
    kinds = frozenset(resolution_words("Program", "type_tails")) & lx.wordset("program", "generic_names")
    return (kinds, lx.wordset("program", "bare_generic_tags"), lx.wordset("program", "project_categories"),
            tuple(lx.words("body", "organs")))
