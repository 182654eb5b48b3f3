"""Relation extraction inside one sentence (annotation guide, "Relations").

Only relations the text states explicitly within one sentence:

* ``PART_OF``  Program -> Program: the parts of an enumerated framework
  (“A”“B”…五大行动; A、B、C“三项机制”; “五个一”，即…; X（包括A和B）; X（A、B、C）; X包括：A、B、C三大子平台).
* ``SERVES``   Program -> Goal: 以X为抓手…Y; X助推/推动/促进/实现…Y; X…为Y提供…;
  a program named 抓党建促Y / 党建引领Y serves Y.
* ``LEADS``    Body -> Program: X作为…牵头单位, X牵头, 由X负责/组织实施, 牵头单位：X.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.records import Mention

from .enumerations import bracketed_members, enumerated_members, listed_members
from .extract import Candidate
from .lexicon import lexicon
from .pairs import heads

__all__ = ["PART_RULES", "SUBJECT_ITEMS", "box_whole", "charged_under_heading", "general_requirements", "lead_spans",
           "lead_units", "paragraph_lead_goal", "runs_on", "sentence_relations", "without_subject"]


@lru_cache(maxsize=1)
def _unit_lines() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The 牵头单位：X、Y line and the 责任单位：X line (``lexicon.toml [relation] lead_line_label``,
    ``responsible_line_labels``): the units run from the colon to the next ；/。/closing bracket or to
    a label of supporting units (``supporting_line_words``, 配合单位：Z).

    Returns:
        ``(lead line, responsible line)``; group 1 of a match spans the units."""
    lx = lexicon()
    support = lx.alternation("relation", "supporting_line_words").pattern
    responsible = lx.alternation("relation", "responsible_line_labels").pattern

    def line(labels: str, stops: str) -> re.Pattern[str]:
        return re.compile(rf"(?:{labels})[：:]([^；;。）)]*?)(?=[；;。）)]|[，,]?(?:{stops})|$)")
    # after lead units, a 责任单位 label also opens the supporting units
    return line(lx.raw["relation"]["lead_line_label"], f"{support}|{responsible}"), line(responsible, support)


# （省商务厅牵头，省外办、省贸促会按职责分工配合） / （省商务厅负责）: a note closing a numbered
# item whose every clause names units and ends in a duty verb.
_DUTY_NOTE = re.compile(r"[（(]([^（）()]{2,160})[）)][。；;]?$")


@lru_cache(maxsize=1)
def _duty_verbs() -> tuple[str, ...]:
    return tuple(lexicon().words("relation", "duty_verbs"))


def _duty_note_leads(sentence: str) -> list[tuple[int, int]]:
    """Spans of the lead units in a duty note closing ``sentence`` (guide rule 7, LEADS: X牵头, X负责).

    The units of a clause ending in 牵头 lead; when no clause does, those of a clause
    ending in 负责 lead (按职责分工负责 beside a 牵头 unit marks supporting units, as
    配合 does).  Every clause of the note must end in a duty verb, so an ordinary
    parenthesis (以下简称…) is not read as one.
    """
    m = _DUTY_NOTE.search(sentence.rstrip())
    if not m:
        return []
    clauses, pos = [], m.start(1)
    for part in re.split(r"([，,；;])", m.group(1)):
        if part and part not in "，,；;":
            clauses.append((pos, pos + len(part), part))
        pos += len(part)
    duty = _duty_verbs()
    if not clauses or not all(c.endswith(duty) for _s, _e, c in clauses):
        return []
    leads = [(s, e) for s, e, c in clauses if c.endswith("牵头")]
    return leads or [(s, e) for s, e, c in clauses if c.endswith("负责")]


def lead_units(sentence: str, cands: list[Candidate], spans: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Bodies named as lead units of a numbered item.

    Two forms close an item: a ``（牵头单位：X、Y；配合单位：Z）`` line and a duty
    note ``（X牵头，Y、Z按职责分工配合）`` or ``（X负责）``.  Guide rule 7: the lead units
    LEAD every program of the numbered item the line ends (the caller links them to
    the programs named since the previous lead line in the same section); 配合单位
    (supporting units) are Bodies without a relation.

    Args:
        sentence: the sentence the candidates index.
        cands: its candidates.
        spans: its :func:`lead_spans`, when the caller has them already.

    Returns:
        Body candidates of ``sentence`` inside the lead-unit spans, in order.
    """
    out: list[Candidate] = []
    for s, e in lead_spans(sentence) if spans is None else spans:
        out += [c for c in cands if c.label == "Body" and s <= c.start and c.end <= e]
    return out


def lead_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans of ``sentence`` that name the lead units of a numbered item (:func:`lead_units`),
    from the text alone: a ``牵头单位：`` (else ``责任单位：``, or ``主办单位：``, the host units closing each item of
    a work report's annex of 民生实事 in 云南's 2025 report) line or a duty note; ``[]`` when it has none."""
    if "单位" not in sentence and "部门" not in sentence and not any(v in sentence for v in _duty_verbs()):
        return []  # every form names a unit (单位/部门) or ends its clauses in a duty verb
    lead_line, responsible_line = _unit_lines()
    lines = list(lead_line.finditer(sentence)) or list(responsible_line.finditer(sentence))
    return [(m.start(1), m.end(1)) for m in lines] or _duty_note_leads(sentence)


@lru_cache(maxsize=1)
def _box_heading() -> re.Pattern[str]:
    marks = lexicon().alternation("relation", "box_marks").pattern
    return re.compile(r"^\s*(?:" + marks + r")\s*[0-9０-９一二三四五六七八九十]*[\s:：、.．]*")


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
    m = _box_heading().match(sentence)
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
_JOINERS = frozenset({"", "和", "、", "与", "及", "以及"})


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


def _other_program_between(sentence: str, p: Candidate, trigger: int, progs: list[Candidate]) -> bool:
    """True when a program stands between ``p`` and the trigger without joining ``p`` (和, 、, 与)."""
    for q in progs:
        if p.end <= q.start < trigger:
            gap = re.sub(r"[“”\"‘’]", "", sentence[p.end:q.start])
            if gap not in _JOINERS:
                return True
    return False


@lru_cache(maxsize=1)
def _charge_verbs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    lx = lexicon()
    return tuple(lx.words("relation", "charge_verbs")), tuple(lx.words("relation", "charge_verb_stops"))


def _opens_charge(text: str) -> bool:
    """True when ``text`` opens with a charge verb that takes an object (``[relation] charge_verbs``): not one that
    opens a word for people or a system (负责人, 负责同志, 负责制: ``charge_verb_stops``), nor one followed by
    :data:`_NO_OBJECT` (党委领导、政府负责、社会协同 is a formula, （省商务厅负责） a duty note)."""
    verbs, stops = _charge_verbs()
    verb = next((v for v in verbs if text.startswith(v)), None)
    return verb is not None and not text.startswith(stops) and text[len(verb):len(verb) + 1] not in _NO_OBJECT


def _charged(sentence: str, bodies: list[Candidate], progs: list[Candidate]) -> list[Triple]:
    """LEADS from a Body directly followed by a charge verb to the programs after it (guide rule 7, X负责).

    Pattern source: the guide's LEADS examples (X负责) and the articles of administrative measures,
    which assign each duty so (州数据资源主管部门负责全州统一的大数据中心平台、政务云平台…的建设和运行管理).
    The charge is read by :func:`_opens_charge`.  The programs are those after the verb up to the end of the
    sentence.
    """
    return [("LEADS", b, p) for b in bodies if _opens_charge(sentence[b.end:]) for p in progs if p.start >= b.end]


def charged_under_heading(heading: list[Candidate], sentence: str, cands: list[Candidate]) -> list[Triple]:
    """LEADS from the one Body a short lead heading names to the programs of the sentence under it, when that
    sentence opens with a charge verb: the heading is its subject (guide rule 7, X负责, read in "a heading and the
    sentence right under it").

    Pattern source: the organ-by-organ articles of institutional plans, which name the organ in a numbered lead
    and its duties in a sentence without a subject (（四）组建中央社会工作部。负责统筹指导人民信访工作，…统筹推进党建引领
    基层治理和基层政权建设…; （十四）组建国家数据局。负责协调推进数据基础制度建设…).  The charge is read as for
    :func:`_charged` (:func:`_opens_charge`); a heading naming no Body or several names no subject.
    Measured with the same 4-fold models over the 114 annotated documents: 2 LEADS more, both gold, nothing else
    changed (the construction is rare outside such plans: no other annotated text and no gwr report has it).

    Args:
        heading: the mentions of the lead heading (the caller checks it heads the sentence:
            :func:`policykg.loaders.pairs.heads`).
        sentence, cands: the sentence under it and its mentions.

    Returns:
        ``("LEADS", body, program)`` triples, the body a mention of the heading.
    """
    bodies = [c for c in heading if c.label == "Body"]
    if len(bodies) != 1 or not _opens_charge(sentence):
        return []
    return [("LEADS", bodies[0], p) for p in cands if p.label == "Program"]


#: After a charge verb, these mean it takes no object: the close of a duty note (（省商务厅负责）, read
#: by :func:`lead_units`), a formula's list (党委领导、政府负责、社会协同), or the end of a clause.
_NO_OBJECT = frozenset("）)、，,。；;") | {""}


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
    out += bracketed_members(sentence, progs, _duty_verbs())
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
    # LEADS
    for m in leads.finditer(sentence):
        if sentence[m.end():m.end() + 1] in ("：", ":"):
            continue  # 牵头单位：X lines: see lead_units (the whole numbered item)
        for b in [b for b in bodies if b.end <= m.start()][-1:]:
            for p in progs:
                out.append(("LEADS", b, p))
    out += _charged(sentence, bodies, progs)
    seen: set[tuple[str, str, str]] = set()
    uniq: list[Triple] = []
    for t, a, b in out:
        key = (t, a.name, b.name)
        if key not in seen and a.name != b.name:
            seen.add(key)
            uniq.append((t, a, b))
    return uniq


#: A Program the lead-unit lines of this many items would each lead is the document's subject, not an item's.
SUBJECT_ITEMS = 3


def without_subject(item_leads: list[tuple[tuple[str, str], tuple[str, str], Mention]]
                    ) -> list[tuple[tuple[str, str], tuple[str, str], Mention]]:
    """The lead units' LEADS, less those to a Program named in the items of :data:`SUBJECT_ITEMS` or more
    lead-unit lines: 工业互联网平台 in every item of a plan on the industrial internet is what the plan is about,
    and the units of each item lead that item's work on it, not the platform (4-fold over the 107 adjudicated
    documents: 6 LEADS fewer, all in gold-b's 安徽 plan, none of them gold; none lost).

    Args / returns: ``(body key, program key, evidence)`` triples, one per lead unit and Program of its item.
    """
    items: dict[tuple[str, str], set[int]] = {}
    for _body, prog, ev in item_leads:
        items.setdefault(prog, set()).add(ev.start)
    return [t for t in item_leads if len(items[t[1]]) < SUBJECT_ITEMS]


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
