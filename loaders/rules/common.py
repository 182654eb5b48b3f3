"""Shared pieces of the rule extractors: the candidate record, the compiled lexicon, the tokens of a sentence and
the record of what each rule made of a span (:func:`note`); the walks over tokens are in :mod:`.walks`.

Every rule module (:mod:`.quoted`, :mod:`.documents`, :mod:`.programs`,
:mod:`.goals`, :mod:`.bodies`) finds candidates in one sentence from the
word lists of ``loaders/data/lexicon.toml``; names start and end on jieba
token boundaries, so a name is never cut apart.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from ..lexicon import lexicon, tokenize

__all__ = [
    "COUNT",
    "FORMULA",
    "NOT_PLACE",
    "NUMERAL",
    "PERSON_TAILS",
    "PLACE_TOKEN",
    "PUNCT",
    "QUOTE",
    "TITLE",
    "TRACE",
    "Candidate",
    "Rules",
    "Tokens",
    "ideologies_only",
    "leading_count",
    "note",
    "reject",
    "rules",
    "small_number",
    "top_level_parts",
]


QUOTE = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|\"([^\"“”\n]{1,60})\"")


TITLE = re.compile(r"《([^《》\n]{1,80})》")


PUNCT = set("，。；：、！？,.;:!?（）()《》“”「」\"'‘’ \u3000\t—…·")


COUNT = re.compile(r"^[一二两三四五六七八九十百千万]+[大项个条类支型化联]")
_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
_LEADING_COUNT = re.compile(r"^(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})")


def small_number(text: str) -> int | None:
    """The value of a count written ``4``, ``四``, ``十`` or ``十二`` (None past 99 or unreadable)."""
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return 10 if text == "十" else _DIGITS.get(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + _DIGITS.get(text[1], -10)
    if len(text) in (2, 3) and text[1] == "十":
        return 10 * _DIGITS.get(text[0], 0) + (_DIGITS.get(text[2], 0) if len(text) == 3 else 0)
    return None


def leading_count(name: str) -> int | None:
    """The count a formula's name opens with (三大专项行动 -> 3, 五篇大文章 -> 5, 两新 -> 2), else ``None``."""
    m = _LEADING_COUNT.match(name)
    return small_number(m.group(0)) if m else None


def top_level_parts(text: str, start: int, end: int, marks: str) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between the ``marks`` that stand outside brackets (各县（市、区）委组织部
    is one part)."""
    parts, depth, at = [], 0, start
    for i in range(start, end):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth > 0:
            depth -= 1
        if depth == 0 and ch in marks:
            parts.append((at, i))
            at = i + 1
    parts.append((at, end))
    return [(a, b) for a, b in parts if b > a]


NUMERAL = re.compile(r"[一二两三四五六七八九十百千万]")


FORMULA = re.compile(r"^[一二两三四五六七八九十]+[\u4e00-\u9fff]{1,3}[一二两三四五六七八九十]")


PLACE_TOKEN = re.compile(r"^(?:\*+|xx|XX|[\u4e00-\u9fff]{1,5}(?:省|自治区|市|区|县|州|镇|乡))$")


NOT_PLACE = frozenset({"全区", "我区", "全市", "我市", "全县", "我县", "全省", "城区", "社区", "园区", "片区",
                        "辖区", "小区", "街区", "本市", "各区", "该区", "市区", "地区", "山区"})


# Words for people that follow an organisation's word and make the phrase people, not the organ (乡镇党委书记; 高校毕业生,
# as county 党建 plans and work reports write it: 4-fold over the 115, Body 5 wrong fewer and 1 right more, Program 5
# right more of 3 more predicted, as 促进高校毕业生就业创业十项行动 no longer cut after 高校).
PERSON_TAILS = ("书记", "副书记", "成员", "负责人", "委员", "班子", "干部", "党员", "主任", "代表", "组织生活", "毕业生")


@dataclass(slots=True)
class Candidate:
    """An entity mention found in a sentence.

    Attributes:
        label: ``Body``, ``Program``, ``Goal`` or ``Document``.
        start, end: character offsets in the sentence.
        name: canonical name (guide rule 2).
        aliases: other forms of the name this mention supports (e.g. the quoted core).
        rule: which rule found it (for debugging and the evaluation report).
        parts: names of Programs enumerated as parts of this one (PART_OF).
        priority: lower wins when two candidates overlap.
    """

    label: str
    start: int
    end: int
    name: str
    aliases: list[str] = field(default_factory=list)
    rule: str = ""
    parts: list[str] = field(default_factory=list)
    priority: int = 5


@dataclass(frozen=True)
class Rules:
    """Compiled lexicon (built once per process)."""

    prog_tail: re.Pattern[str]
    goal_tail: re.Pattern[str]
    doc_quote_suffix: tuple[str, ...]
    prog_types: re.Pattern[str]
    carry_out: frozenset[str]
    bare_verbs: tuple[str, ...]
    generic_names: frozenset[str]
    generic_heads: frozenset[str]
    prog_patterns: tuple[re.Pattern[str], ...]
    prog_practices: re.Pattern[str]
    people_heads: tuple[str, ...]
    manner_nouns: tuple[str, ...]
    goal_suffix: re.Pattern[str]
    goal_gazetteer: re.Pattern[str]
    goal_prefix_stops: frozenset[str]
    goal_generic_heads: frozenset[str]
    uphold_verbs: tuple[str, ...]
    principle: re.Pattern[str]
    doc_patterns: tuple[re.Pattern[str], ...]
    doc_suffix: re.Pattern[str]
    doc_gazetteer: re.Pattern[str]
    organs: tuple[str, ...]
    levels: tuple[str, ...]
    body_modifiers: frozenset[str]
    body_standalone: frozenset[str]
    body_generic: frozenset[str]
    body_strip: tuple[str, ...]
    central_organs: re.Pattern[str]
    stop_words: frozenset[str]
    stop_tags: frozenset[str]
    inner_verbs: frozenset[str]
    bridge_words: frozenset[str]
    ideologies: frozenset[str]
    period: re.Pattern[str]
    grant: re.Pattern[str]
    achieved: re.Pattern[str]
    achieved_openers: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    lx = lexicon()
    return Rules(
        prog_tail=lx.alternation("program", "quote_tail_words"),
        goal_tail=lx.alternation("goal", "quote_tail_words"),
        doc_quote_suffix=tuple(lx.words("document", "quote_suffixes")),
        prog_types=lx.alternation("program", "type_words"),
        carry_out=lx.wordset("program", "carry_out_tails"),
        bare_verbs=tuple(sorted(lx.words("program", "bare_program_verbs"), key=len, reverse=True)),
        generic_names=lx.wordset("program", "generic_names"),
        generic_heads=lx.wordset("program", "generic_heads"),
        prog_patterns=tuple(re.compile(p) for p in lx.words("program", "patterns")),
        prog_practices=lx.alternation("program", "practices"),
        people_heads=tuple(lx.words("program", "people_heads")),
        manner_nouns=tuple(lx.words("program", "manner_nouns")),
        goal_suffix=lx.alternation("goal", "suffixes"),
        goal_gazetteer=lx.alternation("goal", "gazetteer"),
        goal_prefix_stops=lx.wordset("goal", "prefix_stops"),
        goal_generic_heads=lx.wordset("goal", "generic_heads"),
        uphold_verbs=tuple(lx.words("goal", "uphold_verbs")),
        principle=re.compile(lx.raw["goal"]["principle_pattern"]),
        doc_patterns=tuple(re.compile(p) for p in lx.words("document", "patterns")),
        doc_suffix=lx.alternation("document", "suffixes"),
        doc_gazetteer=lx.alternation("document", "gazetteer"),
        organs=tuple(sorted(lx.words("body", "organs"), key=len, reverse=True)),
        levels=tuple(lx.words("body", "levels")),
        body_modifiers=lx.wordset("body", "modifiers"),
        body_standalone=lx.wordset("body", "standalone"),
        body_generic=lx.wordset("body", "generic"),
        body_strip=tuple(sorted(lx.words("body", "strip_prefixes"), key=len, reverse=True)),
        central_organs=lx.trie_alternation("body", "central_organs", "central_enterprises"),
        stop_words=lx.wordset("text", "stop_words"),
        stop_tags=frozenset(lx.words("text", "stop_tags")),
        inner_verbs=frozenset(lx.words("text", "inner_verbs")),
        bridge_words=lx.wordset("text", "bridge_words"),
        ideologies=lx.wordset("text", "ideologies"),
        period=re.compile(lx.raw["text"]["period_pattern"]),
        grant=re.compile(lx.raw["goal"]["grant_pattern"]),
        achieved=re.compile(lx.raw["goal"]["achieved_pattern"]),
        achieved_openers=re.compile("^(?:" + lx.alternation("goal", "achieved_openers").pattern + ")"),
    )


_END = itemgetter(2)  # a token's end offset


@dataclass(slots=True)
class Tokens:
    """jieba tokens of a sentence with lookups by start and end offset (the starts made on first use)."""

    words: list[tuple[str, int, int]]
    by_end: dict[int, int]
    _starts: frozenset[int] | None = None

    @classmethod
    def of(cls, sentence: str, words: list[tuple[str, int, int]] | None = None) -> Tokens:
        words = tokenize(sentence) if words is None else words
        return cls(words, dict(zip(map(_END, words), range(len(words)), strict=True)))

    @property
    def starts(self) -> frozenset[int]:
        """The start offsets of the tokens."""
        if self._starts is None:
            self._starts = frozenset(s for _, s, _ in self.words)
        return self._starts

    def token_start_covering(self, pos: int) -> int:
        """Return the start of the token that contains ``pos`` (or ``pos`` itself at a boundary)."""
        for _w, s, e in self.words:
            if s <= pos < e:
                return s
        return pos


def ideologies_only(name: str) -> bool:
    """True when ``name`` (canonical) names guiding ideologies and nothing else: 科学发展观, or the formula
    马克思列宁主义、毛泽东思想、邓小平理论、三个代表重要思想、科学发展观 (guide rule 6, ``[text] ideologies``)."""
    items = [i for i in re.split("[、和及与]", name) if i]
    ideologies = rules().ideologies
    return bool(items) and all(i in ideologies for i in items)


#: Records of :func:`policykg.loaders.extract.explaining`, or ``None`` when nobody asks.
TRACE: ContextVar[list[dict] | None] = ContextVar("policykg_trace", default=None)


def note(c: Candidate, verdict: str) -> None:
    """Record what became of candidate ``c`` when an explanation is being collected (a no-op otherwise)."""
    records = TRACE.get()
    if records is not None:
        records.append({"start": c.start, "end": c.end, "label": c.label, "name": c.name, "aliases": list(c.aliases),
                        "rule": c.rule, "verdict": verdict})


def reject(label: str, start: int, end: int, name: str, rule: str, why: str) -> None:
    """Record a span a rule looked at and refused (``verdict`` = ``blocked: <why>``)."""
    if TRACE.get() is not None:
        note(Candidate(label, start, end, name, rule=rule), "blocked: " + why)
