"""Bodies: level + organ names (市委组织部, 省发展改革委), organ words with their modifiers, standalone
bodies, and bodies named inside a program (guide: Body; rules 5, 11).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon, word_tag
from .common import NOT_PLACE, PERSON_TAILS, PLACE_TOKEN, PUNCT, Candidate, Rules, Tokens, rules
from .walks import extend_left, strip_prefix

__all__ = ["bodies", "halls", "nested_bodies"]


@lru_cache(maxsize=1)
def _gov_organ() -> tuple[re.Pattern[str], tuple[str, ...], frozenset[str], frozenset[str]]:
    """Government and Party organs at a level (administrative levels × organ types, as 党政机关 name
    their departments): 市委组织部, 区委两新工委, 市人力资源和社会保障局, 省人社厅, 市发改委, 县委政法委.

    Returns:
        ``(pattern, level words, their first characters, words an organ name may follow)`` from
        ``lexicon.toml [body] organ_levels``, ``organ_level_parts``, ``department_endings`` and ``organ_lead_ins``.
    """
    lx = lexicon()
    levels = tuple(lx.words("body", "organ_levels"))
    pattern = re.compile(
        f"(?:{lx.alternation('body', 'organ_levels').pattern})(?:{lx.alternation('body', 'organ_level_parts').pattern})?"
        rf"[\u4e00-\u9fff]{{1,12}}?(?:{lx.alternation('body', 'department_endings').pattern})")
    return pattern, levels, frozenset(lv[0] for lv in levels), frozenset(lx.words("body", "organ_lead_ins"))


# Endings of a level + organ match that name people (乡镇干部; 市委常委, a member of the standing committee,
# not the committee, 常委会).
_PEOPLE_ENDINGS = (*PERSON_TAILS, "常委")


def _government_organs(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    """Bodies of the form level + organ (see :func:`_gov_organ`).

    The name starts on a token of its own (not inside 城市 or 全市), after
    punctuation or a lead-in word, ends where a token ends, and holds no stop
    word except 和 inside a bureau's name (人力资源和社会保障局); verbs naming a
    remit may (市审批服务局).
    """
    out: list[Candidate] = []
    organ, levels, first, lead_ins = _gov_organ()
    if first.isdisjoint(sentence):  # no token can start with a level
        return out
    for i in [i for i, (w, _, _) in enumerate(tokens.words) if w[:1] in first]:
        word, ws, _we = tokens.words[i]
        if not word.startswith(levels):
            continue
        prev = tokens.words[i - 1][0] if i else ""
        if prev and prev[0] not in PUNCT and prev not in lead_ins:
            continue
        for m in organ.finditer(sentence, ws, min(len(sentence), ws + 20)):
            if m.start() != ws:
                break
            if m.end() not in tokens.by_end:
                continue
            inner = [w for w, s0, _ in tokens.words[i:] if s0 < m.end()]
            if m.group(0).endswith(_organ_tail_not()):
                break  # 市场多元监管格局: 格局 ends with 局 and names no bureau
            if inner[-1].startswith(PERSON_TAILS) or m.group(0).endswith(_PEOPLE_ENDINGS):
                break  # 省部级领导干部: 部 ends a word for people; 乡镇干部, 市委常委 are people
            # a verb may name a bureau's remit (审批服务局, 行政审批局); a stop word or punctuation ends it
            if any(w != "和" and (w in r.stop_words or w[0] in PUNCT) and len(w) > 1 for w in inner[1:-1]):
                break
            if _joins_levels(sentence, m.start(), m.end(), levels):
                break  # 市委和县委: two organs of two levels, each its own Body
            out.append(Candidate("Body", ws, m.end(), canonical(m.group(0)), rule="body-government", priority=4))
            break
    return out


def _joins_levels(sentence: str, start: int, end: int, levels: tuple[str, ...]) -> bool:
    """True when the 和 inside ``sentence[start:end]`` is followed by a level word (市委和县委, 区委和区政府): two organs
    named one after the other, not one bureau's name with 和 in its remit (人力资源和社会保障局, 工业和信息化局).
    Speeches write the organs they answer to so (紧跟省委、市委和县委的步伐)."""
    at = sentence.find("和", start, end)
    return at > start and sentence.startswith(levels, at + 1)


@lru_cache(maxsize=1)
def _organ_tail_not() -> tuple[str, ...]:
    """``[body] organ_tail_not``: words ending with an organ's character that name no organ (格局, 会客厅, 通办)."""
    return tuple(lexicon().words("body", "organ_tail_not"))


# Words after a central organ's name that make it part of a person's title or of a longer name.
_CENTRAL_TAILS = (*PERSON_TAILS, "院士", "部长", "局长", "会长", "主席", "发〔", "令")


def _central_organs(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    """Organs of the centre named without a level word (``[body] central_organs``: 教育部, 国家发展改革委,
    中央组织部, 全国总工会) and the centre's enterprises (``central_enterprises``: 中远海运, 国家电投), from the
    official lists of central party and state organs and of central enterprises, not from any annotated text.

    The name starts where a token starts and ends where one ends (教育部 inside 省教育厅 or
    教育部门 is no match) and is not followed by a person's title (全国人大代表, 中国科学院院士).
    """
    out: list[Candidate] = []
    for m in r.central_organs.finditer(sentence):
        if m.start() not in tokens.starts or m.end() not in tokens.by_end:
            continue
        if sentence.startswith(_CENTRAL_TAILS, m.end()):
            continue
        out.append(Candidate("Body", m.start(), m.end(), canonical(m.group(0)), rule="body-central", priority=4))
    return out


@lru_cache(maxsize=200_000)
def _organ_suffix(word: str) -> str | None:
    """The longest organ word (``[body] organs``) ``word`` ends with, or ``None``; cached per word."""
    organs, longest = _organ_set()
    for k in range(min(len(word), longest), 0, -1):
        if word[-k:] in organs:
            return word[-k:]
    return None


@lru_cache(maxsize=1)
def _body_last_chars() -> re.Pattern[str]:
    """Any of the last characters of every organ word, standalone body and 委: a token ending otherwise is no Body
    (compiled once: the lexicon's lists do not change in a process)."""
    r = rules()
    return _any_char(w[-1] for w in (*r.organs, *r.body_standalone, "委") if w)


def _any_char(chars) -> re.Pattern[str]:
    """A pattern matching one of ``chars``."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]")


def _ending_in(sentence: str, tokens: Tokens, last: re.Pattern[str]) -> list[int]:
    """Indices of the tokens whose last character ``last`` matches, in order: the places the pattern finds in the
    sentence where a token ends (the tokens are the sentence's own, ``w == sentence[s:e]``), in place of a test per
    token."""
    by_end = tokens.by_end
    return [by_end[m.end()] for m in last.finditer(sentence) if m.end() in by_end]


@lru_cache(maxsize=1)
def _organ_set() -> tuple[frozenset[str], int]:
    organs = rules().organs
    return frozenset(organs), max(map(len, organs), default=0)


@lru_cache(maxsize=1)
def _party_organisation_heads() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "party_organisation_heads"))


@lru_cache(maxsize=1)
def _party_units() -> tuple[str, ...]:
    return tuple(sorted(lexicon().words("body", "party_units"), key=len, reverse=True))


# Tags of a token after which a name may begin: verbs, prepositions, conjunctions, adverbs, numbers and
# measure words, particles, pronouns (建立|网格党支部, 4126个|楼栋党小组, 由|居民区党组织).
_NAME_OPENS_AFTER = frozenset({"v", "p", "c", "d", "q", "m", "x", "u", "r", "f"})


def _unit_start(sentence: str, tokens: Tokens, s: int, r: Rules) -> int:
    """Where a party organisation's name starts once the unit it is formed in is read before it.

    Pattern source: the Party Constitution sets up its basic-level organisations (党委, 总支部委员会,
    支部委员会, 党小组) in 企业、农村、机关、学校、医院、科研院所、街道社区、社会组织 … and other basic-level
    units, the 支部工作条例 in 楼宇、园区、商圈、市场 and by 联合/临时 branches; each is named by its unit:
    网格党支部, 楼栋党小组, 项目公司党支部, 流动党员党组织 (``[body] party_units``).  Up to three unit words
    right before the name join it, on token boundaries, and only where a name can open before them (after a
    verb, a preposition, a number or a punctuation mark: 建立网格党支部); a unit word that ends a longer
    name (城市发展公司党总支) is left out, the organisation's own name being unknown.

    Args:
        sentence: the sentence.
        tokens: its tokens (jieba cuts every character, so a token starts where another ends).
        s: where the name starts so far (sentence offset).
        r: the rules' word lists.

    Returns:
        The new start (sentence offset), ``s`` when no unit word precedes it or no name opens before it.
    """
    by_end = tokens.by_end
    start, taken = s, 0
    while taken < 3:
        unit = next((u for u in _party_units()
                     if sentence.endswith(u, 0, start) and (start == len(u) or start - len(u) in by_end)), None)
        if unit is None:
            break
        start, taken = start - len(unit), taken + 1
    if start == s or start == 0:
        return start
    w = tokens.words[by_end[start]][0]  # the token before the name
    return start if w in PUNCT or w in r.stop_words or word_tag(w) in _NAME_OPENS_AFTER else s


@lru_cache(maxsize=1)
def _level_body_endings() -> tuple[str, ...]:
    """``[body] level_body_endings`` (委, 政府), read once."""
    return tuple(lexicon().words("body", "level_body_endings"))


def _level_body(word: str, r: Rules) -> bool:
    """True when the token ``word`` is a level word and its committee or government in one (区委, 县委, 区政府, 县政府,
    自治区政府: ``[body] levels`` + ``level_body_endings``).  jieba writes 区政府 as one token, which the organ word 政府
    alone (one character longer) did not make a name: 由区政府牵头 named no Body.  Local organisation-work documents
    and speeches name their own government so (区委、区政府高度重视…; 在区委和区政府的坚强领导下)."""
    if len(word) > 5:
        return False
    ending = next((e for e in _level_body_endings() if word.endswith(e)), None)
    return ending is not None and word[: -len(ending)] in r.levels


def bodies(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    out: list[Candidate] = _government_organs(sentence, tokens, r) + _central_organs(sentence, tokens, r)
    words = tokens.words
    for i in _ending_in(sentence, tokens, _body_last_chars()):  # a cheap filter first
        word, ws, we = words[i]
        organ = _organ_suffix(word)
        level_body = _level_body(word, r)
        if organ is None and not level_body and word not in r.body_standalone:
            continue
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if nxt.startswith(PERSON_TAILS):
            continue
        s = ws
        j = i - 1
        while j >= 0:
            w, s2, _ = words[j]
            if w in r.body_modifiers or (PLACE_TOKEN.match(w) and w not in NOT_PLACE) or w == "*":
                s = s2
                j -= 1
                continue
            break
        if word.endswith(_party_organisation_heads()):
            s = _unit_start(sentence, tokens, s, r)
        name = canonical(sentence[s:we])
        name = strip_prefix(name, r.body_strip)
        if name in r.body_generic or len(name) < 2:
            continue
        if s == ws and word not in r.body_standalone and not level_body and len(word) <= len(organ or "") + 1:
            continue
        out.append(Candidate("Body", we - len(name), we, name, rule="body-organ", priority=4))
    return out + halls(sentence, tokens)


# Tags of the words a hall's name is made of (places, nouns, distinguishing words: 汉魏/故城/遗址/博物馆).
_HALL_WORD_TAGS = frozenset({"n", "ns", "nz", "nr", "nt", "b", "j", "vn", "t"})


def halls(sentence: str, tokens: Tokens) -> list[Candidate]:
    """Museums, memorial and exhibition halls named in the text (汉魏故城遗址博物馆, 湖南革命军事馆, 党史馆, 泰山博物院).

    Pattern source: guide rule 11 (museums are Bodies); the hall words are ``[body] halls``.  The name is
    the hall word and the nouns before it (at least one, at most 20 characters); a hall word alone (馆)
    is no name.

    Returns:
        ``body-hall`` candidates (offsets into ``sentence``).
    """
    hall_words, last_chars = _hall_words()
    words, out = tokens.words, []
    for i in _ending_in(sentence, tokens, last_chars):  # tokens ending as a hall word does
        w, _ws, we = words[i]
        if w not in hall_words:
            continue
        first = extend_left(words, i, we, 20, lambda x: word_tag(x) in _HALL_WORD_TAGS)
        if first == i and len(w) < 3:
            continue
        s = words[first][1]
        out.append(Candidate("Body", s, we, canonical(sentence[s:we]), rule="body-hall", priority=4))
    return out


@lru_cache(maxsize=1)
def _hall_words() -> tuple[frozenset[str], re.Pattern[str]]:
    """``[body] halls`` and a pattern of the characters they end in (馆, 院)."""
    words = lexicon().wordset("body", "halls")
    return words, _any_char(w[-1] for w in words)


def nested_bodies(kept: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """Bodies named inside a Program's name (基层党组织整建提质专项行动 -> 基层党组织; guide rule 5)."""
    progs = [c for c in kept if c.label == "Program"]
    out: list[Candidate] = []
    for b in found:
        if b.label == "Body" and b not in kept and any(p.start <= b.start and b.end <= p.end for p in progs):
            if not any(o.start < b.end and b.start < o.end for o in out):
                out.append(b)
    return out
