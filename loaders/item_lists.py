"""PART_OF from the outline: numbered items a heading announces as the parts of the program it names.

Implementation opinions and plans name a program in a heading, announce its parts with a colon and list
them as the numbered items under it::

    （一）产业提升人才行动计划。围绕……，实施如下重点项目：
    2.战略性主导产业紧缺人才开发项目。……
    3.羊城企业家培养项目。……

Each item's title names a part of the heading's program (guide: PART_OF is "an enumeration of
components"; the adjudicated gold of 广州's talent opinion links all 38 such items so).  Only a heading
that is one Program, a sentence of its own section that ends by announcing a list (如下/以下/下列 … ：),
and child items whose title is one Program give a link; a review's 主要做了以下工作： under a heading
that names no program gives none.
"""

from __future__ import annotations

import re

from policykg.graph.names import canonical

from .rules.common import Candidate, note

__all__ = ["ItemLists", "with_item_title"]

# A sentence that announces a list (实施如下重点项目：, 重点推进以下工程：, 包括下列内容：).
_ANNOUNCES = re.compile(r"(?:如下|以下|下列)[^，。；：:,]{0,10}[：:]\s*$")


def _title_program(heading: str, cands: list[Candidate]) -> Candidate | None:
    """The one Program a section's title sentence names, when it names at least half of the heading
    (:attr:`policykg.graph.records.Section.heading`, without its number and closing mark), else ``None``."""
    progs = [c for c in cands if c.label == "Program"]
    if len(progs) != 1 or 2 * (progs[0].end - progs[0].start) < len(heading.rstrip("。；;：: ")):
        return None
    return progs[0]


def with_item_title(view, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the Program a section's title names whole, when a rule found it and nothing kept overlaps it.

    A numbered item titled by a name and its type word alone (12.博士后培养项目。, （二）科技创新人才行动计划。)
    names the program the item commits to; a tagger that has not seen the genre may read such a title as
    no mention (``model: dropped``).  Only a rule candidate whose name is the whole heading (without its
    number, quotation marks and closing mark) is kept.

    Args:
        view: the sentence (:class:`policykg.loaders.pipeline.SentenceView`).
        cands: its final candidates.
    """
    if view.sentence.start != view.section.start:
        return cands
    whole = canonical(view.section.heading.rstrip("。；;：: "))
    for c in view.rules:
        if c.label == "Program" and c.name == whole and not any(o.start < c.end and c.start < o.end for o in cands):
            note(c, "kept: the whole title of a numbered item")
            return sorted([*cands, c], key=lambda x: x.start)
    return cands


class ItemLists:
    """Reads a document's sentences in order and gives the PART_OF links of announced item lists.

    Call :meth:`read` once per sentence that has mentions, in document order.
    """

    def __init__(self) -> None:
        self._titled: dict[str, tuple[str, str]] = {}  # section id -> (label, key) of the Program its title names
        self._announced: dict[str, tuple[str, str]] = {}  # section id -> its Program, once it announced a list

    def read(self, view, cands: list[Candidate], names: dict[int, tuple[str, str]]
             ) -> list[tuple[tuple[str, str], tuple[str, str]]]:
        """The ``(part, whole)`` Program pairs (each ``(label, key)``) this sentence gives (empty for most).

        Args:
            view: the sentence (:class:`policykg.loaders.pipeline.SentenceView`).
            cands: its mentions (sentence offsets).
            names: ``id(candidate) -> (label, key)`` of the document's entities.
        """
        sec, out = view.section, []
        if view.sentence.start == sec.start:  # the section's title
            prog = _title_program(sec.heading, cands)
            if prog is not None:
                self._titled[sec.id] = names[id(prog)]
                whole = self._announced.get(sec.parent_id or "")
                if whole is not None and whole != names[id(prog)]:
                    out.append((names[id(prog)], whole))
        if sec.id in self._titled and _ANNOUNCES.search(view.matching):
            self._announced[sec.id] = self._titled[sec.id]
        return out
