"""Draw a precision sample of extracted SERVES relations from national work reports no model was fitted on.

Usage: python loaders/training/precision/national/serves_sample.py SEED OUT.jsonl [SHARED_DIR]

The pool is every relation ``policykg extract`` writes for the State Council work reports of 2000, 2003, 2006,
2009, 2012, 2014-2018, 2023 and 2025 in ``SHARED_DIR/corpus/gwr`` (default ``../shared``), in file order and
in each file's order; the pool is shuffled with ``random.Random(SEED)`` and the first 100 SERVES are kept.
Each is written with the forms of its two ends and a context to start reading from: the first sentence that
holds a form of both, else a paragraph and the next one (a lead heading and the sentence under it), else a
note; a judge reads the statement in the text itself.
"""
import json
import random
import re
import sys
from pathlib import Path

from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.jsonl import guide_records
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document

SEED, OUT = int(sys.argv[1]), Path(sys.argv[2])
CORPUS = Path(sys.argv[3] if len(sys.argv) > 3 else "../shared") / "corpus" / "gwr"
YEARS = [2000, 2003, 2006, 2009, 2012, 2014, 2015, 2016, 2017, 2018, 2023, 2025]


def context(paras: list[str], sf: list[str], tf: list[str]) -> str:
    for p in paras:
        for s in re.split(r"(?<=[。；！？])", p):
            if any(a in s for a in sf) and any(a in s for a in tf):
                return s.strip()
    for i, p in enumerate(paras):
        if any(a in p for a in sf + tf):
            both = p + " ⏎ " + (paras[i + 1] if i + 1 < len(paras) else "")
            if any(a in both for a in sf) and any(a in both for a in tf):
                return both[:400]
    return "<not found in one sentence or paragraph>"


rows = []
for f in (CORPUS / f"gwr-{y}.txt" for y in YEARS):
    doc = read_document(f)
    records = guide_records(resolve_document(build_document_graph(doc), EntityIndex()))
    forms = {r["name"]: [r["name"], *r["aliases"]] for r in records if r["kind"] == "entity"}
    paras = [p for p in doc.text.split("\n") if p.strip()]
    for r in records:
        if r["kind"] == "relation" and r["type"] in ("SERVES", "LEADS", "PART_OF"):
            sf, tf = forms.get(r["source"], [r["source"]]), forms.get(r["target"], [r["target"]])
            rows.append({"doc": f.stem, "type": r["type"], "source": r["source"], "target": r["target"],
                         "source_forms": sf, "target_forms": tf, "context": context(paras, sf, tf)})
random.Random(SEED).shuffle(rows)
with OUT.open("w", encoding="utf-8") as out:
    for n, r in enumerate([r for r in rows if r["type"] == "SERVES"][:100], 1):
        out.write(json.dumps({**r, "n": n}, ensure_ascii=False) + "\n")
