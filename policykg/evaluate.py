"""``make eval``: score the extractor on every annotated set with the shared scorer.

Two configurations are scored, each per set (the seeds, ``gold-b`` and the
project's own ``loaders/training``) and pooled over all of them:

* **rules**: the rule extractors alone (no fitted component; the rules were
  written from the guide and checked on the seeds);
* **rules + tagger, leave one document out**: for each document, the tagger
  is fitted on every *other* annotated document and extracts the held-out
  one.  This is the only score reported for the fitted tagger; the shipped
  model (fitted on all documents) is never scored on its own training data.

Predictions go through the same path as ``policykg extract`` (extraction,
then entity resolution within the document), so the scores are those a user
gets.  Usage: ``python -m policykg.evaluate --shared ../shared [--jobs 2]``.
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
    """Extract ``doc`` with ``model`` (``""``: rules alone) the way ``policykg extract`` does; return the file."""
    dg = build_document_graph(read_document(doc.text_path), model=model)
    return write_guide_jsonl(resolve_document(dg, EntityIndex()), out_dir)


def _fold(args: tuple[list[AnnotatedDocument], int, str]) -> str:
    docs, i, work = args
    held = docs[i]
    train = [d for d in docs if d is not held]
    model = fit(train, Path(work) / f"fold-{i}.crfsuite")
    fit_pairs(train, Path(pairs_path(str(model))))
    predict(held, Path(work) / "lodo", str(model))
    return held.stem


def _score(scorer: Path, gold_dir: Path, pred_dir: Path) -> str:
    res = subprocess.run([sys.executable, str(scorer), str(gold_dir), str(pred_dir)], capture_output=True, text=True,
                         check=True)
    return "\n".join(line for line in res.stdout.splitlines() if line.split()[:1] and line.split()[0] in (*_ROWS, "type"))


def main(argv: list[str] | None = None) -> int:
    """Print the score tables; exit status 2 when the shared folder or scorer is missing."""
    ap = argparse.ArgumentParser(prog="python -m policykg.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (seeds, gold, tools)")
    ap.add_argument("--training", type=Path, default=Path(__file__).resolve().parent.parent / "loaders" / "training",
                    help="the project's annotated documents (texts/, gold/)")
    ap.add_argument("--jobs", type=int, default=2, help="folds fitted in parallel")
    ap.add_argument("--keep", type=Path, help="also copy the predictions (rules/ and lodo/) here, for error analysis")
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
        print(f"Fitting {len(docs)} leave-one-document-out folds ({args.jobs} at a time)...", file=sys.stderr)
        with ProcessPoolExecutor(args.jobs) as ex:
            for stem in ex.map(_fold, [(docs, i, tmp) for i in range(len(docs))]):
                print(f"  fold done: {stem}", file=sys.stderr)
        for name, (_texts, gold) in [*sets.items(), ("pooled", (None, pooled))]:
            n = len(by_set[name]) if name in by_set else len(docs)
            print(f"\n## {name} ({n} documents)\n")
            print("### rules alone\n```")
            print(_score(scorer, gold, work / "rules"))
            print("```\n### rules + tagger, leave one document out\n```")
            print(_score(scorer, gold, work / "lodo"))
            print("```")
        if args.keep:
            for sub in ("rules", "lodo"):
                shutil.copytree(work / sub, args.keep / sub, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
