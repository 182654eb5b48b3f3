"""``make eval``'s folds: every annotated document is held out exactly once, and never fitted on in its fold."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from policykg.evaluate import folds_of, genre_table, genres, manifest, reusable
from policykg.loaders.train import annotated_documents

TRAINING = Path(__file__).resolve().parent.parent / "loaders" / "training"


def test_every_document_is_held_out_once_by_documents_grouped_folds():
    docs = annotated_documents([(TRAINING / "texts", TRAINING / "gold")])
    for k in (0, 4):
        folds = folds_of(docs, k)
        assert len(folds) == (len(docs) if k == 0 else k)
        held = sorted(i for f in folds for i in f)
        assert held == list(range(len(docs)))
    four = folds_of(docs, 4)
    assert max(map(len, four)) - min(map(len, four)) <= 1
    # dealt round in order of the stems: the same folds whatever order the files were listed in
    assert folds_of(list(reversed(docs)), 4) == [[len(docs) - 1 - i for i in f] for f in four]


def test_the_held_out_documents_are_never_fitted_on():
    """``loaders/training/heldout`` is scored with the shipped models by ``make eval``: no set ``make model`` fits on
    may hold it, and none of its documents may also be among the documents fitted on."""
    makefile = (TRAINING.parent.parent / "Makefile").read_text(encoding="utf-8")
    sets = next(line for line in makefile.splitlines() if line.startswith("TRAINING_SETS"))
    assert "heldout" not in sets and "loaders/training/texts:loaders/training/gold" in sets
    heldout = annotated_documents([(TRAINING / "heldout" / "texts", TRAINING / "heldout" / "gold")])
    fitted = {d.stem for d in annotated_documents([(TRAINING / "texts", TRAINING / "gold")])}
    assert heldout and not {d.stem for d in heldout} & fitted


def test_kept_fold_models_are_reused_only_for_the_same_folds_and_the_same_gold(tmp_path):
    """``make eval``'s ``--models DIR``: fold models fitted for other folds, on another version of a gold file or
    a text, or with a model file missing are fitted again, never read."""
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    for src in sorted((TRAINING / "gold").glob("*.jsonl"))[:6]:
        shutil.copy(src, gold / src.name)
        shutil.copy(TRAINING / "texts" / (src.stem + ".txt"), texts / (src.stem + ".txt"))
    docs = annotated_documents([(texts, gold)])
    folds = folds_of(docs, 3)
    models = tmp_path / "models"
    models.mkdir()
    assert not reusable(models, docs, folds)  # nothing kept yet
    for n in range(3):
        (models / f"fold-{n}.crfsuite").write_bytes(b"")
        (models / f"fold-{n}.pairs.crfsuite").write_bytes(b"")
    (models / "folds.json").write_text(json.dumps({**manifest(docs, folds), "commit": "abc"}), encoding="utf-8")
    assert reusable(models, docs, folds)
    assert not reusable(models, docs, folds_of(docs, 2))
    assert not reusable(models, docs, folds_of(docs, 0))
    changed = docs[0].gold_path
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not reusable(models, docs, folds)
    changed.write_text(changed.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    assert reusable(models, docs, folds)
    text = docs[1].text_path
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not reusable(models, docs, folds)
    text.write_text(text.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    assert reusable(models, docs, folds)
    (models / "fold-2.pairs.crfsuite").unlink()
    assert not reusable(models, docs, folds)


def test_every_annotated_document_has_one_genre_family():
    families = genres(TRAINING / "genres.toml")
    listed = [s for stems in families.values() for s in stems]
    assert sorted(listed) == sorted(p.stem for p in (TRAINING / "gold").glob("*.jsonl"))
    assert len(listed) == len(set(listed))


def test_a_document_listed_in_two_families_is_refused_naming_it(tmp_path):
    bad = tmp_path / "genres.toml"
    bad.write_text('"work reports" = ["gwr2025-浙江"]\n"speeches" = ["gwr2025-浙江"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="gwr2025-浙江"):
        genres(bad)


SCORER = TRAINING.parent.parent.parent / "shared" / "tools" / "score_extraction.py"


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer (../shared/tools/score_extraction.py) is not here")
def test_the_genre_table_scores_each_family_on_its_own_documents(tmp_path):
    # two real gold files predicted perfectly (their own copies), a third family predicted empty
    pred = tmp_path / "pred"
    pred.mkdir()
    for stem in ("gwr2025-浙江", "gwr2025-河南"):
        shutil.copy(TRAINING / "gold" / f"{stem}.jsonl", pred / f"{stem}.jsonl")
    families = {"work reports": ["gwr2025-浙江", "gwr2025-河南"], "speeches": ["xi_jinping_ershida_baogao_lvse_jie10_2022"],
                "none annotated": ["no-such-document"]}
    work = tmp_path / "work"
    work.mkdir()
    rows = genre_table(SCORER, TRAINING / "gold", pred, families, work).splitlines()
    assert len(rows) == 3  # the header, then the two families with gold files
    assert rows[1].split()[:3] == ["work", "reports", "2"] and rows[1].count("1.000") == 6
    assert rows[2].split()[:2] == ["speeches", "1"] and rows[2].count("0.000") == 6
