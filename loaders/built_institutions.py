"""Institutions an item of a lead-unit plan builds, named by the whole object of its verb of building (guide: Program).

Implementation plans and opinions close each numbered item with its lead units (（牵头单位：市民政局，…）,
（省商务厅牵头，…按职责分工配合）) and commit those units to the institutions the item builds, each written as a
clause of its own that opens on a verb of building and ends on the institution's type word::

    5.建立养老服务人才队伍建设工作督导制度，完善方案实施监督激励机制。
    76．建立依职能按需开放机制，按照“谁主管谁提供”原则开放数据。
    健全酝酿、提议、论证、研究、审议、决策机制，加强党委与人大的沟通。

The object of the verb is the institution's name, whatever verbs (实施, 纳入, 开放) and lists of its steps it holds;
the rules' leftward walk from the type word stops at such a verb and keeps a generic piece (决策机制) or nothing.
Lead units LEAD every Program of their item (guide rule 7), so a name cut or missed there costs one relation per
unit.  The reading is applied after tagging (:func:`with_built_institutions`): it adds no tagger feature.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon
from .rules.common import Candidate, note
from .rules.programs import generic_tagged_name

__all__ = ["built_institutions", "with_built_institutions"]

# the shortest name read (信访工作机制, 安全防护体系): shorter objects are a kind (监督机制, 合作机制)
_MIN_NAME = 6
_MAX_NAME = 40
# a list of facilities or a count of them (建设15家以上国家级科技企业孵化器: a target, guide rule 9)
_LIST_OR_COUNT = re.compile(r"[、0-9０-９]|[一二三四五六七八九十百千万]+[个家所批]")


@lru_cache(maxsize=2)
def _clause(verbs_key: str) -> re.Pattern[str]:
    """A clause opening (after an item's number) on a verb of ``[program] verbs_key`` and running without a stop,
    quotation, title mark, 的 or a joining word (和 及 与 等: two institutions or a kind) to the clause's end; group 1
    is the object."""
    verbs = lexicon().alternation("program", verbs_key).pattern
    return re.compile(rf"(?:^|(?<=[，,。；;：:]))\s*(?:\d+[.．、]|[（(][一二三四五六七八九十]+[）)])?\s*(?:进一步)?"
                      rf"(?:{verbs})([^，,。；;：:“”‘’\"（）()《》\s的和及与等]+)(?=[，,。；;]|$)")


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    lx = lexicon()
    return (tuple(lx.words("program", "institution_type_words")),
            tuple(lx.words("program", "institution_generic_endings")),
            tuple(lx.words("program", "facility_type_words")))


def built_institutions(sentence: str) -> list[Candidate]:
    """The Programs ``sentence`` builds in clauses of its own (建立X机制, 完善X制度, 健全X体系; 建设X基地, 建立X档案).

    Pattern from how plans word an item's tasks: a clause that opens on ``[program] institution_build_verbs`` and
    ends on ``institution_type_words`` names the institution by its whole object (完善方案实施监督激励机制 ->
    方案实施监督激励机制); objects ending on ``institution_generic_endings`` (长效机制, 体制机制), objects of fewer
    than six characters and lists with an empty item are no names.  A clause that opens on ``facility_build_verbs``
    and ends on ``facility_type_words`` names one facility (建设国际科技孵化基地), when it holds no list (、) and no
    count (a target, guide rule 9) and has at least five characters.  Generic names
    (:func:`.rules.programs.generic_tagged_name`) and objects over forty characters are no names (guide rule 8).

    Args:
        sentence: the sentence (its matching text).
    Returns:
        Program candidates (rule ``built-institution``), sentence offsets, in order.
    """
    types, generic, facilities = _endings()
    out = []
    for m in _clause("institution_build_verbs").finditer(sentence):
        name = m.group(1)
        if (name.endswith(types) and not name.endswith(generic) and _MIN_NAME <= len(name) <= _MAX_NAME
                and "" not in name.split("、") and not generic_tagged_name(name)):
            out.append(Candidate("Program", m.start(1), m.end(1), name, rule="built-institution", priority=3))
    for m in _clause("facility_build_verbs").finditer(sentence):
        name = m.group(1)
        if (name.endswith(facilities) and _MIN_NAME - 1 <= len(name) <= _MAX_NAME and not _LIST_OR_COUNT.search(name)
                and not generic_tagged_name(name) and all(o.start != m.start(1) for o in out)):
            out.append(Candidate("Program", m.start(1), m.end(1), name, rule="built-facility", priority=3))
    return sorted(out, key=lambda c: c.start)


def with_built_institutions(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (a sentence's final candidates, in an item closed by lead units) with :func:`built_institutions`.

    A built institution replaces the Programs inside it (the pieces a walk from its type word kept: 决策机制) and
    keeps the Bodies inside it (中小企业 in 科技型中小企业贷款贴息、补偿机制); it is not added when a Goal or
    Document lies inside it, a candidate crosses its edges, or a Program holds it.  A facility is not added over a
    Program that ends where it ends (the name read without a scope word: 智慧城市——政务信息资源共享交换平台).

    Args:
        sentence: the sentence (its matching text).
        cands: its final candidates.
    Returns:
        The candidates, sorted by start.
    """
    for c in built_institutions(sentence):
        inside = [o for o in cands if c.start <= o.start and o.end <= c.end and (o.start, o.end) != (c.start, c.end)]
        crossing = [o for o in cands if o.start < c.end and c.start < o.end and o not in inside]
        if crossing or any(o.label in ("Goal", "Document") for o in inside):
            continue
        if c.rule == "built-facility" and any(o.label == "Program" and o.end == c.end for o in inside):
            continue  # a facility already read ends there (智慧城市——…平台 in 建成全市智慧城市——…平台)
        pieces = [o for o in inside if o.label == "Program"]
        for o in pieces:
            note(o, f"blocked: inside the institution '{c.name}' its item builds")
        note(c, "kept: the object of a verb of building, in an item closed by lead units (guide rule 7)")
        cands = [o for o in cands if o not in pieces] + [c]
    return sorted(cands, key=lambda x: x.start)
