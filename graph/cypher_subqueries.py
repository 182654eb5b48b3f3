"""Neo4j's function forms of a pattern test and a pattern count written as the subqueries LadybugDB reads (a step of
:mod:`.cypher_translate`).

* ``exists((b)--())``, the predicate function the Neo4j 5 manual still documents (Predicate functions, ``exists()``:
  "Returns true if a match for the pattern exists in the graph"), was a parser error: it becomes
  ``EXISTS { (b)--() }``, which the caller then gives its ``MATCH``.  ``exists(n.prop)``, which Neo4j 5.0 removed
  (replaced by ``n.prop IS NOT NULL``), is refused naming that replacement.
* ``size([p = (b)--() | p])``, the pattern comprehension the Neo4j 5.0 removal notes give for a pattern expression
  that produced a list of paths, failed in the engine ("Variable p is not in scope"): its size counts the pattern's
  matches whatever each element is, so it becomes ``COUNT { MATCH p = (b)--() }`` (a ``WHERE`` in the comprehension
  stays the subquery's).  Other pattern comprehensions are refused by the caller.
"""

from __future__ import annotations

from .cypher_lists import pattern_comprehension
from .cypher_patterns import node_pattern_first, pattern_end
from .cypher_tokens import Tok, UnsupportedConstruct, top_level

__all__ = ["pattern_function"]


def pattern_function(toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int], k: int) -> bool:
    """Rewrite the call whose name is at sig position ``k`` (followed by ``(``) in place if it is ``exists(pattern)``
    or ``size([pattern comprehension])`` (module docstring); return whether it was one of them.

    Args:
        toks: the query's tokens; ``sig`` the indexes of those that are not white space; ``pos`` token index ->
            position in ``sig``; ``match`` the partner of each bracket token (:func:`.cypher_tokens.brackets`).

    Raises:
        UnsupportedConstruct: ``exists()`` of anything but a pattern (``exists(n.prop)``), which Neo4j 5 refuses too.
    """
    name, low = toks[sig[k]], toks[sig[k]].text.lower()
    close = pos[match[sig[k + 1]]]
    if low == "exists":
        if close > k + 2 and node_pattern_first(toks, sig, pos, match, sig[k + 2]) \
                and pattern_end(lambda j: toks[sig[j]] if 0 <= j < len(sig) else None, pos, match, sig, k + 2) == close:
            name.text, toks[sig[k + 1]].text, toks[sig[close]].text = "EXISTS", "{", "}"
            return True
        raise UnsupportedConstruct("exists() of anything but a pattern (exists(n.prop)), which Neo4j 5 refuses too: "
                                   "test n.prop IS NOT NULL, and a pattern with EXISTS { (a)-->(b) }")
    if low != "size" or toks[sig[k + 2]].text != "[" or pos[match[sig[k + 2]]] != close - 1 \
            or not pattern_comprehension(toks, sig, k + 2, close - 1):
        return False
    bar = top_level(toks, sig, k + 3, close - 1, lambda t: t.text == "|")
    bar = close - 1 if bar is None else bar
    name.text, toks[sig[k + 1]].text, toks[sig[close]].text = "COUNT", "{", "}"
    toks[sig[k + 2]].text, toks[sig[k + 2]].kind = "MATCH", "name"
    toks[sig[k + 2]].post = " " + toks[sig[k + 2]].post
    for j in range(bar, close):  # the mapping (| expr) and the ]: the count does not depend on them
        toks[sig[j]].text = toks[sig[j]].pre = toks[sig[j]].post = ""
        toks[sig[j]].kind = "ws"
    return True
