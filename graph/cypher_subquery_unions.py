"""``UNION`` and ``RETURN`` inside ``EXISTS { }`` and ``COUNT { }``, written as the subqueries LadybugDB reads (a step
of :mod:`.cypher_translate`, on the query's text before the others).

Neo4j 5 lets an ``EXISTS`` or ``COUNT`` subquery hold a ``UNION`` of queries, with or without ``RETURN`` (Cypher
manual 5, Subqueries, "EXISTS subquery with a UNION": the expression is true if one of the branches returns at least
one row; "COUNT subquery with a UNION": the rows of the union are counted, ``UNION`` dropping duplicates, ``UNION
ALL`` keeping them), and a full subquery may end with a ``RETURN``.  LadybugDB's subqueries cannot contain a
``RETURN`` (its manual: "a Cypher subquery cannot contain a RETURN clause"), nor a ``UNION``: the whole was passed to
the engine and answered a parser error ("expected rule oC_SingleQuery").  So:

* a branch's closing ``RETURN`` is dropped: it changes neither whether the branch has a row nor how many (a plain
  projection); a ``RETURN`` that aggregates, or has ``DISTINCT``, ``SKIP`` or ``LIMIT``, does, and is refused;
* ``EXISTS { A UNION B }`` becomes ``(EXISTS { A } OR EXISTS { B })``, under ``UNION`` or ``UNION ALL`` alike;
* ``COUNT { A UNION ALL B }`` becomes ``(COUNT { A } + COUNT { B })``; ``COUNT { A UNION B }`` counts distinct rows
  across the branches, which the engine cannot, and is refused naming ``UNION ALL`` and ``EXISTS``.
"""

from __future__ import annotations

from .cypher_tokens import TOKEN, UnsupportedConstruct

__all__ = ["subquery_unions"]

#: Aggregating functions (lower case): a RETURN calling one makes one row of many.
_AGGREGATES = {"count", "collect", "sum", "avg", "min", "max", "stdev", "stdevp", "percentilecont", "percentiledisc"}


def subquery_unions(query: str) -> str:
    """``query`` with every ``EXISTS { }`` and ``COUNT { }`` holding a ``UNION`` or a closing ``RETURN`` rewritten
    (module docstring); unchanged when it holds none.  Its brackets must pair (:func:`.cypher_tokens.check_query`).

    Raises:
        UnsupportedConstruct: ``COUNT { … UNION … }`` (distinct rows across branches), or a subquery's ``RETURN``
            that aggregates or has ``DISTINCT``, ``SKIP`` or ``LIMIT``.
    """
    toks = [m for m in TOKEN.finditer(query) if m.lastgroup != "ws"]
    for i in range(len(toks) - 1, 0, -1):  # the last first: an inner subquery is rewritten before the one holding it
        kind = toks[i - 1].group(0).upper()
        if toks[i].group(0) != "{" or toks[i - 1].lastgroup != "name" or kind not in ("EXISTS", "COUNT") \
                or (i > 1 and toks[i - 2].group(0) == "."):
            continue
        close = _partner(toks, i)
        body = query[toks[i].end():toks[close].start()]
        rewritten = _subquery(kind, body)
        if rewritten is not None:
            return subquery_unions(query[:toks[i - 1].start()] + rewritten + query[toks[close].end():])
    return query


def _partner(toks: list, i: int) -> int:
    depth = 0
    for j in range(i, len(toks)):
        text = toks[j].group(0)
        if toks[j].lastgroup == "op" and text in "([{":
            depth += 1
        elif toks[j].lastgroup == "op" and text in ")]}":
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def _subquery(kind: str, body: str) -> str | None:
    """The text replacing ``EXISTS { body }`` or ``COUNT { body }``, or ``None`` when it needs no rewrite."""
    toks = [m for m in TOKEN.finditer(body) if m.lastgroup != "ws"]
    branches, every, start, depth, returns = [], False, 0, 0, False
    for i, m in enumerate(toks):
        text = m.group(0)
        depth += m.lastgroup == "op" and text in "([{"
        depth -= m.lastgroup == "op" and text in ")]}"
        if depth or m.lastgroup != "name" or (i and toks[i - 1].group(0) == "."):
            continue
        if text.upper() == "RETURN":
            returns = True
        if text.upper() == "UNION":
            every = i + 1 < len(toks) and toks[i + 1].group(0).upper() == "ALL"
            branches.append(body[start:m.start()])
            start = toks[i + 1].end() if every else m.end()
    branches.append(body[start:])
    if len(branches) == 1 and not returns:
        return None
    if kind == "COUNT" and len(branches) > 1 and not every:
        raise UnsupportedConstruct("COUNT { … UNION … } (the distinct rows of the branches); count with UNION ALL, "
                                   "COUNT { A UNION ALL B }, which adds the branches' counts, or test with EXISTS "
                                   "{ A UNION B }")
    parts = [f"{kind} {{{_without_return(kind, b)}}}" for b in branches]
    return parts[0] if len(parts) == 1 else "(" + (" OR " if kind == "EXISTS" else " + ").join(parts) + ")"


def _without_return(kind: str, branch: str) -> str:
    """``branch`` without its closing top-level ``RETURN`` clause.

    Raises:
        UnsupportedConstruct: the RETURN aggregates, or has ``DISTINCT``, ``SKIP`` or ``LIMIT``.
    """
    toks = [m for m in TOKEN.finditer(branch) if m.lastgroup != "ws"]
    depth, at = 0, None
    for i, m in enumerate(toks):
        text = m.group(0)
        depth += m.lastgroup == "op" and text in "([{"
        depth -= m.lastgroup == "op" and text in ")]}"
        if not depth and m.lastgroup == "name" and text.upper() == "RETURN" and not (i and toks[i - 1].group(0) == "."):
            at = i
    if at is None:
        return branch
    words = {m.group(0).lower() for m in toks[at:] if m.lastgroup == "name"}
    called = {toks[j].group(0).lower() for j in range(at, len(toks) - 1)
              if toks[j].lastgroup == "name" and toks[j + 1].group(0) == "("}
    if called & _AGGREGATES or words & {"distinct", "skip", "limit"}:
        raise UnsupportedConstruct(f"a RETURN that aggregates or has DISTINCT, SKIP or LIMIT inside {kind} {{ }} (it "
                                   "changes how many rows the subquery has); end the subquery with its MATCH and "
                                   "WHERE, or move the aggregation outside")
    return branch[:toks[at].start()]
