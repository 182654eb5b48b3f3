"""Passages of the bundled texts (``loaders/training/texts``) read as documents of their own, and the relations
extracted from them: shared by the tests of relations a document states through its layout
(``test_wholes_and_parts.py``, ``test_paragraph_leads.py``)."""

from __future__ import annotations

from pathlib import Path

from genre_texts import TEXTS

from policykg.graph.records import SourceDocument
from policykg.loaders.read import read_document


def doc_of(tmp_path: Path, text: str, stem: str = "anhui_boxes") -> SourceDocument:
    """``text`` read as the document ``stem``, a file under ``tmp_path`` whose first line is a title."""
    path = tmp_path / f"{stem}.txt"
    path.write_text("（标题）\n" + text, encoding="utf-8")  # the first line is the title
    return read_document(path)


def relations_of(dg, kind: str) -> set[tuple[str, str]]:
    """The (source, target) names of the relations of type ``kind`` in the document graph ``dg``."""
    return {(r.source, r.target) for r in dg.relations if r.type == kind}


def line_opening(stem: str, opening: str) -> str:
    """The first line of training text ``stem`` that opens with ``opening``."""
    return next(x for x in (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if x.startswith(opening))


def lines_between(stem: str, first: str, last: str) -> str:
    """The lines of training text ``stem`` from the first opening with ``first`` to the next opening with ``last``."""
    lines = (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    a = next(i for i, x in enumerate(lines) if x.startswith(first))
    b = next(i for i, x in enumerate(lines) if i > a and x.startswith(last))
    return "\n".join(lines[a:b + 1]) + "\n"
