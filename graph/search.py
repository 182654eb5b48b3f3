"""Entity search, defined once for both stores.

A node matches a query ``q`` (already folded to simplified characters) when
``q`` is a substring of its name or of an alias, as written or folded to
simplified characters, letters in any case (:func:`matches`: ``ai`` finds AI).  When ``q`` holds a form of the
table of standard short forms (``graph/data/resolution.toml [body]
abbreviations``: 发改委, 人社, 住建, 发展改革委, 国有企业 …), a node also
matches when ``q`` with every short form of the table applied (its key,
:func:`abbreviated_query`) is a substring of one of those forms or of one of
them with the table applied (:func:`matches_abbreviated`): 发改委 finds
省发展改革委 (省发改委), 人社厅 finds 省人力资源和社会保障厅 (省人社厅), and
发展改革委 finds 市发改委.  Hits are ranked by :func:`rank_key`: the nodes
``q`` itself matches first, then those it matches only under the table; within
each, documents mentioning the node (most first), then an exact name match,
then mentions (most first), then the shorter name, then the id.

The Neo4j store finds candidates through its ``cjk`` full-text index and
then applies the same predicate and order on the server:

* :func:`search_text` is the indexed text of a node (``aliases_text``): its
  name and aliases, each also folded to simplified characters, one per line;
  then, after an empty line (:data:`KEYS`), those forms with the table applied
  where that changes them.  A query matches a node exactly when it is a
  substring of one of the lines before the empty line (or of the name), its key
  under the table when it is a substring of any line, which is what
  :data:`policykg.graph.cypher.SEARCH` checks, on the lines and the query in small
  letters (Cypher's ``toLower``, Python's ``str.lower``: ``ai`` finds AI on both
  stores; the ``cjk`` analyzer lowercases Latin terms too, but the query sends none).
* :func:`lucene_query` turns ``q`` into a query the index can answer.  The
  ``cjk`` analyzer indexes overlapping pairs of ideographs (乡村振兴 -> 乡村,
  村振, 振兴), so every pair of adjacent ideographs of ``q`` is a term any
  matching node contains; the index returns the nodes holding all of them (a
  superset of the hits), and the exact substring test then removes the rest.
  :func:`search_lucene` asks for the pairs of ``q`` or those of its key.
  A query without two adjacent ideographs (one character, Latin letters or
  digits) has no such term: the store then scans the entity nodes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .document_merges import abbreviate, holds_abbreviation_form
from .names import FULLWIDTH_MARKS, to_simplified

__all__ = ["KEYS", "LINE", "abbreviated_query", "find_entities", "id_query", "lucene_query", "matches",
           "matches_abbreviated", "near_names", "near_names_apart", "rank_key", "search_lucene", "search_text",
           "similar_entities", "similar_names"]

#: Separates the forms in ``aliases_text``; no name holds a line break (sentences are split at them).
LINE = "\n"
#: Separates, in ``aliases_text``, the forms as written and folded from the same forms under the table of
#: standard short forms (an empty line: no form is empty).
KEYS = LINE + LINE
#: Ideographs the ``cjk`` analyzer pairs up: CJK Unified Ideographs and Extension A (other characters break a run).
_IDEOGRAPH_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
#: At most this many pairs are sent (any subset of the pairs still finds every hit).
MAX_TERMS = 16


@lru_cache(maxsize=500_000)
def _folded(form: str) -> str:
    """``form`` folded to simplified characters and ASCII marks (as the query is:
    :func:`~policykg.graph.names.search_form`), cached: search tests every entity's forms on each query, and
    OpenCC costs about 3 µs a character."""
    return to_simplified(form).translate(FULLWIDTH_MARKS)


@lru_cache(maxsize=500_000)
def _lowered(form: str) -> tuple[str, str]:
    """``form`` as written and folded (:func:`_folded`), both in small letters (``str.lower``, as Cypher's ``toLower``
    makes them on the Neo4j store), cached."""
    return form.lower(), _folded(form).lower()


def matches(q: str, forms: list[str]) -> bool:
    """True when ``q`` is a substring of one of ``forms``, as written or folded to simplified characters, letters in
    any case (``ai`` finds AI: it found nothing, a walkthrough; :data:`policykg.graph.cypher.SEARCH` folds alike)."""
    q = q.lower()
    return any(q in x for f in forms for x in _lowered(f))


def abbreviated_query(q: str) -> str | None:
    """The key of a search under the table of standard short forms: ``q`` with every pair of ``[body]
    abbreviations`` applied (:func:`~policykg.graph.document_merges.abbreviate`), or ``None`` when ``q`` holds no
    form of the table (a full or a short one), so that such a query matches as it always did.

    Args:
        q: the search, as :func:`~policykg.graph.names.search_form` leaves it.

    Returns:
        e.g. 发改委 -> 发改委, 省发展改革委 -> 省发改委, 人力资源和社会保障厅 -> 人社厅, 乡村振兴 -> ``None``.
    """
    return abbreviate(q) if holds_abbreviation_form(q) else None


@lru_cache(maxsize=500_000)
def _key_forms(form: str) -> tuple[str, ...]:
    """``form`` as written and folded to simplified characters, and both under the table of standard short forms,
    in small letters, cached (an abbreviated search tests every entity's forms)."""
    folded = _folded(form)
    return tuple(x.lower() for x in (form, folded, abbreviate(form), abbreviate(folded)))


def matches_abbreviated(key: str, forms: list[str]) -> bool:
    """True when ``key`` (of :func:`abbreviated_query`) is a substring of one of ``forms``, as written, folded to
    simplified characters, or either with the table of standard short forms applied, letters in any case."""
    key = key.lower()
    return any(key in x for f in forms for x in _key_forms(f))


def rank_key(node: dict[str, Any], q: str, abbreviated: bool = False) -> tuple:
    """Sort key of a hit: (abbreviated, -doc_count, name != q, -mention_count, len(name), id).

    Args:
        node: the hit's node dict (``name``, ``id``, ``doc_count``, ``mention_count``).
        q: the search (:func:`~policykg.graph.names.search_form`).
        abbreviated: the node matches only under the table of standard short forms (:func:`matches_abbreviated`,
            not :func:`matches`): it comes after every node ``q`` itself matches.
    """
    return (abbreviated, -node.get("doc_count", 0), node["name"] != q, -node.get("mention_count", 0),
            len(node["name"]), node["id"])


def search_text(name: str, aliases: list[str]) -> str:
    """The indexed search text of an entity: name and aliases and their folded forms (simplified characters,
    ASCII brackets and marks: :func:`_folded`), one per line, no repeats;
    then, when the table of standard short forms changes any of those lines, :data:`KEYS` and the changed lines with
    it applied, one per line (省发展改革委 is followed by an empty line and 省发改委).

    Args:
        name, aliases: the entity's name and aliases as stored.

    Returns:
        The text of ``aliases_text`` (鄉村 gives the two lines 鄉村 and 乡村).
    """
    forms = [name, *aliases]
    written = dict.fromkeys([*forms, *(_folded(f) for f in forms)])
    keys = [k for k in dict.fromkeys(abbreviate(f) for f in written) if k not in written]
    return LINE.join(written) + (KEYS + LINE.join(keys) if keys else "")


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


def search_lucene(q: str, key: str | None) -> str | None:
    """The full-text query of a name search: the pairs of ``q`` (:func:`lucene_query`), or, for a query with a key
    under the table of standard short forms (:func:`abbreviated_query`) other than itself, those of ``q`` or those
    of the key (``aliases_text`` holds the forms under the table, :func:`search_text`).

    Returns:
        e.g. ``'("人力" AND …) OR ("人社" AND "社厅")'`` for 人力资源和社会保障厅, or ``None`` when either has no
        two adjacent ideographs (the store scans then).
    """
    literal = lucene_query(q)
    if key is None or key == q or literal is None:
        return literal
    short = lucene_query(key)
    return None if short is None else f"({literal}) OR ({short})"


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
    label = label if label in ENTITY_LABELS else None
    try:
        found = [h["id"] for h in store.search(name, label, limit)] if name else []
    except (ValueError, PolicyKGError):
        return []
    return found or similar_names(store, name, label, limit)


def near_names_apart(store: Any, name: str, label: str | None, limit: int = 3, asked: str = ""
                     ) -> tuple[list[str], list[str]]:
    """What a refusal of ``name`` under ``label`` offers: the entities of ``label`` like it (:func:`near_names`), and,
    only when none is and ``label`` is a Program, Goal or Body, those of the other labels, which the refusal names
    apart, as of another label ("under other labels, perhaps Goal:乡村振兴"), never as if they were of the label asked
    (an id or a ``--label`` whose label holds nothing like the name offered nothing: Program:乡村振心, where the Goal
    乡村振兴 is one character away).  For the command line (:func:`policykg.cli_names.named_entity`), which has no
    search box to offer: the API's 404 says where to search (``/search?q=``) and the explorer offers its search box.

    Args:
        store: a :class:`~policykg.graph.store.GraphStore`.
        name: the name as typed, without its label.
        label: the label asked (``None``: any, and nothing is apart).
        limit: most ids of each list.
        asked: the id asked, never offered.

    Returns:
        ``(of the label, of other labels)``, each best first; the second empty when the first is not.
    """
    hits = [h for h in near_names(store, name, label, limit) if h != asked]
    if hits or label not in ("Program", "Goal", "Body"):
        return hits, []
    return [], [h for h in near_names(store, name, None, limit) if h != asked and not h.startswith(f"{label}:")]


#: Least rapidfuzz ``ratio`` (0-100) of a name to an entity's name or alias for :func:`similar_names`: one character
#: wrong in four (乡村振心 for 乡村振兴) scores 75.
SIMILAR_CUTOFF = 70


def similar_names(store: Any, name: str, label: str | None = None, limit: int = 3) -> list[str]:
    """Ids of the entities with a name or alias most like ``name``, best first: the suggestions for a typo the
    substring search cannot find (乡村振心, 乡材振兴 found nothing and suggested nothing: a walkthrough, session 49).
    A name is like it at one edit (rapidfuzz Levenshtein: one character wrong, missing or added, which a name of
    three characters needs, 财政布 for 财政部: ratio 67, session 50) or at a ``ratio`` of at least
    :data:`SIMILAR_CUTOFF`; the fewest edits first, then a name of the length typed (a character wrong rather than
    one missing: 财政部 before 财政), then the ratio.  Reads every entity's names, so it is for a miss, not for every
    lookup.

    Args:
        store: a :class:`~policykg.graph.store.GraphStore`.
        name: the name as typed.
        label: only entities of this label (``None``: any).
        limit: most ids returned.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    from .names import match_key

    key = match_key(name)
    if len(key) < 2:
        return []
    best: dict[str, tuple[int, int, float]] = {}
    for nid, lb, names in store.entity_names():
        if label is not None and lb != label:
            continue
        for k in {match_key(n) for n in names}:
            edits, ratio = Levenshtein.distance(key, k), fuzz.ratio(key, k)
            rank = (edits, abs(len(k) - len(key)), -ratio)
            if ((edits <= 1 and len(key) >= 3) or ratio >= SIMILAR_CUTOFF) and rank < best.get(nid, (99, 99, 0.0)):
                best[nid] = rank
    return sorted(best, key=lambda i: (best[i], i))[:limit]


def id_query(q: str, label: str | None) -> tuple[str, str | None]:
    """``(name, label)`` to search for ``q``: an entity id (``Body:国务院``, as every answer writes one) is searched as
    its name under its label (it found nothing: a walkthrough, session 50); anything else as given."""
    from .schema import ENTITY_LABELS

    head, sep, rest = q.partition(":")
    return (rest, label or head) if sep and head in ENTITY_LABELS and rest.strip() else (q, label)


def find_entities(store: Any, q: str, label: str | None = None, limit: int = 20, offset: int = 0
                  ) -> list[dict[str, Any]]:
    """The name search of the API's ``/search`` and ``policykg search``: up to ``limit + 1`` entities whose name or
    alias holds ``q`` from the ``offset``-th on (:meth:`GraphStore.search`, which lists at most
    :data:`~policykg.graph.store.MAX_SEARCH`; one more than ``limit`` says the list goes on), or, when none does,
    up to ``limit`` of the names most like it from the ``offset``-th on (:func:`similar_entities`, marked
    ``"match": "similar"``); an entity id is searched as its name under its label (:func:`id_query`).

    Raises:
        ValueError: as :meth:`GraphStore.search` (an empty query, an unknown label, a limit out of range).
    """
    from .store import MAX_SEARCH

    name, label = id_query(q, label)
    hits = store.search(name, label, min(MAX_SEARCH, offset + limit + 1))
    if hits:
        return hits[offset:]
    return similar_entities(store, name, label, offset + limit)[offset:]


def similar_entities(store: Any, name: str, label: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """The node dicts of :func:`similar_names` (as :meth:`GraphStore.search` gives them), each marked
    ``"match": "similar"``: what a name search that finds nothing offers instead (乡村振心 → Goal:乡村振兴; the API's
    ``/search``, the explorer's suggestions and ``policykg search``).

    Args:
        store: a :class:`~policykg.graph.store.GraphStore`.
        name: the name as typed.
        label: only entities of this label (``None``: any).
        limit: most entities returned.

    Returns:
        Up to ``limit`` node dicts, most alike first; empty when no name comes within :data:`SIMILAR_CUTOFF`.
    """
    return [{**store.get_node(nid)["node"], "match": "similar"} for nid in similar_names(store, name, label, limit)]
