"""Cited documents: 《…》 titles, 关于……的意见 patterns and titled plans, laws and regulations (guide; rule 10)."""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon
from .common import PUNCT, TITLE, Candidate, Rules, Tokens, grow_left

__all__ = ["documents"]


def documents(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    out = [Candidate("Document", m.start(), m.end(), canonical(m.group(1)), rule="title-marks", priority=0)
           for m in TITLE.finditer(sentence) if canonical(m.group(1))]
    for pat in r.doc_patterns:
        out += [Candidate("Document", m.start(), m.end(), canonical(m.group(0)), rule="document-pattern", priority=1)
                for m in pat.finditer(sentence)]
    out += [Candidate("Document", m.start(), m.end(), m.group(0), rule="document-gazetteer", priority=2)
            for m in r.doc_gazetteer.finditer(sentence)]
    out += [Candidate("Document", m.start(), m.end(), canonical(m.group(0)), rule="document-plan", priority=1)
            for m in _plan().finditer(sentence)]

    def blocked(word: str) -> bool:
        return word[0] in PUNCT or word in _DOC_STOP

    generic = _generic_leads()
    for m in r.doc_suffix.finditer(sentence):
        if m.end() not in tokens.by_end or sentence.endswith(generic, 0, m.start()):
            continue
        s = grow_left(tokens, sentence, m.start(), 30, blocked)
        name = canonical(sentence[s:m.end()])
        if len(name) - len(m.group(0)) >= (6 if m.group(0) in ("办法", "规定") else 4):
            out.append(Candidate("Document", s, m.end(), name, rule="document-suffix", priority=2))
    return out


@lru_cache(maxsize=1)
def _plan() -> re.Pattern[str]:
    """The five-year plan of a period (``[document] plan_pattern``: “十四五”规划)."""
    return re.compile(lexicon().raw["document"]["plan_pattern"])


@lru_cache(maxsize=1)
def _generic_leads() -> tuple[str, ...]:
    """Words before 规定/办法 that make it rules in general or a verb (``[document] suffix_generic_leads``)."""
    return tuple(lexicon().words("document", "suffix_generic_leads"))


_DOC_STOP = frozenset({
    "落实", "执行", "贯彻", "制定", "研究制定", "印发", "出台", "学习", "学习贯彻", "严格执行", "严格落实",
    "认真落实", "贯彻落实", "深化落实", "按照", "根据", "依据", "遵守", "修订", "谋划编制", "编制", "完善",
    "全面贯彻", "实施", "严格", "认真", "深化", "持续", "加强", "用好", "运用", "对照", "结合", "和", "及", "与",
    "在", "以", "把", "将", "是", "，", "进一步",
})
