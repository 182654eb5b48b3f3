"""What a query's names stand for, as far as its text tells (a helper of :mod:`.cypher_types`).

A variable of a node or relationship pattern (``(d:Document)``, ``[m:MENTIONS]``) has the labels or types the
pattern names, so ``d.year`` has the type of the ``year`` column of those tables in the copy (the column types
:func:`.cypher_copy.build` writes); a literal or parameter has its own type; a variable ``AS`` names for a list
literal or a list function's value (``collect(x) AS xs``) is a list.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .cypher_copy import scalar_type
from .cypher_tokens import Tok

__all__ = ["Scope", "value_type"]

_CLAUSE_WORDS = {"WHERE", "RETURN", "WITH", "MATCH", "OPTIONAL", "UNWIND", "ORDER", "SKIP", "LIMIT", "UNION", "CALL"}
#: What an item of a projection starts after (besides a comma).
_ITEM_STARTS = {"WITH", "RETURN", "UNWIND", "DISTINCT"}
_STRING_FUNCTIONS = {"tolower", "toupper", "lower", "upper", "trim", "ltrim", "rtrim", "substring", "left", "right",
                     "replace", "tostring"}
#: Functions (lower case) whose value is a list.
_LIST_FUNCTIONS = {"collect", "range", "nodes", "relationships", "rels", "labels", "tail", "keys", "split"}


def value_type(v: Any) -> str | None:
    """The copy's name of the type of a parameter value (``LIST`` and ``MAP`` for any list or map)."""
    if v is None:
        return "NULL"
    if isinstance(v, list | tuple):
        return "LIST"
    if isinstance(v, dict):
        return "MAP"
    return scalar_type(v) if isinstance(v, bool | int | float | str) else None



class Scope:
    """A query's tokens (sig positions: the tokens that are not white space), with the types its names have.

    Args:
        toks: the query's tokens (:data:`.cypher_tokens.TOKEN`).
        sig: indexes into ``toks`` of the tokens that are not white space.
        match: the partner of each bracket token (:func:`.cypher_tokens.brackets`).
        schema: the copy's column types (:func:`.cypher_copy.build`; empty when unknown).
        params: the query's parameter values.
    """

    def __init__(self, toks: list[Tok], sig: list[int], match: dict[int, int], schema: dict[str, Any],
                 params: dict[str, Any]) -> None:
        self.t, self.sig, self.params = toks, sig, params
        self.pos = {ti: k for k, ti in enumerate(sig)}
        self.match = match
        self.nodes: dict[str, dict[str, str]] = schema.get("nodes", {})
        self.rels: dict[str, dict[str, str]] = {t: v.get("types", {}) for t, v in schema.get("rels", {}).items()}
        self.bound: dict[str, list[tuple[str, set[str] | None]]] = {}  # variable -> [(node|rel, labels or None)]
        self.maps: list[tuple[str, set[str] | None, int]] = []  # (node|rel, labels, sig position of "{")
        self.lists: set[str] = set()  # variables named for a list (collect(x) AS xs)
        self.lambdas: dict[str, str | None] = {}  # variable of a comprehension or any()/all()… -> element type
        self.bodies: list[tuple[int, int]] = []  # sig position ranges of those lambdas
        self.aliases: dict[str, str | None] = {}  # a name AS gives (WITH, UNWIND) -> its type (None: unknown)
        self.elements: dict[str, str | None] = {}  # a name AS gives for a list -> its elements' type (None: unknown)
        self._patterns()
        self._list_aliases()
        self._list_elements()
        self._lambdas()
        self._typed_aliases()

    # ------------------------------------------------------------ tokens
    def tok(self, k: int) -> Tok | None:
        """The token at sig position ``k`` (``None`` past either end)."""
        return self.t[self.sig[k]] if 0 <= k < len(self.sig) else None

    def text(self, k: int) -> str:
        """Its text (empty past either end)."""
        tok = self.tok(k)
        return tok.text if tok is not None else ""

    def up(self, k: int) -> str:
        """Its text in upper case if it is a name, else empty."""
        tok = self.tok(k)
        return tok.upper if tok is not None else ""

    def named(self, k: int) -> bool:
        """Whether it is a name (backquoted or not)."""
        tok = self.tok(k)
        return tok is not None and tok.kind in ("name", "bq")

    def partner(self, k: int) -> int:
        """The sig position of the bracket matching the one at ``k``."""
        return self.pos[self.match[self.sig[k]]]

    def replace(self, first: int, last: int, text: str) -> None:
        """Replace the tokens at sig positions first..last (their pre and post kept) by ``text``."""
        for x in range(first, last + 1):
            tok = self.tok(x)
            assert tok is not None
            tok.text, tok.kind = "", "raw"
        head = self.tok(first)
        assert head is not None
        head.text = text

    def source(self, first: int, last: int) -> str:
        """The texts of sig positions first..last, joined by spaces."""
        return " ".join(self.text(x) for x in range(first, last + 1))

    # ------------------------------------------------------------ patterns: which variable is which
    def _patterns(self) -> None:
        in_match, depth = False, 0
        for k in range(len(self.sig)):
            text, word = self.text(k), self.up(k)
            if word == "MATCH":
                in_match, depth = True, 0
                continue
            if in_match and depth == 0 and word in _CLAUSE_WORDS:
                in_match = False
            if text == "(" and ((in_match and depth == 0) or self._node_like(k)):
                self._node(k)
            elif text == "[" and self.text(k - 1) == "-":
                self._rel(k)
            if text in ("(", "[", "{"):
                depth += 1
            elif text in (")", "]", "}"):
                depth -= 1

    def _lambdas(self) -> None:
        """Note each list comprehension's or ``any()``/``all()``/``none()``/``single()``'s variable, the type of
        its list's elements where known, and where its body is."""
        for k in range(len(self.sig) - 3):
            opener = self.text(k) == "[" or (self.text(k) == "(" and self.text(k - 1).lower() in ("any", "all", "none",
                                                                                               "single"))
            if not (opener and self.named(k + 1) and self.up(k + 2) == "IN"):
                continue
            close, last = self.partner(k), k + 3
            while last < close and self.up(last) != "WHERE" and self.text(last) != "|":
                last = self.partner(last) + 1 if self.text(last) in ("(", "[", "{") else last + 1
            name, t = self.text(k + 1).strip("`"), self.element_type(k + 3, last - 1)
            self.lambdas[name] = t if self.lambdas.get(name, t) == t else None  # two lists of other types: unknown
            self.bodies.append((k + 2, close))

    def in_lambda(self, k: int) -> bool:
        """Whether sig position ``k`` is in the body of a lambda (:meth:`_lambdas`)."""
        return any(a < k < b for a, b in self.bodies)

    def element_type(self, first: int, last: int) -> str | None:
        """The type of the elements of the list expression at ``first..last``, where its text tells."""
        prop = self.property_type(first)
        if prop and prop[0] == last:
            return prop[1][:-2] if prop[1].endswith("[]") else None
        if self.text(first) == "[" and self.partner(first) == last and self.named(first + 1) \
                and self.up(first + 2) == "IN":  # a filter, [y IN [2005, 2010] WHERE y < d.year]: its list's type
            x = first + 3
            while x < last and self.up(x) != "WHERE" and self.text(x) != "|":
                x = self.partner(x) + 1 if self.text(x) in ("(", "[", "{") else x + 1
            return None if self.text(x) == "|" or x == first + 3 else self.element_type(first + 3, x - 1)
        if self.text(first) == "[" and self.partner(first) == last:  # [1, 2], [d.year, d.year + 1]
            kinds: set[str | None] = set()
            start = x = first + 1
            while x <= last:
                if self.text(x) in ("(", "[", "{"):
                    x = self.partner(x) + 1
                    continue
                if self.text(x) in (",", "]") and x > start:
                    kinds.add(self.operand_type(start, x - 1))
                    start = x + 1
                x += 1
            kinds.discard("NULL")
            return kinds.pop() if len(kinds) == 1 else None
        if first == last and self.named(first):  # WITH [1, 2] AS xs: xs of [x IN xs | x + 'a']
            return self.elements.get(self.text(first).strip("`"))
        if self.named(first) and self.text(first + 1) == "(" and self.partner(first + 1) == last:
            if self.text(first).lower() == "collect":  # collect(d.year), collect(DISTINCT d.year): the value's type
                inner = first + 3 if self.up(first + 2) == "DISTINCT" else first + 2
                return self.operand_type(inner, last - 1) if inner < last else None
            return {"range": "INT64", "labels": "STRING", "keys": "STRING", "nodes": "NODE", "relationships": "REL",
                    "rels": "REL", "split": "STRING"}.get(self.text(first).lower())
        return None

    def operand_type(self, first: int, last: int) -> str | None:
        """The type of the operand at ``first..last`` where its text tells (a literal, a property, a lambda's
        variable, a function of a known type)."""
        lit = self.literal(first)
        if lit and lit[0] == last:
            return lit[1]
        if first == last and self.named(first):
            return self.name_type(self.text(first).strip("`"))
        prop = self.property_type(first)
        if prop and prop[0] == last:
            return prop[1]
        if self.named(first) and self.text(first + 1) == "(" and self.partner(first + 1) == last:
            low = self.text(first).lower()
            return "STRING" if low in _STRING_FUNCTIONS else "INT64" if low in ("size", "length", "count") else None
        from .cypher_precedence import sum_type  # here: cypher_precedence reads a Scope

        return sum_type(self, first, last)

    def name_type(self, name: str) -> str | None:
        """The type of the variable ``name`` where the text tells: a list comprehension's (or quantifier's) over a list
        of known elements, or one ``AS`` names for a value of known type (``WITH 1 AS x``, ``UNWIND ['a'] AS v``)."""
        return self.lambdas.get(name) or self.aliases.get(name)

    def atom(self, k: int) -> tuple[int, str, str] | None:
        """``(end, type, text)`` of the operand starting at sig position ``k`` whose type the text tells: a literal or
        parameter, a property of one column type, a variable of :meth:`name_type`; ``None`` otherwise."""
        lit = self.literal(k)
        if lit:
            return lit[0], lit[1], self.source(k, lit[0])
        prop = self.property_type(k)
        if prop:
            return prop[0], prop[1], f"{self.text(k)}.`{self.text(k + 2).strip('`')}`"
        if self.named(k) and self.text(k - 1) != "." and self.text(k + 1) not in (".", "(", "["):
            t = self.name_type(self.text(k).strip("`"))
            return (k, t, self.text(k)) if t else None
        return None

    def _typed_aliases(self) -> None:
        """Note the type of each variable ``AS`` names (:meth:`name_type`), in the order the query names them, so
        ``WITH 1 AS x WITH x AS y`` types ``y``; a name given values of two types is of none."""
        for k in range(1, len(self.sig) - 1):
            if self.up(k) != "AS" or not self.named(k + 1):
                continue
            first = self.item_start(k - 1)
            unwind = self.up(first - 1) == "UNWIND"
            t = self.element_type(first, k - 1) if unwind else self.operand_type(first, k - 1)
            name = self.text(k + 1).strip("`")
            self.aliases[name] = t if self.aliases.get(name, t) == t else None

    @cached_property
    def as_names(self) -> dict[str, list[int]]:
        """The sig positions of each name an ``AS`` gives (``WITH n AS m``: ``{"m": [its position]}``), in the query's
        order, without backticks."""
        found: dict[str, list[int]] = {}
        for x in range(1, len(self.sig)):
            if self.up(x - 1) == "AS" and self.named(x):
                found.setdefault(self.text(x).strip("`"), []).append(x)
        return found

    def item_start(self, last: int) -> int:
        """The sig position where the projection item ending at ``last`` starts: after ``WITH``, ``RETURN``,
        ``UNWIND``, ``DISTINCT``, a comma or an opening bracket at its own level."""
        first, depth = last, 0
        while first >= 0:
            text, word = self.text(first), self.up(first)
            if text in (")", "]", "}"):
                depth += 1
            elif text in ("(", "[", "{") and depth:
                depth -= 1
            elif text in ("(", "[", "{") or (depth == 0 and (text == "," or word in _ITEM_STARTS)):
                break
            first -= 1
        return first + 1

    def _list_aliases(self) -> None:
        """Note the variables ``AS`` names for a list literal, comprehension or list function's value."""
        for k in range(1, len(self.sig) - 1):
            if self.up(k) == "AS" and self.named(k + 1) and self.static_list(self._expression_start(k - 1), k - 1):
                self.lists.add(self.text(k + 1).strip("`"))

    def _list_elements(self) -> None:
        """Note the type of the elements of each list a ``WITH`` names where the text tells it (``WITH [1, 2] AS xs``,
        ``collect(d.year) AS ys``), in the query's order, so a comprehension or ``reduce()`` over the alias types its
        variable (``[x IN xs | x + 'a']`` joins the number's text, as Neo4j does); a name given lists of two element
        types, or a value that is not such a list, is of none."""
        for k in range(1, len(self.sig) - 1):
            if self.up(k) != "AS" or not self.named(k + 1):
                continue
            first = self.item_start(k - 1)
            t = None if self.up(first - 1) == "UNWIND" or not self.static_list(first, k - 1) \
                else self.element_type(first, k - 1)
            name = self.text(k + 1).strip("`")
            self.elements[name] = t if self.elements.get(name, t) == t else None

    def _expression_start(self, k: int) -> int:
        if self.text(k) in (")", "]"):
            o = self.partner(k)
            return o - 1 if self.text(o) == "(" and self.named(o - 1) else o
        return k

    def static_list(self, first: int, last: int) -> bool:
        """Whether the expression at ``first..last`` is known to be a list (a literal, a comprehension, a list
        function's value, a list property or parameter, a variable named for one)."""
        if first > last:
            return False
        if self.text(first) == "[" and self.partner(first) == last:
            return True
        if first == last:
            tok = self.tok(first)
            return tok is not None and (tok.text.strip("`") in self.lists
                                        or (tok.kind == "param" and isinstance(self.params.get(tok.text[1:]), list)))
        prop = self.property_type(first)
        if prop and prop[0] == last:
            return prop[1].endswith("[]")
        return self.named(first) and self.text(first).lower() in _LIST_FUNCTIONS and self.text(first + 1) == "(" \
            and self.partner(first + 1) == last

    def _node_like(self, k: int) -> bool:
        """Whether the ``(`` at ``k`` opens a node pattern outside a MATCH clause's own pattern."""
        close = self.partner(k)
        if (self.named(k + 1) and self.text(k + 2) == ":") or self.text(k + 1) == ":":
            return True
        if self.text(k - 1) in ("-", ">") or self.text(close + 1) in ("-", "<"):
            return True
        return self.text(k - 1) == "{" and self.text(k + 1) != "{"  # EXISTS { (p)-->() }

    def _labels(self, k: int, stop: int) -> tuple[set[str] | None, int]:
        """The labels or types named from sig position ``k`` (``:A|B``, ``:A:B``), and where they end."""
        labels: set[str] = set()
        while k < stop and self.text(k) in (":", "|", "&") and self.named(k + 1):
            labels.add(self.text(k + 1).strip("`"))
            k += 2
        return (labels - {"Node"} or None), k

    def _node(self, k: int) -> None:
        close = self.partner(k)
        var = self.text(k + 1).strip("`") if self.named(k + 1) else None
        labels, j = self._labels(k + 2 if var else k + 1, close)
        if var:
            self.bound.setdefault(var, []).append(("node", labels))
        if self.text(j) == "{":
            self.maps.append(("node", labels, j))

    def _rel(self, k: int) -> None:
        close = self.partner(k)
        var = self.text(k + 1).strip("`") if self.named(k + 1) else None
        types, j = self._labels(k + 2 if var else k + 1, close)
        if any(self.text(x) == "*" for x in range(k + 1, close)):
            return  # a variable-length relationship is a list
        if var:
            self.bound.setdefault(var, []).append(("rel", types))
        if self.text(j) == "{":
            self.maps.append(("rel", types, j))

    def column(self, kind: str, labels: set[str] | None, key: str) -> set[str]:
        """The types of property ``key`` in the node (``kind`` "node") or relationship tables ``labels`` (all)."""
        tables = self.nodes if kind == "node" else self.rels
        return {tables[t][key] for t in (labels if labels is not None else tables) if key in tables.get(t, {})}

    def property_type(self, k: int) -> tuple[int, str] | None:
        """``(end, column type)`` of ``var.key`` at ``k`` when ``var`` is a pattern's and its column has one type."""
        if not (self.named(k) and self.text(k + 1) == "." and self.named(k + 2)) or self.text(k - 1) == ".":
            return None
        if self.text(k + 3) in (".", "[", "("):
            return None
        uses = self.bound.get(self.text(k).strip("`"))
        key = self.text(k + 2).strip("`")
        if not uses and self.text(k).strip("`") in self.lambdas:  # a node a comprehension's list holds: x of [x IN ns | …]
            from .cypher_holds import held  # here: cypher_holds reads the query through this class

            uses = held(self, self.text(k).strip("`"), k)
        if not uses:  # a map's field, where the text tells its type ({n: p.name} AS m: m.n)
            from .cypher_maps import map_fields  # here: cypher_maps reads the query through this class

            fields = map_fields(self, self.text(k).strip("`"))
            t = fields.get(key, (None, None))[0] if fields else None
            return (k + 2, t) if t and t != "NULL" else None
        types = set().union(*(self.column(kind, labels, key) for kind, labels in uses))
        return (k + 2, types.pop()) if len(types) == 1 else None

    def element_type_at(self, k: int) -> tuple[int, str] | None:
        """``(end, element type)`` of ``var.key[i]`` at ``k``: a list property of one column type (``STRING[]``)
        indexed once, not sliced nor indexed or read further (``p.aliases[0]``)."""
        if not (self.named(k) and self.text(k + 1) == "." and self.named(k + 2) and self.text(k + 3) == "[") \
                or self.text(k - 1) == ".":
            return None
        close = self.partner(k + 3)
        if close <= k + 4 or any(self.text(x) == ".." for x in range(k + 4, close)) \
                or self.text(close + 1) in (".", "[", "("):
            return None
        uses = self.bound.get(self.text(k).strip("`"))
        key = self.text(k + 2).strip("`")
        types = set().union(*(self.column(kind, labels, key) for kind, labels in uses or []))
        found = types.pop() if len(types) == 1 else ""
        return (close, found[:-2]) if found.endswith("[]") else None

    def literal(self, k: int) -> tuple[int, str] | None:
        """``(end, type)`` of a literal or parameter at ``k`` (``-3`` included)."""
        tok = self.tok(k)
        if tok is None:
            return None
        if tok.kind == "str":
            return k, "STRING"
        if tok.kind == "num":
            return k, "INT64" if tok.text.isdigit() else "DOUBLE"
        if tok.upper in ("TRUE", "FALSE"):
            return k, "BOOLEAN"
        if tok.upper == "NULL":
            return k, "NULL"
        if tok.kind == "param":
            t = value_type(self.params.get(tok.text[1:])) if tok.text[1:] in self.params else None
            return (k, t) if t else None
        if tok.text == "-" and self.tok(k + 1) is not None and self.tok(k + 1).kind == "num":  # type: ignore[union-attr]
            return k + 1, "INT64" if self.text(k + 1).isdigit() else "DOUBLE"
        return None

