"""A list of integers and floats written for LadybugDB (a step of :mod:`.cypher_translate`).

Neo4j 5 keeps each element's type in a list (openCypher TCK ``expressions/literals/Literals7`` [16]: ``RETURN [2E-01,
', as#?lßdj ', null, 71034856, false]`` answers ``[0.2, ', as#?lßdj ', null, 71034856, false]``, the integer an
integer): ``RETURN [1, 2.5, null]`` is ``[1, 2.5, null]``.  A LadybugDB list holds one type and casts the integers,
``[1.0, 2.5, None]``.  A list literal whose elements' types the text tells (literals, properties, typed aliases:
:meth:`.Scope.operand_type`) and which holds both:

* as a whole item of a ``RETURN`` carries each element in a map of one field per type, ``[{_pk_dyn0: 1, _pk_dyn1:
  CAST(NULL AS DOUBLE)}, {_pk_dyn0: CAST(NULL AS INT64), _pk_dyn1: 2.5}, NULL]``, which the mirror reads back as the
  value it holds (:func:`.cypher_access.unwrap`);
* after ``IN`` (``x IN [1, 2.5]``: 1 equals 1.0 on Neo4j too), as the whole argument of ``size()``, or indexed by a
  literal (``[1, 2.5][0]``, the item itself: :mod:`.cypher_indexes`) is left as it is;
* anywhere else (``UNWIND [1, 2.5] AS x``, a comprehension over it, a ``WITH`` alias), where an element read as a
  float would answer otherwise (``toString(1.0)`` is ``'1.0'``, ``1.0 / 2`` is ``0.5`` where ``1 / 2`` is ``0``), is
  refused, naming what to write.
"""

from __future__ import annotations

from .cypher_access import DYNAMIC_FIELD, whole_item
from .cypher_indexes import LIST_CONTEXT
from .cypher_scope import Scope
from .cypher_tokens import UnsupportedConstruct

__all__ = ["mixed_numbers"]

_NUMBERS = ("INT64", "DOUBLE")


def mixed_numbers(scope: Scope) -> None:
    """Rewrite or refuse, in place, each list literal of integers and floats (module docstring).

    Args:
        scope: the query's tokens and what its names stand for (:class:`.Scope`).

    Raises:
        UnsupportedConstruct: such a list but as a whole ``RETURN`` item, after ``IN``, in ``size()`` or indexed.
    """
    for k in range(len(scope.sig)):
        before = scope.tok(k - 1)
        if scope.text(k) != "[" or (before is not None and (before.kind in ("str", "num", "param", "bq")
                                                            or before.text in (")", "]", "}")
                                                            or (before.kind == "name" and before.upper not in LIST_CONTEXT))):
            continue  # an index, not a list
        close = scope.partner(k)
        items = _items(scope, k, close)
        types = [scope.operand_type(first, last) for first, last in items]
        if not items or any(t is None for t in types) or not set(_NUMBERS) <= set(types) \
                or set(types) - {*_NUMBERS, "NULL"}:
            continue
        membership = scope.up(k - 1) == "IN" and not (scope.named(k - 2) and scope.text(k - 3) in ("[", "("))
        if scope.text(close + 1) == "[" or membership or (
                scope.text(k - 1) == "(" and scope.text(k - 2).lower() == "size" and scope.text(close + 1) == ")"):
            continue
        written = "".join(t.pre + t.text + t.post for t in scope.t[scope.sig[k]:scope.sig[close] + 1])
        if not whole_item(scope, k, close):
            raise UnsupportedConstruct(
                f"a list mixing integers and floats ({written}) but as a whole item of a RETURN, after IN or in size(): "
                "the engine's lists hold one type and would read the integers as floats (1 as 1.0); write them as "
                "floats (1.0), or return the list whole")
        nulls = {"INT64": "CAST(NULL AS INT64)", "DOUBLE": "CAST(NULL AS DOUBLE)"}
        for (first, last), t in zip(items, types, strict=True):
            if t == "NULL":
                continue
            value = "".join(t.pre + t.text + t.post for t in scope.t[scope.sig[first]:scope.sig[last] + 1]).strip()
            fields = ", ".join(f"{DYNAMIC_FIELD}{i}: {value if u == t else nulls[u]}" for i, u in enumerate(_NUMBERS))
            scope.replace(first, last, f"{{{fields}}}")


def _items(scope: Scope, k: int, close: int) -> list[tuple[int, int]]:
    """The sig position ranges of the elements of the list literal ``k..close`` (empty for ``[]`` or a
    comprehension)."""
    if close == k + 1 or (scope.named(k + 1) and scope.up(k + 2) == "IN"):
        return []
    items, first, x = [], k + 1, k + 1
    while x < close:
        if scope.text(x) in ("(", "[", "{"):
            x = scope.partner(x)
        elif scope.text(x) == ",":
            items.append((first, x - 1))
            first = x + 1
        x += 1
    items.append((first, close - 1))
    return items if all(a <= b for a, b in items) else []
