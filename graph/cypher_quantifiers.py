"""``any()``, ``all()``, ``none()`` and ``single()`` answered as Neo4j 5 answers them when their predicate is null for
some element (a step of :mod:`.cypher_translate`, on the query's text before the other steps, which then rewrite each
part it writes as they rewrite the query's own).

The Neo4j 5 manual, "Predicate functions": ``any()`` is null "if the list is null, or if the predicate evaluates to
null for at least one element and does not evaluate to true for any other element"; ``all()`` is null if it is null
for one and false for none; ``none()`` as ``any()``; ``single()`` (openCypher TCK, the quantifier features) is false
once two elements make it true, else null if one makes it null.  LadybugDB's quantifiers count the elements whose
predicate is true and read a null as false (``any(a IN n.aliases WHERE n.Name = a)``, ``n.Name`` being null as on
Neo4j, answered false and ``none(…)`` true, so ``WHERE NOT any(…)`` kept every node with aliases where Neo4j keeps
none: a walkthrough, session 68), and a null list as some list.  So each becomes a ``CASE`` over quantifiers whose
predicate is never null::

    any(x IN L WHERE p)  ->  (CASE WHEN (L) IS NULL THEN NULL WHEN any(x IN L WHERE coalesce(p, false)) THEN true
                             WHEN any(x IN L WHERE (p) IS NULL) THEN NULL ELSE false END) = true

(``all``: a ``NOT coalesce(p, true)`` found is false; ``none``: a true found is false; ``single``: two trues or more
are false, then a null is null, then one true is true), the list and the predicate each written as often as the form
reads them.  A quantifier inside another's list or predicate is rewritten in each copy.  The engine's lambdas over one
list in one query answered wrongly until :func:`.cypher_lists.comprehensions` gave each its own copy of its list,
which these forms need, as they read one list several times.  The ``= true`` after the ``CASE`` changes no value
(true, false or null) but the engine's: such a ``CASE`` as the condition of another ``CASE`` (``sum(CASE WHEN any(a IN
n.aliases WHERE a CONTAINS '党') THEN 1 ELSE 0 END)``) was false for every row, the comparison is not (over the 96
reports that sum was 0 where 40 nodes hold such an alias, session 69).
"""

from __future__ import annotations

from policykg.errors import QueryError

from .cypher_tokens import TOKEN, Tok, brackets, cypher_words, top_level

__all__ = ["QUANTIFIERS", "null_quantifiers"]

#: Longest rewritten query: a quantifier's list and predicate are written several times, nested ones in each copy.
_LONGEST = 1_000_000

#: What each quantifier becomes: ``{v}`` its variable, ``{l}`` its list, ``{p}`` its predicate.
_FORMS = {
    "any": "WHEN any({v} IN {l} WHERE coalesce({p}, false)) THEN true WHEN any({v} IN {l} WHERE ({p}) IS NULL) "
           "THEN NULL ELSE false",
    "all": "WHEN any({v} IN {l} WHERE NOT coalesce({p}, true)) THEN false WHEN any({v} IN {l} WHERE ({p}) IS NULL) "
           "THEN NULL ELSE true",
    "none": "WHEN any({v} IN {l} WHERE coalesce({p}, false)) THEN false WHEN any({v} IN {l} WHERE ({p}) IS NULL) "
            "THEN NULL ELSE true",
    "single": "WHEN size([{v} IN {l} WHERE coalesce({p}, false)]) > 1 THEN false WHEN any({v} IN {l} WHERE ({p}) IS "
              "NULL) THEN NULL ELSE any({v} IN {l} WHERE coalesce({p}, false))",
}


#: The quantifiers' names (lower case), from the ``[held]`` lists of ``graph/data/cypher_words.toml``.
QUANTIFIERS = frozenset(w.lower() for w in cypher_words()["held"]["quantifiers"])


def null_quantifiers(query: str) -> str:
    """``query`` with each ``any()``, ``all()``, ``none()`` and ``single()`` that has a ``WHERE`` written in the form
    that answers a null predicate as Neo4j 5 does (module docstring); the query itself when it has none.

    Args:
        query: the query's text (Neo4j 5 Cypher).

    Returns:
        The rewritten text (white space and every other token kept as written).

    Raises:
        QueryError: the rewritten query grew past ``_LONGEST`` characters (quantifiers nested too deeply).
    """
    toks = [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(query)]
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    if not any(toks[ti].kind == "name" and toks[ti].text.lower() in QUANTIFIERS for ti in sig):
        return query
    text = "".join(t.text for t in toks[:sig[0]]) + _Writer(toks, sig).write(0, len(sig)) \
        + "".join(t.text for t in toks[sig[-1] + 1:])
    if len(text) > _LONGEST:
        raise QueryError("the query's any(), all(), none() or single() are nested too deeply for the embedded Cypher "
                         "engine (each is written out several times to answer a null predicate as Neo4j does); nest "
                         "fewer, or use the Neo4j store")
    return text


class _Writer:
    """The text of a span of a query's tokens, its quantifiers rewritten."""

    def __init__(self, toks: list[Tok], sig: list[int]) -> None:
        self.t, self.sig = toks, sig
        self.match = brackets(toks, sig)
        self.pos = {ti: k for k, ti in enumerate(sig)}

    def write(self, first: int, stop: int) -> str:
        """The text of sig positions ``first`` … ``stop`` (exclusive), with the white space between them."""
        out: list[str] = []
        k = first
        while k < stop:
            found = self._quantifier(k)
            if found is None:
                end = self.sig[k + 1] if k + 1 < stop else self.sig[k] + 1
                out.append("".join(t.text for t in self.t[self.sig[k]:end]))
                k += 1
                continue
            where, close = found
            name, var = self.t[self.sig[k]].text.lower(), self.t[self.sig[k + 2]].text
            items, pred = self.write(k + 4, where), self.write(where + 1, close)
            out.append(f"((CASE WHEN ({items}) IS NULL THEN NULL "  # = true: the same, and right in a CASE's WHEN
                       + _FORMS[name].format(v=var, l=items, p=pred) + " END) = true)")
            if close + 1 < stop:  # the white space after the closing parenthesis
                out.append("".join(t.text for t in self.t[self.sig[close] + 1:self.sig[close + 1]]))
            k = close + 1
        return "".join(out)

    def _quantifier(self, k: int) -> tuple[int, int] | None:
        """The sig positions of the ``WHERE`` and the closing parenthesis of a quantifier named at sig position
        ``k`` (``any(x IN list WHERE p)``), or ``None`` when none is named there or it has no ``WHERE``."""
        text = lambda j: self.t[self.sig[j]].text if 0 <= j < len(self.sig) else ""  # noqa: E731
        tok = self.t[self.sig[k]]
        if tok.kind != "name" or tok.text.lower() not in QUANTIFIERS or text(k - 1) == "." or text(k + 1) != "(" \
                or k + 3 >= len(self.sig) or self.t[self.sig[k + 2]].kind not in ("name", "bq") \
                or self.t[self.sig[k + 3]].upper != "IN":
            return None
        close = self.pos[self.match[self.sig[k + 1]]]
        where = top_level(self.t, self.sig, k + 4, close, lambda t: t.upper == "WHERE")
        return None if where is None or close <= k + 1 else (where, close)
