"""Checks of a user's read-only Cypher query before either store runs it (:meth:`GraphStore.cypher`).

Both stores call them first, so they answer alike and in the project's words: a write clause is refused, and a
parameter the query uses without a value is named.  The query's strings and comments are blanked first, so a
``$`` or ``CREATE`` inside a string literal counts for nothing.
"""

from __future__ import annotations

import re
from typing import Any

from policykg.errors import QueryError, WriteRefusedError

__all__ = ["WRITE_WORDS", "check_has_clause", "check_parameters", "check_read_only"]

#: The words that open a write clause (and LOAD CSV), which a read-only query never holds as a clause.
WRITE_WORDS = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH")
_WRITE = re.compile(rf"\b({'|'.join(WRITE_WORDS)}|LOAD\s+CSV)\b", re.IGNORECASE)
_STRINGS_AND_COMMENTS = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
# Administration commands of a Neo4j server open their statement (SHOW TRANSACTIONS, TERMINATE TRANSACTIONS, USE system,
# GRANT …): no query of the graph; a READ-mode session does not stop every one of them (a review against the
# Operations Manual, session 51: a user may terminate their own transactions, a load's included).
_ADMIN = re.compile(r"^\s*(USE|SHOW|TERMINATE|GRANT|DENY|REVOKE|ALTER|RENAME|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN"
                    r"|START\s+DATABASE|STOP\s+DATABASE)\b", re.IGNORECASE)
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*|\d+)")
# a name given to a value (RETURN p.name AS create), a property (p.set) or a map key ({delete: 1}): no clause
_NAMES = re.compile(r"\bAS\s+[A-Za-z_]\w*|\.\s*[A-Za-z_]\w*|\b[A-Za-z_]\w*\s*:(?!:)", re.IGNORECASE)
_ALIAS = re.compile(r"\bAS\s+([A-Za-z_]\w*)", re.IGNORECASE)
# What stands before a variable where it is read, never before a clause: an opening bracket, a comma, an operator, or a
# keyword that takes an expression (RETURN create, count(create), ORDER BY create, WHERE create > 1).  A clause opens
# after the end of the one before it: a bracket closed, a name, a number (WITH 1 AS create CREATE (n) still writes).
_READS_AFTER = (r"(?:[(\[{,=<>+\-*/%^|]|\b(?:RETURN|WITH|WHERE|AND|OR|XOR|NOT|IN|BY|DISTINCT|THEN|ELSE|WHEN|CASE|IS"
                r"|UNWIND))\s*")


def check_has_clause(query: str) -> None:
    """Refuse a query holding nothing but comments, white space and semicolons (``// nothing``, ``/* x */``, ``;``),
    which the embedded engine answered with its parser's raw error (mismatched input '<EOF>' expecting {ALTER, …}).

    Raises:
        QueryError: saying the query has no clause.
    """
    code = _STRINGS_AND_COMMENTS.sub(lambda m: " " if m[0].startswith(("//", "/*")) else "x", query)
    if not code.replace(";", " ").strip():
        raise QueryError("the query has no clause: it holds only comments or white space (a query reads the graph "
                         "with MATCH … RETURN …)")


def check_parameters(query: str, params: dict[str, Any]) -> None:
    """Refuse a query that uses a parameter (``$name`` or ``$0``, outside strings and comments)
    that ``params`` does not give, as Neo4j does (Neo.ClientError.Statement.ParameterMissing); the embedded
    engine would read it as null and answer with no rows.

    Raises:
        QueryError: naming the missing parameters.
    """
    used = dict.fromkeys(_PARAMETER.findall(_STRINGS_AND_COMMENTS.sub(" ", query)))
    missing = [name for name in used if name not in params]
    if missing:
        raise QueryError(f"the query uses {', '.join('$' + n for n in missing)} but no value was given for "
                         f"{'it' if len(missing) == 1 else 'them'} (policykg query … --param NAME=VALUE; "
                         "\"params\" in POST /cypher)")


def check_read_only(query: str) -> None:
    """Refuse a query whose clauses (outside strings and comments) would write.

    Both stores call it first, for a clear message: the embedded engine has no
    write clauses at all, and Neo4j enforces read-only access on the server
    (read transactions in a READ-mode session) whatever this check lets through.
    Writing procedures (``CALL db.createLabel``) are left to those two.

    Raises:
        WriteRefusedError: the query holds CREATE, MERGE, SET, DELETE, REMOVE,
            DROP, FOREACH or LOAD CSV.
        QueryError: it is an administration command (``SHOW TRANSACTIONS``, ``TERMINATE TRANSACTIONS``, ``USE``,
            ``GRANT`` …), or it holds more than one statement (``;`` then more): the embedded engine ran each
            statement on its own, outside the read-only transaction (``COMMIT; ALTER TABLE …`` renamed a label for
            every later query of the server, a walkthrough of session 41); its own statements are refused by
            :mod:`policykg.graph.cypher_translate`.
    """
    code = _STRINGS_AND_COMMENTS.sub(" ", query)
    admin = _ADMIN.match(code)
    if admin:
        raise QueryError(f"queries read the graph; {admin.group(1).upper()} opens an administration command of "
                         "the server, which policykg does not run")
    m = _WRITE.search(_aliases_read(code, _NAMES.sub(" ", code)))
    if m:
        raise WriteRefusedError(f"queries are read-only; {m.group(1).upper()} is not allowed (to correct the "
                                "graph, record a decision with policykg curate or the explorer's curation panel: it "
                                "survives every reload)")
    if ";" in code.rstrip().rstrip(";"):
        raise QueryError("one statement per query: run the statements after ';' as queries of their own "
                         "(UNION joins the rows of several)")


def _aliases_read(code: str, blanked: str) -> str:
    """``blanked`` with every place a name given by ``AS`` that is also a write keyword is read blanked too
    (``WITH 1 AS create RETURN create``, ``… AS set RETURN count(set)``): a variable so named is no clause, as
    Neo4j reads it.

    Args:
        code: the query with strings and comments blanked.
        blanked: ``code`` after :data:`_NAMES` (the names themselves blanked where ``AS`` gives them).

    Returns:
        ``blanked`` with those reads blanked; a write clause of the same word after a clause's end stays.
    """
    names = {n for n in _ALIAS.findall(code) if _WRITE.fullmatch(n)}
    for name in names:
        blanked = re.sub(rf"({_READS_AFTER})\b{re.escape(name)}\b", lambda m: m.group(1) + " " * (m.end() - m.end(1)),
                         blanked, flags=re.IGNORECASE)
    return blanked
