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
* list indexes are 0-based in Neo4j, 1-based in LadybugDB, and an index past the end is null in Neo4j, an error
  in LadybugDB; a negative index counts from the end, a slice ``xs[a..b]`` becomes ``list_slice`` with its bounds
  made 1-based, ``m['key']`` is ``m.key`` (:mod:`.cypher_indexes`); ``substring(s, start[, length])`` counts from 1
  too;
* ``log(x)`` becomes ``ln(x)`` (Neo4j's log is natural, LadybugDB's base 10), ``round(x)`` rounds a tie towards
  positive infinity (LadybugDB: away from zero);
  ``sum()`` of no value is 0, as on Neo4j (``coalesce(sum(x), 0)``: LadybugDB answered null);
  ``toString``, ``toInteger``, ``toFloat``, ``floor`` and ``ceil`` are typed as Neo4j types them
  (:mod:`.cypher_functions`); list comprehensions become list lambdas, each over its own copy of its list
  (:mod:`.cypher_lists`), and ``any()``, ``all()``, ``none()`` and ``single()`` are null where a null predicate leaves
  them open (:mod:`.cypher_quantifiers`);
  ``type(r)`` becomes ``label(r)``, ``relationships(p)`` becomes ``rels(p)``, ``elementId(x)`` the text of LadybugDB's
  ``id(x)``; ``head``, ``last``, ``tail`` and
  ``isEmpty``, which LadybugDB has not, are written with its functions (:mod:`.cypher_functions`);
* property keys after ``.`` are quoted (LadybugDB reserves ``starts`` and ``ends``); a key in another case than the
  property's or map field's reads null, of a node read through a list or an alias too (:mod:`.cypher_holds`), and a map
  key that is a keyword of the engine's is quoted (:mod:`.cypher_case`);
* a label or relationship type of a pattern that the graph has not is refused by name (LadybugDB matched
  ``:PROGRAM`` as ``:Program``; Neo4j's names are case-sensitive);
* labels: ``labels(n)`` becomes ``['Node', label(n)]`` (policykg's Neo4j nodes carry the label ``Node`` first),
  the label ``:Node`` in a pattern is dropped (every node is one), a label expression (``WHERE NOT n:Section``,
  ``n:Program|Goal``) becomes a test of ``label(n)`` (:mod:`.cypher_labels`);
* column names: LadybugDB names ``count(*)`` ``COUNT_STAR()``; every item of the final ``RETURN`` is named with
  its alias or its text as written, as Neo4j names it; an alias that reuses a variable's name (``RETURN p.name AS p
  ORDER BY p``) is what the ``ORDER BY`` after it sorts by, as in Neo4j (LadybugDB sorted by the node, and refused);
* ``WITH … ORDER BY k LIMIT n`` before a clause that aggregates is sorted before its cut, and a ``WITH … ORDER BY
  k`` without a cut gets one that keeps every row (:mod:`.cypher_cuts`);
* ``EXISTS { (p)-->() }`` and ``COUNT { (p)-->() }`` (Neo4j 5's pattern forms, which LadybugDB cannot parse) get
  their ``MATCH``, and a pattern used as a predicate (``WHERE (p)-[:LEADS]->()``) becomes ``EXISTS { MATCH … }``;
  the ``exists((p)-->())`` function and ``size([(p)-->(x) | x])`` become these subqueries (:mod:`.cypher_subqueries`),
  and a label expression in a subquery's ``WHERE`` is tested as elsewhere (:mod:`.cypher_labels`);
* a node variable next to a typed relationship must have a label the relationship joins (``label(p) IN [...]``):
  LadybugDB joined a node bound before the pattern by row offset alone (:func:`.cypher_patterns.end_labels`);
* ``COUNT { … }`` becomes ``CASE WHEN EXISTS { … } THEN COUNT { … } ELSE 0 END``: the engine lost the rows whose
  count is 0 once a later clause aggregated or filtered them;
* values of different types compared (``d.year = '2023'``), and string operators on what is not a string, answer
  as on Neo4j (:mod:`.cypher_types`);
* ``EXISTS { A UNION B }`` becomes ``EXISTS { A } OR EXISTS { B }``, ``COUNT { A UNION ALL B }`` their sum, and a
  subquery's closing ``RETURN`` is dropped (:mod:`.cypher_subquery_unions`, on the text first);
* ``n[k]`` and ``m[k]`` with a key computed at run time read the property or map field the key names, and a string
  indexed fails only where a row evaluates it (:mod:`.cypher_access`); a ``WHERE`` reading one of several types is
  written once per value (:mod:`.cypher_dynamic`, on the text first);
* ``keys()`` lists the properties set on a node or relationship, or a map's keys (:mod:`.cypher_maps`), and a list of
  integers and floats keeps its integers where returned whole (:mod:`.cypher_numbers`);
* a chain of comparisons (``2020 <= d.year <= 2025``) becomes their conjunction, ``||`` becomes ``+``, a sum that
  may join strings is null when a term is (LadybugDB read a null string as ``''``) (:mod:`.cypher_chains`, before
  every other step), and ``reduce()`` whose expression adds to the accumulator a sum over list comprehensions
  (:mod:`.cypher_reduce`, in that step);
* ``{}``, which LadybugDB could not parse, becomes its empty map, ``struct_pack()`` (:func:`.cypher_maps.empty_maps`),
  a key a map literal lacks reads null (:mod:`.cypher_case`), ``isEmpty()`` of a map is what its keys tell
  (:func:`.cypher_maps.map_sizes`), and ``null + 'x'`` is null (:mod:`.cypher_types`).

``shortestPath()`` and ``allShortestPaths()`` become LadybugDB's ``* SHORTEST`` and ``* ALL SHORTEST`` patterns
(:mod:`.cypher_shortest`, which names what it refuses of them).

Constructs refused (:class:`UnsupportedConstruct`, a :class:`QueryError`, so the API answers 400 with the message):
``CALL`` (procedures and subqueries), ``EXPLAIN``/``PROFILE``, file, database and transaction statements (``LOAD``,
``COPY``, ``ATTACH``, ``INSTALL``, ``EXPORT``, ``IMPORT``, ``USE``, ``ALTER``, ``BEGIN``, ``COMMIT`` …), ``keys()`` of
what no pattern binds nor a map literal or parameter gives (:mod:`.cypher_maps`), a list of integers and floats whose
elements are read (:mod:`.cypher_numbers`), ``properties()``, ``split()`` but by a string literal that is not empty
and outside a lambda (:mod:`.cypher_calls`), map projections, pattern comprehensions
but as ``size()``'s argument (``[(a)-->(b) | b.name]``), a pattern as a function's argument (``size((a)-->(b))``,
which Neo4j 5 refuses too; the engine answered 4), ``exists()`` of a property (which Neo4j 5 removed), a subquery
or pattern test in the body of a list comprehension or quantifier (:func:`.cypher_lists.in_comprehension`),
``head``/``last`` in a list comprehension, quantifier or ``reduce()``, a string or number literal indexed (Neo4j 5
refuses it), unbounded
variable-length patterns, a list comprehension that puts its own element into a ``CASE`` result or a list, and
one or a quantifier that reads its elements' properties over a list of more than 2,048 elements, where it meets one
(:mod:`.cypher_lists`), ``toInteger()`` of what may be a float in a comprehension's body (:mod:`.cypher_functions`),
a ``reduce()`` that does not add to its accumulator (:mod:`.cypher_reduce`), ``size()`` of a map, a list of maps
with different keys and a ``CASE`` or ``coalesce()`` choosing between such maps (:mod:`.cypher_maps`),
a list literal mixing types (``[1, 'a']``, :mod:`.cypher_types`), a map read by a key it holds after another
differing only in case (``Name`` of ``{name: 1, Name: 2}``, :mod:`.cypher_case`), ``n[k]`` of properties of several types but as a
whole ``RETURN`` item, its ``collect()`` or in a ``WHERE`` (:mod:`.cypher_access`), ``COUNT { A UNION B }`` and a
subquery's ``RETURN`` that aggregates (:mod:`.cypher_subquery_unions`), and a name starting with ``_pk_`` or
``_pkcol`` (the rewriting's own; :func:`.cypher_tokens.check_query`).
Anything else the engine cannot parse or bind is refused with its message (:func:`.cypher_tokens.users_words`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .cypher_access import bracket_access
from .cypher_calls import Calls
from .cypher_case import case_sensitive_keys
from .cypher_chains import rewrite_operators
from .cypher_cuts import ordered_cuts
from .cypher_dynamic import dynamic_predicates
from .cypher_indexes import LIST_CONTEXT, ListIndexes
from .cypher_labels import label_predicates, pattern_labels
from .cypher_lists import comprehensions, in_comprehension, pattern_comprehension
from .cypher_maps import empty_maps, map_choices, map_lists, map_sizes, property_keys
from .cypher_numbers import mixed_numbers
from .cypher_patterns import (
    arrow_ends,
    bounded_trail,
    end_labels,
    guarded_counts,
    known,
    node_pattern_first,
    pattern_end,
    uniqueness,
)
from .cypher_precedence import group_predicate_operands
from .cypher_quantifiers import null_quantifiers
from .cypher_shortest import shortest_length
from .cypher_subqueries import pattern_function
from .cypher_subquery_unions import subquery_unions
from .cypher_tokens import (
    COLUMN_PREFIX,
    INTERNAL_PREFIX,
    REFUSED_CLAUSES,
    TOKEN,
    Tok,
    UnsupportedConstruct,
    alias_return,
    brackets,
    check_query,
    clause_end,
    quoted_write_words,
)
from .cypher_types import typed_operands
from .schema import NODE_LABELS, REL_TYPES

__all__ = ["COLUMN_PREFIX", "INTERNAL_PREFIX", "Translated", "UnsupportedConstruct", "translate"]


@dataclass
class Translated:
    """A query rewritten for LadybugDB.

    ``columns``: the Neo4j name of each column of the final ``RETURN`` (``None``
    where the engine's name is kept, as for ``RETURN *``).
    """

    text: str
    columns: list[str | None] = field(default_factory=list)


def translate(query: str, schema: dict[str, Any] | None = None, params: dict[str, Any] | None = None) -> Translated:
    """Rewrite ``query`` (Neo4j 5 Cypher, read-only) for LadybugDB.

    ``schema`` (the copy's column types, :func:`.cypher_copy.build`) and ``params`` (the query's parameter values)
    let comparisons of values of different types answer as on Neo4j (:mod:`.cypher_types`).

    Raises:
        UnsupportedConstruct: the query uses a construct listed in the module docstring.
        QueryError: the query's brackets do not pair, or it uses a name of the rewriting's
            (:func:`.cypher_tokens.check_query`).
    """
    check_query(query)
    # before every step, which sees the operands they copy; a subquery's UNION becomes subqueries joined by OR or +
    text = case_sensitive_keys(quoted_write_words(query), schema or {}, params or {})  # n.Name: null, as on Neo4j
    text = rewrite_operators(subquery_unions(text), schema, params)
    text = dynamic_predicates(text, schema or {}, params or {})  # WHERE n[k] = 1: once per type n[k] may read
    text = null_quantifiers(text)  # any(x IN l WHERE p) of a null p: null, as on Neo4j; after what rewrites p
    toks, sig = _tokens(text)
    scope = typed_operands(toks, sig, brackets(toks, sig), schema or {}, params or {})  # first: on the query as written
    lambdas = scope.bodies
    property_keys(scope)  # keys(n): before n[k], which reads the names of the query as written
    map_sizes(scope)  # isEmpty({}), size({a: 1}): of the maps as written
    map_lists(scope)  # [{a: 2}, {b: 1}]: refused
    map_choices(scope)  # CASE WHEN … THEN {} ELSE {a: 1} END: refused
    mixed_numbers(scope)  # [1, 2.5]: the integers kept integers
    bracket_access(scope)  # n[k], s[0]: before the indexes, with what typed_operands read of the names
    group_predicate_operands(toks, sig, brackets(toks, sig))  # first: comprehensions rename their IN and WHERE
    _Rewriter(toks, sig, lambdas, params or {}).run()
    cols = alias_return(toks, sig, text)
    empty_maps(scope)  # {}: last, as every step before reads it as a map literal
    if text != query:  # the columns are named as the query wrote them (2020 <= d.year <= 2025)
        cols = alias_return(*_tokens(query), query)
    return Translated("".join(t.pre + t.text + t.post for t in toks), cols)


def _tokens(query: str) -> tuple[list[Tok], list[int]]:
    """The tokens of ``query`` and the indexes of those that are not white space."""
    toks = [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(query)]
    return toks, [i for i, t in enumerate(toks) if t.kind != "ws"]


class _Rewriter(Calls):
    def __init__(self, toks: list[Tok], sig: list[int], lambdas: list[tuple[int, int]], params: dict[str, Any]) -> None:
        self.t, self.sig, self.lambdas = toks, sig, lambdas
        self.pos = {ti: k for k, ti in enumerate(sig)}  # token index -> position in sig
        self.match = brackets(toks, sig)
        self.counter = 0
        self.indexes = ListIndexes(toks, sig, self.pos, self.match, self._in_lambda, params)
        self.shortest: list[tuple[int, int, str]] = []  # the patterns of shortestPath(): first, last, kind

    def tok(self, k: int) -> Tok | None:
        return self.t[self.sig[k]] if 0 <= k < len(self.sig) else None

    def run(self) -> None:
        n = len(self.sig)
        for k in range(n):
            tok = self.tok(k)
            assert tok is not None
            nxt, prev = self.tok(k + 1), self.tok(k - 1)
            up = tok.upper
            if up in REFUSED_CLAUSES and not (prev and prev.text == "."):
                raise UnsupportedConstruct(REFUSED_CLAUSES[up])
            if tok.kind == "name" and prev is not None and prev.text == ".":
                tok.text = f"`{tok.text}`"  # a property key; LadybugDB reserves some (r.starts, r.ends)
            elif tok.kind == "name" and nxt is not None and nxt.text == "(":
                if not pattern_function(self.t, self.sig, self.pos, self.match, k):  # exists(pattern), size([…])
                    self._function(k, tok)
            elif tok.text == "[" and pattern_comprehension(self.t, self.sig, k, self.pos[self.match[self.sig[k]]]):
                raise UnsupportedConstruct("pattern comprehensions ([(a)-->(b) | …]) but as the argument of size(); "
                                           "count with size([(a)-->(b) | b]) or COUNT { (a)-->(b) }, or OPTIONAL MATCH "
                                           "the pattern and collect()")
            elif tok.text == "[":
                self.indexes.bracket(k, prev)
            elif tok.text == "{" and nxt is not None and nxt.text == "." and prev is not None \
                    and (prev.kind == "name" and prev.upper not in LIST_CONTEXT):
                raise UnsupportedConstruct("map projections (n {.name, ...})")
        patterns: list[tuple[int, int]] = []
        counts: list[int] = []  # sig positions of the { of each COUNT { }
        k = 0
        while k < n:
            if self._implicit_match(k):  # EXISTS { (p)-->() }: Neo4j 5's short form, which LadybugDB cannot parse
                self.tok(k + 1).pre = "MATCH " + self.tok(k + 1).pre  # type: ignore[union-attr]
                if self.tok(k - 1).upper == "COUNT":  # type: ignore[union-attr]
                    counts.append(k)
                k += 1
                end = self._match_clause(k)
                patterns.append((k, end))
                k = end
            elif self.tok(k).upper == "MATCH":  # type: ignore[union-attr]
                opened = self.tok(k - 1), self.tok(k - 2)
                if opened[0] is not None and opened[0].text == "{" and opened[1] is not None and opened[1].upper == "COUNT":
                    counts.append(k - 1)
                end = self._match_clause(k + 1)
                patterns.append((k + 1, end))
                k = end
            elif self._pattern_predicate(k):  # WHERE (p)-[:LEADS]->(): read as EXISTS { MATCH … }, checked so
                end = pattern_end(self.tok, self.pos, self.match, self.sig, k)
                self.tok(k).pre = "EXISTS { MATCH " + self.tok(k).pre  # type: ignore[union-attr]
                self._match_clause(k, until=end)
                self.tok(end - 1).post += " }"  # type: ignore[union-attr]
                patterns.append((k, end))
                k = end
            else:
                k += 1
        label_predicates(self.t, self.sig, self.match, patterns)
        ordered_cuts(self.t, self.sig)
        comprehensions(self.t, self.sig, self.match, self.indexes.defer)  # its brackets become parentheses
        self.indexes.finish()  # a computed index or a slice's bound copies its text as rewritten so far
        guarded_counts(self.t, self.sig, self.pos, self.match, counts)  # last: it copies each COUNT { } as rewritten


    def _pattern_predicate(self, k: int) -> bool:
        """Whether sig position ``k`` opens a pattern used as a predicate (``WHERE (p)-[:LEADS]->()``, after ``AND``,
        ``OR``, ``XOR`` or ``NOT``): the engine matched it as it matched a bound node in a ``MATCH`` (by row offset,
        :func:`.cypher_patterns.end_labels`), so it becomes the ``EXISTS { MATCH … }`` Neo4j reads it as."""
        prev = self.tok(k - 1)
        return (self.tok(k).text == "(" and prev is not None and prev.upper in ("WHERE", "AND", "OR", "XOR", "NOT")  # type: ignore[union-attr]
                and node_pattern_first(self.t, self.sig, self.pos, self.match, self.sig[k]))

    def _implicit_match(self, k: int) -> bool:
        """Whether sig position ``k`` is the ``{`` of ``EXISTS { (…)`` or ``COUNT { (…)``: a pattern without MATCH."""
        prev, nxt = self.tok(k - 1), self.tok(k + 1)
        return self.tok(k).text == "{" and prev is not None and prev.upper in ("EXISTS", "COUNT") \
            and nxt is not None and nxt.text == "("  # type: ignore[union-attr]

    def _in_lambda(self, k: int) -> bool:
        return any(a < k < b for a, b in self.lambdas)

    # ------------------------------------------------------------ MATCH patterns
    def _match_clause(self, k: int, until: int | None = None) -> int:
        """Rewrite the pattern of the MATCH clause starting at sig position ``k``; return where it ends."""
        if in_comprehension(self.t, self.sig, self.match, k):
            raise UnsupportedConstruct("a pattern test or count (EXISTS { }, COUNT { }, exists(), size([(a)-->(b) | b]), "
                                       "a pattern predicate) inside a list comprehension or any()/all()/none()/"
                                       "single(); match the pattern before it (OPTIONAL MATCH … WITH x, count(y))")
        end = until if until is not None else clause_end(self.t, self.sig, k, stop_at_where=True)  # until: a predicate's
        rels: list[tuple[str, set[str] | None, bool]] = []
        empty = False
        ends: list[str] = []  # label(v) IN [...] of the node variables next to a typed relationship
        node: str | None = None  # the variable of the node pattern just read
        written: set[str] | None = None  # the labels the node pattern just read allows (None: any)
        pending: set[str] | None = None  # the labels the next node pattern's variable may have
        j = k
        while j < end:
            tok = self.tok(j)
            nxt = self.tok(j + 1)
            if tok.text == "(":  # type: ignore[union-attr]
                none, written = self._node_pattern(j)
                # a label the relationship before cannot end on matches nothing ((p)-[:PART_OF]->(:Goal): the engine
                # joined by row offset and answered 13 where Neo4j answers 0, a regression check, session 59)
                empty = none or empty or (written is not None and pending is not None and not written & pending)
                node = nxt.text if nxt is not None and nxt.kind == "name" else None
                if node is not None and pending is not None:
                    ends.append(end_labels(node, pending))
                pending = None
                j = self.pos[self.match[self.sig[j]]] + 1
                continue
            if tok.text == "-" and nxt is not None and nxt.text == "[":  # type: ignore[union-attr]
                close = self.pos[self.match[self.sig[j + 1]]]
                rel = self._rel_pattern(j + 1, close)
                rels.append(rel)
                left, right = arrow_ends(rel[1] if not rel[2] else None, getattr(self.tok(j - 1), "text", ""),
                                         "".join(getattr(self.tok(x), "text", "") for x in (close + 1, close + 2)))
                empty = empty or (written is not None and left is not None and not written & left)
                if node is not None and left is not None:
                    ends.append(end_labels(node, left))
                pending = right
                j = close + 1
                continue
            if tok.text == "-" and nxt is not None and nxt.text == "-":  # type: ignore[union-attr]
                name = self._fresh()
                tok.post += f"[{name}]"  # type: ignore[union-attr]
                rels.append((name, None, False))
                j += 2
                continue
            if tok.text == ",":  # type: ignore[union-attr]
                node, pending, written = None, None, None
            j += 1
        preds = uniqueness(rels) + [e for e in ends if e] + (["false"] if empty else [])  # false: two labels
        if preds:
            where = self.tok(end)
            if where is not None and where.upper == "WHERE":
                w_end = clause_end(self.t, self.sig, end + 1, stop_at_where=False)
                where.post += f" ({' AND '.join(preds)}) AND ("
                self.tok(w_end - 1).post += ")"  # type: ignore[union-attr]
            else:
                self.tok(end - 1).post += f" WHERE {' AND '.join(preds)}"  # type: ignore[union-attr]
        return end

    def _node_pattern(self, j: int) -> tuple[bool, set[str] | None]:
        """Rewrite the labels of a node pattern (:func:`.cypher_labels.pattern_labels`), check them
        (:func:`.cypher_patterns.known`); return whether the pattern can match no node (``(n:Program:Goal)``) and the
        labels it allows (``None``: any, as without a label or with ``Node`` among alternatives)."""
        close = self.pos[self.match[self.sig[j]]]
        first = j + 2 if self.tok(j + 1).kind in ("name", "bq") else j + 1  # type: ignore[union-attr]
        texts = [self.tok(x).text.strip("`") for x in range(first, close)]  # type: ignore[union-attr]
        anything = "|" in texts and "Node" in texts
        labels, empty = pattern_labels(self.t, self.sig, first, close)
        for label in labels:
            known(label, NODE_LABELS, "node label")
        return empty, (set(labels) if labels and not anything else None)

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
                types = (types or set()) | {known(tok.text.strip("`"), REL_TYPES, "relationship type")}  # type: ignore[union-attr]
            if tok.text == "*":  # type: ignore[union-attr]
                varlen = True
                kind = next((kind for a, b, kind in self.shortest if a <= x <= b), None)
                if kind is not None:
                    shortest_length(self.tok, x, close_k, kind)
                else:
                    bounded_trail(self.tok, x, close_k)
        return name, types, varlen

    def _fresh(self) -> str:
        self.counter += 1
        return f"{INTERNAL_PREFIX}r{self.counter}"
