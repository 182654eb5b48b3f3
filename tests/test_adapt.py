"""Adapting the models to a set's annotation (``make model ADAPT=…``): feature copies fitted, then folded in.

A small model is fitted on two annotated documents of ``loaders/training``, one of them adapted to; what
the tagger then reads must be what python-crfsuite reads when every token also carries its copies.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from policykg.loaders.crf import read_model
from policykg.loaders.pairs import classifier
from policykg.loaders.pipeline import document_sentences, pairs_path
from policykg.loaders.tagger import ADAPTED, model_path, sentence_features, tagger
from policykg.loaders.tagging import DocumentTagging
from policykg.loaders.train import AnnotatedDocument, annotated_documents, fit, fit_pairs, pair_examples

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "loaders" / "training"
PLAIN, ADAPTED_STEM = "zhongban_binzang_gaige_yijian_2013", "zhongban_zhengjiguan_xuexi_jiaoyu_tongzhi_2026"


@pytest.fixture(scope="module")
def fitted(tmp_path_factory) -> tuple[Path, list, AnnotatedDocument]:
    """Both models fitted on two documents, the second adapted to; that document's sentences, and it."""
    docs = {d.stem: d for d in annotated_documents([(TRAINING / "texts", TRAINING / "gold")])}
    plain, adapted = docs[PLAIN], docs[ADAPTED_STEM]
    adapted.adapt = True
    path = fit([plain, adapted], tmp_path_factory.mktemp("adapt") / "adapted.crfsuite", max_iterations=40)
    fit_pairs([plain, adapted], Path(pairs_path(str(path))), max_iterations=40)
    return path, list(document_sentences(adapted.text, adapted.stem)), adapted


def test_the_copies_are_fitted_and_folded_into_the_features_they_copy(fitted):
    path, _, _ = fitted
    raw = read_model(str(path))
    copies = [a for a in raw.attributes if a.startswith(ADAPTED)]
    assert copies, "the adapted document's features have no fitted copies"
    folded = raw.folded(ADAPTED)
    assert not any(a.startswith(ADAPTED) for a in folded.attributes)
    both = [a for a in copies if a[len(ADAPTED):] in raw.attributes]
    assert both
    for a in both[:50]:
        base = a[len(ADAPTED):]
        assert np.array_equal(folded.state[folded.attributes[base]],
                              raw.state[raw.attributes[base]] + raw.state[raw.attributes[a]])
    only = [a for a in copies if a[len(ADAPTED):] not in raw.attributes]
    for a in only[:50]:
        assert np.array_equal(folded.state[folded.attributes[a[len(ADAPTED):]]], raw.state[raw.attributes[a]])


def test_the_adapted_model_tags_as_crfsuite_does_with_the_copies(fitted):
    path, views, _ = fitted
    sentences = [(v.words, v.rule_tags, v.review) for v in views if v.words]
    ours = DocumentTagging(str(path), sentences).tags
    crf = tagger(str(path))
    named = 0
    for (words, rule_tags, review), tags in zip(sentences, ours, strict=True):
        features = sentence_features(words, rule_tags, review)
        expected = crf.tag([[*f, *(ADAPTED + a for a in f)] for f in features])
        assert tags == expected, "".join(w for w, _, _ in words)
        named += sum(t != "O" for t in tags)
    assert named, "the model tags no name in the document it was fitted on"


def test_the_adapted_relation_classifier_labels_as_crfsuite_does_with_the_copies(fitted):
    path, _, adapted = fitted
    pairs = pairs_path(str(path))
    examples = [features for features, _ in pair_examples(adapted)]
    assert examples and all(any(f.startswith(ADAPTED) for f in x) for x in examples)
    plain = [[f for f in x if not f.startswith(ADAPTED)] for x in examples]
    crf = tagger(pairs)
    assert classifier(pairs).labels(plain) == [crf.tag([x])[0] for x in examples]


def test_a_model_adapted_to_nothing_is_read_as_fitted():
    shipped = read_model(str(model_path()))
    assert shipped.folded(ADAPTED) is shipped
    pairs = read_model(str(model_path("tagger.pairs.crfsuite")))
    assert pairs.folded(ADAPTED) is pairs


def test_training_without_any_set_is_refused(tmp_path):
    res = subprocess.run([sys.executable, "-m", "policykg.loaders.train", "--out", str(tmp_path / "m.crfsuite")],
                         capture_output=True, text=True)
    assert res.returncode == 2 and "no annotated set given" in res.stderr
