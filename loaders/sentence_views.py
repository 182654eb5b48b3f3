"""One document's sentences as extraction reads them: outlined, tokenized, placed in their section, marked where they
review past work, and read by the rule extractors (read -> outline -> rules), before the tagger reads the document
(:func:`policykg.loaders.pipeline.tagged`) and its graph is built (:func:`policykg.loaders.pipeline.build_document_graph`)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from types import EllipsisType

from policykg.graph.names import matching_text, simplified_for_matching, to_simplified
from policykg.graph.records import Section

from .combine import rule_tags
from .extract import Candidate, extract_sentence
from .lexicon import tokenize
from .metadata import find_year
from .outline import Sentence, outline, sentences
from .review import news_report, plan_heading, review_document, review_paragraph, section_reviews
from .rules.goals import principles_heading
from .rules.targets import opens_target_paragraph, target_run_goal, targets_heading, targets_only_heading

__all__ = ["SentenceView", "document_sentences"]


@dataclass(slots=True)
class SentenceView:
    """One sentence as extraction sees it.

    Attributes:
        sentence: span and text in the document.
        section: the innermost section holding it.
        matching: the sentence in the simplified-script copy (same offsets).
        words: jieba tokens with sentence-relative offsets.
        rules: the rule extractors' candidates (sentence offsets).
        rule_tags: the BIO tag the rules give each token.
        review: the sentence reviews past work (guide rule 9): its section's heading says so
            (:func:`policykg.loaders.review.section_reviews`) or its paragraph opens so
            (:func:`policykg.loaders.review.review_paragraph`).
    """

    sentence: Sentence
    section: Section
    matching: str
    words: list[tuple[str, int, int]]
    rules: list[Candidate]
    rule_tags: list[str]
    review: bool

    @property
    def doc_words(self) -> list[tuple[str, int, int]]:
        """The sentence's tokens with document offsets."""
        start = self.sentence.start
        return [(w, s + start, e + start) for w, s, e in self.words]


def document_sentences(text: str, stem: str, title: str | None = None, secs: list[Section] | None = None,
                       year: int | EllipsisType | None = ...) -> Iterator[SentenceView]:
    """Yield every sentence of ``text`` with its tokens, section and rule candidates (read -> outline -> rules).

    ``year``, which decides whether a paragraph opened by an earlier year reviews past work (:func:`.review.review_paragraph`):
    a read document's (``SourceDocument.year``, its web page's date when its text states none; ``None``: unknown), else
    (``...``) read from the text (:func:`.metadata.find_year`)."""
    secs = secs if secs is not None else outline(f"Document:{stem}", text, title)
    by_id = {s.id: s for s in secs}
    starts = [s.start for s in secs]
    simplified = simplified_for_matching(text)
    matching = matching_text(text, simplified)
    # headings as extraction reads them, in a text read in simplified script: 2024年工作回顧 reviews as 2024年工作回顾
    plain = to_simplified if simplified is not text else str
    plain_heads = {s.id: plain(s.heading) for s in secs}
    review_of = section_reviews(secs, plain_heads)
    heading = plain(title) if title else (plain_heads[secs[0].id] if secs else "")
    if year is ...:
        year = find_year(matching, heading, stem)
    # a document that is an account of work done (工作总结, 综述) reviews throughout, but for its plan
    news = news_report(matching)
    doc_review = review_document(heading) or news

    def own_or_parent(named, s: Section) -> bool:
        """Whether the heading of section ``s`` or of its parent satisfies ``named``."""
        return named(plain_heads[s.id]) or (s.parent_id in by_id and named(plain_heads[s.parent_id]))

    plan_of = {s.id: doc_review and own_or_parent(plan_heading, s) for s in secs}
    # a section setting the document's targets, or one inside it (（二）发展目标 under 一、总体要求)
    targets_of = {s.id: own_or_parent(targets_heading, s) for s in secs}
    # one that sets nothing but the targets (（二）发展目标, not 2025年目标任务和主要工作): each clause is one
    targets_only_of = {s.id: own_or_parent(targets_only_heading, s) for s in secs}
    principles_of = {s.id: own_or_parent(principles_heading, s) for s in secs}  # 基本原则: 坚持-clauses name them
    # the line break before the sentence (its paragraph), searched only since the sentence before; the
    # last sentence's paragraph; whether that paragraph reviews so far
    here, scanned, line, in_review, planned = -1, 0, -2, False, False
    run = False  # the paragraph opened with a plan's targets and its sentences since went on setting them
    for sent in sentences(text, matching):
        sec = secs[max(0, bisect.bisect_right(starts, sent.start) - 1)]
        msent = matching[sent.start:sent.end]
        here, scanned = max(here, text.rfind("\n", scanned, sent.start)), sent.start
        turn = review_paragraph(msent, first=here != line, year=year, news=news)
        if here != line:
            line, in_review, planned, run = here, bool(turn), turn is False, False
        elif turn is not None:
            in_review, planned = in_review and turn, planned or turn is False
        review = review_of[sec.id] or in_review or (doc_review and not plan_of[sec.id] and not planned)
        # jieba never joins a token across the punctuation or line break where a sentence ends, so the
        # sentence's own tokens are those of the whole text, with offsets already sentence-relative
        words = tokenize(msent)
        opens = opens_target_paragraph(msent, sent.start - here - 1)
        run = run and not opens and target_run_goal(msent) is not None
        cands = extract_sentence(msent, words, review, targets_of[sec.id], principles_of[sec.id], targets_only_of[sec.id],
                                 run)
        run = run or opens
        yield SentenceView(sent, sec, msent, words, cands, rule_tags(words, cands), review)
