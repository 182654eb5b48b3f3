"""Goals: strategies and end-states ended by a goal suffix, gazetteer formulae, principles upheld, end-states of
places (guide: Goal; rules 4, 12), and goals named inside a program (rule 5).  A plan's targets (rule 9) are
:mod:`.targets`'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon, tokenize, word_tag
from ..outline import ENUMERATOR
from .common import PUNCT, Candidate, Rules, Tokens
from .walks import grow_left

__all__ = ["end_state_goals", "goals", "nested_goals", "principle_goals", "principle_item_goals", "principles_heading",
           "quality_list_goals", "quality_of_place"]


_TARGET = re.compile(r"(?:19|20)\d{2}年[^，。；]{4,60}?(?:全面清零|清零|全覆盖|以上|实现[^，。；]{2,30}|达到[^，。；]{2,30})")


def goals(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    out = [Candidate("Goal", m.start(), m.end(), m.group(0), rule="goal-gazetteer", priority=3)
           for m in r.goal_gazetteer.finditer(sentence)]
    for m in r.goal_suffix.finditer(sentence):
        if m.end() not in tokens.by_end and sentence[m.end():m.end() + 1] not in ("", "之", "的"):
            continue
        s = grow_left(tokens, sentence, m.start(), 12, lambda w: _goal_blocks(w, r))
        name = canonical(sentence[s:m.end()])
        if name[: len(name) - len(m.group(0))] in r.goal_generic_heads:
            continue
        if (len(name) >= 4 and name != m.group(0)) or r.goal_gazetteer.fullmatch(name):
            out.append(Candidate("Goal", s, m.end(), name, rule="goal-suffix", priority=3))
    out += [Candidate("Goal", m.start(), m.end(), canonical(m.group(0)), rule="goal-target", priority=1)
            for m in _TARGET.finditer(sentence)]
    return out


_GOAL_STOP_TAGS = frozenset({"ns", "nr", "nrt", "nt", "m", "mq", "q", "t", "f", "s"})


def _goal_blocks(word: str, r: Rules) -> bool:
    """True when ``word`` ends the leftward growth of a Goal name.

    A Goal grows over its subject area only (组织工作高质量发展, **经济社会高质量发展,
    人才强市战略): nouns, adjectives and masked places.  Verbs, including the
    verbs of serving that jieba tags as nouns (助力, 赋能), place and scope
    words (湖南, 全省) and bodies (市委) stop it: 共助乡村振兴 -> 乡村振兴.
    """
    if word == "*":
        return False
    if not word or word[0] in PUNCT or word.isspace() or word in r.stop_words or word in r.goal_prefix_stops:
        return True
    if word.endswith(("委", "党委", "政府", "部门", "组织")):
        return True
    tag = word_tag(word)
    return (tag.startswith("v") and tag != "vn") or tag in r.stop_tags or tag in _GOAL_STOP_TAGS


def nested_goals(sentence: str, kept: list[Candidate], r: Rules) -> list[Candidate]:
    """Goals named inside a program of the shape 抓党建促Y / 党建引领Y (guide rule 5: nested names).

    The program serves the goal it names (relations: SERVES), so the goal is
    a mention of its own although it lies inside the program's span.
    """
    out = []
    for c in kept:
        if c.rule != "program-pattern":
            continue
        for m in r.goal_gazetteer.finditer(sentence, c.start, c.end):
            out.append(Candidate("Goal", m.start(), m.end(), m.group(0), rule="goal-nested", priority=3))
    return out


def principles_heading(heading: str) -> bool:
    """True when a section heading names the principles the work follows (基本原则, 工作原则, 主要原则:
    ``[goal] principles_headings``), or is nothing but the name of an opinion's general requirements (一、总体要求,
    （一）指导思想: ``[goal] requirements_headings``, the heading's number and closing mark left out), whose 坚持-clauses
    name principles the same way (坚持党的领导，坚持人民至上，坚持价值引领，…)."""
    lx = lexicon()
    if lx.holds_any("goal", "principles_headings", heading):
        return True
    text = heading.strip().rstrip("。：:")
    m = ENUMERATOR.match(text)
    return (text[m.end():] if m else text).strip() in lx.wordset("goal", "requirements_headings")


@lru_cache(maxsize=1)
def _upheld() -> re.Pattern[str]:
    """A clause opened by a word of ``[goal] principle_item_leads`` (its item number or dash allowed before it:
    坚持以人为本，…; （二）坚持问题导向。…; ——坚持分类指导，…); group 1, the principle, runs to the clause's end
    (two to fourteen characters)."""
    leads = lexicon().alternation("goal", "principle_item_leads").pattern
    return re.compile(rf"(?:^|[。；：，])[ \u3000]*(?:——)?(?:{ENUMERATOR.pattern})?[ \u3000]*(?:{leads})"
                      r"([\u4e00-\u9fff“”、]{2,14}?)(?=[，。；：]|$)")


def principle_item_goals(sentence: str) -> list[Candidate]:
    """The principle each item of a principles section upholds (基本原则。坚持以人为本，把…作为出发点；坚持分类指导，…):
    the words after a clause-opening 坚持 (and 坚持和加强…), up to the clause's end.

    Pattern source: guide rule 4 (what is upheld is a Goal) and rule 12 (principle slogans are Goals), and the
    way opinions and plans set out their 基本原则/工作原则, one 坚持-clause per principle.  In the sections so
    headed of the 82 annotated documents, 32 of the 39 such clauses name a gold Goal (the 4-fold models had
    found 12); the other 7 are principles the adjudicators left out (实事求是, 因地制宜).  The caller passes
    only sentences of a section whose own or parent heading holds ``[goal] principles_headings``.

    Returns:
        ``goal-principle-item`` candidates (offsets into ``sentence``).
    """
    out = []
    for m in _upheld().finditer(sentence):
        s, e = m.start(1), m.end(1)
        out.append(Candidate("Goal", s, e, canonical(sentence[s:e]), rule="goal-principle-item", priority=2))
    return out


@lru_cache(maxsize=1)
def _quality_list() -> tuple[re.Pattern[str], tuple[str, ...]]:
    lx = lexicon()
    item = r"[^，。；：、“”的][^，。；：、“”]{1,7}"  # 形成的理论联系实际、…: the verb's 的 opens no item
    verbs = lx.alternation("goal", "quality_list_verbs").pattern
    return (re.compile(r"(?:" + verbs + r")(?:一支|一批|更加|的)?(" + item + r"(?:、" + item + r"){2,}的[^，。；：、“”的]{2,8}?)"
                       r"(?=[，。；、]|$)"), tuple(lx.words("goal", "quality_list_program_heads")))


def quality_list_goals(sentence: str) -> list[Candidate]:
    """End-states described by a list of at least three qualities before 的 and a head, after a verb
    of building toward (``[goal] quality_list_verbs``): 造就…有理想、有道德、有文化、有纪律的职工队伍.

    Pattern source: the guide's Goal ("an end-state … that work is meant to achieve") and rule 12;
    measured on the annotated documents (``lexicon.toml``).  A head that names a mechanism or system
    (``quality_list_program_heads``) makes the phrase a Program's description, so no Goal.
    """
    pattern, program_heads = _quality_list()
    out = []
    for m in pattern.finditer(sentence):
        if m.group(1).endswith(program_heads):
            continue
        out.append(Candidate("Goal", m.start(1), m.end(1), canonical(m.group(1)), rule="goal-quality-list", priority=2))
    return out


@lru_cache(maxsize=1)
def _principle() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    lx = lexicon()
    item = r"[\u4e00-\u9fff]{2,6}"
    verbs = lx.alternation("goal", "principle_verbs").pattern
    closers = lx.alternation("goal", "principle_closers").pattern
    return (re.compile(r"(?:" + verbs + r")((?:" + item + r"、){1,5}" + item + r")(?=" + closers + r"|[，。；]|$)"),
            tuple(lx.words("goal", "principle_verbs")), tuple(lx.words("goal", "principle_closers")))


def principle_goals(sentence: str) -> list[Candidate]:
    """A principle or requirement upheld, written as parallel items after a verb of upholding (坚持公开公平、竞争择优,
    按照就近就便、职住兼顾的要求, 做到抓早抓小、防微杜渐).

    Pattern source: guide rule 12 (principle slogans such as 严控增量、优化存量、提升质量 are Goals) and rule 4
    (what is upheld is a Goal); the verbs and closing words are ``[goal] principle_verbs`` and
    ``principle_closers`` (measured on the annotated documents, see ``lexicon.toml``).  A trailing 的 or
    closing word is left out of the name; a list whose items repeat the verb (坚持A、坚持B) is a list of
    principles, not one, and gives none.

    Returns:
        ``goal-principle`` candidates (offsets into ``sentence``).
    """
    if "、" not in sentence:
        return []
    pattern, verbs, closers = _principle()
    out = []
    for m in pattern.finditer(sentence):
        s, e = m.start(1), m.end(1)  # the last item may have taken in a closer (竞争择优原则)
        closer = next((c for c in closers if sentence.endswith(c, s, e)), "")
        e -= len(closer)
        while sentence[e - 1] == "的":
            e -= 1
        items = sentence[s:e].split("、")
        if any(len(x) < 2 or x.startswith(verbs) for x in items):
            continue
        out.append(Candidate("Goal", s, e, canonical(sentence[s:e]), rule="goal-principle", priority=3))
    return out


# Tags of a token that may follow an end-state of a place: it closes the name (a verb, adverb, particle,
# preposition, conjunction or locative: 平安龙江建设深入推进, 美丽河北建设迈出坚实步伐); a noun or verbal noun
# after it makes the phrase part of a longer name (健康中国行动, 美丽中国先行区, 数字中国建设峰会).
_AFTER_END_STATE = ("v", "d", "p", "c", "u", "f", "r", "ad")


def quality_of_place(name: str) -> bool:
    """True when ``name`` is a quality of ``[goal] end_state_qualities`` then a place, every token of it a jieba
    ``ns`` and not one of ``end_state_not_places`` (平安江苏, 法治四川, 健康中国; not 美丽河湖)."""
    qualities, not_places, _closing = _end_state_words()
    quality = next((q for q in qualities if name.startswith(q)), "")
    place = name[len(quality):]
    return bool(quality and place) and place not in not_places and all(
        word_tag(w) == "ns" for w, _s, _e in tokenize(place))


@lru_cache(maxsize=1)
def _end_state_words() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    lx = lexicon()
    return (tuple(lx.words("goal", "end_state_qualities")), lx.wordset("goal", "end_state_not_places"),
            lx.wordset("goal", "end_state_closing_nouns"))


def end_state_goals(sentence: str, tokens: Tokens) -> list[Candidate]:
    """End-states of a place written as a quality and the place (平安河北, 法治浙江, 美丽吉林建设, 健康中国).

    Pattern source: guide rule 12 (平安中国, 法治中国, 健康中国 are Goals) and the national strategies the
    provinces restate with their own name; the qualities are ``[goal] end_state_qualities``, the place is
    one or two jieba ``ns`` tokens (not ``end_state_not_places``: 美丽河湖 is a river-works program).  A
    list of them (平安河北、法治河北建设, 平安浙江法治浙江) gives one Goal each; a trailing 建设 is an
    alias.  No Goal when a noun follows (健康中国行动 is a program, 美丽中国先行区 another name) other than
    one of ``[goal] end_state_closing_nouns`` (平安天津水平全面提升).

    Returns:
        ``goal-end-state`` candidates (offsets into ``sentence``).
    """
    qualities, not_places, closing = _end_state_words()
    if not any(q in sentence for q in qualities):
        return []
    words = tokens.words
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        w, s, e = words[i]
        if not w.startswith(qualities):
            i += 1
            continue
        quality = next(q for q in qualities if w.startswith(q))
        j = i + 1
        if w == quality:  # 平安 / 河北: the place is the next ns tokens
            while j < len(words) and j - i <= 2 and word_tag(words[j][0]) == "ns":
                j += 1
            place = sentence[e:words[j - 1][2]]
        else:  # 健康中国 as one dictionary word
            place = w[len(quality):] if quality_of_place(w) else ""
        if not place or place in not_places:
            i += 1
            continue
        end, k, aliases = words[j - 1][2], j, []
        if k < len(words) and words[k][0] == "建设":
            aliases.append(canonical(sentence[s:words[k][2]]))
            k += 1
        if k == len(words) or _closes_end_state(words[k][0], qualities, closing):
            out.append(Candidate("Goal", s, end, canonical(sentence[s:end]), aliases, rule="goal-end-state", priority=2))
        i = j
    return out


def _closes_end_state(word: str, qualities: tuple[str, ...], closing: frozenset[str]) -> bool:
    """True when ``word``, right after an end-state of a place, leaves it a name of its own (:func:`end_state_goals`)."""
    if word[0] in PUNCT or word.isspace() or word.startswith(qualities) or word in ("和", "与", "及") or word in closing:
        return True
    tag = word_tag(word)
    return tag != "vn" and tag.startswith(_AFTER_END_STATE)

