"""The guards of the fuzzy rule of entity resolution (:meth:`policykg.graph.entity_index.EntityIndex.lookup`, rule 3): two
names that score :data:`~policykg.graph.entity_index.FUZZY_THRESHOLD` or more still name two things when they differ in
a numeral, a level word, a place, their closing characters or a member of the set they name."""

from __future__ import annotations

import re

from .merging import resolution_words
from .places import names_place

__all__ = ["compatible"]

#: Level words: two names differing in one are two programs (整县试点 / 整省试点 scored 95 by the fuzzy rule).
_LEVEL_CHARS = re.compile(r"[省市县区州乡镇村]")
_NUMERALS = re.compile(r"[0-9一二两三四五六七八九十百千万N+]")
_PLACE = re.compile(r"^(?:\*\*|xx|[\u4e00-\u9fff]{1,4}(?:省|市|区|县))")


def compatible(a: str, b: str) -> bool:
    """Guards of rule 3: same numerals, same level words (整县试点 / 整省试点), same place prefix, no place written
    inside one only (国家中小学智慧教育平台海南全域应用试点 is 海南's: :func:`_inserted`), no one character written inside
    one only but a function word or suffix (``graph/data/resolution.toml [any] fuzzy_same_characters``: 现代化物流 /
    现代物流 join, 增加中低收入者收入 / 增加低收入者收入 and 德智体美劳 / 德智体美 name other sets, session 66), same final
    two characters.

    Args:
        a: the match key of an entity's name; b: the match key of the name rule 3 scored nearest it.

    Returns:
        ``True`` when the fuzzy rule may join the two names.
    """
    added = _inserted(a, b)
    if sorted(_NUMERALS.findall(a)) != sorted(_NUMERALS.findall(b)) or names_place(added):
        return False
    if (len(added) == 1 and "\u4e00" <= added <= "\u9fff" and added not in resolution_words("Any", "fuzzy_same_characters")
            and not _dropped_from_word(a, b, added)):
        return False  # 中低收入者 / 低收入者, 德智体美劳 / 德智体美: a member or a qualifier of the set added
    if sorted(_LEVEL_CHARS.findall(a)) != sorted(_LEVEL_CHARS.findall(b)):
        return False
    pa, pb = _PLACE.match(a), _PLACE.match(b)
    if (pa.group(0) if pa else "") != (pb.group(0) if pb else ""):
        return False
    return a[-2:] == b[-2:]


def _dropped_from_word(a: str, b: str, added: str) -> bool:
    """Whether the shorter of ``a`` and ``b`` is the longer with the character ``added`` dropped from a word (a typo or a
    name cut short: 县以下事业单位理岗位… of 管理岗位, 渝综合性科学中心 of 成渝): in jieba's cut of the longer the character
    lies in a word with others, and one of those stands alone in the cut of the shorter (理, 渝).  A member added to a
    set leaves the shorter's words whole (低收入者 of 中低收入者, 企业 of 企事业)."""
    from policykg.loaders.lexicon import tokenize

    short, long_, at = _first_difference(a, b)
    start, end = next(((s, e) for _w, s, e in tokenize(long_) if s <= at < e), (at, at + len(added)))
    if end - start == len(added):
        return False  # the character is a word of its own (劳 of 德智体美劳, 沙 of 山水林田湖草沙)
    return any(e - s == 1 and start <= s and e <= end - len(added) for _w, s, e in tokenize(short))


def _inserted(a: str, b: str) -> str:
    """What the longer of ``a`` and ``b`` writes inside the shorter's text (海南 of X海南Y against XY), or ``""``
    when it is not the shorter with one run of characters added."""
    short, long_, head = _first_difference(a, b)
    tail = len(short) - head
    return long_[head:len(long_) - tail] if long_.endswith(short[head:]) else ""


def _first_difference(a: str, b: str) -> tuple[str, str, int]:
    """``(shorter, longer, index)`` of ``a`` and ``b``: where the longer first differs from the shorter (the shorter's
    length when it opens the longer)."""
    short, long_ = sorted((a, b), key=len)
    return short, long_, next((i for i, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
