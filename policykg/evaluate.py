"""``make eval``: score the extractor on every annotated set with the shared scorer.

Two configurations are scored, each per set (the seeds, ``gold-b`` and the
project's own ``loaders/training``) and pooled over all of them:

* **rules**: the rule extractors alone (no fitted component; the rules were
  written from the guide and checked on the seeds);
* **rules + tagger, leave one document out**: for each document, the tagger
  is fitted on every *other* annotated document and extracts the held-out
  one.  This is the only score reported for the fitted tagger; the shipped
  model (fitted on all documents) is never scored on its own training data.

The documents of ``loaders/training/heldout`` are annotated the same way but
never fitted on (``make model`` does not read them): they are scored once
more with the **shipped** models, as a user would run them on documents the
models never saw, and stay out of the folds and the pooled table.

Predictions go through the same path as ``policykg extract`` (extraction,
then entity resolution within the document), so the scores are those a user
gets.  Usage: ``python -m policykg.evaluate --shared ../shared [--jobs 2] [--folds K]``; with ``--folds K`` the
held-out score is K-fold cross-validation grouped by document instead (every document still scored only by
models not fitted on it; about K fits instead of one per document).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.jsonl import write_guide_jsonl
from policykg.loaders.pipeline import build_document_graph, pairs_path
from policykg.loaders.read import read_document
from policykg.loaders.train import AnnotatedDocument, annotated_documents, fit, fit_pairs

__all__ = ["main", "predict"]

_ROWS = ("Body", "Program", "Goal", "Document", "LEADS", "SERVES", "PART_OF", "entities", "relations")


def predict(doc: AnnotatedDocument, out_dir: Path, model: str | None) -> Path:
    """Extract ``doc`` with ``model`` (``""``: rules alone; ``None``: the shipped models) the way ``policykg extract``
    does; return the file."""
    dg = build_document_graph(read_document(doc.text_path), model=model)
    return write_guide_jsonl(resolve_document(dg, EntityIndex()), out_dir)


def folds_of(docs: list[AnnotatedDocument], k: int) -> list[list[int]]:
    """Indices of the held-out documents of each fold: one document each (``k`` 0, leave one document out), or
    ``k`` folds grouped by document, the documents in order of their stems dealt round (stem ``i`` to fold
    ``i % k``), so that a fold's test documents are never fitted on and the folds are the same on every run."""
    if k <= 0:
        return [[i] for i in range(len(docs))]
    order = sorted(range(len(docs)), key=lambda i: docs[i].stem)
    return [[i for n, i in enumerate(order) if n % k == f] for f in range(k)]


def _fold(args: tuple[list[AnnotatedDocument], list[int], int, str]) -> str:
    docs, held, n, work = args
    train = [d for i, d in enumerate(docs) if i not in held]
    model = fit(train, Path(work) / f"fold-{n}.crfsuite")
    fit_pairs(train, Path(pairs_path(str(model))))
    for i in held:
        predict(docs[i], Path(work) / "lodo", str(model))
    return ", ".join(docs[i].stem for i in held)


def _score(scorer: Path, gold_dir: Path, pred_dir: Path) -> str:
    res = subprocess.run([sys.executable, str(scorer), str(gold_dir), str(pred_dir)], capture_output=True, text=True,
                         check=True)
    return "\n".join(line for line in res.stdout.splitlines() if line.split()[:1] and line.split()[0] in (*_ROWS, "type"))


def _table(scorer: Path, title: str, gold: Path, rules: Path, fitted: tuple[str, Path]) -> None:
    """Print one set's two score tables: the rules alone (predictions in ``rules``) and ``fitted`` (heading, folder)."""
    print(f"\n## {title}\n")
    print("### rules alone\n```")
    print(_score(scorer, gold, rules))
    print(f"```\n### {fitted[0]}\n```")
    print(_score(scorer, gold, fitted[1]))
    print("```")


def main(argv: list[str] | None = None) -> int:
    """Print the score tables; exit status 2 when the shared folder or scorer is missing."""
    ap = argparse.ArgumentParser(prog="python -m policykg.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (seeds, gold, tools)")
    ap.add_argument("--training", type=Path, default=Path(__file__).resolve().parent.parent / "loaders" / "training",
                    help="the project's annotated documents (texts/, gold/)")
    ap.add_argument("--jobs", type=int, default=2, help="folds fitted in parallel")
    ap.add_argument("--folds", type=int, default=0,
                    help="0 (default): leave one document out; K: K folds grouped by document (a quicker estimate)")
    ap.add_argument("--keep", type=Path, help="also copy the predictions (rules/, lodo/, heldout/) here, for error analysis")
    args = ap.parse_args(argv)
    scorer = args.shared / "tools" / "score_extraction.py"
    if not scorer.exists():
        print(f"no scorer at {scorer}", file=sys.stderr)
        return 2
    sets = {"seeds": (args.shared / "seeds", args.shared / "gold"),
            "gold-b": (args.shared / "texts-b", args.shared / "gold-b"),
            "training": (args.training / "texts", args.training / "gold")}
    sets = {k: v for k, v in sets.items() if v[1].is_dir()}
    by_set = {k: annotated_documents([v]) for k, v in sets.items()}
    docs = [d for ds in by_set.values() for d in ds]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pooled = work / "pooled-gold"
        pooled.mkdir()
        for d in docs:
            (pooled / d.gold_path.name).symlink_to(d.gold_path.resolve())
        for d in docs:
            predict(d, work / "rules", "")
        folds = folds_of(docs, args.folds)
        held_out = "leave one document out" if args.folds <= 0 else f"{args.folds} folds grouped by document"
        print(f"Fitting {len(folds)} folds, {held_out} ({args.jobs} at a time)...", file=sys.stderr)
        with ProcessPoolExecutor(args.jobs) as ex:
            for stems in ex.map(_fold, [(docs, held, n, tmp) for n, held in enumerate(folds)]):
                print(f"  fold done: {stems}", file=sys.stderr)
        for name, (_texts, gold) in [*sets.items(), ("pooled", (None, pooled))]:
            n = len(by_set[name]) if name in by_set else len(docs)
            _table(scorer, f"{name} ({n} documents)", gold, work / "rules", (f"rules + tagger, {held_out}", work / "lodo"))
        heldout_gold = args.training / "heldout" / "gold"
        heldout = annotated_documents([(heldout_gold.parent / "texts", heldout_gold)]) if heldout_gold.is_dir() else []
        for d in heldout:
            predict(d, work / "heldout" / "rules", "")
            predict(d, work / "heldout" / "shipped", None)
        if heldout:
            _table(scorer, f"heldout ({len(heldout)} documents, never fitted on)", heldout_gold, work / "heldout" / "rules",
                   ("rules + the shipped models", work / "heldout" / "shipped"))
        if args.keep:
            for sub in ("rules", "lodo", *(("heldout",) if heldout else ())):
                shutil.copytree(work / sub, args.keep / sub, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
