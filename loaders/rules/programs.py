"""Unquoted Program names, found from the type word that ends them (guide: Program; rules 5, 8, 10).

A name grows leftwards from its type word (工程, 行动, 机制, 项目, 示范区 …)
over content words; verbs of carrying out, adverbs and prepositions stop it.
Generic heads (长效机制, 人才培养计划: guide rule 8) and counted things
(二十八个水利工程) are rejected.
"""

from __future__ import annotations

import re

from policykg.graph.names import canonical

from .common import (
    NUMERAL,
    PUNCT,
    Candidate,
    Rules,
    Tokens,
    blocks,
    covered,
    grow_left,
    program_bridge,
    strip_prefix,
    strip_stop_tokens,
)

__all__ = ["programs"]


def programs(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
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
        s = grow_left(tokens, sentence, m.start(), 24, lambda w: blocks(w, r), lambda t, i: program_bridge(t, i, r))
        name = canonical(sentence[s:end])
        name = strip_prefix(name, r.body_strip)
        name = strip_stop_tokens(name, end - len(name), tokens, r, anchor=m.start())
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


def _enumeration(sentence: str, etc: int, type_word: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    """Programs of ``A、B、“C”等<type word>`` (周学习、月调度、“组工讲堂”等制度).

    ``etc`` is the offset of the type word (just after 等).  Each item becomes
    ``item + type word`` (alias: the item); with the empty type word (…等活动)
    the item alone is the name.  Leading stop words are dropped on token
    boundaries, as for every unquoted name (广泛开展创建党建先锋岗 -> 党建先锋岗,
    see :func:`strip_stop_tokens`); quotation marks are removed and kept in the surface.
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
            stripped = strip_stop_tokens(name, surface_start, tokens, r)
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


def _generic_head(head: str, r: Rules) -> bool:
    """True when every word of ``head`` is a generic word (guide: "generic phrases with no proper name").

    人才培养计划, 综合考核管理体系 and 优秀年轻干部常态化工作机制 are generic;
    党员分类管理制度 (分类) and 新型职业农民培育工程 are not.
    """
    return covered(head, r.generic_heads)


def _ends_name(sentence: str, end: int) -> bool:
    """True when a name may end at ``end`` (punctuation, a conjunction or 活动/工作 follows).

    Guards the type words 创建 and 改革, which are also verbs or modifiers
    (创建党建先锋岗, 改革发展主战场).
    """
    nxt = sentence[end:end + 2]
    return not nxt or nxt[0] in PUNCT or nxt[0] in "和与及等中" or nxt in ("活动", "工作", "行动", "成果")


# A count before a noun (二十八个水利工程, 两个建设项目, 二期工程) quantifies things; it names
# none.  A numbered formula (五个一工程) has only numerals after its classifier.
_COUNT_HEAD = re.compile(r"^[0-9０-９一二两三四五六七八九十百千万几多]+(?:个|项|批|座|条|期|处|家|所)")


def _counted(head: str) -> bool:
    """True when ``head`` (a name without its type word) is a counted noun phrase, not a name."""
    m = _COUNT_HEAD.match(head)
    if m is None:
        return False
    rest = head[m.end():]
    return not rest or (len(rest) >= 2 and not NUMERAL.search(rest))


_GENERIC_ENDINGS = ("长效机制", "长效化机制", "常态化机制", "体制机制", "制度机制", "基本制度")
