"""Relation extraction inside one sentence (annotation guide, "Relations").

Only relations the text states explicitly within one sentence:

* ``PART_OF``  Program -> Program: the parts of an enumerated framework
  (“A”“B”…五大行动; A、B、C“三项机制”; “五个一”，即…; X（包括A和B）).
* ``SERVES``   Program -> Goal: 以X为抓手…Y; X助推/推动/促进/实现…Y; X…为Y提供…;
  a program named 抓党建促Y / 党建引领Y serves Y.
* ``LEADS``    Body -> Program: X作为…牵头单位, X牵头, 由X负责/组织实施, 牵头单位：X.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .extract import Candidate
from .lexicon import lexicon

__all__ = ["lead_units", "sentence_relations"]

# 牵头单位：X、Y；配合单位：Z — the lead units run from the colon to the next ；/。 or 配合.
# When a line names a 牵头单位, its 责任单位/配合单位 are the supporting units (Bodies
# without a relation); a line naming only 责任单位 (or 负责单位) gives the lead units.
_LEAD_LINE = re.compile(
    r"(?:牵头(?:[\u4e00-\u9fff]{0,2})?(?:单位|部门))[：:]([^；;。）)]*?)(?=[；;。）)]|[，,]?(?:配合|责任|协同|参与)|$)")
_RESPONSIBLE_LINE = re.compile(
    r"(?:责任单位|责任部门|负责单位|主责单位)[：:]([^；;。）)]*?)(?=[；;。）)]|[，,]?(?:配合|协同|参与)|$)")


def lead_units(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """Bodies named as lead units in a ``（牵头单位：X、Y；配合单位：Z）`` line.

    Guide rule 7: they LEAD every program of the numbered item the line ends
    (the caller links them to the programs named since the previous lead line in
    the same section); 配合单位 (supporting units) are
    Bodies without a relation.

    Returns:
        Body candidates of ``sentence`` inside the lead-unit span, in order.
    """
    out: list[Candidate] = []
    lines = list(_LEAD_LINE.finditer(sentence)) or list(_RESPONSIBLE_LINE.finditer(sentence))
    for m in lines:
        out += [c for c in cands if c.label == "Body" and m.start(1) <= c.start and c.end <= m.end(1)]
    return out


Triple = tuple[str, Candidate, Candidate]


@lru_cache(maxsize=1)
def _triggers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    serves = [w for w in lx.words("relation", "serves_triggers") if len(w) >= 2]
    return lx.alternation("relation", "leads_triggers"), re.compile("|".join(map(re.escape, serves)))


_PART_RULES = frozenset({"quote-part", "quote-inner-part", "enumerated-part", "quote-series"})
_JOINERS = frozenset({"", "和", "、", "与", "及", "以及"})


def _other_program_between(sentence: str, p: Candidate, trigger: int, progs: list[Candidate]) -> bool:
    """True when a program stands between ``p`` and the trigger without joining ``p`` (和, 、, 与)."""
    for q in progs:
        if p.end <= q.start < trigger:
            gap = re.sub(r"[“”\"‘’]", "", sentence[p.end:q.start])
            if gap not in _JOINERS:
                return True
    return False


def sentence_relations(sentence: str, cands: list[Candidate]) -> list[Triple]:
    """Return ``(type, source, target)`` triples stated in ``sentence``.

    Args:
        sentence: the sentence text.
        cands: its entity candidates (from :func:`policykg.loaders.extract.extract_sentence`).

    Returns:
        Triples of candidates of this sentence; PART_OF parts that were
        enumerated without a mention of their own are returned by
        :func:`parts_of` instead.
    """
    leads, serves = _triggers()
    progs = [c for c in cands if c.label == "Program"]
    goals = [c for c in cands if c.label == "Goal"]
    bodies = [c for c in cands if c.label == "Body"]
    out: list[Triple] = []
    # PART_OF: “X”，即 A、B…  and  X（包括A和B）
    for p in progs:
        after = sentence[p.end:p.end + 3]
        if re.match(r"^[，,]?即|^[（(]包括", after):
            close = sentence.find("）", p.end) if after.startswith(("（", "(")) else len(sentence)
            close = len(sentence) if close < 0 else close
            for q in progs:
                if q is not p and p.end < q.start < close:
                    out.append(("PART_OF", q, p))
    # SERVES: the program (or the programs joined by 和/、) just before the trigger;
    # a part of an enumerated framework serves through the framework, not alone.
    for p in progs:
        if p.rule in _PART_RULES:
            continue
        for g in goals:
            if g.start >= p.end and g.start - p.end <= 60:
                between = sentence[p.end:g.start]
                hit = serves.search(between) or re.search(r"为$", between)
                if hit and not _other_program_between(sentence, p, p.end + hit.start(), progs):
                    out.append(("SERVES", p, g))
            elif g.end <= p.start and re.match(r"^[”\"]?为(?:抓手|主线|载体)", sentence[p.end:p.end + 4]):
                out.append(("SERVES", p, g))
        m = re.search(r"(?:抓党建促|党建引领)(.+)$", p.name)
        if m:
            for g in goals:
                if g.name in m.group(1) or m.group(1) in g.name:
                    out.append(("SERVES", p, g))
    # LEADS
    for m in leads.finditer(sentence):
        if sentence[m.end():m.end() + 1] in ("：", ":"):
            continue  # 牵头单位：X lines: see lead_units (the whole numbered item)
        for b in [b for b in bodies if b.end <= m.start()][-1:]:
            for p in progs:
                out.append(("LEADS", b, p))
    seen: set[tuple[str, str, str]] = set()
    uniq: list[Triple] = []
    for t, a, b in out:
        key = (t, a.name, b.name)
        if key not in seen and a.name != b.name:
            seen.add(key)
            uniq.append((t, a, b))
    return uniq
