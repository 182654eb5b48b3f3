"""The year of a work report (政府工作报告) that carries no date, title year or dated file name, read from how such a
report speaks of the years it reviews and plans (:func:`report_year`, one step of
:func:`policykg.loaders.metadata.find_year`).

A work report is given at the start of a year: it reviews the year before (一、2024年工作回顾, 刚刚过去的1984年, 过去一年)
and plans its own (二、2025年经济社会发展总体要求和政策取向, 三、2025年政府工作任务, 2003年是…的第一年，做好今年政府工作); a
national one is addressed to a session of the National People's Congress (向第六届全国人民代表大会第一次会议作政府工作报告),
whose year is public record.  Measured on the 52 national reports of ``corpus/gwr`` under neutral file names
(report_N.txt): 7 right, 20 wrong (most a year early, by the year their first heading reviews) and 25 without a year
before these rules; 42 right, 5 wrong and 5 without after them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon
from .metadata import YEAR_PATTERN, bounding_year, cn_number, year_number
from .official_layout import SENTENCE_MARK

__all__ = ["heading_year", "npc_year", "report_year"]

#: How far into a report its address to the congress is looked for (the opening paragraph, and the first lines under
#: the first heading, where a report closing a term counts its five years: 第十届全国人民代表大会第一次会议以来的五年).
_OPENING = 1500


def report_year(text: str) -> int | None:
    """The year a work report is of, or ``None``: the session of the congress it is given to (:func:`npc_year`), the
    first heading that names a year it reviews or plans (:func:`heading_year`), else a phrase of ``[text]
    report_year_phrases`` (刚刚过去的1984年 -> 1985; 2011年，是“十二五”开局之年，做好今年的工作 -> 2011).

    Args:
        text: the report's text, its digits in ASCII and simplified (:func:`policykg.loaders.metadata.find_year`).

    Returns:
        A year (int) or ``None``.
    """
    if (year := npc_year(text[:_OPENING])) is not None or (year := heading_year(text)) is not None:
        return year
    for pattern, offset in _phrases():
        if m := pattern.search(text):
            return year_number(m.group(1)) + offset
    return None


def npc_year(opening: str) -> int | None:
    """The year of the session of the National People's Congress a national work report opening with ``opening`` is
    given to, or ``None``.

    Read from the formulas of ``[text] npc_address`` (向第一届全国人民代表大会第二次会议提出…, 向第四届全国人民代表大会作…:
    the first session when none is named; 我们第一届全国人民代表大会第一次会议…) and ``npc_term_close``
    (第十届全国人民代表大会第一次会议以来的五年: the report closing that term, given to the first session of the next),
    and the years of the sessions
    (``[text] npc_session_years``).  A report that only recalls a session (从去年９月第五届全国人民代表大会第三次会议到现在)
    names none of them.
    """
    address, close = _npc_patterns()
    sessions = [list(s) for s in lexicon().raw["text"]["npc_session_years"]]
    if m := address.search(opening):
        term, session = cn_number(m.group(1)), cn_number(m.group(2)) if m.group(2) else 1
    elif m := close.search(opening):
        term, session = cn_number(m.group(1)) + 1, 1
    else:
        return None
    return sessions[term - 1][session - 1] if 1 <= term <= len(sessions) and 1 <= session <= len(sessions[term - 1]) else None


def heading_year(text: str) -> int | None:
    """The year the first heading of ``text`` that names a year it reviews or plans says a report is of, or ``None``.

    A heading is a line of at most 40 characters with no sentence punctuation (一、2024年工作回顾).  Each year it names
    (not a horizon or a start: 到2025年, 2021—2025年, 2020年以来) is read with the words up to the next year: a review
    (``[text] review_past``: 回顾, 执行情况, 决算) makes the report of the year after it (1993年国内工作的回顾 -> 1994), a plan
    (``[text] plan_words``, ``plan_headings`` and ``year_plan_words``: 总体要求, 主要任务, 工作总体部署) of that year
    (2025年政府工作任务).  A review heading naming no year of one year (一、去年工作回顾, not 过去五年) gives the year a
    paragraph right under it opens with, plus one (2005年，我国社会主义现代化事业取得显著成就).
    """
    review, plan = _heading_words()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        line = line.strip()
        if not line or len(line) > 40 or SENTENCE_MARK.search(line):
            continue
        years = [m for m in re.finditer(YEAR_PATTERN + r"\s*年", line) if not bounding_year(line, m)]
        for k, m in enumerate(years):
            scope = line[m.end():years[k + 1].start() if k + 1 < len(years) else len(line)]
            if review.search(scope):
                return year_number(m.group(1)) + 1
            if plan.search(scope):
                return year_number(m.group(1))
        if not years and review.search(line) and "五年" not in line and i + 1 < len(lines):
            if m := re.match(YEAR_PATTERN + r"\s*年[，,是]", lines[i + 1].strip()):
                return year_number(m.group(1)) + 1
    return None


@lru_cache(maxsize=1)
def _heading_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    return (lx.alternation("text", "review_past"),
            lx.alternation("text", "plan_words", "plan_headings", "year_plan_words"))


@lru_cache(maxsize=1)
def _npc_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = lexicon().raw["text"]
    return re.compile(raw["npc_address"]), re.compile(raw["npc_term_close"])


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple((re.compile(pattern.replace("{year}", YEAR_PATTERN)), offset)
                 for pattern, offset in lexicon().raw["text"]["report_year_phrases"])
