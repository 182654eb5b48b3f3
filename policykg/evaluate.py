"""``make eval``: score the extractor on every annotated set with the shared scorer.

Two configurations are scored, each per set (the seeds, ``gold-b`` and the
project's own ``loaders/training``) and pooled over all of them:

* **rules**: the rule extractors alone (no fitted component; the rules were
  written from the guide and checked on the seeds);
* **rules + tagger, leave one document out**: for each document, the tagger
  is fitted on every *other* annotated document and extracts the held-out
  one.  This is the only score reported for the fitted tagger; the shipped
  model (fitted on all documents) is never scored on its own training data.

The project's documents are scored once more by genre family (``loaders/training/genres.toml``: work reports,
plans with lead-unit lines, central opinions, speeches, news reports; :func:`genre_table`), to show where a
document of a kind loses.

The documents of ``loaders/training/heldout`` are annotated the same way but
never fitted on (``make model`` does not read them): they are scored once
more with the **shipped** models, as a user would run them on documents the
models never saw, and stay out of the folds and the pooled table.

Predictions go through the same path as ``policykg extract`` (extraction,
then entity resolution within the document), so the scores are those a user
gets.  Usage: ``python -m policykg.evaluate --shared ../shared [--jobs 2] [--folds K]``; with ``--folds K`` the
held-out score is K-fold cross-validation grouped by document instead (every document still scored only by
models not fitted on it; about K fits instead of one per document).  With ``--models DIR`` the fold models are
kept in DIR and reused by a later run over the same folds, gold files and texts (:func:`reusable`), which
then takes seconds instead of the fits: for measuring a change made after the fitted steps (decoding,
relation rules, resolution).  A change to what the models read (tokens, rule candidates, features) needs a
new DIR: the manifest names the commit the models were fitted at and a reuse on another one says so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.jsonl import write_guide_jsonl
from policykg.loaders.pipeline import build_document_graph, pairs_path
from policykg.loaders.read import read_document
from policykg.loaders.train import AnnotatedDocument, annotated_documents, fit, fit_pairs

__all__ = ["genre_table", "genres", "main", "manifest", "predict", "reusable"]

_ROWS = ("Body", "Program", "Goal", "Document", "LEADS", "SERVES", "PART_OF", "entities", "relations")


def predict(doc: AnnotatedDocument, out_dir: Path, model: str | None) -> Path:
    """Extract ``doc`` with ``model`` (``""``: rules alone; ``None``: the shipped models) the way ``policykg extract``
    does; return the file."""
    dg = build_document_graph(read_document(doc.text_path), model=model)
    return write_guide_jsonl(resolve_document(dg, EntityIndex(), places=False), out_dir)


def folds_of(docs: list[AnnotatedDocument], k: int) -> list[list[int]]:
    """Indices of the held-out documents of each fold: one document each (``k`` 0, leave one document out), or
    ``k`` folds grouped by document, the documents in order of their stems dealt round (stem ``i`` to fold
    ``i % k``), so that a fold's test documents are never fitted on and the folds are the same on every run."""
    if k <= 0:
        return [[i] for i in range(len(docs))]
    order = sorted(range(len(docs)), key=lambda i: docs[i].stem)
    return [[i for n, i in enumerate(order) if n % k == f] for f in range(k)]


def manifest(docs: list[AnnotatedDocument], folds: list[list[int]]) -> dict:
    """What fold models are fitted from: each fold's held-out stems, and the SHA-256 of every gold file and text.

    Returns:
        ``{"folds": [[stem, ...], ...], "gold": {stem: hex digest}, "texts": {stem: hex digest}}`` (JSON-ready).
    """
    return {"folds": [[docs[i].stem for i in f] for f in folds],
            "gold": {d.stem: hashlib.sha256(d.gold_path.read_bytes()).hexdigest() for d in docs},
            "texts": {d.stem: hashlib.sha256(d.text_path.read_bytes()).hexdigest() for d in docs}}


def reusable(models: Path, docs: list[AnnotatedDocument], folds: list[list[int]], want: dict | None = None
             ) -> dict | None:
    """The kept manifest when ``models`` holds every fold's two models, fitted for these ``folds`` of these ``docs``
    with the same gold files and texts (its ``folds.json``, written by :func:`main`, holds :func:`manifest` and the
    commit they were fitted at); ``None`` otherwise.  ``want``: their manifest when the caller has it already."""
    path = models / "folds.json"
    if not path.exists():
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
    want = want or manifest(docs, folds)
    same = {k: kept.get(k) for k in want} == want
    present = all((models / f"fold-{n}.crfsuite").exists() and (models / f"fold-{n}.pairs.crfsuite").exists()
                  for n in range(len(folds)))
    return kept if same and present else None


def _commit() -> str:
    """The checkout's commit (``git rev-parse HEAD``, ``+`` when files differ from it), or ``""`` outside git."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True,
                               text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head.stdout.strip() + ("+" if dirty.stdout.strip() else "")


def _fold(args: tuple[list[AnnotatedDocument], list[int], int, str, str, bool]) -> str:
    """Fit fold ``n``'s two models into ``models`` (unless ``reuse``), then extract its held-out documents into
    ``work``/lodo; return their stems."""
    docs, held, n, models, work, reuse = args
    model = Path(models) / f"fold-{n}.crfsuite"
    if not reuse:
        train = [d for i, d in enumerate(docs) if i not in held]
        fit(train, model)
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


def genres(path: Path) -> dict[str, list[str]]:
    """Genre family -> the stems of its documents, read from ``path`` (``loaders/training/genres.toml``).

    Raises:
        ValueError: a document is listed in two families (the file and the stem named), or the file is no TOML.
    """
    try:
        families = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not TOML: {exc}") from exc
    seen: dict[str, str] = {}
    for family, stems in families.items():
        for stem in stems:
            if stem in seen:
                raise ValueError(f"{path}: {stem} is listed under {seen[stem]!r} and {family!r}")
            seen[stem] = family
    return families


def genre_table(scorer: Path, gold_dir: Path, pred_dir: Path, families: dict[str, list[str]], work: Path) -> str:
    """One line per genre family: its documents' entity and relation micro-P / R / F1 by the shared scorer.

    Args:
        scorer: ``score_extraction.py``.
        gold_dir: the gold files (``<stem>.jsonl``); a family's stems without a gold file here are left out.
        pred_dir: the predictions, one ``<stem>.jsonl`` each (scored by models not fitted on them).
        families: :func:`genres`.
        work: an empty folder for one gold folder per family.

    Returns:
        The table as text (a header, then ``family  documents  P / R / F1  P / R / F1`` rows).
    """
    rows = [f"{'genre':<52} {'docs':>4}   {'entities P / R / F1':<22} relations P / R / F1"]
    for n, (family, stems) in enumerate(families.items()):
        present = [s for s in stems if (gold_dir / f"{s}.jsonl").exists()]
        if not present:
            continue
        folder = work / f"genre-{n}"
        folder.mkdir()
        for stem in present:
            (folder / f"{stem}.jsonl").symlink_to((gold_dir / f"{stem}.jsonl").resolve())
        res = subprocess.run([sys.executable, str(scorer), str(folder), str(pred_dir), "--json"], capture_output=True,
                             text=True, check=True)
        scores = json.loads(res.stdout.splitlines()[0])
        ent, rel = (" / ".join(f"{v:.3f}" for v in scores[k]) for k in ("entities", "relations"))
        rows.append(f"{family:<52} {len(present):>4}   {ent:<22} {rel}")
    return "\n".join(rows)


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
    ap.add_argument("--models", type=Path,
                    help="keep the fold models here, or reuse those kept here for the same folds and gold files")
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
        models = args.models or work
        want = manifest(docs, folds) if args.models is not None else {}
        kept = reusable(args.models, docs, folds, want) if args.models is not None else None
        reuse = kept is not None
        if reuse:
            fitted_at = kept.get("commit", "")
            print(f"Reusing the {len(folds)} fold models in {models} (fitted at {fitted_at or 'an unknown commit'}; "
                  f"now {_commit() or 'not a git checkout'}), {held_out}...", file=sys.stderr)
        else:
            print(f"Fitting {len(folds)} folds, {held_out} ({args.jobs} at a time)...", file=sys.stderr)
            if args.models is not None:
                args.models.mkdir(parents=True, exist_ok=True)
                (args.models / "folds.json").unlink(missing_ok=True)  # a run stopped midway leaves no manifest
        with ProcessPoolExecutor(args.jobs) as ex:
            for stems in ex.map(_fold, [(docs, held, n, str(models), tmp, reuse) for n, held in enumerate(folds)]):
                print(f"  fold done: {stems}", file=sys.stderr)
        if args.models is not None and not reuse:
            (args.models / "folds.json").write_text(json.dumps({**want, "commit": _commit()},
                                                               ensure_ascii=False, indent=1), encoding="utf-8")
        for name, (_texts, gold) in [*sets.items(), ("pooled", (None, pooled))]:
            n = len(by_set[name]) if name in by_set else len(docs)
            _table(scorer, f"{name} ({n} documents)", gold, work / "rules", (f"rules + tagger, {held_out}", work / "lodo"))
        genre_file = args.training / "genres.toml"
        if "training" in sets and genre_file.exists():
            print(f"\n## training by genre ({len(by_set['training'])} documents; rules + tagger, {held_out})\n\n```")
            print(genre_table(scorer, sets["training"][1], work / "lodo", genres(genre_file), work))
            print("```")
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
