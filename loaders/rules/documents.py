"""Cited documents: 《…》 titles, 关于……的意见 patterns and titled plans, laws and regulations (guide; rule 10)."""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical, match_key

from ..lexicon import lexicon, word_tag
from .common import PUNCT, TITLE, Candidate, Rules, Tokens, reject
from .walks import extend_left, grow_left

__all__ = ["documents", "inner_titles", "own_program_title", "own_title", "own_title_keys"]


def documents(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    out = [Candidate("Document", m.start(), m.end(), canonical(m.group(1)), rule="title-marks", priority=0)
           for m in TITLE.finditer(sentence) if canonical(m.group(1))]
    for pat in r.doc_patterns:
        out += [Candidate("Document", m.start(), m.end(), canonical(m.group(0)), rule="document-pattern", priority=1)
                for m in pat.finditer(sentence)]
    out += [Candidate("Document", m.start(), m.end(), m.group(0), rule="document-gazetteer", priority=2)
            for m in r.doc_gazetteer.finditer(sentence)]
    out += [Candidate("Document", m.start(), m.end(), canonical(m.group(0)), rule="document-plan", priority=1)
            for m in _plan().finditer(sentence)]

    def blocked(word: str) -> bool:
        return word[0] in PUNCT or word in _doc_stops()

    generic = _generic_leads()
    for m in r.doc_suffix.finditer(sentence):
        if m.end() not in tokens.by_end or sentence.endswith(generic, 0, m.start()):
            continue
        s = grow_left(tokens, sentence, m.start(), 30, blocked)
        period = _PERIOD_OPEN.search(sentence, 0, s)  # 惩治和预防腐败体系2013—2017年工作规划: the period's first year
        if period is not None:
            s = grow_left(tokens, sentence, period.start(), 30, blocked)
        name = canonical(sentence[s:m.end()])
        if name.startswith(_distributive_leads()):  # 提升完善各产业园发展规划: the plans of each park
            reject("Document", s, m.end(), name, "document-suffix", "documents of a kind, no title")
            continue
        if len(name) - len(m.group(0)) >= (6 if m.group(0) in ("办法", "规定") else 4):
            out.append(Candidate("Document", s, m.end(), name, rule="document-suffix", priority=2))
    return out + laws(sentence, tokens)


#: The first year of a plan's period and its dash (2013—2017年工作规划), which stops the leftward growth of a title.
_PERIOD_OPEN = re.compile(r"(?:19|20)[0-9]{2}[—–-]$")

_INNER_TITLE = re.compile(r"〈([^〈〉《》\n]{2,80})〉")


def inner_titles(sentence: str, kept: list[Candidate]) -> list[Candidate]:
    """The titles cited inside a kept title in marks, in the inner marks 〈…〉 (《…关于印发〈推进基本养老服务体系建设的
    实施意见〉的通知》, 《中共中央印发〈关于深化人才发展体制机制改革的意见〉的通知》): the instrument a notice issues,
    or one a title names, is a Document of its own (guide rules 5 and Document; every such inner title in the
    107 adjudicated documents is annotated beside the outer one, 4 of 4).  The tagger is not told of them
    (:func:`policykg.loaders.combine.rule_tags`), and they are kept nested in the outer title.

    Args:
        sentence: the sentence ``kept`` indexes.
        kept: its candidates after overlaps are settled; the inner titles of those of rule ``title-marks`` are read.

    Returns:
        ``title-inner`` Document candidates (offsets into ``sentence``)."""
    return [Candidate("Document", m.start(), m.end(), canonical(m.group(1)), rule="title-inner",
                      priority=c.priority)
            for c in kept if c.rule == "title-marks" for m in _INNER_TITLE.finditer(sentence, c.start, c.end)
            if canonical(m.group(1))]


# Tags of the words a law's title is made of before its last word: nouns, places, organisations,
# distinguishing words and abbreviations (中华人民共和国/村民/委员会/组织法, 民营/经济/促进法, 外商投资/法).
_LAW_WORD_TAGS = frozenset({"n", "b", "j", "ns", "nt", "nz", "vn"})
# Tags of a one-word law (公司法 n, 促进法 v, 安全法 nr as jieba has them).
_LAW_TAGS = frozenset({"n", "nz", "v", "nr"})


def laws(sentence: str, tokens: Tokens) -> list[Candidate]:
    """Laws cited without title marks: 公司法, 民营经济促进法, 中华人民共和国城市居民委员会组织法 (guide rule 10).

    Pattern source: how Chinese laws are titled (subject + 法, the state's name optional) and the guide's
    rule 10; the last word is a jieba noun of three or more characters ending in 法, or the word 法 after a
    noun or after a noun and the verb of what the law governs (农村土地/承包/法: ``[document] law_object_verbs``),
    not ending as ``[document] law_not_endings`` (a method or practice) unless it ends as ``law_kept_endings``
    (公司法, not a kind of 司法); the title extends left over nouns, at most 24 characters.

    Returns:
        ``document-law`` candidates (offsets into ``sentence``).
    """
    if "法" not in sentence:
        return []
    words, out = tokens.words, []
    not_endings, kept, _verbs = _law_words()
    for i, (w, _ws, we) in enumerate(words):
        if not w.endswith("法") or (w.endswith(not_endings) and not w.endswith(kept)):
            continue
        if len(w) >= 3 and word_tag(w) in _LAW_TAGS:
            first = i
        elif (w == "法" and i > 0 and len(words[i - 1][0]) >= 2 and not words[i - 1][0].endswith(("学", "法"))
              and _law_word(words[i - 1][0])):
            first = i - 1
        elif w == "法" and i > 1 and _object_verb(words[i - 2][0], words[i - 1][0]):
            first = i - 2  # 农村土地/承包/法: the matter, then what the law governs of it
        else:
            continue
        first = extend_left(words, first, we, 24, _law_word)
        s = words[first][1]
        out.append(Candidate("Document", s, we, canonical(sentence[s:we]), rule="document-law", priority=2))
    return out


def _object_verb(noun: str, verb: str) -> bool:
    """True when ``noun`` ``verb`` before a lone 法 is the subject of a law named by a matter and what is done to it
    (农村土地承包法, 土地管理法 when jieba cuts 承包 off as a verb): a noun of two or more characters, then one of
    ``[document] law_object_verbs``."""
    return len(noun) >= 2 and _law_word(noun) and verb in _law_words()[2]


def _law_word(word: str) -> bool:
    """True when ``word`` can stand in a law's title before its last word: a noun, not a verb of applying
    one (认真执行, 全面实施: ``[document] title_stops`` and ``law_applying_endings``)."""
    return word_tag(word) in _LAW_WORD_TAGS and word not in _doc_stops() and not word.endswith(_applying())


@lru_cache(maxsize=1)
def _applying() -> tuple[str, ...]:
    return tuple(lexicon().words("document", "law_applying_endings"))


@lru_cache(maxsize=1)
def _law_words() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """``[document] law_not_endings``, ``law_kept_endings`` and ``law_object_verbs``."""
    lx = lexicon()
    return (tuple(lx.words("document", "law_not_endings")), tuple(lx.words("document", "law_kept_endings")),
            lx.wordset("document", "law_object_verbs"))


@lru_cache(maxsize=1)
def _plan() -> re.Pattern[str]:
    """The five-year plan of a period (``[document] plan_pattern``: “十四五”规划)."""
    return re.compile(lexicon().raw["document"]["plan_pattern"])


@lru_cache(maxsize=1)
def _distributive_leads() -> tuple[str, ...]:
    """Words opening a name that make it documents of a kind, not a title (``[document] distributive_leads``)."""
    return tuple(lexicon().words("document", "distributive_leads"))


@lru_cache(maxsize=1)
def _generic_leads() -> tuple[str, ...]:
    """Words before 规定/办法 that make it rules in general or a verb (``[document] suffix_generic_leads``)."""
    return tuple(lexicon().words("document", "suffix_generic_leads"))


@lru_cache(maxsize=1)
def _doc_stops() -> frozenset[str]:
    """Words that stop the leftward growth of an unquoted title (``[document] title_stops``)."""
    return lexicon().wordset("document", "title_stops")


_ISSUES = re.compile(r"印发(.+?)的通知")


@lru_cache(maxsize=1)
def _attachment_title() -> re.Pattern[str]:
    """A line that is the title of an instrument on its own (关于加强党员经常性教育的意见): ``关于`` … one of
    ``[document] quote_suffixes``, with no sentence punctuation."""
    tails = lexicon().alternation("document", "quote_suffixes").pattern
    return re.compile(rf"^《?关于[^。，；：！？]{{2,80}}(?:{tails})》?$")


def own_title_keys(title: str | None, text: str) -> list[str]:
    """Match keys of the titles a document bears: its own (``title``, or the first line of ``text`` when that
    is a title line), those of the instruments a notice issues, and those of the instruments it carries.

    A notice issues instruments by its title (…关于印发A和B的通知 -> A, B, and the title's head …关于印发A和B, which
    the tagger may read as a title of its own; 印发《A》等四个文件的通知 -> A)
    and by the sentence that hands them over (《A》、《B》和《C》…现印发给你们: ``[document] issuing_marks``;
    not a title of a clause opened by ``[document] citing_leads``, 根据《X》…制定了《A》，现印发给你们);
    the instruments it carries then follow, each under its own title line (关于做好…工作的意见).  None of them
    is cited by the document: in the adjudicated documents no Document is named by such a title (a notice
    of 2006 issuing four opinions gave four Documents before this).

    Args:
        title: the document's title (``None`` when unknown).
        text: its text.

    Returns:
        Match keys (:func:`policykg.graph.names.match_key`).
    """
    first = text.lstrip().split("\n", 1)[0]
    titles = [t for t in (title, first) if t and len(t) <= 150 and not any(m in t for m in "。，；")]
    issued = [part for t in titles for m in _ISSUES.finditer(t)
              for part in (t[:m.end(1)], m.group(1), *m.group(1).split("和"), *(q.group(1) for q in TITLE.finditer(m.group(1))))]
    lines = [line.strip() for line in text.splitlines()]
    lx = lexicon()
    marks, cites = tuple(lx.words("document", "issuing_marks")), tuple(lx.words("document", "citing_leads"))
    handed = [q.group(1) for line in lines if any(k in line for k in marks) for clause in re.split("[，,；;。]", line)
              if not clause.lstrip().startswith(cites) for q in TITLE.finditer(clause)]
    carried = [line.strip("《》") for line in lines if _attachment_title().match(line)]
    return [match_key(t) for t in titles + issued + handed + carried]


def own_title(key: str, title_keys: list[str]) -> bool:
    """True when a Document's key ends one of ``title_keys`` (:func:`own_title_keys`): the document's own title,
    what it issues, or the tail of either (的指导意见), with or without the period closing it (全国党员教育培训工作规划 of
    全国党员教育培训工作规划（2024—2028年）).  A document a title only names inside it (关于《…决议》
    的说明, …对接区域全面经济伙伴关系协定（RCEP）…实施意见) is cited, and stays."""
    return bool(key) and any(t.endswith(key) or _TITLE_PERIOD.sub("", t).endswith(key) for t in title_keys)


@lru_cache(maxsize=1)
def _instrument_words() -> tuple[str, ...]:
    return tuple(lexicon().words("document", "instrument_words"))


#: A period closing a plan's title: （2021-2023年）, (2024—2028年).
_TITLE_PERIOD = re.compile(r"[（(][0-9０-９～~—–-]+年?[）)]$")


def own_program_title(key: str, title_keys: list[str]) -> bool:
    """True when a Program's key is the whole of a title the document bears or issues (:func:`own_title_keys`),
    but for the period closing it and the verb opening it: 安徽省工业互联网创新发展行动计划 and 工业互联网发展若干政策 of
    a notice issuing 支持工业互联网发展若干政策 and 安徽省工业互联网创新发展行动计划（2021-2023年）.  Such a name is the
    instrument itself, not a program it commits to; a Program a title only contains (乡村振兴战略 of 关于实施乡村振兴战略
    的意见) stays.  The key must cover at least half of the title and close with an instrument's word (``[document]
    instrument_words``: 计划, 政策): a news item's headline ends with the program it reports (中办印发通知在全党开展树立和
    践行正确政绩观学习教育).  Over the 117 annotated texts: 2 Programs of 安徽's plan fewer, neither gold."""
    return key.endswith(_instrument_words()) and any(t.endswith(key) and 2 * len(key) >= len(t)
                                       for t in (_TITLE_PERIOD.sub("", t) for t in title_keys))

