"""Walks over a sentence's jieba tokens that the rule extractors share: where an unquoted name stops growing
leftwards (:func:`blocks`, :func:`grow_left`, :func:`extend_left`, :func:`program_bridge`) and what is cut off its
start (:func:`strip_stop_tokens`, :func:`strip_prefix`, :func:`clause_verb_end`).

Names start and end on token boundaries, so a name is never cut inside a word; the word lists and jieba tags that
stop a walk are the lexicon's (``loaders/data/lexicon.toml``, read by :func:`.common.rules`).
"""

from __future__ import annotations

from functools import lru_cache

from ..lexicon import tokenize, word_tag
from .common import PUNCT, Rules, Tokens

__all__ = ["blocks", "clause_verb_end", "covered", "extend_left", "grow_left", "program_bridge", "strip_prefix",
           "strip_stop_tokens"]


_SINGLE_STOP_TAGS = frozenset({"p", "c", "f"})


def blocks(word: str, r: Rules) -> bool:
    """True when ``word`` stops the leftward growth of an unquoted name."""
    if not word or word[0] in PUNCT or word.isspace():
        return True
    if word in r.stop_words:
        return True
    if word in r.inner_verbs:
        return False
    if len(word) == 1:  # single characters join names (党建+促), except prepositions, conjunctions, locatives
        return word_tag(word) in _SINGLE_STOP_TAGS
    tag = word_tag(word)
    return tag in r.stop_tags or tag == "v"


def extend_left(words: list[tuple[str, int, int]], first: int, end: int, max_len: int, keep) -> int:
    """Index of the first token of a name ending at offset ``end`` whose tokens from ``first`` on are taken:
    the walk goes left while ``keep(word)`` holds and the name stays within ``max_len`` characters."""
    while first > 0 and keep(words[first - 1][0]) and end - words[first - 1][1] <= max_len:
        first -= 1
    return first


def grow_left(tokens: Tokens, sentence: str, anchor_start: int, max_len: int, blocked,
               bridge=None) -> int:
    """Return the start of the longest name ending at the anchor.

    Walks tokens leftwards from the token holding ``anchor_start`` while
    ``blocked(word)`` is false and the name stays within ``max_len``
    characters.  ``bridge(tokens, index)``, when given, lets the walk cross
    a blocking word that stands between two parts of one name (党风廉政·建设·责任制,
    职务·与·职级并行制度).
    """
    start = tokens.token_start_covering(anchor_start)
    idx = tokens.by_end.get(start)
    end = anchor_start
    while idx is not None:
        word, ws, _ = tokens.words[idx]
        if (end - ws) > max_len:
            break
        if blocked(word) and (bridge is None or not bridge(tokens, idx)):
            break
        start = ws
        idx = tokens.by_end.get(ws)
    return start


_NOUN_TAGS = frozenset({"n", "nz", "nr", "ns", "nt", "j", "l", "vn", "an", "x"})


def program_bridge(tokens: Tokens, idx: int, r: Rules) -> bool:
    """True when token ``idx`` (a verb, adverb or 与/和) sits inside a Program name.

    Only the lexicon's ``[text] bridge_words`` can be crossed, a run of them
    at most two long, and only when the word to the left of the run is a
    content word of two or more characters (a noun by jieba's tag, not a stop
    word): the name goes on past them (基层党建·全面提升·工程, 党员·分类·管理制度,
    领导干部联系专家·和·优秀人才制度).
    """
    run = 0
    while idx is not None and tokens.words[idx][0] in r.bridge_words:
        run += 1
        idx = tokens.by_end.get(tokens.words[idx][1])
    if run == 0 or run > 2 or idx is None:
        return False
    left = tokens.words[idx][0]
    return len(left) >= 2 and not blocks(left, r) and word_tag(left) in _NOUN_TAGS


def strip_stop_tokens(name: str, start: int, tokens: Tokens, r: Rules, anchor: int = -1) -> str:
    """Drop a leading run of stop words that ends on a token boundary (要·深化·改革 -> 改革,
    广泛开展·创建·党建先锋岗 -> 党建先锋岗 where jieba made 广泛开展 one token; not
    最低工资 -> 低工资, as 最低 is no run of stop words).

    ``start`` is the sentence offset of ``name``'s first character; ``anchor``
    (the type word's offset) counts as a boundary too, for a verb jieba fuses
    with the type word (深化改革).  At least two characters always remain.
    """
    for k in range(len(name) - 2, 0, -1):  # the longest run first
        cut = start + k
        if (cut in tokens.starts or cut == anchor) and (name[:k] in r.stop_words or covered(name[:k], r.stop_words)):
            return name[k:]
    return name


def strip_prefix(name: str, prefixes: tuple[str, ...]) -> str:
    """``name`` without the first of ``prefixes`` it opens with (各级党组织 -> 党组织), if at least two characters
    remain; else ``name``."""
    for p in prefixes:
        if name.startswith(p) and len(name) - len(p) >= 2:
            return name[len(p):]
    return name


@lru_cache(maxsize=65536)
def covered(text: str, words: frozenset[str]) -> bool:
    """True when ``text`` splits into words of ``words`` (dynamic programming over prefixes)."""
    ok = [True] + [False] * len(text)
    for i in range(1, len(text) + 1):
        for j in range(i - 8 if i > 8 else 0, i):  # words of up to eight characters
            if ok[j] and text[j:i] in words:
                ok[i] = True
                break
    return ok[-1]


def clause_verb_end(item: str, r: Rules) -> int:
    """Where an enumerated item starts once the clause's leading verb is cut off.

    A leading verb of carrying out belongs to the clause, not the first item
    (建立健全·鼓励激励, 着重抓好·高速公路主通道扩容工程): the cut falls after the last
    stop word of the item's leading run of stop words, adverbs and adjectives, on
    token boundaries (so 新型电力系统工程 and 重大水利工程 stay whole), leaving at least
    four characters (高标准农田 stays whole).
    """
    cut = 0
    for w, _s, e in tokenize(item):
        if e > len(item) - 4:
            break
        if blocks(w, r) and not (len(w) == 1 and w not in r.stop_words):
            cut = e
        elif word_tag(w) not in ("a", "d", "ad"):
            break
    return cut
