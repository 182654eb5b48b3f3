"""List indexes of Neo4j's Cypher rewritten for LadybugDB (a step of :mod:`.cypher_translate`).

List indexes are 0-based in Neo4j, 1-based in LadybugDB, and an index past the end is null in Neo4j, an error in
LadybugDB: ``xs[0]`` becomes ``list_extract(list_transform([xs], l -> l[CASE WHEN size(l) > 0 THEN 1 END]), 1)``
(``p.aliases[0] IS NULL`` was also a parser error).  List slices and negative or computed indexes are refused.
"""

from __future__ import annotations

from collections.abc import Callable

from .cypher_tokens import INTERNAL_PREFIX, Tok, UnsupportedConstruct

__all__ = ["LIST_CONTEXT", "ListIndexes"]

#: Keywords after which ``[`` opens a list (not an index) and a name before ``(`` is no function.
LIST_CONTEXT = {"IN", "RETURN", "WITH", "AND", "OR", "XOR", "NOT", "WHERE", "UNWIND", "WHEN", "THEN", "ELSE", "CASE",
                "DISTINCT", "BY", "CONTAINS", "IS", "AS", "STARTS", "ENDS"}


class ListIndexes:
    """Rewrites the indexes of one query, left to right (an index of an index's result builds on the first).

    Args:
        toks: the query's tokens (their ``text`` and ``pre`` are written); ``sig`` the indexes of those that are not
            white space; ``pos`` token index -> position in ``sig``; ``match`` the partner of each bracket token
            (:func:`.cypher_tokens.brackets`).
        in_lambda: whether a sig position is inside a lambda of the rewriting (:mod:`.cypher_types`).
    """

    def __init__(self, toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int],
                 in_lambda: Callable[[int], bool]) -> None:
        self.t, self.sig, self.pos, self.match, self.in_lambda = toks, sig, pos, match, in_lambda
        self.indexed: dict[int, int] = {}  # sig position of an index's "]" -> where its list expression starts
        self.marks: dict[int, int] = {}  # sig position -> where in its pre the index rewrites go

    def tok(self, k: int) -> Tok:
        return self.t[self.sig[k]]

    def bracket(self, k: int, prev: Tok | None) -> None:
        """Rewrite the ``[`` at sig position ``k`` (``prev`` the token before it) if it opens an index.

        Raises:
            UnsupportedConstruct: a list slice (``xs[a..b]``), or an index other than a whole-number literal.
        """
        if prev is None or prev.text == "-" or prev.text in ("(", ",", "[", "=", "<>", "+", "{", ":"):
            return  # a relationship pattern or a list literal
        if prev.kind == "name" and prev.upper in LIST_CONTEXT:
            return
        if prev.kind not in ("name", "bq", "param", "str") and prev.text not in (")", "]", "}") \
                and k - 1 not in self.indexed:
            return
        close = self.match[self.sig[k]]
        inner = [self.sig[j] for j in range(k + 1, self.pos[close])]
        if any(self.t[i].text == ".." for i in inner):
            raise UnsupportedConstruct("list slices (xs[a..b])")
        if len(inner) == 1 and self.t[inner[0]].kind == "num" and self.t[inner[0]].text.isdigit():
            if self.in_lambda(k):  # no lambda of ours in a lambda's body (:mod:`.cypher_types`): 1-based only
                self.t[inner[0]].text = str(int(self.t[inner[0]].text) + 1)
            else:
                self._index(k, int(self.t[inner[0]].text))
            return
        raise UnsupportedConstruct("list indexes other than a whole-number literal (xs[0], xs[1], ...)")

    def _index(self, k: int, i: int) -> None:
        """``xs[i]`` (``[`` at sig position ``k``) as ``list_extract(list_transform([xs], l -> l[CASE WHEN size(l) >
        i THEN i + 1 END]), 1)``: LadybugDB's lists count from 1, and an index past the end is null on Neo4j but an
        error there (out of range); the lambda names ``xs`` once.  Its text goes into the ``[``, the bracket pair
        and the start of ``xs`` (before any index of ``xs`` itself), so later steps still pair the brackets."""
        start, close = self._chain_start(k - 1), self.pos[self.match[self.sig[k]]]
        head, var = self.tok(start), f"{INTERNAL_PREFIX}l{len(self.indexed)}"
        mark = self.marks.setdefault(start, len(head.pre))
        head.pre = head.pre[:mark] + "(list_extract(list_transform([" + head.pre[mark:]
        self.tok(k).text = f"], {var} -> {var}[CASE WHEN size({var}) > {i} THEN {i + 1} END]), 1))"
        for x in range(k + 1, close + 1):
            self.tok(x).text = ""
        self.indexed[close] = start

    def _chain_start(self, j: int) -> int:
        """Where the expression ending at sig position ``j`` and followed by an index starts: its atom (a name, a
        literal, a bracketed expression, a function call), then any ``.key`` and indexes after it."""
        while True:
            if j in self.indexed:
                j = self.indexed[j]
            elif self.tok(j).text in (")", "]", "}"):
                j = self.pos[self.match[self.sig[j]]]
                before = self.tok(j - 1) if j >= 1 else None
                if self.tok(j).text == "(" and before is not None and before.kind == "name" \
                        and before.upper not in LIST_CONTEXT:
                    j -= 1
            if j >= 2 and self.tok(j - 1).text == ".":
                j -= 2
                continue
            return j
