"""Write a :class:`DocumentGraph` in the annotation guide's JSON Lines format.

One file per document, ``<file stem>.jsonl``; the shared scorer
(``tools/score_extraction.py GOLD_DIR PRED_DIR``) reads it.
"""

from __future__ import annotations

import json
from pathlib import Path

from policykg.graph.records import DocumentGraph

__all__ = ["guide_records", "write_guide_jsonl"]


def guide_records(dg: DocumentGraph) -> list[dict]:
    """Return the guide-format records (entities, then relations, then CITES) of one document."""
    stem = Path(dg.document.file_name).stem
    recs: list[dict] = [
        {"kind": "entity", "type": e.label, "name": e.name, "aliases": [a for a in e.aliases if a != e.name]}
        for e in dg.entities
    ]
    recs += [{"kind": "relation", "type": r.type, "source": r.source, "target": r.target} for r in dg.relations]
    recs += [{"kind": "relation", "type": "CITES", "source": stem, "target": e.name}
             for e in dg.entities if e.label == "Document"]
    return recs


def write_guide_jsonl(dg: DocumentGraph, out_dir: Path) -> Path:
    """Write ``<out_dir>/<file stem>.jsonl`` and return its path (creates ``out_dir``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{Path(dg.document.file_name).stem}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for rec in guide_records(dg):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
