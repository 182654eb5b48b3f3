"""The refusals of a scope (``documents=`` patterns, ``year=``, ``doc=``, ``min_documents=``) that keeps no document or
lists nothing, worded in the caller's names for them.

The API and the command line show the same refusals, raised once by the analytics and the sentence search; each names
the parameters as its user writes them: ``documents: …`` and ``year=1800: …`` for the API's query parameters,
``--documents 'zz*': …`` and ``--year 1800: …`` for the command's options (the command line had printed the API's
names: a walkthrough, session 65).  An error keeps what it found, not a finished message: :meth:`ScopeError.words`
builds the message with the names it is given (:data:`API_NAMES` by default, which ``str()`` gives).
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["API_NAMES", "PatternKeepsNothing", "ScopeConflict", "ScopeError", "TooFewDocuments", "YearKeepsNothing",
           "given", "given_each"]

#: How the API names the scope's parameters (its query parameters); the command line passes its options' names.
API_NAMES: Mapping[str, str] = {"doc": "doc", "documents": "documents", "year": "year", "min_documents": "min_documents"}


def _is_option(param: str) -> bool:
    """True for a command-line name: an option (``--year``) or an argument's metavar (``PATTERN``)."""
    return param.startswith("-") or param.isupper()


def given(param: str, value: object = "") -> str:
    """``param`` given ``value`` as its caller writes it: ``year=2024`` (a query parameter), ``--year 2024`` (an option
    or an argument's metavar, ``PATTERN 'zz*'``); with no value, ``year=`` or ``--year``."""
    return f"{param} {value}".rstrip() if _is_option(param) else f"{param}={value}"


def given_each(param: str, values: Sequence[str]) -> str:
    """Each of ``values`` given to the repeatable ``param``, as its caller writes them: ``documents=a&documents=b``,
    ``--documents a --documents b`` (quoted for a shell when they need it), or for an argument's metavar (``PATTERN``)
    the values alone, ``a b``."""
    if not _is_option(param):
        return "&".join(f"{param}={v}" for v in values)
    quoted = [shlex.quote(v) for v in values]
    return " ".join(quoted if param.isupper() else [f"{param} {v}" for v in quoted])


class ScopeError(ValueError):
    """A scope that keeps no document, or a number of documents it cannot meet (a 400 of the API, an error of the
    command line).  ``str()`` is :meth:`words` with :data:`API_NAMES`."""

    def words(self, names: Mapping[str, str] = API_NAMES) -> str:
        """The message, naming the parameters by ``names`` (``{"documents": "--documents", "year": "--year", …}``;
        :data:`API_NAMES` gives the keys)."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.words()


class PatternKeepsNothing(ScopeError):
    """A pattern of ``documents`` matches no loaded document's id or title.

    Attributes:
        pattern: the pattern.
        reason: how to word what it found, with the caller's names: a callable taking ``names`` and returning
            ``no loaded document has an id or title matching 'zz*' (…)`` (the
            :class:`~policykg.graph.document_patterns.NoDocumentMatches` raised while matching).
    """

    def __init__(self, pattern: str, reason: Any) -> None:
        self.pattern, self.reason = pattern, reason
        super().__init__(pattern)

    def words(self, names: Mapping[str, str] = API_NAMES) -> str:
        """``documents: no loaded document …`` (the API), ``--documents 'zz*': no loaded document …`` (an option)."""
        param = names["documents"]
        head = given(param, shlex.quote(self.pattern)) if _is_option(param) else param
        return f"{head}: {self.reason(names)}"


class YearKeepsNothing(ScopeError):
    """None of the documents a scope keeps is of ``year`` (a year no document has answered "0 sentences", as if none of
    them held the string: a walkthrough, session 62).

    Attributes:
        year: the year given.
        found: what was found, without the parameter (``no loaded document is of 1800; their years: 1954–1960, …``).
    """

    def __init__(self, year: int, found: str) -> None:
        self.year, self.found = year, found
        super().__init__(year, found)

    def words(self, names: Mapping[str, str] = API_NAMES) -> str:
        """``year=1800: no loaded document is of 1800; …`` (the API), ``--year 1800: …`` (an option)."""
        return f"{given(names['year'], self.year)}: {self.found}"


class ScopeConflict(ScopeError):
    """``doc`` names a loaded document that no pattern of ``documents`` matches, so the two keep no document
    (``policykg sentences 以旧换新 --doc gwr2025-浙江 --documents 'gwr-*'`` printed "0 sentences": a walkthrough).

    Attributes:
        doc: the document's id (``Document:gwr2025-浙江``).
        patterns: the patterns given.
        matched: how many loaded documents they match.
    """

    def __init__(self, doc: str, patterns: Sequence[str], matched: int) -> None:
        self.doc, self.patterns, self.matched = doc, list(patterns), matched
        super().__init__(doc, self.patterns, matched)

    def words(self, names: Mapping[str, str] = API_NAMES) -> str:
        """The message, naming the two as ``names`` does (``doc`` and ``documents``, ``--doc`` and ``--documents``)."""
        doc, documents = names["doc"], names["documents"]
        which = " or ".join(map(repr, self.patterns))
        n, bare = self.matched, self.doc.partition(":")[2]
        return (f"{doc} and {documents} keep no document: {bare} ({doc}) is not among the {n:,} "
                f"document{'s' if n != 1 else ''} matching {which} ({documents}); drop one of the two, or give a pattern "
                f"matching {bare}")


class TooFewDocuments(ScopeError):
    """A diffusion list's ``min_documents`` is above the number of documents read: no entity can be in more documents
    than are read, and the list was empty with no word why (``policykg diffusion --documents 'gwr2025-*'
    --min-documents 31`` printed nothing over the 30 reports kept: a walkthrough).

    Attributes:
        min_documents: the number given.
        read: how many documents are read, and which (``2 documents are read (within the 2 documents matching …)``).
        most: the most that may be given (the number read).
    """

    def __init__(self, min_documents: int, read: str, most: int) -> None:
        self.min_documents, self.read, self.most = min_documents, read, most
        super().__init__(min_documents, read, most)

    def words(self, names: Mapping[str, str] = API_NAMES) -> str:
        """``min_documents=3: only 2 documents are read (…), so no entity is in 3 of them; give at most 2`` (the API),
        ``--min-documents 3: …`` (an option)."""
        m = self.min_documents
        return (f"{given(names['min_documents'], m)}: only {self.read}, so no entity is in {m:,} of them; give at most "
                f"{self.most:,}")
