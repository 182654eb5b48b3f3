"""Function calls of a query rewritten for LadybugDB (the part of :class:`.cypher_translate._Rewriter` that reads a
call's name and arguments): refused functions named, ``shortestPath()`` noted for its pattern, a pattern as an
argument refused, renamed calls (:func:`.cypher_functions.rename_call`), ``round()`` of a tie, the list functions LadybugDB
has not, ``labels()``, ``substring()``'s 0-based start and ``split()`` keeping its empty parts."""

from __future__ import annotations

from policykg.errors import QueryError

from .cypher_functions import LIST_FUNCTIONS, rename_call, rewrite_list_function, round_half_up
from .cypher_labels import labels_call
from .cypher_patterns import node_pattern_first
from .cypher_shortest import shortest_path
from .cypher_tokens import INTERNAL_PREFIX, REFUSED_FUNCTIONS, Tok, UnsupportedConstruct

__all__ = ["SPLIT_MARK", "Calls"]

#: The character ``split()`` writes around each delimiter before the engine splits (:meth:`Calls._split`): the unit
#: separator, which no text policykg reads holds (a string holding it loses it from its parts).
SPLIT_MARK = "\x1f"


class Calls:
    """The rewriting of function calls, mixed into the rewriter, whose token list ``t``, positions ``sig`` and ``pos``,
    bracket partners ``match``, ``shortest`` patterns and ``_in_lambda`` it reads."""

    t: list[Tok]
    sig: list[int]
    pos: dict[int, int]
    match: dict[int, int]
    shortest: list[tuple[int, int, str]]

    def _in_lambda(self, k: int) -> bool:
        raise NotImplementedError

    def _function(self, k: int, tok: Tok) -> None:
        low = tok.text.lower()
        if low == "split" and self._split(k):
            return
        if low in REFUSED_FUNCTIONS:
            raise UnsupportedConstruct(REFUSED_FUNCTIONS[low])
        if low in ("shortestpath", "allshortestpaths"):  # its pattern is matched as LadybugDB's shortest path
            self.shortest.append(shortest_path(self.t, self.sig, self.pos, self.match, k))
            return
        close = self.match[self.sig[k + 1]]
        if any(node_pattern_first(self.t, self.sig, self.pos, self.match, first)
                                   for first, _ in self._args(k + 1, close)):
            raise UnsupportedConstruct(f"a pattern as the argument of {tok.text}() ({tok.text}((a)-->(b))), which Neo4j 5 "
                                       "refuses too: count with COUNT { (a)-->(b) }, test with EXISTS { (a)-->(b) }")
        if rename_call(self.t, self.sig, k, self.pos[close]):  # type(), log(), sum(), date() …: another name or form
            return
        if low == "round" and self._round_to_integer(k + 1, close):  # a tie: towards +infinity, as Neo4j rounds
            round_half_up(self.t, self.sig, k, self.pos[close], self.pos[self._args(k + 1, close)[0][1]],
                          self._in_lambda(k))
        elif low in LIST_FUNCTIONS:
            rewrite_list_function(self.t, self.sig, k, self.pos[close], self._in_lambda(k))
        elif low == "labels":
            labels_call(self.t, self.sig, k, self.pos[close], self._in_lambda(k))
        elif low == "substring":
            args = self._args(k + 1, close)
            if len(args) not in (2, 3):
                return  # the engine reports the wrong number of arguments
            first, last = args[1]
            self.t[first].pre = "(" + self.t[first].pre
            self.t[last].post += ") + 1" + (", 2147483647" if len(args) == 2 else "")

    def _split(self, k: int) -> bool:
        """Rewrite ``split(s, 'd')`` (name at sig position ``k``; the delimiter a string literal, not empty) as Neo4j 5
        answers it, every part kept, empty ones too (``split(',a,,b', ',')`` is ``['', 'a', '', 'b']``; the manual's
        "String functions"), and return ``True``; ``False`` for any other ``split()``, which is refused.  LadybugDB's
        ``string_split`` drops some empty parts (``'a,,b'`` gave ``['a', 'b']``, ``',a,'`` ``['a', '']``), so each
        delimiter is written between two :data:`SPLIT_MARK` characters first, which leave no part empty, and taken out
        of each part after: ``list_transform(string_split(replace(s, d, M + d + M), d), x -> replace(x, M, ''))``;
        null of null.

        Raises:
            UnsupportedConstruct: such a ``split()`` in a list comprehension, a quantifier or a ``reduce()`` (no lambda
                of ours goes into a lambda).
        """
        close = self.match[self.sig[k + 1]]
        args = self._args(k + 1, close)
        if len(args) != 2 or args[1][0] != args[1][1]:
            return False
        delimiter = self.t[args[1][0]]
        if delimiter.kind != "str" or len(delimiter.text) < 3 or SPLIT_MARK in delimiter.text:
            return False
        if self._in_lambda(k):
            raise UnsupportedConstruct("split() inside a list comprehension, any()/all()/none()/single() or reduce() (the "
                                       "embedded engine writes reduce() as comprehensions); split before it, WITH "
                                       "split(s, ',') AS parts, then [x IN parts | …]")
        var, mark = f"{INTERNAL_PREFIX}sp{k}", f"'{SPLIT_MARK}'"
        self.t[self.sig[k]].text = "list_transform(string_split(replace"
        d = delimiter.text
        delimiter.text = f"{d}, {mark} + {d} + {mark}), {d})"
        self.t[close].pre = f", {var} -> replace({var}, {mark}, '')" + self.t[close].pre
        return True

    def _round_to_integer(self, k_open: int, close: int) -> bool:
        """Whether the ``round(`` at sig position ``k_open`` rounds to an integer: one argument, or a precision 0."""
        args = self._args(k_open, close)
        return len(args) == 1 or (len(args) == 2 and args[1][0] == args[1][1] and self.t[args[1][0]].text == "0")

    def _args(self, k_open: int, close: int) -> list[tuple[int, int]]:
        """Token index ranges (first, last) of the top-level arguments between ``(`` at sig[k_open] and ``close``.

        Raises:
            QueryError: an empty argument (``f(, x)`` failed on an internal error, ``round(x, )`` was ``round(x)``).
        """
        args, start, depth = [], None, 0
        for k in range(k_open + 1, self.pos[close] + 1):
            ti = self.sig[k]
            text = self.t[ti].text
            if depth == 0 and (text == "," or k == self.pos[close]) and start is None and (args or text == ","):
                raise QueryError(f"the query is not Cypher: an empty argument of {self.t[self.sig[k_open - 1]].text}() "
                                 f"at character {self.t[ti].start + 1}")
            if k == self.pos[close]:
                break
            if depth == 0 and text == ",":
                args.append((start, self.sig[k - 1]))
                start = None
                continue
            if start is None:
                start = ti
            depth += text in "([{" and len(text) == 1
            depth -= text in ")]}" and len(text) == 1
        if start is not None:
            args.append((start, self.sig[self.pos[close] - 1]))
        return args
