"""Property keys and maps written for LadybugDB (a step of :mod:`.cypher_translate`): ``keys()``, and the fields of a
map a variable names, which :mod:`.cypher_access` reads by a key computed at run time (``m[k]``).

``keys(n)`` of a node or relationship lists the names of the properties set on it (Neo4j 5 Cypher manual, "List
functions", ``keys()``: "Returns a LIST<STRING> containing the STRING representations for all the property names of a
NODE, RELATIONSHIP or MAP"; ``keys(null)`` is null).  LadybugDB's ``keys()`` lists every column of the node's table,
set or not (a Program's ``year``, ``place``…), so it was refused.  The copy's columns are known per table, so
``keys(n)`` of a variable a node or relationship pattern binds becomes ``CASE WHEN n IS NULL THEN NULL ELSE
list_distinct([CASE WHEN n.`id` IS NOT NULL THEN 'id' END, …]) END`` over the columns of the tables its pattern allows
(``list_distinct`` drops the nulls; no lambda, so it may stand in a comprehension's body).  Neo4j's own nodes also
hold the search indexes' text (``aliases_text`` of an entity, ``text`` of a source document), which the embedded copy
has not: ``keys()`` there lists them too.

``keys()`` of a map literal (``keys({a: 1, b: null})``: both keys, a null value's too, openCypher TCK
``expressions/map/Map3`` [4]), of a map parameter or of a variable every ``AS`` of which names a map literal, a map
parameter or null (``WITH {a: 1} AS m``) is the list literal of its keys; ``keys(null)`` is null.  ``keys()`` of
anything else (a node collected and unwound, a map built by an expression) is refused, naming what it can read.
"""

from __future__ import annotations

from itertools import pairwise

from .cypher_indexes import LIST_CONTEXT
from .cypher_precedence import case_words
from .cypher_scope import Scope, value_type
from .cypher_tokens import UnsupportedConstruct

__all__ = ["empty_maps", "map_choices", "map_fields", "map_lists", "map_sizes", "pattern_columns", "property_keys", "quoted",
           "table_columns"]

#: What a projection's item starts after (besides a comma).
_ITEM_STARTS = {"WITH", "RETURN", "DISTINCT"}


def property_keys(scope: Scope) -> None:
    """Rewrite, in place, each ``keys(x)`` of the query (module docstring).

    Args:
        scope: the query's tokens and what its names stand for (:class:`.Scope`; the copy's column types in it).

    Raises:
        UnsupportedConstruct: ``keys()`` of what is not a node or relationship a pattern binds, a map literal or
            parameter, a variable naming only those, or null.
    """
    for k in range(len(scope.sig) - 2):
        if scope.text(k).lower() != "keys" or not scope.named(k) or scope.text(k + 1) != "(" \
                or scope.text(k - 1) == ".":
            continue
        close = scope.partner(k + 1)
        written = scope.source(k + 2, close - 1)
        if close == k + 2:
            raise UnsupportedConstruct("keys() without an argument; Neo4j 5 takes a node, relationship or map")
        keys = _literal_keys(scope, k + 2, close - 1)
        if keys is not None:
            listed = f"CAST([{', '.join(quoted(key) for key in keys)}] AS STRING[])"
            if scope.named(k + 2):  # a variable: null where it is
                listed = f"CASE WHEN {scope.text(k + 2)} IS NULL THEN CAST(NULL AS STRING[]) ELSE {listed} END"
            _write(scope, k, close, listed)
            continue
        if scope.up(k + 2) == "NULL" and close == k + 3:
            _write(scope, k, close, "CAST(NULL AS STRING[])")
            continue
        columns = pattern_columns(scope, scope.text(k + 2).strip("`")) if close == k + 3 and scope.named(k + 2) else None
        if not columns:
            raise UnsupportedConstruct(
                f"keys({written}) of what is not a node or relationship a MATCH pattern binds, a map literal or a map "
                "parameter (the engine's keys() lists a table's unset properties too); call keys() on the pattern's "
                "variable, MATCH (n:Program) RETURN keys(n)")
        var = scope.text(k + 2)
        tests = ", ".join(f"CASE WHEN {var}.`{c}` IS NOT NULL THEN {quoted(c)} END" for c in columns)
        _write(scope, k, close, f"CASE WHEN {var} IS NULL THEN CAST(NULL AS STRING[]) ELSE list_distinct([{tests}]) END")


def _write(scope: Scope, k: int, close: int, text: str) -> None:
    """Write ``text`` for ``keys(…)`` at sig positions ``k..close``, in the call's own parentheses: an index after it
    (``keys(n)[0]``) then reads them as a bracketed expression (:mod:`.cypher_indexes`)."""
    scope.replace(k, k, "")
    scope.replace(k + 2, close - 1, text)


def map_fields(scope: Scope, name: str) -> dict[str, tuple[str | None, str | None]] | None:
    """The fields of the map the variable ``name`` holds, with each one's type where the text tells it and its
    literal where every map gives it one (``None`` otherwise), where every ``AS name`` of the query names a map
    literal, a map parameter or null; else ``None``.

    Args:
        scope: the query's tokens (:class:`.Scope`).
        name: a variable, without backticks.

    Returns:
        ``{field: (type or None, literal text or None)}`` (empty for a variable only ever null), or ``None`` when the
        text does not tell.
    """
    named = _named_maps(scope, name)
    if named is None:
        return None
    fields: dict[str, tuple[str | None, str | None]] = {}
    for _, got in named:
        for key, value in got.items():
            fields[key] = value if fields.get(key, value) == value else (
                value[0] if fields[key][0] == value[0] else None, None)
    return fields


def _named_maps(scope: Scope, name: str) -> list[tuple[bool, dict[str, tuple[str | None, str | None]]]] | None:
    """Whether each ``AS name`` of the query names ``NULL``, and the fields of the map it names (:func:`_fields`),
    where every one names a map literal, a map parameter or null; ``None`` otherwise, or where none names ``name``."""
    if name in scope.bound or name in scope.lambdas:
        return None
    found = []
    for x in range(2, len(scope.sig)):
        if scope.text(x).strip("`") != name or not scope.named(x) or scope.up(x - 1) != "AS":
            continue
        end = x - 2
        first = scope.partner(end) if scope.text(end) == "}" else end
        if not (scope.up(first - 1) in _ITEM_STARTS or scope.text(first - 1) == ","):
            return None
        got = _fields(scope, first, end)
        if got is None:
            return None
        found.append((first == end and scope.up(first) == "NULL", got))
    return found or None


def _fields(scope: Scope, first: int, end: int) -> dict[str, tuple[str | None, str | None]] | None:
    """The fields of the map literal ``first..end`` (``{`` to ``}``), a map parameter or ``NULL`` at ``first ==
    end`` (each with its type and literal, as :func:`map_fields`); ``None`` for anything else."""
    if first == end:
        tok = scope.tok(first)
        if scope.up(first) == "NULL":
            return {}
        value = scope.params.get(tok.text[1:]) if tok is not None and tok.kind == "param" else None
        if isinstance(value, dict):
            return {str(key): (value_type(v), None) for key, v in value.items()}
        return None
    if scope.text(first) != "{":
        return None
    fields: dict[str, tuple[str | None, str | None]] = {}
    x = first + 1
    while x < end:
        if not (scope.named(x) and scope.text(x + 1) == ":"):
            return None
        last = x + 2
        while last < end and scope.text(last) != ",":
            last = scope.partner(last) + 1 if scope.text(last) in ("(", "[", "{") else last + 1
        lit = scope.literal(x + 2)
        fields[scope.text(x).strip("`")] = (scope.operand_type(x + 2, last - 1),
                                            scope.source(x + 2, last - 1) if lit and lit[0] == last - 1 and
                                            scope.tok(x + 2).kind != "param" else None)  # type: ignore[union-attr]
        x = last + 1
    return fields


def _literal_keys(scope: Scope, first: int, last: int) -> list[str] | None:
    """The keys of the map ``first..last`` where the text gives them: a literal, a parameter, a variable naming
    only those (:func:`map_fields`)."""
    if scope.text(first) == "{" and scope.partner(first) == last:
        fields = _fields(scope, first, last)
        return list(fields) if fields is not None else None
    if first != last:
        return None
    tok = scope.tok(first)
    if tok is not None and tok.kind == "param" and isinstance(scope.params.get(tok.text[1:]), dict):
        return [str(key) for key in scope.params[tok.text[1:]]]
    if scope.named(first):
        fields = map_fields(scope, scope.text(first).strip("`"))
        return list(fields) if fields is not None else None
    return None


def pattern_columns(scope: Scope, name: str) -> dict[str, str] | None:
    """The columns, with their types, of the tables the patterns binding ``name`` allow (in the copy's order; every
    table of the kind where a pattern names no label or type), or ``None`` when no pattern binds it.

    Args:
        scope: the query's tokens (:class:`.Scope`, the copy's column types in it).
        name: a variable, without backticks.
    """
    uses = scope.bound.get(name)
    return table_columns(scope, uses) if uses else None


def table_columns(scope: Scope, uses: list[tuple[str, set[str] | None]]) -> dict[str, str]:
    """The columns, with their types, of the tables ``uses`` allow: ``(kind, labels)`` pairs, ``kind`` "node" or
    "rel", ``labels`` the labels or types a pattern names (``None``: every table of the kind)."""
    columns: dict[str, str] = {}
    for kind, labels in uses:
        tables = scope.nodes if kind == "node" else scope.rels
        for table in labels if labels is not None else tables:
            columns.update(tables.get(table, {}))
    return columns


def quoted(text: str) -> str:
    """``text`` as a Cypher string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def empty_maps(scope: Scope) -> None:
    """Write each empty map literal ``{}`` of the query as the engine's empty map, ``struct_pack()`` (its parser
    refused ``{}``: "Invalid input <{}>", where Neo4j 5 reads a map of no key, the Cypher manual's "Maps": ``WITH {}
    AS m RETURN m`` is ``{}``), and drop a pattern's empty property map (``(n {})``, which constrains nothing); run
    last, on the tokens as the other steps left them (they read ``{}`` as a map literal: ``keys({})`` is ``[]``).

    Args:
        scope: the query's tokens (:class:`.Scope`, whose ``maps`` are the patterns' property maps).
    """
    patterns = {k for _, _, k in scope.maps}
    for k in range(len(scope.sig) - 1):
        opening, closing = scope.tok(k), scope.tok(k + 1)
        if opening is None or closing is None or opening.kind != "op" or opening.text != "{" or closing.text != "}" \
                or scope.up(k - 1) in ("EXISTS", "COUNT", "COLLECT", "CALL"):  # an empty subquery: the engine's error
            continue
        opening.text, closing.text = ("", "") if k in patterns else ("struct_pack(", ")")


def map_sizes(scope: Scope) -> None:
    """Rewrite, in place, ``isEmpty()`` of a map the text gives (a literal, a map parameter, a variable every ``AS`` of
    which names one of those or null) as what Neo4j 5 answers (the manual's "Predicate functions": ``isEmpty({})`` is
    true; the engine's ``size()`` read the map's text, so ``isEmpty({})`` was false), and refuse ``size()`` of one, a
    type error on Neo4j 5 (the manual's ``size()`` takes a string or a list), where the engine answered the length of
    the map's text (``size({a: 1})`` was 6).

    Raises:
        UnsupportedConstruct: ``size()`` of such a map, or ``isEmpty()`` of a variable named for an empty map and for
            one with keys.
    """
    for k in range(len(scope.sig) - 2):
        low = scope.text(k).lower()
        if low not in ("size", "isempty") or not scope.named(k) or scope.text(k + 1) != "(" or scope.text(k - 1) == ".":
            continue
        close = scope.partner(k + 1)
        each = _maps_keys(scope, k + 2, close - 1)
        if not each:
            continue
        written = "".join(t.text for t in scope.t[scope.sig[k]:scope.sig[close] + 1])
        if low == "size":
            raise UnsupportedConstruct(f"size() of a map ({written}), which Neo4j 5 refuses too (size() takes a string "
                                       "or a list; the engine answered the length of the map's text): count its keys, "
                                       "size(keys(m))")
        if len({not keys for keys in each}) > 1:
            raise UnsupportedConstruct(f"isEmpty() of a variable named for an empty map and for one with keys "
                                       f"({written}); test size(keys(m)) = 0")
        value = "true" if not each[0] else "false"
        if scope.named(k + 2):  # a variable: null where it is
            value = f"CASE WHEN {scope.text(k + 2)} IS NULL THEN NULL ELSE {value} END"
        _write(scope, k, close, value)


def _maps_keys(scope: Scope, first: int, last: int) -> list[list[str]] | None:
    """The keys of each map the expression ``first..last`` may be where the text gives them all: a map literal, a map
    parameter, a variable every ``AS`` of which names one of those or null (null names none); ``None`` otherwise, or
    for a variable only ever null."""
    if scope.text(first) == "{" and scope.partner(first) == last:
        fields = _fields(scope, first, last)
        return [list(fields)] if fields is not None else None
    tok = scope.tok(first)
    if first != last or tok is None:
        return None
    if tok.kind == "param":
        value = scope.params.get(tok.text[1:])
        return [[str(key) for key in value]] if isinstance(value, dict) else None
    named = _named_maps(scope, tok.text.strip("`")) if scope.named(first) else None
    if named is None:
        return None
    return [list(fields) for null, fields in named if not null] or None


def map_lists(scope: Scope) -> None:
    """Refuse a list literal holding map literals whose keys differ (``[{a: 2}, {b: 1}]``, ``[{}, {a: 1}]``), which
    Neo4j 5 holds as written (the manual's "Lists": a list can hold values of different types) and the engine, whose
    lists hold maps of one set of keys, answered with the first map's keys for every one (``[{b: 2}, {b: 1}]``) or
    refused ("STRUCT() but expected INT64").

    Raises:
        UnsupportedConstruct: naming the list and what to write instead.
    """
    for k in range(len(scope.sig)):
        before = scope.tok(k - 1)
        if scope.text(k) != "[" or (before is not None and (before.kind in ("str", "num", "param", "bq")
                                                            or before.text in (")", "]", "}")
                                                            or (before.kind == "name" and before.upper not in LIST_CONTEXT))):
            continue  # an index or a slice, not a list
        close, x, seen = scope.partner(k), k + 1, set()
        while x < close:
            end = scope.partner(x) if scope.text(x) in ("(", "[", "{") else x
            if scope.text(end + 1) not in (",", "]"):
                break  # an element that is more than one bracket or token: not a map literal alone
            if scope.text(x) == "{":
                fields = _fields(scope, x, end)
                seen.update([tuple(fields)] if fields is not None else [])  # keys not written plainly: unknown
            x = end + 2
        if len(seen) > 1:
            written = "".join(t.text for t in scope.t[scope.sig[k]:scope.sig[close] + 1])
            raise UnsupportedConstruct(
                f"a list of maps with different keys ({written}): the engine's lists hold maps of one set "
                "of keys, in one order, and it answered the first map's keys for every one; give every map the same "
                "keys in the same order ({a: 2, b: null}, {a: null, b: 1}), or return the maps as columns of their own")


def map_choices(scope: Scope) -> None:
    """Refuse a ``CASE`` whose results, or a ``coalesce()`` whose arguments, are maps with different keys (``CASE WHEN
    … THEN {} ELSE {a: 1} END``, ``coalesce(m, {a: 1})`` of ``WITH {} AS m``), each a map literal, a map parameter or
    a variable naming only those (:func:`_maps_keys`): Neo4j 5 answers the map chosen, keys and all (the manual's
    "CASE" and "Maps"); the engine's values of one expression hold maps of one set of keys, and it failed with its
    binder's message ("STRUCT(a INT64) but expected STRUCT()").

    Raises:
        UnsupportedConstruct: naming the expression and what to write instead.
    """
    for k in range(len(scope.sig) - 1):
        if scope.up(k) == "CASE":
            choices, close = _case_results(scope, k)
        elif scope.text(k).lower() == "coalesce" and scope.named(k) and scope.text(k + 1) == "(" \
                and scope.text(k - 1) != ".":
            close = scope.partner(k + 1)
            choices = _arguments(scope, k + 2, close)
        else:
            continue
        seen = {tuple(keys) for first, last in choices for keys in _maps_keys(scope, first, last) or []}
        if len(seen) > 1:
            written = "".join(t.text for t in scope.t[scope.sig[k]:scope.sig[close] + 1])
            raise UnsupportedConstruct(
                f"a choice between maps with different keys ({written}): the engine's values of one expression hold "
                "maps of one set of keys, in one order; give every map the same keys in the same order ({a: null} "
                "beside {a: 1}, though keys() then lists a), or return each map in a column of its own (CASE WHEN … "
                "THEN {a: 1} END AS m1)")


def _case_results(scope: Scope, k: int) -> tuple[list[tuple[int, int]], int]:
    """The sig position ranges of the results (after ``THEN`` and ``ELSE``) of the ``CASE`` at ``k``, and its ``END``."""
    words = case_words(scope, k)
    results = [(x + 1, y - 1) for x, y in pairwise(words) if scope.up(x) in ("THEN", "ELSE")]
    return results, words[-1] if words else len(scope.sig) - 1


def _arguments(scope: Scope, first: int, close: int) -> list[tuple[int, int]]:
    """The sig position ranges of the arguments between ``first`` and the ``)`` at ``close``."""
    args, start, x = [], first, first
    while x < close:
        if scope.text(x) in ("(", "[", "{"):
            x = scope.partner(x) + 1
            continue
        if scope.text(x) == ",":
            args.append((start, x - 1))
            start = x + 1
        x += 1
    return args + ([(start, close - 1)] if start < close else [])
