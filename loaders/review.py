"""The review of past work and the plan: which parts of a document set targets (guide rule 9).

Figures that report what was already achieved are no targets.  A document reviews the past in a section
headed so (2024年工作回顾, :func:`review_headings`), in a paragraph opened by a time of the past (一年来，…,
:func:`review_paragraph`), or throughout when it is an account of work done, by its title (工作总结, 综述:
:func:`review_document`) or as a news report (:func:`news_report`), but for the parts turning to the plan
(下一步工作打算: :func:`plan_heading`).  The pipeline (:func:`policykg.loaders.pipeline.document_sentences`)
marks each sentence so; the rules then set no target in it and the tagger reads the mark as a feature.
Word lists are in ``lexicon.toml [text]``, each with the reason it exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from policykg.graph.records import Section

from .lexicon import lexicon
from .metadata import YEAR_PATTERN, year_number

__all__ = ["news_report", "plan_heading", "review_document", "review_headings", "review_paragraph", "section_reviews"]


@lru_cache(maxsize=1)
def _review_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    return (lx.alternation("text", "review_past"), lx.alternation("text", "review_ambiguous"),
            lx.alternation("text", "plan_words"))


@lru_cache(maxsize=1)
def _paragraph_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    return lx.alternation("text", "review_openers"), lx.alternation("text", "plan_openers")


_YEAR_OPENER = re.compile(YEAR_PATTERN + r"年(?:以来|上半年|下半年|全年|底)?[，,]")


def review_paragraph(sentence: str, first: bool, year: int | None = None, news: bool = False) -> bool | None:
    """Whether a sentence starts, or ends, the review of past work inside a paragraph (guide rule 9).

    Pattern source: reports and speeches review a topic in a paragraph of its own, opened by a
    time phrase of the past (一年来，我们大力发展公益性文化事业… in a plan section of the 2010
    national work report; 1998年，世界多极化… in the 1999 one; 一年来，我们夯实基础提质量… and
    2022年，孟津区组织工作… in a district's organisation-work speech of 2023), and may turn to the
    plan in a later sentence of the same paragraph (今后/下一步/今年…).

    Args:
        sentence: the sentence's text, stripped.
        first: it is the first sentence of its paragraph (line).
        year: the year the document is of (:func:`policykg.loaders.metadata.find_year`), or ``None``:
            a paragraph opened by an earlier year (``2022年，``) reviews it.
        news: the document is a news report (:func:`news_report`): a sentence relaying what a meeting or a
            speaker asks (会议强调, 组织部部长彭益玲强调，…一要…; ``[text] news_plan_pattern``) turns to the plan,
            as a meeting's report conveys the plan it set.

    Returns:
        True when ``first`` and it opens with a word of ``[text] review_openers`` or an earlier
        year; False when it opens with a word of ``[text] plan_openers`` (the paragraph's review
        ends there) or, in a news report, relays what is asked; None otherwise.
    """
    opener, plan = _paragraph_words()
    if first and opener.match(sentence):
        return True
    if first and year and (m := _YEAR_OPENER.match(sentence)) and year_number(m.group(1)) < year:
        return True
    if plan.match(sentence) or (news and _news_plan().search(sentence)):
        return False
    return None


@lru_cache(maxsize=1)
def _news_plan() -> re.Pattern[str]:
    return re.compile(lexicon().raw["text"]["news_plan_pattern"])


@lru_cache(maxsize=1)
def _review_document_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    return lx.alternation("text", "review_titles"), re.compile(
        lx.alternation("text", "plan_headings").pattern + "|" + lx.alternation("text", "plan_words").pattern)


def review_document(title: str) -> bool:
    """True when a document's title names it an account of work done (2023年组织工作总结, …中国共产党发展综述,
    党内统计公报, 述职报告: ``[text] review_titles``): all of it reviews the past (guide rule 9) but for the
    sections and paragraphs that turn to the plan (:func:`plan_heading`, ``[text] plan_openers``)."""
    return bool(title) and bool(_review_document_words()[0].search(title))


def news_report(text: str) -> bool:
    """True when the opening of ``text`` (its first 400 characters) holds a news dateline (本报咸阳讯, 新华社北京3月5日电,
    （记者 …）, （通讯员 …）: ``[text] news_dateline_pattern``): a news report tells what was done, so it is read as an
    account of work done like a title of :func:`review_document` (guide rule 9: its figures are results)."""
    return bool(_news_dateline().search(text[:400]))


@lru_cache(maxsize=1)
def _news_dateline() -> re.Pattern[str]:
    return re.compile(lexicon().raw["text"]["news_dateline_pattern"])


def plan_heading(heading: str) -> bool:
    """True when a heading turns to the plan (下一步工作打算, 2024年工作思路: ``[text] plan_headings`` and
    ``plan_words``)."""
    return bool(_review_document_words()[1].search(heading))


def review_headings(heading: str, top: bool = True) -> bool:
    """True when a section heading names the review of past work (guide rule 9).

    Args:
        heading: the heading text.
        top: the heading opens a top-level section.  Words that head a review as often as a
            plan (主要工作, 成效: ``[text] review_ambiguous``) count only there, and only when the
            heading names no plan (``[text] plan_words``): 过去一年的主要工作 is a review,
            2025年目标任务和主要工作 and a sub-heading …取得新成效 are not.
    """
    past, ambiguous, plan = _review_words()
    if past.search(heading):
        return True
    return top and bool(ambiguous.search(heading)) and not plan.search(heading)


def section_reviews(secs: Sequence[Section], headings: Mapping[str, str]) -> dict[str, bool]:
    """Which sections review past work: those under a top-level heading of :func:`review_headings`, or headed so
    themselves (a sub-heading counts without the words ambiguous between review and plan).

    Args:
        secs: the document's outline (:func:`policykg.loaders.outline.outline`).
        headings: each section's heading as extraction reads it, by section id (in simplified script).

    Returns:
        Section id -> whether its sentences review the past.
    """
    by_id = {s.id: s for s in secs}
    out = {}
    for s in secs:
        top = s
        while top.parent_id and top.parent_id in by_id and top.level > 1:
            top = by_id[top.parent_id]
        out[s.id] = review_headings(headings[top.id]) or (top is not s and review_headings(headings[s.id], top=False))
    return out
