"""Operator precedence of Neo4j's Cypher made explicit for LadybugDB (a step of :mod:`.cypher_translate`).

In Neo4j (the openCypher grammar: ``StringListNullPredicateExpression = AddOrSubtractExpression
{StringPredicate | ListPredicate | NullPredicate}``, each predicate's right operand again an
``AddOrSubtractExpression``), arithmetic binds tighter than ``CONTAINS``, ``STARTS WITH``, ``ENDS WITH``,
``IN`` and ``IS [NOT] NULL``: ``p.name + '工程' CONTAINS '物业工程'`` tests the joined string.  LadybugDB binds those
predicates tighter than arithmetic, read ``p.name + ('工程' CONTAINS '物业工程')`` and refused the query ("Cannot
match a built-in function for given function +(STRING,BOOL)"); ``x IN [1] + [2]`` it read as ``(x IN [1]) + [2]``.
The regular-expression match ``=~`` (a comparison in Neo4j, below arithmetic) LadybugDB binds tighter than ``+``
too: ``p.name + '!' =~ '.*机制!'`` was refused (+(STRING,BOOL)).  Each operand of such a predicate that holds
arithmetic at its own level is put in parentheses, which is how Neo4j groups it already, so the rewrite never
changes a Neo4j answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cypher_tokens import Tok

if TYPE_CHECKING:
    from .cypher_scope import Scope

__all__ = ["binary", "case_words", "group_predicate_operands", "left_operand", "right_operand", "sum_terms", "sum_type"]

#: Arithmetic operators (binding tighter than the predicates in Neo4j, looser in LadybugDB).
_ARITHMETIC = {"+", "-", "*", "/", "%", "^"}
#: Words that end an operand: boolean operators, clause and CASE keywords, the predicates themselves (a CASE
#: expression is one operand: ``CASE`` ends a scan leftwards, ``END`` one rightwards, and each is skipped whole).
_STOP_WORDS = {"AND", "OR", "XOR", "NOT", "WHERE", "RETURN", "WITH", "WHEN", "THEN", "ELSE", "BY", "DISTINCT",
               "UNWIND", "AS", "IN", "CONTAINS", "IS", "STARTS", "ENDS", "ORDER", "SKIP", "LIMIT", "MATCH", "OPTIONAL",
               "UNION", "SET", "YIELD", "ASC", "DESC", "ASCENDING", "DESCENDING"}
#: Operator tokens that end an operand: comparisons, separators, a map key's colon, the comprehension bar.
_STOP_OPS = {"=", "<>", "<", ">", "<=", ">=", "=~", ",", ":", "|", ";"}


def group_predicate_operands(toks: list[Tok], sig: list[int], match: dict[int, int]) -> None:
    """Parenthesise each arithmetic operand of ``CONTAINS``, ``STARTS WITH``, ``ENDS WITH``, ``=~``, ``IN`` and
    ``IS [NOT] NULL`` in place (through the tokens' ``pre`` and ``post``).

    Args:
        toks: the query's tokens (:data:`.cypher_tokens.TOKEN`).
        sig: indexes into ``toks`` of the tokens that are not white space.
        match: the partner of each bracket token (:func:`.cypher_tokens.brackets`).
    """
    pos = {ti: k for k, ti in enumerate(sig)}

    def up(k: int) -> str:
        return toks[sig[k]].upper if 0 <= k < len(sig) else ""

    for k, ti in enumerate(sig):
        word = toks[ti].upper
        if word in ("CONTAINS", "IN") or (word == "WITH" and up(k - 1) in ("STARTS", "ENDS")) or toks[ti].text == "=~":
            left_end = k - 2 if word == "WITH" else k - 1
            _wrap(toks, sig, left_operand(toks, sig, pos, match, left_end), left_end)
            right = right_operand(toks, sig, pos, match, k + 1)
            _wrap(toks, sig, k + 1, right)
        elif word == "IS" and (up(k + 1) == "NULL" or (up(k + 1) == "NOT" and up(k + 2) == "NULL")):
            _wrap(toks, sig, left_operand(toks, sig, pos, match, k - 1), k - 1)


def _ends_operand(tok: Tok) -> bool:
    return tok.upper in _STOP_WORDS or (tok.kind == "op" and tok.text in _STOP_OPS)


def left_operand(toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int], k: int) -> int:
    """The sig position where the operand ending at ``k`` starts (``k + 1`` when there is none)."""
    start = k + 1
    while k >= 0:
        tok = toks[sig[k]]
        if tok.text in (")", "]", "}"):
            k = pos[match[sig[k]]]  # the whole bracket is part of the operand
        elif tok.text in ("(", "[", "{") or _ends_operand(tok) or tok.upper == "CASE":
            break
        elif tok.upper == "END":
            k = _case_start(toks, sig, k)
        start = k
        k -= 1
    return start


def right_operand(toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int], k: int) -> int:
    """The sig position where the operand starting at ``k`` ends (``k - 1`` when there is none)."""
    end = k - 1
    while k < len(sig):
        tok = toks[sig[k]]
        if tok.text in ("(", "[", "{"):
            k = pos[match[sig[k]]]
        elif tok.text in (")", "]", "}") or _ends_operand(tok) or tok.upper == "END":
            break
        elif tok.upper == "CASE":
            k = _case_end(toks, sig, k)
        end = k
        k += 1
    return end


def binary(toks: list[Tok], sig: list[int], k: int) -> bool:
    """Whether the ``+`` or ``-`` at sig position ``k`` has a left operand (after ``(``, ``,`` or ``WHERE`` it is a
    sign)."""
    if k < 1:
        return False
    prev = toks[sig[k - 1]]
    return (prev.kind in ("name", "bq", "num", "str", "param") or prev.text in (")", "]", "}")) \
        and prev.upper not in _STOP_WORDS and prev.upper not in ("CASE", "THEN")


def sum_terms(toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int], k: int) \
        -> list[tuple[str, int, int]]:
    """The terms of the sum (``a + b - c``) holding the binary ``+`` or ``-`` at sig position ``k``: (the operator
    before it, empty for the first; its first and last sig positions), left to right."""
    first, last = left_operand(toks, sig, pos, match, k - 1), right_operand(toks, sig, pos, match, k + 1)
    terms, op, start, j = [], "", first, first
    while j <= last:
        text = toks[sig[j]].text
        if text in ("(", "[", "{"):
            j = pos[match[sig[j]]]
        elif toks[sig[j]].upper == "CASE":
            j = _case_end(toks, sig, j)
        elif text in ("+", "-") and toks[sig[j]].kind == "op" and j > start and binary(toks, sig, j):
            terms.append((op, start, j - 1))
            op, start = text, j + 1
        j += 1
    terms.append((op, start, last))
    return terms


def _case_start(toks: list[Tok], sig: list[int], k: int) -> int:
    """The sig position of the ``CASE`` the ``END`` at ``k`` closes; ``k`` itself for an ``END`` that closes none
    (``RETURN x END + 'a'``: the whole query was its operand, so each guard of :mod:`.cypher_chains` copied the query
    into itself again, 50 times, until the server ran out of memory, a fuzz run, session 64)."""
    depth, j = 0, k
    while j >= 0:
        word = toks[sig[j]].upper
        depth += word == "END"
        depth -= word == "CASE"
        if depth == 0:
            return j
        j -= 1
    return k


def _case_end(toks: list[Tok], sig: list[int], k: int) -> int:
    depth = 0
    while k < len(sig):
        word = toks[sig[k]].upper
        depth += word == "CASE"
        depth -= word == "END"
        if depth == 0:
            return k
        k += 1
    return len(sig) - 1


def _wrap(toks: list[Tok], sig: list[int], first: int, last: int) -> None:
    """Parenthesise sig positions ``first``..``last`` when an arithmetic operator stands at their own level."""
    if first > last:
        return
    depth = 0
    for k in range(first, last + 1):
        tok = toks[sig[k]]
        depth += tok.text in ("(", "[", "{")
        depth -= tok.text in (")", "]", "}")
        if depth == 0 and tok.kind == "op" and tok.text in _ARITHMETIC and k > first:
            toks[sig[first]].pre = "(" + toks[sig[first]].pre
            toks[sig[last]].post += ")"
            return


def case_words(scope: Scope, k: int) -> list[int]:
    """The sig positions of the ``WHEN``, ``THEN`` and ``ELSE`` of the ``CASE`` at sig position ``k`` (not those of a
    ``CASE`` inside it, nor any inside brackets), then of its ``END``; without an ``END`` (the engine's parser error),
    the words up to the query's end."""
    found: list[int] = []
    depth, x = 0, k + 1
    while x < len(scope.sig):
        word = scope.up(x)
        if scope.text(x) in ("(", "[", "{"):
            x = scope.partner(x) + 1
            continue
        if word == "CASE":
            depth += 1
        elif word == "END" and depth:
            depth -= 1
        elif word in ("WHEN", "THEN", "ELSE", "END") and depth == 0:
            found.append(x)
            if word == "END":
                break
        x += 1
    return found


def sum_type(scope: Scope, first: int, last: int) -> str | None:
    """The type of the sum at sig positions ``first..last`` (``d.year + 1``) whose terms' types the text tells
    (:meth:`.Scope.operand_type`): ``INT64`` or ``DOUBLE`` of numbers, ``STRING`` where ``+`` joins a string and
    numbers, strings or booleans (Neo4j's concatenation); ``None`` for anything else, or what is not one sum."""
    x = first + 1
    while x <= last and not (scope.text(x) in ("+", "-") and scope.t[scope.sig[x]].kind == "op"
                             and binary(scope.t, scope.sig, x)):
        x = scope.partner(x) + 1 if scope.text(x) in ("(", "[", "{") else x + 1
    if x > last:
        return None
    terms = sum_terms(scope.t, scope.sig, scope.pos, scope.match, x)
    if terms[0][1] != first or terms[-1][2] != last:
        return None
    types = [scope.operand_type(a, b) for _, a, b in terms]
    if all(t in ("INT64", "DOUBLE") for t in types):
        return "DOUBLE" if "DOUBLE" in types else "INT64"
    if "STRING" in types and all(op != "-" for op, _, _ in terms) \
            and all(t in ("STRING", "INT64", "DOUBLE", "BOOLEAN") for t in types):
        return "STRING"
    return None
