"""Entity extraction: Body, Program, Goal and cited Document mentions in one sentence.

Rules (each documented where it is defined) follow the annotation guide
(``docs/annotation-guide.md``) and the conventions of Chinese official
writing; every word list comes from ``loaders/data/lexicon.toml``.  Names
start and end on jieba token boundaries, so a name is never cut apart.

Order of precedence inside a sentence: quoted names (“…” with the type word
after them), cited documents, then unquoted names found from their type word
(Program), goal suffix or gazetteer entry (Goal) and organ word (Body).  A
candidate overlapping a higher-precedence one is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.graph.names import canonical

from .lexicon import lexicon, tokenize, word_tag

__all__ = ["Candidate", "extract_sentence"]

_QUOTE = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|\"([^\"\n]{1,60})\"")
_TITLE = re.compile(r"《([^《》\n]{1,80})》")
_PUNCT = set("，。；：、！？,.;:!?（）()《》“”「」\"'‘’ \u3000\t—…·")
_COUNT = re.compile(r"^[一二两三四五六七八九十百千万]+[大项个条类支型化联]")
_NUMERAL = re.compile(r"[一二两三四五六七八九十百千万]")
_FORMULA = re.compile(r"^[一二两三四五六七八九十]+[\u4e00-\u9fff]{1,3}[一二两三四五六七八九十]")
_TARGET = re.compile(r"(?:19|20)\d{2}年[^，。；]{4,60}?(?:全面清零|清零|全覆盖|以上|实现[^，。；]{2,30}|达到[^，。；]{2,30})")
_PLACE_TOKEN = re.compile(r"^(?:\*+|xx|XX|[\u4e00-\u9fff]{1,5}(?:省|自治区|市|区|县|州|镇|乡))$")
_NOT_PLACE = frozenset({"全区", "我区", "全市", "我市", "全县", "我县", "全省", "城区", "社区", "园区", "片区",
                        "辖区", "小区", "街区", "本市", "各区", "该区", "市区", "地区", "山区"})
_PERSON_TAILS = ("书记", "副书记", "成员", "负责人", "委员", "班子", "干部", "党员", "主任", "代表", "组织生活")


@dataclass(slots=True)
class Candidate:
    """An entity mention found in a sentence.

    Attributes:
        label: ``Body``, ``Program``, ``Goal`` or ``Document``.
        start, end: character offsets in the sentence.
        name: canonical name (guide rule 2).
        aliases: other forms of the name this mention supports (e.g. the quoted core).
        rule: which rule found it (for debugging and the evaluation report).
        parts: names of Programs enumerated as parts of this one (PART_OF).
        priority: lower wins when two candidates overlap.
    """

    label: str
    start: int
    end: int
    name: str
    aliases: list[str] = field(default_factory=list)
    rule: str = ""
    parts: list[str] = field(default_factory=list)
    priority: int = 5


@dataclass(frozen=True)
class _Rules:
    """Compiled lexicon (built once per process)."""

    prog_tail: re.Pattern[str]
    goal_tail: re.Pattern[str]
    doc_quote_suffix: tuple[str, ...]
    prog_types: re.Pattern[str]
    carry_out: frozenset[str]
    bare_verbs: tuple[str, ...]
    generic_names: frozenset[str]
    generic_heads: frozenset[str]
    prog_patterns: tuple[re.Pattern[str], ...]
    people_heads: tuple[str, ...]
    goal_suffix: re.Pattern[str]
    goal_gazetteer: re.Pattern[str]
    goal_prefix_stops: frozenset[str]
    goal_generic_heads: frozenset[str]
    uphold_verbs: tuple[str, ...]
    principle: re.Pattern[str]
    doc_patterns: tuple[re.Pattern[str], ...]
    doc_suffix: re.Pattern[str]
    doc_gazetteer: re.Pattern[str]
    organs: tuple[str, ...]
    levels: tuple[str, ...]
    body_modifiers: frozenset[str]
    body_standalone: frozenset[str]
    body_generic: frozenset[str]
    body_strip: tuple[str, ...]
    stop_words: frozenset[str]
    stop_tags: frozenset[str]
    inner_verbs: frozenset[str]
    bridge_words: frozenset[str]
    ideologies: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    lx = lexicon()
    return _Rules(
        prog_tail=lx.alternation("program", "quote_tail_words"),
        goal_tail=lx.alternation("goal", "quote_tail_words"),
        doc_quote_suffix=tuple(lx.words("document", "quote_suffixes")),
        prog_types=lx.alternation("program", "type_words"),
        carry_out=lx.wordset("program", "carry_out_tails"),
        bare_verbs=tuple(sorted(lx.words("program", "bare_program_verbs"), key=len, reverse=True)),
        generic_names=lx.wordset("program", "generic_names"),
        generic_heads=lx.wordset("program", "generic_heads"),
        prog_patterns=tuple(re.compile(p) for p in lx.words("program", "patterns")),
        people_heads=tuple(lx.words("program", "people_heads")),
        goal_suffix=lx.alternation("goal", "suffixes"),
        goal_gazetteer=lx.alternation("goal", "gazetteer"),
        goal_prefix_stops=lx.wordset("goal", "prefix_stops"),
        goal_generic_heads=lx.wordset("goal", "generic_heads"),
        uphold_verbs=tuple(lx.words("goal", "uphold_verbs")),
        principle=re.compile(lx.raw["goal"]["principle_pattern"]),
        doc_patterns=tuple(re.compile(p) for p in lx.words("document", "patterns")),
        doc_suffix=lx.alternation("document", "suffixes"),
        doc_gazetteer=lx.alternation("document", "gazetteer"),
        organs=tuple(sorted(lx.words("body", "organs"), key=len, reverse=True)),
        levels=tuple(lx.words("body", "levels")),
        body_modifiers=lx.wordset("body", "modifiers"),
        body_standalone=lx.wordset("body", "standalone"),
        body_generic=lx.wordset("body", "generic"),
        body_strip=tuple(sorted(lx.words("body", "strip_prefixes"), key=len, reverse=True)),
        stop_words=lx.wordset("text", "stop_words"),
        stop_tags=frozenset(lx.words("text", "stop_tags")),
        inner_verbs=frozenset(lx.words("text", "inner_verbs")),
        bridge_words=lx.wordset("text", "bridge_words"),
        ideologies=lx.wordset("text", "ideologies"),
    )


# ---------------------------------------------------------------- tokens


@dataclass(slots=True)
class _Tokens:
    """jieba tokens of a sentence with lookups by start and end offset."""

    words: list[tuple[str, int, int]]
    by_end: dict[int, int]
    starts: frozenset[int]

    @classmethod
    def of(cls, sentence: str, words: list[tuple[str, int, int]] | None = None) -> _Tokens:
        words = tokenize(sentence) if words is None else words
        return cls(words, {e: i for i, (_, _, e) in enumerate(words)}, frozenset(s for _, s, _ in words))

    def token_start_covering(self, pos: int) -> int:
        """Return the start of the token that contains ``pos`` (or ``pos`` itself at a boundary)."""
        for _w, s, e in self.words:
            if s <= pos < e:
                return s
        return pos


_SINGLE_STOP_TAGS = frozenset({"p", "c", "f"})


def _blocks(word: str, r: _Rules) -> bool:
    """True when ``word`` stops the leftward growth of an unquoted name."""
    if not word or word[0] in _PUNCT or word.isspace():
        return True
    if word in r.stop_words:
        return True
    if word in r.inner_verbs:
        return False
    if len(word) == 1:  # single characters join names (党建+促), except prepositions, conjunctions, locatives
        return word_tag(word) in _SINGLE_STOP_TAGS
    tag = word_tag(word)
    return tag in r.stop_tags or tag == "v"


def _grow_left(tokens: _Tokens, sentence: str, anchor_start: int, max_len: int, blocked,
               bridge=None) -> int:
    """Return the start of the longest name ending at the anchor.

    Walks tokens leftwards from the token holding ``anchor_start`` while
    ``blocked(word)`` is false and the name stays within ``max_len``
    characters.  ``bridge(tokens, index)``, when given, lets the walk cross
    a blocking word that stands between two parts of one name (党风廉政·建设·责任制,
    职务·与·职级并行制度).
    """
    start = tokens.token_start_covering(anchor_start)
    idx = tokens.by_end.get(start)
    end = anchor_start
    while idx is not None:
        word, ws, _ = tokens.words[idx]
        if (end - ws) > max_len:
            break
        if blocked(word) and (bridge is None or not bridge(tokens, idx)):
            break
        start = ws
        idx = tokens.by_end.get(ws)
    return start


_NOUN_TAGS = frozenset({"n", "nz", "nr", "ns", "nt", "j", "l", "vn", "an", "x"})


def _program_bridge(tokens: _Tokens, idx: int, r: _Rules) -> bool:
    """True when token ``idx`` (a verb, adverb or 与/和) sits inside a Program name.

    Only the lexicon's ``[text] bridge_words`` can be crossed, a run of them
    at most two long, and only when the word to the left of the run is a
    content word of two or more characters (a noun by jieba's tag, not a stop
    word): the name goes on past them (基层党建·全面提升·工程, 党员·分类·管理制度,
    领导干部联系专家·和·优秀人才制度).
    """
    run = 0
    while idx is not None and tokens.words[idx][0] in r.bridge_words:
        run += 1
        idx = tokens.by_end.get(tokens.words[idx][1])
    if run == 0 or run > 2 or idx is None:
        return False
    left = tokens.words[idx][0]
    return len(left) >= 2 and not _blocks(left, r) and word_tag(left) in _NOUN_TAGS


def _strip_stop_tokens(name: str, start: int, tokens: _Tokens, r: _Rules, anchor: int = -1) -> str:
    """Drop a leading run of stop words that ends on a token boundary (要·深化·改革 -> 改革,
    广泛开展·创建·党建先锋岗 -> 党建先锋岗 where jieba made 广泛开展 one token; not
    最低工资 -> 低工资, as 最低 is no run of stop words).

    ``start`` is the sentence offset of ``name``'s first character; ``anchor``
    (the type word's offset) counts as a boundary too, for a verb jieba fuses
    with the type word (深化改革).  At least two characters always remain.
    """
    for k in range(len(name) - 2, 0, -1):  # the longest run first
        cut = start + k
        if (cut in tokens.starts or cut == anchor) and (name[:k] in r.stop_words or _covered(name[:k], r.stop_words)):
            return name[k:]
    return name


def _strip_prefix(name: str, prefixes: tuple[str, ...]) -> str:
    for p in prefixes:
        if name.startswith(p) and len(name) - len(p) >= 2:
            return name[len(p):]
    return name


# ---------------------------------------------------------------- quoted names


def _quote_groups(sentence: str) -> list[list[tuple[int, int, str]]]:
    """Return runs of adjacent quotes (“甲”“乙”, “甲”、“乙”) as lists of (start, end, content)."""
    groups: list[list[tuple[int, int, str]]] = []
    for m in _QUOTE.finditer(sentence):
        content = next(g for g in m.groups() if g is not None)
        item = (m.start(), m.end(), content)
        if groups:
            last = groups[-1][-1]
            gap = sentence[last[1]:m.start()]
            if gap in ("", "、"):
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def _tail_type(tail: str, r: _Rules) -> tuple[str, int] | None:
    """Find the type word that ends a quoted name in the text after the quote.

    Returns ``(label, end offset in tail)`` for the furthest type word whose
    preceding text is plain modifiers (at most 8 characters, no stop word,
    no verb: “先锋指数”考核评价机制 -> 机制, “五星”支部创建和… -> 创建), or ``None``.
    """
    best: tuple[int, str] | None = None
    for label, pat in (("Program", r.prog_tail), ("Goal", r.goal_tail)):
        for m in pat.finditer(tail):
            pre = tail[: m.start()]
            if pre.startswith("的"):
                pre = pre[1:]
            if len(pre) > 8 or any(c in _PUNCT for c in pre) or any(_tail_blocks(w, r) for w, _, _ in tokenize(pre)):
                break
            if best is None or m.end() > best[0]:
                best = (m.end(), label)
    if best is None:
        return None
    return best[1], best[0]


_TAIL_OK = frozenset({"建设", "组织", "创建", "工作", "示范", "集中", "主题", "系列", "管理", "服务", "考核"})


def _tail_blocks(word: str, r: _Rules) -> bool:
    """True when a word between a closing quote and a type word shows the name has ended."""
    return word not in _TAIL_OK and (word in r.bare_verbs or _blocks(word, r))


# Adverbs and object modifiers between a verb and a quoted name (开展一批“…”, 实施人才“…”).
_BETWEEN_VERB_AND_QUOTE = re.compile(
    r"(一批|一个|一支|全面|持续|深入|大力|积极|认真|广泛|创新|着力|高标准|常态化|进一步|全领域|"
    r"[\u4e00-\u9fff]{0,4}(?:领域|基层|城市|人才|干部|党员|村干部|区|市|县|科技项目立项))$")


def _preceding_verb(sentence: str, start: int, r: _Rules) -> bool:
    window = _BETWEEN_VERB_AND_QUOTE.sub("", sentence[max(0, start - 8): start])
    return window.endswith(r.bare_verbs)


def _preceding_uphold(sentence: str, start: int, r: _Rules) -> bool:
    """True when a verb of upholding (``[goal] uphold_verbs``) stands right before the quote at ``start``."""
    window = _BETWEEN_VERB_AND_QUOTE.sub("", sentence[max(0, start - 8): start])
    return window.endswith(r.uphold_verbs)


def _quoted(sentence: str, r: _Rules) -> list[Candidate]:
    out: list[Candidate] = []
    for group in _quote_groups(sentence):
        g_start, g_end = group[0][0], group[-1][1]
        tail_text = re.split(r"[，。；：、！？“（(]", sentence[g_end:g_end + 14], maxsplit=1)[0]
        contents = [canonical(c) for _, _, c in group]
        if tail_text.startswith("等"):
            typed = _tail_type(tail_text[1:], r)
            if typed is None:
                continue
            label = typed[0]
            for (qs, qe, _c), name in zip(group, contents, strict=True):
                if name:
                    out.append(Candidate(label, qs, qe, name, rule="quote+等", priority=1))
            continue
        typed = _tail_type(tail_text, r)
        if typed is not None:
            label, t_end = typed
            tail = tail_text[:t_end]
            tail_name = canonical(tail[1:] if tail.startswith("的") else tail)
            if tail.startswith("的") and r.goal_gazetteer.search(tail):
                typed = None  # “三片引领”…的乡村振兴战略: the quotes modify a goal named on its own
            elif len(group) > 1 or (_COUNT.match(tail_name) and "、" in contents[0]):
                parts = contents if len(group) > 1 else [canonical(p) for p in group[0][2].split("、")]
                agg = tail_name if _COUNT.match(tail_name) else None
                for (qs, qe, _), name in zip(group, contents, strict=True):
                    if len(group) > 1:
                        out.append(Candidate(label, qs, qe, name, rule="quote-part", priority=1))
                if len(group) == 1 and agg:
                    out += _inner_parts(group[0], label)
                if agg:
                    whole = canonical(sentence[g_start:g_end + t_end])
                    out.append(Candidate(label, g_end, g_end + t_end, agg, aliases=[whole], rule="quote-aggregate",
                                         parts=[p for p in parts if p], priority=0))
                elif len(group) == 1:
                    out.append(Candidate(label, g_start, g_end + t_end, contents[0] + tail_name, rule="quote+type", priority=1))
                continue
            else:
                name = contents[0]
                if tail_name in r.carry_out:
                    cand = Candidate(label, g_start, g_end + t_end, name, aliases=[name + tail_name], rule="quote+carry",
                                     priority=1)
                else:
                    cand = Candidate(label, g_start, g_end + t_end, name + tail_name, aliases=[name], rule="quote+type",
                                     priority=1)
                if _COUNT.match(name) and label == "Program":
                    out += _enumerated_parts(sentence, g_start, tail_name, cand)
                out.append(cand)
                continue
        principles = _closes_with_principle(sentence, group[-1][1])
        for qs, qe, raw in group:
            cand = _bare_quote(sentence, qs, qe, canonical(raw), r, after=sentence[qe:qe + 3], in_series=len(group) > 1)
            if cand is not None and principles:
                cand = Candidate("Goal", cand.start, cand.end, cand.name, rule="quote-principle-series", priority=1)
            if cand is not None:
                if cand.label == "Program" and _COUNT.match(cand.name) and len(group) == 1:
                    out += _enumerated_parts(sentence, qs, cand.name, cand)
                out.append(cand)
    return out


_PRINCIPLE_CLOSE = re.compile(r"^[^，。；：,;:]{0,16}?的?(?:基本)?(?:方针|原则|方略)(?=[，。；、,;]|$)")


def _closes_with_principle(sentence: str, end: int) -> bool:
    """True when the clause after a run of quotes ends in 方针/原则/方略 (guide rule 4: principles are Goals).

    “一国两制”、“港人治港”、“澳人治澳”、高度自治的方针: each quoted item names a principle.
    """
    return bool(_PRINCIPLE_CLOSE.match(sentence[end:]))


def _inner_parts(quote: tuple[int, int, str], label: str) -> list[Candidate]:
    """Parts of “铸魂赋能、队伍提质、兴业共富”六项行动: each 、-separated item inside the quote."""
    qs, _qe, raw = quote
    out, pos = [], qs + 1
    for item in raw.split("、"):
        name = canonical(item)
        if len(name) >= 2:
            out.append(Candidate(label, pos, pos + len(item), name, rule="quote-inner-part", priority=1))
        pos += len(item) + 1
    return out


def _enumerated_parts(sentence: str, start: int, type_word: str, whole: Candidate) -> list[Candidate]:
    """Parts of ``A、B、C“三项机制”``: the 、-separated phrases just before the quote.

    Each part becomes a Program named item + the formula's type word
    (容错纠错 + 机制), recorded in ``whole.parts`` for PART_OF.
    """
    m = re.search(r"((?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8})$", sentence[:start])
    if not m:
        return []
    suffix = type_word[-2:]
    parts, pos = [], m.start(1)
    for item in m.group(1).split("、"):
        name = item if item.endswith(suffix) else item + suffix
        parts.append(Candidate("Program", pos, pos + len(item), name, aliases=[item], rule="enumerated-part",
                               priority=1))
        pos += len(item) + 1
    whole.parts = [p.name for p in parts]
    return parts


def _bare_quote(sentence: str, qs: int, qe: int, name: str, r: _Rules, after: str,
                in_series: bool = False) -> Candidate | None:
    """Classify a quoted name with no type word after it (guide rules 4 and 8).

    ``in_series``: the quote stands in a run of adjacent quotes (“三片引领”“百村示范”
    “整县推进”); such a run lists named initiatives, so a short name in it is a
    Program even with no verb before it.
    """
    if len(name) < 2:
        return None
    if name.endswith(r.doc_quote_suffix) and len(name) >= 6:
        return Candidate("Document", qs, qe, name, rule="quote-document", priority=1)
    if r.principle.match(name) and not after.lstrip("，,").startswith(("即", "：")):
        return Candidate("Goal", qs, qe, name, rule="quote-principle", priority=1)
    if r.prog_types.search(name[-3:]) and len(name) >= 3 and name not in r.generic_names:
        return Candidate("Program", qs, qe, name, rule="quote-typed", priority=1)
    multi = "、" in name or "，" in name or "," in name
    verb = _preceding_verb(sentence, qs, r)
    if multi:
        return Candidate("Program" if verb else "Goal", qs, qe, name, rule="quote-slogan", priority=1)
    if (len(name) <= 3 and name[-1] in "化性度力型链观") or name.endswith(r.people_heads):
        return None  # “匹配度”, “制度链”; “五支重点人才队伍” names people, not a program
    numbered = _COUNT.match(name) or _FORMULA.match(name) or (name[0] in "一二两三四五六七八九十" and _NUMERAL.search(name[1:]))
    if len(name) >= 3 and numbered:
        if _preceding_uphold(sentence, qs, r):  # guide rule 4: a principle to uphold
            return Candidate("Goal", qs, qe, name, rule="quote-formula-upheld", priority=1)
        return Candidate("Program", qs, qe, name, rule="quote-formula", priority=1)
    if verb and len(name) >= 3:
        return Candidate("Program", qs, qe, name, rule="quote-verb", priority=2)
    if in_series and 4 <= len(name) <= 10:
        return Candidate("Program", qs, qe, name, rule="quote-series", priority=2)
    return None


# ---------------------------------------------------------------- unquoted names


def _documents(sentence: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    out = [Candidate("Document", m.start(), m.end(), canonical(m.group(1)), rule="title-marks", priority=0)
           for m in _TITLE.finditer(sentence) if canonical(m.group(1))]
    for pat in r.doc_patterns:
        out += [Candidate("Document", m.start(), m.end(), canonical(m.group(0)), rule="document-pattern", priority=1)
                for m in pat.finditer(sentence)]
    out += [Candidate("Document", m.start(), m.end(), m.group(0), rule="document-gazetteer", priority=2)
            for m in r.doc_gazetteer.finditer(sentence)]

    def blocked(word: str) -> bool:
        return word[0] in _PUNCT or word in _DOC_STOP

    for m in r.doc_suffix.finditer(sentence):
        if m.end() not in tokens.by_end:
            continue
        s = _grow_left(tokens, sentence, m.start(), 30, blocked)
        name = canonical(sentence[s:m.end()])
        if len(name) - len(m.group(0)) >= (6 if m.group(0) in ("办法", "规定") else 4):
            out.append(Candidate("Document", s, m.end(), name, rule="document-suffix", priority=2))
    return out


_DOC_STOP = frozenset({
    "落实", "执行", "贯彻", "制定", "研究制定", "印发", "出台", "学习", "学习贯彻", "严格执行", "严格落实",
    "认真落实", "贯彻落实", "深化落实", "按照", "根据", "依据", "遵守", "修订", "谋划编制", "编制", "完善",
    "全面贯彻", "实施", "严格", "认真", "深化", "持续", "加强", "用好", "运用", "对照", "结合", "和", "及", "与",
    "在", "以", "把", "将", "是", "，", "进一步",
})


def _programs(sentence: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _ACTIVITY_SERIES.finditer(sentence):
        out += _enumeration(sentence, m.end() - len(m.group(0)) + m.group(0).index("等") + 1, "", tokens, r)
    for pat in r.prog_patterns:
        out += [Candidate("Program", m.start(), m.end(), canonical(m.group(0)), rule="program-pattern", priority=2)
                for m in pat.finditer(sentence)]
    for m in r.prog_types.finditer(sentence):
        end = m.end()
        if end not in tokens.by_end:
            continue
        type_word = m.group(0)
        before = sentence[:m.start()]
        if before.endswith("等") and "、" in before[-30:]:
            out += _enumeration(sentence, m.start(), type_word, tokens, r)
            continue
        short = _short_series(sentence, m.start())
        if short is not None:
            out.append(Candidate("Program", short, end, canonical(sentence[short:end]), rule="short-series+type",
                                 priority=3))
            continue
        s = _grow_left(tokens, sentence, m.start(), 24, lambda w: _blocks(w, r), lambda t, i: _program_bridge(t, i, r))
        name = canonical(sentence[s:end])
        name = _strip_prefix(name, r.body_strip)
        name = _strip_stop_tokens(name, end - len(name), tokens, r, anchor=m.start())
        head = name[: len(name) - len(type_word)]
        if (len(head) < 2 or name in r.generic_names or _generic_head(head, r) or head[-1] in "的之"
                or name.endswith(_GENERIC_ENDINGS) or _counted(head) or sentence[end:end + 1] in _ADJECTIVAL
                or (type_word in ("创建", "改革") and not _ends_name(sentence, end))):
            continue
        out.append(Candidate("Program", end - len(name), end, name, rule="program-type-word", priority=3))
    return out


# ``A、B、C等活动``: activities named in a series (guide: Program "campaign"); 活动 itself
# is a generic wrapper, so the items are the names.
_ACTIVITY_SERIES = re.compile(r"(?<=、)[^，。；：、]{2,20}等(?:系列)?(?:主题)?活动")


def _enumeration(sentence: str, etc: int, type_word: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    """Programs of ``A、B、“C”等<type word>`` (周学习、月调度、“组工讲堂”等制度).

    ``etc`` is the offset of the type word (just after 等).  Each item becomes
    ``item + type word`` (alias: the item); with the empty type word (…等活动)
    the item alone is the name.  Leading stop words are dropped on token
    boundaries, as for every unquoted name (广泛开展创建党建先锋岗 -> 党建先锋岗,
    see :func:`_strip_stop_tokens`); quotation marks are removed and kept in the surface.
    """
    before = sentence[: etc - 1]
    seg = re.split(r"[，。；：（）()]", before)[-1]
    out, pos = [], etc - 1 - len(seg)
    for it in seg.split("、"):
        i_start, pos = pos, pos + len(it) + 1
        raw = it.strip()
        surface_start = i_start + len(it) - len(it.lstrip())
        name = canonical(raw)
        if name == raw:  # unquoted: offsets of name and item agree
            stripped = _strip_stop_tokens(name, surface_start, tokens, r)
            surface_start += len(name) - len(stripped)
            name = stripped
        if len(name) < 2 or name + type_word in r.generic_names:
            continue
        out.append(Candidate("Program", surface_start, i_start + len(it), name + type_word,
                             aliases=[name] if type_word else [], rule="enumeration+type", priority=3))
    return out


_SHORT_SERIES = re.compile(r"(?<![\u4e00-\u9fff]{2})((?:[\u4e00-\u9fff]{2}、){2,5}[\u4e00-\u9fff]{2})$")


def _short_series(sentence: str, type_start: int) -> int | None:
    """Start of a parallel series such as ``述学、评学、考学`` right before a type word.

    Chinese official writing names a set of rules as one unit with three or
    more two-character items sharing their last character (述学、评学、考学制度).
    Returns the series' start offset, or ``None``.
    """
    window = sentence[max(0, type_start - 24):type_start]
    for cut in range(len(window)):
        m = _SHORT_SERIES.fullmatch(window[cut:])
        if m is None:
            continue
        items = m.group(1).split("、")
        if len({it[-1] for it in items}) == 1:
            return type_start - len(m.group(1))
    return None


# 项目化, 制度化, 体系性: the type word is part of an adjective, not a name's end.
_ADJECTIVAL = frozenset("化性式型")


def _generic_head(head: str, r: _Rules) -> bool:
    """True when every word of ``head`` is a generic word (guide: "generic phrases with no proper name").

    人才培养计划, 综合考核管理体系 and 优秀年轻干部常态化工作机制 are generic;
    党员分类管理制度 (分类) and 新型职业农民培育工程 are not.
    """
    return _covered(head, r.generic_heads)


@lru_cache(maxsize=65536)
def _covered(text: str, words: frozenset[str]) -> bool:
    """True when ``text`` splits into words of ``words`` (dynamic programming over prefixes)."""
    ok = [True] + [False] * len(text)
    for i in range(1, len(text) + 1):
        ok[i] = any(ok[j] and text[j:i] in words for j in range(max(0, i - 8), i))
    return ok[-1]


def _ends_name(sentence: str, end: int) -> bool:
    """True when a name may end at ``end`` (punctuation, a conjunction or 活动/工作 follows).

    Guards the type words 创建 and 改革, which are also verbs or modifiers
    (创建党建先锋岗, 改革发展主战场).
    """
    nxt = sentence[end:end + 2]
    return not nxt or nxt[0] in _PUNCT or nxt[0] in "和与及等中" or nxt in ("活动", "工作", "行动", "成果")


# A count before a noun (二十八个水利工程, 两个建设项目, 二期工程) quantifies things; it names
# none.  A numbered formula (五个一工程) has only numerals after its classifier.
_COUNT_HEAD = re.compile(r"^[0-9０-９一二两三四五六七八九十百千万几多]+(?:个|项|批|座|条|期|处|家|所)")


def _counted(head: str) -> bool:
    """True when ``head`` (a name without its type word) is a counted noun phrase, not a name."""
    m = _COUNT_HEAD.match(head)
    if m is None:
        return False
    rest = head[m.end():]
    return not rest or (len(rest) >= 2 and not _NUMERAL.search(rest))


_GENERIC_ENDINGS = ("长效机制", "长效化机制", "常态化机制", "体制机制", "制度机制", "基本制度")


def _goals(sentence: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    out = [Candidate("Goal", m.start(), m.end(), m.group(0), rule="goal-gazetteer", priority=3)
           for m in r.goal_gazetteer.finditer(sentence)]
    for m in r.goal_suffix.finditer(sentence):
        if m.end() not in tokens.by_end and sentence[m.end():m.end() + 1] not in ("", "之", "的"):
            continue
        s = _grow_left(tokens, sentence, m.start(), 12, lambda w: _goal_blocks(w, r))
        name = canonical(sentence[s:m.end()])
        if name[: len(name) - len(m.group(0))] in r.goal_generic_heads:
            continue
        if (len(name) >= 4 and name != m.group(0)) or r.goal_gazetteer.fullmatch(name):
            out.append(Candidate("Goal", s, m.end(), name, rule="goal-suffix", priority=3))
    out += [Candidate("Goal", m.start(), m.end(), canonical(m.group(0)), rule="goal-target", priority=1)
            for m in _TARGET.finditer(sentence)]
    return out


_GOAL_STOP_TAGS = frozenset({"ns", "nr", "nrt", "nt", "m", "mq", "q", "t", "f", "s"})


def _goal_blocks(word: str, r: _Rules) -> bool:
    """True when ``word`` ends the leftward growth of a Goal name.

    A Goal grows over its subject area only (组织工作高质量发展, **经济社会高质量发展,
    人才强市战略): nouns, adjectives and masked places.  Verbs, including the
    verbs of serving that jieba tags as nouns (助力, 赋能), place and scope
    words (湖南, 全省) and bodies (市委) stop it: 共助乡村振兴 -> 乡村振兴.
    """
    if word == "*":
        return False
    if not word or word[0] in _PUNCT or word.isspace() or word in r.stop_words or word in r.goal_prefix_stops:
        return True
    if word.endswith(("委", "党委", "政府", "部门", "组织")):
        return True
    tag = word_tag(word)
    return (tag.startswith("v") and tag != "vn") or tag in r.stop_tags or tag in _GOAL_STOP_TAGS


# Government and Party organs at a level (administrative levels × organ types, as
# 党政机关 name their departments): 市委组织部, 区委两新工委, 市人力资源和社会保障局,
# 省人社厅, 市发改委, 县委政法委.
_GOV_ORGAN = re.compile(
    r"(?:省|自治区|市|州|盟|区|县|旗|乡|镇)(?:委|党委|政府)?"
    r"[\u4e00-\u9fff]{1,12}?(?:局|厅|委员会|办公室|工委|委|办|部)")
# Words after which an organ name may begin (由市科技局负责, 会同市财政局).
_ORGAN_LEAD_IN = frozenset({"由", "和", "与", "及", "会同", "配合", "联合", "牵头", "各", "经", "向", "对", "在", "同"})


_LEVEL_FIRST = frozenset("省自市州盟区县旗乡镇")


def _government_organs(sentence: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    """Bodies of the form level + organ (see ``_GOV_ORGAN``).

    The name starts on a token of its own (not inside 城市 or 全市), after
    punctuation or a lead-in word, ends where a token ends, and holds no stop
    word or verb except 和 inside a bureau's name (人力资源和社会保障局).
    """
    out: list[Candidate] = []
    for i in [i for i, (w, _, _) in enumerate(tokens.words) if w[:1] in _LEVEL_FIRST]:
        word, ws, _we = tokens.words[i]
        if not word.startswith(("省", "自治区", "市", "州", "盟", "区", "县", "旗", "乡", "镇")):
            continue
        prev = tokens.words[i - 1][0] if i else ""
        if prev and prev[0] not in _PUNCT and prev not in _ORGAN_LEAD_IN:
            continue
        for m in _GOV_ORGAN.finditer(sentence, ws, min(len(sentence), ws + 20)):
            if m.start() != ws:
                break
            if m.end() not in tokens.by_end:
                continue
            inner = [w for w, s0, _ in tokens.words[i:] if s0 < m.end()]
            if inner[-1].startswith(_PERSON_TAILS):
                break  # 省部级领导干部: 部 ends a word for people
            if any(w != "和" and _blocks(w, r) and len(w) > 1 for w in inner[1:-1]):
                break
            out.append(Candidate("Body", ws, m.end(), canonical(m.group(0)), rule="body-government", priority=4))
            break
    return out


@lru_cache(maxsize=200_000)
def _organ_suffix(word: str) -> str | None:
    """The longest organ word (``[body] organs``) ``word`` ends with, or ``None``; cached per word."""
    organs, longest = _organ_set()
    for k in range(min(len(word), longest), 0, -1):
        if word[-k:] in organs:
            return word[-k:]
    return None


@lru_cache(maxsize=1)
def _body_last_chars() -> frozenset[str]:
    """Last characters of every organ word, standalone body and 委: a token ending otherwise is no Body."""
    r = _rules()
    return frozenset(w[-1] for w in (*r.organs, *r.body_standalone, "委") if w)


@lru_cache(maxsize=1)
def _organ_set() -> tuple[frozenset[str], int]:
    organs = _rules().organs
    return frozenset(organs), max(map(len, organs), default=0)


def _bodies(sentence: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    out: list[Candidate] = _government_organs(sentence, tokens, r)
    words = tokens.words
    last_chars = _body_last_chars()
    for i in [i for i, (w, _, _) in enumerate(words) if w[-1:] in last_chars]:  # a cheap filter first
        word, ws, we = words[i]
        organ = _organ_suffix(word)
        level_body = len(word) <= 4 and word.endswith(("委", "党委")) and word[: -1 if word.endswith("委") else -2] in r.levels
        if organ is None and not level_body and word not in r.body_standalone:
            continue
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if nxt.startswith(_PERSON_TAILS):
            continue
        s = ws
        j = i - 1
        while j >= 0:
            w, s2, _ = words[j]
            if w in r.body_modifiers or (_PLACE_TOKEN.match(w) and w not in _NOT_PLACE) or w == "*":
                s = s2
                j -= 1
                continue
            break
        name = canonical(sentence[s:we])
        name = _strip_prefix(name, r.body_strip)
        if name in r.body_generic or len(name) < 2:
            continue
        if s == ws and word not in r.body_standalone and not level_body and len(word) <= len(organ or "") + 1:
            continue
        out.append(Candidate("Body", we - len(name), we, name, rule="body-organ", priority=4))
    return out


# ---------------------------------------------------------------- the sentence


def _nested_goals(sentence: str, kept: list[Candidate], r: _Rules) -> list[Candidate]:
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


def _nested_bodies(kept: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """Bodies named inside a Program's name (基层党组织整建提质专项行动 -> 基层党组织; guide rule 5)."""
    progs = [c for c in kept if c.label == "Program"]
    out: list[Candidate] = []
    for b in found:
        if b.label == "Body" and b not in kept and any(p.start <= b.start and b.end <= p.end for p in progs):
            if not any(o.start < b.end and b.start < o.end for o in out):
                out.append(b)
    return out


def sentence_tokens(doc_tokens: list[tuple[str, int, int]], token_starts: list[int], start: int, end: int
                    ) -> list[tuple[str, int, int]]:
    """The tokens of the sentence ``[start, end)`` of a document tokenized once, offsets made sentence-relative.

    jieba segments each run of Han characters, letters and digits on its own and
    never joins one across 。！？；, other punctuation or a line break, which is
    where :func:`policykg.loaders.outline.sentences` cuts; so these are exactly
    the tokens of the sentence tokenized alone (a test checks this on real text).

    Args:
        doc_tokens: :func:`tokenize` of the whole document text.
        token_starts: the start offset of each of ``doc_tokens`` (for bisection).
        start, end: the sentence's character span in the document.
    """
    i, j = bisect.bisect_left(token_starts, start), bisect.bisect_left(token_starts, end)
    return [(w, s - start, e - start) for w, s, e in doc_tokens[i:j] if e <= end]


def extract_sentence(sentence: str, words: list[tuple[str, int, int]] | None = None) -> list[Candidate]:
    """Return the entity mentions of one sentence, non-overlapping, in text order.

    Args:
        sentence: one sentence (any text; never raises on arbitrary input).
        words: the sentence's jieba tokens ``(word, start, end)`` with offsets
            into ``sentence``, when the caller tokenized the whole document
            (:func:`sentence_tokens`); tokenized here otherwise.

    Returns:
        Candidates whose ``start``/``end`` index ``sentence``; ``sentence[start:end]``
        is the mention's surface text.
    """
    if not sentence.strip():
        return []
    r = _rules()
    tokens = _Tokens.of(sentence, words)
    found = _quoted(sentence, r) + _documents(sentence, tokens, r)
    found += _programs(sentence, tokens, r) + _goals(sentence, tokens, r) + _bodies(sentence, tokens, r)
    found.sort(key=lambda c: (c.priority, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in found:
        if not c.name or c.end <= c.start:
            continue
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    kept = [c for c in kept if canonical(c.name) not in r.ideologies and not c.name.endswith("精神")]
    kept += _nested_goals(sentence, kept, r) + _nested_bodies(kept, found)
    kept.sort(key=lambda c: c.start)
    return kept
