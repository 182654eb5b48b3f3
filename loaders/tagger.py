"""A learned mention tagger: a linear-chain CRF over jieba tokens.

The rule extractors (:mod:`policykg.loaders.extract`) know how official
Chinese is written but not how often each pattern really names an entity;
the tagger learns that from the annotated documents.  Each jieba token of a
sentence gets a BIO tag over the four entity labels (``B-Program``,
``I-Program``, …, ``O``) from features that are the same for any document:

* the token, its neighbours (two each side) and their bigrams;
* jieba's part-of-speech tag of the token and its neighbours;
* the token's first and last character and its shape (Han, digits, Latin, punctuation);
* the lexicon classes of the token and its neighbours (type words, organ
  words, levels, stop words, target words … from ``lexicon.toml``, each class
  with the reason it exists written there);
* whether the token is inside quotation marks or title marks;
* whether the sentence lies in the part of the document that reviews the past
  (guide rule 9: achieved figures are not targets);
* the BIO tag the rules give the token (so the model learns when to trust them).

The model file (``loaders/data/tagger.crfsuite``) is built by ``make model``
from the gold files (``python -m policykg.loaders.train``); it is small
(a few MB), deterministic for the same gold and read with python-crfsuite.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .lexicon import lexicon, word_tag

__all__ = ["LABELS", "Span", "model_path", "sentence_features", "spans_from_tags", "tagger"]

LABELS = ("Body", "Program", "Goal", "Document")

# Lexicon lists that become token classes (section, key, class name).
_CLASS_LISTS = (
    ("program", "type_words", "ptype"), ("program", "quote_tail_words", "ptail"), ("program", "carry_out_tails", "carry"),
    ("program", "bare_program_verbs", "pverb"), ("program", "generic_heads", "pgen"), ("program", "people_heads", "people"),
    ("program", "zone_heads", "zone"), ("goal", "suffixes", "gsuf"), ("goal", "quote_tail_words", "gtail"),
    ("goal", "prefix_stops", "gstop"), ("goal", "uphold_verbs", "uphold"), ("goal", "target_words", "target"),
    ("goal", "end_state_heads", "endstate"), ("document", "suffixes", "dsuf"), ("document", "quote_suffixes", "dqsuf"),
    ("body", "organs", "organ"), ("body", "levels", "level"), ("body", "modifiers", "bmod"),
    ("body", "standalone", "bstand"), ("body", "state_organs", "sorgan"), ("body", "generic", "bgen"),
    ("text", "stop_words", "stop"), ("text", "bridge_words", "bridge"), ("text", "inner_verbs", "inner"),
    ("text", "ideologies", "ideo"), ("relation", "leads_triggers", "lead"), ("relation", "serves_triggers", "serve"),
)
# Classes also tested on a token's ending (水利工程 ends in a type word, 市发改委 in an organ word).
_SUFFIX_CLASSES = ("ptype", "zone", "gsuf", "organ", "sorgan", "dsuf", "endstate")

_OPEN = "“「『《〈\"‘"
_CLOSE = "”」』》〉\"’"
_REVIEW_HEADING = re.compile(r"回顾|过去一年|过去五年|过去的一年|主要工作|工作成绩|取得的成绩|上年|成效")


@dataclass(frozen=True, slots=True)
class Span:
    """A tagged mention: token indices ``[first, last]`` and its label."""

    label: str
    first: int
    last: int


@lru_cache(maxsize=1)
def _classes() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """Word -> lexicon classes, and the longest word of each suffix class."""
    lx = lexicon().raw
    out: dict[str, set[str]] = {}
    longest: dict[str, int] = {}
    for section, key, cls in _CLASS_LISTS:
        for w in lx.get(section, {}).get(key, []):
            out.setdefault(w, set()).add(cls)
            if cls in _SUFFIX_CLASSES:
                longest[cls] = max(longest.get(cls, 0), len(w))
    return {w: tuple(sorted(c)) for w, c in out.items()}, longest


@lru_cache(maxsize=200_000)
def _word_classes(word: str) -> tuple[str, ...]:
    """The lexicon classes of ``word`` itself, then ``end:<class>`` for a suffix class it ends with."""
    table, longest = _classes()
    own = table.get(word, ())
    ends = []
    for cls in _SUFFIX_CLASSES:
        for k in range(min(len(word) - 1, longest.get(cls, 0)), 0, -1):
            if cls in table.get(word[-k:], ()):
                ends.append("end:" + cls)
                break
    return own + tuple(ends)


@lru_cache(maxsize=200_000)
def _shape(word: str) -> str:
    if word.isdigit() or re.fullmatch(r"[0-9０-９.．,，]+", word):
        return "num"
    if re.fullmatch(r"[一二两三四五六七八九十百千万亿]+", word):
        return "cnum"
    if word in ("%", "％"):
        return "pct"
    if word[0] in _OPEN:
        return "open"
    if word[0] in _CLOSE:
        return "close"
    if re.fullmatch(r"[A-Za-zＡ-Ｚａ-ｚ]+", word):
        return "latin"
    if not re.search(r"[\u4e00-\u9fff0-9A-Za-z]", word):
        return "punct"
    return "han"


def review_headings(heading: str) -> bool:
    """True when a section heading names the review of past work (guide rule 9)."""
    return bool(_REVIEW_HEADING.search(heading))


@lru_cache(maxsize=400_000)
def _view(word: str, k: int) -> tuple[str, ...]:
    """The features a token contributes at relative position ``k`` (-2..2) of another; cached per word."""
    if word in ("<s>", "</s>"):
        return {-2: ("w-2=<s>",), -1: ("w-1=<s>", "t-1=<s>", "sh-1=<s>"), 1: ("w+1=</s>", "t+1=</s>", "sh+1=</s>"),
                2: ("w+2=</s>",)}[k]
    tag, cls = word_tag(word), _word_classes(word)
    if k == 0:
        return ("w=" + word, "t=" + tag, "f=" + word[0], "l=" + word[-1], "len=" + str(min(len(word), 5)),
                "sh=" + _shape(word), *("c=" + c for c in cls))
    if k == -1:
        return ("w-1=" + word, "t-1=" + tag, "sh-1=" + _shape(word), *("c-1=" + c for c in cls), "l-1=" + word[-1])
    if k == 1:
        return ("w+1=" + word, "t+1=" + tag, "sh+1=" + _shape(word), *("c+1=" + c for c in cls), "f+1=" + word[0])
    sign = "-" if k < 0 else "+"
    return ("w" + sign + "2=" + word, *("c" + sign + "2=" + c for c in cls))


def sentence_features(words: Sequence[tuple[str, int, int]], rule_tags: Sequence[str], review: bool) -> list[list[str]]:
    """Feature strings of every token of one sentence.

    Args:
        words: jieba tokens ``(word, start, end)`` of the sentence.
        rule_tags: the BIO tag the rule extractors give each token (``O`` when none).
        review: the sentence lies in a section reviewing past work.

    Returns:
        One list of ``name=value`` strings per token (python-crfsuite's item format).
    """
    toks = [w for w, _, _ in words]
    n = len(toks)
    pad = ["<s>", "<s>", *toks, "</s>", "</s>"]
    ptags = ["<s>", "<s>", *(word_tag(w) for w in toks), "</s>", "</s>"]
    depth = 0
    quote_state = []
    for w in toks:
        if w[0] in _OPEN and not (w[0] == '"' and depth):
            depth += 1
            quote_state.append("open")
        elif w[0] in _CLOSE and depth:
            depth -= 1
            quote_state.append("close")
        else:
            quote_state.append("in" if depth else "out")
    rev = "rev=1" if review else "rev=0"
    rtags = ["<s>", *rule_tags, "</s>"]
    out: list[list[str]] = []
    for i, w in enumerate(toks):
        j = i + 2
        f = ["b", "w-1w=" + pad[j - 1] + "|" + w, "ww+1=" + w + "|" + pad[j + 1], "t-1t=" + ptags[j - 1] + ptags[j],
             "tt+1=" + ptags[j] + ptags[j + 1], "q=" + quote_state[i], "r=" + rtags[i + 1], "r-1=" + rtags[i],
             "r+1=" + rtags[i + 2], rev, "pos=" + ("first" if i == 0 else "last" if i == n - 1 else "mid")]
        f += _view(w, 0)
        f += _view(pad[j - 1], -1)
        f += _view(pad[j + 1], 1)
        f += _view(pad[j - 2], -2)
        f += _view(pad[j + 2], 2)
        if review:
            f.append("rev|sh=" + _shape(w))
        out.append(f)
    return out


def spans_from_tags(tags: Sequence[str]) -> list[Span]:
    """Turn BIO tags into spans; an ``I-`` with no ``B-`` before it opens a span (crfsuite rarely emits one)."""
    spans: list[Span] = []
    cur: list | None = None
    for i, t in enumerate(tags):
        if t == "O" or not t:
            if cur:
                spans.append(Span(cur[0], cur[1], i - 1))
            cur = None
            continue
        bio, label = t.split("-", 1)
        if bio == "B" or cur is None or cur[0] != label:
            if cur:
                spans.append(Span(cur[0], cur[1], i - 1))
            cur = [label, i]
    if cur:
        spans.append(Span(cur[0], cur[1], len(tags) - 1))
    return spans


def model_path(name: str = "tagger.crfsuite") -> Path:
    """Path of a shipped model file in ``loaders/data`` (it may not exist before ``make model``)."""
    return Path(str(resources.files("policykg.loaders").joinpath("data", name)))


@lru_cache(maxsize=8)
def open_model(path: str):
    """A python-crfsuite ``Tagger`` opened on the model file ``path``, or ``None`` if there is none (cached)."""
    import pycrfsuite

    if not Path(path).exists():
        return None
    t = pycrfsuite.Tagger()
    t.open(path)
    return t


def tagger(path: str | None = None):
    """The tagger on ``path`` (default: the shipped model), or ``None`` when the file is absent."""
    return open_model(path or str(model_path()))
