"""Brackets after a value that is not a list, written for LadybugDB (a step of :mod:`.cypher_translate`): dynamic
property access, ``n[k]`` with a key computed at run time, and a string indexed, an error only where evaluated.

Neo4j 5 reads a property of a node or relationship by a key held in an expression (openCypher TCK
``expressions/graph/Graph7``, "Dynamic property access": ``n['nam' + 'e']``, ``n[$idx]``):
``MATCH (n:Program) WITH n, 'name' AS k RETURN n[k]`` answers each Program's name, a key no property has answers
null.  LadybugDB has no such access (its ``struct_extract`` takes a literal key only) and the index step took ``k`` for
a list index (the query failed on "cannot evaluate STRING + INT64").  Its tables have one column per property, so
``n[k]`` becomes a test of the key, ``CASE k WHEN 'name' THEN n.`name` WHEN 'id' THEN n.`id` … END``, over the
properties of the tables the variable's pattern allows (every table when it names no label), or only those the text
gives the key (``'name' AS k``, ``UNWIND ['name', 'id'] AS k``, ``[k IN ['name', 'id'] | n[k]]``):

* where those properties hold values of one type, that ``CASE`` answers anywhere in the query;
* where they hold several (``name`` a string, ``doc_count`` an integer, ``aliases`` a list), a ``CASE`` cannot (the
  engine holds one type per expression): as a whole item of a ``RETURN`` the value travels in a map of one field per
  type, ``{_pk_dyn0: CASE … strings …, _pk_dyn1: CASE … integers …}`` (null when the property is), which the mirror
  reads back as the one value it holds (:func:`unwrap`); elsewhere (but in a ``WHERE``, :mod:`.cypher_dynamic`) it is
  refused, naming what to write instead.

A string key written as a literal or parameter (``n['name']``, ``n[$key]``) is a plain property read
(:mod:`.cypher_indexes`).  A map a variable names (``WITH {a: 1, b: 'x'} AS m``, a map parameter:
:func:`.cypher_maps.map_fields`) is read by a key computed at run time the same way, over its fields (a field every map
gives as a literal reads as that literal): a key it has not, a null key or a null map reads null (openCypher TCK
``expressions/map/Map2`` [3], [4]), and the ``CASE`` compares keys with their case (``m['nAMe']`` is null, TCK
``Map2`` [5]; a literal key the map has not is null too: the engine's ``m.nAMe`` read the field ``name``).  Where the
values hold several types, the map of one field per type also stands as the whole argument of such an item's
``collect()`` or ``count()`` (which drop the nulls), and a ``WHERE`` is written once per value
(:mod:`.cypher_dynamic`, before this step).

A string indexed or sliced (``p.name[0]``) is a type error on Neo4j 5 when a row evaluates it (openCypher TCK
``expressions/list/List1`` [9], "Fail at runtime when trying to index something which is not a list"): under a
``WHERE`` no row passes, or in a ``CASE`` branch never taken, the query answers.  The engine's binder refused it
whatever the rows (:func:`.cypher_indexes.not_a_list`).  Where the query's text tells the value is a string (a property
whose column is a string in every table its variable's pattern allows, a list comprehension's variable over a list of
strings), ``s[i]`` becomes ``to_string(to_int64(CASE WHEN s IS NULL THEN NULL ELSE '<STRING_INDEXED>' END))``: null
for a null string (as ``null[0]`` is), else a conversion error naming :data:`STRING_INDEXED`, which the mirror words
as before (``take characters with substring(s, i, 1)``); a string, as what indexes a string is compared with strings
most.  A string literal indexed (``'abc'[0]``) is still refused before running, as Neo4j refuses it when compiling
(TCK ``List1`` [8]).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .cypher_indexes import LIST_CONTEXT
from .cypher_maps import map_fields, pattern_columns, quoted
from .cypher_scope import Scope
from .cypher_tokens import INTERNAL_PREFIX, UnsupportedConstruct

__all__ = ["DYNAMIC_FIELD", "STRING_INDEXED", "DynamicRead", "bracket_access", "dynamic_read", "unwrap", "whole_item"]

#: Prefix of the fields of the map that carries a dynamically read value of one of several types.
DYNAMIC_FIELD = f"{INTERNAL_PREFIX}dyn"
#: The text the engine fails to convert where a string is indexed (``index``) or sliced (``slice``).
STRING_INDEXED = {"index": f"{INTERNAL_PREFIX}a string indexed", "slice": f"{INTERNAL_PREFIX}a string sliced"}
_ITEM_END = {"AS", "ORDER", "SKIP", "LIMIT", "UNION"}


@dataclass
class DynamicRead:
    """``v[k]``, a property of a node or relationship or a field of a map read by a key computed at run time.

    ``first`` and ``close`` are the sig positions of ``v`` and of the ``]``; ``key`` the key's text; ``values`` each
    property or field it may name, with its type (``None`` where the text does not tell) and how to read it.
    """

    first: int
    close: int
    var: str
    key: str
    values: dict[str, tuple[str | None, str]]

    def cases(self) -> list[str]:
        """One ``CASE`` over the key per type the values hold (a value of unknown type is a type of its own)."""
        by_type: dict[str, list[str]] = {}
        for name, (t, _) in sorted(self.values.items()):
            by_type.setdefault(t or f"?{name}", []).append(name)
        return [self.case(names) for names in by_type.values()]

    def case(self, names: list[str]) -> str:
        """``CASE key WHEN 'name' THEN <its value> … END`` over ``names``."""
        return f"CASE {self.key} {' '.join(f'WHEN {quoted(n)} THEN {self.values[n][1]}' for n in names)} END"

    def types(self) -> str:
        """The types of the values, for a message."""
        return ", ".join(sorted({t or "unknown" for t, _ in self.values.values()}))


def dynamic_read(scope: Scope, k: int) -> DynamicRead | None:
    """The dynamic read whose ``[`` is at sig position ``k``: ``v[k]`` whose ``v`` a node or relationship pattern
    binds, or names a map (:func:`.cypher_maps.map_fields`), and whose key is neither a whole-number literal nor a
    string literal or parameter, nor a slice; ``None`` for anything else."""
    if scope.text(k) != "[" or not scope.named(k - 1) or scope.text(k - 2) == ".":
        return None
    name = scope.text(k - 1).strip("`")
    close = scope.partner(k)
    var = scope.text(k - 1)
    if close == k + 1:
        return None
    if _static_key(scope, k, close):
        fields = map_fields(scope, name) if close == k + 2 and getattr(scope.tok(k + 1), "kind", "") == "str" else None
        if fields is None or scope.text(k + 1)[1:-1] in fields:  # left to .cypher_indexes: m.key
            return None
        return DynamicRead(k - 1, close, var, scope.text(k + 1), {})  # a key the map has not (the engine: its field
        # of that name in another case, m['Name'] read m.name)
    columns = pattern_columns(scope, name)
    literals: dict[str, str] = {}  # a map's fields every map gives as a literal: read as that literal (typed so)
    if columns is not None:
        if not (scope.nodes or scope.rels):  # the copy's columns unknown
            return None
        types: dict[str, str | None] = dict(columns)
    else:
        fields = map_fields(scope, name)
        if fields is None:
            return None
        if len({f.lower() for f in fields}) < len(fields):
            raise UnsupportedConstruct(f"{var}[…] of a map whose keys differ only in case ({', '.join(sorted(fields))}): "
                                       "the engine's map fields are named without case; name the keys apart")
        types = {f: t for f, (t, lit) in fields.items() if t != "NULL"}  # null or absent: both read null
        literals = {f: lit for f, (_, lit) in fields.items() if lit is not None}
    key = "".join(t.pre + t.text + t.post for t in scope.t[scope.sig[k + 1]:scope.sig[close - 1] + 1]).strip()
    named = _known_keys(scope, scope.text(k + 1).strip("`")) if close == k + 2 and scope.named(k + 1) else None
    if named is not None:  # the keys the text gives the variable: only their properties' types
        types = {p: t for p, t in types.items() if p in named}
    return DynamicRead(k - 1, close, var, key, {p: (t, literals.get(p, f"{var}.`{p}`")) for p, t in types.items()})


def bracket_access(scope: Scope) -> None:
    """Rewrite, in place, each dynamic read (:func:`dynamic_read`), and each index or slice of what the text tells is
    a string (module docstring).

    Args:
        scope: the query's tokens and what its names stand for, as :func:`.cypher_types.typed_operands` read them
            (the copy's column types in it empty when unknown: then no property read is rewritten).

    Raises:
        UnsupportedConstruct: ``v[k]`` whose values hold several types but as a whole item of a ``RETURN``, the whole
            argument of such an item's ``collect()`` or ``count()``, or in a ``WHERE`` (:mod:`.cypher_dynamic`).
    """
    for k in range(1, len(scope.sig)):
        if scope.text(k) == "[" and (scope.nodes or scope.rels) and _string_indexed(scope, k):
            continue
        read = dynamic_read(scope, k)
        if read is None:
            continue
        if not read.values:
            scope.replace(read.first, read.close, "NULL")
            continue
        cases = read.cases()
        if len(cases) == 1:
            scope.replace(read.first, read.close, f"({cases[0]})")
            continue
        if not (whole_item(scope, read.first, read.close) or _aggregated(scope, read.first, read.close)):
            raise UnsupportedConstruct(
                f"{read.var}[{read.key}], a property or map field named at run time, where the values it may name "
                f"hold several types ({read.types()}), but as a whole item of a RETURN, the argument of such an "
                f"item's collect() or in a WHERE; name the property ({read.var}.name), or test the key: "
                f"CASE {read.key} WHEN 'name' THEN {read.var}.name END")
        unset = " ".join(f"WHEN {quoted(p)} THEN {value} IS NULL" for p, (_, value) in sorted(read.values.items()))
        fields = ", ".join(f"{DYNAMIC_FIELD}{i}: {case}" for i, case in enumerate(cases))
        scope.replace(read.first, read.close,
                      f"CASE WHEN NOT coalesce(CASE {read.key} {unset} END, true) THEN {{{fields}}} END")


def whole_item(scope: Scope, first: int, last: int) -> bool:
    """Whether sig positions ``first..last`` are a whole item of a ``RETURN`` (a map the mirror unwraps there)."""
    before, after = scope.up(first - 1), scope.tok(last + 1)
    starts = before == "RETURN" or (before == "DISTINCT" and scope.up(first - 2) == "RETURN") \
        or (scope.text(first - 1) == "," and _in_return(scope, first - 1))
    return starts and (after is None or after.upper in _ITEM_END or after.text in (",", ";"))


def _aggregated(scope: Scope, first: int, last: int) -> bool:
    """Whether ``first..last`` is the whole argument of ``collect()`` or ``count()`` (``DISTINCT`` or not) that is a
    whole ``RETURN`` item: collect() drops the nulls, and the mirror unwraps each element."""
    opened = first - 2 if scope.up(first - 1) == "DISTINCT" else first - 1
    if scope.text(opened) != "(" or scope.partner(opened) != last + 1 or scope.text(opened - 1).lower() not in (
            "collect", "count") or scope.text(opened - 2) == ".":
        return False
    return whole_item(scope, opened - 1, last + 1)


def _string_indexed(scope: Scope, k: int) -> bool:
    """Rewrite the index or slice at sig position ``k`` to fail when evaluated if what it follows is a string (a
    property, a list comprehension's variable); return whether it did."""
    first = k - 3 if scope.text(k - 2) == "." else k - 1
    if first < 0 or not scope.named(first) or scope.text(first - 1) == ".":
        return False
    if first == k - 3:
        uses = scope.bound.get(scope.text(first).strip("`"))
        key = scope.text(k - 1).strip("`")
        types = set().union(*(scope.column(kind, labels, key) for kind, labels in uses or []))
        value = f"{scope.text(first)}.`{key}`"
    else:
        types = {scope.name_type(scope.text(first).strip("`"))}
        value = scope.text(first)
    if types != {"STRING"}:
        return False
    close = scope.partner(k)
    sliced = any(scope.text(x) == ".." for x in range(k + 1, close))
    failure = STRING_INDEXED["slice" if sliced else "index"]
    scope.replace(first, close, f"to_string(to_int64(CASE WHEN {value} IS NULL THEN NULL ELSE '{failure}' END))")
    return True


def _known_keys(scope: Scope, name: str) -> set[str] | None:
    """The strings the variable ``name`` may hold where the text gives every one (``'name' AS k``, ``UNWIND ['name',
    'id'] AS k``, ``[k IN ['name', 'id'] | …]``), else ``None``."""
    keys: set[str] = set()
    bound = False
    for x in range(1, len(scope.sig)):
        if scope.text(x).strip("`") != name or not scope.named(x):
            continue
        if scope.up(x - 1) == "AS":
            values = _strings(scope, x - 2)
        elif scope.up(x + 1) == "IN" and scope.text(x - 1) in ("[", "("):
            values = _strings(scope, scope.partner(x + 2)) if scope.text(x + 2) == "[" else None
        else:
            continue
        if values is None:
            return None
        keys |= values
        bound = True
    return keys if bound else None


def _strings(scope: Scope, end: int) -> set[str] | None:
    """The values of the string literal, or list literal of string literals, ending at sig position ``end``."""
    tok = scope.tok(end)
    first = scope.partner(end) if scope.text(end) == "]" else end
    if not (scope.text(first - 1) == "," or scope.up(first - 1) in ("WITH", "UNWIND", "DISTINCT", "IN")):
        return None  # part of an expression ('na' + 'me' AS k)
    if tok is not None and tok.kind == "param":  # UNWIND $keys AS k
        value = scope.params.get(tok.text[1:])
        values = value if isinstance(value, list) else [value]
        return {v for v in values if isinstance(v, str)} if all(isinstance(v, str | None) for v in values) else None
    items = [scope.tok(x) for x in range(first + 1 if first < end else first, end if first < end else end + 1)]
    texts = [t for t in items if t is not None and t.text != ","]
    if not texts or any(t.kind != "str" or "\\" in t.text for t in texts) or (first < end and scope.named(first - 1)
                                                                                  and scope.up(first - 1) not in LIST_CONTEXT):
        return None
    return {t.text[1:-1] for t in texts}


def _static_key(scope: Scope, k: int, close: int) -> bool:
    """Whether the index at ``k``..``close`` is left to :mod:`.cypher_indexes`: a literal, a parameter or a slice."""
    if any(scope.text(x) == ".." for x in range(k + 1, close)):
        return True
    if close == k + 2:
        tok = scope.tok(k + 1)
        return tok is not None and tok.kind in ("str", "num", "param")
    return close == k + 3 and scope.text(k + 1) == "-" and scope.tok(k + 2).kind == "num"  # type: ignore[union-attr]


def _in_return(scope: Scope, k: int) -> bool:
    """Whether the ``,`` at sig position ``k`` separates the items of a RETURN (the clause keyword before it, outside
    brackets, is RETURN)."""
    depth = 0
    for x in range(k - 1, -1, -1):
        text = scope.text(x)
        if text in (")", "]", "}"):
            depth += 1
        elif text in ("(", "[", "{"):
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0 and scope.up(x) in ("RETURN", "WITH", "WHERE", "MATCH", "UNWIND", "ORDER", "BY"):
            return scope.up(x) == "RETURN"
    return False


def unwrap(value: dict[str, Any]) -> tuple[bool, Any]:
    """Whether ``value`` (an engine map) carries a dynamically read property (:func:`dynamic_properties`), and that
    value: the one field that is not null (null when none is)."""
    if not value or not all(str(key).startswith(DYNAMIC_FIELD) for key in value):
        return False, None
    return True, next((v for v in value.values() if v is not None), None)
