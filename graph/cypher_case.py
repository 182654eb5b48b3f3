"""Property and map keys read with their case, as Neo4j 5 reads them (a step of :mod:`.cypher_translate`, on the text
before the others).

Neo4j's property keys are case-sensitive (the Neo4j 5 Cypher manual, "Naming rules and recommendations"): ``n.Name``
of a node that holds ``name`` is null.  The embedded engine names its columns and a map's fields without case, so
``n.Name`` and ``n['Name']`` read ``name``.  Here:

* ``v.Key`` or ``v['Key']`` of a variable a node or relationship pattern binds, where no table the pattern allows has
  the column ``Key`` but one has it in another case, becomes ``NULL`` (a null typed as that column inside an
  aggregate's argument, ``count(n.Name)``, where the engine cannot hold an untyped null); a key no table has in any
  case is left to the engine, which names it (Neo4j would answer null);
* ``v['key']`` of such a variable, with the column's own case, becomes ``v.`key```, so a comparison with a value of
  another type answers as ``v.key`` does (``p['doc_count'] = 'x'`` is false, :mod:`.cypher_types`; it was a
  conversion error);
* ``m.Key`` or ``m['Key']`` of a map the text gives (a literal ``AS m``, a map parameter, ``$map.Key``) likewise:
  a null where the map has the key only in another case; a key the map holds after another differing only in case
  (``Name`` of ``{name: 1, Name: 2}``, two keys on Neo4j) is refused by name, as the engine reads the first of them;
* a node or relationship pattern's property map with a key in another case than the column's (``(n:Program {Name:
  'x'})``) matches nothing, as on Neo4j: the key takes the column's case and its value ``NULL``;
* the same of a node or relationship read through a list or an alias (``[x IN collect(n) | x.Name]``, ``any(x IN ns
  WHERE …)``, ``UNWIND ns AS x``, ``WITH n AS m``, ``[x IN nodes(p) | …]``, ``head(ns).Name``, ``ns[0].Name``,
  ``nodes(p)[0].Name``; :mod:`.cypher_holds`), the null there
  ``CAST(NULL AS type)`` for a lambda's own element, as the engine's lambdas mishandle a ``CASE`` over it;
* in the body of a list comprehension or quantifier, a sum such a null is a term of is null as a whole
  (``[a IN n.aliases | n.Name + a]`` answered the alias: the engine's lambda read the null string as ``''``);
* ``keys(null)`` and ``labels(null)`` indexed or sliced are ``null[…]``, null (the engine typed the null list a number
  and refused to index it), and so are those of a variable only ever null (``WITH null AS m``) or a parameter given
  null, and ``m[…]`` and ``m.key`` of such a variable or parameter (the engine refused them);
* a map literal's key that the engine reads as a keyword (``{exists: 42}``; ``graph/data/cypher_words.toml``) is
  written in backticks, the same key on both engines.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .cypher_holds import held, held_value, lambda_list
from .cypher_indexes import LIST_CONTEXT
from .cypher_maps import map_fields, table_columns
from .cypher_precedence import binary, sum_terms
from .cypher_scope import Scope
from .cypher_tokens import TOKEN, Tok, UnsupportedConstruct, brackets, cypher_words

__all__ = ["case_sensitive_keys"]

_COMPARISONS = {"=", "<>", "<", ">", "<=", ">=", "=~"}
_WORD_OPERATORS = {"IN", "STARTS", "ENDS", "CONTAINS"}


@cache
def _engine_keywords() -> frozenset[str]:
    """The words (upper case) the engine reads as keywords where Neo4j reads a map key."""
    return frozenset(w.upper() for w in cypher_words()["map_keys"]["engine_keywords"])


def case_sensitive_keys(query: str, schema: dict[str, Any], params: dict[str, Any]) -> str:
    """``query`` with its property and map keys read with their case (module docstring).

    Args:
        query: Neo4j 5 Cypher (its brackets pair: :func:`.cypher_tokens.check_query` ran).
        schema: the copy's column types (:func:`.cypher_copy.build`; empty when unknown: then only map keys change).
        params: the query's parameter values (a map parameter's keys are read from them).

    Returns:
        The query's text, rewritten; the same text when nothing changes.

    Raises:
        UnsupportedConstruct: a map read by a key it holds beside another differing only in case.
    """
    toks = [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(query)]
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    scope = Scope(toks, sig, brackets(toks, sig), schema, params)
    _keyword_map_keys(scope)
    _pattern_maps(scope)
    for k in range(len(sig) - 2):
        _read(scope, k)
        _expression_read(scope, k)
        _null_reads(scope, k)
    return "".join(t.pre + t.text + t.post for t in toks)


def _null_reads(scope: Scope, k: int) -> None:
    """Write ``NULL`` for what reads a null at sig position ``k``: ``keys(x)[…]`` and ``labels(x)[…]`` of a null ``x``
    (:func:`_always_null`; null[…], which is null), ``keys(m)`` and ``labels(m)`` of a variable always null (the
    engine refused the two beside each other), ``m[…]`` and ``m.key`` of one (the engine refused both)."""
    if scope.text(k - 1) == ".":
        return
    if scope.text(k).lower() in ("keys", "labels") and scope.text(k + 1) == "(" and _always_null(scope, k + 2) \
            and scope.text(k + 3) == ")":
        if scope.text(k + 4) == "[":
            scope.replace(k, k + 3, "NULL")
        elif scope.up(k + 2) != "NULL":
            scope.replace(k + 2, k + 2, "NULL")
    elif scope.up(k) != "NULL" and scope.text(k + 1) in (".", "[") and _always_null(scope, k):
        scope.replace(k, k + 2 if scope.text(k + 1) == "." else k, "NULL")


def _always_null(scope: Scope, k: int) -> bool:
    """Whether sig position ``k`` is ``NULL``, a parameter given null, or a variable every ``AS`` of which names
    ``NULL`` alone (``WITH null AS m``; the engine typed it a number, so ``keys(m)[0]`` and ``m[0]`` were refused as
    "only a list can be indexed")."""
    tok = scope.tok(k)
    if tok is None or scope.up(k) == "NULL":
        return tok is not None
    if tok.kind == "param":
        return tok.text[1:] in scope.params and scope.params[tok.text[1:]] is None
    name = tok.text.strip("`")
    if tok.kind not in ("name", "bq") or name in scope.bound or name in scope.lambdas:
        return False
    named = scope.as_names.get(name, [])
    return bool(named) and all(scope.up(x - 2) == "NULL" and scope.item_start(x - 2) == x - 2 for x in named)


def _keyword_map_keys(scope: Scope) -> None:
    """Write in backticks each map literal's key the engine reads as a keyword."""
    opener: list[str] = []
    for k in range(len(scope.sig)):
        text = scope.text(k)
        tok = scope.tok(k)
        if tok is not None and tok.kind == "name" and scope.text(k + 1) == ":" and opener and opener[-1] == "{" \
                and scope.text(k - 1) in ("{", ",") and tok.upper in _engine_keywords():
            tok.text = f"`{tok.text}`"
        if text in ("(", "[", "{"):
            opener.append(text)
        elif text in (")", "]", "}") and opener:
            opener.pop()


def _pattern_maps(scope: Scope) -> None:
    """A pattern's property map key in another case than its column: the column's key, a ``NULL`` value."""
    for kind, labels, first in scope.maps:
        columns = _columns(scope, [(kind, labels)])
        close, x = scope.partner(first), first + 1
        while x < close:
            last = x + 2
            while last < close and scope.text(last) != ",":
                last = scope.partner(last) + 1 if scope.text(last) in ("(", "[", "{") else last + 1
            key = scope.text(x).strip("`")
            if scope.named(x) and scope.text(x + 1) == ":" and key not in columns and columns.get(key.lower()):
                scope.replace(x, x, f"`{columns[key.lower()]}`")
                scope.replace(x + 2, last - 1, "(NULL)")  # no bare name after ':' (a type, to the rewriting)
            x = last + 1


def _columns(scope: Scope, uses: list[tuple[str, set[str] | None]]) -> dict[str, str]:
    """The column names of the tables ``uses`` allow, by their lower case (a name held in two cases: neither)."""
    names = set(table_columns(scope, uses))
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower[name.lower()] = name if name.lower() not in by_lower else ""
    return by_lower | {name: name for name in names}


def _read(scope: Scope, k: int) -> None:
    """Rewrite the read ``v.key`` or ``v['key']`` whose variable, map or parameter is at sig position ``k``."""
    tok = scope.tok(k)
    if tok is None or tok.kind not in ("name", "bq", "param") or scope.text(k - 1) == ".":
        return
    if scope.text(k + 1) == "." and scope.named(k + 2):
        last, key, bracket = k + 2, scope.text(k + 2).strip("`"), False
    elif scope.text(k + 1) == "[" and scope.partner(k + 1) == k + 3 and getattr(scope.tok(k + 2), "kind", "") == "str":
        last, key, bracket = k + 3, scope.text(k + 2)[1:-1], True
    else:
        return
    if tok.kind == "param":
        value = scope.params.get(tok.text[1:])
        _map_read(scope, k, last, key, list(value) if isinstance(value, dict) else None)
        return
    name = tok.text.strip("`")
    uses = held(scope, name, k)  # a pattern's variable, or a node it collected, unwound, aliased (:mod:`.cypher_holds`)
    if not uses:
        if name in scope.lambdas:
            return
        fields = map_fields(scope, name)
        _map_read(scope, k, last, key, list(fields) if fields is not None else None)
        return
    columns = table_columns(scope, uses)
    if key in columns:
        if bracket and key.isidentifier():
            scope.replace(k + 1, last, f".`{key}`")
    elif key.lower() in {c.lower() for c in columns}:
        column = next(c for c in columns if c.lower() == key.lower())
        element = lambda_list(scope, name, k) is not None  # a lambda's element: no CASE over it (module docstring)
        _null_read(scope, k, last, f"CAST(NULL AS {columns[column]})" if element else _typed(tok.text, column))


def _expression_read(scope: Scope, k: int) -> None:
    """Rewrite ``expr.Key`` whose ``.`` is at sig position ``k`` and whose ``expr`` is a node or relationship a list
    gives (``head(ns).Name``, ``ns[0].Name``, ``nodes(p)[0].Name``; :func:`.cypher_holds.held_value`): null where no
    table of it has ``Key`` but one has it in another case, as for a variable (:func:`_read`)."""
    if scope.text(k) != "." or scope.text(k - 1) not in (")", "]") or not scope.named(k + 1) \
            or scope.text(k + 2) in ("(", "."):
        return
    first = _expression_start(scope, k - 1)
    uses = held_value(scope, first, k - 1) if first is not None else None
    if first is None or not uses:
        return
    columns, key = table_columns(scope, uses), scope.text(k + 1).strip("`")
    column = next((c for c in columns if c.lower() == key.lower()), None) if key not in columns else None
    if column is not None:  # no CASE over an expression of a lambda's element (module docstring)
        expr = scope.source(first, k - 1)
        typed = f"CAST(NULL AS {columns[column]})" if scope.in_lambda(k) else _typed(f"({expr})", column)
        _null_read(scope, first, k + 1, typed)


def _expression_start(scope: Scope, end: int) -> int | None:
    """Where the expression ending with the bracket at sig position ``end`` starts: its function's name, the value it
    indexes (``ns[0]``, ``f(x)[0]``), or the bracket itself; ``None`` for what follows a ``.`` (``n.aliases[0]``)."""
    opening = scope.partner(end)
    before = opening - 1
    if scope.text(end) == ")" and scope.named(before) and scope.text(before - 1) != "." \
            and scope.up(before) not in LIST_CONTEXT:  # a function's name, not RETURN (ns[0]).Name
        return before
    if scope.text(end) == "]" and scope.named(before) and scope.up(before) not in LIST_CONTEXT:
        return None if scope.text(before - 1) == "." else before
    if scope.text(end) == "]" and scope.text(before) in (")", "]"):
        return _expression_start(scope, before)
    return opening


def _map_read(scope: Scope, k: int, last: int, key: str, keys: list[str] | None) -> None:
    """``m.Key`` of a map whose keys the text gives (``keys``; ``None``: unknown, left as it is)."""
    if keys is None:
        return
    alike = [x for x in keys if x.lower() == key.lower()]
    if key in keys and key != alike[0]:  # the engine reads the first
        raise UnsupportedConstruct(
            f"reading the key {key} of a map that holds keys differing only in case ({', '.join(sorted(alike))}): the "
            "engine's map fields are named without case; name the keys apart")
    if alike and key not in keys:  # null, typed as the field the engine would read
        _null_read(scope, k, last, _typed(scope.text(k), alike[0]))
    elif not alike:  # a key the map has not: null on Neo4j (the engine: "Invalid struct field name"; {}.a)
        _null_read(scope, k, last, "NULL")


def _null_read(scope: Scope, k: int, last: int, typed: str) -> None:
    """Write a null for the read at ``k..last`` (:func:`_null`; ``typed`` a null of the column's type), or for the
    whole sum it is a term of in the body of a list comprehension or quantifier (``[a IN n.aliases | n.Name + a]``):
    null plus anything is null on Neo4j, where the engine's lambda read a null string as the empty one
    (:mod:`.cypher_chains` makes such a sum null elsewhere)."""
    first, end = k, last
    for op in (k - 1, last + 1):
        if scope.in_lambda(k) and scope.text(op) in ("+", "-") and binary(scope.t, scope.sig, op):
            terms = sum_terms(scope.t, scope.sig, scope.pos, scope.match, op)
            if any((a, b) == (k, last) for _, a, b in terms) and not any(_list(scope, a, b) for _, a, b in terms):
                first, end = terms[0][1], terms[-1][2]
                break
    scope.replace(first, end, _null(scope, first, end, typed))


def _list(scope: Scope, first: int, last: int) -> bool:
    """Whether the term ``first..last`` of a sum is known to be a list (a lambda's variable by its list's elements)."""
    name = scope.text(first).strip("`")
    if first == last and scope.named(first) and lambda_list(scope, name, first) is not None:
        kind = scope.lambdas.get(name)
        return kind is not None and (kind == "LIST" or kind.endswith("[]"))
    return scope.static_list(first, last)


def _typed(var: str, column: str) -> str:
    """A null of the type of the column ``column`` of the variable ``var``'s node, relationship or map, which the
    engine can add to a string and aggregate (it cannot an untyped null: "a vector with ANY type")."""
    return f"(CASE WHEN {var} IS NULL THEN {var}.`{column}` END)"


def _null(scope: Scope, k: int, last: int, typed: str) -> str:
    """A null for the read at ``k..last``: ``NULL`` where it is indexed (null, :mod:`.cypher_indexes`) or an operand of
    a comparison or string operator (which :mod:`.cypher_types` reads: a null typed as the column would make the engine
    convert the other operand, ``'x'`` to an integer); else ``typed``, a null of the column's type."""
    before = scope.up(k - 2) if scope.up(k - 1) == "WITH" else scope.up(k - 1)  # STARTS WITH n.Name
    if scope.text(k - 1) in _COMPARISONS or scope.text(last + 1) in _COMPARISONS or scope.text(last + 1) == "[" \
            or before in _WORD_OPERATORS or scope.up(last + 1) in _WORD_OPERATORS:
        return "NULL"
    return typed
