"""Programs, PART_OF and SERVES from a work report's list of the year's public-service projects (民生实事).

Provincial work reports close with the year's N件民生实事 (惠民实事): a heading (2025年省十件民生实事,
2025年10件惠民实事), then one item per paragraph, its title naming the project and the sentences under it
the year's targets::

    2025年省十件民生实事
    一、为老年人提供健康管理、医养结合服务和提升养老机构服务水平。为超2.5万名65岁及以上失能老年人…
    实施银龄人才计划
    引进留用1万名左右高层次银龄人才…

Each item is a project the document commits to (guide rule 10), named by its title without the verbs of
carrying out that open it (rule 2: 实施, 扎实推进, 深化), and it serves the targets stated under it (rules 9
and 13: a heading and the sentences right under it).  In the two adjudicated reports so written (云南,
广东), all 20 item titles are gold Programs, and 81 of the 83 gold Goals named under them are served by
their item.  The heading names the list itself, a Program without the year it opens with (省十件民生实事), and
each item is a part of it (guide: PART_OF, "an enumeration of components"; 广东's adjudicated gold links all ten
items to the list, 云南's none).  The items are the sections after such a heading at its level
(or below it), up to the next annex (附件), glossary or other top-level heading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical
from policykg.graph.records import Mention

from .glossary import glossary_heading
from .item_lists import heading_core, heading_end
from .lexicon import lexicon
from .metadata import YEAR_PATTERN
from .rules.common import Candidate, Tokens, note

__all__ = ["ServiceLists", "service_list_heading"]

Key = tuple[str, str]


def service_list_heading(heading: str) -> bool:
    """True when a section heading opens a list of the year's public-service projects: the heading names the list,
    a count of items (件, 项) ending in a word of ``[program] service_list_headings`` (2025年省十件民生实事,
    2025年10件惠民实事).  A heading that only mentions them in a clause of its own (（六）办好民生实事，人民群众生活品质
    稳步改善提高, a chapter of 福建's review of 2024; （十）以实施就业促进行动为重点，办好民生实事, a chapter of 内蒙古's
    plan, after which the next chapter, on security, was read as a project serving 20 goals) opens no list: the
    chapters after it are no projects."""
    core = heading_core(heading)
    return (core.endswith(tuple(lexicon().words("program", "service_list_headings")))
            and not _CLAUSE_BREAK.search(core) and _COUNT.search(core) is not None)


#: A list's heading is one noun phrase: no clause break in it.
_CLAUSE_BREAK = re.compile("[，,；;：:]")
#: … and it counts the items (十件, 10件, 15项).
_COUNT = re.compile("[0-9０-９一二三四五六七八九十百]+[件项]")


_ANNEX = re.compile(r"^附件")


class ServiceLists:
    """The items of a document's public-service lists, read from its outline.

    Args:
        secs: the document's outline (:func:`policykg.loaders.outline.outline`).

    Call :meth:`titles` once the sentences' candidates are final, then :meth:`read` once per sentence
    that has mentions, in document order.
    """

    def __init__(self, secs) -> None:
        self._items: set[str] = set()
        self._list_of: dict[str, str] = {}  # item section id -> its list's heading section id
        for k, s in enumerate(secs):
            if not service_list_heading(s.heading):
                continue
            for t in secs[k + 1:]:
                if t.level < s.level or (t.level == s.level and t.parent_id != s.parent_id):
                    break
                if _ANNEX.match(t.heading) or glossary_heading(t.heading) or service_list_heading(t.heading):
                    break
                if t.level == s.level or t.parent_id == s.id:
                    self._items.add(t.id)
                    self._list_of[t.id] = s.id
        self._heads = set(self._list_of.values())  # the headings of lists with items
        self._title: dict[str, tuple[Key, Mention]] = {}  # item section id -> (label, key) of its Program, its sentence
        self._whole: dict[str, tuple[Key, Mention]] = {}  # list heading section id -> the Program it names, its sentence

    def titles(self, views, candidates: list[list[Candidate]]) -> None:
        """Add to each item's title sentence the Program it names, and to the list's heading the Program naming the
        list (``candidates``: one list per view, changed in place); a tagged or rule span over exactly the same
        words as an item's title gives way to it, and any span overlapping the list's name to that."""
        for k, view in enumerate(views):
            sec = view.section
            if view.sentence.start != sec.start or not (sec.id in self._heads or sec.id in self._items):
                continue
            whole = sec.id in self._heads
            found = _whole_span(view) if whole else _title_span(view)
            if found is None:
                continue
            start, end, name = found
            if whole:  # the list's name wins over any span across it
                keep = [c for c in candidates[k] if not (c.start < end and start < c.end)]
                c = Candidate("Program", start, end, name, rule="service-list-whole")
                note(c, "kept: the heading of a list of public-service projects names the list")
            else:  # an item's title wins over a span of the same words
                keep = [c for c in candidates[k] if (c.start, c.end) != (start, end)]
                c = Candidate("Program", start, end, name, rule="service-list-item")
                note(c, "kept: the title of an item of a list of public-service projects")
            candidates[k] = sorted([*keep, c], key=lambda x: x.start)

    def read(self, view, cands: list[Candidate], names: dict[int, Key], evidence: Mention) -> list[tuple[str, Key, Key, Mention]]:
        """The triples (ends as ``(label, key)``, then an evidence) this sentence gives: in an item's title sentence,
        ``(PART_OF, item, list)`` when the list's heading names a Program (guide: PART_OF, "an enumeration of
        components": 省十件民生实事 is made of its ten items); under the title, one ``(SERVES, item, target)``
        per Goal.  ``evidence`` is this sentence's; each triple comes once with the sentence naming its other end
        (the list's heading, the item's title) and once with this one."""
        sec = view.section
        if view.sentence.start == sec.start and sec.id in self._heads:
            whole = next((c for c in cands if c.rule == "service-list-whole"), None)
            if whole is not None:
                self._whole[sec.id] = (names[id(whole)], evidence)
            return []
        if sec.id not in self._items:
            return []
        if view.sentence.start == sec.start:
            prog = next((c for c in cands if c.rule == "service-list-item"), None)
            whole = self._whole.get(self._list_of[sec.id])
            if prog is None:
                return []
            self._title[sec.id] = (names[id(prog)], evidence)
            return [("PART_OF", names[id(prog)], whole[0], ev) for ev in (whole[1], evidence)] if whole else []
        title = self._title.get(sec.id)
        if title is None:
            return []
        return [("SERVES", title[0], names[id(c)], ev) for c in cands if c.label == "Goal" for ev in (title[1], evidence)]


def _heading_span(view) -> tuple[int, int] | None:
    """``(start, end)`` of the section's heading without its closing mark in the sentence (the heading's own
    sentence ends with it), or ``None`` when the sentence does not."""
    text, raw = view.matching, heading_core(view.section.heading)
    end = heading_end(text)
    start = end - len(raw)
    return (start, end) if start >= 0 and text[start:end] == raw else None


def _title_span(view) -> tuple[int, int, str] | None:
    """``(start, end, name)`` of the project an item's title names (sentence offsets), or ``None``: the heading
    without its closing mark, quotation marks and the verbs of carrying out it opens with."""
    span = _heading_span(view)
    if span is None or span[1] - span[0] < 4:
        return None
    text, (start, end) = view.matching, span
    starts = Tokens.of(text, view.words).starts
    leads = _leads()
    while m := leads.match(text, start, end):
        if m.end() not in starts:
            break
        start = m.end()
    name = canonical(text[start:end])
    return (start, end, name) if len(name) >= 4 else None


#: The year a list's heading opens with (2025年省十件民生实事): the list is named without it.
_YEAR = re.compile(YEAR_PATTERN + r"年(?:度)?")


def _whole_span(view) -> tuple[int, int, str] | None:
    """``(start, end, name)`` of the list a heading names (2025年省十件民生实事 -> 省十件民生实事: the heading without its
    closing mark and the year it opens with), or ``None`` when the sentence is not the heading itself."""
    span = _heading_span(view)
    if span is None:
        return None
    text, (start, end) = view.matching, span
    year = _YEAR.match(text, start, end)
    start = year.end() if year else start
    name = canonical(text[start:end])
    return (start, end, name) if len(name) >= 4 else None


@lru_cache(maxsize=1)
def _leads() -> re.Pattern[str]:
    """The verbs of carrying out an item's title may open with (``[program] service_item_leads``)."""
    return lexicon().alternation("program", "service_item_leads")
