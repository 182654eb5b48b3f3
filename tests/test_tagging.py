"""The document-at-once tagger (loaders/crf.py, loaders/tagging.py) gives python-crfsuite's tags exactly.

Every check runs on real text: the bundled samples, documents of ``loaders/training/texts`` in other
genres (over 1,000 sentences on their own: a clone without ``../shared`` beside it had failed the count, a
walkthrough, session 55) and, when ``../shared`` is there, reports of the gwr corpus.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from policykg.loaders.crf import read_model
from policykg.loaders.genre import ORGANISATION_WORK
from policykg.loaders.pairs import classifier
from policykg.loaders.pipeline import document_sentences
from policykg.loaders.read import read_document
from policykg.loaders.tagger import model_path, sentence_features, tagger
from policykg.loaders.tagging import GOAL_BIAS, OUTSIDE_BIAS, PROGRAM_BIAS, DocumentTagging, _tables, document_tags, feature_rows
from policykg.loaders.train import annotated_documents, pair_examples

ROOT = Path(__file__).resolve().parent.parent
GWR = ROOT.parent / "shared" / "corpus" / "gwr"
TEXTS = [*sorted((ROOT / "examples").glob("*.txt")),
         *(ROOT / "loaders" / "training" / "texts" / f"{stem}.txt"
           for stem in ("gwr2025-河南", "gwr2025-浙江", "central_shequ_gongzuozhe_yijian_2024",
                        "xi_jinping_bainian_fendou_jueyi_shuoming_2021")),
         *sorted(GWR.glob("gwr-20*.txt"))[:2]]


def _sentences(path: Path) -> list[tuple[list[tuple[str, int, int]], list[str], bool]]:
    doc = read_document(path)
    return [(v.words, v.rule_tags, v.review) for v in document_sentences(doc.text, doc.id.split(":", 1)[1], doc.title)]


@pytest.fixture(scope="module")
def documents() -> list[list[tuple[list[tuple[str, int, int]], list[str], bool]]]:
    return [_sentences(p) for p in TEXTS]


def test_the_model_file_is_read_as_crfsuite_reads_it():
    for name in ("tagger.crfsuite", "tagger.pairs.crfsuite"):
        path = str(model_path(name))
        model, crf = read_model(path), tagger(path)
        info = crf.info()  # weights printed with six decimals
        assert list(model.labels) == crf.labels()
        label = {name: i for i, name in enumerate(model.labels)}
        assert np.count_nonzero(model.state) == len(info.state_features)
        for (attr, lab), weight in info.state_features.items():
            assert model.state[model.attributes[attr], label[lab]] == pytest.approx(weight, abs=1e-6)
        assert np.count_nonzero(model.transition) == len(info.transitions)
        for (a, b), weight in info.transitions.items():
            assert model.transition[label[a], label[b]] == pytest.approx(weight, abs=1e-6)
        assert not model.state[model.none].any()


def test_the_rows_of_every_token_are_those_its_feature_strings_name(documents):
    tables = _tables(str(model_path()))
    model = tables.model
    tokens = 0
    for sents in documents:
        sents = [s for s in sents if s[0]]
        rows = feature_rows(tables, sents).tolist()
        want = [model.ids(item) for s in sents for item in sentence_features(*s)]
        assert [[r for r in row if r != model.none] for row in rows] == want
        tokens += len(want)
    assert tokens > 20_000


def test_tags_are_python_crfsuites_on_real_text(documents):
    path = str(model_path())
    crf = tagger(path)
    sentences = 0
    for sents in documents:
        want = [crf.tag(sentence_features(*s)) if s[0] else [] for s in sents]
        assert document_tags(path, sents) == want
        sentences += len(sents)
    assert sentences > 1_000


def test_one_sentence_at_a_time_gives_the_same_tags(documents):
    path = str(model_path())
    sents = documents[0][:40]
    assert [document_tags(path, [s])[0] for s in sents] == document_tags(path, sents)
    assert document_tags(path, []) == []
    assert document_tags(path, [([], [], False)]) == [[]]


def test_marginal_probabilities_are_python_crfsuites_bit_for_bit(documents):
    path = str(model_path())
    crf = tagger(path)
    tokens = 0
    for sents in documents[:6]:
        outside = DocumentTagging(path, sents).outside(range(len(sents)))
        for k, s in enumerate(sents):
            if not s[0]:
                assert k not in outside
                continue
            crf.set(sentence_features(*s))
            assert outside[k] == [crf.marginal("O", i) for i in range(len(s[0]))]
            tokens += len(s[0])
    assert tokens > 10_000


def test_state_scores_add_each_tokens_weights_in_slot_order(documents):
    """The sparse product adds the weights in the order crfsuite does: slot after slot, from 0.0."""
    tables = _tables(str(model_path()))
    model = tables.model
    for sents in documents[:4]:
        sents = [s for s in sents if s[0]]
        rows = feature_rows(tables, sents)
        want = np.zeros((len(rows), len(model.labels)))
        for slot in rows.T:
            want += model.state[slot]
        got = model.scores(rows)
        assert np.array_equal(got, want) and not np.signbit(got[got == 0]).any()


def test_the_outside_bias_only_ever_leaves_more_tokens_outside_names(documents):
    """A bias on ``O`` (tagging.OUTSIDE_BIAS) makes the tagger name less: per sentence, the best path under a
    larger ``O`` score never has fewer ``O`` tokens (it scored at least as well as the old best path, which
    gained less), and over real text some spans the model was unsure of go."""
    path = str(model_path())
    more = 0
    for sents in documents[:4]:
        plain = DocumentTagging(path, sents).tags
        biased = DocumentTagging(path, sents, outside_bias=OUTSIDE_BIAS).tags
        for p, b in zip(plain, biased, strict=True):
            assert b.count("O") >= p.count("O")
            more += b.count("O") - p.count("O")
    assert OUTSIDE_BIAS > 0 and more > 0


def test_the_goal_bias_only_ever_leaves_fewer_tokens_in_goals(documents):
    """A negative bias on the Goal labels (tagging.GOAL_BIAS) makes the tagger name fewer Goals: per sentence,
    the best path under the lower Goal scores never has more Goal tokens than the best path without it (that
    path lost at least as much), and over real text some Goals the model was unsure of go."""
    path = str(model_path())
    fewer = 0
    for sents in documents[:4]:
        plain = DocumentTagging(path, sents, outside_bias=OUTSIDE_BIAS).tags
        biased = DocumentTagging(path, sents, outside_bias=OUTSIDE_BIAS, goal_bias=GOAL_BIAS).tags
        for p, b in zip(plain, biased, strict=True):
            goal_p, goal_b = sum(t.endswith("-Goal") for t in p), sum(t.endswith("-Goal") for t in b)
            assert goal_b <= goal_p
            fewer += goal_p - goal_b
    assert GOAL_BIAS < 0 and fewer > 0


def test_the_program_bias_only_ever_leaves_fewer_tokens_in_programs(documents):
    """A negative bias on the Program labels (tagging.PROGRAM_BIAS) makes the tagger name fewer Programs, as the
    Goal bias does Goals: never more Program tokens in a sentence than without it, and over real text some
    Programs the model was unsure of go, while the Goal labels keep their own bias."""
    path = str(model_path())
    fewer = 0
    for sents in documents[:4]:
        plain = DocumentTagging(path, sents, outside_bias=OUTSIDE_BIAS, goal_bias=GOAL_BIAS).tags
        biased = DocumentTagging(path, sents, outside_bias=OUTSIDE_BIAS, goal_bias=GOAL_BIAS,
                                 program_bias=PROGRAM_BIAS).tags
        for p, b in zip(plain, biased, strict=True):
            prog_p, prog_b = sum(t.endswith("-Program") for t in p), sum(t.endswith("-Program") for t in b)
            assert prog_b <= prog_p
            fewer += prog_p - prog_b
    assert PROGRAM_BIAS < 0 and fewer > 0


def test_the_relation_classifier_labels_every_pair_as_python_crfsuite_does():
    """Every candidate pair of the gold mentions of three real documents (a work report, a central opinion, a
    speech), labelled a sentence's pairs at once, against python-crfsuite one pair at a time."""
    path = str(model_path("tagger.pairs.crfsuite"))
    training = ROOT / "loaders" / "training"
    docs = {d.stem: d for d in annotated_documents([(training / "texts", training / "gold")])}
    examples = [x for stem in ("gwr2025-河南", "central_shequ_gongzuozhe_yijian_2024",
                               "xi_jinping_bainian_fendou_jueyi_shuoming_2021") for x in pair_examples(docs[stem])]
    features = [f for f, _ in examples]
    ours, crf = classifier(path).labels(features), tagger(path)
    assert ours == [crf.tag([f])[0] for f in features]
    assert len(features) > 500 and len(set(ours)) >= 3, "too few pairs, or too few kinds of label, to compare"




@pytest.mark.parametrize("genre", [(), (ORGANISATION_WORK,)])
def test_the_state_scores_of_a_few_tokens_are_those_of_the_whole_document(documents, genre):
    """A few tokens alone are scored without the sparse matrix (:data:`policykg.loaders.crf._DENSE_MAX`): the same
    sums, bit for bit, as their rows among the whole document's, every four tokens of a real document in turn; also
    with a genre's copies folded in, whose row :attr:`~policykg.loaders.crf.CrfModel.none` for an empty slot is still
    all zeros and no attribute's (folding drops attributes and keeps their rows: the none row had been ``len(attributes)``,
    there a kept attribute's row, whose weights an empty slot's reading then left out)."""
    from policykg.loaders.crf import _DENSE_MAX

    tables = _tables(str(model_path()), genre)
    model = tables.model
    assert not model.state[model.none].any() and model.none not in set(model.attributes.values())
    rows = feature_rows(tables, [s for s in documents[0] if s[0]])
    whole = model.scores(rows)
    assert rows.size * len(model.labels) > _DENSE_MAX >= rows[:4].size * len(model.labels)
    for at in range(0, len(rows), 4):
        got = model.scores(rows[at:at + 4])
        assert np.array_equal(got, whole[at:at + 4]) and not np.signbit(got[got == 0]).any()
    assert len(rows) > 1000


def test_a_genres_tables_start_from_the_shared_ones_and_give_the_rows_of_tables_of_their_own(documents):
    """The organisation-work genre's tables take the words the shared tables registered (:meth:`_Tables._extend`) and
    give every token of real text the rows that tables built from the genre's model alone give, and that its feature
    strings name."""
    from policykg.loaders.tagger import ADAPTED
    from policykg.loaders.tagging import _Tables

    path = str(model_path())
    _tables.cache_clear()
    shared = _tables(path)
    feature_rows(shared, [s for s in documents[1] if s[0]])  # the shared tables have seen a document's words
    genre = _tables(path, (ORGANISATION_WORK,))
    assert set(shared.index) <= set(genre.index)
    alone = _Tables(read_model(path).folded(ADAPTED, ORGANISATION_WORK))
    model = genre.model
    tokens = 0
    for sents in documents:
        sents = [s for s in sents if s[0]]
        ours, theirs = feature_rows(genre, sents).tolist(), feature_rows(alone, sents).tolist()
        ours = [[r for r in row if r != model.none] for row in ours]
        assert ours == [[r for r in row if r != model.none] for row in theirs]
        assert ours == [model.ids(item) for s in sents for item in sentence_features(*s)]
        tokens += len(ours)
    assert tokens > 20_000
