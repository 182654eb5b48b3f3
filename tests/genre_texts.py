"""Texts bundled under ``loaders/training/texts`` and the steps of the extractor run on a sentence of one: shared by
the tests of the genres beyond organisation work (``test_genre_*.py``).

Every case of those tests is a real sentence or passage from a bundled document (sources in ``SOURCES.tsv`` there
and ``PROVENANCE.md``), each for one class of error the rules or the tagger used to make.
"""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.combine import read_spans, settle
from policykg.loaders.extract import extract_sentence
from policykg.loaders.lexicon import tokenize
from policykg.loaders.pipeline import bodies_after_tagging, build_document_graph
from policykg.loaders.read import read_document

TRAINING = Path(__file__).resolve().parent.parent / "loaders" / "training"
TEXTS = TRAINING / "texts"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def text_line_of(path: Path, needle: str) -> str:
    """The first line of the file ``path`` that holds ``needle``."""
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if needle in line)


def text_line(stem: str, needle: str) -> str:
    """The first line of training text ``stem`` that holds ``needle``."""
    return next(line for line in (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if needle in line)


def document_graph(stem: str, model: str | None = None):
    """The document graph the pipeline builds from training text ``stem`` (``model``: as for build_document_graph)."""
    return build_document_graph(read_document(TEXTS / f"{stem}.txt"), model=model)


def excerpt_names(folder: Path, stem: str, text: str, label: str) -> set[str]:
    """The names of the ``label`` entities the pipeline builds from ``text`` (an excerpt of a real document, written to
    ``folder/<stem>.txt``: the stem says its genre as a file name would, gwr-…, gwr2025-…)."""
    path = folder / f"{stem}.txt"
    path.write_text(text, encoding="utf-8")
    return {e.name for e in build_document_graph(read_document(path)).entities if e.label == label}


def text_sentence(stem: str, needle: str) -> str:
    """The sentence (closed by its 。) of training text ``stem`` that holds ``needle``."""
    return next(s for s in text_line(stem, needle).split("。") if needle in s) + "。"


def settled_with(stem: str, name: str, label: str, opener: str = "。") -> set[tuple[str, str]]:
    """``(label, name)`` of what a sentence of a bundled text settles to when the tagger tags ``name`` (only) as
    ``label``: the sentence around the first line of ``stem`` naming it, from the ``opener`` before it (the
    pipeline's steps after tagging included: :func:`policykg.loaders.pipeline.bodies_after_tagging`)."""
    line = text_line(stem, name)
    sentence = line[line.rfind(opener, 0, line.index(name)) + 1:]
    sentence = sentence[: sentence.index("。") + 1] if "。" in sentence else sentence
    return settled_in(sentence, name, label)


def settled_in(sentence: str, name: str, label: str) -> set[tuple[str, str]]:
    """``(label, name)`` of what ``sentence`` (real text) settles to when the tagger tags the first ``name`` in it
    (only) as ``label``, as :func:`settled_with` for a sentence given whole."""
    words = tokenize(sentence)
    s = sentence.index(name)
    e = s + len(name)
    tags = ["O" if not (s <= ws < e) else (f"B-{label}" if ws == s else f"I-{label}") for _w, ws, _we in words]
    settled = settle(read_spans(sentence, words, extract_sentence(sentence, words), tags), None)
    return {(c.label, c.name) for c in bodies_after_tagging(sentence, settled)}


def settled_untagged(stem: str, opening: str) -> set[tuple[str, str]]:
    """``(label, name)`` the rule candidates of the sentence of ``stem`` opening with ``opening`` settle to when
    the tagger tags nothing there but is uncertain everywhere (its probability of ``O`` 0 at every token)."""
    line = text_line(stem, opening)
    sentence = line[line.index(opening):]
    sentence = sentence[: sentence.index("。") + 1]
    words = tokenize(sentence)
    reading = read_spans(sentence, words, extract_sentence(sentence, words), ["O"] * len(words))
    return {(c.label, c.name) for c in settle(reading, lambda i: 0.0)}


def fixed_tags(words, start: int, end: int, label: str) -> list[str]:
    """BIOES tags with one span of ``label`` over the tokens between sentence offsets ``start`` and ``end``."""
    inside = [i for i, (_w, s, e) in enumerate(words) if start <= s and e <= end]
    return ["O" if i not in inside else ("S" if len(inside) == 1 else "B" if i == inside[0] else "E"
            if i == inside[-1] else "I") + f"-{label}" for i in range(len(words))]
