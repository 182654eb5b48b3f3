"""A plan's targets (guide rule 9, and rule 12's end-states): quantitative target clauses, the clauses after
the words that open a plan's targets (到2025年，…; 主要目标是：…), and the clauses of a section that sets nothing
but the targets (（二）发展目标).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon, tokenize, word_tag
from ..outline import ENUMERATOR
from .common import Candidate, rules

__all__ = ["HORIZON_LEAD", "horizon_goals", "opens_target_paragraph", "target_clauses", "target_lead_goals",
           "target_run_goal", "target_section_goals", "targets_heading", "targets_only_heading"]


# A clause: up to its comma, semicolon or colon; a comma between digits before three more is a thousands separator
# (２７，２０３，３１９，０００元 is one figure, not four clauses); a bracketed note of up to 30 characters without a
# clause break is part of its clause (到国（境）外培训, 129个县（市、区）全部达到…: the annotators keep the note in the
# target's name, 61 gold Goals hold one; cutting there left fragments opening on 、 or 左右). Over the 105 training
# texts, 4-fold: Goals 5,727 -> 5,740 right of 7,189 -> 7,190 predicted.
_CLAUSE = re.compile(r"(?:[^，；。：！？,;:!?（）()]|(?<=[0-9０-９])[，,](?=[0-9０-９]{3})"
                     r"|[（(][^，；。：！？,;:!?（）()]{1,30}[）)])+")


@lru_cache(maxsize=1)
def _target_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Guide rule 9: a quantity is a number with a unit (``[goal] quantity_units``) or a percent
    sign, or a quantity in words closing the clause (…翻番, …保持两位数增长: ``[goal] quantity_words``; not
    翻两番就会落空), or days after a minimum (累计不少于6天: ``[goal] minimum_units``, ``minimum_words``) and a
    count in Chinese numerals after one (每年至少召开一次民主生活会: ``minimum_counted_units``); years,
    ordinals and numbered things (2025年, 第3批, 6号线, G331) are not, nor is a deadline counted in working days
    (7个工作日内答复: a rule of procedure).  A clause may open with words
    that are no part of the target (``[goal] target_leads``: 确保, 力争, 年内) and, in a list of
    measures, with the item's number (47．全市新增2400户; 十一是维修农村供水工程1800处, as the 2025 report of
    山西 numbers its 民生实事)."""
    lx = lexicon()
    units = lx.alternation("goal", "quantity_units").pattern
    words = lx.alternation("goal", "quantity_words").pattern
    minimum = (f"(?:{lx.alternation('goal', 'minimum_words').pattern})"
               f"(?:\\d+(?:[.．]\\d+)?(?:{lx.alternation('goal', 'minimum_units').pattern})"
               f"|[^，。；]{{0,20}}?[一二两三四五六七八九十百]+(?:{lx.alternation('goal', 'minimum_counted_units').pattern}))")
    quantity = re.compile(r"(?<![A-Za-z0-9.第])\d+(?:[.．]\d+)?(?:" + units + ")(?!工作日)|(?:" + words + ")$|"
                          + minimum)
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
    ``[goal] grant_pattern``) states a means, no target, and a clause closing on 的 before a comma
    (:func:`_condition`) the threshold of a condition.
    """
    quantity, leads = _target_patterns()
    r = rules()
    grant = r.grant
    out = []
    if r.achieved_openers.match(sentence.lstrip()) or not _quantity_hint().search(sentence):
        return out
    for m in _CLAUSE.finditer(sentence):
        text = m.group(0)
        if not quantity.search(text):
            continue
        lead = leads.match(text)
        s = m.start() + (lead.end() if lead else 0)
        if grant.search(sentence[s:m.end()]) or r.achieved.search(text) or _condition(sentence, m.end(), text):
            continue
        for a, b in _own_targets(sentence, s, m.end(), quantity):
            if 4 <= b - a <= 60:
                out.append(Candidate("Goal", a, b, canonical(sentence[a:b]), rule="goal-target-clause", priority=2))
    return out


@lru_cache(maxsize=1)
def _quantity_hint() -> re.Pattern[str]:
    """What every quantity of :func:`_target_patterns` opens with: a digit, a quantity word or a minimum word.  A
    sentence holding none has no clause with a quantity (a clause is part of it), so :func:`target_clauses` reads its
    clauses only when it holds one (2,091 of the 29,044 sentences of the gwr corpus it reads).  Compiled once (the
    lexicon does not change in a process)."""
    lx = lexicon()
    return re.compile(r"\d|" + lx.alternation("goal", "quantity_words").pattern + "|"
                      + lx.alternation("goal", "minimum_words").pattern)


def _condition(sentence: str, end: int, clause: str) -> bool:
    """True when ``clause``, ending at ``end``, closes on 的 right before a comma and holds no 是: a 的-phrase standing for
    whoever meets a condition, its figure a threshold, not a target (有3名以上正式党员、条件成熟的，要单独建立党组织, the
    central opinion on party building in private enterprises; 对其上一年度实施产业化项目并实际完成投资1000万元及以上的，
    省级按…给予奖补, 安徽's plan).  The golds' names that end on 的 state a principle with 是 (党是领导一切的)."""
    return clause.endswith("的") and sentence[end:end + 1] in "，," and "是" not in clause


def _own_targets(sentence: str, start: int, end: int, quantity: re.Pattern[str]) -> list[tuple[int, int]]:
    """The targets of one clause ``sentence[start:end]``: the clause, or its parts when a part after 、 states a
    target of its own, a quantity after a verb of its own (城镇新增就业50万人、失业人员实现再就业10万人;
    实施20项以上重大科技项目、转化100项以上科技成果), guide rule 9's "one per clause".  A list of things one
    verb counts stays one target (改造老旧小区1291个、各类管网1500公里), and so does a clause of 分别 (…分别增长3.5%、
    7%), whose figures are read together.  Measured on the 117 annotated documents: of the clauses whose part
    after 、 holds a verb before its figure, the gold splits 25 and keeps 15 whole; of the others it splits 10
    and keeps 71 whole.

    Returns:
        ``(start, end)`` character offsets into ``sentence``, in order.
    """
    text = sentence[start:end]
    if "、" not in text or "分别" in text:
        return [(start, end)]
    cuts, at = [start], start
    for part in text.split("、")[:-1]:
        at += len(part) + 1
        rest = sentence[at:end]
        head = re.split(r"\d", rest, maxsplit=1)[0]
        if (quantity.search(sentence[cuts[-1]:at - 1]) and quantity.search(rest)
                and any(word_tag(w).startswith("v") for w, _, _ in tokenize(head))):
            cuts.append(at)
    return [(a, (b - 1 if b < end else b)) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]


# 到2027年，…: the year a plan sets its targets for (guide rule 9); no part of a target's name.
HORIZON_LEAD = re.compile(r"到(?:19|20)\d{2}年(?:底|前|末)?[，,]")


@lru_cache(maxsize=1)
def _horizon() -> re.Pattern[str]:
    pattern = lexicon().raw["goal"]["horizon_pattern"]
    return re.compile(r"(?:^|[，；：。])(?:力争|争取)?(?:" + HORIZON_LEAD.pattern + "|" + pattern + ")")


def horizon_goals(sentence: str) -> list[Candidate]:
    """The end-states a plan sets for its period, one per clause after the words that open its targets
    (到2023年，工业互联网建设量质并进，新模式、新业态大范围推广; 主要目标是：…治理结构更加健全，市场化运营机制
    更加完善; 今后5年，…; 经过5年左右，…; 本规划的主要目标是：…; 利用2-3年时间，…; 力争用5年左右时间，…:
    ``[goal] horizon_pattern``, after 力争 or 争取 too): a Goal for each clause of 4-40
    characters without a quantity (those are :func:`target_clauses`), a leading 确保/力争 dropped.  A clause
    that opens with a modal (要在全国农村基本建立…) states an action, not the state reached, and one that opens
    with 为 (为…奠定坚实基础) what the targets serve: neither gives one.  A verb may open a target clause
    (完成事业单位分类; jieba also tags 治理 of 治理结构更加健全 a verb).

    Pattern source: guide rule 9 (the targets of the period the document plans, one per clause) and the
    guide's Goal (an end-state the work is meant to achieve); in the 36 annotated documents every clause
    after 到20XX年 (5 of 5) is a gold Goal.  A plan's 主要目标是：… led at once by a state (no date, count of years
    or figure first: 党的创新理论武装进一步深化，…，用以武装头脑、指导实践、推动工作更加坚定自觉) names one field's
    end-state and details it after, as :func:`target_run_goal`'s sentences do: only its lead is read (4-fold, four
    Goals fewer, none gold).  The caller skips sentences reviewing past work.
    """
    m = _horizon().search(sentence)
    if m is None:
        return []
    goals = _clause_goals(sentence, m.end(), "goal-horizon-clause")
    lead = [g for g in goals if g.start == m.end() and _names_state(sentence[g.start:g.end])]
    if lead and "目标" in m.group(0) and not _horizon().match(sentence, m.end() - 1):
        return lead  # 主要目标是：党的创新理论武装进一步深化，…用以…更加坚定自觉: the lead names the field's state
    return goals


def _names_state(clause: str) -> bool:
    """True when ``clause`` opens with no verb, modal, pronoun, adverb or preposition: it names a state reached."""
    word = next(iter(tokenize(clause)), ("", 0, 0))[0]
    return not (_opens_with_action(clause, pronoun=True) or word_tag(word) in _RUN_STOP_TAGS)


def opens_target_paragraph(sentence: str, offset: int) -> bool:
    """True when ``sentence``, which stands ``offset`` characters into its paragraph, opens the paragraph with the
    words that open a plan's targets (主要目标是：…; 到2027年，…; 2.目标任务。今后五年，…): within ``[goal]
    target_run_opener_max`` characters of the paragraph's start, so a lead heading of a few characters may stand
    before them.  The sentences after it in the paragraph go on setting the targets (:func:`target_run_goal`).

    Args:
        sentence: the sentence's text.
        offset: where the sentence starts, counted from its paragraph's first character.
    """
    m = _horizon().search(sentence)
    return m is not None and offset + m.start() <= int(lexicon().raw["goal"]["target_run_opener_max"])


def target_run_goal(sentence: str) -> list[Candidate] | None:
    """The end-state that leads a sentence going on with a targets paragraph (:func:`opens_target_paragraph`):
    主要目标是：…更加坚定自觉。党员教育培训体系进一步完善，党员教育培训作用更加凸显，…。党员教育培训成效进一步提升，…
    gives 党员教育培训体系进一步完善 and 党员教育培训成效进一步提升.  Its first clause, read as after 到2025年，
    (:func:`horizon_goals`: 4-40 characters, no figure, no date, no modal or 为 first), when it names no action:
    it opens with no verb, adverb, preposition or pronoun (对年老体弱…的党员), nor with a verb of promoting or carrying
    out (``[goal] end_state_leads``: 大力发展…队伍, which jieba reads as one noun).  One Goal a sentence:
    the clauses after the lead detail it.

    Pattern source: guide rule 9 (the targets of the period the document plans) and rule 12 (the end-state of a
    sector), and the way central plans and opinions write their 主要目标: an opener, then one sentence per
    field, each led by the state the field is to reach (乡村产业更加兴旺，…。乡村更加生态宜居，…).  On the 117
    annotated texts, 4-fold predictions: 14 such leads no rule read, all 14 gold Goals (2 in gold-b's central
    plan); every later clause of those sentences, 18 more of 45 gold.

    Returns:
        ``goal-target-run`` candidates (offsets into ``sentence``), at most one; ``[]`` when the first clause is a
        figure (:func:`target_clauses` reads it) or is no clause to read; ``None`` when it states an action, which
        ends the run (the caller stops reading the paragraph's sentences so).
    """
    first = next(_CLAUSE.finditer(sentence), None)
    if first is None:
        return []
    quantity, _leads = _target_patterns()
    if quantity.search(first.group(0)):
        return []
    goals = [g for g in _clause_goals(sentence, 0, "goal-target-run") if g.end == first.end()]
    clause = sentence[goals[0].start:goals[0].end] if goals else first.group(0).strip()
    if not _names_state(clause) or clause.startswith(tuple(lexicon().words("goal", "end_state_leads"))):
        return None
    return goals


#: Tags of a first word that make a clause an action or a circumstance, not a state reached: an adverb (大力发展),
#: a preposition (对年老体弱…的党员).
_RUN_STOP_TAGS = frozenset({"d", "ad", "p"})


_DATED = re.compile(r"(?:19|20)\d{2}年")
_BRACKETS = frozenset("（）()")


def _bracketed(sentence: str, at: int) -> bool:
    """True when offset ``at`` of ``sentence`` lies inside brackets (an aside: a unit line, a note)."""
    before = sentence[:at]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _clause_goals(sentence: str, start: int, rule: str) -> list[Candidate]:
    """A Goal for each target clause of ``sentence`` from ``start`` (:func:`horizon_goals` says which)."""
    quantity, leads = _target_patterns()
    out = []
    for c in _CLAUSE.finditer(sentence, start):
        if quantity.search(c.group(0)):  # quantities: target_clauses
            continue
        cut = sentence[c.start() - 1:c.start()] in _BRACKETS or sentence[c.end():c.end() + 1] in _BRACKETS
        if cut or _DATED.search(c.group(0)) or _bracketed(sentence, c.start()) or sentence[c.end():c.end() + 1] in "：:":
            continue  # 到2015年将广州建设成为…: a dated action; 全社会研发（R&D）…: a clause cut by a bracket;
            # （牵头单位：市应急办，配合单位：…）: an aside; 到2035年，我国发展的总体目标是：…: what introduces the targets
        lead = leads.match(c.group(0))
        s = c.start() + (lead.end() if lead else 0)
        if next(iter(tokenize(sentence[s:c.end()])), ("",))[0] in _HORIZON_STOPS:
            continue  # 到2008年，要在全国农村基本建立…制度: an action to take, whose programs are the names
        if 4 <= c.end() - s <= 40 and not targets_only_heading(sentence[s:c.end()]):
            out.append(Candidate("Goal", s, c.end(), canonical(sentence[s:c.end()]), rule=rule, priority=2))
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


def targets_only_heading(heading: str) -> bool:
    """True when a section heading names nothing but the targets the document sets: after its number, at most
    ``[goal] targets_only_max`` characters ending in a word of ``[goal] targets_headings`` (（二）发展目标, 三、主要目标,
    总体目标, 工作目标; not 2025年目标任务和主要工作, which heads a whole year's work).

    Args:
        heading: a section heading (or any clause), as written.
    """
    lx = lexicon()
    text = heading.strip().rstrip("。：:")
    m = ENUMERATOR.match(text)
    text = text[m.end():].strip() if m else text
    return len(text) <= int(lx.raw["goal"]["targets_only_max"]) and text.endswith(tuple(lx.words("goal", "targets_headings")))


def target_section_goals(sentence: str) -> list[Candidate]:
    """Every target clause of a sentence in a section that sets nothing but the document's targets
    (:func:`targets_only_heading`): （二）发展目标 ——新型基础设施更加完善。5G网络全面部署，建成全面覆盖城市地区和有条件乡镇的
    “双千兆”网络基础设施。 gives 5G网络全面部署 and 建成…网络基础设施.  The clauses are read as after 到2025年，
    (:func:`horizon_goals`: 4-40 characters, no figure, no modal or 为 first, a leading 确保/力争 or item number
    dropped); the dash-led lead is :func:`target_lead_goals`'.

    Pattern source: guide rule 9 (the targets of the period the document plans, one per clause, verb-led ones
    included: 建成…, 形成一批…) and rule 12 (the end-state of a sector), and how implementation plans lay out a
    发展目标 section: one dash-led line per sector, its sentences the states to reach.  Measured over the annotated
    documents (7 with such a section): see ``loaders/training/HISTORY.md``, session 47.  The caller skips
    sentences reviewing past work.

    Returns:
        ``goal-section-clause`` candidates (offsets into ``sentence``).
    """
    if _horizon().search(sentence):  # 到2023年，…: horizon_goals reads the same clauses
        return []
    lead = _DASH_LEAD.match(sentence)
    return _clause_goals(sentence, lead.end() if lead else 0, "goal-section-clause")
