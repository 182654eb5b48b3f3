"""List comprehensions of Neo4j's Cypher rewritten for LadybugDB (a step of :mod:`.cypher_translate`).

Neo4j reads ``[x IN list WHERE pred | expr]`` (either part may be left out); LadybugDB has no such syntax and
answered ``Binder exception: Variable x is not in scope``, so the idiom for reading a path,
``[n IN nodes(p) | n.name]``, was out of reach (a researcher's walkthrough, session 41).  LadybugDB's list lambdas
say the same: ``list_transform(list_filter(list, x -> pred), x -> expr)``.  Pattern comprehensions
(``[(a)-->(b) | b.name]``) LadybugDB cannot read ("Function BITWISE_OR did not receive correct arguments",
"Variable x is not in scope": a walkthrough, session 55): :func:`pattern_comprehension` finds them to be refused.

Two faults of LadybugDB's lambdas over a column's lists (a walkthrough over the 67 work reports): ``list_filter``
handed a row other rows' elements when a batch of rows held an empty list (``[a IN p.aliases WHERE a CONTAINS
'制度']`` matched 170 programs, not 74), so a filter becomes ``CASE WHEN size(list) = 0 THEN list ELSE
list_filter(…) END``; and the element itself put into a ``CASE`` result or a list or map literal (``[a IN p.aliases
| CASE WHEN size(a) > 4 THEN a ELSE '' END]``, ``[a IN p.aliases | [left(a, 2), a]]``) came back as other rows'
strings after a ``WHERE``, which no rewrite avoided: that is refused.

Each lambda's list is its own copy (``list_concat(list, [])``): the engine binds a lambda's variable to its list's
elements by giving them the lambda's own state, so two lambdas over one list (``[a IN n.aliases | a + '!'], [a IN
n.aliases | a]``, a quantifier beside a comprehension, one in a ``WHERE`` and one in a ``RETURN``) left all but the
last one's work unread: 72 of 396 rows of the samples wrong, the mapping ``''`` or ``0`` (session 68).  A filter
reads its rows' nulls at the wrong positions once a ``WHERE`` or a ``CASE`` has dropped rows (LadybugDB 0.22's
``list_filter`` tests ``isNull(i)`` for the row at ``sel[i]``: ``[a IN d.aliases WHERE size(a) > 2]`` was null on
``Document:省委1+5文件``, whose list is not), so its list is ``coalesce(list, [])``, never null, and a null list is
tested before it: ``CASE WHEN list IS NULL THEN NULL WHEN size(list) = 0 THEN list ELSE list_filter(coalesce(list,
[]), x -> pred) END``.  The engine reads a lambda's list in slices of 2,048 elements and read a node's or map's
field past the first slice as one of the first slice's, so a lambda that reads its elements' fields fails, naming
:data:`LONG_LIST`, on a row whose list is longer (the mirror words it as a refusal).  Over a variable-length path's
``nodes(p)`` or ``relationships(p)`` the engine read other rows' elements once a batch of rows held more than 2,048 of
them in all (``MATCH p = (a:Program)-[*1..2]-(b) RETURN [x IN nodes(p) | x.id]``: 3,378 of the samples' 5,469 rows
named other paths' nodes, session 69), though it reads ``list_extract(nodes(p), i)`` right: a comprehension or
quantifier over a path's nodes or relationships runs over their positions, ``[i IN range(1, size(nodes(p))) |
list_extract(nodes(p), i).id]``, and a filter maps the positions it keeps back to the elements.  A filter with a
mapping whose test reads a value of the row (``[l IN ['国', '省'] WHERE l = d.level | l + '级']``, ``[a IN p.aliases
WHERE a CONTAINS p.name | a + '!']``) mapped the elements of another row's filter, or none, where the mapping read no
value of the row (LadybugDB 0.22: 66 of the 67 work reports' rows wrong, 202 of 535 Programs with aliases; session 69):
the mapping reads the test too, ``CASE WHEN (test) IS NULL AND (test) IS NOT NULL THEN NULL ELSE (mapping) END``,
which is always the mapping; a mapping, filter or quantifier over an inner lambda that reads the row (``[x IN [y IN
[2005, 2010, 2020] WHERE y < d.year] | x + 1]``: every row the first's) reads the row's value so (:mod:`.cypher_rows`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .cypher_functions import TAIL_BOUNDS
from .cypher_indexes import LIST_CONTEXT
from .cypher_quantifiers import QUANTIFIERS
from .cypher_rows import guarded, row_reference
from .cypher_tokens import INTERNAL_PREFIX, Tok, UnsupportedConstruct, cypher_words, top_level

__all__ = ["LAMBDA_SLICE", "LONG_LIST", "comprehensions", "in_comprehension", "pattern_comprehension"]

#: Most elements whose properties the engine's lambdas read right: LadybugDB 0.22 reads a list's elements in slices
#: of 2,048, and a node's or map's field past the first slice came back as one of the first slice's
#: (``[x IN collect(n) | x.name]`` over the 14,638 nodes of the 2025 reports held 2,048 names, session 68).
LAMBDA_SLICE = 2048
#: The text the engine fails to convert where a lambda would read the fields of a longer list (:func:`_own_copy`).
LONG_LIST = f"{INTERNAL_PREFIX}a long list read by field"



def pattern_comprehension(toks: list[Tok], sig: list[int], k: int, close: int) -> bool:
    """Whether the ``[`` at sig position ``k``, closed at sig position ``close``, opens a pattern comprehension: a
    pattern (``-``, ``->``, ``<-`` at its top level), perhaps named (``[p = (a)--() | p]``), then ``|``."""
    first = k + 3 if k + 3 < close and toks[sig[k + 1]].kind in ("name", "bq") and toks[sig[k + 2]].text == "=" \
        else k + 1
    if first >= close or toks[sig[k]].text != "[" or toks[sig[first]].text != "(":
        return False
    depth, pattern = 0, False
    for j in range(first, close):
        text = toks[sig[j]].text
        depth += text in ("(", "[", "{")
        depth -= text in (")", "]", "}")
        pattern = pattern or (depth == 0 and text in ("-", "->", "<-", "<"))
        if depth == 0 and text == "|":
            return pattern
    return False


def in_comprehension(toks: list[Tok], sig: list[int], match: dict[int, int], k: int) -> bool:
    """Whether sig position ``k`` lies in the body of a list comprehension (``[x IN list WHERE … | …]``) or a
    quantifier (``any(x IN list WHERE …)``, ``all``, ``none``, ``single``): a list lambda of LadybugDB, in which a
    subquery (``EXISTS { }``, ``COUNT { }``) fails the engine's assertion ("UNREACHABLE_CODE").

    Args:
        toks: the query's tokens; ``sig`` the indexes of those that are not white space; ``match`` the partner of
            each bracket token (:func:`.cypher_tokens.brackets`).
    """
    pos = {ti: j for j, ti in enumerate(sig)}

    def text(j: int) -> str:
        return toks[sig[j]].text if 0 <= j < len(sig) else ""

    for j in range(k):
        close = pos[match[sig[j]]]
        if text(j) in ("[", "(") and close > k and j + 2 < len(sig) \
                and toks[sig[j + 1]].kind in ("name", "bq") and toks[sig[j + 2]].upper == "IN" \
                and (text(j) == "[" or (j > 0 and toks[sig[j - 1]].text.lower() in QUANTIFIERS)):
            # the body starts at the WHERE or | after the list (a subquery in the list runs)
            body = top_level(toks, sig, j + 3, close, lambda t: t.text == "|" or t.upper == "WHERE")
            if k > (close if body is None else body):
                return True
    return False


def comprehensions(toks: list[Tok], sig: list[int], match: dict[int, int],
                   defer: Callable[[int, Callable[[], None]], None] | None = None) -> None:
    """Rewrite every list comprehension of the query in place (``toks`` texts; ``sig`` the indexes of the
    tokens that are not white space, ``match`` the partner of each bracket token, as :func:`.cypher_tokens.brackets`
    gives them); the innermost first, so an outer one's list holds its rewritten text.

    Args:
        defer: takes a write that copies a list's text (a filter's tests of its list, the test of a long list) and
            the length of the list's span, to run once the list's own rewrites are written (the slice of
            ``n.aliases[1..]``: :meth:`.cypher_indexes.ListIndexes.defer`); ``None``: written at once.

    Raises:
        UnsupportedConstruct: the mapping puts the element itself into a ``CASE`` result or a list or map literal
            (module docstring).
    """
    pos = {ti: k for k, ti in enumerate(sig)}
    later = defer or (lambda _, write: write())
    for k in range(len(sig) - 3, -1, -1):
        ti = sig[k]
        var, keyword = toks[sig[k + 1]], toks[sig[k + 2]]
        if toks[ti].text not in ("[", "(") or var.kind not in ("name", "bq") or keyword.upper != "IN":
            continue
        close = pos[match[ti]]
        if toks[ti].text == "(":  # any(x IN list WHERE …): its own copy of its list
            if k and toks[sig[k - 1]].kind == "name" and toks[sig[k - 1]].text.lower() in QUANTIFIERS \
                    and not (k > 1 and toks[sig[k - 2]].text == "."):
                end = top_level(toks, sig, k + 3, close, _ends_list) or close
                _guard(toks, sig, end + 1, close - 1, row_reference(toks, sig, k + 3, end))
                _by_position(toks, sig, k, end, close)
                later(end - k, partial(_own_copy, toks, sig, k + 3, end, _reads_fields(toks, sig, end, close, var.text)))
            continue
        where = bar = None
        j = k + 3
        while j < close:
            tok = toks[sig[j]]
            if tok.text in ("(", "[", "{"):
                j = pos[match[sig[j]]] + 1
                continue
            if where is None and bar is None and tok.kind == "name" and tok.text.upper() == "WHERE":
                where = j
            elif bar is None and tok.text == "|":
                bar = j
            j += 1
        if where is None and bar is None:
            continue  # [x IN list] is the list itself; left to the engine
        if bar is not None:
            _check_mapping(toks, sig, bar, close, var.text)
        path = _by_position(toks, sig, k, where if where is not None else bar, close)  # type: ignore[arg-type]
        if path is not None and bar is None:
            toks[ti].pre += "list_transform("  # the positions the filter keeps, mapped to their elements
            toks[sig[close]].post = f", {INTERNAL_PREFIX}j{k} -> list_extract({path}, {INTERNAL_PREFIX}j{k}))" \
                + toks[sig[close]].post
        name = var.text
        if bar is not None:  # the mapping reads what a filter before it reads (module docstring, cypher_rows)
            test = "".join(t.pre + t.text + t.post for t in toks[sig[where + 1]:sig[bar - 1] + 1]) \
                if where is not None and _reads_row(toks, sig, where, bar, name) \
                else row_reference(toks, sig, k + 3, where if where is not None else bar)
            _guard(toks, sig, bar + 1, close - 1, test)
        elif where is not None:
            _guard(toks, sig, where + 1, close - 1, row_reference(toks, sig, k + 3, where))
        # the brackets become parentheses (so later steps still pair them), the functions go before the opening one
        toks[ti].text = "("
        if where is not None:  # list_filter went wrong on an empty list: only the others are filtered
            toks[ti].pre += "list_transform(" if bar is not None else ""
            later(where - k, partial(_filter, toks, sig, k, where, _reads_fields(toks, sig, where, close, name)))
        else:
            toks[ti].pre += "list_transform"
            later(bar - k, partial(_own_copy, toks, sig, k + 3, bar, _reads_fields(toks, sig, bar, close, name)))  # type: ignore[operator]
        var.text = keyword.text = ""
        if where is not None:
            toks[sig[where]].text = f", {name} ->"
        if bar is not None:
            toks[sig[bar]].text = (") END" if where is not None else "") + f", {name} ->"
        elif where is not None:
            toks[sig[close]].post = " END" + toks[sig[close]].post
        toks[sig[close]].text = ")"


def _by_position(toks: list[Tok], sig: list[int], k: int, end: int, close: int) -> str | None:
    """Rewrite the comprehension or quantifier opened at sig position ``k`` (its list ending before ``end``, its body
    closing at ``close``) whose list is a path's nodes or relationships, ``nodes(p)``, to run over the elements'
    positions: ``[x IN nodes(p) | x.id]`` becomes ``[i IN range(1, size(nodes(p))) | list_extract(nodes(p), i).id]``
    (module docstring); ``tail(nodes(p))`` over the positions from the second.  Return the path function's text
    (``nodes(p)``) where it did so, else ``None``."""
    words = cypher_words()["held"]
    first, var = k + 3, toks[sig[k + 1]]
    tail = end - first == 7 and toks[sig[first]].text == "list_slice" and toks[sig[end - 1]].pre == TAIL_BOUNDS \
        and toks[sig[first + 1]].text == "("  # tail(nodes(p)), as rewritten (cypher_functions.TAIL_BOUNDS)
    inner = first + 2 if tail else first
    if end - inner - (1 if tail else 0) != 4 \
            or toks[sig[inner]].text.lower() not in {*words["path_nodes"], *words["path_relationships"]} \
            or toks[sig[inner + 1]].text != "(" or toks[sig[inner + 3]].text != ")":
        return None
    if tail:  # from the second position: the slice's own tokens go
        for j in (first, first + 1, end - 1):
            toks[sig[j]].text = ""
        toks[sig[end - 1]].pre = ""
    first, start = inner, "2" if tail else "1"
    path = "".join(t.pre + t.text + t.post for t in toks[sig[first]:sig[first + 3] + 1])
    index = f"{INTERNAL_PREFIX}i{k}"
    for j in range(end + 1, close):
        tok = toks[sig[j]]
        if tok.kind in ("name", "bq") and tok.text.strip("`") == var.text.strip("`") and toks[sig[j - 1]].text != "." \
                and not (toks[sig[j + 1]].text == ":" and toks[sig[j - 1]].text in ("{", ",")):  # not a map key
            tok.text = f"list_extract({path}, {index})"
    var.text = index
    toks[sig[first]].pre = f"range({start}, size(" + toks[sig[first]].pre
    toks[sig[first + 3]].post += "))"
    return path


def _reads_row(toks: list[Tok], sig: list[int], where: int, bar: int, name: str) -> bool:
    """Whether the test between sig positions ``where`` and ``bar`` reads a name other than the element ``name`` (a
    value of the row, ``d.level``; another lambda's variable counts too), not a key, a function or a keyword."""
    words = {"AND", "OR", "XOR", "NOT", "IS", "NULL", "TRUE", "FALSE", "IN", "STARTS", "ENDS", "WITH", "CONTAINS",
             "CASE", "WHEN", "THEN", "ELSE", "END"}
    for j in range(where + 1, bar):
        tok = toks[sig[j]]
        if tok.kind in ("name", "bq") and tok.text != name and tok.upper not in words \
                and toks[sig[j - 1]].text != "." and toks[sig[j + 1]].text != "(":
            return True
    return False


def _guard(toks: list[Tok], sig: list[int], first: int, last: int, reference: str | None) -> None:
    """Make the lambda body at sig positions ``first..last`` read the row's ``reference`` (:func:`.cypher_rows.guarded`;
    nothing for ``None`` or an empty body)."""
    if reference is None or last < first:
        return
    opening, closing = guarded(reference, "\0").split("\0")
    toks[sig[first]].pre = opening + toks[sig[first]].pre
    toks[sig[last]].post += closing


def _ends_list(tok: Tok) -> bool:
    return tok.upper == "WHERE" or tok.text == "|"


def _filter(toks: list[Tok], sig: list[int], k: int, where: int, long: bool) -> None:
    """Write the filter opened at sig position ``k``, its ``WHERE`` at ``where``, as its list's tests, then the filter
    of the list's copy (module docstring)."""
    items = "".join(t.pre + t.text + t.post for t in toks[sig[k + 3]:sig[where - 1] + 1])
    toks[sig[k]].pre += f"CASE WHEN ({items}) IS NULL THEN NULL WHEN size({items}) = 0 THEN {items} ELSE list_filter"
    _own_copy(toks, sig, k + 3, where, long, filtered=True)


def _own_copy(toks: list[Tok], sig: list[int], first: int, stop: int, long: bool, filtered: bool = False) -> None:
    """Write the list at sig positions ``first`` … ``stop`` (exclusive) of a lambda as a copy of it: ``list_concat(l,
    [])`` (null of null), for a filter, whose list is not null, ``coalesce(list_concat(l, []), [])`` (module
    docstring); where the lambda reads its elements' properties or fields (``long``), the ``[]`` is a slice of ``l``
    that fails naming :data:`LONG_LIST` when ``l`` has more elements than the engine's lambdas read right."""
    if stop <= first:
        return
    items = "".join(t.pre + t.text + t.post for t in toks[sig[first]:sig[stop - 1] + 1])
    empty = (f"list_slice({items}, 2, to_int64(CASE WHEN size({items}) > {LAMBDA_SLICE} THEN '{LONG_LIST}' ELSE '1' "
             "END))") if long else "[]"
    toks[sig[first]].pre = ("coalesce(" if filtered else "") + "list_concat(" + toks[sig[first]].pre
    toks[sig[stop - 1]].post += f", {empty})" + (", [])" if filtered else "")


def _reads_fields(toks: list[Tok], sig: list[int], start: int, close: int, name: str) -> bool:
    """Whether sig positions ``start`` … ``close`` read a property or field of the variable ``name`` (``x.name``,
    ``x['name']``, ``x[k]``)."""
    return any(toks[sig[j]].text == name and toks[sig[j]].kind in ("name", "bq") and toks[sig[j - 1]].text != "."
               and toks[sig[j + 1]].text in (".", "[") for j in range(start + 1, close))


def _check_mapping(toks: list[Tok], sig: list[int], bar: int, close: int, name: str) -> None:
    """Refuse a mapping that puts the element ``name`` itself into a ``CASE`` result (``THEN x``, ``ELSE x``), a
    list literal (``[x, …]``) or a map literal (``{k: x}``): LadybugDB copied other rows' strings there."""
    body = [toks[i] for i in sig[bar + 1:close]]
    opened: list[int] = []  # positions in body of the brackets open at each token
    for j, tok in enumerate(body):
        if tok.text in ("(", "[", "{"):
            opened.append(j)
        elif tok.text in (")", "]", "}"):
            if opened:
                opened.pop()
        elif tok.text == name and tok.kind in ("name", "bq"):
            before = body[j - 1].text if j else ""
            after = body[j + 1].text if j + 1 < len(body) else ""
            if before == "." or after in (".", "(", "["):
                continue  # x.name, a function named like it, x[0]
            inner = body[opened[-1]] if opened else None
            in_case = before.upper() in ("THEN", "ELSE") and after.upper() in ("WHEN", "ELSE", "END")
            literal = inner is not None and inner.text in ("[", "{") and before.upper() != "IN" \
                and not _indexes(body[opened[-1] - 1] if opened[-1] else None)  # [1, 2][x]: x is the index
            if in_case or literal:
                raise UnsupportedConstruct(
                    f"a list comprehension that puts its own element into a CASE result or a list or map "
                    f"([{name} IN … | CASE WHEN … THEN {name} … END], [{name} IN … | [{name}, …]]: the engine "
                    f"returns other rows' strings there); map it through a function of {name}, or filter with WHERE")


def _indexes(before: Tok | None) -> bool:
    """Whether a ``[`` after the token ``before`` opens an index (after a value: a name, a literal, a closing bracket),
    not a list."""
    return before is not None and (before.text in (")", "]", "}") or before.kind in ("bq", "param", "str", "num")
                                   or (before.kind == "name" and before.upper not in LIST_CONTEXT))
