"""Checks and predicates of the patterns of MATCH clauses (a step of :mod:`.cypher_translate`): the labels and
relationship types a pattern names, and Neo4j's relationship uniqueness within one MATCH.
"""

from __future__ import annotations

from policykg.errors import QueryError

from .cypher_tokens import INTERNAL_PREFIX, Tok

__all__ = ["known", "node_pattern_first", "uniqueness"]


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


def node_pattern_first(toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int], first: int) -> bool:
    """Whether the expression opening at token ``first`` is a pattern: a node in parentheses followed by a
    relationship (``(b)--()``, ``(b)-[:LEADS]->()``, ``(b)<-[r]-(x)``), not an expression in parentheses
    (``(size(s)) - 1``, ``(x)--1``).

    Args:
        toks: the query's tokens; ``sig`` the indexes of those that are not white space; ``pos`` token index ->
            position in ``sig``; ``match`` the partner of each bracket token (:func:`.cypher_tokens.brackets`).
        first: a token index.
    """
    if toks[first].text != "(":
        return False
    end = pos[match[first]]
    inside = [toks[sig[j]].text for j in range(pos[first] + 1, end)]
    if "." in inside or "(" in inside:
        return False
    after = "".join(toks[sig[j]].text for j in range(end + 1, min(end + 5, len(sig))))
    return after.startswith(("-[", "<-[", "--(", "-->(", "<--("))  # the operators are tokens of one character
