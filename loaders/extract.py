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
    goal_suffix: re.Pattern[str]
    goal_gazetteer: re.Pattern[str]
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
    stop_prefixes: tuple[str, ...]
    stop_tags: frozenset[str]
    inner_verbs: frozenset[str]


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
        goal_suffix=lx.alternation("goal", "suffixes"),
        goal_gazetteer=lx.alternation("goal", "gazetteer"),
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
        stop_prefixes=tuple(sorted(lx.words("text", "stop_words"), key=len, reverse=True)),
        stop_tags=frozenset(lx.words("text", "stop_tags")),
        inner_verbs=frozenset(lx.words("text", "inner_verbs")),
    )


# ---------------------------------------------------------------- tokens


@dataclass(slots=True)
class _Tokens:
    """jieba tokens of a sentence with lookups by start and end offset."""

    words: list[tuple[str, int, int]]
    by_end: dict[int, int]
    starts: frozenset[int]

    @classmethod
    def of(cls, sentence: str) -> _Tokens:
        words = tokenize(sentence)
        return cls(words, {e: i for i, (_, _, e) in enumerate(words)}, frozenset(s for _, s, _ in words))

    def token_start_covering(self, pos: int) -> int:
        """Return the start of the token that contains ``pos`` (or ``pos`` itself at a boundary)."""
        for _w, s, e in self.words:
            if s <= pos < e:
                return s
        return pos


def _blocks(word: str, r: _Rules) -> bool:
    """True when ``word`` stops the leftward growth of an unquoted name."""
    if not word or word[0] in _PUNCT or word.isspace():
        return True
    if word in r.stop_words:
        return True
    if word in r.inner_verbs or len(word) == 1:
        return False
    tag = word_tag(word)
    return tag in r.stop_tags or tag == "v"


def _grow_left(tokens: _Tokens, sentence: str, anchor_start: int, max_len: int, blocked, limit: int = 0) -> int:
    """Return the start of the longest name ending at the anchor.

    Walks tokens leftwards from the token holding ``anchor_start`` while
    ``blocked(word)`` is false and the name stays within ``max_len``
    characters; never crosses ``limit``.
    """
    start = tokens.token_start_covering(anchor_start)
    idx = tokens.by_end.get(start)
    end = anchor_start
    while idx is not None:
        word, ws, _ = tokens.words[idx]
        if ws < limit or blocked(word) or (end - ws) > max_len:
            break
        start = ws
        idx = tokens.by_end.get(ws)
    return start


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
        for qs, qe, raw in group:
            cand = _bare_quote(sentence, qs, qe, canonical(raw), r, after=sentence[qe:qe + 3])
            if cand is not None:
                if cand.label == "Program" and _COUNT.match(cand.name) and len(group) == 1:
                    out += _enumerated_parts(sentence, qs, cand.name, cand)
                out.append(cand)
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


def _bare_quote(sentence: str, qs: int, qe: int, name: str, r: _Rules, after: str) -> Candidate | None:
    """Classify a quoted name with no type word after it (guide rules 4 and 8)."""
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
    if len(name) <= 3 and name[-1] in "化性度力型链观":
        return None
    if _COUNT.match(name) or _FORMULA.match(name) or (name[0] in "一二两三四五六七八九十" and _NUMERAL.search(name[1:])):
        return Candidate("Program", qs, qe, name, rule="quote-formula", priority=1)
    if verb and len(name) >= 3:
        return Candidate("Program", qs, qe, name, rule="quote-verb", priority=2)
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
            seg = re.split(r"[，。；：“”（）]", before[:-1])[-1]
            items = [it for it in seg.split("、") if len(it) >= 2]
            pos = m.start() - 1 - len(seg)
            for it in items:
                it_name = _strip_prefix(it, r.stop_prefixes)
                if it_name and it_name + type_word not in r.generic_names:
                    i_start = pos + seg.find(it) + (len(it) - len(it_name))
                    out.append(Candidate("Program", i_start, i_start + len(it_name), it_name + type_word,
                                         aliases=[it_name], rule="enumeration+type", priority=3))
            continue
        s = _grow_left(tokens, sentence, m.start(), 24, lambda w: _blocks(w, r))
        name = canonical(sentence[s:end])
        name = _strip_prefix(name, r.body_strip)
        head = name[: len(name) - len(type_word)]
        if (len(head) < 2 or name in r.generic_names or head in r.generic_heads or head[-1] in "的之"
                or name.endswith(_GENERIC_ENDINGS)):
            continue
        out.append(Candidate("Program", end - len(name), end, name, rule="program-type-word", priority=3))
    return out


_GENERIC_ENDINGS = ("长效机制", "长效化机制", "常态化机制", "体制机制", "制度机制", "基本制度")


def _goals(sentence: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    out = [Candidate("Goal", m.start(), m.end(), m.group(0), rule="goal-gazetteer", priority=3)
           for m in r.goal_gazetteer.finditer(sentence)]
    for m in r.goal_suffix.finditer(sentence):
        if m.end() not in tokens.by_end and sentence[m.end():m.end() + 1] not in ("", "之", "的"):
            continue
        s = _grow_left(tokens, sentence, m.start(), 12, lambda w: _blocks(w, r) or w in ("新时代", "全区", "全市"))
        name = canonical(sentence[s:m.end()])
        if (len(name) >= 4 and name != m.group(0)) or r.goal_gazetteer.fullmatch(name):
            out.append(Candidate("Goal", s, m.end(), name, rule="goal-suffix", priority=3))
    out += [Candidate("Goal", m.start(), m.end(), canonical(m.group(0)), rule="goal-target", priority=1)
            for m in _TARGET.finditer(sentence)]
    return out


def _bodies(sentence: str, tokens: _Tokens, r: _Rules) -> list[Candidate]:
    out: list[Candidate] = []
    words = tokens.words
    for i, (word, ws, we) in enumerate(words):
        organ = next((o for o in r.organs if word.endswith(o)), None)
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


def extract_sentence(sentence: str) -> list[Candidate]:
    """Return the entity mentions of one sentence, non-overlapping, in text order.

    Args:
        sentence: one sentence (any text; never raises on arbitrary input).

    Returns:
        Candidates whose ``start``/``end`` index ``sentence``; ``sentence[start:end]``
        is the mention's surface text.
    """
    if not sentence.strip():
        return []
    r = _rules()
    tokens = _Tokens.of(sentence)
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
    kept.sort(key=lambda c: c.start)
    return kept
