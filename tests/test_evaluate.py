"""``make eval``'s folds: every annotated document is held out exactly once, and never fitted on in its fold."""

from __future__ import annotations

from pathlib import Path

from policykg.evaluate import folds_of
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
