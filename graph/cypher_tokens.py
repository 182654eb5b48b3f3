"""The token layer of the Cypher rewriting (:mod:`.cypher_translate`): tokens with room for rewrites, matching
brackets, and the names of the columns of a query's RETURN.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from policykg.errors import QueryError

from .query_checks import WRITE_WORDS

__all__ = ["COLUMN_PREFIX", "INTERNAL_PREFIX", "TOKEN", "Tok", "UnsupportedConstruct", "alias_return", "brackets",
           "check_columns", "check_query", "clause_end", "cypher_words", "item_name", "quoted_write_words", "top_level",
           "users_words"]

#: Prefix of the variables the rewriting introduces; result columns with it are dropped.
INTERNAL_PREFIX = "_pk_"


@cache
def cypher_words() -> dict[str, Any]:
    """``graph/data/cypher_words.toml`` parsed once: the word lists of the engine's rewrites, by section (``map_keys``,
    ``held``), each list with the reason it exists written there."""
    with (Path(__file__).parent / "data" / "cypher_words.toml").open("rb") as f:
        return tomllib.load(f)

#: Prefix of the aliases given to every RETURN item (their Neo4j names are in ``Translated.columns``).
COLUMN_PREFIX = "_pkcol"

TOKEN = re.compile(r"""
  (?P<ws>\s+|//[^\n]*|/\*.*?\*/)
| (?P<str>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")
| (?P<bq>`(?:[^`]|``)*`)
| (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
| (?P<param>\$\w+)
| (?P<name>[^\W\d]\w*)
| (?P<op>\.\.|<>|<=|>=|=~|\+=|\S)
""", re.VERBOSE | re.DOTALL)


class UnsupportedConstruct(QueryError):
    """A Cypher construct the embedded engine cannot answer as Neo4j would."""

    def __init__(self, construct: str) -> None:
        super().__init__(f"the embedded Cypher engine does not support {construct}; "
                         "rewrite the query without it, or use the Neo4j store (--store neo4j)")
        self.construct = construct


@dataclass
class Tok:
    """A token of a query: kind (ws, str, bq, num, param, name, op), text, offsets, and text to write before and
    after it (the rewrites)."""

    kind: str
    text: str
    start: int
    end: int
    pre: str = ""
    post: str = ""

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "name" else ""


def brackets(toks: list[Tok], sig: list[int]) -> dict[int, int]:
    """Map each opening and closing bracket token index to its partner (unbalanced ones map to themselves)."""
    stack: list[int] = []
    out: dict[int, int] = {}
    for ti in sig:
        text = toks[ti].text
        if text in ("(", "[", "{"):
            stack.append(ti)
        elif text in (")", "]", "}") and stack:
            o = stack.pop()
            out[o], out[ti] = ti, o
    for ti in sig:
        out.setdefault(ti, ti)
    return out


_PAIRS = {")": "(", "]": "[", "}": "{"}


def quoted_write_words(query: str) -> str:
    """``query`` with a variable named by a write clause's word written in backticks wherever it is named
    (``WITH 1 AS create RETURN create`` -> ``WITH 1 AS `create` RETURN `create```).

    Neo4j reads such a name given by ``AS`` as a variable; the embedded engine's parser takes the word for its clause
    and fails ("mismatched input 'create'").  A name in backticks is the same name on both.  Only words a query names
    by ``AS`` change (a write clause is refused before the rewriting: ``query_checks.check_read_only``), and strings,
    comments and names already in backticks are left as they are.
    """
    toks = [(m.lastgroup, m.group(0)) for m in TOKEN.finditer(query)]
    sig = [(kind, text) for kind, text in toks if kind != "ws"]
    named = {text.upper() for (_k, t0), (kind, text) in itertools.pairwise(sig)
             if t0.upper() == "AS" and kind == "name" and text.upper() in WRITE_WORDS}
    return "".join(f"`{text}`" if kind == "name" and text.upper() in named else text for kind, text in toks)


def check_query(query: str) -> None:
    """Refuse a query the rewriting cannot read: one whose brackets (outside strings, names in backticks and comments)
    do not pair, as every step reads a bracket's partner and an unpaired one (``RETURN [1,2][``, ``MATCH (``,
    ``size(``) ended in an internal error (500, "list index out of range", a fuzz run, session 64) where Neo4j
    answers a syntax error; one naming a variable with a prefix of the rewriting's own names (``_pk_``, ``_pkcol``),
    which would be taken for one of them (``WITH 1 AS _pkcol9 RETURN *`` failed on "list index out of range"); and one
    naming two columns of a RETURN or WITH alike (:func:`check_columns`).

    Raises:
        QueryError: naming the first bracket that pairs with none and where it is, the reserved name, or the column
            named twice.
    """
    stack: list[tuple[str, int]] = []
    for m in TOKEN.finditer(query):
        text = m.group(0)
        if m.lastgroup in ("name", "bq") and text.strip("`").lower().startswith((INTERNAL_PREFIX, COLUMN_PREFIX)):
            raise UnsupportedConstruct(f"a name starting with {INTERNAL_PREFIX} or {COLUMN_PREFIX} ({text}): it names "
                                       "its own variables so")
        if m.lastgroup != "op" or text not in "()[]{}":
            continue
        if text in "([{":
            stack.append((text, m.start()))
        elif not stack or stack[-1][0] != _PAIRS[text]:
            what = f"does not close the {stack[-1][0]} at character {stack[-1][1] + 1}" if stack else "closes nothing"
            raise QueryError(f"the query's brackets do not pair: the {text} at character {m.start() + 1} {what}")
        else:
            stack.pop()
    if stack:
        text, start = stack[-1]
        raise QueryError(f"the query's brackets do not pair: the {text} at character {start + 1} is never closed")
    check_columns(query)


def users_words(message: str, columns: list[str | None], query: str = "") -> str:
    """``message`` (an engine's error about the rewriting of ``query``) without the rewriting's own names or text: a
    quote of the rewritten text that ``query`` does not hold (``Invalid input <… _pk_l0 …>``) is dropped, an alias
    ``_pkcolN`` becomes the name of the RETURN's column N as written (``columns``, :func:`alias_return`), and any
    other name of the rewriting left becomes ``…``."""
    def column(m: re.Match[str]) -> str:
        n = int(m[1])
        name = columns[n] if n < len(columns) else None
        return f"`{name}`" if name is not None else f"column {n + 1} of the RETURN"

    message = re.sub(r" *<([^<>]*)>", lambda m: m[0] if m[1].strip() and m[1].strip() in query else "", message)
    message = re.sub(re.escape(COLUMN_PREFIX) + r"(\d+)\b", column, message)
    return re.sub(r"\S*" + re.escape(INTERNAL_PREFIX) + r"\S*", "…", message)


#: The keywords that end a clause (at the top level of brackets).
_CLAUSE_END = {"WHERE", "RETURN", "WITH", "MATCH", "OPTIONAL", "UNWIND", "ORDER", "SKIP", "LIMIT", "UNION", "CALL"}


def clause_end(toks: list[Tok], sig: list[int], k: int, stop_at_where: bool) -> int:
    """The sig position where the clause part starting at sig position ``k`` ends: the next keyword of
    ``_CLAUSE_END`` outside brackets (``WHERE`` only if ``stop_at_where``; never the ``WITH`` of ``STARTS WITH`` or
    ``ENDS WITH``), the bracket that closes one opened before ``k``, or ``len(sig)``.

    Args:
        toks: the query's tokens; ``sig`` the indexes of those that are not white space.
    """
    depth = 0
    for j in range(k, len(sig)):
        tok = toks[sig[j]]
        if tok.text in ("(", "[", "{"):
            depth += 1
        elif tok.text in (")", "]", "}"):
            depth -= 1
            if depth < 0:
                return j
        elif depth == 0 and tok.upper in _CLAUSE_END and (stop_at_where or tok.upper != "WHERE") \
                and not (tok.upper == "WITH" and j and toks[sig[j - 1]].upper in ("STARTS", "ENDS")):
            return j  # not the WITH of STARTS WITH / ENDS WITH (a regression check, session 59)
    return len(sig)


def top_level(toks: list[Tok], sig: list[int], start: int, stop: int, test: Callable[[Tok], bool]) -> int | None:
    """The first sig position in ``start`` … ``stop`` (exclusive) outside every bracket opened from ``start`` on whose
    token passes ``test`` (the ``|`` of ``[x IN list | expr]``), or ``None``."""
    depth = 0
    for j in range(start, stop):
        text = toks[sig[j]].text
        depth += text in ("(", "[", "{")
        depth -= text in (")", "]", "}")
        if depth == 0 and test(toks[sig[j]]):
            return j
    return None


def alias_return(toks: list[Tok], sig: list[int], query: str) -> list[str | None]:
    """Alias each item of every top-level RETURN by its position; return the first RETURN's column names (an item's
    alias, or its text as written: Neo4j's names)."""
    columns: list[str | None] | None = None
    depth = 0
    for k, ti in enumerate(sig):
        text = toks[ti].text
        depth += text in ("(", "[", "{")
        depth -= text in (")", "]", "}")
        if depth == 0 and toks[ti].upper == "RETURN":
            cols = _alias_items(toks, sig, k + 1, query)
            columns = cols if columns is None else columns
    return columns or []


def _items(toks: list[Tok], sig: list[int], k: int, ends: tuple[str, ...] = ("ORDER", "SKIP", "LIMIT", "UNION")
           ) -> tuple[list[list[int]], int]:
    """The items of the projection (RETURN or WITH) whose first item is at sig position ``k`` (after ``DISTINCT``),
    each as its token indexes, and the sig position where they end (the first of ``ends`` outside brackets, the
    bracket closing one opened before ``k``, or the end)."""
    if k < len(sig) and toks[sig[k]].upper == "DISTINCT":
        k += 1
    items: list[list[int]] = [[]]
    depth = 0
    j = k
    while j < len(sig):
        tok = toks[sig[j]]
        j += 1
        if depth == 0 and tok.upper in ends:
            j -= 1  # the clause after the items starts here
            break
        depth += tok.text in ("(", "[", "{")
        depth -= tok.text in (")", "]", "}")
        if depth < 0:
            j -= 1
            break
        if depth == 0 and tok.text == ",":
            items.append([])
        else:
            items[-1].append(sig[j - 1])
    return [item for item in items if item], j


#: What ends the items of a WITH or RETURN besides ORDER, SKIP, LIMIT and UNION.
_PROJECTION_ENDS = ("ORDER", "SKIP", "LIMIT", "UNION", "WHERE", "MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CALL")


def item_name(toks: list[Tok], item: list[int], query: str) -> str:
    """The name Neo4j gives the projection item of token indexes ``item``: its alias, the variable it is, or its
    text as written."""
    if len(item) > 2 and toks[item[-2]].upper == "AS":
        return toks[item[-1]].text.strip("`").replace("``", "`") if toks[item[-1]].kind == "bq" else toks[item[-1]].text
    if len(item) == 1 and toks[item[0]].kind == "bq":
        return toks[item[0]].text[1:-1].replace("``", "`")
    return query[toks[item[0]].start:toks[item[-1]].end].strip()


def check_columns(query: str) -> None:
    """Refuse a ``RETURN`` or ``WITH`` (anywhere in ``query``) that names two of its columns alike (``RETURN 1 AS a,
    2 AS a``, ``RETURN p.name, p.name``), as Neo4j 5 does ("Multiple result columns with the same name are not
    supported"); the embedded engine answered both (a RETURN's columns are renamed by position, :func:`alias_return`).

    Raises:
        QueryError: naming the clause and the column.
    """
    toks = [Tok(m.lastgroup or "op", m.group(0), m.start(), m.end()) for m in TOKEN.finditer(query)]
    sig = [i for i, t in enumerate(toks) if t.kind != "ws"]
    for k, ti in enumerate(sig):
        word = toks[ti].upper
        before, after = toks[sig[k - 1]] if k else None, toks[sig[k + 1]] if k + 1 < len(sig) else None
        if word not in ("RETURN", "WITH") or (before is not None and (before.text == "." or before.upper in (
                "STARTS", "ENDS"))) or (after is not None and after.text == ":"):
            continue  # not the WITH of STARTS WITH, nor a property key (p.with) or a map's ({with: 1})
        seen: set[str] = set()
        for item in _items(toks, sig, k + 1, _PROJECTION_ENDS)[0]:
            if len(item) == 1 and toks[item[0]].text == "*":
                continue
            name = item_name(toks, item, query)
            if name in seen:
                raise QueryError(f"the {word} names two columns `{name}`, which Neo4j refuses too (multiple result "
                                 "columns with the same name are not supported): give each its own name with AS")
            seen.add(name)


def _alias_items(toks: list[Tok], sig: list[int], k: int, query: str) -> list[str | None]:
    items, j = _items(toks, sig, k)
    cols: list[str | None] = []
    aliases: dict[str, str] = {}
    for item in items:
        if not item:
            continue
        if any(toks[i].upper == "AS" for i in item):
            name = toks[item[-1]].text.strip("`").replace("``", "`")
            # every alias is the engine's own column name: Neo4j's ORDER BY p after RETURN p.name AS p sorts by the
            # alias, LadybugDB bound p to the node and refused to order by it
            aliases[name] = toks[item[-1]].text = f"{COLUMN_PREFIX}{len(cols)}"
            cols.append(name)
        elif len(item) == 1 and toks[item[0]].text == "*":
            return []  # the engine's names (internal variables are dropped by the caller)
        else:
            toks[item[-1]].post += f" AS {COLUMN_PREFIX}{len(cols)}"
            cols.append(item_name(toks, item, query))  # a variable in backticks names its column without them
    _order_by_aliases(toks, sig, j, aliases)
    return cols


def _order_by_aliases(toks: list[Tok], sig: list[int], j: int, aliases: dict[str, str]) -> None:
    """Point the names of the ORDER BY that follows a RETURN (from sig position ``j``) at its renamed aliases."""
    for m in range(j, len(sig)):
        tok = toks[sig[m]]
        if tok.upper in ("SKIP", "LIMIT", "UNION"):
            return
        prev = toks[sig[m - 1]].text if m > 0 else ""
        nxt = toks[sig[m + 1]].text if m + 1 < len(sig) else ""
        if tok.kind in ("name", "bq") and prev != "." and nxt != "(":
            tok.text = aliases.get(tok.text.strip("`").replace("``", "`"), tok.text)

#: Clauses the embedded engine is not given (a read-only query has none of them), by the name an error gives.
REFUSED_CLAUSES = {
    "CALL": "CALL (procedures and subqueries; the first n of each group is an ordered collect() sliced, WITH g, p "
            "ORDER BY p.doc_count DESC WITH g, collect(p.name)[..3] AS top; the labels are MATCH (n) RETURN DISTINCT "
            "labels(n)[1])", "EXPLAIN": "EXPLAIN", "PROFILE": "PROFILE", "LOAD": "LOAD",
    "COPY": "COPY", "ATTACH": "ATTACH", "DETACH": "DETACH", "INSTALL": "INSTALL", "EXPORT": "EXPORT",
    "IMPORT": "IMPORT", "USE": "USE", "ALTER": "ALTER", "BEGIN": "BEGIN", "COMMIT": "COMMIT", "ROLLBACK": "ROLLBACK",
    "CHECKPOINT": "CHECKPOINT",
}
REFUSED_FUNCTIONS = {
    "properties": "properties() (the embedded engine lists unset properties too)",
    "split": "split() but of a string by a string literal that is not empty, split(s, ',') (the embedded engine drops "
             "empty parts)",
    "startnode": "startNode() and endNode(); give the pattern its direction, (a)-[r]->(b), and read a and b",
    "endnode": "startNode() and endNode(); give the pattern its direction, (a)-[r]->(b), and read a and b",
}
