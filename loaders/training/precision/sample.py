"""Draw the precision sample of Programs (or another label) on the unlabelled gwr2025 corpus.

Usage: python loaders/training/precision/sample.py SHARED_DIR [SEED] [LABEL] [SIZE]; writes
gwr2025-<label>s-sample[-SEED].md beside this file (SIZE items, 100 unless given;
<label>s is "bodies" for Body) (seed 20261130, the first sample of Programs,
writes the name without a suffix).  Provinces whose text any model was fitted on are left out: since session 22
the pool is the two reports annotated in ``loaders/training/heldout`` (福建, 贵州), which no model is fitted on.
"""
import random
import sys
from pathlib import Path

from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document

# provinces whose report any model is fitted on: the gwr2025 gold of gold-b and of loaders/training
TRAINED = {g.stem.split("-", 1)[1] for d in (Path(sys.argv[1]) / "gold-b", Path(__file__).parent.parent / "gold")
           for g in d.glob("gwr2025-*.jsonl")}
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 20261130
LABEL = sys.argv[3] if len(sys.argv) > 3 else "Program"
SIZE = int(sys.argv[4]) if len(sys.argv) > 4 else 100
SUFFIX = "" if SEED == 20261130 and LABEL == "Program" else f"-{SEED}"
items = []
for f in sorted((Path(sys.argv[1]) / 'corpus' / 'gwr2025').glob('*.docx')):
    prov = f.stem.split('-')[1]
    if prov in TRAINED:
        continue
    dg = resolve_document(build_document_graph(read_document(f)), EntityIndex(), places=False)
    for e in dg.entities:
        if e.label == LABEL:
            m = e.mentions[0]
            items.append((f.stem, e.name, m.surface, m.sentence))
print(len(items), f"{LABEL}s in", len({i[0] for i in items}), "documents", file=sys.stderr)
rng = random.Random(SEED)
sample = rng.sample(items, SIZE)
PLURAL = "bodies" if LABEL == "Body" else f"{LABEL.lower()}s"
with open(Path(__file__).with_name(f'gwr2025-{PLURAL}-sample{SUFFIX}.md'), 'w') as out:
    out.write(f"# {SIZE} {LABEL}s sampled (seed {SEED}) from gwr2025 reports the model never saw\n\n")
    for i, (doc, name, surface, sent) in enumerate(sample, 1):
        out.write(f"{i}. **{name}** (surface: {surface}; {doc})\n   > {sent}\n\n")
