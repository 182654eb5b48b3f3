"""Bodies read from a sentence's final candidates and from the forms of official writing, after the tagger.

Five forms name Bodies whatever the tagger made of the text around them: an organ named with its
standing committee (省人大及其常委会: two Bodies), a category of organisations counted in a target
(新增服务业领军企业200家: nested in the Goal), the addressee line of a notice (主送机关), the organs
that issue a cited instrument, at the head of its title (发文机关: 《中共中央、国务院关于…的意见》), and the
units an item's unit line names (责任单位：省财政厅、安徽证监局).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon, tokenize, word_tag
from .common import Candidate, note, rules, top_level_parts

__all__ = ["addressees", "after_leading_verbs", "counted_bodies", "counted_heads", "organ_ending", "split_committees",
           "title_issuers", "unit_line_bodies", "with_level_list", "without_unit_roles"]


@lru_cache(maxsize=1)
def _committee_tails() -> tuple[tuple[str, str], ...]:
    """``[body] conjoined_committees``: (conjoining tail, the committee's word) pairs."""
    return tuple((tail, word) for tail, word in lexicon().raw["body"]["conjoined_committees"])


def split_committees(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """Split a Body named with its standing committee into the two Bodies it names.

    自觉接受省人大及其常委会的法律监督 names 省人大 and 省人大常委会 (guide rule 11: "人大 and its 常委会";
    the formula of every government work report, ``[body] conjoined_committees``).  The organ keeps the
    mention's first characters; the committee, named organ + 常委会, the characters of its own word.

    Args:
        sentence: the sentence the candidates index.
        cands: a sentence's final candidates (after the tagger), in text order.

    Returns:
        The candidates with each such Body replaced by the two, in text order; the others unchanged.
    """
    out: list[Candidate] = []
    for c in cands:
        surface = sentence[c.start:c.end]
        pair = next(((t, w) for t, w in _committee_tails() if c.label == "Body" and surface.endswith(t)), None)
        if pair is None or len(surface) - len(pair[0]) < 2:
            out.append(c)
            continue
        organ = canonical(surface[:-len(pair[0])])
        parts = [Candidate("Body", c.start, c.end - len(pair[0]), organ, rule=c.rule, priority=c.priority),
                 Candidate("Body", c.end - len(pair[1]), c.end, organ + pair[1], rule=c.rule, priority=c.priority)]
        for part in parts:
            note(part, f"kept: split from {c.name!r} (an organ and its standing committee)")
        out += parts
    return out


@lru_cache(maxsize=1)
def _addressee_heads() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "addressee_heads"))


def organ_ending(part: str) -> bool:
    """True when ``part`` ends with an organ's word, a closing bracket's alternative aside (党组（党委）)."""
    return re.sub(r"[（(][^（()）]*[）)]$", "", part).endswith(_addressee_heads())


def addressees(line: str) -> list[Candidate]:
    """The Bodies a notice is addressed to, when ``line`` is its addressee line (主送机关), else ``[]``.

    Official documents sent down a hierarchy open, after the title and the issue number, with one line
    naming the organs addressed and ending with a colon (GB/T 9704-2012 公文格式, 主送机关):
    各市人民政府，省政府各部门，各直属机构： or 各区县（自治县）民政局，党委社会工作部，发展改革委、教委、
    财政局…：.  The line is cut at ，/, into groups and each group at 、 (never inside brackets).  A group
    whose 、-parts all end with an organ's word (``[body] addressee_heads``) names one Body per part; a
    group whose other parts are bare levels of one or two characters names one Body in all
    (各旗、县、区人民政府: the organ of every level listed).  Parts that are no organ (卧龙特别行政区) give
    nothing here; a leading 各 is no part of the name and generic words (单位) are none.  The caller
    decides that the line opens the document (no sentence before it); this function only reads its form.

    Args:
        line: one sentence of the document (its simplified-script copy).

    Returns:
        Body candidates (rule ``addressee``) with offsets in ``line``; ``[]`` unless the line ends with
        a colon and at least half of its parts end with an organ's word.
    """
    text = line.rstrip()
    if not text.endswith(("：", ":")) or len(text) > 400 or "。" in text:
        return []
    start = len(text) - len(text.lstrip())
    groups = [top_level_parts(text, a, b, "、") for a, b in top_level_parts(text, start, len(text) - 1, "，,；;")]
    parts = [p for g in groups for p in g]
    organs = [p for p in parts if organ_ending(text[p[0]:p[1]].strip())]
    if not organs or 2 * len(organs) < len(parts):
        return []
    r = rules()
    spans: list[tuple[int, int]] = []
    for g in groups:
        named = [p for p in g if p in organs]
        if len(named) == len(g):
            spans += g
        elif organ_ending(text[g[-1][0]:g[-1][1]]) and all(b - a <= 2 for a, b in g if (a, b) not in named):
            spans.append((g[0][0], g[-1][1]))  # 各旗、县、区人民政府: one organ at every level listed
        else:
            spans += named
    out: list[Candidate] = []
    for a, b in spans:
        while a < b and text[a] in " \u3000":
            a += 1
        if text.startswith("各", a) and b - a > 3:
            a += 1
        name = canonical(text[a:b])
        if len(name) >= 2 and name not in r.body_generic:
            c = Candidate("Body", a, b, name, rule="addressee")
            note(c, "kept: an organ the notice is addressed to (主送机关)")
            out.append(c)
    return out


@lru_cache(maxsize=1)
def _issuer_heads() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "issuer_heads"))


#: Where the issuing organs of a title end: the instrument's subject (关于) or the notice's verb (印发).
_ISSUING = re.compile(r"关于|印发")


def title_issuers(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """The organs that issue a cited instrument, named at the head of its title in marks, as Bodies nested in it.

    A title names its issuers (发文机关, GB/T 9704-2012 公文格式) before 关于 or 印发, joined by 、 or a space:
    《中共中央、国务院关于深化科技体制改革加快国家创新体系建设的意见》, 《国务院关于加强数字政府建设的指导意见》,
    《中共中央办公厅 国务院办公厅印发〈…〉的通知》.  The guide's Body is any organ that can act as a unit, and rule 5
    annotates a name nested in another; in the 107 adjudicated documents 25 of the 29 distinct issuers so named are
    gold Bodies (the others: 中共中央 twice, 中共中央政治局, 民政部等部委办).  Every part must end with an organ's word
    (``[body] addressee_heads`` or ``issuer_heads``: 中央): 《安徽省关于…》 names a place, no organ; a part stops
    at 等 (民政部等部委办 names 民政部).

    Args:
        sentence: the sentence the candidates index.
        cands: its final candidates, in text order.

    Returns:
        ``cands`` with the issuers added (rule ``title-issuer``), in text order; an issuer a Body candidate
        already covers is not added again.
    """
    added: list[Candidate] = []
    for d in cands:
        if d.label != "Document" or d.rule != "title-marks" or not sentence.startswith("《", d.start):
            continue
        m = _ISSUING.search(sentence, d.start + 1, d.end)
        if m is None or not 2 <= m.start() - d.start - 1 <= 60:
            continue
        # a part stops at 等: 民政部等部委办 names 民政部
        spans = [(a, b if (etc := sentence.find("等", a, b)) < 0 else etc)
                 for a, b in top_level_parts(sentence, d.start + 1, m.start(), "、，, \u3000")]
        if not spans or not all(2 <= b - a <= 20 and (organ_ending(sentence[a:b]) or sentence[a:b].endswith(
                _issuer_heads())) for a, b in spans):
            continue
        for a, b in spans:
            if any(c.label == "Body" and c.start <= a and b <= c.end for c in cands + added):
                continue
            c = Candidate("Body", a, b, canonical(sentence[a:b]), rule="title-issuer", priority=d.priority)
            note(c, f"kept: nested, an organ issuing the cited {d.name!r} (发文机关)")
            added.append(c)
    return sorted(cands + added, key=lambda c: c.start) if added else cands


# A count of organisations: a number (digits or numerals, with 万/千/百) and the classifier of an organisation.
_COUNT = r"(?:[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十百千两]+)[万千百]?(?:家|个|所|支)"
_COUNTED_BEFORE = re.compile(r"([\u4e00-\u9fff（）()]{3,20}?)" + _COUNT)
_COUNTED_AFTER = re.compile(_COUNT + r"(?:左右|以上|多|余)?([\u4e00-\u9fff（）()]{3,20})")  # 4000家左右企业
_LEADING_VERB_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "d"})


@lru_cache(maxsize=1)
def counted_heads() -> tuple[str, ...]:
    """``[body] counted_heads``: the last words of a category of organisations (企业, 医院, 集团 …)."""
    return tuple(lexicon().words("body", "counted_heads"))


@lru_cache(maxsize=1)
def _clause_openers() -> frozenset[str]:
    """Words of the period a target counts over and verbs jieba tags otherwise (``[body] time_openers``,
    ``verb_openers``: 全年, 新建), which open a count phrase, never an organisation's name."""
    return lexicon().wordset("body", "time_openers") | lexicon().wordset("body", "verb_openers")


def after_leading_verbs(phrase: str) -> int:
    """Where a name starts in ``phrase`` (a character offset), once the clause's leading verbs (新增, 新认定, 培育,
    支持, 持续抓好), the period of a count (全年新增各类总部机构 -> 各类总部机构: :func:`_clause_openers`) and prepositions
    (与阿里、百度…) are dropped; a verb of one character opens a name (涉旅头部企业), and so does an organisation's word."""
    words = tokenize(phrase)
    k = 0
    while k < len(words) - 1 and not phrase[words[k][1]:].startswith(counted_heads()):
        w, tag = words[k][0], word_tag(words[k][0])
        if w in _clause_openers():
            k += 1
            continue
        if not (len(words[k + 1][0]) > 1 if tag == "p" else tag in _LEADING_VERB_TAGS and (len(w) > 1 or w == "新")):
            break  # a preposition before one character opens a name (在孵企业)
        k += 1
    return words[k][1] if words else 0


def _counted_name(phrase: str, after: bool) -> str:
    """The category of organisations ``phrase`` names around a count, or ``""``.

    Before a count (新增服务业领军企业200家) the phrase opens with the target's verbs, which are dropped;
    after one (提升100家县级特用供养机构服务水平) it runs to the first organisation word.  A phrase with
    等 (a list's close), 的 (a description: 网络改造应用良好的企业) or 和/与/及 (two categories) names none."""
    heads = counted_heads()
    if after:
        words = tokenize(phrase)
        if words and word_tag(words[0][0]) in _LEADING_VERB_TAGS:
            return ""  # 100所达到二级医院服务能力的…: the count's object is further on
        cut = min((phrase.find(h) + len(h) for h in heads if h in phrase), default=-1)
        phrase = phrase[:cut] if cut > 0 else ""  # the first organisation word: 5家企业建设世界一流企业 counts 企业
    else:
        phrase = phrase[after_leading_verbs(phrase):]
    if len(phrase) < 3 or not phrase.endswith(heads) or any(w in phrase for w in "等的和与及"):
        return ""
    return phrase


def counted_bodies(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """Categories of organisations counted inside a quantitative Goal, as Bodies nested in it.

    Guide rule 9 makes 新增服务业领军企业200家左右 a Goal; rule 11 makes 服务业领军企业, a category of
    organisations acting as a group, a Body, and rule 5 annotates both.  The count's classifier (家, 所, 个,
    支: the measure words of organisations) marks the category: the phrase before a count (without the
    target's verb) or after it, ending with an organisation's word (``[body] counted_heads``).  Each
    clause of the Goal between 、 and ， is read on its own.

    Args:
        sentence: the sentence the candidates index.
        cands: its final candidates, in text order.

    Returns:
        ``cands`` with the counted Bodies added (rule ``body-counted``), in text order; a category a
        candidate already names is not added again.
    """
    r = rules()
    added: list[Candidate] = []
    for g in cands:
        if g.label != "Goal" or not re.search(r"[0-9一二三四五六七八九十百千]", g.name):
            continue
        at = g.start
        for part in re.split(r"([、，,；;])", sentence[g.start:g.end]):
            for rx, after in ((_COUNTED_BEFORE, False), (_COUNTED_AFTER, True)):
                for m in rx.finditer(part):
                    name = _counted_name(m.group(1), after)
                    if not name or name in r.body_generic:
                        continue
                    start = at + m.start(1) + m.group(1).index(name)
                    if any(c.start < start + len(name) and start < c.end and c.label == "Body" for c in cands + added):
                        continue
                    c = Candidate("Body", start, start + len(name), canonical(name), rule="body-counted")
                    note(c, f"kept: a category of organisations counted in the target {g.name!r}")
                    added.append(c)
            at += len(part)
    return sorted(cands + added, key=lambda c: c.start) if added else cands


@lru_cache(maxsize=1)
def _unit_roles() -> frozenset[str]:
    return lexicon().wordset("body", "unit_roles")


def without_unit_roles(cands: list[Candidate], sentence: str = "") -> list[Candidate]:
    """``cands`` without the entities named by the role a unit takes in an item (``[body] unit_roles``: 主办单位,
    责任单位), or by the end of one in ``sentence`` (单位 of 配合单位：, a Body of 广州's opinions: a walkthrough,
    session 54): the label of a unit line (主办单位：省教育厅、省市场监管局, 云南's annex of the year's projects) names no
    organ; the units after it do (guide rule 7).  Nor is it a Goal or a Program: 广州's （牵头单位：…，配合单位：…）
    lines made a Goal 配合单位 that named a community of 829 entities (a walkthrough, session 46)."""
    roles = _unit_roles()
    out = []
    for c in cands:
        if c.name in roles or any(r.endswith(c.name) and sentence[c.end - len(r):c.end] == r for r in roles):
            note(c, "dropped: the role of the units of an item, not an organ nor a goal (guide rule 7)")
        else:
            out.append(c)
    return out


@lru_cache(maxsize=1)
def _level_list() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """``[body] listed_levels``, and the levels listed with 、 right before a Body (group 1), opened by 各/全 or a
    clause's start."""
    levels = tuple(sorted(lexicon().words("body", "listed_levels"), key=len, reverse=True))
    alternation = "|".join(map(re.escape, levels))
    return levels, re.compile(rf"(?:^|(?<=[各全，。；：、,;:（(\s]))((?:(?:{alternation})、)+)$")


def with_level_list(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each Body that opens with a level word grown over the levels listed before it.

    Pattern source: the unit lines of work reports and implementation opinions name the organs of several levels
    at once, the levels joined by 、 before the organ they share: 各州、市人民政府 (云南's annex of the year's
    projects), 各区、县级市政府 (广州's implementation opinions).  The rules and the tagger read the last level's
    organ alone (市人民政府), a different organ; the adjudicated golds name the whole list (州、市人民政府; guide:
    a Body is named as the text names it).  Levels: ``[body] listed_levels``.
    """
    levels, listed = _level_list()
    out = []
    for c in cands:
        m = listed.search(sentence, 0, c.start) if c.label == "Body" and c.name.startswith(levels) else None
        if m is None:
            out.append(c)
            continue
        grown = replace(c, start=m.start(1), name=canonical(sentence[m.start(1):c.end]), aliases=list(c.aliases))
        note(grown, "grown over the levels listed before it (各州、市人民政府: one Body of several levels)")
        out.append(grown)
    return out


@lru_cache(maxsize=1)
def _unit_line() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A unit line's label and what follows it up to the line's close (group 1), and what separates its units
    (、，, or the next label: 牵头单位：X，配合单位：Y)."""
    roles = lexicon().alternation("body", "unit_roles").pattern
    return re.compile(rf"(?:{roles})[：:]([^；;。（）()\n]*)"), re.compile(rf"[、，,]|(?:{roles})[：:]")


@lru_cache(maxsize=1)
def _duty_verbs() -> tuple[str, ...]:
    """``[relation] duty_verbs``: a unit of a unit line ending in one states a duty instead of naming a unit
    (其他各相关部门按职责分工负责)."""
    return tuple(lexicon().words("relation", "duty_verbs"))


def unit_line_bodies(sentence: str, cands: list[Candidate], units: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
    """``cands`` with each unit a unit line names made a Body (rule ``body-unit-line``) where no Body stands.

    Pattern source: guide rule 7 (the units after 牵头单位： are Bodies, and so are the 配合单位) and how
    implementation opinions and plans close each item: （责任单位：省财政厅、省地方金融监管局、人行合肥中心支行、安徽银保监局、
    安徽证监局，各市人民政府）, （牵头单位：市委组织部；配合单位：市民防办、市住房保障办）.  The label
    (``[body] unit_roles``) says what the names after it are, whatever their form: abbreviations the rules do
    not know (市民防办), branches named by their province (安徽证监局), working groups.  Over the annotated
    documents, of the units so listed (each distinct one per document) 214 are gold Bodies and 5 are not (各区
    as a place, a duty clause); the 4-fold models had missed 12 of the 214.  A level alone (各区, 县级市:
    ``[body] listed_levels``) names a place.  A unit already covered by a Body stays
    as it is (a level list, 各区、县级市政府, is one Body: :func:`with_level_list`); a mention of another label
    inside a unit gives way to it, one across its edge keeps it.  Of the 117 annotated texts one closes its items
    with duty notes (安徽's RCEP opinion, 18 notes): their units add 8 Bodies to the rules' candidates, all gold, and
    with the 4-fold models 5 gold LEADS (4 more predicted).

    Args:
        sentence: the sentence the candidates index.
        cands: its final candidates, in text order.
        units: spans of further units, named by a duty note (:func:`policykg.loaders.leads.duty_unit_spans`:
            （市住房保障办牵头，市规划局配合）), read as a unit line's.

    Returns:
        The candidates with the new Bodies, in text order.
    """
    line, separator = _unit_line()
    levels = _level_list()[0]
    added: list[Candidate] = []
    dropped: set[int] = set()
    spans = list(units)
    for m in line.finditer(sentence):
        cuts = [x for sep in separator.finditer(sentence, m.start(1), m.end(1)) for x in (sep.start(), sep.end())]
        bounds = [m.start(1), *cuts, m.end(1)]
        spans += zip(bounds[::2], bounds[1::2], strict=True)
    for s, e in spans:
        raw = sentence[s:e]
        s += len(raw) - len(raw.lstrip())
        name = raw.strip().removesuffix("等")
        e = s + len(name)
        if not 2 <= len(name) <= 25 or name.endswith(_duty_verbs()) or re.search(r"\d", name):
            continue  # a duty (按职责分工负责) or a figure, no unit
        if name.removeprefix("各") in levels:
            continue  # 各区, 县级市: a place, or a level of the organs listed (各区、县级市政府)
        over = [c for c in cands if c.start < e and s < c.end and id(c) not in dropped]
        if any(c.label == "Body" or c.start < s or c.end > e for c in over):
            continue
        for c in over:
            dropped.add(id(c))
            note(c, "dropped: inside a unit a unit line or duty note names (guide rule 7)")
        added.append(Candidate("Body", s, e, canonical(name), rule="body-unit-line"))
        note(added[-1], "kept: a unit a unit line or duty note names (guide rule 7)")
    if not added:
        return cands
    return sorted([c for c in cands if id(c) not in dropped] + added, key=lambda c: c.start)
