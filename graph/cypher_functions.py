"""Functions of Neo4j's Cypher that LadybugDB names or types differently (a step of :mod:`.cypher_translate`).

* ``toString(x)``: LadybugDB's ``to_string`` wrote a float with six decimals (``toString(2.5)`` was
  ``'2.500000'``, Neo4j ``'2.5'``) and a boolean capitalised (``'True'``).  It becomes a list lambda over the one
  argument that picks by the value's type: a float's trailing zeros dropped (one kept after the point), a boolean
  in lower case, anything else ``to_string``.  A float that needs more than six decimals, or that Neo4j would write
  in scientific notation (below 0.001 or from 10^7 on), still prints as LadybugDB prints it;
* ``toInteger(x)``: no such function in LadybugDB; it truncates towards zero, as Neo4j's does (LadybugDB's own
  cast rounds: ``to_int64(12.7)`` is 13), and reads a numeric string (``'2023'``, ``'12.7'``, ``'002'``) through
  the value's text (a float's to six decimals); a string that is no number is an error there, where Neo4j answers
  null;
* where the query's text shows the argument's type (a literal, a property, a lambda's variable), the call is
  written for that type without a lambda (LadybugDB's nested lambdas over a column's lists went wrong);
* ``toFloat(x)`` is LadybugDB's ``to_double`` (a string that is no number likewise an error);
* ``floor(x)`` and ``ceil(x)`` of an integer are integers in LadybugDB, floats in Neo4j (``floor(2)`` is
  ``2.0``): the argument is made a float first;
* ``round(x)`` and ``round(x, 0)``: Neo4j rounds a tie towards positive infinity (``round(-2.5)`` is ``-2.0``,
  ``round(-0.4)`` ``0.0``), LadybugDB away from zero (``-3.0``, and ``-0.0``): a lambda over the one argument adds 1
  to a negative tie and 0.0 to the rest (in a lambda's body, ``floor(x + 0.5)``, which is Java's rounding but for
  floats within 2^-53 of a tie); with another precision both round half away from zero;
* renamed (:func:`rename_call`): ``type(r)`` is ``label(r)``, ``log(x)`` is ``ln(x)`` (LadybugDB's log is base 10),
  ``relationships(p)`` is ``rels(p)``; ``sum(x)`` is ``coalesce(sum(x), 0)`` (Neo4j: "sum(null) returns 0", LadybugDB
  answered null over no value); ``elementId(x)`` is the text of LadybugDB's ``id(x)`` (an opaque string, unique per
  node and per relationship, as Neo4j's); ``date()`` is ``current_date()``, ``datetime()`` and ``localdatetime()``
  are ``current_timestamp()`` (with a string, ``timestamp(s)``), and ``.year``, ``.month``, ``.day``, ``.quarter``,
  ``.hour``, ``.minute``, ``.second`` of such a call are ``date_part()`` (``date().year - d.year``: "Function DATE did
  not receive correct arguments", a walkthrough, session 63);
* ``head``, ``last``, ``tail`` and ``isEmpty``: no such functions in LadybugDB ("function HEAD does not exist", a
  walkthrough, session 55); the first three become a lambda over ``[xs]`` (null for an empty list's head or last
  element, as on Neo4j), ``isEmpty(xs)`` becomes ``size(xs) = 0`` (null for null).
"""

from __future__ import annotations

from .cypher_rows import guarded, row_reference
from .cypher_tokens import Tok, UnsupportedConstruct

__all__ = ["LIST_FUNCTIONS", "REWRITTEN", "TAIL_BOUNDS", "rename_call", "rewrite_function", "rewrite_list_function",
           "round_half_up"]

#: The functions (lower case) :func:`rewrite_function` rewrites.
REWRITTEN = {"tostring", "tointeger", "tofloat", "floor", "ceil"}

_TO_STRING = ("CASE typeof({v}) WHEN 'DOUBLE' THEN regexp_replace(regexp_replace(to_string({v}), '0+$', ''), "
              "'[.]$', '.0') WHEN 'BOOL' THEN lower(to_string({v})) ELSE to_string({v}) END")
#: The value as a float: through its text, leading zeros dropped (LadybugDB's float syntax refused '002').
_AS_FLOAT = r"to_double(regexp_replace(to_string({v}), '^(-?)0+([0-9])', '\\1\\2'))"
_TO_INTEGER = "to_int64(CASE WHEN {d} < 0 THEN ceil({d}) ELSE floor({d}) END)"


def rewrite_function(toks: list[Tok], sig: list[int], k: int, close: int, arg_type: str | None, in_lambda: bool) -> None:
    """Rewrite the call of a function of :data:`REWRITTEN` whose name is at sig position ``k`` and whose ``)`` is
    at ``close``, in place (the brackets keep their text, so later steps still pair them).

    Args:
        arg_type: the argument's type where the query's text tells it (``INT64``, ``DOUBLE``, ``STRING``…).
        in_lambda: the call is in the body of a list comprehension or ``any()``…: LadybugDB's lambdas over a
            column's lists went wrong when nested (values of other rows after a ``WHERE``), so no lambda is added
            there; ``toString`` of a value of unknown type is then ``to_string``.

    Raises:
        UnsupportedConstruct: ``toInteger`` of a value of unknown type (or a float) in such a body.
    """
    name, opening, closing = toks[sig[k]], toks[sig[k + 1]], toks[sig[close]]
    low = name.text.lower()
    if low == "tofloat":
        name.text = "to_double"
    elif low in ("floor", "ceil"):
        name.text = f"{low}(to_double"
        closing.pre += ")"
    elif low == "tostring" and (arg_type is not None or in_lambda):
        name.text = "to_string"  # an integer's or a string's, or of unknown type in a lambda's body
        if arg_type == "DOUBLE":
            name.text = "regexp_replace(regexp_replace(to_string"
            closing.pre += "), '0+$', ''), '[.]$', '.0'"
        elif arg_type == "BOOLEAN":
            name.text = "lower(to_string"
            closing.pre += ")"
    elif low == "tointeger" and (arg_type == "INT64" or (in_lambda and arg_type == "STRING")):
        name.text = "to_int64"  # a string there must be an integer's ('12.7' is an error, 12 on Neo4j)
    elif low == "tointeger" and in_lambda:
        raise UnsupportedConstruct("toInteger() of a value that may be a float inside a list comprehension, any(), "
                                   "all(), none() or single(); apply it outside, or give it a string or integer")
    else:  # a lambda over the argument, named once: list_extract(list_transform([x], v -> f(v)), 1)
        var = "_pk_v"
        body = _TO_STRING.format(v=var) if low == "tostring" else _TO_INTEGER.format(d=_AS_FLOAT.format(v=var))
        reference = row_reference(toks, sig, k + 2, close)  # toString([y IN … WHERE y < d.year][0]) (cypher_rows)
        body = body if reference is None else guarded(reference, body)
        name.text = "list_extract(list_transform"
        opening.post += "["
        closing.pre += f"], {var} -> {body}"
        closing.post = ", 1)" + closing.post


#: Calls LadybugDB writes otherwise: Neo4j's name (lower case) -> (LadybugDB's name, text after the ")").
_RENAMED = {"type": ("label", ""), "log": ("ln", ""), "relationships": ("rels", ""), "sum": ("coalesce(sum", ", 0)"),
            "elementid": ("to_string(id", ")")}
#: Neo4j's temporal functions: (LadybugDB's without an argument, with one).
_TEMPORAL = {"date": ("current_date", "date"), "datetime": ("current_timestamp", "timestamp"),
             "localdatetime": ("current_timestamp", "timestamp")}
_TEMPORAL_PARTS = {"year", "month", "day", "quarter", "hour", "minute", "second"}


def rename_call(toks: list[Tok], sig: list[int], k: int, close: int) -> bool:
    """Rewrite in place the call whose name is at sig position ``k`` and whose ``)`` is at ``close`` if LadybugDB names
    or writes it otherwise (module docstring); return whether it did.  The brackets keep their text."""
    name = toks[sig[k]]
    low = name.text.lower()
    if low in _RENAMED:
        name.text, after = _RENAMED[low]
        toks[sig[close]].post = after + toks[sig[close]].post
        return True
    if low not in _TEMPORAL:
        return False
    name.text = _TEMPORAL[low][close > k + 2]
    dot, part = (toks[sig[j]] if j < len(sig) else None for j in (close + 1, close + 2))
    if dot is not None and part is not None and dot.text == "." and part.text.lower() in _TEMPORAL_PARTS:
        name.pre += f"date_part('{part.text.lower()}', "
        toks[sig[close]].post = ")" + toks[sig[close]].post
        dot.text, part.text, dot.kind, part.kind = "", "", "raw", "raw"  # no property key any more
    return True


def round_half_up(toks: list[Tok], sig: list[int], k: int, close: int, first_end: int, in_lambda: bool) -> None:
    """Rewrite ``round(x)`` or ``round(x, 0)`` (name at sig position ``k``, ``)`` at ``close``, ``x`` ending at sig
    position ``first_end``) in place to round a tie towards positive infinity, as Neo4j does (module docstring); a
    precision of 0 is dropped.  The brackets keep their text, so later steps still pair them."""
    name, opening, closing = toks[sig[k]], toks[sig[k + 1]], toks[sig[close]]
    for j in range(first_end + 1, close):  # ", 0"
        toks[sig[j]].text = ""
    if in_lambda:  # no lambda of ours in a lambda's body
        name.text = "floor"
        opening.post += "("
        closing.pre += ") + 0.5"
        return
    var = "_pk_r"
    body = f"CASE WHEN {var} < 0 AND {var} - floor({var}) = 0.5 THEN round({var}, 0) + 1 ELSE round({var}, 0) + 0.0 END"
    reference = row_reference(toks, sig, k + 2, close)  # round(size([y IN … WHERE y < d.year]) / 2) (cypher_rows)
    name.text = "list_extract(list_transform"
    opening.post += "["
    closing.pre += f"], {var} -> {body if reference is None else guarded(reference, body)}"
    closing.post = ", 1)" + closing.post


#: Neo4j's list functions LadybugDB has not, as the body of a lambda over the one-element list ``[xs]`` (``{v}``: the
#: lambda's variable); ``isempty`` and ``tail`` are written without one.
_LIST_BODIES = {
    "head": "{v}[CASE WHEN size({v}) > 0 THEN 1 END]",
    "last": "{v}[CASE WHEN size({v}) > 0 THEN size({v}) END]",
}
#: The functions (lower case) :func:`rewrite_list_function` rewrites.
LIST_FUNCTIONS = frozenset({*_LIST_BODIES, "isempty", "tail"})
#: What ``tail(xs)`` becomes, ``list_slice(xs`` and this before its ``)``: the engine's slice from the second element to
#: past any list's end (``[]`` of ``[]`` and of a list of one, null of null, as Neo4j's ``tail``), with no lambda, so
#: it stands in a comprehension's list or body and in ``reduce(… x IN tail(nodes(p)) | …)``.
TAIL_BOUNDS = ", 2, 2147483647"


def rewrite_list_function(toks: list[Tok], sig: list[int], k: int, close: int, in_lambda: bool) -> None:
    """Rewrite a call of :data:`LIST_FUNCTIONS` whose name is at sig position ``k`` and whose ``)`` is at ``close``,
    in place: ``head(xs)`` -> ``(list_extract(list_transform([xs], v -> v[…]), 1))``, ``tail(xs)`` ->
    ``list_slice(xs, 2, 2147483647)`` (:data:`TAIL_BOUNDS`); the brackets keep their text, so later steps still pair
    them.

    Raises:
        UnsupportedConstruct: ``head`` or ``last`` in a list comprehension, a quantifier or a ``reduce()`` (which is
            written as comprehensions; no lambda of ours goes into a lambda: see :func:`rewrite_function`).
    """
    name, opening, closing = toks[sig[k]], toks[sig[k + 1]], toks[sig[close]]
    low = name.text.lower()
    if low == "isempty":  # null for null, as on Neo4j
        name.text = "(size"
        closing.post += " = 0)"
        return
    if low == "tail":
        name.text = "list_slice"
        closing.pre += TAIL_BOUNDS
        return
    if in_lambda:
        raise UnsupportedConstruct(f"{low}() inside a list comprehension, any()/all()/none()/single() or reduce() (the "
                                   f"embedded engine writes reduce() as comprehensions); take it before, WITH {low}(xs) "
                                   f"AS x, or index the list outside, xs[{'0' if low == 'head' else '-1'}]")
    var, body = f"_pk_e{k}", _LIST_BODIES[low].format(v=f"_pk_e{k}")
    reference = row_reference(toks, sig, k + 2, close)  # head([y IN … WHERE y < d.year]): reads d.year (cypher_rows)
    name.text = "(list_extract(list_transform"
    opening.post += "["
    closing.pre += f"], {var} -> {body if reference is None else guarded(reference, body)}), 1)"
