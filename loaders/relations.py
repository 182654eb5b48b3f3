"""Relation extraction inside one sentence (annotation guide, "Relations").

Only relations the text states explicitly within one sentence:

* ``PART_OF``  Program -> Program: the parts of an enumerated framework
  (“A”“B”…五大行动; A、B、C“三项机制”; “五个一”，即…; X（包括A和B）; X（A、B、C）; X包括：A、B、C三大子平台).
* ``SERVES``   Program -> Goal: 以X为抓手…Y; X助推/推动/促进/实现…Y; X…为Y提供…;
  a program named 抓党建促Y / 党建引领Y serves Y.
* ``LEADS``    Body -> Program: X作为…牵头单位, X牵头, 由X负责/组织实施 (the rules of :mod:`.leads`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .enumerations import bracketed_members, enumerated_members, listed_members
from .extract import Candidate
from .leads import JOINERS, charged_leads, duty_verbs, triggered_leads
from .lexicon import lexicon
from .outline import box_heading
from .pairs import heads

__all__ = ["PART_RULES", "box_whole", "coordinated", "enumerated", "focus_of", "general_requirements", "paragraph_lead_goal",
           "runs_on", "sentence_relations", "upheld"]


def box_whole(sentence: str, cands: list[Candidate]) -> Candidate | None:
    """The program a box heading names (``专栏3  工业大数据能力提升工程``), or None.

    Plans set boxes apart from the running text; the box body lists the parts of
    the program its heading names (guide: PART_OF is "an enumeration of
    components").  The caller links every program of the box body to it (see
    :func:`policykg.loaders.pipeline.build_document_graph`).  The marks are
    ``lexicon.toml [relation] box_marks``.

    Returns:
        The first Program candidate starting right after the mark and its number,
        if the heading is that program alone (nothing but punctuation after it).
    """
    m = box_heading().match(sentence)
    if not m:
        return None
    for c in sorted(cands, key=lambda c: c.start):
        if c.label == "Program" and c.start <= m.end() + 1 and not sentence[c.end:].strip(" 　。：:“”\"\n"):
            return c
    return None


Triple = tuple[str, Candidate, Candidate]


@lru_cache(maxsize=1)
def _general_requirements() -> re.Pattern[str]:
    return re.compile(lexicon().raw["relation"]["general_requirements"])


def general_requirements(sentence: str) -> bool:
    """True for a work report's general-requirements sentence (做好今年政府工作，要坚持…; 今年政府工作的总体要求是：…),
    whose clauses are the year's parallel requirements rather than actions and the results they serve
    (``[relation] general_requirements``; the adjudicated reports annotate no SERVES there)."""
    return bool(_general_requirements().search(sentence))


@lru_cache(maxsize=1)
def _triggers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    serves = [w for w in lx.words("relation", "serves_triggers") if len(w) >= 2]
    return lx.alternation("relation", "leads_triggers"), re.compile("|".join(map(re.escape, serves)))


#: Rules whose candidates are parts of an enumerated whole: such a part serves through its whole, not alone.
PART_RULES = frozenset({"quote-part", "quote-inner-part", "enumerated-part", "quote-series"})


@lru_cache(maxsize=1)
def _result_lead() -> re.Pattern[str]:
    return lexicon().alternation("relation", "result_leads")


def _action_results(sentence: str, progs: list[Candidate], goals: list[Candidate]) -> list[Triple]:
    """SERVES from a sentence of action clauses followed by result clauses (guide rule 13).

    健全A，完善B，确保Y，确保Z: the sentence is cut at ，；; a clause opening with a
    result word (``lexicon.toml [relation] result_leads``: 确保, 推动, 使…) states a
    result; every program of an action clause before it serves every goal the result
    clause names.  A program inside a result clause serves nothing by this rule.
    """
    lead = _result_lead()
    clauses, pos = [], 0
    for part in re.split(r"([，；,;])", sentence):
        if part and part not in "，；,;":
            clauses.append((pos, pos + len(part), bool(lead.match(part.lstrip("“\"")))))
        pos += len(part)
    out: list[Triple] = []
    actions: list[Candidate] = []
    for s, e, is_result in clauses:
        if is_result:
            out += [("SERVES", p, g) for g in goals if s <= g.start and g.end <= e for p in actions]
        actions += [p for p in progs if s <= p.start and p.end <= e]
    return out


@lru_cache(maxsize=1)
def _coordination() -> tuple[str, re.Pattern[str]]:
    """The marks joining a coordination's items, and the words of a clause that states a result or a target."""
    lx = lexicon()
    words = [*lx.words("relation", "result_leads"), *lx.words("goal", "tagged_target_leads"),
             *(w for w in lx.words("relation", "serves_triggers") if len(w) >= 2)]
    result = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    return "".join(lx.words("relation", "coordination_marks")), result


_CLAUSE_MARKS = "，；,;：:。"
_QUOTES = "“”\"‘’"
# What introduces a Program as the means of the clause's verbs (以X为抓手推动Y, 通过X实现Y: the guide's SERVES forms).
_MEANS = ("以", "通过")


def coordinated(sentence: str, p: Candidate, g: Candidate) -> bool:
    """True when a SERVES from Program ``p`` to Goal ``g`` would join parallel items rather than an action and its result.

    Guide rule 13 pairs an action with the result it is meant to produce (实施X…实现/确保/推动Y).  Official writing
    lists parallel objects of one verb with 、 (``[relation] coordination_marks``): 大力发展四首经济、冰雪经济、夜间经济.
    Two cases state no result:

    * ``p`` and ``g`` stand in one clause with such a mark between them and no word of a result after the last
      mark (以深层次改革、推动高质量发展 stays a SERVES);
    * ``g`` comes in a later clause as one item of such a list, that clause holds no word of a result (``[relation]
      result_leads``, the SERVES triggers of ``[relation] serves_triggers``, a target's lead of ``[goal]
      tagged_target_leads``: 不断促进A、B; 法治天津、平安天津水平全面提升; 力争A、B) nor opens with the 为 of X为Y提供…,
      and ``g`` names no figure (a target, guide rule 9): 加力扩围消费品以旧换新政策，…，大力发展四首经济、冰雪经济、
      夜间经济 (重庆 2025) is a series of parallel actions.

    Pattern source: the 2025 provincial reports (a walkthrough found 消费品以旧换新政策 SERVES 四首经济, 冰雪经济, 夜间经济)
    and the guide's forms of SERVES.

    Args:
        sentence: the sentence the candidates' offsets index.
        p, g: the Program and the Goal of the relation.

    Returns:
        True when the pair is two items of a coordination (the caller drops the SERVES), else False.
    """
    marks, result = _coordination()
    lo, hi = (p, g) if p.start < g.start else (g, p)
    between = sentence[lo.end:hi.start]
    if not marks:
        return False
    if not any(ch in _CLAUSE_MARKS for ch in between):  # one clause
        k = max(between.rfind(m) for m in marks)
        means = sentence[:p.start].rstrip(_QUOTES).endswith(_MEANS)  # 以“千万工程”牵引A、缩小B: X the means
        return k >= 0 and not means and not result.search(between, k + 1)
    if g.start < p.start or re.search(r"[0-9０-９]", g.name):
        return False
    before, after = sentence[:g.start].rstrip(_QUOTES), sentence[g.end:].lstrip(_QUOTES)
    if not {before[-1:], after[:1]} & set(marks) or before.endswith("把"):
        return False  # 把A降下来、把B提上来: each item the outcome the action brings about
    start = max(sentence.rfind(ch, 0, g.start) for ch in _CLAUSE_MARKS) + 1
    end = min([k for k in (sentence.find(ch, g.end) for ch in _CLAUSE_MARKS) if k >= 0] or [len(sentence)])
    clause = sentence[start:g.start] + "|" + sentence[g.end:end]
    return not result.search(clause) and not sentence.startswith(("为", "“为"), start)


@lru_cache(maxsize=1)
def _enumeration() -> tuple[tuple[str, ...], re.Pattern[str]]:
    lx = lexicon()
    return tuple(lx.words("relation", "enumeration_joiners")), re.compile(
        "[”\"]?[，,]?(?:" + lx.alternation("relation", "whole_openers").pattern + ")")


def enumerated(sentence: str, part: Candidate, whole: Candidate) -> bool:
    """True when ``sentence`` enumerates ``part`` as a component of ``whole`` (guide: PART_OF is "an enumeration of
    components").

    The part is one item of a list, joined to an item before or after it (``[relation] enumeration_joiners``: A、B,
    A和B, A等X) or set quote after quote (“A”“B”), or the whole comes first and opens what it consists of
    (``[relation] whole_openers``: “两新”：A和B, X（A、B）, X包括A).  Pattern source: the guide's PART_OF forms and the
    2025 provincial reports, where the pair classifier read 消费品以旧换新 PART_OF 两新 from a review sentence that names
    the two apart (江西) and a designation (定襄法兰锻造入选国家级中小企业特色产业集群, 山西) as a component.

    Args:
        sentence: the sentence the candidates' offsets index.
        part, whole: the two Programs of the relation.

    Returns:
        True when the sentence states the enumeration, else False (the caller drops a classifier's PART_OF).
    """
    joiners, opens = _enumeration()
    before, after = sentence[:part.start].rstrip("“\"‘"), sentence[part.end:].lstrip("”\"’")
    if before.endswith((*joiners, "”")) or after.startswith((*joiners, "“")):  # A、B; “A”“B”: quote after quote
        return True
    return whole.end <= part.start and bool(opens.match(sentence, whole.end))


def _other_program_between(sentence: str, p: Candidate, trigger: int, progs: list[Candidate]) -> bool:
    """True when a program stands between ``p`` and the trigger without joining ``p`` (和, 、, 与)."""
    for q in progs:
        if p.end <= q.start < trigger:
            gap = re.sub(r"[“”\"‘’]", "", sentence[p.end:q.start])
            if gap not in JOINERS:
                return True
    return False


def sentence_relations(sentence: str, cands: list[Candidate]) -> list[Triple]:
    """Return ``(type, source, target)`` triples stated in ``sentence``.

    Args:
        sentence: the sentence text.
        cands: its entity candidates (from :func:`policykg.loaders.extract.extract_sentence`).

    Returns:
        Triples of candidates of this sentence; PART_OF parts that were
        enumerated without a mention of their own are returned by
        :func:`parts_of` instead.
    """
    leads, serves = _triggers()
    progs = [c for c in cands if c.label == "Program"]
    goals = [c for c in cands if c.label == "Goal"]
    bodies = [c for c in cands if c.label == "Body"]
    out: list[Triple] = []
    # PART_OF: “X”，即 A、B…,  X（包括A和B）  and  X包括：A、B、C三大子平台 (to the clause's end)
    for p in progs:
        after = sentence[p.end:p.end + 5]
        if re.match(r"^[，,]?即|^[（(]包括|^(?:主要)?(?:包括|包含|涵盖)", after):
            if after.startswith(("（", "(")):  # to the bracket's close
                ends = [sentence.find("）", p.end)]
            elif after.lstrip("，,").startswith("即"):  # to the sentence's end
                ends = []
            else:  # 包括: to the clause's end
                ends = [sentence.find(ch, p.end) for ch in "。；;"]
            close = min((k for k in ends if k >= 0), default=len(sentence))
            for q in progs:
                if q is not p and p.end < q.start < close:
                    out.append(("PART_OF", q, p))
    out += enumerated_members(sentence, progs)
    out += bracketed_members(sentence, progs, duty_verbs())
    out += listed_members(sentence, progs)
    out += _action_results(sentence, progs, goals)
    # SERVES: the program (or the programs joined by 和/、) just before the trigger;
    # a part of an enumerated framework serves through the framework, not alone.
    for p in progs:
        if p.rule in PART_RULES:
            continue
        for g in goals:
            if g.start >= p.end and g.start - p.end <= 60:
                between = sentence[p.end:g.start]
                hit = serves.search(between) or re.search(r"为$", between)
                if hit and not _other_program_between(sentence, p, p.end + hit.start(), progs):
                    out.append(("SERVES", p, g))
            elif g.end <= p.start and re.match(r"^[”\"]?为(?:抓手|主线|载体)", sentence[p.end:p.end + 4]):
                out.append(("SERVES", p, g))
        m = re.search(r"(?:抓党建促|党建引领)(.+)$", p.name)
        if m:
            for g in goals:
                if g.name in m.group(1) or m.group(1) in g.name:
                    out.append(("SERVES", p, g))
    out += triggered_leads(sentence, leads, bodies, progs, cands)
    out += charged_leads(sentence, bodies, progs)
    seen: set[tuple[str, str, str]] = set()
    uniq: list[Triple] = []
    for t, a, b in out:
        key = (t, a.name, b.name)
        if key not in seen and a.name != b.name:
            seen.add(key)
            uniq.append((t, a, b))
    return uniq


def runs_on(text: str, end: int, start: int) -> bool:
    """True when the sentence starting at ``start`` continues the one ending at ``end``: that one closed with a
    semicolon and no line break stands between them.  The outline splits sentences at ；, but a paragraph lead's
    "sentence right under it" (guide rule 13) runs to the full stop: （一）打造廉洁高效政府。坚持依法行政，…；实行行政执法
    责任制，…健全行政决策纠错机制和责任追究制；… (广州 2012, 廉洁广州 decision; the gold links each of them to the lead)."""
    return 0 < end <= start and text[end - 1] in "；;" and "\n" not in text[end:start]


def paragraph_lead_goal(text: str, prev: tuple[object, list[Candidate]] | None, view) -> Candidate | None:
    """The Goal a paragraph's lead sentence names, when ``view`` is the sentence right under it.

    Work reports and plans open a paragraph with a short lead sentence naming what the
    paragraph serves (发展现代都市型农业。加快单产提升整建制推进区建设，…实施现代设施农业更新工程。);
    the guide gives relations stated in "a heading and the sentence right under it".  The lead
    must head the sentence (:func:`policykg.loaders.pairs.heads`), open its line and name one
    Goal and no Program; the sentence must follow it in the same paragraph.  Measured
    on the 31 annotated documents with their gold mentions: 115 of 164 such (Program, Goal)
    pairs are gold SERVES relations.

    Args:
        text: the document's text.
        prev: ``(view, mentions)`` of the sentence before (:class:`policykg.loaders.pipeline.SentenceView`), or
            ``None``.
        view: the sentence.

    Returns:
        The lead's Goal candidate, or ``None``.  The caller keeps it for the sentences that :func:`runs_on` joins
        to ``view``.
    """
    if prev is None:
        return None
    pv, pc = prev
    s, e = pv.sentence.start, pv.sentence.end
    if not heads(pv, view) or text[text.rfind("\n", 0, s) + 1:s].strip() or "\n" in text[e:view.sentence.start]:
        return None
    goals = [c for c in pc if c.label == "Goal"]
    if len(goals) != 1 or any(c.label == "Program" for c in pc):
        return None
    return goals[0]


def upheld(sentence: str, g: Candidate) -> bool:
    """True when Goal ``g`` is written right after a verb of upholding (``[relation] upheld_verbs``: 坚持, 贯彻, 按照, its
    quotation mark allowed between): a principle, requirement or standard the work of the sentence keeps to while it is
    done (健全新时代志愿服务体系，要坚持…，坚持系统观念，坚持实践育人; 贯彻为民、务实、清廉的要求), no result a
    program of the sentence serves (guide rule 13 pairs an action with the result it is meant to produce).  The caller
    drops the SERVES to it in the sentence; a lead heading that upholds it still heads the actions of the sentence under
    it (坚持依法行政。完善重大行政决策程序制度…: a gold SERVES of 江西's 2025 report, guide rule 13's heading and sentence).

    Pattern source: the general requirements and principles of central opinions; with the 4-fold models over the 117
    annotated texts, the 20 SERVES so read inside one sentence were all wrong (经常性监督 -> 抓早抓小、防微杜渐, 志愿服务体系
    -> 系统观念); 贯彻 and 按照 from a 2007 congress report and a central opinion (3 more, none gold).
    """
    return sentence[:g.start].rstrip("“\"‘").endswith(_upheld_verbs())


@lru_cache(maxsize=1)
def _upheld_verbs() -> tuple[str, ...]:
    """``[relation] upheld_verbs`` (坚持, 贯彻, 按照), read once."""
    return tuple(lexicon().words("relation", "upheld_verbs"))


def focus_of(sentence: str, g: Candidate, p: Candidate) -> bool:
    """True when Goal ``g`` is the focus of a clause (以X为重点, 以造就X为重点, a word of ``[relation] focus_words``
    after 为) and Program ``p`` is not the work that clause leads to it (以…为重点加强组织建设: the words after the focus word
    up to the clause's end, or the next clause when the focus closes its own: 以铸牢中华民族共同体意识为主线，深化民族团结进步
    创建): the SERVES from ``p`` to ``g`` is then no pairing the sentence states.

    Pattern source: the congress reports' programmes of party building, one focus per kind of building (必须把党的执政能力
    建设和先进性建设作为主线，…以造就高素质党员、干部队伍为重点加强组织建设，以保持党同人民群众的血肉联系为重点加强作风建设),
    where the pair classifier drew SERVES from the main line's programs to each focus; measured in ``lexicon.toml``.
    """
    opener = sentence.rfind("以", max(0, g.start - 8), g.start + 1)
    if opener < 0 or re.search(r"[，。；：]", sentence[opener:g.start]):
        return False
    m = _focus_closer().match(sentence, g.end)
    if m is None:
        return False
    end = m.end() + 1 if sentence.startswith("，", m.end()) else m.end()  # 以…为主线，深化X: the next clause leads
    close = re.compile(r"[，。；：]|$").search(sentence, end).start()
    return not (m.end() <= p.start < close)


@lru_cache(maxsize=1)
def _focus_closer() -> re.Pattern[str]:
    """What closes a clause's focus after its Goal (为重点, 的能力为重点: up to four characters, then 为 and a word of
    ``[relation] focus_words``)."""
    return re.compile(r"[^，。；：]{0,4}?为(?:" + "|".join(lexicon().words("relation", "focus_words")) + ")")
