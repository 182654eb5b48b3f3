"""The genre of a document, as far as the models read it differently.

Annotators name Programs and Goals more or less sparingly by genre: the organisation-work documents (组织工作要点,
a department's speech or experience material) name few, a work report or an implementation plan many.  The two
models (:mod:`policykg.loaders.tagger`, :mod:`policykg.loaders.pairs`) are fitted with a copy of every feature of
a document of such a genre (feature augmentation, Daumé III 2007, "Frustratingly easy domain adaptation", as
:data:`~policykg.loaders.tagger.ADAPTED` does for a group's own annotation), and a document of it is read with those
copies folded in (:meth:`policykg.loaders.crf.CrfModel.folded`); any other is read with the shared weights alone.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import lexicon

__all__ = ["ORGANISATION_WORK", "genre_copies", "genre_name", "genre_note", "organisation_work", "organisation_work_rate"]

#: Prefix of the feature copies of the organisation-work genre.
ORGANISATION_WORK = "genre:org|"


def organisation_work_rate(text: str) -> float:
    """How often ``text`` names organisation work (``lexicon.toml [text] organisation_work_words``: 组织工作, in
    either script), per 10,000 characters (0.0 for an empty text)."""
    if not text:
        return 0.0
    return 1e4 * sum(text.count(w) for w in _spellings()) / len(text)


@lru_cache(maxsize=1)
def _spellings() -> tuple[str, ...]:
    """The words of ``[text] organisation_work_words`` in simplified and in traditional script (组织工作, 組織工作),
    counted in the text as written: converting a whole text (:func:`policykg.graph.names.matching_text`) would cost
    a load about 0.25 s per million characters."""
    from opencc import OpenCC

    to_traditional = OpenCC("s2t").convert
    return tuple(dict.fromkeys(v for w in lexicon().words("text", "organisation_work_words") for v in (w, to_traditional(w))))


def organisation_work(text: str) -> bool:
    """True when ``text`` is of the organisation-work genre: it names 组织工作 at least
    ``[text] organisation_work_per_10k`` times per 10,000 characters (3.0; the five seeds 3.7-12.0, the party's
    regulation of organisation work 36.6, the other 109 annotated texts at most 2.2).  A text shorter than 3,334
    characters is of the genre on one mention (two of the five seeds are: 001 and 004)."""
    return organisation_work_rate(text) >= _least_rate()


def _least_rate() -> float:
    """``[text] organisation_work_per_10k``: the least rate of a text of the genre."""
    return float(lexicon().raw["text"]["organisation_work_per_10k"])


def genre_copies(text: str) -> tuple[str, ...]:
    """The prefixes of the feature copies a document of ``text`` carries in fitting and is read with: ``()``, or
    ``(ORGANISATION_WORK,)``."""
    return (ORGANISATION_WORK,) if organisation_work(text) else ()


def genre_name(copies: tuple[str, ...]) -> str | None:
    """The name of the genre whose copies ``copies`` (:func:`genre_copies`) are: ``"organisation work"``, or ``None``
    for none (the Document node's ``genre`` property: how the models read the document)."""
    return "organisation work" if ORGANISATION_WORK in copies else None


def genre_note(text: str) -> str:
    """One line saying how the models read ``text`` and why, for ``policykg extract --explain``."""
    rate, least = organisation_work_rate(text), _least_rate()
    if rate >= least:
        return (f"genre: organisation work (组织工作 {rate:.1f} times per 10,000 characters, at least {least:g}): "
                "read with the models' copies for that genre")
    return f"genre: none read apart (组织工作 {rate:.1f} times per 10,000 characters, below {least:g})"
