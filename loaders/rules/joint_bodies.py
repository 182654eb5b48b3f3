"""Two organs written as one name: joint issuers set without a separator.

A notice issued by two organs of one place names both at the head of its title, usually apart
(中共重庆市委办公厅　重庆市人民政府办公厅关于…), but the space is often lost when a title is quoted or
copied from a web page: 《中共重庆市委办公厅重庆市人民政府办公厅关于印发〈…〉的通知》.  The title
issuers' rule (:func:`.body_forms.title_issuers`) and the tagger then read one organ.  Each of the two
names is a complete organ of its own: it opens with its jurisdiction (a place and its level, 重庆市,
北京市, 广西壮族自治区, after 中共 for a party committee) and ends with an organ's word (厅, 局, 委,
部: ``[body] addressee_heads``).  A name with a second jurisdiction inside it is split there; one whose
first part opens with no place stays whole, as a central organ's local branch is one organ
(国家税务总局重庆市税务局, 中国人民银行上海总部), and so does a hospital's branch (北京协和医院贵州医院).
In the 117 annotated documents and the national and provincial reports the split applies to one
name, and the golds name its two organs apart (guide rule 11: organs of the state and society are Bodies).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from policykg.graph.names import canonical
from policykg.graph.places import names_place

from ..lexicon import lexicon
from .body_forms import organ_ending
from .common import Candidate, note

__all__ = ["joint_organs", "split_joint_name"]


@lru_cache(maxsize=1)
def _jurisdiction() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """``[body] party_prefixes`` (中共, longest first) and a pattern of the level words after a place
    (``jurisdiction_levels``; a minority's autonomous region, prefecture or county: 壮族自治区)."""
    lx = lexicon()
    prefixes = tuple(sorted(lx.words("body", "party_prefixes"), key=len, reverse=True))
    levels = "|".join(map(re.escape, sorted(lx.words("body", "jurisdiction_levels"), key=len, reverse=True)))
    return prefixes, re.compile(rf"(?:[\u4e00-\u9fff]{{0,4}}?族)*(?:{levels})")


def _opens_with_jurisdiction(name: str) -> bool:
    """Whether ``name`` opens with a place and its level (重庆市…, 北京市…, 广西壮族自治区…), perhaps after 中共."""
    prefixes, level = _jurisdiction()
    for p in prefixes:
        if name.startswith(p):
            name = name[len(p):]
            break
    for k in range(2, min(len(name), 6) + 1):
        place = name[:k]
        if not names_place(place):
            continue
        if level.match(name, k) or (k >= 3 and level.fullmatch(place, k - 1)):
            return True
    return False


def split_joint_name(name: str) -> int | None:
    """Where the second of two organs joined without a separator begins in ``name``, or ``None``.

    Both parts must open with a jurisdiction (:func:`_opens_with_jurisdiction`) and end with an organ's word
    (``[body] addressee_heads``), each at least four characters long: 中共北京市委组织部北京市人力资源和社会保障局
    -> 16.  The first split point found is taken.
    """
    if not _opens_with_jurisdiction(name):
        return None
    for k in range(4, len(name) - 3):
        if organ_ending(name[:k]) and organ_ending(name[k:]) and _opens_with_jurisdiction(name[k:]):
            return k
    return None


def joint_organs(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """Split each Body candidate naming two organs joined without a separator (:func:`split_joint_name`) into two.

    Args:
        sentence: the sentence the candidates index.
        cands: its final candidates, in text order.

    Returns:
        ``cands`` with each such Body replaced by its two organs (the rule's name with ``+joint``), in text order.
    """
    out: list[Candidate] = []
    for c in cands:
        k = split_joint_name(sentence[c.start:c.end]) if c.label == "Body" else None
        if k is None:
            out.append(c)
            continue
        note(c, f"split: two organs written as one name, at {sentence[c.start + k:c.end]!r}")
        for a, b in ((c.start, c.start + k), (c.start + k, c.end)):
            part = replace(c, start=a, end=b, name=canonical(sentence[a:b]), aliases=[], rule=f"{c.rule}+joint")
            note(part, f"kept: one of two organs written as one name, {sentence[c.start:c.end]!r} (joint issuers)")
            out.append(part)
    return out
