"""Neo4j's typing of comparisons and string predicates made explicit for LadybugDB (a step of :mod:`.cypher_translate`).

In Neo4j 5 (Cypher manual, "Equality, ordering, and comparison of value types"; "String operators") values of
different types are never equal and do not order: ``d.year = '2023'`` (``year`` an integer) is false,
``d.year < '2030'`` is null, and either is null where ``d.year`` is null; ``STARTS WITH``, ``ENDS WITH``,
``CONTAINS`` and ``=~`` on a value that is not a string are null.  LadybugDB casts implicitly instead:
``MATCH (d:Document) WHERE d.year = '2023'`` counted the 2023 report, ``MATCH (n) WHERE n.level = 1`` failed
(Could not convert "区" to INT64), ``d.year STARTS WITH '20'`` was true, and ``d.year =~ '20.*'`` crashed the
process (a segmentation fault in the engine).  The copy's column types per label and relationship type are known
(:func:`.cypher_copy.build` writes them), so:

* two operands of different types compared (``=``, ``<>``, ``<``, ``>``, ``<=``, ``>=``; each a property, a literal or
  parameter, a list comprehension's variable or a ``WITH`` or ``UNWIND`` alias of a known type, :meth:`.Scope.atom`:
  ``WITH 1 AS x RETURN x < 'a'`` failed on Could not convert "a" to INT64) become what Neo4j answers:
  ``(p IS NULL AND NULL)`` for ``=`` (null or false), ``(p IS NOT NULL OR NULL)`` for ``<>`` (null or true),
  ``CAST(NULL AS BOOLEAN)`` for an ordering;
* a list literal of literals of two types (``[1, 'a']``), which the engine's lists cannot hold, is refused by name;
* ``p IN [...]`` (``p`` such an operand) drops the list's literals of another type (never equal), or becomes
  ``(p IS NULL AND NULL)`` when none is left; ``1 IN p.aliases`` (a list of strings) likewise;
* a simple ``CASE p WHEN lit ...`` on a property becomes ``CASE WHEN p = lit ...`` (so rewritten; LadybugDB also
  took ``WHEN NULL`` for a null ``p``);
* a value of another type in a pattern's property map (``(d:Document {year: '2023'})``, or ``{year: 2022.5}``,
  which LadybugDB cast to 2022) becomes ``NULL``, which matches nothing, as on Neo4j;
* ``reverse(x)`` of a list (a list literal, a list function's value, a list property, a variable ``AS`` names
  for one) becomes ``list_reverse(x)``: LadybugDB reversed the list's text (``reverse(p.aliases)`` was
  ``']物业红色['``);
* ``+`` of a string and a number or boolean (``'第' + d.year + '年'``, ``d.year + 1 + '年'``) concatenates the
  number's text on Neo4j (its ``CypherMath.add``); LadybugDB refused it ("Cannot match a built-in function for given
  function +(STRING,INT64)", a walkthrough, session 63): the number, or the sum before it, is written as Neo4j's
  ``toString`` writes it (:mod:`.cypher_functions`), where the text tells both operands' types;
* ``x CONTAINS ''`` (a literal, or a parameter ``$q`` given ``''``, as a search form sends it) is true for every
  string on Neo4j, false on LadybugDB (``WHERE p.name CONTAINS $q`` found nothing, a walkthrough, session 63): it
  becomes ``x STARTS WITH ''``, which LadybugDB answers as Neo4j does;
* an operand of ``STARTS WITH``, ``ENDS WITH``, ``CONTAINS`` or ``=~`` that is not known to be a string passes
  through a guard that keeps strings and makes anything else null: a list lambda over the one operand,
  ``list_extract(list_transform([x], s -> CASE WHEN typeof(s) = 'STRING' THEN to_string(s) END), 1)``.

A property's type is that of its column in the tables its variable's pattern labels allow (every label, when the
pattern names none); where those disagree, or the variable was not bound by a pattern, nothing is rewritten.
"""

from __future__ import annotations

from typing import Any

from .cypher_functions import REWRITTEN, rewrite_function
from .cypher_indexes import LIST_CONTEXT
from .cypher_precedence import binary, case_words, left_operand, right_operand, sum_terms
from .cypher_rows import guarded, row_reference
from .cypher_scope import Scope
from .cypher_tokens import Tok, UnsupportedConstruct

__all__ = ["STRING_GUARD", "typed_operands"]

#: Opening and closing text of the guard that keeps a string and makes any other value null.
_STRING_BODY = "CASE WHEN typeof(_pk_s) = 'STRING' THEN to_string(_pk_s) END"
STRING_GUARD = ("list_extract(list_transform([", f"], _pk_s -> {_STRING_BODY}), 1)")
_COMPARISONS = {"=", "<>", "<", ">", "<=", ">="}
_NUMBERS = {"INT64", "DOUBLE"}
#: The types ``+`` writes as text beside a string, and how (Neo4j's toString: a float with one decimal at least).
_TEXT = {*_NUMBERS, "BOOLEAN"}
_AS_TEXT = {"INT64": ("to_string(", ")"),
            "DOUBLE": ("regexp_replace(regexp_replace(to_string(", "), '0+$', ''), '[.]$', '.0')"),
            "BOOLEAN": ("lower(to_string(", "))")}
#: What may stand right before an operand that is a whole comparison's side (binding looser than comparisons).
_BEFORE_OPS = {"(", ",", "[", "{", "|", ":"}
_BEFORE_WORDS = {"WHERE", "AND", "OR", "XOR", "NOT", "WHEN", "THEN", "ELSE", "RETURN", "WITH", "DISTINCT", "BY",
                 "UNWIND"}
#: What may stand right after one.
_AFTER_OPS = {")", ",", "]", "}", "|"}
_AFTER_WORDS = {"AND", "OR", "XOR", "THEN", "ELSE", "END", "WHEN", "AS", "RETURN", "WITH", "ORDER", "SKIP", "LIMIT",
                "UNION", "MATCH", "OPTIONAL", "UNWIND", "WHERE", "CALL", "ASC", "DESC", "ASCENDING", "DESCENDING"}


def typed_operands(toks: list[Tok], sig: list[int], match: dict[int, int], schema: dict[str, Any],
                   params: dict[str, Any]) -> Scope:
    """Rewrite, in place, the comparisons, memberships, simple ``CASE`` expressions, pattern maps and string
    predicates whose operands' types differ (module docstring); run before any other step.

    Args:
        toks: the query's tokens (:data:`.cypher_tokens.TOKEN`).
        sig: indexes into ``toks`` of the tokens that are not white space.
        match: the partner of each bracket token (:func:`.cypher_tokens.brackets`).
        schema: the copy's column types (``{"nodes": {label: {property: type}}, "rels": {type: {"types": {...}}}}``;
            empty when unknown: then only the string predicates are guarded).
        params: the query's parameter values.

    Returns:
        What the query's names stand for (:class:`.Scope`, read on the query as written, for the next step to reuse),
        whose ``bodies`` are the sig position ranges of the bodies of the query's lambdas (list comprehensions,
        ``any()``…), where later steps add no lambdas of their own (LadybugDB's nested lambdas went wrong).
    """
    typer = _Typer(toks, sig, match, schema, params)
    typer.run()
    return typer


def _family(t: str) -> str:
    if t.endswith("[]") or t == "LIST":
        return "LIST"
    return "NUMBER" if t in ("INT64", "DOUBLE") else t


class _Typer(Scope):
    def run(self) -> None:
        if self.nodes or self.rels:
            self._pattern_maps()
            for k in range(len(self.sig)):
                tok = self.tok(k)
                if tok is None or tok.kind == "raw":
                    continue
                if tok.kind == "op" and tok.text in _COMPARISONS:
                    self._comparison(k)
                    self._element_comparison(k)
                elif tok.upper == "IN":
                    self._membership(k)
                elif tok.upper == "CASE":
                    self._simple_case(k)
        self._concatenations()
        self._mixed_lists()
        for k in range(len(self.sig) - 1):
            if not (self.named(k) and self.text(k + 1) == "(") or self.text(k - 1) == ".":
                continue
            low, close = self.text(k).lower(), self.partner(k + 1)
            if low == "reverse" and self.static_list(k + 2, close - 1):
                self.t[self.sig[k]].text = "list_reverse"  # LadybugDB's reverse() of a list reversed its text
            elif low in REWRITTEN:
                rewrite_function(self.t, self.sig, k, close, self.operand_type(k + 2, close - 1), self.in_lambda(k))
        for k in range(len(self.sig)):
            word = self.up(k)
            if word == "CONTAINS" or (word == "WITH" and self.up(k - 1) in ("STARTS", "ENDS")) or self.text(k) == "=~":
                self._string_operator(k, k - 2 if word == "WITH" else k - 1)

    def _before(self, k: int, comparisons: bool = False) -> bool:
        text, word = self.text(k), self.up(k)
        return k < 0 or text in _BEFORE_OPS or word in _BEFORE_WORDS or (comparisons and text in _COMPARISONS)

    def _after(self, k: int, comparisons: bool = False) -> bool:
        tok = self.tok(k)
        return tok is None or tok.text in _AFTER_OPS or tok.upper in _AFTER_WORDS or tok.text == ";" \
            or (comparisons and tok.text in _COMPARISONS)

    # ------------------------------------------------------------ comparisons
    def _comparison(self, k: int) -> None:
        """``a op b`` whose operands' types the text tells (:meth:`.Scope.atom`: a literal, a property, a
        comprehension's variable, a ``WITH`` or ``UNWIND`` alias) and do not compare (module docstring)."""
        op = self.text(k)
        left = self._operand_ending(k - 1)
        right = self.atom(k + 1)
        if left is None or right is None or not self._after(right[0] + 1):
            return
        (first, l_type, l_text), (last, r_type, r_text) = left, right
        if "NULL" in (l_type, r_type) or _family(l_type) == _family(r_type):
            return
        values = [text for text, end in ((l_text, first), (r_text, k + 1)) if self.literal(end) is None]
        if op not in ("=", "<>") or not values:
            self.replace(first, last, "CAST(NULL AS BOOLEAN)" if op not in ("=", "<>") else str(op == "<>").lower())
        elif op == "=":  # null where a side is null, else false
            self.replace(first, last, f"(({' OR '.join(f'{v} IS NULL' for v in values)}) AND NULL)")
        else:  # null where a side is null, else true
            self.replace(first, last, f"(({' AND '.join(f'{v} IS NOT NULL' for v in values)}) OR NULL)")

    def _operand_ending(self, end: int, comparisons: bool = False) -> tuple[int, str, str] | None:
        """``(first, type, text)`` of the operand of :meth:`.Scope.atom` that ends at sig position ``end`` and stands
        where a comparison's side starts (after ``WHERE``, ``(``, ``AND``…)."""
        for first in (end, end - 1, end - 2):
            found = self.atom(first)
            if found and found[0] == end and self._before(first - 1, comparisons):
                return first, found[1], found[2]
        return None

    def _element_comparison(self, k: int) -> None:
        """``xs[i] op literal`` or ``literal op xs[i]`` (``xs`` a list property, :meth:`.Scope.element_type_at`) with
        types that do not compare: the engine cast the literal to the element's type or the element to the
        literal's and failed (``p.aliases[0] > 1``: Could not convert "…" to INT64) where Neo4j answers null (an
        ordering) or false (``=``; null for a null element).  The element's tokens stay for the index step
        (:mod:`.cypher_indexes`) unless the whole comparison is null."""
        op = self.text(k)
        if self.tok(k).kind == "raw":  # type: ignore[union-attr]  # rewritten by _comparison already
            return
        opening = self.partner(k - 1) if self.text(k - 1) == "]" else -1
        elem, lit = self.element_type_at(opening - 3) if opening > 0 else None, self.literal(k + 1)
        if elem and elem[0] == k - 1 and lit and self._before(opening - 4) and self._after(lit[0] + 1):
            first, last, e_type, l_type, left = opening - 3, lit[0], elem[1], lit[1], True
        else:
            start = k - 2 if self.text(k - 2) == "-" and self.tok(k - 1).kind == "num" else k - 1  # type: ignore[union-attr]
            lit, elem = self.literal(start), self.element_type_at(k + 1)
            if not (lit and lit[0] == k - 1 and elem and self._before(start - 1) and self._after(elem[0] + 1)):
                return
            first, last, e_type, l_type, left = start, elem[0], elem[1], lit[1], False
        if l_type == "NULL" or _family(e_type) == _family(l_type):
            return
        if op not in ("=", "<>"):
            self.replace(first, last, "CAST(NULL AS BOOLEAN)")
            return
        test = " IS NULL AND NULL)" if op == "=" else " IS NOT NULL OR NULL)"
        if left:
            self.tok(first).pre += "("  # type: ignore[union-attr]
            self.replace(k, last, test)
        else:
            self.replace(first, k, "")
            self.tok(first).pre += "("  # type: ignore[union-attr]  # not its text, which later steps take for a bracket
            self.tok(last).post += test  # type: ignore[union-attr]

    def _membership(self, k: int) -> None:
        """``prop IN [literals]`` and ``literal IN listprop`` with elements of another type."""
        prop = self._operand_ending(k - 1, True)
        if prop and self.text(k + 1) == "[" and _family(prop[1]) != "LIST":
            close = self.partner(k + 1)
            if not self._after(close + 1, True):
                return
            items, x = [], k + 2
            while x < close:
                lit = self.literal(x)
                if lit is None or self.text(lit[0] + 1) not in (",", "]"):
                    return  # not a list of literals
                items.append((x, lit[0], lit[1]))
                x = lit[0] + 2
            kept = [(self.source(a, b), t) for a, b, t in items if t == "NULL" or _family(t) == _family(prop[1])]
            if len(kept) == len(items):
                return
            value = prop[2]
            if not kept:  # x IN [values never equal to x]: null where x is null, else false
                self.replace(prop[0], close, f"({value} IS NULL AND NULL)")
            elif all(t == "NULL" for _, t in kept):  # x IN [null]: null
                self.replace(prop[0], close, "CAST(NULL AS BOOLEAN)")
            else:
                self.replace(k + 1, close, f"[{', '.join(text for text, _ in kept)}]")
            return
        start = k - 2 if self.text(k - 2) == "-" else k - 1
        lit, prop = self.literal(start), self.property_type(k + 1)
        if lit and lit[0] == k - 1 and prop and prop[1].endswith("[]") and self._before(start - 1, True) \
                and self._after(prop[0] + 1, True) and lit[1] != "NULL" and _family(lit[1]) != _family(prop[1][:-2]):
            self.replace(start, prop[0], f"({self.text(k + 1)}.`{self.text(k + 3).strip('`')}` IS NULL AND NULL)")

    def _simple_case(self, k: int) -> None:
        """``CASE prop WHEN lit THEN …`` becomes ``CASE WHEN prop = lit THEN …``, each comparison typed."""
        prop = self.property_type(k + 1)
        if not prop or self.up(prop[0] + 1) != "WHEN":
            return
        whens = []
        for x in case_words(self, prop[0]):
            if self.up(x) == "WHEN":
                lit = self.literal(x + 1)
                if lit is None or self.up(lit[0] + 1) != "THEN":
                    return  # a WHEN that is not a literal: left to the engine
                whens.append((x + 1, lit))
        value = f"{self.text(k + 1)}.`{self.text(k + 3).strip('`')}`"
        for first, (last, l_type) in whens:
            same = l_type != "NULL" and _family(l_type) == _family(prop[1])
            self.replace(first, last, f"{value} = {self.source(first, last)}" if same or l_type == "NULL" else "false")
        self.replace(k + 1, prop[0], "")

    def _mixed_lists(self) -> None:
        """Refuse a list literal of literals of different types (``[1, 'a']``), which Neo4j holds and the engine's
        lists cannot ("Expression a has data type STRING but expected INT64"): named, with what to write."""
        for k in range(len(self.sig)):
            before = self.tok(k - 1)
            if self.text(k) != "[" or (before is not None and (before.kind in ("str", "num", "param", "bq")
                                                              or before.text in (")", "]", "}")
                                                              or (before.kind == "name" and before.upper not in LIST_CONTEXT))):
                continue
            close, kinds, x = self.partner(k), set(), k + 1
            while x < close:
                lit = self.literal(x)
                if lit is None or self.text(lit[0] + 1) not in (",", "]"):
                    kinds.clear()  # not a list of literals
                    break
                kinds.add(_family(lit[1]))
                x = lit[0] + 2
            if len(kinds - {"NULL"}) > 1 and self.text(close + 1) != "[":  # [1, 'a'][1] is its item (:mod:`.cypher_indexes`)
                written = "".join(t.text for t in self.t[self.sig[k]:self.sig[close] + 1])
                raise UnsupportedConstruct(
                    f"a list mixing values of different types ({written}), which the "
                    "engine's lists cannot hold; make them one type (toString(), or ['1', 'a']), or UNWIND each type's "
                    "list apart")

    # ------------------------------------------------------------ concatenation
    def _concatenations(self) -> None:
        """Each sum of terms whose types the text tells, left to right: a number or boolean added to a string, or a
        string to one, is written as text first (module docstring)."""
        done: set[int] = set()
        for k in range(len(self.sig)):
            if self.text(k) != "+" or self.tok(k).kind != "op" or not binary(self.t, self.sig, k):  # type: ignore[union-attr]
                continue
            terms = sum_terms(self.t, self.sig, self.pos, self.match, k)
            if terms[0][1] not in done:
                done.add(terms[0][1])
                self._concatenate(terms)

    def _concatenate(self, terms: list[tuple[str, int, int]]) -> None:
        _, first, last = terms[0]
        types = [self.operand_type(a, b) for _, a, b in terms]
        if "NULL" in types and "STRING" in types:  # null + 'x' is null (the engine: "+(ANY,STRING)")
            self.replace(first, terms[-1][2], "CAST(NULL AS STRING)")
            return
        acc = self.operand_type(first, last)
        for op, a, b in terms[1:]:
            t = self.operand_type(a, b)
            if acc is None or t is None or (op == "-" and "STRING" in (acc, t)):
                return
            if op == "+" and acc == "STRING" and t in _TEXT:
                self._as_text(a, b, t)
            elif op == "+" and t == "STRING" and acc in _TEXT:
                self._as_text(first, a - 2, acc)  # the sum before this term (a - 1 is its +)
                acc = "STRING"
            elif acc in _NUMBERS and t in _NUMBERS:
                acc = "DOUBLE" if "DOUBLE" in (acc, t) else "INT64"
            elif not acc == t == "STRING":
                return

    def _as_text(self, first: int, last: int, t: str) -> None:
        """Write the number or boolean at sig positions ``first..last`` as Neo4j's ``toString`` writes it."""
        head, tail = self.tok(first), self.tok(last)
        assert head is not None and tail is not None
        opening, closing = _AS_TEXT[t]
        head.pre += opening
        tail.post = closing + tail.post

    def _empty_string(self, k: int) -> bool:
        """Whether sig position ``k`` is the literal ``''`` or a parameter whose value is the empty string."""
        tok = self.tok(k)
        return tok is not None and (tok.text in ("''", '""') if tok.kind == "str"
                                    else tok.kind == "param" and self.params.get(tok.text[1:]) == "")

    # ------------------------------------------------------------ pattern maps
    def _pattern_maps(self) -> None:
        for kind, labels, k in self.maps:
            close, x = self.partner(k), k + 1
            while x < close:
                if not (self.named(x) and self.text(x + 1) == ":"):
                    break
                key = self.text(x).strip("`")
                lit = self.literal(x + 2)
                end = lit[0] if lit else self._skip_value(x + 2, close)
                if lit and self.text(end + 1) in (",", "}"):
                    types = self.column(kind, labels, key)
                    if len(types) == 1 and self._never_equal(types.pop(), lit[1], x + 2, end):
                        self.replace(x + 2, end, "NULL")
                x = end + 2

    def _skip_value(self, k: int, close: int) -> int:
        while k < close and self.text(k + 1) not in (",", "}"):
            k = self.partner(k) if self.text(k) in ("(", "[", "{") else k + 1
        return k

    def _never_equal(self, column: str, l_type: str, first: int, last: int) -> bool:
        if l_type == "NULL":
            return False
        if _family(column) != _family(l_type):
            return True
        if column == "INT64" and l_type == "DOUBLE":  # LadybugDB casts 2022.5 to the column's 2022
            value = self.params.get(self.text(first)[1:]) if self.tok(first).kind == "param" \
                else float(self.source(first, last).replace(" ", ""))  # type: ignore[union-attr]
            return value is not None and float(value) != int(value)
        return False

    # ------------------------------------------------------------ string predicates
    def _string_operator(self, k: int, left_end: int) -> None:
        """The operator at ``k`` (``CONTAINS``, ``STARTS WITH``…; its left operand ends at ``left_end``): null when an
        operand is known not to be a string, each operand that may not be one guarded, except in a lambda's body
        (a list comprehension's, ``any()``'s…), where LadybugDB's nested lambdas went wrong."""
        first = left_operand(self.t, self.sig, self.pos, self.match, left_end)
        last = right_operand(self.t, self.sig, self.pos, self.match, k + 1)
        if first > left_end or last < k + 1:
            return
        if self.up(k) == "CONTAINS" and last == k + 1 and self._empty_string(k + 1):
            self.t[self.sig[k]].text = "STARTS WITH"  # every string contains '' on Neo4j, none did here
        types = [self.operand_type(first, left_end), self.operand_type(k + 1, last)]
        if any(t is not None and t not in ("STRING", "NULL") for t in types):
            self.replace(first, last, "CAST(NULL AS BOOLEAN)")
            return
        if self.in_lambda(first):
            return
        for (a, b), t in zip(((first, left_end), (k + 1, last)), types, strict=True):
            if t is None:
                head, tail = self.tok(a), self.tok(b)
                assert head is not None and tail is not None
                reference = row_reference(self.t, self.sig, a, b + 1)  # head([y IN … WHERE y < d.year | …]) (cypher_rows)
                head.pre += STRING_GUARD[0]
                tail.post += STRING_GUARD[1] if reference is None else \
                    f"], _pk_s -> {guarded(reference, _STRING_BODY)}), 1)"
