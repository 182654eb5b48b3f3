"""Neo4j 5 operators and aggregates LadybugDB has not, rewritten in the query's text before every other step of
:mod:`.cypher_translate` (so those steps see the operands they copy).

* A chain of comparisons: Neo4j reads ``2020 <= d.year <= 2025`` as ``2020 <= d.year AND d.year <= 2025`` (the
  Cypher manual, "Chaining comparison operations"); LadybugDB answered "Parser exception: Non-binary comparison (e.g.
  a=b=c) is not supported" (a researcher's walkthrough, session 63).  It becomes ``(2020 <= d.year AND d.year <=
  2025)``, each inner operand written twice, in parentheses, as ``NOT`` before the chain applies to all of it.
* ``||``, the string and list concatenation Neo4j 5 has beside ``+`` ("functionally equivalent", the manual's
  "String concatenation operators"; GQL's), becomes ``+``, which LadybugDB reads (it could not parse ``||``).

* ``null + 'x'`` is null on Neo4j (every operator of a null is), but LadybugDB reads a null string in ``+`` as the
  empty one: ``d.place + '：' + d.title`` of a national report (no place) answered ``'：政府工作报告'``, and
  ``coalesce(d.place + '的报告', '全国报告')`` never reached its second value (a walkthrough, session 63).  A sum
  whose terms may hold a string (a term of a type the text does not tell, or a string) becomes ``CASE WHEN t1 IS
  NULL OR … THEN NULL ELSE (sum) END`` over its terms that may be null (no literal, no node's ``id`` or ``name``,
  which every node has), each written twice; in the body of a list comprehension or ``any()``… too (``[t IN ['：']
  | d.place + t]`` answered ``'：'``, and ``[x IN ns | x.place + '!']`` answered ``'!'`` for a document without a
  place, session 68), a term reading the comprehension's own variable included: the ``CASE`` over the element that
  had answered ``''`` did so beside another comprehension over the same list, which :mod:`.cypher_lists` now gives
  each its own copy of.

* ``reduce()`` whose expression adds to its accumulator becomes a sum over list comprehensions
  (:mod:`.cypher_reduce`), after the chains and before the sums are guarded, which then guard the sums it writes.

* ``stDev(x)`` and ``stDevP(x)`` (LadybugDB: "function STDEV does not exist") are computed from ``count()`` and
  ``sum()`` of ``x`` and its square, 0.0 over fewer than two values (one for ``stDevP``), as Neo4j answers.

A ``<`` written right before ``-`` and a ``>`` right after one are a pattern's arrow heads (``(a)<-[:LEADS]-(b)``,
``-->``), never a comparison; an operand holding a relationship pattern's ``-[`` or ``]-`` is no comparison's either.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from policykg.errors import QueryError

from .cypher_precedence import binary, left_operand, right_operand, sum_terms
from .cypher_reduce import fold_reduces
from .cypher_scope import Scope
from .cypher_tokens import TOKEN, Tok, brackets

__all__ = ["rewrite_operators"]

_COMPARISONS = {"=", "<>", "<", ">", "<=", ">="}
#: Properties every node of a pattern has (graph/schema.py): a term that is one of them needs no null test.
_NEVER_NULL = {"id", "name"}
#: Chains rewritten in one query at most (each pass tokenizes the query again).
_MOST_CHAINS = 50
#: Longest rewritten query: each guard writes terms twice, so sums within sums grow the text.
_LONGEST = 1_000_000


def rewrite_operators(query: str, schema: dict[str, Any] | None = None, params: dict[str, Any] | None = None) -> str:
    """``query`` with each ``||`` written ``+``, each chain of comparisons written as their conjunction and each sum
    that may join strings made null when a term is (module docstring); the query itself when it has none of them.

    Args:
        schema: the copy's column types (:func:`.cypher_copy.build`), which tell a property's type.
        params: the query's parameter values.
    """
    toks = _tokens(query)
    bars = [(a.start, b.end) for a, b in pairwise(toks)
            if a.kind == b.kind == "op" and a.text == b.text == "|" and a.end == b.start]
    for start, end in reversed(bars):
        query = query[:start] + "+" + query[end:]
    for find in (_first_chain, _first_deviation):
        query = _each(query, find)
    query = fold_reduces(query, schema, params)  # its sums are guarded next, as the query's own
    return _each(query, lambda q: _first_unguarded_sum(q, schema or {}, params or {}))


def _each(query: str, find: Callable[[str], tuple[int, int, str] | None]) -> str:
    """``query`` with what ``find`` finds first (its start and end offsets, its new text) rewritten, again and again,
    until it finds nothing (at most ``_MOST_CHAINS`` times).

    Raises:
        QueryError: the rewritten query grew past ``_LONGEST`` characters.
    """
    for _ in range(_MOST_CHAINS):
        found = find(query)
        if found is None:
            break
        start, end, text = found
        query = query[:start] + text + query[end:]
        if len(query) > _LONGEST:
            raise QueryError("the query's sums of strings are nested too deeply for the embedded Cypher engine (each "
                             "is rewritten to be null when a term is, as on Neo4j); join fewer at a time, or use the "
                             "Neo4j store")
    return query


def _tokens(query: str) -> list[Tok]:
    return [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(query)]


def _first_chain(query: str) -> tuple[int, int, str] | None:
    """The first chain of two comparisons or more in ``query``: its start and end offsets and its conjunction."""
    toks = _tokens(query)
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    match = brackets(toks, sig)
    pos = {ti: k for k, ti in enumerate(sig)}

    def comparison(k: int) -> bool:
        if not 0 <= k < len(sig) or toks[sig[k]].kind != "op" or toks[sig[k]].text not in _COMPARISONS:
            return False
        tok, before, after = toks[sig[k]], toks[sig[k] - 1] if sig[k] else None, toks[sig[k] + 1:sig[k] + 2]
        arrow = (tok.text == "<" and after and after[0].text == "-") or (tok.text == ">" and before is not None
                                                                         and before.text == "-")
        return not arrow

    def operand(first: int, last: int) -> str | None:
        texts = [toks[sig[j]].text for j in range(first, last + 1)]
        if first > last or any(a + b in ("-[", "]-") for a, b in pairwise(texts)):
            return None  # no operand, or a relationship pattern's
        return query[toks[sig[first]].start:toks[sig[last]].end]

    for k in range(len(sig)):
        if not comparison(k):
            continue
        first = left_operand(toks, sig, pos, match, k - 1)
        ops, end = [k], right_operand(toks, sig, pos, match, k + 1)
        while comparison(end + 1):
            ops.append(end + 1)
            end = right_operand(toks, sig, pos, match, end + 2)
        if len(ops) < 2:
            continue
        bounds = [first - 1, *ops, end + 1]
        operands = [operand(a + 1, b - 1) for a, b in pairwise(bounds)]
        if any(o is None for o in operands):
            continue
        parts = [f"{operands[i]} {toks[sig[op]].text} {operands[i + 1]}" for i, op in enumerate(ops)]
        return toks[sig[first]].start, toks[sig[end]].end, "(" + " AND ".join(parts) + ")"
    return None


def _first_unguarded_sum(query: str, schema: dict[str, Any], params: dict[str, Any]) -> tuple[int, int, str] | None:
    """The first sum of ``query`` that may join strings and is not yet guarded against a null term (module
    docstring): its start and end offsets and its guarded text."""
    toks = _tokens(query)
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    match = brackets(toks, sig)
    pos = {ti: k for k, ti in enumerate(sig)}
    scope = Scope(toks, sig, match, schema, params)
    for k in range(len(sig)):
        if toks[sig[k]].text != "+" or toks[sig[k]].kind != "op" or not binary(toks, sig, k):
            continue
        terms = sum_terms(toks, sig, pos, match, k)
        if any(a > b for _, a, b in terms):
            continue  # a term missing (RETURN 'a' +): the engine names the syntax error
        first, last = terms[0][1], terms[-1][2]
        if [scope.up(first - 2), scope.text(first - 1), scope.text(last + 1), scope.up(last + 2)] == \
                ["ELSE", "(", ")", "END"]:
            continue  # guarded already
        types = [scope.operand_type(a, b) for _, a, b in terms]
        if all(t is not None and (t in ("INT64", "DOUBLE", "LIST") or t.endswith("[]")) for t in types):
            continue  # numbers and lists: the engine's null is null there
        nullable = [(a, b) for _, a, b in terms if (scope.literal(a) or (None, None))[0] != b
                    and not ((scope.property_type(a) or (None, None))[0] == b and scope.text(b).strip("`") in _NEVER_NULL)]
        if not nullable:
            continue
        text = lambda a, b: query[toks[sig[a]].start:toks[sig[b]].end]  # noqa: E731
        tests = " OR ".join(f"{text(a, b)} IS NULL" for a, b in nullable)
        return (toks[sig[first]].start, toks[sig[last]].end,
                f"CASE WHEN {tests} THEN NULL ELSE ({text(first, last)}) END")
    return None


def _first_deviation(query: str) -> tuple[int, int, str] | None:
    """The first ``stDev(x)`` or ``stDevP(x)`` of ``query`` (not ``DISTINCT``): its offsets and its computation."""
    toks = _tokens(query)
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    match = brackets(toks, sig)
    for k in range(len(sig) - 2):
        name, opening = toks[sig[k]], toks[sig[k + 1]]
        if name.kind != "name" or name.text.lower() not in ("stdev", "stdevp") or opening.text != "(" \
                or (k and toks[sig[k - 1]].text == ".") or toks[sig[k + 2]].upper == "DISTINCT":
            continue
        close = match[sig[k + 1]]
        x = query[opening.end:toks[close].start].strip()
        n, x = f"count({x})", f"toFloat({x})"
        sample = name.text.lower() == "stdev"
        spread = f"sqrt(abs(sum({x} ^ 2) - sum({x}) ^ 2 / {n}) / {f'({n} - 1)' if sample else n})"
        return name.start, toks[close].end, f"CASE WHEN {n} < {2 if sample else 1} THEN 0.0 ELSE {spread} END"
    return None

