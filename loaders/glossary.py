"""PART_OF from a glossary: an entry that defines a numbered formula by listing its parts.

Work reports close with a glossary of the formulas they use (名词解释, 《政府工作报告》有关内容名词注释),
one numbered entry per formula, the formula before a colon and its definition after it::

    40.“碳达峰十大行动”：《四川省碳达峰实施方案》明确，实施能源绿色低碳转型行动、节能降碳增效行动、…
    12.“三通一码”：赣服通、赣政通、赣企通、赣通码。
    49.“四下基层”：…，具体指宣传党的路线、方针、政策下基层，调查研究下基层，信访接待下基层，现场办公下基层。

The definition enumerates the components of the program the entry names (guide: PART_OF is "an
enumeration of components"; the colon of a glossary entry does the work of the guide's 即).  Of the 2025
provincial reports in the shared corpus, 云南, 四川, 江西 and 广东 carry such a glossary.  Read on the gold
mentions of the three adjudicated, the programs an entry's definition names are parts of the program it
defines in 108 of 123 cases (云南 28 of 34, 四川 55 of 61, 江西 25 of 28).  Only an entry whose head is one
Program closed by the colon gives links, and only when its definition names at least two programs (a
definition that names one program, “制胜”专项行动：…系列专项行动之一, lists no components).  An entry heading
two formulas (“两重”、“两新”：A和B；C和D) gives none: which part belongs to which is not stated by position, nor
does an entry that says what its head is short for (“千万工程”：“千村示范、万村整治”工程的简称).
"""

from __future__ import annotations

import re

from .lexicon import lexicon
from .rules.common import Candidate

__all__ = ["Glossary", "glossary_heading"]

Key = tuple[str, str]

# What may open an entry before its head: the entry's number, spaces, an opening quotation mark.
_ENTRY_OPEN = re.compile(r"^[\s\u3000]*(?:\d{1,3}\s*[.．、]\s*)?")
# A definition that says what the head is short for (“千万工程”：“千村示范、万村整治”工程的简称): it names the program in
# full, no components (四川's glossary; its gold makes the two one entity, graph/document_merges.py).
_NAMING = re.compile(r"的?简称")
# What may stand between the head and the colon: a closing quotation mark.
_HEAD_CLOSE = re.compile(r"^[”\"’]?\s*[：:]")


def glossary_heading(heading: str) -> bool:
    """True when a section heading (:attr:`policykg.graph.records.Section.heading`) opens a glossary
    (名词解释, 名词注释: ``[relation] glossary_headings``)."""
    return lexicon().holds_any("relation", "glossary_headings", heading)


def _entry_head(sentence: str, cands: list[Candidate]) -> Candidate | None:
    """The Program an entry's first sentence opens with and closes with a colon, else ``None``.

    The head may carry words before its quotation (基层“三馆一中心”：, 应急管理高质量发展“2653”行动：) but no
    list (“两重”、“两新”： heads two formulas).
    """
    colon = next((k for k, ch in enumerate(sentence) if ch in "：:"), -1)
    if colon < 0:
        return None
    opening = _ENTRY_OPEN.match(sentence).end()
    for c in cands:
        if c.label != "Program" or c.start < opening or not _HEAD_CLOSE.match(sentence[c.end:colon + 1]):
            continue
        if re.search(r"[、，,；;]", sentence[opening:c.start]):
            return None
        return c
    return None


class Glossary:
    """Reads a document's sentences in order and collects the parts its glossary entries enumerate.

    An entry is a line of a section inside a glossary (the outline may read a line's number as part of
    the line before: 8.6个重大科技专项：… is entry 8, not a figure 8.6).

    Args:
        text: the document's text (an entry is a line of it).
        secs: the document's outline (:func:`policykg.loaders.outline.outline`); a section lies inside a
            glossary when a heading above it opens one (:func:`glossary_heading`).

    Call :meth:`read` once per sentence that has mentions, in document order, then :meth:`relations`.
    """

    def __init__(self, text: str, secs) -> None:
        self._text = text
        by_id = {s.id: s for s in secs}

        def inside(s) -> bool:
            while s.parent_id in by_id:
                s = by_id[s.parent_id]
                if glossary_heading(s.heading):
                    return True
            return False

        self._in = {s.id: inside(s) for s in secs}
        self._head: dict[int, Key] = {}  # entry (where its line starts) -> (label, key) of the program it defines
        self._parts: dict[int, dict[Key, object]] = {}  # entry -> its parts -> evidence
        self._head_evidence: dict[int, object] = {}  # entry -> the sentence naming its head

    def read(self, view, cands: list[Candidate], names: dict[int, Key], evidence: object) -> None:
        """Note the entry head or the parts this sentence names.

        Args:
            view: the sentence (:class:`policykg.loaders.pipeline.SentenceView`).
            cands: its mentions (sentence offsets).
            names: ``id(candidate) -> (label, key)`` of the document's entities.
            evidence: the sentence's :class:`policykg.graph.records.Mention`, kept with each part.
        """
        if not self._in.get(view.section.id):
            return
        start = view.sentence.start
        line = self._text.rfind("\n", 0, start) + 1
        after = 0
        if not self._text[line:start].strip():  # the line's first sentence: the entry's head
            head = _entry_head(view.matching, cands)
            if head is None or _NAMING.search(view.matching, head.end):
                return  # “千万工程”：“千村示范、万村整治”工程的简称: a definition of the name, not of its parts
            self._head[line] = names[id(head)]
            self._head_evidence[line] = evidence
            self._parts[line] = {}
            after = head.end
        elif line not in self._head:
            return
        parts = self._parts[line]
        for c in cands:
            key = names[id(c)]
            if c.label == "Program" and c.start >= after and key != self._head[line]:
                parts.setdefault(key, evidence)

    def relations(self) -> list[tuple[Key, Key, object]]:
        """``(part, whole, evidence)`` for every entry whose definition names at least two programs: once with the
        sentence naming the entry's head, once with the one naming the part (when that is another)."""
        return [(part, self._head[line], e) for line, parts in self._parts.items() if len(parts) >= 2
                for part, ev in parts.items() for e in (self._head_evidence[line], ev)]
