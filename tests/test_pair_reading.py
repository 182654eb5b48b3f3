"""The relation classifier reads a pair's conjoined features without spelling them out (PairClassifier.read), with the
labels of the spelled-out features (PairClassifier.labels) and of python-crfsuite, on the pairs of real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.genre import ORGANISATION_WORK
from policykg.loaders.pairs import classifier, label_counts, pair_features, sentence_pairs
from policykg.loaders.pipeline import document_sentences
from policykg.loaders.read import read_document
from policykg.loaders.tagger import model_path, tagger

ROOT = Path(__file__).resolve().parent.parent


def _pairs_of_examples() -> list[tuple[list[list[str]], list[list[str]]]]:
    """The features of the pairs of the rules' mentions of each sentence of the bundled examples and of a work
    report, a central opinion and a speech (annotated texts of ``loaders/training``): spelled out in full, and without
    the conjunctions, a list of each per sentence with a pair."""
    out = []
    training = ROOT / "loaders" / "training" / "texts"
    for path in [*sorted((ROOT / "examples").glob("*.txt")), *(training / f"{stem}.txt" for stem in (
            "gwr2025-河南", "central_shequ_gongzuozhe_yijian_2024", "xi_jinping_bainian_fendou_jueyi_shuoming_2021"))]:
        doc = read_document(path)
        for view in document_sentences(doc.text, doc.id.split(":", 1)[1], doc.title):
            counts = label_counts(view.rules)
            full, base = [], []
            for a, b, between, across in sentence_pairs(view.matching, view.rules):
                args = (view.matching, a, b, view.words, between, across, (), counts)
                full.append(pair_features(*args))
                base.append(pair_features(*args, conjoined=False))
            if full:
                out.append((full, base))
    return out


@pytest.mark.parametrize("genre", [(), (ORGANISATION_WORK,)])
def test_reading_pairs_without_their_conjunctions_gives_the_labels_of_the_spelled_out_features(genre):
    """A sentence's pairs at a time, as extraction reads them (few enough to be scored without a sparse matrix),
    against all pairs' spelled-out features at once; with a genre's copies folded in too (the classifier of its
    documents), and without them against python-crfsuite."""
    sentences = _pairs_of_examples()
    full = [f for fs, _ in sentences for f in fs]
    assert len(full) > 300, "too few pairs to compare"
    path = str(model_path("tagger.pairs.crfsuite"))
    model = classifier(path, genre)
    ours = [label for _, base in sentences for label in model.read(base)]
    assert ours == model.labels(full)
    if not genre:
        crf = tagger(path)
        assert ours == [crf.tag([f])[0] for f in full]
    assert sum(label != "NONE" for label in ours) >= 20, "too few relations to compare"
    # the base features are the full ones without the conjunctions, which hold the pairs the model weighs
    assert all(f[:len(b)] == b and all("&" in x for x in f[len(b):])
               for fs, bs in sentences for f, b in zip(fs, bs, strict=True))
    assert model.read([]) == []
