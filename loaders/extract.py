"""Entity extraction by rules: Body, Program, Goal and cited Document mentions in one sentence.

The rules follow the annotation guide (``docs/annotation-guide.md``) and the
conventions of Chinese official writing, one module per entity type under
:mod:`policykg.loaders.rules`; every word list comes from
``loaders/data/lexicon.toml``.  The learned tagger
(:mod:`policykg.loaders.tagger`) reads their output as features and has the
last word (:mod:`policykg.loaders.combine`).

Order of precedence inside a sentence: quoted names (“…” with the type word
after them), cited documents, then unquoted names found from their type word
(Program), goal suffix, gazetteer entry or quantity (Goal) and organ word
(Body).  A candidate overlapping a higher-precedence one is dropped.

:func:`explaining` records, for ``policykg extract --explain``, every span a
rule proposed and what became of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from policykg.graph.names import canonical

from .rules.bodies import bodies, nested_bodies
from .rules.common import TRACE, Candidate, Tokens, ideologies_only, note, rules
from .rules.documents import documents, inner_titles
from .rules.goals import end_state_goals, goals, nested_goals, principle_goals, principle_item_goals, quality_list_goals
from .rules.programs import programs
from .rules.quoted import quoted_names
from .rules.targets import horizon_goals, target_clauses, target_lead_goals, target_run_goal, target_section_goals

__all__ = ["Candidate", "explaining", "extract_sentence"]


@contextmanager
def explaining() -> Iterator[list[dict]]:
    """Collect, while active, one record per span a rule proposed, kept or blocked.

    Yields:
        A list that fills with ``{"start", "end", "label", "name", "rule", "verdict"}``
        dicts (offsets are sentence offsets; the caller adds the sentence).
    """
    records: list[dict] = []
    token = TRACE.set(records)
    try:
        yield records
    finally:
        TRACE.reset(token)


def extract_sentence(sentence: str, words: list[tuple[str, int, int]] | None = None, review: bool = False,
                     targets: bool = False, principles: bool = False, targets_only: bool = False,
                     target_run: bool = False) -> list[Candidate]:
    """Return the entity mentions of one sentence, non-overlapping, in text order.

    Args:
        sentence: one sentence (any text; never raises on arbitrary input).
        words: the sentence's jieba tokens ``(word, start, end)`` with offsets
            into ``sentence``, when the caller has them; tokenized here otherwise.
        review: the sentence reviews past work, so its figures are no targets (guide rule 9).
        targets: the sentence is in a section setting the document's targets (发展目标), whose
            dash-led lines open with an end-state (:func:`.rules.targets.target_lead_goals`).
        principles: the sentence is in a section setting out principles (基本原则), whose 坚持-clauses
            name them (:func:`.rules.goals.principle_item_goals`).
        targets_only: the section sets nothing but the targets (（二）发展目标), so each of the sentence's
            clauses is one (:func:`.rules.targets.target_section_goals`).
        target_run: the sentence goes on with a paragraph opened by a plan's targets (主要目标是：…), so its lead
            clause is one (:func:`.rules.targets.target_run_goal`).

    Returns:
        Candidates whose ``start``/``end`` index ``sentence``; ``sentence[start:end]``
        is the mention's surface text.
    """
    if not sentence.strip():
        return []
    r = rules()
    tokens = Tokens.of(sentence, words)
    found = quoted_names(sentence, r) + documents(sentence, tokens, r)
    found += programs(sentence, tokens, r) + goals(sentence, tokens, r) + quality_list_goals(sentence)
    found += end_state_goals(sentence, tokens) + principle_goals(sentence)
    if principles:
        found += principle_item_goals(sentence)
    found += bodies(sentence, tokens, r)
    if not review:
        found += target_clauses(sentence) + horizon_goals(sentence)
        if targets:
            found += target_lead_goals(sentence)
        if targets_only:
            found += target_section_goals(sentence)
        if target_run:
            found += target_run_goal(sentence) or []
    # a program named after an unmarked title it holds (深入贯彻中央八项规定精神学习教育): the program wins, the
    # title stays a Document nested in it (guide rule 5), as a five-year plan inside a Goal does
    inner = [d for d in found if d.rule in _INNER_TITLE_RULES
             and any(p.rule == "program-type-word" and p.start <= d.start and d.end <= p.end and p.end - p.start
                     > d.end - d.start + 2 for p in found)]
    found = [c for c in found if c not in inner]
    found.sort(key=lambda c: (c.priority, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in found:
        if not c.name or c.end <= c.start:
            continue
        winner = next((k for k in kept if c.start < k.end and k.start < c.end), None)
        if winner is not None:
            note(c, f"blocked: overlaps {winner.label} {winner.name!r} ({winner.rule})")
            continue
        if ideologies_only(canonical(c.name)) or c.name.endswith("精神"):
            note(c, "blocked: guiding ideology or the spirit of a meeting (guide rule 6)")
            continue
        kept.append(c)
        note(c, "kept")
    kept += [note(c, "kept: nested") or c for c in nested_goals(sentence, kept, r) + nested_bodies(kept, found)
             + _nested_plans(kept, found + inner) + inner_titles(sentence, kept)]
    kept.sort(key=lambda c: c.start)
    return kept


def _nested_plans(kept: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """The five-year plan named inside a kept Goal or Program (确保“十四五”规划目标任务圆满完成: the plan is a
    Document of its own, guide rules 5 and 10); ``found`` holds the ``document-plan`` candidates.  Their
    rule is ``document-plan-nested``: the tagger is not told of them (:func:`.combine.rule_tags`), so it still
    reads the span around them as the rules give it."""
    return [Candidate("Document", c.start, c.end, c.name, rule="document-plan-nested", priority=c.priority)
            for c in found if c.rule in ("document-plan", *_INNER_TITLE_RULES) and c not in kept
            and any(k.label != "Document" and k.start <= c.start and c.end <= k.end for k in kept)]


#: Unmarked titles a program may be named after (中央八项规定 in 深入贯彻中央八项规定精神学习教育).
_INNER_TITLE_RULES = ("document-gazetteer", "document-law")
