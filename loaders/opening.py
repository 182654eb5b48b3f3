"""The lines that open an official document before its first sentence: title, issue number and the addressee line.

Notices sent down a hierarchy open with them (GB/T 9704-2012 公文格式); the addressee line (主送机关) names
Bodies whatever the tagger made of it (:func:`.rules.body_forms.addressees`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .rules.body_forms import addressees
from .rules.common import Candidate

if TYPE_CHECKING:
    from .sentence_views import SentenceView

__all__ = ["OPENING_LINES", "addressed", "opening_lines", "still_opening"]


#: Lines at the top of a document that may hold its addressees (title, issue number, addressees).
OPENING_LINES = 8


def still_opening(k: int, view: SentenceView) -> bool:
    """Whether the document's ``k``-th sentence ``view`` still opens it, given that every sentence before it
    did: at most :data:`OPENING_LINES` of them (title, issue number, addressee line), none holding a 。."""
    return k < OPENING_LINES and "。" not in view.matching


def opening_lines(views: list[SentenceView]) -> int:
    """How many of the document's first sentences open it (:func:`still_opening`)."""
    k = 0
    while k < len(views) and still_opening(k, views[k]):
        k += 1
    return k


def addressed(views: list[SentenceView], candidates: list[list[Candidate]]) -> None:
    """Read the addressee line of a notice (:func:`.rules.body_forms.addressees`) whatever the tagger made of it.

    The line is one of the :func:`opening_lines`.  Its organs replace the candidates they overlap in
    ``candidates`` (one list per view, changed in place); a tagger that has seen a few such lines read
    a list of bare organ names (发展改革委、教委、财政局…) as one Goal.
    """
    for k in range(opening_lines(views)):
        organs = addressees(views[k].matching)
        if organs:
            kept = [c for c in candidates[k] if not any(c.start < o.end and o.start < c.end for o in organs)]
            candidates[k] = sorted(kept + organs, key=lambda c: c.start)
