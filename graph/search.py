"""Entity search, defined once for both stores.

A node matches a query ``q`` (already folded to simplified characters) when
``q`` is a substring of its name or of an alias, as written or folded to
simplified characters (:func:`matches`).  Hits are ranked by
:func:`rank_key`: documents mentioning the node (most first), then an exact
name match, then mentions (most first), then the shorter name, then the id.

The Neo4j store finds candidates through its ``cjk`` full-text index and
then applies the same predicate and order on the server:

* :func:`search_text` is the indexed text of a node (``aliases_text``): its
  name and aliases, each also folded to simplified characters, one per line.
  A query matches a node exactly when it is a substring of one of those lines
  (or of the name), which is what :data:`policykg.graph.cypher.SEARCH` checks.
* :func:`lucene_query` turns ``q`` into a query the index can answer.  The
  ``cjk`` analyzer indexes overlapping pairs of ideographs (乡村振兴 -> 乡村,
  村振, 振兴), so every pair of adjacent ideographs of ``q`` is a term any
  matching node contains; the index returns the nodes holding all of them (a
  superset of the hits), and the exact substring test then removes the rest.
  A query without two adjacent ideographs (one character, Latin letters or
  digits only) has no such term: the store then scans the entity nodes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .names import to_simplified

__all__ = ["LINE", "lucene_query", "matches", "near_names", "rank_key", "search_text"]

#: Separates the forms in ``aliases_text``; no name holds a line break (sentences are split at them).
LINE = "\n"
#: Ideographs the ``cjk`` analyzer pairs up: CJK Unified Ideographs and Extension A (other characters break a run).
_IDEOGRAPH_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
#: At most this many pairs are sent (any subset of the pairs still finds every hit).
MAX_TERMS = 16


@lru_cache(maxsize=500_000)
def _folded(form: str) -> str:
    """``form`` folded to simplified characters, cached: search tests every entity's forms on each query,
    and OpenCC costs about 3 µs a character."""
    return to_simplified(form)


def matches(q: str, forms: list[str]) -> bool:
    """True when ``q`` is a substring of one of ``forms``, as written or folded to simplified characters."""
    return any(q in f or q in _folded(f) for f in forms)


def rank_key(node: dict[str, Any], q: str) -> tuple:
    """Sort key of a hit: (-doc_count, name != q, -mention_count, len(name), id)."""
    return (-node.get("doc_count", 0), node["name"] != q, -node.get("mention_count", 0), len(node["name"]), node["id"])


def search_text(name: str, aliases: list[str]) -> str:
    """The indexed search text of an entity: name and aliases and their simplified forms, one per line, no repeats."""
    forms = [name, *aliases]
    seen = dict.fromkeys([*forms, *(to_simplified(f) for f in forms)])
    return LINE.join(seen)


def lucene_query(q: str, every: bool = True) -> str | None:
    """Return the full-text query for ``q`` (its ideograph pairs joined by AND), or ``None`` when it has none.

    Args:
        q: the search text, already folded to simplified characters.
        every: ``False`` joins the pairs by OR: a text that writes ``q`` with quotation marks inside (“五星”支部
            for 五星支部) lacks the pairs they split, so a search that skips the marks asks for any pair.

    Returns:
        e.g. ``'"乡村" AND "村振" AND "振兴"'`` (each pair quoted: no Lucene syntax can leak in),
        or ``None`` when ``q`` has no two adjacent ideographs.
    """
    pairs: dict[str, None] = {}
    for run in _IDEOGRAPH_RUN.findall(q):
        for i in range(len(run) - 1):
            pairs.setdefault(run[i:i + 2])
    if not pairs:
        return None
    return (" AND " if every else " OR ").join(f'"{p}"' for p in list(pairs)[:MAX_TERMS])


def near_names(store: Any, name: str, label: str | None = None, limit: int = 3) -> list[str]:
    """Ids of the entities the name search finds for ``name`` (of ``label`` when it is an entity label), best first:
    what an unknown name or id suggests trying (the API's 404s of :mod:`policykg.api.naming`, the command line's
    lookups).  Empty for a name the search refuses (only marks, too long).

    Args:
        store: a :class:`~policykg.graph.store.GraphStore`.
    """
    from policykg.errors import PolicyKGError

    from .schema import ENTITY_LABELS

    name = name.strip()
    try:
        return [h["id"] for h in store.search(name, label if label in ENTITY_LABELS else None, limit)] if name else []
    except (ValueError, PolicyKGError):
        return []
