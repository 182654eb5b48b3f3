"""Draw a precision sample of one label from national work reports no model was fitted on.

Usage: python loaders/training/precision/national/sample.py LABEL SEED OUT.md [SHARED_DIR]

The pool is the State Council work reports of 2010-2018, 2023 and 2025 in ``SHARED_DIR/corpus/gwr`` (default
``../shared``): the national reports annotated for training (2019, 2021, 2022, 2024) are left out, and these
years test another decade's wording.  Each of the 100 sampled entities is written with its first mention's
surface and sentence, for a reader to judge against the annotation guide.
"""
import random
import sys
from pathlib import Path

from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document

LABEL, SEED, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
CORPUS = Path(sys.argv[4] if len(sys.argv) > 4 else "../shared") / "corpus" / "gwr"
YEARS = [*range(2010, 2019), 2023, 2025]
items = []
for f in (CORPUS / f"gwr-{y}.txt" for y in YEARS):
    dg = resolve_document(build_document_graph(read_document(f)), EntityIndex())
    for e in dg.entities:
        if e.label == LABEL:
            m = e.mentions[0]
            items.append((f.stem, e.name, m.surface, m.sentence))
print(len(items), LABEL, file=sys.stderr)
sample = random.Random(SEED).sample(items, 100)
with open(OUT, "w", encoding="utf-8") as out:
    out.write(f"# 100 {LABEL}s sampled (seed {SEED}) from national work reports 2010-2018, 2023, 2025 "
              "(no model fitted on them)\n\n")
    for i, (doc, name, surface, sent) in enumerate(sample, 1):
        out.write(f"{i}. **{name}** (surface: {surface}; {doc})\n   > {sent}\n\n")
