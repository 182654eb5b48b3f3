"""Checks and predicates of the patterns of MATCH clauses (a step of :mod:`.cypher_translate`): the labels and
relationship types a pattern names, and Neo4j's relationship uniqueness within one MATCH.
"""

from __future__ import annotations

from policykg.errors import QueryError

from .cypher_tokens import INTERNAL_PREFIX

__all__ = ["known", "uniqueness"]


def known(name: str, known: tuple[str, ...], what: str) -> str:
    """``name``, a label or relationship type of a pattern, when policykg's graph has it.

    Raises:
        QueryError: it has not: LadybugDB matched ``PROGRAM`` as ``Program`` (Neo4j's names are case-sensitive: no
            rows there) and answered an unknown name with "Binder exception: Table Progam does not exist".
    """
    if name in known:
        return name
    same = next((k for k in known if k.lower() == name.lower()), None)
    if same is not None:
        raise QueryError(f"no {what} {name!r}: names are case-sensitive in Cypher; did you mean {same!r}?")
    raise QueryError(f"no {what} {name!r} in policykg's graph ({what}s: {', '.join(known)})")


def uniqueness(rels: list[tuple[str, set[str] | None, bool]]) -> list[str]:
    """Predicates that keep two relationship patterns of one MATCH from binding the same relationship."""
    preds = []
    for i, (a, ta, va) in enumerate(rels):
        for b, tb, vb in rels[i + 1:]:
            if a == b or (ta is not None and tb is not None and not ta & tb):
                continue
            if not va and not vb:
                preds.append(f"id({a}) <> id({b})")
            elif va and vb:
                preds.append(f"none({INTERNAL_PREFIX}x IN rels({a}) WHERE id({INTERNAL_PREFIX}x) IN "
                             f"list_transform(rels({b}), {INTERNAL_PREFIX}y -> id({INTERNAL_PREFIX}y)))")
            else:
                fixed, var = (a, b) if vb else (b, a)
                preds.append(f"NOT id({fixed}) IN list_transform(rels({var}), {INTERNAL_PREFIX}y -> id({INTERNAL_PREFIX}y))")
    return preds
