"""read -> outline -> extract for one file: the loaders' single entry point.

:func:`build_document_graph` turns a :class:`SourceDocument` into a
:class:`DocumentGraph` whose entities are merged within the document
(guide rule 1: one entity per distinct name, other forms as aliases) and
whose every mention carries provenance (document, section, sentence, offsets).
"""

from __future__ import annotations

import bisect
from pathlib import Path

from policykg.graph.names import match_key, simplified_for_matching
from policykg.graph.records import DocumentGraph, Entity, Mention, Relation, SourceDocument

from .extract import Candidate, extract_sentence, sentence_tokens
from .lexicon import tokenize
from .outline import outline, sentences
from .read import read_document
from .relations import lead_units, sentence_relations

__all__ = ["build_document_graph", "process_file"]

_LABEL_RANK = {"Document": 0, "Program": 1, "Goal": 2, "Body": 3}


def process_file(path: Path, max_bytes: int = 20 * 1024 * 1024) -> DocumentGraph:
    """Read, outline and extract one file.

    Raises:
        LoadError: the file cannot be read (see :func:`policykg.loaders.read.read_document`).
    """
    return build_document_graph(read_document(path, max_bytes))


def build_document_graph(doc: SourceDocument) -> DocumentGraph:
    """Outline ``doc`` and extract its entities and relations.

    Returns:
        A :class:`DocumentGraph`; entity ``node_id`` is left empty for the
        resolver, mentions satisfy ``doc.text[m.start:m.end] == m.surface``.
    """
    secs = outline(doc.id, doc.text, doc.title)
    starts = [s.start for s in secs]
    groups: dict[tuple[str, str], Entity] = {}
    order: list[tuple[str, str]] = []
    triples: list[tuple[str, str, str, str, str, Mention]] = []
    part_links: list[tuple[str, str, Mention]] = []
    section_programs: dict[str, list[tuple[str, str]]] = {}
    section_leads: list[tuple[str, tuple[str, str], Mention]] = []
    title_key = match_key(doc.title)
    # Extraction reads a simplified-script copy (same length, same offsets); provenance quotes doc.text.
    matching = simplified_for_matching(doc.text)
    doc_tokens = tokenize(matching)  # once per document: the cost floor of a load
    token_starts = [s for _, s, _ in doc_tokens]
    for sent in sentences(doc.text):
        sec = secs[max(0, bisect.bisect_right(starts, sent.start) - 1)]
        words = sentence_tokens(doc_tokens, token_starts, sent.start, sent.end)
        # the document's own title is not a citation of another document
        msent = matching[sent.start:sent.end]
        cands = [c for c in extract_sentence(msent, words)
                 if not (c.label == "Document" and match_key(c.name) == title_key)]
        if not cands:
            continue
        names: dict[int, tuple[str, str]] = {}
        for c in cands:
            key = _group(groups, order, c, doc, sec.id, sent.start, sent.text)
            names[id(c)] = key
        evidence = Mention(doc.id, sec.id, sent.start, sent.end, sent.text, sent.text, sent.start)
        section_programs.setdefault(sec.id, []).extend(names[id(c)] for c in cands if c.label == "Program")
        section_leads += [(sec.id, names[id(b)], evidence) for b in lead_units(msent, cands)]
        for c in cands:
            for part in c.parts:
                part_links.append((part, names[id(c)][1], evidence))
        for rel, a, b in sentence_relations(msent, cands):
            ka, kb = names[id(a)], names[id(b)]
            triples.append((rel, ka[0], ka[1], kb[0], kb[1], evidence))
    entities = [groups[k] for k in order]
    by_key = {(e.label, match_key(e.name)): e for e in entities}
    rels: dict[tuple[str, str, str], Relation] = {}

    def add(rel: str, sl: str, sk: str, tl: str, tk: str, ev: Mention) -> None:
        s, t = by_key.get((sl, sk)), by_key.get((tl, tk))
        if s is None or t is None or s is t:
            return
        r = rels.setdefault((rel, s.name, t.name), Relation(rel, s.name, s.label, t.name, t.label))
        if ev not in r.evidence:
            r.evidence.append(ev)

    for rel, sl, sk, tl, tk, ev in triples:
        add(rel, sl, sk, tl, tk, ev)
    for part, agg_key, ev in part_links:
        add("PART_OF", "Program", match_key(part), "Program", agg_key, ev)
    for sec_id, (bl, bk), ev in section_leads:  # guide rule 7: the lead unit of a numbered item
        for pl, pk in dict.fromkeys(section_programs.get(sec_id, [])):
            add("LEADS", bl, bk, pl, pk, ev)
    return DocumentGraph(doc, secs, entities, list(rels.values()))


def _group(groups: dict[tuple[str, str], Entity], order: list[tuple[str, str]], c: Candidate, doc: SourceDocument,
           section_id: str, sent_start: int, sentence: str) -> tuple[str, str]:
    """Add candidate ``c`` to its entity (created on first sight); return the entity's (label, key)."""
    key = match_key(c.name)
    other = next((k for k in ((lbl, key) for lbl in _LABEL_RANK) if k in groups and k[0] != c.label), None)
    label = other[0] if other else c.label
    gk = (label, key)
    ent = groups.get(gk)
    if ent is None:
        ent = groups[gk] = Entity(label, c.name)
        order.append(gk)
    for form in [c.name, *c.aliases]:
        if form != ent.name and form not in ent.aliases:
            ent.aliases.append(form)
    start, end = sent_start + c.start, sent_start + c.end
    ent.mentions.append(Mention(doc.id, section_id, start, end, doc.text[start:end], sentence, sent_start))
    return gk
