"""LEADS from a list of duties: the units a line names as holding the duties lead the programs of its items.

Regulations and measures that assign responsibility (责任制实施办法, 工作条例, 职责规定) name the units that hold
a set of duties in one line and list the duties as the numbered items under it::

    第八条　　中央组织部和地方党委组织部的主要职责是：
    （一）在党中央以及本级党委领导下，具体负责落实党的组织工作路线方针政策……
    （三）负责党的组织体系建设，加强基层党组织和党员队伍建设；

    第七条　　地方党委对本地区组织工作负主体责任。主要职责是：

The guide's LEADS is "X负责": every duty of the list is one the units of the line are responsible for, so each
Body the line names before its announcement (``[relation] duty_list``: 主要职责是：, 责任主要包括：) leads every
Program named in the items that follow it, up to the first line that is not an item (第六条…, a chapter heading).
A line that names no Body (今年改革的重点任务是：) gives none, nor does a Body of
the line that stands for a person (省级党委和政府主要负责人是本地区乡村振兴第一责任人，责任主要包括：, ``[relation]
duty_list_persons``): those duties are the person's.

Pattern source: the articles of the party's regulations (中国共产党组织工作条例, 2021) and of the 乡村振兴责任制实施办法
(2022) among the project's adjudicated documents, whose adjudicators link the units so.  With the 4-fold models, the
rule adds 78 LEADS over the 107 adjudicated documents, 35 of them gold; of the rest, 22 come from a unit the tagger
cut in two (地方党委 and 政府 of 地方党委和政府), the others from programs the adjudicators did not name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.graph.records import Mention, Section

from .lexicon import lexicon
from .outline import PAGE_NUMBER
from .rules.common import Candidate

__all__ = ["DutyLists"]

Key = tuple[str, str]


@lru_cache(maxsize=1)
def _announces() -> re.Pattern[str]:
    """``[relation] duty_list``, matched at the end of a line."""
    return re.compile(lexicon().raw["relation"]["duty_list"] + r"\s*$", re.MULTILINE)


@lru_cache(maxsize=1)
def _persons() -> tuple[str, ...]:
    """``[relation] duty_list_persons``: after a Body, the words that make it a person's unit."""
    return tuple(lexicon().words("relation", "duty_list_persons"))


def _indented(text: str, at: int) -> int:
    """Where the line starting at offset ``at`` starts its text, past an indent (　　 or spaces), blank lines
    and lines holding only a page's number (— 3 —, :data:`policykg.loaders.outline.PAGE_NUMBER`)."""
    while True:
        while at < len(text) and text[at] in " \t\u3000":
            at += 1
        nl = text.find("\n", at)
        line = text[at:len(text) if nl < 0 else nl].strip()
        if nl < 0 or (line and not PAGE_NUMBER.fullmatch(line)):
            return at
        at = nl + 1


@dataclass
class _List:
    start: int  # the announcing line's first character
    colon: int  # where the announcement starts (Bodies stand before it)
    items: tuple[int, int]  # the characters of the item lines after the line
    holders: list[Key] = field(default_factory=list)
    programs: list[tuple[Key, Mention]] = field(default_factory=list)


class DutyLists:
    """The duty lists of a document and the Programs of their items.

    Args:
        text: the document's text (lines are its paragraphs).
        sections: its outline (:func:`policykg.loaders.outline.outline`); an item line is one that opens a
            numbered section.

    Call :meth:`read` once per sentence that has mentions, in document order, then :meth:`relations`.
    """

    def __init__(self, text: str, sections: list[Section]) -> None:
        opens = {s.start: s.level for s in sections if s.number}
        self._lists: list[_List] = []
        for m in _announces().finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            at, first = _indented(text, m.end() + 1), None
            while at < len(text) and at in opens and opens[at] >= (first or opens[at]):
                first = first or opens[at]
                nl = text.find("\n", at)
                at = len(text) if nl < 0 else _indented(text, nl + 1)
            if first is not None:
                self._lists.append(_List(start, m.start(), (m.end() + 1, at)))
        self._starts = [d.start for d in self._lists]

    def read(self, view, cands: list[Candidate], names: dict[int, Key], evidence: Mention) -> None:
        """Take the Bodies of an announcing line and the Programs of its items.

        Args:
            view: the sentence (:class:`policykg.loaders.pipeline.SentenceView`).
            cands: its final candidates (sentence offsets).
            names: ``id(candidate) -> (label, key)`` of the document's entities.
            evidence: the sentence as a mention, kept with each Program.
        """
        at = view.sentence.start
        k = bisect.bisect_right(self._starts, at) - 1
        if k < 0:
            return
        d = self._lists[k]
        if at < d.colon:
            d.holders += [names[id(c)] for c in cands if c.label == "Body" and at + c.end <= d.colon
                          and not view.matching.startswith(_persons(), c.end)]
        elif d.items[0] <= at < d.items[1]:
            d.programs += [(names[id(c)], evidence) for c in cands if c.label == "Program"]

    def relations(self) -> list[tuple[Key, Key, Mention]]:
        """``(body, program, evidence)`` for every holder and Program of every list read."""
        return [(b, p, ev) for d in self._lists for b in dict.fromkeys(d.holders) for p, ev in d.programs]
