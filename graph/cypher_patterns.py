"""Checks and predicates of the patterns of MATCH clauses (a step of :mod:`.cypher_translate`): the labels and
relationship types a pattern names, and Neo4j's relationship uniqueness within one MATCH.
"""

from __future__ import annotations

from collections.abc import Callable

from policykg.errors import QueryError

from .cypher_tokens import INTERNAL_PREFIX, Tok

__all__ = ["arrow_ends", "bounded_trail", "end_labels", "known", "node_pattern_first", "pattern_end", "uniqueness"]


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
    depth, bare = 0, []  # what stands in the parentheses outside a property map ({name: b.name})
    for j in range(pos[first] + 1, end):
        text = toks[sig[j]].text
        depth += (text == "{") - (text == "}")
        if depth == 0 and text != "}":
            bare.append(text)
    if "." in bare or "(" in bare:
        return False
    after = "".join(toks[sig[j]].text for j in range(end + 1, min(end + 5, len(sig))))
    return after.startswith(("-[", "<-[", "--(", "-->(", "<--("))  # the operators are tokens of one character


def end_labels(variable: str, labels: set[str]) -> str:
    """The predicate that node ``variable`` has one of ``labels``, or ``""`` when every node label is one.

    LadybugDB 0.22 joins a node bound before a pattern to a relationship table by its row offset alone: in
    ``MATCH (p:Program) WHERE EXISTS { MATCH (p)-[:LEADS]->() }`` (LEADS goes from a Body) each Program matched the
    LEADS of the Body at its offset, and the count was 5 where Neo4j answers 0 (``COUNT { }`` and ``OPTIONAL MATCH``
    alike: a regression check, session 58).  The predicate, added to the clause's ``WHERE``, holds only where the
    relationship can be.
    """
    from .schema import NODE_LABELS

    if set(NODE_LABELS) <= labels:
        return ""
    return f"label({variable}) IN [{', '.join(repr(x) for x in sorted(labels))}]"


def arrow_ends(types: set[str] | None, before: str, after: str) -> tuple[set[str] | None, set[str] | None]:
    """The labels the nodes before and after a relationship pattern may have by its types and direction
    (:data:`~.schema.REL_ENDS`): ``before`` is the token before its ``-[`` (``<`` for ``<-[``), ``after`` the two
    after its ``]`` joined (``->`` for ``]->``).  ``(None, None)`` without types (a variable length counts as none).
    """
    from .schema import REL_ENDS

    if not types:
        return None, None
    sources = {a for t in types for a, _ in REL_ENDS[t]}
    targets = {b for t in types for _, b in REL_ENDS[t]}
    if before == "<":  # (a)<-[:T]-(b): a is the target
        return targets, sources
    if after == "->":
        return sources, targets
    return sources | targets, sources | targets


def pattern_end(tok: Callable[[int], Tok | None], pos: dict[int, int], match: dict[int, int], sig: list[int], k: int) -> int:
    """The sig position after the pattern whose first node pattern opens at sig position ``k``: nodes in parentheses
    joined by relationships (``-``, ``-[…]-``, with ``<`` or ``>`` heads), as far as they go.

    Args:
        tok: the token at a sig position (``None`` past the end); ``pos``, ``match``, ``sig`` as for
            :func:`node_pattern_first`.
    """
    j = pos[match[sig[k]]] + 1
    while True:
        start = j
        j += _text(tok, j) == "<"
        if _text(tok, j) != "-":
            return start
        j += 1
        if _text(tok, j) == "[":
            j = pos[match[sig[j]]] + 1
        if _text(tok, j) != "-":
            return start
        j += 1
        j += _text(tok, j) == ">"
        if _text(tok, j) != "(":
            return start
        j = pos[match[sig[j]]] + 1


def bounded_trail(tok: Callable[[int], Tok | None], star: int, close_k: int) -> None:
    """Rewrite the length ``*a..b`` of a relationship pattern (its ``*`` at sig position ``star``, its ``]`` at
    ``close_k``) as LadybugDB's ``* TRAIL a..b`` (Neo4j walks trails: no relationship twice); ``*n`` is ``n..n``.

    Raises:
        UnsupportedConstruct: no upper bound (``[*]``, ``[*2..]``): LadybugDB stops at 30 hops, Neo4j does not.
    """
    from .cypher_tokens import UnsupportedConstruct

    parts, x = [], star + 1
    while x < close_k and (getattr(tok(x), "kind", "") == "num" or _text(tok, x) == ".."):
        parts.append(_text(tok, x))
        x += 1
    if not parts or parts[-1] == "..":
        raise UnsupportedConstruct("variable-length relationships without an upper bound ([*] or [*2..]); "
                                   "give one, as in [*1..3]")
    lo, hi = (parts[0], parts[0]) if len(parts) == 1 else (("1", parts[1]) if parts[0] == ".." else (parts[0], parts[2]))
    for y in range(star + 1, x):
        tok(y).text = ""  # type: ignore[union-attr]
    tok(star).post += f" TRAIL {lo}..{hi}"  # type: ignore[union-attr]


def _text(tok: Callable[[int], Tok | None], j: int) -> str:
    """The text of the token at sig position ``j``, or ``""`` past the end."""
    t = tok(j)
    return t.text if t is not None else ""


def guarded_counts(toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int], opens: list[int]) -> None:
    """Write each ``COUNT { … }`` (its ``{`` at sig positions ``opens``) as ``CASE WHEN EXISTS { … } THEN
    COUNT { … } ELSE 0 END``, the subquery copied as rewritten so far (so call it last).

    LadybugDB 0.22 loses the rows whose count is 0 once a later clause aggregates or filters them:
    ``MATCH (b:Body) WHERE COUNT { (b)-[:LEADS]->() } = 0 RETURN count(b)`` answered 0 on the national reports
    where Neo4j answers 1,426, and ``WITH b, COUNT { … } AS n RETURN n, count(*)`` had no row for 0 (session 59);
    its ``EXISTS { }`` keeps every row.  A subquery inside another is guarded first, so the copy of the outer one
    holds it guarded.

    Args:
        toks: the query's tokens (their ``pre`` and ``post`` are written); ``sig``, ``pos``, ``match`` as for
            :func:`node_pattern_first`.
        opens: sig positions of the ``{`` of each ``COUNT {``.
    """
    spans = sorted(((k, pos[match[sig[k]]]) for k in opens), key=lambda span: span[1] - span[0])
    for k, close in spans:
        body = "".join(t.pre + t.text + t.post for t in toks[sig[k]:sig[close] + 1])
        toks[sig[k - 1]].pre += f"CASE WHEN EXISTS {body} THEN "
        toks[sig[close]].post += " ELSE 0 END"
