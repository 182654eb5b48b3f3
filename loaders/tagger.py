"""A learned mention tagger: a linear-chain CRF over jieba tokens.

The rule extractors (:mod:`policykg.loaders.extract`) know how official
Chinese is written but not how often each pattern really names an entity;
the tagger learns that from the annotated documents.  Each jieba token of a
sentence gets a BIOES tag over the four entity labels (``B-Program`` opens a
name, ``I-Program`` continues it, ``E-Program`` closes it, ``S-Program`` is a
one-token name, …, ``O``) from features that are the same for any document:

* the token, its neighbours (two each side) and their bigrams;
* jieba's part-of-speech tag of the token and its neighbours;
* the token's first and last character (and two characters, for tokens of three or more) and its
  shape (Han, digits, Latin, punctuation);
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

__all__ = [
    "ADAPTED",
    "CLOSE_MARKS",
    "LABELS",
    "OPEN_MARKS",
    "VIEW_POSITIONS",
    "Span",
    "model_path",
    "quote_states",
    "sentence_features",
    "spans_from_tags",
    "tagger",
    "with_copies",
    "word_shape",
    "word_view",
    "word_views",
]

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
    ("body", "central_organs", "corg"),
    ("text", "stop_words", "stop"), ("text", "bridge_words", "bridge"), ("text", "inner_verbs", "inner"),
    ("text", "ideologies", "ideo"), ("relation", "leads_triggers", "lead"), ("relation", "serves_triggers", "serve"),
)
# Classes also tested on a token's ending (水利工程 ends in a type word, 市发改委 in an organ word).
_SUFFIX_CLASSES = ("ptype", "zone", "gsuf", "organ", "sorgan", "dsuf", "endstate")

#: Prefix of the copy each feature gets in the documents a model is adapted to (``make model ADAPT=…``,
#: :func:`policykg.loaders.train.fit`): the copies learn where those documents' annotation departs from the
#: rest, and the tagger reads every document with them folded in (:meth:`policykg.loaders.crf.CrfModel.folded`).
ADAPTED = "adapt|"


def with_copies(features: Sequence[str], prefixes: Sequence[str] = (ADAPTED,)) -> list[str]:
    """``features`` followed by their copies under each of ``prefixes`` (default :data:`ADAPTED`): what a token, or a
    pair, of a document the models are adapted to, or of a genre they read apart
    (:data:`policykg.loaders.genre.ORGANISATION_WORK`), carries in training."""
    return [*features, *(p + f for p in prefixes for f in features)]

#: Quotation and title marks that open and close a quoted name (``"`` is both).
OPEN_MARKS = "“「『《〈\"‘"
CLOSE_MARKS = "”」』》〉\"’"


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


@lru_cache(maxsize=1)
def _suffix_table() -> tuple[dict[str, frozenset[str]], int]:
    """Word -> the suffix classes it belongs to (words of a suffix class only), and the longest such word."""
    table, longest = _classes()
    ends = {w: frozenset(c for c in cls if c in _SUFFIX_CLASSES) for w, cls in table.items()}
    return {w: c for w, c in ends.items() if c}, max(longest.values(), default=0)


@lru_cache(maxsize=200_000)
def _word_classes(word: str) -> tuple[str, ...]:
    """The lexicon classes of ``word`` itself, then ``end:<class>`` for each suffix class one of its
    proper endings belongs to (in the order of ``_SUFFIX_CLASSES``)."""
    ends_of, longest = _suffix_table()
    found: set[str] = set()
    for k in range(1, min(len(word) - 1, longest) + 1):
        found.update(ends_of.get(word[-k:], ()))
    return _classes()[0].get(word, ()) + tuple("end:" + c for c in _SUFFIX_CLASSES if c in found)


_NUMBER = re.compile(r"[0-9０-９.．,，]+")
_CHINESE_NUMBER = re.compile(r"[一二两三四五六七八九十百千万亿]+")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]+")
_WORDLIKE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


@lru_cache(maxsize=200_000)
def word_shape(word: str) -> str:
    """The shape class of a token: ``num``, ``cnum``, ``pct``, ``open``, ``close``, ``latin``, ``punct`` or ``han``."""
    if word.isdigit() or _NUMBER.fullmatch(word):
        return "num"
    if _CHINESE_NUMBER.fullmatch(word):
        return "cnum"
    if word in ("%", "％"):
        return "pct"
    if word[0] in OPEN_MARKS:
        return "open"
    if word[0] in CLOSE_MARKS:
        return "close"
    if _LATIN.fullmatch(word):
        return "latin"
    if not _WORDLIKE.search(word):
        return "punct"
    return "han"


#: The positions, relative to a token, from which the features of :func:`word_views` are seen, in their order.
VIEW_POSITIONS = (0, -1, 1, -2, 2)
_PAD_VIEWS = {("<s>", -2): ("w-2=<s>",), ("<s>", -1): ("w-1=<s>", "t-1=<s>", "sh-1=<s>"),
              ("</s>", 1): ("w+1=</s>", "t+1=</s>", "sh+1=</s>"), ("</s>", 2): ("w+2=</s>",)}


@lru_cache(maxsize=200_000)
def word_views(word: str) -> tuple[tuple[str, ...], ...]:
    """The features a word contributes to the token at each of :data:`VIEW_POSITIONS` from it; cached per word.

    Returns:
        Five tuples of feature strings: the word's own (position 0), then as seen from the
        next token (-1), from the previous one (+1), from two tokens on (-2) and two back (+2).
    """
    tag, cls, shape = word_tag(word), _word_classes(word), word_shape(word)
    # the first and last two characters of a longer token: the type word or organ that ends an
    # unseen compound (示范区, 工作组) and the verb or level that opens it
    ends = ("f2=" + word[:2], "l2=" + word[-2:]) if len(word) >= 3 else ()
    return (("w=" + word, "t=" + tag, "f=" + word[0], "l=" + word[-1], "len=" + str(min(len(word), 5)), "sh=" + shape,
             *ends, *("c=" + c for c in cls)),
            ("w-1=" + word, "t-1=" + tag, "sh-1=" + shape, *("c-1=" + c for c in cls), "l-1=" + word[-1]),
            ("w+1=" + word, "t+1=" + tag, "sh+1=" + shape, *("c+1=" + c for c in cls), "f+1=" + word[0]),
            ("w-2=" + word, *("c-2=" + c for c in cls)),
            ("w+2=" + word, *("c+2=" + c for c in cls)))


def word_view(word: str, k: int) -> tuple[str, ...]:
    """The features a token (or the pad ``<s>``/``</s>``) contributes at relative position ``k`` (-2..2) of another.

    Raises:
        KeyError: a pad at a position it never takes (``<s>`` after the token, ``</s>`` before it).
    """
    if word in ("<s>", "</s>"):
        return _PAD_VIEWS[word, k]
    return word_views(word)[VIEW_POSITIONS.index(k)]


def quote_states(toks: Sequence[str]) -> list[str]:
    """``open``, ``close``, ``in`` or ``out`` per token: whether it opens or closes a quotation or title
    mark, or lies inside or outside of one (a straight ``"`` opens at depth 0 and closes otherwise)."""
    depth = 0
    out = []
    for w in toks:
        if w[0] in OPEN_MARKS and not (w[0] == '"' and depth):
            depth += 1
            out.append("open")
        elif w[0] in CLOSE_MARKS and depth:
            depth -= 1
            out.append("close")
        else:
            out.append("in" if depth else "out")
    return out


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
    quote_state = quote_states(toks)
    rev = "rev=1" if review else "rev=0"
    rtags = ["<s>", *rule_tags, "</s>"]
    out: list[list[str]] = []
    for i, w in enumerate(toks):
        j = i + 2
        f = ["b", "w-1w=" + pad[j - 1] + "|" + w, "ww+1=" + w + "|" + pad[j + 1], "t-1t=" + ptags[j - 1] + ptags[j],
             "tt+1=" + ptags[j] + ptags[j + 1], "q=" + quote_state[i], "r=" + rtags[i + 1], "r-1=" + rtags[i],
             "r+1=" + rtags[i + 2], rev, "pos=" + ("first" if i == 0 else "last" if i == n - 1 else "mid")]
        f += word_view(w, 0)
        f += word_view(pad[j - 1], -1)
        f += word_view(pad[j + 1], 1)
        f += word_view(pad[j - 2], -2)
        f += word_view(pad[j + 2], 2)
        if review:
            f.append("rev|sh=" + word_shape(w))
        out.append(f)
    return out


def spans_from_tags(tags: Sequence[str]) -> list[Span]:
    """Turn BIOES tags (or BIO tags) into spans.

    ``B-`` opens a span, ``I-`` continues it, ``E-`` closes it, ``S-`` is a span of one token;
    an ``I-`` or ``E-`` with no open span of its label opens one (crfsuite rarely emits one).

    Args:
        tags: one tag per token (``O``, ``B-Program``, ``E-Goal`` …).

    Returns:
        spans with inclusive token indices, in text order.
    """
    spans: list[Span] = []
    cur: list | None = None
    for i, t in enumerate(tags):
        if t == "O" or not t:
            if cur:
                spans.append(Span(cur[0], cur[1], i - 1))
            cur = None
            continue
        bio, label = t.split("-", 1)
        if bio in ("B", "S") or cur is None or cur[0] != label:
            if cur:
                spans.append(Span(cur[0], cur[1], i - 1))
            cur = [label, i]
        if bio in ("E", "S"):
            spans.append(Span(label, cur[1], i))
            cur = None
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
