"""List comprehensions of Neo4j's Cypher rewritten for LadybugDB (a step of :mod:`.cypher_translate`).

Neo4j reads ``[x IN list WHERE pred | expr]`` (either part may be left out); LadybugDB has no such syntax and
answered ``Binder exception: Variable x is not in scope``, so the idiom for reading a path,
``[n IN nodes(p) | n.name]``, was out of reach (a researcher's walkthrough, session 41).  LadybugDB's list lambdas
say the same: ``list_transform(list_filter(list, x -> pred), x -> expr)``.  Pattern comprehensions
(``[(a)-->(b) | b.name]``) are left to the engine, which refuses them.
"""

from __future__ import annotations

from .cypher_tokens import Tok

__all__ = ["comprehensions"]


def comprehensions(toks: list[Tok], sig: list[int], match: dict[int, int]) -> None:
    """Rewrite every list comprehension of the query in place (``toks`` texts; ``sig`` the indexes of the
    tokens that are not white space, ``match`` the partner of each bracket token, as :func:`.cypher_tokens.brackets`
    gives them)."""
    pos = {ti: k for k, ti in enumerate(sig)}
    for k, ti in enumerate(sig):
        if toks[ti].text != "[" or k + 2 >= len(sig):
            continue
        var, keyword = toks[sig[k + 1]], toks[sig[k + 2]]
        if var.kind not in ("name", "bq") or keyword.kind != "name" or keyword.text.upper() != "IN":
            continue
        close = pos[match[ti]]
        where = bar = None
        j = k + 3
        while j < close:
            tok = toks[sig[j]]
            if tok.text in ("(", "[", "{"):
                j = pos[match[sig[j]]] + 1
                continue
            if where is None and bar is None and tok.kind == "name" and tok.text.upper() == "WHERE":
                where = j
            elif bar is None and tok.text == "|":
                bar = j
            j += 1
        if where is None and bar is None:
            continue  # [x IN list] is the list itself; left to the engine
        name = var.text
        # the brackets become parentheses (so later steps still pair them), the functions go before the opening one
        toks[ti].text = "("
        toks[ti].pre += {(True, True): "list_transform(list_filter", (True, False): "list_transform",
                         (False, True): "list_filter"}[(bar is not None, where is not None)]
        var.text = keyword.text = ""
        if where is not None:
            toks[sig[where]].text = f", {name} ->"
        if bar is not None:
            toks[sig[bar]].text = (")" if where is not None else "") + f", {name} ->"
        toks[sig[close]].text = ")"
