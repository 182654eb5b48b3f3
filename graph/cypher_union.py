"""A query whose parts ``UNION`` joins, run on the embedded engine part by part and joined as Neo4j 5 joins them.

LadybugDB joins a UNION's parts unlike Neo4j 5 (Cypher manual, "UNION": "The number and the names of the columns
must be identical in all queries combined by using UNION"): it matched the columns by position, so ``RETURN 1 AS a,
2 AS b UNION RETURN 3 AS b, 4 AS a`` answered a = 3 (Neo4j matches them by name, a = 4: from 5.26 a different order
is no longer even deprecated); it refused a column holding values of different types in different parts
(``RETURN 1 AS x UNION RETURN 'a' AS x``, "x has data type STRING but INT64 was expected", where Neo4j answers both
rows); and, as the rewriting names each part's columns by position (:func:`.cypher_tokens.alias_return`), it
answered parts returning different columns (``RETURN 1 AS x UNION RETURN 2 AS y``), which Neo4j refuses.  So
:func:`union_parts` splits a query at its top-level ``UNION``\\ s, :func:`check_names` refuses parts whose columns
differ, and :class:`Joined` puts each part's rows in the first part's column order, dropping a row already
answered under ``UNION`` (not ``UNION ALL``) as Neo4j's distinct rows do.  An ``ORDER BY``, ``SKIP`` or ``LIMIT``
belongs to its own part, as on Neo4j (and as the engine read it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

from policykg.errors import QueryError

from .cypher_tokens import COLUMN_PREFIX, INTERNAL_PREFIX, TOKEN

__all__ = ["Joined", "check_names", "part_names", "row_key", "union_parts"]


def union_parts(query: str) -> tuple[list[str], bool]:
    """Split ``query`` at its ``UNION`` and ``UNION ALL`` outside strings, comments and brackets.

    Returns:
        The parts' texts (the query alone when it has no UNION) and whether the union keeps distinct rows only
        (``UNION``) rather than every row (``UNION ALL``).

    Raises:
        QueryError: the query mixes ``UNION`` and ``UNION ALL`` (Neo4j refuses it: "Invalid combination of UNION and
            UNION ALL"), or a part is empty (``RETURN 1 UNION``).
    """
    tokens = [m for m in TOKEN.finditer(query) if m.lastgroup != "ws"]
    parts, kinds, start, depth = [], set(), 0, 0
    for i, m in enumerate(tokens):
        depth += m.lastgroup == "op" and m.group(0) in "([{"
        depth -= m.lastgroup == "op" and m.group(0) in ")]}"
        if depth or m.lastgroup != "name" or m.group(0).upper() != "UNION" or (i and tokens[i - 1].group(0) == "."):
            continue
        every = i + 1 < len(tokens) and tokens[i + 1].group(0).upper() == "ALL"
        kinds.add("UNION ALL" if every else "UNION")
        parts.append(query[start:m.start()])
        start = tokens[i + 1].end() if every else m.end()
    parts.append(query[start:])
    if len(kinds) > 1:
        raise QueryError("the query joins its parts with both UNION and UNION ALL, which Neo4j refuses too (invalid "
                         "combination of UNION and UNION ALL): use one of them throughout")
    if any(not part.strip() for part in parts):
        raise QueryError("a part of the UNION is empty: UNION joins two queries, each ending with RETURN")
    return parts, kinds == {"UNION"}


def check_names(names: list[list[str] | None]) -> None:
    """Refuse a union whose parts return different columns (``names``: each part's column names, ``None`` where the
    engine names them, as for ``RETURN *``, checked by :class:`Joined` once it has); the order may differ.

    Raises:
        QueryError: naming the first part's columns and those of the first part that differs.
    """
    known = [n for n in names if n is not None]
    for other in known[1:]:
        if sorted(other) != sorted(known[0]):
            raise QueryError(f"the parts of the UNION return different columns ({', '.join(known[0])} and "
                             f"{', '.join(other)}), which Neo4j refuses too (all sub queries in a UNION must have the "
                             "same return column names): name them alike with AS, RETURN p.name AS name UNION "
                             "RETURN g.name AS name")


def part_names(columns: list[str], names: list[str | None]) -> tuple[list[int], list[str]]:
    """The engine's ``columns`` of one part as Neo4j names them: the indexes of those to keep (not the rewriting's
    own variables; sorted by name for ``RETURN *``, whose ``names`` is empty, as Neo4j orders them) and their names
    (the one of ``names`` an alias ``_pkcolN`` points at, else the engine's: ``RETURN *``; ``WITH 1 AS _pkcol9 RETURN
    *``, a user's name like an alias of ours, failed on "list index out of range", a fuzz run, session 64)."""
    keep = [i for i, c in enumerate(columns) if not c.startswith(INTERNAL_PREFIX)]
    if not names:
        keep.sort(key=lambda i: columns[i])
    out = []
    for i in keep:
        found = re.fullmatch(re.escape(COLUMN_PREFIX) + r"(\d+)", columns[i])
        name = names[int(found[1])] if found and int(found[1]) < len(names) else None
        out.append(name if name is not None else columns[i])
    return keep, out


def row_key(value: Any) -> Hashable:
    """A key of an engine value (a row's list of them) equal for values Neo4j's distinct rows take as one: numbers
    by value (1 and 1.0 alike), a boolean never as a number, a node or relationship by its identity."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, dict):
        if "_ID" in value:
            return ("entity", str(value["_ID"]))
        return ("map", tuple(sorted((str(k), row_key(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("list", tuple(row_key(v) for v in value))
    return (type(value).__name__, value if isinstance(value, Hashable) else str(value))


class Joined:
    """The rows of a union's parts as Neo4j joins them: in the first part's column order, each distinct once under
    ``UNION``.

    Args:
        names: each part's column names as the rewriting names them (``Translated.columns``; empty for ``RETURN
            *``).
        distinct: ``UNION`` (keep a row once) rather than ``UNION ALL``.
    """

    def __init__(self, names: list[list[str | None]], distinct: bool) -> None:
        self._names, self._distinct = names, distinct
        self._seen: set[Hashable] = set()
        self._order: list[list[int]] = []  # per part: the engine column of each of the first part's columns
        self.columns: list[str] = []

    def sink(self, part: int, columns: list[str]) -> Callable[[list[Any]], bool]:
        """For part number ``part`` (from 0, run in order) whose engine columns are ``columns``: a test of each of
        its rows, false for a row to drop (answered already, under ``UNION``).

        Raises:
            QueryError: the part's columns differ from the first part's (:func:`check_names`; ``RETURN *``).
        """
        keep, names = part_names(columns, self._names[part])
        if part == 0:
            self.columns = names
        check_names([self.columns, names])
        self._order.append(keep if part == 0 else [keep[names.index(name)] for name in self.columns])
        order = self._order[part]

        def accept(row: list[Any]) -> bool:
            if not self._distinct:
                return True
            key = row_key([row[i] for i in order])
            if key in self._seen:
                return False
            self._seen.add(key)
            return True

        return accept

    def arrange(self, part: int, row: list[Any]) -> list[Any]:
        """A row of part ``part`` in the first part's column order."""
        return [row[i] for i in self._order[part]]
