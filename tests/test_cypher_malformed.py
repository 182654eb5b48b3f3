"""Malformed and odd queries on the embedded store's Cypher rewriting (graph/cypher_translate.py and its steps): each
is refused with a QueryError (the API's 400) or rewritten, never an internal error (500) or a rewriting that does
not end.  A schemathesis run (session 64) got 500 "list index out of range" from POST /cypher for ``0+``; a fuzz run
of the rewriting then found the others (each is also a case of test_cypher_corpus's
test_a_malformed_query_is_refused_naming_what_is_wrong, through the engine)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import QueryError
from policykg.graph import cypher_chains
from policykg.graph.cypher_translate import translate

#: Tokens of the queries the fuzz test writes: clauses, brackets, operators, literals, names, functions the
#: rewriting handles, comments.
_WORDS = ["MATCH", "RETURN", "WITH", "UNWIND", "AS", "WHERE", "ORDER", "BY", "LIMIT", "UNION", "EXISTS", "COUNT", "CASE",
          "WHEN", "THEN", "ELSE", "END", "IN", "AND", "NOT", "IS", "NULL", "STARTS", "CONTAINS", "..", ":", ",", ".",
          "|", "||", "-", "->", "<-", "*", "+", "=", "<", "<=", "=~", "0", "-1", "2", "3.5", "'a'", "''", "x", "p",
          "r", "$p", "$s", "collect", "size", "head", "range", "substring", "round", "labels", "toInteger", "exists",
          "any", "shortestPath", "stDev", "Program", "Goal", "LEADS", "name", "sentences", "//c\n", "/*c*/", "中", "`b`"]


def _query(depth: int = 0) -> st.SearchStrategy[str]:
    """Runs of the words above and bracketed runs, the brackets paired or not (up to three deep)."""
    word = st.sampled_from([*_WORDS, "(", ")", "[", "]", "{", "}"])
    if depth >= 3:
        return st.lists(word, max_size=6).map(" ".join)
    bracketed = st.tuples(st.sampled_from(["()", "[]", "{}"]), st.deferred(lambda: _query(depth + 1)),
                          st.booleans()).map(lambda t: t[0][0] + t[1] + (t[0][1] if t[2] else ""))
    return st.lists(st.one_of(word, bracketed), max_size=6).map(" ".join)


@settings(max_examples=200, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(query=st.one_of(_query(), st.text(alphabet="()[]{}.,:|+-<>=*'$ 0xAENDRTU", max_size=12)))
def test_the_rewriting_refuses_or_rewrites_every_query_and_ends(query):
    try:
        translate(query, {}, {"p": [1, 2], "s": "name"})
    except QueryError:
        pass


@pytest.mark.parametrize("query", [
    "0+", "RETURN 'a' +", "RETURN [1,2][", "RETURN x[", "MATCH (", "RETURN size(", "RETURN EXISTS { (",
    "WITH 1 AS x ORDER", "WITH 1 AS x ORDER BY", "RETURN coalesce(, 1)",
])
def test_what_failed_on_an_internal_error_is_refused_or_left_to_the_engine(query):
    try:
        translate(query)
    except QueryError:
        pass


def test_an_end_that_closes_no_case_is_no_operand_reaching_the_start_of_the_query(monkeypatch):
    """``x END + 'a'``: the sum's first term reached back to the query's start, so each guard against a null term
    copied the whole query into itself again (50 times: the server ran out of memory, a fuzz run, session 64)."""
    monkeypatch.setattr(cypher_chains, "_MOST_CHAINS", 8)  # the old growth, 2^8, shows without filling the memory
    for query in ("RETURN x END + 'a'", "RETURN 'a' || x END || 'b'", "RETURN END || END"):
        assert len(translate(query).text) < 5 * len(query) + 120, query


def test_sums_within_sums_grow_the_query_within_a_bound(monkeypatch):
    monkeypatch.setattr(cypher_chains, "_LONGEST", 2_000)
    query = "RETURN " + "".join(f"x{i} + (" for i in range(8)) + "y" + ")" * 8
    with pytest.raises(QueryError, match="nested too deeply"):
        translate(query)
    assert len(translate("RETURN x + (y + z)").text) < 2_000


@pytest.mark.parametrize(("query", "message"), [
    ("RETURN 'a'[0]", "a string cannot be indexed"),
    ("RETURN \"区委\"[-1]", "a string cannot be indexed"),
    ("RETURN 'abc'[0..2]", "a string cannot be sliced"),
    ("RETURN 5[0]", "only a list can be indexed"),
])
def test_a_literal_string_or_number_indexed_is_refused_as_neo4j_refuses_it(query, message):
    """Neo4j 5 refuses a string subscript as a type error; the rewriting answered the character ('a'[0] was "a")."""
    with pytest.raises(QueryError, match=message):
        translate(query)


@pytest.mark.parametrize("query", ["// nothing", "/* x */", "/* x */ // y\n  ", ";", " ; ", "// c\n;", "// it's\n"])
def test_a_query_of_only_comments_has_no_clause(seeded_embedded, query):
    """The engine's parser answered "mismatched input '<EOF>' expecting {ALTER, ANALYZE, ATTACH, …}"."""
    with pytest.raises(QueryError, match=r"^the query has no clause"):
        seeded_embedded.cypher(query)


def test_a_comment_or_a_string_is_no_clause_but_a_clause_in_a_string_is_one(seeded_embedded):
    assert seeded_embedded.cypher("RETURN '// x' AS s /* c */").rows == [["// x"]]
    with pytest.raises(QueryError) as err:  # a string alone: a clause is missing, said by the parser
        seeded_embedded.cypher("'// x'")
    assert "no clause" not in str(err.value)


@pytest.mark.parametrize(("query", "message"), [
    # Neo4j 5: "Multiple result columns with the same name are not supported", for WITH too; the engine answered
    # RETURN 1 AS a, 2 AS a with [[1, 2]] (each RETURN item is renamed by its position)
    ("RETURN 1 AS a, 2 AS a", "the RETURN names two columns `a`"),
    ("MATCH (p:Program) RETURN p.name, p.name", "the RETURN names two columns `p.name`"),
    ("MATCH (p:Program) RETURN p.name AS n, p.id AS `n` LIMIT 1", "the RETURN names two columns `n`"),
    ("MATCH (p:Program) WITH p.name AS n, p.id AS n RETURN n", "the WITH names two columns `n`"),
    ("MATCH (p:Program) WHERE EXISTS { MATCH (p)--(x) WITH x, x AS x RETURN x } RETURN p.name",
     "the WITH names two columns `x`"),
    # Neo4j 5: "All sub queries in an UNION must have the same return column names"; the engine answered (each
    # part's columns renamed by position)
    ("RETURN 1 AS x UNION RETURN 2 AS y", "the parts of the UNION return different columns (x and y)"),
    ("MATCH (p:Program) RETURN p.name AS name, p.id AS id UNION ALL MATCH (g:Goal) RETURN g.name AS name",
     "the parts of the UNION return different columns (name, id and name)"),
    ("MATCH (p:Program) RETURN * UNION MATCH (g:Goal) RETURN g", "different columns (p and g)"),  # named by the engine
    # Neo4j 5: "Invalid combination of UNION and UNION ALL"; the engine's own words were "Union and union all can
    # not be used together"
    ("RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x", "both UNION and UNION ALL"),
    ("RETURN 1 AS x UNION", "a part of the UNION is empty"),
])
def test_columns_named_alike_or_unions_of_other_columns_are_refused_as_neo4j_refuses_them(seeded_embedded, query,
                                                                                         message):
    with pytest.raises(QueryError) as err:
        seeded_embedded.cypher(query)
    assert message in str(err.value)
    assert "Binder exception" not in str(err.value)


@pytest.mark.parametrize("query", [
    "MATCH (p:Program) WHERE p.name STARTS WITH '党' RETURN p.name AS a, p.id AS b",
    "MATCH (p:Program) WITH p, p.name AS n WHERE n ENDS WITH '设' RETURN n, p.id, p.name AS name",
    "RETURN 1 AS a, 2 AS b UNION RETURN 3 AS b, 4 AS a",
    "MATCH (p:Program) RETURN p.name AS name UNION MATCH (g:Goal) RETURN g.name AS name",
])
def test_columns_named_apart_are_answered(seeded_embedded, query):
    seeded_embedded.cypher(query)
