"""The node or relationship tables a variable's value comes from, where no pattern binds it (a helper of
:mod:`.cypher_case`).

A pattern's variable (``(n:Program)``) has the tables its labels name (:class:`.Scope`).  The same node read through
a list or an alias is one too: ``x`` of ``WITH collect(n) AS ns RETURN [x IN ns | x.Name]``, of ``any(x IN ns WHERE
…)``, of ``UNWIND ns AS x``, ``m`` of ``WITH n AS m`` or ``WITH head(ns) AS m``, ``x`` of ``[x IN nodes(p) | …]``
(every node table) or of ``[x IN [a, b] | …]``.  :func:`held` follows such a variable back to the patterns binding what
it holds, so a key read in another case than its column's reads null there as on the pattern's variable (the
engine read ``x.Name`` as ``name``).  The functions it follows are listed in ``graph/data/cypher_words.toml``
(``[held]``); anything else (a map, a comprehension's mapping, a value of a ``CASE``) is unknown, ``None``.
"""

from __future__ import annotations

from functools import cache

from .cypher_scope import Scope
from .cypher_tokens import cypher_words

__all__ = ["Uses", "held", "held_value", "lambda_list"]

#: ``(kind, labels)`` pairs: ``kind`` "node" or "rel", ``labels`` the labels or types a pattern names (``None``: any).
Uses = list[tuple[str, set[str] | None]]


@cache
def _words() -> dict[str, frozenset[str]]:
    """The ``[held]`` lists of ``graph/data/cypher_words.toml``, lower case."""
    return {key: frozenset(w.lower() for w in words) for key, words in cypher_words()["held"].items()}


def held(scope: Scope, name: str, k: int) -> Uses | None:
    """The tables of the nodes or relationships the variable ``name`` read at sig position ``k`` holds.

    Args:
        scope: the query's tokens and the patterns' variables (:class:`.Scope`).
        name: the variable, without backticks.
        k: the sig position it is read at (a comprehension's variable is the innermost one whose body holds ``k``).

    Returns:
        Its ``(kind, labels)`` uses: a pattern's own, or those of what every ``AS name``, a comprehension's or a
        quantifier's list, or an ``UNWIND``'s list holds (module docstring); ``None`` where the text does not tell
        (a literal, a map, a value computed from several).
    """
    return _held(scope, name, k, frozenset())


def held_value(scope: Scope, first: int, last: int) -> Uses | None:
    """The tables of the node or relationship the expression at sig positions ``first..last`` is (``head(ns)``,
    ``ns[0]``, ``nodes(p)[1]``, a variable as :func:`held` reads it); ``None`` where the text does not tell."""
    return _value(scope, first, last, frozenset())


def _held(scope: Scope, name: str, k: int, seen: frozenset[str]) -> Uses | None:
    over = lambda_list(scope, name, k)
    if over is not None:
        return _elements(scope, over[0], over[1], seen)
    if name in scope.bound:
        return scope.bound[name]
    return None if name in seen or name in scope.lambdas else _aliased(scope, name, seen | {name}, element=False)


def _aliased(scope: Scope, name: str, seen: frozenset[str], element: bool) -> Uses | None:
    """The uses of what every ``AS name`` of the query names (``element``: of the elements of the list it names;
    an ``UNWIND … AS name`` names one of its list's elements); ``None`` if one of them is unknown or there is none."""
    found: Uses = []
    for x in scope.as_names.get(name, []):
        first = scope.item_start(x - 2)
        unwind = scope.up(first - 1) == "UNWIND"
        if element:
            got = None if unwind else _elements(scope, first, x - 2, seen)
        else:
            got = _elements(scope, first, x - 2, seen) if unwind else _value(scope, first, x - 2, seen)
        if not got:
            return None
        found += got
    return found or None


def _value(scope: Scope, first: int, last: int, seen: frozenset[str]) -> Uses | None:
    """The uses of the node or relationship the expression ``first..last`` is: a variable, ``head()`` or ``last()``
    of a list of them, such a list indexed, either in parentheses."""
    if first > last:
        return None
    if first == last:
        return _held(scope, scope.text(first).strip("`"), first, seen) if scope.named(first) else None
    if scope.text(first) == "(" and scope.partner(first) == last:
        return _value(scope, first + 1, last - 1, seen)
    if _call(scope, first, last) in _words()["one_element"]:
        return _elements(scope, first + 2, last - 1, seen)
    if scope.text(last) == "]" and scope.partner(last) > first and not _at_level(scope, scope.partner(last) + 1, last, ".."):
        return _elements(scope, first, scope.partner(last) - 1, seen)
    return None


def _elements(scope: Scope, first: int, last: int, seen: frozenset[str]) -> Uses | None:
    """The uses of the elements of the list expression ``first..last``: ``collect()`` of a node or relationship,
    ``nodes()`` or ``relationships()`` of a path, a variable naming such a list, a list literal of them, ``tail()``
    or ``reverse()`` of one, a slice of one, a comprehension filtering one."""
    if first > last:
        return None
    call = _call(scope, first, last)
    words = _words()
    if call in words["collecting"]:
        return _value(scope, first + 3 if scope.up(first + 2) == "DISTINCT" else first + 2, last - 1, seen)
    if call in words["path_nodes"]:
        return [("node", None)]
    if call in words["path_relationships"]:
        return [("rel", None)]
    if call in words["same_elements"]:
        return _elements(scope, first + 2, last - 1, seen)
    if first == last and scope.named(first):
        name = scope.text(first).strip("`")
        return None if name in seen or lambda_list(scope, name, first) else _aliased(scope, name, seen | {name}, True)
    if scope.text(last) != "]":
        return None
    opening = scope.partner(last)
    if opening > first:
        return _elements(scope, first, opening - 1, seen) if _at_level(scope, opening + 1, last, "..") else None
    if scope.named(first + 1) and scope.up(first + 2) == "IN":  # [y IN list WHERE …]: some of its elements
        end = _list_end(scope, first, last)
        return None if _at_level(scope, end + 1, last, "|") else _elements(scope, first + 3, end, seen)
    return _literal(scope, first, last, seen)


def _literal(scope: Scope, first: int, last: int, seen: frozenset[str]) -> Uses | None:
    """The uses of the items of the list literal ``first..last`` (``[a, b]``), each a node or relationship."""
    found: Uses = []
    start, x = first + 1, first + 1
    while x <= last:
        if x == last or scope.text(x) == ",":
            got = _value(scope, start, x - 1, seen)
            if not got:
                return None
            found += got
            start = x + 1
        x = scope.partner(x) + 1 if scope.text(x) in ("(", "[", "{") else x + 1
    return found or None


def _call(scope: Scope, first: int, last: int) -> str:
    """The name (lower case) of the function called by the whole expression ``first..last``, else empty."""
    if scope.named(first) and scope.text(first + 1) == "(" and scope.partner(first + 1) == last \
            and scope.text(first - 1) != ".":
        return scope.text(first).lower()
    return ""


def _at_level(scope: Scope, first: int, close: int, text: str) -> bool:
    """Whether the token ``text`` (``..`` of a slice, ``|`` of a comprehension's mapping) stands at the level of sig
    position ``first``, from there to ``close`` (excluded)."""
    x = first
    while x < close:
        if scope.text(x) == text:
            return True
        x = scope.partner(x) + 1 if scope.text(x) in ("(", "[", "{") else x + 1
    return False


def _list_end(scope: Scope, opening: int, close: int) -> int:
    """The last sig position of the list of the comprehension or quantifier whose bracket ``opening`` (closed at
    ``close``) is followed by ``var IN``: before its ``WHERE`` or ``|`` at its own level."""
    x = opening + 3
    while x < close and scope.up(x) != "WHERE" and scope.text(x) != "|":
        x = scope.partner(x) + 1 if scope.text(x) in ("(", "[", "{") else x + 1
    return x - 1


def lambda_list(scope: Scope, name: str, k: int) -> tuple[int, int] | None:
    """The list (first and last sig positions) of the innermost list comprehension or quantifier whose variable is
    ``name`` and whose body (after its list) holds sig position ``k``; ``None`` if there is none."""
    if name not in scope.lambdas:  # no comprehension or quantifier names it (:class:`.Scope`)
        return None
    for j in range(k - 1, -1, -1):
        opener = scope.text(j) == "[" or (scope.text(j) == "(" and scope.text(j - 1).lower() in _words()["quantifiers"])
        if not (opener and scope.named(j + 1) and scope.text(j + 1).strip("`") == name and scope.up(j + 2) == "IN"):
            continue
        close = scope.partner(j)
        end = _list_end(scope, j, close)
        if end < k < close:
            return j + 3, end
    return None
