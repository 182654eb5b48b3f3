"""Short unpunctuated lines that are no heading of their own: a bracketed note, a note to a mark set in the text, and
the second half of a heading wrapped over two lines.

:func:`policykg.loaders.outline.outline` reads a short line without sentence punctuation as a heading.  Three layouts
of Chinese texts set such lines that head nothing: a note in brackets from end to end (题注 under a title,
附注 under a date: :func:`note_line`), the note to a mark the text sets after a word (注释: ＠①原字石右加安 closing a
text that wrote 硫＠①: :func:`note_reference`), and the second line of a heading set over two (a numbered heading
broken by the page's width or by hand, 三、持续提升政府 / 治理效能和服务水平; a news report's subhead of two phrases on
two lines, 一网格一支部 / 四级组织一贯到底: :func:`wrapped_tail`).  The patterns are ``lexicon.toml [text] note_line``,
``note_mark`` and ``wrapped_heading_opening``.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence
from functools import lru_cache

from policykg.graph.records import Section

from .lexicon import lexicon
from .rules.common import small_number

__all__ = ["close_section", "closing_heading", "continued_item", "list_level", "note_line", "note_reference", "number_value",
           "part_number", "wrapped_tail"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    raw = lexicon().raw["text"]
    return re.compile(raw["note_line"]), re.compile(raw["wrapped_heading_opening"]), re.compile(raw["note_mark"])


def note_line(line: str) -> bool:
    """Whether ``line`` (stripped) is one note in brackets from end to end, no bracket inside it
    (``[text] note_line``): （2013年12月10日在中央经济工作会议上的讲话）, （2019年2月印发）,
    (譯自中共駐共產國際代表團檔案俄文稿).  Such a line is a note under a title or a date, never a heading; the caller
    reads a line opening with an item's number (（一）…) as an item before asking."""
    return _patterns()[0].fullmatch(line) is not None


def note_reference(line: str, text: str, at: int) -> bool:
    """Whether ``line`` (stripped), which starts at offset ``at`` of ``text``, is the note to a mark set in the text
    above it.

    Chinese publishing marks a note (注释) with a circled number set right after the word it explains, and sets the
    note itself, opening with the same mark, after the paragraph or at the text's end; the digitised national reports
    mark so a character their encoding lacked, ＠ standing for it (硫＠①增长９％ … ＠①原字石右加安).  So a line opening
    with a mark of ``[text] note_mark`` is a note when the same mark stands earlier in ``text`` right after a character
    (not at a line's start, as the items of a list numbered ①, ② stand: ①工会学校 under 3．成立工人学校).

    Args:
        line: the line, stripped.
        text: the document's text.
        at: the character offset in ``text`` where ``line`` starts.

    Returns:
        ``True`` for a note, which heads no section.
    """
    mark = _patterns()[2].match(line)
    return mark is not None and re.search(r"\S" + re.escape(mark.group(0)), text[:at]) is not None


def wrapped_tail(lines: Sequence[str], k: int, heading: str, plain_heading: Callable[[str, int], bool]) -> int | None:
    """The index of the line that is the second half of the heading on line ``k``, when that heading is wrapped over
    two lines; else ``None``.

    A heading set over two lines leaves its first half a section holding nothing but itself, and its second half a
    short unpunctuated line the outline would read as a heading of its own (三、持续提升政府 / 治理效能和服务水平,
    gwr2025-重庆; 强化数智赋能 / 夯实基层治理硬支撑, a news report's subhead).  So the next line holding text is the second
    half when ``heading`` (the first half's words, its number aside) holds no punctuation, bracket or space (a heading
    ending a sentence or a clause, closed by a note, 会议议程（暂定）, or set off from its number, 第一章 总则, is whole;
    a news report's title and subtitle on one line, …取得实效 在沪有“家”亦有为, too), and that line is one
    ``plain_heading`` reads as an unnumbered heading (not a chapter's, 第一章 总则, nor an item's) and opens with a word
    (``[text] wrapped_heading_opening``: a Chinese character or an opening quotation mark, not ① or a digit, which
    open an item under the heading).

    Args:
        lines: the text's lines, as split on ``\\n`` (not stripped).
        k: the index of the heading's line in ``lines``.
        heading: the heading's words, its number and the white space after it removed.
        plain_heading: ``plain_heading(line, index)``, whether the stripped line at ``index`` would be read as a
            heading with no number (no table row, date, signature, note, item number …).

    Returns:
        The index in ``lines`` of the second half, or ``None``.
    """
    if not heading or re.search(r"[。！？；，：,:;!?、（）()\s]", heading):
        return None
    j = k + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines):
        return None
    tail = lines[j].strip()
    return j if _patterns()[1].match(tail) and plain_heading(tail, j) else None


@lru_cache(maxsize=1)
def _vocative() -> re.Pattern[str]:
    """A line opening with the address of ``[text] closing_vocatives`` and its mark (各位代表！, 同志们：,
    各位代表，各位委员！)."""
    return re.compile(r"(?m)^[ \t\u3000]*(?:" + lexicon().alternation("text", "closing_vocatives").pattern + r")[！!：:，,、]")


@lru_cache(maxsize=1)
def _closing_headings() -> frozenset[str]:
    return frozenset(lexicon().words("text", "closing_headings"))


def closing_heading(line: str) -> bool:
    """Whether ``line`` (stripped) is the heading a report or speech titles its close with (结束语: ``[text]
    closing_headings``), a heading however short (:func:`policykg.loaders.outline.outline` reads none of fewer than 4
    characters: a name, 习近平, is no heading)."""
    return line in _closing_headings()


def close_section(found: list[Section], text: str, stem: str, doc_id: str) -> None:
    """Insert the closing section （结语） into ``found`` (the outline, in document order, its spans not yet set): the
    paragraph of the text's last address to its audience (各位代表！) and what follows it, when it stands after the first
    heading and no numbered item of the body follows it (only a part of level 1, a glossary or an annex, or nothing).
    It had belonged to the last numbered item.  A close the text titles itself (结束语 over 各位代表！:
    :func:`closing_heading`) is that heading's section, and an address opening a part numbered with no title (四 /
    各位代表，…: :func:`part_number`) that part's text; none is inserted.

    Args:
        found: the sections read so far; changed in place.
        text: the document's text.
        stem: the document's id without ``Document:``; the section is ``Section:<stem>/closing``.
        doc_id: the document's id.
    """
    last = deque(_vocative().finditer(text), maxlen=1)
    if not last or len(found) < 2:
        return
    at = last[0].start() + len(last[0].group(0)) - len(last[0].group(0).lstrip(" \t\u3000"))
    after = next((k for k, s in enumerate(found) if s.start >= at), len(found))
    before = found[after - 1].heading  # the close titled (结束语), or a part with no title (四) the address opens
    if at <= found[1].start or (after < len(found) and found[after].level != 1) or closing_heading(before) or not before:
        return
    found.insert(after, Section(f"Section:{stem}/closing", doc_id, "", "（结语）", 1, at, len(text), None))


def number_value(number: str) -> int | None:
    """The value of an item's number as the outline keeps it (一 -> 1, （十二） -> 12, 3 -> 3, （１） -> 1, 1﹒ -> 1), or
    ``None`` when it reads as none (past 99)."""
    return small_number(number.strip("（）() 、.．﹒"))


def list_level(open_numbers: Sequence[tuple[int, int, int | None, bool]], kind: int, value: int | None, level: int) -> int:
    """The level of an item numbered ``value`` of ``kind`` (the rank of its number: 1 一、, 2 （一）, 3 1., 4 （1）), whose
    rank says ``level``, in the sections open above it.

    GB/T 9704 ranks the numbers 一、 > （一） > 1. > （1）, and a text counts the items of one list on: 一、 after 三、 is no
    fourth part.  Older reports number a list inside a part's paragraphs with the numbers of the parts (gwr-1955: under
    三、 and （一）, the four reasons 一、我国人民已经推翻了… to 四、…, then （二）; gwr-1981: under 四、有重点有步骤地进行
    技术改造… the three aims 一、节约能源…； to 三、…, then 五、), which read by rank are parts of their own, the next part
    under the list's last item.  So an item continues the list of the nearest open section of its kind it follows in count (value
    one more: a sibling of that section, at its level).  Else, numbered 1, it opens a list: in the deepest open section
    (one level below it) when that section's number is of a lower rank, or is of its own rank and heads a part (its
    heading alone on its line, as a heading of GB/T 9704 is set); beside the list that section is an item of (at its
    level) when that section is such an item itself (a sentence run on after its number, 四、国家机关…进行切实的检查。).
    A list's first item right under a heading with no number that its rank would close (一、 under 关于国内建设, the
    part of gwr-1984 it opens; under 2025年10件惠民实事, an annex of gwr2025-云南) is that heading's first part, one level
    below it; not under the title of an instrument a notice issues (…实施方案 over 一、总体要求: the text of another
    document begins, whose parts keep their levels).  Else its rank says its level, as deep below the
    nearest open item of a higher rank as the ranks are apart (（一） under 三、 set at level 2 is of level 3).

    Args:
        open_numbers: ``(level, kind, value, alone)`` of each section open above the line, outermost first (kind 0 for a
            heading with no number, -1 for an instrument's title; value ``None`` for one unread; ``alone``: its heading
            is its whole line).
        kind: the rank of the line's number.
        value: its value (:func:`number_value`), or ``None``.
        level: the level its rank gives (1 for 一、 … 4 for （1）).

    Returns:
        The item's level.
    """
    same = [(lvl, v) for lvl, k, v, _alone in open_numbers if k == kind]
    # below an item of a higher rank set deeper than its rank says, as deep again (（一） under a list's 三、 at level 2)
    level += next((lvl - k for lvl, k, _v, _alone in reversed(open_numbers) if 0 < k < kind), 0)
    if value == 1 and not same and open_numbers and open_numbers[-1][1] == 0 and level <= open_numbers[-1][0]:
        return open_numbers[-1][0] + 1  # 关于国内建设 / 一、…: the heading's first part
    if value is None or not same:
        return level
    for lvl, v in reversed(same):
        if v is not None and value == v + 1:
            return lvl
    if value != 1:
        return level
    top_level, top_kind, _value, alone = open_numbers[-1]
    return top_level if top_kind == kind and not alone else top_level + 1


@lru_cache(maxsize=1)
def _item_before_digit() -> re.Pattern[str]:
    return re.compile(lexicon().raw["text"]["item_number_before_digit"])


def continued_item(line: str, last: int | None) -> tuple[int, re.Match[str]] | None:
    """``(3, match)`` of the number opening ``line`` (stripped) when it is an item's (1., rank 3) whose title opens with a
    digit (8.6个重大科技专项, 14.2025年10件民生实事, 11.121人才梯队项目: ``[text] item_number_before_digit``), else
    ``None``.  Such a number reads as a decimal (8.6) and is no item's, but where it counts on the last item numbered so
    (``last``: 7 before 8.6个…), as a list's numbers do.

    Args:
        line: the line, stripped.
        last: the value of the last number of rank 3 the text has opened a line with, or ``None``.
    """
    m = _item_before_digit().match(line)
    return (3, m) if m and last is not None and int(m.group(1)) == last + 1 else None


@lru_cache(maxsize=1)
def _part_number() -> re.Pattern[str]:
    return re.compile(lexicon().raw["text"]["part_number"])


def part_number(line: str) -> tuple[int, re.Match[str]] | None:
    """``(1, match)`` when ``line`` (stripped) is a part's number alone on its line (一, 十二: ``[text] part_number``), as
    a speech, an excerpt or a book sets the parts it numbers and does not title (a part of level 1 with no heading);
    else ``None``."""
    m = _part_number().fullmatch(line)
    return (1, m) if m else None
