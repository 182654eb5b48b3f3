"""Quoted names: “…” with or without a type word after them (guide rules 2, 4, 5, 8).

Official documents mark the proper names of initiatives and formulae with
quotation marks (“五星”支部创建, “一国两制”方针, “两个确立”).  A type word after
the closing quote types the name; a bare quote is typed by the verb before it
(开展“…”: Program; 坚持“…”: Goal) or by its shape (a numbered formula).
"""

from __future__ import annotations

import re

from policykg.graph.names import canonical

from ..lexicon import tokenize
from .common import COUNT, FORMULA, NUMERAL, PUNCT, QUOTE, Candidate, Rules, rules
from .walks import blocks, clause_verb_end

__all__ = ["manner_quote", "quoted_names"]


def _quote_groups(sentence: str) -> list[list[tuple[int, int, str]]]:
    """Return runs of adjacent quotes (“甲”“乙”, “甲”、“乙”) as lists of (start, end, content)."""
    groups: list[list[tuple[int, int, str]]] = []
    for m in QUOTE.finditer(sentence):
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


def _tail_type(tail: str, r: Rules) -> tuple[str, int] | None:
    """Find the type word that ends a quoted name in the text after the quote.

    Returns ``(label, end offset in tail)`` for the furthest type word whose
    preceding text is plain modifiers (at most 8 characters, no stop word,
    no verb: “先锋指数”考核评价机制 -> 机制, “五星”支部创建和… -> 创建), or ``None``.
    """
    best: tuple[int, str] | None = None
    for label, pat in (("Program", r.prog_tail), ("Goal", r.goal_tail)):
        for m in pat.finditer(tail):
            if tail.startswith("化", m.end()):
                continue  # -化 makes the noun a quality (“…”的标准化党支部, 制度化): no type word ends there
            pre = tail[: m.start()]
            if pre.startswith("的"):
                pre = pre[1:]
            if len(pre) > 8 or any(c in PUNCT for c in pre) or any(_tail_blocks(w, r) for w, _, _ in tokenize(pre)):
                break
            if best is None or m.end() > best[0]:
                best = (m.end(), label)
    if best is None:
        return None
    return best[1], best[0]


_TAIL_OK = frozenset({"建设", "组织", "创建", "工作", "示范", "集中", "主题", "系列", "管理", "服务", "考核"})


def _tail_blocks(word: str, r: Rules) -> bool:
    """True when a word between a closing quote and a type word shows the name has ended."""
    return word not in _TAIL_OK and word not in r.inner_verbs and (word in r.bare_verbs or blocks(word, r))


# Adverbs and object modifiers between a verb and a quoted name (开展一批“…”, 实施人才“…”).
_BETWEEN_VERB_AND_QUOTE = re.compile(
    r"(一批|一个|一支|全面|持续|深入|大力|积极|认真|广泛|创新|着力|高标准|常态化|进一步|全领域|"
    r"[\u4e00-\u9fff]{0,4}(?:领域|基层|城市|人才|干部|党员|村干部|区|市|县|科技项目立项))$")


def _preceding_verb(sentence: str, start: int, r: Rules) -> bool:
    window = _BETWEEN_VERB_AND_QUOTE.sub("", sentence[max(0, start - 8): start])
    return window.endswith(r.bare_verbs)


def _preceding_uphold(sentence: str, start: int, r: Rules) -> bool:
    """True when a verb of upholding (``[goal] uphold_verbs``) stands right before the quote at ``start``."""
    window = _BETWEEN_VERB_AND_QUOTE.sub("", sentence[max(0, start - 8): start])
    return window.endswith(r.uphold_verbs)


def quoted_names(sentence: str, r: Rules) -> list[Candidate]:
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
            elif len(group) > 1 or (COUNT.match(tail_name) and "、" in contents[0]):
                parts = contents if len(group) > 1 else [canonical(p) for p in group[0][2].split("、")]
                agg = tail_name if COUNT.match(tail_name) else None
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
                if COUNT.match(name) and label == "Program":
                    out += _enumerated_parts(sentence, g_start, tail_name, cand)
                out.append(cand)
                continue
        principles = _closes_with_principle(sentence, group[-1][1])
        for qs, qe, raw in group:
            cand = _bare_quote(sentence, qs, qe, canonical(raw), r, after=sentence[qe:qe + 3], in_series=len(group) > 1)
            if cand is not None and principles:
                cand = Candidate("Goal", cand.start, cand.end, cand.name, rule="quote-principle-series", priority=1)
            if cand is not None:
                if cand.label == "Program" and COUNT.match(cand.name) and len(group) == 1:
                    out += _enumerated_parts(sentence, qs, cand.name, cand)
                out.append(cand)
    return out


def manner_quote(sentence: str, start: int, end: int) -> bool:
    """True when ``sentence[start:end]`` is one quotation joined by 的 to a noun of manner (以“咬定青山不放松”的韧劲,
    以“舍我其谁挑重担”的担当: ``[program] manner_nouns``): a maxim or a line of verse naming the spirit the work is
    done in, never a Program (guide: a Program is an initiative a place runs).  Offsets are characters; the quotation
    marks may lie inside the span or just outside it.

    Pattern source: the closing charges of work reports and speeches (要以“…”的韧劲久久为功); over the 117 adjudicated
    texts no quotation written so is a gold Program.
    """
    s = start - 1 if start > 0 and sentence[start - 1] == "“" else start
    e = end + 1 if end < len(sentence) and sentence[end] == "”" else end
    if not (sentence.startswith("“", s) and sentence[e - 1:e] == "”" and sentence.count("“", s, e) == 1):
        return False
    return sentence.startswith("的", e) and sentence[e + 1:].startswith(rules().manner_nouns)


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
    (容错纠错 + 机制), recorded in ``whole.parts`` for PART_OF.  The clause's verb is cut off the first
    item (深入实施·生态农业提效); the later items lose a leading verb only when every one of them opens
    with one (parallel verb phrases), so 和美乡村提质 and 集成改革提速 keep 和 and 集成.  With 等 before
    the quote (A、B…等“十大产业项目”) the items are instances of the formula and
    keep their own names (guide: PART_OF, "an enumeration of components").
    """
    etc = sentence[:start].endswith("等")
    if etc:  # A、B…等“十大产业项目”: the listed items are instances of the formula, named as written
        m = re.search(r"((?:[\u4e00-\u9fff“”]{2,18}、)+[\u4e00-\u9fff“”]{2,18})等$", sentence[:start])
    else:
        m = re.search(r"((?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8})$", sentence[:start])
    if not m:
        return []
    suffix = "" if etc else type_word[-2:]
    r = rules()
    parts, pos = [], m.start(1)
    items = m.group(1).split("、")
    leads = [clause_verb_end(item, r) for item in items]
    if not all(leads[1:]):  # the later items are no verb phrases each: 生态农业提效、和美乡村提质、集成改革提速
        leads[1:] = [0] * (len(items) - 1)
    for item, lead in zip(items, leads, strict=True):
        core = item[lead:]
        core = canonical(core) if etc else core  # an instance may carry its own quotes (“四算”新型基础设施)
        name = core if not suffix or core.endswith(suffix) else core + suffix
        parts.append(Candidate("Program", pos + lead, pos + len(item), name, aliases=[core], rule="enumerated-part",
                               priority=1))
        pos += len(item) + 1
    whole.parts = [p.name for p in parts]
    return parts


def _bare_quote(sentence: str, qs: int, qe: int, name: str, r: Rules, after: str,
                in_series: bool = False) -> Candidate | None:
    """Classify a quoted name with no type word after it (guide rules 4 and 8).

    ``in_series``: the quote stands in a run of adjacent quotes (“三片引领”“百村示范”
    “整县推进”); such a run lists named initiatives, so a short name in it is a
    Program even with no verb before it.
    """
    if len(name) < 2 or r.period.search(name):  # “十四五” is a period, not a name
        return None
    if name.endswith(r.doc_quote_suffix) and len(name) >= 6:
        return Candidate("Document", qs, qe, name, rule="quote-document", priority=1)
    # a numbered formula closed by a type word names an action framework (guide rule 4: “五个一工程” is a Program)
    if r.principle.match(name) and not after.lstrip("，,").startswith(("即", "：")) and not r.prog_types.search(name[-3:]):
        return Candidate("Goal", qs, qe, name, rule="quote-principle", priority=1)
    if r.prog_types.search(name[-3:]) and len(name) >= 3 and name not in r.generic_names:
        return Candidate("Program", qs, qe, name, rule="quote-typed", priority=1)
    multi = "、" in name or "，" in name or "," in name
    verb = _preceding_verb(sentence, qs, r)
    # 以“咬定青山不放松”的韧劲: a maxim naming the spirit of the work is no Program (a slogan may still be a Goal)
    maxim = manner_quote(sentence, qs, qe)
    if multi:
        return None if verb and maxim else Candidate("Program" if verb else "Goal", qs, qe, name, rule="quote-slogan",
                                                     priority=1)
    if maxim:
        return None
    if (len(name) <= 3 and name[-1] in "化性度力型链观") or name.endswith(r.people_heads):
        return None  # “匹配度”, “制度链”; “五支重点人才队伍” names people, not a program
    numbered = COUNT.match(name) or FORMULA.match(name) or (name[0] in "一二两三四五六七八九十" and NUMERAL.search(name[1:]))
    if len(name) >= 3 and numbered:
        if _preceding_uphold(sentence, qs, r):  # guide rule 4: a principle to uphold
            return Candidate("Goal", qs, qe, name, rule="quote-formula-upheld", priority=1)
        return Candidate("Program", qs, qe, name, rule="quote-formula", priority=1)
    if verb and len(name) >= 3:
        return Candidate("Program", qs, qe, name, rule="quote-verb", priority=2)
    if in_series and 4 <= len(name) <= 10:
        return Candidate("Program", qs, qe, name, rule="quote-series", priority=2)
    return None
