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
  reads back as the one value it holds (:func:`unwrap`); elsewhere it is refused, naming what to write instead.

A string key written as a literal or parameter (``n['name']``, ``n[$key]``) is a plain property read
(:mod:`.cypher_indexes`), and ``keys(n)`` is still refused (:mod:`.cypher_tokens`).

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

from typing import Any

from .cypher_indexes import LIST_CONTEXT
from .cypher_scope import Scope
from .cypher_tokens import INTERNAL_PREFIX, UnsupportedConstruct

__all__ = ["DYNAMIC_FIELD", "STRING_INDEXED", "bracket_access", "unwrap"]

#: Prefix of the fields of the map that carries a dynamically read value of one of several types.
DYNAMIC_FIELD = f"{INTERNAL_PREFIX}dyn"
#: The text the engine fails to convert where a string is indexed (``index``) or sliced (``slice``).
STRING_INDEXED = {"index": f"{INTERNAL_PREFIX}a string indexed", "slice": f"{INTERNAL_PREFIX}a string sliced"}
_ITEM_START = {"RETURN", "DISTINCT"}
_ITEM_END = {"AS", "ORDER", "SKIP", "LIMIT", "UNION"}


def bracket_access(scope: Scope) -> None:
    """Rewrite, in place, each ``v[k]`` whose ``v`` a node or relationship pattern binds and whose ``k`` is neither a
    whole-number literal nor a string literal or parameter, nor a slice, and each index or slice of what the text tells
    is a string (module docstring).

    Args:
        scope: the query's tokens and what its names stand for, as :func:`.cypher_types.typed_operands` read them
            (the copy's column types in it empty when unknown: then nothing is rewritten).

    Raises:
        UnsupportedConstruct: ``v[k]`` whose properties hold values of several types outside a whole ``RETURN`` item.
    """
    toks, sig = scope.t, scope.sig
    if not (scope.nodes or scope.rels):
        return
    for k in range(1, len(sig)):
        if scope.text(k) == "[" and _string_indexed(scope, k):
            continue
        if scope.text(k) != "[" or not scope.named(k - 1) or scope.text(k - 2) == ".":
            continue
        uses = scope.bound.get(scope.text(k - 1).strip("`"))
        close = scope.partner(k)
        if not uses or close == k + 1 or _static_key(scope, k, close):
            continue
        columns: dict[str, str] = {}
        for kind, labels in uses:
            tables = scope.nodes if kind == "node" else scope.rels
            for table in labels if labels is not None else tables:
                columns.update(tables.get(table, {}))
        var = scope.text(k - 1)
        key = "".join(t.pre + t.text + t.post for t in toks[sig[k + 1]:sig[close - 1] + 1])
        named = _known_keys(scope, scope.text(k + 1).strip("`")) if close == k + 2 and scope.named(k + 1) else None
        if named is not None:  # the keys the text gives the variable: only their properties' types
            columns = {p: t for p, t in columns.items() if p in named}
            if not columns:
                scope.replace(k - 1, close, "NULL")
                continue
        by_type: dict[str, list[str]] = {}
        for prop, t in sorted(columns.items()):
            by_type.setdefault(t, []).append(prop)
        cases = {t: _case(key, var, props) for t, props in by_type.items()}
        if len(cases) == 1:
            scope.replace(k - 1, close, f"({next(iter(cases.values()))})")
            continue
        if not (scope.up(k - 2) in _ITEM_START or (scope.text(k - 2) == "," and _in_return(scope, k - 2))) \
                or not (scope.tok(close + 1) is None or scope.up(close + 1) in _ITEM_END
                        or scope.text(close + 1) in (",", ";")):
            raise UnsupportedConstruct(
                f"{var}[{key.strip()}], a property named at run time, where the properties it may name hold values of "
                f"several types ({', '.join(sorted(cases))}), but as a whole item of a RETURN; name the property "
                f"({var}.name), or test the key: CASE {key.strip()} WHEN 'name' THEN {var}.name END")
        unset = " ".join(f"WHEN '{p}' THEN {var}.`{p}` IS NULL" for p in sorted(columns))
        fields = ", ".join(f"{DYNAMIC_FIELD}{i}: {case}" for i, case in enumerate(cases.values()))
        scope.replace(k - 1, close, f"CASE WHEN NOT coalesce(CASE {key} {unset} END, true) THEN {{{fields}}} END")


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
    first = scope.partner(end) if scope.text(end) == "]" else end
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


def _case(key: str, var: str, props: list[str]) -> str:
    whens = " ".join(f"WHEN '{p}' THEN {var}.`{p}`" for p in props)
    return f"CASE {key} {whens} END"


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
