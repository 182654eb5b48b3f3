"""Neo4j 5 operators LadybugDB cannot parse, rewritten in the query's text before every other step of
:mod:`.cypher_translate` (so those steps see the operands they copy).

* A chain of comparisons: Neo4j reads ``2020 <= d.year <= 2025`` as ``2020 <= d.year AND d.year <= 2025`` (the
  Cypher manual, "Chaining comparison operations"); LadybugDB answered "Parser exception: Non-binary comparison (e.g.
  a=b=c) is not supported" (a researcher's walkthrough, session 63).  It becomes ``(2020 <= d.year AND d.year <=
  2025)``, each inner operand written twice, in parentheses, as ``NOT`` before the chain applies to all of it.
* ``||``, the string and list concatenation Neo4j 5 has beside ``+`` ("functionally equivalent", the manual's
  "String concatenation operators"; GQL's), becomes ``+``, which LadybugDB reads (it could not parse ``||``).

A ``<`` written right before ``-`` and a ``>`` right after one are a pattern's arrow heads (``(a)<-[:LEADS]-(b)``,
``-->``), never a comparison; an operand holding a relationship pattern's ``-[`` or ``]-`` is no comparison's either.
"""

from __future__ import annotations

from itertools import pairwise

from .cypher_precedence import left_operand, right_operand
from .cypher_tokens import TOKEN, Tok, brackets

__all__ = ["rewrite_operators"]

_COMPARISONS = {"=", "<>", "<", ">", "<=", ">="}
#: Chains rewritten in one query at most (each pass tokenizes the query again).
_MOST_CHAINS = 50


def rewrite_operators(query: str) -> str:
    """``query`` with each ``||`` written ``+`` and each chain of comparisons written as their conjunction (module
    docstring); the query itself when it has neither."""
    toks = _tokens(query)
    bars = [(a.start, b.end) for a, b in pairwise(toks)
            if a.kind == b.kind == "op" and a.text == b.text == "|" and a.end == b.start]
    for start, end in reversed(bars):
        query = query[:start] + "+" + query[end:]
    for _ in range(_MOST_CHAINS):
        chain = _first_chain(query)
        if chain is None:
            break
        start, end, text = chain
        query = query[:start] + text + query[end:]
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
