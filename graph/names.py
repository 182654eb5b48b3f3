"""Canonical names and matching keys (annotation guide, rule 2).

``canonical`` is what a node is called; ``match_key`` is what two names
must share to be the same entity without fuzzy matching (traditional
characters folded to simplified through OpenCC, carrying-out words dropped).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["canonical", "goal_key", "match_key", "matching_text", "simplified_for_matching", "to_simplified"]

_STRIP = re.compile(r"[“”‘’\"'《》〈〉「」『』\s\u3000]")
# A note's reference mark inside the text (“五张清单［3］”项目库: reports with 注释 at the end number the
# terms they explain): a pointer to the note, no part of the name.
_NOTE_MARK = re.compile(r"[［\[]\d{1,2}[］\]]")
_FULLWIDTH = str.maketrans({"＋": "+", "（": "(", "）": ")", "：": ":", "＊": "*", "·": "·"})
# Words of carrying out around a name (guide rule 2: 推行“红色物业”建设 -> 红色物业).
_CARRY_OUT_SUFFIX = re.compile(r"(?:建设工作|创建工作|建设|创建|工作)$")


def canonical(surface: str) -> str:
    """Return the canonical form of a surface name.

    Quotation and title marks and spaces are removed, full-width ＋ becomes +
    (guide rule 2); full-width brackets are kept as written, masked place
    names (``**``, ``xx``) are kept (rule 3); a note's reference mark (［3］, [12]) is dropped.

    Args:
        surface: the text as written.

    Returns:
        The canonical name (may be empty if the surface held only marks).
    """
    name = _STRIP.sub("", surface).replace("＋", "+")
    return _NOTE_MARK.sub("", name) if "［" in name or "[" in name else name


# Frequent characters that exist only in traditional script: a text with none of
# them is not converted (converting costs about 3 µs a character).
_TRADITIONAL_ONLY = frozenset("們這個為會發與國說學對來時業開關經動區長實現將進於黨點體機產義當設過還從問應戰導議"
                              "計務員頭華後無幹辦變種組織總條參與幣農衛廣濟環質級積資歷聯屬")


def simplified_for_matching(text: str) -> str:
    """Return a simplified-script copy of ``text`` with the same length, for matching; or ``text`` itself.

    Used by the loaders: extraction runs on this copy, while offsets and the
    mention surfaces index (and quote) the original text.  Converts only when
    ``text`` holds traditional-only characters, and keeps the original when
    OpenCC's conversion would change the length (so offsets would not line up).
    """
    if _TRADITIONAL_ONLY.isdisjoint(text):
        return text
    converted = _converter().convert(text)
    return converted if len(converted) == len(text) else text


# A half-width comma, semicolon, colon, question or exclamation mark written between Chinese words, as text
# copied from web pages and some word processors has it (坚持突出政治功能,着力提升组织力,围绕中心): Chinese
# writing means the full-width mark there.  Not between digits (1,000; 11:30) nor in Latin text.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
# Brackets likewise, when a Chinese character stands on either side (条例(试行), 方案(2024—2026年)).
_NARROW_CLAUSE_MARK = re.compile(
    f"(?<=[{_CJK}])[,;:?!()]|[,;:?!](?=\\s*[{_CJK}《（(])|[()](?=[\u4e00-\u9fff])")
_WIDE = str.maketrans(",;:?!()", "，；：？！（）")


def matching_text(text: str) -> str:
    """Return the copy of ``text`` extraction reads, of the same length: simplified script
    (:func:`simplified_for_matching`) with half-width clause marks between Chinese words made full-width
    (政治功能,着力 -> 政治功能，着力), so that a text copied from a web page reads as the official one does.

    Offsets into the copy are offsets into ``text``; mentions quote ``text``.
    """
    text = simplified_for_matching(text)
    if not _NARROW_CLAUSE_MARK.search(text):
        return text
    chars = list(_NARROW_CLAUSE_MARK.sub(lambda m: m.group(0).translate(_WIDE), text))
    opened: list[int] = []  # a pair of brackets of which one was made full-width: both are (办法(2024))
    for i, ch in enumerate(chars):
        if ch in "(（":
            opened.append(i)
        elif ch in ")）" and opened:
            j = opened.pop()
            if "（" in (chars[j], ch) or "）" in (chars[j], ch):
                chars[j], chars[i] = "（", "）"
    return "".join(chars)


def _converter():
    """OpenCC's ``t2s`` conversion (:mod:`policykg.graph.t2s`: the same output, faster)."""
    from .t2s import t2s

    return t2s()


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Return ``text`` with traditional characters converted to simplified (OpenCC t2s)."""
    return _converter().convert(text)


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """Return the key under which two names denote the same entity.

    canonical form, simplified characters, ASCII brackets and plus, and a
    trailing 建设/创建/工作 dropped when at least four characters remain.
    """
    key = to_simplified(canonical(name)).translate(_FULLWIDTH)
    stripped = _CARRY_OUT_SUFFIX.sub("", key)
    return stripped if len(stripped) >= 4 else key


# Forms of one goal (resolver rule 2): 乡村振兴战略 / 乡村振兴发展 / 乡村全面振兴 -> 乡村振兴.
_GOAL_FORMS = (
    re.compile(r"(?<=..)(?:战略|发展)$"),
    re.compile(r"全面(?=振兴$)"),
)


@lru_cache(maxsize=65536)
def goal_key(name: str) -> str:
    """Return the key under which two Goal names are one goal.

    :func:`match_key`, then a trailing 战略/发展 (when two characters remain)
    and a 全面 before a final 振兴 are dropped: the alias rules of the
    annotation guide's Goal examples (乡村振兴 / 乡村振兴战略 / 乡村全面振兴).
    """
    key = match_key(name)
    for pat in _GOAL_FORMS:
        key = pat.sub("", key)
    return key

