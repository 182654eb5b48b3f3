"""One root exception with a few precise children.

The API maps them to HTTP status codes in one place
(:mod:`policykg.api.errors`); the CLI turns them into one-line messages.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNameError",
    "ConfigError",
    "CurationError",
    "GoneError",
    "LoadError",
    "NotFoundError",
    "PolicyKGError",
    "QueryError",
    "QueryTimeoutError",
    "StoreError",
    "WriteRefusedError",
]


class PolicyKGError(Exception):
    """Root of every error policykg raises on purpose."""


class LoadError(PolicyKGError):
    """A source file could not be read or parsed.

    Attributes:
        path: the file's path as given by the user.
        reason: one sentence a user understands (empty, binary, cannot be decoded, ...).
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        # a worker process returns the error to the loader by pickling it; the default
        # (the class with ``args``, here the one joined message) cannot build it again
        return type(self), (self.path, self.reason)


class NotFoundError(PolicyKGError):
    """A node or document id is not in the store."""


class AmbiguousNameError(PolicyKGError):
    """A name asked for (not an id) is the name or an alias of several entities: none is taken, the asker chooses one
    by its id (the API answers 300 Multiple Choices).

    Args:
        name: the name as asked (``以旧换新``).
        candidates: the entities, most documented first: ``{"id", "label", "name", "documents"}`` each
            (:func:`policykg.graph.name_choice.candidate_rows`).
        addresses: for the API, the address of each candidate's answer, in the same order (empty on the command line).
    """

    def __init__(self, name: str, candidates: list[dict], addresses: list[str] | None = None) -> None:
        shown = "; ".join(f"{c['id']} ({c['label']}, {c['documents']} document{'' if c['documents'] == 1 else 's'})"
                          for c in candidates)
        super().__init__(f"{name!r} is the name or an alias of {len(candidates)} entities: {shown}; none was taken: ask "
                         f"for the one meant by its id ({candidates[0]['id']})")
        self.name = name
        self.candidates = candidates
        self.addresses = addresses or []

    def __reduce__(self):
        return type(self), (self.name, self.candidates, self.addresses)


class GoneError(NotFoundError):
    """An entity id a curation decision rejected: the entity is not in the store, on purpose (the API answers 410)."""


class QueryError(PolicyKGError):
    """A query is malformed, unsupported by the store's engine, or timed out."""


class QueryTimeoutError(QueryError):
    """A read-only query ran past its time limit and was stopped (or, on the embedded store, abandoned).

    Args:
        timeout_s: the limit in seconds (``POLICYKG_CYPHER_TIMEOUT_S``).
    """

    def __init__(self, timeout_s: float) -> None:
        super().__init__(f"query exceeded the {timeout_s:g} s limit; narrow it or raise POLICYKG_CYPHER_TIMEOUT_S")
        self.timeout_s = timeout_s

    def __reduce__(self):
        # as LoadError: rebuilt from the limit, not from the joined message (which ``__init__`` cannot take)
        return type(self), (self.timeout_s,)


class WriteRefusedError(QueryError):
    """A query sent to the read-only endpoint would write to the graph."""


class StoreError(PolicyKGError):
    """The store cannot be opened or reached, or a write failed and was rolled back."""


class ConfigError(PolicyKGError):
    """A setting has an invalid or unsafe value."""


class CurationError(PolicyKGError):
    """The curation file cannot be read, or a decision is malformed or names something that is not there.

    The message names the file (and the decision) and the reason; nothing in the store changes.
    """


class CurationBusyError(CurationError):
    """Another process is changing the curation file (recording or taking out a decision, re-applying it) and did not
    finish within the time a request waits; nothing was changed."""
