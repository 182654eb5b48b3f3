"""A pickled copy of the embedded store's in-memory graph, so that opening a store need not replay every document.

Opening a store replays each document's property graph from SQLite into
networkx; at corpus scale (670 documents, 241,000 relationships) that took
about 8 s, most of ``policykg serve``'s start-up.  Unpickling the finished
graph takes about 2 s.  The snapshot lives beside ``graph.sqlite`` as
``graph.snapshot`` and is only a cache: SQLite stays the record.

Which documents a snapshot holds is its *key*: document id -> the ``seq`` of
the row it was built from.  Every write of a document gets a ``seq`` never
used before (the store's ``meta.last_seq`` counter), so equal keys mean equal
contents; a store whose rows differ from the key replays only the documents
that differ (see :class:`policykg.graph.embedded.EmbeddedStore`).

The file is a pickle: like the SQLite file beside it, it must come from the
user's own data directory, never from an untrusted source (unpickling runs
code).  A file of another format version, Python or networkx version, or one
that cannot be read, is ignored with a warning and replaced at the next write.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from .memory import paused_gc
from .schema import MentionTally

__all__ = ["FILE_NAME", "load", "save"]

logger = logging.getLogger(__name__)

#: The snapshot's file name inside the data directory.
FILE_NAME = "graph.snapshot"

#: Bumped whenever the pickled state's shape changes (the embedded store's ``_open`` and ``save_snapshot``) or the
#: graph it holds would be decoded otherwise (2: a Section's depth is ``outline_level``, no longer ``level``).
_FORMAT = 2


def _header() -> tuple[Any, ...]:
    """What must be equal for a snapshot to be read: this format, Python's and networkx's versions,
    and the fields of the pickled per-entity counts (so a change to them cannot be read as the old one)."""
    return ("policykg-snapshot", _FORMAT, sys.version_info[:2], nx.__version__, MentionTally.__slots__)


def load(path: Path) -> tuple[dict[str, int], Any] | None:
    """Read the snapshot at ``path``.

    Returns:
        ``(key, state)``: ``key`` maps document id to the ``seq`` of the row the
        state was built from; ``state`` is what :func:`save` was given.  ``None``
        when there is no file, or it is of another version or unreadable (logged).
    """
    try:
        f = path.open("rb")
    except FileNotFoundError:
        return None
    except OSError as exc:
        logger.warning("%s: snapshot not read (%s); replaying the documents", path, exc)
        return None
    with f, paused_gc():
        try:
            header = pickle.load(f)
            if header != _header():
                logger.info("%s: snapshot of another version %r; replaying the documents", path, header)
                return None
            key, state = pickle.load(f)
        except Exception as exc:  # any damage to a cache means: rebuild from the record
            logger.warning("%s: snapshot unreadable (%s: %s); replaying the documents", path, type(exc).__name__, exc)
            return None
    return key, state


def save(path: Path, key: dict[str, int], state: Any) -> bool:
    """Write ``(key, state)`` to ``path`` atomically (a temporary file renamed over it).

    Returns:
        ``True`` when written; ``False`` when writing failed (logged; the store
        works without a snapshot, it only opens more slowly).
    """
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f, paused_gc():
            pickle.dump(_header(), f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump((key, state), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except (OSError, pickle.PicklingError, RecursionError) as exc:
        logger.warning("%s: snapshot not written (%s)", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False
