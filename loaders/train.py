"""Build the mention tagger from annotated documents, and score it honestly.

An annotated document is a text file and a guide-format JSON Lines file of
the same stem (``docs/annotation-guide.md``).  The gold files list each
entity once with its surface forms but no offsets, so the training labels
come from projecting every form back onto the text: each occurrence that
starts and ends on a jieba token boundary (or is at least four characters
long) is a mention, longer forms first, overlapping ones dropped.

``python -m policykg.loaders.train --out FILE SETS...`` (``make model``) fits
the shipped model on every document of the sets; a set is ``TEXTS_DIR:GOLD_DIR``.
``--adapt SET`` (``make model ADAPT=SET``) fits on a set too and adapts both models to
its annotation (:func:`fit`).
:mod:`policykg.evaluate` (``make eval``) scores it only leave-one-document-out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policykg.graph.names import canonical

from .genre import genre_copies
from .lexicon import tokenize
from .pairs import label_counts, pair_features, rule_votes, sentence_pairs, sentence_units
from .pipeline import pairs_path
from .relations import sentence_relations
from .rules.common import Candidate
from .tagger import ADAPTED, sentence_features, with_copies

__all__ = ["AnnotatedDocument", "annotated_documents", "fit", "fit_pairs", "pair_examples", "parse_sets", "project_gold",
           "token_labels"]

_QUOTES = "“”‘’\"'《》〈〉「」『』"


@dataclass
class AnnotatedDocument:
    """A text with its gold records; ``adapt``: the models are adapted to its annotation (:func:`fit`)."""

    stem: str
    text: str
    gold: list[dict]
    text_path: Path
    gold_path: Path
    adapt: bool = False


def annotated_documents(pairs: Iterable[tuple[Path, Path]], adapt: bool = False) -> list[AnnotatedDocument]:
    """Read every ``<stem>.jsonl`` of each gold folder with ``<stem>.txt`` of its texts folder (``adapt``: mark
    them as documents the models are adapted to).

    Raises:
        FileNotFoundError: a gold file has no text of the same stem (named in the message).
        ValueError: a gold line is not JSON (file and line named).
    """
    docs = []
    for texts, gold in pairs:
        for gp in sorted(Path(gold).glob("*.jsonl")):
            tp = Path(texts) / (gp.stem + ".txt")
            if not tp.exists():
                raise FileNotFoundError(f"{gp}: no text {tp}")
            recs = []
            for n, line in enumerate(gp.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    try:
                        recs.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{gp}:{n}: not JSON ({exc.msg})") from None
            text = tp.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            docs.append(AnnotatedDocument(gp.stem, text, recs, tp, gp, adapt))
    return docs


def _stripped(text: str) -> tuple[str, list[int]]:
    """``text`` without quotation/title marks and spaces, and each kept character's offset."""
    keep = [(i, ch) for i, ch in enumerate(text) if ch not in _QUOTES and not ch.isspace()]
    return "".join(ch for _, ch in keep), [i for i, _ in keep]


def project_gold(text: str, gold: list[dict], starts: set[int], ends: set[int]) -> list[tuple[int, int, str]]:
    """Character spans ``(start, end, label)`` of the gold entities' forms in ``text``.

    Forms are the name and aliases after guide rule 2 (quotation marks
    ignored on both sides); an opening mark right before a span whose closing
    mark falls inside it is included, and the reverse.  Occurrences must start
    in ``starts`` and end in ``ends`` (token boundaries) unless the form has
    four or more characters.  Longest forms win; spans never overlap.
    """
    flat, offs = _stripped(text)
    found: list[tuple[int, int, str]] = []
    for rec in gold:
        if rec.get("kind") != "entity":
            continue
        forms = {canonical(f) for f in [rec["name"], *rec.get("aliases", [])]}
        for form in forms:
            if len(form) < 2:
                continue
            for m in re.finditer(re.escape(form), flat):
                s, e = offs[m.start()], offs[m.end() - 1] + 1
                if len(form) < 4 and not (s in starts and e in ends):
                    continue
                inner = text[s:e]
                if s > 0 and text[s - 1] in _QUOTES and sum(c in _QUOTES for c in inner) % 2 == 1:
                    s -= 1
                elif e < len(text) and text[e] in _QUOTES and sum(c in _QUOTES for c in inner) % 2 == 1:
                    e += 1
                found.append((s, e, rec["type"]))
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    taken = bytearray(len(text) + 1)
    out = []
    for s, e, lab in found:
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append((s, e, lab))
    return sorted(out)


def token_labels(words: list[tuple[str, int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    """BIOES tag of each token: a token belongs to a span when it starts inside it.

    ``B-`` opens a span of several tokens, ``I-`` continues it, ``E-`` closes it and ``S-`` is a span
    of one token.  Giving the last token its own tag lets the model learn how names end (the type
    word of a Program, the organ word of a Body) apart from how they go on.  4-fold cross-validation
    over 35 annotated documents (grouped by document, the same settings): entity F1 BIO 0.720 ->
    BIOES 0.725, relation F1 0.407 -> 0.412; on the five of gold-b 0.741 -> 0.747 and 0.477 -> 0.496.
    """
    tags = ["O"] * len(words)
    j = 0
    for i, (_w, s, _e) in enumerate(words):
        while j < len(spans) and spans[j][1] <= s:
            j += 1
        if j < len(spans) and spans[j][0] <= s < spans[j][1]:
            first = i == 0 or words[i - 1][1] < spans[j][0]
            last = i + 1 == len(words) or words[i + 1][1] >= spans[j][1]
            tags[i] = ("S-" if last else "B-") if first else ("E-" if last else "I-")
            tags[i] += spans[j][2]
    return tags


def feature_copies(doc: AnnotatedDocument) -> tuple[str, ...]:
    """The prefixes of the copies every feature of ``doc`` carries in fitting: :data:`~.tagger.ADAPTED` when the
    models are adapted to it, and its genre's (:func:`.genre.genre_copies`)."""
    return ((ADAPTED,) if doc.adapt else ()) + genre_copies(doc.text)


def document_sequences(doc: AnnotatedDocument) -> list[tuple[list[list[str]], list[str]]]:
    """(features, labels) of every sentence of an annotated document; each token's features are followed by the
    copies :func:`feature_copies` names (:func:`~policykg.loaders.tagger.with_copies`)."""
    from .pipeline import document_sentences

    tokens = tokenize(doc.text)
    starts = {s for _, s, _ in tokens}
    ends = {e for _, _, e in tokens}
    spans = project_gold(doc.text, doc.gold, starts, ends)
    copies = feature_copies(doc)
    out = []
    for sent in document_sentences(doc.text, doc.stem):
        words = sent.doc_words
        labels = token_labels(words, spans)
        feats = sentence_features(sent.words, sent.rule_tags, sent.review)
        if copies:
            feats = [with_copies(f, copies) for f in feats]
        out.append((feats, labels))
    return out


def _gold_mentions(doc: AnnotatedDocument, spans: list[tuple[int, int, str]]) -> dict[tuple[int, int], Candidate]:
    """The projected gold spans as candidates named by their gold entity's canonical name."""
    names: dict[tuple[str, str], str] = {}
    for rec in doc.gold:
        if rec.get("kind") == "entity":
            for f in [rec["name"], *rec.get("aliases", [])]:
                names.setdefault((rec["type"], canonical(f)), canonical(rec["name"]))
    out = {}
    for s, e, lab in spans:
        name = names.get((lab, canonical(doc.text[s:e])))
        if name:
            out[(s, e)] = Candidate(lab, s, e, name, rule="gold")
    return out


def pair_examples(doc: AnnotatedDocument) -> list[tuple[list[str], str]]:
    """(features, label) of every candidate pair of the document's gold mentions (see :mod:`.pairs`); the features are
    followed by the copies :func:`feature_copies` names (as in :func:`document_sequences`)."""
    from .pipeline import document_sentences

    tokens = tokenize(doc.text)
    spans = project_gold(doc.text, doc.gold, {s for _, s, _ in tokens}, {e for _, _, e in tokens})
    mentions = _gold_mentions(doc, spans)
    copies = feature_copies(doc)
    rels = {(r["type"], canonical(r["source"]), canonical(r["target"])) for r in doc.gold
            if r.get("kind") == "relation" and r["type"] in ("LEADS", "SERVES", "PART_OF")}
    out = []
    prev = None
    for view in document_sentences(doc.text, doc.stem):
        s0 = view.sentence.start
        cands = [Candidate(c.label, c.start - s0, c.end - s0, c.name, rule="gold") for (a, b), c in mentions.items()
                 if s0 <= a and b <= view.sentence.end]
        for text, cs, words, split in sentence_units(view, cands, prev):
            votes, counts = rule_votes(sentence_relations(text, cs)), label_counts(cs)
            for a, b, between, across in sentence_pairs(text, cs, split):
                label = "NONE"
                for rel in ("LEADS", "SERVES"):
                    if (rel, a.name, b.name) in rels or (rel, b.name, a.name) in rels:
                        label = rel
                if ("PART_OF", a.name, b.name) in rels:
                    label = "PART_OF>"
                elif ("PART_OF", b.name, a.name) in rels:
                    label = "PART_OF<"
                features = pair_features(text, a, b, words, between, across, votes.get((id(a), id(b)), ()), counts)
                out.append((with_copies(features, copies) if copies else features, label))
        prev = (view, cands)
    return out


def fit_pairs(docs: list[AnnotatedDocument], out: Path, c1: float = 0.1, c2: float = 1.0,
              max_iterations: int = 200) -> Path:
    """Fit the relation classifier (:mod:`.pairs`) on ``docs`` and write it to ``out``; returns ``out``.  The pairs
    of documents marked ``adapt``, and of the genres read apart, carry feature copies, as in :func:`fit`
    (:func:`feature_copies`).

    The L2 weight ``c2`` was compared by 4-fold cross-validation over 35 documents (grouped by document,
    the same tagger models): 0.1 relation F1 0.391, 1.0 0.395, 3.0 0.395.  The stronger prior makes
    fewer, more precise SERVES (P 0.312 -> 0.332).  With the conjoined features of
    :func:`policykg.loaders.pairs.pair_features` the L1 weight ``c1`` 0.1 keeps the model near its
    former size (1.5 MB fitted on the 36 documents, 5.0 MB with ``c1`` 0) at the same relation F1 of
    the pairs on gold mentions (4-fold: 0.580 with ``c1`` 0, 0.586 with 0.05, 0.588 with 0.1).
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for d in docs:
        for xs, y in pair_examples(d):
            trainer.append([xs], [y])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def fit(docs: list[AnnotatedDocument], out: Path, c1: float = 0.15, c2: float = 0.3, max_iterations: int = 150) -> Path:
    """Fit the CRF on ``docs`` and write it to ``out`` (L-BFGS with elastic-net; deterministic).

    ``c1``/``c2`` (L1/L2 weights) were compared leave-one-document-out on six documents of six
    genres: (0.15, 0.05) scored entity F1 0.707, relation F1 0.372; (0.05, 0.01) 0.707 / 0.339;
    (0.3, 0.01) 0.705 / 0.353.  Again by 4-fold cross-validation over 31 documents (grouped by
    document): (0.15, 0.05) 0.700 / 0.381; (0.05, 0.05) 0.702 / 0.388; (0.15, 0.3) 0.701 / 0.395,
    the stronger L2 weight giving more precise mentions and so more relations with both ends right.

    **Adaptation** (feature augmentation, Daumé III 2007, "Frustratingly easy domain adaptation"): the
    tokens of documents marked ``adapt`` carry every feature twice, as itself and as a copy prefixed
    :data:`~policykg.loaders.tagger.ADAPTED`.  The plain weights are fitted on all documents; the copies
    only on the adapted ones, so they learn where their annotators depart from the rest (which names
    they leave out, how long they cut them), and the tagger reads every document with the copies
    folded in (:meth:`policykg.loaders.crf.CrfModel.folded`); :func:`fit_pairs` adapts the relation
    classifier alike.  For a research group whose own annotation differs from the shipped gold: with
    each of the five seeds scored by both models adapted to the other four (5 folds, 115 documents),
    seeds entity / relation F1 0.795 / 0.538 -> 0.866 / 0.659;
    a model so adapted reads other kinds of document worse (gold-b 0.802 -> 0.609), so the shipped
    model is adapted to nothing (``loaders/training/HISTORY.md``, session 38).

    **Genre copies** (:mod:`policykg.loaders.genre`): the same augmentation by the genre read from the text
    rather than by who annotated it.  Every document of the organisation-work genre (the five seeds and the
    party's regulation of organisation work, by how often they name 组织工作) carries copies prefixed
    :data:`~policykg.loaders.genre.ORGANISATION_WORK`, and a document of the genre is read with them folded in,
    any other without.  4-fold over the 115 documents (session 48, fold models fitted afresh): seeds 0.797 /
    0.522 -> 0.866 / 0.705, gold-b 0.802 / 0.549 -> 0.805 / 0.561, the project's 105 0.748 / 0.400 -> 0.750 /
    0.403; held-out 福建+贵州 (shipped models) 0.802 / 0.443 -> 0.805 / 0.437.

    Returns:
        ``out``.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for d in docs:
        for xs, ys in document_sequences(d):
            trainer.append(xs, ys)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 1})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def parse_sets(items: list[str]) -> list[tuple[Path, Path]]:
    """Parse ``TEXTS_DIR:GOLD_DIR`` arguments."""
    pairs = []
    for it in items:
        texts, _, gold = it.partition(":")
        if not gold:
            raise SystemExit(f"set {it!r}: expected TEXTS_DIR:GOLD_DIR")
        pairs.append((Path(texts), Path(gold)))
    return pairs


def main(argv: list[str] | None = None) -> int:
    """Command line: fit the shipped model on every annotated document of the given sets."""
    ap = argparse.ArgumentParser(prog="python -m policykg.loaders.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", help="TEXTS_DIR:GOLD_DIR pairs")
    ap.add_argument("--out", type=Path, required=True, help="write the model here")
    ap.add_argument("--adapt", action="append", default=[], metavar="TEXTS_DIR:GOLD_DIR",
                    help="also fit on this set and adapt both models to its annotation (repeatable; see fit)")
    args = ap.parse_args(argv)
    if not args.sets and not args.adapt:
        ap.error("no annotated set given")
    docs = annotated_documents(parse_sets(args.sets)) + annotated_documents(parse_sets(args.adapt), adapt=True)
    fit(docs, args.out)
    adapted = sum(d.adapt for d in docs)
    print(f"tagger fitted on {len(docs)} documents{f', adapted to {adapted}' if adapted else ''} -> {args.out} "
          f"({args.out.stat().st_size:,} bytes)")
    pairs = Path(pairs_path(str(args.out)))
    fit_pairs(docs, pairs)
    print(f"relation classifier fitted on {len(docs)} documents -> {pairs} ({pairs.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
