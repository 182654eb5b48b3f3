"""LEADS from a table of tasks and units: the units of a row's lead column lead the programs of that row.

Implementation plans assign their tasks in a table (重点任务分工表)::

    序号	重点任务	牵头单位	配合单位
    1	深入实施“红色物业”建设工程	区委组织部	区住建局

A .docx gives each row as one line of cells joined by tabs (:func:`policykg.loaders.word.docx_text`); a web
page read by trafilatura and a Markdown file give ``| 1 | 深入实施… | 区委组织部 | 区住建局 |``.  Guide rule 7 ("a
牵头单位 named at the end of a numbered item LEADS the programs named in that item; 配合单位 are Body entities
without a relation") read on a table: a row is the item, its lead column names the lead units.  A header is a
line of cells one of which is only a lead label (``[relation] lead_line_label``, ``responsible_line_labels``:
牵头单位, 责任单位); the rows are the lines after it with as many cells, up to the first line that is not one.
Every Body in a row's lead cell leads every Program in the row's other cells but a supporting column's
(``supporting_line_words``: 配合单位).

No annotated document holds such a table (the texts of the development sets are plain text), so the rule is
measured by its tests only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.graph.records import Mention

from .lexicon import lexicon
from .rules.common import Candidate

__all__ = ["UnitTables", "cells"]

Key = tuple[str, str]


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a lead column's header, a supporting column's header)."""
    lx = lexicon()
    lead = "|".join([lx.raw["relation"]["lead_line_label"], *map(re.escape, lx.words("relation", "responsible_line_labels"))])
    support = lx.alternation("relation", "supporting_line_words").pattern
    return re.compile(rf"(?:{lead})"), re.compile(rf"(?:{support})[\u4e00-\u9fff]{{0,2}}(?:单位|部门)")


def cells(line: str) -> list[tuple[int, int]]:
    """The cells of a table row, as (start, end) character offsets into ``line``; ``[]`` for a line that is no row.

    A row has two tabs or more (a .docx table), or opens and closes with ``|`` (a page's table as trafilatura
    writes it, a Markdown table).  A cell's span is stripped of spaces.
    """
    if line.count("\t") >= 2:
        seps = [m.start() for m in re.finditer("\t", line)]
        bounds = list(zip([0, *(s + 1 for s in seps)], [*seps, len(line)], strict=True))
    elif line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") >= 3:
        seps = [m.start() for m in re.finditer(r"\|", line)]
        bounds = list(zip([s + 1 for s in seps[:-1]], seps[1:], strict=True))
    else:
        return []
    out = []
    for a, b in bounds:
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        out.append((a, b))
    return out


@dataclass
class _Row:
    start: int  # the row's first character in the text
    end: int
    lead: tuple[int, int]  # the lead cell (text offsets)
    support: tuple[int, int] | None
    leads: list[Key] = field(default_factory=list)
    programs: list[tuple[Key, Mention]] = field(default_factory=list)


class UnitTables:
    """The task tables of a document and the Bodies and Programs of their rows.

    Args:
        text: the document's text.

    Call :meth:`read` once per sentence that has mentions, in document order, then :meth:`relations`.
    """

    def __init__(self, text: str) -> None:
        self._rows: list[_Row] = []
        if "\t" not in text and "|" not in text:
            return
        lead_label, support_label = _labels()
        header: tuple[int, int | None, int] | None = None  # (lead column, supporting column, cell count)
        pos = 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            spans = cells(line)
            names = [line[a:b] for a, b in spans]
            lead = next((i for i, n in enumerate(names) if lead_label.fullmatch(n)), None)
            if lead is not None:
                support = next((i for i, n in enumerate(names) if support_label.fullmatch(n)), None)
                header = (lead, support, len(spans))
            elif header is not None and len(spans) == header[2]:
                a, b = spans[header[0]]
                sup = spans[header[1]] if header[1] is not None else None
                self._rows.append(_Row(start, start + len(line), (start + a, start + b),
                                       (start + sup[0], start + sup[1]) if sup else None))
            else:
                header = None
        self._starts = [r.start for r in self._rows]

    def read(self, view, cands: list[Candidate], names: dict[int, Key], evidence: Mention) -> None:
        """Take the Bodies of a row's lead cell and the Programs of its other cells from a sentence of the row
        (arguments as :meth:`policykg.loaders.duty_lists.DutyLists.read`)."""
        if not self._rows:
            return
        at = view.sentence.start
        k = bisect.bisect_right(self._starts, at) - 1
        if k < 0 or at >= self._rows[k].end:
            return
        row = self._rows[k]
        for c in cands:
            a, b = at + c.start, at + c.end
            if row.lead[0] <= a and b <= row.lead[1]:
                if c.label == "Body":
                    row.leads.append(names[id(c)])
            elif c.label == "Program" and not (row.support and row.support[0] <= a and b <= row.support[1]):
                row.programs.append((names[id(c)], evidence))

    def relations(self) -> list[tuple[Key, Key, Mention]]:
        """``(body, program, evidence)`` for every lead unit and Program of every row read."""
        return [(b, p, ev) for r in self._rows for b in dict.fromkeys(r.leads) for p, ev in r.programs]
