"""A property or map field named at run time tested in a ``WHERE``, written for LadybugDB (a step of
:mod:`.cypher_translate`, on the text, before the other steps).

``MATCH (n:Program) UNWIND ['name', 'doc_count'] AS k WITH n, k WHERE n[k] = 1`` reads a string for one key and an
integer for the other; Neo4j 5 answers it (openCypher TCK ``expressions/graph/Graph7``, "Dynamic property access"),
but one engine expression holds one type, so :mod:`.cypher_access` refused ``n[k]`` there.  A ``WHERE`` is a test of
the row, so it is written once per value the key may name: ``WHERE CASE k WHEN 'doc_count' THEN (true AND
n.`doc_count` = 1) WHEN 'name' THEN (true AND n.`name` = 1) ELSE (true AND NULL = 1) END`` (the ``ELSE``: a key no
property has, or a null key, reads null; ``true AND`` keeps a pattern first in the ``WHERE`` a pattern predicate,
``WHERE (n)-->() AND n[k] = 1``).  Each copy holds a value of one type, which the later steps type as Neo4j does
(``n.name = 1`` is false, :mod:`.cypher_types`).  The innermost ``WHERE`` around the read is copied: a list
comprehension's (``any(k IN ks WHERE n[k] = 1)``) where the comprehension binds the key.
"""

from __future__ import annotations

from itertools import pairwise
from math import prod
from typing import Any

from .cypher_access import DynamicRead, dynamic_read
from .cypher_maps import quoted
from .cypher_scope import Scope
from .cypher_tokens import TOKEN, Tok, UnsupportedConstruct, brackets

__all__ = ["MAX_TEXT", "dynamic_predicates"]

#: The longest text the copies may make, in characters (a WHERE copied once per property of every table, per key).
MAX_TEXT = 200_000
_CLAUSES = {"RETURN", "WITH", "UNWIND", "ORDER", "SKIP", "LIMIT", "UNION", "MATCH", "OPTIONAL", "CALL"}


def dynamic_predicates(text: str, schema: dict[str, Any], params: dict[str, Any]) -> str:
    """``text`` with each ``WHERE`` that reads a property or map field of several types by a key computed at run
    time written once per value (module docstring).

    Args:
        text: the query (Neo4j 5 Cypher, as rewritten so far).
        schema: the copy's column types (:func:`.cypher_copy.build`; empty when unknown: then nothing is rewritten).
        params: the query's parameter values.

    Returns:
        The rewritten text (``text`` itself where no such ``WHERE`` is).

    Raises:
        UnsupportedConstruct: the copies would pass :data:`MAX_TEXT` characters, or a read's key is itself read at
            run time (``n[m[k]]``).
    """
    while "[" in text and "WHERE" in text.upper():
        toks = [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
        sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
        scope = Scope(toks, sig, brackets(toks, sig), schema, params)
        reads = [(read, _where(scope, read.first, read.close, read.key)) for read in _reads(scope)]
        found = next((where for _, where in reads if where is not None), None)
        if found is None:
            return text
        inside = [read for read, where in reads if where == found]
        if any(a.close >= b.first for a, b in pairwise(inside)):
            raise UnsupportedConstruct(f"{inside[0].var}[…] read by a key that is itself read at run time; name one "
                                       "of the keys")
        copies = prod(len(values) + 1 for values in {(r.var, r.key): r.values for r in inside}.values())
        if copies * (sig[found[1]] - sig[found[0]] + 1) + len(text) > MAX_TEXT:  # tokens: at least one character each
            raise UnsupportedConstruct(
                f"{inside[0].var}[{inside[0].key}], a property named at run time, in a WHERE with other such reads "
                "over many properties (the embedded engine tests it once per property and key); give the keys' values, "
                "UNWIND ['name', 'id'] AS k")
        text = _copied(toks, sig, inside, *found)
    return text


def _reads(scope: Scope) -> list[DynamicRead]:
    """The dynamic reads of the query whose values hold several types, in order."""
    found = []
    for k in range(1, len(scope.sig)):
        read = dynamic_read(scope, k) if scope.text(k) == "[" else None
        if read is not None and len(read.cases()) > 1:
            found.append(read)
    return found


def _copied(toks: list[Tok], sig: list[int], reads: list[DynamicRead], first: int, last: int) -> str:
    """The query with the ``WHERE`` body at sig positions ``first..last`` written once per value of each of
    ``reads`` (which it holds; one ``CASE`` for the reads alike, ``n[k] = 1 OR n[k] > 2``)."""
    keys = list(dict.fromkeys((read.var, read.key) for read in reads))

    def body(chosen: dict[tuple[str, str], str]) -> str:  # after AND, so a pattern first is read as a predicate
        out, at = ["true AND "], sig[first]
        for read in reads:
            out += [_span(toks, at, sig[read.first]), chosen[(read.var, read.key)]]
            at = sig[read.close] + 1
        return ("".join(out) + _span(toks, at, sig[last] + 1)).strip()

    def nest(i: int, chosen: dict[tuple[str, str], str]) -> str:
        if i == len(keys):
            return body(chosen)
        values = next(read.values for read in reads if (read.var, read.key) == keys[i])
        whens = " ".join(f"WHEN {quoted(name)} THEN ({nest(i + 1, {**chosen, keys[i]: value})})"
                         for name, (_, value) in sorted(values.items()))
        return f"CASE {keys[i][1]} {whens} ELSE ({nest(i + 1, {**chosen, keys[i]: 'NULL'})}) END"

    return "".join(t.text for t in toks[:sig[first]]) + f" {nest(0, {})} " + "".join(t.text for t in toks[sig[last] + 1:])


def _span(toks: list[Tok], start: int, stop: int) -> str:
    """The text of the tokens ``start`` to ``stop`` (excluded), white space kept."""
    return "".join(t.text for t in toks[start:stop])


def _where(scope: Scope, first: int, last: int, key: str) -> tuple[int, int] | None:
    """The sig positions of the body of the innermost ``WHERE`` around ``first..last``, or ``None`` when the read is
    in none (or a comprehension between them binds a name of the key)."""
    depth, x = 0, first - 1
    while x >= 0:
        text, word = scope.text(x), scope.up(x)
        if text in (")", "]", "}"):
            depth += 1
        elif text in ("(", "[", "{"):
            if depth:
                depth -= 1
            elif scope.named(x + 1) and scope.up(x + 2) == "IN" and scope.text(x + 1).strip("`") in _names(key):
                return None  # the comprehension binds the key: its WHERE (found first) or none
        elif depth == 0 and (text == "|" or (word in _CLAUSES and scope.up(x - 1) not in ("STARTS", "ENDS"))):
            return None
        elif depth == 0 and word == "WHERE":
            return x + 1, _where_end(scope, last)
        x -= 1
    return None


def _where_end(scope: Scope, k: int) -> int:
    """The last sig position of the ``WHERE`` body holding position ``k``."""
    depth, x = 0, k + 1
    while x < len(scope.sig):
        text, word = scope.text(x), scope.up(x)
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (text in ("|", ";") or (word in _CLAUSES and scope.up(x - 1) not in ("STARTS", "ENDS"))):
            break
        x += 1
    return x - 1


def _names(key: str) -> set[str]:
    """The names the key's text uses."""
    return {m.group(0).strip("`") for m in TOKEN.finditer(key) if m.lastgroup in ("name", "bq")}
