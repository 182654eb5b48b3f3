"""Combine the rule extractors' candidates with the learned tagger's spans.

The tagger decides *where* mentions are and of which label; the rules know
how a name is written (canonical form, aliases, enumerated parts).  A tagged
span that coincides with a rule candidate keeps the rule candidate (relabelled
if the tagger says so); a new span becomes a candidate of rule ``model``; a
rule candidate that overlaps a tagged span is dropped; one the tagger left
untagged survives only while the tagger is unsure it is no mention
(:data:`KEEP_UNLESS_OUTSIDE`), unless it is a title the rules know by its form
(:data:`TITLE_RULES`: kept, and never retyped).  Mentions nested in a tagged one (guide rule 5)
are kept from the rules, which the flat tagger cannot give.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.graph.names import canonical
from policykg.graph.resolve import short_name_definition

from .lexicon import lexicon, word_tag
from .rules.common import Candidate, note, rules
from .rules.programs import generic_tagged_name, project_category
from .rules.quoted import manner_quote
from .rules.targets import HORIZON_LEAD
from .span_edges import (
    CLAUSE_BREAK,
    EDGE,
    LEADING_PARTICLES,
    across_conjunction,
    after_comma,
    balanced,
    body_start,
    designation_cut,
    goal_start,
    quote_start,
    with_figure,
    with_level,
    with_relative_level,
    with_resident_place,
    with_stray_initial,
    without_conjunction,
    without_count,
    without_enumerator,
    without_measure,
    without_quoted_count,
)
from .span_labels import (
    CARRIED,
    accepted_supervision,
    department_field,
    lesson_of,
    malpractice,
    names_no_entity,
    one_name,
    program_label,
    session_convener,
    speech_occasion,
)
from .tagger import CLOSE_MARKS, spans_from_tags

__all__ = ["KEEP_UNLESS_OUTSIDE", "TITLE_RULES", "Reading", "read_spans", "rule_tags", "settle"]


@lru_cache(maxsize=1)
def _copulas() -> frozenset[str]:
    """``[text] copulas``: a name never opens with one (就是人民代表大会制度)."""
    return frozenset(lexicon().words("text", "copulas"))


def rule_tags(words: Sequence[tuple[str, int, int]], cands: Sequence[Candidate]) -> list[str]:
    """BIO tag of each token from the rule candidates (first candidate covering the token's start).  The spans are
    read in order of their starts, so none after one starting past the token's start covers it."""
    tags = ["O"] * len(words)
    spans = sorted((c.start, c.end, c.label) for c in cands if c.rule not in _UNTAGGED)
    if not spans:
        return tags
    for i, (_w, s, _e) in enumerate(words):
        for cs, ce, lab in spans:
            if cs > s:
                break
            if s < ce:
                tags[i] = ("B-" if i == 0 or words[i - 1][1] < cs else "I-") + lab
                break
    return tags


#: A rule candidate the tagger left untagged, overlapping no tagged span, is kept unless the
#: tagger's mean probability that its tokens lie outside any mention reaches this.  Chosen by
#: leave-one-document-out scores (entity F1 on the pooled sets: 0.90 > 0.60 > tagger alone;
#: keeping every such candidate lost precision on the work reports).
KEEP_UNLESS_OUTSIDE = 0.9
#: Rules naming a cited Document by how titles are written without title marks (关于…的意见, …法, a
#: gazetteer title, a five-year plan); their candidates are kept whatever the tagger says, which has seen
#: few Documents (178 in 36 documents) and dropped 公务员法 and 党的二十大报告 or called 民营经济促进法 a Goal.
#: 4-fold over 35 documents: Document 117 -> 120 right, 16 -> 18 wrong (F1 0.752 -> 0.759).  Not titles in marks (title-marks):
#: 《梨园春》, 《黑神话：悟空》 name works, which the tagger rightly drops — unless the title ends with an
#: instrument's word (:func:`_instrument_title`; 4-fold: Document 120 -> 121 right, none more wrong).
TITLE_RULES = frozenset({"document-pattern", "document-gazetteer", "document-plan", "document-law"})


def _instrument_title(c: Candidate) -> bool:
    """True for a title in marks that names an instrument by its last word (《…实施方案》, 《…条例（试行）》:
    ``[document] quote_suffixes``).  Works in marks (《梨园春》) never end so; the tagger, which has seen
    178 Documents, dropped a party committee's 《关于…建设 筑牢…，建设“最强党支部”实施方案》 for the
    Goal it found inside (a title written with a space and a comma)."""
    if c.rule != "title-marks":
        return False
    name = re.sub(r"[（(][^（()）]*[)）]$", "", c.name)
    return name.endswith(rules().doc_quote_suffix)


def _quoted_formula(c: Candidate) -> bool:
    """A Program a quotation rule read as a formula joined by + (“绿电＋消纳”模式, “1+22”一揽子人才政策,
    “采购降本＋技术创新＋智能制造”, “体育+”): a Program by guide rule 4 ("1+1+1+2+N"志愿服务体系), which the
    rules know by its form; kept whatever the tagger says, which read such formulae as no mention (the 4-fold
    models dropped “冰雪避暑＋中医中药”康养模式 and “绿电＋消纳”模式 of the shared gold-b with certainty).
    Same fold models: 9 more such names right (7 with a type word), 1 more wrong, over 107 documents."""
    return c.rule.startswith("quote") and c.label == "Program" and "+" in c.name


def _titled(c: Candidate) -> bool:
    """A title the rules know by its form: kept whatever the tagger says, never retyped (:data:`TITLE_RULES`,
    :func:`_instrument_title`)."""
    return c.rule in TITLE_RULES or _instrument_title(c)


_NESTED = frozenset({"goal-nested", "quote-inner-part", "enumerated-part", "quote-part", "document-plan-nested",
                     "title-inner"})
# Nested candidates the tagger's features leave out (the plan inside a Goal, :func:`.extract._nested_plans`; the
# title inside a title, :func:`.extract._inner_titles`).
_UNTAGGED = frozenset({"document-plan-nested", "title-inner"})
# Closing marks a tagged span never opens with (the ASCII quote opens as often as it closes).
_CLOSING = frozenset(CLOSE_MARKS) - {'"'}
#: Rules that read an organ's whole name from the standard system of organs (level + organ, organs of the
#: centre): a tagged Body that opens like one and stops inside it takes its end.
_ORGAN_RULES = frozenset({"body-government", "body-central"})


@dataclass(slots=True)
class Reading:
    """What the tagger's spans make of a sentence's candidates, before untagged rule candidates are weighed.

    Attributes:
        words: the sentence's tokens.
        rules: the rule extractors' candidates.
        out: candidates kept or made from tagged spans.
        taken: their ``(start, end)`` spans.
        relabelled: ids of the rule candidates ``out`` holds a relabelled copy of (kept, not dropped).
    """

    words: Sequence[tuple[str, int, int]]
    rules: list[Candidate]
    out: list[Candidate]
    taken: list[tuple[int, int]]
    relabelled: set[int] = field(default_factory=set)

    def uncertain(self) -> bool:
        """True when :func:`settle` will ask for marginal probabilities: a rule candidate over at
        least one token start overlaps no tagged span."""
        return any(not any(c.start < e and s < c.end for s, e in self.taken)
                   and any(c.start <= ws < c.end for _w, ws, _we in self.words) for c in self.rules)


def _no_proper_name(c: Candidate) -> bool:
    """True, and noted, when ``c`` is a Program no quotation names that fails the tagger's test of a proper name
    (:func:`.rules.programs.generic_tagged_name`, guide rule 8): whichever rule or span proposed it, it is dropped."""
    if c.label == "Program" and "quote" not in c.rule and generic_tagged_name(c.name):
        note(c, "model: dropped (no proper name: generic words or an area of party building; guide rule 8)")
        return True
    return False


def _not_here(label: str, sentence: str, s: int, e: int) -> str:
    """Why ``sentence[s:e]`` names no entity of ``label`` where it stands, or ``""``: a Program that is the meeting a
    speech was given at or a malpractice the sentence prevents (:func:`.span_labels.speech_occasion`,
    :func:`.span_labels.malpractice`) or a channel of supervision the government accepts
    (:func:`.span_labels.accepted_supervision`), a Body that only convenes the numbered session named with it
    (:func:`.span_labels.session_convener`)."""
    if label == "Body":
        return "the organ of a numbered session named with it" if session_convener(sentence, s, e) else ""
    if label != "Program":
        return ""
    if speech_occasion(sentence, s, e):
        return "the meeting a speech was given at"
    if accepted_supervision(sentence, s, e):
        return "a channel of supervision the government accepts, guide rule 8"
    return "a malpractice the sentence prevents" if malpractice(sentence, s, e) else ""


def read_spans(sentence: str, words: Sequence[tuple[str, int, int]], rules: list[Candidate],
               tags: Sequence[str]) -> Reading:
    """The tagged spans of a sentence, matched to the rules' candidates (then :func:`settle`).

    Args:
        sentence: the sentence (simplified-script copy) the offsets index.
        words: its jieba tokens ``(word, start, end)``.
        rules: the rule extractors' candidates.
        tags: the tagger's BIOES tag per token.
    """
    kept = []
    for c in rules:  # （…在参加…专题民主生活会时的讲话）; 防止干部“带病上岗”; 中共十八届中央纪委三次全会
        if why := _not_here(c.label, sentence, c.start, c.end):
            note(c, f"model: dropped ({why})")
        else:
            kept.append(c)
    rules = kept
    out: list[Candidate] = []
    by_span = {(c.start, c.end): c for c in rules}
    forced: list[Candidate] = []
    relabelled: set[int] = set()
    for sp in across_conjunction(sentence, words, spans_from_tags(tags)):  # X与|Y的Z制度: one name
        s, e = words[sp.first][1], words[sp.last][2]
        s, e, cut = designation_cut(words[sp.first:sp.last + 1]) if sp.label == "Program" else (s, e, None)
        defined = short_name_definition().search(sentence, s, e)
        if defined is not None:  # X（以下简称Y）: the span names X; Y is its short name (graph.resolve merges them)
            e = defined.start()
        s = without_enumerator(sentence, s, e)
        while s < e and (sentence[s] in EDGE or sentence[s] in _CLOSING):  # “整县推进”的乡村振兴战略: never ”的…
            s += 1
        while e > s and sentence[e - 1] in EDGE:
            e -= 1
        if sp.label == "Program":
            s = after_comma(sentence, s, e)  # 城市，集体林权制度: a name never runs across a clause's comma
            e, whole = without_quoted_count(sentence, rules, s, e)
            if whole is not None:  # 、数字金融“五篇大文章”: the list's last item, then the whole it closes
                note(whole, "model: kept (a tagged span joined it to the last item of the list it closes)")
                forced.append(whole)
        s = with_stray_initial(words, sp.first, s, e)
        s = without_count(words, sp.first, s)
        first = next((w for w, ws, _we in words if ws == s), None)
        if first in LEADING_PARTICLES or first in _copulas():  # 的新平台, 就是人民代表大会制度: a name never opens so
            s += len(first)
        elif first == "即" and len(after := next((w for w, ws, _we in words if ws == s + 1), "")) >= 2:
            # 搞好一个试点，即搞好县级党代会常任制试点: 即 (namely) restates the clause before it, verb and all
            # (guide rule 2 drops the verb of carrying out); 即报即审 is a name
            s += 1 + (len(after) if word_tag(after) == "v" and e - s - 1 - len(after) >= 2 else 0)
        horizon = HORIZON_LEAD.match(sentence, s, e)
        if horizon:  # 到2027年，全市养老服务人才达到2.5万人: the target is the clause after the year (guide rule 9)
            s = horizon.end()
        s = quote_start(sentence, s, e)  # a span that starts inside a quotation it closes (十大产业项目”建设) opens with it
        if e < len(sentence) and sentence[e] in ")）" and not balanced(sentence[s:e]) and balanced(sentence[s:e + 1]):
            e += 1  # the closing bracket of a name's own bracket: 党委（党组）, 党校（行政学院）
        if sp.label == "Body":
            s = body_start(words, s, e)
            s = with_level(words, sp.first, s)
            s = with_resident_place(words, s, e)  # 在|京|高校: 在京高校, not 京高校
            s = with_relative_level(words, s)  # 向上|一级|党组织: 上一级党组织, not 一级党组织
            # a level + organ name the rules read whole (市委宣传部) where the tagger stopped after 市委
            e = max([e] + [c.end for c in rules if c.label == "Body" and c.rule in _ORGAN_RULES and c.start == s
                           and c.end > e and not CLAUSE_BREAK.search(sentence, e, c.end)])
        elif sp.label == "Program":
            e = without_measure(sentence, words, s, e)
            s = with_resident_place(words, s, e, program=True)  # 在|沪|国家实验室: the labs in 上海, named whole
        elif sp.label == "Goal":
            s = goal_start(sentence, words, with_figure(words, sp.first, s), e)
        s = without_conjunction(words, s, e)  # 和发展中国特色社会主义: cut inside a coordination (after goal_start's 加强)
        # a step above may have moved the start back onto one (设立独立的内控、法务机构: 的内控…)
        if (last := next((w for w, ws, _we in words if ws == s), None)) in LEADING_PARTICLES:
            s += len(last)
        if e - s < 2 or not balanced(sentence[s:e]) or CLAUSE_BREAK.search(sentence, s, e):
            continue
        name, alias = canonical(sentence[s:e]), []
        m = CARRIED.match(sentence[s:e])
        if m:  # guide rule 2: 推行“红色物业”建设 -> 红色物业, alias 红色物业建设
            name, alias = canonical(m.group(1)), [name]
        elif sp.label == "Program" and (lesson := lesson_of(sentence[s:e])):  # “千万工程”经验 -> 千万工程
            name, alias = canonical(lesson), [name]
        elif sp.label == "Document" and name.endswith("精神") and len(name) >= 6:
            name, alias = name[:-2], [name]  # 中央八项规定精神: the document is 中央八项规定 (its spirit is no name)
        # the rule candidate the span stands for: the same span, or one the span names by its name or an alias
        # (平安龙江建设 for the rule's 平安龙江, alias 平安龙江建设)
        rc = by_span.get((s, e)) or next((c for c in rules if (c.name == name or name in c.aliases)
                                          and c.start < e and s < c.end), None)
        if rc is not None:
            # the tagger's Programs are held to one test of a proper name, whether or not a rule named them too
            if sp.label == "Program" and _no_proper_name(rc):
                continue
            label = program_label(rc.name) if sp.label == "Program" else sp.label
            if _titled(rc):  # the tagger may place it, not retype it
                label = rc.label
            if rc.label != label:
                note(rc, f"model: relabelled {rc.label} -> {label}")
                relabelled.add(id(rc))
                rc = Candidate(label, rc.start, rc.end, rc.name, list(rc.aliases), rc.rule + "+model", list(rc.parts))
            else:
                note(rc, "model: kept")
            out.append(rc)
            continue
        inside = [c for c in rules if s <= c.start and c.end <= e and c.rule not in _UNTAGGED]
        # one tagged span over several names (“甲”“乙”的丙战略), or over a quoted name an enumeration closes
        # (“两重”等增量政策: the quote names the program, 等 closes the list): the names win, each held to the same
        # test of a proper name (银行与企业交流平台和对接合作机制 keeps 银行与企业交流平台, not 合作机制); not when the
        # span closes on a bare head of its own label (消费型平台企业, a Body: the rules' Program 消费型平台 and Body
        # 企业 are its parts; 4-fold over the 115 documents: 10 more names right, 3 more predicted; gold-b 0.807 -> 0.808)
        head = next((c for c in inside if c.end == e and c.label == sp.label and c.start > s), None)
        if ((len(inside) >= 2 and not (head is not None and len(head.name) <= 2) and not one_name(sentence, s, e, inside))
                or any(c.rule == "quote+等" for c in inside)):
            for c in inside:
                if not _no_proper_name(c):
                    note(c, f"model: kept (the tagged span {sentence[s:e]} joined it to other names; each name is kept)")
                    forced.append(c)
            continue
        if why := names_no_entity(sp.label, name):
            note(Candidate(sp.label, s, e, name, rule="model"), f"model: dropped ({why})")
            continue
        dropped = sp.label == "Program" and ("a category of projects, guide rule 8" if project_category(name) else
                                             "a maxim: “…”的韧劲" if manner_quote(sentence, s, e) else "")
        if sp.label in ("Program", "Goal") and department_field(sentence, s, e):  # 公安、住房城乡建设…等部门
            dropped = "a department's field in a list of departments"
        if why := _not_here(sp.label, sentence, s, e):  # 我在…周年大会、…等重要会议上
            dropped = why
        if dropped:
            note(Candidate(sp.label, s, e, name, rule="model"), f"model: dropped ({dropped})")
            continue
        if sp.label == "Program" and _no_proper_name(Candidate("Program", s, e, name, rule="model")):
            continue
        label = program_label(name) if sp.label == "Program" else sp.label
        # the parts a rule enumerated for a whole the tagged span stands for (A、B等“十大产业项目”建设)
        parts = [p for c in rules if c.parts and c.label == label and s <= c.start and c.end <= e for p in c.parts]
        out.append(Candidate(label, s, e, name, alias, rule="model", parts=parts))
        note(out[-1], ("model: new span" if label == sp.label else f"model: new span, relabelled {sp.label} -> {label}"
                       " (rule 12: a place's end-state or a standing named by its grade; rule 10: a titled plan)")
             + (f" (cut at the designation verb {cut})" if cut else ""))
    out += [c for c in forced if not any(c.start < o.end and o.start < c.end for o in out)]
    return Reading(words, rules, out, [(c.start, c.end) for c in out], relabelled)


def _listed_titles(reading: Reading) -> None:
    """Keep the titles in marks of a list made of titles alone, joined by 、, when the tagger kept one of them (学习
    《习近平著作选读》、《习近平谈治国理政》、《…专题摘编》等重要著作: it kept the last two and dropped the first): titles cited
    in one list are of one kind.  Not in a list holding other items (《羊城论坛》、《政协委员之声》、广州人大网等平台)."""
    seps = {ws for w, ws, _we in reading.words if w == "、"}
    titles = sorted((c for c in reading.rules if c.rule == "title-marks"), key=lambda c: c.start)
    runs: list[list[Candidate]] = []
    for c in titles:
        if runs and runs[-1][-1].end in seps and runs[-1][-1].end + 1 == c.start:
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in runs:
        if (len(run) < 2 or run[0].start - 1 in seps or run[-1].end in seps
                or not any(c in reading.out for c in run)):
            continue
        for c in run:
            if c not in reading.out and not any(c.start < e and s < c.end for s, e in reading.taken):
                reading.out.append(c)
                reading.taken.append((c.start, c.end))
                note(c, "model: kept (listed with 、 beside a kept title)")


def settle(reading: Reading, p_outside: Callable[[int], float] | None) -> list[Candidate]:
    """Weigh the untagged rule candidates of a :func:`read_spans` reading and keep the nested ones.

    Args:
        reading: what :func:`read_spans` made of the sentence.
        p_outside: the tagger's marginal probability of ``O`` at a token index (``None``: drop
            untagged rule candidates); candidates of :data:`TITLE_RULES` are kept whatever it is.

    Returns:
        The sentence's candidates in text order; spans of surrounding punctuation trimmed.
    """
    words, rules, out, taken = reading.words, reading.rules, reading.out, reading.taken
    # an instrument's title in marks holds what the tagger found inside it (guide: the title is one Document)
    for c in rules:
        if _instrument_title(c) and (c.start, c.end) not in taken:
            inner = [o for o in out if c.start <= o.start and o.end <= c.end]
            if any(o.start < c.end and c.start < o.end for o in out if o not in inner):
                continue  # a tagged span across the mark: the tagger reads the marks otherwise
            for o in inner:
                out.remove(o)
                note(o, "model: dropped (inside a cited title)")
            taken[:] = [(s, e) for s, e in taken if not (c.start <= s and e <= c.end)] + [(c.start, c.end)]
            out.append(c)
            note(c, "model: kept (a title written as titles are)")
    generic: set[int] = set()  # rule candidates dropped as generic names (their note says why)
    if p_outside is not None:
        for c in rules:
            if any(c.start < e and s < c.end for s, e in taken):
                continue
            idx = [i for i, (_w, ws, _we) in enumerate(words) if c.start <= ws < c.end]
            title, formula = _titled(c), _quoted_formula(c)
            if not title and _no_proper_name(c):
                generic.add(id(c))  # an enumeration's item given the list's type word (优化人才选拔、培养…等机制)
                continue
            if idx and (title or formula or sum(p_outside(i) for i in idx) / len(idx) < KEEP_UNLESS_OUTSIDE):
                out.append(c)
                taken.append((c.start, c.end))
                note(c, "model: kept (a title written as titles are)" if title else
                     "model: kept (a quoted formula joined by +, guide rule 4)" if formula else "model: kept (uncertain)")
    _listed_titles(reading)
    # mentions nested inside a tagged one that the flat tagger cannot give (guide rule 5)
    for c in rules:
        if c.rule in _NESTED and (c.start, c.end) not in taken and any(s <= c.start and c.end <= e for s, e in taken):
            out.append(c)
            note(c, "model: kept (nested)")
    kept = {id(c) for c in out} | generic | reading.relabelled
    for c in rules:
        if id(c) not in kept:
            note(c, "model: dropped")
    out.sort(key=lambda c: c.start)
    return out
