"""List indexes of Neo4j's Cypher rewritten for LadybugDB (a step of :mod:`.cypher_translate`).

List indexes are 0-based in Neo4j, 1-based in LadybugDB, and an index past the end is null in Neo4j, an error in
LadybugDB: ``xs[0]`` becomes ``list_extract(list_transform([xs], l -> l[CASE WHEN size(l) > 0 THEN 1 END]), 1)``
(``p.aliases[0] IS NULL`` was also a parser error).  A negative or computed index (``xs[-1]``, ``xs[i]``,
``xs[size(xs) - 1]``) picks its 1-based position in the same lambda: ``e + 1`` from the start, ``size(l) + e + 1``
from the end, null past either end, as on Neo4j (these were refused: ``UNWIND range(0, size(r.sentences) - 1) AS i
… r.sentences[i]``, the Neo4j idiom for a relationship's provenance lists, a walkthrough, session 63).

A slice ``xs[a..b]`` (from ``a`` up to ``b`` exclusive, 0-based, negative bounds from the end, clamped to the
list; a null bound makes it null) becomes ``list_slice(xs, A, B)``, LadybugDB's 1-based slice with both ends
inclusive that counts a negative begin or end from the end: ``A`` is ``a + 1`` (``a`` when negative, 1 when
omitted), ``B`` is ``b`` (``b - 1`` when negative, the largest position when omitted); a bound that is not a literal
picks by its sign in a ``CASE``.  ``collect(p.name)[..3]`` was refused.

In the body of a list comprehension or quantifier, which cannot hold a lambda of ours (LadybugDB lost the outer
lambda's variable), the position is computed in place from a copy of the list's text, ``xs[CASE WHEN … END]``: an
index past either end is null there too (``[x IN range(1, 3) | [1, 2][x]]`` was refused, ``[l IN ls | l[5]]``
failed on "index=6 is out of range").  A list literal indexed by a literal is its item or a null
(``[a, b][1]`` is ``(b)``, ``[x][5]`` is ``CASE WHEN false THEN (x) END``), so the engine is given no list literal
holding a comprehension's element, which returned other rows' strings (:mod:`.cypher_lists`).

Only a list is indexed by a number: LadybugDB read a string's, a number's or a map's text (``'abc'[0]`` was
``'a'``, ``{a: 1}[0]`` ``'{'``), where Neo4j 5 answers a type error.  A string or number literal indexed is refused
here; any other list goes through ``list_concat(xs, [])``, which the engine's binder refuses for what is not a list,
and the mirror words that refusal (:func:`not_a_list`); ``null[i]`` is null.

A string key (``m['name']``, ``n[$key]`` with a string value) is a property or map key, read as ``m.name``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from policykg.errors import QueryError

from .cypher_rows import guarded, row_reference
from .cypher_tokens import INTERNAL_PREFIX, Tok

__all__ = ["LIST_CONTEXT", "ListIndexes", "not_a_list"]

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
                 in_lambda: Callable[[int], bool], params: dict[str, Any] | None = None) -> None:
        self.t, self.sig, self.pos, self.match, self.in_lambda = toks, sig, pos, match, in_lambda
        self.params = params or {}
        self.indexed: dict[int, int] = {}  # sig position of an index's "]" -> where its list expression starts
        self.marks: dict[int, int] = {}  # sig position -> where in its pre the index rewrites go
        # rewrites that copy an operand's text once it is rewritten, with the length of the span they rewrite
        self.deferred: list[tuple[int, Callable[[], None]]] = []

    def tok(self, k: int) -> Tok:
        return self.t[self.sig[k]]

    def bracket(self, k: int, prev: Tok | None) -> None:
        """Rewrite the ``[`` at sig position ``k`` (``prev`` the token before it) if it opens an index.

        Raises:
            QueryError: a string or number literal indexed (``'abc'[0]``), which Neo4j 5 refuses as a type error.
        """
        if prev is None or prev.text == "-" or prev.text in ("(", ",", "[", "=", "<>", "+", "{", ":"):
            return  # a relationship pattern or a list literal
        if prev.kind == "name" and prev.upper in LIST_CONTEXT:
            return
        if prev.kind in ("str", "num"):
            sliced = any(self.tok(j).text == ".." for j in range(k + 1, self.pos[self.match[self.sig[k]]]))
            raise QueryError(not_a_list("STRING" if prev.kind == "str" else "INT64", sliced))
        if prev.upper == "NULL" and self.tok(k - 2).text != ".":  # null[i] is null (the engine typed it a number)
            for j in range(k, self.pos[self.match[self.sig[k]]] + 1):
                self._blank(j)
            return
        if prev.kind not in ("name", "bq", "param") and prev.text not in (")", "]", "}") \
                and k - 1 not in self.indexed:
            return
        close = self.match[self.sig[k]]
        inner = [self.sig[j] for j in range(k + 1, self.pos[close])]
        dots = [j for j in range(k + 1, self.pos[close]) if self.tok(j).text == ".."
                and self._depth(k + 1, j) == 0]
        if dots:
            self._slice(k, dots[0])
            return
        if len(inner) == 1 and self._key(self.t[inner[0]]) is not None:  # m['name'], n[$key]: a key, not an index
            self.t[self.sig[k]].text, self.t[close].text = ".", ""
            self.t[inner[0]].text = "`" + str(self._key(self.t[inner[0]])).replace("`", "``") + "`"
            return
        literal = _literal_index([self.t[i].text for i in inner])
        if literal is not None and self._list_literal_item(k, literal):
            return
        if literal is not None and literal >= 0 and not self.in_lambda(k):
            self._index(k, _past_any_list(str(literal)))
        elif self.in_lambda(k):  # no lambda of ours in a lambda's body (:mod:`.cypher_types`)
            self._inline_index(k)
        else:
            self._computed_index(k)

    def _list_literal_item(self, k: int, i: int) -> bool:
        """``[a, b, c][i]`` with a whole-number literal ``i`` (``[`` of the index at sig position ``k``): the item
        itself, in parentheses, or a null of its type past either end (``CASE WHEN false THEN (a) END``), written over
        the list and the index; whether the list before ``k`` is a literal of at least one item.  The engine is
        given no list literal, which in a comprehension's mapping returned other rows' strings (:mod:`.cypher_lists`),
        so ``[x IN xs | [x][5]]`` answers nulls as on Neo4j."""
        close = self.pos[self.match[self.sig[k]]]
        if self.tok(k - 1).text != "]" or k - 1 in self.indexed:
            return False
        opening = self.pos[self.match[self.sig[k - 1]]]
        before = self.tok(opening - 1) if opening >= 1 else None
        if before is not None and not (before.text in ("(", ",", "[", "=", "<>", "+", "{", ":", "|")
                                       or before.upper in LIST_CONTEXT):
            return False  # an index's brackets, not a list
        items: list[tuple[int, int]] = []
        first = opening + 1
        for j in range(opening + 1, k):
            if j == k - 1 or (self.tok(j).text == "," and self._depth(opening + 1, j) == 0):
                items.append((first, j - 1))
                first = j + 1
        if not items or items[0][0] > items[0][1] or (opening + 2 < k and self.tok(opening + 2).upper == "IN"):
            return False  # [] or a list comprehension
        n = len(items)
        if not -n <= i < n:
            keep, self.tok(opening).text, self.tok(k - 1).text = items[0], "CASE WHEN false THEN (", ") END"
        else:
            keep, self.tok(opening).text, self.tok(k - 1).text = items[i], "(", ")"
        for j in [*range(opening + 1, keep[0]), *range(keep[1] + 1, k - 1), *range(k, close + 1)]:
            self._blank(j)
        self.indexed[close] = opening
        return True

    def _index(self, k: int, i: int) -> None:
        """``xs[i]`` (``[`` at sig position ``k``) as ``list_extract(list_transform([xs], l -> l[CASE WHEN size(l) >
        i THEN i + 1 END]), 1)``: LadybugDB's lists count from 1, and an index past the end is null on Neo4j but an
        error there (out of range); the lambda names ``xs`` once.  Its text goes into the ``[``, the bracket pair
        and the start of ``xs`` (before any index of ``xs`` itself), so later steps still pair the brackets."""
        start, close = self._chain_start(k - 1), self.pos[self.match[self.sig[k]]]
        head, var = self.tok(start), f"{INTERNAL_PREFIX}l{len(self.indexed)}"
        mark = self.marks.setdefault(start, len(head.pre))
        head.pre = head.pre[:mark] + "(list_extract(list_transform([" + head.pre[mark:]
        body = f"{var}[CASE WHEN size({var}) > {i} THEN {i + 1}{_checked(var)} END]"
        reference = row_reference(self.t, self.sig, start, k)  # [y IN … WHERE y < d.year][0] (cypher_rows)
        self.tok(k).text = f"], {var} -> {body if reference is None else guarded(reference, body)}), 1))"
        for x in range(k + 1, close + 1):
            self.tok(x).text = ""
        self.indexed[close] = start

    def _computed_index(self, k: int) -> None:
        """``xs[e]`` with ``e`` not a whole-number literal (``[`` at sig position ``k``): the lambda of :meth:`_index`
        with a position that counts a negative ``e`` from the end; ``e``'s text is copied once rewritten
        (:meth:`finish`)."""
        start, close = self._chain_start(k - 1), self.pos[self.match[self.sig[k]]]
        head, var = self.tok(start), f"{INTERNAL_PREFIX}l{len(self.indexed)}"
        mark = self.marks.setdefault(start, len(head.pre))
        head.pre = head.pre[:mark] + "(list_extract(list_transform([" + head.pre[mark:]
        self.indexed[close] = start

        reference = row_reference(self.t, self.sig, start, k)  # (cypher_rows)

        def write() -> None:
            e = f"({self._take(k, close)})"
            body = (f"{var}[CASE WHEN {e} >= 0 AND {e} < size({var}) THEN {e} + 1 "
                    f"WHEN {e} < 0 AND -{e} <= size({var}) THEN size({var}) + {e} + 1{_checked(var)} END]")
            self.tok(k).text = f"], {var} -> {body if reference is None else guarded(reference, body)}), 1))"
            self.tok(close).text = ""
        self.deferred.append((close - start, write))

    def _inline_index(self, k: int) -> None:
        """``xs[e]`` (``[`` at sig position ``k``) in the body of a lambda, which cannot hold one of ours: ``xs[CASE
        WHEN … END]``, the 1-based position of :meth:`_computed_index` (null past either end, as on Neo4j) computed
        from a copy of ``xs``'s text; both copied once rewritten (:meth:`finish`)."""
        start, close = self._chain_start(k - 1), self.pos[self.match[self.sig[k]]]
        mark = self.marks.setdefault(start, len(self.tok(start).pre))
        self.indexed[close] = start

        def write() -> None:
            head = self.tok(start)
            xs = "".join(t.pre + t.text + t.post for t in self.t[self.sig[start]:self.sig[k - 1] + 1])[mark:]
            size = f"size({xs})"
            e = f"({self._take(k, close)})"
            self.tok(k).post = (f"CASE WHEN {e} >= 0 AND {e} < {size} THEN {e} + 1 "  # the [ kept: later steps pair it
                                f"WHEN {e} < 0 AND -{e} <= {size} THEN {size} + {e} + 1{_checked(xs)} END")
            head.pre = head.pre[:mark] + "(" + head.pre[mark:]  # the engine cannot parse xs[…] IS NULL
            self.tok(close).post = ")" + self.tok(close).post
        self.deferred.append((close - start, write))

    def _slice(self, k: int, dots: int) -> None:
        """``xs[a..b]`` (``[`` at sig position ``k``, ``..`` at ``dots``) as ``list_slice(xs, A, B)`` (module
        docstring); a bound's text is copied once rewritten (:meth:`finish`)."""
        start, close = self._chain_start(k - 1), self.pos[self.match[self.sig[k]]]
        head = self.tok(start)
        mark = self.marks.setdefault(start, len(head.pre))
        head.pre = head.pre[:mark] + "list_slice(list_concat(" + head.pre[mark:]
        self.indexed[close] = start

        def bound(first: int, last: int, begin: bool) -> str:
            if first > last:
                return "1" if begin else "2147483647"
            texts = [self.tok(j).text for j in range(first, last + 1)]
            if len(texts) == 1 and texts[0].isdigit():
                return str(_past_any_list(texts[0]) + (1 if begin else 0))
            if len(texts) == 2 and texts[0] == "-" and texts[1].isdigit():
                return f"-{_past_any_list(texts[1]) + (0 if begin else 1)}"
            e = f"({self._take_range(first, last)})"
            return f"CASE WHEN {e} < 0 THEN {e} ELSE {e} + 1 END" if begin else \
                f"CASE WHEN {e} < 0 THEN {e} - 1 ELSE {e} END"

        def write() -> None:
            a, b = bound(k + 1, dots - 1, True), bound(dots + 1, close - 1, False)
            for j in range(k + 1, close):
                self._blank(j)
            self.tok(k).text, self.tok(dots).text, self.tok(close).text = ", []), ", "", ""
            self.tok(k).post = a + ", " + b + ")"
        self.deferred.append((close - start, write))

    def defer(self, span: int, write: Callable[[], None]) -> None:
        """Run ``write``, which copies the text of ``span`` sig positions or fewer, in :meth:`finish`, after the writes
        of shorter spans (those it may hold) and before those of longer ones."""
        self.deferred.append((span, write))

    def finish(self) -> None:
        """Write the rewrites that copy an operand's text (a computed index, a slice's bounds, the list of an index in
        a lambda), once every other step has rewritten that text: the shortest span first, so each copies the
        rewrites of the spans it holds (``xs[ys[0]]``, ``xs[0][1]``)."""
        for _, write in sorted(self.deferred, key=lambda d: d[0]):
            write()
        self.deferred.clear()

    def _take(self, k: int, close: int) -> str:
        """The rewritten text between the brackets at sig positions ``k`` and ``close``, which is then blanked."""
        return self._take_range(k + 1, close - 1)

    def _take_range(self, first: int, last: int) -> str:
        """The rewritten text of sig positions ``first`` … ``last`` (with the white space between), then blanked."""
        text = "".join(t.pre + t.text + t.post for t in self.t[self.sig[first]:self.sig[last] + 1])
        for ti in range(self.sig[first], self.sig[last] + 1):
            self.t[ti].pre = self.t[ti].text = self.t[ti].post = ""
        return text

    def _blank(self, j: int) -> None:
        tok = self.tok(j)
        tok.pre = tok.text = tok.post = ""

    def _depth(self, first: int, j: int) -> int:
        """How many brackets opened from sig position ``first`` are still open at ``j``."""
        depth = 0
        for x in range(first, j):
            text = self.tok(x).text
            depth += text in ("(", "[", "{")
            depth -= text in (")", "]", "}")
        return depth

    def _key(self, tok: Tok) -> str | None:
        """The key a string literal or a parameter with a string value names, else ``None``."""
        if tok.kind == "str" and "\\" not in tok.text:
            return tok.text[1:-1]
        if tok.kind == "param" and isinstance(self.params.get(tok.text[1:]), str):
            return self.params[tok.text[1:]]
        return None

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


def not_a_list(kind: str, slice_: bool = False) -> str:
    """The message for indexing (or slicing, ``slice_``) a value of the engine's type ``kind`` (``STRING``, ``INT64``,
    ``NODE`` …), which is not a list: Neo4j 5 refuses it as a type error (the engine read the value's text)."""
    if kind == "STRING":
        how = "substring(s, start, length)" if slice_ else "substring(s, i, 1)"
        return (f"a string cannot be {'sliced' if slice_ else 'indexed'}: "
                f"{'s[a..b] takes part' if slice_ else 's[i] takes an element'} of a list (Neo4j 5 answers a type "
                f"error); take characters with {how}")
    if kind in ("NODE", "REL", "MAP") or kind.startswith("STRUCT"):
        return ("a node, relationship or map is read by a key, not a number: n.name or n['name'] (the key a literal "
                "or a parameter)")
    if kind == "RECURSIVE_REL":
        return ("the relationships of a variable-length pattern are indexed through its path in the embedded engine: "
                "MATCH p = (a)-[*1..3]->(b) … relationships(p)[0]")
    return f"only a list can be indexed, not a value of type {kind} (Neo4j 5 answers a type error)"


def _checked(xs: str) -> str:
    """A last ``WHEN`` of an index's ``CASE`` that the engine's binder accepts only if ``xs`` is a list
    (``LIST_CONCAT`` refuses anything else, where ``xs[i]`` read a string's, a number's or a map's text; the mirror
    names the refusal, :func:`not_a_list`), and never runs (a list's size is never negative): a
    ``list_concat(xs, [])`` run on every row took 44 % longer."""
    return f" WHEN size({xs}) < 0 THEN size(list_concat({xs}, []))"


def _literal_index(texts: list[str]) -> int | None:
    """The whole-number literal the tokens ``texts`` of an index are (``5``, ``-1``), else ``None``."""
    if len(texts) == 1 and texts[0].isdigit():
        return int(texts[0])
    if len(texts) == 2 and texts[0] == "-" and texts[1].isdigit():
        return -int(texts[1])
    return None


#: A position past the end of any list, whose successor is still a 64-bit integer.
_PAST_ANY_LIST = 2**62


def _past_any_list(digits: str) -> int:
    """A whole-number literal index or bound, an index of Neo4j's 64-bit range past any list made one whose successor
    the engine can still add (``[1, 2][9223372036854775807]`` is null on Neo4j; the engine refused ``… + 1``, which
    overflowed); a literal past that range (which Neo4j refuses) is kept for the engine to refuse."""
    value = int(digits)
    return min(value, _PAST_ANY_LIST) if value < 2**63 else value
