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

A heading that names a counted whole (二、实施六大人才行动计划, ``[relation] count_whole``) announces its parts
by its count, with no colon: the items under it titled by one Program each are its parts, when there are at
least two and at most as many as the count (:meth:`ItemLists.counted_parts`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from policykg.graph.names import canonical
from policykg.graph.records import Mention

from .count_wholes import counted
from .outline import box_heading, right_after
from .rules.common import Candidate, Tokens, note, rules
from .rules.programs import generic_program, program_heads
from .rules.walks import strip_stop_tokens

__all__ = ["ItemLists", "heading_core", "heading_end", "with_item_title"]

# A sentence that announces a list (实施如下重点项目：, 重点推进以下工程：, 包括下列内容：).
_ANNOUNCES = re.compile(r"(?:如下|以下|下列)[^，。；：:,]{0,10}[：:]\s*$")


def heading_core(heading: str) -> str:
    """A section's heading (:attr:`policykg.graph.records.Section.heading`, without its number) without its
    closing mark, nor the mark and number of a plan's box (专栏10  X工程: :func:`.outline.box_heading`; a box is a
    section without a number, and its title had been read as the Program 专栏10X工程)."""
    box = box_heading().match(heading)
    return heading[box.end() if box else 0:heading_end(heading)]


def heading_end(sentence: str) -> int:
    """Where a heading's sentence ends without its closing mark (characters; a web page closes one with a dot)."""
    return len(sentence.rstrip("。；;：: .．"))


def _title_program(heading: str, cands: list[Candidate]) -> Candidate | None:
    """The one Program a section's title sentence names, when it names at least half of the heading's
    :func:`heading_core`, else ``None``."""
    progs = [c for c in cands if c.label == "Program"]
    if len(progs) != 1 or 2 * (progs[0].end - progs[0].start) < len(heading_core(heading)):
        return None
    return progs[0]


def with_item_title(view, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the Program a section's title names, when nothing kept overlaps it.

    A numbered item titled by a name and its type word (12.博士后培养项目。, （二）科技创新人才行动计划。,
    41.确立人才优先投入机制。) names the program the item commits to; a tagger that has not seen the genre may
    read such a title as no mention (``model: dropped``), and the rules may stop inside a long name
    (2.战略性主导产业紧缺人才开发项目。 gave no candidate).  The name is the heading (without its number,
    quotation marks and closing mark) after its leading verbs of carrying out (guide rule 2,
    :func:`.rules.walks.strip_stop_tokens`); it must end in a type word or zone head (``[program]
    type_words``, ``zone_heads``), hold no list (、 和 与 及 ，) and no generic head (rule 8).  A rule
    candidate of that name is preferred (it knows the name's aliases).

    Args:
        view: the sentence (:class:`policykg.loaders.pipeline.SentenceView`).
        cands: its final candidates.
    """
    if view.sentence.start != view.section.start or view.section.level < 2:
        return cands
    found = _title_name(view)
    if found is None:
        return cands
    start, end, name = found
    if any(o.start < end and start < o.end for o in cands):
        return cands
    c = next((c for c in view.rules if c.label == "Program" and c.name == name),
             Candidate("Program", start, end, name, rule="item-title"))
    note(c, "kept: the title of a numbered item")
    return sorted([*cands, c], key=lambda x: x.start)


def _title_name(view) -> tuple[int, int, str] | None:
    """``(start, end, name)`` of the Program a section's title names (sentence offsets), or ``None``."""
    text, raw = view.matching, heading_core(view.section.heading)
    end = heading_end(text)
    start = end - len(raw)
    if start < 0 or text[start:end] != raw:
        return None
    head = next((h for h in program_heads() if raw.endswith(h)), None)
    if head is None or _LIST.search(raw):
        return None
    r, name = rules(), canonical(raw)
    if name == raw:  # unquoted: the name may open with verbs of carrying out, on token boundaries
        name = strip_stop_tokens(name, start, Tokens.of(text, view.words), r)
        start = end - len(name)
    base = name[: len(name) - len(head)]
    if len(base) < 2 or generic_program(name, base, r):
        return None
    return start, end, name


_LIST = re.compile("[、，,和与及]")


Key = tuple[str, str]  # (label, key) of a document entity


class _CountedHeading(NamedTuple):
    """A heading's counted whole (二、实施六大人才行动计划), its count and the Programs titling the items under it."""

    whole: Key
    count: int
    parts: list[tuple[Key, Mention | None]]  # each with the evidence of its title


class ItemLists:
    """Reads a document's sentences in order and gives the relations of numbered items' titles.

    * PART_OF: the items a program heading announces are its parts (see the module's docstring);
    * SERVES: an item titled by a program's name alone serves the Goals of the sentence right under the title (guide
      rule 13: "between a short bold lead heading and the sentence right under it"; in the 38 annotated
      documents, 51 of the 53 Goals named right under such a title are served by its program).

    Call :meth:`read` once per sentence that has mentions, in document order.

    Args:
        text: the document's text, whose sentences :meth:`read` is given: the sentence right under a title is the one
            after nothing but white space (a line break, an indent of 　　, blank lines: layout changes nothing).
            Without it, the one at most two characters after the title.
    """

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._titled: dict[str, tuple[str, str]] = {}  # section id -> (label, key) of the Program its title names
        self._announced: dict[str, tuple[str, str]] = {}  # section id -> its Program, once it announced a list
        self._title_end: dict[str, int] = {}  # section id -> where its title sentence ends (document offset)
        self._title_evidence: dict[str, Mention | None] = {}  # section id -> its title sentence, as a mention
        self._counted: dict[str, _CountedHeading] = {}  # section id -> the counted whole its heading names

    def read(self, view, cands: list[Candidate], names: dict[int, tuple[str, str]], evidence: Mention | None = None
             ) -> list[tuple[str, Key, Key, Mention | None]]:
        """The ``(relation type, source, target, evidence)`` of each relation this sentence gives (ends as ``(label,
        key)``; empty for most).  A title's SERVES comes twice, with the title's sentence and with the sentence under
        it as evidence, so that its provenance names the program (a walkthrough, session 53: 供给侧结构性改革 -> 优化营商环境
        of the 2018 report cited only the sentence under （一）深入推进供给侧结构性改革。).

        Args:
            view: the sentence (:class:`policykg.loaders.pipeline.SentenceView`).
            cands: its mentions (sentence offsets).
            names: ``id(candidate) -> (label, key)`` of the document's entities.
            evidence: the sentence as a mention (the provenance of what it gives; kept with a part of a counted
                whole, :meth:`counted_parts`); ``None`` gives each relation once, with ``None`` as its evidence.
        """
        sec, out = view.section, []
        if view.sentence.start == sec.start:  # the section's title
            prog = _title_program(sec.heading, cands)
            if prog is not None:
                self._titled[sec.id] = names[id(prog)]
                whole_title = _title_name(view) if sec.level >= 2 else None
                if whole_title is not None and whole_title[2] == prog.name:  # the item is titled by the name alone
                    self._title_end[sec.id], self._title_evidence[sec.id] = view.sentence.end, evidence
                whole = self._announced.get(sec.parent_id or "")
                if whole is not None and whole != names[id(prog)]:
                    out.append(("PART_OF", names[id(prog)], whole, evidence))
                elif (heading := self._counted.get(sec.parent_id or "")) is not None and heading.whole != names[id(prog)]:
                    heading.parts.append((names[id(prog)], evidence))
                found = counted(prog.name)
                if found is not None:
                    self._counted[sec.id] = _CountedHeading(names[id(prog)], found[0], [])
        elif sec.id in self._title_end and right_after(self._title_end[sec.id], view.sentence.start, self._text):
            out += [("SERVES", self._titled[sec.id], names[id(c)], ev) for c in cands if c.label == "Goal"
                    for ev in ((self._title_evidence[sec.id], evidence) if evidence is not None else (None,))]
        if sec.id in self._titled and _ANNOUNCES.search(view.matching):
            self._announced[sec.id] = self._titled[sec.id]
        return out

    def counted_parts(self) -> list[tuple[Key, Key, Mention | None]]:
        """``(part, whole, evidence)`` for each heading that names a counted whole and the items under it titled by one
        Program each, when there are from two to the count of them (call once, after the last sentence).

        Pattern source: implementation opinions that number the whole's parts as sections
        (二、实施六大人才行动计划 / （一）产业提升人才行动计划。…（六）国际交流人才行动计划。).
        """
        out = []
        for whole, count, parts in self._counted.values():
            first: dict[Key, Mention | None] = {}
            for part, ev in parts:  # each part with the evidence of its first title
                first.setdefault(part, ev)
            if 2 <= len(first) <= count:
                out += [(part, whole, ev) for part, ev in first.items()]
        return out
