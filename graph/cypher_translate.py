"""Rewrite a Neo4j 5 read query so LadybugDB answers it as Neo4j would, or refuse it naming the construct.

LadybugDB's Cypher differs from Neo4j's in ways that would silently change answers; each is rewritten here (and each
has a query in the test corpus):

* relationship uniqueness: Neo4j never binds one relationship twice within a
  ``MATCH`` clause, LadybugDB does; anonymous relationships are named
  (``_pk_r1``…) and ``id(a) <> id(b)`` predicates added to the clause's ``WHERE``;
* variable-length patterns: Neo4j walks trails (no relationship twice),
  LadybugDB walks; every ``*a..b`` becomes ``* TRAIL a..b``, ``*n`` becomes
  ``* TRAIL n..n``; an unbounded ``*`` or ``*a..`` is refused (LadybugDB stops at 30 hops, Neo4j does not);
* arithmetic operands of ``CONTAINS``, ``IN``, ``IS NULL``… are parenthesised as Neo4j groups them (:mod:`.cypher_precedence`);
* list indexes are 0-based in Neo4j, 1-based in LadybugDB (``xs[0]`` becomes ``xs[1]``);
  ``substring(s, start[, length])`` likewise;
* ``log(x)`` becomes ``ln(x)`` (Neo4j's log is natural, LadybugDB's base 10), ``round(x)`` ``round(x, 0)``,
  ``toString`` ``to_string``; list comprehensions become list lambdas (:mod:`.cypher_lists`);
  ``type(r)`` becomes ``label(r)``, ``labels(n)`` becomes ``['Node', label(n)]`` (policykg's
  Neo4j nodes carry the label ``Node`` first), ``relationships(p)`` becomes ``rels(p)``,
  the label ``:Node`` in a pattern is dropped (every node is one);
* property keys after ``.`` are quoted (LadybugDB reserves ``starts`` and ``ends``);
* a label or relationship type of a pattern that the graph has not is refused by name (LadybugDB matched
  ``:PROGRAM`` as ``:Program``; Neo4j's names are case-sensitive);
* a label as an expression (``WHERE NOT n:Section``, ``n:Program|Goal``) becomes ``label(n) IN [...]``;
* column names: LadybugDB names ``count(*)`` ``COUNT_STAR()``; every unaliased
  item of the final ``RETURN`` is aliased with its text as written, as Neo4j names it;
* ``WITH … ORDER BY k LIMIT n`` (or ``SKIP``) before a clause that aggregates: LadybugDB cut the rows without
  sorting them (``UNWIND [3,1,2,5,4] AS x WITH x ORDER BY x DESC LIMIT 2 RETURN sum(x)`` answered 4, Neo4j 9: the
  top-N idiom aggregated the wrong rows); a pass-through ``WITH * ORDER BY k LIMIT <all>`` follows it.

Constructs refused (:class:`UnsupportedConstruct`, a :class:`QueryError`, so the API answers 400 with the message):
``CALL`` (procedures and subqueries), ``EXPLAIN``/``PROFILE``, file, database and transaction statements (``LOAD``,
``COPY``, ``ATTACH``, ``INSTALL``, ``EXPORT``, ``IMPORT``, ``USE``, ``ALTER``, ``BEGIN``, ``COMMIT`` …), ``keys()``,
``properties()``, ``split()``, ``shortestPath``/``allShortestPaths``, map projections, list slices, negative or
computed list indexes, and unbounded variable-length patterns.  Anything else the engine cannot parse or bind is
refused by the engine with its own message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policykg.errors import QueryError

from .cypher_lists import comprehensions
from .cypher_precedence import group_predicate_operands
from .cypher_tokens import COLUMN_PREFIX, TOKEN, Tok, alias_return, brackets
from .schema import NODE_LABELS, REL_TYPES

__all__ = ["COLUMN_PREFIX", "INTERNAL_PREFIX", "Translated", "UnsupportedConstruct", "translate"]

#: Prefix of the variables this module introduces; result columns with it are dropped.
INTERNAL_PREFIX = "_pk_"


_CLAUSE_END = {"WHERE", "RETURN", "WITH", "MATCH", "OPTIONAL", "UNWIND", "ORDER", "SKIP", "LIMIT", "UNION", "CALL"}
_AGGREGATES = {"count", "sum", "avg", "min", "max", "collect", "percentilecont", "percentiledisc", "stdev", "stdevp"}
#: The LIMIT of a clause that keeps every row (the largest 64-bit integer).
_ALL_ROWS = 2**63 - 1
_LIST_CONTEXT = {"IN", "RETURN", "WITH", "AND", "OR", "XOR", "NOT", "WHERE", "UNWIND", "WHEN", "THEN", "ELSE", "CASE",
                 "DISTINCT", "BY", "CONTAINS", "IS", "AS", "STARTS", "ENDS"}
_REFUSED_CLAUSES = {
    "CALL": "CALL (procedures and subqueries)", "EXPLAIN": "EXPLAIN", "PROFILE": "PROFILE", "LOAD": "LOAD",
    "COPY": "COPY", "ATTACH": "ATTACH", "DETACH": "DETACH", "INSTALL": "INSTALL", "EXPORT": "EXPORT",
    "IMPORT": "IMPORT", "USE": "USE", "ALTER": "ALTER", "BEGIN": "BEGIN", "COMMIT": "COMMIT", "ROLLBACK": "ROLLBACK",
    "CHECKPOINT": "CHECKPOINT",
}
_REFUSED_FUNCTIONS = {
    "keys": "keys() (the embedded engine lists unset properties too)",
    "properties": "properties() (the embedded engine lists unset properties too)",
    "split": "split() (the embedded engine drops empty parts)",
    "shortestpath": "shortestPath()", "allshortestpaths": "allShortestPaths()",
}


class UnsupportedConstruct(QueryError):
    """A Cypher construct the embedded engine cannot answer as Neo4j would."""

    def __init__(self, construct: str) -> None:
        super().__init__(f"the embedded Cypher engine does not support {construct}; "
                         "rewrite the query without it, or use the Neo4j store (--store neo4j)")
        self.construct = construct


@dataclass
class Translated:
    """A query rewritten for LadybugDB.

    ``columns``: the Neo4j name of each column of the final ``RETURN`` (``None``
    where the engine's name is kept, as for ``RETURN *``).
    """

    text: str
    columns: list[str | None] = field(default_factory=list)


def translate(query: str) -> Translated:
    """Rewrite ``query`` (Neo4j 5 Cypher, read-only) for LadybugDB.

    Raises:
        UnsupportedConstruct: the query uses a construct listed in the module docstring.
    """
    toks = [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(query)]
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    group_predicate_operands(toks, sig, brackets(toks, sig))  # first: comprehensions rename their IN and WHERE
    _Rewriter(toks, sig).run()
    cols = alias_return(toks, sig, query)
    return Translated("".join(t.pre + t.text + t.post for t in toks), cols)


class _Rewriter:
    def __init__(self, toks: list[Tok], sig: list[int]) -> None:
        self.t, self.sig = toks, sig
        self.pos = {ti: k for k, ti in enumerate(sig)}  # token index -> position in sig
        self.match = brackets(toks, sig)
        self.counter = 0

    def tok(self, k: int) -> Tok | None:
        return self.t[self.sig[k]] if 0 <= k < len(self.sig) else None

    def run(self) -> None:
        n = len(self.sig)
        for k in range(n):
            tok = self.tok(k)
            assert tok is not None
            nxt, prev = self.tok(k + 1), self.tok(k - 1)
            up = tok.upper
            if up in _REFUSED_CLAUSES and not (prev and prev.text == "."):
                raise UnsupportedConstruct(_REFUSED_CLAUSES[up])
            if tok.kind == "name" and prev is not None and prev.text == ".":
                tok.text = f"`{tok.text}`"  # a property key; LadybugDB reserves some (r.starts, r.ends)
            elif tok.kind == "name" and nxt is not None and nxt.text == "(":
                self._function(k, tok)
            elif tok.text == "[":
                self._bracket(k, prev)
            elif tok.text == "{" and nxt is not None and nxt.text == "." and prev is not None \
                    and (prev.kind == "name" and prev.upper not in _LIST_CONTEXT):
                raise UnsupportedConstruct("map projections (n {.name, ...})")
        patterns: list[tuple[int, int]] = []
        k = 0
        while k < n:
            if self.tok(k).upper == "MATCH":  # type: ignore[union-attr]
                end = self._match_clause(k + 1)
                patterns.append((k + 1, end))
                k = end
            else:
                k += 1
        self._label_predicates(patterns)
        self._ordered_cuts()
        comprehensions(self.t, self.sig, self.match)  # last: its brackets become parentheses

    # ------------------------------------------------------------ WITH … ORDER BY … LIMIT before an aggregation
    def _ordered_cuts(self) -> None:
        """Follow each ``WITH … ORDER BY keys SKIP/LIMIT …`` whose next clause aggregates with
        ``WITH * ORDER BY keys LIMIT <all>`` (module docstring: LadybugDB otherwise drops the sort before the cut)."""
        n, k = len(self.sig), 0
        while k < n:
            if self.tok(k).upper != "WITH":  # type: ignore[union-attr]
                k += 1
                continue
            marks: dict[str, int] = {}
            end = self._clause_end(k + 1, stop_at_where=True)
            while end < n and self.tok(end).upper in ("ORDER", "SKIP", "LIMIT", "WHERE"):  # type: ignore[union-attr]
                marks.setdefault(self.tok(end).upper, end)  # type: ignore[union-attr]
                end = self._clause_end(end + 2 if self.tok(end).upper == "ORDER" else end + 1, stop_at_where=True)  # type: ignore[union-attr]
            if "ORDER" in marks and ("SKIP" in marks or "LIMIT" in marks) and end < n \
                    and self.tok(end).upper in ("WITH", "RETURN") and self._aggregates(end + 1):  # type: ignore[union-attr]
                stop = min(v for key, v in marks.items() if key != "ORDER" and v > marks["ORDER"])
                keys = "".join(t.pre + t.text + t.post for t in self.t[self.sig[marks["ORDER"] + 2]:self.sig[stop]])
                self.tok(end - 1).post += f" WITH * ORDER BY {keys.strip()} LIMIT {_ALL_ROWS}"  # type: ignore[union-attr]
            k = end

    def _aggregates(self, k: int) -> bool:
        """Whether the clause starting at ``k`` calls an aggregating function."""
        end = self._clause_end(k, stop_at_where=True)
        return any(self.tok(j).kind == "name" and self.tok(j).text.lower() in _AGGREGATES  # type: ignore[union-attr]
                   and self.tok(j + 1) is not None and self.tok(j + 1).text == "(" for j in range(k, end))  # type: ignore[union-attr]

    # ------------------------------------------------------------ label predicates
    def _label_predicates(self, patterns: list[tuple[int, int]]) -> None:
        """``n:Section`` and ``n:Program|Goal`` as expressions (``WHERE NOT n:Section``, ``RETURN n:Goal``), which
        LadybugDB cannot parse, become ``(label(n) IN ['Section'])``; ``n:Node`` is true (every policykg node is one
        on Neo4j).  Not in the patterns of MATCH clauses nor inside maps (``{name: x}``) or pattern predicates."""
        braces = [(self.pos[o], self.pos[c]) for o, c in self.match.items() if self.t[o].text == "{"]

        def text(x: int) -> str:
            tok = self.tok(x)
            return tok.text if tok is not None else ""

        def named(x: int) -> bool:
            tok = self.tok(x)
            return tok is not None and tok.kind in ("name", "bq")

        for k in range(1, len(self.sig) - 2):
            if not (named(k) and text(k + 1) == ":" and named(k + 2)) or any(a <= k < b for a, b in patterns) \
                    or any(a < k < b for a, b in braces):
                continue
            labels, j = [], k + 1
            while text(j) in (":", "|") and named(j + 1):
                labels.append(text(j + 1).strip("`"))
                j += 2
            if text(k - 1) == "(" and (text(k - 2) in ("-", ">", "<") or text(j) == "{"
                                       or (text(j) == ")" and text(j + 1) in ("-", "<"))):
                continue  # a node of a pattern predicate: WHERE (n:Goal)-[:SERVES]-()
            for x in range(k + 1, j):
                self.tok(x).text = ""  # type: ignore[union-attr]
            var = self.tok(k)
            var.text = "(true)" if "Node" in labels else f"(label({var.text}) IN [{', '.join(map(repr, labels))}])"  # type: ignore[union-attr]

    # ------------------------------------------------------------ functions and indexes
    def _function(self, k: int, tok: Tok) -> None:
        low = tok.text.lower()
        if low in _REFUSED_FUNCTIONS:
            raise UnsupportedConstruct(_REFUSED_FUNCTIONS[low])
        close = self.match[self.sig[k + 1]]
        if low == "type":
            tok.text = "label"
        elif low == "log":  # Neo4j's log() is the natural logarithm, LadybugDB's the common one (log(10) = 1)
            tok.text = "ln"
        elif low == "tostring":
            tok.text = "to_string"
        elif low == "round" and len(self._args(k + 1, close)) == 1:  # LadybugDB's round() needs the digits
            self.t[self.sig[self.pos[close] - 1]].post += ", 0"
        elif low == "relationships":
            tok.text = "rels"
        elif low == "labels":
            tok.text = "['Node', label"
            self.t[close].post += "]"
        elif low == "substring":
            args = self._args(k + 1, close)
            if len(args) not in (2, 3):
                return  # the engine reports the wrong number of arguments
            first, last = args[1]
            self.t[first].pre = "(" + self.t[first].pre
            self.t[last].post += ") + 1" + (", 2147483647" if len(args) == 2 else "")

    def _args(self, k_open: int, close: int) -> list[tuple[int, int]]:
        """Token index ranges (first, last) of the top-level arguments between ``(`` at sig[k_open] and ``close``."""
        args, start, depth = [], None, 0
        for k in range(k_open + 1, self.pos[close]):
            ti = self.sig[k]
            text = self.t[ti].text
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

    def _bracket(self, k: int, prev: Tok | None) -> None:
        if prev is None or prev.text == "-" or prev.text in ("(", ",", "[", "=", "<>", "+", "{", ":"):
            return  # a relationship pattern or a list literal
        if prev.kind == "name" and prev.upper in _LIST_CONTEXT:
            return
        if prev.kind not in ("name", "bq", "param", "str") and prev.text not in (")", "]", "}"):
            return
        close = self.match[self.sig[k]]
        inner = [self.sig[j] for j in range(k + 1, self.pos[close])]
        if any(self.t[i].text == ".." for i in inner):
            raise UnsupportedConstruct("list slices (xs[a..b])")
        if len(inner) == 1 and self.t[inner[0]].kind == "num" and self.t[inner[0]].text.isdigit():
            self.t[inner[0]].text = str(int(self.t[inner[0]].text) + 1)
            return
        raise UnsupportedConstruct("list indexes other than a whole-number literal (xs[0], xs[1], ...)")

    # ------------------------------------------------------------ MATCH patterns
    def _match_clause(self, k: int) -> int:
        """Rewrite the pattern of the MATCH clause starting at sig position ``k``; return where it ends."""
        end = self._clause_end(k, stop_at_where=True)
        rels: list[tuple[str, set[str] | None, bool]] = []
        j = k
        while j < end:
            tok = self.tok(j)
            nxt = self.tok(j + 1)
            if tok.text == "(":  # type: ignore[union-attr]
                self._node_pattern(j)
                j = self.pos[self.match[self.sig[j]]] + 1
                continue
            if tok.text == "-" and nxt is not None and nxt.text == "[":  # type: ignore[union-attr]
                close = self.pos[self.match[self.sig[j + 1]]]
                rels.append(self._rel_pattern(j + 1, close))
                j = close + 1
                continue
            if tok.text == "-" and nxt is not None and nxt.text == "-":  # type: ignore[union-attr]
                name = self._fresh()
                tok.post += f"[{name}]"  # type: ignore[union-attr]
                rels.append((name, None, False))
                j += 2
                continue
            j += 1
        preds = _uniqueness(rels)
        if preds:
            where = self.tok(end)
            if where is not None and where.upper == "WHERE":
                w_end = self._clause_end(end + 1, stop_at_where=False)
                where.post += f" ({' AND '.join(preds)}) AND ("
                self.tok(w_end - 1).post += ")"  # type: ignore[union-attr]
            else:
                self.tok(end - 1).post += f" WHERE {' AND '.join(preds)}"  # type: ignore[union-attr]
        return end

    def _clause_end(self, k: int, stop_at_where: bool) -> int:
        depth = 0
        for j in range(k, len(self.sig)):
            tok = self.tok(j)
            text = tok.text  # type: ignore[union-attr]
            if text in ("(", "[", "{"):
                depth += 1
            elif text in (")", "]", "}"):
                depth -= 1
                if depth < 0:
                    return j
            elif depth == 0 and tok.upper in _CLAUSE_END and (stop_at_where or tok.upper != "WHERE"):  # type: ignore[union-attr]
                return j
        return len(self.sig)

    def _node_pattern(self, j: int) -> None:
        """Drop the label ``Node`` from a node pattern ``(n:Node:Program {...})``; check its labels (:func:`_known`)."""
        close = self.pos[self.match[self.sig[j]]]
        for x in range(j + 1, close - 1):
            colon, label = self.tok(x), self.tok(x + 1)
            if colon.text == "{":  # type: ignore[union-attr]
                break  # the property map: {level: level} names no label
            if colon.text in (":", "|") and label.kind in ("name", "bq"):  # type: ignore[union-attr]
                if label.text.strip("`") == "Node":  # type: ignore[union-attr]
                    colon.text = label.text = ""  # type: ignore[union-attr]
                else:
                    _known(label.text.strip("`"), NODE_LABELS, "node label")  # type: ignore[union-attr]

    def _rel_pattern(self, open_k: int, close_k: int) -> tuple[str, set[str] | None, bool]:
        """Name the relationship in ``[...]``, make a variable length a bounded trail; return (name, types, varlen)."""
        inner = list(range(open_k + 1, close_k))
        first = self.tok(inner[0]) if inner else None
        if first is not None and first.kind in ("name", "bq"):
            name = first.text
        else:
            name = self._fresh()
            self.tok(open_k).post += name  # type: ignore[union-attr]
        types: set[str] | None = None
        varlen = False
        for x in inner:
            tok = self.tok(x)
            prev = self.tok(x - 1)
            if tok.kind in ("name", "bq") and prev is not None and prev.text in (":", "|"):  # type: ignore[union-attr]
                types = (types or set()) | {_known(tok.text.strip("`"), REL_TYPES, "relationship type")}  # type: ignore[union-attr]
            if tok.text == "*":  # type: ignore[union-attr]
                varlen = True
                self._range(x, close_k)
        return name, types, varlen

    def _range(self, star: int, close_k: int) -> None:
        parts, x = [], star + 1
        while x < close_k and (self.tok(x).kind == "num" or self.tok(x).text == ".."):  # type: ignore[union-attr]
            parts.append(self.tok(x).text)  # type: ignore[union-attr]
            x += 1
        if not parts or parts[-1] == "..":
            raise UnsupportedConstruct("variable-length relationships without an upper bound ([*] or [*2..]); "
                                       "give one, as in [*1..3]")
        lo, hi = (parts[0], parts[0]) if len(parts) == 1 else (("1", parts[1]) if parts[0] == ".." else (parts[0], parts[2]))
        for y in range(star + 1, x):
            self.tok(y).text = ""  # type: ignore[union-attr]
        self.tok(star).post += f" TRAIL {lo}..{hi}"  # type: ignore[union-attr]

    def _fresh(self) -> str:
        self.counter += 1
        return f"{INTERNAL_PREFIX}r{self.counter}"


def _known(name: str, known: tuple[str, ...], what: str) -> str:
    """``name``, a label or relationship type of a pattern, when policykg's graph has it.

    Raises:
        QueryError: it has not: LadybugDB matched ``PROGRAM`` as ``Program`` (Neo4j's names are case-sensitive: no
            rows there) and answered an unknown name with "Binder exception: Table Progam does not exist".
    """
    if name in known:
        return name
    same = next((k for k in known if k.lower() == name.lower()), None)
    if same is not None:
        raise QueryError(f"no {what} {name!r}: names are case-sensitive in Cypher; did you mean {same!r}?")
    raise QueryError(f"no {what} {name!r} in policykg's graph ({what}s: {', '.join(known)})")


def _uniqueness(rels: list[tuple[str, set[str] | None, bool]]) -> list[str]:
    """Predicates that keep two relationship patterns of one MATCH from binding the same relationship."""
    preds = []
    for i, (a, ta, va) in enumerate(rels):
        for b, tb, vb in rels[i + 1:]:
            if a == b or (ta is not None and tb is not None and not ta & tb):
                continue
            if not va and not vb:
                preds.append(f"id({a}) <> id({b})")
            elif va and vb:
                preds.append(f"none({INTERNAL_PREFIX}x IN rels({a}) WHERE id({INTERNAL_PREFIX}x) IN "
                             f"list_transform(rels({b}), {INTERNAL_PREFIX}y -> id({INTERNAL_PREFIX}y)))")
            else:
                fixed, var = (a, b) if vb else (b, a)
                preds.append(f"NOT id({fixed}) IN list_transform(rels({var}), {INTERNAL_PREFIX}y -> id({INTERNAL_PREFIX}y))")
    return preds
