"""Goals: strategies and end-states ended by a goal suffix, gazetteer formulae, quantitative targets
(guide: Goal; rules 4, 9, 12), and goals named inside a program (rule 5).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon, tokenize, word_tag
from ..outline import ENUMERATOR
from .common import PUNCT, Candidate, Rules, Tokens, grow_left, rules

__all__ = ["HORIZON_LEAD", "end_state_goals", "goals", "horizon_goals", "nested_goals", "principle_goals",
           "principle_item_goals", "principles_heading", "quality_list_goals", "quality_of_place", "target_clauses",
           "target_lead_goals", "targets_heading"]


_TARGET = re.compile(r"(?:19|20)\d{2}年[^，。；]{4,60}?(?:全面清零|清零|全覆盖|以上|实现[^，。；]{2,30}|达到[^，。；]{2,30})")


def goals(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    out = [Candidate("Goal", m.start(), m.end(), m.group(0), rule="goal-gazetteer", priority=3)
           for m in r.goal_gazetteer.finditer(sentence)]
    for m in r.goal_suffix.finditer(sentence):
        if m.end() not in tokens.by_end and sentence[m.end():m.end() + 1] not in ("", "之", "的"):
            continue
        s = grow_left(tokens, sentence, m.start(), 12, lambda w: _goal_blocks(w, r))
        name = canonical(sentence[s:m.end()])
        if name[: len(name) - len(m.group(0))] in r.goal_generic_heads:
            continue
        if (len(name) >= 4 and name != m.group(0)) or r.goal_gazetteer.fullmatch(name):
            out.append(Candidate("Goal", s, m.end(), name, rule="goal-suffix", priority=3))
    out += [Candidate("Goal", m.start(), m.end(), canonical(m.group(0)), rule="goal-target", priority=1)
            for m in _TARGET.finditer(sentence)]
    return out


_GOAL_STOP_TAGS = frozenset({"ns", "nr", "nrt", "nt", "m", "mq", "q", "t", "f", "s"})


def _goal_blocks(word: str, r: Rules) -> bool:
    """True when ``word`` ends the leftward growth of a Goal name.

    A Goal grows over its subject area only (组织工作高质量发展, **经济社会高质量发展,
    人才强市战略): nouns, adjectives and masked places.  Verbs, including the
    verbs of serving that jieba tags as nouns (助力, 赋能), place and scope
    words (湖南, 全省) and bodies (市委) stop it: 共助乡村振兴 -> 乡村振兴.
    """
    if word == "*":
        return False
    if not word or word[0] in PUNCT or word.isspace() or word in r.stop_words or word in r.goal_prefix_stops:
        return True
    if word.endswith(("委", "党委", "政府", "部门", "组织")):
        return True
    tag = word_tag(word)
    return (tag.startswith("v") and tag != "vn") or tag in r.stop_tags or tag in _GOAL_STOP_TAGS


def nested_goals(sentence: str, kept: list[Candidate], r: Rules) -> list[Candidate]:
    """Goals named inside a program of the shape 抓党建促Y / 党建引领Y (guide rule 5: nested names).

    The program serves the goal it names (relations: SERVES), so the goal is
    a mention of its own although it lies inside the program's span.
    """
    out = []
    for c in kept:
        if c.rule != "program-pattern":
            continue
        for m in r.goal_gazetteer.finditer(sentence, c.start, c.end):
            out.append(Candidate("Goal", m.start(), m.end(), m.group(0), rule="goal-nested", priority=3))
    return out


# A clause: up to its comma, semicolon or colon; a comma between digits before three more is a thousands separator
# (２７，２０３，３１９，０００元 is one figure, not four clauses).
_CLAUSE = re.compile(r"(?:[^，；。：！？,;:!?（）()]|(?<=[0-9０-９])[，,](?=[0-9０-９]{3}))+")


@lru_cache(maxsize=1)
def _target_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Guide rule 9: a quantity is a number with a unit (``[goal] quantity_units``) or a percent
    sign, or a quantity in words closing the clause (…翻番, …保持两位数增长: ``[goal] quantity_words``; not
    翻两番就会落空); years, ordinals and numbered things (2025年, 第3批, 6号线, G331) are not, nor is a deadline
    counted in working days (7个工作日内答复: a rule of procedure).  A clause may open with words
    that are no part of the target (``[goal] target_leads``: 确保, 力争, 年内) and, in a list of
    measures, with the item's number (47．全市新增2400户; 十一是维修农村供水工程1800处, as the 2025 report of
    山西 numbers its 民生实事)."""
    lx = lexicon()
    units = lx.alternation("goal", "quantity_units").pattern
    words = lx.alternation("goal", "quantity_words").pattern
    quantity = re.compile(r"(?<![A-Za-z0-9.第])\d+(?:[.．]\d+)?(?:" + units + ")(?!工作日)|(?:" + words + ")$")
    item = r"(?:\d{1,3}[．.、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}是)\s*"
    return quantity, re.compile("^(?:" + item + ")?(?:" + lx.alternation("goal", "target_leads").pattern + ")*")


def target_clauses(sentence: str) -> list[Candidate]:
    """Quantitative targets: each clause of 4–60 characters holding a quantity (guide rule 9).

    A target counting several kinds of people or things runs long (5年内重点引进扶持200名左右能够突破关键技术、
    发展高新技术产业、带动新兴学科的创新创业领军人才, 49 characters); 14 of the 535 adjudicated targets with a
    figure are longer than 40 characters, 4 longer than 60.

    The caller skips sentences in a section reviewing past work, whose figures
    report what was achieved; within any sentence, a figure reported as reached (已建成24个; a sentence
    opened by 目前/今年以来/近年来: ``[goal] achieved_pattern``, ``achieved_openers``) is none either.  A
    leading 确保/力争/年内 is dropped (rule 9).  A clause granting support (给予…奖补, 最高500万元:
    ``[goal] grant_pattern``) states a means, no target.
    """
    quantity, leads = _target_patterns()
    r = rules()
    grant = r.grant
    out = []
    if r.achieved_openers.match(sentence.lstrip()):
        return out
    for m in _CLAUSE.finditer(sentence):
        text = m.group(0)
        if not quantity.search(text):
            continue
        lead = leads.match(text)
        s = m.start() + (lead.end() if lead else 0)
        if grant.search(sentence[s:m.end()]) or r.achieved.search(text):
            continue
        if 4 <= m.end() - s <= 60:
            out.append(Candidate("Goal", s, m.end(), canonical(sentence[s:m.end()]), rule="goal-target-clause", priority=2))
    return out


# 到2027年，…: the year a plan sets its targets for (guide rule 9); no part of a target's name.
HORIZON_LEAD = re.compile(r"到(?:19|20)\d{2}年(?:底|前|末)?[，,]")


@lru_cache(maxsize=1)
def _horizon() -> re.Pattern[str]:
    return re.compile(r"(?:^|[，；：。])(?:" + HORIZON_LEAD.pattern + "|" + lexicon().raw["goal"]["horizon_pattern"] + ")")


def horizon_goals(sentence: str) -> list[Candidate]:
    """The end-states a plan sets for its period, one per clause after the words that open its targets
    (到2023年，工业互联网建设量质并进，新模式、新业态大范围推广; 主要目标是：…治理结构更加健全，市场化运营机制
    更加完善; 今后5年，…; 经过5年左右，…: ``[goal] horizon_pattern``): a Goal for each clause of 4-40
    characters without a quantity (those are :func:`target_clauses`), a leading 确保/力争 dropped.  A clause
    that opens with a modal (要在全国农村基本建立…) states an action, not the state reached, and one that opens
    with 为 (为…奠定坚实基础) what the targets serve: neither gives one.  A verb may open a target clause
    (完成事业单位分类; jieba also tags 治理 of 治理结构更加健全 a verb).

    Pattern source: guide rule 9 (the targets of the period the document plans, one per clause) and the
    guide's Goal (an end-state the work is meant to achieve); in the 36 annotated documents every clause
    after 到20XX年 (5 of 5) is a gold Goal.  The caller skips sentences reviewing past work.
    """
    m = _horizon().search(sentence)
    if m is None:
        return []
    leads = _target_patterns()[1]
    out = []
    for c in _CLAUSE.finditer(sentence, m.end()):
        if re.search(r"\d", c.group(0)):  # figures and quantities: target_clauses
            continue
        lead = leads.match(c.group(0))
        s = c.start() + (lead.end() if lead else 0)
        if next(iter(tokenize(sentence[s:c.end()])), ("",))[0] in _HORIZON_STOPS:
            continue  # 到2008年，要在全国农村基本建立…制度: an action to take, whose programs are the names
        if 4 <= c.end() - s <= 40:
            out.append(Candidate("Goal", s, c.end(), canonical(sentence[s:c.end()]), rule="goal-horizon-clause", priority=2))
    return out


_HORIZON_MODALS = frozenset({"要", "将", "必须", "应", "应当", "需", "需要"})
# The first words of a clause after a target opener that give no target: a modal, or 为 (what the targets serve).
_HORIZON_STOPS = _HORIZON_MODALS | {"为"}


def _opens_with_action(clause: str, pronoun: bool = False) -> bool:
    """True when ``clause`` opens with a modal (:data:`_HORIZON_MODALS`) or a verb other than a verbal noun
    (jieba tag ``v*`` but ``vn``), or, with ``pronoun``, a pronoun (``r``: 我们要…): it states an action to
    take, not the state to reach."""
    first = next(iter(tokenize(clause)), ("", 0, 0))[0]
    tag = word_tag(first)
    return first in _HORIZON_MODALS or (tag.startswith("v") and tag != "vn") or (pronoun and tag.startswith("r"))


def principles_heading(heading: str) -> bool:
    """True when a section heading names the principles the work follows (基本原则, 工作原则, 主要原则:
    ``[goal] principles_headings``)."""
    return lexicon().holds_any("goal", "principles_headings", heading)


@lru_cache(maxsize=1)
def _upheld() -> re.Pattern[str]:
    """A clause opened by a word of ``[goal] principle_item_leads`` (its item number or dash allowed before it:
    坚持以人为本，…; （二）坚持问题导向。…; ——坚持分类指导，…); group 1, the principle, runs to the clause's end
    (two to fourteen characters)."""
    leads = lexicon().alternation("goal", "principle_item_leads").pattern
    return re.compile(rf"(?:^|[。；：，])[ \u3000]*(?:——)?(?:{ENUMERATOR.pattern})?[ \u3000]*(?:{leads})"
                      r"([\u4e00-\u9fff“”、]{2,14}?)(?=[，。；：]|$)")


def principle_item_goals(sentence: str) -> list[Candidate]:
    """The principle each item of a principles section upholds (基本原则。坚持以人为本，把…作为出发点；坚持分类指导，…):
    the words after a clause-opening 坚持 (and 坚持和加强…), up to the clause's end.

    Pattern source: guide rule 4 (what is upheld is a Goal) and rule 12 (principle slogans are Goals), and the
    way opinions and plans set out their 基本原则/工作原则, one 坚持-clause per principle.  In the sections so
    headed of the 82 annotated documents, 32 of the 39 such clauses name a gold Goal (the 4-fold models had
    found 12); the other 7 are principles the adjudicators left out (实事求是, 因地制宜).  The caller passes
    only sentences of a section whose own or parent heading holds ``[goal] principles_headings``.

    Returns:
        ``goal-principle-item`` candidates (offsets into ``sentence``).
    """
    out = []
    for m in _upheld().finditer(sentence):
        s, e = m.start(1), m.end(1)
        out.append(Candidate("Goal", s, e, canonical(sentence[s:e]), rule="goal-principle-item", priority=2))
    return out


def targets_heading(heading: str) -> bool:
    """True when a section heading names the targets the document sets (发展目标, 主要目标, 总体目标:
    ``[goal] targets_headings``)."""
    return lexicon().holds_any("goal", "targets_headings", heading)


# A dash opening a line (——, --, －－, ─): how plans set out their targets one per line.
_DASH_LEAD = re.compile(r"^[ \u3000]*(?:——?|--|－－|──?)[ \u3000]*")


def target_lead_goals(sentence: str) -> list[Candidate]:
    """The end-state a line of a plan's targets opens with (——新型基础设施更加完善。5G网络全面部署，…;
    ——文化软实力显著增强。): the clause after the dash, when it closes its sentence, holds no figure and
    does not open with a verb or a pronoun.

    Pattern source: guide rule 12 (an end-state of a place or sector the work builds toward is a Goal) and
    the way Chinese plans write their targets section (发展目标, 主要目标: ``[goal] targets_headings``),
    one dash-led line per sector, the lead clause naming the state reached and the sentences after it
    the programs that reach it.  The caller passes only sentences of such a section that review
    nothing.  Leads that state actions (——保持经济中高速增长，推动产业迈向中高端水平; ——我们要…) give none:
    they open with a verb or a pronoun, or run on past a comma.  In the annotated documents the one
    plan so written has all 6 of its leads as gold Goals.

    Returns:
        ``goal-target-lead`` candidates (offsets into ``sentence``), at most one.
    """
    m = _DASH_LEAD.match(sentence)
    if m is None:
        return []
    c = _CLAUSE.match(sentence, m.end())
    if c is None or (c.end() < len(sentence) and sentence[c.end()] not in "。；;！"):
        return []
    text = c.group(0).rstrip()
    if re.search(r"\d", text) or not 4 <= len(text) <= 30:
        return []
    if _opens_with_action(text, pronoun=True):
        return []
    return [Candidate("Goal", c.start(), c.start() + len(text), canonical(text), rule="goal-target-lead", priority=2)]


@lru_cache(maxsize=1)
def _quality_list() -> tuple[re.Pattern[str], tuple[str, ...]]:
    lx = lexicon()
    item = r"[^，。；：、“”]{2,8}"
    verbs = lx.alternation("goal", "quality_list_verbs").pattern
    return (re.compile(r"(?:" + verbs + r")(?:一支|一批|更加)?(" + item + r"(?:、" + item + r"){2,}的[^，。；：、“”的]{2,8}?)"
                       r"(?=[，。；、]|$)"), tuple(lx.words("goal", "quality_list_program_heads")))


def quality_list_goals(sentence: str) -> list[Candidate]:
    """End-states described by a list of at least three qualities before 的 and a head, after a verb
    of building toward (``[goal] quality_list_verbs``): 造就…有理想、有道德、有文化、有纪律的职工队伍.

    Pattern source: the guide's Goal ("an end-state … that work is meant to achieve") and rule 12;
    measured on the annotated documents (``lexicon.toml``).  A head that names a mechanism or system
    (``quality_list_program_heads``) makes the phrase a Program's description, so no Goal.
    """
    pattern, program_heads = _quality_list()
    out = []
    for m in pattern.finditer(sentence):
        if m.group(1).endswith(program_heads):
            continue
        out.append(Candidate("Goal", m.start(1), m.end(1), canonical(m.group(1)), rule="goal-quality-list", priority=2))
    return out


@lru_cache(maxsize=1)
def _principle() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    lx = lexicon()
    item = r"[\u4e00-\u9fff]{2,6}"
    verbs = lx.alternation("goal", "principle_verbs").pattern
    closers = lx.alternation("goal", "principle_closers").pattern
    return (re.compile(r"(?:" + verbs + r")((?:" + item + r"、){1,5}" + item + r")(?=" + closers + r"|[，。；]|$)"),
            tuple(lx.words("goal", "principle_verbs")), tuple(lx.words("goal", "principle_closers")))


def principle_goals(sentence: str) -> list[Candidate]:
    """A principle or requirement upheld, written as parallel items after a verb of upholding (坚持公开公平、竞争择优,
    按照就近就便、职住兼顾的要求, 做到抓早抓小、防微杜渐).

    Pattern source: guide rule 12 (principle slogans such as 严控增量、优化存量、提升质量 are Goals) and rule 4
    (what is upheld is a Goal); the verbs and closing words are ``[goal] principle_verbs`` and
    ``principle_closers`` (measured on the annotated documents, see ``lexicon.toml``).  A trailing 的 or
    closing word is left out of the name; a list whose items repeat the verb (坚持A、坚持B) is a list of
    principles, not one, and gives none.

    Returns:
        ``goal-principle`` candidates (offsets into ``sentence``).
    """
    if "、" not in sentence:
        return []
    pattern, verbs, closers = _principle()
    out = []
    for m in pattern.finditer(sentence):
        s, e = m.start(1), m.end(1)  # the last item may have taken in a closer (竞争择优原则)
        closer = next((c for c in closers if sentence.endswith(c, s, e)), "")
        e -= len(closer)
        while sentence[e - 1] == "的":
            e -= 1
        items = sentence[s:e].split("、")
        if any(len(x) < 2 or x.startswith(verbs) for x in items):
            continue
        out.append(Candidate("Goal", s, e, canonical(sentence[s:e]), rule="goal-principle", priority=3))
    return out


# Tags of a token that may follow an end-state of a place: it closes the name (a verb, adverb, particle,
# preposition, conjunction or locative: 平安龙江建设深入推进, 美丽河北建设迈出坚实步伐); a noun or verbal noun
# after it makes the phrase part of a longer name (健康中国行动, 美丽中国先行区, 数字中国建设峰会).
_AFTER_END_STATE = ("v", "d", "p", "c", "u", "f", "r", "ad")


def quality_of_place(name: str) -> bool:
    """True when ``name`` is a quality of ``[goal] end_state_qualities`` then a place, every token of it a jieba
    ``ns`` and not one of ``end_state_not_places`` (平安江苏, 法治四川, 健康中国; not 美丽河湖)."""
    qualities, not_places, _closing = _end_state_words()
    quality = next((q for q in qualities if name.startswith(q)), "")
    place = name[len(quality):]
    return bool(quality and place) and place not in not_places and all(
        word_tag(w) == "ns" for w, _s, _e in tokenize(place))


@lru_cache(maxsize=1)
def _end_state_words() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    lx = lexicon()
    return (tuple(lx.words("goal", "end_state_qualities")), lx.wordset("goal", "end_state_not_places"),
            lx.wordset("goal", "end_state_closing_nouns"))


def end_state_goals(sentence: str, tokens: Tokens) -> list[Candidate]:
    """End-states of a place written as a quality and the place (平安河北, 法治浙江, 美丽吉林建设, 健康中国).

    Pattern source: guide rule 12 (平安中国, 法治中国, 健康中国 are Goals) and the national strategies the
    provinces restate with their own name; the qualities are ``[goal] end_state_qualities``, the place is
    one or two jieba ``ns`` tokens (not ``end_state_not_places``: 美丽河湖 is a river-works program).  A
    list of them (平安河北、法治河北建设, 平安浙江法治浙江) gives one Goal each; a trailing 建设 is an
    alias.  No Goal when a noun follows (健康中国行动 is a program, 美丽中国先行区 another name) other than
    one of ``[goal] end_state_closing_nouns`` (平安天津水平全面提升).

    Returns:
        ``goal-end-state`` candidates (offsets into ``sentence``).
    """
    qualities, not_places, closing = _end_state_words()
    if not any(q in sentence for q in qualities):
        return []
    words = tokens.words
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        w, s, e = words[i]
        if not w.startswith(qualities):
            i += 1
            continue
        quality = next(q for q in qualities if w.startswith(q))
        j = i + 1
        if w == quality:  # 平安 / 河北: the place is the next ns tokens
            while j < len(words) and j - i <= 2 and word_tag(words[j][0]) == "ns":
                j += 1
            place = sentence[e:words[j - 1][2]]
        else:  # 健康中国 as one dictionary word
            place = w[len(quality):] if quality_of_place(w) else ""
        if not place or place in not_places:
            i += 1
            continue
        end, k, aliases = words[j - 1][2], j, []
        if k < len(words) and words[k][0] == "建设":
            aliases.append(canonical(sentence[s:words[k][2]]))
            k += 1
        if k == len(words) or _closes_end_state(words[k][0], qualities, closing):
            out.append(Candidate("Goal", s, end, canonical(sentence[s:end]), aliases, rule="goal-end-state", priority=2))
        i = j
    return out


def _closes_end_state(word: str, qualities: tuple[str, ...], closing: frozenset[str]) -> bool:
    """True when ``word``, right after an end-state of a place, leaves it a name of its own (:func:`end_state_goals`)."""
    if word[0] in PUNCT or word.isspace() or word.startswith(qualities) or word in ("和", "与", "及") or word in closing:
        return True
    tag = word_tag(word)
    return tag != "vn" and tag.startswith(_AFTER_END_STATE)

