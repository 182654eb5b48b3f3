"""One root exception with a few precise children.

The API maps them to HTTP status codes in one place
(:mod:`policykg.api.errors`); the CLI turns them into one-line messages.
"""

from __future__ import annotations

__all__ = [
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
