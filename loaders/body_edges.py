"""Where a tagged Body span starts: the words before an organ's name that a flat tagger over jieba tokens takes in.

An organ's name never opens with the clause's verb, adverb or preposition, a word of time or an attributive 的
(:func:`body_start`); the level jieba joined to 各/全 opens it (:func:`with_level`); the 在 of 在京高校 does
(:func:`with_resident_place`).  :mod:`policykg.loaders.combine` applies them (through
:mod:`policykg.loaders.span_edges`, which re-exports them); word lists come from ``loaders/data/lexicon.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .lexicon import lexicon, word_tag
from .rules.common import rules
from .rules.walks import blocks

__all__ = ["body_start", "with_level", "with_relative_level", "with_resident_place"]


def body_start(words: Sequence[tuple[str, int, int]], s: int, e: int) -> int:
    """Move the start of a tagged Body span past leading verbs, adverbs and prepositions.

    An organ's name never opens with the clause's verb or adverb (大力开展基层党组织 ->
    基层党组织, 定期检验党组织 -> 党组织), a word of time (最近江苏省政府 -> 江苏省政府; 全年新增各类总部机构 ->
    总部机构: ``[body] time_openers``), a verb jieba tags otherwise (新建改扩建中小学校 -> 中小学校, 布局高等研究院 ->
    高等研究院: ``[body] verb_openers``) nor runs across a preposition (优秀分子向党组织 -> 党组织); the same stop
    words end the rules' leftward growth (``lexicon.toml [text]``).
    Nor does it run across an attributive 的 (核心的党中央 -> 党中央, from the formula
    以习近平同志为核心的党中央; 高素质的基层党组织 -> 基层党组织), except the genitive and
    locative ones of ``[body] genitive_keeps`` (党的基层组织).  A coordination of 各 phrases opens the name whole
    (各地区各部门: :func:`_each_coordination`).
    """
    r = rules()
    each = _each_coordination(words, s, e)
    if each is not None:
        return each
    inside = [(w, ws) for w, ws, we in words if s <= ws and we <= e]
    i = 0
    while i < len(inside) - 1 and (_leading_stop(inside[i][0], r) or inside[i][0] in _openers()):
        i += 1
    if i > 0:  # jieba merged the stop word with an organ (各级党委 | （ | 党组 | ）): the name starts after the stop
        word, start = inside[i - 1]
        k = _merged_stop(word, r.stop_words)
        if k and len(word) - k >= 2 and not _leading_stop(word[k:], r):
            return start + k
    keeps = _genitive_keeps()
    for j in range(i, len(inside) - 1):
        if word_tag(inside[j][0]) == "p" or (inside[j][0] == "的" and j > i and not inside[j - 1][0].endswith(keeps)
                                             and e - inside[j + 1][1] >= 2):
            i = j + 1
    if not inside:
        return s
    if i > 0 and _EACH_LEVEL.match(inside[i - 1][0]) and _takes_level(inside[i][0]):
        # 各市 | 人民政府: the level opens the name; not 全省 | 基层党组织 (the province's, no organ of a level)
        return inside[i][1] - 1
    return inside[i][1]


_EACH_LEVEL = re.compile(r"^[各全本该][省市县区州乡镇]$")
# Ends of the organs a level word names (人民政府, 党委, 发展改革委, 财政局, 总工会): 各市人民政府 is 市人民政府 of
# each city, but 全省基层党组织 are the province's grassroots organisations, no 省基层党组织.
_LEVELLED = ("政府", "党委", "委员会", "局", "厅", "委", "办", "部", "院", "署", "工会", "联", "政协", "人大")


def _takes_level(word: str) -> bool:
    """True when the token after 各省/全市… goes with the level: an organ of a level (人民政府) or the mark of a
    list of levels (各省、市、自治区党委, 各市（州）)."""
    return word.endswith(_LEVELLED) or word[:1] in "、（("


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """Words that open a clause, never an organ's name, whatever jieba tags them: of time (``[body] time_openers``: 最近,
    目前, 全年) and verbs tagged otherwise (``[body] verb_openers``: 新建, 布局)."""
    return lexicon().wordset("body", "time_openers") | lexicon().wordset("body", "verb_openers")


@lru_cache(maxsize=1)
def _each_each() -> re.Pattern[str]:
    """各X各Y…: the determiner 各 repeated over a coordination of nouns (各地区各部门, 各单位各部门), neither 各 before a
    classifier (``[body] each_classifiers``: 各级各类学校 are schools of every level and kind)."""
    no = "|".join(map(re.escape, lexicon().words("body", "each_classifiers")))
    return re.compile(f"各(?!{no})(?:(?!各)[\u4e00-\u9fff]){{1,3}}各(?!{no})[\u4e00-\u9fff]")


def _each_coordination(words: Sequence[tuple[str, int, int]], s: int, e: int) -> int | None:
    """The start of a coordination of 各 phrases a Body span ``[s, e)`` opens with or is cut inside, or None.

    Official writing names the organs of every place and kind at once by repeating 各 over a coordination of nouns
    (各地区各部门要…, the national work reports; 各单位各部门); the coordination is one name (the golds write
    各地区各部门 seven times, never 地区各部门).  The first 各 is a determiner jieba cuts off as a word of its own,
    which made the span open after it: 地区各部门 of 各地区各部门 (2024 national report).  The name opens at the 各
    just before the span, or at the first 各 inside it after the clause's verbs and adverbs.
    """
    idx = [i for i, (_w, ws, _we) in enumerate(words) if s <= ws < e]
    if not idx:
        return None
    first, last = idx[0], idx[-1]
    starts = ([first - 1] if first > 0 and words[first - 1][0] == "各" and words[first - 1][2] == s else []) + idx
    r = rules()
    for i in starts:
        if _each_each().match("".join(w for w, _ws, _we in words[i:last + 1])):
            return words[i][1]
        if i >= first and not (_leading_stop(words[i][0], r) or words[i][0] in _openers()):
            return None
    return None


@lru_cache(maxsize=1)
def _genitive_keeps() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "genitive_keeps"))


def with_level(words: Sequence[tuple[str, int, int]], first: int, s: int) -> int:
    """Take back the level character jieba joined to 各/全 (各市 | 人民政府 -> 市人民政府).

    Returns the new start of a Body span whose first token is ``words[first]``.
    """
    if first > 0 and s == words[first][1] and _EACH_LEVEL.match(words[first - 1][0]) \
            and _takes_level(words[first][0]):
        return words[first - 1][2] - 1
    return s


def _leading_stop(word: str, r) -> bool:
    """True when ``word`` cannot open an organ's name: a verb, adverb or preposition (one character
    only when an adverb, preposition, pronoun or conjunction: 各, not 新), or a token merging a stop
    word with what follows."""
    if len(word) == 1:
        return word_tag(word) in ("p", "c", "d", "r")
    return blocks(word, r) or _opens_with_stop(word, r.stop_words)


def _merged_stop(word: str, stop_words: frozenset[str]) -> int:
    """Length of the stop word a token merges with what follows (各级党委 -> 2), or 0."""
    return next((k for k in (2, 3) if k < len(word) and word[:k] in stop_words), 0) if len(word) > 2 else 0


def _opens_with_stop(word: str, stop_words: frozenset[str]) -> bool:
    """True when a token merges a stop word with what follows (jieba's 大力开展)."""
    return _merged_stop(word, stop_words) > 0


@lru_cache(maxsize=1)
def _province_abbreviations() -> frozenset[str]:
    """The one-character names of the province-level places (京, 湘, 川, 甘: ``graph/data/resolution.toml [place]
    own_names``, the table entity resolution reads them from)."""
    from policykg.graph.merging import resolution

    return frozenset(w for row in resolution()["place"]["own_names"] for w in row[1:] if len(w) == 1)


def with_resident_place(words: Sequence[tuple[str, int, int]], s: int, e: int, program: bool = False) -> int:
    """The start of a Body span taken back over the 在 of 在 + a province's one-character name (在京高校, 在湘高校, 在川高校:
    the universities located in 北京, 湖南, 四川, a category of organisations named whole, guide rule 11).

    jieba cuts 在|京|高校, and the Body's start leaves a preposition out (:func:`body_start`), which left the place's
    character alone at the head of the name: 京高校 and 京国家实验室 in 北京's 2025 report, 川高校 in 四川's, 湘高校 in
    湖南's, 甘单位 in 甘肃's (a walkthrough, session 69).  Only when 在 and the character are tokens of their own and
    the name goes on for two characters at least after it; when a verb follows the character (在京设立研发机构), the
    name starts after it, as :func:`body_start` reads it.  A ``program`` span so opened takes the 在 back too (在沪国家
    实验室, 上海's 2025 report) when a word of two characters at least follows the place (在|京|办|平台 is the platform
    京办; a Body's single characters, 在|京|央|企, are the organs in the place).
    """
    i = next((i for i, (_w, ws, _we) in enumerate(words) if ws == s), 0)
    if i == 0 or words[i][0] not in _province_abbreviations() or e - s < 3 or (program and len(words[i + 1][0]) < 2):
        return s  # 在|京|办|平台: the character opens a name of its own (京办)
    before = words[i - 1]
    if before[0] != "在" or before[2] != s:
        return s
    rest = body_start(words, s + 1, e)  # 在京|设立|研发机构: the organ after the clause's verb
    return rest if rest > s + 1 else before[1]


@lru_cache(maxsize=1)
def _relative_levels() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "relative_levels"))


def with_relative_level(words: Sequence[tuple[str, int, int]], s: int) -> int:
    """The start of a Body span taken back over the 上/下 of a level counted from the writer's organ (上一级党组织,
    下一级党组织: ``[body] relative_levels``), which jieba joins to the verb or preposition before (向上|一级|党组织) or
    cuts off as a locative (吸收下|一级|党组织), and :func:`body_start` left out: 一级党组织 names no organ.

    Pattern source: the party's regulations name the organ above or below the one acting (基层党组织书记向上一级党组织
    述职, the central opinion on party building in the organs of the centre; 吸收下一级党组织成员参加, the opinion on
    urban party building).  Returns ``s`` when the span opens otherwise.
    """
    i = next((i for i, (_w, ws, _we) in enumerate(words) if ws == s), 0)
    if i == 0 or words[i - 1][2] != s:
        return s
    return next((s - 1 for lv in _relative_levels() if words[i][0] == lv[1:] and words[i - 1][0].endswith(lv[0])), s)

