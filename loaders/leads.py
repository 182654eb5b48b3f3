"""LEADS read inside a numbered item or one sentence (annotation guide rule 7 and the LEADS row of "Relations").

* lead-unit lines closing an item: ``（牵头单位：X、Y；配合单位：Z）``, ``责任单位：X``, and duty notes
  ``（X牵头，Y按职责分工配合）`` / ``（X负责）``, also without brackets as the item's last sentence (由X牵头，Y配合。)
  (:func:`lead_spans`, :func:`lead_units`; the caller links the units to the programs of the item, :func:`without_subject`);
* a lead verb in a sentence: X牵头…, X作为Y的牵头单位, X要…组织实施 (:func:`triggered_leads`);
* a charge verb: X负责… (:func:`charged_leads`), also under a lead heading naming X (:func:`charged_under_heading`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.records import Mention

from .extract import Candidate
from .lexicon import lexicon

__all__ = ["JOINERS", "SUBJECT_ITEMS", "charged_leads", "charged_under_heading", "duty_unit_spans", "duty_verbs",
           "lead_spans", "lead_units", "triggered_leads", "without_subject"]

Triple = tuple[str, Candidate, Candidate]
#: What joins two names of one list (和, 、, 与 …, or nothing between them).
JOINERS = frozenset({"", "和", "、", "与", "及", "以及"})


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
def duty_verbs() -> tuple[str, ...]:
    return tuple(lexicon().words("relation", "duty_verbs"))


def _duty_clauses(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The clauses of ``sentence[start:end]`` (cut at ，；) as ``(start, end, text)`` when every one ends in a duty
    verb (``[relation] duty_verbs``): a duty note, not an ordinary parenthesis (以下简称…); else ``[]``."""
    clauses, pos = [], start
    for part in re.split(r"([，,；;])", sentence[start:end]):
        if part and part not in "，,；;":
            clauses.append((pos, pos + len(part), part))
        pos += len(part)
    return clauses if clauses and all(c.endswith(duty_verbs()) for _s, _e, c in clauses) else []


def _lead_clauses(clauses: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans of the lead clauses of a duty note: those ending in 牵头, else those ending in 负责 (按职责分工负责
    beside a 牵头 unit marks supporting units, as 配合 does)."""
    leads = [(s, e) for s, e, c in clauses if c.endswith("牵头")]
    return leads or [(s, e) for s, e, c in clauses if c.endswith("负责")]


def _note_clauses(sentence: str, closes_item: bool = False) -> list[tuple[int, int, str]]:
    """The clauses (:func:`_duty_clauses`) of the duty note closing ``sentence`` (guide rule 7, LEADS: X牵头, X负责):
    the note in brackets (（省商务厅牵头，省外办、省贸促会按职责分工配合）, （省商务厅负责）), else, when ``closes_item`` (the
    sentence is the last of a numbered item), the sentence as a whole (由市农业农村局牵头，市住房城乡建设局、市生态环境局配合。 /
    市农业农村局负责，市财政局配合。; the Relations table: X牵头, X负责).  ``[]`` when neither is a duty note naming a
    lead (a clause ending in 牵头 or 负责): 五、加强组织实施 is a heading, …任务全面落实 a result.

    None of the 117 annotated texts nor the 97 national and provincial reports closes an item with a note without
    brackets (one sentence of the 117 has the form, mid-paragraph); city and county implementation plans do."""
    m = _DUTY_NOTE.search(sentence.rstrip())
    clauses = _duty_clauses(sentence, m.start(1), m.end(1)) if m else []
    if not _lead_clauses(clauses) and closes_item:
        clauses = _duty_clauses(sentence, 0, len(sentence.rstrip().rstrip("。；;")))
    return clauses if _lead_clauses(clauses) else []


@lru_cache(maxsize=1)
def _duty_clause_edges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What opens a duty note's clause before its units (``[relation] duty_unit_openers``: 由) and what closes it after
    them (``duty_manner_words`` then a duty verb: 按职责分工配合)."""
    lx = lexicon()
    manner = lx.alternation("relation", "duty_manner_words").pattern
    verbs = "|".join(map(re.escape, sorted(duty_verbs(), key=len, reverse=True)))
    return (re.compile(f"^(?:{lx.alternation('relation', 'duty_unit_openers').pattern})"),
            re.compile(f"(?:{manner})?(?:{verbs})$"))


def duty_unit_spans(sentence: str, closes_item: bool = False) -> list[tuple[int, int]]:
    """Character spans of each unit a duty note names, lead or supporting (the note :func:`_note_clauses` reads, as
    :func:`lead_spans` does).

    Pattern source: guide rule 7 (lead units and supporting units are Bodies) and how implementation opinions close
    their items; the caller makes each unit a Body as it does a unit line's (:func:`policykg.loaders.rules.body_forms.
    unit_line_bodies`), so abbreviations no rule knows (市住房保障办, 市留交办, 团市委) lead their item too.  A clause
    loses its opener (由) and its manner words and duty verb (按职责分工配合: ``[relation] duty_manner_words``); its
    units are the rest, cut at 、.  ``[]`` when the sentence closes with no duty note naming a lead."""
    opener, closer = _duty_clause_edges()
    out: list[tuple[int, int]] = []
    for s, _e, clause in _note_clauses(sentence, closes_item):
        head = opener.match(clause)
        tail = closer.search(clause)
        units_start, units_end = s + (head.end() if head else 0), s + (tail.start() if tail else len(clause))
        pos = units_start
        for part in re.split(r"([、])", sentence[units_start:units_end]):
            if part and part != "、":
                out.append((pos, pos + len(part)))
            pos += len(part)
    return out


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


def lead_spans(sentence: str, closes_item: bool = False) -> list[tuple[int, int]]:
    """Character spans of ``sentence`` that name the lead units of a numbered item (:func:`lead_units`),
    from the text alone: a ``牵头单位：`` (else ``责任单位：``, or ``主办单位：``, the host units closing each item of
    a work report's annex of 民生实事 in 云南's 2025 report) line, else the lead clauses of a duty note
    (:func:`_note_clauses`; when ``closes_item``, the sentence as a whole may be one).  ``[]`` when it has none."""
    if "：" not in sentence and ":" not in sentence and not any(v in sentence for v in duty_verbs()):
        return []  # every form labels its units (牵头单位：) or ends its clauses in a duty verb
    lead_line, responsible_line = _unit_lines()
    lines = list(lead_line.finditer(sentence)) or list(responsible_line.finditer(sentence))
    return [(m.start(1), m.end(1)) for m in lines] or _lead_clauses(_note_clauses(sentence, closes_item))


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


def charged_leads(sentence: str, bodies: list[Candidate], progs: list[Candidate]) -> list[Triple]:
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
    :func:`charged_leads` (:func:`_opens_charge`); a heading naming no Body or several names no subject.
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


@lru_cache(maxsize=1)
def _lead_subject_gap() -> re.Pattern[str]:
    return re.compile(lexicon().raw["relation"]["lead_subject_gap"])


@lru_cache(maxsize=1)
def _lead_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``[relation] lead_modal`` (what follows the subject of a whole sentence) and ``lead_role_of`` (X作为Y的 right
    before the lead verb)."""
    raw = lexicon().raw["relation"]
    return re.compile(raw["lead_modal"]), re.compile(raw["lead_role_of"] + "$")


def _subjects(sentence: str, trigger: int, bodies: list[Candidate]) -> list[Candidate]:
    """The Bodies that are the subject of the lead verb at ``trigger``: the Body written right before it (up to
    ``[relation] lead_subject_gap``: 由X牵头, X共同牵头) and those joined to it leftwards by 、/和/与 or written
    back to back (省纪委省监委机关、省委信访局牵头); ``[]`` when no Body stands there."""
    gap = _lead_subject_gap()
    before = sorted((b for b in bodies if b.end <= trigger), key=lambda b: b.end)
    if not before or not gap.fullmatch(sentence[before[-1].end:trigger]):
        return []
    out = [before[-1]]
    for b in reversed(before[:-1]):
        if b.end <= out[-1].start and sentence[b.end:out[-1].start] in JOINERS:
            out.append(b)
        elif b.end > out[-1].start:
            continue  # nested in the subject (a Body inside a Body's name)
        else:
            break
    return out[::-1]


def triggered_leads(sentence: str, leads: re.Pattern[str], bodies: list[Candidate], progs: list[Candidate],
                     cands: list[Candidate]) -> list[Triple]:
    """LEADS from a lead verb inside a sentence (guide: X牵头, X负责实施, 由X组织实施).

    Pattern source: the guide's LEADS examples, and the division of labour written in one sentence by work reports
    and implementation plans (“五牵头”即省委政法委牵头预防法治化工作，省委信访局牵头受理法治化…；科技领军企业牵头、
    高校院所协同…的创新联合体).  The subject is the Body right before the verb (:func:`_subjects`); it leads the
    programs of the verb's clause after it (to the next ，；。), or, when the verb closes its clause (由X牵头，Y配合 /
    A（X牵头，Y配合），B), the programs of the sentence before the subject and after the previous lead verb's clause.
    A verb inside a mention (“一办五牵头”工作机制) or followed by a colon (牵头单位：X, read by :func:`lead_units`)
    states no lead.  Two forms name the subject further away: the guide's X作为Y的牵头单位 (X leads the programs of
    Y; ``[relation] lead_role_of``), and a Body followed by a modal verb (``lead_modal``: 各级党委（党组）要…精心组织实施)
    when no other Body stands between it and the verb: the subject of the sentence, leading the programs of the
    verb's clause or, when there are none, those before the verb.

    Args:
        sentence: the sentence the mentions index.
        leads: the lead verbs (``[relation] leads_triggers``).
        bodies, progs, cands: its Body and Program mentions, and all of them.

    Returns:
        ``("LEADS", body, program)`` triples.
    """
    modal_pattern, role_pattern = _lead_patterns()
    out: list[Triple] = []
    floor = 0  # programs before this offset were given to an earlier lead verb
    for m in leads.finditer(sentence):
        t, te = m.start(), m.end()
        if sentence[te:te + 1] in ("：", ":") or any(c.start < te and t < c.end for c in cands):
            continue
        role = role_pattern.search(sentence[:t])  # X作为Y的牵头单位 (the guide's form): X leads the programs of Y
        if role is not None:
            subjects = _subjects(sentence, role.start(), bodies)
            out += [("LEADS", b, p) for b in subjects for p in progs if role.start() <= p.start and p.end <= t]
            continue
        subjects = _subjects(sentence, t, bodies)
        stop = _CLAUSE_END.search(sentence, te)
        close = stop.start() if stop else len(sentence)
        objects = [p for p in progs if te <= p.start and p.end <= close]
        if not subjects:
            modal = [b for b in bodies if b.end <= t and modal_pattern.match(sentence, b.end)][-1:]
            if modal and not any(b.start > modal[0].end and b.end <= t for b in bodies):
                subjects = modal
                objects = objects or [p for p in progs if floor <= p.start and p.end <= t]
            if not subjects:
                continue
        if not objects and close - te <= 2:  # the verb closes its clause: a lead note after its items
            objects = [p for p in progs if floor <= p.start and p.end <= subjects[0].start]
        out += [("LEADS", b, p) for b in subjects for p in objects]
        floor = max(floor, close)
    return out


#: Where a lead verb's clause ends.
_CLAUSE_END = re.compile(r"[，,；;。：:）)]")


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
