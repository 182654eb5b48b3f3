"""Where a tagged span starts and ends at a coordination: a conjunction the span opens or closes on.

The tagger (:mod:`policykg.loaders.tagger`) may cut a name inside a coordination: on the conjunction that joins two
verbs before one object (和发展中国特色社会主义: :func:`without_conjunction`), inside an act and its reflexive (和自我批评
of 批评和自我批评), or on the conjunction that joins the two sides of one name's object (养老服务职业技能等级与 | 相应职称、
学历的 | 双向比照认定制度: :func:`across_conjunction`).  Re-exported by :mod:`policykg.loaders.span_edges`; applied by
:mod:`policykg.loaders.combine`; word lists from ``loaders/data/lexicon.toml`` (``[text] conjunctions``,
``reflexive_prefixes``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .lexicon import lexicon, word_tag
from .tagger import Span

__all__ = ["across_conjunction", "without_conjunction"]

@lru_cache(maxsize=1)
def _conjunctions() -> frozenset[str]:
    return lexicon().wordset("text", "conjunctions")


@lru_cache(maxsize=1)
def _reflexive() -> tuple[str, ...]:
    return tuple(lexicon().words("text", "reflexive_prefixes"))


def without_conjunction(words: Sequence[tuple[str, int, int]], s: int, e: int) -> int:
    """The start of a tagged span ``[s, e)`` (sentence offsets, characters) past a conjunction that opens it as a word
    of its own (``[text] conjunctions``) before a verb, and past the verb when at least two characters are left: the
    span was cut inside a coordination of verbs (坚持和发展中国特色社会主义 -> 中国特色社会主义); one before another word
    stays (和美乡村, which jieba cuts 和 美 乡村).  An act coordinated with its reflexive (A和自我A: 开展批评和自我批评,
    教育和自我教育; ``[text] reflexive_prefixes``) is one name, and the span opening on the conjunction or on the
    reflexive takes the act back (和自我批评 -> 批评和自我批评).

    Pattern source: the party congress reports (coordinated verbs before one object, 坚持、加强和改善党的领导), whose
    golds name the object alone or with every verb; no gold name of the 117 opens with such a word.  The pair of an
    act and its reflexive is the party's set phrase of its style of work (理论联系实际、密切联系群众、批评和自我批评).
    """
    at = next((i for i, (_w, ws, _we) in enumerate(words) if ws == s), None)
    if at is not None and (act := _reflexive_act(words, at)) is not None:
        return act
    if at is None or at + 1 >= len(words) or words[at][0] not in _conjunctions() or word_tag(words[at + 1][0]) not in ("v", "vn"):
        return s  # 和美乡村 (jieba: 和 美 乡村), 与东盟…: no verbs joined
    return words[at + 1][2] if e - words[at + 1][2] >= 2 else words[at][2]

def _reflexive_act(words: Sequence[tuple[str, int, int]], at: int) -> int | None:
    """The start of the act ``A`` when token ``at`` opens ``和自我A`` (or is the ``自我A`` of ``A和自我A``) after a token
    ending with ``A``; else None."""
    conj = at if words[at][0] in _conjunctions() else at - 1
    if conj < 1 or conj + 1 >= len(words) or words[conj][0] not in _conjunctions():
        return None
    before, reflexive = words[conj - 1][0], words[conj + 1][0]  # jieba may join the clause's verb: 开展批评
    act = next((reflexive[len(p):] for p in _reflexive() if reflexive.startswith(p)), "")
    return words[conj - 1][2] - len(act) if len(act) >= 2 and before.endswith(act) else None

# What never stands between the two pieces of one name: a clause's end, a comma, a colon.
_NAME_GAP_BREAK = re.compile("[，。；：！？,;:!?]")


def across_conjunction(sentence: str, words: Sequence[tuple[str, int, int]], spans: Sequence[Span]) -> list[Span]:
    """The tagged spans with one that closes on a conjunction (``[text] conjunctions`` as a word of its own) joined to
    the next span of its label in the clause: the tagger cut one name at its coordination, X与Y的Z制度.

    Pattern source: a name of official writing that coordinates its object's two sides before its head
    (建立养老服务职业技能等级与相应职称、学历的双向比照认定制度, a city's plan for elder-care staff, read as 养老服务职业技能
    等级与 and 双向比照认定制度); a name never ends with a conjunction (no gold name of the 117 does as a word of its
    own).  The conjunction runs on into the words after it (a mark after it ends a place's name: 清水驿至忠和、武威至
    仙米寺, a road of 甘肃's report), and no comma, colon or clause's end stands between the two; a span so closed with
    no such span after it stays as it is.

    Args:
        sentence: the sentence the token offsets index; words: its jieba tokens; spans: the tagged spans in order.

    Returns:
        The spans, each pair so written as one span of the label.
    """
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if (prev is not None and prev.label == sp.label and words[prev.last][0] in _conjunctions()
                and prev.last > prev.first and _runs_on(sentence[words[prev.last][2]:][:1])
                and not _NAME_GAP_BREAK.search(sentence, words[prev.last][2], words[sp.first][1])):
            out[-1] = Span(sp.label, prev.first, sp.last)
        else:
            out.append(sp)
    return out


def _runs_on(char: str) -> bool:
    """True when ``char``, right after a span's closing conjunction, goes on with words (a Han character or an opening
    mark), not a mark that ends the name (清水驿至忠和、武威至仙米寺: 和 ends the place's name, 忠和)."""
    return "\u4e00" <= char <= "\u9fff" or char in "“《"
