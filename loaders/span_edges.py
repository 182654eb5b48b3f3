"""Where a tagged span starts and ends: the edges a flat tagger over jieba tokens gets wrong.

The tagger (:mod:`policykg.loaders.tagger`) marks token spans; these functions move a span's edges to
where the name it stands for starts and ends, each for a formula of official writing: the clause's verb
or a preposition before an organ's name (:func:`body_start`), the level jieba joined to 各/全
(:func:`with_level`), a designation verb inside a Program span (:func:`designation_cut`), the statistical
measure after a name (:func:`without_measure`), the first character of a name jieba cut into single
characters (:func:`with_stray_initial`), the quoted count joined to the last item of the list it closes
(:func:`without_quoted_count`), a clause's comma inside a Program (:func:`after_comma`), a start inside a quotation
the span closes (:func:`quote_start`); the start of a Body
(:func:`body_start`, :func:`with_level`, the 在 of the organs a province's one-character name places:
:func:`with_resident_place`) is :mod:`policykg.loaders.body_edges`, and the edges at a coordination (:func:`without_conjunction`,
:func:`across_conjunction`) :mod:`policykg.loaders.conjunction_edges`, both re-exported here.
:mod:`policykg.loaders.combine` applies them; word lists come from ``loaders/data/lexicon.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from policykg.graph.names import canonical

from .body_edges import body_start, with_level, with_relative_level, with_resident_place
from .conjunction_edges import across_conjunction, without_conjunction
from .lexicon import lexicon, word_tag
from .outline import ENUMERATOR, box_heading
from .rules.common import Candidate, leading_count, rules
from .rules.walks import blocks

__all__ = [
    "CLAUSE_BREAK",
    "EDGE",
    "LEADING_PARTICLES",
    "across_conjunction",
    "after_comma",
    "balanced",
    "body_start",
    "designation_cut",
    "goal_start",
    "quote_start",
    "with_figure",
    "with_level",
    "with_relative_level",
    "with_resident_place",
    "with_stray_initial",
    "without_conjunction",
    "without_count",
    "without_enumerator",
    "without_measure",
    "without_quoted_count",
]

EDGE = "，。；：、！？,.;:!?（）() \u3000"
# Tokens a tagged span never opens with: the attributive particle and the conjunctions of a list the
# span was cut from (的新平台, 及配套设施); none of the 12,025 gold names and aliases opens with one as a
# jieba token.  Not 和, which jieba splits off 和美乡村.
LEADING_PARTICLES = frozenset({"的", "及", "并"})
# A colon or semicolon inside a tagged span: a name never runs across one (none of the 8,514 gold names
# does); a glossary line “一图四清单”：重点行业、… gave the tagger a span over the term and its gloss.
CLAUSE_BREAK = re.compile("[：；:;]")


def balanced(text: str) -> bool:
    """True when every bracket opened in ``text`` closes in it (a tagged span cut inside 乡镇（街道） is no name)."""
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@lru_cache(maxsize=1)
def _designation_verbs() -> frozenset[str]:
    return lexicon().wordset("text", "designation_verbs")


# Tags of what may stand before a designation verb without naming the thing designated: a place, a count,
# a time (9个县获评…, 黄山市入选…, 连续两年荣获…).
_NO_THING_TAGS = frozenset({"ns", "m", "mq", "q", "t", "d", "a", "ad"})


def designation_cut(inside: Sequence[tuple[str, int, int]]) -> tuple[int, int, str | None]:
    """Cut a tagged Program span at a designation verb (``[text] designation_verbs``: 入选, 获评, 列入 …).

    Pattern source: the review of the past year reports designations as subject + verb + title
    (铜锣山矿区生态修复入选联合国生态恢复十年优秀案例); the program is the subject (海阳核能供暖 in
    海阳核能供暖入选国家首批绿色低碳示范项目, gold of the 山东 report), unless the subject is only a
    place, a count or a time (9个县获评“四好农村路”全国示范县), then the designation after the verb.

    Args:
        inside: the span's tokens ``(word, start, end)``.

    Returns:
        ``(start, end, verb)``: the new span in characters and the verb it was cut at (the span
        unchanged and ``None`` when it holds no such verb after its first token).
    """
    verbs = _designation_verbs()
    s, e = inside[0][1], inside[-1][2]
    for k in range(1, len(inside)):
        w, ws, we = inside[k]
        if w in verbs:
            before = [x for x, _s, _e in inside[:k]]
            if sum(map(len, before)) >= 2 and not all(word_tag(x) in _NO_THING_TAGS for x in before):
                return s, ws, w
            return we, e, w
    return s, e, None

@lru_cache(maxsize=1)
def _measure_tails() -> tuple[str, ...]:
    return tuple(lexicon().words("program", "measure_tails"))


def without_measure(sentence: str, words: Sequence[tuple[str, int, int]], s: int, e: int) -> int:
    """The end of a tagged Program span without the statistical measure it closes with (玉林经济技术开发区产值
    达到280亿元 -> 玉林经济技术开发区; ``[program] measure_tails``), when the measure is a token of its own
    and two characters at least stay; else ``e``."""
    tail = next((t for t in _measure_tails() if sentence.endswith(t, s, e)), None)
    if tail is None or e - len(tail) - s < 2 or not any(we == e - len(tail) for _w, _ws, we in words):
        return e
    return e - len(tail)


@lru_cache(maxsize=1)
def _stray_stops() -> frozenset[str]:
    return lexicon().wordset("text", "stray_initial_stops")


def with_stray_initial(words: Sequence[tuple[str, int, int]], first: int, s: int, e: int | None = None) -> int:
    """The start of a tagged span taken back over a stray first character of the name.

    jieba cuts a name it does not know into single characters (立|山|经济|开发区, 持|牌|金融机构), and the
    tagger may open the span one character late (山经济开发区).  When the span opens with a one-character
    token and the token before it is one Han character standing after punctuation (or at the start), that
    character is taken in, unless it is a preposition, conjunction, particle or verb that opens a clause
    (``[text] stray_initial_stops``: 让企业, 经党中央, 即优化…) or a word that stops a name (:func:`blocks`).
    On the 96 reports of the gwr and gwr2025 corpora, the 5 spans it changes all come whole (持牌金融机构,
    滇中稀贵金属集群, 蒙能集团, 托育服务机构, 强富美高新江苏现代化建设); the 4-fold output of the 35 annotated
    documents is unchanged.

    A stop is taken all the same when it opens an item of a list of names, between a pause mark and the item's end
    (the span's end ``e`` at a pause mark or a clause's end): 岗前培训、在|岗|轮训、转岗培训 is 在岗轮训, not 岗轮训 (a city's
    plan for elder-care staff); not after an outline's enumerator (二、把|党|的政治建设摆在首位).
    """
    if first < 1 or len(words[first][0]) != 1:
        return s
    char, cs, ce = words[first - 1]
    before = words[first - 2][0] if first >= 2 else "。"
    if ce != s or len(char) != 1 or not "\u4e00" <= char <= "\u9fff" or before[0] not in EDGE + "“《":
        return s
    if before == "、" and e is not None and _list_item(words, first - 2, e):
        return cs
    return s if char in _stray_stops() or blocks(char, rules()) else cs


def _list_item(words: Sequence[tuple[str, int, int]], mark: int, e: int) -> bool:
    """True when the pause mark at token ``mark`` follows an item of a list (not an outline's enumerator, 二、) and
    ``e`` closes the next item (a pause mark, a clause's mark or the sentence's end follows)."""
    item = "".join(w for w, _s, _e in words[max(0, mark - 3):mark])
    if mark < 1 or ENUMERATOR.fullmatch(item + "、") or ENUMERATOR.fullmatch(words[mark - 1][0] + "、"):
        return False
    after = next((w for w, ws, _we in words if ws == e), "。")
    return after[0] in "、，。；：,;:"

# The rest of a figure after its digits: an order of magnitude and a classifier (444.3|万次, 13.8|万个, 3|个).
_COUNT_REST = re.compile(r"^[十百千万亿]*[次个名家项件所座处条台套户亩位批期人]$")


def without_enumerator(sentence: str, s: int, e: int) -> int:
    """The start of a tagged span past the enumerator of a numbered item it opens with.

    An item's title is its own sentence (14.“菁英计划”留学项目。); jieba cuts 14 | . | “ and the tagger
    may open the span on the number (14.菁英计划留学项目 for 菁英计划留学项目, seen on a city implementation
    opinion whose items are numbered 1.–45.).  No name opens with an enumerator (the outline's
    :data:`~policykg.loaders.outline.ENUMERATOR`), nor with a plan's box mark and its number (专栏10  工业互联网解决方案
    培育推广工程 was the Program 专栏10工业互联网解决方案培育推广工程: :func:`~policykg.loaders.outline.box_heading`).
    Returns ``s`` when neither opens the span.
    """
    m = ENUMERATOR.match(sentence, s, e) or box_heading().match(sentence[:e], s)
    return m.end() if m and m.end() < e else s


_FIGURE = re.compile(r"^[0-9０-９]+(?:[.．][0-9０-９]+)?$")


def with_figure(words: Sequence[tuple[str, int, int]], first: int, s: int) -> int:
    """The start of a tagged Goal taken back over the figure jieba cut off its first word.

    jieba cuts 5年内 into 5 | 年内 and 1万名 into 1 | 万名; the tagger may open a target on the second
    token (年内市、区两级…引进1万名紧缺人才), which leaves a name that no longer says its figure.  When the
    token just before the span is a bare figure joined to it (no space or mark between), the span opens on
    the figure (guide rule 9: a target is named by its surface text).  Returns ``s`` otherwise.
    """
    if first < 1 or s != words[first][1]:
        return s
    w, ws, we = words[first - 1]
    return ws if we == s and _FIGURE.match(w) else s


#: A figure and its measure word (30个, 二十项): what a counted target counts.
_COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两]+[个项家所座条处万亿]")


@lru_cache(maxsize=1)
def _end_state_leads() -> frozenset[str]:
    return lexicon().wordset("goal", "end_state_leads")


@lru_cache(maxsize=1)
def _tagged_target_leads() -> frozenset[str]:
    return lexicon().wordset("goal", "tagged_target_leads")


def goal_start(sentence: str, words: Sequence[tuple[str, int, int]], s: int, e: int) -> int:
    """The start of a tagged Goal past the words of a target clause and the verbs of promoting that open it
    (确保粮食总产740亿斤以上 -> 粮食总产740亿斤以上, 促进经济均衡发展 -> 经济均衡发展).

    Guide rule 9 names a target "without a leading 确保/力争/年内" (``[goal] tagged_target_leads``, with the counts
    that chose them), whatever it counts.  Guide rule 2 names an entity without the verb of carrying out around it,
    and the golds write the end-state without 促进, 推进, 推动, 坚持 … (``[goal] end_state_leads``); the tagger,
    reading a clause's verb and its object, sometimes opens the span on the verb.  Whole jieba tokens only, one
    after another, as long as two characters of the span remain.  The verbs stay when the span counts what it builds
    (a figure and its measure word: the verb is then part of the target); returns ``s`` when nothing is cut.

    Args:
        sentence: the text the offsets index; words: its jieba tokens; s, e: the span (character offsets).
    """
    s = _past_leads(words, s, e, _tagged_target_leads())
    if _COUNTED.search(sentence, s, e):
        return s  # a counted target is named with its verb (推进30个城中村改造项目: guide rule 9, its surface text)
    return _past_leads(words, s, e, _end_state_leads())


def _past_leads(words: Sequence[tuple[str, int, int]], s: int, e: int, leads: frozenset[str]) -> int:
    """The start of the span ``[s, e)`` past the whole tokens of ``leads`` that open it, one after another, as long as
    two characters remain."""
    for w, ws, we in words:
        if ws < s:
            continue
        if ws != s or w not in leads or e - we < 2:
            break
        s = we
    return s


def without_count(words: Sequence[tuple[str, int, int]], first: int, s: int) -> int:
    """The start of a tagged span past the rest of a figure it opens with (开展了444.3万次组织生活会 ->
    组织生活会; 表彰了13.8万个先进基层党组织 -> 先进基层党组织): jieba keeps 万次 apart from the digits, and the
    tagger may open the span there.  Only when the token before is a digit; else ``s``."""
    if first < 1 or s != words[first][1] or not words[first - 1][0][-1:].isdigit():
        return s
    return words[first][2] if _COUNT_REST.match(words[first][0]) else s


_CLOSING_QUOTE = re.compile(r"“([^“”]{2,10})”")


def without_quoted_count(sentence: str, rules: Sequence[Candidate], s: int, e: int) -> tuple[int, Candidate | None]:
    """Cut a tagged span that joins the last item of a list to the quoted count closing the list.

    Work reports name a set of programs by listing them and closing the list with the set's quoted
    count: 深入开展矛盾纠纷排查化解、校园及周边安全治理、道路交通安全风险隐患排查整治“三大专项行动”;
    做好科技金融、…、数字金融“五篇大文章”.  The tagger may read the last item and the count as one span
    (数字金融“五篇大文章”).  When the span opens right after a 、 and ends with a rule's quoted Program
    whose name opens with a count (:func:`policykg.loaders.rules.common.leading_count`), the span stops
    before the quotation mark and the quoted count is its own Program.

    Args:
        sentence: the sentence the offsets index.
        rules: the rule extractors' candidates of the sentence.
        s, e: the tagged span (characters).

    Returns:
        ``(end, whole)``: the span's new end and the quoted count's candidate, or ``(e, None)``.
    """
    clause = re.split(r"[，。；：,;:]", sentence[:s])[-1]
    if s < 1 or sentence[s - 1] != "、" or ENUMERATOR.fullmatch(clause.strip()) or "”、" in clause:
        # 三、聚力“四提一高”重点: the 、 of an outline's enumerator opens no list; 粮食产量“十一连增”、农民收入“五连快”:
        # a series of quoted counts, each closing its own item, closes no list
        return e, None
    for c in rules:
        if (c.label == "Program" and s + 2 <= c.start < e <= c.end <= e + 1 and sentence[c.start] in "“\""
                and (leading_count(c.name) or 0) >= 2):
            return c.start, c
    # no rule read the quote (“五篇大文章” has no type word): the quoted count is a Program all the same
    m = _CLOSING_QUOTE.search(sentence, s + 2, min(len(sentence), e + 1))
    if m and m.end() in (e, e + 1) and (leading_count(m.group(1)) or 0) >= 2:
        return m.start(), Candidate("Program", m.start(), m.end(), canonical(m.group(1)), rule="quoted-count", priority=1)
    return e, None


def quote_start(sentence: str, s: int, e: int) -> int:
    """The start of a tagged span ``[s, e)`` that opens inside a quotation and runs past its closing mark, taken back to
    the quotation's opening mark; else ``s``.

    A quoted name is named whole with what it carries (guide rule 2: the marks go, the words stay), and the tagger may
    open the span on a word inside the quotation, after a pause mark or a + the quotation holds: 十大产业项目”建设 of
    “十大产业项目”建设, 周末到河北”品牌 of “这么近，那么美，周末到河北”品牌 (河北's 2025 report), 工业互联网”项目库 of
    “5G＋工业互联网”项目库 (安徽's plan), 连心到户”六项行动 of a county's six actions listed inside one quotation.
    """
    if sentence.count("”", s, e) <= sentence.count("“", s, e):
        return s
    opening = sentence.rfind("“", 0, s)
    if opening < 0 or sentence.find("”", opening, s) >= 0:
        return s
    return opening if opening == s - 1 or sentence.find("”", s) - opening <= _QUOTED_NAME_MAX else s


# The longest quotation a span opening inside it takes whole (a county's six actions listed in one quotation: 29
# characters); a longer one quotes a sentence (使受教育者在德育、智育、体育几方面都得到发展，… as the 1956 congress report
# quotes the policy), whose words no name takes whole unless the span opens right after its mark.
_QUOTED_NAME_MAX = 32


def after_comma(sentence: str, s: int, e: int) -> int:
    """The start of a tagged Program span past the last comma inside it that no quotation mark encloses.

    A comma closes a clause, and a program is named inside one (guide: a Program is a named initiative, rule 2:
    the name without the clause around it).  A model read 龙岩入选…示范项目实施城市，集体林权制度“三多”改革试点 as
    城市，集体林权制度 (precision sample 20261234, #58).  Of the 4-fold models' Programs over the 107
    adjudicated documents, 3 hold an unquoted comma, 2 of them wrong; the one right is a slogan in quotation marks
    (“这么近，那么美，周末到河北”品牌), which this keeps.

    Returns:
        The new start (characters), or ``s``.
    """
    cuts = [k + 1 for k in range(s, e) if sentence[k] in "，," and not _quoted_at(sentence, k)]
    return cuts[-1] if cuts else s


def _quoted_at(sentence: str, k: int) -> bool:
    """True when offset ``k`` lies inside a quotation (more marks open than close before it)."""
    return any(sentence.count(o, 0, k) > sentence.count(c, 0, k) for o, c in ("“”", "‘’", "「」"))
