"""``reduce()`` of Neo4j 5 written with LadybugDB's list functions (a step of :mod:`.cypher_translate`, on the query's
text before the other steps, which then rewrite each part it writes as they rewrite the query's own).

The Neo4j 5 manual, "List functions", ``reduce(accumulator = initial, variable IN list | expression)``: the expression
is evaluated for each element in turn, its value the accumulator's next one, and the last value is returned
(``reduce(totalAge = 0, n IN nodes(p) | totalAge + n.age)``).  LadybugDB has no fold from a start value (its
``list_reduce`` folds a list into a value of its elements' type: a double added to an integer list came back as the
double's bits read as an integer), so researchers' ``reduce()`` from the manual or Stack Overflow was refused.  A fold
whose expression is a sum holding the accumulator once, as a whole term added (``acc + x.n``, ``x.n + acc + 1``; for a
string, first: ``acc + x.title``), is a sum: the accumulator's start plus each element's share, the expression with
the accumulator written ``0`` (``''`` for a string).  As an operator with a null operand is null (the manual, "Working
with null"), the fold is null when the start or one element's share is, and so::

    reduce(s = 0, x IN L | s + f(x))   ->  CASE WHEN list_sum([x IN L | CASE WHEN (0 + f(x)) IS NULL THEN 1 ELSE 0
                                           END]) > 0 THEN NULL ELSE 0 + list_sum([x IN L | 0 + f(x)]) END
    reduce(s = '', x IN L | s + f(x))  ->  the same test, then list_to_string('', list_concat([''], [x IN L |
                                           '' + f(x)]))

(a comprehension over a null list is null, and so is its sum; a start that is not a literal is tested for null too).
The comprehensions are then rewritten as the query's own are (:mod:`.cypher_lists`: each over its own copy, a long
list read by field refused), and ``'' + f(x)`` joins a number's text as Neo4j does (:mod:`.cypher_types`).  A start
whose type the text does not tell, and any other expression (a product, a maximum by ``CASE``, the accumulator read
twice or prepended to a string), are refused saying what to write instead.  A ``reduce()`` inside another's
expression is rewritten in each copy.
"""

from __future__ import annotations

from typing import Any

from policykg.errors import QueryError

from .cypher_precedence import sum_terms
from .cypher_scope import Scope
from .cypher_tokens import TOKEN, Tok, UnsupportedConstruct, brackets

__all__ = ["fold_reduces"]

#: reduce() calls rewritten in one query at most (each pass tokenizes the query again).
_MOST = 50
#: Longest rewritten query: each fold writes its list and expression twice, nested folds in each copy.
_LONGEST = 1_000_000
_INSTEAD = ("write its expression as the accumulator plus a value of the element, reduce(s = 0, x IN list | s + x.n) "
            "or reduce(s = '', x IN list | s + x.name), or UNWIND the list and aggregate: UNWIND p.aliases AS a "
            "RETURN p.name, sum(size(a))")


def fold_reduces(query: str, schema: dict[str, Any] | None = None, params: dict[str, Any] | None = None) -> str:
    """``query`` with each ``reduce()`` written as a sum over a list comprehension (module docstring); the query itself
    when it has none.

    Args:
        query: the query's text (Neo4j 5 Cypher).
        schema: the copy's column types (:func:`.cypher_copy.build`), which tell a start property's type.
        params: the query's parameter values.

    Raises:
        UnsupportedConstruct: a ``reduce()`` not of the form above, or from a start whose type the text does not tell.
        QueryError: the rewritten query grew past its longest (folds nested too deeply).
    """
    for _ in range(_MOST):
        found = _first_reduce(query, schema or {}, params or {})
        if found is None:
            return query
        start, end, text = found
        query = query[:start] + text + query[end:]
        if len(query) > _LONGEST:
            break
    raise QueryError("the query's reduce() calls are nested too deeply for the embedded Cypher engine (each is "
                     "written out with its list twice); use fewer, or the Neo4j store")


def _first_reduce(query: str, schema: dict[str, Any], params: dict[str, Any]) -> tuple[int, int, str] | None:
    """The first ``reduce(`` of ``query`` (not a property key): its start and end offsets and its sum."""
    toks = [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(query)]
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    match = brackets(toks, sig)
    scope = Scope(toks, sig, match, schema, params)
    for k in range(len(sig) - 1):
        if scope.up(k) == "REDUCE" and scope.text(k + 1) == "(" and scope.text(k - 1) != ".":
            return _fold(query, scope, k)
    return None


def _fold(query: str, scope: Scope, k: int) -> tuple[int, int, str]:
    """The sum the ``reduce`` at sig position ``k`` becomes (module docstring)."""
    close = scope.partner(k + 1)
    acc = scope.text(k + 2).strip("`")
    comma = _level(scope, k + 4, close, lambda x: scope.text(x) == ",")
    if not (scope.named(k + 2) and scope.text(k + 3) == "=" and comma is not None and scope.named(comma + 1)
            and scope.up(comma + 2) == "IN"):
        raise QueryError("the query is not Cypher: reduce() is written reduce(accumulator = start, x IN list | "
                         f"expression), at character {scope.tok(k).start + 1}")  # type: ignore[union-attr]
    bar = _level(scope, comma + 3, close, lambda x: scope.text(x) == "|")
    if bar is None or bar + 1 >= close or comma == k + 4:
        raise QueryError("the query is not Cypher: reduce() is written reduce(accumulator = start, x IN list | "
                         f"expression), at character {scope.tok(k).start + 1}")  # type: ignore[union-attr]
    text = lambda a, b: query[scope.tok(a).start:scope.tok(b).end]  # type: ignore[union-attr]  # noqa: E731
    start_type = _start_type(scope, k + 4, comma - 1)
    share = _share(scope, acc, bar + 1, close - 1, start_type == "STRING")
    if share is None:
        raise UnsupportedConstruct(f"reduce() of this expression ({text(bar + 1, close - 1)}): the embedded engine "
                                   f"answers a sum of the accumulator and the elements' values; {_INSTEAD}")
    if start_type is None:
        raise UnsupportedConstruct(f"reduce() from a start whose type the query does not tell ({text(k + 4, comma - 1)})"
                                   "; start from a literal, reduce(s = 0, …) or reduce(s = '', …), or a property")
    first, end = scope.tok(k).start, scope.tok(close).end  # type: ignore[union-attr]
    if start_type == "NULL":
        return first, end, "NULL"  # null plus anything is null, and so is the fold of nothing from null
    zero = "''" if start_type == "STRING" else "0"
    each = query[scope.tok(bar + 1).start:share[0]] + zero + query[share[1]:scope.tok(close - 1).end]  # type: ignore[union-attr]
    head = f"[{text(comma + 1, comma + 1)} IN {text(comma + 3, bar - 1)} | "
    start = text(k + 4, comma - 1)
    tests = ([] if scope.literal(k + 4) else [f"({start}) IS NULL"]) \
        + [f"list_sum({head}CASE WHEN ({each}) IS NULL THEN 1 ELSE 0 END]) > 0"]
    value = f"list_to_string('', list_concat([{start}], {head}{each}]))" if zero == "''" \
        else f"(({start}) + list_sum({head}{each}]))"  # guarded already: numbers, and null is tested before
    return first, end, f"(CASE WHEN {' OR '.join(tests)} THEN NULL ELSE {value} END)"


def _level(scope: Scope, first: int, stop: int, test: Any) -> int | None:
    """The first sig position from ``first`` to ``stop`` (excluded) at their own bracket level where ``test`` holds."""
    x = first
    while x < stop:
        if test(x):
            return x
        x = scope.partner(x) + 1 if scope.text(x) in ("(", "[", "{") else x + 1
    return None


def _start_type(scope: Scope, first: int, last: int) -> str | None:
    """``STRING``, a number type or ``NULL``: the type of the start at sig positions ``first..last`` where the text
    tells it (a literal, a parameter, a property of one column type, a typed alias); ``None`` otherwise."""
    t = scope.operand_type(first, last)
    return t if t in ("STRING", "INT64", "DOUBLE", "NULL") else None


def _share(scope: Scope, acc: str, first: int, last: int, string: bool) -> tuple[int, int] | None:
    """The offsets of the accumulator ``acc`` in the expression at sig positions ``first..last``, where the expression
    is a sum holding it once as a whole term added (first, for a string: ``s + x``, not ``x + s``) and reads it
    nowhere else; ``None`` otherwise."""
    plus = _level(scope, first, last + 1, lambda x: scope.text(x) in ("+", "-") and scope.tok(x).kind == "op"  # type: ignore[union-attr]
                  and x > first)
    if plus is None:
        return None
    terms = sum_terms(scope.t, scope.sig, scope.pos, scope.match, plus)
    if terms[0][1] != first or terms[-1][2] != last:
        return None  # the sum is not the whole expression (s + x > 1, CASE WHEN … END)
    held = [(op, a) for op, a, b in terms if a == b and scope.named(a) and scope.text(a).strip("`") == acc]
    reads = [x for x in range(first, last + 1) if scope.named(x) and scope.text(x).strip("`") == acc
             and scope.text(x - 1) != "."]
    if len(held) != 1 or len(reads) != 1 or held[0][0] == "-" or (string and held[0][1] != first):
        return None
    tok = scope.tok(held[0][1])
    assert tok is not None
    return tok.start, tok.end
