"""A learned relation classifier over pairs of mentions in one sentence (or a heading and the sentence under it).

The rules of :mod:`policykg.loaders.relations` catch the fixed phrasings of
the guide (以X为抓手…Y, X牵头, “五个一”，即…); most stated relations in work
reports and plans are looser (实施X…确保Y; a short lead heading naming a goal
and the programs in the sentence right under it, guide rule 13).  This
classifier reads every pair of mentions of the right labels —
Body→Program (``LEADS``), Program→Goal (``SERVES``), Program→Program
(``PART_OF``, either direction) — from features that hold for any document:
the words and punctuation between the two mentions, their order and
distance, the relation trigger words of ``lexicon.toml`` between them, other
mentions between them, whether the goal is a quantitative target, the
clauses around them (how many clause breaks lie between, whether the goal's
clause closes the sentence, the first word of each one's clause), and
whether the pair spans a heading and its sentence.

It is a maximum-entropy model: python-crfsuite fitted on sequences of one
item (a linear-chain CRF of length one is multinomial logistic regression),
so it needs no further library.  Fitted by ``make model`` together with the
tagger (``loaders/data/tagger.pairs.crfsuite``); scored leave-one-document-out.
Extraction reads its weights with numpy (:class:`PairClassifier`), a sentence's
pairs at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .crf import CrfModel, read_model
from .lexicon import lexicon
from .outline import right_after
from .rules.common import Candidate
from .tagger import ADAPTED, model_path

__all__ = ["KINDS", "PairClassifier", "classifier", "heads", "label_counts", "pair_features", "relation_of", "rule_votes",
           "sentence_pairs", "sentence_units"]

#: Pair kinds by (source label, target label); PART_OF pairs are read in text order.
KINDS = {("Body", "Program"): "LEADS", ("Program", "Goal"): "SERVES", ("Program", "Program"): "PART_OF"}
#: Longest distance between two mentions of a pair (characters).
MAX_GAP = 80
#: Longest distance for a Program -> Goal pair: a sentence of action clauses ends with the result
#: they serve, often more than MAX_GAP characters after the first action (guide rule 13).
MAX_GAP_SERVES = 240
_PUNCT = re.compile(r"[，。；：、,;:（）()“”]")
_CLAUSE = re.compile(r"[，；,;]")


@lru_cache(maxsize=1)
def _triggers() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    lx = lexicon()
    return (tuple(lx.words("relation", "serves_triggers")), tuple(lx.words("relation", "leads_triggers")),
            tuple(lx.words("relation", "part_of_markers")))


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-3" if n <= 3 else "4-10" if n <= 10 else "11-25" if n <= 25 else "26-50" if n <= 50 else "51+"


def pair_features(text: str, a: Candidate, b: Candidate, words: Sequence[tuple[str, int, int]], between: int,
                  heading: bool, votes: Sequence[str] = (), counts: tuple[int, int] = (0, 0),
                  conjoined: bool = True) -> list[str]:
    """Features of the ordered pair (``a`` before ``b`` in ``text``).

    Each mention's first word (``afirst``, ``bfirst``) tells a goal that states a result (产业比重达到…, 两个提升)
    from one that is an action of its own, parallel to the program before it (打造45个林下经济重点县 after
    启动实施一批…攻关项目, guide rules 9 and 13), and a program named by its verb (实施…行动) from a name.  With the
    same tagger fold models (session 71) and only the classifier refitted, 4-fold relation F1: seeds 0.711 -> 0.711,
    gold-b 0.563 -> 0.564, ``loaders/training`` 0.410 -> 0.411, pooled 0.427 -> 0.428; held-out 福建+贵州 with the
    shipped models 0.444 -> 0.444 (SERVES 85 -> 86 right of 198 -> 202).  Also in :data:`CONJOINED` the first word
    gave seeds 0.719 but training 0.408 and pooled 0.425 (measured before session 71's rules), so it stays alone.

    Args:
        text: the sentence (or heading + sentence) both mentions index.
        a, b: the mentions, ``a.end <= b.start``.
        words: jieba tokens of ``text`` (offsets into ``text``).
        between: how many other mentions lie between them.
        heading: ``a`` is in a lead heading and ``b`` in the sentence under it (or the reverse).
        votes: the labels the rules of :mod:`.relations` give the pair (:func:`rule_votes`), so
            the model learns when the rules' phrasings hold.
        counts: how many Programs and Goals the text names (``nprog``, ``ngoal``, up to 4): a sentence that
            names one goal and a list of actions links them more often than one that names several of each.
            With the same tagger fold models and only the classifier refitted: pooled relation F1 0.399 ->
            0.402 (SERVES 1,273 -> 1,284 right of 2,939 -> 2,925 predicted), gold-b 0.531 -> 0.532, the seeds'
            40 relations 0.550 -> 0.536 (3 more SERVES predicted, none right).
        conjoined: with the pairs of :data:`CONJOINED` features at the end (:func:`_conjunctions`); without them
            for :meth:`PairClassifier.read`, which looks those pairs up without spelling them out.
    """
    gap = text[a.end:b.start]
    serves, leads, parts = _triggers()
    f = ["b", f"la={a.label}", f"lb={b.label}", f"dist={_bucket(len(gap))}", f"nbetween={min(between, 3)}",
         f"heading={int(heading)}", f"punct={''.join(sorted(set(_PUNCT.findall(gap))))[:6]}"]
    inner = [w for w, s, e in words if s >= a.end and e <= b.start]
    f += ["bw=" + w for w in inner[:12]]
    f += ["bw_last=" + w for w in inner[-2:]]
    f += ["trig_s=" + t for t in serves if t in gap][:4]
    f += ["trig_l=" + t for t in leads if t in gap][:2]
    f += ["trig_p=" + t for t in parts if t in gap][:2]
    before = [w for w, _s, e in words if e <= a.start][-2:]
    after = [w for w, s, _e in words if s >= b.end][:2]
    f += ["wa-" + str(i) + "=" + w for i, w in enumerate(reversed(before))]
    f += ["wb+" + str(i) + "=" + w for i, w in enumerate(after)]
    for tag, c in (("a", a), ("b", b)):
        f.append(f"{tag}num={int(bool(re.search(r'[0-9０-９]', c.name)))}")
        f.append(f"{tag}tail={c.name[-2:]}")
        f.append(f"{tag}first=" + next((w for w, s, _e in words if s >= c.start), ""))
    f.append("sent_end=" + text[b.end:b.end + 1])
    f += _clause_features(text, a, b, words)
    f += ["rule=" + v for v in votes] or ["rule=none"]
    f.append(f"nprog={min(counts[0], 4)}")
    f.append(f"ngoal={min(counts[1], 4)}")
    return f + _conjunctions(f) if conjoined else f


#: Features whose pairs the classifier also sees (one value each per pair of mentions).
CONJOINED = ("dist", "nclause", "b_last", "a_first", "nprog", "ngoal", "la", "lb", "heading", "nbetween", "rule",
             "punct", "sent_end", "anum", "bnum", "a_lead", "b_lead")


def _conjunctions(f: Sequence[str]) -> list[str]:
    """Every pair of the :data:`CONJOINED` features of a pair of mentions (``dist=1-3&nclause=0`` …).

    A linear model weighs each feature alone, but whether a Program serves a Goal depends on them
    together: a short gap within one clause, or a goal closing the sentence two clauses on after
    an action verb (guide rule 13).  Grouped 4-fold cross-validation over the gold mentions of the
    36 annotated documents: relation F1 of the pairs 0.505 -> 0.580 (SERVES 0.562 -> 0.642,
    PART_OF 0.482 -> 0.601); with the mentions the tagger finds (4-fold over 35 documents, the same
    tagger models) relation F1 0.400 -> 0.407, SERVES 0.289 -> 0.306 (most errors left are mentions
    missed or cut otherwise).  A gradient-boosted classifier (LightGBM) on the same features did no
    better on the pairs (0.575).
    """
    vals = _conjoined_values(f)
    return [vals[i] + "&" + vals[j] for i in range(len(vals)) for j in range(i + 1, len(vals))]


def _conjoined_values(f: Sequence[str]) -> list[str]:
    """The first feature of each :data:`CONJOINED` key in ``f`` (``dist=1-3``), in the order of :data:`CONJOINED`."""
    first: dict[str, str] = {}
    for x in f:
        key, sep, _ = x.partition("=")
        if sep and key not in first:
            first[key] = x
    return [first[k] for k in CONJOINED if k in first]


def _clause_features(text: str, a: Candidate, b: Candidate, words: Sequence[tuple[str, int, int]]) -> list[str]:
    """Where the two mentions stand among the sentence's clauses (cut at ，；).

    Guide rule 13: a program of an action clause serves the goal of a later clause,
    rarely one of its own clause or an earlier one (measured with the gold mentions of
    the 31 annotated documents: 44 % of Program-then-Goal pairs in different clauses are
    SERVES, 10 % within one clause, 8 % Goal-then-Program).  The features: how many
    clause breaks separate the pair, whether ``b``'s clause closes the sentence, whether ``a``'s clause
    opens it (a sentence that opens with the goal its actions serve: 推动城市副中心高质量发展，…推进六环高线
    公园等重点工程建设), and the first word of each mention's clause (实施, 确保, 力争 …; ``<self>`` when the
    mention opens it).  The opening clause, measured with the same 4-fold tagger models and only the
    classifier refitted: relation F1 seeds 0.536 -> 0.550, gold-b 0.529 -> 0.531, pooled 0.399 -> 0.399
    (SERVES 1,265 -> 1,273 right of 2,920 -> 2,939); a like feature for the rest of each mention's clause
    changed nothing.
    """
    f = [f"nclause={min(len(_CLAUSE.findall(text[a.end:b.start])), 4)}",
         f"b_last={int(not _CLAUSE.search(text[b.end:]))}",
         f"a_first={int(not _CLAUSE.search(text[:a.start]))}"]
    for tag, c in (("a", a), ("b", b)):
        start = max(text.rfind(ch, 0, c.start) for ch in "，；,;") + 1
        first = next((w for w, ws, _e in words if start <= ws < c.start and w.strip("“”\" ")), None)
        f.append(f"{tag}_lead={first or '<self>'}")
    return f


def label_counts(cands: Sequence[Candidate]) -> tuple[int, int]:
    """``(Programs, Goals)`` among the mentions a pair is read with (the ``counts`` of :func:`pair_features`)."""
    return sum(c.label == "Program" for c in cands), sum(c.label == "Goal" for c in cands)


def rule_votes(triples: Sequence[tuple[str, Candidate, Candidate]]) -> dict[tuple[int, int], list[str]]:
    """What the rules of :mod:`.relations` say about each ordered pair of mentions.

    Args:
        triples: ``(type, source, target)`` from :func:`policykg.loaders.relations.sentence_relations`
            over the text the pairs are read in.

    Returns:
        ``(id(first), id(second)) -> labels`` in the classifier's label space (``LEADS``,
        ``SERVES``, ``PART_OF>`` when the first is part of the second, ``PART_OF<``), the
        pair ordered by position in the text.
    """
    out: dict[tuple[int, int], list[str]] = {}
    for rel, src, dst in triples:
        first, second = (src, dst) if src.start <= dst.start else (dst, src)
        label = rel if rel != "PART_OF" else ("PART_OF>" if first is src else "PART_OF<")
        out.setdefault((id(first), id(second)), []).append(label)
    return out


def sentence_pairs(text: str, cands: Sequence[Candidate], split: int | None = None
                   ) -> list[tuple[Candidate, Candidate, int, bool]]:
    """Ordered pairs of mentions of a pair kind within :data:`MAX_GAP` characters.

    Args:
        text: the sentence (or a heading, then the sentence under it).
        cands: mentions with offsets into ``text``.
        split: where the heading ends when ``text`` is heading + sentence; only
            pairs with one mention on each side are returned then.

    Returns:
        ``(a, b, mentions between, across heading)`` with ``a`` before ``b``.
    """
    ordered = sorted(cands, key=lambda c: c.start)
    out = []
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.start < a.end:
                continue
            if b.start - a.end > MAX_GAP_SERVES and split is None:
                break
            kinds = {(a.label, b.label), (b.label, a.label)}
            if not kinds & KINDS.keys():
                continue
            if b.start - a.end > MAX_GAP and split is None and (a.label, b.label) != ("Program", "Goal"):
                continue
            across = split is not None and a.end <= split <= b.start
            if split is not None and not across:
                continue
            out.append((a, b, j - i - 1, across))
    return out


#: A lead heading (guide rule 13): a sentence this short (characters) followed by another.
HEADING_MAX = 20


def heads(lead, view, text: str = "") -> bool:
    """True when sentence ``lead`` is a short heading right before ``view`` (guide: relations are stated in
    one sentence, or "a heading and the sentence right under it"): at most :data:`HEADING_MAX`
    characters, in the same section, right before ``view``: with nothing but white space between them in
    ``text`` (the document's text: a line break, an indent of 　　 or blank lines change nothing), or, without
    it, at most two characters before ``view``.

    Args:
        lead, view: :class:`policykg.loaders.pipeline.SentenceView` objects, ``lead`` the earlier.
        text: the document's text the views index.
    """
    return (len(lead.matching) <= HEADING_MAX and right_after(lead.sentence.end, view.sentence.start, text)
            and lead.section.id == view.section.id)


def sentence_units(view, cands: list[Candidate], prev) -> list[tuple[str, list[Candidate], list, int | None]]:
    """The texts the classifier is fitted on: the sentence itself, and a short heading before it joined to it.

    Extraction reads the sentence alone (:func:`policykg.loaders.pipeline._classified` says why).

    Args:
        view: the sentence (:class:`policykg.loaders.pipeline.SentenceView`).
        cands: its mentions (sentence offsets).
        prev: ``(view, mentions)`` of the sentence before, or ``None``.

    Returns:
        ``(text, mentions, words, split)`` tuples; ``split`` is the heading's length when the
        unit is heading + sentence, else ``None``.
    """
    units = [(view.matching, cands, view.words, None)]
    if prev is not None:
        pv, pc = prev
        if pc and heads(pv, view):
            n = len(pv.matching)
            shifted = [Candidate(c.label, c.start + n, c.end + n, c.name, c.aliases, c.rule, c.parts) for c in cands]
            words = [*pv.words, *[(w, s + n, e + n) for w, s, e in view.words]]
            units.append((pv.matching + view.matching, [*pc, *shifted], words, n))
    return units


def relation_of(label: str, a: Candidate, b: Candidate) -> tuple[str, Candidate, Candidate] | None:
    """Turn a predicted label on the ordered pair back into ``(type, source, target)``, or ``None``."""
    if label == "NONE":
        return None
    if label == "PART_OF>":
        return ("PART_OF", a, b) if a.label == b.label == "Program" else None
    if label == "PART_OF<":
        return ("PART_OF", b, a) if a.label == b.label == "Program" else None
    for src, dst in ((a, b), (b, a)):
        if KINDS.get((src.label, dst.label)) == label:
            return label, src, dst
    return None


class PairClassifier:
    """The relation classifier's weights (:class:`policykg.loaders.crf.CrfModel`), labelling many pairs at once.

    A sequence of one item has no transition, so its best label is the label of the highest state
    score, the first of equal ones, as python-crfsuite's tagger gives it (a test compares the labels
    on real pairs); the scores are crfsuite's sums (:meth:`~policykg.loaders.crf.CrfModel.scores`).
    Reading a sentence's pairs together spares a call into crfsuite per pair.

    Args:
        model: the model, copies of an adapted fit folded in (:meth:`~policykg.loaders.crf.CrfModel.folded`).
    """

    def __init__(self, model: CrfModel) -> None:
        self.model = model
        self._pairs: dict[str, dict[str, int]] | None = None

    def labels(self, features: Sequence[Sequence[str]]) -> list[str]:
        """The best label (``NONE``, ``LEADS``, ``SERVES``, ``PART_OF>``, ``PART_OF<``) of each pair's features."""
        return self._best([self.model.ids(f) for f in features])

    def read(self, features: Sequence[Sequence[str]]) -> list[str]:
        """:meth:`labels` of pairs given by their features without the conjunctions (``pair_features(…,
        conjoined=False)``): the same labels, the pairs of :data:`CONJOINED` features looked up by their two
        halves, so only the few the model knows are found, and none of the hundred or so of a pair is spelled out."""
        known = self._conjunction_rows()
        rows = []
        for f in features:
            ids = self.model.ids(f)
            vals = _conjoined_values(f)
            for i, x in enumerate(vals):
                after = known.get(x)
                if after is not None:
                    ids += [r for r in map(after.get, vals[i + 1:]) if r is not None]
            rows.append(ids)
        return self._best(rows)

    def _conjunction_rows(self) -> dict[str, dict[str, int]]:
        """``x -> y -> row`` for every attribute of the model written ``x&y`` (split at each ``&`` it holds, so
        ``x + "&" + y`` is an attribute exactly when ``y`` is under ``x``); built once, one entry per such split."""
        if self._pairs is None:
            self._pairs = {}
            for attr, row in self.model.attributes.items():
                at = attr.find("&")
                while at >= 0:
                    self._pairs.setdefault(attr[:at], {})[attr[at + 1:]] = row
                    at = attr.find("&", at + 1)
        return self._pairs

    def _best(self, ids: list[list[int]]) -> list[str]:
        """The label of the highest score of each pair, from the rows of its attributes."""
        if not ids:
            return []
        rows = np.full((len(ids), max(1, *map(len, ids))), self.model.none, dtype=np.int64)
        for k, r in enumerate(ids):
            rows[k, :len(r)] = r
        return [self.model.labels[i] for i in self.model.scores(rows).argmax(axis=1).tolist()]


@lru_cache(maxsize=8)
def classifier(path: str | None = None, genre: tuple[str, ...] = ()) -> PairClassifier | None:
    """The relation classifier on ``path`` (default: the shipped ``tagger.pairs.crfsuite``), or ``None`` if absent
    (cached); its adapted copies folded in, then the copies of each prefix of ``genre`` (as the tagger's:
    :func:`policykg.loaders.genre.genre_copies`).

    Raises:
        ValueError: the file is not a crfsuite model (:func:`policykg.loaders.crf.read_model`).
    """
    path = path or str(model_path("tagger.pairs.crfsuite"))
    if not Path(path).exists():
        return None
    return PairClassifier(read_model(path).folded(ADAPTED, *genre))
