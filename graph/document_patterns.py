"""Which loaded documents ``documents=`` patterns (``--documents``) keep, and what to write instead of a pattern that
keeps none.

A pattern is shell-style (:func:`fnmatch.fnmatchcase`: ``gwr-*``, ``*政府工作报告*``) and matches a document's whole id
(``Document:gwr-2024`` or ``gwr-2024``) or title, never its place: ``/sentences``, ``/documents``, the analytics and
the diffusion all keep documents so (:func:`matching_documents`).  A bare word that matches nothing gets a hint
(:class:`NoDocumentMatches`): the word with wildcards around it when that keeps some documents, and the documents of
the place it names when it names one (``广州`` for 广州市, as ``policykg compare`` reads places), with a pattern that
keeps exactly them when one does, else their ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fnmatch import fnmatchcase
from typing import Any

from policykg.errors import NotFoundError

from .scope_errors import API_NAMES, given_each

__all__ = ["NoDocumentMatches", "matching_documents"]

#: At most this many ids of a place's documents are listed, and offered one by one as patterns.
LISTED = 5


def matching_documents(documents: dict[str, dict[str, Any]], patterns: Sequence[str]) -> set[str]:
    """Ids of ``documents`` (id -> source document node) whose id or title matches one of ``patterns`` (module
    docstring): what every ``documents=`` (``--documents``) keeps.

    Raises:
        NoDocumentMatches: (a NotFoundError) a pattern matches no document; the message suggests what to write
            instead (:class:`NoDocumentMatches`).
    """
    out: set[str] = set()
    for pattern in patterns:
        hit = _matching(documents, pattern)
        if not hit:
            raise NoDocumentMatches(documents, pattern)
        out |= hit
    return out


def _matching(documents: dict[str, dict[str, Any]], pattern: str) -> set[str]:
    """Ids of ``documents`` whose id or title matches the one ``pattern`` (:func:`matching_documents`)."""
    # the id with its label only for a pattern written so: [!g]* matched every Document:… (a regression check,
    # session 58)
    return {d for d, n in documents.items()
            if any(fnmatchcase(t, pattern) for t in (d if pattern.startswith("Document:") else d.partition(":")[2],
                                                     n.get("title") or ""))}


def _bare_ids(ids: Sequence[str] | set[str], most: int | None = 3) -> str:
    """``gwr-四川, gwr2025-四川, …``: the first ``most`` of ``ids`` (all for ``None``), sorted, without ``Document:``."""
    bare = sorted(d.partition(":")[2] for d in ids)
    return ", ".join(bare[:most]) + (", …" if most is not None and len(bare) > most else "")


def _counted(n: int) -> str:
    return f"{n:,} document{'s' if n != 1 else ''}"


class NoDocumentMatches(NotFoundError):
    """A pattern matches no document's id or title: a bare place or word (``四川``) matched nothing and the message
    listed the first ids alphabetically (``cpc-congress-1-beijing``: a walkthrough, session 64), and a place whose
    documents have pinyin ids (``广州``: ``guangzhou_…``) got no word that patterns never read places (session 65).

    What it found is kept, and :meth:`words` says it with the caller's names (``str()``: the API's):

    * ``wider``: the ids the pattern with ``*`` around it keeps (a bare word only; empty when none);
    * ``place``: ``(place, ids)``, the place the bare word names (:func:`~policykg.graph.compare.place_documents`)
      and its documents, or ``None``;
    * ``keeper``: a pattern keeping exactly the place's documents (the word or the place with wildcards, or the ids'
      common beginning with ``*``), or ``None``;
    * ``some``: the first four ids, when neither the wider pattern nor a place helps.
    """

    def __init__(self, documents: dict[str, dict[str, Any]], pattern: str) -> None:
        from .compare import place_documents  # compare reads the analytics, which match patterns here

        self.pattern = pattern
        bare = bool(pattern) and not any(c in pattern for c in "*?[")
        self.wider = _matching(documents, f"*{pattern}*") if bare else set()
        self.place = place_documents(documents, pattern) if bare else None
        self.keeper = _keeper(documents, pattern, *self.place) if self.place else None
        self.some = sorted(documents)[:4]
        super().__init__(self.words())

    def words(self, names: Mapping[str, str] = API_NAMES) -> str:
        """``no loaded document has an id or title matching '广州' (…; * stands for any characters)``, its hint naming
        the ``documents`` parameter as ``names`` does (``--documents``) where it says how to give ids."""
        return f"no loaded document has an id or title matching {self.pattern!r} ({self._hint(names)}; * stands for any " \
            "characters)"

    def _hint(self, names: Mapping[str, str]) -> str:
        wider = f"'*{self.pattern}*' keeps {_counted(len(self.wider))}, {_bare_ids(self.wider)}" if self.wider else ""
        if self.place is None:
            return f"a pattern matches a whole id or title: {wider}" if wider else "ids such as " + _bare_ids(self.some, None)
        place, ids = self.place
        if self.keeper == f"*{self.pattern}*":
            return f"a pattern matches a whole id or title: {wider} (every document of {place})"
        of_place = f"{place} is the place of {_counted(len(ids))}, {_bare_ids(ids, LISTED)}"
        if self.keeper is not None:
            how = f"'{self.keeper}' keeps them"
        elif len(ids) <= LISTED:
            how = "give their ids: " + given_each(names["documents"], [d.partition(":")[2] for d in ids])
        else:
            how = "give their ids"
        also = f"; {wider}" if wider else ""
        return f"patterns match ids and titles, not places: {of_place}; {how}{also}"


def _keeper(documents: dict[str, dict[str, Any]], word: str, place: str, ids: list[str]) -> str | None:
    """A pattern that keeps exactly the documents ``ids`` of ``place`` (named by ``word``): ``*word*``, ``*place*``
    or the common beginning of their ids (three characters or more) with ``*``, the first that does; else ``None``."""
    bare = sorted(d.partition(":")[2] for d in ids)  # the first and the last in order share what all share
    prefix = bare[0][:next((i for i, (a, b) in enumerate(zip(bare[0], bare[-1], strict=False)) if a != b), len(bare[0]))]
    for pattern in dict.fromkeys([f"*{word}*", f"*{place}*", f"{prefix}*" if len(prefix) >= 3 else ""]):
        if pattern and _matching(documents, pattern) == set(ids):
            return pattern
    return None
