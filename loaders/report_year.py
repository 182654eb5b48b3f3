"""The year of a work report (政府工作报告) that carries no date, title year or dated file name, read from how such a
report speaks of the years it reviews and plans (:func:`report_year`, one step of
:func:`policykg.loaders.metadata.find_year`).

A work report is given at the start of a year: it reviews the year before (一、2024年工作回顾, 刚刚过去的1984年, 过去一年)
and plans its own (二、2025年经济社会发展总体要求和政策取向, 三、2025年政府工作任务, 2003年是…的第一年，做好今年政府工作); a
national one is addressed to a session of the National People's Congress (向第六届全国人民代表大会第一次会议作政府工作报告),
whose year is public record, and says which session or congress was last year's (从去年９月第五届全国人民代表大会第三次会议
到现在) and where this year stands in a five-year plan (今年是实行“七五”计划的头一年).  Measured on the 52 national reports of
``corpus/gwr`` under neutral file names (report_N.txt): 7 right, 20 wrong (most a year early, by the year their first
heading reviews) and 25 without a year before these rules; 42 right, 5 wrong and 5 without with the address, the
headings and the phrases of 1985 and 2002 (session 59); 52 right with what a report says of 去年 and 今年, the plans its
headings review and the phrases of 1960, 1964 and 1987 (session 61).  Not a report given late in its year (1980, in
August; 1964, in December) by the year it plans: it says so (今年提前制定1981年国民经济计划), or counts to now.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon
from .metadata import YEAR_PATTERN, bounding_year, cn_number, year_number
from .official_layout import SENTENCE_MARK

__all__ = ["heading_year", "npc_year", "report_year", "stated_year"]

#: How far into a report its address to the congress is looked for (the opening paragraph, and the first lines under
#: the first heading, where a report closing a term counts its five years: 第十届全国人民代表大会第一次会议以来的五年).
_OPENING = 1500


def report_year(text: str) -> int | None:
    """The year a work report is of, or ``None``: the session of the congress it is given to (:func:`npc_year`), what
    it says this year or last year is (:func:`stated_year`: 去年五届人大四次会议 -> 1982), the first heading that names a
    year or a five-year plan it reviews or plans (:func:`heading_year`), else a phrase of ``[text] report_year_phrases``
    (刚刚过去的1984年 -> 1985; 2011年，是“十二五”开局之年，做好今年的工作 -> 2011; 到一九五九年底共推广了 -> 1960).

    Args:
        text: the report's text, its digits in ASCII and simplified (:func:`policykg.loaders.metadata.find_year`).

    Returns:
        A year (int) or ``None``.
    """
    if (year := npc_year(text[:_OPENING])) is not None or (year := stated_year(text)) is not None:
        return year
    if (year := heading_year(text)) is not None:
        return year
    return _first_phrase(text, "report_year_phrases")


def stated_year(text: str) -> int | None:
    """The year ``text`` says it is written in by what it calls last year's or this year's, or ``None``: the first
    pattern of ``[text] report_year_statements`` that matches, in their order, read with the year of what it names
    plus its offset.

    A report given late in its year says so where its headings plan the next (the 1980 report, given in August:
    今年提前制定1981年国民经济计划 -> 1980, under 二、1981年国民经济计划的任务和主要指标); one that recalls the last session
    (从去年三月第五届全国人民代表大会第一次会议闭幕到我们这次会议召开 -> 1979: its session, 1978, was last year's) names the
    session it is given to nowhere.

    Args:
        text: a document's text, its digits in ASCII (:func:`policykg.loaders.metadata.find_year`).

    Returns:
        A year (int) or ``None``.
    """
    return _first_phrase(text, "report_year_statements")


def _first_phrase(text: str, key: str) -> int | None:
    for pattern, offset in _phrases(key):
        if m := pattern.search(text):
            year = _named_year(m)
            if year is not None:
                return year + offset + (cn_number(m.group("count")) if "count" in pattern.groupindex else 0)
    return None


def _named_year(m: re.Match[str]) -> int | None:
    """The year of what a match of a phrase (:func:`_phrases`) names: a year, a session of the National People's
    Congress, a party congress or the first year of a five-year plan; ``None`` for a number out of the tables."""
    found = m.groupdict()
    if found.get("year"):
        return year_number(found["year"])
    if found.get("term"):
        return _session_year(cn_number(found["term"]), cn_number(found["session"]))
    if found.get("congress"):
        years = lexicon().words("text", "party_congress_years")
        n = cn_number(found["congress"])
        return int(years[n - 1]) if 1 <= n <= len(years) else None
    if found.get("plan") or found.get("plan_n"):
        return _plan_start(found.get("plan") or found["plan_n"])
    return None


def _plan_start(number: str) -> int | None:
    """The first year of the five-year plan numbered ``number`` (七 -> 1986, 十四 -> 2021: ``[text]
    five_year_plan_starts``), or ``None`` for a plan the table does not hold."""
    starts = lexicon().raw["text"]["five_year_plan_starts"]
    n = cn_number(number)
    return int(starts[n - 1]) if 1 <= n <= len(starts) else None


def _session_year(term: int, session: int) -> int | None:
    sessions = lexicon().raw["text"]["npc_session_years"]
    ok = 1 <= term <= len(sessions) and 1 <= session <= len(sessions[term - 1])
    return int(sessions[term - 1][session - 1]) if ok else None


def npc_year(opening: str) -> int | None:
    """The year of the session of the National People's Congress a national work report opening with ``opening`` is
    given to, or ``None``.

    Read from the formulas of ``[text] npc_address`` (向第一届全国人民代表大会第二次会议提出…, 向第四届全国人民代表大会作…:
    the first session when none is named; 我们第一届全国人民代表大会第一次会议…) and ``npc_term_close``
    (第十届全国人民代表大会第一次会议以来的五年: the report closing that term, given to the first session of the next),
    and the years of the sessions
    (``[text] npc_session_years``).  A report that only recalls a session (从去年９月第五届全国人民代表大会第三次会议到现在)
    names none of them (:func:`stated_year` reads it: last year's session).
    """
    address, close = _npc_patterns()
    if m := address.search(opening):
        return _session_year(cn_number(m.group(1)), cn_number(m.group(2)) if m.group(2) else 1)
    if m := close.search(opening):
        return _session_year(cn_number(m.group(1)) + 1, 1)
    return None


def heading_year(text: str) -> int | None:
    """The year the first heading of ``text`` that names a year it reviews or plans says a report is of, or ``None``.

    A heading is a line of at most 40 characters with no sentence punctuation (一、2024年工作回顾).  Each year it names
    (not a horizon or a start: 到2025年, 2021—2025年, 2020年以来) is read with the words up to the next year: a review
    (``[text] review_past``: 回顾, 执行情况, 决算) makes the report of the year after it (1993年国内工作的回顾 -> 1994), a plan
    (``[text] plan_words``, ``plan_headings`` and ``year_plan_words``: 总体要求, 主要任务, 工作总体部署) of that year
    (2025年政府工作任务).  A review heading naming no year of one year (一、去年工作回顾, not 过去五年) gives the year a
    paragraph right under it opens with, plus one (2005年，我国社会主义现代化事业取得显著成就).  A five-year plan it reviews
    whole (``[text] five_year_plan``: 一、“九五”时期国民经济和社会发展的回顾, 一、“六五”计划执行情况的回顾) makes the report of
    the year after the plan's last (2001, 1986); a plan it sets out does not date it (第六个五年计划的基本任务 heads the
    1982 report, given in the plan's second year).
    """
    review, plan = _heading_words()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        line = line.strip()
        if not line or len(line) > 40 or SENTENCE_MARK.search(line):
            continue
        years = [m for m in re.finditer(YEAR_PATTERN + r"\s*年", line) if not bounding_year(line, m)]
        plans = [m for m in _plan_name().finditer(line) if not bounding_year(line, m)]
        named = sorted(years + plans, key=lambda m: m.start())
        for k, m in enumerate(named):
            scope = line[m.end():named[k + 1].start() if k + 1 < len(named) else len(line)]
            if m.re is not _plan_name():
                if review.search(scope):
                    return year_number(m.group(1)) + 1
                if plan.search(scope):
                    return year_number(m.group(1))
            elif (r := review.search(scope)) and "年" not in scope[:r.start()] and (start := _named_year(m)):
                return start + 5  # the plan's five years reviewed, not a part of them (六五计划前两年的执行情况)
        if not named and review.search(line) and "五年" not in line and i + 1 < len(lines):
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


@lru_cache(maxsize=2)
def _phrases(key: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    """The patterns of ``[text] key`` with their offsets, each name it holds a slot for written out as a group:
    {year} (:data:`~policykg.loaders.metadata.YEAR_PATTERN`), {npc}, {congress}, {plan} (``[text] npc_session``,
    ``party_congress``, ``five_year_plan``) and {count} (a number of years)."""
    raw = lexicon().raw["text"]
    slots = {"{year}": f"(?P<year>{YEAR_PATTERN})", "{npc}": raw["npc_session"], "{congress}": raw["party_congress"],
             "{plan}": raw["five_year_plan"], "{count}": r"(?P<count>[一二三四五六七八九十]+|\d{1,2})"}
    out = []
    for pattern, offset in raw[key]:
        for slot, written in slots.items():
            pattern = pattern.replace(slot, written)
        out.append((re.compile(pattern), int(offset)))
    return tuple(out)


@lru_cache(maxsize=1)
def _plan_name() -> re.Pattern[str]:
    return re.compile(lexicon().raw["text"]["five_year_plan"])
