"""Why each span was or was not extracted: ``policykg extract --explain FILE``.

For every sentence that any rule or the tagger looked at, one line per span:
its label, surface name, the rule that proposed it (``quote+type``,
``program-type-word``, ``goal-target-clause``, ``model`` …) and the verdict
(``kept``, ``blocked: overlaps …``, ``blocked: generic head (guide rule 8)``,
``model: dropped …``), the rules' verdict and then the tagger's reading of it on
one line (``kept → model: dropped``), and the name the span gives and the other forms it carries when the
surface does not say them (``(named 两新政策; also 两新)``; the document's merges then choose the node's
name).  Rules are named after the functions and lexicon classes in :mod:`policykg.loaders.rules`; the
reasons quote the guide rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policykg.graph.document_merges import merge_within_document
from policykg.graph.records import SourceDocument

from .built_institutions import with_built_institutions
from .extract import explaining
from .genre import genre_copies
from .opening import still_opening
from .outline import outline
from .pipeline import after_tagging, build_document_graph, document_sentences, lead_items, tagged, tagger_file
from .rules.body_forms import addressees
from .service_lists import ServiceLists

__all__ = ["SentenceExplanation", "explain_document", "explain_merges", "format_explanation"]

#: Quotation and title marks, which a stored name leaves out (“九二共识” is stored as 九二共识).
_MARKS = re.compile(r"[“”‘’\"'《》〈〉「」『』\s]")


@dataclass
class SentenceExplanation:
    """The records of one sentence: ``section`` heading, ``start`` offset, ``text`` and ``records``."""

    section: str
    start: int
    text: str
    records: list[dict]


def explain_document(doc: SourceDocument, model: str | None = None) -> Iterator[SentenceExplanation]:
    """Yield, sentence by sentence, what the rules and the tagger did (see the module docstring).

    Args:
        doc: a read document.
        model: tagger model path (``None``: the shipped model; ``""``: rules alone).
    """
    model = tagger_file(model)
    secs = outline(doc.id, doc.text, doc.title)
    genre = genre_copies(doc.text)  # as build_document_graph reads it
    service_lists = ServiceLists(secs)  # the titles of a list of the year's projects, and the list's heading
    # the items closed by lead units, as build_document_graph reads them (a pass of its own: the rules record what
    # they find as each sentence is read, and the records are the sentence's)
    built_in = lead_items(list(document_sentences(doc.text, doc.id.split(":", 1)[1], doc.title, secs, doc.year)))
    with explaining() as records:
        opening = True
        for k, view in enumerate(document_sentences(doc.text, doc.id.split(":", 1)[1], doc.title, secs, doc.year)):
            # one sentence at a time: the records are the sentence's
            cands = tagged([view], model, genre) if model is not None else [after_tagging(view, view.rules)]
            if view.section.id in built_in:
                cands = [with_built_institutions(view.matching, cands[0])]
            service_lists.titles([view], cands)
            opening = opening and still_opening(k, view)
            if opening:
                addressees(view.matching)
            if records:
                yield SentenceExplanation(view.section.heading, view.sentence.start, view.sentence.text, list(records))
            records.clear()


def format_explanation(items: Iterator[SentenceExplanation]) -> Iterator[str]:
    """Readable lines: the sentence (with its offset and section), then one indented line per span and rule.

    A span a rule proposed is judged first by the rules, then by the tagger's reading: its verdicts stand on
    one line in that order, the last one final (``kept → model: dropped (…)``).
    """
    for it in items:
        yield f"@{it.start} [{it.section}] {it.text}"
        steps: dict[tuple[int, int, str, str], list[str]] = {}
        forms: dict[tuple[int, int, str, str], tuple[str, list[str]]] = {}
        for r in sorted(it.records, key=lambda r: (r["start"], -r["end"])):  # stable: each span's verdicts in order
            key = (r["start"], r["end"], r["label"], r["rule"])
            verdicts = steps.setdefault(key, [])
            if r["verdict"] not in verdicts:
                verdicts.append(r["verdict"])
            forms[key] = (r["name"], r.get("aliases") or [])
        for (start, end, label, rule), verdicts in steps.items():
            surface = it.text[start:end]
            name, aliases = forms[(start, end, label, rule)]
            named = ""  # the name the span gives and the forms it carries, when the surface does not say them
            if name != _MARKS.sub("", surface) or aliases:
                named = f"  (named {name}" + (f"; also {', '.join(aliases)}" if aliases else "") + ")"
            yield f"    {label:<8} {surface:<24} {rule:<22} {' → '.join(verdicts)}{named}"
        yield ""


def explain_merges(doc: SourceDocument, model: str | None = None) -> Iterator[str]:
    """Readable lines for the names the document itself says are one entity (entity resolution within it,
    :mod:`policykg.graph.document_merges`): ``Label  canonical name  <- other form: why``, one line per form.

    Args:
        doc: a read document.
        model: tagger model path (``None``: the shipped model; ``""``: rules alone).
    """
    dg = build_document_graph(doc, model=model)
    merge_within_document(dg)
    for e in dg.entities:
        for form, why in e.merged.items():
            yield f"    {e.label:<8} {e.name}  <-  {form}: {why}"
