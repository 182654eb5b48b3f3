"""A value of the row for a lambda to read, where its list is made by a lambda that reads the row (a helper of
:mod:`.cypher_lists`, :mod:`.cypher_functions` and :mod:`.cypher_indexes`).

LadybugDB 0.22 answered a lambda whose body reads no value of the row wrongly when its list is made by another lambda
that reads one, and the first lambda of ``[l IN ['国', '省'] WHERE l = d.level | l + '级']`` wrongly when its test reads
one: every row got the elements of another row's list, or none, and other columns of the row were read from other
rows too (``[x IN [y IN [2005, 2010, 2020] WHERE y < d.year] | x + 1]`` answered every one of the 67 work reports with
the first report's ``d.id`` and list; ``any(x IN [y IN … WHERE y < d.year] WHERE x > 2008)``, ``[…][0]``, ``head(…)``,
``toString(…)`` and ``round(…)``, whose rewritings are lambdas too, likewise: a sweep of the Neo4j 5 manual's forms,
session 69).  Such a body reads the row's value too, in a test that
is never true: ``CASE WHEN (d.year) IS NULL AND (d.year) IS NOT NULL THEN NULL ELSE (body) END``, which is the body.
"""

from __future__ import annotations

import re

from .cypher_tokens import INTERNAL_PREFIX, Tok

__all__ = ["guarded", "row_reference"]

#: Words of the language that are no value of the row.
_WORDS = {"AND", "OR", "XOR", "NOT", "IS", "NULL", "TRUE", "FALSE", "IN", "STARTS", "ENDS", "WITH", "CONTAINS", "CASE",
          "WHEN", "THEN", "ELSE", "END", "WHERE", "DISTINCT", "AS", "STRING", "INT64", "DOUBLE", "BOOLEAN", "BOOL",
          "DATE", "TIMESTAMP", "INT32", "FLOAT"}  # and the types of the rewriting's CAST(NULL AS STRING)


def row_reference(toks: list[Tok], sig: list[int], first: int, stop: int) -> str | None:
    """A value of the row (``d.`year```, an alias ``yr``) that a lambda in sig positions ``first`` … ``stop``
    (exclusive) reads, as rewritten so far (a comprehension or quantifier of the query, ``[y IN … WHERE y < d.year]``,
    or one the rewriting wrote, ``y -> …``); ``None`` where the range holds no lambda or reads no such value."""
    texts = [toks[sig[j]].pre + toks[sig[j]].text + toks[sig[j]].post for j in range(first, stop)]
    own = set(re.findall(r"(\w+) ->", "".join(texts)))  # the rewriting's lambdas' variables
    own |= {toks[sig[j]].text.strip("`") for j in range(first, stop - 1) if toks[sig[j + 1]].upper == "IN"
            and toks[sig[j]].kind in ("name", "bq")}  # the query's comprehensions' and quantifiers' variables
    if not own:
        return None
    body = False  # past the start of a lambda's body (WHERE, |, ->): its list's own names are not read per element
    for j in range(first, stop):
        tok, before = toks[sig[j]], toks[sig[j - 1]].text if j else ""
        after = toks[sig[j + 1]] if j + 1 < len(sig) else None
        name = tok.text.strip("`")
        body = body or tok.upper == "WHERE" or tok.text == "|" or "->" in tok.pre + tok.text + tok.post
        if not body or tok.kind not in ("name", "bq") or not re.fullmatch(r"\w+", name) or name in own \
                or tok.upper in _WORDS or name.startswith(INTERNAL_PREFIX) or before in (".", ":") \
                or (after is not None and after.text in ("(", ":")) \
                or (before == "(" and j > 1 and toks[sig[j - 2]].kind == "name"):  # a function's argument, collect(n)
            continue
        if after is not None and after.text == "." and j + 2 < len(sig) and toks[sig[j + 2]].kind in ("name", "bq"):
            return f"{name}.`{toks[sig[j + 2]].text.strip('`')}`"
        if after is None or after.text != ".":
            return name
    return None


def guarded(reference: str, body: str) -> str:
    """``body`` reading the row's ``reference`` in a test that is never true (module docstring)."""
    return f"CASE WHEN ({reference}) IS NULL AND ({reference}) IS NOT NULL THEN NULL ELSE ({body}) END"
