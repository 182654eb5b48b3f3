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
from dataclasses import dataclass
from functools import lru_cache

from policykg.graph.names import canonical
from policykg.graph.resolve import short_name_definition

from .lexicon import lexicon, word_tag
from .rules.common import Candidate, blocks, ideologies_only, note, rules
from .rules.goals import HORIZON_LEAD, quality_of_place
from .tagger import spans_from_tags

__all__ = ["KEEP_UNLESS_OUTSIDE", "TITLE_RULES", "Reading", "read_spans", "rule_tags", "settle"]


def rule_tags(words: Sequence[tuple[str, int, int]], cands: Sequence[Candidate]) -> list[str]:
    """BIO tag of each token from the rule candidates (first candidate covering the token's start)."""
    tags = ["O"] * len(words)
    spans = sorted((c.start, c.end, c.label) for c in cands if c.rule not in _UNTAGGED)
    for i, (_w, s, _e) in enumerate(words):
        for cs, ce, lab in spans:
            if cs <= s < ce:
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
    return name.endswith(_instrument_words())


@lru_cache(maxsize=1)
def _instrument_words() -> tuple[str, ...]:
    return tuple(lexicon().words("document", "quote_suffixes"))


def _titled(c: Candidate) -> bool:
    """A title the rules know by its form: kept whatever the tagger says, never retyped (:data:`TITLE_RULES`,
    :func:`_instrument_title`)."""
    return c.rule in TITLE_RULES or _instrument_title(c)


_NESTED = frozenset({"goal-nested", "quote-inner-part", "enumerated-part", "quote-part", "document-plan-nested"})
# Nested candidates the tagger's features leave out (the plan inside a Goal, :func:`.extract._nested_plans`).
_UNTAGGED = frozenset({"document-plan-nested"})
_CARRIED = re.compile(r"^[“\"「]([^”\"」]{2,})[”\"」](?:建设工作|创建工作|建设|创建|工作)$")
_EDGE = "，。；：、！？,.;:!?（）() \u3000"
# Tokens a tagged span never opens with: the attributive particle and the conjunctions of a list the
# span was cut from (的新平台, 及配套设施); none of the 12,025 gold names and aliases opens with one as a
# jieba token.  Not 和, which jieba splits off 和美乡村.
_LEADING_PARTICLES = frozenset({"的", "及", "并"})
# A colon or semicolon inside a tagged span: a name never runs across one (none of the 8,514 gold names
# does); a glossary line “一图四清单”：重点行业、… gave the tagger a span over the term and its gloss.
_CLAUSE_BREAK = re.compile("[：；:;]")


@lru_cache(maxsize=1)
def _end_state_tails() -> tuple[str, ...]:
    return tuple(lexicon().words("goal", "end_state_tails"))


def _end_state(name: str) -> bool:
    """True when ``name`` names the end-state of a place (guide rule 12: 教育强省, 国际消费中心城市建设,
    平安江苏和法治江苏建设)."""
    core = name.removesuffix("建设")
    return core.endswith(_end_state_tails()) or all(quality_of_place(m) for m in re.split("[和、与及]", core))


def _balanced(text: str) -> bool:
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


def _designation_cut(inside: Sequence[tuple[str, int, int]]) -> tuple[int, int, str | None]:
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


def _body_start(words: Sequence[tuple[str, int, int]], s: int, e: int) -> int:
    """Move the start of a tagged Body span past leading verbs, adverbs and prepositions.

    An organ's name never opens with the clause's verb or adverb (大力开展基层党组织 ->
    基层党组织, 定期检验党组织 -> 党组织) nor runs across a preposition (优秀分子向党组织 ->
    党组织); the same stop words end the rules' leftward growth (``lexicon.toml [text]``).
    Nor does it run across an attributive 的 (核心的党中央 -> 党中央, from the formula
    以习近平同志为核心的党中央; 高素质的基层党组织 -> 基层党组织), except the genitive and
    locative ones of ``[body] genitive_keeps`` (党的基层组织).
    """
    r = rules()
    inside = [(w, ws) for w, ws, we in words if s <= ws and we <= e]
    i = 0
    while i < len(inside) - 1 and _leading_stop(inside[i][0], r):
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
    if i > 0 and _EACH_LEVEL.match(inside[i - 1][0]):  # 各市 | 人民政府: the level opens the name
        return inside[i][1] - 1
    return inside[i][1]


_EACH_LEVEL = re.compile(r"^[各全本该][省市县区州乡镇]$")


@lru_cache(maxsize=1)
def _people_tails() -> tuple[str, ...]:
    """``[body] people_tails``: a tagged Body ending in one names people, not an organ (guide rule 11)."""
    return tuple(lexicon().words("body", "people_tails"))


@lru_cache(maxsize=1)
def _measure_tails() -> tuple[str, ...]:
    return tuple(lexicon().words("program", "measure_tails"))


def _without_measure(sentence: str, words: Sequence[tuple[str, int, int]], s: int, e: int) -> int:
    """The end of a tagged Program span without the statistical measure it closes with (玉林经济技术开发区产值
    达到280亿元 -> 玉林经济技术开发区; ``[program] measure_tails``), when the measure is a token of its own
    and two characters at least stay; else ``e``."""
    tail = next((t for t in _measure_tails() if sentence.endswith(t, s, e)), None)
    if tail is None or e - len(tail) - s < 2 or not any(we == e - len(tail) for _w, _ws, we in words):
        return e
    return e - len(tail)


def _period(name: str) -> bool:
    """True when a tagged span names a period, not an entity (“十四五”以来, 十四五时期; ``[text] period_pattern``)."""
    return bool(rules().period.search(name.replace("“", "").replace("”", "").replace('"', "")))


def _grant(name: str) -> bool:
    """True when a tagged Goal grants support (给予…奖补, 最高500万元): a measure's means, no target
    (guide rule 9; ``[goal] grant_pattern``)."""
    return bool(rules().grant.search(name))


@lru_cache(maxsize=1)
def _genitive_keeps() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "genitive_keeps"))


def _with_level(words: Sequence[tuple[str, int, int]], first: int, s: int) -> int:
    """Take back the level character jieba joined to 各/全 (各市 | 人民政府 -> 市人民政府).

    Returns the new start of a Body span whose first token is ``words[first]``.
    """
    if first > 0 and s == words[first][1] and _EACH_LEVEL.match(words[first - 1][0]):
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


@dataclass(slots=True)
class Reading:
    """What the tagger's spans make of a sentence's candidates, before untagged rule candidates are weighed.

    Attributes:
        words: the sentence's tokens.
        rules: the rule extractors' candidates.
        out: candidates kept or made from tagged spans.
        taken: their ``(start, end)`` spans.
    """

    words: Sequence[tuple[str, int, int]]
    rules: list[Candidate]
    out: list[Candidate]
    taken: list[tuple[int, int]]

    def uncertain(self) -> bool:
        """True when :func:`settle` will ask for marginal probabilities: a rule candidate over at
        least one token start overlaps no tagged span."""
        return any(not any(c.start < e and s < c.end for s, e in self.taken)
                   and any(c.start <= ws < c.end for _w, ws, _we in self.words) for c in self.rules)


def read_spans(sentence: str, words: Sequence[tuple[str, int, int]], rules: list[Candidate],
               tags: Sequence[str]) -> Reading:
    """The tagged spans of a sentence, matched to the rules' candidates (then :func:`settle`).

    Args:
        sentence: the sentence (simplified-script copy) the offsets index.
        words: its jieba tokens ``(word, start, end)``.
        rules: the rule extractors' candidates.
        tags: the tagger's BIOES tag per token.
    """
    out: list[Candidate] = []
    by_span = {(c.start, c.end): c for c in rules}
    forced: list[Candidate] = []
    for sp in spans_from_tags(tags):
        s, e = words[sp.first][1], words[sp.last][2]
        s, e, cut = _designation_cut(words[sp.first:sp.last + 1]) if sp.label == "Program" else (s, e, None)
        defined = short_name_definition().search(sentence, s, e)
        if defined is not None:  # X（以下简称Y）: the span names X; Y is its short name (graph.resolve merges them)
            e = defined.start()
        while s < e and sentence[s] in _EDGE:
            s += 1
        while e > s and sentence[e - 1] in _EDGE:
            e -= 1
        first = next((w for w, ws, _we in words if ws == s), None)
        if first in _LEADING_PARTICLES:  # 的新平台: a name never opens with a particle
            s += len(first)
        elif first == "即" and len(after := next((w for w, ws, _we in words if ws == s + 1), "")) >= 2:
            # 搞好一个试点，即搞好县级党代会常任制试点: 即 (namely) restates the clause before it, verb and all
            # (guide rule 2 drops the verb of carrying out); 即报即审 is a name
            s += 1 + (len(after) if word_tag(after) == "v" and e - s - 1 - len(after) >= 2 else 0)
        horizon = HORIZON_LEAD.match(sentence, s, e)
        if horizon:  # 到2027年，全市养老服务人才达到2.5万人: the target is the clause after the year (guide rule 9)
            s = horizon.end()
        if s > 0 and sentence[s - 1] == "“" and sentence.count("”", s, e) > sentence.count("“", s, e):
            s -= 1  # a span that starts inside a quotation it closes (十大产业项目”建设) opens with its mark
        if e < len(sentence) and sentence[e] in ")）" and not _balanced(sentence[s:e]) and _balanced(sentence[s:e + 1]):
            e += 1  # the closing bracket of a name's own bracket: 党委（党组）, 党校（行政学院）
        if sp.label == "Body":
            s = _body_start(words, s, e)
            s = _with_level(words, sp.first, s)
        elif sp.label == "Program":
            e = _without_measure(sentence, words, s, e)
        if e - s < 2 or not _balanced(sentence[s:e]) or _CLAUSE_BREAK.search(sentence, s, e):
            continue
        name, alias = canonical(sentence[s:e]), []
        m = _CARRIED.match(sentence[s:e])
        if m:  # guide rule 2: 推行“红色物业”建设 -> 红色物业, alias 红色物业建设
            name, alias = canonical(m.group(1)), [name]
        # the rule candidate the span stands for: the same span, or one the span names by its name or an alias
        # (平安龙江建设 for the rule's 平安龙江, alias 平安龙江建设)
        rc = by_span.get((s, e)) or next((c for c in rules if (c.name == name or name in c.aliases)
                                          and c.start < e and s < c.end), None)
        if rc is not None:
            label = "Goal" if sp.label == "Program" and _end_state(rc.name) else sp.label
            if _titled(rc):  # the tagger may place it, not retype it
                label = rc.label
            if rc.label != label:
                note(rc, f"model: relabelled {rc.label} -> {label}")
                rc = Candidate(label, rc.start, rc.end, rc.name, list(rc.aliases), rc.rule + "+model", list(rc.parts))
            else:
                note(rc, "model: kept")
            out.append(rc)
            continue
        inside = [c for c in rules if s <= c.start and c.end <= e and c.rule not in _UNTAGGED]
        # one tagged span over several names (“甲”“乙”的丙战略), or over a quoted name an enumeration closes
        # (“两重”等增量政策: the quote names the program, 等 closes the list): the names win
        if len(inside) >= 2 or any(c.rule == "quote+等" for c in inside):
            for c in inside:
                note(c, "model: kept (a tagged span joined it to other names)")
            forced += inside
            continue
        if len(name) < 2 or _period(name) or ideologies_only(name) or (sp.label == "Body" and name.endswith(_people_tails())) or (
                sp.label == "Goal" and _grant(name)):
            continue
        label = "Goal" if sp.label == "Program" and _end_state(name) else sp.label
        # the parts a rule enumerated for a whole the tagged span stands for (A、B等“十大产业项目”建设)
        parts = [p for c in rules if c.parts and c.label == label and s <= c.start and c.end <= e for p in c.parts]
        out.append(Candidate(label, s, e, name, alias, rule="model", parts=parts))
        note(out[-1], ("model: new span" if label == sp.label else "model: new span, a place's end-state (rule 12)")
             + (f" (cut at the designation verb {cut})" if cut else ""))
    out += [c for c in forced if not any(c.start < o.end and o.start < c.end for o in out)]
    return Reading(words, rules, out, [(c.start, c.end) for c in out])


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
    if p_outside is not None:
        for c in rules:
            if any(c.start < e and s < c.end for s, e in taken):
                continue
            idx = [i for i, (_w, ws, _we) in enumerate(words) if c.start <= ws < c.end]
            title = _titled(c)
            if idx and (title or sum(p_outside(i) for i in idx) / len(idx) < KEEP_UNLESS_OUTSIDE):
                out.append(c)
                taken.append((c.start, c.end))
                note(c, "model: kept (a title written as titles are)" if title else "model: kept (uncertain)")
    # mentions nested inside a tagged one that the flat tagger cannot give (guide rule 5)
    for c in rules:
        if c.rule in _NESTED and (c.start, c.end) not in taken and any(s <= c.start and c.end <= e for s, e in taken):
            out.append(c)
            note(c, "model: kept (nested)")
    kept = {id(c) for c in out}
    for c in rules:
        if id(c) not in kept:
            note(c, "model: dropped")
    out.sort(key=lambda c: c.start)
    return out
