"""Tiers of government in a Program's name: 乡镇机构改革 in a national report is the townships' part of the reform the
report also names 机构改革, not that reform (``graph/data/resolution.toml [program] tier_words``, ``document_ranks``).

A document names a program for one tier below the level it speaks for by writing the tier, or the tier's organ, before
the program's name (乡镇机构改革, 地方政府机构改革, 省级政府的机构改革; 基层医疗卫生服务体系 in a provincial report), and the
whole program without it.  The within-document merges of a name and a part of it (:mod:`.part_merges`) and of a name
and the name without a scope word (:func:`.document_merges.merge_within_document`) keep such a pair apart; a tier the
document speaks for itself (a province's 省级民生实事) and 各级 (every tier) still merge.
"""

from __future__ import annotations

from functools import lru_cache

from .merging import resolution, resolution_words
from .records import SourceDocument

__all__ = ["below_document", "tier_part", "tier_rank"]


@lru_cache(maxsize=1)
def _tiers() -> tuple[tuple[str, int], ...]:
    """``[program] tier_words`` as ``(word, rank)``, longest word first."""
    return tuple(sorted(((w, int(r)) for w, r in resolution()["program"]["tier_words"]), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _organs() -> tuple[str, ...]:
    """The organs a tier's name may close with (``loaders/data/lexicon.toml [body] organs``: 政府, 党委, 基层政权 …)."""
    from policykg.loaders.lexicon import lexicon

    return tuple(lexicon().words("body", "organs"))


def tier_rank(qualifier: str) -> int | None:
    """The rank of the tier ``qualifier`` names (``[program] tier_words``: 乡镇 -> 4, 地方政府 -> 1, 省级政府 -> 1), or
    ``None`` when it names none: a tier word alone or followed by one organ (乡政府), nothing else (乡村 names no tier,
    各级地方政府 every tier), after a verb of carrying out (``[program] verb_prefixes``: 搞好县级 -> 3, as guide rule 2
    names 搞好县级三讲教育 县级三讲教育).

    Args:
        qualifier: what a longer name writes before a shorter one (a match key's characters, 的 dropped).

    Returns:
        0 (the nation) to 4 (a township or below), or ``None``.
    """
    verb = next((v for v in resolution_words("Program", "verb_prefixes") if qualifier.startswith(v)), "")
    qualifier = qualifier[len(verb):]  # 搞好县级 of 搞好县级三讲教育: guide rule 2 drops the verb, the tier stays
    for word, rank in _tiers():
        if qualifier.startswith(word) and (qualifier == word or qualifier[len(word):] in _organs()):
            return rank
    return None


def document_rank(doc: SourceDocument | None) -> int | None:
    """The rank of the level ``doc`` speaks for (``[program] document_ranks``: 国 0, 省 1 … 县 3), or ``None`` when its
    level is unknown (or there is no document)."""
    if doc is None or doc.level is None:
        return None
    return next((int(r) for level, r in resolution()["program"]["document_ranks"] if level == doc.level), None)


def below_document(qualifier: str, doc: SourceDocument | None) -> bool:
    """Whether ``qualifier`` names a tier of government below the level ``doc`` speaks for (乡镇 or 地方政府 in a national
    report, 基层 in a provincial one), so that the name it qualifies is that tier's program, not the program named
    without it.  ``False`` for a document of unknown level and for a qualifier naming no tier (:func:`tier_rank`).

    Args:
        qualifier: the words a longer name writes before a shorter one; doc: the document writing both.
    """
    rank, own = tier_rank(qualifier), document_rank(doc)
    return rank is not None and own is not None and rank > own


def tier_part(qualifier: str, short: str, doc: SourceDocument | None) -> bool:
    """Whether a name writing ``qualifier`` before ``short`` (a Program's name, or its match key) in ``doc`` names that
    tier's part of the program ``short`` names (:func:`below_document`), which it does when ``short`` closes with a type
    word of ``[program] type_tails`` or ``tier_kinds``: a reform, system or project each tier carries out in its turn
    (机构改革, 医疗卫生服务体系), or a campaign of education rolled out tier by tier (三讲教育 of 搞好县级三讲教育 in the
    2000 report, session 66).  A name closing otherwise names what one tier's organ holds or issues, the tier its owner, which
    the bare name means as well (地方政府专项债券 / 专项债券: only local governments issue them; the 2019-2025 national
    reports write both for one instrument).

    Args:
        qualifier: the words before ``short``; short: the shorter name; doc: the document writing both.
    """
    kinds = resolution_words("Program", "type_tails") + resolution_words("Program", "tier_kinds")
    return short.endswith(kinds) and below_document(qualifier, doc)
